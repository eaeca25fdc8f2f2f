"""Read a spreadsheet exported as CSV, the way staff's spreadsheets actually export it.

In: the bytes of a CSV file (``;`` or ``,`` or tab separated; UTF-8 with or without BOM, UTF-16
with BOM, or Windows-1252) and the columns the importer knows, each with its French header
variants. Out: a ``Table`` of rows, each keeping its line number in the file, with cells keyed by
the canonical column name; or ``ImportProblems`` naming the file, the line and the column.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

DELIMITERS = (";", ",", "\t")


def fold(text: str) -> str:
    """Comparable form of a header or a value: no accents, no case, words split by spaces."""
    text = text.replace("@", " arobase ").replace("’", "'").replace("œ", "oe").replace("Œ", "oe")
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass(frozen=True, order=True)
class ImportProblem:
    line: int  # 0: the whole file
    column: str
    message: str

    def format(self, source: str, unit: str = "ligne", field: str = "colonne") -> str:
        if not self.line:
            return f"{source} : {self.message}"
        if not self.column:
            return f"{source}, {unit} {self.line} : {self.message}"
        return f"{source}, {unit} {self.line}, {field} « {self.column} » : {self.message}"


@dataclass
class ImportProblems:
    """Every problem of one input file, printed sorted by line: nothing is written if any."""

    source: str
    unit: str = "ligne"  # « enregistrement » for a JSON export
    field_word: str = "colonne"  # « champ » for a JSON export
    items: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # informative lines (deductions, fixes)

    def add(self, line: int, column: str, message: str) -> None:
        self.items.append(ImportProblem(line, column, message))

    def note(self, line: int, message: str) -> None:
        where = f"{self.source}, {self.unit} {line}" if line else self.source
        self.notes.append(f"{where} : {message}")

    def lines(self) -> list[str]:
        return [p.format(self.source, self.unit, self.field_word) for p in sorted(set(self.items))]

    def __bool__(self) -> bool:
        return bool(self.items)

    def report(self, failed: bool, what_to_fix: str) -> None:
        """Print the notes, and when the import failed every problem and that nothing was
        written (« Corrigez <what_to_fix> puis relancez. »)."""
        for note in self.notes:
            print(note)
        if not failed:
            return
        for line in self.lines():
            print(line)
        n = len(self.items)
        print(
            f"{self.source} : {n} problème{'s' if n > 1 else ''}, rien n’a été écrit. "
            f"Corrigez {what_to_fix} puis relancez."
        )


@dataclass(frozen=True)
class Row:
    line: int  # line of the file where the row starts (the header is line 1)
    cells: Mapping[str, str]  # canonical column -> stripped cell text ("" when empty)

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]  # canonical names present
    headers: Mapping[str, str]  # canonical name -> header as written (for messages)
    rows: tuple[Row, ...]
    encoding: str
    delimiter: str
    ignored: tuple[str, ...]  # headers not recognised


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (BOM or not), UTF-16 (BOM), else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8 (avec BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        # Excel on Windows saves « CSV (séparateur : point-virgule) » in Windows-1252.
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def sniff_delimiter(header_line: str) -> str:
    """The separator that splits the header row into the most columns (``;`` on a tie)."""

    def width(sep: str) -> int:
        return len(next(csv.reader([header_line], delimiter=sep), []))

    return max(DELIMITERS, key=lambda sep: (width(sep), -DELIMITERS.index(sep)))


def read_table(
    path: Path,
    known: Mapping[str, Iterable[str]],
    required: Iterable[Iterable[str]],
    problems: ImportProblems,
) -> Table | None:
    """Read ``path``; ``known`` maps canonical names to header variants, ``required`` lists
    groups of which at least one column must be present. ``None`` when the file is unusable."""
    try:
        text, encoding = decode(Path(path).read_bytes())
    except OSError as exc:
        problems.add(0, "", f"lecture impossible ({exc.strerror})")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        problems.add(0, "", "le fichier est vide")
        return None
    delimiter = sniff_delimiter(lines[first])
    variants = {fold(v): name for name, vs in known.items() for v in (name, *vs)}
    reader = csv.reader(io.StringIO("\n".join(lines[first:])), delimiter=delimiter)
    header = next(reader)
    index: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored = []
    for i, raw in enumerate(header):
        name = variants.get(fold(raw))
        if name is None:
            if raw.strip():
                ignored.append(raw.strip())
            continue
        if name in index:
            problems.add(
                first + 1,
                raw.strip(),
                f"la colonne « {headers[name]} » apparaît "
                "deux fois (même sens) : gardez-en une seule",
            )
            continue
        index[name], headers[name] = i, raw.strip()
    for group in required:
        group = tuple(group)
        if not any(g in index for g in group):
            names = " ou ".join(f"« {g} »" for g in group)
            problems.add(
                0,
                "",
                f"colonne {names} introuvable dans la ligne d’en-tête "
                f"(lue : {' | '.join(h.strip() for h in header)}) ; séparateur "
                f"détecté : « {delimiter} »",
            )
    if problems:
        return None
    rows = []
    # 1-based line numbers as a text editor shows them; a quoted cell may span several lines.
    start = first + reader.line_num + 1
    for cells in reader:
        if any(c.strip() for c in cells):
            rows.append(
                Row(
                    start,
                    {
                        name: (cells[i].strip() if i < len(cells) else "")
                        for name, i in index.items()
                    },
                )
            )
        start = first + reader.line_num + 1
    return Table(tuple(index), headers, tuple(rows), encoding, delimiter, tuple(ignored))


TRUE_WORDS = {"oui", "o", "x", "vrai", "true", "1", "yes"}
FALSE_WORDS = {"", "non", "n", "faux", "false", "0", "no"}


def parse_flag(value: str) -> bool | None:
    """« oui », « x », « 1 »… → True; empty, « non », « 0 »… → False; anything else → None."""
    folded = fold(value)
    if folded in TRUE_WORDS:
        return True
    if folded in FALSE_WORDS:
        return False
    return None
