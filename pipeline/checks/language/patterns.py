"""The phrases an explanation states verdicts with, as regular expressions on folded text.

Every repetition is bounded and alternatives never overlap, so matching is linear in the
length of a sentence. The reader (explanations.py) decides what a match means.
"""

from __future__ import annotations

import re

from .numbers import NUMBER, ORDINAL

NUM = rf"\(?{NUMBER}\)?(?![\w-]|\.\s?e\.)"  # not the i of "i.e."
#: "statement", "statements no.", "pair", "S" in "S1", "st."
WORD = r"(?:statements?|pairs?|rows?|stmts?\.?|st\.|s(?=\d))\s*(?:no\.?\s*|number\s*)?-?\s*"
SEP = r"(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s*&\s*|\s+as\s+well\s+as\s+)"
REFS = rf"(?:the\s+)?{WORD}{NUM}(?:{SEP}(?:{WORD})?{NUM}){{0,8}}"
ORDINALS = (
    rf"(?:the\s+)?(?:{ORDINAL}|last)(?:{SEP}(?:the\s+)?(?:{ORDINAL}|last)){{0,4}}\s+(?:two\s+|three\s+)?"
    r"(?:statements?|pairs?|ones?)"
)
SUBJECT = rf"(?:{REFS}|{ORDINALS})"
COPULA = r"(?:is|are|was|were|stands?|remains?)"
ADVERBS = (
    r"(?:\s+(?:also|too|therefore|thus|hence|clearly|definitely|indeed|factually|actually|absolutely|"
    r"entirely|completely|wholly|so|then|again|both|all|likewise|similarly|equally|certainly|evidently|"
    r"obviously|plainly|simply|quite|totally|fully|rightly|still|now|itself|themselves|in\s+fact|"
    r"as\s+well|however|though)){0,4}"
)
HEDGE_WORD = (
    r"(?:partially|partly|half|mostly|largely|somewhat|arguably|only\s+partially|only\s+partly|"
    r"not\s+entirely|not\s+fully|not\s+completely|not\s+wholly|not\s+exactly|not\s+strictly)"
)
POS = (
    r"(?:(?:correctly|rightly|properly|accurately)\s+(?:matched|paired|stated|framed|described|mentioned|given)"
    r"|matched\s+(?:correctly|rightly|properly)|a\s+correct\s+(?:match|statement|pair)"
    r"|the\s+(?:only\s+)?correct\s+(?:one|statement|pair)s?|correct|true|right|accurate|valid)"
)
NEG = (
    r"(?:(?:incorrectly|wrongly|improperly|inaccurately|falsely)\s+(?:matched|paired|stated|framed|described|mentioned|given)"
    r"|matched\s+(?:incorrectly|wrongly)|mismatched|not\s+matched|a\s+mismatch|a\s+wrong\s+(?:match|statement|pair)"
    r"|the\s+(?:only\s+)?(?:incorrect|wrong)\s+(?:one|statement|pair)s?|incorrect|wrong|false|untrue|inaccurate|invalid|erroneous)"
)
VERDICT = (
    rf"(?:(?P<pos>{POS})|(?P<neg>{NEG}))(?![\w-])"
    r"(?!\s+(?:explanation|reason|answer|option|choice|code|to\s+(?:say|think|believe|assume|claim|suggest|"
    r"conclude|argue|state|hold|call|describe|presume|infer|expect)|that|until|till|before|earlier)\b)"
)
#: A verdict word, for the polarity an ellipsis ("... but statement 2 is not") negates.
VERDICT_WORD = re.compile(
    r"(?<![a-z])(?:incorrect|correct|untrue|true|false|wrong|right|inaccurate|accurate|invalid|valid|"
    r"erroneous|mismatched)(?![a-z])"
)
NOT = r"(?P<not>\s+not|n't|\s+never)?"
HEDGE_AFTER = re.compile(
    r"\b(?:only\s+(?:partly|partially|in\s+part)|in\s+part|partly|partially|to\s+(?:some|an)\s+extent|"
    r"in\s+(?:saying|stating|claiming|noting|holding|its\s+first\s+part)|in\s+so\s+far|insofar|as\s+far\s+as|"
    r"depends|disputed|contested|debatabl[ey]|only\s+if|unless|if)\b"
)
#: Words that make what follows in the clause someone's claim, a hypothesis or a question.
ATTRIBUTION = re.compile(
    r"\b(?:claims?|claiming|claimed|suggests?|suggesting|suggested|impl(?:y|ies|ying|ied)|says?|saying|"
    r"assum(?:e|es|ing|ed)|asserts?|asserting|presum(?:e|es|ing|ed)|believ(?:e|es|ing|ed)|thinks?|"
    r"thinking|thought|argu(?:e|es|ing|ed)|contends?|treats?|treating|treated|marks?|marking|"
    r"takes?|taking|mistak(?:e|es|en|enly)|wrongly|falsely|erroneously|misconceptions?|misread|"
    r"confus(?:e|es|ed|ing)|feels?|felt|expects?|expected|if|unless|whether|suppos(?:e|ing)|"
    r"would|could|might|should|asks?|asked|check(?:ing)?|verify(?:ing)?|determine|doubts?|"
    r"tempt(?:ed|ing)?|traps?|perceived?|misconceived|seems?|appears?|looks?|"
    r"propos(?:e|es|ing|ed)|posits?|maintains?|insists?|(?:states?|holds?|reads?)\s+that)\b"
)
#: Clause openers after which an earlier attribution no longer applies.
CLAUSE = re.compile(
    r"[;:]|,\s*(?=it\b)|(?<![a-z])(?:but|whereas|while|however|hence|thus|therefore|so|because|since|"
    r"which\s+means|meaning|in\s+fact|actually|indeed|here)(?![a-z])"
)
#: A reference right after one of these is an object, not the subject of the verdict.
OBJECT = re.compile(
    r"(?:includ(?:e|es|ing)|contain(?:s|ing)?|with|without|having|has|have|excluding|except|naming|"
    r"names|lists?|listing|mentions?|mentioning|choose|chooses|choosing|select(?:s|ing)?|picks?|"
    r"picking|eliminat(?:e|es|ing)|rul(?:e|es|ing)\s+out|combin(?:e|es|ing)|along\s+with|plus|"
    r"of|in|from|between|about|on|to|for|than|like|unlike|by|whether|if|that|option|options|"
    r"not\s+just|besides)\s+(?:(?:only|both|the|all|just|either)\s+)*$"
)
RELATIVE = r"(?:\s*,\s*(?:which|that|who)\s+[^,;.]{1,120}?,)?"
ASIDE = (
    r"(?:\s*,\s*(?:however|therefore|thus|hence|too|also|though|in\s+fact|on\s+the\s+other\s+hand|"
    r"as\s+well)\s*,)?"
)

