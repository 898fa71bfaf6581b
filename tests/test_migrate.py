"""Schema versions and migrations: a real version-1 database (tests/data/schema_v1.sql, frozen
from the first released schema) filled with documents, upgraded by ``plany migrate`` and by
``open_db``; the result equals a new database; a failing migration changes nothing."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from typer.testing import CliRunner

from extractor.cli import app
from extractor.store import DB_SCHEMA_VERSION, StoreError, get_document, import_record, open_db, search
from extractor.store import schema
from extractor.store.schema import MIGRATIONS, migrate_database

V1_SQL = Path(__file__).parent / "data" / "schema_v1.sql"

TEXTS = [
    "Plan działania priorytetowego\nKomenda Powiatowa Policji w Łukowie\n"
    "Zagrożenie: spożywanie alkoholu w rejonie ul. Warszawskiej 12 w Łukowie.\n"
    "Podmioty współpracujące: Straż Miejska w Łukowie.\n",
    "Debata społeczna w Siedlcach\nPolicjanci rozmawiali z mieszkańcami o kradzieżach rowerów.\n",
    "Plan działania priorytetowego\nPosterunek Policji w Rykach\n"
    "Zagrożenie: niszczenie mienia przy ul. Polnej w Rykach. Partner: Szkoła Podstawowa nr 2.\n",
]


def record(i: int) -> dict:
    from extractor.pipeline import extract_text

    return extract_text(TEXTS[i], path=f"doc{i}.txt")


def make_v1(path: Path, n: int = 3) -> Path:
    """A version-1 database with ``n`` documents, written the way plany 1 wrote them."""
    conn = sqlite3.connect(path)
    conn.executescript(V1_SQL.read_text(encoding="utf-8"))
    conn.commit()
    conn.close()
    db = sqlite_utils.Database(str(path))
    db.execute("PRAGMA foreign_keys = ON")
    for i in range(n):
        import_record(db, record(i))
    db.close()
    return path


def schema_of(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    finally:
        conn.close()


def dump(path, table: str, cols: str = "*") -> list:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT {cols} FROM {table} ORDER BY rowid").fetchall()
    finally:
        conn.close()


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_frozen_v1_schema_is_version_1(tmp_path):
    assert MIGRATIONS[0].version == 1 and [m.version for m in MIGRATIONS] == list(range(1, DB_SCHEMA_VERSION + 1))
    assert DB_SCHEMA_VERSION >= 2
    p = make_v1(tmp_path / "v1.db", n=0)
    conn = sqlite3.connect(p)
    assert conn.execute("SELECT max(version) FROM schema_version").fetchone() == (1,)
    assert "import_runs" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()


def test_plany_migrate_upgrades_a_v1_database(tmp_path):
    p = make_v1(tmp_path / "v1.db")
    docs_before = dump(p, "documents", "id, sha256, path, record, text, lemmas")
    children_before = {t: dump(p, t) for t in ("sections", "threats", "partners", "organisations", "locations")}
    r = run("migrate", "--db", p, "--dry-run")
    assert r.exit_code == 0 and f"would migrate schema version 1 -> {DB_SCHEMA_VERSION}" in r.stdout
    assert dump(p, "schema_version", "version") == [(1,)]

    r = run("migrate", "--db", p)
    assert r.exit_code == 0, r.output
    assert f"{p}: migrated schema version 1 -> {DB_SCHEMA_VERSION}" in r.stdout
    assert "import_runs" in r.stdout  # the migrations applied are listed
    # the data is untouched, the new schema is exactly a new database's schema
    assert dump(p, "documents", "id, sha256, path, record, text, lemmas") == docs_before
    assert {t: dump(p, t) for t in children_before} == children_before
    assert dump(p, "documents", "import_run_id") == [(None,)] * 3
    fresh = tmp_path / "fresh.db"
    open_db(fresh).close()
    assert schema_of(p) == schema_of(fresh)
    conn = sqlite3.connect(p)
    assert [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")] == \
        list(range(1, DB_SCHEMA_VERSION + 1))
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()

    # a current database: nothing to do, nothing written
    before = p.read_bytes()
    r = run("migrate", "--db", p)
    assert r.exit_code == 0 and "is current" in r.stdout and "nothing to do" in r.stdout
    assert p.read_bytes() == before

    # and it works: search (the FTS index came through), read back, import more
    db = open_db(p)
    assert [h["path"] for h in search(db, "alkohol")] == ["doc0.txt"]
    assert get_document(db, 1)["text"] == TEXTS[0].strip()
    from extractor.store.runs import list_runs, start_run

    run_id = start_run(db, ["x"], workers=1)
    assert import_record(db, record(0)) == ("skipped", 1)
    assert list_runs(db)[0]["id"] == run_id
    db.close()


def test_open_db_upgrades_automatically_or_on_request(tmp_path):
    p = make_v1(tmp_path / "v1.db")
    with pytest.raises(StoreError, match="plany migrate"):
        open_db(p, upgrade=False)
    assert dump(p, "schema_version", "version") == [(1,)]
    db = open_db(p)  # the default: upgrade in place
    assert db.execute("SELECT max(version) FROM schema_version").fetchone()[0] == DB_SCHEMA_VERSION
    assert db["import_runs"].exists()
    assert [h["path"] for h in search(db, "rowerów")] == ["doc1.txt"]
    db.close()
    open_db(p, upgrade=False).close()  # current now


def test_import_into_a_v1_database(tmp_path):
    p = make_v1(tmp_path / "v1.db", n=2)
    doc = tmp_path / "new.txt"
    doc.write_text(TEXTS[2], encoding="utf-8")
    old = tmp_path / "old.txt"
    old.write_text(TEXTS[0], encoding="utf-8")
    r = run("import", doc, old, "--db", p, "--workers", "1")
    assert r.exit_code == 0, r.output
    assert "imported 1, skipped 1" in r.stdout
    assert dump(p, "documents", "id, import_run_id") == [(1, None), (2, None), (3, 1)]


def test_failed_migration_changes_nothing(tmp_path, monkeypatch):
    p = make_v1(tmp_path / "v1.db")
    before = schema_of(p)
    real = MIGRATIONS[1]

    def half_then_fail(conn):
        real.apply(conn)  # everything of version 2 ... then an error
        conn.execute("CREATE TABLE broken (x")

    monkeypatch.setattr(schema, "MIGRATIONS", [MIGRATIONS[0], schema.Migration(2, "broken", half_then_fail)])
    r = run("migrate", "--db", p)
    assert r.exit_code == 1 and "migration failed" in r.stderr and "version 1" in r.stderr
    assert "Traceback" not in r.output
    assert schema_of(p) == before
    assert dump(p, "schema_version", "version") == [(1,)]
    with pytest.raises(StoreError):
        open_db(p)
    assert schema_of(p) == before


def test_migrate_refuses_what_it_cannot_upgrade(tmp_path):
    r = run("migrate", "--db", tmp_path / "missing.db")
    assert r.exit_code == 1 and "no such database" in r.stderr and not (tmp_path / "missing.db").exists()
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    r = run("migrate", "--db", other)
    assert r.exit_code == 1 and "not a plany database" in r.stderr
    newer = tmp_path / "newer.db"
    db = open_db(newer)
    db.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, 'x')", (DB_SCHEMA_VERSION + 1,))
    db.close()
    r = run("migrate", "--db", newer)
    assert r.exit_code == 1 and "newer" in r.stderr
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"junk" * 1000)
    r = run("migrate", "--db", junk)
    assert r.exit_code == 1 and "Traceback" not in r.output


def test_new_database_has_one_version_row_and_the_v2_objects(tmp_path):
    db = open_db(tmp_path / "n.db")
    assert db.execute("SELECT version FROM schema_version").fetchall() == [(DB_SCHEMA_VERSION,)]
    idx = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"idx_documents_district", "idx_documents_when", "idx_threats_category_document",
            "idx_documents_import_run"} <= idx
    # the date listing (search without a query) uses its index
    plan = " ".join(r[3] for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM documents d ORDER BY coalesce(d.date, d.period_start) DESC, d.id DESC "
        "LIMIT 20"))
    assert "idx_documents_when" in plan
    db.close()


def test_sha_of_v1_rows_unchanged(tmp_path):
    p = make_v1(tmp_path / "v1.db", n=1)
    sha = hashlib.sha256(TEXTS[0].encode()).hexdigest()
    migrate_database(p)
    assert dump(p, "documents", "sha256") == [(sha,)]


def test_v1_database_migrated_to_v4_compares_in_sql_like_python(tmp_path):
    """Version 4 queues every document: the first comparison writes the summaries, and the SQL engine's
    tables are the Python path's."""
    from extractor.compare import ALLOWED, compare

    p = make_v1(tmp_path / "v1.db")
    db = open_db(p)
    try:
        assert db.execute("SELECT count(*) FROM documents_fts_queue").fetchone()[0] == 3
        for what, bys in ALLOWED.items():
            for by in bys:
                assert compare(db, what, by).rows == compare(db, what, by, engine="python").rows, (what, by)
        assert db.execute("SELECT count(*) FROM documents_fts_queue").fetchone()[0] == 0
        assert db.execute("SELECT n FROM documents_fts_agg WHERE what = 'docs' AND dim = 'all'").fetchone() == (3,)
    finally:
        db.close()


