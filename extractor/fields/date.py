"""date: when the document was published or issued.

Best first: a labelled date ("Data publikacji 16.11.2023"); a date line at the top of a page
("2021-01-27, 07:53"); the date of a titled act ("Uchwała Nr ... z dnia 28 kwietnia 2005 r.");
a signature date at the end ("Łuków, dnia 15.12.2023 r."); for news, the date of the reported
event (a full date in a sentence with a past-tense event verb).  Cues are in ``rules/date/cues.tsv``;
the dates themselves come from the temporal normaliser.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from extractor.prefilter import WholeTextRegexes, folded_finditer
from extractor.record import Document
from extractor.resources import read_tsv
from extractor.temporal import find_temporal_in
from extractor.temporal.lexicon import lexicon

TL = lexicon()

TOP_LINES = 8
TITLE_CHARS = 400
TITLE_LINES = 4
SIGNATURE_CHARS = 300
LABEL_REACH = 70
_SENT = re.compile(r"[^.!?\n]*(?:[.!?](?!\d)|\n|$)")
# a dateline opens with the town: "Puławy, 28.04.2023", "Kazimierza Wielka, dnia 12.02.2026"
_TOWN_LEAD = re.compile(r"^\s*[A-ZĄĆĘŁŃÓŚŹŻ][\w-]+(?:\s[A-ZĄĆĘŁŃÓŚŹŻ][\w-]+)?,\s*(?:dnia\s+|dn\.\s*)?$")
# what may follow a date on a page's date line: a label after a bar, a dot or a spaced dash ("03.11.2025 r., 13:40 –
# Kostrzyn nad Odrą"), a time, the weekday ("20 stycznia 2026 r. (wtorek)")
_PAGE_LABEL = re.compile(r"[|·•]|\s[–—/]\s")
_WEEKDAYS = TL.WEEKDAY_NAME
_DATE_LINE_REST = re.compile(rf"\d{{1,2}}[:.]\d{{2}}|r\.?|roku|godz\.?|\b{_WEEKDAYS}\b"
                             rf"|\bo(?=\s+\d{{1,2}}:\d{{2}})"   # a post's time: "4 marca 2026 o 13:47 · 🌍"
                             rf"|\b{TL.WEEKDAY_SHORT}\b\.?"   # "(czw.)"
                             # the page's update after its date: "12.03.2026, aktual. 13.03.2026"
                             rf"|\b(?:aktual\w*|zaktualizowan\w*|edytowan\w*|zmodyfikowan\w*|modyfikacj\w*)\.?[ \t]*:?[ \t]*"
                             rf"\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}", re.I)
_COLUMN_GAP = re.compile(r"[ \t]{3,}|\t")
_CELL_BAR = re.compile(r"[ \t][|·•][ \t]")
_HEADER_CELL = 30   # a page header's cells are short
_LABEL_BAR = re.compile(r"^[^|·•\n]{1,60}[|·•][ \t]*$")   # "KPP Sulęcin • 16 kwietnia 2026"
_WEEKDAY_LEAD = re.compile(rf"^\s*{_WEEKDAYS},?\s*$", re.I)
# the page's own address with its date in the path: ".../aktualnosci/2019/03/18/zebranie-wiejskie"
_URL_DATE = re.compile(r"https?://\S+?/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|\b)")


@lru_cache(maxsize=1)
def _cues() -> dict[str, list[re.Pattern]]:
    out: dict[str, list[re.Pattern]] = {}
    for r in read_tsv("date", "cues.tsv"):
        out.setdefault(r["kind"], []).append(re.compile(r["pattern"], re.I | re.M))
    return out


def _days(text: str, start: int = 0, end: int | None = None):
    """(iso date, start, end) of every full date (day granularity) in ``text[start:end]``, offsets into
    ``text``; the temporal normaliser reads the whole text once and this picks from it."""
    end = len(text) if end is None else min(end, len(text))
    return [(e.value["start"], start + e.start, start + e.end)
            for e in find_temporal_in(text, start, end)
            if e.kind == "date" and e.granularity == "day" and e.value.get("start")]


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, (b if b >= 0 else len(text))


@lru_cache(maxsize=1)
def _labels() -> WholeTextRegexes:
    return WholeTextRegexes(_cues().get("label", []))


def _labelled(text: str):
    for rx in _labels().live(text):
        for m in folded_finditer(rx, text):
            # the date follows the label within its line ("Opublikowane przez: Zespół Prasowy KPP w Augustowie,
            # 11.02.2025") or on the next
            found = _days(text, m.end(), m.end() + LABEL_REACH)
            if found:
                return found[0]
    return None


def _date_line(text: str):
    lines = [m for m in re.finditer(r"[^\n]+", text)][:TOP_LINES]
    # an approval stamp's date ("ZATWIERDZAM / KOMENDANT … / Ropczyce, dnia 2 marca 2026 r.") is the approval's: the
    # document's own date line, when it has one, comes first
    approved = [(m.start(), _BLOCK_END.search(text, m.end()).start())
                for m in APPROVAL.finditer(text, 0, lines[-1].end() if lines else 0)]
    found = _first_date_line(text, [m for m in lines if not any(a <= m.start() < b for a, b in approved)])
    return found if found is not None or not approved else _first_date_line(text, lines)


# an approval stamp's first line (also the start of a term counted from it: :mod:`extractor.fields.period`)
APPROVAL = re.compile(r"^[ \t]*zatwierdzam\b", re.I | re.M)
_BLOCK_END = re.compile(r"\n[ \t]*\n|$")


def _first_date_line(text: str, lines):
    for m in lines:
        line = m.group()
        found = _days(text, m.start(), m.end())
        if found:
            d, s, e = found[0]
            before = line[: s - m.start()]
            # a letterhead's right column: "KOMENDA POWIATOWA POLICJI W ŁASKU          Łask, dnia 28.01.2026 r."
            before = _COLUMN_GAP.split(before)[-1]
            after = line[e - m.start():]
            cells = _CELL_BAR.split(before)
            if len(cells) > 1 and (_CELL_BAR.search(after) or _COLUMN_GAP.search(after)) \
                    and not line.lstrip().startswith("|") and len(cells[-2].strip()) <= _HEADER_CELL:
                # a newspaper's page header, the date a cell of its own: "NOWINY SIEDLECKIE | nr 11 (1432) | środa,
                # 13 marca 2024 r.         str. 7" (not a table's row: "| Rozpoznanie … | 15.03.2024 r. | – |")
                before = cells[-1]
                after = _COLUMN_GAP.split(_CELL_BAR.split(after)[0])[0]
            if _TOWN_LEAD.match(before) and after[:1] in ("", ".", " "):
                # a news dateline: "Kazimierza Wielka, 12.02.2026. Oszuści nie śpią ..."
                return found[0]
            # "Ostrowiec Św., dnia 24.07.2018 r.", "0strowiec Św., 24.07.2018" (a town of up to three words
            # of any spelling, even misread by OCR, then a comma), "Komisariat Policji w Andrychowie, 14 stycznia …"
            before = re.sub(r"^\s*[^\W_][^\s,]*(?:\s[^\s,]+){0,4},\s*(?:dnia|dn\.)?\s*$", "", before)
            # or with the weekday: "piątek, 8 marca 2024 r."
            before = _WEEKDAY_LEAD.sub("", before)
            # or after the page's label and a bar: "KPP Nowy Dwór Gdański | 12.03.2026 r. (czw.)"
            before = _LABEL_BAR.sub("", before)
            # "13.03.2025 | Aktualności", "29.05.2026 · KPP Iława": a page label after a bar or a dot
            rest = (before + _PAGE_LABEL.split(after, 1)[0]).strip(" ,.-|[]()")
            # the line is a date (and maybe a time, a weekday), nothing else
            if not _DATE_LINE_REST.sub("", rest).strip(" ,.-|[]()"):
                return found[0]
            # a title with its date in brackets at its end: "Odblaski dla pieszych (21.11.2025)"
            if before.rstrip().endswith("(") and re.fullmatch(r"\s*(?:r\.)?\s*\)\s*", after):
                return found[0]
    return None


def _titled(text: str):
    head = text[:TITLE_CHARS]
    for rx in _cues().get("title", []):
        for m in rx.finditer(head):   # a breadcrumb ("Uchwały Rady Powiatu > 2024") may come before the title
            # the act's date stands in its title, which may run over a few lines
            a = _line_bounds(text, m.start())[0]
            b = a
            for _ in range(TITLE_LINES):
                b = _line_bounds(text, min(b + 1, len(text)))[1] if b < len(text) else b
            found = _days(text, a, b)
            if "komunikat" in m.group().lower():
                # a communiqué's title gives its date after "z dnia"; a day its text tells of ("Posterunek …
                # rozpoczął 1 kwietnia …") is no date of it (it is signed: "Szadek, dn. 3.04.2026 r.")
                found = [d for d in found if _OF_DAY.search(text, max(a, d[1] - 12), d[1])]
            if found:
                return found[0]
    return None


_OF_DAY = re.compile(r"(?:\bz\s+dnia|\bz\s+dn\.|\bdnia|\bdn\.)\s*$", re.I)


def _signature(text: str):
    start = max(0, len(text) - SIGNATURE_CHARS)
    for m in re.finditer(r"^[^\n]{0,40}?[A-ZĄĆĘŁŃÓŚŹŻ][\w-]+\.?,\s*(?:dnia\s+|dn\.\s*)?", text[start:], re.M):
        found = _days(text, start + m.end(), start + m.end() + 30)
        if found:
            return found[-1]
    return None


def _sentences(document: Document):
    """(start, end) of sentences: spaCy's (which knows "r." and "godz." don't end one), else a regex."""
    spans = document.sentence_spans()
    if spans is not None:
        return spans
    return [(m.start(), m.end()) for m in _SENT.finditer(document.text)]


def _event(document: Document):
    text = document.text
    for a, b in _sentences(document):
        sent = text[a:b]
        if not sent.strip() or not any(rx.search(sent) for rx in _cues().get("event", [])):
            continue
        found = _days(text, a, b)
        if found:
            return found[0]
    return None


def _url_date(text: str):
    """A date in the path of an address on the page (a news site's own address of the article)."""
    m = _URL_DATE.search(text)
    if m is None:
        return None
    try:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return d.isoformat(), m.start(1), m.end(3)


# the act that adopted a programme, named in its text: "przyjęty zarządzeniem nr 112/2018 Prezydenta Miasta
# Żyrardowa z dnia 9 marca 2018 r." (a plan's legal basis, "Zarządzenie nr 768 KGP z dnia ...", is no programme's)
# or the act a programme is the annex of: "Załącznik nr 1 do Uchwały Nr XLI/298/2021 Rady Powiatu ... z dnia ..."
_ACT = re.compile(r"(?:\b(?:przyję\w+|uchwalon\w+|wprowadzon\w+|zatwierdzon\w+)\s+(?:\w+\s+){0,2}?"
                  r"(?:uchwałą|zarządzeniem)|\bzałącznik\w*\s+(?:(?:nr|numer)\s+\w+\s+)?do\s+(?:uchwały|zarządzenia)"
                  r"|\b(?:uchwałą|zarządzeniem))"   # "Rada Miasta uchwałą nr XVIII/142/2025 z dnia … przyjęła program"
                  r"\s+(?:nr|numer)\s+[^\n]{0,100}?\b(?P<on>z\s+(?:dnia\s+)?)(?=\d)", re.I)


def _act(text: str):
    m = _ACT.search(text)
    if m is None:
        return None
    found = _days(text, m.start("on"), m.end() + 30)   # from "z dnia"
    return found[0] if found else None


# the council's session that adopted the programme, its date first: "Na sesji 29 stycznia 2026 r. radni przyjęli uchwałą
# nr XXIV/163/2026 program …", "Rada Gminy na sesji 18 grudnia 2025 r. przyjęła …"
_SESSION = re.compile(r"\b(?:na|podczas)\s+(?:[^\W\d]+\s+){0,4}?sesji\b[^\n.;]{0,40}?(?=\d)", re.I)
_ADOPTED = re.compile(r"^[^.;\n]{0,80}?\b(?:przyjęł\w*|przyjęli|uchwalił\w*|uchwalili|podjęł\w*\s+uchwałę|podjęli\s+uchwałę)",
                      re.I)


def _session(text: str):
    for m in _SESSION.finditer(text):
        found = _days(text, m.end(), m.end() + 30)
        if found and found[0][1] == m.end() and _ADOPTED.match(text[found[0][2]:found[0][2] + 120]):
            return found[0]
    return None


# a letter, a communiqué or a report of its own kind on the page: a salutation, a closing, its name
_LETTER = re.compile(r"\bSzanowni\b|\bZ\s+wyrazami\s+szacunku\b|\bKOMUNIKAT\b|\bKomunikat\s+(?:Burmistrza|Wójta|Prezydenta|Starosty)"
                     r"|\brozliczeni[ea]\b|\b(?i:sprawozdani\w*|podsumowani\w*)\s+(?i:planu|z\s+realizacji)|\bList\s+dzielnicow")


# a document's own place-and-date line, wherever it stands ("Witkowo, 25 lutego 2019 r.", "Krościenko n/D, dnia
# 27.07.2018 r."), maybe in a letterhead's right column ("KOMENDA POWIATOWA POLICJI       Dzikowiec, dnia 28.01.2026 r.")
_PLACE_DATE = re.compile(r"(?:^[ \t]*|(?<=\S)[ \t]{3,})[A-ZĄĆĘŁŃÓŚŹŻ][\w.-]*(?:[ \t/][\w./-]+){0,3},[ \t]*(?:dnia|dn\.)?[ \t]*(?=\d)", re.M)


def _place_date(text: str):
    for m in _PLACE_DATE.finditer(text):
        found = _days(text, m.end(), m.end() + 30)
        if found and found[0][1] == m.end():
            return found[0]
    return None


# the title of a report on a programme: "SPRAWOZDANIE z realizacji …", "Informacja o realizacji …", "Raport z monitoringu …"
_PROGRAMME_REPORT = re.compile(r"\b(?:sprawozdani\w*|informacj\w*|raport\w*)\s+(?:z|o)\s+(?:realizacji|wykonani\w*|monitoring\w*)\b",
                               re.I)
REPORT_REACH = 600


def extract(document: Document) -> str | None:
    text = document.text
    # a programme is dated by the act that adopted it; its page's publication in a bulletin comes later
    finders = (_titled, _act, _session, _labelled, _date_line, _signature) if document.get("doc_type") == "strategy" \
        else (_labelled, _date_line, _titled, _signature, _place_date)
    if document.get("doc_type") == "strategy" and _PROGRAMME_REPORT.search(text, 0, REPORT_REACH):
        # a report on a programme is dated by its own place-and-date line, not by the act that adopted the programme
        finders = (_place_date, *finders)
    for finder in finders:
        hit = finder(text)
        if hit:
            if finder is _labelled and document.get("doc_type") != "news":
                # a plan's, a letter's, a communiqué's or a report's own place-and-date line dates it, the page's later
                # posting label does not: a letter's at its end ("Płużnica, 27 marca 2026 r."), a plan's or a report's
                # at its head or wherever it stands ("Kurów, 12.01.2026 r." under the page's "Dodane: 19.01.2026")
                own = (_LETTER.search(text) and _signature(text)) or _place_date(text)
                if own and own[0] < hit[0] and (date.fromisoformat(hit[0]) - date.fromisoformat(own[0])).days <= 31:
                    return own[0]
            return hit[0]
    if document.get("doc_type") == "news":
        hit = _url_date(text)
        if hit:
            return hit[0]
        hit = _event(document)
        if hit:
            return hit[0]
    return None
