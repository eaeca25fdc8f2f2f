"""Files for machines: robots.txt, the Atom feed of published editions, JSON-LD (the sitemap is
the build's, ``label_build.sitemap``, made from its record of every page).

In: the site's public URLs (relative, e.g. ``territoires/x-1/``), the published editions.
Out: bytes/strings, deterministic (no build time inside: dates come from the data), so two
builds of the same data give the same files. Nothing embargoed reaches them: they only read
the published view.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from label_data import urls
from markupsafe import Markup
from markupsafe import escape as html_escape

from .feeds import SiteAtomFeed
from .fmt import date_fr, number_fr, plural


def jsonld(data: dict) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>``, ``&`` escaped so that
    no text from the data can close the script element."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def robots(domain: str, preview: bool) -> str:
    if preview:  # a staff preview must never be crawled
        return "User-agent: *\nDisallow: /\n"
    return (
        f"User-agent: *\nAllow: /\nDisallow: /{urls.ADMIN}\n\n"
        f"Sitemap: {urls.absolute(domain, urls.SITEMAP_XML)}\n"
    )


def palmares_feed(domain: str, sitename: str, author: str | None, editions: Iterable) -> str | None:
    """One entry per published edition, newest first, dated by its embargo instant.

    Its summary is ``type="html"``: the text from the data (the ceremony's place) is
    HTML-escaped before the XML writer escapes it again, so that a reader shows it as text."""
    editions = sorted(editions, key=lambda e: e.annee, reverse=True)
    if not editions:
        return None
    feed = SiteAtomFeed(
        title=f"{sitename}\u00a0: palmarès",
        link=urls.absolute(domain, urls.PALMARES),
        feed_url=urls.absolute(domain, urls.PALMARES_FEED),
        description="Les palmarès publiés du label, édition par édition.",
        language="fr",
        author_name=author,  # Atom wants an author for the feed or for every entry
        base=urls.absolute(domain, urls.HOME),
    )
    for ed in editions:
        count = plural(len(ed.laureates), "collectivité labellisée", "collectivités labellisées")
        where = f" à {ed.ceremonie_lieu}" if ed.ceremonie_lieu else ""
        when = f" le {date_fr(ed.ceremonie_date)}" if ed.ceremonie_date else ""
        levels = ", ".join(
            f"{number_fr(ed.counts_by_level.get(n, 0))} à {n}\u00a0@" for n in range(5, 0, -1)
        )
        summary = f"Label {ed.annee} remis{where}{when}\u00a0: {count} ({levels})."
        feed.add_item(
            title=f"Palmarès {ed.annee}\u00a0: {count}",
            link=urls.absolute(domain, ed.url),
            unique_id=urls.absolute(domain, ed.url),
            description=str(html_escape(summary)),
            pubdate=ed.embargo,
            updateddate=ed.embargo,
            author_name=author,  # readers show an entry's own author, not always the feed's
        )
    return feed.writeString("utf-8")
