"""Polish diacritics put back into a text written without them ("zagrozenie" -> "zagrożenie").

Old pages, posts typed on a keyboard without Polish letters and some exports drop ą ć ę ł ń ó ś ź ż; then no
lemma pattern, no locative and no partner's name matches.  :func:`restore_diacritics` finds such a text and
puts the marks back, one word at a time, each decided by Morfeusz:

* a text is read only when few of its letters carry marks (under 2 %; Polish prose has about 7 %) and
  enough of the words Morfeusz does not know become words it knows with marks ("sie", "dzialania",
  "nietrzezwych"), so an English page or a table of codes is left alone;
* only a word Morfeusz does not know as written changes: a word it knows ("ze", "maja", "Janików") and a
  name it knows in no spelling (a small village) stay as they are, but a lowercase word it knows only as a
  proper name ("konca": Konc) may become a common word ("końca"), a capitalised one known only as a
  person's name ("Lukowie": Luka) a place's ("Łukowie"), and a few function words it knows in a rare
  reading become what ``rules/diacritics.tsv`` lists ("sie" -> "się", "sa" -> "są");
* a word's candidates carry marks on one letter, then on two, then on three (a→ą, c→ć, e→ę, l→ł, n→ń,
  o→ó, s→ś, z→ż/ź, in either case); the first candidates Morfeusz knows win, the leftmost first;
* every letter keeps its place, so the text keeps its length and its offsets to the raw text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations, product

_MARKED = {"a": "ą", "c": "ć", "e": "ę", "l": "ł", "n": "ń", "o": "ó", "s": "ś", "z": "żź"}
_MARKED.update({k.upper(): v.upper() for k, v in _MARKED.items()})
_POLISH_MARKS = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
_WORD = re.compile(r"[^\W\d_]{2,}")
_MARK_RUN = re.compile("[" + "".join(sorted(_POLISH_MARKS)) + "]")
MAX_RATIO = 0.02       # letters with marks / letters, below which a text may be missing its marks
MIN_LETTERS = 150
MIN_RESTORED = 4       # words restored in the sample before the whole text is read
SAMPLE = 80            # unknown word types tried to decide
MAX_CHANGES = 3
# Polish function words written the same with or without marks: prose has many of them
_FUNCTION_WORDS = frozenset("na do oraz nie jest od po dla ze przez przy lub jak to we za pod tym ich".split())
MIN_FUNCTION_SHARE = 0.04
MAX_WORD = 24


def _reading(word: str) -> str | None:
    """How Morfeusz knows ``word``: "common" (some reading is no proper name), "geo" (a place's name),
    "name" (only other proper names, as a person's) or None (not at all)."""
    from extractor.nlp.morph import analyse

    an = [a for a in analyse(word) if a.pos != "ign"]
    if not an and word.isupper():
        an = [a for a in analyse(word.capitalize()) if a.pos != "ign"]
    if not an:
        return None
    if any(not a.names or "nazwa_pospolita" in a.names for a in an):
        return "common"
    if any("nazwa_geograficzna" in a.names for a in an):
        return "geo"
    return "name"


def _fits(word: str, cand: str, was: str | None) -> bool:
    """Whether candidate ``cand`` is a better reading of ``word`` (read ``was`` as written)."""
    got = _reading(cand)
    if word[:1].islower():
        return got == "common"          # a lowercase word is no proper name ("konca": Konc -> "końca")
    if was == "name":
        return got == "geo"             # "w Lukowie": Luka, a person's name -> Łuków, a town
    return got is not None


@lru_cache(maxsize=1)
def _pairs() -> dict[str, str]:
    from extractor.resources import read_tsv

    return {r["written"]: r["marked"] for r in read_tsv("diacritics.tsv")}


@lru_cache(maxsize=50_000)
def restore_word(word: str) -> str | None:
    """The word with its marks put back, when Morfeusz knows it only so (or ``rules/diacritics.tsv`` says
    the written form stands for the marked one); else None."""
    if word in _pairs():
        return _pairs()[word]
    if len(word) > MAX_WORD or any(c in _POLISH_MARKS for c in word):
        return None
    was = _reading(word)
    if was in ("common", "geo"):
        return None
    slots = [k for k, c in enumerate(word) if c in _MARKED]
    for n in range(1, min(MAX_CHANGES, len(slots)) + 1):
        if n == 3 and len(slots) > 12:
            break
        for chosen in combinations(slots, n):
            for marks in product(*(_MARKED[word[k]] for k in chosen)):
                chars = list(word)
                for k, m in zip(chosen, marks):
                    chars[k] = m
                cand = "".join(chars)
                if _fits(word, cand, was):
                    return cand
    return None


def missing_marks(text: str) -> bool:
    """Whether ``text`` looks like Polish written without its diacritics."""
    marks = len(_MARK_RUN.findall(text))
    if marks >= MAX_RATIO * len(text):
        return False   # most texts: more marks than the ratio allows even if every character were a letter
    letters = sum(1 for c in text if c.isalpha())
    if letters < MIN_LETTERS or marks >= MAX_RATIO * letters:
        return False
    words = _WORD.findall(text)
    if sum(1 for w in words if w.lower() in _FUNCTION_WORDS) < MIN_FUNCTION_SHARE * len(words):
        return False   # not Polish prose (English, codes, noise)
    tried = restored = 0
    seen: set[str] = set()
    for w in words:
        if w in seen:
            continue
        seen.add(w)
        if _reading(w) in ("common", "geo"):
            continue
        tried += 1
        if restore_word(w):
            restored += 1
            if restored >= MIN_RESTORED:
                return True
        if tried >= SAMPLE:
            break
    return False


def restore_diacritics(text: str) -> str:
    """``text`` with the marks of its words put back when it is Polish written without them (see the
    module); the same length, letter for letter."""
    if not missing_marks(text):
        return text
    from extractor.resources import abbreviations

    abbr = abbreviations()

    def restore(m: re.Match) -> str:
        w = m.group()
        if text.startswith(".", m.end()) and w.lower() + "." in abbr:
            return w   # an abbreviation with its dot: "godz." (not "gódź"), "ul.", "tel."
        return restore_word(w) or w

    return _WORD.sub(restore, text)

