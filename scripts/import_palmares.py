"""Import the jury's spreadsheet (.xlsx, .ods or CSV) into ``data/palmares/<année>.yaml``.

    .venv/bin/python scripts/import_palmares.py jury-2027.xlsx --annee 2027 \\
        --embargo 2027-02-02T11:00:00+01:00 [--ceremonie-date 2027-02-02] [--lieu Bordeaux] \\
        [--feuille Palmarès] [--data data] [--dry-run] [--force] [--cotisations-payees]

    make import-palmares FICHIER=~/Documents/jury/jury-2027.xlsx ANNEE=2027 \\
        EMBARGO=2027-02-02T11:00:00+01:00 [FEUILLE=Palmarès]

The spreadsheet is the jury's workbook itself (.xlsx, .ods: its first visible sheet, or the one
``--feuille`` names; a title row above the header is skipped) or a CSV as a spreadsheet exports
it: ``;`` or ``,`` separated, UTF-8 (with or without BOM) or Windows-1252. An old .xls or a
Numbers document is refused with the way to save it as .xlsx. Its header row names at least
the level (« arobases », « Niveau », « @ ») and the collectivity by code (« code », « Code
INSEE », « SIREN ») and/or name (« nom »), in any case and with or without accents. Optional
columns: « departement » (tells apart homonyms when there is no code), « mentions » (ids or
names separated by , ; or |), « excellence », « alerte », « note du jury », « type » (ville,
village, territoire), « cotisation » (oui: the dues for the edition's year are paid). A column
absent from the spreadsheet keeps the values the file already had.

Dues (R3): with a « cotisation » column saying oui, or ``--cotisations-payees`` (every laureate
of the spreadsheet has paid), the edition's year is added to ``cotisations`` in each
territory's file; the dry run shows it. These additions need no ``--force``.

Missing ``data/territoires/<code>.yaml`` files are created (code, nom, type; type from the
« type » column, else ville or village by population, 3 500 inhabitants, else territoire for a
SIREN). Nothing is written when a row is wrong or when the result fails the checker; an existing
file that would change needs ``--force``; ``--dry-run`` shows the differences and writes nothing.
Running the same import twice changes nothing. Exit status: 0 done (or nothing to do), 1 not
written, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from label_data import paris_time  # noqa: E402
from label_data.load import load_dataset  # noqa: E402
from label_data.problems import Problems  # noqa: E402
from label_data.reference import load_reference  # noqa: E402
from label_data.validate import parse_now  # noqa: E402
from label_import.apply import FileChange, apply  # noqa: E402
from label_import.cli import spreadsheet_parser, year  # noqa: E402
from label_import.csv_palmares import PalmaresImport, import_palmares  # noqa: E402
from label_import.diff import edition_changes, load_plain  # noqa: E402
from label_import.dues import add_year  # noqa: E402
from label_import.embargo import check_embargo  # noqa: E402
from label_import.origins import csv_origins  # noqa: E402
from label_import.table import ImportProblems  # noqa: E402
from label_import.yaml_writer import edition_yaml, territory_yaml  # noqa: E402


def instant(text: str) -> dt.datetime:
    """``--embargo``: an instant in Paris time, with Paris's offset for that very date."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"instant illisible « {text} » : écrivez par exemple 2027-02-02T11:00:00+01:00"
        ) from exc
    problem = (
        paris_time.missing_offset_advice(value, text)
        if value.tzinfo is None
        else paris_time.offset_problem(value, text)
    )
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value


def day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"date illisible « {text} » : AAAA-MM-JJ") from exc


