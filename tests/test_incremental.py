"""Caches never change a byte: the demo data built (the run's cache), again warm (same cache,
same NOW, same output directory), after one action's title is edited, and after the edit is
reverted. Every file's sha256 is compared; the edited action's page differs only while edited.
Pagefind itself names its filter files differently from one run to the next on the same pages
(upstream issue Pagefind/pagefind#638): the search plugin keeps its bundle in the cache, keyed by
the indexed pages, so builds sharing a cache give identical bundles. A build on an empty cache
is tests/test_verify.py's (verify mode compares the bundles by content).

The same holds through a ceremony, an edited action and an edited template, each compared
with a cold build of the same data, theme and NOW.

Also the pieces the builds rely on: pages rendered on several processes are the bytes Pelican's
writer gives, sanitised descriptions come back the same from the cache, and the previous site
is removed after the swap.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import jinja2
import pytest
from conftest import ROOT, SHARED_CACHE, build_site
from label_build.output import old_trees, replace_output
from label_build.pages import Page, render, write_pages
from label_build.reuse import record_path
from label_data.sanitize import markdown_to_safe_html, sanitize_all

ACTION_FILE = "actions/06088.yaml"
ACTION_ID = "nice-06088-001"
TITLE = "Budget participatif en ligne"
EDITED = "Budget participatif en ligne et en mairie"


def digests(root: Path, search: bool = True) -> dict[str, str]:
    """sha256 of every file under ``root`` (``search=False``: but the Pagefind bundle)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and (search or not p.relative_to(root).parts[0].startswith("pagefind"))
    }


def wait_removed(output: Path) -> None:
    deadline = time.monotonic() + 60
    while old_trees(output) and time.monotonic() < deadline:
        time.sleep(0.05)


def test_cold_warm_and_incremental_builds_are_byte_identical(tmp_path, data_copy):
    """A first build (the run's cache), again warm, after an edit, after its revert; then a
    build on an empty cache of its own (cold: another machine, a cleared cache)."""
    cache, output = SHARED_CACHE, tmp_path / "output"
    assert build_site(output, data=data_copy, cache=cache) == 0
    cold = digests(output)
    page = f"actions/{ACTION_ID}/index.html"
    assert page in cold and len(cold) > 100
    assert list((cache / "markdown").glob("*.json")), "descriptions were not cached"

    # Warm, not the nothing-changed shortcut: without the whole build's record, every page
    # key, cached panel, kit and search bundle is looked up and kept.
    record_path(cache, output).unlink()
    assert build_site(output, data=data_copy, cache=cache) == 0
    assert digests(output) == cold
    assert record_path(cache, output).is_file()  # a real build wrote it again

    action_file = data_copy / ACTION_FILE
    original = action_file.read_text(encoding="utf-8")
    assert f'titre: "{TITLE}"' in original
    action_file.write_text(original.replace(TITLE, EDITED, 1), encoding="utf-8")
    assert build_site(output, data=data_copy, cache=cache) == 0
    edited = digests(output)
    assert edited[page] != cold[page]
    assert EDITED in (output / page).read_text(encoding="utf-8")
    # The same files, but for the search bundle, whose file names follow its contents.
    assert set(digests(output, search=False)) == {n for n in cold if not n.startswith("pagefind")}
    # An unrelated action of the same commune keeps its bytes.
    assert edited["actions/nice-06088-002/index.html"] == cold["actions/nice-06088-002/index.html"]

    action_file.write_text(original, encoding="utf-8")
    assert build_site(output, data=data_copy, cache=cache) == 0
    assert digests(output) == cold
    # That a fresh cache (another machine, a cleared cache) gives these bytes again is
    # tests/test_verify.py's check: verify mode builds cold in an empty cache, in a new
    # process, and compares every file, the search bundles by content.
    wait_removed(output)
    assert old_trees(output) == []


BEFORE_2027 = "2027-02-02T10:59:59+01:00"  # one second before the demo's 2027 embargo
CEREMONY_2027 = "2027-02-02T11:00:00+01:00"


def cold_digests(tmp_path: Path, name: str, **options) -> dict[str, str]:
    """A build of its own: an empty output, so no previous site, no page key and no record to
    keep anything from (every page rendered); its panels, kits and search bundles come from
    the run's shared cache, keyed by their inputs and code (a cache that is right is what
    tests/test_verify.py proves, cold in a new process). Every file but the search bundle."""
    output = tmp_path / name
    assert build_site(output, **options) == 0
    return digests(output, search=False)


