"""The database schema: tables, indexes, the FTS5 index and the schema version table.

One SQLite file holds every imported document.  ``documents`` has one row per
source file (unique by sha256) with the scalar fields, the plain text, the
folded text and lemmas the search index reads, and the whole record as JSON.
Each extracted list has its own table whose rows point at their document with
``ON DELETE CASCADE``, so deleting a document row removes everything it brought.

``documents_fts`` is an external-content FTS5 table over ``documents``
(``text_folded``, ``lemmas``, ``keywords``) kept in step by triggers.

``import_runs`` (version 2) logs every ``plany import``: when it started and ended, its
counts (updated with every committed batch, so an import that was killed shows what it
had stored), the plany version, and ``documents.import_run_id`` names the run that stored
each document.

Migrations: :data:`MIGRATIONS` is an ordered list; ``MIGRATIONS[i]`` brings a database
from version ``i`` to ``i + 1`` with a function run inside one transaction.  A new
database runs them all; ``open_db`` upgrades an older database automatically (or, with
``upgrade=False``, asks for ``plany migrate``); ``schema_version`` records the versions.
"""
from __future__ import annotations

import datetime as _dt
import os
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import sqlite_utils

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

# Version 2: a log of import runs (``import_runs``; each document remembers the run that
# stored it), and indexes the filter-only search listing and cross-district comparisons use.
SCHEMA_V2 = """
CREATE TABLE IF NOT EXISTS import_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    plany_version TEXT,
    schema_version INTEGER,
    model TEXT,
    workers INTEGER,
    force INTEGER NOT NULL DEFAULT 0,
    paths TEXT,
    inserted INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    replaced INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    host TEXT,
    pid INTEGER
);
ALTER TABLE documents ADD COLUMN import_run_id INTEGER REFERENCES import_runs(id) ON DELETE SET NULL;
CREATE INDEX IF NOT EXISTS idx_documents_import_run ON documents(import_run_id);
CREATE INDEX IF NOT EXISTS idx_documents_district ON documents(district);
CREATE INDEX IF NOT EXISTS idx_documents_when ON documents(coalesce(date, period_start) DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_threats_category_document ON threats(category, document_id);
CREATE INDEX IF NOT EXISTS idx_locations_locality_document ON locations(locality, document_id);
"""


# Version 3: what search and compare filter and group by, kept small and indexed.  These tables
# belong to the search index: named ``documents_fts_*`` like FTS5's own shadow tables, they are
# internal (the web view hides them) and rebuilt from ``documents`` by the triggers and queue.
# * ``documents_fts_localities`` / ``documents_fts_units``: the distinct stored locality and unit strings with their
#   document counts, kept by triggers; a --locality/--unit filter tests each distinct value once
#   (folding, inflection, acronyms in Python) and then reads ``documents`` by its index.
# * ``documents_fts_queue``: ids of documents inserted, changed or deleted since the derived tables
#   (``regions``, the compare summaries) were last brought up to date; filled by triggers (so
#   rows written by plain SQL are seen too) and emptied by ``extractor.regions.annotate_regions``.
# * an index for the year filter's period branch.
SCHEMA_V3 = """
CREATE TABLE IF NOT EXISTS documents_fts_localities (value TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS documents_fts_units (value TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO documents_fts_localities (value, n) SELECT locality, count(*) FROM documents WHERE locality IS NOT NULL GROUP BY locality;
INSERT INTO documents_fts_units (value, n) SELECT unit, count(*) FROM documents WHERE unit IS NOT NULL GROUP BY unit;
CREATE TABLE IF NOT EXISTS documents_fts_queue (document_id INTEGER PRIMARY KEY);
INSERT OR IGNORE INTO documents_fts_queue (document_id) SELECT id FROM documents;
CREATE TABLE IF NOT EXISTS documents_fts_meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS documents_values_ai AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts_localities (value, n) SELECT new.locality, 1 WHERE new.locality IS NOT NULL
    ON CONFLICT (value) DO UPDATE SET n = n + 1;
  INSERT INTO documents_fts_units (value, n) SELECT new.unit, 1 WHERE new.unit IS NOT NULL
    ON CONFLICT (value) DO UPDATE SET n = n + 1;
  INSERT OR IGNORE INTO documents_fts_queue (document_id) VALUES (new.id);
END;
CREATE TRIGGER IF NOT EXISTS documents_values_ad AFTER DELETE ON documents BEGIN
  UPDATE documents_fts_localities SET n = n - 1 WHERE value = old.locality;
  DELETE FROM documents_fts_localities WHERE value = old.locality AND n <= 0;
  UPDATE documents_fts_units SET n = n - 1 WHERE value = old.unit;
  DELETE FROM documents_fts_units WHERE value = old.unit AND n <= 0;
  INSERT OR IGNORE INTO documents_fts_queue (document_id) VALUES (old.id);
END;
CREATE TRIGGER IF NOT EXISTS documents_values_au AFTER UPDATE OF locality, unit, date, period_start, doc_type
ON documents BEGIN
  UPDATE documents_fts_localities SET n = n - 1 WHERE value = old.locality;
  DELETE FROM documents_fts_localities WHERE value = old.locality AND n <= 0;
  UPDATE documents_fts_units SET n = n - 1 WHERE value = old.unit;
  DELETE FROM documents_fts_units WHERE value = old.unit AND n <= 0;
  INSERT INTO documents_fts_localities (value, n) SELECT new.locality, 1 WHERE new.locality IS NOT NULL
    ON CONFLICT (value) DO UPDATE SET n = n + 1;
  INSERT INTO documents_fts_units (value, n) SELECT new.unit, 1 WHERE new.unit IS NOT NULL
    ON CONFLICT (value) DO UPDATE SET n = n + 1;
  INSERT OR IGNORE INTO documents_fts_queue (document_id) VALUES (new.id);
END;
CREATE INDEX IF NOT EXISTS idx_documents_period_end ON documents(coalesce(period_end, period_start), period_start);
"""


