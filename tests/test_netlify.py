"""netlify.toml and package.json: the build that refuses previews, the security and cache
headers, the kits, the badge communes embed, the build cache (venv included), the plugins and
packages Netlify installs (no test tool), the embargo function. Header paths are matched the
way Netlify does."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
PACKAGE = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))


def netlify_regexp(path: str) -> re.Pattern:
    """Netlify's own translation of a header path (``:name`` one segment, ``*`` anything)."""
    parts = []
    for part in filter(None, path.split("/")):
        if part.startswith(":"):
            parts.append("([^/]+)")
        elif part == "*":
            parts.append("?(.*)")
        else:
            parts.append(re.escape(part).replace(r"\*", "(.*)"))
    return re.compile(f"^/{'/'.join(parts)}/?$", re.IGNORECASE)


def headers_for(url: str) -> dict[str, str]:
    """Every matching rule applies; a later rule's header overrides an earlier one's."""
    out: dict[str, str] = {}
    for rule in CONFIG["headers"]:
        if netlify_regexp(rule["for"]).match(url):
            out.update(rule["values"])
    return out


def csp(url: str) -> dict[str, list[str]]:
    policy = headers_for(url)["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in filter(None, map(str.strip, policy.split(";")))}


def test_build_publishes_through_the_guard():
    assert CONFIG["build"]["command"] == "make publish"
    assert CONFIG["build"]["publish"] == "output"
    assert CONFIG["build"]["environment"]["PYTHON_VERSION"] == "3.11"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    publish = makefile.split("\npublish:")[1].split("\n\n")[0]
    assert 'scripts/deploy_guard.py "$(OUTPUTDIR)"' in publish


def test_build_cache_plugin_keeps_the_cache_directory_with_the_venv_archive():
    plugin = next(p for p in CONFIG["plugins"] if p["package"] == "netlify-plugin-cache")
    assert plugin["inputs"]["paths"] == [".cache"]
    # The venv travels as one archive under .cache (made on Netlify only); a venv, kept or
    # restored, that no longer runs or runs another Python is rebuilt by the Makefile.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "VENV_ARCHIVE := .cache/venv/python$(PYTHON_AT)-$(CHECKSUM).tar" in makefile
    assert "ON_NETLIFY := $(filter true,$(NETLIFY) $(NETLIFY_LOCAL))" in makefile
    assert "$(STAMP): venv-stale" in makefile
    assert "rm -rf $(VENV); fi" in makefile


def test_every_build_plugin_is_pinned_where_netlify_installs_it():
    """Netlify's CLI refuses to build when a plugin of netlify.toml is not in package.json, and
    with NPM_FLAGS=--omit=dev only `dependencies` are installed."""
    dependencies = PACKAGE.get("dependencies", {})
    assert CONFIG["plugins"]
    for plugin in CONFIG["plugins"]:
        version = dependencies.get(plugin["package"], "")
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), (plugin["package"], version)
    locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert locked["packages"][""]["dependencies"] == dependencies
    assert locked["packages"][""]["devDependencies"] == PACKAGE["devDependencies"]


def test_netlify_installs_no_test_tool():
    assert CONFIG["build"]["environment"]["NPM_FLAGS"] == "--omit=dev"
    assert set(PACKAGE["dependencies"]) == {"netlify-plugin-cache", "@netlify/blobs"}
    for tool in ("vnu-jar", "leaflet"):  # vnu-jar's postinstall may download a JDK
        assert tool in PACKAGE["devDependencies"]
    # `make test` installs them all the same.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "npm ci --include=dev" in makefile


def test_the_embargo_function_runs_every_minute_with_its_schedule_and_its_packages():
    function = ROOT / "netlify" / "functions" / "embargo-publish"
    code = (function / "embargo-publish.mjs").read_text(encoding="utf-8")
    assert re.search(r'^export const config = \{ schedule: "\* \* \* \* \*" \};$', code, re.M)
    assert re.search(r"^export default async \(_?request, context\) =>", code, re.M)
    assert CONFIG["functions"]["directory"] == "netlify/functions"
    assert CONFIG["functions"]["embargo-publish"]["included_files"] == [
        "netlify/functions/embargo-publish/embargoes.json"
    ]
    # Every package the function imports is one Netlify installs (node: built-ins aside).
    imported = set()
    for module in function.glob("*.mjs"):
        text = module.read_text(encoding="utf-8")
        imported |= set(re.findall(r'(?:from|import\()\s*"([^".][^"]*)"', text))
    packages = {name for name in imported if not name.startswith("node:")}
    assert packages == {"@netlify/blobs"}
    assert packages <= set(PACKAGE["dependencies"])


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/palmares/2026/",
        "/territoires/bordeaux-33063/",
        "/static/css/site.0123abcd.css",
        "/404.html",
    ],
)
def test_security_headers_on_every_page(url):
    h = headers_for(url)
    assert h["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
    assert h["X-Content-Type-Options"] == "nosniff"
    assert h["Referrer-Policy"] == "strict-origin-when-cross-origin"
    denied = dict(p.strip().split("=") for p in h["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "interest-cohort"):
        assert denied[feature] == "()"
    policy = csp(url)
    assert policy["default-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    scripts = policy.get("script-src", policy["default-src"])
    assert "'self'" in scripts
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert not any(s.startswith(("http:", "https:")) or s == "*" for s in scripts)


def test_fingerprinted_assets_are_immutable_for_a_year():
    cache = headers_for("/static/css/site.0123abcd.css")["Cache-Control"]
    assert "immutable" in cache and "max-age=31536000" in cache
    assert "immutable" in headers_for("/static/js/site.0123abcd.js")["Cache-Control"]
    assert "Cache-Control" not in headers_for("/palmares/2026/")  # pages change every year
    # Fonts keep their names: never immutable.
    assert "immutable" not in headers_for("/static/fonts/a.woff2")["Cache-Control"]


def test_kits_download_as_zip():
    h = headers_for("/kits/2026/bordeaux-33063.zip")
    assert h["Content-Type"] == "application/zip"
    assert h["Content-Disposition"].startswith("attachment")
    assert "Content-Disposition" not in headers_for("/panneaux/ville-internet-3-2026.svg")


def test_fiche_technique_is_utf8_text():
    h = headers_for("/panneaux/ville-internet-3-2026-fiche-technique.txt")
    assert h["Content-Type"] == "text/plain; charset=utf-8"


def test_badge_is_embeddable_from_communes_sites():
    h = headers_for("/territoires/bordeaux-33063/badge.svg")
    assert h["Cross-Origin-Resource-Policy"] == "cross-origin"
    policy = csp("/territoires/bordeaux-33063/badge.svg")
    assert policy["frame-ancestors"] == ["*"]
    assert "script-src" not in policy and policy["default-src"] == ["'none'"]
    # The badge has no style element or attribute: no inline style is allowed (issue 13).
    assert "style-src" not in policy and "'unsafe-inline'" not in str(policy)
    # The page of the same collectivity keeps the site's own strict policy.
    assert csp("/territoires/bordeaux-33063/")["frame-ancestors"] == ["'none'"]
    assert "Cross-Origin-Resource-Policy" not in headers_for("/territoires/bordeaux-33063/")


def test_no_catch_all_redirect_hides_the_404_page():
    for rule in CONFIG.get("redirects", []):
        assert rule["from"] not in ("/*", "/")
