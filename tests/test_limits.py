"""Limits that hold whatever the machine's speed: work that cannot finish, memory it cannot
have, a parent that dies, a second build, tampered files. No assertion depends on timing."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time

import pytest

from pipeline.build import workers
from pipeline.diagnostics import Diagnostic

from .conftest import CASES, ROOT, run_cli
from .test_incremental import _build, _project


def _forever(started):
    started("a document that never finishes")
    while True:
        pass


def _quick(started):
    started("article")
    return []


def test_a_document_that_cannot_finish_fails_alone():
    outcomes = workers.run(
        [workers.Task("stuck", "stuck.json", _forever), workers.Task("fine", "fine.json", _quick)],
        jobs=2,
        timeout=0.5,
    )
    by_key = {o.key: o for o in outcomes}
    assert by_key["fine"].ok
    [diagnostic] = by_key["stuck"].diagnostics
    assert diagnostic.rule == "render/timeout"
    assert "a document that never finishes took longer than 0.5 s" in diagnostic.message


def _greedy(started) -> list[Diagnostic]:
    started("article")
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024 * 1024))


def test_a_document_that_needs_too_much_memory_fails_with_a_diagnostic():
    [outcome] = workers.run([workers.Task("greedy", "greedy.json", _greedy)], jobs=1, memory_mb=256)
    assert [d.rule for d in outcome.diagnostics] == ["render/memory"]


PARENT = """
import sys, time
from pipeline.build import workers
def stuck(started):
    import os
    open(sys.argv[1], "w").write(str(os.getpid()))
    while True:
        time.sleep(1)
