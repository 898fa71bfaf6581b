"""targets: the plan's goal as measurable targets.

Read from the goal sections (plans and strategies).  A goal word (``rules/targets/directions.tsv``,
matched on Morfeusz lemmas: "Ograniczenie", "wyeliminowania", "zmniejszenie") starts a target; a value
"o 50 procent", "o co najmniej 30%", "o 5 zgłoszeń" after it, before the next goal word, gives
``value``/``unit``/``qualifier``; the words after the goal word name the ``metric``; a stated current
level ("obecnie 9 zgłoszeń", "16 interwencji w okresie od ...") is the ``baseline``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.fields.lemma_patterns import Token, tokenize
from extractor.nlp import morph
from extractor.record import Document
from extractor.resources import read_lines, read_tsv
from extractor.temporal.lexicon import lexicon
from extractor.wordtrie import alternation

_NUM = r"\d+(?:[.,]\d+)?"
_COUNT_NOUNS = r"(?:zgłosze\w*|interwencj\w*|zdarze\w*|wykrocze\w*|przestęp\w*|incydent\w*|przypadk\w*|kontrol\w*|patrol\w*|interwencyj\w*)"
# a full stop that is not one closing an abbreviation ("ul.", "nr", "r.", "tj.", "np.", "m.in.")
_ABBR = ("ul", "al", "os", "pl", "nr", "r", "godz", "im", "św", "in", "tj", "np", "ok", "ds", "pkt", "ust", "art", "dot", "tzw",
         "wg", "ws", "maks", "max", "min")
# ("r/r." -- year to year -- ends a sentence: its "r." is no year's)
_FULL_STOP = "".join(rf"(?<!(?<!/)\b{a})" if a == "r" else rf"(?<!\b{a})" for a in _ABBR) + r"\.(?!\d)"
# a clause ends at a full stop, a semicolon, a line end or a spaced dash; a line that goes on in lower case is
# the same sentence wrapped (a converted PDF: "... na skwerze z 26 do\n   nie więcej niż 12"), unless it opens an
# item of its own ("b) wyeliminowanie ...")
_NEXT_CLAUSE = re.compile(r",\s+(?:a|zaś|natomiast)\s")
# (a line that goes on in lower case, or with a year in brackets: "… młodzieży z 18" / "  (2026 r.) do maksymalnie 9")
_STOP = re.compile(rf"{_FULL_STOP}|;|\n(?![ \t]*(?:\|n\|)?[ \t]*(?:(?![a-z][.)])[a-ząćęłńóśźż]|\((?=(?:19|20)\d\d)))|\s[–-]\s")
METRIC_WORDS = 12
# a merged heading "Charakterystyka ... i zakładany cel do osiągnięcia" also opens the goal
_GOAL_IN_TITLE = re.compile(r"\bcel\w*\s+do\s+osiągnięcia|\bzakładany\s+cel", re.I)
GOAL_SENTENCE = re.compile(r"\b(?:zakładan|założon|planowan)\w*\s+cel\w*|\bcel\w*\s+(?:planu|działani\w+)\b"
                            r"|\bcelem\s+(?:jest|będzie|planu|działań|programu)\b"
                            # "Celem dzielnicowego jest to, aby …", "Drugim celem jest …", "Cel, jaki postawił sobie …"
                            r"|\bcelem\s+(?:\w+\s+){1,2}?(?:jest|będzie)\b|\bcel\w*\s*,\s*(?:jaki|który|jakie|które)\b"
                            # "Dzielnicowy postawił sobie dwa cele, które …: liczba zgłoszeń ma zmaleć …"
                            r"|\b(?:postawił\w*|postawi|wyznaczył\w*|stawia)\s+(?:sobie\s+)?(?:\w+\s+)?cel\w*"
                            # "Cel dzielnicowy formułuje krótko: – Zero wyścigów na wale."
                            r"|\bcel\w*\s+(?:[^\W\d]+\s+){0,2}?(?:formułuj\w*|sformułował\w*|określa\w*|określił\w*|ujmuj\w*|ujął|ujęła)\b"
                            r"|^\s*(?:zakładamy|zakłada\s+się|dążymy\s+do|chcemy\s+(?:doprowadzić|osiągnąć))\b"
                            # "Policja zakłada, że liczba zgłoszeń spadnie …", "Zakładaliśmy, że tej zimy nikt …"
                            # ("Program zakłada m.in., że …")
                            r"|\b(?:zakłada(?:my|ją|liśmy|łyśmy|li|ł[aoy]?|no)?|założy(?:liśmy|li|ł[aoy]?)|założono)"
                            r"(?:\s+(?:m\.\s?in\.|również|też|także))?\s*,?\s+że\b"
                            # "Dzielnicowy chce, by liczba zniszczeń spadła …", "Zamierza też doprowadzić do tego, by …"
                            r"|\b(?:chce|chcą|chcę|chcemy|zamierza|zamierzają)\s*,?\s+(?:też\s+|również\s+)?(?:by|aby|żeby|doprowadzić)\b"
                            # a wish in the first person: "Chciałbym, żeby do końca sierpnia …", "Zależy mi na tym, aby …"
                            r"|\b(?:chciał(?:bym|abym|byśmy|ybyśmy)|zależy\s+(?:mi|nam)(?:\s+na\s+tym)?)\s*,?\s+(?:by|aby|żeby)\b",
                            re.I | re.M)
# a state to be reached, said with "ma być"/"mają zostać" ("Skarg ma być dwa razy mniej", "ma zostać góra pięć")
# (or, in a report on the plan, what was to be: "Kradzieży miało być dwa razy mniej", "do kradzieży miało nie dochodzić")
_TO_BE = re.compile(r"\b(?:ma|mają|miał[aoy]?|mieli)\s+(?:(?:się|ich|to|już|tylko|w\s+tym\s+roku)\s+)?(?:nie\s+)?"
                    r"(?:być|zostać|spaść|zmaleć|wynosić|dochodzić|występować|wystąpić)\b", re.I)
_SENTENCE_END = re.compile(rf"(?:{_FULL_STOP}|[!?])(?:\s|$)|\n")


@lru_cache(maxsize=1)
def _directions() -> dict[str, str]:
    return {r["lemma"]: r["direction"] for r in read_tsv("targets", "directions.tsv")}


# a share of the count as a fraction: "o połowę" (50 %), "o jedną czwartą" (25 %), "o jedną trzecią" (33 %)
_FRACTIONS = {"połowę": 50, "jedną czwartą": 25, "ćwierć": 25, "jedną trzecią": 33, "jedną piątą": 20, "jedną dziesiątą": 10,
              "trzy czwarte": 75, "dwie trzecie": 67, "dwie piąte": 40, "trzy piąte": 60,
              # "niższa o czwartą część"
              "czwartą część": 25, "trzecią część": 33, "piątą część": 20, "dziesiątą część": 10,
              # written with a slash: "o 1/4"
              "1/2": 50, "1/3": 33, "1/4": 25, "1/5": 20, "1/10": 10, "3/4": 75, "2/3": 67}
_TIMES = {"dwu": 2, "trzy": 3, "cztero": 4,   # "dwukrotnie", "trzykrotnie", "czterokrotnie"
          "dwa razy": 2, "trzy razy": 3, "cztery razy": 4}   # "Dwa razy mniej interwencji"
_FRACTION_RX = alternation(_FRACTIONS)


def _fraction(phrase: str, shares: dict[str, int] = _FRACTIONS) -> int:
    """The share (in %) a fraction's words name: "połowę" -> 50, "jedną  czwartą" -> 25."""
    return shares[" ".join(phrase.lower().split())]


def _measure(m: re.Match) -> int | float:
    """The value of a match's measure: its fraction in per cent ("o połowę": 50), or its number."""
    return _fraction(m.group("half")) if m.group("half") else _number(m.group("num"))


def _number(written: str) -> int | float:
    """A number as written ("12", "47,6", "1 500"), whole ones as int."""
    value = float(re.sub(r"[ \u00a0]", "", written).replace(",", "."))
    return int(value) if value.is_integer() else value


@lru_cache(maxsize=1)
def _months_genitive() -> tuple[str, ...]:
    """The months' names in the genitive ("kwietnia"): the forms of the temporal lexicon Morfeusz reads so."""
    return tuple(f for f in lexicon().month_of if any(a.pos == "subst" and "gen" in a.case and "sg" in a.number
                                                      and "nazwa_pospolita" in a.names for a in morph.analyse(f)))


