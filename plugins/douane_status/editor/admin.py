"""The web editor at ``/admin/``: Decap CMS, self-hosted, configured for the outage format.

Everything the editor needs is generated at build time from the same sources as the site, so it
cannot drift from them: the form's fields and choices (``decap_form``) from the reader and the
model, the systems from ``content/systems.yaml``, the standard sentences from
``content/phrases.yaml``. Decap's own bundle is copied from ``node_modules`` (installed from
package-lock.json), and so is the ``yaml`` package's document model; nothing is loaded from
another site. The scripts in ``theme/admin/`` (see outage-format.js), with the generated
``editor.json``, turn the form into the documented file format and back, changing only what the
operator changed, fill in empty texts from the phrasebook, keep times in Dutch time and refuse to
save what the checker would refuse (with the rules of ``checker_rules``).

Settings: ``DOUANE_ADMIN`` in pelicanconf.py (see ``AdminSettings``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import jinja2

from ..domain.config import AdminSettings, StatusSettings
from ..domain.errors import PhrasebookError
from ..domain.model import Catalog, EventType, Status
from ..domain.outfiles import copy_file, write_file
from ..operators.authoring import ID_WORDS, UPDATE_ORDER
from ..operators.update import DISRUPTION_NEXT_MINUTES
from ..presentation import i18n
from ..reading.phrases import Phrasebook, load_phrasebook
from ..reading.reader import REQUIRED_FOR_PLANNED, TEXT_FIELDS, TOP_FIELDS
from .checker_rules import checker_rules
from .decap_form import collection

logger = logging.getLogger(__name__)

DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
YAML_MODULES = Path("node_modules") / "yaml" / "browser" / "dist"  # ES modules, no build step
THEME_FOLDER = "admin"  # theme/admin: index.html (a template) and the scripts below
SCRIPTS = (  # ES modules; editor-main.js is the page's entry
    "amsterdam-time.js",
    "outage-file.js",
    "outage-edit.js",
    "check-messages.js",
    "check-nodes.js",
    "check-format.js",
    "work-calendar.js",
    "check-overrun.js",
    "check-protocol.js",
    "outage-check.js",
    "outage-phrases.js",
    "outage-format.js",
    "outage-widgets.js",
    "editor-main.js",
)
# The status a new update starts with, after the previous update's (the first: the type's first).
NEXT_STATUS = {
    Status.INVESTIGATING: Status.DISRUPTION,
    Status.DISRUPTION: Status.DISRUPTION,  # still disrupted: closing is the operator's choice
    Status.SCHEDULED: Status.IN_PROGRESS,
    Status.IN_PROGRESS: Status.COMPLETED,
    Status.OVERRUN: Status.OVERRUN,
}
EDITOR_DATA = "editor.json"  # generated: Decap's configuration and the format data


def decap_config(catalog: Catalog, admin: AdminSettings) -> dict[str, Any]:
    """The published editor's configuration.

    With a repository, the GitHub backend and Decap's editorial workflow: a save is a branch and a
    pull request, CI's check is the gate and "publish" merges (see README, "The web editor").
    Without one, the local backend (``invoke editor``), saving directly into content/.
    """
    if not admin.repo:
        return local_decap_config(catalog, admin)
    backend: dict[str, Any] = {
        "name": "github",
        "repo": admin.repo,
        "branch": admin.branch,
        "squash_merges": True,  # one commit on main per published message
    }
    if admin.base_url:
        backend["base_url"] = admin.base_url
    return {"backend": backend, "publish_mode": "editorial_workflow", **_common(catalog)}


def local_decap_config(catalog: Catalog, admin: AdminSettings) -> dict[str, Any]:
    """``invoke editor``'s configuration: decap-server on loopback, a save is a file in content/.

    The editor page takes it when it is opened on this machine (localhost), whatever backend the
    published site uses: local editing stays direct and never needs the GitHub sign-in.
    """
    backend = {"name": "proxy", "proxy_url": admin.local_url, "branch": admin.branch}
    return {"backend": backend, **_common(catalog)}


def _common(catalog: Catalog) -> dict[str, Any]:
    return {
        "locale": "nl",
        "media_folder": "content/media",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [collection(catalog)],
        "load_config_file": False,
    }


def format_data(
    catalog: Catalog, phrases: Phrasebook, settings: StatusSettings, now: dt.datetime
) -> dict[str, Any]:
    """What outage-format.js needs: the file's field order, and what fills empty texts; ``now``
    (the build's) bounds the working days the checker's rules carry."""
    return {
        "top_fields": list(TOP_FIELDS),
        "update_fields": list(UPDATE_ORDER),
        "text_fields": list(TEXT_FIELDS),
        "planned_only": list(REQUIRED_FOR_PLANNED),
        "type_words": {ID_WORDS[t]: str(t) for t in EventType},
        # the next communication moment filled in when left empty, as `invoke update` does
        "next_minutes": {
            str(Status.INVESTIGATING): settings.investigation_followup_minutes,
            str(Status.DISRUPTION): DISRUPTION_NEXT_MINUTES,
        },
        "systems": {
            s.id: {
                "short": s.short,
                "processes": {
                    lang: [catalog.process(p).name[lang] for p in s.processes]
                    for lang in ("nl", "en")
                },
            }
            for s in catalog.systems
        },
        "phrases": phrases.as_dict(),
        "rules": checker_rules(catalog, settings, now),
        "next_status": {str(k): str(v) for k, v in NEXT_STATUS.items()},
        "status_labels": {str(s): " / ".join(i18n.both(i18n.STATUS_LABELS, s)) for s in Status},
    }


def content_security_policy(admin: AdminSettings) -> str:
    """Decap needs eval (its config validator compiles schemas) and inline styles (emotion)."""
    connect = ["'self'", admin.local_url.removesuffix("/api/v1")]
    connect.append(f"http://localhost:{admin.local_backend_port}")
    images = ["'self'", "data:", "blob:"]
    if admin.repo:
        connect.append("https://api.github.com")
        images.append("https://avatars.githubusercontent.com")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval'",  # also allows WebAssembly
            "style-src 'self' 'unsafe-inline'",
            f"img-src {' '.join(images)}",
            "font-src 'self' data:",
            f"connect-src {' '.join(connect)}",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def decap_files(project_dir: Path) -> list[Path] | None:
    """The files of Decap's bundle to publish (no source maps), or None when not installed."""
    dist = project_dir / DECAP_DIST
    if not (dist / "decap-cms.js").is_file() or not (project_dir / YAML_MODULES).is_dir():
        return None
    return sorted(
        p
        for p in dist.iterdir()
        if p.is_file()
        and not p.name.endswith(".map")
        and (p.name.endswith((".decap-cms.js", ".wasm")) or p.name.startswith("decap-cms.js"))
    )


def write_admin(
    output_dir: Path,
    project_dir: Path,
    theme_dir: Path,
    catalog: Catalog,
    phrases: Phrasebook,
    settings: StatusSettings,
    admin: AdminSettings,
    now: dt.datetime,
) -> list[Path] | None:
    """Write ``output_dir/admin/``; None (and nothing written) when Decap is not installed."""
    bundle = decap_files(project_dir)
    if bundle is None:
        return None
    target = output_dir / "admin"
    written = []
    for source in bundle:
        written.append(copy_file(source, target / "decap-cms" / source.name))
    modules = project_dir / YAML_MODULES
    for source in sorted(modules.rglob("*.js")):
        written.append(copy_file(source, target / "yaml" / source.relative_to(modules)))
    source_dir = theme_dir / THEME_FOLDER
    for name in SCRIPTS:
        written.append(copy_file(source_dir / name, target / name))
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(source_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    page = environment.get_template("index.html").render(csp=content_security_policy(admin))
    # Decap's configuration travels as JSON with the format data: Decap ignores a config.yml
    # that a server does not label as YAML, and simple static servers do not.
    editor = {
        "config": decap_config(catalog, admin),
        "local_config": local_decap_config(catalog, admin),
        "format": format_data(catalog, phrases, settings, now),
    }
    files = {
        "index.html": page,
        EDITOR_DATA: json.dumps(editor, ensure_ascii=False, indent=1) + "\n",
    }
    for name, text in files.items():
        written.append(write_file(target / name, text))
    return written


def write_editor(
    output_dir: Path,
    project_dir: Path,
    theme_dir: Path,
    content_dir: Path,
    catalog: Catalog,
    status: StatusSettings,
    admin: AdminSettings,
    now: dt.datetime,
) -> list[Path]:
    """Write /admin/ beside the status pages, from the catalog the build already read; returns
    the files written.

    A missing phrasebook or Decap bundle leaves the editor out with a warning: the public site
    must not depend on the operators' tool.
    """
    try:
        phrases = load_phrasebook(content_dir, project_dir)
    except PhrasebookError as exc:
        logger.warning("The web editor /admin/ was not built: %s", exc)
        return []
    written = write_admin(output_dir, project_dir, theme_dir, catalog, phrases, status, admin, now)
    if written is None:
        logger.warning(
            "The web editor /admin/ was not built: Decap CMS is not installed (run 'npm ci')."
        )
        return []
    return written
