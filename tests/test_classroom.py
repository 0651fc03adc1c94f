"""Booklet series, class packs and scoring: keys always right, orders reproducible."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest
from pypdf import PdfReader

from pipeline.checks.answers import derive
from pipeline.checks.check import check_paths
from pipeline.checks.rules.base import Context
from pipeline.checks.rules.packs import select
from pipeline.checks.vocabulary import vocabulary
from pipeline.classroom.marking import ScoreError, score_rows
from pipeline.model import AnswerKey, Marks, load
from pipeline.model.series import answer_table, apply, make_series

from .conftest import CASES, SEED, run_cli

FIXTURES = [SEED, *sorted((CASES / "valid").glob("*.json"))]
PACK = CASES / "packs" / "exercises.json"


def _data(path):
    return json.loads(path.read_text(encoding="utf-8"))


def raw(question):
    """A model question back in the source's JSON shape, for the checks (which read JSON)."""
    data = {
        "id": question.id,
        "format": question.format,
        "stem": question.stem,
        "options": [{"label": o.label, "text": o.text} for o in question.options],
        "answer": question.answer,
        "explanation": question.explanation,
        "facts": list(question.facts),
    }
    if question.prompt:
        data["prompt"] = question.prompt
    if question.statements:
        data["statements"] = [{"text": s.text, "correct": s.correct} for s in question.statements]
    if question.pairs:
        data["pairs"] = [
            {"left": p.left, "right": p.right, "correct": p.correct} for p in question.pairs
        ]
    if question.asks != "correct":
        data["asks"] = question.asks
    if question.explains is not None:
        explains = question.explains
        data["explains"] = list(explains) if isinstance(explains, tuple) else explains
    return data


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
@pytest.mark.parametrize("seed", ["one", "two", "three"])
def test_every_series_key_agrees_with_the_master(path, seed):
    source = load(_data(path))
    master = source.questions
    for count in (2, 3, 4):
        all_series = make_series(master, count, seed=seed)
        assert [s.letter for s in all_series] == list("ABCD"[:count])
        for one in all_series:
            placed = apply(source, one).questions
            assert sorted(q.id for q in placed) == sorted(q.id for q in master)
            for position, question in enumerate(placed):
                original = master[one.order[position]]
                assert question.id == original.id
                assert question.key.text == original.key.text
                if question.format != "single":
                    assert derive(raw(question)).label == question.answer
                    assert question.options == original.options  # protected order never moves
        table = answer_table(source, all_series)
        for one in all_series:
            assert [e["answer"] for e in table[one.letter]] == [
                q.answer for q in apply(source, one).questions
            ]


@pytest.mark.parametrize("seed", ["one", "two", "three", "four"])
def test_the_key_maps_every_series_letter_back_to_the_master_option(seed):
    """What score reads: a letter marked on any series' sheet names the master's option."""
    source = load(_data(CASES / "valid" / "all-formats.json"))
    all_series = make_series(source.questions, 4, seed=seed)
    key = AnswerKey.of(source, all_series, marks=Marks())
    again = AnswerKey.from_json(json.loads(json.dumps(key.to_json())))
    assert again == key
    assert key.master_answers() == {q.id: q.answer for q in source.questions}
    master = {q.id: q for q in source.questions}
    moved = 0
    for one in all_series:
        printed = apply(source, one).questions
        for entry, question in zip(key.series[one.letter], printed, strict=True):
            moved += bool(entry.order)
            for option in question.options:
                original = master[entry.question].options
                [same] = [o for o in original if o.label == entry.master(option.label)]
                assert same.text == option.text
    assert moved  # some single question's options moved in this seed's series
    assert key.tags == {q.id: q.tags for q in source.questions if q.tags}


def test_series_are_reproducible_and_differ():
    questions = load(_data(CASES / "valid" / "all-formats.json")).questions
    first = make_series(questions, 4, seed="week-1")
    assert first == make_series(questions, 4, seed="week-1")
    assert len({s.order for s in first}) == 4
    assert first[0].order == tuple(range(len(questions)))


def test_single_question_options_move_only_when_allowed():
    source = load(_data(CASES / "valid" / "all-formats.json"))
    moved = set()
    for seed in map(str, range(20)):
        for one in make_series(source.questions, 4, seed=seed):
            for position, question in enumerate(apply(source, one).questions):
                original = source.questions[one.order[position]]
                if question.options != original.options:
                    moved.add(question.id)
    assert moved == {"single"}  # the one question with "shuffle_options": true


