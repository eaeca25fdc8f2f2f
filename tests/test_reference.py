"""The shipped reference data (reference/) and its loader."""

from __future__ import annotations

import gzip
import time

import pytest
from label_data.reference import (
    DEFAULT_DIRECTORY,
    CommuneRef,
    load_reference,
    normalize_name,
)


@pytest.fixture(scope="module")
def ref():
    return load_reference()


def test_bordeaux(ref):
    bordeaux = ref.communes.get("33063")
    assert isinstance(bordeaux, CommuneRef)
    assert (bordeaux.nom, bordeaux.departement, bordeaux.region) == ("Bordeaux", "33", "75")
    lat, lon = bordeaux.position
    assert abs(lat - 44.84) < 0.02 and abs(lon + 0.58) < 0.02
    assert bordeaux.population > 200_000
    assert "33000" in bordeaux.codes_postaux
    assert ref.departements["33"].region == "75"
    assert ref.regions["75"].nom == "Nouvelle-Aquitaine"


def test_corsica_and_overseas(ref):
    assert ref.communes.get("2A004").nom == "Ajaccio"
    assert ref.communes.get("2A004").departement == "2A"
    saint_denis = ref.communes.get("97411")
    assert (saint_denis.nom, saint_denis.departement) == ("Saint-Denis", "974")
    assert saint_denis.position[0] < -20  # southern hemisphere
    assert ref.departements["974"].nom == "La Réunion"


def test_old_code_maps_to_commune_nouvelle(ref):
    # Conques (12076) merged into Conques-en-Rouergue (12218) in 2016.
    assert ref.communes.get("12076") is None
    assert ref.current_code("12076") == "12218"
    assert ref.communes.get(ref.current_code("12076")).nom == "Conques-en-Rouergue"
    assert ref.current_code("33063") == "33063"
    assert ref.current_code("75101") == "75056"  # Paris 1er arrondissement
    assert ref.current_code("00000") is None
    # Every old code leads to a current commune, never to another old code.
    assert all(new in ref.communes for new in ref.anciens_codes.values())
    assert not set(ref.anciens_codes) & set(ref.communes)


def test_epci_has_members(ref):
    bordeaux_metropole = ref.epcis["243300316"]
    assert bordeaux_metropole.nom == "Bordeaux Métropole"
    assert "33063" in bordeaux_metropole.membres
    assert len(bordeaux_metropole.membres) == 28
    assert (bordeaux_metropole.departement, bordeaux_metropole.region) == ("33", "75")
    assert bordeaux_metropole.population == sum(
        ref.communes[m].population for m in bordeaux_metropole.membres
    )
    lat, lon = bordeaux_metropole.position
    assert abs(lat - 44.84) < 0.1 and abs(lon + 0.58) < 0.1
    assert ref.communes.get("33063").epci == "243300316"
    assert all(len(siren) == 9 and e.membres for siren, e in ref.epcis.items())


def test_find_by_name(ref):
    found = ref.find_communes_by_name("saint denis")
    assert {c.departement for c in found} >= {"93", "974"}
    assert all(c.nom == "Saint-Denis" for c in found)
    assert [c.code for c in ref.find_communes_by_name("BORDEAUX")] == ["33063"]
    assert ref.find_communes_by_name("L’Abergement Clemenciat")[0].code == "01001"
    assert ref.find_communes_by_name("St-Étienne")[0].code == "42218"
    assert ref.find_communes_by_name("Nulle-Part-sur-Rien") == []


def test_normalize_name():
    assert normalize_name("Saint-Denis") == normalize_name("saint denis")
    assert normalize_name("Œuilly") == "oeuilly"
    assert normalize_name("Ste-Marie") == "sainte marie"


def test_counts_and_codes(ref):
    assert len(ref.communes) > 34_000
    assert len(ref.epcis) > 1_200
    assert {"2A", "2B", "971", "976"} <= set(ref.departements)
    assert "20" not in ref.departements
    assert all(len(code) == 5 for code in ref.communes)
    placed = sum(1 for c in ref.communes.values() if c.position)
    assert placed > 34_800


@pytest.mark.alone  # a duration: not beside other tests
def test_load_is_fast_and_cached():
    from label_data import reference

    reference._load.cache_clear()
    start = time.perf_counter()
    first = load_reference()
    # 0.2 s on a quiet machine; 0.53 s was seen with the machine under load: not seconds.
    assert time.perf_counter() - start < 1.0
    assert load_reference() is first
    assert load_reference(DEFAULT_DIRECTORY) is first


def test_files_are_deterministic_gzip():
    for path in DEFAULT_DIRECTORY.glob("*.gz"):
        header = path.read_bytes()[:10]
        assert header[4:8] == b"\0\0\0\0", f"{path.name}: gzip mtime must be 0"
        lines = gzip.decompress(path.read_bytes()).decode().splitlines()
        if path.name.endswith(".tsv.gz"):
            keys = [line.split("\t")[0] for line in lines[1:]]
            assert keys == sorted(keys) and len(keys) == len(set(keys)), path.name
