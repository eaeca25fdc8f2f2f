"""Verify mode (``LABEL_VERIFY=1``, ``make verify``): what a build kept is what it would make.

A build keeps what it judges unchanged: the whole site (« nothing changed »), a page whose key
did not move, a panel, kit, photo or search bundle found in the cache. A key that misses one
of its inputs (a read not recorded, code not in the code digest) keeps a stale file, and no
ordinary build would notice. After the build, this mode builds the same inputs again at the
same « now », cold: in a new process, with an empty cache, into a scratch folder outside the
site. Every file must be the same bytes; the build fails naming those that are not.

Pagefind 1.x writes its filter and meta files in the order of its internal hash maps (its
issue #638): the same index, other bytes and so other file names (the meta file and the
bundle's entry name them by hash). Those are compared by content: decoded (gzip, CBOR with
``cbor2``), in a canonical order, Pagefind's hashes left out. The word index and the page
fragments come out the same and are compared byte for byte, like every other file.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import cbor2
from label_data.typo import plural, spaced

PLUGINS = Path(__file__).resolve().parent.parent
SEARCH_PREFIX = "pagefind"  # the search bundles' folders: pagefind/, pagefind-actions-0/, …
_HASH_ORDERED = (".pf_filter", ".pf_meta")  # the index and fragments come out the same
_SIGNATURE = b"pagefind_dcd"
_PAGEFIND_HASH = re.compile(r"[a-z]+(-[a-z]+)?_[0-9a-f]{7,}")


def requested(settings: dict) -> bool:
    """Whether the settings ask for it (pelicanconf reads ``LABEL_VERIFY=1`` from the
    environment; the cold build's own settings say no)."""
    return bool(settings.get("LABEL_VERIFY"))


def cold_build(settings_file: str, settings: dict, overrides: dict, target: Path) -> int:
    """The same build, cold: a new process (no memo of this one), an empty cache, the same
    « now ». It writes nothing outside ``target`` and its own scratch cache."""
    cache = target.parent / "cache"
    fresh = {
        **{k: v for k, v in overrides.items() if k != "LABEL_SCHEDULE"},
        "LABEL_NOW": settings["LABEL_NOW"],
        "LABEL_CACHE": str(cache),
        "LABEL_VERIFY": False,
        "LABEL_KITS_AHEAD": False,  # its cache is thrown away: nothing to prepare for later
    }
    program = (
        "import json, sys; from pathlib import Path; "
        f"sys.path.insert(0, {str(PLUGINS)!r}); "
        "from label_build.driver import build; "
        "sys.exit(build(sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])))"
    )
    env = {k: v for k, v in os.environ.items() if k != "BUILD_REPORT"}
    args = [sys.executable, "-c", program, settings_file, str(target), json.dumps(fresh)]
    return subprocess.run(args, env=env, stdout=subprocess.DEVNULL, check=False).returncode


def verify(settings_file: str, settings: dict, overrides: dict, output: Path) -> list[str]:
    """The files of ``output`` that differ from a cold build's (or exist in one only)."""
    with tempfile.TemporaryDirectory(prefix="verification-") as scratch:
        fresh = Path(scratch) / "site"
        status = cold_build(settings_file, settings, overrides, fresh)
        if status != 0:
            return [f"(la construction à froid a échoué : code {status})"]
        return differences(output, fresh)


def differences(kept: Path, fresh: Path) -> list[str]:
    """Relative paths that differ between two sites, Pagefind's hash-ordered files compared
    by their decoded content."""
    kept_files, fresh_files = set(_files(kept)), set(_files(fresh))
    found = [rel for rel in sorted(kept_files ^ fresh_files) if not _hash_ordered(rel)]
    for rel in sorted(kept_files & fresh_files):
        if not _hash_ordered(rel) and (kept / rel).read_bytes() != (fresh / rel).read_bytes():
            found.append(_search_entry(kept, fresh, rel))
    for bundle in sorted({rel.split("/")[0] for rel in kept_files | fresh_files}):
        if bundle.startswith(SEARCH_PREFIX) and _decoded(kept / bundle) != _decoded(fresh / bundle):
            found.append(f"{bundle}/ (filtres et métadonnées de la recherche)")
    return [rel for rel in found if rel]


def _files(root: Path) -> Iterator[str]:
    for folder, _dirs, names in os.walk(root):
        for name in names:
            yield (Path(folder) / name).relative_to(root).as_posix()


def _hash_ordered(rel: str) -> bool:
    return rel.startswith(SEARCH_PREFIX) and rel.endswith(_HASH_ORDERED)


def _search_entry(kept: Path, fresh: Path, rel: str) -> str:
    """``rel``, unless it is a bundle's entry file differing only by the meta file's hash."""
    if not (rel.startswith(SEARCH_PREFIX) and rel.endswith("pagefind-entry.json")):
        return rel
    same = _canonical(json.loads((kept / rel).read_bytes())) == _canonical(
        json.loads((fresh / rel).read_bytes())
    )
    return "" if same else rel


def _decoded(bundle: Path) -> list:
    """The bundle's filter and meta files decoded (gzip, Pagefind's signature, CBOR) and
    put in a canonical order, their names and the hashes inside left out."""
    if not bundle.is_dir():
        return []
    content = []
    for path in bundle.rglob("*"):
        if path.is_file() and path.name.endswith(_HASH_ORDERED):
            raw = gzip.decompress(path.read_bytes())
            value = cbor2.loads(raw.removeprefix(_SIGNATURE))
            content.append((path.suffix, _canonical(value)))
    return sorted(content, key=repr)


def _canonical(value):
    """Lists as sorted lists and Pagefind's file hashes (« fr_6913c82 ») as one mark: what
    is left is the content, whatever order Pagefind's hash maps gave it."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, str) and _PAGEFIND_HASH.fullmatch(value):
        return "#"
    return value


def report(found: list[str]) -> str:
    """The French message that fails the build: the differing files by folder (how many, the
    first few), so that panels, kits and pages are all seen, not only the first in order."""
    folders: dict[str, list[str]] = {}
    for rel in found:
        folder, _, rest = rel.partition("/")
        folders.setdefault(folder + "/" if rest else "", []).append(rest or folder)
    lines = []
    for folder, names in sorted(folders.items(), key=lambda item: (-len(item[1]), item[0])):
        shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
        lines.append(f"  {folder or '(racine)'} ({len(names)}) : {shown}")
    differ = plural(len(found), "fichier gardé diffère", "fichiers gardés diffèrent")
    return spaced(
        f"Vérification : {differ} d’une construction à froid des mêmes données :\n"
        + "\n".join(lines)
        + "\nUne clé de cache oublie une entrée (une lecture non enregistrée, du code hors du "
        "condensé) : videz le cache (CACHEDIR) et signalez-le."
    )
