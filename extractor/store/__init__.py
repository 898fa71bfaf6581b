"""The SQLite store: import records, search them, read them back.

    from extractor.store import open_db, import_record, search, get_document
    db = open_db("plany.db")                      # creates/migrates; WAL; foreign keys on
    status, doc_id = import_record(db, record)    # "inserted" | "skipped" | "replaced"
    hits = search(db, "straz miejska", locality="Łuków", year=2024)
    rec = get_document(db, doc_id)                # the stored record (None if unknown)
"""
from __future__ import annotations

from extractor.store.schema import DB_SCHEMA_VERSION, StoreError, open_db
from extractor.store.search import build_fts_query, search
from extractor.store.writer import (RecordError, delete_document, document_id_for, get_document,
                                    import_record)

__all__ = ["open_db", "import_record", "search", "get_document", "delete_document", "document_id_for",
           "build_fts_query", "StoreError", "RecordError", "DB_SCHEMA_VERSION"]
