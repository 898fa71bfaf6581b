"""Find and normalise Polish temporal expressions.

Candidates are found with our own regular expressions (built from the word lists in
``rules/temporal/``), normalised to ISO values, and overlapping candidates are resolved
by keeping the longest one.  ``dateparser.search_dates`` is never run on free text (it
reads "się" as August, "nie" as Sunday and phone numbers as years); a missing year is
never filled with the current one -- it comes from ``context_year``, then from the plan
``period``, then from ``ref``, else the value keeps ``start``/``end`` as ``None``.

Value encoding (``TemporalExpr.value``):

* dates and intervals: ``{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}``; a single day has
  ``start == end``; a month, quarter, half-year or year is the whole span.  A bound word
  before the expression is kept in ``"mod"``: ``"until"`` ("do 30 czerwca", "do końca
  roku"), ``"from"`` ("od 1 lipca"), ``"before"``, ``"after"``, ``"begin"``/``"mid"``/``"end"``
  ("na początku 2017 roku").  The dates are always those of the named unit, so
  "do końca czerwca 2024" is ``{"start": "2024-06-01", "end": "2024-06-30", "mod": "until"}``.
* plan period ("przez cały okres obowiązywania planu"): granularity ``plan_period`` and
  the given ``period`` as start/end (``None`` when no period is known).
* times: ``{"start": "HH:MM", "end": "HH:MM"}``; an open side is ``None`` ("po godz. 20"
  -> start 20:00, end None); a point time has start == end.  Parts of the day
  ("w godzinach wieczornych") have kind ``time``, granularity ``part_of_day`` and
  ``{"parts": ["evening"]}``.
* recurrences (kind ``recurrence``): ``{"duration": "P2M"}`` = once every two months;
  ``"days": ["fri"]`` for "w każdy piątek"; ``"min": true`` for "co najmniej raz w miesiącu".
* counted sets (kind ``set``): ``{"duration": "P1M", "count": 2}`` = ``count`` times in
  every period of length ``duration`` ("dwa razy w miesiącu"); ``count`` is ``None`` for
  "kilka razy w tygodniu".  Continuous/as-needed words ("na bieżąco", "stale",
  "systematycznie") are kind ``set``, granularity ``continuous``, value ``{}``.
  Plural weekdays ("w piątki i soboty", "w weekendy") are kind ``set``, granularity
  ``day_of_week``, ``{"days": [...]}``.
* durations ("przez dwa miesiące"): kind ``duration``, ``{"duration": "P2M"}``.
* relative expressions ("wczoraj", "w przyszłym tygodniu") are resolved against ``ref``;
  without ``ref`` start/end are ``None`` and ``"relative"`` tells the offset ("-1 day").
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from datetime import date, timedelta
from typing import Callable, Iterable

from extractor.resources import read_lines, read_tsv
from extractor.temporal.lexicon import lexicon
from extractor.prefilter import _REPEATS, _SC, _SP, Prefilter, cased_twin, twin_matches
from extractor.text_cache import CASE_SPECIAL, ByText, lowered

__all__ = ["TemporalExpr", "find_temporal", "find_temporal_in"]


@dataclass
class TemporalExpr:
    text: str
    start: int
    end: int
    kind: str          # date, interval, time, duration, recurrence, set
    granularity: str   # day, week, month, quarter, half_year, year, plan_period, time, part_of_day, ...
    value: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind,
                "granularity": self.granularity, "value": dict(self.value)}


# ---------------------------------------------------------------------------------------------
# calendar helpers

def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def month_span(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def quarter_span(y: int, q: int) -> tuple[date, date]:
    return date(y, 3 * q - 2, 1), month_span(y, 3 * q)[1]


def half_span(y: int, h: int) -> tuple[date, date]:
    return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))


def year_span(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def _safe_date(y: int | None, m: int, d: int) -> date | None:
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _valid_md(m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(2024, m)[1]


# months (and quarters, the first four) in Roman numerals
_ROMAN_MONTH = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
                "xi": 11, "xii": 12}
_ROMAN = {k: v for k, v in _ROMAN_MONTH.items() if v <= 4}


# ---------------------------------------------------------------------------------------------
# regex pieces

L = lexicon()
YEAR = r"(?:19\d{2}|20\d{2})"
SUF = r"(?:\s*(?:r\.|r\b|roku\b|rok\b))?"            # "2018 r.", "2018r", "2018 roku"
DAY = r"(?:0?[1-9]|[12]\d|3[01])"
MON = r"(?:0?[1-9]|1[0-2])"
NB = r"(?<![\w./-])"                                     # no digit/word/dot before
NA = r"(?!\d|[.,/]\d)"                                # not followed by more digits


def _date_re(n: str, year: str = "opt", nb: bool = True) -> str:
    """A day-precision date: numeric "01.02.2024", ISO "2024-02-01" (or "2024.02.01") or verbal "1 lutego 2024".

    Groups: d{n}, m{n} (numeric month), mn{n} (month word), y{n}.  ``year``: "req", "opt".
    """
    q = "" if year == "req" else "?"
    # a two-digit year before "r." ("Malbork, 27.02.26 r.") or after a two-digit month ("01.03.26 – 31.08.26")
    numeric = (rf"(?P<d{n}>{DAY})\s?[./-]\s?(?P<m{n}>{MON})"
               rf"(?:\s?[./-]\s?(?:(?P<y{n}>{YEAR}){NA}|(?P<yy{n}>[0-9]{{2}})(?=\s?r\.)"
               rf"|(?<=[0-9]{{2}}\.)(?P<yy2{n}>[0-9]{{2}})(?![0-9]|[.,/-][0-9]))){q}")
    # ISO, also with dots or slashes ("2026.03.01", as some forms write it)
    iso = rf"(?P<iy{n}>{YEAR})[-./](?P<im{n}>0[1-9]|1[0-2])[-./](?P<id{n}>0[1-9]|[12]\d|3[01])(?!\d)"
    # "1-go września", and the year as "br." / "bieżącego roku" ("od 1 marca br. do 31 sierpnia br.")
    verbal = (rf"(?P<vd{n}>{DAY})(?:-(?:go|ego|szego))?\.?\s*(?P<mn{n}>{L.MONTH_ANY})\b\.?"
              rf"(?:\s*[,.]?\s*(?P<vy{n}>{YEAR})(?!\d)|\s+(?P<vbr{n}>br\.?|b\.\s?r\.?|bieżącego\s+roku|przyszłego\s+roku|następnego\s+roku|ubiegłego\s+roku)){q}")
    return rf"{NB if nb else ''}(?:{iso}|{verbal}|{numeric}){SUF}"


DATE_REQ = _date_re("1", "req")
DNIA = r"(?:(?:w\s+)?dni(?:a|u)\s+|dn\.\s*)?"


@dataclass
class _Ctx:
    ref: date | None
    context_year: int | None
    period: tuple[date, date] | None

    def year_for(self, month: int | None = None) -> int | None:
        """The year of an expression that does not state one."""
        if self.context_year:
            return self.context_year
        if self.period:
            ps, pe = self.period
            if month:
                for y in range(ps.year, pe.year + 1):
                    ms, me = month_span(y, month)
                    if ms <= pe and me >= ps:
                        return y
            return ps.year
        if self.ref:
            return self.ref.year
        return None


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str
    granularity: str
    value: dict
    prio: int = 0


def _date_from(m: re.Match, n: str, ctx: _Ctx, year: int | None = None) -> tuple[int | None, int, int, bool] | None:
    """(year, month, day, year_stated) of date group n in match m."""
    g = m.groupdict()
    if g.get(f"iy{n}"):
        return int(g[f"iy{n}"]), int(g[f"im{n}"]), int(g[f"id{n}"]), True
    if g.get(f"vd{n}"):
        mon = L.month(g[f"mn{n}"])
        if mon is None:
            return None
        word = g[f"mn{n}"].lower().rstrip(".")
        y = g.get(f"vy{n}") or (g.get(f"vbr{n}") and _year_word(g[f"vbr{n}"], ctx))
        if word not in L.month_of and not y:   # abbreviations only with a year
            return None
        return (int(y) if y else year), mon, int(g[f"vd{n}"]), bool(y)
    if g.get(f"d{n}"):
        yy = g.get(f"yy{n}") or g.get(f"yy2{n}")
        y = g.get(f"y{n}") or (yy and f"20{yy}")
        return (int(y) if y else year), int(g[f"m{n}"]), int(g[f"d{n}"]), bool(y)
    return None


# ---------------------------------------------------------------------------------------------
# matchers: each yields _Cand objects

Matcher = Callable[[str, _Ctx], Iterable[_Cand]]
MATCHERS: list[Matcher] = []


def matcher(fn: Matcher) -> Matcher:
    MATCHERS.append(fn)
    return fn


def _interval(s: date | None, e: date | None, gran: str, kind: str = "interval", **extra) -> tuple:
    v = {"start": _iso(s), "end": _iso(e)}
    v.update({k: x for k, x in extra.items() if x is not None})
    return kind, gran, v


_MOD = {"do": "until", "od": "from", "przed": "before", "po": "after", "najpóźniej do": "until",
        "nie później niż": "until", "począwszy od": "from", "z": None, "w": None, "we": None,
        # a plan's start and finish as a race's: "start 1.02.2026, meta 31.07.2026", "finisz – 31 sierpnia"
        "start": "from", "meta": "until", "finisz": "until",
        "na": None, "dnia": None}


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    return _MOD.get(" ".join(word.lower().split()))


RANGE_PREFIX = (r"(?:(?:(?:w|na)\s+okres(?:ie)?|w\s+terminie|w\s+dniach|w\s+czasie|na\s+czas)\s+)?")

# --- date ranges ------------------------------------------------------------------------------
_R_DATE_RANGE = re.compile(
    rf"{RANGE_PREFIX}(?:od|począwszy\s+od|z)\s+{DNIA}{_date_re('1', 'opt')}"
    rf"\s*(?:do|–|—|-)\s*{DNIA}{_date_re('2', 'req', nb=False)}", re.I)
_R_DASH_RANGE = re.compile(rf"{RANGE_PREFIX}{_date_re('1', 'opt')}\s*(?:–|—|-|÷|do)\s*{_date_re('2', 'req', nb=False)}", re.I)
# an ISO 8601 interval: "Okres planistyczny: 2026-03-01/2026-08-31"
_ISO_DAY = r"(?P<y{0}>(?:19|20)\d\d)-(?P<m{0}>0[1-9]|1[0-2])-(?P<d{0}>0[1-9]|[12]\d|3[01])"
# (case-insensitive though it has no letters: so the prefilter reads it)
_R_ISO_INTERVAL = re.compile(rf"(?<![\d-]){_ISO_DAY.format(1)}[ \t]?/[ \t]?{_ISO_DAY.format(2)}(?![\d-])", re.I)
_R_DAY_RANGE = re.compile(  # "od 16 do 18 lutego 2016", "16-18 lutego 2016"
    rf"{RANGE_PREFIX}(?:(?:od\s+)?{DNIA}{NB}(?P<d0>{DAY})\.?\s*(?:do|–|—|-)\s*){DNIA}{_date_re('2', 'req', nb=False)}", re.I)


# after a number opening a line: its full stop, then "do" ("4. do 15 stycznia": an item's number)
_ITEM_NUMBER_THEN_DO = re.compile(r"\.[ \t]+do\b", re.I)


_R_VERBAL_RANGE_NOYEAR = re.compile(  # "od 1 marca do 30 kwietnia": the year comes from the context
    rf"{RANGE_PREFIX}(?:od|począwszy\s+od)\s+{DNIA}{NB}(?P<d1>{DAY})\.?\s*(?P<m1>{L.MONTH})\b\s*(?:do|–|—|-)\s*{DNIA}"
    rf"(?P<d2>{DAY})\.?\s*(?P<m2>{L.MONTH})\b(?!\s*[,.]?\s*\d)", re.I)


# days of one month, the year from the context: "od 9 do 13 lipca", "w dniach 9–13 lipca" (a dash or "od … do")
_R_DAY_RANGE_NOYEAR = re.compile(
    rf"{RANGE_PREFIX}(?:(?:od|począwszy\s+od)\s+{DNIA}{NB}(?P<a>{DAY})\.?\s*do\s+|{NB}(?P<b>{DAY})\.?\s*[–—-]\s*){DNIA}"
    rf"(?P<d2>{DAY})\.?\s*(?P<m>{L.MONTH})\b(?!\s*[,.]?\s*\d)", re.I)


@matcher
def date_ranges_noyear(text: str, ctx: _Ctx):
    for m in _fi(_R_DAY_RANGE_NOYEAR, text):
        mon, d1, d2 = L.month(m.group("m")), int(m.group("a") or m.group("b")), int(m.group("d2"))
        y = ctx.year_for(mon)
        sd, ed = (_safe_date(y, mon, d1), _safe_date(y, mon, d2)) if y and _valid_md(mon, d2) else (None, None)
        if sd and ed and sd < ed:
            yield _Cand(m.start(), m.end(), *_interval(sd, ed, "day"), prio=1)
    for m in _fi(_R_VERBAL_RANGE_NOYEAR, text):
        m1, m2 = L.month(m.group("m1")), L.month(m.group("m2"))
        d1, d2 = int(m.group("d1")), int(m.group("d2"))
        if not (_valid_md(m1, d1) and _valid_md(m2, d2)):
            continue
        y2 = ctx.year_for(m2)
        sd, ed = _safe_date(y2, m1, d1), _safe_date(y2, m2, d2)
        if sd and ed and sd > ed:
            sd = _safe_date(y2 - 1, m1, d1)
        yield _Cand(m.start(), m.end(), *_interval(sd, ed, "day"), prio=1)


@matcher
def date_ranges(text: str, ctx: _Ctx):
    for rx, prio in ((_R_DATE_RANGE, 3), (_R_DASH_RANGE, 2)):
        for m in _fi(rx, text):
            e = _date_from(m, "2", ctx)
            if not e or not e[3]:
                continue
            ey, emon, eday, _ = e
            s = _date_from(m, "1", ctx, year=ey)
            if not s:
                continue
            sy, smon, sday, s_stated = s
            sd, ed = _safe_date(sy, smon, sday), _safe_date(ey, emon, eday)
            if not sd or not ed:
                continue
            if sd > ed and not s_stated:
                sd = _safe_date(ey - 1, smon, sday)
            if not sd or sd > ed:
                continue
            yield _Cand(m.start(), m.end(), *_interval(sd, ed, "day"), prio=prio)
    for m in _fi(_R_ISO_INTERVAL, text):
        sd, ed = (_safe_date(int(m.group(f"y{n}")), int(m.group(f"m{n}")), int(m.group(f"d{n}"))) for n in "12")
        if sd and ed and sd < ed:
            yield _Cand(m.start(), m.end(), *_interval(sd, ed, "day"), prio=3)
    for m in _fi(_R_DAY_RANGE, text):
        if m.start() == m.start("d0") and _ITEM_NUMBER_THEN_DO.match(text, m.end("d0")) \
                and _LINE_OPENS.search(text, max(0, m.start() - 12), m.start()):
            continue   # "4. do 15 stycznia 2027 r. – pismo": an item's number, then its term
        e = _date_from(m, "2", ctx)
        if not e or not e[3]:
            continue
        ey, emon, eday, _ = e
        sd, ed = _safe_date(ey, emon, int(m.group("d0"))), _safe_date(ey, emon, eday)
        if sd and ed and sd <= ed:
            yield _Cand(m.start(), m.end(), *_interval(sd, ed, "day"), prio=1)


# --- single dates -----------------------------------------------------------------------------
# a weekday may stand between the preposition and the date: "do niedzieli 6 września 2026 r."
_R_DATE = re.compile(
    rf"(?:(?P<pre>najpóźniej\s+do|nie\s+później\s+niż|począwszy\s+od|do|od|przed|po|z|start|meta|finisz)\s*[:–-]?\s+"
    rf"(?:{L.WEEKDAY}\s*,?\s+)?)?{DNIA}"
    rf"{NB}(?:{_date_re('1', 'req')}|(?P<vd2>{DAY})(?:-(?:go|ego|szego))?\.?\s*(?P<mn2>{L.MONTH})\b(?!\s*[,.]?\s*\d{{3}}))", re.I)


# the months' nominatives (each row's first form): "2. marzec – ulotki" opening a line is an item's number and its month
_NOMINATIVE_MONTHS = frozenset(r["forms"].split("|")[0] for r in read_tsv("temporal", "months.tsv"))
_LINE_OPENS = re.compile(r"(?:^|\n)[ \t]*$")


@matcher
def single_dates(text: str, ctx: _Ctx):
    for m in _fi(_R_DATE, text):
        if m.group("vd2") and not m.group("pre") and m.group("mn2").lower() in _NOMINATIVE_MONTHS \
                and text[m.end("vd2"):m.start("mn2")].strip() in (".", ")") \
                and _LINE_OPENS.search(text, max(0, m.start() - 40), m.start()):
            continue
        if m.group("vd2"):
            mon = L.month(m.group("mn2"))
            y = ctx.year_for(mon)
            parts = (y, mon, int(m.group("vd2")), False)
        else:
            parts = _date_from(m, "1", ctx)
        if not parts:
            continue
        y, mon, d, _ = parts
        if not _valid_md(mon, d):
            continue
        dd = _safe_date(y, mon, d)
        extra = {"mod": _mod(m.group("pre"))}
        if dd is None:
            extra["partial"] = f"--{mon:02d}-{d:02d}"
        yield _Cand(m.start(), m.end(), *_interval(dd, dd, "day", kind="date", **extra), prio=1)


_R_DATE_NOYEAR = re.compile(  # "do 15.03", "w dniu 16.02": a numeric day.month needs a preposition or "dnia"
    # (or a firm limit: "nie później niż 8.05.", "najpóźniej 17.10"; or a term's label: "Kiedy: 31.03", "Termin: 15.04")
    rf"(?P<pre>najpóźniej\s+do|nie\s+później\s+niż|najpóźniej|do\s+dnia|od\s+dnia|w\s+dniu|dnia|do|od"
    rf"|(?P<label>\b(?:termin(?:\s+realizacji)?|kiedy)\s*:))\s+{NB}"
    rf"(?P<d>{DAY})\.(?P<m>0[1-9]|1[0-2])"
    rf"(?!\d|[.,/]\d|\s*(?:%|zł|gr\b|km|kg|godz|h\b|min|proc|pkt|m\b|tys|mln|l\b))", re.I)


# ... or opening a list's item before a dash and the item's words: "- 19.03 – spotkanie z rolnikami" (not a clock's
# range, "19.03 – 21.30")
_R_DATE_NOYEAR_LEAD = re.compile(rf"^[ \t]*(?:[-–—•·*▪►]|[a-z][.)]|\d{{1,2}}[.)])?[ \t]*(?P<d>{DAY})\.(?P<m>0[1-9]|1[0-2])\.?"
                                 r"(?=[ \t]*[–—-][ \t]+[^\W\d_])", re.M)


@matcher
def yearless_numeric_dates(text: str, ctx: _Ctx):
    for m in _fi(_R_DATE_NOYEAR_LEAD, text):
        mon, d = int(m.group("m")), int(m.group("d"))
        if _valid_md(mon, d):
            yield _Cand(m.start("d"), m.end(), *_yearless_day(ctx, mon, d, None), prio=0)
    for m in _fi(_R_DATE_NOYEAR, text):
        mon, d = int(m.group("m")), int(m.group("d"))
        if not _valid_md(mon, d):
            continue
        pre = m.group("pre").lower().split()[0]
        mod = "until" if pre in ("najpóźniej", "nie") else _mod(pre) if pre in ("do", "od") else None
        # (a label is no part of the date)
        yield _Cand(m.start("d") if m.group("label") else m.start(), m.end(), *_yearless_day(ctx, mon, d, mod), prio=0)


def _yearless_day(ctx: _Ctx, mon: int, d: int, mod: str | None) -> tuple:
    """The day ``d``.``mon`` in the year the context gives it (a day and month only, "partial", without one)."""
    dd = _safe_date(ctx.year_for(mon), mon, d)
    return _interval(dd, dd, "day", kind="date", mod=mod, **({} if dd else {"partial": f"--{mon:02d}-{d:02d}"}))


# --- "ostatni dzień października 2015" --------------------------------------------------------
_R_EDGE_DAY = re.compile(   # ("rozpocznie się z pierwszym dniem grudnia": the day it starts with, from)
    rf"\b(?:(?P<pre>do|od|najpóźniej\s+do|z)\s+)?(?P<w>ostatni|ostatniego|ostatnim|pierwszy|pierwszego|pierwszym)\s+"
    rf"(?:dzień|dnia|dniu|dniem)\s+(?:(?P<mn>{L.MONTH})(?:\s+(?P<y>{YEAR}){SUF})?|(?P<unit>miesiąca|roku|kwartału))", re.I)


@matcher
def edge_days(text: str, ctx: _Ctx):
    for m in _fi(_R_EDGE_DAY, text):
        last = m.group("w").lower().startswith("ost")
        mod = _mod(m.group("pre")) if (m.group("pre") or "").lower() != "z" else ("from" if not last else "until")
        if m.group("mn"):
            mon = L.month(m.group("mn"))
            y = int(m.group("y")) if m.group("y") else ctx.year_for(mon)
            if y is None:   # the month and day kept ("od pierwszego dnia lutego do … lipca 2026 r." takes the year)
                day = month_span(2001, mon)[1].day if last else 1   # (a year that is no leap year)
                yield _Cand(m.start(), m.end(), *_interval(None, None, "day", kind="date", mod=mod,
                                                           partial=f"--{mon:02d}-{day:02d}"), prio=2)
                continue
            s, e = month_span(y, mon)
            d = e if last else s
            yield _Cand(m.start(), m.end(), *_interval(d, d, "day", kind="date", mod=mod), prio=2)
        else:  # "ostatniego dnia miesiąca": every month -> a recurrence
            unit = m.group("unit").lower()
            dur = {"miesiąca": "P1M", "roku": "P1Y", "kwartału": "P3M"}[unit]
            yield _Cand(m.start(), m.end(), "recurrence", "day", {"duration": dur, "anchor": "last" if last else "first"}, prio=2)


# --- month ranges and months ------------------------------------------------------------------
_THIS_YEAR = r"(?P<br>br\.?|b\.\s?r\.?|bieżącego\s+roku|tego\s+roku|ub\.\s?roku|ub\.\s?r\.?|ubiegłego\s+roku|zeszłego\s+roku|przyszłego\s+roku)"
_R_MONTH_RANGE = re.compile(
    rf"{RANGE_PREFIX}(?:od|z)\s+(?:(?:samego\s+)?(?P<e1>początku|(?:drugiej\s+)?połowy)\s+)?(?P<m1>{L.MONTH})\b(?:\s+(?P<y1>{YEAR}){SUF})?"
    rf"\s*(?:(?:aż\s+)?do|–|-|aż\s+po(?=\s+koniec\b))\s*(?:(?P<e2>końca|koniec|połowy)\s+)?(?P<m2>{L.MONTH})\b"
    rf"(?:\s+(?P<y2>{YEAR}){SUF}|\s+{_THIS_YEAR})?", re.I)   # ("od początku maja aż do końca października", "… aż po koniec lutego")
_R_MONTH_DASH = re.compile(
    rf"\b(?P<m1>{L.MONTH})\b(?:\s+(?P<y1>{YEAR}){SUF})?\s*(?:–|—|-|/)\s*(?P<m2>{L.MONTH})\b"
    rf"(?:\s+(?P<y2>{YEAR}){SUF}|\s+{_THIS_YEAR})?", re.I)   # "luty–lipiec br.", "kwiecień/maj 2026"
_R_MONTH = re.compile(
    rf"(?:(?P<edge>na\s+początku|z\s+początkiem|od\s+(?:samego\s+)?początku|w\s+połowie|do\s+połowy|pod\s+koniec|z\s+końcem|z\s+upływem|na\s+koniec|do\s+końca|"
    rf"aż\s+po\s+koniec|do\s+k\.|do\s+poł\.|w\s+poł\.|przed\s+końcem|w\s+ostatnim\s+tygodniu|w\s+pierwszym\s+tygodniu|ostatni\s+tydzień|pierwszy\s+tydzień|(?<!\w)koniec"
    rf"|w\s+(?:pierwszej|drugiej)\s+połowie|(?:w\s+)?(?-i:II|I)\s+połow(?:ie|a|ę)|(?:pierwsza|druga)\s+połowa)\s+|"
    rf"(?P<pre>w|we|od|do|z|na|przez\s+cały|przed|po|najpóźniej\s+do)\s+|"
    rf"(?P<term>(?:termin(?:\s+realizacji)?|czas\s+realizacji|ramy\s+czasowe|realizacja|(?:do\s+)?kiedy|(?<!\w)T)\s*[:\-–]\s*))?"
    rf"\b(?P<mn>{L.MONTH})\b(?:\s*(?P<y>{YEAR})(?!\d){SUF}|\s+{_THIS_YEAR})?", re.I)

# a bare month as the term that ends a line after a dash: "5. Spotkanie z mieszkańcami – maj."
# or in brackets at the end of an item: "zajęcia dla uczniów Szkoły Podstawowej nr 5 (kwiecień);"
_R_MONTH_TERM = re.compile(
    rf"(?:(?<=[–—-]\s)|(?<=\())(?P<mn>{L.MONTH})\b(?P<more>(?:\s*(?:,|i|oraz)\s*{L.MONTH}\b)*)"
    rf"(?:\s*(?P<y>{YEAR})(?!\d){SUF}|\s+{_THIS_YEAR})?(?=\)?(?:[ \t]*\([^()\n]{{1,30}}\))?[ \t]*[.;]?[ \t]*$)", re.I | re.M)
# (a short aside may follow the month: "– sierpień (niezwłocznie).")
# the months a recurrence runs through: "w każdym tygodniu sierpnia i września", "w każdy piątek października", "każda
# sobota i niedziela lipca i sierpnia"
_R_EACH_MONTHS = re.compile(
    rf"\bkażd\w*\s+(?:[^\W\d]+\s+){{0,3}}?(?P<mn>{L.MONTH})\b(?P<more>(?:\s*(?:,|i|oraz)\s*{L.MONTH}\b)*)"
    rf"(?:\s*(?P<y>{YEAR})(?!\d){SUF}|\s+{_THIS_YEAR})?", re.I)

# a month (or a run of months) opening a schedule's line before a dash: "Marzec – rozpoznanie …", "Maj–czerwiec – …",
# also after a dash or an arrow as the item's mark ("→ czerwiec – Urząd Gminy ustawi tablice")
# (after an item's mark, "b) styczeń – …", and with a word of its own: "styczeń, niezwłocznie – rozmowa …")
# (or before a colon: "→ styczeń: rozmowy z rodzicami", "luty–marzec: warsztaty")
# (a post's check mark or pointer: "✔️ październik – znakowanie narzędzi")
_ITEM_MARK = r"(?:(?:[-–—•·*▪►▫◦→➤▶]|[✔✅☑✓➡👉🔹🔸]\ufe0f?|[a-z][.)]|\d{1,2}[.)])[ \t]*)?"
_R_MONTH_LEAD = re.compile(
    rf"^[ \t]*{_ITEM_MARK}(?P<m1>{L.MONTH})\b(?:(?:[ \t]*[–—-][ \t]*|[ \t]+(?:i|oraz)[ \t]+)(?P<m2>{L.MONTH})\b)?(?:,[ \t]*[^\W\d]+)?"
    # (or a rhythm between the months and the colon: "lipiec–sierpień, co niedzielę po sumie: rozmowy")
    rf"(?=(?:,[ \t]*[^:\n–—→▸]{{1,40}}?)?(?:[ \t]+[–—→▸-][ \t]|[ \t]*:[ \t]))",   # ("lipiec → wspólna ocena", "maj ▸ Urząd Gminy")
    re.I | re.M)
# the end of a month told by "before it is over": "zanim skończy się luty" (up to its last day)
# (or "until it is over": "potrwa, dopóki nie skończy się sierpień", "skończy się, gdy minie kwiecień", "aż skończy się wrzesień")
_R_MONTH_OVER = re.compile(rf"\b(?:zanim|nim|dopóki\s+nie|aż|gdy|kiedy)\s+(?:się\s+)?(?:skończy|minie|upłynie|zakończy)(?:\s+się)?\s+(?P<mn>{L.MONTH})\b"
                           rf"(?:\s+(?P<y>{YEAR})(?!\d){SUF}|\s+{_THIS_YEAR})?", re.I)   # ("gdy minie kwiecień przyszłego roku")
# a month alone in a cell of a row set with slashes or triangles: "3. wystąpienie do PKP … / marzec / —", "… ▸ maj ▸ UG"
# the months listed in brackets after a rhythm: "W co drugim miesiącu (marzec, maj, lipiec) – kontrola …"
_R_MONTH_BRACKETS = re.compile(rf"(?<=\()(?P<mn>{L.MONTH})\b(?P<more>(?:\s*(?:,|i|oraz)\s*{L.MONTH}\b)+)"
                               rf"(?:\s+(?P<y>{YEAR}))?(?P<br>)(?=\s*\))", re.I)
# (or bars: "… na drodze nr 1862R | sierpień | Urząd Gminy")
# (or tabs, or a dot leader before it: "Spotkanie z przewoźnikami<tab>kwiecień<tab>UCOI", "Zajęcia … ........ marzec, przed
# przerwą świąteczną")
_R_MONTH_CELL = re.compile(rf"(?:(?<=[/▸|][ \t])|(?P<tab>(?<=\t))|(?P<dots>(?<=\.\.\.[ \t])))(?P<mn>{L.MONTH})\b(?P<more>)"
                           rf"(?:[ \t]+(?P<y>{YEAR}))?(?P<br>)(?=[ \t]*[/▸|\t]|[ \t]*$|,)", re.I | re.M)
_CELL_CLOSED = re.compile(r"[ \t]*[/▸|\t]")

# "w pierwszej dekadzie czerwca 2026 r.", "do końca II dekady maja": days 1-10, 11-20, 21 to the month's end
_R_DECADE = re.compile(
    rf"(?:(?P<pre>w|we|do\s+końca|od|do|na\s+początku|pod\s+koniec|z\s+końcem)\s+)?"
    rf"\b(?P<o>pierwsz\w*|drug\w*|trzeci\w*|ostatni\w*|III|II|I|[1-3]\.?)\s+(?:dekad(?:zie|y|a|ę)|dek\.)\s+"
    rf"(?P<mn>{L.MONTH})\b(?:\s*(?P<y>{YEAR})(?!\d){SUF}|\s+{_THIS_YEAR})?", re.I)
# "aż po ostatni dzień sierpnia 2026 r.", "do ostatniego dnia czerwca": the month's last day (an end after "po"/"do")
_R_LAST_DAY = re.compile(
    rf"(?:(?P<pre>(?:aż\s+)?po|(?:aż\s+|najpóźniej\s+)?do|w|we)\s+)?\bostatni(?:ego|m)?\s+(?:dzień|dnia|dniu)\s+"
    rf"(?P<mn>{L.MONTH})\b(?:\s*(?P<y>{YEAR})(?!\d){SUF}|\s+{_THIS_YEAR})?", re.I)
_DECADE = {"pierwsz": 1, "i": 1, "1": 1, "drug": 2, "ii": 2, "2": 2, "trzeci": 3, "iii": 3, "3": 3, "ostatni": 3}

# "w kwietniu i maju", "w czerwcu, lipcu i sierpniu 2019 r.", "na przełomie maja i czerwca": one span
# from the first month to the last
_R_MONTH_LIST = re.compile(
    rf"(?:\b(?P<pre>w|we|przez(?:\s+cał[yąe])?|na\s+przełomie|obejmuje|obejmie|obejmował)\s+(?:(?:miesiącach|miesiące)\s+)?|(?<=[:\t|])[ \t]*)"
    rf"(?P<list>{L.MONTH}(?:\s*,\s*(?:w\s+|we\s+)?{L.MONTH})*\s*(?:,|\bi|\boraz|\blub|\balbo)\s*(?:w\s+|we\s+)?{L.MONTH})\b"
    rf"(?:\s*(?P<y>{YEAR})(?!\d){SUF}|\s+{_THIS_YEAR})?", re.I)
_R_MONTH_WORD = re.compile(rf"\b{L.MONTH}\b", re.I)
# "w okresie marzec–czerwiec, co drugą środę", "‣ realizacja: styczeń–luty", "Termin realizacji: maj–czerwiec"
_IN_TERM = re.compile(r"(?:\bw\s+okresie|\bw\s+miesiącach|\b(?:realizacja|termin(?:\s+realizacji)?|czas\s+realizacji|kiedy)\s*:)\s*$", re.I)
_BRACKETED = re.compile(r"[ \t]*(?:\)|[¦|\t,]|//|$)", re.M)   # (a cell may go on after a comma: "// czerwiec–sierpień, w każdą sobotę //")
_OPENED = re.compile(r"(?:\(|[¦|\t]|//)[ \t]*$")
# a term after a spaced dash, ending its line or sentence: "… ustawienie fotopułapek – lipiec–sierpień."
_DASH_BEFORE = re.compile(r"[ \t][–—][ \t]*$")
_LINE_START = re.compile(r"^[ \t]*$", re.M)
_FIRST_CELL = re.compile(r"[ \t]*(?:\t|\|)")
_LINE_END = re.compile(r"[ \t]*[.;]?[ \t]*$", re.M)

_EDGE = {"na początku": "begin", "z początkiem": "begin", "od początku": "from", "w połowie": "mid", "do połowy": "until_mid",
         "aż po koniec": "until",   # "od sierpnia aż po koniec stycznia"
         "pod koniec": "end",
         "z końcem": "end", "z upływem": "end", "na koniec": "end", "do końca": "until", "przed końcem": "until", "koniec": "end",
         "w ostatnim tygodniu": "end", "w pierwszym tygodniu": "begin", "ostatni tydzień": "end", "pierwszy tydzień": "begin"}
# the edges abbreviated: "do k. marca", "do poł. kwietnia", "w poł. maja"
_EDGE_ABBR = {"do k.": "do końca", "do poł.": "do połowy", "w poł.": "w połowie"}
# the days an edge of a month covers: "w pierwszym tygodniu marca" 1-7 March, "w pierwszej połowie kwietnia" 1-15 April
_EDGE_DAYS = {"w pierwszym tygodniu": (1, 7), "pierwszy tydzień": (1, 7), "w ostatnim tygodniu": (-7, -1),
              "ostatni tydzień": (-7, -1), "w pierwszej połowie": (1, 15), "w drugiej połowie": (16, -1),
              # ("T: II połowa marca", "w I połowie kwietnia")
              "pierwsza połowa": (1, 15), "druga połowa": (16, -1), "i połowa": (1, 15), "ii połowa": (16, -1),
              "i połowę": (1, 15), "ii połowę": (16, -1), "w i połowie": (1, 15), "w ii połowie": (16, -1)}


def _year_word(word: str | None, ctx: _Ctx) -> int | None:
    if not word:
        return None
    base = ctx.context_year or (ctx.ref.year if ctx.ref else None) or (ctx.period[0].year if ctx.period else None)
    if base is None:
        return None
    w = word.lower()
    if w.startswith("ub") or w.startswith("zesz"):
        return base - 1
    if w.startswith(("przysz", "nast")):
        return base + 1
    return base


def _year_of(m: re.Match, ctx: _Ctx, otherwise: Callable[[], int | None]) -> int | None:
    """The year a match states ("2016" in group ``y``, "br."/"ubiegłego roku" in group ``br``), else
    ``otherwise()``."""
    if m.group("y"):
        return int(m.group("y"))
    if m.group("br"):
        return _year_word(m.group("br"), ctx)
    return otherwise()


def _month_list_span(m: re.Match, ctx: _Ctx, least: int = 1) -> tuple[date | None, date | None] | None:
    """From the first to the last month of the match's ``list`` ("lipca i sierpnia 2026 r."), the year from the
    match or the context; None when it names fewer than ``least`` months."""
    ms = [L.month(w) for w in _R_MONTH_WORD.findall(m.group("list"))]
    if len(ms) < least or None in ms:
        return None
    first, last = ms[0], ms[-1]
    y2 = _year_of(m, ctx, lambda: ctx.year_for(last))
    y1 = (y2 if first <= last else y2 - 1) if y2 else None
    return month_span(y1, first)[0] if y1 else None, month_span(y2, last)[1] if y2 else None


@matcher
def months(text: str, ctx: _Ctx):
    for rx in (_R_MONTH_RANGE, _R_MONTH_DASH):
        for m in _fi(rx, text):
            m1, m2 = L.month(m.group("m1")), L.month(m.group("m2"))
            y2 = int(m.group("y2")) if m.group("y2") else None
            if y2 is None and "br" in rx.groupindex and m.group("br"):
                y2 = _year_word(m.group("br"), ctx)   # "od lipca do grudnia ub. roku"
            y1 = int(m.group("y1")) if "y1" in rx.groupindex and m.group("y1") else None
            if y2 is None and y1 is None and rx is _R_MONTH_DASH and not (
                    _BRACKETED.match(text, m.end()) and _OPENED.search(text, max(0, m.start() - 3), m.start())) \
                    and not (_LINE_END.match(text, m.end()) and _DASH_BEFORE.search(text, max(0, m.start() - 3), m.start())) \
                    and not (_FIRST_CELL.match(text, m.end()) and _LINE_START.search(text, max(0, m.start() - 3), m.start())) \
                    and text[max(0, m.start() - 2):m.start()] != ", " and not _IN_TERM.search(text, max(0, m.start() - 24), m.start()):
                continue   # "(marzec–sierpień)", "¦ lipiec–sierpień ¦", "… – lipiec–sierpień.": a term in brackets, a cell or
                # after a dash takes the context's year
                # (as does one after a comma: "kontrole – co miesiąc, marzec–czerwiec", or a table row's first cell:
                # "maj–czerwiec<tab>fotopułapki w wyrobisku")
            if y2 is None and y1 is None and m1 > m2 and ctx.ref and not ctx.context_year and not ctx.period:
                # "od października do marca" dated only by the document: the start nearest to its date (a plan
                # announced in October runs into the next year)
                y1 = min((ctx.ref.year - 1, ctx.ref.year), key=lambda y: abs((y - ctx.ref.year) * 12 + m1 - ctx.ref.month))
                y2 = y1 + 1
            if y2 is None:
                y2 = y1 if y1 and m2 >= m1 else (y1 + 1 if y1 else ctx.year_for(m2))
            if y1 is None and y2 is not None:
                y1 = y2 if m1 <= m2 else y2 - 1
            s = month_span(y1, m1)[0] if y1 else None
            e = month_span(y2, m2)[1] if y2 else None
            # "od połowy marca do połowy kwietnia": from and to the 15th
            e1 = (m.group("e1") or "").lower() if "e1" in rx.groupindex else ""
            if s and e1.endswith("połowy"):   # (the second half begins on the 16th)
                s = s.replace(day=15 if e1 == "połowy" else 16)
            if e and "e2" in rx.groupindex and (m.group("e2") or "").lower() == "połowy":
                e = e.replace(day=15)
            yield _Cand(m.start(), m.end(), *_interval(s, e, "month"), prio=2)
    for m in _fi(_R_MONTH_OF_DAYS, text):   # "w dwie kolejne soboty listopada": that month (the days stay a set)
        span = _month_list_span(m, ctx)
        if span and span[1]:
            yield _Cand(m.start("list"), m.end(), *_interval(*span, "month"), prio=1)
    for m in _fi(_R_MONTH_LIST, text):
        span = _month_list_span(m, ctx, least=2)
        if span:
            yield _Cand(m.start(), m.end(), *_interval(*span, "month"), prio=2)
    for m in (*_fi(_R_MONTH_TERM, text), *_fi(_R_EACH_MONTHS, text), *_fi(_R_MONTH_CELL, text),
              *_fi(_R_MONTH_BRACKETS, text)):
        # "– maj.", "– czerwiec, lipiec.", "w każdym tygodniu sierpnia i września": the months from the first to
        # the last
        ms = [L.month(m.group("mn"))] + [L.month(w) for w in _R_MONTH_WORD.findall(m.group("more"))]
        if None in ms or ms != sorted(ms):
            continue
        if m.re is _R_MONTH_CELL and not _CELL_CLOSED.match(text, m.end()) and not (
                m.group("tab") is not None and text[m.end():m.end() + 1] != ",") \
                and not (m.group("dots") is not None and text[m.end():m.end() + 1] == ","):
            continue   # a cell closed by its bar or tab, a last cell after a tab, or a dot leader's cell going on after a comma
        y = _year_of(m, ctx, lambda: ctx.year_for(ms[-1]))
        s, e = (month_span(y, ms[0])[0], month_span(y, ms[-1])[1]) if y else (None, None)
        yield _Cand(m.start("mn"), m.end(), *_interval(s, e, "month"), prio=1)
    for m in _fi(_R_DECADE, text):
        o = m.group("o").lower().rstrip(".")
        k = next((v for stem, v in _DECADE.items() if o == stem or (len(stem) > 3 and o.startswith(stem))), None)
        if k is None:
            continue
        mon = L.month(m.group("mn"))
        y = _year_of(m, ctx, lambda: ctx.year_for(mon))
        if not y:
            continue
        first, last = month_span(y, mon)
        s, e = first + timedelta(days=10 * (k - 1)), (last if k == 3 else first + timedelta(days=10 * k - 1))
        pre = (m.group("pre") or "").lower()
        mod = "until" if "końc" in pre and pre.startswith("do") else ("end" if "koni" in pre or "końc" in pre
                                                                       else _mod(pre or None))
        yield _Cand(m.start(), m.end(), *_interval(s, e, "day", **{"mod": mod}), prio=3)
    for m in _fi(_R_MONTH_OVER, text):
        mon = L.month(m.group("mn"))
        y = _year_of(m, ctx, lambda: ctx.year_for(mon))
        if y:
            yield _Cand(m.start(), m.end(), *_interval(*month_span(y, mon), "month", mod="until"), prio=2)
    for m in _fi(_R_MONTH_LEAD, text):
        m1 = L.month(m.group("m1"))
        m2 = L.month(m.group("m2")) if m.group("m2") else m1
        y2 = ctx.year_for(m2)
        if m1 and m2 and y2:
            y1 = y2 if m1 <= m2 else y2 - 1
            yield _Cand(m.start("m1"), m.end(), *_interval(month_span(y1, m1)[0], month_span(y2, m2)[1], "month"), prio=1)
    for m in _fi(_R_LAST_DAY, text):
        mon = L.month(m.group("mn"))
        y = _year_of(m, ctx, lambda: ctx.year_for(mon))
        last = month_span(y, mon)[1] if y else None
        pre = " ".join((m.group("pre") or "").lower().split())
        if pre.endswith(("po", "do")):
            yield _Cand(m.start(), m.end(), *_interval(None, last, "day", mod="until"), prio=3)
        else:
            yield _Cand(m.start(), m.end(), *_interval(last, last, "day", "date"), prio=3)
    for m in _fi(_R_MONTH, text):
        pre, edge = m.group("pre"), m.group("edge")
        if not (pre or edge or m.group("term") or m.group("y") or m.group("br")):
            continue  # a bare month word is too weak; after "Termin realizacji:" it is the deadline
        mon = L.month(m.group("mn"))
        y = _year_of(m, ctx, lambda: ctx.year_for(mon))
        s, e = month_span(y, mon) if y else (None, None)
        edge = " ".join(edge.lower().split()).replace("samego ", "") if edge else None
        mod = _EDGE.get(_EDGE_ABBR.get(edge, edge)) if edge else _mod(pre)
        start = m.start("mn") if m.group("term") else m.start()   # the label is not part of the expression
        if mod == "until_mid":   # "do połowy kwietnia": by the 15th
            d = s.replace(day=15) if s else None
            yield _Cand(start, m.end(), *_interval(d, d, "day", kind="date", mod="until"), prio=1)
            continue
        days = _EDGE_DAYS.get(edge) if edge and s else None   # (the edge's words one space apart, lower case)
        if days:
            a, b = (s.replace(day=k) if k > 0 else e + timedelta(days=k + 1) for k in days)
            yield _Cand(start, m.end(), *_interval(a, b, "day"), prio=1)
            continue
        yield _Cand(start, m.end(), *_interval(s, e, "month", **{"mod": mod}), prio=1)


# --- quarters and half-years ------------------------------------------------------------------
_ORD = rf"(?P<ord>{L.ORDINAL}|IV|III|II|I|[1-4]\.?)"
# the first of a run of quarters or half-years: "I–II kwartał", "I i II kwartał", "od I do III kwartału"
_ORD_FIRST = rf"(?:\b(?P<ord1>{L.ORDINAL}|IV|III|II|I|[1-4])\.?\s*(?P<run>–|—|-|/|\s(?:i|oraz|do))\s*)?"
_R_QUARTER = re.compile(
    rf"(?:(?P<pre>w|we|do\s+końca|od|do|na|przez|po|przed|z\s+końcem|pod\s+koniec|na\s+koniec)\s+)?"
    rf"{_ORD_FIRST}\b{_ORD}\s+(?:kwarta(?:le|łu|ł|ły|łach|łów)\b|kw\.)(?:\s*(?P<y>{YEAR})(?!\d){SUF}|\s+{_THIS_YEAR})?",
    re.I)
# the noun first, its number in Roman after it: "kwartał I/2026", "w kwartale II 2026 r.", "półrocze II/2025"
_NOUN_FIRST = (rf"(?:(?P<pre>w|we|do\s+końca|od|do|na|przez|po|przed)\s+)?\b(?:NOUN)\s+(?P<ord1>)(?P<run>)(?P<ord>IV|III|II|I)\b"
               rf"(?:(?:[ \t]*/[ \t]*|[ \t]+)(?P<y>{YEAR})(?!\d){SUF}|\s+{_THIS_YEAR})?(?![\w/–-]|\.\d)")
_R_QUARTER_NAMED = re.compile(_NOUN_FIRST.replace("NOUN", r"kwarta(?:ł|łu|le)|kw\."), re.I)
_R_HALF_NAMED = re.compile(_NOUN_FIRST.replace("NOUN", r"półrocz(?:e|a|u)"), re.I)
_R_HALF = re.compile(
    rf"(?:(?P<pre>w|we|do\s+końca|od|do|na|przez|po|z\s+końcem|pod\s+koniec)\s+)?"
    rf"{_ORD_FIRST}\b{_ORD}\s+(?:półrocz(?:u|a|e)\b|połow(?:ie|y|a|ę)\s+roku\b|połow(?:ie|y|a|ę)\b(?=\s*{YEAR}))"
    rf"(?:\s*(?P<y>{YEAR})(?!\d){SUF}|\s+{_THIS_YEAR})?", re.I)


def _ordinal(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in _ROMAN:
        return _ROMAN[w]
    if w.isdigit():
        return int(w)
    return L.ordinal_of.get(w)


def _quarter_year(ctx: _Ctx, q: int, size: int) -> int | None:
    if ctx.context_year:
        return ctx.context_year
    if ctx.period:
        ps, pe = ctx.period
        for y in range(ps.year, pe.year + 1):
            s, e = quarter_span(y, q) if size == 3 else half_span(y, q)
            if s <= pe and e >= ps:
                return y
        return ps.year
    return ctx.ref.year if ctx.ref else None


# the first or last three or six months of a year: "na sześć pierwszych miesięcy 2026 roku" (its first half),
# "Plan obejmuje pierwsze sześć miesięcy 2026 r."
_R_FIRST_MONTHS = re.compile(
    rf"\b(?:(?P<n>sześć|sześciu|6|trzy|trzech|3)\s+(?P<w>pierwsz|ostatni)\w*"
    rf"|(?P<w2>pierwsz|ostatni)\w*\s+(?P<n2>sześć|sześciu|6|trzy|trzech|3))"
    rf"\s+miesi(?:ęcy|ące|ącach)\s+(?P<y>{YEAR})(?!\d){SUF}",
    re.I)


@matcher
def quarters(text: str, ctx: _Ctx):
    for m in _fi(_R_FIRST_MONTHS, text):
        size = 6 if (m.group("n") or m.group("n2"))[0] in "s6" else 3
        y, first = int(m.group("y")), (m.group("w") or m.group("w2")).lower().startswith("pierwsz")
        s, e = (date(y, 1, 1), month_span(y, size)[1]) if first else (date(y, 13 - size, 1), date(y, 12, 31))
        yield _Cand(m.start(), m.end(), *_interval(s, e, "half_year" if size == 6 else "quarter"), prio=3)
    for rx, gran, size, top in ((_R_QUARTER, "quarter", 3, 4), (_R_HALF, "half_year", 6, 2),
                                (_R_QUARTER_NAMED, "quarter", 3, 4), (_R_HALF_NAMED, "half_year", 6, 2)):
        for m in _fi(rx, text):
            q = _ordinal(m.group("ord"))
            if q is None:
                continue
            if q > top:
                continue
            span = quarter_span if size == 3 else half_span
            y = _year_of(m, ctx, lambda: _quarter_year(ctx, q, size))
            pre = m.group("pre")
            if m.group("ord1"):
                q1 = _ordinal(m.group("ord1"))
                # a run: consecutive when joined by "i"/"oraz", any earlier one with a dash or "od ... do"
                run = m.group("run").strip().lower()
                if q1 is not None and q1 < q and (q1 == q - 1 or run not in ("i", "oraz")) \
                        and (run != "do" or (pre or "").lower() == "od"):
                    s, e = (span(y, q1)[0], span(y, q)[1]) if y else (None, None)
                    yield _Cand(m.start(), m.end(), *_interval(s, e, gran), prio=3)
                    continue
                start = m.start("ord")   # not a run: the second alone
                pre = None
            else:
                start = m.start()
            s, e = span(y, q) if y else (None, None)
            mod = "until" if pre and "końc" in pre.lower() else _mod(pre)
            if pre and pre.lower().startswith(("z końcem", "pod koniec", "na koniec")):
                mod = "end"
            yield _Cand(start, m.end(), *_interval(s, e, gran, **{"mod": mod, "ordinal": q}), prio=2)


# --- years and year ranges --------------------------------------------------------------------
_R_YEAR_RANGE = re.compile(
    rf"(?:(?:na|w|przez)\s+(?:lata(?:ch)?|okres(?:ie)?\s+lat)\s+|lata(?:ch)?\s+)?"
    rf"(?:(?:od|z)\s+(?:roku\s+)?)?{NB}(?P<y1>{YEAR})(?:\s*r\.?)?\s*(?:–|—|-|do|/)\s*(?:roku\s+)?(?P<y2>{YEAR})(?!\d|\.\d|-\d){SUF}", re.I)
_R_YEAR = re.compile(
    rf"(?:(?P<edge>na\s+początku|z\s+początkiem|od\s+początku|w\s+połowie|pod\s+koniec|z\s+końcem|z\s+upływem|na\s+koniec|do\s+(?:samego\s+)?końca"
    rf"|przed\s+końcem)\s+|"
    rf"(?P<pre>w|we|od|do|z|na|przez|po|przed|najpóźniej\s+do|za)\s+)?"
    rf"(?P<roku>(?:roku|rok)\s+)?{NB}(?P<y>{YEAR})(?P<suf>\s*(?:r\.|r\b|roku\b|rok\b))?(?![\d%]|[.,]\d|\s*%|-\d)", re.I)


# "w latach 2026, 2027, 2028 i 2029", "na trzy kolejne lata kalendarzowe: 2026, 2027 i 2028", "w roku 2026 i w roku
# 2027": consecutive years listed, one span
_IN_YEAR = r"(?:w\s+roku\s+)?"
# (or the seasons: "Okres: cztery sezony – 2026, 2027, 2028, 2029")
_R_YEAR_LIST = re.compile(rf"\b(?:w\s+)?(?:lata(?:ch)?|roku|rokach|sezon(?:y|ach|ów))\s+(?:(?:[^\W\d]+\s*)?[:–—]\s*)?"
                          rf"(?P<list>{YEAR}(?:\s*,\s*{_IN_YEAR}{YEAR})*\s*(?:,|i|oraz)\s*{_IN_YEAR}{YEAR})\b", re.I)
# the first and the last year named: "cztery kolejne lata budżetowe – pierwszy 2026, ostatni 2029"
_R_FIRST_LAST_YEAR = re.compile(rf"\bpierwsz\w*\s+(?:(?:rok|sezon)\w*\s+)?(?P<y1>{YEAR})\s*,\s*(?:a\s+)?ostatni\w*\s+"
                                rf"(?:(?:rok|sezon)\w*\s+)?(?P<y2>{YEAR})\b", re.I)


@matcher
def years(text: str, ctx: _Ctx):
    for m in _fi(_R_YEAR_LIST, text):
        ys = [int(y) for y in re.findall(r"\d{4}", m.group("list"))]
        if all(b == a + 1 for a, b in zip(ys, ys[1:])):
            yield _Cand(m.start(), m.end(), *_interval(year_span(ys[0])[0], year_span(ys[-1])[1], "year"), prio=2)
    for m in _fi(_R_FIRST_LAST_YEAR, text):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y1 < y2 <= y1 + 30:
            yield _Cand(m.start(), m.end(), *_interval(year_span(y1)[0], year_span(y2)[1], "year"), prio=2)
    for m in _fi(_R_YEAR_RANGE, text):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        sep = text[m.start("y1"):m.start("y2")]
        if "/" in sep and y2 == y1 + 1:
            continue  # "2009/2010" is a school year, not a range of years; leave it to the single years
        if not (y1 < y2 <= y1 + 30):
            continue
        yield _Cand(m.start(), m.end(), *_interval(year_span(y1)[0], year_span(y2)[1], "year"), prio=2)
    for m in _fi(_R_YEAR, text):
        pre, edge, suf, roku = m.group("pre"), m.group("edge"), m.group("suf"), m.group("roku")
        if not (suf or roku or edge or (pre and pre.lower() in ("w", "we", "od", "do", "na", "przez", "po", "przed", "najpóźniej do"))
                or _year_cell(text, m)):
            continue
        y = int(m.group("y"))
        s, e = year_span(y)
        mod = _EDGE.get(" ".join(edge.lower().split()).replace("samego ", "")) if edge else _mod(pre)
        yield _Cand(m.start(), m.end(), *_interval(s, e, "year", **{"mod": mod}), prio=1)


_CELL_BEFORE = re.compile(r"(?:^|[|¦\t])(?P<cell>[^|¦\t\n]*)[|¦\t][ \t]*$", re.M)
_CELL_AFTER = re.compile(r"[ \t]*[|¦\t](?P<cell>[^|¦\t\n]*)")


def _year_cell(text: str, m: re.Match) -> bool:
    """Whether the bare year of ``m`` is a table row's term cell: between bars or tabs, with words in the cells on both
    sides ("| Fotopułapki w miejscach porzucania odpadów | 2026 | Urząd Gminy |"), not a column of years ("Miernik | 2024
    | 2025")."""
    if m.group("pre") or m.group("edge"):
        return False
    before = _CELL_BEFORE.search(text, text.rfind("\n", 0, m.start()) + 1, m.start())
    after = _CELL_AFTER.match(text, m.end())
    return bool(before and after and any(c.isalpha() for c in before.group("cell"))
                and any(c.isalpha() for c in after.group("cell")))


# --- "do końca roku / miesiąca / kwartału" (no number) ----------------------------------------
_R_UNTIL_END = re.compile(
    r"\bdo\s+(?:samego\s+)?końca\s+(?:(?P<cur>bieżącego|tego|obecnego|przyszłego|następnego)\s+)?"
    r"(?P<unit>roku|miesiąca|kwartału|półrocza|tygodnia)(?:\s+(?:kalendarzowego|bieżącego))?\b(?!\s*\d)", re.I)


@matcher
def until_end(text: str, ctx: _Ctx):
    for m in _fi(_R_UNTIL_END, text):
        unit = m.group("unit").lower()
        nxt = 1 if m.group("cur") and m.group("cur").lower() in ("przyszłego", "następnego") else 0
        s = e = None
        gran = {"roku": "year", "miesiąca": "month", "kwartału": "quarter", "półrocza": "half_year",
                "tygodnia": "week"}[unit]
        if unit == "roku":
            y = ctx.context_year or (ctx.period[0].year if ctx.period else None) or (ctx.ref.year if ctx.ref else None)
            if y:
                s, e = year_span(y + nxt)
        elif ctx.ref:
            s, e = _relative_unit(ctx.ref, gran, nxt)
        yield _Cand(m.start(), m.end(), *_interval(s, e, gran, mod="until"), prio=1)


# --- plan period ------------------------------------------------------------------------------
_R_UNTIL_PLAN_END = re.compile(
    r"\bdo\s+(?:dnia\s+|czasu\s+)?(?:końca|zakończenia|zamknięcia|wygaśnięcia|mety|ostatniego\s+dnia)\s+(?:okresu\s+)?(?:obowiązywania|realizacji|trwania)?\s*"
    r"(?:niniejszego\s+)?(?:planu|programu|karty|arkusza|(?-i:PDP|PDPR)\b)(?:\s+działania)?(?:\s+priorytetowego)?"
    # "do końca okresu programowania" (a programme's own word for its term)
    r"|\bdo\s+(?:końca|zakończenia|zamknięcia)\s+okresu\s+programowania\b"
    # "aż do końca sezonu objętego planem", "do końca okresu objętego programem"
    r"|\bdo\s+(?:końca|zakończenia)\s+(?:sezonu|okresu|półrocza)\s+(?:objęt\w+\s+)?(?:planem|programem)"
    # "do dnia, w którym arkusz traci ważność"
    r"|\bdo\s+(?:dnia|chwili|momentu),?\s+(?:w\s+którym|kiedy|gdy)\s+(?:plan|program|karta|arkusz)\w*\s+"
    r"(?:traci\s+(?:ważność|moc)|wygasa|się\s+kończy|kończy\s+się)"
    # "w każdy piątek, dopóki karta jest otwarta", "dopóki plan obowiązuje", "póki plan trwa"
    r"|\b(?:do)?póki\s+(?:plan|program|karta|arkusz)\w*\s+(?:jest\s+otwart\w*|obowiązuje|trwa|jest\s+realizowan\w*)"
    # "co 14 dni, aż karta przestanie obowiązywać", "raz na 10 dni, aż karta straci ważność", "aż plan wygaśnie"
    r"|\baż\s+(?:(?:nasz|mój|ten)\s+)?(?:plan|program|karta|arkusz)\w*\s+(?:przestanie\s+obowiązywać|straci\s+(?:ważność|moc)"
    r"|wygaśnie|się\s+skończy|skończy\s+się|dobiegnie\s+końca)", re.I)


# the plan's first month, week or quarter: "w ciągu pierwszego miesiąca obowiązywania planu", "w pierwszym
# tygodniu realizacji planu", "w ciągu miesiąca od rozpoczęcia planu"
_R_PLAN_FIRST = re.compile(
    r"\bw\s+(?:ciągu\s+)?(?:pierwsz(?:ego|ym)\s+)?(?P<u>miesiąc(?:a|u)|tygodni(?:a|u)|kwartał(?:u)?)\s+"
    r"(?:od\s+(?:rozpoczęcia|startu|początku)(?:\s+(?:obowiązywania|realizacji))?|obowiązywania|realizacji|trwania)\s+"
    r"(?:niniejszego\s+)?(?:planu|programu)\b"
    # "do końca pierwszego miesiąca planu"
    r"|\bdo\s+końca\s+pierwszego\s+(?P<u2>miesiąca|tygodnia|kwartału)\s+(?:(?:obowiązywania|realizacji|trwania)\s+)?"
    r"(?:planu|programu)\b", re.I)


def _first_of_plan(start: date, unit: str) -> date:
    """The last day of the plan's first month, week or quarter."""
    if unit.startswith("tyg"):
        return start + timedelta(days=6)
    return plus_months(start, 3 if unit.startswith("kwart") else 1)


@matcher
def plan_period(text: str, ctx: _Ctx):
    for rx in _PLAN_PERIOD:
        for m in _fi(rx, text):
            s, e = ctx.period if ctx.period else (None, None)
            yield _Cand(m.start(), m.end(), *_interval(s, e, "plan_period"), prio=3)
    for m in _fi(_R_UNTIL_PLAN_END, text):
        s, e = ctx.period if ctx.period else (None, None)
        yield _Cand(m.start(), m.end(), *_interval(s, e, "plan_period", mod="until"), prio=3)
    for m in _fi(_R_PLAN_FIRST, text):
        d = _first_of_plan(ctx.period[0], (m.group("u") or m.group("u2")).lower()) if ctx.period else None
        yield _Cand(m.start(), m.end(), *_interval(d, d, "day", kind="date", mod="until", of="plan"), prio=3)


# --- continuous / as-needed sets --------------------------------------------------------------
_R_SET = re.compile(rf"(?<!\w){L.SET_WORDS}(?!\w)", re.I)


@matcher
def sets(text: str, ctx: _Ctx):
    for m in _fi(_R_SET, text):
        yield _Cand(m.start(), m.end(), "set", "continuous", {}, prio=0)


# --- recurrences ------------------------------------------------------------------------------
_NUM = rf"(?:{L.NUMBER}|\d{{1,2}})"
_MIN = r"(?P<min>co\s+najmniej|minimum|min\.|przynajmniej|nie\s+rzadziej\s+niż|nie\s+mniej\s+niż)\s+"
_R_ONCE = re.compile(rf"(?:{_MIN})?\braz\s+(?:w|na|do)\s+(?:ciągu\s+)?(?:(?P<k>{_NUM})\s+)?(?P<u>{L.UNIT})(?!\w)", re.I)
_R_TIMES = re.compile(
    rf"(?:{_MIN})?\b(?P<c>{_NUM}|kilka|kilkanaście|parę|wiele)(?:\s+(?:razy|raz|krotnie)|(?<=\d)\s*[x×])"
    rf"(?:\s+(?:w|na|do)\s+(?:ciągu\s+)?|\s*/\s*|\s+(?=(?:tydz|tyg|mies)\.))"   # ("1 x tydz.")
    rf"(?:każd\w+\s+)?(?:(?P<k>{_NUM})\s+)?(?P<u>{L.UNIT})(?!\w)", re.I)
_R_KROTNIE = re.compile(
    rf"(?:{_MIN})?\b(?P<c>\w+krotnie)\s+(?:w|na|do)\s+(?:ciągu\s+)?(?:każd\w+\s+)?(?:(?P<k>{_NUM})\s+)?(?P<u>{L.UNIT})(?!\w)",
    re.I)
# "co dwa tygodnie", "co tydzień", and with an ordinal: "co drugi tydzień", "co drugi weekend", "co drugi czwartek"
# (a week's)
_R_EVERY = re.compile(rf"(?<!\w)co\s+(?:(?P<k>{_NUM})\s+|(?P<o>{L.ORDINAL})\s+)?(?P<u>{L.UNIT}|weekend|(?P<wd>{L.WEEKDAY}))(?!\w)",
                      re.I)
_R_ADVERB = re.compile(rf"(?<!\w){L.ADVERB}(?!\w)", re.I)
# so many of a thing in a unit of time: "minimum jeden patrol w tygodniu", "dwie kontrole w miesiącu", "jedno spotkanie
# na kwartał" (the thing in one or two lower-case words, no month: "1 maja w roku" is a date)
_R_COUNT_IN = re.compile(rf"(?:{_MIN})?(?<![\w.,:/-])(?P<c>{_NUM})[ \t]+(?!(?:{L.MONTH})(?!\w))(?:(?-i:[a-ząćęłńóśźż]+)[ \t]+){{1,2}}?"
                         rf"(?:w|na)[ \t]+(?:każd\w+[ \t]+)?(?:(?P<k>{_NUM})[ \t]+)?"
                         rf"(?P<u>tydzień|tygodniu|tygodnie|tygodni|miesiąc|miesiącu|miesiące|miesięcy|kwartał|kwartale)(?!\w)", re.I)
# a rhythm told by an adjective of its interval: "w odstępach dziesięciodniowych", "w dwutygodniowych odstępach",
# "w odstępach 10-dniowych", "w cyklu trzymiesięcznym", "w rytmie cotygodniowym", "w systemie dwutygodniowym"
_RHYTHM_ADJ = rf"(?P<k>{L.NUMBER_PREFIX}|\d{{1,2}}-)?(?:co)?(?P<u>dniow|tygodniow|miesięczn)(?:ych|ym|e|y)"
# (the adjective before or after "odstępach", or after "cyklu": three copies of its groups, those of the second and
# third named with an "x" and a "c" before them)
_R_INTERVAL_ADJ = re.compile(rf"\bw\s+(?:odstęp(?:ach|ie)\s+{_RHYTHM_ADJ}|{_RHYTHM_ADJ.replace('?P<', '?P<x')}\s+odstęp(?:ach|ie)"
                             rf"|(?:cyklu|rytmie|systemie|trybie)\s+{_RHYTHM_ADJ.replace('?P<', '?P<c')})(?!\w)", re.I)
_ADJ_UNIT = {"dniow": "dni", "tygodniow": "tygodni", "miesięczn": "miesięcy"}
# (every one of them: "we wszystkie piątki", "przez wszystkie weekendy"; "każdego weekendu")
# (an adjective may come between: "w każdą słoneczną sobotę i niedzielę", "w każdy wakacyjny weekend", "każdej wakacyjnej
# soboty i niedzieli"; not an ordinal: "w każdą drugą sobotę" is a month's turn or every other week)
_EACH_ADJ = rf"(?:(?!{L.ORDINAL}\b)(?-i:[a-ząćęłńóśźż]+)(?:ą|y|e|ej|ego|ym|a|i)\s+)?"
_R_EACH_DAY = re.compile(
    rf"(?:\b(?:w|we|przez)\s+)?\b(?:każd(?:y|ą|e|ego|ej|a)|wszystkie)\s+{_EACH_ADJ}(?:noc\s+z\s+)?(?P<wd>{L.WEEKDAY}|weekend(?:u|y)?)"
    rf"(?:\s*(?:,|i|oraz|na)\s*(?:każd(?:y|ą|e|ego|ej|a)\s+)?(?P<wd2>{L.WEEKDAY}))?\b", re.I)
# every other one, with its days: "w każdy drugi weekend", "co drugi weekend" (not a month's turn: "w każdą drugą sobotę
# miesiąca"), "w 1. i 3. piątek miesiąca"
_R_EVERY_OTHER_DAY = re.compile(
    rf"\b(?:każd(?:y|ą|e|ego|ej|a)|co)\s+drug(?:i|ą|iego|iej)\s+(?:noc\s+z\s+)?(?P<wd>{L.WEEKDAY}|weekend(?:u|y)?)\b(?!\s+(?:każdego\s+)?miesiąca)"
    rf"|\bw\s+(?:1\.?|pierwsz(?:y|ą))\s+i\s+(?:3\.?|trzec(?:i|ią))\s+(?P<wd2>{L.WEEKDAY}|weekend)\s+(?:każdego\s+)?miesiąca\b"
    rf"|\bw\s+(?:2\.?|drug(?:i|ą))\s+i\s+(?:4\.?|czwart(?:y|ą))\s+(?P<wd3>{L.WEEKDAY}|weekend)\s+(?:każdego\s+)?miesiąca\b", re.I)
# each school term, season or given month of the year: "w każdym semestrze", "na początku każdego semestru", "w każdym
# sezonie grzewczym", "przed każdym sezonem letnim", "każdego września"
_R_EACH_SEASON = re.compile(rf"\bkażd(?:ym|ego)\s+(?P<u>semestr(?:ze|u)|sezon(?:ie|u|em)|{L.MONTH})(?!\w)", re.I)
# (and a night from one day to the next: "w każdą noc z soboty na niedzielę")
# a weekday's turn in each month: "w każdą drugą sobotę miesiąca", "w pierwszy wtorek miesiąca" (monthly)
_R_NTH_WEEKDAY = re.compile(
    rf"(?:\bw\s+)?(?:\bkażd(?:y|ą|e|ego|ej|a)\s+)?\b(?:pierwsz(?:y|ą|ego|ej)|drug(?:i|ą|iego|iej)|trzec(?:i|ią|iego|iej)"
    rf"|czwart(?:y|ą|ego|ej)|ostatni(?:ą|ego|ej)?)\s+(?P<wd>{L.WEEKDAY}|weekend)\s+(?:każdego\s+)?miesiąca\b", re.I)
# ("sobota po sobocie", "weekend w weekend", "weekend po weekendzie")
_R_DAY_BY_DAY = re.compile(rf"\b(?P<a>{L.WEEKDAY}|weekend)\s+(?:w|po)\s+(?P<b>{L.WEEKDAY}|weekend(?:zie)?)\b", re.I)
# "przez rok", "na okres sześciu miesięcy", "przez cztery kolejne lata", "na najbliższe dwa lata", "na pół roku"
_NEXT = r"(?:(?:kolejn|następn|najbliższ)\w*\s+)?"
# (or after a label's colon: "Okres: 6 m-cy od 01.03.2026 r.", "Okres realizacji: trzy lata, licząc od 1 stycznia 2026 r.",
# "Czas realizacji: półrocze liczone od 1 sierpnia 2025 r."; in words only before its start: not "okres: półrocze
# letnie 2026 r.")
# (a length told before its start needs no preposition: "pół roku od 1 marca 2026 r.")
# ("… z początkiem 2026 r. i obejmie cztery kolejne lata kalendarzowe")
_R_DURATION = re.compile(rf"(?:\b(?:przez|w\s+ciągu|na\s+okres|na|potrwa|będzie\s+trwał[aoy]?|obejmie|obejmuje)\s+"
                         rf"|(?<=:)[ \t]*(?=\d|(?:[^\W\d]+\s+(?:lat|lata|miesięcy|miesiące)|półrocze|pół\s+roku)\b[^.\n:]{{0,20}}?\bod\b)"
                         rf"|\b(?=(?:pół\s+roku|[^\W\d]+\s+miesięcy|\d+\s+miesięcy)\s+od\s+\d))"
                         rf"{_NEXT}(?:(?P<k>{_NUM})\s+)?{_NEXT}(?P<u>{L.UNIT})(?!\w)", re.I)


def _num(word: str | None) -> int | None:
    if not word:
        return 1
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in L.number_of:
        return L.number_of[w]
    return None


def _duration(k: int, unit_word: str) -> str | None:
    u = L.unit_of.get(" ".join(unit_word.lower().split()))
    if not u:
        return None
    _, des, mult = u
    return f"P{k * mult}{des}"


def _rhythm(k: int, unit_word: str) -> str | None:
    """A recurrence's duration, whole weeks of days as weeks ("co 14 dni" -> P2W, like "co dwa tygodnie")."""
    dur = _duration(k, unit_word)
    if dur and dur.endswith("D") and int(dur[1:-1]) % 7 == 0:
        return f"P{int(dur[1:-1]) // 7}W"
    return dur


def _days_of(word: str) -> list[str]:
    """The days a weekday's or a weekend's word names ("sobotę": sat; "weekendu", "weekendzie": sat, sun)."""
    w = word.lower()
    return ["sat", "sun"] if w.startswith("weekend") else [L.weekday_of[w]]


@matcher
def recurrences(text: str, ctx: _Ctx):
    for m in _fi(_R_ONCE, text):
        k = _num(m.group("k"))
        dur = _rhythm(k, m.group("u")) if k else None
        if dur:
            v = {"duration": dur}
            if m.group("min"):
                v["min"] = True
            yield _Cand(m.start(), m.end(), "recurrence", "recurrence", v, prio=2)
    for rx in (_R_TIMES, _R_KROTNIE):
        for m in _fi(rx, text):
            cw = m.group("c").lower()
            c = _num(cw) if cw not in ("kilka", "kilkanaście", "parę", "wiele") else None
            if cw.endswith("krotnie") and cw not in L.number_of:
                continue
            k = _num(m.group("k"))
            dur = _rhythm(k, m.group("u")) if k else None
            if not dur:
                continue
            v = {"duration": dur, "count": c}
            if m.group("min"):
                v["min"] = True
            if c == 1:
                yield _Cand(m.start(), m.end(), "recurrence", "recurrence", {"duration": dur}, prio=2)
            else:
                yield _Cand(m.start(), m.end(), "set", "recurrence", v, prio=2)
    for m in _fi(_R_EVERY, text):
        k = _num(m.group("k")) if not m.group("o") else L.ordinal_of.get(m.group("o").lower())
        if m.group("o") and m.group(0).lower().split()[1].startswith("ostatni"):
            continue   # "co ostatni ...": no rhythm
        # "co weekend", "co drugi czwartek": weeks
        unit = "tydzień" if m.group("wd") or m.group("u").lower() == "weekend" else m.group("u")
        dur = _rhythm(k, unit) if k else None
        if dur and m.group("wd"):
            yield _Cand(m.start(), m.end(), "recurrence", "day_of_week",
                        {"duration": dur, "days": [L.weekday_of[m.group("wd").lower()]]}, prio=2)
        elif dur:
            yield _Cand(m.start(), m.end(), "recurrence", "recurrence", {"duration": dur}, prio=2)
    for m in _fi(_R_ADVERB, text):
        dur = L.adverb_of.get(" ".join(m.group(0).lower().split()))
        if dur:
            yield _Cand(m.start(), m.end(), "recurrence", "recurrence", {"duration": dur}, prio=1)
    for m in _fi(_R_INTERVAL_ADJ, text):
        g = "" if m.group("u") else "x" if m.group("xu") else "c"
        k = m.group(g + "k")
        k = int(k[:-1]) if k and k[0].isdigit() else L.prefix_number_of.get(k.lower(), 0) if k else 1
        dur = _rhythm(k, _ADJ_UNIT[m.group(g + "u").lower()]) if k else None
        if dur:
            yield _Cand(m.start(), m.end(), "recurrence", "recurrence", {"duration": dur}, prio=2)
    for m in _fi(_R_COUNT_IN, text):
        c = _num(m.group("c"))
        k = _num(m.group("k")) if m.group("k") else 1   # ("jeden patrol na dwa tygodnie")
        if not m.group("k") and m.group("u").lower() in ("tygodnie", "tygodni", "miesiące", "miesięcy"):
            continue   # a plural unit needs its number
        dur = _rhythm(k, m.group("u")) if c and k else None
        if dur:
            v = {"duration": dur} if c == 1 else {"duration": dur, "count": c}
            if m.group("min"):
                v["min"] = True
            yield _Cand(m.start(), m.end(), "recurrence" if c == 1 else "set", "recurrence", v, prio=1)
    for m in _fi(_R_DAY_BY_DAY, text):   # "niedziela w niedzielę", "weekend w weekend": every such day
        days = _days_of(m.group("a"))
        if days == _days_of(m.group("b")):
            yield _Cand(m.start(), m.end(), "recurrence", "day_of_week", {"duration": "P1W", "days": days}, prio=2)
    for m in _fi(_R_EVERY_OTHER_DAY, text):
        days = _days_of(m.group("wd") or m.group("wd2") or m.group("wd3"))
        yield _Cand(m.start(), m.end(), "recurrence", "day_of_week", {"duration": "P2W", "days": days}, prio=3)
    for m in _fi(_R_EACH_SEASON, text):
        dur = "P6M" if m.group("u").lower().startswith("semestr") else "P1Y"
        yield _Cand(m.start(), m.end(), "recurrence", "recurrence", {"duration": dur}, prio=2)
    for m in _fi(_R_EACH_DAY, text):
        days = _days_of(m.group("wd"))
        if m.group("wd2"):
            days.append(L.weekday_of[m.group("wd2").lower()])
        yield _Cand(m.start(), m.end(), "recurrence", "day_of_week", {"duration": "P1W", "days": days}, prio=2)
    for m in _fi(_R_NTH_WEEKDAY, text):   # ("w pierwszy weekend miesiąca")
        yield _Cand(m.start(), m.end(), "recurrence", "day_of_week", {"duration": "P1M", "days": _days_of(m.group("wd"))},
                    prio=3)
    for m in _fi(_R_DURATION, text):
        if m.group("k") is None and not m.group(0).lower().startswith(("przez", "potrwa", "będzie")) \
                and not m.group("u").lower().startswith("pół"):
            continue  # "na rok" alone is too vague; "przez rok", "potrwa rok" and "na pół roku" are durations
        k = _num(m.group("k"))
        dur = _duration(k, m.group("u")) if k else None
        if dur:
            yield _Cand(m.start(), m.end(), "duration", "duration", {"duration": dur}, prio=0)


# --- plural weekdays as sets ------------------------------------------------------------------
_PLURAL_WD = {"poniedziałki": "mon", "wtorki": "tue", "środy": "wed", "czwartki": "thu", "piątki": "fri",
              "soboty": "sat", "niedziele": "sun", "weekendy": "sat,sun", "weekend": "sat,sun",
              "weekendów": "sat,sun", "weekendach": "sat,sun", "weekendu": "sat,sun",
              "weekendowym": "sat,sun", "weekendowe": "sat,sun", "weekendowych": "sat,sun",
              "robocze": "mon,tue,wed,thu,fri", "roboczych": "mon,tue,wed,thu,fri",
              "dni pracujące": "mon,tue,wed,thu,fri", "dni pracujących": "mon,tue,wed,thu,fri",   # ("pracujące silniki")
              "powszednie": "mon,tue,wed,thu,fri", "powszednich": "mon,tue,wed,thu,fri",
              # the genitive plural after "dotyczy", "głównie", ...: "dotyczy piątków i sobót"
              "poniedziałków": "mon", "wtorków": "tue", "śród": "wed", "czwartków": "thu", "piątków": "fri",
              "sobót": "sat", "niedziel": "sun"}
_WD_ALT = "|".join(sorted(_PLURAL_WD, key=len, reverse=True))
# two or three plural weekdays listed without a word before them ("w dni targowe – środy i soboty")
_R_WD_LIST = re.compile(
    rf"(?<![\w-])(?P<a>{_WD_ALT})\s*(?:,|i|oraz)\s*(?P<b>{_WD_ALT})\b(?:\s*(?:,|i|oraz)\s*(?P<c>{_WD_ALT})\b)?", re.I)
# plural days in the instrumental, told as habits: "dochodzi do tego weekendami", "sobotami i niedzielami" (not "poza
# weekendami": the working days)
_PLURAL_INSTR = {"poniedziałkami": ("mon",), "wtorkami": ("tue",), "środami": ("wed",), "czwartkami": ("thu",),
                 "piątkami": ("fri",), "sobotami": ("sat",), "niedzielami": ("sun",), "weekendami": ("sat", "sun")}
_PLURAL_INSTR_ALT = "|".join(_PLURAL_INSTR)
_R_WD_PLURAL_INSTR = re.compile(rf"(?<![\w-])(?<!poza\s)(?<!wyjątkiem\s)(?P<a>{_PLURAL_INSTR_ALT})"
                                rf"(?:\s*(?:,|i|oraz|lub|albo)\s*(?P<b>{_PLURAL_INSTR_ALT}))?(?![\w-])", re.I)
# days of a month: "w dwie kolejne soboty listopada", "w weekendy lipca 2026 r."
# ("w weekendy lipca i sierpnia 2026 r.": from the first to the last)
_R_MONTH_OF_DAYS = re.compile(rf"(?<![\w-])(?:{_WD_ALT})\s+(?P<list>{L.MONTH}(?:\s*(?:,|\bi|\boraz)\s*{L.MONTH})*)\b"
                              rf"(?:\s*(?P<y>{YEAR})(?!\d){SUF}|\s+{_THIS_YEAR})?", re.I)
_R_WD_SET = re.compile(
    # ("przypada na weekendy"; not "wyjeżdża na weekend", away for one)
    rf"\b(?:w|we|z|ze|na(?!\s+weekend\b)|podczas|przez|dotycz\w*|głównie|najczęściej|zwłaszcza|szczególnie)\s+(?:(?:okresie|czasie|dni)\s+)?(?P<a>{_WD_ALT})\b"
    rf"(?:\s*(?:,|i|oraz)\s*(?:w\s+|we\s+)?(?P<b>{_WD_ALT})\b)?(?:\s*(?:,|i|oraz)\s*(?:w\s+|we\s+)?(?P<c>{_WD_ALT})\b)?",
    re.I)


# days in the genitive, listed after what they concern: "Zgłoszenia dotyczą przede wszystkim czwartku, piątku i soboty"
# (the forms of rules/temporal/weekdays.tsv in the genitive singular; their days from the lexicon)
_WD_GEN_ALT = "poniedziałku|wtorku|środy|czwartku|piątku|soboty|niedzieli"
_R_WD_GEN_LIST = re.compile(rf"\b(?:dotycz\w*|najczęściej|głównie|zwłaszcza|szczególnie|przede\s+wszystkim)\s+"
                            rf"(?P<list>(?:{_WD_GEN_ALT})(?:\s*,\s*(?:{_WD_GEN_ALT}))*\s+(?:i|oraz)\s+(?:{_WD_GEN_ALT}))\b"
                            rf"(?!\s*,?\s*\d)", re.I)


# plural days after one or two adjectives: "w pogodne weekendy", "w letnie, ciepłe soboty"
_R_WD_ADJ = re.compile(rf"\bw\s+(?:(?!weekend|poniedział|wtork|środ|czwartk|piątk|sobot|niedziel|dwie\b|trzy\b|cztery\b|obie\b|te\b)"
                       rf"(?-i:[a-ząćęłńóśźż])\w*e"
                       rf"(?:,|\s+i)?\s+){{1,2}}"
                       rf"(?P<a>weekendy|poniedziałki|wtorki|środy|czwartki|piątki|soboty|niedziele)\b"
                       rf"(?:\s*(?:,|i|oraz)\s*(?P<b>{_WD_ALT})\b)?(?:\s*(?:,|i|oraz)\s*(?P<c>{_WD_ALT})\b)?", re.I)
# the working days told otherwise: "poza weekendami", "każdego dnia roboczego"
_R_WORKDAYS = re.compile(r"\b(?:poza\s+weekendami|poza\s+weekendem|z\s+wyjątkiem\s+weekendów"
                         r"|każdego\s+dnia\s+roboczego|w\s+każdy\s+dzień\s+roboczy|w\s+tygodniu\s+roboczym)\b", re.I)
# two abbreviated days joined by a slash: "sob./niedz., między 21.00 a 1.00"
_R_WD_SLASH = re.compile(rf"\b(?P<a>{L.WEEKDAY_ABBR})\.?[ \t]*/[ \t]*(?P<b>{L.WEEKDAY_ABBR})\b\.?", re.I)
# a habit on one weekday: "przeważnie w niedzielę", "zwykle we wtorek" (a bare "w niedzielę" may be one day's date)
_R_WD_HABIT = re.compile(
    rf"\b(?:przeważnie|zwykle|zazwyczaj|najczęściej|głównie|zwłaszcza|szczególnie|regularnie|przede\s+wszystkim"
    # ("Najgorzej jest w niedzielę od rana do obiadu": the worst of a habit)
    rf"|(?:najgorzej|najtrudniej|najgłośniej|najniebezpieczniej|najgęściej|najtłoczniej)(?:\s+(?:jest|bywa))?)"
    # (a few words may come between: "najczęściej późnym wieczorem w piątek i sobotę"; and a dash before the days
    # that tell when: "Najgłośniej bywa pod koniec tygodnia – w czwartek, piątek i sobotę")
    rf"(?P<between>(?:\s+(?-i:[a-ząćęłńóśźż]+)){{0,3}}?)(?:\s+[–—-])?\s+(?P<w>w|we)\s+(?P<a>{L.WEEKDAY})\b"
    rf"(?:\s*(?:,|i|oraz|lub|albo)\s*(?:w\s+|we\s+)?(?P<b>{L.WEEKDAY})\b)?"
    rf"(?:\s*(?:,|i|oraz|lub|albo)\s*(?:w\s+|we\s+)?(?P<c>{L.WEEKDAY})\b)?", re.I)
# days named after what they are, set off by a dash or a colon: "w dni wolne od pracy – w sobotę i niedzielę",
# "Najwięcej sygnałów dotyczy dni: czwartek, piątek, sobota" (two days or more: one day alone may be a date)
_R_WD_NAMED_DAYS = re.compile(
    rf"\b(?:dni(?:\s+wolne(?:\s+od\s+pracy)?|\s+tygodnia)?|dniach\s+wolnych(?:\s+od\s+pracy)?)[ \t]*(?:[–—-]|:)[ \t]*"
    rf"(?P<w>(?:w|we)\s+)?(?P<a>{L.WEEKDAY})\b"
    rf"(?:\s*(?:,|i|oraz|lub|albo)\s*(?:w\s+|we\s+)?(?P<b>{L.WEEKDAY})\b)"
    rf"(?:\s*(?:,|i|oraz|lub|albo)\s*(?:w\s+|we\s+)?(?P<c>{L.WEEKDAY})\b)?", re.I)

# the turn of two days, the night between them told apart: "na przełomie soboty i niedzieli", "gdy piątek przechodzi
# w sobotę", "gdy kończy się sobota i zaczyna niedziela"; or the days that complaints concern: "Zjawisko dotyczy przede
# wszystkim wtorków", "Najwięcej zdarzeń przypada na piątek i sobotę"
_R_WD_TURN = re.compile(
    rf"\b(?:na\s+przełomie\s+(?P<a>{L.WEEKDAY})\s+i\s+(?P<b>{L.WEEKDAY})"
    rf"(?:\s*(?:,|oraz)\s+(?P<c>{L.WEEKDAY})\s+i\s+(?P<d>{L.WEEKDAY}))?"
    rf"|(?P<e>{L.WEEKDAY})\s+przechodzi\s+w\s+(?P<f>{L.WEEKDAY})"
    rf"|kończy\s+się\s+(?P<g>{L.WEEKDAY})\s+i\s+zaczyna(?:\s+się)?\s+(?P<h>{L.WEEKDAY})"
    rf"|(?:dotycz\w*|przypada\w*\s+na)\s+(?:(?:przede\s+wszystkim|zwłaszcza|głównie|szczególnie|najczęściej)\s+)?"
    rf"(?P<i>{L.WEEKDAY})(?:\s*(?:,|i|oraz)\s*(?P<j>{L.WEEKDAY}))?(?:\s*(?:,|i|oraz)\s*(?P<k>{L.WEEKDAY}))?)\b"
    rf"(?![ \t]*,?[ \t]*\d)", re.I)   # (not a date's weekday: "dotyczy środy 5 marca")


def _plural_days(m: re.Match) -> list[str]:
    """The days of the plural weekdays in groups ``a``, ``b``, ``c`` of ``m`` (a weekend two), in order, once each."""
    return list(dict.fromkeys(d for g in ("a", "b", "c") if m.group(g) for d in _PLURAL_WD[m.group(g).lower()].split(",")))


# the weekdays in the instrumental, after "między … a …"
_WD_INSTR = {"poniedziałkiem": "mon", "wtorkiem": "tue", "środą": "wed", "czwartkiem": "thu", "piątkiem": "fri",
             "sobotą": "sat", "niedzielą": "sun"}
_WD_INSTR_ALT = "|".join(_WD_INSTR)
# a run of weekdays: "od poniedziałku do piątku", "w dni od piątku do niedzieli", "poniedziałek–piątek"
_R_WD_RANGE = re.compile(
    # ("od pon. do pt.": abbreviations with their stops)
    # ("od czwartku po sobotę": the last day in the accusative after "po")
    rf"(?:\b(?:w\s+dni\s+)?od\s+(?P<a>{L.WEEKDAY}|{L.WEEKDAY_SHORT}\.)\s+(?:do|po)\s+(?P<b>{L.WEEKDAY}|{L.WEEKDAY_SHORT}\.)"
    rf"|\b(?P<c>{L.WEEKDAY_ABBR})\.?\s*[-–—]\s*(?P<d>{L.WEEKDAY_ABBR})\b(?:(?<![^\W\d_]{{5}})\.)?"   # "pn.–pt."
    rf"|\bmiędzy\s+(?P<e>{_WD_INSTR_ALT})\s+a\s+(?P<f>{_WD_INSTR_ALT})\b)"   # "między czwartkiem a niedzielą"
    rf"(?!\s*,?\s*\d{{1,2}}[\s.](?!\d{{2}}\b))", re.I)
_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _day_run(first: str, last: str) -> list[str]:
    """The days from ``first`` to ``last`` (both weekday codes), going on over Sunday."""
    i, j = _WEEK.index(first), _WEEK.index(last)
    return [_WEEK[(i + k) % 7] for k in range((j - i) % 7 + 1)]


# abbreviated days listed, each with its full stop: "szczególnie pt. i sob.", "pn., śr. i pt."
_WD_DOT = rf"(?:{L.WEEKDAY_ABBR})\."
_R_WD_ABBR_LIST = re.compile(rf"(?<![\w.])(?P<list>{_WD_DOT}(?:\s*,\s*{_WD_DOT})*\s*(?:,|i|oraz)\s*{_WD_DOT})", re.I)
_R_WD_ABBR_WORD = re.compile(rf"(?P<d>{L.WEEKDAY_ABBR})\.", re.I)


@matcher
def weekday_sets(text: str, ctx: _Ctx):
    for m in _fi(_R_WD_ABBR_LIST, text):
        days = list(dict.fromkeys(L.weekday_abbr.get(w.lower()) for w in _R_WD_ABBR_WORD.findall(m.group("list"))))
        if None not in days and len(days) > 1:
            yield _Cand(m.start(), m.end(), "set", "day_of_week", {"days": days}, prio=0)
    for m in _fi(_R_WD_LIST, text):
        yield _Cand(m.start(), m.end(), "set", "day_of_week", {"days": _plural_days(m)}, prio=0)
    for m in _fi(_R_WD_GEN_LIST, text):
        days = list(dict.fromkeys(L.weekday_of[w.lower()] for w in re.findall(_WD_GEN_ALT, m.group("list"), re.I)))
        yield _Cand(m.start("list"), m.end(), "set", "day_of_week", {"days": days}, prio=1)
    for m in _fi(_R_WD_SET, text):
        days = _plural_days(m)
        # "dotyczy piątków i sobót": the days without the word that leads to them (a preposition stays)
        start = m.start() if m.group(0).split(None, 1)[0].lower() in ("w", "we", "podczas", "przez") else m.start("a")
        yield _Cand(start, m.end(), "set", "day_of_week", {"days": days}, prio=1)
    for m in _fi(_R_WD_ADJ, text):
        # (an adjective of a part of the day names it too: "w nocne weekendy")
        parts = list(dict.fromkeys(p for w in re.findall(r"\w+", text[m.start():m.start("a")])[1:] if (p := L.part_of_day(w))))
        yield _Cand(m.start(), m.end(), "set", "day_of_week",
                    {"days": _plural_days(m), **({"parts": parts} if parts else {})}, prio=1)
    for m in _fi(_R_WD_PLURAL_INSTR, text):
        days = list(dict.fromkeys(d for g in ("a", "b") if m.group(g) for d in _PLURAL_INSTR[m.group(g).lower()]))
        yield _Cand(m.start(), m.end(), "set", "day_of_week", {"days": days}, prio=1)
    for m in _fi(_R_WORKDAYS, text):
        every = {"duration": "P1D"} if m.group(0).lower().startswith(("każd", "w każd")) else {}   # each working day
        yield _Cand(m.start(), m.end(), "set", "day_of_week", {"days": ["mon", "tue", "wed", "thu", "fri"], **every}, prio=2)
    for m in _fi(_R_WD_SLASH, text):
        a, b = L.weekday_abbr.get(m.group("a").lower()), L.weekday_abbr.get(m.group("b").lower())
        if a and b and a != b:
            yield _Cand(m.start(), m.end(), "set", "day_of_week", {"days": [a, b]}, prio=1)
    for rx in (_R_WD_HABIT, _R_WD_NAMED_DAYS):
        for m in _fi(rx, text):
            names = [g.lower() for g in (m.group("a"), m.group("b"), m.group("c")) if g]
            days = list(dict.fromkeys(L.weekday_of.get(w) for w in names))
            if None not in days and not any(w in _PLURAL_WD for w in names):   # plural days are _R_WD_SET's
                # (the habit's own words, not those between it and its days: "wieczorem" is a match of its own)
                start = m.start("w") if rx is _R_WD_NAMED_DAYS or m.group("between") else m.start()
                yield _Cand(start if start >= 0 else m.start("a"), m.end(), "set", "day_of_week", {"days": days}, prio=1)
    for m in _fi(_R_WD_TURN, text):
        days = list(dict.fromkeys(L.weekday_of.get(m.group(g).lower()) for g in "abcdefghijk" if m.group(g)))
        if None not in days:   # (the days concerned are the days alone: "dotyczy przede wszystkim wtorków")
            yield _Cand(m.start("i") if m.group("i") else m.start(), m.end(), "set", "day_of_week", {"days": days}, prio=1)
    for m in _fi(_R_WD_RANGE, text):
        if m.group("e"):
            first, last = _WD_INSTR[m.group("e").lower()], _WD_INSTR[m.group("f").lower()]
        else:
            a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
            first, last = L.weekday_abbr[a.lower().rstrip(".")], L.weekday_abbr[b.lower().rstrip(".")]
        if first != last:
            yield _Cand(m.start(), m.end(), "set", "day_of_week", {"days": _day_run(first, last)}, prio=1)


# --- holidays ---------------------------------------------------------------------------------
_R_HOLIDAY = re.compile(
    # (before its start: "przed rozpoczęciem wakacji", "do początku ferii")
    rf"(?:(?P<pre>w|we|podczas|na|przed|po|do|od|w\s+okresie|w\s+czasie|w\s+trakcie"
    rf"|(?P<start_of>przed\s+(?:rozpoczęciem|początkiem|startem)|do\s+(?:rozpoczęcia|początku|startu)))\s+)?\b(?P<h>{L.HOLIDAY})\b"
    rf"(?:\s+(?P<y>{YEAR})(?!\d){SUF})?", re.I)


_DATE_IN_BRACKETS = re.compile(r"[ \t]*\([ \t]*\d")


@matcher
def holidays(text: str, ctx: _Ctx):
    for m in _fi(_R_HOLIDAY, text):
        if _DATE_IN_BRACKETS.match(text, m.end()):
            continue   # "przed Bożym Ciałem (4 czerwca)": the day in brackets is the term
        y = int(m.group("y")) if m.group("y") else ctx.year_for(None)
        s, e = L.holiday_dates(m.group("h"), y) if y else (None, None)
        kind = "date" if s == e and s is not None else "interval"
        mod = "before" if m.group("start_of") else _mod(m.group("pre"))
        yield _Cand(m.start(), m.end(), *_interval(s, e, "holiday", kind=kind, mod=mod,
                                                   holiday=" ".join(m.group("h").split())), prio=1)


# --- an ordinal day number written out before a month's name ("od pierwszego lutego", "do trzydziestego
# pierwszego lipca", "z dniem piętnastym maja"): the matchers read its digits, padded with spaces to the words'
# length (the same offsets)
_R_DAY_ORDINAL = re.compile(rf"\b(?:{L.DAY_ORDINAL})(?=\s+{L.MONTH}\b)", re.I)


def _day_digits(m: re.Match, text: str) -> tuple[int, int, str]:
    return m.start(), m.end(), str(L.day_ordinal(m.group()))


# an approximation before a time: "około 22.00", "do mniej więcej wpół do jedenastej"
_ABOUT = r"(?:mniej\s+więcej|około|ok\.)"


# --- an hour written out after its preposition: "od trzynastej do dziewiętnastej", "od kwadrans po siódmej",
# "wpół do ósmej", "do północy": the matchers read it as a clock's time ("13:00"), padded with spaces to the words'
# length; an hour before noon in an evening's sentence is the evening's ("wieczory, od siódmej do jedenastej")
# ("między kwadransem przed ósmą a kwadransem po ósmej": 7:45 and 8:15; midnight only as an edge: "po północy" is a
# part of the night)
_R_HOUR_WORD = re.compile(
    rf"\b(?:(?:od|do|po|przed|około|ok\.|koło|o|między|pomiędzy|a)\s+(?P<about>(?:{_ABOUT}|mniej\s+więcej\s+do)\s+)?"
    rf"(?:(?P<q>kwadrans(?:a|em)?\s+(?:po|przed)|wpół\s+do)\s+)?"
    rf"|(?P<q2>kwadrans(?:a|em)?\s+(?:po|przed))\s+)(?P<h>{L.HOUR_WORD}|(?<=od\s)północy|(?<=do\s)północy"
    rf"|(?<=między\s)południem|(?<=pomiędzy\s)południem"   # ("między południem a osiemnastą": from 12:00)
    rf"|(?<=między\s)północą|(?<=pomiędzy\s)północą)"   # ("między północą a czwartą": from 00:00)
    # (or a place's preposition: "Po dwudziestej drugiej na parkingu robi się głośno")
    # (or the count it has: "między piątą a siódmą jest ich najwięcej")
    rf"(?=[ \t]*(?:$|[,.;:)–—-]|(?:do|aż|a|rano|wieczorem|w\s+nocy|nocą|po\s+południu|na|przy|pod|nad|w|we"
    rf"|jest|są|było|były|był|bywa|dochodzi|najwięcej|najczęściej)\b))", re.I | re.M)
_EVENING = re.compile(r"wiecz[oó]r|\bzmrok|\bzmierzch", re.I)   # ("gdy zapada zmrok, i trwa do dziesiątej")
_PM = re.compile(r"\bpo\s+południu\b", re.I)   # "między drugą a piątą po południu": both in the afternoon
_MORNING_AFTER = re.compile(r"[ \t]+(?:rano|rankiem)\b", re.I)   # "do szóstej rano"
_AFTERNOON = re.compile(r"popołud", re.I)
_AFTER_NOON_NEXT = re.compile(r"[ \t]*(?:[^\W\d]+[ \t]+)?po\s+południu\b", re.I)   # right after the hour: "o czwartej po południu"
_DAWN = re.compile(r"\bnad\s+ranem|\bświt", re.I)
_FROM_NOON = re.compile(r"\bpołudniem\s+$", re.I)
_FROM_MORNING_HOUR = re.compile(rf"\bod\s+(?P<h>{L.HOUR_WORD})\s+(?:do|aż\s+do)\s+$", re.I)
_NIGHT = re.compile(r"\bnoc", re.I)


# a morning word right before a spelled hour sets it in the morning, whatever else its sentence names ("nocą
# i wcześnie rano, przed szóstą")
_MORNING_JUST_BEFORE = re.compile(r"\b(?:rano|rankiem|nad\s+ranem|o\s+świcie|przed\s+świtem)\b[^.;\n]*$", re.I)


def _hour_digits(m: re.Match, text: str) -> tuple[int, int, str]:
    word = " ".join(m.group("h").lower().split())
    qg = "q" if m.group("q") else "q2"
    q = (m.group(qg) or "").lower()
    if word in ("północy", "północą"):
        return m.start("h"), m.end("h"), "24:00"
    if word == "południem":
        return m.start("h"), m.end("h"), "12:00"
    h, mi = L.hour_of[word], 0
    if q.startswith("kwadrans"):
        h, mi = (h, 15) if q.endswith("po") else (h - 1, 45)
    elif q.startswith("wpół"):
        h, mi = h - 1, 30
    if h <= 12:
        # the sentence around it, up to a few words after it ("między dziesiątą a dwunastą w nocy")
        end = text.find(".", m.end(), m.end() + 40)
        sentence = text[max(0, text.rfind(".", 0, m.start()) + 1, m.start() - 160):m.end() + 40 if end < 0 else end]
        if h < 12 and not _MORNING_JUST_BEFORE.search(text, max(0, m.start() - 25), m.start()) \
                and not _MORNING_AFTER.match(text, m.end()) \
                and (_AFTERNOON.search(sentence) or _AFTER_NOON_NEXT.match(text, m.end())
                     or _FROM_NOON.search(text, max(0, m.start() - 12), m.start())   # "między południem a czwartą"
                       or (h <= 5 and _PM.search(sentence) and not _NIGHT.search(sentence) and not _DAWN.search(sentence))
                       or (h >= 5 and _EVENING.search(sentence))
                       or (h >= 6 and _NIGHT.search(sentence))):
            h += 12   # (not "do drugiej" after "od dziesiątej wieczorem": two at night)
        elif h == 12 and _NIGHT.search(sentence):
            h = 0
        elif h <= 5 and not _NIGHT.search(sentence) and not _DAWN.search(sentence) \
                and (start_word := _FROM_MORNING_HOUR.search(text, max(0, m.start() - 30), m.start("h"))) \
                and 6 <= L.hour_of.get(" ".join(start_word.group("h").lower().split()), 0) <= 11:
            h += 12   # "od dziewiątej do pierwszej" in the day: to one in the afternoon
    # (an approximation is read with the hour: "do mniej więcej wpół do jedenastej" -> "do 22:30")
    start = m.start("about") if m.group("about") else m.start(qg) if q else m.start("h")
    return start, m.end("h"), f"{h % 24}:{mi:02d}"


def _spelled_out(text: str, found: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end) of ``found`` written as its digits, padded with spaces to the same length."""
    out, p = [], 0
    for a, b, digits in sorted(found):
        if len(digits) > b - a and digits.endswith(":00"):
            digits = digits[:-3]   # a short word ("ósmą" as "20:00"): the full hour alone, the offsets kept
        out += [text[p:a], digits, " " * (b - a - len(digits))]
        p = b
    out.append(text[p:])
    return "".join(out)


# --- months written as Roman numerals ("do 15.IX.2024", "VIII.2024", "XII.2024 – I.2025") --------------
_RM = r"(?:xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)"
_R_ROMAN_DATE = re.compile(
    rf"(?:(?P<pre>do|od|najpóźniej\s+do)\s+)?\b(?P<d>\d{{1,2}})(?:\.|\s)\s?(?P<m>{_RM})(?:\.|\s)\s?(?P<y>{YEAR})\b", re.I)
_QUARTER_BEFORE = re.compile(r"\b(?:kwarta\w*|półrocz\w*|kw\.)\s*$", re.I)   # "kwartał II/2026": a quarter
# "XI.2025", and with the year after a slash: "X/2025", "XI/2025 – III/2026" (not a resolution's number, "Nr X/2025")
_R_ROMAN_MONTH = re.compile(
    rf"(?:(?P<pre>do|od|w)\s+)?(?<!nr\s)(?<![\w/.])(?P<m1>{_RM})[./](?P<y1>{YEAR})\b"
    rf"(?:\s*(?:–|—|-)\s*(?P<m2>{_RM})[./](?P<y2>{YEAR})\b)?(?!/)", re.I)

# "XII 2026", "do IV 2027 r.": one Roman month in capitals and its year after a space (a table's term cell); not a
# number ("nr II 2026"), a date's month ("2 VI 2026 r."), nor a run of them (below)
_R_ROMAN_MONTH_YEAR = re.compile(
    rf"(?:(?P<pre>do|od|w)\s+)?(?<![\w./])(?<!nr\s)(?<!\d[ \t])(?P<m1>{_RM.upper()})[ \t]+(?P<y1>{YEAR})\b(?:[ \t]*r\.)?"
    rf"(?![ \t]*(?:–|—|-|do\s)[ \t]*{_RM.upper()}\b)")

# "XI 2025 r. – IV 2026 r.", "od XI 2025 do IV 2026": two Roman months (in capitals), each with its year
_R_ROMAN_MONTH_SPAN = re.compile(
    rf"(?:\b(?P<od>od)\s+)?(?<![\w.])(?P<m1>{_RM.upper()})\s+(?P<y1>{YEAR})(?:\s*r\.)?\s*(?:–|—|-|(?<=\s)do(?=\s))\s*"
    rf"(?P<m2>{_RM.upper()})\s+(?P<y2>{YEAR})\b(?:\s*r\.)?")
# "III–VI 2025", "II/III 2026": a range of Roman months sharing the year after it
_R_ROMAN_RANGE = re.compile(rf"(?:\b(?P<od>od)\s+)?\b(?P<m1>{_RM})\s*(?:–|—|-|/|(?<=\s)do(?=\s))\s*(?P<m2>{_RM})(?:\.[ \t]*|\s+|[ \t]*/[ \t]*)(?P<y>{YEAR})\b",
                            re.I)   # "III–VI 2025", "II/III 2026", "od IV do IX 2026 r.", "III-VIII/2026", "IV–VI.2018"
# "od 1 IX 2025 r. do 28 II 2026 r.": two Roman dates as a range
def _roman_day(n: int) -> str:
    return rf"(?P<d{n}>\d{{1,2}})(?:\.|\s)\s?(?P<m{n}>{_RM})(?:\.|\s)\s?(?P<y{n}>{YEAR})\b(?:\s*r(?:oku|\.)?)?"


# ("od dnia 1.IX.2016 r. do dnia 28.II.2017 r.")
_R_ROMAN_DATE_RANGE = re.compile(rf"(?:\bod\s+(?:dnia\s+)?)?\b{_roman_day(1)}\s*(?:do(?:\s+dnia)?|–|—|-)\s*{_roman_day(2)}",
                                 re.I)
# "– XI 2025.", "– XI–III.": a Roman month (or a run of them) as the term that ends an item, in capitals
_RM_UP = _RM.upper()
_R_ROMAN_TERM = re.compile(
    rf"(?<=[–—-]\s|,\s)(?P<m1>{_RM_UP})(?:\s*[–—-]\s*(?P<m2>{_RM_UP}))?(?:\s+(?P<y>{YEAR})(?:\s*r\.)?)?"
    rf"(?=[ \t]*[.;]?[ \t]*$|[ \t]*[.;]?\t)", re.M)   # (or a table's cell ends: "raz na 3 tygodnie, III–VIII<tab>patrole")
# "(do 19 VI)", "do zamknięcia sezonu (6 IX)": a day and a Roman month in capitals, the year from the context
_R_ROMAN_DAY = re.compile(
    rf"(?<![\d.])\b(?P<d>[12]\d|3[01]|0?[1-9])[ \t.]?(?P<m>{_RM_UP})\b(?![ \t.]?\d)")   # ("do 30.IV")
_ROMAN_DAY_PRE = re.compile(r"\b(?P<pre>do|od|najpóźniej\s+do)\s+$", re.I)
_TERM_BEFORE = re.compile(r"(?:\(|\[|[–—-]\s|:\s)\s*$")
# a term in square brackets opening an item: "[IX] spotkanie", "[VII–VIII, soboty] patrol"; a span of days in one
# Roman month: "[22–26 VI, tydzień przed wakacjami]" (the later day)
# a run of Roman months opening a schedule's line before a dash: "d) V–VI – kontrole trzeźwości" (a run only: "I – Cel"
# heads a part)
_R_ROMAN_LEAD = re.compile(rf"^[ \t]*{_ITEM_MARK}(?P<m1>{_RM_UP})[ \t]*[–—-][ \t]*(?P<m2>{_RM_UP})(?:\s+(?P<y>{YEAR}))?"
                           rf"(?=[ \t]+[–—-][ \t]|,[ \t])", re.M)
# "b) w IV i V – warsztaty", "w III–IV, co tydzień": Roman months after "w", the term of an item (nothing but
# punctuation after them: "w IV klasie", "w I kwartale" are no months)
_R_ROMAN_IN = re.compile(rf"(?:^|(?<=[\s(]))[wW][ \t]+(?P<m1>{_RM_UP})(?:[ \t]*(?:[–—-]|i|oraz)[ \t]*(?P<m2>{_RM_UP}))?"
                         rf"(?:\s+(?P<y>{YEAR})(?:\s*r\.)?)?(?=[ \t]*(?:[–—,;)]|\.(?!\d)|$))", re.M)
_R_ROMAN_BRACKET = re.compile(rf"(?<=\[)(?P<m1>{_RM_UP})(?:\s*[–—-]\s*(?P<m2>{_RM_UP}))?(?:\s+(?P<y>{YEAR}))?(?=\s*[\],])")
# "| VIII–XI |", "| IX |": Roman months alone in a table's cell, the year from the context
_R_ROMAN_CELL = re.compile(rf"(?<=[|▸][ \t])(?P<m1>{_RM_UP})(?:[ \t]*[–—-][ \t]*(?P<m2>{_RM_UP}))?(?:[ \t]+(?P<y>{YEAR}))?"
                           rf"(?=[ \t]*[|▸])")
_R_ROMAN_DAYS = re.compile(rf"(?<![\d.])\b(?P<d1>[12]\d|3[01]|0?[1-9])\s*[–—-]\s*(?P<d2>[12]\d|3[01]|0?[1-9])[ \t]?"
                           rf"(?P<m>{_RM_UP})\b(?![ \t.]?\d)")
# "1 IV – 30 IX 2026": the first date's year is the second's (capitals only: "1 i 2" is not a month)
# (read case-insensitively, so the prefilter reads it; the capitals are checked on each match)
_R_ROMAN_DAY_SPAN = re.compile(
    rf"(?:\bod\s+)?\b(?P<d1>\d{{1,2}})(?:\.|\s)\s?(?P<m1>{_RM})\.?\s*(?:do|–|—|-)\s*"
    rf"(?P<d2>\d{{1,2}})(?:\.|\s)\s?(?P<m2>{_RM})(?:\.|\s)\s?(?P<y2>{YEAR})\b(?:\s*r(?:oku|\.)?)?", re.I)
# "03.2026 – 08.2026", "do 09.2025": a month written as a number with its year (never inside a full date)
_NM = r"(?:0[1-9]|1[0-2])"
# "03–08.2026": two months sharing the year after the second
# ("03/2026 – 08/2026", "Kiedy: 04/2026": a slash for the full stop, not after a document's number sign: "nr 03/2026")
_R_NUM_MONTH_SPAN = re.compile(rf"(?<![\d./])(?P<m1>{_NM})\s*(?:–|—|-)\s*(?P<m2>{_NM})[./](?P<y>{YEAR})\b(?![./]\d)")
_R_NUM_MONTH = re.compile(rf"(?:(?P<pre>do|od|w)\s+)?(?<![\d./])(?P<m1>{_NM})[./](?P<y1>{YEAR})\b(?![./]\d)"
                          rf"(?:\s*(?:–|—|-)\s*(?<![\d./])(?P<m2>{_NM})[./](?P<y2>{YEAR})\b(?![./]\d))?", re.I)
# what makes "03/2026" a document's number ("Zarządzenie nr 03/2026", "sygn. akt 12/2025", "l.dz. 04/2026")
_NUMBER_SIGN = re.compile(r"(?:\bnr|\bnumer\w*|\bsygn\.?(?:\s*akt)?|\bl\.\s?dz\.?|\bznak:?|№)\s*$", re.I)


def _numbered(m: re.Match, text: str) -> bool:
    """A month and year with a slash ("03/2026") that is a document's number: after "nr", "sygn." and the like."""
    return "/" in m.group() and _NUMBER_SIGN.search(text, max(0, m.start() - 12), m.start()) is not None


def _do_without_od(m: re.Match) -> bool:
    """Two Roman months joined by "do" with no "od" before them: "do" joins them only after "od"."""
    return not m.group("od") and re.search(r"\sdo\s", m.group()) is not None


@matcher
def roman_months(text: str, ctx: _Ctx):
    for m in _fi(_R_ROMAN_DATE, text):
        mon, d, y = _ROMAN_MONTH[m.group("m").lower()], int(m.group("d")), int(m.group("y"))
        day = _safe_date(y, mon, d)
        if day:
            yield _Cand(m.start(), m.end(), *_interval(day, day, "day", kind="date", mod=_mod(m.group("pre"))), prio=3)
    for m in (*_fi(_R_ROMAN_MONTH, text), *_fi(_R_ROMAN_MONTH_YEAR, text)):
        if _QUARTER_BEFORE.search(text, max(0, m.start("m1") - 14), m.start("m1")):
            continue   # "kwartał II/2026", "kwartał II 2026": a quarter, not February
        m2 = m.groupdict().get("m2")   # (a month and its year after a space has no second month)
        last = (m2, m.group("y2")) if m2 else (m.group("m1"), m.group("y1"))
        yield from _month_run(m, int(m.group("y1")), _ROMAN_MONTH[m.group("m1").lower()], int(last[1]),
                              _ROMAN_MONTH[last[0].lower()], _mod(m.group("pre")), one_month=True, prio=2)
    for m in _fi(_R_ROMAN_MONTH_SPAN, text):
        if _do_without_od(m):
            continue
        yield from _month_run(m, int(m.group("y1")), _ROMAN_MONTH[m.group("m1").lower()], int(m.group("y2")),
                              _ROMAN_MONTH[m.group("m2").lower()], None, one_month=False, prio=2)
    for m in _fi(_R_ROMAN_RANGE, text):
        if _do_without_od(m):
            continue
        y = int(m.group("y"))
        yield from _month_run(m, y, _ROMAN_MONTH[m.group("m1").lower()], y, _ROMAN_MONTH[m.group("m2").lower()],
                              None, one_month=False, prio=2)
    for m in _fi(_R_ROMAN_DATE_RANGE, text):
        a, b = (_safe_date(int(m.group(f"y{n}")), _ROMAN_MONTH[m.group(f"m{n}").lower()], int(m.group(f"d{n}")))
                for n in (1, 2))
        if a and b and a < b:
            yield _Cand(m.start(), m.end(), *_interval(a, b, "day"), prio=4)
    for m in _fi(_R_ROMAN_DAY, text):
        pre = _ROMAN_DAY_PRE.search(text, max(0, m.start() - 16), m.start())
        if not (pre or _TERM_BEFORE.search(text, max(0, m.start() - 3), m.start())):
            continue   # "klasy 1 IV", "pkt 3 II": a term after "do"/"od", in brackets or after a dash only
        mon = _ROMAN_MONTH[m.group("m").lower()]
        day = _safe_date(ctx.year_for(mon), mon, int(m.group("d"))) if ctx.year_for(mon) else None
        if day:
            yield _Cand(pre.start() if pre else m.start(), m.end(),
                        *_interval(day, day, "day", kind="date", mod=_mod(pre.group("pre") if pre else None)), prio=2)
    for m in (*_fi(_R_ROMAN_TERM, text), *_fi(_R_ROMAN_BRACKET, text), *_fi(_R_ROMAN_LEAD, text),
              *_fi(_R_ROMAN_IN, text), *_fi(_R_ROMAN_CELL, text)):
        if m.re is _R_ROMAN_CELL and sum(text.count(c, text.rfind("\n", 0, m.start()) + 1, m.start()) for c in "|▸") < 2:
            continue   # a row's first cell is its number ("| II | Diagnoza |"), a term's cell comes later
        m1 = _ROMAN_MONTH[m.group("m1").lower()]
        m2 = _ROMAN_MONTH[m.group("m2").lower()] if m.group("m2") else m1
        y2 = int(m.group("y")) if m.group("y") else ctx.year_for(m2)
        if y2:
            yield from _month_run(m, y2 if m1 <= m2 else y2 - 1, m1, y2, m2, None, one_month=not m.group("m2"), prio=1,
                                  start=m.start("m1"))
    for m in _fi(_R_ROMAN_DAYS, text):
        if not _TERM_BEFORE.search(text, max(0, m.start() - 3), m.start()):
            continue   # in brackets or after a dash only
        mon = _ROMAN_MONTH[m.group("m").lower()]
        y = ctx.year_for(mon)
        a, b = (_safe_date(y, mon, int(m.group("d1"))), _safe_date(y, mon, int(m.group("d2")))) if y else (None, None)
        if a and b and a < b:
            yield _Cand(m.start(), m.end(), *_interval(a, b, "day"), prio=3)
    for m in _fi(_R_ROMAN_DAY_SPAN, text):
        if not (m.group("m1").isupper() and m.group("m2").isupper()):
            continue
        y = int(m.group("y2"))
        m1, m2 = _ROMAN_MONTH[m.group("m1").lower()], _ROMAN_MONTH[m.group("m2").lower()]
        a, b = _safe_date(y if m1 <= m2 else y - 1, m1, int(m.group("d1"))), _safe_date(y, m2, int(m.group("d2")))
        if a and b and a < b:
            yield _Cand(m.start(), m.end(), *_interval(a, b, "day"), prio=4)
    for m in _fi(_R_NUM_MONTH_SPAN, text):
        if _numbered(m, text):
            continue
        y = int(m.group("y"))
        yield from _month_run(m, y, int(m.group("m1")), y, int(m.group("m2")), None, one_month=False, prio=3)
    for m in _fi(_R_NUM_MONTH, text):
        if _numbered(m, text):
            continue
        yield from _month_run(m, int(m.group("y1")), int(m.group("m1")), int(m.group("y2") or m.group("y1")),
                              int(m.group("m2") or m.group("m1")), _mod(m.group("pre")), one_month=True, prio=2)


def _month_run(m, y1: int, m1: int, y2: int, m2: int, mod, one_month: bool, prio: int, start: int | None = None):
    """The months from ``m1``/``y1`` to ``m2``/``y2`` as the candidate of match ``m`` (from ``start``, when given);
    a single month only when ``one_month`` (a range of two must go forward)."""
    if (y1, m1) < (y2, m2) or (one_month and (y1, m1) == (y2, m2)):
        yield _Cand(m.start() if start is None else start, m.end(),
                    *_interval(month_span(y1, m1)[0], month_span(y2, m2)[1], "month", mod=mod),
                    prio=prio)


# --- times ------------------------------------------------------------------------------------
# a time never runs over a line break; an hour may be written as an ordinal ("15-tej", "19-ej")
_T = r"(?:2[0-4]|[01]?\d)(?:[ \t\u00a0]?[:.][ \t\u00a0]?[0-5]\d|-(?:s?t|sz|g|c|m)?i?ej\b)?"
_GODZ = r"(?:godz(?:inach|inami|iny|inie|ina|iną|in)?\.?|g\.)"
_R_TIME_RANGE = re.compile(
    rf"(?:(?:w|we|pomiędzy|między)\s+)?(?:(?P<g0>{_GODZ})\s*)?(?:od\s+(?:(?:ok\.|około)\s*)?)?(?:(?P<g1>{_GODZ})\s*)?(?P<t1>{_T})"
    rf"\s*(?:(?:aż\s+)?do|–|—|-)\s*(?:(?:ok\.|około)\s*)?(?:(?P<g2>{_GODZ})\s*)?(?P<t2>{_T})(?![ \t\u00a0]?[:.]?\d)(?:\s*(?:h|godz\.?)\b)?", re.I)
# (a part of the day may follow the first hour: "między jedenastą wieczorem a trzecią nad ranem")
_R_BETWEEN = re.compile(
    rf"\b(?:pomiędzy|między)\s+(?:(?P<g1>{_GODZ})\s*)?(?P<t1>{_T})"
    rf"(?:\s+(?P<pm>wieczorem|w\s+nocy|nocą|po\s+południu)|\s+(?:rano|przed\s+południem))?"
    # (and "nad ranem" after the last hour only says which three it is: "a trzecią nad ranem")
    rf"\s+a\s+(?:(?P<g2>{_GODZ})\s*)?(?P<t2>{_T})(?!\d|[:.]\d)(?:\s+nad\s+ranem\b)?"
    rf"(?!\s*(?:%|(?!rano\b|wieczorem\b|w\s+nocy\b|nocą\b|godz|h\b|(?:oraz|i|lub|albo|w|we)\s)[a-ząćęłńóśźż]))", re.I)
# with minutes on both times the range is a clock's whatever word follows ("między 18:00 a 23:00 ujawniani są")
_HM = r"(?:2[0-4]|[01]?\d)[ \t\u00a0]?[:.][ \t\u00a0]?[0-5]\d"
_R_BETWEEN_CLOCK = re.compile(
    rf"\b(?:pomiędzy|między)\s+(?:(?P<g1>{_GODZ})\s*)?(?P<t1>{_HM})\s+a\s+(?:(?P<g2>{_GODZ})\s*)?(?P<t2>{_HM})(?!\d|[:.]\d)",
    re.I)
# bare hours between two others whatever follows, read only after days or a habit's adverb (see ``_hours_after_days``):
# "W soboty i niedziele między 8 a 12 po lesie jeździ …", "w słoneczne dni między 10 a 17 giną rzeczy"
_R_BETWEEN_HOURS = re.compile(rf"\b(?:pomiędzy|między)\s+(?P<t1>(?:[01]?\d|2[0-4]))\s+a\s+(?P<t2>(?:[01]?\d|2[0-4]))"
                              rf"(?![\d:.,]?\d|\s*(?:%|proc|lat\b|rok|osób|os\.|razy|km|m\b|metr|zł|tys|mln|minut|sekund|godzin|dni\b|tygodni"
                              rf"|miesięc|aut\b|samochod|pojazd|uczni|dzieci))", re.I)
_R_TIME_POINT = re.compile(
    rf"(?:(?P<pre>po|przed|od|do|około|ok\.|o|na|w)\s+)?(?:(?P<g>{_GODZ})\s*)(?P<t>{_T})(?!\d|[:.]\d)", re.I)
_R_CLOCK = re.compile(r"(?<![\d.:])(?P<t>(?:[01]?\d|2[0-3]):[0-5]\d)(?![\d:])")
# (an approximation may come between: "do mniej więcej 22:00", "po około 23:00")
_CLOCK_PRE = re.compile(rf"\b(po|od|przed|do)\s+(?:{_ABOUT}\s*)?$", re.I)
# a dotted clock after its preposition, its minutes round (no day and month: "po 20.00", "od 21.30")
# (or a bound in words: "nie wcześniej niż o 22.30", "nie później niż o 6.00")
_R_CLOCK_DOT = re.compile(r"\b(?P<pre>po|od|przed|do|nie\s+wcześniej\s+niż(?:\s+o)?|nie\s+później\s+niż(?:\s+o)?)\s+"
                          rf"(?:{_ABOUT}\s*)?(?P<t>(?:[01]?\d|2[0-3])\.(?:00|15|30|45))(?![\d.,]\d|\d)", re.I)
_R_PARTS = re.compile(
    rf"\b(?:(?:w|we|o|podczas)\s+)?(?:godzinach|godziny|godzin|godz\.|porze|porach|porą|pory|czasie|okresie)\s+"
    rf"(?P<a>{L.PART_ADJ}(?:-{L.PART_ADJ})?)(?:\s*(?:,|i|oraz|lub|albo)\s*(?P<b>{L.PART_ADJ}(?:-{L.PART_ADJ})?))?", re.I)
_PART_NOUN = {"w nocy": "night", "nocą": "night", "nocami": "night", "noce": "night", "wieczorem": "evening",
              "wieczorami": "evening",
              "rano": "morning", "rankiem": "morning", "rankami": "morning", "nad ranem": "morning",
              "o świcie": "morning", "świtem": "morning", "przed świtem": "morning", "przed południem": "morning",
              "przedpołudniami": "morning", "po południu": "afternoon", "popołudniami": "afternoon",
              "o zmierzchu": "evening", "zmierzchem": "evening", "po zmierzchu": "evening", "po zmroku": "evening",
              "o zmroku": "evening", "o północy": "night", "po północy": "night",
              "po zachodzie słońca": "evening", "o zachodzie słońca": "evening", "przed wschodem słońca": "morning",
              "o wschodzie słońca": "morning", "od zmierzchu": "evening", "od zmroku": "evening",
              "o brzasku": "morning", "brzaskiem": "morning", "o świtaniu": "morning",
              "późnym wieczorem": "evening", "do późnego wieczora": "evening", "późną nocą": "night",
              "do późnej nocy": "night", "do późna w nocy": "night",
              "od wieczora": "evening", "od wczesnego wieczora": "evening", "wczesnym wieczorem": "evening",
              "pod osłoną nocy": "night", "w nocach": "night", "zapada zmierzch": "evening", "zapada zmrok": "evening",
              "zapadnięciu zmroku": "evening", "zapadnięciu zmierzchu": "evening", "od świtu": "morning",
              "godzinach poranka": "morning", "do wczesnego wieczora": "evening", "po obiedzie": "afternoon",
              "wczesnym popołudniem": "afternoon", "późnym popołudniem": "afternoon", "wieczorów": "evening",
              "gdy się ściemni": "evening", "kiedy się ściemni": "evening", "gdy się ściemnia": "evening",
              "kiedy się ściemnia": "evening", "gdy robi się ciemno": "evening", "kiedy robi się ciemno": "evening",
              "gdy zrobi się ciemno": "evening", "kiedy zrobi się ciemno": "evening",
              "o szarej godzinie": "evening", "o szarówce": "evening", "po wschodzie słońca": "morning", "do południa": "morning",
              # "w soboty, gdy tylko zapadnie noc"
              "zapada noc": "night", "zapadnie noc": "night", "zapadnięciu nocy": "night", "zapadnie zmrok": "evening",
              "zapadnie zmierzch": "evening", "od rana do obiadu": "morning", "od rana do południa": "morning",
              # "latem, gdy tylko się ściemni", "w weekendy, zanim wybije południe", "w weekendy przeciąga się do nocy"
              "gdy tylko się ściemni": "evening", "kiedy tylko się ściemni": "evening", "zanim wybije południe": "morning",
              "do nocy": "night", "aż do nocy": "night",
              # "pod wieczór", "gdy zaczyna się ściemniać", "od wczesnego popołudnia", "w popołudnia sobót i niedziel",
              # "w wieczory od czwartku do niedzieli"
              "pod wieczór": "evening", "zaczyna się zmierzchać": "evening",
              "od wczesnego popołudnia": "afternoon", "od popołudnia": "afternoon", "w popołudnia": "afternoon",
              "w wieczory": "evening", "w poranki": "morning",
              # "grupki, które, gdy tylko zrobi się ciemno, spotykają się na skwerze"
              "robi się ciemno": "evening", "zrobi się ciemno": "evening", "zaczyna się ściemniać": "evening",
              # "nocą albo skoro świt", "z samego rana, zanim park się zapełni", "w porze poranka", "aż po zmierzch"
              "skoro świt": "morning", "z samego rana": "morning", "samym rankiem": "morning", "o poranku": "morning",
              "porankiem": "morning", "porze poranka": "morning", "po zmierzch": "evening", "po zmrok": "evening",
              # "ciężarówki zjeżdżają na noc", "psy spuszczane na noc"
              "na noc": "night", "na noce": "night",
              # "gdy robiło się ciemno", "gdy zmierzcha i gdy dopiero robi się jasno", "w porze zmierzchu", "po nocach"
              "robiło się ciemno": "evening", "zrobiło się ciemno": "evening", "zmierzcha": "evening",
              "robi się jasno": "morning", "robiło się jasno": "morning", "porze zmierzchu": "evening",
              "porze zmroku": "evening", "porze świtu": "morning", "po nocach": "night", "wczesnego ranka": "morning"}
# the second of two parts of the day told with their hours, its "godzinach" left out: "w godzinach porannych 6–8 oraz
# wieczornych 19–22" (not an adjective of a noun: "driftu i nocnych zlotów")
# (or the first's hours in brackets and the second's none: "w godzinach porannych (6:00–8:00) i wieczornych.")
_R_PART_ELLIPSIS = re.compile(rf"(?<=\d)[ \t]+(?:oraz|i|a)[ \t]+(?P<a>{L.PART_ADJ})(?=[ \t]+\d)"
                              rf"|(?<=\d\))[ \t]+(?:oraz|i|a)[ \t]+(?P<b>{L.PART_ADJ})(?=[ \t]*(?:[.;,]|$))", re.I | re.M)
# "od rana do wczesnego popołudnia", "od południa do wieczora", "od wieczora do rana": the parts of the day from the
# first to the last (the noon a start of the afternoon, an end of the morning: "od rana do południa" is the morning)
_SPAN_START = {"rana": "morning", "świtu": "morning", "poranka": "morning", "południa": "afternoon", "popołudnia": "afternoon",
               "wieczora": "evening", "wieczoru": "evening", "zmroku": "evening", "zmierzchu": "evening", "nocy": "night"}
# (the end also in the accusative after "po": "od wczesnego popołudnia aż po zmierzch")
_SPAN_END = {**_SPAN_START, "południa": "morning", "północy": "evening", "zmierzch": "evening", "zmrok": "evening",
             "wieczór": "evening", "świt": "morning", "północ": "evening"}
_DAY_ORDER = ("morning", "afternoon", "evening", "night")
_R_PART_SPAN = re.compile(rf"\bod\s+(?:(?:wczesnego|późnego|samego)\s+)?(?P<a>{'|'.join(_SPAN_START)})\s+(?:aż\s+)?(?:do|po)\s+"
                          rf"(?:(?:wczesnego|późnego|samego|późnej|głębokiej)\s+)?(?P<b>{'|'.join(_SPAN_END)})\b", re.I)


# an hour of the night right before a morning word: "do trzeciej nad ranem", "między 1 a 4 rano" (five is the
# morning's: "od piątej rano")
_NIGHT_HOUR_BEFORE = re.compile(rf"(?:(?<![\d:.])(?:[0-4]|0[0-4])(?:[:.]\d\d)?|\b(?:pierwszej|drugiej|trzeciej|czwartej"
                                rf"|pierwsza|druga|trzecia|czwarta))[ \t]*$", re.I)


def _parts_between(first: str, last: str) -> list[str]:
    """The parts of the day from ``first`` to ``last``, through midnight when ``last`` comes earlier; a span through
    the night ends as the morning begins ("od zmierzchu do świtu", "od wieczora do rana": evening and night)."""
    i, j = _DAY_ORDER.index(first), _DAY_ORDER.index(last)
    parts = [_DAY_ORDER[k % 4] for k in range(i, (j if j >= i else j + 4) + 1)]
    if last == "morning" and len(parts) > 1 and parts[-2] == "night":
        parts.pop()
    return parts


_PART_NOUN_ALT = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_PART_NOUN, key=len, reverse=True))
_R_PART_NOUNS = re.compile(rf"\b(?P<a>{_PART_NOUN_ALT})(?!\w)", re.I)
# a bare hour right after a part of the day: "późnym wieczorem, po 21", "nocą, od 23" (a clause ends after it)
_R_PART_HOUR = re.compile(
    rf"\b(?:{_PART_NOUN_ALT})[ \t]*,?[ \t]*(?P<pre>po|od|przed|do|około|ok\.)[ \t]+(?P<t>2[0-4]|[01]?\d)(?=[ \t]*(?:[,.;)]|$))",
    re.I | re.M)
