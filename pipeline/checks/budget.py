"""Time limits for work on one file: hostile content ends in a diagnostic, never a hang.

Every pattern the rules run is linear in its input and every field is bounded by the
schema, so a real source is checked in milliseconds; the limit is the backstop. It uses
SIGALRM, which the regular-expression engine also checks while it runs.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Seconds one file may take to be checked (load, schema and rules).
CHECK_SECONDS = 20.0


class OverBudget(Exception):
    """The work ran past its time limit."""


def _expired(signum: int, frame: object) -> None:
    raise OverBudget


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise OverBudget in this block after `seconds` (no limit off the main thread or on Windows)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if seconds is None or not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
