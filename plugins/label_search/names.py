"""The names index: every published collectivity's name, for the search page's typo tolerance.

In: the published view (embargoed editions and private fields already removed: a collectivity
known only from an embargoed edition has no level here, and the file does not change when such
an edition is added). Out: one compact JSON text written to ``urls.SEARCH_NAMES`` through the
build's file record (``page.py``), read by theme/static/js/search.js at the page's start.

Why: Pagefind matches whole words and prefixes, never a misspelt one (« Montpelier » gave
« Aucun résultat »). The page compares what is typed with every name here (an optimal string
alignment distance, in the browser) and shows the nearest names with Pagefind's results. It is
small enough for one request at national scale (30 KB gzipped at 1,500 collectivities, 92 KB
at 5,000; ``scripts/bench_search.py`` counts it with the index), so it is not split: a split by
first letter would lose the typos on a first letter. The page fetches it only for a query of
five letters or more that is not a code (typo.js ``worth``).

The file: ``{"base": "/territoires/", "filtres": {name: [values]}, "noms": [entry, …]}`` with
each entry ``[name, path, summary, type, level, département, région, editions]``: ``path``
follows ``base``, and is the code alone when the rest is the name as ``page_slug`` (and
typo.js ``slugOf``) spells it, as for nearly every collectivity (a fifth of the bytes);
``summary`` is the line a result shows under the name (``documents.summary``, the same as
Pagefind's ``resume`` meta); type, level, département and région are indexes into
``filtres`` (``-1``: none), whose values are those of the collectivity pages' Pagefind filters
(macros.html ``search_filters``), so that the page applies the visitor's filters to these
matches too; ``editions`` is the published years, space-separated. The normalised name is not
stored: the page computes it (the same ``normalize`` as ``label_data.reference``).
Entries sorted by path (reproducible bytes).
"""

from __future__ import annotations

import json
import re
import unicodedata

from label_data import urls
from label_data.view import PublicTerritory, PublishedView
from label_data.words import kind_name, level_short

from .documents import summary

FILTERS = ("type", "niveau", "departement", "region")  # as the pages' filters are named


def filter_values(t: PublicTerritory, view: PublishedView) -> dict[str, str | None]:
    """The values of a collectivity page's Pagefind filters (macros.html ``search_filters``)."""
    dep = view.departements.get(t.departement or "")
    reg = view.regions.get(t.region or "")
    return {
        "type": kind_name(t.type),
        "niveau": level_short(t.current.label.arobases) if t.current else None,
        "departement": dep.nom if dep else None,
        "region": reg.nom if reg else None,
    }


def page_slug(name: str) -> str:
    """The name as typo.js ``slugOf`` spells it in a URL: lower case, no accents, every other
    run of signs a hyphen. Pelican's slugify gives the same for nearly every French name; the
    entries where it does not keep their whole path."""
    text = name.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def short_path(t: PublicTerritory) -> str:
    """The entry's path: the code alone when the page can spell the rest (``page_slug``)."""
    path = t.url.removeprefix(urls.TERRITORIES).rstrip("/")
    return t.code if path == f"{page_slug(t.nom)}-{t.code}" else path


def names_index(view: PublishedView) -> dict:
    """The file's content (see the module's docstring)."""
    base = urls.TERRITORIES
    places = sorted(view.territories.values(), key=lambda t: t.url)
    rows = [(t, filter_values(t, view)) for t in places]
    values = {f: sorted({value for _, v in rows if (value := v[f])}) for f in FILTERS}
    slot = {f: {v: i for i, v in enumerate(values[f])} for f in FILTERS}
    entries = []
    for t, found in rows:
        path = short_path(t)
        refs = [slot[f][found[f]] if found[f] else -1 for f in FILTERS]
        years = " ".join(str(label.annee) for label in t.labels)
        entries.append([t.nom, path, summary(t, view), *refs, years])
    return {"base": "/" + base, "filtres": values, "noms": entries}


def names_json(view: PublishedView) -> str:
    """The file's text: compact, UTF-8 as written (French names), keys in a fixed order."""
    return json.dumps(names_index(view), ensure_ascii=False, separators=(",", ":"))
