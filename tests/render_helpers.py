"""Helpers for reading rendered PDFs as a reader would: their text and metadata."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from pypdf import PdfReader


@cache
def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def squash(text: str) -> str:
    """Letters and digits only, lower case: survives line breaks and hyphenation."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def contains(haystack: str, needle: str) -> bool:
    return squash(needle) in squash(haystack)
