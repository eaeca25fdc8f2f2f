"""Made for the thumb (issue #25): the demo site on a 375 × 812 phone in Chromium.

The first heading starts within the first third of the screen on every page type, the header
keeping its menu (a <details>, usable without script) and its search field (placeholder whole);
every map target is 24 × 24 px or more (WCAG 2.2, SC 2.5.8) and overlaps no other target nor the
« Explorer » button; the overseas insets' names are 12 px or more; the places map has communes
under its dots; the history chart's axis and latest years are in view on load.
"""

from __future__ import annotations

import pytest

PHONE = {"width": 375, "height": 812}
PAGES = {
    "accueil": "/",
    "collectivite": "/territoires/saint-etienne-42218/",
    "palmares": "/palmares/2026/",
    "departement": "/departements/42/",
    "region": "/regions/84/",
    "recherche": "/recherche/?q=Rennes",
    "action": "/actions/ajaccio-2a004-001/",
    "chiffres": "/chiffres/",
}
MAP_PAGES = ["accueil", "collectivite", "palmares", "departement", "region"]
# The demo's longest breadcrumbs and surtitles (a long région name, a long action title).
LONG = {
    "collectivite-longue": "/territoires/marseille-13055/",
    "action-longue": "/actions/grenoble-alpes-metropole-200040715-001/",
}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    tab = context.new_page()
    yield tab
    context.close()


def visit(tab, server: str, name: str) -> None:
    tab.goto(server + {**PAGES, **LONG}[name])
    tab.wait_for_load_state("networkidle")


@pytest.mark.parametrize("name", list(PAGES) + list(LONG))
def test_the_first_heading_starts_in_the_first_third(phone, demo_server, name):
    visit(phone, demo_server, name)
    top = phone.eval_on_selector("h1", "h => h.getBoundingClientRect().top")
    assert top <= PHONE["height"] / 3, f"{name}: h1 at {top:.0f} px"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_menu_folds_behind_a_button_and_opens(phone, demo_server):
    visit(phone, demo_server, "collectivite")
    links = phone.locator(".nav-principale a")
    assert not links.first.is_visible()
    summary = phone.locator(".menu-principal > summary")
    box = summary.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44
    summary.click()
    assert links.first.is_visible() and links.last.is_visible()
    # Open, it lies over the page below the header (no shift of the content).
    nav = phone.locator(".nav-principale").bounding_box()
    header = phone.locator(".entete").bounding_box()
    assert nav and header and nav["y"] >= header["y"] + header["height"] - 1
    summary.click()
    assert not links.first.is_visible()
    # Keyboard: Enter opens it, Escape folds it and leaves the focus on « Menu ».
    summary.focus()
    phone.keyboard.press("Enter")
    assert links.first.is_visible()
    phone.keyboard.press("Tab")
    phone.keyboard.press("Escape")
    assert not links.first.is_visible()
    assert phone.evaluate("document.activeElement.tagName") == "SUMMARY"


def test_the_menu_works_without_script(browser, demo_server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(demo_server + "/")
    tab.locator(".menu-principal > summary").click()
    assert tab.locator(".nav-principale a").first.is_visible()
    context.close()


def test_the_menu_is_open_and_its_button_hidden_on_a_wide_screen(browser, demo_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(demo_server + "/")
    assert not tab.locator(".menu-principal > summary").is_visible()
    assert tab.locator(".nav-principale a").last.is_visible()
    assert tab.locator(".recherche-entete label").is_visible()
    # Tab goes from the search button straight into the menu's links.
    tab.focus(".champ-bouton button")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.closest('.nav-principale') !== null")
    context.close()


def test_the_search_placeholder_is_whole(phone, demo_server):
    """In the site's font and in the fallback a first visit may keep (font-display: optional)."""
    visit(phone, demo_server, "collectivite")
    widths = phone.evaluate(
        """() => {
        const input = document.querySelector('#recherche-entete');
        const s = getComputedStyle(input);
        const ctx = document.createElement('canvas').getContext('2d');
        const room = input.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        return [s.fontFamily, 'system-ui, sans-serif'].map((family) => {
            ctx.font = `${s.fontWeight} ${s.fontSize} ${family}`;
            return [ctx.measureText(input.placeholder).width, room];
        });
    }"""
    )
    assert all(width <= room for width, room in widths), widths


# A link's target is its square (rect.cible): its mark lies inside it, and a moved mark's leader
# line and anchor take no pointer (checked here), so a tap on them reaches what is below.
TARGETS = """() => {
  const box = (e) => { const r = e.getBoundingClientRect();
    return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  const inert = (a) => [...a.querySelectorAll('.renvoi, .ancre')]
    .every((e) => getComputedStyle(e).pointerEvents === 'none');
  const inside = (a) => {
    const o = box(a.querySelector('.cible')), m = box(a.querySelector('circle:not(.ancre)'));
    return m.x >= o.x && m.y >= o.y && m.x + m.w <= o.x + o.w && m.y + m.h <= o.y + o.h; };
  return [...document.querySelectorAll('figure.carte')].map((f) => ({
    targets: [...f.querySelectorAll('svg .points > a')].map((a) => ({
      ...box(a.querySelector('.cible')), name: a.getAttribute('aria-label'),
      inert: inert(a), inside: inside(a) })),
    button: f.querySelector('.carte-explorer') ? box(f.querySelector('.carte-explorer')) : null,
  }));
}"""


def overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and (a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])
    )


