"""Markdown written by communes → safe HTML.

Rendered with Python-Markdown, then cleaned by nh3 (the Rust ammonia sanitiser): harmless
formatting survives, links keep only http(s) and mailto, everything else (scripts, styles,
event handlers, iframes, images from elsewhere) is removed.
"""

from __future__ import annotations

import markdown
import nh3

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
