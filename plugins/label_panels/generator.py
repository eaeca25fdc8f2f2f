"""A Pelican generator writing the panel files to ``/panneaux/`` (R11), on both cores."""

from __future__ import annotations

from pathlib import Path

from label_build import progress
from label_build.parallel import ordered_map
from label_data.published import published_view
from pelican.generators import Generator

from .publish import panel_files, panel_specs

_cache_dir: str | None = None


def _render(spec) -> dict[str, bytes]:
    return panel_files(spec, _cache_dir)


class PanelsGenerator(Generator):
    def generate_context(self) -> None:
        self.specs = panel_specs(published_view(self.settings))
        self.context["label_panels"] = {spec.stem for spec in self.specs}

    def generate_output(self, writer) -> None:
        global _cache_dir
        _cache_dir = self.settings.get("LABEL_CACHE")
        target = Path(self.output_path) / "panneaux"
        target.mkdir(parents=True, exist_ok=True)
        with progress.stage("Panneaux", total=len(self.specs)) as bar:
            for files in ordered_map(_render, self.specs, chunksize=1):
                for name, data in files.items():
                    (target / name).write_bytes(data)
                bar.advance()
        progress.count("panneaux", len(self.specs))