# "zaczynają się po 21.30 i trwają do ok. 1.00": the start and the end of what happens, a verb of lasting between
_R_CLOCK_SPAN = re.compile(
    rf"\b(?:po|od|około|ok\.|o)\s+(?:(?P<g1>{_GODZ})\s*)?(?P<t1>{_T})(?![\d:.]\d)[^.\n;]{{0,40}}?"
    rf"\b(?:trwaj?\w*|kończ\w*|przeciąga\w*|ciągn\w*)(?:\s+się)?\s+(?:aż\s+)?(?:do|około|ok\.)\s+"
    rf"(?:(?:około|ok\.)\s+)?(?:(?P<g2>{_GODZ})\s*)?(?P<t2>{_T})(?![\d:.]\d)", re.I)
# "w suche, wietrzne popołudnia", "w ciepłe wieczory": a part of the day in the plural after adjectives
_PARTS_PLURAL = r"(?:wieczory|noce|popołudnia|poranki|przedpołudnia)"
_R_PART_PLURAL = re.compile(
    rf"\bw\s+(?:(?!{_PARTS_PLURAL}\b)(?-i:[a-ząćęłńóśźż])\w*(?:,|\s+i)?\s+){{1,2}}(?P<n>{_PARTS_PLURAL})\b"
    rf"(?:\s+(?:i|oraz|lub)\s+(?P<n2>{_PARTS_PLURAL})\b)?", re.I)   # "w ciepłe popołudnia i wieczory"
