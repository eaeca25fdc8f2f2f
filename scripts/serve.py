"""Local server for staff and developers (``make serve``): build, serve, rebuild on change.

    .venv/bin/python scripts/serve.py [--preview] [--port 8000]      (make serve [PREVIEW=1])

Builds the site into ``OUTPUTDIR`` (``output-apercu`` with ``--preview``), serves it on
http://127.0.0.1:8000 and rebuilds when ``content/``, ``theme/``, ``plugins/`` (the charter and
kit texts included), ``assets/`` or the data change. Every build starts from the files as they
are (``label_build.fresh``). The open page reloads itself after a successful rebuild: the server
adds a small script to the HTML it serves (never to the built files). A failed build prints its
problems and keeps serving the previous site. A change to Python code (plugins, settings)
restarts the whole process, because code already imported cannot be reloaded safely. Stop with
Ctrl+C.
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
from watchfiles import watch  # noqa: E402

RELOAD_PREFIX = "/__serve__/"  # served by this server only; no built site has this folder
RELOAD_SCRIPT = """\
(function () {
  var url = "/__serve__/generation", seen = null;
  function poll() {
    fetch(url, {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (g) {
      if (seen !== null && g !== seen) { location.reload(); }
      seen = g;
    }).catch(function () {}).finally(function () { setTimeout(poll, 700); });
  }
  poll();
})();
"""
RELOAD_TAG = b'<script src="/__serve__/reload.js"></script>'


class Generation:
    """How many builds succeeded: the open pages reload when it changes."""

    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.Lock()

    def advance(self) -> None:
        with self.lock:
            self.value += 1


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
        elif name == "generation":
            self._send(200, "text/plain; charset=utf-8", str(self.generation.value).encode())
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


def serve(output: Path, port: int, generation: Generation) -> ThreadingHTTPServer:
    output.mkdir(parents=True, exist_ok=True)
    # The handler resolves the directory on every request, so the swap of a finished build is
    # picked up without restarting the server.
    handler = functools.partial(ServeHandler, directory=str(output.resolve()))
    ServeHandler.generation = generation
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Site servi sur http://127.0.0.1:{port}/ (Ctrl+C pour arrêter)", file=sys.stderr)
    return server


def watched_paths() -> list[Path]:
    data = Path(os.environ.get("DATA") or "data").resolve()
    folders = (ROOT / "content", ROOT / "theme", ROOT / "plugins", ROOT / "assets", data)
    return [p for p in (*folders, ROOT / "pelicanconf.py") if p.exists()]


def needs_restart(paths: set[Path]) -> bool:
    return any(p.suffix == ".py" and ROOT in p.parents for p in paths)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preview", action="store_true", help="aperçu sous embargo")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    args.preview = args.preview or os.environ.get("PREVIEW") == "1"  # make serve PREVIEW=1
    output = Path(os.environ.get("OUTPUTDIR") or ("output-apercu" if args.preview else "output"))
    generation = Generation()
    rebuild(output, args.preview)
    server = serve(output, args.port, generation)
    try:
        for changes in watch(*watched_paths()):
            paths = {Path(p) for _, p in changes}
            if needs_restart(paths):
                print("Code Python modifié : redémarrage.", file=sys.stderr)
                server.shutdown()
                server.server_close()
                os.execv(sys.executable, [sys.executable, *sys.argv])
            print(f"Modifié : {', '.join(sorted(p.name for p in paths))}", file=sys.stderr)
            start = time.perf_counter()
            if rebuild(output, args.preview) == 0:
                generation.advance()
                seconds = f"{time.perf_counter() - start:.1f}".replace(".", ",")
                print(
                    f"Reconstruit en {seconds}\u00a0s ; la page ouverte se recharge.",
                    file=sys.stderr,
                )
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
