"""A small matcher of lemma patterns over text, for rules written as data.

Pattern syntax (one pattern per TSV row):

* words are separated by spaces; each word lists alternatives with ``|``:
  ``spożywać|picie alkohol|alkoholowy``
* an alternative matches when it equals one of the token's Morfeusz lemmas or its
  lower-cased form; an alternative written as a participle or a gerund matches all its forms;
  ``alkohol~`` matches any lemma/form starting with ``alkohol``
* ``..N`` lets up to N other tokens stand between two words: ``pies ..3 luzem|bezpański``
* ``!word`` as the first element: the pattern is rejected when that word occurs
  within the 3 tokens before the match (``!kierować nietrzeźwy``)

Tokens are the words of the text (``\\w+`` with inner hyphens), so offsets are exact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

from extractor.nlp import morph
from extractor.nlp.morph import lemmas
from extractor.text_cache import ByText, PerWord, match_columns

_WORD = re.compile(r"\w+(?:-\w+)*")


class Token(NamedTuple):
    text: str
    start: int
    end: int
    keys: frozenset  # lower-cased lemmas and form


@lru_cache(maxsize=100_000)
def _keys(word: str) -> frozenset:
    low = word.lower()
    return frozenset([low] + [l.lower() for l in lemmas(word)] + [l.lower() for l in lemmas(low)])


_tuple = tuple.__new__   # a Token without NamedTuple.__new__'s Python frame


def _span(text: str, start: int, end: int) -> list[Token]:
    """The tokens of ``text[start:end]``: ``_WORD`` has no look-around, so a search bounded there reads the
    span as the slice reads."""
    words, starts, ends = match_columns(_WORD, text, start, end)
    return list(map(_tuple, repeat(Token), zip(words, starts, ends, map(_keys, words))))


def _per_span(text: str) -> dict:
    return {}


# the extractors read a document's sections (about half its text), some more than once
_TEXTS: ByText[dict] = ByText(4)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The word tokens of ``text[start:end]`` (offsets into ``text``); a span of a long text asked for again
    is read once."""
    end = len(text) if end is None else end
    if len(text) <= 200:
        return _span(text, start, end)
    kept = _TEXTS.get(text, _per_span)
    got = kept.get((start, end))
    if got is None:
        got = kept[(start, end)] = _span(text, start, end)
    return list(got)


@dataclass(frozen=True)
class Pattern:
    label: str
    elems: tuple            # each: ("word", alts, prefixes) or ("gap", n)
    negative: tuple = ()    # words that must not precede the match
    source: str = ""


def compile_pattern(label: str, spec: str) -> Pattern:
    elems = []
    negative: list[str] = []
    for part in spec.split():
        if part.startswith("..") and part[2:].isdigit():
            elems.append(("gap", int(part[2:])))
        elif part.startswith("!"):
            negative.extend(part[1:].lower().split("|"))
        else:
            alts = part.lower().split("|")
            words = [a for a in alts if not a.endswith("~")]
            elems.append(("word", frozenset(words + [x for a in words for x in _forms_of(a)]),
                          tuple(a[:-1] for a in alts if a.endswith("~"))))
    return Pattern(label, tuple(elems), tuple(negative), spec)


def _forms_of(word: str) -> list[str]:
    """An alternative written as a participle or a gerund stands for all its forms: Morfeusz reads
    "dozwolony" as a form of "dozwolić", so the lemma alone never meets "dozwolone"; the paradigm of that
    participle does ("dozwolone", "dozwolonych", …), and no other form of the verb ("śmiecenie" is not
    "śmieci")."""
    out: list[str] = []
    for a in morph.analyse(word):
        if a.pos in _DERIVED and a.lemma != word:
            polarity = a.tag.rsplit(":", 1)[-1]
            out += [f.lower() for f, t in morph.generate(a.raw_lemma)
                    if t.split(":", 1)[0] == a.pos and t.rsplit(":", 1)[-1] == polarity]
    return out


_DERIVED = ("ppas", "pact", "ger")