# "wieczorową porą", "nocną porą"; "w porannym szczycie", "w wieczornych godzinach" (the adjective first)
# ("w porannym dojeździe do pracy")
_R_PART_PORA = re.compile(rf"\b(?P<a>{L.PART_ADJ})\s+(?:porą|szczycie|godzinach|dojeździe|dojazdach|dowozie)\b", re.I)
# the part of the day that complaints or reports concern: "Najwięcej skarg dotyczy poranka", "zgłoszeń przypada na
# wieczory od czwartku do soboty"
_ABOUT_PART = {"poranka": "morning", "poranków": "morning", "poranki": "morning", "nocy": "night",
               "noce": "night", "wieczoru": "evening", "wieczora": "evening", "wieczorów": "evening", "wieczory": "evening",
               "popołudnia": "afternoon", "popołudni": "afternoon"}
_R_PART_ABOUT = re.compile(rf"\b(?:dotycz\w*|przypada\w*\s+na)\s+(?P<a>{'|'.join(_ABOUT_PART)})\b", re.I)
# "w nocy z piątku na sobotę", "w noce z soboty na niedzielę": the night between two days
# the night's noun may stand apart ("nocą, zwłaszcza z piątku na sobotę") or be left out ("z piątku na sobotę")
_R_NIGHT_BETWEEN = re.compile(
    rf"(?:(?:\b(?:w|we|podczas|przez)\s+)?\b(?:noc(?:y|ą|e|ami|ach)?|nocną\s+porą|godzinach\s+nocnych)\s*"
    rf"(?:,?\s*(?:zwłaszcza|szczególnie|głównie|najczęściej|przede\s+wszystkim)\s+)?)?"
    rf"\bze?\s+(?P<a>{L.WEEKDAY})\s+na\s+(?P<b>{L.WEEKDAY})\b"
    rf"(?:\s*(?:,|i|oraz|lub)\s+ze?\s+(?P<c>{L.WEEKDAY})\s+na\s+(?P<d>{L.WEEKDAY})\b)?", re.I)   # ("ze środy na czwartek")
