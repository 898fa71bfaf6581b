"""Every value stored in the database carries evidence offsets that point at its text in the stored
document text — checked over the whole project corpus, imported into a real SQLite file."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import iter_documents, process
from extractor.store import import_record, open_db

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "docs"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    db = open_db(str(tmp_path_factory.mktemp("ev") / "plany.db"))
    for d in iter_documents([str(CORPUS)]):
        assert not isinstance(d, Exception), d
        import_record(db, process(d, "blank").to_record())
    return db


def evidence_tables(db):
    out = []
    for (name,) in db.conn.execute("SELECT name FROM sqlite_master WHERE type='table'"):
        cols = {r[1] for r in db.conn.execute(f'PRAGMA table_info("{name}")')}
        if {"document_id", "text", "start", "end"} <= cols:
            out.append(name)
    return out


def test_every_stored_value_points_at_its_evidence(db):
    texts = dict(db.conn.execute("SELECT id, text FROM documents"))
    tables = evidence_tables(db)
    assert {"threats", "locations", "partners", "persons", "actions", "targets"} <= set(tables)
    checked = 0
    for table in tables:
        for doc_id, t, s, e in db.conn.execute(f'SELECT document_id, "text", "start", "end" FROM "{table}"'):
            if s is None:
                continue
            assert texts[doc_id][s:e] == t, (table, doc_id, t)
            checked += 1
    assert checked > 300


def test_sections_lie_inside_the_text(db):
    texts = dict(db.conn.execute("SELECT id, text FROM documents"))
    for doc_id, s, e in db.conn.execute('SELECT document_id, "start", "end" FROM sections'):
        assert 0 <= s <= e <= len(texts[doc_id])
