"""Assertion/Reason vocabulary in a statement-reason question's explanation.

The older papers and the state commissions (UPPSC, CDS, CAPF) call the two statements
Assertion (A) and Reason (R): "Assertion (A) is true", "R is false", "Both A and R are
true", "the Reason correctly explains the Assertion", "R is not the correct explanation
of A". The Assertion is Statement-I (item 1), the Reason Statement-II (item 2).
A bare "A" or "R" is read only as a sentence's subject, never inside prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .patterns import ADVERBS

_A = r"(?:the\s+)?assertion(?:\s*\(a\))?|\(a\)|(?<![\w'])a(?=\s+(?:is|was|and)\b)"
_R = r"(?:the\s+)?reason(?:\s*\(r\))?|\(r\)|(?<![\w'])r(?=\s+(?:is|was|also|correctly|rightly|does|doesn't|explains|fails)\b)"
_A_END = r"(?:(?:the\s+)?assertion(?:\s*\(a\))?|\(a\)|(?<![\w'])a(?=\s*(?:[.,;:)]|$|\s+(?:and|but|because|as|since|here)\b)))"
_POS = r"true|correct|right|valid|accurate"
_NEG = r"false|incorrect|wrong|untrue|inaccurate|invalid"

VERDICT = re.compile(
    rf"(?P<ref>{_A}|{_R})\s*(?:\)\s*)?(?:\s+(?:is|was){ADVERBS}\s+(?P<not>not\s+)?|\s*[:(\-]\s*|\s+-\s+)"
    rf"(?:(?P<pos>{_POS})|(?P<neg>{_NEG}))(?![\w-])"
    r"(?!\s+(?:explanation|reason|answer|option|to\s+say|that)\b)"
)
BOTH = re.compile(
    rf"\b(?:(?P<both>both)\s+(?:{_A})\s+and\s+(?:{_R})\s+are|(?P<neither>neither)\s+(?:{_A})\s+nor\s+(?:{_R})\s+(?:is|are))"
    rf"(?:\s+(?:individually|also|independently))?\s+(?:(?P<pos>{_POS})|(?P<neg>{_NEG}))(?![\w-])"
)
EXPLAINS = re.compile(
    rf"(?P<ref>{_R}|it|this|which)\s+(?:is|was){ADVERBS}\s+(?P<not>not\s+|n't\s+)?(?:the|a|an)\s+"
    r"(?:correct\s+|right\s+|proper\s+|valid\s+|direct\s+|complete\s+)?(?:explanation|reason)\s+(?:of|for|behind)\s+"
    rf"{_A_END}"
    rf"|(?P<ref2>{_R}|it|which)\s+(?:also\s+)?(?:correctly\s+|rightly\s+|directly\s+|fully\s+|properly\s+)?"
    r"(?P<verb>explains|does\s+not\s+(?:correctly\s+|directly\s+|fully\s+|properly\s+)?explain|doesn't\s+explain|"
    rf"fails\s+to\s+explain|cannot\s+explain)\s+(?:why\s+)?{_A_END}"
)


def _item(ref: str) -> int:
    ref = ref.strip()
    return 2 if ref.startswith(("the reason", "reason", "(r)", "r")) else 1


def verdicts(text: str) -> Iterator[tuple[str, int, bool, re.Match[str]]]:
    """("item" or "explains", item number, value, match) for each A/R verdict in a sentence."""
    for m in BOTH.finditer(text):
        value = bool(m.group("pos")) != bool(m.group("neither"))
        yield "item", 1, value, m
        yield "item", 2, value, m
    for m in VERDICT.finditer(text):
        value = bool(m.group("pos")) != bool(m.group("not"))
        yield "item", _item(m.group("ref")), value, m
    for m in EXPLAINS.finditer(text):
        verb = m.group("verb")
        negative = bool(m.group("not")) or bool(verb and not verb.startswith("explains"))
        yield "explains", 2, not negative, m
