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
                               nominative ("Łukowie" -> "Łuków", "Bielsku-Białej" -> "Bielsko-Biała"),
                               disambiguated with the town gazetteer (``extractor.nlp.gazetteer``)
* ``person_nominative(name)``  "Dariusza Partyki" -> "Dariusz Partyka"

Every choice is made from Morfeusz's own analyses and generated paradigms;
there are no suffix tables here.
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import NamedTuple, Sequence

import morfeusz2

CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")
_NOMINAL = {"subst", "depr", "ger"}
_ADJ = {"adj", "ppas", "pact"}
_PERSON_NAMES = frozenset(("imię", "nazwisko"))
_GENDERS = ("m1", "m2", "m3", "f", "n", "n1", "n2", "p1", "p2", "p3")
GEO = ("nazwa_geograficzna", "człon_nazwy_geograficznej")
PROPER = ("nazwa_geograficzna", "imię", "nazwisko", "nazwa_organizacji", "nazwa_obiektu", "człon_nazwy_geograficznej")
# prepositions and words that end the inflected head of a name ("Komenda ... w Łukowie")
TAIL_PREPOSITIONS = {"w", "we", "na", "nad", "pod", "przy", "dla", "z", "ze", "do", "od", "ds.", "im.", "i", "oraz",
                     "przed", "za", "po", "u", "ul.", "al.", "os.", "pl.", "nr", "nr.", "numer", "imienia", "-", "–", "—"}
_OPEN_PUNCT = "\"'„“”«»([{‚‘"
_CLOSE_PUNCT = "\"'„“”«»)]},.;:!?‚‘’"


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
    quals: tuple = ()  # qualifiers: daw., pot., hom., bot., ...


@lru_cache(maxsize=1)
def _morfeusz() -> morfeusz2.Morfeusz:
    return morfeusz2.Morfeusz(expand_tags=False, separate_numbering=True)


def dictionary_id() -> str:
    """The Morfeusz dictionary in use, e.g. ``pl.sgjp.sgjp-2026.06.01``."""
    m = _morfeusz()
    try:
        return m.dict_id()
    except Exception:  # pragma: no cover - older bindings
        return "unknown"


@lru_cache(maxsize=4096)
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
        elif vals[0] in _GENDERS:
            gender.update("n" if v.startswith("n") else v for v in vals)
    return pos, frozenset(number), frozenset(case), frozenset(gender)


def _clean_lemma(lemma: str) -> str:
    return lemma.split(":", 1)[0] if ":" in lemma and not lemma.startswith(":") else lemma


def _ign(word: str) -> Analysis:
    return Analysis(word, word, word, "ign", frozenset(), frozenset(), frozenset(), (), "ign", ())


# the tag (with its parse), name classes and qualifiers of an interpretation, by their ids in the dictionary:
# for each interpretation the binding makes new strings (and lists) of them, an id's values never change
_TAGS: dict[int, tuple[str, tuple]] = {}
_NAMES: dict[int, tuple] = {}
_QUALS: dict[int, tuple] = {}


def _interpretations(word: str) -> list[tuple]:
    """Morfeusz's interpretations of ``word``: (start node, end node, form, lemma as Morfeusz spells it,
    (tag, :func:`_parse_tag` of it), name classes, qualifiers) -- what ``morfeusz2.Morfeusz.analyse`` gives,
    read through the ids of the tag, names and qualifiers (21 instead of 27 µs for a word not seen before)."""
    wrapper = _morfeusz()
    m = getattr(wrapper, "_morfeusz_obj", None)
    if m is None:  # pragma: no cover - another binding: its own conversion
        return [(s, e, f, lem, (tag, _parse_tag(tag)), tuple(n), tuple(q))
                for s, e, (f, lem, tag, n, q) in wrapper.analyse(word)]
    out = []
    for i in m.analyse(word):
        tag = _TAGS.get(i.tagId)
        if tag is None:
            text = i.getTag(m)
            tag = _TAGS[i.tagId] = (text, _parse_tag(text))
        names = _NAMES.get(i.nameId)
        if names is None:
            names = _NAMES[i.nameId] = tuple(i.getName(m))
        quals = _QUALS.get(i.labelsId)
        if quals is None:
            quals = _QUALS[i.labelsId] = tuple(i.getLabels(m))
        out.append((i.startNode, i.endNode, i.orth, i.lemma, tag, names, quals))
    return out


