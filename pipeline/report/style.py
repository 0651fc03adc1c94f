"""How text output looks: colour (honouring NO_COLOR and FORCE_COLOR), quiet, verbose."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TextIO

from ..diagnostics import Severity

_CODES = {
    Severity.ERROR: "1;31",  # bold red
    Severity.WARNING: "33",  # yellow
    Severity.INFO: "36",  # cyan
    "dim": "2",
    "bold": "1",
}


@dataclass(frozen=True)
class Style:
    """Text-output conventions: colour, -q (diagnostics only), -v (every waiver's reason)."""

    colour: bool = False
    quiet: bool = False
    verbose: bool = False
    #: --strict: the summary says that its warnings fail the run.
    strict: bool = False

    def paint(self, text: str, code: Severity | str) -> str:
        return f"\x1b[{_CODES[code]}m{text}\x1b[0m" if self.colour else text


#: No colour, every line: what files, pipes and tests get.
PLAIN = Style()


def wants_colour(stream: TextIO = sys.stdout, environ: dict[str, str] | None = None) -> bool:
    """Colour on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it (no-color.org)."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)()) and env.get("TERM") != "dumb"
