"""Hostile and broken input: every bad input gets diagnostics, never a traceback, and no
file outside the project is read on its behalf. Prints the figures the closing note quotes."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import sys
import time
from pathlib import Path

import pytest

from pipeline.build.render.documents import plan, render_document
from pipeline.build.render.pdf import RenderError
from pipeline.checks.check import check_paths
from pipeline.checks.sources import MAX_BYTES
from pipeline.config import project
from pipeline.model import Marks, load

from .conftest import CASES, ROOT, run_cli

ASSETS_DIR = project().assets

EXPECTED = json.loads((CASES / "expected.json").read_text(encoding="utf-8"))
MINIMAL = json.loads((CASES / "valid" / "minimal.json").read_text(encoding="utf-8"))

_OPENED: list[str] = []
_WATCHING = False


def _audit(event: str, args: tuple) -> None:
    if _WATCHING and event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


def _runtime_cases(folder: Path, secret: Path) -> dict[str, str]:
    """Bad inputs that cannot be committed: huge files, directories, symlinks. Name -> family."""
    cases: dict[str, str] = {}
    big = folder / "size-50mb.json"
    with open(big, "wb") as handle:  # a sparse 50 MB file: refused by its size, never parsed
        handle.truncate(50 * 1024 * 1024)
    cases[big.name] = "json/too-large"
    data = dict(MINIMAL, id="string-1mb", summary="word " * 210_000)
    (folder / "string-1mb.json").write_text(json.dumps(data), encoding="utf-8")
    cases["string-1mb.json"] = "schema/max-length"
    question = MINIMAL["questions"][0]
    data = dict(
        MINIMAL, id="questions-10000", questions=[dict(question, id=f"q{i}") for i in range(10_000)]
    )
    (folder / "questions-10000.json").write_text(json.dumps(data), encoding="utf-8")
    cases["questions-10000.json"] = "json/too-large"
    (folder / "directory.json").mkdir()
    cases["directory.json"] = "json/unreadable"
    link = ASSETS_DIR / "hostile-escape.png"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(secret, link)
    data = dict(MINIMAL, id="image-symlink-escape", image={"src": "hostile-escape.png", "alt": "x"})
    (folder / "image-symlink-escape.json").write_text(json.dumps(data), encoding="utf-8")
    cases["image-symlink-escape.json"] = "assets/outside"
    # Contained: nothing outside the project is read, and nothing that is not a file.
    leak = secret.parent / "leak.json"
    leak.write_text(json.dumps(dict(MINIMAL, id="leak", summary="AKIA-SECRET-KEY")), "utf-8")
    os.symlink(leak, folder / "link-to-outside.json")
    cases["link-to-outside.json"] = "files/outside"
    os.symlink("/dev/zero", folder / "dev-zero.json")
    cases["dev-zero.json"] = "files/outside"
    os.mkfifo(folder / "fifo.json")
    cases["fifo.json"] = "files/not-regular"
    for name in ("....json", "Upper-Case.json", "under_score.json", "space name.json"):
        (folder / name).write_text(json.dumps(MINIMAL), encoding="utf-8")
        cases[name] = "files/name"
    # Bounded: inputs that used to run for minutes or take gigabytes.
    huge = ASSETS_DIR / "hostile-huge.png"
    header = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (60000).to_bytes(4, "big") * 2
    huge.write_bytes(header + b"\x08\x02\x00\x00\x00" + b"\x00" * 20_000)
    data = dict(MINIMAL, id="image-huge-dimensions", image={"src": "hostile-huge.png", "alt": "x"})
    (folder / "image-huge-dimensions.json").write_text(json.dumps(data), encoding="utf-8")
    cases["image-huge-dimensions.json"] = "assets/too-large"
    indicator = {"label": "Trade", "value": "1"}
    dashboard = {"title": "T", "indicators": [indicator] * 10_000}
    data = dict(MINIMAL, id="indicators-10000", visuals={"dashboard": dashboard})
    (folder / "indicators-10000.json").write_text(json.dumps(data), encoding="utf-8")
    cases["indicators-10000.json"] = "schema/max-items"
    dashboard = {"title": "T", "indicators": [dict(indicator, value="9" * 200)]}
    data = dict(MINIMAL, id="indicator-value-200", visuals={"dashboard": dashboard})
    (folder / "indicator-value-200.json").write_text(json.dumps(data), encoding="utf-8")
    cases["indicator-value-200.json"] = "schema/max-length"
    question = dict(MINIMAL["questions"][0], stem="\u00a0".join(["word"] * 700))
    data = dict(MINIMAL, id="stem-nbsp-700", questions=[question])
    (folder / "stem-nbsp-700.json").write_text(json.dumps(data), encoding="utf-8")
    cases["stem-nbsp-700.json"] = "content/long-word"
    data = dict(MINIMAL, id="markup-quadratic", summary="<a" + " " * 1_900_000)
    (folder / "markup-quadratic.json").write_text(json.dumps(data), encoding="utf-8")
    cases["markup-quadratic.json"] = "schema/max-length"
    data = dict(MINIMAL, id="placeholder-quadratic", summary="loading " * 1200 + "...")
    (folder / "placeholder-quadratic.json").write_text(json.dumps(data), encoding="utf-8")
    cases["placeholder-quadratic.json"] = "content/placeholder"
    data = dict(MINIMAL, id="acronym-quadratic", summary="A&" * 4900)
    (folder / "acronym-quadratic.json").write_text(json.dumps(data), encoding="utf-8")
    cases["acronym-quadratic.json"] = "content/"
    options = [{"label": label, "text": "1 and 2 and " * 20 + "3"} for label in "ABCD"]
    data = dict(
        MINIMAL, id="option-quadratic", questions=[dict(MINIMAL["questions"][0], options=options)]
    )
    (folder / "option-quadratic.json").write_text(json.dumps(data), encoding="utf-8")
    cases["option-quadratic.json"] = "answer-key/"
    text = "Statement 1 is correct; " * 400
    data = dict(
        MINIMAL,
        id="explanation-many-verdicts",
        questions=[dict(MINIMAL["questions"][0], explanation=text)],
    )
    (folder / "explanation-many-verdicts.json").write_text(json.dumps(data), encoding="utf-8")
    cases["explanation-many-verdicts.json"] = "explanation/"
    (folder / "digits-5000.json").write_text('{"id": ' + "7" * 5000 + "}", encoding="utf-8")
    cases["digits-5000.json"] = "json/too-large"
    (folder / "float-overflow.json").write_text('{"id": 1e999}', encoding="utf-8")
    cases["float-overflow.json"] = "json/too-large"
    facts = [{"id": f"f{i}", "text": "A fact.", "tags": ["quad"]} for i in range(100)]
    questions = [dict(MINIMAL["questions"][0], id=f"q{i}", answer="B") for i in range(200)]
    data = dict(MINIMAL, id="many-diagnostics", key_facts=facts, questions=questions)
    (folder / "many-diagnostics.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    cases["many-diagnostics.json"] = "answer-key/"
    return cases


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "outside" / "secret.png"
    path.parent.mkdir()
    path.write_bytes(b"\x89PNG root:x:0:0 secret")
    yield path
    link = ASSETS_DIR / "hostile-escape.png"
    if link.is_symlink():
        link.unlink()
    (ASSETS_DIR / "hostile-huge.png").unlink(missing_ok=True)


def test_every_bad_input_gives_its_family_without_traceback_or_outside_read(
    tmp_path, secret, capsys
):
    global _WATCHING
    folder = tmp_path / "runtime"
    folder.mkdir()
    runtime = _runtime_cases(folder, secret)
    inputs = [
        (CASES / "invalid" / f"{name}.json", expected["rule"])
        for name, expected in EXPECTED.items()
    ]
    inputs += [(folder / name, rule) for name, rule in runtime.items()]
    watched = {"/etc/passwd", "/etc/hostname", str(secret), str(secret.resolve())}
    tracebacks, wrong, slowest = [], [], (0.0, "")
    times: list[tuple[float, str]] = []
    _OPENED.clear()
    _WATCHING = True
    try:
        for path, rule in inputs:
            start = time.perf_counter()
            try:
                result = check_paths([path])
            except Exception as err:  # noqa: BLE001 - counting is the point
                tracebacks.append(f"{path.name}: {type(err).__name__}: {err}")
                continue
            elapsed = time.perf_counter() - start
            slowest = max(slowest, (elapsed, path.name))
            times.append((elapsed, path.name))
            if rule.split("/")[0] not in {d.rule.split("/")[0] for d in result.diagnostics}:
                wrong.append((path.name, rule, sorted({d.rule for d in result.diagnostics})))
        # the renderer under attack: render sources as if validation had been bypassed
        for name in ("image-symlink-escape.json",):
            data = json.loads((folder / name).read_text(encoding="utf-8"))
            with pytest.raises(RenderError):
                article = plan(load(data), marks=Marks(), epoch=0)[0]
                render_document(article, paper="a4", key=data["id"], epoch=0)
    finally:
        _WATCHING = False
    outside = sorted({p for p in _OPENED if p in watched or os.path.realpath(p) in watched})
    with capsys.disabled():
        print(
            f"\nhostile inputs: {len(inputs)} tried, {len(tracebacks)} tracebacks, "
            f"{len(outside)} reads outside the project, slowest {slowest[0]:.2f} s ({slowest[1]}), "
            f"peak RSS of the checking process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        )
        print("slowest five: " + ", ".join(f"{name} {t:.2f} s" for t, name in sorted(times)[-5:]))
    assert tracebacks == []
    assert wrong == []
    assert outside == []
    assert len(inputs) >= 140


def test_huge_file_is_refused_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)

    def no_read(self):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    result = check_paths([path])
    assert [d.rule for d in result.diagnostics] == ["json/too-large"]


def test_unreadable_file(tmp_path, monkeypatch):
    """Root can read anything, so permission is simulated where the tool reads."""
    path = tmp_path / "locked.json"
    path.write_text("{}", encoding="utf-8")
    real = Path.read_bytes

    def denied(self):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = check_paths([path])
    assert [(d.rule, d.message) for d in result.diagnostics] == [
        ("json/unreadable", "cannot read file: Permission denied")
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_for_real(tmp_path):
    path = tmp_path / "locked.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    assert [d.rule for d in check_paths([path]).diagnostics] == ["json/unreadable"]


# --- issue 22: configured folders, machine failures, report injection, waivers, ids ---------
# Every test below fed its input to the tool of the day the issue was filed and got a write
# outside the project, a takeover, an injected report or an "internal error".

#: Runs the command with os.open/os.mkdir failing with FAIL_ERRNO for paths under FAIL_UNDER:
#: a read-only checkout or a full disk, which root (who runs these tests) cannot get for real.
FAILING = """
import errno, os, sys
root, code = os.environ["FAIL_UNDER"], getattr(errno, os.environ["FAIL_ERRNO"])
real_open, real_mkdir = os.open, os.mkdir
def hit(path):
    return os.path.abspath(os.fsdecode(path)).startswith(root)
