"""Helpers for reading rendered PDFs as a reader would: their text and metadata."""

from __future__ import annotations

import io
import json
import re
from functools import cache
from pathlib import Path

from pypdf import PdfReader

#: Beside a PDF the session fixture `printed` rendered: its pages' text, extracted once.
TEXTS = ".pages.json"


def extract_pages(pdf: Path | bytes) -> list[str]:
    """Each page's text as pypdf extracts it ("" for a page without text)."""
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    return [page.extract_text() or "" for page in PdfReader(source).pages]


@cache
def page_texts(path: Path) -> tuple[str, ...]:
    """extract_pages(path), read from the text the session extracted when it rendered it."""
    texts = path.with_suffix(TEXTS)
    if texts.is_file():
        return tuple(json.loads(texts.read_text(encoding="utf-8")))
    return tuple(extract_pages(path))


@cache
def pdf_text(path: Path) -> str:
    return "\n".join(page_texts(path))


def squash(text: str) -> str:
    """Letters and digits only, lower case: survives line breaks and hyphenation."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def contains(haystack: str, needle: str) -> bool:
    return squash(needle) in squash(haystack)


def layout(document) -> dict:
    """Where each question falls in a laid-out booklet (WeasyPrint's document, before padding):
    per page, how full it is with questions; per question part, the pages it is on."""
    parts: dict[tuple[int, str], set[int]] = {}
    fill: list[float] = []
    question_pages: list[int] = []
    for index, page in enumerate(document.pages):
        lowest, seen = 0.0, False
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None:
                continue
            if element.get("data-q") and hasattr(box, "position_y"):
                lowest = max(lowest, box.position_y + box.margin_height())
                seen = True
            part = element.get("data-part")
            if part and element.get("data-n"):
                parts.setdefault((int(element.get("data-n")), part), set()).add(index)
        content_top = page._page_box.content_box_y()
        fill.append((lowest - content_top) / page._page_box.height if lowest else 0.0)
        if seen:
            question_pages.append(index)
    return {"pages": len(document.pages), "parts": parts, "fill": fill, "questions": question_pages}


def render_one(job: tuple) -> tuple[str, bytes, dict | None, list[str]]:
    """Render one planned document of a fixture to PDF bytes (and its layout if a booklet),
    and extract each page's text."""

    from pipeline.build.render.documents import plan, render_document
    from pipeline.model import Marks, load

    from .corpus.paper import paper

    tag, source, options, name = job
    data = paper() if source == "paper" else json.loads(Path(source).read_text(encoding="utf-8"))
    document = next(
        d for d in plan(load(data), marks=Marks(), epoch=0, **options) if d.name == name
    )
    seen: dict = {}

    def inspect(weasy) -> None:
        if name.startswith("worksheet"):
            seen.update(layout(weasy))

    _, rendered = render_document(
        document, paper="a4", key=f"{tag}/{data['id']}", epoch=0, inspect=inspect
    )
    return f"{tag}/{name}", rendered.pdf, seen or None, extract_pages(rendered.pdf)
