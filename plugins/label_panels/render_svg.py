"""SVG backend: the panel's vector master.

In: a ``PanelSpec`` and a ``Charter``. Out: SVG bytes sized in real millimetres, with a
``<title>`` and an ``aria-label``. Text is converted to outlines with fontTools' ``SVGPathPen``,
so the file needs no font and looks the same in every browser and editor.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen

from label_panels.charter import Charter
from label_panels.fonts import font_info
from label_panels.geometry import Box, PanelSpec, TextRun, layout


def svg_number(value: float) -> str:
    """Short, stable numbers: a hundredth of a millimetre is far below any print precision."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@lru_cache(maxsize=256)
def glyph_path(font_path: Path, char: str, size: float, x: float, baseline: float) -> str:
    info = font_info(font_path)
    scale = size / info.units_per_em
    pen = SVGPathPen(info.glyph_set, ntos=svg_number)
    # Font units are y up from the baseline; the panel is y down from the top.
    info.glyph_set[info.glyph_name(char)].draw(
        TransformPen(pen, (scale, 0, 0, -scale, x, baseline))
    )
    return pen.getCommands()


def _box(box: Box) -> str:
    radius = f' rx="{svg_number(box.radius)}"' if box.radius else ""
    return (
        f'<rect x="{svg_number(box.x)}" y="{svg_number(box.y)}" width="{svg_number(box.width)}" '
        f'height="{svg_number(box.height)}"{radius} fill="{box.color}"/>'
    )


def _text(run: TextRun, charter: Charter) -> str:
    font_path = charter.fonts[run.font]
    d = "".join(
        glyph_path(font_path, char, run.size, x, run.baseline)
        for char, x in zip(run.text, run.xs, strict=True)
        if not char.isspace()
    )
    return f'<path fill="{run.color}" d="{d}"/>'


def render_svg(spec: PanelSpec, charter: Charter) -> bytes:
    panel = layout(spec, charter)
    width, height = svg_number(panel.width), svg_number(panel.height)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label={quoteattr(panel.label)}>',
        f"<title>{escape(panel.label)}</title>",
    ]
    for shape in panel.shapes:
        parts.append(_box(shape) if isinstance(shape, Box) else _text(shape, charter))
    parts.append("</svg>\n")
    return "\n".join(parts).encode("utf-8")
