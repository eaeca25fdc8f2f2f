"""The published view's records: what the public may see of the data, and nothing more.

In: nothing (types only). Out: the frozen records ``build_view`` (``label_data.view``) fills
(``PublicTerritory``, ``PublicEdition``, ``PublicAction``…) and ``PublishedView``, the one
object pages, feeds, sitemap, search, open data, panels and kits read. Kept apart from the
building so that a reader of the view's shape needs not read how it is made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .model import (
    Category,
    Enjeu,
    Mention,
    Position,
    PublicContact,
    Service,
    SiteSettings,
    counts_for_edition,
)
from .reads import Tracked


@dataclass(frozen=True, slots=True)
class Label:
    annee: int
    arobases: int
    mentions: tuple[Mention, ...] = ()
    verte: bool = False  # R8: holds the transition écologique mention
    excellence: bool = False  # R9: the title was awarded this edition


@dataclass(frozen=True, slots=True)
class CurrentLabel:
    """What a collectivity may display now: its label of the current or previous edition, or
    5 @ carried by a « Territoire d'excellence numérique » title (R9)."""

    label: Label
    excellence_until: int | None = None  # last edition year the title covers
    carried: bool = False  # shown thanks to the title, not labelled in that edition


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    nom: str
    url: str
    region: str | None = None  # for a département


@dataclass(frozen=True, slots=True)
class PublicPhoto:
    source: str  # the file in the data's photos/ folder
    adresse: str | None
    date: dt.date | None
    credit: str


@dataclass(frozen=True)
class PublicTerritory:
    code: str
    nom: str
    slug: str
    url: str
    type: str
    departement: str | None
    region: str | None
    population: int | None
    position: Position | None
    site: str | None
    epci: str | None
    epci_nom: str | None
    members: tuple[str, ...]  # member communes with a page (for a territoire)
    codes_postaux: tuple[str, ...]
    labels: tuple[Label, ...]  # history, oldest first
    current: CurrentLabel | None
    actions: tuple[str, ...]  # action ids
    photos: tuple[PublicPhoto, ...] = ()  # installed panels (R11)
    accueil: PublicContact | None = None  # the town hall's public contact (never an agent's)


@dataclass(frozen=True)
class PublicPlace:
    nom: str
    adresse: str | None
    position: Position | None


@dataclass(frozen=True)
class PublicAction:
    id: str
    url: str
    territoire: str
    titre: str
    description_html: str
    categorie: Category
    services: tuple[Service, ...]
    enjeux: tuple[Enjeu, ...]
    porteur_nom: str | None
    porteur_type: str | None
    acteurs: tuple[str, ...]
    debut: dt.date | None
    fin: dt.date | None
    mise_a_jour: dt.date
    lieux: tuple[PublicPlace, ...]
    lien: str | None

    def counts_for(self, annee: int) -> bool:
        """R7 for any edition (e.g. the previous one, for its kits)."""
        return counts_for_edition(self.mise_a_jour, self.debut, self.fin, annee)

    def editions_counted(self) -> tuple[int, ...]:
        """R7: the editions this action counts for, from its own dates alone (an action
        updated in Y counts at most for Y and Y + 1). Never from « now » or the published
        editions, so that its page stays the same through a ceremony (issue #14)."""
        year = self.mise_a_jour.year
        return tuple(y for y in (year, year + 1) if self.counts_for(y))


@dataclass(frozen=True, slots=True)
class PublicLaureate:
    territoire: str
    label: Label
    previous: Label | None  # its label in the previous published edition
    change: str  # nouveau | hausse | baisse | stable


@dataclass(frozen=True)
class PublicEdition:
    annee: int
    url: str
    ceremonie_date: dt.date | None
    ceremonie_lieu: str | None
    mentions: tuple[Mention, ...]
    laureates: tuple[PublicLaureate, ...]
    counts_by_level: dict[int, int]
    counts_by_kind: dict[str, int]
    previous: int | None  # the previous edition's year
    embargo: dt.datetime  # when it was (or, in preview, will be) published
    # Laureates of the previous edition absent from this one (codes, palmarès order): with
    # the « nouveau » and « retour » laureates they make the totals of two editions reconcile.
    not_relabelled: tuple[str, ...] = ()
    # Collectivities not labelled this edition that display 5 @ by their « Territoire
    # d'excellence numérique » title (R9), awarded in an earlier edition.
    carried: tuple[str, ...] = ()


@dataclass
class PublishedView:
    now: dt.datetime
    preview: bool
    embargoed: tuple[tuple[int, dt.datetime], ...]  # preview only: editions shown early
    categories: dict[str, Category]
    enjeux: dict[str, Enjeu]
    services: dict[str, Service]
    territories: dict[str, PublicTerritory]
    editions: dict[int, PublicEdition]
    actions: dict[str, PublicAction]
    departements: dict[str, Area]
    regions: dict[str, Area]
    actions_by_enjeu: dict[str, tuple[str, ...]] = field(default_factory=dict)
    settings: SiteSettings = SiteSettings()  # site.yaml: the association, the host, calls

    @property
    def demo(self) -> bool:
        return self.settings.demo

    @property
    def current_edition(self) -> PublicEdition | None:
        return self.editions[max(self.editions)] if self.editions else None


def tracked_sources(view: PublishedView) -> dict[str, dict]:
    """The view's mappings by the name their reads are recorded under (label_data.reads)."""
    return {v.name: v for v in vars(view).values() if isinstance(v, Tracked)}
