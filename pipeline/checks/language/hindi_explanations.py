"""What a Hindi explanation says: verdicts on statements and pairs, Assertion (अभिकथन) and
Reason (कारण), and the option it names as the answer or rules out.

Read forms (on NFC text, Devanagari digits as 0-9, Markdown emphasis dropped):
- "कथन 1 सही है", "कथन 3 सही नहीं है", "**कथन II** गलत है", "कथन 2 भी सटीक है", "कथन 1 और 2
  सही हैं", headings "कथन 2 सही क्यों है" / "कथन 1: गलत", "पहला कथन गलत है", "दोनों कथन
  तथ्यात्मक रूप से सही हैं", "युग्म 2 सही सुमेलित नहीं है";
- "अभिकथन (A) असत्य है", "कारण (R) सत्य है", "R ग़लत है", "A और R दोनों सत्य हैं", "R, A की
  सही व्याख्या है" (in a statement-reason question only);
- "सही उत्तर (b) है", "सही उत्तर: D)", "विकल्प C सही उत्तर है", "अतः विकल्प (ग) सही है",
  "विकल्प बी" (letters spelt in Devanagari: ए बी सी डी; Hindi papers' (क)-(घ) and (अ)-(द)),
  "इसलिए, म्यांमार सही उत्तर है" (an option's whole Hindi text), "विकल्प ए, बी और डी गलत हैं"
  (ruled out), and options listed under "अन्य विकल्प गलत क्यों हैं".
A claim ("यह दावा कि कथन 2 सही है", "यदि कथन 2 सही है") is not a verdict.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .answer_text import code_in, codes
from .hindi import DIGITS, HI_WORDS
from .opening import opening


def _nfc(pattern: str) -> str:
    return unicodedata.normalize("NFC", pattern)


def prepare(text: str) -> str:
    """NFC (one spelling for nukta letters), Arabic digits, no Markdown emphasis."""
    text = unicodedata.normalize("NFC", text[:20_000]).translate(DIGITS)
    return re.sub(r"[*_`#]+", " ", text)


_ITEM = r"(\d+|[IVX]+)"
_V = _nfc(
    r"(सही\s+सुमेलित\s+नहीं|सुमेलित\s+नहीं|सही\s+सुमेलित|सुमेलित|सही\s+नहीं|सत्य\s+नहीं|सटीक\s+नहीं|"
    r"गलत|ग़लत|असत्य|अशुद्ध|अनुचित|सही|सत्य|शुद्ध|सटीक)"
)
_ADV = _nfc(r"(?:(?:भी|पूर्णतः|पूरी\s+तरह\s+से|वास्तव\s+में|(?:[^\s।.:,]+\s+){1,3}?रूप\s+से)\s+)?")
_TAIL = _nfc(r"(?:\s+क्यों)?\s+(?:है|हैं)(?![\u0900-\u0963\u0966-\u097f])")
_NEGATIVE = tuple(_nfc(w) for w in ("नहीं", "गलत", "ग़लत", "असत्य", "अशुद्ध", "अनुचित"))
_REPORTED = re.compile(_nfc(r"(?:कि|यदि|अगर|मानें|मान\s+लें|दावा)\s*$"))

_MORE = r"(?P<more>(?:\s*(?:,|और|तथा|एवं)\s*(?:\d+|[IVX]+))*)"
_VERDICT = re.compile(
    _nfc(rf"(?P<kind>कथन|युग्म)\s*-?\s*(?P<n>\d+|[IVX]+){_MORE}\s*:?\s+{_ADV}(?P<v>{_V}){_TAIL}")
)
_HEADED = re.compile(
    _nfc(
        rf"(?:^|\n)[\s\-•]*(?P<kind>कथन|युग्म)\s*-?\s*(?P<n>\d+|[IVX]+)\s*(?:[:(\-]\s*)(?P<v>{_V})"
        r"\s*(?:\)|:|।|-|\n|$)"
    )
)
_ORDINAL = re.compile(
    _nfc(
        r"(पहला|पहले|पहली|दूसरा|दूसरे|दूसरी|तीसरा|तीसरे|तीसरी|चौथा|चौथे|चौथी)\s+(कथन|युग्म)\s+"
        rf"{_ADV}{_V}{_TAIL}"
    )
)
_ALL = re.compile(_nfc(rf"(दोनों|तीनों|चारों|सभी)\s+(?:व्यक्तिगत\s+)?(कथन|युग्म)\s+{_ADV}{_V}{_TAIL}"))
ALL_ITEMS = {"दोनों": 2, "तीनों": 3, "चारों": 4, "सभी": -1}
_A = _nfc(r"(?:अभिकथन\s*(?:\(A\))?|\(A\)|(?<![A-Za-z])A(?![A-Za-z)]))")
_R = _nfc(r"(?:कारण\s*(?:\(R\))?|\(R\)|(?<![A-Za-z])R(?![A-Za-z)]))")
_AR_VERDICT = re.compile(_nfc(rf"(?P<ref>{_A}|{_R})\s*:?\s+{_ADV}{_V}{_TAIL}"))
_AR_BOTH = re.compile(_nfc(rf"{_A}\s+(?:और|तथा|एवं)\s+{_R}\s+दोनों\s+{_ADV}{_V}{_TAIL}"))
_AR_EXPLAINS = re.compile(
    _nfc(
        rf"(?:{_R}|कथन\s*-?\s*(?:II|2))\s*,?\s*(?:{_A}|कथन\s*-?\s*(?:I|1))\s+(?:की|का)\s+"
        r"(?:सही\s+)?(?:व्याख्या|स्पष्टीकरण)\s+(?:क्यों\s+)?(?P<not>नहीं\s+)?(?:है|करता)"
    )
)

#: Option letters: Latin, spelt in Devanagari (बी), and the Hindi papers' (क)-(घ), (अ)-(द).
_SPELT = {"ए": "A", "बी": "B", "सी": "C", "डी": "D"}
_HINDI = {"क": "A", "ख": "B", "ग": "C", "घ": "D", "अ": "A", "ब": "B", "स": "C", "द": "D"}
_LETTER_NAMED = _nfc(
    r"(?:\(\s*(?P<p>[a-dA-D]|ए|बी|सी|डी|क|ख|ग|घ|अ|ब|स|द)\s*\)"
    r"|(?<![\w\u0900-\u097f])(?P<b>[a-dA-D]|ए|बी|सी|डी)(?![\w\u0900-\u097f]))"
)
_LETTER_RE = re.compile(_LETTER_NAMED)
_LETTER = re.sub(r"\?P<\w+>", "", _LETTER_NAMED)
_LIST = _nfc(rf"{_LETTER}(?:\s*(?:,|और|तथा|एवं)\s*{_LETTER}){{0,3}}")
_ANSWER = re.compile(
    _nfc(
        rf"(?:सही\s+(?:उत्तर|विकल्प)\s*(?:है)?\s*[:\-]?|(?<![\u0900-\u097f])उत्तर\s*[:\-])\s*(?:विकल्प\s*)?(?P<l>{_LETTER})"
        rf"|(?:अतः|इसलिए|इस\s+प्रकार)\s*,?\s*(?:विकल्प\s*)?(?P<l2>{_LETTER})\s+(?:ही\s+)?सही\s+(?:उत्तर\s+)?है"
    )
)
_OPTION_IS = re.compile(
    _nfc(
        rf"विकल्प\s*(?P<list>{_LIST})\s+(?:ही\s+)?(?:(?P<naming>सही\s+उत्तर|उत्तर)|(?P<v>सही\s+नहीं|गलत|ग़लत|असत्य|सही|सत्य))"
        r"\s+(?:है|हैं)"
    )
)
_TEXT_IS = re.compile(
    _nfc(
        r"(?P<subject>[^।.:\n]{1,160}?)\s+(?:ही\s+)?(?:सही\s+(?:उत्तर|विकल्प)"
        r"|(?P<best>(?:सबसे\s+)?(?:निकटतम|उपयुक्त))(?:\s+(?:उत्तर|विकल्प))?)\s+है(?=(?P<after>[^।\n]{0,80}))"
    )
)
#: "X सबसे निकटतम है, लेकिन ...": the closest, with a reservation, names no answer
_RESERVATION = re.compile(_nfc(r"लेकिन|परंतु|परन्तु|किंतु|किन्तु|हालांकि|हालाँकि|फिर\s+भी"))
#: "अतः, सही उत्तर म्यांमार है", "सही उत्तर: म्यांमार": the answer named by an option's whole text
_ANSWER_TEXT = re.compile(
    _nfc(
        r"सही\s+उत्तर\s*(?:है\s*)?[:\-]?\s+(?P<rest>[^।.:\n()]{1,120}?)\s*(?:है|होगा)?\s*(?=[।.\n]|$)"
    )
)
_OTHER_OPTIONS = re.compile(_nfc(r"अन्य\s+विकल्प\s+(?:गलत|ग़लत|असत्य|सही\s+नहीं)\s+(?:क्यों\s+)?(?:है|हैं)"))


@dataclass(frozen=True)
class Verdict:
    """One verdict: on item `number` (0: every item, if there are `every` of them), or on
    whether Statement-II explains Statement-I (kind "explains")."""

    kind: str  # "statement", "pair" or "explains"
    number: int
    value: bool
    quote: str
    every: int = 0


@dataclass(frozen=True)
class Named:
    """An option the explanation names as the answer ("answer") or rules out ("not-answer")."""

    kind: str
    letter: str
    quote: str


def _value(word: str) -> bool:
    return not any(n in word for n in _NEGATIVE)


_HYPOTHESIS = re.compile(_nfc(r"(?:यदि|अगर)[^।.\n]*$"))


def _said(text: str, m: re.Match[str]) -> bool:
    """Not a claim ("यह दावा कि ...") and not a hypothesis ("यदि कथन 2 गलत होता तो ...")."""
    before = text[max(0, m.start() - 160) : m.start()]
    sentence = re.split(r"[।.\n]", before)[-1]
    inside = sentence.count("(") > sentence.count(")")  # "(A और R दोनों सत्य हैं, ...) गलत हैं"
    return not inside and not _REPORTED.search(before[-14:]) and not _HYPOTHESIS.search(before)


def _number(token: str) -> int:
    roman = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}
    return int(token) if token.isdigit() else roman.get(token, 0)


def verdicts(text: str, *, reason: bool = False) -> list[Verdict]:
    """Every verdict the explanation states; Assertion/Reason only when `reason`."""
    text = prepare(text)
    found: list[Verdict] = []
    spans: list[tuple[int, int]] = []
    for pattern in (_VERDICT, _HEADED):
        for m in pattern.finditer(text):
            if not _said(text, m) or any(a < m.end() and m.start() < b for a, b in spans):
                continue
            spans.append((m.start(), m.end()))
            kind = "statement" if m.group("kind") == "कथन" else "pair"
            tokens = [m.group("n"), *re.findall(r"\d+|[IVX]+", m.groupdict().get("more") or "")]
            for token in tokens:
                found.append(Verdict(kind, _number(token), _value(m.group("v")), m.group().strip()))
    for m in _ORDINAL.finditer(text):
        if _said(text, m):
            kind = "statement" if m.group(2) == "कथन" else "pair"
            found.append(Verdict(kind, HI_WORDS[m.group(1)], _value(m.group(3)), m.group().strip()))
    for m in _ALL.finditer(text):
        if _said(text, m):
            kind = "statement" if m.group(2) == "कथन" else "pair"
            value = _value(m.group(3))
            found.append(Verdict(kind, 0, value, m.group().strip(), ALL_ITEMS[m.group(1)]))
    if reason:
        found.extend(_assertion(text, spans))
    return found


def _assertion(text: str, spans: list[tuple[int, int]]) -> list[Verdict]:
    found = []
    for m in _AR_BOTH.finditer(text):
        if _said(text, m):
            spans.append((m.start(), m.end()))
            value = _value(m.group(1))
            found += [
                Verdict("statement", 1, value, m.group()),
                Verdict("statement", 2, value, m.group()),
            ]
    for m in _AR_VERDICT.finditer(text):
        if _said(text, m) and not any(a < m.end() and m.start() < b for a, b in spans):
            item = 2 if m.group("ref").lstrip("(").startswith(("कारण", "R")) else 1
            found.append(Verdict("statement", item, _value(m.group(2)), m.group().strip()))
    for m in _AR_EXPLAINS.finditer(text):
        if _said(text, m):
            found.append(Verdict("explains", 2, not m.group("not"), m.group().strip()))
    return found


def _letters(text: str) -> list[str]:
    found = []
    for part in _LETTER_RE.finditer(text):
        token = part.group("p") or part.group("b")
        letter = _SPELT.get(token) or _HINDI.get(token) or token.upper()
        if part.group("b") and token in "abcd":
            continue  # a bare lower-case Latin letter in Hindi prose: an abbreviation, maybe
        found.append(letter)
    return found


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w\u0900-\u097f]+", text.lower()))


def named(text: str, options: list[str], *, negative: bool = False) -> list[Named]:
    """The options the explanation names as the answer, or rules out."""
    text = prepare(text)
    found: list[Named] = []
    concluded: list[tuple[int, int]] = []  # "अतः विकल्प (b) सही है": a NOT question's answer too
    for m in _ANSWER.finditer(text):
        if not _said(text, m):
            continue
        if m.group("l2"):
            concluded.append((m.start(), m.end()))
        letters = _letters(m.group("l") or m.group("l2") or "")
        found += [Named("answer", letter, m.group().strip()) for letter in letters[:1]]
    for m in _OPTION_IS.finditer(text):
        if not _said(text, m):
            continue
        if negative and any(start <= m.start() < end for start, end in concluded):
            continue  # the conclusion names the answer; it does not judge option b's statement
        letters = _letters(m.group("list"))
        if m.group("naming"):
            kind = "answer"
        else:
            bad = not _value(m.group("v"))
            kind = "answer" if bad == negative else "not-answer"
        if kind == "answer" and len(letters) != 1:
            continue  # "विकल्प A और B सही हैं": not both the answer
        found += [Named(kind, letter, m.group().strip()) for letter in letters]
    texts = {_words(unicodedata.normalize("NFC", t)): "ABCD"[i] for i, t in enumerate(options)}
    for m in _TEXT_IS.finditer(text):
        if m.group("best") and _RESERVATION.search(m.group("after")):
            continue
        subject = re.split(_nfc(r"[,;(]|\b(?:इसलिए|अतः|इस\s+प्रकार)\b"), m.group("subject"))[-1]
        letter = texts.get(_words(subject))
        if letter:
            found.append(Named("answer", letter, m.group().strip()))
    for m in _ANSWER_TEXT.finditer(text):
        letter = texts.get(_words(m.group("rest"))) if _said(text, m) else None
        if letter:
            found.append(Named("answer", letter, m.group().strip()))
    found += _ruled_out(text, texts)
    found += _coded(text, options, negative)
    first = opening(text, list(zip("ABCD", options, strict=False)))
    if first is not None:  # "(c) पर: ..." opens the explanation
        found.append(Named("answer", first[0], text[first[1] : first[2]].strip()))
    return found


#: "सही क्रम 1-2-3 है", "सही कालानुक्रमिक क्रम है: ... (3) ... (4)", "सही जोड़ी इस प्रकार है: ... (A-2)"
_CODE_IS = re.compile(
    _nfc(
        r"सही\s+(?:कालानुक्रमिक\s+)?(?:क्रम|अनुक्रम|जोड़ी|जोड़े|मिलान|सुमेलन|कूट|कोड)"
        r"(?:\s+इस\s+प्रकार)?(?:\s+(?:है|हैं))?\s*[:\-]?"
    )
)


def _coded(text: str, options: list[str], negative: bool) -> list[Named]:
    """The answer named by its matching or sequence code (every option such a code)."""
    digits = codes(list(zip("ABCD", options, strict=False)))
    if not digits:
        return []
    size = len(next(iter(digits.values())))
    found = []
    for m in _CODE_IS.finditer(text):
        if not _said(text, m):
            continue
        rest = text[m.end() : m.end() + 2000]
        heading = _OTHER_OPTIONS.search(rest)
        rest = rest[: heading.start()] if heading else rest
        # the Hindi words go; the digits, brackets and letters of the code stay
        code = code_in(re.sub(r"[\u0900-\u097f]+", " ", rest).lower(), size)
        letters = [letter for letter, code_ in digits.items() if code_ == code]
        if len(letters) == 1:
            kind = "answer" if not negative else "not-answer"
            found.append(Named(kind, letters[0], m.group().strip()))
    return found


def _ruled_out(text: str, texts: dict[str, str]) -> list[Named]:
    """Options named in bullets under "अन्य विकल्प गलत क्यों हैं"."""
    heading = _OTHER_OPTIONS.search(text)
    if heading is None:
        return []
    found = []
    start = text.find("\n", heading.end())
    for line in text[start + 1 : start + 3000].split("\n") if start >= 0 else ():
        bullet = re.match(r"^[\s\-•]+(?P<name>[^:\n]{1,80}?)\s*:", line)
        if bullet is None:
            if line.strip() and not line.lstrip().startswith(("-", "•")):
                break
            continue
        name = bullet.group("name").strip()
        if re.fullmatch(_nfc(rf"(?:विकल्प\s*)?{_LIST}"), name):
            letters = _letters(name)
        else:
            letters = _options_named(name, texts)
        found += [Named("not-answer", letter, bullet.group().strip()) for letter in letters]
    return found


#: words that change what a name means, never a kind word ("30 वर्ष", "अनुच्छेद 269")
_NOT_A_KIND = frozenset(
    _nfc(w)
    for w in ["नहीं", "न", "केवल", "भी", "और", "या", "दोनों", "सभी", "कोई", "विकल्प", "तथा", "एवं"]
)


_NUMBERED = re.compile(_nfc(r"(\d+)\s*(?:वाँ|वां|वें|वीं|वी|वा)(?![\u0900-\u097f])"))


def _ordinals(words: str) -> str:
    """ "24वां", "24 वें": one spelling of a numbered ordinal (options and bullets differ)."""
    return _NUMBERED.sub(r"\1", words) if "व" in words else words


def _option_named(part: str, texts: dict[str, str]) -> str | None:
    """The one option a bullet's name stands for: its text, its first words, or its text with
    one word of kind added ("30 वर्ष", "अनुच्छेद 269")."""
    wanted = _ordinals(_words(part))
    if not wanted:
        return None
    found = []
    for option, letter in texts.items():
        option = _ordinals(option)
        if not option:
            continue
        if option == wanted or len(wanted) >= 2 and option.startswith(wanted + " "):
            found.append(letter)
        elif wanted.endswith(" " + option) or wanted.startswith(option + " "):
            extra = (
                wanted.removesuffix(" " + option)
                if wanted.endswith(" " + option)
                else wanted[len(option) + 1 :]
            )
            if " " not in extra and extra not in _NOT_A_KIND:
                found.append(letter)
    return found[0] if len(found) == 1 else None


def _options_named(name: str, texts: dict[str, str]) -> list[str]:
    """One option, or several joined by "और", "&" or commas (each a different option)."""
    whole = _option_named(name, texts)
    if whole is not None:
        return [whole]
    parts = [p for p in re.split(_nfc(r"\s*(?:,|&|\bऔर\b|\bतथा\b)\s*"), name) if p.strip()]
    if len(parts) < 2:
        return []
    found = [_option_named(part, texts) for part in parts]
    if None in found or len(set(found)) != len(found):
        return []
    return [letter for letter in found if letter is not None]
