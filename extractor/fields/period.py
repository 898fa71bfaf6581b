"""Field extractor: period -- the span the plan, programme or strategy covers.

Sources, in order of trust:

1. a range introduced by "na okres", "na lata", "na rok" (or a range on one of the first
   header lines): the first one in the document wins, so a page with two plans gives the
   first (current) plan;
2. a range introduced by "w okresie" / "w latach" / "od ... do ..." whose sentence is not
   a baseline statement about the past ("... podejmowali 16 interwencji") and which does
   not lie in the threat description;
3. a schedule table header made of consecutive years ("2009 2010 2011 2012 2013").

News (``doc_type == "news"``) has no period.
"""
from __future__ import annotations

import re
from datetime import date

from extractor.fields.date import APPROVAL
from extractor.temporal import find_temporal
from extractor.temporal.finder import plus_months
from extractor.temporal.lexicon import lexicon

STRONG = re.compile(r"^\s*(?:na\s+(?:[^\W\d]+\s+)?(?:okres|lata|rok|czas)|(?:plan\w*|program\w*|strategi\w*)\b)", re.I)
# a label of the plan's term before the range on its line ("Okres realizacji planu: 1 marca – 31 sierpnia 2026 r.",
# "Plan obowiązywał od ...")
# ("Czas realizacji PDP:": the plan named by its acronym)
LABEL = re.compile(r"(?:\bza\s+okres"   # a report's: "Sprawozdanie … za okres od 1 stycznia do 31 grudnia 2019 r."
                   r"|\b(?:okres|czas|termin)\w*\s+(?:realizacji|obowiązywania|trwania)"
                   r"(?:\s+(?:planu|programu|działań|działania(?:\s+priorytetowego)?|(?-i:[A-ZĄĆĘŁŃÓŚŹŻ]{2,5})))?"
                   # (a report's past: "Plan realizowany był od 1 sierpnia 2025 r. …")
                   r"|\b(?:plan|program)\w*\s+(?:obowiązuj\w*|realizowan\w*(?:\s+był[aoy]?)?|będzie\s+realizowan\w*|w\s+mocy"
                   r"|obowiązywać\s+będzie|będzie\s+obowiązywa\w*)"
                   # an interview's question on the line before the answer: "Jak długo będzie obowiązywał plan?"
                   r"|\b(?:obowiązywa\w*|trwa\w*|realizowan\w*)\s+(?:plan|program)\w*\s*\?"
                   # "Program jest czteroletni – jego realizacja rozpocznie się 1 stycznia 2026 r. i potrwa do końca 2029 r."
                   r"|\b(?:realizacj\w*|plan\w*|program\w*)\s+(?:rozpocznie|rozpoczyna|zacznie|zaczyna)\s+się"
                   # "realizacja przewidziana jest w perspektywie 2026–2029"
                   r"|\bw\s+perspektyw\w*(?:\s+(?:czasow\w*|lat|wieloletni\w*))?"
                   # a card's bare label: "🗓 Okres: marzec ➜ sierpień 2026", "Okres planu – …"
                   r"|^[^\w\n]*okres(?:\s+(?:planu|programu|programowania))?"
                   # "Obejmuje: maj–październik 2026"
                   r"|^[^\w\n]*obejmuje"
                   # "Horyzont planu: od 1.02 do 31.07.2026 r.", "Ramy czasowe: 2026–2028"
                   r"|^[^\w\n]*(?:horyzont(?:\s+(?:czasowy|planu|programu))?|ramy\s+czasowe)"
                   # a post's question: "📌 Jak długo? Od pierwszego chłodnego miesiąca do ostatniego: październik – marzec"
                   r"|^[^\w\n]*jak\s+długo\b[^\n?]{0,30}\?[^\n]{0,60}?)\s*[:\-–]?\s*"
                   # the length before the range in brackets: "Okres realizacji: sześć lat (2026–2031)"
                   # or after "tj."/"czyli": "Ramy czasowe: pięć lat, tj. 2026–2030"
                   r"(?:[^\W\d][^\n:(]{0,40}(?:\(|,\s*(?:tj\.|czyli))\s*"
                   # "Program obowiązuje w latach budżetowych 2026–2029"
                   r"|(?:w|na)\s+lat(?:ach|a)(?:\s+(?:budżetow|kalendarzow)\w*)?\s*)?$",
                   re.I)
