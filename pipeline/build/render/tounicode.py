"""What each glyph says when a reader ignores /ActualText: the font's ToUnicode map.

WeasyPrint maps a glyph to the text of the cluster it was first drawn in, and to nothing
when it was not the cluster's last glyph. Devanagari draws a cluster in several glyphs, so
the map depended on where a letter first appeared in the document: after "तर्क" (क drawn
before the reph of र्), every क of the document mapped to nothing, and readers that take
the map (pypdf, pdf.js in Firefox, pdfminer) read "कर के रूप में" as "र े रूप में"; after
"नई" (ई drawn as इ and a sign), every इ vanished. The same phrase alone read well.

Here a glyph the font's cmap gives for a character always maps to that character, and a
glyph the cmap does not know (a conjunct, a reph, a vowel sign's variant) maps to the rest
of its cluster's text. Every letter is then read, whatever came first; only the visual
order of a pre-base vowel sign (ि) stays, which /ActualText (actualtext.py) corrects for
the readers that honour it.
"""

from __future__ import annotations

import io
from typing import Any

from weasyprint.draw import text as draw_text_module
from weasyprint.text.ffi import ffi, pango

_original = draw_text_module.draw_first_line
#: Pango's glyph ids at or above this carry flags (empty, unknown): never in a font's map.
_FLAGGED = 0x0FFFFFFF
#: Per font (WeasyPrint's font hash): glyph id -> the character the cmap gives it.
_NOMINAL: dict[str, dict[int, str]] = {}


def nominal_glyphs(font: Any) -> dict[int, str]:
    """Glyph id -> character, from the font's own cmap (the lowest code point per glyph)."""
    found = _NOMINAL.get(font.hash)
    if found is None:
        from fontTools.ttLib import TTFont

        face = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
        best = face.getBestCmap() or {}
        order = {name: gid for gid, name in enumerate(face.getGlyphOrder())}
        found = {}
        for code in sorted(best):
            found.setdefault(order[best[code]], chr(code))
        _NOMINAL[font.hash] = found
    return found


def cluster_texts(text: str, glyphs: list[int], nominal: dict[int, str]) -> list[tuple[int, str]]:
    """(glyph, its text) for the glyphs of one cluster that spells `text`.

    A glyph the cmap knows says its character; the first glyph it does not know says what
    the known ones left of the cluster, in logical order; any other says nothing.
    """
    left = list(text)
    for glyph in glyphs:
        char = nominal.get(glyph)
        if char is not None and char in left:
            left.remove(char)
    result, rest = [], "".join(left)
    for glyph in glyphs:
        if glyph in nominal:
            result.append((glyph, nominal[glyph]))
        else:
            result.append((glyph, rest))
            rest = ""
    return result


def _map_line(stream: Any, textbox: Any) -> None:
    """Fill the fonts' maps for every glyph of the textbox's first line, before drawing."""
    layout = textbox.pango_layout
    first_line, _ = layout.get_first_line()
    utf8 = layout.text.encode()
    run = first_line.runs[0]
    while run != ffi.NULL:
        item = run.data
        run = run.next
        font, _ = stream.add_font(item.item.analysis.font)
        if font.bitmap:
            continue
        glyph_string = item.glyphs
        count = glyph_string.num_glyphs
        offset, length = item.item.offset, item.item.length
        clusters: dict[int, list[int]] = {}
        for i in range(count):
            glyph = glyph_string.glyphs[i].glyph
            if glyph < _FLAGGED and not glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                clusters.setdefault(glyph_string.log_clusters[i], []).append(glyph)
            else:
                clusters.setdefault(glyph_string.log_clusters[i], [])
        starts = sorted(clusters)
        nominal = nominal_glyphs(font)
        for start, end in zip(starts, [*starts[1:], length], strict=True):
            text = utf8[offset + start : offset + end].decode(errors="replace")
            for glyph, said in cluster_texts(text, clusters[start], nominal):
                font.to_unicode.setdefault(glyph, said)


def draw_first_line(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
    _map_line(stream, textbox)
    return _original(stream, textbox, *args, **kwargs)


def install() -> None:
    """Route WeasyPrint's line drawing (HTML and SVG text) through draw_first_line."""
    draw_text_module.draw_first_line = draw_first_line


def uninstall() -> None:
    draw_text_module.draw_first_line = _original
