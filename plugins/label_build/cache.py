"""A content-addressed cache for generated files (panels, kit documents, images).

In: a namespace, the parts that fully determine a file (data, charter, font and renderer
version), and a function that makes the file's bytes. Out: the bytes, made once and kept under
``CACHEDIR/<namespace>/<hash>``. The key is a hash of contents, never of file dates, so a fresh
clone (CI, Netlify) reuses a restored cache and deleting the cache changes no output byte.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

_FICLONE = 0x40049409  # ioctl: share the extents (copy-on-write), never the inode


def digest(parts: Iterable[bytes | str | int | float | None]) -> str:
    """A stable hex digest of ordered parts (strings, bytes, numbers)."""
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode()
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class FileCache:
    """Bytes on disk keyed by a content hash; safe for several processes at once."""

    def __init__(self, root: Path | str | None, namespace: str):
        self.directory = Path(root) / namespace if root else None

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
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: a reader never sees half a file, even with two workers.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600: readable like any other output file
        os.replace(tmp, path)


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


def cache_dir_problem(cache: str | None, settings: dict, output: Path) -> str | None:
    """Why ``CACHEDIR`` is refused, in French, or None. The cache holds the kits and panels of
    editions under embargo (R10): inside the output it would be published, and inside
    ``content/`` or ``theme/`` Pelican would copy it into the site."""
    if not cache:
        return None
    where = Path(cache).resolve()
    for label, path in (
        ("le dossier du site construit (OUTPUTDIR)", output),
        ("content/", settings.get("PATH")),
        ("theme/", settings.get("THEME")),
    ):
        if path and where.is_relative_to(Path(path).resolve()):
            return (
                f"CACHEDIR={cache} est dans {label} : le cache contient les kits préparés "
                "sous embargo, qui seraient publiés. Choisissez un dossier hors du site, "
                "par exemple CACHEDIR=.cache"
            )
    return None
