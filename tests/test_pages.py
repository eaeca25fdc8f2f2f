"""The public pages (label_pages and the theme): every page type exists on the demo build and
shows what it must, French formatting, strict templates, fingerprinted assets, sitemap and
feeds. The demo site is built once per session (conftest ``demo_site``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import DEMO_NOW, ROOT, SHARED_CACHE
from jinja2 import UndefinedError
from label_data.published import published_view
from label_pages import assets, chart, fmt, machine
from label_pages.fmt import NBSP, NNBSP

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DOMAIN = "https://label.villes-internet.net"


@pytest.fixture(scope="module")
def view():
    return published_view({"LABEL_DATA": str(ROOT / "data"), "LABEL_NOW": DEMO_NOW})


def read(site: Path, url: str) -> str:
    path = site / url.strip("/") / "index.html" if not url.endswith(".html") else site / url
    return path.read_text(encoding="utf-8")


def jsonld_of(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


# -- French formatting -----------------------------------------------------------------------


def test_french_dates_numbers_and_levels():
    assert fmt.date_fr(dt.date(2026, 2, 3)) == f"3{NBSP}février 2026"
    assert fmt.date_fr(dt.date(2022, 2, 1)) == f"1er{NBSP}février 2022"
    assert fmt.number_fr(1200) == f"1{NNBSP}200"
    assert fmt.plural(1, "action") == f"1{NBSP}action"
    assert fmt.plural(0, "action") == f"0{NBSP}action"
    assert fmt.plural(12, "action") == f"12{NBSP}actions"
    assert fmt.arobases_words(4) == f"4{NBSP}arobases"
    assert fmt.label_title("village", 5, 2026) == f"Village Internet 5{NBSP}@ 2026"
    paris = fmt.datetime_fr(dt.datetime(2027, 2, 2, 10, 0, tzinfo=dt.UTC))
    assert paris == f"2{NBSP}février 2027 à 11{NBSP}h{NBSP}00"


def test_jsonld_cannot_close_its_script_element():
    text = machine.jsonld({"name": "</script><script>alert(1)</script> & co"})
    assert "</script>" not in text and "<" not in text
    assert json.loads(str(text))["name"].startswith("</script>")


def test_history_chart_has_a_title_a_description_and_a_bar_per_labelled_edition(view):
    t = next(t for t in view.territories.values() if len(t.labels) >= 3)
    rows = chart.history_rows(sorted(view.editions), t.labels)
    svg = chart.history_svg(rows, t.nom)
    assert rows[0].annee == t.labels[0].annee and rows[-1].annee == max(view.editions)
    assert svg.count('class="barre ') == len(t.labels)
    assert "<title" in svg and "<desc" in svg and 'role="img"' in svg
    assert "style=" not in svg


# -- every page type -------------------------------------------------------------------------


def test_every_page_type_is_written(demo_site, view):
    t = next(iter(view.territories.values()))
    a = next(iter(view.actions.values()))
    dep, reg = next(iter(view.departements.values())), next(iter(view.regions.values()))
    urls = [
        "/",
        t.url,
        a.url,
        "palmares/",
        "palmares/2026/",
        "departements/",
        dep.url,
        "regions/",
        reg.url,
        "enjeux/",
        "enjeux/identite/",
        "actualites/",
        "le-label/",
        "participer/",
        "licence/",
        "mentions-legales/",
        "accessibilite/",
        "plan-du-site/",
        "404.html",
    ]
    for url in urls:
        page = read(demo_site, url)
        assert page.count("<h1") == 1, url
        assert '<html lang="fr">' in page
        assert '<a class="evitement" href="#contenu">' in page
        assert "Données de démonstration" in page  # data/site.yaml says demo: true
    for name in (
        "sitemap.xml",
        "robots.txt",
        "feeds/actualites.atom.xml",
        "feeds/palmares.atom.xml",
    ):
        assert (demo_site / name).is_file(), name
    html = list(demo_site.rglob("*.html"))
    assert len(html) >= len(view.territories) + len(view.actions) + len(view.editions)


def test_every_collectivity_and_action_has_its_page(demo_site, view):
    for t in view.territories.values():
        assert (demo_site / t.url / "index.html").is_file(), t.url
    for a in view.actions.values():
        assert (demo_site / a.url / "index.html").is_file(), a.url


def test_no_inline_script_style_or_handler_anywhere(demo_site):
    """A Content-Security-Policy without 'unsafe-inline' must not break any page we write."""
    for path in demo_site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert not re.search(r"\sstyle=", page), path
        assert not re.search(r"\son[a-z]+=", page), path
        assert "<style" not in page, path
        for attrs in re.findall(r"<script([^>]*)>", page):
            assert "src=" in attrs or 'type="application/ld+json"' in attrs, path


def test_collectivity_page(demo_site, view):
    t = next(
        t
        for t in view.territories.values()
        if t.current and t.current.excellence_until and t.population and t.actions
    )
    page = read(demo_site, t.url)
    lab = t.current.label
    assert f">{t.nom}</h1>" in page
    assert fmt.arobases_words(lab.arobases) in page
    assert page.count('class="at') >= lab.arobases
    assert "Territoire d’excellence numérique" in page
    assert f"jusqu’à l’édition {t.current.excellence_until}" in page
    assert fmt.number_fr(t.population) in page
    assert f'href="/{view.departements[t.departement].url}"' in page
    assert f'href="/{view.regions[t.region].url}"' in page
    assert '<main id="contenu" tabindex="-1" data-pagefind-body>' in page
    assert f'data-pagefind-filter="departement">{view.departements[t.departement].nom}' in page
    # History: the chart and the same figures in a table.
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="historique"' in page
    assert f"<caption>Arobases de {t.nom} par édition</caption>" in page
    # The 16 enjeux, covered or not; actions grouped by enjeu; a map of places.
    assert page.count('<li class="couvert">') + page.count('<li class="non-couvert">') == 16
    for action_id in t.actions:
        assert f'href="/actions/{action_id}/"' in page
    assert '<figure class="carte" data-carte="lieux">' in page
    # Panel, kit, badge (written by other plugins at the contract's URLs).
    suffix = "-verte" if lab.verte else ""
    panel = f"/panneaux/{t.type}-internet-{lab.arobases}-{lab.annee}{suffix}.png"
    assert f'src="{panel}"' in page and 'width="1200" height="800"' in page
    # label_kits makes a kit per laureate only: none for 5 @ carried by the title (R9). The page
    # links the kit exactly when it exists.
    kit = f"kits/{lab.annee}/{t.slug}-{t.code}-{lab.annee}.zip"
    assert (f'href="/{kit}"' in page) == (demo_site / kit).is_file()
    assert (
        f"&lt;a href=&#34;{DOMAIN}/{t.url}&#34;&gt;&lt;img src=&#34;{DOMAIN}/{t.url}"
        f"badge.svg&#34;" in page
    )
    data = jsonld_of(page)
    assert data["name"] == t.nom and data["url"] == f"{DOMAIN}/{t.url}"
    assert f'<link rel="canonical" href="{DOMAIN}/{t.url}">' in page
    assert '<meta property="og:title"' in page


def test_collectivity_page_weighs_under_100_kb_without_images(demo_site, view):
    biggest = max(
        view.territories.values(), key=lambda t: (demo_site / t.url / "index.html").stat().st_size
    )
    page = read(demo_site, biggest.url)
    total = len(page.encode("utf-8"))
    for ref in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page):
        total += (demo_site / ref.lstrip("/")).stat().st_size
    assert total < 100_000, (biggest.url, total)


def test_action_page(demo_site, view):
    a = next(a for a in view.actions.values() if a.fin is None and a.debut and a.enjeux)
    t = view.territories[a.territoire]
    page = read(demo_site, a.url)
    assert f">{a.titre}</h1>" in page
    assert "en cours" in page and fmt.date_fr(a.debut) in page
    assert fmt.date_fr(a.mise_a_jour) in page
    assert f'href="/{t.url}"' in page and f'href="/enjeux/{a.enjeux[0].id}/"' in page
    assert a.categorie.nom in page
    assert "data-pagefind-body" in page
    # R7 from the action's own dates: the editions it counts for, never « now ».
    counted = a.editions_counted()
    if counted:
        assert f"compte pour {'les éditions' if len(counted) > 1 else 'l’édition'} " in page
        assert " et ".join(map(str, counted)) in page
    else:
        assert "ne compte pour aucune édition" in page


def test_the_editions_an_action_counts_for_follow_its_dates_alone():
    import datetime as dt

    from label_data.view import PublicAction

    def action(updated: dt.date, debut: dt.date | None, fin: dt.date | None) -> PublicAction:
        return PublicAction(
            "x", "actions/x/", "33063", "Titre", "", None, (), (), None, None, (), debut, fin,
            updated, (), None,
        )  # fmt: skip

    running = action(dt.date(2025, 3, 1), dt.date(2020, 1, 1), None)
    assert running.editions_counted() == (2025, 2026)  # updated in 2025: counts for 2025, 2026
    ended = action(dt.date(2025, 3, 1), dt.date(2020, 1, 1), dt.date(2021, 6, 1))
    assert ended.editions_counted() == ()  # ended years before: counts for no edition
    recent = action(dt.date(2025, 3, 1), dt.date(2024, 5, 1), dt.date(2025, 6, 1))
    assert recent.editions_counted() == (2025, 2026)  # under two years old on 1 January


def test_palmares_page(demo_site, view):
    ed = view.editions[2026]
    page = read(demo_site, "palmares/2026/")
    assert ">Palmarès 2026</h1>" in page
    assert fmt.date_fr(ed.ceremonie_date) in page and ed.ceremonie_lieu in page
    for n in range(1, 6):
        assert f'<tbody id="niveau-{n}">' in page
    assert page.count("<tr data-niveau=") == len(ed.laureates)
    assert 'id="par-region"' in page and 'id="par-type"' in page
    assert "/kits/2026/dossier-national-2026.zip" in page
    assert "data-pagefind-body" not in page
    data = jsonld_of(page)
    assert data["@type"] == "ItemList" and data["numberOfItems"] == len(ed.laureates)
    for mention in ed.mentions:
        assert f'id="mention-{mention.id}"' in page
    index = read(demo_site, "palmares/")
    for year in view.editions:
        assert f'href="/palmares/{year}/"' in index
    assert "/palmares/2027/" not in index and not (demo_site / "palmares" / "2027").exists()


def test_places_and_enjeux_pages(demo_site, view):
    dep = next(d for d in view.departements.values())
    page = read(demo_site, dep.url)
    assert f"<h1>{dep.nom}" in page
    for t in view.territories.values():
        if t.departement == dep.code and t.labels:
            assert f'href="/{t.url}"' in page
    regions = read(demo_site, "regions/")
    assert all(f'href="/{r.url}"' in regions for r in view.regions.values())
    enjeux = read(demo_site, "enjeux/")
    assert enjeux.count('<li><h2><a href="/enjeux/') == 16
    enjeu_id = max(view.actions_by_enjeu, key=lambda e: len(view.actions_by_enjeu[e]))
    page = read(demo_site, f"enjeux/{enjeu_id}/")
    assert view.enjeux[enjeu_id].question.split(" ?")[0] in page
    assert all(f'href="/actions/{a}/"' in page for a in view.actions_by_enjeu[enjeu_id])


def test_home_page(demo_site, view):
    page = read(demo_site, "/")
    assert '<form role="search" action="/recherche/" method="get"' in page
    assert '<label for="recherche-accueil">' in page and 'name="q"' in page
    assert "Le palmarès 2026 en bref" in page
    ed = view.editions[2026]
    assert (
        fmt.plural(len(ed.laureates), "collectivité labellisée", "collectivités labellisées")
        in page
    )
    assert '<figure class="carte" data-carte="accueil">' in page
    assert "Un nouveau site pour le label" in page  # latest news
    assert 'href="/participer/"' in page


def test_news_and_editorial_pages(demo_site):
    news = read(demo_site, "actualites/")
    assert news.count('<article class="resume">') == 3
    article = read(demo_site, "actualites/palmares-2026-devoile/")
    assert f"3{NBSP}février 2026" in article
    licence = read(demo_site, "licence/")
    assert "Source : www.villes-internet.net" in licence and "BY-NC-SA" in licence
    assert "Résultats des tests" in read(demo_site, "accessibilite/")


# -- machine files ---------------------------------------------------------------------------


def test_sitemap_lists_every_public_page_and_nothing_embargoed(demo_site, view):
    tree = ET.parse(demo_site / "sitemap.xml")
    locs = {e.text for e in tree.getroot().iter(f"{SITEMAP}loc")}
    assert f"{DOMAIN}/" in locs and f"{DOMAIN}/le-label/" in locs
    assert f"{DOMAIN}/actualites/palmares-2026-devoile/" in locs
    for t in view.territories.values():
        assert f"{DOMAIN}/{t.url}" in locs
    for a in view.actions.values():
        assert f"{DOMAIN}/{a.url}" in locs
    assert not any("/palmares/2027" in loc for loc in locs)
    assert not any(loc.endswith("404.html") for loc in locs)
    robots = (demo_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {DOMAIN}/sitemap.xml" in robots


def test_feeds_parse_and_hold_only_published_editions(demo_site, view):
    news = ET.parse(demo_site / "feeds" / "actualites.atom.xml").getroot()
    assert len(news.findall(f"{ATOM}entry")) == 3
    feed = ET.parse(demo_site / "feeds" / "palmares.atom.xml").getroot()
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert len(titles) == len(view.editions)
    assert titles[0].startswith("Palmarès 2026")
    assert not any("2027" in t for t in titles)


# -- theme mechanics -------------------------------------------------------------------------


def test_css_and_js_are_fingerprinted(demo_site):
    page = read(demo_site, "/")
    css = re.search(r'href="/static/css/site\.([0-9a-f]{10})\.css"', page)
    js = re.search(r'src="/static/js/site\.([0-9a-f]{10})\.js"', page)
    assert css and js
    source = assets.THEME_STATIC / "css" / "site.css"
    served = assets.minified(source)
    assert css.group(1) == hashlib.sha256(served).hexdigest()[:10]
    assert (demo_site / "static" / "css" / f"site.{css.group(1)}.css").read_bytes() == served
    assert 'href="/static/css/site.css"' not in page
    # Served minified: the comments stay in the theme's source only.
    assert b"/*" in source.read_bytes() and b"/*" not in served
    assert len(served) < 0.85 * len(source.read_bytes())


def test_an_undefined_template_variable_fails_the_build(tmp_path):
    from label_build.driver import build

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    template = theme / "templates" / "404.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            "<h1>Page introuvable</h1>", "<h1>{{ variable_inconnue }}</h1>"
        ),
        encoding="utf-8",
    )
    overrides = {
        "LABEL_DATA": str(ROOT / "data"),
        "LABEL_NOW": DEMO_NOW,
        "LABEL_CACHE": str(SHARED_CACHE),
        "THEME": str(theme),
        "PLUGINS": ["label_data", "label_content", "label_pages"],
    }
    # The driver reports the failure; under Pelican's fatal logging its report may itself
    # raise. Either way the build fails on the undefined name and writes no site.
    try:
        status = build(str(ROOT / "pelicanconf.py"), tmp_path / "out", overrides)
    except RuntimeError as exc:
        assert isinstance(exc.__context__, UndefinedError)
        status = 1
    assert status == 1
    assert not (tmp_path / "out").exists()
