"""Field extractor: partners — cooperating bodies (podmioty współpracujące).

Items come from the partners section (lists, tables, comma-separated lines) and from
cooperation phrases in the actions ("we współpracy z ...", "przy współpracy dyrekcji ...",
"wspólnych patroli z ...").  Each item is split into the body's name and its tasks, the
management words are dropped ("Dyrekcja Szkoły ..." -> the school), acronyms are expanded
(``rules/partners/acronyms.tsv``), the name goes to the nominative and gets a kind
(``rules/partners/kinds.tsv``).  In news reports participants are not partners.
"""
from __future__ import annotations

import re
from contextvars import ContextVar
from functools import lru_cache

from extractor.fields import names as N
from extractor.fields.names import in_town
from extractor.nlp.gazetteer import is_town
from extractor.boilerplate import is_boilerplate
from extractor.nlp import morph
from extractor.record import Document
from extractor.prefilter import BranchPrefiltered, folded_finditer
from extractor.resources import read_lines, read_tsv
from extractor.sections import CELL_SEP, LP_LINE, WRAP_WIDTH, aligned_table, cell_separators, column_span, column_text, \
    first_cell, joined_pieces, opens_with_bar, wrapped_cells

# (numbered in levels too: "4.1 Ochotnicza Straż Pożarna …", "2.3) …")
_BULLET = re.compile(r"^(?:[ \t]*\|n\|)*[\s·•\-–—*▪●○◦>]*(?:\(?\d{1,2}(?:(?:\.\d{1,2})+[.)]?(?=\s)|[.)])\s*|[a-z]\)\s*)?")   # also after "|n|" markers
_CONNECT = {"w", "we", "nad", "ds", "do", "spraw", "dla", "im", "pw", "nr", "numer", "przy", "pod", "na"}   # ("pw.": pod wezwaniem)
# the staff of a body met in an action, passed over to the body ("z członkami Gminnej Komisji …", "z leśniczym
# Nadleśnictwa Piotrków"); the same words are management words (rules/partners/management.tsv) that the name drops
_STAFF = r"(?:funkcjonariusz|strażnik|strażak|ratownik|policjant|pracownik|przedstawiciel|człon(?:ek|k)|psycholog" \
    r"|terapeut|specjalist|leśnicz|leśnik|pedagog|druh|wolontariusz|inspektor|myśliw|pracownic|wychowaw|nauczyciel" \
    r"|instruktor)\w*"
_TRIGGER = re.compile(
    # "wspólne patrole z funkcjonariuszami Straży Leśnej ...": the staff word is passed over to the body
    # (or with no word of cooperation: "pomiary prędkości z policjantami Wydziału Ruchu Drogowego KPP w Jaśle")
    r"(?:(?:(?:wspóln\w*(?:\s+\w+){0,3}?|prowadzon\w*|realizowan\w*|przeprowadzon\w*|razem)\s+)?\bz(?:e)?\s+"
    rf"{_STAFF}\s+(?:(?-i:[a-ząćęłńóśźż])\w*\s+)?(?:z(?:e)?\s+)?(?=(?-i:[A-ZŁŚŻŹĆ]))"
    # (a label: "‣ wspólnie z: Bankiem Spółdzielczym w Gąbinie")
    r"|\bwspólnie\s+z(?:e)?\s*:[ \t]*(?=(?-i:[A-ZŁŚŻŹĆ]))"
    r"|(?:we|przy|w)\s+współpracy\s+(?:z(?:e)?\s+)?|współprac\w*\s+z(?:e)?\s+|wspóln\w*(?:\s+\w+){0,3}?\s+z(?:e)?\s+(?=(?-i:[A-ZŁŚŻŹĆ]))|wspóln\w*(?:\s+\w+)?\s+z(?:e)?\s+"
    r"|z\s+przedstawiciel\w*\s+|z\s+udziałem\s*:?\s+|przy\s+udziale\s+|we\s+współdziałaniu\s+z(?:e)?\s+"
    # "… Wydział Bezpieczeństwa, działający w stałym porozumieniu ze Strażą Miejską …, z Komisariatem Policji …"
    r"|w\s+(?:stałym\s+|ścisłym\s+)?porozumieniu\s+z(?:e)?\s+(?=(?-i:[A-ZŁŚŻŹĆ]))"
    # an item that opens with the body it was done with: "– z Komendą Powiatową PSP w Dębicy przeprowadzono pogadanki"
    r"|(?m:^)[ \t]*[-–•·*][ \t]*z(?:e)?\s+(?=(?-i:[A-ZŁŚŻŹĆ]))"
    # … or a sentence: "Ze Strażą Miejską w Mszczonowie raz w tygodniu będziemy sprawdzać zatoczki."
    r"|(?<=[.!?][ \t])(?-i:Ze?)\s+(?=(?-i:[A-ZŁŚŻŹĆ]))"
    # … or the "with whom" column after a dash: "1. Ustalenie tras – do 22.V – ze Strażą Miejską w Opocznie."
    r"|(?<=[ \t][–—][ \t])z(?:e)?\s+(?=(?-i:[A-ZŁŚŻŹĆ]))"
    # "razem z Wydziałem Ruchu Drogowego KPP w Lipnie ustalimy …"; village heads with their villages: "razem z
    # sołtysami Falsztyna i Frydmanu spiszę domki"
    r"|\brazem\s+z(?:e)?\s+(?=(?-i:[A-ZŁŚŻŹĆ]))"
    r"|\b(?:razem|wspólnie|wraz)\s+z(?:e)?\s+(?=sołtys\w*\s+(?:wsi\s+|sołectw\w*\s+)?(?-i:[A-ZŁŚŻŹĆ]))"
    # agreeing a matter with a body: "ustalenie z Nadleśnictwem Woziwoda harmonogramu patroli"
    r"|(?:ustal\w*|uzgodni\w*|uzgadnia\w*)\s+z(?:e)?\s+(?=(?-i:[A-ZŁŚŻŹĆ]))"
    # checks or patrols run with a body: "kontrole prędkości z Wydziałem Ruchu Drogowego KMP w Toruniu"
    r"|(?:patrol\w*|kontrol\w*|akcj\w*)(?:\s+\w+){0,2}?\s+z(?:e)?\s+(?=(?-i:[A-ZŁŚŻŹĆ]))"
    # … or with a body's staff: "Patrole piesze i rowerowe Straży Gminnej z policjantami Komisariatu Policji w Mielnie"
    rf"|(?:patrol\w*|kontrol\w*|akcj\w*)(?:\s+\S+){{0,8}}?\s+z(?:e)?\s+{_STAFF}\s+(?=(?-i:[A-ZŁŚŻŹĆ]))"
    # a campaign prepared with a body: "Kampania „Nie pij przed kąpielą” przygotowana z Gminną Komisją …"
    r"|(?:przygotowan|opracowan|zorganizowan|organizowan)\w*\s+(?:wspólnie\s+)?z(?:e)?\s+(?=(?-i:[A-ZŁŚŻŹĆ]))"
    # "do współpracy (przy realizacji planu) zaproszono także ...", "wspólne patrole ... i funkcjonariuszy ..."
    r"|do\s+współpracy\s+(?:[^.;\n]{0,40}?\s)?(?:zaproszono|zaprosił\w*|włączono|włączył\w*)\s+(?:także\s+|również\s+)?"
    rf"|wspóln\w*\s+(?:patrol\w*|kontrol\w*|działa\w*)\s+[^.;\n]{{0,60}}?\s{_STAFF}\s+(?=[A-ZŁŚŻŹĆ])"
    # help given by a body (the addressee of a request, "wystąpienie do Zarządu Dróg", and the pupils or staff
    # of a body met in an action, "pogadanka z uczniami Szkoły", are no partners: the body does nothing in the plan)
    rf"|przy\s+pomocy\s+|z\s+pomocą\s+|przy\s+wsparciu\s+(?:{_STAFF}\s+)?"
    # a task done with a body named in the instrumental: "Uprzątnięcie wysypisk z Zakładem Usług Komunalnych w Osiu"
    r"|(?<=\w[ \t])z(?:e)?\s+(?=(?-i:[A-ZŁŚŻŹĆ])\w+(?:em|ą)\b)"
    # a body that does a task of the plan, named after its verb: "tablice ustawi Urząd Miejski w Chodczu"
    r"|\b(?:wykona|przeprowadzi|poprowadzi|zrealizuje|zorganizuje|zapewni|ustawi|zamontuje|sfinansuje|przygotuje"
    r"|dostarczy)(?:ją|ą)?\s+(?=(?-i:[A-ZŁŚŻŹĆ]))"
    # … or in the present tense after the task: "Zadanie wykonuje Referat Gospodarki Komunalnej …", "realizuje Urząd …"
    r"|\b(?:wykonuj[eą]|realizuj[eą])\s+(?=(?-i:[A-ZŁŚŻŹĆ]))"
    # bodies that help with the plan, after the verb: "W realizacji planu pomagają Urząd Gminy Wydminy oraz Nadleśnictwo
    # Giżycko", "W realizację planu włączą się Urząd Miejski w Paczkowie oraz …"
    # ("Dzielnicowego wspierać będzie Gminny Ośrodek Kultury w Bobrowie", "… a w realizację włączają się Komenda …")
    r"|\b(?:pomaga(?:ją)?|pomogą|wspiera(?:ją)?|wesprą|włącz(?:ą|ają|y|yły|yli|ył|yła)\s+się|angażuj(?:e|ą)\s+się"
    r"|zaangażuj(?:e|ą)\s+się|(?:wspierać|pomagać)\s+będ(?:zie|ą)|będ(?:zie|ą)\s+(?:wspierać|pomagać))\s+(?=(?-i:[A-ZŁŚŻŹĆ]))"
    # … or its staff, "from" the body: "Pomagają nam też druhowie z OSP Słopnice", "Wspierają mnie strażnicy ze Straży …"
    rf"|\b(?:pomaga(?:ją)?|pomogą|wspiera(?:ją)?|wesprą)\s+(?:nam|mi|mnie|nas|dzielnicow\w*)\s+(?:też\s+|także\s+|również\s+)?"
    rf"{_STAFF}\s+z(?:e)?\s+(?=(?-i:[A-ZŁŚŻŹĆ]))"
    # … or by the staff it is run by: "spotkania prowadzone przez dzielnicowych Komendy Powiatowej Policji w X"
    # (or prepared, paid for, put up by it: "plakaty przygotowane przez Urząd Miejski w Mońkach")
    rf"|\b(?:prowadzon|przygotowan|opracowan|zorganizowan|organizowan|sfinansowan|finansowan|ustawion|zamontowan"
    rf"|wydrukowan|rozprowadzan|rozprowadzon|dostarczon|wykonan|realizowan)\w*\s+przez\s+"
    rf"(?:(?:{_STAFF}|dzielnicow\w*)\s+)?(?=(?-i:[A-ZŁŚŻŹĆ]))"
    # … or after the task's noun that opens an item: "3.3 Uprzątnięcie wysypisk przez Urząd Gminy Dębnica Kaszubska"
    r"|(?m:^)[ \t]*(?:[-–•·*]|\d{1,2}(?:\.\d{1,2})*\.?|[a-z]\))?[ \t]*\w+(?:ni|ci)e\s+(?:[^\W\d]+\s+){0,3}?przez\s+"
    r"(?=(?-i:[A-ZŁŚŻŹĆ]))"
    r"|z(?:e)?\s+(?=(?:dyrekcj|kierownictw|kierownik|dyrektor|pedagog|psycholog)\w*\s+\w))",
    re.IGNORECASE)


@lru_cache(maxsize=1)
def _trigger() -> BranchPrefiltered:
    return BranchPrefiltered(_TRIGGER)


# lowercase abbreviations inside a name after "im." ("im. św. Brata Alberta")
_NAME_ABBR = {"św", "bł", "ks", "o", "gen", "kard", "bp", "abp", "prof", "dr", "kpt", "płk", "mjr", "por", "hm"}
_HEADER = re.compile(r"(?im)^[^\n]{0,40}(podmioty\s+(?:(?:/|i)\s*instytucje\s+)?współpracujące|instytucje\s+partnerskie"
                     r"|partnerzy)[^\n]*"
                     r"|^[ \t]*(?:\d+[.)]\s*)?współpraca(?:\s+z)?[ \t]*:?[ \t]*$")


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[tuple[str, ...], str], ...]:
    return tuple((N.phrase_lemmas(r["phrase"]), r["kind"]) for r in read_tsv("partners", "kinds.tsv"))


@lru_cache(maxsize=1)
def _acronyms() -> dict:
    return {r["acronym"].upper(): r["expansion"] for r in read_tsv("partners", "acronyms.tsv")}


@lru_cache(maxsize=1)
def _acronyms_in_town() -> frozenset:
    """Acronyms whose body is named with its seat after "w" ("OSP Gdów" -> "Ochotnicza Straż Pożarna w Gdowie")."""
    return frozenset(r["acronym"].upper() for r in read_tsv("partners", "acronyms.tsv") if r.get("in_town"))


