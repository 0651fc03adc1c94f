"""Which documents a source (or pack) becomes, and rendering one of them to PDF bytes.

A source gives an article, a worksheet and an answer key; with booklet series, one
worksheet and one key per series plus a master key that maps question numbers across
series. A pack gives the worksheets and keys without an article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...model import Marks, Source
from ...model.series import Series, apply, make_series
from . import STYLESHEET, RenderError
from .environment import render_html
from .keys import answer_key_view, explanations_view, master_key_view
from .view import answer_sheet_view, article_view, worksheet_view

if TYPE_CHECKING:
    from .pdf import Rendered


@dataclass(frozen=True)
class Document:
    """One output file: its stem in build/<id>/, its template, and the view it shows.

    A booklet (`pad_to` 4) is padded with rough-work pages to a multiple of four pages
    (with `filler`, its last page is a notes page, left out where no padding is needed)
    (saddle stitching) and its cover printed again from `cover(paper, serial, pages)` once
    its page count is known; `copies` numbered copies of it go in one PDF, serials
    `first_serial` onwards (unique across the series of one printing).
    """

    name: str
    template: str
    view: Callable[[str], dict[str, Any]]  # called with the paper size
    pad_to: int = 1
    filler: bool = False  # its last page is a notes page, printed only to pad the count
    copies: int = 0
    cover: Callable[[str, int | None, int], dict[str, Any]] | None = None
    first_serial: int = 1

    def serials(self) -> list[int | None]:
        """The serial printed on each copy's cover (None: one copy, the serial left blank)."""
        if self.copies <= 0:
            return [None]
        return list(range(self.first_serial, self.first_serial + self.copies))


def plan(
    source: Source,
    *,
    marks: Marks,
    epoch: int | None,
    series: int = 1,
    article: bool = True,
    header: dict[str, str] | None = None,
    lang: str = "en",
    copies: int = 0,
) -> list[Document]:
    """The documents of one source or pack, in the order they are rendered.

    lang is "en", "hi" or "bilingual" (bilingual.resolve): booklets, keys and sheets print
    in it; the article is printed once per language it has (article.pdf, article-hi.pdf).
    """
    documents: list[Document] = []
    if article:
        documents += _articles(source, lang, epoch=epoch)
    if series <= 1:
        documents += [
            _booklet(
                source, None, marks=marks, epoch=epoch, header=header, lang=lang, copies=copies
            ),
            _sheet(source, None, epoch=epoch, lang=lang),
            Document(
                "answer-key",
                "answer-key.html",
                lambda paper: answer_key_view(
                    source, marks=marks, epoch=epoch, header=header, lang=lang
                ),
            ),
            _explanations(source, [], marks=marks, epoch=epoch, header=header, lang=lang),
        ]
        return documents
    all_series = make_series(source.questions, series, seed=source.id)
    for index, one in enumerate(all_series):
        documents += _series_documents(
            apply(source, one),
            one,
            marks=marks,
            epoch=epoch,
            header=header,
            lang=lang,
            copies=copies,
            first_serial=1 + index * copies,
        )
    documents.append(
        _explanations(source, all_series, marks=marks, epoch=epoch, header=header, lang=lang)
    )
    documents.append(
        Document(
            "master-key",
            "master-key.html",
            lambda paper: master_key_view(source, all_series, marks=marks, epoch=epoch, lang=lang),
        )
    )
    return documents


def _explanations(
    source: Source,
    all_series: list[Series],
    *,
    marks: Marks,
    epoch: int | None,
    header: dict[str, str] | None,
    lang: str,
) -> Document:
    """The explanations booklet: one for the test (the keys stay one page a series), its pages
    padded to a multiple of four with blank pages for notes (it is folded like a booklet)."""
    return Document(
        "explanations",
        "explanations.html",
        lambda paper: explanations_view(
            source, all_series, marks=marks, epoch=epoch, header=header, lang=lang
        ),
        pad_to=4,
        filler=True,
    )


def _booklet(
    source: Source,
    letter: str | None,
    *,
    marks: Marks,
    epoch: int | None,
    header: dict[str, str] | None,
    lang: str,
    copies: int,
    first_serial: int = 1,
) -> Document:
    def view(paper: str, serial: int | None = None, pages: int = 0) -> dict[str, Any]:
        return worksheet_view(
            source,
            marks=marks,
            epoch=epoch,
            series=letter,
            header=header,
            lang=lang,
            serial=serial,
            pages=pages,
        )

    return Document(
        f"worksheet-{letter}" if letter else "worksheet",
        "worksheet.html",
        view,
        pad_to=4,
        copies=copies,
        cover=lambda paper, serial, pages: dict(view(paper, serial, pages), cover_only=True),
        first_serial=first_serial,
    )