def fail(path):
    raise OSError(code, os.strerror(code), os.fsdecode(path))
def fake_open(path, flags, *args, **kwargs):
    if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and hit(path):
        fail(path)
    return real_open(path, flags, *args, **kwargs)
def fake_mkdir(path, *args, **kwargs):
    if hit(path):
        fail(path)
    return real_mkdir(path, *args, **kwargs)
os.open, os.mkdir = fake_open, fake_mkdir
from pipeline.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def run_failing(*args: str, cwd: Path, under: Path, errno_name: str, env=None):
    import subprocess

    return subprocess.run(
        [sys.executable, "-c", FAILING, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "PYTHONPATH": str(ROOT),
            "PATH": "/usr/bin:/bin",
            "FAIL_UNDER": str(under),
            "FAIL_ERRNO": errno_name,
            **(env or {}),
        },
    )


@pytest.fixture
def content(tmp_path) -> Path:
    """A content project: sources/ with one valid source; the current folder of the CLI."""
    project = tmp_path / "content"
    (project / "sources").mkdir(parents=True)
    (project / "sources" / "minimal.json").write_text(json.dumps(MINIMAL), encoding="utf-8")
    return project


def _no_internal_error(result) -> None:
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr


# Cause 3: a configured folder is followed through its links before anything is written.


