"""Pelican plugin: the search page and the Pagefind index. Wiring only."""

from label_build.site_files import CONTEXT_KEY as FILES_KEY
from label_data.published import view_in
from label_infra import progress
from pelican import signals

from .index import build_index
from .page import SearchPageGenerator


def _generators(pelican):
    # The search page is a page of its own, rendered like the data pages.
    return SearchPageGenerator


def _index(pelican) -> None:
    # `finalized` comes after every generator and writer: the index sees the whole site.
    files = pelican.settings.get(FILES_KEY)
    with progress.stage("Recherche"):
        build_index(
            pelican.output_path,
            view_in(pelican.settings),  # Pelican's context is made from its settings
            pelican.settings.get("LABEL_CACHE"),
            files,
        )


def register() -> None:
    signals.get_generators.connect(_generators)
    signals.finalized.connect(_index)
