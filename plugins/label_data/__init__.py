"""Pelican plugin: load and check ``data/``, then publish the view the other plugins read."""

from pelican import signals

from .published import CONTEXT_KEY, check


def _publish_at_start(pelican) -> None:
    # `initialized` comes before any generator, and Pelican makes every generator's context
    # from its settings: the view enters the context once. The build driver has already
    # checked the data and set it; a plain `pelican` run gets it here (bad data stops it).
    if CONTEXT_KEY not in pelican.settings:
        pelican.settings[CONTEXT_KEY] = check(pelican.settings).view


def register() -> None:
    signals.initialized.connect(_publish_at_start)
