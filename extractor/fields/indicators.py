"""indicators: tables of measures (mierniki) — a header line of years, then rows of
"name [source] value value ...", numbers with spaces as thousand separators ("3 581"), dashes for
missing values.  Category lines ("Wskaźniki produktu:") give the row ``type``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

from extractor.record import Document
from extractor.sections import PICTOGRAPHS

# a year heads a column, maybe with a footnote mark ("2021*": data for part of the year)
# ("," of a CSV header; ")" closing a heading's list: "Wybrane dane (lata: 2023 | 2024 | 2025)"; a column's year in
# brackets: "Wartość bazowa (2024) | Wartość docelowa (2029)")
_YEARS = re.compile(r"(?:(?<=[\s;|,(])|^)((?:19|20)\d\d)(?=[*¹²³]{0,2}(?:[\s;|,]|\)?$|\)[\s;|,]))")
# the same years over a whole text: a line's years are the matches between its line breaks
_YEARS_IN_LINES = re.compile(_YEARS.pattern, re.M)
_LINE = re.compile(r"[^\n]*")
_SOURCE = re.compile(r"^[A-ZĄĆĘŁŃÓŚŹŻ]{2,7}(?:[/,+][A-ZĄĆĘŁŃÓŚŹŻ]{2,7})*$")  # "KMP", "KPP/SM"
_MISSING = {"-", "–", "—", "b.d.", "bd", "x"}
# prepositions whose object an acronym at a name's end is ("zgłoszone przez ZIM", "Zgłoszenia na KMZB")
_BEFORE_OBJECT = {"na", "do", "przez", "w", "we", "z", "ze", "od", "dla", "o", "po", "przy", "dot.", "wg"}
MAX_ROWS = 60


_SLASHED_YEARS = re.compile(r"\((?:19|20)\d\d\s*/")


# a column of what a programme aims at, not of what was measured: "cel 2027", "Wartość docelowa (2029)"
_TARGET_CELL = re.compile(r"\b(?:cel|docelow\w*|planowan\w*|oczekiwan\w*|zakładan\w*|prognoz\w*)\b", re.I)


def _measured_years(line: str) -> list[re.Match]:
    """The years of a header's cells, but those of its target columns ("cel (2029)")."""
    cells = [m.end() for m in _CELL_GAP.finditer(line)]
    out = []
    for m in _YEARS.finditer(line):
        k = bisect_right(cells, m.start())
        cell = line[cells[k - 1] if k else 0:m.end()]   # the cell's words before the year
        if not _TARGET_CELL.search(cell):
            out.append(m)
    return out


def _year_header(line: str) -> list[int] | None:
    """The consecutive years heading a table's columns, in either order ("2023 2024 2025", "2025 2024 2023"); one year
    will do beside a target column ("Wartość bazowa (2024) | Wartość docelowa (2029)")."""
    found = [int(y) for y in _YEARS.findall(line)]
    if ")" in line and _SLASHED_YEARS.search(line):
        return None   # "Wskaźniki (2022 / 2023 / 2024)": the slashed list's reader takes its rows
    years = [int(m.group(1)) for m in _measured_years(line)]
    # (in a table's cells set apart by bars or tabs the years may skip some: "Miernik | 2018 | 2021 | 2023")
    step = 5 if "|" in line or "\t" in line else 1
    if len(found) < 2 or not years or not (all(0 < b - a <= step for a, b in zip(years, years[1:]))
                                           or all(0 < a - b <= step for a, b in zip(years, years[1:]))):
        return None
    return years


def _cells_after_years(header: str) -> int:
    """How many cells a table's header has after its years ("Wskaźnik  2023  2024  2025  zmiana 2023–2025": one,
    a change its rows give after their values; "2023 | 2024 | 2025 | cel 2027": one, the target column)."""
    last = _measured_years(header)[-1]
    # (a footnote's mark or the year's "r." after it is no cell: "2021*", "2025 r.")
    return len([c for c in _CELL_GAP.split(header[last.end():])
                if re.search(r"[^\W\d_]{2,}|[↑↓]", c) and c.strip(" .").lower() not in ("r", "rok", "roku")])


def _without_last_cells(row: str, n: int) -> str:
    """A row without its last ``n`` cells (set apart as :data:`_CELL_GAP` sets cells apart); the row as it is
    when it has no more cells than that."""
    row = row.rstrip(" \t|")   # a Markdown row's closing bar
    gaps = list(_CELL_GAP.finditer(row))
    return row[:gaps[-n].start()] if len(gaps) > n else row


def _lines_with_years(text: str) -> set[int]:
    """The starts of the lines of ``text`` with two years or more (only those can head a table): the years
    of the whole text, counted per line."""
    counts = Counter(text.rfind("\n", 0, m.start()) + 1 for m in _YEARS_IN_LINES.finditer(text))
    return {a for a, c in counts.items() if c > 1}


