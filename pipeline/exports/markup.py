"""HTML fragments of a question for the exports that carry HTML text (Moodle XML, GIFT).

Two languages are written as Moodle's multilang spans, one pair per line, so a Moodle with
the multi-language content filter shows each student their language and one without it
shows both, English first; one language is plain text.
"""

from __future__ import annotations

from html import escape

from .online import Cell, Presented


def _words(words: str) -> str:
    return escape(words, quote=False).replace("\n", "<br>")


def text(cell: Cell) -> str:
    """One cell: plain escaped text, or one multilang span per language."""
    if len(cell) == 1:
        return _words(cell[0][1])
    return "".join(
        f'<span lang="{lang}" class="multilang">{_words(words)}</span>' for lang, words in cell
    )


def question_html(shown: Presented) -> str:
    """Stem, items, pairs (a table), prompt and code line as HTML, without the options."""
    parts: list[str] = []
    rows: list[str] = []
    for line in shown.lines:
        if line.kind == "pair":
            rows.append("<tr>" + "".join(f"<td>{text(cell)}</td>" for cell in line.cells) + "</tr>")
            continue
        if rows:
            parts.append(f"<table>{''.join(rows)}</table>")
            rows = []
        parts.append("<p>" + " ".join(text(cell) for cell in line.cells) + "</p>")
    if rows:
        parts.append(f"<table>{''.join(rows)}</table>")
    return "".join(parts)


def paragraph(cell: Cell) -> str:
    """A long text (an explanation) as one paragraph, both languages side by side."""
    return f"<p>{text(cell)}</p>"
