"""The schema (label_data.schema): one rule and one message per field, whether the value comes
from a YAML file (the loader) or from an import about to be written (plain values)."""

from pathlib import Path

import pytest
import yaml
from label_data import schema
from label_data.load import load_dataset
from label_data.problems import Problems
from label_data.validate import validate
from label_data.yamlload import Loader, Reader

# (mapping, field, the value as YAML text, the same value as an importer holds it)
CASES = [
    (schema.ACTION, "id", "Bordeaux_Budget", "Bordeaux_Budget"),
    (schema.ACTION, "id", "bordeaux-budget/../x", "bordeaux-budget/../x"),
    (schema.ACTION, "titre", '"Budget\\u0007participatif"', "Budget\u0007participatif"),
    (schema.ACTION, "description", '"x\\u000by"', "x\u000by"),
    (schema.ACTION, "lien", "www.example.org", "www.example.org"),
    (schema.CARRIER, "type", "mairie", "mairie"),
    (schema.TERRITORY, "type", "commune", "commune"),
    (schema.PHOTO, "fichier", "../photo.jpg", "../photo.jpg"),
    (schema.PHOTO, "fichier", "panneau.gif", "panneau.gif"),
    (schema.LAUREATE, "arobases", "6", 6),
    (schema.LAUREATE, "alerte", "oui", "oui"),
    (schema.MENTION, "id", "Transition_Ecologique", "Transition_Ecologique"),
    (schema.LAUREATE, "note_jury", '"' + "x" * 20_001 + '"', "x" * 20_001),
]


def _decoded(mapping: schema.Mapping, name: str, text: str) -> list[str]:
    problems = Problems()
    field = mapping.by_name[name]
    node = yaml.compose(text, Loader=Loader)
    field.type.decode(Reader("f.yaml", problems), node, field.what)
    return [p.message for p in problems.items]


@pytest.mark.parametrize(("mapping", "name", "text", "value"), CASES)
def test_the_loader_and_the_importers_give_the_same_message(mapping, name, text, value):
    from_file = _decoded(mapping, name, text)
    assert len(from_file) == 1
    assert mapping.check_field(name, value) == from_file[0]


@pytest.mark.parametrize(
    ("mapping", "name", "value"),
    [
        (schema.ACTION, "id", "bordeaux-budget-participatif"),
        (schema.ACTION, "lien", "https://www.bordeaux.fr"),
        (schema.CARRIER, "type", "collectivite"),
        (schema.LAUREATE, "arobases", 5),
        (schema.PHOTO, "fichier", "bordeaux-2025.jpg"),
    ],
)
def test_good_values_pass_both_ways(mapping, name, value):
    assert mapping.check_field(name, value) is None
    text = value if isinstance(value, str) else str(value)
    assert _decoded(mapping, name, text) == []


def test_a_plain_action_is_checked_field_by_field_with_paths():
    action = {
        "id": "ok-id",
        "titre": "Titre",
        "categorie": "vivre-ensemble",
        "services": ["a"],
        "mise_a_jour": "2025-01-01",  # text, not a date
        "lieux": [{"nom": "Mairie", "position": {"lat": 91.0, "lon": 0.0}}],
        "inconnu": 1,
    }
    found = dict(schema.ACTION.problems(action))
    assert found == {
        "inconnu": "champ inconnu « inconnu » dans l’action",
        "mise_a_jour": "mise_a_jour doit être une date AAAA-MM-JJ (lu : « 2025-01-01 »)",
        "lieux.position": "position impossible (lat 91.0, lon 0.0) : la latitude va de -90 à 90, "
        "la longitude de -180 à 180",
    }


def test_nested_fields_of_a_private_field_are_private():
    private = {path for path, field in schema.walk(schema.TERRITORY) if field.private}
    assert {"contact", "contact.courriel", "cotisations"} <= private
    assert "position.lat" not in private


def _three_categories(data: Path) -> Path:
    path = data / "referentiel.yaml"
    text = path.read_text(encoding="utf-8")
    line = '  - {id: creation-richesses, nom: "Création de richesses"}\n'
    assert line in text
    path.write_text(text.replace(line, ""), encoding="utf-8")
    return path


def test_four_categories_is_a_rule_not_a_field_check(data_copy):
    """R6 belongs to the rules: the loader reads three categories without complaint, the
    checker (loader then rules) refuses them at the list's line."""
    path = _three_categories(data_copy)
    loaded = Problems()
    load_dataset(data_copy, loaded)
    assert [p for p in loaded.items if "R6" in p.message] == []
    _, problems = validate(data_copy)
    [problem] = [p for p in problems.errors if "catégories" in p.message]
    assert problem.message == "le référentiel doit avoir exactement 4 catégories (R6), il en a 3"
    line = path.read_text(encoding="utf-8").splitlines().index("categories:") + 1
    assert (problem.where.line, problem.where.column) == (line + 1, 3)


def test_an_action_without_services_is_reported_not_a_traceback(data_copy):
    """The loader once read « services » with f["services"]: a KeyError, not a message."""
    import re

    path = data_copy / "actions" / "33063.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\n  services: \[[^\]]*\]", "", text, count=1), encoding="utf-8")
    _, problems = validate(data_copy)
    messages = [p.message for p in problems.errors]
    assert "le champ obligatoire « services » manque dans l’action" in messages
