"""One panel's geometry: the list of shapes every backend draws.

In: a ``PanelSpec`` (kind, level, year, green @: ``label_data.offer``, beside the names of a
panel's files) and a ``Charter``. Out: a ``Panel`` holding plain primitives in millimetres
(origin top left, y down): filled rounded boxes and text runs whose glyphs are already placed
one by one. The SVG, PNG and PDF backends only translate these
primitives, so the three formats cannot disagree on what a panel shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from label_data.offer import PanelSpec

from label_panels.charter import MAX_LEVEL, Charter, TextStyle
from label_panels.fonts import font_info


@dataclass(frozen=True)
class Box:
    """A filled rectangle with rounded corners (``radius`` 0: square)."""

    x: float
    y: float
    width: float
    height: float
    radius: float
    color: str


@dataclass(frozen=True)
class TextRun:
    """Glyphs of one font, size and colour; ``xs`` are each glyph's pen origin on ``baseline``."""

    text: str
    font: str  # key of Charter.fonts
    size: float  # em, mm
    tracking: float  # mm between glyphs (the PDF backend needs it; xs already include it)
    xs: tuple[float, ...]
    baseline: float
    color: str


@dataclass(frozen=True)
class Panel:
    width: float
    height: float
    label: str
    shapes: tuple[Box | TextRun, ...]


def _run(charter: Charter, text: str, style: TextStyle, x: float) -> TextRun:
    info = font_info(charter.fonts[style.font])
    xs = []
    for char in text:
        xs.append(x)
        x += info.advance(char) * style.size / info.units_per_em + style.tracking
    return TextRun(
        text, style.font, style.size, style.tracking, tuple(xs), style.baseline, style.color
    )


def _centred_run(charter: Charter, text: str, style: TextStyle) -> TextRun:
    """A run centred on the panel, by its ink bounds so that side bearings do not shift it."""
    info = font_info(charter.fonts[style.font])
    scale = style.size / info.units_per_em
    width = info.text_width(text, style.size, style.tracking)
    ink_left = info.box(text[0]).x_min * scale
    ink_right = width - (info.advance(text[-1]) - info.box(text[-1]).x_max) * scale
    return _run(charter, text, style, charter.width / 2 - (ink_left + ink_right) / 2)


def _box(inset: float, charter: Charter, radius: float, color: str) -> Box:
    """A box ``inset`` mm inside the panel's edges."""
    width, height = charter.width - 2 * inset, charter.height - 2 * inset
    return Box(inset, inset, width, height, max(radius, 0.0), color)


def layout(spec: PanelSpec, charter: Charter) -> Panel:
    """Compute every shape of the panel described by ``spec``."""
    # The frame is a ring: a coloured box, then the background again inside it.
    inner = charter.frame_margin + charter.frame_thickness
    shapes: list[Box | TextRun] = [
        _box(0, charter, charter.radius, charter.background),
        _box(charter.frame_margin, charter, charter.frame_radius, charter.frame_color),
        _box(inner, charter, charter.frame_radius - charter.frame_thickness, charter.background),
        _centred_run(charter, charter.titles[spec.kind], charter.title),
    ]

    # Always lay out the five slots, so a 3 @ panel shows where the other two would be and
    # the row does not move from one level to another; unused slots are faint or absent.
    at = font_info(charter.fonts[charter.at_font])
    box = at.box("@")
    ink_centre = (box.x_min + box.x_max) / 2 * charter.at_size / at.units_per_em
    slots = MAX_LEVEL if charter.show_empty else spec.level
    first = charter.width / 2 - (slots - 1) * charter.at_pitch / 2
    for slot in range(slots):
        if slot >= spec.level:
            color = charter.empty_color
        elif spec.green and slot == spec.level - 1:  # R8: the last @ earned is the green one
            color = charter.at_green_color
        else:
            color = charter.at_color
        style = TextStyle(charter.at_font, charter.at_size, 0.0, color, charter.at_baseline)
        shapes.append(_run(charter, "@", style, first + slot * charter.at_pitch - ink_centre))

    shapes.append(_centred_run(charter, str(spec.year), charter.year))
    return Panel(charter.width, charter.height, spec.label, tuple(shapes))
