"""requirements-build.txt, what publishing installs, is whole and agrees with requirements.txt:
every package the site's code imports and every dependency of those is in it, at the version
requirements.txt pins, with the hashes ``pip install --require-hashes`` checks."""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "requirements-build.txt"
BUILD_IN = REPO / "requirements-build.in"
ALL = REPO / "requirements.txt"
# What publishing runs: the plugin, the settings and the task runner (tools/ is development only).
RUNTIME_CODE = [*sorted((REPO / "plugins").rglob("*.py")), REPO / "tasks.py"]
RUNTIME_CODE += [REPO / "pelicanconf.py", REPO / "publishconf.py"]
FIRST_PARTY = {"douane_status", "pelicanconf", "tasks", "tools"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$")
HASH = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")


def hashed_pins(text: str) -> dict[str, tuple[str, list[str]]]:
    """``{name: (version, hashes)}`` of a pip-compile file with hashes."""
    entries: dict[str, tuple[str, list[str]]] = {}
    joined = re.sub(r"\\\n", " ", text)
    for line in joined.splitlines():
        words = line.split(" #", 1)[0].split()
        if not words or words[0].startswith("#"):
            continue
        match = PIN.match(words[0])
        assert match, f"not a pin with hashes: {line!r}"
        entries[canonicalize_name(match[1])] = (match[2], words[1:])
    return entries


def plain_pins(text: str) -> dict[str, str]:
    pins = {}
    for line in text.splitlines():
        match = PIN.match(line.strip())
        if match:
            pins[canonicalize_name(match[1])] = match[2]
    return pins


@pytest.fixture(scope="module")
def build_pins() -> dict[str, tuple[str, list[str]]]:
    return hashed_pins(BUILD.read_text(encoding="utf-8"))


def test_every_build_package_is_pinned_as_in_requirements_txt_with_hashes(
    build_pins: dict[str, tuple[str, list[str]]],
) -> None:
    everything = plain_pins(ALL.read_text(encoding="utf-8"))
    assert len(build_pins) > 20
    for name, (version, hashes) in build_pins.items():
        assert everything.get(name) == version, f"{name}=={version}: requirements.txt differs"
        assert hashes and all(HASH.match(h) for h in hashes), f"{name}: no or bad hashes"


def test_the_build_file_holds_no_test_or_lint_tools(
    build_pins: dict[str, tuple[str, list[str]]],
) -> None:
    tools = {"pytest", "pytest-xdist", "hypothesis", "mypy", "ruff", "selenium", "zizmor"}
    assert not tools & set(build_pins)


def imported_distributions() -> dict[str, str]:
    """The distributions the runtime code imports, each with a file that imports it."""
    provided = metadata.packages_distributions()
    found: dict[str, str] = {}
    for path in RUNTIME_CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top in FIRST_PARTY or top == "__future__":
                    continue
                assert top in provided, f"{path.name} imports {top}, which nothing installs"
                for distribution in provided[top]:
                    found.setdefault(canonicalize_name(distribution), path.name)
    return found


def test_every_package_the_code_imports_is_in_the_build_file(
    build_pins: dict[str, tuple[str, list[str]]],
) -> None:
    imported = imported_distributions()
    assert {"pelican", "markdown", "pyyaml", "jinja2", "invoke"} <= set(imported)
    missing = {name: where for name, where in imported.items() if name not in build_pins}
    assert missing == {}, f"imported but not in {BUILD.name}: {missing}"


def test_every_dependency_of_the_build_packages_is_in_the_build_file(
    build_pins: dict[str, tuple[str, list[str]]],
) -> None:
    """``pip install --require-hashes --no-deps`` installs exactly this file: nothing may be
    missing from it (judged with the dependencies of the versions installed here)."""
    missing = []
    for name in build_pins:
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            if canonicalize_name(requirement.name) not in build_pins:
                missing.append(f"{name} needs {requirement}")
    assert missing == []


def test_the_build_file_is_compiled_from_its_source(
    build_pins: dict[str, tuple[str, list[str]]],
) -> None:
    named = [
        canonicalize_name(line.strip())
        for line in BUILD_IN.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "-"))
    ]
    assert named and set(named) <= set(build_pins)
    header = BUILD.read_text(encoding="utf-8")[:600]
    assert "--generate-hashes" in header and f" {BUILD_IN.name}\n" in header


def test_feedgens_kept_wheel_is_the_one_the_build_file_lists(
    build_pins: dict[str, tuple[str, list[str]]],
) -> None:
    """PyPI has feedgen as source only; the publish install takes wheels only (nothing built,
    so no unpinned build tool runs), feedgen's from wheels/, checked against its hash."""
    import hashlib

    (wheel,) = (REPO / "wheels").glob("feedgen-*.whl")
    version, hashes = build_pins["feedgen"]
    assert wheel.name == f"feedgen-{version}-py2.py3-none-any.whl"
    assert f"--hash=sha256:{hashlib.sha256(wheel.read_bytes()).hexdigest()}" in hashes
    bootstrap = (REPO / "bootstrap.py").read_text(encoding="utf-8")
    assert '"--only-binary",\n            ":all:"' in bootstrap and '"--find-links",' in bootstrap
