"""Query plans of the store's hot queries (issue 5): search ranks in the FTS index before it joins
documents, filters use indexes, and a v2 database migrated to v3 answers search and compare the same."""
from __future__ import annotations

import sqlite3

import pytest

from extractor.store import DB_SCHEMA_VERSION, import_record, open_db, search
from extractor.store.search import filter_sql, ranked_ids

TEXTS = [
    "Plan działania priorytetowego\nKomenda Powiatowa Policji w Łukowie\n"
    "Zagrożenie: spożywanie alkoholu w rejonie ul. Warszawskiej 12 w Łukowie w 2024 roku.\n",
    "Debata społeczna w Siedlcach\nPolicjanci rozmawiali z mieszkańcami o kradzieżach rowerów w 2023 roku.\n",
    "Plan działania priorytetowego\nPosterunek Policji w Rykach\n"
    "Zagrożenie: niszczenie mienia przy ul. Polnej w Rykach. Partner: Szkoła Podstawowa nr 2.\n",
]


def plan(conn, sql, args=()) -> str:
    return " | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, args))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from extractor.pipeline import extract_text

    d = open_db(tmp_path_factory.mktemp("qp") / "p.db")
    for i, t in enumerate(TEXTS):
        import_record(d, extract_text(t, path=f"d{i}.txt"))
    yield d
    d.close()


def test_version_3_objects(db):
    assert DB_SCHEMA_VERSION >= 3
    names = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master")}
    assert {"documents_fts_localities", "documents_fts_units", "documents_fts_queue", "documents_fts_meta",
            "idx_documents_period_end"} <= names


def test_distinct_values_follow_inserts_and_deletes(tmp_path):
    from extractor.pipeline import extract_text
    from extractor.store import delete_document

    d = open_db(tmp_path / "v.db")
    _s, i = import_record(d, extract_text(TEXTS[0], path="a.txt"))
    loc = d.conn.execute("SELECT locality FROM documents WHERE id = ?", (i,)).fetchone()[0]
    assert d.conn.execute("SELECT n FROM documents_fts_localities WHERE value = ?", (loc,)).fetchone() == (1,)
    delete_document(d, i)
    assert d.conn.execute("SELECT count(*) FROM documents_fts_localities").fetchone() == (0,)
    d.close()


def test_ranked_search_scans_the_fts_index_without_joining_first(db):
    sql = ("SELECT rowid, bm25(documents_fts, 1.0, 0.6, 4.0) AS r FROM documents_fts "
           "WHERE documents_fts MATCH ? ORDER BY r, rowid LIMIT ?")
    p = plan(db.conn, sql, ['"alkohol"*', 20])
    assert "VIRTUAL TABLE" in p and "documents " not in p.replace("documents_fts", "")
    assert ranked_ids(db.conn, '"alkohol"*', [], [], 20)


def test_filters_use_indexes_not_functions(db):
    where, params = filter_sql(db.conn, locality="w Łukowie", unit="KPP Łuków", year=2024, doc_type="priority_plan")
    sql = "SELECT d.id FROM documents d WHERE " + " AND ".join(where)
    assert "plany_" not in sql
    p = plan(db.conn, sql, params)
    assert "USING INDEX" in p or "USING COVERING INDEX" in p, p
    # a filtered ranked search probes the filtered ids from the FTS scan (no per-row MATCH seek)
    assert search(db, "alkohol", locality="Łuków", year=2024)
    assert filter_sql(db.conn, locality="Zzzyxów") is None


def test_year_filter_range_equals_the_substr_form(db):
    for y in (2023, 2024, 2019):
        where, params = filter_sql(db.conn, year=y)
        got = {r[0] for r in db.conn.execute("SELECT d.id FROM documents d WHERE " + " AND ".join(where), params)}
        want = {r[0] for r in db.conn.execute(
            "SELECT id FROM documents WHERE substr(date, 1, 4) = ? OR (period_start IS NOT NULL AND "
            "period_start <= ? AND coalesce(period_end, period_start) >= ?)", (f"{y}", f"{y}-12-31", f"{y}-01-01"))}
        assert got == want


def test_regions_refresh_is_incremental(tmp_path):
    from extractor.pipeline import extract_text
    from extractor.regions import annotate_regions, refresh_regions

    d = open_db(tmp_path / "r.db")
    for i, t in enumerate(TEXTS):
        import_record(d, extract_text(t, path=f"d{i}.txt"))
    assert len(annotate_regions(d)) == 3
    assert d.conn.execute("SELECT count(*) FROM documents_fts_queue").fetchone() == (0,)
    calls = []
    import extractor.regions as R
    orig = R.region_of
    R.region_of = lambda *a: calls.append(a) or orig(*a)
    try:
        refresh_regions(d)
        assert calls == []          # nothing changed: no region recomputed
        d.conn.execute("UPDATE documents SET locality = 'Ełk' WHERE id = (SELECT min(id) FROM documents)")
        refresh_regions(d)
        assert len(calls) == 1      # only the changed document
    finally:
        R.region_of = orig
    d.close()