def _town_as_seat(rest: str) -> str | None:
    """``rest`` after an acronym as its seat ("w Gdowie"), when it is only a town's name in the nominative."""
    words = rest.split()
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
        return None
    if not (is_town(rest) or (morph.place_nominative(rest) == rest
                              and any("nom" in a.case for a in morph.analyse(words[0])
                                      if "nazwa_geograficzna" in a.names))):
        return None
    return in_town(rest)


@lru_cache(maxsize=1)
def _named_acronyms() -> dict:
    """Acronyms read otherwise before a quoted proper name ("SM „Nasz Dom”" -> Spółdzielnia Mieszkaniowa)."""
    return {r["acronym"].upper(): r["named"] for r in read_tsv("partners", "acronyms.tsv") if r.get("named")}


@lru_cache(maxsize=1)
def _not_partners() -> frozenset:
    return frozenset(N.phrase_lemmas(r["word"])[0] for r in read_tsv("partners", "not_partners.tsv"))


@lru_cache(maxsize=1)
def _management() -> frozenset:
    return frozenset(N.phrase_lemmas(r["word"])[0] for r in read_tsv("partners", "management.tsv"))


@lru_cache(maxsize=1)
def _head_lemmas() -> frozenset:
    """Lemmas that can head a partner's name: the first nouns of the kind phrases and ``heads.tsv``."""
    out = {lems[0] for lems, _k in _kinds()}
    out.update(N.phrase_lemmas(r["head"])[0] for r in read_tsv("partners", "heads.tsv"))
    return frozenset(out)


@lru_cache(maxsize=1)
def _place_named_heads() -> frozenset:
    """Heads whose name is a place name in the nominative ("Nadleśnictwo Woziwoda")."""
    return frozenset(N.phrase_lemmas(r["head"])[0] for r in read_tsv("partners", "heads.tsv")
                     if r["place_name"] == "yes")


@lru_cache(maxsize=1)
def _lower_heads() -> frozenset:
    """Heads of bodies that may be written in lowercase before their proper name ("sklep Lidl")."""
    return frozenset(N.phrase_lemmas(r["head"])[0] for r in read_tsv("partners", "heads.tsv") if r["lower"] == "yes")


@lru_cache(maxsize=1)
def _spellings() -> frozenset:
    """The acronyms as the table writes them, lower-case letters too ("OSiR", "GDDKiA")."""
    return frozenset(r["acronym"] for r in read_tsv("partners", "acronyms.tsv"))


# a document's own legend of its acronyms ("Skróty: NPN – Narwiański Park Narodowy; UM – Urząd Miejski."), in force
# while that document's partners are read: its acronyms first, then the table's
_LEGEND: ContextVar[dict] = ContextVar("partners_legend", default={})
_LEGEND_LINE = re.compile(r"^[ \t]*(?:skróty|użyte\s+skróty|objaśnienia(?:\s+skrótów)?|wykaz\s+skrótów|legenda)[ \t]*[:\-–]"
                          r"[ \t]*(?P<body>[^\n]+)", re.I | re.M)
_LEGEND_PAIR = re.compile(r"(?:^|(?<=[;,]))[ \t]*(?P<acr>[A-ZĄĆĘŁŃÓŚŹŻ][A-Za-ząćęłńóśźżĄĆĘŁŃÓŚŹŻ]{1,7})\.?[ \t]*[–—=-][ \t]*"
                          r"(?P<exp>[A-ZĄĆĘŁŃÓŚŹŻ][^;,\n]{2,80}?)[ \t.]*(?=[;,]|$)")


def legend(text: str) -> dict[str, str]:
    """The acronyms a document spells out in its own legend (upper-case acronyms only), with their expansions."""
    out: dict[str, str] = {}
    for line in _LEGEND_LINE.finditer(text):
        for m in _LEGEND_PAIR.finditer(line.group("body")):
            acr = m.group("acr")
            if sum(c.isupper() for c in acr) >= 2:
                out[acr.upper()] = m.group("exp").strip()
    return out


def _is_acronym(word: str) -> str | None:
    own = _LEGEND.get()
    if own:
        w = word.strip(".")
        if w.upper() in own and sum(c.isupper() for c in w) >= 2:
            return own[w.upper()]
    return _table_acronym(word)


@lru_cache(maxsize=20_000)
def _table_acronym(word: str) -> str | None:
    w = word.strip(".")
    if w.upper() in _acronyms() and (w.isupper() or w in _spellings() or (w[:1].isupper() and len(w) >= 3 and word.endswith("."))
                                     or (w[:1].isupper() and w[1:].islower() and len(w) >= 4)):
        return _acronyms()[w.upper()]
    return None


@lru_cache(maxsize=20_000)
def kind_of(name: str) -> str:
    toks = N.tokens(name)
    words = [t for t in toks if N.is_word(t)]
    for lems, kind in _kinds():
        for i in range(len(words)):
            if N.matches_lemmas(words, i, lems):
                return kind
    return "other"


def _has_gen(word: str) -> bool:
    return any("gen" in a.case for a in morph.analyse(word)) or \
        any("gen" in a.case for a in morph.analyse(word.capitalize()))


_ACRONYM_LEGEND = re.compile(r"[ \t]*[A-ZĄĆĘŁŃÓŚŹŻ]{2,6}[ \t]+[–—-][ \t]+(?=[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż])")


_LEAD_CONJ = re.compile(r"\s*(?:a\s+także|a\s+również|jak\s+również|a\s+ponadto|oraz|także|również)\s+(?=\S)")


@lru_cache(maxsize=20_000)   # list items repeat across an archive
def _split_name_tasks(item: str) -> tuple[str, str]:
    """"Straż Miejska Miasta Lublin kierowanie patroli" -> ("Straż Miejska Miasta Lublin", "kierowanie patroli");
    a legend's acronym before the name goes ("SM – Straż Miejska w Dzierżoniowie: nocne patrole")."""
    legend = _ACRONYM_LEGEND.match(item)
    if legend:
        item = item[legend.end():]
    # the last item of a list opens with its conjunction: "…; a także dyrekcja Szkoły Podstawowej nr 2 w Lubaniu"
    conj = _LEAD_CONJ.match(item)
    if conj:
        item = item[conj.end():]
    toks = N.tokens(item)
    k = 0
    seen_head = False
    cut = len(toks)
    while k < len(toks) and N.is_word(toks[k]) and not N.is_cap(toks[k]) and \
            N.lemma_set(toks[k].text) & _management() and k + 1 < len(toks):
        if N.is_cap(toks[k + 1]):
            k += 1  # "dyrekcji Szkoły ...": the management word is dropped later
        elif k + 2 < len(toks) and N.is_word(toks[k + 1]) and N.has_adj(toks[k + 1].text) and N.is_cap(toks[k + 2]):
            k += 2  # "strażnikami leśnymi Nadleśnictwa Łagów": the staff and their adjective
        elif k + 2 < len(toks) and toks[k + 1].low in ("z", "ze") and N.is_cap(toks[k + 2]):
            k += 2  # "funkcjonariuszy z Placówki Straży Granicznej": the staff from their body
        elif N.is_word(toks[k + 1]) and not N.is_cap(toks[k + 1]) and N.lemma_set(toks[k + 1].text) & _management():
            k += 1  # "strażaków ochotników z OSP …": two staff words
        else:
            break
    # "kierownictwo sklepu Lidl", "właściciel klubu muzycznego „Fabryka”": a lowercase business with its name
    m = k
    while m < len(toks) and N.is_word(toks[m]) and not N.is_cap(toks[m]) and N.lemma_set(toks[m].text) & _management():
        m += 1
    if m < len(toks) and N.is_word(toks[m]) and not N.is_cap(toks[m]) and N.lemma_set(toks[m].text) & _lower_heads():
        n = m + 1
        while n < len(toks) and N.is_word(toks[n]) and not N.is_cap(toks[n]) and N.has_adj(toks[n].text) \
                and toks[n].low not in _CONNECT and n - m <= 2:
            n += 1
        if n < len(toks) and (N.is_cap(toks[n]) or toks[n].text in N.QUOTES_OPEN):
            k = n
            seen_head = True
    while k < len(toks):
        t = toks[k]
        if t.low[:2] == "sp" and k > 0 and (legal := _LEGAL_AT.match(item, t.start)) is not None:
            k = next((n for n in range(k, len(toks)) if toks[n].start >= legal.end()), len(toks))
            continue   # the company's legal form: "Uzdrowisko Cieplice sp. z o.o. – wspólne obchody"
        if N.is_word(t) and N.is_cap(t):
            if seen_head and k >= 1 and not _has_gen(t.text) and not _unknown(t.text) and not N.has_geo_reading(t.text) \
                    and not _is_acronym(t.text) and not N.is_upper(t.text) and toks[k - 1].low not in _CONNECT \
                    and not _agrees_with(t.text, toks[k - 1].text) \
                    and k + 1 < len(toks) and N.is_word(toks[k + 1]) and not N.is_cap(toks[k + 1]) \
                    and toks[k + 1].low not in _CONNECT | {"i", "oraz"} \
                    and not (toks[k + 1].low[:2] == "sp" and _LEGAL_AT.match(item, toks[k + 1].start)) \
                    and not N.lemma_set(toks[k - 1].text) & _place_named_heads():
                # a capitalised word that is no genitive complement, followed by lowercase words:
                # the tasks column of a table starts here ("... Służba Ochrony Kolei Wspólne patrole")
                cut = k
                break
            if any(a.pos in ("subst", "ger") for a in morph.analyse(t.text)) or _is_acronym(t.text):
                seen_head = True
            k += 1
            continue
        if t.text in "-–—" and k > 0 and t.start > toks[k - 1].end and k + 1 < len(toks) and toks[k + 1].start > t.end:
            # a spaced dash ends the name: tasks or a sub-unit follow ("Nadleśnictwo Limanowa – Straż Leśna")
            cut = k
            break
        if t.text in ("„", "“") and k > 0:
            # a quoted name is the body's name whole, its lowercase words too: "Stowarzyszenie „Kajakiem po Odrze”"
            close = next((n for n in range(k + 1, min(len(toks), k + 9)) if toks[n].text in ("”", "\"")), None)
            if close is not None:
                k = close + 1
                continue
        if t.text[:1].isdigit() or t.text in ".-–/„”\"()" or t.text == ",":
            k += 1
            continue
        if t.low in _NAME_ABBR and k + 1 < len(toks) and toks[k + 1].text == "." and k > 0 \
                and (toks[k - 1].text == "." or toks[k - 1].low in _NAME_ABBR):
            k += 1  # "im. św. Brata Alberta", "im. ks. Jana Twardowskiego"
            continue
        if t.low == "m" and k + 3 < len(toks) and toks[k + 1].text == "." and toks[k + 2].low == "st" \
                and toks[k + 3].text == ".":
            k += 4  # "Straż Miejska m.st. Warszawy": the capital city's name follows
            continue
        if N.is_word(t) and t.low in _CONNECT | {"i", "oraz"} and k + 1 < len(toks) and \
                (N.is_cap(toks[k + 1]) or toks[k + 1].text[:1].isdigit() or toks[k + 1].text == "." or toks[k + 1].low == "spraw"
                 # a second town of bodies of one kind: "Ochotnicze Straże Pożarne w Podgórzynie i w Przesiece"
                 or (t.low in ("i", "oraz") and toks[k + 1].low in ("w", "we") and k + 2 < len(toks) and N.is_cap(toks[k + 2]))):
            k += 1
            continue
        cut = k
        break
    if cut >= len(toks):
        return item.strip(), ""
    name, tasks = item[:toks[cut].start].strip(" ,.;:-–"), item[toks[cut].start:].strip(" ,.;:-–—")
    if name.endswith("(") and tasks.endswith(")") and "(" not in tasks:
        name, tasks = name[:-1].rstrip(), tasks[:-1].rstrip()   # the tasks in brackets: "Urząd Gminy X (oznakowanie)"
    return name, tasks


def _agrees_with(adj: str, noun: str) -> bool:
    """An adjective reading of adj agreeing with a noun reading of noun ("Kuratorzy Sądowi")."""
    adjs = [a for w in (adj, adj.lower()) for a in morph.analyse(w) if a.pos == "adj"]
    nouns = [a for a in morph.analyse(noun) if a.pos in ("subst", "ger")]
    return any(a.case & n.case and a.number & n.number and (not a.gender or not n.gender or a.gender & n.gender)
               for a in adjs for n in nouns)


def _split_items(line: str, offset: int) -> list[tuple[str, int]]:
    """Split a line on commas, semicolons, full stops between names, and on "i"/"oraz" before a new body:
    (part, offset of the part)."""
    return [(part, offset + at) for part, at in _line_items(line)]


