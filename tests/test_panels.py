"""Tests of the road-side panels (R11, R8): charter, geometry and the SVG, PNG, PDF backends."""

from __future__ import annotations

import io
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdfium2
import pytest
from conftest import CHROMIUM, CHROMIUM_FLAGS
from label_panels import render_png as png_backend
from label_panels.charter import DEFAULT_CHARTER, MAX_LEVEL, CharterError
from label_panels.fonts import font_info
from label_panels.geometry import Box, TextRun, layout
from label_panels.render import (
    PanelSpec,
    charter_digest,
    load_charter,
    render_all,
    render_pdf,
    render_png,
    render_svg,
)
from PIL import Image, ImageChops, ImageStat
from print_checks import objects, print_problems

from scripts.regenerate_golden import GOLDEN_DIR, GOLDEN_SPECS, GOLDEN_WIDTH

SVG = "{http://www.w3.org/2000/svg}"
MM_TO_PT = 72 / 25.4
# Two renderings of one panel differ a little: anti-aliasing and hinting (Pillow snaps glyph
# tops to whole pixels, Chromium does not). Allowed: a small mean absolute difference per
# channel (0–255), and in 8×8-pixel blocks, where those one-pixel edges average out, no channel
# off by more than BLOCK_TOLERANCE. A changed digit or @ colour (measured: 120 to 240) fails.
TOLERANCE = 2.0
BLOCK = 8
BLOCK_TOLERANCE = 80


@pytest.fixture(scope="module")
def charter():
    return load_charter()


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    assert a.size == b.size
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def _assert_alike(a: Image.Image, b: Image.Image, what: str) -> None:
    mean = _mean_difference(a, b)
    blocks = ImageChops.difference(a.reduce(BLOCK), b.reduce(BLOCK))
    worst = max(high for _, high in blocks.getextrema())
    assert mean < TOLERANCE and worst < BLOCK_TOLERANCE, (
        f"{what}: mean difference {mean:.2f} (at most {TOLERANCE}), worst {BLOCK}×{BLOCK} "
        f"block {worst} (at most {BLOCK_TOLERANCE})"
    )


def _slot_boxes(charter, width: int, part: float = 0.45) -> list[tuple[int, int, int, int]]:
    """Pixel boxes around the middle of each @ slot (``part`` 0.5: the whole glyph's height)."""
    scale = width / charter.width
    info = font_info(charter.fonts[charter.at_font])
    glyph = info.box("@")
    size = charter.at_size / info.units_per_em
    middle_y = charter.at_baseline - (glyph.y_min + glyph.y_max) / 2 * size
    half_w = charter.at_pitch * part * 0.9
    half_h = (glyph.y_max - glyph.y_min) * size * part
    boxes = []
    for slot in range(MAX_LEVEL):
        middle_x = charter.width / 2 + (slot - (MAX_LEVEL - 1) / 2) * charter.at_pitch
        boxes.append(
            tuple(
                round(v * scale)
                for v in (
                    middle_x - half_w,
                    middle_y - half_h,
                    middle_x + half_w,
                    middle_y + half_h,
                )
            )
        )
    return boxes


def _count(image: Image.Image, test) -> int:
    return sum(1 for pixel in image.get_flattened_data() if test(pixel))


def _dark(p):
    return max(p) < 80


def _green(p):
    return p[1] - p[0] > 60 and p[1] - p[2] > 40


def _faint(p):
    return min(p) > 200 and max(p) < 245


# --- spec and charter ---------------------------------------------------------------------


def test_stem_follows_the_url_contract():
    assert PanelSpec("ville", 4, 2026).stem == "ville-internet-4-2026"
    assert PanelSpec("territoire", 1, 2025, green=True).stem == "territoire-internet-1-2025-verte"


@pytest.mark.parametrize(
    "kind, level, year",
    [
        ("region", 3, 2026),
        ("ville", 0, 2026),
        ("ville", 6, 2026),
        ("ville", 3.0, 2026),
        ("village", 2, 26),
    ],
)
def test_spec_refuses_what_no_panel_shows(kind, level, year):
    with pytest.raises(ValueError):
        PanelSpec(kind, level, year)


