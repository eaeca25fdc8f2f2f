"""``make serve`` timed by the benchmark: from saving a data file to the new site in place.

On a copy of the project (code, theme, content and demo data), ``scripts/serve.py`` is started
as ``make serve`` starts it, its first build awaited, then one action's title is edited
``EDITS`` times, one save at a time; each rebuild's line of the server's log (« Site reconstruit
1,2 s après l’enregistrement de … (détection 0,1 s, construction 1,1 s) ») gives the time from
the save to the swap, split into the watcher's detection and the build. The page's own reload
follows the swap at once (its long poll is answered by the swap). Goal (issue #28): ≤ 1 s.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("pelicanconf.py", "plugins", "theme", "content", "scripts", "data", "assets", "reference")
EDITS = 5
NOW = "2026-06-01T12:00:00+02:00"  # the demo's « now » (scripts/regenerate_golden.py)
LINE = re.compile(
    r"Site reconstruit (\d+,\d)\u00a0s après l’enregistrement de .*?"
    r"\(détection (\d+,\d)\u00a0s, construction (\d+,\d)\u00a0s\)"
)


def copy_project(target: Path, names: tuple[str, ...] = COPIED) -> None:
    """The project's ``names`` (files and folders) copied into ``target`` (also used by
    tests/test_serve.py)."""
    ignore = shutil.ignore_patterns("__pycache__")
    for name in names:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)


def _figures(log: Path) -> list[tuple[float, float, float]]:
    text = log.read_text("utf-8") if log.exists() else ""
    return [tuple(float(g.replace(",", ".")) for g in m.groups()) for m in LINE.finditer(text)]


def _wait(predicate, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if server.poll() is not None:
            raise RuntimeError("le serveur s’est arrêté")
        if time.monotonic() > deadline:
            raise TimeoutError("pas de reconstruction à temps")
        time.sleep(0.05)


def _edit(action: Path, n: int) -> None:
    text = action.read_text("utf-8")
    action.write_text(text.replace('titre: "', f'titre: "({n}) ', 1), encoding="utf-8")


def run() -> dict:
    """Median and worst of ``EDITS`` saves, in seconds (total, detection, build)."""
    with tempfile.TemporaryDirectory(prefix="label-bench-serve-") as folder:
        project = Path(folder)
        copy_project(project)
        log = project / "serve.log"
        env = {**os.environ, "NOW": NOW, "OUTPUTDIR": str(project / "output")}
        env.update(CACHEDIR=str(project / ".cache"))
        command = [sys.executable, "scripts/serve.py", "--port", "0"]
        with log.open("w") as handle:
            server = subprocess.Popen(
                command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=handle,
                start_new_session=True,
            )  # fmt: skip
        try:
            # Served once the first build and its after-work (kits under embargo) are done;
            # the watcher starts just after.
            _wait(lambda: "Site servi sur" in log.read_text("utf-8"), server, 300)
            time.sleep(1.5)
            action = sorted((project / "data" / "actions").glob("*.yaml"))[0]
            for n in range(1, EDITS + 1):
                _edit(action, n)
                _wait(lambda n=n: len(_figures(log)) >= n, server, 120)
                time.sleep(0.5)  # one save at a time: the next after this rebuild's swap
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        figures = _figures(log)
    totals = [f[0] for f in figures]
    return {
        "edits": len(figures),
        "median_s": statistics.median(totals),
        "worst_s": max(totals),
        "detection_median_s": statistics.median(f[1] for f in figures),
        "build_median_s": statistics.median(f[2] for f in figures),
    }


if __name__ == "__main__":
    print(run())
