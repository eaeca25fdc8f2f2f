"""Pelican plugin: the public pages built from the published view."""

from pelican import signals

from .generator import LabelPagesGenerator


def _generators(pelican):
    # A generator of our own: pages come from data, not from Markdown files written between.
    return LabelPagesGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
