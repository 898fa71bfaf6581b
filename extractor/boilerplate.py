"""Page lines that carry no content ("Drukuj", "Powrót na górę strony", a breadcrumb): one regex per line of
``rules/boilerplate.txt``, matched against a whole whitespace-normalised line, case-insensitive.  The HTML
reader drops such lines; the extractors skip them where a page's text was kept whole."""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern, ...]:
    from extractor.resources import read_lines

    return tuple(re.compile(line, re.I) for line in read_lines("boilerplate.txt"))


@lru_cache(maxsize=1)
def _boilerplate_any() -> re.Pattern:
    """One regex that matches a whole line when one of :func:`boilerplate_patterns` does (a full match of an
    alternation is a full match of one of its alternatives)."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in boilerplate_patterns()) or "(?!)", re.I)


def is_boilerplate(line: str) -> bool:
    s = " ".join(line.split())
    if not s:
        return False
    return _boilerplate_any().fullmatch(s) is not None
