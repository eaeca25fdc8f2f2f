"""A content-addressed cache for generated files (panels, kit documents, images).

In: a namespace, the parts that fully determine a file (data, charter, font and renderer
version), and a function that makes the file's bytes. Out: the bytes, made once and kept under
``CACHEDIR/<namespace>/<hash>``. The key is a hash of contents, never of file dates, so a fresh
clone (CI, Netlify) reuses a restored cache and deleting the cache changes no output byte.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from .atomic import write_atomic

_FICLONE = 0x40049409  # ioctl: share the extents (copy-on-write), never the inode


class FileCache:
    """Bytes on disk keyed by a content hash; safe for several processes at once."""

    def __init__(self, root: Path | str | None, namespace: str):
        self.directory = Path(root) / namespace if root else None

    def holds(self, key: str) -> bool:
        """Whether the file of ``key`` is made already (nothing is made to answer)."""
        return self.directory is not None and (self.directory / key[:2] / key).is_file()

    def get_or_make(self, key: str, make: Callable[[], bytes]) -> bytes:
        if self.directory is None:
            return make()
        path = self.directory / key[:2] / key
        try:
            return path.read_bytes()
        except FileNotFoundError:
            pass
        data = make()
        self._store(path, data)
        return data

    def file_or_bytes(self, key: str, make: Callable[[], bytes]) -> Path | bytes:
        """The cached file's path (made if missing), so a caller can link it rather than copy
        its bytes around; the bytes themselves when there is no cache directory."""
        if self.directory is None:
            return make()
        path = self.directory / key[:2] / key
        if not path.is_file():
            self._store(path, make())
        return path

    def _store(self, path: Path, data: bytes) -> None:
        # Write then rename: a reader never sees half a file, even with two workers.
        write_atomic(path, data)


def copy_tree(source: Path, target: Path) -> None:
    """Recreate ``source`` at ``target``, every file its own copy (see ``copy_file``)."""
    for root, _dirs, names in os.walk(source):
        rel = Path(root).relative_to(source)
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in names:
            copy_file(Path(root) / name, target / rel / name)


def copy_file(source: Path, target: Path) -> None:
    """A copy that shares no inode with the cache: a hard link would let an edit of the
    published file change the cache (and the next builds), and would carry the cache's mode.
    On a copy-on-write file system (Btrfs, XFS) a reflink costs no space or time; elsewhere the
    bytes are copied by the kernel (``sendfile``)."""
    with open(source, "rb") as src, open(target, "wb") as dst:
        try:
            fcntl.ioctl(dst.fileno(), _FICLONE, src.fileno())
            cloned = True
        except OSError:  # ext4, tmpfs, another file system: no reflink
            cloned = False
    if not cloned:
        shutil.copyfile(source, target)
    os.chmod(target, 0o644)
