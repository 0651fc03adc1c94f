"""An HTML test: one self-contained file a student opens in any browser, with no network.

Everything is inside the file: the questions, the styles, the script, the map as inline SVG
and the fonts (subset to the page's characters, as data: URLs, so Devanagari renders
without any font installed). One fieldset per question; a language switch when the test
is bilingual; on submit, the score under the test's marking, computed exactly as `score`
does (right x marks - wrong x penalty, rounded to 2 places), then each question's verdict
and explanation; the answers download as a CSV in the shape `score` reads
(name,roll,series,1,2,...). `collect_only` writes a page with no key and no explanations: it
only records answers. A page that scores holds its key: give it out after the test, or
use the collect-only page during it.
"""

from __future__ import annotations

import base64
import io
import json
from functools import cache
from typing import Any

from markupsafe import Markup

from .. import TEMPLATES_DIR
from ..build.render.questions import option_letter
from ..build.render.worldmap import drawn
from .online import Cell, OnlineTest, Presented, explanation

#: The page's fixed texts, in each language (the booklets' catalog holds the printed ones).
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "language": "Language", "both": "Both", "student": "Student", "name": "Name",
        "roll": "Roll no.", "series": "Series", "question": "Question", "clear": "Clear answer",
        "submit": "Submit answers", "record": "Record answers", "right": "Right",
        "wrong": "Wrong", "blank": "Not answered", "answer_is": "The answer is",
        "explanation": "Explanation", "download": "Download answers (CSV)", "score": "Score",
        "maximum": "maximum", "recorded": "Answers recorded", "answered": "answered",
        "hand_in": "Download the file and hand it to your teacher.",
        "collect_note": "This page records your answers only; your teacher scores them.",
        "map": "Map", "pairs": "Pairs",
    },
    "hi": {
        "language": "भाषा", "both": "दोनों", "student": "विद्यार्थी", "name": "नाम",
        "roll": "अनुक्रमांक", "series": "सीरीज़", "question": "प्रश्न", "clear": "उत्तर हटाएँ",
        "submit": "उत्तर जमा करें", "record": "उत्तर दर्ज करें", "right": "सही",
        "wrong": "गलत", "blank": "उत्तर नहीं दिया", "answer_is": "सही उत्तर",
        "explanation": "व्याख्या", "download": "उत्तर डाउनलोड करें (CSV)", "score": "अंक",
        "maximum": "अधिकतम", "recorded": "उत्तर दर्ज हुए", "answered": "उत्तर दिए",
        "hand_in": "फ़ाइल डाउनलोड करके अपने शिक्षक को दें।",
        "collect_note": "यह पृष्ठ केवल आपके उत्तर दर्ज करता है; अंक आपके शिक्षक देंगे।",
        "map": "मानचित्र", "pairs": "युग्म",
    },
}  # fmt: skip
LANGUAGE_NAMES = {"en": "English", "hi": "हिन्दी"}
#: The faces the page uses (fonts.py cuts them): Latin, and Devanagari drawn to match.
FONT_FAMILIES = ("Noto Sans", "Noto Sans Devanagari")


def export(test: OnlineTest) -> bytes:
    """The HTML file of one test."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    view = page_view(test)
    draft = env.get_template("online-test.html").render(view=view, fonts=Markup(""))
    fonts = font_css(draft)
    return env.get_template("online-test.html").render(view=view, fonts=fonts).encode("utf-8")


def _cell(cell: Cell) -> list[dict[str, str]]:
    return [{"lang": lang, "text": words} for lang, words in cell]


def blocks(shown: Presented, lang: str) -> list[dict[str, Any]]:
    """A question's lines in one language: paragraphs, numbered items, and pairs as one table."""
    out: list[dict[str, Any]] = []
    for line in shown.lines:
        texts = [next((w for one, w in cell if one == lang), cell[0][1]) for cell in line.cells]
        if line.kind == "pair":
            if not out or out[-1]["kind"] != "pairs":
                out.append({"kind": "pairs", "rows": []})
            out[-1]["rows"].append(texts)
        elif line.kind == "item":
            out.append({"kind": "item", "label": texts[0], "text": texts[1]})
        else:
            out.append({"kind": "p", "text": texts[0]})
    return out


