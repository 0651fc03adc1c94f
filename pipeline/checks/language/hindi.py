"""Hindi as UPSC's Hindi booklets write it: scripts, numbers, option wordings, verdicts.

- Script: a Hindi field must have Devanagari letters; an English field must not.
- Numbers: Devanagari digits (०-९) are the same numbers as 0-9; number words (दो, two) and
  ordinals count as the number; a number next to a scale word (million, लाख, करोड़) may be
  converted between the versions, so those are not compared.
- Option wordings ("केवल 1 और 2", "1, 2 और 3", "न तो 1 और न ही 2", "केवल दो", "सभी चार",
  "इनमें से कोई नहीं", the Statement-I/II forms) are rewritten into the English wordings
  the English parsers (options.py) read, so both versions are read by one grammar.
- Option letters in an explanation, for booklet series (explanations are read in
  hindi_explanations.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .options import Unparsable, parse_code, parse_count, parse_reason

DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
#: Letters with a nukta have a precomposed and a decomposed spelling (ड़ = ड + ़).
NUKTA = {"\u0958": "क\u093c", "\u0959": "ख\u093c", "\u095a": "ग\u093c", "\u095b": "ज\u093c",
         "\u095c": "ड\u093c", "\u095d": "ढ\u093c", "\u095e": "फ\u093c", "\u095f": "य\u093c"}  # fmt: skip


def plain(text: str) -> str:
    """Arabic digits and decomposed nukta letters: one spelling for what reads the same."""
    text = unicodedata.normalize("NFC", text).translate(DIGITS)
    for composed, parts in NUKTA.items():
        text = text.replace(composed, parts)
    return text


DEVANAGARI_LETTER = re.compile(r"[\u0904-\u0939\u093d\u0950-\u0961\u0972-\u097f]")
LATIN_LETTER = re.compile(r"[A-Za-z]")

HI_WORDS = {
    "एक": 1, "दो": 2, "तीन": 3, "चार": 4, "पाँच": 5, "पांच": 5, "छह": 6, "छः": 6,
    "सात": 7, "आठ": 8, "नौ": 9, "दस": 10, "पहला": 1, "पहली": 1, "पहले": 1,
    "दूसरा": 2, "दूसरी": 2, "दूसरे": 2, "तीसरा": 3, "तीसरी": 3, "तीसरे": 3,
    "चौथा": 4, "चौथी": 4, "चौथे": 4, "दोनों": 2, "तीनों": 3, "चारों": 4,
    "ग्यारह": 11, "बारह": 12, "तेरह": 13, "चौदह": 14, "पंद्रह": 15, "पन्द्रह": 15, "सोलह": 16,
    "सत्रह": 17, "अठारह": 18, "उन्नीस": 19, "बीस": 20, "इक्कीस": 21, "बाईस": 22, "तेईस": 23,
    "चौबीस": 24, "पच्चीस": 25, "छब्बीस": 26, "सत्ताईस": 27, "अट्ठाईस": 28, "उनतीस": 29,
    "तीस": 30, "इकतीस": 31, "बत्तीस": 32, "तैंतीस": 33, "चौंतीस": 34, "पैंतीस": 35,
    "छत्तीस": 36, "सैंतीस": 37, "अड़तीस": 38, "उनतालीस": 39, "चालीस": 40, "पचास": 50,
    "साठ": 60, "सत्तर": 70, "अस्सी": 80, "नब्बे": 90, "पंचवर्षीय": 5,
}  # fmt: skip
EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "first": 1, "second": 2, "third": 3, "fourth": 4,
    "fifth": 5, "both": 2, "twice": 2, "single": 1, "once": 1, "pair": 2, "dozen": 12,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
SCALE = re.compile(
    r"\s*(?:million|billion|trillion|lakh|crore|thousand|hundred|मिलियन|बिलियन|ट्रिलियन"
    "|लाख|करोड\u093c|करोड|अरब|खरब|हज\u093cार|हजार|सौ)",
    re.I,
)
#: A number: not part of a word or code (COP21, G20, कॉप21, जी20), with an English ordinal or
#: decade suffix (73rd, 1990s); a Hindi suffix (73वें) may follow it directly.
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.\u0900-\u0963\u0971-\u097f])(\d+(?:[.,]\d+)*)"
    # an ordinal or decade suffix, or a unit written on ("88.16m", "5km", "50Hz")
    r"(?:st|nd|rd|th|s|(?i:km|cm|mm|m|kg|mg|kw|mw|gw|kwh|hz|khz|mhz|ghz|ha))?(?![A-Za-z0-9])"
    # "43ए", "5जी": a Latin letter's name written on makes a code, as "43A" and "5G" are
    r"(?!(?:ए|बी|सी|डी|ई|एफ|जी|एच|आई)(?![\u0900-\u097f]))"
)
_ROMAN_VALUE = {
    "II": 2,
    "III": 3,
    "IV": 4,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "XI": 11,
    "XII": 12,
}
#: Hindi ordinals that stand for a Roman numeral in a name ("Pulakeshin II" = "पुलकेशिन द्वितीय").
_HI_ROMAN = {
    "द्वितीय": "II",
    "तृतीय": "III",
    "चतुर्थ": "IV",
    "षष्ठ": "VI",
    "सप्तम": "VII",
    "अष्टम": "VIII",
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9,
}  # fmt: skip
_COMPOUND = re.compile(rf"\b({'|'.join(_TENS)})[-\s]({'|'.join(_UNITS)})\b", re.IGNORECASE)
_ROMAN = re.compile(r"(?<![\w])(?:II|III|IV|VI|VII|VIII|IX|XI|XII)(?![\w])")
_WORD = re.compile(r"[\w\u0900-\u097f]+")


def script(text: str) -> str:
    """'hi' (Devanagari letters), 'en' (Latin letters only), or 'none' (neither: numbers)."""
    if DEVANAGARI_LETTER.search(text):
        return "hi"
    if LATIN_LETTER.search(text):
        return "en"
    return "none"


@dataclass(frozen=True)
class Numbers:
    """The numbers one text states: exact (compared), scaled (converted), and in words."""

    exact: frozenset[str]
    scaled: bool
    words: frozenset[int]


def numbers(text: str) -> Numbers:
    """Digits (Devanagari or Arabic, grouping commas dropped), Roman numerals, number words."""
    text = re.sub(r"(?<=[A-Za-z])\.(?=\d)", ". ", plain(text))  # "Q.38)" numbers question 38
    compounds = set()
    for m in _COMPOUND.finditer(text):  # "Ninety-Seventh" is 97, not 90
        compounds.add(_TENS[m.group(1).lower()] + _UNITS[m.group(2).lower()])
    text = _COMPOUND.sub(" ", text)
    exact: set[str] = set()
    scaled = False
    for m in _NUMBER.finditer(text):
        if SCALE.match(text, m.end()):
            scaled = True
            continue
        value = m.group(1).replace(",", "")
        exact.add(value.rstrip("0").rstrip(".") if "." in value else value.lstrip("0") or "0")
    exact |= {m.group() for m in _ROMAN.finditer(text)}
    found = _WORD.findall(text)
    exact |= {_HI_ROMAN[w] for w in found if w in _HI_ROMAN}
    words = {HI_WORDS.get(w, EN_WORDS.get(w.lower(), 0)) for w in found} - {0}
    return Numbers(frozenset(exact), scaled, frozenset(words | compounds))


def missing_numbers(english: str, hindi: str) -> tuple[list[str], list[str]]:
    """Numbers one version states and the other does not (in digits or words)."""
    en, hi = numbers(english), numbers(hindi)

    def absent(mine: Numbers, other: Numbers) -> list[str]:
        found = []
        for value in sorted(mine.exact - other.exact):
            if value.isdigit() and int(value) in other.words:
                continue
            if (
                _ROMAN_VALUE.get(value) in other.words
                or str(_ROMAN_VALUE.get(value)) in other.exact
            ):
                continue  # "Second Battle" / "द्वितीय युद्ध", "Statement II" / "कथन 2"
            found.append(value)
        return found

    return absent(en, hi), absent(hi, en)


#: Number words that are numbers and nothing else: not "एक" (also "a"), "पहले" ("before"),
#: "दोनों"/"both" or ordinals, which a translation may add or drop without changing a number.
_NOT_CARDINAL = frozenset(
    ["एक", "पहला", "पहली", "पहले", "दूसरा", "दूसरी", "दूसरे", "तीसरा", "तीसरी", "तीसरे", "चौथा",
     "चौथी", "चौथे", "दोनों", "तीनों", "चारों", "one", "first", "second", "third", "fourth",
     "fifth", "both", "twice", "single", "once", "pair", "dozen"]
)  # fmt: skip


def stray_cardinals(mine: str, other: str) -> list[int]:
    """Numbers written as words in one version ("पाँच") that the other states nowhere."""
    theirs = numbers(other)
    stated = {int(v) for v in theirs.exact if v.isdigit()} | set(theirs.words)
    found = []
    for word in _WORD.findall(plain(mine)):
        if word.lower() in _NOT_CARDINAL or word in _NOT_CARDINAL:
            continue
        value = HI_WORDS.get(word, EN_WORDS.get(word.lower(), 0))
        if value and value not in stated and value not in found:
            found.append(value)
    return found


# --- acronyms --------------------------------------------------------------------------

#: How Hindi spells the Latin letters of an initialism (IPEF -> आईपीईएफ).
LETTER_NAMES = {
    "A": "ए", "B": "बी", "C": "सी", "D": "डी", "E": "ई", "F": "एफ", "G": "जी", "H": "एच",
    "I": "आई", "J": "जे", "K": "के", "L": "एल", "M": "एम", "N": "एन", "O": "ओ", "P": "पी",
    "Q": "क्यू", "R": "आर", "S": "एस", "T": "टी", "U": "यू", "V": "वी", "W": "डब्ल्यू",
    "X": "एक्स", "Y": "वाई", "Z": "जेड",
}  # fmt: skip


def spelled_letters(acronym: str) -> str | None:
    """The acronym letter by letter in Devanagari, as Hindi writes an initialism."""
    if not acronym.isascii() or not acronym.isalpha():
        return None
    return "".join(LETTER_NAMES[c] for c in acronym.upper())


def names_acronym(hindi: str, acronym: str) -> bool:
    """Whether the Hindi has the acronym itself, spelled letter by letter (आईपीईएफ), or said
    as a word in Devanagari (FIFA: फीफा, ISRO: इसरो, NABARD: नाबार्ड)."""
    if acronym in hindi:
        return True
    hindi = unicodedata.normalize("NFC", hindi)
    spelled = spelled_letters(acronym)
    squeezed = re.sub(r"[\s\-.]", "", hindi).replace("ज\u093c", "ज")
    if spelled is not None and spelled.replace("ज\u093c", "ज") in squeezed:
        return True
    return said_as_word(hindi, acronym)


#: The Devanagari consonants a Latin letter is said with, when an acronym is read as a word.
_SOUNDS = {
    "B": "बभ", "C": "कसच", "D": "डदढध", "F": "फ", "G": "गजघ", "H": "ह", "J": "जझ", "K": "कख",
    "L": "ल", "M": "म", "N": "नण", "P": "पफ", "Q": "क", "R": "रड", "S": "सशष", "T": "टतठथ",
    "V": "वभ", "W": "व", "X": "क", "Y": "य", "Z": "ज",
}  # fmt: skip
_CONSONANT = re.compile(r"[\u0915-\u0939]")


def said_as_word(hindi: str, acronym: str) -> bool:
    """Whether a Hindi word has the acronym's consonants in order: FIFA -> फीफा (फ, फ)."""
    wanted = [_SOUNDS[c] for c in acronym.upper() if c in _SOUNDS]
    if len(wanted) < 2 or not acronym.isalpha():
        return False  # one consonant ("AI", "UN") is too little to recognise a word by
    for word in re.findall(r"[\u0900-\u097f]+", unicodedata.normalize("NFD", hindi)):
        consonants = _CONSONANT.findall(word)
        if acronym[0] in "UE" and consonants[:1] == ["य"]:
            consonants = consonants[1:]  # UNESCO: यूनेस्को
        if acronym.upper().endswith("X") and consonants[-1:] == ["स"]:
            consonants = consonants[:-1]  # "ks"
        if len(consonants) == len(wanted) and all(
            c in sounds for c, sounds in zip(consonants, wanted, strict=True)
        ):
            return True
    return False


