"""The one place where settings become a checked dataset and its published view.

In: Pelican settings (``LABEL_DATA``, ``LABEL_NOW``, ``LABEL_PREVIEW``). Out: the
``PublishedView`` every generator reads, computed once per build and shared (also by forked
worker processes). Data errors raise ``DataError`` with every problem collected.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Dataset
from .problems import DataError, Problems
from .reference import load_reference
from .validate import parse_now, validate
from .view import PublishedView, build_view


@dataclass
class Checked:
    dataset: Dataset
    problems: Problems
    view: PublishedView


_validated: dict[str, tuple[Dataset, Problems]] = {}
_checked: dict[tuple, Checked] = {}
_build_now: list = []  # the real instant, taken once per build when NOW is not set


def build_now(settings: dict):
    """« Now » for this build: ``NOW`` if set, else the real time taken once, so that every
    generator sees the same instant (an embargo must not fall between two of them)."""
    if settings.get("LABEL_NOW"):
        return parse_now(settings["LABEL_NOW"])
    if not _build_now:
        _build_now.append(parse_now(None))
    return _build_now[0]


def checked(settings: dict) -> Checked:
    """Validate once per data directory, publish once per (now, preview)."""
    now = build_now(settings)
    data = str(Path(settings.get("LABEL_DATA") or "data").resolve())
    preview = bool(settings.get("LABEL_PREVIEW"))
    if data not in _validated:
        _validated[data] = validate(Path(data))
    dataset, problems = _validated[data]
    if problems.errors:
        raise DataError(problems)
    key = (data, now.isoformat(), preview)
    if key not in _checked:
        cache = settings.get("LABEL_CACHE") or None
        view = build_view(dataset, load_reference(), now, preview=preview, cache_dir=cache)
        _checked[key] = Checked(dataset, problems, view)
    return _checked[key]


def forget() -> None:
    """Drop what earlier builds checked: each build starts from the files as they are now."""
    _validated.clear()
    _checked.clear()
    _build_now.clear()


def published_view(settings: dict) -> PublishedView:
    return checked(settings).view
