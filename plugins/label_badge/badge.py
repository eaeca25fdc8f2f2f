"""The badge a labelled collectivity shows on its own site: a small, accessible SVG.

In: a ``PublicTerritory`` with a current label (published view only) and the panel charter
(font and colours, R11). Out: ``badge_svg`` bytes, 240 × 80, with ``role="img"``, an
``aria-label`` and a ``<title>`` (« Ville Internet, 4 arobases, 2026 »); text drawn as paths
from the charter's font, so no font is fetched and nothing differs between browsers; no script,
no external reference. ``snippet`` gives the HTML a commune pastes: the badge linked back to its
page, no tracker, no script.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from label_data import urls
from label_data.view import Label, PublicTerritory
from label_data.words import kind_title
from label_panels.charter import Charter, load_charter
from label_panels.fonts import font_info
from label_panels.render_svg import glyph_path

WIDTH, HEIGHT = 240, 80
MAX_LEVEL = 5


def badge_url(territory: PublicTerritory) -> str:
    """Relative URL of the badge (contract: /territoires/<slug>-<code>/badge.svg)."""
    return urls.badge(territory.url)


def badge_shown(territory: PublicTerritory) -> Label | None:
    """The label the badge shows: the current one, else the last one with its year (R11), so
    that a badge once published keeps answering on the collectivity's own site."""
    if territory.current is not None:
        return territory.current.label
    return territory.labels[-1] if territory.labels else None


def badge_label(territory: PublicTerritory) -> str:
    """« Ville Internet, 4 arobases, 2026 »; the green @ is said too (R8)."""
    label = badge_shown(territory)
    words = "arobase" if label.arobases == 1 else "arobases"
    green = " dont une verte" if label.verte else ""
    return f"{kind_title(territory.type)}, {label.arobases} {words}{green}, {label.annee}"


def _advance(font_path: Path, char: str, size: float) -> float:
    info = font_info(font_path)
    return info.advance(char) * size / info.units_per_em


def _run(
    font_path: Path, text: str, size: float, x: float, baseline: float, tracking: float = 0.0
) -> str:
    """A line of text as one path's data, glyph by glyph from the font's advances."""
    parts = []
    for char in text:
        if not char.isspace():
            parts.append(glyph_path(font_path, char, size, round(x, 2), baseline))
        x += _advance(font_path, char, size) + tracking
    return "".join(parts)


def _width(font_path: Path, text: str, size: float, tracking: float = 0.0) -> float:
    return sum(_advance(font_path, c, size) for c in text) + tracking * (len(text) - 1)


def badge_svg(territory: PublicTerritory, charter: Charter | None = None) -> bytes:
    """The badge of a collectivity ever labelled."""
    label = badge_shown(territory)
    if label is None:
        raise ValueError(f"{territory.code} was never labelled: no badge")
    charter = charter or load_charter()
    bold = charter.fonts["gras"]
    text = badge_label(territory)
    title = kind_title(territory.type).upper()
    # The title shrinks to fit the longest kind (« TERRITOIRE INTERNET ») inside the frame.
    title_size = min(15.0, (WIDTH - 28) / _width(bold, title, 1.0, 0.0))
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label={quoteattr(text)}>',
        f"<title>{escape(text)}</title>",
        f'<rect x="1.5" y="1.5" width="{WIDTH - 3}" height="{HEIGHT - 3}" rx="9" '
        f'fill="{charter.background}" stroke="{charter.frame_color}" stroke-width="3"/>',
        f'<path fill="{charter.title.color}" d="{_run(bold, title, title_size, 14, 26)}"/>',
    ]
    at_size, pitch = 30.0, 27.0
    ink = font_info(bold).box("@")
    at_left = ink.x_min * at_size / font_info(bold).units_per_em
    for slot in range(MAX_LEVEL):
        if slot >= label.arobases:
            color = charter.empty_color
        elif label.verte and slot == label.arobases - 1:  # R8: the last @ earned is green
            color = charter.at_green_color
        else:
            color = charter.at_color
        x = 12 + slot * pitch - at_left
        parts.append(f'<path fill="{color}" d="{_run(bold, "@", at_size, x, 64)}"/>')
    year = str(label.annee)
    year_size = 24.0
    year_x = WIDTH - 14 - _width(bold, year, year_size)
    parts.append(
        f'<path fill="{charter.year.color}" d="{_run(bold, year, year_size, year_x, 63)}"/>'
    )
    parts.append("</svg>\n")
    return "\n".join(parts).encode("utf-8")


def page_badge(territory: PublicTerritory, domain: str) -> dict:
    """What the collectivity's page shows of its badge: the image (its URL from the site's
    root, size and alternative text) and the HTML to paste. Handed to the pages through the
    build's context (``context_keys.BADGE``), so that pages need not import this plugin."""
    return {
        "url": "/" + badge_url(territory),
        "width": WIDTH,
        "height": HEIGHT,
        "alt": badge_label(territory),
        "snippet": snippet(territory, domain),
    }


def snippet(territory: PublicTerritory, domain: str) -> str:
    """The HTML a collectivity pastes on its site: the badge, linked to its page."""
    page = f"{domain}/{territory.url}"
    src = f"{domain}/{badge_url(territory)}"
    return (
        f'<a href={quoteattr(page)}><img src={quoteattr(src)} width="{WIDTH}" '
        f'height="{HEIGHT}" alt={quoteattr(badge_label(territory))}></a>'
    )
