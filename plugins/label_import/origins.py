"""Point the checker's problems in a file the import has not written yet at the spreadsheet.

In: the YAML text an import would write for an edition, the line of each laureate in the
spreadsheet, the headers read and the source (the file, with its sheet for a workbook:
« jury.xlsx, feuille « Palmarès » »). Out: for each line of that text, the place in the
spreadsheet it comes from, as « jury.csv, ligne 12, colonne « Niveau » ». A problem at line 10
of a ``palmares/2028.yaml`` that does not exist yet means nothing to staff; the row of their
spreadsheet does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

LAUREATE_RE = re.compile(r'^  - territoire: "([^"]+)"')
KEY_RE = re.compile(r"^(?:  - |    )([a-z_]+):")
# The CSV column each laureate field comes from (« territoire »: the code, else the name).
COLUMN_OF_KEY = {
    "arobases": "arobases",
    "mentions": "mentions",
    "excellence": "excellence",
    "alerte": "alerte",
    "note_jury": "note_jury",
}


def csv_origins(
    text: str,
    rows: Mapping[str, int],
    headers: Mapping[str, str],
    source: str,
    named_by: Mapping[str, str] | None = None,
) -> dict[int, str]:
    """YAML line number (1-based) -> « source, ligne N, colonne « … » » for laureate lines;
    ``named_by``: the header of the cell that named each laureate (code or name)."""
    origins: dict[int, str] = {}
    row = code = None
    for number, line in enumerate(text.split("\n"), 1):
        match = LAUREATE_RE.match(line)
        if match:
            code = match[1]
            row = rows.get(code)
        elif not line.startswith("    "):
            row = None  # left the laureates' list
        if row is None:
            continue
        key = KEY_RE.match(line)
        canonical = COLUMN_OF_KEY.get(key[1] if key else "")
        header = headers.get(canonical) if canonical else (named_by or {}).get(code)
        header = header or headers.get("code") or headers.get("nom")
        origins[number] = f"{source}, ligne {row}" + (f", colonne « {header} »" if header else "")
    return origins
