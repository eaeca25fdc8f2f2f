"""The frozen, typed model of the label's data, as read from ``data/`` (private fields included).

Only the loader builds it and only the published view (``view.py``) reads it for the site:
templates never see this model, so a private field cannot reach a page by mistake.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .problems import Location

KINDS = ("ville", "village", "territoire")
CARRIER_TYPES = ("collectivite", "association", "ecole", "delegataire", "prestataire")
GREEN_MENTION = "transition-ecologique"  # R8: shown as a green @


@dataclass(frozen=True, slots=True)
class Position:
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    nom: str


@dataclass(frozen=True, slots=True)
class Enjeu:
    id: str
    nom: str
    question: str


@dataclass(frozen=True, slots=True)
class Service:
    id: str
    nom: str
    enjeu: str


@dataclass(frozen=True)
class Referentiel:
    categories: dict[str, Category]
    enjeux: dict[str, Enjeu]
    services: dict[str, Service]
    # Where each list (categories, enjeux, services) starts: R6's counts are told there.
    lists: dict[str, Location] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Contact:  # PRIVATE (R13)
    nom: str | None = None
    courriel: str | None = None
    telephone: str | None = None


@dataclass(frozen=True, slots=True)
class PublicContact:
    """How the public reaches a collectivity (its town hall or seat), or the association:
    published. Never an agent's own address or line (R13): those go in ``Contact``."""

    adresse: str | None = None
    courriel: str | None = None
    telephone: str | None = None
    formulaire: str | None = None  # a contact form's URL


@dataclass(frozen=True, slots=True)
class PanelPhoto:
    fichier: str
    adresse: str | None
    date: dt.date | None
    credit: str


@dataclass(frozen=True)
class Territory:
    code: str
    nom: str
    type: str
    departement: str | None
    region: str | None
    population: int | None
    position: Position | None
    site: str | None
    epci: str | None
    cotisations: frozenset[int] | None  # PRIVATE (R3); None: not recorded
    contact: Contact | None  # PRIVATE (R13)
    photos: tuple[PanelPhoto, ...]
    where: Location
    accueil: PublicContact | None = None  # public (the town hall's), unlike ``contact``


@dataclass(frozen=True, slots=True)
class Mention:
    id: str
    nom: str


@dataclass(frozen=True)
class Laureate:
    territoire: str  # current code (an old code of a merged commune is resolved)
    arobases: int
    mentions: tuple[str, ...]
    excellence: bool
    alerte: bool  # PRIVATE (R5)
    note_jury: str | None  # PRIVATE
    where: Location
    code_given: str = ""  # the code as written, when it was a merged commune's old code


@dataclass(frozen=True)
class Edition:
    annee: int
    embargo: dt.datetime  # aware (R10)
    ceremonie_date: dt.date | None
    ceremonie_lieu: str | None
    mentions: dict[str, Mention]
    laureates: tuple[Laureate, ...]
    where: Location

    def is_published(self, now: dt.datetime) -> bool:
        """R10: published from the embargo instant exactly."""
        return now >= self.embargo


@dataclass(frozen=True, slots=True)
class Carrier:
    nom: str
    type: str


@dataclass(frozen=True, slots=True)
class Place:
    nom: str
    adresse: str | None
    position: Position | None


@dataclass(frozen=True)
class Action:
    id: str
    territoire: str
    titre: str
    description: str
    categorie: str
    services: tuple[str, ...]
    porteur: Carrier | None
    acteurs: tuple[str, ...]
    debut: dt.date | None
    fin: dt.date | None
    mise_a_jour: dt.date
    lieux: tuple[Place, ...]
    lien: str | None
    contact: Contact | None  # PRIVATE
    where: Location

    def counts_for(self, annee: int) -> bool:
        return counts_for_edition(self.mise_a_jour, self.debut, self.fin, annee)


def counts_for_edition(
    mise_a_jour: dt.date, debut: dt.date | None, fin: dt.date | None, annee: int
) -> bool:
    """R7: updated in Y or Y-1, and under two years old or still running on 1 January Y."""
    if mise_a_jour.year not in (annee, annee - 1):
        return False
    start_of_year = dt.date(annee, 1, 1)
    running = fin is None or fin >= start_of_year
    recent = debut is not None and debut > dt.date(annee - 2, 1, 1)
    return running or recent


@dataclass(frozen=True, slots=True)
class Organisation:
    nom: str
    adresse: str | None = None
    site: str | None = None
    telephone: str | None = None


@dataclass(frozen=True, slots=True)
class Association:
    """The association that awards the label: the site's publisher (LCEN art. 6)."""

    nom: str = "Villes Internet"
    site: str = "https://www.villes-internet.net"
    contact: PublicContact = PublicContact()
    courriel_presse: str | None = None
    directeur_publication: str | None = None  # « Prénom Nom, fonction »
    statut: str | None = None  # « association loi 1901 », RNA or SIRET


@dataclass(frozen=True, slots=True)
class Calls:
    """One campaign of applications, for /participer/: its dates and where to go."""

    edition: int | None = None
    ouverture: dt.date | None = None
    cloture: dt.date | None = None
    adhesion: str | None = None  # URLs
    atlaas: str | None = None
    questionnaire: str | None = None


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """``site.yaml``: what every page and the contact, legal and participation pages say."""

    demo: bool = False
    association: Association = Association()
    hebergeur: Organisation = Organisation(
        "Netlify, Inc.",
        "44 Montgomery Street, Suite 300, San Francisco, CA 94104, États-Unis",
        "https://www.netlify.com",
    )
    candidatures: Calls | None = None


@dataclass(frozen=True)
class Dataset:
    referentiel: Referentiel
    territories: dict[str, Territory]
    editions: dict[int, Edition]
    actions: dict[str, Action]
    actions_by_territory: dict[str, tuple[Action, ...]] = field(default_factory=dict)
    # Codes of territory files that could not be read (their problem is already reported):
    # the rules stay silent about them rather than cascade into « collectivité inconnue ».
    unreadable: frozenset[str] = frozenset()
    photos_dir: str = ""  # where the files named by photos_panneaux are (R11)
    settings: SiteSettings = SiteSettings()

    @property
    def demo(self) -> bool:
        return self.settings.demo