def _is_num(tok: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}(?:[.,]\d+)?|\d+(?:[.,]\d+)?", tok))


@lru_cache(maxsize=4096)
def _partition(tokens: tuple[str, ...], n: int) -> tuple | None:
    """Split ``tokens`` (all numeric or dashes) into exactly ``n`` values, thousands groups allowed."""
    if n == 0:
        return () if not tokens else None
    if not tokens:
        return None
    first = tokens[0]
    if first in _MISSING:
        rest = _partition(tokens[1:], n - 1)
        return None if rest is None else (None,) + rest
    if not re.fullmatch(r"\d+(?:[.,]\d+)?", first) or re.match(r"0\d", first):
        return None   # "038" is a thousands group ("1 038"), never a value of its own
    # a number: one token, or a 1-3 digit token followed by 3-digit groups
    options = [1]
    if re.fullmatch(r"\d{1,3}", first):
        k = 1
        while k < len(tokens) and re.fullmatch(r"\d{3}(?:[.,]\d+)?", tokens[k]):
            k += 1
            options.append(k)
    for k in sorted(options, reverse=True):
        rest = _partition(tokens[k:], n - 1)
        if rest is not None:
            value = float("".join(tokens[:k]).replace(",", "."))
            return (int(value) if value.is_integer() else value,) + rest
    return None


# cells are set apart by runs of spaces, tabs, or " | " (a table pasted with pipes)
# also ";" (a table saved as CSV), dot leaders, spaced em dashes ("Kradzieże na plaży — 96 — 88 — 104"), spaced
# middle dots, guillemets or slashes ("Nieprawidłowe parkowanie · 412 · 389", "Kradzieże » 14 » 9", "2023 / 412 / 2")
_CELL_GAP = re.compile(r"\s*[|;]\s*|\s{2,}|\t|\s*\.{3,}\s*|\s+[—·»/]\s+")
# the rule under a Markdown table's header ("|---|---|")
# a table's rule: "|---|---|" (Markdown), "+------+------+" (an ASCII grid), "+======+"
# "-------  -----  -----" (columns set apart by spaces)
_RULE_ROW = re.compile(r"^[|+]?(?:\s*:?(?:-{3,}|={3,}):?\s*[|+])+\s*(?::?(?:-{3,}|={3,}):?\s*)?$|^(?:[-=]{3,}[ \t]*)+$")
_CELL_NUM = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[.,]\d+)?")


def _cell_value(cell: str):
    """A value cell's number (one space inside separating thousands), None for a missing value."""
    if cell in _MISSING:
        return None
    v = float(re.sub(r"[ \u00a0]", "", cell).replace(",", "."))
    return int(v) if v.is_integer() else v


# a value cell that gives its unit after the number: "31 interw.", "6 osób", "4 zdarzenia"
_UNIT_AFTER = re.compile(r"[ \t]+[^\W\d_]{1,12}\.?$")
# or a share: "71,5%", "74 %" (read in a table of counts, after its first row)
_PERCENT_AFTER = re.compile(r"(?<=\d)[ \t]?%$")
_PERCENT_CELL = re.compile(r"(?:^|(?<=[\s|]))\d+(?:[.,]\d+)?[ \t]?%(?=\s|$|\|)")


def _cell_values(cells) -> tuple | None:
    """The values of a row's cells, or None when a cell is neither a number (maybe with its unit after it) nor a
    missing value."""
    shares = any(_PERCENT_AFTER.search(c) for c in cells)
    cells = [c if c in _MISSING or _CELL_NUM.fullmatch(c) else _UNIT_AFTER.sub("", _PERCENT_AFTER.sub("", c)) for c in cells]
    if not all(c in _MISSING or _CELL_NUM.fullmatch(c) for c in cells):
        return None
    values = tuple(_cell_value(c) for c in cells)
    if shares and len(values) > 2 and abs(sum(v for v in values if v is not None) - 100) <= 1:
        return None   # a task's work split over the years ("25%  25%  25%  25%  0%"): a schedule, no measure
    return values


def _parse_cells(line: str, n: int, source_column: bool = False, unit_column: bool = False):
    """A row whose columns are set apart by runs of spaces or tabs ("Przestępstwa   1 204   1 131   987"):
    its last ``n`` cells are the values, a single space inside a cell separating thousands; under a header with a
    unit column ("J.m."), the cell before the values is the unit."""
    cells = [c.strip() for c in _CELL_GAP.split(line) if c.strip()]
    if len(cells) <= n:
        return None
    labels = cells[:-n]
    vals = _cell_values(cells[-n:])
    if vals is None:
        return None
    if unit_column and len(labels) > 1:
        labels.pop()
    # a label cell after the name that starts with an acronym is the source ("KPP Hajnówka", "KMP / SM"), as is
    # any under a header that names a source column ("Miernik;Źródło danych;2024;2025": "Straż Gminna")
    source = labels.pop() if len(labels) > 1 and (source_column or _SOURCE.match(labels[-1].split()[0].rstrip(",;"))
                                                   or _SOURCE.match(labels[-1].replace(" ", ""))) else None
    return " ".join(labels).split(), vals, source


