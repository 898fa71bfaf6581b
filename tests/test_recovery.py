"""An import killed at any moment leaves a consistent database, and running it again finishes
the job.  For real: ``plany import --workers 2`` on 150 generated documents in a subprocess,
SIGKILLed once it has committed some documents, and again after a random short delay."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_import_parallel import make_corpus

N_DOCS = 150

# record key -> (table, how many rows the record's value should give)
LISTS = {
    "sections": "sections", "threats": "threats", "locations": "locations", "time_windows": "time_windows",
    "targets": "targets", "actions": "actions", "partners": "partners", "persons": "persons",
    "indicators": "indicators",
}
CHILD_TABLES = ("sections", "threats", "locations", "time_windows", "targets", "actions", "partners",
                "action_partners", "persons", "indicators", "indicator_values")


def plany_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "plany"
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from extractor.cli import main; main()"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("kill_corpus")
    make_corpus(root, N_DOCS)
    return root


def doc_count(db: Path) -> int:
    """Committed documents, read without taking any lock that could disturb the importer."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def start_import(corpus: Path, db: Path, *extra) -> subprocess.Popen:
    return subprocess.Popen(plany_cmd() + ["import", str(corpus), "--db", str(db), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def kill_group(p: subprocess.Popen) -> None:
    try:
        os.killpg(p.pid, signal.SIGKILL)  # the importer and its workers, all at once
    except ProcessLookupError:
        pass
    p.communicate(timeout=60)


def check_consistent(db: Path) -> int:
    """Everything a killed import may have left: returns the number of documents."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone():
            return 0  # killed before the schema was committed: nothing at all
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for t in CHILD_TABLES:  # no orphan rows
            n = conn.execute(f"SELECT count(*) FROM {t} WHERE document_id NOT IN (SELECT id FROM documents)")
            assert n.fetchone()[0] == 0, t
        assert conn.execute("SELECT count(*) FROM action_partners "
                            "WHERE action_id NOT IN (SELECT id FROM actions)").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM indicator_values "
                            "WHERE indicator_id NOT IN (SELECT id FROM indicators)").fetchone()[0] == 0
        # the full-text index holds exactly the stored documents
        conn.execute("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)")
        # every document has all its rows: compare with the record stored in the document row
        counts = {t: dict(conn.execute(f"SELECT document_id, count(*) FROM {t} GROUP BY document_id"))
                  for t in CHILD_TABLES}
        docs = conn.execute("SELECT id, sha256, record FROM documents").fetchall()
        with_children = 0
        for doc_id, sha, rec_json in docs:
            rec = json.loads(rec_json)
            assert rec["source"]["sha256"] == sha
            for key, table in LISTS.items():
                want = len(rec.get(key) or [])
                assert counts[table].get(doc_id, 0) == want, (doc_id, key)
            want_values = sum(len(i.get("values") or {}) for i in rec.get("indicators") or [])
            assert counts["indicator_values"].get(doc_id, 0) == want_values
            with_children += bool(rec.get("sections")) and bool(rec.get("threats"))
        assert conn.execute("SELECT count(DISTINCT sha256) FROM documents").fetchone()[0] == len(docs)
        # the log of the killed run agrees with what it committed (updated in the same transactions)
        for run_id, inserted in conn.execute("SELECT id, inserted FROM import_runs"):
            n = conn.execute("SELECT count(*) FROM documents WHERE import_run_id = ?", (run_id,)).fetchone()[0]
            assert n == inserted, run_id
        if docs:
            assert with_children > 0  # the test documents do have sections and threats
        return len(docs)
    finally:
        conn.close()


def finish_and_check(corpus: Path, db: Path, killed_at: int) -> None:
    print(f"killed with {killed_at} of {N_DOCS} documents committed")
    p = subprocess.run(plany_cmd() + ["import", str(corpus), "--db", str(db), "--workers", "2"],
                       capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == f"imported {N_DOCS - killed_at}, skipped {killed_at}, replaced 0, failed 0"
    assert check_consistent(db) == N_DOCS
    conn = sqlite3.connect(db)
    runs = conn.execute("SELECT status FROM import_runs ORDER BY id").fetchall()
    conn.close()
    if 0 < killed_at < N_DOCS:
        assert runs[0] == ("interrupted",)  # marked by the next run: its process is gone
    assert runs[-1] == ("done",)


def test_killed_after_first_commit(corpus, tmp_path):
    db = tmp_path / "k.db"
    p = start_import(corpus, db, "--workers", "2", "--batch-size", "10")
    deadline = time.monotonic() + 600
    while doc_count(db) == 0:
        assert p.poll() is None, p.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    kill_group(p)
    n = check_consistent(db)
    assert 0 < n < N_DOCS, n  # killed in the middle
    finish_and_check(corpus, db, n)


@pytest.mark.parametrize("seed", [1, 2])
def test_killed_after_a_random_delay(corpus, tmp_path, seed):
    rnd = random.Random(seed * 7919 + int(os.environ.get("PLANY_KILL_SEED", "0")))
    db = tmp_path / "r.db"
    p = start_import(corpus, db, "--workers", "2", "--batch-size", str(rnd.choice([1, 5, 50])))
    time.sleep(rnd.uniform(0.2, 6.0))
    kill_group(p)
    n = check_consistent(db)
    finish_and_check(corpus, db, n)


def test_killed_in_process_import(corpus, tmp_path):
    db = tmp_path / "s.db"
    p = start_import(corpus, db, "--workers", "1", "--batch-size", "3")
    deadline = time.monotonic() + 600
    while doc_count(db) < 5:
        assert p.poll() is None, p.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    kill_group(p)
    n = check_consistent(db)
    assert 0 < n < N_DOCS
    finish_and_check(corpus, db, n)


def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
                cmd = (d / "cmdline").read_bytes()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == pid and b"multiprocessing" in cmd and b"resource_tracker" not in cmd:
                out.append(int(d.name))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_exit_when_the_importer_is_killed(corpus, tmp_path):
    db = tmp_path / "w.db"
    p = start_import(corpus, db, "--workers", "2", "--batch-size", "10")
    deadline = time.monotonic() + 600
    workers: list[int] = []
    while doc_count(db) == 0 or not workers:
        assert p.poll() is None, p.communicate()
        assert time.monotonic() < deadline
        workers = workers or _children(p.pid)
        time.sleep(0.05)
    os.kill(p.pid, signal.SIGKILL)  # the importer only: its workers are left behind ...
    p.communicate(timeout=60)
    end = time.monotonic() + 30
    alive = workers
    while alive and time.monotonic() < end:  # ... and notice within a few seconds
        alive = [w for w in workers if Path(f"/proc/{w}").exists()
                 and "Z" not in (Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[0])]
        time.sleep(0.2)
    try:
        assert alive == []
    finally:
        for w in alive:
            try:
                os.kill(w, signal.SIGKILL)
            except ProcessLookupError:
                pass
    finish_and_check(corpus, db, check_consistent(db))
