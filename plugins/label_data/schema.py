"""One declarative schema for every YAML file the project reads (MkDocs' config is the model).

In: nothing but declarations, built from the field types of ``label_data.fieldtypes``. Each
file kind is a ``Mapping`` of ``Field``s: the name is the YAML key, then the field type (Text,
Code, Ident, Int, Date, Instant, Bool, Url, Choice, Ref, ListOf, Mapping…), whether it is
required, whether it is private, and its meaning. Out: the same declaration serves

- the loader (``label_data.load``), which walks YAML nodes with ``FieldType.decode`` and records
  every problem at its file:line:col (``Problems``, one problem type for all);
- the importers (``label_import``), which check the plain values they are about to write with
  ``FieldType.problems``: the same rule and the same message as the checker's;
- the panels' charter (``CHARTER``, read by ``label_panels.charter``: messages name the key
  path, as designers read it) and the kits' texts (``KIT_TEXTS``, ``label_kits.subject``);
- the docs test, which walks ``DOCUMENTED`` (nested fields included) against the references.

The declarations live beside this module, one module a document family: ``schema_site``
(``site.yaml``, ``referentiel.yaml`` and the fields several files share), this module (a
collectivity's file, an edition's palmarès), ``schema_actions`` (a collectivity's actions),
``schema_charter`` (the panels' charter) and ``schema_texts`` (the kits' texts, the content's
front matter). Every declaration is re-exported here: ``label_data.schema`` is the one name
the rest of the code imports.

Rules spanning several fields or files (a code equal to its file name, a mention declared in
its edition, the référentiel's four categories and sixteen enjeux…) stay in the loader and in
``label_data.rules``: a field type only knows its own value.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from .codes import COLLECTIVITY_RE, DEPARTEMENT_RE, REGION_RE, SIREN_RE
from .fieldtypes import (
    Bool,
    Choice,
    Code,
    Date,
    Field,
    FieldType,
    Ident,
    Instant,
    Int,
    ListOf,
    Mapping,
    PhotoFile,
    Record,
    Ref,
    Text,
    Url,
)
from .model import KINDS
from .schema_actions import ACTION, ACTIONS_FILE, CARRIER, PLACE
from .schema_charter import CHARTER, MIN_BLEED
from .schema_site import (
    ASSOCIATION,
    CALLS,
    CATEGORY,
    CONTACT,
    CONTACT_FIELD,
    ENJEU,
    HOST,
    ID_FIELD,
    NAME_FIELD,
    POSITION,
    PUBLIC_CONTACT,
    REFERENTIEL,
    SERVICE,
    SITE,
)
from .schema_texts import KIT_TEXTS, NEWS, PAGE
from .yamlload import TEXT_MAX

__all__ = [
    "ACTION",
    "ACTIONS_FILE",
    "ASSOCIATION",
    "CALLS",
    "CARRIER",
    "CATEGORY",
    "CHARTER",
    "CONTACT",
    "DOCUMENTED",
    "EDITION",
    "ENJEU",
    "HOST",
    "KIT_TEXTS",
    "LAUREATE",
    "MENTION",
    "MIN_BLEED",
    "NEWS",
    "PAGE",
    "PHOTO",
    "PLACE",
    "POSITION",
    "PUBLIC_CONTACT",
    "REFERENTIEL",
    "SERVICE",
    "SITE",
    "TERRITORY",
    "Field",
    "FieldType",
    "Mapping",
    "Record",
    "replace_private",
    "walk",
]


# --- a collectivity's file and an edition's palmarès (docs/DATA_FORMAT.md) -------------------

PHOTO = Mapping(
    "la photo de panneau",
    [
        Field(
            "fichier",
            PhotoFile(),
            True,
            meaning="a JPEG, PNG or WebP file in photos/",
            title="Photo",
            help="JPEG, PNG ou WebP. Le nom du fichier : lettres sans accents, chiffres, "
            "points et tirets (par exemple bordeaux-2026.jpg).",
        ),
        Field("adresse", Text(), meaning="where the panel stands", title="Emplacement"),
        Field("date", Date(), meaning="when the photo was taken", title="Date de la photo"),
        Field(
            "credit",
            Text(),
            True,
            meaning="the photographer or owner",
            title="Crédit",
            help="L’auteur ou le propriétaire de la photo, affiché sous elle.",
        ),
    ],
)
TERRITORY = Mapping(
    "la collectivité",
    [
        Field(
            "code",
            Code(COLLECTIVITY_RE, "code INSEE (33063, 2A004) ou SIREN à 9 chiffres"),
            True,
            meaning="INSEE code or SIREN; equals the file name",
            title="Code",
            help="Code INSEE d’une commune (5 caractères, par exemple 33063 ou 2A004) ou "
            "SIREN d’une intercommunalité (9 chiffres). C’est aussi le nom du fichier.",
        ),
        Field(
            "nom",
            Text(),
            meaning="the name; the official one otherwise",
            title="Nom",
            help="Laissez vide pour le nom officiel.",
        ),
        Field(
            "type",
            Choice(
                KINDS,
                "type « {value} » inconnu : écrivez ville, village ou territoire",
                {"ville": "Ville", "village": "Village", "territoire": "Territoire"},
            ),
            True,
            meaning="R1",
            title="Type",
            help="Ville, village (moins de 3 500 habitants) ou territoire (intercommunalité).",
        ),
        Field(
            "departement",
            Code(DEPARTEMENT_RE, "numéro de département (33, 2A, 974)"),
            meaning="optional; must match the official list",
            title="Département",
            help="Facultatif : le code officiel le donne déjà.",
        ),
        Field(
            "region",
            Code(REGION_RE, "code de région à 2 chiffres (75)"),
            meaning="optional; must match the official list",
            title="Région",
            help="Facultatif : code INSEE de la région, à 2 chiffres.",
        ),
        Field(
            "population",
            Int(),
            meaning="optional; the official figure otherwise",
            title="Population",
            help="Facultatif : le chiffre officiel sinon.",
        ),
        Field(
            "position",
            POSITION,
            meaning="optional; the town hall otherwise",
            title="Position sur la carte",
            help="Facultatif : la mairie sinon.",
        ),
        Field(
            "site",
            Url(),
            meaning="its web site",
            title="Site web",
            help="L’adresse complète, commençant par https://",
        ),
        Field(
            "epci",
            Code(SIREN_RE, "SIREN à 9 chiffres"),
            meaning="the intercommunality it belongs to",
            title="Intercommunalité",
            help="SIREN de l’intercommunalité dont la commune est membre (9 chiffres).",
        ),
        Field(
            "cotisations",
            ListOf(Int(), "une année de cotisation"),
            private=True,
            meaning="R3: years with dues paid",
            title="Cotisations",
            help="Années de cotisation payée.",
        ),
        CONTACT_FIELD,
        Field(
            "accueil",
            PUBLIC_CONTACT,
            meaning="public contact of the town hall or seat, shown on its page (never an agent's)",
            title="Accueil du public",
            help="Publié sur la page de la collectivité : l’accueil de la mairie ou du siège, "
            "jamais les coordonnées d’un agent (elles vont dans « Contact »).",
        ),
        Field(
            "photos_panneaux",
            ListOf(PHOTO),
            meaning="photos of installed panels (R11)",
            title="Photos des panneaux",
            help="Les panneaux du label installés dans la collectivité.",
        ),
    ],
    doc=("`territoires/<code>.yaml`", "`territoires/<code>.yaml`"),
)
MENTION = Mapping(
    "la mention",
    [
        Field(
            "id",
            Ident(),
            True,
            meaning="the mention's id",
            label="l’id de la mention",
            title="Identifiant",
            help=ID_FIELD.help,
        ),
        NAME_FIELD,
    ],
)
LAUREATE = Mapping(
    "le lauréat",
    [
        Field(
            "territoire",
            Ref("territoire", Code(COLLECTIVITY_RE, "code INSEE ou SIREN")),
            True,
            meaning="a collectivity's code",
            title="Collectivité",
        ),
        Field("arobases", Int(1, 5), True, meaning="R2", title="Nombre de @", help="De 1 à 5."),
        Field(
            "mentions",
            ListOf(Ref("mention", Text()), "mention"),
            meaning="R8, declared above",
            title="Mentions",
            help="Parmi les mentions déclarées pour cette édition.",
        ),
        Field("excellence", Bool(), meaning="R9", title="Territoire d’excellence numérique"),
        Field(
            "alerte",
            Bool(),
            private=True,
            meaning="R5",
            title="Alerte du jury",
        ),
        Field(
            "note_jury",
            Text(TEXT_MAX, True),
            private=True,
            meaning="the jury's note",
            title="Note du jury",
        ),
    ],
    doc=("laureate", "lauréat"),
)
EDITION = Mapping(
    "l’édition",
    [
        Field(
            "edition",
            Int(),
            True,
            meaning="the year; equals the file name",
            title="Année de l’édition",
            help="Aussi le nom du fichier (2027 pour palmares/2027.yaml).",
        ),
        Field(
            "embargo",
            Instant(),
            True,
            meaning="R10: nothing public before it",
            title="Embargo (heure de Paris)",
            help="Rien de ce palmarès n’est public avant cet instant, en heure de Paris, "
            "quel que soit le fuseau de votre ordinateur.",
        ),
        Field(
            "ceremonie",
            Mapping(
                "ceremonie",
                [
                    Field(
                        "date",
                        Date(),
                        meaning="its day",
                        label="date de la cérémonie",
                        title="Date",
                    ),
                    Field("lieu", Text(), meaning="its place", title="Lieu"),
                ],
            ),
            meaning="the ceremony",
            title="Cérémonie",
        ),
        Field(
            "mentions",
            ListOf(MENTION),
            meaning="this edition's mentions (R8)",
            title="Mentions de l’édition",
        ),
        Field("laureats", ListOf(LAUREATE), True, meaning="the laureates", title="Lauréats"),
    ],
    doc=("`palmares/<année>.yaml`", "`palmares/<année>.yaml`"),
)

# Documented on their own in docs/DATA_FORMAT.md and docs/format-des-donnees.md.
DOCUMENTED = (SITE, REFERENTIEL, TERRITORY, EDITION, LAUREATE, ACTION, NEWS, PAGE)


def walk(mapping: Mapping, prefix: str = "") -> Iterator[tuple[str, Field]]:
    """Every field of a documented mapping as (dotted path, field), nested fields included,
    but not those of a mapping documented on its own (a laureate, an action)."""
    for field in mapping.fields():
        path = f"{prefix}{field.name}"
        yield path, field
        inner = field.type.item if isinstance(field.type, ListOf) else field.type
        if isinstance(inner, Mapping) and inner.doc_labels is None:
            for sub, nested in walk(inner, path + "."):
                yield sub, replace_private(nested, field.private)


def replace_private(field: Field, private: bool) -> Field:
    """A field nested in a private one is private too."""
    return replace(field, private=True) if private and not field.private else field
