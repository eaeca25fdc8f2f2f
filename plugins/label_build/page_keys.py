"""The key of a rendered page: what it is made from, known before rendering it (issue #14).

In: the build's settings (the digest of the code, theme, content and settings files that the
driver put under ``SOURCES_KEY``, and the settings themselves), the view's global facts, the
data sources a page may read (``label_data.reads``), and a page's template and recorded reads.
Out: ``PageKeys.key(template, reads)``, a digest that changes whenever anything the page read
changed. A page whose previous reads give today the key it had is the same page: it is kept
(``SiteFiles.keep``) rather than rendered. The digest of each read is computed once per build.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from typing import Any

from label_data import reads
from label_infra.digests import digest

SOURCES_KEY = "LABEL_SOURCES_DIGEST"
# Settings that name this build's instant, folders or objects, or what it does after the
# site is written (prepare kits for later, verify): not what a page shows. The instant reaches
# pages only through which editions are published (the view's reads); the data only through
# the view.
_NOT_SHOWN = {
    "LABEL_NOW",
    "LABEL_DATA",
    "LABEL_CACHE",
    "LABEL_SCHEDULE",
    "LABEL_KITS_AHEAD",
    "LABEL_VERIFY",
    "OUTPUT_PATH",
    SOURCES_KEY,
}


def stable_repr(value: Any) -> str:
    """A repr that is the same in every process: sorted sets and dicts, functions by name."""
    if isinstance(value, dict):
        items = sorted((stable_repr(k), stable_repr(v)) for k, v in value.items())
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(stable_repr(v) for v in value) + "]"
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(stable_repr(v) for v in value)) + "}"
    if isinstance(value, str | int | float | bool | dt.date | type(None)):
        return repr(value)
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '?')}"
    text = repr(value)
    return type(value).__qualname__ if " at 0x" in text else text


def shared_digest(settings: Mapping[str, Any], view_facts: Iterable[Any]) -> str:
    """What every page reads: the sources, the settings (upper-case keys, as Pelican's), and
    the view's global facts (demo, preview, editions shown early)."""
    shown = {k: v for k, v in settings.items() if k.isupper() and k not in _NOT_SHOWN}
    return digest([settings.get(SOURCES_KEY), stable_repr(shown), *map(stable_repr, view_facts)])


class PageKeys:
    def __init__(self, shared: str, sources: Mapping[str, dict]):
        self.shared = shared
        self.sources = sources
        self._digests: dict[reads.Read, str] = {}

    def _digest(self, read: reads.Read) -> str:
        known = self._digests.get(read)
        if known is None:
            try:
                known = reads.digest_of(self.sources, read)
            except ValueError:  # no stable digest: a value that never compares equal
                known = os.urandom(16).hex()
            self._digests[read] = known
        return known

    def key(self, template: str, page_reads: Iterable[reads.Read]) -> str:
        parts = [f"{name}\0{key!r}\0{self._digest((name, key))}" for name, key in page_reads]
        return digest([self.shared, template, *sorted(parts)])

    def previous_key(self, template: str, recorded: list | None) -> str | None:
        """The key today of a page rendered before with ``recorded`` reads (from the JSON
        record: lists, turned back into reads), or None when nothing was recorded."""
        if recorded is None:
            return None
        return self.key(template, [(name, key) for name, key in recorded])


def serialisable(page_reads: Iterable[reads.Read]) -> list:
    """The reads as the record keeps them (JSON), in a stable order."""
    return sorted(([name, key] for name, key in page_reads), key=repr)
