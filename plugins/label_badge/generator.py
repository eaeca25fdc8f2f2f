"""A Pelican generator for the badges: ``/territoires/<slug>-<code>/badge.svg``.

In: the published view (so an edition under embargo gives no badge, R10) and the panel
charter. Out: one SVG per collectivity ever labelled (its last label once it lapsed), nothing for
the others; in the context (``context_keys.BADGE``), what a collectivity page shows of it.
"""

from __future__ import annotations

import logging

from label_build.site_files import files_in
from label_data.context_keys import BADGE
from label_data.published import view_in
from label_panels.charter import load_charter
from pelican.generators import Generator

from .badge import badge_svg, badge_url, page_badge

log = logging.getLogger(__name__)


class BadgeGenerator(Generator):
    def generate_context(self) -> None:
        self.view = view_in(self.context)
        self.context[BADGE] = page_badge  # read by label_pages when it renders the pages

    def generate_output(self, writer) -> None:
        charter = load_charter()
        files = files_in(self.context)
        count = 0
        for territory in self.view.territories.values():
            if not territory.labels:  # never labelled: nothing to show
                continue
            files.write(badge_url(territory), badge_svg(territory, charter), "label_badge")
            count += 1
        log.info("label_badge: %d badges written", count)
