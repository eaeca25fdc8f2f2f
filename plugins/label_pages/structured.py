"""Structured data (schema.org JSON-LD) of the collectivity and palmarès pages.

In: the published view's collectivities and editions, with the absolute URLs of their pages.
Out: plain dicts, serialised by ``machine.jsonld`` into ``<script type="application/ld+json">``.
Only schema.org types and properties that the type carries are used (the tests check them
against ``tests/schema_org.yaml``): a collectivity is a ``GovernmentOrganization`` (the type
that can receive an ``award``) serving a place (``areaServed``: a ``City`` for a commune, an
``AdministrativeArea`` for an intercommunality), a palmarès an ``ItemList`` whose ceremony is an
``Event`` about it (``subjectOf``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .fmt import label_title, level_short

if TYPE_CHECKING:
    from label_data.view import PublicEdition, PublicTerritory

    from .pagedata import Row

CONTEXT = "https://schema.org"
ORGANIZER = {
    "@type": "Organization",
    "name": "Villes Internet",
    "url": "https://www.villes-internet.net/",
}

Absolute = Callable[[str], str]  # a site URL (``territoires/x-1/``) -> its absolute URL


def territory(absolute: Absolute, t: PublicTerritory, row: Row) -> dict:
    """The collectivity as the organisation that receives the label, serving its place."""
    data = {
        "@context": CONTEXT,
        "@type": "GovernmentOrganization",
        "name": t.nom,
        "url": absolute(t.url),
        "identifier": t.code,
        "areaServed": _place(absolute, t, row),
    }
    if t.site:
        data["sameAs"] = t.site
    awards = [label_title(t.type, lab.arobases, lab.annee) for lab in t.labels]
    if awards:
        data["award"] = awards
    return data


def _place(absolute: Absolute, t: PublicTerritory, row: Row) -> dict:
    place = {"@type": "AdministrativeArea" if t.type == "territoire" else "City", "name": t.nom}
    if row.dep:
        place["containedInPlace"] = {
            "@type": "AdministrativeArea",
            "name": row.dep.nom,
            "url": absolute(row.dep.url),
        }
    if t.position:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": t.position.lat,
            "longitude": t.position.lon,
        }
    return place


def palmares(absolute: Absolute, edition: PublicEdition, rows: Sequence[Row]) -> dict:
    """The palmarès as a list of its laureates' pages; the ceremony as the event about it."""
    data = {
        "@context": CONTEXT,
        "@type": "ItemList",
        "name": f"Palmarès {edition.annee} du label Territoires, Villes et Villages Internet",
        "url": absolute(edition.url),
        "numberOfItems": len(rows),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": i,
                "url": absolute(r.t.url),
                "name": f"{r.t.nom} — {level_short(r.label.arobases) if r.label else ''}",
            }
            for i, r in enumerate(rows, 1)
        ],
    }
    if edition.ceremonie_date:
        data["subjectOf"] = _ceremony(edition)
    return data


def _ceremony(edition: PublicEdition) -> dict:
    event = {
        "@type": "Event",
        "name": f"Cérémonie du label {edition.annee}",
        "startDate": edition.ceremonie_date.isoformat(),
        "organizer": ORGANIZER,
    }
    if edition.ceremonie_lieu:
        event["location"] = {"@type": "Place", "name": edition.ceremonie_lieu}
    return event
