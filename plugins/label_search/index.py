"""The site's full-text search index, built with Pagefind once every page is written.

In: the written site (``output``) and the published view, which says which files are the
collectivity and action pages (the only ones indexed). Out: the Pagefind bundle in
``output/pagefind/`` (French stemming; the filters the pages declare with
``data-pagefind-filter``).

Before a collectivity page goes to the indexer (the served file is left untouched), a block is
added inside its ``data-pagefind-body`` element with what people type and the page may not say
in those words: the name without accents, apostrophes or hyphens (« l hay les roses »,
« lhay »), its INSEE code or SIREN, its postcodes; with the highest weight. The block also
carries two meta values for the search page: ``cles`` (normalised name, codes, postcodes: the
page puts an exact match first) and ``resume`` (« Ville · Loire (42) · 4 @ en 2026 »), shown
instead of an excerpt of that block. Action pages get their collectivity's name (meta
``collectivite``) and its codes as words. Both carry a ``code`` filter (code and postcodes):
the search page answers an exact code with that collectivity and its actions only, searching
the code as a word within that filter. Action pages also carry a ``territoire`` filter (their
collectivity's code), and not the ``niveau`` and ``edition`` filters: those change at every
ceremony, and the search page narrows actions to a level or an edition through the codes of
``levels.py`` instead (issue #14). In the indexed copy, adjacent tags are separated by a space,
so that excerpts do not run words together, and the regions a template marks
``<!--hors-index-->…<!--/hors-index-->`` are dropped.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zlib
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

from label_build.site_files import SiteFiles
from label_data.reference import normalize_name
from label_data.view import PublicTerritory, PublishedView
from label_data.words import kind_name, level_short
from label_infra.cache import copy_tree
from label_infra.code import code_digest
from label_infra.digests import digest, file_digest
from label_infra.parallel import workers

from .levels import FILTER, territory_key

log = logging.getLogger(__name__)

BUNDLE = "pagefind"
WRITER = "label_search"
# Action bundles, merged by the search page into one index queried after the collectivities'.
# Each bundle costs a phone its own entry, meta and word files at every query (issue #18), and
# one edited action re-indexes its whole bundle (issue #14): two index on both cores. Beyond
# 20,000 actions, one more bundle per 10,000: Pagefind's memory grows with a bundle (0.6 GB at
# 8,000 pages, 1.7 GB at 26,700), and a build must stay under 2 GB at 5,000 collectivities.
ACTION_SHARDS = 2  # at least
PAGES_PER_SHARD = 10_000
LANGUAGE = "fr"
_BODY = re.compile(r"<[a-zA-Z][^>]*?\sdata-pagefind-body\b[^>]*>")
_BODY_TAG = re.compile(r"<body[^>]*>", re.IGNORECASE)


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def search_words(t: PublicTerritory) -> list[str]:
    """Spellings of the name people type, then the codes: all distinct, in a stable order."""
    name = t.nom.replace("’", "'")
    plain = _ascii(name)
    spellings = [
        name,
        plain,
        normalize_name(name),  # « saint etienne », « l hay les roses »
        re.sub(r"[-\s]+", " ", name),  # « Saint Étienne », « L'Haÿ les Roses »
        re.sub(r"(\b\w)'", r"\1", plain),  # « LHay-les-Roses »: the apostrophe dropped
        re.sub(r"\b\w'", "", plain),  # « Hay-les-Roses »: the article dropped
    ]
    short = re.sub(r"\bsainte\b", "ste", re.sub(r"\bsaint\b", "st", normalize_name(name)))
    spellings.append(short)  # « st etienne », as many people type it
    words = [t.code, *t.codes_postaux]
    return list(dict.fromkeys(s for s in spellings + words if s))


def keys(t: PublicTerritory) -> list[str]:
    """What an exact query may equal: the normalised name, the code, each postcode."""
    return list(dict.fromkeys([normalize_name(t.nom), *_codes(t)]))


def summary(t: PublicTerritory, view: PublishedView) -> str:
    """« Ville · Loire (42) · 1 @ en 2026 »: what a result says under the name."""
    parts = [kind_name(t.type)]  # « Territoire », as every page says
    dep = view.departements.get(t.departement or "")
    if dep:
        parts.append(f"{dep.nom} ({dep.code})")
    if t.current:
        parts.append(f"{level_short(t.current.label.arobases)} en {t.current.label.annee}")
    return " · ".join(parts)


def code_filters(t: PublicTerritory) -> str:
    """The ``code`` filter (INSEE code or SIREN, and postcodes, lower case) of a collectivity
    and of its actions: a query that is exactly one of them lists that collectivity and its
    actions only, not every page that happens to hold the number."""
    spans = "".join(f'<span data-pagefind-filter="code">{escape(c)}</span>' for c in _codes(t))
    return f"<div data-pagefind-ignore>{spans}</div>"


def extra_block(t: PublicTerritory, view: PublishedView) -> str:
    meta = [f"cles:{'|'.join(keys(t))}", f"resume:{summary(t, view)}"]
    metas = "".join(f'<span data-pagefind-meta="{escape(m)}"></span>' for m in meta)
    text = " ; ".join(escape(w) for w in search_words(t))
    return f'<div data-pagefind-weight="10">{text}</div>{metas}{code_filters(t)}'


def action_block(t: PublicTerritory, view: PublishedView) -> str:
    """What an action page adds for the index: its collectivity's name and département
    (shown with the result: three towns may each have a « Budget participatif en ligne »,
    two towns are called Saint-Denis) and codes."""
    dep = view.departements.get(t.departement or "")
    owner = f"{t.nom}, {dep.nom} ({dep.code})" if dep else t.nom
    meta = f'<span data-pagefind-meta="{escape("collectivite:" + owner)}"></span>'
    return meta + code_filters(t) + territory_filter(t)


def territory_filter(t: PublicTerritory) -> str:
    """The ``territoire`` filter of an action (its collectivity's code): the search page
    narrows actions to a level or an edition with it (levels.py), since an action page
    carries neither (both change at a ceremony, issue #14)."""
    span = f'<span data-pagefind-filter="{FILTER}">{escape(territory_key(t))}</span>'
    return f"<div data-pagefind-ignore>{span}</div>"


def code_words(t: PublicTerritory) -> str:
    """The codes as words of an action's indexed text: the search page asks for an exact code
    as a word within the ``code`` filter, which loads that word's index file only (a search by
    filter alone loads every index file of the bundle: megabytes at national scale). Added at
    the end of the indexed element (``augment``'s ``tail``): Pagefind's excerpt of a page
    without a matched word is its beginning, which began « 35238 35000 35200 35700. »."""
    return f"<div>{' '.join(escape(c) for c in _codes(t))}</div>"


def _codes(t: PublicTerritory) -> list[str]:
    """INSEE code or SIREN (lower case: « 2a004 ») and postcodes, each once."""
    return list(dict.fromkeys([t.code.lower(), *t.codes_postaux]))


_BETWEEN_TAGS = re.compile(r">(?=<)")
# The @ signs drawn for the eye (aria-hidden); the words beside them say the level.
_AT_SIGNS = re.compile(r'<span class="ats" aria-hidden="true">(?:<span[^>]*>@</span>)*</span>')


def spaced(html: str) -> str:
    """The page as the index should read it: a space between every two adjacent tags
    (Pagefind joins neighbouring elements' text: « <dt>Enjeu</dt><dd>Attractivité</dd> » gave
    the excerpt « EnjeuAttractivité ») and without the drawn @ signs (« @@ 2 arobases »)."""
    return _BETWEEN_TAGS.sub("> ", _AT_SIGNS.sub("", html))


_MAIN_END = "</main>"
# What a ceremony changes on an action page (the collectivity's level, the current edition),
# marked in the template: shown to visitors, left out of the index (issue #14).
_OUT_OF_INDEX = re.compile(r"<!--hors-index-->.*?<!--/hors-index-->", re.DOTALL)
_SHELL = '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"></head><body>{}</body></html>'


def indexed_part(html: str) -> str:
    """The page as Pagefind reads it: its ``data-pagefind-body`` element (a <main>) alone in a
    bare document. Pagefind ignores everything else; leaving it out also keeps a bundle's key
    (the hash of its documents) unchanged when only the header, the footer or the head of
    every page changes (issue #14), and gives the indexer a third of the bytes to parse.
    The regions marked ``<!--hors-index-->…<!--/hors-index-->`` are left out: what a ceremony
    changes on every action page, so that a ceremony leaves the action bundles as they were."""
    match = _BODY.search(html)
    end = html.rfind(_MAIN_END)
    if match is None or not match.group().startswith("<main") or end < match.end():
        return _OUT_OF_INDEX.sub("", html)
    return _SHELL.format(_OUT_OF_INDEX.sub("", html[match.start() : end + len(_MAIN_END)]))


def augment(html: str, block: str, tail: str = "") -> str:
    """``html`` with ``block`` first inside the data-pagefind-body element (else <body>), and
    ``tail`` last inside it when it is a <main> (else at the very end)."""
    match = _BODY.search(html) or _BODY_TAG.search(html)
    at = match.end() if match else 0
    html = html[:at] + block + html[at:]
    end = html.rfind(_MAIN_END)
    return html[:end] + tail + html[end:] if end >= 0 else html + tail


# A page of a bundle: its URL, its file, the blocks added at the start and at the end.
Member = tuple[str, Path, str, str]


def members(output: Path, view: PublishedView) -> dict[str, list[Member]]:
    """The pages of each bundle: collectivities in the primary bundle ``/pagefind/``, the
    small index a search asks first; actions spread over ``ACTION_SHARDS`` bundles by a stable
    hash of their id, indexed on both cores, which the search page merges (``mergeIndex``) into
    a second index asked once the collectivities are shown."""
    out: dict[str, list[Member]] = {BUNDLE: []}
    shards = shard_count(view)
    out.update({shard_name(k): [] for k in range(shards)})
    for t in view.territories.values():
        path = output / t.url / "index.html"
        if path.is_file():
            out[BUNDLE].append(("/" + t.url, path, extra_block(t, view), ""))
    for a in view.actions.values():
        path = output / a.url / "index.html"
        if path.is_file():
            owner = view.territories[a.territoire]
            member = ("/" + a.url, path, action_block(owner, view), code_words(owner))
            out[shard_name(shard_of(a.id, shards))].append(member)
    # Pagefind refuses an empty site: a bundle without pages is not made (small datasets).
    return {name: pages for name, pages in out.items() if pages}


def document(member: Member) -> tuple[str, str]:
    """(URL, the HTML Pagefind indexes) of one page."""
    url, path, block, tail = member
    return url, augment(spaced(indexed_part(path.read_text("utf-8"))), block, tail)


def bundles(output: Path, view: PublishedView) -> dict[str, list[tuple[str, str]]]:
    """The documents of each bundle (see ``members``)."""
    return {name: list(map(document, pages)) for name, pages in members(output, view).items()}


def shard_count(view: PublishedView) -> int:
    """How many action bundles: two, or one per 10,000 actions beyond 20,000."""
    return max(ACTION_SHARDS, -(-len(view.actions) // PAGES_PER_SHARD))


def shard_of(action_id: str, shards: int = ACTION_SHARDS) -> int:
    """The action bundle an action goes to: stable across builds and machines (for as long
    as the number of bundles stays the same)."""
    return zlib.crc32(action_id.encode()) % shards


def shards_in_use(view: PublishedView) -> list[str]:
    """The action bundles that exist, for the search page to merge."""
    shards = shard_count(view)
    return [shard_name(k) for k in sorted({shard_of(a, shards) for a in view.actions})]


def shard_name(k: int) -> str:
    return f"{BUNDLE}-actions-{k}"


def pages(output: Path, view: PublishedView) -> list[tuple[str, str]]:
    """Every (URL, HTML to index), all bundles together."""
    return [doc for docs in bundles(output, view).values() for doc in docs]


def _pagefind_command() -> list[str]:
    """Pagefind's binary itself (the ``pagefind[bin]`` wheel pinned in pyproject.toml):
    ``python -m pagefind`` would start an interpreter only to exec it (0.1 s per bundle, felt
    by ``make serve``)."""
    try:
        from pagefind_bin import get_executable

        return [str(get_executable())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind"]


def _index_bundle(job: tuple[list[Member], Path]) -> None:
    """Index one bundle's pages into ``target`` with Pagefind's command line. Each document
    is made as it is written out, so that the build holds no bundle's HTML in memory while
    Pagefind runs."""
    pages, target = job
    with tempfile.TemporaryDirectory(prefix="label-search-") as scratch:
        for url, html in map(document, pages):
            path = Path(scratch) / url.strip("/") / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
        run = subprocess.run(
            [
                *_pagefind_command(),
                "--site",
                scratch,
                "--output-path",
                str(target),
                "--force-language",
                LANGUAGE,
                "--quiet",
            ],
            capture_output=True,
            text=True,
        )
    if run.returncode:
        raise RuntimeError(f"label_search: Pagefind failed on {target.name}: {run.stderr[-2000:]}")


def build_index(
    output: Path, view: PublishedView, cache_dir: str | None = None, files: SiteFiles | None = None
) -> int:
    """Index the collectivity and action pages of ``output``; returns how many.

    Each bundle is kept in ``CACHEDIR/pagefind/<bundle>/<hash of its documents>``: a bundle
    whose pages did not change is reused instead of indexed again, which also keeps its bytes
    identical (Pagefind's filter files differ between two runs): its files are those of the
    site in place when they are the same (``files``: the build's record), else copied."""
    output = Path(output).resolve()
    todo, total = [], 0
    digests = DocumentDigests(cache_dir, files)
    for name, pages in members(output, view).items():
        total += len(pages)
        # The indexer's code and Pagefind's installed version (label_infra.code).
        key = digest([code_digest(__name__), LANGUAGE, *map(digests.of, pages)])
        cached = Path(cache_dir) / "pagefind" / name / key if cache_dir else None
        if cached is not None and (cached / "pagefind.js").is_file():
            _reuse(cached, output / name, files)
        else:
            todo.append((name, pages, cached))  # read again while written for Pagefind
    digests.save()
    scratch = output / SCRATCH  # Pagefind writes here; the files then move into the site
    lanes = _lanes([(docs, scratch / name) for name, docs, _ in todo], workers())
    with ThreadPoolExecutor(max_workers=len(lanes) or 1) as pool:  # each job is its own process
        list(pool.map(_run_lane, lanes))
    for name, _, cached in todo:
        if cached is not None:
            _keep(scratch / name, cached)
        _move_in(scratch / name, output / name, files)
    shutil.rmtree(scratch, ignore_errors=True)
    log.info("label_search: %d pages, %d bundles indexed again", total, len(todo))
    return total


class DocumentDigests:
    """The digest of each page's indexed document, read from its file only when the page is
    new: a page kept from the previous site (same key in the build's record) with the same
    added block has the document it had (``CACHEDIR/pagefind/documents.json``). Reading and
    cutting 17,600 pages costs seconds; most builds change a few."""

    def __init__(self, cache_dir: str | None, files: SiteFiles | None):
        self.path = Path(cache_dir) / "pagefind" / "documents.json" if cache_dir else None
        self.files = files
        self.known: dict[str, str] = {}
        self.used: dict[str, str] = {}
        if self.path is not None and files is not None:
            try:
                known = json.loads(self.path.read_text(encoding="utf-8"))
                self.known = known if isinstance(known, dict) else {}
            except (OSError, ValueError):
                pass

    def of(self, member: Member) -> str:
        url, _, block, tail = member
        page_key = self.files.keys.get(url.strip("/") + "/index.html") if self.files else None
        if page_key is None:
            return digest(document(member))
        memo = digest([page_key, url, block, tail])
        found = self.known.get(memo)
        if not isinstance(found, str):
            found = digest(document(member))
        self.used[memo] = found
        return found

    def save(self) -> None:
        """Keep the digests of this build's pages only (the file stays the site's size)."""
        if self.path is not None and self.used:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            spare = self.path.with_suffix(".tmp")
            spare.write_text(json.dumps(self.used), encoding="utf-8")
            os.replace(spare, self.path)


SCRATCH = ".indexation"  # inside the staging directory: same file system, removed with it


def _move_in(fresh: Path, bundle: Path, files: SiteFiles | None) -> None:
    """Move a bundle Pagefind just wrote into the site: each file that has the bytes of the
    site in place's file stays that file (untouched), the others are moved in."""
    if files is None:
        os.replace(fresh, bundle)
        return
    base = bundle.relative_to(files.root)
    for path in sorted(fresh.rglob("*")):
        if path.is_file():
            files.adopt((base / path.relative_to(fresh)).as_posix(), path, WRITER)


def _reuse(cached: Path, bundle: Path, files: SiteFiles | None) -> None:
    """Put a cached bundle in the site: each file kept from the site in place when it has the
    same bytes (so that it stays untouched), else copied."""
    if files is None:
        copy_tree(cached, bundle)
        return
    base = bundle.relative_to(files.root).as_posix()
    for relative, key in _file_keys(cached).items():
        files.copy(f"{base}/{relative}", cached / relative, WRITER, key)


def _file_keys(cached: Path) -> dict[str, str]:
    """Each file of a cached bundle with its content key, computed once and kept beside it
    (``<key>.cles.json``): 8,000 fragment files need not be read again at every build."""
    beside = cached.with_name(cached.name + ".cles.json")
    try:
        keys = json.loads(beside.read_text(encoding="utf-8"))
        if isinstance(keys, dict) and all((cached / name).is_file() for name in keys):
            return keys
    except (OSError, ValueError):
        pass
    keys = {
        path.relative_to(cached).as_posix(): file_digest(path)
        for path in sorted(cached.rglob("*"))
        if path.is_file()
    }
    beside.write_text(json.dumps(keys), encoding="utf-8")
    return keys


SIDE_BY_SIDE = (25_000, 3_000)  # national scale (17,500 and 1,500): side by side


def _lanes(jobs: list[tuple[list, Path]], cores: int) -> list[list[tuple[list, Path]]]:
    """The jobs as lanes that run side by side: the action bundles (8,000 pages each at
    national scale, over 500 MB each in Pagefind) one after the other, the collectivity bundle
    beside them, so that peak memory stays that of one action bundle (issue #14: ≤ 1 GB).
    Beyond ``SIDE_BY_SIDE`` pages in all or collectivity pages, one lane: at 5,000
    collectivities the collectivity bundle alone takes Pagefind 0.9 GB and an action bundle
    0.6 GB, and the build must stay within 2 GB."""
    actions = [job for job in jobs if job[1].name != BUNDLE]
    primary = [job for job in jobs if job[1].name == BUNDLE]
    total, places = SIDE_BY_SIDE
    too_big = sum(len(p) for p, _ in jobs) > total or sum(len(p) for p, _ in primary) > places
    if cores < 2 or too_big:
        return [jobs] if jobs else []
    return [lane for lane in (actions, primary) if lane]


def _run_lane(lane: list[tuple[list, Path]]) -> None:
    for job in lane:
        _index_bundle(job)


KEEP_BUNDLES = 3  # enough for an edit and its revert to find their index again


def _keep(bundle: Path, cached: Path) -> None:
    """Store a fresh bundle in the cache (whole, or not at all), dropping the oldest ones."""
    if cached.parent.is_dir():
        bundles = [p for p in cached.parent.iterdir() if p.is_dir()]
        older = sorted(bundles, key=lambda p: p.stat().st_mtime)
        for old in older[: max(0, len(older) - KEEP_BUNDLES + 1)]:
            shutil.rmtree(old, ignore_errors=True)
            old.with_name(old.name + ".cles.json").unlink(missing_ok=True)
    partial = cached.with_name(cached.name + ".tmp")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(bundle, partial)
    os.replace(partial, cached)
