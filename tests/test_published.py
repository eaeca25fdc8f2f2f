"""The published view: one « now » per build, the embargo instant itself, preview apart."""

from __future__ import annotations

import datetime as dt

from conftest import ROOT, SHARED_CACHE
from label_data import published
from label_data.view import PublishedView


def test_without_now_the_view_is_published_at_the_real_time():
    view = published.published_view({"LABEL_DATA": str(ROOT / "data"), "LABEL_NOW": ""})
    assert abs(view.now - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_the_driver_gives_every_generator_one_instant_and_keeps_nothing(tmp_path, monkeypatch):
    """One « now » per build, set once in the settings; no view survives the build."""
    from label_build import driver

    seen = []
    real_check = driver.check

    def spy(settings):
        seen.append(settings["LABEL_NOW"])
        return real_check(settings)

    monkeypatch.setattr(driver, "check", spy)
    overrides = {"LABEL_DATA": str(ROOT / "data"), "LABEL_NOW": "", "LABEL_PREVIEW": False}
    overrides["LABEL_CACHE"] = str(SHARED_CACHE)
    assert driver.build(str(ROOT / "pelicanconf.py"), tmp_path / "site", overrides) == 0
    assert len(seen) == 1 and dt.datetime.fromisoformat(seen[0]).tzinfo is not None
    assert not any(isinstance(v, PublishedView) for v in vars(published).values())


def settings(now: str, preview: bool = False) -> dict:
    return {"LABEL_DATA": str(ROOT / "data"), "LABEL_NOW": now, "LABEL_PREVIEW": preview}


def test_an_edition_is_published_at_its_embargo_instant_exactly():
    before = published.published_view(settings("2027-02-02T10:59:59+01:00"))
    at = published.published_view(settings("2027-02-02T11:00:00+01:00"))
    utc = published.published_view(settings("2027-02-02T10:00:00+00:00"))  # the same instant
    assert 2027 not in before.editions and before.embargoed == ()
    assert 2027 in at.editions and 2027 in utc.editions


def test_preview_shows_embargoed_editions_and_says_until_when():
    view = published.published_view(settings("2027-01-15T09:00:00+01:00", preview=True))
    assert 2027 in view.editions
    assert [year for year, _ in view.embargoed] == [2027]
    assert view.preview


def test_a_first_label_in_an_embargoed_edition_gives_no_page(data_copy):
    (data_copy / "territoires" / "48095.yaml").write_text(
        'code: "48095"\ntype: village\n', encoding="utf-8"
    )
    with (data_copy / "palmares" / "2027.yaml").open("a", encoding="utf-8") as palmares:
        palmares.write('  - territoire: "48095"\n    arobases: 2\n')
    data = {"LABEL_DATA": str(data_copy)}
    before = published.published_view({**data, "LABEL_NOW": "2027-02-02T10:59:59+01:00"})
    at = published.published_view({**data, "LABEL_NOW": "2027-02-02T11:00:00+01:00"})
    assert "48095" not in before.territories
    assert at.territories["48095"].labels[-1].annee == 2027
