"""What a page read of the published data, recorded while it is rendered (issue #14).

In: the view's mappings (``Tracked``: a dict that knows its name) and ``recording()`` around the
rendering of one page. Out: the set of reads, each ``(mapping name, key)``, or ``(name, KEYS)``
when the page looked at which keys exist (``for year in view.editions``, ``len``, ``max``), or
``(name, ALL)`` when it went through every value. ``digest_of`` turns a read into a digest of
what was read, so that a later build can tell, without rendering the page again, whether
anything it read has changed: same template, same code and settings, same digests of every
read → the same bytes.

Why record rather than declare: a page's list of what it depends on, written by hand next to
its template, is wrong the day someone adds a line to the template. Recorded reads follow the
code as it is. A memo that hides a read (an ``lru_cache`` over view data) would defeat this:
the published view's values are frozen dataclasses read through these mappings, and memos of
this code base hold reference data only (outlines, fonts, the charter), which the code digest
covers.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from label_infra.digests import file_digest

K = TypeVar("K")
V = TypeVar("V")

FILE = "fichier"  # a read of a file's bytes (a photo's size): key = its path
KEYS = "\x00clés"  # which keys exist
ALL = "\x00tout"  # every key and value

Read = tuple[str, Any]
_reads: set[Read] | None = None  # the page being rendered in this process, if any


def _record(name: str, key: Any) -> None:
    if _reads is not None:
        _reads.add((name, key))


class Tracked(dict[K, V]):
    """A dict that records, while a page is rendered, which of its entries the page read.
    Every way Python code reads a dict goes through one of these methods (``{**d}`` and
    ``dict(d)`` too, since ``__iter__`` is overridden)."""

    __slots__ = ("name",)

    def __init__(self, name: str, items: Mapping[K, V] | None = None):
        super().__init__(items or {})
        self.name = name

    def __getitem__(self, key: K) -> V:
        _record(self.name, key)
        return super().__getitem__(key)

    def get(self, key: K, default: Any = None) -> Any:  # type: ignore[override]
        _record(self.name, key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        _record(self.name, key)
        return super().__contains__(key)

    def __iter__(self) -> Iterator[K]:
        _record(self.name, KEYS)
        return super().__iter__()

    def __len__(self) -> int:
        _record(self.name, KEYS)
        return super().__len__()

    def keys(self):  # type: ignore[override]
        _record(self.name, KEYS)
        return super().keys()

    def values(self):  # type: ignore[override]
        _record(self.name, ALL)
        return super().values()

    def items(self):  # type: ignore[override]
        _record(self.name, ALL)
        return super().items()

    def __reduce__(self):  # a copy or a pickle is a plain dict of the same items
        return (dict, (dict(super().items()),))


def record(name: str, key: Any) -> None:
    """Record a read of something that is not a mapping (the index's list of years)."""
    _record(name, key)


@contextlib.contextmanager
def recording() -> Iterator[set[Read]]:
    """Record the reads made inside the block (one page at a time per process)."""
    global _reads
    outer, _reads = _reads, set()
    try:
        yield _reads
    finally:
        _reads = outer


_MISSING = object()


def value_digest(value: Any) -> str:
    """A digest of a value of the published view: its ``repr``, which for the frozen
    dataclasses, tuples, dates and dicts of the view lists every field in a fixed order."""
    text = repr(value)
    if " at 0x" in text:  # an object without a stable repr: never equal, always re-rendered
        raise ValueError(f"no stable digest for {type(value).__name__}")
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def digest_of(sources: Mapping[str, dict], read: Read) -> str:
    """The digest of what ``read`` saw in ``sources`` (name → dict of this build). Read through
    ``dict``'s own methods: computing a digest is not a read of a page."""
    name, key = read
    if name == FILE:
        return _file_digest(key)
    source = sources.get(name)
    if source is None:
        return "source inconnue"
    if key == KEYS:
        return value_digest(list(dict.keys(source)))
    if key == ALL:
        return value_digest(list(dict.items(source)))
    value = dict.get(source, key, _MISSING)
    return "absent" if value is _MISSING else value_digest(value)


def _file_digest(path: str) -> str:
    try:
        return file_digest(Path(path))
    except OSError:
        return "absent"
