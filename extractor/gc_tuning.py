"""Garbage-collector settings for batch work: extraction and import of many documents.

The pipeline allocates many short-lived tuples and lists per document (tokens, readings, spans,
matches) and makes few reference cycles.  With CPython's default thresholds (700, 10, 10) the
collector runs every few hundred allocations, and its older generations walk the large, long-lived
structures loaded once (rules, lexicons, gazetteers, caches) again and again.  For batch work the
loaded objects are frozen (:func:`gc.freeze`: never walked again) and the collector runs less often.
Measured on 300 synthetic plans, one process: 13.4 → 11.2 ms per document (best of 3 runs), peak RSS
unchanged (197 MB).

Only the command-line entry points and the import's worker processes call this, never importing
``extractor``: a program that uses the library keeps its own settings, and :func:`batch_gc`
restores them on exit.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager

# (generation 0 allocations, generation 1 and 2 collection counts): see gc.set_threshold
BATCH_THRESHOLDS = (20_000, 20, 20)
_depth = 0
_saved: tuple[int, ...] | None = None


def enter_batch() -> None:
    """Freeze what is loaded now and collect less often, until :func:`leave_batch`.  Nested calls
    count, and each freezes what was loaded since (call it again once the NLP pipeline is loaded)."""
    global _depth, _saved
    _depth += 1
    if _depth == 1:
        _saved = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*BATCH_THRESHOLDS)


def leave_batch() -> None:
    """Undo :func:`enter_batch` (at the outermost level): the thresholds back, the frozen objects thawed."""
    global _depth, _saved
    if _depth == 0:
        return
    _depth -= 1
    if _depth:
        return
    if _saved is not None:
        gc.set_threshold(*_saved)
    _saved = None
    gc.unfreeze()


@contextmanager
def batch_gc():
    """:func:`enter_batch` for the duration of a ``with`` block."""
    enter_batch()
    try:
        yield
    finally:
        leave_batch()
