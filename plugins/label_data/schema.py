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

Rules spanning several fields or files (a code equal to its file name, a mention declared in
its edition, the référentiel's four categories and sixteen enjeux…) stay in the loader and in
``label_data.rules``: a field type only knows its own value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from .codes import COLLECTIVITY_RE, DEPARTEMENT_RE, REGION_RE, SIREN_RE
from .fieldtypes import (
    Bool,
    Choice,
    Code,
    Date,
    Email,
    Field,
    FieldType,
    Ident,
    Instant,
    Int,
    ListOf,
    Mapping,
    PhotoFile,
    PositionType,
    Record,
    Ref,
    Table,
    Text,
    Url,
)
from .model import CARRIER_TYPES, KINDS
from .yamlload import NAME_MAX, TEXT_MAX

__all__ = ["Field", "FieldType", "Mapping", "Record"]


# --- the data files (docs/DATA_FORMAT.md) -------------------------------------------------

POSITION = PositionType()
CONTACT = Mapping(
    "contact",
    [
        Field("nom", Text(), meaning="the contact person's name", title="Nom"),
        Field("courriel", Text(), meaning="e-mail address", title="Courriel"),
        Field("telephone", Text(), meaning="phone number", title="Téléphone"),
    ],
)
_ID = Field(
    "id",
    Ident(),
    True,
    meaning="the id (a URL path segment)",
    label="l’id",
    title="Identifiant",
    help="Minuscules sans accents, chiffres et tirets : il fait partie d’une adresse web.",
)
_NOM = Field("nom", Text(), True, meaning="the name shown", title="Nom")
# Private fields are marked « (privé) » in the web editor by label_admin, from ``private``.
_CONTACT = Field("contact", CONTACT, private=True, meaning="R13", title="Contact")

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
CATEGORY = Mapping("la catégorie", [_ID, _NOM])
ENJEU = Mapping(
    "l’enjeu",
    [_ID, _NOM, Field("question", Text(TEXT_MAX, True), True, meaning="its jury question")],
)
SERVICE = Mapping(
    "le service",
    [_ID, _NOM, Field("enjeu", Text(), True, meaning="the enjeu it belongs to (an id)")],
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
        _CONTACT,
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
            help=_ID.help,
        ),
        _NOM,
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
        _CONTACT,
    ],
    doc=("action", "action"),
)
ACTIONS_FILE = ListOf(ACTION)

# Documented on their own in docs/DATA_FORMAT.md and docs/format-des-donnees.md.
DOCUMENTED = (SITE, REFERENTIEL, TERRITORY, EDITION, LAUREATE, ACTION)


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


# --- the panels' charter (label_panels/charter.yaml) ---------------------------------------
# Read by PyYAML as plain values (numbers are numbers there); messages name the key path, the
# way designers read the file: « panneau.largeur doit être un nombre supérieur à 0 (lu : -5) ».

MIN_BLEED = 3.0  # mm: what printers ask for at least


class Measure(FieldType):
    """A charter value: ``rule`` says what it must be, the message adds the value read."""

    def rule(self, value: Any) -> str | None:
        raise NotImplementedError

    def check(self, value: Any, what: str) -> str | None:
        fragment = self.rule(value)
        return None if fragment is None else f"{what} {fragment} (lu : {value!r})"


class Dimension(Measure):
    """A number of millimetres (or a ratio), at least ``minimum`` (above it when strict)."""

    def __init__(self, minimum: float = 0.0, strict: bool = False):
        self.minimum, self.strict = minimum, strict
        self.doc = "number"

    def rule(self, value: Any) -> str | None:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and (value > self.minimum if self.strict else value >= self.minimum):
            return None
        bound = f"supérieur à {self.minimum:g}" if self.strict else f"au moins {self.minimum:g}"
        return f"doit être un nombre {bound}"


class Pixels(Measure):
    doc = "integer"

    def __init__(self, minimum: int):
        self.minimum = minimum

    def rule(self, value: Any) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool) and value >= self.minimum:
            return None
        return f"doit être un entier d’au moins {self.minimum}"


