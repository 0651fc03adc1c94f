"""Read the verdicts an explanation states: per statement or pair, Statement-II's explaining,
counts ("only two statements are correct"), and the option it names as the answer.

Sentences are read, not keyword runs:
- the subject of a verdict must be the statement itself: "this option, which includes
  statements 2 and 3, is incorrect" judges an option; "Option 3 claims both statements are
  correct" reports a claim, and so does a hypothesis ("if statement 3 were correct") or a
  question ("Is statement 2 correct?");
- negation and scope: "neither statement 1 nor statement 2 is correct", "only the first
  statement is correct" (the others are not), "none of the pairs is correctly matched";
- verdicts that refer back: "**Statement 3:** ... This statement is incorrect",
  "3. ... Hence, it is correct";
- answers named by letter, by number ("option 3"), by code text ("1 and 2 only") or, for
  single-answer questions, by the option's text.

Each reading is `sure` or not. A rule may call an unsure reading an error never: it is a
warning that quotes what was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .naming import answer_readings
from .numbers import NUMBER, ORDINAL, number
from .sentences import Segment, fold, segments

#: Explanations longer than this are read only this far (the field limit is 10,000).
MAX_EXPLANATION = 20_000


@dataclass(frozen=True)
class Shape:
    """What the reader needs to know of a question."""

    format: str
    items: int  # number of statements or pairs
    options: tuple[tuple[str, str], ...] = ()  # (label, text)
    lefts: tuple[str, ...] = ()  # left-hand sides of pairs


@dataclass(frozen=True)
class Reading:
    """One thing the explanation says.

    kind: "item" (value: is the item correct), "explains" (item 2 or 3 explains Statement-I:
    value bool), "count" (value: (number, polarity)), "answer" (value: an option letter),
    "not-answer" (value: an option letter the explanation rules out).
    """

    kind: str
    item: int | None
    value: Any
    sure: bool
    start: int
    end: int
    quote: str = field(compare=False, default="")


# --- building blocks (on folded, lower-case text) ---------------------------------------------

_NUM = rf"\(?{NUMBER}\)?(?![\w-])"
_WORD = r"(?:statements?|pairs?|stmts?\.?|st\.|s(?=\d))\s*(?:no\.?\s*|number\s*)?-?\s*"
_SEP = r"(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s*&\s*|\s+as\s+well\s+as\s+)"
_REFS = rf"(?:the\s+)?{_WORD}{_NUM}(?:{_SEP}(?:{_WORD})?{_NUM})*"
_ORDINALS = (
    rf"(?:the\s+)?(?:{ORDINAL}|last)(?:{_SEP}(?:the\s+)?(?:{ORDINAL}|last))*\s+(?:statements?|pairs?|one)"
)
_COPULA = r"(?:is|are|was|were|stands?|remains?|seems?\s+to\s+be|appears?\s+to\s+be)"
_ADVERBS = (
    r"(?:\s+(?:also|too|therefore|thus|hence|clearly|definitely|indeed|factually|actually|absolutely|"
    r"entirely|completely|wholly|so|then|again|both|likewise|similarly|equally|certainly|evidently|"
    r"obviously|plainly|simply|quite|totally|fully|rightly|still|now|itself|themselves))*"
)
_POS = (
    r"(?:(?:correctly|rightly|properly|accurately)\s+(?:matched|paired|stated|framed|described|mentioned|given)"
    r"|matched\s+(?:correctly|rightly|properly)|a\s+correct\s+(?:match|statement|pair)|the\s+correct\s+(?:one|statement|pair)s?"
    r"|correct|true|right|accurate|valid)"
)
_NEG = (
    r"(?:(?:incorrectly|wrongly|improperly|inaccurately|falsely)\s+(?:matched|paired|stated|framed|described|mentioned|given)"
    r"|matched\s+(?:incorrectly|wrongly)|mismatched|not\s+matched|a\s+mismatch|a\s+wrong\s+(?:match|statement|pair)"
    r"|the\s+(?:incorrect|wrong)\s+(?:one|statement|pair)s?|incorrect|wrong|false|untrue|inaccurate|invalid|erroneous)"
)
_VERDICT = rf"(?:(?P<pos>{_POS})|(?P<neg>{_NEG}))(?![\w-])(?!\s+(?:explanation|reason|answer|option|choice|code|to\s+say|that)\b)"
_NOT = r"(?P<not>\s+not|n't|\s+never)?"
_HEDGE = re.compile(
    r"\b(?:partially|partly|half|mostly|largely|somewhat|arguably|debatabl[ey]|questionabl[ey]|"
    r"not\s+(?:entirely|fully|completely|wholly|exactly|strictly)|only\s+(?:partly|partially|in\s+part)|"
    r"in\s+part|to\s+(?:some|an)\s+extent|depends|disputed|contested|only\s+if|unless|if\s+)\b"
)
#: Words that make what follows in the clause someone's claim, a hypothesis or a question.
_ATTRIBUTION = re.compile(
    r"\b(?:claims?|claiming|claimed|suggests?|suggesting|suggested|impl(?:y|ies|ying|ied)|says?|saying|"
    r"assum(?:e|es|ing|ed)|asserts?|asserting|presum(?:e|es|ing|ed)|believ(?:e|es|ing|ed)|thinks?|"
    r"thinking|thought|argu(?:e|es|ing|ed)|contends?|treats?|treating|treated|marks?|marking|"
    r"takes?|taking|mistak(?:e|es|en|enly)|wrongly|falsely|erroneously|misconceptions?|misread|"
    r"confus(?:e|es|ed|ing)|feels?|felt|expects?|expected|if|unless|whether|suppos(?:e|ing)|"
    r"would|could|might|should|asks?|asked|check(?:ing)?|verify(?:ing)?|determine|doubts?|"
    r"tempt(?:ed|ing)?|traps?|perceived?|misconceived|options?\s+\(?[a-d1-4]\)?\s+(?:says|states))\b"
)
#: Clause openers after which an earlier attribution no longer applies.
_CLAUSE = re.compile(
    r"[;:]|\bbut\b|\bwhereas\b|\bwhile\b|\bhowever\b|\bhence\b|\bthus\b|\btherefore\b|\bso\b|"
    r"\bbecause\b|\bsince\b|\bwhich\s+means\b|\bmeaning\b|\bin\s+fact\b|\bactually\b|\bindeed\b"
)
#: A reference right after one of these is an object, not the subject of the verdict.
_OBJECT = re.compile(
    r"(?:includ(?:e|es|ing)|contain(?:s|ing)?|with|without|having|has|have|excluding|except|naming|"
    r"names|lists?|listing|mentions?|mentioning|choose|chooses|choosing|select(?:s|ing)?|picks?|"
    r"picking|eliminat(?:e|es|ing)|rul(?:e|es|ing)\s+out|combin(?:e|es|ing)|along\s+with|plus|"
    r"of|in|from|between|about|on|to|for|than|like|unlike|by|whether|if|that|option|options|"
    r"not\s+just|besides)\s+(?:(?:only|both|the|all|just|either)\s+)*$"
)

_DIRECT = re.compile(
    rf"(?P<only>\bonly\s+)?(?P<ref>{_REFS}|{_ORDINALS})(?P<alone>\s+alone|\s+only)?"
    r"(?P<paren>\s*\([^()]{0,160}\))?"
    r"(?:\s*,\s*(?:however|therefore|thus|hence|too|also|though|in\s+fact|on\s+the\s+other\s+hand|as\s+well)\s*,)?"
    rf"\s+(?:{_COPULA}{_ADVERBS}{_NOT}|(?P<nt>isn't|aren't|wasn't|weren't)){_ADVERBS}\s+{_VERDICT}"
)
_HEADED = re.compile(
    rf"^[\s\-(\[]*(?P<ref>{_REFS})\s*(?:[:\-)]|\(|is\s*:)?\s*(?P<not>not\s+(?:always\s+|necessarily\s+)?)?{_VERDICT}"
    r"\)?\s*(?:[.:;,)\-!]|$|\s+(?:as|because|since|and|but|-))"
)
_MAKES = re.compile(
    rf"\b(?:mak(?:e|es|ing)|made|render(?:s|ing|ed)?|leav(?:e|es|ing)|left|prov(?:e|es|ing|ed))\s+"
    rf"(?P<ref>{_REFS}|{_ORDINALS})\s+(?:as\s+)?(?P<not>not\s+)?{_VERDICT}"
)
_HOLDS = re.compile(
    rf"(?P<ref>{_REFS}|{_ORDINALS})\s+(?:also\s+|thus\s+|therefore\s+|hence\s+)?"
    r"(?P<not>does\s+not\s+|doesn't\s+|do\s+not\s+|don't\s+)?holds?\s+(?:true|good)\b"
)
_MATCHES = re.compile(
    rf"(?P<ref>{_REFS}|{_ORDINALS}|(?:this|that|the)\s+pair)\s+(?:is\s+|are\s+)?(?P<not>not\s+)?"
    r"(?P<how>correctly|rightly|properly|incorrectly|wrongly)\s+match(?:es|ed)?\b"
)
_NEITHER = re.compile(
    rf"\bneither\s+(?:(?P<a>{_REFS}|{_NUM})\s+nor\s+(?P<b>{_REFS}|{_NUM})|of\s+the\s+(?:two\s+)?(?:statements|pairs)"
    r"|(?:the\s+)?(?:statement|pair)s?)(?:\s+given\s+above)?\s+(?:is|are)\s+"
    rf"{_VERDICT}"
)
_GROUP = re.compile(
    r"\b(?P<q>both|all|none|each)(?:\s+of)?(?:\s+the)?(?:\s+(?P<n>two|three|four|five|six|\d))?"
    r"(?:\s+(?:given|above))?\s+(?:statements|pairs)(?:\s+given\s+above|\s+above)?"
    rf"\s+(?:{_COPULA}){_ADVERBS}{_NOT}{_ADVERBS}\s+{_VERDICT}"
)
_COUNT = re.compile(
    r"\b(?P<only>only\s+|exactly\s+|just\s+)?(?P<n>one|two|three|four|five|six|[1-9])\s+(?:of\s+the\s+)?"
    r"(?:(?:given|above)\s+)?(?:statements?|pairs?)(?:\s+given\s+above|\s+above)?"
    rf"\s+(?:{_COPULA}){_NOT}\s+{_VERDICT}"
)
_BARE = re.compile(
    rf"(?:^|\b(?:and|but|while|whereas|hence|so|thus|therefore|only|both)\s+)(?P<only>only\s+)?"
    rf"(?P<ref>\(?[1-9]\)?(?:{_SEP}\(?[1-9]\)?)*)\s+(?:is|are){_ADVERBS}{_NOT}\s+{_VERDICT}"
)
_HEADING = re.compile(
    rf"^[\s\-(\[]*(?:(?:regarding|about|as\s+for|as\s+regards|coming\s+to|turning\s+to|now\s+for|"
    rf"in\s+case\s+of|with\s+(?:regard|respect|reference)\s+to|for|on|in|consider(?:ing)?)\s+)?"
    rf"(?P<ref>{_WORD}{_NUM}|{_ORDINALS})\s*(?:[:\-)]|\(|\.(?!\d)|,|\s+(?:says|states|talks|mentions|claims|"
    r"refers|deals|is\s+about|asserts|describes|speaks|notes|reads|concerns|relates))"
)
_NUMBERED = re.compile(rf"^[\s\-]*\(?(?P<n>[1-9]|{NUMBER})\s*[.)]\s+\S")
_OPTION_HEADING = re.compile(r"^[\s\-]*(?:option|choice)s?\s*\(?[a-d1-4]\)?|^[\s\-]*\([a-d]\)\s")
_MARKER = r"^[\s\-(]*(?:\(?(?:\d{1,2}|[ivx]{1,4})[.)]\s+)?"
_BACK = re.compile(
    _MARKER
    + r"(?:(?:hence|so|thus|therefore|accordingly|consequently|clearly|as\s+such|as\s+a\s+result|"
    r"in\s+short|overall|and|but)\s*,?\s+)?"
    r"(?P<subj>(?:this|the|that|the\s+given|the\s+above|such\s+a)\s+(?:statement|pair|match|matching|claim|"
    r"assertion|pairing)|it|this|that)"
    rf"\s+(?:{_COPULA}){_ADVERBS}{_NOT}{_ADVERBS}\s+{_VERDICT}(?!\s+(?:to|that|for)\b)"
)
_BACK_MATCH = re.compile(
    _MARKER
    + r"(?:(?:hence|so|thus|therefore)\s*,?\s+)?(?:this|the|that)\s+pair\s+(?:is\s+)?(?P<not>not\s+)?"
    r"(?P<how>correctly|rightly|properly|incorrectly|wrongly)\s+match"
)
_LONE = re.compile(
    _MARKER
    + rf"(?:(?:hence|so|thus|therefore)\s*,?\s+)?(?P<not>not\s+)?{_VERDICT}\s*[).!;:,]*$"
)
_EXPLAINS = re.compile(
    rf"(?P<ref>(?:statement|s)\s*-?\s*(?P<n>ii|iii|2|3)|it|this|which)\s+(?:{_COPULA}){_ADVERBS}\s+"
    r"(?P<not>not\s+|n't\s+)?(?:the|a|an)\s+(?:correct\s+|right\s+|proper\s+|valid\s+|appropriate\s+)?"
    r"(?:explanation|reason)\s+(?:for|of|behind)\s+(?:statement|s)\s*-?\s*(?:i|1)(?![\w])"
    rf"|(?P<ref2>(?:statement|s)\s*-?\s*(?P<n2>ii|iii|2|3)|it|which)\s+(?:also\s+)?(?:correctly\s+|rightly\s+)?"
    r"(?P<verb>explains|does\s+not\s+(?:correctly\s+)?explain|doesn't\s+(?:correctly\s+)?explain|"
    r"fails\s+to\s+explain|cannot\s+explain|can\s+not\s+explain|do\s+not\s+explain)\s+(?:statement|s)\s*-?\s*(?:i|1)(?![\w])"
)
#: Words at least one of which a sentence holds if it states any verdict at all.
_VERDICT_WORDS = (
    "correct",
    "true",
    "right",
    "wrong",
    "false",
    "match",
    "accurate",
    "valid",
    "explain",
    "reason",
    "answer",
    "option",
    "ans",
    "hold",
)


def read(text: str, shape: Shape) -> list[Reading]:
    """Everything the explanation states about the question, in text order."""
    text = text[:MAX_EXPLANATION]
    folded = fold(text)
    found: list[Reading] = []
    topic: tuple[int, bool] | None = None  # (item, sure) a refer-back verdict would judge
    sentences = segments(folded)
    for segment in sentences:
        topic = _next_topic(segment, shape, topic)
        if segment.question or not any(word in segment.text for word in _VERDICT_WORDS):
            continue
        readings = list(_segment_readings(segment, shape, topic))
        found.extend(readings)
        explicit = {r.item for r in readings if r.kind == "item" and not r.quote.startswith("(")}
        if len(explicit) == 1 and topic is None:
            topic = (next(iter(explicit)), True)  # type: ignore[arg-type]
    found.extend(answer_readings(sentences, text, shape))
    return sorted(found, key=lambda r: (r.start, r.kind))


def _next_topic(
    segment: Segment, shape: Shape, topic: tuple[int, bool] | None
) -> tuple[int, bool] | None:
    """The item a sentence's "this statement" refers to: set by headings, kept until another."""
    text = segment.text
    if _OPTION_HEADING.match(text):
        return None
    heading = _HEADING.match(text)
    if heading:
        items = _items(heading.group("ref"), shape)
        return (items[0], True) if len(items) == 1 else None
    numbered = _NUMBERED.match(text)
    if numbered and not re.match(r"^[\s\-]*\(?\d+\s*[.)]\s+\d", text):
        try:
            value = number(numbered.group("n"))
        except ValueError:
            value = 0
        if 1 <= value <= shape.items:
            return (value, False)
    if topic is not None and re.search(rf"{_WORD}{_NUM}", text):
        mentioned = {i for m in re.finditer(_REFS, text) for i in _items(m.group(), shape)}
        if mentioned and mentioned != {topic[0]}:
            return None
    return topic