def labels(languages: list[str]) -> dict[str, list[dict[str, str]]]:
    """Each fixed text in every language shown, English first."""
    return {
        key: [{"lang": lang, "text": LABELS[lang][key]} for lang in languages]
        for key in LABELS["en"]
    }


def page_view(test: OnlineTest) -> dict[str, Any]:
    """Everything the page shows, decided here; the template only lays it out."""
    source, languages = test.source, test.languages
    questions = []
    for number, (question, shown) in enumerate(
        zip(source.questions, test.presented, strict=True), 1
    ):
        questions.append(
            {
                "number": number,
                "id": question.id,
                "versions": [{"lang": lang, "blocks": blocks(shown, lang)} for lang in languages],
                "options": [
                    {"label": label, "letter": option_letter(label), "texts": _cell(cell)}
                    for label, cell in shown.options
                ],
                "explanation": [] if test.collect_only else _cell(explanation(question, languages)),
            }
        )
    page_data: dict[str, Any] = {
        "id": source.id,
        "series": test.series or "A",
        "questions": [q.id for q in source.questions],
        "per_question": test.marks.per_question,
        "penalty": test.penalty,
        "collect_only": test.collect_only,
    }
    if not test.collect_only:
        page_data["answers"] = [q.answer for q in source.questions]
    hindi = source.localized("hi") if "hi" in languages else source
    return {
        "lang": languages[0],
        "languages": [{"code": lang, "name": LANGUAGE_NAMES[lang]} for lang in languages],
        "bilingual": len(languages) > 1,
        "labels": labels(languages),
        "title": [
            {"lang": lang, "text": (hindi if lang == "hi" else source).title} for lang in languages
        ],
        "dek": source.dek,
        "series": test.series,
        "marks": test.marks.describe(),
        "total": f"{test.marks.per_question * len(questions):g}",
        "collect_only": test.collect_only,
        "map": _map(test),
        "questions": questions,
        "data": Markup(json.dumps(page_data, ensure_ascii=False).replace("<", "\\u003c")),
        "file": f"responses-{source.id}-{test.series or 'A'}.csv",
        "script": Markup(_asset("online-test.js")),
        "style": Markup(_asset("online-test.css")),
    }


def _map(test: OnlineTest) -> dict[str, Any] | None:
    place = test.source.map
    svg = drawn(list(place.countries), title=place.title) if place is not None else None
    if place is None or svg is None:  # None: the map's outlines are not installed
        return None
    return {
        "title": place.title,
        "description": place.description,
        "svg": svg,
        "alt": f"{place.title}: {', '.join(place.countries)}",
    }


@cache
def _asset(name: str) -> str:
    return (TEMPLATES_DIR / name).read_text(encoding="utf-8")


def font_css(page: str) -> Markup:
    """@font-face rules with each face subset to the page's characters, as data: URLs."""
    from ..build.render.fonts import static_fonts

    text = "".join(sorted(set(page)))
    rules = []
    for face, path in static_fonts():
        if face.family not in FONT_FAMILIES or face.style != "normal":
            continue
        wanted = "".join(c for c in text if any(lo <= ord(c) <= hi for lo, hi in face.ranges))
        if not wanted.strip():
            continue
        data = base64.b64encode(_subset(path.read_bytes(), wanted)).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
            f"font-style: normal; font-display: block; "
            f'src: url("data:font/ttf;base64,{data}") format("truetype"); }}'
        )
    return Markup("\n".join(rules))


def _subset(font: bytes, text: str) -> bytes:
    """The font cut to text's characters, every layout feature kept (Devanagari conjuncts)."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    loaded = subset.load_font(io.BytesIO(font), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(loaded)
    out = io.BytesIO()
    subset.save_font(loaded, out, options)
    return out.getvalue()
