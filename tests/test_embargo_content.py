"""R10 for news and editorial pages: a content dated after the build's « now » changes no byte of
the public output (zips and search index included), appears in the first build at or after its
date (warm or cold), goes into the scheduled function's schedule, and shows in the preview
under the banner."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import DEMO_NOW, ROOT, SHARED_CACHE, build_site
from test_embargo_privacy import leaks
from test_embargo_schedule import snapshot
from test_incremental import digests

# Written as staff would, in Paris time without offset: half an hour after the palmarès 2027,
# which it links. DEMO_NOW is months before; the page's date is the spring clock change.
NEWS_DATE = "2027-02-02 11:30"
AT_NEWS = "2027-02-02T11:30:00+01:00"
PAGE_DATE = "2027-03-28 11:00"
CANARIES = [
    "TITRE-CANARI-ACTU",
    "RESUME-CANARI-ACTU",
    "CORPS-CANARI-ACTU",
    "slug-canari-actu",
    "laureats-canari-actu",  # an image only the future news item shows
]
PAGE_CANARIES = ["TITRE-CANARI-PAGE", "CORPS-CANARI-PAGE"]
NEWS = f"""\
Title: Le palmarès est dévoilé TITRE-CANARI-ACTU
Date: {NEWS_DATE}
Slug: slug-canari-actu
Summary: Les lauréats RESUME-CANARI-ACTU.

Le texte CORPS-CANARI-ACTU, avec un lien vers une page [sous embargo jusque-là](/palmares/2027/).

![Les lauréats]({{static}}/images/laureats-canari-actu.png)
"""
PAGE = f"""\
Title: Une page TITRE-CANARI-PAGE
Date: {PAGE_DATE}
Slug: page-canari

Le texte CORPS-CANARI-PAGE.
"""


def with_future_content(content: Path) -> Path:
    from PIL import Image

    (content / "images").mkdir(exist_ok=True)
    Image.new("RGB", (8, 8), "white").save(content / "images" / "laureats-canari-actu.png")
    (content / "news" / "2026-06-01-canari.md").write_text(NEWS, encoding="utf-8")
    (content / "pages" / "page-canari.md").write_text(PAGE, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def contents(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("contenu")
    without = base / "sans"
    shutil.copytree(ROOT / "content", without)
    planted = base / "avec"
    shutil.copytree(ROOT / "content", planted)
    return without, with_future_content(planted)


@pytest.fixture(scope="module")
def sites(tmp_path_factory, contents) -> dict[str, Path]:
    """The public site without and with the future content (one cache: Pagefind's filter files
    differ between two runs on the same pages, so bundles are shared through the cache), and
    the one built at the news item's date."""
    without, planted = contents
    base = tmp_path_factory.mktemp("sites")
    cache = SHARED_CACHE
    out = {name: base / name for name in ("sans", "avec", "apres")}
    assert build_site(out["sans"], content=without, cache=cache) == 0
    assert build_site(out["avec"], content=planted, cache=cache) == 0
    assert build_site(out["apres"], content=planted, now=AT_NEWS) == 0
    return out


def test_future_content_changes_no_byte_of_the_public_site(sites):
    without, planted = snapshot(sites["sans"]), snapshot(sites["avec"])
    assert sorted(planted) == sorted(without)
    assert [name for name in planted if planted[name] != without[name]] == []


def test_no_canary_anywhere_before_the_date(sites):
    assert leaks(sites["avec"], CANARIES + PAGE_CANARIES) == []


def test_the_news_item_appears_at_its_date_everywhere(sites):
    site = sites["apres"]
    found = leaks(site, CANARIES)
    for where in (
        "actualites/slug-canari-actu/index.html",
        "actualites/index.html",
        "index.html",
        "feeds/actualites.atom.xml",
        "sitemap.xml",
        "images/laureats-canari-actu.png (path)",
    ):
        assert any(line.startswith(where) for line in found), where
    # News are not in the search index; the scan reads it (a collectivity's name is found).
    assert any(line.startswith("pagefind/fragment/") for line in leaks(site, ["Bordeaux"]))
    # The page's date has not come yet.
    assert leaks(site, PAGE_CANARIES) == []


def test_a_warm_build_at_the_date_equals_the_cold_one(tmp_path, contents, sites):
    """Over the site and cache of the build one second before (the nothing-changed record must
    notice that « now » reached a news item's date)."""
    _, planted = contents
    out, cache = tmp_path / "site", SHARED_CACHE
    assert build_site(out, content=planted, cache=cache) == 0
    assert build_site(out, content=planted, now=AT_NEWS, cache=cache) == 0
    # Pagefind names its filter files differently at each run on a fresh cache (its #638):
    # the search bundles are compared by the incremental tests, which share a cache.
    assert digests(out, search=False) == digests(sites["apres"], search=False)


