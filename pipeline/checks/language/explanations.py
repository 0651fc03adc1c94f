"""Read the verdicts an explanation states: per statement or pair, Statement-II's explaining,
counts ("only two statements are correct"), and the option it names as the answer.

Sentences are read, not keyword runs:
- the subject of a verdict must be the statement itself: "this option, which includes
  statements 2 and 3, is incorrect" judges an option; "Option 3 claims both statements are
  correct" reports a claim, and so does a hypothesis ("if statement 3 were correct") or a
  question ("Is statement 2 correct?");
- negation and scope: "neither statement 1 nor statement 2 is correct", "only the first
  statement is correct" (the others are not), "none of the pairs is correctly matched",
  "statement 1 is correct but statement 2 is not", "and so is statement 3";
- verdicts that refer back: "**Statement 3:** ... This statement is incorrect",
  "3. ... Hence, it is correct", "Pair 1: ... - correctly matched";
- answers named by letter, by number ("option 3"), by code text ("1 and 2 only") or, for
  single-answer questions, by the option's text (naming.py).

Each reading is `sure` or not. A hedge ("partly correct", "not entirely correct") makes a
verdict unsure and, in exam terms, not correct. A rule may call an unsure reading an error
never: it is at most a warning that quotes what was read.
"""

from __future__ import annotations

import re
import unicodedata

from . import patterns as p
from .answer_text import text_readings
from .naming import answer_readings
from .numbers import number
from .opening import opening
from .reading import Reading, Shape
from .scope import items
from .sentences import Segment, fold, segments
from .verdicts import Context, Sentence, is_positive

__all__ = ["Reading", "Shape", "read"]

#: Explanations longer than this are read only this far (the field limit is 10,000).
MAX_EXPLANATION = 20_000


def read(text: str, shape: Shape) -> list[Reading]:
    """Everything the explanation states about the question, in text order."""
    text = unicodedata.normalize("NFC", text[:MAX_EXPLANATION])  # one spelling of each letter
    folded = fold(text)
    found: list[Reading] = []
    context = Context()
    sentences = segments(folded)
    for segment in sentences:
        context.topic = _next_topic(segment, shape, context.topic)
        if segment.question or not any(word in segment.text for word in p.VERDICT_WORDS):
            _remember(segment, shape, context)
            context.spoke = False
            continue
        simple = _simple(segment, shape)
        readings = simple or list(Sentence(segment, shape, context).readings())
        found.extend(readings)
        explicit = {r.item for r in readings if r.kind == "item" and r.sure and r.item}
        if len(explicit) == 1 and context.topic is None:
            context.topic = (explicit.pop(), True)
        if simple:  # one item named, one verdict word: nothing else to remember
            context.last_item, context.last_positive = simple[0].item, simple[0].value
        else:
            _remember(segment, shape, context)
        context.spoke = any(r.kind == "item" and r.sure for r in readings)
    found.extend(answer_readings(sentences, text, shape))
    found.extend(text_readings(sentences, text, shape))
    first = opening(text, shape.options) if "(" in text or ")" in text else None
    if first is not None:  # "(c) Common: ..." opens the explanation
        label, start, end = first
        found.append(Reading("answer", None, label, True, start, end, text[start:end].strip()))
    return sorted(found, key=lambda r: (r.start, r.kind))


_REMEMBER_WORDS = (
    "statement",
    "pair",
    "s1",
    "s2",
    "s3",
    "s4",
    "correct",
    "true",
    "right",
    "wrong",
    "false",
    "valid",
    "mismatch",
)


def _simple(segment: Segment, shape: Shape) -> list[Reading] | None:
    """The reading of a plain "Statement 2 is correct: <facts>" sentence, or None."""
    text = segment.text
    m = p.SIMPLE.match(text) if text[:12].lstrip(" -(").startswith(("statement", "pair")) else None
    if m is None:
        return None
    rest = text[m.end() :]
    if any(word in rest for word in p.CUE_WORDS) or p.CUE.search(rest) is not None:
        return None
    item = number(m.group("n"))
    value = (not m.group("verdict").startswith(("in", "false", "wrong"))) != bool(m.group("not"))
    start = segment.start + m.start()
    return [Reading("item", item, value, True, start, segment.start + m.end(), m.group().strip())]


def _remember(segment: Segment, shape: Shape, context: Context) -> None:
    text = segment.text
    if not any(word in text for word in _REMEMBER_WORDS):
        context.last_item, context.last_positive = None, None
        return
    mentioned = {i for m in p.MENTION.finditer(segment.text) for i in items(m.group(), shape)}
    context.last_item = next(iter(mentioned)) if len(mentioned) == 1 else None
    words = p.VERDICT_WORD.findall(segment.text)
    context.last_positive = is_positive(words[-1]) if words else None


#: What MENTION needs to find anything (a cheap test first).
_NAMES_ITEM = re.compile(r"statement|pair|row|s\d")


def _next_topic(
    segment: Segment, shape: Shape, topic: tuple[int, bool] | None
) -> tuple[int, bool] | None:
    """The item a sentence's "this statement" refers to: set by headings, kept until another."""
    text = segment.text
    if p.OPTION_HEADING.match(text):
        return None
    heading = p.HEADING.match(text)
    if heading:
        found = items(heading.group("ref"), shape)
        return (found[0], True) if len(found) == 1 else None
    numbered = p.NUMBERED.match(text)
    if numbered and not re.match(r"^[\s\-]*\(?\d+\s*[.)]\s+\d", text):
        try:
            value = number(numbered.group("n"))
        except ValueError:
            value = 0
        if 1 <= value <= shape.items:
            return (value, False)
    if topic is not None and _NAMES_ITEM.search(text):
        plain = p.EXPLAINED.sub(" ", text)  # "the explanation for Statement-I" changes no topic
        mentioned = {i for m in p.MENTION.finditer(plain) for i in items(m.group(), shape)}
        if mentioned and mentioned != {topic[0]}:
            return None
    return topic
