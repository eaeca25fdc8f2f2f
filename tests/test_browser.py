"""Browser checks of the built demo site (issue 7): every page type is opened in headless
Chromium (Debian's package, driven by Playwright) at 375 px and 1,280 px, served on loopback.

For each page type and width: no axe-core violation of the WCAG 2.1 A and AA rules, no console
error (pages are served with the production Content-Security-Policy of netlify.toml, so an
inline script or style would be one), no failed request, no request leaving 127.0.0.1, one h1,
no layout shift; at 375 px no horizontal scroll. Full-page screenshots go to
tests/_screenshots/<type>-<width>.png (ignored by git) to be looked at by a person, with
weights.json and weights.md (the weight of each page type). Also: the skip link, keyboard
access to the search field, and the weight budget of a collectivity page (< 100 KB without
images, counted uncompressed).
"""

from __future__ import annotations

import gzip
import json
import queue
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from scripts.chromium import CHROMIUM, CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "tests" / "_screenshots"
WIDTHS = (375, 1280)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BUDGET = 100 * 1024  # bytes of HTML, CSS, JS, fonts and data of a collectivity page

# One page of each type in the demo site (built at DEMO_NOW).
PAGE_TYPES = {
    "accueil": "/",
    "ville": "/territoires/bordeaux-33063/",
    "territoire": "/territoires/bordeaux-metropole-243300316/",
    "action": "/actions/bordeaux-33063-001/",
    "palmares": "/palmares/2026/",
    "palmares-index": "/palmares/",
    "chiffres": "/chiffres/",
    "territoires-index": "/territoires/",
    "departement": "/departements/33/",
    "departements-index": "/departements/",
    "region": "/regions/75/",
    "regions-index": "/regions/",
    "enjeu": "/enjeux/democratie-locale/",
    "enjeux-index": "/enjeux/",
    "actualite": "/actualites/palmares-2026-devoile/",
    "actualites-index": "/actualites/",
    "page": "/le-label/",
    "accessibilite": "/accessibilite/",
    "contact": "/contact/",
    "plan-du-site": "/plan-du-site/",
    "404": "/404.html",
    "recherche": "/recherche/",
    "donnees": "/donnees/",
}


def production_csp() -> str:
    """The Content-Security-Policy netlify.toml gives every page: served here too, so that an
    inline script or style attribute shows up as a console error, as it would in production."""
    config = tomllib.loads((ROOT / "netlify.toml").read_text("utf-8"))
    for rule in config["headers"]:
        if rule["for"] == "/*":
            return rule["values"]["Content-Security-Policy"]
    raise AssertionError("netlify.toml has no Content-Security-Policy for /*")


# Their names in the accessibility statement's table (weights.md).
TYPE_NAMES = {
    "accueil": "Accueil",
    "ville": "Collectivité (ville, avec actions)",
    "territoire": "Collectivité (intercommunalité)",
    "action": "Action",
    "palmares": "Palmarès d’une édition",
    "palmares-index": "Liste des palmarès",
    "chiffres": "Le label en chiffres",
    "territoires-index": "Collectivités de A à Z",
    "departement": "Département",
    "departements-index": "Liste des départements",
    "region": "Région",
    "regions-index": "Liste des régions",
    "enjeu": "Enjeu",
    "enjeux-index": "Liste des enjeux",
    "actualite": "Actualité",
    "actualites-index": "Liste des actualités",
    "page": "Page éditoriale",
    "accessibilite": "Déclaration d’accessibilité",
    "contact": "Contact",
    "plan-du-site": "Plan du site",
    "404": "Page introuvable (404)",
    "recherche": "Recherche",
    "donnees": "Données ouvertes",
}

