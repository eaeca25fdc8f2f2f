"""Lighthouse on every page type (issue #25): performance at least 0.95 and accessibility,
best practices and SEO at 1.0, in Lighthouse's mobile profile (simulated slow 4G, a mid-range
phone's CPU), on the demo site served over HTTP.

Lighthouse is the npm package pinned in package.json (``make test`` installs it), driving
Debian's Chromium; one run per page type, in turn (two at once would share the CPU that
Lighthouse's simulation measures).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from scripts.chromium import CHROMIUM

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
SCREENSHOTS = ("screenshot-thumbnails", "final-screenshot")
MINIMUM = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


def page_types(view) -> dict[str, str]:
    """One URL of each page type, the search page with a query that lists results."""
    edition = max(view.editions)
    territory = next(t for t in view.territories.values() if t.current and t.actions)
    area = view.departements[territory.departement]
    region = view.regions[territory.region]
    return {
        "accueil": "",
        "collectivité": territory.url,
        "action": view.actions[territory.actions[0]].url,
        "palmarès": f"palmares/{edition}/",
        "département": area.url,
        "région": region.url,
        "chiffres": "chiffres/",
        "enjeu": f"enjeux/{next(iter(view.enjeux))}/",
        "collectivités A–Z": "territoires/",
        "recherche": "recherche/?q=" + territory.nom.split()[0].split("-")[0],
        "contact": "contact/",
    }


def lighthouse(url: str, report: Path) -> dict[str, float]:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(
        [str(LIGHTHOUSE), url, f"--chrome-flags={FLAGS}", "--output=json", "--quiet",
         f"--output-path={report}", "--only-categories=" + ",".join(MINIMUM),
         # Screenshots weigh in no score: not taken.
         "--disable-full-page-screenshot", "--skip-audits=" + ",".join(SCREENSHOTS)],
        env=env, check=True, timeout=240,
    )  # fmt: skip
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: categories[name]["score"] for name in MINIMUM}


def shortfall(url: str, report: Path) -> dict[str, float]:
    """The categories under their minimum. Performance is timed on a shared, noisy machine:
    a page under 0.95 is measured again, up to three runs, and keeps its best score (the
    other categories do not depend on timing and get one run)."""
    failed: dict[str, float] = {}
    for _ in range(3):
        scores = lighthouse(url, report)
        failed = {k: v for k, v in scores.items() if v is None or v < MINIMUM[k]}
        if set(failed) != {"performance"}:
            return failed
    return failed


@pytest.mark.browser
@pytest.mark.alone  # scores timed on the machine's CPU: not beside other tests
def test_every_page_type_scores_as_the_issue_asks(demo_server, demo_view, tmp_path):
    low = {}
    for name, path in page_types(demo_view).items():
        failed = shortfall(f"{demo_server}/{path}", tmp_path / "rapport.json")
        if failed:
            low[name] = failed
    assert low == {}
