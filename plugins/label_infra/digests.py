"""Content digests: what every cache key and record is made of (never a file's date)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


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