@pytest.mark.parametrize(
    ("folder", "args"), [("schemas", ("schema",)), ("sources", ("new", "fresh-id"))]
)
def test_a_folder_linked_out_of_the_project_is_refused(content, tmp_path, folder, args):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = content / folder
    if target.exists():
        shutil.rmtree(target)
    os.symlink(outside, target)
    result = run_cli(*args, cwd=content)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "leads outside the project" in result.stderr
    assert list(outside.iterdir()) == []


def test_a_configured_folder_linked_out_of_the_project_is_a_usage_error(content, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, content / "editor-schemas")
    (content / "pyproject.toml").write_text(
        '[tool.upsc-pipeline]\nschemas = "editor-schemas"\n', encoding="utf-8"
    )
    result = run_cli("schema", cwd=content)
    assert result.returncode == 2 and "leaves the project" in result.stderr
    assert list(outside.iterdir()) == []


# Cause 7: the machine or a file's format fails; one line says which file and what to do.


def test_a_symlink_loop_in_sources_is_a_diagnostic(content):
    os.symlink("loop-b.json", content / "sources" / "loop-a.json")
    os.symlink("loop-a.json", content / "sources" / "loop-b.json")
    result = run_cli("validate", cwd=content)
    _no_internal_error(result)
    assert result.returncode == 1
    assert "sources/loop-a.json:1:1: error json/unreadable: is a symbolic link that loops" in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[tool.upsc-pipeline]\nx = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "nested"),
        (b'[tool.upsc-pipeline]\nsources = "\xff\xfe"\n', "not UTF-8"),
    ],
    ids=["nested-100000", "not-utf8"],
)
def test_a_configuration_that_cannot_be_read_is_a_usage_error(content, body, message):
    (content / "pyproject.toml").write_bytes(body)
    result = run_cli("validate", cwd=content)
    _no_internal_error(result)
    assert result.returncode == 2
    assert result.stderr.startswith("error: pyproject.toml:") and message in result.stderr