# Version 4: what comparisons read instead of walking documents in Python.
# * ``documents_fts_groups``: (document, dimension, group label) — the groups each document falls in
#   for locality, unit, county, voivodeship, period and doc_type (``extractor.compare.core.groups_of``),
#   written by ``extractor.regions.refresh_regions`` for the queued documents (the migration queues
#   every document), so a comparison is SQL GROUP BYs over this table joined to the lists.
# * ``documents_fts_keys``: what each document adds to a comparison (its distinct threat categories,
#   partner kinds and bodies, actions per deadline month, undated actions), and ``documents_fts_agg``
#   their sums per dimension and group (plus the documents per group), updated by the same refresh
#   (old contribution out, new in), so a comparison without filters reads a few hundred rows.
#   An organisation's kind changing queues the documents naming it.
# * covering indexes for the joins from a document to its threats, partners and action deadlines.
SCHEMA_V4 = """
CREATE TABLE IF NOT EXISTS documents_fts_groups (
    document_id INTEGER NOT NULL, dim TEXT NOT NULL, label TEXT NOT NULL,
    PRIMARY KEY (document_id, dim, label)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_documents_fts_groups_dim ON documents_fts_groups(dim, label, document_id);
INSERT OR IGNORE INTO documents_fts_queue (document_id) SELECT id FROM documents;
CREATE INDEX IF NOT EXISTS idx_threats_document_category ON threats(document_id, category);
CREATE INDEX IF NOT EXISTS idx_partners_document_organisation ON partners(document_id, organisation_id, kind);
CREATE INDEX IF NOT EXISTS idx_action_partners_document_organisation ON action_partners(document_id, organisation_id);
CREATE INDEX IF NOT EXISTS idx_actions_document_deadline ON actions(document_id, deadline_end);
CREATE TABLE IF NOT EXISTS documents_fts_keys (
    document_id INTEGER NOT NULL, what TEXT NOT NULL, key NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (document_id, what, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS documents_fts_agg (
    what TEXT NOT NULL, dim TEXT NOT NULL, key NOT NULL, label TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (what, dim, key, label)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS organisations_kind_au AFTER UPDATE OF kind ON organisations BEGIN
  INSERT OR IGNORE INTO documents_fts_queue (document_id) SELECT document_id FROM partners WHERE organisation_id = new.id;
END;
"""


# Version 5: the comparison sums per value of the common filters, so that a comparison filtered by one
# year, one doc_type or whole voivodeships reads a few hundred stored rows instead of joining the keys
# of tens of thousands of documents to their groups (issue 5).
# * ``documents_fts_fvals``: (document, filter, value) — the years the --year filter finds the document
#   in ('*' when its date or period does not start with a year: then that filter is not summed), its
#   doc_type, its voivodeship; written by ``extractor.regions.refresh_regions`` with the groups (a changed
#   period end queues the document too: the year filter reads it).
# * ``documents_fts_fagg``: ``documents_fts_agg``'s sums per filter and value, moved by the same refresh.
# The migration queues every document, so the next refresh writes both.
SCHEMA_V5 = """
CREATE TABLE IF NOT EXISTS documents_fts_fvals (
    document_id INTEGER NOT NULL, fdim TEXT NOT NULL, fval TEXT NOT NULL,
    PRIMARY KEY (document_id, fdim, fval)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS documents_fts_fagg (
    fdim TEXT NOT NULL, fval TEXT NOT NULL, what TEXT NOT NULL, dim TEXT NOT NULL, key NOT NULL,
    label TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (fdim, fval, what, dim, key, label)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS documents_fvals_au AFTER UPDATE OF period_end ON documents BEGIN
  INSERT OR IGNORE INTO documents_fts_queue (document_id) VALUES (new.id);
END;
INSERT OR IGNORE INTO documents_fts_queue (document_id) SELECT id FROM documents;
"""


