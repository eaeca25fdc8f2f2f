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


_checked: dict[tuple, Checked] = {}


def checked(settings: dict) -> Checked:
    """Validate and publish once per (data directory, now, preview)."""
    now = parse_now(settings.get("LABEL_NOW"))
    data = Path(settings.get("LABEL_DATA") or "data").resolve()
    preview = bool(settings.get("LABEL_PREVIEW"))
    key = (str(data), now.isoformat(), preview)
    if key not in _checked:
        dataset, problems = validate(data)
        if problems.errors:
            raise DataError(problems)
        cache = settings.get("LABEL_CACHE") or None
        view = build_view(dataset, load_reference(), now, preview=preview, cache_dir=cache)
        _checked[key] = Checked(dataset, problems, view)
    return _checked[key]


def forget() -> None:
    """Drop what earlier builds checked: each build starts from the files as they are now."""
    _checked.clear()


def published_view(settings: dict) -> PublishedView:
    return checked(settings).view
