"""Morphology helpers against real Morfeusz (SGJP): the Duckling-style table and the API."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from extractor.nlp import morph
from extractor.nlp.gazetteer import is_town, town_info, town_rank

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
    # a smaller town is known too, and where one form names two towns the county seat is read
    assert town_info("Sokołów Małopolski").powiat == "rzeszowski"
    assert town_rank("Lipsko") == 2 and town_rank("Lipsk") == 1 and town_rank("Lipskowo") == 0
    assert morph.place_nominative("Lipsku") == "Lipsko"


def test_morfeusz_instance_once():
    assert morph._morfeusz() is morph._morfeusz()


def test_interpretations_read_through_ids_as_the_binding_gives_them():
    """``_interpretations`` reads tags, names and qualifiers by their ids: the same readings as the
    binding's own ``analyse`` for every kind of word (segmented forms, numbers, punctuation, unknown words,
    proper names, qualifiers), and ``analyse`` builds the same Analysis tuples from them."""
    corpus = Path(__file__).resolve().parent.parent / "corpus" / "src"
    words = {w for p in sorted(corpus.glob("*.txt")) for w in p.read_text(encoding="utf-8").split()}
    words |= {"zrobiłbym", "Miałem", "dzielnicowy", "Łukowie", "Straży", "2024", "15.07.2024", "–", "qwzx",
              "Bielsku-Białej", "daw", "psu", "Kowalskiego", "UM", "Pana", "m.in.", "ul."}
    binding = morph._morfeusz()
    assert len(words) > 1000
    for w in sorted(words):
        expected = [(s, e, f, lem, (tag, morph._parse_tag(tag)), tuple(n), tuple(q))
                    for s, e, (f, lem, tag, n, q) in binding.analyse(w)]
        assert morph._interpretations(w) == expected, w
        last = max((x[1] for x in expected), default=0)
        plain = tuple(morph.Analysis(f, morph._clean_lemma(lem), lem, *parsed, n, tag, q)
                      for s, e, f, lem, (tag, parsed), n, q in expected if s == 0 and e == last)
        assert morph.analyse(w) == (plain or (morph._ign(w),)), w


def test_the_months_genitive_forms_come_from_the_lexicon():
    """Targets read "do połowy" as a half unless a month follows ("do połowy kwietnia"): the twelve genitives."""
    from extractor.fields.targets import _months_genitive

    assert _months_genitive() == ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
                                  "września", "października", "listopada", "grudnia")