# "w noce pt/sob i sob/nd": the nights written as two abbreviated days with a slash
_NIGHT_DAYS = rf"(?P<{{0}}>{L.WEEKDAY_ABBR})\.?[ \t]*/[ \t]*(?P<{{1}}>{L.WEEKDAY_ABBR})\b\.?"
_R_NIGHT_SLASH = re.compile(
    rf"\b(?:(?:w|we|podczas)\s+)?noc(?:e|y|ach|ami)?\s+(?:z\s+)?{_NIGHT_DAYS.format('a', 'b')}"
    rf"(?:\s*(?:,|i|oraz|lub)\s*(?:z\s+)?{_NIGHT_DAYS.format('c', 'd')})?", re.I)
# "w piątkowe i sobotnie wieczory", "w weekendowe noce": adjectives of days before a part-of-day noun
_WD_ADJ = {"poniedziałkow": "mon", "wtorkow": "tue", "środow": "wed", "czwartkow": "thu", "piątkow": "fri",
           "sobotni": "sat", "niedzieln": "sun", "weekendow": "sat,sun"}
_WD_ADJ_RX = "(?:" + "|".join(_WD_ADJ) + r")(?:ych|ymi|ego|ej|ch|mi|e|y|ą|a)?"
_PART_PLURAL = {"noce": "night", "nocy": "night", "nocami": "night", "nocach": "night", "noc": "night",
                "wieczory": "evening", "wieczorami": "evening", "wieczorach": "evening", "wieczór": "evening",
                "wieczorów": "evening", "popołudnia": "afternoon", "popołudniami": "afternoon",
                "popołudniach": "afternoon", "popołudnie": "afternoon", "popołudni": "afternoon",
                "poranki": "morning", "rankami": "morning", "porankami": "morning", "porankach": "morning",
                "poranek": "morning", "poranków": "morning", "przedpołudnia": "morning", "przedpołudni": "morning",
                "przedpołudniami": "morning", "przedpołudniach": "morning", "przedpołudnie": "morning"}
