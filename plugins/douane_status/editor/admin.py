"""The web editor at ``/admin/``: Decap CMS, self-hosted, configured for the outage format.

Everything the editor needs is generated at build time from the same sources as the site, so it
cannot drift from them: the form's fields and choices from the reader and the model, the systems
from ``content/systems.yaml``, the standard sentences from ``content/phrases.yaml``. Decap's own
bundle is copied from ``node_modules`` (installed from package-lock.json); nothing is loaded from
another site. ``theme/admin/outage-format.js``, with the generated ``editor.json``, turns the
form into the documented file format and back (the ``::: nl`` / ``::: en`` body blocks included)
and fills in empty texts from the phrasebook when the operator saves.

Settings: ``DOUANE_ADMIN`` in pelicanconf.py (see ``AdminSettings``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2

from ..domain.config import AdminSettings, StatusSettings
from ..domain.errors import PhrasebookError
from ..domain.model import Catalog, EventType, Fallback, Status
from ..domain.outfiles import copy_file, write_file
from ..operators.authoring import ID_WORDS, UPDATE_ORDER
from ..operators.operations import DISRUPTION_NEXT_MINUTES
from ..presentation import i18n
from ..reading.phrases import Phrasebook, load_phrasebook
from ..reading.reader import REQUIRED_FOR_PLANNED, TEXT_FIELDS, TOP_FIELDS

logger = logging.getLogger(__name__)

DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
JS_YAML = Path("node_modules") / "js-yaml" / "dist" / "browser" / "js-yaml.umd.min.js"
THEME_FOLDER = "admin"  # theme/admin: index.html (a template) and outage-format.js
TIME_FORMAT = "YYYY-MM-DD HH:mm"  # dayjs tokens for the file's 'YYYY-MM-DD HH:MM'
COLLECTION = "outages"
EDITOR_DATA = "editor.json"  # generated: Decap's configuration and the format data


def _label(nl: str, en: str) -> str:
    return f"{nl} / {en}"


def _options(values: tuple[Any, ...], table: Mapping[Any, tuple[str, str]]) -> list[dict[str, str]]:
    return [{"label": _label(*table[v]), "value": str(v)} for v in values]


def _time_field(name: str, label: str, *, required: bool, hint: str = "") -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": name,
        "label": label,
        "widget": "datetime",
        "format": TIME_FORMAT,
        "required": required,
    }
    if hint:
        field["hint"] = hint
    return field


def _texts(name: str, label: str, widget: str, hint: str) -> dict[str, Any]:
    return {
        "name": name,
        "label": label,
        "widget": "object",
        "required": False,
        "collapsed": False,
        "hint": hint,
        "fields": [
            {"name": "nl", "label": "Nederlands / Dutch", "widget": widget, "required": False},
            {"name": "en", "label": "Engels / English", "widget": widget, "required": False},
        ],
    }


STANDARD = _label(
    "Leeg laten: de standaardzin uit het zinnenboek wordt ingevuld bij opslaan",
    "Leave empty: the phrasebook's standard sentence is filled in on saving",
)
DUTCH_TIME = _label("Nederlandse tijd", "Dutch time")
PLANNED_ONLY = _label("Alleen bij gepland werk", "Planned work only")


def collection(catalog: Catalog) -> dict[str, Any]:
    """The Decap collection of outage files: one form field per format field, in their order."""
    type_options = [
        {"label": _label(*i18n.TYPE_LABELS[t]), "value": ID_WORDS[t]} for t in EventType
    ]
    system_options = [
        {"label": f"{s.short} — {s.name.nl} / {s.name.en}", "value": s.id} for s in catalog.systems
    ]
    update_fields = [
        _time_field("at", _label("Gepubliceerd", "Published") + f" ({DUTCH_TIME})", required=True),
        {
            "name": "status",
            "label": "Status",
            "widget": "select",
            "options": _options(tuple(Status), i18n.STATUS_LABELS),
        },
        {
            "name": "fallback",
            "label": _label("Noodprocedure", "Fallback procedure"),
            "widget": "select",
            "required": False,
            "options": _options(tuple(Fallback), i18n.FALLBACK_LABELS),
        },
        _time_field(
            "next_update",
            _label("Volgend bericht uiterlijk", "Next update no later than") + f" ({DUTCH_TIME})",
            required=False,
        ),
        _time_field(
            "expected_end",
            _label("Nieuw verwacht einde", "New expected end") + f" ({DUTCH_TIME})",
            required=False,
            hint=_label("Verplicht bij uitloop", "Required with overrun"),
        ),
        {"name": "nl", "label": "Nederlands / Dutch", "widget": "text", "required": False,
         "hint": STANDARD},
        {"name": "en", "label": "Engels / English", "widget": "text", "required": False,
         "hint": STANDARD},
    ]  # fmt: skip
    fields = [
        {
            "name": "type",
            "label": _label("Soort", "Type"),
            "widget": "select",
            "options": type_options,
            "default": ID_WORDS[EventType.DISRUPTION],
        },
        _texts("title", _label("Titel", "Title"), "string", STANDARD),
        {
            "name": "systems",
            "label": _label("Systemen", "Systems"),
            "widget": "select",
            "multiple": True,
            "min": 1,
            "options": system_options,
        },
        _time_field(
            "announced",
            _label("Aangekondigd", "Announced") + f" ({DUTCH_TIME})",
            required=False,
            hint=PLANNED_ONLY,
        ),
        _time_field(
            "start",
            _label("Begin", "Start") + f" ({DUTCH_TIME})",
            required=True,
            hint=_label("Bij een verstoring: wanneer die begon", "Disruption: when it began"),
        ),
        _time_field("end", _label("Einde", "End") + f" ({DUTCH_TIME})", required=False),
        {
            "name": "fallback_possible",
            "label": _label("Noodprocedure mogelijk", "Fallback procedure possible"),
            "widget": "select",
            "required": False,
            "hint": PLANNED_ONLY,
            "options": [
                {"label": "Ja / Yes", "value": "true"},
                {"label": "Nee / No", "value": "false"},
            ],
        },
        {
            "name": "follows",
            "label": _label("Volgt op verstoring (id)", "Follows disruption (id)"),
            "widget": "string",
            "required": False,
            "hint": _label("Alleen bij ongepland onderhoud", "Unplanned maintenance only"),
        },
        _texts(
            "cause", _label("Oorzaak", "Cause"), "text", _label("Als die bekend is", "If known")
        ),
        _texts(
            "process_changes",
            _label("Veranderingen in het proces", "Process changes"),
            "text",
            _label("Optioneel", "Optional"),
        ),
        _texts(
            "buffered_messages",
            _label("Ingediende en gebufferde berichten", "Submitted and buffered messages"),
            "text",
            _label(
                "Verplicht bij het einde van een verstoring met noodprocedure (P11)",
                "Required when a disruption with the fallback procedure ends (P11)",
            ),
        ),
        {
            "name": "updates",
            "label": _label("Berichten (oudste eerst)", "Updates (oldest first)"),
            "label_singular": _label("bericht", "update"),
            "widget": "list",
            "min": 1,
            "collapsed": False,
            "summary": "{{fields.at}} · {{fields.status}}",
            "default": [{"at": "{{now}}", "status": str(Status.INVESTIGATING)}],
            "fields": update_fields,
        },
        {
            "name": "body_nl",
            "label": _label("Toelichting in het Nederlands", "Explanation in Dutch"),
            "widget": "text",
            "required": False,
            "hint": STANDARD,
        },
        {
            "name": "body_en",
            "label": _label("Toelichting in het Engels", "Explanation in English"),
            "widget": "text",
            "required": False,
            "hint": STANDARD,
        },
    ]
    return {
        "name": COLLECTION,
        "label": _label("Berichten", "Messages"),
        "label_singular": _label("Bericht", "Message"),
        "description": _label(
            "Verstoringen, onderhoud en releases: één bestand per gebeurtenis",
            "Disruptions, maintenance and releases: one file per event",
        ),
        "folder": "content/outages",
        "extension": "md",
        "format": "douane-outage",
        "create": True,
        "delete": False,  # files stay a year (retention); `invoke prune` removes them
        "identifier_field": "title.nl",
        "summary": "{{title.nl}} · {{start}}",
        # the file name is the event id, as `invoke new` makes it: <date>-<systems>-<type word>
        "slug": "{{fields.start | date('YYYY-MM-DD')}}-{{fields.systems}}-{{fields.type}}",
        # the year folder of the start; outage-format.js sets `folder_year` when saving (Decap
        # lowercases path templates, so a date filter cannot be used here)
        "path": "{{folder_year}}/{{slug}}",
        "editor": {"preview": False},
        "fields": fields,
    }


def decap_config(catalog: Catalog, admin: AdminSettings) -> dict[str, Any]:
    if admin.repo:
        backend: dict[str, Any] = {"name": "github", "repo": admin.repo, "branch": admin.branch}
        if admin.base_url:
            backend["base_url"] = admin.base_url
    else:
        backend = {"name": "proxy", "proxy_url": admin.local_url, "branch": admin.branch}
    config: dict[str, Any] = {"backend": backend}
    if admin.repo:
        config["local_backend"] = {"url": admin.local_url}
    config.update(
        {
            "locale": "nl",
            "media_folder": "content/media",
            "slug": {"encoding": "ascii", "clean_accents": True},
            "collections": [collection(catalog)],
        }
    )
    return config


def format_data(catalog: Catalog, phrases: Phrasebook, settings: StatusSettings) -> dict[str, Any]:
    """What outage-format.js needs: the file's field order, and what fills empty texts."""
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
    if not (dist / "decap-cms.js").is_file() or not (project_dir / JS_YAML).is_file():
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
) -> list[Path] | None:
    """Write ``output_dir/admin/``; None (and nothing written) when Decap is not installed."""
    bundle = decap_files(project_dir)
    if bundle is None:
        return None
    target = output_dir / "admin"
    written = []
    for source in bundle:
        written.append(copy_file(source, target / "decap-cms" / source.name))
    written.append(copy_file(project_dir / JS_YAML, target / "js-yaml.min.js"))
    source_dir = theme_dir / THEME_FOLDER
    written.append(copy_file(source_dir / "outage-format.js", target / "outage-format.js"))
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
        "config": {**decap_config(catalog, admin), "load_config_file": False},
        "format": format_data(catalog, phrases, settings),
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
) -> None:
    """Write /admin/ beside the status pages, from the catalog the build already read.

    A missing phrasebook or Decap bundle leaves the editor out with a warning: the public site
    must not depend on the operators' tool.
    """
    try:
        phrases = load_phrasebook(content_dir, project_dir)
    except PhrasebookError as exc:
        logger.warning("The web editor /admin/ was not built: %s", exc)
        return
    written = write_admin(output_dir, project_dir, theme_dir, catalog, phrases, status, admin)
    if written is None:
        logger.warning(
            "The web editor /admin/ was not built: Decap CMS is not installed (run 'npm ci')."
        )
