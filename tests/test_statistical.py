"""The statistical path of get_nlp, with a tiny pipeline trained here (nothing is downloaded)."""
from __future__ import annotations

import random

import pytest
import spacy
from spacy.training import Example

from extractor.nlp import get_nlp

# (text, [(word, POS, morph)], [(entity text, label)])
TRAIN = [
    ("Dziękujemy Policji za pomoc .",
     [("Dziękujemy", "VERB", ""), ("Policji", "NOUN", "Case=Dat|Number=Sing"), ("za", "ADP", ""),
      ("pomoc", "NOUN", "Case=Acc|Number=Sing"), (".", "PUNCT", "")], []),
    ("Jan Kowalski pracuje w Łukowie .",
     [("Jan", "PROPN", "Case=Nom|Number=Sing"), ("Kowalski", "PROPN", "Case=Nom|Number=Sing"),
      ("pracuje", "VERB", ""), ("w", "ADP", ""), ("Łukowie", "PROPN", "Case=Loc|Number=Sing"), (".", "PUNCT", "")],
     [("Jan Kowalski", "persName"), ("Łukowie", "placeName")]),
    ("Anna Nowak mieszka w Lublinie .",
     [("Anna", "PROPN", "Case=Nom|Number=Sing"), ("Nowak", "PROPN", "Case=Nom|Number=Sing"),
      ("mieszka", "VERB", ""), ("w", "ADP", ""), ("Lublinie", "PROPN", "Case=Loc|Number=Sing"), (".", "PUNCT", "")],
     [("Anna Nowak", "persName"), ("Lublinie", "placeName")]),
    ("Spotkanie prowadził Piotr Zając z Policji .",
     [("Spotkanie", "NOUN", "Case=Acc|Number=Sing"), ("prowadził", "VERB", ""), ("Piotr", "PROPN", "Case=Nom|Number=Sing"),
      ("Zając", "PROPN", "Case=Nom|Number=Sing"), ("z", "ADP", ""), ("Policji", "NOUN", "Case=Gen|Number=Sing"),
      (".", "PUNCT", "")],
     [("Piotr Zając", "persName")]),
]


def _example(nlp, text, toks, ents):
    words = [w for w, _p, _m in toks]
    doc = nlp.make_doc(text)
    assert [t.text for t in doc] == words
    offsets = []
    for et, label in ents:
        s = text.index(et)
        offsets.append((s, s + len(et), label))
    return Example.from_dict(doc, {
        "words": words,
        "pos": [p for _w, p, _m in toks],
        "morphs": [m for _w, _p, m in toks],
        "entities": offsets,
    })


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    random.seed(0)
    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("pl")
    nlp.add_pipe("morphologizer")
    nlp.add_pipe("ner")
    examples = [_example(nlp, *row) for row in TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(60):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.0)
    path = tmp_path_factory.mktemp("tiny_pl") / "model"
    nlp.to_disk(path)
    return str(path)


def test_model_learned_training_data(tiny_model):
    nlp = spacy.load(tiny_model)
    doc = nlp("Dziękujemy Policji za pomoc .")
    assert doc[1].morph.get("Case") == ["Dat"]
    assert [(e.text, e.label_) for e in nlp("Jan Kowalski pracuje w Łukowie .").ents] == \
        [("Jan Kowalski", "persName"), ("Łukowie", "placeName")]


def test_get_nlp_loads_path_and_adds_component(tiny_model):
    nlp = get_nlp(tiny_model)
    assert nlp.meta["plany_model"] == tiny_model
    assert nlp.pipe_names[-1] == "plany_morfeusz"
    assert nlp.pipe_names.index("morphologizer") < nlp.pipe_names.index("plany_morfeusz")
    # the plany tokenizer rules are added to the model's tokenizer
    assert [t.text for t in nlp("przy ul. Lipowej 15.07.2024 r.")][:3] == ["przy", "ul.", "Lipowej"]


