"""Pelican plugin: the public pages built from the published view."""

from pelican import signals

from .feeds import FeedWriter
from .generator import LabelPagesGenerator


def _generators(pelican):
    # A generator of our own: pages come from data, not from Markdown files written between.
    return LabelPagesGenerator


def _writer(pelican):
    # Pelican's news feed takes its links and ids from SITEURL, empty for deploy previews:
    # this writer gives every feed the site's domain (FEED_DOMAIN) instead.
    return FeedWriter


def register() -> None:
    signals.get_generators.connect(_generators)
    signals.get_writer.connect(_writer)
