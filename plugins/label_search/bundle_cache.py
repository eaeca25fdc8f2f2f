"""The cache of Pagefind bundles, and how a bundle goes into the site.

In: the cache folder (``CACHEDIR``), the build's file record (``SiteFiles``, or none), each
bundle's pages. Out: ``CACHEDIR/pagefind/<bundle>/<key>``, the bundles last indexed (each
with ``<key>.cles.json``, its files' content keys), ``CACHEDIR/pagefind/documents.json`` (the
digest of each page's indexed document), and the bundles put in the site: a cached one
reused, a fresh one moved in, each file left untouched when it has the bytes of the site in
place's.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from label_build.site_files import SiteFiles
from label_infra.atomic import write_atomic
from label_infra.cache import copy_tree
from label_infra.digests import digest, file_digest

from .documents import Member, document

WRITER = "label_search"
KEEP_BUNDLES = 3  # enough for an edit and its revert to find their index again
IN_USE_SECONDS = 600  # a bundle used this recently is never dropped


class DocumentDigests:
    """The digest of each page's indexed document, read from its file only when the page is
    new: a page kept from the previous site (same key in the build's record) with the same
    added block has the document it had (``CACHEDIR/pagefind/documents.json``). Reading and
    cutting 17,600 pages costs seconds; most builds change a few."""

    def __init__(self, cache_dir: str | None, files: SiteFiles | None):
        self.path = Path(cache_dir) / "pagefind" / "documents.json" if cache_dir else None
        self.files = files
        self.known: dict[str, str] = {}
        self.used: dict[str, str] = {}
        if self.path is not None and files is not None:
            try:
                known = json.loads(self.path.read_text(encoding="utf-8"))
                self.known = known if isinstance(known, dict) else {}
            except (OSError, ValueError):
                pass

    def of(self, member: Member) -> str:
        url, _, block, tail = member
        page_key = self.files.keys.get(url.strip("/") + "/index.html") if self.files else None
        if page_key is None:
            return digest(document(member))
        memo = digest([page_key, url, block, tail])
        found = self.known.get(memo)
        if not isinstance(found, str):
            found = digest(document(member))
        self.used[memo] = found
        return found

    def save(self) -> None:
        """Keep the digests of this build's pages only (the file stays the site's size)."""
        if self.path is not None and self.used:
            write_atomic(self.path, json.dumps(self.used))


def move_in(fresh: Path, bundle: Path, files: SiteFiles | None) -> None:
    """Move a bundle Pagefind just wrote into the site: each file that has the bytes of the
    site in place's file stays that file (untouched), the others are moved in."""
    if files is None:
        os.replace(fresh, bundle)
        return
    base = bundle.relative_to(files.root)
    for path in sorted(fresh.rglob("*")):
        if path.is_file():
            files.adopt((base / path.relative_to(fresh)).as_posix(), path, WRITER)


def reuse(cached: Path, bundle: Path, files: SiteFiles | None) -> None:
    """Put a cached bundle in the site: each file kept from the site in place when it has the
    same bytes (so that it stays untouched), else copied."""
    os.utime(cached)  # in use: the last to be dropped (``_evict``)
    if files is None:
        copy_tree(cached, bundle)
        return
    base = bundle.relative_to(files.root).as_posix()
    for relative, key in _file_keys(cached).items():
        files.copy(f"{base}/{relative}", cached / relative, WRITER, key)


def _file_keys(cached: Path) -> dict[str, str]:
    """Each file of a cached bundle with its content key, computed once and kept beside it
    (``<key>.cles.json``): 8,000 fragment files need not be read again at every build."""
    beside = cached.with_name(cached.name + ".cles.json")
    try:
        keys = json.loads(beside.read_text(encoding="utf-8"))
        if isinstance(keys, dict) and all((cached / name).is_file() for name in keys):
            return keys
    except (OSError, ValueError):
        pass
    keys = {
        path.relative_to(cached).as_posix(): file_digest(path)
        for path in sorted(cached.rglob("*"))
        if path.is_file()
    }
    write_atomic(beside, json.dumps(keys))
    return keys


def keep(bundle: Path, cached: Path) -> bool:
    """Store a fresh bundle in the cache (whole, or not at all), dropping the oldest ones;
    False when another build stored this key first (Pagefind's bytes vary between runs: the
    first stored is then the one every build uses, see ``index.build_index``)."""
    _evict(cached.parent)
    # A folder, not a file (write_atomic's case): copied beside, then renamed in one step.
    partial = cached.with_name(f"{cached.name}.tmp-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(bundle, partial)
    try:
        os.replace(partial, cached)
    except OSError:  # the key's folder exists, not empty: another build's, kept
        shutil.rmtree(partial, ignore_errors=True)
        return False
    return True


def _evict(folder: Path) -> None:
    """Drop the bundles beyond the newest few, unless one was used lately (its date is
    renewed at each use: another build sharing the cache may be reading it)."""
    if not folder.is_dir():
        return
    bundles = sorted((p for p in folder.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    lately = time.time() - IN_USE_SECONDS
    for old in bundles[: max(0, len(bundles) - KEEP_BUNDLES + 1)]:
        if old.stat().st_mtime < lately and ".tmp-" not in old.name:
            shutil.rmtree(old, ignore_errors=True)
            old.with_name(old.name + ".cles.json").unlink(missing_ok=True)
