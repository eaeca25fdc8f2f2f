"""Kits of an embargoed edition, prepared in the cache before its ceremony (never published).

In: the checked dataset, the build's instant and settings. Out: nothing in the site; the kits
an embargoed edition will need rendered into ``CACHEDIR``, so that the one build at the embargo
instant finds them ready. An explicit step of the build driver, after the public site is in
place, with a view of its own: the public view and the public output never see these editions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import partial
from typing import Any

from label_data.model import Dataset
from label_data.reference import load_reference
from label_data.view import build_view
from label_infra import progress
from label_infra.parallel import ordered_map

from .publish import by_panel, kit_file, subjects

AHEAD = "kits préparés sous embargo"  # the build's count (summary, BUILD_REPORT)


def _render(job, cache_dir: str) -> None:
    subject, spec = job
    kit_file(subject, spec, cache_dir)


def embargoed_kits(dataset: Dataset, now: dt.datetime, settings: Mapping[str, Any]) -> list:
    """The (subject, panel) of every kit an edition still under embargo will need; none for a
    preview, a build without a cache or one whose cache is thrown away (``LABEL_KITS_AHEAD``)."""
    cache_dir = settings.get("LABEL_CACHE")
    hidden = {year for year, e in dataset.editions.items() if not e.is_published(now)}
    ahead = settings.get("LABEL_KITS_AHEAD", True) and not settings.get("LABEL_PREVIEW")
    if not cache_dir or not hidden or not ahead:
        return []
    ahead = build_view(dataset, load_reference(), now, preview=True, cache_dir=cache_dir)
    return by_panel(
        job for job in subjects(ahead, settings["SITE_DOMAIN"]) if job[0].year in hidden
    )


def prepare_embargoed_kits(dataset: Dataset, now: dt.datetime, settings: Mapping[str, Any]) -> int:
    """Render into the cache the kits of every edition still under embargo; returns how many."""
    cache_dir = settings.get("LABEL_CACHE")
    jobs = embargoed_kits(dataset, now, settings)
    if not jobs:
        return 0
    with progress.stage("Kits préparés sous embargo (cache)", total=len(jobs)) as bar:
        for _ in ordered_map(partial(_render, cache_dir=cache_dir), jobs):
            bar.advance()
    progress.count(AHEAD, len(jobs))
    return len(jobs)