def parser() -> argparse.ArgumentParser:
    p = spreadsheet_parser(
        __doc__.splitlines()[0],
        "le tableur du jury",
        "FICHIER=~/Documents/jury/jury-2027.xlsx (make)",
        ".xlsx, .ods ou CSV",
    )
    p.add_argument("--annee", type=year, required=True, help="l’année de l’édition, ex. 2027")
    p.add_argument(
        "--embargo",
        type=instant,
        help="ex. 2027-02-02T11:00:00+01:00 (obligatoire pour une nouvelle édition)",
    )
    p.add_argument("--ceremonie-date", type=day, help="par défaut : le jour de l’embargo")
    p.add_argument("--lieu", help="le lieu de la cérémonie")
    p.add_argument("--data", type=Path, default=Path("data"), help="dossier de données")
    p.add_argument("--dry-run", action="store_true", help="montrer sans rien écrire")
    p.add_argument("--force", action="store_true", help="remplacer un fichier existant")
    p.add_argument(
        "--cotisations-payees",
        action="store_true",
        help="tous les lauréats du tableur ont réglé la cotisation de l’année : l’import "
        "l’enregistre dans leurs fichiers (R3) ; une cellule « cotisation » à non l’emporte",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    problems = ImportProblems(str(args.fichier))
    dataset = load_dataset(args.data, Problems())
    try:
        now = parse_now(os.environ.get("NOW"))  # real time unless a rehearsal gives NOW=
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    embargo = check_embargo(args.annee, args.embargo, dataset, now, args.force)
    problems.notes.extend(embargo.notes)
    result = import_palmares(
        args.fichier,
        args.annee,
        args.embargo,
        args.ceremonie_date,
        args.lieu,
        dataset,
        load_reference(),
        problems,
        dues_all=args.cotisations_payees,
        sheet=args.feuille,
    )
    problems.report(bool(problems), "le tableur")
    for problem in embargo.problems:  # the command's embargo, not the spreadsheet's rows
        print(f"Embargo : {problem}")
    if embargo.problems and not problems:
        print("Rien n’a été écrit. Corrigez l’embargo (EMBARGO=… ou --embargo) puis relancez.")
    if result is None or embargo.problems:
        return 1
    names = {c: t.nom for c, t in dataset.territories.items()}
    names.update({t["code"]: t["nom"] for t in result.new_territories})
    changes = [
        edition_change(args, result, names),
        *new_territory_changes(args, result),
        *dues_changes(args, result, names),
    ]
    return apply(args.data, changes, dry_run=args.dry_run, force=args.force)


def edition_change(args, result: PalmaresImport, names: dict[str, str]) -> FileChange:
    """The edition's file, each code with its name beside it; its problems point at the
    spreadsheet's row (and sheet)."""
    text = edition_yaml(result.edition, names)
    change = FileChange(args.data / "palmares" / f"{args.annee}.yaml", text)
    change.summary = edition_changes(
        load_plain(change.old), load_plain(text), lambda code: names.get(code, "?")
    )
    change.origins = csv_origins(text, result.rows, result.headers, result.source, result.named_by)
    return change


def new_territory_changes(args, result: PalmaresImport) -> list[FileChange]:
    changes = []
    for territory in result.new_territories:
        why = f"créé par l’import du palmarès {args.annee} ; {territory['why']}"
        summary = f"  + {territory['nom']} ({territory['code']}), {territory['why']}"
        if territory["code"] in result.dues:
            territory = {**territory, "cotisations": [args.annee]}
            summary += f" ; cotisation {args.annee} enregistrée"
        changes.append(
            FileChange(
                args.data / "territoires" / f"{territory['code']}.yaml",
                territory_yaml(territory, why),
                [summary],
            )
        )
    return changes


def dues_changes(args, result: PalmaresImport, names: dict[str, str]) -> list[FileChange]:
    """R3: the edition's year added to ``cotisations`` of existing files (asked for by the
    « cotisation » column or --cotisations-payees, so no --force needed)."""
    new = {t["code"] for t in result.new_territories}
    changes = []
    for code in result.dues:
        path = args.data / "territoires" / f"{code}.yaml"
        if code in new or not path.exists():
            continue
        text = add_year(path.read_text(encoding="utf-8"), args.annee)
        if text is not None:
            summary = [f"  + cotisation {args.annee} enregistrée : {names.get(code, '?')} ({code})"]
            changes.append(FileChange(path, text, summary, needs_force=False))
    return changes


if __name__ == "__main__":
    sys.exit(main())
