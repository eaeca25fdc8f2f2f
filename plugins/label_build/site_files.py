"""What a build writes, and who writes it: one writer per path, every path inside the output,
and each file written only when what it is made from changed (issue #14).

In: relative paths from the URL contract (``label_data.urls``), the name of their writer and,
for each file, a key: a digest of exactly what it is made from (a page: its template, the code
and settings, and what it read of the data; a file given as bytes: the bytes). Out: the
absolute path to write (checked), and the record of the build's files, from which the sitemap
is made and which the next build reads. A path that escapes the output directory, or that a
second writer claims (an editorial page whose slug is a data page's URL, two plugins), stops the
build with a message naming both writers. One instance per build, in Pelican's context under
``CONTEXT_KEY``.

A file whose key is the one the previous build recorded, and which is still as that build left
it (same size and modification time), is not written again: the staging directory gets a hard
link to the previous site's file, so the swap leaves that very file in place, untouched. A hard
link is safe because nothing ever writes into a kept path (one path, one writer), and the
previous site is only ever removed, never written, once the next one is in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from label_data.problems import DataError, Location, Problems, display_path
from label_infra.atomic import write_atomic
from label_infra.cache import copy_file
from label_infra.digests import file_digest

from .reuse import record_path

CONTEXT_KEY = "label_files"
CONTENT_PREFIX = "content:"  # a writer that is an editorial file: the problem goes to its line


class SiteFileError(ValueError):
    """A write the URL contract forbids (a bug of ours, not of the data)."""


class PreviousSite:
    """The site in place and the record its build left: each file's key, size, mtime."""

    def __init__(self, root: Path, files: dict[str, list], deps: dict[str, list]):
        self.root = root
        self.files = files
        self.deps = deps

    def reads(self, relative: str) -> list | None:
        """What the previous build recorded that the file depended on (pages: their reads)."""
        return self.deps.get(relative)

    def intact(self, relative: str, key: str) -> Path | None:
        """The previous site's file if it has ``key`` and is as its build left it."""
        entry = self.files.get(relative)
        if entry is None or entry[0] != key:
            return None
        source = self.root / relative
        try:
            stat = os.stat(source, follow_symlinks=False)
        except OSError:
            return None
        # Changed by hand since (another size or modification time): made again.
        return source if [stat.st_size, stat.st_mtime_ns] == entry[1:3] else None


class SiteFiles:
    def __init__(self, output: Path, previous: PreviousSite | None = None):
        self.root = Path(output).resolve()
        self.writers: dict[str, str] = {}
        self.keys: dict[str, str] = {}  # the key of every file whose key is known
        self.deps: dict[str, list] = {}  # what a file depended on, for the next build
        self.previous = previous
        self.kept: set[str] = set()  # files of the previous site, linked in place
        self._dirs: set[str] = set()  # directories known to exist (one mkdir each)

    def claim(self, relative: str, writer: str) -> Path:
        """The absolute path of ``relative``, recorded as ``writer``'s."""
        # Pure path arithmetic, no file-system call: this runs for every file of the site, and
        # the staging directory holds no link of ours that could lead elsewhere.
        key = _key(relative)
        if key.startswith(("/", "../")) or key in (".", ".."):
            raise SiteFileError(
                f"{writer} écrirait {relative!r} hors du dossier du site ({self.root})"
            )
        previous = self.writers.setdefault(key, writer)
        if previous != writer:
            _collision(key, previous, writer)
        return self.root / key

    def keep(self, relative: str, writer: str, key: str, deps: list | None = None) -> bool:
        """Claim ``relative`` and, if the previous site has it with ``key``, keep that file
        (True). False: the caller writes it, then calls ``made``."""
        path = self.claim(relative, writer)
        name = _key(relative)
        source = self.previous.intact(name, key) if self.previous is not None else None
        if source is None:
            return False
        try:
            os.link(source, self.ready(path))
        except OSError:  # another file system, no hard links: written again
            return False
        self.made(name, key, deps)
        self.kept.add(name)
        return True

    def ready(self, path: Path) -> Path:
        """``path``, its directory created (once per build: 38,000 files at national scale)."""
        parent = os.path.dirname(path)
        if parent not in self._dirs:
            os.makedirs(parent, exist_ok=True)
            self._dirs.add(parent)
        return path

    def made(self, relative: str, key: str, deps: list | None = None) -> None:
        """Record the key of a file written (or kept) under ``relative``."""
        name = _key(relative)
        self.keys[name] = key
        if deps is not None:
            self.deps[name] = deps

    def write(self, relative: str, data: bytes | str, writer: str) -> Path:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        key = hashlib.sha256(raw).hexdigest()  # what file_digest gives of the file
        path = self.claim(relative, writer)
        if not self.keep(relative, writer, key):
            self.ready(path).write_bytes(raw)
            self.made(relative, key)
        return path

    def copy(self, relative: str, source: Path, writer: str, key: str) -> Path:
        """A file made elsewhere (the cache): kept if unchanged, else copied (never linked to
        the cache, see ``label_infra.cache.copy_file``)."""
        path = self.claim(relative, writer)
        if not self.keep(relative, writer, key):
            copy_file(source, self.ready(path))
            self.made(relative, key)
        return path

    def adopt(self, relative: str, source: Path, writer: str) -> None:
        """A file another program wrote outside the site (Pagefind): kept from the previous
        site if it has the same bytes, else moved in."""
        key = file_digest(source)
        path = self.claim(relative, writer)
        if self.keep(relative, writer, key):
            os.unlink(source)
        else:
            os.replace(source, self.ready(path))
            self.made(relative, key)

    def settle(self) -> None:
        """Give every file written without a key (Pelican's pages and copies) its content key;
        one that equals the previous site's file is replaced by that file, so that it stays
        untouched too."""
        for name in sorted(set(self.writers) - set(self.keys)):
            path = self.root / name
            if not path.is_file():
                continue
            key = file_digest(path)
            self.made(name, key)
            source = self.previous.intact(name, key) if self.previous is not None else None
            if source is not None:
                spare = path.with_name(path.name + ".precedent")
                os.link(source, spare)
                os.replace(spare, path)
                self.kept.add(name)

    def written(self) -> list[Path]:
        """The files this build wrote (not kept from the previous site)."""
        return [self.root / name for name in self.writers if name not in self.kept]

    def record(self) -> dict:
        """What the next build needs: every file's key, size and mtime, and dependencies."""
        files = {}
        for name, key in self.keys.items():
            try:
                stat = os.stat(self.root / name, follow_symlinks=False)
            except FileNotFoundError:
                continue
            files[name] = [key, stat.st_size, stat.st_mtime_ns]
        return {"files": files, "deps": self.deps}

    def unrecorded(self) -> list[str]:
        """Files in the output that no writer declared (each one is a bug of ours)."""
        return sorted(name for name in tree_files(self.root) if name not in self.writers)

    def page_urls(self) -> list[str]:
        """The URL of every HTML page written (``x/index.html`` → ``x/``), sorted."""
        return sorted(key.removesuffix("index.html") for key in self.writers if _is_page(key))