def test_the_schedule_lists_the_held_back_content(tmp_path, contents):
    from label_build.driver import build

    _, planted = contents
    schedule = tmp_path / "embargoes.json"
    overrides = {
        "LABEL_DATA": str(ROOT / "data"),
        "LABEL_NOW": DEMO_NOW,
        "LABEL_CACHE": str(SHARED_CACHE),
        "LABEL_PREVIEW": False,
        "LABEL_SCHEDULE": str(schedule),
        "PATH": str(planted),
    }
    assert build(str(ROOT / "publishconf.py"), tmp_path / "out", overrides, publish=True) == 0
    entries = json.loads(schedule.read_text("utf-8"))["publications"]
    # The demo's own news dated after DEMO_NOW are listed too, in the order of their instants.
    instants = [dt.datetime.fromisoformat(e["instant"]) for e in entries]
    assert instants == sorted(instants) and min(instants) > dt.datetime.fromisoformat(DEMO_NOW)
    assert [e for e in entries if "CANARI" in e["nom"] or "palmarès" in e["nom"]] == [
        {
            "nom": "palmarès 2027",
            "instant": "2027-02-02T11:00:00+01:00",
            "page": "/palmares/2027/",
        },
        {
            "nom": "actualité «\u00a0Le palmarès est dévoilé TITRE-CANARI-ACTU\u00a0»",
            "instant": "2027-02-02T11:30:00+01:00",
            "page": "/actualites/slug-canari-actu/",
        },
        {
            "nom": "page «\u00a0Une page TITRE-CANARI-PAGE\u00a0»",
            "instant": "2027-03-28T11:00:00+02:00",
            "page": "/page-canari/",
        },
    ]


def test_the_preview_shows_it_under_the_banner(tmp_path, contents, capfd):
    _, planted = contents
    out = tmp_path / "output-apercu"
    assert build_site(out, content=planted, preview=True) == 0
    home = (out / "index.html").read_text("utf-8")
    assert "TITRE-CANARI-ACTU" in home
    article = (out / "actualites" / "slug-canari-actu" / "index.html").read_text("utf-8")
    assert (
        "EMBARGO — ne pas diffuser avant le 2\u00a0février 2027 à 11\u00a0h\u00a030 "
        "(heure de Paris)</strong> (actualité «\u00a0Le palmarès est dévoilé TITRE-CANARI-ACTU"
    ) in article
    assert "(heure de Paris), dans 8\u00a0mois (montrée dans l’aperçu)" in capfd.readouterr().err


def test_a_public_build_says_what_it_held_back(tmp_path, contents, capfd):
    _, planted = contents
    assert build_site(tmp_path / "out", content=planted) == 0
    err = capfd.readouterr().err
    assert (
        "Actualité «\u00a0Le palmarès est dévoilé TITRE-CANARI-ACTU\u00a0» : SOUS EMBARGO "
        "jusqu’au 2\u00a0février 2027 à 11\u00a0h\u00a030 (heure de Paris), "
        "dans 8\u00a0mois (absente du site)"
    ) in err


def test_make_validate_names_what_is_under_embargo(contents):
    import datetime as dt

    from label_content.dated import held_lines, scan

    _, planted = contents
    before = dt.datetime.fromisoformat("2027-02-02T11:29:00+01:00")
    lines = held_lines(scan(str(ROOT / "pelicanconf.py"), before, {"PATH": str(planted)}))
    assert lines == [
        "Actualité «\u00a0Le palmarès est dévoilé TITRE-CANARI-ACTU\u00a0» : SOUS EMBARGO jusqu’au "
        "2\u00a0février 2027 à 11\u00a0h\u00a030 (heure de Paris), dans 1\u00a0minute "
        "(absente du site)",
        "Page «\u00a0Une page TITRE-CANARI-PAGE\u00a0» : SOUS EMBARGO jusqu’au 28\u00a0mars 2027 à "
        "11\u00a0h\u00a000 (heure de Paris), dans 2\u00a0mois (absente du site)",
    ]


def test_a_link_to_held_back_news_says_why_it_is_missing(tmp_path, contents, capfd):
    _, planted = contents
    content = tmp_path / "content"
    shutil.copytree(planted, content)
    (content / "pages" / "lien.md").write_text(
        "Title: Lien\nSlug: lien\n\nVoir [le palmarès](/actualites/slug-canari-actu/).\n",
        encoding="utf-8",
    )
    assert build_site(tmp_path / "out", content=content) == 1
    err = capfd.readouterr().err
    assert (
        "pages/lien.md:4:20: lien interne vers « /actualites/slug-canari-actu/ » : "
        "actualité «\u00a0Le palmarès est dévoilé TITRE-CANARI-ACTU\u00a0» est sous embargo "
        "jusqu’au 2\u00a0février 2027 à 11\u00a0h\u00a030 (heure de Paris)"
    ) in err
    assert "Traceback" not in err