def test_label_is_french_with_the_green_at():
    assert PanelSpec("ville", 1, 2026).label == "Ville Internet, 1\u00a0arobase, 2026"
    label = PanelSpec("village", 4, 2025, green=True).label
    assert label == (
        "Village Internet, 4\u00a0arobases dont une arobase verte (transition écologique), 2025"
    )


def test_default_charter_is_valid_and_its_fonts_are_in_the_repo(charter):
    assert charter.path == DEFAULT_CHARTER
    for path in charter.fonts.values():
        assert path.name.startswith("AtkinsonHyperlegible-") and path.is_file()
    assert charter.png_web_width == 1200 and charter.png_print_width >= 4000


def _write_charter(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT_CHARTER.read_text(encoding="utf-8")
    assert old in text
    # Fonts are relative to the charter file: point them back at the repository's.
    fonts = DEFAULT_CHARTER.parent.resolve()
    text = text.replace("../../assets/", f"{fonts}/../../assets/").replace(old, new)
    path = tmp_path / "charter.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_values_are_all_reported_with_file_and_line(tmp_path):
    path = _write_charter(tmp_path, '  couleur: "#C8102E"', "  couleur: rouge\n  epaisseur2: 3")
    path.write_text(
        path.read_text(encoding="utf-8").replace("largeur: 1200", "largeur: -5"), encoding="utf-8"
    )
    with pytest.raises(CharterError) as error:
        load_charter(path)
    lines = str(error.value).splitlines()
    assert re.fullmatch(
        rf"{re.escape(str(path))}:\d+:\d+: panneau\.largeur doit être un nombre "
        r"supérieur à 0 \(lu\u00a0: -5\)",
        lines[0],
    )
    assert any(
        "cadre.couleur doit être une couleur «\u00a0#RRGGBB\u00a0»" in line for line in lines
    )
    assert any("clé inconnue\u00a0: cadre.epaisseur2" in line for line in lines)
    assert lines[-1] == f"3 problèmes dans la charte des panneaux {path}"


def test_a_title_too_wide_for_the_panel_is_refused(tmp_path):
    path = _write_charter(tmp_path, "  taille: 84", "  taille: 120")
    with pytest.raises(CharterError, match="«\u00a0TERRITOIRE INTERNET\u00a0» mesure"):
        load_charter(path)


def test_a_character_missing_from_the_font_is_refused(tmp_path):
    # Atkinson Hyperlegible's subset has no narrow no-break space (U+202F).
    path = _write_charter(tmp_path, "ville: VILLE INTERNET", "ville: VILLE\u202fINTERNET")
    with pytest.raises(CharterError, match="caractères absents de la police"):
        load_charter(path)


def test_charter_digest_follows_the_charter_file(tmp_path, charter):
    same = load_charter(_write_charter(tmp_path, '"#C8102E"', '"#C8102E"'))
    again = load_charter(_write_charter(tmp_path, '"#C8102E"', '"#C8102E"'))
    changed = load_charter(_write_charter(tmp_path, '"#C8102E"', '"#1F3A93"'))
    assert charter_digest(same) == charter_digest(again)
    assert charter_digest(changed) != charter_digest(same)
    assert re.fullmatch(r"[0-9a-f]{64}", charter_digest(charter))


# --- SVG ----------------------------------------------------------------------------------


def test_svg_is_real_size_accessible_and_needs_no_font(charter):
    spec = PanelSpec("territoire", 3, 2026, green=True)
    root = ET.fromstring(render_svg(spec, charter))
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    assert width / height == pytest.approx(charter.width / charter.height)
    assert root.get("width") == f"{charter.width:g}mm"
    assert root.get("role") == "img"
    assert root.get("aria-label") == spec.label
    assert "arobase verte" in root.findtext(f"{SVG}title")
    assert root.find(f".//{SVG}text") is None
    fills = {path.get("fill") for path in root.iter(f"{SVG}path")}
    assert charter.at_green_color in fills


# --- PNG ----------------------------------------------------------------------------------


def test_png_sizes_and_bytes_are_stable(charter):
    files = render_all(PanelSpec("ville", 4, 2026), charter)
    assert sorted(files) == [
        "ville-internet-4-2026-fiche-technique.txt",
        "ville-internet-4-2026-impression.png",
        "ville-internet-4-2026-traits-de-coupe.pdf",
        "ville-internet-4-2026.pdf",
        "ville-internet-4-2026.png",
        "ville-internet-4-2026.svg",
    ]
    web = Image.open(io.BytesIO(files["ville-internet-4-2026.png"]))
    assert web.size == (1200, round(1200 * charter.height / charter.width))
    assert Image.open(io.BytesIO(files["ville-internet-4-2026-impression.png"])).width >= 4000
    assert (
        render_png(PanelSpec("ville", 4, 2026), charter, 1200) == files["ville-internet-4-2026.png"]
    )
    chunks = set(re.findall(rb"(tEXt|zTXt|iTXt|tIME|eXIf)", files["ville-internet-4-2026.png"]))
    assert not chunks


@pytest.mark.parametrize("level", range(1, MAX_LEVEL + 1))
def test_the_count_of_at_is_unmistakable(charter, level):
    image = _image(render_png(PanelSpec("village", level, 2026), charter, 1200))
    for slot, box in enumerate(_slot_boxes(charter, 1200)):
        crop = image.crop(box)
        if slot < level:
            assert _count(crop, _dark) > 500, f"@ {slot + 1} should be drawn"
        else:
            assert _count(crop, _dark) == 0 and _count(crop, _faint) > 500


def test_green_variant_has_its_last_at_green_and_only_that(charter):
    plain = _image(render_png(PanelSpec("ville", 3, 2026), charter, 1200))
    green = _image(render_png(PanelSpec("ville", 3, 2026, green=True), charter, 1200))
    assert _mean_difference(plain, green) > 0.1
    assert _count(plain, _green) == 0
    boxes = _slot_boxes(charter, 1200)
    assert _count(green.crop(boxes[2]), _green) > 500
    assert _count(green.crop(boxes[2]), _dark) == 0
    outside = green.copy()
    outside.paste((255, 255, 255), _slot_boxes(charter, 1200, part=0.55)[2])
    assert _count(outside, _green) == 0


@pytest.mark.parametrize("spec", GOLDEN_SPECS, ids=lambda spec: spec.stem)
def test_png_matches_golden_image(charter, spec):
    golden = Image.open(GOLDEN_DIR / f"{spec.stem}.png").convert("RGB")
    fresh = _image(render_png(spec, charter, GOLDEN_WIDTH))
    _assert_alike(
        golden,
        fresh,
        f"{spec.stem} against its golden image (if the change is intended, run "
        ".venv/bin/python scripts/regenerate_golden.py and look at the result)",
    )


# --- PDF ----------------------------------------------------------------------------------


def _box(data: bytes, name: str) -> list[float]:
    match = re.search(rf"/{name} \[([^\]]*)\]".encode(), data)
    return [float(v) for v in match.group(1).split()]


def test_pdf_is_real_size_embeds_its_font_and_is_stable(charter):
    spec = PanelSpec("territoire", 5, 2026)
    data = render_pdf(spec, charter)
    assert render_pdf(spec, charter) == data
    document = pypdfium2.PdfDocument(data)
    assert len(document) == 1
    # The finished size is the TrimBox; the page is the bleed box, 3 mm more on each side.
    x0, y0, x1, y1 = _box(data, "TrimBox")
    assert x1 - x0 == pytest.approx(charter.width * MM_TO_PT, abs=0.01)
    assert y1 - y0 == pytest.approx(charter.height * MM_TO_PT, abs=0.01)
    width, height = document[0].get_size()
    assert width == pytest.approx((charter.width + 2 * charter.bleed) * MM_TO_PT, abs=0.01)
    assert height == pytest.approx((charter.height + 2 * charter.bleed) * MM_TO_PT, abs=0.01)
    assert b"/FontFile2" in data
    assert b"/Helvetica" not in data  # no font left unembedded
    assert document.get_metadata_dict()["Title"] == f"Panneau {spec.label}"
    assert "TERRITOIRE INTERNET" in document[0].get_textpage().get_text_range()


@pytest.mark.parametrize("crop_marks", [False, True], ids=["fond-perdu", "traits-de-coupe"])
@pytest.mark.parametrize("kind", ["ville", "village", "territoire"])
def test_every_panel_pdf_passes_the_print_checks(charter, kind, crop_marks):
    """CMYK only (no RGB operator, colour space or image), TrimBox and a BleedBox 3 mm out,
    fonts embedded: for every level, with and without the green @."""
    for level in range(1, MAX_LEVEL + 1):
        for green in (False, True):
            data = render_pdf(PanelSpec(kind, level, 2026, green), charter, crop_marks)
            assert print_problems(data, min_bleed_mm=3.0) == [], (kind, level, green)


def test_pdf_colours_are_the_charters_cmyk_values(charter):
    data = render_pdf(PanelSpec("ville", 3, 2026, green=True), charter)
    content = b"".join(stream for _, stream in objects(data) if stream and b"BT" in stream)
    for hex_color in charter.colors:
        values = (v / 100 for v in charter.print_color(hex_color).cmyk)
        # ReportLab writes « 0 1 .8 .05 k »
        operator = " ".join(f"{v:g}".removeprefix("0") if 0 < v < 1 else f"{v:g}" for v in values)
        assert f"{operator} k".encode() in content, (hex_color, operator)


def test_crop_mark_variant_has_marks_outside_the_bleed(charter):
    spec = PanelSpec("village", 2, 2025)
    plain, marked = render_pdf(spec, charter), render_pdf(spec, charter, crop_marks=True)
    assert _box(plain, "TrimBox") != _box(marked, "TrimBox")  # the page grew around the trim
    trim, bleed, media = (_box(marked, n) for n in ("TrimBox", "BleedBox", "MediaBox"))
    assert trim[0] - bleed[0] == pytest.approx(charter.bleed * MM_TO_PT, abs=0.01)
    assert bleed[0] - media[0] >= charter.crop_mark_length * MM_TO_PT
    # Rendered, the bottom left corner outside the bleed shows the vertical mark on the trim
    # line (PDFium's y runs down: the strip is at the image's bottom).
    page = pypdfium2.PdfDocument(marked)[0].render(scale=2).to_pil().convert("L")
    x = round(trim[0] * 2)
    strip = page.crop((x - 3, page.height - round(bleed[1] * 2), x + 3, page.height))
    assert strip.getextrema()[0] < 160
    assert "traits de coupe" in pypdfium2.PdfDocument(marked).get_metadata_dict()["Title"]


def test_pdf_draws_what_the_png_draws(charter):
    spec = PanelSpec("village", 2, 2025, green=True)
    document = pypdfium2.PdfDocument(render_pdf(spec, charter))
    page = document[0].render(scale=1200 / (charter.width * MM_TO_PT)).to_pil().convert("RGB")
    # Cut the bleed off: the PNG is the finished panel.
    bleed_px = charter.bleed * 1200 / charter.width
    page = page.crop((bleed_px, bleed_px, page.width - bleed_px, page.height - bleed_px))
    png = _image(render_png(spec, charter, 1200))

    def ink(image: Image.Image) -> Image.Image:
        # The PDF holds the charter's CMYK print values, which PDFium turns back into RGB by a
        # naive formula: compare where ink is laid, not the screen colours.
        return image.convert("L").point(lambda v: 255 if v > 245 else 0).convert("RGB")

    _assert_alike(ink(page.resize(png.size)), ink(png), "PDF rendered by PDFium against the PNG")


# --- the geometry every backend shares ----------------------------------------------------


@pytest.mark.parametrize("kind", ["ville", "village", "territoire"])
def test_every_text_fits_inside_the_frame(charter, kind):
    panel = layout(PanelSpec(kind, 5, 2028), charter)
    for run in (shape for shape in panel.shapes if isinstance(shape, TextRun)):
        info = font_info(charter.fonts[run.font])
        scale = run.size / info.units_per_em
        left = run.xs[0] + info.box(run.text[0]).x_min * scale
        right = run.xs[-1] + info.box(run.text[-1]).x_max * scale
        assert charter.inner_left <= left < right <= charter.inner_right, run.text


# --- the SVG as a browser shows it --------------------------------------------------------


@pytest.mark.browser
def test_svg_in_chromium_looks_like_the_png(charter, tmp_path):
    spec = PanelSpec("territoire", 3, 2026, green=True)
    width, height = 1200, round(1200 * charter.height / charter.width)
    (tmp_path / "panel.svg").write_bytes(render_svg(spec, charter))
    (tmp_path / "page.html").write_text(
        '<!doctype html><html><body style="margin:0;background:#fff">'
        f'<img src="panel.svg" alt="" style="display:block;width:{width}px;height:{height}px">'
        "</body></html>",
        encoding="utf-8",
    )
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            *CHROMIUM_FLAGS,
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--user-data-dir={tmp_path}/p",
            f"--window-size={width},{height}",
            f"--screenshot={shot}",
            (tmp_path / "page.html").as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    browser = Image.open(shot).convert("RGB")
    png = _image(render_png(spec, charter, width))
    _assert_alike(browser, png, "SVG in Chromium against the PNG")
    # Not a blank screenshot: the green @ is there too.
    assert _count(browser.crop(_slot_boxes(charter, width)[2]), _green) > 500


def test_empty_slots_can_be_left_out(tmp_path):
    charter = load_charter(
        _write_charter(tmp_path, "afficher_vides: true", "afficher_vides: false")
    )
    image = _image(render_png(PanelSpec("ville", 2, 2026), charter, 1200))
    # Two @ centred: the outer slots of the five-slot row stay blank.
    boxes = _slot_boxes(charter, 1200)
    for slot in (0, 4):
        assert image.crop(boxes[slot]).getextrema() == ((255, 255),) * 3
    panel = layout(PanelSpec("ville", 2, 2026), charter)
    ats = [shape for shape in panel.shapes if isinstance(shape, TextRun) and shape.text == "@"]
    assert len(ats) == 2


def test_a_duplicate_key_is_an_error(tmp_path):
    path = _write_charter(
        tmp_path, "marge_interieure: 40", "marge_interieure: 40\nmarge_interieure: 9"
    )
    with pytest.raises(CharterError, match=r":\d+:1: clé en double\u00a0: marge_interieure"):
        load_charter(path)


def test_every_shipped_font_has_a_plain_zero():
    """A slashed zero reads « 2Ø26 » on a road-side panel: the panel, kit and site fonts all
    draw an oval with a single counter (scripts/plain_zero_fonts.py)."""
    from fontTools.ttLib import TTFont

    from scripts.plain_zero_fonts import FILES

    assert len(FILES) == 4  # two TrueType (panels, kits), two WOFF2 (site)
    for path in FILES:
        glyph = TTFont(path)["glyf"]["zero"]
        assert glyph.numberOfContours == 2, path.name


def test_a_charter_colour_without_its_cmyk_value_is_refused(tmp_path):
    path = _write_charter(tmp_path, '    "#1B8A3A": {nom: vert', '    "#1B8A3B": {nom: vert')
    with pytest.raises(CharterError, match="pas de valeur CMJN pour #1B8A3A"):
        load_charter(path)


def test_a_spot_ink_named_in_the_charter_is_a_separation(tmp_path):
    path = _write_charter(
        tmp_path,
        "{nom: rouge du filet, cmjn: [0, 100, 80, 5]}",
        "{nom: rouge du filet, cmjn: [0, 100, 80, 5], ton_direct: PANTONE 186 C}",
    )
    charter = load_charter(path)
    data = render_pdf(PanelSpec("ville", 2, 2026), charter)
    assert b"/Separation /PANTONE#20186#20C /DeviceCMYK" in data
    assert print_problems(data) == []


@pytest.mark.parametrize(
    "box",
    [
        Box(3, 4, 40, 25, 0, "#C8102E"),  # square corners: a plain fill
        Box(3, 4, 40, 25, 2.5, "#C8102E"),  # corners apart: fill, then four blended corners
        Box(2.2, 3.7, 30, 8.9, 4.5, "#1B8A3A"),  # a pill: the corners overlap, one whole mask
    ],
)
def test_rounded_box_is_the_masked_paste_it_replaces(box):
    """Filling a box and blending only its corners gives the pixels of pasting its colour
    through a full mask of the rounded box (the way boxes were drawn before)."""
    scale = 7.3
    drawn = Image.new("RGB", (400, 300), (10, 200, 30))
    expected = drawn.copy()
    png_backend._draw_box(drawn, box, scale)
    left, top = round(box.x * scale), round(box.y * scale)
    right, bottom = round((box.x + box.width) * scale), round((box.y + box.height) * scale)
    mask = png_backend._rounded_mask(right - left, bottom - top, box.radius * scale)
    expected.paste(
        Image.new("RGB", (1, 1), box.color).getpixel((0, 0)), (left, top, right, bottom), mask
    )
    assert drawn.tobytes() == expected.tobytes()
