"""The speed-ups of issue 5 give the results of the plain computations they replace.

Each fast path (one tokenisation of a text reused for its spans, temporal regexes run per paragraph and
case-sensitively over lower-cased text, bisection over the temporal candidates, token columns read with
``Doc.to_array``, rapidfuzz section scoring) is compared with the straightforward computation over the
corpus texts and over generated texts (hypothesis), including texts with upper-case, odd-case and
glued words, blank lines and spans that cut words.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import prefilter
from extractor.fields import lemma_patterns, names
from extractor.temporal import finder

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "src").glob("*.txt"))]

WORDS = ["w", "marcu", "MARCU", "Marca", "2016", "r.", "do", "końca", "I", "kwartału", "kw.", "od", "godz.", "18:00",
         "22.00", "12.03.2016", "każdy", "weekend", "w\u00a0nocy", "ul.", "Kowalski", "Jan", "asp.", "sztab.",
         "Straż", "Miejska", "alkohol-owy", "sow", "a2016", "godz14:00", "ſ", "ı", "İ", "\u212a", "ŻÓŁW", "–", "-",
         ":", ".", ",", "\n", "\n\n", "\n \n", "  ", "półroczu", "II", "połowie", "roku", "pierwszym", "tygodniu"]
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None)

texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=120).map(" ".join)


def _plain_tokens(text, start, end):
    return [names.Tok(m.group(), m.start() + start, m.end() + start)
            for m in names._TOKEN_RE.finditer(text[start:end])]


def _plain_lemma_tokens(text, start, end):
    return [(m.group(), m.start(), m.end()) for m in lemma_patterns._WORD.finditer(text, start, end)]


@SETTINGS
@given(texts, st.data())
def test_span_tokens_equal_tokenising_the_span(text, data):
    text = text * 3   # long enough for the whole-text path
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    assert names.tokens(text, a, b) == _plain_tokens(text, a, b)
    assert [(t.text, t.start, t.end) for t in lemma_patterns.tokenize(text, a, b)] == _plain_lemma_tokens(text, a, b)


def _plain_matches(rx, text):
    return [(m.start(), m.end(), m.groupdict()) for m in rx.finditer(text)]


def _fast_matches(rx, text):
    finder._MATCHES.clear()
    return [(m.start(), m.end(), m.groupdict()) for m in finder._fi(rx, text)]


def _regexes():
    return [rx for name, rx in vars(finder).items() if name.startswith("_R_") and isinstance(rx, re.Pattern)]


def _no_blank_line_crossing(rx, text) -> bool:
    return not any(re.search(r"\n[ \t]*\n", m.group()) for m in rx.finditer(text))


@SETTINGS
@given(texts)
def test_temporal_regexes_match_as_over_the_whole_text(text):
    for rx in _regexes():
        if _no_blank_line_crossing(rx, text):
            assert _fast_matches(rx, text) == _plain_matches(rx, text), rx.pattern[:60]


@pytest.mark.parametrize("k", range(len(TEXTS)))
def test_temporal_regexes_on_the_corpus_texts(k):
    text = TEXTS[k]
    for rx in _regexes():
        if _no_blank_line_crossing(rx, text):
            assert _fast_matches(rx, text) == _plain_matches(rx, text), rx.pattern[:60]


def test_lowered_patterns_keep_escapes_group_names_and_flags():
    assert prefilter.lowered_pattern(r"(?P<Mn>\D\W\S\B)Marzec[A-Z](?i:X)\x4A\u0104\u2013") == \
        r"(?P<Mn>\D\W\S\B)marzec[a-z](?i:x)ją–"
    assert prefilter.lowered_pattern("İstanbul") is None   # lower-cases to two characters


def test_a_temporal_expression_does_not_run_across_a_blank_line():
    got = finder.find_temporal("Termin: w marcu\n\n2016 r. odbyło się spotkanie", context_year=2015)
    assert [e.text for e in got][0] == "w marcu"


@SETTINGS
@given(texts, st.data())
def test_temporal_in_a_span_equals_the_slice(text, data):
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    fast = finder.find_temporal_in(text, a, b, context_year=2016)
    finder._RESULTS.clear()
    finder._MATCHES.clear()
    plain = finder.find_temporal(text[a:b], context_year=2016)
    assert [(e.text, e.start, e.end, e.value) for e in fast] == [(e.text, e.start, e.end, e.value) for e in plain]


def test_token_columns_equal_the_tokens():
    from extractor.nlp import get_nlp
    from extractor.nlp.tokenizer import token_columns

    nlp = get_nlp("blank")
    for text in TEXTS + ["", " ", "a  b\n\n c", "ul. Długa 5/7 – godz. 18:00"]:
        doc = nlp.make_doc(text)
        got = token_columns(doc)
        assert got == ([t.text for t in doc], [t.is_space for t in doc], [t.is_punct for t in doc],
                       [bool(t.whitespace_) for t in doc], [t.idx for t in doc])


def test_fixed_governing_cases_hold_for_any_choice_of_readings():
    import random

    from extractor.nlp import component as C
    from extractor.nlp import get_nlp, morph
    from extractor.nlp.tokenizer import token_columns

    nlp = get_nlp("blank")
    rnd = random.Random(7)
    seen = 0
    for text in TEXTS:
        doc = nlp.make_doc(text)
        texts, is_space, _punct, _trail, _idx = token_columns(doc)
        lows = [x.lower() for x in texts]
        is_word = [bool(x[:1].isalpha()) for x in texts]
        analyses = [morph.analyse(t) if w and not sp else None for t, w, sp in zip(texts, is_word, is_space)]
        ambiguous = [i for i, a in enumerate(analyses) if a and len(a) > 1]
        fixed = C._fixed_gov_cases(lows, is_space, is_word, analyses, ambiguous)
        for _round in range(3):
            look = [rnd.choice(a) if a else None for a in analyses]
            for i, got in fixed.items():
                assert C._gov_cases(lows, is_space, is_word, look, i) == got
                seen += 1
    assert seen > 100


def test_pass_two_skips_only_tokens_whose_choice_cannot_change(monkeypatch):
    from extractor.nlp import component as C
    from extractor.nlp import get_nlp

    nlp = get_nlp("blank")

    def readings(text):
        doc = nlp(text)
        return [(t.lemma_, t.pos_, t._.analysis) for t in doc]

    texts = TEXTS + ["Z Komendą Miejską Policji w Łodzi i ze Strażą Miejską, w tym z nowymi dzielnicowymi."]
    fast = [readings(t) for t in texts]
    monkeypatch.setattr(C, "SKIP_SETTLED", False)
    assert [readings(t) for t in texts] == fast


def _plain_header(content):
    """``match_header`` scoring every variant in order, as before the rapidfuzz batch (the header's extent
    is the module's own: only the choice of the variant is under test)."""
    from rapidfuzz import fuzz

    from extractor import sections as S

    stripped = content[:S.MAX_HEADER_LINE].rstrip()
    if not stripped or len(stripped) < 3:
        return None
    colon, cand, cand_n = S.header_candidate(stripped)
    alone = colon < 0 or not stripped[colon + 1:].strip(" .:-–")
    best = None
    for v in S.variants():
        if v.mode in ("line", "bare", "abbr", "dash"):
            if len(cand_n) > len(v.text) + 3 or (v.mode in ("bare", "dash") and not alone):
                continue
            if (v.mode == "abbr" and not cand.rstrip().endswith(".")) or \
                    (v.mode == "dash" and not stripped.endswith(("–", "—", "-"))):
                continue
            score = fuzz.ratio(v.text, cand_n)
            if score >= S.LINE_THRESHOLD and (best is None or score > best[2]):
                best = (v.kind, len(cand), score)
            continue
        head = cand_n[: len(v.text)]
        if len(head) < 0.8 * len(v.text):
            continue
        score = fuzz.ratio(v.text, head)
        if score >= S.PREFIX_THRESHOLD and (best is None or score > best[2] or
                                            (score == best[2] and len(v.text) > best[1])):
            best = (v.kind, S._prefix_header_length(stripped, colon, cand_n, v), score)
    return best


def test_section_headers_score_as_variant_by_variant():
    from extractor.sections import match_header

    lines = [ln for t in TEXTS for ln in t.splitlines()] + [
        "Charakterystka zagrożenia:", "CEL", "Cel:", "Zakładany cel do osiągnięcia – ograniczenie", "Adresaci",
        "Proponowane działania wraz z terminem realizacji", "Termin 12:00", "x" * 500,
        "Współpraca. Miejski Ośrodek Pomocy Społecznej", "III. Proponowane działania", "Termin realizacji:",
        "Termin realizacji: do 30.04.2023 r.", "| 1. Charakterystyka zagrożenia |",
        # lines that differ only after the 400 characters a header is looked for in
        "Charakterystyka zagrożenia " + "x" * 390, "Charakterystyka zagrożenia " + "x" * 390 + ": y",
        "Cel do osiągnięcia " + "a " * 200 + "koniec", "Cel do osiągnięcia " + "a " * 200 + "inny koniec"]
    for ln in lines + lines:   # the second time, the kept answers
        assert match_header(ln) == _plain_header(ln), ln


def test_place_heads_start_only_where_the_token_filter_lets_them():
    """``locations._extract_span`` visits only the tokens ``_may_start_head`` lets through: no head starts
    anywhere else."""
    from extractor.fields import locations as L

    extra = ["ul. Długa 5, al. Jana Pawła II, os. Słoneczne, pl. Wolności, UL. Krótka", "ul.Długa ul .x Ul. Ul"]
    for text in TEXTS + extra:
        toks = names.tokens(text)
        for i, t in enumerate(toks):
            if L._head_at(toks, i) is not None:
                assert L._may_start_head(t.text), (t.text, text[t.start - 20:t.end + 20])


PLAIN = list("ab ąćŁó\t\n.,:-") + ["\n\n", "\n \n", "  \t", "x\n\n\n\n"]
ODD = ["\r", "\r\n", "\u00a0", "\x00", "e\u0301", "\u200b", "\u2028", "\ufeff", "\u0328", "\x85"]


@SETTINGS
@given(st.lists(st.sampled_from(PLAIN), max_size=80).map("".join))
def test_plain_texts_normalise_as_character_by_character(raw):
    from extractor.ingest import normalize as N

    fast, slow = N.normalize_text(raw), N._normalize_general(raw)
    assert (fast.text, fast.offsets) == (slow.text, slow.offsets)


@SETTINGS
@given(st.lists(st.sampled_from(PLAIN + ODD), max_size=80).map("".join))
def test_texts_with_odd_characters_take_the_general_path(raw):
    from extractor.ingest import normalize as N

    plain = all(N._plain(c) for c in set(raw)) and unicodedata.is_normalized("NFC", raw)
    assert plain == (not any(o in raw for o in ODD))
    got = N.normalize_text(raw)
    assert (got.text, got.offsets) == (N._normalize_general(raw).text, N._normalize_general(raw).offsets)


def test_organisations_resolve_through_the_town_index_as_over_every_body(tmp_path):
    """``orgs.resolve`` reads only the bodies with the name's numbers and a shared town key, and keeps the
    exact answers; the ids it gives are those of comparing the name with every stored body."""
    from extractor.store import open_db, orgs
    from extractor.store.schema import transaction

    names = ["Straż Miejska w Lublinie", "Straży Miejskiej w Lublinie", "Straż Miejska w Łukowie",
             "Szkoła Podstawowa nr 4 w Lublinie", "Szkoły Podstawowej nr 4", "Szkoła Podstawowa nr 5 w Lublinie",
             "Miejski Ośrodek Pomocy Społecznej", "Gminny Ośrodek Pomocy Społecznej", "MOPS w Łukowie",
             "Miejskiego Ośrodka Pomocy Społecznej w Łukowie", "Urząd Miasta Lublin", "Urzędu Miasta Lublin",
             "Sanepid", "Komenda Powiatowa Policji w Łukowie", "Komenda Miejska Policji w Lublinie"]
    db = open_db(tmp_path / "o.db")
    try:
        for round_ in range(4):
            if round_ == 2:   # bodies gone (a rolled-back document, a deleted one): the kept answers must notice
                db.conn.execute("DELETE FROM organisations WHERE id % 3 = 0")
                db.conn.commit()
            for k, name in enumerate(names):
                town = "Lublin" if k % 3 else None
                key = orgs.org_key(name, town)
                rows = db.conn.execute("SELECT id, core, numbers, town_keys FROM organisations").fetchall()
                best_id, best = None, 0.0
                for oid, core, numbers, tk in rows:
                    other = orgs.OrgKey(core, frozenset(numbers.split()), None,
                                        frozenset(tk.split("|")) if tk else frozenset())
                    s = orgs.same_body(key, other)
                    if s > best:
                        best_id, best = oid, s
                with transaction(db):
                    got = orgs.resolve(db, name, None, town)
                if best_id is not None and best >= orgs.MATCH_THRESHOLD:
                    assert got == best_id, name
                else:
                    assert got == max(r[0] for r in db.conn.execute("SELECT id FROM organisations")), name
    finally:
        db.close()


def test_doc_type_guards_skip_only_texts_without_matches():
    from extractor.fields import doctype

    assert doctype._guard(r"\bdebat?\s") == ("deba",)
    assert doctype._guard(r"\b(?:ab|cde)?x") is None
    assert doctype._guard(r"\b(?:mówi|dodaje)\s+x|\bodbył[aoy]?\s+się") == ("mówi", "dodaje", "odbył")
    for text in TEXTS:
        low = text.lower()
        for _kind, _w, rx, guard in doctype._signals():
            if guard is not None and not any(w in low for w in guard):
                assert not rx.findall(text), rx.pattern


@SETTINGS
@given(texts)
def test_temporal_results_do_not_depend_on_the_contexts_read_before(text):
    from datetime import date

    def fresh(**ctx):
        finder._RESULTS.clear()
        finder._MATCHES.clear()
        return [(e.text, e.start, e.value) for e in finder.find_temporal(text, **ctx)]

    # the candidates of a matcher that read nothing of its context are kept for the next context
    contexts = [dict(context_year=2016), dict(period=(date(2019, 1, 1), date(2019, 6, 30)), ref=date(2019, 3, 1)),
                dict(), dict(context_year=2021)]
    alone = [fresh(**c) for c in contexts]
    finder._RESULTS.clear()
    finder._MATCHES.clear()
    for c, want in zip(contexts, alone):
        assert [(e.text, e.start, e.value) for e in finder.find_temporal(text, **c)] == want


def test_records_do_not_need_the_annotation_only_components():
    """``process(annotate=False)`` (extract, import, evaluate, bench) leaves out the components of
    ``pipeline.ANNOTATION_ONLY``; every field of the record is what the whole pipeline gives, on the corpus
    documents (every format) and the texts.  A field extractor that starts reading what such a component
    sets fails here: take the component off the list."""
    from extractor.pipeline import ANNOTATION_ONLY, iter_documents, process
    from extractor.record import Document

    docs = [d for d in iter_documents([str(ROOT / "corpus" / "docs")]) if not isinstance(d, Exception)]
    docs += [Document(source=docs[0].source, text=t) for t in TEXTS]
    assert len(docs) > 40
    for d in docs:
        full = process(Document(source=d.source, text=d.text))
        lean = process(Document(source=d.source, text=d.text), annotate=False)
        assert lean.to_record() == full.to_record(), d.source.path
    # the lean Doc has no lemmas or readings; the whole one has
    assert ANNOTATION_ONLY and not any(t.lemma_ for t in lean.doc) and any(t.lemma_ for t in full.doc)


def _plain_sentence_starts(texts, is_space, whitespace):
    """Sentence starts worked out token by token (the rules of ``tokenizer.sentence_starts``)."""
    from extractor.nlp.tokenizer import _BULLETS, _FINAL, abbreviations

    abbr = abbreviations()
    out, last = [], -1   # the previous non-space token
    for i, t in enumerate(texts):
        start = i == 0
        prev = texts[i - 1] if i else None
        if i and is_space[i]:
            start = False
        elif i and is_space[i - 1] and "\n" in prev:
            before = texts[i - 2] if i >= 2 else None
            start = ("\n\n" in prev.replace("\r", "") or prev.count("\n") > 1
                     or (t[:1].isupper() or t[:1].isdigit() or t in _BULLETS or t[:1] in "„\"«(")
                     or (before is not None and (before in _FINAL or before.endswith(":"))))
        elif i and last >= 0:
            p = texts[last]
            if p in _FINAL:
                initial = last >= 1 and len(texts[last - 1]) == 1 and texts[last - 1].isupper() \
                    and whitespace[last - 1] == ""
                start = not initial and not t[:1].islower() and t not in _FINAL
            else:
                start = abbr.get(p.lower()) == "end" and p.endswith(".") and t[:1].isupper()
        out.append(start)
        if not is_space[i]:
            last = i
    return out


SENTENCE_TOKENS = ["Ala", "ma", "kota", ".", "!", "?", "...", "?!", "\n", "\n\n", " \n ", "\r\n", "\r\n\r\n", "  ",
                   ":", "a:", "J", "K", "-", "•", "„Tak", "(x", "12", "x", "ul.", "Ul.", "r.", "R.", "tel.", "godz.",
                   "m.in.", "np.", "itd.", "itp.", "ok.", "nr"]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(SENTENCE_TOKENS), st.sampled_from(["", " "])), max_size=40))
