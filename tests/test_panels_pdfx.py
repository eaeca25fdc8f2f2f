"""Tests of the print PDFs as PDF/X-4 (``label_panels.pdfx``): the FOGRA39 output intent with
the shipped profile, the version keys in the document information and the XMP, nested page
boxes, CMYK or grey only, byte-identical renderings; on fresh panels and on the demo site's."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

import pikepdf
import pytest
from label_panels.charter import MAX_LEVEL, charter_digest
from label_panels.pdfx import PROFILE, to_pdfx, xmp_date
from label_panels.render import PanelSpec, load_charter, render_all, render_pdf

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
}
RGB_OPERATORS = {"rg", "RG"}
PRINT_SPACES = {"/DeviceCMYK", "/DeviceGray"}


@pytest.fixture(scope="module")
def charter():
    return load_charter()


def _xmp(pdf: pikepdf.Pdf) -> dict[str, str]:
    root = ET.fromstring(pdf.Root.Metadata.read_bytes())
    found = {}
    for key in (
        "pdfxid:GTS_PDFXVersion",
        "pdf:Trapped",
        "xmp:CreateDate",
        "xmp:ModifyDate",
        "dc:title/rdf:Alt/rdf:li",
        "xmpMM:DocumentID",
    ):
        element = root.find(f".//rdf:Description/{key}", NS)
        found[key.split("/")[0]] = element.text if element is not None else None
    return found


def _colour_space_problems(name: str, space) -> list[str]:
    """A resource colour space is CMYK, grey, or a spot ink / DeviceN drawn as CMYK."""
    if isinstance(space, pikepdf.Name):
        return [] if str(space) in PRINT_SPACES else [f"colour space {name}: {space}"]
    family = str(space[0])
    if family in ("/Separation", "/DeviceN") and str(space[2]) in PRINT_SPACES:
        return []
    return [f"colour space {name}: {family}"]


def _page_problems(page: pikepdf.Page) -> list[str]:
    problems = []
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    for name, space in resources.get("/ColorSpace", pikepdf.Dictionary()).items():
        problems += _colour_space_problems(name, space)
    for name, xobject in resources.get("/XObject", pikepdf.Dictionary()).items():
        space = xobject.get("/ColorSpace")
        if xobject.Subtype == "/Image" and str(space) not in PRINT_SPACES:
            problems.append(f"image {name} in {space}")
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in RGB_OPERATORS:
            problems.append(f"RGB operator {op}")
        if op in ("cs", "CS") and str(operands[0]) == "/DeviceRGB":
            problems.append("DeviceRGB selected in the content")
    for name, font in resources.get("/Font", pikepdf.Dictionary()).items():
        for part in font.get("/DescendantFonts", [font]):
            descriptor = part.get("/FontDescriptor", pikepdf.Dictionary())
            if "/FontFile2" not in descriptor and "/FontFile3" not in descriptor:
                problems.append(f"font {name} not embedded")
    return problems


def _inside(inner, outer) -> bool:
    a, b = [float(v) for v in inner], [float(v) for v in outer]
    return a[0] >= b[0] and a[1] >= b[1] and a[2] <= b[2] and a[3] <= b[3]


def pdfx_problems(data: bytes) -> list[str]:
    """What would keep ``data`` from being the PDF/X-4 file we promise a print shop."""
    problems = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if pdf.pdf_version < "1.6":
            problems.append(f"PDF {pdf.pdf_version}")
        intents = pdf.Root.get("/OutputIntents", [])
        if len(intents) != 1:
            return problems + [f"{len(intents)} output intents"]
        intent = intents[0]
        expected = {
            "/S": "/GTS_PDFX",
            "/OutputConditionIdentifier": "FOGRA39",
            "/RegistryName": "http://www.color.org",
        }
        problems += [
            f"intent {k} = {intent.get(k)}" for k, v in expected.items() if str(intent.get(k)) != v
        ]
        if "/Info" not in intent:
            problems.append("intent without /Info")
        profile = intent.DestOutputProfile
        if profile.N != 4 or profile.read_bytes() != PROFILE.read_bytes():
            problems.append("the profile is not the shipped FOGRA39 one")
        info = pdf.docinfo
        if str(info.get("/GTS_PDFXVersion")) != "PDF/X-4":
            problems.append("no GTS_PDFXVersion PDF/X-4 in Info")
        if info.get("/Trapped") != pikepdf.Name("/False"):
            problems.append(f"Trapped is {info.get('/Trapped')!r}")
        xmp = _xmp(pdf)
        wanted = {
            "pdfxid:GTS_PDFXVersion": "PDF/X-4",
            "pdf:Trapped": "False",
            "dc:title": str(info.Title),
            "xmp:CreateDate": xmp_date(str(info.CreationDate)),
            "xmp:ModifyDate": xmp_date(str(info.ModDate)),
        }
        problems += [f"XMP {k} = {xmp[k]!r}" for k, v in wanted.items() if xmp[k] != v]
        if "/ID" not in pdf.trailer:
            problems.append("no file identifier")
        for page in pdf.pages:
            boxes = page.obj
            if "/ArtBox" in boxes:
                problems.append("an ArtBox beside the TrimBox")
            if not (
                _inside(boxes.TrimBox, boxes.BleedBox) and _inside(boxes.BleedBox, boxes.MediaBox)
            ):
                problems.append("TrimBox ⊄ BleedBox ⊄ MediaBox")
            problems += _page_problems(page)
    return sorted(set(problems))


@pytest.mark.parametrize("kind", ["ville", "village", "territoire"])
def test_every_panel_pdf_is_pdfx4_with_the_fogra39_intent(charter, kind):
    for level in range(1, MAX_LEVEL + 1):
        for green in (False, True):
            files = render_all(PanelSpec(kind, level, 2026, green), charter)
            for name in (n for n in files if n.endswith(".pdf")):
                assert pdfx_problems(files[name]) == [], name


def test_two_renderings_are_byte_identical(charter):
    spec = PanelSpec("ville", 4, 2026, green=True)
    for crop_marks in (False, True):
        first = render_pdf(spec, charter, crop_marks)
        assert render_pdf(spec, charter, crop_marks) == first
        assert to_pdfx(first) == to_pdfx(first)  # PDF/X once more: same bytes again


def test_the_xmp_dates_are_the_documents_own_not_the_clock(charter):
    data = render_pdf(PanelSpec("village", 2, 2025), charter)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        xmp = _xmp(pdf)
        assert xmp["xmp:CreateDate"] == "2000-01-01T00:00:00+00:00"  # ReportLab's invariant
        assert xmp["xmpMM:DocumentID"].startswith("uuid:")
        assert b"pikepdf" not in pdf.Root.Metadata.read_bytes()
    assert xmp_date("D:20260203110000+01'00'") == "2026-02-03T11:00:00+01:00"
    assert xmp_date("D:20260203110000Z") == "2026-02-03T11:00:00Z"


def test_a_print_page_without_its_trim_is_refused():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.showPage()
    pdf.save()
    with pytest.raises(ValueError, match="TrimBox"):
        to_pdfx(buffer.getvalue())


def test_the_profile_is_in_the_panels_cache_key(charter, monkeypatch, tmp_path):
    from label_panels import pdfx

    before = charter_digest(charter)
    changed = tmp_path / "other.icc"
    changed.write_bytes(PROFILE.read_bytes() + b"\0")
    monkeypatch.setattr(pdfx, "PROFILE", changed)
    pdfx.profile_bytes.cache_clear()
    try:
        assert charter_digest(charter) != before  # a new profile, new panel files
    finally:
        monkeypatch.undo()
        pdfx.profile_bytes.cache_clear()
    assert charter_digest(charter) == before


def test_the_shipped_profile_says_what_it_is():
    data = PROFILE.read_bytes()
    assert 50_000 < len(data) < 400_000
    assert data[12:20] == b"prtrCMYK"  # an output profile of CMYK
    assert data[36:40] == b"acsp"
    assert b"Coated FOGRA39" in data  # its description tag
    assert (PROFILE.parent / "LICENSE.txt").is_file()


def test_the_demo_sites_print_pdfs_are_pdfx4(demo_site):
    """Every panel PDF the site offers, and those the kits carry, as a printer gets them."""
    pdfs = {p.name: p.read_bytes() for p in (demo_site / "panneaux").glob("*.pdf")}
    assert pdfs
    for kit in sorted(demo_site.glob("kits/**/*.zip"))[:3]:
        with zipfile.ZipFile(kit) as archive:
            for name in archive.namelist():
                if "/panneaux/" in name and name.endswith(".pdf"):
                    pdfs[f"{kit.name}:{name}"] = archive.read(name)
    for name, data in sorted(pdfs.items()):
        assert pdfx_problems(data) == [], name


def test_the_check_sees_what_reportlab_alone_lacks(charter, monkeypatch):
    """The checks above fail on the PDF as ReportLab writes it, and on an RGB colour."""
    from label_panels import render_pdf as backend
    from reportlab.pdfgen import canvas

    monkeypatch.setattr(backend, "to_pdfx", lambda data: data)
    plain = backend.render_pdf(PanelSpec("ville", 3, 2026), charter)
    assert pdfx_problems(plain) == ["PDF 1.4", "0 output intents"]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.setTrimBox((10, 10, 100, 100))
    pdf.setBleedBox((0, 0, 110, 110))
    pdf.setFillColorRGB(1, 0, 0)
    pdf.rect(0, 0, 50, 50, fill=1)
    pdf.showPage()
    pdf.save()
    problems = pdfx_problems(to_pdfx(buffer.getvalue()))
    assert problems == ["RGB operator rg", "font /F1 not embedded"], problems


def test_the_technical_sheet_tells_the_printer(charter):
    files = render_all(PanelSpec("ville", 3, 2026), charter)
    sheet = files["ville-internet-3-2026-fiche-technique.txt"].decode()
    assert "déclarés PDF/X-4" in sheet
    assert "FOGRA39" in sheet
