"""Check the data (``make validate``): every problem on its line, a count, each edition's
embargo state, and the news and pages dated after « now ». Exit status 1 when there are errors.

    DATA=data NOW=2026-02-03T11:00:00+01:00 .venv/bin/python scripts/validate.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from label_data.validate import parse_now, report, validate  # noqa: E402
from label_pages.dated import held_lines, scan  # noqa: E402


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
    print(report(dataset, problems, now))
    dated = held_lines(scan(str(ROOT / "pelicanconf.py"), now))
    if dated:  # news and pages dated after « now »: under embargo like a palmarès
        print("Actualités et pages sous embargo :")
        print("\n".join(f"  {line}" for line in dated))
    return 1 if problems.errors else 0


if __name__ == "__main__":
    sys.exit(main())
