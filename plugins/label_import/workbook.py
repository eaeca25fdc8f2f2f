"""The jury's workbook as the jury sends it: .xlsx (openpyxl) or .ods (odfpy), read as CSV text.

In: a file path, and the sheet asked for (``--feuille``) or none (the first visible sheet).
Out: the kind of file (``csv``, ``xlsx``, ``ods``) judged on its content *and* its name; the
sheets of a workbook; the chosen sheet's rows as the spreadsheet numbers them, each cell as the
text a CSV export would hold (1001 stays 1001 for the importer's leading-zero repair, unless the
cell's format writes 01001; 33063.0 → 33063; 4.0 → 4; 4.5 → 4,5; VRAI/FAUX; dates AAAA-MM-JJ;
merged cells: the value in their first cell only, the others empty, as in a CSV export), and the
cells whose formula has no computed value. Or ``Unreadable``, a French sentence that says what
the file really is and what to do (an old .xls, a Numbers document, a CSV named .xlsx…).
"""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# What the file's name promises; any other name is read as CSV text.
EXTENSIONS = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xltx": "xlsx",
    ".ods": "ods",
    ".xls": "xls",
    ".xlsb": "xlsb",
    ".numbers": "numbers",
}
READABLE = ("csv", "xlsx", "ods")
DESCRIPTIONS = {
    "csv": "un fichier CSV",
    "xlsx": "un classeur Excel (.xlsx)",
    "ods": "un classeur OpenDocument (.ods)",
    "xls": "un ancien classeur Excel (.xls)",
    "xlsb": "un classeur Excel binaire (.xlsb)",
    "numbers": "un document Numbers",
    "encrypted": "un classeur protégé par un mot de passe",
    "docx": "un document Word",
    "odt": "un document OpenDocument qui n’est pas un classeur",
    "pdf": "un PDF",
    "zip": "une archive zip qui n’est pas un classeur",
    "directory": "un dossier",
}
SAVE_AS = (
    "ouvrez-le dans le tableur et enregistrez-le au format .xlsx (classeur Excel) ou CSV, "
    "puis relancez avec ce fichier"
)
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .xls, and of encrypted .xlsx
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
ROW_GROUPS = ("table-header-rows", "table-row-group", "table-rows")
MAX_REPEAT = 1000  # an ODS row or cell repeated more often than this is not the jury's data


class Unreadable(Exception):
    """A French sentence for staff: what the file is, and what to do."""


@dataclass(frozen=True)
class SheetInfo:
    name: str
    hidden: bool


@dataclass
class SheetData:
    # (row number as the spreadsheet shows it, the text of each cell from column A)
    records: list[tuple[int, list[str]]] = field(default_factory=list)
    # (row number, column index) -> a formula whose value was never computed (a file written by
    # a program, not saved by a spreadsheet): the cell would read empty, which it is not.
    uncomputed: dict[tuple[int, int], str] = field(default_factory=dict)


def file_kind(path: Path) -> str:
    """``csv``, ``xlsx`` or ``ods``; ``Unreadable`` when the content is none of them, or not
    what the extension says (the same file renamed is read the same way by no spreadsheet)."""
    path = Path(path)
    expected = EXTENSIONS.get(path.suffix.lower(), "csv")
    actual = content_kind(path)
    if actual == expected and actual in READABLE:
        return actual
    if actual == "encrypted":
        raise Unreadable(
            "ce classeur est protégé par un mot de passe : ouvrez-le dans le tableur, "
            "enregistrez-en une copie sans mot de passe au format .xlsx ou CSV, puis relancez "
            "avec cette copie"
        )
    if actual in ("xls", "xlsb", "numbers"):
        raise _unsupported(path, actual, expected)
    named = _named(path)
    if actual == "csv":
        raise Unreadable(
            f"ce fichier n’est pas {DESCRIPTIONS[expected]} malgré {named} : c’est du texte, "
            f"sans doute un CSV ; renommez-le « {path.stem}.csv », puis relancez"
        )
    if actual in READABLE and expected in READABLE:
        raise Unreadable(
            f"ce fichier est {DESCRIPTIONS[actual]} malgré {named} : renommez-le "
            f"« {path.stem}{_suffix(actual)} », puis relancez"
        )
    raise Unreadable(
        f"ce fichier n’est pas un tableau : c’est {DESCRIPTIONS[actual]} ; donnez le tableau "
        "au format .xlsx, .ods ou CSV"
    )


