"""A Pelican generator writing the panel files to ``/panneaux/`` (R11), on both cores.

The panels are rendered (or read from the cache) once, while the context is built, so that pages
can give each file's size beside its link (``context_keys.PANEL_SIZES``: file name → bytes)
and the web image's size (``PANEL_WEB_SIZE``); their bytes (a few MB even at national scale)
are kept until they are written.
"""

from __future__ import annotations

from functools import partial

from label_build.site_files import files_in
from label_data import urls
from label_data.context_keys import PANEL_SIZES, PANEL_WEB_SIZE
from label_data.published import view_in
from label_data.reads import Tracked
from label_infra import progress
from label_infra.parallel import ordered_map
from pelican.generators import Generator

from .publish import panel_files, panel_specs, panel_web_size


class PanelsGenerator(Generator):
    def generate_context(self) -> None:
        # A partial of a module-level function: the forked workers receive the cache folder
        # with each job, no module variable outlives the build.
        render = partial(panel_files, cache_dir=self.settings.get("LABEL_CACHE"))
        self.specs = panel_specs(view_in(self.context))
        self.rendered: dict[str, bytes] = {}
        with progress.stage("Panneaux", total=len(self.specs)) as bar:
            for files in ordered_map(render, self.specs, chunksize=1):
                self.rendered.update(files)
                bar.advance()
        sizes = {n: len(d) for n, d in self.rendered.items()}
        # Tracked: a page records which panel sizes it showed (label_data.reads).
        self.context[PANEL_SIZES] = Tracked(PANEL_SIZES, sizes)
        self.context[PANEL_WEB_SIZE] = panel_web_size()
        progress.count("panneaux", len(self.specs))

    def generate_output(self, writer) -> None:
        files = files_in(self.context)
        for name, data in self.rendered.items():
            files.write(urls.PANELS + name, data, "label_panels")
        self.rendered = {}
