"""``invoke editor``: the web editor against the local repository.

Starts Decap's local backend (decap-server, from node_modules) on loopback, writing into this
project's folder, and the preview of the site that serves /admin/ and rebuilds on every save.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from ..domain.config import ADMIN_SETTING as SETTING
from ..domain.config import AdminSettings
from ..domain.errors import UsageError

DECAP_SERVER = Path("node_modules") / "decap-server" / "dist" / "index.js"


def admin_settings(project: Path, publish: bool = False) -> AdminSettings:
    from pelican.settings import read_settings

    settings_file = project / ("publishconf.py" if publish else "pelicanconf.py")
    return AdminSettings.from_mapping(read_settings(str(settings_file)).get(SETTING, {}))


def start_local_backend(project: Path, admin: AdminSettings) -> subprocess.Popen[bytes]:
    """decap-server in file-system mode: saves become files in content/, nothing is committed."""
    server = project / DECAP_SERVER
    node = shutil.which("node")
    if node is None or not server.is_file():
        raise UsageError("the web editor needs Node.js and node_modules: run 'npm ci' first")
    environment = {
        **os.environ,
        "PORT": str(admin.local_backend_port),
        "BIND_HOST": "127.0.0.1",  # reachable from this machine only
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(project),
    }
    return subprocess.Popen([node, str(server)], cwd=project, env=environment)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
