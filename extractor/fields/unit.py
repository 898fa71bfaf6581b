"""unit: the police (or municipal) unit that issues the document or runs the plan, nominative, with its town.

Sources, best first: the implementer section of a strategy ("Realizator", "Komórka organizacyjna wiodąca"),
a unit named in the first lines (a page heading), the first unit named in the text.  A commander's title
gives the unit ("Komendant Miejski Policji w X" -> "Komenda Miejska Policji w X"); a unit without a town
takes the document's locality ("Komenda Miejska Policji" + Leszno -> "... w Lesznie").
"""
from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from extractor.fields.names import find_ranks, is_first_name
from extractor.nlp import morph
from extractor.nlp.gazetteer import is_town
from extractor.prefilter import WholeTextRegexes, first_match, folded_finditer
from extractor.record import Document
from extractor.resources import read_tsv
from extractor.sections import WRAP_WIDTH

_UP = "A-ZĄĆĘŁŃÓŚŹŻ"
CAPITAL = "Warszawa"   # whose police units are named "Komisariat Policji Warszawa Ursus", "KRP Warszawa II"
# (a town's words one or two spaces apart: more is a column's gap, "Posterunek Policji w Szudziałowie      KPP w Sokółce")
_TOWN = rf"[{_UP}][\w]+(?:-[{_UP}][\w]+)?(?:[ \t]{{1,2}}(?!NAD\b|POD\b)[{_UP}][\w]+)?(?:[ \t]+(?:nad|pod|NAD|POD)[ \t]+[{_UP}][\w]+)?"
# "w Lesznie", "dla Powiatu Poznańskiego", or a city's station named for its district, which does not
# inflect ("Komisariatu Policji Szczecin-Niebuszewo", "Komisariat Policji Poznań-Nowe Miasto"), as the capital's
# units are named: "Komisariat Policji Warszawa Targówek", "Komenda Rejonowa Policji Warszawa IV"
_TAIL = re.compile(rf"(?:\s+(?:w|we|W|WE)\s+{_TOWN.replace('[{_UP}]', '[A-ZĄĆĘŁŃÓŚŹŻ]')}|\s+dla\s+Powiatu(?:\s+[{_UP}][\w]+){{1,3}}"
                   rf"|[ \t]+[{_UP}][\w]+-[{_UP}][\w]+(?:[ \t]+(?:Miasto|Huta|Wieś|Zdrój|Pole|Góra|Dwór|Centrum|Północ|Południe|Wschód|Zachód))?"
                   rf"|[ \t]+{CAPITAL}[ \t]+(?:[IVX]+\b|[{_UP}][\w]+(?:-[{_UP}][\w]+)?))")
_RIGHT_COLUMN = re.compile(r"[ \t]{3,}[^\n]*(?=\n[ \t]*(?:w|we|W|WE)[ \t])")
_ONE_MORE = re.compile(rf"[ \t]{{1,2}}([{_UP}][\w]+)")
_TOWN_AFTER = re.compile(rf"[ \t]+([{_UP}][\w-]+(?:[ \t]+[{_UP}][\w-]+){{0,2}})")   # "KPP Nowy Dwór Gdański"
_NAMED_FOR_DISTRICT = re.compile(rf"[{_UP}]\w+-[{_UP}]\w+|\b{CAPITAL}[ \t]+(?:[IVX]+\b|[{_UP}])")
_LOWER_WORDS = {"w", "we", "dla", "i", "nad", "pod", "ds.", "do", "spraw"}
HEADER_CHARS = 200
_ABBR = {"KMP": "Komenda Miejska Policji", "KPP": "Komenda Powiatowa Policji", "KWP": "Komenda Wojewódzka Policji",
         "KRP": "Komenda Rejonowa Policji"}


@lru_cache(maxsize=1)
def _patterns():
    return [(r["kind"], r["from_title"] == "1", re.compile(rf"\b(?:{r['pattern']})\b", re.I if r["pattern"][0] != "(" else 0))
            for r in read_tsv("units.tsv")]


@lru_cache(maxsize=1)
def _prefiltered() -> WholeTextRegexes:
    return WholeTextRegexes(_patterns(), regex=itemgetter(2))


def _normal_case(s: str) -> str:
    if not s.isupper():
        return s
    words = s.split(" ")
    return " ".join(w.lower() if w.lower() in _LOWER_WORDS else "-".join(p.capitalize() for p in w.split("-")) for w in words)


