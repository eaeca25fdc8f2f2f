"""Whole files or nothing: a reader (another worker, the next build, the web server) never sees
half a file, even when the writer is killed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path | str, data: bytes | str, *, mode: int = 0o644) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file renamed over it;
    the folders are made. ``mode``: mkstemp makes files 0600, outputs are readable by all."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
