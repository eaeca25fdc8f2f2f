"""The declarations of the editorial texts: the kits' fixed texts and the content's front matter.

In: the field types of ``label_data.fieldtypes``. Out: ``KIT_TEXTS`` (``label_kits/texts.yaml``,
read by ``label_kits.subject``) and ``NEWS`` and ``PAGE`` (the YAML header of
``content/news/*.md`` and ``content/pages/*.md``, checked by ``label_content.front_matter``).
Read through ``label_data.schema``, which re-exports every declaration.
"""

from __future__ import annotations

from .fieldtypes import Choice, Field, FieldType, Ident, Instant, ListOf, Mapping, Table, Text
from .model import KINDS
from .yamlload import NAME_MAX, TEXT_MAX

# --- the kits' fixed texts (label_kits/texts.yaml) -----------------------------------------

_LINE = Text(NAME_MAX)
_PARAGRAPH = Text(TEXT_MAX, multiline=True)


def _texts(what: str, *fields: tuple[str, FieldType]) -> Mapping:
    return Mapping(what, [Field(name, kind, True) for name, kind in fields])


# The releases' sentences, with {…} filled by label_kits.press_release and label_kits.national.
_RELEASE = (
    "titre",
    "sous_titre",
    "ouverture",
    "ouverture_ceremonie",
    "label_decerne",
    "mention",
    "mentions",
    "mention_verte",
    "excellence",
    "panneau",
    "panneau_une_arobase",
    "site",
)
_NATIONAL_RELEASE = (
    "titre",
    "sous_titre",
    "ouverture",
    "avant",
    "repartition_titre",
    "mentions_titre",
    "mention_verte",
    "excellence_titre",
    "excellence",
    "excellence_gardee",
    "mieux_distinguees_titre",
    "panneau",
)

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
    ("titre_excellence", _LINE),
    ("mention_verte", _LINE),
    ("communique", _texts("communique", *((k, _PARAGRAPH) for k in _RELEASE))),
    (
        "communique_national",
        _texts("communique_national", *((k, _PARAGRAPH) for k in _NATIONAL_RELEASE)),
    ),
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
