"""The SQLite store: schema, idempotent import, --force replace, atomicity, organisations."""
from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.pipeline import extract_text
from extractor.store import (DB_SCHEMA_VERSION, RecordError, StoreError, delete_document, get_document,
                             import_record, open_db)
from extractor.store import orgs, writer
from extractor.store.fold import fold, lemma_text, place_keys, place_match
from extractor.store.orgs import MATCH_THRESHOLD, org_key, same_body

PLAN_TEXT = (
    "Plan działania priorytetowego\n"
    "Komenda Powiatowa Policji w Łukowie\n"
    "Zagrożenie: spożywanie alkoholu w miejscach niedozwolonych w rejonie ul. Warszawskiej 12 w Łukowie.\n"
    "Podmioty współpracujące: Straż Miejska w Łukowie, Szkoła Podstawowa nr 4 w Łukowie.\n"
    "Sporządził: asp. szt. Jan Kowalski\n"
)

CHILD_TABLES = ("sections", "threats", "locations", "time_windows", "targets", "actions", "partners",
                "action_partners", "persons", "indicators", "indicator_values")


def span(text: str, phrase: str, **values) -> dict:
    start = text.index(phrase)
    return dict(values, text=phrase, start=start, end=start + len(phrase))


def plan_record(text: str = PLAN_TEXT, path: str = "plan_lukow.txt", **overrides) -> dict:
    """A filled record written by hand following CONTRACT.md (offsets are real)."""
    rec = {
        "schema_version": "1.0",
        "source": {"path": path, "sha256": hashlib.sha256(text.encode()).hexdigest(), "format": "txt",
                   "encoding": "utf-8", "size": len(text.encode())},
        "doc_type": "priority_plan",
        "date": "2024-01-15",
        "period": {"start": "2024-01-01", "end": "2024-06-30"},
        "unit": {"name": "Komenda Powiatowa Policji w Łukowie", "kind": "police_hq"},
        "locality": "Łuków",
        "district": "8",
        "officer": {"name": "Jan Kowalski", "rank": "asp. szt."},
        "sections": [{"kind": "threat", "title": "Zagrożenie", "start": text.index("Zagrożenie"),
                      "end": text.index("Podmioty")}],
        "threats": [span(text, "spożywanie alkoholu w miejscach niedozwolonych", category="alcohol_public")],
        "locations": [span(text, "ul. Warszawskiej 12", name="ul. Warszawska 12", kind="address",
                           street="Warszawska", number="12", locality="Łuków")],
        "time_windows": [{"from": "18:00", "to": "22:00", "days": ["sat", "sun"], "parts_of_day": ["evening"],
                          "text": "", "start": 0, "end": 0}],
        "targets": [{"direction": "decrease", "value": 10, "unit": "percent", "qualifier": "at_least",
                     "metric": "interwencje", "baseline": None, "text": "", "start": 0, "end": 0}],
        "partners": [span(text, "Straż Miejska w Łukowie", name="Straż Miejska w Łukowie", kind="municipal_police",
                          tasks=["patrole"]),
                     span(text, "Szkoła Podstawowa nr 4 w Łukowie", name="Szkoła Podstawowa nr 4 w Łukowie",
                          kind="school", tasks=[])],
        "actions": [{"text": "patrole", "start": 0, "end": 7,
                     "deadline": {"start": "2024-01-01", "end": "2024-06-30", "granularity": "plan_period"},
                     "recurrence": "P1W", "partners": ["Straż Miejska w Łukowie"]}],
        "persons": [span(text, "asp. szt. Jan Kowalski", name="Jan Kowalski", rank="asp. szt.", role=None)],
        "indicators": [{"name": "liczba interwencji", "source": "KPP", "values": {"2022": 14, "2023": 11},
                        "text": "", "start": 0, "end": 0}],
        "model": "test",
        "text": text,
    }
    rec.update(overrides)
    return rec


def counts(db) -> dict:
    return {t: db.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "organisations") + CHILD_TABLES}


@pytest.fixture
def db(tmp_path):
    d = open_db(tmp_path / "plany.db")
    yield d
    d.close()


# ---- schema ----------------------------------------------------------------------------

