"""Numbers as questions write them: digits, Roman numerals, English number words, ordinals."""

from __future__ import annotations

ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
}
WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
}
#: A regex alternation of item numbers: digits or Roman numerals (longest first).
NUMBER = r"(?:\d{1,2}|viii|vii|iii|ii|iv|vi|ix|i|v|x)"
ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|1st|2nd|3rd|4th|5th|6th)"
COUNT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"


def number(token: str) -> int:
    """The value of one item number ("3", "iii", "(3)"); ValueError if it is not one."""
    token = token.strip().strip("()").lower()
    if token.isascii() and token.isdigit():
        return int(token)
    if token in ROMAN:
        return ROMAN[token]
    if token in WORDS:
        return WORDS[token]
    if token in ORDINALS:
        return ORDINALS[token]
    raise ValueError(token)


def roman(value: int) -> str:
    """Upper-case Roman numeral of 1-10."""
    return {v: k for k, v in ROMAN.items()}[value].upper()
