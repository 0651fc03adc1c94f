"""The Jinja environment: autoescape on, undefined is an error, filters registered here."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ... import TEMPLATES_DIR

if TYPE_CHECKING:  # Jinja is imported when something renders, not by a build with nothing to do
    from jinja2 import Environment


@cache
def environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    register_filters(env)
    return env


def register_filters(env: Environment) -> None:
    """Every filter the templates use, in one place."""
    env.filters["roman"] = lambda n: ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[n - 1]


def render_html(template: str, view: dict[str, object], *, paper: str) -> str:
    return environment().get_template(template).render(view=view, paper=paper)
