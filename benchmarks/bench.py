"""`nox -s bench`: validation and build speed, measured and printed as a table (and JSON).

Everything in one run, so figures compare as ratios on a shared, noisy machine.
Usage: python benchmarks/bench.py [--sources N] [--validate-sources M] [--jobs J] [--json]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import (  # noqa: E402
    BILINGUAL,
    ROOT,
    SEED,
    write_seed_copies,
    write_sources,
)

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


def documents() -> dict[str, object]:
    """Render times of the seed's documents (median of five, warm process) and the share of
    the time spent subsetting fonts."""
    from pipeline import model
    from pipeline.build.render.documents import plan, render_document
    from pipeline.build.render.pdf import subsetter, warm_up
    from pipeline.build.render.view import Marks

    data = json.loads(SEED.read_text(encoding="utf-8"))
    warm_up("a4")
    figures: dict[str, object] = {"subsetter": subsetter()}
    for document in plan(model.load(data), marks=Marks(), epoch=0):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            render_document(document, paper="a4", key=data["id"], epoch=0)
            times.append(time.perf_counter() - start)
        profile = cProfile.Profile()
        profile.enable()
        render_document(document, paper="a4", key=data["id"], epoch=0)
        profile.disable()
        stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
        subset = sum(
            cum
            for (file, _, name), (_, _, _, cum, _) in stats.items()
            if name == "subset" and file.endswith(os.path.join("pdf", "fonts.py"))
        )
        figures[document.name] = {
            "seconds": round(statistics.median(times), 3),
            "font_subsetting_share": round(min(subset / max(_write_time(stats), 1e-9), 1.0), 2),
        }
    return figures


def hindi() -> dict[str, object]:
    """The bilingual fixture: Hindi words its explanations' text layer holds whole (PDFium), with
    and without the /ActualText spans (the key is one page of answers; the Hindi is there), and bilingual against English-only render time."""
    from pipeline import model
    from pipeline.build.render import actualtext, pdf  # pdf installs the spans when imported
    from pipeline.build.render.documents import plan, render_document
    from pipeline.build.render.textlayer import found_share, hindi_words
    from pipeline.build.render.view import Marks

    data = json.loads(BILINGUAL.read_text(encoding="utf-8"))
    texts = [t for q in data["questions"] for t in _strings(q["hi"])]
    source = model.load(data)
    words = hindi_words(texts)
    figures: dict[str, object] = {}
    assert pdf is not None
    for label, switch in (("without", actualtext.uninstall), ("with", actualtext.install)):
        switch()
        documents = {d.name: d for d in plan(source, marks=Marks(), epoch=0, lang="bilingual")}
        _, rendered = render_document(documents["explanations"], paper="a4", key="b", epoch=0)
        found, total = found_share(words, rendered.pdf)
        figures[f"{label}_actualtext"] = {"found": found, "words": total}
    for lang in ("en", "bilingual"):
        document = next(
            d for d in plan(source, marks=Marks(), epoch=0, lang=lang) if d.name == "worksheet"
        )
        times = []
        for _ in range(3):
            start = time.perf_counter()
            render_document(document, paper="a4", key="b", epoch=0)
            times.append(time.perf_counter() - start)
        figures[f"worksheet_{lang}_seconds"] = round(statistics.median(times), 3)
    return figures


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _write_time(stats: dict) -> float:
    return max(
        (cum for (file, _, name), (_, _, _, cum, _) in stats.items() if name == "write_pdf"),
        default=0.0,
    )


def scans(work: Path, jobs: int, sheets: int = 40) -> dict[str, object]:
    """Sheets read per second: a class's stack of filled 100-question sheets, one 200 dpi PDF."""
    from pipeline.build.targets import Target, key_document, sheet_document
    from pipeline.model import load
    from tests import scan_synth as synth
    from tests.corpus.paper import paper

    data = paper()
    folder = work / "scan-key"
    folder.mkdir()
    target = Target(data["id"], data["id"], data["id"], load(data), "", series=4)
    (folder / "answer-key.json").write_bytes(key_document(target))
    (folder / "answer-sheet.json").write_bytes(sheet_document(target, "a4"))
    import random

    from pipeline.build.render import sheet
    from tests import scan_degrade as degrade

    geometry = sheet.geometry(100)
    images = []
    for n in range(sheets):
        s = synth.student(100, seed=n)
        printed = synth.printed(data, s.series, dpi=200)
        image = synth.fill(printed, geometry, s, dpi=200, seed=n)
        images.append(degrade.scanner(image, random.Random(n)))
    stack = work / "stack.pdf"
    stack.write_bytes(synth.pdf_of(images, 200))
    import resource

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    before = cpu()
    wall, rss, code = measure(
        pipeline(
            "scan",
            str(stack),
            "--key",
            str(folder / "answer-key.json"),
            "--out",
            str(work / "scanned"),
            "--jobs",
            str(jobs),
        )
    )
    # The CPU time of the whole run (start-up, rendering the PDF's pages, every worker): on a
    # shared machine the wall time says how busy it was, this what the scan costs.
    seconds = cpu() - before
    # 1 is a page the reader refused or doubts (a result, said in review.csv), not a failure.
    assert code in (0, 1), f"scan failed (exit {code})"
    responses = work / "scanned" / "responses.csv"
    read = sum(1 for _ in responses.open(encoding="utf-8")) - 1 if responses.is_file() else 0
    return {
        "sheets": sheets,
        "read": read,
        "seconds": round(wall, 2),
        "sheets_per_second": round(sheets / wall, 1),
        "cpu_seconds_per_sheet": round(seconds / sheets, 3),
        "sheets_per_second_on_jobs_cores": round(jobs * sheets / seconds, 1) if seconds else None,
        "peak_rss_mb": round(rss, 1),
    }


