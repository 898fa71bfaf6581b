"""district: the officer's district (rejon służbowy) number as written ("8", "XIV"); a list when the
document holds the plans of several districts.  Only plans have districts."""
from __future__ import annotations

import re

from extractor.record import Document
from extractor.temporal.lexicon import lexicon

TL = lexicon()   # its ordinal numbers' words

# "rejonu służbowego nr 47", "Rejon 6", "REJON 14", "rejonu numer 8", "Rejon dzielnicowego nr XVIII",
# "rejonie służbowym nr. 4", "dzielnicowy rejonu nr 3", "Nr rejonu: 5"
_DISTRICT = re.compile(
    # (the number in brackets or after a dash: "w którego rejonie (nr 6) leży …", "Jego rejon – numer 12 – to …"; a
    # colon after "nr": "Rejon służbowy nr: 2")
    r"(?:\brejon(?:u|ie|em|ów|y|ach|ami)?(?:\s+(?:służbow\w+|dzielnicow\w+))?(?:\s*:\s*|\s+|\s*\((?=\s*(?:nr|numer)\b)|\s+[–—-]\s+(?=(?:nr|numer)\b))"
    r"(?:(?:nr|numer)\.?\s*:?\s*)?"
    r"|\b(?:nr|numer)\.?\s+rejonu(?:\s+służbowego)?\s*:?\s*"   # a plan card's "Nr rejonu: 5"
    r"|\brej\.\s*(?:służb\.\s*)?:?\s*(?:nr\.?\s*)?)"   # abbreviated: "rej. 1", "Rej. służb.: nr 2"
    r"(?P<num>\d{1,3}|[IVXLC]{1,7})(?![\w/.,]\d)\b",
    re.I,
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# the number as an ordinal word: "dzielnicowa rejonu drugiego", "Dzielnicowy piątego rejonu", "w rejonie siódmym"
_ORDINAL_DISTRICT = re.compile(
    rf"\brejon(?:u|ie|em)?(?:\s+(?:służbow\w+|dzielnicow\w+))?\s+(?P<a>{TL.DAY_ORDINAL})\b"
    rf"|\b(?P<b>{TL.DAY_ORDINAL})\s+rejon(?:u|ie|em)?\b", re.I)


def roman_to_int(s: str) -> int | None:
    s = s.upper()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def number_value(s: str) -> int | None:
    return int(s) if s.isdigit() else roman_to_int(s)


_NEXT_WORD = re.compile(r"[ \t]+([a-ząćęłńóśźż]+)\b")


def _counts(text: str, end: int) -> bool:
    """The number is followed by what it counts: a lowercase noun read only in the plural."""
    from extractor.nlp import morph

    m = _NEXT_WORD.match(text, end)
    if not m:
        return False
    an = [a for a in morph.analyse(m.group(1)) if a.pos != "ign"]
    if an and all(a.pos == "adj" for a in an) and any("pl" in a.number for a in an):
        # an adjective before what is counted: "w tym rejonie 38 takich osób", "12 nowych zgłoszeń"
        m = _NEXT_WORD.match(text, m.end())
        if not m:
            return False
        an = [a for a in morph.analyse(m.group(1)) if a.pos != "ign"]
    return bool(an) and all(a.pos in ("subst", "depr", "ger") and a.number == frozenset({"pl"}) for a in an)


def mentions(document: Document) -> list[tuple[str, int, int]]:
    out = []
    for m in _DISTRICT.finditer(document.text):
        num = m.group("num")
        if not num.isdigit() and not num.isupper():  # "rejonie i ..." — lower-case roman letters are words
            continue
        if num.isdigit() and _counts(document.text, m.end("num")):
            continue   # "w tym rejonie 31 zgłoszeń": a count, not a district
        out.append((num, m.start("num"), m.end("num")))
    for m in _ORDINAL_DISTRICT.finditer(document.text):
        g = "a" if m.group("a") else "b"
        out.append((str(TL.day_ordinal(m.group(g))), m.start(g), m.end(g)))
    return sorted(out, key=lambda x: x[1])


def extract(document: Document):
    if document.get("doc_type") != "priority_plan":
        return None
    seen: dict[int, str] = {}
    for num, _s, _e in mentions(document):
        val = number_value(num)
        if val is None or val == 0:
            continue
        seen.setdefault(val, num)
    if not seen:
        return None
    values = list(seen.values())
    return values[0] if len(values) == 1 else values
