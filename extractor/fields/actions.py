"""Field extractor: actions -- the planned actions with their own deadline and recurrence.

The actions section (from ``document.section_spans("actions")``, or, when the sections
stage found none, from a header line such as "Proponowane działania wraz z terminami
realizacji") is split into items: bullet lines ("·", "•", "-", "*", "1)", "a)", "1."),
paragraphs, and sentences inside a paragraph.  A line that holds nothing but a deadline
("Termin realizacji: do 30.06.2024 r.") belongs to the item before it.

Each item gets:

* ``deadline``: from the item's OWN temporal expression only (the plan-period statement
  alone creates no deadline): ``{"start", "end", "granularity", "text"}`` -- "W styczniu
  2024 roku ..." gives 2024-01-01/2024-01-31 (month); "do 30 czerwca 2024 roku" gives
  2024-06-30/2024-06-30 (day); "przez cały okres obowiązywania planu" gives the plan
  period (granularity ``plan_period``).  A year left out is taken from the plan period.
* ``recurrence``: an ISO 8601 duration ("raz na dwa miesiące" -> ``P2M``); times in a period that fall a
  whole number of weeks or months apart are that interval ("dwa razy w roku" -> ``P6M``, "dwa razy w
  miesiącu" -> ``P2W``); otherwise ("trzy razy w tygodniu") the duration is the period (``P1W``) and
  ``recurrence_count`` says how many times.
* ``partners``: names from ``extractor.fields.partners.partner_names_in`` when that exists.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from extractor.fields.targets import GOAL_SENTENCE
from extractor.sections import LP_LINE, PAGE_LINE, PICTOGRAPHS, WRAP_WIDTH, aligned_cells, aligned_table, continues_row, \
    flattened_header_cells, inline_label, joined_row
from extractor.temporal import find_temporal_in
from extractor.temporal.lexicon import lexicon

ACTION_HEADER = re.compile(
    r"^[ \t]*(?:\d+[.)]\s*|[IVX]+\.\s*|[a-z]\)\s*)?"
    r"(?:proponowane|planowane|przewidywane|zaplanowane)\s+działania\b.*$"
    r"|^[ \t]*(?:\d+[.)]\s*)?(?:działania\s+(?:wraz\s+z\s+terminami|do\s+realizacji|planowane)|"
    r"harmonogram\s+(?:działań|realizacji)|sposób\s+realizacji\s+(?:zadań|działań)|zadania\s+do\s+realizacji)\b.*$"
    # a sentence announcing the list, on a line of its own or ending a paragraph: "W ramach planu policjant
    # zaplanował m.in.:", "Plan przewiduje m.in.:", "… o połowę. W planie zapisano m.in.:"
    r"|(?P<announce>(?:^[^\n]{0,80}|(?<=[.!?] )[^\n.!?]{0,80})\b(?:zaplanowa\w*|przewiduje|przewidziano|"
    r"planuje(?:\s+się)?|zapisano|zawarto|ujęto|zakłada)\b[^\n:]{0,40}:[ \t]*$)",
    re.I | re.M)
NEXT_HEADER = re.compile(
    r"^[ \t]*(?:\d+[.)]\s*|[IVX]+\.\s*)?(?:podmioty\s+współpracujące|instytucje\s+współpracujące|"
    r"proponowany\s+sposób|sposób\s+przekazania|sposób\s+informowania|zakładany\s+cel|charakterystyka|"
    r"mierniki|realizator|budżet|partnerzy|ocena\s+realizacji|sposób\s+oceny|podsumowanie)\b",
    re.I | re.M)

# bullets and numbers (not a date's "03." in "03.2026 – ulotki"), also "ad 1." / "Ad. 2)" of a deadline block
# keyed to the numbered actions
_MARKS = r"(?:[·•‣▪◦○●■□➢►▸▹▶▷◆◇\-–—*" + PICTOGRAPHS + r"]+|\d{1,2}(?:\.\d{1,2})*[.)](?!\d)|\d{1,2}/(?=[ \t])|[a-z]\)|[IVX]{1,4}[.)]|ad\.?[ \t]*\d{1,2}[.)]?)"
# a numbered item opened by its word: "Zadanie nr 2: ostrzeżenia w ogłoszeniach parafialnych", "Krok 3." (never the
# wrapped end of the line before)
_WORD_NUMBERED = re.compile(r"[ \t]*(?:zadanie|działanie|krok|etap)[ \t]+(?:nr[ \t]*)?\d{1,2}[.:)]", re.I)
# a table row pasted as text opens with "|", its mark (if any) after it; a scraped page's "|n|" line markers
BULLET = re.compile(rf"^[ \t]*(?:(?:\|n\|[ \t]*)+{_MARKS}?|\|(?!n\|)[ \t]*{_MARKS}?|{_MARKS})[ \t]*", re.I)
ABBREV = ("r", "ul", "nr", "godz", "tj", "np", "pkt", "ust", "al", "os", "św", "im", "ok", "tzw", "m.in", "in",
          "str", "poz", "art", "dz", "u", "tel", "asp", "sierż", "mł", "st", "kom", "podkom", "nadkom", "insp",
          "br", "ub", "b", "kw", "mies", "wg", "ds", "przy", "gm", "pow", "woj", "ppor", "por", "szt", "n", "pl", "kl", "realiz", "współdz", "podm",
          "pw")
# a sentence ends at [.!?] before a capital; items run on in one paragraph are split at ";" ("do końca marca
# spotkanie ...; w kwietniu i maju patrole ...")
SENT_END = re.compile(r"[.!?](?=\s+[A-ZĄĆĘŁŃÓŚŹŻ])|;(?=\s)")
# lines that end a list of actions although the sections stage put them inside it: the plan's own period
# ("Okres realizacji: ..."), the next district's heading on a page with several plans ("Rejon nr 6 – ...",
# "Rejon XII – ...") or the officer's signature
STOP_LINE = re.compile(
    # (a BIP page's record after the document: "Załączniki: …", "Data wytworzenia: 17.12.2025")
    r"^[ \t]*(?:załącznik[i]?\s*:|metryczka\b|data\s+(?:wytworzenia|publikacji|modyfikacji|udostępnienia|wprowadzenia)\s*:|"
    r"okres\s+(?:realizacji|obowiązywania)(?:\s+planu)?\s*[:\-–]|"
    r"rejon(?:\s+służbowy)?\s+(?:nr\s*)?(?:\d+|[IVXL]+)\b\s*[:\-–—]|dzielnicow[ya]\s*(?:rejonu\s+\S+\s*)?:)",
    re.I | re.M)
DEADLINE_ONLY = re.compile(r"^[\s\-–—:;,.()]*(?:(?:termin(?:\s+realizacji)?|czas\s+realizacji|realizacja|"
                           r"do\s+kiedy|kiedy)\s*[:\-–]?)?[\s\-–—:;,.()]*$", re.I)
# a piece opened by a term's label is the term of the item before it, whatever else it says ("Termin: do 19 czerwca
# 2026 r., przed zakończeniem roku szkolnego.", "Termin: w co drugi czwartek, od marca do sierpnia 2026 r."); so
# are the item's other labelled parts on its line ("…; do kiedy: 10 kwietnia; z kim: Straż Miejska.")
TERM_LABEL = re.compile(r"[\s\-–—]*(?:termin(?:\s+realizacji)?|czas\s+realizacji|realizacja|do\s+kiedy|kiedy|częstotliwość|z\s+kim|"
                        r"kto|partnerzy|partner|współpraca|we\s+współpracy\s+z|wspólnie\s+z|z\s+udziałem|realizator(?:zy)?|realizuje|"
                        r"odpowiedzialn\w*|wykonawc\w*|podmioty?\s+współpracując\w*)\s*:", re.I)
DEADLINE_GRANS = ("day", "week", "month", "quarter", "half_year", "year", "plan_period", "holiday")


def _period(document) -> tuple[date, date] | None:
    p = document.get("period")
    if isinstance(p, dict) and p.get("start") and p.get("end"):
        try:
            return date.fromisoformat(p["start"]), date.fromisoformat(p["end"])
        except ValueError:
            return None
    return None


def _ref(document, period) -> date | None:
    """Where no plan period is known, the document's date gives the year of a term that omits it ("do 30
    kwietnia" of a page dated 2 March 2026)."""
    if period is not None:
        return None
    try:
        return date.fromisoformat(document.get("date") or "")
    except ValueError:
        return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    m = STOP_LINE.search(text, start, end)
    if m and text[start:m.start()].strip():
        end = m.start()
    return start, end


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _fallback_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in ACTION_HEADER.finditer(text):
        body = m.end()
        nxt = NEXT_HEADER.search(text, body)
        end = nxt.start() if nxt else len(text)
        if m.group("announce"):
            # the announced list ends with its paragraph: the prose after it is the page's, not an action
            first = end - len(text[body:end].lstrip())   # the list's first line
            gap = _BLANK_LINE.search(text, first, end)
            end = gap.start() if gap else end
        if end > body:
            spans.append((body, end))
    return spans


