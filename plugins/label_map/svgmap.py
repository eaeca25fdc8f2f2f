"""A static, accessible SVG map of France with linked points, made at build time.

In: points (lat, lon, label, url, CSS class), a title and a description, optionally the codes
of départements to zoom on. Out: an inline ``<svg>`` string (no JavaScript, no tiles, no inline
style), deterministic to the byte. Also the same département outlines as GeoJSON in map
coordinates, for a Leaflet map with ``L.CRS.Simple`` later.

Outlines come from reference/carte-departements.json.gz (two levels of detail, pre-projected
by scripts/refresh_reference.py with label_map.projection). The links are placed by
label_map.targets and drawn by label_map.links; a zoomed view gets its communes from
label_map.communes; sizes and number formats are in label_map.svgfmt. Colours belong to the
site CSS: elements carry classes only, and the groups carry presentation attributes (``fill``,
``stroke``) that any CSS rule overrides, so the map is still readable without the site CSS.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from label_map import projection, targets
from label_map.communes import communes_svg
from label_map.links import Placed, points_svg, reserved_corner
from label_map.svgfmt import (
    LABEL_PX,
    NARROW_PX,
    STROKE_PX,
    TARGET_PX,
    corners,
    num,
    num2,
    overlaps,
    tenths,
)
from label_map.targets import MapPoint

OUTLINES = (
    Path(__file__).resolve().parent.parent.parent / "reference" / "carte-departements.json.gz"
)
DETAIL_BELOW = 400.0  # a view narrower than this (map units) uses the detailed outlines
# A view narrower than this (map units, about 70 km of mainland) draws the communes under its
# points, with the names of the largest: a collectivity's places sit on a recognisable map.
COMMUNES_BELOW = 50.0
MIN_VIEW = 40.0  # smallest zoomed view, so that Paris keeps some surroundings


@dataclass(frozen=True)
class _Departement:
    code: str
    nom: str
    levels: dict[str, list[list[list[int]]]]  # level -> polygons -> rings -> flat tenths
    bbox: tuple[float, float, float, float]  # x0, y0, x1, y1 in map units


# Read by label_build.fresh: this module's memos are keyed by the outlines file's identity.
MEMOS_OUTLIVE_BUILDS = True


def _outlines(path: Path = OUTLINES) -> dict[str, _Departement]:
    return _outlines_of(path, projection.stamp(path))


@lru_cache(maxsize=2)
def _outlines_of(path: Path, _stamp: tuple[int, int]) -> dict[str, _Departement]:
    data = projection.read_projected(path, "scripts/refresh_reference.py")
    out = {}
    for code, dep in data["departements"].items():
        xs = [v for poly in dep["fin"] for v in poly[0][0::2]]
        ys = [v for poly in dep["fin"] for v in poly[0][1::2]]
        bbox = (min(xs) / 10, min(ys) / 10, max(xs) / 10, max(ys) / 10)
        levels = {"grossier": dep["grossier"], "fin": dep["fin"]}
        out[code] = _Departement(code, dep["nom"], levels, bbox)
    return out


def _path_data(polygons: list[list[list[int]]]) -> str:
    """Rings as 'M x y l dx dy … z', deltas taken between rounded points: no drift."""
    out = []
    for polygon in polygons:
        for ring in polygon:
            x, y = ring[0], ring[1]
            parts = [f"M{tenths(x)} {tenths(y)}l"]
            numbers = []
            for i in range(2, len(ring), 2):
                numbers += [ring[i] - x, ring[i + 1] - y]
                x, y = ring[i], ring[i + 1]
            for i, n in enumerate(numbers):
                text = tenths(n)
                # A minus sign already separates two numbers.
                parts.append(text if i == 0 or text[0] == "-" else " " + text)
            parts.append("z")
            out.append("".join(parts))
    return "".join(out)


def _path(code: str, level: str) -> str:
    return _path_of(code, level, projection.stamp(OUTLINES))


@lru_cache(maxsize=512)
def _path_of(code: str, level: str, _stamp: tuple[int, int]) -> str:
    return _path_data(_outlines()[code].levels[level])


def _view(focus: Sequence[str]) -> tuple[float, float, float, float]:
    """The viewBox (x, y, w, h) showing the focus départements with some margin."""
    if not focus:
        return projection.VIEWBOX
    outlines = _outlines()
    unknown = sorted(set(focus) - set(outlines))
    if unknown:
        raise ValueError(f"no outline for département {', '.join(unknown)}")
    boxes = []
    for code in focus:
        inset = projection.INSETS_BY_CODE.get(code)
        if inset is not None:  # an overseas département: its whole inset
            x, y, w, h = inset.box
            boxes.append((x, y, x + w, y + h))
        else:
            boxes.append(outlines[code].bbox)
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad = max(x1 - x0, y1 - y0) * 0.06 + 3
    w = max(x1 - x0 + 2 * pad, MIN_VIEW)
    h = max(y1 - y0 + 2 * pad, MIN_VIEW)
    # Keep the picture between portrait and landscape so it fits a page column.
    w, h = max(w, h / 1.4), max(h, w / 1.6)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return (cx - w / 2, cy - h / 2, w, h)


def _fit(points: Sequence[MapPoint], min_view: float) -> tuple[float, float, float, float] | None:
    """The viewBox around the points' map positions (None if none is on the map): a
    collectivity's places a few streets apart must not merge into one dot."""
    xys = [xy for p in points if (xy := projection.project(p.lat, p.lon)) is not None]
    if not xys:
        return None
    x0, y0 = min(x for x, _ in xys), min(y for _, y in xys)
    x1, y1 = max(x for x, _ in xys), max(y for _, y in xys)
    pad = max(x1 - x0, y1 - y0) * 0.15
    w = max(x1 - x0 + 2 * pad, min_view)
    h = max(y1 - y0 + 2 * pad, min_view / 1.4)
    w, h = max(w, h / 1.4), max(h, w / 1.6)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return (cx - w / 2, cy - h / 2, w, h)


