"""The label's rules across all files (R1–R9), and the completion of territories from the
official reference data.

In: the loaded ``Dataset``, the ``Reference`` and the problems so far. Out: the dataset with
names, départements, régions, populations and positions filled in from the reference, and old
codes of merged communes resolved to their commune nouvelle; problems added for every breach.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .codes import DEPARTEMENT_RE, INSEE_RE, SIREN_RE
from .model import (
    Dataset,
    Edition,
    Laureate,
    Position,
    Referentiel,
    Territory,
)
from .problems import Location, Problems
from .reference import CommuneRef, EpciRef, Reference
from .typo import PARIS, date, instant

# \A…\Z, not ^…$: « $ » also matches before a final newline. (Ids are checked by the loader.)
KIND_WORDS = {"ville": "une ville", "village": "un village", "territoire": "un territoire"}
MAX_FALL_GAP = 3  # R4: years between candidatures within which a fall is limited to one @
EXCELLENCE_MIN_STREAK = 7  # R9: 5 @ for more than six consecutive years
EXCELLENCE_YEARS = 3  # R9: the title and the 5 @ display last three years
SHOWN_EDITIONS = 2  # R11/R12: the current and the previous edition's labels are shown


def title_until(awarded: int) -> int:
    """R9: the last edition an excellence title awarded in ``awarded`` covers."""
    return awarded + EXCELLENCE_YEARS - 1


def shown_years(years: Iterable[int]) -> list[int]:
    """R11/R12: of the published editions' years, those whose labels a collectivity may still
    show, with their panel files and kits (the current edition and the previous one)."""
    return sorted(years)[-SHOWN_EDITIONS:]


def check(dataset: Dataset, reference: Reference, problems: Problems) -> Dataset:
    _check_referentiel(dataset.referentiel, problems)
    territories = {
        code: _check_territory(t, reference, problems) for code, t in dataset.territories.items()
    }
    editions = {
        year: _check_edition(e, territories, dataset.unreadable, reference, problems)
        for year, e in dataset.editions.items()
    }
    names = {code: t.nom for code, t in territories.items()}
    _check_falls(editions, names, problems)
    _check_embargoes(editions, problems)
    _check_excellence(editions, names, problems)
    _check_actions(dataset, territories, problems)
    return replace(dataset, territories=territories, editions=editions)


# R6: the label's référentiel has exactly four categories and sixteen enjeux (the services,
# 139 in the real one, are data: their number is not a rule).
REFERENTIEL_COUNTS = (("categories", 4, "catégories"), ("enjeux", 16, "enjeux"))


def _check_referentiel(ref: Referentiel, problems: Problems) -> None:
    for key, expected, word in REFERENTIEL_COUNTS:
        where = ref.lists.get(key)
        found = len(getattr(ref, key))
        if where is not None and found != expected:
            problems.error(
                where,
                f"le référentiel doit avoir exactement {expected} {word} (R6), il en a {found}",
            )


def _check_territory(t: Territory, reference: Reference, problems: Problems) -> Territory:
    """A territory's code checked against its kind and the reference, and what the reference
    knows of it filled in (name, département, région, population, position, EPCI)."""
    found: tuple[CommuneRef | EpciRef, str | None] | None
    if t.type in ("ville", "village"):
        found = _commune_of(t, reference, problems)
    elif t.type == "territoire":
        found = _epci_of(t, reference, problems)
    else:
        return t
    if found is None:
        return t
    ref, epci = found
    for attr in ("departement", "region"):
        given, known = getattr(t, attr), getattr(ref, attr)
        if given and known and given != known:
            problems.error(
                t.where,
                f"{attr} « {given} » ne correspond pas à la liste officielle "
                f"pour {t.code} (« {known} ») : corrigez-le ou supprimez la ligne",
            )
    return replace(
        t,
        nom=t.nom or ref.nom,
        departement=t.departement or ref.departement,
        region=t.region or ref.region,
        population=t.population or ref.population,
        position=t.position or (Position(*ref.position) if ref.position else None),
        epci=epci,
    )


def _commune_of(
    t: Territory, reference: Reference, problems: Problems
) -> tuple[CommuneRef, str | None] | None:
    """A ville's or village's commune in the reference and its EPCI; None after a problem."""
    where = t.where
    if SIREN_RE.match(t.code):
        problems.error(
            where,
            f"{KIND_WORDS[t.type]} a un code INSEE à 5 caractères, "
            f"pas un SIREN ({t.code}) : pour une intercommunalité, "
            "écrivez type: territoire",
        )
        return None
    if DEPARTEMENT_RE.match(t.code):
        _not_a_candidate(t, problems)
        return None
    if not INSEE_RE.match(t.code):
        problems.error(
            where,
            f"code INSEE « {t.code} » mal formé : 5 caractères, par exemple 33063 ou 2A004",
        )
        return None
    ref = reference.communes.get(t.code)
    if ref is not None:
        return ref, t.epci or ref.epci
    new = reference.current_code(t.code)
    if new and new != t.code:
        problems.error(
            where,
            f"{t.code} est l’ancien code d’une commune fusionnée dans "
            f"{new} ({reference.communes[new].nom}) : renommez le fichier "
            f'{new}.yaml et écrivez code: "{new}"',
        )
    else:
        problems.error(
            where,
            f"code INSEE {t.code} absent de la liste officielle des "
            "communes : vérifiez-le sur le Code officiel géographique",
        )
    return None


def _epci_of(t: Territory, reference: Reference, problems: Problems) -> tuple[EpciRef, None] | None:
    """A territoire's intercommunality in the reference (it has no EPCI of its own)."""
    if DEPARTEMENT_RE.match(t.code):
        _not_a_candidate(t, problems)
        return None
    if not SIREN_RE.match(t.code):
        problems.error(
            t.where,
            f"un territoire (intercommunalité) a un SIREN à 9 chiffres (lu : « {t.code} »)",
        )
        return None
    ref = reference.epcis.get(t.code)
    if ref is None:
        problems.error(
            t.where,
            f"SIREN {t.code} absent de la liste officielle des "
            "intercommunalités (EPCI) : vérifiez-le sur banatic ou l’INSEE",
        )
        return None
    return ref, None


