"""The verdicts one sentence of an explanation states (explanations.py reads the whole)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import assertion
from . import patterns as p
from .numbers import number
from .reading import Reading, Shape
from .scope import attributed, hedged, items, left_index, match_value, pair_lefts, positive
from .sentences import Segment, fold

_AR_WORDS = re.compile(r"assertion|reason|\([ar]\)|(?<![\w'])[ar]\s")
#: Words before "1 is correct" that leave a bare number the sentence's subject ("Hence, 1 is").
_CONNECTIVE = re.compile(r"[\s\-(]*(?:(?:hence|so|thus|therefore|and|but|here|clearly)\s*,?\s*)?")
#: "2. Incorrect." or "(3) Correct -": a list item that opens with its verdict.
NUMBERED_VERDICT = re.compile(rf"^[\s\-]*\(?[1-9][.)]\s+(?:not\s+)?{p.VERDICT}\s*(?:[.:\-]|$)")


@dataclass
class Context:
    """What a sentence's pronouns and ellipses can refer to."""

    topic: tuple[int, bool] | None = None  # (item, sure) set by a heading or a lone verdict
    last_item: int | None = None  # the last single item the previous sentence named
    last_positive: bool | None = None  # polarity of the previous sentence's verdict word
    spoke: bool = False  # the previous sentence gave verdicts on items ("the third is ...")


def is_positive(word: str) -> bool:
    return not word.startswith(("in", "un", "wrong", "false", "mis", "err"))


