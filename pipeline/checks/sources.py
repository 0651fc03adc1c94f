"""Find and load sources: JSON text -> a document with positions, or load diagnostics.

Loading never raises for bad content: every problem becomes a `json/` diagnostic, so one
broken file never hides the problems of the others.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Any

from ..config import project
from ..diagnostics import Diagnostic, Severity, UsageError
from .positions import PositionMap, find, line_starts, offset_to_line_column, scan
from .strings import strings_of

#: Sources larger than this are refused before any parsing (a real editorial is ~10 KB).
MAX_BYTES = 2 * 1024 * 1024
#: Nesting the standard library's parser refuses (its recursion limit); the model needs
#: fewer than ten levels, and the schema stops at the first value of the wrong type.
MAX_DEPTH = 1000


#: Position lookups that walk only their pointer's path before one full scan takes over.
_WALKS = 8


@dataclass
class Source:
    """One loaded source file: its text and parsed document."""

    path: Path
    display: str
    text: str
    data: Any
    #: JSON pointers of the parts that failed the schema; rules skip them (set by schema.check).
    broken: frozenset[str] = frozenset()
    _lookups: int = 0
    #: Offsets of the members find() passed on earlier lookups (see positions.find).
    _seen: dict[str, int] = field(default_factory=dict)

    @cached_property
    def positions(self) -> PositionMap:
        return scan(self.text)

    @cached_property
    def strings(self) -> tuple[list[str], list[str]]:
        """Every string of the document, and the prose among them: walked once for all rules."""
        return strings_of(self.data)

    @cached_property
    def _line_starts(self) -> list[int]:
        return line_starts(self.text)

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value (or key) at pointer, else of its nearest parent.

        A few lookups walk just their path; after that one scan maps every pointer, so a
        file with thousands of diagnostics costs one pass, not one pass per diagnostic.
        """
        self._lookups += 1
        if self._lookups > _WALKS:
            return self.positions.locate(pointer, key=key)
        probe = pointer
        while True:
            try:
                offset = find(self.text, probe, key=key, seen=self._seen)
            except (ValueError, IndexError, StopIteration):  # text with duplicate keys etc.
                return self.positions.locate(pointer, key=key)
            if offset is not None:
                if self._lookups > 2:
                    return offset_to_line_column(self._line_starts, offset)
                # one or two lookups (most sources): count, do not map every line
                return self.text.count("\n", 0, offset) + 1, offset - self.text.rfind(
                    "\n", 0, offset
                )
            if not probe:
                return (1, 1)
            probe, key = probe.rsplit("/", 1)[0], False

    def diagnostic(
        self, pointer: str, rule: str, severity: Severity, message: str, *, key: bool = False
    ) -> Diagnostic:
        line, column = self.locate(pointer, key=key)
        return Diagnostic(self.display, line, column, pointer, rule, severity, message)


@dataclass
class LoadResult:
    """A source, or the diagnostics that kept it from loading (and possibly both)."""

    path: Path
    display: str
    source: Source | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _fail(
    result: LoadResult, rule: str, message: str, line: int = 1, column: int = 1
) -> LoadResult:
    """The result with an error of the whole file (no pointer) added."""
    result.diagnostics.append(
        Diagnostic(result.display, line, column, "", rule, Severity.ERROR, message)
    )
    return result


def display_path(path: Path) -> str:
    """The path as an editor wants to see it: relative to the working directory if inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def find_sources(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into a sorted list of `.json` paths; missing paths are usage errors."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and not path.name.endswith(".json"):
            found.extend(sorted(p for p in path.glob("*.json")))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise UsageError(f"{raw}: no such file or directory")
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path, None)
    return list(unique)


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@lru_cache(maxsize=8)
def _resolved(root: Path) -> Path:
    """The project's root with its links resolved (once a run, not once a file)."""
    return Path(os.path.realpath(root))


def escapes(path: Path, folders: dict[Path, str] | None = None) -> bool:
    """Whether a path leaves the project through a symbolic link.

    A path inside the project (by name) must resolve inside it; a file named from outside
    the project (a test's temporary folder) may not link out of its own folder. `folders`
    (one run's) keeps each folder's resolved path: a file that is no link resolves to it.
    """
    root = project().root
    resolved_root = str(_resolved(root))
    link = path.is_symlink()
    folder = None if folders is None else folders.get(path.parent)
    if folder is None:
        folder = os.path.realpath(path.parent)
        if folders is not None:
            folders[path.parent] = folder
    # a link loop stops somewhere; reading it then fails
    real = os.path.realpath(path) if link else os.path.join(folder, path.name)
    if _inside(real, resolved_root):
        return False
    if _inside(os.path.abspath(path), os.path.abspath(root)):
        return True
    return link and not _inside(real, folder)


