"""The translation catalogues: English is the source language, Dutch comes from ``locale/``.

Only the ``.po`` files are kept in the repository; each build process compiles them in memory
the first time a language is asked for (a few milliseconds) and keeps the result.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from ..domain.model import Lang

SOURCE_LANGUAGE: Lang = "en"  # the msgids are the English words
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"


def catalogue_path(lang: Lang) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=4)
def translations(lang: Lang) -> gettext.NullTranslations:
    """The words of ``lang``: the msgids themselves for English, the compiled catalogue else."""
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    with catalogue_path(lang).open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
