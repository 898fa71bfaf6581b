"""Field extractor: locations — the places of the threat (streets, estates, named buildings) and,
for news, the named venue of the reported event.

Head nouns and their kinds come from ``rules/locations/heads.tsv``.  Street names keep the
case they are named with ("ul. Samsonowicza") except adjectives, which agree with the head and
go to the nominative ("ul. Niegolewskich, Robotniczej" -> "ul. Robotnicza").  Generic buildings
get their town ("Dom Kultury w Koszęcinie").
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from extractor.fields import names as N
from extractor.fields.persons import ROLE_NOUNS
from extractor.fields.threats import threat_sentences
from extractor.nlp import morph
from extractor.nlp.gazetteer import is_town, river_forms, river_of_form, rivers, town_rank, town_tail
from extractor.prefilter import twin_matches
from extractor.resources import read_lines, read_tsv
from extractor.text_cache import PerWord

_ABBR = {"ul": "ulica", "al": "aleja", "pl": "plac", "os": "osiedle"}
_ABBR_LONGEST = max(map(len, _ABBR))
_MONTHS = {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
           "września", "października", "listopada", "grudnia"}
_ROMAN = re.compile(r"^[IVXL]+$")
# abbreviations whose dot ends no sentence
_ABBR_DOTS = {"ul", "al", "pl", "os", "nr", "im", "św", "ks", "gen"}
# words after which a building name belongs to an organisation (a partner or a role), not a place
_MANAGEMENT = {"dyrekcja", "dyrektor", "przedstawiciel", "pedagog", "kierownik", "wójt", "burmistrz",
               "starosta", "prezes", "naczelnik", "komendant", "pracownik", "strona", "administracja"}
# nouns that introduce a village as the place of the threat
_LOCALITY_NOUNS = ("miejscowość", "wieś", "sołectwo")
# people a building belongs to as an audience ("z młodzieżą Zespołu Szkół"): in a plan the building is then
# no place of the threat; in news it is the venue of the reported meeting
_AUDIENCE = {"uczeń", "uczennica", "młodzież", "wychowanek", "podopieczny", "pensjonariusz", "słuchacz",
             "student", "nauczyciel", "rodzic", "grono", "klasa", "senior", "uczestnik"}
# words between a subject and its verb ("Urząd także zadeklarował"), and verbs that describe a place
_VERB_FILLERS = {"się", "już", "także", "również", "też", "nie", "ponadto", "dodatkowo", "wkrótce", "natomiast"}
_STATIVE = {"być", "znajdować", "mieścić", "sąsiadować", "stanowić", "leżeć", "pozostawać", "graniczyć", "stać"}
# nouns naming the surroundings of a place; they stand for a preposition ("odwiedzili okolice dworca")
_REGION_NOUNS = {"okolica", "rejon", "teren", "pobliże", "sąsiedztwo", "otoczenie"}
# lowercase abbreviations inside names ("park im. Jana Pawła II", "ul. ks. Popiełuszki")
_NAME_ABBR = ("im", "św", "ks", "gen", "marsz", "kard", "bp", "abp", "bł", "pl", "al", "płk", "kpt", "prof", "dr")
# section kinds that are no place description in a strategy
_STRATEGY_SKIP = ("partners", "implementer", "indicators", "budget", "communication", "addressees")
# section kinds of a strategy that describe the problem (buildings named there are places of the threat)
_STRATEGY_FULL = ("threat", "goal", "justification", "diagnosis")


@lru_cache(maxsize=1)
def _generic_adjectives() -> frozenset:
    """Adjectives that do not name a place by themselves ("Miejski Ośrodek Kultury" still needs its town)."""
    return frozenset(r["adjective"] for r in read_tsv("locations", "generic_adjectives.tsv"))


@lru_cache(maxsize=1)
def _heads() -> tuple[dict, ...]:
    out = []
    for r in read_tsv("locations", "heads.tsv"):
        r = dict(r)
        r["lemmas"] = N.phrase_lemmas(r["head"])
        # a head written in the plural ("ruiny zamku", "tężnie solankowe"): its first word is no lemma
        r["plural"] = bool(r["lemmas"]) and r["head"].split()[0].lower() != r["lemmas"][0].lower()
        out.append(r)
    out.sort(key=lambda r: -len(r["lemmas"]))
    return tuple(out)


@lru_cache(maxsize=1)
def _heads_by_first() -> tuple[list[int], dict]:
    always: list[int] = []
    by_first: dict[str, list[int]] = {}
    for k, r in enumerate(_heads()):
        if r["lemmas"]:
            by_first.setdefault(r["lemmas"][0], []).append(k)
        else:
            always.append(k)
    return always, by_first


@lru_cache(maxsize=50_000)
def _head_starts(word: str) -> tuple[int, ...]:
    """The heads (indices into ``_heads()``, in order) that may start at ``word``: those whose first lemma
    it has, and those without lemmas."""
    always, by_first = _heads_by_first()
    return tuple(sorted([k for lem in N.lemma_set(word) for k in by_first.get(lem, ())] + always))


def _may_start_head(word: str) -> bool:
    """Whether :func:`_head_at` can find a head at a token with this text: an abbreviation of a head
    ("ul", "al"), or a word with a head starting with one of its lemmas."""
    if len(word) <= _ABBR_LONGEST and word.lower() in _ABBR:
        return True
    return word[:1].isalpha() and bool(_head_starts(word))


_MAY_START_HEAD = PerWord(_may_start_head)   # worked out once per word


def _head_at(toks: list[N.Tok], i: int):
    """(head row, index after the head) when a place head starts at token i."""
    t = toks[i]
    if len(t.text) <= _ABBR_LONGEST and t.low in _ABBR and i + 1 < len(toks) and toks[i + 1].text == "." \
            and not (i > 0 and toks[i - 1].text in "./" and toks[i - 1].end == t.start):
        j = i + 2
        # (a title may open the name: "ul. ks. Władysława Skierkowskiego", "al. gen. Józefa Bema")
        if j < len(toks) and (N.is_cap(toks[j]) or toks[j].text[:1].isdigit()
                              or (toks[j].low in _NAME_ABBR and toks[j].low != "im" and j + 2 < len(toks)
                                  and toks[j + 1].text == "." and N.is_cap(toks[j + 2]))):
            lem = _ABBR[t.low]
            for r in _heads():
                if r["lemmas"] == (lem,):
                    return r, j
        return None
    if not t.text[:1].isalpha():   # N.is_word, inline: this runs for every token
        return None
    heads = _heads()
    for k in _head_starts(t.text):
        r = heads[k]
        if r["name"] == "lower" and t.text[:1].isupper():
            continue   # a proper name's word: "Nowy Staw", "Stawy Milickie"
        if N.matches_lemmas(toks, i, r["lemmas"]):
            n = len(r["lemmas"])
            canon = r["canonical"].split()
            if n > 1 and len(canon) == n and t.text[:1].islower() and any(
                    canon[m][:1].islower() and toks[i + m].text[:1].isupper() for m in range(1, n)):
                # "parku Miejskiego": a proper name, read by the shorter head ("park Miejski"); "Parku Miejskiego"
                # is the head written as a name ("Park Miejski w Oleśnie")
                continue
            # multi-word heads must be written together
            return r, i + n
    return None


def _street_name(toks, j, text):
    """Tokens of a street-like name starting at j; returns (end index, words).

    Lowercase abbreviations inside a name come back as one token with their dot ("im.", "ks."),
    a number joined to a word by a hyphen as one token ("650-lecia")."""
    words: list[N.Tok] = []
    k = j
    while k < len(toks) and len(words) < 7:
        t = toks[k]
        if t.text[:1].isdigit():
            # "3 Maja", "11 Listopada": a number followed by a month name is part of the name
            if k + 1 < len(toks) and toks[k + 1].low in _MONTHS and not words:
                words += [t, toks[k + 1]]
                k += 2
                continue
            # "650-lecia", "1000-lecia"
            if not words and k + 2 < len(toks) and toks[k + 1].text in "-–" and toks[k + 1].start == t.end \
                    and toks[k + 2].start == toks[k + 1].end and N.is_word(toks[k + 2]) and not N.is_cap(toks[k + 2]):
                words.append(N.Tok(text[t.start:toks[k + 2].end], t.start, toks[k + 2].end))
                k += 3
                continue
            break
        if k > 0 and ("\n" in text[toks[k - 1].end:t.start] or "\t" in text[toks[k - 1].end:t.start]):
            break  # no line break inside a name ("nad jeziorem" ending a line, a heading after it), nor a
            # table's cell boundary ("Park Tysiąclecia<tab>Straż Miejska")
        if N.is_word(t) and (N.is_cap(t) or (words and _ROMAN.match(t.text))):
            if t.low in ("w", "we") or (words and N.is_geo_only(t.text) and _prev_is_w(toks, k)):
                break
            if words and _ROMAN.match(t.text):
                words.append(t)
                k += 1
                continue
            if words and not _name_goes_on(toks, k, words) and not (len(words) == 1 and _agrees(words[0].text, t.text)):
                break   # (a head the name's adjective agrees with is the name's noun: "ul. Stary Rynek 14")
            # a capitalised word right after a full stop starts a new sentence
            if words and toks[k - 1].text == "." and not words[-1].text.endswith("."):
                break
            if t.low in _NAME_ABBR and k + 2 < len(toks) and toks[k + 1].text == "." and toks[k + 1].start == t.end \
                    and N.is_cap(toks[k + 2]):
                words.append(N.Tok(t.text + ".", t.start, toks[k + 1].end))  # "Gen.", "Św."
                k += 2
                continue
            words.append(t)
            k += 1
            continue
        if t.low in _NAME_ABBR and k + 2 < len(toks) and toks[k + 1].text == "." and toks[k + 1].start == t.end \
                and (N.is_cap(toks[k + 2]) or toks[k + 2].low in _NAME_ABBR) and (words or t.low != "im"):
            words.append(N.Tok(t.text + ".", t.start, toks[k + 1].end))
            k += 2
            continue
        if t.text == "." and words and words[-1].low in ("im", "św", "ks", "gen", "marsz", "kard", "bp", "pl", "al"):
            k += 1
            continue
        break
    while words and words[-1].text.endswith(".") and words[-1].text[:1].islower():
        words.pop()
        k -= 2
    return k, words


def _prev_is_w(toks, k):
    return k > 0 and toks[k - 1].low in ("w", "we")


def _number(toks, k, text=None):
    """A house number at k (optionally after "nr"); returns (end index, number or None).  With the text
    given, a number on the next line (a date under a heading) or in a table's next column ("interwencje na plaży
    gminnej      23", a tab or a run of spaces before it) is none."""
    m = k
    if m < len(toks) and toks[m].low in ("nr", "numer"):
        m += 1
        if m < len(toks) and toks[m].text == ".":
            m += 1
    if m + 1 < len(toks) and toks[m].text in ("S", "A") and toks[m + 1].start == toks[m].end \
            and toks[m + 1].text.isdigit() and len(toks[m + 1].text) <= 2:
        return m + 2, toks[m].text + toks[m + 1].text   # an expressway's or a motorway's: "drogi ekspresowej S8"
    if m < len(toks) and toks[m].text[:1].isdigit() \
            and not (text is not None and m > 0 and _COLUMN_GAP.search(text, toks[m - 1].end, toks[m].start)) \
            and not (_YEAR_NUMBER.fullmatch(toks[m].text) and m + 1 < len(toks) and toks[m + 1].low in ("r", "r.", "roku")) \
            and not (m == k and m + 1 < len(toks) and toks[m + 1].low in _COUNTED):
        # (not a year: "na drodze gminnej 2026 r.", a table's columns read across; not a count: "nad żwirownią 22 razy")
        num = toks[m].text
        return m + 1, num
    return k, None


_YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")
# what a number right after a place's name counts, when it numbers nothing ("interweniowali nad żwirownią 22 razy")
_COUNTED = frozenset(("razy", "raz", "osób", "osoby", "interwencji", "interwencje", "zgłoszeń", "zgłoszenia", "zdarzeń",
                      "procent", "proc", "%", "lat", "dni", "minut", "godzin", "km", "metrów", "zł", "tys"))
_COLUMN_GAP = re.compile(r"\n|\t| {3,}")


def _adj_nominative(head_row, head_toks, name: str) -> str:
    """Street name with adjectives agreeing with the head put in the nominative; a patron or other
    part after an abbreviation ("Miejskim im. Jana Pawła II") stays as written."""
    words = name.split()
    cut = next((n for n, w in enumerate(words) if w.endswith(".")), len(words))
    if 0 < cut < len(words):
        return _adj_nominative(head_row, head_toks, " ".join(words[:cut])) + " " + " ".join(words[cut:])
    m = N.UNKNOWN_ADJ.match(words[0]) if words else None
    an = morph.analyse(words[0]) if m else ()
    if m and (all(a.pos == "ign" for a in an)
              or all("nazwisko" in a.names and "gen" not in a.case for a in an)):
        # an adjective the dictionary does not know ("Jeziorem Durowskim", "ul. Przecznej"), or knows only as a
        # surname in a case a patron's name would not take ("Jeziorem Wilczkowskim"): inflected like a known
        # adjective with the same ending ("polskim", "ładnej"), then given its own stem back
        stem, suffix, ending = m.group(1), (m.group(2) or m.group(4)), (m.group(3) or m.group(5))
        proxy = N.ADJ_PROXY[suffix.lower()] + suffix.lower()
        out = _adj_nominative(head_row, head_toks, " ".join([proxy.capitalize() + ending] + words[1:]))
        first = out.split()[0]
        if first.lower().startswith(proxy):
            return " ".join([stem + suffix + first[len(proxy):]] + words[1:])
        return name
    if not words or not N.has_adj(words[0]):
        return name
    if any(a.pos in ("adj",) and "nom" in a.case for a in morph.analyse(words[0])):
        return name
    lemma = _ABBR.get(head_toks[0].low) if len(head_toks) == 1 and head_toks[0].low in _ABBR else None
    if lemma is None and len(head_toks) == 1 and not any(
            "sg" in a.number for a in morph.analyse(head_toks[0].text) if a.pos == "subst"):
        lemma = head_row["head"]   # a plural head ("przy ulicach ... Kasztelańskiej"): each street is one
    # a genitive surname-adjective ("osiedlu Czarnieckiego", "ul. Czarnieckiego") does not agree with the head
    adjs = [a for a in morph.analyse(words[0].lower()) if a.pos == "adj"]
    if lemma is None:
        heads = [a for a in morph.analyse(head_toks[-1].text) if a.pos == "subst"] if len(head_toks) == 1 else []
        if heads and not any(a.case & h.case and a.number & h.number and (not a.gender or not h.gender or a.gender & h.gender)
                             for a in adjs for h in heads):
            return name
    else:
        genders = {g for h in morph.analyse(lemma) if h.pos == "subst" for g in h.gender}
        if genders and not any(a.gender & genders for a in adjs if a.gender):
            return name
    forms = []
    if lemma is None:
        forms.append(" ".join(t.text for t in head_toks).lower())
        lemma = head_row["head"]
    seen = set()
    for a in morph.analyse(lemma):
        for f, tag in morph.generate(a.raw_lemma):
            if ":sg:" in tag and f not in seen:
                seen.add(f)
                forms.append(f)
    for f in forms:
        out = morph.to_nominative(f"{f} {name}")
        rest = out.split(" ", len(f.split()))[-1]
        if rest != name:
            return rest
    return name


def _town_after(toks, k, text):
    """A "w <Town>" tail at token k: (end index, tail text as written) or (k, None)."""
    if k + 1 < len(toks) and toks[k].low in ("w", "we") and N.is_cap(toks[k + 1]) and N.is_word(toks[k + 1]):
        m = k + 1
        words = [toks[m]]
        m += 1
        # multi-word towns: "Starych Babicach", "Nakle nad Notecią", "Piotrkowie Trybunalskim"
        while m < len(toks) and "\n" not in text[toks[m - 1].end:toks[m].start]:
            if N.is_cap(toks[m]) and N.is_word(toks[m]) and toks[m - 1].text != "." and not _head_at(toks, m) \
                    and _may_be_locative(toks[m].text):
                # (not the subject of the clause after it: "w Radowie Małym Komendant Powiatowy Policji …")
                words.append(toks[m])
                m += 1
            elif toks[m].low == "nad" and m + 1 < len(toks) and N.is_cap(toks[m + 1]) and town_tail(toks[m + 1].text):
                words += [toks[m], toks[m + 1]]
                m += 2
            else:
                break
        tail = text[toks[k].start:words[-1].end]
        return m, N.clean_spaces(tail)
    return k, None


def _may_be_locative(word: str) -> bool:
    """Whether ``word`` may go on a town's name after "w": a locative reading, or none known ("Trybunalskim", "Zdroju");
    no person's role ("Komendant", "Wójt")."""
    found = [a for a in morph.analyse(word) if a.pos != "ign"]
    return not (N.lemma_set(word) & ROLE_NOUNS) and (not found or any("loc" in a.case for a in found))


def _town_nearby(toks, k, text, limit=6):
    """The first "w <Town>" within a few tokens after k in the same sentence."""
    for m in range(k, min(len(toks), k + limit)):
        if toks[m].text in ".;:!?" and not (toks[m].text == "." and m > 0 and toks[m - 1].low in _ABBR_DOTS):
            return None
        if toks[m].low in ("w", "we"):
            _e, tail = _town_after(toks, m, text)
            if tail:
                return tail
    return None


def _quoted(toks, k):
    """A quoted proper name at k ("„Lewiatan”"): (end index, name) or (k, None)."""
    if k < len(toks) and toks[k].text in N.QUOTES_OPEN:
        m = k + 1
        words = []
        while m < len(toks) and toks[m].text not in N.QUOTES_CLOSE and len(words) < 6:
            words.append(toks[m].text)
            m += 1
        # only a name its closing mark ends, within one sentence ("kąpielisko”.\n– Kolej: …" is a quote closed
        # before: no name opens there)
        if m < len(toks) and words and toks[m].text in N.QUOTES_CLOSE \
                and not any(w in (".", "!", "?", ":") for w in words):
            return m + 1, " ".join(words)
    return k, None


def _name_goes_on(toks, m: int, words: list) -> bool:
    """A name's capitalised word at ``m`` is no place head of its own; a shop's word after the name's first is the
    name's ("sklep Top Market", "Lewiatan Market")."""
    h = _head_at(toks, m)
    return h is None or (bool(words) and h[0]["canonical"] == "sklep" and not N.is_upper(toks[m].text))


def _proper(toks, k, text):
    """A proper name after a building head: quoted, "im. ...", or capitalised words."""
    e, q = _quoted(toks, k)
    if q:
        return e, q
    if k + 1 < len(toks) and toks[k].low == "im" and toks[k + 1].text == ".":
        e2, words = _street_name(toks, k + 2, text)
        if words:
            return e2, "im. " + " ".join(t.text for t in words)
        return k, None
    words = []
    m = k
    while m < len(toks) and N.is_word(toks[m]) and N.is_cap(toks[m]) and len(words) < 3:
        if toks[m].low in ("w", "we") or (m > 0 and toks[m - 1].text == ".") or not _name_goes_on(toks, m, words):
            break
        if m > 0 and ("\n" in text[toks[m - 1].end:toks[m].start] or "\t" in text[toks[m - 1].end:toks[m].start]):
            break   # a name does not run over a line end ("... nr 1\n\nUprzejmie informuję") or a table's cell
        words.append(toks[m])
        m += 1
    if len(words) >= 2 and _person_named(words[0].text):
        return k, None   # a person after the place: "Właścicielka sklepu Bożena Stępień", no shop's name
    if words:
        return m, " ".join(t.text for t in words)
    return k, None


def _person_named(word: str) -> bool:
    """A first name in the nominative singular, and nothing else ("Bożena"; not "Jana" of "Szpital Jana Pawła II",
    nor "Długosz", a plant's name too)."""
    readings = morph.analyse(word)
    return any("imię" in a.names for a in readings) and all(
        "imię" in a.names and "nom" in a.case and "sg" in a.number for a in readings)


def _agreeing_name(head: str, proper: str) -> str:
    """A capitalised name that agrees with the head as an adjective ("Kościele Mariackim", "Dworca
    Centralnego", "Stadionie Miejskim") in the nominative ("Mariacki", "Centralny", "Miejski"); any other
    name as written ("PKP Przemyśl Główny", "Tysiąclecia")."""
    words = proper.split()
    first = [a for a in morph.analyse(words[0]) if a.pos == "adj"]
    heads = [a for a in morph.analyse(head) if a.pos == "subst"]
    genders = {g for h in heads for g in h.gender}
    if not first or not _agrees(words[0], head) or any("nom" in a.case and a.gender & genders for a in first):
        return proper   # no agreeing adjective, or one already in the nominative ("Stadion Miejski")
    nom = N.nominative(f"{head} {proper}").split()
    return " ".join(nom[1:]) if len(nom) == len(words) + 1 else proper


def _locality_of(document):
    loc = document.get("locality")
    return loc if isinstance(loc, str) and loc else None


