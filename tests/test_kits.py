"""Tests of the communication kits (R12): members, contents, French typography, determinism."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import re
import shutil
import subprocess
import zipfile

import pypdfium2 as pdfium
import pytest
from docx import Document
from label_kits import document, images
from label_kits.cards import greeting_card_pdf, postcard_pdf
from label_kits.images import email_signature, font, social_image, wrap
from label_kits.national import build_national_kit_zip, figures_csv, national_release_docx
from label_kits.press_release import press_release_docx, press_release_text
from label_kits.subject import (
    NBSP,
    KitSubject,
    NationalEdition,
    fr_date,
    fr_number,
    grammar,
    level_words,
    of_name,
)
from label_kits.zipkit import build_kit_zip, choose_panel_png, lisezmoi
from PIL import Image, ImageDraw
from print_checks import print_problems
from reportlab import rl_config

A6_POINTS = sorted((105 / 25.4 * 72, 148 / 25.4 * 72))

SUBJECT = KitSubject(
    code="49007",
    nom="Angers",
    slug="angers",
    kind="ville",
    level=4,
    year=2026,
    mentions=("Transition écologique",),
    green=True,
    excellence=False,
    actions_counted=12,
    departement="Maine-et-Loire",
    region="Pays de la Loire",
    page_url="https://www.villes-internet.net/territoires/angers-49007/",
    ceremony_date=datetime.date(2026, 2, 3),
    ceremony_place="Paris",
    previous_level=3,
    change="hausse",
    last_label=(2025, 3),
    actions_published=30,
    consecutive_years=3,
)

EDITION = NationalEdition(
    year=2026,
    ceremony_date=datetime.date(2026, 2, 3),
    ceremony_place="Paris",
    counts_by_level={5: 76, 4: 50, 3: 45, 2: 30, 1: 12},
    counts_by_kind={"ville": 160, "village": 41, "territoire": 12},
    previous_counts_by_level={5: 70, 4: 52, 3: 50, 2: 40, 1: 14},
    previous_counts_by_kind={"ville": 169, "village": 45, "territoire": 12},
    newcomers=18,
    promoted=25,
    demoted=7,
    mentions=[("Transition écologique", ["Angers", "L'Haÿ-les-Roses"]), ("Démocratie locale", [])],
    excellence=["Issy-les-Moulineaux"],
    top_laureates=["Angers", "Brest"],
    site_url="https://www.villes-internet.net/palmares/2026/",
)

KIT_FOLDER = "angers-2026-kit-label/"
KIT_MEMBERS = [
    "communique-de-presse.docx",
    "communique-de-presse.pdf",
    "communique-de-presse.txt",
    "panneaux/ville-internet-4-2026-verte-fiche-technique.txt",
    "panneaux/ville-internet-4-2026-verte-impression.png",
    "panneaux/ville-internet-4-2026-verte.pdf",
    "panneaux/ville-internet-4-2026-verte.png",
    "panneaux/ville-internet-4-2026-verte.svg",
    "reseaux-sociaux-1200x630.png",
    "reseaux-sociaux-1200x1200.png",
    "signature-courriel.png",
    "signature-courriel-2x.png",
    "carte-postale-a6.pdf",
    "carte-de-voeux.pdf",
    "LISEZMOI.txt",
]


def _panel_png(width: int, height: int) -> bytes:
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(
        (10, 10, width - 10, height - 10), radius=30, outline="#C8102E", width=max(4, width // 40)
    )
    draw.ellipse((width // 3, height // 3, width // 2, height // 2), fill="#1B8A3A")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def panel_files() -> dict[str, bytes]:
    return {
        "ville-internet-4-2026-verte.svg": b'<svg xmlns="http://www.w3.org/2000/svg"/>',
        "ville-internet-4-2026-verte.png": _panel_png(1200, 800),
        "ville-internet-4-2026-verte-impression.png": _panel_png(2400, 1600),
        "ville-internet-4-2026-verte.pdf": b"%PDF-1.4 dummy",
        "ville-internet-4-2026-verte-fiche-technique.txt": b"Fiche technique",
    }


@pytest.fixture(scope="module")
def panel_png(panel_files) -> bytes:
    return panel_files["ville-internet-4-2026-verte.png"]


class InFolder:
    """A kit read as its commune sees it once unzipped: names inside the one top folder."""

    def __init__(self, data: bytes, folder: str):
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        self.folder = folder

    def namelist(self) -> list[str]:
        return [name.removeprefix(self.folder) for name in self.archive.namelist()]

    def read(self, name: str) -> bytes:
        return self.archive.read(self.folder + name)

    def infolist(self) -> list[zipfile.ZipInfo]:
        return self.archive.infolist()


@pytest.fixture(scope="module")
def kit(panel_files) -> InFolder:
    return InFolder(build_kit_zip(SUBJECT, panel_files), KIT_FOLDER)


def _docx_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def _pdf_pages(data: bytes) -> list[tuple[tuple[float, float], str]]:
    pdf = pdfium.PdfDocument(data)
    return [(page.get_size(), page.get_textpage().get_text_range()) for page in pdf]


def _check_french(text: str) -> None:
    """Typographic apostrophe, no-break spaces inside « » and before : ; ! ? and @."""
    assert "'" not in text
    assert "\u202f" not in text  # the kit font has no narrow no-break space
    for match in re.finditer("«", text):
        assert text[match.end()] == NBSP, text[match.start() : match.start() + 30]
    for match in re.finditer("»", text):
        assert text[match.start() - 1] == NBSP, text[match.start() - 30 : match.end()]
    for match in re.finditer(r"[:;!?]", text):
        if text[match.start() : match.start() + 3] == "://":  # a URL
            continue
        assert text[match.start() - 1] == NBSP, text[max(0, match.start() - 30) : match.end()]
    assert not re.search(r"\d @", text)


# ---------------------------------------------------------------- the collectivity's kit


def test_kit_members_exact(kit):
    assert kit.namelist() == KIT_MEMBERS


def test_kit_unzips_into_one_folder(kit):
    """Every entry is under one folder named after the collectivity and the edition: an
    unzipped kit does not spill its files among the commune's own."""
    names = kit.archive.namelist()
    assert all(name.startswith("angers-2026-kit-label/") for name in names)
    assert not any(".." in name or name.startswith("/") for name in names)