def _not_a_candidate(t: Territory, problems: Problems) -> Territory:
    problems.error(
        t.where,
        f"« {t.code} » est un code de département : un département "
        "ou une région ne peut pas être candidat (R1)",
    )
    return t


def _check_edition(
    edition: Edition,
    territories: dict[str, Territory],
    unreadable: frozenset[str],
    reference: Reference,
    problems: Problems,
) -> Edition:
    seen: dict[str, Laureate] = {}
    laureates = []
    for lau in edition.laureates:
        code = lau.territoire
        if code not in territories:
            new = reference.current_code(code) if INSEE_RE.match(code) else None
            if new and new != code and new in territories:
                lau = replace(lau, territoire=new, code_given=code)
            elif code in unreadable:
                continue  # its file's own problem says what to fix
            elif DEPARTEMENT_RE.match(code) or code in reference.regions:
                problems.error(
                    lau.where,
                    f"« {code} » est un code de département ou de région : "
                    "ils ne peuvent pas être candidats (R1)",
                )
                continue
            else:
                problems.error(
                    lau.where,
                    f"collectivité « {code} » inconnue : créez "
                    f"data/territoires/{code}.yaml ou corrigez le code",
                )
                continue
        territory = territories[lau.territoire]
        if lau.territoire in seen:
            problems.error(
                lau.where,
                f"{territory.nom} ({lau.territoire}) figure deux fois "
                f"dans le palmarès {edition.annee} (aussi {seen[lau.territoire].where})",
            )
            continue
        seen[lau.territoire] = lau
        if territory.cotisations is not None and edition.annee not in territory.cotisations:
            problems.error(
                lau.where,
                f"{territory.nom} ({lau.territoire}) n’a pas de cotisation "
                f"enregistrée pour {edition.annee} : seuls les adhérents à jour "
                f"peuvent être labellisés (R3) ; si elle est réglée, ajoutez {edition.annee} à "
                f"« cotisations » dans {territory.where.file}, ou importez le palmarès avec "
                "une colonne « cotisation » à oui ou l’option --cotisations-payees",
            )
        laureates.append(lau)
    return replace(edition, laureates=tuple(laureates))


