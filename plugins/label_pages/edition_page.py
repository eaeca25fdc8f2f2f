"""What an edition's palmarès page shows: its laureates by level, place, kind and change.

In: the ``SiteIndex`` and one ``PublicEdition``. Out: ``palmares_vars``, the variables of
``palmares.html``: every list it shows, with the movements that reconcile its total with the
previous edition's; its national press kit's link while the edition has kits
(``label_data.offer``), its share image's path (``label_data.urls``).
"""

from __future__ import annotations

from label_data import urls
from label_data.context_keys import KIT_SIZES
from label_data.offer import offered_years
from label_data.typo import NBSP, collation_key, plural
from label_data.view import Label, PublicEdition
from label_data.words import LABEL_NAME

from . import maps, structured
from .pagedata import Row, SiteIndex, level_groups, share_vars


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
        # National press kits exist for the editions that have kits (R12) only.
        "national_kit": "/" + urls.national_kit(edition.annee)
        if edition.annee in offered_years(view)
        else None,
        "kit_sizes": index.context.get(KIT_SIZES, {}),  # label_kits' sizes, a recorded read
        "map_svg": maps.laureates_map(
            rows, f"Carte des lauréats {edition.annee}", cache_dir=index.cache_dir
        ),
        "jsonld": structured.palmares(index.absolute, edition, rows),
        **share_vars(
            urls.palmares_share(edition.annee),
            f"Palmarès {edition.annee} du label «{NBSP}{LABEL_NAME}{NBSP}»{NBSP}: "
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
