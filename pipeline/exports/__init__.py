"""Exports: checked content as online tests, one module a format, each reading the model only.

`moodle` (Moodle XML), `qti` (a QTI 2.1 content package), `gift` (Moodle's text format) and
`html` (a self-contained offline test that scores in the browser, or only collects answers).
Each has `export(test: OnlineTest) -> bytes`; `command.py` checks, builds the model and
writes the files. A new format is one module here and one line in FORMATS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from .online import OnlineTest


@dataclass(frozen=True)
class Format:
    """One export format: its module, the stem and extension of the files it writes."""

    module: str
    stem: str
    extension: str

    def exporter(self) -> Callable[[OnlineTest], bytes]:
        export: Callable[[OnlineTest], bytes] = import_module(f"{__name__}.{self.module}").export
        return export


FORMATS = {
    "moodle": Format("moodle", "moodle", "xml"),
    "qti": Format("qti", "qti", "zip"),
    "gift": Format("gift", "gift", "txt"),
    "html": Format("html", "test", "html"),
}
