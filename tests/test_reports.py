"""Each reporter, fed the same diagnostics, gives its exact output."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from pipeline.diagnostics import Diagnostic, Report, Severity
from pipeline.report import REPORTER_BY_NAME, github, junit
from pipeline.report.style import PLAIN

DIAGNOSTICS = [
    Diagnostic(
        "sources/a.json",
        3,
        5,
        "/title",
        "content/placeholder",
        Severity.ERROR,
        "100% wrong: line one\nline two, again",
    ),
    Diagnostic(
        "sources/a.json",
        9,
        1,
        "/summary",
        "content/unknown-acronym",
        Severity.WARNING,
        "acronym 'CET' is not in the glossary",
    ),
    Diagnostic(
        "sources/b,c:d.json",
        1,
        1,
        "",
        "facts/untested",
        Severity.INFO,
        "no question tests key fact 'x'",
    ),
]

REPORT = Report(DIAGNOSTICS, 2)


def test_text():
    assert REPORTER_BY_NAME["text"](REPORT, PLAIN) == (
        "sources/a.json:3:5: error content/placeholder: 100% wrong: line one\\nline two, again\n"
        "sources/a.json:9:1: warning content/unknown-acronym: acronym 'CET' is not in the glossary\n"
        "sources/b,c:d.json:1:1: info facts/untested: no question tests key fact 'x'\n"
        "2 files checked, 1 error, 1 warning, 1 info\n"
    )


def test_json_shape():
    report = json.loads(REPORTER_BY_NAME["json"](REPORT, PLAIN))
    assert report["files"] == 2 and report["errors"] == 1 and report["warnings"] == 1
    assert report["diagnostics"][0] == {
        "file": "sources/a.json",
        "line": 3,
        "column": 5,
        "pointer": "/title",
        "rule": "content/placeholder",
        "severity": "error",
        "message": "100% wrong: line one\nline two, again",
    }


def test_github_commands_escape_message_and_properties():
    assert REPORTER_BY_NAME["github"](REPORT, PLAIN).splitlines() == [
        "::error file=sources/a.json,line=3,col=5,title=content/placeholder::100%25 wrong: line one%0Aline two, again",
        "::warning file=sources/a.json,line=9,col=1,title=content/unknown-acronym::acronym 'CET' is not in the glossary",
        "::notice file=sources/b%2Cc%3Ad.json,line=1,col=1,title=facts/untested::no question tests key fact 'x'",
        "2 files checked, 1 error, 1 warning, 1 info",
    ]


def test_github_step_summary_is_a_markdown_table(tmp_path, monkeypatch):
    target = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    github.write_step_summary(REPORT)
    text = target.read_text(encoding="utf-8")
    assert "| File | Line | Severity | Rule | Message |" in text
    assert (
        "| sources/a.json | 3:5 | error | content/placeholder | 100% wrong: line one line two, again |"
        in text
    )


def test_junit_parses_and_counts_match():
    xml = junit.render(
        Report(DIAGNOSTICS, 3, checked=["sources/a.json", "sources/b,c:d.json", "sources/ok.json"]),
        PLAIN,
    )
    root = ET.fromstring(xml)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"sources/a.json", "sources/b,c:d.json", "sources/ok.json"}
    assert (
        suites["sources/a.json"].get("tests") == "2"
        and suites["sources/a.json"].get("failures") == "1"
    )
    assert suites["sources/ok.json"].get("failures") == "0"
    assert root.get("failures") == "1" and root.get("tests") == "4"
    failure = root.find(".//failure")
    assert failure is not None and failure.get("type") == "content/placeholder"


HOSTILE = [
    Diagnostic(
        "::error::sources/x.json",
        1,
        1,
        "/tags/0",
        "tags/unknown",
        Severity.ERROR,
        "unknown tag 'a\n::error file=README.md::pwned\n::stop-commands::x\x1b[2J\ud800'",
    )
]


def test_no_reporter_lets_content_start_a_workflow_command_or_break_its_format():
    for name, reporter in REPORTER_BY_NAME.items():
        out = reporter(Report(HOSTILE, 1), PLAIN)
        out.encode("utf-8")  # no lone surrogate survives
        assert "\x1b" not in out, name
        if name in ("text", "github"):
            lines = out.splitlines()
            assert not any(
                line.startswith("::") and not line.startswith("::error file=") for line in lines
            ), name
            assert len(lines) == 2, (name, lines)
    ET.fromstring(junit.render(Report(HOSTILE, 1), PLAIN))  # still well-formed XML
