"""A Pelican generator for the open-data files and the « Données ouvertes » page.

In: the published view and the département outlines of ``label_map``. Out: the files of
``files.make_files`` under the output directory, and ``donnees/index.html`` rendered with the
theme's ``donnees.html`` (variables: ``files``, ``licence``, ``attribution``).
"""

from __future__ import annotations

import logging

from label_build.site_files import files_in
from label_data import urls
from label_data.published import view_in
from label_data.typo import file_size
from label_map.svgmap import outlines_geojson
from pelican.generators import Generator

from .files import ATTRIBUTION, LICENCE, make_files

log = logging.getLogger(__name__)


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
            package_url="/" + package,
            package_size=file_size(len(files[package])),
            licence=LICENCE,
            attribution=ATTRIBUTION,
        )
        log.info("label_opendata: %d files written", len(files))
