"""Which of the temporal regexes can match a text at all, from one Hyperscan pass over it.

Most of the finder's regexes find nothing in most paragraphs of a document, yet Python's ``re`` has to
try each of them at every word.  Hyperscan compiles all of them into one automaton and reads the whole
text once, in microseconds, reporting where a match of each may end.  It is given each pattern without
its zero-width assertions (:func:`widened`) and in *prefilter* mode, so what it reports is a superset of
the regex's matches.  The finder then runs a regex only over the paragraphs where a match of it may end;
every result is still the regex's own.

The patterns are the case-sensitive twins the finder runs over the lower-cased text.  The prefilter only
answers for texts where the two engines agree on what a word, digit or space character is: characters up
to U+036F and the General Punctuation, super/subscript and currency blocks, and none of the four
separators U+001C..U+001F (``re`` counts those as spaces, Hyperscan does not).  For any other text, a
pattern that failed to compile, or when the ``hyperscan`` package is missing, every regex runs.
"""
from __future__ import annotations

import re
import threading

try:
    import hyperscan
except ImportError:  # an optional speed-up: without it every regex runs
    hyperscan = None

# characters whose word/digit/space classes Python's re and Hyperscan (UCP mode) read alike
_UNSAFE = re.compile(r"[^\x00-\x1b\x20-\u036f\u2000-\u20cf]")
_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")


def widened(pattern: str) -> str:
    """``pattern`` without its zero-width assertions: word boundaries (``\\b``, ``\\B``) and look-arounds.
    Each only narrows where a match may be, so the widened pattern matches wherever the pattern does, and
    Hyperscan never has to approximate them (its prefilter mode misses matches after a ``\\b`` in UCP mode,
    e.g. after an "ß" earlier in the text)."""
    out: list[str] = []
    k, n = 0, len(pattern)
    while k < n:
        c = pattern[k]
        if c == "\\":
            if pattern[k + 1:k + 2] not in ("b", "B"):
                out.append(pattern[k:k + 2])
            k += 2
        elif c == "[":
            e = _class_end(pattern, k)
            out.append(pattern[k:e])
            k = e
        elif pattern.startswith(_LOOKAROUND, k):
            k = _group_end(pattern, k)
        else:
            out.append(c)
            k += 1
    return "".join(out)


def _class_end(pattern: str, k: int) -> int:
    """The index after the character class that opens at ``k``."""
    j = k + 1
    if pattern[j:j + 1] == "^":
        j += 1
    if pattern[j:j + 1] == "]":   # a leading "]" is a member
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _group_end(pattern: str, k: int) -> int:
    """The index after the group that opens at ``k``."""
    depth, j = 0, k
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(pattern, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return j


class Prefilter:
    """The patterns (compiled ``re`` patterns, case-sensitive) and one Hyperscan database of them."""

    def __init__(self, patterns):
        self.patterns = list(dict.fromkeys(patterns))
        self.ids: dict[re.Pattern, int] = {}
        self._db = None
        self._local = threading.local()
        if hyperscan is None:
            return
        flags = (hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_UCP
                 | hyperscan.HS_FLAG_ALLOWEMPTY)
        usable = []
        for rx in self.patterns:
            if rx.flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.ASCII):
                continue   # flags compiled differently: such a regex always runs
            try:
                hyperscan.Database().compile(expressions=[widened(rx.pattern).encode("utf-8")], ids=[0], elements=1,
                                             flags=[flags])
            except Exception:   # a construct Hyperscan rejects even in prefilter mode: the regex always runs
                continue
            usable.append(rx)
        if not usable:
            return
        db = hyperscan.Database()
        db.compile(expressions=[widened(rx.pattern).encode("utf-8") for rx in usable], ids=list(range(len(usable))),
                   elements=len(usable), flags=[flags] * len(usable))
        self.ids = {rx: i for i, rx in enumerate(usable)}
        self._db = db

    def _scratch(self):
        s = getattr(self._local, "scratch", None)
        if s is None:
            s = self._local.scratch = hyperscan.Scratch(self._db)
        return s

    def ends(self, text: str) -> dict[int, list[int]] | None:
        """For each pattern (by its id in ``self.ids``) that may match ``text``, the offsets in
        ``text.encode("utf-8")`` where a match may end (every end of every match of the pattern is among
        them); a pattern that cannot match is absent.  None when this text is not prefiltered (every
        pattern may match anywhere)."""
        if self._db is None or _UNSAFE.search(text) is not None:
            return None
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:   # lone surrogates
            return None
        found: dict[int, list[int]] = {}

        def on_match(i, _start, end, _flags, _context):
            got = found.get(i)
            if got is None:
                found[i] = [end]
            else:
                got.append(end)

        self._db.scan(data, match_event_handler=on_match, scratch=self._scratch())
        return found
