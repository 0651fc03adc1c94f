"""Answers an explanation names by the option's text or code, not its letter.

- "Therefore, Myanmar is the correct answer.", "Jodhpur is the correct place", "'Cannot be
  determined' is the most accurate answer", "'Sister-in-law' is the closest available option"
  (the subject is an option's whole text; a superlative followed by "but" names nothing);
- "The Insurance Act, 1991 provides ..., making it the correct answer" ("it" is the option whose
  text opens the explanation, when no other option is named before);
- "The correct sequence from west to east is Bhuj, Indore, ...", "the order is 1-2-3",
  "The incorrect statement is '<option text>'" (a NOT question names its answer so);
- matching and sequence codes: "The correct matching is: X (3), Y (4), Z (1), W (2)" or
  "A-3, B-4, C-1, D-2", when every option is such a code and exactly one has those digits;
- options ruled out by name under a heading "Why other options are incorrect", or by
  "it is not <description> (Option B)".

Only a whole option text, a code that fits one option, or a letter counts: anything else is
not read (say less when unsure).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .reading import Reading, Shape
from .sentences import Segment

_CONNECTORS = re.compile(
    r"^(?:(?:therefore|hence|thus|so|and|but|clearly|accordingly|as\s+such|here|the\s+answer)\s*,?\s+)+"
)
#: "<subject> is the correct answer/place/one"; the subject is checked against the options.
_IS_THE = re.compile(
    r"(?P<subject>[^.;:!?\n]{1,160}?)\s+(?:is|was|are)\s+(?:therefore\s+|thus\s+|hence\s+|clearly\s+)?"
    r"the\s+(?:(?P<neg>incorrect|wrong|false)|correct|right|true|(?P<best>(?:most|more)\s+(?:accurate|"
    r"appropriate|suitable|likely|plausible|logical|fitting)|best|closest|nearest)(?:\s+available)?)\s+"
    r"(?P<noun>answer|option|choice|response|one|statement|pair|place|city|state|country|river|person|term|name)\b"
)
#: "... is the closest option, but ...": a superlative then a reservation names no answer
_RESERVATION = re.compile(r"\b(?:but|however|though|although|yet|except)\b")
#: "the correct sequence ... is", "the incorrect statement is", "the statement that is not correct ... is"
_THE_X_IS = re.compile(
    r"\bthe\s+(?:(?P<neg>incorrect|wrong|false|inaccurate)|correct|right|true|accurate)\s+"
    # "the correct north to south sequence": direction words before a sequence
    r"(?:(?:north|south|east|west|north-south|south-north|east-west|west-east|to|from|"
    r"ascending|descending|increasing|decreasing|geographical|temporal)\s+){0,4}"
    r"(?P<noun>statement|sequence|order|matching|match|code|pair|arrangement|combination|chronology|"
    r"chronological\s+(?:order|sequence)|place|one)"
    r"(?:\s+(?!is\b)[^.;:]{0,60}?)?\s+(?:is|would\s+be)\s*:?\s*"
    r"|\bthe\s+(?P<noun2>statement|option|pair|one)\s+(?:that|which)\s+is\s+(?P<not>not\s+)?"
    r"(?P<word>correct|incorrect|true|false|right|wrong)(?:\s+[^.;:]{0,60}?)?\s+is\s*:?\s*"
    r"|\b(?:thus|so|hence|therefore)?\s*,?\s*the\s+(?P<order>order|sequence)\s+is\s*:?\s*"
)
#: "..., making it the correct answer": "it" is the option whose text opens the explanation
_IT_IS = re.compile(
    r"\b(?:making|which\s+makes|this\s+makes|so|hence|thus|therefore)\s*,?\s+it\s+(?:is\s+)?"
    r"the\s+(?:correct|right)\s+(?:answer|option|choice)\b"
)
_CODE_OPTION = re.compile(r"[\sA-Da-d()\-–:,.>\d]+")
_OTHER_OPTIONS = re.compile(
    r"^[\W\d]*(?:why\s+(?:are\s+)?(?:the\s+)?other\s+options?\s+(?:are\s+|is\s+)?(?:incorrect|wrong|not\s+correct)"
    r"|(?:the\s+)?other\s+options\s*:|incorrect\s+options\s*:)"
)
_END_OF_LIST = re.compile(
    r"^[\W\d]*(?:concluding|conclusion|why\s+this|note\b|interesting|fact\b|key\s+takeaway)"
)
_BULLET = re.compile(r"^[\s\-•]*(?P<name>[^:\n]{1,80}?)\s*:")
_LIST_MARKER = re.compile(r"(?m)^[\s*\-•]*\d[.)]\s")
_ASIDE = re.compile(r"\s*\([^()\n]{1,80}\)")
_NOT_OPTION = re.compile(r"\b(?:not|nor)\b[^.;()]{1,80}?\(\s*options?\s+(?P<l>[a-d])\s*\)")


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _whole(subject: str, shape: Shape) -> str | None:
    """The label of the option whose whole text ends the subject ("..., so Jodhpur")."""
    subject = subject.lower()
    cuts = [0] + [
        m.end() for m in re.finditer(r"[,;(]|\b(?:so|hence|thus|therefore|but)\b", subject)
    ]
    for cut in cuts:
        wanted = _words(_CONNECTORS.sub("", subject[cut:].strip().strip("\"'").strip()))
        found = [label for label, text in shape.options if wanted and _words(text) == wanted]
        if len(found) == 1:
            return found[0]
    return None


def _prefix(rest: str, shape: Shape) -> str | None:
    """The label of the option whose text the rest starts with (the longest, if unique)."""
    rest = rest.strip().strip("\"'“‘")
    words = _words(rest[:200])
    # "Bikaner (Rajasthan), Aligarh (UP), ...": the places' notes are not the option's words
    bare = _words(_ASIDE.sub(" ", rest[:400])[:200])
    best: tuple[int, list[str]] = (0, [])
    for label, text in shape.options:
        option = _words(text)
        if "(" not in text and (bare == option or bare.startswith(option + " ")):
            option_words = bare
        else:
            option_words = words
        if option and (option_words == option or option_words.startswith(option + " ")):
            if len(option) > best[0]:
                best = (len(option), [label])
            elif len(option) == best[0]:
                best[1].append(label)
    return best[1][0] if len(best[1]) == 1 else None


def _codes(shape: Shape) -> dict[str, str]:
    return codes(shape.options)


def codes(options: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Option -> its digits, when every option is a matching or sequence code."""
    found = {}
    for label, text in options:
        if not _CODE_OPTION.fullmatch(text):
            return {}
        digits = re.sub(r"[A-Da-d]\s*[-–:]\s*", "", text)
        digits = "".join(re.findall(r"\d", digits))
        if len(digits) < 3:
            return {}
        found[label] = digits
    return found if len(set(found.values())) == len(found) else {}


