"""Images of a kit: social-media cards (1200×630, 1200×1200) and an e-mail signature (600×200).

In: a ``KitSubject`` and the bytes of its panel as PNG (the caller renders panels). Out: PNG
bytes, deterministic (Pillow writes no timestamp). Text is drawn with Atkinson Hyperlegible,
shrunk and wrapped to fit its box, so a 45-letter commune name never overflows.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from label_kits.subject import (
    FONT_BOLD,
    FONT_REGULAR,
    GREEN,
    GREY,
    INK,
    PALE,
    RED,
    KitSubject,
    at_sign,
    grammar,
    join_and,
    texts,
    typo,
)

SEPARATOR = PALE  # the charter's pale grey, as the empty @ of a panel
SITE = "www.villes-internet.net"


@lru_cache(maxsize=64)
def font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR), size)


@lru_cache(maxsize=8)
def _decoded(panel_png: bytes) -> Image.Image:
    """The panel on white, decoded once per kit although several images use it (read-only).

    Flattened to RGB: every kit image has a white ground, and RGB resizes and pastes faster.
    """
    image = Image.open(io.BytesIO(panel_png))
    image.load()
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        ground = Image.new("RGB", image.size, "white")
        ground.paste(image, mask=image.getchannel("A"))
        return ground
    return image.convert("RGB")


@lru_cache(maxsize=16)
def panel_at(panel_png: bytes, width: int, height: int) -> Image.Image:
    """The panel scaled to fit in width × height, keeping its proportions (read-only)."""
    panel = _decoded(panel_png)
    scale = min(width / panel.width, height / panel.height)
    size = (max(1, round(panel.width * scale)), max(1, round(panel.height * scale)))
    # Bicubic is sharp enough for flat artwork reduced by less than 3; reducing_gap first
    # shrinks a 4000-pixel print panel by whole factors, which is fast.
    return panel.resize(size, Image.Resampling.BICUBIC, reducing_gap=3.0)


def _split_long(word: str, fits) -> list[str]:
    """Break a word too long for the line after its hyphens (Saint-Rémy-en-Bouzemont-…)."""
    if fits(word) or "-" not in word:
        return [word]
    pieces, current = [], ""
    for part in word.split("-"):
        candidate = f"{current}-{part}" if current else part
        if current and not fits(candidate + "-"):
            pieces.append(current + "-")
            current = part
        else:
            current = candidate
    pieces.append(current)
    return pieces


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    def fits(s: str) -> bool:
        return face.getlength(s) <= width

    words: list[str] = []
    for word in text.split(" "):
        words.extend(_split_long(word, fits))
    lines: list[str] = []
    for word in words:
        if lines and not lines[-1].endswith("-") and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        elif lines and lines[-1].endswith("-") and fits(lines[-1] + word):
            lines[-1] += word
        else:
            lines.append(word)
    return lines


@dataclass(frozen=True)
class Line:
    """A paragraph to draw: text, style, the size range it may shrink within, its line limit."""

    text: str
    size: int
    bold: bool = False
    color: str = INK
    min_size: int | None = None
    max_lines: int = 2
    gap: float = 0.35  # space after, in fractions of the size


def fit(line: Line, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size (down to min_size) at which the text wraps within max_lines."""
    size = line.size
    floor = line.min_size or line.size
    while True:
        face = font(line.bold, size)
        lines = wrap(line.text, face, width)
        too_wide = any(face.getlength(s) > width for s in lines)
        if (len(lines) <= line.max_lines and not too_wide) or size <= floor:
            return face, lines
        size -= 2


def _measure(paragraphs: list[Line], width: int):
    laid, height = [], 0
    for para in paragraphs:
        face, lines = fit(para, width)
        leading = round(face.size * 1.18)
        laid.append((para, face, lines, leading))
        height += leading * len(lines) + round(face.size * para.gap)
    if laid:
        last = laid[-1]
        height -= round(last[1].size * last[0].gap)
    return laid, height