_FOR_TERM = re.compile(r"\bna(?:\s+[^\W\d]+){0,2}\s*$", re.I)
_LEGAL_CITATION = re.compile(r"\bDz\.\s*U(?:rz)?\.\s*(?:z\s*)?$", re.I)
_YEARLY = re.compile(r"\b(?:co\s+roku|corocznie|każdego\s+roku|rokrocznie"
                     r"|(?:w\s+)?każd\w+\s+(?:sezon\w*|zim\w*|lat[ao]|rok\w*)(?:\s+(?:zimow|letni|grzewcz|kąpielow)\w*)?)"
                     r"[\s,]*$", re.I)   # ("w każdym sezonie zimowym, od listopada do marca": every winter)
_BREADCRUMB = re.compile(r"(?:[ \t][/›»>|][ \t][^\n]*){2,}$")
_TERM_OF_OFFICE = re.compile(r"\bkadencj\w*\s*[:\-–]?\s*$", re.I)
_ANSWER = re.compile(r"[ \t]*[–—-]?[ \t]*$")
WEAK = re.compile(r"^\s*(?:w\s+okresie|w\s+latach|w\s+terminie|od\b|lata\b)", re.I)
# past-tense / statistical wording that marks a baseline, not the plan's own span
BASELINE = re.compile(
    r"\b(?:odnotowano|zanotowano|odnotowa\w*|zanotowa\w*|podejmowa\w*|podję\w*|przeprowadzono|interwencj\w*|"
    r"zgłosz\w*|zgłosze\w*|doszło|dochodziło|stwierdzono|ujawniono|wylegitymowano|zatrzymano|"
    r"przestępstw\w*|wykroczeń|zdarzeń|było|były|wynosił\w*)\b", re.I)
YEAR_ROW = re.compile(r"^[ \t]*((?:(?:19|20)\d{2}[ \t]+){2,}(?:19|20)\d{2})[ \t]*$", re.M)
HEADER_CHARS = 700


def _sentence_around(text: str, start: int, end: int) -> str:
    a = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    m = re.search(r"[.!?](?:\s|$)|\n", text[end:])
    b = end + m.start() if m else len(text)
    return text[a:b]


def _in_threat_section(document, pos: int) -> bool:
    try:
        spans = document.section_spans(*document.threat_kinds())
    except Exception:
        return False
    return any(s <= pos < e for s, e in spans)


def _full_range(e) -> tuple[str, str] | None:
    if e.kind != "interval" or e.granularity not in ("day", "month", "quarter", "half_year", "year"):
        return None
    v = e.value
    if v.get("mod") or not v.get("start") or not v.get("end"):
        return None
    if v["start"] >= v["end"]:
        return None
    return v["start"], v["end"]


ZONE_MIN_DAYS = 60   # a span near the top shorter than two months (an issue's month, a consultation) is no term


TERM_MIN_DAYS = 85   # a plan's term: about three months or more


def _days(start: str, end: str) -> int:
    return (date.fromisoformat(end) - date.fromisoformat(start)).days


def _short(r: tuple[str, str]) -> bool:
    return _days(*r) < ZONE_MIN_DAYS


def _whole_year(r: tuple[str, str]) -> bool:
    return r[0][4:] == "-01-01" and r[1][4:] == "-12-31" and r[0][:4] == r[1][:4]


def _whole_years(r: tuple[str, str]) -> bool:
    """r runs from the first day of a year to the last of a later one ("2026–2030")."""
    return r[0][4:] == "-01-01" and r[1][4:] == "-12-31" and r[0][:4] < r[1][:4]


