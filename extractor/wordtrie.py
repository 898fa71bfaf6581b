"""A regex alternation of literal word forms, written as a trie.

``re`` tries the alternatives of ``(?:miasta|miasto|mieście|...)`` one by one at every position it reaches, so
a long list of forms costs a comparison per form there.  Written as a trie (``mi(?:ast(?:a|o)|eście)``) it costs
one per character read.  The matches are those of the flat alternation with the longest forms first: two
forms can only both match at one position when one is the start of the other, and the trie, like the flat
list, tries the longer one first.  Spaces in a form match any run of whitespace (``\\s+``).
"""
from __future__ import annotations

import re

_PIECES = re.compile(r"\s+|\S")


def alternation(forms) -> str:
    """A non-capturing regex group matching exactly the given forms (the longer of two that both match at a
    place wins).  For a case-insensitive regex, give the forms in one case."""
    words = sorted({" ".join(f.split()) for f in forms if f.strip()}, key=lambda f: (-len(f), f))
    trie: dict = {}
    for w in words:
        node = trie
        for piece in _PIECES.findall(w):
            node = node.setdefault(r"\s+" if piece.isspace() else re.escape(piece), {})
        node[""] = {}
    return "(?:" + _emit(trie) + ")" if trie else "(?!)"


def _emit(node: dict) -> str:
    """The regex of the forms below ``node`` (children in the order the longest forms made them; the form
    that ends here, if any, last)."""
    alts = [piece + _emit(child) for piece, child in node.items() if piece]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:
        return (body if len(alts) > 1 else "(?:" + body + ")") + "?"
    return body
