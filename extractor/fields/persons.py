"""Field extractor: persons — named people (the officer included) with rank and role.

A person is a capitalised first name (Morfeusz class ``imię``) followed by a capitalised word
that can be a surname (class ``nazwisko`` or unknown to the dictionary); a middle first name is
allowed.  Names inside street, estate or patron names ("ul. Jana Pawła II", "osiedla Bronisława
Chącińskiego", "im. Marii Konopnickiej") are not persons.  The rank (abbreviated or written out)
right before the name and the role phrase before that are attached.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.fields import names as N
from extractor.nlp import gazetteer, morph
from extractor.resources import read_tsv
from extractor.sections import WRAP_WIDTH
from extractor.text_cache import PerWord

_HONORIFIC = {"pan", "pani", "państwo", "ks", "ksiądz", "dr", "mgr", "inż", "prof", "st", "mł"}
# words after which a name belongs to a place or patron, not to a person
_PLACE_WORDS = {"ul", "ulica", "al", "aleja", "pl", "plac", "os", "osiedle", "im", "imię", "imienia", "rondo",
                "skwer", "park", "patron", "św", "święty", "most", "bulwar", "pomnik"}
# place words that name a patron only when written as part of a proper name ("Szkoła Jana Pawła II",
# not "dyrektor szkoły Haliny Kowalskiej")
_CAP_PLACE_WORDS = {"szkoła", "gimnazjum", "liceum", "przedszkole", "zespół", "centrum", "dom", "ośrodek",
                    "fundacja", "stowarzyszenie", "towarzystwo", "parafia", "kościół", "hospicjum"}
# words that may stand between "im." and a patron's name ("im. św. Brata Alberta", "im. ks. Jana Twardowskiego")
_PATRON_TITLES = {".", "św", "święty", "bł", "błogosławiony", "ks", "ksiądz", "kard", "bp", "abp", "o", "gen",
                  "marsz", "prof", "dr", "brat", "siostra", "ojciec", "matka", "papież", "króla", "król",
                  "królowa", "hetman", "płk", "kpt", "por", "mjr", "rtm", "bohater"}
# prepositions after which "Lewina Brzeskiego" is more likely a town than a person
_PLACE_PREPS = {"z", "ze", "w", "we", "do", "od", "spod", "koło", "pod", "przez", "dla"}
ROLE_NOUNS = {"komendant", "zastępca", "naczelnik", "kierownik", "dyrektor", "wiceprezydent", "prezydent",
              "burmistrz", "wiceburmistrz", "wójt", "wicewójt", "starosta", "wicestarosta", "radny",
              "przewodniczący", "przewodnicząca", "pełnomocnik", "dzielnicowy", "rzecznik", "oficer", "prezes",
              "sekretarz", "skarbnik", "sołtys", "moderator", "koordynator", "specjalista", "członek",
              "komendantka", "dyrektorka", "kierowniczka", "inspektor", "asystent", "marszałek", "wojewoda",
              "poseł", "posłanka", "senator", "pedagog", "psycholog", "kurator", "policjant", "policjantka"}


@lru_cache(maxsize=1)
def _location_heads() -> frozenset:
    heads = set(_PLACE_WORDS)
    for r in read_tsv("locations", "heads.tsv"):
        if r["name"] == "street":
            heads.add(N.phrase_lemmas(r["head"])[0])
    return frozenset(heads)


def _may_start_name(w: str) -> bool:
    """A person's name may begin with ``w``: a capitalised first name that is no honorific ("Pan", "Pani"), in the
    singular ("Hale Mirowskie", "Hal Mirowskich" are halls)."""
    return bool(w[:1].isupper() and N.is_word(w) and N.is_first_name(w)) and w.lower().rstrip(".") not in _HONORIFIC \
        and not N.lemma_set(w) & {"pan", "pani"} \
        and any("sg" in a.number for a in morph.analyse(w) if "imię" in a.names)


_NAME_STARTS = PerWord(_may_start_name)


_OF_GMINA = frozenset(("Gminy", "Miasta", "Powiatu", "Sołectwa", "GMINY", "MIASTA"))


def _names(document, after_rank: frozenset = frozenset()):
    """The name candidates of the document; ``after_rank``: where a name may start right after a police rank."""
    text = document.text
    toks = N.tokens(text)
    heads = _location_heads()
    out = []
    starts, last, nxt = _NAME_STARTS, len(toks) - 1, 0
    # only the tokens a name may begin with are visited; a name found (or a place name) is skipped whole
    for i in [k for k, t in enumerate(toks) if starts[t[0]]]:
        if i < nxt or i >= last:
            continue
        t = toks[i]
        # no line break inside a name, but in a paragraph wrapped at its width ("… wójt Gminy Niegowa Bogusław" /
        # "Ciupa, zastępca …": a scan's or a hard-wrapped document's long line, one break and no more)
        def same_line(a, b):
            gap = text[a.end:b.start]
            return "\n" not in gap or (gap.count("\n") == 1 and not gap.strip()
                                       and a.end - text.rfind("\n", 0, a.start) - 1 >= WRAP_WIDTH)
        words = [t]
        j = i + 1
        if i > 0 and toks[i - 1].text in _OF_GMINA and same_line(toks[i - 1], t) and j + 1 < len(toks) \
                and N.is_first_name(toks[j].text) and N.is_cap(toks[j + 1]) and same_line(t, toks[j + 1]):
            continue   # a gmina's name before its head's name: "Wójt Gminy Pawłów Mirosław Kęsik"
        if j + 1 < len(toks) and N.is_first_name(toks[j].text) and N.is_word(toks[j + 1]) \
                and N.is_surname_like(toks[j + 1].text) and same_line(t, toks[j]) and same_line(toks[j], toks[j + 1]) \
                and not _is_first_name_only(toks[j + 1].text):
            if not _same_gender(t.text, toks[j].text) and gazetteer.is_town(t.text):
                continue   # "WOPR Jarosław Marta Fedyk-Kuźniar": a town before a woman's name (read from "Marta"), not
                # a man's second name "Maria" ("Jan Maria Nowak")
            words = [t, toks[j], toks[j + 1]]
        elif N.is_word(toks[j]) and same_line(t, toks[j]) and (N.is_surname_like(toks[j].text) or (
                N.is_first_name(toks[j].text) and not (j + 1 < len(toks) and N.is_cap(toks[j + 1])
                                                       and N.is_word(toks[j + 1])))):
            words = [t, toks[j]]
        elif N.is_word(toks[j]) and N.is_cap(toks[j]) and same_line(t, toks[j]) and N.is_first_name(t.text) \
                and toks[j].end < len(text.rstrip()) and t.start in after_rank:
            # after a rank, a first name's next word is its surname, whatever else the dictionary knows it as
            # ("insp. Dariusz Kozłowiec"; not a page cut inside it: "sierż. Agata Rumi")
            words = [t, toks[j]]
        else:
            continue
        # the case of the name must fit: both words caps or both title
        if (N.is_upper(words[0].text)) != (N.is_upper(words[-1].text)):
            continue
        p = _prev_index(toks, i)
        prev = toks[p] if p >= 0 else None
        if prev is not None and prev.low in _PATRON_TITLES and p > 0:
            # a title between a place's head and its patron: "ul. ks. Władysława Skierkowskiego"
            before = _prev_word(toks, p)
            if before is not None and N.lemma_set(before.text) & heads and "\n" not in text[before.end:prev.start]:
                prev = before
        if prev is not None and "\n" not in text[prev.end:t.start] and \
                (N.lemma_set(prev.text) & heads or prev.text[:1].isdigit()
                 or (N.is_cap(prev) and N.lemma_set(prev.text) & _CAP_PLACE_WORDS)):
            nxt = i + len(words)
            continue
        if _after_patron(toks, i) or _is_place(toks, i, words) or (prev is not None and prev.low in ("w", "we")):
            # ("W Hali Mirowskiej": no one is a place things happen in)
            nxt = i + len(words)
            continue
        out.append((i, words))
        nxt = i + len(words)
    return toks, out


def _after_patron(toks, i) -> bool:
    """A name after "im." with titles in between ("im. św. Brata Alberta Koło ...") is a patron."""
    m = i - 1
    while m >= 0 and i - m <= 6:
        low = toks[m].low
        if low in ("im", "imienia"):
            return True
        if low in _PATRON_TITLES or N.lemma_set(toks[m].text) & _PATRON_TITLES:
            m -= 1
            continue
        return False
    return False


def _is_place(toks, i, words) -> bool:
    """"z Lewina Brzeskiego": a town of the gazetteer, or a geographic name with an agreeing adjective
    after a preposition, is no person."""
    raw = " ".join(w.text for w in words)
    if len(words) == 2 and i and toks[i - 1].low in ("na", "w", "we") and N.adjective_proxy(words[1].text) \
            and any(a.pos == "subst" and "nazwa_pospolita" in a.names for a in morph.analyse(words[0].text)):
        return True   # a common noun and an adjective the dictionary does not know, where: "na Hali Miziowej"
    if not any("nazwa_geograficzna" in a.names for a in morph.analyse(words[0].text)):
        return False  # a first name with no geographic reading starts no town (the cheap test first)
    if gazetteer.is_town(morph.place_nominative(raw)) or gazetteer.is_town(raw):
        return True
    if len(words) != 2 or i == 0 or toks[i - 1].low not in _PLACE_PREPS:
        return False
    first, second = words
    geo = {c for a in morph.analyse(first.text) if "nazwa_geograficzna" in a.names for c in a.case}
    adj = {c for a in morph.analyse(second.text.lower()) if a.pos == "adj" for c in a.case}
    part = {c for a in morph.analyse(second.text) if "człon_nazwy_geograficznej" in a.names for c in a.case}
    return bool(geo & (adj | part))


def _same_gender(first: str, second: str) -> bool:
    """Two first names one person may bear: a gender both can have (a man's and a woman's name are two people or a
    town and a name)."""
    def genders(w):
        return {g for a in morph.analyse(w) if "imię" in a.names and "sg" in a.number for g in a.gender}
    g1, g2 = genders(first), genders(second)
    return not g1 or not g2 or bool(g1 & g2)


def _is_first_name_only(word: str) -> bool:
    return N.is_first_name(word) and not any("nazwisko" in a.names for a in morph.analyse(word))


def _prev_index(toks, i) -> int:
    """The index of the word before token ``i``, past abbreviations' full stops (-1 when none)."""
    m = i - 1
    while m >= 0 and toks[m].text == ".":
        m -= 1
    return m