def _narrower(r: tuple[str, str], year: tuple[str, str]) -> bool:
    """r lies inside a calendar year and spans a plan's term (three months or more) but not all of it."""
    return year[0] <= r[0] and r[1] <= year[1] and r != year and \
        _days(*r) >= TERM_MIN_DAYS


# a card's start and end fields: "Data rozpoczęcia: 02.03.2026" / "Data zakończenia: 31.08.2026"
_START_LABEL = re.compile(r"(?:\bdata|\btermin)\s+(?:rozpoczęcia|początku|wejścia\s+w\s+życie)\s*[:\-–]?\s*$|\bpoczątek\s*:\s*$"
                          # "Start planu: 01.V.2026 | koniec: 31.X.2026"
                          r"|\b(?:start|rozpoczęcie)(?:\s+(?:planu|programu|realizacji))?\s*:\s*$", re.I)
_END_LABEL = re.compile(r"(?:\bdata|\btermin)\s+(?:zakończenia|końca)\s*[:\-–]?\s*$|\bkoniec\s*:\s*$"
                        # "Rozpoczęcie planu: 1 marca 2026 r. | Zakończenie planu: 31 sierpnia 2026 r."
                        r"|\bzakończenie(?:\s+(?:planu|programu|realizacji))?\s*:\s*$", re.I)
CARD_REACH = 200


def _card_range(text: str, exprs) -> tuple[str, str] | None:
    """The span a card gives as a start field and an end field, each a date after its label."""
    days = [e for e in exprs if e.kind == "date" and e.granularity == "day" and e.value.get("start")]
    for k, e in enumerate(days):
        if not _START_LABEL.search(text, text.rfind("\n", 0, e.start) + 1, e.start):
            continue
        for f in days[k + 1:]:
            if f.start - e.end > CARD_REACH:
                break
            if _END_LABEL.search(text, text.rfind("\n", 0, f.start) + 1, f.start) and e.value["start"] < f.value["start"]:
                return e.value["start"], f.value["start"]
    return None


_PLAN_WORD = re.compile(r"\b(?:plan|program|kart[aęy]\b)\w*", re.I)   # "Karta ważna od …": a plan's card
# (a line that goes on in lower case, after a table's bars, is the same sentence wrapped: "od dnia zatwierdzenia planu
# (16.02.2026 r.)\n|    |    | do 15.08.2026 r.")
_SENTENCE_BREAK = re.compile(r"\n(?![ \t|]*[a-ząćęłńóśźż])|[.!?][ \t]+(?=[A-ZĄĆĘŁŃÓŚŹŻ])")
START_UNTIL_GAP = 220


def _breaks(text: str, a: int, b: int) -> list[re.Match]:
    """The sentence breaks between ``a`` and ``b`` (a line break's lookahead reads the character at ``b``)."""
    return [m for m in _SENTENCE_BREAK.finditer(text, a, b + 1) if m.end() < b or (m.group() == "\n" and m.start() < b)]


# a sentence that tells only how long the plan lasts: "Plan potrwa do końca sierpnia."
_PLAN_LASTS = re.compile(r"[ \t]*(?:Plan|Program|Działania)\w*\s+(?:potrwa|trwa|obowiązuje|będzie\s+(?:trwał|obowiązywał|realizowany)\w*|zakończy\s+się)"
                         # (its length before the end: "Plan będzie obowiązywał pół roku – do ostatniego dnia sierpnia.")
                         r"(?:\s+(?:pół\s+roku|rok|[^\W\d]+\s+miesi\w+)\s*[–—,-])?\s*$")


