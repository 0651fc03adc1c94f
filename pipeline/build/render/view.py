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
from ...model.marks import Marks
from .bilingual import label, versions
from .cover import cover_view
from .i18n import N_, tr
from .naturalearth import MapDataError
from .questions import LONG_SHARE, PAGE_LINES, question_body, roman_paper
from .worldmap import country_names, draw, outside

#: A running head of this many characters fits one line beside the document's name.
RUNNING_TITLE_CHARS = 56
#: Tests of up to this many questions keep a compact answer grid on the worksheet itself.
INLINE_GRID_MAX = 10
KIND_LABELS = {"editorial-analysis": N_("Editorial analysis")}
#: The fixed texts a worksheet prints (never the key's words: answer, correct, explanation).
WORKSHEET_LABELS = ("worksheet", "name", "roll", "class", "date", "series")
#: The article's headings (keys: the template's and the sections'), translated per language.
ARTICLE_HEADINGS: dict[str, str] = {
    "view": N_("The author's view"), "key_facts": N_("Key facts"),
    "angles": N_("UPSC exam angles"), "background": N_("Background"),
    "latest_developments": N_("Latest developments"), "glossary": N_("Glossary"),
    "shown": N_("Shown"), "outside": N_("Outside this view"), "photo": N_("Photo"),
    "main_arguments": N_("Main arguments"), "counter_arguments": N_("Counter arguments"),
    "conclusion": N_("Conclusion"), "policy_implications": N_("Policy implications"),
    "indicator": N_("Indicator"), "value": N_("Value"), "change": N_("Change"),
    "basis": N_("Basis"),
}  # fmt: skip
SECTION_TITLES = ("main_arguments", "counter_arguments", "conclusion", "policy_implications")


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
    source: Source,
    *,
    document: str,
    epoch: int | None,
    series: str | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """PDF metadata and running heads; `document` is an English message (translated here)."""
    said = "hi" if lang == "hi" else "en"  # the metadata title of a bilingual file is English
    named = tr(said, document)
    if series:
        named = f"{named}, {tr(said, 'Series %(series)s', series=series)}"
    shown = source.localized("hi") if lang == "hi" else source  # the running head's title
    short_title = shorten(shown.title, RUNNING_TITLE_CHARS)
    if lang == "bilingual" and source.bilingual:
        hindi = source.localized("hi").title
        if hindi != source.title:  # both titles, one a line (the head has room for two)
            short_title += "\n" + shorten(hindi, RUNNING_TITLE_CHARS)
    series_line = ""
    if series and lang == "bilingual":  # "Series / सीरीज़ B": the letter once
        series_line = f"{tr(lang, 'Series')} {series}"
    elif series:
        series_line = tr(lang, "Series %(series)s", series=series)
    return {
        "title": f"{source.title} — {named}",
        "subject": source.dek,
        "keywords": ", ".join(keywords(source)),
        "date": document_date(source, epoch),
        "short_title": short_title,
        "document": tr(lang, document),
        "series_line": series_line,
        "page": "" if lang == "bilingual" else tr(lang, "Page"),
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
    serial: int | None = None,
    pages: int = 0,
) -> dict[str, Any]:
    """What a student sees: a cover, then questions without answers, then rough work.

    `header` pre-fills class, date and time allowed (packs); `serial` numbers one copy;
    `pages` is the page count the cover states (known once the booklet is laid out).
    In a bilingual booklet each question is printed in English, then in Hindi, under one
    number, and never breaks across pages. A short single-series test keeps its answers in
    a grid at its end (and is handed in); any other has an answer sheet.
    """
    roman = roman_paper(source.questions)
    questions = [printed(q, n, lang, roman=roman) for n, q in enumerate(source.questions, 1)]
    header = dict(header or {})
    if lang == "hi" and header.get("day"):
        header["date"] = format_date(header["day"], "hi") or ""
    inline_grid = series is None and len(questions) <= INLINE_GRID_MAX
    title = (source.localized("hi") if lang == "hi" else source).title
    title_hi = source.localized("hi").title if lang == "bilingual" and source.bilingual else None
    return {
        "lang": "en" if lang == "bilingual" else lang,
        "print_lang": lang,
        "labels": {key: label(key, lang) for key in WORKSHEET_LABELS},
        "meta": meta(source, document=N_("Test booklet"), epoch=epoch, series=series, lang=lang),
        "title": title,
        "title_hi": title_hi if title_hi != title else None,
        "series": series,
        "series_letters": list("ABCD") if series else [],
        "header": header,
        "questions": questions,
        "count": len(questions),
        "inline_grid": inline_grid,
        "letters": ["a", "b", "c", "d"],
        "cover": cover_view(
            lang=lang,
            title=title,
            title_hi=title_hi,
            count=len(questions),
            inline_grid=inline_grid,
            marks=marks,
            series=series,
            serial=serial,
            time_allowed=int(header["time_allowed"]) if header.get("time_allowed") else None,
            pages=pages,
        ),
        "rough_pages": 1,
    }


