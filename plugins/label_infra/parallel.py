"""Spread independent render jobs (panels, kit documents, pages) over the machine's cores.

Workers are forked, so they inherit the published view and loaded fonts without pickling
them; results come back in input order so output stays deterministic. A worker dies with the
build: killed builds must not leave workers waiting forever on the pool's pipe (they hold its
write end themselves, so they would never see it close).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def workers() -> int:
    return max(1, min(len(os.sched_getaffinity(0)), int(os.environ.get("JOBS") or 64)))


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux ``prctl``)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def ordered_map(fn: Callable[[T], R], items: Iterable[T], *, chunksize: int = 4) -> Iterator[R]:
    """``map(fn, items)`` over a pool of forked processes (in-process when one core or few
    items). ``fn`` must be a module-level function."""
    items = list(items)
    if workers() == 1 or len(items) < 4:
        yield from map(fn, items)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=workers(),
        mp_context=context,
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        yield from pool.map(fn, items, chunksize=chunksize)