def _open_start(d, end: str) -> str | None:
    """The start ``d`` tells, its year (when not written) the end's or the year before: a day ("od 1 lutego"), or a
    month's first day for a month the plan starts from or with ("od sierpnia", "z początkiem marca")."""
    if d.value.get("start"):
        return d.value["start"]
    partial = d.value.get("partial", "")
    if partial.startswith("--"):
        return _before(end, partial[2:])
    if d.granularity == "month" and d.value.get("mod") in ("from", "begin"):
        months = [m for w in re.findall(r"[^\W\d]+", d.text) if (m := lexicon().month(w))]
        if len(months) == 1:
            return _before(end, f"{months[0]:02d}-01")
    return None


def _is_start(d) -> bool:
    """``d`` may tell a plan's start: a day, or a month it starts from or with."""
    return (d.kind == "date" and d.granularity == "day") or \
        (d.kind in ("date", "interval") and d.granularity == "month" and d.value.get("mod") in ("from", "begin"))


def _start_then_until(text: str, exprs) -> tuple[str, str] | None:
    """A day the plan starts on and a later "do końca lipca 2026 r." it runs until, in one sentence that names the
    plan; the day's year, when not written, is the end's (or the year before, for a day after the end's)."""
    for d, u in zip(exprs, exprs[1:]):
        if not _is_start(d) or u.kind not in ("interval", "date") or u.value.get("mod") != "until":
            continue
        end = u.value.get("end")
        if not end or u.start - d.end > START_UNTIL_GAP:
            continue
        # the last break: an abbreviation's stop ("st. sierż. Agnieszka") may come before it
        brk = (_breaks(text, d.end, u.start) or [None])[-1]
        if brk and not (_PLAN_LASTS.match(text, brk.end(), u.start) and _PLAN_WORD.search(text, d.end, brk.start())):
            continue   # the end in the next sentence only as "Plan potrwa do końca sierpnia."
        a = text.rfind("\n", 0, d.start) + 1
        if not brk and not _PLAN_WORD.search(text, max(a, d.start - 120), u.start):
            continue   # (the plan named before the start or between: "Od 1 listopada realizuje nowy plan … – potrwa on do …")
        start = _open_start(d, end)
        if start and _days(start, end) >= TERM_MIN_DAYS:
            return start, end
    return None


# a verb that says the plan started on the day before it: "który 1 lutego 2026 r. rozpoczął …"
_STARTED_AFTER = re.compile(r"[ \t]*(?:r\.|roku)?[ \t]*,?[ \t]*(?:się[ \t]+)?(?:rozpocz|zaczął|zaczęł|rusz|wystartował)\w*", re.I)


def _until_then_start(text: str, exprs) -> tuple[str, str] | None:
    """The end told first and the start after it, in one sentence that names the plan: "Do 31 lipca potrwa plan
    działania priorytetowego, który 1 lutego 2026 r. rozpoczął …"; the end's year, when not written, is the
    first after the start."""
    for u, d in zip(exprs, exprs[1:]):
        partial = d.value.get("partial", "")
        if u.value.get("mod") != "until" or u.granularity not in ("day", "month") or d.kind != "date" \
                or d.granularity != "day" or not (d.value.get("start") or partial.startswith("--")) \
                or d.start - u.end > START_UNTIL_GAP:
            continue
        # the start's verb after it ("który 1 lutego 2026 r. rozpoczął …") or before it ("…, a jego realizacja
        # ruszyła 1 sierpnia")
        if _breaks(text, u.end, d.start) or not _PLAN_WORD.search(text, max(0, u.start - 40), d.start) \
                or not (_STARTED_AFTER.match(text, d.end) or _START_CUE.search(text, max(u.end, d.start - START_CUE_REACH), d.start)):
            continue
        end = u.value.get("end")
        if not end:
            continue
        start = d.value.get("start") or (_before(end, partial[2:]) if re.search(r"\d{4}", u.text) else None)
        if not start:
            continue
        if not re.search(r"\d{4}", u.text):   # the end's year from the start's
            end = _after(start, end[5:])
        if _days(start, end) >= TERM_MIN_DAYS:
            return start, end
    return None


