"""Local preview: serve ``output/`` over HTTP and rebuild when content, theme or code change."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable
from pathlib import Path

from ..domain.errors import UsageError
from ..editor.ports import port_holder

WATCHED = ("content", "theme", "plugins", "pelicanconf.py")


def serve_with_rebuild(project: Path, port: int, rebuild: Callable[[], object]) -> None:
    """Build with ``rebuild``, serve ``output/`` on ``port`` and rebuild on every change seen."""
    from watchfiles import watch

    output = project / "output"
    rebuild()
    output.mkdir(exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(output))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:  # taken while the site was built
        raise UsageError(
            f"cannot serve on port {port} ({exc.strerror or exc}): it was taken by "
            f"{port_holder(port)} while the site was built; choose another port with --port"
        ) from None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving the site at http://localhost:{port}/ (Ctrl+C to stop)")
    print("Rebuilding when content/, theme/, plugins/ or pelicanconf.py change.")
    try:
        for _changes in watch(*(project / name for name in WATCHED if (project / name).exists())):
            print("Change seen: rebuilding…")
            rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
