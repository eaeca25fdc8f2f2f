"""Running Pagefind: each bundle's documents written out, indexed by Pagefind's binary.

In: jobs, each the pages of one bundle (``bundles.members``) and the folder Pagefind writes
that bundle into. Out: those folders, each a Pagefind bundle (French stemming; the filters
the pages declare with ``data-pagefind-filter``). Pagefind runs as its own process per
bundle; the bundles run in lanes side by side or one after the other, as memory allows.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .bundles import BUNDLE
from .documents import Member, document

LANGUAGE = "fr"
SIDE_BY_SIDE = (25_000, 3_000)  # national scale (17,500 and 1,500): side by side

# The pages of one bundle and the folder Pagefind writes it into.
Job = tuple[list[Member], Path]


def run(jobs: list[Job], cores: int) -> None:
    """Index every job's bundle, in the lanes ``cores`` and memory allow."""
    lanes = _lanes(jobs, cores)
    with ThreadPoolExecutor(max_workers=len(lanes) or 1) as pool:  # each job is its own process
        list(pool.map(_run_lane, lanes))


def _pagefind_command() -> list[str]:
    """Pagefind's binary itself (the ``pagefind[bin]`` wheel pinned in pyproject.toml):
    ``python -m pagefind`` would start an interpreter only to exec it (0.1 s per bundle, felt
    by ``make serve``)."""
    try:
        from pagefind_bin import get_executable

        return [str(get_executable())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind"]


def _index_bundle(job: Job) -> None:
    """Index one bundle's pages into ``target`` with Pagefind's command line. Each document
    is made as it is written out, so that the build holds no bundle's HTML in memory while
    Pagefind runs."""
    pages, target = job
    with tempfile.TemporaryDirectory(prefix="label-search-") as scratch:
        for url, html in map(document, pages):
            path = Path(scratch) / url.strip("/") / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
        run = subprocess.run(
            [
                *_pagefind_command(),
                "--site",
                scratch,
                "--output-path",
                str(target),
                "--force-language",
                LANGUAGE,
                "--quiet",
            ],
            capture_output=True,
            text=True,
        )
    if run.returncode:
        raise RuntimeError(f"label_search: Pagefind failed on {target.name}: {run.stderr[-2000:]}")


def _lanes(jobs: list[Job], cores: int) -> list[list[Job]]:
    """The jobs as lanes that run side by side: the action bundles (8,000 pages each at
    national scale, over 500 MB each in Pagefind) one after the other, the collectivity bundle
    beside them, so that peak memory stays that of one action bundle (issue #14: ≤ 1 GB).
    Beyond ``SIDE_BY_SIDE`` pages in all or collectivity pages, one lane: at 5,000
    collectivities the collectivity bundle alone takes Pagefind 0.9 GB and an action bundle
    0.6 GB, and the build must stay within 2 GB."""
    actions = [job for job in jobs if job[1].name != BUNDLE]
    primary = [job for job in jobs if job[1].name == BUNDLE]
    total, places = SIDE_BY_SIDE
    too_big = sum(len(p) for p, _ in jobs) > total or sum(len(p) for p, _ in primary) > places
    if cores < 2 or too_big:
        return [jobs] if jobs else []
    return [lane for lane in (actions, primary) if lane]


def _run_lane(lane: list[Job]) -> None:
    for job in lane:
        _index_bundle(job)
