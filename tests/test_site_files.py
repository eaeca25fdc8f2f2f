"""One URL contract, one record of the build's files: every path stays inside the output, one
path has one writer (a collision names both), and the sitemap is made from the record."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, build_site
from label_build.site_files import CONTENT_PREFIX, SiteFileError, SiteFiles
from label_data import urls
from label_data.problems import DataError
from test_validation import write_mini


def test_a_path_escaping_the_output_is_refused(tmp_path):
    files = SiteFiles(tmp_path / "site")
    for bad in ("../x.html", "/etc/passwd", "a/../../b", ""):
        with pytest.raises(SiteFileError, match="hors du dossier du site"):
            files.claim(bad, "label_pages")
    assert files.writers == {}


def test_two_writers_of_one_path_are_both_named(tmp_path):
    files = SiteFiles(tmp_path / "site")
    files.write(urls.page_file(urls.palmares(2026)), b"x", "label_pages")
    files.write("palmares/2026/index.html", b"x", "label_pages")  # the same writer again
    with pytest.raises(SiteFileError, match="label_pages et label_kits"):
        files.claim("palmares/./2026/index.html", "label_kits")


def test_an_editorial_page_over_a_data_page_is_a_problem_at_its_file(tmp_path):
    files = SiteFiles(tmp_path / "site")
    files.claim("palmares/index.html", f"{CONTENT_PREFIX}{tmp_path}/content/pages/p.md")
    with pytest.raises(DataError) as error:
        files.claim("palmares/index.html", "label_pages")
    (line,) = error.value.problems.lines()
    assert "content/pages/p.md:1:1: /palmares/index.html aurait deux auteurs" in line
    assert "label_pages" in line


def test_a_build_with_an_editorial_page_over_a_data_page_stops(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "pages" / "doublon.md").write_text(
        "Title: Palmarès\nSlug: palmares\n\nUne page éditoriale à l’adresse du palmarès.\n",
        encoding="utf-8",
    )
    data, out = write_mini(tmp_path / "data"), tmp_path / "site"
    assert build_site(out, data=data, now="2025-06-01T12:00:00+02:00") == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    capsys.readouterr()
    assert build_site(out, data=data, now="2025-06-01T12:00:00+02:00", content=content) == 1
    err = capsys.readouterr().err
    assert "pages/doublon.md:1:1: /palmares/index.html aurait deux auteurs" in err
    assert "label_pages" in err and "Traceback" not in err
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before  # previous site intact


def test_the_sitemap_lists_every_page_of_the_record(demo_site):
    sitemap = (demo_site / urls.SITEMAP_XML).read_text(encoding="utf-8")
    pages = sorted(
        p.relative_to(demo_site).as_posix().removesuffix("index.html")
        for p in demo_site.rglob("index.html")
    )
    assert urls.ADMIN in pages and f"/{urls.ADMIN}<" not in sitemap  # the editor: never listed
    pages.remove(urls.ADMIN)
    for url in pages:
        assert f"<loc>https://label.villes-internet.net/{url}</loc>" in sitemap
    assert "404.html" not in sitemap