workers.run([workers.Task("stuck", "stuck.json", stuck)], jobs=1, timeout=3600)
"""


def test_workers_die_with_their_parent(tmp_path):
    pid_file = tmp_path / "worker.pid"
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(pid_file)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        for _ in range(600):  # wait for the worker to start, however slow the machine
            if pid_file.exists() and pid_file.read_text():
                break
            time.sleep(0.1)
        worker = int(pid_file.read_text())
        parent.kill()
        parent.wait()
        for _ in range(600):
            try:
                os.kill(worker, 0)
            except ProcessLookupError:
                break
            _reap(worker)
            time.sleep(0.1)
        with pytest.raises(ProcessLookupError):
            os.kill(worker, 0)
    finally:
        parent.kill()


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_a_second_build_into_the_same_folder_is_refused(tmp_path):
    import fcntl

    project = _project(tmp_path)
    out = project / "build"
    out.mkdir()
    with open(out / ".build.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = _build(project)
    assert result.returncode == 2
    assert "another build is writing to build/" in result.stderr


def test_a_tampered_manifest_cannot_reach_outside_the_build_folder(tmp_path):
    project = _project(tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.pdf").write_bytes(b"%PDF keep me")
    out = project / "build"
    out.mkdir()
    manifest = {
        "version": "0",
        "sources": {
            "../../victim": {
                "source": "/nowhere.json",
                "source_hash": "x",
                "inputs_hash": "y",
                "outputs": ["precious.pdf"],
            }
        },
    }
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (project / "sources" / "all-formats.json").unlink()
    (project / "sources" / "minimal.json").write_text("{", encoding="utf-8")  # nothing renders
    assert _build(project).returncode == 1  # the manifest is still read and pruned
    assert (victim / "precious.pdf").read_bytes() == b"%PDF keep me"


def test_an_assets_folder_linked_outside_the_project_serves_nothing(tmp_path):
    project = _project(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n secret")
    (project / "assets").rmdir()
    os.symlink(outside, project / "assets")
    (project / "sources" / "all-formats.json").unlink()
    source = json.loads((CASES / "valid" / "minimal.json").read_text(encoding="utf-8"))
    source["image"] = {"src": "secret.png", "alt": "x"}
    (project / "sources" / "minimal.json").write_text(json.dumps(source), encoding="utf-8")
    result = _build(project)
    assert result.returncode == 1
    assert (
        "assets/outside" in result.stdout
        and "the assets folder is a link to outside" in result.stdout
    )


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf"])
def test_time_limits_must_be_positive_and_finite(value):
    result = run_cli("build", "--timeout", value, "sources")
    assert result.returncode == 2
    assert "is not a positive number of seconds" in result.stderr


def _key(tmp_path, **marks):
    key = {
        "id": "t",
        "title": "T",
        "marks": {"per_question": 2.0, "negative_fraction": 0.33, "penalty": 0.66, **marks},
        "questions": ["q1"],
        "series": {"A": [{"number": 1, "question": "q1", "answer": "A"}]},
    }
    path = tmp_path / "answer-key.json"
    path.write_text(json.dumps(key), encoding="utf-8")
    return path


def test_scores_csv_cannot_carry_a_spreadsheet_formula(tmp_path):
    responses = tmp_path / "responses.csv"
    responses.write_text(
        'name,roll,series,1\n"=HYPERLINK(""http://x"")",+1,A,A\n@SUM(1),-2,A,B\n', encoding="utf-8"
    )
    result = run_cli("score", str(_key(tmp_path)), str(responses), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    rows = (tmp_path / "scores.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1].startswith('"\'=HYPERLINK(""http://x"")",\'+1,A,')
    assert rows[2].startswith("'@SUM(1),'-2,A,")


@pytest.mark.parametrize(
    ("payload", "encoding", "code", "said"),
    [
        (
            "name,roll,series,1\nRené,1,A,A\n",
            "latin-1",
            1,
            "responses.csv:2: byte 0xe9 is not UTF-8",
        ),
        ("name,roll,series,1\nRené,1,A,A\n", "utf-16", 0, "scored 1 student:"),
    ],
)
def test_responses_in_other_encodings(tmp_path, payload, encoding, code, said):
    responses = tmp_path / "responses.csv"
    responses.write_bytes(payload.encode(encoding))
    result = run_cli("score", str(_key(tmp_path)), str(responses), "--out", str(tmp_path))
    assert result.returncode == code
    assert said in result.stdout + result.stderr


@pytest.mark.parametrize("penalty", [float("nan"), -1, 1e308])
def test_a_tampered_key_is_refused(tmp_path, penalty):
    path = _key(tmp_path, penalty=penalty)
    responses = tmp_path / "responses.csv"
    responses.write_text("name,roll,series,1\nA,1,A,A\n", encoding="utf-8")
    result = run_cli("score", str(path), str(responses))
    assert result.returncode == 2
    assert "marks.penalty must be a number from 0 to 100" in result.stderr


def test_a_pack_with_whole_numbers_written_as_decimals_builds(tmp_path):
    project = _project(tmp_path)
    (project / "packs").mkdir()
    pack = json.loads((CASES / "packs" / "exercises.json").read_text(encoding="utf-8"))
    pack["sources"] = ["minimal"]
    pack["count"] = 1.0
    pack["series"] = 2.0
    pack.pop("select", None)
    (project / "packs" / "decimals.json").write_text(json.dumps(pack), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "pack", "packs/decimals.json"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin", "CI": "true"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "build" / "packs" / "decimals" / "worksheet-B.pdf").exists()


def test_checking_a_file_past_its_time_limit_ends_in_a_diagnostic(monkeypatch):
    """A rule that never finishes (injected) stops at the budget with check/timeout."""
    import types

    from pipeline.checks import budget, rules
    from pipeline.checks.check import check_paths

    def stuck(source, context):
        while True:
            pass
        yield

    monkeypatch.setattr(budget, "CHECK_SECONDS", 0.2)
    monkeypatch.setattr(rules, "MODULES", (types.SimpleNamespace(check=stuck, NEEDS=()),))
    result = check_paths([CASES / "valid" / "minimal.json"])
    assert [d.rule for d in result.diagnostics] == ["check/timeout"]