# --- option wordings ---------------------------------------------------------------------

_HI_NUMBER_WORDS = {
    "एक": "one", "दो": "two", "तीन": "three", "चार": "four", "पाँच": "five", "पांच": "five",
    "छह": "six", "छः": "six", "प्रथम": "I", "द्वितीय": "II", "तृतीय": "III", "चतुर्थ": "IV",
}  # fmt: skip
_PHRASES = (
    (r"(?:उपर्युक्त|उपरोक्त|ऊपर दिए गए|इन|इनमें) (?:में )?से (?:कोई|एक) (?:भी )?नहीं", "none of the above"),
    (r"उपर्युक्त सभी|उपरोक्त सभी|ये सभी", "all of the above"),
    (r"कोई (?:भी )?(?:कथन |युग्म )?नहीं", "none"),
    (r"(.+) सभी", r"\1"),
    (r"सभी (एक|दो|तीन|चार|पाँच|पांच)(?:ों)?", r"all \1"),
    (r"(तीनों|चारों)", lambda m: "all " + {"तीनों": "three", "चारों": "four"}[m.group(1)]),
    (r"न तो (.+?),? (?:और )?न (?:ही )?(.+)", r"neither \1 nor \2"),
    (r"(.+) दोनों", r"both \1"),
)  # fmt: skip
_NOUNS = re.compile(r"\s*(?:कथन|युग्म|राज्य|देश|नदियाँ|नदियां|सही|हैं|है|सुमेलित)(?=\s|$)")


