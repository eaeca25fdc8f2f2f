"""The variables of « Le label en chiffres » (/chiffres/), of the A to Z list (/territoires/)
and of the figures shown on a région's or a département's page.

In: the ``SiteIndex`` (published view and its groupings). Out: dicts for the templates
``chiffres.html``, ``territoires.html`` and ``_zone.html``. The figures come from
``label_data.figures``, the same rows as the open-data file ``donnees/chiffres.csv``.
"""

from __future__ import annotations

from label_data.figures import by_departement, edition_figures

from . import maps
from .figures_chart import editions_svg
from .fmt import NBSP, number_fr
from .pagedata import SiteIndex


def chiffres_vars(index: SiteIndex) -> dict:
    view = index.view
    rows = edition_figures(view)
    year = index.current_year
    counts = by_departement(view, year) if year else {}
    bins = maps.count_bins(counts)
    deps = sorted(view.departements.values(), key=lambda d: d.code)
    return {
        "rows": rows,
        "newest_first": list(reversed(rows)),
        "chart_svg": editions_svg(rows) if rows else "",
        "year": year,
        "mentions_names": _mention_names(view),
        "dep_rows": [(d, counts.get(d.code, 0)) for d in deps if counts.get(d.code)],
        "map_svg": maps.departements_map(
            counts,
            f"Collectivités labellisées en {year} par département",
            f"{len(counts)} départements comptent au moins une collectivité labellisée en "
            f"{year} ; leur liste suit la carte.",
        )
        if counts
        else "",
        "legend": [
            (maps.shade_index(k, len(bins)) + 1, _range(lo, hi)) for k, (lo, hi) in enumerate(bins)
        ],
    }


def _range(lo: int, hi: int) -> str:
    return number_fr(lo) if lo == hi else f"{number_fr(lo)} à{NBSP}{number_fr(hi)}"


def _mention_names(view) -> str:
    """The mentions of the current edition, for the column's explanation."""
    ed = view.current_edition
    return ", ".join(m.nom.lower() for m in ed.mentions) if ed else ""


def territoires_vars(index: SiteIndex) -> dict:
    """Every collectivity with a page, A to Z, grouped by initial letter."""
    territories = sorted(index.view.territories.values(), key=lambda t: (t.slug, t.code))
    letters: dict[str, list] = {}
    for t in territories:
        letters.setdefault(t.slug[:1].upper() or "#", []).append(index.current_row(t))
    kinds = {}
    for t in territories:
        kinds[t.type] = kinds.get(t.type, 0) + 1
    return {"letters": list(letters.items()), "total": len(territories), "kinds": kinds}