def _unsupported(path: Path, actual: str, expected: str) -> Unreadable:
    what = DESCRIPTIONS[actual]
    if actual == "numbers":
        how = (
            "dans Numbers, choisissez Fichier → Exporter vers → Excel (ou CSV), puis relancez "
            "avec le fichier exporté"
        )
    else:
        how = SAVE_AS
    if actual != expected:
        what += f" malgré {_named(path)}"
    return Unreadable(f"ce fichier est {what} : l’import ne lit pas ce format ; {how}")


def _named(path: Path) -> str:
    return f"son nom en « {path.suffix} »" if path.suffix else "son nom sans extension"


def _suffix(kind: str) -> str:
    return ".csv" if kind == "csv" else f".{kind}"


def content_kind(path: Path) -> str:
    """What the bytes are, whatever the name: a key of ``DESCRIPTIONS``."""
    if path.is_dir():  # a Numbers document can be a folder (a « package »)
        return "numbers" if path.suffix.lower() == ".numbers" else "directory"
    try:
        with path.open("rb") as f:
            head = f.read(8)
            if head.startswith(OLE2):
                f.seek(0)
                data = f.read()
                return "encrypted" if "EncryptionInfo".encode("utf-16-le") in data else "xls"
    except OSError as exc:
        raise Unreadable(f"lecture impossible ({os_reason(exc)})") from exc
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path)
    return "csv"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError):
        return "zip"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if mimetype == ODS_MIMETYPE:
        return "ods"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "odt"
    if "word/document.xml" in names:
        return "docx"
    if any(name.startswith("Index/") for name in names):
        return "numbers"
    return "zip"


