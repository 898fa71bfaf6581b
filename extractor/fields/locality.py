"""locality: the main town or village the document is about, in the nominative.

Candidates are capitalised names after trigger words (``rules/locality_triggers.tsv``: "w", "miejscowości",
"gminy", "mieszkańców", ...) whose Morfeusz analysis is a geographic name; each mention adds its trigger's
weight, more inside the threat section and near the start; the best total wins, ties to the earliest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.nlp import morph
from extractor.fields import district
from extractor.fields.unit import CAPITAL
from extractor.nlp.gazetteer import is_town, town_tail
from extractor.record import Document
from extractor.resources import read_lines, read_tsv
from extractor.wordtrie import alternation

_UP = "A-ZĄĆĘŁŃÓŚŹŻ"
_NAME = rf"[{_UP}][\w]+(?:-[{_UP}][\w]+)?(?: +[{_UP}][\w]+){{0,2}}(?: +(?:nad|pod) +[{_UP}][\w]+)?"   # not across a tab (a cell)
_GEO = ("nazwa_geograficzna", "człon_nazwy_geograficznej")
INSTITUTION_WEIGHT = 2.0
OTHER_APPOSITION_WEIGHT = 3.0
COUNTY_WEIGHT = 3.0
PARTNER_FACTOR = 0.5
TOWN_BONUS = 0.0  # measured: a bonus for gazetteer towns made a county town beat the plan's own village


@dataclass
class Mention:
    name: str      # nominative
    surface: str   # as written
    start: int
    end: int
    weight: float


@lru_cache(maxsize=1)
def _regex() -> re.Pattern:
    alt = alternation(r["trigger"].lower() for r in read_tsv("locality_triggers.tsv"))
    return re.compile(rf"(?<![\w])(?P<trig>(?i:{alt}))\s+(?P<name>{_NAME})")


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    return {r["trigger"]: float(r["weight"]) for r in read_tsv("locality_triggers.tsv")}


@lru_cache(maxsize=1)
def _institutions() -> frozenset:
    return frozenset(read_lines("locality_institutions.txt"))


@lru_cache(maxsize=1)
def _apposition() -> frozenset:
    return frozenset(r["trigger"] for r in read_tsv("locality_triggers.tsv") if r.get("apposition") == "1")


def _nominative_as_written(words: list[str]) -> str | None:
    """After "gminy"/"miejscowości" a name stays in the nominative: keep it as written when its first
    word has a nominative geographic reading; a following capitalised word Morfeusz does not know as
    another case ("Wola Uhruska") belongs to the name."""
    if not words or not any("nom" in a.case and any(n in a.names for n in _GEO) for a in morph.analyse(words[0])):
        return None
    keep = [words[0]]
    for w in words[1:3]:
        if w in ("nad", "pod"):
            break
        if "nom" not in _cases(w) or _first_name(w):
            break  # "gminy Stare Babice Pan Sławomir ...": the name ends before a person
        keep.append(w)
    rest = words[len(keep):]
    if _tail(rest):
        keep += rest[:2]
    return " ".join(keep)


def _tail(rest: list[str]) -> bool:
    """Whether the words after a town's name begin a "nad/pod X" tail of that name ("Nakło nad Notecią", not
    "Serock nad Jeziorem Zegrzyńskim")."""
    return len(rest) >= 2 and (rest[0].lower() == "pod" or rest[0].lower() == "nad" and town_tail(rest[1]))


@lru_cache(maxsize=1)
def _stop() -> frozenset:
    return frozenset(x.casefold() for x in read_lines("locality_stoplist.txt"))


def _is_geo(word: str) -> bool:
    return any(a.pos in ("subst", "depr") and any(n in a.names for n in _GEO) for a in morph.analyse(word))


def _as_known(word: str) -> str:
    """A place's adjective the dictionary does not know, or knows only as a surname ("Skrzyńskim"), read as a known
    one with its ending ("Maleniecka": as "Niemiecka", see :func:`morph.adjective_proxy`)."""
    proxy = morph.adjective_proxy(word, surnames=True)
    return proxy[0] if proxy else word


def _is_adj(word: str) -> bool:
    return any(a.pos == "adj" for a in morph.analyse(_as_known(word)))


def _cases(word: str) -> set:
    return {c for a in morph.analyse(_as_known(word))
            if a.pos == "adj" or a.pos in ("subst", "depr") and any(n in a.names for n in _GEO) for c in a.case}


def _first_name(word: str) -> bool:
    """A first name ("Mirosław", "wójtowi gminy Kikół Janowi Kowalewskiemu"): a person's name starts here,
    not a place's."""
    an = morph.analyse(word)
    if any("imię" in a.names and "nom" in a.case for a in an):
        return True
    # in another case ("Janowi"): only a word no common noun or place name reads so ("Wieś" is a first name
    # too, but first of all a noun)
    return any("imię" in a.names for a in an) and not any(
        a.pos == "subst" and set(a.names) & {"nazwa_pospolita", "człon_nazwy_geograficznej", "nazwa_geograficzna"}
        for a in an)


