"""The label's editions as an inline SVG chart: one horizontal bar per edition, stacked by level.

In: ``EditionFigures`` rows (label_data.figures), oldest first. Out: an SVG string with a title
and a description; the page shows the same figures in a table next to it.

Bars are horizontal so that the chart keeps a fixed width whatever the number of editions:
it grows downwards, and its text stays as large on a 375 px phone as on a desktop (a vertical
bar chart of 27 editions would shrink its labels to a few pixels). No script, no inline style:
colours come from the site CSS through ``niveau-<n>`` classes, with presentation attributes as
a fallback: the same colours, read from the custom properties ``--n1`` … ``--n5`` of the
theme's ``css/site.css``, their one home (``level_colours``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from jinja2 import pass_context
from label_data.figures import EditionFigures
from markupsafe import Markup

from .assets import theme_static
from .fmt import level_short, number_fr, plural

WIDTH = 360  # viewBox width; the page draws it at most 640 px wide
LEFT = 44  # room for the year
RIGHT = 34  # room for the total
ROW = 26
BAR = 18
TOP = 26  # the axis labels above the bars
# A level's colour in the site CSS: ``--n5: #5b1a8c;`` in ``:root``.
LEVEL_COLOUR = re.compile(r"--n([1-5])\s*:\s*(#[0-9A-Fa-f]{3,8})\s*;")


@lru_cache(maxsize=4)
def level_colours(site_css: Path) -> dict[int, str]:
    """The levels' colours (1 to 5) as the theme's site CSS declares them, for a reader of
    the chart without the stylesheet."""
    colours = {int(n): c for n, c in LEVEL_COLOUR.findall(site_css.read_text(encoding="utf-8"))}
    if sorted(colours) != [1, 2, 3, 4, 5]:
        raise ValueError(f"label_pages: {site_css} does not declare --n1 … --n5")
    return colours


@pass_context
def editions_chart(context, rows: Sequence[EditionFigures]) -> Markup:
    """The Jinja global ``editions_chart(rows)``: the chart in the colours of the page's theme
    (the settings' ``THEME``)."""
    return Markup(editions_svg(rows, level_colours(theme_static(context) / "css" / "site.css")))


def _describe(rows: Sequence[EditionFigures]) -> str:
    parts = []
    for row in rows:
        levels = ", ".join(f"{c} à {level_short(n)}" for n, c in row.level_list if c)
        total = plural(row.total, "collectivité labellisée", "collectivités labellisées")
        parts.append(f"{row.annee} : {total}" + (f" ({levels})" if levels else ""))
    return " ; ".join(parts) + "."


def _scale(rows: Sequence[EditionFigures]) -> tuple[int, int]:
    """A round maximum for the axis and its step (4 or 5 gridlines)."""
    top = max((r.total for r in rows), default=0) or 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 5:
            return step * -(-top // step), step
    return top, top


def editions_svg(
    rows: Sequence[EditionFigures], colours: Mapping[int, str], id_prefix: str = "graphique"
) -> str:
    """Stacked bars, 5 @ (darkest) at the left, ``colours`` by level (``level_colours``); the
    total written after each bar."""
    height = TOP + ROW * max(len(rows), 1) + 6
    maximum, step = _scale(rows)
    span = WIDTH - LEFT - RIGHT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graphique-editions" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{id_prefix}-titre {id_prefix}-desc">',
        f'<title id="{id_prefix}-titre">Collectivités labellisées par édition et par '
        f"niveau</title>",
        f'<desc id="{id_prefix}-desc">{escape(_describe(rows))}</desc>',
        '<g class="axe" font-size="12" fill="#333" aria-hidden="true">',
    ]
    for value in range(0, maximum + 1, step):
        x = LEFT + span * value / maximum
        parts.append(
            f'<line x1="{x:g}" y1="{TOP - 6}" x2="{x:g}" y2="{height - 4}" '
            f'stroke="#c4c8cc" stroke-width="0.5"/>'
            f'<text x="{x:g}" y="{TOP - 10}" text-anchor="middle">{number_fr(value)}</text>'
        )
    parts.append("</g>")
    parts.append('<g class="barres" aria-hidden="true">')
    for i, row in enumerate(rows):
        y = TOP + i * ROW + (ROW - BAR) / 2
        parts.append(_bar(row, y, span / maximum, colours))
    parts.append("</g></svg>")
    return "".join(parts)


def _bar(row: EditionFigures, y: float, unit: float, colours: Mapping[int, str]) -> str:
    """One edition: its year, its stacked levels and its total."""
    out = [
        f'<text x="{LEFT - 6}" y="{y + BAR - 4:g}" text-anchor="end" font-size="13" '
        f'fill="#333">{row.annee}</text>'
    ]
    x = float(LEFT)
    for n, count in row.level_list:
        if not count:
            continue
        w = count * unit
        out.append(
            f'<rect class="niveau-{n}" x="{x:g}" y="{y:g}" width="{w:.2f}" height="{BAR}" '
            f'fill="{colours[n]}"/>'
        )
        x += w
    out.append(
        f'<text x="{x + 4:g}" y="{y + BAR - 4:g}" font-size="13" fill="#333">'
        f"{number_fr(row.total)}</text>"
    )
    return "".join(out)
