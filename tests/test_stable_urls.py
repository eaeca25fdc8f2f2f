"""Stable URLs across a ceremony: every URL public one second before the embargo instant still
answers after it, as a file or as a redirect of ``/_redirects`` to a file of the new site; a
collectivity whose label lapsed keeps its page and its badge (showing its last label)."""

from __future__ import annotations

from pathlib import Path

import pytest
from label_badge.badge import badge_label

# Pagefind's shard files are named by their content: the search page loads them by the
# names of its current index, and no other site links them.
NOT_CONTRACT = ("pagefind",)


@pytest.fixture(scope="module")
def ceremony(ceremony_sites) -> tuple[Path, Path]:
    return ceremony_sites["before"], ceremony_sites["at"]


def public_urls(site: Path) -> set[str]:
    urls = set()
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and not rel.startswith(NOT_CONTRACT):
            urls.add("/" + rel.removesuffix("index.html"))
    return urls


def redirect_rules(site: Path) -> dict[str, str]:
    rules = {}
    for line in (site / "_redirects").read_text(encoding="utf-8").splitlines():
        source, target, status = line.split()
        assert status == "301"
        rules[source] = target
    return rules


def answers(site: Path, url: str) -> bool:
    path = site / url.lstrip("/")
    return (path / "index.html").is_file() if url.endswith("/") else path.is_file()


def test_every_url_public_before_the_ceremony_answers_after_it(ceremony):
    before, after = ceremony
    rules = redirect_rules(after)
    lost = []
    for url in sorted(public_urls(before)):
        if answers(after, url):
            continue
        if url not in rules or not answers(after, rules[url]):
            lost.append(url)
    assert lost == []
    # The ceremony did retire files (kits of the oldest kit edition), so the test can fail.
    assert any(u.startswith("/kits/") and not answers(after, u) for u in public_urls(before))


def test_every_redirect_leads_to_a_file_and_no_file_is_shadowed(ceremony):
    _, after = ceremony
    for source, target in redirect_rules(after).items():
        assert answers(after, target), (source, target)
        assert not answers(after, source), source  # Netlify serves an existing file first


def test_a_collectivity_whose_label_lapsed_keeps_its_page_and_badge(demo_view, demo_site):
    lapsed = [t for t in demo_view.territories.values() if t.labels and t.current is None]
    assert lapsed, "the demo data has collectivities whose label lapsed"
    for t in lapsed:
        assert (demo_site / t.url / "index.html").is_file()
        badge = (demo_site / t.url / "badge.svg").read_text(encoding="utf-8")
        assert str(t.labels[-1].annee) in badge_label(t)
        assert f"<title>{badge_label(t)}</title>" in badge