@pytest.mark.parametrize(
    "explanation",
    [
        "Malabar is the naval exercise, so option (b) is correct. Answer: B. Options (a), (c) and (d) are army exercises.",
        "Options a and c are eliminated: both are army exercises. Answer is b.",
        "Malabar is a naval exercise, which rules out options a, c and d. The correct answer is (b).",
        "Option D is wrong; option A and option C are wrong too. Hence option (b) is the right answer.",
    ],
)
def test_shuffled_options_re_letter_the_explanation(explanation):
    """A Series B key never says "answer (c)" over "Option A is the answer"."""
    from pipeline.checks.language.explanations import read
    from pipeline.checks.rules.explanation import check_question, shape_of

    data = _data(CASES / "valid" / "all-formats.json")
    single = data["questions"][0]
    assert single["answer"] == "B"
    single["explanation"] = explanation
    source = load(data)
    moved = 0
    for seed in map(str, range(10)):
        for one in make_series(source.questions, 4, seed=seed):
            for question in apply(source, one).questions:
                if question.id != "single":
                    continue
                named = {
                    r.value
                    for r in read(question.explanation, shape_of(raw(question)))
                    if r.kind == "answer"
                }
                assert named == {question.answer}, question.explanation
                problems = [p.rule for p in check_question(raw(question), "/questions/0")]
                assert problems == [], (question.explanation, problems)
                moved += question.answer != "B"
    assert moved > 0


def test_options_stay_fixed_when_a_letter_cannot_be_placed(tmp_path):
    data = _data(CASES / "valid" / "all-formats.json")
    data["questions"][0]["explanation"] = "The right one is B. Malabar is a naval exercise."
    source = load(data)
    assert not source.questions[0].movable
    for seed in map(str, range(10)):
        for one in make_series(source.questions, 4, seed=seed):
            assert one.options[one.order.index(0)] is None
    path = tmp_path / "all-formats.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    found = [(d.rule, d.pointer) for d in check_paths([path]).diagnostics]
    assert ("answer-key/fixed-options", "/questions/0/shuffle_options") in found


def _context():
    result = check_paths([CASES / "valid"])
    return Context(vocabulary(), result.valid_sources)


def test_pack_selects_exactly_what_its_filter_names():
    context = _context()
    pack = _data(PACK)
    chosen = [(s.data["id"], q["id"]) for s, q in select(pack, context)]
    # tags defence-cooperation or quad, formats without "pairs"... in source order, first 7
    assert chosen == [
        ("all-formats", "single"),
        ("all-formats", "count"),
        ("all-formats", "pairs-count"),
        ("all-formats", "reason"),
        ("all-formats", "not-question"),
        ("all-formats", "three-reason"),
        ("bilingual", "single"),
    ]
    only_quad = {"select": {"tags": ["quad"]}}
    assert [(s.data["id"], q["id"]) for s, q in select(only_quad, context)] == [
        ("all-formats", "count"),
        ("all-formats", "pairs-count"),
        ("bilingual", "statements"),
        ("bilingual", "count"),
        ("bilingual", "pairs-count"),
        ("minimal", "q1"),
    ]
    gs3_counts = {"select": {"papers": ["GS3"], "formats": ["pairs-count", "statements-count"]}}
    assert [(s.data["id"], q["id"]) for s, q in select(gs3_counts, context)] == [
        ("all-formats", "pairs-count"),
        ("bilingual", "pairs-count"),
    ]


