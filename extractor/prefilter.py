"""Where a set of regexes may match a text, from one Hyperscan pass over it.

Python's ``re`` tries a regex at every position of a text, and most regexes of the pipeline find nothing
in most of a document.  :class:`Prefilter` compiles a set of them into one Hyperscan automaton that reads
the whole text once, in microseconds, and reports where a match of each may end.  It is given each
pattern without its zero-width assertions (:func:`widened`), which Hyperscan cannot read in UCP mode, so
what it reports is a superset of the regex's matches: a regex it reports nothing for has no match, and a
regex it does report is run by ``re`` as before, so every result is still the regex's own.  Users: the
temporal finder (which paragraphs each regex reads), the lists of regexes run over whole texts
(:class:`WholeTextRegexes`: doc_type's signals, the date's label cues, the unit's names), the
alternatives of a long regex (:class:`BranchPrefiltered`: the partners' trigger) and the mojibake check of
ingest (whether ftfy's badness regex can match at all).

The prefilter only answers for texts where the two engines agree on what a word, digit or space character
is: characters up to U+036F and the General Punctuation, super/subscript and currency blocks, and none of
the four separators U+001C..U+001F (``re`` counts those as spaces, Hyperscan does not).  For any other
text, a pattern that failed to compile, or when the ``hyperscan`` package is missing, every regex runs.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections import defaultdict
from pathlib import Path

from extractor.text_cache import ByText, lowered

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
    Hyperscan never has to approximate them (UCP mode rejects ``\\b``, and its prefilter mode, which would
    approximate it, misses matches after a ``\\b`` when an "ß" comes earlier in the text).

    A look-behind that a match must pass before it reads anything ("(?<=:)[ \\t]*\\d+ dni", "(?:(?<=[–-]\\s)|(?<=\\())
    lipca") is read as characters instead: the widened match then begins before the regex's, at what the
    look-behind read, and ends where the regex's match ends (Hyperscan reports where matches end), and the
    pattern no longer matches wherever what follows the look-behind does."""
    out: list[str] = []
    k, n = 0, len(pattern)
    fresh = True   # whether nothing can have been read before this point of a match
    opens: list[bool] = []   # ``fresh`` inside each open group (never in a group that repeats)
    while k < n:
        c = pattern[k]
        if c == "\\":
            if pattern[k + 1:k + 2] not in ("b", "B"):
                out.append(pattern[k:k + 2])
                fresh = False
            k += 2
        elif c == "[":
            e = _class_end(pattern, k)
            out.append(pattern[k:e])
            k = e
            fresh = False
        elif pattern.startswith("(?<=", k) and fresh:
            e = _group_end(pattern, k)
            out.append("(?:" + widened(pattern[k + 4:e - 1]) + ")")
            k = e
            fresh = False
        elif pattern.startswith(_LOOKAROUND, k):
            k = _group_end(pattern, k)
        elif c == "(":
            e = _group_end(pattern, k)
            head = _group_head(pattern, k)
            if not head.endswith(")"):   # (a flags group, "(?i)", opens and closes in its head)
                opens.append(fresh and pattern[e:e + 1] not in ("*", "+", "{"))
                fresh = opens[-1]
            out.append(head)
            k += len(head)
        elif c == "|":
            fresh = opens[-1] if opens else True
            out.append(c)
            k += 1
        elif c == ")":
            if opens:
                opens.pop()
            out.append(c)
            k += 1
            fresh = False
        else:
            out.append(c)
            k += 1
            fresh = False
    return "".join(out)


_GROUP_HEAD = re.compile(r"\((?:\?(?:P<\w+>|<\w+>|:|[aiLmsux]*(?:-[imsx]+)?:|[aiLmsux]+\)))?")


def _group_head(pattern: str, k: int) -> str:
    """The opening of the group at ``k``: "(", "(?:", "(?P<name>", "(?-i:" (or a flags group, "(?i)", whole)."""
    return _GROUP_HEAD.match(pattern, k).group()


def branches(pattern: str, verbose: bool = False) -> list[str]:
    """The top-level alternatives of ``pattern``; with ``verbose`` (``re.VERBOSE``), written compactly
    (whitespace and comments outside classes dropped, as ``re`` reads them)."""
    out: list[str] = []
    cur: list[str] = []
    depth, k, n = 0, 0, len(pattern)
    while k < n:
        c = pattern[k]
        if c == "\\":
            cur.append(pattern[k:k + 2])
            k += 2
        elif c == "[":
            e = _class_end(pattern, k)
            cur.append(pattern[k:e])
            k = e
        elif verbose and c == "#":
            e = pattern.find("\n", k)
            k = n if e < 0 else e + 1
        elif verbose and c.isspace():
            k += 1
        else:
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            if c == "|" and depth == 0:
                out.append("".join(cur))
                cur = []
            else:
                cur.append(c)
            k += 1
    out.append("".join(cur))
    return out


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


