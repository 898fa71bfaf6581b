"""Shared helpers for the name-bearing extractors (locations, partners, persons).

Tokens with offsets, lemma look-ups, name-class tests over Morfeusz analyses,
and small canonicalisation helpers.  Morphology itself lives in
:mod:`extractor.nlp.morph`; this module only calls it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

from extractor.nlp import morph
from extractor.prefilter import folded_finditer
from extractor.resources import read_tsv
from extractor.text_cache import ByText, PerWord, match_columns, span_tokens

# words, numbers with letters/slashes ("11A", "5/7"), single punctuation marks
_TOKEN_RE = re.compile(r"\d+[A-Za-z]?(?:/\d+[A-Za-z]?)?|[^\W\d_]+(?:[-–][^\W\d_]+)*|[^\s\w]")

PREPOSITIONS = {"w", "we", "na", "przy", "z", "ze", "do", "od", "obok", "koło", "przed", "za", "nad", "pod", "u"}
QUOTES_OPEN = {"„", '"', "“", "«", "'", "”"}
QUOTES_CLOSE = {"”", '"', "“", "»", "'"}


class Tok(NamedTuple):
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


_tuple = tuple.__new__   # a Tok without NamedTuple.__new__'s Python frame
_SHORT = 200   # shorter texts (names, list items) are read directly


def _all_tokens(text: str, a: int = 0, b: int | None = None) -> tuple[list[Tok], list[int]]:
    """The tokens of ``text[a:b]`` (the whole text by default) and their starts: ``_TOKEN_RE`` has no
    look-around, so a search bounded there reads the span as the slice reads."""
    words, starts, ends = match_columns(_TOKEN_RE, text, a, b)
    return list(map(_tuple, repeat(Tok), zip(words, starts, ends))), starts


# the extractors ask for the tokens of many spans of the same document text
_TOKENS: ByText[tuple[list[Tok], list[int]]] = ByText(4)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """The tokens of ``text[start:end]``, with offsets into ``text``."""
    end = len(text) if end is None else end
    if len(text) > _SHORT:
        got = span_tokens(*_TOKENS.get(text, _all_tokens), start, end)
        if got is not None:
            return got
    elif start == 0 and end == len(text):
        return list(_short_tokens(text))   # names and list items repeat across an archive
    return _all_tokens(text, start, end)[0]


@lru_cache(maxsize=20_000)
def _short_tokens(text: str) -> tuple[Tok, ...]:
    return tuple(_all_tokens(text)[0])


def is_word(t: Tok | str) -> bool:
    s = t.text if isinstance(t, Tok) else t
    return s[:1].isalpha()


def is_cap(t: Tok | str) -> bool:
    s = t.text if isinstance(t, Tok) else t
    return s[:1].isupper()


def is_upper(s: str) -> bool:
    return len(s) > 1 and s.isupper()


@lru_cache(maxsize=50_000)
def lemma_set(word: str) -> frozenset:
    """Lower-cased lemmas of a word form (plus the form itself); a compound adjective Morfeusz does not know
    as a whole by the lemmas of its last part ("Miejsko-Gminnego" -> "miejsko-gminny")."""
    out = {word.lower()}
    for a in morph.analyse(word):
        out.add(a.lemma.lower())
    first, _, last = word.rpartition("-")
    if first and last and len(out) == 1:
        out.update(f"{first.lower()}-{x}" for x in lemma_set(last) if x != last.lower())
    if word.isupper() and len(word) > 1:
        for a in morph.analyse(word.lower().capitalize()):
            out.add(a.lemma.lower())
        for a in morph.analyse(word.lower()):
            out.add(a.lemma.lower())
    return frozenset(out)


@lru_cache(maxsize=5_000)
def phrase_lemmas(phrase: str) -> tuple[str, ...]:
    """The lemma of every word of a nominative phrase (for matching rules): the word itself when it is
    one of its lemmas ("droga" is a noun here, not the adjective "drogi"), else its first lemma."""
    out = []
    for w in phrase.split():
        if not w.isalpha():
            out.append(w.lower())
            continue
        lems = [x.lower() for x in morph.lemmas(w)]
        out.append(w.lower() if w.lower() in lems else (lems[0] if lems else w.lower()))
    return tuple(out)


def matches_lemmas(toks: list[Tok], i: int, lemmas: tuple[str, ...]) -> bool:
    if i + len(lemmas) > len(toks):
        return False
    return all(lem in lemma_set(toks[i + k].text) for k, lem in enumerate(lemmas))


def _analyses(word: str):
    an = list(morph.analyse(word))
    if word.isupper() and len(word) > 1:
        an += list(morph.analyse(word.capitalize()))
    return an


@lru_cache(maxsize=50_000)
def is_first_name(word: str) -> bool:
    if not word[:1].isupper() or len(word) < 3:
        return False
    return any("imię" in a.names for a in _analyses(word))


@lru_cache(maxsize=50_000)
def is_surname_like(word: str) -> bool:
    """A capitalised word that can be a surname: Morfeusz knows it as one, or does not know it."""
    if not word[:1].isupper() or len(word) < 2:
        return False
    an = _analyses(word)
    if any("nazwisko" in a.names for a in an):
        return True
    if all(a.pos == "ign" for a in an):
        return True
    # adjective-like surnames ("Kowalski") are usually tagged nazwisko; common nouns are not names
    return False


# a capitalised adjective of a place name and the known adjectives to inflect it by (:func:`morph.adjective_proxy`)
UNKNOWN_ADJ = morph.UNKNOWN_ADJ
ADJ_PROXY = morph.ADJ_PROXY


def adjective_proxy(word: str) -> tuple[str, str, str] | None:
    """For a capitalised adjective of a place the dictionary does not know ("Ślężańskiego"): a known one with the
    same ending ("Polskiego"), the known one's stem ("polsk") and the word's own ("Ślężańsk"), to read or inflect
    it by analogy; None for a known word."""
    first, _, last = word.rpartition("-")
    if first:   # a compound ("Cisowsko-Orłowińskiego"): its last part, the parts before it kept
        got = adjective_proxy(last) if last else None
        return got and (got[0], got[1], f"{first}-{got[2]}")
    return morph.adjective_proxy(word)


@lru_cache(maxsize=50_000)
def has_geo_reading(word: str) -> bool:
    """Some reading of ``word`` is a place's name ("Gronowa": Gronów, Gronowo; also an adjective)."""
    return any("nazwa_geograficzna" in a.names for a in morph.analyse(word))


