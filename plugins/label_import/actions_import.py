"""An Atlaas export of actions (CSV, JSON or workbook) → the contents of ``actions/<code>.yaml``.

In: the export's path (columns documented in scripts/import_actions.py; for an .xlsx or .ods,
the sheet to read, else its first), the dataset already in the data directory (territories,
référentiel, actions in place) and the reference data. Out: for each collectivity in the export,
its list of actions as plain values in the data contract's shape; or every bad row in
``ImportProblems``. Rows sharing an id add places to one action.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from label_data.model import CARRIER_TYPES, Action, Dataset
from label_data.reference import Reference
from label_data.schema import ACTION, CARRIER

from .matching import Matcher, MatchError
from .table import ImportProblems, Row, fold, read_table

COLUMNS = {
    "id": ["identifiant", "id action"],
    "code": ["code insee", "siren", "collectivite", "code collectivite"],
    "titre": ["titre", "nom de l action", "intitule"],
    "description": [],
    "categorie": ["categorie"],
    "services": ["service"],
    "porteur": ["porteur nom", "nom du porteur"],
    "type_porteur": ["type porteur", "type du porteur", "porteur type"],
    "acteurs": ["acteur"],
    "debut": ["date debut", "date de debut"],
    "fin": ["date fin", "date de fin"],
    "mise_a_jour": ["mise a jour", "date de mise a jour", "maj", "derniere mise a jour"],
    "lieu": ["lieu nom", "nom du lieu"],
    "adresse": ["lieu adresse"],
    "lat": ["latitude"],
    "lon": ["lng", "longitude"],
    "lien": ["url", "site"],
    "courriel_contact": ["contact courriel", "email contact", "courriel"],
}
REQUIRED = (("id",), ("code",), ("titre",), ("categorie",), ("services",), ("mise_a_jour",))
# What each action key is made of: a column absent from the export keeps the file's value.
KEY_COLUMNS = {
    "description": ("description",),
    "porteur": ("porteur", "type_porteur"),
    "acteurs": ("acteurs",),
    "debut": ("debut",),
    "fin": ("fin",),
    "lieux": ("lieu",),
    "lien": ("lien",),
    "contact": ("courriel_contact",),
}
# The export's column for a field of the schema (when not the field's own name).
SCHEMA_COLUMNS = {
    "porteur.nom": "porteur",
    "porteur.type": "type_porteur",
    "lieux": "lieu",
    "lieux.nom": "lieu",
    "lieux.adresse": "adresse",
    "lieux.position": "lat",
    "lieux.position.lat": "lat",
    "lieux.position.lon": "lon",
    "contact": "courriel_contact",
    "contact.courriel": "courriel_contact",
}
CARRIERS = {fold(t): t for t in CARRIER_TYPES} | {
    "commune": "collectivite",
    "mairie": "collectivite",
    "etablissement scolaire": "ecole",
}


def read_rows(
    path: Path, problems: ImportProblems, sheet: str | None = None
) -> tuple[list[Row], tuple[str, ...]] | None:
    """Rows of a CSV, workbook or JSON export (JSON: a list of objects, or {"actions": [...]})."""
    if Path(path).suffix.lower() != ".json":
        table = read_table(path, COLUMNS, REQUIRED, problems, sheet)
        if table and problems.sheet:  # which sheet was read, when the workbook has several
            n = len(table.rows)
            problems.notes.append(
                f"{problems.source} : {n} ligne{'s' * (n > 1)} lue{'s' * (n > 1)} ({table.read_as})"
            )
        return (list(table.rows), table.columns) if table else None
    problems.unit, problems.field_word = "enregistrement", "champ"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.add(0, "", f"JSON illisible ({exc})")
        return None
    records = data.get("actions") if isinstance(data, dict) else data
    if not isinstance(records, list):
        problems.add(0, "", 'une liste d’actions est attendue (ou un objet {"actions": [...]})')
        return None
    variants = {fold(v): name for name, vs in COLUMNS.items() for v in (name, *vs)}
    rows, seen = [], set()
    for n, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            problems.add(n, "", "chaque enregistrement doit être un objet")
            continue
        cells = {}
        for key, value in record.items():
            name = variants.get(fold(key))
            if name is None:
                continue
            if isinstance(value, list):
                value = "|".join(str(v) for v in value)
            elif isinstance(value, dict):
                problems.add(n, key, "valeur simple ou liste attendue, pas un objet")
                continue
            cells[name] = "" if value is None else str(value).strip()
            seen.add(name)
        rows.append(Row(n, cells))
    return rows, tuple(seen | {g[0] for g in REQUIRED})


def parse_date(text: str) -> dt.date | None:
    """AAAA-MM-JJ, JJ/MM/AAAA or an ISO date and time (its date)."""
    text = text.strip()
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        return dt.date.fromisoformat(text[:10]) if re.match(r"\d{4}-\d\d-\d\d", text) else None
    except ValueError:
        return None


def import_actions(
    path: Path,
    dataset: Dataset,
    reference: Reference,
    problems: ImportProblems,
    sheet: str | None = None,
) -> dict[str, list[dict]] | None:
    """code -> the actions of that collectivity, in the export's order; None on any problem."""
    read = read_rows(path, problems, sheet)
    if read is None:
        return None
    rows, columns = read
    matcher = Matcher(reference, {c: t.nom for c, t in dataset.territories.items()})
    by_code: dict[str, dict[str, dict]] = {}
    first: dict[str, tuple[int, str, dict]] = {}
    for row in rows:
        parsed = _row(row, dataset, matcher, problems)
        if parsed is None:
            continue
        code, action = parsed
        if action["id"] in first:
            line, code0, action0 = first[action["id"]]
            rest = {k: v for k, v in action.items() if k != "lieux"}
            if code0 == code and rest == {k: v for k, v in action0.items() if k != "lieux"}:
                action0.setdefault("lieux", []).extend(action.get("lieux", []))
            else:
                problems.add(
                    row.line,
                    "id",
                    f"l’action « {action['id']} » figure déjà "
                    f"{problems.unit} {line} avec d’autres valeurs : un id par action",
                )
            continue
        first[action["id"]] = (row.line, code, action)
        by_code.setdefault(code, {})[action["id"]] = action
    if problems:
        return None
    result = {}
    for code, actions in sorted(by_code.items()):
        old = {a.id: a for a in dataset.actions_by_territory.get(code, ())}
        for ident, action in actions.items():
            if ident in old:
                _keep_absent_columns(action, old[ident], columns)
        order = [*(i for i in old if i in actions), *(i for i in actions if i not in old)]
        result[code] = [actions[i] for i in order]
    return result


