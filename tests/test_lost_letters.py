"""Polish letters lost to "?" put back (extractor.ingest.lost_letters), by the real Morfeusz."""
from __future__ import annotations

import pytest

from extractor.ingest.lost_letters import lost_letters, restore_lost_letters, restore_word
from extractor.ingest.normalize import normalize_text
from extractor.pipeline import extract_text

from name_tables import dict_rows  # noqa: E402

ROWS = dict_rows("lost_letters")

PLAN = ("PLAN DZIA?ANIA PRIORYTETOWEGO\nna okres od 1 pa?dziernika 2025 r. do 31 marca 2026 r.\n"
        "1. Charakterystyka zdiagnozowanego zagro?enia\nMieszka?cy zg?aszaj? spalanie odpad?w w piecach przy "
        "ul. Ludźmierskiej. Czy to si? zmieni? Tak.\n4. Podmioty wsp??pracuj?ce\n- Stra? Miejska w Nowym Targu.\n")


@pytest.mark.parametrize("row", ROWS, ids=[r["written"] for r in ROWS])
def test_restore_word_table(row):
    assert (restore_word(row["written"]) or "") == row["expected"]


def test_a_text_with_lost_letters_gets_them_back_and_keeps_its_question_marks():
    assert lost_letters(PLAN)
    fixed = restore_lost_letters(PLAN)
    assert len(fixed) == len(PLAN)
    assert "od 1 października 2025" in fixed and "spalanie odpadów" in fixed and "Straż Miejska" in fixed
    assert "zmieni? Tak" in fixed   # a question mark after a word Morfeusz knows stays
    assert normalize_text(PLAN).text == fixed.rstrip("\n")


def test_a_text_with_only_question_marks_is_left_alone():
    text = "Czy plan działa? Dlaczego? Kiedy spotkanie? " * 5
    assert not lost_letters(text) and restore_lost_letters(text) == text


def test_a_plan_with_lost_letters_is_read():
    rec = extract_text(PLAN, model="blank")
    assert rec["period"] == {"start": "2025-10-01", "end": "2026-03-31"}
    assert [p["name"] for p in rec["partners"]] == ["Straż Miejska w Nowym Targu"]
    assert [t["category"] for t in rec["threats"]] == ["waste_burning"]