def _trim(words: list[str]) -> list[str]:
    """Keep the words that belong to the place name: up to three geographic nouns or adjectives with at
    least one geographic noun ("Łuków", "Stare Babice", "Nowa Wieś Ełcka", "Piotrków Trybunalski"),
    and a "nad/pod X" tail ("Nakło nad Notecią")."""
    keep: list[str] = []
    i = 0
    while i < len(words) and len(keep) < 3 and words[i].lower() not in ("nad", "pod"):
        if not (_is_geo(words[i]) or (keep or i + 1 < len(words)) and _is_adj(words[i])):
            break
        if keep and not (_cases(keep[0]) & _cases(words[i])):  # "w Lublinie Straż Miejska": not one name
            break
        if keep and _first_name(words[i]) and not is_town(morph.place_nominative(" ".join(keep + [words[i]]))):
            break   # "miasta Szczytno Mirosław Bielawski" (not "w Nowej Rudzie", a town of the gazetteer)
        keep.append(words[i])
        i += 1
    if len(keep) == 1 and len(words) > 1 and _is_adj(keep[0]) and words[1][:1].isupper() and not _is_geo(words[1]):
        # an adjective and a common noun ("w Suchym Lesie": Suchy Las, not the village Suche the adjective alone names)
        pair = morph.place_nominative(" ".join(words[:2])).split()
        if len(pair) == 2 and pair[0] != words[0] and pair[1] != words[1]:
            keep.append(words[1])
    while keep and not _is_geo(keep[0]) and not any(_is_geo(w) for w in keep[1:]):
        keep.pop()
    if not keep or not any(_is_geo(w) for w in keep):
        return []
    rest = words[len(keep):]
    if len(keep) == len(words[:len(keep)]) and _tail(rest):
        keep += [rest[0].lower(), rest[1]]
    return keep


@lru_cache(maxsize=20_000)
def _place(trig: str, found: str) -> tuple[str, str] | None:
    """(surface, nominative name) of the place named by ``found`` (the capitalised words after trigger word
    ``trig``), or None when they name no place (or one of the stoplist)."""
    words = found.split()
    apposition = trig in _apposition()
    if len(words) > 1 and words[0] in ("Miasta", "Gminy"):
        # "Burmistrz Miasta Gorlice": the town after the word for it, in the nominative as written
        words, apposition = words[1:], True
    written = _nominative_as_written(words) if apposition else None
    if written:
        words = written.split()
    elif "-" in words[0]:
        parts = words[0].split("-")
        if not all(_is_geo(p) or _is_adj(p) for p in parts):
            return None
        words = [words[0]]
    else:
        words = _trim(words)
    if not words:
        return None
    surface = " ".join(words)
    name = written or morph.place_nominative(surface)
    if all(w.isupper() for w in name.split() if w not in ("nad", "pod")):
        # a heading in capitals ("KOMENDA POWIATOWA POLICJI W CHOJNICACH"): the name in the usual case
        name = " ".join(w.lower() if w.lower() in ("nad", "pod") else
                        "-".join(p.capitalize() for p in w.lower().split("-")) for w in name.split())
    if name.casefold() in _stop():
        return None
    return surface, name


