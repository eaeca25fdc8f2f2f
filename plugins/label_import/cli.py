"""The importers' command lines in French: argparse's errors as one French line, exit status 2.

In: what staff typed, often through make, where a forgotten ``FICHIER=`` or ``ANNEE=`` arrives
as an empty argument. Out: the parsed arguments, or one French line on stderr
(« import_palmares.py : année de l’édition manquante : … ») and exit status 2, without
argparse's English usage. The type functions here (``input_file``, ``year``) write whole French
sentences that name what to type with make and without; argparse's own messages (a missing
argument, an unknown option) are translated.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from .problems import french_spacing

# argparse's English messages (Python 3.11 to 3.13) and what staff read instead.
TRANSLATIONS = (
    (r"the following arguments are required: (.*)", r"arguments manquants : \1"),
    (r"unrecognized arguments: (.*)", r"arguments inconnus : \1 (voir --help)"),
    (r"argument (\S+): expected one argument", r"\1 : une valeur est attendue"),
    (r"argument (\S+): invalid \S+ value: '(.*)'", r"\1 : valeur « \2 » illisible"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'? .*", r"\1 : valeur « \2 » inconnue"),
    (r"ambiguous option: (\S+) could match (.*)", r"option \1 ambiguë : \2 ?"),
    (r"argument (\S+): ignored explicit argument '(.*)'", r"\1 n’attend pas de valeur (« \2 »)"),
    (r"argument (\S+): (.*)", r"\1 : \2"),  # a type function's French message
)


class ArgumentProblem(Exception):
    """Raised by a type function whose French sentence is complete: printed alone."""


class FrenchParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one French line and exit status 2."""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        try:
            return super().parse_known_args(args, namespace)
        except ArgumentProblem as exc:  # argparse lets it through: it is no ArgumentTypeError
            self.fail(str(exc))

    def error(self, message: str) -> NoReturn:
        for english, french in TRANSLATIONS:
            if re.fullmatch(english, message, flags=re.DOTALL):
                message = re.sub(english, french, message, flags=re.DOTALL)
                break
        self.fail(message)

    def fail(self, message: str) -> NoReturn:
        self.exit(2, french_spacing(f"{self.prog} : {message}") + "\n")

    def format_help(self) -> str:
        text = super().format_help()
        for english, french in (
            ("usage: ", "utilisation : "),
            ("positional arguments:", "arguments :"),
            ("options:", "options :"),
            ("show this help message and exit", "afficher cette aide"),
        ):
            text = text.replace(english, french)
        return text


def input_file(what: str, example: str) -> Callable[[str], Path]:
    """The type of the file argument: ``what`` (« le tableur du jury ») must exist; ``example``
    shows how to give it with make. ``~`` is expanded: zsh (macOS) passes it as typed."""

    def parse(text: str) -> Path:
        if not text.strip():
            raise ArgumentProblem(f"fichier manquant : donnez {what} avec {example}")
        path = Path(text).expanduser()
        if not path.exists():
            raise ArgumentProblem(
                f"fichier « {text} » introuvable : vérifiez son nom et son dossier (un chemin "
                "qui ne commence pas par / ou ~ part du dossier du projet)"
            )
        if path.is_dir() and path.suffix.lower() != ".numbers":  # Numbers: said by the reader
            raise ArgumentProblem(f"« {text} » est un dossier : donnez le chemin de {what}")
        return path

    return parse


def year(text: str) -> int:
    """``--annee``: four digits."""
    if not text.strip():
        raise ArgumentProblem(
            "année de l’édition manquante : donnez-la avec ANNEE=2027 (make) ou --annee 2027"
        )
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise ArgumentProblem(
            f"année « {text} » illisible : écrivez ses quatre chiffres, par exemple ANNEE=2027 "
            "(make) ou --annee 2027"
        )
    return int(text)


def spreadsheet_parser(description: str, what: str, example: str, kinds: str) -> FrenchParser:
    """A French command line whose first argument is the spreadsheet to read (``what``, with
    an ``example`` to give) and whose ``--feuille`` names a workbook's sheet."""
    parser = FrenchParser(description=description)
    parser.add_argument("fichier", type=input_file(what, example), help=f"{what} : {kinds}")
    parser.add_argument(
        "--feuille", help="la feuille du classeur à lire (par défaut : la première)"
    )
    return parser
