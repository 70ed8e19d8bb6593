"""The theme's words: ``jinja2.ext.i18n`` with the catalogue of the page's language.

Templates write ``{{ _("Archive") }}`` and ``{% trans %}`` blocks (newstyle gettext: placeholders
are named, ``%(name)s``, and a literal percent sign is always ``%%``). One environment renders
both languages, so each call looks up the language in the page's context, ``lang``.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2
from jinja2.ext import InternationalizationExtension
from jinja2.runtime import Context
from markupsafe import Markup, escape

from ..domain.model import Lang
from .catalogues import translations


class CatalogueTranslations(InternationalizationExtension):
    """``jinja2.ext.i18n`` with this site's catalogues installed, newstyle.

    Listed in an environment's extensions (``JINJA_ENVIRONMENT``), it needs no further call:
    the callables are in place before any template compiles, which matters because newstyle
    decides how Jinja compiles a ``{% trans %}`` block.
    """

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.install_gettext_callables(  # type: ignore[attr-defined]  # added by i18n
            gettext=_gettext,
            ngettext=_ngettext,
            pgettext=_pgettext,
            npgettext=_npgettext,
            newstyle=True,
        )


EXTENSIONS = (f"{__name__}.{CatalogueTranslations.__name__}",)


# A catalogue holds plain text, as the code's words are: it is escaped like any other value
# (Jinja would take a translation as markup). Jinja's newstyle wrappers then fill in the
# placeholders, escaping the values that are not markup themselves.


@lru_cache(maxsize=4096)
def _escaped(lang: Lang, context: str | None, message: str) -> Markup:
    words = translations(lang)
    text = words.gettext(message) if context is None else words.pgettext(context, message)
    return escape(text)


@jinja2.pass_context
def _gettext(page: Context, message: str) -> Markup:
    return _escaped(page["lang"], None, message)


@jinja2.pass_context
def _pgettext(page: Context, context: str, message: str) -> Markup:
    return _escaped(page["lang"], context, message)


@jinja2.pass_context
def _ngettext(page: Context, singular: str, plural: str, count: int) -> Markup:
    return escape(translations(page["lang"]).ngettext(singular, plural, count))


@jinja2.pass_context
def _npgettext(page: Context, context: str, singular: str, plural: str, count: int) -> Markup:
    return escape(translations(page["lang"]).npgettext(context, singular, plural, count))