def test_sentence_starts_equal_the_token_by_token_rules(tokens):
    """``sentence_starts`` looks only at the words after tokens that end sentences or lines."""
    from extractor.nlp.tokenizer import sentence_starts

    texts = [t for t, _w in tokens]
    is_space = [t.isspace() for t in texts]
    whitespace = [w for _t, w in tokens]
    assert sentence_starts(texts, is_space, whitespace) == _plain_sentence_starts(texts, is_space, whitespace)


def test_sentence_starts_on_the_corpus_equal_the_token_by_token_rules():
    from extractor.nlp import get_nlp
    from extractor.nlp.tokenizer import sentence_starts

    nlp = get_nlp("auto")
    for text in TEXTS:
        doc = nlp.make_doc(text)
        cols = [t.text for t in doc], [t.is_space for t in doc], [t.whitespace_ for t in doc]
        assert sentence_starts(*cols) == _plain_sentence_starts(*cols)
        assert [t.is_sent_start for t in nlp(text)] == _plain_sentence_starts(*cols)


@pytest.mark.parametrize("text", ["a  b", "a \nb", "a\n b", " a", "  a ", "a \t b", "a\u00a0 b", "x " * 3,
                                  "ul. Długa 5,  m.in.\r\n ok.", "ab" * 700 + " c", "ab" * 700 + "  c\n"])
