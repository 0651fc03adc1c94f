"""The three documents of a source: which template, which view, rendered to PDF bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .environment import render_html
from .pdf import STYLESHEET, Rendered, RenderError, render_pdf
from .view import Marks, answer_key_view, article_view, worksheet_view


@dataclass(frozen=True)
class Document:
    name: str  # the file stem in build/<id>/
    template: str
    view: Callable[..., dict[str, Any]]


DOCUMENTS = (
    Document("article", "article.html", lambda data, marks, epoch: article_view(data, epoch=epoch)),
    Document(
        "worksheet",
        "worksheet.html",
        lambda data, marks, epoch: worksheet_view(data, marks=marks, epoch=epoch),
    ),
    Document(
        "answer-key",
        "answer-key.html",
        lambda data, marks, epoch: answer_key_view(data, marks=marks, epoch=epoch),
    ),
)


def html_of(
    document: Document, data: dict[str, Any], *, paper: str, marks: Marks, epoch: int | None
) -> str:
    return render_html(document.template, document.view(data, marks, epoch), paper=paper)


def render_document(
    document: Document, data: dict[str, Any], *, paper: str, marks: Marks, epoch: int | None
) -> tuple[str, Rendered]:
    """HTML and PDF of one document of one source."""
    try:
        html = html_of(document, data, paper=paper, marks=marks, epoch=epoch)
    except ValueError as err:  # e.g. an image path that leaves assets/
        raise RenderError(str(err)) from err
    identifier = hashlib.sha256(f"{data['id']}/{document.name}".encode()).hexdigest()[:32].encode()
    return html, render_pdf(
        html, paper=paper, identifier=identifier, epoch=pinned_epoch(data, epoch)
    )


def pinned_epoch(data: dict[str, Any], epoch: int | None) -> int:
    """SOURCE_DATE_EPOCH if given, else the source's published date, else 0."""
    if epoch is not None:
        return epoch
    if data.get("published"):
        day = dt.date.fromisoformat(data["published"])
        return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
    return 0


def preview_html(html: str, *, paper: str) -> str:
    """A document's HTML as a browser preview: the stylesheet linked by absolute URL."""
    size = "A4" if paper == "a4" else "letter"
    link = f'<link rel="stylesheet" href="{STYLESHEET.as_uri()}">\n<style>@page {{ size: {size}; }}</style>\n'
    return html.replace("</head>", link + "</head>", 1)