@pytest.mark.parametrize("name", MAP_PAGES)
def test_map_targets_are_finger_sized_and_apart(phone, demo_server, name):
    visit(phone, demo_server, name)
    maps = phone.evaluate(TARGETS)
    assert maps and all(m["targets"] for m in maps), name
    for m in maps:
        targets = m["targets"]
        # The button fits the corner label_map keeps free (svgfmt.RESERVED_PX, 104 × 46 px).
        assert m["button"] and m["button"]["w"] <= 99 and m["button"]["h"] <= 41, m["button"]
        for i, t in enumerate(targets):
            assert t["w"] >= 24 and t["h"] >= 24, t
            assert t["inert"] and t["inside"], t
            assert m["button"] is None or not overlap(t, m["button"]), (t, m["button"])
            for other in targets[i + 1 :]:
                assert not overlap(t, other), (t, other)


def test_interactive_map_targets_are_finger_sized_and_apart(phone, demo_server):
    visit(phone, demo_server, "accueil")
    phone.click(".carte-explorer")
    phone.wait_for_selector("figure.carte-interactive")
    boxes = phone.eval_on_selector_all(
        "figure.carte .marqueur, figure.carte .marqueur-grappe",
        """es => es.map(e => { const r = e.getBoundingClientRect();
            return {x: r.left, y: r.top, w: r.width, h: r.height}; })""",
    )
    assert boxes
    for i, b in enumerate(boxes):
        assert b["w"] >= 24 and b["h"] >= 24, b
        for other in boxes[i + 1 :]:
            assert not overlap(b, other), (b, other)


@pytest.mark.parametrize("name", ["accueil", "chiffres"])
def test_inset_names_are_twelve_pixels_or_more(phone, demo_server, name):
    visit(phone, demo_server, name)
    sizes = phone.eval_on_selector_all(
        ".encarts-noms text",
        "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)",
    )
    assert len(sizes) == 5 and min(sizes) >= 12, sizes


def test_the_places_map_has_communes_under_its_dots(phone, demo_server):
    visit(phone, demo_server, "collectivite")
    figure = phone.locator("figure.carte[data-carte='lieux']")
    assert figure.locator("svg g.communes path").count() >= 3
    assert figure.locator("svg g.communes-noms text").count() >= 1


def test_the_history_chart_shows_its_axis_and_latest_year_on_load(phone, demo_server):
    visit(phone, demo_server, "collectivite")
    axis = phone.eval_on_selector_all(
        ".historique-axe text",
        "ts => ts.map(t => { const r = t.getBoundingClientRect(); return [r.left, r.right]; })",
    )
    assert len(axis) == 5
    assert all(left >= 0 and right <= PHONE["width"] for left, right in axis), axis
    last = phone.eval_on_selector(
        "svg.historique .axe text:last-of-type",
        "t => { const r = t.getBoundingClientRect(); return [r.left, r.right, t.textContent]; }",
    )
    assert last[2] == "2026" and axis[0][1] < last[0] and last[1] <= PHONE["width"], last
