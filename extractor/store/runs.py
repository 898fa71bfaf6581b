"""The ``import_runs`` log (schema version 2): one row per ``plany import``.

A run is started in its own small transaction (status ``running``), its counts are
updated inside every batch transaction the importer commits (so the row of an import
that was killed still tells what it stored), and it is finished with status ``done``,
``failed`` (some files failed) or ``interrupted``.  A ``running`` row left by a process
that no longer exists (same host) is marked ``interrupted`` when the next run starts.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import socket

from extractor.store.schema import DB_SCHEMA_VERSION, transaction

COUNT_KEYS = ("inserted", "skipped", "replaced", "failed")


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def start_run(db, paths=(), workers: int | None = None, force: bool = False, model: str | None = None) -> int:
    """Record the start of an import; returns the run id."""
    from extractor import __version__

    host = socket.gethostname()
    with transaction(db):
        for run_id, pid in db.conn.execute(
                "SELECT id, pid FROM import_runs WHERE status = 'running' AND host = ?", (host,)).fetchall():
            if pid and pid != os.getpid() and not _alive(pid):
                db.conn.execute("UPDATE import_runs SET status = 'interrupted' WHERE id = ?", (run_id,))
        cur = db.conn.execute(
            "INSERT INTO import_runs (started_at, status, plany_version, schema_version, model, workers, force, "
            "paths, host, pid) VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)",
            (_now(), __version__, DB_SCHEMA_VERSION, model, workers, int(bool(force)),
             json.dumps([str(p) for p in paths], ensure_ascii=False), host, os.getpid()))
        return cur.lastrowid


def update_run(db, run_id: int, counts: dict) -> None:
    """Store the counts so far (call inside the transaction that wrote them)."""
    db.conn.execute("UPDATE import_runs SET inserted = ?, skipped = ?, replaced = ?, failed = ? WHERE id = ?",
                    (*(int(counts.get(k, 0)) for k in COUNT_KEYS), run_id))


def finish_run(db, run_id: int, counts: dict, status: str | None = None) -> None:
    """Record the end of a run: ``done`` (or ``failed`` when files failed), or the status given."""
    status = status or ("failed" if counts.get("failed") else "done")
    with transaction(db):
        update_run(db, run_id, counts)
        db.conn.execute("UPDATE import_runs SET finished_at = ?, status = ? WHERE id = ?", (_now(), status, run_id))


def list_runs(db, limit: int = 20) -> list[dict]:
    """The latest runs, newest first."""
    cur = db.conn.execute("SELECT * FROM import_runs ORDER BY id DESC LIMIT ?", (int(limit),))
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]