def has_geo_part_reading(word: str) -> bool:
    """Some reading of ``word`` is the first word of a place's name of more words ("Pilaszkowicach" of "Pilaszkowice
    Pierwsze")."""
    return any("człon_nazwy_geograficznej" in a.names for a in morph.analyse(word))


@lru_cache(maxsize=50_000)
def is_geo_only(word: str) -> bool:
    an = _analyses(word)
    return bool(an) and all(("nazwa_geograficzna" in a.names or a.pos == "ign") for a in an) \
        and any("nazwa_geograficzna" in a.names for a in an)


@lru_cache(maxsize=50_000)
def has_adj(word: str) -> bool:
    return any(a.pos in ("adj", "ppas", "pact") for a in morph.analyse(word))


def nominative(phrase: str) -> str:
    """A name phrase in the nominative, with "numer" written "nr"."""
    out = morph.to_nominative(phrase.strip())
    out = re.sub(r"\b[Nn]umer(?:u|em|ze)?\s+(?=\d)", "nr ", out)
    out = re.sub(r"\b[Nn]r\.?\s*(?=\d)", "nr ", out)
    return clean_spaces(out)


def nominative_by_proxy(words: list[str]) -> list[str]:
    """The nominative of a phrase whose unknown place adjectives are read as their proxies (:func:`adjective_proxy`):
    "Nadleśnictwem Maskulińskim" -> "Nadleśnictwo Maskulińskie"."""
    proxies = [adjective_proxy(w) for w in words]
    nom = nominative(" ".join(p[0] if p else w for w, p in zip(words, proxies))).split()
    if len(nom) != len(words):
        return nominative(" ".join(words)).split()
    return [p[2] + n[len(p[1]):] if p and n.lower().startswith(p[1]) else n for n, p in zip(nom, proxies)]