def render_map_svg(
    points: Sequence[MapPoint],
    *,
    title: str,
    description: str,
    focus: Sequence[str] = (),
    id_prefix: str = "carte",
    fit: float | None = None,
    shades: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """The map as an inline SVG string; one link per point that falls in the view, or per
    group of points where they crowd (label_map.targets).

    ``focus``: département codes to zoom on (the others in view are drawn lighter).
    ``id_prefix``: makes the title/description ids unique when a page holds several maps.
    ``fit``: zoom on the points themselves, the view being at least this wide (map units).
    ``shades``: département code -> (CSS class, fallback fill), for a map coloured by
    département (those not listed stay grey).
    Sizes are set for the narrowest drawing (``NARROW_PX`` wide, a 375 px phone): a target is
    24 px there and larger anywhere else; site.css draws the marks smaller on a wide screen.
    """
    view = (_fit(points, fit) if fit else None) or _view(focus)
    px = view[2] / NARROW_PX  # map units per CSS pixel at the narrowest drawing
    level = "fin" if view[2] < DETAIL_BELOW else "grossier"
    whole = "carte-france carte-entiere" if view == projection.VIEWBOX else "carte-france"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{" ".join(num(v) for v in view)}" '
        f'class="{whole}" aria-labelledby="{id_prefix}-titre {id_prefix}-desc">'
        f'<title id="{id_prefix}-titre">{escape(title)}</title>'
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
        '<g aria-hidden="true">',
    ]
    parts.extend(_insets(view, px))
    parts.extend(_departements(set(focus), shades or {}, view, level, px))
    parts.extend(_shaded(shades or {}, view, level, px))
    found = _targets(points, view, px)
    if view[2] < COMMUNES_BELOW:
        side = TARGET_PX * px
        marks = [(t.x - side / 2, t.y - side / 2, t.x + side / 2, t.y + side / 2) for t in found]
        parts.extend(communes_svg(view, px, marks))
        parts.extend(_departement_borders(view, px))
    parts.append("</g>")
    if found:
        parts.extend(points_svg(found, px))
    parts.extend(_inset_names(view, px))
    parts.append("</svg>")
    return "".join(parts)


def _insets(view: tuple[float, ...], px: float) -> list[str]:
    """The overseas boxes. Their names (_inset_names) are 12.5 px high on a phone (site.css
    makes them smaller where the map is drawn larger); a pale halo keeps them readable."""
    insets = _insets_in(view)
    if not insets:
        return []
    parts = [f'<g class="encarts" fill="none" stroke="#b8b8b8" stroke-width="{num2(px)}">']
    for inset in insets:
        x, y, w, h = inset.box
        parts.append(
            f'<rect class="encart" x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}"/>'
        )
    parts.append("</g>")
    return parts


