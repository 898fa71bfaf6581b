"""The SQLite store: import records, search them, read them back.

    from extractor.store import open_db, import_record, search, get_document
    db = open_db("plany.db")                      # creates/migrates; WAL; foreign keys on
    status, doc_id = import_record(db, record)    # "inserted" | "skipped" | "replaced"
    hits = search(db, "straz miejska", locality="Łuków", year=2024)
    rec = get_document(db, doc_id)                # the stored record (None if unknown)

Many files at once, in parallel worker processes, batched transactions:
``extractor.parallel.import_paths(db_path, paths, workers=N)``.  An older database is
upgraded when opened (``open_db(..., upgrade=False)`` refuses instead); ``migrate_database``
is ``plany migrate``.
"""
from __future__ import annotations

from extractor.store.schema import DB_SCHEMA_VERSION, MIGRATIONS, StoreError, migrate_database, open_db
from extractor.store.search import build_fts_query, search
from extractor.store.writer import (PreparedRecord, RecordError, delete_document, document_id_for,
                                    get_document, import_record, prepare_record, write_prepared)

__all__ = ["open_db", "import_record", "search", "get_document", "delete_document", "document_id_for",
           "build_fts_query", "StoreError", "RecordError", "DB_SCHEMA_VERSION", "MIGRATIONS", "migrate_database",
           "PreparedRecord", "prepare_record", "write_prepared"]
