"""Font metrics and outlines read with fontTools, shared by the layout and the SVG backend.

In: a TrueType file path. Out: a cached ``FontInfo`` giving units per em, cap height, advance
widths, glyph bounding boxes and glyph outlines (for drawing text as paths). Text is laid out
glyph by glyph from these advances, without kerning, so that the SVG, PNG and PDF backends
(which each shape text differently) all place every glyph at exactly the same spot.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont


@dataclass(frozen=True)
class GlyphBox:
    """A glyph's ink bounds in font units, y up from the baseline."""

    x_min: int
    y_min: int
    x_max: int
    y_max: int


class FontInfo:
    """Metrics of one TrueType font; one instance per file and process (see ``font_info``)."""

    def __init__(self, path: Path):
        self.path = path
        self.font = TTFont(path, lazy=False)
        self.units_per_em: int = self.font["head"].unitsPerEm
        self.cap_height: int = self.font["OS/2"].sCapHeight
        self.cmap: dict[int, str] = self.font.getBestCmap()
        self.glyph_set = self.font.getGlyphSet()

    def has_char(self, char: str) -> bool:
        return ord(char) in self.cmap

    def glyph_name(self, char: str) -> str:
        return self.cmap[ord(char)]

    def advance(self, char: str) -> int:
        return self.font["hmtx"][self.glyph_name(char)][0]

    def box(self, char: str) -> GlyphBox:
        glyph = self.font["glyf"][self.glyph_name(char)]
        if not hasattr(glyph, "xMin"):  # an empty glyph (space) has no bounds
            return GlyphBox(0, 0, 0, 0)
        return GlyphBox(glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax)

    def text_width(self, text: str, size: float, tracking: float) -> float:
        """Width of ``text`` at ``size`` (em, any unit) with ``tracking`` added between glyphs."""
        units = sum(self.advance(char) for char in text)
        return units * size / self.units_per_em + tracking * max(len(text) - 1, 0)


@lru_cache(maxsize=8)
def font_info(path: Path) -> FontInfo:
    return FontInfo(Path(path))
