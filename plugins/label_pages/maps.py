"""The pages' maps: points from the published view, drawn by ``label_map.svgmap``.

In: rows of collectivities (with the label to show) or a collectivity's action places. Out: an
inline SVG string, or "" when nothing has a position (the page then shows its list only).
Points carry a ``niveau-<n>`` class; the site CSS colours them.
"""

from __future__ import annotations

from collections.abc import Sequence

from label_map.svgmap import MapPoint, render_map_svg

from .fmt import level_short


def laureates_map(rows: Sequence, title: str, focus: Sequence[str] = ()) -> str:
    points = [
        MapPoint(
            r.t.position.lat,
            r.t.position.lon,
            f"{r.t.nom} : {level_short(r.label.arobases)}",
            "/" + r.t.url,
            f"niveau-{r.label.arobases}",
        )
        for r in rows
        if r.t.position is not None and r.label is not None
    ]
    if not points:
        return ""
    levels = {}
    for r in rows:
        if r.label is not None:
            levels[r.label.arobases] = levels.get(r.label.arobases, 0) + 1
    summary = ", ".join(
        f"{n} à {level_short(lvl)}" for lvl, n in sorted(levels.items(), reverse=True)
    )
    description = f"{len(points)} collectivités placées sur la carte de France ({summary})."
    return _render(points, title, description, focus, 7.0 if not focus else 10.0)


def area_map(rows: Sequence, title: str, focus: Sequence[str]) -> str:
    points = [
        MapPoint(
            r.t.position.lat,
            r.t.position.lon,
            f"{r.t.nom} : " + (level_short(r.label.arobases) if r.label else "ancien label"),
            "/" + r.t.url,
            f"niveau-{r.label.arobases}" if r.label else "ancien",
        )
        for r in rows
        if r.t.position is not None
    ]
    if not points:
        return ""
    description = f"{len(points)} collectivités placées sur la carte ; leur liste suit."
    return _render(points, title, description, focus, 10.0)


def places_map(t, places: Sequence) -> str:
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
    return _render(
        points,
        f"Lieux des actions de {t.nom}",
        description,
        [t.departement] if t.departement else (),
        10.0,
    )


def _render(points, title: str, description: str, focus: Sequence[str], radius: float) -> str:
    # Radii are in whole-France map units and stay the same on screen when zoomed: big
    # enough to see and to hit with a finger on a phone.
    try:
        return render_map_svg(
            points, title=title, description=description, focus=focus, point_radius=radius
        )
    except ValueError:  # a département without an outline: the whole map still helps
        return render_map_svg(points, title=title, description=description, point_radius=radius)