def startup(runs: int = 7) -> dict[str, object]:
    """Validating one source as an editor's hook does (median of runs, fresh processes),
    beside a bare interpreter and check-jsonschema on the same file."""

    def median(command: list[str]) -> float:
        return round(statistics.median(measure(command)[0] for _ in range(runs)), 3)

    cjs = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    schema = str(ROOT / "schemas" / "editorial.schema.json")
    return {
        "validate_one_seconds": median(pipeline("validate", str(SEED), "-q")),
        "version_seconds": median(pipeline("--version")),
        "python_seconds": median([sys.executable, "-c", "pass"]),
        "check_jsonschema_one_seconds": median([cjs, "--schemafile", schema, str(SEED)])
        if cjs
        else None,
    }


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, all its processes) of one command."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
    ).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert code == 0, f"{command[0]} failed on sources that are valid"
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def real_size(work: Path, count: int, cjs_bin: str | None, runs: int = 3) -> dict[str, object]:
    """Validating copies of the seed editorial (English only, real size) beside
    check-jsonschema on the same files: medians of alternating runs, as ratios. CPU time is
    printed too: on a shared machine our two processes compete for cores, its one does not."""
    folder = work / "validate-real"
    files = write_seed_copies(folder, count)
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(
            _timed(
                pipeline(
                    "validate", str(folder), "--format", "json", "--output", str(work / "r.json")
                )
            )
        )
        if cjs_bin:
            schema = str(ROOT / "schemas" / "editorial.schema.json")
            theirs.append(_timed([cjs_bin, "--schemafile", schema, *map(str, files)]))
    wall, cpu = (statistics.median(x) for x in zip(*ours, strict=True))
    figures: dict[str, object] = {
        "sources": count,
        "seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
    }
    if theirs:
        their_wall, their_cpu = (statistics.median(x) for x in zip(*theirs, strict=True))
        figures |= {
            "check_jsonschema_seconds": round(their_wall, 3),
            "check_jsonschema_cpu_seconds": round(their_cpu, 3),
            "ratio_to_check_jsonschema": round(wall / their_wall, 3),
            "cpu_ratio_to_check_jsonschema": round(cpu / their_cpu, 3),
        }
    return figures


