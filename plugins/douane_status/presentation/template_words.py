"""The theme's words: ``jinja2.ext.i18n`` with the catalogue of the page's language.

Templates write ``{{ _("Archive") }}`` and ``{% trans %}`` blocks (newstyle gettext: placeholders
are named, ``%(name)s``, and a literal percent sign is always ``%%``). One environment renders
both languages, so each call looks up the language in the page's context, ``lang``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2
from jinja2.ext import InternationalizationExtension
from jinja2.runtime import Context
from markupsafe import escape

from ..domain.model import Lang
from .catalogues import translations


class CatalogueTranslations(InternationalizationExtension):
    """``jinja2.ext.i18n`` with this site's catalogues installed, newstyle.

    Listed in an environment's extensions (``JINJA_ENVIRONMENT``), it needs no further call:
    the callables are in place before any template compiles, which matters because newstyle
    decides how Jinja compiles a ``{% trans %}`` block. They do what Jinja's newstyle wrappers
    do, in one call instead of three, and keep each sentence without placeholders once made:
    a page asks for some fifty.
    """

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.newstyle_gettext = True  # type: ignore[attr-defined]  # set by i18n
        environment.globals.update(
            _=_gettext,
            gettext=_gettext,
            ngettext=_ngettext,
            pgettext=_pgettext,
            npgettext=_npgettext,
        )


# A catalogue holds plain text, as the code's words are: in an autoescaping environment it is
# escaped like any other value (Jinja's own wrappers would take a translation as markup); the
# placeholders are then filled in, escaping the values that are not markup themselves. As in
# Jinja's newstyle gettext, a message is always a format string: "%%" is a percent sign.


@lru_cache(maxsize=4096)
def _translated(lang: Lang, context: str | None, message: str) -> str:
    words = translations(lang)
    return words.gettext(message) if context is None else words.pgettext(context, message)


@lru_cache(maxsize=4096)
def _sentence(lang: Lang, context: str | None, message: str, autoescape: bool) -> str:
    """A message without placeholders, ready to print."""
    return _filled(_translated(lang, context, message), {}, autoescape)


def _filled(text: str, values: dict[str, Any], autoescape: bool) -> str:
    return escape(text) % values if autoescape else text % values


def _render(page: Context, context: str | None, message: str, values: dict[str, Any]) -> str:
    autoescape = page.eval_ctx.autoescape
    if values:
        return _filled(_translated(page["lang"], context, message), values, autoescape)
    return _sentence(page["lang"], context, message, autoescape)


@jinja2.pass_context
def _gettext(page: Context, message: str, /, **values: Any) -> str:
    return _render(page, None, message, values)


@jinja2.pass_context
def _pgettext(page: Context, context: str, message: str, /, **values: Any) -> str:
    values.setdefault("context", context)  # as Jinja's pgettext: "%(context)s" is the context
    return _render(page, context, message, values)


@jinja2.pass_context
def _ngettext(page: Context, singular: str, plural: str, count: int, /, **values: Any) -> str:
    values.setdefault("num", count)  # as Jinja's: {% trans count=n %} names it "num" by default
    text = translations(page["lang"]).ngettext(singular, plural, count)
    return _filled(text, values, page.eval_ctx.autoescape)


@jinja2.pass_context
def _npgettext(
    page: Context, context: str, singular: str, plural: str, count: int, /, **values: Any
) -> str:
    values.setdefault("context", context)
    values.setdefault("num", count)
    text = translations(page["lang"]).npgettext(context, singular, plural, count)
    return _filled(text, values, page.eval_ctx.autoescape)
