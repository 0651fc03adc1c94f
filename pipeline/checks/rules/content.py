"""Content lint: no web leftovers, placeholders, markup, hidden characters or unexplained acronyms.

`content/placeholder` (error)
    fails: "Loading interactive map...", "Show Answer", "TODO", "TBD", "Lorem ipsum",
           "Explanation pending", "FILL IN" anywhere in a text.
`content/markup` (error): sources are plain text, printed as written. HTML tags ("<b>",
    "<script>"), HTML character references ("&nbsp;", "&#8217;"), CSS ("@import",
    "url(file:...)") and Markdown ("**bold**", "__bold__", "*italic*", "### heading", "- " or
    "* " bullets, "[text](link)", "`code`", "> quote", tables) would print literally in the
    PDFs; write plain sentences instead. Blanks ("The ______ Act") are not markup.
`content/long-word` (error): a "word" of more than 60 characters with no place to break
    the line (non-breaking spaces do not count as spaces) cannot be printed.
`content/hidden-character` (error): control characters (C0 and C1, U+0080-U+009F: often
    Windows-1252 quotes decoded as Latin-1), bidirectional marks and overrides, zero-width
    spaces, soft hyphens, invisible operators and tag characters (U+E0000 block), and a
    zero-width joiner or non-joiner with no virama beside it (between two words, "कर\u200dके")
    or outside an emoji sequence change what a reader sees (or hide text from a reviewer);
    remove or retype them. "क्\u200dष" (a half form) and "👩\u200d🔬" are text.
`content/unknown-acronym` (warning)
    passes: "DTTI" with {"term": "DTTI", ...} in the glossary; "... Authority of India
            (UIDAI)"; "Part XX"; "2,245 MW"; "232 BCE"
    fails:  "CET" used with no glossary entry and not spelled out in the source
`content/unknown-country` (error): a map country code the map data does not know.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...diagnostics import Severity
from ..language.acronyms import unknown_acronyms
from ..positions import escape
from ..sources import Source
from .base import Context, Problem, Rule

NEEDS: tuple[str, ...] = ()

RULES = (
    Rule("content/placeholder", Severity.ERROR, "No placeholder or web-leftover text"),
    Rule(
        "content/markup",
        Severity.ERROR,
        "Texts are plain text, without HTML, CSS or Markdown markup",
    ),
    Rule("content/long-word", Severity.ERROR, "No word is longer than 60 characters"),
    Rule(
        "content/hidden-character",
        Severity.ERROR,
        "No control characters, bidirectional overrides or invisible characters in text",
    ),
    Rule(
        "content/unknown-acronym",
        Severity.WARNING,
        "Acronyms are in the glossary, spelled out in the source, or universally known",
    ),
    Rule(
        "content/unknown-country",
        Severity.ERROR,
        "Map countries are ISO 3166 codes the map data knows",
    ),
)

# Every pattern here is linear in the text: repetitions are bounded and never overlap.
PLACEHOLDER = re.compile(
    r"loading\b[^\n]{0,80}?\.\.\.|loading interactive|show answer|\btodo\b|\btbd\b|lorem ipsum|"
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
HTML = re.compile(
    r"</?[a-zA-Z][a-zA-Z0-9-]{0,30}(?:\s[^<>]{0,500})?/?>|<!--|<!\[CDATA\[|@import\b|\burl\(\s{0,5}['\"]?\w{1,20}:",
    re.IGNORECASE,
)
#: An HTML character reference left in scraped text: "&nbsp;", "&#8217;", "&amp;".
ENTITY = re.compile(r"&(?:[a-zA-Z]{2,10}|#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6});")
#: Markdown forms, each with the substrings it needs: a regex runs only if one is present
#: (a field's first line counts as a line start: the text is looked at as "\n" + text).
MARKDOWN: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (triggers, re.compile(pattern))
    for triggers, pattern in (
        (("**",), r"\*\*[^*\n]{1,200}?\*\*"),
        (("__",), r"(?<![\w_])__(?=[^\s_])[^_\n]{1,200}?(?<=[^\s_])__(?![\w_])"),
        (("*",), r"(?<![\w*])\*(?=[^\s*])[^*\n]{1,120}?(?<=[^\s*])\*(?![\w*])"),
        (("\n#",), r"(?m:^[ \t]{0,3}#{1,6}[ \t]+\S[^\n]{0,30})"),
        (
            ("\n- ", "\n* ", "\n+ ", "\n -", "\n *", "\n +"),
            r"(?m:^[ \t]{0,3}[-*+][ \t]+\S[^\n]{0,30})",
        ),
        (("](",), r"\[[^\]\n]{1,200}\]\((?:https?://|www\.|/|#)[^)\s]{0,500}\)"),
        (("`",), r"`[^`\n]{1,100}`"),
        (("\n>", "\n >"), r"(?m:^[ \t]{0,3}>[ \t]+\S)"),
        (("---",), r"(?m:^[ \t]{0,3}\|?[ \t]{0,3}:?-{3,}:?[ \t]{0,3}\|)"),
        # A Markdown table row: a line that starts with "|" and holds another one.
        (("\n|", "\n |"), r"(?m:^[ \t]{0,3}\|[^|\n]{1,300}\|)"),
        # Cells run together as text: "Plant | Description", "ED | FEO Act | MHA".
        ((" | ", "\t|", "|\t"), r"[^\s|][ \t]{1,3}\|[ \t]{1,3}[^\s|]"),
    )
)
#: The MARKDOWN triggers that open a line (with "*", "`", "__", "---" and "](": all of them).
_LINE_TRIGGER = re.compile(r"\n(?:[#>]|[-+] | [-*+>])")
#: Longest text a field may hold, and longest unbroken word a printed line can take.
MAX_TEXT = 10_000
MAX_WORD = 60
#: A run of characters with no breaking space: non-breaking spaces join words.
LONG_WORD = re.compile(rf"[^ \t\r\n\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]{{{MAX_WORD + 1}}}")
_HIDDEN = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200d\u200e\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_HIDDEN_ASCII = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Indic letters and signs, the viramas that make a conjunct, and emoji (with VS16).
_INDIC = re.compile(r"[\u0900-\u0dff]")
_VIRAMAS = frozenset("\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d\u0dca")
_EMOJI = re.compile(r"[\u2600-\u27bf\ufe0f\U0001f000-\U0001faff]")


def _joins(text: str, at: int) -> bool:
    """Whether the joiner at `at` does a joiner's work: beside a virama inside an Indic word
    ("क्\u200dष" a half form, "क्\u200cष" a visible virama, "र\u200d्य" Marathi's eyelash ra),
    or a ZWJ between two emoji ("👩\u200d🔬"). Between two words, or after a letter with
    no virama ("कर\u200dके"), it only runs the words together."""
    before = text[at - 1] if at else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    if before in _VIRAMAS and after and _INDIC.match(after) and after not in _VIRAMAS:
        return True
    if after in _VIRAMAS and before and _INDIC.match(before) and before not in _VIRAMAS:
        return True
    return bool(
        text[at] == "\u200d" and before and after and _EMOJI.match(before) and _EMOJI.match(after)
    )


class _Hidden:
    """Hidden characters: one character class (fast), then a look at each joiner's neighbours."""

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if text.isascii():  # the common case: only the C0 controls and DEL can hide there
            return _HIDDEN_ASCII.search(text, pos)
        while (found := _HIDDEN.search(text, pos)) is not None:
            at = found.start()
            if text[at] not in "\u200c\u200d" or not _joins(text, at):
                return found
            pos = at + 1
        return None


HIDDEN = _Hidden()
#: What a C1 control usually was: a Windows-1252 character decoded as Latin-1.
CP1252 = {
    0x80: "€",
    0x85: "…",
    0x91: "‘",
    0x92: "’",
    0x93: "“",
    0x94: "”",
    0x96: "–",
    0x97: "—",
}
NAMES = {
    0xAD: "soft hyphen",
    0x200B: "zero-width space",
    0x200C: "zero-width non-joiner",
    0x200D: "zero-width joiner",
    0xFEFF: "zero-width no-break space",
    0x061C: "Arabic letter mark",
    0x180E: "Mongolian vowel separator",
    0x2062: "invisible times",
}
#: Fields that hold codes and ids, not prose: no acronym or long-word checks there. A
#: waiver's rule and reason are notes to reviewers, never printed: hidden characters only.
NOT_PROSE = re.compile(
    r"/(countries/\d+|label|answer|id|src|facts/\d+|tags/\d+|topic|paper|format|kind|published"
    r"|waive/\d+/(rule|reason))$"
)


def markup(text: str) -> re.Match[str] | None:
    """The first HTML, CSS or Markdown markup in a text."""
    found = None
    # a single character first: str's search for it is far faster than for a longer string
    if (
        "<" in text
        or ("@" in text and "@import" in text)
        or ("(" in text and ("rl(" in text or "RL(" in text))  # url( in any case
    ):
        found = HTML.search(text)
    if found is None and "&" in text and ";" in text:
        found = ENTITY.search(text)
    if found is not None:
        return found
    framed = "\n" + text
    if not (
        "*" in framed
        or "`" in framed
        or ("_" in framed and "__" in framed)
        or "---" in framed
        or ("]" in framed and "](" in framed)
        or _LINE_TRIGGER.search(framed)
    ):
        return (
            None  # none of the triggers below: most texts (a scan each is cheaper than one regex)
        )
    for triggers, pattern in MARKDOWN:
        if any(trigger in framed for trigger in triggers):
            found = pattern.search(text)
            if found is not None:
                return found
    return None


def long_word(text: str) -> re.Match[str] | None:
    """A run of more than MAX_WORD characters with no breaking space."""
    if not any(c in text for c in _NO_BREAK) and max(map(len, text.split()), default=0) <= MAX_WORD:
        return None  # the fast answer: str.split breaks at every space, none is too long
    return LONG_WORD.search(text)


_NO_BREAK = "\u00a0\u2007\u202f\u2060\ufeff"


def hidden_character(text: str) -> re.Match[str] | None:
    return HIDDEN.search(text)


def _hidden_message(char: str) -> str:
    code = ord(char)
    if code in CP1252:
        return f'hidden control character U+{code:04X} in text (a Windows-1252 "{CP1252[code]}" read as Latin-1); retype it as "{CP1252[code]}"'
    if 0x80 <= code <= 0x9F:
        return f"hidden control character U+{code:04X} in text (a Windows-1252 character read as Latin-1); retype it"
    name = NAMES.get(
        code,
        "control character"
        if code < 0x100
        else "invisible tag character"
        if 0xE0000 <= code <= 0xE007F
        else "invisible formatting character",
    )
    return f"hidden {name} U+{code:04X} in text; remove it"


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


def _prose(pointer: str) -> bool:
    return not NOT_PROSE.search(pointer) and not pointer.startswith("/glossary/")


#: ASCII text's shape: the hidden controls as "!", the breaking spaces as " ", the rest "x".
_ASCII_SHAPE = str.maketrans(
    {
        chr(code): "!" if _HIDDEN_ASCII.match(chr(code)) else " " if chr(code) in " \t\r\n" else "x"
        for code in range(128)
    }
)


def _suspicious(text: str) -> bool:
    """Cheap tests first; a regex runs only where its tell-tale characters appear."""
    lowered = text.lower()
    if any(word in lowered for word in PLACEHOLDER_WORDS) or markup(text):
        return True
    if text.isascii():  # hidden characters and long words in one pass of str.translate
        shape = text.translate(_ASCII_SHAPE)
        if "!" in shape or "x" * (MAX_WORD + 1) in shape:
            return True
    elif HIDDEN.search(text) or long_word(text):
        return True
    return len(text) > MAX_TEXT and max(map(len, text.split("\n"))) > MAX_TEXT


def check(source: Source, context: Context) -> Iterator[Problem]:
    data = source.data
    glossary = _glossary(data)
    everything, prose = source.strings
    # Most sources are clean: one look at all the text first; pointers only when needed.
    if _suspicious("\n".join(everything)):
        for pointer, text in strings(data):
            if _suspicious(text):
                yield from _text_problems(pointer, text)
    unknown = unknown_acronyms(prose, glossary) if prose else []
    if unknown:
        yield from _acronym_problems(list(strings(data)), unknown, glossary)
    yield from _countries(data)


def _text_problems(pointer: str, text: str) -> Iterator[Problem]:
    match = PLACEHOLDER.search(text)
    if match:
        yield Problem(
            "content/placeholder",
            pointer,
            f'placeholder or web-leftover text "{match.group()}"; replace it with content or remove it',
        )
    found = markup(text)
    if found:
        kind = {HTML: "HTML markup", ENTITY: "HTML character reference"}.get(found.re, "Markdown")
        if kind == "Markdown" and "|" in found.group():
            yield Problem(
                "content/markup",
                pointer,
                f'a Markdown table "{found.group()[:40].strip()}" in text; write a table with '
                'the question\'s fields instead: "columns" (the headings) and "pairs" (one a row: '
                '"left", "middle" for a third cell, "right"), format "pairs", "pairs-count" or "rows"',
            )
        else:
            yield Problem(
                "content/markup",
                pointer,
                f'{kind} "{found.group()[:40].strip()}" in text; sources are plain text, printed as written, so write it without markup',
            )
    if len(text) > MAX_TEXT:
        return  # the schema's maxLength reports it; nothing longer is read further
    if _prose(pointer) or pointer.startswith("/glossary/"):
        word = long_word(text)
        if word:
            joined = " (joined by non-breaking spaces)" if "\u00a0" in word.group() else ""
            yield Problem(
                "content/long-word",
                pointer,
                f'a word of more than {MAX_WORD} characters{joined} ("{word.group()[:20]}...") cannot be printed on a line; break it up',
            )
    hidden = HIDDEN.search(text)
    if hidden:
        yield Problem("content/hidden-character", pointer, _hidden_message(hidden.group()[0]))


def _acronym_problems(
    texts: list[tuple[str, str]], unknown: list[str], glossary: set[str]
) -> Iterator[Problem]:
    """Each unknown acronym once, at the first field where it appears."""
    waiting = set(unknown)
    for pointer, text in texts:
        if not waiting or not _prose(pointer):
            continue
        for acronym in unknown_acronyms([text], glossary):
            if acronym in waiting:
                waiting.discard(acronym)
                yield Problem(
                    "content/unknown-acronym",
                    pointer,
                    f'acronym \'{acronym}\' is not explained; spell it out in the text ("... ({acronym})") or add {{"term": "{acronym}", "expansion": "..."}} to the glossary',
                )


def _glossary(data: Any) -> set[str]:
    entries = data.get("glossary") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return set()
    return {e["term"] for e in entries if isinstance(e, dict) and isinstance(e.get("term"), str)}


def _countries(data: Any) -> Iterator[Problem]:
    visuals = data.get("visuals") if isinstance(data, dict) else None
    map_data = visuals.get("map") if isinstance(visuals, dict) else None
    countries = map_data.get("countries") if isinstance(map_data, dict) else None
    if not isinstance(countries, list):
        return
    from ...build.render.worldmap import known_countries

    known = known_countries()
    for index, code in enumerate(countries):
        if isinstance(code, str) and code not in known:
            yield Problem(
                "content/unknown-country",
                f"/visuals/map/countries/{index}",
                f"'{code}' is not an ISO 3166-1 alpha-2 code the map knows",
            )
