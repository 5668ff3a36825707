"""The package's shape, read from its source: no import circle, and layers import downwards.

Every ``import`` and ``from ... import`` of every module counts, at the top and inside
functions alike; only imports under ``if TYPE_CHECKING:`` are left out (they never run).
The rules are the table of docs/architecture.md.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "factcheck"
MAX_TOP_LEVEL_MODULES = 12

FOUNDATION = {
    "factcheck.errors",
    "factcheck.units",
    "factcheck.settings",
    "factcheck.escape",
    "factcheck.atomic",
    "factcheck.progress",
}
"""Modules every layer may import; they import nothing of factcheck but each other."""

_STAGES = {"foundation", "models", "sources", "extract"}
ALLOWED: dict[str, set[str]] = {
    "foundation": {"foundation"},
    "models": {"factcheck.errors", "factcheck.units"},
    "sources": {"foundation", "models", "sources"},
    "extract": _STAGES,
    "render": {"foundation", "models", "render"},
    # render.display words the explanations; its package comes with it
    "crosscheck": _STAGES | {"crosscheck", "factcheck.render.display", "factcheck.render"},
    "factsheet": _STAGES | {"crosscheck", "render", "factsheet", "root"},  # root: __version__
    "cli": _STAGES | {"crosscheck", "render", "factsheet", "cli", "root"},
    "root": {"cli"},  # factcheck/__init__ loads its exports lazily; __main__ runs the CLI
}
"""Layer -> what its modules may import: layer names, or single modules by full name."""

CONVENIENCES = {
    ("factcheck.models", "factcheck.render.display"),  # Claim.display
    ("factcheck.models", "factcheck.render"),  # its package comes with it
    ("factcheck.models", "factcheck.render.tables"),  # Report.to_pandas()
}
"""The only upward imports: methods of the public models that hand over to the layer
that owns the knowledge, imported inside those methods only (never at load time)."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> str:
    if module in FOUNDATION:
        return "foundation"
    if module == "factcheck.models":
        return "models"
    parts = module.split(".")
    if len(parts) == 1 or module == "factcheck.__main__":
        return "root"
    return parts[1]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node, skipping the bodies of ``if TYPE_CHECKING:`` blocks."""
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for other in child.orelse:
                yield other
                yield from _nodes(other)
            continue
        yield child
        yield from _nodes(child)


def _resolve(module: str, package: str, level: int) -> str:
    if level == 0:
        return module
    base = package.split(".")[: len(package.split(".")) - level + 1]
    return ".".join([*base, module] if module else base)


def imports_of(module: str, tree: ast.AST | None = None) -> set[str]:
    """The factcheck modules that ``module`` imports (outside TYPE_CHECKING)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _nodes(tree or ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module or "", package, node.level)
            # "from factcheck.crosscheck import pipeline" imports the module pipeline.
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        found.update(name for name in names if name.split(".")[0] == "factcheck")
    found.discard(module)
    return found


def top_level_imports_of(module: str) -> set[str]:
    """The factcheck modules ``module`` imports outside any function body."""
    tree = ast.parse(MODULES[module].read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            node.body = [ast.Pass()]
    return imports_of(module, tree)


GRAPH_WITH_CONVENIENCES = {module: imports_of(module) for module in MODULES}
GRAPH = {
    module: {t for t in targets if (module, t) not in CONVENIENCES}
    for module, targets in GRAPH_WITH_CONVENIENCES.items()
}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_import_names_a_module_of_the_package() -> None:
    unknown = {(m, t) for m, targets in GRAPH.items() for t in targets if t not in MODULES}
    assert not unknown


def test_imports_inside_functions_count_and_type_checking_ones_do_not() -> None:
    # pipeline imports the cache inside report(), and the embedder only for type checking
    assert "factcheck.crosscheck.cache" in GRAPH["factcheck.crosscheck.pipeline"]
    assert "factcheck.crosscheck.embed" not in GRAPH["factcheck.crosscheck.pipeline"]


def test_no_import_circle() -> None:
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_models_import_nothing_above_them() -> None:
    assert GRAPH["factcheck.models"] <= {"factcheck.errors", "factcheck.units"}


def test_the_conveniences_are_imported_inside_methods_only() -> None:
    for module, target in CONVENIENCES:
        assert target not in top_level_imports_of(module), (module, target)
    assert ("factcheck.models", "factcheck.render.tables") in {
        (m, t) for m, targets in GRAPH_WITH_CONVENIENCES.items() for t in targets
    }


def test_at_most_twelve_modules_directly_in_the_package() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(loose) <= MAX_TOP_LEVEL_MODULES, loose


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_what_it_may(layer: str) -> None:
    allowed = ALLOWED[layer]
    wrong = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if layer_of(module) == layer
        for target in targets
        if target not in allowed and layer_of(target) not in allowed
    )
    assert wrong == []


def test_every_subpackage_says_what_it_owns_and_may_import() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text("utf-8"))) or ""
        assert "may import" in " ".join(doc.lower().split()), init