_COMMAND = r"\bKomend\w*\s+(?:Powiatow|Miejsk)\w*\s+Policji"
_COMMAND_SEAT = re.compile(_COMMAND + r"\s+$", re.I)
_COMMAND_ABBR_SEAT = re.compile(r"\bK[MP]P\s+$")   # "Zdjęcia: KPP w Cieszynie"
# a station of a county's police in a smaller town: "Posterunek Policji w Wagańcu" under "KPP w Aleksandrowie Kujawskim"
_STATION = r"\b(?:Posterun|Komisariat)\w*\s+Policji\s+"
_STATION_SEAT = re.compile(_STATION + "$", re.I)
_STATION_NAMED = re.compile(_STATION + "w", re.I)
_POST_SEAT = re.compile(r"\b(?:Posterun\w*|Placów\w*|Oddział\w*)\s+(?:SOK|Straży\s+Ochrony\s+Kolei|Straży\s+Granicznej|SG|PSR"
                        r"|Państwowej\s+Straży\s+Rybackiej)\s+$", re.I)
_COMMAND_NAMED = re.compile(_COMMAND + r"\b|\bK[MP]P\b", re.I)
STATION_SEAT_BONUS = 3.0


def mentions(document: Document) -> list[Mention]:
    text = document.text
    kinds = (*document.threat_kinds(), "goal")
    threat = [(s.start, s.end) for s in document.sections if s.kind in kinds]
    partners = document.section_spans("partners")
    plan = document.get("doc_type") == "priority_plan"
    news = document.get("doc_type") == "news"
    out = []
    for m in _regex().finditer(text):
        trig = " ".join(m.group("trig").lower().split())
        place = _place(trig, m.group("name"))
        if place is None:
            continue
        surface, name = place
        weight = _weights().get(trig, 1.0)
        if trig in _apposition() and not plan:
            weight = min(weight, OTHER_APPOSITION_WEIGHT)  # a programme or news names several gminas
        before = text[max(0, m.start() - 30): m.start()].split()
        if [w.lower() for w in before[-2:]] == ["miasta", "i"]:
            before = before[:-2]   # "Urząd Miasta i Gminy Ślesin"
        if before and before[-1].lower() in _institutions():
            weight = min(weight, INSTITUTION_WEIGHT)  # "Urząd Gminy Ełk": named, not the area covered
        if is_town(name):
            weight += TOWN_BONUS  # a town rather than one of its villages
        start = m.start("name")
        if any(a <= start < b for a, b in threat):
            weight += 2
        if start < 400:
            weight += 1
        if any(a <= start < b for a, b in partners):
            weight *= PARTNER_FACTOR  # the towns in partners' names tell less about the plan's place
        if news and (_COMMAND_SEAT.search(text, max(0, m.start() - 40), m.start())
                     or _COMMAND_ABBR_SEAT.search(text, max(0, m.start() - 10), m.start())
                     or _POST_SEAT.search(text, max(0, m.start() - 40), m.start())):
            # a news page's publisher ("Komenda Powiatowa Policji w Żaganiu"), not its event; another service's post
            # its officers come from ("z Posterunku SOK w Białej Podlaskiej")
            weight *= PARTNER_FACTOR
        if not news and _STATION_SEAT.search(text, max(0, m.start() - 30), m.start()) and _COMMAND_NAMED.search(text) \
                and not any(a <= start < b for a, b in partners):
            weight += STATION_SEAT_BONUS   # the station's town, not the county command's that publishes its plans
        elif not news and _COMMAND_SEAT.search(text, max(0, m.start() - 40), m.start()) and _STATION_NAMED.search(text):
            weight *= PARTNER_FACTOR   # the county command's seat, on a page of one of its stations' plans
        out.append(Mention(name, surface, start, start + len(surface), weight))
    return out


