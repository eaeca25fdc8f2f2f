"""Rewrite the panels' golden images after an intended change of the charter or renderers.

Run from the repository root:

    .venv/bin/python scripts/regenerate_golden.py

It renders the panels of ``GOLDEN_SPECS`` as web PNGs (1200 px) into ``tests/golden/panels/``,
which ``tests/test_panels.py`` compares with fresh renderings. Look at the new images before
committing them.
"""

from __future__ import annotations

import sys
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


def main() -> None:
    charter = load_charter()
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for spec in GOLDEN_SPECS:
        target = GOLDEN_DIR / f"{spec.stem}.png"
        target.write_bytes(render_png(spec, charter, GOLDEN_WIDTH))
        print(f"regenerate_golden: {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