def printed(question: Question, number: int, lang: str, *, roman: bool = False) -> dict[str, Any]:
    """One question as the booklet prints it: a body per language, numbered once."""
    bodies = [question_body(question.localized(one), one, roman=roman) for one in versions(lang)]
    lines = sum(body["lines"] for body in bodies)
    items = len(bodies[0]["items"] or bodies[0]["pairs"])
    return {
        "number": number,
        "versions": [
            dict(body, number=number) if i == 0 else body for i, body in enumerate(bodies)
        ],
        # A bilingual question never splits; a long single-language one may, between items.
        "long": lines > PAGE_LINES * LONG_SHARE and items > 2 and len(bodies) == 1,
    }


def article_view(source: Source, *, epoch: int | None, lang: str = "en") -> dict[str, Any]:
    """The article in lang; source is already in lang (Source.localized)."""
    papers = vocabulary()["papers"]
    angles: dict[str, dict[str, Any]] = {}
    for angle in source.exam_angles:
        group = angles.setdefault(
            angle.paper,
            {
                "paper": angle.paper,
                "title": tr(lang, str(papers[angle.paper]["title"])),
                "points": [],
            },
        )
        topic = papers[angle.paper]["topics"].get(angle.topic, {}).get("title", "")
        group["points"].append({"text": angle.text, "topic": tr(lang, topic) if topic else ""})
    map_view = None
    warnings = []
    if source.map is not None:
        m = source.map
        names = country_names()
        countries = list(m.countries)
        try:
            gone = outside(countries, m.title)
            svg = draw(countries, title=m.title)
        except MapDataError as err:  # left out rather than drawn with other boundaries
            warnings.append(f"the map is left out: {err}")
        else:
            map_view = {
                "title": m.title,
                "description": m.description,
                "svg": svg,
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
        "print_lang": lang,
        "headings": {key: tr(lang, text) for key, text in ARTICLE_HEADINGS.items()},
        "meta": meta(source, document=N_("Article"), epoch=epoch, lang=lang),
        "series": None,
        "title": source.title,
        "dek": source.dek,
        "kind": tr(lang, KIND_LABELS.get(source.kind, source.kind)),
        "published": format_date(source.published, lang),
        "image": image,
        "summary": source.summary,
        "sections": [
            {
                "title": tr(lang, ARTICLE_HEADINGS[key]),
                "items": list(getattr(source, key)),
                "list": key in ("main_arguments", "counter_arguments", "policy_implications"),
            }
            for key in SECTION_TITLES
            if getattr(source, key)
        ],
        "key_facts": [fact.text for fact in source.key_facts],
        "angles": list(angles.values()),
        "map": map_view,
        "warnings": warnings,
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
        "meta": meta(source, document=N_("Answer sheet"), epoch=epoch, series=series, lang=lang),
        "series": None,
        "svg": Markup(drawn),  # built from the geometry; every text in it escaped
        "overlays": overlays,
    }