def _segment_readings(
    segment: Segment, shape: Shape, topic: tuple[int, bool] | None
) -> Iterator[Reading]:
    text = segment.text
    base = segment.start
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def emit(kind: str, item: int | None, value: Any, sure: bool, m: re.Match[str]) -> Reading:
        taken.append((m.start(), m.end()))
        return Reading(kind, item, value, sure, base + m.start(), base + m.end(), m.group().strip())

    for m in _EXPLAINS.finditer(text):
        if _attributed(text, m.start()):
            continue
        ref = m.group("ref") or m.group("ref2")
        n = m.group("n") or m.group("n2")
        item = number(n) if n else (topic[0] if topic else 2)
        negative = bool(m.group("not")) or bool(m.group("verb") and not m.group("verb").startswith("explains"))
        sure = bool(n) or (topic is not None and topic[1])
        if ref in ("which",):
            sure = False
        yield emit("explains", item, not negative, sure, m)

    for m in _NEITHER.finditer(text):
        if _attributed(text, m.start()):
            continue
        if m.group("a"):
            items = _items(m.group("a"), shape, bare=True) + _items(m.group("b"), shape, bare=True)
        else:
            items = list(range(1, shape.items + 1)) if shape.items == 2 else []
        value = not _positive(m)  # neither ... is correct -> each is not correct
        for item in items:
            yield emit("item", item, value, True, m)

    for m in _GROUP.finditer(text):
        if not free(m.start(), m.end()) or _attributed(text, m.start()):
            continue
        quantity = m.group("q")
        size = m.group("n")
        if quantity == "both" and shape.items != 2 and size is None:
            continue
        if size is not None and number(size) != shape.items:
            continue
        value = _positive(m) != bool(m.group("not"))
        if quantity == "none":
            value = not value
        sure = not _hedged(text, m.end())
        for item in range(1, shape.items + 1):
            yield emit("item", item, value, sure, m)

    for m in _COUNT.finditer(text):
        if not free(m.start(), m.end()) or _attributed(text, m.start()):
            continue
        if re.search(rf"{_WORD}$", text[: m.start()]):
            continue  # "statements 1 and two statements": not a count
        polarity = _positive(m) != bool(m.group("not"))
        sure = bool(m.group("only")) or not re.match(r"\s*(one|1)\s+of", text[m.start() :])
        yield emit("count", None, (number(m.group("n")), polarity), sure and not _hedged(text, m.end()), m)

    for pattern in (_DIRECT, _MAKES, _HOLDS, _MATCHES, _HEADED):
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            if pattern is not _HEADED and (
                _attributed(text, m.start()) or _OBJECT.search(text[: m.start("ref")])
            ):
                continue
            items = _items(m.group("ref"), shape)
            if not items:
                continue
            if pattern is _HOLDS or pattern is _MATCHES:
                value = not m.group("not") if pattern is _HOLDS else _match_value(m)
            else:
                value = _positive(m) != bool(m.group("not") or m.groupdict().get("nt"))
            sure = not _hedged(text, m.end()) and not _soft_not(m)
            only = pattern is _DIRECT and (m.group("only") or m.group("alone"))
            if only and m.group("alone") and m.group("alone").strip() == "only" and len(items) > 1:
                only = None  # "1 and 2 only are correct" is rare; read it without the scope
            for item in items:
                yield emit("item", item, value, sure, m)
            if only:
                for item in range(1, shape.items + 1):
                    if item not in items:
                        yield emit("item", item, not value, sure, m)

    for m in _BARE.finditer(text):
        if not free(m.start(), m.end()) or _attributed(text, m.start()):
            continue
        if not re.search(r"statement|pair|\bs\d", text) and m.start() > 0:
            continue
        items = _items(m.group("ref"), shape, bare=True)
        if not items or max(items) > shape.items:
            continue
        value = _positive(m) != bool(m.group("not"))
        for item in items:
            yield emit("item", item, value, not _hedged(text, m.end()), m)
        if m.group("only"):
            for item in range(1, shape.items + 1):
                if item not in items:
                    yield emit("item", item, not value, True, m)

    if topic is not None:
        yield from _refer_back(segment, topic, free, emit)


