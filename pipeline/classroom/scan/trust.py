"""What a scan run believes, and what it does not: the key decides, a sheet can only point.

The QR code's checksum is an unkeyed hash (anyone can compute it), and answer-sheet.json is
a file anyone can edit, so neither defines anything. The geometry is rebuilt from the key's
question count (bounded by the key's own checks) and the paper named in answer-sheet.json,
whose layout hash must then agree; a QR code is accepted only when it is, whole, one of the
payloads this test's sheets print. A foreign QR code is described with fields that pass
strict checks, never quoted raw.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...build.render import sheet as sheet_module
from ...diagnostics import UsageError, clean

MAX_SHEET_JSON_BYTES = 4 * 1024 * 1024
#: A QR payload longer than this is no payload of ours (ours are under 100 characters).
MAX_QR_TEXT = 300
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
_FIELDS = (
    ("kind", re.compile(r"UPSCSHEET")),
    ("version", re.compile(r"[0-9]{1,3}")),
    ("test", _ID),
    ("series", re.compile(r"[A-D]")),
    ("questions", re.compile(r"[0-9]{1,3}")),
    ("layout", re.compile(r"[0-9a-f]{12}")),
    ("checksum", re.compile(r"[0-9a-f]{8}")),
)


@dataclass(frozen=True)
class Sheet:
    """What the run expects: the test, its geometry, and each series' QR payload."""

    test: str
    geometry: dict[str, Any]
    payloads: dict[str, str]  # series letter -> the QR text its sheets print

    def series_of(self, text: str) -> str | None:
        """The series whose sheets print exactly this QR text, or None."""
        return next((letter for letter, p in self.payloads.items() if p == text), None)


def expected(key: Any, path: Path) -> Sheet:
    """The run's test from the key and the answer-sheet.json beside it (UsageError if unusable)."""
    where = clean(str(path))
    try:
        if path.stat().st_size > MAX_SHEET_JSON_BYTES:
            raise ValueError(f"larger than {MAX_SHEET_JSON_BYTES:,} bytes")
        table = json.loads(path.read_text(encoding="utf-8"))
        written = table["geometry"]
        paper, layout = written["paper"], written["layout"]
        if not isinstance(paper, str) or paper not in sheet_module.PAPER_MM:
            raise ValueError(f"paper must be one of {', '.join(sheet_module.PAPER_MM)}")
        g = sheet_module.geometry(len(key.questions), paper=paper)
        if layout != g.layout:
            raise ValueError("its layout is not the one this version prints for the key")
    except UsageError:
        raise
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as err:
        raise UsageError(
            f"{where}: the answer-sheet.json a build writes beside the key is needed "
            f"({clean(str(err))[:200]})"
        ) from None
    payloads = {letter: sheet_module.payload(key.id, letter, g) for letter in sorted(key.series)}
    return Sheet(key.id, g.to_dict(), payloads)


def fields(text: str) -> dict[str, str] | None:
    """A QR text's fields if every one has the type and range ours have, else None."""
    if len(text) > MAX_QR_TEXT:
        return None
    parts = text.split("|")
    if len(parts) != len(_FIELDS):
        return None
    for (_, pattern), part in zip(_FIELDS, parts, strict=True):
        if not pattern.fullmatch(part):
            return None
    return {name: part for (name, _), part in zip(_FIELDS, parts, strict=True)}


def foreign(text: str, test: str) -> str:
    """Why a QR code that is not one of this test's payloads is refused."""
    found = fields(text)
    if found is None or sheet_module.read_payload(text) is None:
        return "the QR code is not one this test's sheets print (a damaged or edited sheet)"
    if found["test"] != test:
        return f"this is a sheet of test '{found['test']}', not '{clean(test)}'"
    return "this sheet was printed with another layout; scan sheets printed for this key"
