"""Where a map's links go: finger-sized targets that never overlap (WCAG 2.2, SC 2.5.8).

In: the points of a map, already projected (x, y in map units), each with its groups from the
finest to the coarsest (e.g. its département, then its région, each with a name and a page);
the side of a target in map units (24 CSS px at the narrowest width the map is drawn); zones to
keep free (the corner where the « Carte interactive » button sits).
Out: square targets, each standing for one point (drawn where the point is, or moved a little
when close points would overlap, a leader line showing where it really is) or for a whole group
(a numbered bubble linking to the group's page) when too many points crowd one place: the
national map of 1,500 collectivities shows départements where they crowd, and régions where even
départements do.

Deterministic: the same points give the same targets, so pages keep their bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

SPREAD_MAX = 4  # at most this many close points are moved apart; more become their group
GAP = 1.04  # targets kept 4 % of a side apart: borders never touch at any zoom
RELAX_ROUNDS = 60  # rounds of pushes before close points are grouped instead


@dataclass(frozen=True)
class Group:
    key: str  # e.g. "dep-42"
    nom: str  # e.g. "Loire"
    url: str  # the group's page, e.g. "/departements/42/"


@dataclass(frozen=True)
class MapPoint:
    """A collectivity on a map, before it is placed: where it is and where it links."""

    lat: float
    lon: float
    label: str  # names the place for screen readers and as a tooltip
    url: str
    css_class: str = ""  # e.g. "niveau-4"
    groups: tuple[Group, ...] = ()  # finest first (département, région): where crowded points go


@dataclass
class Target:
    x: float
    y: float
    members: list  # the points (any object with .x, .y and .groups) this target stands for
    group: Group | None = None  # set when the target stands for a group of points

    @property
    def moved(self) -> bool:
        p = self.members[0]
        return self.group is None and (abs(p.x - self.x) > 1e-6 or abs(p.y - self.y) > 1e-6)


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def place(
    points: Sequence, side: float, avoid: Sequence[Box] = (), bounds: Box | None = None
) -> list[Target]:
    """Targets for the points: grouped where crowded, pushed apart where a few are close, all
    out of ``avoid`` and within ``bounds`` (the map's view) when given.

    Crowds of more than SPREAD_MAX close points become their départements first; then, while
    the targets cannot be pushed apart, the groups of those still overlapping are merged one
    level up (département, then région): régions only where départements do not fit."""
    targets = [Target(p.x, p.y, [p]) for p in points]
    depth = max((len(p.groups) for p in points), default=0)
    if depth:
        targets = _group(targets, 0, side, avoid, SPREAD_MAX)
    for level in range(depth):
        if _settle(_reset(targets), side, avoid, bounds):
            return _reading_order(targets)
        targets = _group(targets, level, side, avoid, 1)  # the clashes left after pushing
    if not _settle(_reset(targets), side, avoid, bounds):
        # A crowd no group could take (points without groups, or all in one): each clash set
        # on a grid around where its points are, then the grids pushed clear of one another.
        for clash in _clashes(_reset(targets), side, avoid):
            _grid(clash, *_centre(clash), side * GAP * 1.01)
        _settle(targets, side, avoid, bounds)
    return _reading_order(targets)


def _centre(members: Sequence) -> tuple[float, float]:
    return sum(p.x for p in members) / len(members), sum(p.y for p in members) / len(members)


def _reset(targets: list[Target]) -> list[Target]:
    """Each target back where its points are: each attempt starts from the map itself."""
    for t in targets:
        t.x, t.y = _centre(t.members)
    return targets


def _reading_order(targets: list[Target]) -> list[Target]:
    return sorted(targets, key=lambda t: (t.y, t.x))


def _group(
    targets: list[Target], level: int, side: float, avoid: Sequence[Box], most: int
) -> list[Target]:
    """The groups (at this level) of the clashes holding more than ``most`` points merged."""
    crowded = [c for c in _clashes(targets, side, avoid) if _count(c) > most]
    keys = {k for c in crowded for t in c for k in _keys(t, level)}
    if keys and len({k for t in targets for k in _keys(t, level)}) > 1:
        # A group that would be the whole map tells nothing: its page is this page.
        return _merge(targets, level, keys)
    return targets


def _count(clash: list[Target]) -> int:
    return sum(len(t.members) for t in clash)


def _keys(t: Target, level: int) -> set[str]:
    return {p.groups[level].key for p in t.members if len(p.groups) > level}


def _merge(targets: list[Target], level: int, keys: set[str]) -> list[Target]:
    """Every target whose points all belong to one of these groups becomes that group's."""
    kept: list[Target] = []
    merged: dict[str, list[Target]] = {}
    for t in targets:
        own = _keys(t, level)
        if len(own) == 1 and (key := next(iter(own))) in keys and len(t.members[0].groups) > level:
            merged.setdefault(key, []).append(t)
        else:
            kept.append(t)
    for ts in merged.values():
        members = [p for t in ts for p in t.members]
        if len(members) == 1:  # a group of one says less than its point
            kept.extend(ts)
            continue
        kept.append(Target(*_centre(members), members, members[0].groups[level]))
    return kept


def _overlap(a: Target, b: Target, side: float) -> bool:
    reach = side * GAP
    return abs(a.x - b.x) < reach and abs(a.y - b.y) < reach


def _hits(t: Target, side: float, box: Box) -> bool:
    half = side * GAP / 2
    return (
        t.x + half > box[0] and t.x - half < box[2] and t.y + half > box[1] and t.y - half < box[3]
    )


def _clashes(targets: list[Target], side: float, avoid: Sequence[Box]) -> list[list[Target]]:
    """Groups of targets that overlap one another (connected components), or a reserved zone."""
    parent = list(range(len(targets)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(targets)), key=lambda i: targets[i].x)
    for n, i in enumerate(order):  # sweep along x: only neighbours within a side can overlap
        for j in order[n + 1 :]:
            if targets[j].x - targets[i].x >= side * GAP:
                break
            if _overlap(targets[i], targets[j], side):
                parent[root(i)] = root(j)
    comps: dict[int, list[Target]] = {}
    for i in order:
        comps.setdefault(root(i), []).append(targets[i])
    return [
        c
        for c in comps.values()
        if len(c) > 1 or any(_hits(t, side, box) for t in c for box in avoid)
    ]


def _settle(targets: list[Target], side: float, avoid: Sequence[Box], bounds: Box | None) -> bool:
    """Overlapping targets pushed apart, each pair along the axis where they overlap least (so
    each moves as little as it can), out of the reserved zones and into the view, until none
    overlaps (True) or RELAX_ROUNDS are spent (False)."""
    reach = side * GAP * 1.01
    for _ in range(RELAX_ROUNDS):
        settled = True
        order = sorted(targets, key=lambda t: t.x)
        count = len(order)
        for i, a in enumerate(order):
            for j in range(i + 1, count):  # indices, not a slice: this loop is the map's cost
                b = order[j]
                if b.x - a.x >= reach:
                    break
                if abs(b.y - a.y) < reach and _part(a, b, reach):  # else apart: _part is False
                    settled = False
        for t in targets:
            for box in avoid:
                if _leave(t, reach, box):
                    settled = False
            if bounds is not None:
                _keep_in(t, side, bounds)
        if settled:
            return not _clashes(targets, side, avoid)
    return False


def _part(a: Target, b: Target, reach: float) -> bool:
    """Two overlapping targets pushed apart (two at one place part vertically)."""
    dx, dy = b.x - a.x, b.y - a.y
    ox, oy = reach - abs(dx), reach - abs(dy)
    if ox <= 0 or oy <= 0:
        return False
    if ox < oy:
        push = ox / 2 * (1 if dx >= 0 else -1)
        a.x, b.x = a.x - push, b.x + push
    else:
        push = oy / 2 * (1 if dy >= 0 else -1)
        a.y, b.y = a.y - push, b.y + push
    return True


def _leave(t: Target, reach: float, box: Box) -> bool:
    """A target moved out of a reserved zone by the shortest way."""
    half = reach / 2
    left, right = t.x + half - box[0], box[2] - (t.x - half)
    top, bottom = t.y + half - box[1], box[3] - (t.y - half)
    if left <= 0 or right <= 0 or top <= 0 or bottom <= 0:  # outside the zone: most targets
        return False
    moves = [(left, -1.0, 0.0), (right, 1.0, 0.0), (top, 0.0, -1.0), (bottom, 0.0, 1.0)]
    depth, mx, my = min(moves)
    t.x += mx * depth
    t.y += my * depth
    return True


def _grid(clash: list[Target], cx: float, cy: float, step: float) -> None:
    cols = math.ceil(math.sqrt(len(clash)))
    rows = math.ceil(len(clash) / cols)
    ordered = sorted(clash, key=lambda t: (t.y, t.x))
    for r in range(rows):
        line = sorted(ordered[r * cols : (r + 1) * cols], key=lambda t: t.x)
        for c, t in enumerate(line):
            t.x = cx + (c - (len(line) - 1) / 2) * step
            t.y = cy + (r - (rows - 1) / 2) * step


def _keep_in(t: Target, side: float, bounds: Box) -> None:
    """A target moved into the view, so that none is cut at its edge."""
    half = side * GAP / 2
    t.x = min(max(t.x, bounds[0] + half), bounds[2] - half)
    t.y = min(max(t.y, bounds[1] + half), bounds[3] - half)
