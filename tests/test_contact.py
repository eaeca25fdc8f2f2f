"""Someone to contact (issue #25): the association's coordinates, the legal notice, the
current campaign on /participer/ and each collectivity's public contact, all from the data.

The demo build shows what the committed data says; other data (another association, no
site.yaml, a closed campaign) is built small, from the validation tests' mini dataset.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import SHARED_CACHE, build_site
from label_data.model import Calls
from label_pages.fmt import campaign_state, phone_href
from test_validation import edit, problems_of, write_mini

NBSP = "\u00a0"
SITE_YAML = """\
association:
  nom: Réseau Exemple
  site: https://reseau.example.org
  directeur_publication: Dominique Durand, président
  contact:
    adresse: 3 place du Marché, 69001 Lyon
    courriel: bonjour@reseau.example.org
    telephone: 04 72 00 00 01
hebergeur:
  nom: Hébergeur Exemple SAS
  adresse: 1 rue du Serveur, 59000 Lille
  telephone: 03 20 00 00 00
candidatures:
  edition: 2026
  ouverture: 2025-09-01
  cloture: 2025-12-15
  questionnaire: https://q.example.org
"""


def main_text(site: Path, url: str) -> str:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return re.search(r"<main.*?</main>", html, re.S).group(0)


def test_the_contact_page_gives_the_association_s_address_mail_and_phone(demo_site):
    main = main_text(demo_site, "contact")
    assert "12 rue des Arobases, 75011 Paris" in main
    assert '<a href="mailto:contact@villes-internet.net">' in main
    assert '<a href="tel:+33123456789">01\u00a023\u00a045\u00a067\u00a089</a>' in main
    assert '<a href="mailto:presse@villes-internet.net">' in main


def test_every_page_links_to_the_contact_page_and_the_association_s_site(demo_site):
    for page in ("index.html", "palmares/index.html", "territoires/index.html"):
        footer = (demo_site / page).read_text(encoding="utf-8").split('<footer class="pied">')[1]
        assert '<a href="/contact/">Contact</a>' in footer
        assert '<a href="https://www.villes-internet.net/">www.villes-internet.net</a>' in footer
        assert "mailto:contact@villes-internet.net" in footer


def test_the_legal_notice_names_publisher_director_and_host_with_addresses(demo_site):
    main = main_text(demo_site, "mentions-legales")
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", main)
    assert headings[:3] == ["Éditeur", "Direction de la publication", "Hébergement"]
    assert "Camille Martin, présidente de l’association" in main
    assert "12 rue des Arobases, 75011 Paris" in main
    assert "Netlify, Inc." in main and "San Francisco, CA 94104" in main


def test_participer_gives_the_campaign_s_dates_and_links_on_the_build_s_day(demo_site):
    main = main_text(demo_site, "participer")
    # The demo is built on 1 June 2026: the 2027 campaign opens in September.
    assert f"ouvriront le <strong>15{NBSP}septembre 2026</strong>" in main
    assert f"au plus tard le <strong>15{NBSP}décembre 2026</strong>" in main
    for url in ("https://www.villes-internet.net/adherer", "https://atlaas.fr"):
        assert f'href="{url}"' in main
    assert 'href="/contact/"' in main


@pytest.mark.parametrize(
    ("today", "state"),
    [
        ("2025-08-31T23:59:00+02:00", "a-venir"),
        ("2025-09-01T00:00:00+02:00", "ouverte"),
        ("2025-12-15T23:59:00+01:00", "ouverte"),  # the closing day is included, Paris time
        ("2025-12-15T23:30:00+00:00", "close"),  # 00:30 on 16 December in Paris
    ],
)
def test_the_campaign_state_follows_the_paris_day(today, state):
    calls = Calls(2026, dt.date(2025, 9, 1), dt.date(2025, 12, 15))
    assert campaign_state(calls, dt.datetime.fromisoformat(today)) == state


def test_french_numbers_are_dialled_from_abroad():
    assert phone_href("01 23 45 67 89") == "+33123456789"
    assert phone_href("+33 4 72 00 00 01") == "+33472000001"
    assert phone_href("0262.12.34.56") == "0262123456"  # Réunion: +262, not +33
    assert phone_href("0690 12 34 56") == "0690123456"


def test_other_settings_are_what_the_pages_say(tmp_path):
    data = write_mini(tmp_path / "data")
    (data / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    out = tmp_path / "output"
    assert build_site(out, data=data, now="2026-01-10T12:00:00+01:00") == 0
    legal = main_text(out, "mentions-legales")
    assert "Dominique Durand, président" in legal and "59000 Lille" in legal
    assert 'href="tel:+33320000000"' in legal
    assert "bonjour@reseau.example.org" in main_text(out, "contact")
    campaign = main_text(out, "participer")
    assert f"sont closes depuis le 15{NBSP}décembre 2025" in campaign
    assert "https://q.example.org" not in campaign  # a closed questionnaire is not offered
    footer = (out / "index.html").read_text(encoding="utf-8").split('<footer class="pied">')[1]
    assert '<a href="https://reseau.example.org">Réseau Exemple</a>' in footer


def test_without_site_yaml_the_legal_notice_still_names_publisher_and_host(tmp_path):
    data = write_mini(tmp_path / "data")
    out = tmp_path / "output"
    assert build_site(out, data=data, now="2026-01-10T12:00:00+01:00") == 0
    legal = main_text(out, "mentions-legales")
    assert "association Villes Internet" in legal and "Netlify, Inc." in legal
    assert "Les dates de la prochaine campagne seront annoncées ici" in main_text(out, "participer")


def test_a_collectivity_shows_its_public_contact_and_never_its_agent_s(demo_site, demo_view):
    t = demo_view.territories["42218"]
    main = main_text(demo_site, t.url.rstrip("/"))
    assert "Accueil de la mairie" in main
    assert '<a href="mailto:accueil-42218@example.org">' in main
    assert 'href="https://www.example.org/42218/contact"' in main
    assert "contact-42218@example.org" not in main  # the agent's (private, R13)
    without = next(c for c in demo_view.territories.values() if not c.site)
    assert "Accueil de la mairie" not in main_text(demo_site, without.url.rstrip("/"))


def test_a_bad_e_mail_in_site_yaml_is_refused_at_its_line(tmp_path):
    data = write_mini(tmp_path / "data")
    (data / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    shown = edit(data / "site.yaml", "bonjour@reseau.example.org", "bonjour(at)reseau")
    assert problems_of(data) == [
        f"{shown}:7:15: adresse électronique attendue pour courriel, comme contact@exemple.fr "
        "(lu : « bonjour(at)reseau »)"
    ]
    out = tmp_path / "output"
    assert build_site(out, data=data) != 0
    assert not out.exists()  # nothing published with the publisher's address broken


def test_a_new_address_in_site_yaml_reaches_every_page_of_a_warm_build(tmp_path, data_copy):
    """Every page's footer gives the association's e-mail: a warm build after an edit of
    site.yaml renders them all again (the settings are among what every page reads)."""
    output, cache = tmp_path / "output", SHARED_CACHE
    assert build_site(output, data=data_copy, cache=cache) == 0
    edit(data_copy / "site.yaml", "contact@villes-internet.net", "bonjour@villes-internet.net")
    assert build_site(output, data=data_copy, cache=cache) == 0
    pages = [p for p in output.rglob("*.html") if "<footer" in p.read_text(encoding="utf-8")]
    assert len(pages) > 100
    stale = [p for p in pages if "contact@villes-internet.net" in p.read_text(encoding="utf-8")]
    assert stale == []