def english_wording(text: str) -> str:
    """A Hindi code or count option rewritten in the English wording it stands for."""
    t = unicodedata.normalize("NFC", text).translate(DIGITS)
    t = " ".join(t.replace("।", " ").split()).strip(" .")
    t = re.sub(r"\s+(?:सही|सुमेलित|सही सुमेलित)\s+(?:है|हैं)$", "", t)  # "1 और 2 दोनों सही हैं"
    t = re.sub(r"^सभी\s+(?=\d)", "", t)  # "सभी 1, 2 और 3"
    for pattern, repl in _PHRASES:
        t = re.sub(rf"^(?:{pattern})$", repl, t)
    t = re.sub(r"^केवल (.+)$", r"only \1", t)
    t = re.sub(r"^(.+) केवल$", r"\1 only", t)
    t = re.sub(r"\s*(?:और|तथा|एवं)\s+", " and ", t)
    t = _NOUNS.sub("", t)
    for word, english in _HI_NUMBER_WORDS.items():
        t = re.sub(rf"(?<![\u0900-\u097f]){word}(?![\u0900-\u097f])", english, t)
    return " ".join(t.split())


_S = r"कथन\s*-?\s*"
_BUT = r",?\s*(?:किन्तु|किंतु|परन्तु|परंतु|लेकिन|पर|तथा|और)\s+"
_WRONG = r"(?:गलत|ग़लत|असत्य|अशुद्ध|सही नहीं)"
_EXPLAINS = rf"{_S}(?:II|2),?\s*{_S}(?:I|1)\s*(?:की|का)\s+सही\s+(?:व्याख्या|स्पष्टीकरण)"
_TRUE = r"(?:सही|सत्य)"
_BOTH = rf"(?:{_S}(?:I|1) और {_S}(?:II|2) दोनों|दोनों कथन)(?:\s+अलग-अलग)?"
_REASON_FORMS = (
    (rf"{_BOTH} {_TRUE} हैं{_BUT}{_EXPLAINS} है", ("two", True, True, True)),
    (rf"{_BOTH} {_TRUE} हैं{_BUT}{_EXPLAINS} नहीं है", ("two", True, True, False)),
    (rf"{_S}(?:I|1) {_TRUE} है{_BUT}{_S}(?:II|2) {_WRONG} है", ("two", True, False, None)),
    (rf"{_S}(?:I|1) {_WRONG} है{_BUT}{_S}(?:II|2) {_TRUE} है", ("two", False, True, None)),
    (rf"{_BOTH} {_WRONG} हैं", ("two", False, False, None)),
)  # fmt: skip