def _check_embargoes(editions: dict[int, Edition], problems: Problems) -> None:
    """R10: editions are unveiled in the order of their years, each at its ceremony. An
    embargo before the previous edition's is a typing mistake that would publish the palmarès
    early; a year or day that differs from the edition's or the ceremony's is only suspicious."""
    previous: Edition | None = None
    for year, edition in sorted(editions.items()):
        local = edition.embargo.astimezone(PARIS)
        if previous is not None and edition.embargo <= previous.embargo:
            problems.error(
                edition.where,
                f"embargo du palmarès {year} le {instant(edition.embargo)}, pas après celui "
                f"de {previous.annee}, le {instant(previous.embargo)} : corrigez l’année ou "
                "la date de l’embargo",
            )
        elif local.year != year:
            problems.warning(
                edition.where,
                f"embargo du palmarès {year} le {instant(edition.embargo)}, en {local.year} : "
                "la cérémonie a lieu d’habitude au début de l’année de l’édition",
            )
        if edition.ceremonie_date and edition.ceremonie_date != local.date():
            problems.warning(
                edition.where,
                f"la cérémonie du palmarès {year} est datée du {date(edition.ceremonie_date)}, "
                f"mais l’embargo tombe le {instant(edition.embargo)} : vérifiez l’une ou l’autre",
            )
        previous = edition


def _history(editions: dict[int, Edition]) -> dict[str, list[tuple[int, Laureate]]]:
    history: dict[str, list[tuple[int, Laureate]]] = {}
    for year in sorted(editions):
        for lau in editions[year].laureates:
            history.setdefault(lau.territoire, []).append((year, lau))
    return history


def _named(code: str, names: dict[str, str]) -> str:
    """« Nice (06088) »: staff know collectivities by name, the files by code."""
    return f"{names[code]} ({code})" if names.get(code) else code


def _check_falls(editions: dict[int, Edition], names: dict[str, str], problems: Problems) -> None:
    """R4: between candidatures at most three years apart, at most one @ lost."""
    for code, runs in _history(editions).items():
        for (y0, a), (y1, b) in zip(runs, runs[1:], strict=False):
            if y1 - y0 <= MAX_FALL_GAP and a.arobases - b.arobases > 1:
                problems.error(
                    b.where,
                    f"{_named(code, names)} passe de {a.arobases} @ ({y0}) à {b.arobases} @ "
                    f"({y1}) : une baisse de plus d’une @ en trois ans ou moins est "
                    f"interdite (R4) ; le minimum possible est {a.arobases - 1} @",
                )


def _check_excellence(
    editions: dict[int, Edition], names: dict[str, str], problems: Problems
) -> None:
    """R9: the title goes to a 5 @ for more than six consecutive years; else warn staff."""
    for code, runs in _history(editions).items():
        for i, (year, lau) in enumerate(runs):
            if not lau.excellence:
                continue
            streak = consecutive_five(runs[: i + 1], year)
            if streak < EXCELLENCE_MIN_STREAK:
                problems.warning(
                    lau.where,
                    f"{_named(code, names)} reçoit le titre « Territoire d’excellence "
                    f"numérique » avec {_editions(streak)} à 5 @ "
                    f"(la règle R9 en demande plus de six) : le jury est souverain, "
                    "vérifiez que c’est voulu",
                )


def _editions(n: int) -> str:
    return f"{n} édition consécutive" if n <= 1 else f"{n} éditions consécutives"


def consecutive_five(runs: list[tuple[int, Laureate]], year: int) -> int:
    """The number of consecutive yearly editions at 5 @ ending at ``year``."""
    levels = {y: lau.arobases for y, lau in runs}
    streak = 0
    while levels.get(year - streak) == 5:
        streak += 1
    return streak


def _check_actions(dataset: Dataset, territories: dict[str, Territory], problems: Problems) -> None:
    ref = dataset.referentiel
    for code, actions in dataset.actions_by_territory.items():
        if code not in territories and code not in dataset.unreadable and actions:
            problems.error(
                Location(actions[0].where.file, 1, 1),
                f"collectivité « {code} » inconnue pour ce fichier d’actions : créez "
                f"data/territoires/{code}.yaml ou renommez le fichier",
            )
    for action in dataset.actions.values():
        if ref.categories and action.categorie not in ref.categories:
            problems.error(
                action.where,
                f"catégorie « {action.categorie} » inconnue (R6) : "
                f"choisissez parmi {', '.join(ref.categories)}",
            )
        if not action.services:
            problems.error(
                action.where,
                f"l’action « {action.id} » doit être classée dans au "
                "moins un service du référentiel (R6)",
            )
        for service in action.services:
            if ref.services and service not in ref.services:
                problems.error(
                    action.where,
                    f"service « {service} » inconnu (R6) dans "
                    f"l’action « {action.id} » : utilisez un id de la liste "
                    "« services » de referentiel.yaml",
                )