def test_pieces_with_their_space_tokenise_as_the_wrapped_tokenizer(text):
    """The tokenizer's pieces are a run of non-space characters with the one space after it, or a run of
    whitespace (a run longer than ``MAX_PIECE`` in parts): the tokens are the wrapped tokenizer's."""
    from extractor.nlp import get_nlp

    wrapped = get_nlp("auto").tokenizer
    for _ in range(2):   # the second time from the kept pieces
        got = [(t.text, t.whitespace_) for t in wrapped(text)]
        if len(text) < wrapped.MAX_PIECE:
            assert got == [(t.text, t.whitespace_) for t in wrapped.tokenizer(text)]
        assert "".join(a + b for a, b in got) == text


def test_name_and_rank_filters_are_the_per_word_tests():
    """``persons`` and ``names.find_ranks`` visit only the tokens their per-word filters let through: the
    persons and ranks are those of a visit of every token."""
    from extractor.fields import persons

    for text in TEXTS:
        toks = names.tokens(text)
        for t in toks:
            if persons._NAME_STARTS[t.text]:
                assert t.text[:1].isupper() and names.is_first_name(t.text)
            assert names._RANK_FIRSTS[t.text] == names._rank_starts(t.text)
        ranks = names.find_ranks(text)
        # a written-out rank begins at a token with rank starts
        starts = {t.start for t in toks if names._rank_starts(t.text)}
        abbrs = {m.start(1) for m in prefilter.folded_finditer(names._rank_regex(), text, 0, len(text))}
        assert all(s in starts or s in abbrs for s, _e, _a in ranks)


