"""The jury's workbook read as the jury sends it: .xlsx and .ods, typed cells, sheets, messages.

Workbooks are written in tmp_path with openpyxl and odfpy, as a spreadsheet would save them
(numeric codes, levels typed 4.0, a title row, a formula, empty rows, hidden sheets); each gives
the same files as the same data saved as CSV. Files that are not what their name says, old
formats, the French command-line errors and the .gitignore that keeps jury files out of git.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from label_import.workbook import cell_text, number_text
from test_import import (
    EXPECTED_2028,
    HEADER,
    ROWS,
    export_rows,
    import_actions,
    import_palmares,
    run_palmares,
    snapshot,
    write_csv,
    write_export,
)

ROOT = Path(__file__).resolve().parent.parent
NB = "\u00a0"
# ROWS of test_import as a spreadsheet types them: numbers, a level 4.0, a boolean, a code whose
# leading zero the spreadsheet dropped (1001), a SIREN stored as a float.
TYPED = [
    [33063, "Bordeaux", None, "=2+2", None, None],  # the level is a formula (computed: 4)
    [None, "paris", None, 5.0, "Numérique éducatif ; transition-ecologique", None],
    [None, "Saint-Denis", 974, 4, None, False],
    [243300316.0, "Bordeaux Métropole", None, "3 @", None, None],
    [1001, None, None, 2, None, None],
    ["01053", "Bourg-en-Bresse", None, "@@@", "médiation numérique|démocratie locale", None],
]
TITLE = "Palmarès 2028 — délibération du jury"


def plain(text: str) -> str:
    """Output with no-break spaces read as spaces, for assertions about words."""
    return text.replace(NB, " ")


def write_xlsx(path: Path, sheets: dict[str, list[list]], *, hidden=(), title: bool = False):
    """A workbook as Excel saves it: formulas with their computed value (openpyxl writes none,
    so ``=2+2`` gets its 4 afterwards), merged title, styled empty cells past the data."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        if name in hidden:
            ws.sheet_state = "hidden"
        if title:
            ws.append([TITLE])
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
            ws.append([])  # an empty row between the title and the header
        for row in rows:
            ws.append(row)
        # Formatting left by the jury below and beside the table: empty rows and columns.
        ws.cell(row=ws.max_row + 30, column=12).fill = openpyxl.styles.PatternFill("solid")
    wb.save(path)
    return computed(path, {"2+2": "4"})


def computed(path: Path, values: dict[str, str]) -> Path:
    """Give each formula the value a spreadsheet would have stored with it."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/"):
            for formula, value in values.items():
                data = data.replace(
                    f"<f>{formula}</f><v></v>".encode(), f"<f>{formula}</f><v>{value}</v>".encode()
                )
            parts[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def ods_cell(value):
    from odf.table import TableCell
    from odf.text import P

    if value is None:
        return TableCell()
    if isinstance(value, bool):
        return TableCell(valuetype="boolean", booleanvalue=str(value).lower())
    if isinstance(value, int | float):
        cell = TableCell(valuetype="float", value=str(value))
        cell.addElement(P(text=f"{value:g}"))
        return cell
    if isinstance(value, dt.date):
        return TableCell(valuetype="date", datevalue=value.isoformat())
    if value.startswith("="):  # LibreOffice stores a formula with its value
        cell = TableCell(formula=f"of:{value}", valuetype="float", value=str(eval(value[1:])))
        cell.addElement(P(text=str(eval(value[1:]))))
        return cell
    cell = TableCell(valuetype="string")
    cell.addElement(P(text=value))
    return cell


def write_ods(path: Path, sheets: dict[str, list[list]], *, hidden=(), title: bool = False):
    """An .ods as LibreOffice saves it: a title over six merged cells (five covered ones), each
    row's empty tail and the sheet's empty rows written once with a repeat count."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableRow

    doc = OpenDocumentSpreadsheet()
    style = Style(name="cachee", family="table")
    style.addElement(TableProperties(display="false"))
    doc.automaticstyles.addElement(style)
    for name, rows in sheets.items():
        table = Table(name=name, stylename="cachee") if name in hidden else Table(name=name)
        if title:
            row = TableRow()
            cell = ods_cell(TITLE)
            cell.setAttribute("numbercolumnsspanned", "6")
            row.addElement(cell)
            row.addElement(CoveredTableCell(numbercolumnsrepeated=5))
            table.addElement(row)
            empty = TableRow()
            empty.addElement(TableCell(numbercolumnsrepeated=1024))
            table.addElement(empty)
        for values in rows:
            row = TableRow()
            for value in values:
                row.addElement(ods_cell(value))
            row.addElement(TableCell(numbercolumnsrepeated=1018))
            table.addElement(row)
        tail = TableRow(numberrowsrepeated=1048000)
        tail.addElement(TableCell(numbercolumnsrepeated=1024))
        table.addElement(tail)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def second_copy(data: Path, tmp_path: Path) -> Path:
    other = tmp_path / "data-csv"
    shutil.copytree(data, other)
    return other