@lru_cache(maxsize=20_000)   # partner lines repeat across an archive
def _line_items(line: str) -> tuple[tuple[str, int], ...]:
    """The parts of ``line`` (see :func:`_split_items`) with their offsets in it."""
    parts = []
    start = 0
    toks = N.tokens(line)
    depth = 0   # inside brackets: a body's tasks ("Urząd Gminy X (oznakowanie, słupki) oraz …"), never cut
    for k, t in enumerate(toks):
        cut = False
        if t.text in "()":
            depth = max(0, depth + (1 if t.text == "(" else -1))
        if depth:
            continue
        if k and "\t" in line[toks[k - 1].end:t.start] and start < toks[k - 1].end:
            parts.append((line[start:toks[k - 1].end], start))   # a table's cells: a tab between two
            start = t.start
        if t.text in (",", ";", "|"):
            cut = True
        elif t.text == "." and k + 1 < len(toks) and N.is_cap(toks[k + 1]) and k > 0 and \
                toks[k - 1].low not in {"ds", "im", "nr", "ul", "st", "pw"} | _NAME_ABBR \
                and (len(toks[k - 1].text) > 1 or toks[k - 1].text in (")", "”", '"', "»")):   # (a quotation's end)
            cut = True
        elif t.low in ("i", "oraz") and k + 1 < len(toks) and N.is_word(toks[k + 1]):
            j = k + 1
            # past capitalised adjectives to their noun: "oraz Miejską Komisją Rozwiązywania ..."
            # ("oraz Wodne Ochotnicze Pogotowie Ratunkowe": an adjective that opens some bodies' names is no head)
            while j + 1 < len(toks) and j - k <= 2 and N.is_cap(toks[j]) and N.is_word(toks[j + 1]) \
                    and N.is_cap(toks[j + 1]) and N.has_adj(toks[j].text.rsplit("-", 1)[-1]) \
                    and not (N.lemma_set(toks[j].text) & _head_lemmas() and _forms(toks[j].text)):
                j += 1
            nxt_word = toks[j].text
            nxt = N.lemma_set(nxt_word)
            if nxt & _management() or _is_acronym(nxt_word):
                cut = True
            elif nxt & _head_lemmas():
                # a new body only when it stands in the case of the current item's head
                # ("Strażą Miejską i Służbą Ochrony Kolei"), not as a genitive complement ("Miasta i Gminy")
                item_words = [x for x in N.tokens(line[start:t.start]) if N.is_word(x)]
                # the body's head, after a management word ("dyrekcjami Szkoły Podstawowej nr 1 i Szkoły ..."); a
                # staff word's case also joins ("z policjantami Wydziału Ruchu Drogowego … i Strażą Miejską")
                staff: set = set()
                while len(item_words) > 1 and N.lemma_set(item_words[0].text) & _management():
                    staff |= {c for c, _n in _forms(item_words[0].text)}
                    item_words = item_words[1:]
                # past capitalised adjectives before the head when the first is also read as a noun in another case
                # ("Zachodniopomorskim Wodnym Ochotniczym Pogotowiem": "Zachodniopomorskim" a noun's dative too)
                if item_words and N.has_adj(item_words[0].text) and _forms(item_words[0].text):
                    while len(item_words) > 1 and N.is_cap(item_words[0]) and N.is_cap(item_words[1]) \
                            and N.has_adj(item_words[0].text) and not N.lemma_set(item_words[0].text) & _head_lemmas():
                        item_words = item_words[1:]
                head = {c for c, _n in _forms(item_words[0].text)} | staff if item_words else set()
                nxt_forms = _forms(nxt_word)
                # (an acronym is written the same in every case: "WOPR w Kole oraz Miejsko-Gminnym Ośrodkiem …")
                cut = not head or bool(head & {c for c, _n in nxt_forms}) or _is_acronym(item_words[0].text)
                if cut and len(item_words) > 1 and _forms(item_words[-1].text) & nxt_forms \
                        and not N.lemma_set(item_words[0].text) & nxt \
                        and not line[:t.start].rstrip().endswith(("”", '"', "»", ")")) \
                        and not _TOWN_TAIL.search(line[start:t.start].rstrip()) \
                        and not _town_name(item_words[-1].text) and not _is_acronym(item_words[-1].text) \
                        and not (j == k + 1 and j + 1 < len(toks) and N.is_cap(toks[j + 1]) and N.has_adj(toks[j + 1].text)
                                 and _agrees_with(toks[j + 1].text, nxt_word)
                                 and not (j + 2 < len(toks) and is_town(f"{toks[j + 1].text} {toks[j + 2].text}"))):
                    # "Urząd Miasta i Gminy": coordinated complements (not after a quoted name, a bracket or an acronym
                    # that names a body: "Zachodniopomorskie WOPR oraz Zakład …", nor after a town
                    # that names the body: "Nadleśnictwo Prószków oraz Ochotnicza Straż Pożarna", nor before a
                    # body with its own adjective: "Centrum Kultury oraz Szkoły Podstawowej nr 1", unless the adjective
                    # begins a town's name: "Urząd Miasta i Gminy Nowe Warpno")
                    cut = False
        if cut:
            parts.append((line[start:t.start], start))
            start = t.end
    parts.append((line[start:], start))
    return tuple(parts)


def _town_name(word: str) -> bool:
    """A place's name in the nominative ("Prószków"), the name a body bears ("Nadleśnictwo Prószków")."""
    return any(a.pos == "subst" and "nom" in a.case and "nazwa_geograficzna" in a.names for a in morph.analyse(word))


def _unknown(word: str) -> bool:
    return all(a.pos == "ign" for a in morph.analyse(word))


def _forms(word: str) -> set:
    """(case, number) pairs of the noun readings of a word."""
    return {(c, n) for a in morph.analyse(word) if a.pos in ("subst", "ger") for c in a.case for n in a.number}


_COMPANY = re.compile(r"\sS\.\s?A\.?$|\s[Ss]p\.\s?z\s?o\.\s?o\.?$")
# (the word written out in any case: "razem z MPK-Łódź Spółką z o.o.")
_LEGAL_FORM = re.compile(r"[\s,]+(?:sp(?:\.?\s*z\s*o\.?\s*o\.?|\.?\s*[jk]\.?)?|spółk\w+\s+z\s*o\.\s*o\.?)\s*$", re.I)
_LEGAL_AT = re.compile(r"sp\.?\s*z\s*o\.?\s*o\.?|sp\.\s*[jk]\.|spółk\w+\s+z\s*o\.\s*o\.?", re.I)
_SPELLED_COMPANY = re.compile(r"^([Ss])półk\w+")


def _legal_stop(name: str) -> str:
    """A company's "S.A" at the name's end keeps its last full stop ("PKP S.A.", "Stawy Milickie S.A.")."""
    return name + "." if name.endswith(" S.A") else name


_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)?[\s.,;:]*$")


def _canonical(name: str, document) -> str | None:
    """The body's name in the nominative, canonical (management words dropped, acronyms expanded), or None
    when the words name no body; an estate's management gets the document's estate."""
    nom = _canonical_name(name)
    if nom is None:
        return None
    nom = re.sub(r"(?<=\d)\.$", "", nom)   # a sentence's stop after a number ("… pedagogiem SP nr 2.")
    nw = nom.split()
    if nw and "osiedle" in N.lemma_set(nw[-1]):
        estates = [l for l in (document.get("locations") or []) if l.get("kind") == "estate"]
        if estates:
            nom = nom + " " + re.sub(r"^os\.\s*", "", estates[0]["name"])
    return nom


_PLACE_PREPOSITIONS = frozenset(("w", "we", "przy", "na", "u", "do", "od", "z", "ze", "dla"))
_TRAILING_DASH = re.compile(r"\s+[–—-]+\s*$")
# a preposition opening a list item, capitalised (the answer to "Na kogo …?", "Z kim …?")
# a body's board or council named alone, after an officer of it: no body of its own ("Członek Zarządu")
_BARE_BOARDS = frozenset(("zarząd", "rada", "dyrekcja", "prezydium"))
_LEAD_PREPOSITIONS = frozenset(("Na", "Z", "Ze", "Przy", "Dla", "Wraz"))


@lru_cache(maxsize=20_000)   # names repeat across an archive
def _canonical_name(name: str) -> str | None:
    # the first and the last item of a bracketed list keep no bracket: "(Szkoła Podstawowa nr 2, KPP w Zgorzelcu);"
    if name.startswith("(") and ")" not in name:
        name = name[1:]
    # an aside in brackets after the name is no part of it: "Nadleśnictwo Kolbuszowa (Straż Leśna)", "(MOPS)"
    name = _TRAILING_PAREN.sub("", name) if name.rstrip().endswith(")") or "(" in name else name
    if name.count(")") > name.count("("):
        name = name.rstrip(" .,;:)")
    # a company's legal form stays as written after the name in the nominative ("Uzdrowisko Cieplice sp. z o.o.")
    legal = _LEGAL_FORM.search(name)
    if legal is None:
        return _canonical_body(name, False)
    nom = _canonical_body(name[:legal.start()], True)
    form = _SPELLED_COMPANY.sub(r"\1półka", " ".join(legal.group().strip(" ,").split()))
    return nom and f"{nom} {form}{'.' if form[-1:] in 'oOjJkK' else ''}"   # (its last full stop kept)


def _inner_acronyms(name: str) -> str:
    """A known body's acronym inside a name, after the unit it owns, written out in the genitive ("Wydział Ruchu
    Drogowego KMP w Częstochowie" -> "… Komendy Miejskiej Policji w Częstochowie"), as its name is written out."""
    words = name.split()
    for k in range(1, len(words)):
        exp = _acronyms().get(words[k])
        if words[k] == "SG" and "placówka" in N.lemma_set(words[k - 1]):
            exp = "Straż Graniczna"   # "Placówka SG": a Border Guard post (elsewhere SG is the Straż Gminna)
        if exp and words[k - 1][:1].isupper() and (gen := N.genitive(exp)):
            words[k] = gen
    return " ".join(words)


def _canonical_body(name: str, company: bool) -> str | None:
    """The body's name of :func:`_canonical_name` without its legal form (``company``: it had one)."""
    name = _TRAILING_DASH.sub("", name)   # "… Oddział w Suchej Beskidzkiej –" (its tasks on the next line)
    words = name.split()
    if len(words) > 1 and words[0] == "Za" and words[1][:1].isupper():
        return None   # a signature's "Za Zarząd:" (on behalf of the body that issues the notice)
    if len(words) > 1 and words[0] in _LEAD_PREPOSITIONS and words[1][:1].isupper():
        words = words[1:]   # "Na kogo dzielnicowy może liczyć? Na Placówkę Straży Granicznej …": the answer's "Na"
    managed = False
    # drop management words: "Dyrekcja Szkoły ..." -> "Szkoły ..."
    while words and (N.lemma_set(words[0].strip(".,")) & _management()) and len(words) > 1:
        managed = True
        words = words[1:]
        if len(words) > 1 and words[0][:1].islower() and N.has_adj(words[0]) and words[1][:1].isupper():
            words = words[1:]   # "strażnikami leśnymi Nadleśnictwa ...": the staff's adjective goes too
        if len(words) > 1 and words[0] in ("z", "ze") and words[1][:1].isupper():
            words = words[1:]   # "pracownikami z Urzędu Gminy …": the body the staff come from
    if not words:
        return None
    if managed and len(words) == 1 and N.lemma_set(words[0].strip(".,:")) & _BARE_BOARDS:
        return None   # a signature's office: "Prezes Zarządu – Grzegorz Tumiłowicz" names no body
    if len(words) > 1 and f"{words[0]} {words[1]}".upper() in _acronyms():
        words = [f"{words[0]} {words[1]}", *words[2:]]   # an acronym of two words ("KP PSP w Łęcznej")
    first = words[0]
    if N.lemma_set(first) & _not_partners() or (first.upper() in ("KMZB",)):
        return None
    lower_body = not first[:1].isupper() and bool(N.lemma_set(first) & _lower_heads()) and len(words) > 1 \
        and any(w[:1].isupper() or w[:1] in N.QUOTES_OPEN for w in words[1:4])
    if not first[:1].isupper() and not _is_acronym(first) and not lower_body:
        return None
    if len(words) == 1 and N.lemma_set(first) & _management():
        return None
    # a body's board or branch with its body's acronym: "Zarząd ROD Kasztelanka", "Koło PZW nr 12" (the body written
    # out in the genitive, as most authors do: "Zarząd Rodzinnego Ogrodu Działkowego …")
    if len(words) > 2 and N.lemma_set(first) & {"zarząd", "koło", "oddział"} and (inner := _is_acronym(words[1])) \
            and (gen := N.genitive(inner)):
        words = [first, *gen.split(), *words[2:]]
    # acronyms
    exp = _is_acronym(first)
    if not exp and len(words) > 1 and first[:1].isupper() and N.has_adj(first) and (inner := _is_acronym(words[1])) \
            and (region := _region_adjective(first, inner)):
        # a region's adjective before the acronym: "Zachodniopomorskie WOPR" (Wodne Ochotnicze Pogotowie Ratunkowe); in
        # another case it agrees with the body's noun ("z Mazurskim WOPR": Mazurskie Wodne Ochotnicze Pogotowie Ratunkowe)
        return N.clean_spaces(" ".join([region, inner, *words[2:]]).rstrip(" .,;:"))
    if exp:
        rest = " ".join(words[1:]).rstrip(" ,;:")
        last = rest.split()[-1][:-1] if rest.endswith(".") else ""
        if len(last) >= 4 and "." not in last and any(a.pos != "ign" for a in morph.analyse(last)):
            # a sentence's stop after the seat ("OSP Żyrzyn."), not a short form's ("Środa Wlkp.", "S.A.", "Maz.")
            rest = rest[:-1]
        acronym = first.strip(".").upper()
        if rest[:1] in N.QUOTES_OPEN and acronym in _named_acronyms():
            exp = _named_acronyms()[acronym]
            rest = re.sub(r"[„”“\"«»]", " ", rest)
        elif (acronym in _acronyms_in_town() or acronym in _LEGEND.get()) and (seat := _town_as_seat(rest)):
            rest = seat   # "OSP Gdów": the body in its town
        return _legal_stop(N.clean_spaces(f"{exp} {rest}"))
    phrase = " ".join(words)
    # must contain a partner head among its first words
    at = next((n for n, w in enumerate(words[:4]) if N.lemma_set(w.strip(".,")) & _head_lemmas()), None)
    if at is None and not _COMPANY.search(phrase) and not company:
        return None   # no body's noun, nor a company's legal form ("Stawy Milickie S.A.")
    if at and any(w.lower() in _PLACE_PREPOSITIONS for w in words[:at]):
        return None   # a body only after a preposition: a place or an occasion ("Dyżur w Urzędzie Gminy")
    if len(words) == 1:
        an = [a for a in morph.analyse(first) if a.pos == "subst"]
        if an and any("pl" in a.number and "nom" in a.case for a in an) and \
                not any("sg" in a.number and "nom" in a.case for a in an):
            return None  # a generic plural at a line start ("Szkoły")
    if re.fullmatch(r"[^\W\d_]+\s+\d+", phrase.strip(" .,;:")):
        return None   # "Urzędu 19 kontroli": a count after a bare head, no number of a body ("Szkoła Podstawowa nr 3")
    # (an adjective the dictionary does not know read by its proxy: "z Nadleśnictwem Maskulińskim")
    nom = _legal_stop(" ".join(N.nominative_by_proxy(phrase.rstrip(" .,;:").split())))
    # a generic plural ("Szkoły", "ośrodki") with no other capitalised word is no body
    head = [a for a in morph.analyse(words[0]) if a.pos == "subst"]
    if head and all("pl" in a.number and "sg" not in a.number for a in head) and \
            not any(w[:1].isupper() for w in words[1:]):
        return None
    # quotation marks around a proper name are not part of it: "Spółdzielnia Mieszkaniowa Kolejarz"
    nom = N.clean_spaces(re.sub(r"[„”“\"«»]", " ", nom))
    nom = _inner_acronyms(nom)
    if lower_body:
        nom = nom[:1].lower() + nom[1:]
    return nom


