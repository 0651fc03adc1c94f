"""View models: everything a template shows, decided in Python before rendering.

The worksheet view is built from an explicit allow-list of fields: answers, flags and
explanations are never copied into it, so no template can print them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any

from ...checks.rules.assets import resolve_asset
from ...checks.vocabulary import vocabulary
from ...model import Dashboard, Question, Source
from ...model.marks import Marks, number_text
from .bilingual import instructions, label, versions
from .questions import LONG_SHARE, PAGE_LINES, question_body
from .worldmap import country_names, draw, outside

#: A running head of this many characters fits one line beside the document's name.
RUNNING_TITLE_CHARS = 60
#: Tests of up to this many questions keep a compact answer grid on the worksheet itself.
INLINE_GRID_MAX = 10
KIND_LABELS = {"editorial-analysis": "Editorial Analysis"}
#: The fixed texts a worksheet prints (never the key's words: answer, correct, explanation).
WORKSHEET_LABELS = ("worksheet", "name", "roll", "class", "date", "series")
#: The article's headings in each language (keys: the template's and the sections').
ARTICLE_HEADINGS: dict[str, dict[str, str]] = {
    "en": {
        "view": "The author's view", "key_facts": "Key facts", "angles": "UPSC exam angles",
        "background": "Background", "latest_developments": "Latest developments",
        "glossary": "Glossary", "shown": "Shown", "outside": "Outside this view",
        "photo": "Photo",
    },
    "hi": {
        "view": "लेखक का दृष्टिकोण", "key_facts": "मुख्य तथ्य", "angles": "यूपीएससी परीक्षा के दृष्टिकोण",
        "background": "पृष्ठभूमि", "latest_developments": "नवीनतम घटनाक्रम", "glossary": "शब्दावली",
        "shown": "दर्शाए गए", "outside": "इस दृश्य से बाहर", "photo": "फ़ोटो",
        "main_arguments": "मुख्य तर्क", "counter_arguments": "प्रति-तर्क", "conclusion": "निष्कर्ष",
        "policy_implications": "नीतिगत निहितार्थ",
    },
}  # fmt: skip
SECTION_TITLES = (
    ("main_arguments", "Main arguments"),
    ("counter_arguments", "Counter arguments"),
    ("conclusion", "Conclusion"),
    ("policy_implications", "Policy implications"),
)


HINDI_MONTHS = (
    "जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून",
    "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर",
)  # fmt: skip


def format_date(value: str | None, lang: str = "en") -> str | None:
    if not value:
        return None
    date = dt.date.fromisoformat(value)
    if lang == "hi":
        return f"{date.day} {HINDI_MONTHS[date.month - 1]} {date.year}"
    return f"{date.day} {date.strftime('%B %Y')}"


def document_date(source: Source, epoch: int | None) -> str | None:
    """The date the PDFs carry: the source's published date, else SOURCE_DATE_EPOCH, else none."""
    if source.published:
        return f"{source.published}T00:00:00Z"
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def keywords(source: Source) -> list[str]:
    return list(dict.fromkeys(tag for fact in source.key_facts for tag in fact.tags))


def meta(
    source: Source, *, document: str, epoch: int | None, series: str | None = None
) -> dict[str, Any]:
    named = f"{document}, Series {series}" if series else document
    return {
        "title": f"{source.title} — {named}",
        "subject": source.dek,
        "keywords": ", ".join(keywords(source)),
        "date": document_date(source, epoch),
        "short_title": shorten(source.title, RUNNING_TITLE_CHARS),
        "document": document,
    }


