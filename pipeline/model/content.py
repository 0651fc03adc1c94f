"""The content model's types: a checked source as frozen dataclasses, read by every output.

Each class reads its own part of a checked source in `of(raw)`, right under its fields: to
add a field, declare it and read it there (a default keeps older callers working). Texts a
translation replaces sit in `Hindi` parts beside the English; `localized("hi")` gives the
same object as it reads in Hindi, so renderers and exporters never look for `"hi"` again.
Nothing here checks: `load` is called only on a source that passed the checks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

#: Where an explanation names an option by letter: (start, end, the letter as written).
Span = tuple[int, int, str]
LETTERS = "ABCD"
FORMATS = (
    "single",
    "statements",
    "statements-count",
    "pairs",
    "pairs-count",
    "rows",
    "statement-reason",
)


def _texts(raw: Iterable[dict[str, Any]] | None) -> tuple[str, ...]:
    return tuple(entry["text"] for entry in raw or ())


@dataclass(frozen=True)
class Statement:
    """One numbered statement and whether it is correct."""

    text: str
    correct: bool

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Statement:
        return cls(raw["text"], bool(raw["correct"]))


@dataclass(frozen=True)
class Pair:
    """One numbered pair (left : right), a table row when the question has `columns` (with
    a middle cell under three headings), and whether it is correctly matched."""

    left: str
    right: str
    correct: bool
    middle: str | None = None

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Pair:
        return cls(raw["left"], raw["right"], bool(raw["correct"]), raw.get("middle") or None)


@dataclass(frozen=True)
class Option:
    """One answer option: its label A-D and its text."""

    label: str
    text: str

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Option:
        return cls(raw["label"], raw["text"])


@dataclass(frozen=True)
class QuestionHindi:
    """A question's Hindi texts, item for item in the English order (flags and labels shared)."""

    stem: str
    options: tuple[str, ...]
    prompt: str | None = None
    explanation: str | None = None
    statements: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    #: Where the Hindi explanation names options by letter (read when options may move).
    letters: tuple[Span, ...] = ()
    #: A table's column headings and each row's middle cell, in Hindi (tables only).
    columns: tuple[str, ...] = ()
    middles: tuple[str | None, ...] = ()

    @classmethod
    def of(cls, raw: dict[str, Any]) -> QuestionHindi:
        return cls(
            stem=raw["stem"],
            options=_texts(raw.get("options")),
            prompt=raw.get("prompt") or None,
            explanation=raw.get("explanation") or None,
            statements=_texts(raw.get("statements")),
            pairs=tuple((p["left"], p["right"]) for p in raw.get("pairs") or ()),
            columns=tuple(raw.get("columns") or ()),
            middles=tuple(p.get("middle") for p in raw.get("pairs") or ()),
        )


