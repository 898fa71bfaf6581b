"""Polish morphology backed by Morfeusz 2 (SGJP dictionary), with caches.

The analyser returns every analysis of a word form, unranked; this module
adds the deterministic choices the extractors need:

* ``analyse(word)``            all analyses, as :class:`Analysis` tuples (cached)
* ``lemmas(word)``             candidate lemmas, best first
* ``to_nominative(phrase)``    a multi-word name in the nominative: the head
                               noun and the adjectives agreeing with it change,
                               genitive complements and prepositional tails stay
                               ("Straży Miejskiej Miasta Lublin" -> "Straż Miejska Miasta Lublin")
* ``place_nominative(phrase)`` a place name as used after "w"/"na"/"z"... in the
                               nominative ("Łukowie" -> "Łuków", "Bielsku-Białej" -> "Bielsko-Biała")
* ``person_nominative(name)``  "Dariusza Partyki" -> "Dariusz Partyka"
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Sequence

import morfeusz2

CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")
_NOMINAL = {"subst", "depr", "ger"}
_ADJ = {"adj", "ppas", "pact"}
# prepositions that end the inflected head of a name ("Komenda ... w Łukowie")
TAIL_PREPOSITIONS = {"w", "we", "na", "nad", "pod", "przy", "dla", "z", "ze", "do", "od", "ds.", "im.", "i", "oraz"}


class Analysis(NamedTuple):
    form: str
    lemma: str        # without Morfeusz's homonym marker (":Sm1")
    raw_lemma: str    # as Morfeusz gives it, for generation
    pos: str
    number: frozenset
    case: frozenset
    gender: frozenset
    names: tuple      # name classes: nazwa_geograficzna, imię, nazwisko, ...
    tag: str


@lru_cache(maxsize=1)
def _morfeusz() -> morfeusz2.Morfeusz:
    return morfeusz2.Morfeusz(expand_tags=False, separate_numbering=True)


def _parse_tag(tag: str) -> tuple[str, frozenset, frozenset, frozenset]:
    parts = tag.split(":")
    pos = parts[0]
    number: set = set()
    case: set = set()
    gender: set = set()
    for p in parts[1:]:
        vals = p.split(".")
        if vals[0] in ("sg", "pl"):
            number.update(vals)
        elif vals[0] in CASES:
            case.update(vals)
        elif vals[0] in ("m1", "m2", "m3", "f", "n", "n1", "n2", "p1", "p2", "p3"):
            gender.update("n" if v.startswith("n") else v for v in vals)
    return pos, frozenset(number), frozenset(case), frozenset(gender)


def _clean_lemma(lemma: str) -> str:
    return lemma.split(":", 1)[0] if ":" in lemma and not lemma.startswith(":") else lemma


@lru_cache(maxsize=200_000)
def analyse(word: str) -> tuple[Analysis, ...]:
    """All analyses of one word form (no spaces). Unknown words get pos 'ign'."""
    if not word:
        return ()
    out = []
    raw = _morfeusz().analyse(word)
    last = max((e for _s, e, _a in raw), default=0)
    for _s, _e, (form, lemma, tag, names, _quals) in raw:
        if _s != 0 or _e != last:  # a form Morfeusz splits into segments: keep whole-word readings only
            continue
        pos, number, case, gender = _parse_tag(tag)
        out.append(Analysis(form, _clean_lemma(lemma), lemma, pos, number, case, gender, tuple(names), tag))
    if not out:
        out.append(Analysis(word, word, word, "ign", frozenset(), frozenset(), frozenset(), (), "ign"))
    return tuple(out)


@lru_cache(maxsize=100_000)
def generate(raw_lemma: str) -> tuple[tuple[str, str], ...]:
    """(form, tag) pairs for a lemma as Morfeusz spells it (with homonym marker)."""
    try:
        return tuple((f, t) for f, _l, t, _n, _q in _morfeusz().generate(raw_lemma))
    except Exception:  # unknown lemma
        return ()


def lemmas(word: str) -> list[str]:
    """Candidate lemmas of a word, most plausible first (common nouns/verbs before names)."""
    seen: dict[str, int] = {}
    for a in analyse(word):
        key = a.lemma if a.names and any(n in a.names for n in ("nazwa_geograficzna", "imię", "nazwisko")) else a.lemma.lower()
        rank = 0 if a.pos != "ign" else 5
        if "daw." in a.tag:
            rank += 2
        seen.setdefault(key, rank)
    return [k for k, _ in sorted(seen.items(), key=lambda kv: kv[1])]


def lemma(word: str) -> str:
    ls = lemmas(word)
    return ls[0] if ls else word


def match_case(template: str, word: str) -> str:
    """Give ``word`` the capitalisation pattern of ``template``."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _inflect(a: Analysis, case: str = "nom", number: str | None = None) -> str | None:
    """The form of ``a``'s lemma in ``case``, keeping number and gender."""
    want_num = {number} if number else set(a.number)
    best = None
    for form, tag in generate(a.raw_lemma):
        pos, num, cas, gen = _parse_tag(tag)
        if pos != a.pos or case not in cas:
            continue
        if want_num and not (num & want_num):
            continue
        if a.gender and gen and not (gen & a.gender):
            continue
        if a.pos in _ADJ and "pos" not in tag.split(":"):
            continue
        best = form if best is None else best
        if "nazwa_pospolita" in tag or best:
            break
    return best


_WORD_RE = re.compile(r"\S+")