def _spans(document):
    """(start, end, restricted) spans to read, and spans to skip.

    Plans: the threat and goal sections in full (from their header, which may run on into the text),
    the actions only for streets, estates and areas (the offices, schools and venues named there are
    addressees, partners or meeting places, not places of the threat).  Strategies: everything but the
    partners, implementers, indicators and the like.  News and texts without sections: everything."""
    text = document.text
    news = document.get("doc_type") == "news"
    if not document.sections:
        return [(0, len(text), False)], []
    skip = document.section_spans("communication", "partners")
    if news:
        return [(0, len(text), False)], skip
    if document.get("doc_type") == "strategy":
        # buildings only where the problem is described; streets, estates, squares and roads anywhere
        full = [(s.start, s.end, False) for s in document.sections if s.kind in _STRATEGY_FULL]
        rest = [(a, b, True) for a, b in _minus([(0, len(text))], [(a, b) for a, b, _r in full])]
        return sorted(full + rest), document.section_spans(*_STRATEGY_SKIP)
    spans = sorted([(a, b, False) for a, b in document.threat_spans()]
                   + [(s.start, s.end, False) for s in document.sections if s.kind == "goal"])
    if spans and spans[0][0] == 0:
        skip = skip + _page_head(document)   # the prose before a plan's goal: its page's title names no place
    actions = [s for s in document.sections if s.kind == "actions"]
    if actions and not spans:
        # a plan told in prose up to its list of actions ("Zaplanowano następujące działania:"): the prose
        # before the list describes the threat
        spans = [(0, actions[0].start, False)]
        skip = skip + _page_head(document)
    spans += [(s.body_start, s.end, True) for s in actions]
    if spans:
        return sorted(spans), skip
    # a plan told in prose (a communiqué): the page's title names its issuer, not a place
    return [(0, len(text), False)], skip + _page_head(document)


def _page_head(document) -> list[tuple[int, int]]:
    """The page's title, and the site's name and breadcrumbs above it ("Urząd Miejski w Rucianem-Nidzie"):
    they name the issuer, not a place."""
    titles = [(s.start, s.end) for s in document.sections if s.kind == "title"]
    if titles and titles[0][0] < 400:
        return [(0, titles[0][1])] + titles[1:]
    site = _SITE_NAME.match(document.text)
    return titles + [site.span()] if site else titles


# a page's first line that is only the site's owner: "Urząd Miejski w Rucianem-Nidzie", "Komenda Powiatowa Policji"
_SITE_NAME = re.compile(r"\s*(?:Urząd|Urzad|Komenda|Komisariat|Posterunek|Starostwo|Gmina|Miasto|Powiat|Straż)\b[^.\n]{0,80}(?=\n)")


def _minus(spans, holes):
    """Parts of spans not covered by holes."""
    out = []
    for a, b in spans:
        cur = a
        for s, e in sorted(holes):
            if e <= cur or s >= b:
                continue
            if s > cur:
                out.append((cur, s))
            cur = max(cur, e)
        if cur < b:
            out.append((cur, b))
    return out


def _prev_words(toks, i, n=2):
    out = []
    m = i - 1
    while m >= 0 and len(out) < n:
        if N.is_word(toks[m]):
            out.append(toks[m])
        elif toks[m].text not in (",",):
            break
        m -= 1
    return out


def _numbered_after(toks, i) -> bool:
    """A number follows the head's words ("drogach krajowych nr 8"): numbered roads, not an organisation."""
    return any(toks[m].low in ("nr", "numer") for m in range(i + 1, min(i + 4, len(toks))))


def _org_complement(toks, i, row) -> bool:
    """A head inside an organisation's name ("Wydział ... Urzędu Miasta", "Rad Osiedli"):
    the word before is capitalised mid-sentence, or the head is plural (unless it is plural itself: "ruiny
    zamku", "tężnie solankowe")."""
    t = toks[i]
    if not row["plural"] and not any("sg" in a.number for a in morph.analyse(t.text) if a.pos in ("subst", "ger")) \
            and any(a.pos == "subst" for a in morph.analyse(t.text)) and not _numbered_after(toks, i):
        return True
    if i > 0 and N.is_word(toks[i - 1]) and N.is_cap(toks[i - 1]) and toks[i - 1].low not in N.PREPOSITIONS:
        if i == 1 or toks[i - 2].text in ".!?:;)" or toks[i - 2].text in N.QUOTES_OPEN:
            return False
        if N.is_geo_only(toks[i - 1].text):
            return False
        return True
    return False


def _street_list(toks, i, j, row) -> bool:
    """A street or estate head in the plural before their names: "przy ulicach Wiosny Ludów, Kasztelańskiej i
    Hallera", "na osiedlach Medyk i Łomżyca"."""
    return row["kind"] in ("street", "estate") and row["name"] == "street" and j < len(toks) and N.is_cap(toks[j]) \
        and N.is_word(toks[j]) and not N.is_cap(toks[i]) and not N.is_geo_only(toks[j].text)   # "ulice Puław"


def _management_before(toks, i) -> bool:
    for t in _prev_words(toks, i, 2):
        if N.lemma_set(t.text) & _MANAGEMENT:
            return True
    return False


# a body worked with ("we współpracy z Urzędem Miasta", "wspólnie ze Strażą Miejską", "przy pomocy ...") or a
# page of it ("na profilu Urzędu Miejskiego", "na stronie internetowej Starostwa"): a partner or a website, no place
_NOT_A_PLACE_BEFORE = re.compile(r"(?:\bwspółprac\w*|\bwspóln\w*|\bprzy\s+pomocy|\bz\s+pomocą|\bz\s+udziałem"
                                 r"|\bstronie(?:\s+internetowej)?|\bstronach(?:\s+internetowych)?|\bprofilu"
                                 r"|\bportalu|\bfanpage\w*"
                                 # a body that helps ("W realizacji planu pomagają Urząd Gminy …"), where the officer
                                 # is met ("Dyżur dzielnicowego w Urzędzie Gminy", "przyjmuje interesantów w …")
                                 r"|\bpomaga(?:ją|li)?|\bpomogą|\bwspiera(?:ją|li)?"
                                 r"|\bdyżur\w*(?:\s+[^\W\d]+){0,2}\s+we?|\bprzyjmuj\w*\s+(?:interesantów|mieszkańców|petentów)\s+we?"
                                 r")\s+(?:z(?:e)?\s+)?$", re.I)


# an office's address after its name ("Posterunek Policji w Bielinach, ul. Partyzantów 4, czynny ...", "w Komisariacie
# Policji w Warce przy ul. Warszawskiej"): where
# to go, not a place of the threat
_SEAT = re.compile(r"\b(?:Posterun|Komisaria|Komend|Urz[ąę]d|Starostw|Rewir|Siedzib)\w*(?:[^\n,;:]{0,70},|[^\n,;:.]{0,70}\sprzy)\s*$")
# (also an office's seat written in lower case: "dyżury w siedzibie KPP w Myszkowie przy ul. Pułaskiego 14"; not a
# club's, in news the reported meeting's venue: "Spotkanie odbyło się w siedzibie klubu przy ul. Ogrodowej 3")
_SEAT_LOWER = re.compile(r"\bsiedzib\w*\s+(?:KPP|KMP|KRP|komend\w*|komisariat\w*|posterunk\w*|urzęd\w*|starostw\w*|policji"
                         r"|straży|rewir\w*)(?:[^\n,;:]{0,60},|[^\n,;:.]{0,60}\sprzy)\s*$")


def _at_seat(text: str, start: int) -> bool:
    """A street at ``start`` is an office's address (:data:`_SEAT`, :data:`_SEAT_LOWER`)."""
    a = max(0, start - 90)
    return bool(_SEAT.search(text, a, start) or _SEAT_LOWER.search(text, a, start))


def _not_a_place_before(text: str, start: int) -> bool:
    return bool(_NOT_A_PLACE_BEFORE.search(text, max(0, start - 40), start))


def _prep_before(toks, i) -> bool:
    """A preposition right before the head, or before one or two lowercase words ("w sali konferencyjnej")."""
    m = i - 1
    lower_between = 0
    listed = False
    while m >= 0 and lower_between <= 2 and i - m <= 10:
        t = toks[m]
        if t.low in N.PREPOSITIONS or (N.is_word(t) and not N.is_cap(t) and N.lemma_set(t.text) & _REGION_NOUNS):
            return True  # "okolice dworca" is "w okolicy dworca"
        if t.low in _AND:
            listed = True   # the last of a list of places after one preposition: "w rejonie dworca, przystanku
            m -= 1          # Wejherowo Śmiechowo i Parku Miejskiego"
            continue
        if N.is_word(t) and not N.is_cap(t):
            lower_between += 1
            m -= 1
            continue
        if listed and N.is_word(t):
            m -= 1
            continue
        return False
    return False


_AND = frozenset((",", "i", "oraz"))


_ADJ_SURNAME = re.compile(r"(?:sk|ck|dzk)i$")


def _adjectival_surname(word: str, head_word: str) -> str | None:
    """The masculine nominative of a capitalised word Morfeusz reads only as a surname declined as an adjective
    ("Łazarskim", "Bałuckiego": Łazarski, Bałucki) in the case and number of ``head_word``; else None."""
    if any(a.pos in ("adj", "ppas", "pact") for a in morph.analyse(word)):
        return None
    heads = [h for h in morph.analyse(head_word.lower()) if h.pos == "subst"]
    for a in morph.analyse(word):
        if a.pos == "subst" and "nazwisko" in a.names and _ADJ_SURNAME.search(a.lemma) \
                and any(a.case & h.case and a.number & h.number for h in heads):
            return a.lemma
    return None


def _agrees(adj_word: str, head_word: str) -> bool:
    """An adjective reading of adj_word agreeing in case, number and gender with a noun reading of head_word;
    a compound adjective by its last part ("Miejsko-Gminnego Domu": "-o" joins the parts before it)."""
    first, _, last = adj_word.rpartition("-")
    if first and last:
        return all(p[-1:] == "o" and p[:1].isupper() for p in first.split("-")) and _agrees(last, head_word)
    proxy = N.adjective_proxy(adj_word)
    if proxy:
        adj_word = proxy[0]   # "Ślężańskiego Parku": as "Polskiego Parku"
    adjs = [a for a in morph.analyse(adj_word) if a.pos in ("adj", "ppas", "pact")]
    adjs += [a for a in morph.analyse(adj_word.lower()) if a.pos in ("adj", "ppas", "pact")]
    heads = [h for h in morph.analyse(head_word) if h.pos in ("subst", "ger")]
    heads += [h for h in morph.analyse(head_word.lower()) if h.pos in ("subst", "ger")]
    return any(a.case & h.case and a.number & h.number and (not a.gender or not h.gender or a.gender & h.gender)
               for a in adjs for h in heads)


