"""The maps: every collectivity labelled in the current edition has a point on the home-page
SVG, at label_map.projection.project(lat, lon) within a tolerance, linked to its page; and
theme/static/js/map.js turns the SVG into a Leaflet map with the same points and nothing
fetched from another host."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest
from label_map.projection import project

SVG = "{http://www.w3.org/2000/svg}"
TOLERANCE = 0.6  # map units (the viewBox is 1000 wide; coordinates are written to 0.01)


@pytest.fixture(scope="module")
def view(demo_view):
    return demo_view


def svg_points(html: str) -> dict[str, tuple[float, float, str]]:
    """href -> (x, y, class) of the first map's points, shown or inside a crowded group: where
    the place really is (a moved mark's circle.ancre, else its mark)."""
    match = re.search(r'<figure class="carte"[^>]*>\s*(<svg.*?</svg>)', html, re.S)
    assert match, "no map figure on the page"
    root = ET.fromstring(match.group(1))
    points = {}
    for link in root.iter(f"{SVG}a"):
        if link.get("class") != "point":
            continue
        mark = link.find(f"{SVG}circle[@class!='ancre']")
        at = link.find(f"{SVG}circle[@class='ancre']")
        at = mark if at is None else at
        points[link.get("href")] = (float(at.get("cx")), float(at.get("cy")), mark.get("class"))
    return points


def expected_points(view, edition) -> dict[str, tuple[float, float, int]]:
    out = {}
    for lau in edition.laureates:
        t = view.territories[lau.territoire]
        assert t.position is not None, t.code
        xy = project(t.position.lat, t.position.lon)
        assert xy is not None, t.code
        out["/" + t.url] = (*xy, lau.label.arobases)
    return out


@pytest.mark.parametrize("page", ["index.html", "palmares/{year}/index.html"])
def test_every_laureate_has_a_point_in_the_right_place(demo_site, view, page):
    edition = view.current_edition
    html = (demo_site / page.format(year=edition.annee)).read_text("utf-8")
    points = svg_points(html)
    expected = expected_points(view, edition)
    assert set(points) == set(expected)
    for url, (x, y, level) in expected.items():
        cx, cy, css = points[url]
        assert abs(cx - x) <= TOLERANCE and abs(cy - y) <= TOLERANCE, (url, (cx, cy), (x, y))
        assert f"niveau-{level}" in css.split()


def test_outlines_for_the_interactive_map_are_published(demo_site):
    import json

    outlines = json.loads((demo_site / "donnees" / "carte-departements.json").read_text())
    codes = {f["properties"]["code"] for f in outlines["features"]}
    assert {"33", "2A", "2B", "971", "976"} <= codes
    assert (demo_site / "static" / "vendor" / "leaflet" / "leaflet.js").is_file()
    assert (demo_site / "static" / "vendor" / "leaflet" / "LICENSE").is_file()


COUNT_MARKERS = """() => document.querySelectorAll('figure.carte .marqueur').length
    + [...document.querySelectorAll('figure.carte .marqueur-grappe')]
        .reduce((n, b) => n + Number(b.textContent), 0)"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_map_js_enhances_the_svg_offline(browser, demo_site, demo_server, width):
    script = next((demo_site / "static" / "js").glob("map.*.js")).name
    origin = urlparse(demo_server).netloc
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    errors, foreign = [], []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlparse(r.url).netloc != origin and not r.url.startswith("data:")
            else None
        ),
    )
    tab.goto(demo_server + "/")
    static = tab.eval_on_selector_all("figure.carte svg a.point", "as => as.length")
    assert f"/static/js/{script}" in tab.content()
    # Nothing heavy loads until the reader asks for the interactive map.
    assert not tab.evaluate("() => 'L' in window")
    tab.click(".carte-explorer")
    tab.wait_for_selector("figure.carte-interactive")
    # Every point is a marker, or counted in a numbered button where points crowd.
    markers = tab.evaluate(COUNT_MARKERS)
    assert markers == static > 0
    assert tab.eval_on_selector_all(".carte-leaflet path.dep", "ps => ps.length") > 90
    assert not tab.is_visible("figure.carte svg.carte-france")
    # A marker stays a link to the collectivity page, and the level filter hides points.
    href = tab.eval_on_selector("figure.carte .marqueur", "a => a.getAttribute('href')")
    assert href.startswith("/territoires/")
    boxes = tab.query_selector_all(".carte-filtre input[type=checkbox]")
    assert len(boxes) >= 2
    boxes[0].uncheck()
    assert tab.evaluate(COUNT_MARKERS) < markers
    context.close()
    assert errors == [] and foreign == []