def tree_files(root: Path) -> list[str]:
    """Every file under ``root``, relative, with ``/`` (``os.walk``: pathlib's ``rglob`` costs
    seconds over the 38,000 files of a national site)."""
    found = []
    for folder, _dirs, names in os.walk(root):
        base = os.path.relpath(folder, root)
        for name in names:
            found.append(name if base == "." else f"{base}/{name}")
    return found


def _key(relative: str) -> str:
    return posixpath.normpath(relative) if relative else "."


RECORD_DIR = "site"  # in CACHEDIR: one record per output directory


def _record_path(cache_dir: str, output: Path) -> Path:
    return record_path(cache_dir, output, RECORD_DIR)


def previous_site(cache_dir: str | None, output: Path) -> PreviousSite | None:
    """The record the last build into ``output`` left, if any (and readable)."""
    if not cache_dir or not Path(output).is_dir():
        return None
    try:
        record = json.loads(_record_path(cache_dir, output).read_text(encoding="utf-8"))
        if record["output"] != str(Path(output).resolve()):
            return None
        files, deps = record["files"], record["deps"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(files, dict) or not isinstance(deps, dict):
        return None
    return PreviousSite(Path(output).resolve(), files, deps)


def remember_site(cache_dir: str | None, output: Path, record: dict) -> None:
    """Keep the record of the site now in ``output`` for the next build."""
    if not cache_dir:
        return
    text = json.dumps({"output": str(Path(output).resolve()), **record})
    write_atomic(_record_path(cache_dir, output), text)


def _is_page(key: str) -> bool:
    return key == "index.html" or key.endswith("/index.html")


def _collision(key: str, first: str, second: str) -> None:
    message = (
        f"/{key} aurait deux auteurs : {_name(first)} et {_name(second)}. Une adresse du site "
        "n’a qu’un fichier : changez le « Slug » (ou le nom) de la page éditoriale."
    )
    for writer in (first, second):
        if writer.startswith(CONTENT_PREFIX):
            problems = Problems()
            problems.error(
                Location(display_path(writer.removeprefix(CONTENT_PREFIX)), 1, 1), message
            )
            raise DataError(problems)
    raise SiteFileError(message)


def _name(writer: str) -> str:
    if writer.startswith(CONTENT_PREFIX):
        return display_path(writer.removeprefix(CONTENT_PREFIX))
    return writer


def files_in(context: Mapping[str, Any]) -> SiteFiles:
    return context[CONTEXT_KEY]
