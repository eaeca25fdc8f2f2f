"""Render many pages from one Jinja environment on every core, and write them.

In: a list of ``Page`` (output path, compiled template, variables or a function returning them),
the shared template context and the output directory. Out: the files, written by forked worker
processes that inherit the published view, the templates and the context (nothing is pickled
but a range of indexes, and each page's recorded reads back). Each file depends on its own
page only, so the output is the same whatever the number of workers.

What Pelican's ``Writer.write_file`` does for a page without pagination is done here the same
way (the context copied, ``localsiteurl`` and ``output_file`` set, the page's variables on top,
UTF-8 bytes written), so the bytes are the same; the ``content_written`` signal is not sent
(``label_build`` listens to it to record Pelican's own writes; these pages are recorded by
their generator through ``SiteFiles.made``, and a signal per page from workers would be moot).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from label_data import reads
from label_infra.parallel import ordered_map

_CHUNK = 250  # pages per task: enough to make forking and scheduling negligible


@dataclass(frozen=True)
class Page:
    save_as: str  # relative to the output directory
    template: object  # a compiled jinja2.Template
    variables: dict | Callable[[], dict] = field(default_factory=dict)


# What the forked workers read: set by ``write_pages`` just before the pool forks.
_job: tuple[list[Page], dict, Path] | None = None


def render(page: Page, context: dict) -> bytes:
    """The page's bytes, as Pelican's writer would render them."""
    local = context.copy()
    local["localsiteurl"] = local.get("localsiteurl", None)
    local["output_file"] = page.save_as
    variables = page.variables() if callable(page.variables) else page.variables
    local.update(variables)
    return page.template.render(local).encode("utf-8")


def _write_range(bounds: tuple[int, int]) -> list[tuple[str, list]]:
    """Render and write a range of pages; returns each page's recorded reads."""
    assert _job is not None
    pages, context, output = _job
    made: set[str] = set()
    done = []
    for page in pages[bounds[0] : bounds[1]]:
        path = output / page.save_as
        parent = str(path.parent)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with reads.recording() as seen:
            data = render(page, context)
        path.write_bytes(data)
        done.append((page.save_as, list(seen)))
    return done


def _inside(save_as: str) -> bool:
    parts = Path(save_as).parts
    return bool(parts) and not Path(save_as).is_absolute() and ".." not in parts


def write_pages(
    pages: list[Page], context: dict, output: Path | str
) -> Iterator[list[tuple[str, list]]]:
    """Render and write ``pages`` under ``output`` on every core; yields, for each finished
    task, its pages' paths and what each read of the published data (``label_data.reads``)."""
    global _job
    twice = sorted(n for n, k in Counter(p.save_as for p in pages).items() if k > 1)
    if twice:  # Pelican's writer refuses this too: one page would silently hide another
        raise ValueError(f"pages written twice: {twice[:5]}")
    outside = sorted(p.save_as for p in pages if not _inside(p.save_as))
    if outside:  # Pelican's writer refuses this too (sanitised_join); ids are checked earlier
        raise ValueError(f"pages written outside the output directory: {outside[:5]}")
    _job = (pages, context, Path(output))
    try:
        ranges = [(i, min(i + _CHUNK, len(pages))) for i in range(0, len(pages), _CHUNK)]
        yield from ordered_map(_write_range, ranges, chunksize=1)
    finally:
        _job = None