_R_WD_ADJ_PART = re.compile(
    rf"(?:\b(?:w|we|podczas|przez)\s+)?\b(?P<a>{_WD_ADJ_RX})(?:\s*,\s*(?P<c>{_WD_ADJ_RX}))?"
    rf"(?:(?:\s*(?:,|i|oraz|lub|albo)\s*|o-)(?P<b>{_WD_ADJ_RX}))?"   # "w czwartkowe, piątkowe i sobotnie wieczory"
    # (or one compound: "w sobotnio-niedzielne noce", "piątkowo-sobotnie wieczory")
    rf"\s+(?P<n>{'|'.join(sorted(_PART_PLURAL, key=len, reverse=True))})\b", re.I)


_EACH_BEFORE = re.compile(r"\b(?:w\s+)?każd\w*\s+$", re.I)


def _wd_adj(word: str) -> list[str]:
    w = word.lower()
    for stem, days in _WD_ADJ.items():
        if w.startswith(stem):
            return days.split(",")
    return []


_SPACE = re.compile(r"\s")
_HHMM = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?$")
_ORDINAL_HOUR = re.compile(r"-(?:s?t|sz|g|c|m)?i?ej$")   # "15-tej", "22-giej", "1-szej": the hour as an ordinal


@lru_cache(maxsize=4096)
def _hhmm(t: str) -> str | None:
    mm = _HHMM.match(_ORDINAL_HOUR.sub("", _SPACE.sub("", t)))
    if not mm:
        return None
    h, mi = int(mm.group(1)), int(mm.group(2) or 0)
    if h == 24 and mi == 0:
        h = 0
    if h > 23 or mi > 59:
        return None
    return f"{h:02d}:{mi:02d}"