_TRUE_HI = r"(?:सही|सत्य)"
_FALSE_HI = r"(?:गलत|ग\u093cलत|असत्य|अशुद्ध)"
_REASON_WORDS = (
    (r"अभिकथन\s*\(A\)|अभिकथन|\(A\)", "A"),
    (r"कारण\s*\(R\)|कारण|\(R\)", "R"),
    (r"कथन\s*-?\s*(I{1,3}|[123])", r"Statement \1"),
    (
        r"न\s+तो\s+(Statement I{1,3})\s+(?:और\s+)?न\s+ही\s+(Statement I{1,3})\s+सही\s+है",
        r"Neither \1 nor \2 is correct",
    ),
    (
        r"(Statement I{1,3})\s+(?:और|तथा)\s+(Statement I{1,3})\s+में\s+से\s+केवल\s+एक\s+सही\s+है",
        r"Only one of \1 and \2 is correct",
    ),
    (r"(?:वे|ये)\s+दोनों\s+(Statement I)\s+की\s+व्याख्या\s+करते\s+हैं", r"both of them explain \1"),
    (
        r"(?:उनमें|इनमें)\s+से\s+केवल\s+एक\s+(Statement I)\s+की\s+व्याख्या\s+करता\s+है",
        r"only one of them explains \1",
    ),
    (
        r"(?:उनमें|इनमें)\s+से\s+कोई\s+भी\s+(Statement I)\s+की\s+व्याख्या\s+नहीं\s+करता(?:\s+है)?",
        r"neither of them explains \1",
    ),
    (r"(?:वह|यह)\s+(Statement I)\s+की\s+व्याख्या\s+करता\s+है", r"that explains \1"),
    (
        r"(A|Statement I{1,3}|Statement [123])\s+(?:और|तथा|एवं)\s+(R|Statement I{1,3}|Statement [123])\s+दोनों",
        r"Both \1 and \2 are",
    ),
    (  # "दोनों (A) और (R) सही हैं" (the English word order, as bilingual apps translate it)
        r"दोनों\s+(A|Statement I{1,3}|Statement [123])\s+(?:और|तथा|एवं)\s+(R|Statement I{1,3}|Statement [123])(?=\s+(?:अलग-अलग\s+)?(?:सही|सत्य|गलत|ग\u093cलत|असत्य|अशुद्ध)\s+हैं)",
        r"Both \1 and \2 are",
    ),
    (r"दोनों\s+कथन", "Both the statements are"),
    (
        r"(R|Statement II|Statement 2)\s*,?\s*(A|Statement I|Statement 1)\s+(?:की|का)\s+सही\s+(?:व्याख्या|स्पष्टीकरण)\s+नहीं\s+(?:है|करता\s+है)",
        r"\1 is not the correct explanation of \2",
    ),
    (
        r"(R|Statement II|Statement 2)\s*,?\s*(A|Statement I|Statement 1)\s+(?:की|का)\s+सही\s+(?:व्याख्या|स्पष्टीकरण)\s+(?:है|करता\s+है)",
        r"\1 is the correct explanation of \2",
    ),
    (rf"(?<=are )(?:individually |अलग-अलग )?{_TRUE_HI}\s+हैं", "correct"),
    (rf"(?<=are )(?:individually |अलग-अलग )?{_FALSE_HI}\s+हैं", "incorrect"),
    (rf"(A|R|Statement I{{1,3}}|Statement [123])\s+(?:भी\s+)?{_TRUE_HI}\s+है", r"\1 is correct"),
    (rf"(A|R|Statement I{{1,3}}|Statement [123])\s+(?:भी\s+)?{_FALSE_HI}\s+है", r"\1 is incorrect"),
    (r"\s*,?\s*(?:किन्तु|किंतु|परन्तु|परंतु|लेकिन|पर)\s+", " but "),
    (r"\s*,?\s*(?:और|तथा|एवं)\s+", " and "),
)


