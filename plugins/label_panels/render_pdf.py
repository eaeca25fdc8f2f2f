"""PDF backend: the panel at its real size, ready for a print shop or a sign maker.

In: a ``PanelSpec`` and a ``Charter``. Out: PDF bytes of one page holding the panel at its
finished size (TrimBox) with the charter's « fond perdu » around it (BleedBox), the background
running into that bleed; colours in CMYK only, from the charter's print values (a spot ink where
the charter names one); vector shapes and real text in the embedded TrueType font (selectable,
searchable); a French document title; PDF/X-4 with the FOGRA39 output intent (``pdfx``);
identical bytes from run to run (ReportLab's invariant mode, then qpdf's deterministic id).
With ``crop_marks`` the page grows to hold « traits de coupe » at the trim's corners, outside
the bleed, for printers who want them.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

from reportlab.lib.colors import CMYKColor, CMYKColorSep
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from label_panels.charter import NBSP, Charter
from label_panels.geometry import Box, Panel, PanelSpec, TextRun, layout
from label_panels.pdfx import to_pdfx

SUBJECT = (
    f"Panneau routier du label «{NBSP}Territoires, Villes et Villages Internet{NBSP}» "
    "(charte graphique du site) : format fini, fond perdu, couleurs CMJN"
)

CREATOR = f"Site du label «{NBSP}Territoires, Villes et Villages Internet{NBSP}»"
# Crop marks are drawn in every separation (« repérage »), so each plate shows them.
REGISTRATION = CMYKColor(1, 1, 1, 1)
MARK_WIDTH = 0.25  # mm
MARK_MARGIN = 2.0  # mm of blank page beyond the end of the crop marks


@lru_cache(maxsize=8)
def _font_name(path: Path) -> str:
    """Register a TrueType file once per process, under a name that depends on its bytes only."""
    name = "Panel-" + hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def print_color(charter: Charter, hex_color: str) -> CMYKColor:
    """The charter's print value of a screen colour: CMYK, or a spot ink with its CMYK."""
    color = charter.print_color(hex_color)
    c, m, y, k = (value / 100 for value in color.cmyk)
    if color.spot:
        return CMYKColorSep(c, m, y, k, spotName=color.spot)
    return CMYKColor(c, m, y, k)


def _draw_box(pdf: canvas.Canvas, box: Box, charter: Charter) -> None:
    pdf.setFillColor(print_color(charter, box.color))
    # PDF's origin is bottom left: flip y.
    x, y = box.x * mm, (charter.height - box.y - box.height) * mm
    if box.radius:
        pdf.roundRect(x, y, box.width * mm, box.height * mm, box.radius * mm, stroke=0, fill=1)
    else:
        pdf.rect(x, y, box.width * mm, box.height * mm, stroke=0, fill=1)


def _draw_text(pdf: canvas.Canvas, run: TextRun, charter: Charter) -> None:
    text = pdf.beginText()
    text.setFont(_font_name(charter.fonts[run.font]), run.size * mm)
    # The layout advanced each glyph by its width plus the tracking, with no kerning: the
    # PDF's character spacing does exactly the same.
    text.setCharSpace(run.tracking * mm)
    text.setFillColor(print_color(charter, run.color))
    text.setTextOrigin(run.xs[0] * mm, (charter.height - run.baseline) * mm)
    text.textOut(run.text)
    pdf.drawText(text)


def draw_panel(pdf: canvas.Canvas, panel: Panel, charter: Charter) -> None:
    """Draw the panel in CMYK with its lower left corner at the origin, 1 mm = ``mm`` points
    (a caller may scale it: the kits' cards draw it small, still vector)."""
    for shape in panel.shapes:
        if isinstance(shape, Box):
            _draw_box(pdf, shape, charter)
        else:
            _draw_text(pdf, shape, charter)


def _draw_crop_marks(pdf: canvas.Canvas, charter: Charter) -> None:
    """Marks on the trim lines' extensions, starting beyond the bleed (origin: trim corner)."""
    start, end = charter.bleed, charter.bleed + charter.crop_mark_length
    pdf.setStrokeColor(REGISTRATION)
    pdf.setLineWidth(MARK_WIDTH * mm)
    lines = []
    for x in (0.0, charter.width):
        for y in (0.0, charter.height):
            out_x = -1 if x == 0 else 1
            out_y = -1 if y == 0 else 1
            lines.append((x, y + out_y * start, x, y + out_y * end))  # vertical mark
            lines.append((x + out_x * start, y, x + out_x * end, y))  # horizontal mark
    pdf.lines([tuple(v * mm for v in line) for line in lines])


def page_margin(charter: Charter, crop_marks: bool) -> float:
    """Millimetres of page around the trim: the bleed, plus room for the marks if any."""
    if not crop_marks:
        return charter.bleed
    return charter.bleed + charter.crop_mark_length + MARK_MARGIN


def _set_boxes(pdf: canvas.Canvas, charter: Charter, margin: float) -> None:
    def box(outset: float) -> tuple[float, ...]:
        left, bottom = margin - outset, margin - outset
        right, top = margin + charter.width + outset, margin + charter.height + outset
        return tuple(round(v * mm, 3) for v in (left, bottom, right, top))

    pdf.setTrimBox(box(0))
    pdf.setBleedBox(box(charter.bleed))  # no ArtBox: PDF/X wants a TrimBox or an ArtBox


def render_pdf(spec: PanelSpec, charter: Charter, crop_marks: bool = False) -> bytes:
    panel = layout(spec, charter)
    margin = page_margin(charter, crop_marks)
    buffer = io.BytesIO()
    # The initial font is the panel's own, else ReportLab references a non-embedded Helvetica
    # that print shops' preflight checks flag.
    initial_font = _font_name(charter.fonts[charter.title.font])
    pdf = canvas.Canvas(
        buffer,
        pagesize=((panel.width + 2 * margin) * mm, (panel.height + 2 * margin) * mm),
        invariant=1,
        pageCompression=1,
        lang="fr-FR",
        initialFontName=initial_font,
        enforceColorSpace="sep_cmyk",  # an RGB colour would raise instead of slipping through
    )
    pdf.setTitle(f"Panneau {panel.label}" + (" (traits de coupe)" if crop_marks else ""))
    pdf.setAuthor("Villes Internet")
    pdf.setSubject(SUBJECT)
    pdf.setCreator(CREATOR)
    _set_boxes(pdf, charter, margin)
    pdf.translate(margin * mm, margin * mm)
    # The background runs into the bleed, square: a trim a little off shows no white edge.
    pdf.setFillColor(print_color(charter, charter.background))
    bleed = charter.bleed
    size = ((panel.width + 2 * bleed) * mm, (panel.height + 2 * bleed) * mm)
    pdf.rect(-bleed * mm, -bleed * mm, *size, stroke=0, fill=1)
    draw_panel(pdf, panel, charter)
    if crop_marks:
        _draw_crop_marks(pdf, charter)
    pdf.showPage()
    pdf.save()
    return to_pdfx(buffer.getvalue())