@lru_cache(maxsize=1)
def _value_re() -> re.Pattern:
    quals = sorted(read_tsv("targets", "qualifiers.tsv"), key=lambda r: -len(r["phrase"]))
    alt = "|".join(re.escape(r["phrase"]).replace(r"\ ", r"\s+") for r in quals)
    return re.compile(
        rf"(?:(?P<qual2>{alt})\s+)?(?P<times>dwu|trzy|cztero)krotnie\b|"
        # "(liczba zgłoszeń) spadnie do połowy zeszłorocznej": by half (not "do połowy kwietnia", a date)
        rf"\bdo\s+(?P<tohalf>połowy)\b(?!\s+(?:{'|'.join(_months_genitive())}|roku|miesiąca|sezonu|wakacji|okresu)\b)|"
        rf"\bo\s+(?:(?P<qual>{alt})\s+)?(?:(?P<half>{_FRACTION_RX})|(?P<num>{_NUM}|(?:{_words()})\b)\s*(?:(?P<pct>%|proc\w*|punkt\w*\s+procentow\w*)|(?P<cnt>{_COUNT_NOUNS})|(?P<bare>(?=\s*(?:[.;,)]|$|\s+w\s+(?:stosunku|porównaniu)|\s+względem)))))",
        re.I,
    )


@lru_cache(maxsize=1)
def _level_re() -> re.Pattern:
    """A level to reach or keep ("do maksymalnie 2 zgłoszeń", "na poziomie nie wyższym niż 2",
    "do poziomu 5%", "do co najmniej 150", "do co najmniej 1 500 osób"): the value is a ceiling or, with its
    qualifier or for an increase, a floor."""
    quals = sorted((r["phrase"] for r in read_tsv("targets", "qualifiers.tsv") if r["phrase"] != "do"),
                   key=len, reverse=True)
    alt = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in quals)
    return re.compile(
        rf"\b(?:(?:do|na\s+poziomie|do\s+poziomu)\s+(?P<qual>{alt})|na\s+poziomie|do\s+poziomu"
        rf"|(?<=[–-]\s)(?P<qual3>maksymalnie|najwyżej|nie\s+więcej\s+niż)|(?P<qual4>≤|<=)|(?P<qual5>poniżej)"
        rf"|(?P<qual6>maksymalnie|najwyżej|przynajmniej|co\s+najmniej)\s+do"   # "z 9 interwencji najwyżej do 4"
        rf"|do(?=\s+\w+\s+(?:lub|albo)\s+mniej\b)"   # "do pięciu lub mniej"
        rf"|do(?=\s+\w+(?:\s+\w+){{0,3}}\s*,?\s+nie\s+więcej\b))\s*"   # "zbić do pięciu wyjazdów, nie więcej"
        rf"(?:(?P<num>\d{{1,3}}(?:[ \u00a0]\d{{3}})+(?!\d)|{_NUM})\s*(?P<pct>%|proc\w*)?(?![\d.,]\d)"
        rf"|(?P<word>{_words()})\b)", re.I)


def _words() -> str:
    """The numbers written as words, as an alternation (longest first)."""
    return alternation(_number_words())


def _amount(written: str) -> int | float:
    """A number written in digits or in words."""
    return _number_words().get(" ".join(written.lower().split())) or _number(written)


@lru_cache(maxsize=1)
def _number_words() -> dict[str, int]:
    """Numbers written as words ("do najwyżej sześciu"), from the temporal lexicon's cardinals."""
    return {w: v for w, v in lexicon().number_of.items() if not w.endswith("krotnie") and w != "raz"}


# a bare level: "do 2 w okresie obowiązywania planu", "na poziomie zerowym" (not a date: "do 30 czerwca")
_PLAIN_LEVEL = re.compile(
    r"\bdo\s+(?P<num>\d{1,3}(?:[ \u00a0]\d{3})+(?!\d)|\d{1,3})(?P<pct>\s*%)?(?![.,]\d)"
    r"(?=\s+(?:w|na|rocznie|miesięcznie|zgłosze\w*|interwencj\w*|"
    r"zdarze\w*|przypadk\w*|osób|razy|uczniów|(?:lub|albo)\s+mniej)\b|\s*[,;)]|\s*\.(?!\d)|\s*$)"
    r"|\b(?:na\s+poziomie\s+zerowym|do\s+zera)\b", re.I)


@lru_cache(maxsize=1)
def _qualifiers() -> dict[str, str]:
    return {" ".join(r["phrase"].split()).lower(): None if r["qualifier"] == "none" else r["qualifier"]
            for r in read_tsv("targets", "qualifiers.tsv")}


_BASELINE = re.compile(rf"(?:\b(?:obecnie|aktualnie|dotychczas|było|wtedy)\s*:?\s+)(?P<num>\d+)(?:\s+(?P<what>\w+(?:\s+\w+)?))?"
                       # ("(było 23)", "(wtedy: 17)": the count alone in brackets after the target)
                       rf"|(?P<num2>\d+)\s+(?P<what2>{_COUNT_NOUNS})", re.I)


# a goal reached by "bringing about" it: "doprowadzenie do całkowitego zaprzestania imprez", "dążenie do pełnego
# wyeliminowania …" (the goal word's genitive after "do" and an adjective names the goal itself)
_LEADS_TO = re.compile(r"\b(?:doprowadz|dąż)\w*\s+do\s+[^\W\d]+\s+$", re.I)


@lru_cache(maxsize=20_000)
def _genitive_complement(before: str, word: str) -> bool:
    """The goal word stands in the genitive after an adjective agreeing with it there, and in no other case
    ("przypadków niewłaściwego utrzymywania zwierząt"), or right after a noun ("warunków utrzymania"): a thing named
    inside another goal, not a goal of its own ("Znaczne ograniczenie" agrees in the nominative)."""
    prev = morph.analyse(before.lower())
    adjs = [x for x in prev if x.pos == "adj"]
    nouns = [x for x in morph.analyse(word.lower()) if x.pos in ("ger", "subst")]
    cases = {c for x in adjs for y in nouns if x.number & y.number and (not x.gender or not y.gender or x.gender & y.gender)
             for c in x.case & y.case}
    if "gen" in cases and not cases & {"nom", "acc"}:
        return True
    # right after a noun, with no word between: its genitive complement ("poprawa warunków utrzymania zwierząt")
    return bool(prev) and all(x.pos == "subst" for x in prev) and any("gen" in y.case for y in nouns)


def _direction(tok: Token) -> str | None:
    d = _directions()
    for k in tok.keys:
        if k in d:
            if d[k] == "reach" and any(a.pos == "ppas" for a in morph.analyse(tok.text)):
                return None   # "uczniów objętych zajęciami": who is reached, no goal word
            return d[k]
    return None


# verbs that also report what happened ("liczba interwencji spadła z 52 do 31"): a goal only when not in the past
# tense, or after "żeby"/"aby" ("chcemy, żeby liczba interwencji spadła o 30 procent")
_REPORTING = frozenset(("spaść", "zmaleć", "wzrosnąć", "zniknąć", "przestać"))
# the words that make a verb a wish ("by", "aby", "żeby"): one left of the verb in its clause (_reported), or in the
# words before a change of counts (_from_to)
_WISH_WORDS = r"\b(?:by|aby|żeby|ażeby)\b"
_SO_THAT = re.compile(_WISH_WORDS + r"[^;]*$", re.I)


def _reported(text: str, tok: Token) -> bool:
    if not tok.keys & _REPORTING:
        return False
    past = any(a.tag.startswith("praet") for a in morph.analyse(tok.text))
    sentence = max(text.rfind(".", 0, tok.start), text.rfind("\n", 0, tok.start)) + 1
    return past and not _SO_THAT.search(text, sentence, tok.start)


@lru_cache(maxsize=1)
def _not_after() -> frozenset:
    return frozenset(read_lines("targets", "not_after.txt"))


@lru_cache(maxsize=1)
def _vague_lemmas() -> frozenset:
    return frozenset(read_lines("targets", "vague_metrics.txt"))


def _vague(toks: list[Token], i: int, direction: str = "") -> bool:
    """The goal word's object is a feeling or a level, not something counted."""
    k = i + 1
    if direction != "maintain" and k + 1 < len(toks) and "poziom" in toks[k].keys:
        k += 1   # "podniesienie poziomu satysfakcji": the level of a feeling (keeping a level is a target)
    nxt = toks[k] if k < len(toks) else None
    return nxt is not None and bool(nxt.keys & _vague_lemmas())


