"""The site's full-text search index, built with Pagefind once every page is written.

In: the written site (``output``), the published view, which says which files are the
collectivity and action pages (the only ones indexed), the cache folder and the build's file
record. Out: the Pagefind bundles in ``output/pagefind/`` (collectivities) and
``output/pagefind-actions-<k>/`` (actions), each reused from the cache when its documents did
not change, else indexed again.

The roles, one module each: ``documents.py`` (what a page gives Pagefind: the indexed
document, its added text, filters and meta), ``bundles.py`` (which pages go to which bundle),
``pagefind_run.py`` (running Pagefind), ``bundle_cache.py`` (the cache of bundles, and how a
bundle goes into the site). This module only puts them in order.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from label_build.site_files import SiteFiles
from label_data.view import PublishedView
from label_infra.code import code_digest
from label_infra.digests import digest
from label_infra.parallel import workers

from .bundle_cache import DocumentDigests, keep, move_in, reuse
from .bundles import members
from .pagefind_run import LANGUAGE, run

log = logging.getLogger(__name__)

SCRATCH = ".indexation"  # inside the staging directory: same file system, removed with it


def build_index(
    output: Path, view: PublishedView, cache_dir: str | None = None, files: SiteFiles | None = None
) -> int:
    """Index the collectivity and action pages of ``output``; returns how many.

    Each bundle is kept in ``CACHEDIR/pagefind/<bundle>/<hash of its documents>``: a bundle
    whose pages did not change is reused instead of indexed again, which also keeps its bytes
    identical (Pagefind's filter files differ between two runs): its files are those of the
    site in place when they are the same (``files``: the build's record), else copied."""
    output = Path(output).resolve()
    todo, total = [], 0
    digests = DocumentDigests(cache_dir, files)
    for name, pages in members(output, view).items():
        total += len(pages)
        # This module imports every role, so its code digest covers the documents, the
        # bundles, Pagefind's run and Pagefind's installed version (label_infra.code).
        key = digest([code_digest(__name__), LANGUAGE, *map(digests.of, pages)])
        cached = Path(cache_dir) / "pagefind" / name / key if cache_dir else None
        if cached is not None and (cached / "pagefind.js").is_file():
            reuse(cached, output / name, files)
        else:
            todo.append((name, pages, cached))  # read again while written for Pagefind
    digests.save()
    scratch = output / SCRATCH  # Pagefind writes here; the files then move into the site
    run([(docs, scratch / name) for name, docs, _ in todo], workers())
    for name, _, cached in todo:
        if cached is not None and not keep(scratch / name, cached):
            reuse(cached, output / name, files)  # stored first by another build: that one
        else:
            move_in(scratch / name, output / name, files)
    shutil.rmtree(scratch, ignore_errors=True)
    log.info("label_search: %d pages, %d bundles indexed again", total, len(todo))
    return total