def _plausible_clock(t: str) -> bool:
    """A bare time without 'godz.': needs minutes, and "7.30" style only with round minutes; an hour written as
    an ordinal ("od 23-ej do 3-ej") is a clock's too."""
    if ":" in t or _ORDINAL_HOUR.search(t):
        return True
    mm = re.search(r"[.](\d{2})$", t.replace(" ", ""))
    return bool(mm) and mm.group(1) in ("00", "15", "30", "45")


_DOTTED = re.compile(r"(\d{1,2})\.(\d{2})$")
_AMOUNT_AFTER = re.compile(r"\s*(?:zł|pln|gr|%|proc|km|m\b|kg|l\b|mln|tys|mg|ha)", re.I)


def _dotted_clocks(t1: str, t2: str, text: str, end: int) -> bool:
    """Two dotted times as a range, one on the hour or quarter, the other's minutes no month ("7.40–8.00"), or
    one's minutes no month and the second later ("6.50–7.20", "15.10–15.40"): a clock's, unless an amount's unit
    follows ("7.40–8.00 zł")."""
    m1, m2 = _DOTTED.match(t1.replace(" ", "")), _DOTTED.match(t2.replace(" ", ""))
    if not (m1 and m2) or any(int(m.group(1)) > 23 or int(m.group(2)) > 59 for m in (m1, m2)):
        return False
    if _plausible_clock(t1) or _plausible_clock(t2):
        ok = int((m2 if _plausible_clock(t1) else m1).group(2)) > 12
    else:
        # neither on the quarter ("6.50–7.20", "15.10–15.40"): a side whose minutes are no month's ("40") makes the
        # pair no days' range, when the second time comes later the same day
        ok = any(int(m.group(2)) > 12 for m in (m1, m2)) and \
            (int(m1.group(1)), int(m1.group(2))) < (int(m2.group(1)), int(m2.group(2)))
    return ok and not _AMOUNT_AFTER.match(text, end)


# bare hours after days and "ok.": "pt.–sob., ok. 19–23, gdy ..." (not "ok. 10–15 osób": a clause ends after them)
# (or "od 16 do 21" after days or parts of the day: "z piątków, od 16 do 21,", "poranków, mniej więcej od 7 do 11")
# (an aside of up to 60 characters may stand between: "w soboty, kiedy zmieniają się turnusy, od 9 do 13", "w mroźne wieczory, mniej więcej od
# 17 do 22")
# (or after a habit's adverb: "najczęściej od 14 do 17, gdy …", "zwykle od 12 do 19."; or right after a part of the
# day's adjective: "godziny nocne (22–6)", "w godzinach porannych 6–8 oraz wieczornych 19–22")
# (searched in a window before each bare hour range, never through the prefilter: Hyperscan finds it too large)
_ABOUT_TAIL = rf"(?:{_ABOUT}[ \t]+)?(?:od[ \t]+(?:(?:ok\.|około)[ \t]*)?|(?:ok\.|około)[ \t]*|(?:pomiędzy|między)[ \t]+)"
_DAYS_ABOUT = re.compile(rf"(?:(?:\b(?:{L.WEEKDAY}|{_WD_ALT}|poranków|wieczorów|popołudni|rano|wieczorem|wieczorami"
                           rf"|wieczory|poranki|popołudnia|noce|nocami|(?<=\bw\s)(?:[^\W\d]+\s+)?dni(?:\s+[^\W\d]+)?"
                           # (the hours named, then which: "w godzinach największego natężenia ruchu, tj. od 11 do 16")
                           rf"|(?<=\bw\s)godzinach(?=[ \t]+[^\W\d]))"
                           rf"|\b(?:{L.WEEKDAY_ABBR})\.?)\)?"
                           # (the hours in brackets after it: "w soboty, do wczesnego popołudnia (ok. 9–14)", "wieczorami (19–23)")
                           rf"(?:[ \t]*\([ \t]*(?:{_ABOUT_TAIL})?"
                           # (or right after its comma: "w sob.–niedz., 9–14, natomiast …")
                           rf"|[ \t]*,[ \t]*"
                           rf"|[ \t]*,?[ \t]*(?:[^\W\d][^,\n.;:\d]{{0,60}}[,–—][ \t]*)?(?:(?:tj\.|czyli)[ \t]+)?{_ABOUT_TAIL})"
                           # (the next range after a clock's range: "w godz. 7–9 i od 16 do 18")
                           rf"|\b{_GODZ}[ \t]*\d{{1,2}}(?:[:.]\d\d)?[ \t]*[–—-][ \t]*\d{{1,2}}(?:[:.]\d\d)?[ \t]+(?:i|oraz)[ \t]+{_ABOUT_TAIL}?"
                           rf"|\b(?:najczęściej|zwykle|zazwyczaj|głównie|przeważnie|zwłaszcza|szczególnie)[ \t]+{_ABOUT_TAIL}?"
                           rf"|\b(?:porann|wieczorn|nocn|popołudniow|przedpołudniow)(?:ych|e)[ \t]*\(?[ \t]*)$", re.I)
# (or a dash closing an aside, or the next item of a list: "– od 11 do 17 –", "6–8 oraz wieczornych 19–22")
_CLAUSE_END = re.compile(r"[ \t]*(?:[,.;)–—]|$)|[ \t]+(?:oraz|i|a|lub)\b", re.M)


def _hours_after_days(text: str, m) -> bool:
    return bool(_DAYS_ABOUT.search(text, max(0, m.start("t1") - 90), m.start("t1"))) and \
        bool(_CLAUSE_END.match(text, m.end()) or _hours_of_part(text, m)) and "." not in m.group("t1") + m.group("t2")


# a part of the day right after two bare hours, which the first of them falls in: "w soboty, od 22 do 2 w nocy"
_PART_AFTER = re.compile(r"[ \t]+(?:(?P<night>w[ \t]+nocy|nocą)|(?P<evening>wieczorem)|(?P<morning>rano|rankiem|nad[ \t]+ranem)"
                         r"|(?P<afternoon>po[ \t]+południu))\b", re.I)
_PART_HOURS = {"night": frozenset((*range(19, 25), *range(0, 6))), "evening": frozenset(range(16, 24)),
               "morning": frozenset(range(3, 12)), "afternoon": frozenset(range(12, 19))}


def _hours_of_part(text: str, m) -> bool:
    after = _PART_AFTER.match(text, m.end())
    return bool(after) and m.group("t1").isdigit() and int(m.group("t1")) in _PART_HOURS[after.lastgroup]


def _time_after(pre: str | None, a: str) -> tuple[str, str, dict]:
    """(kind, granularity, value) of time ``a`` after its preposition: from it ("po", "od"), up to it ("przed",
    "do"), or the moment itself ("około", "o", none)."""
    pre = " ".join((pre or "").lower().split())
    if pre.startswith("nie wcześniej"):
        pre = "od"
    elif pre.startswith("nie później"):
        pre = "do"
    if pre in ("po", "od"):
        return "interval", "time", {"start": a, "end": None}
    if pre in ("przed", "do"):
        return "interval", "time", {"start": None, "end": a}
    return "time", "time", {"start": a, "end": a}


