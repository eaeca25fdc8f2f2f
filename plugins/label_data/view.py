"""The published view: the data as the public may see it at ``now``.

In: the checked ``Dataset``, the reference data and ``now``. Out: a ``PublishedView`` holding
only published editions (R10: an edition is published from its embargo instant exactly) and no
private field (R3 dues, R5 alerts, jury notes, contacts: R13). Pages, feeds, sitemap, search,
open data, panels and kits read this view and nothing else, so a leak is impossible by
construction. ``preview=True`` (staff only, never deployed) shows embargoed editions too. The
view's records are declared in ``label_data.public`` and re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from pelican.utils import slugify

from . import typo, urls
from .model import GREEN_MENTION, KINDS, Action, Category, Dataset, Edition, Referentiel
from .public import (
    Area,
    CurrentLabel,
    Label,
    PublicAction,
    PublicEdition,
    PublicLaureate,
    PublicPhoto,
    PublicPlace,
    PublicTerritory,
    PublishedView,
    tracked_sources,
)
from .reads import Tracked
from .reference import Reference
from .rules import shown_years, title_until
from .sanitize import sanitize_all

# The records are read from here by every plugin (``from label_data.view import …``).
__all__ = ["Area", "CurrentLabel", "Label", "PublicAction", "PublicEdition", "PublicLaureate"]
__all__ += ["PublicPhoto", "PublicPlace", "PublicTerritory", "PublishedView", "build_view"]
__all__ += ["tracked_sources", "territory_url", "typographic", "SLUG_MAX"]


def typographic(name: str) -> str:
    """Official names use the typewriter apostrophe; the site prints the French one."""
    return typo.apostrophe(name)


SLUG_MAX = 100  # the longest French commune name makes 45; a file name allows 255 bytes


def territory_url(nom: str, code: str) -> tuple[str, str]:
    slug = slugify(nom, regex_subs=[(r"[^\w\s-]", " "), (r"[-\s]+", "-")])
    slug = slug[:SLUG_MAX].strip("-")  # transliteration can lengthen a name several times
    return slug, urls.territory(slug, code)


def build_view(
    dataset: Dataset,
    reference: Reference,
    now: dt.datetime,
    preview: bool = False,
    cache_dir: str | None = None,
) -> PublishedView:
    """The published view; ``cache_dir`` keeps sanitised descriptions between builds."""
    editions = {y: e for y, e in dataset.editions.items() if preview or e.is_published(now)}
    embargoed = tuple(
        (y, e.embargo) for y, e in dataset.editions.items() if preview and not e.is_published(now)
    )
    # R10 by construction: from here on only published editions are read. A collectivity
    # with actions has its page whatever an embargoed palmarès says of it, so pushing the
    # jury's file before the ceremony changes no byte of the public site.
    history = _History.of(editions)
    with_page = {
        code
        for code in dataset.territories
        if code in history.labels or dataset.actions_by_territory.get(code)
    }
    actions = _actions(dataset, with_page, cache_dir)
    territories = {
        code: _territory(dataset, reference, code, history, with_page, actions)
        for code in sorted(with_page)
    }
    ref = dataset.referentiel
    return PublishedView(
        now=now,
        settings=dataset.settings,
        preview=preview,
        embargoed=embargoed,
        # Tracked: a page's rendering records which entries it read (label_data.reads), so
        # that a later build re-renders only the pages whose reads changed (issue #14).
        categories=Tracked("categories", ref.categories),
        enjeux=Tracked("enjeux", ref.enjeux),
        services=Tracked("services", ref.services),
        territories=Tracked("territories", territories),
        editions=Tracked("editions", _editions(editions, history, territories)),
        actions=Tracked("actions", actions),
        departements=Tracked("departements", _departements(territories, reference)),
        regions=Tracked("regions", _regions(territories, reference)),
        actions_by_enjeu=Tracked("actions_by_enjeu", _by_enjeu(ref, actions)),
    )


@dataclass(frozen=True)
class _History:
    """Every collectivity's labels in the published editions, oldest first."""

    years: list[int]
    labels: dict[str, list[Label]]
    titles: dict[str, int]  # code -> latest year an excellence title was awarded
    awards: dict[str, list[int]]  # code -> every year an excellence title was awarded

    @property
    def current_year(self) -> int | None:
        return self.years[-1] if self.years else None

    @classmethod
    def of(cls, editions: dict[int, Edition]) -> _History:
        history = cls(sorted(editions), {}, {}, {})
        for year in history.years:
            edition = editions[year]
            for lau in edition.laureates:
                mentions = tuple(edition.mentions[m] for m in lau.mentions)
                green = GREEN_MENTION in lau.mentions
                label = Label(year, lau.arobases, mentions, green, lau.excellence)
                history.labels.setdefault(lau.territoire, []).append(label)
                if lau.excellence:
                    history.titles[lau.territoire] = year
                    history.awards.setdefault(lau.territoire, []).append(year)
        return history


