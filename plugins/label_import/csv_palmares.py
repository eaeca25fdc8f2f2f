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
import re
from dataclasses import dataclass, field
from pathlib import Path

from label_data.model import Dataset, Edition
from label_data.reference import Reference
from label_data.schema import EDITION, LAUREATE

from .matching import Matcher, MatchError
from .table import ImportProblems, Row, fold, parse_flag, read_table

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
KIND_WORDS = {
    "ville": "ville",
    "village": "village",
    "territoire": "territoire",
    "intercommunalite": "territoire",
    "epci": "territoire",
}


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


def parse_level(text: str) -> int | None:
    """« 4 », « 4 @ », « @@@@ », « 4,0 » → 4; anything else → None."""
    value = text.strip().replace("\u00a0", " ")
    if value and set(value.replace(" ", "")) == {"@"}:
        return value.count("@")
    match = re.fullmatch(r"(\d+)(?:[.,]0+)?\s*(?:@|arobases?)?", value, flags=re.IGNORECASE)
    return int(match[1]) if match else None


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
    plural = "s" * (len(table.rows) > 1)
    problems.notes.append(
        f"{problems.source} : {len(table.rows)} ligne{plural} lue{plural} ({table.read_as})"
    )
    if table.ignored:
        problems.note(0, "colonnes ignorées : " + ", ".join(f"« {h} »" for h in table.ignored))
    existing = dataset.editions.get(annee)
    mentions = _mentions(existing, dataset, annee)
    # A new edition without embargo: label_import.embargo says so, with a date to give.
    embargo = embargo or (existing.embargo if existing else None)
    matcher = Matcher(reference, {c: t.nom for c, t in dataset.territories.items()})
    old = {lau.territoire: lau for lau in existing.laureates} if existing else {}
    laureats: dict[str, dict] = {}
    first_line: dict[str, int] = {}
    named_by: dict[str, str] = {}
    new_territories: dict[str, dict] = {}
    dues: list[str] = []
    for row in table.rows:
        entry = _row(row, table.columns, table.headers, matcher, mentions, annee, problems)
        if entry is None:
            continue
        lau, candidate, kind = entry
        code = lau["territoire"]
        if code in first_line:
            problems.add(
                row.line,
                table.headers.get("code") or table.headers["nom"],
                f"{candidate.nom} ({code}) figure déjà ligne {first_line[code]}",
            )
            continue
        first_line[code] = row.line
        named_by[code] = table.headers["code" if row.get("code") else "nom"]
        if _paid(row, table.headers, annee, dues_all, problems):
            dues.append(code)
        _keep_absent_columns(lau, old.get(code), table.columns)
        laureats[code] = lau
        if code in dataset.territories:
            known = dataset.territories[code].type
            if kind and known and kind != known:
                problems.note(
                    row.line,
                    f"{candidate.nom} ({code}) : type « {kind} » dans le tableur, « {known} » dans "
                    f"data/territoires/{code}.yaml : le fichier existant est gardé",
                )
        else:
            new_territories[code] = _new_territory(candidate, kind)
    if problems or embargo is None:
        return None
    edition = {
        "edition": annee,
        "embargo": embargo,
        "ceremonie": {
            "date": ceremonie_date
            or (existing.ceremonie_date if existing else None)
            or embargo.date(),
            "lieu": lieu or (existing.ceremonie_lieu if existing else None),
        },
        "mentions": [{"id": m.id, "nom": m.nom} for m in mentions.values()],
        # The file's order is kept (a short diff), newcomers follow by code: deterministic.
        "laureats": [
            laureats[c]
            for c in [
                *(c for c in old if c in laureats),
                *sorted(c for c in laureats if c not in old),
            ]
        ],
    }
    if not _edition_ok(edition, problems):
        return None
    return PalmaresImport(
        edition,
        [new_territories[c] for c in sorted(new_territories)],
        sorted(dues),
        first_line,
        dict(table.headers),
        named_by,
        problems.place,
    )


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


def _row(
    row: Row,
    columns,
    headers,
    matcher: Matcher,
    mentions: dict,
    annee: int,
    problems: ImportProblems,
):
    def bad(column: str, message: str) -> None:
        problems.add(row.line, headers.get(column, column), message)

    code_cell, nom = row.get("code"), row.get("nom")
    candidate = None
    try:
        if code_cell:
            candidate, notes = matcher.by_code(code_cell, nom)
            for note in notes:
                problems.note(row.line, note)
        elif nom:
            candidate = matcher.by_name(nom, row.get("departement"))
        else:
            bad(
                "nom" if "nom" in columns else "code",
                "ni code ni nom : indiquez le code INSEE "
                "(ou SIREN) ou le nom de la collectivité, ou supprimez la ligne",
            )
    except MatchError as exc:
        bad(exc.column, str(exc))
    level = parse_level(row.get("arobases"))
    if not row.get("arobases"):
        bad("arobases", "niveau manquant : écrivez un nombre d’arobases de 1 à 5")
    elif level is None or not 1 <= level <= 5:
        bad("arobases", f"le niveau doit être un entier de 1 à 5 (lu : « {row.get('arobases')} »)")
    held = []
    for part in filter(None, (p.strip() for p in re.split(r"[,;|]", row.get("mentions")))):
        found = next(
            (m.id for m in mentions.values() if fold(part) in (fold(m.id), fold(m.nom))), None
        )
        if found is None:
            known = ", ".join(f"« {m.nom} »" for m in mentions.values()) or "aucune"
            bad(
                "mentions",
                f"mention « {part} » inconnue pour l’édition {annee} (connues : "
                f"{known}) ; pour une nouvelle mention, déclarez-la dans « mentions » de "
                f"palmares/{annee}.yaml",
            )
        elif found not in held:
            held.append(found)
    order = list(mentions)
    held.sort(key=order.index)  # the edition's order, whatever the cell's
    flags = {}
    for flag in ("excellence", "alerte"):
        value = parse_flag(row.get(flag))
        if value is None:
            bad(flag, f"écrivez oui ou non (lu : « {row.get(flag)} »)")
        flags[flag] = bool(value)
    kind = KIND_WORDS.get(fold(row.get("type"))) if row.get("type") else None
    if row.get("type") and kind is None:
        bad("type", f"type « {row.get('type')} » inconnu : écrivez ville, village ou territoire")
    if candidate is not None and kind and (kind == "territoire") != candidate.epci:
        bad(
            "type",
            f"{candidate.nom} ({candidate.code}) ne peut pas être de type « {kind} » : "
            "ville ou village pour une commune, territoire pour une intercommunalité (R1)",
        )
    if candidate is None or level is None or not 1 <= level <= 5:
        return None
    lau = {
        "territoire": candidate.code,
        "arobases": level,
        "mentions": held,
        **flags,
        "note_jury": row.get("note_jury") or None,
    }
    for path, message in LAUREATE.problems(lau):  # the checker's rules and messages
        bad(path.split(".")[0], message)
    return lau, candidate, kind


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
    shown = f"{pop:,}".replace(",", "\u202f")
    return {
        "code": candidate.code,
        "nom": candidate.nom,
        "type": kind,
        "why": f"type {kind} déduit de la population ({shown}\u00a0hab. {sign} 3\u202f500)",
    }
