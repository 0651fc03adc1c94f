"""Hostile Unicode (issue 22, cause 9): invisible characters a reviewer cannot see are
refused, and text is compared in one normal form, so a spelling cannot slip past a check.

Each case fails on the code before the fix: the characters passed, and a Hindi explanation
spelt with precomposed nukta letters escaped the check its decomposed spelling triggers.
"""

from __future__ import annotations

import copy
import json
import unicodedata

import pytest

from pipeline.checks.check import check_paths

from .conftest import CASES

MINIMAL = json.loads((CASES / "valid" / "minimal.json").read_text(encoding="utf-8"))
BILINGUAL = json.loads((CASES / "valid" / "bilingual.json").read_text(encoding="utf-8"))


def _found(tmp_path, data) -> list[tuple[str, str]]:
    path = tmp_path / f"{data['id']}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return [
        (d.rule, d.pointer) for d in check_paths([path]).diagnostics if d.severity.value == "error"
    ]


@pytest.mark.parametrize(
    "hidden",
    [
        "\U000e0041\U000e0042",  # invisible tag characters: text a reviewer cannot see
        "\u061c",  # Arabic letter mark (a bidirectional control)
        "\u2062",  # invisible times
        "\u180e",  # Mongolian vowel separator
        "\ufff9",  # interlinear annotation anchor
        "\u200d\u200d\u200d",  # a run of zero-width joiners
        "\u200d",  # a zero-width joiner in English text, outside any conjunct or emoji
    ],
)
def test_invisible_characters_in_english_text_are_errors(tmp_path, hidden):
    data = copy.deepcopy(MINIMAL)
    data["summary"] = data["summary"].replace(" ", f" {hidden}", 1)
    assert ("content/hidden-character", "/summary") in _found(tmp_path, data)


def test_joiners_that_build_a_conjunct_or_an_emoji_are_text(tmp_path):
    data = copy.deepcopy(BILINGUAL)
    data["hi"]["summary"] = data["hi"]["summary"].replace("क्ष", "क्\u200dष", 1) + " 👩\u200d🔬"
    data["hi"]["summary"] += " क्\u200cष र\u200d्य"  # a visible virama; Marathi's eyelash ra
    assert not [r for r in _found(tmp_path, data) if r[0] == "content/hidden-character"]


@pytest.mark.parametrize(
    "joined",
    [
        "कर\u200dके रूप में",  # a ZWJ after a letter with no virama: two words run together
        "कर\u200d के रूप में",  # after a word, before a space
        "कर\u200cके रूप में",  # a zero-width non-joiner likewise
        "क्\u200d\u200dष",  # a second joiner after a half form
    ],
)
def test_joiners_between_hindi_words_are_errors(tmp_path, joined):
    """A joiner with no virama beside it prints the words run together (issue 22, item 9)."""
    data = copy.deepcopy(BILINGUAL)
    data["hi"]["summary"] = f"{data['hi']['summary']} {joined}"
    assert ("content/hidden-character", "/hi/summary") in _found(tmp_path, data)


@pytest.mark.parametrize("form", ["NFC", "NFD", "precomposed"])
def test_hindi_explanation_is_read_in_one_normal_form(tmp_path, form):
    """ "कथन 2 ग़लत है" contradicts statement 2 marked correct, however ग़ is spelt."""
    data = copy.deepcopy(BILINGUAL)
    question = data["questions"][6]  # statements: 1 correct, 2 not
    question["statements"][1]["correct"] = True
    question["answer"] = "C"
    question["explanation"] = "Statement 1 is correct. Statement 2 is correct."
    wrong = {"precomposed": "\u095aलत", "NFC": unicodedata.normalize("NFC", "ग\u093cलत")}.get(
        form, unicodedata.normalize("NFD", "ग\u093cलत")
    )
    question["hi"]["explanation"] = f"कथन 1 सही है। कथन 2 {wrong} है।"
    assert ("explanation/contradicts-flag", "/questions/6/hi/explanation") in _found(tmp_path, data)
