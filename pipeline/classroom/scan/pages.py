"""Scanned pages as grey images: PDF (rasterised with pypdfium2, no system poppler), PNG, JPEG."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: Resolution a scanner's PDF is rasterised at: bubbles 4.2 mm across are ~33 px.
DPI = 200
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_PAGES = 2000
MAX_PIXELS = 60_000_000  # a 600 dpi A4 page is 35 MP


class PageError(ValueError):
    """A file or page that cannot be read as a scan; the message says why."""


@dataclass
class Page:
    """One scanned page: where it came from, and its pixels (uint8 grey, 255 = white)."""

    file: str
    number: int  # 1-based within its file
    image: np.ndarray

    @property
    def name(self) -> str:
        return (
            f"{self.file} page {self.number}"
            if self.number > 1 or self.file.endswith(".pdf")
            else self.file
        )


def pages(path: Path, *, dpi: int = DPI) -> Iterator[Page | PageError]:
    """Every page of a scan file, or the reason it cannot be read (never an exception)."""
    try:
        size = path.stat().st_size
    except OSError as err:
        yield PageError(f"{path}: {err.strerror or err}")
        return
    if size > MAX_FILE_BYTES:
        yield PageError(f"{path}: {size:,} bytes is more than a scan of a class could be")
        return
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        yield from _pdf(path, dpi)
    elif suffix in (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"):
        yield _image(path)
    else:
        yield PageError(f"{path}: not a PDF, PNG or JPEG scan")


def page_of(path: Path, number: int, *, dpi: int = DPI) -> Page | PageError:
    """One page of a scan file (1-based), rasterising only that page."""
    if path.suffix.lower() != ".pdf":
        found = next(pages(path, dpi=dpi))
        return found if number == 1 else PageError(f"{path}: has one page")
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        return PageError(f"{path}: not a readable PDF ({err})")
    try:
        return _render(document[number - 1], path, number, dpi)
    finally:
        document.close()


def _render(page: object, path: Path, number: int, dpi: int) -> Page | PageError:
    width, height = page.get_size()  # type: ignore[attr-defined]  # points
    scale = dpi / 72
    if width * height * scale * scale > MAX_PIXELS:
        return PageError(f"{path} page {number}: too large a page to rasterise")
    bitmap = page.render(scale=scale, grayscale=True)  # type: ignore[attr-defined]
    return Page(str(path), number, np.ascontiguousarray(bitmap.to_numpy()))


def _pdf(path: Path, dpi: int) -> Iterator[Page | PageError]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        yield PageError(f"{path}: not a readable PDF ({err})")
        return
    try:
        if len(document) > MAX_PAGES:
            yield PageError(f"{path}: {len(document)} pages; at most {MAX_PAGES} in one file")
            return
        for index in range(len(document)):
            yield _render(document[index], path, index + 1, dpi)
    finally:
        document.close()


def _image(path: Path) -> Page | PageError:
    # OpenCV refuses images declaring more pixels than this before it decodes them.
    os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_PIXELS))
    import cv2

    raw = np.fromfile(str(path), dtype=np.uint8)
    image = cv2.imdecode(raw, cv2.IMREAD_GRAYSCALE)
    if image is None:
        return PageError(f"{path}: not a readable image")
    if image.size > MAX_PIXELS:
        return PageError(f"{path}: {image.shape[1]} x {image.shape[0]} pixels is too large a scan")
    return Page(str(path), 1, image)
