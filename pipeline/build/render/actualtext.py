"""Searchable Hindi: each line of Devanagari carries its text as the PDF's /ActualText.

WeasyPrint maps every glyph of a font to one Unicode string, taken from the first cluster
the glyph was drawn in. Devanagari shapes a cluster into several glyphs, reorders the
vowel sign ि before its consonant and joins conjuncts, so that map is wrong for most words:
"नाम" extracts as "निाम" once न has been seen in "नि". PDF has the remedy: a marked-content
span whose /ActualText is the logical text replaces what its glyphs would give, for
copying, search and screen readers (PDF 32000-1, 14.9.4). Each text box (one line of a
paragraph) with Devanagari in it is wrapped in one; Latin-only lines are left alone, so
English documents do not change by a byte.
"""

from __future__ import annotations

import re
from typing import Any

import pydyf
from weasyprint import draw
from weasyprint.draw import text as draw_text_module

DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_original = draw_text_module.draw_text


def draw_text(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
    text = getattr(textbox, "text", "")
    if not DEVANAGARI.search(text) or textbox.style["visibility"] != "visible":
        return _original(stream, textbox, *args, **kwargs)
    stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(text)}))
    try:
        return _original(stream, textbox, *args, **kwargs)
    finally:
        stream.end_marked_content()


def install() -> None:
    """Route WeasyPrint's text drawing through draw_text (idempotent)."""
    draw_text_module.draw_text = draw_text
    draw.draw_text = draw_text  # draw/__init__.py imported the name itself


def uninstall() -> None:
    """WeasyPrint's own text drawing again (the bench measures the difference)."""
    draw_text_module.draw_text = _original
    draw.draw_text = _original
