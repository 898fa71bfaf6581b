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
from extractor.record import Document
from extractor.resources import read_lines, read_tsv

_UP = "A-ZĄĆĘŁŃÓŚŹŻ"
_NAME = rf"[{_UP}][\w]+(?:-[{_UP}][\w]+)?(?:[ \t]+[{_UP}][\w]+){{0,2}}(?:[ \t]+(?:nad|pod)[ \t]+[{_UP}][\w]+)?"
_GEO = ("nazwa_geograficzna", "człon_nazwy_geograficznej")


@dataclass
class Mention:
    name: str      # nominative
    surface: str   # as written
    start: int
    end: int
    weight: float


@lru_cache(maxsize=1)
def _regex() -> re.Pattern:
    trig = sorted((r["trigger"] for r in read_tsv("locality_triggers.tsv")), key=len, reverse=True)
    alt = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in trig)
    return re.compile(rf"(?<![\w])(?P<trig>(?i:{alt}))\s+(?P<name>{_NAME})")


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    return {r["trigger"]: float(r["weight"]) for r in read_tsv("locality_triggers.tsv")}


@lru_cache(maxsize=1)
def _stop() -> frozenset:
    return frozenset(x.casefold() for x in read_lines("locality_stoplist.txt"))


def _is_geo(word: str) -> bool:
    return any(a.pos in ("subst", "depr") and any(n in a.names for n in _GEO) for a in morph.analyse(word))


def _is_adj(word: str) -> bool:
    return any(a.pos == "adj" for a in morph.analyse(word))


def _cases(word: str) -> set:
    return {c for a in morph.analyse(word)
            if a.pos == "adj" or a.pos in ("subst", "depr") and any(n in a.names for n in _GEO) for c in a.case}


def _trim(words: list[str]) -> list[str]:
    """Keep the words that belong to the place name: up to three geographic nouns or adjectives with at
    least one geographic noun ("Łuków", "Stare Babice", "Nowa Wieś Ełcka", "Piotrków Trybunalski"),
    and a "nad/pod X" tail ("Nakło nad Notecią")."""
    keep: list[str] = []
    i = 0
    while i < len(words) and len(keep) < 3 and words[i] not in ("nad", "pod"):
        if not (_is_geo(words[i]) or (keep or i + 1 < len(words)) and _is_adj(words[i])):
            break
        if keep and not (_cases(keep[0]) & _cases(words[i])):  # "w Lublinie Straż Miejska": not one name
            break
        keep.append(words[i])
        i += 1
    while keep and not _is_geo(keep[0]) and not any(_is_geo(w) for w in keep[1:]):
        keep.pop()
    if not keep or not any(_is_geo(w) for w in keep):
        return []
    rest = words[len(keep):]
    if len(keep) == len(words[:len(keep)]) and len(rest) >= 2 and rest[0] in ("nad", "pod"):
        keep += rest[:2]
    return keep


def mentions(document: Document) -> list[Mention]:
    text = document.text
    threat = [(s.start, s.end) for s in document.sections if s.kind in ("threat", "goal")]
    out = []
    for m in _regex().finditer(text):
        words = m.group("name").split()
        if "-" in words[0]:
            parts = words[0].split("-")
            if not all(_is_geo(p) or _is_adj(p) for p in parts):
                continue
            words = [words[0]]
        else:
            words = _trim(words)
        if not words:
            continue
        surface = " ".join(words)
        name = morph.place_nominative(surface)
        if name.casefold() in _stop():
            continue
        trig = " ".join(m.group("trig").lower().split())
        weight = _weights().get(trig, 1.0)
        start = m.start("name")
        if any(a <= start < b for a, b in threat):
            weight += 2
        if start < 400:
            weight += 1
        out.append(Mention(name, surface, start, start + len(surface), weight))
    return out


def _merge(names: dict[str, float]) -> dict[str, float]:
    """Fold a shorter name into a longer one that extends it ("Nakło" into "Nakło nad Notecią")."""
    out = dict(names)
    for a in names:
        for b in names:
            if a != b and b.startswith(a + " ") and a in out:
                out[b] = out.get(b, 0) + out.pop(a)
    return out


def extract(document: Document) -> str | None:
    ms = mentions(document)
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
    return max(merged, key=lambda n: (merged[n], -first[n]))
