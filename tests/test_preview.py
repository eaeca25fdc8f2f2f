"""The staff preview under embargo and the guard that keeps it offline (R10), and the edition
states printed by ``make validate`` and at the start of every build."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEMO_NOW, build_site
from label_build.output import PREVIEW_MARKER
from label_data.validate import edition_states, french_duration, french_instant, validate

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\u00a0"
spec = importlib.util.spec_from_file_location("deploy_guard", ROOT / "scripts" / "deploy_guard.py")
deploy_guard = importlib.util.module_from_spec(spec)
spec.loader.exec_module(deploy_guard)


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("apercu") / "output-apercu"
    assert build_site(out, preview=True) == 0
    return out


def guard(output: Path, now: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "NOW"}
    if now is not None:
        env["NOW"] = now
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "deploy_guard.py"), str(output)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


# -- the preview -----------------------------------------------------------------------------


def test_preview_shows_the_embargoed_edition_with_banner_noindex_and_marker(preview_site):
    assert (preview_site / PREVIEW_MARKER).is_file()
    page = (preview_site / "palmares" / "2027" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in page
    assert "EMBARGO — ne pas diffuser avant le" in page
    assert "2027" in page


def test_every_preview_page_is_noindex_and_robots_disallow_all(preview_site):
    pages = list(preview_site.rglob("*.html"))
    assert len(pages) > 20
    missing = [
        str(p.relative_to(preview_site))
        for p in pages
        if '<meta name="robots" content="noindex">' not in p.read_text("utf-8")
    ]
    assert missing == []
    robots = (preview_site / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /\n" in robots and "Allow" not in robots


def test_a_normal_build_has_no_marker_and_no_embargoed_edition(demo_site):
    assert not (demo_site / PREVIEW_MARKER).exists()
    assert not (demo_site / "palmares" / "2027").exists()
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert "noindex" not in home and "EMBARGO" not in home


# -- the guard -------------------------------------------------------------------------------


def test_guard_refuses_a_preview(preview_site):
    run = guard(preview_site)
    assert run.returncode == 1
    assert f"Publication refusée : {preview_site} est le dossier de l’aperçu" in run.stderr
    assert f"contient {PREVIEW_MARKER} : c’est un aperçu sous embargo" in run.stderr
    assert "Le site en ligne reste celui de la dernière publication réussie." in run.stderr


def test_guard_refuses_the_marker_whatever_the_directory_name(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "index.html").write_text("x", encoding="utf-8")
    (out / PREVIEW_MARKER).write_text("x", encoding="utf-8")
    run = guard(out)
    assert run.returncode == 1 and PREVIEW_MARKER in run.stderr


def test_guard_refuses_the_preview_directory_even_without_marker(tmp_path):
    out = tmp_path / "output-apercu"
    out.mkdir()
    (out / "index.html").write_text("x", encoding="utf-8")
    assert guard(out).returncode == 1


def test_guard_refuses_an_empty_output_and_a_now_in_the_future(tmp_path, demo_site):
    assert guard(tmp_path / "absent").returncode == 1
    real = dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC)
    found = deploy_guard.problems(demo_site, "2027-02-02T11:00:00+01:00", real)
    assert found == [
        "NOW=2027-02-02T11:00:00+01:00 est dans le futur : une construction "
        "publiée ne doit pas devancer un embargo ; retirez NOW"
    ]
    assert deploy_guard.problems(demo_site, "2026-01-10T13:00:30+01:00", real) == []


def test_guard_accepts_a_normal_build(demo_site):
    run = guard(demo_site, now="")
    assert run.returncode == 0, run.stderr
    assert "prêt à publier" in run.stderr


# -- edition states --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dataset():
    data, problems = validate(ROOT / "data")
    assert not problems.errors
    return data


def state_2027(dataset, now: str) -> str:
    return next(
        li
        for li in edition_states(dataset, dt.datetime.fromisoformat(now))
        if li.startswith("  2027")
    )


def test_state_one_second_before_the_embargo(dataset):
    assert state_2027(dataset, "2027-02-02T10:59:59+01:00") == (
        f"  2027 : SOUS EMBARGO jusqu’au 2{NBSP}février 2027 à 11{NBSP}h{NBSP}00 "
        f"(heure de Paris), dans 1{NBSP}seconde"
    )


def test_state_at_the_embargo_instant(dataset):
    assert state_2027(dataset, "2027-02-02T10:00:00Z") == (
        f"  2027 : publiée, embargo levé le 2{NBSP}février 2027 à 11{NBSP}h{NBSP}00 "
        f"(heure de Paris), il y a 0{NBSP}seconde"
    )


def test_state_weeks_before(dataset):
    assert state_2027(dataset, DEMO_NOW).endswith(f"dans 8{NBSP}mois")


@pytest.mark.parametrize(
    "seconds,text",
    [
        (1, "1 seconde"),
        (59, "59 secondes"),
        (61, "1 minute et 1 seconde"),
        (600, "10 minutes"),
        (3599, "59 minutes"),
        (3600 * 5 + 60, "5 heures et 1 minute"),
        (86400 * 35, "5 semaines"),
    ],
)
def test_countdown_words(seconds, text):
    # No-break space between a number and its unit only.
    expected = re.sub(r"(\d) ", "\\1" + NBSP, text)
    assert french_duration(dt.timedelta(seconds=seconds)) == expected


def test_first_of_the_month():
    instant = dt.datetime.fromisoformat("2022-02-01T11:00:00+01:00")
    assert french_instant(instant) == (
        f"1er{NBSP}février 2022 à 11{NBSP}h{NBSP}00 (heure de Paris)"
    )


def test_validate_prints_the_states():
    env = {**os.environ, "DATA": str(ROOT / "data"), "NOW": "2027-02-02T10:59:59+01:00"}
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0
    assert "2027 : SOUS EMBARGO jusqu’au 2" in run.stdout
    assert f"dans 1{NBSP}seconde" in run.stdout
