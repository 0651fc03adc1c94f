"""Acronyms a reader may not know: all-capital words that are not explained anywhere.

An acronym is explained when the glossary has it, when every reader of a UPSC paper knows
it (a short list), or when the source spells it out itself: "... Authority of India
(UIDAI)", "UIDAI (Unique Identification Authority of India)", or "the Financial Action
Task Force ... FATF". Roman numerals ("Part XX"), units after a number ("2,245 MW",
"5 HP"), eras ("232 BCE", "AD 1206") and English words set in capitals for emphasis
("NOT", "ONLY") are not acronyms.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate

#: A capitalised token of 2-16 characters; a trailing lower-case "s" is a plural.
TOKEN = re.compile(r"\b([A-Z][A-Z0-9&]{0,14}[A-Z])(s?)(?:\b|(?=\d))")
#: TOKEN without its leading \b (a regex that opens with a character set scans far faster);
#: tokens() checks the boundary itself.
_TOKEN_FAST = re.compile(r"([A-Z][A-Z0-9&]{0,14}[A-Z])(s?)(?:\b|(?=\d))")


def tokens(text: str) -> Iterator[re.Match[str]]:
    """TOKEN's matches: capitalised runs that start a word."""
    for m in _TOKEN_FAST.finditer(text):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue
        yield m


