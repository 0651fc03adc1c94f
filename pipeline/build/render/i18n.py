"""The fixed texts of the PDFs in each language, from gettext catalogs.

The catalogs are `templates/locale/<lang>/LC_MESSAGES/messages.po`, kept with Babel's
tools (`nox -s i18n` extracts the messages of the templates and of this package and
updates them). They are read and compiled in memory when a document is rendered, so a
fresh clone needs no generated `.mo` file and a translator's edit is seen at once.

English is the source language: its messages are the msgids. A bilingual document prints
a label in both languages ("Series / सीरीज़"): `gettext("bilingual")` joins them.
"""

from __future__ import annotations

import gettext as _gettext
import io
from functools import cache
from pathlib import Path
from typing import Any

from ... import TEMPLATES_DIR

LOCALE_DIR = TEMPLATES_DIR / "locale"
#: Languages with a catalog (English needs none: it is the source).
CATALOGS = ("hi",)


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of lang (English: the messages as written)."""
    if lang not in CATALOGS:
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalog_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def tr(lang: str, message: str, **values: Any) -> str:
    """message in lang ("en", "hi"; "bilingual" joins both), with %(name)s values filled."""
    if lang == "bilingual":
        return " / ".join(dict.fromkeys(tr(one, message, **values) for one in ("en", "hi")))
    text = translations(lang).gettext(message)
    return text % values if values else text


def ntr(lang: str, singular: str, plural: str, n: int, **values: Any) -> str:
    if lang == "bilingual":
        return " / ".join(ntr(one, singular, plural, n, **values) for one in ("en", "hi"))
    text = translations(lang).ngettext(singular, plural, n)
    return text % dict(values, num=n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention extractors look for
    """Marks a message for extraction where it is translated later (tr(lang, message))."""
    return message


def missing(lang: str) -> list[str]:
    """Messages the catalog of lang leaves untranslated (or fuzzy)."""
    from babel.messages.pofile import read_po

    with catalog_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    found = []
    for m in catalog:
        strings = [m.string] if isinstance(m.string, str) else list(m.string or [""])
        if m.id and (m.fuzzy or not all(strings)):
            found.append(str(m.id if isinstance(m.id, str) else m.id[0]))
    return found