@lru_cache(maxsize=2_000)
def genitive(phrase: str) -> str | None:
    """The genitive singular of a body's name in the nominative, its adjectives agreeing with its first noun
    ("Rodzinny Ogród Działkowy" -> "Rodzinnego Ogrodu Działkowego", "Polski Związek Wędkarski" -> "Polskiego Związku
    Wędkarskiego"); None when a word cannot be put so."""
    return _inflected(phrase, "sg", "gen")


def singular(phrase: str) -> str | None:
    """The nominative singular of bodies' name in the nominative plural ("Ochotnicze Straże Pożarne" -> "Ochotnicza
    Straż Pożarna"); None when a word cannot be put so or the name is no plural."""
    return _inflected(phrase, "pl", "nom", "sg")


def _inflected(phrase: str, number: str, case: str, to_number: str | None = None) -> str | None:
    """``phrase`` (nominative, of ``number``) in ``case`` and ``to_number`` (else ``number``), its adjectives agreeing
    with its first noun; the words after the noun's own adjectives stay as they are."""
    to_number = to_number or number
    words = phrase.split()
    reads = [[a for a in morph.analyse(w.lower()) if "nom" in a.case and number in a.number and a.pos in ("subst", "adj")]
             for w in words]
    # (the first word read only as a noun: "Polski" may also be one, but is the adjective of "Polski Związek …")
    noun = next((a for rs in reads if not any(x.pos == "adj" for x in rs) for a in rs if a.pos == "subst"), None)
    if noun is None or not noun.gender:
        return None
    out = []
    seen_noun = False
    for k, (w, rs) in enumerate(zip(words, reads)):
        if seen_noun and not any(a.pos == "adj" and a.gender & noun.gender for a in rs):
            out.extend(words[k:])   # the noun's own complement, in the genitive already ("… Rozwiązywania Problemów …")
            break
        seen_noun = seen_noun or any(a is noun for a in rs)
        form = None
        for a in rs:
            if a.pos == "adj" and not a.gender & noun.gender:
                continue
            degree = a.tag.split(":")[4:5]   # an adjective's degree, kept: "Czerwony" -> "Czerwonego", not "Czerwieńszego"
            for f, tag in morph.generate(a.raw_lemma):
                bits = tag.split(":")
                if bits[0] == a.pos and len(bits) > 3 and to_number in bits[1].split(".") and case in bits[2].split(".") \
                        and set(bits[3].split(".")) & noun.gender and bits[4:5] == degree:
                    form = f
                    break
            if form:
                break
        if form is None:
            return None
        out.append(morph.match_case(w, form))
    return " ".join(out)


@lru_cache(maxsize=2_000)
def locative(town: str) -> str:
    """The locative of a town name in the nominative ("Lublin" -> "Lublinie", "Tomaszów Lubelski" ->
    "Tomaszowie Lubelskim", "Nowy Sącz" -> "Nowym Sączu"), for "w ..." tails; the name as it is when
    Morfeusz cannot inflect it."""
    words = town.split()
    if len(words) != 1:
        return _locative_words(town, words)
    parts = town.split("-")
    out = []
    for p in parts:
        # (a part of a hyphenated name inflects too: "Lądek-Zdrój" -> "Lądku-Zdroju")
        geo = [a for a in morph.analyse(p) if ("nazwa_geograficzna" in a.names or "człon_nazwy_geograficznej" in a.names)
               and "nom" in a.case]
        form = None
        for a in geo:
            for f, tag in morph.generate(a.raw_lemma):
                bits = tag.split(":")
                if len(bits) > 2 and "loc" in bits[2].split(".") and bits[0] in ("subst", "adj"):
                    form = f
                    break
            if form:
                break
        out.append(morph.match_case(p, form) if form else p)
    return "-".join(out)


