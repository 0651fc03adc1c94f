"""Searchable Hindi: each line of Devanagari carries its text as the PDF's /ActualText.

WeasyPrint maps every glyph of a font to one Unicode string (tounicode.py makes that map as
good as a map can be), but a map cannot say that the vowel sign ि drawn before its consonant
is read after it, so "नाम" next to "नि" extracts as "निाम". PDF has the remedy: a
marked-content span whose /ActualText is the logical text replaces what its glyphs would
give, for copying, search and screen readers (PDF 32000-1, 14.9.4). Each text box (one line
of a paragraph) with Devanagari in it is wrapped in one; Latin-only lines are left alone, so
English documents do not change by a byte.

The end of a line is a word break, so the last span of every line ends with a space.
WeasyPrint drops the space a line wraps at; without it a reader that joins the spans of a
paragraph (a tagged-PDF or screen reader, copying a paragraph) glues the line's last word
to the next line's first: "कर के / रूप में" read as "कर केरूप में". MuPDF also repeated
the end of a span that had no space after its last word ("दृष्टिकोणकोण").
"""

from __future__ import annotations

import re
from typing import Any

import pydyf
from weasyprint import draw
from weasyprint.draw import text as draw_text_module
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline

from . import tounicode

DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_original = draw_text_module.draw_text
_original_remove_last_whitespace = inline.remove_last_whitespace
#: Set on the last text box of every line: the word break the line's end stands for.
TAIL = "actual_text_tail"


def draw_text(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
    text = getattr(textbox, "text", "")
    if not DEVANAGARI.search(text) or textbox.style["visibility"] != "visible":
        return _original(stream, textbox, *args, **kwargs)
    spoken = text + getattr(textbox, TAIL, "")
    stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(spoken)}))
    try:
        return _original(stream, textbox, *args, **kwargs)
    finally:
        stream.end_marked_content()


def _last_text_box(line: Any) -> Any:
    box = line
    while isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        if not box.children:
            return None
        box = box.children[-1]
    return box if isinstance(box, boxes.TextBox) else None


def remove_last_whitespace(context: Any, line: Any) -> None:
    """WeasyPrint's, then a space at the end of the line's last text box's /ActualText."""
    _original_remove_last_whitespace(context, line)
    box = _last_text_box(line)
    if box is not None and box.text:
        setattr(box, TAIL, " ")


def install() -> None:
    """Route WeasyPrint's text drawing through draw_text (idempotent)."""
    draw_text_module.draw_text = draw_text
    draw.draw_text = draw_text  # draw/__init__.py imported the name itself
    inline.remove_last_whitespace = remove_last_whitespace
    tounicode.install()


def uninstall() -> None:
    """WeasyPrint's own text drawing again (the bench measures the difference)."""
    draw_text_module.draw_text = _original
    draw.draw_text = _original
    inline.remove_last_whitespace = _original_remove_last_whitespace
    tounicode.uninstall()
