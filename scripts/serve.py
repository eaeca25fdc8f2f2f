"""Local server for staff and developers (``make serve``): build, serve, rebuild on change.

    .venv/bin/python scripts/serve.py [--preview] [--port 8000]      (make serve [PREVIEW=1])

Builds the site into ``OUTPUTDIR`` (``output-apercu`` with ``--preview``), serves it on
http://127.0.0.1:8000 and rebuilds when ``content/``, ``theme/``, ``plugins/`` or ``data/`` (or
``DATA``) change. A failed build prints its problems and keeps serving the previous site. A change
under ``plugins/`` restarts the whole process, because Python code already imported cannot be
reloaded safely. Stop with Ctrl+C.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from label_build.driver import build  # noqa: E402
from watchfiles import watch  # noqa: E402


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base's signature
        pass  # one line per request would drown the build messages


def rebuild(output: Path, preview: bool) -> int:
    # The driver forgets what the previous build checked: the files have changed since.
    overrides = {
        "LABEL_DATA": os.environ.get("DATA") or "data",
        "LABEL_NOW": os.environ.get("NOW") or "",
        "LABEL_CACHE": os.environ.get("CACHEDIR") or str(ROOT / ".cache"),
        "LABEL_PREVIEW": preview,
    }
    return build(str(ROOT / "pelicanconf.py"), output, overrides)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preview", action="store_true", help="aperçu sous embargo")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    args.preview = args.preview or os.environ.get("PREVIEW") == "1"  # make serve PREVIEW=1
    output = Path(os.environ.get("OUTPUTDIR") or ("output-apercu" if args.preview else "output"))
    rebuild(output, args.preview)
    output.mkdir(parents=True, exist_ok=True)
    # The handler resolves the directory on every request, so the swap of a finished build
    # (two renames, see label_build.output) is picked up without restarting the server.
    handler = functools.partial(QuietHandler, directory=str(output.resolve()))
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Site servi sur http://127.0.0.1:{args.port}/ (Ctrl+C pour arrêter)", file=sys.stderr)
    data = Path(os.environ.get("DATA") or "data").resolve()
    watched = [p for p in (ROOT / "content", ROOT / "theme", ROOT / "plugins", data) if p.exists()]
    try:
        for changes in watch(*watched):
            paths = {Path(p) for _, p in changes}
            if any(ROOT / "plugins" in p.parents and p.suffix == ".py" for p in paths):
                print("Code des plugins modifié : redémarrage.", file=sys.stderr)
                server.shutdown()
                server.server_close()
                os.execv(sys.executable, [sys.executable, *sys.argv])
            print(
                f"Modifié : {', '.join(sorted(p.name for p in paths))} ; reconstruction…",
                file=sys.stderr,
            )
            rebuild(output, args.preview)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
