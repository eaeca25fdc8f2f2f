"""Instants staff type, judged in Paris time: the label's ceremonies happen in Paris.

In: an instant as staff wrote it (an embargo in a data file, ``--embargo`` at import), with or
without a UTC offset. Out: a French problem when the offset is not Paris's offset at that very
instant (``Z`` in February, ``+01:00`` on the day clocks go forward, ``-05:00``), or when there
is none, each with the instant to write instead: the same wall-clock time with Paris's offset of
that date, so that the advice is always accepted. Also the embargo a new edition could take.

Why refuse rather than convert: an offset typed by mistake moves the ceremony by an hour or
more, and the palmarès would be published at an instant nobody chose.
"""

from __future__ import annotations

import datetime as dt

from .typo import PARIS, instant

UTC = dt.UTC
# The ceremony's usual hour, for advice when nothing else says it.
CEREMONY_HOUR = dt.time(11, 0)


def offset_text(when: dt.datetime) -> str:
    """« +01:00 », « -05:00 », « +00:00 » (never « Z »: staff compare it with +01:00)."""
    offset = when.utcoffset() or dt.timedelta(0)
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def season(when: dt.datetime) -> str:
    """« heure d’hiver » or « heure d’été », for a Paris instant."""
    return "heure d’été" if when.dst() else "heure d’hiver"


def iso(when: dt.datetime) -> str:
    """``2027-02-02T11:00:00+01:00``: what staff copy into a file or a command."""
    return when.replace(microsecond=0).isoformat()


def in_paris(wall: dt.datetime) -> dt.datetime:
    """A wall-clock time read in Paris. A time the spring change skips (02:30 on the last
    Sunday of March) becomes the existing time an hour later, so advice always exists."""
    return wall.replace(tzinfo=PARIS).astimezone(UTC).astimezone(PARIS)


def is_paris_offset(when: dt.datetime) -> bool:
    """Whether an aware instant is written with Paris's offset at that instant (both offsets
    are right during the autumn change's repeated hour)."""
    return when.utcoffset() == when.astimezone(PARIS).utcoffset()


def offset_problem(when: dt.datetime, raw: str) -> str | None:
    """None when ``when`` (aware) has Paris's offset; else the French advice."""
    if is_paris_offset(when):
        return None
    meant = in_paris(when.replace(tzinfo=None))
    return (
        f"« {raw} » : le décalage {offset_text(when)} n’est pas celui de Paris ce jour-là "
        f"({offset_text(meant)}, {season(meant)}) ; tel quel, c’est le {instant(when)}. "
        f"Pour {_clock(meant)} à Paris, écrivez {iso(meant)}"
    )


def missing_offset_advice(wall: dt.datetime, raw: str) -> str:
    """The advice for an instant written without offset, right for its own date."""
    meant = in_paris(wall)
    return (
        f"« {raw} » n’a pas de décalage UTC : pour {_clock(meant)} à Paris ce jour-là "
        f"({season(meant)}), écrivez {iso(meant)}"
    )


def _clock(when: dt.datetime) -> str:
    return f"{when.hour}\u00a0h\u00a0{when.minute:02d}"


def proposed_embargo(annee: int, previous: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    """An embargo a new edition ``annee`` could take, that the importer would accept: the
    previous edition's day and hour moved to ``annee`` (the ceremony's usual date), in Paris
    time; if that is not after « now » and after the previous embargo, tomorrow at 11 h."""
    local = previous.astimezone(PARIS) if previous else None
    candidate = None
    if local is not None:
        try:
            candidate = in_paris(local.replace(year=annee, tzinfo=None))
        except ValueError:  # 29 February
            candidate = None
    if candidate is None:
        candidate = in_paris(dt.datetime.combine(dt.date(annee, 2, 1), CEREMONY_HOUR))
    floor = max(now, previous) if previous else now
    if candidate <= floor:
        tomorrow = floor.astimezone(PARIS).date() + dt.timedelta(days=1)
        candidate = in_paris(dt.datetime.combine(tomorrow, CEREMONY_HOUR))
    return candidate
