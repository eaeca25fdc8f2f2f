"""Pelican plugin: the badge each labelled collectivity may show on its site. Wiring only."""

from pelican import signals

from .generator import BadgeGenerator


def _generators(pelican):
    # Files made from the published view, written beside each collectivity's page.
    return BadgeGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
