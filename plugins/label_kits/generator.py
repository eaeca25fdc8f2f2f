"""A Pelican generator writing the kits to ``/kits/<année>/`` (R12), on both cores."""

from __future__ import annotations

from pathlib import Path

from label_build import progress
from label_build.parallel import ordered_map
from label_data.published import published_view
from label_opendata import tables
from label_opendata.files import to_csv
from label_panels.publish import panel_specs
from pelican.generators import Generator

from .publish import (
    kit_bytes,
    kit_path,
    kit_years,
    national_edition,
    national_kit_bytes,
    national_kit_path,
    subjects,
)

_cache_dir: str | None = None


def _render(job) -> bytes:
    subject, spec = job
    return kit_bytes(subject, spec, _cache_dir)


class KitsGenerator(Generator):
    def generate_context(self) -> None:
        self.view = published_view(self.settings)
        self.domain = self.settings["SITE_DOMAIN"]
        self.jobs = subjects(self.view, self.domain)
        self.context["label_kit_years"] = kit_years(self.view)

    def generate_output(self, writer) -> None:
        global _cache_dir
        _cache_dir = self.settings.get("LABEL_CACHE")
        out = Path(self.output_path)
        with progress.stage("Kits de communication", total=len(self.jobs)) as bar:
            for (subject, _), data in zip(self.jobs, ordered_map(_render, self.jobs), strict=True):
                path = out / kit_path(subject.year, subject.slug, subject.code)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
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
                    _cache_dir,
                )
                (out / national_kit_path(year)).write_bytes(data)
        progress.count("kits", len(self.jobs) + len(kit_years(self.view)))
