"""What a communication kit is about, and the French wording shared by every kit document.

In: the caller builds a ``KitSubject`` (one labelled collectivity, from the published view) or a
``NationalEdition`` (one edition's figures). Out: small helpers that turn them into correct
French: dates and numbers with Babel, « guillemets » and apostrophes, the level in words, and
the grammar of each kind (« la ville de … », « le village de … », « l’intercommunalité … »).
Drawn text (Pillow, ReportLab) and documents share these, so every file says the same thing.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from label_data import typo as french
from label_data import words
from label_data.problems import Problems, display_path
from label_data.schema import KIT_TEXTS
from label_data.typo import NBSP as NBSP  # for the kit modules
from label_data.yamlload import Reader, compose_file
from label_panels.charter import load_charter

# The kit font lacks the narrow no-break space (U+202F) that Babel and CLDR use: documents and
# images use the ordinary no-break space (NBSP) instead, so no glyph is ever missing.

TEXTS_PATH = Path(__file__).with_name("texts.yaml")
FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT_REGULAR = FONT_DIR / "AtkinsonHyperlegible-Regular.ttf"
FONT_BOLD = FONT_DIR / "AtkinsonHyperlegible-Bold.ttf"

# Colours of the association, read from the panels' charter (label_panels/charter.yaml), so
# that a new charter recolours the kits too: the frame's red, the green @ of R8, the texts' ink,
# and the pale grey of the empty @ (the kit images' separators).
_CHARTER = load_charter()
RED = _CHARTER.frame_color
GREEN = _CHARTER.at_green_color
INK = _CHARTER.title.color
PALE = _CHARTER.empty_color
GREY = "#5A5F66"  # the kits' own secondary text, which no panel shows


@dataclass(frozen=True)
class KitSubject:
    """One labelled collectivity of one edition, as the public may see it."""

    code: str
    nom: str
    slug: str
    kind: str  # "ville" | "village" | "territoire"
    level: int
    year: int  # the edition's year (e.g. 2026)
    mentions: tuple[str, ...]  # French names of the mentions held
    green: bool  # holds « transition écologique »: a green @ (R8)
    excellence: bool  # « Territoire d’excellence numérique » (R9)
    actions_counted: int  # its actions that count for this edition (R7)
    departement: str
    region: str
    page_url: str  # absolute URL of its page on the site
    ceremony_date: datetime.date | None
    ceremony_place: str | None
    previous_level: int | None  # its level in the previous edition, if any
    # The story its release tells (label_data.view's change): nouveau (first label), retour
    # (labelled before, not in the previous edition), stable, hausse, baisse.
    change: str = "nouveau"
    last_label: tuple[int, int] | None = None  # (year, level) of its label before this one
    actions_published: int = 0  # all its actions on the site (actions_counted: those of R7)
    # Published editions in a row, this one included, that labelled it (1: not the one before).
    consecutive_years: int = 1


@dataclass(frozen=True)
class NationalEdition:
    """One edition's public figures, for the national press kit."""

    year: int
    ceremony_date: datetime.date | None
    ceremony_place: str | None
    counts_by_level: Mapping[int, int]
    counts_by_kind: Mapping[str, int]
    previous_counts_by_level: Mapping[int, int] | None
    previous_counts_by_kind: Mapping[str, int] | None
    newcomers: int
    promoted: int
    demoted: int
    mentions: Sequence[tuple[str, Sequence[str]]]  # (mention name, laureate names)
    excellence: Sequence[str]
    top_laureates: Sequence[str]
    site_url: str
    # The palmarès that adds up: previous total + newcomers + returns - left = this total.
    returns: int = 0
    left: int = 0  # laureates of the previous edition not labelled again
    carried: Sequence[str] = ()  # show 5 @ by an earlier excellence title (R9)


class KitTextsError(ValueError):
    """A texts file with one or more bad values; the message lists them all, at file:line."""

    def __init__(self, problems: Problems):
        self.problems = problems
        count = len(problems.errors)
        lines = problems.lines()
        lines.append(f"{count} problème{'s' if count > 1 else ''} dans les textes des kits")
        super().__init__("\n".join(lines))


def load_texts(path: Path) -> dict:
    """Read a texts file through the schema (``label_data.schema.KIT_TEXTS``): every key
    known, every value a text without invisible characters, problems at file:line:col."""
    problems = Problems()
    shown = display_path(path)
    root = compose_file(Path(path), shown, problems)
    values = KIT_TEXTS.decode(Reader(shown, problems), root) if root is not None else None
    if problems.errors or values is None:
        raise KitTextsError(problems)
    return _plain(values)


