"""Word lists for the temporal normaliser, read from ``rules/temporal/`` and turned into regex pieces."""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from extractor.resources import read_lines, read_tsv
from extractor.wordtrie import alternation


def _alt(forms) -> str:
    """A regex alternation of literal forms in which the longest form wins (so 'lutym' wins over 'lut'),
    written as a trie (the same pattern in every process)."""
    return alternation(forms)


def _feminine(genitive: str, end: str) -> str:
    """An ordinal's feminine form from its masculine genitive: "-ej" (genitive) or "-ą" (instrumental)."""
    stem = genitive[:-3]
    return (stem[:-1] if end == "ą" and stem.endswith("gi") else stem) + end


def _key(s: str) -> str:
    return " ".join(s.lower().split())


class Lexicon:
    def __init__(self) -> None:
        self.month_of: dict[str, int] = {}
        self.month_abbrev: dict[str, int] = {}
        for row in read_tsv("temporal", "months.tsv"):
            m = int(row["month"])
            for f in row["forms"].split("|"):
                self.month_of[_key(f)] = m
            for f in (row.get("abbrev") or "").split("|"):
                if f.strip():
                    self.month_abbrev[_key(f)] = m
        self.MONTH = _alt(self.month_of)
        self.MONTH_ANY = _alt(list(self.month_of) + list(self.month_abbrev))

        self.ordinal_of: dict[str, int] = {}
        for row in read_tsv("temporal", "ordinals.tsv"):
            for f in row["forms"].split("|"):
                self.ordinal_of[_key(f)] = int(row["value"])
        self.ORDINAL = _alt(self.ordinal_of)

        # ordinal day numbers written out before a month's name ("od pierwszego lutego")
        self.day_ordinal_of: dict[str, int] = {}
        for row in read_tsv("temporal", "day_ordinals.tsv"):
            for f in row["forms"].split("|"):
                self.day_ordinal_of[_key(f)] = int(row["value"])
        self.DAY_ORDINAL = _alt(self.day_ordinal_of)
        # an hour written out is the feminine ordinal ("(godziny) trzynastej"): the genitive's "-ego" as "-ej"
        # (and the instrumental's "-ą" after "między": "między siódmą a dziewiątą")
        # ("drugiego" -> "drugiej", "drugą")
        self.hour_of: dict[str, int] = {" ".join(_feminine(w, end) for w in f.split()): v
                                        for f, v in self.day_ordinal_of.items() if f.endswith("ego") and v <= 24
                                        for end in ("ej", "ą")}
        self.HOUR_WORD = _alt(self.hour_of)

        self.number_of: dict[str, int] = {}
        for row in read_tsv("temporal", "numbers.tsv"):
            for f in row["forms"].split("|"):
                self.number_of[_key(f)] = int(row["value"])
        self.NUMBER = _alt(self.number_of)

        # the number opening a compound adjective: "dziesięcio-" of "w odstępach dziesięciodniowych"
        self.prefix_number_of: dict[str, int] = {_key(r["prefix"]): int(r["value"])
                                                 for r in read_tsv("temporal", "number_prefixes.tsv")}
        self.NUMBER_PREFIX = _alt(self.prefix_number_of)

        self.unit_of: dict[str, tuple[str, str, int]] = {}
        for row in read_tsv("temporal", "units.tsv"):
            for f in row["forms"].split("|"):
                self.unit_of[_key(f)] = (row["unit"], row["designator"], int(row["multiplier"]))
        self.UNIT = _alt(self.unit_of)

        self.adverb_of: dict[str, str] = {_key(r["phrase"]): r["duration"]
                                          for r in read_tsv("temporal", "frequency_adverbs.tsv")}
        self.ADVERB = _alt(self.adverb_of)

        self.SET_WORDS = _alt(read_lines("temporal", "set_words.txt"))
        self.PLAN_PERIOD = [re.compile(p, re.I) for p in read_lines("temporal", "plan_period.txt")]

        self.relative_day: dict[str, int] = {_key(r["word"]): int(r["offset"])
                                             for r in read_tsv("temporal", "relative.tsv")}
        self.RELATIVE_DAY = _alt(self.relative_day)
        self.modifier_of: dict[str, int] = {_key(r["word"]): int(r["offset"])
                                            for r in read_tsv("temporal", "relative_modifiers.tsv")}
        self.MODIFIER = _alt(self.modifier_of)

        self.weekday_of: dict[str, str] = {}
        self.weekday_abbr: dict[str, str] = {}   # every form, abbreviations too: for a range of two ("pn.–pt.")
        names, short = [], []
        for row in read_tsv("temporal", "weekdays.tsv"):
            forms, abbrev = row["forms"].split("|"), row["abbrev"].split("|")
            names.append(forms[0])
            short += abbrev
            for f in forms + abbrev:
                self.weekday_abbr[_key(f)] = row["code"]
                if len(f) > 3:  # abbreviations like "pt", "sob" are too ambiguous in free text
                    self.weekday_of[_key(f)] = row["code"]
        self.WEEKDAY_NAME = _alt(names)   # "poniedziałek", ..., "niedziela"
        self.WEEKDAY_SHORT = _alt(short)   # "pn", "pon", ..., "niedz"
        self.WEEKDAY = _alt(self.weekday_of)
        self.WEEKDAY_ABBR = _alt(self.weekday_abbr)

        self.part_of_stem: list[tuple[str, str]] = sorted(
            ((r["stem"].lower(), r["part"]) for r in read_tsv("temporal", "parts_of_day.tsv")),
            key=lambda x: -len(x[0]))
        self.PART_ADJ = "(?:" + "|".join(re.escape(s) for s, _ in self.part_of_stem) + r")\w*"

        self.holiday_of: dict[str, tuple[str, str]] = {}
        for row in read_tsv("temporal", "holidays.tsv"):
            for f in row["forms"].split("|"):
                self.holiday_of[_key(f)] = (row["start"], row["end"])
        self.HOLIDAY = _alt(self.holiday_of)

    def day_ordinal(self, words: str) -> int:
        """The number of an ordinal written out ("trzydziestego pierwszego" -> 31), as matched by ``DAY_ORDINAL``."""
        return self.day_ordinal_of[_key(words)]

    def month(self, word: str) -> int | None:
        k = _key(word).rstrip(".")
        return self.month_of.get(k) or self.month_abbrev.get(k)

    def part_of_day(self, word: str) -> str | None:
        w = word.lower()
        for stem, part in self.part_of_stem:
            if w.startswith(stem):
                return part
        return None

    def holiday_dates(self, name: str, year: int) -> tuple[date, date]:
        s, e = self.holiday_of[_key(name)]
        return _holiday_day(s, year), _holiday_day(e, year)


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _holiday_day(spec: str, year: int) -> date:
    if spec.startswith("easter"):
        return easter(year) + timedelta(days=int(spec[len("easter"):] or 0))
    mm, dd = spec.split("-")
    return date(year, int(mm), int(dd))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
