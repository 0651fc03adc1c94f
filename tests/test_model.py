"""The typed content model: built once from a checked source, immutable, read by every output."""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from pathlib import Path

import pytest

from pipeline import model
from pipeline.checks.check import check_paths
from pipeline.model.series import apply, make_series

from .conftest import CASES, ROOT, SEED

FIXTURES = [SEED, *sorted((CASES / "valid").glob("*.json"))]
_VOCABULARY = json.loads((ROOT / "schemas" / "vocabulary.json").read_text(encoding="utf-8"))
_PAPER_OF = {
    tag: paper
    for paper, body in _VOCABULARY["papers"].items()
    for topic in body["topics"].values()
    for tag in topic["tags"]
}


def _data(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_the_model_holds_every_question_as_the_source_wrote_it(path):
    assert check_paths([path]).ok  # the model is built only from checked sources
    data = _data(path)
    source = model.load(data)
    assert (source.id, source.title, source.dek) == (data["id"], data["title"], data["dek"])
    assert len(source.questions) == len(data["questions"])
    facts = {f["id"]: f["tags"] for f in data["key_facts"]}
    for question, raw in zip(source.questions, data["questions"], strict=True):
        assert (question.id, question.format, question.answer) == (
            raw["id"],
            raw["format"],
            raw["answer"],
        )
        assert [(o.label, o.text) for o in question.options] == [
            (o["label"], o["text"]) for o in raw["options"]
        ]
        assert question.key.label == raw["answer"]
        assert [(s.text, s.correct) for s in question.statements] == [
            (s["text"], s["correct"]) for s in raw.get("statements", [])
        ]
        assert [(p.left, p.right, p.correct) for p in question.pairs] == [
            (p["left"], p["right"], p["correct"]) for p in raw.get("pairs", [])
        ]
        assert question.items == (question.statements or question.pairs)
        assert question.explanation == raw["explanation"]
        assert set(question.tags) == {t for f in raw["facts"] for t in facts[f]}
        assert {paper for paper, _ in question.topics} == {
            _PAPER_OF[t] for t in question.tags if t in _PAPER_OF
        }
        assert question.topics  # every tag the checks accept sits somewhere in the syllabus
        if "hi" in raw:
            assert question.hi is not None
            assert question.hi.stem == raw["hi"]["stem"]
            assert question.hi.options == tuple(o["text"] for o in raw["hi"]["options"])
            assert question.languages == ("en", "hi")
        else:
            assert question.hi is None and question.languages == ("en",)
    assert source.bilingual == all("hi" in q for q in data["questions"])


def test_the_bilingual_fixture_reads_in_hindi_with_shared_flags_and_answers():
    data = _data(CASES / "valid" / "bilingual.json")
    source = model.load(data)
    hindi = source.localized("hi")
    assert hindi.title == data["hi"]["title"] and hindi.summary == data["hi"]["summary"]
    assert [f.text for f in hindi.key_facts] == [f["text"] for f in data["hi"]["key_facts"]]
    for question, raw in zip(hindi.questions, data["questions"], strict=True):
        assert question.stem == raw["hi"]["stem"]
        assert question.answer == raw["answer"]
        assert [s.correct for s in question.statements] == [
            s["correct"] for s in raw.get("statements", [])
        ]
    assert source.localized("en") is source
    assert source.questions[0].localized("en") is source.questions[0]


def test_the_model_is_frozen():
    source = model.load(_data(CASES / "valid" / "all-formats.json"))
    question = source.questions[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        question.answer = "C"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        source.title = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        question.options[0].text = "changed"  # type: ignore[misc]
    # every collection is a tuple: nothing can be appended to or edited in place
    for part in (source.questions, source.key_facts, question.options, question.facts):
        assert isinstance(part, tuple)


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_a_series_is_a_new_model_with_its_own_key(path):
    source = model.load(_data(path))
    before = dataclasses.astuple(source)
    all_series = make_series(source.questions, 4, seed=source.id)
    key = model.AnswerKey.of(source, all_series, marks=model.Marks())
    for one in all_series:
        placed = apply(source, one)
        assert placed is not source
        assert [q.id for q in placed.questions] == [source.questions[i].id for i in one.order]
        for position, question in enumerate(placed.questions):
            master = source.questions[one.order[position]]
            # the key follows the option's text wherever the option moved
            assert question.key.text == master.key.text
            moved = one.options[position]
            order = "".join("ABCD"[i] for i in moved) if moved else ""
            assert key.series[one.letter][position] == model.KeyEntry(
                position + 1, question.id, question.answer, order
            )
            if not master.movable:
                assert question.options == master.options
    assert dataclasses.astuple(source) == before  # the master model is untouched


def test_only_allowed_options_move_and_the_key_moves_with_them():
    source = model.load(_data(CASES / "valid" / "bilingual.json"))
    assert [q.id for q in source.questions if q.movable] == ["single"]
    all_series = make_series(source.questions, 4, seed="move")
    answers = set()
    for one in all_series:
        single = next(q for q in apply(source, one).questions if q.id == "single")
        assert single.key.text == "Malabar"
        answers.add(single.answer)
        assert single.hi is not None and single.hi.explanation is not None
        assert f"({single.answer.lower()})" in single.hi.explanation
    assert len(answers) > 1  # the right option stood at more than one letter


def test_an_answer_key_survives_its_file():
    source = model.load(_data(SEED))
    key = model.AnswerKey.of(
        source, make_series(source.questions, 3, seed=source.id), marks=model.Marks()
    )
    assert model.AnswerKey.from_json(json.loads(json.dumps(key.to_json()))) == key
    assert key.penalty == 0.66 and key.per_question == 2.0


def test_a_pack_prefixes_ids_and_facts_by_source():
    source = model.load(_data(CASES / "valid" / "all-formats.json"))
    chosen = [(source, q) for q in source.questions[:2]]
    raw = {"title": "Week 1", "date": "2026-01-05", "class": "Batch A", "series": 2.0}
    pack = model.Pack.of("week-1", raw, chosen, dek="Batch A, 5 January 2026")
    assert pack.source.id == "pack-week-1" and pack.series == 2
    assert [q.id for q in pack.source.questions] == [
        f"all-formats--{q.id}" for q in source.questions[:2]
    ]
    for question in pack.source.questions:
        assert all(f.startswith("all-formats--") for f in question.facts)
        assert {f.id for f in pack.source.key_facts} >= set(question.facts)


#: How outputs read the source JSON before the model: `question["options"]`, `data.get("hi")`.
RAW_READS = re.compile(r"\b(?:data|question|source|hindi|raw)(?:\[|\.get\()")


def _raw_parameters(tree: ast.AST) -> list[str]:
    """Functions taking a source or question as a plain dict."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for arg in node.args.args + node.args.kwonlyargs:
                annotation = ast.unparse(arg.annotation) if arg.annotation else ""
                if arg.arg in ("data", "question", "source") and "dict" in annotation:
                    found.append(f"{node.name}({arg.arg}: {annotation})")
    return found


def test_outputs_read_the_model_not_the_source_json():
    files = [ROOT / "pipeline/build/targets.py", ROOT / "pipeline/model/series.py"]
    for folder in ("pipeline/build/render", "pipeline/exports"):
        files += sorted((ROOT / folder).glob("*.py"))
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        found += [
            f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
            for n, line in enumerate(text.splitlines(), 1)
            if RAW_READS.search(line)
        ]
        found += [f"{path.relative_to(ROOT)}: {f}" for f in _raw_parameters(ast.parse(text))]
    assert found == []
