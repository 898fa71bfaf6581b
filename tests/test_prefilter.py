"""The Hyperscan prefilter of the temporal regexes (``extractor.prefilter``): it may only rule
matches out where the regex has none, and without it (no package, odd characters) every regex runs."""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ftfy.badness import BADNESS_RE, is_bad

from extractor import prefilter
from extractor.ingest.encoding import may_look_bad
from extractor.temporal import finder
from extractor.prefilter import Prefilter

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "src").glob("*.txt"))]
WORDS = ["w", "marcu", "MARCU", "2016", "r.", "do", "końca", "I", "kwartału", "kw.", "od", "godz.", "18:00",
         "22.00", "18\u00a0:\u00a030", "12.03.2016", "każdy", "weekend", "w\u00a0nocy", "przez", "cały", "okres",
         "planu", "–", "-", ":", ".", ",", "\n", "\n\n", "\u2028", "\t", "dnia", "15", "maja", "półroczu", "II",
         "połowie", "roku", "co", "tydzień", "2", "razy", "ŻÓŁW", "ǅ", "ß", "½", "²"]
SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None)
texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=120).map(" ".join)

pytestmark = pytest.mark.skipif(prefilter.hyperscan is None, reason="hyperscan is not installed")


def _twins():
    return [t for t in (prefilter.cased_twin(rx) for rx in finder._SCANNED) if t is not None]


def _byte_ends(rx, text, a, b):
    return {len(text[:m.end()].encode("utf-8")) for m in rx.finditer(text, a, b)}


def _check_superset(text):
    """Every end of a match over the whole text, and over each paragraph (as the finder reads them), is
    among the ends Hyperscan reports."""
    pf = finder._prefilter()
    low = text.lower()
    ends = pf.ends(low)
    assert ends is not None
    bounds = [(0, len(low))] + finder._Pieces(text).bounds
    for rx, i in pf.ids.items():
        got = set(ends.get(i, ()))
        for a, b in bounds:
            assert _byte_ends(rx, low, a, b) <= got, rx.pattern[:60]


def test_every_temporal_regex_twin_is_prefiltered():
    pf = finder._prefilter()
    assert set(pf.ids) == set(_twins())


@pytest.mark.parametrize("k", range(len(TEXTS)))
def test_the_prefilter_reports_every_match_end_on_the_corpus(k):
    _check_superset(TEXTS[k])


@SETTINGS
@given(texts)
def test_the_prefilter_reports_every_match_end(text):
    _check_superset(text)


@SETTINGS
@given(texts)
def test_temporal_expressions_are_the_same_with_and_without_the_prefilter(text):
    text = text + "\n\n" + text.upper()
    finder._MATCHES.clear()
    finder._RESULTS.clear()
    with_pf = finder.find_temporal(text, context_year=2016)
    real = finder._prefilter()
    finder._PREFILTER[0] = Prefilter([])
    try:
        finder._MATCHES.clear()
        finder._RESULTS.clear()
        without = finder.find_temporal(text, context_year=2016)
    finally:
        finder._PREFILTER[0] = real
        finder._MATCHES.clear()
        finder._RESULTS.clear()
    assert [(e.text, e.start, e.end, e.kind, e.value) for e in with_pf] == \
        [(e.text, e.start, e.end, e.kind, e.value) for e in without]


def test_texts_the_engines_could_read_differently_are_not_prefiltered():
    pf = finder._prefilter()
    assert pf.ends("w marcu 2016 r.") is not None
    for odd in ("\x1c", "\x1f", "\u0370", "\u4e00", "\U0001d7d8", "\ud800"):
        assert pf.ends(f"w marcu{odd}2016 r.") is None, repr(odd)
    # and the finder then runs every regex: the separator counts as a space for re
    got = finder.find_temporal("w marcu\x1c2016 r.")
    assert [e.text for e in got] == ["w marcu\x1c2016 r."]


def test_patterns_hyperscan_cannot_take_always_run():
    ok, flagged = re.compile(r"\bmarzec\b"), re.compile("marzec", re.IGNORECASE)
    pf = Prefilter([ok, flagged, ok])
    assert list(pf.ids) == [ok]
    assert pf.ends("w marcu") == {}
    assert pf.ends("marzec i marzec") == {0: [6, 15]}
    line = re.compile(r"^marzec$", re.MULTILINE)
    pf = Prefilter([line])
    assert pf.ids == {line: 0} and pf.ends("x\nmarzec\ny") == {0: [8]} and pf.ends("x marzec") == {}


