"""The package's shape: one direction of imports, small modules, one error catalog, one
table of clitic letters. These read the source (AST), so they hold for code paths no other
test happens to run."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from eventx.errors import ErrorMessage, Errors

PACKAGE = Path(__file__).parents[1] / "eventx"
MAX_MODULE_LINES = 700


def _modules() -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()
TREES = {name: ast.parse(path.read_text(encoding="utf-8"), str(path)) for name, path in MODULES.items()}


def _imports(name: str) -> set[str]:
    """eventx modules that ``name`` imports anywhere (top level, functions, TYPE_CHECKING)."""
    found: set[str] = set()
    for node in ast.walk(TREES[name]):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            candidates = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        found |= {c for c in candidates if c in MODULES and c != name}
    return found


GRAPH = {name: _imports(name) for name in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
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


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    assert len(GRAPH) > 50 and sum(len(v) for v in GRAPH.values()) > 100  # the graph was read
    assert _cycles(GRAPH) == []


def test_components_import_the_contract_and_the_pipeline_imports_components() -> None:
    # The contract is a leaf: it knows the document model and the error catalog, nothing else.
    assert GRAPH["eventx.component"] <= {"eventx.doc", "eventx.errors"}
    components = {name for name in MODULES if name.endswith(".processor")}
    assert components == {
        "eventx.text.processor",
        "eventx.morph.processor",
        "eventx.ner.processor",
        "eventx.normalize.processor",
        "eventx.rules.processor",
    }
    assert components <= GRAPH["eventx.pipeline"]
    for name in components:
        assert "eventx.component" in GRAPH[name], name
    users_of_pipeline = {name for name, deps in GRAPH.items() if "eventx.pipeline" in deps}
    # the entry points that build pipelines for a user: the API, the CLI, Dask, the test plugin
    assert users_of_pipeline <= {"eventx", "eventx.api", "eventx.cli", "eventx.dask", "eventx.testing"}
    # Stages never import later stages' components or the pipeline.
    assert not any(dep.endswith(".processor") for name in components for dep in GRAPH[name])


def test_no_module_is_over_the_line_limit() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    assert max(sizes.values()) > 100  # the files were read
    assert {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES} == {}


def _raises() -> Iterator[tuple[str, int, ast.expr]]:
    for name, tree in TREES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
                yield name, node.lineno, node.exc.args[0]


def test_every_raised_message_comes_from_the_catalog() -> None:
    inline = [
        f"{name}:{line}"
        for name, line, message in _raises()
        if isinstance(message, ast.Constant | ast.JoinedStr | ast.BinOp)
    ]
    assert len(list(_raises())) > 50  # the raises were found
    assert inline == []


def test_catalog_codes_are_unique_and_every_use_exists() -> None:
    entries = {name: value for name, value in vars(Errors).items() if isinstance(value, ErrorMessage)}
    codes = [entry.code for entry in entries.values()]
    assert len(entries) > 20
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"E\d{3}", code) for code in codes)
    used = {
        node.attr
        for tree in TREES.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Errors"
    }
    assert used and used <= set(entries)


def test_a_catalog_message_names_its_code() -> None:
    message = Errors.UNKNOWN_COMPONENT.format(name="lemmatize", known="tokenize")
    assert message == "[E001] unknown processor 'lemmatize'; registered processors: tokenize"


CLITIC_STRINGS = {"وفبلك", "وف", "بلك"}
CLITIC_SETS = ({"و", "ف"}, {"ب", "ل", "ك"}, {"و", "ف", "ب", "ل", "ك"})


def _is_clitic_table(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return node.value in CLITIC_STRINGS
    if isinstance(node, ast.Tuple | ast.Set):
        return {e.value for e in node.elts if isinstance(e, ast.Constant)} in CLITIC_SETS
    return False


def test_clitic_letters_have_one_source() -> None:
    assert _is_clitic_table(ast.parse('("ب", "ل", "ك")').body[0].value)  # type: ignore[attr-defined]
    copies = [
        f"{name}:{node.lineno}"  # type: ignore[attr-defined]
        for name, tree in TREES.items()
        if name != "eventx.text.orthography"
        for node in ast.walk(tree)
        if _is_clitic_table(node)
    ]
    assert copies == []


# Module-level mutable state that is allowed, and why. Everything else that a module creates
# empty at import time and fills later is a resource singleton the components should own.
ALLOWED_MODULE_STATE = {
    ("eventx.morph.camel", "_SHARED"): "cached loader: the camel DB and analyzer, read once per process",
    ("eventx.morph.stanza_backend", "_PIPELINES"): "cached loader: stanza models, read once per process",
    ("eventx.morph.processor", "_SAID"): "say the backend fallback message once per process, not per pipeline",
    ("eventx.text.orthography", "_KEY_TABLE"): "translation table filled once at import",
    ("eventx.ner.lexicon", "_CLASS_CACHE"): "memo of a pure function of the shipped word lists",
    ("eventx.pipeline", "_WORKER_PIPELINE"): "the pipeline a worker process built from the parent's config",
    ("eventx.train.ner", "_FORK_DATA"): "training data handed to forked training workers",
}


def _module_state(name: str, tree: ast.Module) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            empty = (isinstance(node.value, ast.Dict | ast.List | ast.Set) and not getattr(
                node.value, "keys", getattr(node.value, "elts", None))) or (
                isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
                and node.value.func.id in {"dict", "list", "set", "OrderedDict", "defaultdict"} and not node.value.args
            )
            if empty:
                found |= {(name, t.id) for t in targets if isinstance(t, ast.Name) and t.id != "__all__"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found |= {(name, n) for n in node.names}
    return found


def test_module_level_state_is_only_the_allowed_caches() -> None:
    assert _module_state("m", ast.parse("X: dict[str, int] = {}\nY = set()\nZ = {1: 2}")) == {("m", "X"), ("m", "Y")}
    state = set().union(*(_module_state(name, tree) for name, tree in TREES.items()))
    assert state - set(ALLOWED_MODULE_STATE) == set()
    assert not {"_DEFAULT", "_GAZETTEER_STATE", "_RECENT_SPANS", "_TAGGERS"} & {n for _, n in state}


def test_no_message_is_built_inline_and_raised_by_name() -> None:
    """``msg = f"..."; raise ValueError(msg)`` is an inline message too."""
    inline = []
    for name, tree in TREES.items():
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            literal_names = {
                t.id
                for node in ast.walk(function)
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant | ast.JoinedStr)
                and isinstance(getattr(node.value, "value", ""), str)
                for t in node.targets
                if isinstance(t, ast.Name)
            }
            for node in ast.walk(function):
                if (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args
                        and isinstance(node.exc.args[0], ast.Name) and node.exc.args[0].id in literal_names):
                    inline.append(f"{name}:{node.lineno}")
    assert inline == []