def _inset_names(view: tuple[float, ...], px: float) -> list[str]:
    """Drawn last, over the leader lines of points moved off them (the targets avoid them)."""
    insets = _insets_in(view)
    if not insets:
        return []
    size = LABEL_PX * px
    parts = [
        f'<g class="encarts-noms" aria-hidden="true" fill="#333" font-size="{num2(size)}" '
        f'stroke="#fbfcfd" stroke-width="{num2(3 * px)}" paint-order="stroke" '
        'stroke-linejoin="round">'
    ]
    for inset in insets:
        x, y, _, _ = inset.box
        parts.append(
            f'<text x="{num(x + 2 * px)}" y="{num(y + size * 0.95)}">{escape(inset.nom)}</text>'
        )
    parts.append("</g>")
    return parts


def _insets_in(view: tuple[float, ...]) -> list[projection.Inset]:
    return [i for i in projection.INSETS if overlaps(corners(i.box), view)]


def _inset_name_box(inset: projection.Inset, px: float) -> tuple[float, float, float, float]:
    """Where an inset's name is written (about its width): no target covers it."""
    x, y, _, _ = inset.box
    size = LABEL_PX * px
    return (x, y, x + 2 * px + len(inset.nom) * size * 0.6, y + size * 1.25)


def _departements(
    focused: set[str], shades: Mapping, view: tuple[float, ...], level: str, px: float
) -> list[str]:
    outlines = _outlines()
    parts = []
    for group, fill, wanted in (
        ("departements", "#e4e7eb", lambda c: c not in focused and c not in shades),
        ("departements departements-focus", "#c9d3de", lambda c: c in focused),
    ):
        codes = [c for c in sorted(outlines) if wanted(c) and overlaps(outlines[c].bbox, view)]
        if not codes:
            continue
        parts.append(
            f'<g class="{group}" fill="{fill}" stroke="#fff" '
            f'stroke-width="{num2(STROKE_PX * px)}" stroke-linejoin="round">'
        )
        for code in codes:
            parts.append(f'<path class="dep-{code}" d="{_path(code, level)}"/>')
        parts.append("</g>")
    return parts


def _departement_borders(view: tuple[float, ...], px: float) -> list[str]:
    """Over the communes, the départements' borders stay visible."""
    outlines = _outlines()
    codes = [c for c in sorted(outlines) if overlaps(outlines[c].bbox, view)]
    parts = [
        f'<g class="departements-limites" fill="none" stroke="#8a96a3" '
        f'stroke-width="{num2(1.5 * px)}" stroke-linejoin="round">'
    ]
    parts.extend(f'<path d="{_path(code, "fin")}"/>' for code in codes)
    parts.append("</g>")
    return parts


def _targets(points: Sequence[MapPoint], view: tuple[float, ...], px: float) -> list:
    """The points in view, placed as finger-sized targets (label_map.targets)."""
    placed = []
    for point in points:
        xy = projection.project(point.lat, point.lon)
        if xy is not None and overlaps((*xy, *xy), view):
            placed.append(Placed(xy[0], xy[1], point))
    avoid = [reserved_corner(view)] + [_inset_name_box(i, px) for i in _insets_in(view)]
    return targets.place(placed, TARGET_PX * px, avoid=avoid, bounds=corners(view))


def _shaded(
    shades: Mapping[str, tuple[str, str]], view: tuple[float, ...], level: str, px: float
) -> list[str]:
    """The coloured départements of a choropleth, each with its own class and fill."""
    outlines = _outlines()
    codes = [c for c in sorted(shades) if c in outlines and overlaps(outlines[c].bbox, view)]
    if not codes:
        return []
    out = [
        f'<g class="departements departements-effectifs" stroke="#fff" '
        f'stroke-width="{num2(STROKE_PX * px)}" stroke-linejoin="round">'
    ]
    for code in codes:
        css, fill = shades[code]
        out.append(f'<path class="dep-{code} {css}" fill="{fill}" d="{_path(code, level)}"/>')
    out.append("</g>")
    return out


def outlines_geojson() -> dict:
    """Département outlines (detailed level) as GeoJSON in map coordinates.

    Coordinates are [x, y] in the SVG map's space (y pointing down). With Leaflet's
    ``L.CRS.Simple``, read them with ``coordsToLatLng: ([x, y]) => L.latLng(-y, x)``.
    """
    features = []
    for code, dep in sorted(_outlines().items()):
        polygons = [
            [[[ring[i] / 10, ring[i + 1] / 10] for i in range(0, len(ring), 2)] for ring in poly]
            for poly in dep.levels["fin"]
        ]
        for poly in polygons:  # GeoJSON rings repeat their first point
            for ring in poly:
                ring.append(ring[0])
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"code": code, "nom": dep.nom},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    return {
        "type": "FeatureCollection",
        "viewBox": list(projection.VIEWBOX),
        "features": features,
    }
