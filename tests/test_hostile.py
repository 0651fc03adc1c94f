"""Hostile and broken input: every bad input gets diagnostics, never a traceback, and no
file outside the project is read on its behalf. Prints the figures the closing note quotes."""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

import pytest

from pipeline.build.render.documents import plan, render_document
from pipeline.build.render.pdf import RenderError
from pipeline.build.render.view import Marks
from pipeline.checks.check import check_paths
from pipeline.checks.sources import MAX_BYTES
from pipeline.config import project

from .conftest import CASES

ASSETS_DIR = project().assets

EXPECTED = json.loads((CASES / "expected.json").read_text(encoding="utf-8"))
MINIMAL = json.loads((CASES / "valid" / "minimal.json").read_text(encoding="utf-8"))

_OPENED: list[str] = []
_WATCHING = False


def _audit(event: str, args: tuple) -> None:
    if _WATCHING and event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


def _runtime_cases(folder: Path, secret: Path) -> dict[str, str]:
    """Bad inputs that cannot be committed: huge files, directories, symlinks. Name -> family."""
    cases: dict[str, str] = {}
    big = folder / "size-50mb.json"
    with open(big, "wb") as handle:  # a sparse 50 MB file: refused by its size, never parsed
        handle.truncate(50 * 1024 * 1024)
    cases[big.name] = "json/too-large"
    data = dict(MINIMAL, id="string-1mb", summary="word " * 210_000)
    (folder / "string-1mb.json").write_text(json.dumps(data), encoding="utf-8")
    cases["string-1mb.json"] = "schema/max-length"
    question = MINIMAL["questions"][0]
    data = dict(
        MINIMAL, id="questions-10000", questions=[dict(question, id=f"q{i}") for i in range(10_000)]
    )
    (folder / "questions-10000.json").write_text(json.dumps(data), encoding="utf-8")
    cases["questions-10000.json"] = "json/too-large"
    (folder / "directory.json").mkdir()
    cases["directory.json"] = "json/unreadable"
    link = ASSETS_DIR / "hostile-escape.png"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(secret, link)
    data = dict(MINIMAL, id="image-symlink-escape", image={"src": "hostile-escape.png", "alt": "x"})
    (folder / "image-symlink-escape.json").write_text(json.dumps(data), encoding="utf-8")
    cases["image-symlink-escape.json"] = "assets/outside"
    # Contained: nothing outside the project is read, and nothing that is not a file.
    leak = secret.parent / "leak.json"
    leak.write_text(json.dumps(dict(MINIMAL, id="leak", summary="AKIA-SECRET-KEY")), "utf-8")
    os.symlink(leak, folder / "link-to-outside.json")
    cases["link-to-outside.json"] = "files/outside"
    os.symlink("/dev/zero", folder / "dev-zero.json")
    cases["dev-zero.json"] = "files/outside"
    os.mkfifo(folder / "fifo.json")
    cases["fifo.json"] = "files/not-regular"
    for name in ("....json", "Upper-Case.json", "under_score.json", "space name.json"):
        (folder / name).write_text(json.dumps(MINIMAL), encoding="utf-8")
        cases[name] = "files/name"
    # Bounded: inputs that used to run for minutes or take gigabytes.
    huge = ASSETS_DIR / "hostile-huge.png"
    header = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (60000).to_bytes(4, "big") * 2
    huge.write_bytes(header + b"\x08\x02\x00\x00\x00" + b"\x00" * 20_000)
    data = dict(MINIMAL, id="image-huge-dimensions", image={"src": "hostile-huge.png", "alt": "x"})
    (folder / "image-huge-dimensions.json").write_text(json.dumps(data), encoding="utf-8")
    cases["image-huge-dimensions.json"] = "assets/too-large"
    indicator = {"label": "Trade", "value": "1"}
    dashboard = {"title": "T", "indicators": [indicator] * 10_000}
    data = dict(MINIMAL, id="indicators-10000", visuals={"dashboard": dashboard})
    (folder / "indicators-10000.json").write_text(json.dumps(data), encoding="utf-8")
    cases["indicators-10000.json"] = "schema/max-items"
    dashboard = {"title": "T", "indicators": [dict(indicator, value="9" * 200)]}
    data = dict(MINIMAL, id="indicator-value-200", visuals={"dashboard": dashboard})
    (folder / "indicator-value-200.json").write_text(json.dumps(data), encoding="utf-8")
    cases["indicator-value-200.json"] = "schema/max-length"
    question = dict(MINIMAL["questions"][0], stem="\u00a0".join(["word"] * 700))
    data = dict(MINIMAL, id="stem-nbsp-700", questions=[question])
    (folder / "stem-nbsp-700.json").write_text(json.dumps(data), encoding="utf-8")
    cases["stem-nbsp-700.json"] = "content/long-word"
    data = dict(MINIMAL, id="markup-quadratic", summary="<a" + " " * 1_900_000)
    (folder / "markup-quadratic.json").write_text(json.dumps(data), encoding="utf-8")
    cases["markup-quadratic.json"] = "schema/max-length"
    data = dict(MINIMAL, id="placeholder-quadratic", summary="loading " * 1200 + "...")
    (folder / "placeholder-quadratic.json").write_text(json.dumps(data), encoding="utf-8")
    cases["placeholder-quadratic.json"] = "content/placeholder"
    data = dict(MINIMAL, id="acronym-quadratic", summary="A&" * 4900)
    (folder / "acronym-quadratic.json").write_text(json.dumps(data), encoding="utf-8")
    cases["acronym-quadratic.json"] = "content/"
    options = [{"label": label, "text": "1 and 2 and " * 20 + "3"} for label in "ABCD"]
    data = dict(
        MINIMAL, id="option-quadratic", questions=[dict(MINIMAL["questions"][0], options=options)]
    )
    (folder / "option-quadratic.json").write_text(json.dumps(data), encoding="utf-8")
    cases["option-quadratic.json"] = "answer-key/"
    text = "Statement 1 is correct; " * 400
    data = dict(
        MINIMAL,
        id="explanation-many-verdicts",
        questions=[dict(MINIMAL["questions"][0], explanation=text)],
    )
    (folder / "explanation-many-verdicts.json").write_text(json.dumps(data), encoding="utf-8")
    cases["explanation-many-verdicts.json"] = "explanation/"
    (folder / "digits-5000.json").write_text('{"id": ' + "7" * 5000 + "}", encoding="utf-8")
    cases["digits-5000.json"] = "json/too-large"
    (folder / "float-overflow.json").write_text('{"id": 1e999}', encoding="utf-8")
    cases["float-overflow.json"] = "json/too-large"
    facts = [{"id": f"f{i}", "text": "A fact.", "tags": ["quad"]} for i in range(100)]
    questions = [dict(MINIMAL["questions"][0], id=f"q{i}", answer="B") for i in range(200)]
    data = dict(MINIMAL, id="many-diagnostics", key_facts=facts, questions=questions)
    (folder / "many-diagnostics.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    cases["many-diagnostics.json"] = "answer-key/"
    return cases


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "outside" / "secret.png"
    path.parent.mkdir()
    path.write_bytes(b"\x89PNG root:x:0:0 secret")
    yield path
    link = ASSETS_DIR / "hostile-escape.png"
    if link.is_symlink():
        link.unlink()
    (ASSETS_DIR / "hostile-huge.png").unlink(missing_ok=True)


def test_every_bad_input_gives_its_family_without_traceback_or_outside_read(
    tmp_path, secret, capsys
):
    global _WATCHING
    folder = tmp_path / "runtime"
    folder.mkdir()
    runtime = _runtime_cases(folder, secret)
    inputs = [
        (CASES / "invalid" / f"{name}.json", expected["rule"])
        for name, expected in EXPECTED.items()
    ]
    inputs += [(folder / name, rule) for name, rule in runtime.items()]
    watched = {"/etc/passwd", "/etc/hostname", str(secret), str(secret.resolve())}
    tracebacks, wrong, slowest = [], [], (0.0, "")
    times: list[tuple[float, str]] = []
    _OPENED.clear()
    _WATCHING = True
    try:
        for path, rule in inputs:
            start = time.perf_counter()
            try:
                result = check_paths([path])
            except Exception as err:  # noqa: BLE001 - counting is the point
                tracebacks.append(f"{path.name}: {type(err).__name__}: {err}")
                continue
            elapsed = time.perf_counter() - start
            slowest = max(slowest, (elapsed, path.name))
            times.append((elapsed, path.name))
            if rule.split("/")[0] not in {d.rule.split("/")[0] for d in result.diagnostics}:
                wrong.append((path.name, rule, sorted({d.rule for d in result.diagnostics})))
        # the renderer under attack: render sources as if validation had been bypassed
        for name in ("image-symlink-escape.json",):
            data = json.loads((folder / name).read_text(encoding="utf-8"))
            with pytest.raises(RenderError):
                article = plan(data, marks=Marks(), epoch=0)[0]
                render_document(article, paper="a4", key=data["id"], epoch=0)
    finally:
        _WATCHING = False
    outside = sorted({p for p in _OPENED if p in watched or os.path.realpath(p) in watched})
    with capsys.disabled():
        print(
            f"\nhostile inputs: {len(inputs)} tried, {len(tracebacks)} tracebacks, "
            f"{len(outside)} reads outside the project, slowest {slowest[0]:.2f} s ({slowest[1]}), "
            f"peak RSS of the checking process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        )
        print("slowest five: " + ", ".join(f"{name} {t:.2f} s" for t, name in sorted(times)[-5:]))
    assert tracebacks == []
    assert wrong == []
    assert outside == []
    assert len(inputs) >= 140


def test_huge_file_is_refused_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)

    def no_read(self):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    result = check_paths([path])
    assert [d.rule for d in result.diagnostics] == ["json/too-large"]


def test_unreadable_file(tmp_path, monkeypatch):
    """Root can read anything, so permission is simulated where the tool reads."""
    path = tmp_path / "locked.json"
    path.write_text("{}", encoding="utf-8")
    real = Path.read_bytes

    def denied(self):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = check_paths([path])
    assert [(d.rule, d.message) for d in result.diagnostics] == [
        ("json/unreadable", "cannot read file: Permission denied")
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_for_real(tmp_path):
    path = tmp_path / "locked.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    assert [d.rule for d in check_paths([path]).diagnostics] == ["json/unreadable"]
