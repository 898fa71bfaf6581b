"""Tokenizer tweaks and sentence boundaries for Polish police/municipal documents.

* abbreviations from ``rules/tokenizer_exceptions.txt`` stay one token ("ul.", "asp.", "m.in.")
* dates ("15.07.2024"), times ("17.30", "7:00") and hour ranges' parts stay one token
* ``plany_sentences``: a rule-based sentence boundary component that does not break after
  those abbreviations nor after initials ("J. Kowalski"), and breaks at line starts that
  look like a new sentence, heading or list item.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from extractor.resources import read_lines

DATE_RE = r"\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}"
TIME_RE = r"(?:[01]?\d|2[0-4])[.:][0-5]\d"
_TOKEN_MATCH = re.compile(rf"^(?:{DATE_RE}|{TIME_RE})$")
_INNER = re.compile(rf"(?<![\d.:])(?:{DATE_RE}|{TIME_RE})(?![\d:]|\.\d)")
_DASH = re.compile(r"(?<=\d)[-–—](?=\d)")


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Abbreviation (lowercase) -> kind ("title" or "end")."""
    out: dict[str, str] = {}
    for ln in read_lines("tokenizer_exceptions.txt"):
        parts = ln.split("\t")
        out[parts[0].strip()] = (parts[1].strip() if len(parts) > 1 else "title") or "title"
    return out


def _variants(abbr: str) -> set[str]:
    return {abbr, abbr[:1].upper() + abbr[1:], abbr.upper()}


def customize_tokenizer(tokenizer) -> None:
    """Add the special cases and the date/time token_match to a spaCy tokenizer (in place)."""
    for abbr in abbreviations():
        for v in _variants(abbr):
            tokenizer.add_special_case(v, [{ORTH: v}])
    old = tokenizer.token_match

    def token_match(text: str):
        m = _TOKEN_MATCH.match(text)
        if m:
            return m
        return old(text) if old else None

    tokenizer.token_match = token_match

    # inside a longer string ("18.00-22.00", "15.07.2024-30.09.2024") keep dates/times whole and
    # split at the dash between them
    old_infix = tokenizer.infix_finditer

    def infix_finditer(text: str):
        protected = [(m.start(), m.end()) for m in _INNER.finditer(text)]
        out = []
        for m in (old_infix(text) if old_infix else ()):
            if any(a < m.end() and m.start() < b for a, b in protected):
                continue
            out.append(m)
        for m in _DASH.finditer(text):
            if not any(x.start() == m.start() for x in out):
                out.append(m)
        out.sort(key=lambda m: m.start())
        return out

    tokenizer.infix_finditer = infix_finditer


def create_tokenizer():
    """Registered as ``plany.tokenizer.v1`` (see ``models/blank_pl.cfg``)."""
    import spacy

    base = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp):
        tok = base(nlp)
        customize_tokenizer(tok)
        return tok

    return make


def _register_tokenizer() -> None:
    import spacy

    if "plany.tokenizer.v1" not in spacy.registry.tokenizers:
        spacy.registry.tokenizers.register("plany.tokenizer.v1", func=create_tokenizer)


_register_tokenizer()

_FINAL = {".", "!", "?", "…", "...", "?!", "!?"}
_BULLETS = {"•", "-", "–", "—", "*", "●", "▪", "◦", "", "·"}


def _starts_sentence_like(tok) -> bool:
    t = tok.text
    return bool(t) and (t[:1].isupper() or t[:1].isdigit() or t in _BULLETS or t[:1] in "„\"«(")


def set_sentence_starts(doc: Doc) -> Doc:
    abbr = abbreviations()
    n = len(doc)
    for i, tok in enumerate(doc):
        if i == 0:
            tok.is_sent_start = True
            continue
        prev = doc[i - 1]
        start = False
        if tok.is_space:
            start = False
        elif prev.is_space and "\n" in prev.text:
            # a new line: a sentence starts when the line looks like one (capital, digit, bullet)
            # or the previous line ended with sentence punctuation; blank lines always break
            before = doc[i - 2] if i >= 2 else None
            if "\n\n" in prev.text.replace("\r", "") or prev.text.count("\n") > 1:
                start = True
            elif _starts_sentence_like(tok):
                start = True
            elif before is not None and (before.text in _FINAL or before.text.endswith(":")):
                start = True
        else:
            # find the previous non-space token
            j = i - 1
            while j >= 0 and doc[j].is_space:
                j -= 1
            p = doc[j] if j >= 0 else None
            if p is not None and not (p.is_space and "\n" in p.text):
                low = p.text.lower()
                if p.text in _FINAL:
                    # no break after an initial ("J. Kowalski") or an abbreviation Morfeusz-free spaCy split
                    q = doc[j - 1] if j >= 1 else None
                    initial = q is not None and len(q.text) == 1 and q.text.isupper() and q.whitespace_ == ""
                    start = not initial and not tok.text[:1].islower() and tok.text not in _FINAL
                elif low in abbr and p.text.endswith(".") or low in abbr and abbr[low] == "end":
                    start = abbr.get(low) == "end" and tok.text[:1].isupper() and p.text.endswith(".")
        tok.is_sent_start = start
    return doc


@Language.component("plany_sentences")
def plany_sentences(doc: Doc) -> Doc:
    return set_sentence_starts(doc)
