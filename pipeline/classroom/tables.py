"""The classroom's CSV files in and out: bounded reading, line numbers, formula-safe writing.

Every CSV `score`, `scan` and `review` read comes from a scanner, a spreadsheet or a hand, and
every CSV they write is opened in a spreadsheet: a cell is never trusted to be small, printable
or harmless. Reading yields `(line, cells)` with the line a record starts on; a malformed
record is a `Problem` at its line, never a crash. Writing puts an apostrophe before any cell a
spreadsheet would run as a formula (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import UsageError, clean

#: Limits of what the classroom commands read: a class of students, a real test.
MAX_CSV_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
#: The longest text shown from a cell in a message.
SHOWN = 24


@dataclass(frozen=True)
class Problem:
    """One problem in one CSV file: its name (as given), the line, what is wrong."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return clean(f"{self.file}:{self.line}: {self.message}")


class CsvError(ValueError):
    """Problems that stop a CSV from being used; each names its file and line."""

    #: Problems shown in full; the rest are counted.
    SHOWN_PROBLEMS = 50

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems[: self.SHOWN_PROBLEMS]]
        rest = len(self.problems) - self.SHOWN_PROBLEMS
        if rest > 0:
            lines.append(f"... and {rest} more problem{'s' if rest != 1 else ''}")
        return "\n".join(lines)


def shown(cell: str) -> str:
    """A cell as a message quotes it: short, control and bidi characters made visible."""
    text = cell if len(cell) <= SHOWN else cell[: SHOWN - 1] + "…"
    return clean(text)


def read_text(path: Path, *, name: str | None = None) -> str:
    """A CSV file's text: UTF-8 (with or without BOM) or UTF-16 with a BOM, as spreadsheets save.

    A missing file is a usage error; a file too large or not in those encodings is a CsvError.
    """
    label = name or str(path)
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise CsvError([Problem(label, 1, f"the file is larger than {MAX_CSV_BYTES:,} bytes")])
        raw = path.read_bytes()
    except OSError as err:
        raise UsageError(f"{clean(str(path))}: {err.strerror or err}") from err
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise CsvError(
                [Problem(label, 1, "the file says UTF-16 but is not; save it as CSV UTF-8")]
            ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise CsvError(
            [
                Problem(
                    label,
                    line,
                    f"byte 0x{raw[err.start]:02x} is not UTF-8; save the file as CSV UTF-8 "
                    "(not Latin-1 or Windows-1252)",
                )
            ]
        ) from None


def records(text: str, *, name: str) -> Iterator[tuple[int, list[str]]]:
    """Each record of a CSV text with the line it starts on; blank records are skipped.

    Raises CsvError for a record the csv module cannot read (a field over its size limit),
    too many records, or too many columns. A carriage return inside a quoted cell is text.
    """
    if len(text) > MAX_CSV_BYTES:
        raise CsvError([Problem(name, 1, f"the text is longer than {MAX_CSV_BYTES:,} characters")])
    # newline="" keeps \r inside quoted cells as data, as the csv module requires
    reader = csv.reader(io.StringIO(text, newline=""))
    start, count = 1, 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise CsvError([Problem(name, reader.line_num or start, f"not CSV: {err}")]) from None
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise CsvError([Problem(name, line, f"more than {MAX_ROWS:,} rows")])
        if len(cells) > MAX_COLUMNS:
            raise CsvError([Problem(name, line, f"more than {MAX_COLUMNS:,} columns")])
        yield line, cells


#: First characters a spreadsheet reads as a formula (the full-width forms too).
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP CSV injection).

    Idempotent: a cell already starting with an apostrophe is left alone, so reading a file
    this wrote and writing it again changes nothing.
    """
    first = cell.lstrip(" ")[:1]
    return "'" + cell if first and first in FORMULA_STARTS else cell


class Figure(str):
    """A number the tool formatted itself ("-1.98"): written as it is, a number to a spreadsheet."""

    __slots__ = ()


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV document: every text cell formula-safe, numbers and `Figure`s as they are."""
    out = io.StringIO(newline="")
    # CRLF as RFC 4180 says: the csv module quotes a cell holding a character of the line
    # terminator, so with "\n" alone a carriage return in a name would split its row.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(h) for h in header])
    for row in rows:
        writer.writerow(
            [
                spreadsheet_safe(cell)
                if isinstance(cell, str) and not isinstance(cell, Figure)
                else cell
                for cell in row
            ]
        )
    return out.getvalue()
