"""ids/: unique ids and ids equal to file names."""

from __future__ import annotations

import json

from pipeline.checks.check import check_paths

from .helpers import FIXTURES, problems


def test_duplicate_question_id(tmp_path):
    def edit(d):
        d["questions"].append(dict(d["questions"][0]))

    assert ("ids/duplicate-question", "/questions/1/id") in problems(tmp_path, edit)


def test_duplicate_source_id_across_files(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "minimal.json").write_text(
            json.dumps(FIXTURES["minimal"]), encoding="utf-8"
        )
    result = check_paths([tmp_path / "a", tmp_path / "b"])
    assert [(d.file.split("/")[-2], d.rule, d.pointer) for d in result.diagnostics] == [
        ("a", "ids/duplicate-source", "/id"),
        ("b", "ids/duplicate-source", "/id"),
    ]


def test_checking_one_file_still_sees_its_folder(tmp_path):
    """A pre-commit hook passes only changed files; the unique-id rule must still see the rest."""
    (tmp_path / "minimal.json").write_text(json.dumps(FIXTURES["minimal"]), encoding="utf-8")
    other = dict(FIXTURES["minimal"])
    (tmp_path / "copy.json").write_text(json.dumps(other), encoding="utf-8")
    result = check_paths([tmp_path / "minimal.json"])
    assert [(d.rule, d.pointer) for d in result.diagnostics if d.severity.value == "error"] == [
        ("ids/duplicate-source", "/id")
    ]
    assert "copy.json" in result.diagnostics[0].message
