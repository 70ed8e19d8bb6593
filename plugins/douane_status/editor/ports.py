"""Which program holds a local TCP port, so that a taken port is reported, never fought over.

Linux's /proc tells which socket listens on a port and which process has it open (for processes
of the same user); elsewhere, or for another user's process, the port is only reported as taken.
"""

from __future__ import annotations

import errno
import socket
from pathlib import Path

PROC = Path("/proc")
LISTEN = "0A"  # TCP state LISTEN in /proc/net/tcp


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether a server could listen on ``host:port`` now (another one may take it later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def listening_inodes(port: int, proc: Path = PROC) -> set[str]:
    """The socket inodes listening on ``port`` (any address, IPv4 and IPv6)."""
    inodes = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = (proc / "net" / table).read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if (
                len(fields) > 9
                and fields[3] == LISTEN
                and int(fields[1].rsplit(":", 1)[1], 16) == port
            ):
                inodes.add(fields[9])
    return inodes


def listening_pid(port: int, proc: Path = PROC) -> int | None:
    """The id of a process that listens on ``port``, when this user may see it."""
    inodes = listening_inodes(port, proc)
    if not inodes:
        return None
    targets = {f"socket:[{inode}]" for inode in inodes}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                if str(fd.readlink()) in targets:
                    return int(entry.name)
        except OSError:  # gone, or another user's process
            continue
    return None


def describe_process(pid: int, proc: Path = PROC) -> str:
    """``pid 123: node …/decap-server/dist/index.js (in /work/other)``, as far as it is known."""
    try:
        command = (proc / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return f"pid {pid}"
    try:
        folder = f" (in {(proc / str(pid) / 'cwd').readlink()})"
    except OSError:
        folder = ""
    return f"pid {pid}: {command.strip()}{folder}"


def port_holder(port: int) -> str:
    """What holds ``port``, in words for an error message."""
    pid = listening_pid(port)
    if pid is None:
        return "a program this user cannot see (check with 'ss -ltnp')"
    return describe_process(pid)
