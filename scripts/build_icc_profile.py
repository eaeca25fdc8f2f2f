"""Rebuild the FOGRA39 ICC profile the print PDFs carry as their PDF/X output intent.

Run once on a Debian machine, from the repository root, then commit the profile:

    sudo apt-get install -y icc-profiles-free argyll
    .venv/bin/python scripts/build_icc_profile.py

In: Fogra's characterisation data of offset printing on coated paper (FOGRA39L, 1,617 CMYK
patches measured in Lab), as Debian's ``icc-profiles-free`` ships it (zlib licence). Out:
``plugins/label_panels/icc/FOGRA39L-villes-internet.icc``, made by ArgyllCMS ``colprof``, with
its header date set to the data's own (December 2006) so that a rebuild with the same tools
gives the same bytes. Neither the site build nor the tests run this: the profile is shipped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "plugins" / "label_panels" / "icc" / "FOGRA39L-villes-internet.icc"
DATA = Path("/usr/share/color/icc/FOGRA39L.ti3")
PACKAGES = ("argyll", "icc-profiles-free")
DESCRIPTION = "Coated FOGRA39 (FOGRA39L, ISO 12647-2:2004) - Villes Internet"
COPYRIGHT = "Data: Fogra, Kai-Uwe Behrmann (icc-profiles-free), zlib licence. No warranty."
# colprof's options: medium quality (the average error is already under 0.2 ΔE), and the
# total ink limit of FOGRA39's usual separations (330 %), which the .ti3 does not state.
OPTIONS = ("-qm", "-l", "330", "-nc", "-D", DESCRIPTION, "-C", COPYRIGHT)
# ICC header: creation date at bytes 24–36 (six big-endian uint16: year … second).
DATE_FIELD = slice(24, 36)
DATA_DATE = (2006, 12, 1, 0, 0, 0)


def _versions() -> str:
    query = ["dpkg-query", "-W", "-f", "${Package} ${Version}\n", *PACKAGES]
    return subprocess.run(query, capture_output=True, text=True, check=True).stdout.strip()


def _colprof(data: Path) -> tuple[bytes, str]:
    """The profile colprof makes from ``data``, and its self-check line (ΔE against the data)."""
    with tempfile.TemporaryDirectory() as tmp:
        stem = Path(tmp) / "FOGRA39L"
        shutil.copyfile(data, stem.with_suffix(".ti3"))
        run = subprocess.run(
            ["colprof", "-v", *OPTIONS, str(stem)], capture_output=True, text=True, check=True
        )
        check = re.findall(r"Profile check complete.*", run.stdout + run.stderr)
        return stem.with_suffix(".icc").read_bytes(), (check[-1] if check else "")


def main() -> int:
    if shutil.which("colprof") is None or not DATA.is_file():
        print("build_icc_profile: needs: sudo apt-get install -y argyll icc-profiles-free")
        return 1
    profile, check = _colprof(DATA)
    date = b"".join(v.to_bytes(2, "big") for v in DATA_DATE)
    profile = profile[: DATE_FIELD.start] + date + profile[DATE_FIELD.stop :]
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(profile)
    print(f"build_icc_profile: {TARGET.relative_to(ROOT)} ({len(profile):,} bytes)")
    print(f"build_icc_profile: colprof {' '.join(OPTIONS[:4])}: {check}")
    print("build_icc_profile: with\n" + _versions())
    return 0


if __name__ == "__main__":
    sys.exit(main())
