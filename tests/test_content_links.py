"""Editorial links are checked by the build: a link in ``content/`` to a page this dataset
does not produce stops the build at its file and line; the shipped content depends on no demo
page, so it builds on other data."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, build_site
from label_content.content_links import check_content_links
from test_validation import write_mini

DOMAIN = "https://label.villes-internet.net"


def _site(tmp_path: Path, *pages: str) -> Path:
    out = tmp_path / "site"
    for page in pages:
        (out / page).mkdir(parents=True, exist_ok=True)
        (out / page / "index.html").write_text("<p>ok</p>", encoding="utf-8")
    (out / "donnees").mkdir(parents=True, exist_ok=True)
    (out / "donnees" / "palmares-2026.csv").write_text("a\n", encoding="utf-8")
    return out


def test_links_to_missing_pages_are_reported_at_their_line_and_column(tmp_path):
    content = tmp_path / "content" / "pages"
    content.mkdir(parents=True)
    (content / "guide.md").write_text(
        "Title: Guide\n\n"
        "Voir [le palmarès](/palmares/) et [Bordeaux](/territoires/bordeaux-33063/).\n"
        'Un <a href="https://label.villes-internet.net/actions/x/">lien absolu</a>.\n'
        "[CSV](/donnees/palmares-2026.csv), [ailleurs](https://example.org/x/), [ancre](#a),\n"
        "[relatif]({filename}/pages/autre.md), [courriel](mailto:a@b.fr).\n",
        encoding="utf-8",
    )
    site = _site(tmp_path, "palmares")
    lines = check_content_links(tmp_path / "content", site, DOMAIN).lines()
    assert len(lines) == 2, lines
    assert lines[0].endswith(
        "guide.md:3:46: lien interne vers « /territoires/bordeaux-33063/ » : aucune page de ce "
        "site ne porte cette adresse. Corrigez le lien, ou liez une page qui existe quelles que "
        "soient les données (par exemple /palmares/ ou /departements/)."
    )
    assert (
        "guide.md:4:13: lien interne vers « https://label.villes-internet.net/actions/x/ »"
        in (lines[1])
    )


def test_a_link_escaping_the_site_does_not_count_as_answering(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("[x](/../../etc/passwd)\n", encoding="utf-8")
    assert check_content_links(content, _site(tmp_path), DOMAIN).errors


def test_a_broken_editorial_link_fails_the_build_with_file_and_line(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    page = content / "pages" / "participer.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nVoir [Nulle part](/territoires/nulle-part-00000/).\n",
        encoding="utf-8",
    )
    line = len(page.read_text(encoding="utf-8").splitlines())
    data = write_mini(tmp_path / "data")
    out = tmp_path / "output"
    status = build_site(out, data=data, now="2025-06-01T12:00:00+02:00", content=content)
    err = capsys.readouterr().err
    assert status == 1
    assert f"participer.md:{line}:" in err and "/territoires/nulle-part-00000/" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_the_shipped_content_builds_on_data_other_than_the_demo(tmp_path, capsys):
    """The association's data has other towns: the editorial pages link none of the demo's."""
    data = write_mini(tmp_path / "data")
    status = build_site(tmp_path / "output", data=data, now="2025-06-01T12:00:00+02:00")
    assert status == 0, capsys.readouterr().err
