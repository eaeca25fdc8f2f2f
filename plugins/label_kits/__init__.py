"""Pelican plugin: communication kits (R12) per laureate and the national press kit."""

from label_build import hooks
from pelican import signals

from .generator import KitsGenerator
from .prepare import prepare_embargoed_kits


def _generators(pelican):
    # Built from the published view: a kit of an embargoed edition is never made.
    return KitsGenerator


def _prepare(settings, *, dataset, now) -> None:
    # After the swap, outside the lock: the kits of editions under embargo go to the cache
    # only, so the ceremony's build finds them made (R10).
    prepare_embargoed_kits(dataset, now, settings)


def register() -> None:
    signals.get_generators.connect(_generators)
    hooks.site_replaced.connect(_prepare)