@SETTINGS
@given(st.lists(st.sampled_from(["2019", "2020", "2021", "1999", "x", "a2020", "20201", " ", "\t", "\n", "\r\n",
                                 "\n\n", "-", "12"]), max_size=40).map("".join))
def test_table_header_lines_are_those_with_two_years(text):
    """``indicators`` reads only the lines the whole text's years put two or more years on: those are the
    lines where the years of the line alone are two or more."""
    from extractor.fields import indicators as I

    per_line = {m.start() for m in I._LINE.finditer(text) if len(I._YEARS.findall(m.group())) > 1}
    assert I._lines_with_years(text) == per_line


def test_texts_kept_by_identity_least_recently_used_first_out():
    from extractor.text_cache import ByText

    made = []
    kept = ByText(2)
    a, b, c = "a" * 300, "b" * 300, "c" * 300
    for t in (a, a, b, a, c, a, b):   # c pushes out b (a was used after b); b is made again
        kept.get(t, lambda x: made.append(x[0]) or x[0])
    assert made == ["a", "b", "c", "b"]
    kept.clear()
    assert kept.get(a, len) == 300


def test_spaces_collapse_as_the_regex_would():
    """``names.clean_spaces`` and the section headers' normalisation use ``str.split``, whose whitespace is
    exactly what ``\\s`` matches (checked over every code point)."""
    space = re.compile(r"\s")
    assert all((space.match(chr(i)) is not None) == chr(i).isspace() for i in range(0x110000))
    for s in ["", "  a \t\n b\u00a0c\u2028 ", "\x1c\x1dx\x1e\x1f", "a/b  C"]:
        assert names.clean_spaces(s) == re.sub(r"\s+", " ", s).strip()