def _series_documents(
    source: Source,
    series: Series,
    *,
    marks: Marks,
    epoch: int | None,
    header: dict[str, str] | None,
    lang: str,
    copies: int = 0,
    first_serial: int = 1,
) -> list[Document]:
    letter = series.letter
    return [
        _booklet(
            source,
            letter,
            marks=marks,
            epoch=epoch,
            header=header,
            lang=lang,
            copies=copies,
            first_serial=first_serial,
        ),
        _sheet(source, letter, epoch=epoch, lang=lang),
        Document(
            f"answer-key-{letter}",
            "answer-key.html",
            lambda paper: answer_key_view(
                source, marks=marks, epoch=epoch, series=letter, header=header, lang=lang
            ),
        ),
    ]


def _articles(source: Source, lang: str, *, epoch: int | None) -> list[Document]:
    has_article = source.hi is not None
    if lang == "hi" and has_article:
        hindi = source.localized("hi")
        return [
            Document(
                "article", "article.html", lambda p: article_view(hindi, epoch=epoch, lang="hi")
            )
        ]
    documents = [Document("article", "article.html", lambda p: article_view(source, epoch=epoch))]
    if lang == "bilingual" and has_article:
        hindi = source.localized("hi")
        documents.append(
            Document(
                "article-hi", "article.html", lambda p: article_view(hindi, epoch=epoch, lang="hi")
            )
        )
    return documents


def _sheet(source: Source, letter: str | None, *, epoch: int | None, lang: str) -> Document:
    name = f"answer-sheet-{letter}" if letter else "answer-sheet"
    return Document(
        name,
        "answer-sheet.html",
        lambda paper: answer_sheet_view(source, letter, epoch=epoch, paper=paper, lang=lang),
    )


def html_of(document: Document, *, paper: str) -> str:
    return render_html(document.template, document.view(paper), paper=paper)


def render_document(
    document: Document,
    *,
    paper: str,
    key: str,
    epoch: int,
    inspect: Callable[[Any], None] | None = None,
) -> tuple[str, Rendered]:
    """HTML and PDF of one document; `key` names its source, `epoch` pins its timestamps."""
    from .pdf import render_pdf  # WeasyPrint is imported only when something is rendered

    cover_of = document.cover

    def cover(serial: int | None, pages: int) -> str:
        assert cover_of is not None
        try:
            return render_html(document.template, cover_of(paper, serial, pages), paper=paper)
        except ValueError as err:
            raise RenderError(str(err)) from err

    try:
        view = document.view(paper)
        html = render_html(document.template, view, paper=paper)
    except ValueError as err:  # e.g. an image path that leaves assets/
        raise RenderError(str(err)) from err
    identifier = hashlib.sha256(f"{key}/{document.name}".encode()).hexdigest()[:32].encode()
    rendered = render_pdf(
        html,
        paper=paper,
        identifier=identifier,
        epoch=epoch,
        pad_to=document.pad_to,
        filler=document.filler,
        cover=cover if cover_of is not None else None,
        serials=document.serials(),
        inspect=inspect,
    )
    rendered.warnings[:0] = view.get("warnings", [])  # e.g. a map left out (view.py)
    return html, rendered


def pinned_epoch(source: Source, epoch: int | None) -> int:
    """SOURCE_DATE_EPOCH if given, else the source's published date, else 0."""
    if epoch is not None:
        return epoch
    if source.published:
        day = dt.date.fromisoformat(source.published)
        return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
    return 0


def preview_html(html: str, *, paper: str) -> str:
    """A document's HTML as a browser preview: fonts and stylesheet linked by absolute URL."""
    from .fonts import font_face_css

    size = "A4" if paper == "a4" else "letter"
    link = (
        f"<style>\n{font_face_css()}</style>\n"
        f'<link rel="stylesheet" href="{STYLESHEET.as_uri()}">\n<style>@page {{ size: {size}; }}</style>\n'
    )
    return html.replace("</head>", link + "</head>", 1)
