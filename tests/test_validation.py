"""Bad-data fixtures, each with the exact message lines it must produce (issue: foundation).

A small valid dataset is written into tmp_path; each case breaks one thing and checks the
problems (file, line, column, French message), the exit status and that no traceback shows.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from label_data.problems import display_path
from label_data.validate import validate

ROOT = Path(__file__).resolve().parent.parent

TERRITORIES = {
    "33063": 'code: "33063"\nnom: Bordeaux\ntype: ville\ncotisations: [2024, 2025]\n',
    "01001": "code: 01001\ntype: village\n",  # unquoted on purpose: must stay "01001"
    "243300316": 'code: "243300316"\ntype: territoire\n',
}
PALMARES_2024 = """\
edition: 2024
embargo: 2024-02-06T11:00:00+01:00
ceremonie: {date: 2024-02-06, lieu: Paris}
mentions:
  - {id: transition-ecologique, nom: "Transition écologique"}
laureats:
  - territoire: "33063"
    arobases: 4
  - territoire: 01001
    arobases: 2
"""
PALMARES_2025 = """\
edition: 2025
embargo: 2025-02-04T11:00:00+01:00
mentions:
  - {id: transition-ecologique, nom: "Transition écologique"}
laureats:
  - territoire: "33063"
    arobases: 3
    mentions: [transition-ecologique]
  - territoire: "243300316"
    arobases: 5
"""
ACTIONS_33063 = """\
- id: bordeaux-budget
  titre: Budget participatif
  description: "Vote **en ligne**."
  categorie: democratie-services-publics
  services: [budget-participatif]
  debut: 2024-09-01
  mise_a_jour: 2025-01-10
"""
ACTIONS_01001 = """\
- id: abergement-wifi
  titre: Wi-Fi public
  categorie: vivre-ensemble
  services: [wifi-public]
  mise_a_jour: 2024-05-01