def _refer_back(segment: Segment, topic: tuple[int, bool], free: Any, emit: Any) -> Iterator[Reading]:
    text = segment.text
    item, sure_topic = topic
    for pattern in (_BACK, _BACK_MATCH, _LONE):
        m = pattern.match(text)
        if m is None or not free(m.start(), m.end()):
            continue
        if pattern is _BACK_MATCH:
            value = _match_value(m)
        else:
            value = _positive(m) != bool(m.group("not"))
        explicit = pattern is _BACK_MATCH or (
            pattern is _BACK and m.group("subj").split()[-1] in ("statement", "pair")
        )
        sure = (sure_topic or explicit) and not _hedged(text, m.end())
        yield emit("item", item, value, sure, m)
        return


def _positive(m: re.Match[str]) -> bool:
    return m.groupdict().get("pos") is not None


def _match_value(m: re.Match[str]) -> bool:
    good = m.group("how") in ("correctly", "rightly", "properly")
    return good != bool(m.group("not"))


def _soft_not(m: re.Match[str]) -> bool:
    negation = m.groupdict().get("not") or ""
    return "necessarily" in negation


def _hedged(text: str, end: int) -> bool:
    """A hedge in the rest of the clause ("is correct only in part") makes a reading unsure."""
    rest = text[end : end + 80]
    cut = re.search(r"[.;:]|\bbut\b|statement|pair", rest)
    if cut:
        rest = rest[: cut.start()]
    return bool(_HEDGE.search(rest))


def _attributed(text: str, start: int) -> bool:
    """Whether the words before `start` in its clause make it a claim, hypothesis or quote."""
    before = text[max(0, start - 200) : start]
    clauses = list(_CLAUSE.finditer(before))
    if clauses:
        before = before[clauses[-1].end() :]
    if before.count('"') % 2 == 1:
        return True  # inside a quotation
    return bool(_ATTRIBUTION.search(before))


def _items(ref: str, shape: Shape, *, bare: bool = False) -> list[int]:
    """Item numbers a reference names; ordinals ("the first and third statements") too."""
    found: list[int] = []
    for token in re.findall(rf"{ORDINAL}|last|\d{{1,2}}|\b{NUMBER}\b", ref):
        if token == "last":
            found.append(shape.items)
            continue
        if bare and not token.isdigit():
            continue
        try:
            found.append(number(token))
        except ValueError:
            continue
    return sorted(set(found))
