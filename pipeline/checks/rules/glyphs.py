"""Glyphs: every character a source prints has a glyph in the project's fonts.

The PDFs use only the pinned fonts (Noto Serif, Noto Sans, Noto Sans Devanagari); a
character none of them can draw would print as an empty box, or in whatever font a
machine happens to have. Checked when sources are validated, so the editor sees the field.

`render/missing-glyph` (error)
    passes: "India's ₹ 48,500 crore", "कथन 1 सही है"
    fails:  "S1 ✓ correct" -> '✓' (U+2713 CHECK MARK) has no glyph in the fonts the PDFs use
"""

from __future__ import annotations

from collections.abc import Iterator

from ...build.render.fonts import FAMILIES, describe, missing_glyphs
from ...diagnostics import Severity
from ..sources import Source
from .base import Context, Problem, Rule
from .content import _prose, strings

NEEDS: tuple[str, ...] = ()

RULES = (
    Rule(
        "render/missing-glyph",
        Severity.ERROR,
        "Every printed character has a glyph in the project's fonts",
    ),
)


def check(source: Source, context: Context) -> Iterator[Problem]:
    everything, _ = source.strings
    if not missing_glyphs("".join(everything)):
        return
    fonts = ", ".join(FAMILIES)
    for pointer, text in strings(source.data):
        if not _prose(pointer) and not pointer.startswith("/glossary/"):
            continue
        missing = missing_glyphs(text)
        if missing:
            shown = ", ".join(describe(c) for c in missing[:3])
            more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
            yield Problem(
                "render/missing-glyph",
                pointer,
                f"{shown}{more} cannot be printed: no glyph in the fonts the PDFs use ({fonts}); write it another way",
            )
