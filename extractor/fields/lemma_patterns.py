"""A small matcher of lemma patterns over text, for rules written as data.

Pattern syntax (one pattern per TSV row):

* words are separated by spaces; each word lists alternatives with ``|``:
  ``spożywać|picie alkohol|alkoholowy``
* an alternative matches when it equals one of the token's Morfeusz lemmas or its
  lower-cased form; ``alkohol~`` matches any lemma/form starting with ``alkohol``
* ``..N`` lets up to N other tokens stand between two words: ``pies ..3 luzem|bezpański``
* ``!word`` as the first element: the pattern is rejected when that word occurs
  within the 3 tokens before the match (``!kierować nietrzeźwy``)

Tokens are the words of the text (``\\w+`` with inner hyphens), so offsets are exact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.nlp.morph import lemmas

_WORD = re.compile(r"\w+(?:-\w+)*")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    keys: frozenset  # lower-cased lemmas and form


@lru_cache(maxsize=100_000)
def _keys(word: str) -> frozenset:
    low = word.lower()
    return frozenset([low] + [l.lower() for l in lemmas(word)] + [l.lower() for l in lemmas(low)])


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end(), _keys(m.group())) for m in _WORD.finditer(text, start, end)]


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
            elems.append(("word", frozenset(a for a in alts if not a.endswith("~")),
                          tuple(a[:-1] for a in alts if a.endswith("~"))))
    return Pattern(label, tuple(elems), tuple(negative), spec)


def _word_ok(tok: Token, alts: frozenset, prefixes: tuple) -> bool:
    if tok.keys & alts:
        return True
    return any(k.startswith(p) for k in tok.keys for p in prefixes)


def _match_at(tokens: list[Token], i: int, elems: tuple) -> int | None:
    """Index after the last matched token, or None."""
    if not elems:
        return i
    kind = elems[0][0]
    if kind == "gap":
        n = elems[0][1]
        for skip in range(0, n + 1):
            r = _match_at(tokens, i + skip, elems[1:])
            if r is not None:
                return r
        return None
    if i >= len(tokens) or not _word_ok(tokens[i], elems[0][1], elems[0][2]):
        return None
    return _match_at(tokens, i + 1, elems[1:])


def find(patterns: list[Pattern], tokens: list[Token]) -> list[tuple[Pattern, int, int]]:
    """All matches as (pattern, start offset, end offset), leftmost first."""
    out = []
    for p in patterns:
        for i in range(len(tokens)):
            j = _match_at(tokens, i, p.elems)
            if j is None or j == i:
                continue
            if p.negative and any(_word_ok(t, frozenset(p.negative), ()) for t in tokens[max(0, i - 3):i]):
                continue
            out.append((p, tokens[i].start, tokens[j - 1].end))
    out.sort(key=lambda m: (m[1], -m[2]))
    return out