def _row(row: Row, dataset: Dataset, matcher: Matcher, problems: ImportProblems):
    """One row → (code, action) in the contract's shape, or None with its problems added."""

    def bad(column: str, message: str) -> None:
        problems.add(row.line, column, message)

    before = len(problems.items)
    ident = row.get("id")
    # The checker's own rule and message: an id it would refuse is never written.
    if problem := ACTION.check_field("id", ident):
        bad("id", problem)
    code = _code(row, dataset, matcher, bad)
    if not row.get("titre"):
        bad("titre", "titre manquant")
    categorie, services = _referentiel_ids(row, dataset, bad)
    action = {
        "id": ident,
        "titre": row.get("titre"),
        "categorie": categorie,
        "services": services,
        **_dates(row, bad),
    }
    action.setdefault("fin", None)  # written « fin: null »: still running (R7)
    action.update(_optional(row, bad))
    # Then every value as the checker will read it, with its message (a column already
    # reported is not reported twice).
    reported = {p.column for p in problems.items[before:]}
    for path, message in ACTION.problems(action):
        column = SCHEMA_COLUMNS.get(path, path.split(".")[0])
        if column not in reported:
            bad(column, message)
    if len(problems.items) > before or code is None:
        return None
    return code, action


def _code(row: Row, dataset: Dataset, matcher: Matcher, bad) -> str | None:
    """The collectivity's code, which must have its file in ``territoires/``."""
    try:
        code = matcher.by_code(row.get("code"), "")[0].code if row.get("code") else None
        if code is None:
            bad("code", "code INSEE ou SIREN de la collectivité manquant")
        elif code not in dataset.territories:
            bad(
                "code",
                f"{matcher.describe(matcher.candidate(code))} n’a pas de fichier "
                f"data/territoires/{code}.yaml : créez-le (ou importez d’abord le palmarès)",
            )
            return None
        return code
    except MatchError as exc:
        bad("code", str(exc))
        return None


