"""The open-data files as bytes, deterministic to the byte.

In: a ``PublishedView``, the site's domain and, for the map, département outlines. Out: an
ordered dict ``{path under the site: bytes}`` holding ``donnees/palmares-<année>.csv`` and
``.json`` and ``.xlsx`` (the same table for spreadsheets) for each published edition,
``donnees/chiffres.csv`` (the figures of /chiffres/),
``donnees/actions.csv``, ``donnees/territoires.geojson``,
``donnees/carte-departements.json`` (outlines in map coordinates, for the map's JavaScript) and
``donnees/datapackage.json`` (Frictionless Data Package: Table Schema for each CSV, with each
file's size and hash), plus ``catalogue()``: what the « Données ouvertes » page lists.

CSV, the standard file for reuse: UTF-8 without BOM, comma-separated, a header line, ``\\r\\n``
line ends (RFC 4180), ``true``/``false`` for booleans, ISO dates, an empty field when missing.
A text cell that a spreadsheet would read as a formula (it starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return: « CSV injection ») is written with a leading ``'``, as OWASP
recommends; ``datapackage.json`` says so. Numbers are numbers and keep their sign.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass

from label_data import urls
from label_data.view import PublishedView
from label_infra.cache import FileCache
from label_infra.code import code_digest
from label_infra.digests import digest

from . import tables
from .tables import Column
from .xlsx import MIME as XLSX_MIME
from .xlsx import to_xlsx

LICENCE = {
    "name": "CC-BY-NC-SA-4.0",
    "title": "Creative Commons Attribution – Pas d’utilisation commerciale – Partage dans les "
    "mêmes conditions 4.0 International",
    "path": "https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr",
}
ATTRIBUTION = "Source : www.villes-internet.net"
ABOUT = [f"Licence : {LICENCE['title']} ({LICENCE['path']})", ATTRIBUTION]
SOURCE = {"title": "Association Villes Internet", "path": "https://www.villes-internet.net"}


@dataclass(frozen=True)
class DataFile:
    """One file of the catalogue, as the « Données ouvertes » page shows it."""

    path: str  # under the site root, e.g. donnees/actions.csv
    title: str
    description: str
    format: str  # CSV, XLSX, JSON, GeoJSON
    columns: tuple[Column, ...]
    size: int = 0  # bytes, set once the file is made

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMULA_NOTE = (
    "Les textes qui commencent par =, +, -, @, une tabulation ou un retour chariot sont "
    "précédés d’une apostrophe (') pour qu’un tableur ne les exécute pas comme une formule "
    "(recommandation OWASP contre l’injection de formules) ; retirez-la pour retrouver le texte."
)


def neutral(text: str) -> str:
    """A text cell a spreadsheet will show as text, never run as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value) -> str:
    if isinstance(value, str):  # text from the data; numbers (a negative longitude) stay numbers
        return neutral(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_bytes(rows: Iterable[Iterable]) -> bytes:
    """Every CSV of the site and the kits is written here: RFC 4180, formulas neutralised."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(_cell(value) for value in row)
    return out.getvalue().encode("utf-8")


def to_csv(columns: tuple[Column, ...], rows: list[dict]) -> bytes:
    header = [c.name for c in columns]
    return csv_bytes([header, *([row[name] for name in header] for row in rows)])


def _json_value(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def to_json(document) -> bytes:
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False, default=_json_value)
    return (text + "\n").encode("utf-8")


def _schema(columns: tuple[Column, ...], key: str) -> dict:
    fields = []
    for c in columns:
        field = {"name": c.name, "type": c.type, "description": c.description}
        if c.type == "date":
            field["format"] = "%Y-%m-%d"
        fields.append(field)
    return {"fields": fields, "primaryKey": [key] if key else [], "missingValues": [""]}


def _meta() -> dict:
    return {"licence": LICENCE["name"], "licence_url": LICENCE["path"], "attribution": ATTRIBUTION}


def catalogue(view: PublishedView) -> list[DataFile]:
    """The files, newest edition first, in the order the page lists them."""
    out = []
    for year in sorted(view.editions, reverse=True):
        for fmt, usage in (
            ("csv", ""),
            ("xlsx", " Classeur pour Excel ou LibreOffice : le contenu du CSV."),
            ("json", ""),
        ):
            out.append(
                DataFile(
                    urls.open_data(f"palmares-{year}.{fmt}"),
                    f"Palmarès {year}",
                    f"Les collectivités labellisées en {year}, avec leur niveau et leurs "
                    f"mentions.{usage}",
                    fmt.upper(),
                    tables.PALMARES_COLUMNS,
                )
            )
    out.append(
        DataFile(
            urls.open_data("chiffres.csv"),
            "Le label en chiffres",
            "Pour chaque édition publiée : collectivités labellisées, par niveau et par type, "
            "mentions, titres d’excellence, premiers labels, retours et sorties.",
            "CSV",
            tables.FIGURES_COLUMNS,
        )
    )
    out.append(
        DataFile(
            urls.open_data("territoires.geojson"),
            "Collectivités labellisées",
            "Chaque collectivité présente sur le site : position (WGS84), label affichable "
            "aujourd’hui et historique de ses labels.",
            "GeoJSON",
            tables.GEOJSON_PROPERTIES,
        )
    )
    out.append(
        DataFile(
            urls.open_data("actions.csv"),
            "Actions",
            "Les actions numériques présentées par les collectivités.",
            "CSV",
            tables.ACTIONS_COLUMNS,
        )
    )
    return out


def _workbook(year: int, rows: list[dict], csv_bytes: bytes, when, cache: FileCache) -> bytes:
    """The palmarès as .xlsx, kept in the cache by the CSV's content (openpyxl takes about
    75 ms an edition: two seconds a build at national scale, for files that rarely change)."""
    about = [f"Palmarès {year} du label « Territoires, Villes et Villages Internet »", *ABOUT]
    title = f"Palmarès {year}"
    key = digest([code_digest(to_xlsx), csv_bytes, title, when.isoformat(), *about])
    return cache.get_or_make(
        key, lambda: to_xlsx(tables.PALMARES_COLUMNS, rows, title, when, about)
    )


def make_files(
    view: PublishedView, domain: str, outlines: dict | None = None, cache_dir: str | None = None
) -> tuple[dict[str, bytes], list[DataFile]]:
    """Every open-data file's bytes, and the catalogue with sizes filled in."""
    files: dict[str, bytes] = {}
    cache = FileCache(cache_dir, "donnees-xlsx")
    for year in sorted(view.editions):
        rows = tables.palmares_rows(view, view.editions[year], domain)
        files[urls.open_data(f"palmares-{year}.csv")] = to_csv(tables.PALMARES_COLUMNS, rows)
        files[urls.open_data(f"palmares-{year}.xlsx")] = _workbook(
            year,
            rows,
            files[urls.open_data(f"palmares-{year}.csv")],
            view.editions[year].embargo,
            cache,
        )
        files[urls.open_data(f"palmares-{year}.json")] = to_json(
            {"edition": year, **_meta(), "laureats": rows}
        )
    files[urls.open_data("chiffres.csv")] = to_csv(
        tables.FIGURES_COLUMNS, tables.figures_rows(view)
    )
    files[urls.open_data("territoires.geojson")] = to_json(
        {
            "type": "FeatureCollection",
            **_meta(),
            "features": tables.territory_features(view, domain),
        }
    )
    files[urls.open_data("actions.csv")] = to_csv(
        tables.ACTIONS_COLUMNS, tables.action_rows(view, domain)
    )
    listed = [
        DataFile(f.path, f.title, f.description, f.format, f.columns, len(files[f.path]))
        for f in catalogue(view)
    ]
    files[urls.open_data("datapackage.json")] = to_json(datapackage(listed, files))
    if outlines is not None:
        files[urls.open_data("carte-departements.json")] = (
            json.dumps(outlines, ensure_ascii=False, separators=(",", ":")) + "\n"
        ).encode("utf-8")
    return files, listed