def _inside(path: str, folder: str) -> bool:
    """Whether a normalised absolute path is the folder or lies under it (by name)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def load_all(paths: Iterable[Path]) -> Iterator[LoadResult]:
    folders: dict[Path, str] = {}
    for path in paths:
        yield load(path, folders)


def load(path: Path, folders: dict[Path, str] | None = None) -> LoadResult:
    """Read and parse one source; bad content becomes diagnostics, never an exception."""
    display = display_path(path)
    result = LoadResult(path, display)

    fail = partial(_fail, result)

    try:
        if path.is_dir():
            return fail("json/unreadable", "is a directory, not a JSON file")
        if not SLUG.fullmatch(path.name.removesuffix(".json")) or not path.name.endswith(".json"):
            return fail(
                "files/name",
                "file names are slugs: lower-case letters and digits joined by hyphens, "
                "ending in .json (e.g. india-us.json)",
            )
        if escapes(path, folders):
            return fail(
                "files/outside",
                "is a symbolic link to a file outside the project; copy the file in instead",
            )
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return fail(
                "files/not-regular",
                "is not a regular file (a pipe, device or socket); a source is a JSON file",
            )
        size = info.st_size
        if size > MAX_BYTES:
            return fail(
                "json/too-large",
                f"file is {size:,} bytes; sources are limited to {MAX_BYTES:,} bytes",
            )
        raw = path.read_bytes()
    except OSError as err:
        if err.errno == errno.ELOOP:
            return fail("json/unreadable", "is a symbolic link that loops; remove the link")
        return fail("json/unreadable", f"cannot read file: {err.strerror or err}")

    if not raw.strip():
        return fail("json/empty", "file is empty; a source is a JSON object")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail("json/encoding", "file is UTF-16; save it as UTF-8 without a byte order mark")
    if raw.startswith(b"\xef\xbb\xbf"):
        return fail("json/bom", "file starts with a UTF-8 byte order mark; save it without one")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        prefix = raw[: err.start].decode("utf-8", "replace")
        line, column = offset_to_line_column(line_starts(prefix), len(prefix))
        return _fail(
            result,
            "json/encoding",
            f"invalid UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8",
            line,
            column,
        )
    return parse(text, result)


class _NonStandard(ValueError):
    pass


def _reject_constant(name: str) -> float:
    raise _NonStandard(name)


def _finite(token: str) -> float:
    value = float(token)
    if value in (float("inf"), float("-inf")):
        raise _NonStandard(token)
    return value


def parse(text: str, result: LoadResult) -> LoadResult:
    """Parse JSON text strictly: syntax errors, NaN, duplicate keys and deep nesting are errors."""
    display = result.display
    duplicated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicated
        data = dict(items)
        if len(data) != len(items):
            duplicated = True
        return data

    try:
        data = json.loads(
            text, object_pairs_hook=pairs, parse_constant=_reject_constant, parse_float=_finite
        )
    except _NonStandard as err:
        positions = scan(text)
        for token, offset in positions.constants:
            _fail(
                result,
                "json/non-finite",
                f"{token} is not valid JSON; write a number or a string",
                *positions.line_column(offset),
            )
        if not result.diagnostics:
            token = str(err)
            _fail(
                result,
                "json/too-large",
                f"the number {token[:40]} is too large to print or compare; write it as a string",
                *offset_to_line_column(line_starts(text), max(text.find(token), 0)),
            )
        return result
    except json.JSONDecodeError as err:
        result.diagnostics.append(_syntax_diagnostic(display, text, err))
        return result
    except RecursionError:
        result.diagnostics.append(_too_deep(display))
        return result
    except ValueError as err:  # Python refuses integers of more than 4,300 digits
        result.diagnostics.append(_number_too_large(display, text, str(err)))
        return result

    lone = _lone_surrogate(text)
    if lone is not None:
        return _fail(
            result,
            "json/encoding",
            f"{text[lone : lone + 6]} is half of a surrogate pair, not a character; remove it or write the character itself",
            *offset_to_line_column(line_starts(text), lone),
        )
    source = Source(result.path, display, text, data)
    if duplicated:
        positions = source.positions
        for pointer, offset in positions.duplicates:
            line, column = positions.line_column(offset)
            key = pointer.rsplit("/", 1)[1].replace("~1", "/").replace("~0", "~")
            first = positions.keys.get(pointer)
            where = (
                f" (first at line {positions.line_column(first)[0]})" if first is not None else ""
            )
            result.diagnostics.append(
                Diagnostic(
                    display,
                    line,
                    column,
                    pointer,
                    "json/duplicate-key",
                    Severity.ERROR,
                    f"duplicate key '{key}'{where}; JSON readers would silently keep only the last",
                )
            )
        return result
    result.source = source
    return result


def _number_too_large(display: str, text: str, why: str) -> Diagnostic:
    run = re.search(r"\d{1000,}", text)
    line, column = offset_to_line_column(line_starts(text), run.start()) if run else (1, 1)
    digits = len(run.group()) if run else 0
    message = f"a number of {digits:,} digits cannot be read; write it as a string or shorten it"
    if not run:
        message = f"a number cannot be read ({why[:80]})"
    return Diagnostic(display, line, column, "", "json/too-large", Severity.ERROR, message)


_SURROGATE_ESCAPE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})(?<!\\)\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _lone_surrogate(text: str) -> int | None:
    """Offset of a \\uD800-style escape that is not half of a pair (JSON allows it; text cannot)."""
    if "\\u" not in text or ("\\ud" not in text and "\\uD" not in text):
        return None
    m = _SURROGATE_ESCAPE.search(text)
    return None if m is None else m.start() + m.group().rindex("\\u")


def _too_deep(display: str) -> Diagnostic:
    message = f"nesting is too deep; sources are limited to {MAX_DEPTH} levels"
    return Diagnostic(display, 1, 1, "", "json/too-deep", Severity.ERROR, message)


def _syntax_diagnostic(display: str, text: str, err: json.JSONDecodeError) -> Diagnostic:
    """Turn the standard library's message into one an editor can act on, with the line."""
    pos = err.pos
    char = text[pos] if pos < len(text) else ""
    before = text[:pos].rstrip()
    starts = line_starts(text)
    rule, message = "json/syntax", err.msg[0].lower() + err.msg[1:]
    if text.startswith(("//", "/*"), pos):
        rule, message = "json/comment", "comments are not allowed in JSON"
    elif before.endswith(",") and char in "}]":
        pos = len(before) - 1
        rule, message = (
            "json/trailing-comma",
            "trailing comma before the closing bracket; remove it",
        )
    elif char == "'":
        message = "strings and keys must use double quotes, not single quotes"
    elif pos >= len(text.rstrip()) and not err.msg.startswith(("Extra data", "Unterminated")):
        message = "unexpected end of file: a closing bracket or brace is missing"
    elif err.msg.startswith("Expecting ',' delimiter") and before:
        pos = len(before)  # where the comma belongs: right after the previous value
        ended = offset_to_line_column(starts, pos - 1)[0]
        message = f"a comma is missing after the value that ends on line {ended}; add ',' there"
    elif err.msg.startswith("Expecting ':' delimiter"):
        message = 'a colon is missing after the key; write "key": value'
    elif err.msg.startswith("Expecting property name") and char.isalpha():
        message = 'keys must be in double quotes, e.g. "title": ...'
    elif err.msg.startswith("Expecting value") and before.endswith(":") and char in ",}]\n":
        message = "a value is missing after the colon"
    elif err.msg.startswith("Expecting value") and char.isalpha():
        word = re.match(r"[A-Za-z_]\w*", text[pos : pos + 40])
        token = word.group() if word else char
        if token.lower() in ("true", "false", "null"):
            message = f"'{token}' must be written in lower case: {token.lower()}"
        else:
            message = f'text must be in double quotes: "{token}..."'
    elif err.msg.startswith("Unterminated string"):
        message = "unterminated string: a closing double quote is missing"
    elif err.msg.startswith("Invalid control character") and char in "\r\n":
        message = "unterminated string: the closing double quote is missing on this line"
    elif err.msg.startswith("Invalid control character"):
        message = (
            "control character (e.g. a raw newline or tab) inside a string; write it as \\n or \\t"
        )
    elif err.msg.startswith("Extra data"):
        message = "unexpected text after the end of the JSON document"
    elif pos >= len(text.rstrip()):
        message = "unexpected end of file: a closing bracket or brace is missing"
    line, column = offset_to_line_column(starts, pos)
    start = starts[line - 1]
    end = text.find("\n", start)
    excerpt = text[start : end if end >= 0 else len(text)].rstrip("\r")
    return Diagnostic(display, line, column, "", rule, Severity.ERROR, message, excerpt=excerpt)
