"""``invoke editor``: the site with /admin/ and Decap's local backend, on loopback, then stopped."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from html import unescape
from pathlib import Path

import pytest
from conftest import REPO, invoke
from test_operator import operator_project

from tools.ports import free_port, wait_for_port

pytestmark = pytest.mark.slow


def editor_project(tmp_path: Path) -> tuple[Path, int, int]:
    """A project with node_modules and its own backend port: (project, site port, backend port)."""
    project = operator_project(tmp_path / "project")
    (project / "node_modules").symlink_to(REPO / "node_modules")
    site_port, backend_port = free_port(), free_port()
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f'\nDOUANE_ADMIN = {{"local_backend_port": {backend_port}}}\n')
    return project, site_port, backend_port


def start_editor(project: Path, site_port: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
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


def is_listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_invoke_editor_serves_the_editor_and_the_local_backend(
    tmp_path: Path, stop_signal: signal.Signals
) -> None:
    project, site_port, backend_port = editor_project(tmp_path)
    editor = start_editor(project, site_port)
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
        editor.send_signal(stop_signal)
        output, _ = editor.communicate(timeout=30)
    assert editor.returncode == 0, output
    assert f"http://localhost:{site_port}/admin/" in output
    assert "localhost:8000" not in output  # the addresses it serves, not the defaults
    assert "Traceback" not in output
    assert not is_listening(backend_port)  # the local backend stopped with the editor
    assert not is_listening(site_port)


@pytest.mark.parametrize("taken", ["site", "backend"])
def test_a_port_in_use_is_named_with_what_holds_it(tmp_path: Path, taken: str) -> None:
    """A leftover server (here: another checkout's decap-server stand-in) is never used."""
    project, site_port, backend_port = editor_project(tmp_path)
    port = site_port if taken == "site" else backend_port
    other = tmp_path / "other-checkout"
    other.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=other,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, 30)
        result = invoke(project, "editor", "--port", str(site_port))
    finally:
        holder.terminate()
        holder.wait(timeout=10)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert f"port {port} " in result.stderr
    assert f"pid {holder.pid}: " in result.stderr and str(other) in result.stderr
    if taken == "site":  # refused before anything was started
        assert not is_listening(backend_port)


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


def test_the_local_backend_ends_even_when_the_editor_is_killed(tmp_path: Path) -> None:
    """SIGKILL leaves no clean-up to the editor: Linux stops its decap-server (PDEATHSIG)."""
    project, site_port, backend_port = editor_project(tmp_path)
    editor = start_editor(project, site_port)
    try:
        wait_for_port(backend_port, 30)
        wait_for_port(site_port, 60)
    finally:
        editor.kill()
        editor.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while is_listening(backend_port) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not is_listening(backend_port)
