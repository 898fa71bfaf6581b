"""Morphology helpers against real Morfeusz (SGJP): the Duckling-style table and the API."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from extractor.nlp import morph
from extractor.nlp.gazetteer import is_town, town_info

TABLE = Path(__file__).parent / "data" / "nominative.tsv"


def _rows():
    with TABLE.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return [tuple(r) for r in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


ROWS = _rows()


def test_table_size():
    assert len(ROWS) >= 60


@pytest.mark.parametrize("fn,phrase,expected", ROWS, ids=[f"{r[0]}:{r[1]}" for r in ROWS])
def test_nominative_table(fn, phrase, expected):
    assert getattr(morph, fn)(phrase) == expected


def test_analyse_and_cache():
    an = morph.analyse("Łukowie")
    assert any(a.lemma == "Łuków" and "loc" in a.case for a in an)
    assert morph.analyse("Łukowie") is an  # cached
    assert morph.analyse("Chącińskiego")[0].pos == "ign"
    assert morph.analyse("") == ()


def test_lemmas_lowercase_prefers_common():
    assert morph.lemma("komendy") == "komenda"
    assert morph.lemma("straży") == "straż"
    assert morph.lemma("xyzqw") == "xyzqw"


def test_match_case_and_generate():
    assert morph.match_case("ŁUKÓW", "łuków") == "ŁUKÓW"
    assert morph.match_case("Łuków", "łuków") == "Łuków"
    assert morph.match_case("ulicy", "Ulica") == "ulica"
    forms = dict(morph.generate("szkoła"))
    assert "szkole" in forms


def test_preserves_spacing_and_punctuation():
    assert morph.to_nominative("Szkole Podstawowej  nr 2,") == "Szkoła Podstawowa  nr 2,"
    assert morph.to_nominative("") == ""
    assert morph.place_nominative("") == ""


def test_prefer_case():
    assert morph.to_nominative("osiedla Słonecznego", prefer_case="gen") == "osiedle Słoneczne"


def test_gazetteer():
    assert is_town("Łuków") and is_town("bielsko - biała") and is_town("Nakło nad Notecią")
    assert not is_town("Łukowo")
    info = town_info("Piotrków Trybunalski")
    assert info.voivodeship == "łódzkie"
    assert town_info("Leszno").powiat == "Leszno"
    assert town_info("Nieistniejąca Wieś") is None


def test_morfeusz_instance_once():
    assert morph._morfeusz() is morph._morfeusz()
