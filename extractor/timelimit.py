"""A per-document time limit for extraction, shared by ``plany extract`` and the parallel import."""
from __future__ import annotations

import os
import signal
import sys
import threading
from contextlib import contextmanager

DEFAULT_TIMEOUT = 600.0   # seconds per document; 0 = no limit
TIMEOUT_ENV = "PLANY_TIMEOUT"


class ExtractionTimeout(Exception):
    """The extraction of one document took longer than the time limit."""


@contextmanager
def time_limit(seconds: float | None):
    """Raise :class:`ExtractionTimeout` in the block after ``seconds`` (SIGALRM: POSIX, main thread
    only; elsewhere, or for ``seconds`` None/0, no limit)."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise ExtractionTimeout(f"extraction timed out after {seconds:g} s (limit --timeout / {TIMEOUT_ENV})")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def default_timeout(warn: bool = True) -> float:
    """The limit from ``PLANY_TIMEOUT``, else the default; a value that is not a number of seconds is
    ignored (with one line on stderr when ``warn``)."""
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if raw:
        try:
            value = float(raw)
            if value >= 0:
                return value
        except ValueError:
            pass
        if warn:
            sys.stderr.write(f"plany: ignoring {TIMEOUT_ENV}={raw!r} (not a number of seconds); "
                             f"using {DEFAULT_TIMEOUT:g}\n")
    return DEFAULT_TIMEOUT
