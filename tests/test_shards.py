"""Sharded builds: N runners each build a stable share; merged, they equal one full build."""

from __future__ import annotations

import json
import shutil

from pipeline.build.engine import shard
from pipeline.build.targets import Target
from pipeline.model import Option, Question, Source

from .conftest import CASES, run_cli

QUESTION = Question("q", "single", "?", (Option("A", "a"),), "A", "because")


def _target(key: str, questions: int) -> Target:
    source = Source(key, key, key, questions=(QUESTION,) * questions)
    return Target(key, f"{key}.json", f"/{key}.json", source, "d")


def test_shards_are_disjoint_complete_stable_and_balanced():
    targets = [_target(f"s{i:02d}", 1 + (i * 7) % 13) for i in range(40)]
    shares = [shard(targets, k, 4) for k in range(1, 5)]
    keys = [t.key for share in shares for t in share]
    assert sorted(keys) == sorted(t.key for t in targets)  # every target exactly once
    assert shares == [shard(list(reversed(targets)), k, 4) for k in range(1, 5)]  # order-free
    weights = [sum(len(t.source.questions) + 10 for t in share) for share in shares]
    assert max(weights) - min(weights) <= 23  # at most one target's weight apart


def test_merged_shards_equal_one_full_build_byte_for_byte(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for path in (CASES / "valid" / "minimal.json", CASES / "valid" / "all-formats.json"):
        shutil.copy(path, src / path.name)
    full, merged = tmp_path / "full", tmp_path / "merged"
    assert run_cli("build", str(src), "--out", str(full)).returncode == 0
    for k in (1, 2):
        result = run_cli(
            "build", str(src), "--out", str(tmp_path / f"shard{k}"), "--shard", f"{k}/2"
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"(shard {k} of 2)" in result.stdout
    assert len(list((tmp_path / "shard1").glob("*/article.pdf"))) >= 1
    assert len(list((tmp_path / "shard2").glob("*/article.pdf"))) >= 1
    result = run_cli(
        "merge", str(tmp_path / "shard1"), str(tmp_path / "shard2"), "--out", str(merged)
    )
    assert result.returncode == 0, result.stderr
    files = sorted(
        p.relative_to(full) for p in full.rglob("*") if p.is_file() and not p.name.startswith(".")
    )
    assert files == sorted(
        p.relative_to(merged)
        for p in merged.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    )
    for name in files:
        if name.name == "manifest.json":  # the same, but unsealed: the files came from shards
            whole = json.loads((full / name).read_text())
            assert "seal" in whole and "seal" not in json.loads((merged / name).read_text())
            whole.pop("seal")
            assert whole == json.loads((merged / name).read_text())
        else:
            assert (full / name).read_bytes() == (merged / name).read_bytes(), name
