"""The database schema: tables, indexes, the FTS5 index and the schema version table.

One SQLite file holds every imported document.  ``documents`` has one row per
source file (unique by sha256) with the scalar fields, the plain text, the
folded text and lemmas the search index reads, and the whole record as JSON.
Each extracted list has its own table whose rows point at their document with
``ON DELETE CASCADE``, so deleting a document row removes everything it brought.

``documents_fts`` is an external-content FTS5 table over ``documents``
(``text_folded``, ``lemmas``, ``keywords``) kept in step by triggers.

Migrations: ``MIGRATIONS[n]`` brings a database from version n-1 to n;
``schema_version`` records what has been applied.
"""
from __future__ import annotations

import datetime as _dt
import os
import secrets
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

DB_SCHEMA_VERSION = 1

_EVIDENCE = '"text" TEXT, "start" INTEGER, "end" INTEGER'
_CHILD = "document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE"

SCHEMA_V1 = f"""
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT,
    format TEXT,
    encoding TEXT,
    size INTEGER,
    doc_type TEXT,
    date TEXT,
    period_start TEXT,
    period_end TEXT,
    unit TEXT,
    unit_kind TEXT,
    locality TEXT,
    district TEXT,
    officer_name TEXT,
    officer_rank TEXT,
    title TEXT,
    text TEXT,
    text_folded TEXT,
    lemmas TEXT,
    keywords TEXT,
    model TEXT,
    imported_at TEXT,
    schema_version TEXT,
    record TEXT
);
CREATE INDEX IF NOT EXISTS idx_documents_locality ON documents(locality);
CREATE INDEX IF NOT EXISTS idx_documents_unit ON documents(unit);
CREATE INDEX IF NOT EXISTS idx_documents_doc_type ON documents(doc_type);
CREATE INDEX IF NOT EXISTS idx_documents_date ON documents(date);
CREATE INDEX IF NOT EXISTS idx_documents_period ON documents(period_start, period_end);

CREATE TABLE IF NOT EXISTS sections (
    id INTEGER PRIMARY KEY, {_CHILD}, idx INTEGER,
    kind TEXT, title TEXT, "start" INTEGER, "end" INTEGER
);
CREATE INDEX IF NOT EXISTS idx_sections_document ON sections(document_id);
CREATE INDEX IF NOT EXISTS idx_sections_kind ON sections(kind);

CREATE TABLE IF NOT EXISTS threats (
    id INTEGER PRIMARY KEY, {_CHILD}, idx INTEGER,
    category TEXT, {_EVIDENCE}, extra TEXT
);
CREATE INDEX IF NOT EXISTS idx_threats_document ON threats(document_id);
CREATE INDEX IF NOT EXISTS idx_threats_category ON threats(category);

CREATE TABLE IF NOT EXISTS locations (
    id INTEGER PRIMARY KEY, {_CHILD}, idx INTEGER,
    name TEXT, kind TEXT, street TEXT, number TEXT, locality TEXT, {_EVIDENCE}, extra TEXT
);
CREATE INDEX IF NOT EXISTS idx_locations_document ON locations(document_id);
CREATE INDEX IF NOT EXISTS idx_locations_name ON locations(name);
CREATE INDEX IF NOT EXISTS idx_locations_kind ON locations(kind);
CREATE INDEX IF NOT EXISTS idx_locations_locality ON locations(locality);

CREATE TABLE IF NOT EXISTS time_windows (
    id INTEGER PRIMARY KEY, {_CHILD}, idx INTEGER,
    time_from TEXT, time_to TEXT, days TEXT, parts_of_day TEXT, {_EVIDENCE}, extra TEXT
);
CREATE INDEX IF NOT EXISTS idx_time_windows_document ON time_windows(document_id);

CREATE TABLE IF NOT EXISTS targets (
    id INTEGER PRIMARY KEY, {_CHILD}, idx INTEGER,
    direction TEXT, value REAL, unit TEXT, qualifier TEXT, metric TEXT, baseline TEXT, {_EVIDENCE}, extra TEXT
);
CREATE INDEX IF NOT EXISTS idx_targets_document ON targets(document_id);
CREATE INDEX IF NOT EXISTS idx_targets_direction ON targets(direction);

CREATE TABLE IF NOT EXISTS organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    core TEXT NOT NULL,
    numbers TEXT NOT NULL DEFAULT '',
    town TEXT,
    town_keys TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS idx_organisations_numbers ON organisations(numbers);
CREATE INDEX IF NOT EXISTS idx_organisations_kind ON organisations(kind);

CREATE TABLE IF NOT EXISTS actions (
    id INTEGER PRIMARY KEY, {_CHILD}, idx INTEGER,
    deadline_start TEXT, deadline_end TEXT, deadline_granularity TEXT, recurrence TEXT,
    partners TEXT, {_EVIDENCE}, extra TEXT
);
CREATE INDEX IF NOT EXISTS idx_actions_document ON actions(document_id);
CREATE INDEX IF NOT EXISTS idx_actions_deadline ON actions(deadline_end);
CREATE INDEX IF NOT EXISTS idx_actions_recurrence ON actions(recurrence);

CREATE TABLE IF NOT EXISTS partners (
    id INTEGER PRIMARY KEY, {_CHILD}, idx INTEGER,
    name TEXT, kind TEXT, tasks TEXT,
    organisation_id INTEGER REFERENCES organisations(id),
    {_EVIDENCE}, extra TEXT
);
CREATE INDEX IF NOT EXISTS idx_partners_document ON partners(document_id);
CREATE INDEX IF NOT EXISTS idx_partners_organisation ON partners(organisation_id);
CREATE INDEX IF NOT EXISTS idx_partners_kind ON partners(kind);

CREATE TABLE IF NOT EXISTS action_partners (
    id INTEGER PRIMARY KEY, {_CHILD},
    action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    name TEXT,
    organisation_id INTEGER REFERENCES organisations(id)
);
CREATE INDEX IF NOT EXISTS idx_action_partners_document ON action_partners(document_id);
CREATE INDEX IF NOT EXISTS idx_action_partners_action ON action_partners(action_id);
CREATE INDEX IF NOT EXISTS idx_action_partners_organisation ON action_partners(organisation_id);

CREATE TABLE IF NOT EXISTS persons (
    id INTEGER PRIMARY KEY, {_CHILD}, idx INTEGER,
    name TEXT, rank TEXT, role TEXT, {_EVIDENCE}, extra TEXT
);
CREATE INDEX IF NOT EXISTS idx_persons_document ON persons(document_id);
CREATE INDEX IF NOT EXISTS idx_persons_name ON persons(name);

CREATE TABLE IF NOT EXISTS indicators (
    id INTEGER PRIMARY KEY, {_CHILD}, idx INTEGER,
    name TEXT, source TEXT, {_EVIDENCE}, extra TEXT
);
CREATE INDEX IF NOT EXISTS idx_indicators_document ON indicators(document_id);

CREATE TABLE IF NOT EXISTS indicator_values (
    id INTEGER PRIMARY KEY, {_CHILD},
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    year INTEGER, value REAL
);
CREATE INDEX IF NOT EXISTS idx_indicator_values_document ON indicator_values(document_id);
CREATE INDEX IF NOT EXISTS idx_indicator_values_indicator ON indicator_values(indicator_id);
CREATE INDEX IF NOT EXISTS idx_indicator_values_year ON indicator_values(year);

CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5 (
    text_folded, lemmas, keywords,
    tokenize = 'unicode61 remove_diacritics 2',
    content = documents, content_rowid = id
);
CREATE TRIGGER IF NOT EXISTS documents_ai AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts (rowid, text_folded, lemmas, keywords)
  VALUES (new.id, new.text_folded, new.lemmas, new.keywords);
END;
CREATE TRIGGER IF NOT EXISTS documents_ad AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, text_folded, lemmas, keywords)
  VALUES ('delete', old.id, old.text_folded, old.lemmas, old.keywords);
END;
CREATE TRIGGER IF NOT EXISTS documents_au AFTER UPDATE ON documents BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, text_folded, lemmas, keywords)
  VALUES ('delete', old.id, old.text_folded, old.lemmas, old.keywords);
  INSERT INTO documents_fts (rowid, text_folded, lemmas, keywords)
  VALUES (new.id, new.text_folded, new.lemmas, new.keywords);
END;
"""

