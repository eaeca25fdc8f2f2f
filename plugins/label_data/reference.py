"""The shipped reference data: communes, EPCIs, départements and régions (standard library only).

In: the files of ``reference/`` written by scripts/refresh_reference.py (see reference/README.md
for their origin and licence). Out: a frozen ``Reference`` with lookups by code, from former
INSEE codes to the current commune, and by name, so that staff only have to give a code.
Loaded once per directory (about 0.1 s for the 35,000 communes).
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType

DEFAULT_DIRECTORY = Path(__file__).resolve().parent.parent.parent / "reference"


@dataclass(frozen=True, slots=True)
class CommuneRef:
    code: str
    nom: str
    departement: str
    region: str
    population: int | None
    codes_postaux: tuple[str, ...]
    position: tuple[float, float] | None  # (lat, lon) of the town hall
    epci: str | None  # SIREN of its intercommunality (EPCI à fiscalité propre)


@dataclass(frozen=True, slots=True)
class EpciRef:
    siren: str
    nom: str
    departement: str | None  # where most of its inhabitants live
    region: str | None
    population: int | None  # sum of its members'
    membres: tuple[str, ...]  # INSEE codes of the member communes
    position: tuple[float, float] | None  # population-weighted centre of its members


@dataclass(frozen=True, slots=True)
class DepartementRef:
    code: str
    nom: str
    region: str


@dataclass(frozen=True, slots=True)
class RegionRef:
    code: str
    nom: str


def normalize_name(nom: str) -> str:
    """Comparable form of a place name: no accents, case, hyphens or apostrophes."""
    text = nom.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    # "St Denis" and "Ste Marie" are how many people type the common prefixes.
    return re.sub(r"\b(st|ste)\b", lambda m: "saint" if m[1] == "st" else "sainte", text)


@dataclass(frozen=True)
class Reference:
    communes: Mapping[str, CommuneRef]
    epcis: Mapping[str, EpciRef]
    departements: Mapping[str, DepartementRef]
    regions: Mapping[str, RegionRef]
    anciens_codes: Mapping[str, str]  # old INSEE code -> current code (communes nouvelles)

    def current_code(self, code: str) -> str | None:
        """Current commune code for a current or former code; None when unknown."""
        if code in self.communes:
            return code
        return self.anciens_codes.get(code)

    @cached_property
    def _name_index(self) -> dict[str, tuple[CommuneRef, ...]]:
        index: dict[str, list[CommuneRef]] = {}
        for commune in self.communes.values():
            index.setdefault(normalize_name(commune.nom), []).append(commune)
        return {key: tuple(value) for key, value in index.items()}

    def find_communes_by_name(self, nom: str) -> list[CommuneRef]:
        """Current communes with this name, ignoring accents, case and hyphens; by code."""
        return list(self._name_index.get(normalize_name(nom), ()))


def _rows(path: Path) -> list[list[str]]:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    lines = data.decode("utf-8").splitlines()
    return [line.split("\t") for line in lines[1:]]  # the first line names the columns


def _position(lat: str, lon: str) -> tuple[float, float] | None:
    return (float(lat), float(lon)) if lat else None


@lru_cache(maxsize=4)
def _load(directory: Path) -> Reference:
    communes = {}
    members: dict[str, list[str]] = {}
    for code, nom, dep, reg, pop, cps, lat, lon, epci in _rows(directory / "communes.tsv.gz"):
        communes[code] = CommuneRef(
            code,
            nom,
            dep,
            reg,
            int(pop) if pop else None,
            tuple(cps.split(",")) if cps else (),
            (float(lat), float(lon)) if lat else None,
            epci or None,
        )
        if epci:
            members.setdefault(epci, []).append(code)
    epcis = {
        siren: EpciRef(
            siren,
            nom,
            dep or None,
            reg or None,
            int(pop) if pop else None,
            tuple(members.get(siren, ())),
            _position(lat, lon),
        )
        for siren, nom, dep, reg, pop, lat, lon in _rows(directory / "epcis.tsv.gz")
    }
    departements = {
        code: DepartementRef(code, nom, reg)
        for code, nom, reg in _rows(directory / "departements.tsv")
    }
    regions = {code: RegionRef(code, nom) for code, nom in _rows(directory / "regions.tsv")}
    anciens = dict(_rows(directory / "anciens-codes.tsv.gz"))
    return Reference(
        communes=MappingProxyType(communes),
        epcis=MappingProxyType(epcis),
        departements=MappingProxyType(departements),
        regions=MappingProxyType(regions),
        anciens_codes=MappingProxyType(anciens),
    )


def load_reference(directory: Path | None = None) -> Reference:
    """The reference data of ``directory`` (default: the repository's reference/), cached."""
    return _load(Path(directory or DEFAULT_DIRECTORY).resolve())
