"""View models: everything a template shows, decided in Python before rendering.

The worksheet view is built from an explicit allow-list of fields: answers, flags and
explanations are never copied into it, so no template can print them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ...checks.rules.assets import resolve_asset
from ...checks.vocabulary import vocabulary
from .bilingual import label, localized, versions
from .cover import cover_view
from .i18n import N_, tr
from .questions import LONG_SHARE, PAGE_LINES, question_body
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


@dataclass(frozen=True)
class Marks:
    """The marking scheme: marks per question, and the fraction of them a wrong answer costs."""

    per_question: float = 2.0
    negative_fraction: float = 0.33

    @property
    def penalty(self) -> float:
        """Marks lost for a wrong (or multiply marked) answer: 0.66 under UPSC's scheme."""
        return round(self.per_question * self.negative_fraction, 2)

    def describe(self) -> str:
        fraction = (
            "one third"
            if abs(self.negative_fraction - 1 / 3) < 0.01
            else f"{number_text(self.negative_fraction)}"
        )
        return (
            f"Each question carries {number_text(self.per_question)} marks. A wrong answer costs "
            f"{number_text(self.penalty)} marks ({fraction} of the question's marks). "
            "A question left blank costs nothing; marking more than one answer counts as wrong."
        )

    def to_dict(self) -> dict[str, float]:
        return {
            "per_question": self.per_question,
            "negative_fraction": self.negative_fraction,
            "penalty": self.penalty,
        }


def number_text(value: float) -> str:
    return f"{value:g}"


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


def document_date(data: dict[str, Any], epoch: int | None) -> str | None:
    """The date the PDFs carry: the source's published date, else SOURCE_DATE_EPOCH, else none."""
    if data.get("published"):
        return f"{data['published']}T00:00:00Z"
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def keywords(data: dict[str, Any]) -> list[str]:
    seen: dict[str, None] = {}
    for fact in data["key_facts"]:
        for tag in fact["tags"]:
            seen.setdefault(tag, None)
    return list(seen)


