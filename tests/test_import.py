"""The importers: the jury's spreadsheet → palmares/<année>.yaml, an Atlaas export → actions/.

Every test works on a copy of the demo data (``data_copy``): the repository's data is never
touched. The scripts' ``main(argv)`` is called in-process and its printed lines are checked.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest
from label_import.table import decode, fold, sniff_delimiter
from label_import.yaml_writer import actions_yaml, edition_yaml

ROOT = Path(__file__).resolve().parent.parent
EMBARGO = "2028-02-01T11:00:00+01:00"
HEADER = ["Code INSEE", "Nom", "Département", "Niveau", "Mentions", "Excellence"]
ROWS = [  # 2028: collectivities whose dues for 2028 are recorded, or new ones
    ["33063", "Bordeaux", "", "4", "", ""],
    ["", "paris", "", "5", "Numérique éducatif ; transition-ecologique", ""],
    ["", "Saint-Denis", "974", "4", "", "non"],
    ["243300316", "Bordeaux Métropole", "", "3 @", "", ""],
    ["1001", "", "", "2", "", ""],  # a spreadsheet dropped the leading zero of 01001
    ["01053", "Bourg-en-Bresse", "", "@@@", "médiation numérique|démocratie locale", ""],
]
EXPECTED_2028 = """\
edition: 2028
embargo: 2028-02-01T11:00:00+01:00
ceremonie: {date: 2028-02-01}
mentions:
  - {id: transition-ecologique, nom: "Transition écologique"}
  - {id: democratie-locale, nom: "Démocratie locale"}
  - {id: numerique-educatif, nom: "Numérique éducatif"}
  - {id: mediation-numerique, nom: "Médiation numérique"}
laureats:
  - territoire: "01001"  # L'Abergement-Clémenciat
    arobases: 2
  - territoire: "01053"  # Bourg-en-Bresse
    arobases: 3
    mentions: [democratie-locale, mediation-numerique]
  - territoire: "243300316"  # Bordeaux Métropole
    arobases: 3
  - territoire: "33063"  # Bordeaux
    arobases: 4
  - territoire: "75056"  # Paris
    arobases: 5
    mentions: [transition-ecologique, numerique-educatif]
  - territoire: "97411"  # Saint-Denis
    arobases: 4