@lru_cache(maxsize=200_000)
def analyse(word: str) -> tuple[Analysis, ...]:
    """All analyses of one word form (no spaces). Unknown words get pos 'ign'."""
    if not word:
        return ()
    out = []
    raw = _interpretations(word)
    last = max((i[1] for i in raw), default=0)
    for _s, _e, form, lem, (tag, parsed), names, quals in raw:
        if _s != 0 or _e != last:  # a form Morfeusz splits into segments: keep whole-word readings only
            continue
        out.append(Analysis(form, _clean_lemma(lem), lem, *parsed, names, tag, quals))
    if not out:
        out.append(_ign(word))
    return tuple(out)


def known(word: str) -> bool:
    """Whether Morfeusz knows ``word`` (some analysis of it is no 'ign')."""
    return any(a.pos != "ign" for a in analyse(word))


@lru_cache(maxsize=100_000)
def generate(raw_lemma: str) -> tuple[tuple[str, str], ...]:
    """(form, tag) pairs for a lemma as Morfeusz spells it (with homonym marker)."""
    return tuple((f, t) for f, t, _n, _q in _generate_full(raw_lemma))


@lru_cache(maxsize=100_000)
def _generate_full(raw_lemma: str) -> tuple[tuple[str, str, tuple, tuple], ...]:
    try:
        return tuple((f, t, tuple(n), tuple(q)) for f, _l, t, n, q in _morfeusz().generate(raw_lemma))
    except Exception:  # unknown lemma
        return ()


def _is_proper(a: Analysis) -> bool:
    return any(n in PROPER for n in a.names)


def is_proper_reading(a: Analysis) -> bool:
    """Whether the reading is of a proper name (a surname, a first name, a place, …)."""
    return _is_proper(a)


def lemmas(word: str) -> list[str]:
    """Candidate lemmas of a word, most plausible first.

    Lowercase words prefer common-noun/verb readings, capitalised words keep
    Morfeusz's order; archaic ('daw.') readings go last, unknown words give themselves.
    """
    return list(_lemmas(word))


@lru_cache(maxsize=100_000)
def _lemmas(word: str) -> tuple[str, ...]:
    seen: dict[str, tuple] = {}
    capital = word[:1].isupper()
    for i, a in enumerate(analyse(word)):
        key = a.lemma if _is_proper(a) else a.lemma.lower()
        rank = (a.pos == "ign", "daw." in a.quals, (not capital) and _is_proper(a), i)
        if key not in seen or rank < seen[key]:
            seen[key] = rank
    return tuple(k for k, _ in sorted(seen.items(), key=lambda kv: kv[1]))


def lemma(word: str) -> str:
    ls = lemmas(word)
    return ls[0] if ls else word


def match_case(template: str, word: str) -> str:
    """Give ``word`` the capitalisation pattern of ``template``."""
    if not word:
        return word
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    if template[:1].islower():
        return word[:1].lower() + word[1:]
    return word


def agreeing_nominative(adjective: str, noun: str) -> str | None:
    """The singular nominative of ``adjective`` in the gender of ``noun``, written as ``adjective`` is ("Mazurskim",
    "Pogotowie" -> "Mazurskie"); None when the dictionary knows neither as such."""
    genders = frozenset(g for a in analyse(noun) if a.pos == "subst" for g in a.gender)
    if not genders:
        return None
    for a in analyse(adjective.lower()):
        if a.pos == "adj" and (form := _inflect(a, "nom", "sg", genders)):
            return match_case(adjective, form)
    return None


def _extra_tags(tag: str) -> set:
    """Tag values besides number/case/gender that a generated form must share (degree, aspect, negation...)."""
    out = set()
    for p in tag.split(":")[1:]:
        if p in ("pos", "com", "sup", "aff", "neg", "perf", "imperf", "ncol", "col", "pt"):
            out.add(p)
    return out


def _inflect(a: Analysis, case: str = "nom", number: str | None = None, gender: frozenset | set | None = None) -> str | None:
    """The form of ``a``'s lemma in ``case``; keeps number (or ``number``) and gender (or ``gender``).

    Among several forms (kuratorzy/kuratorowie) the one without qualifiers, then the shortest, wins."""
    if a.pos == "ign":
        return None
    return _inflect_cached(a, case, number, frozenset(gender) if gender else None)


