"""The label in figures: counts per published edition, nationally or for one area.

In: a ``PublishedView`` (embargo already applied: an edition under embargo is not in it, so it
cannot be counted) and optionally a set of collectivity codes (a région's or a département's).
Out: ``EditionFigures`` rows, oldest edition first, and the number of labelled collectivities
per département in an edition. ``/chiffres/``, the région and département pages and the
open-data file ``donnees/chiffres.csv`` all read these rows: one computation, one set of
figures everywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from .model import KINDS
from .view import PublishedView

LEVELS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class EditionFigures:
    annee: int
    total: int  # labelled collectivities in this edition
    levels: dict[int, int]  # 1..5 -> how many at that level
    kinds: dict[str, int]  # ville, village, territoire -> how many
    mentions: int  # thematic mentions awarded (R8)
    excellence: int  # « Territoire d'excellence numérique » titles awarded (R9)
    carried: int  # not labelled this edition, showing 5 @ by an earlier title (R9)
    nouveaux: int  # first label
    retours: int  # labelled again after a gap
    non_relabellises: int  # laureates of the previous edition not labelled in this one

    @property
    def level_list(self) -> list[tuple[int, int]]:
        """(level, count) from 5 @ down, as tables and legends show them."""
        return [(n, self.levels[n]) for n in reversed(LEVELS)]


def edition_figures(
    view: PublishedView, codes: Collection[str] | None = None
) -> list[EditionFigures]:
    """One row per published edition; with ``codes``, only those collectivities count (the
    movements then compare with the same area's previous edition)."""
    rows = []
    previous: set[str] = set()
    for year in sorted(view.editions):
        edition = view.editions[year]
        laureates = [lau for lau in edition.laureates if codes is None or lau.territoire in codes]
        here = {lau.territoire for lau in laureates}
        changes = Counter(lau.change for lau in laureates)
        levels = Counter(lau.label.arobases for lau in laureates)
        kinds = Counter(view.territories[lau.territoire].type for lau in laureates)
        rows.append(
            EditionFigures(
                annee=year,
                total=len(laureates),
                levels={n: levels.get(n, 0) for n in LEVELS},
                kinds={k: kinds.get(k, 0) for k in KINDS},
                mentions=sum(len(lau.label.mentions) for lau in laureates),
                excellence=sum(1 for lau in laureates if lau.label.excellence),
                carried=sum(1 for c in edition.carried if codes is None or c in codes),
                nouveaux=changes.get("nouveau", 0),
                retours=changes.get("retour", 0),
                non_relabellises=len(previous - here),
            )
        )
        previous = here
    return rows


def by_departement(view: PublishedView, year: int) -> dict[str, int]:
    """Labelled collectivities of edition ``year`` per département code (those with none are
    absent)."""
    counts: Counter[str] = Counter()
    for lau in view.editions[year].laureates:
        dep = view.territories[lau.territoire].departement
        if dep:
            counts[dep] += 1
    return dict(counts)