DIRECT = re.compile(
    rf"(?P<only>\bonly\s+)?(?P<ref>{SUBJECT})(?P<alone>\s+alone|\s+only)?(?P<paren>\s*\([^()]{{0,160}}\))?"
    rf"{RELATIVE}{ASIDE}"
    rf"\s+(?:(?P<cop>{COPULA}){ADVERBS}{NOT}|(?P<nt>isn't|aren't|wasn't|weren't)){ADVERBS}"
    rf"\s+(?:(?P<hedge>{HEDGE_WORD})\s+)?{VERDICT}"
)
HEADED = re.compile(
    rf"^[\s\-(\[]*(?P<ref>{REFS}|{ORDINALS})(?:\s*\([^()]{{1,120}}\))?\s*(?:[:\-)]|\(|is\s*:)?\s*(?P<not>not\s+(?:always\s+|necessarily\s+)?)?{VERDICT}"
    r"\)?\s*(?:[.:;,)\-!]|$|\s+(?:as|because|since|and|but|-))"
)
MAKES = re.compile(
    r"\b(?:mak(?:e|es|ing)|made|render(?:s|ing|ed)?|leav(?:e|es|ing)|left|prov(?:e|es|ing|ed))\s+"
    rf"(?P<ref>{SUBJECT})\s+(?:as\s+)?(?P<not>not\s+)?{VERDICT}"
)
HOLDS = re.compile(
    rf"(?P<ref>{SUBJECT})\s+(?:also\s+|thus\s+|therefore\s+|hence\s+)?"
    r"(?P<not>does\s+not\s+|doesn't\s+|do\s+not\s+|don't\s+)?holds?(?:\s+(?:true|good)\b|(?=\s*[.:;,]|$))"
)
DESCRIBES = re.compile(
    rf"(?P<ref>{SUBJECT})\s+(?P<how>correctly|rightly|accurately|incorrectly|wrongly|falsely|inaccurately)\s+"
    r"(?:describes|states|says|mentions|identifies|reflects|captures|defines|presents|names|gives)\b"
)
WHY = re.compile(rf"^\s*why\s+(?:is|are)\s+(?P<ref>{SUBJECT})\s+(?P<not>not\s+)?{VERDICT}")
EXCEPT = re.compile(
    r"\ball(?:\s+the)?\s+(?:statements|pairs)\s+(?:except|but|other\s+than)\s+"
    rf"(?P<ref>{REFS})\s+(?:are|is){NOT}\s+{VERDICT}"
)
THE_ONES = re.compile(
    r"\bthe\s+(?P<only>only\s+)?(?P<which>correct|incorrect|wrong|true|false|right)\s+(?:statements?|pairs?|ones?)"
    rf"\s+(?:is|are)\s+(?P<ref>{REFS}|\(?[1-9ivx]{{1,4}}\)?(?:{SEP}\(?[1-9ivx]{{1,4}}\)?){{0,6}})(?![\w]|\.\s?e\.)"
)
ORDINAL_BARE = re.compile(
    rf"(?:^|[:;,]\s*|\b(?:and|but|while|whereas)\s+)(?P<only>only\s+)?(?:the\s+)?(?P<ref>{ORDINAL}|last)(?:\s+one)?"
    rf"\s+(?:is|are){ADVERBS}{NOT}{ADVERBS}\s+{VERDICT}"
)
MATCHES = re.compile(
    rf"(?P<ref>{SUBJECT}|(?:this|that|the)\s+pair)\s+(?:is\s+|are\s+)?(?P<not>not\s+)?"
    r"(?P<how>correctly|rightly|properly|incorrectly|wrongly)\s+match(?:es|ed)?\b"
)
NEITHER = re.compile(
    rf"\bneither\s+(?:(?P<a>{REFS}|{NUM})\s+nor\s+(?P<b>{REFS}|{NUM})|of\s+(?:the\s+)?(?:two\s+)?(?:statements|pairs|them)"
    r"|(?:the\s+)?(?:statement|pair)s?)(?:\s+given\s+above)?\s+"
    rf"(?:(?:is|are)\s+{VERDICT}|(?P<how>correctly|rightly|accurately|properly|fully)\s+"
    r"(?:describes?|states?|reflects?|captures?|presents?|depicts?|explains?|matches|represents?)\b)"
)
GROUP = re.compile(
    r"\b(?P<q>both|all|none|each)(?:\s+of)?(?:\s+the)?(?:\s+(?P<n>two|three|four|five|six|\d))?"
    r"(?:\s+(?:given|above))?(?:\s+(?:statements|pairs)|\s+(?:of\s+)?them|(?=\s+(?:are|is)\b)"
    r"|(?P<noun>\s+[a-z]{3,14}s(?=\s+(?:are|were)\b)))(?:\s+given(?:\s+above)?|\s+above)?"
    rf"\s+(?:{COPULA}){ADVERBS}{NOT}{ADVERBS}\s+{VERDICT}"
)
COUNT = re.compile(
    r"\b(?P<only>only\s+|exactly\s+|just\s+)?(?P<n>one|two|three|four|five|six|[1-9])\s+"
    r"(?:(?:of\s+the\s+)?(?:(?:given|above)\s+)?(?:statements?|pairs?)(?:\s+given\s+above|\s+above)?"
    r"|(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+)?(?:two|three|four|five|six|\d)\s+(?:given\s+|above\s+)?(?:statements|pairs)"
    r"|(?:out\s+)?of\s+(?:the\s+)?(?:two|three|four|five|six|above|them|these|given\s+\w+)(?:\s+(?:statements|pairs))?)"
    r"(?:\s*,\s*(?P<list>\(?[1-9ivx]{1,4}\)?(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+)\(?[1-9ivx]{1,4}\)?){0,6})\s*,)?"
    rf"\s+(?:{COPULA}){NOT}\s+{VERDICT}"
    r"(?:\s*(?::|-|\(|,?\s*namely|,?\s*i\.\s?e\.,?)\s*(?P<after>(?:(?:the\s+)?(?:statements?|pairs?)\s*)?\(?[1-9]\)?"
    r"(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s*&\s*)\(?[1-9]\)?){0,6})(?=\s*(?:[.;)]|$)))?"
)
CLAIM = re.compile(
    r"\b(?:the|this)\s+(?:claim|assertion|contention|statement|idea)"
    rf"(?:\s+(?:in|of|made\s+in)\s+(?P<in>{REFS}))?\s+(?:that|about|regarding)\s+[^.;]{{1,160}}?\s+"
    rf"(?:is|was){NOT}\s+{VERDICT}(?:\s*\(\s*(?P<ref>{REFS})\s*\))?"
)
#: "statement 1 says that they used stone, which is wrong"
SAYS_WHICH = re.compile(
    rf"(?P<ref>{SUBJECT})\s+(?:says|states|claims|mentions|suggests|asserts|holds)\s+(?:that\s+)?[^.;:,]{{1,160}},"
    rf"\s*which\s+is\s+(?P<not>not\s+)?{VERDICT}(?=\s*(?:[.;:,]|$))"
)
#: "It is incorrect to say, as statement 1 does, that ..."
AS_IT_SAYS = re.compile(
    rf"\bit\s+is\s+(?P<not>not\s+)?(?:(?P<pos>correct|right|true)|(?P<neg>incorrect|wrong|false))\s+to\s+(?:say|state|claim|hold)\s*,?\s+as\s+"
    rf"(?P<ref>{REFS})\s+(?:does|do|says|say|claims?|states?)\b"
)
SO_IS = re.compile(rf"\b(?:and\s+)?(?:so|as)\s+(?:is|are)\s+(?P<ref>{SUBJECT})\b")
OTHERS = re.compile(
    r"\b(?:the\s+(?:other|remaining)(?:\s+(?:two|three|ones?|statements?|pairs?)){0,2}|the\s+rest|all\s+others)"
    rf"\s+(?:{COPULA}){ADVERBS}{NOT}\s+{VERDICT}"
)
_ELLIPSIS_END = (
    r"\s+(?:is|are|was|were)\s+not(?!\s+(?:so|the\s+case)\s+(?:in|for|with|of|when|at|among)\b)"
    r"(?=\s*(?:[.;:,!)\-]|$|\s+(?:so|as|because|since|the\s+case)\b))"
)
ELLIPSIS = re.compile(rf"(?P<ref>{SUBJECT}){_ELLIPSIS_END}")
ELLIPSIS_PRONOUN = re.compile(rf"\b(?P<ref>it|this|that){_ELLIPSIS_END}")
#: Where a subject (a reference to statements or pairs) may start: patterns are tried only there.
SUBJECT_START = re.compile(
    r"\b(?:only\s+)?(?:the\s+)?(?=statement|pair|row\s*\d|stmt|st\.|s\d|first|second|third|fourth|fifth|sixth|"
    r"1st|2nd|3rd|4th|5th|6th|last)"
)
BARE = re.compile(
    r"(?:^|[:;,]\s*|\b(?:and|but|while|whereas|hence|so|thus|therefore|only|both)\s*,?\s+)(?P<only>only\s+)?"
    rf"(?P<ref>\(?[1-9]\)?(?:{SEP}\(?[1-9]\)?){{0,6}})\s+(?:is|are){ADVERBS}{NOT}\s+{VERDICT}"
)
HEADING = re.compile(
    r"^[\s\-(\[]*(?:(?:regarding|about|as\s+for|as\s+regards|coming\s+to|turning\s+to|now\s+for|"
    r"in\s+case\s+of|with\s+(?:regard|respect|reference)\s+to|for|on|in|consider(?:ing)?)\s+)?"
    rf"(?P<ref>{WORD}{NUM}|{ORDINALS})\s*(?:[:\-)]|\(|\.(?!\d)|,|\s+(?:says|states|talks|mentions|claims|"
    r"refers|deals|is\s+about|asserts|describes|speaks|notes|reads|concerns|relates))"
)
NUMBERED = re.compile(rf"^[\s\-]*\(?(?P<n>[1-9]|{NUMBER})\s*[.)]\s+\S")
OPTION_HEADING = re.compile(r"^[\s\-]*(?:option|choice)s?\s*\(?[a-d1-4]\)?|^[\s\-]*\([a-d]\)\s")
MARKER = r"^[\s\-(]*(?:\(?(?:\d{1,2}|[ivx]{1,4})[.)]\s+)?"
LEAD = (
    r"(?:(?:hence|so|thus|therefore|accordingly|consequently|clearly|as\s+such|as\s+a\s+result|"
    r"in\s+short|overall|and|but|here|now)\s*,?\s+)?"
)
BACK = re.compile(
    MARKER
    + LEAD
    + r"(?P<subj>(?:this|the|that|the\s+given|the\s+above|such\s+a)\s+(?:statement|pair|match|matching|claim|"
    r"assertion|pairing)|it|this|that)"
    rf"\s+(?:is|are|stands?|remains?){ADVERBS}{NOT}{ADVERBS}\s+(?:(?P<hedge>{HEDGE_WORD})\s+)?{VERDICT}"
)
#: "it is correct" after a clause boundary in mid-sentence.
BACK_INSIDE = re.compile(
    rf"(?:[:;,]|\b(?:but|so|hence|thus|here))\s+(?P<subj>it|this)\s+(?:is|stands){ADVERBS}{NOT}{ADVERBS}\s+{VERDICT}"
)
BACK_MATCH = re.compile(
    MARKER
    + r"(?:(?:hence|so|thus|therefore)\s*,?\s+)?(?:this|the|that)\s+pair\s+(?:is\s+)?(?P<not>not\s+)?"
    r"(?P<how>correctly|rightly|properly|incorrectly|wrongly)\s+match"
)
LONE = re.compile(
    MARKER + rf"(?:(?:hence|so|thus|therefore)\s*,?\s+)?(?P<not>not\s+)?{VERDICT}"
    r"\s*(?:[).!;,]*$|[:,\-]\s|\s+(?:as|because|since|and|but)\b)"
)
TRAIL = re.compile(rf"\s[\-:]\s*(?:(?:it|this)\s+is\s+)?(?P<not>not\s+)?{VERDICT}\s*(?:[.;,]|$)")
EXPLAINS = re.compile(
    rf"(?P<ref>(?:statement|s)\s*-?\s*(?P<n>ii|iii|2|3)|it|this|which)\s+(?:{COPULA}){ADVERBS}\s+"
    r"(?P<not>not\s+|n't\s+)?(?:the|a|an)\s+(?:correct\s+|right\s+|proper\s+|valid\s+|appropriate\s+|direct\s+|complete\s+)?"
    r"(?:explanation|reason)\s+(?:for|of|behind)\s+(?:statement|s)\s*-?\s*(?:i|1)(?![\w])"
    r"|(?P<ref2>(?:statement|s)\s*-?\s*(?P<n2>ii|iii|2|3)|it|which|and|but)\s+(?:also\s+|too\s+|,\s*too\s*,\s*)?(?:correctly\s+|rightly\s+|directly\s+|fully\s+)?"
    r"(?P<verb>explains|does\s+not\s+(?:correctly\s+|directly\s+|fully\s+|properly\s+)?explain|doesn't\s+(?:correctly\s+|directly\s+)?explain|"
    r"fails\s+to\s+explain|cannot\s+explain|can\s+not\s+explain|do\s+not\s+explain)\s+(?:statement|s)\s*-?\s*(?:i|1)(?![\w])"
)
#: "both Statement-II and Statement-III explain Statement-I", "neither of them explains it".
BOTH_EXPLAIN = re.compile(
    r"\b(?P<q>both|neither)\s+(?:of\s+them|(?:statements?\s*-?\s*)?(?:ii|2)\s+(?:and|nor)\s+(?:statement\s*-?\s*)?(?:iii|3))"
    r"\s+(?:(?:correctly|rightly|also)\s+)?explains?\s+(?:statement|s)\s*-?\s*(?:i|1)(?![\w])"
)
EXPLAINED = re.compile(
    r"(?:explanation|reason)\s+(?:for|of|behind)\s+(?:statement|s)\s*-?\s*(?:i|1)\b|explain(?:s|ing)?\s+(?:statement|s)\s*-?\s*(?:i|1)\b"
)
MENTION = re.compile(rf"(?:statements?|pairs?|rows?(?=\s*\d)|s(?=\d))\s*-?\s*{NUM}")
#: Words at least one of which a sentence holds if it states any verdict at all.
VERDICT_WORDS = (
    "correct",
    "true",
    "right",
    "wrong",
    "false",
    "match",
    "accurate",
    "valid",
    "explain",
    "reason",
    "hold",
    " not",
    "n't",
)

