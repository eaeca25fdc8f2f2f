"""Every data field the loader accepts is documented in docs/DATA_FORMAT.md (Datasette's way)."""

from pathlib import Path

from label_data import load

DOC = (Path(__file__).resolve().parent.parent / "docs" / "DATA_FORMAT.md").read_text(
    encoding="utf-8"
)


def test_every_accepted_field_is_documented():
    fields = (
        load.TERRITORY_FIELDS
        + load.EDITION_FIELDS
        + load.LAUREATE_FIELDS
        + load.ACTION_FIELDS
        + ["demo", "categories", "enjeux", "services"]
    )
    missing = [f for f in fields if f"| `{f}` |" not in DOC]
    assert missing == []


def test_private_fields_are_marked_private():
    for field in ("cotisations", "contact", "alerte", "note_jury"):
        line = next(li for li in DOC.splitlines() if f"| `{field}` |" in li)
        assert "PRIVATE" in line


FRENCH = (Path(__file__).resolve().parent.parent / "docs" / "format-des-donnees.md").read_text(
    encoding="utf-8"
)


def test_every_accepted_field_is_in_the_staff_reference_in_french():
    fields = (
        load.TERRITORY_FIELDS
        + load.EDITION_FIELDS
        + load.LAUREATE_FIELDS
        + load.ACTION_FIELDS
        + ["demo", "categories", "enjeux", "services"]
    )
    assert [f for f in fields if f"| `{f}` |" not in FRENCH] == []
    for field in ("cotisations", "contact", "alerte", "note_jury"):
        line = next(li for li in FRENCH.splitlines() if f"| `{field}` |" in li)
        assert "**PRIVÉ**" in line