def _fem_nom(adj: str) -> str:
    """The feminine nominative singular of an adjective ("Miejski" -> "Miejska")."""
    for a in morph.analyse(adj):
        if a.pos != "adj":
            continue
        for form, tag in morph.generate(a.raw_lemma):
            parts = tag.split(":")
            if len(parts) > 4 and "sg" in parts[1].split(".") and "nom" in parts[2].split(".") and "f" in parts[3].split(".") and parts[4] == "pos":
                return morph.match_case(adj, form)
    return adj


def locative(town: str) -> str:
    """"Leszno" -> "w Lesznie", "Włocławek" -> "we Włocławku", "Ostrowiec Świętokrzyski" -> "w Ostrowcu
    Świętokrzyskim" (:func:`extractor.fields.names.locative`, with the preposition its first sounds take)."""
    from extractor.fields.names import in_town

    words = town.split()
    if "nad" in words or "pod" in words:   # "Kazimierz Dolny nad Wisłą": the name before "nad", the rest kept
        k = next(i for i, w in enumerate(words) if w in ("nad", "pod"))
        return " ".join([in_town(" ".join(words[:k]))] + words[k:])
    return in_town(town)


def _canonical(match: re.Match, kind: str, from_title: bool, text: str) -> tuple[str, int]:
    head = match.group(0)
    if head in _ABBR:
        head_n = _ABBR[head]
    elif from_title:
        words = head.split()
        head_n = " ".join(["Komenda", _fem_nom(words[1]), "Policji"])
    else:
        head_n = morph.to_nominative(_normal_case(" ".join(head.split())))
    end = match.end()
    tail = _TAIL.match(text, end)
    if tail is None and (column := _RIGHT_COLUMN.match(text, end)):
        # a letterhead set beside a right column, its town on the next line: "KOMENDA POWIATOWA POLICJI      Międzychód,
        # dnia 24.04.2025 r." / "W MIĘDZYCHODZIE"
        tail = _TAIL.match(text, column.end())
    if tail:
        end = tail.end()
        words = tail.group(0).split()
        more = _ONE_MORE.match(text, end)
        if more and len(words) == 3 and words[0].lower() in ("w", "we") \
                and (is_town(morph.place_nominative(" ".join(words[1:] + [more.group(1)])))
                     or morph.adjective_agrees(words[2], more.group(1), "loc")):
            # a town of three words: "w Nowym Dworze Gdańskim", "w Nowej Wsi Wielkiej" (a village the gazetteer
            # of towns does not hold: its last word an adjective of the noun before it)
            end = more.end()
            words.append(more.group(1))
        elif len(words) == 3 and words[0].lower() in ("w", "we") and _common_noun(words[2]) \
                and is_town(morph.place_nominative(words[1])) and not is_town(morph.place_nominative(" ".join(words[1:]))):
            g = tail.group(0)   # "w Łukowie Wydział Prewencji": the town ends before the office's noun
            end = tail.start() + len(g[:g.rindex(words[2])].rstrip())
            words = words[:2]
        head_n += " " + _normal_case(" ".join(words))
    elif head in _ABBR:
        # "KPP Sztum", "KMP Gorzów Wielkopolski": the acronym and its town in the nominative
        town = _TOWN_AFTER.match(text, end)
        if town:
            words = town.group(1).split()
            name = next((n for n in (" ".join(words[:k]) for k in range(len(words), 0, -1)) if is_town(n)), None)
            if name:
                head_n += " " + locative(name)
                end = town.start(1) + len(name)
    return head_n, end


def _common_noun(word: str) -> bool:
    """A capitalised word read as a common noun in the nominative ("Wydział", "Komendant"), never a place's."""
    an = morph.analyse(word)
    return any(a.pos == "subst" and "nom" in a.case and "nazwa_pospolita" in a.names for a in an) and \
        not any("nazwa_geograficzna" in a.names or a.pos == "adj" for a in an)


def mentions(document: Document) -> list[dict]:
    text = document.text
    out = []
    for kind, from_title, rx in _prefiltered().live(text):   # (the others have no match anywhere in the text)
        for m in folded_finditer(rx, text):
            name, end = _canonical(m, kind, from_title, text)
            out.append(document.span(m.start(), end, name=name, kind=kind))
    out.sort(key=lambda u: u["start"])
    return out


_LEAD_TITLES = ("koordynator", "komórka organizacyjna wiodąca", "realizator wiodący", "instytucja wiodąca",
                "podmiot wiodący")