def _prefix_adjectives(toks, i) -> int:
    """Capitalised adjectives agreeing with the head at i that begin its name ("Sieradzkim Centrum Kultury",
    "Dziennym Domu Pomocy Społecznej", "Starym Rynku"): the index where the name starts (i when none)."""
    m = i
    while m > 0 and i - m < 2:
        t = toks[m - 1]
        if not (N.is_word(t) and N.is_cap(t)) or t.low in N.PREPOSITIONS or not _agrees(t.text, toks[i].text):
            break
        m -= 1
    if m < i and not N.is_cap(toks[i]) and (m == 0 or toks[m - 1].text in ".!?:;"):
        return i   # "Strzeżone kąpielisko działa …": a sentence's first word before a lowercase head, no name
    if m < i and m > 0:
        before = toks[m - 1]
        # "Naczelnik Miejskiego Ośrodka ...": a capitalised word mid-sentence before the adjectives
        if N.is_word(before) and N.is_cap(before) and before.low not in N.PREPOSITIONS \
                and not (m - 1 == 0 or toks[m - 2].text in ".!?:;"):
            return i
    return m


class _Skip:
    """The character spans to skip, merged: ``pos in skip`` by bisection (``any(s <= pos < e ...)`` ran for
    every token)."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            elif s < e:
                merged.append([s, e])
        self.starts = [s for s, _e in merged]
        self.ends = [e for _s, e in merged]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def __contains__(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


def _extract_span(document, a, b, skip, news, restricted=False):
    text = document.text
    toks = N.tokens(text, a, b)
    out = []
    # only the tokens a head may start at are looked at (at any other, _head_at finds nothing)
    may_start = _MAY_START_HEAD
    starts = [k for k, t in enumerate(toks) if may_start[t[0]]]
    i = 0
    while True:
        c = bisect_left(starts, i)
        if c == len(starts):
            break
        i = starts[c]
        if skip and toks[i].start in skip:
            i += 1
            continue
        h = _head_at(toks, i)
        if not h:
            i += 1
            continue
        row, j = h
        if restricted and row["name"] not in ("street", "cap") and row["kind"] != "road" \
                and not (row["kind"] == "area" and row["name"] == "optional" and j - i > 1
                         and N.is_cap(toks[i])):   # ("w Parku Miejskim": read by "park" before)
            i = j
            continue
        abbreviated = toks[i].low in _ABBR and j == i + 2
        head_toks = toks[i:j] if not abbreviated else [toks[i]]
        p = i if abbreviated or row["name"] == "street" else _prefix_adjectives(toks, i)
        if p == i and not abbreviated and _org_complement(toks, i, row) and not _street_list(toks, i, j, row):
            i = j
            continue
        if row["name"] == "street":
            items, i = _streets(document, toks, i, j, row, head_toks)
            out += [it for it in items if not _at_seat(text, it["start"])]
            continue
        if row["name"] == "cap" and not N.is_cap(toks[i]):
            i = j
            continue
        if _management_before(toks, p) or (not news and _audience_before(toks, p)) \
                or (row["kind"] == "building" and _not_a_place_before(text, toks[p].start)) \
                or (news and not _prep_before(toks, p) and not _audience_before(toks, p) and row["kind"] != "road"
                    # (an area a route goes through: "przejazdy quadów przez Ojcowski Park Narodowy")
                    and not (row["kind"] == "area" and p > 0 and toks[p - 1].low == "przez")):
            i = j
            continue
        h = i
        item, i = _building(document, toks, i, j, row, head_toks, out, news=news, prefix=toks[p:i])
        if item and row["kind"] == "building" and not news and _acting(toks, p, h, i, text):
            continue  # "Urząd Gminy ... zadeklarował montaż kamer": a body at work, not a place
        if item:
            out += item
    return out


def _acting(toks, p, h, e, text) -> bool:
    """The building named by toks[p:e] (its head at h) is the subject of a verb of action: in the nominative, after no
    preposition or governing word, and followed (past an insertion between commas) by a finite verb
    agreeing with it ("Miejski Ośrodek Sportu i Rekreacji, na wniosek dzielnicowej, zamontował kamery")."""
    if p > 0:
        prev = toks[p - 1]
        if prev.low in N.PREPOSITIONS or prev.low in ("przez", "dla") or any(
                a.pos in ("fin", "praet", "inf", "ger", "pcon", "pact", "ppas", "imps", "impt")
                for a in morph.analyse(prev.text)):
            return False  # "na Urząd", "odwiedzili Dom Kultury" (an object); "We wrześniu Urząd ..." goes on
    heads = [a for a in morph.analyse(toks[h].text) if a.pos == "subst" and "nom" in a.case] + \
        [a for a in morph.analyse(toks[h].text.lower()) if a.pos == "subst" and "nom" in a.case]
    if not heads:
        return False
    m = e
    inserted = False
    while m < len(toks) and m - e < 14:
        t = toks[m]
        if t.text == ",":
            if inserted:
                inserted = False
                m += 1
                continue
            inserted = True
            m += 1
            continue
        if t.text in ".;:!?()" or "\n" in text[toks[m - 1].end:t.start]:
            return False
        if inserted:
            m += 1
            continue
        if t.low in _VERB_FILLERS or any(a.pos == "bedzie" for a in morph.analyse(t.text)):
            m += 1   # "będzie prowadził": the verb after the future's auxiliary
            continue
        verbs = [a for a in morph.analyse(t.text) if a.pos in ("fin", "praet")]
        return any(v.number & h.number and (not v.gender or not h.gender or v.gender & h.gender)
                   and v.lemma not in _STATIVE for v in verbs for h in heads)
    return False


def _audience_before(toks, i) -> bool:
    """"z uczniami klas siódmych Szkoły ...", "z młodzieżą Zespołu Szkół": the building's people."""
    m = i - 1
    n = 0
    while m >= 0 and n < 5:
        t = toks[m]
        if not N.is_word(t) or t.low in N.PREPOSITIONS - {"z", "ze"}:
            return False
        if N.lemma_set(t.text) & _AUDIENCE:
            return True
        if t.low in ("z", "ze"):
            return False
        # only genitive modifiers may stand between ("uczniami klas siódmych i ósmych Szkoły ...")
        pos = {a.pos for a in morph.analyse(t.text)}
        if pos & {"prep", "fin", "praet", "inf", "impt", "bedzie", "pred", "adv", "ger", "pcon"} \
                or not pos & {"subst", "adj", "conj", "num"}:
            return False
        n += 1
        m -= 1
    return False


def _number_ends(toks, m) -> bool:
    """After a house number in a list: not a noun counted by it ("14 i 16 lat", "5 i 6 maja")."""
    if m >= len(toks):
        return True
    t = toks[m]
    if t.text[:1].isdigit():
        return False
    if not N.is_word(t):
        return t.text != "%"
    if N.is_cap(t) or t.low in N.PREPOSITIONS or t.low in ("i", "oraz", "lub", "a", "gdzie"):
        return t.low not in _MONTHS
    return not any(a.pos == "subst" for a in morph.analyse(t.text))


def _streets(document, toks, i, j, row, head_toks):
    text = document.text
    items = []
    patron = ""
    if j + 2 < len(toks) and toks[j].low == "im" and toks[j + 1].text == "." and N.is_cap(toks[j + 2]):
        patron, j = "im. ", j + 2  # "skweru im. Jana Kochanowskiego"
    k, words = _street_name(toks, j, text)
    if not words:
        return [], j
    # two nouns in the genitive joined by "i" name one park or square: "Park Kultury i Wypoczynku"
    while row["kind"] != "street" and k + 1 < len(toks) and toks[k].low == "i" and N.is_cap(toks[k + 1]) \
            and _genitive_noun(words[-1].text) and _genitive_noun(toks[k + 1].text):
        words = words + [toks[k], toks[k + 1]]
        k += 2
    while True:
        name = " ".join(t.text for t in words)
        name = patron + _adj_nominative(row, head_toks, name) if not items else _adj_nominative(row, head_toks, name)
        k2, num = _number(toks, k, text)
        abbr = row["abbr"]
        full = f"{abbr} {name}" + (f" {num}" if num else "")
        kind = {"street": "address" if num else "street"}.get(row["kind"], row["kind"])
        end_tok = toks[k2 - 1]
        start = toks[i].start if not items else words[0].start
        items.append(document.span(start, end_tok.end, name=full, kind=kind,
                                   street=f"{abbr} {name}" if row["kind"] == "street" else None,
                                   number=num, locality=None))
        k = k2
        # more house numbers of the same street: "ul. Traugutta 14 i 16", "ul. Polna 2, 4 oraz 6"
        while num and k + 1 < len(toks) and toks[k].low in (",", "i", "oraz") and toks[k + 1].text[:1].isdigit() \
                and _number_ends(toks, k + 2):
            num2 = toks[k + 1].text
            items.append(document.span(toks[k + 1].start, toks[k + 1].end, name=f"{abbr} {name} {num2}", kind=kind,
                                       street=f"{abbr} {name}" if row["kind"] == "street" else None,
                                       number=num2, locality=None))
            k += 2
        # a list of streets after one head: "ul. Niegolewskich, Robotniczej i Kościuszki" (a park's name may
        # hold "i" itself: "Park Kultury i Wypoczynku")
        if k + 1 < len(toks) and toks[k].low in (",", "i", "oraz") and N.is_cap(toks[k + 1]) \
                and (row["kind"] in ("street", "estate") or toks[k].low == ",") \
                and N.is_word(toks[k + 1]) and not N.is_geo_only(toks[k + 1].text) and not _head_at(toks, k + 1) \
                and toks[k + 1].low not in ("w", "we"):
            k3, words = _street_name(toks, k + 1, text)
            if words:
                k = k3
                continue
        break
    # town after the street(s)
    _e, tail = _town_after(toks, k, text)
    if tail:
        town = morph.place_nominative(tail.split(" ", 1)[1])
        for it in items:
            it["locality"] = town
            if row["kind"] != "street" and _generic_name(it["name"][len(abbr) + 1:]):
                it["name"] = f"{it['name']} {tail}"   # "w Parku Miejskim w Oleśnie": every town has one
    return items, k


