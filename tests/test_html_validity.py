"""The Nu HTML Checker (npm vnu-jar, run with Java) finds no error in any HTML file of the
built demo site, every page type included."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from test_browser import PAGE_TYPES

VNU = (
    Path(__file__).resolve().parent.parent
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)


def nu_errors(*paths: Path) -> list[str]:
    """The checker's errors on the given files or directories, as 'file:line: message'."""
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json"]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.stderr.startswith("{"), run.stderr  # vnu writes its JSON report on stderr
    report = json.loads(run.stderr)
    return [
        f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in report["messages"]
        if m["type"] in ("error", "non-document-error")
    ]


@pytest.mark.browser
def test_every_page_type_exists_and_the_whole_site_has_no_html_error(demo_site):
    for path in PAGE_TYPES.values():
        file = demo_site / path.lstrip("/")
        assert (file / "index.html" if path.endswith("/") else file).is_file(), path
    assert nu_errors(demo_site) == []


@pytest.mark.browser
def test_the_checker_reports_an_error(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><html lang=fr><title>x</title><p><div></p>", "utf-8")
    assert nu_errors(bad)
