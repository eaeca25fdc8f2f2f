"""The pages' maps: points from the published view, drawn by ``label_map.svgmap``.

In: rows of collectivities (with the label to show) or a collectivity's action places, and
the cache folder. Out: an inline SVG string, or "" when nothing has a position (the page then
shows its list only). Points carry a ``niveau-<n>`` class; the site CSS colours them.

Drawing a map places every point and the communes around it (half the time of rendering the
demo's pages): each SVG is kept in ``CACHEDIR/cartes/``, keyed by everything it is drawn
from (its points, texts and zoom, the map code's digest, the shipped outlines).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from label_infra.cache import FileCache
from label_infra.code import code_digest
from label_infra.digests import digest, file_digest
from label_map import projection
from label_map.communes import COMMUNES
from label_map.svgmap import OUTLINES, render_map_svg
from label_map.targets import Group, MapPoint

from .fmt import level_short

# Wide enough to show the communes around the places (label_map.svgmap draws them at this
# scale) while a town's places stay apart; in metres, as the overseas insets have scales of
# their own.
PLACES_MIN_METRES = 8500.0


def laureates_map(
    rows: Sequence, title: str, focus: Sequence[str] = (), cache_dir: str | None = None
) -> str:
    points = [
        MapPoint(
            r.t.position.lat,
            r.t.position.lon,
            f"{r.t.nom} : {level_short(r.label.arobases)}",
            "/" + r.t.url,
            f"niveau-{r.label.arobases}",
            _groups(r),
        )
        for r in rows
        if r.t.position is not None and r.label is not None
    ]
    if not points:
        return ""
    levels: dict[int, int] = {}
    for r in rows:
        if r.label is not None:
            levels[r.label.arobases] = levels.get(r.label.arobases, 0) + 1
    summary = ", ".join(
        f"{n} à {level_short(lvl)}" for lvl, n in sorted(levels.items(), reverse=True)
    )
    description = f"{len(points)} collectivités placées sur la carte de France ({summary})."
    return _render(points, title, description, focus, cache_dir=cache_dir)


def area_map(rows: Sequence, title: str, focus: Sequence[str], cache_dir: str | None = None) -> str:
    points = [
        MapPoint(
            r.t.position.lat,
            r.t.position.lon,
            f"{r.t.nom} : " + (level_short(r.label.arobases) if r.label else "ancien label"),
            "/" + r.t.url,
            f"niveau-{r.label.arobases}" if r.label else "ancien",
            _groups(r),
        )
        for r in rows
        if r.t.position is not None
    ]
    if not points:
        return ""
    description = f"{len(points)} collectivités placées sur la carte ; leur liste suit."
    return _render(points, title, description, focus, cache_dir=cache_dir)


def _groups(r: Any) -> tuple[Group, ...]:  # a pagedata.Row (which imports this module)
    """Where a crowded point goes on a map (label_map.targets): its département, its région."""
    out = []
    if r.dep is not None:
        out.append(Group(f"dep-{r.dep.code}", r.dep.nom, "/" + r.dep.url))
    if r.reg is not None:
        out.append(Group(f"reg-{r.reg.code}", r.reg.nom, "/" + r.reg.url))
    return tuple(out)


def places_map(t: Any, places: Sequence, cache_dir: str | None = None) -> str:
    points = []
    seen = set()
    for place, action in places:
        if place.position is None:
            continue
        key = (place.position.lat, place.position.lon, action.id)
        if key in seen:
            continue
        seen.add(key)
        points.append(
            MapPoint(
                place.position.lat,
                place.position.lon,
                f"{place.nom} : {action.titre}",
                "/" + action.url,
                "lieu",
            )
        )
    if not points:
        return ""
    description = f"{len(points)} lieux des actions de {t.nom} ; leur liste suit la carte."
    # Zoomed to the places themselves (at least 8.5 km wide): at the département's scale a
    # town's places merge into one dot.
    return _render(
        points,
        f"Lieux des actions de {t.nom}",
        description,
        [t.departement] if t.departement else (),
        fit=PLACES_MIN_METRES * projection.scale_at(points[0].lat, points[0].lon),
        cache_dir=cache_dir,
    )


def _render(
    points: list[MapPoint],
    title: str,
    description: str,
    focus: Sequence[str],
    fit: float | None = None,
    cache_dir: str | None = None,
) -> str:
    """The map's SVG, from the cache when it was drawn before from the very same inputs."""
    key = digest(
        [_drawing_digest(), repr(points), title, description, repr(tuple(focus)), repr(fit)]
    )
    draw = functools.partial(_draw, points, title, description, focus, fit)
    return FileCache(cache_dir, "cartes").get_or_make(key, draw).decode("utf-8")


def _draw(
    points: list[MapPoint], title: str, description: str, focus: Sequence[str], fit: float | None
) -> bytes:
    try:
        svg = render_map_svg(points, title=title, description=description, focus=focus, fit=fit)
    except ValueError:  # a département without an outline: the whole map still helps
        svg = render_map_svg(points, title=title, description=description, fit=fit)
    return svg.encode("utf-8")


@functools.cache
def _drawing_digest() -> str:
    """The map code (its modules and libraries) and the outlines it draws (département and
    commune outlines, shipped in reference/)."""
    files = (OUTLINES, COMMUNES)
    return digest([code_digest(render_map_svg), *(f"{p.name}\0{file_digest(p)}" for p in files)])


# Lightest to darkest; the lightest stays clearly apart from the grey of « none ».
SHADES = ("#a9cbec", "#78a9da", "#4a8bc9", "#2565a6", "#123f6e")


def count_bins(counts: dict[str, int]) -> list[tuple[int, int]]:
    """Up to five ranges (low, high) covering 1..max: one value each when max <= 5."""
    top = max(counts.values(), default=0)
    if top <= len(SHADES):
        return [(n, n) for n in range(1, top + 1)]
    width = -(-top // len(SHADES))
    return [(lo, min(lo + width - 1, top)) for lo in range(1, top + 1, width)]


def shade_index(k: int, bins: int) -> int:
    """Fewer bins than shades: spread them from the lightest to the darkest."""
    return k if bins <= 1 else round(k * (len(SHADES) - 1) / (bins - 1))


def departements_map(counts: dict[str, int], title: str, description: str) -> str:
    """France by département, each coloured by its number of labelled collectivities."""
    bins = count_bins(counts)
    shades = {}
    for code, n in counts.items():
        k = next(i for i, (lo, hi) in enumerate(bins) if lo <= n <= hi)
        shade = shade_index(k, len(bins))
        shades[code] = (f"effectif-{shade + 1}", SHADES[shade])
    return render_map_svg(
        [], title=title, description=description, shades=shades, id_prefix="carte-chiffres"
    )
