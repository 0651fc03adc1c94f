"""English, Hindi or both: which language a document prints, and its words in each.

A source's Hindi sits beside the English in the model (`Source.hi`, `Question.hi`);
`localized("hi")` gives the question or source as it reads in Hindi (flags, answers and
ids shared); `LABELS` holds every fixed text a booklet prints, in both languages. A
bilingual booklet prints each question in English, then in Hindi, as UPSC does, with one
number and the same option letters; its instructions say that in case of doubt the
English version prevails.
"""

from __future__ import annotations

from typing import Any

from ...model import Source

LANGS = ("en", "hi", "bilingual")

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "worksheet": "Practice worksheet",
        "answer_key": "Answer key · for the teacher",
        "name": "Name",
        "roll": "Roll no.",
        "class": "Class",
        "date": "Date",
        "series": "Series",
        "prevails": "In case of any doubt, the English version shall prevail.",
        "code_line": "Select the correct answer using the code given below:",
        "statement": "Statement",
        "explanation": "Explanation.",
        "question": "Question",
        "answer": "answer",
        "correct": "correct",
        "incorrect": "incorrect",
        "matched": "correctly matched",
        "not_matched": "not correctly matched",
        "pair": "Pair",
    },
    "hi": {
        "worksheet": "अभ्यास पत्रक",
        "answer_key": "उत्तर कुंजी · शिक्षक के लिए",
        "name": "नाम",
        "roll": "अनुक्रमांक",
        "class": "कक्षा",
        "date": "दिनांक",
        "series": "सीरीज़",
        "prevails": "किसी भी प्रकार की शंका की स्थिति में अंग्रेज़ी संस्करण ही मान्य होगा।",
        "code_line": "नीचे दिए गए कूट का प्रयोग कर सही उत्तर चुनिए :",
        "statement": "कथन",
        "explanation": "व्याख्या।",
        "question": "प्रश्न",
        "answer": "उत्तर",
        "correct": "सही",
        "incorrect": "गलत",
        "matched": "सही सुमेलित",
        "not_matched": "सही सुमेलित नहीं",
        "pair": "युग्म",
    },
}


def resolve(source: Source, requested: str | None) -> str:
    """The language a target prints: as asked, or bilingual when the Hindi is there.

    Asked for Hindi that a source does not have, it prints in English (the build says so).
    """
    if requested in (None, "bilingual"):
        return "bilingual" if source.bilingual else "en"
    if requested == "hi" and not source.bilingual:
        return "en"
    return requested


def versions(lang: str) -> list[str]:
    """The languages printed, in order: English first, as UPSC prints them."""
    return ["en", "hi"] if lang == "bilingual" else [lang]


def label(key: str, lang: str, sep: str = " / ") -> str:
    """A fixed text in the document's language(s)."""
    return sep.join(LABELS[one][key] for one in versions(lang))


def _number(value: float) -> str:
    return f"{value:g}"


def instructions(
    lang: str,
    *,
    count: int,
    total: str,
    marks: Any,
    time_allowed: str | None,
    inline_grid: bool,
    sheet_name: str,
    series: str | None,
) -> list[dict[str, str]]:
    """The worksheet's instructions, each line in every language printed (English first)."""
    many = count != 1
    english = [
        f"There {'are' if many else 'is'} {count} question{'s' if many else ''}, for {total} "
        f"marks in all." + (f" Time allowed: {time_allowed}." if time_allowed else ""),
        marks.describe(),
        "Choose one option for each question and fill its bubble in the answer grid at the end."
        if inline_grid
        else f"Mark your answers on the separate answer sheet ({sheet_name}), filling one "
        f"bubble per question with a dark pen"
        + (f", and fill the bubble of your series, {series}" if series else "")
        + ".",
    ]
    fraction = (
        "प्रश्न के अंकों का एक-तिहाई"
        if abs(marks.negative_fraction - 1 / 3) < 0.01
        else f"प्रश्न के अंकों का {_number(marks.negative_fraction)} भाग"
    )
    hindi = [
        f"कुल {count} प्रश्न हैं, कुल {total} अंक।" + (f" समय: {time_allowed}।" if time_allowed else ""),
        f"प्रत्येक प्रश्न {_number(marks.per_question)} अंक का है। गलत उत्तर पर "
        f"{_number(marks.penalty)} अंक ({fraction}) काटे जाएँगे। छोड़े गए प्रश्न पर कोई अंक "
        "नहीं कटेगा; एक से अधिक उत्तर अंकित करना गलत माना जाएगा।",
        "प्रत्येक प्रश्न के लिए एक विकल्प चुनें और अंत में दिए गए उत्तर ग्रिड में उसका गोला भरें।"
        if inline_grid
        else f"अपने उत्तर अलग उत्तर पत्रक ({sheet_name}) पर अंकित करें: हर प्रश्न के लिए गहरे "
        "रंग के पेन से एक गोला भरें" + (f", और अपनी सीरीज़ {series} का गोला भरें" if series else "") + "।",
    ]
    if lang == "bilingual":
        english.append(LABELS["en"]["prevails"])
        hindi.append(LABELS["hi"]["prevails"])
    texts = {"en": english, "hi": hindi}
    return [
        {"lang": one, "text": texts[one][i]} for i in range(len(english)) for one in versions(lang)
    ]
