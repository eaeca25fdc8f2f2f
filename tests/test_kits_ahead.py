"""After a build, the kits of the edition under embargo are made into the cache, never into
the site (R10): the ceremony's build then finds every one of them ready."""

from __future__ import annotations

from conftest import DEMO_NOW, ROOT
from label_data.validate import parse_now, validate
from label_kits.prepare import prepare_embargoed_kits


def _cached_kits(cache) -> set[str]:
    return {p.name for p in (cache / "kits").rglob("*") if p.is_file()}


def test_the_build_prepared_every_kit_under_embargo_in_its_cache(demo_site, demo_cache):
    before = _cached_kits(demo_cache)
    in_site = list((demo_site / "kits").rglob("*.zip"))
    assert not list((demo_site / "kits").glob("2027/*")), "a kit under embargo was published"
    dataset, _ = validate(ROOT / "data")
    settings = {"LABEL_CACHE": str(demo_cache), "SITE_DOMAIN": "https://label.villes-internet.net"}
    prepared = prepare_embargoed_kits(dataset, parse_now(DEMO_NOW), settings)
    assert prepared > 10
    assert len(before) >= len(in_site) + prepared
    assert _cached_kits(demo_cache) == before  # every one was there already
