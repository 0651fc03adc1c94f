"""Scanned pages as grey images: PDF (rasterised with pypdfium2, no system poppler), PNG, JPEG.

Nothing here raises for a bad file: a page that cannot be read is a `PageError` saying why
(an empty file, an image larger than any scan, a PDF page whose object is broken), so one bad
page goes to review and the rest of the class is read. Sizes are checked before anything is
decoded: an image's header gives its size, a PDF its page count and each page's box. A large
but real scan (a 64-megapixel phone photo) is decoded reduced, never refused.
"""

from __future__ import annotations

import math
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: Resolution a scanner's PDF is rasterised at: bubbles 4.2 mm across are ~33 px.
DPI = 200
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Pages read in one run (a school's whole year group fits; a 10,000-page PDF is refused).
MAX_PAGES = 2000
#: An image declaring more pixels than this is no scan of one sheet (a 1,200 dpi A4 page is
#: 140 MP); it is refused from its header, before a byte of it is decoded.
MAX_DECLARED_PIXELS = 150_000_000
#: Images are decoded to at most this many pixels: a larger one is decoded at a half, a
#: quarter or an eighth of its size (a 64 MP phone photo becomes 16 MP, still ~300 dpi).
WORK_PIXELS = 20_000_000
#: A PDF page is rendered at DPI unless that gives more pixels than this; then at less.
MAX_RENDER_PIXELS = 40_000_000
#: A page whose box is larger than this (in points, 2 m) is no scanned sheet.
MAX_PAGE_POINTS = 72 * 2000 / 25.4
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")


class PageError(ValueError):
    """A file or page that cannot be read as a scan; the message says why (no file name)."""


@dataclass
class Page:
    """One scanned page: where it came from, and its pixels (uint8 grey, 255 = white)."""

    file: str
    number: int  # 1-based within its file
    image: np.ndarray

    @property
    def name(self) -> str:
        return name(self.file, self.number)


def name(file: str, number: int) -> str:
    """How messages name a page: the file, and the page number for a PDF or a later page."""
    return f"{file} page {number}" if number > 1 or file.lower().endswith(".pdf") else file


def count(path: Path) -> int | PageError:
    """How many pages a scan file holds, or why it cannot be read at all. Fast: a PDF's page
    count is read from its page tree, an image is one page."""
    try:
        size = path.stat().st_size
    except OSError as err:
        return PageError(f"cannot be read ({err.strerror or err})")
    if size == 0:
        return PageError("an empty file (0 bytes)")
    if size > MAX_FILE_BYTES:
        return PageError(f"{size:,} bytes is more than a scan of a class could be")
    suffix = path.suffix.lower()
    if suffix in (".tif", ".tiff"):
        return _tiff_count(path)
    if suffix in IMAGE_SUFFIXES:
        return 1
    if suffix != ".pdf":
        return PageError("not a PDF, PNG or JPEG scan")
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except Exception as err:  # noqa: BLE001 - whatever PDFium says, the file is unreadable
        return PageError(f"not a readable PDF ({_short(err)})")
    try:
        pages = len(document)
    finally:
        document.close()
    if pages > MAX_PAGES:
        return PageError(f"{pages:,} pages; at most {MAX_PAGES:,} are read in one run")
    if pages == 0:
        return PageError("a PDF with no pages")
    return pages


def page_of(path: Path, number: int, *, dpi: int = DPI) -> Page | PageError:
    """One page of a scan file (1-based), rasterising only that page. Never raises."""
    try:
        if path.suffix.lower() == ".pdf":
            return _pdf_page(path, number, dpi)
        if path.suffix.lower() in (".tif", ".tiff") and number > 1:
            return _tiff_page(path, number)
        if number != 1:
            return PageError("an image has one page")
        return _image(path)
    except MemoryError:
        return PageError("too large to read in this machine's memory")


def _short(err: BaseException) -> str:
    text = str(err) or type(err).__name__
    return text if len(text) <= 120 else text[:119] + "…"


def _pdf_page(path: Path, number: int, dpi: int) -> Page | PageError:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except Exception as err:  # noqa: BLE001 - a PDF PDFium cannot open
        return PageError(f"not a readable PDF ({_short(err)})")
    try:
        if not 1 <= number <= min(len(document), MAX_PAGES):
            return PageError(f"the PDF has no page {number}")
        try:
            page = document[number - 1]
            width, height = page.get_size()  # points
        except Exception as err:  # noqa: BLE001 - a broken page object
            return PageError(f"the PDF's page {number} is broken ({_short(err)})")
        if not (math.isfinite(width) and math.isfinite(height)) or min(width, height) < 1:
            return PageError(f"the PDF's page {number} has no size")
        if max(width, height) > MAX_PAGE_POINTS:
            return PageError(
                f"a page {width / 72 * 25.4:,.0f} x {height / 72 * 25.4:,.0f} mm is no scanned sheet"
            )
        scale = min(dpi / 72, math.sqrt(MAX_RENDER_PIXELS / (width * height)))
        try:
            bitmap = page.render(scale=scale, grayscale=True)
            image = np.array(bitmap.to_numpy(), dtype=np.uint8, copy=True)
        except Exception as err:  # noqa: BLE001 - PDFium failed drawing this page
            return PageError(f"the PDF's page {number} could not be drawn ({_short(err)})")
        if image.ndim == 3:
            image = image[:, :, 0]
        return Page(str(path), number, np.ascontiguousarray(image))
    finally:
        document.close()


def declared_size(path: Path) -> tuple[int, int] | PageError:
    """An image's width and height from its header alone (nothing decoded)."""
    from PIL import Image, UnidentifiedImageError

    limit = Image.MAX_IMAGE_PIXELS
    try:
        # Pillow's own bomb check would hide the size; ours is in _image, after this.
        Image.MAX_IMAGE_PIXELS = None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return image.size
    except UnidentifiedImageError:
        return PageError("not a readable image (not a PNG, JPEG, TIFF, BMP or WebP picture)")
    except (OSError, ValueError, SyntaxError) as err:
        return PageError(f"not a readable image ({_short(err).replace(str(path), 'the file')})")
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def _image(path: Path) -> Page | PageError:
    try:
        size = path.stat().st_size
    except OSError as err:
        return PageError(f"cannot be read ({err.strerror or err})")
    if size == 0:
        return PageError("an empty file (0 bytes)")
    if size > MAX_FILE_BYTES:
        return PageError(f"{size:,} bytes is more than a scan of one sheet could be")
    declared = declared_size(path)
    if isinstance(declared, PageError):
        return declared
    width, height = declared
    if width < 1 or height < 1:
        return PageError("an image with no pixels")
    if width * height > MAX_DECLARED_PIXELS:
        return PageError(
            f"{width:,} x {height:,} pixels is larger than any scan of one sheet "
            f"(at most {MAX_DECLARED_PIXELS // 1_000_000} megapixels)"
        )
    # OpenCV refuses images declaring more pixels than this before it decodes them.
    os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_DECLARED_PIXELS))
    import cv2

    flag = cv2.IMREAD_GRAYSCALE
    for factor, reduced in (
        (2, cv2.IMREAD_REDUCED_GRAYSCALE_2),
        (4, cv2.IMREAD_REDUCED_GRAYSCALE_4),
        (8, cv2.IMREAD_REDUCED_GRAYSCALE_8),
    ):
        if width * height <= WORK_PIXELS * (factor // 2) ** 2:
            break
        flag = reduced
    try:
        raw = np.fromfile(str(path), dtype=np.uint8)
        image = cv2.imdecode(raw, flag)
    except (cv2.error, OSError, ValueError) as err:
        return PageError(f"not a readable image ({_short(err)})")
    if image is None or image.size == 0:
        return PageError("not a readable image")
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if image.size > WORK_PIXELS * 1.01:
        image = _reduce(image)
    if image.dtype != np.uint8:  # a 16-bit scan
        image = cv2.convertScaleAbs(image, alpha=255.0 / max(1.0, float(image.max())))
    return Page(str(path), 1, np.ascontiguousarray(image))


def _tiff_count(path: Path) -> int | PageError:
    """The pages of a TIFF (scanners write a stack as one multi-page TIFF)."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            pages = int(getattr(image, "n_frames", 1))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return 1  # _image says why it cannot be read
    if pages > MAX_PAGES:
        return PageError(f"{pages:,} pages; at most {MAX_PAGES:,} are read in one run")
    return max(1, pages)


def _tiff_page(path: Path, number: int) -> Page | PageError:
    """Page `number` (> 1) of a multi-page TIFF, checked for size before it is decoded."""
    from PIL import Image

    limit = Image.MAX_IMAGE_PIXELS
    try:
        Image.MAX_IMAGE_PIXELS = None  # our own limit, below, names the size
        with Image.open(path) as image:
            if not 1 <= number <= min(int(getattr(image, "n_frames", 1)), MAX_PAGES):
                return PageError(f"the TIFF has no page {number}")
            image.seek(number - 1)
            width, height = image.size
            if width * height > MAX_DECLARED_PIXELS:
                return PageError(
                    f"{width:,} x {height:,} pixels is larger than any scan of one sheet "
                    f"(at most {MAX_DECLARED_PIXELS // 1_000_000} megapixels)"
                )
            factor = 1
            while width * height > WORK_PIXELS * factor * factor and factor < 8:
                factor *= 2
            grey = image.convert("L")
            if factor > 1:
                grey = grey.reduce(factor)
            pixels = np.array(grey, dtype=np.uint8)
    except (OSError, ValueError, SyntaxError, EOFError) as err:
        return PageError(f"the TIFF's page {number} is not readable ({_short(err)})")
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    return Page(str(path), number, np.ascontiguousarray(pixels))


def _reduce(image: np.ndarray) -> np.ndarray:
    """An image over WORK_PIXELS shrunk to it (a decoder that ignored the reduced flag)."""
    import cv2

    factor = math.sqrt(WORK_PIXELS / image.size)
    size = (max(1, int(image.shape[1] * factor)), max(1, int(image.shape[0] * factor)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA)
