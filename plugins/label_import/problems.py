"""The problems of one import, as staff read them: place in their file, then what to do.

In: problems found while reading an input file (a row, a column, a French message) and notes
(deductions, fixes). Out: French lines, sorted by row, each naming the file, the workbook's sheet
when there is one, the row and the column: « jury-2027.xlsx, feuille « Palmarès », ligne 12,
colonne « Niveau » : … »; a CSV has no sheet, so its lines stay « jury.csv, ligne 12, … ».

Typography: the lines of a workbook's import (or of a file that could not be read as a table)
have French no-break spaces, inside « » and before : ; ! ?. A CSV's lines keep the bytes they
have always had, which staff's notes and scripts may quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from label_data.typo import NBSP


def french_spacing(text: str) -> str:
    """Plain spaces made no-break where French wants them: « inside », before : ; ! ?"""
    text = re.sub(r"« +", "«" + NBSP, text)
    text = re.sub(r" +»", NBSP + "»", text)
    return re.sub(r" +([:;!?])(?=\s|$)", NBSP + r"\1", text)


def place(source: str, sheet: str = "") -> str:
    """« jury.xlsx, feuille « Palmarès » », or the file alone (a CSV, or before a sheet is read)."""
    return f"{source}, feuille « {sheet} »" if sheet else source


def location(source: str, sheet: str, line: int, column: str, unit: str, field: str) -> str:
    """« jury.csv, ligne 12 », « jury.xlsx, feuille « P », ligne 12, colonne « N » »…"""
    where = place(source, sheet)
    if not line:
        return where
    if not column:
        return f"{where}, {unit} {line}"
    return f"{where}, {unit} {line}, {field} « {column} »"


@dataclass(frozen=True, order=True)
class ImportProblem:
    line: int  # 0: the whole file (or the whole sheet)
    column: str
    message: str
    sheet: str = ""  # the workbook's sheet being read when the problem was found

    def format(self, source: str, unit: str = "ligne", field: str = "colonne") -> str:
        where = location(source, self.sheet, self.line, self.column, unit, field)
        return f"{where} : {self.message}"


@dataclass
class ImportProblems:
    """Every problem of one input file, printed sorted by line: nothing is written if any."""

    source: str
    unit: str = "ligne"  # « enregistrement » for a JSON export
    field_word: str = "colonne"  # « champ » for a JSON export
    items: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # informative lines (deductions, fixes)
    sheet: str = ""  # set once a workbook's sheet is chosen: every later line names it
    typographic: bool = False  # a workbook, or a file that is not a table: see the docstring

    def spaced(self, text: str) -> str:
        return french_spacing(text) if self.typographic else text

    @property
    def place(self) -> str:
        """The file, and the sheet read: where the checker's problems point (origins.py)."""
        return self.spaced(place(self.source, self.sheet))

    def locate(self, line: int, column: str = "") -> str:
        where = location(self.source, self.sheet, line, column, self.unit, self.field_word)
        return self.spaced(where)

    def add(self, line: int, column: str, message: str) -> None:
        self.items.append(ImportProblem(line, column, message, self.sheet))

    def note(self, line: int, message: str) -> None:
        self.notes.append(f"{self.locate(line)} : {message}")

    def lines(self) -> list[str]:
        items = sorted(set(self.items))
        return [self.spaced(p.format(self.source, self.unit, self.field_word)) for p in items]

    def __bool__(self) -> bool:
        return bool(self.items)

    def report(self, failed: bool, what_to_fix: str) -> None:
        """Print the notes, and when the import failed every problem and that nothing was
        written (« Corrigez <what_to_fix> puis relancez. »)."""
        for note in self.notes:
            print(self.spaced(note))
        if not failed:
            return
        for line in self.lines():
            print(line)
        n = len(self.items)
        print(
            self.spaced(
                f"{self.source} : {n} problème{'s' if n > 1 else ''}, rien n’a été écrit. "
                f"Corrigez {what_to_fix} puis relancez."
            )
        )