@lru_cache(maxsize=50_000)
def _inflect_cached(a: Analysis, case: str, number: str | None, gender: frozenset | None) -> str | None:
    want_num = {number} if number else set(a.number)
    want_gen = set(gender) if gender else set(a.gender)
    extra = _extra_tags(a.tag)
    cands = []
    for k, (form, tag, names, quals) in enumerate(_generate_full(a.raw_lemma)):
        pos, num, cas, gen = _parse_tag(tag)
        if pos != a.pos or case not in cas:
            continue
        if want_num and num and not (num & want_num):
            continue
        if want_gen and gen and not (gen & want_gen):
            continue
        if not extra <= set(tag.split(":")[1:]):
            continue
        if a.names and names and not (set(names) & set(a.names)):
            continue
        cands.append((bool(quals), len(form), k, form))
    if not cands:
        return None
    return min(cands)[3]


# ---------------------------------------------------------------- tokens of a phrase

_WORD_RE = re.compile(r"\S+")


class _Tok(NamedTuple):
    start: int
    end: int
    pre: str      # leading punctuation
    core: str     # the word itself
    post: str     # trailing punctuation


def _tokens(phrase: str) -> list[_Tok]:
    out = []
    for m in _WORD_RE.finditer(phrase):
        w = m.group()
        i, j = 0, len(w)
        while i < j and w[i] in _OPEN_PUNCT:
            i += 1
        while j > i and w[j - 1] in _CLOSE_PUNCT:
            # keep the abbreviation dot of "ds." / "im." / "nr."
            if w[j - 1] == "." and w[i:j].lower() in TAIL_PREPOSITIONS:
                break
            j -= 1
        out.append(_Tok(m.start(), m.end(), w[:i], w[i:j], w[j:]))
    return out


def _rebuild(phrase: str, toks: Sequence[_Tok], new: dict[int, str]) -> str:
    if not new:
        return phrase
    parts = []
    pos = 0
    for k, t in enumerate(toks):
        if k in new:
            parts.append(phrase[pos:t.start])
            parts.append(t.pre + new[k] + t.post)
            pos = t.end
    parts.append(phrase[pos:])
    return "".join(parts)


def _head_region(toks: Sequence[_Tok], start_at: int = 0) -> int:
    """Number of leading tokens that can belong to the inflected head."""
    for i, t in enumerate(toks):
        if not t.core:
            return i
        if i > start_at and (t.core.lower() in TAIL_PREPOSITIONS or t.core[:1].isdigit()):
            return i
        if i > 0 and t.pre:               # an opening quote starts a proper name: "Szkoła „Promyk”"
            return i
        if t.post and any(c in ",;:!?)" for c in t.post):
            return i + 1
    return len(toks)


# ---------------------------------------------------------------- word analyses incl. hyphenated compounds

def _word_analyses(word: str) -> tuple[Analysis, ...]:
    """Analyses of a word; a hyphenated compound unknown as a whole ("Sanitarno-Epidemiologicznej")
    takes the analyses of its last part."""
    an = analyse(word)
    if an and an[0].pos == "ign" and "-" in word.strip("-"):
        last = word.rsplit("-", 1)[1]
        if last:
            return analyse(last)
    return an


def _inflect_word(word: str, a: Analysis, case: str, number: str | None, gender=None) -> str | None:
    """Inflect a (possibly hyphenated) word whose chosen analysis is ``a``."""
    if "-" in word.strip("-") and analyse(word)[0].pos == "ign":
        parts = word.split("-")
        last = _inflect(a, case, number, gender)
        if not last:
            return None
        out = []
        for p in parts[:-1]:
            # an inner part inflects when it has a reading agreeing with the last one ("Bielsku-Białej")
            new = p
            for b in analyse(p):
                if b.pos in _ADJ | _NOMINAL and (b.case & a.case) and (b.number & a.number):
                    f = _inflect(b, case, number, gender if b.pos in _ADJ else None)
                    if f:
                        new = match_case(p, f)
                        break
            out.append(new)
        out.append(match_case(parts[-1], last))
        return "-".join(out)
    f = _inflect(a, case, number, gender)
    return match_case(word, f) if f else None