@dataclass(frozen=True)
class Question:
    """One practice question in a UPSC format, its key, explanation and translations."""

    id: str
    format: str  # one of FORMATS
    stem: str
    options: tuple[Option, ...]
    answer: str  # the right option's label, A-D
    explanation: str
    facts: tuple[str, ...] = ()  # ids of the key facts it tests
    prompt: str | None = None
    statements: tuple[Statement, ...] = ()
    pairs: tuple[Pair, ...] = ()
    #: A table's column headings (two or three) above its pairs, as the paper prints them.
    columns: tuple[str, ...] = ()
    asks: str = "correct"  # or "incorrect": NOT questions
    #: statement-reason only: II explains I (two statements), or [II, III] each explain I.
    explains: bool | tuple[bool, ...] | None = None
    shuffle_options: bool = False
    #: The tags of the facts it tests, in order, each once (what packs select and analyses group by).
    tags: tuple[str, ...] = ()
    #: Where those tags sit in the syllabus: (paper, topic) pairs from the vocabulary, each once.
    topics: tuple[tuple[str, str], ...] = ()
    hi: QuestionHindi | None = None
    #: Whether booklet series may print its options in another order (checks/movable.py).
    movable: bool = False
    #: Where the explanation names options by letter (read when options may move).
    letters: tuple[Span, ...] = ()

    @classmethod
    def of(cls, raw: dict[str, Any], *, tags: tuple[str, ...] = ()) -> Question:
        explains = raw.get("explains")
        return cls(
            id=raw["id"],
            format=raw["format"],
            stem=raw["stem"],
            options=tuple(Option.of(o) for o in raw["options"]),
            answer=raw["answer"],
            explanation=raw["explanation"],
            facts=tuple(raw.get("facts") or ()),
            prompt=raw.get("prompt") or None,
            statements=tuple(Statement.of(s) for s in raw.get("statements") or ()),
            pairs=tuple(Pair.of(p) for p in raw.get("pairs") or ()),
            columns=tuple(raw.get("columns") or ()),
            asks=raw.get("asks", "correct"),
            explains=tuple(explains) if isinstance(explains, list) else explains,
            shuffle_options=bool(raw.get("shuffle_options", False)),
            tags=tags,
            hi=QuestionHindi.of(raw["hi"]) if isinstance(raw.get("hi"), dict) else None,
        )

    @property
    def items(self) -> tuple[Statement, ...] | tuple[Pair, ...]:
        """The numbered items: its statements or its pairs (none for `single`)."""
        return self.statements or self.pairs

    @property
    def key(self) -> Option:
        """The right option."""
        return next(o for o in self.options if o.label == self.answer)

    @property
    def languages(self) -> tuple[str, ...]:
        return ("en", "hi") if self.hi is not None else ("en",)

    def localized(self, lang: str) -> Question:
        """The question as it reads in lang: the Hindi texts in place of the English ones.

        Flags, labels, answer and ids are shared; an English text without a Hindi twin stays.
        """
        hindi = self.hi
        if lang != "hi" or hindi is None:
            return self
        return dataclasses.replace(
            self,
            stem=hindi.stem or self.stem,
            prompt=hindi.prompt or self.prompt,
            explanation=hindi.explanation or self.explanation,
            statements=_zip_replace(
                self.statements, hindi.statements, lambda s, t: dataclasses.replace(s, text=t)
            ),
            pairs=_zip_replace(
                self.pairs,
                tuple(
                    (*pair, hindi.middles[i] if i < len(hindi.middles) else None)
                    for i, pair in enumerate(hindi.pairs)
                ),
                lambda p, t: dataclasses.replace(p, left=t[0], right=t[1], middle=t[2] or p.middle),
            ),
            columns=hindi.columns or self.columns,
            options=_zip_replace(
                self.options, hindi.options, lambda o, t: dataclasses.replace(o, text=t)
            ),
        )


def _zip_replace(mine: tuple[Any, ...], theirs: tuple[Any, ...], put: Any) -> tuple[Any, ...]:
    """mine with each entry that has a twin in theirs rewritten by put(entry, twin)."""
    return tuple(put(m, theirs[i]) if i < len(theirs) else m for i, m in enumerate(mine))


@dataclass(frozen=True)
class KeyFact:
    id: str
    text: str
    tags: tuple[str, ...] = ()

    @classmethod
    def of(cls, raw: dict[str, Any]) -> KeyFact:
        return cls(raw["id"], raw["text"], tuple(raw.get("tags") or ()))


@dataclass(frozen=True)
class ExamAngle:
    paper: str  # GS1-GS4 or Essay
    topic: str  # a syllabus topic id under that paper
    text: str

    @classmethod
    def of(cls, raw: dict[str, Any]) -> ExamAngle:
        return cls(raw["paper"], raw["topic"], raw["text"])


@dataclass(frozen=True)
class Image:
    src: str | None = None  # a path inside assets/
    alt: str = ""
    credit: str | None = None

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Image:
        return cls(raw.get("src"), raw.get("alt", ""), raw.get("credit"))


@dataclass(frozen=True)
class Map:
    title: str
    countries: tuple[str, ...]  # ISO 3166-1 alpha-2
    description: str | None = None

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Map:
        return cls(raw["title"], tuple(raw["countries"]), raw.get("description"))


@dataclass(frozen=True)
class Indicator:
    label: str
    value: str
    change: str | None = None
    basis: str | None = None
    note: str | None = None

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Indicator:
        return cls(raw["label"], raw["value"], raw.get("change"), raw.get("basis"), raw.get("note"))


@dataclass(frozen=True)
class Dashboard:
    title: str
    indicators: tuple[Indicator, ...]
    description: str | None = None

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Dashboard:
        return cls(
            raw["title"],
            tuple(Indicator.of(i) for i in raw["indicators"]),
            raw.get("description"),
        )


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    expansion: str
    hi: str | None = None  # the expansion in Hindi

    @classmethod
    def of(cls, raw: dict[str, Any]) -> GlossaryEntry:
        return cls(raw["term"], raw["expansion"], raw.get("hi") or None)


