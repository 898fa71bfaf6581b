"""A scan's "rn" read for "m": mended where Morfeusz decides it, with the offsets to the raw text."""
from __future__ import annotations

import pytest

from extractor.ingest.normalize import normalize_text
from extractor.ingest.ocr_letters import ocr_damaged, repair_word


@pytest.mark.parametrize("word,expected", [
    ("rnarca", "marca"),
    ("arnfiteatru", "amfiteatru"),
    ("terrninarni", "terminami"),
    ("Warrninskirn", "Warmińskim"),   # its marks lost too
    ("tarn", "tam"),
    ("czarny", None),                 # a word Morfeusz knows as written
    ("urna", None),
    ("Kornel", None),
])
def test_repair_word(word, expected):
    assert repair_word(word) == expected


def test_a_text_with_few_such_words_is_left_alone():
    assert not ocr_damaged("Czarny kot i urna z Tarnowa.")


def test_a_scanned_plan_is_mended_and_its_offsets_follow():
    raw = "okres realizacji: 1 rnarca 2026 r.\nrnieszkańcy okolic arnfiteatru zgłaszają, że tarn pali się trawę."
    norm = normalize_text(raw)
    assert norm.text == "okres realizacji: 1 marca 2026 r.\nmieszkańcy okolic amfiteatru zgłaszają, że tam pali się trawę."
    start = norm.text.index("marca")
    assert raw[norm.offsets[start]:norm.offsets[start + 5]] == "rnarca"[:6]
    assert len(norm.offsets) == len(norm.text) + 1 and norm.offsets[-1] == len(raw)


def test_the_mended_date_reaches_the_period():
    from extractor.pipeline import extract_text

    rec = extract_text("PLAN DZIAŁANIA PRIORYTETOWEGO\nokres realizacji: 1 rnarca 2026 r. – 31 sierpnia 2026 r.\n"
                       "1. Charakterystyka zdiagnozowanego zagrożenia\nrnieszkańcy okolic arnfiteatru skarżą się, "
                       "że tarn pije się alkohol.\n", model="blank")
    assert rec["period"] == {"start": "2026-03-01", "end": "2026-08-31"}
