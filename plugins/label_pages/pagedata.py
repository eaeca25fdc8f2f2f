"""What each page shows, computed once from the published view (no template loops over all).

In: a ``PublishedView`` and the site domain. Out: ``SiteIndex`` (groupings computed once: by
département, région, enjeu; rows of each edition) and one function per page type returning the
variables its template reads. Templates only format: every list they show is prepared here,
so a national build stays linear in the number of pages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from label_badge import badge as badge_svg
from label_data import reads, urls
from label_data.figures import edition_figures
from label_data.reads import Tracked
from label_data.typo import collation_key
from label_data.view import (
    Area,
    CurrentLabel,
    Label,
    PublicAction,
    PublicEdition,
    PublicLaureate,
    PublicTerritory,
    PublishedView,
    tracked_sources,
)
from label_kits.publish import kit_path, kit_years, national_kit_path
from label_kits.share import GENERIC_ALT, GENERIC_PATH, palmares_share_path, territory_share_path
from label_panels.publish import spec_for

from . import maps, photos, structured
from .chart import history_rows, history_svg
from .fmt import NBSP, kind_name, label_title, plural

INDEX, YEARS = "index", "years"  # the recorded read of the published years
PANEL_SIZE = (1200, 800)  # the panels' web PNG (label_panels charter)


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

    @classmethod
    def build(cls, view: PublishedView, domain: str) -> SiteIndex:
        index = cls(view, domain.rstrip("/"), sorted(view.editions))
        by_dep, by_reg = defaultdict(list), defaultdict(list)
        for t in sorted(view.territories.values(), key=lambda t: (t.slug, t.code)):
            if t.departement in view.departements:
                by_dep[t.departement].append(t)
            if t.region in view.regions:
                by_reg[t.region].append(t)
        index.by_dep, index.by_reg = Tracked("by_dep", by_dep), Tracked("by_reg", by_reg)
        return index

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


# --- a collectivity ------------------------------------------------------------------------


def panel_downloads(stem: str) -> list[tuple[str, str]]:
    """The panel's files a page links, each with what it is for (sizes: from the context)."""
    return [
        (f"{stem}.png", "Panneau pour le web (PNG, 1\u00a0200\u00a0pixels)"),
        (f"{stem}.pdf", "Panneau pour l’impression (PDF en CMJN, format réel, fond perdu)"),
        (f"{stem}-traits-de-coupe.pdf", "Le même PDF avec traits de coupe"),
        (f"{stem}.svg", "Panneau vectoriel (SVG)"),
        (f"{stem}-fiche-technique.txt", "Fiche technique pour le fabricant (texte)"),
    ]


def share_vars(path: str, alt: str) -> dict:
    """``og:image`` of a page: a 1200 × 630 image the build writes (label_kits.share)."""
    return {"share_image": "/" + path, "share_alt": alt}


def territory_share(index: SiteIndex, t: PublicTerritory) -> dict:
    own = territory_share_path(index.view, t, kit_years(index.view))
    if own is None:
        return share_vars(GENERIC_PATH, GENERIC_ALT)
    lab = t.current.label
    green = " avec une arobase verte" if lab.verte else ""
    return share_vars(own, f"{t.nom}{NBSP}: {label_title(t.type, lab.arobases, lab.annee)}{green}")


def territory_vars(index: SiteIndex, t: PublicTerritory) -> dict:
    view = index.view
    row = index.current_row(t)
    current: CurrentLabel | None = t.current
    recent = index.years[-2:]
    panel = kit = None
    if current is not None and current.label.annee in recent:
        lab = current.label
        stem = spec_for(t, lab).stem  # the panel's own file name (label_panels)
        panel = {
            "url": "/" + urls.panel(stem, ".png"),
            "downloads": panel_downloads(stem),
            "alt": f"Panneau « {label_title(t.type, lab.arobases, lab.annee)} »"
            + (" avec une arobase verte" if lab.verte else ""),
        }
        # label_kits makes a kit for each laureate of its edition: none for 5 @ carried by the
        # excellence title (R9), which the collectivity did not win that year.
        if not current.carried and lab.annee in kit_years(view):
            kit = "/" + kit_path(lab.annee, t.slug, t.code)
    title_year = max((lab.annee for lab in t.labels if lab.excellence), default=None)
    actions = [view.actions[a] for a in t.actions]
    # The count its press release gives (label_kits): the actions that counted (R7) for the
    # edition of its current label, unless the label is carried by the excellence title.
    jury = None
    if current is not None and not current.carried:
        year = current.label.annee
        jury = {"year": year, "count": sum(1 for a in actions if a.counts_for(year))}
    groups, coverage = _enjeu_groups(view, actions)
    rows = history_rows(index.years, t.labels)
    badge = None
    if current is not None:  # label_badge writes the SVG; the page shows it and its snippet
        badge = {
            "url": "/" + badge_svg.badge_url(t),
            "width": badge_svg.WIDTH,
            "height": badge_svg.HEIGHT,
            "alt": badge_svg.badge_label(t),
            "snippet": badge_svg.snippet(t, index.domain),
        }
    places = [(place, action) for action in actions for place in action.lieux]
    return {
        "photos": panel_photos(t),
        "photo_sizes": photos.SIZES,
        "t": t,
        "row": row,
        "current": current,
        "panel": panel,
        "kit_url": kit,
        "panel_size": PANEL_SIZE,
        "badge": badge,
        "title_year": title_year,
        "epci_page": view.territories.get(t.epci or ""),
        "members": [view.territories[m] for m in t.members],
        "history": rows,
        "history_svg": history_svg(rows, t.nom) if rows else "",
        "actions": actions,
        "jury_actions": jury,
        "groups": groups,
        "coverage": coverage,
        "covered": sum(1 for _, n in coverage if n),
        "places": places,
        "map_svg": maps.places_map(t, places),
        "jsonld": structured.territory(index.absolute, t, row),
        **territory_share(index, t),
    }


