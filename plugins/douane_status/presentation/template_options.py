"""The Jinja options the theme's templates are written for, and where their compiled code is kept.

The plugin sets them on Pelican's ``initialized`` signal, before Pelican makes its generators'
environment from ``JINJA_ENVIRONMENT``, so the settings file carries no template machinery
(and the build command, which runs the settings file before the content is read, loads no
Jinja for it). Options the settings give besides these are kept; the extensions they name are
added after the site's own.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2

from ..domain.config import CACHE_FOLDER
from . import template_output, template_words

# What the templates need: the site's words (jinja2.ext.i18n with its catalogues, README
# "Translations"), escaping (markup written as it is: ``template_output``), and an error for
# any name a template reads that is not there.
REQUIRED = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "undefined": jinja2.StrictUndefined,
    "keep_trailing_newline": True,
    "auto_reload": False,  # a build never sees a template change
}
EXTENSIONS = (template_words.CatalogueTranslations, template_output.KeptMarkup)


def jinja_environment(project: Path, given: Mapping[str, Any]) -> dict[str, Any]:
    """``JINJA_ENVIRONMENT`` for the site of ``project``: ``given`` (the settings' own) with
    the options the templates need, and a bytecode cache in ``.cache/`` (a tenth of a second a
    build).

    Jinja keys a compiled template by its source; the cache's folder is named after what
    changes the compiled code besides: the options, Jinja's version and the source of the
    site's extensions (they decide how a ``{% trans %}`` block and every value's output
    compile).
    """
    extensions = [*EXTENSIONS, *(e for e in given.get("extensions", ()) if e not in EXTENSIONS)]
    options = {**given, **REQUIRED, "extensions": extensions}
    options.pop("bytecode_cache", None)
    key = repr(sorted((name, _named(value)) for name, value in options.items()))
    key += jinja2.__version__
    key += "".join(inspect.getsource(module) for module in (template_words, template_output))
    compiled = project / CACHE_FOLDER / f"jinja-{hashlib.sha256(key.encode()).hexdigest()[:12]}"
    with contextlib.suppress(OSError):  # see KeptTemplates: without it, every build compiles
        compiled.mkdir(parents=True, exist_ok=True)
    return {**options, "bytecode_cache": KeptTemplates(str(compiled))}


class KeptTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates kept in a folder, as a cache should be kept: one that cannot
    be read is compiled again, and one that cannot be written (a full disk, a folder that is not
    one) is used and compiled again next time. Jinja's own class raises there, and a full
    ``.cache/`` then failed the build, naming the site being written."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):  # Jinja removes its temporary file first
            super().dump_bytecode(bucket)


def _named(value: object) -> object:
    """An option as its name where it is a class or a list of them: the same in every process."""
    if isinstance(value, type):
        return f"{value.__module__}.{value.__qualname__}"
    if isinstance(value, list | tuple):
        return [_named(item) for item in value]
    return value