def run(sources: int, validate_sources: int, jobs: int) -> dict[str, object]:
    figures: dict[str, object] = {
        "sources": sources,
        "validate_sources": validate_sources,
        "jobs": jobs,
        "cores": os.cpu_count(),
    }
    figures["startup"] = startup()
    work = Path(tempfile.mkdtemp(prefix="upsc-bench-"))
    try:
        vdir = work / "validate"
        files = write_sources(vdir, validate_sources)
        ours, _, code = measure(
            pipeline("validate", str(vdir), "--format", "json", "--output", str(work / "v.json"))
        )
        assert code == 0, "synthetic sources must be valid"
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
            "check_jsonschema_seconds": round(cjs, 3) if cjs else None,
            "ratio_to_check_jsonschema": round(ours / cjs, 3) if cjs else None,
        }
        figures["validate_real"] = real_size(work, validate_sources, cjs_bin)
        figures["documents"] = documents()
        figures["hindi"] = hindi()
        figures["scan"] = scans(work, jobs)

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
        figures["build"] = {
            "seconds": round(wall, 2),
            "pdfs_per_second": round(3 * sources / wall, 2),
            "peak_rss_mb": round(rss, 1),
            "baseline_seconds": round(base_wall, 2),
            "ratio_to_baseline": round(wall / base_wall, 3),
            "noop_rebuild_seconds": round(noop, 3),
            "one_changed_rebuild_seconds": round(one, 3),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return figures


def _real_row(real: dict) -> tuple[str, str, str, str]:
    return (
        "validate, real size",
        f"{real['sources']} copies of the seed, English",
        f"{real['seconds']} s",
        f"check-jsonschema {real.get('check_jsonschema_seconds')} s; ours / it = "
        f"{real.get('ratio_to_check_jsonschema')} (target <= 0.35; CPU "
        f"{real['cpu_seconds']} s / {real.get('check_jsonschema_cpu_seconds')} s = "
        f"{real.get('cpu_ratio_to_check_jsonschema')})",
    )


def table(figures: dict) -> str:
    v, b, d = figures["validate"], figures["build"], figures["documents"]
    s = figures["startup"]
    rows = [
        (
            "validate one source (start-up)",
            "the seed, -q",
            f"{s['validate_one_seconds']} s",
            f"target <= 0.2 s; python alone {s['python_seconds']} s, --version "
            f"{s['version_seconds']} s, check-jsonschema {s['check_jsonschema_one_seconds']} s",
        ),
        (
            "validate",
            f"{figures['validate_sources']} sources",
            f"{v['seconds']} s",
            f"{v['sources_per_second']} sources/s",
        ),
        (
            "check-jsonschema (schema only)",
            f"{figures['validate_sources']} sources",
            f"{v['check_jsonschema_seconds']} s",
            f"ours / it = {v['ratio_to_check_jsonschema']} (target <= 0.35)",
        ),
    ]
    rows.append(_real_row(figures["validate_real"]))
    for name, target in (("article", 0.6), ("worksheet", 0.3), ("answer-key", 0.3)):
        one = d[name]
        rows.append(
            (
                f"render {name} (seed)",
                f"subset by {d['subsetter']}",
                f"{one['seconds']} s",
                f"target <= {target} s; {one['font_subsetting_share']:.0%} in font subsetting",
            )
        )
    rows += [
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
            f"build / baseline = {b['ratio_to_baseline']} (target <= 0.55)",
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
    hi = figures["hindi"]
    before, after = hi["without_actualtext"], hi["with_actualtext"]
    rows += [
        (
            "Hindi words searchable (explanations)",
            f"{after['words']} words, PDFium",
            f"{after['found']}/{after['words']}",
            f"{after['found'] / after['words']:.0%} with /ActualText; "
            f"{before['found'] / before['words']:.0%} without",
        ),
        (
            "render worksheet, bilingual",
            "bilingual fixture (8 q)",
            f"{hi['worksheet_bilingual_seconds']} s",
            f"English only: {hi['worksheet_en_seconds']} s "
            f"(x{hi['worksheet_bilingual_seconds'] / hi['worksheet_en_seconds']:.2f})",
        ),
    ]
    rows.append(_scan_row(figures))
    for extra in figures.get("extra", []):
        rows.append(tuple(extra))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows)


def _scan_row(figures: dict) -> tuple[str, str, str, str]:
    scan = figures["scan"]
    return (
        "scan filled answer sheets",
        f"{scan['sheets']} sheets ({scan['read']} read), 200 dpi PDF, --jobs {figures['jobs']}",
        f"{scan['seconds']} s",
        f"{scan['sheets_per_second']} sheets/s (target >= 5); CPU {scan['cpu_seconds_per_sheet']} s a sheet = {scan['sheets_per_second_on_jobs_cores']} sheets/s on {figures['jobs']} idle cores",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=24)
    parser.add_argument("--validate-sources", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument("--scan-only", action="store_true", help="only the scan figure")
    parser.add_argument(
        "--validate-only",
        action="store_true",
        help="only validation at real size: copies of the seed beside check-jsonschema (3 runs)",
    )
    options = parser.parse_args()
    if options.scan_only:
        work = Path(tempfile.mkdtemp(prefix="upsc-bench-"))
        try:
            figures = {"jobs": options.jobs, "scan": scans(work, options.jobs)}
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print("  ".join(_scan_row(figures)))
        return
    if options.validate_only:
        work = Path(tempfile.mkdtemp(prefix="upsc-bench-"))
        try:
            cjs_bin = shutil.which("check-jsonschema") or shutil.which(
                "check-jsonschema", path=str(Path(sys.executable).parent)
            )
            real = real_size(work, options.validate_sources, cjs_bin)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print("  ".join(_real_row(real)))
        if options.json:
            print(json.dumps(real, indent=2))
        return
    figures = run(options.sources, options.validate_sources, options.jobs)
    print(table(figures))
    if options.json:
        print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
