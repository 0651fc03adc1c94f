"""Options a Hindi explanation names (issue 23): by letter, by text, by code, or ruled out."""

from __future__ import annotations

from pipeline.checks.language.hindi_explanations import named


def _named(text: str, options: list[str]) -> set[tuple[str, str]]:
    return {(n.kind, n.letter) for n in named(text, options)}


def test_sequence_code_names_the_answer():
    options = ["1-2-3", "3-2-1", "2-1-3", "3-1-2"]
    assert _named("- इसलिए, सही क्रम 2-1-3 है।", options) == {("answer", "C")}


def test_matching_code_spelt_item_by_item():
    options = ["A-1, B-2, C-3", "A-2, B-1, C-3", "A-3, B-1, C-2"]
    text = "सही जोड़ी इस प्रकार है:\n- **A. बलबन:** 1266 से। (A-2)\n- **B. इल्तुतमिश:** 1211 से। (B-1)\n- **C. रज़िया:** 1236 से। (C-3)"
    assert _named(text, options) == {("answer", "B")}


def test_a_numbered_list_is_not_a_code():
    options = ["1-2-3", "2-1-3", "1-3-2", "3-1-2"]
    text = "सही कालानुक्रमिक क्रम इस प्रकार है:\n1. 1905 में विभाजन।\n2. 1911 में रद्द।\n3. 1919 में रौलट एक्ट।"
    assert _named(text, options) == set()


def test_ruled_out_with_kind_words_ordinals_and_pairs():
    options = ["42 वें", "24 वें", "44 वें", "61 वें"]
    text = "अन्य विकल्प गलत क्यों हैं\n\n- **24वां और 44वां संशोधन:** मौलिक अधिकार।\n- **61वां संशोधन:** मतदान की आयु।"
    assert _named(text, options) == {("not-answer", "B"), ("not-answer", "C"), ("not-answer", "D")}


def test_a_word_that_changes_the_meaning_names_nothing():
    options = ["भारत", "चीन", "नेपाल", "भूटान"]
    text = "अन्य विकल्प गलत क्यों हैं\n\n- **केवल भारत:** मेज़बान था।"
    assert _named(text, options) == set()


def test_an_opening_letter_with_its_option_text_names_the_answer():
    options = ["में", "को", "पर", "से"]
    assert _named("(ग) पर: स्थानवाचक शब्दों के साथ 'पर' विकल्प से आता है।", options) == {("answer", "C")}
    notes = "(a) में: भीतर।\n(b) को: कर्म।\n(c) पर: ऊपर।"
    assert _named(notes, options) == set()


def test_closest_option_names_the_answer_unless_reserved():
    options = ["बेटी", "भाभी/ननद", "बहन", "बहू"]
    assert _named("विकल्पों में 'Sister-in-law' (भाभी/ननद) सबसे निकटतम है।", options) == {("answer", "B")}
    assert _named("'बहन' सबसे निकटतम है, लेकिन यह सही नहीं है।", options) == set()
