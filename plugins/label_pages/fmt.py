"""French words for pages: levels, kinds, carriers, changes; and the Jinja filters.

In: levels, kinds, counts. Out: French strings (« 4 arobases », « Ville Internet 4 @ 2026 »).
Numbers, dates, plurals and spacing come from the one typography module, ``label_data.typo``;
the label's own words (a kind, « 4 @ », « Ville Internet 4 @ 2026 ») from ``label_data.words``.
Exposed to every template as Jinja filters (see ``FILTERS``) by pelicanconf.py.
"""

from __future__ import annotations

import datetime as dt

from label_data.typo import NBSP, NNBSP, PARIS, agree, file_size, of, plural
from label_data.typo import date as date_fr
from label_data.typo import date_time as datetime_fr
from label_data.typo import number as number_fr
from label_data.typo import spaced as french
from label_data.words import kind_name, label_title, level_short

# Re-exported for templates' filters and the page modules.
__all__ = ["NBSP", "NNBSP", "PARIS", "agree", "date_fr", "datetime_fr", "file_size", "french"]
__all__ += ["number_fr", "of", "plural", "kind_name", "label_title", "level_short"]

KIND_PLURALS = {"ville": "villes", "village": "villages", "territoire": "territoires"}
CARRIER_NAMES = {
    "collectivite": "la collectivité",
    "association": "une association",
    "ecole": "une école",
    "delegataire": "un délégataire",
    "prestataire": "un prestataire",
}
CHANGE_NAMES = {
    "nouveau": "nouveau",
    "hausse": "en hausse",
    "baisse": "en baisse",
    "stable": "stable",
    "retour": "de retour",
}


def arobases_words(level: int) -> str:
    """The level said in words: « 1 arobase », « 4 arobases »."""
    return plural(level, "arobase")


def kind_plural(kind: str) -> str:
    return KIND_PLURALS.get(kind, kind)


def carrier_name(kind: str | None) -> str:
    return CARRIER_NAMES.get(kind or "", kind or "")


def change_name(change: str) -> str:
    return CHANGE_NAMES.get(change, change)


def phone(number: str) -> str:
    """A phone number kept on one line: « 01 23 45 67 89 » breaks nowhere."""
    return NBSP.join(number.split())


# Overseas numbers have their own country codes (+262, +590…): dialled as written, in France.
OVERSEAS_PREFIXES = ("0262", "0263", "0269", "0590", "0594", "0596", "0639", "069")


def phone_href(number: str) -> str:
    """The ``tel:`` target of a number: a metropolitan French one in the international form
    (« 01 23 45 67 89 » → +33123456789, which a phone abroad dials too); an overseas one or
    any other form keeps its digits, and its leading + when it has one."""
    digits = "".join(c for c in number if c.isdigit())
    if number.strip().startswith("+"):
        return "+" + digits
    if len(digits) == 10 and digits.startswith("0") and not digits.startswith(OVERSEAS_PREFIXES):
        return "+33" + digits[1:]
    return digits


def web_name(url: str) -> str:
    """An address as people read it: « www.bordeaux.fr » for https://www.bordeaux.fr/."""
    return url.split("//", 1)[-1].rstrip("/")


def campaign_state(calls, now: dt.datetime) -> str:
    """Where the campaign of applications stands on the build's day (Paris time): « a-venir »
    before it opens, « ouverte » to its closing day included, « close » after; empty when its
    dates are not given."""
    today = now.astimezone(PARIS).date()
    if calls.cloture and today > calls.cloture:
        return "close"
    if calls.ouverture and today < calls.ouverture:
        return "a-venir"
    return "ouverte" if calls.ouverture or calls.cloture else ""


FILTERS = {
    "campaign_state": campaign_state,
    "phone": phone,
    "phone_href": phone_href,
    "web_name": web_name,
    "date_fr": date_fr,
    "datetime_fr": datetime_fr,
    "number_fr": number_fr,
    "plural": plural,
    "file_size": file_size,
    "agree": agree,
    "french": french,
    "of": of,
    "arobases_words": arobases_words,
    "level_short": level_short,
    "kind_name": kind_name,
    "kind_plural": kind_plural,
    "carrier_name": carrier_name,
    "change_name": change_name,
}