MIGRATIONS: dict[int, str] = {1: SCHEMA_V1}

# the tables of extracted lists, children of documents
CHILD_TABLES = ("sections", "threats", "locations", "time_windows", "targets", "actions", "partners",
                "action_partners", "persons", "indicators", "indicator_values")


class StoreError(Exception):
    """A database that cannot be used (missing, not a plany database, too new); one-line message."""


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


@contextmanager
def transaction(db):
    """One write transaction, taken with BEGIN IMMEDIATE so that two importers on one
    database wait for each other (busy_timeout) instead of failing on a lock upgrade.
    Inside an open transaction it becomes a savepoint."""
    conn = db.conn
    if conn.in_transaction:
        name = "plany_" + secrets.token_hex(8)
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def current_version(db: sqlite_utils.Database) -> int:
    if not db["schema_version"].exists():
        return 0
    row = db.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(db: sqlite_utils.Database) -> None:
    """Create the schema or bring it up to :data:`DB_SCHEMA_VERSION`."""
    have = current_version(db)
    if have > DB_SCHEMA_VERSION:
        raise StoreError(f"database schema version {have} is newer than this plany supports ({DB_SCHEMA_VERSION})")
    if have == DB_SCHEMA_VERSION:
        return
    with transaction(db):  # BEGIN IMMEDIATE: two processes creating one database take turns
        db.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        have = current_version(db)
        for v in range(have + 1, DB_SCHEMA_VERSION + 1):
            for stmt in _statements(MIGRATIONS[v]):
                db.conn.execute(stmt)
            db.conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (v, _now()))


def _statements(script: str) -> list[str]:
    """Split a DDL script into statements (triggers contain ';' inside BEGIN...END)."""
    import sqlite3

    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def _register_functions(db: sqlite_utils.Database) -> None:
    from extractor.store.search import register_functions

    register_functions(db.conn)


def open_db(path: str | os.PathLike = "plany.db", create: bool = True) -> sqlite_utils.Database:
    """Open (and create or migrate) a plany database: WAL mode, foreign keys on.

    With ``create=False`` a missing file raises :class:`StoreError` instead of
    creating an empty database (for read-only commands).
    """
    import sqlite3

    p = Path(path)
    if str(path) != ":memory:":
        if not p.exists():
            if not create:
                raise StoreError(f"{path}: no such database")
            if not p.parent.exists():
                raise StoreError(f"{path}: directory {p.parent} does not exist")
        elif p.is_dir():
            raise StoreError(f"{path}: is a directory, not a database file")
    try:
        db = sqlite_utils.Database(str(path))
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 5000")
        if current_version(db) == 0 and (not create or db.table_names()):
            # a missing schema: refuse to read it, and never touch someone else's database
            db.close()
            raise StoreError(f"{path}: not a plany database")
        if str(path) != ":memory:":
            db.enable_wal()
        migrate(db)
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path}: not a usable plany database ({e})") from None
    _register_functions(db)
    return db
