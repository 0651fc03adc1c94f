"""Shared fixtures: case folders and a CLI runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
SEED = ROOT / "sources" / "india-us-relations-parallel-track.json"


def run_cli(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m pipeline ARGS` as a user would (extra environment variables in env)."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "PYTHONPATH": str(ROOT),
            "PATH": "/usr/bin:/bin",
            "SOURCE_DATE_EPOCH": "1767225600",
            **(env or {}),
        },
    )


@pytest.fixture
def seed_copy(tmp_path: Path):
    """Write an edited copy of the seed source named after its id; returns a writer."""

    def write(edit=None, *, name: str = "india-us-relations-parallel-track") -> Path:
        data = json.loads(SEED.read_text(encoding="utf-8"))
        data["$schema"] = str(ROOT / "schemas" / "editorial.schema.json")
        if edit is not None:
            edit(data)
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
        return path

    return write


@pytest.fixture
def link_out_of_assets(tmp_path):
    """A symlink in assets/ pointing at a file outside the project; removed afterwards."""
    from pipeline.config import project

    ASSETS_DIR = project().assets
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG secret")
    link = ASSETS_DIR / f"test-link-{tmp_path.name}.png"
    os.symlink(outside, link)
    yield link
    link.unlink()
