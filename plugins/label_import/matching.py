"""Find the collectivity a spreadsheet row means, from its code or its name.

In: the cells code, nom and département of a row, the reference data and the territories
already in ``data/territoires``. Out: a ``Candidate`` (current code, name, kind, population), or
a French message for staff that says what to write instead; an ambiguous name lists every
candidate with its département and code, so that staff only copy the right code.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from label_data.codes import DEPARTEMENT_RE, INSEE_RE, SIREN_RE
from label_data.reference import Reference, normalize_name


@dataclass(frozen=True)
class Candidate:
    code: str  # current INSEE code, or SIREN
    nom: str
    departement: str | None
    population: int | None
    epci: bool  # an intercommunality (SIREN), else a commune


class MatchError(ValueError):
    """A row that cannot be matched; ``column`` is the canonical column to blame."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column


def clean_code(raw: str) -> tuple[str, str | None]:
    """The code as the reference writes it, and a note when it had to be repaired."""
    code = re.sub(r"[\s\u00a0\u202f]", "", raw).upper()
    if re.fullmatch(r"\d+\.0", code):  # a spreadsheet number exported as 33063.0
        code = code[:-2]
    if re.fullmatch(r"\d{4}", code):
        return "0" + code, f"code « {raw} » lu comme 0{code} (le tableur a retiré le zéro initial)"
    return code, None


class Matcher:
    def __init__(self, reference: Reference, known: Mapping[str, str]):
        """``known``: code -> name of the territories already in the data directory."""
        self.ref = reference
        self.known = known

    @cached_property
    def _epci_names(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for siren, epci in self.ref.epcis.items():
            index.setdefault(normalize_name(epci.nom), []).append(siren)
        return index

    @cached_property
    def _known_names(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for code, nom in self.known.items():
            index.setdefault(normalize_name(nom), []).append(code)
        return index

    def candidate(self, code: str) -> Candidate | None:
        commune = self.ref.communes.get(code)
        if commune is not None:
            return Candidate(code, commune.nom, commune.departement, commune.population, False)
        epci = self.ref.epcis.get(code)
        if epci is not None:
            return Candidate(code, epci.nom, epci.departement, epci.population, True)
        return None

    def departement_name(self, code: str | None) -> str:
        dep = self.ref.departements.get(code or "")
        return dep.nom if dep else (code or "?")

    def describe(self, c: Candidate) -> str:
        where = self.departement_name(c.departement)
        mark = ", déjà dans data/territoires" if c.code in self.known else ""
        return f"{c.code} {c.nom} ({where}{mark})"

    # -- by code ------------------------------------------------------------------------------
    def by_code(self, raw: str, nom: str) -> tuple[Candidate, list[str]]:
        code, note = clean_code(raw)
        notes = [note] if note else []
        if DEPARTEMENT_RE.match(code):
            raise MatchError(
                "code",
                f"« {raw} » est un code de département : un département ne "
                "peut pas être candidat (R1) ; écrivez le code INSEE de la commune",
            )
        if SIREN_RE.match(code):
            found = self.candidate(code)
            if found is None:
                raise MatchError(
                    "code",
                    f"SIREN {code} absent de la liste officielle des "
                    "intercommunalités : vérifiez-le sur banatic ou l’INSEE",
                )
            return found, notes
        if not INSEE_RE.match(code):
            raise MatchError(
                "code",
                f"code « {raw} » mal formé : un code INSEE a 5 caractères "
                "(33063, 2A004), un SIREN 9 chiffres",
            )
        current = self.ref.current_code(code)
        if current is None:
            raise MatchError(
                "code",
                f"code INSEE {code} absent de la liste officielle des "
                "communes : vérifiez-le sur le Code officiel géographique",
            )
        found = self.candidate(current)
        assert found is not None
        if current != code:
            notes.append(
                f"{code} est l’ancien code d’une commune fusionnée : enregistré sous "
                f"{current} ({found.nom})"
            )
        elif nom and not self._same_name(found, nom):
            raise MatchError(
                "nom",
                f"le code {code} désigne {self.describe(found)}, pas "
                f"« {nom} » : corrigez le code ou le nom",
            )
        return found, notes

    def _same_name(self, c: Candidate, nom: str) -> bool:
        key = normalize_name(nom)
        names = {normalize_name(c.nom)}
        if c.code in self.known:
            names.add(normalize_name(self.known[c.code]))
        # Intercommunalities go by many short names (« CC du Pays de… »): not checked.
        return c.epci or key in names

    # -- by name ------------------------------------------------------------------------------
    def by_name(self, nom: str, departement: str) -> Candidate:
        key = normalize_name(nom)
        codes = {c.code for c in self.ref.find_communes_by_name(nom)}
        codes.update(self._epci_names.get(key, ()))
        codes.update(self._known_names.get(key, ()))
        found = sorted((c for c in map(self.candidate, codes) if c), key=lambda c: c.code)
        dep = self._departement(departement) if departement else None
        if departement and dep is None:
            raise MatchError(
                "departement",
                f"département « {departement} » inconnu : écrivez "
                "son numéro (33, 2A, 974) ou son nom",
            )
        if dep is not None:
            found = [c for c in found if c.departement == dep]
        within = f" dans le département {self.departement_name(dep)}" if dep else ""
        if not found:
            hint = self._suggest(key, dep)
            tip = f" ; vouliez-vous dire {hint} ?" if hint else ""
            raise MatchError(
                "nom",
                f"aucune commune ni intercommunalité ne s’appelle « {nom} »"
                f"{within}{tip} Vérifiez l’orthographe ou donnez le code INSEE "
                "dans la colonne code",
            )
        if len(found) > 1:
            listed = ", ".join(self.describe(c) for c in found)
            raise MatchError(
                "nom",
                f"« {nom} » désigne plusieurs collectivités{within} : "
                f"précisez le code INSEE dans la colonne code : {listed}",
            )
        return found[0]

    def _departement(self, text: str) -> str | None:
        code, _ = clean_code(text)
        if len(code) == 1 and code.isdigit():
            code = "0" + code
        if code in self.ref.departements:
            return code
        key = normalize_name(text)
        return next(
            (c for c, d in self.ref.departements.items() if normalize_name(d.nom) == key), None
        )

    def _suggest(self, key: str, dep: str | None) -> str | None:
        names = {
            normalize_name(c.nom): c
            for c in self.ref.communes.values()
            if dep is None or c.departement == dep
        }
        close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.8)
        return (
            ", ".join(
                f"« {names[k].nom} » ({self.departement_name(names[k].departement)})" for k in close
            )
            or None
        )