#: The article's lists of paragraphs, in printed order, each optional.
ARTICLE_LISTS = (
    "main_arguments",
    "counter_arguments",
    "conclusion",
    "policy_implications",
    "background",
    "latest_developments",
)


@dataclass(frozen=True)
class ArticleHindi:
    """The article's Hindi texts, item for item in the English order."""

    title: str
    dek: str
    summary: str
    main_arguments: tuple[str, ...] = ()
    counter_arguments: tuple[str, ...] = ()
    conclusion: tuple[str, ...] = ()
    policy_implications: tuple[str, ...] = ()
    background: tuple[str, ...] = ()
    latest_developments: tuple[str, ...] = ()
    key_facts: tuple[str, ...] = ()
    exam_angles: tuple[str, ...] = ()

    @classmethod
    def of(cls, raw: dict[str, Any]) -> ArticleHindi:
        return cls(
            title=raw["title"],
            dek=raw["dek"],
            summary=raw["summary"],
            **{key: tuple(raw.get(key) or ()) for key in ARTICLE_LISTS},
            key_facts=_texts(raw.get("key_facts")),
            exam_angles=_texts(raw.get("exam_angles")),
        )


@dataclass(frozen=True)
class Source:
    """One checked source (or a pack's selection, shaped like one): article and questions."""

    id: str
    title: str
    dek: str
    questions: tuple[Question, ...]
    kind: str = "editorial-analysis"
    summary: str = ""
    published: str | None = None  # YYYY-MM-DD
    image: Image | None = None
    main_arguments: tuple[str, ...] = ()
    counter_arguments: tuple[str, ...] = ()
    conclusion: tuple[str, ...] = ()
    policy_implications: tuple[str, ...] = ()
    background: tuple[str, ...] = ()
    latest_developments: tuple[str, ...] = ()
    key_facts: tuple[KeyFact, ...] = ()
    exam_angles: tuple[ExamAngle, ...] = ()
    map: Map | None = None
    dashboard: Dashboard | None = None
    glossary: tuple[GlossaryEntry, ...] = ()
    hi: ArticleHindi | None = None

    @classmethod
    def of(cls, raw: dict[str, Any], questions: tuple[Question, ...]) -> Source:
        visuals = raw.get("visuals") or {}
        return cls(
            id=raw["id"],
            title=raw["title"],
            dek=raw["dek"],
            questions=questions,
            kind=raw.get("kind", "editorial-analysis"),
            summary=raw.get("summary", ""),
            published=raw.get("published") or None,
            image=Image.of(raw["image"]) if raw.get("image") else None,
            **{key: tuple(raw.get(key) or ()) for key in ARTICLE_LISTS},
            key_facts=tuple(KeyFact.of(f) for f in raw.get("key_facts") or ()),
            exam_angles=tuple(ExamAngle.of(a) for a in raw.get("exam_angles") or ()),
            map=Map.of(visuals["map"]) if "map" in visuals else None,
            dashboard=Dashboard.of(visuals["dashboard"]) if "dashboard" in visuals else None,
            glossary=tuple(GlossaryEntry.of(g) for g in raw.get("glossary") or ()),
            hi=ArticleHindi.of(raw["hi"]) if isinstance(raw.get("hi"), dict) else None,
        )

    @property
    def bilingual(self) -> bool:
        """Whether every question has a Hindi version (a bilingual booklet needs them all)."""
        return bool(self.questions) and all(q.hi is not None for q in self.questions)

    def fact(self, fact_id: str) -> KeyFact | None:
        return next((f for f in self.key_facts if f.id == fact_id), None)

    def localized(self, lang: str) -> Source:
        """The article (and questions) as they read in lang; the English where no Hindi is."""
        hindi = self.hi
        if lang != "hi" or hindi is None:
            return self
        return dataclasses.replace(
            self,
            title=hindi.title,
            dek=hindi.dek,
            summary=hindi.summary,
            **{key: getattr(hindi, key) or getattr(self, key) for key in ARTICLE_LISTS},
            key_facts=_zip_replace(
                self.key_facts, hindi.key_facts, lambda f, t: dataclasses.replace(f, text=t)
            ),
            exam_angles=_zip_replace(
                self.exam_angles, hindi.exam_angles, lambda a, t: dataclasses.replace(a, text=t)
            ),
            glossary=tuple(
                dataclasses.replace(g, expansion=g.hi) if g.hi else g for g in self.glossary
            ),
            questions=tuple(q.localized("hi") for q in self.questions),
        )
