"""The open-data tables, as plain rows computed from the published view.

In: a ``PublishedView`` (embargo applied, private fields absent) and the site's domain. Out:
ordered columns (``Column``: name, Table Schema type, French description) and rows (dicts of
Python values) for each edition's palmarès, for the actions, and GeoJSON features for the
collectivities. Column names follow data.gouv.fr habits (``code_insee``, ``siren``, ``nom``…).
Nothing here writes files: ``files.py`` serialises these rows to CSV and JSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from label_data.figures import edition_figures
from label_data.view import PublicEdition, PublicTerritory, PublishedView


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean, date
    description: str


_PLACE = [
    Column("code_insee", "string", "Code INSEE de la commune (ville ou village), vide sinon"),
    Column("siren", "string", "SIREN de l’intercommunalité (territoire), vide sinon"),
    Column("nom", "string", "Nom de la collectivité"),
    Column("type", "string", "ville, village ou territoire (intercommunalité)"),
    Column("code_departement", "string", "Code du département"),
    Column("departement", "string", "Nom du département"),
    Column("code_region", "string", "Code de la région"),
    Column("region", "string", "Nom de la région"),
]

PALMARES_COLUMNS: tuple[Column, ...] = (
    Column("annee", "integer", "Année de l’édition du label"),
    *_PLACE,
    Column("population", "integer", "Population municipale ou de l’intercommunalité"),
    Column("arobases", "integer", "Niveau du label : de 1 à 5 arobases"),
    Column("arobase_verte", "boolean", "Mention « transition écologique » (arobase verte)"),
    Column("mentions", "string", "Mentions thématiques reçues, séparées par « ; »"),
    Column("excellence", "boolean", "Titre « Territoire d’excellence numérique » décerné"),
    Column("evolution", "string", "nouveau, hausse, baisse, stable ou retour"),
    Column("arobases_precedentes", "integer", "Niveau à l’édition précédente, s’il y a lieu"),
    Column("url", "string", "Page de la collectivité sur le site du label"),
)

ACTIONS_COLUMNS: tuple[Column, ...] = (
    Column("id", "string", "Identifiant de l’action"),
    Column("titre", "string", "Titre de l’action"),
    Column("description", "string", "Description (texte brut)"),
    Column("code_insee", "string", "Code INSEE de la commune porteuse, vide sinon"),
    Column("siren", "string", "SIREN de l’intercommunalité porteuse, vide sinon"),
    Column("nom", "string", "Nom de la collectivité"),
    Column("categorie", "string", "Catégorie de l’action"),
    Column("services", "string", "Services rendus, séparés par « ; »"),
    Column("enjeux", "string", "Enjeux de développement local, séparés par « ; »"),
    Column("porteur", "string", "Nom du porteur de l’action"),
    Column("type_porteur", "string", "collectivite, association, ecole, delegataire, prestataire"),
    Column("date_debut", "date", "Date de début"),
    Column("date_fin", "date", "Date de fin (vide : en cours)"),
    Column("date_mise_a_jour", "date", "Date de la dernière mise à jour"),
    Column("lieux", "string", "Lieux de l’action, séparés par « ; »"),
    Column("latitude", "number", "Latitude WGS84 du premier lieu situé"),
    Column("longitude", "number", "Longitude WGS84 du premier lieu situé"),
    Column("lien", "string", "Lien vers l’action"),
    Column("url", "string", "Page de l’action sur le site du label"),
)

FIGURES_COLUMNS: tuple[Column, ...] = (
    Column("annee", "integer", "Année de l’édition du label"),
    Column("labellisees", "integer", "Collectivités labellisées à cette édition"),
    *(
        Column(f"arobases_{n}", "integer", f"Dont labellisées à {n} arobase{'s' if n > 1 else ''}")
        for n in (5, 4, 3, 2, 1)
    ),
    Column("villes", "integer", "Dont villes"),
    Column("villages", "integer", "Dont villages"),
    Column("territoires", "integer", "Dont territoires (intercommunalités)"),
    Column("mentions", "integer", "Mentions thématiques décernées"),
    Column("titres_excellence", "integer", "Titres « Territoire d’excellence numérique » décernés"),
    Column(
        "titres_en_cours",
        "integer",
        "Collectivités non labellisées qui affichent 5 arobases par un titre reçu avant",
    ),
    Column("premiers_labels", "integer", "Collectivités labellisées pour la première fois"),
    Column("retours", "integer", "Collectivités labellisées de nouveau après une absence"),
    Column("non_relabellisees", "integer", "Labellisées à l’édition précédente, pas à celle-ci"),
)

GEOJSON_PROPERTIES: tuple[Column, ...] = (
    *_PLACE,
    Column("population", "integer", "Population"),
    Column("arobases", "integer", "Niveau du label affichable aujourd’hui (vide : aucun)"),
    Column("annee", "integer", "Année de ce label"),
    Column("arobase_verte", "boolean", "Arobase verte pour ce label"),
    Column("historique", "array", "Labels successifs : annee, arobases, arobase_verte"),
    Column("url", "string", "Page de la collectivité sur le site du label"),
)


def _codes(t: PublicTerritory) -> tuple[str, str]:
    return ("", t.code) if t.type == "territoire" else (t.code, "")


def _place(view: PublishedView, t: PublicTerritory) -> dict:
    code_insee, siren = _codes(t)
    dep = view.departements.get(t.departement or "")
    reg = view.regions.get(t.region or "")
    return {
        "code_insee": code_insee,
        "siren": siren,
        "nom": t.nom,
        "type": t.type,
        "code_departement": t.departement or "",
        "departement": dep.nom if dep else "",
        "code_region": t.region or "",
        "region": reg.nom if reg else "",
    }


def palmares_rows(view: PublishedView, edition: PublicEdition, domain: str) -> list[dict]:
    """One row per laureate, in palmarès order (level down, then name)."""
    rows = []
    for lau in edition.laureates:
        t = view.territories[lau.territoire]
        rows.append(
            {
                "annee": edition.annee,
                **_place(view, t),
                "population": t.population,
                "arobases": lau.label.arobases,
                "arobase_verte": lau.label.verte,
                "mentions": "; ".join(m.nom for m in lau.label.mentions),
                "excellence": lau.label.excellence,
                "evolution": lau.change,
                "arobases_precedentes": lau.previous.arobases if lau.previous else None,
                "url": f"{domain}/{t.url}",
            }
        )
    return rows


def figures_rows(view: PublishedView) -> list[dict]:
    """One row per published edition, oldest first: the figures of /chiffres/."""
    return [
        {
            "annee": r.annee,
            "labellisees": r.total,
            **{f"arobases_{n}": r.levels[n] for n in (5, 4, 3, 2, 1)},
            "villes": r.kinds["ville"],
            "villages": r.kinds["village"],
            "territoires": r.kinds["territoire"],
            "mentions": r.mentions,
            "titres_excellence": r.excellence,
            "titres_en_cours": r.carried,
            "premiers_labels": r.nouveaux,
            "retours": r.retours,
            "non_relabellisees": r.non_relabellises,
        }
        for r in edition_figures(view)
    ]


_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h\d|blockquote|pre)>|<br\s*/?>")


def html_to_text(html: str) -> str:
    """Plain text of the sanitised description: blocks become lines, tags go."""
    text = unescape(_TAG.sub("", _BLOCK_END.sub("\n", html)))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def action_rows(view: PublishedView, domain: str) -> list[dict]:
    """One row per published action, by id."""
    rows = []
    for action_id in sorted(view.actions):
        a = view.actions[action_id]
        t = view.territories[a.territoire]
        code_insee, siren = _codes(t)
        located = next((p.position for p in a.lieux if p.position), None)
        rows.append(
            {
                "id": a.id,
                "titre": a.titre,
                "description": html_to_text(a.description_html),
                "code_insee": code_insee,
                "siren": siren,
                "nom": t.nom,
                "categorie": a.categorie.nom,
                "services": "; ".join(s.nom for s in a.services),
                "enjeux": "; ".join(e.nom for e in a.enjeux),
                "porteur": a.porteur_nom or "",
                "type_porteur": a.porteur_type or "",
                "date_debut": a.debut,
                "date_fin": a.fin,
                "date_mise_a_jour": a.mise_a_jour,
                "lieux": "; ".join(p.nom for p in a.lieux),
                "latitude": located.lat if located else None,
                "longitude": located.lon if located else None,
                "lien": a.lien or "",
                "url": f"{domain}/{a.url}",
            }
        )
    return rows


def territory_features(view: PublishedView, domain: str) -> list[dict]:
    """A GeoJSON Feature (WGS84 [lon, lat]) for every collectivity with a page, by code."""
    features = []
    for code in sorted(view.territories):
        t = view.territories[code]
        current = t.current.label if t.current else None
        properties = {
            **_place(view, t),
            "population": t.population,
            "arobases": current.arobases if current else None,
            "annee": current.annee if current else None,
            "arobase_verte": current.verte if current else None,
            "historique": [
                {"annee": lab.annee, "arobases": lab.arobases, "arobase_verte": lab.verte}
                for lab in t.labels
            ],
            "url": f"{domain}/{t.url}",
        }
        geometry = (
            {"type": "Point", "coordinates": [t.position.lon, t.position.lat]}
            if t.position
            else None
        )
        features.append(
            {"type": "Feature", "id": code, "geometry": geometry, "properties": properties}
        )
    return features
