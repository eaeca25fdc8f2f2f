"""The badge (label_badge): valid, small, accessible SVG; one per labelled collectivity; none
for an edition under embargo (R10)."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest
from conftest import CEREMONY_2027, DEMO_NOW, ROOT
from label_badge.badge import HEIGHT, WIDTH, badge_label, badge_svg, badge_url, snippet
from label_data.published import published_view
from label_data.view import CurrentLabel, Label
from label_panels.charter import load_charter

SVG = "{http://www.w3.org/2000/svg}"


def view_at(now: str):
    return published_view({"LABEL_DATA": str(ROOT / "data"), "LABEL_NOW": now})


def test_badge_is_small_accessible_svg_without_script_or_font():
    t = view_at(DEMO_NOW).territories["42218"]
    root = ET.fromstring(badge_svg(t))
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height")) == (str(WIDTH), str(HEIGHT))
    assert (WIDTH, HEIGHT) == (240, 80)
    assert root.get("role") == "img"
    level = t.current.label.arobases
    words = "arobase" if level == 1 else "arobases"
    assert root.get("aria-label") == f"Ville Internet, {level} {words}, {t.current.label.annee}"
    assert root.find(f"{SVG}title").text == root.get("aria-label")
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert tags <= {"svg", "title", "rect", "path"}  # no text (no font), no script, no image
    assert b"href" not in badge_svg(t) and b"@import" not in badge_svg(t)
    # No inline style either: its Content-Security-Policy allows none (netlify.toml).
    assert all(el.get("style") is None for el in root.iter()) and b"style" not in badge_svg(t)


def test_green_arobase_and_kind():
    t = view_at(DEMO_NOW).territories["243300316"]
    green = dataclasses.replace(t, current=CurrentLabel(Label(2026, 4, (), True, False)))
    data = badge_svg(green).decode()
    charter = load_charter()
    assert data.count(f'fill="{charter.at_green_color}"') == 1
    assert badge_label(green) == "Territoire Internet, 4 arobases dont une verte, 2026"
    plain = dataclasses.replace(t, current=CurrentLabel(Label(2026, 4, (), False, False)))
    assert charter.at_green_color not in badge_svg(plain).decode()


def test_a_lapsed_label_shows_its_last_level_and_year_and_never_labelled_has_none():
    t = view_at(DEMO_NOW).territories["42218"]
    lapsed = dataclasses.replace(t, current=None)
    assert f"{t.labels[-1].annee}</title>" in badge_svg(lapsed).decode()
    with pytest.raises(ValueError):
        badge_svg(dataclasses.replace(t, current=None, labels=()))


def test_snippet_links_back_without_script():
    t = view_at(DEMO_NOW).territories["33063"]
    html = snippet(t, "https://label.villes-internet.net")
    assert html.startswith(
        '<a href="https://label.villes-internet.net/territoires/bordeaux-33063/">'
    )
    assert 'src="https://label.villes-internet.net/territoires/bordeaux-33063/badge.svg"' in html
    assert "<script" not in html and "alt=" in html


def test_one_badge_per_collectivity_ever_labelled(demo_site):
    view = view_at(DEMO_NOW)
    written = {p.parent.name for p in (demo_site / "territoires").glob("*/badge.svg")}
    expected = {badge_url(t).split("/")[1] for t in view.territories.values() if t.labels}
    assert written == expected
    assert len(written) > 10
    for t in view.territories.values():
        if t.current:
            root = ET.fromstring((demo_site / badge_url(t)).read_bytes())
            assert root.get("aria-label") == badge_label(t)


@pytest.fixture(scope="module")
def ceremony(ceremony_sites):
    return ceremony_sites


def labels_in(site) -> dict[str, str]:
    return {
        p.parent.name: ET.fromstring(p.read_bytes()).get("aria-label")
        for p in (site / "territoires").glob("*/badge.svg")
    }


def test_no_badge_of_an_edition_under_embargo(ceremony):
    before = labels_in(ceremony["before"])
    assert before and not any("2027" in label for label in before.values())
    at = labels_in(ceremony["at"])
    laureates_2027 = view_at(CEREMONY_2027).editions[2027].laureates
    assert laureates_2027
    with_2027 = {name for name, label in at.items() if label.endswith(", 2027")}
    view = view_at(CEREMONY_2027)
    current_2027 = {
        t.url.split("/")[1]
        for t in view.territories.values()
        if t.current and t.current.label.annee == 2027
    }
    assert with_2027 == current_2027
    assert {view.territories[lau.territoire].url.split("/")[1] for lau in laureates_2027} <= (
        with_2027
    )
