"""Item analysis and ranks, cross-checked against scipy and pingouin on simulated classes.

Every statistic `score` computes in numpy is recomputed here by an independent library (or,
where none has it, by a plain-Python reading of its definition) from the simulator's own
record of what each student marked in the master's numbering, so the series mapping is
checked too.
"""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pytest

from pipeline.classroom.analysis import RELIABLE_CLASS, analyse, wilson
from pipeline.classroom.keyfile import key_problem
from pipeline.classroom.marking import score_rows
from pipeline.classroom.ranks import class_topics, rank
from pipeline.model import AnswerKey

from .classroom_sim import simulate

FLIPPED = "src-1--q5"


def scored(cls):
    assert key_problem(cls.key) is None
    key = AnswerKey.from_json(cls.key)
    return key, score_rows(key, cls.responses)


@pytest.fixture(scope="module")
def flipped():
    cls = simulate(students=60, flipped=FLIPPED, seed=11)
    key, students = scored(cls)
    return cls, key, students, analyse(key, students)


def test_a_flipped_key_is_the_one_question_flagged(flipped):
    _, key, _, analysis = flipped
    assert [i.question for i in analysis.suspects] == [FLIPPED]
    [item] = analysis.suspects
    assert item.discrimination <= 0 and item.item_rest < 0
    assert any(f.startswith("the top group chose") for f in item.flags)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_a_clean_class_has_nothing_flagged(seed):
    key, students = scored(simulate(students=60, seed=seed))
    analysis = analyse(key, students)
    assert analysis.suspects == ()
    assert analysis.alpha > 0.7  # the simulated test is a consistent one


def test_in_classes_of_24_flags_are_rare_and_a_flipped_key_is_still_caught():
    """Chance alone makes small classes' figures swing: a flag needs more than chance."""
    false = caught = 0
    for seed in range(1, 11):
        key, students = scored(simulate(students=24, seed=seed))
        false += len(analyse(key, students).suspects)
        key, students = scored(simulate(students=24, seed=seed, flipped=FLIPPED))
        caught += FLIPPED in {i.question for i in analyse(key, students).suspects}
    assert false <= 1 and caught >= 9  # of 200 clean questions; of 10 flipped keys


def test_answers_are_mapped_back_to_the_master_through_every_series(flipped):
    cls, _, students, _ = flipped
    assert {s.series for s in students} == {"A", "B", "C", "D"}
    moved = sum(bool(e.get("order")) for rows in cls.key["series"].values() for e in rows)
    assert moved > 10  # options really move in B-D
    assert [s.choices for s in students] == cls.chosen


def matrices(cls, key):
    answers = key.master_answers()
    right = np.array([[c[q] == answers[q] for q in key.questions] for c in cls.chosen], dtype=float)
    tried = np.array([[c[q] != "" for q in key.questions] for c in cls.chosen], dtype=float)
    return right, tried


def test_item_statistics_agree_with_scipy_and_pingouin(flipped):
    # Imported here, not at the top: pingouin (pandas, statsmodels) costs ~5 s of CPU to
    # import, which every xdist worker would otherwise pay just to collect this file.
    import pandas as pd
    import pingouin
    from scipy import stats

    cls, key, students, analysis = flipped
    right, tried = matrices(cls, key)
    scores = np.array([s.score for s in students])
    n, k = right.shape
    frame = pd.DataFrame(right)
    alpha, _ = pingouin.cronbach_alpha(data=frame)
    assert analysis.alpha == pytest.approx(alpha, abs=1e-9)
    assert analysis.sd == pytest.approx(stats.tstd(scores), abs=1e-9)
    assert analysis.sem == pytest.approx(stats.tstd(scores) * math.sqrt(1 - alpha), abs=1e-9)
    size = round(0.27 * n)
    order = sorted(range(n), key=lambda i: (-scores[i], i))
    upper, lower = order[:size], order[n - size :]
    assert analysis.group == size == 16
    for j, item in enumerate(analysis.items):
        column = right[:, j]
        assert item.right == column.sum() and item.difficulty == pytest.approx(column.mean())
        ci = stats.binomtest(int(column.sum()), n).proportion_ci(0.95, method="wilson")
        assert item.wilson == pytest.approx((ci.low, ci.high), abs=1e-9)
        assert item.attempt_rate == pytest.approx(tried[:, j].mean())
        assert item.accuracy == pytest.approx(column.sum() / tried[:, j].sum())
        rest = right.sum(axis=1) - column
        assert item.item_rest == pytest.approx(stats.pointbiserialr(column, rest)[0], abs=1e-9)
        assert item.discrimination == pytest.approx(
            sum(column[i] for i in upper) / size - sum(column[i] for i in lower) / size
        )
        without, _ = pingouin.cronbach_alpha(data=frame.drop(columns=j))
        assert item.alpha_if_deleted == pytest.approx(without, abs=1e-9)
        marked = pd.DataFrame({"choice": [c[item.question] for c in cls.chosen], "score": scores})
        means = marked.groupby("choice")["score"].mean()
        shares = marked["choice"].value_counts(normalize=True)
        for option in item.options:
            assert option.share == pytest.approx(shares.get(option.letter, 0.0))
            if option.letter in means:
                assert option.mean_score == pytest.approx(means[option.letter])
            else:
                assert option.mean_score is None
            assert option.upper == sum(cls.chosen[i][item.question] == option.letter for i in upper)
        assert item.blank == pytest.approx(shares.get("", 0.0))


