"""Checking many sources forks children only when a core is free; either way the diagnostics
are the same, in the same order (the forked path is taken by load, so both are tested here)."""

from __future__ import annotations

import shutil

import pytest

from pipeline.checks import check

from .conftest import CASES


@pytest.fixture
def folder(tmp_path):
    for name in ("answer-mismatch", "acronym-unknown", "bad-date"):
        shutil.copy(CASES / "invalid" / f"{name}.json", tmp_path / f"{name}.json")
    for name in ("minimal", "all-formats", "bilingual"):
        shutil.copy(CASES / "valid" / f"{name}.json", tmp_path / f"{name}.json")
    return tmp_path


def _found(folder, monkeypatch, *, busy: bool) -> list[tuple[str, int, int, str, str]]:
    monkeypatch.setattr(check, "PARALLEL_FROM", 2)
    monkeypatch.setattr(check, "_busy", lambda cores: busy)
    monkeypatch.setattr(check.os, "cpu_count", lambda: 2)
    result = check.check_paths([folder])
    return [(d.file, d.line, d.column, d.pointer, d.rule) for d in result.diagnostics]


def test_forked_and_single_process_checks_agree(folder, monkeypatch):
    forked = _found(folder, monkeypatch, busy=False)
    single = _found(folder, monkeypatch, busy=True)
    assert forked == single
    rules = {rule for *_, rule in single}
    assert {"answer-key/mismatch", "content/unknown-acronym"} <= rules


def test_a_busy_machine_is_read_from_the_load_average(monkeypatch):
    monkeypatch.setattr(check.os, "getloadavg", lambda: (3.5, 3.0, 2.0))
    assert check._busy(2) and not check._busy(4)

    def no_load() -> tuple[float, float, float]:
        raise OSError

    monkeypatch.setattr(check.os, "getloadavg", no_load)
    assert not check._busy(2)
