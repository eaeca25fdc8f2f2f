"""One digest of the code that makes an artefact, computed, never bumped by hand.

In: the functions (or dotted module names) that make an artefact: a panel's renderer, a kit's
builder, the search indexer. Out: a hex digest of
- the source of every module of ours they import, directly or not (read from their ``import``
  statements with ``ast``, so a module added to the chain is followed without being listed),
  with the resource files of those modules' packages (``charter.yaml``, ``texts.yaml``, the ICC
  profile: what the code reads beside itself);
- the installed version of every library those modules import, and of what that library
  requires in turn (read from the installed distributions' metadata: ``pyproject.toml`` pins
  them, the environment is what ran);
- the Python version.

A cache key made with it changes when, and only when, something that can change the
artefact's bytes changed: editing ``render_png.py`` re-renders the panels, editing the kits'
wiring does not. Data and charter files are the artefact's inputs, keyed by their callers.

Memoised per process, deliberately: the code a process runs does not change while it runs
(``label_build.fresh`` empties the memos of functions between builds, not these).
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata as metadata
import importlib.util
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

PLUGINS = Path(__file__).resolve().parent.parent  # the folder of our packages
MEMOS_OUTLIVE_BUILDS = True  # read by label_build.fresh: these memos describe the process
_MEMO: dict[tuple[str, ...], str] = {}


def code_digest(*makers: Callable | str) -> str:
    """The digest of the code behind ``makers`` (functions, classes or module names)."""
    roots = tuple(sorted(m if isinstance(m, str) else m.__module__ for m in makers))
    if roots not in _MEMO:
        modules = our_modules(roots)
        h = hashlib.sha256(sys.version.encode())
        for name in sorted(modules):
            path = modules[name]
            h.update(f"\0{name}\0".encode() + path.read_bytes())
        for path in _resources(modules.values()):
            h.update(f"\0{path.relative_to(PLUGINS)}\0".encode() + path.read_bytes())
        for dist, version in sorted(library_versions(modules.values()).items()):
            h.update(f"\0{dist}=={version}".encode())
        _MEMO[roots] = h.hexdigest()
    return _MEMO[roots]


def our_modules(roots: Iterable[str]) -> dict[str, Path]:
    """Every module of ours that importing ``roots`` runs, by name, with its source file."""
    found: dict[str, Path] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in found:
            continue
        path = _our_source(name)
        if path is None:
            continue
        found[name] = path
        todo.extend(n for n in _imported(name, path) if _our_source(n) is not None)
    return found


def library_versions(sources: Iterable[Path]) -> dict[str, str]:
    """The installed distributions the ``sources`` import, with what they require (an extra's
    requirements only when our code imports them itself, as ``pagefind_bin``), by name."""
    top_levels = {n.split(".")[0] for path in sources for n in _imported("", path, absolute=True)}
    provided = _distributions()
    todo = [dist for top in sorted(top_levels) for dist in provided.get(top, [])]
    versions: dict[str, str] = {}
    while todo:
        dist = _canonical(todo.pop())
        if dist in versions:
            continue
        found = _installed(dist)
        if found is not None:
            versions[dist], requires = found
            todo.extend(requires)
    return versions


@functools.cache
def _distributions() -> Mapping[str, list[str]]:
    return metadata.packages_distributions()


@functools.cache
def _installed(dist: str) -> tuple[str, list[str]] | None:
    """A distribution's version and its unconditional requirements' names, or None."""
    try:
        version, requires = metadata.version(dist), metadata.requires(dist) or []
    except metadata.PackageNotFoundError:
        return None  # an optional requirement that is not installed
    names = [m.group(0) for r in requires if "extra" not in r and (m := _REQUIREMENT.match(r))]
    return version, names


_REQUIREMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@functools.cache
def _our_source(name: str) -> Path | None:
    """The source file of module ``name`` when it is one of ours (under ``plugins/``)."""
    if not name or not (PLUGINS / name.split(".")[0]).is_dir():
        return None
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    path = Path(spec.origin).resolve()
    return path if path.is_relative_to(PLUGINS) else None


def _imported(name: str, path: Path, *, absolute: bool = False) -> list[str]:
    """The modules ``path`` (module ``name``) imports, relative imports resolved.
    ``from package import x``: ``package.x`` when it is a module of ours, else ``package``
    (a package's ``__init__`` is our Pelican wiring: it counts only when something is taken
    from it). ``absolute``: the absolute imports only (to find a library's name)."""
    names: list[str] = []
    for level, module, aliases in _import_statements(path):
        if level and absolute:
            continue
        if module is None:  # ``import a.b, c``
            names.extend(aliases)
            continue
        base = _resolve(name, level, module, path.name == "__init__.py")
        for alias in aliases:
            submodule = f"{base}.{alias}"
            names.append(submodule if not absolute and _our_source(submodule) else base)
    return names


@functools.cache
def _import_statements(path: Path) -> list[tuple[int, str | None, tuple[str, ...]]]:
    """Every import of a source file, functions' included: (level, module or "", names);
    ``import x`` gives (0, None, names)."""
    found: list[tuple[int, str | None, tuple[str, ...]]] = []
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            found.append((0, None, tuple(alias.name for alias in node.names)))
        elif isinstance(node, ast.ImportFrom):
            found.append((node.level, node.module or "", tuple(a.name for a in node.names)))
    return found


def _resolve(name: str, level: int, module: str, is_package: bool) -> str:
    if not level:
        return module or ""
    parts = name.split(".")
    keep = len(parts) - level + (1 if is_package else 0)
    return ".".join(parts[:keep] + ([module] if module else []))


def _resources(sources: Iterable[Path]) -> list[Path]:
    """The files beside the modules that are not Python: what the code reads next to itself.
    Sub-folders that are packages of their own belong to their modules."""
    found: set[Path] = set()
    for folder in {path.parent for path in sources}:
        for path in folder.rglob("*"):
            if not path.is_file() or path.suffix in (".py", ".pyc"):
                continue
            inner = path.parent
            if "__pycache__" in path.parts or (
                inner != folder and (inner / "__init__.py").exists()
            ):
                continue
            found.add(path)
    return sorted(found)


def libraries_digest() -> str:
    """The Python version and the installed version of every library any module of ours
    imports (with their requirements): what a page's bytes may depend on beside our own files
    (Jinja, Markdown, Babel, Pelican itself)."""
    if ("*libraries",) not in _MEMO:
        ours = [path for path in PLUGINS.rglob("*.py") if "__pycache__" not in path.parts]
        versions = library_versions(ours)
        text = "\n".join([sys.version, *(f"{d}=={v}" for d, v in sorted(versions.items()))])
        _MEMO[("*libraries",)] = hashlib.sha256(text.encode()).hexdigest()
    return _MEMO[("*libraries",)]