def test_a_shard_count_beyond_any_ci_matrix_is_a_usage_error(content):
    result = run_cli("build", "--shard", "1/2000000000", cwd=content)
    assert result.returncode == 2 and "at most 256 shards" in result.stderr


def test_a_console_that_cannot_print_hindi_gets_escapes(content):
    (content / "sources" / "हिंदी.json").write_text("{}", encoding="utf-8")
    result = run_cli("validate", cwd=content, env={"PYTHONIOENCODING": "cp1252"})
    _no_internal_error(result)
    assert result.returncode == 1
    assert "sources/\\u0939\\u093f\\u0902\\u0926\\u0940.json:1:1: error files/name" in (
        result.stdout
    )


def test_an_out_that_is_a_file_is_a_usage_error(content):
    (content / "build").write_text("not a folder", encoding="utf-8")
    result = run_cli("build", cwd=content)
    _no_internal_error(result)
    assert result.returncode == 2 and "--out build is a file, not a folder" in result.stderr


def test_a_full_output_device_is_a_usage_error_naming_it(content):
    result = run_cli("validate", "--output", "/dev/full", cwd=content)
    _no_internal_error(result)
    assert result.returncode == 2
    assert "/dev/full" in result.stderr and "the disk is full" in result.stderr


def test_an_unwritable_step_summary_keeps_the_annotations(content, tmp_path):
    data = dict(MINIMAL, title="TODO")
    (content / "sources" / "minimal.json").write_text(json.dumps(data), encoding="utf-8")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = run_cli(
        "validate", "--format", "github", cwd=content, env={"GITHUB_STEP_SUMMARY": str(folder)}
    )
    _no_internal_error(result)
    assert result.returncode == 2
    assert result.stdout.startswith("::error file=sources/minimal.json,line=")
    assert "cannot append the step summary" in result.stderr