def _building(document, toks, i, j, row, head_toks, found, news=False, prefix=()):
    text = document.text
    # agreeing adjectives after the head ("stadion miejski", "sklepu spożywczego")
    k = j
    adjs = []
    while k < len(toks) and N.is_word(toks[k]) and not N.is_cap(toks[k]) and N.has_adj(toks[k].text) \
            and toks[k].low not in N.PREPOSITIONS and len(adjs) < 2 \
            and not (k + 1 < len(toks) and toks[k + 1].low == "się") \
            and any(_agrees(toks[k].text, h.text) for h in head_toks):
        # not a verb ("park miejski stały się"), nor a word that does not agree ("kąpieliskiem wypoczywający")
        adjs.append(toks[k])
        k += 1
    # a second field in a capitalised institution's name: "Centrum Kultury i Sportu", "Domu Kultury i Sztuki"
    also = ""
    if not adjs and N.is_cap(head_toks[-1]) and k + 1 < len(toks) and toks[k].low == "i" and N.is_cap(toks[k + 1]) \
            and N.is_word(toks[k + 1]) and not N.is_geo_only(toks[k + 1].text) and not _head_at(toks, k + 1) \
            and any("gen" in a.case for a in morph.analyse(toks[k + 1].text) if a.pos == "subst"):
        also = f" i {toks[k + 1].text}"
        k += 2
    k, num = _number(toks, k, text)
    if row["name"] == "number" and not num:
        return None, k
    more = []   # "na drogach krajowych nr 8 i nr 33", "drogi wojewódzkie nr 875, 881 i 985"
    while row["name"] == "number" and k + 1 < len(toks) and toks[k].low in (",", "i", "oraz"):
        k2, n2 = _number(toks, k + 1, text)
        if not n2:
            break
        more.append((toks[k2 - 1], n2))
        k = k2
    k, proper = _proper(toks, k, text) if row["name"] != "number" else (k, None)
    if proper and not adjs and not also and len(head_toks) == 1 and proper[:1].isupper() \
            and not proper.startswith("im."):   # "Zespołu Szkół Ponadpodstawowych": agrees with "Szkół", stays
        proper = _agreeing_name(head_toks[-1].text, proper)
    names_list = [proper] if proper else []
    # more quoted names: "sklepu „Lewiatan” oraz „Żabka”"
    while proper and k + 1 < len(toks) and toks[k].low in (",", "i", "oraz", "lub"):
        k2, q = _quoted(toks, k + 1)
        if not q:
            break
        names_list.append(q)
        k = k2
    if row["name"] == "proper" and not names_list and not (prefix and N.is_cap(head_toks[0])):
        return None, k   # (capitalised adjectives before a capitalised head name it: "Zaborski Park Krajobrazowy")
    start = prefix[0].start if prefix else toks[i].start
    if row["name"] in ("none", "cap"):
        canon = row["canonical"]
        if prefix:
            canon = " ".join(N.nominative(" ".join(t.text for t in list(prefix) + head_toks)).split()[:len(prefix)]
                             + [canon])
        end_k = j
        locality = _locality_of(document)
        if row["name"] == "cap":
            # a square every town has, named with its town: "na Rynku w Głuchołazach" -> "Rynek w Głuchołazach"
            tail_k, tail = _town_after(toks, j, text)
            named = None
            if j < len(toks) and N.is_cap(toks[j]) and N.is_word(toks[j]):
                if _agrees(toks[j].text, toks[j - 1].text):
                    # … or by an adjective of its own: "w rejonie Rynku Wielkiego" -> "Rynek Wielki"
                    named = N.nominative(f"{toks[j - 1].text} {toks[j].text}")
                    named = named[:1].upper() + named[1:]
                elif adj := _adjectival_surname(toks[j].text, toks[j - 1].text):
                    # … by a district's adjective the dictionary knows only as a surname: "przy Rynku Łazarskim"
                    named = f"{N.nominative(toks[j - 1].text).capitalize()} {adj}"
            if named:
                return [document.span(start, toks[j].end, name=named, kind=_out_kind(row), street=None,
                                      number=None, locality=_locality_of(document))], j + 1
            if tail:
                canon = f"{canon} {tail}"
                locality = morph.place_nominative(tail.split(" ", 1)[1])
                end_k = tail_k
            elif not prefix and row["town"] in ("yes", "always") and locality:
                canon = f"{canon} {N.in_town(locality)}"   # "na Rynku" of a plan for Bochnia: Rynek w Bochni
        return [document.span(start, toks[end_k - 1].end, name=canon, kind=_out_kind(row), street=None,
                              number=None, locality=locality)], end_k
    nom = N.nominative_by_proxy([t.text for t in list(prefix) + head_toks + adjs])
    canon_words = row["canonical"].split()
    n_pre, n_head = len(prefix), len(head_toks)
    # an area's head written as its name ("w Parku Gminnym", "Parku Zdrojowego w Ciechocinku"): the name, with the town
    # only as written after it
    as_name = n_head > 1 and n_head == len(canon_words) and row["kind"] == "area" and all(N.is_cap(t) for t in head_toks)
    if as_name:
        canon_words = [w[:1].upper() + w[1:] for w in canon_words]
    base = " ".join(nom[:n_pre] + canon_words
                    + [w.lower() if not N.is_cap(a) else w for w, a in zip(nom[n_pre + n_head:], adjs)]) + also
    if num:
        base += f" {num}" if num[:1].isalpha() else f" nr {num}"   # ("droga ekspresowa S8": a letter names it)
    k_end = k
    tail_k, tail = _town_after(toks, k, text)
    locality = None
    if tail:
        locality = morph.place_nominative(tail.split(" ", 1)[1])
        k_end = tail_k
    # a prefix adjective that is no generic word names the place ("Sieradzkie Centrum Kultury")
    specific_prefix = any(not (N.lemma_set(t.text) & _generic_adjectives()) for t in prefix)
    items = []
    targets = names_list or [None]
    for nm in targets:
        name = f"{base} {nm}" if nm else base
        # an acronym of the operator ("dworzec PKP") does not name the place; a shop's brand in capitals does
        # ("przed sklepem ABC przy ul. Lipowej 2", "klub NEPTUN")
        named = bool(nm) and (not N.is_upper(nm.replace(" ", "")) or row["canonical"] in _BRANDED)
        generic = not num and not named and not specific_prefix
        if named and tail and (_generic_name(nm) or nm.startswith("im. ")):
            # "w Parku Miejskim w Zduńskiej Woli": every town has one, so its town; and a patron's name goes with the town
            # written after it ("Szkoła Podstawowa im. Jana Kasprowicza w Dąbrowie Biskupiej")
            name = f"{name} {tail}"
        if generic and not N.is_cap(head_toks[0]) and not prefix and _address_follows(toks, k, text):
            return None, k_end  # "parking przy hali sportowej przy ul. Bydgoskiej 20": the address covers it
        if generic and ((row["town"] in ("yes", "always") and not adjs) or news or (tail and row["name"] != "number")):
            t = tail or _town_nearby(toks, k, text)
            bare = not t and not N.is_cap(head_toks[0]) and not (news and adjs) and not prefix and not nm
            if bare and row["town"] != "always":
                return None, k_end  # a generic description ("pobliskiego przedszkola")
            if not t and not as_name:
                loc = _locality_of(document)
                if loc:
                    t = N.in_town(loc)
            if t:
                name = f"{name} {t}"
                locality = locality or morph.place_nominative(t.split(" ", 1)[1])
        item = document.span(start, toks[k_end - 1].end if k_end > i else toks[j - 1].end,
                             name=name, kind=_out_kind(row), street=None, number=None,
                             locality=locality or _locality_of(document))
        if row["kind"] == "road":
            item["_road"] = True
        if generic and not tail and not N.is_cap(head_toks[0]) and not prefix and not nm:
            item["_bare"] = True  # "w rejonie dworca": the station named more fully elsewhere, if it is
        items.append(item)
    for tok, n2 in more:
        first = items[0]
        items.append(document.span(tok.start, tok.end, name=first["name"].replace(f" nr {num}", f" nr {n2}", 1),
                                   kind=first["kind"], street=None, number=None, locality=first.get("locality")))
        if first.get("_road"):
            items[-1]["_road"] = True
    return items, max(k_end, j)


def _address_follows(toks, k, text) -> bool:
    """"przy ul. Bydgoskiej 20" right after a generic building: a street with a house number."""
    if k + 1 >= len(toks) or toks[k].low not in ("przy", "na", ","):
        return False
    h = _head_at(toks, k + 1)
    if not h or h[0]["name"] != "street":
        return False
    e, words = _street_name(toks, h[1], text)
    return bool(words) and _number(toks, e, text)[1] is not None


def _genitive_noun(word: str) -> bool:
    """A common noun that can be a genitive and is no adjective ("Kultury", "Wypoczynku"; not "Kościuszki")."""
    an = morph.analyse(word)
    return any(a.pos == "subst" and "gen" in a.case and not morph.is_proper_reading(a) for a in an) \
        and not any(a.pos == "adj" for a in an)


_BRANDED = frozenset(("sklep", "klub", "pub", "bar"))   # heads whose name in capitals is a brand's


def _generic_name(name: str) -> bool:
    """A name made only of generic adjectives ("Miejski", "Gminny"): every town has such a park or stadium."""
    return bool(name) and all(N.lemma_set(w) & _generic_adjectives() for w in name.split())


def _out_kind(row) -> str:
    """The record's kind of a head row (roads are streets in the record)."""
    return "street" if row["kind"] == "road" else row["kind"]


@lru_cache(maxsize=50_000)
def _locality_noun(word: str) -> bool:
    """Whether ``word`` is a form of a noun that introduces a village ("miejscowości", "sołectw")."""
    return not N.lemma_set(word).isdisjoint(_LOCALITY_NOUNS)


# nouns after which a place's name says where: "w okolicy Gronowa i Toporowa" (only a name that is a place)
_NEAR_NOUNS = frozenset(("okolica", "okolice", "pobliże"))
# words before "przez" that make it a road running through villages: "na odcinku przez", "przebiegającym przez"
_THROUGH = frozenset(("odcinek", "przebiegać", "przechodzić", "prowadzić", "biec"))


@lru_cache(maxsize=50_000)
def _near_noun(word: str) -> bool:
    return not N.lemma_set(word).isdisjoint(_NEAR_NOUNS)


# a word that may introduce villages: a form of a locality noun, "okolica", or "przez" (after a road's word)
_MAY_INTRODUCE_VILLAGE = PerWord(lambda w: _locality_noun(w) or _near_noun(w) or w.lower() in ("przez",) + _LOCALITY_ABBR)
def _agent_przez(toks, i) -> bool:
    """"przez" at i after a passive participle names the agent ("noclegowni prowadzonej przez Koło …",
    "prowadzone przez Wydział Kryminalny"), no way through a village."""
    return i > 0 and any(a.pos == "ppas" for a in morph.analyse(toks[i - 1].text))


# "miejscowość" abbreviated before a village's name: "W m. Wysoka i Lewice", "miejsc. Sadów"
_LOCALITY_ABBR = ("m", "miejsc", "msc")


