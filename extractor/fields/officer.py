"""officer: the district officer (dzielnicowy) who wrote the plan: a person found by the persons extractor
with a rank, standing in a district header ("Rejon 6 st. sierż. Wioletta Kozak"), after the word
"dzielnicowy", or in the plan's closing signature.  A list when several districts' officers appear.

The superior who approves the plan ("Zatwierdził: Naczelnik Wydziału Prewencji ... podkom. Robert Kulik",
"Zatwierdzam: Kierownik Rewiru Dzielnicowych") signs it too, with a rank: a person whose nearest cue before
the name, on its line or the line before, is an approval or a superior's function is not the officer."""
from __future__ import annotations

import re

from extractor.record import Document

# the officers in the plural ("Rewir Dzielnicowych", "Zespół Dzielnicowych") name their superiors' unit, not the author
# "Prowadzący: mł. asp. Tomasz Ryczek": the officer who leads the plan, in a form's field
# "Kto odpowiada: sierż. szt. Przemysław Duda", "Osoba odpowiedzialna: …": the same field in other forms' words
# ("Kartę prowadzi: st. sierż. Bartosz Wiśniewski")
# "Wykonawca: mł. asp. Sebastian Jamrozik": the plan's doer, a person with a rank
_FIELD = r"\bprowadząc[ya]\s*:|\bprowadzi\s*:|\bkto\s+odpowiada\s*:|\b(?:osoba\s+)?odpowiedzialn[ya]\s*:|\bwykonawc[ay]\s*:"
_CONTEXT = re.compile(r"\brejon\w*\b|\bdzielnicow(?!ych\b|i\b)\w*\b|\bsporządził\w*\b|\bopracował\w*\b|\bopr\."
                      rf"|{_FIELD}|\bdzieln\.", re.I)
SIGNATURE_CHARS = 250
# the nearest of these before a name says whose signature it is: the author's or the approver's
# (abbreviated in a signature line: "opr. mł. asp. S. Kokot, zatw. podinsp. Grzegorz Wolny")
_CUE = re.compile(rf"(?P<author>\bsporządził\w*|\bopracował\w*|\bopr\.|\bdzielnicow[ya]\b|\brejon\w*|{_FIELD}|\bdzieln\.)"
                  r"|(?P<approver>\b(?:zatwierdz|zaakceptow|akceptuj|naczelnik|komendant|kierownik|zastępc)\w*|\bzatw\.)",
                  re.I)


# a superior's function written after the name: "kom. Jarosław Wilk, Komendant Komisariatu Policji w Chęcinach"
# or on the line under it: "asp. szt. Jarosław Mazur" / "Kierownik Posterunku Policji w Modliborzycach"
_SUPERIOR = re.compile(r"(?:\s*,\s*|[ \t]*\n[ \t]*)(?:zastępc\w*\s+)?(?:naczelnik|komendant|kierownik)\w*", re.I)


APPROVAL_LINES = 3
BEFORE_CHARS = 60
_NEXT_LINE = re.compile(r"[^\n]*\n([^\n]*)")
_OFFICER_UNDER = re.compile(r"\s*dzielnicow[ya]\b", re.I)
_BYLINE = re.compile(r"\s*(?:(?:autor|autorka|tekst|opracowanie|źródło)\s*:|oprac\.)", re.I)   # "Oprac. asp. Joanna …"


def _approver(text: str, start: int) -> bool:
    """The nearest cue before ``start``, on its line or the three lines before (a signature block: "ZATWIERDZAM" /
    "Kierownik Rewiru Dzielnicowych" / "Komendy Miejskiej Policji w Radomiu" / "kom. Tomasz Wilczek"), is an
    approval or a superior's title."""
    a = start
    for _ in range(APPROVAL_LINES + 1):
        a = text.rfind("\n", 0, max(0, a - 1)) + 1 if a > 0 else 0
    last = None
    for last in _CUE.finditer(text, a, start):
        pass
    return last is not None and last.group("approver") is not None


def _line(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a: b if b >= 0 else len(text)]


def _mentions(text: str, person: dict) -> list[int]:
    """The starts of the person's span and of every later place its text is written the same way."""
    out = [person["start"]]
    pos = text.find(person["text"], person["end"])
    while pos >= 0 and len(out) < 10:
        out.append(pos)
        pos = text.find(person["text"], pos + 1)
    return out


def extract(document: Document):
    if document.get("doc_type") != "priority_plan":
        return None
    text = document.text
    found: dict[str, dict] = {}
    for p in document.get("persons") or []:
        if not p.get("rank"):
            continue
        # the person's first mention may be a byline ("Autor: asp. Izabela Rosłoniec"); a later one written
        # the same way may stand in the district header ("Dzielnicowa: asp. Izabela Rosłoniec")
        for start in _mentions(text, p):
            end = start + len(p["text"])
            if _approver(text, start):
                continue
            if _BYLINE.match(_line(text, start, end)):
                continue   # the page's author ("Autor: st. asp. Ewelina Kaczmarek"), whatever the title above says
            # (a signature block's indentation is no distance: "Sporządził:" / "      sierż. szt. Wojciech Ociepa")
            before = " ".join(text[max(0, start - 4 * BEFORE_CHARS): start].split())[-BEFORE_CHARS:]
            # (or the function under the name: "sierż. szt. Wojciech Ociepa" / "dzielnicowy rejonu nr 2")
            under = _NEXT_LINE.match(text, end)
            in_header = bool(_CONTEXT.search(_line(text, start, end))) or bool(_CONTEXT.search(before)) \
                or bool(under and _OFFICER_UNDER.match(under.group(1)))
            # a superior quoted at the page's end ("– mówi kom. Jarosław Wilk, Komendant Komisariatu ...") signs nothing
            in_signature = start >= len(text) - SIGNATURE_CHARS and not _SUPERIOR.match(text, end, end + 40)
            if in_header or in_signature:
                found.setdefault(p["name"], {"name": p["name"], "rank": p["rank"], "text": p["text"],
                                             "start": start, "end": end})
                break
    officers = list(found.values())
    if not officers:
        return None
    return officers[0] if len(officers) == 1 else officers
