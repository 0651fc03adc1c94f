"""Whether a question asks for the correct statements or the NOT-correct ones.

Read from the question sentence of the stem and prompt ("Which of the statements given
above is/are NOT correct?", "How many of the pairs given above are incorrectly matched?",
"Which of the following statements is/are correct about ...?"). "Select the correct
answer using the code given below" is an instruction, not the question. When no question
sentence names a polarity, the reader says nothing.
"""

from __future__ import annotations

import re

_QUESTION = re.compile(
    r"\b(?:which|how\s+many|in\s+how\s+many)\b(?P<mid>[^?.;:\n]{0,160}?)\b(?:is\s*/\s*are|are|is|was|were)\s+"
    r"(?:the\s+(?:information|details?|entr(?:y|ies))\s+|the\s+(?=correct\s+statement|incorrect\s+statement))?"
    r"(?P<not>not\s+)?(?P<word>(?:in)?correct(?:ly\s+(?:matched|stated|paired))?|(?:in)?correctly\s+matched|"
    r"true|false|wrong(?:ly\s+matched)?|right|accurate|inaccurate|matched\s+(?:in)?correctly)\b",
    re.IGNORECASE,
)
_NEGATIVE = ("incorrect", "false", "wrong", "inaccurate")
MAX_PROMPT = 2_000


def asks_incorrect(stem: str, prompt: str) -> bool | None:
    """True if the question asks for the incorrect items, False for the correct, None if unsure."""
    text = f"{stem[:MAX_PROMPT]}\n{prompt[:MAX_PROMPT]}"
    found: set[bool] = set()
    for m in _QUESTION.finditer(text):
        word = m.group("word").lower()
        negative = any(word.startswith(n) for n in _NEGATIVE) or word.startswith(
            "matched incorrectly"
        )
        found.add(negative != bool(m.group("not")))
    return found.pop() if len(found) == 1 else None


_NOT = re.compile(
    r"(?i:\b(?:which|what|who)\b[^?.\n]{0,120}?\b(?:is|are|was|were|does|do|did|has|have|can)\s+not\b)"
    r"|\bNOT\b|\bEXCEPT\b|\bexcept\b"
)


def asks_not(stem: str, prompt: str) -> bool:
    """Whether a single-answer question asks for the one that does NOT hold ("Which one of the
    following is not a feature of ...?", "... is NOT correct?", "all of the following except")."""
    if asks_incorrect(stem, prompt):
        return True
    return bool(_NOT.search(f"{stem[:MAX_PROMPT]}\n{prompt[:MAX_PROMPT]}"))
