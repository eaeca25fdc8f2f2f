"""What one search costs a phone (``make bench``, issue #18): time to the first result under a
throttled 4G profile, and the index bytes and requests of each query, in headless Chromium.

In: a built site (the national one in ``make bench``). Out: one row per query (``QUERIES``) and
a table. Each query is measured in a browser profile of its own, in two visits:

- a priming visit to ``/recherche/?q=…`` with another word, which leaves the page's scripts
  (search.js, Pagefind's script, worker and WebAssembly, styles, font) in the HTTP cache: the
  local server marks them cacheable and the index files ``no-store``, so the next visit fetches
  every index file again, as a first search of the day does;
- the measured visit to ``/recherche/?q=<query>``, as the header's search form sends it, under
  Chromium's ``Network.emulateNetworkConditions`` (150 ms round trip, 1.6 MB/s down). The time
  to the first result runs from the navigation's start to the first result in the page; the
  requests and bytes are counted by the server (so a request from Pagefind's worker counts too).

A third visit, with an empty cache, gives what a first visit costs in all (page, scripts, index).
The server speaks HTTP/1.1 (six connections a host in Chromium) and gzips text as a host would.

    .venv/bin/python scripts/bench_search.py SITE_DIR [--json out.json]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

from chromium import CHROMIUM, CHROMIUM_FLAGS  # beside this script, shared with the tests

ROOT = Path(__file__).resolve().parent.parent
# The profile: 150 ms round trip, 1.6 MB/s down (Lighthouse's 4G upload).
PROFILE = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000,
    "uploadThroughput": 750_000 / 8,
}
QUERIES = [
    ("préfixe de nom", "sain"),
    ("ville", "nantes"),
    ("code postal", "44000"),
    ("action, deux mots", "budget participatif"),
    ("mot accentué", "médiathèque"),
    # Typo tolerance (issue #25): the names index (recherche/noms.json) is fetched and matched.
    ("nom, une lettre en moins", "montpelier"),
    ("nom, deux lettres inversées", "nanets"),
]
PRIME = "wifi"  # another word, for the priming visit
# Kept in the browser's cache between visits: what a returning visitor already has.
CACHED = (".js", ".css", ".woff2", ".woff", ".wasm", ".pagefind", ".svg", ".png", ".ico")
COMPRESSED = (".html", ".js", ".css", ".json", ".svg", "/")
TIMEOUT_MS = 60_000


class Handler(SimpleHTTPRequestHandler):
    """Serves the site over HTTP/1.1 (keep-alive), gzips text, counts what it sends."""

    protocol_version = "HTTP/1.1"
    log: list[tuple[str, int]]  # (path, bytes sent), set on the class by serve()

    def send_head(self):  # noqa: ANN201 (the standard library's signature)
        path = urlsplit(self.path).path
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        local = Path(self.translate_path(path))
        if local.is_dir():
            local = local / "index.html"
        if not (accepts and path.endswith(COMPRESSED) and local.is_file()):
            return super().send_head()
        body = gzip.compress(local.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(local)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def end_headers(self) -> None:
        path = urlsplit(self.path).path
        cached = path.endswith(CACHED)
        self.send_header("Cache-Control", "public, max-age=86400" if cached else "no-store")
        super().end_headers()

    def send_header(self, keyword: str, value: str) -> None:
        if keyword == "Content-Length":
            self.log.append((urlsplit(self.path).path, int(value)))
        super().send_header(keyword, value)

    def log_message(self, *args) -> None:  # quiet
        pass


class _Body:
    """A file-like body for ``copyfile``."""

    def __init__(self, data: bytes) -> None:
        self.data, self.done = data, False

    def read(self, _size: int = -1) -> bytes:
        if self.done:
            return b""
        self.done = True
        return self.data

    def close(self) -> None:
        pass


def serve(site: Path) -> tuple[ThreadingHTTPServer, list[tuple[str, int]]]:
    log: list[tuple[str, int]] = []
    handler = type("CountingHandler", (Handler,), {"log": log})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, log


NAMES = "/recherche/noms.json"  # label_search/names.py: every query of the page fetches it


def is_index(path: str) -> bool:
    """An index file (entry, meta, word, filter, fragment, and the names index): not a
    script, not WebAssembly."""
    if path == NAMES:
        return True
    return path.startswith("/pagefind") and not path.endswith((".js", ".css", ".pagefind"))


# Records, from the page's start, when the first result appears (any results list).
OBSERVER = """
new MutationObserver((_, obs) => {
  if (document.querySelector('li.resultat')) {
    window.__firstResult = performance.now();
    obs.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""
DONE = "q => [...document.querySelectorAll('[data-requete]')].every(l => l.dataset.requete === q)"


def visit(page, base: str, query: str) -> float:
    """Open the search page for ``query``; wait until every results list has its answer."""
    page.goto(f"{base}/recherche/?q={quote(query)}")
    page.wait_for_function(DONE, arg=query, timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    first = page.evaluate("window.__firstResult || null")
    return first / 1000 if first else float("nan")


def measure(browser, base: str, log: list, label: str, query: str) -> dict:
    context = browser.new_context()
    context.add_init_script(OBSERVER)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", PROFILE)
    visit(page, base, PRIME)
    del log[:]
    start = time.perf_counter()
    first = visit(page, base, query)
    complete = time.perf_counter() - start
    index = [(p, n) for p, n in log if is_index(p)]
    scripts = [p for p, _ in log if not is_index(p) and p.startswith("/pagefind")]
    shown = page.eval_on_selector_all("li.resultat", "ls => ls.length")
    context.close()
    return {
        "label": label,
        "query": query,
        "first_result_s": round(first, 2),
        "complete_s": round(complete, 2),
        "index_requests": len(index),
        "index_kb": round(sum(n for _, n in index) / 1000),
        "script_requests_not_cached": len(scripts),
        "results_shown": shown,
        "first_visit_kb": first_visit(browser, base, log, query),
    }


def first_visit(browser, base: str, log: list, query: str) -> int:
    """Everything a visitor with an empty cache downloads for ``query`` (kB)."""
    context = browser.new_context()
    page = context.new_page()
    del log[:]
    visit(page, base, query)
    context.close()
    return round(sum(n for _, n in log) / 1000)


def run(site: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server, log = serve(site)
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            rows = [measure(browser, base, log, label, q) for label, q in QUERIES]
            browser.close()
    finally:
        server.shutdown()
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| requête | premier résultat, 4G (s) | tout affiché (s) | requêtes d’index "
        "| index (Ko) | première visite (Ko) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['label']} « {r['query']} » | {r['first_result_s']} | {r['complete_s']} | "
            f"{r['index_requests']} | {r['index_kb']} | {r['first_visit_kb']} |"
        )
    worst = {k: max(r[k] for r in rows) for k in ("first_result_s", "index_kb", "index_requests")}
    lines.append(
        f"\npire des requêtes : premier résultat {worst['first_result_s']} s (objectif ≤ 1,5), "
        f"{worst['index_kb']} Ko d’index (≤ 300), {worst['index_requests']} requêtes (≤ 30)"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = run(args.site.resolve())
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
