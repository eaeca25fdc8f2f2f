"""What each page shows, computed once from the published view (no template loops over all).

In: a ``PublishedView``, the site domain and the build's context (what other plugins hand the
pages: ``label_data.context_keys``). Out: ``SiteIndex`` (groupings computed once: by
département, région, enjeu; rows of each edition) and one function per page type returning the
variables its template reads (a collectivity's in ``territory_page``, an edition's in
``edition_page``). Templates only format: every list they show is prepared here, so a national
build stays linear in the number of pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from label_data import reads, urls
from label_data.figures import edition_figures
from label_data.reads import Tracked
from label_data.typo import collation_key
from label_data.view import (
    Area,
    Label,
    PublicAction,
    PublicEdition,
    PublicLaureate,
    PublicTerritory,
    PublishedView,
    tracked_sources,
)
from label_data.words import GENERIC_SHARE_ALT

from . import maps

INDEX, YEARS = "index", "years"  # the recorded read of the published years


@dataclass(frozen=True)
class Row:
    """One collectivity in a list: its page, where it is, and the label shown there."""

    t: PublicTerritory
    dep: Area | None
    reg: Area | None
    label: Label | None  # the label this list is about (an edition's, or the current one)
    laureate: PublicLaureate | None = None


@dataclass
class SiteIndex:
    """Groupings of the view, computed once. Pages read them through recorded reads (see
    ``sources``), like the view itself, so that a page's key covers them."""

    view: PublishedView
    domain: str
    published_years: list[int] = field(default_factory=list)
    by_dep: dict[str, list[PublicTerritory]] = field(default_factory=dict)
    by_reg: dict[str, list[PublicTerritory]] = field(default_factory=dict)
    # The build's context: what other plugins hand the pages (label_data.context_keys), read
    # when a page is rendered, after every generator built its context.
    context: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(
        cls, view: PublishedView, domain: str, context: Mapping[str, Any] | None = None
    ) -> SiteIndex:
        index = cls(view, domain.rstrip("/"), sorted(view.editions), context=context or {})
        by_dep, by_reg = defaultdict(list), defaultdict(list)
        for t in sorted(view.territories.values(), key=lambda t: (t.slug, t.code)):
            if t.departement in view.departements:
                by_dep[t.departement].append(t)
            if t.region in view.regions:
                by_reg[t.region].append(t)
        index.by_dep, index.by_reg = Tracked("by_dep", by_dep), Tracked("by_reg", by_reg)
        return index

    @property
    def cache_dir(self) -> str | None:
        """The build's cache folder (the maps keep their drawings there): not a page's read,
        as no byte of a page depends on it."""
        return self.context.get("LABEL_CACHE") or None

    @property
    def years(self) -> list[int]:
        reads.record(INDEX, YEARS)
        return self.published_years

    def sources(self) -> dict[str, dict]:
        """Everything a page reads, by the name its reads are recorded under."""
        own = {INDEX: {YEARS: self.published_years}, "by_dep": self.by_dep, "by_reg": self.by_reg}
        return {**tracked_sources(self.view), **own}

    @property
    def current_year(self) -> int | None:
        return self.years[-1] if self.years else None

    def row(
        self, t: PublicTerritory, label: Label | None = None, laureate: PublicLaureate | None = None
    ) -> Row:
        view = self.view
        return Row(
            t,
            view.departements.get(t.departement or ""),
            view.regions.get(t.region or ""),
            label,
            laureate,
        )

    def current_row(self, t: PublicTerritory) -> Row:
        return self.row(t, t.current.label if t.current else None)

    def edition_rows(self, edition: PublicEdition) -> list[Row]:
        terr = self.view.territories
        return [self.row(terr[lau.territoire], lau.label, lau) for lau in edition.laureates]

    def absolute(self, url: str) -> str:
        return f"{self.domain}/{url}"


def counts_by_level(rows: list[Row]) -> dict[int, int]:
    counts = {n: 0 for n in range(5, 0, -1)}
    for row in rows:
        if row.label is not None:
            counts[row.label.arobases] += 1
    return counts


def level_groups(rows: list[Row]) -> list[tuple[int, list[Row]]]:
    return [(n, [r for r in rows if r.label and r.label.arobases == n]) for n in range(5, 0, -1)]


# --- an action -----------------------------------------------------------------------------


def share_vars(path: str, alt: str) -> dict:
    """``og:image`` of a page: a 1200 × 630 image the build writes (label_kits.share)."""
    return {"share_image": "/" + path, "share_alt": alt}


def action_vars(index: SiteIndex, action: PublicAction) -> dict:
    t = index.view.territories[action.territoire]
    return {"a": action, "t": t, "row": index.current_row(t)}


# --- places and stakes ---------------------------------------------------------------------


def area_rows(index: SiteIndex, territories: list[PublicTerritory]) -> list[Row]:
    rows = [index.current_row(t) for t in territories if t.labels]
    return sorted(rows, key=lambda r: (-(r.label.arobases if r.label else 0), r.t.slug))


