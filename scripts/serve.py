"""Local server for staff and developers (``make serve``): build, serve, rebuild on change.

    .venv/bin/python scripts/serve.py [--preview] [--port 8000]      (make serve [PREVIEW=1])

Builds the site into ``OUTPUTDIR`` (``output-apercu`` with ``--preview``), serves it on
http://127.0.0.1:8000 and rebuilds when ``content/``, ``theme/``, ``plugins/`` (the charter and
kit texts included), ``assets/`` or the data change. Every build starts from the files as they
are (``label_build.fresh``). The open page reloads itself after a successful rebuild: the server
adds a small script to the HTML it serves (never to the built files), which long-polls
``/__serve__/generation`` so that the reload follows the swap at once. After each rebuild the log
says how long it took from the save to the new site in place, split into detection and build.
A failed build prints its problems and keeps serving the previous site. A change to Python code
(plugins, settings) restarts the whole process, because code already imported cannot be
reloaded safely. Stop with Ctrl+C.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from label_build.driver import build  # noqa: E402
from label_data.typo import number  # noqa: E402
from watchfiles import watch  # noqa: E402

RELOAD_PREFIX = "/__serve__/"  # served by this server only; no built site has this folder
# The page asks for the generation once, then long-polls: the server answers as soon as the
# generation differs from the one the page has seen (or after LONG_POLL_S with the same one).
RELOAD_SCRIPT = """\
(function () {
  var url = "/__serve__/generation", seen = null;
  function poll() {
    var query = seen === null ? "" : "?vue=" + encodeURIComponent(seen);
    fetch(url + query, {cache: "no-store"}).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.text();
    }).then(function (g) {
      if (seen !== null && g !== seen) { location.reload(); return; }
      seen = g;
      poll();
    }).catch(function () { setTimeout(poll, 1000); });  // server restarting: try again
  }
  poll();
})();
"""
LONG_POLL_S = 25.0
RELOAD_TAG = b'<script src="/__serve__/reload.js"></script>'


class Generation:
    """Which build is served: the open pages reload when it changes. It starts from the clock,
    so that a page open across a restart (Python code changed) reloads too."""

    def __init__(self) -> None:
        self.value = time.time_ns() // 1_000_000
        self.changed = threading.Condition()

    def advance(self) -> None:
        with self.changed:
            self.value += 1
            self.changed.notify_all()

    def wait_past(self, seen: str, timeout: float) -> int:
        """The generation once it is no longer ``seen``, or after ``timeout`` seconds."""
        with self.changed:
            self.changed.wait_for(lambda: str(self.value) != seen, timeout)
            return self.value


class ServeHandler(SimpleHTTPRequestHandler):
    generation: Generation

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base's signature
        pass  # one line per request would drown the build messages

    def do_GET(self) -> None:
        if self.path.startswith(RELOAD_PREFIX):
            return self._send_reload_file(self.path.removeprefix(RELOAD_PREFIX))
        page = self._html_file()
        if page is None:
            return super().do_GET()
        body = page.read_bytes()
        body = body.replace(b"</body>", RELOAD_TAG + b"</body>", 1)
        self._send(200, "text/html; charset=utf-8", body)

    def _html_file(self) -> Path | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def _send_reload_file(self, name: str) -> None:
        if name == "reload.js":
            self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT.encode())
        elif name.split("?")[0] == "generation":
            seen = name.partition("?vue=")[2]
            value = self.generation.wait_past(seen, LONG_POLL_S) if seen else self.generation.value
            self._send(200, "text/plain; charset=utf-8", str(value).encode())
        else:
            self.send_error(404)

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def rebuild(output: Path, preview: bool) -> int:
    overrides = {
        "LABEL_DATA": os.environ.get("DATA") or "data",
        "LABEL_NOW": os.environ.get("NOW") or "",
        "LABEL_CACHE": os.environ.get("CACHEDIR") or str(ROOT / ".cache"),
        "LABEL_PREVIEW": preview,
    }
    return build(str(ROOT / "pelicanconf.py"), output, overrides)


class Server(ThreadingHTTPServer):
    # A long poll holds its thread up to LONG_POLL_S: closing (before a restart) must not wait.
    block_on_close = False


def serve(output: Path, port: int, generation: Generation) -> ThreadingHTTPServer:
    output.mkdir(parents=True, exist_ok=True)
    # The handler resolves the directory on every request, so the swap of a finished build is
    # picked up without restarting the server.
    handler = functools.partial(ServeHandler, directory=str(output.resolve()))
    ServeHandler.generation = generation
    server = Server(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Site servi sur http://127.0.0.1:{port}/ (Ctrl+C pour arrêter)", file=sys.stderr)
    return server


def watched_paths() -> list[Path]:
    data = Path(os.environ.get("DATA") or "data").resolve()
    folders = (ROOT / "content", ROOT / "theme", ROOT / "plugins", ROOT / "assets", data)
    return [p for p in (*folders, ROOT / "pelicanconf.py") if p.exists()]


def needs_restart(paths: set[Path]) -> bool:
    return any(p.suffix == ".py" and ROOT in p.parents for p in paths)


# watchfiles yields once no new change has come for STEP_MS (a burst of saves, or an editor's
# write-then-rename, is one rebuild), and after DEBOUNCE_MS at most while changes keep coming.
# Its defaults, written out: a save is seen some 50 to 80 ms after it is made.
STEP_MS = 50
DEBOUNCE_MS = 1600


def change_instant(paths: set[Path], floor: float, reported: float) -> tuple[float, Path]:
    """When the change was made, and by which file: the earliest modification time among the
    changed files. A deleted file has none, and a file copied with its date has an older one
    than ``floor`` (the previous build's start): the watcher's report time stands in then."""
    times = []
    for path in paths:
        try:
            times.append((path.stat().st_mtime, path))
        except OSError:
            continue
    instant, path = min(times, default=(reported, min(paths)))
    return (instant, path) if floor <= instant <= reported else (reported, path)


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if ROOT in path.parents else str(path)


def seconds(value: float) -> str:
    return f"{number(max(value, 0.0), 1)}\u00a0s"


def rebuild_after(
    paths: set[Path], output: Path, preview: bool, floor: float, generation: Generation
) -> None:
    """Rebuild after ``paths`` changed, tell the open pages, and log the time from the save to
    the new site in place (``floor``: when the previous build started)."""
    reported = time.time()
    start = time.perf_counter()
    made, path = change_instant(paths, floor, reported)
    others = len(paths) - 1
    also = f" et {others} autre{'s' if others > 1 else ''} fichier{'s' if others > 1 else ''}"
    if rebuild(output, preview) != 0:
        return
    generation.advance()
    built = time.perf_counter() - start
    print(
        f"Site reconstruit {seconds(reported - made + built)} après l’enregistrement de "
        f"{shown(path)}{also if others else ''} (détection {seconds(reported - made)}, "
        f"construction {seconds(built)}) ; la page ouverte se recharge.",
        file=sys.stderr,
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preview", action="store_true", help="aperçu sous embargo")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    args.preview = args.preview or os.environ.get("PREVIEW") == "1"  # make serve PREVIEW=1
    output = Path(os.environ.get("OUTPUTDIR") or ("output-apercu" if args.preview else "output"))
    generation = Generation()
    floor = time.time()
    rebuild(output, args.preview)
    server = serve(output, args.port, generation)
    try:
        for changes in watch(*watched_paths(), debounce=DEBOUNCE_MS, step=STEP_MS):
            paths = {Path(p) for _, p in changes}
            if needs_restart(paths):
                print("Code Python modifié : redémarrage.", file=sys.stderr)
                server.shutdown()
                server.server_close()
                os.execv(sys.executable, [sys.executable, *sys.argv])
            print(f"Modifié : {', '.join(sorted(p.name for p in paths))}", file=sys.stderr)
            started, floor = floor, time.time()
            rebuild_after(paths, output, args.preview, started, generation)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