def _region_adjective(adj: str, body: str) -> str | None:
    """``adj`` before an acronym whose expansion is ``body``, in the nominative: as written when it is one, else in
    the gender of the body's noun; None when neither."""
    if any("nom" in a.case for a in morph.analyse(adj) if a.pos in ("adj", "subst", "ger")):
        return adj
    noun = next((w for w in body.split() if any(a.pos == "subst" for a in morph.analyse(w))), None)
    return morph.agreeing_nominative(adj, noun) if noun else None


@lru_cache(maxsize=20_000)
def _key(name: str) -> tuple[str, ...]:
    return tuple(morph.lemma(w).lower() for w in re.findall(r"[^\W\d_]+|\d+", name))


def _section_spans(document):
    spans = document.section_spans("partners")
    if spans:
        return spans
    out = []
    text = document.text
    for m in _HEADER.finditer(text):
        if re.search(r"\t|[ \t]\|[ \t]", m.group(0)):
            continue   # a column of the actions table ("Lp.\tDziałanie\tTermin\tPodmioty współpracujące"): its cells
        rest = text[m.end():]
        line_rest = m.group(0).split(":", 1)
        if len(line_rest) == 2 and line_rest[1].strip():
            out.append((m.start() + len(line_rest[0]) + 1, m.end()))
            continue
        end = m.end()
        for ln in re.finditer(r"[^\n]*\n?", rest):
            s = ln.group(0)
            if re.match(r"\s*\d+[.)]\s*[A-ZŁŚŻŹĆ]|\s*(Proponowany|Mierniki|Wskaźnik|Budżet|Planowany|Uwagi|Realizator)", s):
                break
            end = m.end() + ln.end()
            if not s:
                break
        out.append((m.end(), end))
    return out


# a signature's place and date: "Koło, dnia 8 sierpnia 2022 r.", "Nowe Miasto, 03.02.2023"
_DATELINE = re.compile(r"\s*[A-ZĄĆĘŁŃÓŚŹŻ][^\s,]*(?:\s[^\s,]+){0,2},\s*(?:dnia\s+|dn\.\s*)?\d{1,2}(?:[\s./-]|$)")


# village heads named with their villages: "sołtysi sołectw Gruszeczka i Kaszowo", "sołtysi wsi Cimochy i Wieliczki",
# "przy pomocy sołtysa Gutowa Wielkiego" -> one partner per village; bare "sołtysi" name no body
# (no acronym: "KGW")
_VILLAGE_NAME = r"[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż][\w-]*(?:[ \t]+[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż][\w-]*){0,2}"
_VILLAGE_HEADS = re.compile(rf"\b[Ss]ołtys(?:i|a|ów|om|ami|em|owi)?[ \t]+(?:(?P<unit>sołectw\w*|wsi)[ \t]+)?"
                            rf"(?P<v>{_VILLAGE_NAME}(?:(?:[ \t]*,[ \t]*|[ \t]+(?:i|oraz)[ \t]+){_VILLAGE_NAME})*)")
_VILLAGE_SEP = re.compile(r"[ \t]*,[ \t]*|[ \t]+(?:i|oraz)[ \t]+")


def _village_heads(document, m) -> list[dict]:
    """One partner per village of a :data:`_VILLAGE_HEADS` match: "sołtys sołectwa X", "sołtys wsi X", "sołtys X"
    (the village as written)."""
    unit = m.group("unit")
    unit = None if unit is None else ("wsi" if unit == "wsi" else "sołectwa")
    out = []
    pos = m.start("v")
    for village in _VILLAGE_SEP.split(m.group("v")):
        at = document.text.find(village, pos)
        pos = at + len(village)
        name = " ".join(x for x in ("sołtys", unit, village) if x)
        out.append(document.span(m.start(), pos, name=name, kind=kind_of(name), tasks=None))
    return out


_ITEM_MARK = re.compile(r"[ \t]*(?:[·•\-–—*▪●○◦>]|\(?\d{1,2}(?:(?:\.\d{1,2})+[.)]?|[.)])|[a-z]\))[ \t]")


# a line going on a name: a lower-case word, no abbreviation (a signature's "kom. Jan Sadurski" is none)
_GOES_ON = re.compile(r"[ \t]*[a-ząćęłńóśźż]+\b(?!\.)")


# a line set in a column (indented by a tab or a run of spaces), and a line of a run-on list that does not end
# between its items
_WRAPPED_CELL = re.compile(r"(?:\t|[ ]{2,})[ \t]*\S")
_LABEL_OPENS = re.compile(r"[ \t]*[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,2}[ \t]*:")   # "   Termin: raz na kwartał"
_RUN_ON_LIST = re.compile(r"[,;][ \t]+\S(?:.*[^,;.:\s])?[ \t]*$")


def _logical_lines(chunk: str) -> list[str]:
    """The lines of a list, an item broken over lines joined (the break a space, so offsets stay): a line
    indented under a marked item, with no mark of its own ("- Zarząd Zlewni w Nowym\n  Targu – …")."""
    out: list[str] = []
    marked = False
    for line in chunk.split("\n"):
        if out and marked and line[:1] in (" ", "\t") and line.strip() and not _ITEM_MARK.match(line):
            out[-1] += " " + line
            continue
        if out and out[-1].rstrip()[-1:].isalpha() and _GOES_ON.match(line) and not _ITEM_MARK.match(line):
            # a list hard-wrapped inside a name ("…, Gminny Ośrodek Pomocy Społecznej" / "w Leśniowicach, Gminna …")
            out[-1] += " " + line
            continue
        if out and _WRAPPED_CELL.match(line) and not _ITEM_MARK.match(line) and not _LABEL_OPENS.match(line) \
                and _RUN_ON_LIST.search(out[-1]):
            # a form's cell wrapped in its column: a run-on list broken inside a name ("Nadleśnictwo Syców, Koło
            # Gospodyń" / "        Wiejskich w Skoroszowie, …"; its indentation a space each, so offsets stay)
            indent = len(line) - len(line.lstrip())
            out[-1] += " " * (1 + indent) + line[indent:]
            continue
        marked = bool(_ITEM_MARK.match(line))
        out.append(line)
    return out


_LIST_ASIDE = re.compile(r"[–—][ \t]+(?:w[ \t]+zakresie|w[ \t]+razie|w[ \t]+części|w[ \t]+sprawach?|zwłaszcza|głównie|"
                         r"także|również)\b[^–—\n]{0,60}?[ \t][–—](?=[ \t])")


_INVITED = re.compile(r"[ \t]*(?:[^\W\d_]+[ \t]+){0,4}?[a-ząćęłńóśźż]+(?:ono|ęto|ęła|ęli|ili|yli)[ \t]+(?=[A-ZĄĆĘŁŃÓŚŹŻ])")
_OFFICE_HOURS = re.compile(r"(?:^|[.!?]\s+)[ \t]*(?:dyżur\w*|przyjmuje\s+interesant\w*|kontakt)\s*:", re.I)
_BOX = re.compile(r"(?:(?P<unticked>[☐□❏]|\[[ \t]?\])|[☒☑✓✔]|\[[xX✓]\])[ \t]*(?:[a-ząćęłńóśźż][^\n–—:]{0,30}?[ \t][–—-][ \t]"
                  r"(?=[A-ZĄĆĘŁŃÓŚŹŻ]))?")


def _items_from_section(document, a, b, wrapped: bool = False):
    """The bodies of a list in ``text[a:b]``; ``wrapped``: the list is one sentence hard-wrapped over lines (its line
    breaks are spaces)."""
    text = document.text
    out = []
    for m in _VILLAGE_HEADS.finditer(text, a, b):
        out += _village_heads(document, m)
    pos = a
    for line in [text[a:b].replace("\n", " ")] if wrapped else _logical_lines(text[a:b]):
        ls = pos
        pos += len(line) + 1
        m = _BULLET.match(line)
        body = line[m.end():] if m else line
        off = ls + (m.end() if m else 0)
        if not body.strip():
            continue
        box = _BOX.match(body)
        if box:
            # a form's options: one left unticked is no partner; a ticked one's kind before a dash is no name ("[X]
            # samorząd – Urząd Gminy Powidz")
            if box.group("unticked"):
                continue
            off += box.end()
            body = body[box.end():]
        # "Nazwa Zakres współpracy" table headers and similar
        if re.match(r"\s*(nazwa|podmiot|lp\.?)\b", body, re.IGNORECASE):
            continue
        body = re.sub(r"^.*?(?:instytucje\s+partnerskie|podmioty\s+współpracujące)\s*:\s*", "", body, flags=re.I)
        # a sentence introducing the list by an impersonal verb: "Do współpracy zaproszono Spółdzielnię …, Gminną …"
        told = _INVITED.match(body)
        if told:
            body = body[told.end():]
        # a sentence introducing the list on its line: "W realizacji programu uczestniczą: Komisariat ..."
        intro = re.match(r"([^:]{3,120}?):\s+(?=\S)", body)
        if intro and re.search(r"(?:^|\s)[a-ząćęłńóśźż]+\s*$", intro.group(1)) \
                and not _canonical(_split_name_tasks(intro.group(1))[0] or "-", document):
            body = body[intro.end():]
        if _DATELINE.match(body):
            continue  # "Koło, dnia 8 sierpnia 2022 r.": the place and date of a signature, no body
        if _OFFICE_HOURS.search(body):
            continue  # "Dyżur: wtorki 15:00–16:00, Urząd Gminy Wieliszew.": where the officer is met, no body
        if is_boilerplate(line):
            continue  # a page's own line after the list, kept in a text file: "Galeria zdjęć (3)", "Drukuj"
        if _signature(document, pos, b):
            continue  # "Burmistrz Pisza" above the signing person's name closes the document
        off = ls + (line.find(body) if body in line else 0)
        # an aside between dashes is no part of a list ("… oraz – w zakresie drogi krajowej – Generalna Dyrekcja …"):
        # blanked, the offsets kept
        body = _LIST_ASIDE.sub(lambda m: " " * len(m.group()), body)
        # "Wójt Gminy X Jan Nowak zachęca: „…”": someone quoted after the list, no partner
        line_items = [it for it in _bodies(document, body, off) if not _quoted(it["tasks"])]
        # a table row "A, B, C tasks": the tasks apply to every body of the row (not in a list set apart by
        # semicolons: "A; B; C (łódź ratownicza)")
        if line_items and line_items[-1]["tasks"] and ";" not in body:
            for it in line_items[:-1]:
                it["tasks"] = it["tasks"] or line_items[-1]["tasks"]
        out += line_items
    return sorted(out, key=lambda it: it["start"])   # the village heads in their place


