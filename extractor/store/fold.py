"""Folding and lemmatising text for the search index.

SQLite's ``unicode61 remove_diacritics 2`` tokenizer folds ą ć ę ń ó ś ź ż but
never ł (ł is a letter of its own in Unicode, not l + a combining mark), so
"lodz" would miss "Łódź".  We therefore fold in Python before indexing:

* :func:`fold` casefolds, strips combining marks and maps ł→l (and a few other
  letters without a decomposition), **one output character per input
  character**, so offsets into the folded text are offsets into the original;
* :func:`lemma_text` gives the folded lemmas of every word (Morfeusz, cached),
  so an inflected query word finds any other form of the same lemma;
* :func:`place_keys` gives the folded spellings a place name may be keyed by
  ("Łukowie" -> {"lukowie", "lukow", "lukowo"}), used to compare towns.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# letters that have no Unicode decomposition into base + combining mark
_SPECIAL = {
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ß": "s", "æ": "a", "Æ": "a",
    "œ": "o", "Œ": "o", "ı": "i", "ħ": "h", "þ": "t", "ŀ": "l",
}

# the tokens FTS5's unicode61 tokenizer sees: runs of letters and digits
WORD_RE = re.compile(r"[^\W_]+")


def _fold_char(c: str) -> str:
    if c in _SPECIAL:
        return _SPECIAL[c]
    low = c.casefold()
    base = "".join(ch for ch in unicodedata.normalize("NFD", low) if not unicodedata.combining(ch))
    if not base:
        return c  # a lone combining mark: keep it, the tokenizer drops it
    return _SPECIAL.get(base[0], base[0])


class _FoldTable(dict):
    def __missing__(self, cp: int) -> str:
        v = _fold_char(chr(cp))
        self[cp] = v
        return v


_TABLE = _FoldTable()


def fold(text: str | None) -> str:
    """Casefold, strip diacritics, ł→l; ``len(fold(s)) == len(s)``."""
    if not text:
        return ""
    return text.translate(_TABLE)


def words(text: str | None) -> list[str]:
    """The words of a text as the index tokenizes them (not folded)."""
    return WORD_RE.findall(text or "")


@lru_cache(maxsize=200_000)
def word_lemmas(word: str, n: int = 3) -> tuple[str, ...]:
    """Folded lemmas of one word form (best first, at most ``n``, distinct)."""
    if word.isdigit():
        return (word,)
    try:
        from extractor.nlp.morph import lemmas
        cands = lemmas(word)
    except Exception:  # the analyser is unavailable or chokes on the word
        cands = [word]
    out: list[str] = []
    for c in cands or [word]:
        f = fold(c)
        # multi-word lemmas or odd ones: keep only the tokenizable part
        for t in WORD_RE.findall(f):
            if t not in out:
                out.append(t)
        if len(out) >= n:
            break
    return tuple(out[:n]) or (fold(word),)


def word_lemma(word: str) -> str:
    return word_lemmas(word)[0]


def lemma_text(text: str | None, n: int = 3) -> str:
    """Space-joined folded lemmas of every word of ``text`` (numbers are left to the text column)."""
    out: list[str] = []
    for w in words(text):
        if w.isdigit():
            continue
        out.extend(word_lemmas(w, n))
    return " ".join(out)


@lru_cache(maxsize=20_000)
def place_keys(name: str | None) -> frozenset:
    """Folded keys a place name may be compared by: the name itself and, for each
    word, its geographic lemmas ("Łukowie" -> lukowie, lukow, lukowo)."""
    if not name:
        return frozenset()
    name = re.sub(r"^(?:w|we|na|z|ze|do|gminie|gmina|gminy|miasto|miasta|mieście|m\.|m\.\s*st\.)\s+", "",
                  name.strip(), flags=re.IGNORECASE)
    keys = {" ".join(fold(name).split())}
    ws = words(name)
    if not ws:
        return frozenset(k for k in keys if k)
    try:
        from extractor.nlp.morph import analyse, place_nominative
        per_word = []
        for w in ws:
            alts = {fold(w)}
            for a in analyse(w):
                if a.names and ("nazwa_geograficzna" in a.names or "człon_nazwy_geograficznej" in a.names):
                    alts.add(fold(a.lemma))
                elif a.pos in ("adj",) and len(ws) > 1:
                    alts.add(fold(a.lemma))
            per_word.append(alts)
        keys.add(" ".join(fold(place_nominative(name)).split()))
        if len(per_word) == 1:
            keys |= per_word[0]
    except Exception:
        pass
    return frozenset(k for k in keys if k)


@lru_cache(maxsize=200_000)
def place_match(stored: str | None, query: str | None) -> bool:
    """Does a stored place name (nominative) match a place the user typed, in any case, with or without diacritics?"""
    if not stored or not query:
        return False
    sk = place_keys(stored)
    qk = place_keys(query)
    if sk & qk:
        return True
    # a diacritic-free inflected form Morfeusz cannot analyse ("lodzi", "lukowie"):
    # accept when one folded form is the other plus a short ending
    sw = words(fold(stored))
    qw = words(fold(query))
    if not sw or len(sw) != len(qw) or len("".join(sw)) < 4:
        return False
    return all(_word_match(a, b) for a, b in zip(sw, qw))


def _word_match(a: str, b: str) -> bool:
    """One folded word of a place name and a folded form typed without diacritics."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 3:
        return False
    # "lukow" + "ie", "lodz" + "i"; but not "lublin" + "iec" (Lubliniec is another town)
    if long_.startswith(short) and long_[len(short):] in _CASE_ENDINGS:
        return True
    # a final vowel replaced by an ending ("warszawa"/"warszawy", "gdynia"/"gdyni", "naklo"/"nakle")
    if len(short) >= 4 and short[-1] in "aeoy" and long_.startswith(short[:-1]) \
            and long_[len(short) - 1:] in _CASE_ENDINGS:
        return True
    return False


# folded case endings of Polish place names
_CASE_ENDINGS = {"", "a", "u", "e", "ie", "em", "iem", "owi", "y", "i", "o", "ach", "ami", "om", "ow", "ej",
                 "ia", "iu", "ii", "ej", "im", "ym", "ich", "ych"}
