"""Search (label_search): the Pagefind index holds the collectivity and action pages only,
and typing a name, a postcode, an INSEE code or a SIREN on /recherche/ in a real headless
Chromium puts the collectivity first; the collectivities show before the action index is
even answered."""

from __future__ import annotations

import json
import re

import pytest
from label_search.bundles import ACTION_SHARDS
from label_search.documents import augment, indexed_part, keys, search_words


@pytest.fixture(scope="module")
def view(demo_view):
    return demo_view


def test_search_words_hold_the_spellings_people_type(view):
    words = search_words(view.territories["42218"])
    for expected in ("Saint-Étienne", "saint etienne", "st etienne", "42218", "42000"):
        assert expected in words
    hay = search_words(view.territories["94038"])
    assert "l hay les roses" in hay and "94240" in hay
    assert any(w.lower().startswith("lhay") for w in hay)  # the apostrophe dropped
    assert keys(view.territories["33063"])[:3] == ["bordeaux", "33063", "33000"]


def test_augment_puts_the_block_inside_the_indexed_element():
    html = '<body><nav>Menu</nav><main id="contenu" data-pagefind-body><h1>X</h1></main></body>'
    out = augment(html, "<div>BLOCK</div>")
    assert '<main id="contenu" data-pagefind-body><div>BLOCK</div><h1>' in out
    assert augment("<body class='x'><p>y</p>", "<i>B</i>") == "<body class='x'><i>B</i><p>y</p>"


def test_the_indexer_gets_the_indexed_element_alone():
    page = (
        '<html lang="fr"><head><title>T</title></head><body><header>Menu 2026</header>'
        '<main id="contenu" data-pagefind-body><h1>X</h1></main><footer>2026</footer></body>'
        "</html>"
    )
    part = indexed_part(page)
    assert '<main id="contenu" data-pagefind-body><h1>X</h1></main>' in part
    assert "Menu" not in part and "<footer>" not in part and '<html lang="fr">' in part
    assert indexed_part("<body><p>sans zone indexée</p></body>") == (
        "<body><p>sans zone indexée</p></body>"
    )


def test_index_holds_collectivity_and_action_pages_in_french(demo_site, view):
    counts = {}
    for entry_file in demo_site.glob("pagefind*/pagefind-entry.json"):
        entry = json.loads(entry_file.read_text())
        assert list(entry["languages"]) == ["fr"]
        counts[entry_file.parent.name] = entry["languages"]["fr"]["page_count"]
    # Collectivities in the primary bundle (asked first), actions spread over the bundles the
    # page merges into its second index.
    assert counts.pop("pagefind") == len(view.territories)
    assert len(counts) == ACTION_SHARDS
    assert sum(counts.values()) == len(view.actions)
    assert (demo_site / "pagefind" / "pagefind.js").is_file()
    # The served pages stay as the templates wrote them: the extra block is for the index only.
    page = (demo_site / view.territories["42218"].url / "index.html").read_text("utf-8")
    assert "st etienne" not in page


def test_search_page_works_without_javascript_as_a_pointer_to_the_lists(demo_site):
    html = (demo_site / "recherche" / "index.html").read_text("utf-8")
    assert 'id="recherche-sans-js"' in html
    assert 'href="/departements/"' in html and 'href="/regions/"' in html
    assert "<script>" not in html  # no inline script (CSP)


@pytest.fixture(scope="module")
def page(browser, demo_server):
    tab = browser.new_page()
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(demo_server + "/recherche/")
    tab.wait_for_selector("#recherche[data-pret]")
    tab.errors = errors
    yield tab
    tab.close()


def first_results(page, query: str, n: int = 3) -> list[str]:
    page.fill("#q", query)
    page.press("#q", "Enter")
    page.wait_for_function(
        "q => document.getElementById('recherche-resultats').dataset.requete === q", arg=query
    )
    return page.eval_on_selector_all(
        "#recherche-resultats > li a", f"as => as.slice(0, {n}).map(a => a.getAttribute('href'))"
    )


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "url"),
    [
        ("saint etienne", "/territoires/saint-etienne-42218/"),
        ("Saint-Étienne", "/territoires/saint-etienne-42218/"),
        ("st etienne", "/territoires/saint-etienne-42218/"),
        ("L'Haÿ", "/territoires/l-hay-les-roses-94038/"),
        ("L’Haÿ", "/territoires/l-hay-les-roses-94038/"),
        ("haÿ", "/territoires/l-hay-les-roses-94038/"),
        ("33000", "/territoires/bordeaux-33063/"),
        ("33063", "/territoires/bordeaux-33063/"),
        ("bordeaux", "/territoires/bordeaux-33063/"),
        ("243300316", "/territoires/bordeaux-metropole-243300316/"),
    ],
)
def test_the_collectivity_comes_first(page, query, url):
    results = first_results(page, query)
    assert results and results[0] == url, results
    assert page.errors == []