def test_open_db_creates_schema_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "x.db"
    db = open_db(path)
    names = set(db.table_names())
    assert {"documents", "schema_version", "organisations", "documents_fts", *CHILD_TABLES} <= names
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT version FROM schema_version").fetchall() == [(DB_SCHEMA_VERSION,)]
    idx = {r[1] for r in db.execute("SELECT type, name FROM sqlite_master WHERE type='index'")}
    assert {"idx_documents_locality", "idx_documents_unit", "idx_documents_doc_type", "idx_documents_date",
            "idx_threats_category", "idx_partners_document"} <= idx
    db.close()
    db = open_db(path)  # reopening does not migrate twice
    assert db.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 1
    db.close()


def test_open_db_read_only_refuses_missing_or_foreign_files(tmp_path):
    with pytest.raises(StoreError):
        open_db(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a plany database"):
        open_db(other, create=False)
    with pytest.raises(StoreError, match="not a plany database"):
        open_db(other)  # nor are tables added to it
    assert [r[0] for r in sqlite3.connect(other).execute("SELECT name FROM sqlite_master")] == ["t"]
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError):
        open_db(junk)
    with pytest.raises(StoreError):
        open_db(tmp_path / "no" / "such" / "dir.db")


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    db = open_db(path)
    db.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, 'x')", (DB_SCHEMA_VERSION + 1,))
    db.close()
    with pytest.raises(StoreError, match="newer"):
        open_db(path)


# ---- import ----------------------------------------------------------------------------

def test_import_extracted_record_and_read_it_back(db):
    rec = extract_text(PLAN_TEXT, path="plan.txt")
    status, doc_id = import_record(db, rec)
    assert status == "inserted"
    back = get_document(db, doc_id)
    assert back == json.loads(json.dumps(rec, ensure_ascii=False))
    row = db.conn.execute("SELECT sha256, path, text, text_folded FROM documents WHERE id=?", (doc_id,)).fetchone()
    assert row[0] == rec["source"]["sha256"] and row[1] == "plan.txt" and row[2] == rec["text"]
    assert len(row[3]) == len(row[2]) and "lukowie" in row[3]
    assert get_document(db, 999) is None


def test_filled_record_rows_and_evidence(db):
    rec = plan_record()
    _, doc_id = import_record(db, rec)
    c = counts(db)
    assert c["documents"] == 1 and c["threats"] == 1 and c["locations"] == 1 and c["partners"] == 2
    assert c["persons"] == 1 and c["indicators"] == 1 and c["indicator_values"] == 2 and c["action_partners"] == 1
    d = db.conn.execute("SELECT doc_type, date, period_start, period_end, unit, unit_kind, locality, district, "
                        "officer_name, officer_rank, schema_version FROM documents").fetchone()
    assert d == ("priority_plan", "2024-01-15", "2024-01-01", "2024-06-30", "Komenda Powiatowa Policji w Łukowie",
                 "police_hq", "Łuków", "8", "Jan Kowalski", "asp. szt.", "1.0")
    text = db.conn.execute("SELECT text FROM documents").fetchone()[0]
    for table in ("threats", "locations", "partners", "persons"):
        for t, s, e in db.conn.execute(f'SELECT "text", "start", "end" FROM {table}'):
            assert text[s:e] == t
    tw = db.conn.execute("SELECT time_from, time_to, days, parts_of_day FROM time_windows").fetchone()
    assert tw == ("18:00", "22:00", "sat sun", "evening")
    assert db.conn.execute("SELECT year, value FROM indicator_values ORDER BY year").fetchall() == [(2022, 14), (2023, 11)]
    # the action's partner is the same organisation as the listed partner
    ap = db.conn.execute("SELECT organisation_id FROM action_partners").fetchone()[0]
    p = db.conn.execute("SELECT organisation_id FROM partners WHERE name LIKE 'Straż%'").fetchone()[0]
    assert ap == p


