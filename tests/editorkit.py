"""Run the web editor's ES modules (theme/admin/*.js) under Node, as the browser loads them.

The modules run with the same `yaml` package the editor publishes; each test sends its input as
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

ADMIN = REPO / "theme" / "admin"
REGISTER = REPO / "tests" / "js" / "register.mjs"  # the modules' `yaml`, as the page serves it
# The modules the tests use, as the namespace `Editor` (the page's entry, editor-main.js, needs
# a browser and Decap)
MODULES = {
    "time": "amsterdam-time.js",
    "file": "outage-file.js",
    "edit": "outage-edit.js",
    "check": "outage-check.js",
    "phrases": "outage-phrases.js",
    "format": "outage-format.js",
}
PRELUDE = """
const Editor = {};
for (const [name, file] of Object.entries(JSON.parse(process.env.EDITOR_MODULES))) {
  Editor[name] = await import(file);
}
Editor.makeFormat = Editor.format.makeFormat;
const input = JSON.parse((await import("node:fs")).readFileSync(0, "utf8"));
const output = (value) => process.stdout.write(JSON.stringify(value));
"""


def run_editor_js(body: str, payload: Any, *, tz: str = "UTC") -> Any:
    """Run ``body`` after loading the modules; ``input`` is ``payload``, ``output(x)`` answers."""
    package = REPO / "node_modules" / "yaml"
    if not (package / "browser").is_dir():
        pytest.fail("node_modules has no yaml 2: run 'npm ci' (bootstrap.py does)")
    modules = {name: (ADMIN / file).as_uri() for name, file in MODULES.items()}
    environment = {**os.environ, "TZ": tz, "EDITOR_MODULES": json.dumps(modules)}
    result = subprocess.run(
        ["node", "--import", str(REGISTER), "--input-type=module", "-e", PRELUDE + body],
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