# the plan's start told by its verb before the day, its end by a phrase before the other: "Plan … startuje 1 marca
# 2026 r., a ostatnim dniem jego realizacji będzie 31 sierpnia", "Program stosuje się od 1 stycznia 2026 r.; traci
# on moc z dniem 31 grudnia 2029 r.", "rozpoczął 1 kwietnia 2026 r. … zakończy się wraz z końcem września", "Karta
# ważna od 1 lutego 2026 r.; zamknięcie karty – 31 lipca 2026 r.", "Plan działa od 1 lutego, a jego ważność upływa 31 lipca
# 2026 r." (a start without its year: the end's, or the year before for a day after the end's)
_START_VERBS = (r"startuj\w*|wystartuj\w*|wystartował\w*|rusz(?:a|ają|ył\w*|y)|rozpoczyna\w*|rozpoczął\w*|rozpoczęł\w*"
                r"|rozpocznie|rozpoczęto|zaczęto|zaczyna\w*|otwiera\w*|otworzy\w*|stosuje\s+się|obowiązuje|wchodzi\s+w\s+życie"
                r"|ważn[aey]|działa|licz(?:y|ą)\s+się|liczon[aey]?")
# (an aside may come between the verb and its day: "Plan startuje wraz z końcem żniw, 1 września 2025 r.")
_START_CUE = re.compile(rf"\b(?:{_START_VERBS})(?:\s+się)?(?:(?:\s+(?:od|z\s+dniem|dnia))?\s*|\s[^.;:\n]{{1,30}},\s*)$", re.I)
_END_CUE = re.compile(r"\b(?:ostatni\w*\s+(?:dni\w*|dzień)|zakończ\w*|kończy\w*|skończy\w*|traci\w*\s+(?:\w+\s+)?moc|wygas\w*|potrwa"
                      r"|finał\w*|upływa|upłynie"
                      r"|zamknięci\w*|zamyka\w*|zamknę|zamknie\w*)",
                      re.I)
START_CUE_REACH = 40
_START_WORD = re.compile(r"start\b", re.I)   # a start the temporal finder read with its noun: "start 1 kwietnia, zamknięcie …"
# (the same verbs after the start: "Od 1 marca w gminie Słopnice obowiązuje nowy plan …")
_IN_FORCE = re.compile(rf"\b(?:{_START_VERBS}|obowiązywać\s+będzie|będzie\s+obowiązywał\w*|realizowany\s+jest|jest\s+realizowany)\b",
                       re.I)


def _start_and_end_cued(text: str, exprs) -> tuple[str, str] | None:
    for d, u in zip(exprs, exprs[1:]):
        # the end's month and day ("31 sierpnia" without its year keeps them: its year is the start's, below)
        month_day = (u.value.get("end") or "")[5:] or \
            (u.value["partial"][2:] if u.value.get("partial", "").startswith("--") else "")
        end_year = bool(re.search(r"\d{4}", u.text))   # the end writes its year
        start = d.value.get("start")
        if not start and end_year and u.value.get("end"):
            start = _open_start(d, u.value["end"])
        if not _is_start(d) or not start or u.kind not in ("date", "interval") \
                or u.granularity not in ("day", "month") or not month_day or u.start - d.end > START_UNTIL_GAP:
            continue
        if not (_START_CUE.search(text, max(0, d.start - START_CUE_REACH), d.start) or _START_WORD.match(d.text)
                # (or the verb after a start told with "od": "Od 1 marca w gminie Słopnice obowiązuje nowy plan …")
                or (d.value.get("mod") == "from" and _IN_FORCE.search(text, d.end, min(u.start, d.end + START_CUE_REACH)))) \
                or not _END_CUE.search(text, d.end, u.start) \
                or not _PLAN_WORD.search(text, max(0, d.start - 160), u.start):
            continue
        end = u.value.get("end") if end_year else _after(start, month_day)
        if end and _days(start, end) >= TERM_MIN_DAYS:
            return start, end
    return None


