"""Pelican plugin: communication kits (R12) per laureate and the national press kit."""

from pelican import signals

from .generator import KitsGenerator


def _generators(pelican):
    # Built from the published view: a kit of an embargoed edition is never made.
    return KitsGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