_NAME_COLON = re.compile(r"(?<=[^\W\d_]):[ \t]+(?=\d)")
_SOURCE_HEADER = re.compile(r"(?:^|[|;\t]|\s{2,})[ \t]*źródło(?:[ \t]+danych)?[ \t]*(?:[|;\t]|\s{2,})", re.I)
_CSV_ROW = re.compile(r"[^,\n]+(?:,[^,\s][^,\n]*){2,}")   # commas between cells, none followed by a space
# a header's cell naming the unit column: "J.m.", "jedn.", "Jednostka miary"
_UNIT_HEADER = re.compile(r"(?:^|[|;\t]|\s{2,})[ \t]*(?:j\.[ \t]?m\.|jedn\.(?:[ \t]?miary)?|jednostka(?:[ \t]+miary)?)[ \t]*(?:[|;\t]|\s{2,})", re.I)
# a header's line going on under it, in brackets: "(bazowy)", "(rok bazowy)"
_HEADER_MORE = re.compile(r"[ \t|]*\([^()\d\n]{1,30}\)[ \t|]*")


def _parse_row(line: str, n: int, source_column: bool = False, unit_column: bool = False):
    """(the words of the row's name, its ``n`` values, its source when a cell of its own gives it)."""
    if _CSV_ROW.fullmatch(line):   # a table saved as CSV with commas: "Kolizje drogowe na DK 2,58,64,71"
        cells = line.split(",")
        vals = _cell_values([c.strip() for c in cells[-n:]]) if len(cells) > n else None
        if vals is not None:
            return ",".join(cells[:-n]).split(), vals, None
    if _CELL_GAP.search(line):
        # a name's colon before the first value is a cell gap too ("zdarzenia z udziałem pieszych: 3 | 5 | 4")
        got = _parse_cells(_NAME_COLON.sub(" | ", line, 1), n, source_column, unit_column)
        if got is not None:
            return got
    toks = line.split()
    i = len(toks)
    while i > 0 and (toks[i - 1] in _MISSING or _is_num(toks[i - 1])):
        i -= 1
    tail = tuple(toks[i:])
    # use as many trailing numeric tokens as allow a partition into n values
    for cut in range(0, len(tail)):
        vals = _partition(tail[cut:], n)
        if vals is not None:
            return toks[: i + cut], vals, None
    return None


def _split_source(words: list[str]) -> tuple[list[str], str | None]:
    """A row's name and the source its last words give: "Interwencje domowe KPP", "… KPP w Piszu" (not in the
    name's brackets: "Kradzieże i włamania (dane KMP w Krośnie)")."""
    if words and words[-1].endswith(")") and "(" in " ".join(words):
        return words, None
    if len(words) > 2 and _SOURCE.match(words[-1]) and words[-2].lower() not in _BEFORE_OBJECT:
        # "Zgłoszenia KMZB" (one word would be left) and "Zgłoszenia na KMZB" (a preposition's object) keep it
        return words[:-1], words[-1]
    if len(words) > 3 and _SOURCE.match(words[-3]) and words[-2] in ("w", "we") and words[-1][:1].isupper():
        return words[:-3], " ".join(words[-3:])   # "KPP w Piszu"
    return words, None


# a line that goes on the name of the row above, its value cells blank or none: lower-case words, maybe bars after
# (a few words, no label: "na terenie gminy", "bezpiecznie (ankieta)"; not "źródło: KMP")
# (a word of three letters or more: a scraped page's "|n|" line mark is none)
_NAME_GOES_ON = re.compile(r"[ \t|]*(?P<words>[a-ząćęłńóśźż(](?=[^\n]*[^\W\d_]{3})[^\d|\t\n:]*?)[ \t]*(?:\|[ \t]*)*")
NAME_MORE_WORDS = 5
# a line of a row's name only, which the next line may go on with its values
_NAME_ONLY = re.compile(r"[^\W\d][^|\t\n:]*(?:[^\W\d_]|\))")
_YEAR_CELL = re.compile(r"((?:19|20)\d\d)[*¹²³]{0,2}")
# a line that starts with a year cell: only a text with one can hold a table with the years as rows
# ("2024;31;12", "|| 2024 || 11 || 48 ||", "2024 — 5 — 12")
_YEAR_ROW = re.compile(r"(?m)^[ \t|]*(?:19|20)\d\d[*¹²³]{0,2}(?:[ \t]*[|;]|\t|[ \t]{2,}|[ \t]+[/—·][ \t]+)")


