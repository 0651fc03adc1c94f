"""Regenerate tests/cases/invalid/ and tests/cases/expected.json from the valid fixtures.

Each case is a valid fixture with one edit; its expectation (rule, pointer, line) is
written beside it. The line is found by searching the edited text for a marker, so it
does not depend on the pipeline's own position logic. Run: python tests/cases/generate.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
MINIMAL = (HERE / "valid" / "minimal.json").read_text(encoding="utf-8")
FORMATS = (HERE / "valid" / "all-formats.json").read_text(encoding="utf-8")

# name, base text, old, new, rule, pointer, marker for the line (None: line 1)
EDITS: list[tuple[str, str, str, str, str, str, str | None]] = [
    # json/
    (
        "trailing-comma",
        MINIMAL,
        '"tags": ["quad"]}',
        '"tags": ["quad",]}',
        "json/trailing-comma",
        "",
        '"quad",]',
    ),
    (
        "trailing-comma-object",
        MINIMAL,
        '"facts": ["fact-one"]\n',
        '"facts": ["fact-one"],\n',
        "json/trailing-comma",
        "",
        '"facts": ["fact-one"],',
    ),
    (
        "duplicate-key-top",
        MINIMAL,
        '"kind": "editorial-analysis",',
        '"kind": "editorial-analysis",\n  "title": "Again",',
        "json/duplicate-key",
        "/title",
        '"title": "A Minimal',
    ),
    (
        "duplicate-key-nested",
        MINIMAL,
        '"answer": "A",',
        '"answer": "A",\n      "answer": "B",',
        "json/duplicate-key",
        "/questions/0/answer",
        '"answer": "B"',
    ),
    (
        "duplicate-key-deep",
        MINIMAL,
        '{"text": "The Quad has four members.", "correct": true}',
        '{"text": "The Quad has four members.", "correct": true, "correct": false}',
        "json/duplicate-key",
        "/questions/0/statements/0/correct",
        '"correct": false}',
    ),
    ("nan", MINIMAL, '"answer": "A"', '"answer": NaN', "json/non-finite", "", "NaN"),
    (
        "infinity",
        MINIMAL,
        '"answer": "A"',
        '"answer": -Infinity',
        "json/non-finite",
        "",
        "Infinity",
    ),
    (
        "comment",
        MINIMAL,
        '  "kind":',
        '  // the kind\n  "kind":',
        "json/comment",
        "",
        "// the kind",
    ),
    ("single-quotes", MINIMAL, '"answer": "A"', "'answer': 'A'", "json/syntax", "", "'answer'"),
    (
        "unterminated-string",
        MINIMAL,
        '"answer": "A",',
        '"answer": "A,',
        "json/syntax",
        "",
        '"answer": "A,',
    ),
    ("missing-brace", MINIMAL.rstrip()[:-1], "", "", "json/syntax", "", "EOF"),
    # schema/
    (
        "misspelt-property",
        MINIMAL,
        '"summary":',
        '"sumary":',
        "schema/unknown-property",
        "/sumary",
        '"sumary"',
    ),
    (
        "misspelt-nested",
        MINIMAL,
        '"explanation":',
        '"explaination":',
        "schema/unknown-property",
        "/questions/0/explaination",
        '"explaination"',
    ),
    (
        "wrong-type",
        MINIMAL,
        '"correct": false',
        '"correct": "false"',
        "schema/type",
        "/questions/0/statements/1/correct",
        '"correct": "false"',
    ),
    (
        "wrong-type-array",
        MINIMAL,
        '"facts": ["fact-one"]',
        '"facts": "fact-one"',
        "schema/type",
        "/questions/0/facts",
        '"facts": "fact-one"',
    ),
    (
        "bad-enum-format",
        MINIMAL,
        '"format": "statements"',
        '"format": "statement"',
        "schema/enum",
        "/questions/0/format",
        '"format": "statement"',
    ),
    (
        "answer-e",
        MINIMAL,
        '"answer": "A"',
        '"answer": "E"',
        "schema/enum",
        "/questions/0/answer",
        '"answer": "E"',
    ),
    (
        "answer-lower-case",
        MINIMAL,
        '"answer": "A"',
        '"answer": "a"',
        "schema/enum",
        "/questions/0/answer",
        '"answer": "a"',
    ),
    (
        "bad-paper",
        MINIMAL,
        '"paper": "GS2"',
        '"paper": "GS5"',
        "schema/enum",
        "/exam_angles/0/paper",
        '"GS5"',
    ),
    (
        "missing-required",
        MINIMAL,
        '  "dek": "The smallest source that passes every check.",\n',
        "",
        "schema/required",
        "",
        None,
    ),
    (
        "missing-explanation",
        MINIMAL,
        '      "explanation": "Statement 1 is correct: it has four. Statement 2 is incorrect: it has four, not forty.",\n',
        "",
        "schema/required",
        "/questions/0",
        '    {\n      "id": "q1"',
    ),
    (
        "empty-array",
        MINIMAL,
        '"exam_angles": [\n    {"paper": "GS2", "topic": "international-groupings", "text": "International groupings (Quad)"}\n  ]',
        '"exam_angles": []',
        "schema/empty",
        "/exam_angles",
        '"exam_angles": []',
    ),
    (
        "empty-string",
        MINIMAL,
        '"dek": "The smallest source that passes every check."',
        '"dek": ""',
        "schema/empty",
        "/dek",
        '"dek": ""',
    ),
    (
        "bad-slug",
        MINIMAL,
        '"id": "q1"',
        '"id": "Question 1"',
        "schema/pattern",
        "/questions/0/id",
        '"Question 1"',
    ),
    (
        "bad-date",
        MINIMAL,
        '"published": "2026-01-15"',
        '"published": "2026-13-45"',
        "schema/format",
        "/published",
        '"2026-13-45"',
    ),
    (
        "three-options",
        MINIMAL,
        ',\n        {"label": "D", "text": "Neither 1 nor 2"}',
        "",
        "schema/min-items",
        "/questions/0/options",
        '"options": [',
    ),
    (
        "pairs-in-statements",
        MINIMAL,
        '"prompt": "Which',
        '"pairs": [{"left": "a", "right": "b", "correct": true}, {"left": "c", "right": "d", "correct": false}],\n      "prompt": "Which',
        "schema/not-allowed",
        "/questions/0/pairs",
        '"pairs": [',
    ),
    (
        "wrong-kind",
        MINIMAL,
        '"kind": "editorial-analysis"',
        '"kind": "news"',
        "schema/const",
        "/kind",
        '"kind": "news"',
    ),
    ("top-level-array", "[1, 2]\n", "", "", "schema/type", "", None),
    ("top-level-string", '"an editorial"\n', "", "", "schema/type", "", None),
    (
        "huge-number",
        MINIMAL,
        '"answer": "A"',
        '"answer": 1e400',
        "json/too-large",
        "",
        "1e400",
    ),
    # answer-key/
    (
        "answer-mismatch",
        MINIMAL,
        '"answer": "A"',
        '"answer": "B"',
        "answer-key/mismatch",
        "/questions/0/answer",
        '"answer": "B"',
    ),
    (
        "statement-flag-flipped",
        MINIMAL,
        '{"text": "The Quad has forty members.", "correct": false}',
        '{"text": "The Quad has forty members.", "correct": true}',
        "answer-key/mismatch",
        "/questions/0/answer",
        '"answer": "A"',
    ),
    (
        "option-unknown-statement",
        MINIMAL,
        '"text": "2 only"',
        '"text": "3 only"',
        "answer-key/unknown-item",
        "/questions/0/options/1/text",
        '"3 only"',
    ),
    (
        "option-unparsable",
        MINIMAL,
        '"text": "2 only"',
        '"text": "Maybe 2"',
        "answer-key/unparsable-option",
        "/questions/0/options/1/text",
        '"Maybe 2"',
    ),
    (
        "option-duplicate",
        MINIMAL,
        '"text": "2 only"',
        '"text": "Only 1"',
        "answer-key/duplicate-option",
        "/questions/0/options/1/text",
        '"Only 1"',
    ),
    (
        "option-no-match",
        FORMATS.replace(
            '"right": "Naval exercise", "correct": true',
            '"right": "Naval exercise", "correct": false',
        ),
        '"right": "Special forces exercise", "correct": true',
        '"right": "Special forces exercise", "correct": false',
        "answer-key/no-match",
        "/questions/2/options",
        '"options": [\n        {"label": "A", "text": "Only one"},\n        {"label": "B", "text": "Only two"},\n        {"label": "C", "text": "Only three"}',
    ),
    (
        "labels-out-of-order",
        MINIMAL,
        '{"label": "C", "text": "Both 1 and 2"}',
        '{"label": "D", "text": "Both 1 and 2"}',
        "answer-key/labels",
        "/questions/0/options",
        '"options": [',
    ),
    (
        "count-wrong",
        FORMATS,
        '"answer": "B",\n      "explanation": "Statement 1 is correct. Statement 2 is correct. Statement 3',
        '"answer": "C",\n      "explanation": "Statement 1 is correct. Statement 2 is correct. Statement 3',
        "answer-key/mismatch",
        "/questions/1/answer",
        '"answer": "C"',
    ),
    (
        "pairs-count-wrong",
        FORMATS,
        '"answer": "B",\n      "explanation": "Pair 1',
        '"answer": "A",\n      "explanation": "Pair 1',
        "answer-key/mismatch",
        "/questions/2/answer",
        '"answer": "A",\n      "explanation": "Pair 1',
    ),
    (
        "reason-wrong",
        FORMATS,
        '"explains": true,',
        '"explains": false,',
        "answer-key/mismatch",
        "/questions/3/answer",
        '"answer": "A",\n      "explanation": "Statement-I',
    ),
    (
        "not-question-wrong",
        FORMATS,
        '"answer": "B",\n      "explanation": "Statement 1 is correct. Statement 2 is incorrect: Yudh',
        '"answer": "A",\n      "explanation": "Statement 1 is correct. Statement 2 is incorrect: Yudh',
        "answer-key/mismatch",
        "/questions/4/answer",
        '"answer": "A",\n      "explanation": "Statement 1 is correct. Statement 2 is incorrect: Yudh',
    ),
    (
        "three-reason-wrong",
        FORMATS,
        '"answer": "C",\n      "explanation": "Statement-I is correct. Statement-II is correct. Statement-III',
        '"answer": "D",\n      "explanation": "Statement-I is correct. Statement-II is correct. Statement-III',
        "answer-key/mismatch",
        "/questions/5/answer",
        '"answer": "D"',
    ),
    # explanation/
    (
        "explanation-contradicts-flag",
        MINIMAL,
        "Statement 2 is incorrect:",
        "Statement 2 is correct:",
        "explanation/contradicts-flag",
        "/questions/0/explanation",
        '"explanation":',
    ),
    (
        "explanation-contradicts-answer",
        MINIMAL,
        'not forty."',
        'not forty. Answer: (b)"',
        "explanation/contradicts-answer",
        "/questions/0/explanation",
        '"explanation":',
    ),
    (
        "explanation-unknown-statement",
        MINIMAL,
        'not forty."',
        'not forty. Statement 3 is correct."',
        "explanation/unknown-item",
        "/questions/0/explanation",
        '"explanation":',
    ),
    (
        "explanation-missing-verdict",
        MINIMAL,
        " Statement 2 is incorrect: it has four, not forty.",
        "",
        "explanation/missing-verdict",
        "/questions/0/explanation",
        '"explanation":',
    ),
    # facts/ and tags/
    (
        "fact-missing",
        MINIMAL,
        '"facts": ["fact-one"]',
        '"facts": ["fact-two"]',
        "facts/unknown-fact",
        "/questions/0/facts/0",
        '"fact-two"',
    ),
    (
        "fact-none",
        MINIMAL,
        '"facts": ["fact-one"]',
        '"facts": []',
        "facts/no-fact",
        "/questions/0/facts",
        '"facts": []',
    ),
    (
        "fact-no-tags",
        MINIMAL,
        '"tags": ["quad"]',
        '"tags": []',
        "facts/no-tags",
        "/key_facts/0/tags",
        '"tags": []',
    ),
    (
        "tag-unknown",
        MINIMAL,
        '"tags": ["quad"]',
        '"tags": ["quadd"]',
        "tags/unknown",
        "/key_facts/0/tags/0",
        '"quadd"',
    ),
    (
        "topic-wrong-paper",
        MINIMAL,
        '"paper": "GS2"',
        '"paper": "GS3"',
        "tags/unknown-topic",
        "/exam_angles/0/topic",
        '"international-groupings"',
    ),
    # content/
    (
        "placeholder-loading",
        MINIMAL,
        '"summary": "The author',
        '"summary": "Loading interactive map... The author',
        "content/placeholder",
        "/summary",
        '"summary"',
    ),
    (
        "placeholder-show-answer",
        MINIMAL,
        "it has four. Statement",
        "it has four. Show Answer Statement",
        "content/placeholder",
        "/questions/0/explanation",
        '"explanation":',
    ),
    (
        "placeholder-todo",
        MINIMAL,
        '"title": "A Minimal Editorial"',
        '"title": "TODO"',
        "content/placeholder",
        "/title",
        '"TODO"',
    ),
    (
        "hidden-rtl-override",
        MINIMAL,
        '"title": "A Minimal Editorial"',
        '"title": "A Minimal \\u202eEditorial"',
        "content/hidden-character",
        "/title",
        '"title"',
    ),
    (
        "acronym-unknown",
        MINIMAL,
        '"summary": "The author',
        '"summary": "Under DTTI, the author',
        "content/unknown-acronym",
        "/summary",
        '"summary"',
    ),
    (
        "map-country-unknown",
        MINIMAL,
        '"questions": [',
        '"visuals": {"map": {"title": "Map", "countries": ["IN", "XZ"]}},\n  "questions": [',
        "content/unknown-country",
        "/visuals/map/countries/1",
        '"visuals"',
    ),
    # ids/
    (
        "ids-stem",
        MINIMAL,
        '"id": "minimal"',
        '"id": "another-name"',
        "ids/stem-mismatch",
        "/id",
        '"another-name"',
    ),
    (
        "ids-duplicate-fact",
        MINIMAL,
        '{"id": "fact-one", "text": "The Quad has four members.", "tags": ["quad"]}',
        '{"id": "fact-one", "text": "The Quad has four members.", "tags": ["quad"]},\n    {"id": "fact-one", "text": "Again.", "tags": ["quad"]}',
        "ids/duplicate-fact",
        "/key_facts/1/id",
        '"Again."',
    ),
    # assets/
    (
        "image-etc-passwd",
        MINIMAL,
        '"summary":',
        '"image": {"src": "/etc/passwd", "alt": "x"},\n  "summary":',
        "assets/outside",
        "/image/src",
        '"/etc/passwd"',
    ),
    (
        "image-dotdot",
        MINIMAL,
        '"summary":',
        '"image": {"src": "../../etc/passwd", "alt": "x"},\n  "summary":',
        "assets/outside",
        "/image/src",
        '"../../etc/passwd"',
    ),
    (
        "image-file-url",
        MINIMAL,
        '"summary":',
        '"image": {"src": "file:///etc/passwd", "alt": "x"},\n  "summary":',
        "assets/outside",
        "/image/src",
        '"file:///etc/passwd"',
    ),
    (
        "image-http",
        MINIMAL,
        '"summary":',
        '"image": {"src": "http://127.0.0.1/x.png", "alt": "x"},\n  "summary":',
        "assets/outside",
        "/image/src",
        '"http://127.0.0.1/x.png"',
    ),
    (
        "image-missing",
        MINIMAL,
        '"summary":',
        '"image": {"src": "nowhere/none.png", "alt": "x"},\n  "summary":',
        "assets/not-found",
        "/image/src",
        '"nowhere/none.png"',
    ),
    (
        "image-type",
        MINIMAL,
        '"summary":',
        '"image": {"src": "notes.txt", "alt": "x"},\n  "summary":',
        "assets/type",
        "/image/src",
        '"notes.txt"',
    ),
    (
        "image-without-alt",
        MINIMAL,
        '"summary":',
        '"image": {"src": "lead.png"},\n  "summary":',
        "schema/required",
        "/image",
        '"image"',
    ),
]

# Hostile text: markup in every text field the minimal fixture has (and in added sections).
SCRIPT = "<script>alert(document.cookie)</script>"
FIELDS = [
    (
        "title",
        '"title": "A Minimal Editorial"',
        f'"title": "A Minimal {SCRIPT} Editorial"',
        "/title",
    ),
    ("dek", '"dek": "The smallest', f'"dek": "{SCRIPT} The smallest', "/dek"),
    ("summary", '"summary": "The author', f'"summary": "{SCRIPT} The author', "/summary"),
    (
        "fact",
        '"text": "The Quad has four members.", "tags"',
        f'"text": "The Quad {SCRIPT}", "tags"',
        "/key_facts/0/text",
    ),
    (
        "angle",
        '"text": "International groupings (Quad)"',
        f'"text": "Groupings {SCRIPT}"',
        "/exam_angles/0/text",
    ),
    ("stem", '"stem": "Consider', f'"stem": "{SCRIPT} Consider', "/questions/0/stem"),
    (
        "statement",
        '{"text": "The Quad has four members.", "correct": true}',
        f'{{"text": "The Quad {SCRIPT}", "correct": true}}',
        "/questions/0/statements/0/text",
    ),
    ("prompt", '"prompt": "Which', f'"prompt": "{SCRIPT} Which', "/questions/0/prompt"),
    (
        "option",
        '"text": "2 only"',
        '"text": "2 only <img src=x onerror=alert(1)>"',
        "/questions/0/options/1/text",
    ),
    (
        "explanation",
        '"explanation": "Statement 1',
        f'"explanation": "{SCRIPT} Statement 1',
        "/questions/0/explanation",
    ),
]
for field, old, new, pointer in FIELDS:
    marker = new[: new.index(":") + 1] if '"text"' not in new else new[:20]
    EDITS.append((f"markup-{field}", MINIMAL, old, new, "content/markup", pointer, None))
SECTIONS = '"summary": "The author argues that small examples make good tests.",'
for section, value, pointer in [
    ("main-arguments", f'"main_arguments": ["{SCRIPT}"],', "/main_arguments/0"),
    ("background", '"background": ["<style>body { color: red }</style>"],', "/background/0"),
    (
        "glossary",
        '"glossary": [{"term": "QUAD", "expansion": "<b>bold</b>"}],',
        "/glossary/0/expansion",
    ),
    ("css-import", '"conclusion": ["@import url(file:///etc/passwd);"],', "/conclusion/0"),
    (
        "css-url",
        '"policy_implications": ["background: url(http://127.0.0.1/x.png)"],',
        "/policy_implications/0",
    ),
    (
        "dashboard",
        '"visuals": {"dashboard": {"title": "D", "indicators": [{"label": "L", "value": "<iframe src=file:///etc/passwd>"}]}},',
        "/visuals/dashboard/indicators/0/value",
    ),
    (
        "map-title",
        '"visuals": {"map": {"title": "<svg onload=alert(1)>", "countries": ["IN"]}},',
        "/visuals/map/title",
    ),
]:
    EDITS.append(
        (
            f"markup-{section}",
            MINIMAL,
            SECTIONS,
            SECTIONS + "\n  " + value,
            "content/markup",
            pointer,
            None,
        )
    )
EDITS += [
    (
        "control-character",
        MINIMAL,
        '"title": "A Minimal Editorial"',
        '"title": "A Minimal \\u0007 Editorial"',
        "content/hidden-character",
        "/title",
        '"title"',
    ),
    (
        "zero-width-direction-mark",
        MINIMAL,
        '"dek": "The smallest',
        '"dek": "The \\u200f smallest',
        "content/hidden-character",
        "/dek",
        '"dek"',
    ),
    (
        "long-word",
        MINIMAL,
        '"summary": "The author',
        '"summary": "' + "x" * 5000 + " The author",
        "content/long-word",
        "/summary",
        '"summary"',
    ),
    (
        "string-over-limit",
        MINIMAL,
        '"summary": "The author',
        '"summary": "' + "word " * 2_500 + "The author",
        "schema/max-length",
        "/summary",
        '"summary"',
    ),
    (
        "too-many-questions",
        MINIMAL,
        '"questions": [',
        '"questions": [' + ('{"id": "x"},' * 250),
        "schema/max-items",
        "/questions",
        '"questions"',
    ),
    # Real-content accuracy (issue 11)
    (
        "not-question-without-asks",
        MINIMAL,
        '"prompt": "Which of the statements given above is/are correct?"',
        '"prompt": "Which of the statements given above is/are NOT correct?"',
        "answer-key/not-question",
        "/questions/0/prompt",
        "NOT correct",
    ),
    (
        "markdown-bold",
        MINIMAL,
        '"explanation": "Statement 1 is correct: it has four.',
        '"explanation": "**Statement 1 is correct:** it has four.',
        "content/markup",
        "/questions/0/explanation",
        "**Statement",
    ),
    (
        "markdown-bullets",
        MINIMAL,
        '"summary": "The author argues that small examples make good tests."',
        '"summary": "The author argues:\\n- small examples make good tests\\n- they run fast"',
        "content/markup",
        "/summary",
        "The author argues:",
    ),
    (
        "c1-control-quote",
        MINIMAL,
        '"summary": "The author argues',
        '"summary": "The author\u0092s view argues',
        "content/hidden-character",
        "/summary",
        "view argues",
    ),
    (
        "explanation-refer-back",
        MINIMAL,
        '"explanation": "Statement 1 is correct: it has four. Statement 2 is incorrect: it has four, not forty."',
        '"explanation": "**Statement 1:** The Quad has four members. This statement is correct.\\n**Statement 2:** It has forty members. This statement is correct."',
        "explanation/contradicts-flag",
        "/questions/0/explanation",
        "**Statement 1:**",
    ),
    (
        "explanation-neither-nor",
        MINIMAL,
        '"explanation": "Statement 1 is correct: it has four. Statement 2 is incorrect: it has four, not forty."',
        '"explanation": "Neither statement 1 nor statement 2 is correct."',
        "explanation/contradicts-flag",
        "/questions/0/explanation",
        "Neither statement",
    ),
    (
        "explanation-names-other-code",
        MINIMAL,
        '"explanation": "Statement 1 is correct: it has four. Statement 2 is incorrect: it has four, not forty."',
        '"explanation": "Statement 1 is correct: it has four. Statement 2 is incorrect. The correct answer is Both 1 and 2."',
        "explanation/contradicts-answer",
        "/questions/0/explanation",
        "The correct answer is Both",
    ),
    (
        "number-5000-digits",
        MINIMAL,
        '"published": "2026-01-15",',
        '"published": "2026-01-15",\n  "count": ' + "9" * 5000 + ",",
        "json/too-large",
        "",
        '"count"',
    ),
    (
        "unknown-property-and-wrong-answer",
        MINIMAL,
        '"answer": "A",',
        '"answer": "B",\n      "answr": "A",',
        "answer-key/mismatch",
        "/questions/0/answer",
        '"answer": "B"',
    ),
]

# Files whose bytes cannot be written by a text edit.
RAW: list[tuple[str, bytes, str, str, int]] = [
    ("bom", b"\xef\xbb\xbf" + MINIMAL.encode(), "json/bom", "", 1),
    ("utf16", MINIMAL.encode("utf-16"), "json/encoding", "", 1),
    (
        "invalid-utf8",
        MINIMAL.replace("A Minimal", "A \udcff Minimal").encode("utf-8", "surrogateescape"),
        "json/encoding",
        "",
        5,
    ),
    ("empty-file", b"", "json/empty", "", 1),
    ("whitespace-only", b"  \n\t\n", "json/empty", "", 1),
    ("nesting-10000", b"[" * 10000 + b"]" * 10000, "json/too-deep", "", 1),
]


def main() -> None:
    out = HERE / "invalid"
    out.mkdir(exist_ok=True)
    for old in out.glob("*.json"):
        old.unlink()
    expected: dict[str, dict[str, object]] = {}
    for name, base, old, new, rule, pointer, marker in EDITS:
        if old and old not in base:
            raise SystemExit(f"{name}: text to replace not found: {old!r}")
        text = base.replace(old, new, 1) if old else base
        text = text.replace('"id": "minimal"', f'"id": "{name}"').replace(
            '"id": "all-formats"', f'"id": "{name}"'
        )
        if name == "ids-stem":
            text = text.replace(f'"id": "{name}"', '"id": "another-name"')
        line = 1
        if marker is None and pointer and rule == "content/markup":
            marker = "<" if "<" in new else ("@import" if "@import" in new else "url(")
            # the diagnostic points at the start of the string holding the markup
            index = text.find(marker)
            quote = text.rfind(': "', 0, index)
            bracket = text.rfind('["', 0, index)
            marker_index = max(quote + 2, bracket + 1)
            line = text.count("\n", 0, marker_index) + 1
            marker = None
        if marker == "EOF":
            line = text.count("\n") + 1
        elif marker is not None:
            index = text.find(marker)
            if index < 0:
                raise SystemExit(f"{name}: marker not found: {marker!r}")
            line = text.count("\n", 0, index) + 1
        (out / f"{name}.json").write_text(text, encoding="utf-8")
        expected[name] = {"rule": rule, "pointer": pointer, "line": line}
    for name, data, rule, pointer, line in RAW:
        (out / f"{name}.json").write_bytes(data)
        expected[name] = {"rule": rule, "pointer": pointer, "line": line}
    (HERE / "expected.json").write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(expected)} cases")


if __name__ == "__main__":
    main()
