"""`upsc-pipeline plan`: how many CI jobs a build needs, as a `--shard K/N` matrix.

A pull request that changes two sources should not start sixteen runners, and one that
changes three hundred should not wait on one. `plan` checks the sources as `build` does,
asks the manifest in `--out` (a restored cache) which targets are not current, and sizes
the matrix: one job per `--per-job` targets to build, at least one, at most `--max-jobs`,
the number of targets, and GitHub's limit of 256 jobs a matrix. Every shard of N computes
the same size-balanced share of all targets, so the shares never depend on what a cache
held; a current target costs a shard nothing.
"""

from __future__ import annotations

import json
import sys

from ..options import BuildOptions
from .engine import collect, stale

#: GitHub Actions runs at most 256 jobs of one matrix.
MATRIX_LIMIT = 256


def jobs_for(to_build: int, targets: int, *, per_job: int, max_jobs: int) -> int:
    """How many shards: enough for per_job targets each, within every limit, at least one."""
    wanted = -(-to_build // max(per_job, 1))
    return max(1, min(wanted, max_jobs, MATRIX_LIMIT, targets))


def plan_command(options: BuildOptions, *, per_job: int, max_jobs: int, format: str) -> int:
    """Print the matrix (text, json, or `key=value` lines for $GITHUB_OUTPUT); exit 0."""
    plan, inputs, _ = collect(options, report=False)
    todo = stale(options, plan, inputs)
    jobs = jobs_for(len(todo), len(plan.targets), per_job=per_job, max_jobs=max_jobs)
    figures = {
        "targets": len(plan.targets),
        "to_build": len(todo),
        "skipped": len(plan.failed),
        "jobs": jobs,
        "shards": [f"{k}/{jobs}" for k in range(1, jobs + 1)],
    }
    summary = (
        f"{figures['targets']} targets, {figures['to_build']} to build "
        f"({len(plan.targets) - len(todo)} current in {options.out}/"
        + (f", {len(plan.failed)} with errors" if plan.failed else "")
        + f"): {jobs} job{'s' if jobs != 1 else ''}, `build --shard K/{jobs}`"
    )
    if format == "json":
        print(json.dumps(figures))
    elif format == "github":
        for key in ("targets", "to_build", "jobs", "shards"):
            print(f"{key.replace('_', '-')}={json.dumps(figures[key])}")
        if not options.report.style.quiet:
            print(summary, file=sys.stderr)
    else:
        print(summary)
    return 0
