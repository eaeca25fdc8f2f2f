"""Pelican plugin: load and check ``data/``, then publish the view the other plugins read."""

from pelican import signals

from .published import checked


def _check_at_start(pelican) -> None:
    # `initialized` comes before any generator: bad data stops the build before it writes.
    checked(pelican.settings)


def register() -> None:
    signals.initialized.connect(_check_at_start)