def area_figures(index: SiteIndex, territories: list[PublicTerritory]) -> list:
    """The area's figures edition by edition, newest first, from its first laureate to the
    current edition: an edition where it had nobody keeps its row of zeros, so that a reader
    sees the gap as a gap. The same computation as /chiffres/ (label_data.figures)."""
    rows = edition_figures(index.view, {t.code for t in territories})
    first = next((i for i, r in enumerate(rows) if r.total or r.carried), len(rows))
    return list(reversed(rows[first:]))


def departement_vars(index: SiteIndex, dep: Area) -> dict:
    rows = area_rows(index, index.by_dep.get(dep.code, []))
    return {
        "figures": area_figures(index, index.by_dep.get(dep.code, [])),
        "area": dep,
        "region": index.view.regions.get(dep.region or ""),
        "rows": rows,
        "counts": counts_by_level(rows),
        "map_svg": maps.area_map(
            rows, f"Collectivités labellisées : {dep.nom}", [dep.code], index.cache_dir
        ),
    }


def region_vars(index: SiteIndex, reg: Area) -> dict:
    view = index.view
    rows = area_rows(index, index.by_reg.get(reg.code, []))
    deps = [d for d in view.departements.values() if d.region == reg.code]
    dep_counts = [(d, len(area_rows(index, index.by_dep.get(d.code, [])))) for d in deps]
    return {
        "figures": area_figures(index, index.by_reg.get(reg.code, [])),
        "area": reg,
        "rows": rows,
        "counts": counts_by_level(rows),
        "deps": dep_counts,
        "map_svg": maps.area_map(
            rows, f"Collectivités labellisées : {reg.nom}", [d.code for d in deps], index.cache_dir
        ),
    }


def departements_index_vars(index: SiteIndex) -> dict:
    view = index.view
    groups = []
    for reg in sorted(view.regions.values(), key=lambda r: collation_key(r.nom)):
        deps = [
            (d, len(area_rows(index, index.by_dep.get(d.code, []))))
            for d in view.departements.values()
            if d.region == reg.code
        ]
        groups.append((reg, deps))
    return {"groups": groups}


def regions_index_vars(index: SiteIndex) -> dict:
    regs = sorted(index.view.regions.values(), key=lambda r: collation_key(r.nom))
    return {"regions": [(r, len(area_rows(index, index.by_reg.get(r.code, [])))) for r in regs]}


def enjeu_vars(index: SiteIndex, enjeu_id: str) -> dict:
    view = index.view
    actions = [view.actions[a] for a in view.actions_by_enjeu.get(enjeu_id, ())]
    actions.sort(key=lambda a: (view.territories[a.territoire].slug, collation_key(a.titre)))
    return {
        "enjeu": view.enjeux[enjeu_id],
        "services": [s for s in view.services.values() if s.enjeu == enjeu_id],
        "items": [(a, view.territories[a.territoire]) for a in actions],
    }


def enjeux_index_vars(index: SiteIndex) -> dict:
    view = index.view
    services: dict[str, int] = defaultdict(int)
    for s in view.services.values():
        services[s.enjeu] += 1
    return {
        "items": [
            (e, len(view.actions_by_enjeu.get(e.id, ())), services[e.id])
            for e in view.enjeux.values()
        ]
    }


NEWS = "news"  # the read of the home page's news list: which articles « now » publishes
HOME_NEWS_COUNT = 3


def news_source(articles: list) -> dict:
    """The home page's news, as its key sees them (their text is the content's digest)."""
    return {"home": [(a.url, a.date.isoformat()) for a in articles[:HOME_NEWS_COUNT]]}


def home_vars(index: SiteIndex, articles: list) -> dict:
    view = index.view
    ed = view.current_edition
    reads.record(NEWS, "home")
    out: dict = {
        "ed": ed,
        "news": list(articles)[:HOME_NEWS_COUNT],
        "rows": [],
        "top": [],
        "mentions": [],
        "levels": [],
        "map_svg": "",
        "total": 0,
        **share_vars(urls.GENERIC_SHARE, GENERIC_SHARE_ALT),
    }
    if ed is None:
        return out
    rows = index.edition_rows(ed)
    out.update(
        rows=rows,
        total=len(rows),
        levels=[(n, ed.counts_by_level.get(n, 0)) for n in range(5, 0, -1)],
        top=[
            r
            for r in rows
            if r.label
            and r.label.arobases == 5
            and r.laureate
            and r.laureate.change in ("nouveau", "hausse", "retour")
        ],
        mentions=[(m, [r for r in rows if r.label and m in r.label.mentions]) for m in ed.mentions],
        map_svg=maps.laureates_map(
            rows, f"Carte des lauréats {ed.annee}", cache_dir=index.cache_dir
        ),
    )
    return out
