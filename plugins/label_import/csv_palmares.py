"""The jury's spreadsheet (.xlsx, .ods or CSV) → the content of ``palmares/<année>.yaml``.

In: the spreadsheet's path (and the workbook's sheet to read, else its first visible one), the
edition's year, its embargo and ceremony, the dataset already in the data directory (for the
edition being replaced, the mentions of the latest edition, the known territories) and the
reference data. Out: the new edition as plain values, the territory files to create, notes for
staff; or every bad row as « fichier.csv, ligne 12, colonne « arobases » :
… » (« jury.xlsx, feuille « Palmarès », ligne 12, … » for a workbook) in ``ImportProblems``.

Columns (header names are case-, accent- and punctuation-insensitive): code (« Code INSEE »,
« SIREN »), nom, departement (helps tell apart homonyms), arobases (« Niveau », « @ »), mentions
(ids or names, separated by , ; or |), excellence, alerte, note du jury, type, cotisation (oui:
the dues for the edition's year are paid; the importer records the year in the territory's
file, R3). A column absent from the spreadsheet keeps, for lauréats already in the file, the
value the file had.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from label_data.model import Dataset, Edition
from label_data.reference import Reference
from label_data.schema import EDITION
from label_data.typo import number

from .matching import Matcher
from .palmares_row import read_row
from .table import ImportProblems, Row, Table, parse_flag, read_table

COLUMNS = {
    "code": [
        "code insee",
        "insee",
        "siren",
        "code insee siren",
        "code insee ou siren",
        "code commune",
        "code collectivite",
    ],
    "nom": ["collectivite", "commune", "nom de la collectivite", "nom collectivite", "laureat"],
    "departement": ["dep", "dept", "departement", "code departement", "n departement"],
    "arobases": [
        "arobase",
        "@",
        "niveau",
        "nombre d arobases",
        "nb arobases",
        "nombre d @",
        "nb @",
        "label",
    ],
    "mentions": ["mention", "mentions thematiques", "mention thematique"],
    "excellence": [
        "territoire d excellence",
        "territoire d excellence numerique",
        "excellence numerique",
    ],
    "alerte": ["alerte stagnation", "alerte jury"],
    "note_jury": ["note jury", "note du jury", "commentaire du jury"],
    "type": ["type de collectivite", "categorie de collectivite"],
    "cotisation": [
        "cotisations",
        "cotisation payee",
        "cotisation reglee",
        "cotisation a jour",
        "adhesion",
        "adhesion a jour",
    ],
}
REQUIRED = (("code", "nom"), ("arobases",))
VILLE_THRESHOLD = 3500  # a commune of fewer inhabitants is filed as a village by default


@dataclass
class PalmaresImport:
    edition: dict  # the values of palmares/<année>.yaml
    new_territories: list[dict] = field(default_factory=list)  # code, nom, type, why
    dues: list[str] = field(default_factory=list)  # codes whose dues for the year are paid (R3)
    rows: dict[str, int] = field(default_factory=dict)  # code -> line of the CSV (sheet's row)
    headers: dict[str, str] = field(default_factory=dict)  # canonical column -> header read
    # code -> the header of the cell that named the collectivity (code, else name)
    named_by: dict[str, str] = field(default_factory=dict)
    source: str = ""  # the file, and a workbook's sheet: « jury.xlsx, feuille « Palmarès » »


def import_palmares(
    path: Path,
    annee: int,
    embargo: dt.datetime | None,
    ceremonie_date: dt.date | None,
    lieu: str | None,
    dataset: Dataset,
    reference: Reference,
    problems: ImportProblems,
    dues_all: bool = False,
    sheet: str | None = None,
) -> PalmaresImport | None:
    """The edition read from the spreadsheet; ``dues_all``: every laureate has paid for
    ``annee`` (a « cotisation » cell saying « non » still wins); ``sheet``: the workbook's."""
    table = read_table(path, COLUMNS, REQUIRED, problems, sheet)
    if table is None:
        return None
    _note_read(table, problems)
    existing = dataset.editions.get(annee)
    mentions = _mentions(existing, dataset, annee)
    # A new edition without embargo: label_import.embargo says so, with a date to give.
    embargo = embargo or (existing.embargo if existing else None)
    old = {lau.territoire: lau for lau in existing.laureates} if existing else {}
    read = _Read(table, old, problems)
    matcher = Matcher(reference, {c: t.nom for c, t in dataset.territories.items()})
    headers = table.headers
    for row in table.rows:
        entry = read_row(row, table.columns, headers, matcher, mentions, annee, problems)
        if entry is not None:
            read.add(row, entry, dataset, partial(_paid, row, headers, annee, dues_all, problems))
    if problems or embargo is None:
        return None
    ceremonie = {
        "date": ceremonie_date or (existing.ceremonie_date if existing else None) or embargo.date(),
        "lieu": lieu or (existing.ceremonie_lieu if existing else None),
    }
    edition = {
        "edition": annee,
        "embargo": embargo,
        "ceremonie": ceremonie,
        "mentions": [{"id": m.id, "nom": m.nom} for m in mentions.values()],
        "laureats": read.laureates(),
    }
    if not _edition_ok(edition, problems):
        return None
    return PalmaresImport(
        edition,
        [read.new_territories[c] for c in sorted(read.new_territories)],
        sorted(read.dues),
        read.first_line,
        dict(table.headers),
        read.named_by,
        problems.place,
    )