@SETTINGS
@given(st.lists(st.sampled_from(["plan", " ", "   \t ", "działania", "priorytetowego", "Informacja", "dotycząca",
                                 "realizacji", "/", "İ", "x" * 40, "\u00a0"]), max_size=40).map("".join))
def test_plan_titles_read_from_the_start_of_a_line_as_from_the_whole_line(content):
    from rapidfuzz import fuzz

    from extractor import sections as S

    low = S._norm(content)
    plain = any(fuzz.ratio(t, low[: len(t)]) >= S.PREFIX_THRESHOLD for t in S._title_variants())
    assert S._is_title(content) == plain


def test_boilerplate_lines_are_those_one_pattern_matches_whole():
    from extractor import boilerplate as H

    lines = [ln for t in TEXTS for ln in t.splitlines()] + [
        "Drukuj", "drukuj stronę", "Powrót", "Udostępnij na Facebooku", "Wersja do druku", "Mapa strony",
        "Cookies", "© 2024 Policja", "Strona główna", "BIP", "x", "Powrót do listy aktualności"]
    for ln in lines:
        s = " ".join(ln.split())
        assert H.is_boilerplate(ln) == (bool(s) and any(p.fullmatch(s) for p in H.boilerplate_patterns())), ln


SPAN_TEXTS = ["", " ", "\n\n", "Ala ma kota.", "Ala ma kota. Kot ma Alę!\n\nNowy akapit:\n- punkt\n- drugi  ",
              "ul.\u00a0Długa 5,  m.in.\r\n ok. J. Kowalski. godz. 18:00 r. Dalej", "ab" * 700 + "  c.\n D",
              "  x \n\n\t y"]


