"""French typography, in one place: numbers, dates, durations, plurals and spacing.

In: numbers, dates, instants, names to sort, text written with plain spaces. Out: French
strings and sort keys for pages, kits, staff messages and the build's progress (« 1 200 »,
« 3 février 2026 », « 1er mars », « 2 février 2027 à 11 h 00 », « 4 arobases », « Le label ? »
with a no-break space). Babel and the Unicode Collation Algorithm, not the system locale, so
that a machine without ``fr_FR`` prints the same bytes.

Pages keep Babel's narrow no-break space (U+202F) between thousands; documents and images made
with fonts that may lack that glyph ask for ``narrow=False`` (an ordinary no-break space).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_timedelta
from babel.numbers import format_decimal
from pyuca import Collator

NBSP = "\u00a0"  # no-break space: before « : ; ! ? », inside « », between a number and its unit
NNBSP = "\u202f"  # narrow no-break space: between thousands
PARIS = ZoneInfo("Europe/Paris")


_COLLATOR = Collator()  # the Unicode default order, which French follows (CLDR's fr adds nothing)


@cache
def collation_key(text: str) -> tuple[int, ...]:
    """The key that sorts names as a French reader expects: accents and case second to the
    letters (« Île-de-France » between « Hauts-de-France » and « Normandie », not after « Z »),
    « Œ » as « OE ». Cached: the same names are sorted on many pages."""
    return tuple(_COLLATOR.sort_key(text))


def wide(text: str) -> str:
    """``text`` with narrow no-break spaces made ordinary ones (for fonts without U+202F)."""
    return text.replace(NNBSP, NBSP)


def number(value: float | None, digits: int | None = None, *, narrow: bool = True) -> str:
    """« 1 200 », « 261 804 », « 52,3 » (``digits``: figures after the comma, fixed)."""
    if value is None:
        return ""
    pattern = None if digits is None else "#,##0" + ("." + "0" * digits if digits else "")
    text = format_decimal(value, format=pattern, locale="fr")
    return text if narrow else wide(text)


def agree(count: int, singular: str, plural_form: str | None = None) -> str:
    """The word alone, agreeing with ``count``: French 0 and 1 are singular."""
    return singular if count < 2 else (plural_form or singular + "s")


def plural(
    count: int, singular: str, plural_form: str | None = None, *, narrow: bool = True
) -> str:
    """« 0 action », « 1 action », « 1 200 actions »."""
    return f"{number(count, narrow=narrow)}{NBSP}{agree(count, singular, plural_form)}"


def date(value: dt.date | dt.datetime | None, *, narrow: bool = True) -> str:
    """« 3 février 2026 », « 1er mars 2025 » (French writes the first day as an ordinal); the
    day and its month stay on one line. A datetime is taken in Paris time."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.astimezone(PARIS).date() if value.tzinfo else value.date()
    text = format_date(value, format="d MMMM y", locale="fr")
    day, _, rest = text.partition(" ")
    text = f"{'1er' if value.day == 1 else day}{NBSP}{rest}" if rest else text
    return text if narrow else wide(text)


def date_time(value: dt.datetime) -> str:
    """« 2 février 2027 à 11 h 00 », in Paris time."""
    local = value.astimezone(PARIS)
    return f"{date(local)} à {local.hour}{NBSP}h{NBSP}{local.minute:02d}"


def instant(when: dt.datetime) -> str:
    """« 2 février 2027 à 11 h 00 (heure de Paris) »: an instant staff read, always in Paris
    time whatever offset it was written with (``Z`` or ``+02:00`` in February show 12 h or
    10 h, not the 11 h typed)."""
    return f"{date_time(when)} (heure de Paris)"


def _unit(n: int, word: str) -> str:
    return f"{n}{NBSP}{agree(n, word)}"


def duration(delta: dt.timedelta) -> str:
    """A countdown precise where it matters: seconds in the last minutes, then hours, then
    Babel's rounded « 5 semaines », « 2 mois »."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return _unit(seconds, "seconde")
    minutes, sec = divmod(seconds, 60)
    if minutes < 60:
        return _unit(minutes, "minute") + (
            f" et {_unit(sec, 'seconde')}" if sec and minutes < 10 else ""
        )
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return _unit(hours, "heure") + (f" et {_unit(minutes, 'minute')}" if minutes else "")
    text = format_timedelta(delta, locale="fr_FR", threshold=1.5, granularity="day")
    return text.replace(" ", NBSP)


# A plain space before « : ; ! ? » or « @ » and inside guillemets becomes a no-break space:
# data, boilerplate and templates are easier to edit without invisible characters.
_SPACING = (
    (" :", NBSP + ":"),
    (" ;", NBSP + ";"),
    (" !", NBSP + "!"),
    (" ?", NBSP + "?"),
    ("« ", "«" + NBSP),
    (" »", NBSP + "»"),
    (" @", NBSP + "@"),
)


def apostrophe(text: str) -> str:
    """Official names and data use the typewriter apostrophe; French prints ’."""
    return text.replace("'", "’")


def spaced(text: str | None) -> str:
    """French typography for text written with plain spaces: typographic apostrophe, no-break
    spaces before high punctuation and inside guillemets (« ? » never wraps alone)."""
    if not text:
        return ""
    text = apostrophe(text)
    for plain, typographic in _SPACING:
        text = text.replace(plain, typographic)
    return text


def quoted(text: str) -> str:
    """« text » with no-break spaces inside the guillemets."""
    return f"«{NBSP}{apostrophe(text)}{NBSP}»"


_VOWELS = tuple("aeiouyhàâéèêëîïôöûüÿœæ")


def of(name: str) -> str:
    """« de Tours », « d’Ajaccio », « d’Évry »: « de » elided before a vowel or an h."""
    return f"d’{name}" if name[:1].lower() in _VOWELS else f"de {name}"


def file_size(size: int) -> str:
    """A download's size in decimal units: « 812 octets », « 6,1 ko », « 1,2 Mo »."""
    if size < 1000:
        return f"{size}{NBSP}octets"
    value, unit = (size / 1000, "ko") if size < 1_000_000 else (size / 1_000_000, "Mo")
    return f"{number(value, 1)}{NBSP}{unit}"
