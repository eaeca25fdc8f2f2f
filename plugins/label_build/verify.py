"""Verify mode (``LABEL_VERIFY=1``, ``make verify``): what a build kept is what it would make.

A build keeps what it judges unchanged: the whole site (« nothing changed »), a page whose key
did not move, a panel, kit, photo or search bundle found in the cache. A key that misses one
of its inputs (a read not recorded, code not in the code digest) keeps a stale file, and no
ordinary build would notice. After the build, this mode builds the same inputs again at the
same « now », cold: in a new process, with an empty cache, into a scratch folder outside the
site. Every file must be the same bytes; the build fails naming those that are not.

Pagefind 1.x writes its filter and meta files in the order of its internal hash map (its
issue #638): the same index, other bytes and other file names. The search folders are
compared by what they hold instead: the page fragments and word index by their decoded
content, the filter and meta files by their decoded content, whatever their names.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

PLUGINS = Path(__file__).resolve().parent.parent
SEARCH_PREFIX = "pagefind"  # the search bundles' folders: pagefind/, pagefind-actions-0/, …
_PAGEFIND_DATA = (".pf_filter", ".pf_meta", ".pf_index", ".pf_fragment")


def requested(settings: dict) -> bool:
    return bool(settings.get("LABEL_VERIFY")) or os.environ.get("LABEL_VERIFY") == "1"


def cold_build(settings_file: str, settings: dict, overrides: dict, target: Path) -> int:
    """The same build, cold: a new process (no memo of this one), an empty cache, the same
    « now ». It writes nothing outside ``target`` and its own scratch cache."""
    cache = target.parent / "cache"
    fresh = {
        **{k: v for k, v in overrides.items() if k != "LABEL_SCHEDULE"},
        "LABEL_NOW": settings["LABEL_NOW"],
        "LABEL_CACHE": str(cache),
        "LABEL_VERIFY": False,
    }
    program = (
        "import json, sys; from pathlib import Path; "
        f"sys.path.insert(0, {str(PLUGINS)!r}); "
        "from label_build.driver import build; "
        "sys.exit(build(sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])))"
    )
    env = {**os.environ, "LABEL_VERIFY": "0"}
    env.pop("BUILD_REPORT", None)
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
    """Relative paths that differ between two sites, search bundles compared by content."""
    found: list[str] = []
    kept_files, fresh_files = set(_files(kept)), set(_files(fresh))
    for rel in sorted(kept_files ^ fresh_files):
        if not _is_search_data(rel):
            found.append(rel)
    for rel in sorted(kept_files & fresh_files):
        if _is_search_data(rel):
            continue
        if (kept / rel).read_bytes() != (fresh / rel).read_bytes():
            found.append(rel)
    for bundle in sorted({rel.split("/")[0] for rel in kept_files | fresh_files}):
        if bundle.startswith(SEARCH_PREFIX) and _search_content(kept / bundle) != _search_content(
            fresh / bundle
        ):
            found.append(f"{bundle}/ (contenu de l’index)")
    return found


def _files(root: Path) -> Iterator[str]:
    for folder, _dirs, names in os.walk(root):
        for name in names:
            yield (Path(folder) / name).relative_to(root).as_posix()


def _is_search_data(rel: str) -> bool:
    return rel.startswith(SEARCH_PREFIX) and rel.endswith(_PAGEFIND_DATA)


def _search_content(bundle: Path) -> list[tuple[str, bytes]]:
    """A bundle's data files by kind, decompressed and sorted: the same index gives the same
    list whatever order and names Pagefind wrote them in. (Pagefind's entry file names them
    by hash, so it is compared the same way, without the hashes.)"""
    if not bundle.is_dir():
        return []
    content = []
    for path in bundle.rglob("*"):
        if path.is_file() and path.name.endswith(_PAGEFIND_DATA):
            data = path.read_bytes()
            with contextlib.suppress(OSError):  # Pagefind gzips them; a plain one as it is
                data = gzip.decompress(data)
            content.append((f"{path.parent.relative_to(bundle).as_posix()}{path.suffix}", data))
    return sorted(content)


def report(found: list[str]) -> str:
    """The French message that fails the build."""
    listed = "\n".join(f"  {rel}" for rel in found[:50])
    more = f"\n  … et {len(found) - 50} autres" if len(found) > 50 else ""
    return (
        f"Vérification : {len(found)} fichier(s) gardé(s) diffèrent d’une construction à froid "
        f"des mêmes données :\n{listed}{more}\nUne clé de cache oublie une entrée (une lecture "
        "non enregistrée, du code hors du condensé) : videz le cache (CACHEDIR) et signalez-le."
    )
