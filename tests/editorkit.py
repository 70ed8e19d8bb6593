"""Run the web editor's scripts (theme/admin/*.js) under Node, as the browser loads them.

The scripts run with the same `yaml` package the editor publishes; each test sends its input as
JSON on stdin and reads JSON back.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from rulekit import REPO

from douane_status.editor import admin

ADMIN = REPO / "theme" / "admin"
# The scripts the page loads, but the ES module that hands the browser's `yaml` to them: under
# Node, the prelude below requires the package itself.
SCRIPTS = tuple(name for name in admin.SCRIPTS if name != "yaml-global.js")
PRELUDE = """
globalThis.YAML = require(process.env.YAML_PACKAGE);
for (const file of JSON.parse(process.env.EDITOR_SCRIPTS)) require(file);
const Editor = globalThis.DouaneOutage;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const output = (value) => process.stdout.write(JSON.stringify(value));
"""


def run_editor_js(body: str, payload: Any, *, tz: str = "UTC") -> Any:
    """Run ``body`` after loading the scripts; ``input`` is ``payload``, ``output(x)`` answers."""
    package = REPO / "node_modules" / "yaml"
    if not (package / "browser").is_dir():
        pytest.fail("node_modules has no yaml 2: run 'npm ci' (bootstrap.py does)")
    environment = {
        **os.environ,
        "TZ": tz,
        "YAML_PACKAGE": str(package),
        "EDITOR_SCRIPTS": json.dumps([str(ADMIN / name) for name in SCRIPTS]),
    }
    result = subprocess.run(
        ["node", "-e", PRELUDE + body],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def text_files(folder: Path) -> dict[str, str]:
    """Every outage file below ``folder``, by path, as the editor receives it (text)."""
    return {str(p): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))}
