"""What the extractors compute once per document text and read many times.

The field extractors ask for the tokens, the temporal matches or the temporal expressions of many spans of
one document text.  :class:`ByText` keeps such values for the last few text objects (by identity, least
recently used first out), :func:`span_tokens` takes a span's tokens from the whole text's tokens, and
:func:`lowered` gives the lower-cased text that word guards of case-insensitive regexes are tested on, and
:class:`PerWord` keeps a function's value per word.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Callable, Generic, TypeVar

V = TypeVar("V")


class ByText(Generic[V]):
    """Values computed from a text, kept for the last ``keep`` text objects (by identity; LRU)."""

    def __init__(self, keep: int):
        self.keep = keep
        self._entries: dict[int, tuple[str, V]] = {}
        self._last: tuple[str, V] | None = None   # the entry used last (it stays the newest)

    def get(self, text: str, make: Callable[[str], V]) -> V:
        """The value kept for ``text``, made by ``make(text)`` when there is none."""
        key = id(text)
        last = self._last
        if last is not None and last[0] is text:   # most asks are for the text asked for last
            return last[1]
        entry = self._entries.pop(key, None)   # re-inserted: the least recently used text goes first
        if entry is None or entry[0] is not text:
            if len(self._entries) >= self.keep:
                self._entries.pop(next(iter(self._entries)))
            entry = (text, make(text))
        self._entries[key] = self._last = entry
        return entry[1]

    def clear(self) -> None:
        self._entries.clear()
        self._last = None


class PerWord(dict):
    """``fn(word)`` for the words asked for, each worked out once (up to ``keep`` words are kept): a dict,
    so a comprehension over a document's tokens reads it at C speed (``memo[word]``)."""

    def __init__(self, fn: Callable[[str], V], keep: int = 50_000):
        super().__init__()
        self.fn = fn
        self.keep = keep

    def __missing__(self, word: str):
        value = self.fn(word)
        if len(self) < self.keep:
            self[word] = value
        return value


_group, _start, _end = re.Match.group, re.Match.start, re.Match.end


def match_columns(rx: re.Pattern, text: str, a: int = 0,
                  b: int | None = None) -> tuple[list[str], list[int], list[int]]:
    """The texts, starts and ends of every match of ``rx`` in ``text`` (``rx.finditer(text, a, b)``), as three
    lists (built by ``map``: the extractors' tokenisations of a whole document run this once per text)."""
    found = list(rx.finditer(text, a, len(text) if b is None else b))
    return list(map(_group, found)), list(map(_start, found)), list(map(_end, found))


def span_tokens(toks: list, starts: list[int], start: int, end: int) -> list | None:
    """The tokens of ``toks`` (the whole text's, with their ``starts``) inside ``[start, end)``, or None when
    a token crosses an edge of the span (it reads differently in the span alone)."""
    i = bisect_left(starts, start)
    j = bisect_left(starts, end, i)
    if (i and toks[i - 1].end > start) or (j and toks[j - 1].end > end):
        return None
    return toks[i:j]


# characters that re.IGNORECASE matches to an ASCII letter although str.lower() does not give that
# letter ("ſ" ~ "s", "ı" ~ "i"), or whose str.lower() has two characters ("İ")
CASE_SPECIAL = ("ı", "ſ", "İ", "\u212a")


@lru_cache(maxsize=8)   # a document's extractors lower two texts at most
def lowered(text: str) -> str | None:
    """``text.lower()``, where a lower-case word found in it is exactly where a case-insensitive regex can
    match that word (same length, same offsets); None for a text with :data:`CASE_SPECIAL` characters."""
    if any(c in text for c in CASE_SPECIAL):
        return None
    return text.lower()
