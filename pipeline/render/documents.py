"""The three documents of a source: which template, which view, rendered to PDF bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .environment import render_html
from .pdf import Rendered, render_pdf
from .view import Marks, answer_key_view, article_view, worksheet_view


@dataclass(frozen=True)
class Document:
    name: str  # the file stem in build/<id>/
    template: str
    view: Callable[..., dict[str, Any]]


DOCUMENTS = (
    Document("article", "article.html", lambda data, marks, epoch: article_view(data, epoch=epoch)),
    Document("worksheet", "worksheet.html", lambda data, marks, epoch: worksheet_view(data, marks=marks, epoch=epoch)),
    Document("answer-key", "answer-key.html", lambda data, marks, epoch: answer_key_view(data, marks=marks, epoch=epoch)),
)


def html_of(document: Document, data: dict[str, Any], *, paper: str, marks: Marks, epoch: int | None) -> str:
    return render_html(document.template, document.view(data, marks, epoch), paper=paper)


def render_document(document: Document, data: dict[str, Any], *, paper: str, marks: Marks, epoch: int | None) -> tuple[str, Rendered]:
    """HTML and PDF of one document of one source."""
    html = html_of(document, data, paper=paper, marks=marks, epoch=epoch)
    identifier = hashlib.sha256(f"{data['id']}/{document.name}".encode()).hexdigest()[:32].encode()
    return html, render_pdf(html, paper=paper, identifier=identifier)