def test_kit_entries_are_fixed(kit):
    for info in kit.infolist():
        assert info.date_time == (2026, 2, 3, 12, 0, 0)  # the ceremony's day (SUBJECT)
        compressed = info.filename.endswith((".png", ".pdf", ".docx"))  # stored as they are
        assert info.compress_type == (zipfile.ZIP_STORED if compressed else zipfile.ZIP_DEFLATED)
        assert info.external_attr == 0o100644 << 16
        assert info.create_system == 3


def test_panels_are_copied_as_given(kit, panel_files):
    for name, data in panel_files.items():
        assert kit.read("panneaux/" + name) == data


def test_two_builds_are_identical(panel_files):
    first = build_kit_zip(SUBJECT, panel_files)
    images._decoded.cache_clear()
    images.panel_at.cache_clear()
    assert build_kit_zip(SUBJECT, panel_files) == first


def test_kit_is_small(panel_files):
    assert len(build_kit_zip(SUBJECT, panel_files)) < 3 * 1024 * 1024


def test_docx_content(kit):
    text = "\n".join(_docx_paragraphs(kit.read("communique-de-presse.docx")))
    for expected in (
        "Angers",
        f"4{NBSP}@",
        "quatre arobases",
        "2026",
        f"«{NBSP}Transition écologique{NBSP}»",
        "12\u00a0actions",
        "[Citation du maire",
        "presse@villes-internet.net",
        "Source\u00a0: www.villes-internet.net",
        "BY-NC-SA",
        "3\u00a0février 2026",
        f"passe de 3 à 4{NBSP}@",
        SUBJECT.page_url,
    ):
        assert expected in text, expected
    assert "d’Angers" in text


