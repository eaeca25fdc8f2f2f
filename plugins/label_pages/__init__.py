"""Pelican plugin: the public pages built from the published view."""

from pelican import signals

from . import dated
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
    # News and pages dated after the build's « now » are under embargo (R10): a registry per
    # build, each article or page judged as Pelican makes it, held-back ones taken out of the
    # lists before anything reads them (articles: before taxonomies; pages: once sorted).
    signals.initialized.connect(dated.on_initialized)
    signals.content_object_init.connect(dated.on_content)
    signals.article_generator_pretaxonomy.connect(dated.on_articles)
    signals.page_generator_finalized.connect(dated.on_pages)
    # Static generation comes last: every link is known, files only held-back items name wait.
    signals.static_generator_finalized.connect(dated.on_static)