@pytest.fixture(scope="module")
def pack_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("pack")
    result = run_cli("pack", str(PACK), "--sources", str(CASES / "valid"), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "packs" / "exercises"


def test_pack_renders_four_series_with_letters_on_every_page(pack_build):
    key = json.loads((pack_build / "answer-key.json").read_text(encoding="utf-8"))
    assert key["marks"] == {"per_question": 2, "negative_fraction": 0.33, "penalty": 0.66}
    for letter in "ABCD":
        reader = PdfReader(pack_build / f"worksheet-{letter}.pdf")
        cover, *rest = (page.extract_text() for page in reader.pages)
        assert "TEST BOOKLET SERIES" in cover and f"\n{letter}\n" in cover  # the series box
        for text in rest:  # the running head of every page but rough work
            assert f"series {letter.lower()}" in text.lower() or "ROUGH WORK" in text
        assert len(reader.pages) % 4 == 0
        text = "".join(p.extract_text() for p in reader.pages)
        assert "Prelims Batch B" in text and "4 December 2026" in text
        assert "Maximum marks: 14" in text and "Time allowed: 30 minutes" in text
        key_text = "".join(
            p.extract_text() for p in PdfReader(pack_build / f"answer-key-{letter}.pdf").pages
        )
        for entry in key["series"][letter]:  # the one-page grid: number, then answer
            assert f"\n{entry['number']} ({entry['answer'].lower()})\n" in key_text
    assert (pack_build / "master-key.pdf").exists()


def test_pack_with_unknown_tag_fails_at_its_pointer(tmp_path):
    pack = _data(PACK)
    pack["select"]["tags"] = ["defence-cooperation", "quadd", "quad"]
    pack["$schema"] = str(CASES.parent.parent / "schemas" / "pack.schema.json")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(pack, indent=2), encoding="utf-8")
    result = run_cli(
        "pack",
        str(path),
        "--sources",
        str(CASES / "valid"),
        "--out",
        str(tmp_path / "out"),
        "--format",
        "json",
    )
    assert result.returncode == 1
    report = json.loads(result.stdout)  # progress and summary go to stderr with --format json
    found = [
        (d["rule"], d["pointer"]) for d in report["diagnostics"] if d["file"].endswith("bad.json")
    ]
    assert found == [("pack/unknown-tag", "/select/tags/1")]


KEY = AnswerKey.from_json(
    {
        "title": "Test",
        "marks": {"per_question": 2, "negative_fraction": 0.33, "penalty": 0.66},
        "questions": ["q1", "q2", "q3", "q4"],
        "series": {
            "A": [
                {"number": 1, "question": "q1", "answer": "A"},
                {"number": 2, "question": "q2", "answer": "B"},
                {"number": 3, "question": "q3", "answer": "C"},
                {"number": 4, "question": "q4", "answer": "D"},
            ],
            "B": [
                {"number": 1, "question": "q3", "answer": "C"},
                {"number": 2, "question": "q1", "answer": "A"},
                {"number": 3, "question": "q4", "answer": "D"},
                {"number": 4, "question": "q2", "answer": "B"},
            ],
        },
    }
)
RESPONSES = """name,roll,series,1,2,3,4
Asha,101,A,A,B,C,D
Bilal,102,A,A,,C,A
Chitra,103,B,C,AB,D,
Dev,104,b,a,a,a,a
Esha,105,A,,,,
"""


def test_scoring_matches_hand_computed_totals():
    students = {s.name: s for s in score_rows(KEY, RESPONSES)}
    # Asha: 4 right = 8.00
    assert (students["Asha"].correct, students["Asha"].score) == (4, 8.0)
    # Bilal: 2 right, 1 blank, 1 wrong = 4 - 0.66 = 3.34
    assert (
        students["Bilal"].correct,
        students["Bilal"].wrong,
        students["Bilal"].blank,
        students["Bilal"].score,
    ) == (2, 1, 1, 3.34)
    # Chitra (series B): C right, AB double-marked (wrong), D right, blank = 4 - 0.66 = 3.34
    assert (students["Chitra"].correct, students["Chitra"].multiple, students["Chitra"].score) == (
        2,
        1,
        3.34,
    )
    # Dev (series b, lower case): a,a,a,a against C,A,D,B: 1 right, 3 wrong = 2 - 1.98 = 0.02
    assert (students["Dev"].correct, students["Dev"].wrong, students["Dev"].score) == (1, 3, 0.02)
    # Esha: all blank = 0
    assert (students["Esha"].blank, students["Esha"].score) == (4, 0.0)


def test_scoring_rejects_unknown_series_and_letters():
    with pytest.raises(ScoreError, match="responses.csv:2: series 'C' is not one of A, B"):
        score_rows(KEY, "name,roll,series,1,2,3,4\nX,1,C,A\n")
    with pytest.raises(ScoreError, match="responses.csv:2: question 1: 'E' is not A, B, C or D"):
        score_rows(KEY, "name,roll,series,1,2,3,4\nX,1,A,E\n")
    with pytest.raises(ScoreError, match="1 answer columns, but the key has 4 questions"):
        score_rows(KEY, "name,roll,series,1\nX,1,A,A\n")