def test_several_districts_and_officers_are_json_lists(db):
    rec = plan_record(district=["8", "XIV"], officer=[{"name": "Jan Kowalski", "rank": "asp."},
                                                      {"name": "Anna Nowak", "rank": "sierż."}])
    import_record(db, rec)
    district, names = db.conn.execute("SELECT district, officer_name FROM documents").fetchone()
    assert json.loads(district) == ["8", "XIV"]
    assert json.loads(names) == ["Jan Kowalski", "Anna Nowak"]


def test_reimport_is_skipped_and_force_replaces_without_doubling(db):
    rec = plan_record()
    assert import_record(db, rec) == ("inserted", 1)
    before = counts(db)
    assert import_record(db, rec) == ("skipped", 1)
    assert counts(db) == before
    assert import_record(db, rec, force=True) == ("replaced", 1)
    assert counts(db) == before
    # the search index holds the document once
    assert db.conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'lukowie'").fetchone()[0] == 1
    # a re-extraction with different lists replaces the old rows
    rec2 = plan_record(threats=[], partners=[], actions=[])
    assert import_record(db, rec2, force=True) == ("replaced", 1)
    c = counts(db)
    assert c["threats"] == 0 and c["partners"] == 0 and c["action_partners"] == 0 and c["documents"] == 1
    assert c["organisations"] == 0  # organisations nobody refers to any more are dropped


def test_failed_insert_leaves_nothing_of_the_document(db, monkeypatch):
    good = plan_record(text=PLAN_TEXT + "inny dokument\n", path="good.txt")
    good["source"]["sha256"] = "0" * 64
    import_record(db, good)
    before = counts(db)
    # a record whose threats list holds a non-object: fails after the document row and sections are written
    bad = plan_record()
    bad["threats"] = [bad["threats"][0], "not an object"]
    with pytest.raises(RecordError):
        import_record(db, bad)
    assert counts(db) == before
    assert db.conn.execute("SELECT count(*) FROM documents WHERE sha256=?", (bad["source"]["sha256"],)).fetchone()[0] == 0

    # an insert that raises half-way (after the document row, sections, threats, locations ...)
    real_resolve = orgs.resolve
    calls = []

    def boom(*a, **k):
        calls.append(a)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error (simulated)")
        return real_resolve(*a, **k)

    monkeypatch.setattr(orgs, "resolve", boom)
    with pytest.raises(sqlite3.OperationalError):
        import_record(db, plan_record())
    assert counts(db) == before
    assert not db.conn.in_transaction
    n = db.conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'warszawskiej'").fetchone()[0]
    assert n == 1  # only the good document

    # a failing --force replace keeps the previous version intact
    monkeypatch.setattr(orgs, "resolve", real_resolve)
    good_id = db.conn.execute("SELECT id FROM documents").fetchone()[0]
    monkeypatch.setattr(writer, "_drop_orphan_organisations", lambda conn: (_ for _ in ()).throw(RuntimeError("x")))
    with pytest.raises(RuntimeError):
        import_record(db, plan_record(text=good["text"], path="good.txt", source=good["source"], threats=[]), force=True)
    assert counts(db) == before
    assert get_document(db, good_id)["threats"]


def test_delete_document_cascades(db):
    _, doc_id = import_record(db, plan_record())
    assert delete_document(db, doc_id)
    assert all(v == 0 for v in counts(db).values())
    assert not delete_document(db, doc_id)


def test_record_without_text_or_sha(db):
    rec = plan_record()
    del rec["source"]["sha256"]
    status, doc_id = import_record(db, rec)
    assert status == "inserted"
    assert import_record(db, rec)[0] == "skipped"  # keyed by the sha256 of its text


# ---- folding -------------------------------------------------------------------------------

def test_fold_strips_diacritics_and_l_stroke():
    assert fold("Łódź ŁUKÓW Zażółć gęślą jaźń") == "lodz lukow zazolc gesla jazn"
    assert fold("Straży Miejskiej") == "strazy miejskiej"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_fold_keeps_offsets(s):
    assert len(fold(s)) == len(s)


def test_lemma_text_and_place_keys():
    assert "lodz" in lemma_text("w Łodzi").split()
    assert "lukow" in place_keys("Łukowie")
    assert place_match("Łuków", "Łukowie") and place_match("Łuków", "lukow") and place_match("Łódź", "lodzi")
    assert place_match("Lublin", "Lublinie") and not place_match("Lublin", "Łuków")
    assert not place_match("Lubliniec", "Lublin") and not place_match("Lubliniec", "lublin")  # another town
    assert place_match("Bielsko-Biała", "bielsku-bialej") and place_match("Nakło nad Notecią", "nakle nad notecia")
    assert place_match("Piotrków Trybunalski", "Piotrkowie Trybunalskim") and place_match("Warszawa", "warszawy")


# ---- organisations ------------------------------------------------------------------------

def test_threshold_keeps_near_names_apart_and_variants_together():
    def score(a, b):
        return same_body(org_key(a), org_key(b))

    # the same body written differently: merge
    assert score("Straż Miejska w Lublinie", "Straż Miejska Miasta Lublin") >= MATCH_THRESHOLD
    assert score("Straży Miejskiej w Lublinie", "SM Lublin") >= MATCH_THRESHOLD
    assert score("Miejskiego Ośrodka Pomocy Społecznej w Łukowie", "MOPS w Łukowie") >= MATCH_THRESHOLD
    assert score("Szkoła Podstawowa nr 4 im. Jana Pawła II w Łukowie", "SP nr 4 w Łukowie") >= MATCH_THRESHOLD
    assert score("II Liceum Ogólnokształcące w Lublinie", "Liceum Ogólnokształcące nr 2 w Lublinie") >= MATCH_THRESHOLD
    assert score("Spółdzielnia Mieszkaniowa „Motor”", "Spółdzielnia Mieszkaniowa Motor") >= MATCH_THRESHOLD
    # a one-letter typo in a long name still merges
    assert score("Powiatowe Centrum Pomocy Rodzinie w Łukowie", "Powiatowe Centrum Pomocy Rodzinei w Łukowie") >= MATCH_THRESHOLD
    # different bodies: apart
    assert score("Straż Miejska w Lublinie", "Straż Miejska w Łukowie") < MATCH_THRESHOLD  # town
    assert score("Szkoła Podstawowa nr 4 w Łukowie", "Szkoła Podstawowa nr 2 w Łukowie") < MATCH_THRESHOLD  # number
    # the pairs that fix the threshold at 90: one meaningful word apart scores 85 or less
    assert 80 <= score("Miejski Ośrodek Pomocy Społecznej w Łukowie", "Gminny Ośrodek Pomocy Społecznej w Łukowie") < MATCH_THRESHOLD
    assert score("Ośrodek Pomocy Społecznej w Łukowie", "Miejski Ośrodek Pomocy Społecznej w Łukowie") < MATCH_THRESHOLD
    assert score("Komenda Powiatowa Policji w Łukowie", "Komenda Miejska Policji w Łukowie") < MATCH_THRESHOLD
    assert score("Urząd Miasta Lublin", "Urząd Gminy Lublin") < MATCH_THRESHOLD


def _partner_record(path, locality, names):
    text = f"Plan {path}. Podmioty: " + "; ".join(names) + "."
    return {
        "schema_version": "1.0",
        "source": {"path": path, "sha256": hashlib.sha256(text.encode()).hexdigest(), "format": "txt"},
        "doc_type": "priority_plan", "locality": locality,
        "partners": [span(text, n, name=n, kind=None) for n in names],
        "text": text,
    }