_ORDINAL_WORDS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "1st",
    "2nd",
    "3rd",
    "4th",
    "last",
)
_REF_WORDS = ("statement", "pair", "row", "s1", "s2", "s3", "s4", "st.", "stmt", *_ORDINAL_WORDS)
#: Substrings a sentence must hold for a pattern to be tried at all (the cheap test first).
KEYWORDS: dict[re.Pattern[str], tuple[str, ...]] = {
    DIRECT: _REF_WORDS,
    HEADED: _REF_WORDS,
    MAKES: ("mak", "made", "render", "leav", "left", "prov"),
    HOLDS: ("hold",),
    MATCHES: ("match",),
    DESCRIBES: ("correctly", "rightly", "accurately", "wrongly", "falsely"),
    WHY: ("why",),
    NEITHER: ("neither",),
    GROUP: ("both", "all", "none", "each"),
    COUNT: ("one", "two", "three", "four", "five", "six", *"123456789"),
    CLAIM: ("claim", "assertion", "contention", "statement that", "statement about", "idea"),
    AS_IT_SAYS: (" to say", " to state", " to claim", " to hold"),
    SAYS_WHICH: ("which is",),
    SO_IS: ("so is", "so are", "as is", "as are"),
    OTHERS: ("other", "rest", "remaining"),
    ELLIPSIS: (" not",),
    ELLIPSIS_PRONOUN: (" not",),
    BARE: tuple("123456789"),
    EXPLAINS: ("expla", "reason"),
    BOTH_EXPLAIN: ("both", "neither"),
    THE_ONES: (
        "the correct",
        "the incorrect",
        "the wrong",
        "the true",
        "the false",
        "the right",
        "the only",
    ),
    EXCEPT: ("except", "other than", " but "),
    ORDINAL_BARE: _ORDINAL_WORDS,
    BACK_INSIDE: (" it ", " this "),
    TRAIL: ("-", ":"),
}