def test_v2_database_migrates_and_answers_the_same(tmp_path):
    """A database written by schema 2 (the v3 objects removed, version row 2) gives the same search
    and compare results before and after ``open_db`` upgrades it."""
    from extractor.compare import compare
    from extractor.pipeline import extract_text

    p = tmp_path / "v2.db"
    d = open_db(p)
    for i, t in enumerate(TEXTS):
        import_record(d, extract_text(t, path=f"d{i}.txt"))
    queries = [dict(query="alkohol"), dict(query="lukow"), dict(query="", locality="Łukowie"),
               dict(query="kradzieże", year=2023), dict(query="", unit="PP Ryki")]
    before_s = [search(d, **q) for q in queries]
    before_c = [compare(d, w, b).rows for w, b in (("threats", "locality"), ("partners", "unit"),
                                                   ("threats", "voivodeship"))]
    d.close()
    conn = sqlite3.connect(p)
    for (name, typ) in conn.execute("SELECT name, type FROM sqlite_master WHERE name LIKE 'documents_values_%' "
                                    "OR name LIKE 'documents_fts_%s' OR name IN ('documents_fts_queue', "
                                    "'documents_fts_meta', 'idx_documents_period_end', 'regions')").fetchall():
        if name.startswith("documents_fts_") and name[len("documents_fts_"):] in ("data", "idx", "docsize", "config"):
            continue
        conn.execute(f"DROP {typ.upper()} IF EXISTS {name}")
    conn.execute("DELETE FROM schema_version WHERE version > 2 AND version < (SELECT max(version) FROM schema_version)")
    conn.execute("UPDATE schema_version SET version = 2 WHERE version > 2")
    conn.commit()
    conn.close()
    d = open_db(p)
    assert d.conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == DB_SCHEMA_VERSION
    assert [search(d, **q) for q in queries] == before_s
    assert [compare(d, w, b).rows for w, b in (("threats", "locality"), ("partners", "unit"),
                                               ("threats", "voivodeship"))] == before_c
    d.close()


def test_version_4_objects_and_compare_plans(db):
    """Schema 4: comparisons read the stored sums (without filters) or the per-document keys joined to
    the per-document groups by primary key (with filters); no query walks a list table."""
    from extractor.compare import compare

    assert DB_SCHEMA_VERSION >= 4
    names = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master")}
    assert {"documents_fts_groups", "documents_fts_keys", "documents_fts_agg", "idx_documents_fts_groups_dim",
            "organisations_kind_au"} <= names
    compare(db, "threats", "locality")  # brings the summaries up to date
    assert db.conn.execute("SELECT count(*) FROM documents_fts_queue").fetchone() == (0,)
    p = plan(db.conn, "SELECT what, key, label, n FROM documents_fts_agg WHERE what IN (?) AND dim = ?",
             ("threat", "locality"))
    assert "documents_fts_agg USING PRIMARY KEY" in p and "SCAN" not in p, p
    p = plan(db.conn, "SELECT k.what, k.key, g.label, sum(k.n) FROM documents_fts_keys k JOIN documents_fts_groups g "
                      "ON g.document_id = k.document_id AND g.dim = ? WHERE k.what IN (?) "
                      "AND k.document_id IN (SELECT id FROM documents WHERE id < 3) GROUP BY k.what, k.key, g.label",
             ("locality", "threat"))
    assert "SEARCH k USING PRIMARY KEY" in p and "SEARCH g USING PRIMARY KEY" in p and "SCAN" not in p, p
    assert not any(t in p for t in ("threats", "partners", "actions", "targets")), p
    p = plan(db.conn, "SELECT label, count(*) FROM documents_fts_groups WHERE dim = ? GROUP BY label", ("unit",))
    assert "COVERING INDEX idx_documents_fts_groups_dim" in p, p


def test_summaries_follow_an_organisation_kind_change(tmp_path):
    """A partner without a kind takes its organisation's: when that kind is filled in later, the
    documents naming the organisation are queued and the stored sums follow."""
    from extractor.compare import compare
    from extractor.pipeline import extract_text

    d = open_db(tmp_path / "o.db")
    for i, t in enumerate(TEXTS):
        import_record(d, extract_text(t, path=f"d{i}.txt"))
    d.conn.execute("UPDATE partners SET kind = NULL")
    d.conn.execute("UPDATE organisations SET kind = NULL")
    d.conn.commit()
    assert compare(d, "partners", "unit").rows == compare(d, "partners", "unit", engine="python").rows
    d.conn.execute("UPDATE organisations SET kind = 'school'")
    d.conn.commit()
    assert compare(d, "partners", "unit").rows == compare(d, "partners", "unit", engine="python").rows
    d.close()
