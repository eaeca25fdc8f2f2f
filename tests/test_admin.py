"""The staff's web editor at /admin/ (issue 27): its configuration is the schema's, it is served
from the site's own files, French, out of the sitemap, robots and search; in headless Chromium
with every request off the site blocked, what staff type becomes files that pass the build's
validation, and a refused value shows its message in the form."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from label_admin.config import config_text, editor_config, js_pattern
from label_data import codes, schema
from label_data.fieldtypes import Email, ListOf
from label_data.validate import validate
from label_data.yamlload import ident_problem
from pelican.settings import read_settings
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_netlify import csp, headers_for

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
CONFIG = editor_config(SETTINGS)
COMMITTED = ROOT / "theme" / "admin" / "config.yml"


def collection(name: str) -> dict:
    return next(c for c in CONFIG["collections"] if c["name"] == name)


def form_field(fields: list[dict], path: str) -> dict:
    """The form's field at a dotted path (lists and objects nested as in the schema)."""
    head, _, rest = path.partition(".")
    field = next(f for f in fields if f["name"] == head)
    return form_field(field["fields"], rest) if rest else field


def test_committed_configuration_is_the_schemas():
    assert COMMITTED.read_text(encoding="utf-8") == config_text(SETTINGS), (
        "theme/admin/config.yml ne suit plus le schéma : lancez « make admin-config »"
    )


def test_configuration_is_valid_for_the_pinned_editor():
    jsonschema = pytest.importorskip("jsonschema")
    editor_schema = ROOT / "node_modules" / "@sveltia" / "cms" / "schema" / "sveltia-cms.json"
    validator = jsonschema.Draft7Validator(json.loads(editor_schema.read_text(encoding="utf-8")))
    assert [e.message[:200] for e in validator.iter_errors(CONFIG)] == []


@pytest.mark.parametrize(
    ("name", "mapping", "wrap"),
    [
        ("territoires", schema.TERRITORY, None),
        ("palmares", schema.EDITION, None),
        ("actions", schema.ACTION, "actions"),
        ("actualites", schema.NEWS, None),
        ("pages", schema.PAGE, None),
    ],
)
def test_every_field_of_the_schema_has_its_form_field(name, mapping, wrap):
    fields = collection(name)["fields"]
    if wrap:  # a file whose root is a list: one list field stands for the file
        root = form_field(fields, wrap)
        assert root["widget"] == "list" and root["root"] is True
        fields = root["fields"]
    for path, field in schema.walk(mapping):
        shown = form_field(fields, path)
        assert shown["label"] and shown["label"] != field.name or field.name == "code", path
        assert shown["required"] is field.required, path
        if field.private and "." not in path:  # staff see that it never reaches the site
            assert "(privé)" in shown["label"] and "jamais publié" in shown["hint"], path


def test_instants_are_typed_in_paris_time_and_empty_fields_not_written():
    embargo = form_field(collection("palmares")["fields"], "embargo")
    news_date = form_field(collection("actualites")["fields"], "date")
    for field in (embargo, news_date):
        assert field["widget"] == "datetime" and field["input_timezone"] == "Europe/Paris"
        assert "format" not in field  # with input_timezone, it freezes the editor
    assert CONFIG["output"]["omit_empty_optional_fields"] is True
    assert collection("territoires")["delete"] is False  # a page once published stays


@pytest.mark.parametrize(
    ("pattern", "value"),
    [(p, v) for p in (codes.COLLECTIVITY_RE, codes.DEPARTEMENT_RE, codes.REGION_RE)
     for v in ("33063", "2A004", "243300316", "33", "2B", "974", "75", "3", "330630", "2C004")],
)  # fmt: skip
def test_form_patterns_accept_what_the_build_accepts(pattern, value):
    assert bool(re.search(js_pattern(pattern), value)) == bool(pattern.match(value))


@pytest.mark.parametrize("value", ["bordeaux-1", "a", "Bordeaux", "é-t", "x_y", "-a", "a b"])
def test_form_id_pattern_is_the_builds(value):
    ident = form_field(collection("actions")["fields"][0]["fields"], "id")
    accepted = bool(re.search(ident["pattern"][0], value))
    assert accepted == (ident_problem(value, "id") is None)


@pytest.mark.parametrize(
    "value", ["contact@villes-internet.net", "a@b", "a b@c.fr", "a@b.fr.", "x@y.z", "@b.fr"]
)
def test_form_e_mail_pattern_is_the_builds(value):
    reglages = collection("reglages")["files"][0]["fields"]
    courriel = form_field(reglages, "association.contact.courriel")
    accepted = bool(re.search(courriel["pattern"][0], value))
    assert accepted == (Email().check(value, "courriel") is None)


def test_lists_of_references_choose_among_existing_entries():
    action = collection("actions")["fields"][0]["fields"]
    services = form_field(action, "services")
    assert services["widget"] == "relation" and services["multiple"] is True
    assert services["collection"] == "referentiel" and services["value_field"] == "services.*.id"
    laureate = form_field(collection("palmares")["fields"], "laureats.territoire")
    assert laureate["collection"] == "territoires" and laureate["value_field"] == "code"
    assert isinstance(schema.EDITION.fields()[-1].type, ListOf)