def _scope(document: Document) -> list[tuple[int, int]]:
    if document.get("doc_type") == "news":
        return []
    plan = document.get("doc_type") == "priority_plan"
    # a plan card's "Miernik" (its measure of success) states the goal; a programme's measures are its tables
    spans = [(s.body_start, s.end) for s in document.sections
             if s.kind == "goal" or (s.kind == "threat" and _GOAL_IN_TITLE.search(s.title))
             or (plan and s.kind == "indicators")]
    if document.get("doc_type") != "priority_plan":
        # (a programme without a goal heading: the sentences that state its goal, "Program zakłada, że … spadnie")
        return spans or _goal_sentences(document.text)
    # plans and reports without a goal section: the sentences that state the goal (with one, those in the prose
    # before the first part: a report's "Zakładano, że …" above its "Wykonano:" and "Rezultat:")
    text = document.text
    if spans:
        first = min((s.start for s in document.sections if s.kind != "title"), default=len(text))
        return sorted(spans + [(a, b) for a, b in _goal_sentences(text) if b <= first and _RESTATED.search(text, a, b)])
    return _goal_sentences(text)


# a goal told in the past, as a report restates it (a page's "Celem planu jest …" above its parts explains plans)
_RESTATED = re.compile(r"\b(?:zakładano|założono|zakładali(?:śmy)?|założyli(?:śmy)?|zakładał[aoy]?|założył[aoy]?|miał[aoy]?|mieli)\b",
                       re.I)


def _goal_sentences(text: str) -> list[tuple[int, int]]:
    out = []
    for m in GOAL_SENTENCE.finditer(text):
        end = _SENTENCE_END.search(text, m.end())
        out.append((m.start(), end.start() if end else len(text)))
    # and the whole sentences that say what is to be ("Zgłoszeń ma być o połowę mniej", "ma zostać najwyżej pięć")
    for m in _TO_BE.finditer(text):
        if any(a <= m.start() < b for a, b in out):
            continue
        begin = max((e.end() for e in _SENTENCE_END.finditer(text, max(0, m.start() - 300), m.start())), default=0)
        end = _SENTENCE_END.search(text, m.end())
        out.append((begin, end.start() if end else len(text)))
    return sorted(out)


def _line_start(text: str, a: int, pos: int) -> int:
    """The start of the line of ``pos`` inside a span that begins at ``a`` (at most back to ``a``)."""
    return text.rfind("\n", a, pos) + 1 or a


def _metric(text: str, start: int, end: int) -> str | None:
    words = re.findall(r"[\w-]+", text[start:end].replace("|n|", " "))[:METRIC_WORDS]   # no line marker's "n"
    while words and words[0].lower() in ("do", "się", "o", "w", "na"):
        words = words[1:]
    return " ".join(words) or None


def _baseline(document: Document, start: int, end: int) -> dict | None:
    text = document.text
    m = _BASELINE.search(text, start, end)
    spans = [(start, end)]
    if not m:
        spans = document.section_spans(*document.threat_kinds())
        for a, b in spans:
            m = _BASELINE.search(text, a, b)
            if m and m.group("num2"):
                break
            m = None
    if not m:
        return None
    num = m.group("num") or m.group("num2")
    what = m.group("what") or m.group("what2")
    return document.span(m.start(), m.end(), value=int(num), metric=what)


@lru_cache(maxsize=1)
def _item_opens() -> re.Pattern:
    """A list item opens right before: a goal word in the genitive with its adjective heads the item, after a heading
    that governs it ("Jaki efekt ma przynieść plan / – spadku liczby kradzieży …, / – całkowitego wyeliminowania …")."""
    return re.compile(rf"(?:^|\n)[ \t]*{_ITEM_MARK}[ \t]*$")


def extract(document: Document) -> list[dict]:
    text = document.text
    out: list[dict] = []
    for a, b in _scope(document):
        toks = tokenize(text, a, b)
        hits = [(i, d) for i, t in enumerate(toks)
                if (d := _direction(t)) and not (i > 0 and toks[i - 1].text.lower() in _not_after())
                and not _reported(text, t)
                and not (i > 0 and not text[toks[i - 1].end:t.start].strip()
                         and not _item_opens().search(text, max(a, toks[i - 1].start - 12), toks[i - 1].start)
                         and _genitive_complement(toks[i - 1].text, t.text)
                         and not _LEADS_TO.search(text, max(a, t.start - 60), t.start))]
        for n, (i, direction) in enumerate(hits):
            start = toks[i].start
            counted_only = direction == "reach"
            direction = "increase" if counted_only else direction
            # the target's clause runs to the next goal word or the end of the sentence
            limit = toks[hits[n + 1][0]].start if n + 1 < len(hits) else b
            stop = _STOP.search(text, toks[i].end, limit)
            clause_end = stop.start() if stop else limit
            if direction == "eliminate":
                # an end to something has no measure; a clause after ", a" is a goal of its own ("by wypalanie traw
                # całkowicie ustało, a zgłoszeń o quadach było o połowę mniej")
                joined = _NEXT_CLAUSE.search(text, toks[i].end, clause_end)
                clause_end = limit = joined.start() if joined else clause_end
            # a value may follow a dash that spells out the measure ("... – zmniejszenie ... o 20%")
            vm = _value_re().search(text, toks[i].end, limit)
            if vm and vm.start() > clause_end and _STOP.search(text, clause_end, vm.start()).group().strip() not in ("-", "–"):
                vm = None
            value = unit = qualifier = None
            end = clause_end
            # a level may also follow a dash: "ograniczenie kradzieży paliwa – maksymalnie 2 zdarzenia"
            level_end = clause_end
            while stop and stop.group().strip() in ("-", "–") and level_end < limit:
                stop = _STOP.search(text, stop.end(), limit)
                level_end = stop.start() if stop else limit
            level = None if vm else (_level_re().search(text, toks[i].end, level_end)
                                     or _PLAIN_LEVEL.search(text, toks[i].end, clause_end)
                                     or _words_level().search(text, toks[i].end, clause_end))
            if level:
                got = level.groupdict()
                value = _amount(got.get("word") or got.get("word2") or got.get("num") or "0")
                unit = "percent" if got.get("pct") else "count"
                q = "maksymalnie" if got.get("qual4") else \
                    next((got[g] for g in ("qual", "qual3", "qual5", "qual6") if got.get(g)), None)
                qualifier = _qualifiers().get(" ".join(q.split()).lower()) if q else \
                    ("at_least" if direction == "increase" else "at_most")
            reach = None if vm or level or direction != "increase" else _REACH.search(text, toks[i].end, clause_end)
            if reach:   # "objąć do końca planu 120 uczniów": the people reached, counted
                value, unit = _number(reach.group("num")), "count"
                qualifier = "at_least" if reach.group("qual") else None
            if vm:
                if vm.group("times"):   # "dwukrotnie": by half (a decrease) or twice as many (an increase)
                    k = _TIMES[vm.group("times").lower()]
                    value, unit = (round(100 - 100 / k) if direction != "increase" else 100 * (k - 1)), "percent"
                elif vm.group("half"):  # "o połowę", "o jedną czwartą"
                    value, unit = _fraction(vm.group("half")), "percent"
                elif vm.group("tohalf"):   # "spadnie do połowy": by half
                    value, unit = 50, "percent"
                else:
                    value = _amount(vm.group("num"))   # "o 30%", "o trzydzieści procent"
                    unit = "percent" if vm.group("pct") else "count"
                q = vm.group("qual") or vm.group("qual2")
                qualifier = _qualifiers().get(" ".join(q.split()).lower()) if q else None
                end = max(end, vm.end())
            if value is None and (pct := _PCT_ADJ_BEFORE.search(text, max(a, start - 40), start)):
                # the share as an adjective before the goal word: "co najmniej 35-procentowy spadek"
                value, unit = int(pct.group("num")), "percent"
                qualifier = "at_least" if pct.group("qual") else None
                start = pct.start()
            metric_end = vm.start() if vm else (level.start() if level else clause_end)
            if value is None and (counted_only or _vague(toks, i, direction)):
                continue
            if value == 0 and direction == "decrease":
                direction, value, unit, qualifier = "eliminate", None, None, None   # "do zera": none at all
            item = document.span(start, end, direction=direction, value=value, unit=unit, qualifier=qualifier,
                                 metric=_metric(text, toks[i].end, metric_end), baseline=None)
            item["baseline"] = _baseline(document, toks[i].end, clause_end) if value is not None else None
            out.append(item)
        # targets stated without a goal word, outside the spans the goal words' targets took
        for finder in (_comparatives, _absences, _from_to):
            out.extend(finder(document, a, b, [(t["start"], t["end"]) for t in out]))
    return _dedupe(_measured_after_dash(text, out))


