"""The Jinja environment: autoescape on, undefined is an error, filters registered here.

One environment per printed language ("en", "hi", "bilingual"), each with Jinja's i18n
extension and that language's catalog (render/i18n.py): templates write `_("Series")`.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from ... import TEMPLATES_DIR
from .i18n import ntr, tr

if TYPE_CHECKING:  # Jinja is imported when something renders, not by a build with nothing to do
    from jinja2 import Environment


@cache
def environment(lang: str = "en") -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )

    def gettext(message: str, **values: Any) -> str:
        return tr(lang, message, **values)

    def ngettext(singular: str, plural: str, n: int, **values: Any) -> str:
        return ntr(lang, singular, plural, n, **values)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    register_filters(env)
    return env


def register_filters(env: Environment) -> None:
    """Every filter the templates use, in one place."""
    env.filters["roman"] = lambda n: ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[n - 1]


def render_html(template: str, view: dict[str, object], *, paper: str) -> str:
    lang = str(view.get("print_lang") or view.get("lang") or "en")
    return environment(lang).get_template(template).render(view=view, paper=paper)