"""


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


import_palmares = load_script("import_palmares")
import_actions = load_script("import_actions")


def write_csv(path: Path, rows, *, sep: str = ";", encoding: str = "utf-8", header=HEADER) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=sep, lineterminator="\r\n").writerows([header, *rows])
    return path


def run_palmares(capsys, data: Path, csv_path: Path, *extra: str) -> tuple[int, str]:
    status = import_palmares.main(
        [str(csv_path), "--annee", "2028", "--embargo", EMBARGO, "--data", str(data), *extra]
    )
    return status, capsys.readouterr().out


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


# -- reading spreadsheets -------------------------------------------------------------------


def test_headers_fold_accents_case_and_the_at_sign():
    assert fold("Département") == "departement"
    assert fold("CODE INSEE") == "code insee"
    assert fold("@") == "arobase"


def test_encodings_are_detected():
    assert decode("\ufeffNom;é".encode()) == ("Nom;é", "UTF-8 (avec BOM)")
    assert decode("Nom;é".encode()) == ("Nom;é", "UTF-8")
    assert decode("Nom;é’".encode("cp1252")) == ("Nom;é’", "Windows-1252")


def test_separator_is_sniffed_from_the_header_row():
    assert sniff_delimiter("code;nom;arobases") == ";"
    assert sniff_delimiter("code,nom,arobases") == ","
    assert sniff_delimiter('"Nom, prénom";niveau') == ";"


@pytest.mark.parametrize(
    "sep,encoding", [(";", "utf-8-sig"), (",", "utf-8"), (";", "cp1252"), (",", "cp1252")]
)
def test_palmares_import_with_both_separators_and_encodings(
    capsys, data_copy, tmp_path, sep, encoding
):
    csv_path = write_csv(tmp_path / "jury.csv", ROWS, sep=sep, encoding=encoding)
    status, out = run_palmares(capsys, data_copy, csv_path)
    assert status == 0, out
    text = (data_copy / "palmares" / "2028.yaml").read_text(encoding="utf-8")
    assert text == EXPECTED_2028
    # Missing territories are created, their type deduced and said.
    assert (
        (data_copy / "territoires" / "01001.yaml")
        .read_text("utf-8")
        .endswith('code: "01001"\nnom: "L\'Abergement-Clémenciat"\ntype: village\n')
    )
    assert "type village déduit de la population (860\u00a0hab. < 3\u202f500)" in out
    assert "type: ville\n" in (data_copy / "territoires" / "01053.yaml").read_text("utf-8")
    assert "code « 1001 » lu comme 01001" in out
    assert "+ nouvelle édition 2028 : 6 lauréats" in out


def test_palmares_import_is_idempotent(capsys, data_copy, tmp_path):
    csv_path = write_csv(tmp_path / "jury.csv", ROWS)
    assert run_palmares(capsys, data_copy, csv_path)[0] == 0
    before = snapshot(data_copy)
    status, out = run_palmares(capsys, data_copy, csv_path)
    assert status == 0
    assert "Aucun changement" in out
    assert snapshot(data_copy) == before


def test_ambiguous_name_asks_for_the_code_and_writes_nothing(capsys, data_copy, tmp_path):
    rows = [*ROWS[:2], ["", "Saint-Denis", "", "4", "", ""]]
    csv_path = write_csv(tmp_path / "jury.csv", rows)
    before = snapshot(data_copy)
    status, out = run_palmares(capsys, data_copy, csv_path)
    assert status == 1
    line = next(li for li in out.splitlines() if "ligne 4" in li)
    assert line.startswith(
        f"{csv_path}, ligne 4, colonne « Nom » : « Saint-Denis » désigne "
        "plusieurs collectivités : précisez le code INSEE dans la colonne "
        "code : "
    )
    assert "93066 Saint-Denis (Seine-Saint-Denis, déjà dans data/territoires)" in line
    assert "97411 Saint-Denis (La Réunion, déjà dans data/territoires)" in line
    assert "11339 Saint-Denis (Aude)" in line
    assert snapshot(data_copy) == before


def test_bad_rows_are_all_reported_by_line_and_column_and_nothing_is_written(
    capsys, data_copy, tmp_path
):
    rows = [
        ["33063", "Bordeaux", "", "7", "", ""],  # line 2: level 7
        ["", "", "", "3", "", ""],  # line 3: neither code nor name
        ["99999", "", "", "3", "", ""],  # line 4: unknown code
        ["75056", "Paris", "", "5", "Santé", "peut-être"],  # line 5: mention, flag
        ["33063", "Brest", "", "3", "", ""],  # line 6: code and name disagree
    ]
    csv_path = write_csv(tmp_path / "jury.csv", rows)
    before = snapshot(data_copy)
    status, out = run_palmares(capsys, data_copy, csv_path)
    assert status == 1
    src = str(csv_path)
    assert (
        f"{src}, ligne 2, colonne « Niveau » : le niveau doit être un entier de 1 à 5 "
        "(lu : « 7 »)" in out
    )
    assert f"{src}, ligne 3, colonne « Nom » : ni code ni nom" in out
    assert (
        f"{src}, ligne 4, colonne « Code INSEE » : code INSEE 99999 absent de la liste "
        "officielle des communes" in out
    )
    assert f"{src}, ligne 5, colonne « Mentions » : mention « Santé » inconnue" in out
    assert f"{src}, ligne 5, colonne « Excellence » : écrivez oui ou non" in out
    assert f"{src}, ligne 6, colonne « Nom » : le code 33063 désigne 33063 Bordeaux" in out
    assert "6 problèmes, rien n’a été écrit" in out
    assert snapshot(data_copy) == before


def test_missing_columns_are_named(capsys, data_copy, tmp_path):
    csv_path = write_csv(tmp_path / "jury.csv", [["33063", "3"]], header=["Code", "Note"])
    status, out = run_palmares(capsys, data_copy, csv_path)
    assert status == 1
    assert "colonne « arobases » introuvable dans la ligne d’en-tête (lue : Code | Note)" in out


def test_the_checker_runs_before_anything_is_written(capsys, data_copy, tmp_path):
    # Marseille has no dues recorded for 2028 (R3): the same checker as the build refuses.
    csv_path = write_csv(tmp_path / "jury.csv", [["13055", "Marseille", "", "4", "", ""]])
    before = snapshot(data_copy)
    status, out = run_palmares(capsys, data_copy, csv_path)
    assert status == 1
    # The palmarès file does not exist yet: the problem names the spreadsheet's row, and how
    # to record the dues from the import itself.
    assert (
        f"{csv_path}, ligne 2, colonne « Code INSEE » : Marseille (13055) n’a pas de cotisation "
        "enregistrée pour 2028" in out
    )
    assert "2028.yaml:" not in out
    assert "colonne « cotisation » à oui ou l’option --cotisations-payees" in out
    assert "import-" not in out  # the temporary copy is never named
    assert "rien n’a été écrit" in out
    assert snapshot(data_copy) == before


def test_a_row_named_by_name_is_pointed_at_by_its_name_column(capsys, data_copy, tmp_path):
    csv_path = write_csv(tmp_path / "jury.csv", [["", "Marseille", "", "4", "", ""]])
    status, out = run_palmares(capsys, data_copy, csv_path)
    assert status == 1
    assert f"{csv_path}, ligne 2, colonne « Nom » : Marseille (13055) n’a pas de cotisation" in out


def test_dry_run_shows_the_change_and_an_overwrite_needs_force(capsys, data_copy, tmp_path):
    csv_path = write_csv(tmp_path / "jury.csv", ROWS)
    assert run_palmares(capsys, data_copy, csv_path)[0] == 0
    changed = [
        ["33063", "Bordeaux", "", "3", "", ""],
        *ROWS[1:3],
        ROWS[4],
        ["", "Brest", "", "4", "", ""],
    ]
    write_csv(csv_path, changed)
    before = snapshot(data_copy)

    status, out = run_palmares(capsys, data_copy, csv_path, "--dry-run")
    assert status == 0
    assert "~ niveau : Bordeaux (33063) 4\u00a0@ → 3\u00a0@" in out
    assert "+ ajouté : Brest (29019), 4\u00a0@" in out
    assert "− retiré : Bordeaux Métropole (243300316), était 3\u00a0@" in out
    assert "− retiré : Bourg-en-Bresse (01053), était 3\u00a0@" in out
    assert '-  - territoire: "243300316"' in out  # the line diff
    assert "Essai à blanc (--dry-run) : rien n’a été écrit." in out
    assert snapshot(data_copy) == before

    status, out = run_palmares(capsys, data_copy, csv_path)
    assert status == 1
    assert "relancez avec --force" in out
    assert snapshot(data_copy) == before

    status, out = run_palmares(capsys, data_copy, csv_path, "--force")
    assert status == 0
    assert '"29019"' in (data_copy / "palmares" / "2028.yaml").read_text("utf-8")


def test_absent_columns_keep_the_file_values(capsys, data_copy, tmp_path):
    # The 2027 file has private jury notes; a spreadsheet without that column keeps them.
    text = (data_copy / "palmares" / "2027.yaml").read_text("utf-8")
    assert "note_jury" in text
    from label_data.load import load_dataset
    from label_data.problems import Problems

    edition = load_dataset(data_copy, Problems()).editions[2027]
    rows = [[lau.territoire, str(lau.arobases)] for lau in edition.laureates]
    csv_path = write_csv(tmp_path / "jury.csv", rows, header=["code", "arobases"])
    status = import_palmares.main(
        [str(csv_path), "--annee", "2027", "--data", str(data_copy), "--dry-run"]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert "note du jury" not in out and "retiré" not in out and "ajouté" not in out


def test_new_edition_dry_run_names_every_laureate(capsys, data_copy, tmp_path):
    csv_path = write_csv(tmp_path / "jury.csv", ROWS)
    status, out = run_palmares(capsys, data_copy, csv_path, "--dry-run")
    assert status == 0, out
    assert "+ nouvelle édition 2028 : 6 lauréats" in out
    assert "  + Bordeaux Métropole (243300316), 3\u00a0@" in out
    assert "  + Saint-Denis (97411), 4\u00a0@" in out
    assert '+  - territoire: "243300316"  # Bordeaux Métropole' in out  # the diff, with names


# -- dues (R3) -------------------------------------------------------------------------------

DUES_HEADER = ["Code INSEE", "Nom", "Niveau", "Cotisation"]


def test_dues_column_records_the_year_and_the_data_validates(capsys, data_copy, tmp_path):
    from label_data.validate import validate

    rows = [
        ["13055", "Marseille", "4", "oui"],  # no 2028 dues recorded yet
        ["29019", "Brest", "4", "oui"],  # already recorded: unchanged
        ["01053", "Bourg-en-Bresse", "3", "2028"],  # a new territory file
    ]
    csv_path = write_csv(tmp_path / "jury.csv", rows, header=DUES_HEADER)
    before = snapshot(data_copy)
    status, out = run_palmares(capsys, data_copy, csv_path, "--dry-run")
    assert status == 0, out
    assert "+ cotisation 2028 enregistrée : Marseille (13055)" in out
    assert "-cotisations: [2023, 2024, 2025, 2026, 2027]" in out  # the diff shows it
    assert "+cotisations: [2023, 2024, 2025, 2026, 2027, 2028]" in out
    assert "Bourg-en-Bresse (01053), type ville" in out and "; cotisation 2028 enregistrée" in out
    assert "cotisation 2028 enregistrée : Brest" not in out  # already recorded
    assert snapshot(data_copy) == before

    status, out = run_palmares(capsys, data_copy, csv_path)  # no --force: asked for by name
    assert status == 0, out
    marseille = (data_copy / "territoires" / "13055.yaml").read_text("utf-8")
    assert "cotisations: [2023, 2024, 2025, 2026, 2027, 2028]\n" in marseille
    assert "cotisations: [2028]\n" in (data_copy / "territoires" / "01053.yaml").read_text("utf-8")
    _dataset, problems = validate(data_copy)
    assert problems.errors == []
    assert "Aucun changement" in run_palmares(capsys, data_copy, csv_path)[1]


def test_dues_option_records_the_year_for_every_laureate(capsys, data_copy, tmp_path):
    rows = [["13055", "Marseille", "4", ""], ["44109", "Nantes", "2", "non"]]
    csv_path = write_csv(tmp_path / "jury.csv", rows, header=DUES_HEADER)
    status, out = run_palmares(capsys, data_copy, csv_path, "--cotisations-payees", "--dry-run")
    assert "+ cotisation 2028 enregistrée : Marseille (13055)" in out
    # An explicit « non » wins over the option: R3 then refuses Nantes, at its CSV row.
    assert "cotisation 2028 enregistrée : Nantes" not in out
    assert status == 1
    assert (
        f"{csv_path}, ligne 3, colonne « Code INSEE » : Nantes (44109) n’a pas de cotisation "
        "enregistrée pour 2028" in out
    )

    csv_path = write_csv(tmp_path / "jury.csv", rows[:1], header=DUES_HEADER)
    status, out = run_palmares(capsys, data_copy, csv_path, "--cotisations-payees")
    assert status == 0, out
    marseille = (data_copy / "territoires" / "13055.yaml").read_text("utf-8")
    assert "cotisations: [2023, 2024, 2025, 2026, 2027, 2028]\n" in marseille


@pytest.mark.parametrize(
    "before,after",
    [
        ("cotisations: [2024, 2025]\nsite: x\n", "cotisations: [2024, 2025, 2028]\nsite: x\n"),
        (
            "cotisations:\n  - 2027\n# gardé\nsite: x\n",
            "cotisations:\n  - 2027\n  - 2028\n# gardé\nsite: x\n",
        ),
        ("cotisations: null  # à voir\n", "cotisations: [2028]  # à voir\n"),
        ("type: ville", "type: ville\ncotisations: [2028]\n"),
        ("cotisations: [2028]\n", None),  # already there: nothing to do
    ],
)
def test_dues_are_added_without_touching_the_rest_of_the_file(before, after):
    from label_import.dues import add_year

    head = 'code: "33063"\n'
    expected = head + after if after is not None else None
    assert add_year(head + before, 2028) == expected


def test_a_bad_dues_cell_is_named_by_line_and_column(capsys, data_copy, tmp_path):
    rows = [["13055", "Marseille", "4", "2027"]]
    csv_path = write_csv(tmp_path / "jury.csv", rows, header=DUES_HEADER)
    status, out = run_palmares(capsys, data_copy, csv_path)
    assert status == 1
    assert (
        f"{csv_path}, ligne 2, colonne « Cotisation » : écrivez oui si la cotisation 2028 est "
        "réglée, non sinon (lu : « 2027 »)" in out
    )


# -- actions ---------------------------------------------------------------------------------


def export_rows(data: Path, codes: list[str]) -> list[dict]:
    from label_data.load import load_dataset
    from label_data.problems import Problems

    dataset = load_dataset(data, Problems())
    rows = []
    for code in codes:
        for a in dataset.actions_by_territory[code]:
            place = a.lieux[0] if a.lieux else None
            pos = place.position if place else None
            rows.append(
                {
                    "id": a.id,
                    "code": code,
                    "titre": a.titre,
                    "description": a.description,
                    "categorie": a.categorie,
                    "services": "|".join(a.services),
                    "porteur": a.porteur.nom if a.porteur else "",
                    "type_porteur": a.porteur.type if a.porteur else "",
                    "debut": a.debut.strftime("%d/%m/%Y") if a.debut else "",
                    "fin": a.fin.isoformat() if a.fin else "",
                    "mise_a_jour": a.mise_a_jour.isoformat(),
                    "lieu": place.nom if place else "",
                    "adresse": (place.adresse or "") if place else "",
                    "lat": str(pos.lat).replace(".", ",") if pos else "",
                    "lon": str(pos.lon).replace(".", ",") if pos else "",
                    "lien": a.lien or "",
                    "courriel_contact": a.contact.courriel
                    if a.contact and a.contact.courriel
                    else "",
                }
            )
    return rows


def write_export(path: Path, rows: list[dict], sep=";", encoding="cp1252") -> Path:
    if path.suffix == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        return path
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=sep)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_actions_from_csv_and_json_give_the_same_files_and_rerun_changes_nothing(
    capsys, data_copy, tmp_path
):
    rows = export_rows(data_copy, ["33063", "2A004"])
    csv_path = write_export(tmp_path / "atlaas.csv", rows)
    json_path = write_export(tmp_path / "atlaas.json", rows)
    assert import_actions.main([str(csv_path), "--data", str(data_copy), "--force"]) == 0
    out = capsys.readouterr().out
    assert "13 actions pour 2 collectivités" in out
    before = snapshot(data_copy)
    assert import_actions.main([str(json_path), "--data", str(data_copy)]) == 0
    assert "Aucun changement" in capsys.readouterr().out
    assert import_actions.main([str(csv_path), "--data", str(data_copy)]) == 0
    assert "Aucun changement" in capsys.readouterr().out
    assert snapshot(data_copy) == before


def test_actions_changes_are_summarised_and_dry_run_writes_nothing(capsys, data_copy, tmp_path):
    rows = export_rows(data_copy, ["33063"])
    rows[0]["titre"] = "Nouveau titre"
    removed = rows.pop(1)["id"]
    rows.append({**rows[0], "id": "bordeaux-nouvelle", "lieu": "", "lat": "", "lon": ""})
    csv_path = write_export(tmp_path / "atlaas.csv", rows, sep=",", encoding="utf-8-sig")
    before = snapshot(data_copy)
    assert import_actions.main([str(csv_path), "--data", str(data_copy), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "+ ajoutée : bordeaux-nouvelle « Nouveau titre »" in out
    assert f"− retirée : {removed}" in out
    assert f"~ modifiée : {rows[0]['id']} (titre)" in out
    assert snapshot(data_copy) == before


def test_actions_bad_rows(capsys, data_copy, tmp_path):
    rows = export_rows(data_copy, ["33063"])[:3]
    rows[0]["mise_a_jour"] = "31/02/2026"
    rows[1]["categorie"] = "sport"
    rows[2]["code"] = "01001"  # no data/territoires/01001.yaml
    csv_path = write_export(tmp_path / "atlaas.csv", rows)
    before = snapshot(data_copy)
    assert import_actions.main([str(csv_path), "--data", str(data_copy)]) == 1
    out = capsys.readouterr().out
    # Quoted multi-line descriptions: each action spans several lines of the file.
    text = csv_path.read_text("cp1252").split("\n")
    line_of = {
        r["id"]: next(i for i, li in enumerate(text, 1) if li.startswith(r["id"])) for r in rows
    }
    src = str(csv_path)
    assert (
        f"{src}, ligne {line_of[rows[0]['id']]}, colonne « mise_a_jour » : date illisible "
        "« 31/02/2026 »"
    ) in out
    assert (
        f"{src}, ligne {line_of[rows[1]['id']]}, colonne « categorie » : catégorie "
        "« sport » inconnue (R6)" in out
    )
    assert (
        f"{src}, ligne {line_of[rows[2]['id']]}, colonne « code » : 01001 "
        "L'Abergement-Clémenciat (Ain) n’a pas de fichier data/territoires/01001.yaml" in out
    )
    assert snapshot(data_copy) == before


def test_json_records_are_named_as_records(capsys, data_copy, tmp_path):
    rows = export_rows(data_copy, ["33063"])[:2]
    rows[1]["lien"] = "www.example.org"
    json_path = write_export(tmp_path / "atlaas.json", rows)
    assert import_actions.main([str(json_path), "--data", str(data_copy)]) == 1
    assert (
        f"{json_path}, enregistrement 2, champ « lien » : adresse web attendue"
        in capsys.readouterr().out
    )


def _checker_messages(data: Path) -> list[str]:
    from label_data.validate import validate

    return [p.message for p in validate(data)[1].errors]


def test_an_id_the_checker_refuses_is_refused_by_the_import_with_its_message(
    capsys, data_copy, tmp_path
):
    """The Atlaas import once accepted ids with capitals and « _ » that the checker then
    refused: both now apply the schema's one rule, with one message."""
    rows = export_rows(data_copy, ["33063"])[:1]
    old_id, rows[0]["id"] = rows[0]["id"], "Bordeaux_Budget"
    json_path = write_export(tmp_path / "atlaas.json", rows)
    before = snapshot(data_copy)
    assert import_actions.main([str(json_path), "--data", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert snapshot(data_copy) == before
    # The same action written by hand in the data: the checker's message is the same text.
    path = data_copy / "actions" / "33063.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"id: {old_id}\n" in text
    path.write_text(text.replace(f"id: {old_id}\n", "id: Bordeaux_Budget\n"), encoding="utf-8")
    [checker] = [m for m in _checker_messages(data_copy) if "Bordeaux_Budget" in m]
    assert checker == (
        "l’identifiant d’action « Bordeaux_Budget » invalide : minuscules sans accents, "
        "chiffres et tirets seulement, 80 caractères au plus (il sert d’adresse de page)"
    )
    assert f"{json_path}, enregistrement 1, champ « id » : {checker}" in out


def test_the_import_refuses_what_the_checker_would_with_the_checker_message(
    capsys, data_copy, tmp_path
):
    from label_data.schema import ACTION, LAUREATE

    rows = export_rows(data_copy, ["33063"])[:2]
    rows[0]["titre"] = "Budget\u0007participatif"  # an invisible control character
    rows[1]["lat"], rows[1]["lon"], rows[1]["lieu"] = "91", "0", "Mairie"
    csv_path = write_export(tmp_path / "atlaas.csv", rows, encoding="utf-8")
    assert import_actions.main([str(csv_path), "--data", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert ACTION.check_field("titre", rows[0]["titre"]) in out
    assert "position impossible (lat 91.0, lon 0.0)" in out
    assert LAUREATE.check_field("arobases", 6) == "arobases doit être un entier de 1 à 5 (lu : 6)"


def test_the_palmares_import_checks_a_laureate_with_the_checker_rules(capsys, data_copy, tmp_path):
    from label_data.schema import LAUREATE

    note = "Très bien\u000b noté"  # a vertical tab pasted from a word processor
    rows = [["33063", "Bordeaux", "4", note]]
    csv_path = write_csv(
        tmp_path / "jury.csv", rows, header=["Code INSEE", "Nom", "Niveau", "Note du jury"]
    )
    before = snapshot(data_copy)
    status, out = run_palmares(capsys, data_copy, csv_path)
    assert status == 1
    message = LAUREATE.check_field("note_jury", note)
    assert message and "U+000B" in message
    assert f"{csv_path}, ligne 2, colonne « Note du jury » : {message}" in out
    assert snapshot(data_copy) == before


# -- the writer ------------------------------------------------------------------------------


def test_written_yaml_reads_back_as_written():
    import datetime as dt

    import yaml

    edition = {
        "edition": 2028,
        "embargo": dt.datetime.fromisoformat(EMBARGO),
        "ceremonie": {"date": dt.date(2028, 2, 1), "lieu": "Lyon"},
        "mentions": [{"id": "no", "nom": "Non « oui »"}],
        "laureats": [
            {
                "territoire": "01001",
                "arobases": 2,
                "mentions": ["no"],
                "note_jury": "ligne 1\nligne 2",
            }
        ],
    }
    back = yaml.safe_load(edition_yaml(edition))
    assert back["laureats"][0]["territoire"] == "01001"  # not the octal 513
    assert back["mentions"] == [{"id": "no", "nom": "Non « oui »"}]  # not False
    assert back["laureats"][0]["note_jury"] == "ligne 1\nligne 2"
    actions = [
        {
            "id": "12345",
            "titre": "T",
            "description": "a\n\nb  \n",
            "categorie": "c",
            "services": ["s"],
            "mise_a_jour": dt.date(2026, 1, 2),
            "fin": None,
        }
    ]
    back = yaml.safe_load(actions_yaml(actions))
    assert back[0]["id"] == "12345" and back[0]["description"] == "a\n\nb  \n"
    assert back[0]["fin"] is None
