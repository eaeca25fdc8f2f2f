"""The YAML front matter of news and pages (label_content.front_matter): each problem in French at
its line of the .md file, the build refusing a bad header with the previous site intact,
``make validate`` printing it with the data problems, a news item with a header dated after
« now » held back, and the demo content (all in front matter) checked clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEMO_NOW, ROOT, build_site
from label_content.front_matter import check_content, check_file
from label_data import schema

NB = "\u00a0"
GOOD = """\
---
title: Le palmarès 2027 est dévoilé
date: 2027-02-02T11:00:00+01:00
slug: palmares-2027
summary: "Les lauréats : tous."
---

Le texte.
"""


def _check(tmp_path: Path, monkeypatch, text: str, kind=schema.NEWS) -> list[str]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir(exist_ok=True)
    path = tmp_path / "news" / "a.md"
    path.write_text(text, encoding="utf-8")
    problems = check_content({"PATH": str(tmp_path), "ARTICLE_PATHS": ["news"]})
    return [line.replace(NB, " ") for line in problems.lines()]


def test_a_good_header_and_an_old_style_file_give_no_problem(tmp_path, monkeypatch):
    assert _check(tmp_path, monkeypatch, GOOD) == []
    old = "Title: Ancien\nDate: 2027-02-02 11:00\nSlug: ancien\n\nTexte.\n"
    assert _check(tmp_path, monkeypatch, old) == []


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ('summary: "Les lauréats : tous."', "summary: Les lauréats : tous."),
            "news/a.md:5:23: syntaxe YAML invalide : deux-points inattendu : une valeur qui "
            "contient « : » s’écrit entre guillemets",
        ),
        (
            ("title: Le palmarès 2027 est dévoilé\n", ""),
            "news/a.md:2:1: le champ obligatoire « title » manque dans l’actualité",
        ),
        (
            ("slug: palmares-2027", "slug: Palmarès 2027"),
            "news/a.md:4:7: le slug « Palmarès 2027 » invalide : minuscules sans accents, "
            "chiffres et tirets seulement, 80 caractères au plus (il sert d’adresse de page)",
        ),
        (
            ("+01:00", "-05:00"),
            "news/a.md:3:7: la date « 2027-02-02T11:00:00-05:00 » : le décalage -05:00 n’est "
            "pas celui de Paris ce jour-là (+01:00, heure d’hiver) ; tel quel, c’est le "
            "2 février 2027 à 17 h 00 (heure de Paris). Pour 11 h 00 à Paris, écrivez "
            "2027-02-02T11:00:00+01:00",
        ),
        (
            ("2027-02-02T11:00:00+01:00", "2027-02-02 11:00"),
            "news/a.md:3:7: la date « 2027-02-02 11:00 » n’a pas de décalage UTC : pour "
            "11 h 00 à Paris ce jour-là (heure d’hiver), écrivez 2027-02-02T11:00:00+01:00",
        ),
        (
            ("slug: palmares-2027\n", "slug: palmares-2027\nauteur: moi\n"),
            "news/a.md:5:1: champ inconnu « auteur » dans l’actualité ; vouliez-vous dire "
            "« date » ? (champs permis : date, modified, slug, status, summary, title)",
        ),
        (
            ("title: Le palmarès 2027 est dévoilé", "title: yes"),
            "news/a.md:2:8: title « yes » serait lu comme autre chose qu’un texte : "
            'écrivez-le entre guillemets (title: "yes")',
        ),
        (
            ("---\n\nLe texte.", "\nLe texte."),
            "news/a.md:1:1: l’en-tête YAML ouvert par « --- » n’est jamais fermé : ajoutez "
            "une ligne « --- » après son dernier champ, avant le texte",
        ),
    ],
    ids=["syntax", "no-title", "slug", "offset", "no-offset", "unknown", "bool", "unclosed"],
)
def test_each_problem_at_its_line_in_french(tmp_path, monkeypatch, edit, expected):
    old, new = edit
    assert old in GOOD
    lines = _check(tmp_path, monkeypatch, GOOD.replace(old, new))
    assert len(lines) == 1, lines
    assert lines[0].startswith(expected)


def test_messages_have_french_spacing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.md"
    path.write_text(GOOD.replace("slug: palmares-2027\n", ""), encoding="utf-8")
    problems = check_content({"PATH": str(tmp_path), "ARTICLE_PATHS": ["."]})
    assert problems.lines() == [
        f"a.md:2:1: le champ obligatoire «{NB}slug{NB}» manque dans l’actualité"
    ]


def test_a_page_needs_no_date_and_a_list_is_no_header(tmp_path, monkeypatch):
    from label_data.problems import Problems

    monkeypatch.chdir(tmp_path)
    page, problems = tmp_path / "p.md", Problems()
    page.write_text("---\ntitle: Page\nslug: page\n---\n\nTexte.\n", encoding="utf-8")
    check_file(page, schema.PAGE, problems)
    assert problems.lines() == []
    page.write_text("\n\n---\n- a\n---\n", encoding="utf-8")
    check_file(page, schema.PAGE, problems)
    assert [p.replace(NB, " ") for p in problems.lines()] == [
        "p.md:4:1: la page doit être une table de champs « clé: valeur »"
    ]


def test_the_demo_content_is_all_front_matter_and_clean():
    from pelican.settings import read_settings

    for path in sorted((ROOT / "content").rglob("*.md")):
        assert path.read_text(encoding="utf-8").startswith("---\n"), path
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    assert check_content(settings).lines() == []


def test_the_demo_news_reads_its_header(demo_site):
    html = (demo_site / "actualites/candidatures-label-2027/index.html").read_text("utf-8")
    assert "Candidatures au label 2027" in html
    assert 'datetime="2026-04-15"' in html
    assert "'Les collectivités" not in html  # the YAML quotes are not part of the summary


def _bad_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    bad = GOOD.replace("+01:00", "-05:00").replace("title: Le palmarès 2027 est dévoilé\n", "")
    (content / "news" / "2027-02-02-palmares.md").write_text(bad, encoding="utf-8")
    return content


def test_the_build_refuses_a_bad_header_and_keeps_the_previous_site(tmp_path, capfd):
    out = tmp_path / "site"
    assert build_site(out, content=ROOT / "content") == 0
    before = {p: p.read_bytes() for p in sorted(out.rglob("*.html"))}
    capfd.readouterr()
    assert build_site(out, content=_bad_content(tmp_path)) == 1
    err = capfd.readouterr().err.replace(NB, " ")
    assert "news/2027-02-02-palmares.md:2:1: le champ obligatoire « title » manque" in err
    assert "news/2027-02-02-palmares.md:2:7: la date « 2027-02-02T11:00:00-05:00 »" in err
    assert f"Données invalides : 2 erreurs. Corrigez puis relancez. Le site précédent ({out})" in (
        err
    )
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in sorted(out.rglob("*.html"))} == before


def test_make_validate_prints_them_with_the_data_problems(tmp_path):
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts/validate.py")],
        env={
            "DATA": str(ROOT / "data"),
            "NOW": DEMO_NOW,
            "CONTENT": str(_bad_content(tmp_path)),
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 1
    lines = run.stdout.replace(NB, " ").strip().splitlines()
    assert lines == [
        "content/news/2027-02-02-palmares.md:2:1: le champ obligatoire « title » manque dans "
        "l’actualité",
        "content/news/2027-02-02-palmares.md:2:7: la date « 2027-02-02T11:00:00-05:00 » : le "
        "décalage -05:00 n’est pas celui de Paris ce jour-là (+01:00, heure d’hiver) ; tel quel, "
        "c’est le 2 février 2027 à 17 h 00 (heure de Paris). Pour 11 h 00 à Paris, écrivez "
        "2027-02-02T11:00:00+01:00",
        "Données invalides : 2 erreurs. Corrigez puis relancez.",
    ]
    assert "Traceback" not in run.stdout + run.stderr


def test_a_news_item_with_a_header_dated_after_now_is_held_back(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    news = GOOD.replace("Le texte.", "Le texte CANARI-ENTETE.")
    (content / "news" / "2027-02-02-palmares.md").write_text(news, encoding="utf-8")
    public, preview = tmp_path / "public", tmp_path / "apercu"
    assert build_site(public, content=content) == 0
    assert not (public / "actualites/palmares-2027").exists()
    assert "CANARI-ENTETE" not in "".join(
        p.read_text("utf-8", "replace") for p in public.rglob("*") if p.suffix in {".html", ".xml"}
    )
    assert build_site(preview, content=content, preview=True) == 0
    page = (preview / "actualites/palmares-2027/index.html").read_text("utf-8")
    assert "CANARI-ENTETE" in page
    assert 'datetime="2027-02-02"' in page
