"""A press release as a list of blocks, written out as DOCX or as plain text.

In: ``Block``s (title, subtitle, heading, body, bullet, placeholder, small), each a tuple of
``Run``s (text with bold, italic or highlight), the document's metadata and, for the DOCX, an
optional ``Logo`` (a PNG above the title). Out: DOCX bytes (python-docx, fonts and language set
explicitly, fixed metadata dates, re-zipped with fixed member dates: identical bytes on every
run) and UTF-8 text with the same words. Both come from the same blocks, as the PDF does
(``label_kits.press_pdf``), so the files of a kit never say different things.
"""

from __future__ import annotations

import copy
import datetime
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor

from label_kits.archive import deterministic_zip, docx_members
from label_kits.subject import GREY, RED

# A town hall edits the release on its own computer: Arial is on every Windows and Mac
# machine, and LibreOffice on Linux substitutes its metric twin, Liberation Sans (fontTable's
# altName), so the text breaks into the same lines everywhere. Never the template's Calibri.
FONT_NAME = "Arial"
FALLBACK_FONT = "Liberation Sans"
LANGUAGE = "fr-FR"


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    highlight: bool = False


@dataclass(frozen=True)
class Block:
    style: str  # title | subtitle | heading | body | bullet | placeholder | small
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def block(style: str, *parts: str | Run) -> Block:
    return Block(style, tuple(Run(p) if isinstance(p, str) else p for p in parts))


@dataclass(frozen=True)
class Meta:
    title: str
    subject: str
    keywords: str
    when: datetime.datetime  # written as created and modified: from the edition, not the clock


# ---------------------------------------------------------------- plain text


def to_text(blocks: Sequence[Block]) -> str:
    """Paragraphs separated by blank lines, not hard-wrapped (pasted into sites and mails)."""
    lines: list[str] = []
    previous = ""
    for item in blocks:
        if item.style == "bullet":
            if previous != "bullet" and lines:
                lines.append("")
            lines.append("– " + item.text)
        else:
            if lines:
                lines.append("")
            lines.append(item.text)
        previous = item.style
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- DOCX


def _set_fonts(rpr_parent) -> None:
    """Name our font for every script and drop the template's theme fonts (Calibri)."""
    rpr = rpr_parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_parent.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), FONT_NAME)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), LANGUAGE)


_FONT_ENTRY = (
    f'<w:font w:name="{FONT_NAME}"><w:altName w:val="{FALLBACK_FONT}"/>'
    '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
).encode()


def _declare_font(document) -> None:
    """Declare our font in the font table with its alternative name (once)."""
    table = document.part.part_related_by(RT.FONT_TABLE)  # a plain Part: edit its bytes
    blob = table.blob
    # The template declares Arial without an altName: ours replaces that entry.
    blob = re.sub(
        rb'<w:font w:name="' + FONT_NAME.encode() + rb'">.*?</w:font>', b"", blob, flags=re.S
    )
    end_of_open_tag = blob.index(b">", blob.index(b"<w:fonts")) + 1
    table._blob = blob[:end_of_open_tag] + _FONT_ENTRY + blob[end_of_open_tag:]


def _style(document, name: str, size: float, bold=False, color=None, before=0, after=6):
    style = document.styles[name]
    _set_fonts(style.element)
    rpr = style.element.find(qn("w:rPr"))
    for tag in ("w:spacing", "w:kern"):  # the template spaces out titles' letters: not ours
        for child in rpr.findall(qn(tag)):
            rpr.remove(child)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor.from_string(color.lstrip("#")) if color else None
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.1
    return style


def _prepare(document) -> None:
    # The default template is US Letter: a French release is printed on A4.
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    # A release is one page: the longest (a long intercommunality name, four mentions, the
    # excellence title) fits in LibreOffice with these sizes (tests/test_kits.py checks it).
    section.top_margin, section.bottom_margin = Cm(1.2), Cm(1.3)
    # Document defaults first: any style not touched below inherits our font, not Calibri.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    _set_fonts(rpr_default)
    _style(document, "Normal", 10.5, after=5)
    _style(document, "Title", 20, bold=True, color="#111111", after=6)
    title = document.styles["Title"].element.pPr
    border = title.find(qn("w:pBdr")) if title is not None else None
    if border is not None:  # the template's blue rule under titles
        title.remove(border)
    _style(document, "Subtitle", 12.5, color=GREY, after=10)
    _style(document, "Heading 1", 12.5, bold=True, color=RED, before=10, after=3)
    _style(document, "List Bullet", 11, after=2)
    _declare_font(document)


_STYLE_NAMES = {
    "title": "Title",
    "subtitle": "Subtitle",
    "heading": "Heading 1",
    "body": "Normal",
    "bullet": "List Bullet",
    "placeholder": "Normal",
    "small": "Normal",
}


@dataclass(frozen=True)
class _Template:
    """The default template, prepared once: its body and properties are copied per document."""

    document: DocxDocument  # prepared (fonts, A4, styles); never written to afterwards
    core: BaseOxmlElement  # its core properties (docProps/core.xml)
    style_ids: Mapping[str, str]  # our block styles → the template's style ids
    members: tuple[tuple[str, bytes], ...]  # the saved template, in python-docx's order
    body_name: str  # the two members each document replaces
    core_name: str


