"""Sections: the standard parts of plans and strategies, and title/body of other texts.

Header variants live in ``rules/sections.tsv`` and are matched with rapidfuzz
against the start of each line after numbering and bullets are removed
("1)", "1.", "I.", "2. 2.", "·", "•"), so typos, merged headings
("Charakterystyka ... i zakładany cel do osiągnięcia") and headings that run
on into their content ("• Charakterystyka ...: „Spożywanie alkoholu...”") are found.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy
from rapidfuzz import fuzz, process

from extractor.ingest.hyphenation import joined_halves
from extractor.record import Document, Section
from extractor.resources import read_lines, read_tsv
from extractor.text_cache import ByText
from extractor.told_parts import part_title, told_parts

# numbering and bullets before a heading: "1)", "1.", "1°", "2. 2.", "I.", "IV)", "a)", "·", "•", "-", "*"
# ("[A] ZAGROŻENIE", "B) Cel": a lettered part; "Ad. 1." of an official document's points, as "Pkt 1.", "§ 2"; "1 | Co zdiagnozowano": a number and a bar; "1/ Stan rzeczy")
# pictographs a page or a post puts before its headings and items ("🎯 Cel", "✅ spisanie napisów", "❗ Co się dzieje?")
PICTOGRAPHS = "\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d"
# the marks that open a list's item or a heading: "·", "•", "●", "▪", "–", "-", "*", ">", "»", "►", "▸", "▶", "➢", "➤", "■", "◆"
_MARKS = r"\u00b7\u2022\u25cf\u25aa\u2013\u2014\-*>\u00bb\u25ba\u25b8\u25b6\u27a2\u27a4\u25a0\u25c6"
# a part numbered by its ordinal word: "Punkt pierwszy – …", "Krok drugi"; or lettered: "Część A – co się dzieje"
_ORDINAL_WORD = r"(?i:pierwsz|drug|trzec|czwart|piąt|szóst|siódm|ósm)\w*"
_LEAD = re.compile(rf"^(?:[{PICTOGRAPHS}][{PICTOGRAPHS}\s]*)?"
                   r"(?:\|n\|)*(?:\|(?!n\|)\s*)?(?:\s*(?:Rozdział|ROZDZIAŁ|Część|CZĘŚĆ|Dział|DZIAŁ|Punkt|PUNKT|Pkt\.?|PKT\.?|Rubryka|RUBRYKA|§|Ad\.?|AD\.?)\s*[\dIVX]+\.?\s*|\s*(?:Krok|KROK)\s+\d{1,2}\.?\s*|\s*(?:Część|CZĘŚĆ|Punkt|PUNKT|Etap|ETAP)\s+[A-H](?!\w)\.?\s*|\s*(?:Punkt|PUNKT|Część|CZĘŚĆ|Krok|KROK)\s+"
                   + _ORDINAL_WORD + r"\s*[–—:-]?\s*|\s*(?:Pole|POLE)\s+[A-Z]\.?\s*)?[\s" + _MARKS + r"]*(?:(?:\d{1,2}|[IVX]{1,5}|[a-h])[.)]\s*|\d{1,2}[ \t]+\|[ \t]+|\d{1,2}/[ \t]+|\d{1,2}°\s*|[A-H]\.\s+|[A-H]\)\s*|[ivx]{1,4}\)\s*|\[[ \t]?(?:\d{1,2}(?:/\d{1,2})?|[A-H])[ \t]?\]\s*)*[\s\u00b7\u2022\-]*")
_LINE = re.compile(r"[^\n]+")
# where a heading may start inside a line: after the end of a sentence or clause
_INNER = re.compile(r"(?<=[.;:]\s)(?=[A-ZĄĆĘŁŃÓŚŹŻ])")
# a task's own line ("Zad. 1. Kontrole trzeźwości. Wykonawca: … Termin: …"): its labels are the task's, no sections
_TASK_LINE = re.compile(r"[ \t]*(?:zad(?:anie|\.)?[ \t]*(?:nr[ \t]*)?\d{1,2}\b|działanie[ \t]+(?:nr[ \t]*)?\d{1,2}\b)", re.I)
_TASK_LABELS = frozenset(("implementer", "partners", "actions"))
_BRACKET_LABEL = re.compile(r"\[([^\]\n]{2,40})\][ \t]*")
PREFIX_THRESHOLD = 88.0
LINE_THRESHOLD = 90.0
MAX_HEADER_LINE = 400
_DASH = re.compile(r"\s[–—-]\s")
_DOT_HEADING = re.compile(r"(?![IVXLCDM]+\.)((?:[^\W\d_]+[ \t]+){0,2}[^\W\d_]{3,})\.[ \t]+\S")
_COLON = re.compile(r":(?!\d)|(?<!\d):|[ \t]\|[ \t]")  # a colon, not one inside a time ("1:00"); a pasted table's cell border
_TABS = re.compile(r"(?<=\S)\t+")


_WHOLE_LINE = ("line", "bare", "abbr", "dash")   # the modes whose header is the line's whole header candidate


@dataclass(frozen=True)
class _Variant:
    kind: str
    doc: str
    mode: str
    text: str


@lru_cache(maxsize=1)
def variants() -> tuple[_Variant, ...]:
    return tuple(_Variant(r["kind"], r["doc"], r["mode"], r["variant"].lower()) for r in read_tsv("sections.tsv"))


@lru_cache(maxsize=1)
def _title_variants() -> tuple[str, ...]:
    return tuple(v.lower() for v in (
        "plan działania priorytetowego", "plan działań priorytetowych", "karta działania priorytetowego",
        "informacja dotycząca realizacji planu działania priorytetowego",
        "informacje dotyczące realizacji planu działania priorytetowego",
    ))


@lru_cache(maxsize=1)
def _longest_title() -> int:
    return max(len(t) for t in _title_variants())


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("/", " ").split())   # str.split's whitespace is re's \s


@lru_cache(maxsize=1)
def _by_mode() -> tuple[tuple, tuple, tuple, list[str], list[int], int]:
    """The line variants (index, variant) with their texts, the prefix variants (index, variant, length)
    with their texts and lengths, and the length of the longest line variant."""
    line = tuple((k, v) for k, v in enumerate(variants()) if v.mode in _WHOLE_LINE)
    prefix = tuple((k, v, len(v.text)) for k, v in enumerate(variants()) if v.mode not in _WHOLE_LINE)
    return (line, tuple(v.text for _k, v in line), prefix, [v.text for _k, v, _lv in prefix],
            [lv for _k, _v, lv in prefix], max((len(v.text) for _k, v in line), default=0))


def match_header(content: str) -> tuple[str, int, float] | None:
    """(kind, length of the header within ``content``, score) when ``content`` starts with a known header."""
    # headers are short: only the start of a line is read (so a long line is never scanned, and the answer
    # for that start is kept: heading lines and their openings repeat across an archive)
    return _match_start(content[:MAX_HEADER_LINE])


def header_candidate(stripped: str) -> tuple[int, str, str]:
    """(where the header ends on the line or -1, the header candidate, its normalised form): up to the first
    colon, or to the full stop after a short heading with its content on the line ("Współpraca. Miejski
    Ośrodek ..."), or the whole line."""
    found = _COLON.search(stripped)
    colon = found.start() if found else -1
    tabs = _TABS.findall(stripped, 0, colon if colon >= 0 else len(stripped)) if "\t" in stripped else ()
    if len(tabs) == 1 and stripped.count("\t") == len(tabs[0]):
        # a form's row of two cells, its label and what it says: "Działania i terminy<tab>a) wylegitymowanie …" (a table
        # header's cells, "Wskaźnik<tab>2024<tab>2025", are no label)
        colon = stripped.index("\t")
    if colon < 0 and stripped.endswith(")") and "(" in stripped:
        # a heading with its legend in brackets: "Zadania (T – termin, W – współdziałanie)"
        colon = stripped.rindex("(")
        if not stripped[:colon].strip():
            colon = -1
    if colon < 0 and stripped.find(".", 0, 45) > 0:   # a short heading's full stop comes early
        dot = _DOT_HEADING.match(stripped)
        if dot:
            colon = dot.end(1)
    cand = stripped[:colon] if colon > 0 else stripped
    # a bracketed qualifier after the heading is no part of it: "Oczekiwany efekt (wymierny)"; one that goes on
    # with a conjunction is: "Jak (i do kiedy)"
    legend = _LEGEND.search(cand)
    if legend is None:
        key = cand
    elif _AND_ON.match(cand, legend.start()):
        key = cand.replace("(", " ").replace(")", " ")
    else:
        key = cand[:legend.start()] or cand
    # a report's time after the heading is no part of it: "Realizatorzy zadań w roku sprawozdawczym", "… w 2025 r."
    key = _REPORTED_TERM.sub("", key) or key
    return colon, cand, _norm(key).rstrip(" .:-–—|")


_REPORTED_TERM = re.compile(r"\s+(?:w|za)\s+(?:(?:roku|okresie)\s+sprawozdawczym|(?:19|20)\d\d\s*(?:r\.|roku)?)\s*$", re.I)


@lru_cache(maxsize=16_384)
def _match_start(start: str) -> tuple[str, int, float] | None:
    stripped = start.rstrip()
    if not stripped or len(stripped) < 3:
        return None
    colon, cand, cand_n = header_candidate(stripped)
    line, line_texts, prefix, _texts, prefix_lengths, longest_line = _by_mode()
    alone = colon < 0 or not stripped[colon + 1:].strip(" .:-–")   # nothing follows the header on its line
    # every variant that reaches its threshold, in the order of the rules (ties go to the first)
    hits: list[tuple[int, _Variant, float]] = []
    if len(cand_n) <= longest_line + 3:
        for _text, score, j in process.extract(cand_n, line_texts, scorer=fuzz.ratio, score_cutoff=LINE_THRESHOLD,
                                               limit=None):
            k, v = line[j]
            if v.mode == "abbr" and not cand.rstrip().endswith("."):
                continue   # "Dział: Bezpieczeństwo", no "dział.:"
            if v.mode == "dash" and not (alone and stripped.endswith(("–", "—", "-"))):
                continue   # "PLAN –", not "PLAN" (a title's first line)
            if len(cand_n) <= len(v.text) + 3 and (alone or v.mode in ("line", "abbr")):
                hits.append((k, v, score))
    n = len(cand_n)
    for j, score in _prefix_scores(cand_n[:max(prefix_lengths, default=0)]):
        k, v, lv = prefix[j]
        if n >= 0.8 * lv:   # a candidate much shorter than the variant is not that header
            hits.append((k, v, score))
    if not hits:
        dash = _DASH.search(cand) if colon > 0 and cand[:1].isupper() else None
        if dash and (head := _match_start(cand[:dash.start()])) and head[1] == dash.start():
            # a heading with its legend after a dash, closed by a colon or a cell's border: "Zagrożenie – rodzaj,
            # miejsce, czas:", "Zagrożenie – rodzaj, miejsce,<tab>Picie alkoholu …"
            return head[0], len(cand), head[2]
        return None
    hits.sort(key=lambda h: h[0])
    best: tuple[str, int, float] | None = None
    for _k, v, score in hits:
        if v.mode in _WHOLE_LINE:
            if best is None or score > best[2]:
                best = (v.kind, len(cand), score)
            continue
        if best is None or score > best[2] or (score == best[2] and len(v.text) > best[1]):
            best = (v.kind, _prefix_header_length(stripped, colon, cand_n, v), score)
    return best


@lru_cache(maxsize=16_384)
def _prefix_scores(start: str) -> tuple[tuple[int, float], ...]:
    """(index, score) of the prefix variants that ``start`` (a normalised header candidate cut to the longest
    variant's length) begins with: each variant against as many characters, in one pairwise rapidfuzz call.
    Kept per start: lines differ after their openings more often than in them."""
    _line, _lt, _prefix, prefix_texts, prefix_lengths, _ll = _by_mode()
    scores = process.cpdist(prefix_texts, [start[:lv] for lv in prefix_lengths], scorer=fuzz.ratio,
                            score_cutoff=PREFIX_THRESHOLD, dtype=numpy.float64)
    return tuple((j, float(scores[j])) for j in scores.nonzero()[0].tolist())


def _prefix_header_length(stripped: str, colon: int, cand_n: str, v: _Variant) -> int:
    """How far a header that begins a line with prefix variant ``v`` extends: to a near colon or spaced dash
    ("Charakterystyka zagrożenia – w rejonie ..."), or to the end of the line when the line is header-sized."""
    near = len(v.text) + 60
    legend = _LEGEND.search(stripped)
    if legend and (colon < 0 or stripped[colon] == "(") and len(_norm(stripped[:legend.start()])) <= len(v.text) + 10:
        return len(stripped)   # "PRZEDSIĘWZIĘCIA (co – do kiedy – z kim)": the legend's dashes are the heading's
    # (a variant that ends with its dash, "harmonogram –", runs on past it: "Harmonogram – miesiąc po miesiącu")
    dash = _DASH.search(stripped, len(v.text) if v.text.endswith(("–", "—", "-")) else 0, near)
    if 0 < colon <= near and not (dash and dash.start() < colon):
        return colon
    if dash:
        return dash.start()
    if len(cand_n) <= len(v.text) + 60:
        return len(stripped)
    return _approx_end(stripped, len(v.text))


def _approx_end(s: str, n: int) -> int:
    """End of the word that contains character ``n`` of ``s``."""
    m = re.compile(r"\w*").match(s, min(n, len(s)))
    return m.end() if m else n


def _is_title(content: str) -> bool:
    # only the start is compared: the normalised start of a line is the start of the normalised line
    longest = _longest_title()
    low = _norm(content[:2 * longest])
    if len(low) < longest and len(content) > 2 * longest:
        low = _norm(content)
    return any(fuzz.ratio(t, low[: len(t)]) >= PREFIX_THRESHOLD for t in _title_variants())


# the parts of a plan, by the word that names them in a short heading line of the plan's own wording
PLAN_KINDS = ("title", "threat", "goal", "actions", "partners", "communication")
_PART_WORDS = re.compile(
    r"(?P<threat>\bzagrożen\w*|\bzagrożeń\b|\bzagraża\w*|\bproblem\w*|\bkłopot\w*|\bpunkt\s+wyjścia\b|\bniepoko\w*|\bsię\s+dzieje\b|^gdzie\b(?!\s+(?:\w+\s+){0,2}(?:szukać|znaleźć|zastać|spotkać)\b|\s+chcemy\b)|\bstwierdzono\b|\bzdiagnozowano\b|^stan\s+rzeczy\b|^skąd\s+(?:ten|taki|to)\b|^dlaczego\s+(?:właśnie\s+)?(?:to|ten|ta|tu|tutaj|taki|taka|takie)\b|^dlaczego\s+(?:nowy\s+)?(?:program|plan|strategi)\w*\b|^czego\s+dotyczy\b|^czym\s+(?:się\s+)?zajm\w*|^o\s+co\s+(?:tu\s+)?chodzi\b|\bzmaga\w*|^co\s*\?"
    # (a diagnosis asked about: "Co wykazała diagnoza?", "Przed czym program ma chronić?")
    r"|\bdiagnoz\w*|^przed\s+czym\b"
    r"|\bdokucza\w*|\bmartwi\w*|\bdolega\w*|\bprzeszkadza\w*|\buprzykrza\w*|\bdoskwiera\w*|\buciążliwoś\w*|^obraz\s+sytuacji\b|^sytuacja\b"
    r"|^(?:co\s+)?(?:widzę|widzimy|sprawdziliśmy|ustaliliśmy|rozpoznaliśmy)\b|^rozpoznanie$|^zjawisk[oa]$"
    r"|^(?:rozpoznane|zdiagnozowane|występujące)\s+zjawisk\w*"
    r"|^z\s+czym\s+(?:mamy|się\s+(?:mierzymy|zmagamy|borykamy))\b|^jak\s+(?:jest|było)(?:\s+(?:teraz|dziś|obecnie))?\s*\??$)"
    r"|(?P<goal>\bcel(?:e|u|ów|em)?\b|^(?:(?:oczekiwan|zakładan|zamierzon|planowan|spodziewan|docelow|końcow)\w*\s+)?rezultat\w*|\bosiągn\w*|\budan\w*|\buda(?:ć|ło)\b|\bsukces\w*|\befekt\b(?!\s+(?:realizacji|działań|pracy))|\bchcemy(?=\s*\?)|\bzmieni\w*|\bdąż\w*|\bzależy\b|\bumówil\w*|\bumawiamy\b|\boczekuj\w*|\bzmierza\w*|^czego\s+chcemy\b|^po\s+co\b"
    r"|^(?:jaki\s+)?wynik\w*\b|^meta\b|\bpoprzeczk\w*|^(?:co\s+)?(?:chcę|zamierzam|zamierzamy)\b"
    r"|^co\s+(?:zakładaliśmy|założyliśmy|zakładano|założono)\b|^założono\b|^założeni[ae]$|^gdzie\s+chcemy\s+(?:być|dojść)\b"
    r"|^czego\s+(?:chcę|chcemy|chce)\s+(?:uniknąć|zapobiec)\b|^do\s+czego\s+(?:[^\W\d_]+\s+){0,2}(?:chce|chcemy|chcę)\s+dojść\b"
    r"|^(?:oczekiwan|zakładan|zamierzon|docelow)\w*\s+stan\b)"
    r"|(?P<actions>\bdziałani[ae]\b|\bdziałań\b|\bzadani[ae]\b|\bzadań\b|\bczynności\b|\bzrobi\w*|\bzrobion\w*|\bplan\s+pracy\b|\bkroki\b|\bkroków\b|\bprzed\s+nami\b"
    r"|^jak\s+i\s+kiedy\b|^kiedy\s+i\s+co\b|^co\s+(?:konkretnie\s+|dokładnie\s+)?(?:się\s+)?wydarzy\b|^co\s+(?:konkretnie\s+|dokładnie\s+)?zaplanowa\w*|^co\s+(?:konkretnie\s+|dokładnie\s+)?(?:i\s+kiedy\s+)?zostanie\s+(?:zrobione|zrealizowane|wykonane)\b|^jak\s+(?:[^\W\d_]+\s+){0,2}?(?:to\s+|go\s+|je\s+)?(?:osiągn|zrobi|zrealiz|wykona)\w*|^etapy\b(?!\s*\w)|^przebieg\s+(?:realizacji|działań|planu|prac|w\s+(?:\w+\s+)?etapach)\b|^jak\s*\?|^co\s+(?:konkretnie|dokładnie)\s*\??$|^co\s+(?:będzie|zostanie)\s+(?:robione|zrobione|realizowane|wykonane)\b|^(?:kto,?\s+)?co,?\s+(?:i\s+)?(?:kto,?\s+)?(?:i\s+)?kiedy\b"
    r"|\bkrok\w*|^grafik\w*|^harmonogram\w*|^(?:plan|program)\s+(?:w\s+punktach|krok\s+po\s+kroku)\b|^(?:co\s+)?(?:podejmiemy|podejmę|działamy|działać)\b|^rozpisano\b|^zaplanowano\b|^plan\s+działań\b"
    r"|^jak\s+(?:do\s+tego|tam|do\s+celu)\s+dojdziemy\b|^etapy\s+pracy\b)"
    r"|(?P<partners>\bpodmiot\w*|\bpodm\.|\bwspółdz\b|\bwspółprac\w*|\bwspółdział\w*|\bpartner\w*|\bsojusznic\w*|\bsprzymierzeńc\w*|\bpomo(?:że|gą)\b|\bpomaga(?:ją|li|ły)?\b|\bpomog(?:li|ły)\b|\bwsparci\w*|\bwspier\w*"
    r"|^z\s+kim\b|^na\s+kogo\b|^kto\s+(?:jeszcze\s+|też\s+|również\s+)?(?:bierze|weźmie)\s+udział\b|^razem\s+z\s+nami\b|^wspólnie\s+z\s+(?:nami|mną)\b|^kto\s+(?:realizuje|prowadzi|wykonuje|działa|pracuje|współdziała|pomaga)\s+(?:\w+\s+){0,2}razem\s+ze?\b|\brazem\s+ze?\s+(?:mną|nami)\s*\??$|^razem\s+z\s+dzielnicow\w*"
    r"|^pomocnic\w*|\bo\s+pomoc\b|^ramię\s+w\s+ramię\b|^razem\s+z\s*:?$|^kogo\s+(?:angażuj|zaangażuj|zaprasz|zaprosz)\w*"
    r"|^kto\s+(?:jeszcze\s+)?(?:się\s+)?(?:przyłącz|dołącz|włącz|zaangażuj)\w*|^razem\s+z\s+kim\b|\bz\s+pomocą\b"
    r"|\buczestnicz\w*|^realizator\w*\s+(?:wspólnie|razem)\s+ze?\b|^(?:współ)?wykonawc\w*\s+(?:zadań|działań|programu)\b"
    # a report's "Kto realizował zadania w 2025 roku", "Kto prowadził działania"
    r"|^kto\s+(?:realizował|realizowali|realizowało|wykonywał|wykonywali|prowadził|prowadzili)\s+(?:zadani|program|działani)\w*)"
    r"|(?P<communication>\b(?:po)?informowani\w*|\bszukać\s+informacj\w*|^jak\s+o\s+tym\s+(?:mówi|informuj|powiadamia)\w*|\binformacj\w*\s+dla\s+(?:mieszkańców|społeczności)|\bpoinformuj\w*|\bpowiadom\w*|\bdowiedz\w*|\bdowie(?:cie|my|sz|ją)\b"
    r"|^(?:ogłosimy|ogłoszę|rozgłos\w*|rozpowszechni\w*|nagłośni\w*)|^informacja$"
    r"|^komunikacja\s+z\s+(?:mieszkańcami|społecznością)\b|^jak\s+(?:dotrze|dotrzemy|trafi)\s+(?:informacj\w*|do\s+mieszkańców)\b"
    # "Skąd informacje o planie", "Skąd mieszkańcy wiedzą o programie": how the residents learn of it
    r"|^skąd\s+(?:\w+\s+){0,2}?(?:informacj\w*|wiedz\w*|wiadomo\w*)\s+o\s+(?:planie|programie|działaniach))", re.I)
_WORD_RUN = re.compile(r"[^\W\d_]+")
_PROGRAMME_WORD = re.compile(r"(?i)\b(?:program|strategi)\w*")
# a heading put as a question, with or without its question mark ("Na czym polega problem", "Kto współpracuje",
# "Skąd wiemy o problemie", "Ile ma się zmienić")
_QUESTION_WORD = re.compile(r"(?:co|czego|czym|na\s+czym|z\s+czym|kto|komu|z\s+kim|jak\w*|gdzie|kiedy|dlaczego|skąd|ile)\b",
                            re.I)


# a paragraph's number alone: "1)", "2.", "3 )"
_NUMBER = re.compile(r"\s*(\d{1,2})\s*[.)]\s*")
# a sentence that opens by naming its part: the aim ("Celem jest …", "Głównym celem planu będzie …", "Moim celem jest …"),
# how residents hear of the plan ("O planie przypomną plakaty …", "O tych działaniach poinformuję …")
_PART_LEAD = re.compile(r"(?P<goal>(?:(?:naszym|moim|jego|jej|głównym|najważniejszym|podstawowym)\s+)?celem\s+"
                        r"(?:[^\W\d_]+\s+){0,3}?(?:jest|będzie|pozostaje)\b)"
                        r"|(?P<communication>o\s+(?:(?:moim|naszym|tym)\s+)?(?:planie|(?:moich|naszych|tych|podjętych)\s+działaniach)"
                        r"\s+(?:[^\W\d_]+\s+)?(?:przypomn|poinform|powiadom|dowie|usłysz|przeczyt|opowie)\w*)", re.I)
_RELATIVE = re.compile(r",\s+(?:do\s+|z\s+|na\s+)?(?:któr|jak)\w*\b", re.I)
_RUN_ON_QUESTION = 60   # how far into its line a question that opens a paragraph ends
_RUN_ON_LABEL = 40      # how far into its line a label that opens a paragraph ends


def asks(heading: str) -> bool:
    """Whether a short heading is put as a question."""
    return heading.rstrip()[-1:] == "?" or _QUESTION_WORD.match(heading.lstrip()) is not None
# a plan's title, not a part of it ("zaplanowane" is no such word; "Karta działania priorytetowego" names the plan)
_PLAN_WORD = re.compile(r"(?i)\bplan(?!\s+pracy\b)|\bdziałani[ae]\s+priorytetow")
_SPACED = re.compile(r"\S {3,}\S")   # columns set apart by spaces
_YEAR = re.compile(r"\d{4}")
# a heading may end with the year it concerns: "Wykonawcy zadań w 2025 roku", "Podmioty realizujące Program w 2025 r."
_YEAR_AT_END = re.compile(r"^[^\d]+\s(?:w|na|do)\s+(?:19|20)\d\d(?:\s*r\.|\s+rok(?:u)?)?$")
_DONE = re.compile(r"\b(?:zrealizowan|wykonan|podjęt|przeprowadzon)\w*|\bzrobiono\b|\b(?:zostało|zostały)\s+zrobion\w*"
                   # (told in the past: "Co zrobiliśmy", "Co zrobił dzielnicowy", "Co udało się zrobić")
                   r"|\bzrobi(?:ł|ła|li|ły|łem|łam|liśmy|łyśmy)\b|\bpodjęliśmy\b|\budało\s+się\s+zrobić\b", re.I)
_LABELLED = re.compile(r"\s*(?:Punkt|PUNKT|Pkt\.?|PKT\.?|Część|CZĘŚĆ|Rozdział|ROZDZIAŁ|Etap|ETAP|Krok|KROK|Rubryka|RUBRYKA)\s*"
                       rf"(?:[\dIVX]|[A-H](?!\w)|{_ORDINAL_WORD})")   # "Punkt pierwszy – co …", "Część A – co się dzieje"
_DASH_TAIL = re.compile(r"\s[–—-]\s+")   # a title's tail after its dash
_BULLETED = re.compile(r"[\u00b7\u2022\u25cf\u25aa\u2013\u2014\-*>]")


_CELLS = re.compile(r"\t+|\s\|\s|\||;")   # tabs, bars, or the semicolons of a table saved as CSV


def is_table_header(content: str) -> bool:
    """The header row of an actions table pasted as text: cells (tabs or " | ") naming the action and its
    term ("Lp. | Planowane działanie | Termin realizacji | Podmiot współpracujący")."""
    if "\t" not in content and "|" not in content and content.count(";") < 2:
        return False
    cells = [c.strip().lower() for c in _CELLS.split(content) if c.strip()]
    if len(cells) < 2 or any(len(c.split()) > 4 for c in cells):
        return False
    # (or asks what is done: "Lp. | Co zrobimy | Termin | Współpraca")
    return any(re.search(r"\bdziałani|\bdziałań|\bzadani|\bzadań|\bprzedsięwz|\bczynnoś|^co\s+(?:zrobimy|robimy|zrobię)\b", c)
               for c in cells) and \
        any(c.startswith("termin") or " termin" in c or c in ("kiedy", "do kiedy", "kiedy?") for c in cells)


_LEGEND = re.compile(r"\s*\([^()]*\)\s*:?\s*$")
_AND_ON = re.compile(r"\s*\((?:i|oraz|lub)\s")


def keyword_kind(line: str, off: int) -> str | None:
    """The part of a plan a short heading line names in its own words: "Rozpoznane zagrożenie", "Jakie zagrożenie
    zdiagnozowano?", "Cel działań", "Działania (termin)", "Sposób informowania mieszkańców".  A heading line
    has at most four words, or six when it ends with ":" or "?" or is in capitals; it is no bulleted item, and
    no sentence; the word that comes first decides.  ``off``: where the line's numbering ends."""
    content = line[off:].strip()
    if content.endswith(".") and not content.endswith(" r.") and content.count(".") == 1 \
            and len(_WORD_RUN.findall(content)) <= 3:
        content = content[:-1]   # a short heading closed with a full stop: "Zadania (wybrane)."
    # a bracketed legend after the heading is no part of it: "Plan pracy (kiedy – co – z kim)"
    bare = _LEGEND.sub("", content) or content
    labelled = _LABELLED.match(line[:off])   # "Punkt 1 – co jest problemem": a label's number, then a dash
    # an interview's question may open with its dash ("– Na czym polega problem?")
    bulleted = _BULLETED.search(line[:off]) and not (content[-1:] == "?" and line[:off].strip() in ("–", "—", "-")) \
        and not labelled
    # (a question may name the plan: "Czego dotyczy plan?", "Jak mieszkańcy dowiedzą się o planie?"; a bracketed
    # legend may too: "Co chcemy osiągnąć (cele zapisane w planie)")
    # (a question may name the plan without its mark: "Kiedy uznamy plan za udany")
    # (a heading whose first word names its part may name the plan after it: "Zagrożenie, którego dotyczył plan", "Cel
    # zapisany w planie")
    if not content or bulleted or (content[-1] in ".,;" and not content.endswith(" r.")) or (_PLAN_WORD.search(bare) and content[-1] != "?" and not asks(content)
                                                           and not _PART_WORDS.match(bare)) \
            or "|" in content or "\t" in content or (_SPACED.search(content) and content[-1] != "?") \
            or (_YEAR.search(content) and content[-1] not in "?:" and not asks(content)
                and not _YEAR_AT_END.search(content)):
        # a table's header row names its columns (a question may name a year: "Czego chcemy do 2029 roku?", as may a
        # label: "Podmioty realizujące program w 2025 r.:")
        return None
    words = _WORD_RUN.findall(bare)
    # (a heading with a relative clause runs longer: "Problemy, na które odpowiada program")
    limit = 6 if content[-1] in ":?" or content.isupper() or asks(content) or _RELATIVE.search(content) else 4
    # (after a label's number the heading may go on in lower case: "Punkt 1 – co jest problemem")
    # (in a bare heading, a word of one or two letters does not count: "Moje kroki i ich terminy"; a label's line goes on
    # after its colon: "Wspierają: Posterunek Policji w Łagowie")
    counted = len(words) if ":" in content.rstrip(":") else sum(len(w) > 2 for w in words)
    if not words or counted > limit or not (content[0].isupper() or labelled):
        return None
    # the heading's own words decide before its legend's ("Podm. współdz. (zadania)")
    m = _PART_WORDS.search(bare) or _PART_WORDS.search(content)
    # (a relative clause is asked as a question is: "Stan, do którego dążymy")
    dash = _DASH_TAIL.search(content) if labelled and m is not None else None
    if m is None or (len(_WORD_RUN.findall(content[:m.start()])) > (4 if asks(content) or _RELATIVE.search(content) else 2)
                     and not (dash and m.start() >= dash.end()
                              and len(_WORD_RUN.findall(content[dash.end():m.start()])) <= 1)):
        # the naming word comes early in a heading ("Z czym jest problem?": a question's fourth), or right after the
        # dash of a chapter's title ("Rozdział 3. Bezpieczeństwo w przestrzeni publicznej – cele na 2026 r.")
        return None
    if _DONE.search(content):
        return "other"   # a report's "Zrealizowane działania": what was done, no plan
    if m.lastgroup == "threat" and _PROGRAMME_WORD.search(bare):
        return "justification"   # "Dlaczego program był potrzebny?", "Problemy, na które odpowiada program": a programme's
    return m.lastgroup


# a table's header flattened to one cell per line ("Lp.", "Działanie", "Termin", "Podmioty współpracujące"): its
# cells name columns, not the document's parts
LP_LINE = re.compile(r"(?im)^[ \t]*l\.?\s?p\.?[ \t]*$")
_CELL_LINE = re.compile(r"[ \t]*[^\W\d][^\n\d.:;]{0,38}[ \t]*")
MAX_HEADER_CELLS = 6


def flattened_header_cells(text: str) -> set[int]:
    """The starts of the lines after an "Lp." line that are the other cells of a flattened table header."""
    out: set[int] = set()
    for m in LP_LINE.finditer(text):
        pos = m.end() + 1
        for _ in range(MAX_HEADER_CELLS):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            if pos >= len(text) or not _CELL_LINE.fullmatch(text, pos, end):
                break
            out.add(pos)
            pos = end + 1
    return out


# a line this long whose sentence goes on was hard-wrapped (a converted PDF's margin): its next line goes on with it
WRAP_WIDTH = 60
# a table row's cell separators: tabs, bars, spaced dashes, guillemets, triangles or arrows, or the semicolons of a
# table saved as CSV; in a row drawn with bars, only its bars (a dash inside a cell is the cell's)
CELL_SEP = re.compile(r"\t+|[ \t]\|[ \t]|\s[–—»▸→-]\s|;")
_BAR = re.compile(r"[ \t]*\|[ \t]*")


def cell_separators(line: str) -> list[re.Match]:
    """The cell separators of a table row pasted as text (:data:`CELL_SEP`)."""
    return list((_BAR if "|" in line else CELL_SEP).finditer(line))


def opens_with_bar(line: str) -> bool:
    return line.lstrip(" \t")[:1] == "|"


def first_cell(line: str, seps: list[re.Match], barred: bool) -> str:
    """A table row's first cell: before its first separator, or after it in a table whose rows open with a bar
    (``barred``)."""
    if barred and len(seps) >= 2:
        return line[seps[0].end():seps[1].start()]
    return line[:seps[0].start()]


def continues_row(row: str, line: str) -> bool:
    """Whether ``line`` goes on the table row ``row`` wrapped over lines (a converted PDF's grid: "| 3. | Pogadanka …
    | najpóźniej |" / "|    | dla uczniów | 19.06.2026 r. |"): as many cells, its first cell blank."""
    seps = cell_separators(line)
    return bool(seps) and len(seps) == len(cell_separators(row)) and not first_cell(line, seps, opens_with_bar(row)).strip()


def wrapped_cells(lines: list[str], i: int, n: int) -> list[list[str]]:
    """The cells of the lines that go on row ``i`` of a table wrapped over lines (:func:`continues_row`), one list of
    ``n`` cells (those after each of its ``n`` separators) a line."""
    out = []
    for line in lines[i + 1:]:
        if not continues_row(lines[i], line):
            break
        out.append(_cells(line, cell_separators(line))[:n])
    return out


def joined_pieces(pieces) -> str:
    """A cell's pieces from its lines, joined with spaces; a word hyphenated at a line's end is mended as the text's own
    line ends are (:func:`extractor.ingest.hyphenation.joined_halves`: "Gminny Ośrodek Kul-" / "tury w Zaniemyślu" ->
    "Gminny Ośrodek Kultury w Zaniemyślu")."""
    out = ""
    for piece in pieces:
        if not piece:
            continue
        broken = _BROKEN_END.search(out)
        start = _LETTERS.match(piece)
        whole = joined_halves(broken.group(1), start.group()) if broken and start else None
        if whole:
            out = out[:broken.start()] + whole + piece[start.end():]
        else:
            out = f"{out} {piece}" if out else piece
    return out


_BROKEN_END = re.compile(r"([^\W\d_]+)[-\u2010]$")   # a piece that ends with a letter run and a hyphen
_LETTERS = re.compile(r"[^\W\d_]+")


def _cells(line: str, seps: list[re.Match]) -> list[str]:
    """The text after each of a row's cell separators, up to the next (or the line's end)."""
    return [line[sep.end():seps[k + 1].start() if k + 1 < len(seps) else len(line)].strip() for k, sep in enumerate(seps)]


# a table set out in columns by spaces (pandoc's simple table, a converter's layout): under its header, a rule of dash
# runs, one a column ("---  -----------------  ----------  --------")
_ALIGNED_RULE = re.compile(r"(?m)^[ \t]*-{3,}(?:[ \t]{2,}-{3,}){2,}[ \t]*$")
_DASH_RUN = re.compile(r"-{3,}")


# a header line of such a table with no rule under it: "Lp  Działanie       Termin      Współudział", its cells at
# least two spaces apart, the first the rows' number
_ALIGNED_HEAD = re.compile(r"(?im)^[ \t]*(?:lp\.?|l\.p\.|nr)(?:[ \t]{2,}[^\s|][^\t|\n]*?){2,}[ \t]*$")
_CELL_START = re.compile(r"(?<=[ \t]{2})[^ \t]")
_RULE_LINE = re.compile(r"[ \t]*[-–—=_]{5,}[ \t]*")


def aligned_table(text: str, start: int, end: int) -> tuple[int, int, list[int], list[tuple[int, int]]] | None:
    """The first table set out in columns by spaces in ``text[start:end]``: (where its header line starts, where it
    ends, its columns' starts within a line, its rows).  The columns are the dash runs of the rule under the header,
    or, with no rule, the starts of the header's cells.  A row opens with a line whose first column is filled (its
    number); the lines after it with that column blank go on it (over a page's running header and footer); the table
    ends at a blank line."""
    rule = _ALIGNED_RULE.search(text, start, end)
    if rule is not None:
        cols = [m.start() for m in _DASH_RUN.finditer(rule.group())]
        head = text.rfind("\n", start, max(start, rule.start() - 1)) + 1
    else:
        rule = _ALIGNED_HEAD.search(text, start, end)
        if rule is None:
            return None
        lead = len(rule.group()) - len(rule.group().lstrip())
        cols = [lead] + [m.start() for m in _CELL_START.finditer(rule.group(), lead)]
        head = rule.start()
    skip = running_lines(text) if _PAGE_HINT.search(text, rule.end(), end) else set()
    rows: list[list[int]] = []
    pos = rule.end() + 1
    while pos < end:
        le = text.find("\n", pos, end)
        le = end if le < 0 else le
        line = text[pos:le]
        if not line.strip():
            break
        if pos in skip or _RULE_LINE.fullmatch(line):
            pass   # a page's running header or footer, a rule
        elif line[:cols[1]].strip():
            rows.append([pos, le])
        elif rows:
            rows[-1][1] = le
        pos = le + 1
    return max(head, start), rows[-1][1] if rows else rule.end(), cols, [(a, b) for a, b in rows]


def column_cut(line: str, c: int) -> int:
    """Where a column starting at ``c`` begins on ``line``: a word that runs over the column's edge goes with it."""
    while 0 < c < len(line) and not line[c - 1].isspace() and not line[c].isspace():
        c -= 1
    return c


def column_span(line: str, cols: list[int], k: int) -> tuple[int, int]:
    """(start, end) of column ``k`` (of a table's columns starting at ``cols``) on ``line``."""
    return (column_cut(line, cols[k]) if k else 0), (column_cut(line, cols[k + 1]) if k + 1 < len(cols) else len(line))


def column_text(lines: list[str], cols: list[int], k: int) -> str:
    """Column ``k`` of a table set out in columns (:func:`aligned_table`) over a row's ``lines``, its pieces joined."""
    pieces = []
    for line in lines:
        a, b = column_span(line, cols, k)
        pieces.append(line[a:b].strip())
    return joined_pieces(pieces)


def aligned_cells(lines: list[str], cols: list[int]) -> str:
    """A row of a table set out in columns (:func:`aligned_table`) read as one line, each cell's pieces joined in order."""
    return " | ".join(c for c in (column_text(lines, cols, k) for k in range(len(cols))) if c)


def joined_row(lines: list[str]) -> str | None:
    """A table row drawn with bars and wrapped over ``lines`` read as one line, each cell's pieces joined in order
    ("| 1. | Ustalenie … | do końca |" / "|    | rozmowy … | I kwartału |" / "|    |  | 2026 r. |" -> "1. | Ustalenie …
    rozmowy … | do końca I kwartału 2026 r."); None when ``lines`` are not one such row."""
    if len(lines) < 2 or not opens_with_bar(lines[0]):
        return None
    first = _cells(lines[0], cell_separators(lines[0]))
    wrapped = wrapped_cells(lines, 0, len(first))
    if len(wrapped) != len(lines) - 1:
        return None
    cells = [joined_pieces([cell] + [w[k] for w in wrapped]) for k, cell in enumerate(first)]
    return " | ".join(c for c in cells if c)


# a converted document's running header or footer: a line that ends with its page's number ("KMP w Radomiu – plan
# działania priorytetowego rejonu nr 14      Strona 1 z 2", "... str. 1/2", "--- strona 1 z 4 ---", "- 3 -")
PAGE_LINE = re.compile(r"(?im)^[^\n]*?(?:\bstr(?:ona|\.)[ \t]*\d+[ \t]*(?:/|z|of)[ \t]*\d+[ \t\-–]*"
                       r"|^[ \t]*[-–—]+[ \t]*\d+[ \t]*[-–—]+[ \t]*)$")


# what every such line holds: most texts have none, and are not scanned line by line
_PAGE_HINT = re.compile(r"(?i)\bstr(?:ona|\.)[ \t]*\d+[ \t]*(?:/|z|of)[ \t]*\d|(?m:^)[ \t]*[-–—]+[ \t]*\d+[ \t]*[-–—]")


RUNNING_REACH = 2   # lines next to a page's numbered line that may belong to the same running header or footer


def running_lines(text: str) -> frozenset[int]:
    """The starts of a converted document's running header and footer lines: each line numbered with its page
    (:data:`PAGE_LINE`), and the lines beside it that the document repeats word for word ("plan działania
    priorytetowego – rejon służbowy nr 5" under "KMP w Łodzi – … str. 2/2" as on page 1).  Worked out once per
    text: the sections and each reader of a table set out in columns ask for them."""
    return _RUNNING.get(text, _running_lines)


def _running_lines(text: str) -> frozenset[int]:
    found = list(_LINE.finditer(text))
    starts = [m.start() for m in found]
    lines = [m.group().strip() for m in found]
    seen: dict[str, int] = {}
    for ln in lines:
        if ln:
            seen[ln] = seen.get(ln, 0) + 1
    page_at = {m.start() for m in PAGE_LINE.finditer(text)}
    out = set()
    for k, a in enumerate(starts):
        if a not in page_at:
            continue
        out.add(a)
        for step in (-1, 1):
            for d in range(1, RUNNING_REACH + 1):
                j = k + step * d
                if not 0 <= j < len(lines) or not lines[j] or seen[lines[j]] < 2:
                    break
                out.add(starts[j])
    return frozenset(out)


_RUNNING: ByText[frozenset[int]] = ByText(2)


def find_sections(document: Document) -> list[Section]:
    text = document.text
    heads: list[tuple[int, int, int, str, str]] = []  # (start, header_end, body_start, kind, title)
    worded: list[tuple[int, int, int, str, str]] = []   # short lines that name a part (see keyword_kind)
    run_on: list[tuple[int, int, int, str]] = []   # lines that a label may open ("Wspierają mnie: …")
    in_column: set[int] = set()   # the starts of those lines whose label stands in a column of its own
    marked: list[tuple[int, int, int, str, str]] = []   # short bulleted lines that name a part ("▪ Kroki")
    numbered: dict[int, tuple[int, int]] = {}   # a paragraph's number -> (its line's start, where its text begins)
    cells = flattened_header_cells(text)
    pages = running_lines(text) if _PAGE_HINT.search(text) else set()
    for m in _LINE.finditer(text):
        if m.start() in cells or m.start() in pages:
            continue   # a flattened table header's cell, a page's running header or footer
        line = m.group()
        lead = _LEAD.match(line)
        off = lead.end() if lead else 0
        content = line[off:]
        if (num := _NUMBER.fullmatch(line[:off])) and int(num.group(1)) not in numbered:
            numbered[int(num.group(1))] = (m.start(), off)
        hit = match_header(content)
        bracket = None if hit else _BRACKET_LABEL.match(content)
        if bracket:
            # a label in square brackets before its part: "[ZAGROŻENIE] Po leśnych drogach …", "[RAZEM Z] …"
            inner = bracket.group(1).strip()
            got = match_header(inner) or ((k, len(inner), 100.0) if (k := keyword_kind(inner + ":", 0)) else None)
            hit = (got[0], bracket.end(), got[2]) if got else None
        if hit:
            kind, length, _score = hit
            hstart = m.start() + off
            hend = hstart + length
            body = hend
            while body < len(text) and text[body] in " :.-–\t":
                body += 1
            if body < len(text) and text[body] == "\n":
                body += 1
            heads.append((m.start(), hend, body, kind, text[hstart:hend].strip().strip("[]").strip()))
        elif _is_title(content):
            heads.append((m.start(), m.end(), m.end(), "title", content.strip()))
        elif is_table_header(content):
            heads.append((m.start(), m.end(), m.end(), "actions", content.strip(" |")))
        else:
            kind = keyword_kind(line, off)
            if kind:
                worded.append((m.start(), m.end(), m.end(), kind, content.strip().rstrip(":").strip()))
            elif kind := _kind_without_bullet(line, off):
                # a heading marked with a bullet ("▪ Co niepokoi mieszkańców", "▪ Kroki"): kept when several of the same mark
                # name parts (below)
                marked.append((m.start(), m.end(), m.end(), kind, content.strip().rstrip(":").strip()))
            elif 0 < (colon := content.find(":")) < _RUN_ON_LABEL and content[colon + 1:].strip():
                # a label that opens its paragraph, the part on the same line: "Wspierają mnie: Gminny Ośrodek …" (read
                # below, only where no template heading is found)
                run_on.append((m.start(), off, colon, line))
            elif "   " in content and (gap := _LABEL_COLUMN.match(content)) and content[gap.end():].strip() \
                    and not _CELLS_AFTER.match(content, gap.end()):
                # a form's label in its column, the part in the next ("Problem w rejonie          Na ławkach …", a
                # converter's layout): read as the label with its colon (the gap's first space; offsets kept)
                colon = gap.end("label")
                run_on.append((m.start(), off, colon, line[:off + colon] + ":" + line[off + colon + 1:]))
                in_column.add(m.start())
            elif num and (opener := _PART_LEAD.match(content)):
                # a numbered paragraph that opens by saying its part: "2) Celem jest, by żaden mieszkaniec …", "5) O planie
                # przypomną plakaty …" (the whole sentence is the part's)
                worded.append((m.start(), m.start() + off, m.start() + off, "opened:" + opener.lastgroup, opener.group()))
            elif 0 < content.find("?") < _RUN_ON_QUESTION:
                # a question that opens its paragraph, the answer on the same line: "Do czego dążymy? Chcemy, …"
                q = content[:content.find("?") + 1]
                kind = keyword_kind(line[:off] + q, off) if asks(q) else None
                if kind:
                    qend = m.start() + off + len(q)
                    body = qend + len(line[off + len(q):]) - len(line[off + len(q):].lstrip())
                    worded.append((m.start(), qend, body, kind, q.strip()))
        # headings inside a paragraph: "... Zakładany cel do osiągnięcia: ograniczenie ..."
        task = _TASK_LINE.match(line) is not None
        for inner in _INNER.finditer(line, off + 1):
            part = line[inner.start(): inner.start() + MAX_HEADER_LINE]
            if ":" not in part:
                continue   # an inner heading ends at a colon
            hit = match_header(part)
            if not hit or part[hit[1]: hit[1] + 1] != ":":
                continue
            kind, length, _score = hit
            if task and kind in _TASK_LABELS:
                continue
            hstart = m.start() + inner.start()
            hend = hstart + length
            body = hend + 1
            while body < len(text) and text[body] in " \t":
                body += 1
            heads.append((hstart, hend, body, kind, text[hstart:hend].strip()))
    by_mark: dict[str, list] = {}
    for h in marked:
        by_mark.setdefault(_mark(text, h[0]), []).append(h)
    # headings marked with one bullet, three parts or more of them: "▪ Co niepokoi mieszkańców" / "▪ Do czego dąży
    # dzielnicowa" / "▪ Kroki" / "▪ Wsparcie zapewnią" (the items under them have another mark)
    # (the template headings under the same mark count: "▪ Zjawisko", "▪ Zamierzony efekt", "▪ Przedsięwzięcia", then "▪
    # Współdziałający", "▪ Jak mieszkańcy się dowiedzą")
    headed = {}
    for h in heads:
        if h[3] != "title" and (mk := _mark(text, h[0])):
            headed.setdefault(mk, set()).add(h[3])
    worded += [h for mk, hs in by_mark.items() if len({h[3] for h in hs} | headed.get(mk, set())) >= MIN_MARKED_PARTS
               for h in hs]
    if not any(h[3] in PLAN_KINDS for h in heads):
        # (only in a text whose parts have no template headings: a letter's numbered paragraphs)
        worded = sorted([(*h[:3], h[3].removeprefix("opened:"), h[4]) for h in worded] + _run_on_labels(run_on)[0])
    else:
        # beside template headings, a paragraph opened by a label of a part they do not name ("Krok po kroku", then
        # "Poprzeczka: żadnego pogryzienia …", "Ramię w ramię z: Urzędem Gminy …"), after a blank line
        # (or in the same bulleted list as a template heading: "* Cel:" beside "* Co się dzieje: …", "* Wsparcie: …")
        have = {h[3] for h in heads}
        marks = {_mark(text, h[0]) for h in heads if h[3] in PLAN_KINDS} - {""}
        plain, bulleted = _run_on_labels(run_on)
        # (a form's labels in their column, beside its template headings, are all headings: "Zadania (termin)   1) …")
        worded = [h for h in worded if not h[3].startswith("opened:")] + \
            [h for h in sorted(plain + bulleted) if h[3] not in have and not _RECORD_LABEL.match(h[4])
             and (h[0] in in_column
                  or (h[3] in _LABELLED_BESIDE and ((_after_blank(text, h[0]) and h in plain) or _mark(text, h[0]) in marks)))]
    asked = {h[3] for h in worded if text[h[0]:h[1]].rstrip()[-1:] in "?:" or asks(h[4])}
    named = {h[3] for h in worded} & {"threat", "goal", "actions", "partners"}
    if any(h[3] == "justification" for h in heads + worded):
        # "Diagnoza w skrócie", then "Do czego zmierzamy", "Lista zadań"; a programme's "Problemy, na które odpowiada
        # program"
        named.add("threat")
    if worded and (any(h[3] in PLAN_KINDS for h in heads) or len(asked & {"threat", "goal", "actions"}) >= 2
                   or len(named) >= 3
                   # (or two beside a programme's template headings: "Mierniki", "Koordynator Programu")
                   or (len(named) >= 2 and len(named | {h[3] for h in heads if h[3] != "title"}) >= 4)):
        # a plan's own wording of a part ("Rozpoznane zagrożenie", "Jakie zagrożenie zdiagnozowano?"), beside its
        # template headings or as two parts of its own asked or labelled ("Z czym jest problem?", "Co chce
        # osiągnąć dzielnicowy?"), or three parts named by their own lines ("Na co się umówiliśmy?", "Etapy", "Razem z
        # nami"); a news page's short lines ("Cel oszustów") are no parts
        taken = {h[0] for h in heads}
        heads.extend(h for h in _first_point_threat(worded, numbered, text) if h[0] not in taken)
    heads.sort()
    # "Działanie 1" then "Opis: wystąpienie do …": an action's own description, no section of its own
    heads = [h for i, h in enumerate(heads)
             if not (i and h[3] == "justification" and heads[i - 1][3] == "actions" and h[4].lower() == "opis"
                     and inline_label(text, h[0]))]
    heads = _dated_steps(text, heads)
    if _REPORT_TITLE.search(text, 0, REPORT_TITLE_REACH):
        # a report on a finished plan ("Informacja o wykonaniu planu …"): its course of actions is what was done
        heads = [(*h[:3], "other", h[4]) if h[3] == "actions" else h for h in heads]
    sections: list[Section] = []
    if not any(h[3] != "title" for h in heads):
        # a plan told in paragraphs, no heading and no label: its parts from what each paragraph tells
        heads = sorted(heads + told_parts(text, document.sentence_spans() or []))
        if not any(h[3] != "title" for h in heads):
            return _title_and_body(document, heads)
    for i, (start, hend, body, kind, title) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        if kind == "title":
            # a plan title: its section is the title line (the plan's content follows in its own sections)
            end = hend
        sections.append(Section(kind=kind, title=title, start=start, end=_rstrip(text, body, end),
                                body_start=body, header_end=hend))
    return sections


# an item's term and the dash after it: "✔️ październik – znakowanie narzędzi", "• do 15 grudnia – kontrole palenisk"
_STEP_DASH = re.compile(r"[ \t]+[–—-][ \t]+")
STEP_TERM_CHARS = 30
MIN_DATED_STEPS = 2


def _dated_steps(text: str, heads: list) -> list:
    """Under a goal, with no heading of its own, a list of steps each opened by its term and a dash ("✔️ październik –
    …", "✔️ do 15 grudnia – …", a post's plan): the plan's actions, from the first such step (when the document has no
    actions heading)."""
    if any(h[3] == "actions" for h in heads):
        return heads
    from extractor.temporal import find_temporal

    added = []
    for i, (_start, _hend, body, kind, _title) in enumerate(heads):
        if kind != "goal":
            continue
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        steps = []
        for m in _LINE.finditer(text, body, end):
            line = m.group()
            off = _LEAD.match(line).end()
            dash = _STEP_DASH.search(line, off) if off else None
            if dash is None or dash.start() - off > STEP_TERM_CHARS:
                continue
            # (any year: only whether a term opens the item matters)
            terms = find_temporal(line[:dash.end()], context_year=2000)
            if terms and terms[0].start <= off + 3 and terms[0].end >= dash.start() - 1:
                steps.append(m.start())
        if len(steps) >= MIN_DATED_STEPS:
            added.append((steps[0], steps[0], steps[0], "actions", ""))
            # the list ends with its paragraph: what follows it is the page's ("ℹ️ Co to jest plan …", hashtags)
            gap = _BLANK_AFTER.search(text, steps[-1], end)
            if gap is not None and gap.end() < end:
                added.append((gap.end(), gap.end(), gap.end(), "other", ""))
    return sorted(heads + added) if added else heads


_BLANK_AFTER = re.compile(r"\n[ \t]*\n\s*(?=\S)")


# the title of a report on a finished plan, near the top
# (not "Informacja o realizacji planu (stan na dzień 30 kwietnia)": a plan still running reports its course)
_REPORT_TITLE = re.compile(r"(?i)\b(?:informacja|sprawozdanie|raport)\s+(?:o|z)\s+(?:wykonani|efekt|wynik)\w*\s+"
                           r"(?:\w+\s+){0,2}?plan\w*|\bpodsumowanie\s+(?:realizacji\s+|wykonania\s+)?planu\b"
                           # (a report is written once the plan is over: "Sprawozdanie z realizacji planu …")
                           r"|\b(?:sprawozdanie|raport)\s+z\s+realizacji\s+(?:\w+\s+){0,2}?plan\w*")
REPORT_TITLE_REACH = 600


def _first_point_threat(worded, numbered: dict[int, tuple[int, int]], text: str) -> list:
    """A plan told in numbered paragraphs, its aim in the second: the first, unlabelled, tells the threat
    ("1) W ubiegłym roku oszuści …", "2) Celem jest …")."""
    first, second = numbered.get(1), numbered.get(2)
    if first is None or second is None or not worded or worded[0][0] != second[0] or worded[0][3] != "goal":
        return worded
    start, off = first
    return [(start, start + off, start + off, "threat", part_title(text, start + off))] + worded


# the parts a label may open beside template headings (an actions label there, "Dalsze działania: …" of a report, is
# no plan's list)
_LABELLED_BESIDE = ("threat", "goal", "partners", "communication")
# the labels of a public-information page's record ("Podmiot udostępniający informację: Urząd Miejski w …")
_RECORD_LABEL = re.compile(r"(?i)podmiot\s+udostępniając|informacj\w*\s+(?:wytworzył|wprowadził|opublikował|udostępnił)"
                           r"|osoba\s+(?:odpowiedzialna|wprowadzająca|udostępniająca)")


MIN_MARKED_PARTS = 3
_BULLET_MARK = re.compile(rf"[ \t]*([{_MARKS}])[ \t]")


def _mark(text: str, start: int) -> str:
    """The bullet that opens the line at ``start`` ("*", "•", "–"), or ""."""
    m = _BULLET_MARK.match(text, start)
    return m.group(1) if m else ""


def _kind_without_bullet(line: str, off: int, end: int | None = None) -> str | None:
    """The part a bulleted line (up to ``end``) names when read without its bullet ("▪ Kroki", "* Wsparcie: …"); None
    for a line with no bullet."""
    if not _BULLETED.search(line, 0, off):
        return None
    return keyword_kind(" " * off + line[off:end], off)


def _after_blank(text: str, start: int) -> bool:
    """The line at ``start`` opens a paragraph: a blank line (or nothing) before it."""
    return start == 0 or not text[text.rfind("\n", 0, start - 1) + 1:start].strip()


def _run_on_labels(lines) -> tuple[list, list]:
    """The worded headings of labels that open their lines, the part on the same line ("Wspierają mnie: …"); and those
    of bulleted labels, read as the label alone ("* Wsparcie: …": kept only in a list of template headings)."""
    plain: list[tuple[int, int, int, str, str]] = []
    bulleted: list[tuple[int, int, int, str, str]] = []
    for start, off, colon, line in lines:
        label_end = off + colon + 1   # (in the line)
        kind = keyword_kind(line[:label_end], off)
        into = plain
        if not kind:
            kind, into = _kind_without_bullet(line, off, label_end), bulleted
        if kind:
            rest = line[label_end:]
            into.append((start, start + label_end, start + label_end + len(rest) - len(rest.lstrip()), kind,
                         line[off:label_end - 1].strip()))
    return plain, bulleted


_INLINE_LABEL = re.compile(r"[^\n:]{1,30}:[ \t]*\S")
# a form's label of one to four words (maybe a bracket after them) in its column, a wide gap, then its part
# (not a table's row: a number's cell after the label, "Kategoria zagrożenia     2020   2021", or more columns)
_CELLS_AFTER = re.compile(r"\d+(?:[.,]\d+)?(?: {2,}|\t|$)|[^\n]*? {3,}\S[^\n]*? {3,}\S")
_LABEL_COLUMN = re.compile(r"(?P<label>[A-ZĄĆĘŁŃÓŚŹŻ][^\W\d_]*(?:[ ][^\W\d_]+){0,3}(?:[ ]\([^()\n\d]{1,20}\))?) {3,}(?=\S)")


def inline_label(text: str, start: int) -> bool:
    """A short label with its content on its line ("Cel: ograniczenie liczby oszustw", "Opis: pismo do …")."""
    return bool(_INLINE_LABEL.match(text, start))


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _title_and_body(document: Document, heads) -> list[Section]:
    """Texts without plan/strategy headers (news, communiqués): the first line as title, the rest as body."""
    text = document.text
    labels = {x.lower() for x in read_lines("page_labels.txt")}
    lines = [m for m in _LINE.finditer(text) if m.group().strip()]
    if not lines:
        return []
    first = next((m for m in lines if m.group().strip().lower() not in labels), lines[0])
    lines = lines[lines.index(first):]
    out = [Section(kind="title", title=first.group().strip(), start=first.start(), end=first.end(),
                   body_start=first.start(), header_end=first.end())]
    if len(lines) > 1:
        b = lines[1].start()
        out.append(Section(kind="body", title="", start=b, end=_rstrip(text, b, len(text)), body_start=b, header_end=b))
    return out
