"""Diacritics put back into Polish written without them (extractor.ingest.diacritics), by the real Morfeusz."""
from __future__ import annotations

import pytest

from extractor.ingest.diacritics import missing_marks, restore_diacritics, restore_word
from extractor.ingest.normalize import normalize_text
from extractor.pipeline import extract_text

from name_tables import dict_rows  # noqa: E402

ROWS = dict_rows("diacritics")

PLAN = ("Plan dzialania priorytetowego\n1. Rozpoznane zagrozenie\nNa podstawie zgloszen mieszkancow ustalono, ze na "
        "skwerze przy ul. Slowackiego w Lukowie gromadzi sie mlodziez, ktora spozywa alkohol i niszczy lawki. Do "
        "zdarzen dochodzi w godzinach wieczornych, w piatki i soboty, w godz. 18-22.\n2. Cel do osiagniecia\nOgraniczenie o 30% "
        "liczby zgloszen dotyczacych spozywania alkoholu w miejscu publicznym.\n3. Dzialania\n- do konca wrzesnia "
        "2024 r. – spotkanie z mieszkancami,\n- raz w tygodniu – kontrola skweru.\n")


@pytest.mark.parametrize("row", ROWS, ids=[r["written"] for r in ROWS])
def test_restore_word_table(row):
    assert (restore_word(row["written"]) or "") == row["expected"]


def test_a_text_without_marks_gets_them_back_letter_for_letter():
    assert missing_marks(PLAN)
    fixed = restore_diacritics(PLAN)
    assert len(fixed) == len(PLAN)
    assert "Rozpoznane zagrożenie" in fixed and "gromadzi się młodzież" in fixed and "w Łukowie" in fixed
    assert "w godz. 18-22" in fixed   # an abbreviation with its dot stays as written (not "gódź.")
    norm = normalize_text(PLAN)
    assert norm.text == fixed.rstrip("\n") and norm.offsets == list(range(len(norm.text))) + [len(PLAN)]


def test_texts_with_marks_and_other_languages_are_left_alone():
    polish = PLAN.replace("zagrozenie", "zagrożenie").replace("mlodziez", "młodzież").replace("spozywa", "spożywa") \
        .replace("piatki", "piątki").replace("Lukowie", "Łukowie").replace("zdarzen", "zdarzeń") \
        .replace("zgloszen", "zgłoszeń").replace("mieszkancow", "mieszkańców")
    assert not missing_marks(polish)
    english = ("The district officer plans to reduce drinking in the park near the station by thirty percent, "
               "with patrols on Friday and Saturday evenings and a meeting with residents in September. ") * 2
    assert not missing_marks(english) and restore_diacritics(english) == english
    assert not missing_marks("zx qv " * 200)


def test_a_plan_without_marks_is_read_like_one_with_them():
    rec = extract_text(PLAN, model="blank")
    assert [t["category"] for t in rec["threats"]] == ["youth_groups", "alcohol_public", "vandalism"]
    assert [l["name"] for l in rec["locations"]] == ["ul. Słowackiego"]
    assert rec["locality"] == "Łuków"
    assert {d for w in rec["time_windows"] for d in w["days"] + w["parts_of_day"]} == {"fri", "sat", "evening"}
    assert rec["text"][rec["threats"][0]["start"]:rec["threats"][0]["end"]] == rec["threats"][0]["text"]
