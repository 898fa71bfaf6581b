"""time_windows: when the threat occurs — hours, days of the week, parts of the day.

Temporal expressions come from ``extractor.temporal`` (the Polish normaliser); this extractor keeps those
of the threat description (the threat and goal sections of a plan, the whole text of a plan without
sections; news and strategies describe no threat times) and groups them by sentence: each hour range
is a window, days and parts of day of the same sentence join its first window.
"""
from __future__ import annotations

import re

from extractor.record import Document
from extractor.temporal import find_temporal

_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def _scope(document: Document) -> list[tuple[int, int]]:
    if document.get("doc_type") != "priority_plan":
        return []
    spans = [(s.body_start, s.end) for s in document.sections if s.kind in ("threat", "goal")]
    return spans or [(0, len(document.text))]


def _sentence_id(text: str, pos: int) -> int:
    return len(_SENTENCE_END.findall(text, 0, pos))


def extract(document: Document) -> list[dict]:
    text = document.text
    windows: list[dict] = []
    by_sentence: dict[int, dict] = {}
    for a, b in _scope(document):
        for e in find_temporal(text[a:b]):
            s, t = a + e.start, a + e.end
            v = e.value or {}
            sid = _sentence_id(text, s)
            if e.granularity == "time" and e.kind == "interval" and (v.get("start") or v.get("end")):
                w = document.span(s, t, **{"from": v.get("start"), "to": v.get("end")}, days=[], parts_of_day=[])
                windows.append(w)
                by_sentence.setdefault(sid, w)
            elif e.granularity in ("day_of_week", "part_of_day"):
                w = by_sentence.get(sid)
                if w is None:
                    w = document.span(s, t, **{"from": None, "to": None}, days=[], parts_of_day=[])
                    windows.append(w)
                    by_sentence[sid] = w
                else:  # widen the evidence to cover the joined expression
                    lo, hi = min(w["start"], s), max(w["end"], t)
                    w.update(document.span(lo, hi))
                for d in v.get("days", []):
                    if d not in w["days"]:
                        w["days"].append(d)
                for p in v.get("parts", []):
                    if p not in w["parts_of_day"]:
                        w["parts_of_day"].append(p)
    return windows
