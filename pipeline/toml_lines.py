"""The line of every key in a TOML text, so a configuration mistake can say where it is.

tomllib gives values without positions. This reads the text line by line, as TOML lays it
out: `[table]` and `[[array]]` headers, `key = value` (bare, quoted or dotted keys), and the
keys of a one-line inline table (`rules = { "content" = "off" }`). A key it cannot place
is simply absent; a message then names the nearest parent that was found. One pass over the
text, every pattern anchored: linear in the size of the file.
"""

from __future__ import annotations

import json
import re

_KEY = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\')'
_DOTTED = rf"{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*"
_HEADER = re.compile(rf"[ \t]*(\[\[?)[ \t]*({_DOTTED})[ \t]*\]\]?[ \t]*(?:#.*)?")
_ASSIGN = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=")
_PART = re.compile(rf"[ \t]*({_KEY})[ \t]*\.?")
_INLINE = re.compile(rf"(?:\{{|,)[ \t]*({_DOTTED})[ \t]*=")

Keys = tuple[str, ...]


def key_lines(text: str) -> dict[Keys, int]:
    """Every key path (("tool", "upsc-pipeline", "rules", "content"), ...) -> its 1-based line.

    The n-th `[[a.b]]` table is ("a", "b", "n-1"), as its index in the array.
    """
    lines: dict[Keys, int] = {}
    arrays: dict[Keys, int] = {}
    table: Keys = ()
    in_string = False
    for number, line in enumerate(text.splitlines(), 1):
        if in_string:  # inside a multi-line string: no keys here
            in_string = line.count('"""') % 2 == 0 and line.count("'''") % 2 == 0
            continue
        header = _HEADER.fullmatch(line)
        if header:
            keys = _parts(header.group(2))
            table = (*_resolve(keys[:-1], arrays), keys[-1])
            if header.group(1) == "[[":
                lines.setdefault(table, number)
                arrays[table] = arrays.get(table, -1) + 1
                table = (*table, str(arrays[table]))
            lines.setdefault(table, number)
            continue
        assign = _ASSIGN.match(line)
        if not assign:
            continue
        keys = (*table, *_parts(assign.group(1)))
        lines.setdefault(keys, number)
        rest = line[assign.end() :]
        if rest.count('"""') % 2 or rest.count("'''") % 2:
            in_string = True
        elif rest.lstrip().startswith("{"):
            for inner in _INLINE.finditer(rest):
                lines.setdefault((*keys, *_parts(inner.group(1))), number)
    return lines


def _parts(dotted: str) -> Keys:
    """'tool."upsc-pipeline".rules' -> ('tool', 'upsc-pipeline', 'rules')."""
    parts = []
    for match in _PART.finditer(dotted):
        key = match.group(1)
        if key[0] == '"':
            try:
                key = json.loads(key)
            except ValueError:
                key = key[1:-1]
        elif key[0] == "'":
            key = key[1:-1]
        parts.append(key)
    return tuple(parts)


def _resolve(keys: Keys, arrays: dict[Keys, int]) -> Keys:
    """A table under an array of tables belongs to its latest element: [[a]] then [a.b]."""
    resolved: list[str] = []
    for key in keys:
        resolved.append(key)
        if tuple(resolved) in arrays:
            resolved.append(str(arrays[tuple(resolved)]))
    return tuple(resolved)
