"""A static, accessible SVG map of France with linked points, made at build time.

In: points (lat, lon, label, url, CSS class), a title and a description, optionally the codes
of départements to zoom on. Out: an inline ``<svg>`` string (no JavaScript, no tiles, no inline
style), deterministic to the byte. Also the same département outlines as GeoJSON in map
coordinates, for a Leaflet map with ``L.CRS.Simple`` later.

Outlines come from reference/carte-departements.json.gz (two levels of detail, pre-projected
by scripts/refresh_reference.py with label_map.projection). Colours belong to the site CSS:
elements carry classes only, and the groups carry presentation attributes (``fill``,
``stroke``) that any CSS rule overrides, so the map is still readable without the site CSS.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from label_map import projection

OUTLINES = (
    Path(__file__).resolve().parent.parent.parent / "reference" / "carte-departements.json.gz"
)
DETAIL_BELOW = 400.0  # a view narrower than this (map units) uses the detailed outlines
MIN_VIEW = 40.0  # smallest zoomed view, so that Paris keeps some surroundings


@dataclass(frozen=True)
class MapPoint:
    lat: float
    lon: float
    label: str  # names the place for screen readers and as a tooltip
    url: str
    css_class: str = ""  # e.g. "niveau-4"


@dataclass(frozen=True)
class _Departement:
    code: str
    nom: str
    levels: dict[str, list[list[list[int]]]]  # level -> polygons -> rings -> flat tenths
    bbox: tuple[float, float, float, float]  # x0, y0, x1, y1 in map units


@lru_cache(maxsize=2)
def _outlines(path: Path = OUTLINES) -> dict[str, _Departement]:
    data = json.loads(gzip.decompress(path.read_bytes()))
    if data.get("layout") != projection.layout():
        raise RuntimeError(
            f"{path.name} was made for another map layout: run scripts/refresh_reference.py"
        )
    out = {}
    for code, dep in data["departements"].items():
        xs = [v for poly in dep["fin"] for v in poly[0][0::2]]
        ys = [v for poly in dep["fin"] for v in poly[0][1::2]]
        bbox = (min(xs) / 10, min(ys) / 10, max(xs) / 10, max(ys) / 10)
        levels = {"grossier": dep["grossier"], "fin": dep["fin"]}
        out[code] = _Departement(code, dep["nom"], levels, bbox)
    return out


def _num(value: float) -> str:
    """One decimal, no trailing '.0', no '-0'."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _tenths(value: int) -> str:
    """A number given in tenths, without leading zero (SVG reads '.5' and '-.5')."""
    sign = "-" if value < 0 else ""
    whole, tenth = divmod(abs(value), 10)
    text = (str(whole) if whole else "") + (f".{tenth}" if tenth else "")
    return sign + (text or "0")


def _path_data(polygons: list[list[list[int]]]) -> str:
    """Rings as 'M x y l dx dy … z', deltas taken between rounded points: no drift."""
    out = []
    for polygon in polygons:
        for ring in polygon:
            x, y = ring[0], ring[1]
            parts = [f"M{_tenths(x)} {_tenths(y)}l"]
            numbers = []
            for i in range(2, len(ring), 2):
                numbers += [ring[i] - x, ring[i + 1] - y]
                x, y = ring[i], ring[i + 1]
            for i, n in enumerate(numbers):
                text = _tenths(n)
                # A minus sign already separates two numbers.
                parts.append(text if i == 0 or text[0] == "-" else " " + text)
            parts.append("z")
            out.append("".join(parts))
    return "".join(out)


@lru_cache(maxsize=512)
def _path(code: str, level: str) -> str:
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


def _overlaps(bbox: tuple[float, float, float, float], view: tuple[float, ...]) -> bool:
    vx, vy, vw, vh = view
    return bbox[0] <= vx + vw and bbox[2] >= vx and bbox[1] <= vy + vh and bbox[3] >= vy


