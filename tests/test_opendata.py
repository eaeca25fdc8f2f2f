"""Open data (label_opendata): the files match the published view, the Data Package validates
with Frictionless, nothing private gets out, and the bytes are deterministic."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import DEMO_NOW, ROOT
from label_data.published import published_view
from label_data.validate import validate
from label_opendata.files import ATTRIBUTION, make_files
from label_opendata.tables import ACTIONS_COLUMNS, PALMARES_COLUMNS

DOMAIN = "https://label.villes-internet.net"
PRIVATE_NAMES = ("cotisation", "contact", "courriel", "telephone", "alerte", "note_jury")


@pytest.fixture(scope="module")
def view():
    return published_view({"LABEL_DATA": str(ROOT / "data"), "LABEL_NOW": DEMO_NOW})


def read_csv(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), f"{path.name}: no BOM"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_one_palmares_per_published_edition_and_none_under_embargo(demo_site, view):
    donnees = demo_site / "donnees"
    years = sorted(int(p.stem.split("-")[1]) for p in donnees.glob("palmares-*.csv"))
    assert years == sorted(view.editions)
    assert 2027 not in years  # under embargo at DEMO_NOW
    assert sorted(int(p.stem.split("-")[1]) for p in donnees.glob("palmares-*.json")) == years


def test_palmares_rows_match_the_published_view(demo_site, view):
    for year, edition in view.editions.items():
        rows = read_csv(demo_site / "donnees" / f"palmares-{year}.csv")
        assert list(rows[0]) == [c.name for c in PALMARES_COLUMNS]
        assert len(rows) == len(edition.laureates)
        got = {(r["code_insee"] or r["siren"], int(r["arobases"])) for r in rows}
        want = {(lau.territoire, lau.label.arobases) for lau in edition.laureates}
        assert got == want
        for r in rows:
            t = view.territories[r["code_insee"] or r["siren"]]
            assert (r["code_insee"] == "") == (t.type == "territoire")
            assert r["url"] == f"{DOMAIN}/{t.url}"
        document = json.loads((demo_site / "donnees" / f"palmares-{year}.json").read_text())
        assert document["edition"] == year
        assert document["attribution"] == ATTRIBUTION
        assert [(x["code_insee"] or x["siren"], x["arobases"]) for x in document["laureats"]] == [
            (r["code_insee"] or r["siren"], int(r["arobases"])) for r in rows
        ]


def test_geojson_has_every_collectivity_with_lon_lat(demo_site, view):
    geo = json.loads((demo_site / "donnees" / "territoires.geojson").read_text())
    assert geo["type"] == "FeatureCollection"
    assert [f["id"] for f in geo["features"]] == sorted(view.territories)
    bordeaux = next(f for f in geo["features"] if f["id"] == "33063")
    lon, lat = bordeaux["geometry"]["coordinates"]
    assert (round(lon, 2), round(lat, 2)) == (-0.58, 44.84)  # GeoJSON order: lon, lat
    props = bordeaux["properties"]
    t = view.territories["33063"]
    assert props["arobases"] == t.current.label.arobases
    assert [h["annee"] for h in props["historique"]] == [lab.annee for lab in t.labels]
    assert props["url"] == f"{DOMAIN}/{t.url}"


def test_actions_csv_matches_the_view(demo_site, view):
    rows = read_csv(demo_site / "donnees" / "actions.csv")
    assert list(rows[0]) == [c.name for c in ACTIONS_COLUMNS]
    assert [r["id"] for r in rows] == sorted(view.actions)
    first = view.actions[rows[0]["id"]]
    assert rows[0]["titre"] == first.titre
    assert "<" not in "".join(r["description"] for r in rows)  # plain text, no HTML


def test_datapackage_validates_with_frictionless(demo_site):
    from frictionless import validate as fl_validate

    package = demo_site / "donnees" / "datapackage.json"
    report = fl_validate(str(package))
    assert report.valid, report.flatten(["type", "note"])[:5]
    descriptor = json.loads(package.read_text())
    names = {r["path"] for r in descriptor["resources"]}
    on_disk = {p.name for p in (demo_site / "donnees").iterdir()}
    assert names <= on_disk
    assert {p for p in on_disk if p.endswith(".csv")} <= names
    assert descriptor["licenses"][0]["name"] == "CC-BY-NC-SA-4.0"


def test_no_private_field_or_value_in_any_file(demo_site):
    dataset, _ = validate(ROOT / "data")
    secrets = set()
    for t in dataset.territories.values():
        if t.contact:
            secrets |= {v for v in (t.contact.courriel, t.contact.telephone, t.contact.nom) if v}
    for edition in dataset.editions.values():
        secrets |= {lau.note_jury for lau in edition.laureates if lau.note_jury}
    for action in dataset.actions.values():
        if action.contact:
            secrets |= {v for v in (action.contact.courriel, action.contact.telephone) if v}
    assert secrets, "the demo data should hold private values to look for"
    for path in sorted((demo_site / "donnees").iterdir()):
        text = xlsx_text(path) if path.suffix == ".xlsx" else path.read_text("utf-8")
        if path.suffix == ".csv":
            names = next(csv.reader(io.StringIO(text)))
        elif path.suffix in (".json", ".geojson"):
            names = list(json_keys(json.loads(text)))
        elif path.suffix == ".xlsx":
            names = xlsx_rows(path)[0]
        else:
            continue
        for name in names:
            assert not name.lower().startswith(PRIVATE_NAMES), (path.name, name)
        for secret in secrets:
            assert secret not in text, (path.name, secret)


def xlsx_rows(path: Path) -> list[list]:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def xlsx_text(path: Path) -> str:
    """Every XML part of the workbook (it is a zip), as text to search."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist())


