"""Text normalisation that keeps a character map back to the raw extracted text.

``normalize_text(raw)`` returns ``Normalized(text, offsets)`` where ``offsets[i]`` is the index in
``raw`` of normalised character ``i`` and ``offsets[len(text)] == len(raw)``; the raw span of a
normalised span ``text[a:b]`` is ``raw[offsets[a]:offsets[b - 1] + 1]`` (or use ``Normalized.raw_span``).

What it does, in order:
  * NFC, one combining cluster at a time (a composed letter maps to the base letter's offset);
  * line ends: CRLF, CR, NEL, U+2028/2029, vertical tab and form feed become ``\\n``;
  * no-break and other Unicode spaces become a plain space; tabs are kept (table cells);
  * control and format characters (NUL, C0/C1 controls, soft hyphen, zero-width, BOM) and emoji presentation
    selectors ("▶\ufe0f") are dropped;
  * trailing spaces and tabs are stripped from each line, leading blank lines and trailing
    whitespace of the whole text are dropped, and runs of 3+ blank lines become 2 blank lines;
  * a word broken across a line end with a hyphen ("alko-\\nholu", as in PDFs and scans) is mended
    (:mod:`extractor.ingest.hyphenation`);
  * a Polish text written without its diacritics gets them back, letter for letter, so the offsets do
    not change (:mod:`extractor.ingest.diacritics`).
  * a scan's "rn" read for "m" is mended where Morfeusz decides it (:mod:`extractor.ingest.ocr_letters`);
  * Polish letters a conversion turned into "?" come back the same way (:mod:`extractor.ingest.lost_letters`);
  * a table drawn with box-drawing characters is drawn with "|" and "-" (the same length);
  * a keycap emoji numbering a post's item ("1\ufe0f\u20e3 październik – ulotki") is the number with its full stop
    ("1.  październik"; the same length).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from extractor.ingest.diacritics import restore_diacritics
from extractor.ingest.lost_letters import restore_lost_letters
from extractor.ingest.ocr_letters import repair_ocr_letters
from extractor.ingest.hyphenation import join_broken_words


@dataclass
class Normalized:
    text: str
    offsets: list[int]   # offsets[i] = index in the raw text of normalised character i (len = len(text) + 1)
    raw: str | None = None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the normalised span ``text[start:end]``, combining marks included."""
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        stop = self.offsets[end - 1] + 1
        if self.raw is not None:
            while stop < len(self.raw) and unicodedata.combining(self.raw[stop]):
                stop += 1
        return self.offsets[start], stop


