"""Import an Atlaas export of actions (CSV, JSON, .xlsx or .ods) into ``data/actions/<code>.yaml``.

    .venv/bin/python scripts/import_actions.py export-atlaas.csv [--feuille NOM] [--data data] \\
        [--dry-run] [--force]

    make import-actions FICHIER=export-atlaas.csv [FEUILLE=NOM] [OPTIONS=--dry-run]

Expected columns (CSV header row, ``;`` or ``,``, UTF-8 or Windows-1252; a workbook's header
row, on its first visible sheet or the one ``--feuille`` names; or the keys of each object of a
JSON list). Names are case- and accent-insensitive; * marks a required column:

    id *            the action's identifier (letters, digits, - and _): its page is /actions/<id>/
    code *          INSEE code or SIREN (data/territoires/<code>.yaml must exist)
    titre *         the title
    description     Markdown text (sanitised at build time)
    categorie *     id or name of one of the four categories of referentiel.yaml (R6)
    services *      ids or names of services of referentiel.yaml, separated by |
    porteur         the carrier's name
    type_porteur    collectivite, association, ecole, delegataire or prestataire
    acteurs         other actors, separated by |
    debut, fin      dates (AAAA-MM-JJ or JJ/MM/AAAA); no fin: still running
    mise_a_jour *   date of the last update (R7)
    lieu, adresse   a place's name and address
    lat, lon        its position (decimal degrees; a decimal comma is accepted)
    lien            a web address (https://…)
    courriel_contact  PRIVATE: never published

Several rows with the same id and the same values describe one action with several places.
Each collectivity present in the export gets its file replaced by the export's actions (kept in
the file's order, newcomers after); collectivities absent from the export are left alone; for
actions already in the file, a column absent from the export keeps the file's value. The same
guarantees as the palmarès import: bad rows named by line and column and nothing written, the
result validated by the checker, ``--dry-run``, ``--force`` to replace a file, idempotent.
Exit status: 0 done (or nothing to do), 1 not written, 2 bad arguments.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from label_data.load import load_dataset  # noqa: E402
from label_data.problems import Problems  # noqa: E402
from label_data.reference import load_reference  # noqa: E402
from label_import.actions_import import import_actions  # noqa: E402
from label_import.apply import FileChange, apply  # noqa: E402
from label_import.cli import spreadsheet_parser  # noqa: E402
from label_import.diff import actions_changes, load_plain  # noqa: E402
from label_import.table import ImportProblems  # noqa: E402
from label_import.yaml_writer import actions_yaml  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = spreadsheet_parser(
        __doc__.splitlines()[0],
        "l’export Atlaas",
        "FICHIER=export-atlaas.csv (make)",
        ".csv, .json, .xlsx ou .ods",
    )
    p.add_argument("--data", type=Path, default=Path("data"), help="dossier de données")
    p.add_argument("--dry-run", action="store_true", help="montrer sans rien écrire")
    p.add_argument("--force", action="store_true", help="remplacer les fichiers existants")
    args = p.parse_args(argv)
    source = str(args.fichier)
    problems = ImportProblems(source)
    dataset = load_dataset(args.data, Problems())
    result = import_actions(args.fichier, dataset, load_reference(), problems, args.feuille)
    problems.report(result is None, "l’export")
    if result is None:
        return 1
    n_actions, n_places = sum(map(len, result.values())), len(result)
    print(
        f"{source} : {n_actions} action{'s' * (n_actions > 1)} pour {n_places} "
        f"collectivité{'s' * (n_places > 1)}"
    )
    changes = []
    for code, actions in result.items():
        text = actions_yaml(actions)
        change = FileChange(args.data / "actions" / f"{code}.yaml", text)
        change.summary = actions_changes(load_plain(change.old), load_plain(text))
        changes.append(change)
    return apply(args.data, changes, dry_run=args.dry_run, force=args.force)


if __name__ == "__main__":
    sys.exit(main())
