"""A Pelican generator making the kits (R12) on both cores and writing them to ``/kits/<année>/``.

In: the published view. Out: each laureate's kit and each edition's national press kit, made
while the context is built, their sizes in the context (``label_kit_sizes``: link → bytes) for
the pages that link them, then written with the share images.
"""

from __future__ import annotations

import io
import zipfile
from functools import partial
from pathlib import Path

from label_build.site_files import files_in
from label_data import urls
from label_data.context_keys import KIT_SIZES
from label_data.offer import kit_label, offered_years
from label_data.published import view_in
from label_data.reads import Tracked
from label_infra import progress
from label_infra.parallel import ordered_map
from label_opendata import tables
from label_opendata.files import to_csv
from label_panels.publish import panel_specs
from pelican.generators import Generator

from .publish import by_panel, kit_file, national_edition, national_kit_bytes, subjects
from .share import KIT_MEMBER, site_images
from .subject import KitSubject
from .zipkit import kit_folder

WRITER = "label_kits"
Made = tuple[KitSubject, str, str | bytes]  # subject, public path, cached zip's path or bytes


def _render(job, cache_dir: str | None) -> str | bytes:
    subject, spec = job
    made = kit_file(subject, spec, cache_dir)
    return str(made) if isinstance(made, Path) else made


def _size(data: str | bytes) -> int:
    """The size of the file the site will hold: the cached zip it copies, or these bytes."""
    return Path(data).stat().st_size if isinstance(data, str) else len(data)


class KitsGenerator(Generator):
    def generate_context(self) -> None:
        """The kits are made here, not when written: pages are written before them and show
        each kit's size, which must be that of the very file (cold or warm build alike)."""
        self.view = view_in(self.context)
        self.domain = self.settings["SITE_DOMAIN"]
        cache_dir = self.settings.get("LABEL_CACHE")
        # Without a cache the zips wait in memory until written; with one (every make target),
        # only their paths in the cache do.
        self.kits = self._collectivity_kits(cache_dir)
        self.national = self._national_kits(cache_dir)
        progress.count("kits", len(self.kits) + len(self.national))
        sizes = {"/" + relative: _size(data) for _, relative, data in self.kits}
        sizes.update({"/" + relative: len(data) for relative, data in self.national})
        self.context[KIT_SIZES] = Tracked(KIT_SIZES, sizes)

    def _collectivity_kits(self, cache_dir: str | None) -> list[Made]:
        jobs = by_panel(subjects(self.view, self.domain))
        render = partial(_render, cache_dir=cache_dir)
        made = []
        with progress.stage("Kits de communication", total=len(jobs)) as bar:
            for (subject, _), data in zip(jobs, ordered_map(render, jobs), strict=True):
                made.append((subject, urls.kit(subject.year, subject.slug, subject.code), data))
                bar.advance()
        return made

    def _national_kits(self, cache_dir: str | None) -> list[tuple[str, bytes]]:
        specs = panel_specs(self.view)
        made = []
        for year in offered_years(self.view):
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
            made.append((urls.national_kit(year), data))
        return made

    def generate_output(self, writer) -> None:
        files = files_in(self.context)
        for subject, relative, data in self.kits:
            if isinstance(data, str):  # the cached zip, named by its key: kept or copied
                files.copy(relative, Path(data), WRITER, Path(data).name)
            else:
                files.write(relative, data, WRITER)
            self._write_share_image(subject, data)
        for relative, data in self.national:
            files.write(relative, data, WRITER)
        self.kits, self.national = [], []  # nothing of a build outlives it
        for name, image in site_images(self.view, self.settings.get("LABEL_CACHE")).items():
            files.write(name, image, WRITER)

    def _write_share_image(self, subject: KitSubject, kit: str | bytes) -> None:
        """The kit's 1200 × 630 social image, as the og:image of the collectivity's page."""
        t = self.view.territories[subject.code]
        share = urls.territory_share(t.url) if kit_label(self.view, t) else None
        if share is None or t.current.label.annee != subject.year:
            return
        with zipfile.ZipFile(kit if isinstance(kit, str) else io.BytesIO(kit)) as archive:
            image = archive.read(kit_folder(subject) + KIT_MEMBER)
        files_in(self.context).write(share, image, WRITER)
