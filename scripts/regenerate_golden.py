"""Rewrite the golden files after an intended change (``make golden``).

Run from the repository root:

    .venv/bin/python scripts/regenerate_golden.py

- The panels of ``GOLDEN_SPECS`` as web PNGs (1200 px) into ``tests/golden/panels/``, which
  ``tests/test_panels.py`` compares with fresh renderings.
- A few pages of the demo site built at the tests' « now » (``GOLDEN_PAGES``), normalised
  (one tag per line, fingerprints of assets masked), into ``tests/golden/pages/``, which
  ``tests/test_golden_pages.py`` compares with the suite's demo build.

Look at the new images and read the diff of the pages before committing them.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from label_panels.render import PanelSpec, load_charter, render_png  # noqa: E402

GOLDEN_DIR = ROOT / "tests" / "golden" / "panels"
GOLDEN_WIDTH = 1200
GOLDEN_SPECS = (
    PanelSpec("ville", 5, 2026),
    PanelSpec("village", 1, 2025),
    PanelSpec("territoire", 3, 2026, green=True),
)


PAGES_DIR = ROOT / "tests" / "golden" / "pages"
# The instant the demo is built at for its golden pages and for the tests (tests/conftest.py
# reads it here): 2015–2026 published, 2027 under embargo.
DEMO_NOW = "2026-06-01T12:00:00+02:00"
GOLDEN_PAGES = {
    "collectivite.html": "territoires/saint-etienne-42218/index.html",
    "palmares.html": "palmares/2026/index.html",
    "action.html": "actions/nice-06088-001/index.html",
    "accueil.html": "index.html",
    "recherche.html": "recherche/index.html",
}
_FINGERPRINT = re.compile(r"\.[0-9a-f]{10}\.(css|js)\b")


def normalised_html(text: str) -> str:
    """One tag per line, asset fingerprints masked: a diff that reads, and that a change of
    the stylesheet alone does not touch."""
    text = _FINGERPRINT.sub(r".#.\1", text)
    return re.sub(r">\s*<", ">\n<", text).strip() + "\n"


def write_pages(site: Path) -> None:
    PAGES_DIR.mkdir(parents=True, exist_ok=True)
    for name, page in GOLDEN_PAGES.items():
        html = (site / page).read_text(encoding="utf-8")
        (PAGES_DIR / name).write_text(normalised_html(html), encoding="utf-8")
        print(f"regenerate_golden: {(PAGES_DIR / name).relative_to(ROOT)}")


def build_demo(output: Path) -> None:
    from label_build.driver import build

    overrides = {
        "LABEL_DATA": str(ROOT / "data"),
        "LABEL_NOW": DEMO_NOW,
        "LABEL_CACHE": str(ROOT / ".cache"),
        "LABEL_PREVIEW": False,
    }
    if build(str(ROOT / "pelicanconf.py"), output, overrides) != 0:
        sys.exit("regenerate_golden : la construction du site de démonstration a échoué")


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        build_demo(Path(scratch) / "site")
        write_pages(Path(scratch) / "site")
    charter = load_charter()
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for spec in GOLDEN_SPECS:
        target = GOLDEN_DIR / f"{spec.stem}.png"
        target.write_bytes(render_png(spec, charter, GOLDEN_WIDTH))
        print(f"regenerate_golden: {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