def in_town(town: str) -> str:
    """"w Lublinie", "we Wrocławiu", "we Frampolu": the town's locative with the preposition its first
    sounds take."""
    loc = locative(town)
    return f"{'we' if re.match(r'(?i)[wf][^aąeęioóuy]', loc) else 'w'} {loc}"


def _locative_words(town: str, words: list[str]) -> str:
    """The locative of a name of several words: the noun (a geographical name first) in the locative, the
    adjectives agreeing with it ("Krosno Odrzańskie" -> "Krośnie Odrzańskim", "Łaziska Górne" ->
    "Łaziskach Górnych", "Biała Podlaska" -> "Białej Podlaskiej")."""
    # a place's adjective the dictionary does not know is read as a known one ("Wólka Łasiecka": as "Niemiecka")
    proxies = [adjective_proxy(w) for w in words]
    readings = [morph.analyse(p[0] if p else w) for w, p in zip(words, proxies)]
    nouns = [[] if p else [a for a in an if a.pos == "subst" and "nom" in a.case] for an, p in zip(readings, proxies)]
    adjs = [any(a.pos == "adj" and "nom" in a.case for a in an) for an in readings]
    # a noun known only as a surname ("Rudzka", "Różaniecka") heads no place's name of more words
    named = [an and not all(set(a.names) == {"nazwisko"} for a in an) for an in nouns]
    # the noun: a word that can only be a noun; else the last noun after an adjective ("Nowa Ruda"), the
    # first one otherwise ("Tomaszów Lubelski", "Wola Rudzka")
    heads = [k for k, an in enumerate(nouns) if an and not adjs[k] and named[k]]
    if not heads:
        heads = [k for k, an in enumerate(nouns) if named[k]] or [k for k, an in enumerate(nouns) if an]
        if adjs[0]:
            heads = heads[::-1]
    if heads:
        h = heads[0]
        head = next((a for a in nouns[h] if "nazwa_geograficzna" in a.names), nouns[h][0])
        number, gender = next(iter(head.number), None), head.gender
    else:   # adjectives only ("Biała Podlaska"): they agree with one another
        h, head = None, None
        first = [a for a in readings[0] if a.pos == "adj" and "nom" in a.case]
        if not first:
            return town
        number, gender = next(iter(first[0].number), None), None
    out = []
    for k, w in enumerate(words):
        if k == h:
            form = morph._inflect(head, "loc", number)
        else:
            adj = [a for a in readings[k] if a.pos == "adj" and "nom" in a.case and (not number or number in a.number)
                   and (not gender or not a.gender or a.gender & gender)]
            if adj:
                form = morph._inflect(adj[0], "loc", number, gender or adj[0].gender)
                if form and (p := proxies[k]):   # the proxy's form with the word's own stem
                    form = p[2] + form[len(p[1]):] if form.lower().startswith(p[1]) else None
            elif nouns[k]:   # a second noun in apposition takes the case too: "Góra Kalwaria" -> "Górze Kalwarii"
                noun = next((a for a in nouns[k] if "nazwa_geograficzna" in a.names), nouns[k][0])
                form = morph._inflect(noun, "loc", next(iter(noun.number), None))
            else:
                return town
        if not form:
            return town
        out.append(morph.match_case(w, form))
    return " ".join(out)


def clean_spaces(s: str) -> str:
    """Runs of whitespace as one space, none at the ends (str.split splits at what re matches as whitespace)."""
    return " ".join(s.split())


@lru_cache(maxsize=1)
def ranks() -> tuple[tuple[str, str], ...]:
    return tuple((r["full"], r["abbr"]) for r in read_tsv("ranks.tsv"))


_UNMARKED = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


def _spellings(r: dict) -> list[str]:
    """A rank row's abbreviations: the canonical one, its aliases, and each written without Polish marks
    ("sierż." -> "sierz.", in a text typed without them)."""
    out = [v for v in [r["abbr"]] + [a.strip() for a in (r.get("aliases") or "").split("|")] if v]
    return list(dict.fromkeys(out + [v.translate(_UNMARKED) for v in out]))