# the people an increase is to reach, counted: "Zajęciami profilaktycznymi objąć do końca planu 120 uczniów"
_REACH = re.compile(r"(?:(?P<qual>co\s+najmniej|minimum|min\.|nie\s+mniej\s+niż)\s+)?(?<![\d.,])(?P<num>\d{1,3}(?:[ \u00a0]\d{3})*)"
                    r"\s+(?=(?:uczniów|osób|seniorów|mieszkańców|dzieci|rodziców|kierowców|nauczycieli|uczestników|rodzin"
                    r"|pieszych|rowerzystów|właścicieli)\b)", re.I)
# the share as an adjective before the goal word: "co najmniej 35-procentowy spadek"
_PCT_ADJ_BEFORE = re.compile(r"(?:(?P<qual>co\s+najmniej|minimum|min\.)\s+)?(?P<num>\d{1,3})[ -]?procentow\w*\s+$", re.I)
# a dash between a goal word's target and its measure (the measure's own words may come first: "Ograniczenie … –
# liczba interwencji w 2028 r. nie wyższa niż 40")
_DASH_GAP = re.compile(r"[ \t]*[–—:-][ \t]*(?:[^;\n–—]{0,60}?[ \t])?")


def _measured_after_dash(text: str, items: list[dict]) -> list[dict]:
    """A goal word's target without a measure followed, after a dash on its line, by the change that measures it
    is that change ("Spadek liczby interwencji – z 18 do 6"): the measured target stands for both."""
    measured = [t for t in items if t["value"] is not None]
    return [t for t in items if t["value"] is not None or t["direction"] == "eliminate"
            or not any(m["direction"] == t["direction"] and _DASH_GAP.fullmatch(text, t["end"], m["start"])
                       for m in measured)]


# the words of a count reported, not wished: "było 12", "wynosiła 30"
_WAS = r"było|były|był|była|wynosił\w*"
# the mark that opens a goal's item: a bullet, "1.", "2)", "b)"
# where a form's part begins in its column, after its label and a wide gap ("Efekt końcowy      interwencji nie więcej …")
_COLUMN_START = r"(?<=   )"
# (a post's check mark or pointer as its bullet: "✔️ minimum 10 spotkań", "➡️ …")
_ITEM_MARK = r"(?:[-–•·*▪►▫◦□→]|[✔✅☑✓➡➤👉🔹🔸▶]\ufe0f?|\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}(?:\.\d{1,2})+(?=[ \t])|[a-z]\))"   # ("4.2 Co najmniej …")
# a change from one count to another without a goal word: "Interwencje w rejonie skweru: z 19 do max. 8"
# a ceiling written as a sign: "Zgłoszenia dotyczące quadów: ≤ 5 w okresie planu"
# or as words: "liczba zgłoszeń nie powinna przekraczać 4 miesięcznie", "nie może przekroczyć 3"
# or after a measure's label: "liczba interwencji dotyczących spalania odpadów: poniżej 250 w roku"
# or after "na": "liczba interwencji zatrzyma się na maksymalnie 30"
# (the count in words too: "liczba interwencji nie przekroczy sześciu")
@lru_cache(maxsize=1)
def _ceiling_sign() -> re.Pattern:
    return re.compile(r"(?:≤|<=|\bnie\s+(?:\w+\s+){0,2}?przekr(?:acza|oczy)\w*(?:\s+(?:poziomu|liczby|progu))?"
                      r"|\bna\s+(?:maksymalnie|maks\.|max\.|najwyżej)"
                      r"|\bnie\s+(?:wyższ|większ)[aey]\s+niż|\b(?:mniejsz|niższ)[aey]\s+niż"   # ("… w 2030 r. mniejsza niż 30")
                      r"|(?:(?<=[:–—])|(?<=[:–—][ \t]))[ \t]*(?:poniżej|maksymalnie|maks\.|max\.|najwyżej|nie\s+więcej\s+niż|mniej\s+niż))"
                      rf"\s*(?P<b>\d{{1,5}}(?!\d|[.,]\d|\s*%)|(?:{_words()})\b(?!\s*(?:proc|%)))", re.I)

# or the count first, its ceiling said after it: "Próg na półrocze: 10 ujawnień na torach, nie więcej."
_CEILING_AFTER = re.compile(rf"(?:(?<=:)|^[ \t]*(?:{_ITEM_MARK}[ \t]*)?)[ \t]*(?P<b>\d{{1,5}})(?!\d|[.,]\d|\s*%)"
                            r"(?:[ \t]+[^\W\d]+){1,6}?,?[ \t]+(?:[–—][ \t]+)?(?:i[ \t]+)?nie[ \t]+więcej\b(?![ \t]+niż)", re.M)


@lru_cache(maxsize=1)
def _ceiling_after_be() -> re.Pattern:
    """A ceiling after "ma być" a few words on, the count in digits or words: "Zgłoszeń KMZB z nabrzeża ma być w
    okresie planu nie więcej niż dwa (dotąd 9)"."""
    # (or past the count it replaces: "skarg ma być nie 22, jak poprzedniej zimy, lecz najwyżej 10")
    # or in a wish: "Chcemy, żeby do końca sierpnia interwencji na bulwarze było najwyżej dziewięć"
    # or as an item of its own, or after the counted noun: "Nie więcej niż 4 skargi w sezonie.", "Porzuconych worków
    # maks. cztery w tym sezonie"; or after "ma wynosić": "Liczba skarg ma wynosić najwyżej pięć w miesiącu"
    # ("ma zostać góra pięć": what is left, "góra" colloquial for "at most")
    # (a report restates it: "miało ich być najwyżej pięć", "Zakładano, że interwencji będzie najwyżej cztery")
    return re.compile(r"(?:\b(?:ma|mają|miał[aoy]?|mieli|powinn[oaiy]|może|mogą)\s+(?:(?:to|ich)\s+)?(?:być|zostać|wynosić|wynieść)"
                      # ("interwencji … będzie nie dziewięć, jak w poprzednim półroczu, lecz dwie")
                      r"|\b(?:będzie|będą)(?=\s+(?:(?:ich|to)\s+)?(?:(?:nie\s+więcej|maksymalnie|najwyżej|maks\.|max\.|góra)\b|nie\s+\w+,))"
                      r"|\b(?:by|aby|żeby)(?:\s+[^\W\d]+){0,8}?\s+(?:było|były|był|była)"
                      # (the wish's second clause: "żeby nikt nie oddał oszustom ani złotówki, a pożarów traw było …")
                      r"|,\s+a\s+(?:[^\W\d]+\s+){1,4}?(?:było|były|był|była)"
                      rf"|(?:^|(?<=[.;:–—]\s)|{_COLUMN_START})[ \t]*{_ITEM_MARK}?[ \t]*(?=(?:(?!(?:{_WAS})\s)[^\W\d]+\s+){{0,8}}?(?:nie\s+więcej|maksymalnie|najwyżej|maks\.|max\.)))"
                      r"\s*(?:[^\W\d]+,?\s+|\d{1,5},?\s+){0,10}?"
                      r"(?:nie\s+więcej\s+niż|maksymalnie|najwyżej|maks\.|max\.|(?<=\s)góra(?=\s+(?:\d|[^\W\d]+\b(?!\s+(?-i:[A-ZĄĆĘŁŃÓŚŹŻ]))))"
                      r"|(?<=,\s)(?:lecz|ale)(?=\s+(?:\d|[^\W\d]+\s*[.;,)]|[^\W\d]+\s*$)))\s+"
                      rf"(?P<b>\d{{1,5}}(?!\d|[.,]\d|\s*%)|(?:{_words()})\b)", re.I | re.M)   # (an item opens any line)