def meta(
    data: dict[str, Any],
    *,
    document: str,
    epoch: int | None,
    series: str | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """PDF metadata and running heads; `document` is an English message (translated here)."""
    named = f"{document}, Series {series}" if series else document
    shown = tr(lang, document)
    return {
        "title": f"{data['title']} — {named}",
        "subject": data["dek"],
        "keywords": ", ".join(keywords(data)),
        "date": document_date(data, epoch),
        "short_title": shorten(data["title"], RUNNING_TITLE_CHARS),
        "document": shown,
        "series_line": tr(lang, "Series %(series)s", series=series) if series else "",
        "page": "" if lang == "bilingual" else tr(lang, "Page"),
    }


def shorten(text: str, limit: int) -> str:
    """At most limit characters, cut at a word with an ellipsis (running heads fit one line)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,:;-—")
    return f"{cut}…"


def worksheet_view(
    data: dict[str, Any],
    *,
    marks: Marks,
    epoch: int | None,
    series: str | None = None,
    header: dict[str, str] | None = None,
    lang: str = "en",
    serial: int | None = None,
) -> dict[str, Any]:
    """What a student sees: a cover, then questions without answers, then rough work.

    `header` pre-fills class, date and time allowed (packs); `serial` numbers one copy.
    In a bilingual booklet each question is printed in English, then in Hindi, under one
    number, and never breaks across pages.
    """
    questions = [printed(q, n, lang) for n, q in enumerate(data["questions"], 1)]
    header = header or {}
    return {
        "lang": "en" if lang == "bilingual" else lang,
        "print_lang": lang,
        "labels": {key: label(key, lang) for key in WORKSHEET_LABELS},
        "meta": meta(data, document=N_("Test booklet"), epoch=epoch, series=series, lang=lang),
        "title": data["title"],
        "series": series,
        "series_letters": list("ABCD") if series else [],
        "header": header,
        "questions": questions,
        "count": len(questions),
        # A short test keeps a compact grid of its own; a longer one has its answer sheet.
        "inline_grid": len(questions) <= INLINE_GRID_MAX,
        "letters": ["a", "b", "c", "d"],
        "cover": cover_view(
            lang=lang,
            title=data["title"],
            count=len(questions),
            marks=marks,
            series=series,
            serial=serial,
            time_allowed=header.get("time_allowed"),
        ),
        "rough_pages": 1,
    }


def printed(question: dict[str, Any], number: int, lang: str) -> dict[str, Any]:
    """One question as the booklet prints it: a body per language, numbered once."""
    bodies = [question_body(localized(question, one), one) for one in versions(lang)]
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


def article_view(data: dict[str, Any], *, epoch: int | None, lang: str = "en") -> dict[str, Any]:
    papers = vocabulary()["papers"]
    angles: dict[str, dict[str, Any]] = {}
    for angle in data["exam_angles"]:
        group = angles.setdefault(
            angle["paper"],
            {
                "paper": angle["paper"],
                "title": tr(lang, str(papers[angle["paper"]]["title"])),
                "points": [],
            },
        )
        topic = papers[angle["paper"]]["topics"].get(angle["topic"], {}).get("title", "")
        group["points"].append({"text": angle["text"], "topic": tr(lang, topic) if topic else ""})
    visuals = data.get("visuals", {})
    map_view = None
    if "map" in visuals:
        m = visuals["map"]
        names = country_names()
        gone = outside(m["countries"], m["title"])
        map_view = {
            "title": m["title"],
            "description": m.get("description"),
            "svg": draw(m["countries"], title=m["title"]),
            "countries": [names.get(code, code) for code in m["countries"] if code not in gone],
            "outside": [names.get(code, code) for code in gone],
        }
    image = None
    if data.get("image"):
        src = data["image"].get("src")
        image = {
            "src_url": resolve_asset(src).as_uri() if src else None,
            "alt": data["image"].get("alt", ""),
            "credit": data["image"].get("credit"),
        }
    return {
        "lang": lang,
        "headings": {key: tr(lang, text) for key, text in ARTICLE_HEADINGS.items()},
        "meta": meta(data, document=N_("Article"), epoch=epoch, lang=lang),
        "series": None,
        "title": data["title"],
        "dek": data["dek"],
        "kind": tr(lang, KIND_LABELS.get(data["kind"], data["kind"])),
        "published": format_date(data.get("published"), lang),
        "image": image,
        "summary": data["summary"],
        "sections": [
            {
                "title": tr(lang, ARTICLE_HEADINGS[key]),
                "items": data[key],
                "list": key in ("main_arguments", "counter_arguments", "policy_implications"),
            }
            for key in SECTION_TITLES
            if data.get(key)
        ],
        "key_facts": [fact["text"] for fact in data["key_facts"]],
        "angles": list(angles.values()),
        "map": map_view,
        "dashboard": visuals.get("dashboard"),
        "background": data.get("background", []),
        "latest_developments": data.get("latest_developments", []),
        "glossary": sorted(data.get("glossary", []), key=lambda e: e["term"].lower()),
    }


def answer_sheet_view(
    data: dict[str, Any],
    series: str | None,
    *,
    epoch: int | None,
    paper: str = "a4",
    lang: str = "en",
) -> dict[str, Any]:
    """The answer sheet of one series: an SVG drawn from the same geometry answer-sheet.json holds."""
    from markupsafe import Markup

    from . import sheet

    geometry = sheet.geometry(len(data["questions"]), paper=paper)
    code = sheet.payload(data["id"], series or "A", geometry)
    drawn, overlays = sheet.svg(
        geometry, title=data["title"], test=data["id"], series=series, code=code, lang=lang
    )
    return {
        "meta": meta(data, document=N_("Answer sheet"), epoch=epoch, series=series, lang=lang),
        "series": None,
        "svg": Markup(drawn),  # built from the geometry; every text in it escaped
        "overlays": overlays,
    }
