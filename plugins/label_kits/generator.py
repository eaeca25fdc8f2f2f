"""A Pelican generator writing the kits to ``/kits/<année>/`` (R12), on both cores."""

from __future__ import annotations

import io
import zipfile
from functools import partial
from pathlib import Path

from label_build import progress
from label_build.parallel import ordered_map
from label_build.site_files import files_in
from label_data.published import view_in
from label_opendata import tables
from label_opendata.files import to_csv
from label_panels.publish import panel_specs
from pelican.generators import Generator

from .publish import (
    by_panel,
    kit_file,
    kit_path,
    kit_years,
    national_edition,
    national_kit_bytes,
    national_kit_path,
    subjects,
)
from .share import KIT_MEMBER, site_images, territory_share_path

WRITER = "label_kits"


def _render(job, cache_dir: str | None) -> str | bytes:
    subject, spec = job
    made = kit_file(subject, spec, cache_dir)
    return str(made) if isinstance(made, Path) else made


class KitsGenerator(Generator):
    def generate_context(self) -> None:
        self.view = view_in(self.context)
        self.domain = self.settings["SITE_DOMAIN"]
        self.jobs = by_panel(subjects(self.view, self.domain))
        self.context["label_kit_years"] = kit_years(self.view)

    def generate_output(self, writer) -> None:
        cache_dir = self.settings.get("LABEL_CACHE")
        render = partial(_render, cache_dir=cache_dir)
        files = files_in(self.context)
        with progress.stage("Kits de communication", total=len(self.jobs)) as bar:
            for (subject, _), data in zip(self.jobs, ordered_map(render, self.jobs), strict=True):
                relative = kit_path(subject.year, subject.slug, subject.code)
                if isinstance(data, str):  # the cached zip, named by its key: kept or copied
                    files.copy(relative, Path(data), WRITER, Path(data).name)
                else:
                    files.write(relative, data, WRITER)
                self._write_share_image(subject, data)
                bar.advance()
            specs = panel_specs(self.view)
            for year in kit_years(self.view):
                edition = self.view.editions[year]
                csv = to_csv(
                    tables.PALMARES_COLUMNS, tables.palmares_rows(self.view, edition, self.domain)
                )
                data = national_kit_bytes(
                    national_edition(self.view, edition, self.domain),
                    csv,
                    [s for s in specs if s.year == year],
                    cache_dir,
                )
                files.write(national_kit_path(year), data, WRITER)
        progress.count("kits", len(self.jobs) + len(kit_years(self.view)))
        for name, image in site_images(self.view, cache_dir).items():
            files.write(name, image, WRITER)

    def _write_share_image(self, subject, kit: str | bytes) -> None:
        """The kit's 1200 × 630 social image, as the og:image of the collectivity's page."""
        t = self.view.territories[subject.code]
        share = territory_share_path(self.view, t, kit_years(self.view))
        if share is None or t.current.label.annee != subject.year:
            return
        with zipfile.ZipFile(kit if isinstance(kit, str) else io.BytesIO(kit)) as archive:
            image = archive.read(KIT_MEMBER)
        files_in(self.context).write(share, image, WRITER)