def _reason_english(text: str) -> str:
    """A Hindi Statement-I/II or Assertion/Reason option in the English parser's words."""
    t = unicodedata.normalize("NFC", text)
    for pattern, repl in _REASON_WORDS:
        t = re.sub(unicodedata.normalize("NFC", pattern), repl, t)
    return " ".join(t.split())


def parse_hindi(text: str, kind: str) -> object:
    """What a Hindi option asserts, in the English parsers' terms; Unparsable if unread.

    kind is "code", "count" or "reason", as for the English twin.
    """
    if len(text) > 300:
        raise Unparsable(f"it is {len(text)} characters long")
    if kind == "reason":
        t = " ".join(text.translate(DIGITS).replace("।", "").split()).strip(" .")
        for pattern, facts in _REASON_FORMS:
            if re.fullmatch(pattern, t):
                return facts
        if script(t) == "en":
            return parse_reason(t)
        english = _reason_english(t)
        if not DEVANAGARI_LETTER.search(english):
            return parse_reason(english)
        raise Unparsable("it is not one of the Hindi Statement-I/II or Assertion/Reason wordings")
    wording = english_wording(text)
    if DEVANAGARI_LETTER.search(wording):
        raise Unparsable("it is not one of the Hindi code or count wordings")
    return parse_code(wording) if kind == "code" else parse_count(wording)