def _doc_sentences(text):
    from extractor.nlp import get_nlp
    from extractor.pipeline import ANNOTATION_ONLY

    doc = get_nlp("auto")(text, disable=ANNOTATION_ONLY)
    return [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else None


@pytest.mark.parametrize("text", SPAN_TEXTS + TEXTS)
def test_sentence_spans_without_the_doc_are_the_doc_sentences(text):
    """``process(annotate=False)`` with the blank pipeline works the sentences out from the tokenizer's
    pieces, without making the Doc: they are the Doc's ``sents``."""
    from extractor.nlp import get_nlp

    assert get_nlp("auto").tokenizer.sentence_spans(text) == _doc_sentences(text)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(SENTENCE_TOKENS + WORDS), st.sampled_from(["", " ", "  ", "\n"])),
                max_size=60).map(lambda ts: "".join(t + w for t, w in ts)))
def test_sentence_spans_of_generated_texts_are_the_doc_sentences(text):
    from extractor.nlp import get_nlp

    assert get_nlp("auto").tokenizer.sentence_spans(text) == _doc_sentences(text)


def test_the_lean_doc_is_made_when_read():
    """``process(annotate=False)`` leaves the Doc for later; reading ``document.doc`` makes it, with the
    sentences the extractors were given; a Doc set by hand replaces both."""
    from extractor.pipeline import _sentences_only, process
    from extractor.nlp import get_nlp
    from extractor.record import Document, Source

    text = TEXTS[0]
    assert _sentences_only(get_nlp("auto"))
    lean = process(Document(source=Source(path="a.txt", sha256="0", format="txt"), text=text), annotate=False)
    assert "_make_doc" in lean.__dict__ and lean.__dict__["_doc"] is None
    spans = lean.sentence_spans()
    assert spans and lean.__dict__["_doc"] is None   # the sentences did not need the Doc
    doc = lean.doc
    assert doc is lean.doc and doc.text == text and "_make_doc" not in lean.__dict__
    assert [(s.start_char, s.end_char) for s in doc.sents] == spans
    full = process(Document(source=lean.source, text=text))
    assert "_make_doc" not in full.__dict__ and full.sentence_spans() == spans
    full.doc = None
    assert full.sentence_spans() is None and full.doc is None