def test_docx_is_headed_by_the_panel(kit, panel_png):
    """The release a commune completes shows the label's panel, as its PDF does: exported to
    PDF after editing, it keeps the logo."""
    document = Document(io.BytesIO(kit.read("communique-de-presse.docx")))
    shapes = document.inline_shapes
    assert len(shapes) == 1
    assert round(shapes[0].width.cm, 1) == 3.0
    assert document.paragraphs[0].text == ""  # the logo's own paragraph, before the title
    assert document.paragraphs[1].style.name == "Title"
    part = document.part.related_parts[
        shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    ]
    with Image.open(io.BytesIO(part.blob)) as logo:
        assert logo.format == "PNG" and logo.width == 540
    plain = Document(io.BytesIO(press_release_docx(SUBJECT)))
    assert len(plain.inline_shapes) == 0  # without a panel, no logo


def test_docx_fonts_and_metadata(kit):
    document = Document(io.BytesIO(kit.read("communique-de-presse.docx")))
    for name in ("Normal", "Title", "Heading 1", "List Bullet"):
        assert document.styles[name].font.name == "Arial"  # on every town hall's computer
    styles = document.styles.element.xml
    assert "minorHAnsi" not in styles.split("</w:docDefaults>")[0]
    props = document.core_properties
    assert props.created == datetime.datetime(2026, 2, 3, 12, tzinfo=datetime.UTC)
    assert props.modified == props.created
    assert props.author == "Villes Internet"
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0  # A4, not the template's Letter


def test_txt_says_what_docx_says(kit):
    paragraphs = _docx_paragraphs(kit.read("communique-de-presse.docx"))
    txt = kit.read("communique-de-presse.txt").decode("utf-8")
    lines = [line.removeprefix("– ") for line in txt.splitlines() if line.strip()]
    assert lines == paragraphs


def test_french_typography_everywhere(kit):
    _check_french("\n".join(_docx_paragraphs(kit.read("communique-de-presse.docx"))))
    _check_french(kit.read("communique-de-presse.txt").decode("utf-8"))
    _check_french(kit.read("LISEZMOI.txt").decode("utf-8"))


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("reseaux-sociaux-1200x630.png", (1200, 630)),
        ("reseaux-sociaux-1200x1200.png", (1200, 1200)),
        ("signature-courriel.png", (600, 200)),
        ("signature-courriel-2x.png", (1200, 400)),
    ],
)
def test_image_sizes(kit, name, size):
    with Image.open(io.BytesIO(kit.read(name))) as image:
        assert image.format == "PNG"
        assert image.size == size
        assert "date" not in {key.lower() for key in image.info}


def test_images_show_the_panel(kit):
    """The panel's green disc is drawn: the images are not empty cards."""
    with Image.open(io.BytesIO(kit.read("reseaux-sociaux-1200x630.png"))) as image:
        colours = {colour for _, colour in image.convert("RGB").getcolors(1_000_000)}
    assert (0x1B, 0x8A, 0x3A) in colours


@pytest.mark.parametrize("name", ["carte-postale-a6.pdf", "carte-de-voeux.pdf"])
def test_cards_are_a6_two_sided(kit, name):
    data = kit.read(name)
    pages = _pdf_pages(data)
    assert len(pages) == 2
    bleed = 2 * 3 / 25.4 * 72
    for size, _ in pages:  # the page is the A6 trim plus 3 mm of bleed on each side
        assert sorted(size) == pytest.approx([v + bleed for v in A6_POINTS], abs=1)
    trims = re.findall(rb"/TrimBox \[ ([^\]]*) \]", data)
    assert len(trims) == 2
    for trim in trims:
        x0, y0, x1, y1 = (float(v) for v in trim.split())
        assert sorted((x1 - x0, y1 - y0)) == pytest.approx(A6_POINTS, abs=0.5)
    assert "Angers" in pages[0][1]


