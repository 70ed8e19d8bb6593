"""``invoke editor``: the site with /admin/ and Decap's local backend, on loopback, then stopped."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import urllib.request
from html import unescape
from pathlib import Path

import pytest
from conftest import REPO
from test_admin_browser import free_port, wait_for_port
from test_operator import operator_project

pytestmark = pytest.mark.slow


def test_invoke_editor_serves_the_editor_and_the_local_backend(tmp_path: Path) -> None:
    project = operator_project(tmp_path / "project")
    (project / "node_modules").symlink_to(REPO / "node_modules")
    site_port, backend_port = free_port(), free_port()
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f'\nDOUANE_ADMIN = {{"local_backend_port": {backend_port}}}\n')
    editor = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "invoke",
            "editor",
            "--port",
            str(site_port),
            "--now",
            "2026-11-29T10:00",
        ],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_port(backend_port, 30)
        wait_for_port(site_port, 30)
        with urllib.request.urlopen(f"http://127.0.0.1:{site_port}/admin/", timeout=10) as page:
            html = unescape(page.read().decode("utf-8"))
        assert 'src="decap-cms/decap-cms.js"' in html
        assert f"connect-src 'self' http://127.0.0.1:{backend_port}" in html
        request = urllib.request.Request(
            f"http://127.0.0.1:{backend_port}/api/v1",
            data=json.dumps({"action": "info"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            info = json.loads(answer.read())
        assert info["type"] == "local_fs" and info["repo"] == "project"
    finally:
        editor.send_signal(signal.SIGINT)
        output, _ = editor.communicate(timeout=30)
    assert f"http://localhost:{site_port}/admin/" in output
    assert "Traceback" not in output
    with pytest.raises(OSError):  # the local backend stopped with the editor
        socket.create_connection(("127.0.0.1", backend_port), timeout=1).close()


def test_invoke_editor_without_node_modules_says_what_to_do(tmp_path: Path) -> None:
    project = operator_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "editor"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "run 'npm ci'" in result.stderr and "Traceback" not in result.stderr
