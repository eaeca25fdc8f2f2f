"""What each page gives Pagefind: the document it indexes, its added text, filters and meta.

In: a collectivity or action page's written HTML and, from the published view, its
collectivity. Out: the HTML Pagefind indexes for that page (``document``), the served file
being left untouched.

Before a collectivity page goes to the indexer, a block is added inside its
``data-pagefind-body`` element with what people type and the page may not say in those words:
the name without accents, apostrophes or hyphens (« l hay les roses », « lhay »), its INSEE
code or SIREN, its postcodes; with the highest weight. The block also carries two meta values
for the search page: ``cles`` (normalised name, codes, postcodes: the page puts an exact match
first) and ``resume`` (« Ville · Loire (42) · 4 @ en 2026 »), shown instead of an excerpt of
that block. Action pages get their collectivity's name (meta ``collectivite``) and its codes
as words. Both carry a ``code`` filter (code and postcodes): the search page answers an exact
code with that collectivity and its actions only, searching the code as a word within that
filter. Action pages also carry a ``territoire`` filter (their collectivity's code), and not
the ``niveau`` and ``edition`` filters: those change at every ceremony, and the search page
narrows actions to a level or an edition through the codes of ``levels.py`` instead (issue
#14). In the indexed copy, adjacent tags are separated by a space, so that excerpts do not run
words together, and the regions a template marks ``<!--hors-index-->…<!--/hors-index-->`` are
dropped.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape
from pathlib import Path

from label_data.reference import normalize_name
from label_data.view import PublicTerritory, PublishedView
from label_data.words import kind_name, level_short

from .levels import FILTER, territory_key

_BODY = re.compile(r"<[a-zA-Z][^>]*?\sdata-pagefind-body\b[^>]*>")
_BODY_TAG = re.compile(r"<body[^>]*>", re.IGNORECASE)

# A page of a bundle: its URL, its file, the blocks added at the start and at the end.
Member = tuple[str, Path, str, str]


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def search_words(t: PublicTerritory) -> list[str]:
    """Spellings of the name people type, then the codes: all distinct, in a stable order."""
    name = t.nom.replace("’", "'")
    plain = _ascii(name)
    spellings = [
        name,
        plain,
        normalize_name(name),  # « saint etienne », « l hay les roses »
        re.sub(r"[-\s]+", " ", name),  # « Saint Étienne », « L'Haÿ les Roses »
        re.sub(r"(\b\w)'", r"\1", plain),  # « LHay-les-Roses »: the apostrophe dropped
        re.sub(r"\b\w'", "", plain),  # « Hay-les-Roses »: the article dropped
    ]
    short = re.sub(r"\bsainte\b", "ste", re.sub(r"\bsaint\b", "st", normalize_name(name)))
    spellings.append(short)  # « st etienne », as many people type it
    words = [t.code, *t.codes_postaux]
    return list(dict.fromkeys(s for s in spellings + words if s))


def keys(t: PublicTerritory) -> list[str]:
    """What an exact query may equal: the normalised name, the code, each postcode."""
    return list(dict.fromkeys([normalize_name(t.nom), *_codes(t)]))


def summary(t: PublicTerritory, view: PublishedView) -> str:
    """« Ville · Loire (42) · 1 @ en 2026 »: what a result says under the name."""
    parts = [kind_name(t.type)]  # « Territoire », as every page says
    dep = view.departements.get(t.departement or "")
    if dep:
        parts.append(f"{dep.nom} ({dep.code})")
    if t.current:
        parts.append(f"{level_short(t.current.label.arobases)} en {t.current.label.annee}")
    return " · ".join(parts)


def code_filters(t: PublicTerritory) -> str:
    """The ``code`` filter (INSEE code or SIREN, and postcodes, lower case) of a collectivity
    and of its actions: a query that is exactly one of them lists that collectivity and its
    actions only, not every page that happens to hold the number."""
    spans = "".join(f'<span data-pagefind-filter="code">{escape(c)}</span>' for c in _codes(t))
    return f"<div data-pagefind-ignore>{spans}</div>"


def extra_block(t: PublicTerritory, view: PublishedView) -> str:
    meta = [f"cles:{'|'.join(keys(t))}", f"resume:{summary(t, view)}"]
    metas = "".join(f'<span data-pagefind-meta="{escape(m)}"></span>' for m in meta)
    text = " ; ".join(escape(w) for w in search_words(t))
    return f'<div data-pagefind-weight="10">{text}</div>{metas}{code_filters(t)}'


def action_block(t: PublicTerritory, view: PublishedView) -> str:
    """What an action page adds for the index: its collectivity's name and département
    (shown with the result: three towns may each have a « Budget participatif en ligne »,
    two towns are called Saint-Denis) and codes."""
    dep = view.departements.get(t.departement or "")
    owner = f"{t.nom}, {dep.nom} ({dep.code})" if dep else t.nom
    meta = f'<span data-pagefind-meta="{escape("collectivite:" + owner)}"></span>'
    return meta + code_filters(t) + territory_filter(t)


def territory_filter(t: PublicTerritory) -> str:
    """The ``territoire`` filter of an action (its collectivity's code): the search page
    narrows actions to a level or an edition with it (levels.py), since an action page
    carries neither (both change at a ceremony, issue #14)."""
    span = f'<span data-pagefind-filter="{FILTER}">{escape(territory_key(t))}</span>'
    return f"<div data-pagefind-ignore>{span}</div>"


def code_words(t: PublicTerritory) -> str:
    """The codes as words of an action's indexed text: the search page asks for an exact code
    as a word within the ``code`` filter, which loads that word's index file only (a search by
    filter alone loads every index file of the bundle: megabytes at national scale). Added at
    the end of the indexed element (``augment``'s ``tail``): Pagefind's excerpt of a page
    without a matched word is its beginning, which began « 35238 35000 35200 35700. »."""
    return f"<div>{' '.join(escape(c) for c in _codes(t))}</div>"


def _codes(t: PublicTerritory) -> list[str]:
    """INSEE code or SIREN (lower case: « 2a004 ») and postcodes, each once."""
    return list(dict.fromkeys([t.code.lower(), *t.codes_postaux]))


_BETWEEN_TAGS = re.compile(r">(?=<)")
# The @ signs drawn for the eye (aria-hidden); the words beside them say the level.
_AT_SIGNS = re.compile(r'<span class="ats" aria-hidden="true">(?:<span[^>]*>@</span>)*</span>')


def spaced(html: str) -> str:
    """The page as the index should read it: a space between every two adjacent tags
    (Pagefind joins neighbouring elements' text: « <dt>Enjeu</dt><dd>Attractivité</dd> » gave
    the excerpt « EnjeuAttractivité ») and without the drawn @ signs (« @@ 2 arobases »)."""
    return _BETWEEN_TAGS.sub("> ", _AT_SIGNS.sub("", html))


_MAIN_END = "</main>"
# What a ceremony changes on an action page (the collectivity's level, the current edition),
# marked in the template: shown to visitors, left out of the index (issue #14).
_OUT_OF_INDEX = re.compile(r"<!--hors-index-->.*?<!--/hors-index-->", re.DOTALL)
_SHELL = '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"></head><body>{}</body></html>'


def indexed_part(html: str) -> str:
    """The page as Pagefind reads it: its ``data-pagefind-body`` element (a <main>) alone in a
    bare document. Pagefind ignores everything else; leaving it out also keeps a bundle's key
    (the hash of its documents) unchanged when only the header, the footer or the head of
    every page changes (issue #14), and gives the indexer a third of the bytes to parse.
    The regions marked ``<!--hors-index-->…<!--/hors-index-->`` are left out: what a ceremony
    changes on every action page, so that a ceremony leaves the action bundles as they were."""
    match = _BODY.search(html)
    end = html.rfind(_MAIN_END)
    if match is None or not match.group().startswith("<main") or end < match.end():
        return _OUT_OF_INDEX.sub("", html)
    return _SHELL.format(_OUT_OF_INDEX.sub("", html[match.start() : end + len(_MAIN_END)]))


def augment(html: str, block: str, tail: str = "") -> str:
    """``html`` with ``block`` first inside the data-pagefind-body element (else <body>), and
    ``tail`` last inside it when it is a <main> (else at the very end)."""
    match = _BODY.search(html) or _BODY_TAG.search(html)
    at = match.end() if match else 0
    html = html[:at] + block + html[at:]
    end = html.rfind(_MAIN_END)
    return html[:end] + tail + html[end:] if end >= 0 else html + tail


def document(member: Member) -> tuple[str, str]:
    """(URL, the HTML Pagefind indexes) of one page."""
    url, path, block, tail = member
    return url, augment(spaced(indexed_part(path.read_text("utf-8"))), block, tail)