def test_incremental_builds_equal_cold_ones_after_a_ceremony_an_edit_and_a_template(
    tmp_path, data_copy
):
    """One output and one cache through a ceremony, an edited action and an edited template:
    after each, the site is the bytes a cold build of the same data, theme and NOW gives."""
    cache, output = SHARED_CACHE, tmp_path / "output"
    assert build_site(output, data=data_copy, cache=cache, now=BEFORE_2027) == 0
    assert build_site(output, data=data_copy, cache=cache, now=CEREMONY_2027) == 0
    assert "palmares/2027/index.html" in digests(output)
    assert digests(output, search=False) == cold_digests(
        tmp_path, "ceremonie", data=data_copy, now=CEREMONY_2027
    )

    action_file = data_copy / ACTION_FILE
    action_file.write_text(
        action_file.read_text(encoding="utf-8").replace(TITLE, EDITED, 1), encoding="utf-8"
    )
    assert build_site(output, data=data_copy, cache=cache, now=CEREMONY_2027) == 0
    assert EDITED in (output / f"actions/{ACTION_ID}/index.html").read_text(encoding="utf-8")
    assert digests(output, search=False) == cold_digests(
        tmp_path, "action", data=data_copy, now=CEREMONY_2027
    )

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    template = theme / "templates" / "action.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace("</h1>", "</h1>\n<p>Modèle modifié</p>", 1),
        encoding="utf-8",
    )
    assert build_site(output, data=data_copy, cache=cache, now=CEREMONY_2027, theme=theme) == 0
    assert "Modèle modifié" in (output / f"actions/{ACTION_ID}/index.html").read_text("utf-8")
    assert digests(output, search=False) == cold_digests(
        tmp_path, "modele", data=data_copy, now=CEREMONY_2027, theme=theme
    )


def test_pages_on_several_processes_match_a_plain_render(tmp_path, monkeypatch):
    monkeypatch.setenv("JOBS", "2")
    env = jinja2.Environment(autoescape=True)
    template = env.from_string("{{ SITENAME }}|{{ output_file }}|{{ n }}|{{ name }}")
    context = {"SITENAME": "Site « é »", "name": "contexte"}
    pages = [
        Page(f"p/{i}/index.html", template, {"n": i} if i % 2 else (lambda i=i: {"n": i}))
        for i in range(600)
    ]
    assert sum(len(done) for done in write_pages(pages, context, tmp_path)) == 600
    for page in (pages[0], pages[1], pages[599]):
        written = (tmp_path / page.save_as).read_bytes()
        assert written == render(page, context)
    assert (tmp_path / "p/7/index.html").read_text("utf-8") == (
        "Site « é »|p/7/index.html|7|contexte"
    )


def test_a_page_written_twice_is_refused(tmp_path):
    template = jinja2.Environment().from_string("x")
    with pytest.raises(ValueError, match="written twice"):
        list(write_pages([Page("a.html", template), Page("a.html", template)], {}, tmp_path))


@pytest.mark.parametrize("save_as", ["../x/index.html", "/etc/x.html", "a/../../b.html"])
def test_a_page_outside_the_output_is_refused(tmp_path, save_as):
    template = jinja2.Environment().from_string("x")
    with pytest.raises(ValueError, match="outside the output directory"):
        list(write_pages([Page(save_as, template)], {}, tmp_path / "out"))
    assert list(tmp_path.rglob("*.html")) == []


def test_sanitised_descriptions_are_the_same_from_the_cache(tmp_path):
    texts = ["**gras** <script>alert(1)</script>", "", "[lien](javascript:x)", "# Titre"] * 300
    expected = [markdown_to_safe_html(t) for t in texts]
    assert sanitize_all(texts, tmp_path) == expected  # computed (on every core)
    assert sanitize_all(texts, tmp_path) == expected  # read back
    assert "<script>" not in "".join(expected) and "javascript:" not in "".join(expected)


def test_the_previous_site_is_replaced_then_removed(tmp_path):
    output = tmp_path / "site"
    output.mkdir()
    (output / "old.html").write_text("ancien", encoding="utf-8")
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "new.html").write_text("nouveau", encoding="utf-8")
    replace_output(staging, output)
    assert sorted(p.name for p in output.iterdir()) == ["new.html"]
    wait_removed(output)
    assert old_trees(output) == []


def test_a_build_with_nothing_changed_keeps_the_site_in_place(tmp_path, data_copy, capsys):
    cache, output = SHARED_CACHE, tmp_path / "output"
    assert build_site(output, data=data_copy, cache=cache) == 0
    home = output / "index.html"
    stamp = home.stat().st_mtime_ns
    capsys.readouterr()
    assert build_site(output, data=data_copy, cache=cache) == 0
    assert "Rien n’a changé" in capsys.readouterr().err
    assert home.stat().st_mtime_ns == stamp  # not even rewritten

    # A site changed by hand is rebuilt, not trusted.
    (output / "robots.txt").unlink()
    assert build_site(output, data=data_copy, cache=cache) == 0
    assert "Rien n’a changé" not in capsys.readouterr().err
    assert (output / "robots.txt").is_file()

    # So is one whose published editions differ: « now » crossed an embargo.
    assert build_site(output, data=data_copy, cache=cache, now="2027-02-02T11:00:00+01:00") == 0
    assert "Rien n’a changé" not in capsys.readouterr().err
    assert (output / "palmares" / "2027" / "index.html").is_file()
