"""Option wordings: what a code, count or Statement-I/II(/III) option asserts.

Code options ("1 and 2 only", "Both I & II", "1, 2, and 3", "None") name sets of item
numbers; count options ("Only two", "All the four", "Only two States", "None of the
pairs") name numbers; Statement-I/II options (2023 form, the 2021 form with Arabic
numbers, the older Assertion/Reason form, and the 2024 three-statement form) assert which
statements are correct and which explains which. Every wording printed in real papers is
read; anything else raises `Unparsable`, whose message the caller quotes with the option.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from .numbers import COUNT_WORD, NUMBER, number

#: An option longer than this is prose, not a code (official codes are a few words).
MAX_OPTION = 300
ALL = -1  # "All of the above" in a code option: every item


class Unparsable(ValueError):
    """An option text that is not a code, count or Statement-I/II wording; str() says why."""


_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2019": "'", "\u2018": "'", "\u00a0": " "})
#: OCR confusions seen in real converted papers: worth naming in the message.
_OCR = {"l": "1", "o": "0", "|": "1", "ll": "11", "il": "II"}


def normalise(text: str) -> str:
    """Lower case, one kind of dash and space, '&' as 'and', no trailing full stop."""
    if len(text) > MAX_OPTION:
        raise Unparsable(f"it is {len(text)} characters long")
    t = unicodedata.normalize("NFC", text).translate(_DASHES).lower().replace("&", " and ")
    t = " ".join(t.split())
    return t.strip().rstrip(" .;:").strip("\"'")


_NONE = re.compile(
    r"none(?: (?:of (?:the|these|them|those)\b[a-z ,/()'-]{0,100}|is correct|are correct))?"
    r"|no (?:statement|pair|one)s?(?: [a-z ]{0,40})?"
    r"|neither of (?:them|the (?:two |above |given )?(?:statements|pairs|above))(?: [a-z ]{0,40})?"
    # "Hibernation cannot be observed in any of the above" (UPSC 2014): a sentence saying none
    r"|[a-z][a-z ,'-]{0,60}? (?:cannot|can not|is not|are not|does not|do not) [a-z ,'-]{0,60}?"
    r"\bany of (?:the above|these|them)(?: [a-z]+)?"
)
_ALL = re.compile(
    r"all(?: of)? (?:the above|these|them|the (?:statements|pairs)(?: given above)?)"
    r"(?: (?:is|are) (?:correct|correctly matched))?"
)
_ALL_N = re.compile(rf"all(?: the| of the)? (?P<n>{COUNT_WORD})(?: (?:statements|pairs))?")
_ITEM_WORD = re.compile(r"\b(?:statements?|pairs?|st\.|no\.)\s*-?\s*")
_SPLIT = re.compile(r"\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s+as well as\s+")
_TRAIL = re.compile(r",? (?:is|are) (?:correct|correctly matched)$")


def _numbers(part: str, original: str) -> frozenset[int]:
    tokens = [t for t in _SPLIT.split(part) if t]
    if not tokens:
        raise Unparsable("it names no statement or pair")
    found = set()
    for token in tokens:
        try:
            found.add(number(token))
        except ValueError:
            if token in _OCR:
                raise Unparsable(
                    f'"{token}" looks like a misread "{_OCR[token]}" (OCR); retype the option'
                ) from None
            raise Unparsable(f'"{token}" is not a statement or pair number') from None
    return frozenset(found)


@lru_cache(maxsize=4096)
def parse_code(text: str) -> frozenset[int]:
    """The set of item numbers a code option names: "2 and 3 only" -> {2, 3}; "None" -> {}."""
    t = normalise(text)
    if _NONE.fullmatch(t):
        return frozenset()
    if _ALL.fullmatch(t):
        return frozenset({ALL})
    m = _ALL_N.fullmatch(t)
    if m:
        return frozenset(range(1, number(m.group("n")) + 1))
    t = _TRAIL.sub("", t)
    t = re.sub(r"(\d)\s*\.\s*(?=only\b)", r"\1 ", t)  # "2. only", "1.only"
    t = re.sub(
        r" all(?: are correct)?$|^all (?=\d)", "", t
    )  # "All 1, 2 and 3", "1, 2 and 3 all are correct"
    t = _ITEM_WORD.sub("", t)
    m = re.fullmatch(r"neither (\S+) nor (\S+)", t)
    if m:
        _numbers(m.group(1), text), _numbers(m.group(2), text)
        return frozenset()
    t = re.sub(r"^(?:both|only|both the) ", "", t)
    t = re.sub(r"(?: only| both| alone)$", "", t)
    return _numbers(t, text)


_COUNT = re.compile(
    rf"(?:(?:only|exactly|just) )?(?P<n>{COUNT_WORD})(?: only)?(?P<rest>(?: [a-z()'-]+){{0,5}})"
)
_ALL_COUNT = re.compile(
    rf"all(?: the| of the| of these)? (?P<n>{COUNT_WORD})(?P<rest>(?: [a-z()'-]+){{0,4}})"
)


@lru_cache(maxsize=4096)
def parse_count(text: str) -> int:
    """The count a count option names: "Only two" -> 2, "All the four" -> 4, "None" -> 0.

    The noun after the number varies ("Only two States", "All four pairs"); "All of them"
    returns ALL (every item).
    """
    t = normalise(text)
    if _NONE.fullmatch(t):
        return 0
    if _ALL.fullmatch(t) or t in ("all", "all of them are correct"):
        return ALL
    for pattern in (_ALL_COUNT, _COUNT):
        m = pattern.fullmatch(t)
        if m and not re.search(r"\b(?:and|or|nor)\b", m.group("rest")):
            return number(m.group("n"))
    raise Unparsable('it is not a count such as "Only two" or "All three"')


# --- Statement-I / Statement-II (/ Statement-III) --------------------------------------------

_STATEMENT_PAIR = re.compile(
    rf"statements? ?-?\(?({NUMBER})\)? and (?:statement ?-?)?\(?({NUMBER})\)?"
)
_STATEMENT = re.compile(rf"(?:statement|st\.) ?-? ?\(?({NUMBER})\)?(?![a-z0-9])")


_QUOTED_LETTER = re.compile(r"""['"\u2018\u2019\u201c\u201d]([AR])['"\u2018\u2019\u201c\u201d]""")
#: "(A) and (R) both are true" (UPPSC's word order) as "both (A) and (R) are true".
_BOTH_AFTER = re.compile(r"\b(s1 and s2|s2 and s3) (both) (are)\b")


