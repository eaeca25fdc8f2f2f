"""The panels' public API: every format of one panel at once.

In: a ``PanelSpec`` and a ``Charter`` (``load_charter()``). Out: ``render_all`` gives the public
files of one panel by name (R11; names from DATA_FORMAT.md): the SVG master, a web PNG, a print
PNG, a real-size print PDF and
the same PDF with crop marks. Pure and deterministic, so callers may run it in a process pool and
cache its result under ``charter_digest(charter)`` and the spec.
"""

from __future__ import annotations

from label_data.offer import CROP_PDF, PDF, PRINT_PNG, SHEET, SVG, WEB_PNG

from label_panels.charter import Charter, CharterError, charter_digest, load_charter
from label_panels.geometry import PanelSpec
from label_panels.render_pdf import render_pdf
from label_panels.render_png import png_size, render_png
from label_panels.render_svg import render_svg
from label_panels.sheet import technical_sheet

__all__ = [
    "Charter",
    "CharterError",
    "PanelSpec",
    "charter_digest",
    "load_charter",
    "render_all",
    "render_pdf",
    "render_png",
    "render_svg",
    "web_size",
]


def render_all(spec: PanelSpec, charter: Charter) -> dict[str, bytes]:
    """Every public file of one panel, by name, → bytes.

    ``<stem>.svg``, ``<stem>.png`` (web), ``<stem>-impression.png``, ``<stem>.pdf`` (print:
    CMYK, trim and bleed boxes) and ``<stem>-traits-de-coupe.pdf`` (the same with crop marks)
    and ``<stem>-fiche-technique.txt`` (sizes, colours, which file to send to whom).
    """
    stem = spec.stem  # the names' suffixes: label_data.offer, with the pages that link them
    return {
        stem + SVG: render_svg(spec, charter),
        stem + WEB_PNG: render_png(spec, charter, charter.png_web_width),
        stem + PRINT_PNG: render_png(spec, charter, charter.png_print_width),
        stem + PDF: render_pdf(spec, charter),
        stem + CROP_PDF: render_pdf(spec, charter, crop_marks=True),
        stem + SHEET: technical_sheet(spec, charter),
    }


def web_size(charter: Charter) -> tuple[int, int]:
    """The web PNG's width and height in pixels (what pages give as ``width``/``height``)."""
    return png_size(charter, charter.png_web_width)