def test_v4_database_migrated_to_v5_sums_per_filter_value(tmp_path):
    """Version 5 adds the comparison sums per year, doc_type and voivodeship and queues every document:
    `plany migrate` upgrades a v4 database, the next comparison writes the sums, and filtered SQL
    comparisons read them and still give the Python path's tables."""
    import sqlite3

    from extractor.compare import compare

    p = make_v1(tmp_path / "v1.db")
    db = open_db(p)
    compare(db, "threats", "locality")  # summaries up to date
    db.close()
    conn = sqlite3.connect(p)
    conn.execute("DROP TABLE documents_fts_fvals")
    conn.execute("DROP TABLE documents_fts_fagg")
    conn.execute("DELETE FROM schema_version WHERE version > 4")
    conn.commit()
    conn.close()
    assert migrate_database(p)[:2] == (4, DB_SCHEMA_VERSION)
    db = open_db(p)
    try:
        assert db.execute("SELECT count(*) FROM documents_fts_queue").fetchone()[0] == 3
        years = [r[0] for r in db.execute("SELECT DISTINCT substr(coalesce(date, period_start), 1, 4) FROM documents "
                                          "WHERE coalesce(date, period_start) IS NOT NULL")]
        for f in [{"year": y} for y in years] + [{"doc_type": "priority_plan"}, {"region": "lubelskie"}]:
            for what, by in (("threats", "locality"), ("partners", "unit"), ("targets", "threat"),
                             ("deadlines", "period")):
                assert compare(db, what, by, **f).rows == compare(db, what, by, engine="python", **f).rows, (f, what)
        assert db.execute("SELECT count(*) FROM documents_fts_queue").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM documents_fts_fagg").fetchone()[0] > 0
    finally:
        db.close()
