"""officer: the district officer (dzielnicowy) who wrote the plan: a person found by the persons extractor
with a rank, standing in a district header ("Rejon 6 st. sierż. Wioletta Kozak"), after the word
"dzielnicowy", or in the plan's closing signature.  A list when several districts' officers appear."""
from __future__ import annotations

import re

from extractor.record import Document

_CONTEXT = re.compile(r"\brejon\w*\b|\bdzielnicow\w*\b|\bsporządził\w*\b|\bopracował\w*\b", re.I)
SIGNATURE_CHARS = 250


def _line(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a: b if b >= 0 else len(text)]


def extract(document: Document):
    if document.get("doc_type") != "priority_plan":
        return None
    text = document.text
    found: dict[str, dict] = {}
    for p in document.get("persons") or []:
        if not p.get("rank"):
            continue
        before = text[max(0, p["start"] - 60): p["start"]]
        in_header = bool(_CONTEXT.search(_line(text, p["start"], p["end"]))) or bool(_CONTEXT.search(before))
        in_signature = p["start"] >= len(text) - SIGNATURE_CHARS
        if in_header or in_signature:
            found.setdefault(p["name"], {"name": p["name"], "rank": p["rank"], "text": p["text"],
                                         "start": p["start"], "end": p["end"]})
    officers = list(found.values())
    if not officers:
        return None
    return officers[0] if len(officers) == 1 else officers
