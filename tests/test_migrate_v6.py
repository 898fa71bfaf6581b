"""Schema 6: the comparison keys of partner bodies (organisation name and kind) replace the keys per
organisation, and the sums per filter value hold the threat categories too.  A version-5 database (its summaries holding ``org`` keys) is upgraded by ``plany migrate``:
every document is queued, the next comparison rewrites the keys, and the SQL engine's tables are the
Python path's."""
from __future__ import annotations

import sqlite3

from test_compare import HAND

from extractor.compare import ALLOWED, compare
from extractor.compare import sql as S
from extractor.store import DB_SCHEMA_VERSION, import_record, open_db
from extractor.store.schema import migrate_database


def _v5(path) -> None:
    """Turn a current database into what version 5 left: keys per organisation, no action-partner trigger."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER organisations_kind_au_actions")
    conn.execute("DROP TABLE documents_fts_aggj")
    conn.execute("DELETE FROM schema_version WHERE version > 5")
    conn.execute("INSERT OR IGNORE INTO schema_version (version, applied_at) VALUES (5, 'x')")
    conn.execute("DELETE FROM documents_fts_keys WHERE what = 'body'")
    conn.execute("INSERT INTO documents_fts_keys SELECT document_id, 'org', organisation_id, 1 FROM partners "
                 "WHERE organisation_id IS NOT NULL UNION SELECT document_id, 'org', organisation_id, 1 "
                 "FROM action_partners WHERE organisation_id IS NOT NULL")
    # the sums of those keys, as version 5's refresh wrote them
    conn.execute("DELETE FROM documents_fts_agg")
    for q in S._CONTRIB:
        conn.execute("INSERT INTO documents_fts_agg (what, dim, key, label, n) " + q.format(kc="", c=""))
    conn.execute("DELETE FROM documents_fts_fvals WHERE fdim = 'threat'")  # version 5 had no sums per threat
    conn.execute("DELETE FROM documents_fts_fagg")
    for rows in S._fsums(conn, "", []):
        conn.executemany("INSERT INTO documents_fts_fagg (fdim, fval, what, dim, key, label, n) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    assert conn.execute("SELECT count(*) FROM documents_fts_agg WHERE what = 'org'").fetchone()[0] > 0
    conn.commit()
    conn.close()


def test_v5_database_migrated_to_v6_compares_partners_by_body(tmp_path):
    p = tmp_path / "v5.db"
    db = open_db(p)
    for r in HAND:
        import_record(db, r)
    compare(db, "partners", "unit")  # summaries up to date
    db.close()
    _v5(p)
    assert migrate_database(p)[:2] == (5, DB_SCHEMA_VERSION) and DB_SCHEMA_VERSION == 6
    db = open_db(p)
    try:
        assert db.execute("SELECT count(*) FROM documents_fts_queue").fetchone()[0] == len(HAND)
        for what, bys in ALLOWED.items():
            for by in bys:
                assert compare(db, what, by).rows == compare(db, what, by, engine="python").rows, (what, by)
        for f in ({"year": 2024}, {"doc_type": "priority_plan"}, {"region": "lubelskie"}, {"threat": "alkohol"},
                  {"threat": "vandalism"}):
            for what in ("partners", "threats", "targets", "deadlines"):
                assert compare(db, what, "unit", **f).rows == \
                    compare(db, what, "unit", engine="python", **f).rows, (f, what)
        assert db.execute("SELECT count(*) FROM documents_fts_fagg WHERE fdim = 'threat'").fetchone()[0] > 0
        assert db.execute("SELECT count(*) FROM documents_fts_queue").fetchone()[0] == 0
        whats = {w for (w,) in db.execute("SELECT DISTINCT what FROM documents_fts_keys")}
        assert "body" in whats and "org" not in whats
        for t in ("documents_fts_agg", "documents_fts_fagg"):
            assert db.execute(f"SELECT count(*) FROM {t} WHERE what = 'org' OR n <= 0").fetchone()[0] == 0, t
        assert db.execute("SELECT count(*) FROM documents_fts_agg WHERE what = 'body'").fetchone()[0] > 0
        # the stored JSON objects are those of the sums
        assert db.execute("SELECT what, dim, key, groups FROM documents_fts_aggj ORDER BY 1, 2, 3").fetchall() == \
            db.execute("SELECT what, dim, key, json_group_object(label, n) FROM documents_fts_agg "
                       "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3").fetchall()
        trig = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert "organisations_kind_au_actions" in trig
    finally:
        db.close()
