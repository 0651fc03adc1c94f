"""Targets: a folder of documents planned from data. Sources and class packs are both targets.

A source becomes <out>/<id>/ (article, worksheet, key); a pack becomes <out>/packs/<name>/
(worksheets and keys of the questions it selects). Everything a target's bytes depend on
is in its digest, so the manifest can tell when it must be built again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import model
from ..checks.sources import Source as LoadedSource
from ..diagnostics import Diagnostic, Severity, has_errors
from ..model import AnswerKey, Marks
from ..model.series import make_series
from ..options import BuildOptions
from .outputs import folder_of, write_atomically
from .render import RenderError
from .render.documents import Document, pinned_epoch, plan, preview_html, render_document


@dataclass(frozen=True)
class Target:
    """One folder of documents to build, and everything its bytes depend on."""

    key: str  # "<id>" or "packs/<name>": the folder under <out>
    display: str  # the file it comes from, as reports name it
    path: str  # that file's real path, for the manifest
    source: model.Source  # a source, or a pack's questions shaped as one
    digest: str
    marks: Marks = Marks()
    series: int = 1
    article: bool = True
    header: tuple[tuple[str, str], ...] = ()
    #: "en", "hi" or "bilingual": what the booklets print (render/bilingual.resolve).
    lang: str = "en"
    #: Numbered copies of each booklet in its PDF (0: one copy, serial left blank).
    copies: int = 0

    def documents(self, *, epoch: int | None = None) -> list[Document]:
        return plan(
            self.source,
            marks=self.marks,
            epoch=epoch,
            series=self.series,
            article=self.article,
            header=dict(self.header) or None,
            lang=self.lang,
            copies=self.copies,
        )

    def wanted(self, *, emit_html: bool) -> list[str]:
        names = [d.name for d in self.documents()]
        return [
            "answer-key.json",
            "answer-sheet.json",
            *(f"{n}.pdf" for n in names),
            *((f"{n}.html" for n in names) if emit_html else ()),
        ]


def source_target(
    loaded: LoadedSource,
    digest: str,
    *,
    series: int,
    lang: str | None = None,
    copies: int = 0,
) -> Target:
    """The folder <id>/ a checked source becomes; its model is built here, once."""
    from .render.bilingual import resolve

    source = model.load(loaded.data)
    return Target(
        key=source.id,
        display=loaded.display,
        path=str(loaded.path.resolve()),
        source=source,
        digest=digest,
        series=series,
        lang=resolve(source, lang),
        copies=copies,
    )


def answer_key(target: Target) -> AnswerKey:
    """The key of a target, per series, as `score` reads it."""
    source = target.source
    header = dict(target.header)
    return AnswerKey.of(
        source,
        make_series(source.questions, max(target.series, 1), seed=source.id),
        marks=target.marks,
        class_name=header.get("class_name", ""),
        date=header.get("date", ""),
    )


def key_document(target: Target) -> bytes:
    """answer-key.json: the key in machine-readable form, per series, for scoring."""
    table = answer_key(target).to_json()
    return (json.dumps(table, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def sheet_document(target: Target, paper: str) -> bytes:
    """answer-sheet.json: where every bubble is (mm), and what each series' QR code says."""
    from .render import sheet

    source = target.source
    geometry = sheet.geometry(len(source.questions), paper=paper)
    letters = "ABCD"[: max(target.series, 1)]
    table = {
        "test": source.id,
        "title": source.title,
        "geometry": geometry.to_dict(),
        "series": {letter: sheet.payload(source.id, letter, geometry) for letter in letters},
    }
    return (json.dumps(table, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def render_target(
    target: Target,
    out: Path,
    options: BuildOptions,
    *,
    epoch: int | None,
    started: Callable[[str], None] = lambda name: None,
) -> list[Diagnostic]:
    """Render every document of a target and write them, all or nothing (runs in a worker)."""
    folder = folder_of(out, target.key)
    outputs: dict[str, bytes] = {
        "answer-key.json": key_document(target),
        "answer-sheet.json": sheet_document(target, options.paper),
    }
    problems: list[Diagnostic] = []
    pinned = pinned_epoch(target.source, epoch)
    for document in target.documents(epoch=epoch):
        started(document.name)
        try:
            html, rendered = render_document(
                document, paper=options.paper, key=target.source.id, epoch=pinned
            )
        except RenderError as err:
            problems.append(_problem(target, "render/failed", f"{document.name}: {err}"))
            continue
        except MemoryError:
            message = (
                f"{document.name} needed more than {options.memory_mb} MB to render; it was stopped"
            )
            problems.append(_problem(target, "render/memory", message))
            continue
        problems += [
            _problem(target, "render/warning", f"{document.name}: {w}", Severity.WARNING)
            for w in rendered.warnings
        ]
        outputs[f"{document.name}.pdf"] = rendered.pdf
        if options.emit_html:
            outputs[f"{document.name}.html"] = preview_html(html, paper=options.paper).encode()
    if has_errors(problems):  # a target builds whole or not at all; the engine drops the old
        return problems
    for name, payload in outputs.items():  # into the real folder the engine made
        write_atomically(folder / name, payload)
    return problems


def _problem(
    target: Target, rule: str, message: str, severity: Severity = Severity.ERROR
) -> Diagnostic:
    return Diagnostic(target.display, 1, 1, "", rule, severity, message)


def digest_of(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()