def _transposed(document: Document, lines: list[tuple[int, str]]) -> list[dict]:
    """Tables with the years as rows: a header of labels set apart by cell gaps ("Rok | Zgłoszenia KMZB |
    Interwencje Policji"), then two rows or more, each a year and one value per label."""
    out = []
    if not _YEAR_ROW.search(document.text):
        return out
    k = 0
    while k < len(lines):
        start, line = lines[k]
        k += 1
        if not _CELL_GAP.search(line.strip()):
            continue
        cells = [c.strip() for c in _CELL_GAP.split(line.strip()) if c.strip()]
        if len(cells) < 2 or any(_CELL_NUM.fullmatch(c) for c in cells):
            continue   # (a label may hold a number: "wypadki drogowe na DW 103")
        labels = cells[1:]
        rows = []
        j = k
        while j < len(lines):
            row = [c.strip() for c in _CELL_GAP.split(lines[j][1].strip()) if c.strip()]
            year = _YEAR_CELL.fullmatch(row[0]) if row else None
            if not year or len(row) != len(cells) or (rows and int(year.group(1)) <= rows[-1][0]):
                break
            vals = _cell_values(row[1:])
            if vals is None or len(vals) != len(labels):
                break
            rows.append((int(year.group(1)), vals))
            j += 1
        if len(rows) < 2:
            continue
        pos = 0
        for n, label in enumerate(labels):
            at = line.find(label, pos)
            pos = at + len(label)
            words, source = _split_source(label.split())
            out.append(document.span(start + at, start + pos, name=" ".join(words), source=source, type=None,
                                     values={str(y): vals[n] for y, vals in rows if vals[n] is not None}))
        k = j
    return out


# a line that is only a year: only a text with one can hold a flattened table
# (empty lines may stand between the cells: "2023" / "" / "2024")
_YEAR_ALONE = re.compile(r"(?m)^[ \t]*(?:19|20)\d\d[*¹²³]{0,2}[ \t]*\n(?:[ \t]*\n)*[ \t]*(?:19|20)\d\d")
_YEAR_LINE = re.compile(r"[ \t]*((?:19|20)\d\d)[*¹²³]{0,2}[ \t]*")
_VALUE_LINE = re.compile(r"[ \t]*(\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[.,]\d+)?|[-–—x]|b\.d\.)[ \t]*")
_ROW_NUMBER = re.compile(r"[ \t]*\d{1,2}[.)][ \t]*")   # a row's number in a cell of its own ("1.")


def _flattened(document: Document, lines: list[tuple[int, str]]) -> list[dict]:
    """A Word table flattened to one cell per line: the years, each on a line of its own, then each row's name
    on a line and its values on the lines after it."""
    out = []
    k = 0
    while k < len(lines):
        years = []
        while k < len(lines) and (m := _YEAR_LINE.fullmatch(lines[k][1])) \
                and (not years or int(m.group(1)) == years[-1] + 1):
            years.append(int(m.group(1)))
            k += 1
        if len(years) < 2:
            k += 1
            continue
        n = len(years)
        # a row: its name on a line, then a value on each of the next lines (its number before it in a cell of its own)
        while k + n < len(lines):
            if _ROW_NUMBER.fullmatch(lines[k][1]) and k + 1 + n < len(lines) and not _VALUE_LINE.fullmatch(lines[k + 1][1]):
                k += 1
            if _VALUE_LINE.fullmatch(lines[k][1]) \
                    or not all(_VALUE_LINE.fullmatch(lines[j][1]) for j in range(k + 1, k + 1 + n)):
                break
            start, label = lines[k]
            values = [_cell_value(lines[j][1].strip()) for j in range(k + 1, k + 1 + n)]
            words, source = _split_source(label.split())
            off = start + label.find(label.strip())
            out.append(document.span(off, off + len(label.strip()), name=" ".join(words), source=source, type=None,
                                     values={str(y): v for y, v in zip(years, values) if v is not None}))
            k += 1 + n
    return out


# a table written as a list: the years in its heading split by slashes, then a line per row, its name, a dash and
# its values split the same way ("Zestawienie (2024 / 2025):" / "• nieprawidłowe parkowanie – 45 / 52")
# (or arrows: "Kategoria zagrożenia (rok 2024 → rok 2025)" over "nieprawidłowe parkowanie ........ 17 → 23")
# (or the same quarter of each year: "Zgłoszenia według kategorii, I kw. 2025 → I kw. 2026:")
_SLASH_YEARS = re.compile(r"\(?[ \t]*((?:rok[ \t]+|(?-i:[IV]{1,3})[ \t]+(?:kw\.|kwartał|półrocze)[ \t]+)?(?:19|20)\d\d"
                          r"(?:[ \t]*(?:/|→|->)[ \t]*(?:rok[ \t]+|(?-i:[IV]{1,3})[ \t]+(?:kw\.|kwartał|półrocze)[ \t]+)?(?:19|20)\d\d)+)"
                          r"[ \t]*\)?[ \t]*:?[ \t]*$")
