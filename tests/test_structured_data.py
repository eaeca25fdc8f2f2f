"""The JSON-LD of every built page: each block parses, and uses only schema.org types,
the properties schema.org gives those types, and values of the expected types
(``schema_org.yaml`` beside this file, read from schema.org). On the demo data and on a
generated dataset whose 2026 ceremony place is hostile markup (conftest ``generated_site``)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import DEMO_NOW, HOSTILE_PLACE
from label_data.published import published_view
from label_pages.fmt import label_title

VOCABULARY = yaml.safe_load((Path(__file__).with_name("schema_org.yaml")).read_text("utf-8"))
BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
DOMAIN = "https://label.villes-internet.net"


def lineage(type_: str) -> list[str]:
    """The type and its parents up to Thing (empty for a type not in the vocabulary)."""
    chain = []
    while type_ in VOCABULARY:
        chain.append(type_)
        type_ = VOCABULARY[type_]["parent"]
    return chain


def properties(type_: str) -> dict[str, list[str]]:
    return {p: r for t in lineage(type_) for p, r in VOCABULARY[t]["properties"].items()}


def node_problems(node: dict, where: str) -> list[str]:
    type_ = node.get("@type")
    if not lineage(type_):
        return [f"{where}: type {type_!r} not in the vocabulary"]
    allowed, problems = properties(type_), []
    for key, value in node.items():
        if key.startswith("@"):
            if key not in ("@type", "@id"):
                problems.append(f"{where}: {key} below the root")
        elif key not in allowed:
            problems.append(f"{where}: {type_} has no property {key}")
        else:
            for item in value if isinstance(value, list) else [value]:
                problems += value_problems(item, allowed[key], f"{where} > {type_}.{key}")
    return problems


def value_problems(value, expected: list[str], where: str) -> list[str]:
    if isinstance(value, dict):
        fits = any(e in lineage(value.get("@type")) for e in expected)
        own = [] if fits else [f"{where}: {value.get('@type')!r} not in {expected}"]
        return own + node_problems(value, where)
    if isinstance(value, bool):
        ok = False
    elif isinstance(value, int):
        ok = bool({"Integer", "Number"} & set(expected))
    elif isinstance(value, float):
        ok = "Number" in expected
    elif isinstance(value, str):
        ok = "Text" in expected or _is_url_or_date(value, expected)
    else:
        ok = False
    return [] if ok else [f"{where}: value {value!r} not in {expected}"]


def _is_url_or_date(value: str, expected: list[str]) -> bool:
    if "URL" in expected and re.fullmatch(r"https?://[^\s<>\"]+", value):
        return True
    if {"Date", "DateTime"} & set(expected):
        try:
            dt.datetime.fromisoformat(value)
            return True
        except ValueError:
            return False
    return False


def block_problems(data) -> list[str]:
    if not isinstance(data, dict) or data.get("@context") != "https://schema.org":
        return ["not an object in the https://schema.org context"]
    return node_problems({k: v for k, v in data.items() if k != "@context"}, "")


def types_in(node) -> set[str]:
    if isinstance(node, list):
        return set().union(*(types_in(n) for n in node)) if node else set()
    if isinstance(node, dict):
        return {node.get("@type")} | types_in(list(node.values()))
    return set()


def blocks(page: Path) -> list[dict]:
    text = page.read_text(encoding="utf-8")
    found = BLOCK.findall(text)
    assert len(found) == text.count("application/ld+json"), page  # none escapes the pattern
    return [json.loads(block) for block in found]


@pytest.fixture(params=["demo", "generated"])
def site(request) -> Path:
    return request.getfixturevalue(f"{request.param}_site")


def test_every_jsonld_block_uses_only_schema_org_types_and_their_properties(site):
    problems, types, count = [], set(), 0
    for page in sorted(site.rglob("*.html")):
        for data in blocks(page):
            count += 1
            types |= types_in(data)
            problems += [f"{page.relative_to(site)}{p}" for p in block_problems(data)]
    assert problems == []
    assert count > 30
    expected = {"GovernmentOrganization", "City", "AdministrativeArea", "GeoCoordinates"}
    assert types >= expected | {"ItemList", "ListItem", "Event", "Place", "Organization"}


def test_the_check_refuses_what_schema_org_does_not_define():
    # The shape the collectivity pages had: an award on a place.
    city = {"@context": "https://schema.org", "@type": "City", "name": "X", "award": ["Y"]}
    assert block_problems(city) == [": City has no property award"]
    listing = {"@context": "https://schema.org", "@type": "ItemList", "about": {"@type": "Event"}}
    assert block_problems(listing) == [": ItemList has no property about"]
    event = {"@context": "https://schema.org", "@type": "Event", "startDate": "3 février"}
    assert block_problems(event) == [
        " > Event.startDate: value '3 février' not in ['Date', 'DateTime']"
    ]
    area = {"@type": "Event"}  # an Event is no place
    org = {"@context": "https://schema.org", "@type": "Organization", "areaServed": area}
    assert len(block_problems(org)) == 1
    no_context = block_problems({"@type": "Thing"})
    assert no_context == ["not an object in the https://schema.org context"]
    assert block_problems({"@context": "https://schema.org", "@type": "Town"}) != []


def test_a_collectivity_is_the_organisation_that_holds_its_labels(demo_site, demo_view):
    kinds = set()
    for t in demo_view.territories.values():
        (data,) = blocks(demo_site / t.url / "index.html")
        assert data["@type"] == "GovernmentOrganization" and data["url"] == f"{DOMAIN}/{t.url}"
        awards = [label_title(t.type, lab.arobases, lab.annee) for lab in t.labels]
        assert data.get("award", []) == awards
        area = data["areaServed"]
        assert area["name"] == t.nom
        assert area["@type"] == ("AdministrativeArea" if t.type == "territoire" else "City")
        assert ("geo" in area) == (t.position is not None)
        kinds.add(area["@type"])
    assert kinds == {"City", "AdministrativeArea"}


def test_the_ceremony_is_an_event_and_its_place_stays_text(generated_site):
    view = published_view(
        {"LABEL_DATA": str(generated_site.parent / "data"), "LABEL_NOW": DEMO_NOW}
    )
    edition = view.editions[2026]
    assert edition.ceremonie_lieu == HOSTILE_PLACE
    (data,) = blocks(generated_site / "palmares" / "2026" / "index.html")
    assert data["@type"] == "ItemList" and data["numberOfItems"] == len(edition.laureates)
    event = data["subjectOf"]
    assert event["@type"] == "Event"
    assert event["startDate"] == edition.ceremonie_date.isoformat()
    assert event["location"] == {"@type": "Place", "name": HOSTILE_PLACE}


def test_vocabulary_file_is_consistent():
    for name, spec in VOCABULARY.items():
        assert spec["parent"] is None or spec["parent"] in VOCABULARY, name
        assert lineage(name)[-1] == "Thing", name
