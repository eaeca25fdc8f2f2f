"""Printed cards of a kit: a postcard and a greeting card, A6 landscape (148 × 105 mm), two pages.

In: a ``KitSubject``. Out: PDF bytes made with ReportLab in invariant mode (no date, fixed
document id): the same subject gives the same bytes. Page 1 is the recto (the panel), page 2
the verso (text, and room for an address or a handwritten message), ready for double-sided
printing on card stock. Print-ready as the panels are: each page is the A6 trim (TrimBox) with
3 mm of bleed around it (BleedBox) into which the red band runs; colours in CMYK only (the
panel charter's print values; greys as black ink only); the panel drawn as vectors from the
charter, not as an image; every font embedded, none merely named.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from xml.sax.saxutils import escape

from label_panels.charter import load_charter
from label_panels.geometry import PanelSpec, layout
from label_panels.render_pdf import draw_panel, print_color
from reportlab import rl_config
from reportlab.lib.colors import CMYKColor
from reportlab.lib.pagesizes import A6, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from label_kits.subject import (
    FONT_BOLD,
    FONT_REGULAR,
    GREY,
    INK,
    RED,
    KitSubject,
    at_sign,
    fr,
    grammar,
    join_and,
    level_words,
    quoted,
    texts,
    typo,
)

PAGE = landscape(A6)  # the trim: 419.5 × 297.6 pt
WIDTH, HEIGHT = PAGE
BLEED = 3 * mm  # what printers ask for
REGULAR, BOLD = "AtkinsonHyperlegible", "AtkinsonHyperlegible-Bold"
# Greys of the cards' small print and rules, as black ink only: a grey built of four inks
# would blur with the slightest misregistration.
_GREYS = {"#5A5F66": 0.72, "#B0B4BA": 0.33, "#C4C8CE": 0.25}


@cache
def _charter():
    return load_charter()


def cmyk(hex_color: str) -> CMYKColor:
    """A kit colour for print: the charter's CMYK for its colours, black ink for the greys."""
    if hex_color.upper() in _GREYS:
        return CMYKColor(0, 0, 0, _GREYS[hex_color.upper()])
    return print_color(_charter(), hex_color)


@cache
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_REGULAR)))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_BOLD)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)