@pytest.mark.browser
def test_query_from_the_header_form_and_filters(demo_server, page):
    page.goto(demo_server + "/recherche/?q=33063")
    page.wait_for_function(
        "document.getElementById('recherche-resultats').dataset.requete === '33063'"
    )
    assert page.input_value("#q") == "33063"
    first = page.eval_on_selector("#recherche-resultats > li a", "a => a.getAttribute('href')")
    assert first == "/territoires/bordeaux-33063/"
    assert page.query_selector("#filtre-type") is None  # a search does not fetch the filters
    page.click(".recherche-affiner summary")
    page.wait_for_selector("#filtre-type", state="visible")
    names = page.eval_on_selector_all("#recherche-filtres select", "ss => ss.map(s => s.name)")
    assert {"type", "niveau", "region", "departement", "edition"} <= set(names)
    assert "2027" not in page.inner_text("#filtre-edition")  # R10: nothing under embargo


@pytest.mark.browser
def test_without_javascript_the_page_says_so(browser, demo_server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(demo_server + "/recherche/?q=bordeaux")
    assert tab.is_visible("#recherche-sans-js")
    assert tab.is_visible("#recherche-sans-js a[href='/departements/']")
    assert tab.is_visible("#recherche-sans-js a[href='/regions/']")
    context.close()


@pytest.mark.browser
def test_collectivities_show_before_the_action_index_answers(browser, demo_server):
    """First results first (issue #18): the action bundles' requests are held back, and the
    collectivity is on screen meanwhile; released, the actions follow in their own list."""
    context = browser.new_context()
    held = []
    # Held: neither answered nor failed until released below.
    context.route("**/pagefind-actions-*/**", lambda route: held.append(route))
    tab = context.new_page()
    tab.goto(demo_server + "/recherche/?q=bordeaux")
    tab.wait_for_function(
        "document.getElementById('recherche-resultats').dataset.requete === 'bordeaux'"
    )
    first = tab.eval_on_selector("#recherche-resultats > li a", "a => a.getAttribute('href')")
    assert first == "/territoires/bordeaux-33063/"
    assert held, "the action index is asked once the collectivities are shown"
    assert tab.eval_on_selector_all("#recherche-resultats-actions > li", "ls => ls.length") == 0
    assert "Recherche des actions" in tab.inner_text("#recherche-etat")
    context.unroute("**/pagefind-actions-*/**")  # lets the held requests go on
    tab.wait_for_function(
        "document.getElementById('recherche-resultats-actions').dataset.requete === 'bordeaux'"
    )
    kinds = tab.eval_on_selector_all(
        "#recherche-resultats-actions .resultat-type", "ps => ps.map(p => p.textContent)"
    )
    assert kinds and all(k.startswith("Action · ") for k in kinds)
    assert "action" in tab.inner_text("#recherche-etat")
    context.close()


LEVEL_5 = "5\u00a0@"


def all_action_links(tab) -> list[str]:
    while tab.is_visible("#recherche-actions-plus"):
        shown = tab.eval_on_selector_all("#recherche-resultats-actions > li", "ls => ls.length")
        tab.click("#recherche-actions-plus")
        tab.wait_for_function(
            "n => document.querySelectorAll('#recherche-resultats-actions > li').length > n",
            arg=shown,
        )
    return tab.eval_on_selector_all(
        "#recherche-resultats-actions > li a", "as => as.map(a => a.getAttribute('href'))"
    )


@pytest.mark.browser
def test_a_level_narrows_the_actions_to_collectivities_of_that_level(browser, demo_server, view):
    """Action pages carry no level filter (issue #14): the page narrows them by the codes of
    recherche/niveaux-editions.json, fetched once, and only when a level is picked."""
    level5 = {
        t.code.lower()
        for t in view.territories.values()
        if t.current and t.current.label.arobases == 5
    }
    context = browser.new_context()
    asked = []
    context.on("request", lambda r: asked.append(r.url) if "niveaux-editions" in r.url else None)
    tab = context.new_page()
    tab.goto(demo_server + "/recherche/?q=numérique")
    tab.wait_for_function(
        "document.getElementById('recherche-resultats-actions').dataset.requete === 'numérique'"
    )
    everyone = len(all_action_links(tab))
    assert asked == []  # a search without a level or an edition does not fetch the file
    tab.click(".recherche-affiner summary")
    tab.select_option("#filtre-niveau", value=LEVEL_5)
    tab.fill("#q", "numérique en ligne")
    tab.press("#q", "Enter")
    tab.wait_for_function(
        "q => document.getElementById('recherche-resultats-actions').dataset.requete === q",
        arg="numérique en ligne",
    )
    links = all_action_links(tab)
    owners = {re.search(r"-([0-9a-z]+)-\d+/$", href).group(1) for href in links}
    assert links and owners <= level5, owners - level5
    assert len(links) < everyone
    # The level alone: every action of a 5 @ collectivity, and those only.
    expected = sum(len(t.actions) for t in view.territories.values() if t.code.lower() in level5)
    tab.fill("#q", "")
    tab.press("#q", "Enter")
    tab.wait_for_function(
        "n => document.querySelector('#recherche-actions .recherche-compte').textContent"
        " === `(${n})`",
        arg=expected,
    )
    assert len(asked) == 1
    context.close()