def _implementer(document: Document) -> dict | None:
    """The unit a strategy names as its coordinator or implementer: a coordinator or lead unit first,
    and within a list the first body (a police unit named there wins)."""
    secs = [s for s in document.sections if s.kind == "implementer"]
    secs.sort(key=lambda s: not s.title.lower().startswith(_LEAD_TITLES))
    for sec in secs:
        body = document.text[sec.body_start:sec.end]
        police = [m for m in mentions(document) if sec.body_start <= m["start"] < sec.end]
        if police:
            return police[0]
        line = body.strip().split("\n")[0]
        if any(s == 0 for s, _e, _a in find_ranks(line)):
            continue   # "Wykonawca: mł. asp. Sebastian Jamrozik": a person, the officer
        words = line.split()
        if 2 <= len(words) <= 3 and is_first_name(words[0]) and all(w[:1].isupper() for w in words):
            continue   # "Koordynator Programu" / "Wiesław Nowacki": a person, no unit
        # "Straż Miejska. Termin: ...", not at an abbreviation's stop ("Stanowisko ds. Obronnych …")
        item = re.split(rf"[,;]\s+|{_NAME_STOP}\s+", line)[0].strip(" -–:;.")
        if not item:
            continue
        s = sec.body_start + body.find(item)
        return document.span(s, s + len(item), name=morph.to_nominative(item), kind=_kind_of(item))
    return None


@lru_cache(maxsize=1)
def _roles() -> list[tuple[str, re.Pattern]]:
    return [(r["role"], re.compile(r["pattern"])) for r in read_tsv("unit_roles.tsv")]


# an official named as a programme's coordinator: the unit headed, or (a mayor, a wójt) no unit
_OFFICES_OF_UNITS = {"komendant", "kierownik", "dyrektor", "naczelnik", "prezes", "przewodniczący", "zastępca"}
_OFFICES_ALONE = {"burmistrz", "wójt", "prezydent", "starosta"}
_OFFICIALS_OF_OFFICE = {"sekretarz", "skarbnik"}
_OFFICE_OF = r"Gminy(?:[ \t]+i[ \t]+Miasta)?|Miasta(?:[ \t]+i[ \t]+Gminy)?"   # whose office: "Urząd Miasta i Gminy"
# an office named in any case ("z Urzędem Gminy Osiecznica", "w Urzędzie Miejskim w Nowej Soli")
_OFFICE_NAMED = re.compile(rf"\bUrz(?:ąd|ędu|ędem|ędzie|ędowi)[ \t]+(?:{_OFFICE_OF}|Miejski\w*[ \t]+we?)[ \t]+[{_UP}][\w-]+"
                           rf"(?:[ \t]+[{_UP}][\w-]+)?")
_NO_UNIT: dict = {}   # a role sentence that names no unit
_TOWN_END = re.compile(r"\bw(?:e)?\s+\w+(?:\s+\w+)?\s*$")   # a name that ends with its town is whole
# a full stop that ends a body's name: not an abbreviation's ("Zespół ds. Bezpieczeństwa i Zarządzania Kryzysowego …")
_NAME_STOP = r"(?<!\bds)(?<!\bnr)(?<!\bim)(?<!\bul)(?<!\bśw)\."
_DEPARTMENT = re.compile(r"[ \t]*(?:Referat|Wydział|Biuro|Zespół)\b")   # a department named by its matters
_ROLE_END = re.compile(rf"\s*(?:{_NAME_STOP}|[,;:\n(]|\s+przy\s+|\s+we?\s+współ\w+|\s+a\s+|\s+[–—]\s+|\s+oraz\s+|$)")


