"""Check the data (``make validate``): every problem on its line, a count, each edition's
embargo state, and the news and pages dated after « now ». Exit status 1 when there are errors.

    DATA=data NOW=2026-02-03T11:00:00+01:00 .venv/bin/python scripts/validate.py

Also checks the front matter of the news and pages (``CONTENT``: the content folder, when not
``content/``), as every build does before Pelican reads them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from label_content.dated import held_lines, scan  # noqa: E402
from label_content.front_matter import check_content  # noqa: E402
from label_data.validate import parse_now, report, validate  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

SETTINGS = ROOT / "pelicanconf.py"


def main() -> int:
    try:
        now = parse_now(os.environ.get("NOW"))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    # The parse cache (CACHEDIR/donnees/) makes a second check of the same files fast.
    dataset, problems = validate(
        Path(os.environ.get("DATA") or "data"), os.environ.get("CACHEDIR") or None
    )
    content = {"PATH": os.environ["CONTENT"]} if os.environ.get("CONTENT") else {}
    # The news and pages' front matter, reported with the data (a build checks both first).
    settings = read_settings(str(SETTINGS), override=content)
    front_matter = check_content(settings)
    problems.items.extend(front_matter.items)
    print(report(dataset, problems, now))
    # A header in error says nothing reliable about dates: the list waits until it is fixed.
    dated = [] if front_matter.errors else held_lines(scan(str(SETTINGS), now, content))
    if dated:  # news and pages dated after « now »: under embargo like a palmarès
        print("Actualités et pages sous embargo :")
        print("\n".join(f"  {line}" for line in dated))
    return 1 if problems.errors else 0


if __name__ == "__main__":
    sys.exit(main())