# a finite verb (a word or two after it) and a colon before a quotation: "zachęca: „…", "mówi wprost: – …"
_QUOTE_AFTER = re.compile(r"(?P<verb>[^\W\d]+)(?:[ \t]+[^\W\d]+){0,2}[ \t]*:[ \t]*[„\"“«–—-]")


def _quoted(tasks: str | None) -> bool:
    """``tasks`` (what follows a name on its line) tells the name's holder speaking: the start of a quotation."""
    m = _QUOTE_AFTER.match(tasks or "")
    return m is not None and any(a.tag.startswith("fin") for a in morph.analyse(m.group("verb")))


# a body's branch in a town, after the body and a dash: "Straż Ochrony Kolei – Posterunek w Częstochowie", "Straż
# Graniczna – placówka w Przemyślu" (then tasks, or nothing)
_BRANCH = re.compile(r"(?i:(?P<noun>posterunek|placówka|oddział|filia|delegatura|rewir|komisariat|komenda)"
                     r"(?:[ \t]+(?P<adj>[^\W\d_]+(?:ow[ya]|sk[ia]|n[ya])))?)"
                     r"[ \t]+(?P<seat>we?[ \t]+[A-ZĄĆĘŁŃÓŚŹŻ][\w-]+(?:[ \t-][A-ZĄĆĘŁŃÓŚŹŻ][\w-]+)?)(?=[ \t]*(?:$|[,;.:(–—-]))")


# a company's unit named after it, with its seat: "PKP Polskie Linie Kolejowe S.A., Zakład Linii Kolejowych w Gdyni",
# "… S.A. – Oddział w Lublinie": the unit of the company is the partner (then tasks, or nothing)
_COMPANY_UNIT = re.compile(r"(?:Zakład|Oddział|Region|Rejon|Zespół|Delegatura)\b[^\n,;()–—:]{0,60}?[ \t]we?[ \t]+"
                           r"[A-ZĄĆĘŁŃÓŚŹŻ][\w-]+(?:[ \t-][A-ZĄĆĘŁŃÓŚŹŻ][\w-]+)?(?=[ \t]*(?:$|[,;.:(–—-]))")


# a body's seat in its name ("… w Tarnowie"); the country a national body is named for is none ("Towarzystwo Opieki nad
# Zwierzętami w Polsce, Oddział w Radzyniu Podlaskim")
_SEAT = re.compile(r"\swe?\s(?!Polsce\b|Rzeczypospolitej\b)")


def _bodies(document, chunk: str, off: int, keep=None) -> list[dict]:
    """The bodies named in ``chunk`` (at ``off`` in the text), one per item of :func:`_split_items`, each with
    its tasks; ``keep(name, canonical name)`` may turn some away."""
    out = []
    prev = None   # the one body the part before named
    for part, poff in _split_items(chunk, off):
        seat = _BRANCH.match(part.strip())
        if seat and prev is not None and prev is out[-1] and not _SEAT.search(prev["name"]):
            # "Państwowa Straż Rybacka, Posterunek w Tarnowie (– kontrole)": the body with its seat
            end = poff + part.find(seat["seat"]) + len(seat["seat"])
            rest = {k: v for k, v in prev.items() if k not in ("text", "start", "end", "name")}
            rest["tasks"] = part.strip()[seat.end():].strip(" ,.;:-–—") or None
            out[-1] = document.span(prev["start"], end, name=f"{prev['name']} {seat['seat']}", **rest)
            prev = None
            continue
        unit = _COMPANY_UNIT.match(part.strip())
        if unit and prev is not None and prev is out[-1] and _COMPANY.search(prev["name"]):
            # "PKP Polskie Linie Kolejowe S.A., Zakład Linii Kolejowych w Gdyni – akcje informacyjne"
            out[-1] = _company_unit(document, prev["start"], prev["name"], prev["kind"], part, poff, unit)
            prev = None
            continue
        prev = None
        name, tasks = _split_name_tasks(part)
        if not name:
            continue
        canon = _canonical(name, document)
        if canon and (keep is None or keep(name, canon)):
            s = poff + max(part.find(name), 0)
            e = s + len(name)
            branch = _BRANCH.match(tasks or "")
            if branch and " w " not in canon and (gen := N.genitive(canon)):
                # the branch is the partner: "Posterunek Straży Ochrony Kolei w Częstochowie", "Oddział Rejonowy Polskiego
                # Czerwonego Krzyża w Rybniku"
                head = " ".join(w.capitalize() for w in (branch["noun"], branch["adj"]) if w)
                canon = N.clean_spaces(f"{head} {gen} {branch['seat']}")
                at = part.find(branch.group(), e - poff)
                e = poff + at + len(branch.group()) if at >= 0 else e
                tasks = tasks[branch.end():].strip(" ,.;:-–—")
            unit = _COMPANY_UNIT.match(tasks or "")
            if unit and _COMPANY.search(canon):   # "… S.A. – Zakład Linii Kolejowych w Gdyni"
                out.append(_company_unit(document, s, canon, kind_of(canon), part, poff, unit))
                prev = None
                continue
            found = _partner_spans(document, s, e, canon, tasks or None)
            out += found
            prev = found[0] if len(found) == 1 and not tasks else None
    return out


def _company_unit(document, start: int, company: str, kind: str, part: str, poff: int, unit) -> dict:
    """The unit of the company named ``company`` at ``start``, named in ``part`` after it (``unit``, a match of
    _COMPANY_UNIT in the part or its tasks): one partner from the company's name to the unit's seat, the rest of the
    part its tasks."""
    at = part.find(unit.group())
    end = poff + at + len(unit.group())
    tasks = part[at + len(unit.group()):].strip(" ,.;:-–—") or None
    return document.span(start, end, name=N.clean_spaces(f"{company} {unit.group()}"), kind=kind, tasks=tasks)


def _partner_spans(document, s: int, e: int, canon: str, tasks: str | None) -> list[dict]:
    """The partner ``canon`` named at ``text[s:e]``; bodies of one kind in two towns are one partner each
    ("Ochotnicze Straże Pożarne w Gołkowicach i Skrzyszowie" -> "Ochotnicza Straż Pożarna w Gołkowicach", "… w
    Skrzyszowie")."""
    towns = _TWO_TOWNS.fullmatch(canon)
    one = N.singular(towns["body"]) if towns else None
    if one is None:
        return [document.span(s, e, name=canon, kind=kind_of(canon), tasks=tasks)]
    return [document.span(s, e, name=f"{one} {w} {town}", kind=kind_of(one), tasks=tasks)
            for w, town in ((towns["w1"], towns["a"]), (towns["w2"] or towns["w1"], towns["b"]))]


_TOWN_WORDS = r"[A-ZĄĆĘŁŃÓŚŹŻ][\w-]+(?:[ \t][A-ZĄĆĘŁŃÓŚŹŻ][\w-]+)?"
_TWO_TOWNS = re.compile(rf"(?P<body>[^\W\d][^\n]*?)[ \t](?P<w1>we?)[ \t](?P<a>{_TOWN_WORDS})[ \t](?:i|oraz)[ \t](?:(?P<w2>we?)[ \t])?"
                        rf"(?P<b>{_TOWN_WORDS})")


def _signature(document, pos: int, b: int) -> bool:
    """The next non-empty line (from pos) is only a person's name: the current line is their office."""
    text = document.text
    nxt = re.match(r"\s*\n?([^\n]*)", text[pos:b + 200])
    if not nxt or not nxt.group(1).strip():
        return False
    ls = pos + nxt.start(1)
    le = pos + nxt.end(1)
    for p in document.get("persons") or []:
        if ls <= p["start"] and p["end"] <= le:
            rest = text[ls:p["start"]] + text[p["end"]:le]
            if p.get("rank"):
                rest = rest.replace(p["rank"], " ", 1)   # "podkom. Anna Szymczyk": a rank before the name
            return not re.search(r"[^\W\d_]{3,}", rest)
    return False


@lru_cache(maxsize=1)
def _staff_adjectives() -> dict:
    return {r["adjective"]: r["head"] for r in read_tsv("partners", "staff_adjectives.tsv")}


def _referent(part: str, document) -> str | None:
    """"dyrekcją szkoły", "pedagogiem szkolnym" when the threat names one school ("Szkoła Podstawowa nr 5 w
    Świdniku"): that school."""
    words = [w for w in re.findall(r"[^\W\d_]+", part)]
    if len(words) < 2 or not (N.lemma_set(words[0]) & _management()) or words[1][:1].isupper():
        return None
    lem = N.lemma_set(words[1])
    lem = lem | {h for a, h in _staff_adjectives().items() if a in lem}   # "pedagogiem szkolnym": the school's
    if not lem & _head_lemmas():
        return None
    cands = {l["name"]: l for l in (document.get("locations") or [])
             if l.get("kind") == "building" and N.phrase_lemmas(l["name"].split()[0])[0] in lem}
    if len(cands) != 1:
        return None
    loc = next(iter(cands.values()))
    name = loc["name"]
    if " w " not in name and loc.get("locality"):
        name = f"{name} w {N.locative(loc['locality'])}"
    return name


_ITEM_STOP = re.compile(r"[;\n]|\. ")


_WORD_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]{1,4})$")
_ABBR_BEFORE_NAME = _NAME_ABBR | {"pw", "im"}   # ("pw. św. Mikołaja", "im. ks. Jana")
_LEGAL_END = re.compile(r"\b(?:S\.\s?A|[Ss]p\.\s?[jk]|o\.\s?o)$")


def _abbreviation_before(text: str, dot: int) -> bool:
    """The full stop at ``dot`` ends an abbreviation of a name ("pw. św. Mikołaja", "im. ks. Jana")."""
    m = _WORD_BEFORE.search(text, max(0, dot - 5), dot)
    return m is not None and m.group(1).lower() in _ABBR_BEFORE_NAME


def _item_end(text: str, s: int, b: int) -> int:
    """Where the list of partners that starts at ``s`` ends (before ``b``): at a semicolon, a line end, or
    a full stop followed by a lower-case word."""
    pos = s
    while (m := _ITEM_STOP.search(text, pos, b)) is not None:
        e = m.start()
        if text[e] == "\n" and _WRAPPED_NAME.match(text, e - 1, b) and e - text.rfind("\n", 0, e) > WRAP_WIDTH:
            # a name wrapped onto the item's indented next line: "… wspólnie z Wydziałem\n   Ruchu Drogowego …"
            pos = e + 1
            continue
        if text[e] != "." or (e + 2 < b and text[e + 2].islower() and not _abbreviation_before(text, e)
                              and not _LEGAL_END.search(text, max(0, e - 8), e)):
            return e   # (a company's legal form goes on to its seat: "z MPK S.A. w Krakowie i …")
        pos = e + 1
    return b


# a line that ends with a word and goes on indented with a word, not a list's letter ("  b) …") nor a label ("  Czas:
# …"); a line wrapped is a long one
_WRAPPED_NAME = re.compile(r"[^\W\d_]\n[ \t]+(?![a-z]\))(?![^\W\d_]+:)[^\W\d_]")


_WITH_AGAIN = re.compile(r"[ \t]*(?:i[ \t]+|oraz[ \t]+)?ze?[ \t]+(?=[A-ZŁŚŻŹĆ])")   # the preposition said again


# a lowercase adjective before a staff word: "(z udziałem) upoważnionego pracownika Urzędu …"
_STAFF_ADJ = re.compile(r"[ \t]*([a-ząćęłńóśźż]+)[ \t]+([a-ząćęłńóśźż]+)[ \t]+(?=[A-ZŁŚŻŹĆ])")


@lru_cache(maxsize=1)
def _subject_heads() -> frozenset:
    return frozenset(read_lines("partners", "subject_heads.txt"))


# where a clause opens: a line or item, a sentence, a clause after a comma, or an adverbial of time before its subject
# ("W kwietniu Urząd Gminy Jedlińsk zamontuje …")
_CLAUSE_OPEN = re.compile(r"(?:^|(?<=[.;:!?])[ \t]+|(?<=,)[ \t]+(?:a[ \t]+)?|(?<=\()|^[ \t]*[-–•·*]?[ \t]*(?:\d{1,2}[.)][ \t]*)?)"
                          r"(?:(?:W|We|Do|Od|Po|Przed)[ \t]+[^\W\d]+(?:[ \t]+\d{4}[ \t]*r\.)?,?[ \t]+)?"
                          # (or the body's staff before it: "a druhowie Ochotniczej Straży Pożarnej w Kocku pomogą …")
                          r"(?=(?-i:[A-ZŁŚŻŹĆ])|(?-i:[a-ząćęłńóśźż])+[ \t]+(?-i:[A-ZŁŚŻŹĆ]))", re.M)
