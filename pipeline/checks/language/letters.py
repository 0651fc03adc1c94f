"""Where an explanation names options by letter, so booklet series can re-letter it when
they shuffle a question's options ("options a and c are ruled out" moves with the options).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .explanations import read
from .naming import LETTER_LIST
from .reading import Reading, Shape

_LETTER_SPANS = re.compile(
    r"(?i)(?<![\w)])\(([a-d])\)"
    r"|\b(?:answer|ans)\b\.?\s*[:\-)=]?\s*\(?([a-d])\)?(?![\w'])"
    r"|(?<![\w(])([a-d])\)(?=\s)"
    r"|\b(?:answer|option|choice)\s+(?:is|would\s+be|will\s+be)\s*:?\s*([a-dA-D])(?=\s*(?:[.;,!]|$))"
    r"|\b(?:answer|option|choice)\s+(?:is|would\s+be|will\s+be)\s*:?\s*((?-i:[A-D]))(?![\w'])"
)
#: "options a and c", "options (b), (c) and (d)": every letter of the list.
_OPTION_LIST = re.compile(rf"(?i)\b(?:option|choice)s?\s*({LETTER_LIST})")
_LIST_LETTER = re.compile(r"(?i)(?<![\w])[a-d](?![\w'])")
_BARE_LETTER = re.compile(
    r"\b(?:is|are|be|choose|mark|tick)\s+\(?([A-D])\)?(?![\w.])|\b(?:is|be)\s+([A-D])\.(?=\s|$)"
)
#: A letter near "option" or "answer" that no span covers leaves the reader unsure.
_NEAR_LETTER = re.compile(
    r"(?i)\b(?:options?|choices?|answer|ans)\b[^.;\n]{0,25}?(?<![\w'])\(?([a-d])\)?(?![\w'])"
    r"|\b(?:option|choice)s?\s*(?:no\.?\s*)?\(?([1-4])\)?(?![\w'])"
)


def option_letters(text: str, shape: Shape) -> tuple[list[tuple[int, int, str]], bool]:
    """Spans of the option letters an explanation uses, and whether all were found for sure.

    Booklet series re-letter these when they shuffle a question's options; a letter the
    reader cannot place for certain ("the answer is B." after a name) keeps the options fixed.
    """
    spans, unsure = _scan(text, shape)
    return spans, unsure is None


def why_unsure(text: str, shape: Shape) -> str | None:
    """What the reader could not place for certain, quoted from the text; None if nothing."""
    return _scan(text, shape)[1]


def _scan(text: str, shape: Shape) -> tuple[list[tuple[int, int, str]], str | None]:
    spans: set[tuple[int, int, str]] = set()
    for m in _LETTER_SPANS.finditer(text):
        for group in range(1, 6):
            if m.group(group):
                spans.add((m.start(group), m.end(group), m.group(group)))
    for m in _OPTION_LIST.finditer(text):
        base = m.start(1)
        for letter in _LIST_LETTER.finditer(m.group(1)):
            spans.add((base + letter.start(), base + letter.end(), letter.group()))
    covered = {start for start, _, _ in spans}
    named = [r for r in read(text, shape) if r.kind in ("answer", "not-answer")]
    unsure = next((quote(text, r.start, r.end) for r in named if not r.sure), None)
    for m in (*_BARE_LETTER.finditer(text), *_NEAR_LETTER.finditer(text)):
        start = m.start(1) if m.group(1) else m.start(2)
        if start not in covered and unsure is None:
            unsure = quote(text, m.start(), m.end())
    if (
        unsure is None
        and shape.options
        and not _relettering_holds(text, shape, sorted(spans), named)
    ):
        where = min((r.start for r in named), default=0)
        unsure = quote(text, where, where + 40) + " (re-lettered, it would name another option)"
    return sorted(spans), unsure


def quote(text: str, start: int, end: int, *, margin: int = 20) -> str:
    """'"...the right choice is A Article..."': a place in the text, quoted with some context."""
    low, high = max(0, start - margin), min(len(text), end + margin)
    shown = " ".join(text[low:high].split())
    return f'"{"..." if low else ""}{shown}{"..." if high < len(text) else ""}"'


def _relettering_holds(
    text: str, shape: Shape, spans: list[tuple[int, int, str]], named: list[Reading]
) -> bool:
    """Re-letter for reversed options and read again: every answer named must move with its option."""
    labels = [label for label, _ in shape.options]
    mapping = dict(zip(labels, reversed(labels), strict=True))
    texts = dict(shape.options)
    reversed_shape = replace(
        shape, options=tuple((mapping[label], texts[label]) for label in labels)
    )
    before = sorted((r.kind, mapping.get(r.value, r.value)) for r in named)
    after = sorted(
        (r.kind, r.value)
        for r in read(reletter(text, spans, mapping), reversed_shape)
        if r.kind in ("answer", "not-answer")
    )
    return before == after


def reletter(text: str, spans: list[tuple[int, int, str]], mapping: dict[str, str]) -> str:
    """The text with each option letter replaced by its new letter, in the same case."""
    out, last = [], 0
    for start, end, letter in spans:
        new = mapping.get(letter.upper(), letter.upper())
        out.append(text[last:start])
        out.append(new if letter.isupper() else new.lower())
        last = end
    out.append(text[last:])
    return "".join(out)
