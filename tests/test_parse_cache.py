"""The parse cache (issue #14): a warm load gives exactly what a cold one gives, an edited file
is parsed again, and the cache is JSON data that is checked before it is used, never run."""

from __future__ import annotations

import ast
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from label_data import parse_cache
from label_data.load import load_dataset
from label_data.problems import Problems
from label_data.validate import validate
from label_infra.code import our_modules
from test_validation import edit, write_mini

PLUGIN = ROOT / "plugins" / "label_data"


def load(data: Path, cache: Path | None) -> tuple[str, list[str]]:
    """The dataset, every value of it (types included), and the problems in their order."""
    problems = Problems()
    dataset = load_dataset(data, problems, cache)
    return repr(dataset), [repr(p) for p in problems.items]


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / parse_cache.NAMESPACE).rglob("*") if p.is_file())


@pytest.fixture
def bad(tmp_path) -> Path:
    """The small dataset with problems of every sort: in one file, across files, in photos."""
    data = write_mini(tmp_path / "data")
    edit(data / "palmares/2025.yaml", "    arobases: 5", "    arobase: 5")
    edit(data / "palmares/2024.yaml", "    arobases: 2\n", "    arobases: 2\n   mentions: [\n")
    edit(data / "actions/01001.yaml", "id: abergement-wifi", "id: bordeaux-budget")
    photo = "photos_panneaux:\n  - {fichier: bordeaux.jpg, date: 2025-03-02, credit: Ville}\n"
    territory = data / "territoires/33063.yaml"
    territory.write_text(territory.read_text(encoding="utf-8") + photo, encoding="utf-8")
    (data / "territoires/2A004.yml").write_text('code: "2A004"\n', encoding="utf-8")
    (data / "palmares/2023.yaml").symlink_to(data / "nulle-part.yaml")
    return data


def test_warm_and_cold_loads_of_the_demo_data_are_equal(tmp_path):
    cache = tmp_path / "cache"
    uncached = load(ROOT / "data", None)
    assert load(ROOT / "data", cache) == uncached  # cold: every file parsed and stored
    stored = entries(cache)
    assert stored and load(ROOT / "data", cache) == uncached  # warm: every file read back
    assert entries(cache) == stored
    assert all(p.suffix == ".json" and p.parent.name == p.name[:2] for p in stored)


def test_warm_and_cold_loads_of_bad_data_report_the_same_lines(bad, tmp_path):
    cache = tmp_path / "cache"
    cold_problems = Problems()
    cold = load_dataset(bad, cold_problems, cache)
    lines = cold_problems.lines()
    assert any("photo « bordeaux.jpg » introuvable" in line for line in lines)
    assert any("déjà utilisé" in line for line in lines)
    assert any("syntaxe YAML invalide" in line for line in lines)
    assert any("lien symbolique cassé" in line for line in lines)
    assert (
        load(bad, cache) == load(bad, None) == (repr(cold), [repr(p) for p in cold_problems.items])
    )


def test_the_checker_reports_the_same_lines_warm_and_cold(tmp_path):
    data, cache = write_mini(tmp_path / "data"), tmp_path / "cache"
    edit(data / "palmares/2025.yaml", "    arobases: 5", "    arobases: 5\n    excellence: true")
    edit(data / "territoires/33063.yaml", "[2024, 2025]", "[2024]")
    expected = validate(data)[1].lines()
    assert any("avertissement" in line for line in expected)
    assert validate(data, cache)[1].lines() == expected  # cold
    assert validate(data, cache)[1].lines() == expected  # warm


def test_parsing_on_every_core_gives_what_one_core_gives(bad, tmp_path, monkeypatch):
    expected = load(bad, None)
    monkeypatch.setattr(parse_cache, "PARALLEL_FROM", 0)
    assert load(bad, tmp_path / "cache") == expected
    assert load(bad, tmp_path / "cache") == expected


def test_an_edited_file_is_parsed_again(tmp_path):
    data, cache = write_mini(tmp_path / "data"), tmp_path / "cache"
    load(data, cache)
    edit(data / "territoires/33063.yaml", "nom: Bordeaux", "nom: Bordeaux-sur-Garonne")
    problems = Problems()
    assert load_dataset(data, problems, cache).territories["33063"].nom == "Bordeaux-sur-Garonne"
    assert load(data, cache) == load(data, None)


