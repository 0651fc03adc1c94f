"""GIFT: Moodle's plain-text question format, for teachers who keep question banks as text.

Each question is `::id::[html]text{ =key ~%-33.33333%wrong ... ####explanation }`, with its
idnumber and tags in a `// [id:...] [tag:...]` comment line Moodle reads. The characters GIFT
reserves (`~ = # { } :`, and the backslash) are escaped with a backslash in every text, as
Moodle's own GIFT export does. GIFT cannot set a question's marks (Moodle gives 1; the quiz
sets 2) nor carry a file, so the map is left out with a note; Moodle XML carries both.
"""

from __future__ import annotations

from . import markup
from .moodle import idnumber
from .online import OnlineTest, explanation

#: What GIFT reserves, and how Moodle's GIFT export escapes it (qformat_gift::repchar).
RESERVED = {"\\": "\\\\", "#": "\\#", "=": "\\=", "~": "\\~", "{": "\\{", "}": "\\}", ":": "\\:"}


def escape(text: str) -> str:
    """Text with every reserved character escaped; a line break written as \\n."""
    escaped = "".join(RESERVED.get(char, char) for char in text)
    return escaped.replace("\r", "").replace("\n", "\\n")


def export(test: OnlineTest) -> bytes:
    """The GIFT file of one test."""
    source = test.source
    series = f", series {test.series}" if test.series else ""
    lines = [
        f"// {source.id}{series}: {len(source.questions)} question"
        f"{'s' if len(source.questions) != 1 else ''}. A right answer earns the "
        "question's marks, a wrong one loses",
        f"// {test.moodle_fraction.lstrip('-')}% of them (Moodle's nearest to the {test.penalty:g} "
        f"of {test.marks.per_question:g} that `score` deducts).",
        "// GIFT cannot set marks: set each question to "
        f"{test.marks.per_question:g} in the quiz, or import moodle.xml.",
    ]
    if source.map is not None:
        lines.append("// The map is not in this file (GIFT carries no images); moodle.xml has it.")
    lines += ["", f"$CATEGORY: $course$/top/UPSC/{source.id}", ""]
    wrong = test.moodle_fraction
    for question, shown in zip(source.questions, test.presented, strict=True):
        tags = " ".join(f"[tag:{tag}]" for tag in (*question.tags, f"format-{question.format}"))
        lines.append(f"// [id:{idnumber(source.id, question.id)}] {tags}")
        lines.append(f"::{escape(question.id)}::[html]{escape(markup.question_html(shown))}{{")
        for label, cell in shown.options:
            mark = "=" if label == question.answer else f"~%{wrong}%"
            lines.append(f"\t{mark}{escape(markup.text(cell))}")
        feedback = markup.paragraph(explanation(question, test.languages))
        lines.append(f"\t####{escape(feedback)}")
        lines += ["}", ""]
    return "\n".join(lines).encode("utf-8")