@pytest.mark.parametrize("name", ["carte-postale-a6.pdf", "carte-de-voeux.pdf"])
def test_cards_pass_the_print_checks(kit, name):
    """CMYK only (no RGB operator, colour space or image), TrimBox and a BleedBox 3 mm out,
    every font embedded (no Helvetica merely named), the panel drawn as vectors."""
    data = kit.read(name)
    assert print_problems(data, min_bleed_mm=3.0) == []
    assert b"/Helvetica" not in data
    assert b"/Subtype /Image" not in data  # the panel is vector: no 200-ppi RGB picture


def test_cards_red_band_runs_into_the_bleed(kit):
    page = pdfium.PdfDocument(kit.read("carte-postale-a6.pdf"))[0]
    image = page.render(scale=4).to_pil().convert("RGB")
    # The page's bottom-left corner is in the bleed, outside the trim: red, not white.
    red, green, blue = image.getpixel((2, image.height - 3))
    assert red > 180 and green < 80 and blue < 100


def test_postcard_text(kit):
    pages = _pdf_pages(kit.read("carte-postale-a6.pdf"))
    verso = pages[1][1]
    assert "Notre ville est labellisée" in verso
    assert "quatre arobases" in verso
    assert "Source" in verso and "villes-internet.net" in verso


def test_greeting_card_wishes_the_next_year(kit):
    pages = _pdf_pages(kit.read("carte-de-voeux.pdf"))
    assert "Belle année 2027" in pages[0][1]
    assert "Meilleurs vœux pour 2027" in pages[1][1]
    assert "2026" in pages[1][1]  # the label's year stays visible


def test_pdfs_are_deterministic_and_leave_reportlab_as_found(panel_png):
    before = rl_config.useA85
    assert postcard_pdf(SUBJECT) == postcard_pdf(SUBJECT)
    assert greeting_card_pdf(SUBJECT) == greeting_card_pdf(SUBJECT)
    assert rl_config.useA85 == before


def test_lisezmoi_mentions_each_file(kit):
    readme = kit.read("LISEZMOI.txt").decode("utf-8")
    for name in KIT_MEMBERS:
        assert name in readme, name
    for rule in ("année", "précédente", "BY-NC-SA"):
        assert rule in readme
    assert re.search(r"Source\s:\swww\.villes-internet\.net", readme)
    body = readme.splitlines()[2:]  # under the title: wrapped for any text editor
    assert all(len(line) <= 78 for line in body if "://" not in line)


def test_lisezmoi_alone_lists_the_generated_files():
    readme = lisezmoi(SUBJECT).decode("utf-8")
    assert "carte-de-voeux.pdf" in readme and "LISEZMOI.txt" in readme


def test_web_panel_is_chosen_over_print(panel_files):
    assert choose_panel_png(panel_files) == panel_files["ville-internet-4-2026-verte.png"]


def test_bad_panel_files_are_refused(panel_png):
    with pytest.raises(ValueError, match="plain file name"):
        build_kit_zip(SUBJECT, {"../x.png": panel_png})
    with pytest.raises(ValueError, match="PNG panel"):
        build_kit_zip(SUBJECT, {"x.svg": b"<svg/>"})


# ---------------------------------------------------------------- wording


def test_french_helpers():
    assert of_name("Angers") == "d’Angers"
    assert of_name("Le Havre") == "du Havre"
    assert of_name("Les Mureaux") == "des Mureaux"
    assert of_name("La Rochelle") == "de La Rochelle"
    assert of_name("Bordeaux") == "de Bordeaux"
    assert of_name("L'Haÿ-les-Roses") == "de L’Haÿ-les-Roses"
    assert fr_number(1200) == "1\u00a0200"
    assert fr_date(datetime.date(2026, 3, 1)) == "1er\u00a0mars 2026"
    assert fr_date(datetime.date(2026, 2, 3)) == "3\u00a0février 2026"  # day and month on one line
    assert level_words(1) == "une arobase"
    assert level_words(5) == "cinq arobases"