def _agrees(adj: Analysis, head: Analysis, case: str) -> bool:
    if case not in adj.case or case not in head.case:
        return False
    if not (adj.number & head.number):
        return False
    if adj.gender and head.gender and not (adj.gender & head.gender):
        return False
    return True


def adjective_agrees(head: str, adjective: str, case: str) -> bool:
    """Whether ``adjective`` (a word) can be an adjective agreeing in ``case`` with the noun ``head`` (a word):
    "Wsi" and "Wielkiej" in the locative ("w Nowej Wsi Wielkiej")."""
    return any(_agrees(a, h, case) for a in _adj_readings(adjective) for h in _noun_readings(head))


def _adj_readings(word: str) -> list[Analysis]:
    return [a for a in _word_analyses(word) if a.pos in _ADJ]


# the endings an adjective of a place takes ("Fordońskiej", "Ursynowskiego"): the dictionary may know the
# word only as a surname of that shape
_PLACE_ADJECTIVE_ENDING = re.compile(r"(?:[sc]k|dzk)(?:i|a|ie|iego|iej|iemu|im|imi|ich|ą)$")


def _premodifier_readings(word: str) -> list[Analysis]:
    """Readings of a word before a head noun: its adjective readings, else, for a capitalised word of a place
    adjective's shape known only as a surname, that surname ("Fordońskiej Spółdzielni Mieszkaniowej":
    Morfeusz has no adjective of Fordon; the surname inflects the same way)."""
    out = _adj_readings(word)
    if not out and word[:1].isupper() and _PLACE_ADJECTIVE_ENDING.search(word):
        out = [a for a in _word_analyses(word) if a.pos == "subst" and "nazwisko" in a.names]
    return out


def _premodifier_agrees(a: Analysis, head: Analysis, case: str) -> bool:
    """:func:`_agrees`, a surname read as an adjective taking any masculine head (its gender is m1)."""
    if a.pos in _ADJ:
        return _agrees(a, head, case)
    masculine = {"m1", "m2", "m3"}
    return case in a.case and case in head.case and bool(a.number & head.number) \
        and (bool(a.gender & head.gender) or bool(a.gender & masculine and head.gender & masculine))


def _noun_readings(word: str) -> list[Analysis]:
    return [a for a in _word_analyses(word) if a.pos in _NOMINAL]


# ---------------------------------------------------------------- to_nominative

def _head_choice(words: Sequence[str], prefer_case: str | None = None):
    """Choose the head of a name phrase: optional pre-modifying adjectives, the head noun,
    agreeing post-modifying adjectives. Returns (case, [(index, analysis)], head) or (None, [], None)."""
    n = len(words)
    best = None
    for i in range(n):
        if i > 0 and not _premodifier_readings(words[i - 1]):
            break
        heads = _noun_readings(words[i])
        lower_or_common = words[i][:1].islower()
        for order, h in enumerate(heads):
            for case in sorted(h.case, key=CASES.index):
                chosen = []
                ok = True
                for k in range(i):
                    m = [a for a in _premodifier_readings(words[k]) if _premodifier_agrees(a, h, case)]
                    if not m:
                        ok = False
                        break
                    chosen.append((k, m[0]))
                if not ok:
                    continue
                chosen.append((i, h))
                post = []
                j = i + 1
                while j < n:
                    m = [a for a in _adj_readings(words[j]) if _agrees(a, h, case)]
                    if not m:
                        break
                    post.append((j, m[0]))
                    j += 1
                # adjectives right before a following noun that they agree with belong to that noun
                # ("Komendzie Miejskiej Państwowej Straży" -> "Państwowej" modifies "Straży");
                # the first post-modifier always stays with the head ("Komenda Miejska Policji")
                if j < n and len(post) > 1:
                    nxt = _noun_readings(words[j])
                    while len(post) > 1:
                        k, _a = post[-1]
                        if any(_agrees(b, x, c) for b in _adj_readings(words[k]) for x in nxt for c in x.case):
                            post.pop()
                        else:
                            break
                chosen.extend(post)
                common = not _is_proper(h)
                score = (
                    len(chosen),                          # whole head agrees
                    case == prefer_case,
                    common or not lower_or_common,        # lowercase words are common nouns
                    common,                               # common nouns over surnames
                    "sg" in h.number,                     # "osiedla" -> osiedle (sg gen), not pl nom
                    case == "nom",
                    not ({"daw.", "przest."} & set(h.quals)),   # (obsolete readings last: "Koła" koło, not koł)
                    -i,
                    -order,
                    -CASES.index(case),
                )
                if best is None or score > best[0]:
                    best = (score, case, chosen, h)
    if best is None:
        return None, [], None
    return best[1], best[2], best[3]