@lru_cache(maxsize=1)
def _rank_spellings() -> dict[str, str]:
    """Every abbreviated spelling of a rank (:func:`_spellings`), keyed without spaces and lower-cased, to its
    canonical abbreviation."""
    out: dict[str, str] = {}
    for r in read_tsv("ranks.tsv"):
        for v in _spellings(r):
            out.setdefault(re.sub(r"\s+", "", v).lower(), r["abbr"])
    return out


def _abbr_regex(abbr: str) -> str:
    """"asp. szt." -> parts with their dots, any spacing between them ("asp.szt.")."""
    out = []
    for p in abbr.split():
        out.append(re.escape(p.rstrip(".")) + (r"\." if p.endswith(".") else r"(?![\w.])"))
    return r"\s*".join(out)


@lru_cache(maxsize=1)
def _rank_regex() -> re.Pattern:
    """Abbreviated ranks ("asp.szt.", "mł. insp.", aliases such as "sierż. sztab."), longest first."""
    alts = {v for r in read_tsv("ranks.tsv") for v in _spellings(r)}
    alts = sorted(alts, key=len, reverse=True)
    # every abbreviation begins with a letter, so a match begins a word: ``\b`` lets the engine skip word insides
    edge = r"\b" if all(a[:1].isalpha() for a in alts) else ""
    return re.compile(edge + r"(?<![\w.])(" + "|".join(_abbr_regex(a) for a in alts) + r")(?=\s|$)", re.IGNORECASE)


def _canon_abbr(found: str) -> str | None:
    return _rank_spellings().get(re.sub(r"\s+", "", found).lower())


@lru_cache(maxsize=1)
def _full_ranks() -> tuple[tuple, dict]:
    """Written-out ranks as (lemmas, abbreviation), longest first, and their indices by first lemma."""
    fulls = tuple(sorted(((phrase_lemmas(f), a) for f, a in ranks()), key=lambda x: -len(x[0])))
    by_first: dict[str, list[int]] = {}
    for k, (lems, _a) in enumerate(fulls):
        if lems:
            by_first.setdefault(lems[0], []).append(k)
    return fulls, by_first


def _rank_starts(word: str) -> tuple[int, ...]:
    """The written-out ranks (indices into ``_full_ranks()[0]``, in order) whose first lemma ``word`` has."""
    _fulls, by_first = _full_ranks()
    return tuple(sorted(k for lem in lemma_set(word) for k in by_first.get(lem, ())))


# word -> the written-out ranks it may begin (see _rank_starts), worked out once per word
_RANK_FIRSTS = PerWord(_rank_starts)


def find_ranks(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, canonical abbreviation) of every police rank, abbreviated or written out (any case)."""
    end = len(text) if end is None else end
    out = []
    for m in folded_finditer(_rank_regex(), text, start, end):
        a = _canon_abbr(m.group(1))
        if a:
            out.append((m.start(1), m.end(1), a))
    toks = tokens(text, start, end)
    fulls = _full_ranks()[0]
    firsts, nxt = _RANK_FIRSTS, 0
    # only the tokens a written-out rank may begin with are visited; a rank found is skipped whole
    for i in [k for k, t in enumerate(toks) if firsts[t[0]]]:
        if i < nxt:
            continue
        for k in firsts[toks[i][0]]:
            lems, a = fulls[k]
            if matches_lemmas(toks, i, lems) and all(t.text.isalpha() for t in toks[i:i + len(lems)]):
                out.append((toks[i].start, toks[i + len(lems) - 1].end, a))
                nxt = i + len(lems)
                break
    out.sort()
    # drop overlaps (an abbreviation also read as words)
    res: list[tuple[int, int, str]] = []
    for r in out:
        if res and r[0] < res[-1][1]:
            continue
        res.append(r)
    return res


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Rough sentence around ``pos``: up to a full stop + space + capital, or a blank line."""
    s = pos
    while s > 0:
        if text[s - 1] == "\n" or (text[s - 1] in ".!?" and s < len(text) and text[s].isspace()):
            break
        s -= 1
    e = pos
    while e < len(text):
        if text[e] == "\n" or (text[e] in ".!?" and (e + 1 >= len(text) or text[e + 1].isspace())):
            break
        e += 1
    return s, e
