"""facts/: questions test key facts of their own source; key facts are tagged."""

from __future__ import annotations

from pipeline.checks.check import check_paths

from .helpers import problems


def test_seed_question_citing_missing_fact_fails(tmp_path):
    def edit(d):
        d["questions"][0]["facts"] = ["no-such-fact"]

    assert ("facts/unknown-fact", "/questions/0/facts/0") in problems(tmp_path, edit, base="seed")


def test_question_testing_no_fact_fails(tmp_path):
    def edit(d):
        d["questions"][0]["facts"] = []

    assert problems(tmp_path, edit) == [("facts/no-fact", "/questions/0/facts")]


def test_untested_fact_is_info_not_failure(tmp_path):
    from ..conftest import SEED

    result = check_paths([SEED])
    untested = [(d.rule, d.pointer, d.severity.value) for d in result.diagnostics]
    assert untested == [
        ("facts/untested", "/key_facts/0", "info"),
        ("facts/untested", "/key_facts/3", "info"),
    ]
    assert result.ok
