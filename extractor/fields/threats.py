"""threats: categories of ``rules/threat_categories.tsv`` found by lemma patterns (``rules/threats/patterns.tsv``,
and each category's own name).

In plans the threat is described in the threat and goal sections (and the title), so only those are
read when the plan has them; in other documents and plans without sections, the whole text.  One item per category, at its first evidence.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from extractor.fields.lemma_patterns import compile_pattern, find, tokenize
from extractor.fields.names import lemma_set
from extractor.record import Document
from extractor.resources import read_tsv

SCOPE_KINDS = ("goal", "title")   # and the kinds that describe the threat (Document.threat_kinds)


@lru_cache(maxsize=1)
def categories() -> dict[str, str]:
    return {r["code"]: r["name_pl"] for r in read_tsv("threat_categories.tsv")}


@lru_cache(maxsize=1)
def patterns():
    cats = categories()
    out = []
    for r in read_tsv("threats", "patterns.tsv"):
        if r["category"] not in cats:
            raise ValueError(f"rules/threats/patterns.tsv: unknown category {r['category']!r}")
        out.append(compile_pattern(r["category"], r["pattern"]))
    # the taxonomy's own names, as the threat map lists them ("Miejsca niebezpieczne na wodach" in a table of
    # reports): each word by any of its lemmas, in order
    for code, name in cats.items():
        if code != "other":
            out.append(compile_pattern(code, " ".join("|".join(sorted(lemma_set(w))) for w in name.split())))
    return out


def scope(document: Document) -> list[tuple[int, int]]:
    described = (*document.threat_kinds(), "goal")
    if document.get("doc_type") == "priority_plan" and any(s.kind in described for s in document.sections):
        return sorted(document.threat_spans() + [(s.start, s.end) for s in document.sections if s.kind in SCOPE_KINDS])
    return [(0, len(document.text))]


# "Other road threats": a match of road_safety that overlaps a more specific road category's evidence
# ("kolizji drogowych z udziałem zwierząt") is that category's, not a second threat; so is a theft of wood.
RESIDUAL = {"road_safety": {"wildlife_road", "drunk_driving", "speeding", "road_infrastructure",
                            "road_organisation", "illegal_racing", "railway_danger"},
            # ("kradzieży drewna": the wood stolen is illegal logging, not a theft besides; "bezdomne psy" are dogs)
            "theft_burglary": {"illegal_logging"}, "homelessness": {"stray_dogs"}}
NEAR = 1  # characters: the evidence overlaps or touches


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


# a form's option left unticked ("☐ grupowanie się nieletnich", "[ ] nielegalne rajdy samochodowe"): no threat of the plan
_UNTICKED = re.compile(r"[ \t]*(?:[☐□❏]|\[[ \t]?\])[ \t]")


def _matches(text: str, start: int, end: int):
    """The patterns' matches in ``text[start:end]``, each inside one paragraph (a gap between two words does not
    reach over a blank line: "… Mapy Zagrożeń Bezpieczeństwa.\n\nNaczelnik Wydziału Ruchu Drogowego …"), none on a form's
    unticked option."""
    boxes = any(c in text for c in "☐□❏[")
    return [(p, s, e) for p, s, e in find(patterns(), tokenize(text, start, end)) if not _BLANK_LINE.search(text, s, e)
            and not (boxes and _UNTICKED.match(text, text.rfind("\n", 0, s) + 1))]


def _residual_ok(label: str, s: int, e: int, matches) -> bool:
    specific = RESIDUAL.get(label)
    if not specific:
        return True
    return not any(p.label in specific and s2 - NEAR < e and s < e2 + NEAR for p, s2, e2 in matches)


def evidence(document: Document) -> list[tuple[str, int, int]]:
    """Every place the document names a threat: (category, start, end), not only the first per category."""
    out = []
    for start, end in scope(document):
        matches = _matches(document.text, start, end)
        out.extend((p.label, s, e) for p, s, e in matches if _residual_ok(p.label, s, e, matches))
    return out


def extract(document: Document) -> list[dict]:
    found: dict[str, dict] = {}
    for start, end in scope(document):
        matches = _matches(document.text, start, end)
        for pat, s, e in matches:
            if not _residual_ok(pat.label, s, e, matches):
                continue
            if pat.label not in found or s < found[pat.label]["start"]:
                found[pat.label] = document.span(s, e, category=pat.label, name=categories()[pat.label])
    return sorted(found.values(), key=lambda t: t["start"])


# a sentence that goes on about the threat named just before it: when it happens, how it grows
# (the worst of it, "najgorzej", "najbardziej niebezpieczna", is :data:`_WORST`'s, read whatever comes before)
_GOES_ON = re.compile(r"\b(?:dochodzi|występuj\w+|nasila\w*|powtarza\w*|problem\w*|zjawisk\w*|takich|tego\s+typu|"
                      r"sprawcy|najczęściej|"
                      # its habit ("Jadą przez wieś głównie nocą"), its worst ("najgroźniejsze są noce")
                      r"głównie|zwykle|zazwyczaj|przeważnie|najgroźniejsz\w*)\b", re.I)
# or when it is at its height ("grupy pijących gromadziły się zwłaszcza w czwartki i piątki wieczorem"), in a sentence
# that is not about what the police or the town will do ("patrole będą kierowane …, szczególnie w piątki i soboty")
_STRESSED = re.compile(r"\b(?:zwłaszcza|szczególnie)\b", re.I)
_ACTED = re.compile(r"\b(?:patrol\w*|kontrol\w*|sprawdz\w*|obchod\w*|działani\w*|będzie|będą|zostan\w*|zapowiedzia\w*|"
                    r"zapewni\w*|zależy|prosi\w*|apel\w*)\b", re.I)
# a sentence that tells when a nuisance is at its worst names its time whatever sentence comes before it ("– Najgorzej
# jest rano, między 6.30 a 7.15", "Dym jest najbardziej dokuczliwy wieczorami", "Najwięcej skarg dotyczy popołudni, …")
_WORST = re.compile(r"\bnaj(?:gorzej|trudniej|głośniej|gęściej|groźniej|niebezpieczniej|tłoczniej|"
                    r"bardziej\s+(?:dokuczliw|uciążliw|niebezpieczn|ruchliw)\w*|"
                    r"więcej\s+(?:skarg|zgłoszeń|sygnałów|zdarzeń|interwencji|wypadków|kolizji|problemów|kłopotów|szkód|zniszczeń|"
                    r"kradzieży|włamań|awantur|pożarów|podpaleń|wykroczeń|przestępstw|(?:takich\s+)?zachowań|przypadków|dymu))\b"
                    # ("Zdecydowana większość zgłoszeń wpływała późnym popołudniem, między 16 a 19")
                    r"|\bwiększość\s+(?:skarg|zgłoszeń|sygnałów|zdarzeń|interwencji|wypadków|kolizji|pożarów|kradzieży|włamań)\b", re.I)


def _stressed(text: str, a: int, b: int) -> bool:
    """Whether the sentence ``text[a:b]`` tells when the threat is at its height, in a clause (up to a semicolon)
    that is not about what is done about it."""
    m = _STRESSED.search(text, a, b)
    if m is None:
        return False
    end = text.find(";", m.end(), b)
    return not _ACTED.search(text, a, b if end < 0 else end)


def threat_sentences(document: Document) -> list[tuple[int, int]]:
    """The sentences of news and programmes that describe a threat: they say when it happens and where (a
    meeting's hours and venue do not), with those right after them that go on about it ("Do takich zachowań
    dochodzi ...", "Problem nasila się ...") and those that tell when a nuisance is at its worst.  Worked out once
    per document (the locations and the time windows both read them)."""
    got = document.__dict__.get("_threat_sentences")
    if got is None:
        got = document.__dict__["_threat_sentences"] = _threat_sentences(document)
    return got


def _threat_sentences(document: Document) -> list[tuple[int, int]]:
    sentences = document.sentence_spans() if document.get("threats") else None
    if not sentences:
        return []
    starts = sorted(s for _c, s, _e in evidence(document))
    out = []
    after_threat = False
    text = document.text
    for a, b in sentences:
        k = bisect_left(starts, a)
        if k < len(starts) and starts[k] < b:   # a threat starts in this sentence
            out.append((a, b))
            after_threat = True
        elif after_threat and (_GOES_ON.search(text, a, b) or _stressed(text, a, b)):
            out.append((a, b))   # "Do takich zachowań dochodzi w piątkowe wieczory": the same threat, when
        elif _WORST.search(text, a, b):
            out.append((a, b))
            after_threat = True
        else:
            after_threat = False
    return out
