"""The answer an explanation opens with: the option's letter and its whole text as a heading.

"(c) Common: 'Guru' names a whole class ...", "**(B) Time period:** one full swing ...",
"(ग) पर: ..." (generated and bilingual banks open most explanations so). Read only when all
of these hold, else nothing is said:
- the heading is the explanation's first line, and no other line opens with a letter
  (option-by-option notes open every line so, and none of them names the answer);
- the words after the letter are that option's whole text (a gloss in brackets may follow:
  "(B) Doubtful Past (Sandigdh Bhutkal):"), then a colon, a dash, a full stop or the end of the
  line ("(b) Tea gardens cover ..." is a sentence, not a heading);
- the heading is not followed by a verdict against it ("(a) Jute: incorrect, ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = r"[\w\u0900-\u0963\u0966-\u097f]+"
_NOT_WORD = r"[^\w\u0900-\u0963\u0966-\u097f]"
#: A line opening with "(c)", "c)" or a Hindi paper's "(ग)", after bullets or emphasis.
_HEAD = re.compile(
    r"(?m)^[\s>*_#\-•]*(?:\(\s*(?P<p>[a-dA-D]|[कखगघ])\s*\)|(?P<b>[a-dA-D])\))[\s*_]*(?P<rest>[^\n]*)"
)
_HINDI = {"क": "A", "ख": "B", "ग": "C", "घ": "D"}
_AGAINST = re.compile(
    r"[\s*_:\-–—.]*(?:(?:is\s+)?(?:incorrect|wrong|false|not\s+(?:correct|right|the\s+answer))\b"
    r"|(?:गलत|ग़लत|असत्य|सही\s+नहीं))",
    re.IGNORECASE,
)


def opening(text: str, options: Sequence[tuple[str, str]]) -> tuple[str, int, int] | None:
    """(label, start, end) of the answer the first line names by letter and text, or None."""
    heads = list(_HEAD.finditer(text[:20_000]))
    if len(heads) != 1 or text[: heads[0].start()].strip(" \t\n*_#>"):
        return None
    head = heads[0]
    token = head.group("p") or head.group("b")
    label = _HINDI.get(token) or token.upper()
    wording = dict(options).get(label)
    if not wording:
        return None
    words = re.findall(_WORD, wording.lower())
    if not words:
        return None
    heading = re.compile(
        rf"{_NOT_WORD}{{0,3}}"
        + rf"{_NOT_WORD}*?".join(map(re.escape, words))
        + rf"(?!{_WORD})(?:\s*\([^()\n]{{1,60}}\))?{_NOT_WORD}*?(?:[:\-–—.;।|]|\Z)"
    )
    rest = head.group("rest").lower()
    found = heading.match(rest)
    if found is None or _AGAINST.match(rest, found.end()):
        return None
    return label, head.start(), head.start("rest") + found.end()