def _referentiel_ids(row: Row, dataset: Dataset, bad) -> tuple[str | None, list[str]]:
    """The category and the services, by id or by name, as the référentiel has them (R6)."""
    ref = dataset.referentiel
    wanted = fold(row.get("categorie"))
    categorie = next(
        (c.id for c in ref.categories.values() if wanted in (fold(c.id), fold(c.nom))), None
    )
    if categorie is None:
        bad(
            "categorie",
            f"catégorie « {row.get('categorie')} » inconnue (R6) : "
            + ", ".join(c.id for c in ref.categories.values()),
        )
    services: list[str] = []
    for part in filter(None, (p.strip() for p in row.get("services").split("|"))):
        found = next(
            (s.id for s in ref.services.values() if fold(part) in (fold(s.id), fold(s.nom))), None
        )
        if found is None:
            bad("services", f"service « {part} » inconnu du référentiel (R6)")
        elif found not in services:
            services.append(found)
    if not row.get("services"):
        bad("services", "au moins un service du référentiel est requis (R6), séparés par |")
    return categorie, services


def _dates(row: Row, bad) -> dict[str, dt.date]:
    dates = {}
    for key in ("debut", "fin", "mise_a_jour"):
        if row.get(key):
            dates[key] = parse_date(row.get(key))
            if dates[key] is None:
                bad(key, f"date illisible « {row.get(key)} » : AAAA-MM-JJ ou JJ/MM/AAAA")
    if not row.get("mise_a_jour"):
        bad("mise_a_jour", "date de mise à jour manquante (R7)")
    return {k: v for k, v in dates.items() if v}


def _optional(row: Row, bad) -> dict:
    """The keys an export may leave empty: description, carrier, actors, place, link, contact."""
    out: dict = {}
    description = "\n".join(ln.rstrip() for ln in row.get("description").strip().splitlines())
    if description:
        out["description"] = description + ("\n" if "\n" in description else "")
    if row.get("porteur") or row.get("type_porteur"):
        kind = CARRIERS.get(fold(row.get("type_porteur")))
        if kind is None:
            bad("type_porteur", CARRIER.check_field("type", row.get("type_porteur")) or "")
        out["porteur"] = {"nom": row.get("porteur"), "type": kind or ""}
    acteurs = [a.strip() for a in row.get("acteurs").split("|") if a.strip()]
    if acteurs:
        out["acteurs"] = acteurs
    place = _place(row, bad)
    if place:
        out["lieux"] = [place]
    if row.get("lien"):
        out["lien"] = row.get("lien")  # checked with the schema's rule, in _row
    if row.get("courriel_contact"):
        out["contact"] = {"courriel": row.get("courriel_contact")}
    return out


def _place(row: Row, bad) -> dict | None:
    lat, lon = row.get("lat").replace(",", "."), row.get("lon").replace(",", ".")
    if not (row.get("lieu") or row.get("adresse") or lat or lon):
        return None
    if not row.get("lieu"):
        bad("lieu", "un lieu avec une adresse ou une position doit avoir un nom")
    place = {"nom": row.get("lieu")}
    if row.get("adresse"):
        place["adresse"] = row.get("adresse")
    if lat or lon:
        try:
            position = {"lat": float(lat), "lon": float(lon)}
        except ValueError:
            bad(
                "lat", f"latitude et longitude doivent être des nombres (lu : « {lat} », « {lon} »)"
            )
            return place
        place["position"] = position  # its range: the schema's rule, in _row
    return place


def _keep_absent_columns(action: dict, old: Action, columns) -> None:
    for key, needed in KEY_COLUMNS.items():
        if needed[0] in columns:
            continue
        value = _model_value(old, key)
        if value or key == "fin":
            action[key] = value


def _model_value(old: Action, key: str):
    if key == "porteur":
        return {"nom": old.porteur.nom, "type": old.porteur.type} if old.porteur else None
    if key == "lieux":
        return [
            {
                "nom": p.nom,
                **({"adresse": p.adresse} if p.adresse else {}),
                **(
                    {"position": {"lat": p.position.lat, "lon": p.position.lon}}
                    if p.position
                    else {}
                ),
            }
            for p in old.lieux
        ]
    if key == "contact":
        c = old.contact
        return (
            {
                k: v
                for k, v in (("nom", c.nom), ("courriel", c.courriel), ("telephone", c.telephone))
                if v
            }
            if c
            else None
        )
    if key == "acteurs":
        return list(old.acteurs)
    return getattr(old, key)
