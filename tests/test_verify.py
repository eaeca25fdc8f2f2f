"""Verify mode: a warm build after a sequence of everyday edits — data, template, a panel
renderer's code with no version anywhere to bump — is, file for file, a cold build of the
same inputs; a library's installed version alone renews the artefacts it makes.

The builds run on a copy of the project (its own ``plugins/``, so editing a renderer there
is what a developer's edit is), each in a new process as ``make html`` runs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEMO_NOW, ROOT, link_tree
from label_build.verify import differences

COPIED = ("plugins", "theme", "content", "reference", "assets", "data", "scripts")
SETTINGS = ("pelicanconf.py", "publishconf.py", "pyproject.toml")
PANEL = "panneaux/ville-internet-5-2026.png"


@pytest.fixture(scope="module")
def project(tmp_path_factory, demo_cache) -> Path:
    """A copy of the project, built once for the tests below, on a cache of its own that
    starts as the run's (linked: cache files are only ever added, never rewritten), so that
    its panels and kits are not made a second time; what the tests compare is made cold by
    verify mode itself, in a scratch cache."""
    target = tmp_path_factory.mktemp("verification") / "projet"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in COPIED:
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    for name in SETTINGS:
        shutil.copy2(ROOT / name, target / name)
    link_tree(demo_cache, target / ".cache")
    first = _build(target)
    assert first.returncode == 0, first.stderr[-3000:]
    return target


def _build(project: Path, *, verify: bool = False, pythonpath: str = ""):
    env = {
        **os.environ,
        "OUTPUTDIR": str(project / "output"),
        "CACHEDIR": str(project / ".cache"),
        "DATA": str(project / "data"),
        "NOW": DEMO_NOW,
        "LABEL_VERIFY": "1" if verify else "0",
        "PYTHONPATH": pythonpath,
    }
    return subprocess.run(
        [sys.executable, "scripts/build.py"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _fake_version(folder: Path, dist: str, version: str) -> str:
    """A distribution's metadata saying another version, found first on the path."""
    info = folder / f"{dist}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    return str(folder)


def _cached(project: Path, namespace: str) -> int:
    return sum(1 for p in (project / ".cache" / namespace).rglob("*") if p.is_file())


def test_a_warm_build_after_everyday_edits_is_a_cold_build(project):
    panel_before = (project / "output" / PANEL).read_bytes()

    _replace(project / "data/actions/06088.yaml", "Budget participatif en ligne", "Budget vérifié")
    _replace(project / "theme/templates/base.html", "</footer>", "<p>Pied vérifié</p></footer>")
    renderer = project / "plugins/label_panels/render_png.py"
    _replace(renderer, "_COMPRESS_LEVEL = 6", "_COMPRESS_LEVEL = 5")  # other PNG bytes
    warm = _build(project, verify=True)

    assert warm.returncode == 0, warm.stderr[-3000:]
    assert "identique à une construction à froid" in warm.stderr
    output = project / "output"
    assert (output / PANEL).read_bytes() != panel_before, "the renderer's edit was not applied"
    assert "Pied vérifié" in (output / "index.html").read_text(encoding="utf-8")
    assert "Budget vérifié" in (output / "actions/nice-06088-001/index.html").read_text()


def test_a_library_version_renews_what_it_makes(project, tmp_path):
    panels, kits = _cached(project, "panneaux"), _cached(project, "kits")
    again = _build(project, pythonpath=_fake_version(tmp_path / "faux", "pillow", "99.0.0"))
    assert again.returncode == 0, again.stderr[-3000:]
    assert "Rien n’a changé" not in again.stderr  # the whole build's record knows it too
    # Every panel file of the site made again (new keys), beside the old ones; kits too.
    offered = sum(1 for p in (project / "output" / "panneaux").iterdir() if p.is_file())
    assert _cached(project, "panneaux") >= panels + offered
    assert _cached(project, "kits") > kits


def test_differences_name_what_differs(tmp_path):
    kept, fresh = tmp_path / "gardé", tmp_path / "frais"
    for root, text in ((kept, "ancien"), (fresh, "nouveau")):
        (root / "a").mkdir(parents=True)
        (root / "a/index.html").write_text(text)
        (root / "same.txt").write_text("pareil")
    (fresh / "extra.txt").write_text("en plus")
    assert differences(kept, fresh) == ["extra.txt", "a/index.html"]
