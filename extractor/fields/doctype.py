"""doc_type: priority_plan, news, strategy or other, from weighted signals in ``rules/doctype/signals.tsv``
and the sections found (plan sections are strong evidence of a plan, strategy sections of a strategy)."""
from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from extractor.prefilter import WholeTextRegexes, branches, count_matches
from extractor.record import Document
from extractor.resources import read_tsv
from extractor.text_cache import lowered

_PLAN_SECTIONS = {"threat", "goal", "actions", "communication"}
_STRATEGY_SECTIONS = {"addressees", "justification", "task", "stages", "implementer", "indicators", "budget"}
MIN_SCORE = 3


_LEAD_WORD = re.compile(r"\\b([^\W\d_]{3,})")
_LEAD_GROUP = re.compile(r"\\b\(\?:([^()\\\[\]]+)\)")
_WORD3 = re.compile(r"[^\W\d_]{3,}")


def _guard(pattern: str) -> tuple[str, ...] | None:
    """Lower-case words one of which every match contains (each alternative begins ``\\b<word>``),
    or None: the regex only runs over a text that contains one of them."""
    words = []
    for alt in branches(pattern):
        m = _LEAD_WORD.match(alt)
        if m:
            word = m.group(1)
            if alt[m.end():m.end() + 1] in ("?", "*", "{"):
                word = word[:-1]   # "\bdebat?": the last letter is optional
            if len(word) < 3:
                return None
            words.append(word.lower())
            continue
        g = _LEAD_GROUP.match(alt)   # "\b(?:mówi|podkreśla|...)": each of the group's words
        if not g or alt[g.end():g.end() + 1] in ("?", "*", "{") \
                or not all(_WORD3.fullmatch(w) for w in g.group(1).split("|")):
            return None
        words.extend(w.lower() for w in g.group(1).split("|"))
    return tuple(words)


@lru_cache(maxsize=1)
def _signals():
    return tuple((r["type"], float(r["weight"]), re.compile(r["pattern"], re.I | re.M), _guard(r["pattern"]))
                 for r in read_tsv("doctype", "signals.tsv"))


@lru_cache(maxsize=1)
def _prefiltered() -> WholeTextRegexes:
    """The signals, each run only where the prefilter of their case-sensitive twins (over the lower-cased
    text) finds it may match."""
    return WholeTextRegexes(_signals(), regex=itemgetter(2))


def scores(document: Document) -> dict[str, float]:
    """The evidence for each type: its signals in the text, then its sections and a title near the top."""
    return _scores(document)[0]


def _scores(document: Document) -> tuple[dict[str, float], dict[str, float]]:
    """The evidence for each type (:func:`scores`), and the part of it the signals in the text give."""
    said = _text_scores(document)
    out = dict(said)
    kinds = {s.kind for s in document.sections}
    out["priority_plan"] += 5 * len(kinds & _PLAN_SECTIONS)
    out["strategy"] += 4 * len(kinds & _STRATEGY_SECTIONS)
    # a strategy's "goal" section type is shared; a strategy's title in the first lines weighs more
    head = document.text[:400].lower()
    if re.search(r"\b(program|strategi)", head):
        out["strategy"] += 4
    if re.search(r"\bplan\w*\s+dzia\w+\s+priorytetow", head):
        out["priority_plan"] += 4
    return out, said


def _text_scores(document: Document) -> dict[str, float]:
    """The weighted signals of ``rules/doctype/signals.tsv`` found in the text, per type."""
    text = document.text
    low = lowered(text)   # None: no guards and no prefilter for this text
    out = {"priority_plan": 0.0, "strategy": 0.0, "news": 0.0, "other": 0.0}
    for kind, weight, rx, guard in _prefiltered().live(text):   # (the others have no match anywhere in the text)
        if guard is not None and low is not None and not any(w in low for w in guard):
            continue
        n = count_matches(rx, text, low, 3)   # a signal counts up to three times
        if n:
            out[kind] += weight * n
    return out


PLAN_WORDS_FEW = 1       # a plan's own words barely there ("dzielnicowy" once)
STRATEGY_WORDS = 4       # … and a programme's plainly, one strong signal will do ("Rada Miejska … przyjęła gminny program")


def extract(document: Document) -> str:
    sc, said = _scores(document)
    kind, best = max(sc.items(), key=lambda kv: kv[1])
    if kind == "priority_plan" and said["strategy"] > said["priority_plan"] and (
            sc["strategy"] == best or (said["priority_plan"] <= PLAN_WORDS_FEW and said["strategy"] >= STRATEGY_WORDS)):
        # a programme's page has a plan's parts too (its problems, goals and tasks): a tie goes to the type its
        # own words speak for, as does a page whose words speak for a programme and hardly for a plan
        kind = "strategy"
    return kind if best >= MIN_SCORE else "other"