# -- typed cells read as CSV text ------------------------------------------------------------


@pytest.mark.parametrize(
    "value,number_format,text",
    [
        (1001, None, "1001"),  # the importer's leading-zero repair then says so
        (1001, "00000", "01001"),  # the cell shows 01001: so does its text
        (33063.0, None, "33063"),
        (243300316.0, "General", "243300316"),
        (4.0, None, "4"),
        (4.5, None, "4,5"),
        (0.1 + 0.2, None, "0,3"),  # 15 significant digits, like the spreadsheet shows
        (True, None, "VRAI"),
        (False, None, "FAUX"),
        # A spreadsheet's dates and times have no time zone: naive, as openpyxl reads them.
        (dt.datetime(2026, 3, 15), "yyyy-mm-dd h:mm:ss", "2026-03-15"),  # noqa: DTZ001
        (dt.datetime(2026, 3, 15, 10, 30), None, "2026-03-15 10:30:00"),  # noqa: DTZ001
        (dt.date(2026, 3, 15), None, "2026-03-15"),
        (None, None, ""),
        (" Bordeaux ", None, " Bordeaux "),  # stripped later, as a CSV cell is
    ],
)
def test_a_typed_cell_reads_as_its_csv_text(value, number_format, text):
    assert cell_text(value, number_format) == text


def test_numbers_keep_negative_and_large_values():
    assert number_text(-3.0) == "-3"
    assert number_text(1e20) == "1e+20"


# -- the same data as CSV, .xlsx and .ods give the same files --------------------------------


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_a_workbook_gives_the_files_the_same_csv_gives(capsys, data_copy, tmp_path, suffix):
    data_csv = second_copy(data_copy, tmp_path)
    csv_path = write_csv(tmp_path / "jury.csv", ROWS)
    assert run_palmares(capsys, data_csv, csv_path)[0] == 0

    write = write_xlsx if suffix == ".xlsx" else write_ods
    book = write(tmp_path / f"jury{suffix}", {"Palmarès": [HEADER, *TYPED]}, title=True)
    status, out = run_palmares(capsys, data_copy, book)
    assert status == 0, out
    assert (data_copy / "palmares" / "2028.yaml").read_text("utf-8") == EXPECTED_2028
    assert snapshot(data_copy) == snapshot(data_csv)
    lines = plain(out).splitlines()
    assert lines[0] == (
        f"{book} : 6 lignes lues (feuille « Palmarès », en-tête ligne 3, les lignes au-dessus "
        "ignorées)"
    )
    assert (
        f"{book}, feuille « Palmarès », ligne 8 : code « 1001 » lu comme 01001 (le tableur a "
        "retiré le zéro initial)" in lines
    )
    assert "+ nouvelle édition 2028 : 6 lauréats" in out
    # Run again: nothing changes, whatever the format.
    assert "Aucun changement" in run_palmares(capsys, data_copy, book)[1]
    assert "Aucun changement" in run_palmares(capsys, data_copy, csv_path)[1]


