"""Pelican plugin: the build's own concerns (the record of written files). Wiring only."""

from pathlib import Path

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


def register() -> None:
    signals.content_written.connect(_record_pelican_write)
    signals.feed_written.connect(_record_feed)
    signals.static_generator_finalized.connect(_record_static)
