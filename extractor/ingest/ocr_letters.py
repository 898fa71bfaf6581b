"""Letters an OCR pass misread: "rn" read where the page has "m" ("rnarca" -> "marca", "arnfiteatru" ->
"amfiteatru", "terrninarni" -> "terminami", "Warrninskirn" -> "Warmińskim").

A scan turned to text confuses the letter "m" with the pair "rn" (they look alike in most print fonts), so
dates ("1 rnarca"), names ("Adarn") and every word of a threat may be lost to the dictionary and to the
extractors.  :func:`repair_ocr_letters` mends such a text, one word at a time, each decided by Morfeusz:

* a text is read only when three words or more that Morfeusz does not know become words it knows with an "m"
  for some "rn" (a text that merely holds "urna", "czarny" or "Kornel" never changes);
* in a word Morfeusz does not know, each combination of its "rn" pairs read as "m" is tried, fewest first; the
  first spelling Morfeusz knows wins, or one it knows with its diacritics put back (the scan may have lost those
  too: "Warminskim" -> "Warmińskim");
* the text gets shorter by one character for each pair mended, and the offsets to the raw text follow it (the
  "m" maps to the "r" it replaces).
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations

_WORD = re.compile(r"[^\W\d_]*rn[^\W\d_]*")
MIN_WORDS = 3
MAX_PAIRS = 3


@lru_cache(maxsize=20_000)
def repair_word(word: str) -> str | None:
    """``word`` with some of its "rn" read as "m", when Morfeusz knows only that spelling; else None."""
    from extractor.ingest.diacritics import restore_word
    from extractor.nlp.morph import known

    if known(word):
        return None
    slots = [m.start() for m in re.finditer("rn", word)]
    if not slots or len(slots) > MAX_PAIRS:
        return None
    for n in range(1, len(slots) + 1):
        for chosen in combinations(slots, n):
            chars, last = [], 0
            for k in chosen:
                chars.append(word[last:k])
                chars.append("M" if word[k].isupper() else "m")
                last = k + 2
            chars.append(word[last:])
            cand = "".join(chars)
            if known(cand):
                return cand
            marked = restore_word(cand)
            if marked:
                return marked
    return None


def ocr_damaged(text: str) -> bool:
    """Whether ``text`` looks like a scan read with "rn" for "m" (see the module)."""
    if "rn" not in text:
        return False
    found = 0
    for w in dict.fromkeys(_WORD.findall(text)):
        if repair_word(w):
            found += 1
            if found >= MIN_WORDS:
                return True
    return False


def repair_ocr_letters(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """``text`` with its words read "rn" for "m" mended (see the module), and its offsets (one per character
    kept, plus the end) taken from ``offsets``."""
    if not ocr_damaged(text):
        return text, offsets
    parts: list[str] = []
    offs: list[int] = []
    kept = 0
    for m in _WORD.finditer(text):
        fixed = repair_word(m.group())
        if not fixed:
            continue
        parts.append(text[kept:m.start()])
        offs.extend(offsets[kept:m.start()])
        # each character of the mended word maps to the raw character it stands for
        word, i = m.group(), 0
        for c in fixed:
            offs.append(offsets[m.start() + i])
            parts.append(c)
            i += 2 if word[i:i + 2].lower() == "rn" and c.lower() == "m" else 1
        kept = m.end()
    parts.append(text[kept:])
    offs.extend(offsets[kept:])
    return "".join(parts), offs
