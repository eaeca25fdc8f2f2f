"""The embargo schedule the Netlify scheduled function reads (netlify/functions/embargo-publish).

In: the checked dataset, the build's « now » and a path outside the published output. Out: a
JSON file listing the editions still under embargo at this build, with their instants, and one
French line for the build log. The function bundles this file (``included_files`` in
netlify.toml); the site never contains it, so adding an embargoed palmarès changes no byte of
the public output (R10).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from label_data.model import Dataset
from label_data.validate import french_instant


def embargoed(dataset: Dataset, now: dt.datetime) -> list[dict]:
    """Editions not yet published at ``now``: those the function must watch."""
    return [
        {"annee": year, "embargo": edition.embargo.isoformat()}
        for year, edition in sorted(dataset.editions.items())
        if not edition.is_published(now)
    ]


def write_schedule(dataset: Dataset, now: dt.datetime, path: Path) -> str:
    """Write the schedule atomically; return the line saying what the function will watch."""
    editions = embargoed(dataset, now)
    text = json.dumps({"editions": editions}, ensure_ascii=False, indent=2) + "\n"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    if not editions:
        return "Publication automatique : aucune édition sous embargo à surveiller."
    watched = ", ".join(
        f"{e['annee']} ({french_instant(dataset.editions[e['annee']].embargo)})" for e in editions
    )
    return f"Publication automatique à l’instant de l’embargo : {watched}."
