"""Shared fixtures: the demo site built once per session (Lektor's way), small datasets in
tmp_path, and a loopback HTTP server for browser checks."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

# The demo's « now » for the tests, the one its golden pages are made at.
from scripts.regenerate_golden import DEMO_NOW

ROOT = Path(__file__).resolve().parent.parent
# The CACHEDIR builds share unless they ask for their own (see build_site): one per test run,
# made by the first process (``make test`` runs the suite on two, pytest-xdist) and handed to
# the others through the environment.
OWN_CACHE = "LABEL_TESTS_CACHE" not in os.environ  # else given (make test: both its parts)
os.environ.setdefault("LABEL_TESTS_CACHE", tempfile.mkdtemp(prefix="label-tests-cache-"))
SHARED_CACHE = Path(os.environ["LABEL_TESTS_CACHE"])


def build_site(
    output: Path,
    *,
    data: Path = ROOT / "data",
    now: str = DEMO_NOW,
    cache: Path | None = None,
    preview: bool = False,
    content: Path | None = None,
    theme: Path | None = None,
    kits_ahead: bool = False,
    without: tuple[str, ...] = (),
    settings: dict | None = None,
) -> int:
    """A build as ``make html`` runs it. ``cache``: its own CACHEDIR (a cold build when new);
    by default the session's shared one, whose panels, kits and search bundles are keyed by
    their inputs and code (tests/test_verify.py proves a cached file is a fresh one), so the
    suite makes each of them once. ``kits_ahead``: also prepare the kits under embargo, as a
    real build does after the swap (tested with the session's demo site). ``without``: plugins
    left out, for a test about one concern on a large dataset. ``settings``: other overrides
    (a SITEURL)."""
    from label_build.driver import build

    overrides = {
        "LABEL_DATA": str(data),
        "LABEL_NOW": now,
        "LABEL_CACHE": str(cache or SHARED_CACHE),
        "LABEL_PREVIEW": preview,
        "LABEL_KITS_AHEAD": kits_ahead,
    }
    if without:
        from pelican.settings import read_settings

        plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
        overrides["PLUGINS"] = [p for p in plugins if p not in without]
    if content is not None:
        overrides["PATH"] = str(content)
    if theme is not None:
        overrides["THEME"] = str(theme)
    return build(str(ROOT / "pelicanconf.py"), output, {**overrides, **(settings or {})})


def link_tree(source: Path, target: Path) -> None:
    """``source``'s files hard-linked under ``target``, skipping what another process of the
    run removes meanwhile (a cache's temporary files, an evicted bundle)."""
    for folder, _dirs, names in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            try:
                os.link(Path(folder) / name, into / name)
            except FileNotFoundError:
                continue


def made_once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder of the run made by ``make`` once, whichever process of the run asks first
    (the others wait for it, then read it): what a session fixture builds, built once even
    when the suite runs on several processes."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each process's own
    folder = root / name
    with FileLock(str(root / f"{name}.verrou")):
        if not (folder / ".fait").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder)
            (folder / ".fait").touch()
    return folder


def _build_demo(folder: Path) -> None:
    os.environ["BUILD_REPORT"] = str(folder / "rapport.json")  # its figures, for the tests
    try:
        assert build_site(folder / "output", kits_ahead=True) == 0
    finally:
        del os.environ["BUILD_REPORT"]


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo data built at DEMO_NOW (the run's shared cache, ``demo_cache``), with the kits
    of the edition under embargo prepared after it as ``make html`` does; read-only."""
    return made_once(tmp_path_factory, "demo", _build_demo) / "output"


# The demo's 2027 ceremony: one second before its embargo instant, and the instant itself.
JUST_BEFORE_2027 = "2027-02-02T10:59:59+01:00"
CEREMONY_2027 = "2027-02-02T11:00:00+01:00"


CEREMONY_SITES = {"before": ("avant", JUST_BEFORE_2027), "at": ("a-l-instant", CEREMONY_2027)}


def _build_ceremony(folder: Path) -> None:
    for name, now in CEREMONY_SITES.values():
        assert build_site(folder / name, now=now) == 0


@pytest.fixture(scope="session")
def ceremony_sites(tmp_path_factory) -> dict[str, Path]:
    """The demo data built one second before its 2027 ceremony and at its instant, into two
    folders (the shared cache): « before » and « at »; read-only for tests."""
    base = made_once(tmp_path_factory, "ceremonie", _build_ceremony)
    return {key: base / name for key, (name, _) in CEREMONY_SITES.items()}


def _generate(kind: str, target: Path, *options: str) -> None:
    script = ROOT / "scripts" / "generate_dataset.py"
    command = [sys.executable, str(script), kind, str(target), *options]
    subprocess.run(command, check=True, capture_output=True)


@pytest.fixture(scope="session")
def national_data(tmp_path_factory) -> Path:
    """A generated national-scale dataset (1,500 collectivities, 27 editions), made once per
    run for the slow tests; read-only."""
    made = made_once(tmp_path_factory, "national", lambda f: _generate("national", f / "data"))
    return made / "data"


@pytest.fixture(scope="session")
def demo_cache(demo_site) -> Path:
    return SHARED_CACHE


# The longest test files, run first: two processes share them at the start instead of one
# finishing the run alone with the last of them (pytest-xdist hands out files in order).
LONGEST_FIRST = (
    "test_search_typos.py",  # builds the 1,500-collectivity site
    "test_browser.py",
    "test_verify.py",
    "test_incremental.py",
    "test_validation.py",
    "test_hostile.py",
)


def pytest_collection_modifyitems(session, config, items) -> None:
    def rank(item) -> tuple[int, bool]:
        name = item.path.name
        place = LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)
        # Within a file, its slow test first: the national search test builds its own site
        # while the other process builds the demo site the rest of the file needs.
        return place, item.get_closest_marker("slow") is None

    items.sort(key=rank)  # stable: each file's other tests keep their order


def pytest_sessionfinish(session, exitstatus) -> None:
    # The run's first process, once all ended, removes the cache it made (not one it was given).
    if OWN_CACHE and not hasattr(session.config, "workerinput"):
        shutil.rmtree(SHARED_CACHE, ignore_errors=True)


# Markup in a place name, as hostile input would have it: every page, feed and JSON-LD block
# must show it as text.
HOSTILE_PLACE = '<script>alert("lieu")</script> <b>Salle</b> & « co »'


@pytest.fixture(scope="session")
def generated_site(tmp_path_factory) -> Path:
    """A dataset of scripts/generate_dataset.py (demo scale, another seed than the committed
    demo), built at DEMO_NOW; its 2026 ceremony takes place at HOSTILE_PLACE."""
    return made_once(tmp_path_factory, "generated", _build_generated) / "output"


def _build_generated(folder: Path) -> None:
    data = folder / "data"
    _generate("demo", data, "--seed", "19")
    edition = data / "palmares" / "2026.yaml"
    text = edition.read_text(encoding="utf-8")
    quoted = '"' + HOSTILE_PLACE.replace('"', '\\"') + '"'  # a YAML double-quoted string
    text, count = re.subn(r'lieu: "[^"]*"', lambda _: f"lieu: {quoted}", text, count=1)
    assert count == 1, "the generated edition has no ceremony place"
    edition.write_text(text, encoding="utf-8")
    # Its readers check feeds and pages: panels, kits and badges of a whole other dataset would
    # cost the run twenty seconds (hostile text in kits: test_hostile.py's hostile site).
    without = ("label_panels", "label_kits", "label_badge")
    assert build_site(folder / "output", data=data, without=without) == 0


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the demo data."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def demo_server(demo_site):
    """The demo site on http://127.0.0.1:<port>/ (Pagefind needs HTTP, not file://)."""
    handler = functools.partial(_QuietHandler, directory=str(demo_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


# Debian's chromium, one definition with the benchmark's (scripts/chromium.py).
from scripts.chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402


@pytest.fixture(scope="session")
def demo_view():
    """The published view of the demo data at DEMO_NOW (what the demo site shows)."""
    from label_data.published import published_view

    return published_view({"LABEL_DATA": str(ROOT / "data"), "LABEL_NOW": DEMO_NOW})


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


# A long-running command under test (make serve): a free port, a GET, a wait with a deadline.
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def poll_until(predicate, process, timeout: float = 600):
    """``predicate()``'s first true value, while ``process`` runs; network errors mean « not
    yet »."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read() if process.stdout else "stopped"
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError("the command never got there")