_COUNTY = re.compile(r"\b[Pp]owia(?:t|tu|towi|tem|cie)\s+(?P<adj>[a-ząćęłńóśźżA-ZĄĆĘŁŃÓŚŹŻ]+(?:sk|ck|dzk)\w*)")


@lru_cache(maxsize=1)
def _county_seats() -> dict[str, str | None]:
    """County adjective ("złotoryjski") -> its seat; None where two counties share the adjective."""
    from extractor.regions import counties

    out: dict[str, str | None] = {}
    for c in counties():
        if c.kind == "powiat":
            out[c.powiat] = None if c.powiat in out else c.seat
    return out


def county_mentions(document: Document) -> list[Mention]:
    """"Powiat Złotoryjski", "mieszkańcy powiatu łukowskiego": the county's seat is the town the
    document is about, when no more specific place outweighs it."""
    out = []
    for m in _COUNTY.finditer(document.text):
        for lem in morph.lemmas(m.group("adj").lower()):
            seat = _county_seats().get(lem.lower())
            if seat:
                w = COUNTY_WEIGHT + (1 if m.start() < 400 else 0)
                out.append(Mention(seat, m.group(0), m.start(), m.end(), w))
                break
    return out


def _merge(names: dict[str, float]) -> dict[str, float]:
    """Fold a shorter name into a longer one that extends it ("Nakło" into "Nakło nad Notecią"), and a masculine
    name into the neuter one written out in the same text ("w Wiśniewie" read as Wiśniew, "sołectwa Wiśniewo":
    the locative of both is "Wiśniewie")."""
    out = dict(names)
    for a in names:
        for b in names:
            if a != b and (b.startswith(a + " ") or b == a + "o") and a in out:
                out[b] = out.get(b, 0) + out.pop(a)
    return out


# a city's police station named for its district, in the nominative: "Komisariat Policji Wrocław-Psie Pole"
# (or the capital's, its district after a space: "Komisariat Policji Warszawa Targówek", "KRP Warszawa IV")
_STATION_OF_DISTRICT = re.compile(rf"\b(?:Komisariat\w*\s+Policji\s+(?P<city>[{_UP}][\w]+)-[{_UP}]"
                                  rf"|(?:Komisariat\w*\s+Policji|Komend\w*\s+Rejonow\w*\s+Policji|KRP)\s+"
                                  rf"(?P<capital>{CAPITAL})[ \t]+(?:[IVX]+\b|[{_UP}]))")
STATION_WEIGHT = 3.0


def station_mentions(document: Document) -> list[Mention]:
    out = []
    for m in _STATION_OF_DISTRICT.finditer(document.text):
        key = "city" if m.group("city") else "capital"
        city = m.group(key)
        if _is_geo(city):
            out.append(Mention(city, city, m.start(key), m.end(key), STATION_WEIGHT + (1 if m.start() < 400 else 0)))
    return out


# the one place an officer's district is named for, after its number: "rejon służbowy nr 3 – Korbielów", "rejonu nr 4
# (Białka Tatrzańska)", "REJON SŁUŻBOWY NR 2 – NIECIECZA" (not a list of villages: "rejon nr 2 (Kaniów, Bestwinka)"),
# then its end, an aside, a second name after a slash or a part of it ("Pogórze (część zachodnia)", "Chwaszczyno /
# Chwaszczëno", "Straszyn, osiedle Nad Radunią")
_AREA_AFTER_NUMBER = re.compile(rf"[ \t]*(?:[–—-][ \t]*|\([ \t]*)(?P<name>[{_UP}][\w]+(?:-[{_UP}][\w]+)?(?:[ \t]+[{_UP}][\w]+)?)"
                                rf"(?=[ \t]*(?:\)|[–—]|\n|$|\(|/|,[ \t]+(?:osiedle|os\.|ul\.|ulice|część)\b))")