_SLASH_ROW = re.compile(r"[ \t]*(?:[•·▪*\-–][ \t]*)?(?P<name>[^\W\d][^\n]*?)(?:[ \t]+[–—:-]|:|[ \t]*\.{3,})[ \t]*"
                        r"(?P<vals>\d[\d \u00a0.,]*(?:[ \t]*(?:/|→|->)[ \t]*\d[\d \u00a0.,]*)+?)[ \t]*[.;]?[ \t]*")
_SLASH_CELL = re.compile(r"/|→|->")


def _slashed(document: Document, lines: list[tuple[int, str]]) -> list[dict]:
    out = []
    k = 0
    while k < len(lines):
        m = _SLASH_YEARS.search(lines[k][1])
        k += 1
        if m is None:
            continue
        years = [int(y) for y in re.findall(r"\d{4}", m.group(1))]
        while k < len(lines) and (row := _SLASH_ROW.fullmatch(lines[k][1])):
            cells = [c.strip() for c in _SLASH_CELL.split(row.group("vals"))]
            values = [_cell_value(c) for c in cells]
            if len(values) == len(years) and None not in values:
                start = lines[k][0] + row.start("name")
                name = row.group("name").strip()
                out.append(document.span(start, start + len(name), name=name, source=None, type=None,
                                         values={str(y): v for y, v in zip(years, values)}))
            k += 1
    return out


# a row that gives its years beside its values: "włamania do samochodów: 2024 – 12, 2025 – 5",
# "Zgłoszenia ogółem – 2023: 97; 2024: 118; 2025: 142"
# ("rok 2024: 12 | rok 2025: 19", "2022 → 37 · 2023 → 33", "[2024] 14 | [2025] 6 – zgłoszenia", "2022 = 14; 2023 = 17")
_PAIR = re.compile(r"(?<![\d.])(?:rok\s+)?(?:\[((?:19|20)\d\d)\]\s*|((?:19|20)\d\d)(?:\s*r\.)?\s*(?:[:=–—-]|[→➝➜➡⇒]|->)\s*)"
                   r"(\d{1,3}(?:[ \u00a0]\d{3})+(?!\d)|\d+(?:[.,]\d+)?)(?![\d.,]\d)")
_PAIR_SEP = re.compile(r"\s*(?:[,;|/·•]|\.{2,}|…+)?\s*")   # also " | " ("– 2023: 96 | 2024: 104 | 2025: 88")
# (and dotted leaders: "wypalanie traw ........ 2024: 5 ....... 2025: 2"; dots: "61 (2023) · 74 (2024) · 58 (2025)")
# … or its values before their years: "nieprawidłowe parkowanie (KMZB): 49 (2024) / 63 (2025)"
_PAIR_AFTER = re.compile(r"(?<![\d.])(\d{1,3}(?:[ \u00a0]\d{3})+(?!\d)|\d+(?:[.,]\d+)?)\s*\(\s*((?:19|20)\d\d)(?:\s*r\.)?\s*\)")
# "Interwencje nad zalewem w sezonie — 2023 / 2024 / 2025: 31 / 28 / 35", "Liczba kontroli palenisk (2022 / 2023 /
# 2024): 402 / 455 / 471"
_SLASH_ROW_YEARS = re.compile(r"(?P<name>[^\W\d][^\n]*?)\s*(?:[–—:-]\s*|\(\s*(?=[^()\n]*\)\s*:))"
                              r"(?P<years>(?:19|20)\d\d(?:\s*/\s*(?:19|20)\d\d)+)\s*\)?\s*:\s*"
                              r"(?P<vals>\d[\d \u00a0.,]*(?:\s*/\s*\d[\d \u00a0.,]*)+?)\s*[.;]?\s*")


# a row's name after its figures: "[2024] 14 | [2025] 6 – zgłoszenia dot. psów"
_NAME_AFTER = re.compile(r"[ \t]*[–—:-][ \t]*(?P<name>[^\W\d][^\n]*?)[ \t.;]*")
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_TARGET_TAIL = re.compile(r"[ \t]*[|;,][ \t]*(?:wartość[ \t]+)?(?:oczekiwan|docelow|zakładan|planowan|cel)\w*[^|\n]*")
_BULLET = re.compile(r"^[ \t]*[•·▪◦●■➢►*\-–—][ \t]*")


