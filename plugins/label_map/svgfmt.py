"""Numbers and sizes the map's SVG modules share (svgmap, links, communes).

In: map-unit values. Out: short deterministic SVG number strings, and box tests. The sizes are in
CSS pixels where a map is drawn narrowest: a 375 px phone, the map 343 px wide with its 1 px
border; there every target is 24 px or more (WCAG 2.2, SC 2.5.8).
"""

from __future__ import annotations

NARROW_PX = 341.0
TARGET_PX = 24.5
MARK_PX = 5.0  # radius of a point's mark
GROUP_PX = 11.5  # radius of a group's numbered bubble
LABEL_PX = 12.5  # inset names, group counts, commune names
STROKE_PX = 0.25  # département borders
RESERVED_PX = (104.0, 46.0)  # the « Carte interactive » button and its margin (site.css)


def num(value: float) -> str:
    """One decimal, no trailing '.0', no '-0'."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def tenths(value: int) -> str:
    """A number given in tenths, without leading zero (SVG reads '.5' and '-.5')."""
    sign = "-" if value < 0 else ""
    whole, tenth = divmod(abs(value), 10)
    text = (str(whole) if whole else "") + (f".{tenth}" if tenth else "")
    return sign + (text or "0")


def classes(*names: str) -> str:
    return " ".join(n for n in names if n)


def corners(box: tuple[float, ...]) -> tuple[float, float, float, float]:
    x, y, w, h = box
    return (x, y, x + w, y + h)


def num2(value: float) -> str:
    """Two decimals for sizes (stroke widths and radii shrink a lot when zoomed)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def overlaps(bbox: tuple[float, ...], view: tuple[float, ...]) -> bool:
    vx, vy, vw, vh = view
    return bbox[0] <= vx + vw and bbox[2] >= vx and bbox[1] <= vy + vh and bbox[3] >= vy