def test_bundle_is_the_pinned_version():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    pinned = package["devDependencies"]["@sveltia/cms"]
    version = (ROOT / "theme" / "admin" / "cms" / "VERSION").read_text(encoding="utf-8")
    assert version == f"@sveltia/cms {pinned}\n"


def test_editor_is_in_the_site_but_never_listed(demo_site: Path):
    page = (demo_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in page
    assert '<html lang="fr">' in page
    # Only the site's own scripts: no CDN, no third party.
    assert re.findall(r'src="([^"]+)"', page) == ["/admin/langue.js", "/admin/cms/sveltia-cms.js"]
    assert (demo_site / "admin" / "config.yml").read_bytes() == COMMITTED.read_bytes()
    assert "/admin/" not in (demo_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "Disallow: /admin/" in (demo_site / "robots.txt").read_text(encoding="utf-8")
    assert "data-pagefind" not in page  # the search indexes the site's own pages only


def test_editor_has_its_own_policy_and_the_site_keeps_its_strict_one():
    admin = csp("/admin/")
    assert "'unsafe-inline'" in admin["style-src"] and "'unsafe-inline'" not in admin["script-src"]
    assert "https://api.github.com" in admin["connect-src"]
    assert "'unsafe-eval'" not in admin["script-src"]
    assert headers_for("/admin/config.yml")["X-Robots-Tag"] == "noindex, nofollow"
    site = csp("/territoires/bordeaux-33063/")
    assert "'unsafe-inline'" not in site["style-src"]
    assert site["connect-src"] == ["'self'"]


# --- in the browser ------------------------------------------------------------------------

# Headless Chromium cannot answer the folder picker of « Travailler avec un dépôt local »: the
# page gets a browser-private copy of the repository (the origin private file system) instead,
# and the test reads the files the editor saved there.
PICKER = """
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle('depot', { create: true });
"""
FILL = """async (files) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry('depot', { recursive: true }); } catch {}
  const repo = await root.getDirectoryHandle('depot', { create: true });
  for (const [path, text] of Object.entries(files)) {
    let dir = repo;
    const parts = path.split('/');
    for (const name of parts.slice(0, -1)) {
      dir = await dir.getDirectoryHandle(name, { create: true });
    }
    const file = await dir.getFileHandle(parts.at(-1), { create: true });
    const writable = await file.createWritable();
    await writable.write(text);
    await writable.close();
  }
}"""
READ = """async (path) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('depot');
  const parts = path.split('/');
  for (const name of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(name);
  for (let attempt = 0; ; attempt++) {
    try {  // a file being written by the editor cannot be read for a moment
      return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
    } catch (error) {
      if (attempt > 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}"""
# The only request the editor tries off the site: GitHub's status page (blocked, harmless).
ALLOWED_ATTEMPTS = {"https://www.githubstatus.com/api/v2/status.json"}


def repository_files() -> dict[str, str]:
    files = {".git/HEAD": "ref: refs/heads/main\n"}
    for top in ("data", "content"):
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and path.suffix in (".yaml", ".md"):
                files[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return files


@pytest.fixture
def editor(browser, demo_server):
    """The editor on the demo site, in a New York browser speaking English, every request
    off the site blocked, signed in to a copy of the repository."""
    origin = demo_server.replace("127.0.0.1", "localhost")  # the editor's local mode
    context = browser.new_context(
        locale="en-US", timezone_id="America/New_York", viewport={"width": 1280, "height": 900}
    )
    attempts: list[str] = []

    def route(request_route):
        if request_route.request.url.startswith(origin + "/"):
            return request_route.continue_()
        attempts.append(request_route.request.url)
        return request_route.abort()

    context.route("**/*", route)
    context.add_init_script(PICKER)
    page = context.new_page()
    page.goto(origin + "/admin/langue.js")
    page.evaluate(FILL, repository_files())
    page.goto(origin + "/admin/")
    page.get_by_role("button", name="Travailler avec un dépôt local").click()
    page.get_by_role("treeitem", name="Collectivités").wait_for()
    yield page
    context.close()
    assert set(attempts) <= ALLOWED_ATTEMPTS


def reveal(page, locator):
    """``locator``, once the editor has drawn it: a long form draws its fields as they are
    scrolled to."""
    for _ in range(20):
        if locator.count() and locator.is_visible():
            return locator
        page.mouse.wheel(0, 400)
        time.sleep(0.3)
    return locator


def open_entry(page, collection_name: str, slug: str, landmark) -> None:
    """Go to an entry inside the editor (a reload would sign out of the local copy), until
    ``landmark`` shows: the editor may still be leaving the entry saved before."""
    for _attempt in range(3):
        page.evaluate(f"location.hash = '#/collections/{collection_name}/entries/{slug}'")
        try:
            landmark.wait_for(timeout=10_000)
            return
        except PlaywrightTimeout:
            continue
    landmark.wait_for()


def invalid_fields(page) -> list[str]:
    """The labels of the fields the editor marks in error (for a failure's message)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[aria-invalid=true]')].map(e =>
          (document.getElementById((e.getAttribute('aria-labelledby') || '').split(' ')[0])
            || {}).textContent || e.outerHTML.slice(0, 80))"""
    )


def save(page, path: str, fixes: dict | None = None) -> str:
    """Click « Enregistrer » and return the file once the editor has written it again. A field
    the editor still marks in error (a click it drew over again) is set once more, as staff
    would, from ``fixes`` (label → action)."""
    before = text = page.evaluate(READ, path)
    for _attempt in range(3):  # a click that only closes an open list is not a save
        page.get_by_role("button", name="Enregistrer").click()
        deadline = time.monotonic() + 5
        while (text := page.evaluate(READ, path)) == before and time.monotonic() < deadline:
            time.sleep(0.2)
        if text != before:
            break
        for label in invalid_fields(page):
            (fixes or {}).get(label, lambda: None)()
    assert text != before, f"{path} not saved; fields in error: {invalid_fields(page)}"
    return text


@pytest.mark.browser
@pytest.mark.alone  # the editor's widgets re-render late on a loaded machine (a fill timed out)
def test_staff_edits_become_valid_files(editor, data_copy: Path):
    page = editor
    assert "Collectivités" in page.inner_text("body") and "Palmarès" in page.inner_text("body")
    # A collectivity's website, and a refused département that shows its message.
    page.get_by_text("Bordeaux (33063)").click()
    page.get_by_role("textbox", name="Site web").fill("https://www.bordeaux.fr/")
    page.get_by_role("textbox", name="Département").fill("3")
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_text("Attendu\u00a0: numéro de département (33, 2A, 974).").is_visible()
    assert "departement" not in yaml.safe_load(page.evaluate(READ, "data/territoires/33063.yaml"))
    page.get_by_role("textbox", name="Département").fill("33")
    saved = {"territoires/33063.yaml": save(page, "data/territoires/33063.yaml")}
    # An action added to a file whose root is a list.
    add_action = page.get_by_role("button", name=re.compile("Ajouter.*action"))
    open_entry(page, "actions", "33063", add_action)
    add_action.click()
    page.get_by_role("textbox", name="Identifiant").last.fill("bordeaux-33063-900")
    page.get_by_role("textbox", name="Titre").last.fill("Atelier « Premiers pas » à la médiathèque")
    category = page.get_by_role("radio", name="Démocratie et services publics").last
    services = page.get_by_role("combobox", name="Services").last
    updated = page.get_by_role("group", name=re.compile("Mise à jour")).last

    def choose_category():
        reveal(page, category).click()

    def choose_service():
        reveal(page, services).click()
        page.get_by_role("option", name="Accessibilité numérique des services").click()
        page.get_by_role("textbox", name="Titre").last.click()  # closes the list

    def set_today():
        # « Aujourd’hui »: the editor's own control, as staff would use it.
        reveal(page, updated.get_by_role("button", name="Aujourd’hui")).click()

    page.get_by_role("textbox", name="Titre").last.hover()
    for step in (choose_category, choose_service, set_today):
        step()
    fixes = {"Catégorie": choose_category, "Services": choose_service, "Mise à jour": set_today}
    saved["actions/33063.yaml"] = save(page, "data/actions/33063.yaml", fixes)
    # The 2027 embargo moved from a New York browser: typed and kept in Paris time.
    embargo = page.get_by_role("textbox", name="Embargo (heure de Paris)")
    open_entry(page, "palmares", "2027", embargo)
    assert embargo.input_value() == "2027-02-02T11:00"
    embargo.fill("2027-02-03T14:30")
    saved["palmares/2027.yaml"] = save(page, "data/palmares/2027.yaml")
    for name, text in saved.items():
        (data_copy / name).write_text(text, encoding="utf-8")
    dataset, problems = validate(data_copy, None)
    assert problems.errors == [], problems.errors
    territory = yaml.safe_load(saved["territoires/33063.yaml"])
    assert territory["site"] == "https://www.bordeaux.fr/" and territory["departement"] == "33"
    actions = yaml.safe_load(saved["actions/33063.yaml"])
    new = next(a for a in actions if a["id"] == "bordeaux-33063-900")
    assert new["titre"] == "Atelier « Premiers pas » à la médiathèque"
    assert new["services"] == ["accessibilite-numerique"]
    today = dt.datetime.now(dt.UTC).date()
    assert abs((new["mise_a_jour"] - today).days) <= 1
    assert "embargo: 2027-02-03T14:30:00+01:00\n" in saved["palmares/2027.yaml"]
    assert dataset is not None


def test_editor_strings_staff_meet_are_french():
    # Strings the editor itself has no French for are completed at bundle time.
    chunk = next((ROOT / "theme" / "admin" / "cms" / "chunks").glob("fr-*.js"))
    text = chunk.read_text(encoding="utf-8")
    for french in ("Voir les erreurs", "Options de l’élément", "Enregistrer quand même"):
        assert french in text
