"""doc_type: priority_plan, news, strategy or other, from weighted signals in ``rules/doctype/signals.tsv``
and the sections found (plan sections are strong evidence of a plan, strategy sections of a strategy)."""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.record import Document
from extractor.resources import read_tsv

_PLAN_SECTIONS = {"threat", "goal", "actions", "communication"}
_STRATEGY_SECTIONS = {"addressees", "justification", "task", "stages", "implementer", "indicators", "budget"}
MIN_SCORE = 3


@lru_cache(maxsize=1)
def _signals():
    return tuple((r["type"], float(r["weight"]), re.compile(r["pattern"], re.I | re.M)) for r in read_tsv("doctype", "signals.tsv"))


def scores(document: Document) -> dict[str, float]:
    text = document.text
    out = {"priority_plan": 0.0, "strategy": 0.0, "news": 0.0}
    for kind, weight, rx in _signals():
        n = len(rx.findall(text))
        if n:
            out[kind] += weight * min(n, 3)
    kinds = {s.kind for s in document.sections}
    out["priority_plan"] += 5 * len(kinds & _PLAN_SECTIONS)
    out["strategy"] += 4 * len(kinds & _STRATEGY_SECTIONS)
    # a strategy's "goal" section type is shared; a strategy's title in the first lines weighs more
    head = text[:400].lower()
    if re.search(r"\b(program|strategi)", head):
        out["strategy"] += 4
    if re.search(r"\bplan\w*\s+dzia\w+\s+priorytetow", head):
        out["priority_plan"] += 4
    return out


def extract(document: Document) -> str:
    sc = scores(document)
    kind, best = max(sc.items(), key=lambda kv: kv[1])
    return kind if best >= MIN_SCORE else "other"
