"""Which pages go to which Pagefind bundle: the collectivities' bundle and the action shards.

In: the written site (``output``) and the published view, which says which files are the
collectivity and action pages (the only ones indexed). Out: the pages of each bundle, each
with the blocks ``documents.py`` adds to it (``members``), or their documents (``bundles``);
and the names of the action bundles the search page merges (``shards_in_use``).
"""

from __future__ import annotations

import zlib
from pathlib import Path

from label_data.view import PublishedView

from .documents import Member, action_block, code_words, document, extra_block

BUNDLE = "pagefind"
# Action bundles, merged by the search page into one index queried after the collectivities'.
# Each bundle costs a phone its own entry, meta and word files at every query (issue #18), and
# one edited action re-indexes its whole bundle (issue #14): two index on both cores. Beyond
# 20,000 actions, one more bundle per 10,000: Pagefind's memory grows with a bundle (0.6 GB at
# 8,000 pages, 1.7 GB at 26,700), and a build must stay under 2 GB at 5,000 collectivities.
ACTION_SHARDS = 2  # at least
PAGES_PER_SHARD = 10_000


def members(output: Path, view: PublishedView) -> dict[str, list[Member]]:
    """The pages of each bundle: collectivities in the primary bundle ``/pagefind/``, the
    small index a search asks first; actions spread over ``ACTION_SHARDS`` bundles by a stable
    hash of their id, indexed on both cores, which the search page merges (``mergeIndex``) into
    a second index asked once the collectivities are shown."""
    out: dict[str, list[Member]] = {BUNDLE: []}
    shards = shard_count(view)
    out.update({shard_name(k): [] for k in range(shards)})
    for t in view.territories.values():
        path = output / t.url / "index.html"
        if path.is_file():
            out[BUNDLE].append(("/" + t.url, path, extra_block(t, view), ""))
    for a in view.actions.values():
        path = output / a.url / "index.html"
        if path.is_file():
            owner = view.territories[a.territoire]
            member = ("/" + a.url, path, action_block(owner, view), code_words(owner))
            out[shard_name(shard_of(a.id, shards))].append(member)
    # Pagefind refuses an empty site: a bundle without pages is not made (small datasets).
    return {name: pages for name, pages in out.items() if pages}


def bundles(output: Path, view: PublishedView) -> dict[str, list[tuple[str, str]]]:
    """The documents of each bundle (see ``members``)."""
    return {name: list(map(document, pages)) for name, pages in members(output, view).items()}


def shard_count(view: PublishedView) -> int:
    """How many action bundles: two, or one per 10,000 actions beyond 20,000."""
    return max(ACTION_SHARDS, -(-len(view.actions) // PAGES_PER_SHARD))


def shard_of(action_id: str, shards: int = ACTION_SHARDS) -> int:
    """The action bundle an action goes to: stable across builds and machines (for as long
    as the number of bundles stays the same)."""
    return zlib.crc32(action_id.encode()) % shards


def shards_in_use(view: PublishedView) -> list[str]:
    """The action bundles that exist, for the search page to merge."""
    shards = shard_count(view)
    return [shard_name(k) for k in sorted({shard_of(a, shards) for a in view.actions})]


def shard_name(k: int) -> str:
    return f"{BUNDLE}-actions-{k}"
