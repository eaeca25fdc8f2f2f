"""A table as an ``.xlsx`` workbook: what a French spreadsheet opens without garbled accents.

In: the columns and rows of a table (as ``tables.py`` gives them), a sheet title and an
instant standing for the file's date. Out: the workbook's bytes, identical for identical input:
openpyxl stamps the save time into the document properties and every zip entry, so both are
fixed here (a build must be byte-reproducible, and Netlify uploads only changed files).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from .tables import Column

# Cached workbooks are keyed by it: bump the number when the layout below changes.

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build time leaks in
MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _fixed_times(data: bytes) -> bytes:
    """The same zip with every entry dated ZIP_TIME (openpyxl writes some parts through
    temporary files, so the entries cannot all be dated as they are written)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info))
    return out.getvalue()


def _sheet(wb: Workbook, title: str, columns: tuple[Column, ...], rows: list[dict]) -> None:
    ws = wb.active
    ws.title = title[:31]  # Excel's limit for a sheet name
    ws.append([c.name for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([row[c.name] if row[c.name] != "" else None for c in columns])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                # openpyxl stores a text starting with « = » as a formula: text from communes
                # must stay text (« CSV injection », in a workbook too).
                cell.data_type = "s"
    ws.freeze_panes = "A2"  # the header stays visible while scrolling
    for i, column in enumerate(columns, 1):
        longest = max([len(column.name), *(len(str(r[column.name] or "")) for r in rows)])
        ws.column_dimensions[get_column_letter(i)].width = min(60, longest + 2)


def _about(wb: Workbook, lines: list[str]) -> None:
    ws = wb.create_sheet("À propos")
    for line in lines:
        ws.append([line])
    ws.column_dimensions["A"].width = 100


def to_xlsx(
    columns: tuple[Column, ...],
    rows: list[dict],
    title: str,
    when: dt.datetime,
    about: list[str],
) -> bytes:
    """The workbook: the table on the first sheet, ``about`` (licence, source) on a second."""
    wb = Workbook()
    _sheet(wb, title, columns, rows)
    _about(wb, about)
    stamp = when.astimezone(dt.UTC).replace(tzinfo=None)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "Association Villes Internet"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return _fixed_times(buffer.getvalue())