def _village(document, spans, skip=_Skip(())):
    """"na terenie miejscowości Sadów", "sołectw Dęborzeczka i Gapinin" -> the villages (kept when no more
    specific place in them is given, see ``_covered``)."""
    text = document.text
    out = []
    for a, b in spans:
        toks = N.tokens(text, a, b)
        may_intro = _MAY_INTRODUCE_VILLAGE
        for i in [k for k, t in enumerate(toks) if may_intro[t[0]]]:
            if i >= len(toks) - 1:
                continue
            t = toks[i]
            # "miejscowości Sadów"; "na odcinku przez Sobin i Żuków" (the villages a road runs through)
            first = i + 1
            if t.text.lower() in _LOCALITY_ABBR:
                if toks[i + 1].text != "." or i + 2 >= len(toks) or t.start != toks[i + 1].start - 1 \
                        or (i and toks[i - 1].text[:1].isdigit()) or not N.has_geo_reading(toks[i + 2].text):
                    continue   # ("3 m. Psy …": metres)
                first = i + 2   # "m. Wysoka": the name after the abbreviation's stop
            intro = first == i + 2 or _locality_noun(t.text) or \
                (t.text.lower() == "przez" and i > 0 and not N.lemma_set(toks[i - 1].text).isdisjoint(_THROUGH)
                 and not _agent_przez(toks, i)) \
                or (_near_noun(t.text) and N.has_geo_reading(toks[i + 1].text))
            if not (intro and N.is_cap(toks[first]) and N.is_word(toks[first])):
                continue
            if t.start in skip:
                continue
            m = first
            while m < len(toks):
                words = [toks[m]]
                m += 1
                while m < len(toks) and N.is_cap(toks[m]) and N.is_word(toks[m]) and toks[m - 1].text != "." \
                        and toks[m].low not in N.PREPOSITIONS and "\n" not in text[toks[m - 1].end:toks[m].start]:
                    words.append(toks[m])
                    m += 1
                name = " ".join(w.text for w in words)
                nom = morph.place_nominative(name)
                out.append(document.span(words[0].start, words[-1].end, name=nom, kind="locality", street=None,
                                         number=None, locality=nom))
                # "miejscowości Zamieście i Piekiełko", "sołectw A, B oraz C"
                if m + 1 < len(toks) and toks[m].low in (",", "i", "oraz", "lub") and N.is_cap(toks[m + 1]) \
                        and N.is_word(toks[m + 1]) and toks[m + 1].low not in N.PREPOSITIONS \
                        and not _head_at(toks, m + 1):
                    m += 1
                    continue
                break
    return out


# "w Tyliczu", "we Wróblewie", "przez Mostówkę i Adampol": a capitalised name Morfeusz knows as a place's, in a
# plan's threat, is a village (not the document's own town, nor a town of the gazetteer, nor a region)
_VILLAGE_PREP = frozenset(("w", "we", "przez", "koło", "obok", "niedaleko", "wokół", "rejonie", "przy", "pod",
                           # a mountain by its slopes or top: "na stokach Cergowej", "na szczycie Łysicy"
                           "stokach", "stoku", "zboczach", "zboczu", "szczycie", "podnóżu",
                           # beyond a village: "przy leśnej drodze za Bolminem"
                           "za"))
# prepositions that make a place's name a village only in the case they govern for a place: "przy Stajkowie"
# (locative; not the street "przy Długosza"), "przy Bramie Ząbkowickiej", "pod Rydzewem", "pod Skały Rzędkowickie"
# (instrumental, accusative); written in lower case (not the name "„Pod Lipami”")
_CASED_PREP = {"przy": ("loc",), "pod": ("inst", "acc"), "za": ("inst",)}
_GEO_NAMES = ("nazwa_geograficzna", "człon_nazwy_geograficznej")
# in a plan, also the residents the threat befalls: "oszustwa wobec starszych mieszkańców Iwierzyc, Olimpowa i Wiercan"
# (a news page's "jeden z mieszkańców Rudnik" is a speaker, "mieszkańców Sądecczyzny" a region's)
_PLAN_VILLAGE_PREP = _VILLAGE_PREP | {"mieszkańców"}
_STRATEGY_VILLAGE_PREP = _PLAN_VILLAGE_PREP | {"mieszkańcy"}
_SETTLEMENT_NOUNS = frozenset(("wsi", "wieś", "miejscowości", "miejscowość", "sołectwa", "sołectwie", "sołectwo",
                               "osady", "osadzie", "kolonii"))
# a street of the village named next: the street is the place ("w Bystrej przy ul. Kościelnej 80")
_STREET_NEXT = re.compile(r"\s*,?\s*(?:przy|na)?\s*(?:ul\.|ulic\w*|al\.|alei|os\.|osiedl\w*|pl\.|plac\w*)\s", re.I)


@lru_cache(maxsize=1)
def _not_villages() -> frozenset:
    return frozenset(w.casefold() for w in read_lines("locations", "not_villages.txt"))


def _geo_in_case(word: str, cases: tuple[str, ...]) -> bool:
    """Some reading of ``word`` is (the first word of) a place's name in one of ``cases`` ("Stajkowie": loc)."""
    return any(any(n in a.names for n in _GEO_NAMES) and not a.case.isdisjoint(cases) for a in morph.analyse(word))


def _cased_name(toks, k: int, cases: tuple[str, ...]) -> bool:
    """The name at ``toks[k]`` is a place's in one of ``cases``, or its adjective is and its noun is ("przy Wielkim
    Pułkowie")."""
    if _geo_in_case(toks[k].text, cases):
        return True
    return k + 1 < len(toks) and N.is_cap(toks[k + 1]) and N.has_adj(toks[k].text) \
        and _geo_in_case(toks[k + 1].text, cases)


def _may_be_village(name: str, own: str) -> bool:
    """A name found where a village may be named is one: not the document's own town (``own``, case-folded), nor a
    town of the gazetteer, nor a word listed as no village."""
    return name.casefold() != own and not is_town(name) and name.casefold() not in _not_villages()


def _geo_name_at(toks, k: int) -> bool:
    """``toks[k]`` starts a place's name: a word the dictionary knows as one, or the first word of a name of more words
    ("Pilaszkowicach Pierwszych"), or an adjective before a place's noun ("Świątkowej Małej")."""
    w = toks[k].text
    if N.has_geo_reading(w):
        return True
    if not (k + 1 < len(toks) and N.is_cap(toks[k + 1]) and N.is_word(toks[k + 1])):
        return False
    nxt = toks[k + 1].text
    return N.has_geo_part_reading(w) or (N.has_adj(w) and N.has_geo_reading(nxt)
                                         and N.lemma_set(nxt).isdisjoint(_WEEKDAYS))   # (not "w Wielki Piątek")


_WEEKDAYS = frozenset(("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"))


def _name_end(text: str, toks, k: int) -> int:
    """The end (exclusive token index) of a name of up to three capitalised words on one line from ``toks[k]``:
    "Baciki Średnie", "Gorzów Wielkopolski" (a town), "Nowa Wieś Zbąska"."""
    e = k + 1
    while e < len(toks) and e - k < 3 and N.is_cap(toks[e]) and N.is_word(toks[e]) \
            and toks[e].low not in N.PREPOSITIONS and "\n" not in text[toks[e - 1].end:toks[e].start]:
        e += 1
    return e


def _named_villages(document, spans, skip=_Skip(())):
    text = document.text
    own = (document.get("locality") or "").casefold()
    preps = _PLAN_VILLAGE_PREP if document.get("doc_type") == "priority_plan" else \
        _STRATEGY_VILLAGE_PREP if document.get("doc_type") == "strategy" else _VILLAGE_PREP
    text_end = len(text.rstrip())
    out = []
    for a, b in spans:
        toks = N.tokens(text, a, b)
        for i, t in enumerate(toks[:-1]):
            if t.low not in preps or t.start in skip:
                continue
            if i and N.is_cap(toks[i - 1]) and N.is_word(toks[i - 1]) and "\n" not in text[toks[i - 1].end:t.start]:
                continue   # "Posterunek Policji w Bielinach": a body's seat, not where the threat is
            if t.low == "przez" and _agent_przez(toks, i):
                continue
            if t.low in _CASED_PREP and (t.text != t.low or not _cased_name(toks, i + 1, _CASED_PREP[t.low])):
                continue
            k = i + 1
            if k + 1 < len(toks) and toks[k].low in _SETTLEMENT_NOUNS:
                k += 1   # "koło wsi Łabędź", "w miejscowości Zalesie": the village named after its noun
            while k < len(toks) and N.is_cap(toks[k]) and N.is_word(toks[k]) and not N.is_upper(toks[k].text) \
                    and "\n" not in text[toks[k - 1].end:toks[k].start]:
                if not _geo_name_at(toks, k):
                    # a list's item the dictionary does not know as a place is passed over ("w Obrycie, Grędźcu i
                    # Warnicach"): its nominative is not known
                    e = _name_end(text, toks, k)
                    if _head_at(toks, k) or not (e + 1 < len(toks) and toks[e].low in _AND
                                                 and N.is_cap(toks[e + 1])):
                        break
                    k = e + 1
                    continue
                e = _name_end(text, toks, k)
                nom = morph.place_nominative(text[toks[k].start:toks[e - 1].end])
                if _may_be_village(nom, own) \
                        and not any(_head_at(toks, m) for m in range(k, min(e + 1, len(toks)))) \
                        and not _STREET_NEXT.match(text, toks[e - 1].end) \
                        and toks[e - 1].end < text_end:   # (a page cut inside the name: "w Bogdan")
                    out.append(document.span(toks[k].start, toks[e - 1].end, name=nom, kind="locality", street=None,
                                             number=None, locality=nom))
                k = e - 1
                # "przez Mostówkę i Adampol", "w Powroźniku oraz Tyliczu"
                if k + 2 < len(toks) and toks[k + 1].low in _AND and N.is_cap(toks[k + 2]):
                    k += 2
                    continue
                break
    return out


def _dedupe(items):
    out = []
    seen = set()
    # a place read twice from one head, once in full: the full one ("Sanktuarium Maryjne w Gietrzwałdzie", not also
    # "sanktuarium Maryjne")
    longest: dict[int, int] = {}
    for it in items:
        if "start" in it:
            longest[it["start"]] = max(longest.get(it["start"], 0), it["end"])
    items = [it for it in items if "start" not in it or it["end"] >= longest[it["start"]]]
    # a bare mention ("rejon dworca") of a place named more fully elsewhere ("dworzec kolejowy w Kościerzynie")
    fuller = [it["name"].casefold().split() for it in items if not it.get("_bare")]
    items = [it for it in items if not (it.pop("_bare", False) and any(
        w[:1] == it["name"].casefold().split()[:1] for w in fuller))]
    for it in items:
        key = it["name"].casefold()
        if key in seen:
            continue
        seen.add(key)
        out.append(it)
    # a generic building given once with its town and once without: keep the one with the town
    names = [it["name"].casefold() for it in out]
    out = [it for it in out if not any(n.startswith(it["name"].casefold() + " w ") for n in names)]
    # a street given also with a number: keep the address
    numbered = {it["street"].casefold() for it in out if it.get("number") and it.get("street")}
    out = [it for it in out if it.get("number") or not it.get("street") or it["street"].casefold() not in numbered]
    # a street named in full and then by the surname alone ("ul. Krzysztofa Kamila Baczyńskiego", later "ul.
    # Baczyńskiego"): the full name
    streets = [it["street"].casefold().split() for it in out if it.get("street") and not it.get("number")]
    return [it for it in out if not (it.get("street") and not it.get("number")
                                     and _surname_only(it["street"].casefold().split(), streets))]