_VERB_POS = frozenset(("fin", "praet", "bedzie"))
# what a notice's or a letter's issuer does, no task of the plan
_NOT_TASK_VERBS = frozenset(("informować", "poinformować", "zapraszać", "zaprosić", "przypominać", "przypomnieć",
                             "apelować", "zaapelować", "ogłaszać", "ogłosić", "prosić", "poprosić", "zwracać", "zwrócić",
                             "zawiadamiać", "zawiadomić", "dziękować", "podziękować", "składać", "złożyć", "wnosić",
                             "wnieść", "otrzymać", "otrzymywać", "uchwalić", "przyjąć", "postanowić"))
VERB_REACH = 8   # how many words after the body's name its verb may come ("… do końca maja wymieni …")
_WORD_AT = re.compile(r"[^\W\d]+(?:-[^\W\d]+)?")
_LABEL_MARK = re.compile(r"[|:]")
_ON_REQUEST = re.compile(r"\bna\s+(?:wniosek|prośbę)\b", re.I)


def _subject_bodies(document, a, b):
    """Bodies that do a task of the plan, named as the subject of its verb: "Urząd Gminy Krzyżanowice ustawi przy
    dojściach do wody tablice", "Urząd Gminy Chrząstowice do końca maja wymieni znaki", (a report's) "Urząd Miejski w
    Brzostku wydrukował ulotki"."""
    text = document.text
    heads = _subject_heads()
    out = []
    for m in _CLAUSE_OPEN.finditer(text, a, b):
        s = m.end()
        first = _WORD_AT.match(text, s, b)
        if first is None or not (N.lemma_set(first.group()) & (heads if first.group()[0].isupper() else _management())) \
                or not any("nom" in an.case for an in morph.analyse(first.group()) if an.pos in ("subst", "adj")):
            continue
        e = _item_end(text, s, b)
        part = text[s:e]
        name, tasks = _split_name_tasks(part)
        if not name.strip() or not tasks or len(name.split()) < 2:
            continue
        words = [t for t in N.tokens(tasks) if N.is_word(t)][:VERB_REACH]
        verb = next((k for k, t in enumerate(words) if any(an.pos in _VERB_POS for an in morph.analyse(t.text))), None)
        if verb is None or any(N.is_cap(t) for t in words[:verb + 1]) or _LABEL_MARK.search(tasks, 0, words[verb].start) \
                or N.lemma_set(words[verb].text) & _NOT_TASK_VERBS or _ON_REQUEST.search(tasks, 0, words[verb].start):
            # (a page's label after it, "Wytworzył: Referat … | Opublikował: …"; a notice's issuer, "Urząd Gminy …
            # uprzejmie informuje"; a body that acts on the officer's request is the request's addressee)
            continue
        canon = _canonical(name, document)
        if not canon or _key(canon) in _own_departments():
            continue
        out += _partner_spans(document, s, s + len(name.rstrip()), canon, None)
    return out


def _items_from_text(document, a, b):
    text = document.text
    out = []
    for m in _trigger().matches(text, a, b):
        s = m.end()
        heads = _VILLAGE_HEADS.match(text, s)
        if heads:   # "przy pomocy sołtysów sołectw Niezdów i Plizin"
            out += _village_heads(document, heads)
            continue
        e = _item_end(text, s, b)
        for part, poff in _split_items(text[s:e], s):
            if (z := _WITH_AGAIN.match(part)) is not None:
                part, poff = part[z.end():], poff + z.end()   # "ze Strażą Miejską …, z Komisariatem Policji …"
            if (adj := _STAFF_ADJ.match(part)) and N.has_adj(adj.group(1)) and N.lemma_set(adj.group(2)) & _management():
                part, poff = part[adj.start(2):], poff + adj.start(2)   # "upoważnionego pracownika Urzędu Miejskiego …"
            name, _tasks = _split_name_tasks(part)
            if not name.strip():
                ref = _referent(part, document)
                if ref:
                    out.append(document.span(poff, poff + len(part.rstrip(" .,;")), name=ref, kind=kind_of(ref),
                                             tasks=None))
                    break
                first = part.split()[:1]
                if first and N.lemma_set(first[0]) & _management():
                    continue
                break
            canon = _canonical(name, document)
            if not canon:
                ref = _referent(part, document)
                if ref:
                    out.append(document.span(poff, poff + len(part.rstrip(" .,;")), name=ref, kind=kind_of(ref),
                                             tasks=None))
                    break
                # "pedagoga" before "dyrekcji Szkoły ..." - skip management words, stop at anything else
                if N.lemma_set(name.split()[0]) & _management():
                    continue
                break
            if _key(canon) in _own_departments():
                break  # "z funkcjonariuszami Wydziału Ruchu Drogowego": the plan's own police
            ps = poff + (part.find(name) if name in part else 0)
            out += _partner_spans(document, ps, ps + len(name), canon, None)
            if _tasks:
                break
    return out


@lru_cache(maxsize=1)
def _services() -> dict:
    """(lemmas of a bare service's name) -> lemma of its body's first word (``rules/partners/services.tsv``)."""
    return {_key(r["service"]): _key(r["body"])[0] for r in read_tsv("partners", "services.tsv")}


def _drop_cut_name(text: str, items: list[dict]) -> list[dict]:
    """Leave out a name the page's cut ends inside ("Miejska Komisja Ro"): its last word, at the end of the text,
    is no word.  A name cut inside its town ("Bank Spółdzielczy w Busku-Zdr") still names its body."""
    last = _last_word(text)
    end = len(text.rstrip())
    # (or a capitalised word that is neither noun nor adjective, so no name's last: "Ochotnicza S")
    if not last or not (_unknown(last[0]) or (last[0][:1].isupper() and not any(
            a.pos in ("subst", "adj", "ppas", "pact", "depr") for a in morph.analyse(last[0])))):
        return items
    if _TOWN_CUT.search(text, max(0, end - 80), end):
        return [_town_completed(text, it, last) for it in items]
    return [it for it in items if it["end"] < last[1]]


def _town_completed(text: str, item: dict, last: tuple[str, int]) -> dict:
    """A name cut inside its town ("Urząd Miejski w Gni") with the town as the text writes it elsewhere after
    "w" ("pracownikiem Urzędu Miejskiego w Gniewkowie"), when it writes only one such town."""
    word, at = last
    if item["end"] < at or not item["name"].endswith(" " + word):
        return item
    towns = set(re.findall(rf"\bwe?\s+({re.escape(word)}[^\W\d_]+)", text[:at]))
    if len(towns) != 1:
        return item
    return {**item, "name": item["name"][:-len(word)] + towns.pop()}


_TOWN_CUT = re.compile(r"\swe?\s+\S+$")


def _drop_bare_services(items: list[dict]) -> list[dict]:
    """Leave out a bare service ("Straż Leśna") when its body ("Nadleśnictwo Woziwoda") is a partner."""
    firsts = {_key(it["name"])[:1] for it in items}
    return [it for it in items
            if (body := _services().get(_key(it["name"]))) is None or (body,) not in firsts]


@lru_cache(maxsize=1)
def _own_departments() -> frozenset:
    return frozenset(_key(r["name"]) for r in read_tsv("partners", "own_departments.tsv"))


def _completes(short: str, full: str) -> bool:
    """Whether ``full`` is ``short`` with its town added ("Straż Miejska" -> "Straż Miejska w Chorzowie"), or
    completes a one-word name ("Straż" -> "Straż Miejska")."""
    if not full.startswith(short):
        return False
    return len(short.split()) == 1 or _TOWN_TAIL.fullmatch(full[len(short):]) is not None


def _bare_inside(name: str, k: tuple, k2: tuple) -> bool:
    """``name`` (key ``k``), a body's bare name of two words or more ("Straż Ochrony Kolei"), stands inside the
    longer key ``k2`` ("Komenda Regionalna Straży Ochrony Kolei w Warszawie"): the same body, named more fully."""
    n = len(k)
    if not 1 < n < len(k2) or k[0] not in k2[1:] or not any(k2[i:i + n] == k for i in range(1, len(k2) - n + 1)):
        return False
    if any(c.isdigit() for c in name) or _TOWN_TAIL.search(name):
        return False
    # ("Straż Leśna Nadleśnictwa Mrągowo": the body's service, the body itself listed apart)
    return not any(k2[:len(sk)] == sk and k[0] == body for sk, body in _services().items())


def _dedupe(items):
    out: list[dict] = []
    keys: list[tuple] = []
    for it in items:
        k = _key(it["name"])
        dup = False
        for n, k2 in enumerate(keys):
            if k == k2 or (len(k) < len(k2) and k2[:len(k)] == k) or (len(k2) < len(k) and k[:len(k2)] == k2) \
                    or _bare_inside(it["name"], k, k2) or _bare_inside(out[n]["name"], k2, k):
                dup = True
                if len(k) > len(k2) and (out[n].get("tasks") is None or _completes(out[n]["name"], it["name"])):
                    # the fuller name wins; over a mention that gave tasks only when it adds the town to it
                    # ("Straż Miejska w Chorzowie" over "Straż Miejska"), and the tasks go with it
                    out[n] = it if it.get("tasks") or out[n].get("tasks") is None else {**it, "tasks": out[n]["tasks"]}
                    keys[n] = k
                break
        if not dup:
            out.append(it)
            keys.append(k)
    return out


# a sentence that introduces the list of the bodies taking part: "W realizacji Programu uczestniczą:"
# (its verb, then a colon, at most 80 characters into its line or sentence)
_INTRO = re.compile(r"(?i)\b(?:uczestnicz\w*|współuczestnicz\w*|biorą\s+udział|współpracuj\w*|we\s+współpracy\s+z|we\s+współdziałaniu\s+z"
                    # "Dzielnicowego wspierają: Urząd Gminy …" (a line's own "Wspierają:" is a task card's label)
                    r"|(?<=\w[ \t])(?:wspiera(?:ją|li|ć)|pomaga(?:ją|li)|pomogą)"
                    r"|wspólnie\s+z\s+(?:nim|nią|nimi)|współdziałaj\w*|realizują|wykonują"
                    # ("Program realizować będą wspólnie z gminą: …")
                    r"|(?:realizować|wykonywać)\s+będą|będą\s+(?:realizować|wykonywać)"
                    # "W realizację planu włączyły się: Straż Miejska …; Zakład …"
                    r"|włącz(?:ył[aoy]?|yli|ą|ają)\s+się|dołącz(?:ył[aoy]?|yli|ą|ają)"
                    # "Program realizowany jest przy współudziale: Komisariatu Policji …, Ośrodka …"
                    r"|przy\s+współudziale|przy\s+udziale"
                    # "Do realizacji programu zaproszono: Komendę Powiatową Policji …, Ochotniczą Straż Pożarną …"
                    r"|do\s+(?:realizacji|współpracy|udziału)\s+(?:[^\s:.;]+\s+){0,2}zaprosz\w*"
                    # "Wykonawcy Programu działający obok Urzędu: …", "Wykonawcami programu, obok gminy, są: …", "Razem z
                    # nami pracować będą: …"
                    r"|wykonawc(?:y|ami)\s+(?:programu|planu|zadań|strategii)"
                    r"|razem\s+z\s+(?:nami|nim|nią|mną)\s+(?:pracować\s+będą|będą\s+pracować|pracują|działają|działać\s+będą))"
                    # a few words before the colon: "Program realizują wspólnie z Komisariatem: …", "Program
                    # realizują, każdy w swoim zakresie: …"
                    # ("Zadania wykonują wspólnie z Urzędem Gminy Osiecznica: …")
                    r"(?:,?[ \t]+[^\s:.;]+){0,5}?[ \t]*:(?P<inline>[ \t]*[^\s][^\n]*)?")
_INTRO_REACH = 80
# a clause of its own in a sentence: "Koordynatorem jest Referat …, a program wykonują wspólnie z nim: …"
_CLAUSE = re.compile(r",[ \t]+(?:a|zaś|natomiast)[ \t]")
# the end of an inline list: a full stop before a capitalised word, or the line's end
_INLINE_END = re.compile(r"\.(?=\s+[A-ZĄĆĘŁŃÓŚŹŻ])|\n|$")
_LINE_LABEL = re.compile(r"[^\W\d][^\n:.,;]{0,30}:")


