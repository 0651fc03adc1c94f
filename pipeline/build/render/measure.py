"""How wide a line of text prints, from the pinned fonts' own advance widths.

Layout decisions made before rendering (does an option fit its quarter of a line, its half?)
are taken on the printed width, not on a count of characters: "I, II, III and IV only" and
"Neither I nor II" differ less in width than in length. Latin is measured in Noto Serif
(the question text), Devanagari in Noto Sans Devanagari, each at its regular weight (the
variable fonts' default instance). Kerning and shaping are left out: they change a line by
a few per cent, which the margins the callers keep absorb.
"""

from __future__ import annotations

from functools import cache

from .fonts import FACES, source_of

MM_PER_PT = 25.4 / 72
#: An advance for a character no font maps (never printed: validation refuses it).
FALLBACK_EM = 0.6


@cache
def _advances(family: str) -> tuple[dict[int, float], float]:
    """Character -> advance in em of a family's regular face; and its average advance."""
    from fontTools.ttLib import TTFont

    face = next(f for f in FACES if f.family == family and f.weight == 400)
    font = TTFont(str(source_of(face)), lazy=True)
    per_em = font["head"].unitsPerEm
    metrics = font["hmtx"]
    widths = {code: metrics[name][0] / per_em for code, name in font.getBestCmap().items()}
    return widths, sum(widths.values()) / max(len(widths), 1)


def _is_devanagari(code: int) -> bool:
    return 0x0900 <= code <= 0x097F or 0xA8E0 <= code <= 0xA8FF or 0x1CD0 <= code <= 0x1CFF


def text_width(text: str, size_pt: float = 10.0) -> float:
    """The width of text on one line, in millimetres, at size_pt."""
    latin, _ = _advances("Noto Serif")
    devanagari, _ = _advances("Noto Sans Devanagari")
    em = 0.0
    for char in text:
        code = ord(char)
        table = devanagari if _is_devanagari(code) else latin
        em += table.get(code, FALLBACK_EM)
    return em * size_pt * MM_PER_PT