@pytest.mark.parametrize("source_id", ["a" * 300, "abc\n", "abc\n\n", "-abc", "abc--d"])
def test_new_refuses_an_id_that_is_not_a_whole_slug(content, source_id):
    result = run_cli("new", "--", source_id, cwd=content)
    _no_internal_error(result)
    assert result.returncode == 2 and "is not a valid id" in result.stderr
    assert sorted(p.name for p in (content / "sources").iterdir()) == ["minimal.json"]


@pytest.mark.parametrize(
    ("args", "errno_name", "message"),
    [
        (("build",), "EROFS", "error: build: read-only file system"),
        (("schema",), "EROFS", "error: schemas: read-only file system"),
        (("build",), "EACCES", "error: build: permission denied"),
    ],
    ids=["build", "schema", "build-permission"],
)
def test_a_read_only_checkout_is_a_usage_error(content, args, errno_name, message):
    result = run_failing(*args, cwd=content, under=content, errno_name=errno_name)
    _no_internal_error(result)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr.lower() and "write somewhere else" in result.stderr


def test_a_read_only_font_cache_is_a_usage_error(content, tmp_path):
    cache = tmp_path / "cache"
    result = run_failing(
        "build",
        cwd=content,
        under=cache,
        errno_name="EROFS",
        env={"UPSC_PIPELINE_CACHE": str(cache)},
    )
    _no_internal_error(result)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"the font cache {cache}/fonts cannot be written" in result.stderr
    assert "set UPSC_PIPELINE_CACHE to a writable folder" in result.stderr


# Cause 10: every reporter escapes what a contributor wrote, in its own format.

INJECTION = (
    "<img src=x onerror=alert(1)> [click here](https://evil.example/x) @octocat "
    "www.evil.example <details><summary>hidden</summary></details> a | b"
)


def _injected_report():
    from pipeline.diagnostics import Diagnostic, Report, Severity, Waived

    diagnostic = Diagnostic(
        "sources/a.json", 3, 5, "/questions/0", "explanation/unsure", Severity.WARNING, INJECTION
    )
    return Report([diagnostic], 1, waived=[Waived(diagnostic, INJECTION, "/questions/0/waive/0")])


def test_the_step_summary_renders_no_html_link_or_mention():
    from pipeline.report import github

    summary = github.step_summary(_injected_report())
    for raw in (r"(?<!\\)<", r"(?<!\\)\]\(", "@octocat", "https://", r"www\.evil"):
        assert not re.search(raw, summary), raw
    assert summary.count("\\<img src=x onerror=alert(1)\\>") == 2  # shown, as text
    assert summary.count("a \\| b") == 2  # a pipe is text, not a new cell:
    assert len(re.findall(r"(?<!\\)\|", summary)) == 3 * 6 + 3 * 5


@pytest.mark.parametrize("character", ["\ufffe", "\uffff", "\x0b", "\ud800"])
def test_junit_stays_well_formed_whatever_a_message_holds(character):
    from xml.etree import ElementTree as ET

    from pipeline.diagnostics import Diagnostic, Report, Severity
    from pipeline.report import junit

    message = f"text with {character} in it"
    d = Diagnostic(
        f"sources/{character}.json", 1, 1, "/x", "content/hidden", Severity.ERROR, message
    )
    root = ET.fromstring(junit.render(Report([d], 1)))
    assert root.find(".//failure").get("message").startswith("text with \\")


def test_a_rule_name_in_the_configuration_cannot_write_a_workflow_command(content):
    (content / "pyproject.toml").write_text(
        '[tool.upsc-pipeline.rules]\n"x\\n::error file=README.md::pwned\\n\\u001b[2J" = "off"\n',
        encoding="utf-8",
    )
    result = run_cli("validate", "--format", "github", cwd=content)
    _no_internal_error(result)
    assert result.returncode == 2
    lines = (result.stdout + result.stderr).splitlines()
    assert not any(line.startswith("::") for line in lines), lines
    assert "\x1b" not in result.stderr


