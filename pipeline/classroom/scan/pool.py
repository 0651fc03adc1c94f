"""Read pages in worker processes that can be timed out and replaced.

The parent forks `workers` processes (they inherit the task list) and hands out one page
number at a time. A worker whose page runs past the time limit is killed and replaced, and
a worker that dies (a crash in a native library, the memory killer) is replaced too; either
way only that page becomes a problem, and the others are read. Workers die with the parent.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar

#: A page that takes longer than this (rasterising and reading) is given up.
PAGE_TIMEOUT = 120.0
_PR_SET_PDEATHSIG = 1

T = TypeVar("T")
R = TypeVar("R")


def _die_with_parent(parent: int) -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)


def _serve(tasks: Sequence[T], work: Callable[[T], R], conn: Connection, parent: int) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    while True:
        try:
            index = conn.recv()
        except EOFError:
            os._exit(0)
        if index is None:
            os._exit(0)
        conn.send((index, work(tasks[index])))


class _Worker(Generic[T, R]):
    def __init__(self, tasks: Sequence[T], work: Callable[[T], R]) -> None:
        context = multiprocessing.get_context("fork")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(tasks, work, child, os.getpid()), daemon=True
        )
        self.process.start()
        child.close()
        self.index: int | None = None
        self.started = 0.0

    def give(self, index: int) -> None:
        self.index, self.started = index, time.monotonic()
        self.conn.send(index)

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


def run(
    tasks: Sequence[T],
    work: Callable[[T], R],
    failed: Callable[[T, str], R],
    *,
    workers: int,
    timeout: float = PAGE_TIMEOUT,
) -> list[R]:
    """work(task) for every task, in order; failed(task, why) for one that timed out or died."""
    results: dict[int, R] = {}
    queue = deque(range(len(tasks)))
    pool = [_Worker(tasks, work) for _ in range(max(1, min(workers, len(tasks))))]
    try:
        while len(results) < len(tasks):
            for worker in pool:
                if worker.index is None and queue:
                    worker.give(queue.popleft())
            busy = [w for w in pool if w.index is not None]
            deadline = min(w.started for w in busy) + timeout
            ready = wait([w.conn for w in busy], timeout=max(0.0, deadline - time.monotonic()))
            for i, worker in enumerate(pool):
                if worker.index is None:
                    continue
                index = worker.index
                if worker.conn in ready:
                    try:
                        done, value = worker.conn.recv()
                    except (EOFError, OSError):
                        why = "reading this page stopped its worker process"
                    else:
                        results[done] = value
                        worker.index = None
                        continue
                elif time.monotonic() - worker.started >= timeout:
                    why = f"reading this page took longer than {timeout:.0f} s"
                else:
                    continue
                results[index] = failed(tasks[index], why)
                worker.kill()
                pool[i] = _Worker(tasks, work)
    finally:
        for worker in pool:
            if worker.index is None:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
                worker.process.join(timeout=5)
            worker.kill()
    return [results[i] for i in range(len(tasks))]
