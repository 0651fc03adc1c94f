"""Which option an explanation names as the answer, or rules out.

Read forms: "Answer: (b)", "Ans) c", "The correct answer is option B: 2 and 3 only",
"option (b) is the correct answer", "The correct option is B)", "the correct answer is
option 3" (options numbered 1-4), by code text ('The correct answer is "2 only"', "The
correct answer is: 1, 2, 3, and 4"), by option text for single-answer questions ('The
correct answer is "Mite"'), and "Option (a) is incorrect" / "options (a) and (c) are ruled
out", "Correct option A.", a line "- Answer C.". A name's initial ("C. Rajagopalachari") is
not an option letter, nor is a letter that is another option's whole text ("Answer C." where
option (a) is the person C).
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
    r"(?:is(?:\s+(?:therefore|thus|hence|then|clearly|obviously))?\s*:?|would\s+be|will\s+be|should\s+be|=|:|-|\s(?=\())"
    r"|\b(?:answer|ans)\b\.?\s*(?:,\s*is|is|:|-|=|\)|(?=\())"
    r"|\b(?:answer|ans)\s+(?=option\b)"
    r"|\b(?:correct|right)\s+(?:answer|option)\s+(?=\(?[a-d](?:[.)](?:\s|$)|$)|\([a-d]\))"
    r"|^[\s\-•*]*(?:answer|ans)\s+(?=\(?[a-d]\)?\.?\s*$)"
    r"|\b(?:answer\s+)?key\s+(?:indicates|says|gives|shows|marks)\s+(?=(?:option\s*)?\(?[a-d](?![\w'])))\s*"
)
_RULED_OUT = re.compile(
    r"\b(?:correct|right)\s+(?:answer|option)\s+(?:cannot|can't|can\s+not|is\s+not|isn't)\s+(?:be\s+)?"
    r"(?:option\s*)?\(?(?P<l>[a-d1-4])\)?(?![\w])"
)
_BARE = r"\([a-d]\)"
_OPTION_IS = re.compile(
    r"(?:\b(?:option|choice)s?\s*(?P<letters>\(?[a-d1-4]\)?(?:(?:\s*,\s*|\s+and\s+|\s+&\s+|\s*,\s*and\s+)\(?[a-d1-4]\)?)*)"
    rf"|\bstatements?\s*(?P<stated>{_BARE}(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+){_BARE}){{0,3}})"
    rf"|(?:^|(?<=[\s\-]))(?P<bare>{_BARE}(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+){_BARE}){{0,3}}))(?![\w])"
    r"(?P<restate>\s+[^.;:!?()\n]{1,80}?(?:\([a-d]\)[^.;:!?()\n]{0,40}?){0,3})??"
    r"\s*(?:,\s*(?:therefore|thus|hence)\s*,)?\s*(?P<verb>is|are|would\s+be|becomes|stands)\s+"
    r"(?:therefore\s+|thus\s+|hence\s+|also\s+|clearly\s+|definitely\s+|the\s+only\s+)?(?P<not>not\s+)?"
    r"(?P<what>(?:the\s+|a\s+)?(?:(?:most|more)\s+(?:accurate|precise|appropriate|suitable|correct)\s+(?:answer|option|choice)"
    r"|(?:correct|right|appropriate)(?:\s+(?:answer|option|choice|one|response))?)"
    r"|(?:the\s+)?answer|incorrect|wrong|eliminated|ruled\s+out|(?:the\s+)?(?:incorrect|wrong)\s+(?:answer|option|choice|one|statement)"
    r"|(?:in)?accurate|true|false)(?![\w])"
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
    r"\b(?:hence|thus|so|therefore)\s*,?\s+(?:the\s+answer\s+is\s+)?(?:the\s+)?(?:correct\s+)?(?:option|choice)\s*"
    r"(?:(?:is\s+)?correct\s*(?:is\s*)?)?\(?(?P<l>[a-d1-4])\)?(?![\w])(?:\s+(?:is\s+)?correct)?\s*(?=[.;!]|$)"
)
#: "..., making option (d) the correct answer", "which makes option b the right choice".
_MAKING = re.compile(
    r"\b(?:making|makes)\s+(?:option|choice)\s*\(?(?P<l>[a-d1-4])\)?\s+the\s+"
    r"(?:correct|right|only\s+correct)\s+(?:answer|option|choice)\b"
)
_LETTER_NOTE = re.compile(
    r"^[\s\-]*\(?(?P<l>[a-d])\)?\s*[\(\-:]\s*(?P<v>wrong|incorrect|correct)\b"
)
#: "(b)" or "b)" after no letter: the letter first, the engine scans for it fast.
_LETTERED = re.compile(r"[a-d]\)(?:(?<=\([a-d]\))|(?<![\w(][a-d]\)))")
_STOP = re.compile(
    r"\s+(?:as|because|since|which|where|i\.e|ie|hence|so|thus)\b|\s*[;(\[]|\s+-\s|\.\s|\.$"
)
_ATTRIBUTION = re.compile(
    r"\b(?:think|thinks|believe|believes|assume|assumes|mistake|mistakenly|wrongly|might|"
    # "thought" the verb ("it was thought", "thought that"), not the noun ("Sufi thought")
    r"(?:is|was|were|are|been|be|commonly|widely|often|once|i|we|they|you|he|she|one|who)\s+thought|"
    r"thought\s+(?:that|to\s+be|of\s+as)|"
    r"would|could|if|whether|tempt\w*|claims?|suggests?)\b"
    r"|\b(?:some|many)\s+(?:\w+\s+)?(?:say|says|state|states|think|thought|believe|argue|claim|hold|feel|"
    r"books|sources|texts|people|students|candidates|aspirants|experts|scholars|historians)\b"
)
#: A conclusion starts its own clause: words before it do not attribute what follows.
_CONCLUSION = re.compile(r".*(\b(?:hence|therefore|thus|consequently)\b|\u2022)", re.DOTALL)


def _attributed(s: str, start: int) -> bool:
    """Whether the words just before `start` attribute what follows to someone ("some think")."""
    before = s[max(0, start - 60) : start]
    conclusion = _CONCLUSION.match(before)  # the last one (the text is at most 60 characters)
    if conclusion is not None:  # "... in thought, speech and action Hence, option (c) ..."
        before = before[conclusion.start(1) :]
    return _ATTRIBUTION.search(before) is not None


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
        named = (
            "ans" in s
            or "option" in s
            or "choice" in s
            or "code" in s
            or "response" in s
            or "key" in s
        )
        lettered = ")" in s and _LETTERED.search(s) is not None
        if not named and not lettered:
            continue
        for m in _PREFIX.finditer(s) if named else ():
            if _attributed(s, m.start()):
                continue
            rest_start = base + m.end()
            resolved = _resolve(
                text[rest_start : rest_start + 160], s[m.end() : m.end() + 160], shape
            )
            if resolved is None:
                continue
            letter, sure, length = resolved
            if "key" in m.group():
                # "the answer key indicates B for ...": the key's answer, unless the sentence
                # goes on to disagree with it ("The key says (d), but ...")
                capital = text[rest_start : rest_start + 2].strip()[:1].isupper()
                sure = (sure or capital) and not re.search(
                    r"\b(?:but|however|though|although|whereas|yet|which\s+is|incorrect|wrong|misprint)\b",
                    s[m.end() :],
                )
            if letter in labels:
                quote = text[base + m.start() : rest_start + length].strip()
                yield Reading(
                    "answer", None, letter, sure, base + m.start(), rest_start + length, quote
                )
        stated = shape.negative and shape.format == "single" and "statement" in s
        hence = list(_HENCE.finditer(s)) if named else []
        for m in _OPTION_IS.finditer(s) if named or lettered or stated else ():
            if shape.negative and any(h.start() <= m.start() < h.end() for h in hence):
                continue  # "Hence, option (b) is correct." concludes a NOT question: its answer
            reading = _option_is(m, s, base, shape, labels)
            if reading is not None:
                yield from reading
        for m in _RULED_OUT.finditer(s) if named else ():
            letter = _letter(m.group("l"))
            if letter in labels:
                yield Reading(
                    "not-answer", None, letter, True, base + m.start(), base + m.end(), m.group()
                )
        for m in _RULES_OUT.finditer(s) if named else ():
            if _attributed(s, m.start()):
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
        making = [m for m in _MAKING.finditer(s) if not _attributed(s, m.start())] if named else []
        for m in [*hence, *making]:
            if shape.format.endswith("-count") and m.group("l").isdigit():
                continue  # "Hence, option 1 is correct" in a how-many question: item 1
            letter = _letter(m.group("l"))
            if letter in labels:
                yield Reading(
                    "answer", None, letter, True, base + m.start(), base + m.end(), m.group()
                )
        note = _LETTER_NOTE.match(s)
        if note and shape.format == "single":
            letter = note.group("l").upper()
            kind = "answer" if (note.group("v") == "correct") != shape.negative else "not-answer"
            if letter in labels:
                yield Reading(kind, None, letter, True, base, base + note.end(), note.group())


_NAMING = ("answer", "option", "choice", "response")
_NEGATIVE = ("incorrect", "wrong", "eliminated", "ruled", "false", "inaccurate")


def _option_is(
    m: re.Match[str], s: str, base: int, shape: Shape, labels: set[str]
) -> list[Reading] | None:
    """ "option (b) is the correct answer", "(a), (b) and (c) are correct", "Statement (a) is
    not correct" (a NOT question's answer), "option (d) Both (a) and (b) is the answer"."""
    if _attributed(s, m.start()) or _CONDITION.match(s, m.end()):
        return None  # "option (c) would be correct only if statement 2 were true"
    if m.group("stated") and (shape.format != "single" or not shape.negative):
        return None  # "Statement (a) is not correct" names the answer of a NOT question only
    if re.search(r"(?:assertion|reason)\s*$", s[: m.start()]):
        return None  # "Assertion (A) is correct" judges the assertion
    what = m.group("what")
    letters = re.findall(
        r"(?<![a-z])[a-d1-4](?![a-z])",
        m.group("letters") or m.group("stated") or m.group("bare") or "",
    )
    if m.group("bare") and shape.format == "statement-reason" and "a" in letters:
        return None  # "(A) is true" in an Assertion/Reason explanation: the assertion
    if m.group("restate") and (
        len(letters) != 1 or not _restates(m.group("restate"), letters[0], shape)
    ):
        return None  # the words between the letter and the verb are not that option's text
    negative = bool(m.group("not")) != any(w in what for w in _NEGATIVE)
    naming = any(w in what for w in _NAMING)
    if re.search(r"true|false|accurate", what) and not shape.negative:
        return None  # "option (c) is true in general": a judgement, not the answer named
    if re.match(
        r"\s*(?:in\s+general|in\s+part|partly|partially|to\s+some\s+extent)\b", s[m.end() :]
    ):
        return None
    if shape.format.endswith("-count") and any(t.isdigit() for t in letters) and not naming:
        return None  # "option 1 is correct" in a how-many question: item 1, or option (a)?
    if (
        not naming
        and not negative
        and not any(w in what for w in ("correct", "right", "true", "accurate"))
    ):
        return None
    if naming or shape.format != "single" or not shape.negative:
        kind = "not-answer" if negative else "answer"
    else:  # a NOT question: "option (c) is incorrect" names the answer, "(a) is correct" rules a out
        kind = "answer" if negative else "not-answer"
    if len(letters) > 1 and kind == "answer":
        return None  # "options a and b are correct" cannot both be the answer
    found = []
    for token in letters:
        letter = _letter(token)
        if letter in labels:
            found.append(
                Reading(kind, None, letter, True, base + m.start(), base + m.end(), m.group())
            )
    return found


