"""Lists as a French reader expects them (issue #25): French collation wherever names are
sorted, palmarès counts that follow the filters, agreement with one collectivity."""

from __future__ import annotations

import re

import pytest
from label_data.typo import collation_key

REGIONS = ["Normandie", "Île-de-France", "Hauts-de-France", "Grand Est", "Occitanie"]


def test_french_collation_puts_accented_initials_among_their_letter():
    assert sorted(REGIONS, key=collation_key) == [
        "Grand Est",
        "Hauts-de-France",
        "Île-de-France",
        "Normandie",
        "Occitanie",
    ]
    names = ["Œuilly", "Oeyreluy", "Éourres", "Ecully", "Eygalières", "Odos"]
    assert sorted(names, key=collation_key) == [
        "Ecully",
        "Éourres",
        "Eygalières",
        "Odos",
        "Œuilly",
        "Oeyreluy",
    ]


def test_region_lists_are_in_french_order(demo_site):
    page = (demo_site / "regions" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<a href="/regions/[^"]+">([^<]+)</a>', page)
    assert "Île-de-France" in listed
    assert listed == sorted(listed, key=collation_key)
    palmares = (demo_site / "palmares" / "2026" / "index.html").read_text(encoding="utf-8")
    select = re.search(r'<select id="filtre-region".*?</select>', palmares, re.S).group(0)
    options = re.findall(r'<option value="\w+">([^<]+)</option>', select)
    assert options.index("Île-de-France") == options.index("Hauts-de-France") + 1


def test_one_collectivity_keeps_five_at_signs_by_its_title(demo_site, demo_view):
    carried = len(demo_view.editions[2026].carried)
    page = (demo_site / "palmares" / "2026" / "index.html").read_text(encoding="utf-8")
    heading = re.search(r'<h3 id="titres">(.*?)</h3>', page).group(1)
    assert heading.endswith("grâce à son titre" if carried == 1 else "grâce à leur titre")


@pytest.mark.browser
def test_palmares_group_counts_follow_the_filters(browser, demo_server):
    page = browser.new_page(viewport={"width": 375, "height": 812})
    page.goto(demo_server + "/palmares/2026/")
    page.select_option("#filtre-region", label="Bretagne")
    groups = page.locator("#table-palmares tr.groupe:not([hidden])")
    assert groups.count() > 0
    for i in range(groups.count()):
        group = groups.nth(i)
        body = group.locator("xpath=..")
        shown = body.locator("tr[data-niveau]:not([hidden])").count()
        total = body.locator("tr[data-niveau]").count()
        text = group.locator(".groupe-compte").inner_text()
        word = "collectivités" if shown > 1 else "collectivité"
        assert text == f"{shown}\u00a0{word} sur {total}"
    page.select_option("#filtre-region", label="Toutes")
    first = page.locator("#table-palmares tr.groupe .groupe-compte").first
    assert " sur " not in first.inner_text()
    page.close()