def _inline_end(text: str, start: int, ends: set[int] | None = None) -> int:
    """Where an inline list from ``start`` ends (:data:`_INLINE_END`), past the line ends of a hard-wrapped sentence
    ("… przy udziale Komendy Miejskiej\nPolicji w Jeleniej Górze, Gminnego Ośrodka …") and, given the ``ends`` of the
    NLP stage's sentences, past the dot of an abbreviation ("Zespół Interdyscyplinarny ds. Przeciwdziałania …")."""
    for m in _INLINE_END.finditer(text, start):
        if m.group() == "." and ends is not None and m.end() not in ends:
            continue
        if m.group() == "\n":
            line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
            if len(line) >= WRAP_WIDTH and not line.rstrip().endswith((".", ";", ":")) \
                    and text[m.end():m.end() + 1].strip() and not _LINE_LABEL.match(text, m.end()):
                continue   # (a label opens a line of its own: "Kiedy: przez cały okres programu")
        return m.start()
    return len(text)


# a sentence naming the partners in prose: "Partnerami dzielnicowego są Urząd Gminy …, … oraz sołtysi …"
# ("Współrealizatorami programu są: Posterunek Policji w Prószkowie, Nadleśnictwo Prószków …")
_PARTNERS_ARE = re.compile(r"\b(?:[Pp]artner|[Ww]spółrealizator)(?:ami|em)\s+(?:[^\s.;:]+\s+){0,4}?"
                           r"(?:są|jest|będą|będzie|zostały|został[ao]?)\s*:?\s+")
# "Zadania będą realizowane wspólnie z Posterunkiem Policji w Małogoszczu, Komendą … oraz Nadleśnictwem …"
# ("Przy realizacji zadań współdziała z Komendą Powiatową Policji …, Posterunkiem Policji … oraz …")
# ("W jego realizacji będą uczestniczyć dzielnicowi Komendy Powiatowej Policji w X, Urząd Gminy X oraz …")
_REALIZED_WITH = re.compile(r"\b(?:realizowan|wykonywan)\w*\s+(?:(?:będ\w+|są|jest)\s+)?(?:wspólnie|razem|we\s+współpracy"
                            r"|we\s+współdziałaniu|w\s+porozumieniu)\s+z(?:e)?\s+"
                            # "Zadania wykonuje wspólnie z Komisariatem Policji w X, …"
                            # (not "… wspólnie z Komisariatem: A, B, C", the list after a colon, which _INTRO reads)
                            r"|\b(?:wykonuj|realizuj)[eą]\s+(?:wspólnie|razem)\s+z(?:e)?\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ])(?![^\n:.]{0,40}:)"
                            r"|\b[Ww]\s+(?:jego|jej|ich)?\s*realizacji\s+(?:będą\s+|mają\s+)?(?:uczestniczyć|uczestniczą|brać\s+udział"
                            r"|biorą\s+udział)\s+(?=[^\W\d])"
                            r"|\b(?:współdziała|współpracuje|współdziałają|współpracują)\s+(?:ściśle\s+)?z(?:e)?\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ])"
                            # the bodies named right after the verb: "Przy planie współpracują Urząd Gminy X (…) i Fundacja …"
                            r"|\b(?:współpracują|współdziałają)\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ])"
                            # "Program realizowany jest przy udziale Komendy Miejskiej Policji …, Gminnego Ośrodka …"
                            r"|\b(?:realizowan|wykonywan|prowadzon)\w*\s+(?:(?:będ\w+|są|jest)\s+)?przy\s+(?:współ)?udziale\s+"
                            r"(?=[A-ZĄĆĘŁŃÓŚŹŻ])")


def _intro_list_spans(document) -> tuple[list, list]:
    """The lists that a sentence introduces as the bodies taking part ("W realizacji Programu uczestniczą:"),
    up to the first blank line; and the inline ones: such a list on the sentence's own line, a sentence naming the
    partners ("Partnerami dzielnicowego są …"), up to its end."""
    text = document.text
    spans = document.sentence_spans()
    ends = None if spans is None else {s + len(text[s:e].rstrip()) for s, e in spans}   # (a sentence keeps its line ends)
    inline = [(m.end(), _inline_end(text, m.end(), ends)) for rx in (_PARTNERS_ARE, _REALIZED_WITH)
              for m in rx.finditer(text)]
    blocks = []
    for m in _INTRO.finditer(text):
        s = m.start()
        if s > _INTRO_REACH and not any(c in text[s - _INTRO_REACH - 1:s] for c in "\n.!?") \
                and not _CLAUSE.search(text, s - _INTRO_REACH - 1, s):
            continue   # deep inside a long sentence (not in a clause of its own): no list's introduction
        if m.group("inline"):   # "W realizacji Programu uczestniczą: KPP …, OPS … oraz Nadleśnictwo X."
            start = m.start("inline")
            inline.append((start, _inline_end(text, start, ends)))
            continue
        end = _BLANK_LINE.search(text, m.end())
        blocks.append((m.end(), len(text) if end is None else end.start()))
    return blocks, inline


# a blank line, also one holding only a scraped page's line marker ("|n|")
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\|n\|)?[ \t]*\n")


# a partner named by a label inside a line: "Realizator: Urząd Miejski. Partner: Komenda Powiatowa Policji …",
# "- patrole (partner: Straż Miejska)"
# "Kto: dzielnicowa, Bank Spółdzielczy w Grójcu." (a task block's line of who does it)
_INLINE_LABEL = re.compile(r"\b[Pp]artner(?:zy|em|ami)?[ \t]*:[ \t]*(?=\S)")
_OTHER_LABELS = ("spółrealizator", "spółpraca", "Kto", "kim", "Realizuj", "Wspiera", "Lider", "Współdział",
                 "Realizatorzy", "Pomaga")   # in every match of the next
# ("…; termin: do 31-05-2026; współpraca: Urząd Miejski w Niemodlinie", "…; z kim: Straż Miejska")
_INLINE_LABEL_MORE = re.compile(r"(?:\b[Ww]spółrealizator(?:zy|em|ami)?|\b[Ww]spółpraca(?:[ \t]+przy[ \t]+realizacji)?"
                                r"|(?:^|;)[ \t]*(?:Kto(?:[ \t]+(?:pomaga|współpracuje|realizuje))?|[Zz][ \t]+kim|Realizuj[eą]"
                                # a task card's leader and its supporters: "Lider: Posterunek …", "Wspierają: OSP …"
                                r"|Wspiera(?:ją)?|Lider)"
                                # a task's "Wykonuje: koordynator. Współdziała: OSP."; a programme's "Realizatorzy
                                # działający wspólnie z koordynatorem: …"; "… prowadzi plan. Pomagają: Spółdzielnia …"
                                r"|(?:^|[;.])[ \t]*(?:Współdziała(?:ją)?|Pomaga(?:ją)?|Wspiera(?:ją)?"
                                r"|Realizatorzy(?:[ \t]+[^:\n]{1,60}?)?))"
                                r"[ \t]*:[ \t]*(?=\S)", re.M)


def _inline_label_spans(document):
    """The bodies after an inline "Partner:"/"Partnerzy:" label, up to the sentence's or the line's end: named as
    partners by the document itself, whatever a list elsewhere holds."""
    text = document.text
    out = []
    found = list(_INLINE_LABEL.finditer(text))
    if any(w in text for w in _OTHER_LABELS):
        found = sorted(found + list(_INLINE_LABEL_MORE.finditer(text)), key=lambda m: m.start())
    for m in found:
        end = _INLINE_END.search(text, m.end()).start()
        close = text.find(")", m.end(), end)   # "(partner: Straż Miejska)"
        out.append((m.end(), close if close >= 0 and "(" not in text[m.end():close] else end))
    return out


_CO_IMPLEMENTERS = re.compile(r"(?i)\s*(?:współ)?realizatorzy|współrealizator|(?:współ)?wykonawcy")
_CO_IMPLEMENTERS_LABEL = re.compile(r"(?im)^[ \t]*(?:współ)?(?:realizatorzy|wykonawcy)(?:[ \t]+(?:programu|zadań|strategii))?[ \t]*:[ \t]*")
_TASK_IMPLEMENTER = re.compile(r"(?<=[.;][ \t])(?:Realizator|Wykonawca)[ \t]*:[ \t]*\n?[ \t]*(?=\S)")


def _co_implementer_spans(document) -> tuple[list, list]:
    """Sections naming implementers: lists of several ("Realizatorzy:", "Współrealizatorzy") beside a lead
    one, and the "Realizator:" of each task of a programme, up to the line's end: the implementers other than
    the unit are cooperating bodies.  (the lists' spans, the tasks' spans)"""
    lists, tasks = [], []
    text = document.text
    for s in document.sections:
        if s.kind in ("actions", "implementer") and (text.find("Realizator", s.body_start, s.end) >= 0
                                                     or text.find("Wykonawca", s.body_start, s.end) >= 0):
            # a task's own line with its labels: "Zad. 1. Kontrole trzeźwości. Wykonawca: Posterunek Policji w X.
            # Termin: …" (the sections stage leaves such labels inside the task, in the actions or in the implementer
            # section of the task before)
            for m in _TASK_IMPLEMENTER.finditer(text, s.body_start, s.end):
                end = text.find("\n", m.end(), s.end)
                tasks.append((m.end(), s.end if end < 0 else end))
        if s.kind != "implementer":
            continue
        if _CO_IMPLEMENTERS.match(s.title):
            lists.append((s.body_start, s.end))
        elif labelled := [(m.end(), (text.find("\n", m.end(), s.end) + 1 or s.end + 1) - 1)
                          for m in _CO_IMPLEMENTERS_LABEL.finditer(text, s.body_start, s.end)]:
            # a list under its label inside the coordinator's section: "Koordynator i współwykonawcy" /
            # "Koordynator: Referat …" / "Współwykonawcy programu: Komenda Miejska Policji w Legnicy, …"
            lists.extend(labelled)
        elif re.match(r"(?i)\s*(?:realizator|wykonawca)\s*$", s.title):
            end = text.find("\n", s.body_start, s.end)
            tasks.append((s.body_start, s.end if end < 0 else end))
    return lists, tasks


# (or the body answerable for it: "Za jej wdrażanie odpowiada Wydział …, działający w porozumieniu ze Strażą Miejską …")
_COORDINATOR = re.compile(r"\bkoordynator\w*\s+(?:programu|strategii)\b"
                          r"|\bza\s+(?:jej|jego)\s+(?:wdrażanie|realizację|wykonanie|koordynację)\s+odpowiada\b", re.I)
_SENTENCE_STOP = re.compile(r"[.!?](?=\s+[A-ZĄĆĘŁŃÓŚŹŻ])|\n\s*\n")
COORDINATOR_SENTENCES = 2   # the coordinator's sentence and the next ("… jest Referat X. Zadania realizuje wspólnie z: …")


def _coordinator_spans(text: str) -> list[tuple[int, int]]:
    """The sentences that name a programme's coordinator, with the sentence after each."""
    out = []
    for m in _COORDINATOR.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        stops = [x.end() for x in _SENTENCE_STOP.finditer(text, line_start, m.start())]
        b = m.end()
        for _ in range(COORDINATOR_SENTENCES):
            stop = _SENTENCE_STOP.search(text, b)
            b = stop.end() if stop else len(text)
        out.append((stops[-1] if stops else line_start, b))
    return out


def _sub_unit(key: tuple, listed: list[tuple]) -> bool:
    """"Straż Leśna Nadleśnictwa Limanowa" when "Nadleśnictwo Limanowa" is listed: a unit of a listed body."""
    for k2 in listed:
        n = len(k2)
        if 2 <= n < len(key) and any(key[i:i + n] == k2 for i in range(1, len(key) - n + 1)):
            return True
    return False


def _headed(name: str) -> bool:
    """A body's name: a body's noun among its first three words ("Miejski Ośrodek Pomocy Rodzinie",
    "Państwowa Powiatowa Stacja ..."), or an acronym first."""
    words = [w.strip(".,„”\"") for w in name.split()]
    if not words:
        return False
    if _is_acronym(words[0]):
        return True
    for w in words[:3]:
        if N.lemma_set(w) & _head_lemmas():
            return True
        if w.lower() in N.PREPOSITIONS or not N.has_adj(w):
            return False   # an action's words before the body ("Wystąpienie do Zarządu Dróg …"): no name
    return False


_HAS_UPPER = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ]")
_WORD = re.compile(r"\w")


def _named_body(name: str, canon: str) -> bool:
    """A cell's body is a body's name (headed by a body's noun or an acronym), not a kind ("Urząd gminy")."""
    return _headed(name) and len(canon.split()) >= 2


class _Cell:
    """A table cell read as one text (its pieces over the row's lines joined) that stands in for the document while
    its bodies are read, so that their offsets count in the cell."""
    span = Document.span

    def __init__(self, document, text: str):
        self._document, self.text = document, text

    def __getattr__(self, name):
        return getattr(self._document, name)


_CELL_GAP = re.compile(r"\s*(?:\||\t| {3})")


