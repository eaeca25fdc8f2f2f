"""The jury's workbook as the jury sends it: .xlsx (openpyxl) or .ods (odfpy), read as CSV text.

In: a file path, and the sheet asked for (``--feuille``) or none (the first visible sheet).
Out: the kind of file (``csv``, ``xlsx``, ``ods``) judged on its content *and* its name; the
sheets of a workbook; the chosen sheet's rows as the spreadsheet numbers them, each cell as the
text a CSV export would hold (1001 stays 1001 for the importer's leading-zero repair, unless the
cell's format writes 01001; 33063.0 → 33063; 4.0 → 4; 4.5 → 4,5; VRAI/FAUX; dates AAAA-MM-JJ;
merged cells: the value in their first cell only, the others empty, as in a CSV export), and the
cells whose formula has no computed value (the readers themselves: ``books``). Or
``Unreadable``, a French sentence that says what the file really is and what to do (an old
.xls, a Numbers document, a CSV named .xlsx…).
"""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import re
import unicodedata
import zipfile
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