@matcher
def times(text: str, ctx: _Ctx):
    for m in _fi(_R_TIME_RANGE, text):
        has_g = bool(m.group("g0") or m.group("g1") or m.group("g2"))
        t1, t2 = m.group("t1"), m.group("t2")
        if not has_g and not (_plausible_clock(t1) and _plausible_clock(t2)) and not _hours_after_days(text, m) \
                and not _dotted_clocks(t1, t2, text, m.end()):
            continue
        a, b = _hhmm(t1), _hhmm(t2)
        if a and b:
            yield _Cand(m.start(), m.end(), "interval", "time", {"start": a, "end": b}, prio=2)
    for m in _fi(_R_BETWEEN_HOURS, text):
        if m.group("t1") != m.group("t2") and _DAYS_ABOUT.search(text, max(0, m.start("t1") - 90), m.start("t1")):
            yield _Cand(m.start(), m.end(), "interval", "time",
                        {"start": _hhmm(m.group("t1")), "end": _hhmm(m.group("t2"))}, prio=1)
    for rx in (_R_BETWEEN, _R_BETWEEN_CLOCK):
        for m in _fi(rx, text):
            a, b = _hhmm(m.group("t1")), _hhmm(m.group("t2"))
            if a and rx is _R_BETWEEN and m.group("pm") and int(a[:2]) < 12:
                a = f"{int(a[:2]) + 12:02d}{a[2:]}"   # "między 11 wieczorem a 3 nad ranem": 23:00
            if a and b:
                yield _Cand(m.start(), m.end(), "interval", "time", {"start": a, "end": b}, prio=2)
    for m in _fi(_R_TIME_POINT, text):
        a = _hhmm(m.group("t"))
        if not a:
            continue
        yield _Cand(m.start(), m.end(), *_time_after(m.group("pre"), a), prio=1)
    for m in _fi(_R_PART_HOUR, text):
        a = _hhmm(m.group("t"))
        if a:
            yield _Cand(m.start("pre"), m.end(), *_time_after(m.group("pre"), a), prio=1)
    for m in _fi(_R_CLOCK, text):
        a = _hhmm(m.group("t"))
        if a:
            # "po 22:00", "przed 6:00": a bare clock after a preposition is an open range, as with "godz."
            pre = _CLOCK_PRE.search(text, max(0, m.start() - 22), m.start())
            yield _Cand(pre.start() if pre else m.start(), m.end(), *_time_after(pre and pre.group(1), a), prio=0)
    for m in _fi(_R_CLOCK_DOT, text):
        a = _hhmm(m.group("t"))
        if a and not _AMOUNT_AFTER.match(text, m.end()):   # (an amount: "po 20.00 zł")
            yield _Cand(m.start(), m.end(), *_time_after(m.group("pre"), a), prio=0)
    for m in _fi(_R_PARTS, text):
        parts = []
        for g in ("a", "b"):
            w = m.group(g)
            if not w:
                continue
            for piece in re.split(r"-", w):
                p = L.part_of_day(piece)
                if p and p not in parts:
                    parts.append(p)
        if parts:
            yield _Cand(m.start(), m.end(), "time", "part_of_day", {"parts": parts}, prio=1)
    for m in _fi(_R_PART_NOUNS, text):
        part = _PART_NOUN.get(" ".join(m.group("a").lower().split()))
        if part == "morning" and _NIGHT_HOUR_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue   # "do trzeciej nad ranem", "między 1 a 4 rano": the night's hour told, no morning of its own
        if part:
            yield _Cand(m.start(), m.end(), "time", "part_of_day", {"parts": [part]}, prio=0)
    for m in _fi(_R_PART_ELLIPSIS, text):
        g = "a" if m.group("a") else "b"
        part = L.part_of_day(m.group(g))
        if part:
            yield _Cand(m.start(g), m.end(g), "time", "part_of_day", {"parts": [part]}, prio=0)
    for m in _fi(_R_PART_SPAN, text):
        parts = _parts_between(_SPAN_START[m.group("a").lower()], _SPAN_END[m.group("b").lower()])
        yield _Cand(m.start(), m.end(), "time", "part_of_day", {"parts": parts}, prio=1)
    for m in _fi(_R_PART_PLURAL, text):
        parts = [p for g in ("n", "n2") if m.group(g) and (p := _PART_PLURAL.get(m.group(g).lower()))]
        if parts and not any(_wd_adj(w.strip(",")) for w in text[m.start():m.start("n")].split()[1:]):
            # "w sobotnie wieczory", "w ciepłe, weekendowe wieczory": a day's (read by the days' adjectives)
            yield _Cand(m.start(), m.end(), "time", "part_of_day", {"parts": list(dict.fromkeys(parts))}, prio=0)
    for m in _fi(_R_CLOCK_SPAN, text):
        t1, t2 = m.group("t1"), m.group("t2")
        if not (m.group("g1") or _plausible_clock(t1)) or not (m.group("g2") or _plausible_clock(t2)):
            continue
        a, b = _hhmm(t1), _hhmm(t2)
        if a and b:
            yield _Cand(m.start(), m.end(), "interval", "time", {"start": a, "end": b}, prio=3)
    for m in _fi(_R_PART_PORA, text):
        part = L.part_of_day(m.group("a"))
        if part:
            yield _Cand(m.start(), m.end(), "time", "part_of_day", {"parts": [part]}, prio=1)
    for m in _fi(_R_PART_ABOUT, text):
        yield _Cand(m.start("a"), m.end("a"), "time", "part_of_day", {"parts": [_ABOUT_PART[m.group("a").lower()]]}, prio=1)
    for m in (*_fi(_R_NIGHT_BETWEEN, text), *_fi(_R_NIGHT_SLASH, text)):
        # "w nocy z piątku na sobotę i z soboty na niedzielę": every day of the listed nights (``weekday_abbr`` holds
        # every form of a day, its abbreviations too: "pt/sob")
        days = [L.weekday_abbr.get(m.group(g).lower()) for g in "abcd" if m.group(g)]
        if None in days or days[0] == days[1]:
            continue
        yield _Cand(m.start(), m.end(), "set", "day_of_week", {"days": list(dict.fromkeys(days)), "parts": ["night"]},
                    prio=2)
    for m in _fi(_R_WD_ADJ_PART, text):
        days: list[str] = []
        for g in ("a", "c", "b"):
            for d in (_wd_adj(m.group(g)) if m.group(g) else []):
                if d not in days:
                    days.append(d)
        part = _PART_PLURAL.get(m.group("n").lower())
        if days and part:
            each = _EACH_BEFORE.search(text, max(0, m.start() - 14), m.start())
            # "w każdy piątkowy wieczór": every week
            yield _Cand(each.start() if each else m.start(), m.end(), "set", "day_of_week",
                        {"days": days, "parts": [part], **({"duration": "P1W"} if each else {})}, prio=2)


# --- relative expressions ---------------------------------------------------------------------
_R_REL_DAY = re.compile(rf"(?<!\w){L.RELATIVE_DAY}(?!\w)", re.I)
_R_REL_UNIT = re.compile(
    rf"\b(?:(?P<pre>w|we|do\s+końca|od|do|przez|na)\s+)?(?P<mod>{L.MODIFIER})\s+"
    rf"(?P<unit>tygodniu|tygodnia|tydzień|miesiącu|miesiąca|miesiąc|kwartale|kwartału|kwartał|półroczu|półrocza|"
    rf"półrocze|roku|rok)\b(?!\s*\d)", re.I)
_R_BR = re.compile(r"(?<!\w)(?P<w>b\.\s?r\.?|br\.|ub\.\s?r\.?|ub\.\s?roku)(?!\w)", re.I)
_UNIT_GRAN = {"tydz": "week", "tygo": "week", "mies": "month", "kwar": "quarter", "półr": "half_year", "rok": "year",
              "roku": "year"}


def _unit_gran(word: str) -> str:
    w = word.lower()
    for k, g in _UNIT_GRAN.items():
        if w.startswith(k):
            return g
    return "year"


