"""Scope helpers for the explanation reader: polarity of a match, hedges, attribution, and
the item numbers a reference names."""

from __future__ import annotations

import re
from functools import lru_cache

from . import patterns as p
from .numbers import NUMBER, ORDINAL, number
from .reading import Shape
from .sentences import fold


def positive(m: re.Match[str]) -> bool:
    return m.groupdict().get("pos") is not None


def match_value(m: re.Match[str]) -> bool:
    groups = m.groupdict()
    how = groups.get("how") or groups.get("how2")
    good = how in ("correctly", "rightly", "properly", "accurately")
    return good != bool(groups.get("not") or groups.get("not2"))


def hedged(text: str, end: int) -> bool:
    """A hedge in the rest of the clause ("is correct only in part") makes a reading unsure."""
    rest = text[end : end + 80]
    cut = re.search(r"[.;:]|\bbut\b|statement|pair", rest)
    if cut:
        rest = rest[: cut.start()]
    return bool(p.HEDGE_AFTER.search(rest))


def attributed(text: str, start: int) -> bool:
    """Whether the words before `start` in its clause make it a claim, hypothesis or quote."""
    before = text[max(0, start - 200) : start]
    clauses = list(p.CLAUSE.finditer(before))
    if clauses:
        before = before[clauses[-1].end() :]
    if before.count('"') % 2 == 1:
        return True  # inside a quotation
    return bool(p.ATTRIBUTION.search(before))


_ITEM_TOKEN = re.compile(rf"{ORDINAL}|last|two|three|\d{{1,2}}|\b{NUMBER}\b")
_FIRST_FEW = re.compile(r"(?:first|1st)\s+(two|three)\b")


def items(ref: str, shape: Shape, *, bare: bool = False, roman: bool = False) -> list[int]:
    """Item numbers a reference names; ordinals ("the first and third statements") too."""
    found: list[int] = []
    first = _FIRST_FEW.search(ref)
    if first:
        return list(range(1, number(first.group(1)) + 1))
    tokens = _ITEM_TOKEN.findall(ref)
    for token in tokens:
        if token == "last":
            found.append(shape.items)
            continue
        if token in ("two", "three"):
            continue
        if bare and not roman and not token.isdigit():
            continue
        try:
            found.append(number(token))
        except ValueError:
            continue
    return sorted(set(found))


@lru_cache(maxsize=256)
def pair_lefts(lefts: tuple[str, ...]) -> re.Pattern[str]:
    """'Gaddi : Himachal Pradesh is correctly matched' names pair 1 by its left-hand side."""
    names = "|".join(
        re.escape(fold(left)) for left in sorted(lefts, key=len, reverse=True) if left.strip()
    )
    one = rf"(?:{names})(?:\s*\([^()]{{0,60}}\))?"
    return re.compile(
        rf"(?P<left>{names})\s*(?:[:\-]\s*[^.;:]{{1,80}}?)?\s+(?:is|are)\s+(?P<not>not\s+)?"
        r"(?P<how>correctly|rightly|properly|incorrectly|wrongly)\s+matched\b"
        # "Bhakra (Sutlej), Hirakud (Mahanadi) and Koyna (Koyna) are correctly matched"
        rf"|(?P<list>{one}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){one}){{1,5}})\s+are\s+(?P<not2>not\s+)?"
        r"(?P<how2>correctly|rightly|properly|incorrectly|wrongly)\s+matched\b"
    )


def left_index(shape: Shape, left: str) -> int:
    for index, name in enumerate(shape.lefts, 1):
        if fold(name) == left:
            return index
    return 0
