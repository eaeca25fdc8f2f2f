"""What a collectivity's page shows: its label, panel, kit, badge, history, actions and map.

In: the ``SiteIndex`` (the view, the domain and the facts other plugins put in the build's
context) and one ``PublicTerritory``. Out: ``territory_vars``, the variables of
``territoire.html``. Which panel files and kit the site offers comes from ``label_data.offer``
and their paths from ``label_data.urls``; what only a feature plugin knows reaches the page
through the context (``label_data.context_keys``): the panels' web size, the badge. So this
module imports no feature plugin.
"""

from __future__ import annotations

from label_data import urls
from label_data.context_keys import BADGE, KIT_SIZES, PANEL_SIZES, PANEL_WEB_SIZE
from label_data.offer import CROP_PDF, PDF, SHEET, SVG, WEB_PNG, kit_label, spec_for
from label_data.rules import shown_years
from label_data.typo import NBSP, number
from label_data.view import CurrentLabel, PublicAction, PublicTerritory, PublishedView
from label_data.words import GENERIC_SHARE_ALT, kind_title, label_title

from . import maps, photos, structured
from .chart import history_rows, history_svg
from .pagedata import SiteIndex, share_vars


def panel_downloads(stem: str, web_width: int) -> list[tuple[str, str]]:
    """The panel's files a page links, each with what it is for (sizes: from the context)."""
    web = f"{number(web_width, narrow=False)}{NBSP}pixels"
    return [
        (stem + WEB_PNG, f"Panneau pour le web (PNG, {web})"),
        (stem + PDF, "Panneau pour l’impression (PDF en CMJN, format réel, fond perdu)"),
        (stem + CROP_PDF, "Le même PDF avec traits de coupe"),
        (stem + SVG, "Panneau vectoriel (SVG)"),
        (stem + SHEET, "Fiche technique pour le fabricant (texte)"),
    ]


def _green(verte: bool) -> str:
    return " avec une arobase verte" if verte else ""


def territory_share(index: SiteIndex, t: PublicTerritory) -> dict:
    """The page's ``og:image``: its kit's social image while the site offers that kit (R12),
    else the generic one."""
    lab = kit_label(index.view, t)
    if lab is None:
        return share_vars(urls.GENERIC_SHARE, GENERIC_SHARE_ALT)
    alt = f"{t.nom}{NBSP}: {label_title(t.type, lab.arobases, lab.annee)}{_green(lab.verte)}"
    return share_vars(urls.territory_share(t.url), alt)


def _panel(index: SiteIndex, t: PublicTerritory) -> dict | None:
    """The panel of its current label, while that label's edition has panel files (R11)
    and label_panels made them (their web size is in the context)."""
    current = t.current
    web_size = index.context.get(PANEL_WEB_SIZE)
    if current is None or web_size is None or current.label.annee not in shown_years(index.years):
        return None
    lab = current.label
    stem = spec_for(t, lab).stem
    return {
        "url": "/" + urls.panel(stem, WEB_PNG),
        "downloads": panel_downloads(stem, web_size[0]),
        "alt": f"Panneau « {label_title(t.type, lab.arobases, lab.annee)} »" + _green(lab.verte),
        "size": web_size,
        # Each file's size by name (label_panels; Tracked: the page records those it shows).
        "sizes": index.context.get(PANEL_SIZES, {}),
    }


def _kit_url(index: SiteIndex, t: PublicTerritory) -> str | None:
    """label_kits makes a kit for each laureate of an offered edition: none for 5 @ carried
    by the excellence title (R9), which the collectivity did not win that year."""
    lab = kit_label(index.view, t)
    return "/" + urls.kit(lab.annee, t.slug, t.code) if lab is not None else None


def _jury(current: CurrentLabel | None, actions: list[PublicAction]) -> dict | None:
    """The count its press release gives (label_kits): the actions that counted (R7) for the
    edition of its current label, unless the label is carried by the excellence title."""
    if current is None or current.carried:
        return None
    year = current.label.annee
    return {"year": year, "count": sum(1 for a in actions if a.counts_for(year))}


def _badge(index: SiteIndex, t: PublicTerritory) -> dict | None:
    """label_badge writes the SVG and says, through the context, what the page shows of it."""
    page_badge = index.context.get(BADGE)
    return page_badge(t, index.domain) if page_badge and t.current is not None else None


def territory_vars(index: SiteIndex, t: PublicTerritory) -> dict:
    view = index.view
    row = index.current_row(t)
    panel = _panel(index, t)
    actions = [view.actions[a] for a in t.actions]
    groups, coverage = _enjeu_groups(view, actions)
    rows = history_rows(index.years, t.labels)
    places = [(place, action) for action in actions for place in action.lieux]
    return {
        "photos": panel_photos(t),
        "photo_sizes": photos.SIZES,
        "t": t,
        "row": row,
        "current": t.current,
        "panel": panel,
        "kit_url": _kit_url(index, t),
        "kit_sizes": index.context.get(KIT_SIZES, {}),  # label_kits' sizes, a recorded read
        "panel_size": panel["size"] if panel else None,
        "badge": _badge(index, t),
        "title_year": max((lab.annee for lab in t.labels if lab.excellence), default=None),
        "epci_page": view.territories.get(t.epci or ""),
        "members": [view.territories[m] for m in t.members],
        "history": rows,
        "history_svg": history_svg(rows, t.nom) if rows else "",
        "actions": actions,
        "jury_actions": _jury(t.current, actions),
        "groups": groups,
        "coverage": coverage,
        "covered": sum(1 for _, n in coverage if n),
        "places": places,
        "map_svg": maps.places_map(t, places, index.cache_dir),
        "jsonld": structured.territory(index.absolute, t, row),
        **territory_share(index, t),
    }


def panel_photos(t: PublicTerritory) -> list[photos.Photo]:
    name = f"Panneau « {kind_title(t.type)} »"
    return [photos.photo(t, p, name) for p in t.photos]


def _enjeu_groups(view: PublishedView, actions: list[PublicAction]) -> tuple[list, list]:
    by_enjeu: dict[str, list[PublicAction]] = {e: [] for e in view.enjeux}
    for action in actions:
        for enjeu in action.enjeux:
            by_enjeu[enjeu.id].append(action)
    groups = [(view.enjeux[e], acts) for e, acts in by_enjeu.items() if acts]
    coverage = [(view.enjeux[e], len(acts)) for e, acts in by_enjeu.items()]
    return groups, coverage
