"""The communes under a zoomed map's points: outlines and the names of the largest.

In: reference/carte-communes.json.gz (scripts/refresh_communes_map.py: outlines in the map's
coordinates, town halls, populations), a view and the targets' boxes. Out: SVG groups (no
script, no style attribute), so that a collectivity's places sit on a recognisable map.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from label_data.typo import apostrophe

from label_map import projection
from label_map.svgfmt import LABEL_PX, num2, overlaps, tenths

COMMUNES = Path(__file__).resolve().parent.parent.parent / "reference" / "carte-communes.json.gz"
COMMUNE_NAMES = 8  # at most this many names: a map, not a list


# Read by label_build.fresh: this module's memos are keyed by the outlines file's identity.
MEMOS_OUTLIVE_BUILDS = True


def _communes() -> dict[str, dict]:
    """Commune outlines (scripts/refresh_communes_map.py), read once: reference data only."""
    return _communes_of(projection.stamp(COMMUNES))


@lru_cache(maxsize=1)
def _communes_of(_stamp: tuple[int, int]) -> dict[str, dict]:
    return projection.read_projected(COMMUNES, "scripts/refresh_communes_map.py")["communes"]


CELL = 20.0  # map units (about 28 km on the mainland): the grid that finds communes in a view


def _grid() -> tuple[list[tuple[str, dict]], dict[tuple[int, int], list[int]]]:
    """The communes in the file's order, and by grid cell (their positions in that order): a
    places map looks at the few cells under its view, not at the 34,867 communes (30 ms a map)."""
    return _grid_of(projection.stamp(COMMUNES))


@lru_cache(maxsize=1)
def _grid_of(
    _stamp: tuple[int, int],
) -> tuple[list[tuple[str, dict]], dict[tuple[int, int], list[int]]]:
    items = list(_communes().items())
    cells: dict[tuple[int, int], list[int]] = {}
    for position, (_, commune) in enumerate(items):
        x0, y0, x1, y1 = (v / 10 for v in commune["bbox"])
        for i in range(int(x0 // CELL), int(x1 // CELL) + 1):
            for j in range(int(y0 // CELL), int(y1 // CELL) + 1):
                cells.setdefault((i, j), []).append(position)
    return items, cells


def _near(view: tuple[float, ...]) -> list[tuple[str, dict]]:
    """The communes whose extent meets the view, in the file's order (stable bytes)."""
    x, y, w, h = view
    (items, grid), found = _grid(), set()
    for i in range(int(x // CELL), int((x + w) // CELL) + 1):
        for j in range(int(y // CELL), int((y + h) // CELL) + 1):
            found.update(grid.get((i, j), ()))
    return [items[n] for n in sorted(found) if _in_view(items[n][1]["bbox"], view)]


def _ring_path(ring: list[int]) -> str:
    """A ring stored as tenths, first point absolute then deltas: 'M x y l dx dy … z'."""
    numbers = [tenths(v) for v in ring[2:]]
    body = "".join(n if i == 0 or n[0] == "-" else " " + n for i, n in enumerate(numbers))
    return f"M{tenths(ring[0])} {tenths(ring[1])}l{body}z"


def _in_view(bbox: Sequence[int], view: tuple[float, ...]) -> bool:
    return overlaps(tuple(v / 10 for v in bbox), view)


def communes_svg(view: tuple[float, ...], px: float, marks: Sequence[tuple]) -> list[str]:
    """The communes in view, outlined, and the names of the most populous (12.5 px on a phone),
    none over another or over a point's target (``marks``)."""
    shown = _near(view)
    if not shown:
        return []
    parts = [
        f'<g class="communes" fill="#eef1f4" stroke="#fff" stroke-width="{num2(1.5 * px)}" '
        'stroke-linejoin="round">'
    ]
    for code, commune in shown:
        d = "".join(_ring_path(ring) for ring in commune["contours"])
        parts.append(f'<path class="commune-{code}" d="{d}"/>')
    parts.append("</g>")
    size = LABEL_PX * px
    parts.append(
        f'<g class="communes-noms" fill="#4a4f55" font-size="{num2(size)}" text-anchor="middle" '
        f'stroke="#eef1f4" stroke-width="{num2(3 * px)}" paint-order="stroke">'
    )
    taken: list[tuple[float, float, float, float]] = []
    for _, commune in sorted(shown, key=lambda item: (-item[1]["population"], item[0])):
        if commune["mairie"] is None or len(taken) >= COMMUNE_NAMES:
            continue
        nom = apostrophe(commune["nom"])
        spot = _name_spot(nom, commune, view, size, taken + list(marks))
        if spot is not None:
            taken.append(spot[1])
            parts.append(
                f'<text x="{num2(spot[0][0])}" y="{num2(spot[0][1])}">{escape(nom)}</text>'
            )
    parts.append("</g>")
    return parts


def _name_spot(
    nom: str, commune: dict, view: tuple[float, ...], size: float, taken: list
) -> tuple[tuple[float, float], tuple[float, float, float, float]] | None:
    """Where a commune's name fits: at its town hall, else a little above or below it (the
    places of a town often sit around its town hall), inside the view and the commune's
    extent, over no other name or target. None when nowhere."""
    x, y = (v / 10 for v in commune["mairie"])
    half = len(nom) * size * 0.3  # about half the name's width
    bx0, by0, bx1, by1 = (v / 10 for v in commune["bbox"])
    spots: list[tuple[float, float]] = [(0, dy) for dy in (0, -1.5, 1.5, -3, 3, -4.5, 4.5, -6, 6)]
    spots += [(dx, dy) for dy in (0, -3, 3) for dx in (-1.2, 1.2)]
    for dx, dy in spots:
        tx, ty = x + dx * half, y + dy * size
        box = (tx - half, ty - size, tx + half, ty + size * 0.3)
        inside = view[0] < box[0] and box[2] < view[0] + view[2]
        inside = inside and view[1] < box[1] and box[3] < view[1] + view[3] and by0 < ty < by1
        if inside and bx0 < tx < bx1 and not any(_touch(box, b) for b in taken):
            return (tx, ty), box
    return None


def _touch(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