def _surname_only(words: list[str], streets: list[list[str]]) -> bool:
    """``words`` ("ul. baczyńskiego") name by its surname a street that ``streets`` hold in full ("ul. krzysztofa kamila
    baczyńskiego"): the head and the last word the same, the full name longer."""
    return len(words) == 2 and any(len(w) > 2 and w[0] == words[0] and w[-1] == words[-1] for w in streets)


_UPW = r"[A-ZĄĆĘŁŃÓŚŹŻ][\w-]+"
# a river named after its noun ("na rzece Biebrzy", "nad rzeką Wetlinką"): the name agrees with the noun
_RIVER = re.compile(rf"\b(?:rzek[aięą]|rzece|rzeką)[ \t]+(?P<n>{_UPW}(?:[ \t]+{_UPW})?)")
# a railway or metro station by its name, which stays in the nominative ("stacji Kłodzko Miasto", "stacji metra
# Bemowo", "stacji kolejowej Wrocław Psie Pole"); a lowercase noun, so "Stacja Sanitarno-Epidemiologiczna" is not
# (capitalised only with its kind: "Stacja kolejowa Bierzwnik leży na linii …")
# (a ski station too, its head as written: "na stacji narciarskiej Zwardoń-Ski", "Stacji Narciarskiej Pilsko")
_STATION = re.compile(rf"\b(?:stacj|Stacj(?=\w*[ \t]+(?:kolejow|Narciarsk)))(?:a|i|ę|ą)[ \t]+"
                      rf"(?:(?P<k>kolejow\w+|metra|PKP|[Nn]arciarsk\w+)[ \t]+)?"
                      rf"(?P<n>{_UPW}(?:[ \t]+{_UPW}){{0,2}})")
# a railway stop by its name: "na wysokości przystanku kolejowego Mińsk Mazowiecki Anielina"
_RAIL_STOP = re.compile(rf"\bprzystan(?:ek|ku|kiem|kowi)[ \t]+(?:kolejow\w+|PKP)[ \t]+(?P<n>{_UPW}(?:[ \t]+{_UPW}){{0,2}})")
# a bus or tram stop by its name, quoted or not, which stays as written ("na przystanku autobusowym „Brzezna – Ośrodek
# Zdrowia”", "przystanek PKS Łyse Rynek", "przy przystanku „Polne – Szkoła”"); a railway stop is _RAIL_STOP's
_STOP_NAME = rf"(?:[„\"](?P<q>[^”\"\n]{{2,40}})[”\"]|(?P<n>{_UPW}(?:[ \t]*[–—-][ \t]*{_UPW}|[ \t]+{_UPW}){{0,2}}))"
_BUS_STOP = re.compile(rf"\bprzystan(?:ek|ku|kiem|kowi)[ \t]+(?:(?P<k>autobusow\w+|tramwajow\w+|PKS|MZK|MPK|ZTM|komunikacji[ \t]+miejskiej)"
                       rf"[ \t]+)?{_STOP_NAME}")
_STOP_KIND = {"autobusow": "autobusowy ", "tramwajow": "tramwajowy ", "komunikacji": "komunikacji miejskiej "}
# a road between two villages, named by them ("drogą gminną Stadła – Brzezna", "drodze powiatowej Długosiodło – Wólka
# Grochowa"), each name as written
# (a numbered one is named by its number: "drodze powiatowej nr 3117L Żółkiewka – Chłaniów" is "droga powiatowa nr 3117L")
_VILLAGE_ROAD = re.compile(rf"\bdro(?:ga|gi|dze|gę|gą)[ \t]+(?P<k>gminn|powiatow|wojewódzk|krajow)\w*[ \t]+"
                           rf"(?P<a>{_UPW}(?:[ \t]+{_UPW})?)[ \t]*[–—-][ \t]*(?P<b>{_UPW}(?:[ \t]+{_UPW})?)")
_ROAD_KIND = {"gminn": "gminna", "powiatow": "powiatowa", "wojewódzk": "wojewódzka", "krajow": "krajowa"}
# a bridge with its place ("przy moście w Gierałcicach"), river boulevards ("na bulwarach nad Ropą")
_BRIDGE = re.compile(rf"\bmo(?:st|stu|ście|stem)[ \t]+(?P<t>w[ \t]+{_UPW}(?:[ \t]+{_UPW})?)")
# two lakes named after the plural noun, their names in apposition: "nad jeziorami Lubie i Drawsko", "między jeziorami
# Lubiąż i Krajnik" (not "jeziora", a singular's genitive too: "brzeg jeziora Białego i Parku Miejskiego")
_LAKES = re.compile(rf"\bjezior(?:ami|ach|om)[ \t]+(?P<l1>{_UPW})[ \t]+(?:i|oraz)[ \t]+(?P<l2>{_UPW})\b")
_BOULEVARD = re.compile(rf"\b(?:[Bb]ulwar(?P<pl>y|ach|ami|ów)?|[Bb]ulwar(?:ze|u|em)|(?P<prom>[Pp]romenad(?:a|y|zie|ę|ą)))"
                        rf"[ \t]+nad[ \t]+(?P<rz>rzeką[ \t]+)?(?P<r>{_UPW}(?:[ \t]+{_UPW}){{0,2}}?)"
                        rf"(?P<t>[ \t]+we?[ \t]+{_UPW}(?:[ \t]+{_UPW})?)?(?![ \t]+{_UPW})")


# a river named bare after "nad" or a riverside noun ("nad Wisłoką", "brzegi Wisły", "wały wzdłuż Pilicy"); the
# name must be one of rules/gazetteer/rivers.tsv
# (a riverside noun may have its adjective: "po wałach przeciwpowodziowych Wisły", "brzegi zarośnięte Wieprza")
_BY_RIVER = re.compile(rf"(?i:\b(?P<bank>nad|(?:brzeg\w*|wał\w*|koryt\w*|nurt\w*|zakol\w*|rozlewisk\w*|ujści\w*)"
                       rf"(?:[ \t]+wzdłuż|[ \t]+[a-ząćęłńóśźż]+(?:ych|ego|ym|ymi|ej|e|y|i|a))?"
                       rf"|wod(?:y|ach|ami|zie))"
                       rf"|\bodcink\w*|\bdolin\w*|\bwzdłuż|\b(?P<in>[wW]|[wW]e|[nN]a))[ \t]+(?P<n>{_UPW}(?:[ \t]+{_UPW})?)")


_PREV_WORD = re.compile(r"(\w+)[ \t]+$")
# what is done in a river ("kąpiele w Odrze", "pływanie na Czarnej Hańczy", "połów ryb w Bugu"), or what spans it
# ("przy moście na Odrze", "poniżej jazu … na Warcie")
_ON_WATER = re.compile(r"(?i)\b(?:kąp\w*|pływ\w*|utonię\w*|utonął\w*|utonę\w*|topi\w*|łow\w*|połów\w*|wędk\w*|kajak\w*|"
                       r"łodzi\w*|łódk\w*|sieci|kłusown\w*|mo(?:st|stu|ście|stem|sty|stach)|jaz(?:u|ie|em)?|przepraw\w*)\b"
                       r"(?:[^.;\n]|(?<=\b(?:ul|al|pl|os))\.)*$")   # (the dot of "ul." ends no sentence)


@lru_cache(maxsize=1)
def _river_starts() -> frozenset:
    """The first two letters of every river's name and of its inflected forms ("Bó-" of Bóbr, "Bo-" of Bobrze)."""
    return frozenset(r[:2].lower() for r in rivers() | river_forms())


def _bare_river(words: str) -> str | None:
    """The river named by ``words`` (one or two words, any case), or None when no river of the gazetteer."""
    parts = words.split()
    for n in (len(parts), 1):
        nom = morph.place_nominative(" ".join(parts[:n]))
        if nom in rivers():
            return nom
    return river_of_form(parts[0])   # a form Morfeusz reads as another place ("Bobrze": Bobrza) but generates for the river


# an unknown river's name after a riverside word, in the case that word governs: "nad Skotawą" (instrumental),
# "brzegi Postomii", "wały Tugi" (genitive) -> the feminine nominative most river names have
_UNKNOWN_RIVER_ENDS = {"nad": (("ą", "a"),), "": (("ii", "ia"), ("ki", "ka"), ("gi", "ga"), ("y", "a"))}


def _unknown_river(cue: str, word: str) -> str | None:
    """The nominative of a river's name Morfeusz does not know, written after the riverside word ``cue``."""
    if morph.known(word) or "-" in word:
        return None
    for end, nom in _UNKNOWN_RIVER_ENDS["nad" if cue.lower() == "nad" else ""]:
        if word.endswith(end) and len(word) > len(end) + 1:
            return word[: -len(end)] + nom
    return None


# the case of the noun before a river's name, which the name agrees with ("rzeki Bzury": the genitive of Bzura,
# not the village Bzury)
_RIVER_NOUN_CASE = {"rzeka": "nom", "rzeki": "gen", "rzece": "loc", "rzekę": "acc", "rzeką": "inst"}


def _river_name(words: str, case: str | None = None) -> str:
    """The river's name in the nominative: each word read as a place in the case it is written in (the noun's
    ``case`` when given)."""
    out = []
    for w in words.split():
        if not N.has_geo_reading(w):
            out.append(w)
            continue
        usual = morph.place_nominative(w)
        agreeing = [a.lemma for a in morph.analyse(w) if case and case in a.case and a.pos == "subst"
                    and "nazwa_geograficzna" in a.names]
        # of the readings that agree, a river the gazetteer knows, the usual one first ("rzeki Wieprzy": Wieprza
        # and Wieprz both agree; "rzece Prośnie": Prosna, not the village Prośno)
        known = [x for x in agreeing if x in rivers()]
        if known:
            out.append(usual if usual in known else known[0])
        else:
            out.append(usual if not agreeing or usual in agreeing else agreeing[0])
    return " ".join(out)