AREA_WEIGHT = 15.0


def _reads_as(m: Mention, name: str) -> bool:
    """Whether mention ``m`` names ``name``: so read, or each of its words has a reading of the name's word
    ("w Niecieczy", read as Nieciecz, may be Nieciecza's)."""
    if m.name == name:
        return True
    words, target = m.surface.split(), name.split()
    return len(words) == len(target) and all(
        t.lower() in {a.lemma.lower() for a in morph.analyse(w)} for w, t in zip(words, target))


def area_mentions(document: Document, found: list[Mention]) -> list[Mention]:
    """The place a plan's district is named for, when the text names one such place and also writes it as a
    place elsewhere (``found``: a city's part a district is named for, "rejon nr 23 – Chylonia", is seldom
    written so): the district's village rather than the seat of its station or county.  The mentions of
    ``found`` that read as that place are renamed to it."""
    numbers = district.mentions(document)
    if len({district.number_value(num) for num, _s, _e in numbers}) > 1:
        return []   # a page of several districts' plans: "Rejon służbowy nr 14 (Chocznia)", "… nr 15 (…)"
    areas = [a for _num, _s, e in numbers if (a := _AREA_AFTER_NUMBER.match(document.text, e))]
    if len({a.group("name") for a in areas}) != 1:
        return []
    m = areas[0]
    written = m.group("name")
    name = written.title() if written.isupper() else written
    if not all(_is_geo(w) or _is_adj(w) for p in name.split() for w in p.split("-")):
        return []
    same = [x for x in found if _reads_as(x, name)]
    if not same:
        return []
    for x in same:
        x.name = name
    return [Mention(name, written, m.start("name"), m.end("name"), AREA_WEIGHT)]


def extract(document: Document) -> str | None:
    ms = mentions(document)
    ms += county_mentions(document) + station_mentions(document) + area_mentions(document, ms)
    if not ms:
        return None
    totals: dict[str, float] = {}
    first: dict[str, int] = {}
    for m in ms:
        totals[m.name] = totals.get(m.name, 0) + m.weight
        first.setdefault(m.name, m.start)
    merged = _merge(totals)
    for name in merged:
        if name not in first:
            first[name] = min(v for k, v in first.items() if name.startswith(k))
    best = max(merged, key=lambda n: (merged[n], -first[n]))
    return _as_written_elsewhere(document.text, best, [m.surface for m in ms if m.name == best])


def _as_written_elsewhere(text: str, name: str, surfaces: list[str]) -> str:
    """The other nominative of a one-word name's inflected forms when the text writes that one out and never
    the chosen one: "w Bolkowie" reads as Bolkowo or Bolków, and "KP Bolków" tells which."""
    if " " in name or "-" in name or _as_word(text, name):
        return name
    others = {a.lemma for s in set(surfaces) if " " not in s for a in morph.analyse(s)
              if a.lemma != name and " " not in a.lemma and any(n in a.names for n in _GEO)}
    # (not a form the mentions themselves are written in: "mieszkańców Krosna" is Krosno's, not a town Krosna)
    # (nor a town's own form: "w stronę Cieszyna" is the town Cieszyn's genitive, not the village Cieszyna)
    written = [o for o in others - set(surfaces) if _as_word(text, o)
               and not (is_town(name) and not is_town(o) and name in {a.lemma for a in morph.analyse(o)})]
    return written[0] if len(written) == 1 else name


def _as_word(text: str, word: str) -> bool:
    """Whether ``text`` has ``word`` as a whole word (a regex made for each name costs its compilation)."""
    k = text.find(word)
    while k >= 0:
        e = k + len(word)
        if not (k and (text[k - 1].isalnum() or text[k - 1] == "_")) \
                and not (e < len(text) and (text[e].isalnum() or text[e] == "_")):
            return True
        k = text.find(word, k + 1)
    return False
