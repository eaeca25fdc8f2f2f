"""A map's links: each target a square of 24 px or more on a phone, around its mark.

In: targets placed by label_map.targets (points in map units with their MapPoint). Out: SVG <a>
elements: a point's link (its square, its mark, and a leader line to where its place really
is when it was moved), a crowded group's numbered bubble linking to the group's page, and the
grouped points as lean hidden links for the interactive map (map.js).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from label_data.typo import number, plural

from label_map import targets
from label_map.svgfmt import (
    GROUP_PX,
    LABEL_PX,
    MARK_PX,
    NARROW_PX,
    RESERVED_PX,
    TARGET_PX,
    classes,
    num2,
)
from label_map.targets import Group, MapPoint


@dataclass(frozen=True)
class Placed:
    """A point in map units, with its groups (what label_map.targets reads)."""

    x: float
    y: float
    point: MapPoint

    @property
    def groups(self) -> tuple[Group, ...]:
        return self.point.groups


def reserved_corner(view: tuple[float, ...]) -> tuple[float, float, float, float]:
    """Where the « Carte interactive » button sits (top right, RESERVED_PX at the narrowest
    drawing, in map units): no target goes there (map.js, site.css)."""
    x, y, w, _ = view
    px = w / NARROW_PX
    return (x + w - RESERVED_PX[0] * px, y, x + w, y + RESERVED_PX[1] * px)


def points_svg(found: list, px: float) -> list[str]:
    side = TARGET_PX * px
    parts = [f'<g class="points" fill="#1d5fa0" stroke="#fff" stroke-width="{num2(px)}">']
    hidden: list[str] = []
    for t in found:
        if t.group is None:
            parts.append(_point_link(t, side, px))
        else:
            parts.append(_group_link(t, t.group, side, px))
            hidden.extend(_hidden_point(p, px) for p in t.members)
    parts.append("</g>")
    if hidden:
        # The grouped points, for the interactive map (map.js) and the tests: never shown.
        parts.append(f'<g class="membres" display="none">{"".join(hidden)}</g>')
    return parts


def _hidden_point(placed: Placed, px: float) -> str:
    """A grouped point, as lean as can be: 1,500 of them may be on one page."""
    point = placed.point
    return (
        f'<a class="point" href={quoteattr(point.url)} aria-label={quoteattr(point.label)}>'
        f'<circle class="{classes("marque", point.css_class)}" cx="{num2(placed.x)}" '
        f'cy="{num2(placed.y)}" r="{num2(MARK_PX * px)}"/></a>'
    )


def _target_rect(t: targets.Target, side: float) -> str:
    half = side / 2
    return (
        f'<rect class="cible" x="{num2(t.x - half)}" y="{num2(t.y - half)}" '
        f'width="{num2(side)}" height="{num2(side)}" fill-opacity="0" stroke="none"/>'
    )


def _point_link(t: targets.Target, side: float, px: float) -> str:
    """One point: its target, its mark there, and a leader line to where it really is when
    close points were moved apart."""
    placed = t.members[0]
    point = placed.point
    out = [
        f'<a class="point" href={quoteattr(point.url)} aria-label={quoteattr(point.label)}>'
        f"<title>{escape(point.label)}</title>{_target_rect(t, side)}"
    ]
    if t.moved:
        out.append(
            # Not part of the target: a tap on them reaches whatever is under them.
            f'<line class="renvoi" x1="{num2(placed.x)}" y1="{num2(placed.y)}" '
            f'x2="{num2(t.x)}" y2="{num2(t.y)}" stroke="#333" pointer-events="none"/>'
            f'<circle class="ancre" cx="{num2(placed.x)}" cy="{num2(placed.y)}" '
            f'r="{num2(2 * px)}" fill="#333" stroke="none" pointer-events="none"/>'
        )
    out.append(
        f'<circle class="{classes("marque", point.css_class)}" cx="{num2(t.x)}" '
        f'cy="{num2(t.y)}" r="{num2(MARK_PX * px)}"/></a>'
    )
    return "".join(out)


def _group_link(t: targets.Target, group: Group, side: float, px: float) -> str:
    """A crowded group: a numbered bubble linking to the group's page."""
    n = len(t.members)
    label = f"{group.nom} : {plural(n, 'collectivité')} sur la carte, voir la liste"
    return (
        f'<a class="grappe" href={quoteattr(group.url)} aria-label={quoteattr(label)}>'
        f"<title>{escape(label)}</title>{_target_rect(t, side)}"
        f'<circle class="grappe-fond" cx="{num2(t.x)}" cy="{num2(t.y)}" '
        f'r="{num2(GROUP_PX * px)}" fill="#0b3d6e"/>'
        f'<text class="grappe-nombre" x="{num2(t.x)}" y="{num2(t.y + 4.4 * px)}" '
        f'font-size="{num2(LABEL_PX * px)}" text-anchor="middle" fill="#fff" stroke="none" '
        f'font-weight="700">{number(n)}</text></a>'
    )