# a floor opening a goal's item: "c) nie mniej niż 15 wspólnych kontroli z SOK", "– co najmniej 4 spotkania"
# or after "ma być": "Kontroli prędkości przy szkole ma być co najmniej 10 w miesiącu"
@lru_cache(maxsize=1)
def _floor_item() -> re.Pattern:
    return re.compile(rf"(?:(?:^|(?<=[.;:]\s)|(?<=:)|{_COLUMN_START})[ \t]*(?:{_ITEM_MARK}[ \t]*)?(?:Cel[ \t]+\d{{1,2}}(?:\.\d{{1,2}})?\.?[ \t]+)?"   # "Cel 2. Co najmniej 40 …"
                      # (every year's: "3. Co roku co najmniej 200 uczniów", "… : w każdym roku programu minimum 12 spotkań")
                      r"(?:(?:co[ \t]+roku|każdego[ \t]+roku|rocznie|w[ \t]+każdym[ \t]+(?:roku|miesiącu|półroczu)"
                      r"(?:[ \t]+(?:programu|planu))?|co[ \t]+miesiąc)[ \t]+)?"
                      # an item that does so many things: "– przeprowadzić co najmniej 10 wspólnych kontroli", "Cel: rozdać
                      # co najmniej 150 elementów odblaskowych"
                      r"(?:(?:chcemy|chcę|planujemy|zamierzamy)[ \t]+)?"
                      r"(?:(?:(?:przeprowadz|zorganiz|wykona|zrealiz|odby|prowadz|rozda|rozdan|skontrol|sprawdz|objąć|objęci)\w*[ \t]+"
                      # or its noun: "• oznakowanie min. 40 rowerów", "– przeszkolenie co najmniej 30 seniorów"
                      r"|[^\W\d]{3,}(?:nie|cie)[ \t]+)"
                      # (a word or two before the floor: "– przeprowadzenie w sezonie co najmniej 40 kontroli palenisk")
                      r"(?:[^\W\d]+[ \t]+){0,2}?)?"
                      r"|\b(?:ma|mają|powinn[oaiy]|musi|muszą)[ \t]+(?:ich[ \t]+)?być[ \t]+"
                      # the verb right before its floor: "Kontrolami palenisk objąć nie mniej niż 40 posesji", "objętych
                      # zostanie minimum 200 osób"
                      r"|\b(?:objąć|skontrolować|sprawdzić|przeprowadzić|zorganizować|rozdać|przeszkolić|zostanie|zostaną)"
                      r"(?:[ \t]+[^\W\d]+){0,2}?[ \t]+"   # ("Skontrolować w sezonie co najmniej 40 palenisk")
                      # a wish's floor: "by w zajęciach dla młodzieży uczestniczyło co najmniej 40 osób"
                      r"|\b(?:by|aby|żeby)(?:[ \t]+[^\W\d]+){1,8}?[ \t]+)"
                      r"(?P<q>nie\s+mniej\s+niż|co\s+najmniej|minimum|min\.|przynajmniej)[ \t]+"
                      rf"(?P<b>(?:\d{{1,3}}(?:[ \u00a0]\d{{3}})+|\d{{1,5}})(?!\d|[.,]\d|\s*%)|(?:{_words()})\b(?!\s*(?:proc|%)))",
                      re.I | re.M)
_QUALIFIED = r"(?:(?P<qual>max\.|maks\.|maksymalnie|co\s+najwyżej|najwyżej|nie\s+więcej\s+niż|min\.|minimum|co\s+najmniej)\s+)?"
# (the count's year may follow it: "pożary traw: z 9 w 2025 r. do nie więcej niż 2")
# (or its counted noun and when, and the ceiling before "do": "z 9 interwencji w poprzednim półroczu najwyżej do 4")
# a baseline and its target after an indicator's name: "Kamery monitoringu gminnego: 12 → co najmniej 28"
_ARROW_FROM_TO = re.compile(r"(?<=:)[ \t]*(?P<a>\d{1,5})[ \t]*(?:→|->|⇒)[ \t]*" + _QUALIFIED + r"(?P<b>\d{1,5})(?![\d%]|[.,]\d|\s*%)")
# (the count's year after it, or in brackets: "z 18 (2026 r.) do maksymalnie 9")
# (an approximate count, and how often, between: "z około 15 w tygodniu do co najwyżej 3")
_FROM_TO = re.compile(r"\bz\s+(?:(?:około|ok\.|blisko)\s+)?(?P<a>\d{1,5})(?:\s+w\s+(?:19|20)\d\d(?:\s*r\.|\s+roku)?"
                      r"|\s+(?:w\s+(?:tygodniu|miesiącu|roku|półroczu|sezonie)|tygodniowo|miesięcznie|rocznie)(?=\s+do\s)"
                      r"|\s*\([^()\n]{0,24}?(?:19|20)\d\d(?:\s*r\.|\s+roku)?\)"
                      r"|(?=\s+[^\W\d])(?:\s+[^\W\d]+){1,5}?(?=\s+(?:najwyżej|maksymalnie)\s+do\s))?"
                      r"(?:\s+(?P<qual0>najwyżej|maksymalnie)(?=\s+do\s))?\s*(?:\sdo|→|->|⇒)\s+" + _QUALIFIED +
                      r"(?P<b>\d{1,5})(?!\d|[.,]\d|\s*(?:%|proc|r\.|roku|stycz|lut|mar|kwie|maj|czerw|lip|sierp|wrze|paźdz|listop|grud))",
                      re.I)


@lru_cache(maxsize=1)
def _words_level() -> re.Pattern:
    """The level a goal word's change ends at, in words: "Ograniczenie włamań z dziewięciu do trzech"."""
    # or alone, its clause ending after it: "ich liczba ma spaść do dwóch."
    # (what is counted, and an aside, between the two: "zejść z jedenastu interwencji, odnotowanych między sierpniem a
    # styczniem, do czterech")
    return re.compile(rf"\bz\s+(?:{_words()})(?:,?\s+[^\W\d]+){{0,8}}?,?\s+do\s+(?P<word>{_words()})\b(?!\s*(?:proc|%))"
                      rf"|\bdo\s+(?P<word2>{_words()})(?=\s*[,;)]|\s*\.(?!\d)|\s*$)", re.I)


# (not when what is to be follows it: "kradzieży paliwa było 9 – ma ich być 3 albo mniej")
_WAS_BEFORE = re.compile(rf"\b(?:{_WAS}|odnotowano|zanotowano)\b(?![^.;:\n]*\b(?:ma|mają|powinn\w+)\s+(?:\w+\s+)?(?:być|zostać|wynosić)\b)"
                         r"[^.;:\n]*$", re.I)


@lru_cache(maxsize=1)
def _or_less_or_more() -> re.Pattern:
    """A bound said after its count: "zgłoszeń ma być w tym półroczu 5 lub mniej" (at most), "dziesięć lub więcej
    spotkań" (at least)."""
    # (how often between: "ma się zatrzymać na 15 rocznie lub mniej")
    return re.compile(rf"(?<![\w.,])(?P<b>\d{{1,5}}|(?:{_words()}))(?:[ \t]+(?:rocznie|miesięcznie|tygodniowo|w[ \t]+(?:roku|miesiącu|tygodniu|półroczu|sezonie)))?"
                      r"[ \t]+(?:lub|albo)[ \t]+(?P<dir>mniej|więcej)\b"
                      r"(?![ \t]+(?:niż|o)\b)", re.I)


@lru_cache(maxsize=1)
def _from_to_words() -> re.Pattern:
    """The change written in words: "z dziewięciu do trzech"."""
    # (with when between: "z pięciu w okresie lipiec–sierpień do najwyżej jednej")
    return re.compile(rf"\bz\s+(?P<a>{_words()})(?:\s+w\s+(?:okresie|sezonie|roku|półroczu|miesiącu|tygodniu)"
                      rf"(?:\s+[^\W\d]+(?:[–-][^\W\d]+)?)?)?\s+do\s+{_QUALIFIED}(?P<b>{_words()})\b(?!\s*(?:proc|%))", re.I)


@lru_cache(maxsize=1)
def _instead_of() -> re.Pattern:
    """The count to reach before the count it replaces: "zgłoszeń ma być 30 rocznie zamiast obecnych 40", "najwyżej
    pięć zamiast dotychczasowych dwunastu"."""
    # (or "a nie": "interwencji ma być cztery, a nie dwanaście jak w sezonie 2025 r.")
    return re.compile(rf"(?<![\w.,]){_QUALIFIED}(?P<b>\d{{1,5}}|(?:{_words()}))(?![\d.,]\d|\s*%)(?:[ \t]+[^\W\d]+){{0,2}}?,?[ \t]+(?:zamiast|a[ \t]+nie)[ \t]+"
                      r"(?:(?:obecnych|dotychczasowych|aktualnych|dzisiejszych|ubiegłorocznych|zeszłorocznych)[ \t]+)?"
                      rf"(?P<a>\d{{1,5}}|(?:{_words()}))\b(?!\s*(?:%|proc))", re.I)


