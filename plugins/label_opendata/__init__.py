"""Pelican plugin: open data (CSV, JSON, GeoJSON, Data Package) and its page. Wiring only."""

from pelican import signals

from .generator import OpenDataGenerator


def _generators(pelican):
    # A generator of our own: the files come from the published view, not from content/.
    return OpenDataGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