def _lines(text: str, start: int, end: int):
    """(start, end, bulleted) of the non-empty lines between start and end."""
    pos = start
    for line in text[start:end].split("\n"):
        ls, le = pos, pos + len(line)
        pos = le + 1
        if not line.strip():
            yield None
            continue
        if PAGE_LINE.fullmatch(line):
            continue   # a page's running footer inside the list: the list goes on over the page break
        m = BULLET.match(line)
        bulleted = bool(m and m.end() < len(line))
        if m and bulleted:
            ls += m.end()
        yield (ls, le, bulleted)


_ROW_NUMBER = re.compile(r"[ \t]*\d{1,2}[.)][ \t]*")
# a table's row drawn with bars and numbered ("| 3. | Pogadanka …"): the lines after it may go on it (continues_row)
_NUMBERED_ROW = re.compile(r"[ \t]*\|[ \t]*\d{1,2}\.?[ \t]*\|")
_NUMBER_BAR = re.compile(r"[ \t]*\d{1,2}\.?[ \t]*\|")   # a row opened by its number and a bar: "1 | Uzgodnienie …"
_RULE_LINE = re.compile(r"[ \t]*[-=_]{5,}[ \t]*")


_ROW_DASH = re.compile(r"\S[ \t]+[–—→][ \t]+\S")   # ("lipiec → ocena odstraszaczy")
_LABEL_AT_END = re.compile(r"\b(?:termin(?:[ \t]+realizacji)?|realizator(?:zy)?|wykonawc\w*|partner(?:zy)?|kiedy|z[ \t]+kim|kto)"
                           r"[ \t]*:$", re.I)
