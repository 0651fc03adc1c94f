"""content/: web leftovers, placeholders, hidden characters, acronyms, map countries."""

from __future__ import annotations

import pytest

from .helpers import problems


@pytest.mark.parametrize(
    "text",
    [
        "Loading interactive map...",
        "Show Answer",
        "TODO",
        "TBD",
        "Lorem ipsum dolor",
        "Explanation pending",
    ],
)
def test_placeholders_anywhere_fail(tmp_path, text):
    def edit(d):
        d["background"] = ["Real text.", f"{text}"]

    assert problems(tmp_path, edit) == [("content/placeholder", "/background/1")]


def test_acronym_in_glossary_passes_and_unknown_warns(tmp_path):
    def edit(d):
        d["summary"] = "The author discusses DTTI and CET."
        d["glossary"] = [{"term": "DTTI", "expansion": "Defence Technology and Trade Initiative"}]

    assert problems(tmp_path, edit) == [("content/unknown-acronym", "/summary")]


def test_right_to_left_override_fails(tmp_path):
    def edit(d):
        d["dek"] = "Plain \u202etext"

    assert problems(tmp_path, edit) == [("content/hidden-character", "/dek")]
