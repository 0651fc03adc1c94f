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
    # CI jobs sharing a key (the workflow's build-key) are like these runs on one machine:
    # every run's seal verifies in the others. (The default state folder: another one would
    # reseal the shared font cache under another key under the feet of concurrent tests.)
    shared: dict[str, str] = {}
    assert run_cli("build", str(src), "--out", str(full), env=shared).returncode == 0
    for k in (1, 2):
        result = run_cli(
            "build", str(src), "--out", str(tmp_path / f"shard{k}"), "--shard", f"{k}/2", env=shared
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"(shard {k} of 2)" in result.stdout
    assert len(list((tmp_path / "shard1").glob("*/article.pdf"))) >= 1
    assert len(list((tmp_path / "shard2").glob("*/article.pdf"))) >= 1
    shards = [str(tmp_path / "shard1"), str(tmp_path / "shard2")]
    result = run_cli("merge", *shards, "--out", str(merged), env=shared)
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
        if name.name != "manifest.json":
            assert (full / name).read_bytes() == (merged / name).read_bytes(), name
    whole, joined = (json.loads((f / "manifest.json").read_text()) for f in (full, merged))
    assert whole.pop("seal") and joined.pop("seal")  # sealed: every shard's seal verified
    assert whole == joined
    again = run_cli("build", str(src), "--out", str(merged), env=shared)
    assert "0 built, 2 unchanged" in again.stdout  # the next run trusts the merged folder

    # Another key (a job that does not share it): the shards vouch for nothing it can check.
    # (merge renders nothing, so it touches no font.)
    elsewhere = {"UPSC_PIPELINE_STATE": str(tmp_path / "other-state")}
    result = run_cli("merge", *shards, "--out", str(tmp_path / "m2"), env=elsewhere)
    assert result.returncode == 0, result.stderr
    assert "seal" not in json.loads((tmp_path / "m2" / "manifest.json").read_text())


def test_a_shard_built_over_a_restored_build_vouches_for_its_own_share_only(tmp_path):
    """The workflow's shards restore the last merged build/ and render what changed."""
    src = tmp_path / "src"
    src.mkdir()
    for path in (CASES / "valid" / "minimal.json", CASES / "valid" / "all-formats.json"):
        shutil.copy(path, src / path.name)
    shared: dict[str, str] = {}  # this machine's key, as above
    restored = tmp_path / "restored"
    assert run_cli("build", str(src), "--out", str(restored), env=shared).returncode == 0
    keys = sorted(json.loads((restored / "manifest.json").read_text())["sources"])
    for k in (1, 2):
        shutil.copytree(restored, tmp_path / f"shard{k}")
        result = run_cli(
            "build", str(src), "--out", str(tmp_path / f"shard{k}"), "--shard", f"{k}/2", env=shared
        )
        assert "0 built, 1 unchanged" in result.stdout, result.stdout
    listed = [
        sorted(json.loads((tmp_path / f"shard{k}" / "manifest.json").read_text())["sources"])
        for k in (1, 2)
    ]
    assert sorted(listed[0] + listed[1]) == keys and not set(listed[0]) & set(listed[1])
    result = run_cli(
        "merge",
        str(tmp_path / "shard1"),
        str(tmp_path / "shard2"),
        "--out",
        str(tmp_path / "m"),
        env=shared,
    )
    assert result.returncode == 0, result.stderr
    assert f"merged {len(keys)} targets from 2 shards" in result.stdout
