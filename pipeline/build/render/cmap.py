"""Which characters a font file can draw, read from its `cmap` table alone.

Checking a source's characters against the fonts (render/missing-glyph) runs on every
`validate`. fontTools decodes the whole cmap into glyph names (and the `post` table to name
them) and costs 30-40 ms a run with its import; this reads the table's ranges directly:
the Unicode full-repertoire subtable (format 12, groups of consecutive characters) or the
BMP one (format 4, segments), about a millisecond for the project's four fonts. A character
counts when it maps to a glyph other than .notdef (glyph 0). Only the table directory and
the cmap are read, each loop bounded by the table's own length.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from pathlib import Path


class CmapError(ValueError):
    """The file is not a font with a Unicode cmap this reader knows."""


def covered(font: Path, wanted: Iterable[tuple[int, int]]) -> set[int]:
    """The code points in the wanted ranges (inclusive) that font maps to a real glyph."""
    table = _cmap_table(font)
    subtables = _subtables(table)
    for key in ((3, 10), (0, 4), (0, 6)):
        if key in subtables and _format(table, subtables[key]) == 12:
            ranges = _format12(table, subtables[key])
            break
    else:
        for key in ((3, 1), (0, 3), (0, 1), (0, 0)):
            if key in subtables and _format(table, subtables[key]) == 4:
                return {c for c in _codes(wanted) if _format4_glyph(table, subtables[key], c)}
        raise CmapError(f"{font.name}: no Unicode cmap of format 4 or 12")
    found: set[int] = set()
    for low, high in wanted:
        for start, end in ranges:
            if end >= low and start <= high:
                found.update(range(max(start, low), min(end, high) + 1))
    return found


def _codes(wanted: Iterable[tuple[int, int]]) -> Iterable[int]:
    for low, high in wanted:
        yield from range(low, high + 1)


def _cmap_table(font: Path) -> bytes:
    with open(font, "rb") as handle:
        header = handle.read(12)
        if len(header) < 12:
            raise CmapError(f"{font.name}: not a font file")
        count = struct.unpack(">H", header[4:6])[0]
        records = handle.read(16 * count)
        for index in range(len(records) // 16):
            tag, _, offset, length = struct.unpack_from(">4sLLL", records, 16 * index)
            if tag == b"cmap":
                handle.seek(offset)
                return handle.read(length)
    raise CmapError(f"{font.name}: no cmap table")


def _subtables(table: bytes) -> dict[tuple[int, int], int]:
    """(platform, encoding) -> offset of its subtable in the cmap."""
    if len(table) < 4:
        raise CmapError("cmap too short")
    count = min(struct.unpack_from(">H", table, 2)[0], (len(table) - 4) // 8)
    found: dict[tuple[int, int], int] = {}
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", table, 4 + 8 * index)
        found.setdefault((platform, encoding), offset)
    return found


def _format(table: bytes, offset: int) -> int:
    if offset + 2 > len(table):
        raise CmapError("cmap subtable outside the table")
    return int(struct.unpack_from(">H", table, offset)[0])


def _format12(table: bytes, offset: int) -> list[tuple[int, int]]:
    """The (first, last) characters of each group that maps to real glyphs."""
    if offset + 16 > len(table):
        raise CmapError("cmap format 12 header outside the table")
    groups = struct.unpack_from(">L", table, offset + 12)[0]
    groups = min(groups, (len(table) - offset - 16) // 12)
    ranges = []
    for start, end, glyph in struct.iter_unpack(
        ">LLL", table[offset + 16 : offset + 16 + 12 * groups]
    ):
        if glyph == 0:  # the group's first character maps to .notdef
            start += 1
        if start <= end:
            ranges.append((start, end))
    return ranges


def _format4_glyph(table: bytes, offset: int, code: int) -> int:
    """The glyph a BMP character maps to in a format 4 subtable (0: none)."""
    if code > 0xFFFF or offset + 14 > len(table):
        return 0
    segments = struct.unpack_from(">H", table, offset + 6)[0] // 2
    ends = offset + 14
    starts = ends + 2 * segments + 2
    deltas = starts + 2 * segments
    range_offsets = deltas + 2 * segments
    if range_offsets + 2 * segments > len(table):
        return 0
    for index in range(segments):
        end = struct.unpack_from(">H", table, ends + 2 * index)[0]
        if code > end:
            continue
        start = struct.unpack_from(">H", table, starts + 2 * index)[0]
        if code < start:
            return 0
        delta = struct.unpack_from(">h", table, deltas + 2 * index)[0]
        where = range_offsets + 2 * index
        shift = struct.unpack_from(">H", table, where)[0]
        if shift == 0:
            return (code + delta) & 0xFFFF
        at = where + shift + 2 * (code - start)
        if at + 2 > len(table):
            return 0
        glyph = struct.unpack_from(">H", table, at)[0]
        return (glyph + delta) & 0xFFFF if glyph else 0
    return 0
