"""JSON pointer -> line and column in the source text.

A small tokenizer walks text that the standard library has already parsed and records
where every value (and every object key) starts, where a key repeats in one object, and
where a non-standard constant (NaN, Infinity) stands. It keeps its own stack, so nesting
depth costs no recursion.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import re
from dataclasses import dataclass, field

_TOKEN = re.compile(
    r"""
    (?P<ws>[ \t\r\n]+)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<number>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
  | (?P<const>-?Infinity|NaN)
  | (?P<literal>true|false|null)
  | (?P<punct>[{}\[\]:,])
    """,
    re.VERBOSE,
)


def escape(token: str) -> str:
    """Escape one reference token for a JSON pointer (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer_of(parts: object) -> str:
    """JSON pointer for a sequence of keys and indexes."""
    return "".join("/" + escape(str(part)) for part in parts)  # type: ignore[attr-defined]


@dataclass
class PositionMap:
    """Where things are in one JSON text (offsets into the text)."""

    text: str
    values: dict[str, int] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    constants: list[tuple[str, int]] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list)

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        if not self._line_starts:
            self._line_starts = line_starts(self.text)
        return offset_to_line_column(self._line_starts, offset)

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at pointer (or of its key), else of its nearest parent."""
        probe = pointer
        while True:
            table = self.keys if key else self.values
            if probe in table:
                return self.line_column(table[probe])
            if probe in self.values:
                return self.line_column(self.values[probe])
            if not probe:
                return (1, 1)
            probe = probe.rsplit("/", 1)[0]
            key = False


_DECODER = json.JSONDecoder()
_SCAN_VALUE = _DECODER.scan_once  # type: ignore[attr-defined]  # C scanner: (value, end)
_SPACE = re.compile(r"[ \t\r\n]*")


def find(
    text: str, pointer: str, *, key: bool = False, seen: dict[str, int] | None = None
) -> int | None:
    """Offset of the value at pointer (or of its key) in valid JSON text, or None if absent.

    Walks only the path: at each level it skips the siblings before the target with the
    standard library's C scanner, so one lookup costs far less than a full scan. `seen`
    (one text's) keeps the offsets of the containers' members passed on the way, so a later
    lookup in the same container starts there ("/key_facts/4" after "/key_facts/1").
    """
    raw = pointer.split("/")[1:] if pointer else []
    parts = [p.replace("~1", "/").replace("~0", "~") for p in raw]
    pos = _SPACE.match(text, 1 if text.startswith("\ufeff") else 0).end()  # type: ignore[union-attr]
    start = 0
    if seen:  # the deepest container already passed (the last part is always walked: its key)
        for depth in range(len(raw) - 1, 0, -1):
            known = seen.get("/" + "/".join(raw[:depth]))
            if known is not None:
                pos, start = known, depth
                break
    key_offset: int | None = None
    for depth in range(start, len(parts)):
        part = parts[depth]
        here = "/" + "/".join(raw[:depth]) if depth else ""
        if pos >= len(text):
            return None
        if text[pos] == "{":
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
            found = False
            while pos < len(text) and text[pos] == '"':
                name, end = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
                start_of_key = pos
                pos = _SPACE.match(text, end).end() + 1  # type: ignore[union-attr]  # past ':'
                pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
                if seen is not None:  # the first of duplicate keys, as a fresh walk finds
                    seen.setdefault(f"{here}/{name.replace('~', '~0').replace('/', '~1')}", pos)
                if name == part:
                    key_offset, found = start_of_key, True
                    break
                _, pos = _SCAN_VALUE(text, pos)
                pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
                if text[pos] == ",":
                    pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
            if not found:
                return None
        elif text[pos] == "[":
            if not part.isdigit():
                return None
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
            for index in range(int(part)):
                if text[pos] == "]":
                    return None
                if seen is not None:
                    seen.setdefault(f"{here}/{index}", pos)
                _, pos = _SCAN_VALUE(text, pos)
                pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
                if text[pos] == ",":
                    pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
            if text[pos] == "]":
                return None
            if seen is not None:
                seen.setdefault(f"{here}/{part}", pos)
            key_offset = None
        else:
            return None
    return key_offset if key and key_offset is not None else pos


def line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def offset_to_line_column(starts: list[int], offset: int) -> tuple[int, int]:
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


def scan(text: str) -> PositionMap:
    """Map every pointer in a parsed JSON text to the offset where its value starts."""
    result = PositionMap(text)
    # Each frame: [pointer, is_object, next index or pending key, keys seen]
    stack: list[list] = []
    expect_key = False
    pos = 0
    end = len(text)
    if text.startswith("\ufeff"):
        pos = 1

    def current_pointer() -> str:
        frame = stack[-1]
        return frame[0] + "/" + escape(str(frame[2]))

    while pos < end:
        match = _TOKEN.match(text, pos)
        if match is None:
            break  # not JSON from here on; the parser reports that
        kind = match.lastgroup
        token = match.group()
        start = pos
        pos = match.end()
        if kind == "ws":
            continue
        if kind == "punct":
            if token in "{[":
                pointer = current_pointer() if stack else ""
                result.values.setdefault(pointer, start)
                stack.append([pointer, token == "{", 0 if token == "[" else None, set()])
                expect_key = token == "{"
            elif token in "}]":
                if stack:
                    stack.pop()
                if stack and not stack[-1][1]:
                    stack[-1][2] += 1
                expect_key = False
            elif token == "," and stack and stack[-1][1]:
                expect_key = True
            continue
        if stack and stack[-1][1] and expect_key and kind == "string":
            frame = stack[-1]
            key = _decode_string(token)
            frame[2] = key
            pointer = frame[0] + "/" + escape(key)
            if key in frame[3]:
                result.duplicates.append((pointer, start))
            else:
                frame[3].add(key)
                result.keys[pointer] = start
            expect_key = False
            continue
        pointer = current_pointer() if stack else ""
        result.values.setdefault(pointer, start)
        if kind == "const":
            result.constants.append((token, start))
        if stack and not stack[-1][1]:
            stack[-1][2] += 1
    return result


def _decode_string(token: str) -> str:
    import json

    try:
        value = json.loads(token)
    except ValueError:
        return token[1:-1]
    return value if isinstance(value, str) else token[1:-1]