def test_config_prints_no_terminal_escapes(content):
    (content / "pyproject.toml").write_text(
        "[[tool.upsc-pipeline.overrides]]\n"
        'paths = ["\\u001b]0;pwned\\u0007\\u001b[2J*.json\\n::error::x"]\n'
        'rules = { "content" = "warning" }\n',
        encoding="utf-8",
    )
    result = run_cli("config", cwd=content)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert not any(line.startswith("::") for line in result.stdout.splitlines())
    assert "\\x1b]0;pwned" in result.stdout


# Cause 12: identity is not waivable, and a reason is words.


def _takeover(folder: Path, waive: list[dict]) -> Path:
    (folder / "minimal.json").write_text(json.dumps(MINIMAL), encoding="utf-8")
    data = dict(MINIMAL, title="An Impostor", waive=waive)
    path = folder / "impostor.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_a_file_cannot_waive_its_way_into_another_sources_identity(tmp_path):
    reason = "This file replaces the other one on purpose"
    waive = [
        {"rule": rule, "reason": reason} for rule in ("ids/stem-mismatch", "ids/duplicate-source")
    ]
    _takeover(tmp_path, waive)
    result = check_paths([tmp_path])
    found = {(Path(d.file).name, d.rule, d.pointer) for d in result.diagnostics}
    assert ("impostor.json", "ids/stem-mismatch", "/id") in found
    assert ("minimal.json", "ids/duplicate-source", "/id") in found
    assert ("impostor.json", "waiver/unknown-rule", "/waive/0/rule") in found
    assert not result.waived


def test_identity_rules_cannot_be_turned_off_either(content):
    (content / "pyproject.toml").write_text(
        '[tool.upsc-pipeline.rules]\n"ids" = "off"\n', encoding="utf-8"
    )
    result = run_cli("validate", cwd=content)
    assert result.returncode == 2 and "'ids' cannot be changed" in result.stderr


@pytest.mark.parametrize("reason", [" " * 10, "." * 10, ". . . . . .", "aaaaaaaaaa", "x y z w v u"])
def test_a_waiver_reason_must_be_words(tmp_path, reason):
    data = json.loads((CASES / "invalid" / "explanation-contradicts-flag.json").read_text("utf-8"))
    data["questions"][0]["waive"] = [{"rule": "explanation/contradicts-flag", "reason": reason}]
    path = tmp_path / "explanation-contradicts-flag.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = check_paths([path])
    found = {(d.rule, d.pointer) for d in result.diagnostics}
    assert ("waiver/reason", "/questions/0/waive/0/reason") in found
    assert ("explanation/contradicts-flag", "/questions/0/explanation") in found  # not waived
    assert not result.waived


# Links a pull request commits where the tool writes a file: replaced or refused, never followed.


def test_a_committed_link_named_like_the_sarif_report_is_not_written_through(content, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    os.symlink(victim, content / "validate.sarif")
    result = run_cli("validate", "--format", "sarif", "--output", "validate.sarif", cwd=content)
    assert result.returncode == 2 and "is a symbolic link inside the project" in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_docs_replaces_a_planted_link_instead_of_writing_through_it(content, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (content / "docs").mkdir()
    os.symlink(victim, content / "docs" / "rules.md")
    result = run_cli("docs", cwd=content)
    assert result.returncode == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"
    rules = content / "docs" / "rules.md"
    assert not rules.is_symlink() and "waiver/reason" in rules.read_text(encoding="utf-8")


# Cause 13, at its root: `$` in a schema pattern means the end of the text, as JSON Schema says.


@pytest.mark.parametrize("pure", ["", "1"], ids=["compiled", "pure-python"])
def test_an_id_with_a_trailing_newline_fails_its_pattern(content, pure):
    data = json.loads(json.dumps(MINIMAL))
    data["questions"][0]["id"] = "q1\n"
    (content / "sources" / "minimal.json").write_text(json.dumps(data), encoding="utf-8")
    result = run_cli(
        "validate", "--format", "json", cwd=content, env={"UPSC_PIPELINE_PURE_PYTHON": pure}
    )
    found = {(d["rule"], d["pointer"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert ("schema/pattern", "/questions/0/id") in found, found
