"""Pelican plugin: road-side panel graphics (R11) for the current and previous editions."""

from pelican import signals

from .generator import PanelsGenerator


def _generators(pelican):
    # Files drawn from the published view, so an embargoed edition is never drawn.
    return PanelsGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