def os_reason(exc: OSError) -> str:
    """The system's reason in French (``strerror`` is English on most machines)."""
    reasons = {
        errno.ENOENT: "fichier introuvable : vérifiez son nom et son dossier",
        errno.EACCES: "accès refusé : vérifiez les droits du fichier",
        errno.EPERM: "accès refusé : vérifiez les droits du fichier",
        errno.EISDIR: "c’est un dossier, pas un fichier",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


# -- choosing the sheet --------------------------------------------------------------------


def _folded(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.casefold().replace("’", "'"))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


def listed(sheets: list[SheetInfo]) -> str:
    return ", ".join(f"« {s.name} »" + (" (masquée)" if s.hidden else "") for s in sheets)


def choose_sheet(sheets: list[SheetInfo], wanted: str | None) -> SheetInfo:
    """The sheet named ``wanted`` (case and accents aside), else the first visible one; a name
    the workbook does not have lists the sheets it has, the closest first."""
    if not sheets:
        raise Unreadable("le classeur n’a aucune feuille de calcul")
    if not wanted:
        return next((s for s in sheets if not s.hidden), sheets[0])
    exact = [s for s in sheets if s.name == wanted]
    same = [s for s in sheets if _folded(s.name) == _folded(wanted)]
    if exact or len(same) == 1:
        return (exact or same)[0]
    close = difflib.get_close_matches(_folded(wanted), [_folded(s.name) for s in sheets], n=1)
    hint = ""
    if close:
        guess = next(s for s in sheets if _folded(s.name) == close[0])
        hint = f" ; vouliez-vous dire « {guess.name} » ?"
    raise Unreadable(
        f"pas de feuille « {wanted} » dans ce classeur{hint} Feuilles du classeur : "
        f"{listed(sheets)}"
    )


# -- cells as CSV text ---------------------------------------------------------------------


def cell_text(value: object, number_format: str | None = None) -> str:
    """What a CSV export of a French spreadsheet holds for a typed cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, int | float):
        return number_text(value, number_format)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def number_text(value: float, number_format: str | None = None) -> str:
    """33063.0 → 33063; with the format « 00000 », 1001 → 01001 (what the cell shows);
    4.5 → 4,5 (a French spreadsheet's decimal comma); 15 significant digits, like Excel."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, int):
        zeros = re.fullmatch(r"0+", number_format or "")
        return str(value).zfill(len(zeros[0])) if zeros and value >= 0 else str(value)
    return f"{value:.15g}".replace(".", ",")


# -- .xlsx ---------------------------------------------------------------------------------


class XlsxBook:
    """An .xlsx read twice, read-only: for the values a spreadsheet last computed, and for the
    formulas, to tell an empty cell from a formula never computed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.values = _load_xlsx(path, data_only=True)

    @property
    def sheets(self) -> list[SheetInfo]:
        return [SheetInfo(ws.title, ws.sheet_state != "visible") for ws in self.values.worksheets]

    def read(self, name: str) -> SheetData:
        formulas = _load_xlsx(self.path, data_only=False)
        try:
            return _xlsx_sheet(self.values[name], formulas[name])
        finally:
            formulas.close()

    def close(self) -> None:
        self.values.close()


def _load_xlsx(path: Path, data_only: bool):
    import openpyxl

    try:
        # openpyxl warns in English about parts it drops (data validation, slicers…): they do
        # not change a cell's value, and staff cannot act on them.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    except Exception as exc:  # a damaged file raises whatever openpyxl's parser met first
        raise Unreadable(f"classeur Excel illisible, sans doute abîmé : {SAVE_AS}") from exc


def _xlsx_sheet(values_ws, formulas_ws) -> SheetData:
    # The dimension a writer stored may be A1:XFD1048576: rows are read as they are instead.
    values_ws.reset_dimensions()
    formulas_ws.reset_dimensions()
    data = SheetData()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rows = zip(
            values_ws.iter_rows(min_row=1, min_col=1),
            formulas_ws.iter_rows(min_row=1, min_col=1, values_only=True),
            strict=False,
        )
        computed = 0
        for line, (cells, formulas) in enumerate(rows, start=1):
            texts = [cell_text(c.value, getattr(c, "number_format", None)) for c in cells]
            for i, formula in enumerate(formulas):
                formula = getattr(formula, "text", formula)  # an array formula's text
                if not (isinstance(formula, str) and formula.startswith("=")):
                    continue
                if i < len(texts) and texts[i]:
                    computed += 1
                else:
                    data.uncomputed[(line, i)] = formula
            if any(texts):
                data.records.append((line, texts))
    if computed:
        # A spreadsheet computed this file: a formula without a value there is a formula that
        # gives an empty text (« =SI(…;"";…) »), which openpyxl reads as no value at all.
        data.uncomputed.clear()
    return data


# -- .ods ----------------------------------------------------------------------------------


class OdsBook:
    def __init__(self, path: Path) -> None:
        from odf.opendocument import load

        try:
            self.doc = load(str(path))
        except Exception as exc:  # a damaged file raises whatever the XML parser met first
            raise Unreadable(
                f"classeur OpenDocument illisible, sans doute abîmé : {SAVE_AS}"
            ) from exc
        self.tables = {t.getAttrNS(_ns("table"), "name"): t for t in self._tables()}

    def _tables(self) -> list:
        from odf.table import Table

        return list(self.doc.spreadsheet.getElementsByType(Table))

    @property
    def sheets(self) -> list[SheetInfo]:
        hidden = _hidden_table_styles(self.doc)
        return [
            SheetInfo(name, table.getAttrNS(_ns("table"), "style-name") in hidden)
            for name, table in self.tables.items()
        ]

    def read(self, name: str) -> SheetData:
        return _ods_sheet(self.tables[name])

    def close(self) -> None:
        pass


def _ns(prefix: str) -> str:
    from odf import namespaces

    return {
        "table": namespaces.TABLENS,
        "office": namespaces.OFFICENS,
        "text": namespaces.TEXTNS,
        "style": namespaces.STYLENS,
    }[prefix]


def _hidden_table_styles(doc) -> set[str]:
    """Names of the table styles that hide a sheet (``table:display="false"``)."""
    hidden = set()
    for style in doc.automaticstyles.childNodes:
        for props in getattr(style, "childNodes", []):
            if getattr(props, "qname", None) == (_ns("style"), "table-properties") and (
                props.getAttrNS(_ns("table"), "display") == "false"
            ):
                hidden.add(style.getAttrNS(_ns("style"), "name"))
    return hidden


def _ods_rows(node) -> Iterator:
    """The sheet's rows, also those inside header-row and row-group elements."""
    for child in node.childNodes:
        kind = getattr(child, "qname", (None, None))
        if kind == (_ns("table"), "table-row"):
            yield child
        elif kind[0] == _ns("table") and kind[1] in ROW_GROUPS:
            yield from _ods_rows(child)


def _ods_sheet(table) -> SheetData:
    data = SheetData()
    line = 0
    for row in _ods_rows(table):
        # LibreOffice writes the sheet's empty tail as one row repeated a million times.
        repeat = int(row.getAttrNS(_ns("table"), "number-rows-repeated") or 1)
        cells, formulas = _ods_cells(row)
        if not any(cells) and not formulas:
            line += repeat
            continue
        for _ in range(min(repeat, MAX_REPEAT)):
            line += 1
            data.records.append((line, list(cells)))
            data.uncomputed.update({(line, i): f for i, f in formulas.items()})
        line += max(0, repeat - MAX_REPEAT)
    return data


def _ods_cells(row) -> tuple[list[str], dict[int, str]]:
    cells: list[str] = []
    formulas: dict[int, str] = {}
    empties = 0  # empty cells not yet written: a row's empty tail is never expanded
    for cell in row.childNodes:
        kind = getattr(cell, "qname", (None, None))
        if kind[0] != _ns("table") or kind[1] not in ("table-cell", "covered-table-cell"):
            continue
        repeat = int(cell.getAttrNS(_ns("table"), "number-columns-repeated") or 1)
        # A covered cell is hidden by a merge: a CSV export leaves it empty.
        text = _ods_value(cell) if kind[1] == "table-cell" else ""
        # A formula a spreadsheet computed has a value type, even for an empty result.
        computed = text or cell.getAttrNS(_ns("office"), "value-type")
        formula = None if computed else cell.getAttrNS(_ns("table"), "formula")
        if not text and not formula:
            empties += repeat
            continue
        cells.extend([""] * empties)
        empties = 0
        for _ in range(min(repeat, MAX_REPEAT)):
            if formula:
                formulas[len(cells)] = re.sub(r"^of:", "", formula)
            cells.append(text)
    return cells, formulas


def _ods_value(cell) -> str:
    office = _ns("office")
    kind = cell.getAttrNS(office, "value-type")
    if kind in ("float", "percentage", "currency"):
        return number_text(float(cell.getAttrNS(office, "value")))
    if kind == "boolean":
        return "VRAI" if cell.getAttrNS(office, "boolean-value") == "true" else "FAUX"
    if kind == "date":
        value = cell.getAttrNS(office, "date-value") or ""
        return value[:10] if value[10:].strip("T0:.") == "" else value.replace("T", " ")
    if kind == "time":
        value = cell.getAttrNS(office, "time-value") or ""
        match = re.fullmatch(r"PT(\d+)H(\d+)M(\d+)(?:[.,]\d+)?S", value)
        if match:
            return ":".join(f"{int(part):02d}" for part in match.groups())
    paragraphs = [p for p in cell.childNodes if getattr(p, "qname", None) == (_ns("text"), "p")]
    return "\n".join(_inline(p) for p in paragraphs)


def _inline(node) -> str:
    """A paragraph's text: spans and links flattened, ``text:s`` spaces and tabs kept."""
    parts = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(child.data)
            continue
        kind = getattr(child, "qname", (None, None))
        if kind == (_ns("text"), "s"):
            parts.append(" " * int(child.getAttrNS(_ns("text"), "c") or 1))
        elif kind == (_ns("text"), "tab"):
            parts.append("\t")
        elif kind == (_ns("text"), "line-break"):
            parts.append("\n")
        elif kind[0] == _ns("office") and kind[1] == "annotation":
            continue  # a comment on the cell, not its value
        else:
            parts.append(_inline(child))
    return "".join(parts)


def open_book(path: Path, kind: str) -> XlsxBook | OdsBook:
    return XlsxBook(path) if kind == "xlsx" else OdsBook(path)
