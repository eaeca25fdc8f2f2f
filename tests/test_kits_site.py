"""Kits and panels in the built demo site: one per laureate of the two newest published
editions, within budget, at the contract's URLs, and the same bytes on a second build."""

from __future__ import annotations

import re
import zipfile

from label_data.published import published_view
from PIL import Image
from print_checks import print_problems


def view():
    from conftest import DEMO_NOW, ROOT

    return published_view({"LABEL_DATA": str(ROOT / "data"), "LABEL_NOW": DEMO_NOW})


def test_a_kit_per_laureate_of_the_current_and_previous_edition(demo_site):
    v = view()
    for year in (2025, 2026):
        expected = {
            f"{v.territories[lau.territoire].slug}-{lau.territoire}-{year}.zip"
            for lau in v.editions[year].laureates
        }
        written = {p.name for p in (demo_site / "kits" / str(year)).glob("*.zip")}
        assert written == expected | {f"dossier-national-{year}.zip"}
    assert not (demo_site / "kits" / "2024").exists()
    assert not (demo_site / "kits" / "2027").exists()  # under embargo at DEMO_NOW


def test_kits_hold_their_panels_and_stay_under_three_megabytes(demo_site):
    v = view()
    for lau in v.editions[2026].laureates:
        t = v.territories[lau.territoire]
        path = demo_site / "kits" / "2026" / f"{t.slug}-{t.code}-2026.zip"
        assert path.stat().st_size <= 3 * 1024 * 1024
        folder = f"{t.slug}-2026-kit-label/"
        names = zipfile.ZipFile(path).namelist()
        assert all(name.startswith(folder) for name in names), path.name
        names = [name.removeprefix(folder) for name in names]
        stem = f"{t.type}-internet-{lau.label.arobases}-2026" + (
            "-verte" if lau.label.verte else ""
        )
        assert f"panneaux/{stem}.svg" in names
        assert f"panneaux/{stem}.pdf" in names
        assert (demo_site / "panneaux" / f"{stem}.png").exists()


def test_national_kit_holds_the_palmares_and_all_panels_of_the_year(demo_site):
    folder = "dossier-national-2026/"
    names = zipfile.ZipFile(demo_site / "kits/2026/dossier-national-2026.zip").namelist()
    assert all(name.startswith(folder) for name in names)
    names = [name.removeprefix(folder) for name in names]
    assert "communique-national-2026.pdf" in names
    assert "palmares-2026.csv" in names
    assert "communique-national-2026.docx" in names
    year_panels = {p.name for p in (demo_site / "panneaux").glob("*-2026*")}
    assert {n.removeprefix("panneaux/") for n in names if n.startswith("panneaux/")} == year_panels


