"""Read the table staff give: a CSV as spreadsheets export it, or the workbook itself.

In: a path, the columns the importer knows (each with its French header variants), the groups
of which one column is required, and for a workbook the sheet asked for (else the first visible
one). A CSV may be ``;``, ``,`` or tab separated, in UTF-8 with or without BOM, UTF-16 with BOM
or Windows-1252; a workbook is an .xlsx or an .ods (``workbook.py``). The header row is the
first row that names the required columns, so a title row above it is skipped. Out: a
``Table`` of rows, each keeping its line (the CSV's line, or the sheet's row number), with cells
keyed by the canonical column name; or ``ImportProblems`` naming the file, the sheet, the line
and the column.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import books, workbook
from .problems import ImportProblems  # the importers take it from here

DELIMITERS = (";", ",", "\t")
HEADER_SEARCH = 10  # non-empty rows searched for the header: titles and notes may come first
Record = tuple[int, list[str]]  # (line, the cells' text)


def fold(text: str) -> str:
    """Comparable form of a header or a value: no accents, no case, words split by spaces."""
    text = text.replace("@", " arobase ").replace("’", "'").replace("œ", "oe").replace("Œ", "oe")
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass(frozen=True)
class Row:
    line: int  # line of the file where the row starts (the header is line 1), or sheet row
    cells: Mapping[str, str]  # canonical column -> stripped cell text ("" when empty)

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]  # canonical names present
    headers: Mapping[str, str]  # canonical name -> header as written (for messages)
    rows: tuple[Row, ...]
    read_as: str  # for the notes line: « encodage UTF-8, séparateur « ; » », « feuille « … » »
    ignored: tuple[str, ...]  # headers not recognised


@dataclass
class Source:
    """The rows of a file before its header is found."""

    records: list[Record]
    read_as: str  # « encodage UTF-8, séparateur « ; » », « feuille « Palmarès » »
    others: str = ""  # « ; non lues : « Notes » »: a workbook's other sheets
    # After each « colonne … introuvable dans la ligne d’en-tête (lue : …) »: the separator a
    # CSV was split with; and once, for a workbook, its other sheets (a cover sheet came first).
    missing_hint: str = ""
    missing_once: str = ""
    numbered: bool = False  # name the header's row in messages (a sheet's title rows)
    uncomputed: dict[tuple[int, int], str] = field(default_factory=dict)


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
    sheet: str | None = None,
) -> Table | None:
    """Read ``path``; ``known`` maps canonical names to header variants, ``required`` lists
    groups of which at least one column must be present; ``sheet``: a workbook's sheet to read.
    ``None`` when the file is unusable."""
    try:
        kind = workbook.file_kind(Path(path))
        problems.typographic = kind != "csv"
        if kind == "csv":
            if sheet:
                problems.note(0, f"feuille « {sheet} » ignorée : un fichier CSV n’a qu’une feuille")
            source = _csv_source(Path(path), problems)
        else:
            source = _sheet_source(Path(path), kind, sheet, problems)
    except workbook.Unreadable as exc:
        problems.typographic = True  # a new message, not one a CSV import ever printed
        problems.add(0, "", str(exc))
        return None
    if source is None:
        return None
    return _table(source, known, [tuple(g) for g in required], problems)


def _csv_source(path: Path, problems: ImportProblems) -> Source | None:
    try:
        text, encoding = decode(path.read_bytes())
    except OSError as exc:
        problems.add(0, "", f"lecture impossible ({workbook.os_reason(exc)})")
        return None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        problems.add(0, "", "le fichier est vide")
        return None
    delimiter = sniff_delimiter(lines[first])
    reader = csv.reader(io.StringIO("\n".join(lines[first:])), delimiter=delimiter)
    records = []
    # 1-based line numbers as a text editor shows them; a quoted cell may span several lines.
    start = first + 1
    for cells in reader:
        records.append((start, cells))
        start = first + reader.line_num + 1
    return Source(
        records,
        f"encodage {encoding}, séparateur « {delimiter} »",
        missing_hint=f" ; séparateur détecté : « {delimiter} »",
    )


def _sheet_source(
    path: Path, kind: str, wanted: str | None, problems: ImportProblems
) -> Source | None:
    book = books.open_book(path, kind)
    try:
        sheets = book.sheets
        chosen = workbook.choose_sheet(sheets, wanted)
        problems.sheet = chosen.name  # every later message names it
        data = book.read(chosen.name)
    finally:
        book.close()
    others = [s for s in sheets if s != chosen]
    read_as = f"feuille « {chosen.name} »" + (", masquée" if chosen.hidden else "")
    not_read = f" ; non lues : {workbook.listed(others)}" if others else ""
    if not data.records:
        hint = _other_sheets(others)
        problems.add(0, "", "la feuille est vide" + (f" ; {hint}" if hint else ""))
        return None
    return Source(
        data.records,
        read_as,
        others=not_read,
        missing_once=_other_sheets(others),
        numbered=True,
        uncomputed=data.uncomputed,
    )


def _other_sheets(others: list[workbook.SheetInfo]) -> str:
    if not others:
        return ""
    return (
        f"le classeur a d’autres feuilles ({workbook.listed(others)}) : choisissez la bonne "
        "avec FEUILLE=… (make) ou --feuille …"
    )


def _table(
    source: Source,
    known: Mapping[str, Iterable[str]],
    required: list[tuple[str, ...]],
    problems: ImportProblems,
) -> Table | None:
    variants = {fold(v): name for name, vs in known.items() for v in (name, *vs)}
    at = _header_index(source.records, variants, required)
    if at is None:
        problems.add(0, "", "le fichier est vide")
        return None
    line, header = source.records[at]
    index, headers, ignored = _columns(line, header, variants, problems)
    missing = [group for group in required if not any(g in index for g in group)]
    if missing and source.missing_once:
        problems.add(0, "", source.missing_once)
    for group in missing:
        names = " ou ".join(f"« {g} »" for g in group)
        where = f"ligne {line}, " if source.numbered else ""
        problems.add(
            0,
            "",
            f"colonne {names} introuvable dans la ligne d’en-tête ({where}lue : "
            f"{' | '.join(h.strip() for h in header)}){source.missing_hint}",
        )
    if problems or not _computed(source, line, index, headers, problems):
        return None
    read_as = source.read_as
    if any(any(c.strip() for c in cells) for _, cells in source.records[:at]):
        read_as += f", en-tête ligne {line}, les lignes au-dessus ignorées"
    rows = [
        Row(n, {name: (cells[i].strip() if i < len(cells) else "") for name, i in index.items()})
        for n, cells in source.records[at + 1 :]
        if any(c.strip() for c in cells)
    ]
    _note_unnamed(source.records[at + 1 :], header, problems)
    return Table(tuple(index), headers, tuple(rows), read_as + source.others, tuple(ignored))


def _header_index(
    records: list[Record], variants: Mapping[str, str], required: list[tuple[str, ...]]
) -> int | None:
    """The first row naming a column of each required group; else the row naming the most
    known columns (its headers are shown in the message), else the first non-empty one."""
    candidates = [i for i, (_, cells) in enumerate(records) if any(c.strip() for c in cells)]
    candidates = candidates[:HEADER_SEARCH]
    if not candidates:
        return None

    def named(i: int) -> set[str]:
        return {variants[f] for f in map(fold, records[i][1]) if f in variants}

    for i in candidates:
        if all(any(g in named(i) for g in group) for group in required):
            return i
    return max(candidates, key=lambda i: (len(named(i)), -i))


def _columns(
    line: int, header: list[str], variants: Mapping[str, str], problems: ImportProblems
) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """Canonical name -> column index and header as written; the headers not recognised."""
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
                line,
                raw.strip(),
                f"la colonne « {headers[name]} » apparaît "
                "deux fois (même sens) : gardez-en une seule",
            )
            continue
        index[name], headers[name] = i, raw.strip()
    return index, headers, ignored


def _computed(
    source: Source, header_line: int, index: dict[str, int], headers, problems: ImportProblems
) -> bool:
    """False, with a problem for each, when cells the import reads hold a formula that no
    spreadsheet ever computed (they would read as empty)."""
    names = {i: headers[name] for name, i in index.items()}
    found = [(n, i, f) for (n, i), f in sorted(source.uncomputed.items()) if n > header_line]
    found = [(n, i, f) for n, i, f in found if i in names]
    for line, i, formula in found:
        problems.add(
            line,
            names[i],
            f"formule jamais calculée ({formula}) : ouvrez le classeur dans le tableur, "
            "enregistrez-le, puis relancez",
        )
    return not found


def _note_unnamed(records: list[Record], header: list[str], problems: ImportProblems) -> None:
    """A filled column without a header is ignored: say so (a header cell merged over two
    columns leaves the second one without a name, and its values would vanish silently)."""
    filled: dict[int, int] = {}  # column index -> first line where it has a value
    for line, cells in records:
        for i, cell in enumerate(cells):
            if cell.strip() and not (i < len(header) and header[i].strip()):
                filled.setdefault(i, line)
    for i, line in sorted(filled.items()):
        problems.note(
            0,
            f"colonne {column_letter(i)} sans en-tête, ignorée alors qu’elle est remplie "
            f"(ligne {line}) : donnez-lui un en-tête si elle compte",
        )


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column's name in a spreadsheet."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


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
