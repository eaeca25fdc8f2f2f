"""A press release as an A4 PDF headed by the label's panel, made with ReportLab.

In: the release's ``Block``s (the very blocks its DOCX and text are written from, so the three
files say the same sentences), its ``Meta`` and a web PNG of the label's panel (the label's mark
as the build already draws it). Out: PDF bytes, the same on every run (ReportLab's invariant
mode, no clock): the kit font embedded, the panel as one image, the passages to complete
highlighted in yellow as in the DOCX. No office suite is involved.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table

from label_kits.cards import BOLD, REGULAR, binary_streams, register_fonts
from label_kits.document import Block, Meta, Run
from label_kits.images import panel_at
from label_kits.subject import GREY, INK, RED, fr, quoted, texts

MARGIN = 20 * mm
FRAME_PADDING = 6  # ReportLab's frames keep 6 pt inside the margins: the header fits within
HIGHLIGHT = "#FFF07A"  # the DOCX's yellow highlight, a little softer on screen
LOGO_WIDTH = 44 * mm
LOGO_PIXELS = 540  # about 300 ppi at LOGO_WIDTH: sharp in print, a light file


def _style(name: str, size: float, *, bold=False, color=INK, before=0.0, after=5.0, **more):
    return ParagraphStyle(
        name,
        fontName=BOLD if bold else REGULAR,
        fontSize=size,
        leading=size * 1.28,
        textColor=HexColor(color),
        spaceBefore=before,
        spaceAfter=after,
        bulletFontName=REGULAR,  # else ReportLab names Helvetica without embedding it
        splitLongWords=1,  # a long address breaks instead of leaving the page
        **more,
    )


# One style per block kind of ``label_kits.document``, sized as the DOCX's.
STYLES = {
    "title": _style("title", 18, bold=True, after=5),
    "subtitle": _style("subtitle", 12, color=GREY, after=9),
    "heading": _style("heading", 12.5, bold=True, color=RED, before=8, after=3, keepWithNext=1),
    "body": _style("body", 10.5),
    "bullet": _style("bullet", 10.5, leftIndent=5 * mm, bulletIndent=0, after=2),
    # The passage to write (the elected official's quote): a yellow box nobody can miss.
    "placeholder": _style(
        "placeholder", 10.5, backColor=HexColor(HIGHLIGHT), borderPadding=(4, 5, 4, 5), before=4
    ),
    "small": _style("small", 8.5, color=GREY, before=4),
}


def _markup(run: Run) -> str:
    """One run as ReportLab's paragraph markup: escaped (names come from the data), bold,
    highlighted. Addresses stay text, as in the DOCX: a link made from text could be made from
    a hostile name too, and PDF readers find addresses in the text themselves."""
    text = escape(run.text)
    if run.bold:
        text = f"<b>{text}</b>"
    if run.highlight:
        text = f'<span backColor="{HIGHLIGHT}">{text}</span>'
    return text


def _paragraph(item: Block) -> Paragraph:
    markup = "".join(_markup(run) for run in item.runs)
    if item.style == "bullet":
        return Paragraph(markup, STYLES["bullet"], bulletText="–")
    return Paragraph(markup, STYLES[item.style])


class PanelImage(Flowable):
    """The panel at print resolution for its printed width (the 1 200-pixel web PNG would only
    weigh more), drawn as one image XObject named by its bytes: the same on every run."""

    def __init__(self, panel_png: bytes, width: float = LOGO_WIDTH):
        super().__init__()
        # On white, scaled once per panel (the kit images' cache): kits go by panel.
        self.picture = panel_at(panel_png, LOGO_PIXELS, 4 * LOGO_PIXELS)
        self.width = width
        self.height = width * self.picture.height / self.picture.width

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(ImageReader(self.picture), 0, 0, self.width, self.height)


def _header(kind: str, year: int, panel_png: bytes) -> Flowable:
    """« COMMUNIQUÉ DE PRESSE » and the label's name on the left, the panel on the right."""
    label = fr(f"Label {quoted(texts()['label'])} {year}")
    words = [
        Paragraph(escape(kind.upper()), _style("kind", 11, bold=True, color=RED, after=3)),
        Paragraph(escape(label), _style("label", 10, color=GREY, after=0)),
        Paragraph(escape(texts()["association"]["nom"]), _style("assoc", 10, color=GREY)),
    ]
    width = A4[0] - 2 * MARGIN - 2 * FRAME_PADDING
    table = Table([[words, PanelImage(panel_png)]], colWidths=[width - LOGO_WIDTH, LOGO_WIDTH])
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # else the table names Helvetica
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 0), (-1, 0), 1.2, HexColor(RED)),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 5 * mm),
        ]
    )
    return table


def _footer(canvas, document) -> None:
    canvas.saveState()
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(HexColor(GREY))
    association = texts()["association"]
    canvas.drawString(MARGIN, 10 * mm, fr(f"{association['nom']} — {association['site']}"))
    canvas.drawRightString(A4[0] - MARGIN, 10 * mm, f"{document.page}")
    canvas.restoreState()


def release_pdf(
    blocks: Sequence[Block],
    meta: Meta,
    panel_png: bytes,
    year: int,
    kind: str = "Communiqué de presse",
) -> bytes:
    """The release as an A4 PDF: header with the panel, then the blocks in order."""
    register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=14 * mm,
        bottomMargin=18 * mm,
        title=meta.title,
        author="Villes Internet",
        subject=meta.subject,
        keywords=meta.keywords,
        creator="Villes Internet",
        lang="fr-FR",
        invariant=1,
        initialFontName=REGULAR,  # else ReportLab names Helvetica without embedding it
    )
    story: list[Flowable] = [_header(kind, year, panel_png), Spacer(1, 5 * mm)]
    story += [_paragraph(item) for item in blocks]
    with binary_streams():
        document.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()