# the end told first by its verb, the start after it: "Termin realizacji upływa 31 sierpnia 2026 r.; plan rozpoczęto
# 2 marca 2026 r."
_END_BEFORE = re.compile(r"\b(?:upływa|upłynie|(?:za)?kończy\s+się|wygasa|wygaśnie|traci\s+moc)"
                         r"(?:\s+(?:z\s+dniem|dnia|w\s+dniu))?\s*$", re.I)


def _end_then_start_cued(text: str, exprs) -> tuple[str, str] | None:
    """("Program wygasa z końcem 2029 r.; pierwsze zadania ruszają w styczniu 2026 r.": a year's end, a month's start)"""
    for u, d in zip(exprs, exprs[1:]):
        if u.kind not in ("date", "interval") or u.granularity not in ("day", "month", "year") or not u.value.get("end") \
                or d.kind not in ("date", "interval") or d.granularity not in ("day", "month") or not d.value.get("start") \
                or d.start - u.end > START_UNTIL_GAP:
            continue
        if not _END_BEFORE.search(text, max(0, u.start - START_CUE_REACH), u.start) \
                or not _START_CUE.search(text, max(0, d.start - START_CUE_REACH), d.start) \
                or "\n" in text[u.end:d.start] or not _PLAN_WORD.search(text, max(0, u.start - 160), d.start):
            continue
        start, end = d.value["start"], u.value["end"]
        if _days(start, end) >= TERM_MIN_DAYS:
            return start, end
    return None


# a programme's length as an adjective and its first year: "Program ma charakter pięcioletni i będzie realizowany od
# 2026 r." (the years from that one)
_YEARS_LONG = re.compile(r"\b(?:plan|program|strategi)\w*\b[^.\n]{0,40}?\b(?P<n>dwu|trzy|cztero|pięcio|sześcio|siedmio|ośmio"
                         r"|dziewięcio|dziesięcio)letni\w*\b[^.\n]{0,80}?\bod\s+(?P<y>(?:19|20)\d\d)\s*(?:r\.|roku)?", re.I)
_YEARS_OF = {"dwu": 2, "trzy": 3, "cztero": 4, "pięcio": 5, "sześcio": 6, "siedmio": 7, "ośmio": 8, "dziewięcio": 9,
             "dziesięcio": 10}


def _length_from_year(text: str) -> tuple[str, str] | None:
    m = _YEARS_LONG.search(text) if "letni" in text else None
    if m is None:
        return None
    first = int(m.group("y"))
    return f"{first:04d}-01-01", f"{first + _YEARS_OF[m.group('n').lower()] - 1:04d}-12-31"


# a plan's length told by its adjective after its start: "Od 1 lutego dzielnicowy realizuje nowy plan … To plan półroczny."
_LENGTH_WORD = re.compile(r"\b(?:plan\w*|program\w*)\s*:?\s+(?:jest\s+|ma\s+charakter\s+)?(?P<w>półroczn|sześciomiesięczn|kwartaln"
                          r"|trzymiesięczn|roczn)\w*|\b(?P<v>półroczn|sześciomiesięczn|kwartaln|trzymiesięczn)\w*\s+plan\w*", re.I)
_LENGTH_MONTHS = {"półroczn": 6, "sześciomiesięczn": 6, "kwartaln": 3, "trzymiesięczn": 3, "roczn": 12}
LENGTH_WORD_REACH = 300