def draw_text_box(draw, paragraphs, box, align="left", valign="middle") -> None:
    """Draw paragraphs within box = (left, top, right, bottom), wrapping and shrinking each."""
    left, top, right, bottom = box
    width = right - left
    laid, height = _measure(paragraphs, width)
    # Whole block too tall: shrink the largest text first (the name, usually), so the lines
    # keep their hierarchy; when nothing may shrink any more, shrink everything.
    while height > bottom - top and any(p.size > 12 for p in paragraphs):
        shrinkable = [i for i, p in enumerate(paragraphs) if p.size > (p.min_size or p.size)]
        targets = [max(shrinkable, key=lambda i: paragraphs[i].size)] if shrinkable else None
        paragraphs = [
            dataclasses.replace(p, size=max(12, p.size - 2))
            if targets is None or i in targets
            else p
            for i, p in enumerate(paragraphs)
        ]
        laid, height = _measure(paragraphs, width)
    y = top + ((bottom - top - height) // 2 if valign == "middle" else 0)
    for para, face, lines, leading in laid:
        for text in lines:
            x = left
            if align == "center":
                x = left + (width - face.getlength(text)) / 2
            # Anchor "ls": y is the baseline, so mixed sizes line up on a regular grid.
            draw.text((x, y + face.size), text, font=face, fill=para.color, anchor="ls")
            y += leading
        y += round(face.size * para.gap)


def _paragraphs(subject: KitSubject, scale: float = 1.0) -> list[Line]:
    g = grammar(subject)
    s = lambda n: round(n * scale)  # noqa: E731 - a local unit conversion
    items = [
        Line(
            f"Label «\u00a0{typo(texts()['label'])}\u00a0»",
            s(30),
            color=GREY,
            min_size=s(22),
            max_lines=1,
            gap=0.6,
        ),
        Line(typo(subject.nom), s(76), bold=True, min_size=s(40), max_lines=3, gap=0.3),
        Line(
            f"{g.label_name} {subject.year}\u00a0: {at_sign(subject.level)}",
            s(46),
            bold=True,
            color=RED,
            min_size=s(30),
            max_lines=1,
            gap=0.5,
        ),
    ]
    if subject.mentions:
        noun = "Mention" if len(subject.mentions) == 1 else "Mentions"
        items.append(
            Line(
                f"{noun} {join_and([typo(m) for m in subject.mentions])}",
                s(30),
                color=GREEN if subject.green else INK,
                min_size=s(22),
                gap=0.4,
            )
        )
    if subject.excellence:
        items.append(
            Line("Territoire d’excellence numérique", s(30), bold=True, min_size=s(22), gap=0.4)
        )
    return items


@lru_cache(maxsize=8)
def logo_png(panel_png: bytes, width: int) -> bytes:
    """The panel as a PNG ``width`` pixels wide, on white, for a document's header."""
    return _png(panel_at(panel_png, width, 4 * width))


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    # No timestamp chunk is written; compress_level fixed so bytes never depend on defaults.
    image.save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()


def social_image(subject: KitSubject, panel_png: bytes, size: tuple[int, int] = (1200, 630)):
    """A card for social networks: the panel and what the collectivity received."""
    width, height = size
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    footer = font(False, 26)
    if width >= height * 1.4:  # landscape: panel on the left, text on the right
        split = round(width * 0.46)
        draw.rectangle((split, 60, split + 1, height - 72), fill=SEPARATOR)
        panel = panel_at(panel_png, split - 80, height - 120)
        image.paste(panel, ((split - panel.width) // 2, (height - panel.height) // 2))
        draw_text_box(draw, _paragraphs(subject), (split + 56, 48, width - 56, height - 84))
        draw.text((width - 56, height - 40), SITE, font=footer, fill=GREY, anchor="rs")
    else:  # square: panel on top, text centred below
        split = round(height * 0.5)
        panel = panel_at(panel_png, width - 240, split - 80)
        image.paste(panel, ((width - panel.width) // 2, 60 + (split - 60 - panel.height) // 2))
        draw.rectangle((200, split + 24, width - 200, split + 25), fill=SEPARATOR)
        draw_text_box(
            draw,
            _paragraphs(subject, 1.15),
            (80, split + 50, width - 80, height - 100),
            align="center",
        )
        draw.text((width / 2, height - 50), SITE, font=footer, fill=GREY, anchor="ms")
    draw.rectangle((0, height - 12, width, height), fill=RED)  # the label's red, as on panels
    return _png(image)


def email_signature(subject: KitSubject, panel_png: bytes, scale: int = 1) -> bytes:
    """A 600×200 banner for e-mail signatures; ``scale=2`` draws it at 1200×400 for sharp
    display on high-density screens (shown at 600×200, with the 2× file in the HTML)."""

    def s(n: int) -> int:
        return n * scale

    width, height = s(600), s(200)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    panel = panel_at(panel_png, s(210), s(150))
    image.paste(panel, (s(16) + (s(210) - panel.width) // 2, (height - panel.height) // 2))
    draw.rectangle((s(244), s(24), s(246) + scale - 1, height - s(24)), fill=RED)
    g = grammar(subject)
    lines = [
        Line(typo(subject.nom), s(30), bold=True, min_size=s(18), max_lines=2, gap=0.25),
        Line(
            f"{g.label_name} {subject.year}\u00a0: {at_sign(subject.level)}",
            s(22),
            bold=True,
            color=RED,
            min_size=s(16),
            max_lines=1,
            gap=0.35,
        ),
    ]
    if subject.green:
        lines.append(Line("Mention Transition écologique", s(16), color=GREEN, max_lines=1))
    elif subject.excellence:
        lines.append(Line("Territoire d’excellence numérique", s(16), max_lines=1))
    label = f"Label «\u00a0{typo(texts()['label'])}\u00a0»"
    lines.append(Line(label, s(14), color=GREY, min_size=s(12)))
    draw_text_box(draw, lines, (s(264), s(18), width - s(16), height - s(18)))
    return _png(image)
