"""Nothing changed, nothing rebuilt: a build whose inputs are those of the previous build into
the same OUTPUTDIR keeps that site as it is, without even loading the data.

In: every input of a build — the data files, the code, theme, content, reference data and
settings, and which editions are published at « now » (the only way « now » reaches a page).
Out: a record per output folder, ``CACHEDIR/constructions/<digest of its path>.json`` (the
site and its preview, built with one cache, each keep theirs): the digests of the sources and
of the data files, each edition's embargo instant, the editions published, and a manifest of
the site written (every file's path, size and modification time). A later build with the same
sources and data files computes which editions « now » publishes from the recorded instants:
the same ones, and a site in place with the same manifest, mean the site is what it would
write again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from label_infra.atomic import write_atomic
from label_infra.code import libraries_digest

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCES = (
    "content",
    "theme",
    "plugins",
    "reference",
    "assets",
    "pelicanconf.py",
    "publishconf.py",
    "pyproject.toml",
)


def record_path(cache_dir: str | Path, output: Path, kind: str = "constructions") -> Path:
    """Where the last build into ``output`` left its record of ``kind`` (this module's, or the
    site's files: ``label_build.site_files``), one per output folder."""
    name = hashlib.sha256(str(Path(output).resolve()).encode()).hexdigest()[:16]
    return Path(cache_dir) / kind / f"{name}.json"


def _files(path: Path) -> Iterable[Path]:
    if path.is_file():
        yield path
        return
    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            file = Path(root) / name
            # Regular files only: a pipe or a link to a device in DATA would block the read.
            if not name.endswith(".pyc") and file.is_file():
                yield file


def sources_digest(settings_file: str, elsewhere: Iterable[Path] = ()) -> str:
    """Every input of a build but the data: code, theme, content, reference data, settings,
    and the installed libraries the code imports (``label_infra.code``). ``elsewhere``: the
    content and theme folders the settings name, hashed wherever they are (outside the
    repository, or in one of its folders that ``SOURCES`` does not list)."""
    h = hashlib.sha256(libraries_digest().encode())
    folders = [Path(p).resolve() for p in elsewhere if p]
    _hash_files(h, ROOT, [ROOT / s for s in SOURCES] + [Path(settings_file).resolve()])
    for folder in folders:
        _hash_files(h, folder, [folder])
    return h.hexdigest()


def data_digest(data_dir: Path) -> str:
    h = hashlib.sha256()
    _hash_files(h, Path(data_dir).resolve(), [Path(data_dir).resolve()])
    return h.hexdigest()


def passed(instants: dict[str, str], now: dt.datetime) -> list[str]:
    """The keys (an edition, a news item's source) whose ISO instant ``now`` has reached (R10:
    from the instant exactly)."""
    return sorted(k for k, when in instants.items() if now >= dt.datetime.fromisoformat(when))


def published_at(embargoes: dict[str, str], now: dt.datetime, preview: bool) -> list[int]:
    """The editions published at ``now``, from their embargo instants; a preview shows them
    all."""
    return sorted(int(year) for year in (embargoes if preview else passed(embargoes, now)))


def _hash_files(h, base: Path, paths: Iterable[Path]) -> None:
    for top in paths:
        for path in _files(top):
            h.update(
                str(path.relative_to(base) if path.is_relative_to(base) else path).encode() + b"\0"
            )
            h.update(path.read_bytes())


def manifest(output: Path) -> str:
    """A digest of every file's relative path, size and modification time: enough to notice a
    site changed by hand. ``os.scandir``: pathlib costs seconds over a national site."""
    entries, todo = [], [str(output)]
    while todo:
        folder = todo.pop()
        with os.scandir(folder) as found:
            for entry in found:
                if entry.is_dir(follow_symlinks=False):
                    todo.append(entry.path)
                else:
                    stat = entry.stat(follow_symlinks=False)
                    rel = os.path.relpath(entry.path, output)
                    entries.append((rel, stat.st_size, stat.st_mtime_ns))
    return manifest_of(entries)


def manifest_of(entries: Iterable[tuple[str, int, int]]) -> str:
    """The manifest of files given as (relative path, size, modification time)."""
    h = hashlib.sha256()
    for rel, size, mtime in sorted(entries):
        h.update(f"{rel}\0{size}\0{mtime}\n".encode())
    return h.hexdigest()


def unchanged(cache_dir: str | None, output: Path, inputs: dict, now: dt.datetime) -> dict | None:
    """The previous build's record when the site in ``output`` is what this build would write:
    ``inputs`` (sources, data, preview) are the recorded ones, « now » publishes the same
    editions, and nobody changed the site since."""
    if not cache_dir or not output.is_dir():
        return None
    try:
        record = json.loads(record_path(cache_dir, output).read_text(encoding="utf-8"))
        if record.get("output") != str(output.resolve()) or record.get("inputs") != inputs:
            return None
        if published_at(record["embargoes"], now, inputs["preview"]) != record["published"]:
            return None
        if passed(record["contents"], now) != record["contents_passed"]:
            return None  # a news item or page reached its date (or a rehearsal went back)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return record if record.get("manifest") == manifest(output) else None


def remember(
    cache_dir: str | None, output: Path, inputs: dict, facts: dict, files: dict[str, list]
) -> None:
    """``facts``: the embargo instant of every edition in the data (``embargoes``, year → ISO
    instant), the published ones (``published``), the date of every dated news item and page
    (``contents``, source → ISO instant) and those « now » reached (``contents_passed``), and
    the build's counts; ``files``: the
    site's record (``SiteFiles.record``), every file with its size and modification time, from
    which the manifest is made without walking the site."""
    if not cache_dir:
        return
    record = {
        "output": str(output.resolve()),
        "inputs": inputs,
        **facts,
        "manifest": manifest_of((name, size, mtime) for name, (_, size, mtime) in files.items()),
    }
    write_atomic(record_path(cache_dir, output), json.dumps(record, indent=1))