def _role_sentence(document: Document, *roles: str) -> tuple[dict | None, bool]:
    """"Koordynatorem programu jest Wydział ..." — the body named as a programme's coordinator or
    implementer (already in the nominative), and whether it was named through an official ("Komendant
    Straży Miejskiej ..."); :data:`_NO_UNIT` when a mayor is named."""
    text = document.text
    for role, rx in _roles():
        if role not in roles:
            continue
        m = first_match(rx, text)
        if not m:
            continue
        if not text[m.end():m.end() + 1].isupper():
            # a post in an office, in lower case: the office ("Koordynatorem jest stanowisko ds. zarządzania kryzysowego,
            # obronności … w Urzędzie Miasta X"), read below when that office is named otherwise; any other lower-case
            # word names no body
            post = _POST_IN_OFFICE.match(text, m.end())
            if post is None:
                continue
            office = _OFFICE_NAMED.match(text, post.end())
            if office:
                name = morph.to_nominative(" ".join(office.group().split()))
                return document.span(office.start(), office.end(), name=name, kind="local_government"), False
        end = _ROLE_END.search(text, m.end() + 1)
        stop = end.start() if end else len(text)
        while text[stop:stop + 1] == "," and (" ds. " in text[m.end():stop] or _DEPARTMENT.match(text, m.end())) \
                and text[stop + 2:stop + 3].isupper() and stop - m.end() < 160:
            # the matters of a post listed with commas: "Stanowisko ds. Zarządzania Kryzysowego, Obrony Cywilnej i
            # Spraw Obronnych Urzędu Miejskiego w Opalenicy", "Referat Rolnictwa, Ochrony Środowiska i Spraw …"
            end = _ROLE_END.search(text, stop + 1)
            stop = end.start() if end else len(text)
        line_start = text.rfind("\n", 0, m.end()) + 1
        if text[stop:stop + 1] == "\n" and stop - line_start >= WRAP_WIDTH and text[stop + 1:stop + 2].isalpha() \
                and not _TOWN_END.search(text, m.end(), stop) and not _LABEL_LINE.match(text, stop + 1):
            # a name wrapped at the end of a converted page's line ("... Zarządzania Kryzysowego Urzędu\nMiasta i
            # Gminy Połaniec, który ...")
            end = _ROLE_END.search(text, stop + 1)
            stop = end.start() if end else len(text)
        if stop - m.end() < 3 or stop - m.end() > 160:
            continue
        name = " ".join(text[m.end():stop].split())
        heads = {x.lower() for x in morph.lemmas(name.split()[0])}   # "Komendant", "Dyrektorowi" (dative)
        office = False
        words = name.split()
        if heads & {"komendant"} and len(words) > 2 and words[2].lower() in ("policji", "straży") \
                and any(a.pos == "adj" for a in morph.analyse(words[1])):
            # "Komendant Powiatowy Policji we Wschowie" heads the Komenda Powiatowa Policji we Wschowie
            name = " ".join(["Komenda", _fem_nom(words[1])] + words[2:])
            return document.span(m.end(), stop, name=name, kind=_kind_of(name)), True
        while heads & _OFFICES_OF_UNITS and len(name.split()) > 1:
            # "Komendant Straży Miejskiej w Świdniku", "Zastępca Komendanta Straży Miejskiej Jolanta Wrona":
            # the unit the official heads, without the official's name
            office, name = True, name.split(" ", 1)[1]
            heads = {x.lower() for x in morph.lemmas(name.split()[0])}
        if office:
            words = name.split()
            cut = next((k for k, w in enumerate(words) if k and is_first_name(w)), len(words))
            name = morph.to_nominative(" ".join(words[:cut]))
        elif heads & _OFFICES_ALONE:
            return _NO_UNIT, False   # a mayor coordinates: the programme has no unit of its own
        elif heads & _OFFICIALS_OF_OFFICE:
            # "Realizację Programu koordynuje Sekretarz Gminy": the office the official serves in, as the text names it
            # ("… wspólnie z Urzędem Gminy Osiecznica", "Sekretarz Gminy w Urzędzie Gminy Świnice Warckie")
            office = _OFFICE_NAMED.search(text, m.end()) or _OFFICE_NAMED.search(text)
            if office is None:
                return _NO_UNIT, False
            name = morph.to_nominative(" ".join(office.group().split()))
            return document.span(office.start(), office.end(), name=name, kind="local_government"), True
        else:
            name = morph.to_nominative(name)   # "powierza się Straży Miejskiej ..."
        return document.span(m.end(), stop, name=name, kind=_kind_of(name)), office
    return None, False


# a line of its own label, no wrapped name's end: "Realizują także: Komisariat Policji …"
_LABEL_LINE = re.compile(r"[^\W\d][^\n:,.]{0,30}:")
_POST_IN_OFFICE = re.compile(r"stanowisk\w*(?:[^\n.;]|(?<=\bds)\.){0,120}?\bw[ \t]+(?=Urzędzie\b)")


def _kind_of(name: str) -> str:
    low = name.lower()
    if "policj" in low or low.startswith(("kmp", "kpp", "kwp")):
        return "police_hq" if "komend" in low or low.startswith("k") else "police_station"
    if "straż" in low:
        return "municipal_police"
    if "urz" in low or "wydział" in low or "gmin" in low:
        return "local_government"
    return "other"


# a town hall's own site, named on the page's first line: "Gmina Małdyty – serwis informacyjny", "Urząd Gminy Osjaków",
# "Urząd Miejski w Szczyrku | Aktualności"
_SITE_OFFICE = re.compile(rf"[ \t\n]*(?:(?P<office>Urząd[ \t]+(?:{_OFFICE_OF}|Miejski))"
                          rf"|(?P<gmina>Gmina|Miasto[ \t]+i[ \t]+Gmina))[ \t]+(?P<town>(?:(?<=Miejski[ \t])we?[ \t]+)?[{_UP}][^\n|–—:]{{1,50}}?)"
                          r"[ \t]*(?:[|–—-][^\n]*)?\n")


