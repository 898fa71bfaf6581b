"""``plany export`` and ``plany schema``: records round-trip, CSV tables join by their ids."""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from extractor.cli import app

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "docs"
VOLATILE = {"imported_at", "import_run_id"}  # keys a store may add that are not part of what was extracted


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """A database of corpus/docs and the records as extracted, by sha256."""
    from extractor.pipeline import iter_documents, process
    from extractor.store import import_record, open_db

    path = tmp_path_factory.mktemp("export") / "plany.db"
    db = open_db(path)
    records = {}
    try:
        for doc in iter_documents([str(CORPUS)]):
            assert not isinstance(doc, Exception), doc
            rec = process(doc).to_record()
            records[rec["source"]["sha256"]] = json.loads(json.dumps(rec, ensure_ascii=False))
            import_record(db, rec)
    finally:
        db.close()
    return path, records


def strip(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if k not in VOLATILE}


@pytest.fixture(scope="module")
def schema():
    r = run("schema")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_schema_command(schema):
    from extractor import SCHEMA_VERSION
    from extractor.schema import load_schema

    assert schema == load_schema()
    assert schema["version"] == SCHEMA_VERSION and SCHEMA_VERSION in schema["$id"]
    Draft202012Validator.check_schema(schema)


def test_jsonl_round_trip(imported, schema, tmp_path):
    db, records = imported
    out = tmp_path / "all.jsonl"
    r = run("export", "--format", "jsonl", "--db", db, "--out", out)
    assert r.exit_code == 0, r.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(records)
    validator = Draft202012Validator(schema)
    for line in lines:
        rec = json.loads(line)
        errors = list(validator.iter_errors(rec))
        assert not errors, errors[0].message
        assert isinstance(rec["text"], str) and rec["text"]
        assert strip(rec) == strip(records[rec["source"]["sha256"]])


def test_jsonl_stdout_and_json_list(imported, tmp_path):
    db, records = imported
    r = run("export", "--db", db)
    assert r.exit_code == 0
    from_stdout = [json.loads(x) for x in r.stdout.splitlines()]
    out = tmp_path / "all.json"
    r = run("export", "--format", "json", "--db", db, "-o", out)
    assert r.exit_code == 0, r.output
    as_list = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(as_list, list) and as_list == from_stdout and len(as_list) == len(records)


def test_exported_records_import_again(imported, tmp_path):
    """A JSON Lines export is a valid input of the store: re-importing it gives the same records."""
    from extractor.store import get_document, import_record, open_db

    db, records = imported
    r = run("export", "--db", db, "--doc-type", "priority_plan")
    db2 = open_db(tmp_path / "again.db")
    try:
        for line in r.stdout.splitlines():
            rec = json.loads(line)
            status, doc_id = import_record(db2, rec)
            assert status == "inserted"
            assert strip(get_document(db2, doc_id)) == strip(rec)
    finally:
        db2.close()


def test_filters(imported):
    db, records = imported
    def export(*filters):
        r = run("export", "--db", db, *filters)
        assert r.exit_code == 0, r.output
        return [json.loads(x) for x in r.stdout.splitlines()]

    plans = export("--doc-type", "priority_plan")
    assert plans and all(r["doc_type"] == "priority_plan" for r in plans)
    assert len(plans) == sum(1 for r in records.values() if r["doc_type"] == "priority_plan")
    alcohol = export("--threat", "alcohol_public")
    assert alcohol and all(any(t["category"] == "alcohol_public" for t in r["threats"]) for r in alcohol)
    swidnik = export("--locality", "Świdniku")
    assert swidnik and all(r["locality"] == "Świdnik" for r in swidnik)
    y2024 = export("--year", "2024")
    assert y2024 and all((r["date"] or "").startswith("2024") or (r["period"] and r["period"]["start"] <= "2024-12-31"
                                                                  and (r["period"]["end"] or "9") >= "2024-01-01")
                         for r in y2024)
    assert export("--threat", "no_such_code") == []


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_tables_join(imported, tmp_path):
    db, records = imported
    out = tmp_path / "csv"
    r = run("export", "--format", "csv", "--db", db, "--out", out)
    assert r.exit_code == 0, r.output
    for t in ("documents", "sections", "threats", "locations", "time_windows", "targets", "actions", "partners",
              "persons", "indicators", "organisations", "action_partners", "indicator_values"):
        assert (out / f"{t}.csv").exists(), t
    docs = read_csv(out / "documents.csv")
    assert len(docs) == len(records)
    assert {"id", "sha256", "doc_type", "locality", "unit", "text"} <= set(docs[0])
    assert "text_folded" not in docs[0] and "record" not in docs[0]
    doc_ids = {d["id"] for d in docs}
    conn = sqlite3.connect(db)
    try:
        for f in out.glob("*.csv"):
            rows = read_csv(f)
            header = open(f, encoding="utf-8").readline()
            assert header.strip(), f
            table = f.stem
            assert len(rows) == conn.execute(f'select count(*) from "{table}"').fetchone()[0], table
            if "document_id" in (rows[0] if rows else {}):
                assert {r["document_id"] for r in rows} <= doc_ids, table
    finally:
        conn.close()
    actions = {r["id"] for r in read_csv(out / "actions.csv")}
    assert {r["action_id"] for r in read_csv(out / "action_partners.csv")} <= actions
    indicators = {r["id"] for r in read_csv(out / "indicators.csv")}
    assert {r["indicator_id"] for r in read_csv(out / "indicator_values.csv")} <= indicators
    orgs = {r["id"] for r in read_csv(out / "organisations.csv")}
    assert {r["organisation_id"] for r in read_csv(out / "partners.csv") if r["organisation_id"]} <= orgs
    # the values survive: threats of a document as in its record
    by_sha = {d["sha256"]: d["id"] for d in docs}
    threats = read_csv(out / "threats.csv")
    for sha, rec in records.items():
        cats = sorted(t["category"] for t in rec["threats"])
        assert sorted(t["category"] for t in threats if t["document_id"] == by_sha[sha]) == cats


def test_csv_filtered(imported, tmp_path):
    db, records = imported
    out = tmp_path / "news"
    r = run("export", "--format", "csv", "--db", db, "--out", out, "--doc-type", "news")
    assert r.exit_code == 0, r.output
    docs = read_csv(out / "documents.csv")
    assert docs and all(d["doc_type"] == "news" for d in docs)
    ids = {d["id"] for d in docs}
    for f in out.glob("*.csv"):
        rows = read_csv(f)
        if rows and "document_id" in rows[0]:
            assert {r["document_id"] for r in rows} <= ids, f.name


def test_errors(imported, tmp_path):
    db, _ = imported
    r = run("export", "--format", "xml", "--db", db)
    assert r.exit_code == 2 and "unknown format" in r.output
    r = run("export", "--format", "csv", "--db", db)
    assert r.exit_code == 2 and "--out" in r.output
    r = run("export", "--db", tmp_path / "none.db")
    assert r.exit_code == 1 and "no such database" in r.output
    f = tmp_path / "file"
    f.write_text("x")
    r = run("export", "--format", "csv", "--db", db, "--out", f)
    assert r.exit_code == 1 and "not a directory" in r.output