def _agree(a: Analysis, b: Analysis) -> set:
    """Cases shared by two analyses that also agree in number and gender."""
    if not (a.number & b.number):
        return set()
    if a.gender and b.gender and not (a.gender & b.gender):
        return set()
    return set(a.case & b.case)


def _head_choice(words: Sequence[str], prefer_case: str | None = None):
    """Pick, for the leading run of adjectives + head noun + agreeing adjectives,
    one analysis per word sharing a case. Returns (n_words_in_head, case, analyses)."""
    best = None
    # find the head noun: first word with a nominal analysis (capitalised names count)
    for i, w in enumerate(words):
        cands = [a for a in analyse(w) if a.pos in _NOMINAL]
        if not cands:
            if any(a.pos in _ADJ for a in analyse(w)):
                continue
            break
        for head in cands:
            for case in sorted(head.case, key=lambda c: (c != prefer_case, c != "nom", CASES.index(c))):
                chosen: list = []
                ok = True
                for w2 in words[:i]:  # pre-modifying adjectives
                    m = [a for a in analyse(w2) if a.pos in _ADJ and case in _agree(a, head)]
                    if not m:
                        ok = False
                        break
                    chosen.append(m[0])
                if not ok:
                    continue
                chosen.append(head)
                j = i + 1
                while j < len(words):
                    m = [a for a in analyse(words[j]) if a.pos in _ADJ and case in _agree(a, head)]
                    if not m:
                        break
                    chosen.append(m[0])
                    j += 1
                score = (j, case == prefer_case, "nazwa_pospolita" in head.names or head.names == ())
                if best is None or score > best[0]:
                    best = (score, j, case, chosen, head)
        break
    if best is None:
        return 0, None, []
    return best[1], best[2], best[3]


def to_nominative(phrase: str) -> str:
    """Inflect the head of a name phrase into the nominative, keep the rest verbatim."""
    words = _WORD_RE.findall(phrase)
    if not words:
        return phrase
    # only the part before a tail preposition or a number is the inflecting head
    cut = len(words)
    for i, w in enumerate(words):
        if i > 0 and (w.lower() in TAIL_PREPOSITIONS or w[:1].isdigit() or w.lower() in ("nr", "numer")):
            cut = i
            break
    head_len, case, chosen = _head_choice(words[:cut])
    if not chosen or case == "nom":
        return phrase
    out = list(words)
    head = chosen[-1] if chosen else None
    for k, a in enumerate(chosen):
        number = "sg" if "sg" in a.number else None
        form = _inflect(a, "nom", number)
        if form:
            out[k] = match_case(words[k], form)
    return " ".join(out)


def place_nominative(phrase: str) -> str:
    """A place name in the nominative ("Łukowie" -> "Łuków", "Starych Babicach" -> "Stare Babice",
    "Bielsku-Białej" -> "Bielsko-Biała", "Nakle nad Notecią" -> "Nakło nad Notecią")."""
    words = _WORD_RE.findall(phrase)
    if not words:
        return phrase
    cut = len(words)
    for i, w in enumerate(words):
        if i > 0 and w.lower() in TAIL_PREPOSITIONS:
            cut = i
            break
    out = list(words)
    for k in range(cut):
        w = words[k]
        if "-" in w and not w.startswith("-"):
            out[k] = "-".join(_place_word(p) for p in w.split("-"))
        else:
            out[k] = _place_word(w, words[:cut])
    return " ".join(out)


def _place_word(word: str, context: Sequence[str] = ()) -> str:
    an = analyse(word)
    geo = [a for a in an if a.pos in _NOMINAL and ("nazwa_geograficzna" in a.names or "człon_nazwy_geograficznej" in a.names)]
    if geo:
        # prefer a locative/genitive singular reading, then the plural-tantum ones
        geo.sort(key=lambda a: (not (a.case & {"loc", "gen", "nom"}), "pl" in a.number and "pt" not in a.tag))
        a = geo[0]
        if "nom" in a.case:
            return word
        form = _inflect(a, "nom")
        return match_case(word, form or a.lemma)
    adj = [a for a in an if a.pos in _ADJ]
    if adj and len(context) > 1:
        # adjective in a multi-word place name: agree with the noun of the phrase
        nouns = [x for w in context if w != word for x in analyse(w) if x.pos in _NOMINAL and "nazwa_geograficzna" in x.names]
        for a in adj:
            for n in nouns:
                if _agree(a, n):
                    form = _inflect(a, "nom", "pl" if "pl" in n.number and "sg" not in n.number else "sg")
                    if form:
                        return match_case(word, form)
        form = _inflect(adj[0], "nom")
        if form:
            return match_case(word, form)
    return word


def person_nominative(name: str) -> str:
    """A person's name ("Dariusza Partyki") in the nominative ("Dariusz Partyka")."""
    words = _WORD_RE.findall(name)
    if not words:
        return name
    # decide the case from the first name, which Morfeusz knows best
    first = [a for a in analyse(words[0]) if "imię" in a.names]
    if not first or any("nom" in a.case for a in first):
        return " ".join(w.title() if w.isupper() else w for w in words)
    case_opts = set().union(*(a.case for a in first))
    gender = set().union(*(a.gender for a in first))
    out = []
    for w in words:
        cands = [a for a in analyse(w) if a.pos in _NOMINAL | _ADJ and (a.case & case_opts)
                 and ("imię" in a.names or "nazwisko" in a.names or a.pos in _ADJ)
                 and (not a.gender or a.gender & gender)]
        form = _inflect(cands[0], "nom", "sg") if cands else None
        out.append(match_case(w, form) if form else w)
    return " ".join(out)
