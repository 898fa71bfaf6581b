"""The evidence invariant every record keeps: each item's ``text`` is ``text[start:end]`` of the document, with
``0 <= start <= end <= len(text)``; each section lies inside the text."""
from __future__ import annotations

from pathlib import Path

ITEM_LISTS = ("threats", "locations", "time_windows", "targets", "actions", "partners", "persons", "indicators")


def _items(rec):
    for key in ITEM_LISTS:
        for i, item in enumerate(rec.get(key) or []):
            yield f"{key}[{i}]", item
    for key in ("officer", "unit"):
        val = rec.get(key)
        for i, item in enumerate(val if isinstance(val, list) else [val]):
            if isinstance(item, dict):
                yield f"{key}[{i}]", item


def bad_spans(records) -> list[str]:
    """One line per item or section of ``records`` (with their text) that breaks the invariant."""
    bad = []
    for rec in records:
        text = rec["text"]
        name = Path(rec["source"]["path"]).name
        for where, item in _items(rec):
            if "start" not in item and "end" not in item:
                continue
            s, e = item.get("start"), item.get("end")
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)):
                bad.append(f"{name} {where}: bad offsets {s}..{e}")
            elif item.get("text") != text[s:e]:
                bad.append(f"{name} {where}: text {item.get('text')!r} != text[{s}:{e}] {text[s:e]!r}")
        for i, sec in enumerate(rec.get("sections") or []):
            if not (0 <= sec["start"] <= sec["end"] <= len(text)):
                bad.append(f"{name} sections[{i}]: bad offsets {sec['start']}..{sec['end']}")
    return bad