# Version 6: a comparison of partners reads bodies, not organisations (issue: compare p95 at 100k documents).
# * ``documents_fts_keys`` rows ``body`` ("name\x1fkind": a document's distinct organisations counted per
#   name and kind) replace the rows ``org`` (one per organisation id): an imported archive has an
#   organisation row per document naming it (tens of thousands) but a few dozen names, so the sums
#   per group are a few dozen rows per group instead of one per organisation.
# * a body's kind is its organisation's: a changed kind queues the documents naming the organisation
#   as an action partner too (as a partner they were queued already).
# * ``documents_fts_fvals`` rows ``threat`` (a document's threat categories) and their sums in
#   ``documents_fts_fagg`` (without the keys ``threat``: filtered by a threat, the threat rows are those of
#   every document naming it), so a comparison filtered by a threat reads sums too.
# * ``documents_fts_aggj``: ``documents_fts_agg``'s groups of each (what, dim, key) as one JSON object
#   ({label: n}), rewritten by the refresh for the sums it moves: a comparison of every document reads
#   one stored object per row of its table instead of building it from thousands of sums.
# The migration queues every document, so the next refresh rewrites the keys and sums.
SCHEMA_V6 = """
CREATE TABLE IF NOT EXISTS documents_fts_aggj (
    what TEXT NOT NULL, dim TEXT NOT NULL, key NOT NULL, groups TEXT NOT NULL,
    PRIMARY KEY (what, dim, key)
) WITHOUT ROWID;
INSERT OR REPLACE INTO documents_fts_aggj (what, dim, key, groups)
  SELECT what, dim, key, json_group_object(label, n) FROM documents_fts_agg GROUP BY what, dim, key;
CREATE TRIGGER IF NOT EXISTS organisations_kind_au_actions AFTER UPDATE OF kind ON organisations BEGIN
  INSERT OR IGNORE INTO documents_fts_queue (document_id) SELECT document_id FROM action_partners WHERE organisation_id = new.id;
END;
INSERT OR IGNORE INTO documents_fts_queue (document_id) SELECT id FROM documents;
"""

def _run_script(script: str):
    def apply(conn) -> None:
        for stmt in _statements(script):
            conn.execute(stmt)
    return apply


@dataclass(frozen=True)
class Migration:
    version: int                 # the version this migration brings a database to
    description: str
    apply: Callable              # apply(conn): DDL/DML on an open transaction, never COMMIT


# The ordered migrations: MIGRATIONS[i] brings a database from version i to i+1.  A new
# database runs them all.  Never edit a migration that has been released: add the next one.
MIGRATIONS: list[Migration] = [
    Migration(1, "documents, extracted lists, organisations, FTS5 index", _run_script(SCHEMA_V1)),
    Migration(2, "import_runs log, documents.import_run_id; indexes for district, date listing, "
                 "threat and locality comparisons", _run_script(SCHEMA_V2)),
    Migration(3, "documents_fts_localities/documents_fts_units for indexed place and unit filters, documents_fts_queue of changed "
                 "documents for incremental regions and compare summaries, period-end index", _run_script(SCHEMA_V3)),
    Migration(4, "documents_fts_groups (each document's comparison groups) and covering indexes from a "
                 "document to its threats, partners and deadlines, for comparisons in SQL", _run_script(SCHEMA_V4)),
    Migration(5, "documents_fts_fvals/documents_fts_fagg: comparison sums per year, doc_type and voivodeship",
              _run_script(SCHEMA_V5)),
    Migration(6, "comparison keys per partner body (organisation name and kind) instead of per organisation; "
                 "a changed organisation kind queues its action partners' documents; comparison sums per "
                 "threat category", _run_script(SCHEMA_V6)),
]

DB_SCHEMA_VERSION = MIGRATIONS[-1].version

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
    """The schema version of a database (0: no plany schema)."""
    if not db["schema_version"].exists():
        return 0
    row = db.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def pending_migrations(db: sqlite_utils.Database) -> list[Migration]:
    """The migrations a database still needs (empty when it is current); raises on a newer one."""
    have = current_version(db)
    if have > DB_SCHEMA_VERSION:
        raise StoreError(f"database schema version {have} is newer than this plany supports ({DB_SCHEMA_VERSION})")
    return [m for m in MIGRATIONS if m.version > have]