def _resource_name(path: str) -> str:
    return path.rsplit("/", 1)[-1].replace(".", "-").lower()


def datapackage(listed: list[DataFile], files: dict[str, bytes]) -> dict:
    """A Frictionless Data Package: tabular resources (CSV) carry their Table Schema."""
    resources = []
    for f in listed:
        data = files[f.path]
        resource = {
            "name": _resource_name(f.path),
            "path": f.name,
            "title": f.title,
            "description": f.description,
            "format": f.name.rsplit(".", 1)[-1],
            "bytes": len(data),
            "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        }
        if f.format == "CSV":
            key = "id" if f.path.endswith("actions.csv") else ""
            resource.update(
                {
                    "type": "table",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "dialect": {"delimiter": ",", "header": True},
                    "schema": _schema(f.columns, key),
                }
            )
        elif f.format == "XLSX":  # the same table as the CSV, in a spreadsheet's format
            resource.update(
                {"type": "table", "mediatype": XLSX_MIME, "schema": _schema(f.columns, "")}
            )
        else:
            resource["mediatype"] = (
                "application/geo+json" if f.format == "GeoJSON" else "application/json"
            )
            resource["type"] = "file"
        resources.append(resource)
    return {
        "name": "label-territoires-villes-villages-internet",
        "title": "Label « Territoires, Villes et Villages Internet »",
        "description": "Palmarès du label, collectivités labellisées et actions. "
        + ATTRIBUTION
        + ". "
        + FORMULA_NOTE,
        "licenses": [LICENCE],
        "sources": [SOURCE],
        "resources": resources,
    }