_PAST_CHANGE = re.compile(r"\b(?:spadł|wzrósł|wzrosł|zmalał|zmniejszył|zwiększył|obniżył|ograniczył)\w*", re.I)
_WISH = re.compile(_WISH_WORDS, re.I)


# a floor of the people a goal is to reach, in any case: "przekazać wiedzę … co najmniej 150 seniorom"
_FLOOR_PEOPLE = re.compile(r"(?P<q>co\s+najmniej|nie\s+mniej\s+niż|minimum|min\.|przynajmniej)\s+(?P<b>\d{1,5})\s+"
                           r"(?=(?:senior|uczni|osob|osób|mieszkańc|dzieci|rodzic|kierowc|uczestnik|rodzin|nauczyciel)\w*\b)",
                           re.I)


def _from_to(document: Document, a: int, b: int, taken: list[tuple[int, int]]) -> list[dict]:
    text = document.text
    out = []
    for m in sorted([*_FROM_TO.finditer(text, a, b), *_ARROW_FROM_TO.finditer(text, a, b), *_from_to_words().finditer(text, a, b),
                     *_ceiling_sign().finditer(text, a, b), *_CEILING_AFTER.finditer(text, a, b),
                     *_floor_item().finditer(text, a, b),
                     *_FLOOR_PEOPLE.finditer(text, a, b),
                     *_or_less_or_more().finditer(text, a, b), *_instead_of().finditer(text, a, b),
                     *_ceiling_after_be().finditer(text, a, b)],
                    key=lambda m: m.start()):
        if any(s <= m.start() < e for s, e in taken):
            continue
        before = text[max(a, m.start() - 60):m.start()]
        if _PAST_CHANGE.search(before) and not _WISH.search(before):
            continue   # a result reported ("Liczba interwencji spadła z 52 do 31"), not one wished ("by spadła")
        y = _amount(m.group("b"))
        if m.re is _ceiling_sign() or m.re is _CEILING_AFTER or m.re is _ceiling_after_be():   # "≤ 5": at most that many
            direction, qualifier = "decrease", "at_most"
        elif m.re is _floor_item() or m.re is _FLOOR_PEOPLE:   # "nie mniej niż 15 kontroli": at least that many
            direction, qualifier = "increase", "at_least"
        elif m.re is _or_less_or_more():
            if _WAS_BEFORE.search(before):
                continue   # "W 2025 r. było 12 lub więcej zgłoszeń": a count reported
            direction, qualifier = ("decrease", "at_most") if m.group("dir").lower() == "mniej" else ("increase", "at_least")
        else:
            x = _amount(m.group("a"))
            if x == y:
                continue
            q = (m.group("qual") or m.groupdict().get("qual0") or "").lower()
            direction = "decrease" if y < x else "increase"
            qualifier = ("at_least" if q.startswith(("min", "co najmniej")) else "at_most") if q else None
        line_start = _line_start(text, a, m.start())
        out.append(document.span(m.start("q") if m.re is _floor_item() else m.start(), m.end(), direction=direction, value=y,
                                 unit="count", qualifier=qualifier, metric=_metric(text, line_start, m.start()),
                                 baseline=None))
    return out


# a change stated as a comparative without a goal word: "Liczba kradzieży – 40% mniej niż w 2025 r.",
# "o 10 proc. mniej interwencji", "20% więcej kontroli"
# a signed change after a label: "Interwencje wobec pijących na promenadzie: –40% wobec lata 2025 r."
_SIGNED = re.compile(rf"(?:^(?:[ \t]*(?:\d{{1,2}}[.)]|[a-z]\)))?|(?<=[:(])|(?<=[:(][ \t]))[ \t]*(?P<sign>[–−-]|\+)[ \t]?(?P<num>{_NUM})[ \t]?%", re.M)
# (the qualifier before "o" or after it: "co najmniej o 1/3 mniej", "o co najmniej 1/4 mniej")
_COMPARATIVE = re.compile(rf"(?:(?P<qual>\bco\s+najmniej|\bprzynajmniej|\bminimum|\bmin\.)\s*)?(?:\bo\s+)?"
                          rf"(?:(?P<qual_after>(?<=o\s)(?:co\s+najmniej|przynajmniej|minimum))\s+)?"
                          rf"(?:(?P<num>{_NUM})\s*(?P<pct>%|proc\w*\.?)|(?:(?<=o\s)|(?<=najmniej\s)|(?<=przynajmniej\s)|(?<=minimum\s))(?P<half>{_FRACTION_RX})"
                          rf"|\b(?P<times>dwu|trzy|cztero)krotnie|\b(?P<times2>dwa|trzy|cztery)\s+razy)"
                          rf"\s+(?P<dir>mniej|więcej|mniejsz\w*|niższ\w*|większ\w*|wyższ\w*)\b", re.I)   # "o połowę mniejsza"


# ("ma być mniej o 25 proc. niż w tym samym okresie": the adverb before its measure)
_COMPARATIVE_ADJ = re.compile(rf"\b(?P<adj>niższ|mniejsz|wyższ|większ|mniej(?=\s+o\s)|więcej(?=\s+o\s))\w*\s+(?:(?:przynajmniej|co\s+najmniej|minimum)\s+)?o\s+(?:(?:przynajmniej|co\s+najmniej|minimum|min\.)\s*)?(?:(?P<num>{_NUM})\s*(?P<pct>%|proc\w*\.?)?"
                              rf"(?![\d.,]\d)|(?P<half>{_FRACTION_RX}))", re.I)


# the direction told by "down"/"up": "kradzieży kieszonkowych na targowisku – w dół o 50 proc."
_UP_DOWN = re.compile(rf"\bw\s+(?P<dir>dół|górę)\s+o\s+(?:(?P<num>{_NUM})\s*(?P<pct>%|proc\w*\.?)?(?![\d.,]\d)"
                      rf"|(?P<half>{_FRACTION_RX}))", re.I)


# a clause of its own that a wanted absence opens: "… oraz sytuacja, w której tej zimy nikt nie wpadnie pod lód"
_WHICH = re.compile(r"\bw\s+kt[óo]r(?:ej|ym)\s+$")


# a goal item that states the wanted absence: "Brak utonięć w sezonie 2026 r.", "2. Zero utonięć.", "– koniec z
# zaśmiecaniem skweru" (at the start of
# the item, of its line or sentence, or of a clause joined by ", a" or ", i": "brak" inside a sentence names a lack, not a goal)
_NONE_GOAL = re.compile(rf"(?:^|(?<=[.:;?!]\s)|{_COLUMN_START}|(?<=\s[–—]\s)|(?<=,\sa\s)|(?<=,\si\s)|(?<=\soraz\s)|(?<=\bby\s)|(?<=aby\s)|(?<=żeby\s)"
                        rf"|(?<=\bw\skt[óo]rej\s)|(?<=\bw\skt[óo]rym\s)|(?<=\sa\stakże\s)|(?<=\sa\srównież\s))"
                        rf"(?:\|n\|)?[ \t]*{_ITEM_MARK}?[ \t]*(?:"   # (a scraped page's line marker "|n|" opens its lines)
                        r"(?P<w>[Bb]rak|[Zz]ero|0(?=[ \t]+[^\W\d])|[Kk]oniec[ \t]+z|[Aa]ni[ \t]+jedne(?:go|j))"
                        # "żadnego przypadku wypalania traw", "do końca lutego żadne dziecko nie może zostać pogryzione",
                        # "zatoka i pobocza wolne od porzuconych śmieci"
                        r"|(?:(?:[^\n.;:–—]|[–—](?=[ \t]*\d)){0,80}?[ \t])?(?P<none>[Żż]aden|[Żż]adn(?:e|y|a|ego|ej|ych|ym|ą)|[Nn]ikt(?=(?:[ \t]+[^\W\d]+){0,6}?[ \t]+nie\b)|(?<=być[ \t])(?:już[ \t]+)?nikogo,?|(?:obyć|obejść)[ \t]+(?:się[ \t]+)?bez|[Cc]ał(?:y|e|a|ą)[ \t]+(?:sezon|lato|zim[aę]|rok|okres|półrocze|wakacje)[ \t]+bez|[Aa]ni[ \t]+jed(?:en|n(?:o|a|ego|ej))|[Aa]ni[ \t]+razu|[Ww]oln(?:y|a|e|i|ą)[ \t]+od|(?<=i[ \t])brak|(?<=oraz[ \t])brak"
                        # "doprowadzenie do braku zgłoszeń …", "droga do szkoły bez jakiegokolwiek wypadku", "Sezon 2026 bez
                        # ofiar w wodzie"
                        r"|[Dd]oprowadz\w*[ \t]+do[ \t]+braku|bez[ \t]+jaki(?:ego|ch|ej)kolwiek"
                        r"|(?<![^\W\d])(?:[Ss]ezon|[Ll]ato|[Ww]akacje)(?:[ \t]+(?:19|20)\d\d(?:[ \t]*r\.)?)?[ \t]+bez))[ \t]+"
                        r"(?P<what>[^\W\d]+)", re.M)


