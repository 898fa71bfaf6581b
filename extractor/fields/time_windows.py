"""time_windows: when the threat occurs — hours, days of the week, parts of the day.

Temporal expressions come from ``extractor.temporal`` (the Polish normaliser); this extractor keeps those
of the threat description (the threat and goal sections of a plan, the whole text of a plan without
sections; in news and strategies the sentences that name a threat) and groups them by sentence: each hour range
is a window, days and parts of day of the same sentence join its first window (before or after them), or the nearest
when it has several.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from extractor.fields.threats import threat_sentences
from extractor.record import Document
from extractor.temporal import find_temporal_in

_EVENT_DAY = re.compile(r"\b(?:wczoraj|przedwczoraj|dziś|dzisiaj|jutro|pojutrze)\s+(?:\w+\s+)?$", re.I)
# in a news item, one day of the week before a part of the day is the day something was done ("W sobotę wieczorem
# strażnicy rybaccy zatrzymali …"), unless a habit's word says it comes back ("najczęściej w sobotę wieczorem")
_EVENT_WEEKDAY = re.compile(r"(?P<habit>\b(?:najczęściej|zwykle|zazwyczaj|przeważnie|głównie|zwłaszcza|szczególnie|"
                            r"najgorzej|najtrudniej|najgłośniej|najniebezpieczniej|najgęściej|najtłoczniej)\b"
                            r"(?:\s+(?:jest|bywa))?[\s,]+)?"
                            r"\b(?:w|we)\s+(?:poniedziałek|wtorek|środę|czwartek|piątek|sobotę|niedzielę)"
                            r"(?:\s+pod)?\s+$", re.I)
# a sentence about office or duty hours ("Posterunek jest czynny ...", "przyjmuje interesantów w każdy wtorek w
# godz. 15:00–17:00", "pełni dyżur"): when people can come, not when the threat occurs
_OFFICE_HOURS = re.compile(r"\b(?:(?:posterun|komisariat|punkt|biur|urz[ąę]d|siedzib|rewir)\w*\s+(?:[^\s.]+\s+){0,4}?"
                           r"(?:jest\s+)?czynn\w*|czynn\w*\s+(?:w\s+dni\s+robocze|od\s+poniedziałku)|przyjmuj\w*\s+(?:interesant\w*|mieszkańc\w*|zgłosze\w*|osob\w*)|"
                           r"(?<!kończą\s)(?<!kończy\s)(?<!skończą\s)(?<!skończy\s)dyżur\w*|godzin\w*\s+urzędowania|punkt\w*\s+przyjęć)\b", re.I)
# a contact line ("Kontakt z dzielnicowym: tel. 47 861 32 40 (pon.–pt. 8:00–15:00)"): its hours are the phone's
_CONTACT = re.compile(r"\btel\.\s*\d|\bkontakt\w*\s+z\s+dzielnicow", re.I)
# the time of a patrol or a check ("patrole w piątki i soboty w godz. 18:00–2:00"): when the police act, not the threat
_ACTION_TIME = re.compile(r"\b(?:patrol\w*|kontrol\w*|obchod\w*|nalot\w*|akcj\w*)\s+(?:[^\s,.;:()]+\s+){0,4}$", re.I)
_OFFICE_LABEL = re.compile(r"[ \t]*godziny\s+(?:pracy|otwarcia|urzędowania)\s*:", re.I)   # "Godziny pracy: pon. 8.00–16.00"
CONTACT_REACH = 150
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
# days the threat does not happen on: denied, come back from, or left unticked on a form
_NOT_THESE_DAYS = re.compile(r"(?:\bnie|\[[ \t]?\]|☐)[ \t]*$", re.I)
_BACK_FROM = re.compile(r"\bz[ \t]+$", re.I)
def _scope(document: Document) -> list[tuple[int, int]]:
    if document.get("doc_type") != "priority_plan":
        return threat_sentences(document)
    # from the header on: a header run into its text ("Charakterystyka zagrożenia – ... między 1:00 a 4:00")
    # may be cut at a colon inside the text, and a header itself names no hours
    spans = sorted(document.threat_spans() + [(s.start, s.end) for s in document.sections if s.kind == "goal"])
    return spans or [(0, len(document.text))]


def _sentence_ends(text: str) -> list[int]:
    """The starts of the sentence ends of ``text``, for :func:`_sentence_id`."""
    return [m.start() for m in _SENTENCE_END.finditer(text)]


def _sentence_id(text: str, pos: int, ends: list[int]) -> int:
    """How many sentence ends ``text[:pos]`` has (``len(_SENTENCE_END.findall(text, 0, pos))``), from
    ``ends`` (:func:`_sentence_ends`) by bisection: a per-expression count from the start of the text
    took time quadratic in its length.  A ".!?" just before ``pos`` ends ``text[:pos]`` although in the
    whole text a word follows it."""
    n = bisect_left(ends, pos)
    if 0 < pos < len(text) and text[pos - 1] in ".!?" and not text[pos].isspace():
        n += 1
    return n


def _sentence_text(text: str, sid: int, ends: list[int]) -> str:
    """Sentence ``sid`` of :func:`_sentence_id` (between the sentence ends around it)."""
    return text[ends[sid - 1] + 1 if sid else 0:ends[sid] if sid < len(ends) else len(text)]


def _line_text(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    return text[text.rfind("\n", 0, pos) + 1:end if end >= 0 else len(text)]


# the morning after, when what the night left is found ("a rano na wale ślady palenia gumy", "lokatorzy rano znajdują
# puste butelki", "woreczki strunowe znajdowane rano w trawie", "Szkody lokatorzy zauważają zwykle rano"): not when the
# threat occurs (not "a rano psy wałęsają się przy przystanku", "rodzice zostawiają auta na chodniku rano")
_MORNING_AFTER = re.compile(r"(?:rano|rankiem)$", re.I)
_FOUND_AFTER = re.compile(r"\b(?:znajd\w*|znajdow\w*|znalez\w*|zauważ\w*|zostaj\w*|zostawa\w*|odkryw\w*|ślad\w*|pełen|pełno|"
                          r"porozkręc\w*|leż[ąy]\w*)\b", re.I)
_CLAUSE_MARK = re.compile(r"[,;.:–—()\n]")


def _morning_after(text: str, s: int, t: int) -> bool:
    """``text[s:t]`` is a bare "rano" in a clause that tells what is found in the morning ("…, a rano połowa ławek
    jest porozkręcana")."""
    if not _MORNING_AFTER.match(text[s:t]):
        return False
    a = max((m.end() for m in _CLAUSE_MARK.finditer(text, max(0, s - 60), s)), default=max(0, s - 60))
    b = next((m.start() for m in _CLAUSE_MARK.finditer(text, t, t + 60)), min(len(text), t + 60))
    return bool(_FOUND_AFTER.search(text, a, b))


# a verb of beginning right before an hour: it is when the threat begins
_STARTS_AT = re.compile(r"\b(?:zaczyna|zaczynają|zaczynając|rozpoczyna|rozpoczynają|rozpoczynając)(?:\s+się)?"
                        r"(?:\s+(?:zwykle|zazwyczaj|najczęściej|zawsze|już|dopiero))?\s+(?:koło|około|ok\.|o|po)?\s*$", re.I)


def extract(document: Document) -> list[dict]:
    text = document.text
    windows: list[dict] = []
    by_sentence: dict[int, list[tuple[int, int, object]]] = {}
    order: list[int] = []
    ends = _sentence_ends(text)
    office: dict[int, bool] = {}
    plan = document.get("doc_type") == "priority_plan"
    for a, b in _scope(document):
        for e in find_temporal_in(text, a, b):
            s, t = a + e.start, a + e.end
            v = e.value or {}
            is_range = e.granularity == "time" and e.kind == "interval" and bool(v.get("start") or v.get("end"))
            if e.granularity == "time" and e.kind == "time" and v.get("start") and _STARTS_AT.search(text, max(a, s - 40), s):
                # the hour it begins at: "zaczynając zwykle koło wpół do dwunastej", "zaczyna się o 22" -> from then on
                e = type(e)(e.text, e.start, e.end, "interval", "time", {"start": v["start"], "end": None})
                v, is_range = e.value, True
            if not is_range and e.granularity not in ("day_of_week", "part_of_day"):
                continue
            if e.granularity == "part_of_day" and (_EVENT_DAY.search(text, max(0, s - 25), s) or (
                    not plan and (ev := _EVENT_WEEKDAY.search(text, max(0, s - 60), s)) and not ev.group("habit"))):
                continue  # "wczoraj wieczorem": when something was done, not when the threat occurs
            if e.granularity == "part_of_day" and _morning_after(text, s, t):
                continue  # "a rano na asfalcie zostają czarne ślady": what the night left
            if _ACTION_TIME.search(text, max(a, s - 60), s):
                continue  # "patrole w piątki i soboty w godz. 18:00–2:00": the patrol's time
            if e.granularity == "day_of_week" and (_NOT_THESE_DAYS.search(text, max(a, s - 8), s) or (
                    text[s:t].lower().startswith("weekend") and _BACK_FROM.search(text, max(a, s - 8), s))):
                continue  # "(nie w weekendy)", a form's unticked box "[ ] sobota–niedziela", "wracają z weekendu"
            sid = _sentence_id(text, s, ends)
            if sid not in office:   # office, duty or contact hours: when people can come, not the threat
                line = _line_text(text, s)
                # a contact's phone near the hours, on their line (a text run into one paragraph has no lines to tell
                # by: there, near them)
                ls = text.rfind("\n", 0, s) + 1
                near = line if len(line) <= CONTACT_REACH * 2 else \
                    text[max(ls, s - CONTACT_REACH):min(ls + len(line), s + CONTACT_REACH)]
                office[sid] = bool(_OFFICE_HOURS.search(_sentence_text(text, sid, ends)) or _OFFICE_LABEL.match(line)
                                   or _CONTACT.search(near))
            if office[sid]:
                continue
            if sid not in by_sentence:
                by_sentence[sid] = []
                order.append(sid)
            by_sentence[sid].append((s, t, e))
    for sid in order:
        exprs = by_sentence[sid]
        ranges = [x for x in exprs if x[2].granularity == "time"]
        first = None
        own: list[dict] = []   # the sentence's windows of hours
        for s, t, e in ranges:
            last = windows[-1] if first is not None else None
            if last is not None and last["from"] and not last["to"] and not e.value.get("start") and e.value.get("end"):
                # a start, then the end the same sentence gives later ("nie wcześniej niż o 22.30, kiedy …, i krążą
                # nawet do 1.30"): one window
                last.update(document.span(last["start"], t), to=e.value.get("end"))
                continue
            w = document.span(s, t, **{"from": e.value.get("start"), "to": e.value.get("end")}, days=[],
                              parts_of_day=[])
            windows.append(w)
            own.append(w)
            first = first or w
        for s, t, e in exprs:
            if e.granularity == "time":
                continue
            if first is None:
                first = document.span(s, t, **{"from": None, "to": None}, days=[], parts_of_day=[])
                windows.append(first)
                target = first
            else:
                # with several windows of hours, the nearest ("rano, między 6.45 a 7.20, i … wczesnym popołudniem, między
                # 14.30 a 15.15"); widen its evidence to cover the joined expression
                target = first if len(own) < 2 else min(own, key=lambda w: max(w["start"] - t, s - w["end"]))
                target.update(document.span(min(target["start"], s), max(target["end"], t)))
            for d in e.value.get("days", []):
                if d not in target["days"]:
                    target["days"].append(d)
            for p in e.value.get("parts", []):
                if p not in target["parts_of_day"]:
                    target["parts_of_day"].append(p)
    return windows
