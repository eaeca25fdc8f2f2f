"""The workbook's readers: an .xlsx (openpyxl) or an .ods (odfpy), each sheet as CSV text.

In: the path of a file ``workbook.file_kind`` judged an .xlsx or an .ods. Out: a book whose
``sheets`` lists its sheets (name, hidden or not) and whose ``read`` gives a sheet's rows as the
spreadsheet numbers them, each cell as ``workbook.cell_text`` writes it, with the cells whose
formula has no computed value; or ``workbook.Unreadable`` for a damaged file.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from .workbook import SAVE_AS, SheetData, SheetInfo, Unreadable, cell_text, number_text

ROW_GROUPS = ("table-header-rows", "table-row-group", "table-rows")
MAX_REPEAT = 1000  # an ODS row or cell repeated more often than this is not the jury's data


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
