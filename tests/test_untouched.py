"""An edit rebuilds what it touches (issue #14): after one action's title is edited, the build
renders that action's page and the pages that list it, and every other file of the site is the
very file of the previous site (same inode, same modification time), not a copy.

Also the pieces: a page's reads are recorded through the view's mappings; a file changed by
hand in the site is made again; page keys are the same in another process (another hash seed),
so a build run as its own process keeps what the previous one made.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import DEMO_NOW, ROOT, SHARED_CACHE, build_site
from label_build.page_keys import PageKeys, stable_repr
from label_data import reads
from label_data.reads import ALL, KEYS, Tracked

ACTION_FILE = "actions/06088.yaml"
ACTION_PAGE = "actions/nice-06088-001/index.html"
TERRITORY_PAGE = "territoires/nice-06088/index.html"
TITLE = "Budget participatif en ligne"


def files(root: Path) -> dict[str, tuple[int, int]]:
    """Every file's (inode, modification time), by path."""
    out = {}
    for path in root.rglob("*"):
        if path.is_file():
            stat = path.stat()
            out[path.relative_to(root).as_posix()] = (stat.st_ino, stat.st_mtime_ns)
    return out


def edit_title(data: Path, new: str) -> None:
    path = data / ACTION_FILE
    text = path.read_text(encoding="utf-8")
    assert f'titre: "{TITLE}' in text
    path.write_text(text.replace(f'titre: "{TITLE}', f'titre: "{new}', 1), encoding="utf-8")


def build_in_a_process(output: Path, data: Path, cache: Path) -> None:
    env = {
        **os.environ,
        "DATA": str(data),
        "NOW": DEMO_NOW,
        "OUTPUTDIR": str(output),
        "CACHEDIR": str(cache),
        "PYTHONHASHSEED": "12345",  # not the test process's seed
    }
    run = subprocess.run(
        [sys.executable, "scripts/build.py"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr[-2000:]


def test_an_edited_action_rewrites_its_pages_and_leaves_every_other_file_untouched(
    tmp_path, data_copy
):
    output, cache = tmp_path / "output", SHARED_CACHE
    build_in_a_process(output, data_copy, cache)  # another process, another hash seed
    before = files(output)
    edit_title(data_copy, "Budget participatif, version modifiée")
    assert build_site(output, data=data_copy, cache=cache) == 0
    after = files(output)
    # The same files, but for the search bundles, whose file names follow their contents.
    assert {n for n in after if not n.startswith("pagefind")} == {
        n for n in before if not n.startswith("pagefind")
    }
    changed = {name for name in after if after[name] != before.get(name)}
    pages = {name for name in changed if name.endswith(".html")}
    # The action, its collectivity (which lists it) and the enjeux pages that list it.
    assert {ACTION_PAGE, TERRITORY_PAGE} <= pages
    assert all(p in (ACTION_PAGE, TERRITORY_PAGE) or p.startswith("enjeux/") for p in pages), pages
    others = changed - pages
    # The open data lists actions, the search indexes them; nothing else was written.
    assert all(name.startswith(("donnees/", "pagefind")) for name in others), sorted(others)
    unchanged_pages = [n for n in before if n.endswith(".html") and n not in changed]
    assert len(unchanged_pages) > 300


def test_a_file_changed_by_hand_in_the_site_is_made_again(tmp_path, data_copy):
    output, cache = tmp_path / "output", SHARED_CACHE
    assert build_site(output, data=data_copy, cache=cache) == 0
    page = output / "actions/nice-06088-002/index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"</main>", b"<p>ajout</p></main>"))
    assert build_site(output, data=data_copy, cache=cache) == 0
    assert page.read_bytes() == original


def test_reads_are_recorded_through_the_mappings():
    terr = Tracked("territories", {"33063": "Bordeaux", "06088": "Nice"})
    with reads.recording() as seen:
        assert terr["33063"] == "Bordeaux"
        assert terr.get("99999") is None
        assert "06088" in terr
        assert sorted(terr) == ["06088", "33063"]
        list(terr.values())
    assert seen == {
        ("territories", "33063"),
        ("territories", "99999"),
        ("territories", "06088"),
        ("territories", KEYS),
        ("territories", ALL),
    }
    terr["75056"] = "Paris"  # outside a page: nothing recorded, nothing fails
    assert {**terr}["75056"] == "Paris"


def test_a_page_key_changes_with_what_it_read_and_only_with_that():
    one = {"territories": Tracked("territories", {"a": (1, "x"), "b": (2, "y")})}
    keys = PageKeys("partagé", one)
    key = keys.key("action.html", [("territories", "a")])
    other = {"territories": Tracked("territories", {"a": (1, "x"), "b": (3, "z")})}
    assert PageKeys("partagé", other).key("action.html", [("territories", "a")]) == key
    assert PageKeys("partagé", other).key("action.html", [("territories", KEYS)]) == (
        keys.key("action.html", [("territories", KEYS)])
    )
    assert PageKeys("partagé", other).key("action.html", [("territories", ALL)]) != (
        keys.key("action.html", [("territories", ALL)])
    )
    changed = {"territories": Tracked("territories", {"a": (1, "X")})}
    assert PageKeys("partagé", changed).key("action.html", [("territories", "a")]) != key
    assert PageKeys("autre", one).key("action.html", [("territories", "a")]) != key
    assert keys.key("territoire.html", [("territories", "a")]) != key


def test_settings_digest_names_functions_and_sorts_sets():
    assert stable_repr({"b": {3, 1, 2}, "a": len}) == "{'a': builtins.len, 'b': {1, 2, 3}}"


def test_a_page_that_read_a_file_changes_with_the_file(tmp_path):
    photo = tmp_path / "panneau.jpg"
    photo.write_bytes(b"une photo")
    keys = PageKeys("partagé", {})
    key = keys.key("territoire.html", [(reads.FILE, str(photo))])
    photo.write_bytes(b"une autre photo, d'une autre taille")
    assert PageKeys("partagé", {}).key("territoire.html", [(reads.FILE, str(photo))]) != key
