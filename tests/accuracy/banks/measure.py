"""The language rules on real question banks written by others (development banks).

For each bank present under the banks folder:
- false alarms: errors the explanation rules report on the bank as it is (its answers and
  explanations agree), per 1,000 questions; each is labelled true (the bank really
  contradicts itself) or false in labels.jsonl;
- recall, by planting contradictions as the issue measured them: the declared answer is
  changed to another option (and the flags follow it, as an editor's would), and the check
  must report an error it did not report before. Every question is planted; a random sample
  of planted cases is labelled (does the explanation, read by a person, contradict the
  planted answer?), and recall is caught / contradicting in that sample;
- Hindi likewise, on the Hindi explanations;
- translation/* on the Hindi versions: what fires, and labelled precision on a sample;
- option wordings of statement-style questions the parsers refuse.

Labels are this project's own judgements (no bank text is stored): one JSON line each.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.checks.language.explanations import read
from pipeline.checks.rules.explanation import _settle, check_hindi, check_question, shape_of
from pipeline.checks.rules.translation import _options, _texts

from .convert import Converted, convert, items_of, set_flags
from .loaders import LOADERS, Raw, load

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels.jsonl"
ERRORS = (
    "explanation/contradicts-flag",
    "explanation/contradicts-answer",
    "explanation/unknown-item",
)
#: Explanations that state something a reader could hold an answer against (the sample is
#: drawn from these: a text of facts alone names no answer and judges no statement).
#: An explanation that opens with an option's letter ("(c) Common: ...") names an option too,
#: without any of those words (ar-bilingual opens one explanation in seven so).
STATES = re.compile(
    r"\b(?:correct|incorrect|answer|option|true|false|wrong|matched|right|statements?|pairs?)\b"
    r"|^[\s*_]*\(?[a-d]\)",
    re.IGNORECASE,
)
STATES_HI = re.compile(r"सही|गलत|ग़लत|उत्तर|विकल्प|कथन|युग्म|असत्य|सत्य|^[\s*_]*\(?(?:[a-dA-D]|[कखगघ])\)")
#: Planted cases read per bank for the recall sample (half single, half statement-style).
SAMPLE = 60
#: Banks read further: crack-prelims has only 70 explanations that state anything, read whole.
SAMPLES = {"crack-prelims": 80}


@dataclass
class Case:
    """One question of a bank, converted, with what the check said of it."""

    raw: Raw
    converted: Converted
    alarms: list[str] = field(default_factory=list)  # "rule: message" on the bank as it is
    planted: str | None = None  # the wrong answer planted
    caught: list[str] = field(default_factory=list)  # errors the planted answer added
    warned: bool = False  # only a warning (explanation/unsure) was added


def labels() -> dict[tuple[str, str, str], dict[str, Any]]:
    found = {}
    if LABELS.is_file():
        for line in LABELS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                label = json.loads(line)
                found[(label["bank"], label["id"], label["kind"])] = label
    return found


def _errors(problems: Iterator[Any]) -> list[str]:
    return [f"{p.rule}: {p.message}" for p in problems if p.rule in ERRORS]


def _warnings(problems: Iterator[Any]) -> list[str]:
    return [f"{p.rule}: {p.message}" for p in problems if p.rule == "explanation/unsure"]


def _flags_from_reading(question: dict[str, Any]) -> bool:
    """A count question's flags, from the explanation's sure verdicts, if they fit the count.

    Returns False when what the explanation says cannot agree with the declared count: the
    reader (or the bank) is wrong, and the question is reported as an alarm.
    """
    from pipeline.checks.answers import ALL, parse_count

    items = items_of(question)
    option = {o["label"]: o["text"] for o in question["options"]}[question["answer"]]
    wanted: int | None = None
    if question["format"].endswith("-count"):
        wanted = parse_count(option)
        wanted = len(items) if wanted == ALL else wanted
        if question.get("asks") == "incorrect":
            wanted = len(items) - wanted
    said: dict[int, bool] = {}
    for r in _settle(read(question["explanation"], shape_of(question))):
        if r.kind == "item" and r.sure and r.item and 1 <= r.item <= len(items):
            said.setdefault(r.item, r.value)
    true = sum(said.values())
    open_ = [n for n in range(1, len(items) + 1) if n not in said]
    if wanted is None:  # an answer that cannot be read: the flags are what the explanation says
        for n, item in enumerate(items, 1):
            item["correct"] = said.get(n, True)
        return True
    if true > wanted or true + len(open_) < wanted:
        return False
    for n, item in enumerate(items, 1):
        item["correct"] = said.get(n, False)
    for n in open_[: wanted - true]:
        items[n - 1]["correct"] = True
    return True


def _plant(case: Case) -> dict[str, Any] | None:
    """The question with a wrong answer, flags following it; None if no option can be planted.

    Which wrong option is planted depends on the question alone (its id), so labels stay valid.
    """
    question = case.converted.question
    rng = random.Random(f"plant:{case.raw.bank}:{case.raw.id}")
    letters = [o["label"] for o in question["options"] if o["label"] != question["answer"]]
    rng.shuffle(letters)
    fmt = question["format"]
    for letter in letters:
        planted = deepcopy(question)
        planted["answer"] = letter
        text = {o["label"]: o["text"] for o in question["options"]}[letter]
        if fmt == "single":
            return planted
        if fmt.endswith("-count"):
            if _recount(planted, text):
                return planted
            continue
        from pipeline.checks.answers import Unparsable, parse_code, parse_reason

        try:
            meaning = parse_reason(text) if fmt == "statement-reason" else parse_code(text)
        except Unparsable:
            continue
        settled = set_flags(planted, meaning) or fmt == "statement-reason"
        changed = items_of(planted) != items_of(question) or planted.get(
            "explains"
        ) != question.get("explains")
        if settled and changed:
            return planted
    return None


def _recount(question: dict[str, Any], option: str) -> bool:
    """Flip flags (last items first) until the count the option names holds."""
    from pipeline.checks.answers import ALL, Unparsable, parse_count

    items = items_of(question)
    try:
        wanted = parse_count(option)
    except Unparsable:
        return False
    wanted = len(items) if wanted == ALL else wanted
    if question.get("asks") == "incorrect":
        wanted = len(items) - wanted
    if wanted > len(items):
        return False
    have = sum(item["correct"] for item in items)
    for item in reversed(items):
        if have == wanted:
            break
        if have < wanted and not item["correct"]:
            item["correct"], have = True, have + 1
        elif have > wanted and item["correct"]:
            item["correct"], have = False, have - 1
    return have == wanted


def english_cases(raws: list[Raw]) -> list[Case]:
    cases = []
    for raw in raws:
        if not raw.explanation.strip():
            continue
        converted = convert(raw)
        case = Case(raw, converted)
        question = converted.question
        if converted.broken:
            continue
        unknown = question["format"] != "single" and not converted.flags_known
        if unknown and not _flags_from_reading(question):
            case.alarms = ["count: the explanation's verdicts cannot agree with the answer"]
        case.alarms += _errors(check_question(question, "/q"))
        planted = _plant(case)
        if planted is not None:
            case.planted = planted["answer"]
            after = list(check_question(planted, "/q"))
            case.caught = [e for e in _errors(iter(after)) if e not in case.alarms]
            case.warned = not case.caught and bool(
                set(_warnings(iter(after))) - set(_warnings(check_question(question, "/q")))
            )
        cases.append(case)
    return cases


def hindi_cases(raws: list[Raw]) -> list[Case]:
    cases = []
    for raw in raws:
        text = str(raw.hi.get("explanation") or "")
        if not text.strip():
            continue
        converted = convert(raw)
        question = converted.question
        if converted.broken:
            continue
        hindi_options = [{"text": str(t)} for t in raw.hi.get("options") or []]  # type: ignore[attr-defined]
        question["hi"] = {"options": hindi_options}
        if question["format"] != "single" and not converted.flags_known:
            _flags_from_reading(question)
        case = Case(raw, converted)
        case.alarms = _errors(check_hindi(question, text, "/q"))
        planted = _plant(case)
        if planted is not None:
            case.planted = planted["answer"]
            case.caught = [
                e for e in _errors(check_hindi(planted, text, "/q")) if e not in case.alarms
            ]
        cases.append(case)
    return cases


def translation_findings(raws: list[Raw]) -> list[tuple[Raw, str, str, str]]:
    """(question, rule, pointer, message) for every translation/* problem on the Hindi versions."""
    found = []
    for raw in raws:
        if not raw.hi:
            continue
        question = convert(raw).question
        hi = raw.hi
        pairs = [(raw.stem, str(hi["stem"]), "/hi/stem", True)]
        if raw.explanation and hi.get("explanation"):
            pairs.append((raw.explanation, str(hi["explanation"]), "/hi/explanation", True))
        single = question["format"] == "single"
        for i, (en, other) in enumerate(zip(raw.options, hi["options"], strict=False)):  # type: ignore[call-overload]
            pairs.append((en, str(other), f"/hi/options/{i}/text", single))
        problems = list(_texts(iter(pairs), {}))
        hindi = {"options": [{"text": str(t)} for t in hi["options"]]}  # type: ignore[attr-defined]
        problems += list(_options(question, hindi, ""))
        for p in problems:
            found.append((raw, p.rule, p.pointer, p.message))
    return found


def _rank(case: Case) -> str:
    return hashlib.sha256(f"sample:{case.raw.bank}:{case.raw.id}".encode()).hexdigest()


def sample(cases: list[Case], size: int | None = None, *, hindi: bool = False) -> list[Case]:
    """A fixed random sample of planted cases: half statement-style, half single.

    Drawn from explanations that state something (STATES); each question's place in the
    draw depends on its id alone, so the sample (and its labels) survive other changes.
    """
    states = STATES_HI if hindi else STATES
    if size is None:
        size = SAMPLES.get(cases[0].raw.bank, SAMPLE) if cases else SAMPLE

    def text(case: Case) -> str:
        return str(case.raw.hi.get("explanation") or "") if hindi else case.raw.explanation

    planted = sorted((c for c in cases if c.planted and states.search(text(c))), key=_rank)
    other = [c for c in planted if c.converted.question["format"] != "single"]
    picked = other[: size // 2]
    single = [c for c in planted if c.converted.question["format"] == "single"]
    return picked + single[: size - len(picked)]


@dataclass
class Figures:
    """What one bank shows."""

    bank: str
    questions: int = 0
    formats: Counter[str] = field(default_factory=Counter)
    alarms: list[Case] = field(default_factory=list)
    planted: int = 0
    caught: int = 0
    caught_by_format: Counter[str] = field(default_factory=Counter)
    planted_by_format: Counter[str] = field(default_factory=Counter)
    sampled: list[Case] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


def figures(bank: str, cases: list[Case]) -> Figures:
    f = Figures(bank, questions=len(cases))
    for case in cases:
        fmt = case.converted.question["format"]
        f.formats[fmt] += 1
        if case.alarms:
            f.alarms.append(case)
        if case.planted:
            f.planted += 1
            f.planted_by_format[fmt] += 1
            if case.caught:
                f.caught += 1
                f.caught_by_format[fmt] += 1
        if fmt != "single":
            f.refused += [(case.raw.id, text) for _, text, _ in case.converted.refused]
    f.sampled = sample(cases)
    return f


def banks(root: Path) -> dict[str, list[Raw]]:
    return {name: raws for name in LOADERS if (raws := load(root, name))}


def grouped(findings: list[tuple[Raw, str, str, str]]) -> dict[str, list[tuple[Raw, str, str]]]:
    by_rule: dict[str, list[tuple[Raw, str, str]]] = defaultdict(list)
    for raw, rule, pointer, message in findings:
        by_rule[rule].append((raw, pointer, message))
    return by_rule
