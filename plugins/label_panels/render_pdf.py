"""PDF backend: the panel at its real size, for print shops.

In: a ``PanelSpec`` and a ``Charter``. Out: PDF bytes of one page exactly the panel's size,
with vector shapes, real text in the embedded TrueType font (selectable, searchable), a French
document title, and identical bytes from run to run (ReportLab's invariant mode).
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from label_panels.charter import NBSP, Charter
from label_panels.geometry import Box, PanelSpec, TextRun, layout

SUBJECT = (
    f"Panneau routier du label «{NBSP}Territoires, Villes et Villages Internet{NBSP}» "
    "(charte graphique du site)"
)

CREATOR = f"Site du label «{NBSP}Territoires, Villes et Villages Internet{NBSP}»"


@lru_cache(maxsize=8)
def _font_name(path: Path) -> str:
    """Register a TrueType file once per process, under a name that depends on its bytes only."""
    name = "Panel-" + hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def _draw_box(pdf: canvas.Canvas, box: Box, page_height: float) -> None:
    pdf.setFillColor(HexColor(box.color))
    # PDF's origin is bottom left: flip y.
    x, y = box.x * mm, (page_height - box.y - box.height) * mm
    if box.radius:
        pdf.roundRect(x, y, box.width * mm, box.height * mm, box.radius * mm, stroke=0, fill=1)
    else:
        pdf.rect(x, y, box.width * mm, box.height * mm, stroke=0, fill=1)


def _draw_text(pdf: canvas.Canvas, run: TextRun, charter: Charter, page_height: float) -> None:
    text = pdf.beginText()
    text.setFont(_font_name(charter.fonts[run.font]), run.size * mm)
    # The layout advanced each glyph by its width plus the tracking, with no kerning: the
    # PDF's character spacing does exactly the same.
    text.setCharSpace(run.tracking * mm)
    text.setFillColor(HexColor(run.color))
    text.setTextOrigin(run.xs[0] * mm, (page_height - run.baseline) * mm)
    text.textOut(run.text)
    pdf.drawText(text)


def render_pdf(spec: PanelSpec, charter: Charter) -> bytes:
    panel = layout(spec, charter)
    buffer = io.BytesIO()
    # The initial font is the panel's own, else ReportLab references a non-embedded Helvetica
    # that print shops' preflight checks flag.
    initial_font = _font_name(charter.fonts[charter.title.font])
    pdf = canvas.Canvas(
        buffer,
        pagesize=(panel.width * mm, panel.height * mm),
        invariant=1,
        pageCompression=1,
        lang="fr-FR",
        initialFontName=initial_font,
    )
    pdf.setTitle(f"Panneau {panel.label}")
    pdf.setAuthor("Villes Internet")
    pdf.setSubject(SUBJECT)
    pdf.setCreator(CREATOR)
    for shape in panel.shapes:
        if isinstance(shape, Box):
            _draw_box(pdf, shape, panel.height)
        else:
            _draw_text(pdf, shape, charter, panel.height)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