def test_grammar_of_each_kind():
    village = grammar(dataclasses.replace(SUBJECT, kind="village", nom="Ygrande"))
    assert village.designation == "le village d’Ygrande"
    assert (village.agree, village.pronoun) == ("", "il")
    epci = grammar(dataclasses.replace(SUBJECT, kind="territoire", nom="Bordeaux Métropole"))
    assert epci.designation == "l’intercommunalité Bordeaux Métropole"
    cc = grammar(
        dataclasses.replace(SUBJECT, kind="territoire", nom="Communauté de communes du Pays de Gex")
    )
    assert cc.designation == "la Communauté de communes du Pays de Gex"
    with pytest.raises(ValueError):
        grammar(dataclasses.replace(SUBJECT, kind="departement"))


def test_village_release_agrees_in_gender(panel_png):
    village = dataclasses.replace(
        SUBJECT,
        kind="village",
        nom="Le Vigan",
        level=1,
        mentions=(),
        green=False,
        actions_counted=1,
        previous_level=None,
        change="nouveau",
        last_label=None,
        actions_published=1,
    )
    text = press_release_text(village).decode("utf-8")
    assert "le village du Vigan a reçu une arobase (1\u00a0@)" in text
    assert "C’est son premier label\u00a0: le village fait son entrée au palmarès 2026." in text
    assert "Le jury a examiné l’action numérique qu’il a publiée dans l’Atlaas" in text
    assert "[Citation du maire" in text
    _check_french(text)
    verso = _pdf_pages(postcard_pdf(village))[1][1]
    assert "Notre village est labellisé" in verso and "labellisée" not in verso


def _history_sentence(**changes) -> str:
    text = press_release_text(dataclasses.replace(SUBJECT, **changes)).decode()
    return text.split("À propos")[0]


ATLAAS = "dans l’Atlaas, la base d’actions partagée du réseau Villes Internet"
VILLAGE = {"kind": "village", "nom": "Ygrande"}
EPCI = {"kind": "territoire", "nom": "Bordeaux Métropole"}
SYNDICAT = {"kind": "territoire", "nom": "Syndicat mixte du Pays de Gex"}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"consecutive_years": 5},
            "Labellisée pour la 5e année consécutive, elle gagne une arobase et passe de 3 à "
            "4\u00a0@.",
        ),
        (
            {**VILLAGE, "level": 3, "previous_level": 1, "consecutive_years": 2},
            "Labellisé pour la 2e année consécutive, il gagne deux arobases et passe de 1 à "
            "3\u00a0@.",
        ),
        (
            {"level": 4, "previous_level": 4, "change": "stable", "consecutive_years": 9},
            "Labellisée pour la 9e année consécutive, elle confirme ses 4\u00a0@.",
        ),
        (
            {**VILLAGE, "level": 1, "previous_level": 1, "change": "stable"},
            "Labellisé pour la 3e année consécutive, il confirme son arobase.",
        ),
        (
            {**EPCI, "level": 5, "previous_level": 5, "change": "stable", "consecutive_years": 12},
            "Labellisée pour la 12e année consécutive, elle confirme ses 5\u00a0@.",
        ),
        (
            {**SYNDICAT, "level": 2, "previous_level": 2, "change": "stable"},
            "Labellisé pour la 3e année consécutive, il confirme ses 2\u00a0@.",
        ),
        (
            {"level": 1, "previous_level": 2, "change": "baisse", "consecutive_years": 9},
            "Elle est labellisée pour la 9e année consécutive.",
        ),
        (
            {**VILLAGE, "level": 2, "previous_level": 4, "change": "baisse"},
            "Il est labellisé pour la 3e année consécutive.",
        ),
        (
            {"previous_level": None, "change": "retour", "last_label": (2021, 4)},
            "Elle fait son retour au palmarès, où elle figurait déjà en 2021.",
        ),
        (
            {**VILLAGE, "level": 3, "previous_level": None, "change": "retour"}
            | {"last_label": (2019, 1), "consecutive_years": 1},
            "Il fait son retour au palmarès avec 3\u00a0@, deux arobases de plus qu’en 2019, "
            "année de son dernier label.",
        ),
        (
            {"previous_level": None, "change": "nouveau", "last_label": None}
            | {"consecutive_years": 1},
            "C’est son premier label\u00a0: la ville fait son entrée au palmarès 2026.",
        ),
        (
            {**EPCI, "previous_level": None, "change": "nouveau", "last_label": None}
            | {"consecutive_years": 1},
            "C’est son premier label\u00a0: l’intercommunalité fait son entrée au palmarès 2026.",
        ),
    ],
    ids=[
        "hausse-5-ans",
        "village-hausse-de-deux",
        "stable-9-ans",
        "village-stable-1",
        "territoire-stable-5",
        "syndicat-masculin",
        "baisse",
        "village-baisse",
        "retour",
        "village-retour-plus-haut",
        "nouveau",
        "territoire-nouveau",
    ],
)
def test_release_tells_its_history_as_the_collectivity_would(changes, expected):
    text = _history_sentence(**changes)
    assert expected in text
    _check_french(text)
    # Never what reads as a shortfall: a former higher level, a ratio of actions.
    assert "après" not in text and " sur les " not in text
    if changes.get("change") == "baisse":
        assert f"{changes['previous_level']}\u00a0@" not in text


