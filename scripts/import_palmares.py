"""Import the jury's spreadsheet (CSV) into ``data/palmares/<année>.yaml``.

    .venv/bin/python scripts/import_palmares.py jury-2027.csv --annee 2027 \\
        --embargo 2027-02-02T11:00:00+01:00 [--ceremonie-date 2027-02-02] [--lieu Bordeaux] \\
        [--data data] [--dry-run] [--force]

    make import-palmares FICHIER=jury-2027.csv ANNEE=2027 EMBARGO=2027-02-02T11:00:00+01:00

The CSV is what a spreadsheet exports: ``;`` or ``,`` separated, UTF-8 (with or without BOM) or
Windows-1252. Its header row names at least the level (« arobases », « Niveau », « @ ») and the
collectivity by code (« code », « Code INSEE », « SIREN ») and/or name (« nom »), in any case and
with or without accents. Optional columns: « departement » (tells apart homonyms when there is no
code), « mentions » (ids or names separated by , ; or |), « excellence », « alerte », « note du
jury », « type » (ville, village, territoire). A column absent from the spreadsheet keeps the
values the file already had.

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
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from label_data.load import load_dataset  # noqa: E402
from label_data.problems import Problems  # noqa: E402
from label_data.reference import load_reference  # noqa: E402
from label_import.apply import FileChange, apply  # noqa: E402
from label_import.csv_palmares import import_palmares  # noqa: E402
from label_import.diff import edition_changes, load_plain  # noqa: E402
from label_import.table import ImportProblems  # noqa: E402
from label_import.yaml_writer import edition_yaml, territory_yaml  # noqa: E402


def instant(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"instant illisible « {text} » : écrivez par exemple 2027-02-02T11:00:00+01:00"
        ) from exc
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"« {text} » n’a pas de décalage UTC : ajoutez +01:00 (heure d’hiver à Paris)"
        )
    return value


def day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"date illisible « {text} » : AAAA-MM-JJ") from exc


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("fichier", type=Path, help="le tableur du jury exporté en CSV")
    p.add_argument("--annee", type=int, required=True, help="l’année de l’édition, ex. 2027")
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
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    source = str(args.fichier)
    problems = ImportProblems(source)
    dataset = load_dataset(args.data, Problems())
    result = import_palmares(
        args.fichier,
        args.annee,
        args.embargo,
        args.ceremonie_date,
        args.lieu,
        dataset,
        load_reference(),
        problems,
    )
    problems.report(result is None, "le tableur")
    if result is None:
        return 1
    names = {c: t.nom for c, t in dataset.territories.items()}
    names.update({t["code"]: t["nom"] for t in result.new_territories})
    path = args.data / "palmares" / f"{args.annee}.yaml"
    text = edition_yaml(result.edition)
    change = FileChange(path, text)
    change.summary = edition_changes(
        load_plain(change.old), load_plain(text), lambda code: names.get(code, "?")
    )
    changes = [change]
    for territory in result.new_territories:
        why = f"créé par l’import du palmarès {args.annee} ; {territory['why']}"
        changes.append(
            FileChange(
                args.data / "territoires" / f"{territory['code']}.yaml",
                territory_yaml(territory, why),
                [f"  + {territory['nom']} ({territory['code']}), {territory['why']}"],
            )
        )
    return apply(args.data, changes, dry_run=args.dry_run, force=args.force)


if __name__ == "__main__":
    sys.exit(main())