def test_case_from_model_morph(tiny_model):
    # "Policji" is gen or dat/loc for Morfeusz; the blank pipeline takes the first (gen) reading,
    # the model says Case=Dat and the component follows it
    blank = get_nlp("blank")(u"Dziękujemy Policji za pomoc .")
    assert "gen" in blank[1]._.analysis.case
    doc = get_nlp(tiny_model)("Dziękujemy Policji za pomoc .")
    assert doc[1].morph.get("Case") == ["Dat"]
    assert "dat" in doc[1]._.analysis.case
    assert doc[1].lemma_ == "policja"


def test_entities_from_model(tiny_model):
    doc = get_nlp(tiny_model)("Jan Kowalski pracuje w Łukowie .")
    assert ("Jan Kowalski", "persName") in [(e.text, e.label_) for e in doc.ents]
    assert doc[0]._.name_class == "first_name"
    assert doc[1]._.name_class == "surname"
    assert doc[4]._.name_class == "geo"
    assert doc[4].lemma_ == "Łuków"


def test_missing_model_clear_error():
    from extractor.nlp import ModelNotFound

    with pytest.raises(ModelNotFound, match="not installed"):
        get_nlp("pl_core_news_nonexistent")


def test_extract_text_with_model(tiny_model):
    from extractor.pipeline import extract_text

    text = ("Plan działania priorytetowego\n\nDzielnicowy Jan Kowalski z Komendy Powiatowej Policji w Łukowie "
            "prowadzi działania przy ul. Lipowej od 01.01.2024 r. do 30.06.2024 r.\n")
    rec = extract_text(text, model=tiny_model)
    assert rec["model"] == tiny_model
    assert rec["schema_version"]


def test_without_annotation_the_model_components_that_set_no_sentences_are_skipped(tiny_model):
    """With a model, ``process(annotate=False)`` skips the morphologizer and the entity recogniser (their
    predictions serve only plany_morfeusz's annotation): the same record as the whole pipeline gives."""
    from pathlib import Path

    from extractor.pipeline import iter_documents, process, skipped_without_annotation
    from extractor.record import Document

    nlp = get_nlp(tiny_model)
    assert skipped_without_annotation(nlp) == ("morphologizer", "ner", "plany_morfeusz")
    corpus = Path(__file__).resolve().parent.parent / "corpus" / "docs"
    docs = [d for d in iter_documents([str(p) for p in sorted(corpus.glob("p0*.txt"))]) if hasattr(d, "text")]
    assert len(docs) >= 5
    for d in docs:
        lean = process(Document(source=d.source, text=d.text), tiny_model, annotate=False)
        full = process(Document(source=d.source, text=d.text), tiny_model, annotate=True)
        assert lean.to_record() == full.to_record()
        assert [(s.start_char, s.end_char) for s in lean.doc.sents] == [(s.start_char, s.end_char) for s in full.doc.sents]
        assert not lean.doc.has_annotation("MORPH") and full.doc.has_annotation("MORPH")


def test_a_parser_and_the_tok2vec_it_listens_to_are_kept():
    """A parser (or senter) sets the sentences: it stays, with the shared tok2vec it listens to; the tagger
    and the entity recogniser are skipped."""
    from extractor.pipeline import _sentences_only, skipped_without_annotation

    nlp = spacy.blank("pl")
    nlp.add_pipe("tok2vec")
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"}
    nlp.add_pipe("parser", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "parser", "extra_state_tokens": False,
        "hidden_width": 32, "maxout_pieces": 2, "use_upper": True, "tok2vec": listener}}).add_label("nsubj")
    nlp.add_pipe("tagger").add_label("NOUN")
    nlp.add_pipe("ner").add_label("persName")
    nlp.initialize()
    assert nlp.get_pipe("tok2vec").listening_components == ["parser"]
    assert skipped_without_annotation(nlp) == ("tagger", "ner")
    assert not _sentences_only(nlp)
    doc = nlp("Ala ma kota. Kot ma Alę.", disable=skipped_without_annotation(nlp))
    assert doc.has_annotation("DEP") and not doc.has_annotation("TAG") and not doc.ents
