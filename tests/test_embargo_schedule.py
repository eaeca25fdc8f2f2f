"""The embargo schedule for the Netlify scheduled function: written by the production build
beside the function, never into the site. Adding an embargoed palmarès changes no byte of the
public output, and the schedule then lists its instant. The function's own tests are in
netlify/tests/ (``node --test``)."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

from conftest import DEMO_NOW, ROOT, SHARED_CACHE

FUNCTION_DIR = "netlify/functions/embargo-publish"
SCHEDULE = f"{FUNCTION_DIR}/embargoes.json"


def build_with_schedule(data: Path, output: Path, schedule: Path, cache: Path) -> int:
    from label_build.driver import build

    overrides = {
        "LABEL_DATA": str(data),
        "LABEL_NOW": DEMO_NOW,  # 2027 is under embargo
        "LABEL_CACHE": str(cache),
        "LABEL_PREVIEW": False,
        "LABEL_SCHEDULE": str(schedule),
    }
    return build(str(ROOT / "publishconf.py"), output, overrides, publish=True)


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_an_embargoed_palmares_changes_no_output_byte_and_is_scheduled(tmp_path, data_copy):
    without = tmp_path / "sans-2027"
    shutil.copytree(data_copy, without)
    (without / "palmares" / "2027.yaml").unlink()
    cache = SHARED_CACHE
    s1, s2 = tmp_path / "s1.json", tmp_path / "s2.json"
    assert build_with_schedule(without, tmp_path / "out1", s1, cache) == 0
    assert build_with_schedule(data_copy, tmp_path / "out2", s2, cache) == 0
    # The demo's news dated after DEMO_NOW are listed in both (tests/test_embargo_content.py).
    palmares = [
        [e for e in json.loads(s.read_text("utf-8"))["publications"] if "palmarès" in e["nom"]]
        for s in (s1, s2)
    ]
    assert palmares == [
        [],
        [
            {
                "nom": "palmarès 2027",
                "instant": "2027-02-02T11:00:00+01:00",
                "page": "/palmares/2027/",
            }
        ],
    ]
    first, second = snapshot(tmp_path / "out1"), snapshot(tmp_path / "out2")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert not any("embargoes" in name for name in second)
    assert not any(b"2027-02-02T11:00" in content for content in second.values())


def test_netlify_bundles_the_schedule_with_the_function_not_with_the_site():
    config = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    assert config["functions"]["directory"] == "netlify/functions"
    assert config["functions"]["embargo-publish"]["included_files"] == [SCHEDULE]
    assert not SCHEDULE.startswith(config["build"]["publish"] + "/")
    assert f"/{SCHEDULE}" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert (ROOT / FUNCTION_DIR / "embargo-publish.mjs").is_file()


def test_make_test_runs_the_function_tests():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest:")[1].split("\n\n")[0]
    assert "node --test netlify/tests/" in recipe


def test_the_schedule_lists_only_editions_still_under_embargo(tmp_path):
    import datetime as dt

    from label_build.schedule import write_schedule
    from label_data.validate import validate

    dataset, _ = validate(ROOT / "data")
    path = tmp_path / "embargoes.json"
    before = dt.datetime.fromisoformat("2027-02-02T10:59:59+01:00")
    line = write_schedule(dataset, before, [], path)
    names = [p["nom"] for p in json.loads(path.read_text("utf-8"))["publications"]]
    assert names == ["palmarès 2027"]
    assert line == (
        "Publication automatique à l’instant de l’embargo : palmarès 2027 le "
        "2\u00a0février 2027 à 11\u00a0h\u00a000 (heure de Paris)."
    )
    at = dt.datetime.fromisoformat("2027-02-02T11:00:00+01:00")
    assert write_schedule(dataset, at, [], path).startswith("Publication automatique : rien")
    assert json.loads(path.read_text("utf-8")) == {"publications": []}
