"""Render targets in worker processes that can be timed out, capped and killed.

The parent parses the stylesheet and loads fonts once, then forks one worker per target
(at most `jobs` at a time); each worker inherits that warm state, renders the target's
documents, writes them atomically and reports back over a pipe. A worker whose current
document runs past the time limit is killed; one that needs more memory than its cap gets a
MemoryError; either way its target fails with a diagnostic and the others go on. Workers
die with the parent (PR_SET_PDEATHSIG), so a killed build never leaves one writing.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from .diagnostics import Diagnostic, Severity

DEFAULT_TIMEOUT = 60.0
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this worker when its parent dies (Linux); else watch the pid."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _cap_memory(extra_mb: int | None) -> None:
    """Let this worker grow by at most extra_mb beyond what it inherited."""
    if not extra_mb:
        return
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as status:
            size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
        limit = (size_kb * 1024) + extra_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError, StopIteration, ImportError):
        pass


@dataclass
class Task:
    """One source to render: a key to report under and a function the worker runs."""

    key: str
    display: str
    run: Callable[[Callable[[str], None]], list[Diagnostic]]
    path: str = ""


@dataclass
class Outcome:
    key: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


@dataclass
class _Running:
    task: Task
    process: Any
    conn: Connection
    document: str = "starting"
    since: float = field(default_factory=time.monotonic)
    result: list[Diagnostic] | None = None


def _work(task: Task, conn: Connection, parent: int, memory_mb: int | None) -> None:
    """Worker body: run the task, reporting each document as it starts, then the result."""
    _die_with_parent(parent)
    _cap_memory(memory_mb)
    try:
        diagnostics = task.run(lambda name: conn.send(("doc", name)))
        conn.send(("done", [d.to_dict() for d in diagnostics]))
    except MemoryError:
        message = f"rendering needed more than the {memory_mb} MB a worker may use; it was stopped"
        conn.send(("done", [_failure(task, "render/memory", message).to_dict()]))
    except BaseException as err:  # anything unexpected becomes this target's diagnostic
        message = f"worker failed: {type(err).__name__}: {err}"
        conn.send(("done", [_failure(task, "render/failed", message).to_dict()]))
    finally:
        conn.close()
        os._exit(0)  # skip the parent's atexit handlers and buffers inherited by fork


def _failure(task: Task, rule: str, message: str) -> Diagnostic:
    return Diagnostic(task.display, 1, 1, "", rule, Severity.ERROR, message)


def _from_dict(data: dict[str, Any]) -> Diagnostic:
    return Diagnostic(**{**data, "severity": Severity(data["severity"])})


def run(
    tasks: Iterable[Task],
    *,
    jobs: int,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int | None = None,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Run tasks in forked workers, at most `jobs` at once; each document gets `timeout` seconds."""
    context = multiprocessing.get_context("fork")
    pending = list(tasks)
    running: dict[int, _Running] = {}
    outcomes: list[Outcome] = []

    def finish(item: _Running, diagnostics: list[Diagnostic]) -> None:
        outcome = Outcome(item.task.key, diagnostics)
        outcomes.append(outcome)
        on_done(outcome)

    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                task = pending.pop(0)
                receive, send = context.Pipe(duplex=False)
                process = context.Process(
                    target=_work, args=(task, send, os.getpid(), memory_mb), daemon=True
                )
                process.start()
                send.close()
                running[process.sentinel] = _Running(task, process, receive)
            waitables: list[Any] = [item.conn for item in running.values()] + list(running)
            ready = wait(waitables, timeout=0.25)
            for item in list(running.values()):
                if item.conn in ready:
                    try:
                        while item.conn.poll():
                            kind, payload = item.conn.recv()
                            if kind == "doc":
                                item.document, item.since = payload, time.monotonic()
                            else:
                                item.result = [_from_dict(d) for d in payload]
                    except (EOFError, OSError):
                        pass
            now = time.monotonic()
            for sentinel, item in list(running.items()):
                if item.result is None and not item.process.is_alive() and sentinel not in ready:
                    continue  # let the sentinel report it
                if sentinel in ready or not item.process.is_alive():
                    item.process.join()
                    del running[sentinel]
                    if item.result is None:
                        code = item.process.exitcode
                        finish(
                            item,
                            [
                                _failure(
                                    item.task,
                                    "render/failed",
                                    f"worker for {item.document} ended unexpectedly (exit code {code})",
                                )
                            ],
                        )
                    else:
                        finish(item, item.result)
                elif item.result is None and now - item.since > timeout:
                    item.process.kill()
                    item.process.join()
                    del running[sentinel]
                    finish(
                        item,
                        [
                            _failure(
                                item.task,
                                "render/timeout",
                                f"{item.document} took longer than {timeout:g} s to render; it was stopped",
                            )
                        ],
                    )
    finally:
        for item in running.values():  # interrupted: stop every worker before leaving
            item.process.kill()
            item.process.join()
    return outcomes
