"""The open-data files as bytes, deterministic to the byte.

In: a ``PublishedView``, the site's domain and, for the map, département outlines. Out: an
ordered dict ``{path under the site: bytes}`` holding ``donnees/palmares-<année>.csv`` and
``.json`` for each published edition, ``donnees/chiffres.csv`` (the figures of /chiffres/),
``donnees/actions.csv``, ``donnees/territoires.geojson``,
``donnees/carte-departements.json`` (outlines in map coordinates, for the map's JavaScript) and
``donnees/datapackage.json`` (Frictionless Data Package: Table Schema for each CSV, with each
file's size and hash), plus ``catalogue()``: what the « Données ouvertes » page lists.

CSV: UTF-8 without BOM, comma-separated, a header line, ``\\r\\n`` line ends (RFC 4180),
``true``/``false`` for booleans, ISO dates, an empty field for a missing value.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass

from label_data.view import PublishedView

from . import tables
from .tables import Column

LICENCE = {
    "name": "CC-BY-NC-SA-4.0",
    "title": "Creative Commons Attribution – Pas d’utilisation commerciale – Partage dans les "
    "mêmes conditions 4.0 International",
    "path": "https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr",
}
ATTRIBUTION = "Source : www.villes-internet.net"
SOURCE = {"title": "Association Villes Internet", "path": "https://www.villes-internet.net"}


@dataclass(frozen=True)
class DataFile:
    """One file of the catalogue, as the « Données ouvertes » page shows it."""

    path: str  # under the site root, e.g. donnees/actions.csv
    title: str
    description: str
    format: str  # CSV, JSON, GeoJSON
    columns: tuple[Column, ...]
    size: int = 0  # bytes, set once the file is made

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def to_csv(columns: tuple[Column, ...], rows: list[dict]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(c.name for c in columns)
    for row in rows:
        writer.writerow(_cell(row[c.name]) for c in columns)
    return out.getvalue().encode("utf-8")


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
        for fmt in ("csv", "json"):
            out.append(
                DataFile(
                    f"donnees/palmares-{year}.{fmt}",
                    f"Palmarès {year}",
                    f"Les collectivités labellisées en {year}, avec leur niveau et leurs mentions.",
                    fmt.upper(),
                    tables.PALMARES_COLUMNS,
                )
            )
    out.append(
        DataFile(
            "donnees/chiffres.csv",
            "Le label en chiffres",
            "Pour chaque édition publiée : collectivités labellisées, par niveau et par type, "
            "mentions, titres d’excellence, premiers labels, retours et sorties.",
            "CSV",
            tables.FIGURES_COLUMNS,
        )
    )
    out.append(
        DataFile(
            "donnees/territoires.geojson",
            "Collectivités labellisées",
            "Chaque collectivité présente sur le site : position (WGS84), label affichable "
            "aujourd’hui et historique de ses labels.",
            "GeoJSON",
            tables.GEOJSON_PROPERTIES,
        )
    )
    out.append(
        DataFile(
            "donnees/actions.csv",
            "Actions",
            "Les actions numériques présentées par les collectivités.",
            "CSV",
            tables.ACTIONS_COLUMNS,
        )
    )
    return out


def make_files(
    view: PublishedView, domain: str, outlines: dict | None = None
) -> tuple[dict[str, bytes], list[DataFile]]:
    """Every open-data file's bytes, and the catalogue with sizes filled in."""
    files: dict[str, bytes] = {}
    for year in sorted(view.editions):
        rows = tables.palmares_rows(view, view.editions[year], domain)
        files[f"donnees/palmares-{year}.csv"] = to_csv(tables.PALMARES_COLUMNS, rows)
        files[f"donnees/palmares-{year}.json"] = to_json(
            {"edition": year, **_meta(), "laureats": rows}
        )
    files["donnees/chiffres.csv"] = to_csv(tables.FIGURES_COLUMNS, tables.figures_rows(view))
    files["donnees/territoires.geojson"] = to_json(
        {
            "type": "FeatureCollection",
            **_meta(),
            "features": tables.territory_features(view, domain),
        }
    )
    files["donnees/actions.csv"] = to_csv(tables.ACTIONS_COLUMNS, tables.action_rows(view, domain))
    listed = [
        DataFile(f.path, f.title, f.description, f.format, f.columns, len(files[f.path]))
        for f in catalogue(view)
    ]
    files["donnees/datapackage.json"] = to_json(datapackage(listed, files))
    if outlines is not None:
        files["donnees/carte-departements.json"] = (
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
        else:
            resource["mediatype"] = (
                "application/geo+json" if f.format == "GeoJSON" else "application/json"
            )
            resource["type"] = "file"
        resources.append(resource)
    return {
        "name": "label-territoires-villes-villages-internet",
        "title": "Label « Territoires, Villes et Villages Internet »",
        "description": "Palmarès du label, collectivités labellisées et actions. " + ATTRIBUTION,
        "licenses": [LICENCE],
        "sources": [SOURCE],
        "resources": resources,
    }
