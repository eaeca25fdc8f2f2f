"""After a build, the kits of the edition under embargo are made into the cache, never into
the site (R10): the ceremony's build then finds every one of them ready."""

from __future__ import annotations

import json

from conftest import DEMO_NOW, ROOT
from label_data.validate import parse_now, validate
from label_infra.cache import FileCache
from label_kits.prepare import AHEAD, embargoed_kits
from label_kits.publish import kit_key
from label_panels.publish import panel_files


def test_the_build_prepared_every_kit_under_embargo_in_its_cache(demo_site, demo_cache):
    assert not list((demo_site / "kits").glob("2027/*")), "a kit under embargo was published"
    report = json.loads((demo_site.parent / "rapport.json").read_text(encoding="utf-8"))
    dataset, _ = validate(ROOT / "data")
    settings = {"LABEL_CACHE": str(demo_cache), "SITE_DOMAIN": "https://label.villes-internet.net"}
    jobs = embargoed_kits(dataset, parse_now(DEMO_NOW), settings)
    assert len(jobs) > 10 and {subject.year for subject, _ in jobs} == {2027}
    assert report["counts"][AHEAD] == len(jobs)  # the demo's build made each of them
    kits = FileCache(demo_cache, "kits")
    missing = [
        subject.slug
        for subject, spec in jobs
        if not kits.holds(kit_key(subject, panel_files(spec, str(demo_cache))))
    ]
    assert missing == []  # and every one is in the cache