def test_each_palmares_is_also_a_workbook_with_the_csv_content(demo_site, view):
    for year in view.editions:
        rows = read_csv(demo_site / "donnees" / f"palmares-{year}.csv")
        sheet = xlsx_rows(demo_site / "donnees" / f"palmares-{year}.xlsx")
        assert sheet[0] == [c.name for c in PALMARES_COLUMNS]
        assert len(sheet) == len(rows) + 1
        for row, line in zip(rows, sheet[1:], strict=True):
            cells = ["" if v is None else v for v in line]
            want = {"true": True, "false": False}
            assert cells == [
                want.get(
                    row[c.name],
                    int(row[c.name]) if c.type == "integer" and row[c.name] else row[c.name],
                )
                for c in PALMARES_COLUMNS
            ]
    # Accents are stored as text, not as bytes a spreadsheet has to guess the encoding of.
    text = xlsx_text(demo_site / "donnees" / "palmares-2026.xlsx")
    assert "Source : www.villes-internet.net" in text
    assert any(ch in text for ch in "éèàô")


def json_keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from json_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_keys(item)


def test_files_are_deterministic_and_the_ones_written(demo_site, view):
    first, _ = make_files(view, DOMAIN)
    second, _ = make_files(view, DOMAIN)
    assert first == second
    for path, data in first.items():
        assert (demo_site / path).read_bytes() == data, path


def test_workbooks_come_back_the_same_from_the_cache(view, tmp_path):
    first, _ = make_files(view, DOMAIN, cache_dir=str(tmp_path))
    cached = list((tmp_path / "donnees-xlsx").rglob("*"))
    assert len([p for p in cached if p.is_file()]) == len(view.editions)
    second, _ = make_files(view, DOMAIN, cache_dir=str(tmp_path))
    assert first == second == make_files(view, DOMAIN)[0]


def test_page_lists_every_file_with_size_licence_and_attribution(demo_site):
    html = (demo_site / "donnees" / "index.html").read_text("utf-8")
    for path in sorted((demo_site / "donnees").iterdir()):
        if (
            path.suffix in (".csv", ".xlsx", ".json", ".geojson")
            and path.name != "carte-departements.json"
        ):
            assert f'href="/donnees/{path.name}"' in html, path.name
    assert "« Source : www.villes-internet.net »" in html
    assert "CC BY-NC-SA 4.0" in html
    assert "\u00a0ko" in html  # sizes in French units
    assert "<code>code_insee</code>" in html


def test_a_text_starting_with_equals_stays_text_in_the_workbook():
    """openpyxl writes a text starting with « = » as a formula unless told it is text."""
    import datetime as dt
    import io
    import zipfile

    from label_opendata.tables import Column
    from label_opendata.xlsx import to_xlsx

    columns = (Column("nom", "string", "Nom"),)
    hostile = '=HYPERLINK("https://example.org","x")'
    data = to_xlsx(columns, [{"nom": hostile}], "t", dt.datetime(2026, 1, 1, tzinfo=dt.UTC), [])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet
