-- plany database schema version 1, frozen: the DDL of a fresh v1 database (sqlite_master),
-- generated from extractor/store/schema.py at schema version 1. Do not edit.

CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);

CREATE TABLE documents (
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

CREATE INDEX idx_documents_locality ON documents(locality);

CREATE INDEX idx_documents_unit ON documents(unit);

CREATE INDEX idx_documents_doc_type ON documents(doc_type);

CREATE INDEX idx_documents_date ON documents(date);

CREATE INDEX idx_documents_period ON documents(period_start, period_end);

CREATE TABLE sections (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, idx INTEGER,
    kind TEXT, title TEXT, "start" INTEGER, "end" INTEGER
);

CREATE INDEX idx_sections_document ON sections(document_id);

CREATE INDEX idx_sections_kind ON sections(kind);

CREATE TABLE threats (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, idx INTEGER,
    category TEXT, "text" TEXT, "start" INTEGER, "end" INTEGER, extra TEXT
);

CREATE INDEX idx_threats_document ON threats(document_id);

CREATE INDEX idx_threats_category ON threats(category);

CREATE TABLE locations (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, idx INTEGER,
    name TEXT, kind TEXT, street TEXT, number TEXT, locality TEXT, "text" TEXT, "start" INTEGER, "end" INTEGER, extra TEXT
);

CREATE INDEX idx_locations_document ON locations(document_id);

CREATE INDEX idx_locations_name ON locations(name);

CREATE INDEX idx_locations_kind ON locations(kind);

CREATE INDEX idx_locations_locality ON locations(locality);

CREATE TABLE time_windows (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, idx INTEGER,
    time_from TEXT, time_to TEXT, days TEXT, parts_of_day TEXT, "text" TEXT, "start" INTEGER, "end" INTEGER, extra TEXT
);

CREATE INDEX idx_time_windows_document ON time_windows(document_id);

CREATE TABLE targets (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, idx INTEGER,
    direction TEXT, value REAL, unit TEXT, qualifier TEXT, metric TEXT, baseline TEXT, "text" TEXT, "start" INTEGER, "end" INTEGER, extra TEXT
);

CREATE INDEX idx_targets_document ON targets(document_id);

CREATE INDEX idx_targets_direction ON targets(direction);

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    core TEXT NOT NULL,
    numbers TEXT NOT NULL DEFAULT '',
    town TEXT,
    town_keys TEXT NOT NULL DEFAULT ''
);

CREATE INDEX idx_organisations_numbers ON organisations(numbers);

CREATE INDEX idx_organisations_kind ON organisations(kind);

CREATE TABLE actions (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, idx INTEGER,
    deadline_start TEXT, deadline_end TEXT, deadline_granularity TEXT, recurrence TEXT,
    partners TEXT, "text" TEXT, "start" INTEGER, "end" INTEGER, extra TEXT
);

CREATE INDEX idx_actions_document ON actions(document_id);

CREATE INDEX idx_actions_deadline ON actions(deadline_end);

CREATE INDEX idx_actions_recurrence ON actions(recurrence);

CREATE TABLE partners (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, idx INTEGER,
    name TEXT, kind TEXT, tasks TEXT,
    organisation_id INTEGER REFERENCES organisations(id),
    "text" TEXT, "start" INTEGER, "end" INTEGER, extra TEXT
);

CREATE INDEX idx_partners_document ON partners(document_id);

CREATE INDEX idx_partners_organisation ON partners(organisation_id);

CREATE INDEX idx_partners_kind ON partners(kind);

CREATE TABLE action_partners (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    name TEXT,
    organisation_id INTEGER REFERENCES organisations(id)
);

CREATE INDEX idx_action_partners_document ON action_partners(document_id);

CREATE INDEX idx_action_partners_action ON action_partners(action_id);

CREATE INDEX idx_action_partners_organisation ON action_partners(organisation_id);

CREATE TABLE persons (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, idx INTEGER,
    name TEXT, rank TEXT, role TEXT, "text" TEXT, "start" INTEGER, "end" INTEGER, extra TEXT
);

CREATE INDEX idx_persons_document ON persons(document_id);

CREATE INDEX idx_persons_name ON persons(name);

CREATE TABLE indicators (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, idx INTEGER,
    name TEXT, source TEXT, "text" TEXT, "start" INTEGER, "end" INTEGER, extra TEXT
);

CREATE INDEX idx_indicators_document ON indicators(document_id);

CREATE TABLE indicator_values (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    year INTEGER, value REAL
);

CREATE INDEX idx_indicator_values_document ON indicator_values(document_id);

CREATE INDEX idx_indicator_values_indicator ON indicator_values(indicator_id);

CREATE INDEX idx_indicator_values_year ON indicator_values(year);

CREATE VIRTUAL TABLE documents_fts USING fts5 (
    text_folded, lemmas, keywords,
    tokenize = 'unicode61 remove_diacritics 2',
    content = documents, content_rowid = id
);

CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts (rowid, text_folded, lemmas, keywords)
  VALUES (new.id, new.text_folded, new.lemmas, new.keywords);
END;

CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, text_folded, lemmas, keywords)
  VALUES ('delete', old.id, old.text_folded, old.lemmas, old.keywords);
END;

CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, text_folded, lemmas, keywords)
  VALUES ('delete', old.id, old.text_folded, old.lemmas, old.keywords);
  INSERT INTO documents_fts (rowid, text_folded, lemmas, keywords)
  VALUES (new.id, new.text_folded, new.lemmas, new.keywords);
END;

INSERT INTO schema_version (version, applied_at) VALUES (1, '2024-01-01T00:00:00+00:00');
