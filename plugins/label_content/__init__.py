"""Pelican plugin: the editorial content (news and pages written in Markdown, by hand or in the
web editor): its front matter checked with the data, every dated item under the palmarès'
embargo (R10), its links checked against the site built. Below the build and the features:
it reads ``label_data`` only."""

from pelican import signals

from . import dated


def register() -> None:
    # News and pages dated after the build's « now » are under embargo (R10): a registry per
    # build, each article or page judged as Pelican makes it, held-back ones taken out of the
    # lists before anything reads them (articles: before taxonomies; pages: once sorted).
    signals.initialized.connect(dated.on_initialized)
    signals.content_object_init.connect(dated.on_content)
    signals.article_generator_pretaxonomy.connect(dated.on_articles)
    signals.page_generator_finalized.connect(dated.on_pages)
    # Static generation comes last: every link is known, files only held-back items name wait.
    signals.static_generator_finalized.connect(dated.on_static)