def test_score_command_writes_csv_and_summary(tmp_path, pack_build):
    key = tmp_path / "answer-key.json"
    shutil.copy(pack_build / "answer-key.json", key)
    answers = json.loads(key.read_text(encoding="utf-8"))["series"]["C"]
    row = ",".join(e["answer"] for e in answers)
    (tmp_path / "responses.csv").write_text(
        f"name,roll,series,{','.join(str(i) for i in range(1, 8))}\nAsha,1,C,{row}\nBilal,2,A,{',' * 6}\n",
        encoding="utf-8",
    )
    result = run_cli("score", str(key), str(tmp_path / "responses.csv"))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "scores.csv").read_text(encoding="utf-8"))))
    assert [(r["name"], r["score"], r["max"]) for r in rows] == [
        ("Asha", "14.00", "14"),
        ("Bilal", "0.00", "14"),
    ]
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "summary.pdf").pages)
    assert "2 students" in text and "QUESTION BY QUESTION" in text
    assert "Prelims Batch B · 4 December 2026" in text  # class and date from the pack
    assert "below 0" in text  # negative scores have a band of their own
    assert "0 – under 1.4" in text and "12.6 – 14" in text  # bands that do not overlap
    assert "Only 2 students: the question figures are unreliable." in text
    # the build's key carries each question's tags: the pack's topics, per student and class
    tags = json.loads(key.read_text(encoding="utf-8"))["tags"]
    assert {"defence-cooperation", "quad"} & {t for ts in tags.values() for t in ts}
    words = " ".join(text.split())  # topics by their vocabulary titles, never the raw tags
    assert "The Quadrilateral Security Dialogue" in words or "Defence cooperation" in words
    assert not re.search(r"\bquad\b|defence-cooperation", words)
    ranks = list(csv.DictReader(io.StringIO((tmp_path / "ranks.csv").read_text(encoding="utf-8"))))
    assert [(r["rank"], r["name"], r["percentile"], r["accuracy %"]) for r in ranks] == [
        ("1", "Asha", "100.0", "100.0"),
        ("2", "Bilal", "50.0", ""),
    ]
    assert "quad % right" in ranks[0] or "defence-cooperation % right" in ranks[0]
    items = list(csv.DictReader(io.StringIO((tmp_path / "items.csv").read_text(encoding="utf-8"))))
    assert [i["question"] for i in items] == [str(n) for n in range(1, 8)]
    assert {i["note"] for i in items} == {"fewer than 20 students: unreliable"}


def test_a_hindi_pack_prints_its_time_and_date_in_hindi_and_its_own_class_set(tmp_path):
    """`time_allowed` and the date follow the booklet's language; `copies` numbers the covers
    as `build --copies` does, and `--copies` on the command line wins."""
    from pipeline.build.render.textlayer import text_of

    pack = _data(PACK)
    pack.update(sources=["bilingual"], series=1, copies=2)
    pack.pop("count")
    pack["$schema"] = str(CASES.parent.parent / "schemas" / "pack.schema.json")
    folder = tmp_path / "packs"
    folder.mkdir()
    path = folder / "hindi-week.json"
    path.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    args = ("pack", str(path), "--sources", str(CASES / "valid"), "--out", str(out))
    result = run_cli(*args, "--lang", "hi")
    assert result.returncode == 0, result.stdout + result.stderr
    booklet = out / "packs" / "hindi-week" / "worksheet.pdf"
    text = text_of(booklet)
    assert "निर्धारित समय: 30 मिनट" in text and "4 दिसंबर 2026" in text
    assert "minutes" not in text and "December" not in text

    def serials() -> list[str]:  # the serial boxes of each cover, one digit a box
        found = (re.search(r"(?:\d ){5}\d", p.extract_text()) for p in PdfReader(booklet).pages)
        return [m.group().replace(" ", "") for m in found if m]

    assert serials() == ["000001", "000002"]
    result = run_cli(*args, "--lang", "hi", "--force", "--copies", "3")
    assert result.returncode == 0, result.stdout + result.stderr
    assert serials() == ["000001", "000002", "000003"]