@lru_cache(maxsize=20_000)
def to_nominative(phrase: str, prefer_case: str | None = None) -> str:
    """Inflect the head of a name phrase into the nominative, keep the rest verbatim.

    ``"Miejskiego Ośrodka Pomocy Rodzinie w Lublinie"`` -> ``"Miejski Ośrodek Pomocy Rodzinie w Lublinie"``;
    ``"Kuratorami Sądowymi"`` -> ``"Kuratorzy Sądowi"`` (number is kept). ``prefer_case`` breaks
    ties between readings when the caller knows the case (e.g. "gen" after "do").
    """
    toks = _tokens(phrase)
    if not toks:
        return phrase
    cut = _head_region(toks)
    words = [t.core for t in toks[:cut]]
    case, chosen, head = _head_choice(words, prefer_case)
    if not chosen or case == "nom":
        return phrase
    number = "sg" if "sg" in head.number else "pl"
    new = {}
    for k, a in chosen:
        if a is head:
            form = _inflect_word(words[k], a, "nom", number)
        else:   # an adjective takes the head's gender; a surname read as one keeps its own
            form = _inflect_word(words[k], a, "nom", number, head.gender if a.pos in _ADJ else None)
        if form:
            new[k] = form
    return _rebuild(phrase, toks, new)


# ---------------------------------------------------------------- place_nominative

def _geo_readings(word: str) -> list[Analysis]:
    return [a for a in analyse(word) if a.pos in _NOMINAL and any(n in GEO for n in a.names)]


def _is_plural_name(a: Analysis) -> bool:
    return "pl" in a.number and "sg" not in a.number and "pt" not in a.tag.split(":")


# a capitalised adjective of a place name: stem, the "-sk-/-ck-/-dzk-" (or hard stem's last) part, the case ending
UNKNOWN_ADJ = re.compile(r"^([A-ZĄĆĘŁŃÓŚŹŻ][^\W\d_]+?)(?:(sk|ck|dzk)(i|a|ie|iego|iej|iemu|im|ą|ich|imi)"
                          # a hard stem in an oblique case only ("Przecznej"): "-na", "-y" may be a noun's
                          r"|(n|w|t|r|ł)(ej|ego|emu|ym|ą|ych|ymi))$")
# known adjectives with those endings, to inflect an unknown one by analogy
ADJ_PROXY = {"sk": "pol", "ck": "niemie", "dzk": "łó", "n": "ład", "w": "no", "t": "zło", "r": "sta", "ł": "ma"}


def adjective_proxy(word: str, surnames: bool = False) -> tuple[str, str, str] | None:
    """For a capitalised adjective of a place the dictionary does not know ("Ślężańskiego"): a known one with the
    same ending ("Polskiego"), the known one's stem ("polsk") and the word's own ("Ślężańsk"), to read or inflect
    it by analogy; None for a known word.  ``surnames``: also a "-ski" word the dictionary knows only as a person's
    name ("Skrzyńskim", "Kiszewskich": the places' adjectives "Skrzyńskie", "Kiszewskie")."""
    m = UNKNOWN_ADJ.match(word)
    if not m:
        return None
    an = analyse(word)
    if not all(a.pos == "ign" for a in an) and not (
            surnames and m.group(2) and an and all(a.pos in _NOMINAL and a.names and set(a.names) <= _PERSON_NAMES
                                                   for a in an)):
        return None
    stem, suffix, ending = m.group(1), (m.group(2) or m.group(4)), (m.group(3) or m.group(5))
    proxy = ADJ_PROXY[suffix.lower()] + suffix.lower()
    return proxy.capitalize() + ending, proxy, stem + suffix


