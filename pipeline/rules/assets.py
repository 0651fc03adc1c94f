"""Assets: an image path in a source names a real image inside the assets folder.

Contributors' paths are untrusted, so they are checked before anything renders them.

`assets/outside` (error)
    passes: "src": "india-us/lead.jpg"   (assets/india-us/lead.jpg exists)
    fails:  "src": "/etc/passwd", "../../etc/passwd", "file:///etc/passwd",
            "http://127.0.0.1/x.png", or a symlink in assets/ that points outside it
`assets/not-found` (error): the file does not exist in assets/.
`assets/type` (error): not a PNG, JPEG, GIF, WebP or SVG file (by extension).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .. import ASSETS_DIR
from ..diagnostics import Severity
from ..sources import Source
from .base import Context, Problem, Rule

NEEDS = ("image",)

RULES = (
    Rule("assets/outside", Severity.ERROR, "Image paths are relative and stay inside assets/"),
    Rule("assets/not-found", Severity.ERROR, "Image paths name files that exist in assets/"),
    Rule("assets/type", Severity.ERROR, "Images are PNG, JPEG, GIF, WebP or SVG"),
)

ALLOWED_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})


def resolve_asset(src: str, root: Path = ASSETS_DIR) -> Path:
    """The real path of an asset inside root; ValueError if src would leave it."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src) or src.startswith(("/", "\\")) or "\\" in src:
        raise ValueError("must be a relative path inside assets/, not a URL or an absolute path")
    if any(part == ".." for part in Path(src).parts):
        raise ValueError("must not contain '..'")
    base = root.resolve()
    target = (base / src).resolve()
    if not target.is_relative_to(base):
        raise ValueError("resolves outside assets/ (through a symbolic link)")
    return target


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
