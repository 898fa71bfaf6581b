"""``plany import``, ``plany search``, ``plany show``: happy paths and error cases."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app

PLAN = ("Plan działania priorytetowego\nKomenda Powiatowa Policji w Łukowie\n"
        "W rejonie ul. Warszawskiej w Łukowie dochodzi do kradzieży. Współpraca ze Strażą Miejską.\n")
NEWS = "Debata społeczna w Łodzi\nPolicjanci z Łodzi rozmawiali z mieszkańcami o Straży Miejskiej.\n"


@pytest.fixture
def files(tmp_path):
    a = tmp_path / "plan.txt"
    a.write_text(PLAN, encoding="utf-8")
    b = tmp_path / "news.txt"
    b.write_text(NEWS, encoding="utf-8")
    return tmp_path, a, b


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def db_counts(path):
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "sections")}
    finally:
        conn.close()


def test_import_skip_force(files):
    tmp, a, b = files
    db = tmp / "p.db"
    r = run("import", a, b, "--db", db)
    assert r.exit_code == 0, r.output
    assert "imported 2, skipped 0, replaced 0, failed 0" in r.stdout
    first = db_counts(db)
    r = run("import", a, b, "--db", db)
    assert r.exit_code == 0 and "imported 0, skipped 2, replaced 0, failed 0" in r.stdout
    r = run("import", a, "--db", db, "--force")
    assert r.exit_code == 0 and "imported 0, skipped 0, replaced 1, failed 0" in r.stdout
    assert db_counts(db) == first


def test_import_directory(files):
    tmp, a, b = files
    db = tmp / "out" / "p.db"
    db.parent.mkdir()
    r = run("import", tmp, "--db", db)
    assert r.exit_code == 0 and "imported 2" in r.stdout


def test_failed_files_are_reported_and_the_batch_continues(files):
    tmp, a, b = files
    db = tmp / "p.db"
    missing = tmp / "missing.txt"
    r = run("import", missing, a, "--db", db)
    assert r.exit_code == 1
    assert "imported 1, skipped 0, replaced 0, failed 1" in r.stdout
    assert "missing.txt" in r.stderr and r.stderr.startswith("plany: ")
    assert len(r.stderr.strip().splitlines()) == 1
    assert "Traceback" not in r.output
    assert db_counts(db)["documents"] == 1


def test_extraction_failure_is_one_line_and_nothing_half_written(files, monkeypatch):
    tmp, a, b = files
    db = tmp / "p.db"
    import extractor.pipeline as pipeline

    real = pipeline.process

    def process(doc, model="auto", **kw):
        if doc.source.path.endswith("news.txt"):
            raise ValueError("boom")
        return real(doc, model, **kw)

    monkeypatch.setattr(pipeline, "process", process)
    r = run("import", a, b, "--db", db)
    assert r.exit_code == 1
    assert "imported 1, skipped 0, replaced 0, failed 1" in r.stdout
    assert "news.txt" in r.stderr and "boom" in r.stderr and "Traceback" not in r.output

    # a store failure (after extraction) rolls back that document only
    import extractor.store.writer as writer

    monkeypatch.setattr(pipeline, "process", real)
    monkeypatch.setattr(writer, "_write_children", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("disk full")))
    r = run("import", b, "--db", db)
    assert r.exit_code == 1 and "disk full" in r.stderr and "failed 1" in r.stdout
    assert db_counts(db)["documents"] == 1


def test_import_into_unusable_database(files):
    tmp, a, b = files
    junk = tmp / "junk.db"
    junk.write_bytes(b"not a database" * 200)
    r = run("import", a, "--db", junk)
    assert r.exit_code == 1 and "junk.db" in r.stderr and "Traceback" not in r.output
    r = run("import", a, "--db", tmp / "nodir" / "p.db")
    assert r.exit_code == 1 and "does not exist" in r.stderr


def test_search_table_and_json(files):
    tmp, a, b = files
    db = tmp / "p.db"
    run("import", a, b, "--db", db)
    r = run("search", "straz miejska", "--db", db)
    assert r.exit_code == 0, r.output
    assert "plan.txt" in r.stdout and "news.txt" in r.stdout
    assert "[Strażą] [Miejską]" in r.stdout  # highlighted (brackets when not a terminal)
    r = run("search", "lodz", "--db", db, "--format", "json")
    hits = json.loads(r.stdout)
    assert [h["path"].endswith("news.txt") for h in hits] == [True]
    assert "[Łodzi]" in hits[0]["snippet"] and isinstance(hits[0]["id"], int)
    r = run("search", "Łuków", "--db", db, "--format", "json", "--limit", "1", "--doc-type", "priority_plan")
    assert r.exit_code == 0
    r = run("search", "nic takiego", "--db", db)
    assert r.exit_code == 0 and "no documents found" in r.stdout
    r = run("search", "x", "--db", db, "--format", "xml")
    assert r.exit_code == 2 and "xml" in r.stderr


def test_show(files):
    tmp, a, b = files
    db = tmp / "p.db"
    run("import", a, "--db", db)
    hit = json.loads(run("search", "kradzież", "--db", db, "--format", "json").stdout)[0]
    r = run("show", hit["id"], "--db", db)
    assert r.exit_code == 0
    rec = json.loads(r.stdout)
    assert rec["source"]["path"].endswith("plan.txt") and "Łukowie" in rec["text"]
    r = run("show", rec["source"]["sha256"][:12], "--db", db)
    assert r.exit_code == 0 and json.loads(r.stdout)["source"] == rec["source"]
    r = run("show", "9999", "--db", db)
    assert r.exit_code == 1 and "9999" in r.stderr and "Traceback" not in r.output
    r = run("show", "nonsense", "--db", db)
    assert r.exit_code == 1


def test_read_commands_never_create_a_database(tmp_path):
    db = tmp_path / "none.db"
    for args in (("show", "1", "--db", db), ("search", "x", "--db", db)):
        r = run(*args)
        assert r.exit_code == 1
        assert "none.db" in r.stderr and "Traceback" not in r.output
        assert not db.exists()
        assert not Path(str(db) + "-wal").exists()


def test_entry_point_subprocess(files):
    tmp, a, b = files
    db = tmp / "p.db"
    exe = Path(sys.executable).parent / "plany"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from extractor.cli import main; main()"]
    env = dict(os.environ, COLUMNS="120")
    p = subprocess.run(cmd + ["import", str(a), str(tmp / "gone.txt"), "--db", str(db)],
                       capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 1
    assert p.stdout.strip() == "imported 1, skipped 0, replaced 0, failed 1"
    assert p.stderr.strip().startswith("plany: ") and "gone.txt" in p.stderr and "Traceback" not in p.stderr
    p = subprocess.run(cmd + ["show", "1", "--db", str(db)], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0 and json.loads(p.stdout)["source"]["path"].endswith("plan.txt")
    p = subprocess.run(cmd + ["show", "1", "--db", str(tmp / "x.db")], capture_output=True, text=True, env=env,
                       timeout=300)
    assert p.returncode == 1 and "Traceback" not in p.stderr and not (tmp / "x.db").exists()


def test_extract_reads_standard_input(files, tmp_path):
    """`plany extract -` reads one document (any format, or a .zip) from standard input, as the path "-";
    `plany import` says it does not take it; the size limit holds."""
    _tmp, a, _b = files
    exe = Path(sys.executable).parent / "plany"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from extractor.cli import main; main()"]
    data = Path(a).read_bytes()
    p = subprocess.run(cmd + ["extract", "-", "--no-text"], input=data, capture_output=True, timeout=300)
    assert p.returncode == 0, p.stderr
    rec = json.loads(p.stdout)
    assert rec["source"]["path"] == "-" and rec["source"]["size"] == len(data)
    assert rec == {**json.loads(subprocess.run(cmd + ["extract", str(a), "--no-text"], capture_output=True,
                                               timeout=300).stdout), "source": rec["source"]}
    p = subprocess.run(cmd + ["extract", "-", "--max-bytes", "10"], input=data, capture_output=True, text=False,
                       timeout=300)
    assert p.returncode == 1 and p.stdout == b""
    assert p.stderr.decode().strip().startswith("plany: -: input too large")
    db = tmp_path / "s.db"
    p = subprocess.run(cmd + ["import", "-", "--db", str(db)], input=data, capture_output=True, text=False,
                       timeout=300)
    assert p.returncode == 1 and b"plany extract -" in p.stderr and b"Traceback" not in p.stderr
