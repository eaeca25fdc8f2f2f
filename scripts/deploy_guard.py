"""Refuse to deploy a directory that must not go online (R10). Run by ``make publish``, hence by
the Netlify build: a non-zero exit makes Netlify keep the previous site.

    .venv/bin/python scripts/deploy_guard.py OUTPUTDIR

Refuses when OUTPUTDIR carries the staff preview's marker file, when it is the preview's own
directory (output-apercu), when it is missing or empty, or when ``NOW`` is set later than the
real time (a production build must never run ahead of an embargo). Exit status 0: deployable.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from label_build.output import PREVIEW_MARKER, is_preview  # noqa: E402

PREVIEW_DIR = "output-apercu"
CLOCK_TOLERANCE = dt.timedelta(minutes=2)  # a NOW copied from a clock a little ahead is fine


def problems(output: Path, now_setting: str | None, real_now: dt.datetime) -> list[str]:
    """Why ``output`` must not be deployed (empty list: it may)."""
    found = []
    if output.resolve().name == PREVIEW_DIR:
        found.append(
            f"{output} est le dossier de l’aperçu sous embargo (make preview) : il ne "
            "doit jamais être publié"
        )
    if is_preview(output):
        found.append(
            f"{output} contient {PREVIEW_MARKER} : c’est un aperçu sous embargo, qui "
            "montre des palmarès pas encore publics. Reconstruisez avec make publish"
        )
    if not output.is_dir() or not any(output.iterdir()):
        found.append(f"{output} est absent ou vide : rien à publier")
    if now_setting:
        try:
            now = dt.datetime.fromisoformat(now_setting)
        except ValueError:
            found.append(f"NOW={now_setting} est illisible")
        else:
            if now.tzinfo is not None and now > real_now + CLOCK_TOLERANCE:
                found.append(
                    f"NOW={now_setting} est dans le futur : une construction publiée "
                    "ne doit pas devancer un embargo ; retirez NOW"
                )
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage : deploy_guard.py OUTPUTDIR", file=sys.stderr)
        return 2
    output = Path(argv[1])
    found = problems(output, os.environ.get("NOW"), dt.datetime.now(dt.UTC))
    for line in found:
        print(f"Publication refusée : {line}.", file=sys.stderr)
    if found:
        print("Le site en ligne reste celui de la dernière publication réussie.", file=sys.stderr)
        return 1
    print(f"{output} : prêt à publier (pas d’aperçu sous embargo).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