def _actions(
    dataset: Dataset, with_page: set[str], cache_dir: str | None
) -> dict[str, PublicAction]:
    shown = [
        action
        for code in sorted(with_page)
        for action in dataset.actions_by_territory.get(code, ())
        if action.id in dataset.actions and dataset.actions[action.id] is action
    ]
    # All descriptions at once: cached between builds, the rest parsed on every core.
    descriptions = sanitize_all([a.description for a in shown], cache_dir)
    ref = dataset.referentiel
    return {
        action.id: _public_action(action, ref, html)
        for action, html in zip(shown, descriptions, strict=True)
    }


def _territory(
    dataset: Dataset,
    reference: Reference,
    code: str,
    history: _History,
    with_page: set[str],
    actions: dict[str, PublicAction],
) -> PublicTerritory:
    t = dataset.territories[code]
    labels = tuple(history.labels.get(code, ()))
    slug, url = territory_url(t.nom, code)
    epci_ref = reference.epcis.get(t.epci) if t.epci else None
    members: tuple[str, ...] = ()
    if t.type == "territoire" and code in reference.epcis:
        members = tuple(m for m in reference.epcis[code].membres if m in with_page)
    commune = reference.communes.get(code)
    return PublicTerritory(
        code=code,
        nom=typographic(t.nom),
        slug=slug,
        url=url,
        type=t.type,
        departement=t.departement,
        region=t.region,
        population=t.population,
        position=t.position,
        site=t.site,
        accueil=t.accueil,
        epci=t.epci,
        epci_nom=typographic(epci_ref.nom) if epci_ref else None,
        members=members,
        codes_postaux=commune.codes_postaux if commune else (),
        labels=labels,
        current=_current(labels, history.titles.get(code), history.current_year, history.years),
        actions=tuple(a.id for a in dataset.actions_by_territory.get(code, ()) if a.id in actions),
        photos=tuple(
            PublicPhoto(str(Path(dataset.photos_dir) / p.fichier), p.adresse, p.date, p.credit)
            for p in t.photos
        ),
    )


def _editions(
    editions: dict[int, Edition], history: _History, territories: dict[str, PublicTerritory]
) -> dict[int, PublicEdition]:
    public: dict[int, PublicEdition] = {}
    previous_year: int | None = None
    for year in history.years:
        published = _public_edition(editions[year], previous_year, history.labels, territories)
        previous = public.get(previous_year) if previous_year else None
        public[year] = _reconciled(published, previous, history.awards)
        previous_year = year
    return public


def _by_enjeu(ref: Referentiel, actions: dict[str, PublicAction]) -> dict[str, tuple[str, ...]]:
    by_enjeu: dict[str, list[str]] = {e: [] for e in ref.enjeux}
    for action in actions.values():
        for enjeu in action.enjeux:
            by_enjeu[enjeu.id].append(action.id)
    return {k: tuple(v) for k, v in by_enjeu.items()}


def _departements(territories: dict[str, PublicTerritory], reference: Reference) -> dict:
    codes = {t.departement for t in territories.values() if t.departement}
    return {
        c: Area(
            c,
            typographic(reference.departements[c].nom),
            urls.departement(c),
            reference.departements[c].region,
        )
        for c in sorted(codes)
        if c in reference.departements
    }


