"""Internal links of the built demo site: every href, src and srcset of every HTML file that
points inside the site resolves to a file of the output, every fragment (#id) to an element of
its target page, and every url() of the stylesheets to a file. Standard library only; fast."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

BASE = "http://site.invalid/"  # resolves relative references; never requested
URL_ATTRS = {"href", "src", "poster", "data"}


class _Refs(HTMLParser):
    """Collects the URLs a page refers to, and the ids it defines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRS:
                self.urls.append(value.strip())
            elif name == "srcset":
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name in ("id", "name") and tag != "meta":
                self.ids.add(value)

    handle_startendtag = handle_starttag


def page_url(site: Path, file: Path) -> str:
    """The URL a file is served at: /x/index.html is /x/."""
    rel = file.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def target_file(site: Path, path: str) -> Path | None:
    """The file a static host serves for a URL path, or None."""
    local = site / unquote(path).lstrip("/")
    if path.endswith("/"):
        local = local / "index.html"
    if local.is_file():
        return local
    if (local / "index.html").is_file():
        return local / "index.html"
    return None


def parse(file: Path) -> _Refs:
    refs = _Refs()
    refs.feed(file.read_text("utf-8"))
    return refs


def broken_links(site: Path) -> list[str]:
    """Every internal reference of every HTML file that does not resolve, as 'page -> url'."""
    pages = sorted(site.rglob("*.html"))
    parsed = {file: parse(file) for file in pages}
    broken = []
    for file, refs in parsed.items():
        here = urljoin(BASE, page_url(site, file).lstrip("/"))
        for url in refs.urls:
            absolute = urljoin(here, url)
            parts = urlsplit(absolute)
            if not absolute.startswith(BASE) or url.startswith("//"):
                continue  # another site (or mailto:, tel:, data:): not ours to check
            target = target_file(site, parts.path)
            if target is None:
                broken.append(f"{page_url(site, file)} -> {url}")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page_url(site, file)} -> {url} (no such id)")
    return broken


def test_every_internal_link_and_asset_resolves(demo_site):
    assert len(list(demo_site.rglob("*.html"))) > 100
    assert broken_links(demo_site) == []


def test_the_checker_sees_a_broken_link_and_a_missing_id(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="x"><a href="../b/">b</a> <a href="#x">ok</a> <a href="#y">no id</a>'
        ' <img src="/i.png" alt=""> <a href="https://example.org/">out</a>'
        ' <a href="mailto:a@example.org">m</a></p>',
        "utf-8",
    )
    assert broken_links(tmp_path) == ["/a/ -> ../b/", "/a/ -> #y (no such id)", "/a/ -> /i.png"]


def test_stylesheet_urls_resolve(demo_site):
    sheets = sorted((demo_site / "static" / "css").glob("*.css"))
    assert sheets
    missing = []
    for sheet in sheets:
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text("utf-8")):
            if ref.startswith("data:"):
                continue
            if not (sheet.parent / ref.split("#")[0].split("?")[0]).resolve().is_file():
                missing.append(f"{sheet.name} -> {ref}")
    assert missing == []
