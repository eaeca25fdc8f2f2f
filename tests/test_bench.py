"""The benchmark's arithmetic, without building anything: the national dataset's mix at a
given size, each build's ratio to plain Pelican against its goal, and the scale table."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402
from generate_dataset import national_mix  # noqa: E402


def test_the_default_size_keeps_the_national_mix():
    assert national_mix(1500, 3290) == (1000, 420, 80)


def test_beyond_the_villes_of_the_reference_villages_fill_in():
    villes, villages, epcis = national_mix(5000, 3290)
    assert (villes, villages + villes + epcis) == (3290, 5000)
    assert epcis == 267


def build_row(name: str, wall: float, peak: int = 500) -> dict:
    return {"name": name, "wall_s": wall, "peak_rss_mb": peak}


def test_each_build_is_set_against_its_goal():
    results = [
        build_row("validate", 4.0),
        build_row("cold", 30.0, 1200),
        build_row("ceremony", 10.0),
        build_row("warm", 2.0),
        build_row("one_action", 4.0),
        build_row("baseline", 40.0),
    ]
    table = bench.goals_table(results)
    assert "| cold (à froid) | 30.0 | 0.75 | ≤ 1.0 | oui |" in table
    assert "| ceremony (cérémonie) | 10.0 | 0.25 | ≤ 0.5 | oui |" in table
    assert "| one_action (une action modifiée) | 4.0 | 0.1 | ≤ 0.1 | oui |" in table
    assert "peak memory (largest build) = 1200 MB, goal ≤ 1000 MB: **non**" in table


def test_the_scale_table_gives_the_ratio_and_the_peak_of_the_largest_build():
    rows = [
        {
            "collectivities": size,
            "pages": pages,
            "wall_s": wall,
            "ms_per_page": 5.0,
            "cpu_s": wall,
            "cpu_ms_per_page": 5.0,
            "peak_rss_mb": peak,
            "kb_per_page": 50.0,
            "stages_s": {"Pages": 1.0},
        }
        for size, pages, wall, peak in ((1500, 17676, 90.0, 977), (5000, 58516, 300.0, 2100))
    ]
    scale = {
        "results": rows,
        "ratio_5000_to_1500": 3.33,
        "cpu_ratio_5000_to_1500": 3.33,
        "pages_ratio_5000_to_1500": 3.31,
        "peak_rss_mb_5000": 2100,
    }
    table = bench.scale_table(scale)
    assert "time 5,000 / 1,500 = 3.33 (pages × 3.31), goal ≤ 3.6: oui" in table
    assert "peak memory of the 5,000 build = 2100 MB, goal ≤ 2000 MB: **non**" in table