def _word_ok(tok: Token, alts: frozenset, prefixes: tuple) -> bool:
    keys = tok.keys
    if not keys.isdisjoint(alts):
        return True
    if prefixes:
        for k in keys:
            if k.startswith(prefixes):
                return True
    return False


def _match_at(tokens: list[Token], i: int, elems: tuple) -> int | None:
    """Index after the last matched token, or None."""
    if not elems:
        return i
    e0 = elems[0]
    if e0[0] == "gap":
        n = e0[1]
        rest = elems[1:]
        for skip in range(0, n + 1):
            r = _match_at(tokens, i + skip, rest)
            if r is not None:
                return r
        return None
    if i >= len(tokens) or not _word_ok(tokens[i], e0[1], e0[2]):
        return None
    return _match_at(tokens, i + 1, elems[1:])


class _Index:
    """Patterns indexed by what their first word can be, so each token only tries the patterns
    that can start there (the result is the same as trying every pattern at every token)."""

    def __init__(self, patterns: list[Pattern]):
        self.patterns = patterns
        self.n = len(patterns)
        self.exact: dict[str, list[int]] = {}
        self.prefixed: list[tuple[tuple, int]] = []
        self.always: list[int] = []
        self.rest: list[tuple] = []
        self.negative: list[frozenset] = [frozenset(p.negative) for p in patterns]
        for k, p in enumerate(patterns):
            if not p.elems or p.elems[0][0] != "word":
                self.always.append(k)
                self.rest.append(())
                continue
            _kind, alts, prefixes = p.elems[0]
            for a in alts:
                self.exact.setdefault(a, []).append(k)
            if prefixes:
                self.prefixed.append((prefixes, k))
            self.rest.append(p.elems[1:])
        # a token's keys -> the patterns that may start there, worked out once per set of keys
        self.by_keys: PerWord = PerWord(self.starts)

    def starts(self, keys: frozenset) -> tuple[int, ...]:
        """Indices (in pattern order) of the word-initial patterns whose first word matches ``keys``."""
        cand = set()
        exact = self.exact
        for k in keys:
            hit = exact.get(k)
            if hit:
                cand.update(hit)
        for prefixes, idx in self.prefixed:
            if idx not in cand and any(k.startswith(prefixes) for k in keys):
                cand.add(idx)
        return tuple(sorted(cand))


_INDEXES: dict[int, _Index] = {}


def _index(patterns: list[Pattern]) -> _Index:
    ix = _INDEXES.get(id(patterns))
    if ix is None or ix.patterns is not patterns or ix.n != len(patterns):
        ix = _Index(patterns)
        if len(_INDEXES) > 64:
            _INDEXES.clear()
        _INDEXES[id(patterns)] = ix
    return ix


def find(patterns: list[Pattern], tokens: list[Token]) -> list[tuple[Pattern, int, int]]:
    """All matches as (pattern, start offset, end offset), leftmost first."""
    ix = _index(patterns)
    found = []  # (start, -end, pattern index, pattern, end)
    by_keys = ix.by_keys
    if ix.always:
        visits = [(i, sorted(set(by_keys[t.keys]) | set(ix.always))) for i, t in enumerate(tokens)]
    else:   # only the tokens some pattern may start at
        visits = [(i, c) for i, t in enumerate(tokens) if (c := by_keys[t[3]])]
    for i, cands in visits:
        tok = tokens[i]
        for k in cands:
            p = patterns[k]
            if p.elems and p.elems[0][0] == "word":
                j = _match_at(tokens, i + 1, ix.rest[k])
            else:
                j = _match_at(tokens, i, p.elems)
            if j is None or j == i:
                continue
            if p.negative:
                neg = ix.negative[k]
                if any(_word_ok(t, neg, ()) for t in tokens[max(0, i - 3):i]):
                    continue
            end = tokens[j - 1].end
            found.append((tok.start, -end, k, p))
    found.sort(key=lambda m: (m[0], m[1], m[2]))
    return [(p, s, -ne) for s, ne, _k, p in found]
