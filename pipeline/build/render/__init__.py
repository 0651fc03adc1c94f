"""Rendering: view models, the Jinja environment, WeasyPrint with a restricted fetcher.

Nothing here imports WeasyPrint at package import time, so commands that render
nothing (validate, a no-op build) start fast.
"""

from __future__ import annotations

from ... import TEMPLATES_DIR

#: The print stylesheet every document links.
STYLESHEET = TEMPLATES_DIR / "print.css"


class RenderError(Exception):
    """A document could not be rendered; the message says why."""
