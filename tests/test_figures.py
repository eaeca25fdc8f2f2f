"""« Le label en chiffres » (/chiffres/), a palmarès that adds up, the A to Z list, the panel
photos and the typography fixes of issue 16.

The figures are checked against counts computed here from the YAML files themselves (not from
the code under test): every published edition's total and per-level counts are in its row of
/chiffres/, and no embargoed edition appears. The palmarès reconciles with the previous
edition (previous total + new + returns − not relabelled = this total) on the demo and on a
generated national-scale dataset, in the view, on the page, in the open data and in the
national press kit's figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import DEMO_NOW, ROOT
from label_data.figures import edition_figures
from label_data.published import published_view

NOW = dt.datetime.fromisoformat(DEMO_NOW)


def published_editions_from_yaml(data: Path) -> dict[int, list[dict]]:
    """The laureates of each edition whose embargo has passed at DEMO_NOW, read with PyYAML."""
    out = {}
    for path in sorted((data / "palmares").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text("utf-8"))
        embargo = doc["embargo"]
        if isinstance(embargo, str):
            embargo = dt.datetime.fromisoformat(embargo)
        if embargo <= NOW:
            out[doc["edition"]] = doc["laureats"]
    return out


def chiffres_rows(html: str) -> dict[int, dict[str, str]]:
    """The rows of the editions table of /chiffres/: {year: {column: text}}."""
    rows = {}
    for year, body in re.findall(r'<tr data-edition="(\d+)">(.*?)</tr>', html, re.S):
        cells = dict(re.findall(r'<td data-col="([\w-]+)">([^<]*)', body))
        rows[int(year)] = {k: v.strip().replace("\u202f", "") for k, v in cells.items()}
    return rows


# -- /chiffres/ ------------------------------------------------------------------------------


def test_chiffres_rows_hold_every_published_edition_counted_from_the_data(demo_site):
    expected = published_editions_from_yaml(ROOT / "data")
    html = (demo_site / "chiffres" / "index.html").read_text("utf-8")
    rows = chiffres_rows(html)
    assert sorted(rows) == sorted(expected)
    for year, laureates in expected.items():
        levels = Counter(lau["arobases"] for lau in laureates)
        assert rows[year]["total"] == str(len(laureates)), year
        for n in range(1, 6):
            assert rows[year][f"niveau-{n}"] == str(levels.get(n, 0)), (year, n)


def test_chiffres_shows_no_embargoed_edition(demo_site):
    html = (demo_site / "chiffres" / "index.html").read_text("utf-8")
    assert 2027 not in chiffres_rows(html)
    assert "2027" not in html
    csv_text = (demo_site / "donnees" / "chiffres.csv").read_text("utf-8")
    assert "2027" not in csv_text


def test_chiffres_has_a_chart_and_a_map_by_departement_with_their_tables(demo_site, demo_view):
    html = (demo_site / "chiffres" / "index.html").read_text("utf-8")
    assert 'class="graphique-editions"' in html and "<desc" in html
    assert 'class="departements departements-effectifs"' in html  # the choropleth
    current = max(demo_view.editions)
    per_dep = Counter(
        demo_view.territories[lau.territoire].departement
        for lau in demo_view.editions[current].laureates
    )
    table = html.split('id="table-departements"', 1)[1].split("</table>", 1)[0]
    for dep, n in per_dep.items():
        assert re.search(rf"\({dep}\)</a></th><td>{n}</td>", table), dep
    # Reached from the home page and the menu.
    home = (demo_site / "index.html").read_text("utf-8")
    assert home.count('href="/chiffres/"') >= 2


def test_figures_csv_matches_the_page_and_is_in_the_data_package(demo_site, demo_view):
    rows = list(csv.DictReader(io.StringIO((demo_site / "donnees" / "chiffres.csv").read_text())))
    figures = {r.annee: r for r in edition_figures(demo_view)}
    assert [int(r["annee"]) for r in rows] == sorted(figures)
    for r in rows:
        f = figures[int(r["annee"])]
        assert int(r["labellisees"]) == f.total
        assert [int(r[f"arobases_{n}"]) for n in (5, 4, 3, 2, 1)] == [c for _, c in f.level_list]
    package = (demo_site / "donnees" / "datapackage.json").read_text("utf-8")
    assert '"path": "chiffres.csv"' in package


def test_region_and_departement_pages_show_their_figures(demo_site, demo_view):
    html = (demo_site / "regions" / "75" / "index.html").read_text("utf-8")
    assert 'id="chiffres-zone"' in html
    codes = {t.code for t in demo_view.territories.values() if t.region == "75"}
    for f in edition_figures(demo_view, codes):
        if f.total:
            assert f'href="/palmares/{f.annee}/">{f.annee}</a></th><td>{f.total}</td>' in html


# -- the régions compared, on /chiffres/ (issue 25) -------------------------------------------


def regions_table(html: str) -> list[tuple[str, str, dict[str, str]]]:
    """The body rows of the régions table: (code, name, {column: text}), in page order."""
    table = html.split('id="table-regions"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for code, cells in re.findall(r'<tr data-region="(\w+)">(.*?)</tr>', body, re.S):
        name = re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", cells, re.S).group(1))
        values = dict(re.findall(r'<td data-col="([\w-]+)">([^<]*)</td>', cells))
        rows.append((code, name.strip(), values))
    return rows


def french_share(part: int, whole: int) -> str:
    """The share as the page must write it, computed here without the code under test."""
    rate = 100 * part / whole if whole else 0
    if not part:
        return "0\u00a0%"
    text = f"{rate:.1f}" if rate >= 1 else f"{rate:.2f}"
    return text.replace(".", ",") + "\u00a0%"


def test_chiffres_compares_every_region_from_the_view_and_the_reference(demo_site, demo_view):
    from label_data.reference import load_reference

    reference = load_reference()
    year, before = sorted(demo_view.editions)[-1], sorted(demo_view.editions)[-2]

    def laureates_by_region(y):
        out: dict[str, list] = {}
        for lau in demo_view.editions[y].laureates:
            t = demo_view.territories[lau.territoire]
            out.setdefault(t.region, []).append((lau.label.arobases, t.type))
        return out

    now, prev = laureates_by_region(year), laureates_by_region(before)
    all_communes = Counter(c.region for c in reference.communes.values())
    rows = regions_table((demo_site / "chiffres" / "index.html").read_text("utf-8"))
    codes = [code for code, _, _ in rows]
    assert len(codes) == len(set(codes))  # no région twice
    # Every région with a laureate, and every one of the 18 régions even without one.
    assert set(now) <= set(codes)
    assert {c for c in reference.regions if len(c) == 2} <= set(codes)
    assert "44" in codes and "44" not in now  # Grand Est: listed with its zeros
    for code, _, cells in rows:
        here = now.get(code, [])
        levels = Counter(level for level, _ in here)
        communes = sum(1 for _, kind in here if kind != "territoire")
        assert cells["total"] == str(len(here)), code
        for n in range(1, 6):
            assert cells[f"niveau-{n}"] == str(levels.get(n, 0)), (code, n)
        whole = all_communes[code]
        assert cells["communes"].replace("\u202f", "") == f"{communes} sur {whole}", code
        assert cells["part"] == french_share(communes, whole), code
        diff = len(here) - len(prev.get(code, []))
        assert cells["evolution"] == (f"+{diff}" if diff > 0 else f"\u2212{-diff}" if diff else "0")
    assert sum(int(c["total"]) for _, _, c in rows) == len(demo_view.editions[year].laureates)


def test_regions_are_in_french_alphabetical_order(demo_site):
    from label_data.typo import collation_key

    html = (demo_site / "chiffres" / "index.html").read_text("utf-8")
    names = [name for _, name, _ in regions_table(html)]
    assert names == sorted(names, key=collation_key)
    # Said without the key under test: « Île » among the I, not after the Z.
    assert names.index("Hauts-de-France") < names.index("Île-de-France") < names.index("Normandie")
    assert names[0] == "Auvergne-Rhône-Alpes"
    assert "Provence-Alpes-Côte d’Azur" in names  # the French apostrophe, as elsewhere


def test_regions_table_is_an_accessible_table_with_its_total(demo_site, demo_view):
    html = (demo_site / "chiffres" / "index.html").read_text("utf-8")
    table = html.split('id="table-regions"', 1)[1].split("</table>", 1)[0]
    assert "<caption>" in table
    heads = re.findall(r'<th scope="col">([^<]*)</th>', table.split("</thead>", 1)[0])
    first = ["Région", "Labellisées", "Depuis 2025", "Communes labellisées", "Part des communes"]
    assert heads[:5] == first
    assert table.count('<th scope="row">') == len(regions_table(html)) + 1  # and « Ensemble »
    total = table.split("<tfoot>", 1)[1]
    assert f'<td data-col="total">{len(demo_view.editions[2026].laureates)}</td>' in total
    assert 'href="#regions"' in html  # in the page's summary


# -- an area's table: every edition from its first laureate on -------------------------------


def zone_years(html: str) -> list[int]:
    section = html.split('id="chiffres-zone"', 1)[1].split("</table>", 1)[0]
    return [int(y) for y in re.findall(r'<th scope="row"><a href="/palmares/(\d+)/">', section)]


def test_an_area_table_has_a_row_for_every_edition_from_its_first_laureate(demo_site, demo_view):
    years = sorted(demo_view.editions)
    areas = [("departements", d, "departement") for d in demo_view.departements]
    areas += [("regions", r, "region") for r in demo_view.regions]
    checked = 0
    for folder, code, attr in areas:
        members = {t.code for t in demo_view.territories.values() if getattr(t, attr) == code}
        active = [
            y
            for y in years
            if any(lau.territoire in members for lau in demo_view.editions[y].laureates)
            or members & set(demo_view.editions[y].carried)
        ]
        html = (demo_site / folder / code / "index.html").read_text("utf-8")
        if not active:
            assert 'id="chiffres-zone"' not in html
            continue
        expected = [y for y in reversed(years) if y >= active[0]]
        assert zone_years(html) == expected, (folder, code)
        checked += 1
    assert checked > 30
    # The Loire had nobody in 2016 and 2017: both rows are there, with their zeros.
    loire = (demo_site / "departements" / "42" / "index.html").read_text("utf-8")
    row = re.search(r'<tr class="sans-laureat"><th scope="row"><a href="/palmares/2017/">', loire)
    assert row and 2017 in zone_years(loire)


# -- no word cut by a hyphen in a figures table's header ------------------------------------


def test_figures_headers_have_no_soft_hyphen_and_no_automatic_hyphenation(demo_site):
    for page in ("chiffres", "departements/42", "regions/84"):
        html = (demo_site / page / "index.html").read_text("utf-8")
        for head in re.findall(r"<thead>(.*?)</thead>", html, re.S):
            assert "&shy;" not in head and "\u00ad" not in head, page
    html = (demo_site / "chiffres" / "index.html").read_text("utf-8")
    assert '<th scope="col">Titres d’excellence</th>' in html
    css = (ROOT / "theme" / "static" / "css" / "chiffres.css").read_text("utf-8")
    assert re.search(r"\.chiffres-editions-table thead th[^{]*\{[^}]*hyphens: manual", css)


# -- a palmarès that adds up -----------------------------------------------------------------


def assert_reconciles(view) -> None:
    years = sorted(view.editions)
    for prev, year in zip(years, years[1:], strict=False):
        ed, before = view.editions[year], view.editions[prev]
        changes = Counter(lau.change for lau in ed.laureates)
        here = {lau.territoire for lau in ed.laureates}
        gone = {lau.territoire for lau in before.laureates} - here
        assert set(ed.not_relabelled) == gone
        total = len(before.laureates) + changes["nouveau"] + changes["retour"] - len(gone)
        assert total == len(ed.laureates), year
        # Every laureate is in exactly one movement.
        assert sum(changes.values()) == len(ed.laureates)
        for code in ed.carried:  # shown at 5 @ by its title, never counted as a laureate
            assert code not in here


def test_the_demo_palmares_reconciles_with_the_previous_edition(demo_view):
    assert_reconciles(demo_view)
    ed = demo_view.editions[2026]
    back = {
        demo_view.territories[lau.territoire].nom for lau in ed.laureates if lau.change == "retour"
    }
    assert {"Nantes", "Limoges", "Saint-Denis"} <= back
    assert ed.carried == ("35238",)  # Rennes: 5 @ by its 2025 title, not a 2026 laureate


@pytest.mark.slow
def test_a_generated_national_dataset_reconciles(national_data):
    view = published_view({"LABEL_DATA": str(national_data), "LABEL_NOW": DEMO_NOW})
    assert len(view.editions) > 20
    assert_reconciles(view)
    for f in edition_figures(view):
        assert sum(f.levels.values()) == f.total == sum(f.kinds.values())


def test_the_palmares_page_shows_the_reconciliation_and_the_title_holders(demo_site, demo_view):
    html = (demo_site / "palmares" / "2026" / "index.html").read_text("utf-8")
    bilan = dict(re.findall(r'data-bilan="(\w+)">([^<]+)<', html))
    numbers = {k: int(re.sub(r"\D", "", v)) for k, v in bilan.items()}
    assert (
        numbers["precedent"] + numbers["nouveaux"] + numbers["retours"] - numbers["sortants"]
        == numbers["total"]
    )
    assert numbers["total"] == len(demo_view.editions[2026].laureates)
    for section in ('id="retours"', 'id="sortants"', 'id="stables"', 'id="titres"'):
        assert section in html
    titres = html.split('id="titres"', 1)[1].split("</ul>", 1)[0]
    assert "/territoires/rennes-35238/" in titres
    for name in ("Nantes", "Limoges"):
        retours = html.split('id="retours"', 1)[1].split("</ul>", 1)[0]
        assert f">{name}</a>" in retours


def test_open_data_and_press_kit_say_the_same_as_the_page(demo_site, demo_view):
    from label_kits.national import figures_csv
    from label_kits.publish import national_edition

    ed = demo_view.editions[2026]
    national = national_edition(demo_view, ed, "https://example.org")
    assert national.returns == 3 and national.left == len(ed.not_relabelled)
    assert national.carried == ["Rennes"]
    text = figures_csv(national).decode()
    assert f"mouvements,retours,{national.returns}," in text
    rows = list(csv.DictReader(io.StringIO((demo_site / "donnees" / "chiffres.csv").read_text())))
    row = next(r for r in rows if r["annee"] == "2026")
    assert int(row["retours"]) == national.returns
    assert int(row["non_relabellisees"]) == national.left
    assert int(row["titres_en_cours"]) == 1


# -- /territoires/, photos, maps, typography -------------------------------------------------


def test_territoires_lists_every_collectivity_a_to_z(demo_site, demo_view):
    html = (demo_site / "territoires" / "index.html").read_text("utf-8")
    links = re.findall(r'<li data-type="\w+" data-labellisee="\w+"><a href="/([^"]+)">', html)
    assert sorted(links) == sorted(t.url for t in demo_view.territories.values())
    slugs = [link.split("/")[1] for link in links]
    assert slugs == sorted(slugs)
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'type="radio"' in main and "<script" not in main  # filters without JavaScript
    base = (demo_site / "index.html").read_text("utf-8")
    assert '<a href="/territoires/">Collectivités A–Z</a>' in base
    assert '<a href="/departements/">Départements</a>' in base


def test_panel_photos_are_responsive_lazy_and_credited(demo_site):
    from PIL import Image

    html = (demo_site / "territoires" / "bordeaux-33063" / "index.html").read_text("utf-8")
    figures = re.findall(r'<figure class="photo-panneau">(.*?)</figure>', html, re.S)
    assert len(figures) == 2
    for fig in figures:
        assert '<source type="image/webp" srcset="' in fig
        img = re.search(r"<img [^>]+>", fig).group(0)
        for attr in ('srcset="', 'sizes="', 'width="', 'height="', 'loading="lazy"', 'alt="P'):
            assert attr in img
        assert "Crédit\u00a0: Illustration de démonstration" in fig
        for url in re.findall(r"(/photos/[^ ,\"]+)", fig):
            path = demo_site / url.lstrip("/")
            assert path.is_file(), url
            with Image.open(path) as image:
                assert not image.getexif()  # no camera metadata on the site


def test_places_map_is_zoomed_to_the_places(demo_site):
    html = (demo_site / "territoires" / "bordeaux-33063" / "index.html").read_text("utf-8")
    figure = html.split('data-carte="lieux"', 1)[1]
    width = float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+)', figure).group(1))
    assert width < 20  # map units: a few km, not the département (about 150)


def test_typography_of_counts_and_questions(demo_site, demo_view):
    one = next(
        d
        for d in demo_view.departements.values()
        if sum(1 for t in demo_view.territories.values() if t.departement == d.code and t.labels)
        == 1
    )
    html = (demo_site / "departements" / one.code / "index.html").read_text("utf-8")
    assert "1\u00a0collectivité labellisée présente sur ce site" in html
    enjeux = (demo_site / "enjeux" / "index.html").read_text("utf-8")
    assert "\u00a0?</p>" in enjeux and " ?</p>" not in enjeux


# -- in the browser, at 375 px ---------------------------------------------------------------


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.browser
def test_palmares_on_a_phone_is_cards_without_sideways_scroll(phone, demo_server):
    phone.goto(demo_server + "/palmares/2026/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    table = phone.locator("#table-palmares")
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
    card = phone.locator("#table-palmares tbody tr[data-niveau]").first
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert box["height"] < 130
    for cell in (".c-nom", ".c-niveau", ".c-type", ".c-dep", ".c-evolution"):
        cell_box = card.locator(cell).bounding_box()
        assert cell_box and cell_box["x"] + cell_box["width"] <= 375, cell


@pytest.mark.browser
def test_chart_labels_stay_readable_on_a_phone(phone, demo_server):
    phone.goto(demo_server + "/chiffres/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    sizes = phone.eval_on_selector_all(
        ".graphique-editions text", "ts => ts.map(t => t.getBoundingClientRect().height)"
    )
    assert sizes and min(sizes) >= 10
    phone.goto(demo_server + "/territoires/paris-75056/")
    sizes = phone.eval_on_selector_all(
        "svg.historique text", "ts => ts.map(t => t.getBoundingClientRect().height)"
    )
    assert sizes and min(sizes) >= 10


def search(tab, server: str, query: str) -> list[dict]:
    tab.goto(f"{server}/recherche/?q={query}")
    # Collectivities, then actions: two lists, each marked when its answer is in.
    tab.wait_for_function(
        "q => [...document.querySelectorAll('.resultats')].every(l => l.dataset.requete === q)",
        arg=query,
    )
    return tab.eval_on_selector_all(
        "#recherche-resultats > li, #recherche-resultats-actions > li",
        """ls => ls.map(l => ({
            href: l.querySelector('a').getAttribute('href'),
            title: l.querySelector('a').textContent,
            kind: l.querySelector('.resultat-type').textContent,
            excerpt: (l.querySelector('.resultat-extrait') || {}).textContent || '',
            top: l.getBoundingClientRect().top,
        }))""",
    )


@pytest.mark.browser
def test_first_search_result_is_in_the_first_phone_screen(phone, demo_server):
    results = search(phone, demo_server, "bordeaux")
    assert results and results[0]["top"] + 40 < 800
    assert not phone.is_visible("#filtre-type")  # folded behind one control
    phone.click(".recherche-affiner summary")  # the filters load when first shown
    phone.wait_for_selector("#filtre-type", state="visible")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "url", "name"),
    [
        ("42000", "/territoires/saint-etienne-42218/", "Saint-Étienne"),
        ("42218", "/territoires/saint-etienne-42218/", "Saint-Étienne"),
        ("33 000", "/territoires/bordeaux-33063/", "Bordeaux"),
        ("243300316", "/territoires/bordeaux-metropole-243300316/", "Bordeaux Métropole"),
    ],
)
def test_an_exact_code_gives_that_collectivity_then_only_its_actions(
    phone, demo_server, demo_view, query, url, name
):
    results = search(phone, demo_server, query)
    assert results[0]["href"] == url
    code = url.rstrip("/").rsplit("-", 1)[1]
    own = {"/" + demo_view.actions[a].url for a in demo_view.territories[code].actions}
    rest = [r["href"] for r in results[1:]]
    assert set(rest) <= own
    assert all(r["kind"].startswith(f"Action · {name}") for r in results[1:])


@pytest.mark.browser
def test_action_results_name_their_collectivity_and_excerpts_have_spaces(phone, demo_server):
    results = search(phone, demo_server, "budget participatif")
    actions = [r for r in results if r["kind"].startswith("Action")]
    assert len(actions) >= 3
    assert all(re.match(r"Action · \S", r["kind"]) for r in actions)
    same = [r["kind"] for r in actions if r["title"] == "Budget participatif en ligne"]
    assert len(same) >= 3 and len(set(same)) == len(same)  # each names its own town
    for r in results:
        assert not re.search(r"@\d|Enjeu[A-ZÉ]|Porteur[A-ZÉ]", r["excerpt"]), r["excerpt"]


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_figures_tables_at_phone_and_desktop_widths(browser, demo_server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(demo_server + "/chiffres/")
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    excellence = tab.locator("#table-editions thead th", has_text="excellence")
    assert excellence.evaluate("th => getComputedStyle(th).hyphens") == "manual"
    # The header's longest word fits its column: nothing is cut or hidden.
    assert excellence.evaluate("th => th.scrollWidth <= th.clientWidth")
    box = "t => [t.parentElement.scrollWidth, t.parentElement.clientWidth]"
    if width == 1280:  # beside the chart, the editions table fits without scrolling
        scroll, client = tab.locator("#table-editions").evaluate(box)
        assert scroll <= client
    else:  # a phone scrolls the régions table in its box; the région's name stays in view
        tab.locator("#table-regions").evaluate("t => { t.parentElement.scrollLeft = 300; }")
        name = tab.locator("#table-regions tbody th").first.bounding_box()
        assert name["x"] >= 0 and name["x"] + name["width"] <= width
    context.close()