def _relative_unit(ref: date, gran: str, offset: int) -> tuple[date, date]:
    if gran == "day":
        d = ref + timedelta(days=offset)
        return d, d
    if gran == "week":
        mon = ref - timedelta(days=ref.weekday()) + timedelta(weeks=offset)
        return mon, mon + timedelta(days=6)
    if gran == "month":
        idx = ref.year * 12 + ref.month - 1 + offset
        return month_span(idx // 12, idx % 12 + 1)
    if gran == "quarter":
        idx = ref.year * 4 + (ref.month - 1) // 3 + offset
        return quarter_span(idx // 4, idx % 4 + 1)
    if gran == "half_year":
        idx = ref.year * 2 + (ref.month - 1) // 6 + offset
        return half_span(idx // 2, idx % 2 + 1)
    return year_span(ref.year + offset)


@matcher
def relative(text: str, ctx: _Ctx):
    for m in _fi(_R_REL_DAY, text):
        off = L.relative_day[m.group(0).lower()]
        if ctx.ref:
            s, e = _relative_unit(ctx.ref, "day", off)
            yield _Cand(m.start(), m.end(), *_interval(s, e, "day", kind="date"), prio=1)
        else:
            yield _Cand(m.start(), m.end(), *_interval(None, None, "day", kind="date", relative=f"{off:+d} day"), prio=1)
    for m in _fi(_R_REL_UNIT, text):
        off = L.modifier_of[m.group("mod").lower()]
        gran = _unit_gran(m.group("unit"))
        pre = m.group("pre")
        mod = "until" if pre and "końc" in pre.lower() else _mod(pre)
        if ctx.ref:
            s, e = _relative_unit(ctx.ref, gran, off)
            yield _Cand(m.start(), m.end(), *_interval(s, e, gran, mod=mod), prio=1)
        else:
            yield _Cand(m.start(), m.end(), *_interval(None, None, gran, mod=mod, relative=f"{off:+d} {gran}"), prio=1)
    for m in _fi(_R_BR, text):
        off = -1 if m.group("w").lower().startswith("ub") else 0
        base = ctx.context_year or (ctx.ref.year if ctx.ref else None)
        if base:
            s, e = year_span(base + off)
            yield _Cand(m.start(), m.end(), *_interval(s, e, "year"), prio=0)
        else:
            yield _Cand(m.start(), m.end(), *_interval(None, None, "year", relative=f"{off:+d} year"), prio=0)


# ---------------------------------------------------------------------------------------------
# a leading look-ahead on the possible first characters: none of these patterns has a literal prefix
# (optional leading words, re.IGNORECASE), so the regex engine tries every alternative at every
# character; ``(?=[...])`` turns most positions away after one class test.  The class is derived
# from the parsed pattern (the characters a match can begin with, read under the pattern's own flags),
# so the matches are the same; a pattern whose first character cannot be stated is left as it is.

_CATEGORY_CLASS = {_SC.CATEGORY_DIGIT: r"\d", _SC.CATEGORY_NOT_DIGIT: r"\D", _SC.CATEGORY_SPACE: r"\s",
                   _SC.CATEGORY_NOT_SPACE: r"\S", _SC.CATEGORY_WORD: r"\w", _SC.CATEGORY_NOT_WORD: r"\W"}


class _NoFirst(Exception):
    pass


def _class_char(c: int) -> str:
    ch = chr(c)
    return "\\" + ch if ch in "\\]^-[" else ch


def _first_of_seq(items) -> tuple[list[str], bool]:
    """The class pieces of the characters a sequence can begin with, and whether it can match empty."""
    out: list[str] = []
    for op, av in items:
        f, nullable = _first_of_item(op, av)
        out.extend(f)
        if not nullable:
            return out, False
    return out, True


def _first_of_item(op, av) -> tuple[list[str], bool]:
    if op is _SC.LITERAL:
        return [_class_char(av)], False
    if op is _SC.IN:
        parts = []
        for o, a in av:
            if o is _SC.LITERAL:
                parts.append(_class_char(a))
            elif o is _SC.RANGE:
                parts.append(_class_char(a[0]) + "-" + _class_char(a[1]))
            elif o is _SC.CATEGORY and a in _CATEGORY_CLASS:
                parts.append(_CATEGORY_CLASS[a])
            else:
                raise _NoFirst
        return parts, False
    if op in (_SC.AT, _SC.ASSERT, _SC.ASSERT_NOT):
        return [], True
    if op is _SC.SUBPATTERN:
        return _first_of_seq(av[-1])
    if op is _SC.BRANCH:
        out: list[str] = []
        nullable = False
        for alt in av[1]:
            f, n = _first_of_seq(alt)
            out.extend(f)
            nullable = nullable or n
        return out, nullable
    if op in _REPEATS:
        lo, _, sub = av
        f, n = _first_of_seq(sub)
        return f, n or lo == 0
    raise _NoFirst


def _lead(rx: re.Pattern, glued: bool = False) -> re.Pattern:
    """``rx`` with a look-ahead on the characters its matches can begin with (the same matches, each at
    the start of a word)."""
    try:
        parts, nullable = _first_of_seq(_SP.parse(rx.pattern, rx.flags))
    except _NoFirst:
        return rx
    if nullable or not parts:
        return rx
    # a match begins a word ("w marcu", not the "w marcu" of "sow marcu"; "2016", not the "2016" of "a2016"):
    # ``\b`` lets the engine skip the inside of every word, which takes a third off these patterns' time.
    # ``glued``: the pattern reads a number glued to the word before it ("godz14:00"), so it gets no edge.
    edge = r"\b" if not glued and all(_word_piece(p) for p in parts) else ""
    return re.compile(edge + "(?=[" + "".join(dict.fromkeys(parts)) + "])(?:" + rx.pattern + ")", rx.flags)


def _word_piece(piece: str) -> bool:
    """Whether every character of a class piece ("a", "0-9", "\\d") is a word character."""
    if piece in (r"\d", r"\w"):
        return True
    if len(piece) == 3 and piece[1] == "-":
        return all((chr(c).isalnum() or chr(c) == "_") for c in range(ord(piece[0]), ord(piece[2]) + 1))
    return len(piece) == 1 and (piece.isalnum() or piece == "_")


for _name, _obj in list(globals().items()):
    if _name.startswith("_R_") and isinstance(_obj, re.Pattern):
        globals()[_name] = _lead(_obj, glued=_name == "_R_CLOCK")
_PLAN_PERIOD = [_lead(rx) for rx in L.PLAN_PERIOD]
del _name, _obj
# every regex the matchers run (through ``_fi``)
_SCANNED = tuple(v for k, v in globals().items() if k.startswith("_R_") and isinstance(v, re.Pattern)) \
    + tuple(_PLAN_PERIOD)


# ---------------------------------------------------------------------------------------------
# guards: a regex is only run on a text that contains something every match of it must contain
# (a digit, or one of a few lower-case literals), so the results are the same as always running it.

_DIGIT = re.compile(r"\d")
_DIGITS = "digit"
_YEAR_IN = re.compile(YEAR)
_YEARS = "year"
# texts with CASE_SPECIAL characters are never skipped; the regexes read them with these folded
# and an arrow between two ends of a range is read as a dash ("marzec ➜ sierpień 2026")
_ARROWS = ("→", "➜", "➔", "➝", "⇒")
_DOUBLE_ARROW = re.compile(r"(?<=[\d. ])>>(?=[ \t]*\d)")
_FOLD = str.maketrans({"ı": "i", "ſ": "s", "İ": "I", "\u212a": "K", **{a: "–" for a in _ARROWS}})
# (it begins with its bracket, a literal the engine finds fast; what comes before it stays as it is)
_WEEKDAY_ASIDE = re.compile(rf"\((?:{L.WEEKDAY_NAME}|{L.WEEKDAY_SHORT})\.?\)", re.I)
_SAFE_STEM = re.compile(r"[a-ząćęłńóśźż.\-]+")


def _stems(forms) -> tuple[str, ...] | None:
    """For an alternation of literal forms (words joined by whitespace), one literal each match must
    contain: the longest word of each form, lower-cased; None when one cannot be given."""
    out = set()
    for f in forms:
        words = f.split()
        if not words:
            return None
        w = max(words, key=len).lower()
        if not _SAFE_STEM.fullmatch(w):
            return None
        out.add(w)
    # a stem that contains another stem adds nothing
    return tuple(sorted(w for w in out if not any(o != w and o in w for o in out)))


_GUARDS: dict = {}


def _guard(guard, *regexes) -> None:
    """Every match of each of ``regexes`` contains what ``guard`` looks for (all guards given to a
    regex must be satisfied before it runs)."""
    if guard is None:
        return
    for rx in regexes:
        _GUARDS.setdefault(id(rx), []).append(guard)   # by identity: hashing a pattern hashes its code


_guard(_DIGITS, _R_DATE_RANGE, _R_DASH_RANGE, _R_DAY_RANGE, _R_DAY_RANGE_NOYEAR, _R_VERBAL_RANGE_NOYEAR, _R_DATE, _R_DATE_NOYEAR, _R_DATE_NOYEAR_LEAD,
       _R_YEAR_RANGE, _R_YEAR, _R_TIME_RANGE, _R_BETWEEN, _R_BETWEEN_CLOCK, _R_BETWEEN_HOURS, _R_TIME_POINT, _R_CLOCK)
_guard(_YEARS, _R_ISO_INTERVAL, _R_DATE_RANGE, _R_DASH_RANGE, _R_DAY_RANGE, _R_YEAR_RANGE, _R_YEAR, _R_ROMAN_DATE, _R_ROMAN_MONTH, _R_ROMAN_RANGE,
       _R_ROMAN_DATE_RANGE, _R_ROMAN_DAY_SPAN, _R_NUM_MONTH, _R_NUM_MONTH_SPAN, _R_ROMAN_MONTH_SPAN)
# the Roman months in capitals: a paragraph with a day before one, or one after a dash or a comma (read in the text
# as written: a case-sensitive regex has no twin for the prefilter)
_guard(re.compile(r"\d[ \t.]?[IVX]"), _R_ROMAN_DAY)
_guard(re.compile(r"[IVX][ \t]+(?:19|20)\d\d"), _R_ROMAN_MONTH_YEAR)
_guard(re.compile(r"[IVX][ \t]*[–—-][ \t]*[IVX]"), _R_ROMAN_LEAD)
_guard(re.compile(r"[–—,-]\s[IVX]"), _R_ROMAN_TERM)
_guard(re.compile(r"\[[IVX]"), _R_ROMAN_BRACKET)
_guard(re.compile(r"[|▸][ \t][IVX]"), _R_ROMAN_CELL)
_guard(re.compile(r"\b[wW][ \t]+[IVX]"), _R_ROMAN_IN)
_guard(re.compile(r"\d[ \t]?[IVX]"), _R_ROMAN_DAYS)
_guard(("ostatni",), _R_LAST_DAY)
_guard(("każd",), _R_EACH_MONTHS)
_guard(_stems(L.month_of), _R_EACH_MONTHS, _R_MONTH_LEAD, _R_MONTH_CELL, _R_MONTH_BRACKETS, _R_MONTH_OVER, _R_LAST_DAY, _R_MONTH_RANGE, _R_MONTH_DASH, _R_MONTH, _R_VERBAL_RANGE_NOYEAR, _R_DAY_RANGE_NOYEAR, _R_MONTH_LIST)
_guard(("godz", "g."), _R_TIME_POINT)
_guard(("między",), _R_BETWEEN, _R_BETWEEN_CLOCK, _R_BETWEEN_HOURS)
_guard(_DIGITS, _R_PART_HOUR)
_PART_STEMS = ("noc", "wieczor", "ran", "południ", "świt", "zmierzch", "zmrok", "północ", "brzask", "ciemn", "szarej", "szarów", "wschod")   # in every part noun
_guard(_PART_STEMS, _R_PART_HOUR)
_guard((":",), _R_CLOCK)
_guard(("dzień", "dni"), _R_EDGE_DAY)
_guard(("kw",), _R_QUARTER, _R_QUARTER_NAMED)
_guard(("półrocz",), _R_HALF_NAMED)
_guard(("półrocz", "połow"), _R_HALF)
_guard(("końca",), _R_UNTIL_END)
_guard(_stems(read_lines("temporal", "set_words.txt")), _R_SET)
_guard(("raz",), _R_ONCE)
_guard(("tydzień", "tygodni", "miesiąc", "miesięcy", "kwarta"), _R_COUNT_IN)
_guard(("raz", "krotnie", "x", "×"), _R_TIMES)
_guard(("krotnie",), _R_KROTNIE)
_guard(_stems(L.unit_of), _R_EVERY, _R_DURATION)
_guard(_stems(L.adverb_of), _R_ADVERB)
_guard(("odstęp", "cykl", "rytm", "system", "tryb"), _R_INTERVAL_ADJ)
_guard(("każd", "wszystkie"), _R_EACH_DAY)
_guard(("miesiąca",), _R_NTH_WEEKDAY)
_guard(_stems(list(L.weekday_of) + ["weekend"]), _R_DAY_BY_DAY)
_guard(("drug", "miesiąca"), _R_EVERY_OTHER_DAY)
_guard(("każd",), _R_EACH_SEASON)
_guard(_stems(_PLURAL_WD), _R_WD_SET, _R_WD_LIST)
_guard(_stems(L.weekday_of), _R_WD_HABIT, _R_WD_NAMED_DAYS, _R_WD_TURN)
_guard(("/",), _R_WD_SLASH)
_guard(("weekend", "robocz"), _R_WORKDAYS)
_guard(tuple(_PLURAL_INSTR), _R_WD_PLURAL_INSTR)
_guard(_stems(L.holiday_of), _R_HOLIDAY)
_guard(("godz", "por", "czasie", "okresie"), _R_PARTS)
_guard(_PART_STEMS, _R_PART_NOUNS, _R_PART_SPAN, _R_PART_ELLIPSIS)
_guard(("porą",), _R_PART_PORA)
_guard(("noc",), _R_NIGHT_SLASH)
_guard(("wieczory", "noce", "popołudnia", "poranki"), _R_PART_PLURAL)
_guard(("trwa", "kończ", "przeciąga", "ciągn"), _R_CLOCK_SPAN)
_guard(("noc",), _R_NIGHT_BETWEEN)
_guard(_stems(_WD_ADJ), _R_WD_ADJ_PART)
_guard(_stems(L.relative_day), _R_REL_DAY)
_guard(("tygodni", "tydzień", "miesiąc", "kwarta", "półrocz", "rok"), _R_REL_UNIT)
_guard(("b.", "br."), _R_BR)


# Paragraphs: every regex reads each paragraph (text up to and with a blank line) on its own, so a temporal
# expression never runs on across a blank line.  A paragraph keeps the whitespace after it (where a pattern's
# trailing ``\s*`` stops) and its regex sees the text before it (look-behinds).  A regex only reads the
# paragraphs that contain what its guards look for and, where the Hyperscan prefilter answers
# (``extractor.prefilter``), in which a match of it may end: the others have no match.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_GUARD_RX: dict = {}


def _guard_regex(guard) -> re.Pattern:
    """A regex that finds what ``guard`` looks for (in the lower-cased text for word stems)."""
    rx = _GUARD_RX.get(guard)
    if rx is None:
        if isinstance(guard, re.Pattern):
            rx = guard
        elif guard is _DIGITS:
            rx = _DIGIT
        elif guard is _YEARS:
            rx = _YEAR_IN
        else:
            rx = re.compile("|".join(re.escape(w) for w in sorted(guard, key=len, reverse=True)))
        _GUARD_RX[guard] = rx
    return rx


class _Pieces:
    """The paragraphs of one text and, per guard, the paragraphs that contain what it looks for."""

    __slots__ = ("text", "low", "ends", "bounds", "by_guard", "hits")

    def __init__(self, text: str):
        self.text = text
        self.low = lowered(text)
        bounds, a = [], 0
        for m in _PARAGRAPH_BREAK.finditer(text):
            bounds.append((a, m.end()))
            a = m.end()
        if a < len(text) or not bounds:
            bounds.append((a, len(text)))
        self.bounds = bounds
        self.ends = [b for _a, b in bounds]
        self.by_guard: dict = {}
        self.hits = _UNSCANNED

    def hit_paragraphs(self, twin: re.Pattern | None) -> set[int] | None:
        """The paragraphs where the prefilter (one Hyperscan pass over the lower-cased text) finds that
        ``twin``, a case-sensitive twin run over that text, may have a match end; None: not known (any)."""
        pf = _prefilter()
        i = pf.index(twin)
        if i is None:
            return None
        hits = self.hits
        if hits is _UNSCANNED:
            hits = self.hits = self._scan(pf)
        return None if hits is None else hits.get(i, _NONE)

    def _scan(self, pf: Prefilter) -> dict[int, set[int]] | None:
        ends = pf.ends(self.low)
        if ends is None:
            return None
        bends, n, low = [], 0, self.low   # the paragraphs' ends in the UTF-8 bytes Hyperscan read
        for a, b in self.bounds:
            n += len(low[a:b].encode("utf-8"))
            bends.append(n)
        out: dict[int, set[int]] = {}
        for i, es in ends.items():
            # the paragraph of the match's last byte (the paragraphs before ``e`` end at or before ``e - 1``)
            ks = out[i] = set(map(bisect_left, repeat(bends), es))
            if i in pf.may_be_empty:
                # and of the position after it (an empty match there)
                ks.update(bisect_right(bends, e) for e in es if e < n)
        return out

    def _with(self, guard) -> set[int]:
        got = self.by_guard.get(guard)
        if got is None:
            if guard is _DIGITS or guard is _YEARS or isinstance(guard, re.Pattern):
                where = self.text   # a guard's own regex reads the text as written
            elif self.low is None:   # characters that lower-case unevenly: every paragraph may match
                got = self.by_guard[guard] = set(range(len(self.bounds)))
                return got
            else:
                where = self.low
            got = set()
            rx, pos, ends = _guard_regex(guard), 0, self.ends
            while (m := rx.search(where, pos)) is not None:   # the first hit of each paragraph that has one
                k = bisect_right(ends, m.start())
                got.add(k)
                pos = ends[k]
            self.by_guard[guard] = got
        return got

    def spans(self, guards, only: set[int] | None = None) -> list[tuple[int, int]]:
        """(start, end) of the paragraphs that contain what every guard looks for (and are in ``only``,
        when given), in text order."""
        keep = only
        for g in guards:
            keep = self._with(g) if keep is None else keep & self._with(g)
            if not keep:
                return []
        if keep is None:
            return self.bounds
        bounds = self.bounds
        return [bounds[k] for k in sorted(keep)]


_UNSCANNED = object()
_NONE: frozenset = frozenset()
_PREFILTER: list = []


def _prefilter() -> Prefilter:
    """The Hyperscan prefilter of the twins of every regex the matchers run (built once per process)."""
    if not _PREFILTER:
        _PREFILTER.append(Prefilter(t for t in (cased_twin(rx) for rx in _SCANNED) if t is not None))
    return _PREFILTER[0]


# the matches of every regex (and the paragraphs) of the last texts: a second pass over the same text with
# another ``period``/``ref`` (the plan-period-aware pass of the actions after the plain one) runs no regex again.
# A document's extractors ask for two texts at most: a few are kept (more only hold memory the next ones touch)
_MATCHES: ByText[tuple[dict, _Pieces]] = ByText(4)


def _new_entry(text: str) -> tuple[dict, _Pieces]:
    return {}, _Pieces(text)


def _entry(text: str) -> tuple[dict, _Pieces]:
    """The kept matches (by regex, and candidates by context-free matcher) and the paragraphs of ``text``."""
    return _MATCHES.get(text, _new_entry)


def _fi(rx: re.Pattern, text: str):
    """``rx.finditer(text)``, over the paragraphs of ``text`` that contain what every match of ``rx`` contains."""
    kept, pieces = _entry(text)
    got = kept.get(id(rx))   # the regexes are the module's own: their ids stay theirs
    if got is None:
        only = pieces.hit_paragraphs(cased_twin(rx)) if pieces.low is not None else None
        # where the prefilter answers, the guards would mostly ask again what it has answered
        spans = pieces.spans(_GUARDS.get(id(rx)) or () if only is None else (), only)
        got = kept[id(rx)] = tuple(m for a, b in spans for m in twin_matches(rx, text, pieces.low, a, b))
    return got


# ---------------------------------------------------------------------------------------------

# matchers whose candidates do not depend on the reference date, the context year or the plan period
_CONTEXT_FREE = frozenset((years, sets, recurrences, weekday_sets, times))


def _to_date(x) -> date | None:
    if x is None or isinstance(x, date):
        return x
    return date.fromisoformat(str(x))


class _Watched:
    """A context that notes whether a matcher read anything of it."""

    __slots__ = ("_ctx", "read")

    def __init__(self, ctx: _Ctx):
        self._ctx = ctx
        self.read = False

    def __getattr__(self, name: str):
        self.read = True
        return getattr(self._ctx, name)


def _find(text: str, ctx: _Ctx) -> tuple[list[TemporalExpr], list[tuple[int, int]]]:
    """The expressions of ``text`` and the (start, end) of every candidate that was considered."""
    # the regexes run over a copy where the few characters re.IGNORECASE equates with an ASCII letter
    # ("ı" ~ "i") are that letter, so every matched word is found in the word lists; same length, same offsets
    work = text.translate(_FOLD) if any(c in text for c in CASE_SPECIAL + _ARROWS) else text
    if "(" in work:
        # a weekday in brackets after a date is read as blank: "od 2 lutego (poniedziałek) do 31 lipca (piątek) 2026 r."
        work = _WEEKDAY_ASIDE.sub(lambda m: " " * len(m.group()), work)
    spelled = [_day_digits(m, work) for m in _fi(_R_DAY_ORDINAL, work)] + \
        [_hour_digits(m, work) for m in _fi(_R_HOUR_WORD, work)]
    if spelled:
        work = _spelled_out(work, spelled)
    if ">>" in work:   # a double arrow between a range's ends: "16.03.2026 >> 15.09.2026" (same length, same offsets)
        work = _DOUBLE_ARROW.sub("– ", work)
    if "|n|" in work:
        work = work.replace("|n|", "   ")   # a scraped page's line markers: "wczesnym rankiem i po\n|n|zmroku"
    cands: list[_Cand] = []
    kept = _entry(work)[0]
    for fn in MATCHERS:
        if fn in _CONTEXT_FREE:
            # the same candidates whatever the context: kept with the text's matches (trimming them below
            # again changes nothing)
            got = kept.get(fn)
            if got is None:
                got = kept[fn] = list(fn(work, ctx))
            cands.extend(got)
        else:
            # a run that read nothing of its context gives the same candidates in any context: kept too
            got = kept.get(fn)
            if got is None:
                watched = _Watched(ctx)
                got = list(fn(work, watched))
                if not watched.read:
                    kept[fn] = got
            cands.extend(got)
    # trim whitespace/punctuation the regexes may have swallowed at the edges
    for c in cands:
        while c.end > c.start and text[c.end - 1] in " \t\n,;:":
            c.end -= 1
        while c.start < c.end and text[c.start].isspace():
            c.start += 1
        for a, b, _digits in spelled:   # an edge inside words read as digits takes all of the words
            if a < c.end < b:
                c.end = b
            if a < c.start < b:
                c.start = a
    cands.sort(key=lambda c: (-(c.end - c.start), -c.prio, c.start))
    taken: list[_Cand] = []
    used = bytearray(len(text))   # characters covered by a kept candidate
    for c in cands:
        if c.end <= c.start:
            continue
        if 1 in used[c.start:c.end]:
            continue
        taken.append(c)
        used[c.start:c.end] = b"\x01" * (c.end - c.start)
    taken.sort(key=lambda c: c.start)
    taken = _join_clock_ends(text, _join_start_length(text, _join_from_until(text, taken)))
    out = []
    for c in taken:
        v = {k: x for k, x in c.value.items() if not (k in ("mod",) and x is None)}
        out.append(TemporalExpr(text[c.start:c.end], c.start, c.end, c.kind, c.granularity, v))
    return out, [(c.start, c.end) for c in cands if c.end > c.start]


# what may stand between a start and an end of one interval: nothing, or a conjunction and a verb or two
# ("od 1 sierpnia 2025 r. i potrwa do 31 stycznia 2026 r.", "od 1 marca, a zakończy się do 31 maja")
# ("od 1 lutego aż do 31 lipca 2026 roku": "aż" before the end)
# (an aside between the two: "od 1 września 2025 r., czyli od początku roku szkolnego, do 31 grudnia 2028 r.")
# (the end as the term's last day: "od 1 lutego 2026 r. (ostatni dzień: 31 lipca)", "od 1 marca – ostatni dzień 31 sierpnia")
_JOIN_GAP = re.compile(r"[\s.,]*(?:aż\s+)?|[\s,]*(?:i|a|oraz)\s+(?:[^\W\d]+,?\s+){0,3}"
                       # (the end's verb with its object: "zaczynam 1 kwietnia, a rozliczę się z niego 30 września")
                       r"|[\s,]*(?:i|a|oraz)\s+(?=rozlicz|(?:za|s)?kończ)(?:[^\W\d]+\s+){4,5}"
                       # the end told by its verb after a comma: "rozpoczynam 1 lutego, kończę 31 lipca 2026 r."
                       r"|[\s,;]*(?=(?:za)?kończ|potrwa)(?:[^\W\d]+\s+){1,3}"
                       r"|[\s,]*(?:czyli|tj\.|to\s+jest)\s+(?:[^\W\d]+\s+){1,5}?[^\W\d]+,\s*"
                       r"|[\s,;]*(?:\(|[–—-])?\s*ostatni(?:m)?\s+(?:dzień|dniem)(?:\s+(?:planu|programu|realizacji))?\s*[:\-–]?\s*")


_ENDING = re.compile(r"\b(?:zakończ\w*|kończ\w*|skończ\w*|potrwa\w*|obowiązuj\w*|trwa\w*|wygasa\w*|wygaśnie|zamyka\w*|zamknie"
                     r"|ostatni(?:m)?\s+(?:dzień|dniem)|(?P<settle>rozlicz\w*))", re.I)


def _joins(gap: str) -> bool:
    return _JOIN_GAP.fullmatch(gap) is not None and "\n" not in gap


def _join_from_until(text: str, taken: list[_Cand]) -> list[_Cand]:
    """A start and an end written one after the other ("od 1.09.2024 do końca lutego 2025 r.", "od 1.02. do
    31.07.2024 r.") are one interval; a start without its year takes the end's."""
    out: list[_Cand] = []
    k = 0
    while k < len(taken):
        c = taken[k]
        n = taken[k + 1] if k + 1 < len(taken) else None
        gap = text[c.end:n.start] if n is not None else ""
        # an end without its year after a start that has one: the first such day after the start
        n_end = None if n is None else (n.value.get("end") or _day_after(c.value.get("start"), n.value.get("partial")))
        if n is not None and n_end and c.granularity in ("day", "month", "year", "holiday") and _joins(gap) and (
                (c.value.get("mod") == "from" and n.value.get("mod") == "until")
                # "od lutego po lipiec 2026 r.", "od poniedziałku po piątek": "po" after "od" is up to, inclusive
                or (c.value.get("mod") == "from" and n.value.get("mod") == "after" and not gap.strip()
                    and text[n.start:n.start + 3].lower() == "po ")
                # "wchodzi w życie 1 czerwca 2026 r. i obowiązuje do końca listopada", "od 1 września 2025 r.,
                # a zakończy się 28 lutego 2026 r.": a start and an end told by their verbs
                or ((ending := _ENDING.search(gap)) and c.value.get("mod") in (None, "from")
                    # "… i zakończy się wraz z końcem września"; "od 1 lutego, a rozliczę go po 31 lipca 2026 r."
                    and n.value.get("mod") in ((None, "until", "end", "after") if ending.group("settle")
                                               else (None, "until", "end")))
                # "Plan rusza 15.04.2026, finisz – 15.10.2026": a start told by its verb, then the end
                or (c.value.get("mod") is None and n.value.get("mod") == "until"
                    and _STARTS_BEFORE.search(text, max(0, c.start - 30), c.start))):
            end = n_end
            start = c.value.get("start")
            partial = c.value.get("partial")
            if start is None:
                start = _day_before(end, partial)
            if start and start < end:
                out.append(_Cand(c.start, n.end, "interval", "day" if c.granularity == "day" else n.granularity,
                                 {"start": start, "end": end}, prio=c.prio))
                k += 2
                continue
        if n is not None and c.kind == n.kind == "date" and c.granularity == n.granularity == "day" \
                and not c.value.get("mod") and not n.value.get("mod") and n.value.get("start") \
                and _BETWEEN_GAP.fullmatch(gap) and _BETWEEN.search(text, max(0, c.start - 20), c.start):
            # "między 1 września 2024 r. a 28 lutego 2025 r.", "między 1 lutego i 30 czerwca 2026 r.": the two days a span
            # lies between (a first day without its year: the last one before the end)
            end = n.value["start"]
            start = c.value.get("start") or _day_before(end, c.value.get("partial"))
            if start and start < end:
                out.append(_Cand(c.start, n.end, "interval", "day", {"start": start, "end": end}, prio=c.prio))
                k += 2
                continue
        if n is not None and c.value.get("mod") == "until" and c.granularity == "day" and n.granularity == "day" \
                and not n.value.get("mod") and n.value.get("start") and _STARTS_AFTER.fullmatch(gap):
            # "Działania potrwają do 31 sierpnia, a rozpoczynają się 1 marca 2026 r.": the end told first
            start = n.value["start"]
            month_day = (c.value.get("end") or "")[5:] or (c.value.get("partial") or "")[2:]   # "08-31"
            end = _day_after(start, f"--{month_day}")
            if end is not None:
                out.append(_Cand(c.start, n.end, "interval", "day", {"start": start, "end": end}, prio=c.prio))
                k += 2
                continue
        if n is not None and c.value.get("mod") == "until" and n.value.get("mod") == "from" and c.value.get("end") \
                and n.value.get("start") and n.value["start"] < c.value["end"] and _UNTIL_THEN_FROM_GAP.fullmatch(gap) \
                and c.granularity in ("day", "month", "year") and n.granularity in ("day", "month", "year"):
            # the end, then the start after a comma: "na okres do końca 2028 r., z mocą od 1 stycznia 2026 r."
            out.append(_Cand(c.start, n.end, "interval", "day" if n.granularity == "day" else c.granularity,
                             {"start": n.value["start"], "end": c.value["end"]}, prio=c.prio))
            k += 2
            continue
        if n is not None and c.kind == n.kind == "date" and c.granularity == n.granularity == "day" \
                and _DAY_DASH_GAP.fullmatch(gap) and c.value.get("start") and n.value.get("start") \
                and c.value["start"] < n.value["start"] <= (date.fromisoformat(c.value["start"]) + timedelta(days=366)).isoformat():
            # "30 października – 2 listopada": two days, each with its month, the year from the context
            out.append(_Cand(c.start, n.end, "interval", "day", {"start": c.value["start"], "end": n.value["start"]},
                             prio=c.prio))
            k += 2
            continue
        if n is not None and _ADJACENT_GAP.fullmatch(gap) and c.granularity == n.granularity \
                and c.granularity in ("quarter", "half_year") and not c.value.get("mod") and not n.value.get("mod") \
                and c.value.get("end") and n.value.get("start") \
                and date.fromisoformat(c.value["end"]) + timedelta(days=1) == date.fromisoformat(n.value["start"]):
            # "IV kw. 2025 i I kw. 2026": two quarters (or half-years) one after the other, over a new year
            out.append(_Cand(c.start, n.end, "interval", c.granularity, {"start": c.value["start"], "end": n.value["end"]},
                             prio=c.prio))
            k += 2
            continue
        out.append(c)
        k += 1
    return out


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_PARTIAL_DAY = re.compile(r"--\d\d-\d\d")


def _day_before(end: str | None, partial: str | None) -> str | None:
    """The last day ``partial`` ("--02-01": a day and month without their year) on or before ``end`` (ISO)."""
    if not end or not partial or not _ISO_DAY.fullmatch(end) or not _PARTIAL_DAY.fullmatch(partial):
        return None
    mm, dd = int(partial[2:4]), int(partial[5:7])
    year = int(end[:4]) if (mm, dd) <= (int(end[5:7]), int(end[8:10])) else int(end[:4]) - 1
    day = _safe_date(year, mm, dd)
    return day.isoformat() if day else None


def _day_after(start: str | None, partial: str | None) -> str | None:
    """The first day ``partial`` ("--07-31": a day and month without their year) after ``start`` (ISO)."""
    if not start or not partial or not _ISO_DAY.fullmatch(start) or not _PARTIAL_DAY.fullmatch(partial):
        return None   # (a candidate's start may be a time of day: "12:00")
    mm, dd = int(partial[2:4]), int(partial[5:7])
    y = int(start[:4])
    day = _safe_date(y, mm, dd)
    if day is not None and day.isoformat() <= start:
        day = _safe_date(y + 1, mm, dd)
    return day.isoformat() if day else None


_STARTS_AFTER = re.compile(r"[\s,]*(?:a|i|oraz)?\s*(?:rozpoczyna\w*|rozpoczną|zaczyna\w*|zaczną|startuj\w*|rusza\w*)"
                           r"(?:\s+się)?\s*(?:dnia\s+|od\s+)?", re.I)
_STARTS_BEFORE = re.compile(r"\b(?:rusza|ruszy|startuje|wystartuje|rozpoczyna\s+się|rozpocznie\s+się|zaczyna\s+się|"
                            r"zacznie\s+się)\s+(?:z\s+dniem\s+|dnia\s+|w\s+dniu\s+)?$", re.I)
# between an end and its start: "…, z mocą od", "…, obowiązujący od", "…, licząc od"
_UNTIL_THEN_FROM_GAP = re.compile(r"[ \t]*,[ \t]*(?:(?:z[ \t]+mocą|obowiązując\w*|licząc|począwszy)[ \t]*)?", re.I)
_BETWEEN = re.compile(r"\b(?:po)?między\s+(?:dniem\s+)?$", re.I)
_BETWEEN_GAP = re.compile(r"[ \t]+(?:a|i)[ \t]+(?:dniem[ \t]+)?")
_DAY_DASH_GAP = re.compile(r"[ \t]*[–—][ \t]*|[ \t]+-[ \t]+")
_ADJACENT_GAP = re.compile(r"\s*(?:i|oraz|–|—|-|,)\s*")
# a start and a length side by side, in either order, a comma or a word or two between them
_LENGTH_GAP = re.compile(r"[\s,–-]*(?:[^\W\d]+[\s,]+){0,3}")   # ("… 2025 r. i będzie realizowany przez …")
_LENGTH = re.compile(r"P(\d+)([MY])")


# between a time a trouble starts at and the time it lasts until: "od 22:00, i trwa nieraz do trzeciej nad ranem",
# "gdy sklep zamyka drzwi (22.00), i nieraz trwa aż do trzeciej w nocy"
_CLOCK_GAP = re.compile(r"[\s,()]*(?:(?:i|a|oraz)\s+)?(?:[^\W\d]+\s+){0,4}?")   # ("…, i krążą po placu nawet do 1.30")
_LASTS = re.compile(r"\b(?:trwa\w*|potrwa\w*|ciągnie\s+się|przeciąga\s+się)", re.I)


def _join_clock_ends(text: str, taken: list[_Cand]) -> list[_Cand]:
    """A start time and an end time that follow it in the same clause are one span of the day (the start a point
    only when a verb says the trouble lasts)."""
    out: list[_Cand] = []
    k = 0
    while k < len(taken):
        c = taken[k]
        n = taken[k + 1] if k + 1 < len(taken) else None
        if n is not None and c.granularity == n.granularity == "time" and c.value.get("start") \
                and n.value.get("end") and not n.value.get("start") and n.start - c.end <= 40:
            gap = text[c.end:n.start]
            point = c.value.get("end") == c.value["start"]
            if (c.value.get("end") is None or (point and _LASTS.search(gap))) and "\n" not in gap \
                    and _CLOCK_GAP.fullmatch(gap):
                out.append(_Cand(c.start, n.end, "interval", "time", {"start": c.value["start"], "end": n.value["end"]},
                                 prio=c.prio))
                k += 2
                continue
        out.append(c)
        k += 1
    return out


def plus_months(d: date, months: int) -> date:
    """The day before the same day ``months`` later: the last day of a span of that many months from ``d``."""
    y, m = divmod(d.month - 1 + months, 12)
    y, m = d.year + y, m + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1])) - timedelta(days=1)


def _full_range(c: _Cand) -> bool:
    """A range with both its ends written ("od 2 lutego do 31 lipca 2026 r."): a length beside it restates it
    ("przez pół roku, dokładnie od 2 lutego do 31 lipca 2026 r."), it does not move its end."""
    v = c.value
    return c.kind == "interval" and c.granularity != "year" and v.get("mod") is None \
        and bool(v.get("end")) and v.get("end") != v.get("start")


def _join_start_length(text: str, taken: list[_Cand]) -> list[_Cand]:
    """A start and a length of whole months or years are one interval: "z dniem 1 lutego 2026 r. na okres
    sześciu miesięcy" (2026-02-01/2026-07-31), "przez cztery kolejne lata, począwszy od 2026 r."."""
    out: list[_Cand] = []
    k = 0
    while k < len(taken):
        c = taken[k]
        n = taken[k + 1] if k + 1 < len(taken) else None
        if n is not None:
            first, length = (c, n) if n.kind == "duration" else (n, c)
            got = _LENGTH.fullmatch(length.value.get("duration") or "") if length.kind == "duration" else None
            gap = text[c.end:n.start]
            if got and first.kind in ("date", "interval") and first.granularity in ("day", "month", "year") \
                    and first.value.get("mod") in (None, "from", "begin") and first.value.get("start") \
                    and _LENGTH_GAP.fullmatch(gap) and "\n" not in gap \
                    and not (c.end and text[c.end - 1] == "." and text[n.start:n.start + 1].isupper()):
                months = int(got.group(1)) * (12 if got.group(2) == "Y" else 1)
                start = first.value["start"]
                # (a range with both its ends written keeps them: the length beside it only restates it)
                end = first.value["end"] if _full_range(first) else plus_months(date.fromisoformat(start), months).isoformat()
                out.append(_Cand(c.start, n.end, "interval", first.granularity,
                                 {"start": start, "end": end}, prio=first.prio))
                k += 2
                continue
        out.append(c)
        k += 1
    return out


def _ctx(ref, context_year, period) -> _Ctx:
    try:
        return _ctx_kept(ref, context_year, period)
    except TypeError:   # an unhashable argument (a list as the period): made each time
        return _make_ctx(ref, context_year, period)


def _make_ctx(ref, context_year, period) -> _Ctx:
    ref = _to_date(ref)
    if period is not None:
        period = (_to_date(period[0]), _to_date(period[1]))
    return _Ctx(ref=ref, context_year=context_year, period=period)


# the extractors ask for the same few contexts again and again (a _Ctx is never changed once made)
_ctx_kept = lru_cache(maxsize=256)(_make_ctx)


def _per_ctx(text: str) -> dict:
    return {}


# the results of the last texts, per (ref, context_year, period); beside each, once a span of it is asked
# for, its index (see ``_span_index``)
_RESULTS: ByText[dict] = ByText(4)


def _find_cached(text: str, ctx: _Ctx) -> tuple[list[TemporalExpr], list[tuple[int, int]]]:
    per_ctx = _RESULTS.get(text, _per_ctx)
    key = (ctx.ref, ctx.context_year, ctx.period)
    got = per_ctx.get(key)
    if got is None:
        got = per_ctx[key] = _find(text, ctx)
    return got


def _span_index(text: str, ctx: _Ctx) -> tuple:
    """The expressions of ``text`` and, for selecting a span's, their starts, the candidate spans in text
    order with their starts, and the longest candidate's length."""
    per_ctx = _RESULTS.get(text, _per_ctx)
    key = ("index", ctx.ref, ctx.context_year, ctx.period)
    got = per_ctx.get(key)
    if got is None:
        exprs, spans = _find_cached(text, ctx)
        ordered = sorted(spans)
        got = per_ctx[key] = (exprs, [x.start for x in exprs], ordered, [s for s, _e in ordered],
                              max((e - s for s, e in spans), default=0))
    return got


def _copy(e: TemporalExpr, shift: int = 0) -> TemporalExpr:
    return TemporalExpr(e.text, e.start - shift, e.end - shift, e.kind, e.granularity, dict(e.value))


def find_temporal(text: str, ref: date | None = None, context_year: int | None = None,
                  period: tuple[date, date] | None = None) -> list[TemporalExpr]:
    """All temporal expressions in ``text``, in text order, without overlaps.

    ``ref``: the reference date for relative expressions ("wczoraj", "w tym kwartale");
    ``context_year``: the year of expressions that omit it ("w marcu"); ``period``: the
    plan period, used for "przez cały okres obowiązywania planu" and, when no
    ``context_year`` is given, to choose the year of a month/quarter that omits it.

    The result for a text object is kept (with a few others), so calling this again on the
    same document text costs nothing; the returned objects are the caller's own.
    """
    exprs, _ = _find_cached(text, _ctx(ref, context_year, period))
    return [_copy(e) for e in exprs]


def find_temporal_in(text: str, start: int, end: int, ref: date | None = None, context_year: int | None = None,
                     period: tuple[date, date] | None = None) -> list[TemporalExpr]:
    """``find_temporal(text[start:end], ...)`` (offsets relative to ``start``), taken from one pass over the
    whole ``text``: the expressions inside the span, unless some candidate of the whole text crosses a
    span boundary -- then the span is read on its own, so the result is always that of the slice."""
    ctx = _ctx(ref, context_year, period)
    exprs, expr_starts, ordered, starts, longest = _span_index(text, ctx)
    for edge in (start, end):
        # the candidates that begin less than the longest candidate's length before the edge
        for k in range(bisect_left(starts, edge - longest), bisect_left(starts, edge)):
            s, e = ordered[k]
            if s < edge < e:
                return _find(text[start:end], ctx)[0]
    out = []
    for k in range(bisect_left(expr_starts, start), bisect_left(expr_starts, end)):
        x = exprs[k]
        if x.end <= end:
            out.append(_copy(x, start))
    return out

