"""English, Hindi or both: which language a document prints, and its words in each.

A source's Hindi sits beside the English in the model (`Source.hi`, `Question.hi`);
`localized("hi")` gives the question or source as it reads in Hindi (flags, answers and
ids shared). Every fixed text a booklet prints is an English message translated through
the gettext catalogs (render/i18n.py); `LABELS` names the ones Python picks by key. A
bilingual booklet prints each question in English, then in Hindi, as UPSC does, with one
number and the same option letters; its cover says that in case of doubt the English
version prevails.
"""

from __future__ import annotations

from ...model import Source
from .i18n import N_, tr

LANGS = ("en", "hi", "bilingual")

#: Fixed texts picked by key: the English message, translated through the catalogs.
LABELS: dict[str, str] = {
    "worksheet": N_("Test booklet"),
    "answer_key": N_("Answer key · for the teacher"),
    "name": N_("Name"),
    "roll": N_("Roll no."),
    "class": N_("Class"),
    "date": N_("Date"),
    "series": N_("Series"),
    "prevails": N_("In case of any doubt, the English version shall prevail."),
    "code_line": N_("Select the correct answer using the code given below:"),
    "statement": N_("Statement"),
    "explanation": N_("Explanation."),
    "question": N_("Question"),
    "answer": N_("answer"),
    "correct": N_("correct"),
    "incorrect": N_("incorrect"),
    "matched": N_("correctly matched"),
    "not_matched": N_("not correctly matched"),
    "pair": N_("Pair"),
    "row": N_("Row"),
}


def word(key: str, lang: str) -> str:
    """One fixed text in one language ("en" or "hi")."""
    return tr(lang, LABELS[key])


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
    return sep.join(word(key, one) for one in versions(lang))
