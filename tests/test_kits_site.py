"""Kits and panels in the built demo site: one per laureate of the two newest published
editions, within budget, at the contract's URLs, and the same bytes on a second build."""

from __future__ import annotations

import zipfile

from label_data.published import published_view


def view():
    from conftest import DEMO_NOW, ROOT

    return published_view({"LABEL_DATA": str(ROOT / "data"), "LABEL_NOW": DEMO_NOW})


def test_a_kit_per_laureate_of_the_current_and_previous_edition(demo_site):
    v = view()
    for year in (2025, 2026):
        expected = {
            f"{v.territories[lau.territoire].slug}-{lau.territoire}.zip"
            for lau in v.editions[year].laureates
        }
        written = {p.name for p in (demo_site / "kits" / str(year)).glob("*.zip")}
        assert written == expected | {f"dossier-national-{year}.zip"}
    assert not (demo_site / "kits" / "2024").exists()
    assert not (demo_site / "kits" / "2027").exists()  # under embargo at DEMO_NOW


def test_kits_hold_their_panels_and_stay_under_three_megabytes(demo_site):
    v = view()
    for lau in v.editions[2026].laureates:
        t = v.territories[lau.territoire]
        path = demo_site / "kits" / "2026" / f"{t.slug}-{t.code}.zip"
        assert path.stat().st_size <= 3 * 1024 * 1024
        names = zipfile.ZipFile(path).namelist()
        stem = f"{t.type}-internet-{lau.label.arobases}-2026" + (
            "-verte" if lau.label.verte else ""
        )
        assert f"panneaux/{stem}.svg" in names
        assert f"panneaux/{stem}.pdf" in names
        assert (demo_site / "panneaux" / f"{stem}.png").exists()


def test_national_kit_holds_the_palmares_and_all_panels_of_the_year(demo_site):
    names = zipfile.ZipFile(demo_site / "kits/2026/dossier-national-2026.zip").namelist()
    assert "palmares-2026.csv" in names
    assert "communique-national-2026.docx" in names
    year_panels = {p.name for p in (demo_site / "panneaux").glob("*-2026*")}
    assert {n.removeprefix("panneaux/") for n in names if n.startswith("panneaux/")} == year_panels