def code_in(rest: str, size: int) -> str | None:
    """The code a matching or sequence statement spells: "(3) ... (4)", "A-3, B-4", "1-2-3"."""
    rest = re.split(r"\n\s*\n|\bhence\b|\btherefore\b", rest, maxsplit=1)[0][:600]
    rest = _LIST_MARKER.sub(" ", rest)  # "1. X (3)\n2. Y (4)": the list's numbers are no code
    for pattern in (
        r"\((\d)\)",
        r"(?<![\w])[a-d]\s*[-–:]\s*(\d)(?!\d)",
        r"(?<![\w.])(\d)(?=\s*(?:[-–,>]\s*\d|$|[.;\s]))",
    ):
        digits = re.findall(pattern, rest)
        if len(digits) >= size:
            return "".join(digits[:size])
    return None


def text_readings(segments: list[Segment], text: str, shape: Shape) -> Iterator[Reading]:
    """Answer and not-answer readings named by option text or code (single questions)."""
    if shape.format != "single" or not shape.options:
        return
    codes = _codes(shape)
    listing = False
    for segment in segments:
        s, base = segment.text, segment.start
        if _OTHER_OPTIONS.match(s):
            listing = True
            continue
        if listing:
            if segment.opens_block and _END_OF_LIST.match(s):
                listing = False
            elif s.lstrip().startswith(("-", "•")) or re.match(r"^\s*\(?[a-d]\)", s):
                yield from _ruled_out(s, base, shape)
                continue
            elif segment.opens_block:
                listing = False
        if segment.question:
            continue
        for m in _NOT_OPTION.finditer(s):
            label = m.group("l").upper()
            if label in dict(shape.options):
                yield Reading(
                    "not-answer", None, label, True, base + m.start(), base + m.end(), m.group()
                )
        if " the " in f" {s}":
            yield from _named(s, base, text, shape, codes)
        if " it " in s:
            yield from _it_is(s, base, text, shape)


