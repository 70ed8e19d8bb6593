"""``invoke editor``: the web editor against the local repository.

Starts Decap's local backend (decap-server, from node_modules) on loopback, writing into this
project's folder, and the preview of the site that serves /admin/ and rebuilds on every save.
The editor owns the backend it starts: a taken port is refused (naming what holds it) rather than
used, since a leftover server may write into another checkout, and the backend stops with the
editor, whether by Ctrl+C (SIGINT), SIGTERM or SIGHUP (and on Linux even when the editor is
killed).
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from ..domain.config import ADMIN_SETTING as SETTING
from ..domain.config import AdminSettings
from ..domain.errors import UsageError
from .ports import listening_pid, port_holder, port_is_free

DECAP_SERVER = Path("node_modules") / "decap-server" / "dist" / "index.js"
STARTUP_SECONDS = 20.0
PR_SET_PDEATHSIG = 1  # prctl(2)


def admin_settings(project: Path, publish: bool = False) -> AdminSettings:
    from pelican.settings import read_settings

    settings_file = project / ("publishconf.py" if publish else "pelicanconf.py")
    return AdminSettings.from_mapping(read_settings(str(settings_file)).get(SETTING, {}))


def require_free_port(port: int, what: str, setting: str) -> None:
    """UsageError naming the port and what holds it, when ``port`` is taken."""
    if not port_is_free(port):
        raise UsageError(
            f"port {port} ({what}) is in use by {port_holder(port)}. Stop that program, or "
            f"choose another port with {setting}."
        )


def start_local_backend(project: Path, admin: AdminSettings) -> subprocess.Popen[bytes]:
    """decap-server in file-system mode: saves become files in content/, nothing is committed.

    Returns once the server listens; it is this process's child, in a session of its own so that
    only this editor stops it.
    """
    server = project / DECAP_SERVER
    node = shutil.which("node")
    if node is None or not server.is_file():
        raise UsageError("the web editor needs Node.js and node_modules: run 'npm ci' first")
    port = int(admin.local_backend_port)
    require_free_port(port, "Decap's local backend", f"{SETTING}['local_backend_port']")
    environment = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",  # reachable from this machine only
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(project.resolve()),
    }
    process = subprocess.Popen(
        [node, str(server)],
        cwd=project,
        env=environment,
        start_new_session=True,
        preexec_fn=_stop_with_parent,
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise UsageError(
                f"Decap's local backend stopped at start (exit status {process.returncode}); "
                f"port {port} may have been taken meanwhile by {port_holder(port)}"
            )
        holder = listening_pid(port)
        if holder == process.pid:
            return process
        if holder is not None:  # someone else took the port between the check and the start
            stop(process)
            raise UsageError(f"port {port} was taken by {port_holder(port)} while starting")
        time.sleep(0.1)
    stop(process)
    raise UsageError(f"Decap's local backend did not listen on port {port} within 20 seconds")


def _stop_with_parent() -> None:
    """In the child, before node starts: Linux ends it when the editor ends, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """SIGINT (Ctrl+C), SIGTERM and SIGHUP end the block, so that its clean-up runs.

    SIGINT too, explicitly: a process started in the background by a shell without job control
    inherits SIGINT ignored, and Python then leaves it ignored; the editor would not stop.
    """
    stopping = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {s: signal.signal(s, _interrupt) for s in stopping}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
