"""`nox -s accuracy`: precision and recall of every rule that reads language, on tests/accuracy/.

Each JSON Lines file holds labelled examples (see README.md there). Every example runs
through the real rule code; an example the tool gets wrong stays in the corpus and counts.

Usage: python tests/accuracy/measure.py [--verbose] [--json] [--banks DIR]

With development banks (public question banks written by others, never committed: see
tests/accuracy/banks/README.md) under DIR or $UPSC_BANKS, it also prints, per bank, what
the rules do on them; a bank that is absent is skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
if os.environ.get(
    "UPSC_PIPELINE_ROOT"
):  # measure another version of the rules (e.g. before a change)
    sys.path.insert(0, os.environ["UPSC_PIPELINE_ROOT"])

from pipeline.checks.answers import ALL, Unparsable, derive, parse_code, parse_count, parse_reason  # noqa: E402
from pipeline.checks.language.acronyms import unknown_acronyms  # noqa: E402
from pipeline.checks.language.prompts import asks_incorrect  # noqa: E402
from pipeline.checks.rules.content import hidden_character, markup  # noqa: E402
from pipeline.checks.rules.explanation import check_question  # noqa: E402

DEFAULT_CODES = {
    2: ["1 only", "2 only", "Both 1 and 2", "Neither 1 nor 2"],
    3: ["1 and 2 only", "2 and 3 only", "1 and 3 only", "1, 2 and 3"],
    4: ["1 and 2 only", "2 and 3 only", "1, 3 and 4 only", "1, 2, 3 and 4"],
}
DEFAULT_COUNTS = {
    2: ["Only one", "Both", "None", "Only two"],
    3: ["Only one", "Only two", "All three", "None"],
    4: ["Only one", "Only two", "Only three", "All four"],
}
REASON_TWO = [
    "Both Statement-I and Statement-II are correct and Statement-II is the correct explanation for Statement-I",
    "Both Statement-I and Statement-II are correct and Statement-II is not the correct explanation for Statement-I",
    "Statement-I is correct but Statement-II is incorrect",
    "Statement-I is incorrect but Statement-II is correct",
]
REASON_THREE = [
    "Both Statement-II and Statement-III are correct and both of them explain Statement-I",
    "Both Statement-II and Statement-III are correct, but only one of them explains Statement-I",
    "Only one of the Statements II and III is correct and that explains Statement-I",
    "Neither Statement-II nor Statement-III is correct",
]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    examples: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def _lines(pattern: str) -> list[dict[str, Any]]:
    found = []
    for path in sorted(HERE.glob(pattern)):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                found.append(dict(json.loads(line), _where=f"{path.name}:{number}"))
    return found


def question_of(example: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    """A full question from a compact example: format, flags ("TTF"), options, answer."""
    fmt = example["format"]
    flags = [c == "T" for c in case.get("flags", "")]
    count = len(flags) or example.get("statements", 0)
    if fmt == "single":
        texts = example["options"]
    elif fmt == "statement-reason":
        texts = example.get("options") or (REASON_THREE if count == 3 else REASON_TWO)
    elif fmt.endswith("-count"):
        texts = example.get("options") or DEFAULT_COUNTS[count]
    else:
        texts = example.get("options") or DEFAULT_CODES[count]
    question: dict[str, Any] = {
        "id": "q",
        "format": fmt,
        "stem": example.get("stem", "Consider the following:"),
        "options": [{"label": "ABCD"[i], "text": t} for i, t in enumerate(texts)],
        "explanation": example["text"],
        "facts": ["f"],
        "answer": "A",
    }
    if fmt.startswith("pairs"):
        lefts = example.get("pairs") or [f"Left {n}" for n in range(1, count + 1)]
        question["pairs"] = [
            {"left": lefts[i], "right": "Right", "correct": flag} for i, flag in enumerate(flags)
        ]
    elif fmt != "single":
        question["statements"] = [{"text": "A statement.", "correct": flag} for flag in flags]
    if fmt == "statement-reason":
        question["explains"] = case.get("explains", False)
    if "asks" in example:
        question["asks"] = example["asks"]
    if fmt != "single":
        key = derive(question)
        question["answer"] = key.label or "A"
    question["answer"] = case.get("answer", example.get("answer", question["answer"]))
    return question


def _score(
    counts: dict[str, Counts], rules: set[str], found: set[str], expected: set[str], where: str
) -> None:
    for rule in rules:
        c = counts[rule]
        c.examples += 1
        if rule in found and rule in expected:
            c.tp += 1
        elif rule in found:
            c.fp += 1
            c.wrong.append(f"{where}: false alarm")
        elif rule in expected:
            c.fn += 1
            c.wrong.append(f"{where}: missed")


EXPLANATION_RULES = {
    "explanation/contradicts-flag",
    "explanation/contradicts-answer",
    "explanation/unknown-item",
    "explanation/unsure",
    "explanation/missing-verdict",
}


def explanations(counts: dict[str, Counts]) -> int:
    total = 0
    for example in _lines("explanations-*.jsonl"):
        for n, case in enumerate(example["cases"], 1):
            question = question_of(example, case)
            found = {p.rule for p in check_question(question, "/questions/0")}
            where = f"{example['_where']} {example['id']} case {n}"
            _score(counts, EXPLANATION_RULES, found, set(case["expect"]), where)
            total += 1
    return total


def options(counts: dict[str, Counts], read: Counts) -> int:
    parsers = {"code": parse_code, "count": parse_count, "reason": parse_reason}
    examples = _lines("options.jsonl")
    for example in examples:
        where = f"{example['_where']} {example['text']!r}"
        refused = unknown = False
        value: Any = None
        try:
            value = parsers[example["kind"]](example["text"])
        except Unparsable:
            refused = True
        if not refused and example["kind"] == "code":
            value = {*range(1, example["items"] + 1)} if ALL in value else set(value)
            unknown = any(n > example["items"] for n in value)
        elif not refused and example["kind"] == "count":
            value = example["items"] if value == ALL else value
            unknown = value > example["items"]
        elif not refused:
            value = list(value)
        found = {"answer-key/unparsable-option"} if refused else set()
        found |= {"answer-key/unknown-item"} if unknown else set()
        expected = {"answer-key/unparsable-option"} if example.get("unparsable") else set()
        expected |= {"answer-key/unknown-item"} if example.get("unknown_item") else set()
        _score(
            counts,
            {"answer-key/unparsable-option", "answer-key/unknown-item"},
            found,
            expected,
            where,
        )
        if "expect" in example:
            read.examples += 1
            if (
                refused
                or unknown
                or value
                != (set(example["expect"]) if example["kind"] == "code" else example["expect"])
            ):
                read.fn += 1
                read.wrong.append(f"{where}: read as {value!r}")
            else:
                read.tp += 1
    return len(examples)


def acronyms(counts: dict[str, Counts]) -> int:
    examples = _lines("acronyms*.jsonl")
    c = counts["content/unknown-acronym"]
    for example in examples:
        found = set(unknown_acronyms([example["text"]], set(example.get("glossary", []))))
        expected = set(example["expect"])
        c.examples += 1
        c.tp += len(found & expected)
        c.fp += len(found - expected)
        c.fn += len(expected - found)
        if found != expected:
            c.wrong.append(
                f"{example['_where']}: found {sorted(found)}, expected {sorted(expected)}"
            )
    return len(examples)


def content(counts: dict[str, Counts]) -> int:
    examples = _lines("content.jsonl")
    for example in examples:
        found = set()
        if markup(example["text"]):
            found.add("content/markup")
        if hidden_character(example["text"]):
            found.add("content/hidden-character")
        _score(
            counts,
            {"content/markup", "content/hidden-character"},
            found,
            set(example["expect"]),
            example["_where"],
        )
    return len(examples)


def prompts(counts: dict[str, Counts]) -> int:
    examples = _lines("prompts.jsonl")
    for example in examples:
        reading = asks_incorrect(example["stem"], example.get("prompt", ""))
        found = set()
        if reading is not None and reading != (example["asks"] == "incorrect"):
            found.add("answer-key/not-question")
        _score(
            counts, {"answer-key/not-question"}, found, set(example["expect"]), example["_where"]
        )
    return len(examples)


CORPUS = HERE.parent / "corpus" / "upsc-bench-2025.json"


def _statement_style(question: dict[str, Any]) -> str | None:
    """Which parser a corpus question's options need, from its wording (None: not statement-style)."""
    text = question["question_text"]
    if "Statement I" in text and "Statement II" in text and not re.search(r"Question\s*:", text):
        return "reason"
    if re.search(r"How many of the (above|pairs|statements|given)", text):
        return "count"
    if re.search(r"Which of the (statements|pairs|above|assumptions)", text) and re.search(
        r"\n\s*(1|I)\.", text
    ):
        return "code"
    return None


