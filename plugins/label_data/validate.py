"""The checker: load ``data/``, apply the rules, report. Used alone (``make validate``) and at
the start of every build, so both say exactly the same thing.

In: a data directory and the instant taken as « now ». Out: the checked dataset, its problems,
and a French report (problems sorted, a count, each edition's embargo state).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import typo
from .load import load_dataset
from .model import Dataset
from .parse_cache import gc_paused
from .problems import Location, Problems
from .reference import load_reference
from .rules import check


def parse_now(value: str | None) -> dt.datetime:
    """``NOW=2026-02-03T10:59:00+01:00``: an aware instant; empty means the real time."""
    if not value:
        return dt.datetime.now(dt.UTC)
    try:
        now = dt.datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError(
            f"NOW={value} : instant illisible, écrivez par exemple NOW=2026-02-03T11:00:00+01:00"
        ) from exc
    if now.tzinfo is None:
        raise ValueError(f"NOW={value} : ajoutez le décalage UTC, par exemple +01:00")
    return now


def validate(data_dir: Path, cache_dir: str | Path | None = None) -> tuple[Dataset, Problems]:
    """Load and check ``data_dir``; ``cache_dir`` (``CACHEDIR``) keeps each file's parse."""
    problems = Problems()
    with gc_paused():
        dataset = load_dataset(Path(data_dir), problems, cache_dir)
        dataset = check(dataset, load_reference(), problems)
    return dataset, problems


french_instant = typo.instant  # « 2 février 2027 à 11 h 00 » (staff messages)
french_duration = typo.duration  # « dans 2 mois »


def edition_states(dataset: Dataset, now: dt.datetime) -> list[str]:
    lines = []
    for year, edition in sorted(dataset.editions.items()):
        when = french_instant(edition.embargo)
        if edition.is_published(now):
            since = now - edition.embargo
            recent = f", il y a {french_duration(since)}" if since < dt.timedelta(days=2) else ""
            lines.append(f"  {year} : publiée, embargo levé le {when}{recent}")
        else:
            left = french_duration(edition.embargo - now)
            lines.append(f"  {year} : SOUS EMBARGO jusqu’au {when}, dans {left}")
    return lines


def report(dataset: Dataset, problems: Problems, now: dt.datetime) -> str:
    out = list(problems.lines())
    if problems.errors:
        out.append(f"Données invalides : {problems.summary()} Corrigez puis relancez.")
    else:
        out.append(
            f"Données valides : {len(dataset.territories)} collectivités, "
            f"{len(dataset.editions)} éditions, {len(dataset.actions)} actions"
            + (f" ({problems.summary()[:-1]})" if problems.warnings else "")
            + "."
        )
        out.append("État des éditions :")
        out.extend(edition_states(dataset, now))
    return "\n".join(out)


__all__ = ["Location", "parse_now", "validate", "report", "edition_states"]