def _meta(html: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def _share_pages(site):
    yield site / "index.html"
    yield from sorted((site / "palmares").glob("*/index.html"))
    yield from sorted((site / "territoires").glob("*/index.html"))


def test_every_shared_page_has_its_og_image_at_1200_by_630(demo_site):
    """Home, each palmarès and each collectivity page: og:image written by the build, at
    1200 × 630, with its alt text and a large Twitter card; a laureate with a kit shows the
    kit's own social image."""
    from conftest import ROOT

    domain = re.search(r'SITE_DOMAIN = "([^"]+)"', (ROOT / "pelicanconf.py").read_text())
    checked = 0
    for page in _share_pages(demo_site):
        html = page.read_text(encoding="utf-8")
        url = _meta(html, "og:image")
        assert url and domain and url.startswith(domain.group(1) + "/"), page
        image = demo_site / url.removeprefix(domain.group(1) + "/")
        assert image.is_file(), (page, url)
        with Image.open(image) as picture:
            assert picture.size == (1200, 630), image
        assert _meta(html, "og:image:alt"), page
        assert _meta(html, "twitter:card") == "summary_large_image"
        checked += 1
    assert checked > 30
    toulouse = (demo_site / "territoires/toulouse-31555/index.html").read_text(encoding="utf-8")
    assert _meta(toulouse, "og:image").endswith("/territoires/toulouse-31555/partage.png")
    kit = zipfile.ZipFile(demo_site / "kits/2026/toulouse-31555-2026.zip")
    assert (demo_site / "territoires/toulouse-31555/partage.png").read_bytes() == kit.read(
        "toulouse-2026-kit-label/reseaux-sociaux-1200x630.png"
    )
    description = _meta(toulouse, "og:description")
    assert description.startswith("Toulouse (ville, Haute-Garonne)\u00a0: 4\u00a0arobases")


def test_collectivity_page_links_the_print_files_with_their_sizes(demo_site):
    html = (demo_site / "territoires/toulouse-31555/index.html").read_text(encoding="utf-8")
    stem = "ville-internet-4-2026-verte"
    for suffix in (".png", ".pdf", "-traits-de-coupe.pdf", ".svg", "-fiche-technique.txt"):
        name = re.escape(stem + suffix)
        assert re.search(rf'href="/panneaux/{name}"[^>]*>[^<]*</a> \(\d+', html), suffix
        assert (demo_site / "panneaux" / (stem + suffix)).is_file()


def test_every_published_panel_pdf_and_card_passes_the_print_checks(demo_site):
    """What a sign maker or a printer receives from the site: DeviceCMYK only, TrimBox and a
    BleedBox at least 3 mm outside it, fonts embedded."""
    pdfs = sorted((demo_site / "panneaux").glob("*.pdf"))
    assert len(pdfs) >= 2 * len(list((demo_site / "panneaux").glob("*.svg")))
    for path in pdfs:
        assert print_problems(path.read_bytes(), min_bleed_mm=3.0) == [], path.name
    for kit in sorted((demo_site / "kits" / "2026").glob("*.zip"))[:5]:
        with zipfile.ZipFile(kit) as archive:
            cards = [
                name
                for name in archive.namelist()
                if name.endswith(("/carte-postale-a6.pdf", "/carte-de-voeux.pdf"))
            ]
            assert len(cards) == (0 if kit.name.startswith("dossier-national") else 2), kit.name
            for name in cards:
                assert print_problems(archive.read(name)) == [], (kit.name, name)


def _release_counts(release: str) -> tuple[str, str] | None:
    """(examined, published) as the release words them, or None when it names no action."""
    nbsp = "\u00a0"
    some = re.search(rf"a publié ([\d{nbsp}]+){nbsp}actions numériques .*?, dont (\S+)\s", release)
    if some:
        examined = "1" if some.group(2) == "une" else some.group(2)
        return examined, some.group(1).replace(nbsp, "")
    every = re.search(rf"Le jury a examiné les ([\d{nbsp}]+){nbsp}actions numériques", release)
    if every:
        return every.group(1).replace(nbsp, ""), every.group(1).replace(nbsp, "")
    if "Le jury a examiné l’action numérique" in release:
        return "1", "1"
    return None


def test_page_and_press_release_give_the_same_action_count(demo_site):
    """The count the release gives is the one the jury considered (R7), and the page says it."""
    checked = 0
    for kit in sorted((demo_site / "kits" / "2026").glob("*-*.zip")):
        if kit.name.startswith("dossier-national"):
            continue
        with zipfile.ZipFile(kit) as archive:
            name = next(n for n in archive.namelist() if n.endswith("/communique-de-presse.txt"))
            release = archive.read(name).decode("utf-8")
        territory = kit.stem.removesuffix("-2026")
        page = (demo_site / "territoires" / territory / "index.html").read_text(encoding="utf-8")
        said = _release_counts(release)
        shown = re.search(r'class="jury-actions">[^<]*: (\d+)\u00a0actions? sur (\d+)\.', page)
        assert bool(said) == bool(shown), kit.name
        if said:
            assert said == shown.group(1, 2), kit.name
            checked += 1
        assert " sur les " not in release.split("À propos")[0], kit.name
    assert checked > 5


def _kit_link(html: str, href: str) -> str:
    found = re.search(rf'<a [^>]*href="{re.escape(href)}"[^>]*>([^<]*)</a>', html)
    assert found, href
    return found.group(1)


def test_kit_links_name_the_edition_and_show_the_real_size(demo_site):
    """The link gives the very file's size, as the open data page gives its files'."""
    from label_data.typo import file_size

    v = view()
    checked = 0
    for lau in v.editions[2026].laureates:
        t = v.territories[lau.territoire]
        if t.current is None or t.current.carried:
            continue
        href = f"/kits/2026/{t.slug}-{t.code}-2026.zip"
        html = (demo_site / t.url / "index.html").read_text(encoding="utf-8")
        size = (demo_site / href.lstrip("/")).stat().st_size
        assert _kit_link(html, href) == f"Kit de communication 2026 (ZIP, {file_size(size)})"
        checked += 1
    assert checked > 10
    palmares = (demo_site / "palmares/2026/index.html").read_text(encoding="utf-8")
    href = "/kits/2026/dossier-national-2026.zip"
    size = (demo_site / href.lstrip("/")).stat().st_size
    expected = f"Dossier de presse national 2026 (ZIP, {file_size(size)})"
    assert _kit_link(palmares, href) == expected


def test_kits_under_their_former_name_redirect_to_the_kit_of_that_edition(demo_site):
    """Until December 2026 a kit had no year in its name: that URL keeps answering, by a
    redirect to the same edition's kit while it is offered, else to the collectivity's page."""
    rules = {}
    for line in (demo_site / "_redirects").read_text(encoding="utf-8").splitlines():
        source, target, status = line.split()
        rules[source] = (target, status)
    assert rules["/kits/2026/toulouse-31555.zip"] == ("/kits/2026/toulouse-31555-2026.zip", "301")
    assert (demo_site / "kits/2026/toulouse-31555-2026.zip").is_file()
    assert not (demo_site / "kits/2026/toulouse-31555.zip").exists()
    retired = [s for s in rules if s.startswith("/kits/2024/") and s.endswith("-2024.zip")]
    assert retired, "a retired edition's kits, under their new name too, lead somewhere"
    for source in retired:
        target = rules[source][0]
        assert target.startswith("/territoires/") or target.startswith("/palmares/"), source
        assert (demo_site / target.lstrip("/") / "index.html").is_file(), target
