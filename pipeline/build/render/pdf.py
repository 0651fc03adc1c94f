"""HTML -> PDF with WeasyPrint: restricted fetching, fixed metadata, collected warnings."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from ... import TEMPLATES_DIR
from . import STYLESHEET, RenderError, actualtext
from .fetcher import RefusedURL, RestrictedFetcher
from .fonts import font_face_css

__all__ = ["STYLESHEET", "RenderError", "Rendered", "render_pdf", "warm_up"]

actualtext.install()


@dataclass
class Rendered:
    pdf: bytes
    warnings: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@cache
def font_config() -> FontConfiguration:
    """One font configuration per process, reused across documents."""
    return FontConfiguration()


@cache
def stylesheets(paper: str) -> tuple[CSS, ...]:
    """The print stylesheet, parsed once per process and paper size."""
    size = "A4" if paper == "a4" else "letter"
    fetcher = RestrictedFetcher()
    return (
        CSS(string=font_face_css(), url_fetcher=fetcher, font_config=font_config()),
        CSS(filename=str(STYLESHEET), url_fetcher=fetcher, font_config=font_config()),
        CSS(string=f"@page {{ size: {size}; }}", font_config=font_config()),
    )


def subsetter() -> str:
    """Which library subsets fonts (see render/fonts.py); re-exported for the bench."""
    from .fonts import subsetter as which

    return which()


def warm_up(paper: str) -> None:
    """Parse the stylesheet and load the fonts once, before workers are forked from this process."""
    from .fonts import static_fonts
    from .naturalearth import MapDataError
    from .worldmap import _rings_by_country, country_names

    static_fonts()  # instantiate the fonts once (cached on disk), before any worker forks
    country_names()
    with contextlib.suppress(MapDataError):  # a document with a map says so when it renders
        _rings_by_country()  # parse the map outlines once, here, not in every worker
    html = '<!DOCTYPE html><html lang="en"><head><title>warm up</title></head><body><p>Aa <b>Bb</b> <i>Cc</i></p></body></html>'
    render_pdf(html, paper=paper, identifier=b"0" * 32, epoch=0)


def render_pdf(
    html: str,
    *,
    paper: str,
    identifier: bytes,
    epoch: int,
    pad_to: int = 1,
    filler: bool = False,
    cover: Callable[[int | None, int], str] | None = None,
    serials: list[int | None] | None = None,
    inspect: Callable[[Any], None] | None = None,
) -> Rendered:
    """Render one document; refused URLs and WeasyPrint errors raise RenderError.

    `epoch` pins every timestamp inside the PDF (fontTools stamps subset fonts with
    SOURCE_DATE_EPOCH), so the same input gives the same bytes. `pad_to` repeats the last
    page (a rough-work page, unnumbered) until the page count is a multiple of it; with
    `filler` the last page is printed only to pad (left out when the others come to a
    multiple of pad_to, or to one or two pages: one sheet, not folded).
    `cover(serial, pages)`, the HTML of the first page once the page count is known, replaces
    it: once per serial in `serials` (numbered copies, all in one PDF; None: one copy).
    `inspect` is shown WeasyPrint's laid-out document before padding (the tests measure
    where each question falls).
    """
    fetcher = RestrictedFetcher()
    previous_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        options = {"stylesheets": list(stylesheets(paper)), "font_config": font_config()}
        document = HTML(string=html, base_url=str(TEMPLATES_DIR) + "/", url_fetcher=fetcher).render(
            **options
        )
        if inspect is not None:
            inspect(document)
        pages = list(document.pages)
        if filler and len(pages) > 1 and ((len(pages) - 1) % pad_to == 0 or len(pages) <= 3):
            pages = pages[:-1]  # not needed, or one sheet (one or two pages) is not folded
        if pad_to > 1 and len(pages) % pad_to and not (filler and len(pages) <= 2):
            pages += [pages[-1]] * (pad_to - len(pages) % pad_to)
        if cover is not None:
            numbered = []
            for serial in serials or [None]:
                first = HTML(
                    string=cover(serial, len(pages)),
                    base_url=str(TEMPLATES_DIR) + "/",
                    url_fetcher=fetcher,
                ).render(**options)
                numbered += [first.pages[0], *pages[1:]]
            pages = numbered
        pdf = document.copy(pages).write_pdf(
            pdf_identifier=identifier,
            pdf_variant="pdf/ua-1",
            custom_metadata=True,
        )
    except RefusedURL as err:
        raise RenderError(str(err)) from err
    except Exception as err:  # WeasyPrint's own failure on this document
        raise RenderError(f"{type(err).__name__}: {err}") from err
    finally:
        logger.removeHandler(collect)
        if previous_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous_epoch
    if fetcher.refused:
        raise RenderError(str(fetcher.refused[0]))
    messages = list(dict.fromkeys(m for m in collect.messages if not _environmental(m)))
    errors = [m for m in messages if m.lower().startswith(("error", "failed"))]
    if errors:
        raise RenderError(errors[0])
    return Rendered(pdf=pdf, warnings=messages)


def _environmental(message: str) -> bool:
    """Messages about this machine's libraries, not about the content: not shown per source.

    The build says once, plainly, when it runs on the slow path (engine.py).
    """
    return "HarfBuzz-Subset" in message