def _plain(value):
    """Plain dicts and lists, without the YAML nodes a decoded record keeps for its messages
    (the texts travel to the kit workers)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@cache
def texts() -> dict:
    """The boilerplate (association, licence, contact, file descriptions), read once."""
    return load_texts(TEXTS_PATH)


def typo(text: str) -> str:
    """French typography for text from data: typographic apostrophe, no narrow spaces."""
    return french.wide(french.apostrophe(text))


def fr(text: str) -> str:
    """French spacing for boilerplate written with plain spaces (see ``label_data.typo``)."""
    return french.wide(french.spaced(text))


def quoted(text: str) -> str:
    return french.wide(french.quoted(text))


def fr_number(value: int) -> str:
    """« 1 200 » with an ordinary no-break space (the documents' fonts)."""
    return french.number(value, narrow=False)


def fr_date(day: datetime.date) -> str:
    """« 3 février 2026 », « 1er mars 2026 »."""
    return french.date(day, narrow=False)


def fixed_datetime(year: int, day: datetime.date | None) -> datetime.datetime:
    """The instant written in documents' metadata: derived from the edition, never the clock."""
    day = day or datetime.date(year, 1, 1)
    return datetime.datetime(day.year, day.month, day.day, 12, 0, tzinfo=datetime.UTC)


_WORDS = {1: "une", 2: "deux", 3: "trois", 4: "quatre", 5: "cinq"}


# « 4 @ », as pages and panels write it (label_data.words).
at_sign = words.level_short


def level_words(level: int) -> str:
    """« quatre arobases », « une arobase » (arobase is feminine in the label's usage)."""
    return f"{_WORDS[level]} arobase" + ("s" if level > 1 else "")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 action », « 12 actions », « 1 200 actions »."""
    return french.plural(count, singular, plural_form, narrow=False)


def join_and(items: Sequence[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def of_name(name: str) -> str:
    """« de Bordeaux », « d’Angers », « du Havre », « des Mureaux », « de La Rochelle »."""
    name = typo(name)
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name[:1].lower() in "aâàeéèêëiîïoôöuûùühy" or name[:1] in "ÆŒæœ":
        return "d’" + name
    return "de " + name


def of_phrase(phrase: str) -> str:
    """« de » before a phrase with its article: « du village », « de la ville », « des … »."""
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    return "de " + phrase


def to_phrase(phrase: str) -> str:
    """« à » before a phrase with its article: « au village », « à la ville », « aux … »."""
    if phrase.startswith("le "):
        return "au " + phrase[3:]
    if phrase.startswith("les "):
        return "aux " + phrase[4:]
    return "à " + phrase


@dataclass(frozen=True)
class Grammar:
    """How one collectivity is named and agreed with in running French text."""

    designation: str  # « la ville de Bordeaux »
    short: str  # « la ville » (second mention)
    pronoun: str  # « elle » / « il »
    feminine: bool
    label_name: str  # « Ville Internet »
    our: str  # « Notre ville »

    @property
    def agree(self) -> str:
        """The past participle's ending: « labellisée » or « labellisé »."""
        return "e" if self.feminine else ""

    @property
    def Designation(self) -> str:  # noqa: N802 - capitalised form, as a sentence starts
        return self.designation[:1].upper() + self.designation[1:]

    @property
    def Pronoun(self) -> str:  # noqa: N802
        return self.pronoun.capitalize()


# Intercommunality names often start with their own kind (« Communauté de communes du … »):
# then the name takes an article; otherwise (« Bordeaux Métropole ») it is put in apposition.
_EPCI_PREFIXES = (
    ("Communauté", "la ", True),
    ("Métropole", "la ", True),
    ("Eurométropole", "l’", True),
    ("Agglomération", "l’", True),
    ("Syndicat", "le ", False),
    ("Pays", "le ", False),
    ("Pôle", "le ", False),
    ("Établissement", "l’", False),
)


def grammar(subject: KitSubject) -> Grammar:
    name = typo(subject.nom)
    if subject.kind == "ville":
        return Grammar(
            f"la ville {of_name(name)}",
            "la ville",
            "elle",
            True,
            words.kind_title("ville"),
            "Notre ville",
        )
    if subject.kind == "village":
        return Grammar(
            f"le village {of_name(name)}",
            "le village",
            "il",
            False,
            words.kind_title("village"),
            "Notre village",
        )
    if subject.kind == "territoire":
        match = next(
            (
                (article + name, feminine)
                for prefix, article, feminine in _EPCI_PREFIXES
                if name.startswith(prefix + " ") or name == prefix
            ),
            (f"l’intercommunalité {name}", True),
        )
        designation, feminine = match
        return Grammar(
            designation,
            "l’intercommunalité",
            "elle" if feminine else "il",
            feminine,
            words.kind_title("territoire"),
            "Notre intercommunalité",
        )
    raise ValueError(f"unknown kind of collectivity: {subject.kind!r}")