def official_wordings() -> tuple[int, int, list[tuple[str, str, str]]]:
    """Options of the real 2025 statement-style questions (tests/corpus, MIT): tried, read, refused."""
    parsers = {"code": parse_code, "count": parse_count, "reason": parse_reason}
    tried = parsed = 0
    refused = []
    for question in json.loads(CORPUS.read_text(encoding="utf-8")):
        style = _statement_style(question)
        if style is None:
            continue
        for label, text in question["options"].items():
            tried += 1
            try:
                parsers[style](text)
                parsed += 1
            except Unparsable:
                refused.append((question["id"], label, text))
    return tried, parsed, refused


def translation(counts: dict[str, Counts]) -> int:
    from tests.accuracy.translation import found_rules

    examples = _lines("translation*.jsonl")
    for example in examples:
        rules, found = found_rules(example)
        where = f"{example['_where']} {example.get('hi', '')[:40]!r}"
        # Hindi explanation verdicts are scored under their own names, apart from the English.
        prefix = "hindi " if example["kind"] == "explanation" else ""
        scored = {prefix + r for r in rules}
        _score(
            counts,
            scored,
            {prefix + r for r in found},
            {prefix + r for r in example["expect"]},
            where,
        )
    return len(examples)


def measure() -> tuple[dict[str, Counts], Counts, dict[str, int]]:
    counts: dict[str, Counts] = defaultdict(Counts)
    read = Counts()
    sizes = {
        "explanations": explanations(counts),
        "options": options(counts, read),
        "acronyms": acronyms(counts),
        "content": content(counts),
        "prompts": prompts(counts),
        "translation": translation(counts),
    }
    return dict(counts), read, sizes


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--verbose", action="store_true", help="list every example the tool gets wrong"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--banks",
        type=Path,
        default=os.environ.get("UPSC_BANKS"),
        help="folder of development banks (default: $UPSC_BANKS)",
    )
    options_ = parser.parse_args()
    counts, read, sizes = measure()
    if options_.json:
        print(
            json.dumps(
                {
                    rule: {
                        "tp": c.tp,
                        "fp": c.fp,
                        "fn": c.fn,
                        "precision": c.precision,
                        "recall": c.recall,
                    }
                    for rule, c in counts.items()
                }
                | {"official-wordings-read": {"read": read.tp, "of": read.examples}},
                indent=2,
            )
        )
        return 0
    print(
        f"labelled examples: {sum(sizes.values())} ({', '.join(f'{k} {v}' for k, v in sizes.items())})"
    )
    print(
        f"{'rule':<34} {'examples':>8} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}"
    )
    for rule in sorted(counts):
        c = counts[rule]
        print(
            f"{rule:<34} {c.examples:>8} {c.tp:>4} {c.fp:>4} {c.fn:>4} {_pct(c.precision):>10} {_pct(c.recall):>8}"
        )
    print(f"option wordings read as labelled: {read.tp} of {read.examples}")
    tried, parsed, _ = official_wordings()
    print(f"official 2025 option wordings (tests/corpus) read: {parsed} of {tried}")
    errors = [
        c
        for rule, c in counts.items()
        if rule
        not in (
            "explanation/unsure",
            "explanation/missing-verdict",
            "content/unknown-acronym",
            "translation/acronym",
            "translation/number-missing",
            "translation/option-unread",
        )
    ]
    tp, fp = sum(c.tp for c in errors), sum(c.fp for c in errors)
    print(
        f"errors overall: precision {_pct(tp / (tp + fp) if tp + fp else None).strip()} ({tp} right, {fp} false alarms)"
    )
    if options_.verbose:
        for rule in sorted(counts):
            for line in counts[rule].wrong:
                print(f"  {rule}: {line}")
        for line in read.wrong:
            print(f"  option reading: {line}")
    if options_.banks:
        from tests.accuracy.banks.report import print_banks

        print_banks(Path(options_.banks), verbose=options_.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