def _place_options(parts: Sequence[str]):
    opts = _place_options_1(parts, False)
    if len(parts) > 1:
        opts += _place_options_1(parts, True)
    return opts


def _place_options_1(parts: Sequence[str], adj_as_adj: bool):
    """All nominative renderings of a run of words/hyphen parts, as (text, score-parts) tuples.

    Geographic noun readings of the parts must share a case; adjectives agree with the
    first noun (case, number, gender) and take its gender in the nominative."""
    per_part = []
    for k, p in enumerate(parts):
        if adj_as_adj and (any(a.pos in _ADJ for a in analyse(p)) or (k and adjective_proxy(p, surnames=True))):
            per_part.append([])  # read as an adjective agreeing with the noun ("Gorzowie Wielkopolskim", "Woli Uhruskiej")
            continue
        geo = _geo_readings(p)
        if not geo:
            nouns = [a for a in analyse(p) if a.pos in _NOMINAL and a.names and "nazwa_pospolita" not in a.names]
            geo = nouns
        per_part.append(geo)
    if adj_as_adj and len(parts) == 2 and per_part[0] == [] and parts[1][:1].isupper() \
            and all(set(a.names) <= _PERSON_NAMES for a in per_part[1]):
        # a village named by an adjective and a common noun, both capitalised ("w Suchym Lesie" -> "Suchy Las", as
        # "Nowy Dwór"): the noun heads when no place's reading does (not a person's: "Leś")
        per_part[1] = [a for a in analyse(parts[1]) if a.pos == "subst" and "nazwa_pospolita" in a.names]
    noun_idx = [i for i, g in enumerate(per_part) if g]
    if not noun_idx:
        return []
    options = []
    choice_lists = [list(enumerate(per_part[i])) for i in noun_idx]
    for combo in itertools.islice(itertools.product(*choice_lists), 256):
        shared = set(CASES)
        for _o, a in combo:
            shared &= set(a.case)
        if not shared:
            continue
        for case in sorted(shared, key=CASES.index):
            head = combo[0][1]
            texts = list(parts)
            ok = True
            for (order, a), i in zip(combo, noun_idx):
                if case == "nom":
                    continue
                f = _inflect(a, "nom")
                if not f:
                    ok = False
                    break
                texts[i] = match_case(parts[i], f)
            if not ok:
                continue
            # adjectives (and unknown words) around the nouns
            agree_all = True
            for i, p in enumerate(parts):
                if i in noun_idx:
                    continue
                proxy = None if any(a.pos in _ADJ for a in analyse(p)) else adjective_proxy(p, surnames=True)
                # (an adjective the dictionary does not know is read as a known one with its ending: "Uhruskiej" as
                # "Polskiej")
                adjs = [a for a in analyse(proxy[0].lower() if proxy else p) if a.pos in _ADJ and _agrees(a, head, case)]
                if adjs:
                    if case != "nom":
                        num = "pl" if _is_plural_name(head) or ("pl" in head.number and "sg" not in head.number) else "sg"
                        f = _inflect(adjs[0], "nom", num, head.gender)
                        if f and proxy:
                            f = proxy[2] + f[len(proxy[1]):] if f.startswith(proxy[1]) else None
                        if f:
                            texts[i] = match_case(p, f)
                elif any(a.pos in _ADJ for a in analyse(p)) or proxy:
                    agree_all = False
            sg = all(not _is_plural_name(a) for _o, a in combo)
            daw = any("daw." in a.quals for _o, a in combo)
            order = sum(o for o, _a in combo)
            options.append((texts, (agree_all, sg, not daw, case == "nom", -order, -CASES.index(case))))
    return options