def test_a_lean_document_pickles_and_makes_its_doc_after():
    import pickle

    from extractor.pipeline import process
    from extractor.record import Document, Source

    lean = process(Document(source=Source(path="a.txt", sha256="0", format="txt"), text=TEXTS[1]), annotate=False)
    again = pickle.loads(pickle.dumps(lean))
    assert again.to_record() == lean.to_record() and again.sentence_spans() == lean.sentence_spans()
    assert [(s.start_char, s.end_char) for s in again.doc.sents] == lean.sentence_spans()


def test_plain_words_are_one_token_as_the_wrapped_tokenizer_gives_them():
    """A run of letters with no special case, prefix, suffix or infix is taken as one token without running
    spaCy's tokenizer: for every word of the corpus (and letters-only strings the rules do split) the answer
    is the wrapped tokenizer's."""
    from extractor.nlp import get_nlp

    wrapped = get_nlp("auto").tokenizer
    runs = {w for t in TEXTS for w in t.split()} | {w.strip(".,;:()\"„”") for t in TEXTS for w in t.split()}
    runs |= {"ul", "asp", "nr", "mł", "ſ", "ǅ", "İstanbul", "ﬁrma", "Ⅻ", "x" * 1200}
    plain = 0
    for run in sorted(r for r in runs if r):
        spacy_tokens = wrapped.tokenizer(run)
        one = [t.text for t in spacy_tokens] == [run] and all(t.norm == t.lex.norm for t in spacy_tokens)
        if wrapped._plain(run):
            plain += 1
            assert one, run
        if len(run) <= wrapped.MAX_PIECE:
            for trailing in (False, True):
                piece = run + " " * trailing
                assert wrapped._piece(piece) == wrapped._split(run, trailing), piece
    assert plain > 1000


def test_a_special_case_for_a_word_is_not_taken_as_plain():
    """Adding a special case clears the kept pieces, and a word with a special case goes to spaCy."""
    import spacy

    from extractor.nlp.tokenizer import PieceCachingTokenizer, customize_tokenizer
    from spacy.symbols import NORM, ORTH

    nlp = spacy.blank("pl")
    customize_tokenizer(nlp.tokenizer)
    tok = PieceCachingTokenizer(nlp.tokenizer)
    assert tok._plain("dzielnicowy") and tok._piece("dzielnicowy ") == (["dzielnicowy"], [True], [])
    tok.add_special_case("dzielnicowy", [{ORTH: "dzielnic"}, {ORTH: "owy", NORM: "OWY"}])
    assert not tok._plain("dzielnicowy")
    assert tok._piece("dzielnicowy ") == (["dzielnic", "owy"], [False, True], [(1, "OWY")])
