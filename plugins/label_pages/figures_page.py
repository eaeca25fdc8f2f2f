"""The variables of « Le label en chiffres » (/chiffres/), of the A to Z list (/territoires/)
and of the figures shown on a région's or a département's page.

In: the ``SiteIndex`` (published view and its groupings) and, for the régions compared on
/chiffres/, the shipped reference data (every commune with its région). Out: dicts for the
templates ``chiffres.html``, ``territoires.html`` and ``_zone.html``. The figures by edition
come from ``label_data.figures``, the same rows as the open-data file ``donnees/chiffres.csv``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from label_data.figures import LEVELS, by_departement, edition_figures
from label_data.reference import Reference, load_reference
from label_data.typo import apostrophe, collation_key
from label_data.view import PublishedView

from . import maps
from .fmt import NBSP, number_fr
from .pagedata import SiteIndex


def chiffres_vars(index: SiteIndex) -> dict:
    view = index.view
    rows = edition_figures(view)
    year = index.current_year
    counts = by_departement(view, year) if year else {}
    bins = maps.count_bins(counts)
    deps = sorted(view.departements.values(), key=lambda d: d.code)
    # The reference data is part of the code's digest (label_build.reuse): not a read.
    regions = region_figures(index, load_reference())
    return {
        "rows": rows,
        "regions": regions,
        "regions_total": regions_total(regions) if regions else None,
        "previous_year": index.years[-2] if len(index.years) > 1 else None,
        "newest_first": list(reversed(rows)),
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


# --- régions compared (/chiffres/) -----------------------------------------------------------

MINUS = "\u2212"  # a change is signed with the minus sign, not a hyphen


@dataclass(frozen=True)
class RegionFigures:
    """One région in the current edition, and how far the label reaches among its communes."""

    code: str
    nom: str
    url: str | None  # its page, when one of its collectivities has one
    total: int  # labelled collectivities (villes, villages, territoires)
    levels: dict[int, int]  # 1..5 -> how many at that level
    communes: int  # labelled communes (villes and villages): an EPCI is not a commune
    all_communes: int  # every commune of the région in the reference data
    previous: int | None  # labelled in the previous published edition (None: no such edition)

    @property
    def level_list(self) -> list[tuple[int, int]]:
        return [(n, self.levels[n]) for n in reversed(LEVELS)]

    @property
    def change(self) -> str:
        """« +3 », « −1 », « 0 » since the previous edition; empty when there is none."""
        if self.previous is None:
            return ""
        diff = self.total - self.previous
        return f"+{number_fr(diff)}" if diff > 0 else f"{MINUS}{number_fr(-diff)}" if diff else "0"

    @property
    def share(self) -> str:
        """« 2,4 % » of its communes; two decimals under 1 %, where most régions are."""
        return share_fr(self.communes, self.all_communes)

    @property
    def communes_text(self) -> str:
        return f"{number_fr(self.communes)} sur {number_fr(self.all_communes)}"


def share_fr(part: int, whole: int) -> str:
    """A share in French: « 2,4 % », « 0,24 % », « 0 % », « moins de 0,01 % »."""
    if not part or not whole:
        return f"0{NBSP}%"
    rate = 100 * part / whole
    if rate < 0.005:  # would read « 0,00 % », as if there were none
        return f"moins de 0,01{NBSP}%"
    return f"{number_fr(rate, 1 if rate >= 1 else 2)}{NBSP}%"


def _by_region(view: PublishedView, year: int) -> dict[str, list[tuple[int, str]]]:
    """(level, kind) of each laureate of edition ``year``, by région code."""
    out: dict[str, list[tuple[int, str]]] = {}
    for lau in view.editions[year].laureates:
        t = view.territories[lau.territoire]
        if t.region:
            out.setdefault(t.region, []).append((lau.label.arobases, t.type))
    return out


def region_figures(index: SiteIndex, reference: Reference) -> list[RegionFigures]:
    """Every région of the official geography (the two-digit codes: 13 in mainland France,
    5 overseas), whether or not it has a laureate, since « 0 % » is a figure to compare too;
    a collectivité d'outre-mer only when it has one. French alphabetical order. Only the
    published editions are read (the view holds no other), so an embargoed palmarès changes
    nothing here."""
    years = index.years
    if not years:
        return []
    now = _by_region(index.view, years[-1])
    before = _by_region(index.view, years[-2]) if len(years) > 1 else None
    communes = Counter(c.region for c in reference.communes.values())
    codes = {c for c in reference.regions if len(c) == 2} | set(now) | set(before or ())
    rows = []
    for code in codes & set(reference.regions):
        area = index.view.regions.get(code)
        here = now.get(code, [])
        levels = Counter(level for level, _ in here)
        rows.append(
            RegionFigures(
                code=code,
                nom=area.nom if area else apostrophe(reference.regions[code].nom),
                url=area.url if area else None,
                total=len(here),
                levels={n: levels.get(n, 0) for n in LEVELS},
                communes=sum(1 for _, kind in here if kind != "territoire"),
                all_communes=communes.get(code, 0),
                previous=None if before is None else len(before.get(code, [])),
            )
        )
    return sorted(rows, key=lambda r: collation_key(r.nom))


def regions_total(rows: list[RegionFigures]) -> RegionFigures:
    """The sum of the régions listed, for the table's last line."""
    previous = [r.previous for r in rows if r.previous is not None]
    return RegionFigures(
        code="",
        nom="Ensemble",
        url=None,
        total=sum(r.total for r in rows),
        levels={n: sum(r.levels[n] for r in rows) for n in LEVELS},
        communes=sum(r.communes for r in rows),
        all_communes=sum(r.all_communes for r in rows),
        previous=sum(previous) if len(previous) == len(rows) else None,
    )
