"""threats: categories of ``rules/threat_categories.tsv`` found by lemma patterns (``rules/threats/patterns.tsv``,
and each category's own name).

In plans the threat is described in the threat and goal sections (and the title), so only those are
read when the plan has them; in other documents and plans without sections, the whole text.  One item per category, at its first evidence.
"""
from __future__ import annotations

import re
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
# ("kolizji drogowych z udziałem zwierząt") is that category's, not a second threat.
RESIDUAL = {"road_safety": {"wildlife_road", "drunk_driving", "speeding", "road_infrastructure",
                            "road_organisation", "illegal_racing", "railway_danger"}}
NEAR = 1  # characters: the evidence overlaps or touches


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _matches(text: str, start: int, end: int):
    """The patterns' matches in ``text[start:end]``, each inside one paragraph (a gap between two words does not
    reach over a blank line: "… Mapy Zagrożeń Bezpieczeństwa.\n\nNaczelnik Wydziału Ruchu Drogowego …")."""
    return [(p, s, e) for p, s, e in find(patterns(), tokenize(text, start, end)) if not _BLANK_LINE.search(text, s, e)]


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