def shorten(text: str, limit: int) -> str:
    """At most limit characters, cut at a word with an ellipsis (running heads fit one line)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,:;-—")
    return f"{cut}…"


def worksheet_view(
    source: Source,
    *,
    marks: Marks,
    epoch: int | None,
    series: str | None = None,
    header: dict[str, str] | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """What a student sees: questions without answers. `header` pre-fills class and date (packs).

    In a bilingual booklet each question is printed in English, then in Hindi, under one
    number; a long one may break between its versions, never inside an item.
    """
    questions = [printed(q, n, lang) for n, q in enumerate(source.questions, 1)]
    header = header or {}
    return {
        "lang": "en" if lang == "bilingual" else lang,
        "labels": {key: label(key, lang) for key in WORKSHEET_LABELS},
        "meta": meta(source, document="Worksheet", epoch=epoch, series=series),
        "title": source.title,
        "series": series,
        "series_letters": list("ABCD") if series else [],
        "header": header,
        "questions": questions,
        "count": len(questions),
        "total_marks": number_text(marks.per_question * len(questions)),
        "marks": marks.describe(),
        "time_allowed": header.get("time_allowed"),
        # A short test keeps a compact grid of its own; a longer one points to the sheet.
        "inline_grid": len(questions) <= INLINE_GRID_MAX,
        "sheet_name": f"answer-sheet{'-' + series if series else ''}.pdf",
        "letters": ["a", "b", "c", "d"],
        "instructions": instructions(
            lang,
            count=len(questions),
            total=number_text(marks.per_question * len(questions)),
            marks=marks,
            time_allowed=header.get("time_allowed"),
            inline_grid=len(questions) <= INLINE_GRID_MAX,
            sheet_name=f"answer-sheet{'-' + series if series else ''}.pdf",
            series=series,
        ),
    }


def printed(question: Question, number: int, lang: str) -> dict[str, Any]:
    """One question as the booklet prints it: a body per language, numbered once."""
    bodies = [question_body(question.localized(one), one) for one in versions(lang)]
    lines = sum(body["lines"] for body in bodies)
    items = len(bodies[0]["items"] or bodies[0]["pairs"])
    return {
        "number": number,
        "versions": [
            dict(body, number=number) if i == 0 else body for i, body in enumerate(bodies)
        ],
        "long": lines > PAGE_LINES * LONG_SHARE and (items > 2 or len(bodies) > 1),
    }


def article_view(source: Source, *, epoch: int | None, lang: str = "en") -> dict[str, Any]:
    """The article in lang; source is already in lang (Source.localized)."""
    papers = vocabulary()["papers"]
    angles: dict[str, dict[str, Any]] = {}
    for angle in source.exam_angles:
        group = angles.setdefault(
            angle.paper,
            {"paper": angle.paper, "title": papers[angle.paper]["title"], "points": []},
        )
        topic = papers[angle.paper]["topics"].get(angle.topic, {}).get("title", "")
        group["points"].append({"text": angle.text, "topic": topic})
    map_view = None
    if source.map is not None:
        m = source.map
        names = country_names()
        countries = list(m.countries)
        gone = outside(countries, m.title)
        map_view = {
            "title": m.title,
            "description": m.description,
            "svg": draw(countries, title=m.title),
            "countries": [names.get(code, code) for code in countries if code not in gone],
            "outside": [names.get(code, code) for code in gone],
        }
    image = None
    if source.image is not None:
        src = source.image.src
        image = {
            "src_url": resolve_asset(src).as_uri() if src else None,
            "alt": source.image.alt,
            "credit": source.image.credit,
        }
    return {
        "lang": lang,
        "headings": ARTICLE_HEADINGS[lang],
        "meta": meta(source, document="Article" if lang == "en" else "लेख", epoch=epoch),
        "series": None,
        "title": source.title,
        "dek": source.dek,
        "kind": "संपादकीय विश्लेषण" if lang == "hi" else KIND_LABELS.get(source.kind, source.kind),
        "published": format_date(source.published, lang),
        "image": image,
        "summary": source.summary,
        "sections": [
            {
                "title": ARTICLE_HEADINGS[lang].get(key, title),
                "items": list(getattr(source, key)),
                "list": key in ("main_arguments", "counter_arguments", "policy_implications"),
            }
            for key, title in SECTION_TITLES
            if getattr(source, key)
        ],
        "key_facts": [fact.text for fact in source.key_facts],
        "angles": list(angles.values()),
        "map": map_view,
        "dashboard": _dashboard(source.dashboard),
        "background": list(source.background),
        "latest_developments": list(source.latest_developments),
        "glossary": [
            _present(entry) for entry in sorted(source.glossary, key=lambda e: e.term.lower())
        ],
    }


def _present(part: Any) -> dict[str, Any]:
    """A model part as the template reads it: its fields, those not given left out."""
    return {
        f.name: getattr(part, f.name) for f in fields(part) if getattr(part, f.name) is not None
    }


def _dashboard(dashboard: Dashboard | None) -> dict[str, Any] | None:
    if dashboard is None:
        return None
    return dict(_present(dashboard), indicators=[_present(i) for i in dashboard.indicators])


def answer_sheet_view(
    source: Source,
    series: str | None,
    *,
    epoch: int | None,
    paper: str = "a4",
    lang: str = "en",
) -> dict[str, Any]:
    """The answer sheet of one series: an SVG drawn from the same geometry answer-sheet.json holds."""
    from markupsafe import Markup

    from . import sheet, sheet_drawing

    geometry = sheet.geometry(len(source.questions), paper=paper)
    code = sheet.payload(source.id, series or "A", geometry)
    title = source.localized("hi").title if lang == "hi" else source.title
    drawn, overlays = sheet_drawing.svg(geometry, title=title, series=series, code=code, lang=lang)
    return {
        "meta": meta(source, document="Answer sheet", epoch=epoch, series=series),
        "series": None,
        "svg": Markup(drawn),  # built from the geometry; every text in it escaped
        "overlays": overlays,
    }