def _regions(territories: dict[str, PublicTerritory], reference: Reference) -> dict:
    codes = {t.region for t in territories.values() if t.region}
    return {
        c: Area(c, typographic(reference.regions[c].nom), urls.region(c))
        for c in sorted(codes)
        if c in reference.regions
    }


def _current(
    history: tuple[Label, ...], title_year: int | None, current_year: int | None, years: list[int]
) -> CurrentLabel | None:
    if not history or current_year is None:
        return None
    until = title_until(title_year) if title_year else None
    latest = history[-1]
    if until is not None and current_year <= until and latest.annee != current_year:
        carried = Label(current_year, 5, (), False, False)
        return CurrentLabel(carried, until, carried=True)
    if latest.annee in shown_years(years):  # R11
        covering = until if until is not None and latest.annee <= until else None
        return CurrentLabel(latest, covering)
    return None


def _reconciled(
    edition: PublicEdition, previous: PublicEdition | None, awards: dict[str, list[int]]
) -> PublicEdition:
    """``edition`` with who left since ``previous`` and who shows 5 @ by an R9 title."""
    here = {lau.territoire for lau in edition.laureates}
    gone = tuple(
        lau.territoire
        for lau in (previous.laureates if previous else ())
        if lau.territoire not in here
    )
    carried = sorted(
        code
        for code, years in awards.items()
        if code not in here and any(y < edition.annee <= title_until(y) for y in years)
    )
    return replace(edition, not_relabelled=gone, carried=tuple(carried))


def _public_action(action: Action, ref: Referentiel, description_html: str) -> PublicAction:
    services = tuple(ref.services[s] for s in action.services if s in ref.services)
    enjeux = tuple(dict.fromkeys(ref.enjeux[s.enjeu] for s in services if s.enjeu in ref.enjeux))
    return PublicAction(
        id=action.id,
        url=urls.action(action.id),
        territoire=action.territoire,
        titre=action.titre,
        description_html=description_html,
        categorie=ref.categories.get(
            action.categorie, Category(action.categorie, action.categorie)
        ),
        services=services,
        enjeux=enjeux,
        porteur_nom=action.porteur.nom if action.porteur else None,
        porteur_type=action.porteur.type if action.porteur else None,
        acteurs=action.acteurs,
        debut=action.debut,
        fin=action.fin,
        mise_a_jour=action.mise_a_jour,
        lieux=tuple(PublicPlace(p.nom, p.adresse, p.position) for p in action.lieux),
        lien=action.lien,
    )


def _public_edition(
    edition: Edition,
    previous_year: int | None,
    labels: dict[str, list[Label]],
    territories: dict[str, PublicTerritory],
) -> PublicEdition:
    laureates = []
    for lau in edition.laureates:
        history = labels[lau.territoire]
        index = next(i for i, lab in enumerate(history) if lab.annee == edition.annee)
        label = history[index]
        before = history[index - 1] if index else None
        previous = before if before and before.annee == previous_year else None
        if before is None:
            change = "nouveau"
        elif previous is None or previous.arobases == label.arobases:
            change = "stable" if previous else "retour"
        else:
            change = "hausse" if label.arobases > previous.arobases else "baisse"
        laureates.append(PublicLaureate(lau.territoire, label, previous, change))
    laureates.sort(key=lambda lau: (-lau.label.arobases, territories[lau.territoire].slug))
    kinds = Counter(territories[lau.territoire].type for lau in laureates)
    return PublicEdition(
        annee=edition.annee,
        url=urls.palmares(edition.annee),
        ceremonie_date=edition.ceremonie_date,
        ceremonie_lieu=edition.ceremonie_lieu,
        mentions=tuple(edition.mentions.values()),
        laureates=tuple(laureates),
        counts_by_level={
            n: sum(1 for lau in laureates if lau.label.arobases == n) for n in range(1, 6)
        },
        counts_by_kind={k: kinds.get(k, 0) for k in KINDS},
        previous=previous_year,
        embargo=edition.embargo,
    )