def _it_is(s: str, base: int, text: str, shape: Shape) -> Iterator[Reading]:
    """ "The Public Liability Insurance Act, 1991 provides ..., making it the correct answer":
    the option whose whole text opens the explanation, if no other option is named before."""
    for m in _IT_IS.finditer(s):
        label = _prefix(text[:400], shape)
        before = _words(text[: base + m.start()])
        others = [
            t for lab, t in shape.options if lab != label and _words(t) and _words(t) in before
        ]
        if label is not None and not others:
            yield Reading("answer", None, label, True, base + m.start(), base + m.end(), m.group())


def _named(s: str, base: int, text: str, shape: Shape, codes: dict[str, str]) -> Iterator[Reading]:
    for m in _IS_THE.finditer(s):
        label = _whole(text[base + m.start("subject") : base + m.end("subject")], shape)
        if label is None:
            continue
        naming = m.group("noun") in ("answer", "option", "choice", "response")
        if m.group("best") and (not naming or _RESERVATION.search(s, m.end())):
            continue  # "the best place", "the closest option, but not right"
        negative = bool(m.group("neg"))
        kind = "answer" if naming and not negative or negative == shape.negative else "not-answer"
        yield Reading(kind, None, label, True, base + m.start(), base + m.end(), m.group().strip())
    for m in _THE_X_IS.finditer(s):
        if m.group("noun2"):
            negative = (m.group("word") in ("incorrect", "false", "wrong")) != bool(m.group("not"))
        else:
            negative = bool(m.group("neg"))
        rest = text[base + m.end() : base + m.end() + 600]
        label = _prefix(rest, shape)
        if label is None and codes:
            code = code_in(rest.lower(), len(next(iter(codes.values()))))
            matches = [lab for lab, digits in codes.items() if digits == code]
            label = matches[0] if len(matches) == 1 else None
        if label is None and "statement" in (m.group("noun"), m.group("noun2")):
            label = _only(rest, shape) if not negative else None
            label = label or _lettered_statement(rest, shape)
        if label is None:
            continue
        kind = "answer" if negative == shape.negative else "not-answer"
        yield Reading(kind, None, label, True, base + m.start(), base + m.end(), m.group().strip())


_STATED = re.compile(r"\s*\(?([a-d1-4])\)?(?=\s*(?:[:.;,]|$))", re.IGNORECASE)


def _only(rest: str, shape: Shape) -> str | None:
    """ "The correct statement is C: ..." where the options are "Only A", "Only C", ...: the
    one statement said correct, as the option that names it alone."""
    m = _STATED.match(rest)
    if m is None:
        return None
    item = m.group(1).lower()
    found = [
        label for label, text in shape.options if _words(text) in (f"only {item}", f"{item} only")
    ]
    return found[0] if len(found) == 1 else None


#: "Only C", "Vitamin A", "(a) and (b)", "a and b" (not the article in "in a vacuum")
_HOLDS_LETTER = re.compile(r"\b[A-D]\b|\([a-d]\)|\b[a-d]\s*(?:,|and|&)\s*[a-d]\b")


def _lettered_statement(rest: str, shape: Shape) -> str | None:
    """ "The correct statement is (c): ..." in a single question whose options are the
    statements: option (c). Not when an option's text holds a letter ("Only C", "Vitamin A"):
    the letter may then be a statement of the stem."""
    m = re.match(r"\s*\(([a-d])\)", rest, re.IGNORECASE)
    if m is None or any(_HOLDS_LETTER.search(t) for _, t in shape.options):
        return None
    return m.group(1).upper()