def _site_office(document: Document) -> dict | None:
    """The office whose site publishes a news page (the publisher is a news page's unit)."""
    m = _SITE_OFFICE.match(document.text)
    if m is None:
        return None
    if m.group("office"):
        name = " ".join((m.group("office") + " " + m.group("town")).split())
    else:   # "Gmina X" -> "Urząd Gminy X", "Miasto i Gmina X" -> "Urząd Miasta i Gminy X"
        name = "Urząd " + ("Gminy" if m.group("gmina") == "Gmina" else "Miasta i Gminy") + " " + " ".join(m.group("town").split())
    return document.span(m.start("office" if m.group("office") else "gmina"), m.end("town"), name=name,
                         kind="local_government")


# a post in an office, not a unit of its own: "Stanowisko ds. Zarządzania Kryzysowego w Urzędzie Gminy Chrostkowo",
# "Pełnomocnik Burmistrza ds. Profilaktyki w Urzędzie Miasta i Gminy Osiek" (a post "of" the office, "Stanowisko …
# Urzędu Gminy Siedliszcze", is named as the unit); an office named with an aside after a dash:
# "Urząd Gminy Lubiewo – stanowisko ds. zarządzania kryzysowego"
_POST = re.compile(r"(?i)(?:stanowisk|pełnomocnik|inspektor|koordynator)\w*\b")
_OFFICE_IN_NAME = re.compile(rf"\bUrz(?:ąd|ędu|ędem|ędzie|ędowi)[ \t]+(?:{_OFFICE_OF}|Miejski\w*)(?:[ \t]+we?)?[ \t]+[{_UP}][\w-]+"
                             rf"(?:[ \t]+[{_UP}][\w-]+)?")
_ASIDE = re.compile(r"[ \t]+[–—][ \t]+\S.*$")


def _office_of_post(unit: dict) -> dict:
    name = unit.get("name") or ""
    office = _OFFICE_IN_NAME.search(name)
    if office and ((_POST.match(name) and name[office.start():].startswith("Urzędzie"))
                   or (office.start() == 0 and _ASIDE.search(name, office.end()))):
        nom = morph.to_nominative(" ".join(office.group().split()))
        return {**unit, "name": nom, "kind": "local_government"}
    return unit


def extract(document: Document) -> dict | None:
    if document.get("doc_type") == "news":
        office = _site_office(document)
        if office is not None:
            return office
    unit, through_official = _role_sentence(document, "coordinator")
    if unit is _NO_UNIT:
        return None
    if unit is None or through_official:
        # a body named outright as implementer is better than one named through an official
        implementer, _ = _role_sentence(document, "implementer")
        unit = (implementer if implementer and implementer is not _NO_UNIT else unit) or _implementer(document)
    if unit is None:
        partners = document.section_spans("partners")
        ms = [m for m in mentions(document) if not any(a <= m["start"] < b for a, b in partners)]
        if document.get("doc_type") == "strategy":
            # a strategy names the police among its partners: only a heading says it issues the text
            ms = [m for m in ms if m["start"] < HEADER_CHARS]
        if not ms:
            return None
        early = [m for m in ms if m["start"] < HEADER_CHARS]
        if document.get("doc_type") == "priority_plan":
            # a district plan is run by the officer's own station, the most specific unit in its header
            # (a "Rewir Dzielnicowych" is the officers' section inside the Komenda named beside it)
            # (a page's long breadcrumb and title may push the station's byline a little further down)
            early = [m for m in ms if m["start"] < 2 * HEADER_CHARS and m["kind"] == "police_station"
                     and not m["name"].lower().startswith("rewir")] or early
        unit = early[0] if early else ms[0]
        # a site's bare "Komenda Powiatowa Policji" above its plan's "Jednostka: Komenda Powiatowa Policji w …":
        # the unit named with its town
        if " w " not in unit["name"] and " we " not in unit["name"]:
            unit = next((m for m in ms if m["start"] < 2 * HEADER_CHARS and m["name"].startswith(unit["name"] + " w")),
                        unit)
    unit = _office_of_post(unit)
    locality = document.get("locality")
    if locality and " w " not in unit["name"] and " we " not in unit["name"] and " dla " not in unit["name"] \
            and unit["kind"].startswith("police") and not _NAMED_FOR_DISTRICT.search(unit["name"]):
        unit["name"] = f"{unit['name']} {locative(locality)}"
    return unit