def _reason_tokens(text: str) -> str:
    """'Statement-II' / 'Statement 2' / 'Assertion (A)' -> 's2'; not-correct -> incorrect."""
    t = normalise(_QUOTED_LETTER.sub(r"(\1)", text))  # 'A' and 'R' (UPPSC) as (A) and (R)
    if re.search(
        r"\bassertion\b|\(a\)|\(r\)|\bboth a and r\b|\ba and r both\b|\bneither a nor r\b|\ba is (?:true|false|correct|incorrect)\b",
        t,
    ):
        t = re.sub(
            r"\bassertion(?: \(a\))?|\(a\)|\ba\b(?= (?:is|and|are)\b|$)|(?<=(?:oth|.of|for|ins) )a\b|(?<=neither )a\b",
            "s1",
            t,
        )
        t = re.sub(r"\breason(?: \(r\))?(?! for)|\(r\)|\br\b", "s2", t)
    t = _STATEMENT_PAIR.sub(lambda m: f"s{number(m.group(1))} and s{number(m.group(2))}", t)
    t = _STATEMENT.sub(lambda m: f"s{number(m.group(1))}", t)
    t = _BOTH_AFTER.sub(r"\2 \1 \3", t)
    t = re.sub(r"\b(is|are) (also )?(?:not correct|not true|false|wrong)\b", r"\1 \2incorrect", t)
    t = re.sub(r"\b(is|are) (also )?true\b", r"\1 \2correct", t)
    t = t.replace(",", " ")
    return " ".join(t.split())