# the wanted absence told after what is counted: "Kolejnych przypadków samowolnej wycinki – zero."
_ZERO_AFTER = re.compile(rf"(?:^|(?<=[.:;]\s))[ \t]*{_ITEM_MARK}?[ \t]*(?P<what>[^\W\d][^\n.;:–—]{{0,80}}?)[ \t]*[–—:][ \t]*"
                         r"(?:zero|0|ani\s+jedne(?:go|j))[ \t]*(?=[.;!\n]|$)", re.M | re.I)


def _gen_plural(word: str) -> bool:
    """Whether ``word`` may be a noun (or gerund) in the genitive plural: the events counted ("utonięć", "przypadków")."""
    return any("gen" in f.case and f.number & {"pl"} for f in morph.analyse(word.lower()) if f.pos in ("subst", "ger"))


_COMMA_JOINED = re.compile(r",\s(?:a|i)\s")
_JOINED_CLAUSE = re.compile(_COMMA_JOINED.pattern + r"|\soraz\s")   # (before a wanted absence: "… o połowę oraz ani jednego …")
# a goal that something must not appear at all: "Nowe hałdy śmieci nie mogą się pojawić – ani jedna."
# ("Odnowiona wiata nie może zostać ponownie zniszczona.", "… a w tym miejscu nie pojawiają się nowe odpady")
_MUST_NOT_APPEAR = re.compile(r"\bnie\s+(?:może|mogą|powinn[oaiy])\s+(?:się\s+)?(?:już\s+)?(?:pojawić|powstać|wystąpić|zdarzyć|wydarzyć|powtórzyć|dochodzić)"
                              r"(?:\s+się)?\b"
                              # ("… a wiata po naprawie nie zostanie ponownie zniszczona")
                              r"|\bnie\s+(?:(?:może|mogą|powinn[oaiy])\s+(?:już\s+)?zostać|zostan(?:ie|ą))\s+(?:już\s+|ponownie\s+|znów\s+)?"
                              r"(?:zniszczon|uszkodzon|zdewastowan|pomalowan|podpalon|okradzion|porzucon|zaśmiecon)\w*"
                              r"|\bnie\s+(?:pojawiają|pojawią|pojawi|powstają|powstaną|powstanie|przybywa|przybywało|przybędzie)\s+(?:się\s+)?(?:już\s+|żadne\s+)?now\w+"
                              # "… kierowców po alkoholu ma na tej drodze nie być wcale"; "by na terenie skateparku nie
                              # dochodziło już do niszczenia mienia"
                              r"|\b(?:ma|mają|miał[aoy]?|mieli|powinn[oaiy])\s+(?:[^\W\d]+\s+){0,4}?nie\s+być\s+(?:wcale|w\s+ogóle)\b"
                              r"|\b(?:by|aby|żeby)\s+(?:[^.;\n]{0,60}?\s)?nie\s+dochodził[oa]?\s+(?:już\s+|więcej\s+)?do\b"
                              # "Przypadki wychłodzenia … mają nie wystąpić wcale"
                              # ("… a do kradzieży paliwa miało nie dochodzić wcale": a report's restated goal)
                              r"|\b(?:ma|mają|miał[aoy]?|mieli|powinn[oaiy])\s+(?:się\s+)?(?:już\s+)?nie\s+(?:wystąpić|występować|pojawić|pojawiać|zdarzyć|zdarzać|powtórzyć|powtarzać|dochodzić)(?:\s+się)?"
                              r"(?:\s+(?:wcale|w\s+ogóle|ani\s+razu))?\b"
                              # "osiągnięcie stanu, w którym … nie odnotowuje się przypadków …", "doprowadzenie do
                              # sytuacji, w której w rejonie nie dochodzi do wypalania traw"
                              r"|\b(?:stan\w*|sytuacj\w*),?\s+w\s+kt[óo]r(?:ym|ej)\s+(?:[^.;\n]{0,60}?\s)?nie\s+(?:dochodzi|odnotowuje\s+się"
                              r"|notuje\s+się|występuj[eą]|pojawiaj[ąe]\s+się)\b"
                              # "Sprowadzenie liczby pogryzień przez psy do zera"
                              r"|\b(?:sprowadz|doprowadz)\w*\s+(?:[^.;\n]{0,80}?\s)?do\s+zera\b"
                              # "… na parkingu nie będzie już nielegalnych popisów", "… i bez nowych worków"
                              r"|\bnie\s+będzie\s+(?:już|więcej)\b|\bbez\s+(?:żadnych\s+)?now(?:ych|ego|ej)\s", re.I)


_CONJUNCTION = re.compile(r"(?:(?:a|i|oraz|zaś)\s+)?")


def _absences(document: Document, a: int, b: int, taken: list[tuple[int, int]]) -> list[dict]:
    text = document.text
    out = []
    for m in _ZERO_AFTER.finditer(text, a, b):
        words = m.group("what").split()
        if any(s <= m.start("what") < e for s, e in taken) or not any(_gen_plural(w) for w in words[:3]):
            continue
        out.append(document.span(m.start("what"), m.end(), direction="eliminate", value=None, unit=None,
                                 qualifier=None, metric=_metric(text, m.start("what"), m.end()), baseline=None))
    for m in _MUST_NOT_APPEAR.finditer(text, a, b):
        # (a clause of its own after ", a", though the goal word's target before runs to the sentence's end: "… ma spaść z 12
        # do najwyżej 4, a wiata nie może zostać ponownie zniszczona")
        if any(s <= m.start() < e for s, e in taken + [(o["start"], o["end"]) for o in out]) \
                and _COMMA_JOINED.search(text, max(a, m.start() - 40), m.start()) is None:
            continue
        line_start = _line_start(text, a, m.start())
        clause = max(text.rfind(". ", line_start, m.start()), text.rfind(", ", line_start, m.start()),
                     text.rfind("; ", line_start, m.start()))
        begin = clause + 2 if clause >= 0 else line_start   # its clause's start: the rest of its sentence stays free
        begin = _CONJUNCTION.match(text, begin).end()   # (", a wiata …": the clause without its "a")
        out.append(document.span(begin, m.end(), direction="eliminate", value=None, unit=None, qualifier=None,
                                 metric=_metric(text, begin, m.start()), baseline=None))
    for m in _NONE_GOAL.finditer(text, a, b):
        w = "w" if m.group("w") else "none"
        # a clause of its own after ", a" ("... ma zmaleć o jedną czwartą, a na żadnej posesji ..."), though the
        # goal word's target before runs to the sentence's end
        # (or after "a także", or after ", a" a few words back: "…, a w przypadku oszustw – żeby żaden …")
        joined = text[max(a, m.start() - 4):m.start()] in (", a ", ", i ") or _WHICH.search(text, max(a, m.start() - 12), m.start()) or \
            text[max(a, m.start() - 9):m.start()].endswith(("a także ", "a również ")) or \
            _JOINED_CLAUSE.search(text, max(a, m.start() - 40), m.start(w)) is not None
        if not joined and any(s <= m.start(w) < e for s, e in taken):
            continue
        if text[max(a, m.start() - 2):m.start() - 1] in ("–", "—") and not joined and \
                any(max(text.rfind("\n", a, m.start()), text.rfind(". ", a, m.start())) < s < m.start() for s, _e in taken):
            continue   # "utrzymanie stanu z 2025 – ani jednego utonięcia": the dash spells out the goal before it (in its
            # sentence: "… o 30%. Ochrona nowych nasadzeń – żadne drzewko nie może zostać zniszczone" is a goal of its own)
        # what is to be absent: events counted in the genitive plural ("utonięć", "pogryzień", "przypadków"); an
        # end of something ("koniec z zaśmiecaniem skweru"); anything after "żaden" ("żadne dziecko")
        if w == "w" and not m.group("w").lower().startswith(("koniec", "ani")) and not _gen_plural(m.group("what")):
            continue
        stop = _STOP.search(text, m.end(), b)
        end = stop.start() if stop else b
        joined_after = _NEXT_CLAUSE.search(text, m.end(), end)   # ("…, a pożarów traw było nie więcej niż 4": its own)
        end = joined_after.start() if joined_after else end
        out.append(document.span(m.start(w), end, direction="eliminate", value=None, unit=None, qualifier=None,
                                 metric=_metric(text, m.start("what"), end), baseline=None))
    return out