def test_the_first_visible_sheet_is_read_and_the_notes_say_which(capsys, data_copy, tmp_path):
    sheets = {"Listes": [["ville", "village"]], "Palmarès": [HEADER, *TYPED], "Notes": [["x"]]}
    book = write_ods(tmp_path / "jury.ods", sheets, hidden=("Listes",))
    status, out = run_palmares(capsys, data_copy, book, "--dry-run")
    assert status == 0, out
    assert out.splitlines()[0] == (
        f"{book}{NB}: 6 lignes lues (feuille «{NB}Palmarès{NB}»{NB}; non lues{NB}: "
        f"«{NB}Listes{NB}» (masquée), «{NB}Notes{NB}»)"
    )


def test_a_named_sheet_is_read(capsys, data_copy, tmp_path):
    sheets = {"Consignes": [["Lire d’abord"]], "Palmarès 2028": [HEADER, *TYPED]}
    book = write_xlsx(tmp_path / "jury.xlsx", sheets)
    status, out = run_palmares(capsys, data_copy, book, "--feuille", "palmares 2028", "--dry-run")
    assert status == 0, out
    assert plain(out).splitlines()[0] == (
        f"{book} : 6 lignes lues (feuille « Palmarès 2028 » ; non lues : « Consignes »)"
    )
    assert "+ nouvelle édition 2028 : 6 lauréats" in out


def test_an_unknown_sheet_lists_the_sheets(capsys, data_copy, tmp_path):
    sheets = {"Consignes": [["Lire d’abord"]], "Palmarès 2028": [HEADER, *TYPED]}
    book = write_xlsx(tmp_path / "jury.xlsx", sheets, hidden=("Consignes",))
    before = snapshot(data_copy)
    status, out = run_palmares(capsys, data_copy, book, "--feuille", "Palmares 2027")
    assert status == 1
    assert out.splitlines()[0] == (
        f"{book}{NB}: pas de feuille «{NB}Palmares 2027{NB}» dans ce classeur{NB}; "
        f"vouliez-vous dire «{NB}Palmarès 2028{NB}»{NB}? Feuilles du classeur{NB}: "
        f"«{NB}Consignes{NB}» (masquée), «{NB}Palmarès 2028{NB}»"
    )
    assert snapshot(data_copy) == before


def test_a_first_sheet_without_the_table_points_at_the_others(capsys, data_copy, tmp_path):
    sheets = {"Consignes": [["Lire d’abord", "puis remplir"]], "Palmarès": [HEADER, *TYPED]}
    book = write_xlsx(tmp_path / "jury.xlsx", sheets)
    status, out = run_palmares(capsys, data_copy, book)
    assert status == 1
    where = f"{book}, feuille « Consignes »"
    assert plain(out).splitlines() == [
        f"{where} : colonne « arobases » introuvable dans la ligne d’en-tête (ligne 1, lue : "
        "Lire d’abord | puis remplir)",
        f"{where} : colonne « code » ou « nom » introuvable dans la ligne d’en-tête (ligne 1, "
        "lue : Lire d’abord | puis remplir)",
        f"{where} : le classeur a d’autres feuilles (« Palmarès ») : choisissez la bonne avec "
        "FEUILLE=… (make) ou --feuille …",
        f"{book} : 3 problèmes, rien n’a été écrit. Corrigez le tableur puis relancez.",
    ]


# -- messages name the sheet, the row and the column -----------------------------------------


