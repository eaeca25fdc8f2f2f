"""The sitemap: every HTML page the build recorded, whoever wrote it (the web editor's aside)."""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from label_data.urls import ADMIN


def sitemap(domain: str, urls: Iterable[str]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url in sorted(set(u for u in urls if not u.startswith(ADMIN))):
        lines.append(f"<url><loc>{escape(domain.rstrip('/') + '/' + url)}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