@pytest.mark.parametrize("kind", [{}, VILLAGE, EPCI], ids=["ville", "village", "territoire"])
@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_every_level_and_kind_reads_right(kind, level):
    same = _history_sentence(**kind, level=level, previous_level=level, change="stable")
    held = "son arobase" if level == 1 else f"ses {level}\u00a0@"
    assert f"confirme {held}." in same
    assert "ses 1\u00a0@" not in same
    up = _history_sentence(**kind, level=level, previous_level=level - 1 or None)
    if level > 1:
        assert f"passe de {level - 1} à {level}\u00a0@." in up
    feminine = kind.get("kind", "ville") != "village"
    assert ("Labellisée pour" if feminine else "Labellisé pour") in same
    for text in (same, up):
        _check_french(text)


def test_excellence_title_is_said():
    excellent = press_release_text(dataclasses.replace(SUBJECT, excellence=True)).decode()
    assert "Territoire d’excellence numérique" in excellent


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {},
            f"La ville a publié 30\u00a0actions numériques {ATLAAS}, dont 12\u00a0actions "
            "récentes que le jury a examinées pour le label 2026.",
        ),
        (
            {"actions_counted": 1},
            f"La ville a publié 30\u00a0actions numériques {ATLAAS}, dont une action récente "
            "que le jury a examinée pour le label 2026.",
        ),
        (
            {"actions_counted": 30},
            f"Le jury a examiné les 30\u00a0actions numériques qu’elle a publiées {ATLAAS}.",
        ),
        (
            {**VILLAGE, "actions_counted": 1, "actions_published": 1},
            f"Le jury a examiné l’action numérique qu’il a publiée {ATLAAS}.",
        ),
        (
            {**EPCI, "actions_counted": 4, "actions_published": 1543},
            f"L’intercommunalité a publié 1\u00a0543\u00a0actions numériques {ATLAAS}, dont "
            "4\u00a0actions récentes que le jury a examinées pour le label 2026.",
        ),
    ],
    ids=["ville", "une-recente", "toutes", "village-une-seule", "territoire"],
)
def test_release_says_which_actions_the_jury_examined(changes, expected):
    text = _history_sentence(**changes)
    assert expected in text
    _check_french(text)