def test_ranks_and_percentiles_agree_with_scipy(flipped):
    from scipy import stats

    _, key, students, _ = flipped
    ranked = rank(key, students)
    scores = [s.score for s in students]
    expected = stats.rankdata([-s for s in scores], method="min")
    by_line = {r.student.line: r for r in ranked}
    for student, position in zip(students, expected, strict=True):
        entry = by_line[student.line]
        assert entry.rank == position
        assert entry.percentile == pytest.approx(
            stats.percentileofscore(scores, student.score, kind="weak")
        )
        assert student.accuracy == pytest.approx(
            student.correct / (student.correct + student.wrong + student.multiple)
        )
    assert [r.student.score for r in ranked] == sorted(scores, reverse=True)


def test_topics_add_up_per_student_and_for_the_class(flipped):
    cls, key, students, _ = flipped
    ranked = rank(key, students)
    answers = key.master_answers()
    for r in ranked[:10]:
        choices = cls.chosen[r.student.line - 2]
        for topic in r.topics:
            questions = [q for q in key.questions if topic.name in key.tags[q]]
            assert topic.questions == len(questions)
            assert topic.right == sum(choices[q] == answers[q] for q in questions)
    history = next(t for t in class_topics(ranked) if t.name == "history")
    per_student = [next(t for t in r.topics if t.name == "history").right for r in ranked]
    assert history.right == pytest.approx(np.mean(per_student))


@pytest.mark.parametrize(("correct", "wrong"), [(0, 100), (100, 0), (67, 33), (1, 3), (50, 49)])
def test_upsc_arithmetic_is_exact(correct, wrong):
    """2 marks a right answer, 0.66 lost a wrong one: the decimal result, never a float's."""
    cls = simulate(students=1, questions=100, series=1, seed=3)
    key = AnswerKey.from_json(cls.key)
    answers = [e.answer for e in key.series["A"]]
    other = {"A": "B", "B": "C", "C": "D", "D": "A"}
    marked = answers[:correct] + [other[a] for a in answers[correct : correct + wrong]]
    marked += [""] * (100 - len(marked))
    header = "name,roll,series," + ",".join(str(i) for i in range(1, 101))
    [student] = score_rows(key, f"{header}\nX,1,A,{','.join(marked)}\n")
    assert Decimal(f"{student.score:.2f}") == correct * Decimal(2) - wrong * Decimal("0.66")
    assert f"{student.score:.2f}" == str(correct * Decimal(2) - wrong * Decimal("0.66"))


def test_a_small_class_is_marked_unreliable():
    key, students = scored(simulate(students=RELIABLE_CLASS - 1, seed=5))
    assert not analyse(key, students).reliable
    key, students = scored(simulate(students=RELIABLE_CLASS, seed=5))
    assert analyse(key, students).reliable


def test_degenerate_classes_give_no_figure_rather_than_a_wrong_one():
    key, students = scored(simulate(students=1, seed=5))
    one = analyse(key, students)
    assert one.alpha is None and one.sem is None and one.group == 0
    assert all(i.item_rest is None and i.discrimination is None for i in one.items)
    assert wilson(0, 0) == (0.0, 1.0)