def _inline_rows(document: Document, lines: list[tuple[int, str]]) -> list[dict]:
    out = []
    for k, (start, line) in enumerate(lines):
        if len(_ANY_YEAR.findall(line)) < 2:
            continue
        prev = lines[k - 1] if k else None
        m = _SLASH_ROW_YEARS.fullmatch(line)
        if m:
            years = re.findall(r"\d{4}", m.group("years"))
            cells = [c.strip() for c in m.group("vals").split("/")]
            if len(cells) == len(years) and all(_CELL_NUM.fullmatch(c) for c in cells):
                name = m.group("name").strip(" –—:-")
                out.append(document.span(start + m.start("name"), start + m.start("name") + len(name), name=name,
                                         source=None, type=None,
                                         values={y: _cell_value(c) for y, c in zip(years, cells)}))
            continue
        # (start, end, year, value) of each pair
        pairs = [(m.start(), m.end(), m.group(1) or m.group(2), m.group(3)) for m in _PAIR.finditer(line)]
        if len(pairs) < 2:
            pairs = [(m.start(), m.end(), m.group(2), m.group(1)) for m in _PAIR_AFTER.finditer(line)]
        if len(pairs) < 2 or any(_PAIR_SEP.fullmatch(line, a[1], b[0]) is None for a, b in zip(pairs, pairs[1:])):
            continue
        name = _BULLET.sub("", line[:pairs[0][0]]).strip(" \t–—:-.…")
        off = start + line.find(name) if name else -1
        tail = line[pairs[-1][1]:]
        if not name and (after := _NAME_AFTER.fullmatch(tail)):
            off, name = start + pairs[-1][1] + after.start("name"), after.group("name")   # "[2024] 14 | [2025] 6 – name"
            tail = ""
        if not name and prev is not None:
            off, name = _named_above(prev)   # "Wskaźnik: nietrzeźwi kierujący\n   2023 r. – 44 / 2024 r. – 39"
        if not name or not name[0].isalpha() or (tail.strip(" .;") and not _TARGET_TAIL.fullmatch(tail)):
            continue   # (a target's cell may end the row: "2023 – 41 | 2024 – 38 | wartość oczekiwana: 30")
        years = [p[2] for p in pairs]
        if years != sorted(set(years)):
            continue
        out.append(document.span(off, off + len(name), name=name, source=None, type=None,
                                 values={p[2]: _cell_value(p[3].strip()) for p in pairs}))
    return out


# an indicator's name on a line of its own above its figures, maybe after a label: "Wskaźnik: zgłoszone oszustwa"
_NAME_LABEL = re.compile(r"[ \t]*(?:[^\W\d]+[ \t]*:[ \t]*)?")
_PICTOGRAPH_LEAD = re.compile(rf"^[{PICTOGRAPHS}\s]+")


def _named_above(prev: tuple[int, str]) -> tuple[int, str | None]:
    start, line = prev
    if _ANY_YEAR.search(line) or not line.strip() or line.rstrip().endswith(":"):
        return -1, None
    m = _NAME_LABEL.match(line)
    # (after its pictograph or bullet: "🚗 przekraczanie prędkości", "▪ Liczba interwencji")
    name = _BULLET.sub("", _PICTOGRAPH_LEAD.sub("", line[m.end():])).strip(" \t–—:-")
    return (start + line.find(name, m.end()), name) if name and name[0].isalpha() else (-1, None)


# a year and its count on each line under the name: "Wskaźnik: wszczęte procedury\n   2023 r. – 31\n   2024 r. – 27"
# (or "rok 2023 ........ 19": the word "rok", dot leaders; a bracketed qualifier of the year: "2025 (do końca października)")
_YEAR_COUNT_LINE = re.compile(r"[ \t]*(?:[•·▪*\-–][ \t]*)?(?:rok[ \t]+)?((?:19|20)\d\d)(?:[ \t]*r\.)?(?:[ \t]*\([^()\n]{1,40}\))?"
                              r"[ \t]*(?:[:–—-]|\.{3,}|…+)[ \t]*"
                              r"(\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[.,]\d+)?)[ \t]*[.;]?[ \t]*")


def _year_count_lines(document: Document, lines: list[tuple[int, str]]) -> list[dict]:
    out = []
    k = 1
    while k < len(lines):
        run = []
        while k + len(run) < len(lines) and (m := _YEAR_COUNT_LINE.fullmatch(lines[k + len(run)][1])):
            run.append(m)
        if len(run) >= 2:
            years = [m.group(1) for m in run]
            off, name = _named_above(lines[k - 1])
            if name and years == sorted(set(years)):
                out.append(document.span(off, off + len(name), name=name, source=None, type=None,
                                         values={m.group(1): _cell_value(m.group(2)) for m in run}))
        k += max(len(run), 1)
    return out