def _start_and_length_word(text: str, exprs, ref: str | None) -> tuple[str, str] | None:
    """A day the plan starts from ("Od 1 lutego … realizuje nowy plan") and its length told by an adjective soon after
    ("To plan półroczny."): the year of a start that does not write it is the page's date's."""
    for d in exprs:
        if d.kind != "date" or d.granularity != "day" or d.value.get("mod") != "from":
            continue
        m = _LENGTH_WORD.search(text, d.end, d.end + LENGTH_WORD_REACH)
        if m is None or not _PLAN_WORD.search(text, d.end, m.end()):
            # or before it on its line: "Czas obowiązywania planu: półroczny, start 1 sierpnia 2026 r."
            m = _LENGTH_WORD.search(text, text.rfind("\n", 0, d.start) + 1, d.start)
            if m is None:
                continue
        start = d.value.get("start")
        if not start and ref and d.value.get("partial", "").startswith("--"):
            start = f"{ref[:4]}-{d.value['partial'][2:]}"
        if not start:
            continue
        months = _LENGTH_MONTHS[(m.group("w") or m.group("v")).lower()]
        return start, plus_months(date.fromisoformat(start), months).isoformat()
    return None


def _before(end: str, month_day: str) -> str:
    """The last ``month_day`` ("02-01") on or before ``end``: the start of a term whose year is not written."""
    return f"{int(end[:4]) - (month_day > end[5:]):04d}-{month_day}"


def _after(start: str, month_day: str) -> str:
    """The first ``month_day`` ("08-31") on or after ``start``: the end of a term whose year is not written."""
    return f"{int(start[:4]) + (month_day < start[5:]):04d}-{month_day}"


# a term counted from the plan's approval: "na okres 6 miesięcy od dnia zatwierdzenia", and the approval's stamp
# ("ZATWIERDZAM / Komendant … / Wyszków, dn. 16.09.2016 r.")
_FROM_APPROVAL = re.compile(r"\b(?:na\s+okres|przez)\s+(?P<n>\d{1,2}|[^\W\d]+)\s+miesięcy,?\s+(?:licząc\s+|liczonych\s+)?od\s+"
                            r"(?:dnia\s+|daty\s+)?"
                            r"(?:jego\s+)?(?:zatwierdzenia|podpisania)\b", re.I)
APPROVAL_REACH = 300


def _from_approval(text: str, exprs) -> tuple[str, str] | None:
    """The term of a plan that runs N months from its approval: from the approval stamp's date, N months less a day."""
    m = _FROM_APPROVAL.search(text)
    stamp = APPROVAL.search(text)
    if m is None or stamp is None:
        return None
    n = int(m.group("n")) if m.group("n").isdigit() else lexicon().number_of.get(m.group("n").lower())
    day = next((e.value["start"] for e in exprs if stamp.end() <= e.start < stamp.end() + APPROVAL_REACH
                and e.kind == "date" and e.granularity == "day" and e.value.get("start")), None)
    if not n or day is None:
        return None
    start = date.fromisoformat(day)
    return start.isoformat(), plus_months(start, n).isoformat()


