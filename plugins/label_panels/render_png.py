"""PNG backend: the panel rasterised with Pillow at a requested width.

In: a ``PanelSpec``, a ``Charter`` and a width in pixels. Out: PNG bytes, identical from run to
run (no timestamp or text chunk; only the resolution, so that the file prints at real size).
Glyphs are drawn one by one at the positions the layout computed, with anti-aliased rounded
corners, so the bitmap matches the SVG and PDF.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

from label_panels.charter import Charter
from label_panels.geometry import Box, PanelSpec, TextRun, layout

MM_PER_INCH = 25.4
# Corners are drawn this many times larger, then reduced: smooth edges at little cost.
_SUPERSAMPLE = 4
# zlib level 6 makes the print PNG about 40 % smaller than levels 1 to 3 for about 0.04 s more
# (measured on a 4000 px panel); higher levels and ``optimize`` cost much more for little.
_COMPRESS_LEVEL = 6


@lru_cache(maxsize=64)
def _font(path: Path, size_px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size_px, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=64)
def _corner(radius_px: float) -> Image.Image:
    """The top-left corner of a rounded box as an anti-aliased coverage mask."""
    side = math.ceil(radius_px)
    big = Image.new("L", (side * _SUPERSAMPLE, side * _SUPERSAMPLE), 0)
    diameter = 2 * radius_px * _SUPERSAMPLE
    ImageDraw.Draw(big).ellipse((0, 0, diameter - 1, diameter - 1), fill=255)
    return big.reduce(_SUPERSAMPLE)


def _rounded_mask(width: int, height: int, radius_px: float) -> Image.Image:
    mask = Image.new("L", (width, height), 255)
    radius_px = min(radius_px, width / 2, height / 2)
    if radius_px < 0.5:
        return mask
    corner = _corner(round(radius_px * 4) / 4)  # quantised: a few masks serve all sizes
    side = corner.width
    mask.paste(corner, (0, 0))
    mask.paste(corner.transpose(Image.Transpose.FLIP_LEFT_RIGHT), (width - side, 0))
    mask.paste(corner.transpose(Image.Transpose.FLIP_TOP_BOTTOM), (0, height - side))
    mask.paste(corner.transpose(Image.Transpose.ROTATE_180), (width - side, height - side))
    return mask


@lru_cache(maxsize=64)
def _corners(radius_px: float) -> tuple[Image.Image, ...]:
    """The four corner masks: top left, top right, bottom left, bottom right."""
    corner = _corner(radius_px)
    return (
        corner,
        corner.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
        corner.transpose(Image.Transpose.FLIP_TOP_BOTTOM),
        corner.transpose(Image.Transpose.ROTATE_180),
    )


def _draw_box(image: Image.Image, box: Box, scale: float) -> None:
    left, top = round(box.x * scale), round(box.y * scale)
    right, bottom = round((box.x + box.width) * scale), round((box.y + box.height) * scale)
    width, height = right - left, bottom - top
    color = ImageColor.getrgb(box.color)
    radius_px = min(box.radius * scale, width / 2, height / 2)
    if radius_px < 0.5:
        image.paste(color, (left, top, right, bottom))
        return
    corners = _corners(round(radius_px * 4) / 4)
    side = corners[0].width
    if 2 * side > width or 2 * side > height:  # the corners overlap: one mask for the box
        image.paste(color, (left, top, right, bottom), _rounded_mask(width, height, radius_px))
        return
    # The same pixels as pasting through _rounded_mask, whose inside is opaque: only the
    # corners are blended, the rest is a plain fill (a 4000-pixel box blended took 25 ms).
    image.paste(color, (left + side, top, right - side, bottom))
    image.paste(color, (left, top + side, left + side, bottom - side))
    image.paste(color, (right - side, top + side, right, bottom - side))
    xs, ys = (left, right - side), (top, bottom - side)
    for mask, (x, y) in zip(
        corners, ((xs[0], ys[0]), (xs[1], ys[0]), (xs[0], ys[1]), (xs[1], ys[1])), strict=True
    ):
        image.paste(color, (x, y, x + side, y + side), mask)


def _draw_text(draw: ImageDraw.ImageDraw, run: TextRun, charter: Charter, scale: float) -> None:
    font = _font(charter.fonts[run.font], run.size * scale)
    fill = ImageColor.getrgb(run.color)
    for char, x in zip(run.text, run.xs, strict=True):
        if not char.isspace():
            # "ls": x is the glyph's pen origin and y its baseline, as in the layout.
            draw.text((x * scale, run.baseline * scale), char, font=font, fill=fill, anchor="ls")


def png_size(charter: Charter, width: int) -> tuple[int, int]:
    """A PNG of the panel ``width`` pixels wide: its height, the panel's proportions kept."""
    return width, round(charter.height * (width / charter.width))


def render_png(spec: PanelSpec, charter: Charter, width: int) -> bytes:
    panel = layout(spec, charter)  # as wide and high as the charter's panel
    scale = width / panel.width
    height = png_size(charter, width)[1]
    # Outside the panel's rounded corners: white, as a cut-out sign shown on a white page.
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for shape in panel.shapes:
        if isinstance(shape, Box):
            _draw_box(image, shape, scale)
        else:
            _draw_text(draw, shape, charter, scale)
    buffer = io.BytesIO()
    dpi = width / (panel.width / MM_PER_INCH)
    image.save(buffer, "PNG", compress_level=_COMPRESS_LEVEL, dpi=(dpi, dpi))
    return buffer.getvalue()
