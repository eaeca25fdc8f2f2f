"""One row of the jury's spreadsheet → a laureate's values (``label_import.csv_palmares``).

In: the row (cells by canonical column), the matcher of collectivities, the edition's mentions
and year. Out: (the laureate's values as ``palmares/<année>.yaml`` holds them, the collectivity
the row names, the type its « type » cell gives), or None; every problem of the row told at its
line and column, in the columns' order, with the checker's own rules and messages (R1, R8).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from label_data.schema import LAUREATE

from .matching import Matcher, MatchError
from .table import ImportProblems, Row, fold, parse_flag

KIND_WORDS = {
    "ville": "ville",
    "village": "village",
    "territoire": "territoire",
    "intercommunalite": "territoire",
    "epci": "territoire",
}


def parse_level(text: str) -> int | None:
    """« 4 », « 4 @ », « @@@@ », « 4,0 » → 4; anything else → None."""
    value = text.strip().replace("\u00a0", " ")
    if value and set(value.replace(" ", "")) == {"@"}:
        return value.count("@")
    match = re.fullmatch(r"(\d+)(?:[.,]0+)?\s*(?:@|arobases?)?", value, flags=re.IGNORECASE)
    return int(match[1]) if match else None


Bad = Callable[[str, str], None]  # a problem at this row: (column, message)


def read_row(
    row: Row,
    columns,
    headers,
    matcher: Matcher,
    mentions: dict,
    annee: int,
    problems: ImportProblems,
):
    """One row as (laureate's values, the collectivity it names, the type its cell gives), or
    None; every problem of the row is told, in the columns' order."""

    def bad(column: str, message: str) -> None:
        problems.add(row.line, headers.get(column, column), message)

    candidate = _candidate(row, columns, matcher, problems, bad)
    level = _level(row, bad)
    held = _held_mentions(row, mentions, annee, bad)
    flags = {}
    for flag in ("excellence", "alerte"):
        value = parse_flag(row.get(flag))
        if value is None:
            bad(flag, f"écrivez oui ou non (lu : « {row.get(flag)} »)")
        flags[flag] = bool(value)
    kind = _kind(row, candidate, bad)
    if candidate is None or level is None:
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


def _candidate(row: Row, columns, matcher: Matcher, problems: ImportProblems, bad: Bad):
    """The collectivity the row names: by its code (the name then checked), else by name."""
    code_cell, nom = row.get("code"), row.get("nom")
    try:
        if code_cell:
            candidate, notes = matcher.by_code(code_cell, nom)
            for note in notes:
                problems.note(row.line, note)
            return candidate
        if nom:
            return matcher.by_name(nom, row.get("departement"))
        bad(
            "nom" if "nom" in columns else "code",
            "ni code ni nom : indiquez le code INSEE "
            "(ou SIREN) ou le nom de la collectivité, ou supprimez la ligne",
        )
    except MatchError as exc:
        bad(exc.column, str(exc))
    return None


def _level(row: Row, bad: Bad) -> int | None:
    """The number of @, from 1 to 5 (None, told, otherwise)."""
    level = parse_level(row.get("arobases"))
    if not row.get("arobases"):
        bad("arobases", "niveau manquant : écrivez un nombre d’arobases de 1 à 5")
    elif level is None or not 1 <= level <= 5:
        bad("arobases", f"le niveau doit être un entier de 1 à 5 (lu : « {row.get('arobases')} »)")
    return level if level is not None and 1 <= level <= 5 else None


def _held_mentions(row: Row, mentions: dict, annee: int, bad: Bad) -> list[str]:
    """The ids of the mentions the cell names (by id or name), in the edition's order."""
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
    return held


def _kind(row: Row, candidate, bad: Bad) -> str | None:
    """The type the « type » cell gives, if any; it must fit the collectivity (R1)."""
    kind = KIND_WORDS.get(fold(row.get("type"))) if row.get("type") else None
    if row.get("type") and kind is None:
        bad("type", f"type « {row.get('type')} » inconnu : écrivez ville, village ou territoire")
    if candidate is not None and kind and (kind == "territoire") != candidate.epci:
        bad(
            "type",
            f"{candidate.nom} ({candidate.code}) ne peut pas être de type « {kind} » : "
            "ville ou village pour une commune, territoire pour une intercommunalité (R1)",
        )
    return kind
