"""No import cycle in ``src/entente``: every module's imports (module-level and inside functions) are read
with :mod:`ast`, and the graph of imports between our modules must have no cycle.

An import ``from P import x`` depends on ``P.x`` when that is a module, else on ``P``; importing a module
also runs its packages' ``__init__`` (an edge to each, except the packages that contain the importer, which
are always being initialised before it)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = "entente"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / ROOT).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_package(modules: dict[str, Path], name: str) -> bool:
    return modules[name].name == "__init__.py"


def _resolve(modules: dict[str, Path], importer: str, level: int, module: str | None) -> str:
    if not level:
        return module or ""
    base = importer.split(".")
    if not _is_package(modules, importer):
        base = base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def _with_packages(modules: dict[str, Path], importer: str, target: str) -> set[str]:
    """``target`` and the packages above it whose ``__init__`` the import runs."""
    out = set()
    parts = target.split(".")
    for i in range(2, len(parts) + 1):  # (the root package ``entente`` imports nothing of ours)
        name = ".".join(parts[:i])
        if name in modules and not (importer == name or importer.startswith(name + ".")):
            out.add(name)
    return out


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(modules, name, node.level, node.module)
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for target in targets:
                if target == ROOT or target.startswith(ROOT + "."):
                    while target not in modules and "." in target:  # ``import a.b.attr`` style: the module
                        target = target.rsplit(".", 1)[0]
                    graph[name] |= _with_packages(modules, name, target) - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` (as the list of its modules, the first repeated at the end), else None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_graph_sees_module_and_function_level_imports():
    graph = import_graph()
    assert "entente.kb.views" in graph["entente.kb.queries"]  # module level, relative
    assert "entente.extract.pipeline" in graph["entente.kb.ingest"]  # inside a function
    assert "entente.kb" in graph["entente.web.generation"]  # a package's __init__ runs
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_in_src():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_kb_imports_the_query_facade_nowhere():
    """``entente.kb.queries`` is the façade the faces use: nothing inside ``entente.kb`` imports it."""
    graph = import_graph()
    users = sorted(
        m for m, deps in graph.items() if m.startswith("entente.kb.") and "entente.kb.queries" in deps
    )
    assert users == []


def test_views_import_only_the_record():
    graph = import_graph()
    assert graph["entente.kb.views"] == {"entente.record"}