def test_no_actions_no_sentence_about_them():
    assert "examiné" not in _history_sentence(actions_counted=0)


def test_docx_template_is_parsed_once_and_never_filled(monkeypatch):
    """python-docx's template is opened and prepared once per process; every release copies
    its body, so one release leaves nothing in the next."""
    opened = []

    def counting_document(*args):
        opened.append(args)
        return Document(*args)

    monkeypatch.setattr(document, "Document", counting_document)
    document._template.cache_clear()
    try:
        first = press_release_docx(SUBJECT)
        other = press_release_docx(dataclasses.replace(SUBJECT, nom="Brest", code="29019"))
        national_release_docx(EDITION)
        assert press_release_docx(SUBJECT) == first != other
        assert len(opened) == 1
        template = document._template()
        assert not template.document.paragraphs
        assert template.document.core_properties.title != SUBJECT.nom
    finally:
        document._template.cache_clear()  # the next tests rebuild it from the real Document


def test_intercommunality_dateline_asks_for_its_seat():
    epci = dataclasses.replace(SUBJECT, kind="territoire", nom="Communauté de communes du Pays")
    text = press_release_text(epci).decode()
    assert "[Commune du siège], le 3\u00a0février 2026 —" in text
    assert "Communauté de communes du Pays, le" not in text


def test_release_without_ceremony_date_has_a_placeholder():
    subject = dataclasses.replace(SUBJECT, ceremony_date=None, ceremony_place=None)
    text = press_release_text(subject).decode()
    assert "Angers, [date] —" in text
    document = Document(io.BytesIO(press_release_docx(subject)))
    assert document.core_properties.created == datetime.datetime(
        2026, 1, 1, 12, tzinfo=datetime.UTC
    )


def test_long_names_wrap_within_the_box(panel_png):
    face = font(True, 60)
    lines = wrap("Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson", face, 500)
    assert len(lines) > 1
    assert all(face.getlength(line) <= 500 for line in lines)
    assert "".join(lines) == "Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson"
    long = dataclasses.replace(SUBJECT, nom="Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson")
    with Image.open(io.BytesIO(social_image(long, panel_png, (1200, 1200)))) as image:
        assert image.size == (1200, 1200)
    with Image.open(io.BytesIO(email_signature(long, panel_png))) as image:
        assert image.size == (600, 200)


# ---------------------------------------------------------------- national kit


@pytest.fixture(scope="module")
def national(panel_files) -> InFolder:
    data = build_national_kit_zip(EDITION, b"code,nom,arobases\r\n49007,Angers,4\r\n", panel_files)
    return InFolder(data, "dossier-national-2026/")


def test_national_members(national, panel_files):
    assert all(n.startswith("dossier-national-2026/") for n in national.archive.namelist())
    assert national.namelist() == [
        "communique-national-2026.docx",
        "communique-national-2026.pdf",
        "communique-national-2026.txt",
        "palmares-2026.csv",
        "chiffres-2026.csv",
        *[f"panneaux/{name}" for name in sorted(panel_files)],
        "LISEZMOI.txt",
    ]
    assert national.read("palmares-2026.csv").startswith(b"code,nom,arobases")


def test_national_release(national):
    paragraphs = _docx_paragraphs(national.read("communique-national-2026.docx"))
    text = "\n".join(paragraphs)
    assert "213\u00a0collectivités labellisées" in text
    assert f"5{NBSP}@{NBSP}: 76\u00a0collectivités (70 en 2025)" in text
    assert "160\u00a0villes, 41\u00a0villages et 12\u00a0intercommunalités" in text
    assert "L’Haÿ-les-Roses" in text and "Issy-les-Moulineaux" in text
    assert "Démocratie locale" not in text  # a mention nobody received is not listed
    _check_french(text)
    txt = national.read("communique-national-2026.txt").decode("utf-8")
    assert [line.removeprefix("– ") for line in txt.splitlines() if line.strip()] == paragraphs


