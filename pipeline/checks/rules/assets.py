"""Assets: an image path in a source names a real image inside the assets folder.

Contributors' paths are untrusted, so they are checked before anything renders them.

`assets/outside` (error)
    passes: "src": "india-us/lead.jpg"   (assets/india-us/lead.jpg exists)
    fails:  "src": "/etc/passwd", "../../etc/passwd", "file:///etc/passwd",
            "http://127.0.0.1/x.png", or a symlink in assets/ that points outside it
`assets/not-found` (error): the file does not exist in assets/.
`assets/type` (error): not a PNG, JPEG, GIF, WebP or SVG file (by extension).
`assets/too-large` (error): an image whose header declares more than 10,000 pixels a side
    or 40 megapixels (a 20 KB file can claim gigabytes once decoded).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from ...config import project
from ...diagnostics import Severity
from ..sources import Source
from .base import Context, Problem, Rule

NEEDS = ("image",)

RULES = (
    Rule("assets/outside", Severity.ERROR, "Image paths are relative and stay inside assets/"),
    Rule("assets/not-found", Severity.ERROR, "Image paths name files that exist in assets/"),
    Rule("assets/type", Severity.ERROR, "Images are PNG, JPEG, GIF, WebP or SVG"),
    Rule(
        "assets/too-large",
        Severity.ERROR,
        "Images are at most 10,000 pixels a side and 40 megapixels",
    ),
)

ALLOWED_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})


def resolve_asset(src: str, root: Path | None = None) -> Path:
    """The real path of an asset inside root; ValueError if src would leave it.

    The assets folder itself must lie inside the project: a symbolic link from assets/ to
    somewhere else would let a source print any file of the machine.
    """
    root = project().assets if root is None else root
    if not root.resolve().is_relative_to(project().root.resolve()):
        raise ValueError("cannot be used: the assets folder is a link to outside the project")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src) or src.startswith(("/", "\\")) or "\\" in src:
        raise ValueError("must be a relative path inside assets/, not a URL or an absolute path")
    if any(part == ".." for part in Path(src).parts):
        raise ValueError("must not contain '..'")
    base = root.resolve()
    target = Path(os.path.realpath(base / src))  # a link loop stays inside, and is no file
    if not target.is_relative_to(base):
        raise ValueError("resolves outside assets/ (through a symbolic link)")
    return target


#: Largest raster image a PDF may embed: beyond this a header can claim gigabytes of pixels.
MAX_PIXELS = 40_000_000
MAX_SIDE = 10_000
_HREF = re.compile(rb"""(?:xlink:)?href\s*=\s*["']([^"'#][^"']{0,300})["']""")


def embedded_assets(path: Path) -> list[Path]:
    """Assets an SVG image refers to (href), resolved inside assets/; others are ignored."""
    if path.suffix.lower() != ".svg":
        return []
    found = []
    for match in _HREF.finditer(path.read_bytes()[:1_000_000]):
        try:
            found.append(resolve_asset(match.group(1).decode("utf-8", "replace")))
        except ValueError:
            continue
    return sorted({p for p in found if p.is_file()})


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height a PNG, GIF, JPEG or WebP file declares, read from its header."""
    with open(path, "rb") as handle:
        head = handle.read(65536)
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        return int.from_bytes(head[6:8], "little"), int.from_bytes(head[8:10], "little")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP" and len(head) >= 30:
        chunk = head[12:16]
        if chunk == b"VP8X":
            return 1 + int.from_bytes(head[24:27], "little"), 1 + int.from_bytes(
                head[27:30], "little"
            )
        if chunk == b"VP8 ":
            return int.from_bytes(head[26:28], "little") & 0x3FFF, int.from_bytes(
                head[28:30], "little"
            ) & 0x3FFF
        if chunk == b"VP8L":
            bits = int.from_bytes(head[21:25], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if head.startswith(b"\xff\xd8"):
        pos = 2
        while pos + 9 < len(head) and head[pos] == 0xFF:
            marker, length = head[pos + 1], int.from_bytes(head[pos + 2 : pos + 4], "big")
            if marker in (
                0xC0,
                0xC1,
                0xC2,
                0xC3,
                0xC5,
                0xC6,
                0xC7,
                0xC9,
                0xCA,
                0xCB,
                0xCD,
                0xCE,
                0xCF,
            ):
                return int.from_bytes(head[pos + 7 : pos + 9], "big"), int.from_bytes(
                    head[pos + 5 : pos + 7], "big"
                )
            pos += 2 + length
    return None


def check(source: Source, context: Context) -> Iterator[Problem]:
    image = source.data.get("image", {})
    src = image.get("src")
    if src is None:
        return
    pointer = "/image/src"
    try:
        target = resolve_asset(src)
    except ValueError as err:
        yield Problem("assets/outside", pointer, f"image path '{src}' {err}")
        return
    if Path(src).suffix.lower() not in ALLOWED_SUFFIXES:
        yield Problem(
            "assets/type", pointer, f"image '{src}' is not a PNG, JPEG, GIF, WebP or SVG file"
        )
        return
    if not target.is_file():
        yield Problem("assets/not-found", pointer, f"image '{src}' does not exist in assets/")
        return
    try:
        size = image_size(target)
    except OSError:
        size = None
    if size and (max(size) > MAX_SIDE or size[0] * size[1] > MAX_PIXELS):
        yield Problem(
            "assets/too-large",
            pointer,
            f"image '{src}' declares {size[0]:,} x {size[1]:,} pixels; at most {MAX_SIDE:,} a side and {MAX_PIXELS // 1_000_000} million in all can be printed",
        )