def render_map_svg(
    points: Sequence[MapPoint],
    *,
    title: str,
    description: str,
    focus: Sequence[str] = (),
    point_radius: float = 4.0,
    id_prefix: str = "carte",
    fit: float | None = None,
    shades: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """The map as an inline SVG string; one link per point that falls in the view.

    ``focus``: département codes to zoom on (the others in view are drawn lighter).
    ``point_radius``: in units of the whole-France map, kept on screen when zooming.
    ``id_prefix``: makes the title/description ids unique when a page holds several maps.
    ``fit``: zoom on the points themselves, the view being at least this wide (map units).
    ``shades``: département code -> (CSS class, fallback fill), for a map coloured by
    département (those not listed stay grey).
    """
    outlines = _outlines()
    view = (_fit(points, fit) if fit else None) or _view(focus)
    zoom = view[2] / projection.VIEWBOX[2]  # sizes shrink with the view: same on screen
    level = "fin" if view[2] < DETAIL_BELOW else "grossier"
    focused = set(focus)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{" ".join(_num(v) for v in view)}" '
        f'class="carte-france" aria-labelledby="{id_prefix}-titre {id_prefix}-desc">'
        f'<title id="{id_prefix}-titre">{escape(title)}</title>'
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>'
    )
    parts = [head, '<g aria-hidden="true">']
    insets = [i for i in projection.INSETS if _overlaps(_box(i.box), view)]
    if insets:
        parts.append(
            f'<g class="encarts" fill="none" stroke="#b8b8b8" stroke-width="{_num2(zoom)}">'
        )
        for inset in insets:
            x, y, w, h = inset.box
            parts.append(
                f'<rect class="encart" x="{_num(x)}" y="{_num(y)}" '
                f'width="{_num(w)}" height="{_num(h)}"/>'
            )
        parts.append("</g>")
        parts.append(f'<g class="encarts-noms" fill="#555" font-size="{_num2(11 * zoom)}">')
        for inset in insets:
            x, y, _, _ = inset.box
            parts.append(f'<text x="{_num(x + 5)}" y="{_num(y + 14)}">{escape(inset.nom)}</text>')
        parts.append("</g>")
    shades = shades or {}
    for group, fill, wanted in (
        ("departements", "#e4e7eb", lambda c: c not in focused and c not in shades),
        ("departements departements-focus", "#c9d3de", lambda c: c in focused),
    ):
        codes = [c for c in sorted(outlines) if wanted(c) and _overlaps(outlines[c].bbox, view)]
        if not codes:
            continue
        parts.append(
            f'<g class="{group}" fill="{fill}" stroke="#fff" '
            f'stroke-width="{_num2(0.7 * zoom)}" stroke-linejoin="round">'
        )
        for code in codes:
            parts.append(f'<path class="dep-{code}" d="{_path(code, level)}"/>')
        parts.append("</g>")
    parts.extend(_shaded(shades, view, level, zoom))
    parts.append("</g>")

    radius = _num2(point_radius * zoom)
    parts.append(f'<g class="points" fill="#1d5fa0" stroke="#fff" stroke-width="{_num2(zoom)}">')
    for point in points:
        xy = projection.project(point.lat, point.lon)
        if xy is None or not _overlaps((*xy, *xy), view):
            continue
        parts.append(
            f"<a href={quoteattr(point.url)} aria-label={quoteattr(point.label)}>"
            f"<title>{escape(point.label)}</title>"
            f'<circle{_class(point.css_class)} cx="{_num(xy[0])}" cy="{_num(xy[1])}" '
            f'r="{radius}"/></a>'
        )
    parts.append("</g></svg>")
    return "".join(parts)


def _shaded(
    shades: Mapping[str, tuple[str, str]], view: tuple[float, ...], level: str, zoom: float
) -> list[str]:
    """The coloured départements of a choropleth, each with its own class and fill."""
    outlines = _outlines()
    codes = [c for c in sorted(shades) if c in outlines and _overlaps(outlines[c].bbox, view)]
    if not codes:
        return []
    out = [
        f'<g class="departements departements-effectifs" stroke="#fff" '
        f'stroke-width="{_num2(0.7 * zoom)}" stroke-linejoin="round">'
    ]
    for code in codes:
        css, fill = shades[code]
        out.append(f'<path class="dep-{code} {css}" fill="{fill}" d="{_path(code, level)}"/>')
    out.append("</g>")
    return out


def _class(css_class: str) -> str:
    return f" class={quoteattr(css_class)}" if css_class else ""


def _box(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x, y, w, h = box
    return (x, y, x + w, y + h)


def _num2(value: float) -> str:
    """Two decimals for sizes (stroke widths and radii shrink a lot when zoomed)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


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
