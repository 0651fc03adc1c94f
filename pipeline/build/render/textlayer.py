"""What a reader's search finds in a PDF: its text layer, as PDFium extracts it.

Used to measure how much of a document's Hindi survives into the text layer (the bench
prints the share; the tests hold it): a word counts when it is found whole, exactly as
written in the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

DEVANAGARI_WORD = re.compile(r"[\u0900-\u0963\u0966-\u097f]+")


def text_of(pdf: Path | bytes) -> str:
    """Every page's extracted text, pages joined by newlines."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def hindi_words(texts: Iterable[str]) -> set[str]:
    """The distinct Devanagari words of some texts."""
    return {word for text in texts for word in DEVANAGARI_WORD.findall(text)}


def found_share(words: set[str], pdf: Path | bytes) -> tuple[int, int]:
    """(found, total): how many of words the PDF's text layer holds whole."""
    extracted = set(DEVANAGARI_WORD.findall(text_of(pdf)))
    return len(words & extracted), len(words)
