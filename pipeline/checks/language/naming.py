"""Which option an explanation names as the answer, or rules out.

Read forms: "Answer: (b)", "Ans) c", "The correct answer is option B: 2 and 3 only",
"option (b) is the correct answer", "The correct option is B)", "the correct answer is
option 3" (options numbered 1-4), by code text ('The correct answer is "2 only"', "The
correct answer is: 1, 2, 3, and 4"), by option text for single-answer questions ('The
correct answer is "Mite"'), and "Option (a) is incorrect" / "options (a) and (c) are ruled
out". A name's initial ("C. Rajagopalachari") is not an option letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .options import Unparsable, normalise, parse_code, parse_count, parse_reason
from .reading import Reading, Shape
from .sentences import Segment

_PREFIX = re.compile(
    r"(?:\b(?:the\s+)?(?:correct|right|appropriate|true|final)\s+(?:answer|option|choice|response|code)"
    r"(?:\s+(?:here|therefore|thus|hence|then|to\s+this\s+question))?\s*"
    r"(?:is(?:\s+(?:therefore|thus|hence|then|clearly|obviously))?\s*:?|would\s+be|will\s+be|=|:|-|\s(?=\())"
    r"|\b(?:answer|ans)\b\.?\s*(?:,\s*is|is|:|-|=|\)|(?=\())"
    r"|\b(?:answer|ans)\s+(?=option\b)"
    r"|\b(?:correct|right)\s+(?:answer|option)\s+(?=\(?[a-d][.)]\s|\([a-d]\)))\s*"
)
_RULED_OUT = re.compile(
    r"\b(?:correct|right)\s+(?:answer|option)\s+(?:cannot|can't|can\s+not|is\s+not|isn't)\s+(?:be\s+)?"
    r"(?:option\s*)?\(?(?P<l>[a-d1-4])\)?(?![\w])"
)
_OPTION_IS = re.compile(
    r"(?:\b(?:option|choice)s?\s*(?P<letters>\(?[a-d1-4]\)?(?:(?:\s*,\s*|\s+and\s+|\s+&\s+|\s*,\s*and\s+)\(?[a-d1-4]\)?)*)"
    r"|(?:^|(?<=[\s\-]))\((?P<bare>[a-d])\))(?![\w])"
    r"\s*(?:,\s*(?:therefore|thus|hence)\s*,)?\s*(?P<verb>is|are|would\s+be|becomes|stands)\s+"
    r"(?:therefore\s+|thus\s+|hence\s+|also\s+|clearly\s+|definitely\s+|the\s+only\s+)?(?P<not>not\s+)?"
    r"(?P<what>(?:the\s+)?(?:correct|right|appropriate)(?:\s+(?:answer|option|choice|one|response))?"
    r"|(?:the\s+)?answer|incorrect|wrong|eliminated|ruled\s+out|(?:the\s+)?(?:incorrect|wrong)\s+(?:answer|option|choice|one))(?![\w])"
)
_CONDITION = re.compile(r"\s+(?:only\s+|even\s+)?(?:if|when|had|provided|unless|were)\b")
#: "a and c", "(b), (c) and (d)", "1 & 3": option letters (or numbers) in a list.
LETTER_LIST = r"\(?[a-d1-4]\)?(?![\w'])(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s+or\s+|\s*&\s*)\(?[a-d1-4]\)?(?![\w'])){0,3}"
#: "..., which rules out options (c) and (d)", "this eliminates option b".
_RULES_OUT = re.compile(
    r"\b(?:rul(?:e|es|ed|ing)\s+out|eliminat(?:e|es|ed|ing)|exclud(?:e|es|ed|ing))\s+(?:both\s+)?(?:the\s+)?"
    rf"(?:option|choice)s?\s*(?P<letters>{LETTER_LIST})(?![\w])"
)
_HENCE = re.compile(
    r"\b(?:hence|thus|so|therefore)\s*,?\s+(?:the\s+answer\s+is\s+)?(?:option|choice)\s*\(?(?P<l>[a-d1-4])\)?(?![\w])\s*(?=[.;!]|$)"
)
_LETTER_NOTE = re.compile(
    r"^[\s\-]*\(?(?P<l>[a-d])\)?\s*[\(\-:]\s*(?P<v>wrong|incorrect|correct)\b"
)
_LETTERED = re.compile(r"\([a-d]\)|(?<![\w(])[a-d]\)")
_STOP = re.compile(
    r"\s+(?:as|because|since|which|where|i\.e|ie|hence|so|thus)\b|\s*[;(\[]|\s+-\s|\.\s|\.$"
)
_ATTRIBUTION = re.compile(
    r"\b(?:think|thinks|thought|believe|believes|assume|assumes|mistake|mistakenly|wrongly|might|"
    r"would|could|if|whether|tempt\w*|claims?|suggests?|some|many)\b"
)
_SENTENCE_STARTERS = frozenset(
    [
        "the",
        "this",
        "it",
        "both",
        "only",
        "all",
        "statement",
        "statements",
        "pair",
        "pairs",
        "option",
        "options",
        "hence",
        "so",
        "thus",
        "therefore",
        "neither",
        "none",
        "as",
        "since",
        "because",
        "in",
        "explanation",
        "here",
        "among",
        "of",
        "other",
        "according",
        "answer",
        "correct",
        "incorrect",
        "each",
        "first",
        "second",
        "third",
        "fourth",
        "while",
        "however",
        "and",
        "but",
    ]
)


def _letter(token: str) -> str:
    token = token.strip("() ").lower()
    return "ABCD"["1234".index(token)] if token in "1234" else token.upper()


def answer_readings(segments: list[Segment], text: str, shape: Shape) -> Iterator[Reading]:
    """Answer and not-answer readings, sentence by sentence."""
    labels = {label for label, _ in shape.options}
    for segment in segments:
        if segment.question:
            continue
        s, base = segment.text, segment.start
        named = "ans" in s or "option" in s or "choice" in s or "code" in s or "response" in s
        lettered = ")" in s and _LETTERED.search(s) is not None
        if not named and not lettered:
            continue
        for m in _PREFIX.finditer(s) if named else ():
            if _ATTRIBUTION.search(s[max(0, m.start() - 60) : m.start()]):
                continue
            rest_start = base + m.end()
            resolved = _resolve(
                text[rest_start : rest_start + 160], s[m.end() : m.end() + 160], shape
            )
            if resolved is None:
                continue
            letter, sure, length = resolved
            if letter in labels:
                quote = text[base + m.start() : rest_start + length].strip()
                yield Reading(
                    "answer", None, letter, sure, base + m.start(), rest_start + length, quote
                )
        for m in _OPTION_IS.finditer(s) if named or lettered else ():
            if _ATTRIBUTION.search(s[max(0, m.start() - 60) : m.start()]):
                continue
            what = m.group("what")
            if _CONDITION.match(s, m.end()):
                continue  # "option (c) would be correct only if statement 2 were true"
            negative = bool(m.group("not")) != any(
                w in what for w in ("incorrect", "wrong", "eliminated", "ruled")
            )
            if (
                "answer" not in what
                and "correct" not in what
                and "right" not in what
                and not negative
            ):
                continue
            letters = re.findall(
                r"(?<![a-z])[a-d1-4](?![a-z])", m.group("letters") or m.group("bare") or ""
            )
            plural = len(letters) > 1
            if plural and not negative:
                continue  # "options a and b are correct" cannot both be the answer
            for token in letters:
                letter = _letter(token)
                if letter in labels:
                    kind = "not-answer" if negative else "answer"
                    yield Reading(
                        kind, None, letter, True, base + m.start(), base + m.end(), m.group()
                    )
        for m in _RULED_OUT.finditer(s) if named else ():
            letter = _letter(m.group("l"))
            if letter in labels:
                yield Reading(
                    "not-answer", None, letter, True, base + m.start(), base + m.end(), m.group()
                )
        for m in _RULES_OUT.finditer(s) if named else ():
            if _ATTRIBUTION.search(s[max(0, m.start() - 60) : m.start()]):
                continue
            for token in re.findall(r"(?<![a-z])[a-d1-4](?![a-z])", m.group("letters")):
                letter = _letter(token)
                if letter in labels:
                    yield Reading(
                        "not-answer",
                        None,
                        letter,
                        True,
                        base + m.start(),
                        base + m.end(),
                        m.group(),
                    )
        for m in _HENCE.finditer(s) if named else ():
            letter = _letter(m.group("l"))
            if letter in labels:
                yield Reading(
                    "answer", None, letter, True, base + m.start(), base + m.end(), m.group()
                )
        note = _LETTER_NOTE.match(s)
        if note and shape.format == "single":
            letter = note.group("l").upper()
            kind = "answer" if note.group("v") == "correct" else "not-answer"
            if letter in labels:
                yield Reading(kind, None, letter, True, base, base + note.end(), note.group())


def _resolve(original: str, folded: str, shape: Shape) -> tuple[str, bool, int] | None:
    """The option a text after "the correct answer is" names: (letter, sure, length read)."""
    lead = len(folded) - len(folded.lstrip(" \"'"))
    rest = folded[lead:]
    m = re.match(r"(?:option|choice)\s*\(?\s*([a-d1-4])\s*\)?(?![\w]|\.\w)", rest)
    if m:
        return _letter(m.group(1)), True, lead + m.end()
    m = re.match(r"\(\s*([a-d])\s*\)|([a-d])\s*\)", rest)
    if m:
        return (m.group(1) or m.group(2)).upper(), True, lead + m.end()
    m = re.match(r"([a-d])(?![\w'-])", rest)
    if m:
        letter = m.group(1).upper()
        after = original[lead + 1 : lead + 60]
        initial = re.match(r"\.\s+([A-Z][\w-]*)", after)
        if initial is None:
            if (
                re.match(r"\s*(?:[.,;:!\n]|$|\s+(?:as|because|since|is|-)\b|\s*-)", after)
                or not after.strip()
            ):
                return letter, True, lead + 1
            by_text = _by_text(original[lead:], folded[lead:], shape)
            return by_text if by_text else (letter, shape.format != "single", lead + 1)
        by_text = _by_text(original[lead:], folded[lead:], shape)
        if by_text is not None:
            return by_text
        word = initial.group(1)
        option_text = dict(shape.options).get(letter, "")
        if normalise(option_text).startswith(
            normalise(after[after.index(word) :])[: len(word)].lower()
        ):
            return letter, True, lead + 1
        if shape.format == "single" and word.lower() not in _SENTENCE_STARTERS:
            return None  # "C. Rajagopalachari": a name's initial, not option C
        return letter, True, lead + 1
    return _by_text(original[lead:], folded[lead:], shape)


def _by_text(original: str, folded: str, shape: Shape) -> tuple[str, bool, int] | None:
    """An option named by its code ("1 and 2 only") or, for single questions, its text."""
    stop = _STOP.search(folded)
    candidate = folded[: stop.start()] if stop else folded
    candidate = candidate.strip().strip("\"'").strip()
    if not candidate or len(candidate) > 120:
        return None
    if shape.format == "single":
        wanted = normalise(candidate)
        whole = normalise(original[:160])
        best: tuple[str, bool, int] | None = None
        for label, option in shape.options:
            text = normalise(option)
            if text == wanted:
                return label, True, len(candidate)
            prefix = (
                text and whole.startswith(text) and not whole[len(text) : len(text) + 1].isalnum()
            )
            if prefix and (best is None or len(text) > best[2]):
                best = (label, True, len(text))
        return best
    meaning = _meaning(shape, candidate)
    if meaning is None:
        return None
    for label, option in shape.options:
        if _meaning(shape, option) == meaning:
            return label, True, len(candidate)
    return None


def _meaning(shape: Shape, text: str) -> Any:
    try:
        if shape.format in ("statements", "pairs"):
            return parse_code(text)
        if shape.format in ("statements-count", "pairs-count"):
            return parse_count(text)
        return parse_reason(text)
    except Unparsable:
        return None
