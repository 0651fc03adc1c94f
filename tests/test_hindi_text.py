"""The words of a Hindi article survive into its PDF's text, whichever way a reader takes it.

The fixture is a Hindi article as an editor writes it: postpositions after words ending in
many letters, the phrase "कर के रूप में" at line ends and starts in justified paragraphs, key
facts, the glossary, nukta letters, numbers, ZWJ, ZWNJ and no-break spaces. Its dek says
"तर्क" before any other क, which used to silence every later क for readers of the font's
ToUnicode map, and its lines wrap inside the phrase.
"""

from __future__ import annotations

import collections
import io
import re
import shutil
import unicodedata
from pathlib import Path

import pypdf
import pytest

from pipeline.build.render.textlayer import text_of

from .conftest import CASES, run_cli

SOURCE = CASES / "render" / "hindi-spacing.json"
PHRASE = "कर के रूप में"
#: Phrases a reader of the font map must find whole: postpositions after words ending in
#: many letters (no ि, reph, ई or ों, which such a reader gets in drawing order).
PHRASES = (
    PHRASE,
    "संसद में",
    "आयोग की",
    "जीएसटी से",
    "उपकर के रूप में",
    "ऋण के रूप में",
    "उधार के रूप में",
    "आय के",
    "ढाँचे के",
    "क़ानून",
    "इसे",
)
#: The consonants and independent vowels a reader must get back (matras may move about).
LETTERS = re.compile(r"[\u0905-\u0914\u0915-\u0939]")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFD", text))


def _hindi_texts(data: dict) -> list[str]:
    hi = data["hi"]
    texts = [hi["title"], hi["dek"], hi["summary"]]
    for key in ("main_arguments", "counter_arguments", "conclusion", "background"):
        texts += hi.get(key, [])
    texts += hi.get("latest_developments", [])
    texts += [fact["text"] for fact in hi["key_facts"]]
    return texts


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    shutil.copy(SOURCE, src / SOURCE.name)
    out = tmp_path_factory.mktemp("out")
    result = run_cli("build", str(src), "--out", str(out), "--lang", "hi")
    assert result.returncode == 0, result.stdout + result.stderr
    return out / SOURCE.stem / "article.pdf"


def _actual_texts(pdf: Path) -> list[str]:
    """Every /ActualText span of the document, in drawing order."""
    spans = []
    for page in pypdf.PdfReader(pdf).pages:
        for operands, operator in pypdf.generic.ContentStream(
            page.get_contents(), page.pdf
        ).operations:
            if operator == b"BDC" and isinstance(operands[1], dict):
                said = operands[1].get("/ActualText")
                if said is not None:
                    spans.append(str(said))
    return spans


def test_joining_the_lines_of_a_paragraph_keeps_the_space_they_wrap_at(article):
    """A reader that joins a paragraph's spans (screen reader, tagged PDF) glued the words
    either side of a line break: "कर के / रूप में" read "कर केरूप में"."""
    import json

    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    spans = _actual_texts(article)
    broken = [
        (line, after)
        for line, after in zip(spans, spans[1:], strict=False)
        if PHRASE in f"{line.rstrip()} {after}" and PHRASE not in line and PHRASE not in after
    ]
    assert broken  # the fixture wraps a line inside the phrase ("... कर के / रूप में ...")
    joined = _flat("".join(spans))
    assert "केरूप" not in joined
    for paragraph in _hindi_texts(data):
        assert _flat(paragraph).replace("\u00a0", " ") in joined.replace("\u00a0", " ")
    wanted = sum(_flat(t).count(_flat(PHRASE)) for t in _hindi_texts(data))
    assert joined.count(_flat(PHRASE)) >= wanted > 5


def test_every_letter_and_space_survives_for_readers_of_the_font_map(article):
    """pypdf (like pdf.js and pdfminer) ignores /ActualText and reads each glyph's entry in
    the font's ToUnicode map; a glyph first drawn inside a cluster used to map to nothing."""
    import json

    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    read = _flat("\n".join(page.extract_text() for page in pypdf.PdfReader(article).pages))
    for phrase in PHRASES:
        assert _flat(phrase) in read, phrase
    wanted = collections.Counter(LETTERS.findall(_flat(" ".join(_hindi_texts(data)))))
    got = collections.Counter(LETTERS.findall(read))
    missing = {letter: n for letter, n in (wanted - got).items() if letter not in "ईओऐऔ"}
    assert not missing  # ई, ओ, ऐ, औ are drawn as इ or अ plus a sign, and read so


def test_readers_that_honour_actualtext_read_the_article_exactly(article):
    import json

    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    read = _flat(text_of(article)).replace("\u00a0", " ")
    for paragraph in _hindi_texts(data):
        words = _flat(paragraph).replace("\u00a0", " ").split(" ")
        for before, after in zip(words, words[1:], strict=False):
            assert f"{before} {after}" in read, (before, after)


def test_the_map_of_a_glyph_does_not_depend_on_where_a_letter_first_appears():
    """The same phrase after "तर्क" (क drawn before the reph) or "नई" (ई drawn as इ and a
    sign) reads as it does alone."""
    from pipeline.build.render.pdf import render_pdf

    def read(first: str) -> str:
        html = f'<html lang="hi"><body><p>{first}</p><p>{PHRASE} इसे</p></body></html>'
        pdf = render_pdf(html, paper="a4", identifier=b"t", epoch=0).pdf
        return _flat(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text())

    alone = read("")
    assert _flat(f"{PHRASE} इसे") in alone
    for first in ("तर्क", "नई", "के", "में", "र्र", "कृषि"):
        assert _flat(f"{PHRASE} इसे") in read(first), first


def test_the_hindi_article_names_itself_and_its_table_in_hindi(article):
    assert pypdf.PdfReader(article).metadata.title.endswith("— लेख")
    text = text_of(article)
    for heading in ("संकेतक", "मान", "परिवर्तन", "आधार"):
        assert heading in text
    assert "Indicator" not in text and "Basis" not in text
