"""A few pages of the demo site, normalised, as they were last reviewed: a collectivity, a
palmarès, an action, the home page and the search page (``tests/golden/pages/``). A change of
these pages shows here as a readable diff; when it is intended, ``make golden`` rewrites them
(and the diff is reviewed with the commit)."""

from __future__ import annotations

import difflib

import pytest

from scripts.regenerate_golden import GOLDEN_PAGES, PAGES_DIR, normalised_html


@pytest.mark.parametrize("name", sorted(GOLDEN_PAGES))
def test_a_page_is_its_golden_copy(demo_site, name):
    built = normalised_html((demo_site / GOLDEN_PAGES[name]).read_text(encoding="utf-8"))
    golden = (PAGES_DIR / name).read_text(encoding="utf-8")
    if built != golden:
        diff = difflib.unified_diff(
            golden.splitlines(), built.splitlines(), f"golden/{name}", "built", lineterm="", n=1
        )
        pytest.fail(
            "\n".join(list(diff)[:40]) + "\nIf the change is intended: make golden, then review."
        )


def test_normalisation_keeps_the_text_and_masks_fingerprints():
    html = '<p>Saint-Étienne</p>  <link href="/static/css/site.6ba87dda40.css">'
    assert normalised_html(html) == '<p>Saint-Étienne</p>\n<link href="/static/css/site.#.css">\n'