def _note_read(table: Table, problems: ImportProblems) -> None:
    """Tell staff how many rows were read, as what, and which columns were left out."""
    plural = "s" * (len(table.rows) > 1)
    problems.notes.append(
        f"{problems.source} : {len(table.rows)} ligne{plural} lue{plural} ({table.read_as})"
    )
    if table.ignored:
        problems.note(0, "colonnes ignorées : " + ", ".join(f"« {h} »" for h in table.ignored))


@dataclass
class _Read:
    """The rows read so far: laureates by code, the row that first named each, the
    collectivities to create and the codes whose dues are paid."""

    table: Table
    old: dict  # code -> the laureate of the edition's file being replaced
    problems: ImportProblems
    laureats: dict[str, dict] = field(default_factory=dict)
    first_line: dict[str, int] = field(default_factory=dict)
    named_by: dict[str, str] = field(default_factory=dict)
    new_territories: dict[str, dict] = field(default_factory=dict)
    dues: list[str] = field(default_factory=list)

    def add(self, row: Row, entry: tuple, dataset: Dataset, paid: Callable[[], bool]) -> None:
        """One laureate's row; ``paid`` is asked only for a row kept (R3)."""
        lau, candidate, kind = entry
        code, headers, problems = lau["territoire"], self.table.headers, self.problems
        if code in self.first_line:
            problems.add(
                row.line,
                headers.get("code") or headers["nom"],
                f"{candidate.nom} ({code}) figure déjà ligne {self.first_line[code]}",
            )
            return
        self.first_line[code] = row.line
        self.named_by[code] = headers["code" if row.get("code") else "nom"]
        if paid():
            self.dues.append(code)
        _keep_absent_columns(lau, self.old.get(code), self.table.columns)
        self.laureats[code] = lau
        if code not in dataset.territories:
            self.new_territories[code] = _new_territory(candidate, kind)
            return
        known = dataset.territories[code].type
        if kind and known and kind != known:
            problems.note(
                row.line,
                f"{candidate.nom} ({code}) : type « {kind} » dans le tableur, « {known} » dans "
                f"data/territoires/{code}.yaml : le fichier existant est gardé",
            )

    def laureates(self) -> list[dict]:
        """The file's order is kept (a short diff), newcomers follow by code: deterministic."""
        kept = [c for c in self.old if c in self.laureats]
        return [self.laureats[c] for c in [*kept, *sorted(set(self.laureats) - set(kept))]]


def _edition_ok(edition: dict, problems: ImportProblems) -> bool:
    """The edition's own values (a ceremony place given on the command line…), as the checker
    will read them; each laureate was checked at its row."""
    for _, message in EDITION.problems({**edition, "laureats": []}):
        problems.add(0, "", message)
    return not problems


def _paid(row: Row, headers, annee: int, dues_all: bool, problems: ImportProblems) -> bool:
    """R3: the « cotisation » cell (oui, non, or the edition's year), else ``dues_all``."""
    cell = row.get("cotisation")
    if not cell:
        return dues_all
    if cell.strip() == str(annee):
        return True
    value = parse_flag(cell)
    if value is None:
        problems.add(
            row.line,
            headers.get("cotisation", "cotisation"),
            f"écrivez oui si la cotisation {annee} est réglée, non sinon (lu : « {cell} »)",
        )
        return False
    return value


def _mentions(existing: Edition | None, dataset: Dataset, annee: int) -> dict:
    """The edition's mentions: its own file's, else those of the latest earlier edition (R8)."""
    if existing is not None:
        return dict(existing.mentions)
    earlier = [e for y, e in dataset.editions.items() if y < annee and e.mentions]
    return dict(max(earlier, key=lambda e: e.annee).mentions) if earlier else {}


def _keep_absent_columns(lau: dict, old, columns) -> None:
    """A column the spreadsheet does not have keeps the value already in the file."""
    if old is None:
        return
    for key, value in (
        ("mentions", list(old.mentions)),
        ("excellence", old.excellence),
        ("alerte", old.alerte),
        ("note_jury", old.note_jury),
    ):
        if key not in columns:
            lau[key] = value


def _new_territory(candidate, kind: str | None) -> dict:
    if candidate.epci:
        return {
            "code": candidate.code,
            "nom": candidate.nom,
            "type": "territoire",
            "why": "type territoire : c’est une intercommunalité (SIREN)",
        }
    if kind:
        return {
            "code": candidate.code,
            "nom": candidate.nom,
            "type": kind,
            "why": f"type {kind} : donné par la colonne type",
        }
    pop = candidate.population
    if pop is None:
        return {
            "code": candidate.code,
            "nom": candidate.nom,
            "type": "ville",
            "why": "type ville : population inconnue, vérifiez",
        }
    kind = "ville" if pop >= VILLE_THRESHOLD else "village"
    sign = "≥" if kind == "ville" else "<"
    shown, threshold = number(pop), number(VILLE_THRESHOLD)  # « 3 500 »: label_data.typo
    return {
        "code": candidate.code,
        "nom": candidate.nom,
        "type": kind,
        "why": f"type {kind} déduit de la population ({shown}\u00a0hab. {sign} {threshold})",
    }