_NEWLINES = {"\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"}
_SPACE_LIKE = {"\u00a0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006",
               "\u2007", "\u2008", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000"}
MAX_BLANK_LINES = 2


# emoji and text presentation selectors ("▶️", "✅"): they only tell how to draw the sign before them, and a word after
# them would not start after a boundary the patterns know
_VARIATION = frozenset("\ufe0e\ufe0f")


def _unified(raw: str):
    """(char, raw index): line ends and spaces unified, control and format characters dropped."""
    n = len(raw)
    i = 0
    while i < n:
        ch = raw[i]
        if ch == "\r":
            yield "\n", i
            i += 2 if i + 1 < n and raw[i + 1] == "\n" else 1
            continue
        if ch in _NEWLINES:
            yield "\n", i
        elif ch == "\t":
            yield "\t", i
        elif ch in _SPACE_LIKE:
            yield " ", i
        elif ch < " " or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") or ch in _VARIATION:
            pass
        else:
            yield ch, i
        i += 1


def _chars(raw: str):
    """(char, raw index) pairs of the unified text after NFC, one combining cluster at a time."""
    items = list(_unified(raw))
    n = len(items)
    i = 0
    while i < n:
        ch, p = items[i]
        j = i + 1
        while j < n and unicodedata.combining(items[j][0]):
            j += 1
        if j == i + 1 and ch < "\u0300":
            yield ch, p
            i = j
            continue
        src = "".join(c for c, _ in items[i:j])
        cluster = unicodedata.normalize("NFC", src)
        if cluster == src:
            yield from items[i:j]
            i = j
            continue
        k0 = i
        for k, c in enumerate(cluster):
            if k:
                # a mark left over after composition: find it in the cluster
                for m in range(k0 + 1, j):
                    if items[m][0] == c:
                        k0 = m
                        break
            c = " " if c in _SPACE_LIKE else c
            if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") and c not in "\n\t":
                continue
            yield c, items[k0][1]
        i = j


@lru_cache(maxsize=4096)
def _plain(ch: str) -> bool:
    """A character the normalisation keeps as it is wherever it stands (given an NFC text): a line feed, a
    tab, or a printable character that is no other line end, no special space, no control or format
    character and no combining mark."""
    if ch in "\n\t":
        return True
    return ch >= " " and ch not in _NEWLINES and ch not in _SPACE_LIKE and ch not in _VARIATION \
        and not unicodedata.combining(ch) and unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")


def _normalize_plain(raw: str) -> Normalized:
    """``normalize_text`` of an NFC text made of plain characters only: the same lines, blank-line runs and
    offsets, computed a line at a time."""
    out: list[str] = []
    offs: list[int] = []
    pending: list[int] = []
    blank_run = 0
    started = False
    n = len(raw)
    pos = 0
    while True:
        nl = raw.find("\n", pos)
        seg = raw[pos:n if nl < 0 else nl].rstrip(" \t")
        if seg:
            if started:
                for p in pending[: 1 + min(blank_run, MAX_BLANK_LINES)]:
                    out.append("\n")
                    offs.append(p)
            started = True
            out.append(seg)
            offs.extend(range(pos, pos + len(seg)))
            blank_run = 0
            pending.clear()
            if nl >= 0:
                pending.append(nl)
        elif nl >= 0 and started:
            blank_run += 1
            pending.append(nl)
        if nl < 0:
            break
        pos = nl + 1
    offs.append(n)
    return Normalized("".join(out), offs, raw)


# a table drawn with box-drawing characters ("│ 2022 │", "├────┼────┤") becomes one drawn with ASCII: its column
# rules and joints "|", the rest of its lines "-" (a table read as " | " cells)
_BOX = {c: ("|" if unicodedata.name(chr(c), "").startswith(("BOX DRAWINGS LIGHT VERTICAL", "BOX DRAWINGS HEAVY VERTICAL",
                                                               "BOX DRAWINGS DOUBLE VERTICAL", "BOX DRAWINGS VERTICAL"))
            or chr(c) in "├┤┼╟╢╫╠╣╬┠┨╂" else "-")
        for c in range(0x2500, 0x2580)}
_BOX_RE = re.compile("[\u2500-\u257f]")


# a digit on a keycap: "1\ufe0f\u20e3" (with the emoji presentation selector) or "1\u20e3"
_KEYCAP = re.compile("([0-9#*])(\ufe0f?)\u20e3")


def _keycap_number(m: re.Match) -> str:
    return m.group(1) + "." + " " * len(m.group(2))


def normalize_text(raw: str) -> Normalized:
    """NFC, unify spaces and line ends, drop control characters, mend words hyphenated at line ends; keep a
    map to raw offsets."""
    if all(_plain(c) for c in set(raw)) and unicodedata.is_normalized("NFC", raw):
        norm = _normalize_plain(raw)   # most texts: nothing to unify, drop or compose
    else:
        norm = _normalize_general(raw)
    norm.text, norm.offsets = join_broken_words(norm.text, norm.offsets)
    norm.text, norm.offsets = repair_ocr_letters(norm.text, norm.offsets)   # "rnarca" -> "marca"
    if _BOX_RE.search(norm.text):
        norm.text = norm.text.translate(_BOX)   # the same length: the offsets stay
    if "\u20e3" in norm.text:
        norm.text = _KEYCAP.sub(_keycap_number, norm.text)   # the same length: the offsets stay
    norm.text = restore_lost_letters(norm.text)   # "zagro?enie" -> "zagrożenie": the same length
    norm.text = restore_diacritics(norm.text)   # the same length: the offsets stay
    return norm


def _normalize_general(raw: str) -> Normalized:
    """``normalize_text`` character by character."""
    out: list[str] = []
    offs: list[int] = []
    line: list[tuple[str, int]] = []
    blank_run = 0
    started = False

    pending_newlines: list[int] = []   # raw positions of the line ends since the last non-blank line

    def flush_line() -> None:
        nonlocal blank_run, started
        while line and line[-1][0] in " \t":
            line.pop()
        if not line:
            return
        if started:
            # newlines owed since the previous non-blank line: 1 + min(blank lines, MAX)
            for pos in pending_newlines[: 1 + min(blank_run, MAX_BLANK_LINES)]:
                out.append("\n")
                offs.append(pos)
        started = True
        for c, p in line:
            out.append(c)
            offs.append(p)
        line.clear()
        blank_run = 0
        pending_newlines.clear()

    for c, p in _chars(raw):
        if c == "\n":
            if line and any(ch not in " \t" for ch, _ in line):
                flush_line()
                pending_newlines.append(p)
            else:
                line.clear()
                if started:
                    blank_run += 1
                    pending_newlines.append(p)
            continue
        line.append((c, p))
    flush_line()
    offs.append(len(raw))
    return Normalized("".join(out), offs, raw)