"""


@pytest.fixture
def mini(tmp_path) -> Path:
    return write_mini(tmp_path / "data")


def write_mini(data: Path) -> Path:
    """The small valid dataset the bad-data cases break, one thing at a time."""
    for sub in ("territoires", "palmares", "actions"):
        (data / sub).mkdir(parents=True)
    (data / "referentiel.yaml").write_bytes((ROOT / "data" / "referentiel.yaml").read_bytes())
    for code, text in TERRITORIES.items():
        (data / "territoires" / f"{code}.yaml").write_text(text, encoding="utf-8")
    (data / "palmares" / "2024.yaml").write_text(PALMARES_2024, encoding="utf-8")
    (data / "palmares" / "2025.yaml").write_text(PALMARES_2025, encoding="utf-8")
    (data / "actions" / "33063.yaml").write_text(ACTIONS_33063, encoding="utf-8")
    (data / "actions" / "01001.yaml").write_text(ACTIONS_01001, encoding="utf-8")
    return data


def problems_of(data: Path) -> list[str]:
    _, problems = validate(data)
    return problems.lines()


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return display_path(path)


def test_the_mini_dataset_is_valid_and_reads_unquoted_codes_as_text(mini):
    dataset, problems = validate(mini)
    assert problems.lines() == []
    assert "01001" in dataset.territories  # not 513
    assert dataset.territories["01001"].nom == "L'Abergement-Clémenciat"
    assert {lau.territoire for lau in dataset.editions[2024].laureates} == {"33063", "01001"}
    assert dataset.territories["243300316"].nom == "Bordeaux Métropole"


@pytest.mark.parametrize("level", [0, 6])
def test_level_out_of_range(mini, level):
    f = edit(mini / "palmares/2025.yaml", "arobases: 5", f"arobases: {level}")
    assert problems_of(mini) == [f"{f}:10:15: arobases doit être un entier de 1 à 5 (lu : {level})"]


def test_departement_as_candidate(mini):
    f = edit(mini / "palmares/2025.yaml", 'territoire: "243300316"', 'territoire: "33"')
    assert problems_of(mini) == [
        f"{f}:9:5: « 33 » est un code de département ou de région : "
        "ils ne peuvent pas être candidats (R1)"
    ]


def test_village_with_a_siren(mini):
    f = edit(mini / "territoires/243300316.yaml", "type: territoire", "type: village")
    assert problems_of(mini) == [
        f"{f}:1:1: un village a un code INSEE à 5 caractères, pas un SIREN (243300316) : "
        "pour une intercommunalité, écrivez type: territoire"
    ]


def test_fall_of_two_arobases_within_three_years(mini):
    f = edit(mini / "palmares/2025.yaml", "arobases: 3", "arobases: 2")
    assert problems_of(mini) == [
        f"{f}:6:5: Bordeaux (33063) passe de 4 @ (2024) à 2 @ (2025) : une baisse de plus "
        "d’une @ en trois ans ou moins est interdite (R4) ; le minimum possible est 3 @"
    ]


def test_fall_after_more_than_three_years_is_allowed(mini):
    edit(mini / "palmares/2024.yaml", "edition: 2024", "edition: 2021")
    edit(mini / "palmares/2024.yaml", "2024-02-06T11:00", "2021-02-02T11:00")
    edit(mini / "palmares/2024.yaml", "date: 2024-02-06", "date: 2021-02-02")
    (mini / "palmares/2024.yaml").rename(mini / "palmares/2021.yaml")
    edit(mini / "palmares/2025.yaml", "arobases: 3", "arobases: 1")
    edit(mini / "territoires/33063.yaml", "[2024, 2025]", "[2021, 2025]")
    assert problems_of(mini) == []


def test_unknown_service(mini):
    f = edit(mini / "actions/33063.yaml", "[budget-participatif]", "[vote-papier]")
    assert problems_of(mini) == [
        f"{f}:1:3: service « vote-papier » inconnu (R6) dans l’action « bordeaux-budget » : "
        "utilisez un id de la liste « services » de referentiel.yaml"
    ]


def test_unknown_collectivity(mini):
    f = edit(mini / "palmares/2025.yaml", 'territoire: "243300316"', 'territoire: "69123"')
    assert problems_of(mini) == [
        f"{f}:9:5: collectivité « 69123 » inconnue : créez data/territoires/69123.yaml "
        "ou corrigez le code"
    ]


def test_duplicate_action_id_across_two_files(mini):
    f = edit(mini / "actions/01001.yaml", "id: abergement-wifi", "id: bordeaux-budget")
    g = display_path(mini / "actions/33063.yaml")
    # Files are read in name order: 01001.yaml first, so 33063.yaml holds the duplicate.
    assert problems_of(mini) == [
        f"{f}:1:3: identifiant d’action « bordeaux-budget » utilisé aussi dans {g}:1:3",
        f"{g}:1:3: identifiant d’action « bordeaux-budget » déjà utilisé ({f}:1:3) : "
        "chaque action doit avoir un id unique",
    ]


def test_yaml_syntax_error(mini):
    f = edit(mini / "palmares/2025.yaml", "    arobases: 3\n", "    arobases: 3\n   mentions: [\n")
    lines = problems_of(mini)
    assert len(lines) == 1
    assert lines[0].startswith(f"{f}:8:")
    assert "syntaxe YAML invalide" in lines[0]
    assert "vérifiez l’indentation" in lines[0]


def test_unknown_field(mini):
    f = edit(mini / "palmares/2025.yaml", "    arobases: 5", "    arobase: 5")
    assert problems_of(mini) == [
        f"{f}:9:5: le champ obligatoire « arobases » manque dans le lauréat",
        f"{f}:10:5: champ inconnu « arobase » dans le lauréat ; vouliez-vous dire « arobases » ? "
        "(champs permis : alerte, arobases, excellence, mentions, note_jury, territoire)",
    ]


def test_impossible_date_unquoted(mini):
    f = edit(mini / "actions/01001.yaml", "mise_a_jour: 2024-05-01", "mise_a_jour: 2025-13-01")
    assert problems_of(mini) == [
        f"{f}:5:16: mise_a_jour : la date « 2025-13-01 » n’existe pas "
        "(mois de 1 à 12, jour valide pour ce mois)"
    ]


def test_laureate_without_dues(mini):
    f = edit(mini / "territoires/33063.yaml", "[2024, 2025]", "[2024]")
    assert problems_of(mini) == [
        f"{f.replace('territoires/33063', 'palmares/2025')}:6:5: Bordeaux (33063) n’a pas de "
        "cotisation enregistrée pour 2025 : seuls les adhérents à jour peuvent être labellisés "
        f"(R3) ; si elle est réglée, ajoutez 2025 à « cotisations » dans {f}, ou importez le "
        "palmarès avec une colonne « cotisation » à oui ou l’option --cotisations-payees"
    ]


def test_embargo_without_utc_offset(mini):
    f = edit(mini / "palmares/2025.yaml", "T11:00:00+01:00", "T11:00:00")
    assert problems_of(mini) == [
        f"{f}:2:10: embargo « 2025-02-04T11:00:00 » n’a pas de décalage UTC : pour "
        "11\u00a0h\u00a000 à Paris ce jour-là (heure d’hiver), écrivez 2025-02-04T11:00:00+01:00"
    ]


@pytest.mark.parametrize(
    "written,paris,advice",
    [
        ("2025-02-04T11:00:00Z", "12\u00a0h\u00a000", "2025-02-04T11:00:00+01:00"),
        ("2025-02-04T11:00:00+02:00", "10\u00a0h\u00a000", "2025-02-04T11:00:00+01:00"),
        ("2025-02-04T11:00:00-05:00", "17\u00a0h\u00a000", "2025-02-04T11:00:00+01:00"),
    ],
)
def test_embargo_with_another_offset_than_paris(mini, written, paris, advice):
    f = edit(mini / "palmares/2025.yaml", "2025-02-04T11:00:00+01:00", written)
    offset = "+00:00" if written.endswith("Z") else written[-6:]
    assert problems_of(mini) == [
        f"{f}:2:10: embargo « {written} » : le décalage {offset} n’est pas celui de Paris ce "
        f"jour-là (+01:00, heure d’hiver) ; tel quel, c’est le 4\u00a0février 2025 à {paris} "
        f"(heure de Paris). Pour 11\u00a0h\u00a000 à Paris, écrivez {advice}"
    ]


def test_embargo_on_the_spring_clock_change_day(mini):
    # Clocks go forward at 2 h on 30 March 2025: at 11 h, Paris is at +02:00.
    f = edit(mini / "palmares/2025.yaml", "2025-02-04T11:00:00+01:00", "2025-03-30T11:00:00+01:00")
    assert problems_of(mini) == [
        f"{f}:2:10: embargo « 2025-03-30T11:00:00+01:00 » : le décalage +01:00 n’est pas celui "
        "de Paris ce jour-là (+02:00, heure d’été) ; tel quel, c’est le 30\u00a0mars 2025 à "
        "12\u00a0h\u00a000 (heure de Paris). Pour 11\u00a0h\u00a000 à Paris, écrivez "
        "2025-03-30T11:00:00+02:00"
    ]
    edit(mini / "palmares/2025.yaml", "T11:00:00+01:00", "T11:00:00+02:00")
    assert problems_of(mini) == []


def test_a_summer_embargo_without_offset_gets_the_summer_offset(mini):
    f = edit(mini / "palmares/2025.yaml", "2025-02-04T11:00:00+01:00", "2025-06-17T11:00:00")
    assert problems_of(mini) == [
        f"{f}:2:10: embargo « 2025-06-17T11:00:00 » n’a pas de décalage UTC : pour "
        "11\u00a0h\u00a000 à Paris ce jour-là (heure d’été), écrivez 2025-06-17T11:00:00+02:00"
    ]


def test_embargo_before_the_previous_editions(mini):
    f = edit(mini / "palmares/2025.yaml", "2025-02-04T11:00:00", "2024-02-05T11:00:00")
    assert problems_of(mini) == [
        f"{f}:1:1: embargo du palmarès 2025 le 5\u00a0février 2024 à 11\u00a0h\u00a000 (heure de "
        "Paris), pas après celui de 2024, le 6\u00a0février 2024 à 11\u00a0h\u00a000 (heure de "
        "Paris) : corrigez l’année ou la date de l’embargo"
    ]


def test_embargo_in_another_year_or_day_than_the_ceremony_is_a_warning(mini):
    f = edit(mini / "palmares/2024.yaml", "2024-02-06T11:00:00", "2024-02-07T11:00:00")
    dataset, problems = validate(mini)
    assert not problems.errors
    assert [str(p) for p in problems.warnings] == [
        f"{f}:1:1: avertissement : la cérémonie du palmarès 2024 est datée du "
        "6\u00a0février 2024, mais l’embargo tombe le 7\u00a0février 2024 à "
        "11\u00a0h\u00a000 (heure de Paris) : vérifiez l’une ou l’autre"
    ]


def test_unknown_mention(mini):
    f = edit(mini / "palmares/2025.yaml", "[transition-ecologique]", "[sante]")
    assert problems_of(mini) == [
        f"{f}:8:16: mention « sante » inconnue pour l’édition 2025 : déclarez-la dans "
        "« mentions » en tête du fichier (déclarées : transition-ecologique)"
    ]


def test_duplicate_key(mini):
    f = edit(mini / "palmares/2025.yaml", "    arobases: 5", "    arobases: 5\n    arobases: 4")
    assert problems_of(mini) == [
        f"{f}:11:5: le champ « arobases » est en double dans le lauréat : gardez-en un seul"
    ]


def test_excellence_outside_rule_is_only_a_warning(mini):
    edit(mini / "palmares/2025.yaml", "    arobases: 5", "    arobases: 5\n    excellence: true")
    dataset, problems = validate(mini)
    assert problems.errors == []
    assert len(problems.warnings) == 1
    assert "avertissement" in problems.lines()[0]
    assert "R9" in problems.lines()[0]
    # Named as staff know it, and French plurals (not « édition(s) »).
    assert "Bordeaux Métropole (243300316) reçoit le titre" in problems.lines()[0]
    assert "avec 1 édition consécutive à 5 @" in problems.lines()[0]


def test_one_syntax_error_in_a_territory_file_does_not_cascade(mini):
    # The palmarès 2024 and 2025 and the actions file all name 33063: one error only.
    f = edit(mini / "territoires/33063.yaml", "nom: Bordeaux", "nom: Bordeaux: centre")
    assert problems_of(mini) == [
        f"{f}:2:14: syntaxe YAML invalide : deux-points inattendu : une valeur qui contient "
        '« : » s’écrit entre guillemets (nom: "Saint-Denis : centre") ; sinon, vérifiez '
        "l’indentation (les champs d’un même bloc commencent à la même colonne, indentés par "
        "des espaces)"
    ]


@pytest.mark.parametrize(
    "broken,expected",
    [
        ("cotisations: [2024, 2025\n", "liste entre crochets mal fermée"),
        ('nom: "Bordeaux\n', "un guillemet ouvrant n’est pas refermé"),
        ("nom: @Bordeaux\n", "une valeur ne peut pas commencer par « @ »"),
        ("nom: Bordeaux\n\ttype: ville\n", "tabulation interdite : indentez avec des espaces"),
        ("nom: 'L'Isle'\n", "une apostrophe dans une valeur entre apostrophes se double"),
    ],
)
def test_parser_messages_are_explained_in_french(mini, broken, expected):
    path = mini / "territoires/33063.yaml"
    path.write_text('code: "33063"\ntype: ville\n' + broken, encoding="utf-8")
    lines = problems_of(mini)
    assert len(lines) == 1, lines
    assert expected in lines[0]
    for english in ("mapping", "expected", "found", "token", "scalar", "while"):
        assert english not in lines[0]


def test_old_code_of_a_merged_commune_is_reported_with_its_new_code(mini):
    from label_data.reference import load_reference

    ref = load_reference()
    old, new = next(
        (o, n)
        for o, n in sorted(ref.anciens_codes.items())
        if o != n and n not in ("33063", "01001")
    )
    (mini / "territoires" / f"{new}.yaml").write_text(
        f'code: "{new}"\ntype: village\n', encoding="utf-8"
    )
    edit(
        mini / "palmares/2024.yaml",
        "laureats:\n",
        f'laureats:\n  - territoire: "{old}"\n    arobases: 1\n',
    )
    dataset, problems = validate(mini)
    assert problems.lines() == []
    laureate = next(la for la in dataset.editions[2024].laureates if la.code_given == old)
    assert laureate.territoire == new


def test_cli_prints_sorted_problems_and_a_count_without_traceback(mini):
    edit(mini / "palmares/2025.yaml", "arobases: 5", "arobases: 6")
    edit(mini / "actions/33063.yaml", "[budget-participatif]", "[vote-papier]")
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts/validate.py")],
        env={"DATA": str(mini), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 1
    lines = run.stdout.strip().splitlines()
    assert "actions/33063.yaml:1:3: service" in lines[0]
    assert "palmares/2025.yaml:10:15: arobases" in lines[1]
    assert lines[-1] == "Données invalides : 2 erreurs. Corrigez puis relancez."
    assert "Traceback" not in run.stdout + run.stderr


def test_demo_data_is_valid():
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts/validate.py")],
        env={
            "DATA": str(ROOT / "data"),
            "NOW": "2026-06-01T12:00:00+02:00",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout
    assert "Données valides" in run.stdout
    assert "2027 : SOUS EMBARGO" in run.stdout
    assert textwrap.dedent("2026 : publiée") in run.stdout


BREAKAGES = [
    ("palmares/2025.yaml", "arobases: 5", "arobases: 0"),
    ("palmares/2025.yaml", "arobases: 5", "arobases: 6"),
    ("palmares/2025.yaml", 'territoire: "243300316"', 'territoire: "33"'),
    ("territoires/243300316.yaml", "type: territoire", "type: village"),
    ("palmares/2025.yaml", "arobases: 3", "arobases: 2"),
    ("actions/33063.yaml", "[budget-participatif]", "[vote-papier]"),
    ("palmares/2025.yaml", 'territoire: "243300316"', 'territoire: "69123"'),
    ("actions/01001.yaml", "id: abergement-wifi", "id: bordeaux-budget"),
    ("palmares/2025.yaml", "    arobases: 3\n", "    arobases: 3\n   mentions: [\n"),
    ("palmares/2025.yaml", "    arobases: 5", "    arobase: 5"),
    ("actions/01001.yaml", "mise_a_jour: 2024-05-01", "mise_a_jour: 2025-13-01"),
    ("territoires/33063.yaml", "[2024, 2025]", "[2024]"),
]
# Hostile and careless input (issue 13): ids that become paths, invisible characters, huge
# names, empty files. Each is reported in the very file broken.
HOSTILE = [
    ("referentiel.yaml", "  - id: identite\n", '  - id: "../../../x"\n'),
    ("referentiel.yaml", "  - id: identite\n", '  - id: "../territoires/paris-75056"\n'),
    ("actions/33063.yaml", "id: bordeaux-budget", 'id: "bordeaux-budget\\n"'),
    ("actions/33063.yaml", "id: bordeaux-budget", "id: " + "b" * 400),
    ("territoires/33063.yaml", "nom: Bordeaux", 'nom: "Bor\\0deaux"'),
    ("territoires/33063.yaml", "nom: Bordeaux", 'nom: "Bor\\vdeaux"'),
    ("territoires/33063.yaml", "nom: Bordeaux", 'nom: "Bor\\uFFFEdeaux"'),
    ("territoires/33063.yaml", "nom: Bordeaux", "nom: " + "Bordeaux" * 80),
    ("palmares/2025.yaml", PALMARES_2025, ""),
    ("palmares/2024.yaml", PALMARES_2024, "# à remplir après le jury\n"),
    ("actions/01001.yaml", ACTIONS_01001, ""),
]


@pytest.fixture(scope="module")
def built_mini(tmp_path_factory):
    """The mini dataset built once: the site every failed build must leave as it was."""
    import hashlib

    base = tmp_path_factory.mktemp("intact")
    data = write_mini(base / "data")
    output = base / "output"
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts/build.py")],
        cwd=ROOT,
        env={
            "DATA": str(data),
            "OUTPUTDIR": str(output),
            "PATH": "/usr/bin:/bin",
            "CACHEDIR": str(base / "cache"),
            "NOW": "2026-06-01T12:00:00+02:00",
        },
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]

    def snapshot() -> dict[str, str]:
        return {
            str(p.relative_to(output)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*"))
            if p.is_file()
        }

    return data, output, snapshot, snapshot()


def _bomb(data: Path) -> None:
    levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for prev, name in zip("abcde", "bcdef", strict=True):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    (data / "palmares/2025.yaml").write_text("\n".join(levels) + "\n", encoding="utf-8")


def _link_outside(data: Path) -> None:
    outside = data.parent / "ailleurs.yaml"
    outside.write_text(ACTIONS_01001, encoding="utf-8")
    (data / "actions/01001.yaml").unlink()
    (data / "actions/01001.yaml").symlink_to(outside)


FILE_BREAKAGES = {
    "territoires/99999.yaml (un dossier)": lambda d: (d / "territoires/99999.yaml").mkdir(),
    "palmares/2023.yaml (lien cassé)": lambda d: (d / "palmares/2023.yaml").symlink_to(
        d / "nulle-part.yaml"
    ),
    "actions/01001.yaml (lien hors des données)": _link_outside,
    "referentiel.yaml (vide)": lambda d: (d / "referentiel.yaml").write_text(""),
    "actions/01001.yaml (10 Mo)": lambda d: edit(
        d / "actions/01001.yaml", "titre: Wi-Fi public", "titre: " + "W" * 10_000_000
    ),
    "palmares/2025.yaml (alias)": _bomb,
}


@pytest.mark.parametrize(
    "breakage", BREAKAGES + HOSTILE, ids=[f"{b[0]}:{b[2][:40]}" for b in BREAKAGES + HOSTILE]
)
def test_a_failed_build_names_the_line_and_leaves_the_previous_site_intact(
    built_mini, tmp_path, breakage
):
    name, old, new = breakage
    exact = breakage in HOSTILE
    _assert_refused(built_mini, tmp_path, name, lambda d: edit(d / name, old, new), exact)


@pytest.mark.parametrize("case", sorted(FILE_BREAKAGES))
def test_a_careless_file_fails_the_build_at_its_line_and_leaves_the_site_intact(
    built_mini, tmp_path, case
):
    _assert_refused(built_mini, tmp_path, case.split(" ")[0], FILE_BREAKAGES[case])


def _assert_refused(built_mini, tmp_path, name: str, breaks, exact: bool = True) -> None:
    import shutil

    data, output, snapshot, before = built_mini
    broken = tmp_path / "data"
    shutil.copytree(data, broken)
    breaks(broken)
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts/build.py")],
        cwd=ROOT,
        env={
            "DATA": str(broken),
            "OUTPUTDIR": str(output),
            "PATH": "/usr/bin:/bin",
            "CACHEDIR": str(tmp_path / "cache"),
            "NOW": "2026-06-01T12:00:00+02:00",
        },
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1, run.stderr[-2000:]
    assert "Traceback" not in run.stdout + run.stderr
    # Exact: at a line of the file broken; else of any data file (a rule spans two files).
    shown = re.escape(display_path(broken / name) if exact else display_path(broken) + "/")
    assert re.search(rf"^{shown}\S*:\d+:\d+: ", run.stderr, re.M), run.stderr[-3000:]
    assert "Le site précédent" in run.stderr and "est intact" in run.stderr
    assert snapshot() == before
