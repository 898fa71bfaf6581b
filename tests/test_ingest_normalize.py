"""normalize_text: what it changes, and the character map back to the raw text."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.ingest.normalize import normalize_text

from test_field_tables import rows  # noqa: E402

NEWLINES = "\n\r\x0b\x0c\x85\u2028\u2029"
SPACES = "\u00a0\u2007\u202f\u2009\u3000 "


def check_map(raw: str) -> None:
    n = normalize_text(raw)
    text, offs = n.text, n.offsets
    assert len(offs) == len(text) + 1
    assert offs[-1] == len(raw)
    assert all(a <= b for a, b in zip(offs, offs[1:]))
    assert all(0 <= o < len(raw) for o in offs[:-1])
    for i, ch in enumerate(text):
        r = raw[offs[i]]
        if ch == "\n":
            assert r in NEWLINES, (i, r)
        elif ch == " ":
            assert r in SPACES, (i, r)
        elif unicodedata.combining(ch):
            # a mark left after NFC composition (canonical reordering may move it): within its cluster
            assert unicodedata.combining(r) or unicodedata.normalize("NFD", r) != r, (i, ch, r)
        else:
            assert r == ch or unicodedata.normalize("NFD", r)[:1] == unicodedata.normalize("NFD", ch)[:1] \
                or unicodedata.normalize("NFC", r) == ch, (i, ch, r)


def test_nfc_and_map_for_combining_letters():
    raw = "Z\u0307o\u0301\u0142c\u0301 ge\u0328s\u0301la\u0328"    # decomposed "Żółć gęślą"
    n = normalize_text(raw)
    assert n.text == "Żółć gęślą"
    assert [raw[o] for o in n.offsets[:-1]] == ["Z", "o", "ł", "c", " ", "g", "e", "s", "l", "a"]
    # the raw span of a normalised word covers its combining marks
    a = n.text.index("gęślą")
    start, end = n.raw_span(a, a + len("gęślą"))
    assert raw[start:end] == "ge\u0328s\u0301la\u0328"
    assert unicodedata.normalize("NFC", raw[start:end]) == "gęślą"


def test_line_ends_spaces_controls():
    raw = "A\r\nB\rC\u2028D\x0cE\u00a0F\u202fG\x00H\x07I\u00adJ\u200bK\ufeffL\tM"
    n = normalize_text(raw)
    assert n.text == "A\nB\nC\nD\nE F GHIJKL\tM"
    check_map(raw)


def test_blank_lines_and_trailing_spaces():
    raw = "\n\n  \nTytuł  \t\n\n\n\n\n\n\nAkapit pierwszy.   \n\nAkapit drugi.\n \n\n\n\n  \n"
    n = normalize_text(raw)
    assert n.text == "Tytuł\n\n\nAkapit pierwszy.\n\nAkapit drugi."
    # leading indentation of a line is kept, only the trailing part is stripped
    assert normalize_text("  wcięcie  \nx").text == "  wcięcie\nx"
    check_map(raw)


def test_map_traces_a_value_back():
    raw = "Rejon\u00a0nr\u00a0XIV\r\n\r\n\r\n\r\n\r\nDzielnicowy:\t st.\u00a0asp. Jan\x00 Kowal\r\n"
    n = normalize_text(raw)
    i = n.text.index("st. asp.")
    s, e = n.raw_span(i, i + len("st. asp."))
    assert raw[s:e] == "st.\u00a0asp."
    j = n.text.index("Jan Kowal")
    s, e = n.raw_span(j, j + len("Jan Kowal"))
    assert raw[s:e] == "Jan\x00 Kowal"
    assert n.raw_span(3, 3) == (n.offsets[3], n.offsets[3])


def test_empty_and_whitespace_only():
    assert normalize_text("").text == "" and normalize_text("").offsets == [0]
    n = normalize_text(" \r\n\t\x00 ")
    assert n.text == "" and n.offsets == [6]


ALPHABET = st.sampled_from(list("abcząęłóśźżĄŁŻ .,:-") + list(NEWLINES) + list(SPACES)
                           + ["\t", "\x00", "\x07", "\u00ad", "\u200b", "\ufeff", "\u0301", "\u0328", "\u0307",
                              "\u2126", "\r\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_map_property(raw):
    check_map(raw)
    once = normalize_text(raw).text
    assert normalize_text(once).text == once          # idempotent
    assert "\n\n\n\n" not in once
    assert all(line == line.rstrip(" \t") for line in once.split("\n"))
    assert unicodedata.is_normalized("NFC", once)


@pytest.mark.parametrize("raw,expected", [(t, e.replace("\\n", "\n")) for t, e in rows("hyphenation.tsv")])
def test_words_hyphenated_at_line_ends(raw, expected):
    """tests/data/hyphenation.tsv: a break is mended only when Morfeusz knows the joined word (or both halves
    of a compound); the map still leads every character back to the raw text."""
    n = normalize_text(raw)
    assert n.text == expected
    check_map(raw)
    assert normalize_text(n.text).text == n.text


def test_mended_word_reaches_the_extractors():
    from extractor.pipeline import extract_text

    rec = extract_text("Plan działania priorytetowego\n1. Charakterystyka zagrożenia\nW parku przy ul. Polnej "
                       "w Kraśniku mieszkańcy zgłaszają spożywanie alko-\nholu w godzinach wieczornych.")
    assert [t["category"] for t in rec["threats"]] == ["alcohol_public"]
    start, end = rec["threats"][0]["start"], rec["threats"][0]["end"]
    assert rec["text"][start:end] == "spożywanie alkoholu"


def test_box_drawing_tables_become_ascii_of_the_same_length():
    raw = "┌────┬────┐\n│ A  │ 12 │\n├────┼────┤\n└────┴────┘"
    norm = normalize_text(raw)
    assert norm.text == "-----------\n| A  | 12 |\n|----|----|\n-----------"
    assert norm.offsets == list(range(len(raw) + 1))


def test_keycap_emoji_numbers_become_numbers_with_their_stop():
    """The keycap is the number's stop (the same length); the emoji presentation selector is dropped."""
    raw = "Plan krok po kroku:\n1\ufe0f\u20e3 październik – ulotki\n2\u20e3 listopad – kontrole"
    norm = normalize_text(raw)
    assert norm.text == "Plan krok po kroku:\n1. październik – ulotki\n2. listopad – kontrole"
    k = norm.text.index("1.")
    a, b = norm.raw_span(k, k + 2)
    assert raw[a:b] == "1\ufe0f\u20e3"


def test_an_emoji_bullet_opens_its_item_as_a_plain_bullet():
    """"▶️ LUTY – rozmowy": the presentation selector is dropped, so the month after the bullet is read."""
    raw = "Działania:\n▶\ufe0f LUTY – rozmowy z uczniami\n"
    norm = normalize_text(raw)
    assert norm.text == "Działania:\n▶ LUTY – rozmowy z uczniami"
    a, b = norm.raw_span(11, 13)
    assert raw[a:b] == "▶\ufe0f "
