"""The floors of the code: imports only go down, and no module imports itself back.

From the bottom: ``label_infra`` (digests, file cache, atomic writes, parallel map, progress,
code digest: imports nothing of ours), ``label_data`` (the model, the rules, the published
view, the URL contract), ``label_content`` (the editorial Markdown: front matter, embargo of
dated items, links), ``label_build`` (the write contract and the driver, which reaches the
features only through Pelican's signals and its own, ``label_build.hooks``), then the feature
plugins, each allowed the floors under it. Read from the source with ``ast``, so a new import
is judged without running anything.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PLUGINS = ROOT / "plugins"
FLOORS = (
    ("label_infra",),
    ("label_data",),
    ("label_content",),
    ("label_build",),
    ("label_map", "label_panels", "label_import"),
    ("label_opendata", "label_badge"),
    ("label_kits", "label_search", "label_admin"),
    ("label_pages",),
)
RANK = {package: floor for floor, packages in enumerate(FLOORS) for package in packages}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PLUGINS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in sorted(PLUGINS.glob("label_*/**/*.py"))
        if "__pycache__" not in path.parts
    }


def _imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Our modules that ``path`` imports (relative imports resolved; ``from a import b``
    is module ``a.b`` when that is a module, else ``a``)."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    return {n for n in found if n in known and n != name}


def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {name: _imports(name, path, known) for name, path in known.items()}


def test_every_package_has_a_floor():
    packages = {name.split(".")[0] for name in _modules()}
    assert packages == set(RANK), "a new package needs its floor in FLOORS (and in this docstring)"


def _upward(graph: dict[str, set[str]]) -> list[str]:
    """Imports of another package on the same floor or above."""
    return sorted(
        f"{module} → {target}"
        for module, targets in graph.items()
        for target in targets
        if module.split(".")[0] != target.split(".")[0]
        and RANK[target.split(".")[0]] >= RANK[module.split(".")[0]]
    )


def test_imports_only_go_down():
    upward = _upward(_graph())
    assert not upward, "imports that run up or sideways:\n" + "\n".join(upward)


def test_the_leaf_imports_nothing_of_ours():
    leaf = {m: t for m, t in _graph().items() if m.split(".")[0] == "label_infra"}
    assert leaf and all(t <= set(leaf) for t in leaf.values()), leaf


def test_no_module_imports_itself_back():
    graph = _graph()
    cycles = _cycles(graph)
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(c) for c in cycles)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_the_checker_sees_a_cycle_and_an_upward_import():
    """The rules above can fail: made-up graphs with a cycle, an import up, one sideways."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]
    graph = {
        "label_data.view": {"label_pages.fmt", "label_infra.digests"},
        "label_kits.share": {"label_search.names"},
        "label_pages.fmt": {"label_data.typo"},
    }
    assert _upward(graph) == [
        "label_data.view → label_pages.fmt",
        "label_kits.share → label_search.names",
    ]
