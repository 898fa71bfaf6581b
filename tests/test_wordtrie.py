"""``wordtrie.alternation`` matches what the flat alternation of the forms, longest first, matches."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.resources import read_tsv
from extractor.temporal.lexicon import lexicon
from extractor.wordtrie import alternation

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None)
ROOT = Path(__file__).resolve().parents[1]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "src").glob("*.txt"))]


def _flat(forms) -> str:
    forms = sorted({" ".join(f.split()) for f in forms if f.strip()}, key=lambda f: (-len(f), f))
    return "(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + ")"


def _same(forms, texts, around=(r"\b", r"\b"), flags=re.I):
    before, after = around
    trie = re.compile(before + "(?P<w>" + alternation(forms) + ")" + after, flags)
    flat = re.compile(before + "(?P<w>" + _flat(forms) + ")" + after, flags)
    for text in texts:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_the_trie_of_a_few_forms():
    assert alternation(["w", "we", "wieś", "z"]) == "(?:(?:w(?:ieś|e)?|z))"
    assert alternation(["miasta", "miasto", "mieście"]) == "(?:mi(?:eście|ast(?:a|o)))"
    assert re.fullmatch(alternation(["na terenie"]), "na \t terenie")
    assert re.fullmatch(alternation([]), "") is None


FORMS = ["w", "we", "wieś", "wsi", "z", "ze", "na terenie", "na", "lut", "lutego", "luty", "lutym", "marzec",
         "mar", "marca", "a.b", "a+", "10", "1"]
PIECES = FORMS + [" ", "  ", "\n", ".", "x", "ego", "e", "W", "Lutego", "ca", "0"]


@SETTINGS
@given(st.lists(st.sampled_from(FORMS), min_size=1, max_size=8), st.lists(st.sampled_from(PIECES), max_size=30))
def test_the_trie_matches_as_the_longest_first_alternation(forms, pieces):
    text = "".join(pieces)
    for around in ((r"\b", r"\b"), ("", ""), ("", r"\s+\w"), ("", r"\.?\s*\d*"), (r"(?<!\w)", r"(?!\w)")):
        _same(forms, [text], around)
        _same(forms, [text], around, flags=0)


def test_the_rule_alternations_match_as_before_on_the_corpus():
    lex = lexicon()
    lists = [list(lex.month_of), list(lex.month_of) + list(lex.month_abbrev), list(lex.ordinal_of),
             list(lex.number_of), list(lex.unit_of), list(lex.adverb_of),
             [r["trigger"].lower() for r in read_tsv("locality_triggers.tsv")]]
    for forms in lists:
        _same(forms, TEXTS, ("", r"\b\.?"))
        _same(forms, TEXTS, (r"(?<![\w])", r"\s+[A-ZĄĆĘŁŃÓŚŹŻ]"))