_CELL_MARKS = ("|", "▸", "¦")   # a table row's cells set apart: "kontrole przed szkołą ▸ każdy wtorek ▸ WRD"
ROW_DASH_REACH = 60
_LEGEND_LINE = re.compile(r"[ \t]*\([^()\n]*\)[ \t]*:?[ \t]*")


_ITEM_NUMBER = re.compile(r"[ \t]*(?:\d{1,2}(?:[./]\d{1,2})*[.)]?|[A-Z]\d{1,2}[.)]?)[ \t]+")


def _hanging(text: str, block_start: int, line_start: int) -> bool:
    """The line at ``line_start`` is indented by spaces to where the text of the numbered item that opens the block
    at ``block_start`` begins, after its number: a line of that item."""
    first = text.rfind("\n", 0, block_start) + 1
    m = _ITEM_NUMBER.match(text, first)
    width = m.end() - first if m else 0
    after = text[line_start + width:line_start + width + 1]
    return width >= 3 and text.startswith(" " * width, line_start) and after not in " \t\n"


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Bullet items and paragraphs; wrapped lines of one item are joined."""
    blocks: list[list[int]] = []
    opened: list[tuple[bool, bool]] = []   # per block: opened by a bullet, after a blank line
    blank = False
    prev_open = False
    prev_bulleted = False   # the block before was opened by a bullet
    prev_len = 0            # length of the line before
    row_open = False        # a flattened table's row: its number on a line, then a cell a line
    row = None              # the last line when it is a table's numbered row drawn with bars
    hard_row = False        # the last row opened its line with its number and a bar: its hard-wrapped lines are indented
    cells = flattened_header_cells(text) if LP_LINE.search(text, start, end) else set()
    for ln in _lines(text, start, end):
        if ln is None:
            prev_open = row_open = False
            blank = bool(blocks)
            continue
        ls, le, bulleted = ln
        line_start = text.rfind("\n", 0, ls) + 1
        if line_start in cells or LP_LINE.match(text, line_start, le):
            continue   # "Lp.", "Działanie", "Termin": the flattened header's cells
        if _ROW_NUMBER.fullmatch(text, line_start, le):
            blocks.append([line_start, le])
            opened.append((True, blank))
            row_open, prev_open, blank = True, False, False
            continue
        if row_open:
            blocks[-1][1] = le   # the row's cells: its action, its term, its partners
            continue
        if _RULE_LINE.fullmatch(text, line_start, le):
            continue   # a page's rule between a row's lines
        if blocks and hard_row and text[line_start] in " \t" and not _NUMBER_BAR.match(text, ls, le):
            # a row of a table with bars, hard-wrapped at a converted PDF's margin: "1 | Uzgodnienie … na łące" / "    przy
            # ul. Pola | do 15 maja 2026 r. | Parafia" / "    pw. Matki Bożej …" (the next row opens with its number)
            blocks[-1][1] = le
            continue
        hard_row = _NUMBER_BAR.match(text, line_start, le) is not None
        if blocks and row is not None and continues_row(row, text[line_start:le]):
            # a row of a table drawn with bars, wrapped over lines (a converted PDF's grid): the next lines, their
            # first cell blank, go on its cells ("| 3. | Pogadanka … | najpóźniej | Szkoła Podstawowa |" / "|     |
            # dla uczniów | 19.06.2026 r. | w Karczmiskach |")
            blocks[-1][1] = le
            continue
        row = text[line_start:le] if _NUMBERED_ROW.match(text, line_start, le) else None
        first = text[ls:le].lstrip()[:1]
        prev_txt = text[blocks[-1][0]:blocks[-1][1]].rstrip() if blocks else ""
        # a wrapped line goes on lower-case; in a bullet item a long line cut at a word may also
        # go on with a capital ("... z Wodnym Ochotniczym / Pogotowiem Ratunkowym")
        continues = (blocks and prev_open and not bulleted and not prev_txt.endswith((".", ";", ":", "!", "?"))
                     and (first.islower() or (prev_bulleted and prev_len >= WRAP_WIDTH and first.isalpha()
                                              and not _WORD_NUMBERED.match(text, ls, le))))
        # a label that ends a line has its value on the next: "… szkół podstawowych. Realizator:" / "Gminna Komisja …"
        continues = continues or bool(blocks and prev_open and not bulleted and _LABEL_AT_END.search(prev_txt))
        # a bullet item's own lines indented under it: "▸ Spotkania z seniorami" / "  Odpowiada: …" / "  Czas: …"
        continues = continues or bool(blocks and prev_open and prev_bulleted and not bulleted
                                      and text[line_start:line_start + 1] in (" ", "\t"))
        # a numbered item's lines indented to its text: "4.5 przegląd oświetlenia … – do 31 marca" / "    2027 r.",
        # "4.1 … ankiet" / "    – do 30 czerwca 2026 r." (a scan's or an old document's hanging indent)
        continues = continues or bool(blocks and prev_open and _hanging(text, blocks[-1][0], line_start))
        if continues and (any(c in text[ls:le] and c in prev_txt for c in _CELL_MARKS)
                          or ("\t" in text[ls:le] and "\t" in prev_txt and text[line_start] not in " \t")
                          or (_ROW_DASH.search(text, ls, min(le, ls + ROW_DASH_REACH))
                              and _ROW_DASH.search(prev_txt, 0, ROW_DASH_REACH))):
            # a table's row of its own ("kamery przy dworcu | SM | do końca 2026 r.", "maj–czerwiec<tab>fotopułapki<tab>…",
            # its first cell filled), or a list's "term – task" line ("czerwiec – pogadanka w szkole"), in lower case
            continues = False
        if continues:
            blocks[-1][1] = le
        else:
            blocks.append([ls, le])
            opened.append((bulleted, blank))
            prev_bulleted = bulleted
        prev_open = True
        blank = False
        prev_len = len(text[ls:le].rstrip())
    return [(a, b) for a, b in blocks[:_list_end(opened)]]


def _list_end(opened: list[tuple[bool, bool]]) -> int:
    """How many blocks are the actions: a list of bullet items ends with its last item when only paragraphs
    without a bullet follow it, after a blank line (the page's own prose: "Wójt zachęca …", "Dzielnicowy
    przyjmuje interesantów …")."""
    last = max((k for k, (bulleted, _b) in enumerate(opened) if bulleted), default=None)
    if last is None or last + 1 >= len(opened) or not opened[last + 1][1] \
            or sum(1 for bulleted, _b in opened[:last + 1] if bulleted) < 2:
        return len(opened)
    return last + 1


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, s = [], start
    for m in SENT_END.finditer(text, start, end):
        word = re.search(r"([\w.]+)$", text[s:m.start()])
        if m.group(0) == "." and word and word.group(1).lower().rstrip(".") in ABBREV:
            continue
        if m.group(0) == "." and word and word.group(1).isdigit():
            continue  # "30.06.2024 r" or an ordinal "1."
        out.append((s, m.end()))
        s = m.end()
    out.append((s, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


_AD_KEY = re.compile(r"[ \t]*ad\.?[ \t]*\d{1,2}[.)]?[ \t]*$", re.I)


def _keyed(text: str, start: int) -> bool:
    """The item at ``start`` opens its line after an "ad 3." key: the deadline of action 3, an item of its own."""
    return _AD_KEY.match(text, text.rfind("\n", 0, start) + 1, start) is not None


TAIL_WORDS = 8


def _says_who(piece: str) -> bool:
    """A clause on who carries the item out ("wykona Uzdrowisko Nałęczów S.A.", "odpady wywiezie Zakład ..."):
    a finite verb among its first two words (a new action is named by a noun: "rozmowy z właścicielem")."""
    from extractor.nlp.morph import analyse

    return any(a.tag.startswith("fin") for w in _WORD.findall(piece)[:2] for a in analyse(w))


def split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    items: list[list[int]] = []
    for k, (bs, be) in enumerate(_blocks(text, start, end)):
        if k == 0 and _LEGEND_LINE.fullmatch(text, bs, be):
            continue   # a heading's legend left on its line: "Harmonogram (termin – zadanie – kto pomaga)"
        for ss, se in _sentences(text, bs, be):
            # (two actions joined by ", a", each with its term: "Do 31 marca … wystąpi …, a od maja do sierpnia … kontrole")
            items.extend([a, b, k] for a, b in _clauses(text, ss, se, None))
    # a piece holding only a deadline ("Termin: do 30.06.2024 r.") joins the item before it; so does a short
    # piece with no term of its own after a dated one of its line ("do 17.04.2026 – oznakowanie wejść; wykona
    # Uzdrowisko Nałęczów S.A.;")
    merged: list[list[int]] = []
    dated = False   # the last piece kept had a term
    for it in items:
        piece = text[it[0]:it[1]]
        rest = piece
        found = find_temporal_in(text, it[0], it[1])
        for e in sorted(found, key=lambda e: -e.start):
            rest = rest[:e.start] + rest[e.end:]
        tail = merged and dated and not found and merged[-1][2] == it[2] and text[merged[-1][1] - 1] == ";" \
            and len(piece.split()) <= TAIL_WORDS and _says_who(piece)
        if merged and ((DEADLINE_ONLY.match(rest) and rest != piece) or TERM_LABEL.match(piece) or tail) \
                and not _keyed(text, it[0]):
            merged[-1][1] = it[1]
        else:
            merged.append(it)
            dated = bool(found)
    return [(a, b) for a, b, _k in merged]


def _deadline(exprs, period) -> dict | None:
    cands = []
    for e in exprs:
        if e.kind not in ("date", "interval") or e.granularity not in DEADLINE_GRANS:
            continue
        v = e.value
        if v.get("mod") in ("from", "after"):
            continue
        if e.granularity == "plan_period" and not period:
            continue
        if e.granularity == "holiday" and period and (period[1] - period[0]).days > 366 \
                and not _YEAR_IN.search(e.text):
            continue   # "w okresie wakacji" of a programme over years: a season each year, no deadline
        if not v.get("end"):
            continue
        cands.append(e)
    if not cands:
        return None
    until = [e for e in cands if e.value.get("mod") in ("until", "before")]
    # a day named beside a looser term is the term: "przed wakacjami, do 26 czerwca"; so is a date beside one
    # counted from the plan's start ("w ciągu miesiąca od rozpoczęcia planu, czyli do 16 marca")
    until.sort(key=lambda e: (e.granularity != "day", "of" in e.value))
    # with no bound word, the last of the dates named: "w majówkę (1–3 maja) i w długi weekend (4–7 czerwca)"
    e = until[0] if until else max(cands, key=lambda c: c.value["end"])
    days = [c for c in cands if c.granularity == "day" and not c.value.get("mod")]
    if e.granularity != "day" and days:
        # a day or days named beside a looser bound term: "[22–26 VI, tydzień przed wakacjami]"
        e = max(days, key=lambda c: c.value["end"])
    if e.value.get("mod") == "before" and e.value.get("start"):
        # "przed wakacjami", "przed 1 września": due the day before it starts
        end = (date.fromisoformat(e.value["start"]) - timedelta(days=1)).isoformat()
        return {"start": None, "end": end, "granularity": "day", "text": e.text}
    return {"start": e.value.get("start"), "end": e.value["end"], "granularity": e.granularity, "text": e.text}


# a schedule's year heading: "Rok 2027", "W roku 2028"
# (named: a bare "2025 r." on a line of its own may be a wrapped term's end)
_YEAR_HEADING = re.compile(r"^[ \t]*(?:Rok|ROK|W[ \t]+roku)[ \t]+((?:19|20)\d\d)(?:[ \t]*r\.?)?[ \t]*:?[ \t]*$"
                           # "Lata 2028–2029": a heading too, its items dated by their own words
                           r"|^[ \t]*(?:Lata|LATA|W[ \t]+latach)[ \t]+(?:19|20)\d\d[ \t]*[–—-][ \t]*(?:19|20)\d\d[ \t]*:?[ \t]*$", re.M)


def _year_headings(text: str, spans) -> list[tuple[int, int, int]]:
    """(start, end, year) of the year headings inside the actions' spans, in text order: the items under
    one take its year ("Rok 2027" / "do 31 maja – montaż …": 31 May 2027)."""
    return sorted((m.start(), m.end(), int(m.group(1)) if m.group(1) else None)
                  for s, e in spans for m in _YEAR_HEADING.finditer(text, s, e))


def _ahead_of(deadline: dict, ref: date) -> dict:
    """A term without its year, dated by the document alone, is ahead of the document rather than half a year
    or more behind it: "do końca stycznia" of a plan published in November falls in the next year."""
    if _YEAR_IN.search(deadline["text"]) or (ref - date.fromisoformat(deadline["end"])).days <= 183:
        return deadline
    return {**deadline, "start": _next_year(deadline["start"]), "end": _next_year(deadline["end"])}


def _next_year(iso: str | None) -> str | None:
    if not iso:
        return iso
    d = date.fromisoformat(iso)
    return (d.replace(year=d.year + 1, day=28) if (d.month, d.day) == (2, 29) else d.replace(year=d.year + 1)).isoformat()


# the officer's office hours after the list: "pełni dyżur w Urzędzie Miejskim w każdy pierwszy czwartek miesiąca",
# "przyjmuje interesantów we wtorki", "Dzielnicowego można zastać w Komisariacie …", "Dyżur dzielnicowego: …"
_OFFICE_DUTY = re.compile(r"\b(?:pełni\w*\s+dyżur\w*\s+w\s+(?:urzęd|urząd|posterun|komisariac|siedzib|świetlic)\w*"
                          r"|przyjmuj\w*\s+(?:interesant|mieszkańc|petent)\w*|można\s+(?:go\s+|ją\s+)?zastać"
                          r"|dyżur\w*\s+dzielnicow\w*\s*:)", re.I)
_RELATIVE_BEFORE = re.compile(r"\bkt[óo]r(?:y|a|e|zy|ych|ym|ymi|ą)\s+(?:[^\W\d]+\s+)?$", re.I)
# a term that comes back each year (beside another recurrence: "codziennie … każdego roku programu")
_EACH_YEAR = re.compile(r"\b(?:każde(?:go|j)[ \t]+(?:roku|zimy|lata|wiosny|jesieni|sezonu)|w[ \t]+każdym[ \t]+(?:roku|sezonie)"
                        r"|co[ \t]+roku|corocznie|rokrocznie)\b", re.I)


# rhythms that divide a year: months named beside them without a year are the months of each year
_PARTS_OF_YEAR = frozenset(("P6M", "P4M", "P3M"))
_UNTIL_WORD = re.compile(r"\s*(?:do|najpóźniej|przed|nie\s+później)\b", re.I)


# "N razy w <period>" whose occurrences fall a whole number of units apart: that interval
_EVEN_SPLITS = {**{("P1Y", n): f"P{12 // n}M" for n in (2, 3, 4, 6, 12)},
                ("P6M", 2): "P3M", ("P6M", 3): "P2M", ("P6M", 6): "P1M", ("P3M", 3): "P1M", ("P3M", 2): "P6W",
                ("P1M", 2): "P2W", ("P1M", 4): "P1W", ("P1W", 7): "P1D"}


_LISTED = re.compile(r"\s(?:i|oraz)\s|,")
_SPANNED = re.compile(r"\b(?:od|do)\b|[–—-]", re.I)


def _months_named(text: str) -> int:
    """How many months ``text`` lists, when they divide the year evenly ("w marcu i we wrześniu": 2; not "w lipcu i
    sierpniu", a season, nor "od marca do czerwca", a span): 0 otherwise."""
    if not _LISTED.search(text) or _SPANNED.search(text):
        return 0
    months = lexicon().month_of
    ms = sorted({months[w.lower()] for w in _WORDLIKE.findall(text) if w.lower() in months})
    n = len(ms)
    if n < 2 or 12 % n:
        return 0
    gaps = {(b - a) % 12 for a, b in zip(ms, ms[1:] + ms[:1])}
    return n if gaps == {12 // n} else 0


def _recurrence(exprs) -> tuple[str | None, int | None]:
    """The action's rhythm: an ISO 8601 duration between two occurrences, and how many times in it when that
    duration is the period of several ("trzy razy w tygodniu": P1W, 3); times that divide the period into whole
    months or weeks are that far apart ("dwa razy w roku": P6M, "dwa razy w miesiącu": P2W)."""
    rhythms = [e for e in exprs if e.kind in ("recurrence", "set") and e.value.get("duration")]
    if rhythms:
        # (a yearly frame gives way to a finer rhythm in it: "w każdym sezonie grzewczym (październik–marzec), raz w tygodniu")
        e = rhythms[1] if len(rhythms) > 1 and rhythms[0].value["duration"] == "P1Y" else rhythms[0]
        duration, count = e.value["duration"], e.value.get("count")
        if duration == "P1Y" and not count:
            # the months of each year named beside it: so many times a year ("w kwietniu i październiku każdego roku": P6M)
            count = next((n for f in exprs if f.kind == "interval" and f.granularity == "month"
                          and (0 <= e.start - f.end <= 3 or 0 <= f.start - e.end <= 3)
                          and (n := _months_named(f.text)) > 1), None)
        even = _EVEN_SPLITS.get((duration, count))
        if even:
            return even, None
        return duration, count
    # days of the week in the plural, with no rhythm of their own, right before the months they fall in: each week of
    # those ("w weekendy od 20 czerwca do 30 sierpnia", "soboty i niedziele lipca oraz sierpnia", "w piątki, czerwiec–sierpień")
    # (or right after them: "VII–VIII 2019, weekendy")
    for e, f in zip(exprs, exprs[1:]):
        days, months = (e, f) if e.kind == "set" else (f, e)
        if days.kind == "set" and days.granularity == "day_of_week" and days.value.get("days") \
                and months.kind == "interval" and months.granularity in ("day", "month") and 0 <= f.start - e.end <= 3:
            # (a dash between them: "patrole w weekendy – w marcu i kwietniu 2022 r.")
            return "P1W", None
    return None, None


def _partner_fn():
    try:
        from extractor.fields import partners
    except Exception:
        return None
    return getattr(partners, "partner_names_in", None)


NARRATIVE_GRANS = ("month", "quarter", "half_year", "week")
_PLAN_VERBS = {"planować", "zaplanować", "zamierzać", "przewidywać", "przewidzieć", "zapowiadać", "zapowiedzieć",
               "deklarować", "zadeklarować", "zobowiązać", "zobowiązywać", "obiecać", "obiecywać"}
_WORD = re.compile(r"\w+")
_WORDLIKE = re.compile(r"[^\W\d_]{3,}")
_YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")


def _commits(sentence: str) -> bool:
    """The sentence says what will be done: a future form ("wystąpi", "będzie prowadził", "zostanie
    zorganizowane") or a planning verb; a report ("ustawił") or a description ("dochodzi") does not."""
    from extractor.nlp.morph import analyse

    for m in _WORD.finditer(sentence):
        an = analyse(m.group())
        tags = [a.tag.split(":") for a in an]
        if any(t[0] == "bedzie" for t in tags):
            return True
        fins = [t for t in tags if t[0] == "fin"]
        if fins and all(t[-1] == "perf" for t in fins) and not any(t[0] in ("subst", "adj") for t in tags):
            return True
        if any(a.lemma in _PLAN_VERBS for a in an):
            return True
    return False


# paragraphs a plan told as prose enumerates: "Po pierwsze – zajęcia …", "Po drugie – wystąpienie …"
_ENUMERATED = re.compile(r"^[ \t]*Po[ \t]+(?:pierwsze|drugie|trzecie|czwarte|piąte|szóste|siódme|ósme|dziewiąte|dziesiąte)\b"
                         r"[ \t]*[–—:,-]?[ \t]*", re.M)


def _enumerated(text: str, period, ref) -> list[tuple[int, int]]:
    """Each paragraph opened by "Po pierwsze", "Po drugie", … up to the next or its blank line, when two of them
    at least state a term or a rhythm (an enumeration of the threats states none)."""
    found = list(_ENUMERATED.finditer(text))
    if len(found) < 2:
        return []
    out = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        gap = _BLANK_LINE.search(text, m.end(), end)
        out.append((m.end(), gap.start() if gap else end))
    timed = [sp for sp in out if any(e.kind in ("date", "interval", "recurrence", "set")
                                     for e in find_temporal_in(text, sp[0], sp[1], ref=ref, period=period))]
    return out if len(timed) >= 2 else []


def _narrative_actions(document, period, ref=None) -> list[tuple[int, int]]:
    """A plan told as prose, with no actions section: the sentences that commit to something by a date
    ("a do końca sierpnia wystąpi do Zarządu Dróg ...") or at a rhythm ("co dwa tygodnie będzie
    prowadził kontrole").  A range that only states the plan period or a past baseline is no action."""
    if document.get("doc_type") != "priority_plan" or document.sentence_spans() is None:
        return []
    if any(s.kind in ("threat", "goal", "actions") for s in document.sections):
        return []
    text = document.text
    out = []
    for a, b in document.sentence_spans():
        goal = GOAL_SENTENCE.search(text, a, b)
        if goal and not _ACTIONS_NAMED.search(text, goal.end(), b):
            continue   # "Dzielnicowy postawił sobie dwa cele …: … ma zmaleć …, … na koniec sierpnia": the goal
        exprs = find_temporal_in(text, a, b, ref=ref, period=period)
        rec, _ = _recurrence(exprs)
        committed = [e for e in exprs if e.kind in ("date", "interval") and e.value.get("end")
                     and (e.value.get("mod") in ("until", "before") or e.granularity in NARRATIVE_GRANS)]
        if (rec or committed) and _commits(text[a:b]):
            out.extend(_clauses(text, a, b, period))
    return out


# a goal's sentence that goes on to the actions ("…; celem planu jest …, a działania przewidziane w planie to: …")
_ACTIONS_NAMED = re.compile(r"\b(?:działani|działań|zadani|zadań|krok|przedsięwzię)\w*", re.I)
_CLAUSE = re.compile(r",\s+(?=(?:a|zaś|natomiast|oraz|ponadto)\s)")


def _clauses(text: str, a: int, b: int, period) -> list[tuple[int, int]]:
    """One sentence that commits to two things by two dates ("kontrole do końca kwietnia, a urząd ...
    do 30 czerwca") is two actions; otherwise the sentence is one."""
    cuts = [a] + [m.end() for m in _CLAUSE.finditer(text, a, b)] + [b]
    parts = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]
    dated = [p for p in parts if find_temporal_in(text, p[0], p[1], period=period)]
    return parts if len(parts) > 1 and len(dated) == len(parts) else [(a, b)]


# the parts of a strategy's task block after the task itself ("Zadanie 2. ...", then "Realizator: ...",
# "Partnerzy: ...", "Termin: 2020–2021"): the sections stage makes each label a section of its own
TASK_PARTS = ("implementer", "partners", "stages", "budget", "indicators")
# the labels of a task's term ("Częstotliwość: raz w miesiącu": a task's rhythm, its term too)
_TERM_WORDS = r"(?:terminy?(?:\s+realizacji)?|czas\s+realizacji|kiedy|częstotliwość)"
# a line may open with the "|n|" marker of a page's lost line break
TERM_LINE = re.compile(rf"[ \t]*(?:\|n\|)*[ \t]*{_TERM_WORDS}\s*[:\-–]", re.I)
# a term on a label's line, after the label ("Realizator: KPP w Krasnymstawie. Termin: raz na kwartał.")
INLINE_TERM = re.compile(rf"(?:[.;]\s*|\s|\|n\|){_TERM_WORDS}\s*:", re.I)
TASK_START = re.compile(r"[ \t]*(?:\|n\|)*[ \t]*(?:(?:zadanie|zad\.)\s*(?:nr\s*)?\d+|\d{1,2}(?:\.\d{1,2})*[.)]|[a-z]\))", re.I)


# a section headed by a task of its own ("Zadanie 1. Bezpieczne Stare Miasto"), not by a numbered heading
_TASK_TITLE = re.compile(r"[ \t]*(?:\|n\|)*[ \t]*(?:zadanie|zad\.)\s*(?:nr\s*)?\d+", re.I)


def _task_blocks(document) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """(start, end, items) of the runs of task blocks: an actions section followed by the labels of its tasks,
    a "Realizator" among them.  Each task ("Zadanie 2. ...", "2. ...", or a paragraph) is an item that reaches
    to its "Termin: ..." line; the labels' own lines (and a label's list, up to a blank line) are no task."""
    secs, text = document.sections, document.text
    out = []
    for i, sec in enumerate(secs):
        if sec.kind != "actions":
            continue
        chain = [sec]
        for nxt in secs[i + 1:]:
            if nxt.kind not in TASK_PARTS and not (nxt.kind in ("goal", "justification")
                                                   and inline_label(text, nxt.start)):
                break   # a task's own "Cel: …" or "Opis: …" label goes on the block; a "Cele" heading ends it
            chain.append(nxt)
        if not any(x.kind == "implementer" for x in chain[1:]):
            continue
        labels = {x.start for x in chain[1:]}
        # a task's own line may head the block ("Zadanie 1. Bezpieczne Stare Miasto" then "Opis: …")
        start = sec.start if _TASK_TITLE.match(text, sec.start) else sec.body_start
        end = chain[-1].end
        items: list[list[int]] = []
        in_label = open_item = False
        last_part = start   # where the last label or term line begins: after it, no task
        pos = start
        while pos < end:
            le = text.find("\n", pos, end)
            le = end if le < 0 else le
            ls, pos = pos, le + 1
            line = text[ls:le]
            if not line.strip():
                in_label = open_item = False
                continue
            if TERM_LINE.match(line):
                if items:
                    items[-1][1] = le   # the term of the task before
                else:
                    items.append([ls, le])
                in_label = open_item = False
                last_part = ls
            elif any(ls <= x < le for x in labels):
                if items and INLINE_TERM.search(line):
                    items[-1][1] = le   # "Realizator: PCPR; … Termin: do 31 grudnia 2023 r.": the task's term
                in_label, open_item = True, False
                last_part = ls
            elif in_label and not TASK_START.match(line):
                continue   # the label's list goes on
            elif open_item and not TASK_START.match(line):
                items[-1][1] = le   # the task's text goes on
                in_label = False
            else:
                bullet = BULLET.match(line)
                items.append([ls + (bullet.end() if bullet and bullet.end() < len(line) else 0), le])
                in_label, open_item = False, True
        # what follows the last label (a closing paragraph, a signature) is no task
        items = [it for it in items if it[0] < last_part or TASK_START.match(text, text.rfind("\n", 0, it[0]) + 1)]
        out.append((start, end, [(a, b) for a, b in items]))
    return out


def _with_task_blocks(document, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``items`` with those inside a run of task blocks replaced by the run's tasks."""
    blocks = _task_blocks(document)
    if not blocks:
        return items
    kept = [it for it in items if not any(s <= it[0] < e for s, e, _ in blocks)]
    return sorted(kept + [it for _s, _e, tasks in blocks for it in tasks])


_TASKS_TITLE = re.compile(r"\W*zadania\b", re.I)


def extract(document):
    text = document.text
    try:
        spans = document.section_spans("actions")
    except Exception:
        spans = []
    if not spans:
        # no actions section: a section of the partners' tasks holds them ("Zadania partnerów / 1. Do 31 marca 2026 r. –
        # Referat i OSP zamkną szlabanem wjazd …")
        spans = [(sec.body_start, sec.end) for sec in document.sections
                 if sec.kind == "partners" and _TASKS_TITLE.match(sec.title or "")]
    if not spans:
        spans = _fallback_spans(text)
    period = _period(document)
    ref = _ref(document, period)
    whole = False   # each span is one action, its sentences not split
    if not spans:
        spans = _enumerated(text, period, ref)
        whole = bool(spans)
    if not spans:
        spans = _narrative_actions(document, period, ref)
    partner_names_in = _partner_fn()
    items = []
    columns: dict[int, list[int]] = {}   # a row of a table set out in columns by spaces: its columns, by its start
    for s, e in spans:
        s, e = _trim(text, s, e)
        table = None if whole else aligned_table(text, s, e)
        if table is not None:
            # each row of the table one action (its header no action), the text around it read as any
            head, end, cols, rows = table
            items.extend(split_items(text, s, head) + rows + split_items(text, end, e))
            columns.update((a, cols) for a, _b in rows)
            continue
        items.extend([(s, e)] if whole else split_items(text, s, e))
    items = _with_task_blocks(document, items)
    years = _year_headings(text, spans)
    out = []
    for a, b in items:
        if any(hs <= a and b <= he for hs, he, _y in years):
            continue   # "Rok 2027": the schedule's heading for the items under it, no action
        cut = min([b] + [hs for hs, _he, _y in years if a < hs < b])   # a heading joined to the item before it
        if cut < b:
            b = a + len(text[a:cut].rstrip())
        year = next((y for hs, _he, y in reversed(years) if hs < a), None)
        # a table's row wrapped over lines is read with each cell's pieces joined ("do końca" / "I kwartału" / "2026 r.")
        row = aligned_cells(text[a:b].split("\n"), columns[a]) if a in columns \
            else joined_row(text[text.rfind("\n", 0, a) + 1:b].split("\n"))
        read, ra, rb = (text, a, b) if row is None else (row, 0, len(row))
        exprs = find_temporal_in(read, ra, rb, ref=ref, context_year=year, period=period)
        for x in exprs:
            x.start += ra
            x.end += ra
        deadline = _deadline(exprs, period)
        if ref and deadline:
            deadline = _ahead_of(deadline, ref)
        # (not the rhythm of the people the action is for: "osobom, które codziennie dojeżdżają rowerem")
        rec, count = _recurrence([x for x in exprs if x.kind not in ("recurrence", "set")
                                  or not _RELATIVE_BEFORE.search(read, max(ra, x.start - 30), x.start)])
        if deadline and not _YEAR_IN.search(deadline["text"]) and (
                rec == "P1Y" or _EACH_YEAR.search(text, a, b)
                or (rec in _PARTS_OF_YEAR and deadline.get("granularity") in ("month", "day")
                    and not _UNTIL_WORD.match(deadline["text"]))):
            deadline = None   # "corocznie w okresie od czerwca do sierpnia", "codziennie w lipcu i sierpniu każdego roku
            # programu", "od 1 grudnia do końca lutego, każdej zimy": a window each year, due no day; "dwukrotnie w
            # ciągu roku (luty, sierpień)": the months of a yearly rhythm
        if not (deadline or rec) and not _WORDLIKE.search(text, a, b):
            continue   # a page number, a stray mark: no action (a bare "– do 28.02.2019 r." is one)
        if not deadline and _OFFICE_DUTY.search(text, a, b):
            continue   # "Dzielnicowy pełni dyżur w Urzędzie Miejskim w każdy pierwszy czwartek miesiąca": where to find him
        partners: list = []
        if partner_names_in is not None:
            try:
                partners = list(partner_names_in(document, a, b) or [])
            except Exception:
                partners = []
        item = document.span(a, b, deadline=deadline, recurrence=rec, partners=partners)
        if count:
            item["recurrence_count"] = count
        out.append(item)
    return out