#: Acronyms every reader of a UPSC paper knows; anything else goes in the source's glossary.
KNOWN = frozenset(
    [
        "UPSC",
        "GS",
        "UN",
        "USA",
        "US",
        "UK",
        "EU",
        "UAE",
        "USSR",
        "GDP",
        "GNP",
        "GST",
        "AI",
        "IT",
        "ISRO",
        "NASA",
        "NATO",
        "WTO",
        "IMF",
        "UNESCO",
        "WHO",
        "ASEAN",
        "BRICS",
        "SCO",
        "SAARC",
        "RBI",
        "SEBI",
        "CAG",
        "CBI",
        "DRDO",
        "NITI",
        "CSAT",
        "IAS",
        "IPS",
        "IFS",
        "MP",
        "MLA",
        "PM",
        "CM",
        "ICT",
        "FDI",
        "R&D",
        "LAC",
        "LOC",
        "ISO",
        "NOT",
        "UNSC",
        "UNGA",
        "UNEP",
        "UNDP",
        "ILO",
        "FAO",
        "OECD",
        "OPEC",
        "IAEA",
        "NGO",
        "PIL",
        "FIR",
        "CPI",
        "WPI",
        "OBC",
        "SC",
        "ST",
        "PSU",
        "MSME",
        "CEO",
        "COVID",
        "HIV",
        "AIDS",
        "DNA",
        "RNA",
        "GPS",
        "NCERT",
        "IIT",
        "AIIMS",
        "LPG",
        "CNG",
        "TV",
        "USD",
        "INR",
    ]
)
#: English words printed in capitals for emphasis in questions.
EMPHASIS = frozenset(
    [
        "NOT",
        "ONLY",
        "ALL",
        "NONE",
        "AND",
        "OR",
        "BOTH",
        "NEITHER",
        "NOR",
        "CORRECT",
        "INCORRECT",
        "TRUE",
        "FALSE",
        "WRONG",
        "RIGHT",
        "ANSWER",
        "NOTE",
        "EXPLANATION",
        "OPTION",
        "OPTIONS",
        "STATEMENT",
        "STATEMENTS",
        "PAIR",
        "PAIRS",
        "YES",
        "NO",
        "AT",
        "LEAST",
        "MOST",
        "EXCEPT",
        "ALWAYS",
        "NEVER",
        "BEFORE",
        "AFTER",
        "IS",
        "ARE",
        "THE",
        "OF",
        "IN",
        "ON",
        "TO",
        "FOR",
        "WITH",
        "WITHOUT",
        "MUST",
        "CANNOT",
        "CAN",
        "ANY",
        "EACH",
        "EVERY",
        "ONE",
        "TWO",
        "THREE",
        "FOUR",
        "FIRST",
        "SECOND",
        "THIRD",
        "LAST",
        "MORE",
        "LESS",
        "TODO",
        "TBD",
        "XXX",
        "FILL",
    ]
)
ERAS = frozenset({"BC", "BCE", "AD", "CE"})
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_CONTEXT = re.compile(
    r"\b(?:part|schedule|article|chapter|section|title|book|volume|phase|stage|class|plan|"
    r"amendment|annex|appendix|statement|statements|paper|list|entry|clause|rule|grade|"
    r"category|tier|level|round|session|pillar|wave)s?\s*$",
    re.IGNORECASE,
)
NUMBER_BEFORE = re.compile(r"\d(?:[\d,.]*\d)?\s?$")  # "2,245 MW", not "in 2016, COMCASA"
_SMALL = frozenset({"of", "and", "for", "the", "on", "in", "to", "a", "an", "&"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*")
_PIECE = re.compile(r"[A-Za-z][\w'\u2019-]*|[^\w\s]")


def _roman(token: str, before: str) -> bool:
    """A Roman numeral, or one with a letter suffix in a numbered context ("Part IVA")."""
    if _ROMAN.fullmatch(token):
        return set(token) <= set("IVXL") or bool(_ROMAN_CONTEXT.search(before))
    return (
        len(token) > 1
        and bool(_ROMAN.fullmatch(token[:-1]))
        and bool(_ROMAN_CONTEXT.search(before))
    )


def _within_words(token: str, words: list[str]) -> bool:
    """The token's letters, in order, inside the last few words, starting with one's first letter."""
    letters = [c for c in token.lower() if c.isalpha()]
    if len(letters) < 2:
        return False
    for index, word in enumerate(words):
        if word[:1].lower() != letters[0]:
            continue
        rest = "".join(words[index:]).lower()[1:]
        pos = 0
        for letter in letters[1:]:
            pos = rest.find(letter, pos) + 1
            if pos == 0:
                break
        else:
            return True
    return False


def _initials(words: Iterable[str]) -> str:
    """Initials of words, splitting hyphenated words ("Indo-Pacific" -> "ip")."""
    return "".join(part[0].lower() for word in words for part in word.split("-") if part)


def _matches(token: str, initials: str) -> bool:
    """Whether a token's letters are (mostly) a subsequence of initials, its first letter included."""
    letters = [c for c in token.lower() if c.isalpha()]
    if not letters or letters[0] not in initials:
        return False
    start = initials.index(letters[0])
    hits, pos = 0, start
    for letter in letters:
        found = initials.find(letter, pos)
        if found >= 0:
            hits += 1
            pos = found + 1
    return hits >= max(2, round(0.75 * len(letters)))


class _Expansions:
    """Where a source spells acronyms out, built once per source."""

    def __init__(self, texts: list[str]) -> None:
        self.runs: list[str] = []  # initials of runs of capitalised words
        self.defined: set[str] = set()  # tokens defined in parentheses, either way round
        for text in texts:
            self._scan(text)

    def _scan(self, text: str) -> None:
        run: list[str] = []
        for m in _PIECE.finditer(text):
            word = m.group()
            if word[:1].isupper():
                run.append(word)
            elif run and word.lower() in _SMALL:
                continue
            elif run:
                self.runs.append(_initials(run))
                run = []
        if run:
            self.runs.append(_initials(run))
        for m in re.finditer(r"\(\s*([A-Z][A-Za-z0-9&-]{1,15})\s*\)", text):
            token = m.group(1)
            before = _WORD.findall(text[max(0, m.start() - 160) : m.start()])[-(len(token) + 5) :]
            words = [w for w in before if w.lower() not in _SMALL]
            # "Protection of Children from Sexual Offences (POCSO)": small words may count
            if (words and _matches(token, _initials(words))) or (
                before and _matches(token, _initials(before))
            ):
                self._define(token)
            elif before and _within_words(token, before[-3:]):
                self._define(token)  # "Hydrofluorocarbons (HFCs)"
        for m in re.finditer(
            r"\b([A-Z][A-Z0-9&]{1,15})s?(?:\s+[A-Za-z]+){0,2}\s*\(([^()]{3,160})\)", text
        ):
            words = [w for w in _WORD.findall(m.group(2)) if w.lower() not in _SMALL]
            if words and _matches(m.group(1), _initials(words)):
                self.defined.add(m.group(1))

    def _define(self, token: str) -> None:
        self.defined.add(token)
        self.defined.add(re.sub(r"[^A-Z&].*$", "", token))  # "COP28" defines COP, "HFCs" HFC
        self.defined.update(part for part in token.split("-") if part)  # "PM-KISAN": KISAN

    def explains(self, token: str) -> bool:
        if token in self.defined:
            return True
        wanted = "".join(c for c in token.lower() if c.isalpha())
        return len(wanted) >= 2 and any(wanted in run for run in self.runs)


def unknown_acronyms(texts: list[str], glossary: set[str]) -> list[str]:
    """Acronyms in texts that nothing explains, in order of first appearance."""
    expansions: _Expansions | None = None
    found: dict[str, None] = {}
    # One scan of all the texts joined by line ends finds exactly each text's tokens (a token
    # never holds a line end, and one ends or starts a word as the text's end or start does).
    joined = "\n".join(texts)
    starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    for m in tokens(joined):
        index = bisect_right(starts, m.start()) - 1
        text, base = texts[index], starts[index]
        token = m.group(1)
        if token in found or token in glossary or token in KNOWN or token in EMPHASIS:
            continue
        if m.group(2) and token + "S" in glossary:
            continue
        start, end = m.start() - base, m.end() - base
        before = text[max(0, start - 40) : start]
        after = text[end : end + 12]
        if _roman(token, before) or NUMBER_BEFORE.search(before):
            continue
        if token in ERAS:
            continue
        if len(token) <= 2 and after[:1].isdigit():
            continue  # a chemical formula or a group name: CO2, SO2, G7
        if re.match(r"-\d", after) or re.search(r"(?<![A-Za-z])[a-z]-$", before):
            continue  # a designation or a brand: "DMH-11", "GSAT-30", "e-NAM"
        if expansions is None:
            expansions = _Expansions(texts)
        if expansions.explains(token):
            continue
        found[token] = None
    return list(found)