@lru_cache(maxsize=20_000)
def place_nominative(phrase: str) -> str:
    """A place name in the nominative ("Łukowie" -> "Łuków", "Starych Babicach" -> "Stare Babice",
    "Bielsku-Białej" -> "Bielsko-Biała", "Nakle nad Notecią" -> "Nakło nad Notecią").

    Candidates come from Morfeusz's geographic readings; one that the town gazetteer knows wins (a county
    seat before a smaller town), otherwise the first singular, non-archaic reading. Unknown words stay as written."""
    from extractor.nlp.gazetteer import town_rank

    toks = _tokens(phrase)
    if not toks:
        return phrase
    cut = _head_region(toks)
    words = [t.core for t in toks[:cut]]
    # split hyphenated words into parts, remembering where they came from
    parts: list[str] = []
    owner: list[int] = []
    for k, w in enumerate(words):
        sub = w.split("-") if ("-" in w.strip("-") and analyse(w)[0].pos == "ign") else [w]
        for s in sub:
            parts.append(s)
            owner.append(k)
    options = _place_options(parts)
    if not options:
        return phrase
    tail = phrase[toks[cut].start:] if cut < len(toks) else ""

    def assemble(texts):
        out_words = []
        for k, w in enumerate(words):
            out_words.append("-".join(t for t, o in zip(texts, owner) if o == k))
        return out_words

    best = None
    for texts, score in options:
        ws = assemble(texts)
        head_name = " ".join(ws)
        full = (head_name + " " + tail).strip() if tail else head_name
        key = (town_rank(full), town_rank(head_name)) + score
        if best is None or key > best[0]:
            best = (key, ws)
    new = {k: w for k, w in enumerate(best[1]) if w != words[k]}
    return _rebuild(phrase, toks, new)


# ---------------------------------------------------------------- person_nominative

def _person_word_readings(word: str) -> list[Analysis]:
    return [a for a in analyse(word) if a.pos in _NOMINAL | _ADJ and "sg" in a.number]


@lru_cache(maxsize=20_000)
def person_nominative(name: str) -> str:
    """A person's name ("Dariusza Partyki") in the nominative ("Dariusz Partyka").

    The case and gender come from the reading of the first name(s) that the surname agrees
    with ("Krzysztofa Gałuszki" is a man's name in the genitive, not a woman's in the
    nominative); an all-capital name gets normal capitalisation; unknown surnames stay."""
    toks = _tokens(name)
    if not toks:
        return name
    words = [t.core for t in toks]

    def norm(w: str) -> str:
        if w.isupper() and len(w) > 1:
            return "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))
        return w

    firsts = [a for a in analyse(words[0]) if "imię" in a.names and "sg" in a.number]
    best = None
    for fo, f in enumerate(firsts):
        for case in sorted(f.case, key=CASES.index):
            if case == "voc":
                continue
            gender = f.gender
            chosen = [(0, f)]
            score_known = 0
            proper = 0
            for k in range(1, len(words)):
                parts = words[k].split("-")
                ok_parts = []
                for p in parts:
                    cands = [a for a in _person_word_readings(p) if case in a.case
                             and (a.gender & gender or a.pos in _ADJ and not a.gender)]
                    if any(a.pos != "ign" for a in analyse(p)):
                        score_known += 1
                        if not cands:
                            # a common noun used as a man's surname may have another gender (Gałuszka)
                            cands = [a for a in _person_word_readings(p) if case in a.case and a.pos in _NOMINAL
                                     and "m" in "".join(gender) and "nazwa_pospolita" in a.names]
                            if not cands:
                                ok_parts = None
                                break
                    cands.sort(key=lambda a: ("nazwisko" not in a.names and "imię" not in a.names, a.pos != "subst"))
                    if cands and ("nazwisko" in cands[0].names or "imię" in cands[0].names):
                        proper += 1
                    ok_parts.append(cands[0] if cands else None)
                if ok_parts is None:
                    break
                chosen.append((k, ok_parts))
            else:
                score = (len(chosen), proper, case == "nom", -fo, -CASES.index(case))
                if best is None or score > best[0]:
                    best = (score, case, gender, chosen)
    if best is None:
        return _rebuild(name, toks, {k: norm(w) for k, w in enumerate(words) if norm(w) != w})
    _score, case, gender, chosen = best
    new = {}
    for k, item in chosen:
        w = words[k]
        if k == 0:
            f = _inflect(item, "nom", "sg") if case != "nom" else None
            new[0] = match_case(norm(w), f) if f else norm(w)
            continue
        parts = w.split("-")
        out = []
        for p, a in zip(parts, item):
            f = None
            if a is not None and case != "nom":
                f = _inflect(a, "nom", "sg", gender if a.pos in _ADJ else None)
            out.append(match_case(norm(p), f) if f else norm(p))
        new[k] = "-".join(out)
    new = {k: v for k, v in new.items() if v != words[k]}
    return _rebuild(name, toks, new)
