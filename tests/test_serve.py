"""``make serve`` follows every edit without a restart: on a copy of the project, an edited
``site.css`` is served under its new fingerprinted name, and the open page is told to reload.
The reload script is added by the server only, never written into the built site."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, free_port, http_get, poll_until

COPIED = ("Makefile", "pyproject.toml", "pelicanconf.py", "plugins", "theme", "content")
COPIED += ("scripts", "data", "assets", "reference")
CSS = re.compile(r"/static/css/site\.([0-9a-f]+)\.css")


@pytest.fixture
def project(tmp_path) -> Path:
    copy = tmp_path / "projet"
    copy.mkdir()
    ignore = shutil.ignore_patterns("__pycache__")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=ignore)
        else:
            shutil.copy2(source, copy / name)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


def test_an_edited_stylesheet_is_served_under_its_new_name(project, tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("OUTPUTDIR", "PREVIEW", "DATA")}
    env.update(CACHEDIR=str(tmp_path / "cache"), NOW="2026-06-01T12:00:00+02:00")
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    home = f"http://127.0.0.1:{port}/"
    try:
        first = poll_until(lambda: CSS.search(http_get(home)), server).group(1)
        generation = http_get(home + "__serve__/generation")
        assert '<script src="/__serve__/reload.js"></script>' in http_get(home)
        css = project / "theme" / "static" / "css" / "site.css"
        css.write_text(css.read_text("utf-8") + "\n.edition-test { color: #123456; }\n", "utf-8")
        second = poll_until(
            lambda: (m := CSS.search(http_get(home))) and m.group(1) != first and m, server
        )
        new_css = http_get(f"{home}static/css/site.{second.group(1)}.css")
        assert ".edition-test { color: #123456; }" in new_css
        # The open page is told to reload once the build has finished (after the swap).
        poll_until(lambda: http_get(home + "__serve__/generation") != generation, server, 120)
        built = (project / "output" / "index.html").read_text("utf-8")
        assert "__serve__" not in built and second.group(1) in built
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
