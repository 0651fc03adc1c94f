"""The fonts the PDFs use: pinned Python packages, never whatever the machine has.

Body text is Noto Serif, a text face designed for long reading with a Devanagari
companion in the same family; headings and labels are Noto Sans; Hindi is Noto Sans
Devanagari, drawn to match Noto's Latin. All three come as variable fonts in the
fontpkg-* wheels pinned in uv.lock; WeasyPrint instantiates the weights and styles a
document uses (real bold and italic) when it subsets them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Face:
    family: str  # the CSS family name the stylesheet uses
    package: str
    file: str
    style: str  # "normal" or "italic"


FACES = (
    Face("Noto Serif", "fontpkg_noto_serif", "NotoSerif[wdth,wght].ttf", "normal"),
    Face("Noto Serif", "fontpkg_noto_serif", "NotoSerif-Italic[wdth,wght].ttf", "italic"),
    Face("Noto Sans", "fontpkg_noto_sans", "NotoSans[wdth,wght].ttf", "normal"),
    Face("Noto Sans", "fontpkg_noto_sans", "NotoSans-Italic[wdth,wght].ttf", "italic"),
    Face(
        "Noto Sans Devanagari",
        "fontpkg_noto_sans_devanagari",
        "NotoSansDevanagari[wdth,wght].ttf",
        "normal",
    ),
)
FAMILIES = tuple(dict.fromkeys(face.family for face in FACES))


class FontsMissing(RuntimeError):
    """A pinned font package is not installed (run the README's set-up)."""


def path_of(face: Face) -> Path:
    try:
        folder = resources.files(face.package) / "files"
    except ModuleNotFoundError as err:
        raise FontsMissing(
            f"the font package {face.package.replace('_', '-')} is not installed; "
            "run the set-up in README.md (nox installs it from uv.lock)"
        ) from err
    return Path(str(folder / face.file))


def font_roots() -> tuple[Path, ...]:
    """Folders the restricted fetcher may serve fonts from."""
    return tuple(dict.fromkeys(path_of(face).parent.resolve() for face in FACES))


@cache
def font_face_css() -> str:
    """@font-face rules for every face, by absolute file URL (served by the restricted fetcher)."""
    rules = []
    for face in FACES:
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; src: url("{path_of(face).resolve().as_uri()}"); '
            f"font-weight: 100 900; font-style: {face.style}; }}"
        )
    return "\n".join(rules) + "\n"


@cache
def coverage() -> frozenset[int]:
    """Every code point some face has a glyph for."""
    from fontTools.ttLib import TTFont

    found: set[int] = set()
    for face in FACES:
        with TTFont(str(path_of(face)), lazy=True) as font:
            found.update(font.getBestCmap())
    return frozenset(found)


#: Characters that never need a glyph: layout controls the renderer handles itself.
_LAYOUT = frozenset(map(ord, "\n\r\t\u200c\u200d"))


def missing_glyphs(text: str) -> list[str]:
    """Characters of text no face can draw, in order of first appearance."""
    known = coverage()
    return [c for c in dict.fromkeys(text) if ord(c) not in known and ord(c) not in _LAYOUT]


def describe(char: str) -> str:
    """'✓' (U+2713 CHECK MARK)."""
    name = unicodedata.name(char, "")
    return f"'{char}' (U+{ord(char):04X}{' ' + name if name else ''})"