def find_period(text: str, document=None, ref: str | None = None) -> dict | None:
    exprs = find_temporal(text, ref=ref)
    card = _card_range(text, exprs)
    if card:
        return {"start": card[0], "end": card[1]}
    ranges = [(e, r) for e in exprs if (r := _full_range(e))]
    # 1. strong keyword, or any range in the header zone
    strong = []
    for e, r in ranges:
        line_start = text.rfind("\n", 0, e.start) + 1
        before = text[line_start:e.start]
        if _TERM_OF_OFFICE.search(before):
            continue   # "Kadencja 2024–2029": a council's term in a breadcrumb, not the programme's
        if _whole_year(r) and _BREADCRUMB.search(before):
            continue   # "Uchwały Rady Miejskiej / Rok 2025": an archive's year in a breadcrumb
        if _YEARLY.search(before):
            continue   # "co roku od 1 marca do 30 kwietnia": a season every year
        if _LEGAL_CITATION.search(before):
            continue   # "(t.j. Dz. U. z 2025 r. poz. 1153)": the year of a statute's publication
        if _ANSWER.fullmatch(before) and line_start > 0:
            # a range opening its line answers the line before ("– Od 1 lutego aż do 31 lipca 2026 roku")
            before = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
        # "na okres …", "na trzy kolejne lata kalendarzowe: 2026, 2027 i 2028"
        # (a month after "na" is no term: "Omówienie planu na IV 2026" in a table's run-together columns)
        labelled = bool(STRONG.match(e.text) or (_FOR_TERM.search(before) and not _short(r)) or LABEL.search(before))
        if labelled or (e.start < HEADER_CHARS and not BASELINE.search(_sentence_around(text, e.start, e.end))
                        # (a span of months the threat's section tells of is its past; a year there may date it)
                        and not (document is not None and not _whole_year(r) and _in_threat_section(document, e.start))
                        # near the top, a month ("październik 2026": a bulletin's issue) or a fortnight (a
                        # consultation's) is no term by itself ("2026/2027", a season, is no range of years at all)
                        and not _short(r)):
            strong.append((r, labelled))
    # 2. the plan's start and its end told apart ("plan ruszył 1 lutego i potrwa ..., do końca lipca 2026 r."): over
    # a range that is only near the top ("Czym zajmie się Pani w tym półroczu?")
    told = _start_then_until(text, exprs) or _until_then_start(text, exprs) or _start_and_end_cued(text, exprs) \
        or _end_then_start_cued(text, exprs) or _length_from_year(text) or _from_approval(text, exprs) \
        or _start_and_length_word(text, exprs, ref)
    if strong and not (told and not strong[0][1]):
        first = strong[0][0]
        if _whole_year(first) and not strong[0][1]:
            # a labelled term over a year that is only near the top ("kontynuacją działań z 2025 r." before "Obejmuje: …")
            first = next((r for r, labelled in strong if labelled), first)
        if _whole_years(first) and not strong[0][1]:
            # a programme's years in its title ("Bezpieczny Luboń 2026–2030") over its term the text gives to the
            # day ("obowiązywać będzie od 1 lipca 2026 r. aż do końca 2030 r."): the same years, told closer
            first = next((r for r, _l in strong[1:] if r != first and r[0][:4] == first[0][:4]
                          and r[1][:4] == first[1][:4]), first)
        if _whole_year(first) and document is not None and document.get("doc_type") == "priority_plan":
            # "plany ... na 2022 rok" over "od 1 lutego do 31 lipca 2022 r.": a plan's own half-year is the term
            first = next((r for r, _l in strong[1:] if _narrower(r, first)), first)
        return {"start": first[0], "end": first[1]}
    if told:
        return {"start": told[0], "end": told[1]}
    # 3. weak keyword not in a baseline sentence
    for e, r in ranges:
        if not WEAK.match(e.text):
            continue
        if _YEARLY.search(text, max(0, e.start - 20), e.start):
            continue   # "co roku od 1 marca do 30 kwietnia": a season every year, not the term
        if document is not None and _in_threat_section(document, e.start):
            continue
        if BASELINE.search(_sentence_around(text, e.start, e.end)):
            continue
        return {"start": r[0], "end": r[1]}
    # 4. a row of consecutive years heading a schedule table
    for m in YEAR_ROW.finditer(text):
        years = [int(y) for y in m.group(1).split()]
        if all(b == a + 1 for a, b in zip(years, years[1:])):
            return {"start": date(years[0], 1, 1).isoformat(), "end": date(years[-1], 12, 31).isoformat()}
    return None


def extract(document):
    if document.get("doc_type") == "news":
        return None
    got = find_period(document.text, document)
    if document.get("date") and (got is None or (document.get("doc_type") == "priority_plan" and _whole_year(
            (got["start"], got["end"])))):
        # a term in "the current year" ("od 1 marca br. do 31 sierpnia br.") is dated by the document's own date;
        # a plan's term so dated is its half-year, not a year its diagnosis names ("W 2025 r. maszyniści …")
        dated = find_period(document.text, document, ref=document.get("date"))
        if got is None or (dated and not _whole_year((dated["start"], dated["end"]))):
            got = dated
    return got