class Colour(Measure):
    doc = "#RRGGBB"

    def rule(self, value: Any) -> str | None:
        if isinstance(value, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
            return None
        return "doit être une couleur « #RRGGBB »"


class Words(Measure):
    doc = "text"

    def rule(self, value: Any) -> str | None:
        return None if isinstance(value, str) and value.strip() else "doit être un texte non vide"


class Flag(Measure):
    doc = "true/false"

    def rule(self, value: Any) -> str | None:
        return None if isinstance(value, bool) else "doit valoir true ou false"


class FontKey(Measure):
    doc = "`gras`, `normal`"

    def rule(self, value: Any) -> str | None:
        return None if value in ("gras", "normal") else "doit valoir gras ou normal"


class PrintColours(Measure):
    """``{"#RRGGBB": {nom: …, cmjn: [c, m, j, n], ton_direct: …}}``, percentages 0 to 100."""

    doc = "table of #RRGGBB → {nom, cmjn, ton_direct}"

    def rule(self, value: Any) -> str | None:
        if not isinstance(value, dict) or not value:
            return "doit être une table « #RRGGBB » → {nom, cmjn}"
        for key, entry in value.items():
            if Colour().rule(key) is not None:
                return f"{key!r} n’est pas une couleur « #RRGGBB »"
            if not isinstance(entry, dict) or not {"nom", "cmjn"} <= set(entry):
                return f"{key} : nom et cmjn attendus"
            if set(entry) - {"nom", "cmjn", "ton_direct"}:
                return f"{key} : seules les clés nom, cmjn et ton_direct sont permises"
            cmyk = entry["cmjn"]
            percentages = isinstance(cmyk, list) and len(cmyk) == 4
            if not percentages or not all(Dimension().rule(v) is None and v <= 100 for v in cmyk):
                return f"{key} : cmjn doit être une liste de 4 pourcentages de 0 à 100"
        return None


class Section(Mapping):
    """A section of the charter: every key required, messages naming the dotted key path."""

    def __init__(self, what: str, fields: Sequence[Field]):
        super().__init__(what, [replace(f, required=True) for f in fields])

    def named(self, field: Field, path: str) -> str:
        return path

    def not_a_table(self, path: str) -> str:
        return f"{path or 'la charte'} doit être une table de clés"

    def unknown(self, path: str, key: str) -> str:
        return f"clé inconnue : {self._key(path, key)}"

    def missing(self, path: str, key: str) -> str:
        return f"clé manquante : {self._key(path, key)}"


_POSITIVE = Dimension(strict=True)


def _text_style(what: str) -> list[Field]:
    return [
        Field("police", FontKey(), meaning=f"the {what}'s font"),
        Field("taille", _POSITIVE, meaning="its size (em, mm)"),
        Field("approche", Dimension(-0.2), meaning="tracking, a fraction of the size"),
        Field("couleur", Colour(), meaning="its colour"),
        Field("ligne_de_base", _POSITIVE, meaning="its baseline, mm from the top"),
    ]


def _section(what: str, *fields: tuple[str, FieldType, str]) -> Field:
    return Field(what, Section(what, [Field(n, t, meaning=m) for n, t, m in fields]))


CHARTER = Section(
    "la charte",
    [
        _section(
            "panneau",
            ("largeur", _POSITIVE, "width, mm"),
            ("hauteur", _POSITIVE, "height, mm"),
            ("rayon", Dimension(), "corner radius, mm"),
            ("fond", Colour(), "background colour"),
        ),
        _section(
            "cadre",
            ("marge", Dimension(), "margin outside the frame, mm"),
            ("epaisseur", Dimension(), "frame thickness, mm"),
            ("rayon", Dimension(), "frame corner radius, mm"),
            ("couleur", Colour(), "frame colour"),
        ),
        _section(
            "polices",
            ("gras", Words(), "bold font file, relative to the charter"),
            ("normal", Words(), "regular font file"),
        ),
        Field("marge_interieure", Dimension(), meaning="padding inside the frame, mm"),
        Field(
            "titre",
            Section(
                "titre",
                [
                    Field(
                        "textes",
                        Section("textes", [Field(k, Words(), meaning="R11") for k in KINDS]),
                        meaning="the title of each kind of panel",
                    ),
                    *_text_style("title"),
                ],
            ),
        ),
        _section(
            "arobases",
            ("police", FontKey(), "the @'s font"),
            ("taille", _POSITIVE, "their size"),
            ("pas", _POSITIVE, "distance between two @, mm"),
            ("ligne_de_base", _POSITIVE, "their baseline"),
            ("couleur", Colour(), "an @ earned"),
            ("couleur_verte", Colour(), "the green @ (R8)"),
            ("afficher_vides", Flag(), "draw the @ not earned"),
            ("couleur_vide", Colour(), "an @ not earned"),
        ),
        Field("annee", Section("annee", _text_style("year")), meaning="the year (R11)"),
        _section(
            "exports",
            ("largeur_png_web", Pixels(100), "PNG width for the web"),
            ("largeur_png_impression", Pixels(1), "PNG width for print"),
        ),
        _section(
            "impression",
            ("fond_perdu", Dimension(MIN_BLEED), "bleed, mm"),
            ("traits_de_coupe", _POSITIVE, "crop mark length, mm"),
            ("couleurs", PrintColours(), "CMYK of every colour drawn"),
        ),
    ],
)


# --- the kits' fixed texts (label_kits/texts.yaml) -----------------------------------------

_LINE = Text(NAME_MAX)
_PARAGRAPH = Text(TEXT_MAX, multiline=True)


def _texts(what: str, *fields: tuple[str, FieldType]) -> Mapping:
    return Mapping(what, [Field(name, kind, True) for name, kind in fields])


KIT_TEXTS = _texts(
    "les textes des kits",
    (
        "association",
        _texts("association", *((k, _LINE) for k in ("nom", "site", "courriel_presse"))),
    ),
    ("label", _LINE),
    ("enjeux", ListOf(_LINE, "un enjeu")),
    ("a_propos_titre", _LINE),
    ("a_propos", ListOf(_PARAGRAPH, "un paragraphe")),
    ("licence", _PARAGRAPH),
    ("contact_titre", _LINE),
    ("contact", ListOf(_LINE, "une ligne de contact")),
    ("contact_local", _PARAGRAPH),
    ("citation", _texts("citation", *((k, _PARAGRAPH) for k in KINDS))),
    (
        "lisezmoi",
        _texts(
            "lisezmoi",
            *((k, _LINE) for k in ("titre", "titre_national", "fichiers_titre")),
            ("fichiers_titre_national", _LINE),
            ("intro", _PARAGRAPH),
            ("intro_national", _PARAGRAPH),
            ("fichiers", Table(_PARAGRAPH, "fichiers")),
            ("regles_titre", _LINE),
            ("regles", ListOf(_PARAGRAPH, "une règle")),
            ("contact", _PARAGRAPH),
            ("contact_national", _PARAGRAPH),
        ),
    ),
)


# --- the news and pages' front matter (content/news/*.md, content/pages/*.md) ---------------
# The YAML header the web editor writes, between two « --- » lines, read by Pelican through
# pelican-yaml-metadata. The plugin only logs a bad header and goes on: label_content.front_matter
# checks each header against these declarations first, so a bad one stops the build at its
# line. The keys are Pelican's own metadata names; files in Pelican's « Key: value » format are
# not checked here (Pelican reads them as before).

_TITLE = Field(
    "title",
    Text(NAME_MAX),
    True,
    meaning="the title, also the page's <title>",
    label="le titre",
    title="Titre",
    help="Une ligne, sans point final.",
)
_SLUG = Field(
    "slug",
    Ident(),
    True,
    meaning="the URL: /actualites/<slug>/ for news, /<slug>/ for pages",
    label="le slug",
    title="Adresse (slug)",
    help="Minuscules sans accents, chiffres et tirets : la fin de l’adresse de la page. "
    "Ne la changez plus une fois publiée (les liens vers elle casseraient).",
)
_SUMMARY = Field(
    "summary",
    Text(TEXT_MAX, True),
    meaning="Markdown; the lists, feeds, search and social cards show it",
    label="le résumé",
    title="Résumé",
    help="Une ou deux phrases, reprises dans les listes, le flux et les partages.",
)
_STATUS = Field(
    "status",
    Choice(
        ("published", "draft"),
        "statut « {value} » inconnu : écrivez published (publié) ou draft (brouillon, "
        "jamais publié)",
        {"published": "Publié", "draft": "Brouillon"},
    ),
    meaning="`draft`: never published; `published` (the default)",
    label="le statut",
    title="Statut",
    help="Brouillon : jamais publié, même après sa date.",
)
_MODIFIED = Field(
    "modified",
    Instant(),
    meaning="last significant change, Paris time with its offset; the feed's <updated>",
    label="la date de mise à jour",
    title="Mis à jour le",
    help="Heure de Paris, avec son décalage (+01:00 en hiver, +02:00 en été).",
)


def _dated(required: bool, meaning: str, help: str) -> Field:
    return Field(
        "date",
        Instant(),
        required,
        meaning=meaning,
        label="la date",
        title="Date de publication",
        help=help,
    )


NEWS = Mapping(
    "l’actualité",
    [
        _TITLE,
        _dated(
            True,
            "publication instant, Paris time with its offset; after the build's now: under embargo",
            "Heure de Paris, avec son décalage (+01:00 en hiver, +02:00 en été). Une "
            "actualité datée dans le futur reste sous embargo jusqu’à cet instant.",
        ),
        _SLUG,
        _SUMMARY,
        _STATUS,
        _MODIFIED,
    ],
    doc=("`content/news/*.md`", "`content/news/*.md`"),
)
PAGE = Mapping(
    "la page",
    [
        _TITLE,
        _SLUG,
        _SUMMARY,
        _dated(
            False,
            "optional; a page dated after the build's now is under embargo like news",
            "Facultative. Une page datée dans le futur reste sous embargo jusqu’à cet "
            "instant ; sans date, elle est publiée tout de suite.",
        ),
        _STATUS,
        _MODIFIED,
    ],
    doc=("`content/pages/*.md`", "`content/pages/*.md`"),
)

# The front matters are documented with the data files (docs test). The tuple declared above
# has a fixed length for mypy; this section is appended, never edited in: hence the ignore.
DOCUMENTED = (*DOCUMENTED, NEWS, PAGE)  # type: ignore[assignment]
