"""JUnit XML: a testsuite per source file, a testcase per rule that fired (or one passing case)."""

from __future__ import annotations

import re
from collections import defaultdict
from xml.etree import ElementTree as ET

from ..diagnostics import Diagnostic, Report, Severity, clean
from .style import PLAIN, Style

#: What XML 1.0 cannot hold, even escaped (clean() already shows controls and surrogates).
_NOT_XML = re.compile("[\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text a contributor wrote, safe in an XML attribute or element: every character legal."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", clean(text))


def render(report: Report, style: Style = PLAIN) -> str:
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for name in report.checked:
        by_file[xml_text(name)]
    for d in report.diagnostics:
        by_file[xml_text(d.file)].append(d)
    waived: dict[str, list[tuple[Diagnostic, str]]] = defaultdict(list)
    for w in report.waived:
        waived[xml_text(w.diagnostic.file)].append((w.diagnostic, w.reason))
    root = ET.Element("testsuites", name="editorial checks")
    total_tests = total_failures = 0
    for name in sorted(by_file):
        found = by_file[name]
        suite = ET.SubElement(root, "testsuite", name=name)
        failures = 0
        cases = 0
        if not found:
            ET.SubElement(suite, "testcase", classname=name, name="valid", file=name)
            cases = 1
        for d, reason in waived.get(name, []):
            cases += 1
            case = ET.SubElement(
                suite,
                "testcase",
                classname=name,
                name=f"{xml_text(d.rule)} {xml_text(d.pointer) or '/'}",
            )
            ET.SubElement(case, "skipped", message=f"waived: {xml_text(reason)}")
        for d in found:
            cases += 1
            case = ET.SubElement(
                suite,
                "testcase",
                classname=name,
                name=f"{xml_text(d.rule)} {xml_text(d.pointer) or '/'}",
                file=name,
                line=str(d.line),
            )
            if d.severity is Severity.ERROR:
                failures += 1
                failure = ET.SubElement(
                    case, "failure", message=xml_text(d.message), type=xml_text(d.rule)
                )
                failure.text = f"{name}:{d.line}:{d.column}: {xml_text(d.message)}"
            else:
                out = ET.SubElement(case, "system-out")
                out.text = f"{d.severity.value}: {name}:{d.line}:{d.column}: {xml_text(d.message)}"
        suite.set("tests", str(cases))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", str(len(waived.get(name, []))))
        total_tests += cases
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