def _restates(words: str, letter: str, shape: Shape) -> bool:
    """Whether words after "option (d)" are option d's own text ("Both (a) and (b)")."""
    said = " ".join(re.findall(r"[a-z0-9]+", words.lower()))
    text = " ".join(re.findall(r"[a-z0-9]+", dict(shape.options).get(_letter(letter), "").lower()))
    return bool(said) and bool(text) and (said == text or text.startswith(said + " "))


def _resolve(original: str, folded: str, shape: Shape) -> tuple[str, bool, int] | None:
    """The option a text after "the correct answer is" names: (letter, sure, length read)."""
    lead = len(folded) - len(folded.lstrip(" \"'"))
    rest = folded[lead:]
    m = re.match(r"(?:option|choice)\s*\(?\s*([a-d1-4])\s*\)?(?![\w]|\.\w)", rest)
    if m:
        if re.match(r"\s*(?:,\s*\d|and\s+\d|&\s*\d|only\b)", rest[m.end() :]):
            # "the correct answer is Option 1 and 3 only": a code said as an option
            skip = lead + len(rest) - len(re.sub(r"^(?:option|choice)\s*", "", rest))
            return (
                _by_text(original[skip:], folded[skip:], shape)
                if shape.format != "single"
                else None
            )
        return _letter(m.group(1)), True, lead + m.end()
    m = re.match(r"\(\s*([a-d])\s*\)|([a-d])\s*\)", rest)
    if m:
        return (m.group(1) or m.group(2)).upper(), True, lead + m.end()
    m = re.match(r"([a-d])(?![\w'-])", rest)
    if m:
        letter = m.group(1).upper()
        if any(text.strip(" .()").upper() == letter != label for label, text in shape.options):
            return None  # "Answer C." where option (a) is the person C: which one is meant?
        after = original[lead + 1 : lead + 60]
        initial = re.match(r"\.\s+([A-Z][\w-]*)", after)
        if initial is None:
            if (
                re.match(r"\s*(?:[.,;:!\n]|$|\s+(?:as|because|since|is|-)\b|\s*-)", after)
                or not after.strip()
            ):
                return letter, True, lead + 1
            glossed = re.match(r"\s*\(([^()]{1,60})\)", after)
            if glossed and _restates(glossed.group(1), letter.lower(), shape):
                return letter, True, lead + 1 + glossed.end()  # "C (4 km)": the letter and its text
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
        if shape.format in ("statements-count", "pairs-count", "rows"):
            return parse_count(text)
        return parse_reason(text)
    except Unparsable:
        return None
