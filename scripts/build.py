"""Build the site: ``make html`` (demo/local), ``make publish`` (production), ``make preview``.

    .venv/bin/python scripts/build.py [--publish] [--preview] [--settings pelicanconf.py]

Reads ``DATA``, ``NOW``, ``OUTPUTDIR`` and ``CACHEDIR`` from the environment (see README).
With ``--publish`` it also writes the embargo schedule the Netlify scheduled function reads,
``netlify/functions/embargo-publish/embargoes.json`` (``SCHEDULE_FILE`` to write it elsewhere).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEDULE_FILE = ROOT / "netlify" / "functions" / "embargo-publish" / "embargoes.json"
sys.path.insert(0, str(ROOT / "plugins"))

from label_build.driver import build  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--publish", action="store_true", help="production build")
    parser.add_argument(
        "--preview",
        action="store_true",
        help="staff preview: embargoed editions shown, never deployable",
    )
    args = parser.parse_args()
    default_out = "output-apercu" if args.preview else "output"
    output = Path(os.environ.get("OUTPUTDIR") or default_out)
    overrides = {
        "LABEL_DATA": os.environ.get("DATA") or "data",
        "LABEL_NOW": os.environ.get("NOW") or "",
        "LABEL_CACHE": os.environ.get("CACHEDIR") or str(ROOT / ".cache"),
        "LABEL_PREVIEW": args.preview,
    }
    if args.publish:  # the embargo instants, for the Netlify scheduled function only
        overrides["LABEL_SCHEDULE"] = os.environ.get("SCHEDULE_FILE") or str(SCHEDULE_FILE)
    return build(args.settings, output, overrides, publish=args.publish)


if __name__ == "__main__":
    sys.exit(main())
