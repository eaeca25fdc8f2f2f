"""Atom feeds whose links and ids live on the site's domain, whatever ``SITEURL`` is.

In: Pelican's ``FEED_DOMAIN`` setting (the canonical domain, ``https://…``, no trailing slash).
Out: ``SiteAtomFeed``, the Atom class of every feed of the site (ours and Pelican's), and
``FeedWriter``, the Pelican ``Writer`` that makes Pelican's own news feed with it.

Why a writer: Pelican builds a feed's entry links and ``tag:`` ids from ``SITEURL``, which we
keep empty so that deploy previews keep root-relative links in pages. Feed readers deduplicate
entries on their ids and many do not resolve relative links, so feeds take ``FEED_DOMAIN``
instead: absolute links, ``tag:<domain>,<date>:<path>`` entry ids, the feed's own URL as its id,
and an ``xml:base`` for the root-relative links inside entry content. ``_create_new_feed`` is
Pelican's own (private) method, redone for the Atom class: Pelican is pinned in pyproject.toml,
and tests/test_feeds.py reads the result with feedparser on every build it checks.
"""

from __future__ import annotations

from feedgenerator import Atom1Feed
from markupsafe import Markup
from pelican.writers import Writer


class SiteAtomFeed(Atom1Feed):
    """Atom 1.0 with an ``xml:base`` (keyword ``base``): the root-relative links that news
    written in Markdown contain resolve on the site's domain in every reader."""

    def root_attributes(self) -> dict:
        attributes = super().root_attributes()
        if self.feed.get("base"):
            attributes["xml:base"] = self.feed["base"]
        return attributes


class FeedWriter(Writer):
    """Pelican's writer, with feeds built on ``FEED_DOMAIN`` rather than ``SITEURL``."""

    def write_feed(self, elements, context, *args, **kwargs):
        domain = (self.settings.get("FEED_DOMAIN") or "").rstrip("/")
        if domain:
            # Only the feed sees this SITEURL: pages keep theirs (root-relative).
            context = {**context, "SITEURL": domain}
        return super().write_feed(elements, context, *args, **kwargs)

    def _create_new_feed(self, feed_type, feed_title, context):
        if feed_type != "atom":
            return super()._create_new_feed(feed_type, feed_title, context)
        title = context["SITENAME"] + (" - " + feed_title if feed_title else "")
        return SiteAtomFeed(
            title=Markup(title).striptags(),
            link=self.site_url + "/",
            feed_url=self.feed_url,
            # The feed's own URL: unique to this feed (the site's root would be shared by any
            # other feed that has it as its page) and stable.
            feed_guid=self.feed_url,
            description=context.get("SITESUBTITLE", ""),
            subtitle=context.get("SITESUBTITLE", None),
            language=context.get("DEFAULT_LANG"),
            base=self.site_url + "/",
        )