def test_organisations_are_shared_across_documents(db):
    import_record(db, _partner_record("a.txt", "Lublin", ["Straż Miejska w Lublinie", "Szkoła Podstawowa nr 4"]))
    import_record(db, _partner_record("b.txt", "Lublin", ["Straż Miejska Miasta Lublin", "Szkoła Podstawowa nr 2"]))
    import_record(db, _partner_record("c.txt", "Łuków", ["Straż Miejska w Łukowie", "Szkoła Podstawowa nr 4 w Łukowie",
                                                          "Szkoła Podstawowa nr 2 w Łukowie"]))
    import_record(db, _partner_record("d.txt", "Łuków", ["Straż Miejska", "SP nr 4"]))
    rows = db.conn.execute("SELECT p.name, o.id FROM partners p JOIN organisations o ON o.id = p.organisation_id").fetchall()
    org = dict(rows)
    assert org["Straż Miejska w Lublinie"] == org["Straż Miejska Miasta Lublin"]
    assert org["Straż Miejska w Lublinie"] != org["Straż Miejska w Łukowie"]
    # a name without a town takes the document's locality
    assert org["Straż Miejska"] == org["Straż Miejska w Łukowie"]
    assert org["SP nr 4"] == org["Szkoła Podstawowa nr 4 w Łukowie"]
    assert org["Szkoła Podstawowa nr 4 w Łukowie"] != org["Szkoła Podstawowa nr 2 w Łukowie"]
    assert org["Szkoła Podstawowa nr 4"] != org["Szkoła Podstawowa nr 4 w Łukowie"]  # Lublin's school nr 4
    assert db.conn.execute("SELECT count(*) FROM organisations").fetchone()[0] == 6



def test_a_body_kind_is_set_once_and_a_known_kind_queues_nothing(db):
    def partner_rec(path, kind):
        rec = _partner_record(path, "Łuków", ["Straż Miejska w Łukowie"])
        rec["partners"][0]["kind"] = kind
        return rec

    import_record(db, partner_rec("a.txt", None))
    oid = db.conn.execute("SELECT organisation_id FROM partners").fetchone()[0]
    assert db.conn.execute("SELECT kind FROM organisations WHERE id = ?", (oid,)).fetchone()[0] is None
    import_record(db, partner_rec("b.txt", "municipal_guard"))   # the first mention that knows the kind sets it
    assert db.conn.execute("SELECT kind FROM organisations WHERE id = ?", (oid,)).fetchone()[0] == "municipal_guard"
    db.conn.execute("DELETE FROM documents_fts_queue")
    import_record(db, partner_rec("c.txt", "police_hq"))   # a later kind does not replace it ...
    assert db.conn.execute("SELECT kind FROM organisations WHERE id = ?", (oid,)).fetchone()[0] == "municipal_guard"
    # ... and the documents that already mention the body are not queued for a refresh: only the new one is
    queued = [r[0] for r in db.conn.execute("SELECT document_id FROM documents_fts_queue")]
    new_id = db.conn.execute("SELECT id FROM documents WHERE path = 'c.txt'").fetchone()[0]
    assert queued == [new_id]


# ---- concurrency ----------------------------------------------------------------------------

_WORKER = """
import hashlib, sys
from extractor.store import open_db, import_record
db = open_db(sys.argv[1])
for i in range(40):
    text = f"Dokument {sys.argv[2]} {i}: kradzieże w Łukowie."
    import_record(db, {"source": {"path": f"{sys.argv[2]}{i}", "sha256": hashlib.sha256(text.encode()).hexdigest()},
                       "locality": "Łuków", "text": text,
                       "partners": [{"name": "Straż Miejska w Łukowie", "text": "", "start": 0, "end": 0}]})
"""


def test_two_importers_on_one_database(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "shared.db"
    procs = [subprocess.Popen([sys.executable, "-c", _WORKER, str(path), tag], stderr=subprocess.PIPE, text=True)
             for tag in ("A", "B")]
    for p in procs:
        _out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    db = open_db(path)
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 80
    assert db.execute("SELECT count(*) FROM organisations").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 1
    db.close()


def test_wal_switch_waits_for_another_connection(tmp_path):
    """Switching a new database to WAL fails at once while another connection writes to it (SQLite does not
    wait); open_db retries (two importers starting on one new database met this)."""
    import threading
    import time

    path = tmp_path / "busy.db"
    open_db(path).close()
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("PRAGMA journal_mode=delete")   # as a database that another process has just created
    other.execute("CREATE TABLE t (x)")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO t VALUES (1)")   # another writer: the switch to WAL fails at once, not after a wait

    def release():
        time.sleep(0.4)
        other.execute("COMMIT")

    t = threading.Thread(target=release)
    t.start()
    try:
        with pytest.raises(sqlite3.OperationalError):
            sqlite3.connect(path).execute("PRAGMA journal_mode=wal")   # what open_db met
        db = open_db(path)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        db.close()
    finally:
        t.join()
        other.close()
