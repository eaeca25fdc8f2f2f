"""Search that finds the town (issue #25): the names index (label_search/names.py) holds the
published collectivities only, with the values of their pages' filters; typo.js's distance
(node --test); on the real search page in headless Chromium, an exact name puts that
collectivity first and its own actions before the others', results read as people speak (no
code lists, « Territoire », « Toutes »), and, on a national-scale site, a name with one letter
dropped, doubled, swapped or mistyped puts that collectivity in the first three."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from urllib.parse import quote

import pytest
from conftest import DEMO_NOW, ROOT, build_site
from label_data import urls
from label_data.published import published_view
from label_data.reference import normalize_name
from label_search.names import names_index, names_json

NBSP = "\u00a0"


def test_the_distance_and_the_matching_in_node():
    run = subprocess.run(
        ["node", "--test", str(ROOT / "tests" / "js" / "typo.test.mjs")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


def test_the_names_index_holds_each_collectivity_with_its_pages_filters(demo_site, demo_view):
    written = (demo_site / urls.SEARCH_NAMES).read_text("utf-8")
    assert written == names_json(demo_view)
    data = json.loads(written)
    assert len(data["noms"]) == len(demo_view.territories)
    fields = ("type", "niveau", "departement", "region")
    by_code = {t.code: t for t in demo_view.territories.values()}
    for name, path, resume, *refs, years in data["noms"]:
        t = by_code[path.rsplit("-", 1)[-1]]  # the code alone, or the whole path
        assert t.nom == name and f"/{t.url}".startswith(data["base"])
        page = (demo_site / t.url / "index.html").read_text("utf-8")
        assert f'data-pagefind-meta="title">{name}' in page.replace("&#39;", "'")
        for field, ref in zip(fields, refs, strict=True):
            found = re.findall(rf'data-pagefind-filter="{field}">([^<]*)<', page)
            assert found == ([data["filtres"][field][ref]] if ref >= 0 else []), (path, field)
        editions = re.findall(r'data-pagefind-filter="edition">([^<]*)<', page)
        assert years.split() == editions, path
        assert "Intercommunalité" not in resume
    assert "2027" not in written  # R10: nothing under embargo
    assert "Territoire" in data["filtres"]["type"]


NEW_CODE = "48095"  # a village first labelled in an embargoed edition (as in the R10 test)


def test_an_embargoed_edition_changes_no_byte_of_the_names_index(data_copy):
    """The file is made from the published view: a collectivity known only from the 2027
    edition under embargo gets no level from it, and the file keeps every byte."""
    (data_copy / "territoires" / f"{NEW_CODE}.yaml").write_text(
        f'code: "{NEW_CODE}"\ntype: village\ncotisations: [2027]\n', encoding="utf-8"
    )
    settings = {"LABEL_DATA": str(data_copy), "LABEL_NOW": DEMO_NOW}
    before = names_json(published_view(settings))
    with (data_copy / "palmares" / "2027.yaml").open("a", encoding="utf-8") as file:
        file.write(f'  - territoire: "{NEW_CODE}"\n    arobases: 3\n')
    assert names_json(published_view(settings)) == before
    # Once the edition is published, the village is there with its level (the test can fail).
    after = names_index(published_view({**settings, "LABEL_NOW": "2027-06-01T12:00:00+02:00"}))
    levels = after["filtres"]["niveau"]
    found = [levels[entry[4]] for entry in after["noms"] if entry[1].endswith(NEW_CODE)]
    assert found == [f"3{NBSP}@"]


@pytest.fixture(scope="module")
def tab(browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    yield page
    page.close()


RESULT_LISTS = ["recherche-resultats", "recherche-resultats-actions"]


def ask(tab, base: str, query: str) -> None:
    """Open the search page for ``query``; wait until both lists have their answer."""
    tab.goto(f"{base}/recherche/?q={quote(query)}")
    _answered(tab, query)


def ask_again(tab, query: str) -> None:
    """Search ``query`` from the search page already open, as a visitor types a new query
    and presses Entrée: Pagefind and the names index stay loaded, as they do for them."""
    tab.evaluate(
        """([q, ids]) => {
          for (const id of ids) document.getElementById(id).dataset.requete = "";
          document.getElementById('q').value = q;
          document.getElementById('recherche').requestSubmit();
        }""",
        [query, RESULT_LISTS],
    )
    _answered(tab, query)


def _answered(tab, query: str) -> None:
    """Both result lists say they hold the answer to ``query`` (search.js sets it)."""
    tab.wait_for_function(
        "([q, ids]) => ids.every(id => document.getElementById(id).dataset.requete === q)",
        arg=[query, RESULT_LISTS],
        timeout=30_000,
    )


def links(tab, list_id: str) -> list[str]:
    return tab.eval_on_selector_all(f"#{list_id} > li h3 a", "as => as.map(a => a.pathname)")


@pytest.mark.browser
def test_an_exact_name_puts_the_town_and_then_its_own_actions_first(tab, demo_server, demo_view):
    rennes = demo_view.territories["35238"]
    ask(tab, demo_server, "Rennes")
    assert links(tab, "recherche-resultats")[0] == "/" + rennes.url
    own = {"/" + demo_view.actions[a].url for a in rennes.actions}
    actions = links(tab, "recherche-resultats-actions")
    shown_own = min(len(own), len(actions))
    assert shown_own and set(actions[:shown_own]) <= own, actions
    # Each action says whose it is: two towns' « Service en ligne de proximité » differ.
    kinds = tab.eval_on_selector_all(
        "#recherche-resultats-actions .resultat-type", "ps => ps.map(p => p.textContent)"
    )
    assert kinds and all(k.startswith("Action · ") and len(k) > len("Action · ") for k in kinds)
    assert tab.errors == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Ajacio", "2A004"),
        ("Montpelier", "34172"),
        ("st etienne", "42218"),
        ("saint etiene", "42218"),
    ],
)
def test_a_name_a_letter_off_finds_the_town(tab, demo_server, demo_view, query, code):
    ask(tab, demo_server, query)
    assert "/" + demo_view.territories[code].url in links(tab, "recherche-resultats")[:3]
    assert "Aucun résultat" not in tab.inner_text("#recherche-etat")


@pytest.mark.browser
def test_a_slip_on_a_whole_name_searches_the_name_meant(tab, demo_server, demo_view):
    """« Ajacio » is searched as « Ajaccio »: Ajaccio and its actions, not the whole site
    (Pagefind's stem of the slip matched every « à »), and the page says so."""
    ajaccio = demo_view.territories["2A004"]
    ask(tab, demo_server, "Ajacio")
    status = tab.inner_text("#recherche-etat")
    assert "pour «\u00a0Ajaccio\u00a0» (vous avez tapé «\u00a0Ajacio\u00a0»)" in status
    places = links(tab, "recherche-resultats")
    assert places[0] == "/" + ajaccio.url and len(places) < len(demo_view.territories) / 4
    own = {"/" + demo_view.actions[a].url for a in ajaccio.actions}
    actions = links(tab, "recherche-resultats-actions")
    assert actions and set(actions[: len(own)]) <= own


@pytest.mark.browser
def test_the_page_reads_each_entry_url_as_the_url_contract_made_it(tab, demo_server, demo_view):
    """Most entries hold the code alone, the page spelling the slug (typo.js ``slugOf``, as
    names.py ``page_slug``): every URL it makes is a collectivity's page."""
    tab.goto(demo_server + "/recherche/")
    tab.wait_for_selector("#recherche[data-pret]")
    made = tab.evaluate(
        """async () => {
          const form = document.getElementById('recherche');
          const typo = await import(form.dataset.fautes);
          const data = await (await fetch(form.dataset.noms)).json();
          return typo.prepare(data).map((e) => e.url);
        }"""
    )
    assert sorted(made) == sorted("/" + t.url for t in demo_view.territories.values())
    assert sum("-" not in entry[1] for entry in names_index(demo_view)["noms"]) > 30


CODE_LIST = re.compile(r"\b[0-9][0-9AB][0-9]{3}\b(?:[\s.,;]+[0-9]{5}\b)+")


@pytest.mark.browser
@pytest.mark.parametrize("query", ["Rennes", "35000", "Paris", "75056", "numérique", "budget"])
def test_results_read_as_people_speak(tab, demo_server, query):
    ask(tab, demo_server, query)
    text = tab.inner_text("#recherche-collectivites") + tab.inner_text("#recherche-actions")
    assert not CODE_LIST.search(text), CODE_LIST.search(text)
    assert "Intercommunalité" not in text
    excerpts = tab.eval_on_selector_all(".resultat-extrait", "ps => ps.map(p => p.textContent)")
    assert not any(re.match(r"\s*[0-9]{5}\b", e) for e in excerpts), excerpts


@pytest.mark.browser
def test_filter_values_agree_in_gender(tab, demo_server):
    ask(tab, demo_server, "Bordeaux")
    tab.click(".recherche-affiner summary")
    tab.wait_for_selector("#filtre-region", state="visible")
    first = "s => s.options[0].textContent"
    assert tab.eval_on_selector("#filtre-region", first) == "Toutes"
    assert tab.eval_on_selector("#filtre-edition", first) == "Toutes"
    assert tab.eval_on_selector("#filtre-type", first) == "Tous"
    types = tab.eval_on_selector_all("#filtre-type option", "os => os.map(o => o.value)")
    assert "Territoire" in types and "Intercommunalité" not in types


# The national-scale check: a generated dataset of 1,500 collectivities, built once.
SAMPLE = 24
SLIPS = ("dropped", "doubled", "swapped", "mistyped")


@pytest.fixture(scope="module")
def national(tmp_path_factory, national_data):
    # The search at scale: panels, kits and badges put no name in the index, and
    # making 1,500 kits would cost minutes; the pages, names file and Pagefind are the real ones.
    out = tmp_path_factory.mktemp("national-site") / "output"
    without = ("label_panels", "label_kits", "label_badge")
    assert build_site(out, data=national_data, without=without) == 0
    yield out, published_view({"LABEL_DATA": str(national_data), "LABEL_NOW": DEMO_NOW})
    shutil.rmtree(out.parent, ignore_errors=True)


@pytest.fixture(scope="module")
def national_server(national):
    import functools
    import http.server
    import threading

    from conftest import _QuietHandler

    handler = functools.partial(_QuietHandler, directory=str(national[0]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def slip(word: str, kind: str, rng: random.Random) -> str:
    """``word`` with one slip of ``kind`` at a letter of its middle (not the first letter)."""
    letters = [k for k in range(1, len(word) - 1) if word[k].isalpha() and word[k + 1].isalpha()]
    k = rng.choice(letters)
    if kind == "dropped":
        return word[:k] + word[k + 1 :]
    if kind == "doubled":
        return word[:k] + word[k] + word[k:]
    if kind == "swapped":
        return word[:k] + word[k + 1] + word[k] + word[k + 2 :]
    other = rng.choice([c for c in "aeioulnrst" if c != word[k]])
    return word[:k] + other + word[k + 1 :]


@pytest.mark.slow
@pytest.mark.browser
def test_at_national_scale_a_slip_keeps_the_town_in_the_first_three(national, national_server, tab):
    _, view = national
    by_name: dict[str, set[str]] = {}
    for t in view.territories.values():
        by_name.setdefault(normalize_name(t.nom), set()).add("/" + t.url)
    rng = random.Random(25)
    # Six letters or more: a dropped one leaves five, the least the page tolerates a slip in.
    size = {t.code: len(normalize_name(t.nom).replace(" ", "")) for t in view.territories.values()}
    towns = [t for t in view.territories.values() if size[t.code] >= 6]
    misses = []
    tab.goto(f"{national_server}/recherche/")
    tab.wait_for_selector("#recherche[data-pret]")
    for t in rng.sample(sorted(towns, key=lambda t: t.code), SAMPLE):
        name, url = normalize_name(t.nom), "/" + t.url
        ask_again(tab, t.nom)
        first = links(tab, "recherche-resultats")
        if not first or first[0] not in by_name[name]:
            misses.append((t.nom, "exact", first[:3]))
        for kind in SLIPS:
            query = slip(name, kind, rng)
            if query in by_name:  # another collectivity's very name: it comes first, rightly
                continue
            ask_again(tab, query)
            found = links(tab, "recherche-resultats")[:3]
            if url not in found:
                misses.append((t.nom, query, found))
    assert misses == [], misses
    assert tab.errors == []
