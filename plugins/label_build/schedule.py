"""The embargo schedule the Netlify scheduled function reads (netlify/functions/embargo-publish).

In: the checked dataset, the build's « now », the news and pages this build held back
(``label_content.dated``) and a path outside the published output. Out: a JSON file listing
everything the deployed site does not show yet and will at a given instant, and the French
lines for the build log, in Paris time::

    {"publications": [
      {"nom": "palmarès 2027", "instant": "2027-02-02T11:00:00+01:00", "page": "/palmares/2027/"},
      {"nom": "actualité « … »", "instant": "2027-02-02T11:30:00+01:00", "page": "/actualites/…/"}
    ]}

``page`` answers once the item is published: the function asks for a build while it does not.
The function bundles this file (``included_files`` in netlify.toml); the site never contains
it, so what is under embargo changes no byte of the public output (R10).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from label_data import urls
from label_data.model import Dataset
from label_data.typo import instant as french_instant
from label_infra.atomic import write_atomic


def publications(dataset: Dataset, now: dt.datetime, held: Iterable) -> list[dict]:
    """Everything not yet published at ``now``, soonest first: the editions under embargo
    and the held-back news and pages (``label_content.dated.Dated``); instants as datetimes."""
    found = [
        {"nom": f"palmarès {year}", "instant": e.embargo, "page": "/" + urls.palmares(year)}
        for year, e in dataset.editions.items()
        if not e.is_published(now)
    ]
    found += [{"nom": item.name, "instant": item.instant, "page": item.page} for item in held]
    return sorted(found, key=lambda p: (p["instant"], p["page"]))


def write_schedule(dataset: Dataset, now: dt.datetime, held: Iterable, path: Path) -> str:
    """Write the schedule atomically; return the line saying what the function will watch."""
    items = publications(dataset, now, held)
    listed = [{**p, "instant": p["instant"].isoformat()} for p in items]
    text = json.dumps({"publications": listed}, ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text)  # the function never bundles half a file
    if not items:
        return "Publication automatique : rien sous embargo à surveiller."
    watched = " ; ".join(f"{p['nom']} le {french_instant(p['instant'])}" for p in items)
    return f"Publication automatique à l’instant de l’embargo : {watched}."