class Sentence:
    """The readings of one sentence; matches never overlap."""

    def __init__(self, segment: Segment, shape: Shape, context: Context) -> None:
        self.segment = segment
        self.text = segment.text
        self.shape = shape
        self.context = context
        self.taken: list[tuple[int, int]] = []
        self.polarity: bool | None = None  # of this sentence's latest verdict
        self.covered: set[int] = set()
        self.starts: list[int] | None = None

    def find(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches of a pattern, tried only if the sentence holds one of its keywords.

        Patterns that begin with a subject are tried only where a subject can start.
        """
        keywords = p.KEYWORDS_BY_ID.get(id(pattern))
        if keywords is not None and keywords.search(self.text) is None:
            return iter(())
        if id(pattern) in p.ANCHORED:
            return self._anchored(pattern)
        return pattern.finditer(self.text)

    def _anchored(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        if self.starts is None:
            self.starts = [m.start() for m in p.SUBJECT_START.finditer(self.text)]
        end = -1
        for start in self.starts:
            if start < end:
                continue
            m = pattern.match(self.text, start)
            if m is not None:
                end = m.end()
                yield m

    def free(self, m: re.Match[str]) -> bool:
        return all(m.end() <= s or m.start() >= e for s, e in self.taken)

    def emit(
        self, kind: str, item: int | None, value: Any, sure: bool, m: re.Match[str]
    ) -> Reading:
        self.taken.append((m.start(), m.end()))
        if kind == "item" and item is not None:
            self.covered.add(item)
        base = self.segment.start
        return Reading(kind, item, value, sure, base + m.start(), base + m.end(), m.group().strip())

    def subject_ok(self, m: re.Match[str], group: str = "ref") -> bool:
        """The reference is the clause's subject, not someone's claim or an object."""
        start = m.start(group) if m.group(group) else m.start()
        return not attributed(self.text, m.start()) and not p.OBJECT.search(
            self.text[max(0, start - 40) : start]
        )

    def readings(self) -> Iterator[Reading]:
        yield from self._assertion()
        yield from self._both_explain()
        yield from self._explains()
        yield from self._groups()
        yield from self._direct()
        yield from self._relative()
        if self.context.topic is not None or self.context.last_item is not None:
            yield from self._refer_back()

    def _assertion(self) -> Iterator[Reading]:
        """Assertion (A) / Reason (R) verdicts, in a statement-reason question only."""
        if self.shape.format != "statement-reason" or not _AR_WORDS.search(self.text):
            return
        for kind, item, value, m in assertion.verdicts(self.text):
            if not self.free(m) and not any(s == m.start() for s, _ in self.taken):
                continue
            before = self.text[: m.start()]
            if attributed(self.text, m.start()) or before.count("(") > before.count(")"):
                continue  # "all other combinations (A and R are true, ...) are incorrect"
            sure = not hedged(self.text, m.end())
            yield self.emit(kind, item, value and sure if kind == "item" else value, sure, m)

    def _explains(self) -> Iterator[Reading]:
        for m in self.find(p.EXPLAINS):
            if attributed(self.text, m.start()):
                continue
            n = m.group("n") or m.group("n2")
            if n:
                item, sure = number(n), True
            else:
                referred, sure = self._pronoun(m.start())
                item = referred or 2
            negative = bool(m.group("not")) or bool(
                m.group("verb") and not m.group("verb").startswith("explains")
            )
            yield self.emit("explains", item, not negative, sure, m)

    def _both_explain(self) -> Iterator[Reading]:
        if self.shape.items != 3:
            return
        for m in self.find(p.BOTH_EXPLAIN):
            if self.free(m) and not attributed(self.text, m.start()):
                for item in (2, 3):
                    yield self.emit("explains", item, m.group("q") == "both", True, m)

    def _pronoun(self, before: int) -> tuple[int | None, bool]:
        """What "it" or "this" refers to: the last item named earlier in the sentence, or the topic."""
        named = [
            i for m in p.MENTION.finditer(self.text[:before]) for i in items(m.group(), self.shape)
        ]
        if named:
            return named[-1], True
        if self.context.topic:
            return self.context.topic
        return self.context.last_item, False

    def _groups(self) -> Iterator[Reading]:
        shape = self.shape
        for m in self.find(p.NEITHER):
            if attributed(self.text, m.start()):
                continue
            if m.group("a"):
                worded = bool(re.match(p.WORD, m.group("a")))
                named = items(m.group("a"), shape, bare=True, roman=worded) + items(
                    m.group("b"), shape, bare=True, roman=worded
                )
            else:
                named = list(range(1, shape.items + 1)) if shape.items == 2 else []
            if not named:
                self.taken.append((m.start(), m.end()))  # no verdict, and none inside it either
            value = False if m.group("how") else not positive(m)
            for item in named:
                yield self.emit("item", item, value, True, m)
        for m in self.find(p.GROUP):
            if not self.free(m) or attributed(self.text, m.start()):
                continue
            quantity, size = m.group("q"), m.group("n")
            if quantity == "both" and shape.items != 2 and size is None:
                continue
            if m.group("noun") and (size is None or shape.format == "single"):
                continue  # "all reasons are correct": a noun without a number of items
            if size is not None and number(size) != shape.items:
                continue
            value = positive(m) != bool(m.group("not"))
            if quantity == "none":
                value = not value
            sure = not hedged(self.text, m.end())
            for item in range(1, shape.items + 1):
                yield self.emit("item", item, value and sure, sure, m)
        for m in self.find(p.COUNT):
            if not self.free(m) or attributed(self.text, m.start()):
                continue
            if re.search(
                rf"(?:{p.WORD}|first\s+|last\s+|other\s+|remaining\s+|(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+)?"
                r"|\d\s*(?:,\s*|\s+and\s+|\s*&\s*))$",
                self.text[: m.start()],
            ):
                continue  # "the first two statements", "three out of these four", "2 and 3 pairs": no count
            polarity = positive(m) != bool(m.group("not"))
            sure = (
                bool(m.group("only")) or not re.match(r"(?:one|1)\s+of", m.group())
            ) and not hedged(self.text, m.end())
            yield self.emit("count", None, (number(m.group("n")), polarity), sure, m)
            listed = m.group("list") or m.group("after")
            if listed:
                named = items(listed, shape, bare=True, roman=bool(m.group("list")))
                if len(named) != number(m.group("n")) or max(named, default=0) > shape.items:
                    continue
                for item in range(1, shape.items + 1):
                    yield self.emit("item", item, polarity == (item in named), sure, m)

    def _direct(self) -> Iterator[Reading]:
        yield from self._inverted()
        for pattern in (
            p.DIRECT,
            p.MAKES,
            p.HOLDS,
            p.MATCHES,
            p.DESCRIBES,
            p.HEADED,
            p.WHY,
            p.SAYS_WHICH,
        ):
            for m in self.find(pattern):
                if not self.free(m) or (
                    pattern not in (p.HEADED, p.WHY) and not self.subject_ok(m)
                ):
                    continue
                named = items(m.group("ref"), self.shape)
                if not named:
                    continue
                if (
                    pattern is p.DIRECT
                    and m.group("cop") in ("was", "were")
                    and re.match(
                        r"\s*(?:until|till|before|earlier|previously|originally|in\s+\d)",
                        self.text[m.end() :],
                    )
                ):
                    continue  # "it was correct until 2020": history, not a verdict
                value, sure = self._value(m, pattern)
                only = pattern is p.DIRECT and (
                    m.group("only")
                    or m.group("alone")
                    or "only" in (m.group("pos") or m.group("neg") or "")
                )
                if (
                    only
                    and m.group("alone")
                    and m.group("alone").strip() == "only"
                    and len(named) > 1
                ):
                    only = False  # "1 and 2 only are correct": read without the scope
                for item in named:
                    yield self.emit("item", item, value, sure, m)
                self.polarity = value if sure else self.polarity
                if only:
                    for item in range(1, self.shape.items + 1):
                        if item not in named:
                            yield self.emit("item", item, not value, sure, m)

    def _inverted(self) -> Iterator[Reading]:
        """'The incorrect statement is statement 2', 'All statements except 2 are correct'."""
        shape = self.shape
        for m in self.find(p.THE_ONES):
            if not self.free(m) or attributed(self.text, m.start()):
                continue
            named = items(m.group("ref"), shape, bare=True, roman=True)
            if not named or max(named) > shape.items:
                continue
            value = m.group("which") in ("correct", "true", "right")
            for item in range(1, shape.items + 1):
                yield self.emit("item", item, value == (item in named), True, m)
        for m in self.find(p.EXCEPT):
            if not self.free(m) or attributed(self.text, m.start()):
                continue
            named = items(m.group("ref"), shape)
            value = positive(m) != bool(m.group("not"))
            for item in range(1, shape.items + 1):
                yield self.emit("item", item, value != (item in named), True, m)
        if (
            re.search(r"statement|pair", self.text)
            or shape.format != "single"
            or self.context.last_item
            or self.context.topic
            or self.context.spoke
        ):
            for m in self.find(p.ORDINAL_BARE):
                if self.free(m) and not attributed(self.text, m.start()):
                    named = items(m.group("ref"), shape)
                    value = positive(m) != bool(m.group("not"))
                    for item in named:
                        yield self.emit("item", item, value, True, m)
                    if m.group("only") and named:
                        for item in range(1, shape.items + 1):
                            if item not in named:
                                yield self.emit("item", item, not value, True, m)

    def _value(self, m: re.Match[str], pattern: re.Pattern[str]) -> tuple[bool, bool]:
        if pattern is p.HOLDS:
            return not m.group("not"), True
        if pattern is p.MATCHES or pattern is p.DESCRIBES:
            return match_value(m), True
        negated = bool(m.group("not") or m.groupdict().get("nt"))
        value = positive(m) != negated
        partial = negated and re.search(
            r"n[o']t\s+(?:entirely|fully|completely|wholly|exactly|strictly)\b", m.group()
        )
        if m.groupdict().get("hedge") or partial or hedged(self.text, m.end()):
            return False, False  # partly correct is not correct, and not certain either
        return value, True

    def _relative(self) -> Iterator[Reading]:
        """Verdicts that lean on another in the sentence: "so is", "the others", "is not"."""
        shape = self.shape
        for m in self.find(p.CLAIM):
            if not self.free(m) or attributed(self.text, m.start()):
                continue
            if m.group("ref") or m.group("in"):
                named, sure = items(m.group("ref") or m.group("in"), shape), True
            elif self.context.topic:
                named, sure = [self.context.topic[0]], self.context.topic[1]
            else:
                continue
            value = positive(m) != bool(m.group("not"))
            for item in named:
                yield self.emit("item", item, value, sure, m)
        for m in self.find(p.AS_IT_SAYS):
            if self.free(m) and not attributed(self.text, m.start()):
                for item in items(m.group("ref"), shape):
                    yield self.emit("item", item, positive(m) != bool(m.group("not")), True, m)
        for m in self.find(p.SO_IS):
            polarity = self.polarity
            if polarity is None and m.start() == 0 and self.context.spoke:
                # "Statement 1 is incorrect. So is statement 2."
                polarity = self.context.last_positive
            if self.free(m) and polarity is not None:
                for item in items(m.group("ref"), shape):
                    yield self.emit("item", item, polarity, True, m)
        for m in self.find(p.OTHERS):
            if not self.free(m) or not self.covered:
                continue
            value = positive(m) != bool(m.group("not"))
            for item in range(1, shape.items + 1):
                if item not in self.covered:
                    yield self.emit("item", item, value, True, m)
        for m in (*self.find(p.ELLIPSIS), *self.find(p.ELLIPSIS_PRONOUN)):
            if not self.free(m):
                continue
            ref = m.group("ref")
            earlier = p.VERDICT_WORD.findall(self.text[: m.start()])
            target: int | None
            if ref in ("it", "this", "that"):
                target, sure = self._pronoun(m.start())
                if target is None:
                    target, sure = self.context.last_item, False
            else:
                named = items(ref, shape)
                target, sure = (named[0] if len(named) == 1 else None), bool(earlier)
            if target is None:
                continue
            item = target
            polarity = is_positive(earlier[-1]) if earlier else self.context.last_positive
            if polarity is None:
                polarity, sure = True, False  # "X is not" alone: most likely "not correct"
            if ref in ("it", "this", "that") and not earlier:
                sure = (
                    sure
                    and self.context.last_item == item
                    and self.context.last_positive is not None
                )
            yield self.emit("item", item, not polarity, sure, m)
        for m in self.find(p.BARE):
            if not self.free(m) or attributed(self.text, m.start()) or shape.format == "single":
                continue
            lead = self.text[: m.start()]
            if (
                not re.search(r"statement|pair|\bs\d", self.text)
                and not _CONNECTIVE.fullmatch(lead)
                and not re.match(r"(?:hence|so|thus|therefore)\b", m.group().lstrip(" ,;:"))
            ):
                continue  # "..., so 2 is incorrect" reads; "in 2 is a way" does not
            named = items(m.group("ref"), shape, bare=True)
            if not named or max(named) > shape.items:
                continue
            value = positive(m) != bool(m.group("not"))
            for item in named:
                yield self.emit("item", item, value, not hedged(self.text, m.end()), m)
            if m.group("only"):
                for item in range(1, shape.items + 1):
                    if item not in named:
                        yield self.emit("item", item, not value, True, m)
        for m in pair_lefts(shape.lefts).finditer(self.text) if shape.lefts else ():
            if not self.free(m) or attributed(self.text, m.start()):
                continue
            if m.group("left"):
                yield self.emit("item", left_index(shape, m.group("left")), match_value(m), True, m)
                continue
            listed = {
                left_index(shape, fold(left))
                for left in shape.lefts
                if fold(left) in m.group("list")
            }
            value = match_value(m)
            for item in sorted(listed - {0}):
                yield self.emit("item", item, value, True, m)
                self.taken.pop()
            self.taken.append((m.start(), m.end()))

    def _refer_back(self) -> Iterator[Reading]:
        topic = self.context.topic
        for pattern in (p.BACK, p.BACK_MATCH, p.LONE):
            m = pattern.match(self.text)
            if m is None or not self.free(m):
                continue
            if (
                pattern is not p.LONE
                and m.groupdict().get("subj") in ("it", "this", "that")
                and topic is None
            ):
                item, sure = self.context.last_item, False
            elif topic is None:
                continue
            else:
                item, sure = topic
            if item is None:
                continue
            explicit = pattern is p.BACK_MATCH or (
                pattern is p.BACK and m.group("subj").split()[-1] in ("statement", "pair")
            )
            if pattern is p.BACK_MATCH:
                value = match_value(m)
            else:
                value = positive(m) != bool(m.group("not"))
            if pattern is p.LONE and NUMBERED_VERDICT.match(self.text):
                explicit = True  # "2. Incorrect. ..." in a list numbered like the statements
            sure = (
                (sure or explicit)
                and not hedged(self.text, m.end())
                and not m.groupdict().get("hedge")
            )
            if m.groupdict().get("hedge"):
                value = False
            yield self.emit("item", item, value, sure, m)
            return
        for m in self.find(p.BACK_INSIDE):
            if not self.free(m):
                continue
            item, sure = self._pronoun(m.start())
            if item is not None:
                value = positive(m) != bool(m.group("not"))
                yield self.emit("item", item, value, sure and not hedged(self.text, m.end()), m)
        if topic is not None and p.HEADING.match(self.text):
            for m in self.find(p.TRAIL):
                if self.free(m):
                    yield self.emit(
                        "item", topic[0], positive(m) != bool(m.group("not")), topic[1], m
                    )
                    return