def _cell_bodies(document, cell: str, at: int, cell_end: int, row_end: int) -> list[dict]:
    """The bodies named in a cell wrapped over a row's lines (``cell``: its pieces read as one, the first of them at
    ``at`` and ending at ``cell_end``), each with its whole name. The evidence is the part on the row's first line;
    a body that begins on a later line has its evidence where its first word stands there."""
    text = document.text
    first = len(text[at:cell_end].rstrip())
    line_end = text.find("\n", cell_end, row_end)
    out = []
    for f in _bodies(_Cell(document, cell), cell, 0, keep=_named_body):
        rest = {k: v for k, v in f.items() if k not in ("text", "start", "end")}
        if f["text"].endswith(".") and not f["name"].endswith("."):
            f = {**f, "text": f["text"][:-1], "end": f["end"] - 1}   # the sentence's full stop: no part of the name
        if f["start"] < first:
            out.append(document.span(at + f["start"], at + min(f["end"], first), **rest))
            continue
        p = text.find(f["text"].split()[0], row_end if line_end < 0 else line_end, row_end)
        if p < 0:
            continue
        end = text.find("\n", p, row_end)
        end = min(p + len(f["text"]), row_end if end < 0 else end)
        gap = _CELL_GAP.search(text, p, end)   # the piece on that line ends at the next cell's border
        out.append(document.span(p, gap.start() if gap else end, **rest))
    return out


def _items_from_cells(document):
    """The bodies in the later cells of the actions' rows ("Analiza miejsc kolizji – do 28.02.2026 r. –
    Nadleśnictwo Wieluń", "Wspólne patrole | raz w miesiącu | Straż Miejska w Kołobrzegu", tab-separated
    rows): a cell after the action that is a body's name, headed by a body's noun or an acronym."""
    text = document.text
    out = []
    for a, b in document.section_spans("actions"):
        pos = a
        flattened = LP_LINE.search(text, a, b) is not None
        lines = text[a:b].split("\n")
        table = aligned_table(text, a, b)
        if table is not None:
            out += _items_from_columns(document, table)
        for i, line in enumerate(lines):
            ls, pos = pos, pos + len(line) + 1
            if table is not None and table[0] <= ls < table[1]:
                continue   # the table set out in columns: read by its columns
            if flattened and line.strip() and not CELL_SEP.search(line):
                # a flattened table's cell a line: a line that is a body's name is the row's partner
                found = _bodies(document, line, ls, keep=_named_body)
                if len(found) == 1 and text[found[0]["start"]:found[0]["end"]].strip() == line.strip():
                    out += found
                continue
            seps = cell_separators(line)
            wrapped = wrapped_cells(lines, i, len(seps)) if seps and first_cell(line, seps, opens_with_bar(line)).strip() else []
            for k, sep in enumerate(seps):
                cs = sep.end()
                ce = seps[k + 1].start() if k + 1 < len(seps) else len(line)
                if not _HAS_UPPER.search(line, cs, ce):
                    continue   # a term ("do 28.02.2026 r."), a dash: no body's name
                # a body's name, not a kind ("Urząd gminy"); in a row wrapped over lines, with the cell's next lines
                piece = line[cs:ce]
                cell = joined_pieces([piece.strip()] + [w[k] for w in wrapped])
                at = ls + cs + len(piece) - len(piece.lstrip())
                row_end = ls + sum(len(x) + 1 for x in lines[i:i + 1 + len(wrapped)])
                found = _cell_bodies(document, cell, at, ls + ce, row_end)
                before = text[ls + cs:found[0]["start"]] if found else ""
                if found and (not _WORD.search(before) or before.rstrip().endswith(",")):
                    # a cell of bodies, maybe after the officer ("dzielnicowy, Straż Miejska"); "wspólnie z
                    # Nadleśnictwem X i Strażą Miejską" is an action's text
                    out += found
    return out


def _items_from_columns(document, table) -> list[dict]:
    """The bodies in the later columns of a table set out in columns by spaces (:func:`aligned_table`), each cell's
    pieces over the row's lines read as one ("Wydział Ruchu" / "Drogowego KMP" / "w Nowym Sączu"); the evidence is
    the cell's piece on the row's first line."""
    text = document.text
    _head, _end, cols, rows = table
    out = []
    for a, b in rows:
        lines = text[a:b].split("\n")
        first = lines[0]
        for k in range(1, len(cols)):
            cell = column_text(lines, cols, k)
            cs, ce = column_span(first, cols, k)
            piece = first[cs:ce]
            if not piece.strip() or not _HAS_UPPER.search(cell):
                continue
            at = a + cs + len(piece) - len(piece.lstrip())
            out += _cell_bodies(document, cell, at, a + ce, b)
    return out


def _cut_list(document, spans) -> bool:
    """The partners' list (``spans``: :func:`_section_spans`) runs to the end of a page cut off inside a word
    ("Straż Miejska Wrocławia (kontrole miejsc niemieszk"): what else it named is lost."""
    end = len(document.text.rstrip())
    last = _last_word(document.text)
    return bool(last) and _unknown(last[0]) and any(b >= end for _a, b in spans)


def _last_word(text: str) -> tuple[str, int] | None:
    """The word the text ends with, and where it starts (None when it ends with no letter)."""
    end = len(text.rstrip())
    m = _LAST_WORD.search(text, max(0, end - 80), end)
    return (m.group(1), m.start(1)) if m else None


_LAST_WORD = re.compile(r"([^\W\d_]+)$")


def _extract(document):
    if document.get("doc_type") == "news":
        return []
    token = _LEGEND.set(legend(document.text))
    try:
        return _extract_items(document)
    finally:
        _LEGEND.reset(token)


def _extract_items(document):
    items = []
    listing = _section_spans(document)
    for a, b in listing:
        items += _items_from_section(document, a, b)
    cells = _items_from_cells(document)
    if items and not _cut_list(document, listing):   # a list cut off with the page decides nothing
        # a list of cooperating bodies decides over an actions table's column ("SM MK", "SP 91" abbreviate
        # bodies of the list; a cell that names none of them is an action's text)
        listed = [_key(it["name"]) for it in items]
        cells = [it for it in cells if _on_list(_key(it["name"]), listed)]
    items += cells
    unit = (document.get("unit") or {}).get("name") if isinstance(document.get("unit"), dict) else None
    lists, tasks = _co_implementer_spans(document)
    named = []   # the implementers of single tasks: partners, but no list of them all
    blocks, inline = _intro_list_spans(document)
    for spans, into in ((lists + blocks + inline, items), (tasks + _inline_label_spans(document), named)):
        for a, b in spans:
            # (an inline list hard-wrapped over lines, :func:`_inline_end`, is one sentence)
            wrapped = (a, b) in inline and "\n" in document.text[a:b]
            into += [it for it in _items_from_section(document, a, b, wrapped)
                     if not (unit and _key(it["name"]) == _key(unit)) and len(it["name"].split()) >= 2]
    listed = [_key(it["name"]) for it in items]
    spans = document.section_spans("actions", "task") or [(0, len(document.text))]
    if document.get("doc_type") == "strategy":
        # a programme names who it was drawn up with in its general provisions as well as in its tasks, and who its
        # coordinator works with beside the coordinator ("Koordynatorem programu został GOPS w Korczynie, który
        # zadania wykona razem z Komendą Miejską Policji w Krośnie, …")
        spans = sorted(spans + document.section_spans("other", "implementer") + _coordinator_spans(document.text))
    skip = listing
    for a, b in spans:
        found = [it for it in _items_from_text(document, a, b) + _subject_bodies(document, a, b)
                 if not any(s <= it["start"] < e for s, e in skip) and not _sub_unit(_key(it["name"]), listed)]
        if listed:
            # a document that lists its cooperating bodies: the list decides; a body met only in an action
            # ("wspólne patrole z Komisariatem Wodnym Policji", "spotkanie z kierownikiem sklepu") is no partner
            found = [it for it in found if _on_list(_key(it["name"]), listed) or _police_department(it["name"])]
        items += found
    items += named
    _share_towns(document.text, items)
    if unit:
        # the unit running the plan or programme is not its own partner ("Koordynatorem Programu jest
        # Straż Miejska ...", listed again among the realizatorzy), nor is the office it is part of
        # ("Urząd Miejski Wągrowca" of the unit "Wydział ... Urzędu Miejskiego Wągrowca")
        own = _key(unit)
        items = [it for it in items if not _on_list(_key(it["name"]), [own]) and not _sub_unit(own, [_key(it["name"])])]
    # an office holder named outside the list of cooperating bodies signs, approves or coordinates
    items = [it for it in items if not (_office_holder(it["name"]) and not _listed_item(document.text, it["start"], listing))]
    return _drop_bare_services(_dedupe(_drop_cut_name(document.text, items)))


@lru_cache(maxsize=1)
def _office_holders() -> frozenset:
    return frozenset(read_lines("partners", "office_holders.txt"))


_SIGNED = re.compile(r"\b(?:zatwierdzi\w*|zatwierdza\w*|sporządzi\w*|przyj(?:ął|ęła)|opracowa\w*|podpis\w*|akceptuj\w*)\b", re.I)


def _listed_item(text: str, start: int, listing) -> bool:
    """Whether ``start`` opens an item of a list of cooperating bodies: inside the list, at its line's start (after a
    bullet or number) or right after a label's colon; not under or after a signature's label ("Zatwierdził:")."""
    if not any(a <= start < b for a, b in listing):
        return False
    ls = text.rfind("\n", 0, start) + 1
    prefix = text[ls:start]
    prev = text[text.rfind("\n", 0, max(0, ls - 1)) + 1:ls]
    if _SIGNED.search(prefix) or _SIGNED.search(prev):
        return False
    return _BULLET.match(prefix).end() == len(prefix) or prefix.rstrip().endswith(":")


def _office_holder(name: str) -> bool:
    """Whether ``name`` opens with an office holder's title (rules/partners/office_holders.txt)."""
    first = name.split(None, 1)[0] if name else ""
    return bool(N.lemma_set(first) & _office_holders())


_TOWN_TAIL = re.compile(r"\s(?:w|we)\s+[A-ZĄĆĘŁŃÓŚŹŻ][^\s]*(?:[\s-][A-ZĄĆĘŁŃÓŚŹŻ][^\s]*)*$")
_JOINED = re.compile(r"\s*(?:,|i|oraz)\s*")


def _share_towns(text: str, items: list[dict]) -> None:
    """"Szkoły Podstawowej nr 1 i Szkoły Podstawowej nr 3 w Olecku": bodies of the same kind joined by "i",
    "oraz" or a comma, the town written once after the last, each get that town (in place)."""
    ordered = sorted(items, key=lambda it: it["start"])
    for k in range(len(ordered) - 2, -1, -1):
        a, b = ordered[k], ordered[k + 1]
        tail = _TOWN_TAIL.search(b["name"])
        if tail is None or _TOWN_TAIL.search(a["name"]) or not _JOINED.fullmatch(text[a["end"]:b["start"]]):
            continue
        if a["name"].split()[0] != b["name"].split()[0]:
            continue   # another kind of body: the town may be the second's alone
        a["name"] += tail.group()


# a police department named with its Komenda ("Wydziału Ruchu Drogowego KPP w Lęborku"): the officers' colleagues who
# take part in an action, a partner although a list of cooperating bodies leaves them out
_POLICE_DEPARTMENT = re.compile(r"^(?:Wydział|Sekcja|Referat|Ogniwo|Zespół)\b.*\b(?:Komend\w*|Komisariat\w*)\s+\w+\s+Policji\b")


def _police_department(name: str) -> bool:
    return _POLICE_DEPARTMENT.search(name) is not None


def _on_list(key: tuple, listed: list[tuple]) -> bool:
    """The body is one of the listed ones: the same name, one name the start of the other, or the same
    words but for the town ("MKRPA" in an action, "MKRPA w Piszu" on the list)."""
    for k2 in listed:
        n = min(len(key), len(k2))
        if key[:n] == k2[:n]:
            return True
    return False


def partner_names_in(document, start: int, end: int) -> list[str]:
    """Canonical names of the partners (of this document) mentioned between ``start`` and ``end``."""
    partners = document.get("partners")
    if partners is None:
        partners = extract(document)
    toks = [t for t in N.tokens(document.text, start, end) if t.text[:1].isalpha()]   # N.is_word
    sets = [N.lemma_set(t.text) for t in toks]
    present = frozenset().union(*sets)   # every lemma of the span: a name none of whose words is there is not
    acronyms = [_key(exp) for t in toks if (exp := _is_acronym(t.text))]
    found = []
    for p in partners:
        if start <= p["start"] < end:
            found.append(p["name"])
            continue
        lems = _key(p["name"])[:3]
        lems = tuple(l for l in lems if l not in ("w", "we"))
        first = lems[0] if lems else None
        if (first is None or all(l in present for l in lems)) and \
                any((first is None or first in sets[i]) and N.matches_lemmas(toks, i, lems) for i in range(len(toks))):
            found.append(p["name"])
            continue
        # acronyms in the span
        key = _key(p["name"])
        if any(k == key[:len(k)] for k in acronyms):
            found.append(p["name"])
    return list(dict.fromkeys(found))


def extract(document):
    """Never let one odd document break the record: log a warning and give no items."""
    try:
        return _extract(document)
    except Exception as exc:  # pragma: no cover - defensive
        document.warnings.append(f"partners: {type(exc).__name__}: {exc}")
        return []