def panel_photos(t: PublicTerritory) -> list[photos.Photo]:
    name = f"Panneau « {kind_name(t.type)} Internet »"
    return [photos.photo(t, p, name) for p in t.photos]


def _enjeu_groups(view: PublishedView, actions: list[PublicAction]):
    by_enjeu: dict[str, list[PublicAction]] = {e: [] for e in view.enjeux}
    for action in actions:
        for enjeu in action.enjeux:
            by_enjeu[enjeu.id].append(action)
    groups = [(view.enjeux[e], acts) for e, acts in by_enjeu.items() if acts]
    coverage = [(view.enjeux[e], len(acts)) for e, acts in by_enjeu.items()]
    return groups, coverage


# --- an action -----------------------------------------------------------------------------


def action_vars(index: SiteIndex, action: PublicAction) -> dict:
    t = index.view.territories[action.territoire]
    return {"a": action, "t": t, "row": index.current_row(t)}


# --- an edition ----------------------------------------------------------------------------


def palmares_vars(index: SiteIndex, edition: PublicEdition) -> dict:
    view = index.view
    rows = index.edition_rows(edition)
    prev = view.editions.get(edition.previous) if edition.previous else None
    by_region: dict[str, dict[str, list[Row]]] = {}
    for row in sorted(rows, key=lambda r: (collation_key(r.reg.nom if r.reg else ""), r.t.slug)):
        reg = row.reg.code if row.reg else ""
        dep = row.dep.code if row.dep else ""
        by_region.setdefault(reg, {}).setdefault(dep, []).append(row)
    regions = [
        (view.regions.get(code), [(view.departements.get(d), rs) for d, rs in sorted(deps.items())])
        for code, deps in by_region.items()
    ]
    mentions = [
        (m, [r for r in rows if r.label and m in r.label.mentions]) for m in edition.mentions
    ]
    levels = [
        (n, edition.counts_by_level.get(n, 0), prev.counts_by_level.get(n, 0) if prev else None)
        for n in range(5, 0, -1)
    ]
    kinds = [
        (k, c, prev.counts_by_kind.get(k, 0) if prev else None)
        for k, c in edition.counts_by_kind.items()
    ]
    return {
        "ed": edition,
        "prev": prev,
        "rows": rows,
        "by_level": level_groups(rows),
        "by_region": regions,
        "by_kind": [(k, [r for r in rows if r.t.type == k]) for k in edition.counts_by_kind],
        **_movements(index, edition, rows, prev),
        "mentions": mentions,
        "excellence": [r for r in rows if r.label and r.label.excellence],
        "levels": levels,
        "kinds": kinds,
        "total": len(rows),
        "prev_total": len(prev.laureates) if prev else None,
        # National press kits exist for the editions label_kits covers (the last two) only.
        "national_kit": "/" + national_kit_path(edition.annee)
        if edition.annee in kit_years(index.view)
        else None,
        "map_svg": maps.laureates_map(rows, f"Carte des lauréats {edition.annee}"),
        "jsonld": structured.palmares(index.absolute, edition, rows),
        **share_vars(
            palmares_share_path(edition.annee),
            f"Palmarès {edition.annee} du label «{NBSP}Territoires, Villes et Villages "
            f"Internet{NBSP}»{NBSP}: "
            + plural(len(rows), "collectivité labellisée", "collectivités labellisées"),
        ),
    }


def _movements(
    index: SiteIndex, edition: PublicEdition, rows: list[Row], prev: PublicEdition | None
) -> dict:
    """Who came, came back, rose, fell, stayed and left since the previous edition, and who
    shows 5 @ by an earlier excellence title (R9): the lists that make the totals add up."""
    terr = index.view.territories
    by_change: dict[str, list[Row]] = {}
    for row in rows:
        by_change.setdefault(row.laureate.change if row.laureate else "", []).append(row)
    prev_labels = {lau.territoire: lau.label for lau in prev.laureates} if prev else {}
    gone = [index.row(terr[c], prev_labels.get(c)) for c in edition.not_relabelled]
    carried = [index.row(terr[c], Label(edition.annee, 5)) for c in edition.carried]
    return {
        "nouveaux": by_change.get("nouveau", []),
        "retours": by_change.get("retour", []),
        "hausses": by_change.get("hausse", []),
        "baisses": by_change.get("baisse", []),
        "stables": by_change.get("stable", []),
        "sortants": sorted(gone, key=lambda r: r.t.slug),
        "titres": carried,
    }


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
        "map_svg": maps.area_map(rows, f"Collectivités labellisées : {dep.nom}", [dep.code]),
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
            rows, f"Collectivités labellisées : {reg.nom}", [d.code for d in deps]
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
        **share_vars(GENERIC_PATH, GENERIC_ALT),
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
        map_svg=maps.laureates_map(rows, f"Carte des lauréats {ed.annee}"),
    )
    return out
