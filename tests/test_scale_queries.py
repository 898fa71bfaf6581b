"""Issue 5: the paths that keep search fast at 100,000 documents give the exact path's answers.

A query matching more than ``APPROX_ABOVE`` documents is answered among its newest matches, with
every prefix written out as the indexed words it stands for; forced low here, on a small database."""
from __future__ import annotations

import sys

import pytest

from extractor.pipeline import extract_text
from extractor.store import import_record, open_db, search
from extractor.store.search import expanded_fts, filter_sql, parse_query, ranked, ranked_ids

TEXTS = [
    "Plan działania priorytetowego\nKomenda Powiatowa Policji w Łukowie\n"
    "Zagrożenie: spożywanie alkoholu w rejonie ul. Warszawskiej w Łukowie w 2024 roku. Straż Miejska patroluje.\n",
    "Debata społeczna w Siedlcach\nPolicjanci rozmawiali z mieszkańcami o kradzieżach rowerów i alkoholu w 2023 roku.\n",
    "Plan działania priorytetowego\nPosterunek Policji w Rykach\nZagrożenie: spożywanie alkoholu przy ul. Polnej "
    "w Rykach, alkohol spożywany przez młodzież. Partner: Szkoła Podstawowa nr 2, Straży Miejskiej.\n",
    "Komunikat. Strażnicy miejscy i policjanci z Łodzi kontrolowali miejsca spożywania alkoholu w 2024 roku.\n",
    "Plan działania priorytetowego\nKomenda Miejska Policji w Lublinie\nZagrożenie: kradzieże w sklepach "
    "przy ul. Lipowej w Lublinie w 2024 roku. Działania ze Strażą Miejską, alkoholowe libacje.\n",
    "Strategia bezpieczeństwa miasta Łodzi na lata 2022-2025. Spożywanie alkoholu, kradzieże, wandalizm.\n",
    "Plan działania priorytetowego\nKomisariat Policji w Łukowie\nZagrożenie: spożywający alkohol na placu "
    "zabaw w Łukowie, 2024.\n",
]
QUERIES = ["alkohol", "spożywanie alkoholu", '"spożywanie alkoholu"', "straż miejska", "Straży Miejskiej",
           "alkohol OR kradzież", "kradziezy", "lodz", "Łuków", "w Łukowie", "policja", "plan", "2024",
           "szkoła podstawowa", "zzzyx", '"policji w"', "mlodziez"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    d = open_db(tmp_path_factory.mktemp("scale") / "s.db")
    for i, t in enumerate(TEXTS):
        import_record(d, extract_text(t, path=f"s{i}.txt"))
    yield d
    d.close()


def matches(conn, fts: str) -> set[int]:
    return {r[0] for r in conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", [fts])}


@pytest.mark.parametrize("q", QUERIES)
def test_prefixes_written_out_find_the_same_documents(db, q):
    parsed = parse_query(q)
    ex = expanded_fts(db.conn, parsed)
    assert ex is not None
    match, rank = ex
    assert "*" not in match
    assert matches(db.conn, match) == matches(db.conn, parsed.fts())
    assert matches(db.conn, rank) >= matches(db.conn, match)  # a phrase ranked by its words: a superset


@pytest.mark.parametrize("q", QUERIES)
@pytest.mark.parametrize("filters", [{}, {"year": 2024}, {"doc_type": "priority_plan"}])
def test_below_the_threshold_the_ranking_is_exact(db, q, filters):
    parsed = parse_query(q)
    where, params = filter_sql(db.conn, **filters)
    exact = ranked_ids(db.conn, parsed.fts(), where, params, 50)
    assert ranked(db.conn, parsed, where, params, 50) == exact
    n_all = len(matches(db.conn, parsed.fts()))
    assert ranked(db.conn, parsed, where, params, 50, approx_above=n_all) == exact


@pytest.mark.parametrize("q", QUERIES)
@pytest.mark.parametrize("filters", [{}, {"year": 2024}, {"doc_type": "priority_plan"}])
@pytest.mark.parametrize("k", [1, 2, 3])
def test_above_the_threshold_the_best_among_the_newest_matches(db, q, filters, k):
    """Above the threshold (matches in the whole database): the k newest matches that pass the filters,
    ordered by score; at or below it: the exact ranking."""
    parsed = parse_query(q)
    where, params = filter_sql(db.conn, **filters)
    exact = ranked_ids(db.conn, parsed.fts(), where, params, 50)
    got = ranked(db.conn, parsed, where, params, 50, approx_above=k)
    if len(matches(db.conn, parsed.fts())) <= k:
        assert got == exact
        return
    newest = sorted((i for i, _s in exact), reverse=True)[:k]
    assert sorted(i for i, _s in got) == sorted(newest)
    assert [s for _i, s in got] == sorted((s for _i, s in got), reverse=True)
    assert ranked(db.conn, parsed, where, params, 1, approx_above=k) == got[:1]


def test_one_word_per_prefix_gives_the_exact_scores(db):
    """Where each prefix stands for one indexed word and there is no phrase, the approximate path's
    bm25 is the exact one: its answer is the exact ranking restricted to the newest matches."""
    seen = 0
    for q in QUERIES:
        parsed = parse_query(q)
        match, rank = expanded_fts(db.conn, parsed)
        if match != rank or " OR " in match or any(k == "or" for k, _v in parsed.groups):
            continue
        if any(len(t.alternatives()) > 1 for t in parsed.terms):
            continue
        exact = ranked_ids(db.conn, parsed.fts(), [], [], 50)
        if len(exact) < 3:
            continue
        newest = set(sorted((i for i, _s in exact), reverse=True)[:2])
        got = ranked(db.conn, parsed, [], [], 50, approx_above=2)
        assert [(i, round(s, 9)) for i, s in got] == [(i, round(s, 9)) for i, s in exact if i in newest]
        seen += 1
    assert seen


def test_search_with_the_threshold_forced_low_returns_the_newest_matches(db, monkeypatch):
    S = sys.modules["extractor.store.search"]

    want = [search(db, q) for q in QUERIES]
    monkeypatch.setattr(S, "APPROX_ABOVE", 1)
    got = [search(db, q) for q in QUERIES]
    for w, g in zip(want, got):
        assert {h["id"] for h in g} <= {h["id"] for h in w}
        assert len(g) == min(1, len(w))


def test_too_many_words_for_a_prefix_falls_back_to_exact(db, monkeypatch):
    S = sys.modules["extractor.store.search"]

    monkeypatch.setattr(S, "MAX_EXPANSION", 1)
    parsed = parse_query("alkohol")  # alkohol, alkoholu, alkoholowe
    assert expanded_fts(db.conn, parsed) is None
    exact = ranked_ids(db.conn, parsed.fts(), [], [], 50)
    assert ranked(db.conn, parsed, [], [], 50, approx_above=1) == exact


# ---- compare: the sums per filter value (schema 5) ---------------------------------------------------

@pytest.mark.parametrize("date, ps, pe", [
    ("2024-03-01", None, None), (None, "2022-01-01", "2025-12-31"), ("2023-12-31", "2024-01-01", None),
    (None, "2024-06-01", "2023-01-01"), ("2024", "2024", "2025"), (None, None, "2024-01-01"),
    ("marzec 2024", None, None), (None, "2024-01-01", "bez końca"), (None, None, None),
])
def test_filter_years_are_the_years_the_year_filter_finds(tmp_path, date, ps, pe):
    import sqlite3

    from extractor.compare.sql import filter_years
    from extractor.store.search import _YEAR_SQL, _year_bounds

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, date TEXT, period_start TEXT, period_end TEXT)")
    conn.execute("INSERT INTO documents VALUES (1, ?, ?, ?)", (date, ps, pe))
    found = [str(y) for y in range(1990, 2040)
             if conn.execute(f"SELECT 1 FROM documents d WHERE {_YEAR_SQL}", _year_bounds(y)).fetchone()]
    got = filter_years(date, ps, pe)
    if got == ["*"]:
        return  # not summed: the SQL filter runs
    assert got == found


def test_one_filter_comparisons_read_the_sums_and_match_python(db):
    from extractor.compare import compare
    from extractor.compare.core import _select_sql

    compare(db, "threats", "locality")
    assert _select_sql(db, year=2024)[0] == "fsums"
    assert _select_sql(db, doc_type="priority_plan")[0] == "fsums"
    assert _select_sql(db, year=2024, doc_type="priority_plan")[0] != "fsums"
    assert _select_sql(db, locality="Łuków")[0] != "fsums"
    for f in ({"year": 2024}, {"year": 2023}, {"year": "2025"}, {"doc_type": "priority_plan"}, {"doc_type": "news"},
              {"region": "lubelskie"}, {"region": "łódzkie"}, {"year": 1990}):
        for what, by in (("threats", "locality"), ("threats", "all"), ("partners", "voivodeship"),
                         ("targets", "threat"), ("targets", "period"), ("deadlines", "all")):
            assert compare(db, what, by, **f).rows == compare(db, what, by, engine="python", **f).rows, (f, what, by)


def test_sums_per_filter_value_follow_changed_documents(tmp_path):
    """A changed date, period end, doc_type or locality (voivodeship) moves the stored sums per filter
    value with the other summaries; a date the year filter could read as any year turns the year sums off."""
    from extractor.compare import compare
    from extractor.compare.core import _select_sql

    d = open_db(tmp_path / "f.db")
    for i, t in enumerate(TEXTS):
        import_record(d, extract_text(t, path=f"f{i}.txt"))

    def same():
        for f in ({"year": 2024}, {"year": 2025}, {"year": 2030}, {"doc_type": "priority_plan"},
                  {"doc_type": "news"}, {"region": "lubelskie"}, {"region": "łódzkie"}):
            for what, by in (("threats", "locality"), ("targets", "threat"), ("deadlines", "period")):
                assert compare(d, what, by, **f).rows == compare(d, what, by, engine="python", **f).rows, (f, what)

    same()
    first = d.conn.execute("SELECT min(id) FROM documents").fetchone()[0]
    d.conn.execute("UPDATE documents SET period_start = '2024-01-01', period_end = '2030-12-31' WHERE id = ?", (first,))
    d.conn.commit()
    same()
    d.conn.execute("UPDATE documents SET period_end = '2026-06-30' WHERE id = ?", (first,))
    d.conn.execute("UPDATE documents SET doc_type = 'news', locality = 'Łódź' WHERE id = ?", (first + 1,))
    d.conn.commit()
    same()
    assert _select_sql(d, year=2024)[0] == "fsums"
    d.conn.execute("UPDATE documents SET date = 'wiosną' WHERE id = ?", (first + 2,))
    d.conn.commit()
    same()
    assert _select_sql(d, year=2024)[0] != "fsums"
    d.conn.execute("DELETE FROM documents WHERE id = ?", (first + 2,))
    d.conn.commit()
    same()
    assert _select_sql(d, year=2024)[0] == "fsums"
    d.close()


def test_threat_filter_reads_the_sums_per_category_and_matches_python(db):
    """A threat filter alone reads the sums per threat category (schema 6): of the one category, or of the
    category most documents name plus the documents naming only the others; with another filter it
    selects the documents.  Either way the tables are the Python path's."""
    from extractor.compare import compare
    from extractor.compare.core import _select_sql, resolve_threat

    compare(db, "threats", "locality")
    assert db.conn.execute("SELECT count(*) FROM documents_fts_fagg WHERE fdim = 'threat'").fetchone()[0] > 0
    sel = _select_sql(db, threat="alkohol")
    assert sel[0] == "fsums" and sel[1][0] == "threat" and len(resolve_threat("alkohol")) > 1
    assert _select_sql(db, threat="vandalism")[1][:2] == ("threat", ["vandalism"])
    assert _select_sql(db, threat="alkohol", year=2024)[0] != "fsums"
    for f in ({"threat": "alkohol"}, {"threat": "vandalism"}, {"threat": "wandalizm"}, {"threat": "drunk_driving"},
              {"threat": "railway_danger"}, {"threat": "drugs"}, {"threat": "alkohol", "year": 2024}):
        for what, by in (("threats", "locality"), ("threats", "unit"), ("threats", "all"), ("partners", "unit"),
                         ("partners", "voivodeship"), ("targets", "threat"), ("targets", "locality"),
                         ("targets", "all"), ("deadlines", "all"), ("deadlines", "period")):
            assert compare(db, what, by, **f).rows == compare(db, what, by, engine="python", **f).rows, (f, what, by)
        for extra in ({"top": 2}, {"groups": 2}):
            assert compare(db, "threats", "locality", **f, **extra).rows == \
                compare(db, "threats", "locality", engine="python", **f, **extra).rows, (f, extra)


def test_incremental_sums_per_filter_value_equal_a_rebuild(tmp_path):
    """The sums per filter value (threat categories included) moved by an incremental refresh equal the
    sums written from scratch; a document whose threats change moves between the categories' sums."""
    from extractor.compare import compare
    from extractor.compare.sql import refresh_summaries

    d = open_db(tmp_path / "i.db")
    for i, t in enumerate(TEXTS):
        import_record(d, extract_text(t, path=f"i{i}.txt"))
    try:
        compare(d, "threats")
        first = d.conn.execute("SELECT min(document_id) FROM threats").fetchone()[0]
        d.conn.execute("UPDATE threats SET category = 'railway_danger' WHERE document_id = ?", (first,))
        d.conn.execute("INSERT OR IGNORE INTO documents_fts_queue (document_id) VALUES (?)", (first,))
        d.conn.execute("UPDATE documents SET doc_type = 'news' WHERE id = (SELECT max(id) FROM documents)")
        d.conn.commit()
        for f in ({"threat": "railway_danger"}, {"threat": "alkohol"}, {"threat": "vandalism"}):
            for what, by in (("threats", "locality"), ("targets", "threat"), ("partners", "unit")):
                assert compare(d, what, by, **f).rows == compare(d, what, by, engine="python", **f).rows, (f, what)
        dump = lambda: sorted(d.conn.execute("SELECT * FROM documents_fts_fagg").fetchall(), key=repr)
        inc = dump()
        assert inc and all(r[-1] > 0 for r in inc) and any(r[0] == "threat" for r in inc)
        with d.conn:
            refresh_summaries(d.conn, None)
        assert dump() == inc
    finally:
        d.close()


def test_prefix_expansions_are_kept_until_the_database_changes(tmp_path):
    """The indexed words a prefix stands for are kept per connection; a document written by this or by
    another connection brings its new words in."""
    path = tmp_path / "e.db"
    d = open_db(path)
    try:
        import_record(d, extract_text(TEXTS[0], path="a.txt"))
        match, _rank = expanded_fts(d.conn, parse_query("alkoh"))
        assert '"alkoholizm"' not in match and '"alkoholu"' in match
        assert expanded_fts(d.conn, parse_query("alkoh"))[0] == match   # kept
        import_record(d, extract_text("Zagrożenie: alkoholizm w rodzinach.\n", path="b.txt"))
        assert '"alkoholizm"' in expanded_fts(d.conn, parse_query("alkoh"))[0]
        other = open_db(path)
        try:
            import_record(other, extract_text("Zagrożenie: alkoholiczki na skwerze.\n", path="c.txt"))
        finally:
            other.close()
        assert '"alkoholiczki"' in expanded_fts(d.conn, parse_query("alkoh"))[0]
    finally:
        d.close()


def test_a_closed_connection_is_not_kept_for_its_expansions(tmp_path):
    """The kept expansions hold their connection: once it is closed, the next connection's search lets it go."""
    import importlib

    search_module = importlib.import_module("extractor.store.search")   # the package's `search` is the function

    path = tmp_path / "c.db"
    first = open_db(path)
    import_record(first, extract_text(TEXTS[0], path="a.txt"))
    expanded_fts(first.conn, parse_query("alkoh"))
    assert id(first.conn) in search_module._EXPANSIONS
    first.close()
    second = open_db(path)
    try:
        assert expanded_fts(second.conn, parse_query("alkoh")) is not None
        kept = [c for c, _state, _memo in search_module._EXPANSIONS.values()]
        assert second.conn in kept and first.conn not in kept
    finally:
        second.close()
