"""The embargo an import gives an edition, checked before anything is written (R10).

In: the edition's year, the ``--embargo`` given (or none), the data as it is, the import's
« now » and whether ``--force`` was given. Out: French problems (nothing is written) and notes.

Why here and not only in the checker: an embargo already past is a normal state for the data
(every old edition has one), but at import it means the next build publishes the palmarès at
once. So the importer refuses it unless forced, and then says plainly what will happen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from label_data.model import Dataset, Edition
from label_data.paris_time import iso, proposed_embargo
from label_data.typo import instant


@dataclass
class EmbargoCheck:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def check_embargo(
    annee: int, given: dt.datetime | None, dataset: Dataset, now: dt.datetime, force: bool
) -> EmbargoCheck:
    """What is wrong with the embargo the import would write, and what staff must know."""
    out = EmbargoCheck()
    existing = dataset.editions.get(annee)
    previous = _previous(dataset, annee)
    proposal = iso(proposed_embargo(annee, previous.embargo if previous else None, now))
    if given is None:
        if existing is None:
            out.problems.append(
                f"l’édition {annee} est nouvelle : donnez son embargo, par exemple "
                f"EMBARGO={proposal} (avec make) ou --embargo {proposal}"
            )
        return out
    if previous is not None and given <= previous.embargo:
        out.problems.append(
            f"l’embargo du {instant(given)} n’est pas après celui de {previous.annee}, "
            f"le {instant(previous.embargo)} : donnez par exemple {proposal}"
        )
    if given <= now and (existing is None or given != existing.embargo):
        _past(out, annee, given, proposal, force)
    return out


def _past(out: EmbargoCheck, annee: int, given: dt.datetime, proposal: str, force: bool) -> None:
    if force:
        out.notes.append(
            f"ATTENTION : l’embargo du palmarès {annee}, le {instant(given)}, est déjà "
            f"passé : la prochaine construction publiera le palmarès {annee} aussitôt"
        )
        return
    out.problems.append(
        f"l’embargo du {instant(given)} est déjà passé : la prochaine construction publierait "
        f"le palmarès {annee} aussitôt. Donnez un instant à venir (par exemple {proposal}), "
        "ou, pour le publier dès la prochaine construction, relancez avec OPTIONS=--force"
    )


def _previous(dataset: Dataset, annee: int) -> Edition | None:
    earlier = [year for year in dataset.editions if year < annee]
    return dataset.editions[max(earlier)] if earlier else None
