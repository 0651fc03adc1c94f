"""Translation: the Hindi version (`"hi": {...}`) says what the English says.

The Hindi sits beside the English it translates: `hi` at the top of a source holds the
article's texts, `hi` in a question its stem, statements or pairs, prompt, options and
explanation. Flags, answers and ids are shared. UPSC's rule holds here too: in case of
doubt the English version prevails, so the checks compare the Hindi against the English.

`translation/missing` (error): the Hindi leaves out a part the English has (the prompt, the
    statements, an article section), or some questions have Hindi and others do not.
`translation/count` (error): a different number of statements, pairs, options or items.
    fails: four English options, three Hindi ones.
`translation/script` (error): a Hindi text with no Devanagari (still English), or an English
    text with Devanagari in it.
    fails: "hi": {"stem": "Consider the following statements:"}
`translation/numbers` (error): a number, year, percentage or Roman numeral was changed: each
    version has one the other lacks. Devanagari digits are the same numbers ("२०२५" =
    "2025"); number words count ("दस" = 10); numbers next to million/लाख/करोड़ may be
    converted, and numbers inside a name (G20, जी20) are not compared.
    fails: "signed in 2025" / "२०२४ में हस्ताक्षरित"; "4 members" / "पाँच सदस्य"
`translation/number-missing` (warning): a number only one version states, with nothing in
    its place: a dropped year, or a number the other writes in a way the reader does not know.
    fails: "held in 2007 and revived in 2017" / "2007 में हुई और पुनर्जीवित किया गया"
`translation/option-meaning` (error): a Hindi option that means something else than its
    English twin. Hindi wordings are read like the English ones.
    fails: "1 and 2 only" / "केवल 1 और 3"; "Only two" / "केवल तीन"
`translation/option-unread` (warning): a Hindi code, count or Statement-I/II option the
    tool cannot read although its English twin is read, so its meaning cannot be compared
    (a machine translation such as "मैं, द्वितीय और तृतीय" for "I, II and III", or "एक झूठा
    आर सच" for "A false, R true"); write it in the wording of the Hindi papers.
`translation/acronym` (warning): an acronym of the glossary (IPEF, DTTI) neither appears
    in the Hindi (as "IPEF", letter by letter as "आईपीईएफ", or said as a word: FIFA "फीफा",
    ISRO "इसरो") nor is spelled out there (the glossary entry's `hi` expansion). An acronym
    the glossary does not hold is checked only when the Hindi puts "this ..." in its place
    ("The DTTI was launched" / "यह पहल ..."): otherwise the Hindi may say it in words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ...diagnostics import Severity
from ..answers import CODE_FORMATS, COUNT_FORMATS
from ..language.acronyms import EMPHASIS, ERAS, KNOWN, NUMBER_BEFORE, tokens
from ..language.hindi import missing_numbers, names_acronym, parse_hindi, script, stray_cardinals
from ..language.options import Unparsable, parse_code, parse_count, parse_reason
from ..sources import Source
from .base import Context, Problem, Rule, part_ok, questions

NEEDS = ("questions",)

RULES = (
    Rule("translation/missing", Severity.ERROR, "The Hindi version has every part the English has"),
    Rule("translation/count", Severity.ERROR, "Both versions have as many statements, pairs and options"),
    Rule("translation/script", Severity.ERROR, "Hindi texts are in Devanagari; English ones are not"),
    Rule("translation/numbers", Severity.ERROR, "Neither version changes a number of the other"),
    Rule("translation/number-missing", Severity.WARNING, "Numbers in one version appear in the other"),
    Rule("translation/option-meaning", Severity.ERROR, "A Hindi option means what its English twin means"),
    Rule("translation/option-unread", Severity.WARNING, "A Hindi option uses a wording the tool can read"),
    Rule("translation/acronym", Severity.WARNING, "Acronyms of the English appear or are spelled out in the Hindi"),
)  # fmt: skip

#: The article's paragraph sections a Hindi version translates item for item.
ARTICLE_LISTS = (
    "main_arguments",
    "counter_arguments",
    "conclusion",
    "policy_implications",
    "background",
    "latest_developments",
)
#: An identical short text with a digit or sign in it is a symbol or formula (CO2, G20),
#: not an untranslated text; an identical word (Malabar) is untranslated.
SYMBOL = 12

#: English text, Hindi text, pointer of the Hindi text, whether to compare their numbers.
Pair = tuple[str, str, str, bool]


def check(source: Source, context: Context) -> Iterator[Problem]:
    data = source.data
    glossary = (
        {e["term"]: e.get("hi", "") for e in (data.get("glossary") or []) if isinstance(e, dict)}
        if part_ok(source, "/glossary")  # asked once, not once an entry
        else {}
    )
    if isinstance(data.get("hi"), dict) and part_ok(source, "/hi"):
        yield from _texts(_article_pairs(data, data["hi"], source), glossary)
        yield from _article_shape(data, data["hi"])
    mirrored = [(i, q) for i, q in questions(source) if isinstance(q.get("hi"), dict)]
    if mirrored:
        for index, question in questions(source):
            if "hi" not in question:
                yield Problem(
                    "translation/missing",
                    f"/questions/{index}",
                    "this question has no Hindi version while others have one; a bilingual "
                    'booklet needs every question in both languages: add "hi"',
                    key=False,
                )
    for index, question in mirrored:
        base = f"/questions/{index}"
        shape = list(_question_shape(question, question["hi"], base))
        yield from shape
        if any(p.rule == "translation/count" for p in shape):
            continue
        yield from _texts(_question_pairs(question, question["hi"], base), glossary)
        yield from _options(question, question["hi"], base)


def _article_pairs(data: dict[str, Any], hi: dict[str, Any], source: Source) -> Iterator[Pair]:
    for key in ("title", "dek", "summary"):
        yield data[key], hi[key], f"/hi/{key}", True
    for key in ARTICLE_LISTS:
        for i, (en, other) in enumerate(zip(data.get(key) or [], hi.get(key) or [], strict=False)):
            yield en, other, f"/hi/{key}/{i}", True
    for key in ("key_facts", "exam_angles"):
        for i, (en, other) in enumerate(zip(data.get(key) or [], hi.get(key) or [], strict=False)):
            yield en["text"], other["text"], f"/hi/{key}/{i}/text", True


def _article_shape(data: dict[str, Any], hi: dict[str, Any]) -> Iterator[Problem]:
    for key in (*ARTICLE_LISTS, "key_facts", "exam_angles"):
        english, hindi = data.get(key) or [], hi.get(key)
        if english and hindi is None:
            yield Problem(
                "translation/missing",
                "/hi",
                f"the Hindi article has no '{key}' ({len(english)} in English)",
                key=False,
            )
        elif hindi is not None and len(hindi) != len(english):
            yield Problem(
                "translation/count",
                f"/hi/{key}",
                f"{len(hindi)} item(s) in Hindi, {len(english)} in English; translate item for item",
            )


def _question_shape(question: dict[str, Any], hi: dict[str, Any], base: str) -> Iterator[Problem]:
    for key, what in (("statements", "statements"), ("pairs", "pairs"), ("options", "options")):
        english = question.get(key) or []
        hindi = hi.get(key)
        if english and hindi is None:
            yield Problem(
                "translation/missing", f"{base}/hi", f"the Hindi version has no {what}", key=False
            )
        elif hindi is not None and len(hindi) != len(english):
            yield Problem(
                "translation/count",
                f"{base}/hi/{key}",
                f"{len(hindi)} {what} in Hindi, {len(english)} in English; the same {what}, "
                "in the same order",
            )
    for key in ("prompt", "explanation"):
        if question.get(key) and not hi.get(key):
            yield Problem(
                "translation/missing", f"{base}/hi", f"the Hindi version has no {key}", key=False
            )


def _question_pairs(question: dict[str, Any], hi: dict[str, Any], base: str) -> Iterator[Pair]:
    for key in ("stem", "prompt", "explanation"):
        if question.get(key) and hi.get(key):
            yield question[key], hi[key], f"{base}/hi/{key}", True
    for i, (en, other) in enumerate(
        zip(question.get("statements") or [], hi.get("statements") or [], strict=False)
    ):
        yield en["text"], other["text"], f"{base}/hi/statements/{i}/text", True
    for i, (en, other) in enumerate(
        zip(question.get("pairs") or [], hi.get("pairs") or [], strict=False)
    ):
        for side in ("left", "right"):
            yield en[side], other[side], f"{base}/hi/pairs/{i}/{side}", True
    # Code, count and Statement-I/II options are compared by meaning (option-meaning).
    single = question["format"] == "single"
    options = zip(question["options"], hi.get("options") or [], strict=False)
    for i, (en, other) in enumerate(options):
        yield en["text"], other["text"], f"{base}/hi/options/{i}/text", single


def _english_pointer(pointer: str) -> str:
    return pointer.replace("/hi/", "/", 1) if not pointer.startswith("/hi/") else pointer[3:]


def _texts(pairs: Iterator[Pair], glossary: dict[str, str]) -> Iterator[Problem]:
    for english, hindi, where, compare in pairs:
        if script(hindi) == "en" and not _untranslatable(english, hindi):
            yield Problem(
                "translation/script",
                where,
                f'the Hindi text is not in Devanagari ("{_cut(hindi)}"); translate it',
            )
            continue
        if script(_QUOTED.sub(" ", english)) == "hi":  # "the word 'कितने' (how many)" is English
            yield Problem(
                "translation/script",
                _english_pointer(where),
                f'Hindi in an English text ("{_cut(english)}"); it belongs under "hi"',
            )
            continue
        only_en, only_hi = missing_numbers(english, hindi) if compare else ([], [])
        if only_en or only_hi:
            yield _numbers_problem(english, hindi, only_en, only_hi, where)
        for acronym in _acronyms(english):
            spelled = glossary.get(acronym)
            if (
                not names_acronym(hindi, acronym)
                and not (spelled and spelled in hindi)
                and not _same_code(english, hindi, acronym)
                and (acronym in glossary or _dropped_subject(english, hindi, acronym))
            ):
                hint = "" if spelled else ' (or give the glossary entry a Hindi "hi" expansion)'
                yield Problem(
                    "translation/acronym",
                    where,
                    f"'{acronym}' is in the English but the Hindi neither has it nor spells it "
                    f"out{hint}",
                )


#: Quoted words: an English text may quote Hindi it is about.
_QUOTED = re.compile(r"'[^'\n]{1,40}'|\"[^\"\n]{1,40}\"|‘[^’\n]{1,40}’|“[^”\n]{1,40}”")
#: A word of a language: three letters or more with a vowel ("Malabar"), not a code or unit
#: ("KJZPZHS", "kHz", "A-3").
_LATIN_WORD = re.compile(r"(?<![A-Za-z])(?=[A-Za-z]*[aeiouy])[A-Za-z]{3,}(?![A-Za-z])")


def _untranslatable(english: str, hindi: str) -> bool:
    """The same text in both versions that no translation would change: a code, a measure,
    a formula, a name of one letter ("A-3, B-1, C-2", "20-20,000 Hz", "CO2", "D")."""
    if " ".join(english.split()).replace(" ", "") != " ".join(hindi.split()).replace(" ", ""):
        return False
    if len(hindi) <= SYMBOL and " " not in hindi and not hindi.isalpha():
        return True
    return _LATIN_WORD.search(hindi) is None


def _numbers_problem(
    english: str, hindi: str, only_en: list[str], only_hi: list[str], where: str
) -> Problem:
    """A number changed (one version has a number the other lacks, and the other has one in
    its place) is an error; a number only one version writes in digits is a warning: the
    other may say it in words the reader does not know, or convert it."""
    words_hi = [str(n) for n in stray_cardinals(hindi, english)]
    words_en = [str(n) for n in stray_cardinals(english, hindi)]
    parts = []
    if only_en or words_en:
        parts.append(f"{', '.join(only_en + words_en)} only in the English")
    if only_hi or words_hi:
        parts.append(f"{', '.join(only_hi + words_hi)} only in the Hindi")
    if (only_en or words_en) and (only_hi or words_hi):
        return Problem("translation/numbers", where, f"numbers differ: {'; '.join(parts)}")
    return Problem(
        "translation/number-missing",
        where,
        f"{'; '.join(parts)}: write it in the other version too (in digits, or in words)",
    )


def _acronyms(text: str) -> list[str]:
    found = []
    for m in tokens(text):
        token = m.group(1)
        if token in KNOWN or token in EMPHASIS or token in ERAS or token in found:
            continue
        if set(token) <= set("IVXLCDM"):
            continue
        if NUMBER_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # a unit: "2,245 MW"
        found.append(token)
    return found


def _dropped_subject(english: str, hindi: str, acronym: str) -> bool:
    """ "The DTTI was launched ..." / "यह पहल ...": the name the English opens with became
    "this <noun>" in Hindi. (Without a glossary entry the tool cannot tell a dropped name
    from one said in Hindi words, "SI" as "साधारण ब्याज", so it warns only then.)"""
    return bool(
        re.match(rf"\s*(?:the\s+)?{re.escape(acronym)}\b", english, re.IGNORECASE)
        and re.match(r"\s*(?:यह|इस|ये|इन|वह|उस)\s", hindi)
    )


def _same_code(english: str, hindi: str, acronym: str) -> bool:
    """ "COP21" and "कॉप21", "G20" and "जी-20": the same numbered name, transliterated."""
    for m in re.finditer(rf"\b{re.escape(acronym)}-?(\d+)\b", english):
        if re.search(rf"[\u0900-\u0963\u0971-\u097f]-?\s?{m.group(1)}(?!\d)", hindi):
            return True
    return False


def _options(question: dict[str, Any], hi: dict[str, Any], base: str) -> Iterator[Problem]:
    fmt = question["format"]
    english_parse: Callable[[str], object]
    if fmt in CODE_FORMATS:
        kind, english_parse = "code", parse_code
    elif fmt in COUNT_FORMATS:
        kind, english_parse = "count", parse_count
    elif fmt == "statement-reason":
        kind, english_parse = "reason", parse_reason
    else:
        return
    for i, (en, other) in enumerate(zip(question["options"], hi["options"], strict=False)):
        try:
            meaning = english_parse(en["text"])
        except Unparsable:
            continue  # the English checks (answer-key/unparsable-option) speak for it
        try:
            hindi = parse_hindi(other["text"], kind)
        except Unparsable as err:
            yield Problem(
                "translation/option-unread",
                f"{base}/hi/options/{i}/text",
                f'option ({en["label"].lower()}) "{_cut(other["text"])}" cannot be read ({err}), so it '
                f'cannot be checked against "{_cut(en["text"])}"; use the Hindi papers\' wording '
                '(e.g. "केवल 1 और 2", "(A) सही है, किन्तु (R) गलत है")',
            )
            continue
        if meaning != hindi:
            yield Problem(
                "translation/option-meaning",
                f"{base}/hi/options/{i}/text",
                f'option ({en["label"].lower()}) says "{en["text"]}" in English but '
                f'"{other["text"]}" in Hindi, which means something else',
            )


def _cut(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
