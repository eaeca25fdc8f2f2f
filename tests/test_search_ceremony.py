"""Search through a ceremony (issue #14): the action bundles' documents are the same one
second before an edition's embargo and at the embargo (only the collectivity bundle changes),
while the action pages themselves show the new edition; an edited action title changes its own
bundle and the collectivity bundle only. Also the level and edition → codes file the search
page uses to narrow actions, since action pages no longer carry those filters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import DEMO_NOW, ROOT, SHARED_CACHE, build_site
from label_data.published import published_view
from label_search.bundles import BUNDLE, bundles, shard_name, shard_of
from label_search.documents import indexed_part
from label_search.levels import label_codes, label_codes_json

BEFORE_2027 = "2027-02-02T10:59:59+01:00"  # one second before the demo's 2027 embargo
CEREMONY_2027 = "2027-02-02T11:00:00+01:00"
ACTION_FILE = "actions/06088.yaml"
ACTION_ID = "nice-06088-001"
TITLE = "Budget participatif en ligne"
EDITED = "Budget participatif en ligne et en mairie"


def documents(output: Path, data: Path, now: str) -> dict[str, list[tuple[str, str]]]:
    return bundles(output, published_view({"LABEL_DATA": str(data), "LABEL_NOW": now}))


def test_a_ceremony_leaves_the_action_bundles_as_they_were(tmp_path, data_copy):
    cache = SHARED_CACHE
    before, ceremony, edited = (tmp_path / n / "output" for n in ("avant", "ceremonie", "edite"))
    assert build_site(before, data=data_copy, cache=cache, now=BEFORE_2027) == 0
    assert build_site(ceremony, data=data_copy, cache=cache, now=CEREMONY_2027) == 0
    old = documents(before, data_copy, BEFORE_2027)
    new = documents(ceremony, data_copy, CEREMONY_2027)
    actions = [name for name in new if name != BUNDLE]
    assert actions and sorted(old) == sorted(new)
    assert new[BUNDLE] != old[BUNDLE]  # levels and editions of the collectivities changed
    for name in actions:
        assert new[name] == old[name], name
    # The editions an action counts for come from its own dates (R7): the same line before
    # and after the ceremony, indexed like the rest of the page.
    page = f"actions/{ACTION_ID}/index.html"
    line = re.search(r"compte pour [^<]*", (before / page).read_text("utf-8"))
    assert line and line.group() in (ceremony / page).read_text("utf-8")

    action_file = data_copy / ACTION_FILE
    action_file.write_text(
        action_file.read_text(encoding="utf-8").replace(TITLE, EDITED, 1), encoding="utf-8"
    )
    assert build_site(edited, data=data_copy, cache=cache, now=CEREMONY_2027) == 0
    after_edit = documents(edited, data_copy, CEREMONY_2027)
    changed = {name for name in new if after_edit[name] != new[name]}
    assert changed == {BUNDLE, shard_name(shard_of(ACTION_ID))}


def test_marked_regions_are_left_out_of_the_index():
    html = (
        "<body><main data-pagefind-body><p>Nice<!--hors-index--> · 5 @<!--/hors-index--></p>"
        "<dl><dt>Dates</dt><dd>2024</dd><!--hors-index--><dt>Label 2026</dt>"
        "<dd>compte</dd><!--/hors-index--></dl></main></body>"
    )
    part = indexed_part(html)
    assert "<p>Nice</p>" in part and "<dd>2024</dd></dl>" in part
    assert "5 @" not in part and "Label" not in part


def test_action_pages_show_the_level_but_carry_no_level_nor_edition_filter(demo_site):
    html = (demo_site / f"actions/{ACTION_ID}/index.html").read_text("utf-8")
    assert "5\u00a0arobases" in html  # the visitor still sees the level
    assert 'data-pagefind-filter="niveau"' not in html
    assert 'data-pagefind-filter="edition"' not in html
    assert 'data-pagefind-filter="region"' in html
    part = indexed_part(html)
    assert "5\u00a0arobases" not in part and "compte pour" in part
    place = (demo_site / "territoires/nice-06088/index.html").read_text("utf-8")
    assert 'data-pagefind-filter="niveau"' in place  # collectivities keep theirs


def test_the_codes_of_each_level_and_edition(demo_site, demo_view):
    nice = demo_view.territories["06088"]
    assert nice.current and nice.current.label.arobases == 5 and nice.current.label.annee == 2026
    codes = label_codes(demo_view)
    assert "06088" in codes["niveau"]["5\u00a0@"] and "06088" in codes["edition"]["2026"]
    assert "06088" not in codes["niveau"]["4\u00a0@"]
    assert "2027" not in codes["edition"]  # R10: nothing under embargo
    assert all(not re.search(r"[A-Z]", c) for cs in codes["niveau"].values() for c in cs)
    written = (demo_site / "recherche" / "niveaux-editions.json").read_text("utf-8")
    assert written == label_codes_json(demo_view) and json.loads(written) == codes
    page = (demo_site / "recherche" / "index.html").read_text("utf-8")
    assert 'data-niveaux-editions="/recherche/niveaux-editions.json"' in page


@pytest.mark.parametrize("code", ["06088", "2a004"])
def test_actions_carry_their_collectivity_code_alone_as_a_filter(demo_site, code):
    action = next((demo_site / "actions").glob(f"*-{code}-001"))
    view_docs = dict(
        doc
        for name, docs in documents(demo_site, ROOT / "data", DEMO_NOW).items()
        if name != BUNDLE
        for doc in docs
    )
    html = view_docs[f"/actions/{action.name}/"]
    assert re.findall(r'data-pagefind-filter="territoire">([^<]*)<', html) == [code]