@contextmanager
def binary_streams() -> Iterator[None]:
    """Streams without ASCII85: ReportLab encodes it in pure Python, 15 ms per image.

    Set for our own documents only and restored after, so that other PDFs made in the same
    process (the panels) keep their own bytes.
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _canvas(buffer: io.BytesIO, title: str, subject: KitSubject) -> canvas.Canvas:
    register_fonts()
    pdf = canvas.Canvas(
        buffer,
        pagesize=(WIDTH + 2 * BLEED, HEIGHT + 2 * BLEED),
        invariant=1,
        pageCompression=1,
        lang="fr-FR",
        initialFontName=REGULAR,  # else ReportLab names Helvetica without embedding it
        enforceColorSpace="sep_cmyk",  # an RGB colour would raise instead of slipping through
    )
    pdf.setTrimBox((BLEED, BLEED, BLEED + WIDTH, BLEED + HEIGHT))
    pdf.setArtBox((BLEED, BLEED, BLEED + WIDTH, BLEED + HEIGHT))
    pdf.setBleedBox((0, 0, WIDTH + 2 * BLEED, HEIGHT + 2 * BLEED))
    _start_page(pdf)
    pdf.setTitle(title)
    pdf.setAuthor("Villes Internet")
    pdf.setSubject(fr(f"Label {texts()['label']} {subject.year} : {typo(subject.nom)}"))
    pdf.setCreator("Villes Internet")
    return pdf


def _start_page(pdf: canvas.Canvas) -> None:
    """Every drawing below is in trim coordinates: the origin moves past the bleed."""
    pdf.translate(BLEED, BLEED)


def _next_page(pdf: canvas.Canvas) -> None:
    pdf.showPage()  # resets the graphics state, the translation included
    _start_page(pdf)


def _style(size: float, bold=False, color=INK, align=0, leading=1.25) -> ParagraphStyle:
    return ParagraphStyle(
        "card",
        fontName=BOLD if bold else REGULAR,
        fontSize=size,
        leading=size * leading,
        textColor=cmyk(color),
        alignment=align,  # 0 left, 1 centre
        splitLongWords=1,  # a long URL breaks instead of leaving the card
    )


def _fitted(markup: str, width: float, height: float, size: float, **style) -> Paragraph:
    """The paragraph at the largest size (from ``size`` down to 6 pt) that fits the box."""
    while True:
        para = Paragraph(markup, _style(size, **style))
        _, used = para.wrap(width, height)
        if used <= height or size <= 6:
            return para
        size -= 0.5


def _draw(pdf, para: Paragraph, x: float, top: float, width: float) -> float:
    """Draw a paragraph whose top is at ``top`` (from the page bottom); return its bottom."""
    _, used = para.wrap(width, HEIGHT)
    para.drawOn(pdf, x, top - used)
    return top - used


def _panel(pdf, subject: KitSubject, centre_x: float, top: float, width: float, height: float):
    """Draw the panel, as vectors, scaled into the box whose top edge is ``top``; return its
    bottom."""
    charter = _charter()
    panel = layout(PanelSpec(subject.kind, subject.level, subject.year, subject.green), charter)
    scale = min(width / (panel.width * mm), height / (panel.height * mm))
    w, h = panel.width * mm * scale, panel.height * mm * scale
    pdf.saveState()
    pdf.translate(centre_x - w / 2, top - h)
    pdf.scale(scale, scale)
    draw_panel(pdf, panel, charter)
    pdf.restoreState()
    return top - h


def _footer(pdf, text: str, y: float = 6 * mm) -> None:
    pdf.setFont(REGULAR, 6.5)
    pdf.setFillColor(cmyk(GREY))
    pdf.drawCentredString(WIDTH / 2, y, text)


def _source() -> str:
    return fr("Source : www.villes-internet.net — texte sous licence CC BY-NC-SA 4.0")


def _honours(subject: KitSubject) -> str:
    parts = []
    if subject.mentions:
        noun = "la mention" if len(subject.mentions) == 1 else "les mentions"
        parts.append(f"{noun} {join_and([quoted(m) for m in subject.mentions])}")
    if subject.excellence:
        parts.append(f"le titre de {quoted('Territoire d’excellence numérique')}")
    return f" Le jury lui a aussi décerné {join_and(parts)}." if parts else ""


def _recto(pdf, subject: KitSubject, heading: str | None = None) -> None:
    margin = 9 * mm
    top = HEIGHT - margin
    if heading:
        para = _fitted(
            escape(heading),
            WIDTH - 2 * margin,
            14 * mm,
            24,
            bold=True,
            color=RED,
            align=1,
            leading=1.1,
        )
        top = _draw(pdf, para, margin, top, WIDTH - 2 * margin) - 3 * mm
    bottom = _panel(pdf, subject, WIDTH / 2, top, WIDTH - 2 * margin, top - 30 * mm)
    name = _fitted(
        f"<b>{escape(typo(subject.nom))}</b>",
        WIDTH - 2 * margin,
        12 * mm,
        15,
        align=1,
        leading=1.1,
    )
    below = _draw(pdf, name, margin, bottom - 4 * mm, WIDTH - 2 * margin)
    label = Paragraph(
        escape(fr(f"Label {quoted(texts()['label'])} {subject.year}")),
        _style(8.5, color=GREY, align=1),
    )
    _draw(pdf, label, margin, below - 1.5 * mm, WIDTH - 2 * margin)
    pdf.setFillColor(cmyk(RED))
    # The band runs into the bleed on three sides: a trim a little off shows no white edge.
    pdf.rect(-BLEED, -BLEED, WIDTH + 2 * BLEED, 2.5 * mm + BLEED, stroke=0, fill=1)


def postcard_pdf(subject: KitSubject) -> bytes:
    """Recto: the panel and the name. Verso: « Notre commune est labellisée… », address lines."""
    with binary_streams():
        return _postcard(subject)


def greeting_card_pdf(subject: KitSubject) -> bytes:
    """A greeting card for the turn of the year that follows the label's ceremony.

    The label of year Y is awarded early in Y; greeting cards go out in December Y and January
    Y+1, so the card wishes a happy Y+1 and shows the Y panel (showing last year's label is
    allowed, R11).
    """
    with binary_streams():
        return _greeting_card(subject)


def _postcard(subject: KitSubject) -> bytes:
    g = grammar(subject)
    buffer = io.BytesIO()
    pdf = _canvas(
        buffer, fr(f"Carte postale : {typo(subject.nom)}, {g.label_name} {subject.year}"), subject
    )
    _recto(pdf, subject)
    _next_page(pdf)

    # Verso: message on the left, address on the right, as on any postcard.
    margin, divider = 8 * mm, 76 * mm
    left_width = divider - margin - 5 * mm
    title = fr(f"{g.our} est labellisé{g.agree} {quoted(g.label_name)} {subject.year}")
    body = fr(
        f"Le jury du label national {quoted(texts()['label'])} lui a décerné "
        f"{level_words(subject.level)} ({at_sign(subject.level)}) pour sa politique numérique "
        f"au service des habitants.{_honours(subject)}"
    )
    link = fr(f"Découvrez nos actions : {subject.page_url}")
    top = HEIGHT - margin
    top = (
        _draw(
            pdf,
            _fitted(escape(title), left_width, 20 * mm, 12, bold=True, color=RED, leading=1.15),
            margin,
            top,
            left_width,
        )
        - 3 * mm
    )
    top = (
        _draw(pdf, _fitted(escape(body), left_width, top - 30 * mm, 9.5), margin, top, left_width)
        - 3 * mm
    )
    _draw(
        pdf,
        _fitted(escape(link), left_width, top - 14 * mm, 7.5, color=GREY),
        margin,
        top,
        left_width,
    )
    pdf.setStrokeColor(cmyk("#B0B4BA"))
    pdf.setLineWidth(0.6)
    pdf.line(divider, 14 * mm, divider, HEIGHT - 12 * mm)
    # Stamp box and address lines.
    stamp_w, stamp_h = 22 * mm, 26 * mm
    pdf.setDash(2, 2)
    pdf.rect(WIDTH - margin - stamp_w, HEIGHT - margin - stamp_h, stamp_w, stamp_h)
    pdf.setDash()
    for i in range(4):
        y = HEIGHT - 50 * mm - i * 11 * mm
        pdf.line(divider + 8 * mm, y, WIDTH - margin, y)
    _footer(pdf, _source())
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _greeting_card(subject: KitSubject) -> bytes:
    g = grammar(subject)
    wish_year = subject.year + 1
    buffer = io.BytesIO()
    pdf = _canvas(buffer, fr(f"Carte de vœux {wish_year} : {typo(subject.nom)}"), subject)
    _recto(pdf, subject, heading=f"Belle année {wish_year}\u00a0!")
    _next_page(pdf)

    margin = 10 * mm
    width = WIDTH - 2 * margin
    top = HEIGHT - margin
    wishes = fr(f"Meilleurs vœux pour {wish_year}")
    top = (
        _draw(
            pdf,
            _fitted(escape(wishes), width, 12 * mm, 16, bold=True, color=RED),
            margin,
            top,
            width,
        )
        - 2 * mm
    )
    body = fr(
        f"{typo(subject.nom)} vous souhaite une belle et heureuse année {wish_year}. "
        f"Labellisé{g.agree} {quoted(g.label_name)} {subject.year} avec "
        f"{level_words(subject.level)}, {g.our.lower()} poursuit son engagement pour un "
        "numérique utile à toutes et à tous."
    )
    top = _draw(pdf, _fitted(escape(body), width, 24 * mm, 10), margin, top, width) - 4 * mm
    # Room for a handwritten message and a signature.
    pdf.setStrokeColor(cmyk("#C4C8CE"))
    pdf.setLineWidth(0.5)
    line_y = top - 8 * mm
    while line_y > 16 * mm:
        pdf.line(margin, line_y, WIDTH - margin, line_y)
        line_y -= 9 * mm
    _footer(pdf, _source())
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
