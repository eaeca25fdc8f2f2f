"""``make serve`` follows every edit without a restart: on a copy of the project, an edited
``site.css`` is served under its new fingerprinted name, and the open page is told to reload.
The reload script is added by the server only, never written into the built site. An edited
data file is rebuilt, the waiting long poll answers with the new generation, and the log says
how long it took from the save to the new site (no threshold: machines are noisy)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SHARED_CACHE, free_port, http_get, poll_until

sys.path.insert(0, str(ROOT / "scripts"))
from bench_serve import copy_project  # noqa: E402

COPIED = ("Makefile", "pyproject.toml", "pelicanconf.py", "plugins", "theme", "content")
COPIED += ("scripts", "data", "assets", "reference")
CSS = re.compile(r"/static/css/site\.([0-9a-f]+)\.css")
FIGURE = re.compile(
    r"Site reconstruit (\d+,\d)\u00a0s après l’enregistrement de data/actions/33063\.yaml "
    r"\(détection (\d+,\d)\u00a0s, construction (\d+,\d)\u00a0s\)"
)


@pytest.fixture
def project(tmp_path) -> Path:
    copy = tmp_path / "projet"
    copy.mkdir()
    copy_project(copy, COPIED)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


@pytest.fixture
def served(project, tmp_path):
    """``make serve`` running on the copy: its home URL, the process, and its log file."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("OUTPUTDIR", "PREVIEW", "DATA")}
    # The run's shared cache: the copy's first build finds its panels and kits made (their keys
    # are the inputs and the code's digest, the same in the copy).
    env.update(CACHEDIR=str(SHARED_CACHE), NOW="2026-06-01T12:00:00+02:00")
    log = tmp_path / "serve.log"
    with log.open("w") as handle:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"PORT={port}"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=handle,
            start_new_session=True,
        )
    try:
        yield f"http://127.0.0.1:{port}/", server, log
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_an_edited_stylesheet_is_served_under_its_new_name(project, served):
    home, server, _ = served
    first = poll_until(lambda: CSS.search(http_get(home)), server).group(1)
    generation = http_get(home + "__serve__/generation")
    assert '<script src="/__serve__/reload.js"></script>' in http_get(home)
    css = project / "theme" / "static" / "css" / "site.css"
    css.write_text(css.read_text("utf-8") + "\n.edition-test { color: #123456; }\n", "utf-8")
    second = poll_until(
        lambda: (m := CSS.search(http_get(home))) and m.group(1) != first and m, server
    )
    new_css = http_get(f"{home}static/css/site.{second.group(1)}.css")
    assert ".edition-test{color:#123456}" in new_css  # served minified
    # The open page is told to reload once the build has finished (after the swap).
    poll_until(lambda: http_get(home + "__serve__/generation") != generation, server, 120)
    built = (project / "output" / "index.html").read_text("utf-8")
    assert "__serve__" not in built and second.group(1) in built


def test_an_edited_action_is_timed_from_the_save(project, served):
    home, server, log = served
    poll_until(lambda: http_get(home), server)
    generation = http_get(home + "__serve__/generation")
    time.sleep(1)  # the watcher starts just after the server: let it settle
    action = project / "data" / "actions" / "33063.yaml"
    action.write_text(action.read_text("utf-8").replace('titre: "', 'titre: "(modifié) ', 1))
    # The long poll (held by the server until the generation changes) answers the new one.
    waiting = home + f"__serve__/generation?vue={generation}"
    poll_until(lambda: http_get(waiting) != generation, server, 120)
    figure = poll_until(lambda: FIGURE.search(log.read_text("utf-8")), server, 30)
    total, detection, build = (float(g.replace(",", ".")) for g in figure.groups())
    assert build > 0 and abs(total - detection - build) <= 0.15
    assert "(modifié) " in http_get(home + "actions/bordeaux-33063-001/")
