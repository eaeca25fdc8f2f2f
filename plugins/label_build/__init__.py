"""Pelican plugin: the build's own concerns (the record of written files). Wiring only."""

import sys
from pathlib import Path

from label_data.typo import spaced
from pelican import signals

from .site_files import CONTENT_PREFIX, CONTEXT_KEY


def _record_pelican_write(path, context) -> None:
    # Pelican's writer announces each page, article and feed it writes: recorded with its
    # source file, so that a data page written to the same path names that file.
    files = context.get(CONTEXT_KEY)
    if files is None:
        return
    content = context.get("page") or context.get("article")
    writer = f"{CONTENT_PREFIX}{content.source_path}" if content is not None else "Pelican"
    files.claim(str(Path(path).resolve().relative_to(files.root)), writer)


def _record_feed(path, context, feed) -> None:
    # Pelican's feeds (the news) announce themselves with their own signal.
    files = context.get(CONTEXT_KEY)
    if files is not None:
        files.claim(str(Path(path).resolve().relative_to(files.root)), "Pelican (flux)")


def _record_static(generator) -> None:
    # Static files are copied without a per-file signal: recorded from the generator's list.
    files = generator.context.get(CONTEXT_KEY)
    if files is None:
        return
    for static in generator.staticfiles:
        files.claim(static.save_as, f"{CONTENT_PREFIX}{static.source_path}")
    for theme_dir in generator.settings.get("THEME_STATIC_PATHS", []):
        source = Path(generator.theme) / theme_dir
        target = generator.settings["THEME_STATIC_DIR"]
        for path in sorted(source.rglob("*")):
            if path.is_file():
                files.claim(f"{target}/{path.relative_to(source).as_posix()}", "thème")


PLAIN_PELICAN = (
    "Ce site ne se construit pas avec « pelican » seul : les données du label (data/) sont "
    "chargées, vérifiées et publiées avant Pelican, puis le site est écrit à part et mis en "
    "place d’un coup. Lancez « make html » (ou « make serve » pour travailler en local, "
    "« make preview » pour un aperçu sous embargo). Rien n’a été écrit."
)


def _driver_only(pelican) -> None:
    # Pelican's `initialized`, before any generator: the driver has set the record of the
    # site's files; without it this is a plain `pelican` run, stopped before it writes.
    if CONTEXT_KEY not in pelican.settings:
        print(spaced(PLAIN_PELICAN), file=sys.stderr)
        raise SystemExit(2)


def register() -> None:
    signals.initialized.connect(_driver_only)
    signals.content_written.connect(_record_pelican_write)
    signals.feed_written.connect(_record_feed)
    signals.static_generator_finalized.connect(_record_static)
