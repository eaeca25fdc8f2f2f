"""Markdown written by communes → safe HTML.

Rendered with Python-Markdown, then cleaned by nh3 (the Rust ammonia sanitiser): harmless
formatting survives, links keep only http(s) and mailto, everything else (scripts, styles,
event handlers, iframes, images from elsewhere) is removed.

``sanitize_all`` does the same for many texts at once: results kept between builds in
``CACHEDIR/markdown/`` (keyed by a hash of each source text, the allow-lists and the library
versions), and what is missing computed on every core. A national build has 16,000
descriptions: Markdown is parsed once per distinct text, not once per build.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import markdown
import nh3
from label_infra.atomic import write_atomic
from label_infra.code import code_digest
from label_infra.parallel import ordered_map

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "abbr",
    "sup",
    "sub",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}

_markdown = markdown.Markdown(extensions=["sane_lists"], output_format="html")


def markdown_to_safe_html(text: str) -> str:
    _markdown.reset()
    html = _markdown.convert(text or "")
    # Headings written by communes sit under the page's own h2: shift them down.
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener ugc",
    )


# Anything that changes the HTML of a given text changes this, and so every key.
_VERSION = code_digest(__name__)[:16]
_CHUNK = 500  # texts per task: large enough that forking and pickling stay negligible


def _text_key(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _sanitize_chunk(texts: list[str]) -> list[str]:
    return [markdown_to_safe_html(t) for t in texts]


def sanitize_all(texts: list[str], cache_dir: str | Path | None = None) -> list[str]:
    """``[markdown_to_safe_html(t) for t in texts]``, cached in ``cache_dir`` and parallel.

    The cache is one JSON object holding exactly the texts of this build (older entries
    dropped), rewritten only when it changed. JSON, never pickle: the cache directory is
    restored from elsewhere (Netlify's cache, a colleague's copy), and loading a pickle runs
    whatever code it names."""
    path = Path(cache_dir) / "markdown" / f"{_VERSION}.json" if cache_dir else None
    known = _load(path) if path is not None else {}
    keys = [_text_key(t or "") for t in texts]
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    if missing:
        by_key = dict(zip(keys, texts, strict=True))
        todo = [by_key[k] or "" for k in missing]
        chunks = [todo[i : i + _CHUNK] for i in range(0, len(todo), _CHUNK)]
        done = [
            html for chunk in ordered_map(_sanitize_chunk, chunks, chunksize=1) for html in chunk
        ]
        known.update(zip(missing, done, strict=True))
    used = {k: known[k] for k in keys}
    if path is not None and (missing or len(used) != len(known)):
        _save(path, used)
    return [used[k] for k in keys]


def _load(path: Path) -> dict[str, str]:
    """The cached HTML by text key; anything unreadable or of the wrong shape is ignored (the
    texts are then sanitised again): the cache is data, never trusted beyond its shape."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(v, str)}


def _save(path: Path, entries: dict[str, str]) -> None:
    # A build killed halfway leaves the previous cache, never half of one.
    write_atomic(path, json.dumps(entries, ensure_ascii=False, separators=(",", ":")))
