"""Checks the engine makes before and after the rules: the file, its JSON, its shape, rendering.

These are not rule modules: loading (`json/`, `files/`), the schema (`schema/`), the time
budget (`check/`) and rendering (`render/`) report them. They cannot be turned off or
waived: a file that breaks them cannot be checked or built.

`json/` (error): the file is strict JSON: UTF-8 without a byte order mark, no comments,
    trailing commas, NaN or Infinity, duplicate keys, numbers too large to read, or nesting
    deeper than 1,000 levels. A syntax error says what to do ("a comma is missing after the
    value that ends on line 12") and the text report shows the line with a caret.
`files/` (error): a source is a regular file with a slug name, inside the project.
`schema/` (error): the shape: required and unknown properties, types, allowed values,
    lengths and counts (with "did you mean").
`schema/stale` (warning): the schemas exported for the editor (`schema`, into the configured
    `schemas` folder) are not what `schema` writes now: the project's vocabulary or the tool
    changed since, so the editor completes and checks against old rules. Run `schema` again
    (the pre-commit hook `update-schemas` does it when the vocabulary changes).
`vocabulary/` (error): the project's own vocabulary file (`vocabulary = ...` in its
    configuration) has the built-in one's shape; a new topic has a title; no tag repeats a
    built-in tag under another topic. Until it is fixed, only the built-in tags are known.
`check/timeout` (error): checking one file took longer than its time budget.
`render/` (error, build only): a document failed to render, ran past `--timeout`, went past
    its memory limit, or WeasyPrint warned.
"""

from __future__ import annotations

from ...diagnostics import Severity
from .base import Rule

E = Severity.ERROR

RULES = (
    Rule("json/syntax", E, "The file is valid JSON"),
    Rule("json/comment", E, "No comments (JSON has none)"),
    Rule("json/trailing-comma", E, "No comma before a closing bracket"),
    Rule("json/bom", E, "No byte order mark"),
    Rule("json/encoding", E, "UTF-8 text, no lone surrogates"),
    Rule("json/empty", E, "The file is not empty"),
    Rule("json/non-finite", E, "No NaN or Infinity"),
    Rule("json/duplicate-key", E, "No key twice in one object"),
    Rule("json/too-large", E, "The file and its numbers are within the limits"),
    Rule("json/too-deep", E, "Nesting within 1,000 levels"),
    Rule("json/unreadable", E, "The file can be read"),
    Rule("files/name", E, "File names are slugs ending in .json"),
    Rule("files/outside", E, "No symbolic link out of the project"),
    Rule("files/not-regular", E, "Sources are regular files"),
    Rule("schema/unknown-property", E, "No property the schema does not know"),
    Rule("schema/required", E, "Every required property is present"),
    Rule("schema/type", E, "Values have the right type"),
    Rule("schema/enum", E, "Values come from the allowed list"),
    Rule("schema/const", E, "Fixed values are as required"),
    Rule("schema/not-allowed", E, "No property the question's format forbids"),
    Rule("schema/empty", E, "No empty text, list or object"),
    Rule("schema/min-items", E, "Lists have enough items"),
    Rule("schema/max-items", E, "Lists have at most the allowed items"),
    Rule("schema/max-length", E, "Texts are within their length limits"),
    Rule("schema/min-length", E, "Texts that need a few words have them (a waiver's reason)"),
    Rule("schema/pattern", E, "Ids, codes and dates have the expected form"),
    Rule("schema/format", E, "Dates are real dates"),
    Rule("schema/unique", E, "List items are unique"),
    Rule("schema/invalid", E, "Anything else the schema refuses"),
    Rule(
        "schema/stale",
        Severity.WARNING,
        "Schemas exported for the editor are what `schema` writes now",
    ),
    Rule("vocabulary/no-title", E, "A topic a project adds has a title"),
    Rule("vocabulary/duplicate-tag", E, "A tag a project adds is not already a built-in tag"),
    Rule("check/timeout", E, "Checking one file stays within its time budget"),
    Rule("render/failed", E, "Every document renders"),
    Rule("render/timeout", E, "Every document renders within --timeout"),
    Rule("render/memory", E, "Every document renders within its memory limit"),
    Rule("render/warning", Severity.WARNING, "WeasyPrint renders without warnings"),
)