def test_national_figures(national):
    rows = list(csv.reader(io.StringIO(national.read("chiffres-2026.csv").decode("utf-8"))))
    assert rows[0] == ["regroupement", "modalite", "2026", "2025"]
    assert ["arobases", "5", "76", "70"] in rows
    assert ["type", "village", "41", "45"] in rows
    assert ["total", "labellises", "213", "226"] in rows
    first = dataclasses.replace(
        EDITION, previous_counts_by_level=None, previous_counts_by_kind=None
    )
    assert ["arobases", "5", "76", ""] in list(csv.reader(io.StringIO(figures_csv(first).decode())))


def test_national_lisezmoi_and_determinism(national, panel_files):
    readme = national.read("LISEZMOI.txt").decode("utf-8")
    for name in national.namelist():
        assert name in readme, name
    _check_french(readme)
    again = build_national_kit_zip(EDITION, b"code,nom,arobases\r\n49007,Angers,4\r\n", panel_files)
    assert InFolder(again, national.folder).read("communique-national-2026.pdf") == (
        national.read("communique-national-2026.pdf")
    )


LONGEST = dataclasses.replace(
    SUBJECT,
    kind="territoire",
    nom="Communauté d’agglomération du Grand Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson",
    mentions=("Transition écologique", "Démocratie locale", "Numérique éducatif", "Médiation"),
    excellence=True,
    change="retour",
    previous_level=None,
    last_label=(2019, 4),
    level=5,
    actions_counted=154,
    actions_published=1543,
)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs libreoffice-writer-nogui")
@pytest.mark.parametrize("subject", [SUBJECT, LONGEST], ids=["angers", "longest"])
def test_release_is_one_page_in_libreoffice(tmp_path, subject):
    """LibreOffice lays Arial out with Liberation Sans, whose metrics are Arial's: one page
    there is one page in Word."""
    # With the panel above the title, as in the kit.
    (tmp_path / "communique.docx").write_bytes(press_release_docx(subject, _panel_png(1200, 800)))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "communique.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert len(pdfium.PdfDocument(tmp_path / "communique.pdf")) == 1


# -- the kits' texts, read through the data schema -----------------------------------------


def test_kit_texts_are_checked_by_the_schema_with_file_and_line(tmp_path):
    from label_data.problems import display_path
    from label_kits.subject import TEXTS_PATH, KitTextsError, load_texts, texts

    assert texts()["label"] == "Territoires, Villes et Villages Internet"
    source = TEXTS_PATH.read_text(encoding="utf-8")
    bad = source.replace("label: Territoires", "labl: Territoires").replace(
        "contact_titre: Contact presse", 'contact_titre: "Contact\\u0007presse"'
    )
    path = tmp_path / "texts.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(KitTextsError) as error:
        load_texts(path)
    lines = str(error.value).splitlines()
    line_of = {  # top-level keys -> their line
        li.split(":")[0]: n
        for n, li in enumerate(bad.splitlines(), 1)
        if li and not li.startswith((" ", "#"))
    }
    shown = display_path(path)
    assert lines == [
        f"{shown}:{line_of['association']}:1: le champ obligatoire « label » manque dans "
        "les textes des kits",
        f"{shown}:{line_of['labl']}:1: champ inconnu « labl » dans les textes des kits ; "
        "vouliez-vous dire « label » ? (champs permis : a_propos, a_propos_titre, association, "
        "citation, communique, communique_national, contact, contact_local, contact_titre, "
        "enjeux, label, licence, lisezmoi, mention_verte, titre_excellence)",
        f"{shown}:{line_of['contact_titre']}:16: contact_titre contient un caractère de contrôle "
        "invisible (U+0007) en position 8 : supprimez-le (souvent un reste de copier-coller) ; "
        "un retour à la ligne n’y est pas permis non plus",
        "3 problèmes dans les textes des kits",
    ]