#: Patterns that begin with a subject, tried at SUBJECT_START positions only.
ANCHORED = frozenset(map(id, (DIRECT, HOLDS, MATCHES, DESCRIBES, ELLIPSIS, SAYS_WHICH)))
#: The same table by id() (hashing a compiled pattern hashes its whole source text), each
#: keyword list as one pattern so the test runs in C.
KEYWORDS_BY_ID = {
    id(pattern): re.compile("|".join(map(re.escape, words))) for pattern, words in KEYWORDS.items()
}
#: The commonest verdict sentence, "Statement 2 is (also) (not) correct: ...", read without
#: the general machinery when nothing else in the sentence could carry a verdict.
SIMPLE = re.compile(
    r"[\s\-(]*(?:statement|pair|row)\s*-?\s*(?P<n>[1-9]|i{1,3}|iv|v)\s+(?:is|are)\s+(?:also\s+)?(?P<not>not\s+)?"
    r"(?P<verdict>correct|incorrect|true|false|wrong|correctly\s+matched|incorrectly\s+matched)(?![\w-])"
    r"(?!\s+(?:explanation|reason|answer|option|choice|until|till|before|earlier|to\s+say|that|only|in\s+part)\b)"
)
#: Anything after the simple verdict that the general reader would have to look at.
CUE_WORDS = (
    *(word for word in VERDICT_WORDS if word != " not"),  # "not" is in CUE, as a whole word
    "statement",
    "pair",
    "option",
    "answer",
    "choice",
    "partly",
    "partial",
    "?",
)
CUE = re.compile(r"(?<![a-z])(?:not|ans|it|this|only|if|s\d)(?![a-z])")
