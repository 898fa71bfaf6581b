"""Long and repetitive texts: every stage reads them in time linear in their length.

Each of these shapes once took time quadratic in the length (a page that is one long list of names: 72 s
for 100 kB; a 100 kB run of punctuation without spaces: 11 s; a long list of threat lines: 3 s for
200 kB).  No timing is asserted: the tests pin the bounded computations and that such pages give records.
"""
from __future__ import annotations

import random

import pytest

from extractor.fields import persons
from extractor.fields.time_windows import _SENTENCE_END, _sentence_ends, _sentence_id
from extractor.nlp import get_nlp
from extractor.pipeline import extract_text


def _unbounded_clause_start(text: str, pos: int) -> int:
    s = pos
    while s > 0 and not persons._clause_boundary(text, s):
        s -= 1
    return s


def test_clause_start_is_the_unbounded_one_within_the_limit():
    rng = random.Random(11)
    for _ in range(300):
        text = "".join(rng.choice(["Jan ", "Kowalski", ", ", ". ", "nowak. ", "\n", "(", "ul. "])
                       for _ in range(rng.randint(1, 60)))
        for pos in range(len(text) + 1):
            assert persons._clause_start(text, pos) == _unbounded_clause_start(text, pos)


def test_clause_start_looks_back_a_bounded_distance_to_a_word_start():
    text = "Jan Kowalski " * 1000
    pos = len(text) - 1
    s = persons._clause_start(text, pos)
    assert pos - persons.MAX_CLAUSE <= s < pos
    assert text[s - 1] == " " and text[s] != " "


def test_a_page_that_is_one_long_list_of_names():
    rec = extract_text("Skład zespołu: " + "Jan Kowalski " * 5000)
    assert [p["name"] for p in rec["persons"]] == ["Jan Kowalski"]


def test_long_runs_without_whitespace_are_tokenised_in_parts():
    nlp = get_nlp("blank")
    tok = nlp.tokenizer
    run = ".,;:-" * 1000
    text = f"Ala {run} ma kota."
    doc = nlp.make_doc(text)
    assert doc.text == text
    # no token crosses a part boundary of the long run
    start = text.index(run)
    edges = set(range(start, start + len(run) + 1, tok.MAX_PIECE))
    for t in doc:
        inside = [e for e in edges if t.idx < e < t.idx + len(t.text)]
        assert not inside, (t.idx, t.text[:20])
    # runs up to the limit read as the wrapped tokenizer reads them
    short = "15.07.2024-30.09.2024,ul.Żeromskiego(asp.Kowalski)" * 15
    assert len(short) <= tok.MAX_PIECE
    assert [t.text for t in nlp.make_doc(short)] == [t.text for t in tok.tokenizer(short)]


def test_long_piece_is_not_kept():
    tok = get_nlp("blank").tokenizer
    piece = "x" * (tok.MAX_KEPT_PIECE + 1)
    tok(piece)
    assert piece not in tok._pieces
    tok("krótki")
    assert "krótki" in tok._pieces


@pytest.mark.parametrize("seed", range(3))
def test_sentence_id_is_the_count_of_sentence_ends_before_it(seed):
    rng = random.Random(seed)
    for _ in range(3000):
        text = "".join(rng.choice("ab .!?\n\t,\u00a0") for _ in range(rng.randint(0, 30)))
        ends = _sentence_ends(text)
        for pos in range(len(text) + 1):
            assert _sentence_id(text, pos, ends) == len(_SENTENCE_END.findall(text, 0, pos))


def test_a_page_of_many_threat_lines_keeps_its_time_windows():
    line = "- spożywanie alkoholu w godzinach 18:00-22:00 w piątki\n"
    rec = extract_text("Informacja\n" + line * 2000)
    assert rec["threats"]
    assert rec["time_windows"] and all(w["from"] == "18:00" and w["to"] == "22:00" for w in rec["time_windows"])
    assert len({(w["start"], w["end"]) for w in rec["time_windows"]}) == len(rec["time_windows"])


def test_sentences_of_threats_are_those_holding_a_threat_start():
    # the selection by bisection gives the sentences the plain any() test gives
    from extractor.fields.threats import evidence, threat_sentences
    from extractor.pipeline import process
    from extractor.record import Document, Source

    text = ("Wczoraj policjanci zatrzymali nietrzeźwego kierowcę. Spotkanie odbyło się o 10:00. "
            "Mieszkańcy skarżą się na spożywanie alkoholu przy sklepie w godzinach wieczornych. ") * 30
    doc = process(Document(source=Source(path="n.txt", sha256="0", format="txt"), text=text))
    starts = [s for _c, s, _e in evidence(doc)]
    want = [(s.start_char, s.end_char) for s in doc.doc.sents
            if any(s.start_char <= x < s.end_char for x in starts)]
    assert want and threat_sentences(doc) == want
