"""Words broken across a line end with a hyphen, as PDF text layers and scans turned to text have them.

Justified print breaks words at line ends ("spożywanie alko-\\nholu"); a text layer or an OCR pass keeps the
hyphen and the line end, so no extractor, and no dictionary, sees "alkoholu".  :func:`join_broken_words`
mends such a break when Morfeusz decides it:

* the joined word is a word of the dictionary ("alko-" + "holu" -> "alkoholu", "Wol-" + "ski" -> "Wolski";
  Morfeusz also takes an adverb and an adjective as one word, so "biało-" + "czerwonej" -> "białoczerwonej",
  which it reads as it reads "biało-czerwonej"): the hyphen and the line end go;
* else both halves are words and the joined one is not ("pub-" + "restauracja"), or both are capitalised
  alike ("Bielsku-" + "Białej", "Kowalska-" + "Nowak"): a compound broken at its own hyphen, so only the
  line end goes ("pub-restauracja", "Bielsku-Białej");
* else nothing changes.

Only a letter run right before the hyphen and a letter run at the start of the next line are read, so a
dash list ("- patrole"), a range ("18-\\n22") or a line ending in a spaced dash never change.  The offsets
map back to the raw text as :func:`extractor.ingest.normalize.normalize_text` made them.
"""
from __future__ import annotations

import re

# a letter run, a hyphen (ASCII or U+2010) at the line end, the next line's leading blanks and letter run (the blanks
# may be a drawn table's empty cells: "…drogą po-\n|    |        | wiatową nr 2713E", a cell going on in the next row)
_BROKEN = re.compile(r"([^\W\d_]+)([-\u2010])\n[ \t|]*([^\W\d_]+)")


def _mend(first: str, second: str) -> str | None:
    """"join", "compound" or None for the halves of a word broken at a line end."""
    from extractor.nlp.morph import known   # late: Morfeusz is loaded only when a broken word is read

    if len(first) < 2 or len(second) < 2:
        return None
    if second[0].isupper():
        same_case = (first.istitle() and second.istitle()) or (first.isupper() and second.isupper())
        return "compound" if same_case and known(first) and known(second) else None
    if known(first + second):
        return "join"
    if known(first) and known(second):
        return "compound"
    return None


def _same_cell(text: str, m: re.Match) -> bool:
    """The second half, after a drawn table's bars, stands where the first half's cell begins in the line above
    (a cell going on in the next row; not a word of another column: "| 03 | Zagrożenie – opis, | …drogą po-" /
    "|    | miejsce, pora        | wiatową")."""
    line = text.rfind("\n", 0, m.start()) + 1
    bar = text.rfind("|", line, m.start())
    if bar < 0:
        return False
    after_bar = text[bar + 1:m.start()]
    cell = bar + 1 + len(after_bar) - len(after_bar.lstrip(" \t"))
    return m.start(3) - (m.end(2) + 1) == cell - line


def joined_halves(first: str, second: str) -> str | None:
    """The word broken with a hyphen into ``first`` and ``second`` (letter runs), as :func:`join_broken_words` mends it
    ("alko", "holu" -> "alkoholu"; "Bielsku", "Białej" -> "Bielsku-Białej"); None when they are no broken word."""
    how = _mend(first, second)
    return None if how is None else first + ("" if how == "join" else "-") + second


def join_broken_words(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """``text`` with its hyphenated line-end breaks mended (see the module), and its offsets (one per character
    kept, plus the end) taken from ``offsets``.  A word broken over three lines is read again once its first
    break is mended, so mending the result changes nothing."""
    while "-\n" in text or "\u2010\n" in text:
        mended = _one_pass(text, offsets)
        if mended is None:
            break
        text, offsets = mended
    return text, offsets


def _one_pass(text: str, offsets: list[int]) -> tuple[str, list[int]] | None:
    parts: list[str] = []
    offs: list[int] = []
    kept = 0   # the text before this is copied
    for m in _BROKEN.finditer(text):
        how = _mend(m.group(1), m.group(3))
        if how is None or ("|" in text[m.end(2):m.start(3)] and not (how == "join" and _same_cell(text, m))):
            continue
        cut = m.start(2) if how == "join" else m.end(2)   # drop from here to the next line's word
        parts.append(text[kept:cut])
        offs.extend(offsets[kept:cut])
        kept = m.start(3)
    if not parts:
        return None
    parts.append(text[kept:])
    offs.extend(offsets[kept:])   # the rest, with the end offset
    return "".join(parts), offs
