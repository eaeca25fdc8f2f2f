"""A preview cannot touch the public folder: ``make preview`` and ``make serve PREVIEW=1``
write to ``output-apercu/``; a preview build refuses the public ``output/`` and any folder
that holds a public site, and its log says « APERÇU » and where it went."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from conftest import ROOT, SHARED_CACHE, build_site, free_port, http_get, poll_until
from label_build.output import PREVIEW_MARKER, preview_refusal

PUBLIC = ROOT / "output"
PREVIEW = ROOT / "output-apercu"


def _snapshot(folder: Path) -> dict[str, int]:
    """What a write would change: every file's size and modification time."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_a_preview_refuses_the_public_folder_and_a_public_site(tmp_path):
    assert "dossier public" in preview_refusal(PUBLIC, PUBLIC)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("public", encoding="utf-8")
    assert "contient un site public" in preview_refusal(site, PUBLIC)
    (site / PREVIEW_MARKER).write_text("x", encoding="utf-8")
    assert preview_refusal(site, PUBLIC) is None  # an earlier preview may be replaced
    assert preview_refusal(tmp_path / "absent", PUBLIC) is None


def test_a_preview_build_into_a_public_site_stops_and_leaves_it(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("le site public", encoding="utf-8")
    assert build_site(site, preview=True) == 2
    assert "contient un site public" in capsys.readouterr().err
    assert [p.name for p in site.iterdir()] == ["index.html"]


def _make(*args: str, **kwargs) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("OUTPUTDIR", "PREVIEW", "NOW")}
    env["NOW"] = "2027-01-15T09:00:00+01:00"  # 2027 under embargo: the preview shows it
    env["CACHEDIR"] = str(SHARED_CACHE)  # panels and kits made once per run
    return subprocess.Popen(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # the server and its make die together below
        **kwargs,
    )


def test_make_preview_writes_output_apercu_only():
    before = _snapshot(PUBLIC)
    run = _make("preview")
    log, _ = run.communicate(timeout=600)
    assert run.returncode == 0, log
    assert f"APERÇU sous embargo écrit dans {PREVIEW.name}/" in log
    assert (PREVIEW / PREVIEW_MARKER).is_file()
    assert _snapshot(PUBLIC) == before


def test_make_serve_preview_writes_output_apercu_only():
    before, port = _snapshot(PUBLIC), free_port()
    server = _make("serve", "PREVIEW=1", f"PORT={port}")
    try:
        page = poll_until(lambda: http_get(f"http://127.0.0.1:{port}/palmares/2027/"), server)
        assert "EMBARGO" in page
        assert (PREVIEW / PREVIEW_MARKER).is_file()
        assert _snapshot(PUBLIC) == before
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
