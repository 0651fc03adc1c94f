"""Split an explanation into sentences and clauses, keeping offsets into the original text.

Coaching explanations mix prose, headings ("**Statement 3:**"), numbered paragraphs and
bullets. Readers work on a lower-cased copy of the same length (Markdown emphasis and
typographic quotes replaced one character for one), so every match points back into the
editor's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words before a full stop that do not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "etc",
        "vs",
        "viz",
        "no",
        "nos",
        "art",
        "arts",
        "govt",
        "approx",
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "jr",
        "sr",
        "ltd",
        "co",
        "inc",
        "cf",
        "fig",
        "sec",
        "ch",
        "vol",
        "pp",
        "ed",
        "est",
        "prof",
        "gen",
        "lt",
        "col",
        "capt",
        "hon",
        "rs",
        "mt",
        "km",
        "sq",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "ans",
        "exp",
        "expl",
        "q",
        "qn",
    ]
)
_FOLD = str.maketrans(
    {
        "*": " ",
        "_": " ",
        "`": " ",
        "#": " ",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2022": "-",
        "\u2192": "-",
    }
)
#: A run of full stops, ! or ? before a space, quote or bracket; a line end; a semicolon. Written
#: to start with one character class, which the regex engine scans for fast (3x).
_END = re.compile(r"[.!?\n;](?:(?<=[.!?])[.!?]*(?=[\s\"')\]]|$)|(?<=[\n;]))")


def fold(text: str) -> str:
    """Lower case with emphasis marks, curly quotes and dashes made plain; same length."""
    folded = text.translate(_FOLD).lower()
    # lower() can change the length of a few characters (e.g. U+0130); keep offsets exact.
    return folded if len(folded) == len(text) else text.translate(_FOLD)


@dataclass(frozen=True)
class Segment:
    """One sentence (or line) of the folded text: offsets and the sentence's own text."""

    start: int
    end: int
    text: str
    #: True when the sentence opens a new paragraph or list item (a heading may follow).
    opens_block: bool
    question: bool


def segments(folded: str) -> list[Segment]:
    """Sentences of a folded text; abbreviations and initials do not end one."""
    found: list[Segment] = []
    start = 0
    block = True
    for match in _END.finditer(folded):
        mark = match.group()
        if mark.startswith(".") and _is_abbreviation(folded, match.start()):
            continue
        end = match.end()
        _add(found, folded, start, end, block)
        block = mark == "\n"
        start = end
    _add(found, folded, start, len(folded), block)
    return found


def _add(found: list[Segment], folded: str, start: int, end: int, block: bool) -> None:
    text = folded[start:end]
    stripped = text.strip()
    if not stripped:
        return
    lead = len(text) - len(text.lstrip())
    # "Why is statement 2 incorrect?" presupposes its verdict: it is not a question to skip.
    question = stripped.endswith("?") and not stripped.lstrip("*-( ").startswith("why ")
    found.append(Segment(start + lead, end, text.strip(), block or text.startswith("\n"), question))


def _is_abbreviation(folded: str, dot: int) -> bool:
    """Whether the full stop at `dot` belongs to an abbreviation, an initial or a number."""
    if dot + 1 < len(folded) and folded[dot + 1].isdigit():
        return True  # 3.5
    if _list_marker(folded, dot):
        return True  # "3. The IPEF ..." numbers a paragraph
    word_start = dot
    while word_start > 0 and (folded[word_start - 1].isalpha() or folded[word_start - 1] == "."):
        word_start -= 1
        if dot - word_start > 12:
            return False
    word = folded[word_start:dot].strip(".")
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    if len(word) == 1 and _NUMERAL_BEFORE.search(folded, max(0, word_start - 12), word_start):
        return False  # "Statement-I." / "Statement I." ends a sentence: a numeral, not an initial
    # A single letter is an initial ("C. Rajagopalachari") unless a lower-case word follows.
    return len(word) == 1 and word.isalpha() and _next_is_capital_name(folded, dot)


_NUMERAL_BEFORE = re.compile(r"(?:statement|pair|row|part|schedule|article)\s*-?\s*$|-$")


def _list_marker(folded: str, dot: int) -> bool:
    """A number or Roman numeral opening a line or following a sentence: "3." or "iii."."""
    start = dot
    while start > 0 and (folded[start - 1].isdigit() or folded[start - 1] in "ivx"):
        start -= 1
        if dot - start > 4:
            return False
    if start == dot:
        return False
    while start > 0 and folded[start - 1] in " \t(-":  # no copy of the text before: linear
        start -= 1
    return start == 0 or folded[start - 1] in "\n.!?;:"


def _next_is_capital_name(folded: str, dot: int) -> bool:
    rest = folded[dot + 1 : dot + 30].lstrip()
    return bool(rest[:1].isalpha())