def test_bad_cells_are_named_by_sheet_row_and_column(capsys, data_copy, tmp_path):
    rows = [
        HEADER,
        [33063, "Bordeaux", None, 4.5, None, None],  # row 4: 4,5
        [75056, "Paris", None, 5, "Santé", "peut-être"],  # row 5: mention, flag
        [None, None, None, None, None, None],  # an empty row: skipped, numbers kept
        [33063, "Brest", None, 3, None, None],  # row 7: code and name disagree
    ]
    book = write_xlsx(tmp_path / "jury-2028.xlsx", {"Palmarès": rows}, title=False)
    before = snapshot(data_copy)
    status, out = run_palmares(capsys, data_copy, book)
    assert status == 1
    where = f"{book}, feuille «{NB}Palmarès{NB}»"
    assert (
        f"{where}, ligne 2, colonne «{NB}Niveau{NB}»{NB}: le niveau doit être un entier de 1 "
        f"à 5 (lu{NB}: «{NB}4,5{NB}»)"
    ) in out.splitlines()
    text = plain(out)
    assert (
        f"{book}, feuille « Palmarès », ligne 3, colonne « Mentions » : mention « Santé »" in text
    )
    assert f"{book}, feuille « Palmarès », ligne 3, colonne « Excellence » : écrivez oui" in text
    assert f"{book}, feuille « Palmarès », ligne 5, colonne « Nom » : le code 33063" in text
    assert f"{book} : 4 problèmes, rien n’a été écrit. Corrigez le tableur puis relancez." in text
    assert snapshot(data_copy) == before


def test_the_checker_names_the_sheet_and_the_dues_option_says_what_it_does(
    capsys, data_copy, tmp_path
):
    rows = [["Code INSEE", "Nom", "Niveau"], [13055, "Marseille", 4]]
    book = write_xlsx(tmp_path / "jury.xlsx", {"Palmarès": rows})
    status, out = run_palmares(capsys, data_copy, book)
    assert status == 1
    line = next(li for li in out.splitlines() if "Marseille (13055) n’a pas" in li)
    assert line.startswith(
        f"{book}, feuille «{NB}Palmarès{NB}», ligne 2, colonne «{NB}Code INSEE{NB}»{NB}: "
        f"Marseille (13055) n’a pas de cotisation enregistrée pour 2028{NB}: "
    )
    assert plain(line).endswith(
        "ou importez le palmarès avec une colonne « cotisation » à oui ou l’option "
        "--cotisations-payees, qui enregistre la cotisation 2028 de tous les lauréats du "
        "tableur (à n’utiliser que si tous l’ont réglée)"
    )
    # The same words for a CSV, whose lines keep their plain spaces.
    csv_path = write_csv(tmp_path / "jury.csv", [["13055", "Marseille", "4"]], header=rows[0])
    out = run_palmares(capsys, data_copy, csv_path)[1]
    assert (
        f"{csv_path}, ligne 2, colonne « Code INSEE » : Marseille (13055) n’a pas de cotisation"
        in out
    )
    assert "--cotisations-payees, qui enregistre la cotisation 2028 de tous les lauréats" in out


def test_a_formula_never_computed_is_named(capsys, data_copy, tmp_path):
    # A file written by a program (here openpyxl) holds formulas without their values.
    wb = openpyxl.Workbook()
    wb.active.title = "Palmarès"
    wb.active.append(["Code INSEE", "Nom", "Niveau"])
    wb.active.append([33063, "Bordeaux", "=2+2"])
    book = tmp_path / "jury.xlsx"
    wb.save(book)
    status, out = run_palmares(capsys, data_copy, book)
    assert status == 1
    assert (
        f"{book}, feuille « Palmarès », ligne 2, colonne « Niveau » : formule jamais calculée "
        "(=2+2) : ouvrez le classeur dans le tableur, enregistrez-le, puis relancez"
    ) in plain(out)
    assert "niveau manquant" not in out  # one message for the cell, not two