# a line per year, each naming its counts: "rok 2024: przekraczanie prędkości – 96; parkowanie – 71"
# (or after an arrow, the counts between bullets: "rok 2024 → interwencje nad rzeką: 9 • utonięcia: 1")
_YEAR_LEAD = re.compile(r"[ \t]*(?:[•·▪*\-–][ \t]*)?(?:w[ \t]+)?(?:rok(?:u)?[ \t]+)?((?:19|20)\d\d)(?:[ \t]*r\.|[ \t]+rok)?"
                        r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*(?::|→|->|⇒|[–—](?=[ \t]*[^\W\d]))[ \t]*", re.I)   # ("Rok 2022 → kradzieże: 19 · włamania: 11")
# (or a comma and a space: "• 2021 – kradzieże: 17, włamania: 9, kolizje z dzikimi zwierzętami: 21"; the year's bracketed
# qualifier: "• 2023 (do 30 listopada) – kradzieże: 12, …")
_COUNT_SEP = re.compile(r"[;•·|]|,(?=[ \t]+[^\W\d])")
_NAMED_COUNT = re.compile(r"[ \t]*(?P<name>[^\W\d][^;\n]*?)[ \t]*[–—:-][ \t]*"
                          r"(?P<v>\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[.,]\d+)?)[ \t]*[.;]?[ \t]*")


def _year_lines(document: Document, lines: list[tuple[int, str]]) -> list[dict]:
    found: dict[str, list] = {}   # name -> [start, end, {year: value}]
    for start, line in lines:
        lead = _YEAR_LEAD.match(line)
        if not lead:
            continue
        pieces, pos = [], lead.end()   # (offset in the line, text) of each count
        for sep in _COUNT_SEP.finditer(line, pos):
            pieces.append((pos, line[pos:sep.start()]))
            pos = sep.end()
        pieces.append((pos, line[pos:]))
        pieces = [(a, p) for a, p in pieces if p.strip(" .")]
        counts = [_NAMED_COUNT.fullmatch(p + ";") or _NAMED_COUNT.fullmatch(p) for _a, p in pieces]
        if len(counts) < 2 or None in counts:
            continue
        for (a, _p), m in zip(pieces, counts):
            a += start + m.start("name")
            name = m.group("name")
            got = found.setdefault(name.lower(), [a, a + len(name), {}])
            got[2][lead.group(1)] = _cell_value(m.group("v"))
    return [document.span(a, b, name=document.text[a:b], source=None, type=None, values=vals)
            for a, b, vals in found.values()]


# a block per year, the year on a line of its own, its counts on the lines below ("== 2024 ==" over
# "• zgłoszenia ogółem ....... 31", "Rok 2025:" over "- potwierdzone – 17")
_YEAR_HEAD = re.compile(r"[ \t]*(?:[=#*\[]+[ \t]*)?(?:rok[ \t]+)?((?:19|20)\d\d)(?:[ \t]*r\.)?[ \t]*(?:[=#*\]]+|:)?[ \t]*", re.I)
_BLOCK_ROW = re.compile(r"[ \t]*(?:[•·▪*\-–][ \t]*)?(?P<name>[^\W\d][^\n]*?)[ \t]*(?:\.{2,}|…+|[–—:-])[ \t.…]*"
                        r"(?P<v>\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[.,]\d+)?)[ \t]*[.;]?[ \t]*")
MIN_YEAR_BLOCKS = 2


def _year_blocks(document: Document, lines: list[tuple[int, str]]) -> list[dict]:
    found: dict[str, list] = {}   # name -> [start, end, {year: value}]
    year, blocks = None, 0
    for start, line in lines:
        head = _YEAR_HEAD.fullmatch(line)
        if head:
            year, blocks = head.group(1), blocks + 1
            continue
        row = _BLOCK_ROW.fullmatch(line) if year else None
        if row is None:
            year = None
            continue
        a = start + row.start("name")
        name = row.group("name")
        got = found.setdefault(name.lower(), [a, a + len(name), {}])
        got[2][year] = _cell_value(row.group("v"))
    if blocks < MIN_YEAR_BLOCKS:
        return []   # one year over a list is no table of years
    return [document.span(a, b, name=document.text[a:b], source=None, type=None, values=vals)
            for a, b, vals in found.values() if len(vals) >= MIN_YEAR_BLOCKS]


# what a table of money is headed or titled with: "Rozdział 6. Finansowanie (zł)", "Koszt (tys. zł)", "Nakłady …"
_MONEY = re.compile(r"\bzł\b|\bPLN\b|\bfinansowani\w*|\bkoszt\w*|\bnakład\w*|\bśrodk\w*\s+finansow\w*", re.I)


def _money_table(lines: list[tuple[int, str]], k: int) -> bool:
    """The table headed by line ``k`` counts money (its header or the title line above it says so): its figures
    fund the programme, they measure nothing."""
    above = next((ln for _s, ln in reversed(lines[max(0, k - 3):k]) if ln.strip()), "")
    return bool(_MONEY.search(lines[k][1]) or _MONEY.search(above))


def extract(document: Document) -> list[dict]:
    text = document.text
    out: list[dict] = []
    lines = [(m.start(), m.group()) for m in _LINE.finditer(text) if m.group() is not None]
    filled = [(s, ln) for s, ln in lines if ln.strip()]
    heads = _lines_with_years(text)
    inline = _inline_rows(document, filled)
    # a row that gives its own years ("włamania: 2024 – 12, 2025 – 5") heads no table
    heads -= {text.rfind("\n", 0, i["start"]) + 1 for i in inline}
    k = 0
    while k < len(lines):
        start, line = lines[k]
        years = _year_header(line) if start in heads else None
        k += 1
        if not years or _money_table(lines, k - 1):
            continue
        extra = _cells_after_years(line)
        source_column = bool(_SOURCE_HEADER.search(line))
        unit_column = bool(_UNIT_HEADER.search(line))
        kind = None
        rows = 0
        table: list[dict] = []

        def parse(stripped: str, years=years, extra=extra, source_column=source_column, unit_column=unit_column):
            # a row under a header with cells after its years ("trend", "zmiana"): those cells first set aside
            got = _parse_row(_without_last_cells(stripped, extra), len(years), source_column, unit_column) \
                if extra else None
            return got if got is not None and got[0] else _parse_row(stripped, len(years), source_column, unit_column)

        while k < len(lines) and rows < MAX_ROWS:
            s, row = lines[k]
            stripped = row.strip()
            if not stripped or _RULE_ROW.match(stripped) or (not table and _HEADER_MORE.fullmatch(stripped)):
                k += 1
                continue
            if s in heads and _year_header(row):
                break   # a header of its own ("Kategoria  2024  2025" after a sentence naming 2025 and 2024)
            parsed = parse(stripped)
            if parsed is not None and not table and len(_PERCENT_CELL.findall(stripped)) >= 2:
                parsed = None   # a table that opens with shares ("60%   65%   70%"): a schedule's or a target's, no count
            off = s + row.find(stripped)
            end = off + len(stripped)
            if (parsed is None or not parsed[0]) and _NAME_ONLY.fullmatch(stripped):
                # a row's name wrapped over lines, its values on the last: "wykroczenia z art. 43¹ ustawy o wychowaniu" /
                # "w trzeźwości (alkohol w miejscu publicznym)       23       19       27" (the line after: the next
                # match of _LINE that has text, an empty one between)
                j = next((j for j in range(k + 1, min(k + 3, len(lines))) if lines[j][1].strip()), None)
                if j is not None and lines[j][1].strip()[:1].islower() and (below := parse(lines[j][1].strip())) \
                        and below[0]:
                    parsed = ([*stripped.split(), *below[0]], *below[1:])
                    k = j
                    end = lines[k][0] + len(lines[k][1].rstrip())
            more = _NAME_GOES_ON.fullmatch(row)
            if (parsed is None or not parsed[0]) and table and more and len(more.group("words").split()) <= NAME_MORE_WORDS:
                # a row's name wrapped over lines, its value cells blank: "Interwencje – alkohol w miejscach| 31 | …" /
                # "publicznych                      |    | …"
                prev = table[-1]
                words = more.group("words").split()
                table[-1] = document.span(prev["start"], s + len(row.rstrip()), **{
                    **{key: v for key, v in prev.items() if key not in ("text", "start", "end")},
                    "name": " ".join([prev["name"], *words])})
                out[-1] = table[-1]
                k += 1
                continue
            if parsed is None or not parsed[0]:
                if stripped.endswith(":") or stripped.lower() in ("brak", "brak."):
                    kind = stripped.rstrip(":") if stripped.endswith(":") else kind
                    k += 1
                    continue
                break
            words, values, source = parsed
            if source is None:   # no cell of its own: the name's last words may give it
                words, source = _split_source(words)
            name = " ".join(words)
            out.append(document.span(off, end, name=name, source=source, type=kind,
                                     values={str(y): v for y, v in zip(years, values) if v is not None}))
            table.append(out[-1])
            rows += 1
            k += 1
    # (the readers of tables in other layouts take only the lines with text)
    return out + _transposed(document, filled) + (_flattened(document, filled) if _YEAR_ALONE.search(text) else []) \
        + (_slashed(document, filled) if "/" in text or "→" in text else []) + inline + _year_lines(document, filled) \
        + _year_count_lines(document, filled) + _year_blocks(document, filled)