def _option_named(part: str, shape: Shape) -> str | None:
    """The one option a short name stands for: its whole text, its first words ("Government of
    India Act" for "Government of India Act, 1935") or its text with one word of kind added
    ("30 years", "Article 269", "24th Amendment")."""
    wanted = _words(part)
    if not wanted:
        return None
    found = []
    for label, text in shape.options:
        option = _words(text)
        if not option:
            continue
        if option == wanted or len(wanted) >= 3 and option.startswith(wanted + " "):
            found.append(label)
        elif wanted.endswith(" " + option) or wanted.startswith(option + " "):
            extra = (
                wanted.removesuffix(" " + option)
                if wanted.endswith(" " + option)
                else wanted[len(option) + 1 :]
            )
            if " " not in extra and extra not in _NOT_A_KIND:
                found.append(label)
    return found[0] if len(found) == 1 else None


_NOT_A_KIND = frozenset(
    [
        "not",
        "no",
        "only",
        "also",
        "both",
        "and",
        "or",
        "except",
        "neither",
        "nor",
        "all",
        "none",
        "is",
        "are",
        "was",
        "were",
        "than",
        "option",
        "options",
        "why",
        "the",
        "a",
        "an",
    ]
)


def _options_named(name: str, shape: Shape) -> list[str]:
    """The options a bullet's name stands for: one, or several joined ("0-10 Hz and 100 Hz",
    "Bahlul Lodi & Sikandar Lodi"); every part must name a different option, else none."""
    whole = _option_named(name, shape)
    if whole is not None:
        return [whole]
    parts = [p for p in re.split(r"\s*(?:,|&|\band\b)\s*", name) if p.strip()]
    if len(parts) < 2:
        return []
    found = [_option_named(part, shape) for part in parts]
    if None in found or len(set(found)) != len(found):
        return []
    return [label for label in found if label is not None]


#: "A) Samprati was ...", "... later renamed **B) Tamil Nadu**": a letter and its option's text
_LETTER_TEXT = re.compile(r"(?<![\w])\(?([a-d])\)\s*\**\s*(?P<rest>[^\n]{1,120})")


def _letters_with_text(s: str, base: int, shape: Shape) -> Iterator[Reading]:
    for m in _LETTER_TEXT.finditer(s):
        label = m.group(1).upper()
        text = dict(shape.options).get(label)
        if not text:
            continue
        option, rest = _words(text), _words(m.group("rest"))
        before = s[max(0, m.start() - 40) : m.start()]
        if re.search(r"\b(?:correct|right|answer|unlike|than|like|whereas|while)\b", before):
            continue  # "unlike the correct answer C) Madras"
        if option and (rest == option or rest.startswith(option + " ")):
            end = m.start("rest") + len(text)
            yield Reading(
                "not-answer", None, label, True, base + m.start(), base + end, s[m.start() : end]
            )


def _ruled_out(s: str, base: int, shape: Shape) -> Iterator[Reading]:
    """A bullet under "Why other options are incorrect": the options it names are not the answer."""
    m = _BULLET.match(s)
    if m is None:
        yield from _letters_with_text(s, base, shape)
        return
    name = m.group("name").strip(" *()")
    letters = re.fullmatch(
        r"(?:options?\s+)?\(?([a-d])\)?(?:\s*(?:,|and|&)\s*\(?([a-d])\)?)?(?:\s*(?:,|and|&)\s*\(?([a-d])\)?)?",
        name,
    )
    labels = dict(shape.options)
    if letters:
        found = [g.upper() for g in letters.groups() if g]
    else:
        found = _options_named(name, shape)
        if not found:
            yield from _letters_with_text(s, base, shape)
            return
    for label in found:
        if label in labels:
            yield Reading(
                "not-answer", None, label, True, base + m.start(), base + m.end(), m.group()
            )