def test_patterns_that_can_match_nothing_are_known():
    """The temporal paragraphs take the paragraph after a match end only for such patterns."""
    empty, word, maybe = re.compile(r"\d*"), re.compile(r"marzec"), re.compile(r"(?:marzec)?\s*")
    pf = Prefilter([empty, word, maybe])
    assert pf.may_be_empty == {pf.ids[empty], pf.ids[maybe]}
    temporal = finder._prefilter()
    assert not any(temporal.index(prefilter.cased_twin(rx)) in temporal.may_be_empty for rx in finder._SCANNED)


def test_without_hyperscan_nothing_is_prefiltered(monkeypatch):
    monkeypatch.setattr(prefilter, "hyperscan", None)
    pf = Prefilter(_twins())
    assert pf.ids == {} and pf.ends("w marcu 2016 r.") is None


def test_widened_patterns_lose_only_their_zero_width_assertions():
    assert prefilter.widened(r"\b(?=[wp])(?:\bw\s+(?<![\d.:])x(?!\d)[\b\]]\\b\B)") == r"(?:w\s+x[\b\]]\\b)"
    assert prefilter.widened(r"a(?=(b|[)])c)d") == "ad"


def test_a_look_behind_before_anything_is_read_is_read_as_characters():
    w = prefilter.widened
    assert w(r"\b(?=[lm])(?:(?:(?<=[–-]\s)|(?<=\())(?:lipca|maja))") == r"(?:(?:(?:[–-]\s)|(?:\())(?:lipca|maja))"
    assert w(r"\bprzez\s+\d|(?<=:)[ \t]*\d") == r"przez\s+\d|(?::)[ \t]*\d"
    assert w(r"(?i)(?<=y)c|(?-i:x)(?<=z)d") == r"(?i)(?:y)c|(?-i:x)d"
    # after anything read, after a line's start, and in a group that repeats, it only narrows: dropped
    assert w(r"a(?<=a)b|(?m:^)(?<=x)b|(?:(?<=a)b)+c|(?<=a)(?<=b)c") == r"ab|(?m:^)b|(?:b)+c|(?:a)c"


LOOKBEHINDS = [r"(?:(?<=[–-]\s)|(?<=\())(?:lipca|maja)", r"(?<=:)[ \t]*\d+", r"(?:(?<=a)b)+c", r"(?<=ab)c|(?<=b)b",
               r"(?m:^)(?<=\n)b", r"(?<=(?<=a)b)c", r"x|(?<=[.!?][ \t])ze?\s+(?=[a-z])"]


@SETTINGS
@given(st.lists(st.sampled_from(["a", "b", "c", "x", "ze", " ", "\n", ":", "(", "–", ".", "12", "lipca", "maja"]),
                max_size=40).map("".join))
def test_patterns_with_look_behinds_have_every_match_end_reported(text):
    rxs = [re.compile(p) for p in LOOKBEHINDS]
    pf = Prefilter(rxs)
    assert len(pf.ids) == len(rxs)
    ends = pf.ends(text)
    for rx in rxs:
        assert _byte_ends(rx, text, 0, len(text)) <= set(ends.get(pf.index(rx), ())), rx.pattern


# ---- ftfy's badness regex (extractor.ingest.encoding.may_look_bad) ----------------------------------

POLISH_WORDS = ["Łódź", "żółć", "gęślą", "jaźń", "Świętokrzyskie", "ulica", "„cytat”", "–", "…", "€", "12", "r.",
                "ß", "Ö", "œ", "Ã", "©", "°", "×", "²", "ÂÂ", "Ã©", "â€", "â€™", "Ä…", "Ĺ‚", "Ăł", "В", "ЃВ", "β€",
                "√", "≈", "‚Ä", "à²", "Ø", "Ù", "\xa0", "\xad", "\x85", "\x9c", "\ufffd", "Â ", " Â ", "\n", " "]
mojibake = st.lists(st.sampled_from(POLISH_WORDS), min_size=1, max_size=40).map("".join)


def test_the_badness_regex_splits_into_its_alternatives():
    alts = [re.compile(b) for b in prefilter.branches(BADNESS_RE.pattern, verbose=True)]
    assert len(alts) > 10
    for t in ["sÃ³", "voilÃ le travail", "Ä…", "Łódź i „żółć”", "Ã ", "zaÅ¼Ã³Å‚Ä‡", "ГўВЂВ™a", "x"]:
        assert (BADNESS_RE.search(t) is not None) == any(a.search(t) for a in alts), t