@cache
def _template() -> _Template:
    """Parse and prepare python-docx's template once per process (it depends on this code only).

    Opening the template parses its 430 kB of styles, and preparing it rewrites them: done for
    every release, that was a third of its time. Every other part is saved once here; a
    release only writes its own body and core properties.
    """
    document = Document()
    # Word 2010's copy of the styles (430 kB): later versions ignore it, zipping it costs time.
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[r_id]
    _prepare(document)
    core_part = document.part.package._core_properties_part  # made now if the template has none
    buffer = io.BytesIO()
    document.save(buffer)
    return _Template(
        document=document,
        core=core_part.element,
        # Resolved once: python-docx looks a style name up by scanning every style.
        style_ids={key: document.styles[name].style_id for key, name in _STYLE_NAMES.items()},
        members=tuple(docx_members(buffer.getvalue())),
        body_name=document.part.partname.lstrip("/"),
        core_name=core_part.partname.lstrip("/"),
    )


def _write_blocks(document: DocxDocument, blocks: Sequence[Block], style_ids) -> None:
    for item in blocks:
        paragraph = document.add_paragraph()
        if item.style not in ("body", "placeholder", "small"):
            paragraph._p.style = style_ids[item.style]
        for part in item.runs:
            run = paragraph.add_run(part.text)
            run.bold = part.bold or None
            run.italic = part.italic or item.style == "placeholder" or None
            if part.highlight or item.style == "placeholder":
                # Yellow: the passages to complete are impossible to miss before sending.
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            if item.style == "small":
                run.font.size = Pt(9)
                run.font.color.rgb = RGBColor.from_string(GREY.lstrip("#"))


def _set_properties(props: CoreProperties, meta: Meta) -> None:
    props.title = meta.title
    props.subject = meta.subject
    props.keywords = meta.keywords
    props.author = "Villes Internet"
    props.last_modified_by = "Villes Internet"
    props.comments = "Source : www.villes-internet.net — CC BY-NC-SA 4.0"
    props.language = LANGUAGE
    props.revision = 1
    props.created = props.modified = meta.when.replace(tzinfo=None)


@dataclass(frozen=True)
class Logo:
    """A PNG shown above the title, right-aligned, at a width in centimetres."""

    png: bytes
    width_cm: float
    height_cm: float


_LOGO_MEMBER = "word/media/logo.png"
_LOGO_ID = "rIdLogo"  # the template's own relationships are rId1…rId8
_LOGO_REL = (
    f'<Relationship Id="{_LOGO_ID}" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/image" Target="media/logo.png"/>'
).encode()
_PNG_TYPE = b'<Default Extension="png" ContentType="image/png"/>'


def _add_logo(document: DocxDocument, logo: Logo) -> None:
    """The logo's paragraph, first of the body; its image part is added by ``_logo_parts``."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # Single spacing: Normal's 1.1 would add a tenth of the image's height below it.
    paragraph.paragraph_format.line_spacing = 1.0
    paragraph.paragraph_format.space_after = Pt(0)
    size = Cm(logo.width_cm), Cm(logo.height_cm)
    paragraph.add_run()._r.add_drawing(
        CT_Inline.new_pic_inline(1, _LOGO_ID, "panneau-du-label.png", *size)
    )


def _logo_parts(members, body_name: str, logo: Logo):
    """The template's parts with the logo declared (its relationship, the PNG type), then the
    PNG itself: python-docx's own ``add_picture`` would need a package of each document."""
    folder, _, name = body_name.rpartition("/")
    rels = f"{folder}/_rels/{name}.rels"
    for member, data in members:
        if member == rels:
            data = data.replace(b"</Relationships>", _LOGO_REL + b"</Relationships>")
        elif member == "[Content_Types].xml" and _PNG_TYPE not in data:
            data = data.replace(b"<Default ", _PNG_TYPE + b"<Default ", 1)
        yield member, data
    yield _LOGO_MEMBER, logo.png


def to_docx(blocks: Sequence[Block], meta: Meta, logo: Logo | None = None) -> bytes:
    """The DOCX of the blocks: a copy of the template's body and properties, filled in, zipped
    with the template's other parts and fixed member dates (python-docx stamps the clock)."""
    template = _template()
    body = copy.deepcopy(template.document.element)
    document = DocxDocument(body, template.document.part)
    if logo is not None:
        _add_logo(document, logo)
    _write_blocks(document, blocks, template.style_ids)
    core = copy.deepcopy(template.core)
    _set_properties(CoreProperties(core), meta)
    own = {
        template.body_name: serialize_part_xml(body),
        template.core_name: serialize_part_xml(core),
    }
    members = [(name, own.get(name, data)) for name, data in template.members]
    if logo is not None:
        members = list(_logo_parts(members, template.body_name, logo))
    return deterministic_zip(members, meta.when)