_REASON_CLAUSES: tuple[tuple[re.Pattern[str], dict[Any, Any]], ...] = tuple(
    (re.compile(pattern), facts)
    for pattern, facts in (
        (
            r"both (?:the )?(?:s1 and s2|statements) are (?:individually )?(?:correct|true)",
            {1: True, 2: True},
        ),
        (
            r"both (?:the )?(?:s1 and s2|statements) are (?:individually )?(?:incorrect|false)"
            r"|neither s1 nor s2 is correct",
            {1: False, 2: False},
        ),
        (r"both (?:the )?s2 and s3 are correct", {2: True, 3: True}),
        (
            r"neither s2 nor s3 is correct|both (?:the )?s2 and s3 are incorrect",
            {2: False, 3: False},
        ),
        (r"only one of (?:the )?s2 and s3 is correct", {"one-of": True}),
        (
            r"s2 is (?:the |a )?correct explanation (?:for|of) s1|s2 (?:correctly )?explains s1"
            r"|s2 is the reason (?:for|of) s1",
            {"explains": True},
        ),
        (
            r"s2 is not (?:(?:the|a|an) )?(?:correct )?explanation (?:for|of) s1"
            r"|s2 is (?:an )?incorrect explanation (?:for|of) s1|s2 does not (?:correctly )?explains? s1"
            r"|s2 is not the reason (?:for|of) s1",
            {"explains": False},
        ),
        (r"s([123]) is (?:also )?correct", {"single": True}),
        (r"s([123]) is (?:also )?incorrect", {"single": False}),
        (r"s1 (?:is the correct explanation (?:for|of)|explains) s2", {"explains": "reverse"}),
        (r"both of them explain s1", {"explain-count": 2}),
        (r"only one of them explains s1", {"explain-count": 1}),
        (r"(?:and )?that (?:one )?explains s1", {"explain-count": 1}),
        (r"neither of them explains s1|none of them explains s1", {"explain-count": 0}),
    )
)
_JOINER = re.compile(r"(?:and|but|while|whereas|however|also)\b ?")


def _reason_facts(text: str) -> dict[Any, Any]:
    t = _reason_tokens(text)
    facts: dict[Any, Any] = {}
    pos = 0
    while pos < len(t):
        joiner = _JOINER.match(t, pos)
        if joiner and joiner.end() > pos:
            pos = joiner.end()
            continue
        for pattern, found in _REASON_CLAUSES:
            m = pattern.match(t, pos)
            if m:
                if "single" in found:
                    facts[int(m.group(1))] = found["single"]
                else:
                    facts.update(found)
                pos = m.end()
                if pos < len(t) and t[pos] == " ":
                    pos += 1
                break
        else:
            raise Unparsable("it is not one of the Statement-I/II wordings")
    return facts


@lru_cache(maxsize=4096)
def parse_reason(text: str) -> tuple[Any, ...]:
    """The facts a Statement-I/II(/III) option asserts.

    Two-statement form -> ("two", I correct, II correct, II explains I, or None when
    either is incorrect; "reverse" when I explains II). Three-statement form ->
    ("three", case), case one of "both-explain", "both-one-explains", "both-none-explain",
    "one-explains", "neither".
    """
    facts = _reason_facts(text)
    if 3 in facts or "one-of" in facts or "explain-count" in facts:
        if facts.get(2) is False and facts.get(3) is False:
            return ("three", "neither")
        if facts.get("one-of"):
            if facts.get("explain-count") == 1:
                return ("three", "one-explains")
            raise Unparsable(
                "it says one of Statements II and III is correct but not what it explains"
            )
        if facts.get(2) and facts.get(3):
            case = {2: "both-explain", 1: "both-one-explains", 0: "both-none-explain"}.get(
                facts.get("explain-count", -1)
            )
            if case:
                return ("three", case)
        raise Unparsable("it is not one of the three-statement wordings")
    if 1 not in facts or 2 not in facts:
        raise Unparsable("it does not say whether both Statement-I and Statement-II are correct")
    first, second = facts[1], facts[2]
    explains = facts.get("explains")
    if first and second:
        if explains is None:
            raise Unparsable("it does not say whether Statement-II explains Statement-I")
        return ("two", True, True, explains)
    return ("two", first, second, None)
