"""Spread independent render jobs (panels, kit documents, pages) over the machine's cores.

Workers are forked, so they inherit the published view and loaded fonts without pickling
them; results come back in input order so output stays deterministic.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def workers() -> int:
    return max(1, min(len(os.sched_getaffinity(0)), int(os.environ.get("JOBS") or 64)))


def ordered_map(fn: Callable[[T], R], items: Iterable[T], *, chunksize: int = 4) -> Iterator[R]:
    """``map(fn, items)`` over a pool of forked processes (in-process when one core or few
    items). ``fn`` must be a module-level function."""
    items = list(items)
    if workers() == 1 or len(items) < 4:
        yield from map(fn, items)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers(), mp_context=context) as pool:
        yield from pool.map(fn, items, chunksize=chunksize)