def _waters_and_stations(document, a: int, b: int, skip) -> list[dict]:
    text = document.text
    out = []

    def place(m, name: str, kind: str) -> None:
        if m.start() not in skip:
            out.append(document.span(m.start(), m.end(), name=name, kind=kind, street=None, number=None,
                                     locality=None))

    boulevards = list(_BOULEVARD.finditer(text, a, b))

    def on_walk(m) -> bool:   # "bulwar nad rzeką Pisą": the river names the boulevard
        return any(bm.start() <= m.start() < bm.end() for bm in boulevards)

    for m in _RIVER.finditer(text, a, b):
        if not on_walk(m):
            noun = m.group(0).split()[0].lower()
            place(m, f"rzeka {_river_name(m.group('n'), _RIVER_NOUN_CASE.get(noun))}", "area")
    for m in _BY_RIVER.finditer(text, a, b):
        # a river Morfeusz does not know, after a riverside word ("nad Skotawą", "brzegi Postomii")
        unknown = m.group("bank") and " " not in m.group("n") and _unknown_river(m.group("bank"), m.group("n"))
        if m.group("n")[:2].lower() not in _river_starts() and not unknown:
            continue   # no river of the gazetteer begins so (most "w X"): no Morfeusz lookup
        if m.group("in") and not _ON_WATER.search(text, max(a, m.start() - 90), m.start()):
            continue   # "w Nidzie": a place of the river's name, unless one bathes or fishes there
        river = unknown or _bare_river(m.group("n"))
        if river and m.group("in") and m.group("in").lower() != "na" and town_rank(river) == 2:
            # "kąpiel w Wiśle": the town (a small town of a large river's name is the river: "w Warcie"); one fishes
            # "na Wiśle", the river (the town is "w Wiśle")
            continue
        prev = m.group(0)[:3].lower() == "nad" and _PREV_WORD.search(text, max(a, m.start() - 40), m.start())
        if prev and N.is_cap(prev.group(1)) and N.has_geo_reading(prev.group(1)):
            continue   # a town named for its river ("w Nakle nad Notecią"; not "w Milsku brzeg Odry")
        if river and not on_walk(m):
            place(m, f"rzeka {river}", "area")
    for m in _STATION.finditer(text, a, b):
        if N.lemma_set(m.group("n").split()[0]) & {"paliwo"}:
            continue
        k = m.group("k")
        if k and k.lower().startswith("narciarsk"):
            place(m, f"{'Stacja Narciarska' if k[0].isupper() else 'stacja narciarska'} {m.group('n')}", "poi")
            continue
        kind = "" if not k else ("metra " if k == "metra" else "kolejowa " if k.startswith("kolejow") else "PKP ")
        place(m, f"stacja {kind}{m.group('n')}", "poi")
    for m in _BRIDGE.finditer(text, a, b):
        place(m, f"most {m.group('t')}", "poi")
    for m in twin_matches(_RAIL_STOP, text, None, a, b):   # (tried only where its first letters stand)
        place(m, f"przystanek kolejowy {m.group('n')}", "poi")
    for m in twin_matches(_BUS_STOP, text, None, a, b):
        k = m.group("k") or ""
        kind = next((v for key, v in _STOP_KIND.items() if k.startswith(key)), f"{k} " if k else "")
        name = " ".join((m.group("q") or m.group("n")).split())
        place(m, f"przystanek {kind}{name}", "poi")
    for m in twin_matches(_VILLAGE_ROAD, text, None, a, b):
        place(m, f"droga {_ROAD_KIND[m.group('k')]} {m.group('a')} – {m.group('b')}", "street")
        if out and out[-1]["start"] == m.start():
            out[-1]["_road"] = True   # (a road through villages: they stay places of their own)
    for m in _LAKES.finditer(text, a, b):   # "nad jeziorami Lubie i Drawsko": each lake, its name as written
        for g in ("l1", "l2"):
            out.append(document.span(m.start(g), m.end(g), name=f"jezioro {m.group(g)}", kind="area", street=None,
                                     number=None, locality=None))
    for m in boulevards:
        head = "promenada" if m.group("prom") else "bulwary" if m.group("pl") else "bulwar"
        river = ("rzeką " if m.group("rz") else "") + " ".join(m.group("r").split()) + \
            (" " + " ".join(m.group("t").split()) if m.group("t") else "")   # "… nad Pilicą w Tomaszowie"
        place(m, f"{head} nad {river}", "area")
    return out


_WATERS = ("rzeka ", "jezioro ", "potok ", "kanał ")
_WALKS = ("promenada", "bulwar")


def _extract(document):
    spans, skip = _spans(document)
    skip = _Skip(skip)
    news = document.get("doc_type") == "news"
    items = []
    for a, b, restricted in spans:
        items += _extract_span(document, a, b, skip, news, restricted)
        if not restricted:
            items += _waters_and_stations(document, a, b, skip)
    items = _dedupe(items)
    if news:
        # a village where a news page's threat happens ("posesji w Kieleczce i Sierotach")
        told = threat_sentences(document)
        own = (document.get("locality") or "").casefold()
        near = [v for v in _village(document, told, skip) if _may_be_village(v["name"], own)]
        items += _outside(_named_villages(document, told, skip) + near, items)
        items = _dedupe(items)
    else:
        specific = [it for it in items if not it.get("_road")]
        free = [(a, b) for a, b, r in spans if not r]
        villages = _village(document, free, skip)
        # not the town of a place already named ("most w Gierałcicach")
        named = _outside(_named_villages(document, free, skip), items) \
            if document.get("doc_type") in ("priority_plan", "strategy") else []
        first = min((sec.start for sec in document.sections if sec.kind in ("threat", "goal")), default=None)
        if first and not items and not villages:
            # a plan's area stated before its sections ("realizuje plan … na terenie sołectw Krzcięcice,
            # Boleścice i Tarnawa"), when the threat itself names no place; beside the villages it names ("w lasach
            # wokół Dybkowa"), only those of the area it names too ("w Czartajewie i Bacikach Średnich")
            area = _village(document, [(0, first)], skip)
            if named:
                told = " ".join(document.text[a:b] for a, b in free).lower()
                area = [v for v in area if re.search(r"\b" + re.escape(v["name"].split()[0][:5].lower()), told)]
            villages = area
            if not villages:
                items = _plan_subject(document, first, skip)
        have = {x["name"] for x in villages}
        villages += [v for v in named if v["name"] not in have]
        # not a village of the name of a river named as such ("kąpią się w Bugu … nikt nie utonął w Bugu")
        rivers_named = {it["name"][len("rzeka "):] for it in items if it["name"].startswith("rzeka ")}
        items += [v for v in villages if not _covered(document.text, v, specific) and v["name"] not in rivers_named
                  and not (rivers_named and _bare_river(v["text"]) in rivers_named)]   # ("w Bobrze": Bóbr)
        items = _dedupe(items)
    # a water named inside a longer name is part of it: "Parku Krajobrazowego „Dolina Słupi”", "ROD Nad Odrą" name no
    # river (a walk along the water names both: "promenada nad Jeziorem Drwęckim" and "jezioro Drwęckie")
    # a stop's name names no other place: "przystanek autobusowy „Smyków – Kościół”"
    stops = [(o["start"], o["end"]) for o in items if o["name"].startswith("przystanek ")]
    items = [it for it in items if it["name"].startswith("przystanek ")
             or not any(s <= it["start"] and it["end"] <= e for s, e in stops)]
    items = [it for it in items if not (it["name"].startswith(_WATERS) and any(
        o["start"] <= it["start"] and it["end"] <= o["end"] and o["end"] - o["start"] > it["end"] - it["start"]
        and not o["name"].lower().startswith(_WALKS) for o in items))]
    # an office is a place only as a news event's venue ("Wczoraj w Urzędzie Gminy …", "w sali narad Urzędu
    # Miejskiego …"); elsewhere it receives complaints, hosts duty hours or a notice board
    items = [it for it in items if not it["name"].startswith(_OFFICES)
             or (news and _VENUE_BEFORE.search(document.text, max(0, it["start"] - 40), it["start"]))]
    # a place named as a direction only is not where things happen: "ścigają się na serpentynach … w kierunku
    # Przełęczy Kowarskiej" (a street is where a walk along the tracks goes on: "idzie torowiskiem w stronę ul. Kolejowej")
    items = [it for it in items if it.get("kind") in ("street", "address")
             or not _TOWARDS.search(document.text, max(0, it["start"] - 20), it["start"])]
    for it in items:
        it.pop("_road", None)
    return items


# the sentence that names the plan and what it is about: "realizowała plan działania priorytetowego przy Szkole
# Podstawowej w Dziaduszycach", "Jeden z nich dotyczy parkingu przy ul. Sportowej"
_PLAN_SUBJECT = re.compile(r"\bplan(?:u|ie|em|y|ów|ach)?\s+(?:działa\w*\s+priorytetow\w*|dzielnicow\w*)"
                           r"|\b(?:jeden|jednym|jednego)\s+z\s+(?:nich|plan\w*)\b", re.I)


def _plan_subject(document, first: int, skip) -> list[dict]:
    """The places named after the plan in the sentences before a plan's sections that name it, when its threat and
    goal name none (a press page or report telling what the plan is about)."""
    items = []
    for a, b in document.sentence_spans() or ():
        if a >= first:
            break
        m = _PLAN_SUBJECT.search(document.text, a, b)
        if m:   # (what follows the plan: not "mieszkańców ulic X i Y, że … przygotował plan")
            items += _extract_span(document, m.start(), b, skip, False)
    return items   # (deduplicated with the villages below)


_TOWARDS = re.compile(r"\bw\s+(?:kierunku|stronę)\s+$", re.I)


def _outside(villages: list[dict], items: list[dict]) -> list[dict]:
    """The villages not inside a place already named (not the town of "most w Gierałcicach")."""
    return [v for v in villages if not any(it["start"] <= v["start"] and v["end"] <= it["end"] for it in items)]


_OFFICES = ("Urząd ", "Starostwo ")
_VENUE_BEFORE = re.compile(r"\bw(?:e)?[ \t]+(?:(?:sali|salce)[ \t]+[^\W\d]+[ \t]+)?$", re.I)


def _covered(text, village, specific) -> bool:
    """A village with a more specific place of its own (not a road through it): a place whose town it is
    ("ul. Wolności w Boronowie"), or one named right after it in the same sentence ("W miejscowości Zalesie
    na ul. Kwiatowej")."""
    name = village["name"].casefold()
    for it in specific:
        if (it.get("locality") or "").casefold() == name:
            return True
        gap = text[village["end"]:it["start"]]
        if 0 <= it["start"] - village["end"] <= 60 and not re.search(r"[.;:!?\n]", gap) \
                and not re.search(r"\b(?:i|oraz|lub)\s+(?:w|we|na)\b|,\s*(?:a|zaś|natomiast)\b", gap):
            return True
    return False


def extract(document):
    """Never let one odd document break the record: log a warning and give no items."""
    try:
        return _extract(document)
    except Exception as exc:  # pragma: no cover - defensive
        document.warnings.append(f"locations: {type(exc).__name__}: {exc}")
        return []
