"""Answer key: the declared `answer` must be the option the content implies.

The key is derived, never trusted: for `statements`/`pairs` each option's code is read
as a set of item numbers and compared with the items marked correct (or incorrect, when
`"asks": "incorrect"`); for `*-count` each option's count with the number of such items;
for `statement-reason` each option's wording with the flags and `explains`.

`answer-key/mismatch` (error)
    passes: statements flagged true, true, false; options "1 and 2 only" (A) ...; "answer": "A"
    fails:  the same with "answer": "B"
            -> answer is B but the statements marked correct (1, 2) match option A
`answer-key/no-match` (error): no option equals what the flags imply.
`answer-key/ambiguous` (error): two options equal it.
`answer-key/duplicate-option` (error): two options mean the same ("1 and 2 only", "Both 1 and 2").
`answer-key/unknown-item` (error): an option names statement 4 of three.
`answer-key/unparsable-option` (error): an option of a code/count/Statement-I/II question
    that is not one of the standard wordings ("Maybe 2").
`answer-key/labels` (error): options are labelled A, B, C, D in that order.
`answer-key/missing-option` (error): a `single` question's answer names no option.
`answer-key/not-question` (error): the prompt asks which statements are NOT correct
    ("Which of the statements given above is/are NOT correct?", "How many ... are
    incorrectly matched?") but `"asks"` is not `"incorrect"` (or the other way round), so
    the key would be derived from the wrong statements.
`answer-key/fixed-options` (info): a `single` question allows shuffled options, but its
    explanation names an option by a letter the tool cannot place for certain, so booklet
    series keep its options in order (series re-letter every letter they can place).
`answer-key/spread` (warning): across a source's questions the answers are badly spread
    (all the same letter, or one letter for more than half of eight or more questions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ...diagnostics import Severity
from ..answers import CODE_FORMATS, COUNT_FORMATS, derive
from ..language.prompts import asks_incorrect
from ..movable import may_shuffle_options
from ..sources import Source
from .base import Context, Problem, Rule, questions

NEEDS = ("questions",)

RULES = (
    Rule(
        "answer-key/mismatch",
        Severity.ERROR,
        "The declared answer is the option the content implies",
    ),
    Rule("answer-key/no-match", Severity.ERROR, "Some option matches what the flags imply"),
    Rule("answer-key/ambiguous", Severity.ERROR, "Only one option matches what the flags imply"),
    Rule(
        "answer-key/duplicate-option", Severity.ERROR, "No two options of a question mean the same"
    ),
    Rule(
        "answer-key/unknown-item",
        Severity.ERROR,
        "Options name only statements or pairs that exist",
    ),
    Rule(
        "answer-key/unparsable-option",
        Severity.ERROR,
        "Code, count and Statement-I/II options use standard wordings",
    ),
    Rule("answer-key/labels", Severity.ERROR, "Options are labelled A, B, C, D in order"),
    Rule(
        "answer-key/missing-option",
        Severity.ERROR,
        "A single-answer question's answer names one of its options",
    ),
    Rule(
        "answer-key/not-question",
        Severity.ERROR,
        'A question that asks for the NOT-correct statements says "asks": "incorrect"',
    ),
    Rule(
        "answer-key/fixed-options",
        Severity.INFO,
        "Shuffled options can be re-lettered in the explanation for every series",
    ),
    Rule(
        "answer-key/spread",
        Severity.WARNING,
        "Answers across a source are not all (or mostly) one letter",
    ),
)


def check(source: Source, context: Context) -> Iterator[Problem]:
    valid = list(questions(source))
    for index, question in valid:
        yield from check_question(question, f"/questions/{index}")
    yield from _spread([question for _, question in valid])


def _unsure_letter(question: dict) -> str:
    """Where the explanation (or its Hindi) names a letter the reader cannot place: a quote."""
    from ..language import hindi, letters
    from .explanation import shape_of

    found = letters.why_unsure(question["explanation"], shape_of(question))
    if found is not None:
        return f"at {found}"
    translated = question.get("hi")
    if isinstance(translated, dict) and translated.get("explanation"):
        found = hindi.why_unsure(translated["explanation"])
    return f"in the Hindi, at {found}" if found else "somewhere in it"


def check_question(question: dict, base: str) -> Iterator[Problem]:
    options = question["options"]
    labels = [option["label"] for option in options]
    if labels != ["A", "B", "C", "D"][: len(labels)]:
        yield Problem(
            "answer-key/labels",
            f"{base}/options",
            f"options are labelled {', '.join(labels)}; label them A, B, C, D in order",
        )
        return
    yield from _asks(question, base)
    if (
        question["format"] == "single"
        and question.get("shuffle_options")
        and not may_shuffle_options(question)
    ):
        yield Problem(
            "answer-key/fixed-options",
            f"{base}/shuffle_options",
            f"the explanation names an option by a letter the tool cannot place for certain "
            f"({_unsure_letter(question)}), so booklet series print these options in their "
            'original order; write letters as "option (b)" or "(b)"',
        )
    answer = question["answer"]
    key = derive(question)
    for problem in key.problems:
        yield Problem(
            f"answer-key/{problem.kind.replace('duplicate', 'duplicate-option').replace('unparsable', 'unparsable-option')}",
            f"{base}/options/{problem.index}/text",
            problem.message,
        )
    if not key.derivable:
        if answer not in labels:
            yield Problem(
                "answer-key/missing-option",
                f"{base}/answer",
                f"answer {answer} is not one of the options ({', '.join(labels)})",
            )
        return
    if key.problems and not key.matches:
        return  # the option problems above already explain why nothing matched
    if not key.matches:
        yield Problem("answer-key/no-match", f"{base}/options", f"no option matches {key.target}")
    elif len(key.matches) > 1:
        yield Problem(
            "answer-key/ambiguous",
            f"{base}/options",
            f"options {' and '.join(key.matches)} both match {key.target}",
        )
    elif key.label != answer:
        yield Problem(
            "answer-key/mismatch",
            f"{base}/answer",
            f"answer is {answer} but {key.target} match option {key.label}",
        )


def _asks(question: dict, base: str) -> Iterator[Problem]:
    if question["format"] not in (*CODE_FORMATS, *COUNT_FORMATS):
        return
    reading = asks_incorrect(question["stem"], question.get("prompt", ""))
    declared = question.get("asks", "correct") == "incorrect"
    if reading is None or reading == declared:
        return
    where = "prompt" if question.get("prompt") else "stem"
    if reading:
        message = 'the question asks for the statements that are NOT correct, but "asks" is "correct"; add "asks": "incorrect" so the key is derived from the incorrect ones'
    else:
        message = 'the question asks for the correct statements, but "asks" is "incorrect"; remove "asks" (or reword the question)'
    if question.get("pairs"):
        message = message.replace("statements", "pairs").replace("ones", "pairs")
    yield Problem("answer-key/not-question", f"{base}/{where}", message)


def _spread(questions: list[dict]) -> Iterator[Problem]:
    answers = Counter(q["answer"] for q in questions)
    total = len(questions)
    if not answers:
        return
    letter, most = answers.most_common(1)[0]
    if (total >= 4 and most == total) or (total >= 8 and most * 2 > total):
        yield Problem(
            "answer-key/spread",
            "/questions",
            f"{most} of {total} answers are {letter}; students can guess the pattern, so vary the right option",
        )