def lowered_pattern(pattern: str) -> str | None:
    """``pattern`` with its literal characters lower-cased (escapes, group names and flags kept), or None
    when a character lower-cases to more than one."""
    out: list[str] = []
    k, n = 0, len(pattern)
    while k < n:
        c = pattern[k]
        if c == "\\":
            size = {"x": 2, "u": 4, "U": 8}.get(pattern[k + 1:k + 2])
            if size:   # a character by its code: lower-cased like the others
                ch = chr(int(pattern[k + 2:k + 2 + size], 16)).lower()
                if len(ch) != 1:
                    return None
                out.append(re.escape(ch) if ch.isprintable() else "\\x%02x" % ord(ch) if ord(ch) < 256
                           else "\\u%04x" % ord(ch))
                k += 2 + size
                continue
            if pattern[k + 1:k + 2] == "N":
                return None   # a named character: not read here
            out.append(pattern[k:k + 2])
            k += 2
            continue
        if pattern.startswith("(?P<", k) or pattern.startswith("(?P=", k):
            e = pattern.index(">" if pattern[k + 3] == "<" else ")", k)
            out.append(pattern[k:e + 1])
            k = e + 1
            continue
        if pattern.startswith("(?", k):
            m = re.compile(r"\(\?[aiLmsux-]*").match(pattern, k)
            out.append(m.group())
            k = m.end()
            continue
        low = c.lower()
        if len(low) != 1:
            return None
        out.append(low)
        k += 1
    return "".join(out)


def _per_pattern(kept: dict, rx: re.Pattern, make):
    """``make(rx)``, kept in ``kept`` by the pattern's identity: hashing a compiled pattern hashes its whole
    code each time (microseconds for the long ones).  The entry keeps ``rx`` alive, so its id stays its own."""
    got = kept.get(id(rx))
    if got is not None and got[0] is rx:
        return got[1]
    value = make(rx)
    kept[id(rx)] = (rx, value)
    return value


_TWINS: dict = {}


def cased_twin(rx: re.Pattern) -> re.Pattern | None:
    """For a case-insensitive ``rx``: the same regex over lower-cased text, case-sensitive (re.IGNORECASE
    makes the engine fold every character it compares: this finds the same spans two to three times faster)."""
    return _per_pattern(_TWINS, rx, _make_twin)


def _make_twin(rx: re.Pattern) -> re.Pattern | None:
    if rx.flags & re.IGNORECASE:
        lowered = lowered_pattern(rx.pattern)
        if lowered is not None:
            return re.compile(lowered, rx.flags & ~re.IGNORECASE)
    return None


try:
    import re._constants as _SC
    import re._parser as _SP
except ImportError:  # Python < 3.11
    import sre_constants as _SC  # type: ignore[no-redef]
    import sre_parse as _SP  # type: ignore[no-redef]

