"""Every feed the site publishes, read by a real feed library (feedparser) as a reader would:
no parse error, a feed id and entry ids that are IRIs on the site's domain, unique and the same
from one build to the next (whatever SITEURL is), absolute links to pages of the build, and
text from the data shown as text in HTML fields. On the demo data and on a generated dataset
(conftest ``generated_site``, whose 2026 ceremony place is hostile markup)."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from conftest import HOSTILE_PLACE, build_site

DOMAIN = "https://label.villes-internet.net"
HOST = urlsplit(DOMAIN).hostname
ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 4151: tag:<authority>,<date>:<specific>; our authority is the site's host.
TAG_ID = re.compile(rf"^tag:{re.escape(HOST)},\d{{4}}-\d{{2}}-\d{{2}}:/\S*$")
PREVIEW_SITEURL = "https://deploy-preview-19--label.example.org"


def feed_files(site: Path) -> list[Path]:
    files = sorted((site / "feeds").glob("*.xml"))
    assert [f.name for f in files] == ["actualites.atom.xml", "palmares.atom.xml"]
    return files


def parse(path: Path) -> feedparser.FeedParserDict:
    """As a reader that fetched it: no base URL given but the feed's own (xml:base) one."""
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, (path.name, parsed.get("bozo_exception"))
    assert parsed.version == "atom10"
    return parsed


def on_site(url: str) -> bool:
    return url.startswith(DOMAIN + "/")


def page_of(site: Path, url: str) -> Path:
    """The built file that an absolute URL of the site serves."""
    path = urlsplit(url).path.lstrip("/")
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def is_valid_id(value: str) -> bool:
    return bool(TAG_ID.match(value)) or (on_site(value) and " " not in value)


def ids(site: Path) -> dict[str, list[str]]:
    """Each feed's id followed by its entry ids, in order."""
    out = {}
    for path in feed_files(site):
        parsed = parse(path)
        out[path.name] = [parsed.feed.id] + [e.id for e in parsed.entries]
    return out


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory) -> Path:
    """The demo data built again, elsewhere, with a SITEURL of a deploy preview (its feeds are
    what is compared: panels, kits and badges left out)."""
    out = tmp_path_factory.mktemp("preview") / "output"
    without = ("label_panels", "label_kits", "label_badge")
    settings = {"SITEURL": PREVIEW_SITEURL}
    assert build_site(out, without=without, settings=settings) == 0
    return out


@pytest.fixture(params=["demo", "generated"])
def site(request) -> Path:
    return request.getfixturevalue(f"{request.param}_site")


def test_every_feed_parses_with_ids_on_the_site_domain(site):
    seen: set[str] = set()
    for path in feed_files(site):
        parsed = parse(path)
        assert is_valid_id(parsed.feed.id), (path.name, parsed.feed.id)
        assert parsed.feed.get("title") and parsed.feed.get("updated")
        assert parsed.entries, path.name
        for entry in parsed.entries:
            assert is_valid_id(entry.id), (path.name, entry.id)
            assert entry.get("title") and entry.get("updated")
            # RFC 4287: an author for every entry, its own or the feed's.
            assert entry.get("author") or parsed.feed.get("author"), (path.name, entry.id)
        all_ids = [parsed.feed.id] + [e.id for e in parsed.entries]
        assert len(set(all_ids)) == len(all_ids), path.name
        assert not seen & set(all_ids), path.name  # no id shared between two feeds
        seen |= set(all_ids)


def test_feed_and_entry_links_are_absolute_and_lead_to_built_pages(site):
    for path in feed_files(site):
        # In the XML itself, not only as resolved by a reader: some readers ignore xml:base.
        root = ET.parse(path).getroot()
        hrefs = [link.get("href") for link in root.iter(f"{ATOM}link")]
        assert hrefs and all(on_site(h) for h in hrefs), (path.name, hrefs)
        for href in hrefs:
            assert page_of(site, href).is_file(), (path.name, href)
        for entry in parse(path).entries:
            assert on_site(entry.link) and page_of(site, entry.link).is_file(), entry.link


def test_links_inside_entry_content_resolve_on_the_site_domain(demo_site):
    parsed = parse(demo_site / "feeds" / "actualites.atom.xml")
    hrefs = [
        href
        for entry in parsed.entries
        for field in entry.get("content", [])
        for href in re.findall(r'href="([^"]+)"', field.value)
    ]
    # The news contain root-relative links (/donnees/): xml:base makes them the site's.
    assert f"{DOMAIN}/donnees/" in hrefs
    for href in hrefs:
        assert href.startswith("https://"), href
        if on_site(href):
            assert page_of(demo_site, href).is_file(), href


def test_ids_are_the_same_on_another_build_whatever_siteurl(demo_site, preview_site):
    first = ids(demo_site)
    assert ids(preview_site) == first
    news = parse(preview_site / "feeds" / "actualites.atom.xml")
    assert all(on_site(e.link) for e in news.entries)
    assert not any(
        PREVIEW_SITEURL in p.read_text(encoding="utf-8") for p in feed_files(preview_site)
    )
    # The news ids keep their article's date and path: a reader sees no new entry.
    assert (
        "tag:label.villes-internet.net,2026-05-12:/actualites/nouveau-site-du-label/"
        in (first["actualites.atom.xml"])
    )


def test_a_place_with_markup_is_text_in_the_palmares_feed(generated_site):
    path = generated_site / "feeds" / "palmares.atom.xml"
    root = ET.parse(path).getroot()
    entry = next(
        e for e in root.iter(f"{ATOM}entry") if e.find(f"{ATOM}link").get("href").endswith("/2026/")
    )
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # What the reader gets as HTML: no element from the data, the place as escaped text.
    assert "<script" not in summary.text and "<b>" not in summary.text
    assert HOSTILE_PLACE in html.unescape(summary.text)
    parsed = parse(path)
    shown = next(e for e in parsed.entries if e.link.endswith("/2026/")).summary
    assert "&lt;b&gt;Salle&lt;/b&gt;" in shown and "&lt;script&gt;" in shown
