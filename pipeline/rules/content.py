"""Content lint: no web leftovers, placeholders, hidden characters or unexplained acronyms.

`content/placeholder` (error)
    fails: "Loading interactive map...", "Show Answer", "TODO", "TBD", "Lorem ipsum",
           "Explanation pending", "FILL IN" anywhere in a text.
`content/markup` (error): sources are plain text; HTML tags such as "<b>" or "<script>",
    and CSS such as "@import" or "url(file:...)", are refused (the renderer would print
    them literally anyway).
`content/too-long` (error): one field holds at most 10,000 characters (an editorial
    paragraph is a few hundred).
`content/long-word` (error): a "word" of more than 60 characters (no spaces) cannot be
    printed on a line; URLs and codes belong elsewhere.
`content/hidden-character` (error): control characters and bidirectional overrides
    (U+202A-U+202E, U+2066-U+2069) change what a reader sees; remove them.
`content/unknown-acronym` (warning)
    passes: "DTTI" used with {"term": "DTTI", ...} in the glossary
    fails:  "CET" used with no glossary entry (and not a universally known acronym)
`content/unknown-country` (error): a map country code the map data does not know.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Severity
from ..positions import escape
from ..sources import Source
from .base import Context, Problem, Rule

NEEDS: tuple[str, ...] = ()

RULES = (
    Rule("content/placeholder", Severity.ERROR, "No placeholder or web-leftover text"),
    Rule("content/markup", Severity.ERROR, "Texts are plain text, without HTML markup or CSS"),
    Rule("content/too-long", Severity.ERROR, "No text field is longer than 10,000 characters"),
    Rule("content/long-word", Severity.ERROR, "No word is longer than 60 characters"),
    Rule(
        "content/hidden-character",
        Severity.ERROR,
        "No control characters or bidirectional overrides in text",
    ),
    Rule(
        "content/unknown-acronym",
        Severity.WARNING,
        "Acronyms are in the glossary or universally known",
    ),
    Rule(
        "content/unknown-country",
        Severity.ERROR,
        "Map countries are ISO 3166 codes the map data knows",
    ),
)

PLACEHOLDER = re.compile(
    r"loading\b[^\n]*?\.\.\.|loading interactive|show answer|\btodo\b|\btbd\b|lorem ipsum|"
    r"explanation pending|\bfill in\b|\bxxx\b|\[placeholder\]",
    re.IGNORECASE,
)
#: Words every placeholder match contains: a cheap test before the regex runs.
PLACEHOLDER_WORDS = (
    "loading",
    "show answer",
    "todo",
    "tbd",
    "lorem",
    "pending",
    "fill in",
    "xxx",
    "placeholder",
)


def _has_placeholder(text: str) -> re.Match[str] | None:
    lowered = text.lower()
    if not any(word in lowered for word in PLACEHOLDER_WORDS):
        return None
    return PLACEHOLDER.search(text)


MARKUP = re.compile(
    r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?\s*>|<!--|<!\[CDATA\[|@import\b|\burl\(\s*['\"]?\w+:",
    re.IGNORECASE,
)
#: Longest text a field may hold, and longest unbroken word a printed line can take.
MAX_TEXT = 10_000
MAX_WORD = 60
LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1},}}")
HIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z](?:s)?\b")
#: Acronyms every reader of a UPSC paper knows; anything else goes in the source's glossary.
KNOWN_ACRONYMS = frozenset(
    [
        "UPSC",
        "GS",
        "UN",
        "USA",
        "UK",
        "EU",
        "GDP",
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
        "G20",
        "G7",
        "SCO",
        "SAARC",
        "RBI",
        "CSAT",
        "IAS",
        "IPS",
        "IFS",
        "NITI",
        "MP",
        "MLA",
        "PM",
        "CM",
        "ICT",
        "GST",
        "FDI",
        "R&D",
        "LAC",
        "LOC",
        "ISO",
        "NOT",
    ]
)
#: Fields that hold codes and ids, not prose: no acronym checks there.
NOT_PROSE = re.compile(
    r"/(countries/\d+|label|answer|id|src|facts/\d+|tags/\d+|topic|paper|format)$"
)
ROMAN_NUMERAL = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X)$")


def _known(word: str, glossary: set[str]) -> bool:
    stem = word[:-1] if word.endswith("s") and word[:-1] in glossary else word
    return stem in glossary or stem in KNOWN_ACRONYMS or bool(ROMAN_NUMERAL.match(stem))


def strings(value: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a document with its pointer, in document order, skipping $schema."""
    stack = [(pointer, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            children = [(f"{where}/{escape(k)}", v) for k, v in item.items() if k != "$schema"]
            stack.extend(reversed(children))
        elif isinstance(item, list):
            stack.extend(reversed([(f"{where}/{i}", v) for i, v in enumerate(item)]))


#: Keys whose values are codes or ids, not prose (the fast path skips them for acronyms).
CODE_KEYS = frozenset(
    {"id", "label", "answer", "src", "topic", "paper", "format", "countries", "facts", "tags"}
)


def _texts(value: Any) -> tuple[list[str], list[str]]:
    """All strings, and the prose among them (not codes, not the glossary), without pointers."""
    everything: list[str] = []
    prose: list[str] = []
    stack: list[tuple[Any, bool]] = [(value, True)]
    while stack:
        item, is_prose = stack.pop()
        if isinstance(item, str):
            everything.append(item)
            if is_prose:
                prose.append(item)
        elif isinstance(item, dict):
            for key, child in item.items():
                if key != "$schema":
                    stack.append((child, is_prose and key not in CODE_KEYS and key != "glossary"))
        elif isinstance(item, list):
            stack.extend((child, is_prose) for child in item)
    return everything, prose


def _suspicious(text: str) -> bool:
    """Cheap tests first; a regex runs only where its tell-tale characters appear."""
    lowered = text.lower()
    return bool(
        any(word in lowered for word in PLACEHOLDER_WORDS)
        or (("<" in text or "@import" in lowered or "url(" in lowered) and MARKUP.search(text))
        or HIDDEN.search(text)
        or max(map(len, text.split()), default=0) > MAX_WORD
    )


def check(source: Source, context: Context) -> Iterator[Problem]:
    data = source.data
    glossary = {entry["term"] for entry in data.get("glossary", [])}
    # One pass over all the text first: most sources are clean, and then nothing else runs.
    everything, prose = _texts(data)
    suspicious = (
        _suspicious("\n".join(everything)) or max(map(len, everything), default=0) > MAX_TEXT
    )
    unknown = {
        word for word in set(ACRONYM.findall("\n".join(prose))) if not _known(word, glossary)
    }
    texts = list(strings(data)) if suspicious or unknown else []
    reported: set[str] = set()
    for pointer, text in texts:
        match = _has_placeholder(text)
        if match:
            yield Problem(
                "content/placeholder",
                pointer,
                f'placeholder or web-leftover text "{match.group()}"; replace it with content or remove it',
            )
        markup = MARKUP.search(text)
        if markup:
            yield Problem(
                "content/markup",
                pointer,
                f'HTML markup "{markup.group()[:40]}" in text; sources are plain text, so write it without tags',
            )
        if len(text) > MAX_TEXT:
            yield Problem(
                "content/too-long",
                pointer,
                f"text is {len(text):,} characters; at most {MAX_TEXT:,} are allowed in one field",
            )
        else:
            word = LONG_WORD.search(text)
            if word and not NOT_PROSE.search(pointer):
                yield Problem(
                    "content/long-word",
                    pointer,
                    f'a {len(word.group()):,}-character word ("{word.group()[:20]}...") cannot be printed on a line; break it up',
                )
        hidden = HIDDEN.search(text)
        if hidden:
            yield Problem(
                "content/hidden-character",
                pointer,
                f"hidden character U+{ord(hidden.group()):04X} in text; remove it",
            )
        if match or pointer.startswith("/glossary/") or NOT_PROSE.search(pointer):
            continue
        for word in ACRONYM.findall(text):
            stem = word[:-1] if word.endswith("s") and word[:-1] in glossary else word
            if _known(word, glossary) or stem in reported:
                continue
            reported.add(stem)
            yield Problem(
                "content/unknown-acronym",
                pointer,
                f'acronym \'{stem}\' is not in the glossary; add {{"term": "{stem}", "expansion": "..."}}',
            )
    map_data = data.get("visuals", {}).get("map")
    if map_data:
        from ..render.worldmap import known_countries

        known = known_countries()
        for index, code in enumerate(map_data["countries"]):
            if code not in known:
                yield Problem(
                    "content/unknown-country",
                    f"/visuals/map/countries/{index}",
                    f"'{code}' is not an ISO 3166-1 alpha-2 code the map knows",
                )