def migrate(db: sqlite_utils.Database) -> tuple[int, int]:
    """Create the schema or bring it up to :data:`DB_SCHEMA_VERSION`, in one transaction.

    Returns ``(from_version, to_version)`` (equal when there was nothing to do).  A new
    database runs every migration and records one ``schema_version`` row (the current
    version); an older one gets a row per migration applied.  Any error rolls the whole
    upgrade back: the database stays at its old version.
    """
    have = current_version(db)
    if not pending_migrations(db):
        return have, have
    with transaction(db):  # BEGIN IMMEDIATE: two processes creating or upgrading one database take turns
        db.conn.execute("CREATE TABLE IF NOT EXISTS schema_version "
                        "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        have = current_version(db)  # again, inside the transaction: another process may have done it
        todo = pending_migrations(db)
        for m in todo:
            m.apply(db.conn)
            if have > 0:
                db.conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (m.version, _now()))
        if have == 0 and todo:
            db.conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                            (DB_SCHEMA_VERSION, _now()))
    return have, DB_SCHEMA_VERSION


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


def migrate_database(path: str | os.PathLike, dry_run: bool = False) -> tuple[int, int, list[Migration]]:
    """Upgrade the plany database at ``path`` in one transaction (``plany migrate``).

    Returns ``(from_version, to_version, migrations)``; nothing is applied when it is
    current or with ``dry_run`` (then ``to_version`` is what it would become).  Raises
    :class:`StoreError` for a missing, foreign, newer or broken database; a failed
    migration leaves the database at its old version.
    """
    import sqlite3

    p = Path(path)
    if not p.exists():
        raise StoreError(f"{path}: no such database")
    if p.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    db = None
    try:
        db = sqlite_utils.Database(str(path))
        db.execute("PRAGMA busy_timeout = 5000")
        have = current_version(db)
        if have == 0:
            raise StoreError(f"{path}: not a plany database")
        todo = pending_migrations(db)
        if dry_run or not todo:
            return have, (todo[-1].version if todo else have), todo
        try:
            before, after = migrate(db)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{path}: migration failed, database left at version {have} ({e})") from None
        return before, after, [m for m in MIGRATIONS if before < m.version <= after]
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path}: not a usable plany database ({e})") from None
    finally:
        if db is not None:
            db.close()


def _enable_wal(db, wait: float = 5.0) -> None:
    """WAL mode.  Switching a database to it needs the file to itself, and SQLite does not wait for that (a
    second process opening the same new database, or writing to it, makes it fail at once): retried for up
    to ``wait`` seconds; once another process has switched it, there is nothing to do."""
    import sqlite3
    import time

    deadline = time.monotonic() + wait
    while True:
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def open_db(path: str | os.PathLike = "plany.db", create: bool = True,
            upgrade: bool = True) -> sqlite_utils.Database:
    """Open (and create or migrate) a plany database: WAL mode, foreign keys on.

    With ``create=False`` a missing file raises :class:`StoreError` instead of
    creating an empty database (for read-only commands).

    An older database is upgraded automatically (``upgrade=True``, the default: the
    migrations are additive and run in one transaction, see :func:`migrate`); with
    ``upgrade=False`` it raises :class:`StoreError` asking for ``plany migrate``.
    A database newer than this plany is always refused.
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
    db = None
    try:
        db = sqlite_utils.Database(str(path))
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 5000")
        # a 64 MiB page cache (SQLite's default is 2 MiB): comparisons and searches over an archive of
        # 100,000 documents read the same summary pages again and again
        db.execute("PRAGMA cache_size = -65536")
        have = current_version(db)
        if have == 0 and (not create or db.table_names()):
            # a missing schema: refuse to read it, and never touch someone else's database
            raise StoreError(f"{path}: not a plany database")
        if have > DB_SCHEMA_VERSION:
            raise StoreError(f"{path}: database schema version {have} is newer than this plany supports "
                             f"({DB_SCHEMA_VERSION}); upgrade plany")
        if 0 < have < DB_SCHEMA_VERSION and not upgrade:
            raise StoreError(f"{path}: database schema version {have} is older than this plany's "
                             f"({DB_SCHEMA_VERSION}); run `plany migrate --db {path}`")
        if str(path) != ":memory:":
            _enable_wal(db)
        migrate(db)
    except StoreError:
        if db is not None:
            db.close()
        raise
    except sqlite3.DatabaseError as e:
        if db is not None:
            db.close()
        raise StoreError(f"{path}: not a usable plany database ({e})") from None
    _register_functions(db)
    return db
