"""The declaration of a collectivity's actions file (``actions/<code>.yaml``).

In: the field types of ``label_data.fieldtypes`` and the shared fields of ``schema_site``.
Out: ``ACTION`` (one action: title, category, services, carrier, places, dates…), ``CARRIER``,
``PLACE`` and ``ACTIONS_FILE`` (the file: a list of actions). Read through
``label_data.schema``, which re-exports every declaration.
"""

from __future__ import annotations

from .fieldtypes import Choice, Date, Field, Ident, ListOf, Mapping, Ref, Text, Url
from .model import CARRIER_TYPES
from .schema_site import CONTACT_FIELD, POSITION
from .yamlload import TEXT_MAX

CARRIER = Mapping(
    "porteur",
    [
        Field("nom", Text(), True, meaning="who delivers the action", title="Nom"),
        Field(
            "type",
            Choice(
                CARRIER_TYPES,
                "type de porteur « {value} » inconnu : écrivez " + ", ".join(CARRIER_TYPES),
                {
                    "collectivite": "La collectivité",
                    "association": "Une association",
                    "ecole": "Une école",
                    "delegataire": "Un délégataire",
                    "prestataire": "Un prestataire",
                },
            ),
            True,
            meaning="R6",
            title="Type de porteur",
        ),
    ],
)
PLACE = Mapping(
    "le lieu",
    [
        Field("nom", Text(), True, meaning="the place's name", title="Nom"),
        Field("adresse", Text(), meaning="its address", title="Adresse"),
        Field("position", POSITION, meaning="its position", title="Position sur la carte"),
    ],
)
ACTION = Mapping(
    "l’action",
    [
        Field(
            "id",
            Ident(),
            True,
            meaning="unique; the URL",
            label="l’identifiant d’action",
            title="Identifiant",
            help="Unique parmi toutes les actions ; il fait partie de l’adresse de la page. "
            "Minuscules sans accents, chiffres et tirets.",
        ),
        Field("titre", Text(), True, meaning="its title", title="Titre"),
        Field(
            "description",
            Text(TEXT_MAX, True),
            meaning="Markdown, sanitised",
            title="Description",
        ),
        Field("categorie", Ref("categorie", Text()), True, meaning="R6", title="Catégorie"),
        Field(
            "services",
            ListOf(Ref("service", Text()), "service"),
            True,
            meaning="R6",
            title="Services",
            help="Un ou plusieurs services du référentiel.",
        ),
        Field("porteur", CARRIER, meaning="who delivers it", title="Porteur"),
        Field("acteurs", ListOf(Text(), "acteur"), meaning="other actors", title="Acteurs"),
        Field("debut", Date(), meaning="start", title="Début"),
        Field(
            "fin",
            Date(),
            meaning="end; null or absent: still running",
            title="Fin",
            help="Laissez vide si l’action est en cours.",
        ),
        Field(
            "mise_a_jour",
            Date(),
            True,
            meaning="R7",
            title="Mise à jour",
            help="Le jury ne retient que les actions mises à jour l’année de la participation "
            "ou l’année précédente.",
        ),
        Field("lieux", ListOf(PLACE), meaning="places", title="Lieux"),
        Field("lien", Url(), meaning="a link", title="Lien", help="Commençant par https://"),
        CONTACT_FIELD,
    ],
    doc=("action", "action"),
)
ACTIONS_FILE = ListOf(ACTION)
