"""The panel files the public site offers (R11), cached by content hash.

In: the published view. Out: every file of every panel ``label_data.offer`` says the site
offers (``panel_specs``: which « kind · level · year », the green-@ variants of R8, the 5 @ an
excellence title carries, R9), rendered once per charter and spec, kept in ``CACHEDIR``. Older
levels are drawn on pages, not as files.
"""

from __future__ import annotations

from functools import lru_cache

from label_data.offer import FORMATS, PanelSpec, panel_specs
from label_infra.cache import FileCache
from label_infra.digests import digest

from .render import charter_digest, load_charter, render_all, web_size

# Read here by label_panels.generator and label_kits.generator.
__all__ = ["panel_files", "panel_specs", "panel_web_size"]


@lru_cache(maxsize=1)
def _charter():
    charter = load_charter()
    return charter, charter_digest(charter)


def panel_files(spec: PanelSpec, cache_dir: str | None) -> dict[str, bytes]:
    """Every format of one panel, from the cache when the charter, font and spec are unchanged."""
    charter, charter_key = _charter()
    cache = FileCache(cache_dir, "panneaux")
    names = [spec.stem + suffix for suffix in FORMATS]
    rendered: dict[str, bytes] = {}

    def make(name: str) -> bytes:
        if not rendered:
            rendered.update(render_all(spec, charter))
        return rendered[name]

    return {
        name: cache.get_or_make(digest([charter_key, name]), lambda n=name: make(n))
        for name in names
    }


def panel_web_size() -> tuple[int, int]:
    """The web PNG's size in pixels, from the charter (what pages give as ``width``/``height``)."""
    return web_size(_charter()[0])
