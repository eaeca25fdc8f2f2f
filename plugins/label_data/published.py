"""The one place where settings become a checked dataset and its published view.

In: Pelican settings (``LABEL_DATA``, ``LABEL_NOW``, ``LABEL_PREVIEW``, ``LABEL_CACHE``). Out:
``Checked`` (the dataset, its problems, the ``PublishedView``). Nothing is kept between calls:
each reads the files as they are. The build driver checks once per build and hands the view to
Pelican under ``CONTEXT_KEY``, so every generator and template reads it from its context
(``context["label"]``) and a long-lived process (``make serve``) never sees an older build's.
Data errors raise ``DataError`` with every problem collected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import Dataset
from .parse_cache import gc_paused
from .problems import DataError, Problems
from .reference import load_reference
from .validate import parse_now, validate
from .view import PublishedView, build_view

CONTEXT_KEY = "label"  # where generators and templates find the published view


@dataclass(frozen=True)
class Checked:
    dataset: Dataset
    problems: Problems
    view: PublishedView


def check(settings: Mapping[str, Any]) -> Checked:
    """Load and check the data, then publish it at ``LABEL_NOW`` (the real time when unset:
    the driver sets it once per build, so every generator sees the same instant)."""
    now = parse_now(settings.get("LABEL_NOW") or None)
    cache = settings.get("LABEL_CACHE") or None
    with gc_paused():  # a few million objects made at once: see gc_paused
        dataset, problems = validate(Path(settings.get("LABEL_DATA") or "data"), cache)
        if problems.errors:
            raise DataError(problems)
        preview = bool(settings.get("LABEL_PREVIEW"))
        view = build_view(dataset, load_reference(), now, preview=preview, cache_dir=cache)
    return Checked(dataset, problems, view)


def published_view(settings: Mapping[str, Any]) -> PublishedView:
    """The view alone, for scripts and tests that run no build."""
    return check(settings).view


def view_in(context: Mapping[str, Any]) -> PublishedView:
    """The build's published view, from a generator's context (or Pelican's settings)."""
    try:
        return context[CONTEXT_KEY]
    except KeyError:
        raise RuntimeError(
            "label_data: no published view in the context: build through the label_data "
            "plugin or label_build.driver"
        ) from None
