"""The package's shape: layers import only downward, no import circles, small modules and folders.

Every module under ``plugins/douane_status`` is read with ``ast``; every import counts, also one
inside a function or under ``TYPE_CHECKING``, since each is a dependency a reader has to follow.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
PACKAGE = "douane_status"

# From the bottom up; a layer imports its own modules and those of the tiers below it, never a
# neighbour in its own tier nor anything above. The package's ``__init__`` is Pelican's entry
# point and counts as part of ``building``.
TIERS: tuple[tuple[str, ...], ...] = (
    ("domain",),  # model, time, working days, settings, errors, findings
    ("reading",),  # files into events, the catalogue, the phrasebook
    ("rules", "state"),  # the protocol's checks; what the events mean at a moment
    ("presentation",),  # words, Markdown, page addresses, subscription channels
    ("reports",),  # availability and compliance, and their files
    ("pages", "machine"),  # what each page shows; feeds, calendars, API, badges
    ("notify",),  # each message of the built site, once per channel: e-mail, webhooks, WebSub
    ("operators",),  # compose, check and write an event; pruning
    ("editor",),  # the web editor and its schema, built from the operators' format
    ("building",),  # the Pelican adapter and the build
    ("commands",),  # what tasks.py calls
)
MAX_LINES = 400
MAX_MODULES_PER_FOLDER = 15

# Imports that a part of issue 17 still has to take away. Remove an entry when its import is gone.
PENDING: frozenset[tuple[str, str]] = frozenset()

# Modules a part of issue 17 still shortens, at most as long as they are today.
PENDING_LINES: dict[str, int] = {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PLUGINS).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted((PLUGINS / PACKAGE).rglob("*.py"))}


def _imported(module: str, path: Path, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The modules one import statement names, ``from package import module`` resolved."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        anchor = package[: len(package) - node.level + 1]
        base = ".".join(anchor + ([node.module] if node.module else []))
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        yield submodule if submodule in modules() else base


@cache
def imports() -> dict[str, frozenset[str]]:
    """Each module's imports of the package itself and of ``tools``."""
    graph: dict[str, frozenset[str]] = {}
    for module, path in modules().items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                found.update(_imported(module, path, node))
        graph[module] = frozenset(
            name
            for name in found
            if name.split(".")[0] in (PACKAGE, "tools") and (module, name) not in PENDING
        )
    return graph


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "building"


def _tier(layer: str) -> int:
    return next(index for index, tier in enumerate(TIERS) if layer in tier)


def _cycles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """One circle through each module that lies on one (depth-first search)."""
    found: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, trail: list[str]) -> None:
        if module in trail:
            found.append([*trail[trail.index(module) :], module])
            return
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            visit(target, [*trail, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    return found


def test_the_reader_of_imports_sees_every_kind_of_import() -> None:
    graph = imports()
    # relative, from a package, inside a function, and type-only imports all count
    assert "douane_status.domain.errors" in graph["douane_status.domain.config"]
    assert "douane_status.presentation.i18n" in graph["douane_status.pages.availability_views"]
    assert "douane_status.editor.admin" in graph["douane_status.building.pelican_adapter"]
    assert "douane_status.building.pelican_adapter" in graph["douane_status"]


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset()}
    assert _cycles(graph) == [["a", "b", "c", "a"]]
    assert _cycles({"a": frozenset({"b"}), "b": frozenset()}) == []


def test_no_import_circles() -> None:
    assert _cycles(dict(imports())) == []


def test_every_folder_is_a_known_layer() -> None:
    layers = {_layer(module) for module in modules()}
    assert layers == {layer for tier in TIERS for layer in tier}


def test_layers_import_only_downward() -> None:
    upward = [
        f"{module} imports {target}"
        for module, targets in imports().items()
        for target in targets
        if target.startswith(PACKAGE + ".")
        and _layer(target) != _layer(module)
        and _tier(_layer(target)) >= _tier(_layer(module))
    ]
    assert upward == []


def test_nothing_in_the_plugin_imports_the_development_tools() -> None:
    assert [
        f"{module} imports {target}"
        for module, targets in imports().items()
        for target in targets
        if target.split(".")[0] == "tools"
    ] == []


def test_modules_stay_small() -> None:
    too_long = {
        module: lines
        for module, path in modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines()))
        > PENDING_LINES.get(module, MAX_LINES)
    }
    assert too_long == {}


def test_folders_stay_small() -> None:
    crowded = {
        str(folder.relative_to(PLUGINS)): count
        for folder in {path.parent for path in modules().values()}
        if (count := len(list(folder.glob("*.py")))) > MAX_MODULES_PER_FOLDER
    }
    assert crowded == {}


EDITOR_SCRIPTS = Path(__file__).resolve().parent.parent / "theme" / "admin"


def test_the_editors_modules_stay_small() -> None:
    """The web editor's ES modules (theme/admin/*.js) keep to the same limit as the package."""
    scripts = sorted(EDITOR_SCRIPTS.glob("*.js"))
    assert len(scripts) >= 8
    too_long = {
        path.name: lines
        for path in scripts
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}


def test_the_build_ships_every_editor_module() -> None:
    """A module the page imports but the build does not copy breaks /admin/ in the browser."""
    from douane_status.editor.admin import SCRIPTS

    assert sorted(SCRIPTS) == sorted(p.name for p in EDITOR_SCRIPTS.glob("*.js"))
