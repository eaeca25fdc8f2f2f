"""The label's own words, written once: its name, the kinds of collectivity, a level.

In: a kind (``ville``, ``village``, ``territoire``), a level (1 to 5 @), a year. Out: French
strings as the label writes them: « Ville », « Ville Internet », « 4 @ », « Ville Internet
4 @ 2026 ». Pages, panels, the badge, kits and search read them here, so a panel, its page and
its search filter can never name a level two ways.
"""

from __future__ import annotations

from .typo import NBSP

LABEL_NAME = "Territoires, Villes et Villages Internet"  # the label, as the association names it
KIND_NAMES = {"ville": "Ville", "village": "Village", "territoire": "Territoire"}


def kind_name(kind: str) -> str:
    """« Ville », « Village », « Territoire » (an unknown kind as it is)."""
    return KIND_NAMES.get(kind, kind)


def kind_title(kind: str) -> str:
    """« Ville Internet »: what a panel and a badge say above the arobases."""
    return f"{kind_name(kind)} Internet"


def level_short(level: int) -> str:
    """The level as the label writes it: « 4 @ », the number never alone at a line's end."""
    return f"{level}{NBSP}@"


def label_title(kind: str, level: int, year: int) -> str:
    """« Ville Internet 4 @ 2026 », the label as panels and badges say it."""
    return f"{kind_title(kind)} {level_short(level)} {year}"


# What the generic share image shows (``urls.GENERIC_SHARE``), said for those who cannot see it.
GENERIC_SHARE_ALT = f"Label «{NBSP}{LABEL_NAME}{NBSP}», cinq arobases"
