"""The `translation/` rules and Hindi explanation reading, on tests/accuracy/translation.jsonl.

Each example is a text and its Hindi ("text": numbers, script, acronyms), an option and its
Hindi ("option": meaning), or a Hindi explanation of a question with given flags
("explanation": verdicts and the named answer). Every one runs through the real rule code.
"""

from __future__ import annotations

from typing import Any

from pipeline.checks.rules.explanation import check_hindi
from pipeline.checks.rules.translation import _options, _texts

TEXT_RULES = {
    "translation/numbers",
    "translation/number-missing",
    "translation/script",
    "translation/acronym",
}
OPTION_RULES = {"translation/option-meaning", "translation/option-unread"}
EXPLANATION_RULES = {"explanation/contradicts-flag", "explanation/contradicts-answer"}
FORMATS = {"code": "statements", "count": "statements-count", "reason": "statement-reason"}


def found_rules(example: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(rules this kind of example can fire, rules that fired)."""
    kind = example["kind"]
    if kind == "text":
        pair = (example["en"], example["hi"], "/hi/text", True)
        found = {p.rule for p in _texts(iter([pair]), example.get("glossary", {}))}
        return TEXT_RULES, found
    if kind == "option":
        question = {
            "format": FORMATS[example["format"]],
            "options": [{"label": "A", "text": example["en"]}],
        }
        found = {p.rule for p in _options(question, {"options": [{"text": example["hi"]}]}, "")}
        return OPTION_RULES, found
    flags = example["flags"]
    question: dict[str, Any] = {
        "format": example["format"],
        "stem": example.get("stem", "Consider the following statements:"),
        "answer": example["answer"],
        "options": [{"label": letter, "text": "-"} for letter in "ABCD"],
    }
    if example.get("options_hi"):
        question["hi"] = {"options": [{"text": t} for t in example["options_hi"]]}
    if "explains" in example:
        question["explains"] = example["explains"]
    if example["format"] == "pairs":
        question["pairs"] = [{"left": "L", "right": "R", "correct": f} for f in flags]
    else:
        question["statements"] = [{"text": "S", "correct": f} for f in flags]
    found = {p.rule for p in check_hindi(question, example["hi"], "/questions/0")}
    return EXPLANATION_RULES, found