# Sums the layout shifts not caused by user input, from the first paint on (buffered).
CLS_SCRIPT = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
}).observe({type: 'layout-shift', buffered: true});
"""


@dataclass
class Visit:
    """What one page at one width did and showed."""

    errors: list[str] = field(default_factory=list)  # console errors, page errors
    failed: list[str] = field(default_factory=list)  # failed requests, statuses >= 400
    foreign: list[str] = field(default_factory=list)  # requests not to the loopback server
    weights: dict[str, int] = field(default_factory=dict)  # resource type -> bytes
    gzipped: int = 0  # bytes of everything but images once gzipped, as a host would send them
    violations: list[str] = field(default_factory=list)
    h1: int = 0
    scroll_width: int = 0
    cls: float = 0.0


def open_page(browser, base: str, path: str, width: int):
    """A fresh tab (no cache) at the given width, with its listeners, loaded and settled."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    csp = production_csp()

    def with_csp(route) -> None:
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": csp}
        route.fulfill(response=response, headers=headers)

    context.route("**/*", with_csp)
    page = context.new_page()
    visit = Visit()
    page.add_init_script(CLS_SCRIPT)

    def on_console(msg) -> None:
        if msg.type == "error":
            visit.errors.append(f"{msg.text} ({msg.location.get('url')})")

    def on_request(request) -> None:
        url = request.url
        if not (url.startswith(base + "/") or url.startswith(("data:", "blob:"))):
            visit.foreign.append(url)

    def on_response(response) -> None:
        if response.status >= 400:
            visit.failed.append(f"{response.status} {response.url}")
            return
        kind = response.request.resource_type
        try:
            body = response.body()
        except Exception:  # a redirect or a body already gone: nothing to weigh
            body = b""
        visit.weights[kind] = visit.weights.get(kind, 0) + len(body)
        if kind != "image":
            visit.gzipped += len(gzip.compress(body, 6))

    page.on("console", on_console)
    page.on("pageerror", lambda exc: visit.errors.append(str(exc)))
    page.on("request", on_request)
    page.on("requestfailed", lambda r: _record_failure(visit, r))
    page.on("response", on_response)
    page.goto(base + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(200)  # let late layout shifts (fonts, map) be reported
    return context, page, visit


def _record_failure(visit, request) -> None:
    # An image the browser cancelled itself (a lazy image whose srcset candidate changed once
    # laid out) is not a failure of the site; a refused or missing one is.
    if request.resource_type == "image" and request.failure == "net::ERR_ABORTED":
        return
    visit.failed.append(f"{request.failure} {request.url}")


# Visits made at once, each worker thread with its own Playwright and Chromium (the sync API
# is bound to the thread that started it). A visit is mostly waiting (network idle, then late
# layout shifts): one after the other, 46 visits took 90 s; at three at a time the waits of
# one fill with the work of the others. Each visit keeps its own context, listeners and waits.
WORKERS = 3


@pytest.fixture(scope="module")
def visits(demo_server) -> dict[tuple[str, int], Visit]:
    """Every page type at every width, visited once; the tests below read the results."""
    SHOTS.mkdir(exist_ok=True)
    jobs: queue.SimpleQueue = queue.SimpleQueue()
    for name in PAGE_TYPES:
        for width in WIDTHS:
            jobs.put((name, width))
    results: dict[tuple[str, int], Visit] = {}
    with ThreadPoolExecutor(WORKERS) as pool:
        workers = [pool.submit(visit_in_turn, jobs, demo_server, results) for _ in range(WORKERS)]
        for worker in workers:
            worker.result()  # a worker's exception fails the fixture
    write_weights(results)
    return results


def visit_in_turn(jobs: queue.SimpleQueue, base: str, results: dict) -> None:
    """A worker: Debian's Chromium launched as the ``browser`` fixture launches it, visiting
    the pages left in ``jobs`` one after the other until none is left."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    axe = Axe()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            while True:
                try:
                    name, width = jobs.get_nowait()
                except queue.Empty:
                    return
                results[name, width] = check_page(browser, axe, base, name, width)
        finally:
            browser.close()


def check_page(browser, axe, base: str, name: str, width: int) -> Visit:
    """One page type at one width in a fresh tab: measured, run through axe-core, then its
    full-page screenshot written (last: the screenshot resizes the page)."""
    context, page, visit = open_page(browser, base, PAGE_TYPES[name], width)
    visit.cls = page.evaluate("window.__cls")
    visit.h1 = page.locator("h1").count()
    visit.scroll_width = page.evaluate("document.documentElement.scrollWidth")
    report = axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    for v in report.response["violations"]:
        targets = [", ".join(map(str, n["target"])) for n in v["nodes"][:3]]
        visit.violations.append(f"{v['id']} ({v['impact']}): {targets}")
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    context.close()
    return visit


def without_images(visit: Visit) -> int:
    return sum(size for kind, size in visit.weights.items() if kind != "image")


def write_weights(results: dict[tuple[str, int], Visit]) -> None:
    """weights.json (bytes by resource type) and weights.md, the rows of the table in the
    accessibility statement (content/pages/accessibilite.md), for the 1,280 px visits."""
    wide = {name: results[name, 1280] for name in PAGE_TYPES}
    data = {name: {**v.weights, "gzip": v.gzipped} for name, v in wide.items()}
    (SHOTS / "weights.json").write_text(json.dumps(data, indent=1, sort_keys=True))
    rows = [
        f'<tr><th scope="row">{statement_link(name)}</th>'
        f"<td>{without_images(v) / 1000:.0f}\u00a0Ko</td>"
        f"<td>{v.gzipped / 1000:.0f}\u00a0Ko</td></tr>"
        for name, v in wide.items()
    ]
    (SHOTS / "weights.md").write_text("\n".join(rows) + "\n", "utf-8")


# Pages that only some datasets have: the statement names them without a link (the build
# checks editorial links against the site being built, the national one included).
DATA_PAGES = {"ville", "territoire", "action", "palmares", "departement", "region", "enjeu"}


def statement_link(name: str) -> str:
    if name in DATA_PAGES:
        return TYPE_NAMES[name]
    return f'<a href="{PAGE_TYPES[name]}">{TYPE_NAMES[name]}</a>'


CASES = [pytest.param(name, width, id=f"{name}-{width}") for name in PAGE_TYPES for width in WIDTHS]


@pytest.mark.browser
@pytest.mark.parametrize(("name", "width"), CASES)
def test_no_wcag_violation(visits, name, width):
    assert visits[name, width].violations == []


@pytest.mark.browser
@pytest.mark.parametrize(("name", "width"), CASES)
def test_no_console_error_nor_failed_or_foreign_request(visits, name, width):
    visit = visits[name, width]
    assert visit.errors == []
    assert visit.failed == []
    assert visit.foreign == []


@pytest.mark.browser
@pytest.mark.parametrize(("name", "width"), CASES)
def test_one_h1_and_no_layout_shift(visits, name, width):
    visit = visits[name, width]
    assert visit.h1 == 1
    assert visit.cls < 0.01


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_horizontal_scroll_on_a_phone(visits, name):
    assert visits[name, 375].scroll_width <= 375


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_screenshots_are_written(visits, name):
    for width in WIDTHS:
        shot = SHOTS / f"{name}-{width}.png"
        assert shot.stat().st_size > 5000  # a blank page compresses to far less


@pytest.mark.browser
def test_collectivity_page_weighs_under_budget_without_images(visits):
    for name in ("ville", "territoire"):
        visit = visits[name, 1280]
        assert 0 < without_images(visit) < BUDGET, visit.weights  # counted uncompressed


@pytest.mark.browser
def test_skip_link_is_first_and_moves_focus_to_main(browser, demo_server):
    context, page, _ = open_page(browser, demo_server, PAGE_TYPES["ville"], 1280)
    page.keyboard.press("Tab")
    first = page.evaluate("[document.activeElement.className, document.activeElement.hash]")
    assert first == ["evitement", "#contenu"]
    box = page.locator("a.evitement").bounding_box()
    assert box and box["width"] > 10 and box["y"] >= 0  # visible once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    # The next Tab continues inside the main content, not at the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_reaches_the_search_field_with_a_visible_focus(browser, demo_server, width):
    context, page, _ = open_page(browser, demo_server, "/", width)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "recherche-entete":
            break
    else:
        pytest.fail("Tab never reached the search field")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert outline[0] != "none" and outline[1] >= 2
    context.close()


@pytest.mark.browser
def test_the_production_csp_is_in_force(browser, demo_server):
    context, page, visit = open_page(browser, demo_server, "/", 1280)
    assert visit.errors == []
    page.evaluate(
        """document.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>')"""
    )
    page.wait_for_timeout(100)
    assert any("Content Security Policy" in e for e in visit.errors), visit.errors
    context.close()


# Pages that exist whatever the data and whatever « now »: the statement links them. The
# others (a town, an action, a year…) exist only in the demo data, and a news item only from
# its date (R10: a build before it has no such page), so the statement names them without a
# link (the build refuses an editorial link to a page it does not produce).
DATA_PAGE_TYPES = DATA_PAGES | {"actualite"}


def test_the_accessibility_statement_lists_every_page_type_tested():
    statement = (ROOT / "content" / "pages" / "accessibilite.md").read_text("utf-8")
    for name in PAGE_TYPES:
        shown = TYPE_NAMES[name] if name in DATA_PAGE_TYPES else statement_link(name)
        assert f'<th scope="row">{shown}</th>' in statement, name