def test_a_photo_added_after_a_load_is_seen_by_the_next(bad, tmp_path):
    cache = tmp_path / "cache"
    assert "bordeaux.jpg" in str(load(bad, cache)[1])
    (bad / "photos").mkdir()
    (bad / "photos/bordeaux.jpg").write_bytes(b"\xff\xd8\xff")
    assert "bordeaux.jpg" not in str(load(bad, cache)[1])


def test_a_file_that_became_a_link_out_of_the_data_is_refused_despite_its_entry(tmp_path):
    data, cache = write_mini(tmp_path / "data"), tmp_path / "cache"
    load(data, cache)
    outside = tmp_path / "ailleurs.yaml"
    shutil.move(data / "actions/01001.yaml", outside)
    (data / "actions/01001.yaml").symlink_to(outside)
    assert "hors du dossier de données" in str(load(data, cache)[1])


def _plant(cache: Path, make) -> None:
    for path in entries(cache):
        make(path)


PLANTED = {
    "not JSON": lambda p: p.write_text("{ceci n’est pas du JSON", encoding="utf-8"),
    "not UTF-8": lambda p: p.write_bytes(b"\xff\xfe\x00"),
    "another shape": lambda p: p.write_text('{"a": 1}', encoding="utf-8"),
    "a pickle": lambda p: p.write_bytes(b"\x80\x04\x95\x1d\x00cos\nsystem\n."),
    "wrong types": lambda p: p.write_text(
        json.dumps({**json.loads(p.read_text()), "value": [1, 2, "x"]}), encoding="utf-8"
    ),
    "another file's entry": lambda p: p.write_text(
        json.dumps({**json.loads(p.read_text()), "key": "0" * 64}), encoding="utf-8"
    ),
    "a folder": lambda p: (p.unlink(), p.mkdir()),
    "a link": lambda p: (p.unlink(), p.symlink_to("/etc/hostname")),
    "a pipe": lambda p: (p.unlink(), os.mkfifo(p)),
}


@pytest.mark.parametrize("planted", PLANTED)
def test_a_planted_or_corrupt_entry_is_ignored_and_the_file_parsed_again(bad, tmp_path, planted):
    cache = tmp_path / "cache"
    expected = load(bad, None)
    load(bad, cache)
    _plant(cache, PLANTED[planted])
    assert load(bad, cache) == expected
    if planted != "a folder":  # a folder in its place cannot be replaced: parsed each time
        assert all(json.loads(p.read_bytes())["format"] for p in entries(cache))
    assert load(bad, cache) == expected


def test_the_cache_is_json_only(tmp_path):
    cache = tmp_path / "cache"
    load(ROOT / "data", cache)
    for path in entries(cache):
        assert path.suffix == ".json"
        entry = json.loads(path.read_bytes())
        assert set(entry) == {"format", "key", "value", "problems", "photos"}
        assert path.stem == entry["key"]


def _imports(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def _loader_files() -> dict[str, Path]:
    return our_modules(["label_data.load"])


def test_no_pickle_in_the_loader():
    for name, path in _loader_files().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not _imports(tree) & {"pickle", "marshal", "shelve", "dill", "cloudpickle"}, name
        calls = {
            node.func.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        }
        assert not calls & {"eval", "exec", "__import__"}, name


def _local_imports(name: str) -> set[str]:
    tree = ast.parse((PLUGIN / name).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            modules = [node.module] if node.module else [a.name for a in node.names]
            found.update(f"{m}.py" for m in modules)
    return found


def test_the_key_covers_every_module_that_parsing_runs():
    """The loader's key is computed from its imports (label_infra.code): every module of
    label_data that load.py reaches is in it, and an edit of one changes the key."""
    seen, todo = set(), ["load.py"]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_local_imports(name))
    covered = {
        path.name for name, path in _loader_files().items() if name.startswith("label_data.")
    }
    assert seen <= covered
    assert {"parse_cache.py", "schema.py", "yamlload.py", "typo.py"} <= covered


@pytest.mark.slow
def test_warm_and_cold_loads_of_a_national_dataset_are_equal(tmp_path, national_data):
    data, cache = national_data, tmp_path / "cache"
    cold = load(data, cache)
    assert load(data, cache) == cold == load(data, None)
