"""Whether a question's options may move in booklet series, and where its explanation names them.

Options move only for `single` questions that allow it (`"shuffle_options": true`) and whose
explanations (English and Hindi) name options by letters the readers place for sure, so a
series can re-letter them. Read on the raw question once, when the content model is built,
and by the `answer-key/fixed-options` rule.
"""

from __future__ import annotations

from typing import Any

Span = tuple[int, int, str]


def may_shuffle_options(question: dict[str, Any]) -> bool:
    """Only `single` questions that allow it, and whose explanation can be re-lettered for sure."""
    if question["format"] != "single" or not question.get("shuffle_options", False):
        return False
    _, sure = explanation_letters(question)
    hindi = question.get("hi")
    if sure and isinstance(hindi, dict) and hindi.get("explanation"):
        _, sure = hindi_letters(hindi["explanation"])
    return sure


def explanation_letters(question: dict[str, Any]) -> tuple[list[Span], bool]:
    """Where the explanation names options by letter, and whether every such place was found."""
    from .language.letters import option_letters
    from .rules.explanation import shape_of

    return option_letters(question["explanation"], shape_of(question))


def hindi_letters(explanation: str) -> tuple[list[Span], bool]:
    """The same for a Hindi explanation."""
    from .language.hindi import option_letters

    return option_letters(explanation)
