"""The history of a collectivity's @ as an inline SVG bar chart (no script, no inline style).

In: the published editions' years and the collectivity's labels. Out: the rows of the history
(one per edition from its first label to the current edition: level or none) and two SVGs: the
axis alone (hidden from screen readers), then the chart with a title and a description; the
page shows the same rows in a table for screen readers.
Colours come from the site CSS through classes; presentation attributes give a readable
fallback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from label_data.view import Label

from .fmt import arobases_words

BAR = 28  # width of one edition's column
HEIGHT = 150
TOP, BOTTOM, LEFT = 12, 26, 30  # LEFT: the axis' own width
STEP = (HEIGHT - TOP - BOTTOM) / 5  # one @
# Drawn at 1.4 px per unit, never shrunk (the page scrolls it in its box on a phone, its axis
# staying in view): its 9-unit labels stay 12.6 px; shrunk to a phone's width, 27 editions
# made them 4 px.
SCALE = 1.4


@dataclass(frozen=True)
class HistoryRow:
    annee: int
    label: Label | None  # None: not labelled that edition


def history_rows(years: Sequence[int], labels: Sequence[Label]) -> list[HistoryRow]:
    if not labels:
        return []
    by_year = {lab.annee: lab for lab in labels}
    first = labels[0].annee
    return [HistoryRow(y, by_year.get(y)) for y in years if y >= first]


def _describe(rows: Sequence[HistoryRow]) -> str:
    parts = []
    for row in rows:
        if row.label is None:
            parts.append(f"{row.annee} : non labellisée")
        else:
            green = ", dont une verte" if row.label.verte else ""
            parts.append(f"{row.annee} : {arobases_words(row.label.arobases)}{green}")
    return " ; ".join(parts) + "."


def history_svg(rows: Sequence[HistoryRow], nom: str, id_prefix: str = "historique") -> str:
    """The axis (its own small SVG, which site.css keeps in view at the left of the scrolling
    box) then the chart: a bar per edition, 0 to 5 @ high; a green top on the bars of labels
    with the green @. The box opens on the latest years (site.css: « Chart »)."""
    return _axis_svg() + _bars_svg(rows, nom, id_prefix)


def _axis_svg() -> str:
    """« 1 @ » to « 5 @ » at the heights of the chart's grid lines, 12.6 px on screen."""
    base = HEIGHT - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="historique-axe" viewBox="0 0 {LEFT} '
        f'{HEIGHT}" width="{round(LEFT * SCALE)}" height="{round(HEIGHT * SCALE)}" '
        'aria-hidden="true" focusable="false">',
        '<g class="axe" font-size="9" fill="#333">',
    ]
    for n in range(1, 6):
        parts.append(
            f'<text x="{LEFT - 4}" y="{base - n * STEP + 3:g}" text-anchor="end">{n}\u00a0@</text>'
        )
    parts.append("</g></svg>")
    return "".join(parts)


def _bars_svg(rows: Sequence[HistoryRow], nom: str, id_prefix: str) -> str:
    width = BAR * max(len(rows), 1) + 6
    base = HEIGHT - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="historique" viewBox="0 0 {width} '
        f'{HEIGHT}" width="{round(width * SCALE)}" height="{round(HEIGHT * SCALE)}" role="img" '
        f'aria-labelledby="{id_prefix}-titre {id_prefix}-desc">',
        f'<title id="{id_prefix}-titre">Historique des arobases de {escape(nom)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(_describe(rows))}</desc>',
        '<g class="grille" stroke="#c4c8cc" stroke-width="0.5" aria-hidden="true">',
    ]
    for n in range(1, 6):
        y = base - n * STEP
        parts.append(f'<line x1="0" y1="{y:g}" x2="{width - 4}" y2="{y:g}"/>')
    parts.append(f'<line x1="0" y1="{base}" x2="{width - 4}" y2="{base}" stroke="#555"/></g>')
    parts.append('<g class="axe" font-size="9" fill="#333" aria-hidden="true">')
    for i, row in enumerate(rows):
        x = i * BAR + BAR / 2
        parts.append(f'<text x="{x:g}" y="{HEIGHT - 10}" text-anchor="middle">{row.annee}</text>')
    parts.append("</g>")
    parts.append('<g class="barres" aria-hidden="true">')
    for i, row in enumerate(rows):
        if row.label is None:
            continue
        level = row.label.arobases
        x = i * BAR + 5
        h = level * STEP
        parts.append(
            f'<rect class="barre niveau-{level}" x="{x}" y="{base - h:g}" '
            f'width="{BAR - 10}" height="{h:g}" fill="#1d5fa0"/>'
        )
        if row.label.verte:
            parts.append(
                f'<rect class="barre-verte" x="{x}" y="{base - h:g}" '
                f'width="{BAR - 10}" height="{STEP / 2:g}" fill="#1b7a3a"/>'
            )
    parts.append("</g></svg>")
    return "".join(parts)
