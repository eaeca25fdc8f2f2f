"""Every data field the schema declares, nested fields included, is documented in
docs/DATA_FORMAT.md and in the staff's French reference (Datasette's way)."""

from pathlib import Path

import pytest
from label_data import schema

DOCS = Path(__file__).resolve().parent.parent / "docs"
DOC = (DOCS / "DATA_FORMAT.md").read_text(encoding="utf-8")
FRENCH = (DOCS / "format-des-donnees.md").read_text(encoding="utf-8")


def _rows(text: str) -> dict[tuple[str, str], str]:
    """(first cell, field cell) -> the whole row, for every row of the field tables."""
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) >= 2:
            rows[(cells[0], cells[1])] = line
    return rows


def _declared(language: int) -> list[tuple[str, str, schema.Field]]:
    """(first cell, `dotted.path`, field) for every field of every documented file kind."""
    return [
        (kind.doc_labels[language], f"`{path}`", field)
        for kind in schema.DOCUMENTED
        if kind.doc_labels
        for path, field in schema.walk(kind)
    ]


def test_the_schema_is_walked_with_nested_fields():
    paths = {(label, path) for label, path, _ in _declared(0)}
    assert ("`territoires/<code>.yaml`", "`contact.courriel`") in paths
    assert ("action", "`lieux.position.lat`") in paths
    assert ("`referentiel.yaml`", "`enjeux.question`") in paths
    assert ("laureate", "`note_jury`") in paths


@pytest.mark.parametrize(("text", "language"), [(DOC, 0), (FRENCH, 1)], ids=["en", "fr"])
def test_every_declared_field_is_documented(text, language):
    rows = _rows(text)
    missing = [
        f"{label} {path}" for label, path, _ in _declared(language) if (label, path) not in rows
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("text", "language", "mark"), [(DOC, 0, "PRIVATE"), (FRENCH, 1, "**PRIVÉ**")], ids=["en", "fr"]
)
def test_private_fields_are_marked_private(text, language, mark):
    rows = _rows(text)
    private = [(label, path) for label, path, field in _declared(language) if field.private]
    assert {p for _, p in private} >= {"`cotisations`", "`contact`", "`alerte`", "`note_jury`"}
    assert [p for p in private if p in rows and mark not in rows[p]] == []


@pytest.mark.parametrize(("text", "language"), [(DOC, 0), (FRENCH, 1)], ids=["en", "fr"])
def test_no_documented_field_is_unknown_to_the_schema(text, language):
    labels = {kind.doc_labels[language] for kind in schema.DOCUMENTED if kind.doc_labels}
    declared = {(label, path) for label, path, _ in _declared(language)}
    documented = {key for key in _rows(text) if key[0] in labels}
    assert documented - declared == set()