@SETTINGS
@given(mojibake)
def test_text_ftfy_finds_bad_is_never_passed_over(text):
    if is_bad(text):
        assert may_look_bad(text)


@pytest.mark.parametrize("enc", ["cp1250", "cp1252", "latin-1", "iso-8859-2", "mac_roman"])
def test_utf8_read_in_a_code_page_looks_bad_to_both(enc):
    for text in TEXTS:
        moj = text.encode("utf-8").decode(enc, errors="replace")
        assert is_bad(moj) <= may_look_bad(moj)



def test_clean_polish_text_skips_ftfy():
    clean = [t for t in TEXTS if not is_bad(t)]
    assert clean and not any(may_look_bad(t) for t in clean)


# ---- doc_type signals ----------------------------------------------------------------------------------

def test_doc_type_signals_the_prefilter_passes_over_have_no_match():
    from extractor.fields import doctype

    signals = doctype._prefiltered()
    assert all(i is not None for i in signals._ids)
    from extractor.pipeline import iter_documents

    texts = TEXTS + [d.text for d in iter_documents([str(ROOT / "corpus" / "docs")]) if not isinstance(d, Exception)]
    for text in texts:
        live = signals.live(text)
        for row in doctype._signals():
            if row not in live:
                assert not row[2].findall(text), row[2].pattern


def test_doc_type_scores_are_the_same_without_the_prefilter(monkeypatch):
    from extractor.fields import doctype
    from extractor.pipeline import process
    from extractor.record import Document, Source

    docs = [process(Document(source=Source(path=str(i), sha256="", format="txt"), text=t)) for i, t in enumerate(TEXTS[:12])]
    with_pf = [doctype.scores(d) for d in docs]
    monkeypatch.setattr(doctype, "_prefiltered", lambda: SimpleNamespace(live=lambda text: doctype._signals()))
    assert [doctype.scores(d) for d in docs] == with_pf



# ---- lists of regexes run over whole texts (the date's label cues, the unit's names) ----------------------

def _whole_text_lists():
    from extractor.fields import date, doctype, unit

    return [date._labels(), unit._prefiltered(), doctype._prefiltered()]


def _corpus_texts():
    from extractor.pipeline import iter_documents

    return TEXTS + [d.text for d in iter_documents([str(ROOT / "corpus" / "docs")]) if not isinstance(d, Exception)]


@pytest.mark.parametrize("which", range(3))
def test_whole_text_regexes_passed_over_have_no_match(which):
    regexes = _whole_text_lists()[which]
    assert sum(i is not None for i in regexes._ids) >= len(regexes.regexes) - 1   # (one unit name is case-sensitive)
    for text in _corpus_texts():
        live = regexes.live(text)
        assert live is regexes.live(text)   # the answer for the last text is kept
        for item, rx in zip(regexes.items, regexes.regexes):
            if item not in live:
                assert not rx.findall(text), rx.pattern


@SETTINGS
@given(texts.map(lambda t: "Data publikacji: " + t + "\nKPP w Kole. Opublikowano " + t))
def test_whole_text_regexes_passed_over_have_no_match_in_any_text(text):
    for regexes in _whole_text_lists():
        live = regexes.live(text)
        assert [it for it, rx in zip(regexes.items, regexes.regexes) if rx.search(text)] == \
            [it for it, rx in zip(regexes.items, regexes.regexes) if it in live and rx.search(text)]


def test_whole_text_regexes_all_run_on_a_text_not_prefiltered():
    regexes = _whole_text_lists()[0]
    assert regexes.live("Data publikacji: 3.02.2026 \u0663") == regexes.regexes   # an Arabic-Indic digit
    assert prefilter.WholeTextRegexes([re.compile("abc")]).live("xyz") == (re.compile("abc"),)  # case-sensitive: runs



# ---- a regex of many alternatives, run with those that may match the text (the partners' trigger) ----------

def _trigger():
    from extractor.fields import partners

    return partners._trigger()


def test_the_partner_trigger_is_read_branch_by_branch():
    t = _trigger()
    assert len(t._twins) > 20 and sum(i is not None for i in t._ids) >= len(t._ids) - 2