# a goal's item that wants less or more of something, with no measure: "...; mniej żebrania pod sklepem."
_BARE_COMPARATIVE = re.compile(rf"(?:^|(?<=[.:;]\s)(?<!proc\.\s)(?<!tys\.\s)(?<!pkt\.\s)(?<!ok\.\s))[ \t]*{_ITEM_MARK}?[ \t]*"
                               r"(?P<dir>[Mm]niej|[Ww]ięcej)[ \t]+(?!więcej\b|niż\b)(?P<what>[^\W\d]+)", re.M)   # not "mniej więcej"


# (an abbreviation's stop is none: "Mniej kradzieży przy ul. Długiej – o połowę", as _SENTENCE_END reads it)
_CLAUSE_END = re.compile(rf"(?:{_FULL_STOP}|[;!?])(?=\s|$)|\n")
_BARE_MEASURE = re.compile(rf"(?:(?P<qual>\bco\s+najmniej|\bprzynajmniej|\bminimum)\s+)?\bo\s+(?:(?P<num>{_NUM})\s*(?:%|proc\w*\.?)"
                          rf"|(?P<half>{_FRACTION_RX}))(?!\w)", re.I)


# an arrow for the direction: "cel: ↓ interw. i zgł. KMZB o 1/4 vs II półr. 2025", "↑ liczby kontroli o 20%"
_ARROW = re.compile(rf"(?P<dir>[↓↑⬇⬆])[ \t]*[^\n↓↑⬇⬆]{{0,80}}?\bo\s+(?:(?P<half>{_FRACTION_RX})|(?P<num>{_NUM})\s*(?P<pct>%|proc\w*\.?)?)"
                    rf"(?![\d/])", re.I)


# a ceiling as a share of the baseline: "liczba interwencji nie większa niż trzy czwarte liczby odnotowanej w 2025 r.",
# "najwyżej połowa zeszłorocznej liczby" (the share left: a decrease by the rest)
_SHARES = {**_FRACTIONS, "połowa": 50, "jedna czwarta": 25, "jedna trzecia": 33, "jedna piąta": 20, "jedna dziesiąta": 10}
_SHARE_CEILING = re.compile(rf"(?:\bnie\s+(?:większ|wyższ)\w*\s+niż|\bnajwyżej|\bmaksymalnie|\bco\s+najwyżej)\s+"
                            rf"(?P<share>{alternation(_SHARES)})\s+(?=(?:liczby|poziomu|wartości|stanu|zeszłoroczn\w*|tegoż|tej)\b)", re.I)


def _comparatives(document: Document, a: int, b: int, taken: list[tuple[int, int]]) -> list[dict]:
    text = document.text
    out = []
    for m in _SHARE_CEILING.finditer(text, a, b):
        if any(s <= m.start() < e for s, e in taken):
            continue
        line_start = _line_start(text, a, m.start())
        out.append(document.span(m.start(), m.end(), direction="decrease",
                                 value=100 - _fraction(m.group("share"), _SHARES), unit="percent",
                                 qualifier="at_least", metric=_metric(text, line_start, m.start()), baseline=None))
    for m in _ARROW.finditer(text, a, b):
        if any(s <= m.start() < e for s, e in taken):
            continue
        value = _measure(m)
        unit = "percent" if m.group("half") or m.group("pct") else "count"
        out.append(document.span(m.start(), m.end(), direction="decrease" if m.group("dir") in "↓⬇" else "increase",
                                 value=value, unit=unit, qualifier=None, metric=_metric(text, m.start() + 1, m.end()),
                                 baseline=None))
    for m in _BARE_COMPARATIVE.finditer(text, a, b):
        if any(s <= m.start("dir") < e for s, e in taken):
            continue
        stop = _STOP.search(text, m.end(), b)
        end = stop.start() if stop else b
        colon = text.find(":", m.end(), end)
        end = colon if colon >= 0 else end   # "mniej spotkań w wiacie: z 9 … najwyżej do 4": the measure's own
        # its measure later in the sentence: "Mniej interwencji wobec osób pijących nad wodą – co najmniej o 25 procent"
        clause = _CLAUSE_END.search(text, m.end(), b)
        by = _BARE_MEASURE.search(text, m.end(), clause.start() if clause else b)
        value = None if by is None else _measure(by)
        out.append(document.span(m.start("dir"), end if by is None else max(end, by.end()),
                                 direction="decrease" if m.group("dir").lower() == "mniej" else "increase",
                                 value=value, unit=None if by is None else "percent",
                                 qualifier="at_least" if by is not None and by.group("qual") else None,
                                 metric=_metric(text, m.start("what"), end), baseline=None))
    for m in _SIGNED.finditer(text, a, b):
        if any(s <= m.start("sign") < e for s, e in taken):
            continue
        line_start = _line_start(text, a, m.start())
        out.append(document.span(m.start("sign"), m.end(), direction="increase" if m.group("sign") == "+" else "decrease",
                                 value=_number(m.group("num")), unit="percent", qualifier=None,
                                 metric=_metric(text, line_start, m.start()), baseline=None))
    for m in (*_COMPARATIVE_ADJ.finditer(text, a, b), *_UP_DOWN.finditer(text, a, b)):
        # "liczba interwencji … niższa o 25 proc. niż w sezonie 2025", "… – w dół o 50 proc."
        if any(s <= m.start() < e for s, e in taken):
            continue
        value = _measure(m)
        line_start = _line_start(text, a, m.start())
        less = _less(m.group("adj")) if m.re is _COMPARATIVE_ADJ else m.group("dir").lower() == "dół"
        out.append(document.span(m.start(), m.end(), direction="decrease" if less else "increase",
                                 value=value, unit="percent" if m.group("half") or m.group("pct") else "count",
                                 qualifier=None, metric=_metric(text, line_start, m.start()), baseline=None))
    for m in _COMPARATIVE.finditer(text, a, b):
        if any(s <= m.start() < e for s, e in taken):
            continue   # inside a goal word's own target
        if m.group("times") or m.group("times2"):   # "dwukrotnie mniej": by half; "dwukrotnie więcej": twice as many
            k = _TIMES[m.group("times").lower()] if m.group("times") else _TIMES[m.group("times2").lower() + " razy"]
            value = round(100 - 100 / k) if _less(m.group("dir")) else 100 * (k - 1)
        else:
            value = _measure(m)   # "o połowę mniej"
        line_start = _line_start(text, a, m.start())
        out.append(document.span(m.start(), m.end(), direction="decrease" if _less(m.group("dir")) else "increase",
                                 value=value, unit="percent",
                                 qualifier="at_least" if m.group("qual") or m.group("qual_after") else None,
                                 metric=_metric(text, line_start, m.start()), baseline=None))
    for m in _comparative_words().finditer(text, a, b):
        if any(s <= m.start() < e for s, e in taken + [(o["start"], o["end"]) for o in out]):
            continue
        line_start = _line_start(text, a, m.start())
        out.append(document.span(m.start(), m.end(), direction="decrease" if _less(m.group("dir")) else "increase",
                                 value=_amount(m.group("word")), unit="percent",
                                 qualifier="at_least" if m.group("qual") else None,
                                 metric=_metric(text, line_start, m.start()), baseline=None))
    return out


@lru_cache(maxsize=1)
def _comparative_words() -> re.Pattern:
    """A share in words before its comparative: "ma być o czterdzieści procent mniej"."""
    return re.compile(rf"\bo\s+(?:(?P<qual>co\s+najmniej|przynajmniej|minimum)\s+)?(?P<word>{_words()})\s+(?:procent\w*|proc\.)\s+"
                      r"(?P<dir>mniej|więcej|mniejsz\w*|niższ\w*|większ\w*|wyższ\w*)\b", re.I)


def _less(word: str) -> bool:
    return word.lower().startswith(("mniej", "niższ"))


def _dedupe(items: list[dict]) -> list[dict]:
    """One target per (direction, value, unit)."""
    seen = set()
    out = []
    for t in items:
        key = (t["direction"], t["value"], t["unit"])
        if key in seen:
            continue
        seen.add(key)
        out.append(t)
    return out
