"""A Pelican generator for the open-data files and the « Données ouvertes » page.

In: the published view and the département outlines of ``label_map``. Out: the files of
``files.make_files`` under the output directory, and ``donnees/index.html`` rendered with the
theme's ``donnees.html`` (variables: ``files``, ``licence``, ``attribution``).
"""

from __future__ import annotations

import logging

from babel.numbers import format_decimal
from label_build.site_files import files_in
from label_data import urls
from label_data.published import view_in
from label_map.svgmap import outlines_geojson
from pelican.generators import Generator

from .files import ATTRIBUTION, LICENCE, make_files

log = logging.getLogger(__name__)
NBSP = "\u00a0"


def size_fr(size: int) -> str:
    """« 812 octets », « 6,1 ko », « 1,2 Mo » (decimal units, French number format)."""
    if size < 1000:
        return f"{size}{NBSP}octets"
    value, unit = (size / 1000, "ko") if size < 1_000_000 else (size / 1_000_000, "Mo")
    return f"{format_decimal(value, format='#,##0.0', locale='fr')}{NBSP}{unit}"


class OpenDataGenerator(Generator):
    def generate_context(self) -> None:
        self.view = view_in(self.context)

    def generate_output(self, writer) -> None:
        domain = self.settings.get("SITE_DOMAIN") or self.settings.get("SITEURL") or ""
        cache = self.settings.get("LABEL_CACHE") or None
        files, listed = make_files(self.view, domain, outlines_geojson(), cache)
        site_files = files_in(self.context)
        for path, data in files.items():
            site_files.write(path, data, "label_opendata")
        package = urls.open_data("datapackage.json")
        writer.write_file(
            urls.page_file(urls.OPEN_DATA),
            self.get_template("donnees"),
            self.context,
            url=urls.OPEN_DATA,
            page_url=urls.OPEN_DATA,
            files=listed,
            size_fr=size_fr,
            package_url="/" + package,
            package_size=size_fr(len(files[package])),
            licence=LICENCE,
            attribution=ATTRIBUTION,
        )
        log.info("label_opendata: %d files written", len(files))
