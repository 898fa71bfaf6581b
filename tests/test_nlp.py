"""The blank plany spaCy pipeline: tokenizer exceptions, sentences, the Morfeusz component, doctor."""
from __future__ import annotations

import pytest

from extractor.nlp import auto_model, get_nlp


@pytest.fixture(scope="module")
def nlp():
    return get_nlp("blank")


def test_cached_and_meta(nlp):
    assert get_nlp("blank") is nlp
    assert nlp.meta["plany_model"] == "blank:pl"
    assert nlp.pipe_names == ["plany_sentences", "plany_morfeusz"]
    if auto_model() == "blank":
        assert get_nlp("auto").meta["plany_model"] == "blank:pl"


@pytest.mark.parametrize("abbr", ["ul.", "al.", "os.", "pl.", "nr", "sierż.", "asp.", "szt.", "mł.", "st.", "insp.",
                                  "podinsp.", "kom.", "r.", "godz.", "tj.", "m.in.", "ds.", "im.", "tel.", "ok."])
def test_abbreviations_one_token(nlp, abbr):
    doc = nlp(f"Było to {abbr} Kowalski")
    assert abbr in [t.text for t in doc]


@pytest.mark.parametrize("text", ["15.07.2024", "17.30", "7:00", "1.02.2023"])
def test_dates_times_one_token(nlp, text):
    doc = nlp(f"Zbiórka {text}, potem marsz.")
    assert doc[1].text == text


def test_sentences_not_split_after_abbreviations(nlp):
    text = ("Dzielnicowy st. asp. J. Nowicki pełni służbę przy ul. Klonowej 3 m.in. w godz. 18.00-22.00. "
            "Spotkanie odbyło się 3.03.2024 r. W szkole było ok. 40 osób.\nDrugi akapit bez kropki\n"
            "Trzeci wiersz")
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents[0].startswith("Dzielnicowy st. asp. J. Nowicki") and sents[0].endswith("18.00-22.00.")
    assert sents[1] == "Spotkanie odbyło się 3.03.2024 r."
    assert sents[2].startswith("W szkole było ok. 40 osób.")
    assert sents[-2:] == ["Drugi akapit bez kropki", "Trzeci wiersz"]


def _tok(doc, text):
    return next(t for t in doc if t.text == text)


def test_morfeusz_component_preposition_case(nlp):
    doc = nlp("Rozmawiał z Komendantem Straży Miejskiej w Łukowie oraz przy Szkole Podstawowej w Łodzi.")
    lukow = _tok(doc, "Łukowie")
    assert lukow.lemma_ == "Łuków" and "loc" in lukow._.analysis.case and lukow._.name_class == "geo"
    assert _tok(doc, "Łodzi").lemma_ == "Łódź"
    assert "loc" in _tok(doc, "Podstawowej")._.analysis.case
    assert "inst" in _tok(doc, "Komendantem")._.analysis.case
    assert all(t._.morf for t in doc if t.is_alpha)


def test_component_genitive_after_do(nlp):
    doc = nlp("Pojechali do Łukowa i do Piotrkowa Trybunalskiego.")
    assert _tok(doc, "Łukowa").lemma_ == "Łuków"
    assert "gen" in _tok(doc, "Łukowa")._.analysis.case
    assert _tok(doc, "Piotrkowa").lemma_ == "Piotrków"


def test_component_agreement_and_common_nouns(nlp):
    doc = nlp("Przyjechał z Komendy Powiatowej Policji.")
    kom = _tok(doc, "Komendy")
    assert kom.lemma_ == "komenda" and kom._.name_class is None
    assert "gen" in _tok(doc, "Powiatowej")._.analysis.case
    assert "gen" in _tok(doc, "Policji")._.analysis.case


def test_component_names_and_ents(nlp):
    doc = nlp("Spotkanie prowadził asp. Dariusz Węgrzyn, a gościem była Anna Nowak z Lublina.")
    assert _tok(doc, "Dariusz")._.name_class == "first_name"
    assert _tok(doc, "Węgrzyn")._.name_class == "surname"
    assert _tok(doc, "Anna")._.name_class == "first_name"
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ("Dariusz Węgrzyn", "persName") in ents and ("Anna Nowak", "persName") in ents
    assert ("Lublina", "placeName") in ents
    assert _tok(doc, "Lublina").lemma_ == "Lublin"


def test_lowercase_prefers_common(nlp):
    doc = nlp("mieszkańcy łodzi i kajaki")
    assert _tok(doc, "łodzi").lemma_ == "łódź"
    assert _tok(doc, "łodzi")._.name_class is None


def test_punctuation_and_numbers_have_lemmas(nlp):
    doc = nlp("Godz. 12, nr 5.")
    assert all(t.lemma_ for t in doc)


def test_unknown_model_name():
    from extractor.nlp import ModelNotFound

    with pytest.raises(ModelNotFound):
        get_nlp("/nonexistent/model/path")


def test_doctor_runs():
    from typer.testing import CliRunner

    from extractor.cli import app

    res = CliRunner().invoke(app, ["doctor"])
    assert res.exit_code == 0
    out = res.output
    for word in ("python", "spacy", "morfeusz2", "dictionary", "dateparser", "sqlite3", "FTS5", "auto picks",
                 "rules directory", "antiword", "catdoc", "tesseract", "hyperscan"):
        assert word in out
    assert all(ln.split()[0] in ("OK", "MISSING") for ln in out.strip().splitlines())


TOKENIZER_TEXTS = [
    "",
    "   wiodące spacje i\xa0twarda spacja",
    "ul. Polna 5, (ul.) ul.,nr 3; m.in. st.asp. J. Kowalski\n\n• w godz. 18.00–22.00 i 7:30-8:15",
    "Plan na okres od 01.02.2024 r. do 31.07.2024r.\r\n\t- kontrole :) raz w tygodniu  \n",
    "koniec ze spacją ",
]


@pytest.mark.parametrize("text", TOKENIZER_TEXTS)
def test_piece_cache_gives_the_tokens_of_the_wrapped_tokenizer(nlp, text):
    wrapped = nlp.tokenizer
    inner = getattr(wrapped, "tokenizer", wrapped)
    for _ in range(2):  # the second time from the cache
        got = [(t.text, t.whitespace_, t.norm_) for t in wrapped(text)]
        assert got == [(t.text, t.whitespace_, t.norm_) for t in inner(text)]
    assert wrapped(text).text == text


def test_sentence_starts_set_at_once_match_token_by_token(nlp):
    from extractor.nlp.tokenizer import sentence_starts

    text = ("Plan na rok 2024 r. Dzielnicowy st. asp. J. Kowalski. Zadania:\n- patrole\n\nKontrole. "
            "w nocy?! Tak.\nNowa linia")
    doc = nlp(text)
    toks = list(doc)
    assert [t.is_sent_start for t in toks] == sentence_starts(
        [t.text for t in toks], [t.is_space for t in toks], [t.whitespace_ for t in toks])
    assert [s.text.strip() for s in doc.sents][:2] == ["Plan na rok 2024 r.", "Dzielnicowy st. asp. J. Kowalski."]
