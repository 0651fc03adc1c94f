"""Render targets in long-lived worker processes that can be timed out, capped and killed.

The parent parses the stylesheet and loads fonts once, then forks `jobs` workers; each
inherits that warm state and the list of tasks, and renders task after task as the parent
hands out their numbers, keeping its font and layout caches warm between them. A worker
whose current document runs past the time limit is killed and replaced; one that needs
more memory than its cap gets a MemoryError, reports it and is replaced; either way only
that target fails. Workers die with the parent (PR_SET_PDEATHSIG), so a killed build never
leaves one writing.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from ..diagnostics import Diagnostic, Severity

DEFAULT_TIMEOUT = 60.0
_PR_SET_PDEATHSIG = 1


@dataclass
class Task:
    """One target to render: a key to report under and a function the worker runs."""

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


def _serve(tasks: list[Task], conn: Connection, parent: int, memory_mb: int | None) -> None:
    """Worker body: run the tasks the parent names, one at a time, until told to stop."""
    _die_with_parent(parent)
    _cap_memory(memory_mb)
    try:
        while True:
            index = conn.recv()
            if index is None:
                break
            task = tasks[index]
            try:
                diagnostics = task.run(lambda name, i=index: conn.send(("doc", i, name)))
                conn.send(("done", index, [d.to_dict() for d in diagnostics]))
            except MemoryError:
                message = f"rendering needed more than the {memory_mb} MB a worker may use; it was stopped"
                conn.send(("done", index, [_failure(task, "render/memory", message).to_dict()]))
                break  # a heap that ran out is not trusted with the next target
            except BaseException as err:  # anything unexpected becomes this target's diagnostic
                message = f"worker failed: {type(err).__name__}: {err}"
                conn.send(("done", index, [_failure(task, "render/failed", message).to_dict()]))
    except (EOFError, OSError):
        pass
    finally:
        conn.close()
        os._exit(0)  # skip the parent's atexit handlers and buffers inherited by fork


def _failure(task: Task, rule: str, message: str) -> Diagnostic:
    return Diagnostic(task.display, 1, 1, "", rule, Severity.ERROR, message)


def _from_dict(data: dict[str, Any]) -> Diagnostic:
    return Diagnostic(**{**data, "severity": Severity(data["severity"])})


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: int | None = None
    document: str = "starting"
    since: float = field(default_factory=time.monotonic)


def run(
    tasks: Iterable[Task],
    *,
    jobs: int,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int | None = None,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Run tasks in at most `jobs` long-lived workers; each document gets `timeout` seconds."""
    todo = list(tasks)
    if not todo:
        return []
    context = multiprocessing.get_context("fork")
    queue = deque(range(len(todo)))
    pool: list[_Worker] = []
    outcomes: list[Outcome] = []

    def spawn() -> None:
        mine, theirs = context.Pipe(duplex=True)
        process = context.Process(
            target=_serve, args=(todo, theirs, os.getpid(), memory_mb), daemon=True
        )
        process.start()
        theirs.close()
        pool.append(_Worker(process, mine))

    def finish(index: int, diagnostics: list[Diagnostic]) -> None:
        outcome = Outcome(todo[index].key, diagnostics)
        outcomes.append(outcome)
        on_done(outcome)

    def retire(worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        pool.remove(worker)

    try:
        while queue or any(w.task is not None for w in pool):
            while len(pool) < min(max(1, jobs), len(queue) + sum(w.task is not None for w in pool)):
                spawn()
            for worker in pool:
                if worker.task is None and queue:
                    worker.task = queue.popleft()
                    worker.document, worker.since = "starting", time.monotonic()
                    worker.conn.send(worker.task)
            ready = wait([w.conn for w in pool] + [w.process.sentinel for w in pool], timeout=0.25)
            for worker in list(pool):
                if worker.conn in ready:
                    try:
                        while worker.conn.poll():
                            kind, index, payload = worker.conn.recv()
                            if kind == "doc":
                                worker.document, worker.since = payload, time.monotonic()
                            else:
                                worker.task = None
                                finish(index, [_from_dict(d) for d in payload])
                    except (EOFError, OSError):
                        pass
                if worker.process.sentinel in ready and not worker.process.is_alive():
                    if worker.task is not None:
                        code = worker.process.exitcode
                        finish(
                            worker.task,
                            [
                                _failure(
                                    todo[worker.task],
                                    "render/failed",
                                    f"worker for {worker.document} ended unexpectedly (exit code {code})",
                                )
                            ],
                        )
                    retire(worker)
                elif worker.task is not None and time.monotonic() - worker.since > timeout:
                    index, document = worker.task, worker.document
                    retire(worker)
                    finish(
                        index,
                        [
                            _failure(
                                todo[index],
                                "render/timeout",
                                f"{document} took longer than {timeout:g} s to render; it was stopped",
                            )
                        ],
                    )
        for worker in pool:  # all done: let idle workers leave on their own
            worker.conn.send(None)
            worker.process.join(timeout=5)
    finally:
        for worker in list(pool):  # interrupted (or a straggler): no worker outlives the run
            if worker.process.is_alive():
                worker.process.kill()
            worker.process.join()
    return outcomes
