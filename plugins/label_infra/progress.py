"""Build stages with counts: a progress bar on a terminal, plain lines elsewhere (CI, Netlify),
and a summary at the end (what was made, output size, time per stage).

Plugins call ``stage("Pages", total=n)`` and ``advance()``; ``count("pages", n)`` records a
figure for the summary (``label_build.summary`` writes it in French). The report is shared by
the whole build process; ``write_json`` saves it for the benchmark (``BUILD_REPORT``).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

console = Console(stderr=True)


@dataclass
class Report:
    stages: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    # The site's files, bytes and HTML pages, from the build's record (None: count on disk).
    totals: tuple[int, int, int] | None = None

    def reset(self) -> None:
        self.stages.clear()
        self.counts.clear()
        self.totals = None


REPORT = Report()


def interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI") and not os.environ.get("NETLIFY")


class _Bar:
    def __init__(self, progress: Progress | None, task: TaskID | None, name: str, total: int):
        self.progress, self.task, self.name, self.total = progress, task, name, total
        self.done = 0
        self._next_line = max(1, total // 4)

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task, n)
        elif self.total and self.done >= self._next_line and self.done < self.total:
            print(f"  {self.name} : {self.done}/{self.total}", file=sys.stderr, flush=True)
            self._next_line += max(1, self.total // 4)


@contextmanager
def stage(name: str, total: int = 0) -> Iterator[_Bar]:
    """Time a stage (accumulating if entered twice) and show its progress."""
    start = time.perf_counter()
    if interactive() and total:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress:
            yield _Bar(progress, progress.add_task(name, total=total), name, total)
    else:
        print(f"▸ {name}" + (f" ({total})" if total else ""), file=sys.stderr, flush=True)
        yield _Bar(None, None, name, total)
    elapsed = time.perf_counter() - start
    REPORT.stages[name] = REPORT.stages.get(name, 0.0) + elapsed
    if interactive() and total:
        console.print(f"▸ {name} : {total} en {elapsed:.1f} s")


def count(what: str, n: int) -> None:
    REPORT.counts[what] = REPORT.counts.get(what, 0) + n


def directory_size(path: str) -> tuple[int, int, int]:
    """Files, bytes and HTML pages under ``path``."""
    files = size = pages = 0
    for root, _dirs, names in os.walk(path):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(root, name))
            pages += name.endswith(".html")
    return files, size, pages


def write_json(path: str, totals: tuple[int, int, int], total_seconds: float) -> None:
    """The summary's figures as JSON (stages, counts, files, bytes, total), for the benchmark;
    ``totals``: the site's files, bytes and HTML pages."""
    files, size, pages = totals
    figures = {
        "total": total_seconds,
        "stages": dict(REPORT.stages),
        "counts": dict(REPORT.counts),
        "files": files,
        "bytes": size,
        "html_pages": pages,
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(figures, handle, ensure_ascii=False, indent=2)
