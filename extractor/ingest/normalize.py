"""Text normalisation that keeps a character map back to the raw extracted text."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass
class Normalized:
    text: str
    offsets: list[int]   # offsets[i] = index in the raw text of normalised character i (len = len(text) + 1)


_SPACES = {"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\u200b": "", "\ufeff": "", "\r": ""}


def normalize_text(raw: str) -> Normalized:
    """NFC, unify spaces and line ends, drop control characters; keep a map to raw offsets."""
    out: list[str] = []
    offs: list[int] = []
    i = 0
    text = raw
    n = len(text)
    while i < n:
        ch = text[i]
        # compose combining sequences one cluster at a time so offsets stay exact
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = ch if j == i + 1 else unicodedata.normalize("NFC", text[i:j])
        for c in cluster:
            c = _SPACES.get(c, c)
            if c == "":
                continue
            if c != "\n" and unicodedata.category(c) in ("Cc", "Cf"):
                continue
            out.append(c)
            offs.append(i)
        i = j
    offs.append(n)
    return Normalized("".join(out), offs)

