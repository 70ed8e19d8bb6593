"""``invoke serve``: the local preview serves the site, refuses a taken port naming what holds it
(before the first build, and when the port is taken during it), and stops on Ctrl+C however it
was started."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from conftest import invoke
from test_operator import operator_project

from douane_status.commands import cli
from tools.ports import free_port, wait_for_port

pytestmark = pytest.mark.slow


def start_serve(project: Path, port: int, *, sigint_ignored: bool) -> subprocess.Popen[str]:
    def ignore_sigint() -> None:  # as a shell without job control starts a background command
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    return subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", str(port), "--now", "2026-11-29T10:00"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=ignore_sigint if sigint_ignored else None,
    )


@pytest.mark.parametrize("sigint_ignored", [False, True], ids=["foreground", "background"])
def test_serve_shows_the_site_and_stops_on_ctrl_c(tmp_path: Path, sigint_ignored: bool) -> None:
    project = operator_project(tmp_path / "project")
    port = free_port()
    server = start_serve(project, port, sigint_ignored=sigint_ignored)
    try:
        wait_for_port(port, 60)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=10) as page:
            assert '<html lang="en">' in page.read().decode("utf-8")
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert f"http://localhost:{port}/" in output
    assert "Traceback" not in output


def test_serve_refuses_a_taken_port_before_building(tmp_path: Path) -> None:
    project = operator_project(tmp_path / "project")
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = invoke(project, "serve", "--port", str(port))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert f"error: port {port} (the preview) is in use by pid " in result.stderr
    assert "--port" in result.stderr
    assert not (project / "output").exists()  # refused before the first build


def test_a_port_taken_while_the_site_is_built_is_named_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = operator_project(tmp_path / "project")
    port = free_port()
    holder = socket.socket()

    def build_while_the_port_is_taken() -> object:
        holder.bind(("127.0.0.1", port))
        holder.listen()
        return cli.ExitStatus.OK

    monkeypatch.setattr(cli, "_rebuild", lambda _project, _now: build_while_the_port_is_taken)
    with holder:
        code = cli.main(project, ["serve", "--port", str(port)])
    assert code == cli.ExitStatus.USAGE
    err = capsys.readouterr().err
    assert f"error: cannot serve on port {port} (Address already in use)" in err
    assert "while the site was built; choose another port with --port" in err