@pytest.mark.parametrize("k", range(0, 40, 3))
def test_branch_prefiltered_matches_are_the_regex_own_on_the_corpus(k):
    t = _trigger()
    text = _corpus_texts()[k]
    for a, b in [(0, None), (len(text) // 3, 2 * len(text) // 3)]:
        got = [(m.start(), m.end(), m.re) for m in t.matches(text, a, b)]
        assert got == [(m.start(), m.end(), m.re) for m in t.rx.finditer(text, a, len(text) if b is None else b)]


@SETTINGS
@given(st.lists(st.sampled_from(["we", "współpracy", "z", "ze", "Strażą", "Miejską", "razem", "patrole", "piesze",
                                 "policjantami", "przez", "Urząd", "Uprzątnięcie", "udziałem", "\n", "-", ".", " ", "1.2",
                                 "pedagogiem", "szkoły", "ustawi", "Gmina", "ß", "İ"]), max_size=50).map(" ".join))
def test_branch_prefiltered_matches_are_the_regex_own(text):
    t = _trigger()
    assert [(m.start(), m.end()) for m in t.matches(text)] == [(m.start(), m.end()) for m in t.rx.finditer(text)]


def test_a_regex_that_cannot_be_read_branch_by_branch_is_run_whole():
    for rx in [re.compile("a|b"), re.compile(r"(?i)a|b"), re.compile(r"(a)|\1b", re.I), re.compile("ab", re.I)]:
        bp = prefilter.BranchPrefiltered(rx)
        assert bp._pf is None and [m.span() for m in bp.matches("xab AB b")] == [m.span() for m in rx.finditer("xab AB b")]
    bp = prefilter.BranchPrefiltered(re.compile(r"(?:kot|pies$|mysz)", re.I))
    assert bp._ids[1] is None   # may match at a span's end only: always run
    assert [m.span() for m in bp.matches("Pies i KOT", 0, 4)] == [(0, 4)]
    assert bp.matches("nic") == [] and bp._kept.get("nic", bp._twin)[1] is not False


# ---- the compiled databases are kept ----------------------------------------------------------------------

def test_a_compiled_database_is_kept_and_loaded_again(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANY_CACHE_DIR", str(tmp_path))
    pats = [re.compile(r"\bmarzec\b"), re.compile(r"kwiec\w+", re.MULTILINE)]
    first = Prefilter(pats)
    kept = list(tmp_path.glob("hyperscan-*.db"))
    assert len(kept) == 1
    calls = []
    monkeypatch.setattr(prefilter, "_compile", lambda cands: calls.append(cands))
    again = Prefilter(pats)
    assert calls == [] and again.ids == first.ids
    assert again.ends("marzec, kwiecień") == first.ends("marzec, kwiecień") == {0: [6], 1: [14, 15, 17]}   # every end of every match


def test_a_damaged_or_unwritable_cache_is_compiled_around(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANY_CACHE_DIR", str(tmp_path))
    pats = [re.compile(r"\bmaj\w*")]
    Prefilter(pats)
    (kept,) = tmp_path.glob("hyperscan-*.db")
    kept.write_bytes(b"[0]\ngarbage")
    assert Prefilter(pats).ends("w maju") == {0: [5, 6]}
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("PLANY_CACHE_DIR", str(blocked / "sub"))
    assert Prefilter(pats).ends("w maju") == {0: [5, 6]}


def test_the_patterns_and_so_the_cache_key_are_the_same_in_every_process():
    import json
    import os
    import subprocess
    import sys

    code = ("import json; from extractor.temporal import finder; from extractor.fields import doctype; "
            "print(json.dumps([r.pattern for r in finder._SCANNED] + [s[2].pattern for s in doctype._signals()]))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2)}
    assert len(outs) == 1 and json.loads(outs.pop())


# ---- case-insensitive regexes read through their lower-case twins -----------------------------------------

def _folded_regexes():
    from extractor.fields import names, partners

    return [partners._TRIGGER, names._rank_regex()]


def _same_matches(text):
    for rx in _folded_regexes():
        for a, b in ((0, len(text)), (len(text) // 3, len(text))):
            plain = [(m.span(), m.groups()) for m in rx.finditer(text, a, b)]
            assert [(m.span(), m.groups()) for m in prefilter.folded_finditer(rx, text, a, b)] == plain, rx.pattern[:50]


@pytest.mark.parametrize("k", range(len(TEXTS)))
def test_folded_regexes_match_as_the_regex_on_the_corpus(k):
    _same_matches(TEXTS[k])


@SETTINGS
@given(st.lists(st.sampled_from(WORDS + ["we", "współpracy", "Współpracy", "ZE", "z", "Udziałem", "asp.", "Sierż.",
                                         "sierż. sztab.", "mł.", "asp", "podinsp.", "ı", "İ", "ſ"]),
                max_size=60).map(" ".join))
def test_folded_regexes_match_as_the_regex(text):
    _same_matches(text)


def test_patterns_are_looked_up_by_identity():
    """The twins and the database ids are kept per pattern object (hashing a compiled pattern hashes its whole
    code): the same object gives the same answer, and the kept twin is the one made for it."""
    rx = re.compile("Marzec|kwiecień", re.IGNORECASE)
    twin = prefilter.cased_twin(rx)
    assert twin is prefilter.cased_twin(rx) and twin.pattern == "marzec|kwiecień" and not twin.flags & re.IGNORECASE
    pf = Prefilter([twin])
    assert pf.index(twin) == 0 and pf.index(re.compile("inny")) is None and pf.index(None) is None
    pf = finder._prefilter()
    assert all(pf.index(p) == i for p, i in pf.ids.items())


@pytest.mark.parametrize("limit", [1, 3, 100])
def test_counted_matches_are_those_of_the_regex_up_to_the_limit(limit):
    from extractor.fields import doctype
    from extractor.text_cache import lowered

    signals = [rx for _k, _w, rx, _g in doctype._signals()] + [re.compile("a", re.I), re.compile(r"\bw\b")]
    for text in TEXTS + ["", "A a ą", "W w W"]:
        for rx in signals:
            assert prefilter.count_matches(rx, text, lowered(text), limit) == min(len(rx.findall(text)), limit)
            assert prefilter.count_matches(rx, text, None, limit) == min(len(rx.findall(text)), limit)


LEAD_PATTERNS = [r"\bkomend(?!ant)\w*\s+policji", r"(?<!\w)posterun\w+", r"^\s*abc", r"\babc\b", r"(?:ab(?:c)d)+x",
                 r"(?P<g>abc)|abd", r"ab", r"a(?i:bc)d", r"\bmarzec\b|\bmarca\b", r"aaa", r"aba\w*"]


def test_lead_literals_are_what_every_match_begins_with():
    from extractor.prefilter import lead_literal

    got = {p: lead_literal(re.compile(p, re.M)) for p in LEAD_PATTERNS}
    assert got[r"\bkomend(?!ant)\w*\s+policji"] == "komend" and got[r"(?<!\w)posterun\w+"] == "posterun"
    assert got[r"(?:ab(?:c)d)+x"] == "abcd" and got[r"aaa"] == "aaa" and got[r"aba\w*"] == "aba"
    # alternatives, too short a literal, a flag group, a case-insensitive regex: none
    assert got[r"(?P<g>abc)|abd"] is None and got[r"ab"] is None and got[r"a(?i:bc)d"] is None
    assert lead_literal(re.compile("abc", re.I)) is None
    # the parser takes the common start out of alternatives
    assert lead_literal(re.compile(r"\bmarzec\b|\bmarca\b")) == "mar"


@SETTINGS
@given(st.lists(st.sampled_from(["abc", "abcd", "abd", "aba", "aaa", "x", " ", "\n", "marzec", "marca", "komend", "komendant", "Komend",
                                 " policji", "posterunek", "ab"]), max_size=30).map("".join), st.data())
def test_matches_from_a_lead_literal_are_the_regex_own(text, data):
    """``prefilter._finditer`` tries a regex only where its lead literal is: the matches of ``finditer``."""
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    for p in LEAD_PATTERNS:
        rx = re.compile(p, re.M)
        assert [m.span() for m in prefilter._finditer(rx, text, a, b)] == [m.span() for m in rx.finditer(text, a, b)], p


def test_first_match_is_the_search():
    for p in LEAD_PATTERNS:
        rx = re.compile(p)
        for text in ["", "x komend  policji abc", "abcd abcd\nabc", "Komend komendant policji"]:
            got, want = prefilter.first_match(rx, text), rx.search(text)
            assert (got and got.span()) == (want and want.span())
            got, want = prefilter.first_match(rx, text, 2, 9), rx.search(text, 2, 9)
            assert (got and got.span()) == (want and want.span())
