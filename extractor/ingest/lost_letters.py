"""Polish letters lost to a "?" put back ("zagro?e?" -> "zagrożeń", "pa?dziernika" -> "października").

A text converted to a character set without Polish letters (an old export, a mis-set database column, a PDF
text layer) keeps a "?" where each of ą ć ę ł ń ó ś ź ż stood.  :func:`restore_lost_letters` finds such a
text and puts the letters back, one word at a time, each decided by Morfeusz:

* a text is read only when three words or more hold a "?" between two letters (a question mark ends a word,
  it never stands inside one);
* in a word with a "?" inside or at its end, each "?" becomes one of the nine Polish letters, in the case of
  the letters around it; the first spelling Morfeusz knows with no qualifier wins ("osiągnięcia", not the
  archaic "osięgnięcia"); a word it knows in none keeps its "?", and
  so does a word Morfeusz knows before a final "?" (a question mark: "Dlaczego?");
* one character for one, so the text keeps its length and its offsets to the raw text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

_LETTERS = "łęąóżśćńź"   # the most frequent first: the first spelling Morfeusz knows wins
# a word with a "?" between two of its letters, maybe more, maybe one at its end
_DAMAGED = re.compile(r"[^\W\d_]+(?:\?[^\W\d_]+)+\??|[^\W\d_]+\?(?=[^\W\d_])|[^\W\d_]+\?")
_INNER = re.compile(r"[^\W\d_]\?[^\W\d_]")
MIN_WORDS = 3
MAX_LOST = 3


def lost_letters(text: str) -> bool:
    """Whether ``text`` looks like Polish whose letters were turned into "?"."""
    return "?" in text and len(_INNER.findall(text)) >= MIN_WORDS


@lru_cache(maxsize=20_000)
def restore_word(word: str) -> str | None:
    """``word`` with each "?" a Polish letter, when Morfeusz knows that spelling; else None."""
    from extractor.nlp.morph import analyse

    slots = [k for k, c in enumerate(word) if c == "?"]
    if not slots or len(slots) > MAX_LOST:
        return None
    if slots == [len(word) - 1] and any(a.pos != "ign" for a in analyse(word[:-1])):
        return None   # a word Morfeusz knows, then a question mark ("Dlaczego?")
    upper = word.replace("?", "").isupper() and len(word) > 1
    letters = _LETTERS.upper() if upper else _LETTERS
    rare = None
    for choice in product(letters, repeat=len(slots)):
        chars = list(word)
        for k, c in zip(slots, choice):
            chars[k] = c
        cand = "".join(chars)
        readings = [a for a in analyse(cand) if a.pos != "ign"]
        if any(not a.quals for a in readings):
            return cand
        if readings and rare is None:
            rare = cand   # known only as an archaic or rare form ("osięgnięcia"): kept unless a plain one comes
    return rare


def restore_lost_letters(text: str) -> str:
    """``text`` with the Polish letters a "?" stands for put back (see the module); the same length."""
    if not lost_letters(text):
        return text
    return _DAMAGED.sub(lambda m: restore_word(m.group()) or m.group(), text)
