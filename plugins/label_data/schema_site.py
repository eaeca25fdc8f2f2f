"""The declarations of the site-wide data files, and the fields several files share.

In: the field types of ``label_data.fieldtypes``. Out: ``SITE`` (``site.yaml``: the association,
the host, the current call for applications), ``REFERENTIEL`` (``referentiel.yaml``: categories,
enjeux, services) and the shared pieces (``POSITION``, ``CONTACT``, the id, name and private
contact fields, ``PUBLIC_CONTACT``) that ``label_data.schema`` and ``schema_actions`` reuse.
Read through ``label_data.schema``, which re-exports every declaration.
"""

from __future__ import annotations

from .fieldtypes import (
    Bool,
    Date,
    Email,
    Field,
    Ident,
    Int,
    ListOf,
    Mapping,
    PositionType,
    Text,
    Url,
)
from .yamlload import TEXT_MAX

# --- shared by several files ------------------------------------------------------------------

POSITION = PositionType()
CONTACT = Mapping(
    "contact",
    [
        Field("nom", Text(), meaning="the contact person's name", title="Nom"),
        Field("courriel", Text(), meaning="e-mail address", title="Courriel"),
        Field("telephone", Text(), meaning="phone number", title="Téléphone"),
    ],
)
ID_FIELD = Field(
    "id",
    Ident(),
    True,
    meaning="the id (a URL path segment)",
    label="l’id",
    title="Identifiant",
    help="Minuscules sans accents, chiffres et tirets : il fait partie d’une adresse web.",
)
NAME_FIELD = Field("nom", Text(), True, meaning="the name shown", title="Nom")
# Private fields are marked « (privé) » in the web editor by label_admin, from ``private``.
CONTACT_FIELD = Field("contact", CONTACT, private=True, meaning="R13", title="Contact")


# --- site.yaml and referentiel.yaml ----------------------------------------------------------

PUBLIC_CONTACT = Mapping(
    "les coordonnées publiques",
    [
        Field("adresse", Text(), meaning="postal address, one line", title="Adresse postale"),
        Field("courriel", Email(), meaning="e-mail address", title="Courriel"),
        Field("telephone", Text(), meaning="phone number", title="Téléphone"),
        Field("formulaire", Url(), meaning="a contact form's URL", title="Formulaire de contact"),
    ],
)
_ORG_SITE = Field("site", Url(), meaning="its web site", title="Site web")
ASSOCIATION = Mapping(
    "l’association",
    [
        Field("nom", Text(), meaning="its name (default: Villes Internet)", title="Nom"),
        _ORG_SITE,
        Field(
            "contact",
            PUBLIC_CONTACT,
            meaning="published on /contact/ and in the legal notice",
            title="Coordonnées",
            help="Publiées sur la page Contact et dans les mentions légales.",
        ),
        Field("courriel_presse", Email(), meaning="the press contact", title="Courriel presse"),
        Field(
            "directeur_publication",
            Text(),
            meaning="LCEN art. 6: « Prénom Nom, fonction »",
            title="Directeur ou directrice de la publication",
            help="Prénom, nom et fonction, par exemple « Camille Martin, présidente ».",
        ),
        Field(
            "statut",
            Text(),
            meaning="legal status and registration (RNA, SIRET)",
            title="Statut",
            help="Par exemple « Association loi 1901, RNA W751234567 ».",
        ),
    ],
)
HOST = Mapping(
    "l’hébergeur",
    [
        Field("nom", Text(), True, meaning="its name", title="Nom"),
        Field("adresse", Text(), meaning="postal address, one line", title="Adresse postale"),
        Field("telephone", Text(), meaning="phone number (LCEN art. 6)", title="Téléphone"),
        _ORG_SITE,
    ],
)
CALLS = Mapping(
    "les candidatures",
    [
        Field("edition", Int(1999, 2999), meaning="the edition applied for", title="Édition"),
        Field("ouverture", Date(), meaning="applications open", title="Ouverture"),
        Field("cloture", Date(), meaning="questionnaire closes", title="Clôture"),
        Field("adhesion", Url(), meaning="membership page", title="Adhésion (adresse web)"),
        Field("atlaas", Url(), meaning="the Atlaas, where actions are published", title="Atlaas"),
        Field("questionnaire", Url(), meaning="the questionnaire", title="Questionnaire"),
    ],
)
SITE = Mapping(
    "site.yaml",
    [
        Field(
            "demo",
            Bool(),
            meaning="demonstration data: a banner on every page",
            title="Données de démonstration",
            help="Cochée, chaque page porte un bandeau « site de démonstration ».",
        ),
        Field(
            "association",
            ASSOCIATION,
            meaning="the publisher: /contact/, legal notice, footer",
            title="Association",
        ),
        Field(
            "hebergeur",
            HOST,
            meaning="the host named by the legal notice (default: Netlify)",
            title="Hébergeur",
        ),
        Field(
            "candidatures",
            CALLS,
            meaning="the current campaign, on /participer/",
            title="Candidatures",
        ),
    ],
    doc=("`site.yaml`", "`site.yaml`"),
)
CATEGORY = Mapping("la catégorie", [ID_FIELD, NAME_FIELD])
ENJEU = Mapping(
    "l’enjeu",
    [
        ID_FIELD,
        NAME_FIELD,
        Field("question", Text(TEXT_MAX, True), True, meaning="its jury question"),
    ],
)
SERVICE = Mapping(
    "le service",
    [ID_FIELD, NAME_FIELD, Field("enjeu", Text(), True, meaning="the enjeu it belongs to (an id)")],
)
REFERENTIEL = Mapping(
    "le référentiel",
    [
        Field("categories", ListOf(CATEGORY), True, meaning="the four categories (R6)"),
        Field("enjeux", ListOf(ENJEU), True, meaning="the 16 enjeux (R6)"),
        Field("services", ListOf(SERVICE), True, meaning="the services, each under one enjeu"),
    ],
    doc=("`referentiel.yaml`", "`referentiel.yaml`"),
)
