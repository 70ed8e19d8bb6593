"""bootstrap.py, the install: it leaves the project's own modules compiled, so that no command
compiles them again as it starts where Python may not write ``__pycache__`` itself."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture()
def bootstrap(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bootstrap_under_test", REPO / "bootstrap.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "VENV", Path(sys.prefix))  # the running venv's python
    return module


def loads_without_compiling(source: Path) -> bool:
    """Whether Python's import finds bytecode for ``source`` that it takes as it is: a
    timestamp-checked file whose recorded time and size are the source's (PEP 552)."""
    cached = Path(importlib.util.cache_from_source(str(source)))
    if not cached.is_file():
        return False
    header = cached.read_bytes()[:16]
    stat = source.stat()
    return (
        header[:4] == importlib.util.MAGIC_NUMBER
        and int.from_bytes(header[4:8], "little") == 0
        and int.from_bytes(header[8:12], "little") == int(stat.st_mtime) & 0xFFFFFFFF
        and int.from_bytes(header[12:16], "little") == stat.st_size & 0xFFFFFFFF
    )


def test_compile_project_leaves_every_module_of_the_plugin_and_the_tasks_compiled(
    bootstrap: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(
        REPO / "plugins", tmp_path / "plugins", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy2(REPO / "tasks.py", tmp_path / "tasks.py")
    sources = [*sorted((tmp_path / "plugins").rglob("*.py")), tmp_path / "tasks.py"]
    assert not any(loads_without_compiling(source) for source in sources)
    monkeypatch.setattr(bootstrap, "PROJECT", tmp_path)

    bootstrap.compile_project()

    assert [s for s in sources if not loads_without_compiling(s)] == []
    # a module edited afterwards is no longer taken from its old bytecode
    edited = tmp_path / "plugins" / "douane_status" / "domain" / "errors.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert not loads_without_compiling(edited)


@pytest.mark.parametrize(
    "arguments", [["--no-build"], ["--publish", "--no-editor"]], ids=["tests", "publishing"]
)
def test_every_install_compiles_the_project(
    bootstrap: ModuleType, monkeypatch: pytest.MonkeyPatch, arguments: list[str]
) -> None:
    done: list[str] = []
    monkeypatch.setattr(bootstrap, "pip_install", lambda *a: done.append("pip install"))
    monkeypatch.setattr(bootstrap, "run", lambda *a: done.append(" ".join(a[-3:])))
    monkeypatch.setattr(bootstrap, "ensure_browser", lambda: None)
    monkeypatch.setattr(bootstrap, "compile_project", lambda: done.append("compile"))
    monkeypatch.setattr(sys, "argv", ["bootstrap.py", *arguments])

    assert bootstrap.main() == 0
    assert "compile" in done
    assert done.index("pip install") < done.index("compile")
