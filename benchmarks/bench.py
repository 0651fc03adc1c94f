"""`nox -s bench`: validation and build speed, measured and printed as a table (and JSON).

Usage: python benchmarks/bench.py [--sources N] [--validate-sources M] [--jobs J] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import ROOT, write_sources  # noqa: E402

MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=None).returncode\n"
    "wall = time.perf_counter() - start\n"
    "print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)

BASELINE = (
    "import sys, pathlib\n"
    "from weasyprint import HTML\n"
    "out = pathlib.Path(sys.argv[1])\n"
    "for html in sys.argv[2:]:\n"
    "    path = pathlib.Path(html)\n"
    "    HTML(filename=html).write_pdf(out / f'{path.parent.name}-{path.stem}.pdf')\n"
)


def measure(command: list[str], *, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) of the largest process, exit code of one command."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    wall, rss_kb, code = result.stdout.split()
    return float(wall), int(rss_kb) / 1024, int(code)


def pipeline(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args]


def run(sources: int, validate_sources: int, jobs: int) -> dict[str, object]:
    figures: dict[str, object] = {
        "sources": sources,
        "validate_sources": validate_sources,
        "jobs": jobs,
        "cores": os.cpu_count(),
    }
    work = Path(tempfile.mkdtemp(prefix="upsc-bench-"))
    try:
        vdir = work / "validate"
        files = write_sources(vdir, validate_sources)
        ours, _, code = measure(
            pipeline("validate", str(vdir), "--format", "json", "--output", str(work / "v.json"))
        )
        assert code == 0, "synthetic sources must be valid"
        pure, _, _ = measure(
            pipeline("validate", str(vdir), "--format", "json", "--output", str(work / "p.json")),
            env={"UPSC_PIPELINE_PURE_PYTHON": "1"},
        )
        cjs_bin = shutil.which("check-jsonschema") or shutil.which(
            "check-jsonschema", path=str(Path(sys.executable).parent)
        )
        cjs = None
        if cjs_bin:
            cjs, _, code = measure(
                [
                    cjs_bin,
                    "--schemafile",
                    str(ROOT / "schemas" / "editorial.schema.json"),
                    *map(str, files),
                ]
            )
            assert code == 0, "check-jsonschema must accept the synthetic sources"
        figures["validate"] = {
            "seconds": round(ours, 3),
            "sources_per_second": round(validate_sources / ours, 1),
            "pure_python_seconds": round(pure, 3),
            "check_jsonschema_seconds": round(cjs, 3) if cjs else None,
            "ratio_to_check_jsonschema": round(ours / cjs, 3) if cjs else None,
        }

        bdir = work / "build-src"
        built = write_sources(bdir, sources, seed=11)
        out = work / "out"
        wall, rss, code = measure(
            pipeline("build", str(bdir), "--out", str(out), "--jobs", str(jobs), "--emit-html"),
            env={"CI": "true"},
        )
        assert code == 0, "build failed"
        htmls = sorted(str(p) for p in out.rglob("*.html"))
        base_out = work / "baseline"
        base_out.mkdir()
        base_wall, base_rss, code = measure([sys.executable, "-c", BASELINE, str(base_out), *htmls])
        assert code == 0, "baseline failed"
        noop, _, _ = measure(
            pipeline("build", str(bdir), "--out", str(out), "--jobs", str(jobs), "--emit-html"),
            env={"CI": "true"},
        )
        data = json.loads(built[0].read_text(encoding="utf-8"))
        data["dek"] = "Changed for the one-source rebuild."
        built[0].write_text(json.dumps(data), encoding="utf-8")
        one, _, _ = measure(
            pipeline("build", str(bdir), "--out", str(out), "--jobs", str(jobs), "--emit-html"),
            env={"CI": "true"},
        )
        pdfs = 3 * sources
        figures["build"] = {
            "seconds": round(wall, 2),
            "pdfs_per_second": round(pdfs / wall, 2),
            "peak_rss_mb": round(rss, 1),
            "baseline_seconds": round(base_wall, 2),
            "baseline_peak_rss_mb": round(base_rss, 1),
            "ratio_to_baseline": round(wall / base_wall, 3),
            "noop_rebuild_seconds": round(noop, 3),
            "one_changed_rebuild_seconds": round(one, 3),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return figures


def table(figures: dict) -> str:
    v, b = figures["validate"], figures["build"]
    rows = [
        (
            "validate",
            f"{figures['validate_sources']} sources",
            f"{v['seconds']} s",
            f"{v['sources_per_second']} sources/s",
        ),
        (
            "validate, jsonschema only",
            f"{figures['validate_sources']} sources",
            f"{v['pure_python_seconds']} s",
            "",
        ),
        (
            "check-jsonschema (schema only)",
            f"{figures['validate_sources']} sources",
            f"{v['check_jsonschema_seconds']} s",
            f"ours / it = {v['ratio_to_check_jsonschema']} (target <= 0.35)",
        ),
        (
            "build",
            f"{figures['sources']} sources, --jobs {figures['jobs']}",
            f"{b['seconds']} s",
            f"{b['pdfs_per_second']} PDFs/s, peak RSS {b['peak_rss_mb']} MB",
        ),
        (
            "baseline: plain WeasyPrint, 1 process",
            f"{3 * figures['sources']} HTML files",
            f"{b['baseline_seconds']} s",
            f"build / baseline = {b['ratio_to_baseline']} (target <= 0.6)",
        ),
        (
            "no-op rebuild",
            f"{figures['sources']} sources",
            f"{b['noop_rebuild_seconds']} s",
            "target < 1 s",
        ),
        (
            "one source changed",
            f"{figures['sources']} sources",
            f"{b['one_changed_rebuild_seconds']} s",
            "",
        ),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("--validate-sources", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    options = parser.parse_args()
    figures = run(options.sources, options.validate_sources, options.jobs)
    print(table(figures))
    if options.json:
        print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