def _prev_word(toks, i):
    m = _prev_index(toks, i)
    return toks[m] if m >= 0 else None


# how far back a name's clause is looked for: a role phrase is at most 16 words, and the scan is per
# name (a page that is one long list of names took time quadratic in its length)
MAX_CLAUSE = 1000


def _clause_boundary(text: str, s: int) -> bool:
    """Whether a clause starts at ``s``: after , ; : ( a line break, or a sentence's final full stop."""
    c = text[s - 1]
    return c in ",;:\n(" or (c == "." and s >= 2 and text[s - 2].islower() and (s - 3 < 0 or text[s - 3].islower())
                            and text[s:s + 1].isspace())


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts, looking back at most :data:`MAX_CLAUSE` characters (then
    at the first word boundary after that limit)."""
    s = pos
    limit = max(0, pos - MAX_CLAUSE)
    while s > limit and not _clause_boundary(text, s):
        s -= 1
    if s == limit > 0 and not _clause_boundary(text, s):
        while s < pos and not text[s - 1].isspace():
            s += 1
    return s


def _role(text: str, start: int) -> str | None:
    """The role phrase before a name (or its rank): from the first capitalised role noun of the clause."""
    s = _clause_start(text, start)
    phrase = re.sub(r"\|n\|", " ", text[s:start])
    if not re.search(r"[^\W\d_]", phrase) and s > 0 and text[s - 1] == "\n":
        # a signature: "Burmistrz Kisielic" on an earlier line, "/-/ Rafał Ryszczuk" on this one
        pos = s - 1
        for _ in range(4):
            ls = text.rfind("\n", 0, pos)
            line = text[ls + 1:pos]
            if re.search(r"[^\W\d_]", line):
                phrase = re.sub(r"^[^\w]+", "", re.sub(r"\|n\|", " ", line)).strip()
                break
            if ls < 0:
                break
            pos = ls
    words = phrase.split()
    for k, w in enumerate(words):
        if w[:1].isupper() and N.lemma_set(re.sub(r"\W", "", w)) & ROLE_NOUNS:
            if k > 0 and re.fullmatch(r"[IVX]+", words[k - 1]):
                k -= 1
            role = " ".join(words[k:])
            role = re.sub(r"\s+(Pan|Pani)$", "", role)
            return N.clean_spaces(role) if len(role.split()) <= 16 else None
    return None


_BLANKS = re.compile(r"[ \t]*")


def _extract(document):
    text = document.text
    ranks = N.find_ranks(text)
    rank_end = {}
    for s, e, a in ranks:
        rank_end[e] = (s, a)
    # where a name may start right after a rank ("insp. |Dariusz")
    after_rank = frozenset(_BLANKS.match(text, e).end() for e in rank_end)
    toks, found = _names(document, after_rank)
    people: dict[str, dict] = {}
    order = []
    for i, words in found:
        start, end = words[0].start, words[-1].end
        raw = " ".join(w.text for w in words)
        name = morph.person_nominative(raw)
        name = " ".join(w.capitalize() if w.isupper() else w for w in name.split())
        rank = None
        role_at = start
        # a rank right before the name
        k = start
        while k > 0 and text[k - 1] in " \t":
            k -= 1
        if k in rank_end:
            rank_s, rank = rank_end[k]
            role_at = rank_s
        role = _role(text, role_at)
        key = name.casefold()
        if key in people:
            p = people[key]
            p["rank"] = p.get("rank") or rank
            p["role"] = p.get("role") or role
            continue
        item = document.span(start, end, name=name, rank=rank, role=role)
        people[key] = item
        order.append(key)
    return [people[k] for k in order]


def extract(document):
    """Never let one odd document break the record: log a warning and give no items."""
    try:
        return _extract(document)
    except Exception as exc:  # pragma: no cover - defensive
        document.warnings.append(f"persons: {type(exc).__name__}: {exc}")
        return []