# --- option letters in an explanation ----------------------------------------------

_LETTER = re.compile(r"\(([a-dA-D])\)")
#: A letter alone, not part of a word, a bracketed "(b)" or a designation ("अनुच्छेद 279A").
_BARE_LETTER = re.compile(
    r"(?<![A-Za-z0-9(])[a-dA-D](?![A-Za-z0-9)])"
    # an option letter spelt in Devanagari ("विकल्प बी") or the Hindi papers' "(ग)"
    r"|विकल्प\s*\(?(?:ए|बी|सी|डी)(?![\u0900-\u097f])|\((?:क|ख|ग|घ|अ|ब|स|द)\)"
)


def option_letters(text: str) -> tuple[list[tuple[int, int, str]], bool]:
    """Where a Hindi explanation names options by letter ("(b)"), and whether that is all.

    Hindi prose has no Latin words, so a letter in brackets is an option; a bare letter
    ("विकल्प b") cannot be told apart from an abbreviation, and a letter in Devanagari
    ("विकल्प बी", "(ग)") cannot be re-lettered in Latin, so either makes the reading unsure.
    """
    spans = [(m.start(1), m.end(1), m.group(1)) for m in _LETTER.finditer(text)]
    return spans, why_unsure(text) is None


def why_unsure(text: str) -> str | None:
    """The bare letter a Hindi explanation uses, quoted with some context; None if none."""
    from .letters import quote

    bare = _BARE_LETTER.search(_LETTER.sub(lambda m: " " * len(m.group()), text))
    return quote(text, bare.start(), bare.end()) if bare else None