_REPEATS = tuple(op for op in (getattr(_SC, n, None) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"))
                 if op is not None)
# a literal shorter than this is found too often for a search by str.find to beat the regex engine's scan
MIN_LEAD = 3
_LEADS: dict = {}


def lead_literal(rx: re.Pattern) -> str | None:
    """The literal text every match of ``rx`` begins with, when its pattern begins with one (across zero-width
    assertions and groups) of :data:`MIN_LEAD` characters or more, and ``rx`` is case-sensitive."""
    return _per_pattern(_LEADS, rx, _make_lead)


def _make_lead(rx: re.Pattern) -> str | None:
    lead: list[str] = []

    def literals(items) -> bool:
        """Add the leading literals of ``items`` to ``lead``; whether all of ``items`` were literals."""
        for op, av in items:
            if op in (_SC.AT, _SC.ASSERT, _SC.ASSERT_NOT):
                continue   # zero-width: the match's text is still what the other items read
            if op is _SC.LITERAL:
                lead.append(chr(av))
                continue
            if op is _SC.SUBPATTERN and not av[1] and not av[2]:   # a group that changes no flags
                if literals(av[-1]):
                    continue
            elif op in _REPEATS and av[0] >= 1:   # at least once: the first time begins the match
                literals(av[2])
            return False
        return True

    if rx.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        literals(_SP.parse(rx.pattern, rx.flags))
    except Exception:   # a pattern the parser of this Python reads differently: no lead
        return None
    return "".join(lead) if len(lead) >= MIN_LEAD else None


def _finditer(rx: re.Pattern, s: str, a: int, b: int):
    """``rx.finditer(s, a, b)``; for a regex whose matches all begin with a literal, the engine tries only the
    places where ``str.find`` finds that literal (the engine's scan does not skip ahead to a literal after a
    leading ``\b``): the same matches, as leftmost and as many."""
    lit = lead_literal(rx)
    if lit is None:
        return rx.finditer(s, a, b)
    return _from_literal(rx, s, a, b, lit)


def _from_literal(rx: re.Pattern, s: str, a: int, b: int, lit: str):
    find, match = s.find, rx.match
    p = find(lit, a, b)
    while p >= 0:
        m = match(s, p, b)
        if m is not None:
            yield m
            p = find(lit, m.end(), b)   # a match is never empty: it has the literal
        else:
            p = find(lit, p + 1, b)


def first_match(rx: re.Pattern, s: str, a: int = 0, b: int | None = None) -> re.Match | None:
    """``rx.search(s, a, b)``, tried only where the regex's lead literal is (see :func:`_finditer`)."""
    return next(_finditer(rx, s, a, len(s) if b is None else b), None)


def twin_matches(rx: re.Pattern, text: str, low: str | None, a: int = 0, b: int | None = None) -> list:
    """The matches of ``rx`` in ``text[a:b]`` (Match objects over ``text``).  Where ``low`` (the lower-cased
    ``text``, :func:`extractor.text_cache.lowered`) is given and ``rx`` has a :func:`cased_twin`, the twin
    finds each match in ``low`` and ``rx`` reads it again at that position; should the two ever disagree,
    ``rx`` reads the span itself."""
    b = len(text) if b is None else b
    twin = cased_twin(rx) if low is not None else None
    if twin is None:
        return list(_finditer(rx, text, a, b))
    return _read_again(rx, twin, text, low, a, b)


def _read_again(rx: re.Pattern, twin: re.Pattern, text: str, low: str, a: int, b: int) -> list:
    """The matches ``twin`` finds in ``low[a:b]``, each read again by ``rx`` in ``text`` (:func:`twin_matches`)."""
    out = []
    for m in _finditer(twin, low, a, b):
        again = rx.match(text, m.start(), b)
        if again is None or again.end() != m.end():
            return list(rx.finditer(text, a, b))
        out.append(again)
    return out


def count_matches(rx: re.Pattern, text: str, low: str | None, limit: int) -> int:
    """``min(len(rx.findall(text)), limit)``, the matches found as :func:`twin_matches` finds them."""
    return min(len(twin_matches(rx, text, low)), limit)


def folded_finditer(rx: re.Pattern, text: str, a: int = 0, b: int | None = None) -> list:
    """``rx.finditer(text, a, b)`` for a case-insensitive ``rx``, two to three times faster (:func:`twin_matches`
    over the lower-cased text)."""
    return twin_matches(rx, text, lowered(text), a, b)


class Prefilter:
    """The patterns (compiled ``re`` patterns, case-sensitive) and one Hyperscan database of them."""

    def __init__(self, patterns):
        self.patterns = list(dict.fromkeys(patterns))
        self.ids: dict[re.Pattern, int] = {}   # a pattern of ``patterns`` -> its id in the database
        self._by_identity: dict[int, int] = {}
        self.may_be_empty: frozenset[int] = frozenset()   # the ids of the patterns that can match ""
        self._db = None
        self._local = threading.local()
        if hyperscan is None:
            return
        base = hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_UCP | hyperscan.HS_FLAG_ALLOWEMPTY
        cands = []   # (index in patterns, widened pattern, flags)
        for k, rx in enumerate(self.patterns):
            if rx.flags & (re.IGNORECASE | re.VERBOSE | re.ASCII):
                continue   # read differently by the two engines: such a regex always runs
            f = base | (hyperscan.HS_FLAG_MULTILINE if rx.flags & re.MULTILINE else 0) \
                | (hyperscan.HS_FLAG_DOTALL if rx.flags & re.DOTALL else 0)
            cands.append((k, widened(rx.pattern).encode("utf-8"), f))
        if not cands:
            return
        got = _load(cands)
        if got is None:
            got = _compile(cands)
            if got is not None:
                _save(cands, *got)
        if got is not None:
            self._db, usable = got
            self.ids = {self.patterns[k]: i for i, k in enumerate(usable)}
            self._by_identity = {id(rx): i for rx, i in self.ids.items()}
            self.may_be_empty = frozenset(i for rx, i in self.ids.items() if _may_be_empty(rx))

    def index(self, pattern: re.Pattern | None) -> int | None:
        """The id in the database of one of ``patterns`` (None: not prefiltered).  Patterns are looked up by
        identity: hashing a compiled pattern hashes its whole code, microseconds for the long ones."""
        return self._by_identity.get(id(pattern))

    def _scratch(self):
        s = getattr(self._local, "scratch", None)
        if s is None:
            s = self._local.scratch = hyperscan.Scratch(self._db)
        return s

    def may_match(self, text: str) -> bool:
        """False only when no pattern can match ``text`` (the scan stops at the first possible match)."""
        data = self._data(text)
        if data is None:
            return True
        found = []

        def on_match(i, _start, _end, _flags, _context):
            found.append(i)
            return True   # stop here

        try:
            self._db.scan(data, match_event_handler=on_match, scratch=self._scratch())
        except hyperscan.ScanTerminated:
            pass
        return bool(found)

    def _data(self, text: str) -> bytes | None:
        """What Hyperscan reads of ``text``; None when the text is not prefiltered."""
        if self._db is None or _UNSAFE.search(text) is not None:
            return None
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:   # lone surrogates
            return None

    def ends(self, text: str) -> dict[int, list[int]] | None:
        """For each pattern (by its id in the database, :meth:`index`) that may match ``text``, the offsets in
        ``text.encode("utf-8")`` where a match may end (every end of every match of the pattern is among
        them); a pattern that cannot match is absent.  None when this text is not prefiltered (every
        pattern may match anywhere)."""
        data = self._data(text)
        if data is None:
            return None
        found: dict[int, list[int]] = defaultdict(list)

        def on_match(i, _start, end, _flags, _context):
            found[i].append(end)

        self._db.scan(data, match_event_handler=on_match, scratch=self._scratch())
        return dict(found)


class WholeTextRegexes:
    """Regexes each run over whole texts, case-insensitive ones through their :func:`cased_twin` over the
    lower-cased text (:func:`folded_finditer`).  One Hyperscan pass over a text's lower-cased form tells
    which of them may match it at all (:meth:`live`); the others are not run.  A regex without a twin, or
    one the prefilter does not take, always runs.  ``items`` are the regexes, or rows that carry them
    (``regex`` reads a row's regex)."""

    def __init__(self, items, regex=None):
        self.items = tuple(items)
        self.regexes = tuple(map(regex, self.items)) if regex is not None else self.items
        twins = [cased_twin(rx) for rx in self.regexes]
        self._pf = Prefilter(t for t in twins if t is not None)
        self._ids = tuple(self._pf.index(t) if t is not None else None for t in twins)
        self._kept: ByText[tuple] = ByText(1)

    def live(self, text: str) -> tuple:
        """The items whose regex may match ``text`` (a superset of those that do), in their order; the answer
        for the text asked about last is kept."""
        return self._kept.get(text, self._live)

    def _live(self, text: str) -> tuple:
        low = lowered(text)
        found = self._pf.ends(low) if low is not None else None
        if found is None:
            return self.items
        return tuple(it for it, i in zip(self.items, self._ids) if i is None or i in found)


# an inline flag for the whole pattern, or a back-reference: its branches cannot be read one by one
_WHOLE_PATTERN_ONLY = re.compile(r"\(\?[aiLmsux]+\)|\\[1-9]|\(\?P=")


class BranchPrefiltered:
    """A case-insensitive regex of many top-level alternatives, of which a text mostly holds few: one
    Hyperscan pass over the lower-cased text tells which alternatives may match in it, and a regex of only
    those (written as the :func:`cased_twin` is) finds the matches there, each read again by the regex itself
    (:func:`twin_matches`).  The matches are the same: an alternative that matches nowhere in the text never
    wins at any position, and the others keep their order.  An alternative that may match at the end of a
    span only (``$``) is always kept."""

    def __init__(self, rx: re.Pattern):
        self.rx = rx
        self._pf = None
        self._kept: ByText[tuple] = ByText(1)   # (lower-cased text, twin) of the text asked about last
        pattern = rx.pattern
        while pattern.startswith("(?:") and _group_end(pattern, 0) == len(pattern):   # one group around it all
            pattern = pattern[3:-1]
        parts = branches(pattern) if not rx.flags & re.VERBOSE else []
        twins = [lowered_pattern(p) for p in parts]
        if len(parts) < 2 or not rx.flags & re.IGNORECASE or any(t is None for t in twins) \
                or _WHOLE_PATTERN_ONLY.search(rx.pattern):
            return
        flags = rx.flags & ~re.IGNORECASE
        self._twins = [re.compile(t, flags) for t in twins]
        self._pf = Prefilter(self._twins)
        self._ids = tuple(None if "$" in p or "\\Z" in p else self._pf.index(t) for p, t in zip(parts, self._twins))
        self._joined: dict[tuple[int, ...], re.Pattern | None] = {}

    def matches(self, text: str, a: int = 0, b: int | None = None) -> list:
        """``list(rx.finditer(text, a, b))``, as :func:`folded_finditer` finds them."""
        b = len(text) if b is None else b
        if self._pf is None:
            return twin_matches(self.rx, text, lowered(text), a, b)
        low, twin = self._kept.get(text, self._twin)
        if twin is False:
            return twin_matches(self.rx, text, low, a, b)
        return [] if twin is None else _read_again(self.rx, twin, text, low, a, b)

    def _twin(self, text: str) -> tuple:
        """The lower-cased text, and the regex of the alternatives that may match ``text`` (None: none may;
        False: not known)."""
        low = lowered(text)
        found = self._pf.ends(low) if low is not None else None
        if found is None:
            return low, False
        live = tuple(k for k, i in enumerate(self._ids) if i is None or i in found)
        twin = self._joined.get(live, False)
        if twin is False:
            if len(self._joined) >= 256:
                self._joined.clear()
            twin = self._joined[live] = re.compile("|".join(self._twins[k].pattern for k in live),
                                                   self._twins[0].flags) if live else None
        return low, twin


# ---- compiling, and keeping the compiled databases ----------------------------------------------------
# Compiling the temporal regexes takes seconds (Unicode classes in UCP mode); the database is kept in a
# cache directory (PLANY_CACHE_DIR, else $XDG_CACHE_HOME/plany or ~/.cache/plany) under a hash of the
# patterns, their flags and the Hyperscan version, and loaded in milliseconds by the next process.


def _may_be_empty(rx: re.Pattern) -> bool:
    """Whether ``rx`` can match the empty string somewhere (True when its parsed form cannot be read)."""
    try:
        return _SP.parse(rx.pattern, rx.flags).getwidth()[0] == 0
    except Exception:
        return True


def _compile(cands) -> tuple[object, list[int]] | None:
    """The database of the candidates and the indices of those in it: all of them at once, or, should
    that fail, the ones Hyperscan takes one by one."""
    def build(cs):
        db = hyperscan.Database()
        db.compile(expressions=[c[1] for c in cs], ids=list(range(len(cs))), elements=len(cs),
                   flags=[c[2] for c in cs])
        return db

    try:
        return build(cands), [c[0] for c in cands]
    except Exception:
        pass
    ok = []
    for c in cands:
        try:
            build([c])
        except Exception:   # a construct Hyperscan rejects: that regex always runs
            continue
        ok.append(c)
    if not ok:
        return None
    try:
        return build(ok), [c[0] for c in ok]
    except Exception:
        return None


def cache_dir() -> Path:
    """Where compiled databases are kept: ``PLANY_CACHE_DIR``, else ``$XDG_CACHE_HOME/plany`` or
    ``~/.cache/plany``."""
    root = os.environ.get("PLANY_CACHE_DIR")
    if not root:
        root = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
                            "plany")
    return Path(root)


def _cache_file(cands) -> Path:
    h = hashlib.sha256(f"plany-prefilter-1 {getattr(hyperscan, '__version__', '')}".encode())
    for k, p, f in cands:
        h.update(b"\0%d\0%d\0" % (k, f) + p)
    return cache_dir() / f"hyperscan-{h.hexdigest()[:32]}.db"


def _load(cands) -> tuple[object, list[int]] | None:
    try:
        raw = _cache_file(cands).read_bytes()
        head, _, body = raw.partition(b"\n")
        usable = json.loads(head)
        return hyperscan.loadb(body, hyperscan.HS_MODE_BLOCK), usable
    except Exception:   # no cache yet, another machine's, or damaged: compile
        return None


def _save(cands, db, usable: list[int]) -> None:
    path = _cache_file(cands)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(json.dumps(usable).encode() + b"\n" + hyperscan.dumpb(db))
        os.replace(tmp, path)
    except Exception:   # a read-only home: compile again next time
        pass