def test_a_filled_column_without_header_is_said(capsys, data_copy, tmp_path):
    # « Mentions » merged over two columns: the second one has no header of its own.
    rows = [
        ["Code INSEE", "Nom", "Niveau", "Mentions", None],
        [75056, "Paris", 5, "Numérique éducatif", "transition-ecologique"],
    ]
    book = write_xlsx(tmp_path / "jury.xlsx", {"Palmarès": rows})
    status, out = run_palmares(capsys, data_copy, book, "--dry-run")
    assert status == 0, out
    assert (
        f"{book}, feuille « Palmarès » : colonne E sans en-tête, ignorée alors qu’elle est "
        "remplie (ligne 2) : donnez-lui un en-tête si elle compte"
    ) in plain(out)


# -- files that are not what their name says -------------------------------------------------


def ole2(path: Path, extra: bytes = b"") -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + extra)
    return path


def zip_with(path: Path, names: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return path


SAVE_AS = (
    "ouvrez-le dans le tableur et enregistrez-le au format .xlsx (classeur Excel) ou CSV, puis "
    "relancez avec ce fichier"
)


@pytest.mark.parametrize(
    "name,make,message",
    [
        (
            "jury-2028.xlsx",
            lambda p: write_csv(p, ROWS),
            "ce fichier n’est pas un classeur Excel (.xlsx) malgré son nom en « .xlsx » : c’est "
            "du texte, sans doute un CSV ; renommez-le « jury-2028.csv », puis relancez",
        ),
        (
            "jury-2028.xlsx",
            lambda p: zip_with(p, {"photo.jpg": b"..."}),
            "ce fichier n’est pas un tableau : c’est une archive zip qui n’est pas un classeur "
            "; donnez le tableau au format .xlsx, .ods ou CSV",
        ),
        (
            "jury-2028.xls",
            ole2,
            f"ce fichier est un ancien classeur Excel (.xls) : l’import ne lit pas ce format ; "
            f"{SAVE_AS}",
        ),
        (
            "jury-2028.xlsx",
            lambda p: ole2(p, "EncryptionInfo".encode("utf-16-le")),
            "ce classeur est protégé par un mot de passe : ouvrez-le dans le tableur, "
            "enregistrez-en une copie sans mot de passe au format .xlsx ou CSV, puis relancez "
            "avec cette copie",
        ),
        (
            "jury-2028.numbers",
            lambda p: zip_with(p, {"Index/Document.iwa": b"..."}),
            "ce fichier est un document Numbers : l’import ne lit pas ce format ; dans Numbers, "
            "choisissez Fichier → Exporter vers → Excel (ou CSV), puis relancez avec le "
            "fichier exporté",
        ),
        (
            "jury-2028.csv",
            lambda p: shutil.copy(write_xlsx(p.with_suffix(".xlsx"), {"P": [HEADER]}), p),
            "ce fichier est un classeur Excel (.xlsx) malgré son nom en « .csv » : renommez-le "
            "« jury-2028.xlsx », puis relancez",
        ),
        (
            "jury-2028.ods",
            lambda p: zip_with(p, {"mimetype": b"application/vnd.oasis.opendocument.text"}),
            "ce fichier n’est pas un tableau : c’est un document OpenDocument qui n’est pas un "
            "classeur ; donnez le tableau au format .xlsx, .ods ou CSV",
        ),
        (
            "jury-2028.xlsx",
            lambda p: zip_with(p, {"xl/workbook.xml": b"<pas du xml"}),
            f"classeur Excel illisible, sans doute abîmé : {SAVE_AS}",
        ),
    ],
)
def test_a_file_that_is_not_what_its_name_says(capsys, data_copy, tmp_path, name, make, message):
    path = tmp_path / name
    make(path)
    before = snapshot(data_copy)
    status, out = run_palmares(capsys, data_copy, path)
    assert status == 1
    assert out.splitlines()[0] == f"{path}{NB}: " + message.replace(" :", f"{NB}:").replace(
        " ;", f"{NB};"
    ).replace("« ", f"«{NB}").replace(" »", f"{NB}»")
    assert capsys.readouterr().err == ""  # no traceback
    assert snapshot(data_copy) == before


def test_a_numbers_package_folder_is_named_too(capsys, data_copy, tmp_path):
    package = tmp_path / "jury.numbers"
    (package / "Index").mkdir(parents=True)
    status, out = run_palmares(capsys, data_copy, package)
    assert status == 1
    assert "ce fichier est un document Numbers" in plain(out)


def test_a_sheet_name_for_a_csv_is_ignored_and_said(capsys, data_copy, tmp_path):
    csv_path = write_csv(tmp_path / "jury.csv", ROWS)
    status, out = run_palmares(capsys, data_copy, csv_path, "--feuille", "Palmarès", "--dry-run")
    assert status == 0, out
    assert f"{csv_path} : feuille « Palmarès » ignorée : un fichier CSV n’a qu’une feuille" in out
    # The CSV's own lines are unchanged.
    assert f"{csv_path} : 6 lignes lues (encodage UTF-8, séparateur « ; »)" in out


def test_a_csv_with_a_title_row_finds_its_header(capsys, data_copy, tmp_path):
    csv_path = tmp_path / "jury.csv"
    body = io.StringIO()
    write_csv(tmp_path / "body.csv", ROWS)
    body.write(f"{TITLE};;;;;\r\n;;;;;\r\n")
    body.write((tmp_path / "body.csv").read_text("utf-8"))
    csv_path.write_text(body.getvalue(), encoding="utf-8")
    status, out = run_palmares(capsys, data_copy, csv_path)
    assert status == 0, out
    assert (data_copy / "palmares" / "2028.yaml").read_text("utf-8") == EXPECTED_2028
    assert "en-tête ligne 3, les lignes au-dessus ignorées" in out


# -- the actions import reads workbooks too --------------------------------------------------


def test_actions_from_a_workbook_give_the_files_the_csv_gives(capsys, data_copy, tmp_path):
    rows = export_rows(data_copy, ["33063", "2A004"])
    csv_path = write_export(tmp_path / "atlaas.csv", rows)
    assert import_actions.main([str(csv_path), "--data", str(data_copy), "--force"]) == 0
    capsys.readouterr()
    before = snapshot(data_copy)

    def typed(row: dict) -> list:
        out = dict(row)
        out["code"] = int(row["code"]) if row["code"].isdigit() else row["code"]
        for key in ("debut", "fin", "mise_a_jour"):
            if "/" in row[key]:
                day, month, year = row[key].split("/")
                out[key] = dt.datetime.fromisoformat(f"{year}-{month}-{day}")
            elif row[key]:
                out[key] = dt.datetime.fromisoformat(row[key])
        for key in ("lat", "lon"):
            out[key] = float(row[key].replace(",", ".")) if row[key] else None
        return [out[k] or None for k in row]

    sheets = {"Lisez-moi": [["Export Atlaas"]], "Actions": [list(rows[0]), *map(typed, rows)]}
    book = write_xlsx(tmp_path / "atlaas.xlsx", sheets)
    args = [str(book), "--feuille", "Actions", "--data", str(data_copy)]
    assert import_actions.main(args) == 0
    out = plain(capsys.readouterr().out)
    assert (
        f"{book} : {len(rows)} lignes lues (feuille « Actions » ; non lues : « Lisez-moi »)" in out
    )
    assert "Aucun changement" in out
    assert snapshot(data_copy) == before


# -- the command line in French --------------------------------------------------------------


@pytest.mark.parametrize(
    "argv,message",
    [
        ([], "arguments manquants : fichier, --annee"),
        (
            ["", "--annee", ""],  # make import-palmares with nothing
            "fichier manquant : donnez le tableur du jury avec "
            "FICHIER=~/Documents/jury/jury-2027.xlsx (make)",
        ),
        (
            ["{book}", "--annee", ""],
            "année de l’édition manquante : donnez-la avec ANNEE=2027 (make) ou --annee 2027",
        ),
        (
            ["{book}", "--annee", "20x8"],
            "année « 20x8 » illisible : écrivez ses quatre chiffres, par exemple ANNEE=2027 "
            "(make) ou --annee 2027",
        ),
        (
            ["~/pas-de-dossier/jury-2027.xlsx", "--annee", "2028"],
            "fichier « ~/pas-de-dossier/jury-2027.xlsx » introuvable : vérifiez son nom et son "
            "dossier (un chemin qui ne commence pas par / ou ~ part du dossier du projet)",
        ),
        (
            ["{book}", "--annee", "2028", "--feuile", "P"],
            "arguments inconnus : --feuile P (voir --help)",
        ),
        (["{book}", "--annee"], "--annee : une valeur est attendue"),
    ],
)
def test_command_line_errors_are_one_french_line(capsys, tmp_path, argv, message):
    book = write_xlsx(tmp_path / "jury.xlsx", {"Palmarès": [HEADER]})
    argv = [a.replace("{book}", str(book)) for a in argv]
    with pytest.raises(SystemExit) as exit_:
        import_palmares.main(argv)
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    prog, line = plain(captured.err).split(" : ", 1)  # prog: import_palmares.py from make
    assert line == f"{message}\n"
    assert "usage" not in captured.err and "error" not in captured.err


def make(*args: str) -> subprocess.CompletedProcess:
    # STAMP= : the recipe alone, without the virtual environment's prerequisite.
    return subprocess.run(
        ["make", "--no-print-directory", "-s", *args, "STAMP="],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_make_with_nothing_says_what_to_give():
    result = make("import-palmares")
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        f"import_palmares.py{NB}: fichier manquant{NB}: donnez le tableur du jury avec "
        "FICHIER=~/Documents/jury/jury-2027.xlsx (make)"
    )
    assert "invalid" not in result.stderr and "usage" not in result.stderr


@pytest.mark.parametrize("target", ["import-palmares", "import-actions"])
def test_make_passes_the_sheet(target):
    result = make("-n", target, "FICHIER=jury.xlsx", "ANNEE=2028", "FEUILLE=Palmarès 2028")
    assert '--feuille "Palmarès 2028"' in result.stdout
    assert "--feuille" not in make("-n", target, "FICHIER=jury.xlsx", "ANNEE=2028").stdout


def test_the_tilde_of_a_path_is_expanded(capsys, data_copy, tmp_path, monkeypatch):
    # zsh, macOS's shell, passes FICHIER=~/… to make as typed: the script expands it.
    monkeypatch.setenv("HOME", str(tmp_path))
    write_xlsx(tmp_path / "jury.xlsx", {"Palmarès": [HEADER, *TYPED]})
    status, out = run_palmares(capsys, data_copy, "~/jury.xlsx", "--dry-run")
    assert status == 0, out


# -- jury files stay out of git --------------------------------------------------------------

JURY_NAMES = [
    "jury-2027.xlsx",
    "jury-2027.csv",
    "jury-2027.ods",
    "jury 2027 (1).xlsx",
    "Palmarès 2027.xlsx",
    "export-atlaas.csv",
    "prive/jury-2027.xlsx",
    "prive/notes.txt",
    "jury/jury-2027.xlsx",
    "~$jury-2027.xlsx",
    ".~lock.jury-2027.xlsx#",
]


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.fixture
def work_tree():
    if shutil.which("git") is None or git("rev-parse", "--is-inside-work-tree").returncode:
        pytest.skip("not a git work tree")


@pytest.mark.parametrize("name", JURY_NAMES)
def test_jury_files_at_the_root_are_ignored_by_git(work_tree, name):
    assert git("check-ignore", "--no-index", "-q", name).returncode == 0, name


def test_the_ignore_rules_match_no_tracked_file(work_tree):
    assert git("ls-files", "-ci", "--exclude-standard").stdout == ""
    for kept in ("data/palmares/2027.yaml", "tests/test_import.py", "package.json"):
        assert git("check-ignore", "--no-index", "-q", kept).returncode == 1, kept
