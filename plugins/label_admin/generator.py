"""A Pelican generator that copies the web editor into the site, under ``/admin/``.

In: ``theme/admin/`` (the page, ``langue.js``, the committed ``config.yml`` and the bundle
``cms/`` that ``scripts/vendor_assets.py`` makes). Out: the same files under ``admin/``, each
recorded as this plugin's (kept from the previous site when unchanged). Nothing of the data is
read: the editor reads the repository through GitHub, never the site.
"""

from __future__ import annotations

import logging
from pathlib import Path

from label_build.site_files import files_in, tree_files
from label_data.urls import ADMIN
from label_infra.digests import file_digest
from pelican.generators import Generator

log = logging.getLogger(__name__)
EDITOR_DIR = "admin"  # in the theme


class AdminGenerator(Generator):
    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        source = Path(self.theme) / EDITOR_DIR
        files = files_in(self.context)
        count = 0
        for name in sorted(tree_files(source)):
            path = source / name
            files.copy(ADMIN + name, path, "label_admin", file_digest(path))
            count += 1
        log.info("label_admin: %d files of the web editor", count)
