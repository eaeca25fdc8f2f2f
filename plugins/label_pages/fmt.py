"""French formatting for pages: dates, numbers, levels and plurals, through Babel.

In: dates, datetimes, integers. Out: French strings (« 3 février 2026 », « 1er mars 2025 »,
« 1 200 » with a narrow no-break space, « 4 arobases »). Babel, not the system locale, so that
a machine without a ``fr_FR`` locale prints the same bytes. Exposed to every template as Jinja
filters (see ``FILTERS``) by pelicanconf.py.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal

PARIS = ZoneInfo("Europe/Paris")
NBSP = "\u00a0"
NNBSP = "\u202f"

KIND_NAMES = {"ville": "Ville", "village": "Village", "territoire": "Territoire"}
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


def date_fr(value: dt.date | dt.datetime | None) -> str:
    """« 3 février 2026 »; the first of the month is « 1er » as French typography wants."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.astimezone(PARIS).date() if value.tzinfo else value.date()
    text = format_date(value, format="d MMMM y", locale="fr")
    return text.replace("1 ", f"1er{NBSP}", 1) if value.day == 1 else _glue(text)


def datetime_fr(value: dt.datetime) -> str:
    """« 2 février 2027 à 11 h 00 », in Paris time."""
    local = value.astimezone(PARIS)
    return f"{date_fr(local)} à {local.hour}{NBSP}h{NBSP}{local.minute:02d}"


def _glue(text: str) -> str:
    # The day and its month stay on one line.
    day, _, rest = text.partition(" ")
    return f"{day}{NBSP}{rest}" if rest else text


def number_fr(value: int | float | None) -> str:
    """« 1 200 », « 261 804 »; Babel puts a narrow no-break space between thousands."""
    if value is None:
        return ""
    return format_decimal(value, locale="fr")


def file_size(size: int) -> str:
    """A download's size as French pages give it: « 245 ko », « 1,2 Mo »."""
    if size < 1000 * 1000:
        return f"{number_fr(max(1, round(size / 1000)))}{NBSP}ko"
    return f"{format_decimal(round(size / 1000 / 1000, 1), locale='fr')}{NBSP}Mo"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 action », « 0 action », « 12 actions » (French: 0 and 1 are singular)."""
    word = singular if count < 2 else (plural_form or singular + "s")
    return f"{number_fr(count)}{NBSP}{word}"


def agree(count: int, singular: str, plural_form: str | None = None) -> str:
    """The word alone, agreeing with ``count``: « présente », « présentes »."""
    return singular if count < 2 else (plural_form or singular + "s")


# A plain space before « : ; ! ? » and inside guillemets becomes a no-break space: data and
# templates are easier to edit without invisible characters.
_SPACING = (
    (" :", NBSP + ":"),
    (" ;", NBSP + ";"),
    (" !", NBSP + "!"),
    (" ?", NBSP + "?"),
    ("« ", "«" + NBSP),
    (" »", NBSP + "»"),
    (" @", NBSP + "@"),
)


def french(text: str | None) -> str:
    """French typography for text from data: typographic apostrophe, no-break spaces before
    high punctuation and inside guillemets (so that « ? » never wraps alone)."""
    if not text:
        return ""
    text = text.replace("'", "’")
    for plain, typographic in _SPACING:
        text = text.replace(plain, typographic)
    return text


_VOWELS = tuple("aeiouyhàâéèêëîïôöûüÿœæ")


def of(name: str) -> str:
    """« de Tours », « d’Ajaccio », « d’Évry »: French elides « de » before a vowel or an h
    (a few names with an aspirated h, e.g. « de Hénin », are written out of this rule)."""
    return f"d’{name}" if name[:1].lower() in _VOWELS else f"de {name}"


def arobases_words(level: int) -> str:
    """The level said in words: « 1 arobase », « 4 arobases »."""
    return plural(level, "arobase")


def level_short(level: int) -> str:
    """The level as the label writes it: « 4 @ »."""
    return f"{level}{NBSP}@"


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind)


def kind_plural(kind: str) -> str:
    return KIND_PLURALS.get(kind, kind)


def carrier_name(kind: str | None) -> str:
    return CARRIER_NAMES.get(kind or "", kind or "")


def change_name(change: str) -> str:
    return CHANGE_NAMES.get(change, change)


def label_title(kind: str, level: int, year: int) -> str:
    """« Ville Internet 4 @ 2026 », the label as panels and badges say it."""
    return f"{kind_name(kind)} Internet {level_short(level)} {year}"


FILTERS = {
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
