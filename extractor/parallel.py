"""Parallel, idempotent import: ingest + extraction in worker processes, one writer.

    from extractor.parallel import import_paths
    summary = import_paths("plany.db", ["corpus/docs"], workers=2)
    summary.inserted, summary.skipped, summary.replaced, summary.failed, summary.errors

How it runs:

* **Plan** (main process): the inputs are expanded in the order ``load_paths`` uses
  (directories recursively, sorted); each file's bytes are hashed and a file whose sha256 is
  already stored (or was seen earlier in this run) is skipped here, before any worker sees it.
  ``.zip`` archives go to a worker whole; their members are checked against the database by
  the worker (read-only connection) before extraction.
* **Workers** (``spawn`` context, ``ProcessPoolExecutor``): each loads the NLP pipeline once
  (warmed in the initializer), then for each file runs ingest, the pipeline and
  :func:`extractor.store.writer.prepare_record` (folded text, lemmas: the slow part of a write),
  and returns picklable outcomes.  Every exception becomes an error outcome for that file; a
  worker that dies (crash, out of memory) is detected, the pool restarted and the files that
  were in flight retried one at a time, so the one that kills a worker is reported and the
  others go on.  A worker exits by itself when the main process is gone.
* **Writer** (main process, the only one writing): results are taken in input order (so
  document ids are the same for any number of workers), and written in batched transactions
  (``batch_size`` documents or ``batch_seconds``, whichever comes first); each document is a
  savepoint inside the batch, so a document that fails to store is rolled back alone, and a
  document's rows are never split across two transactions.  A batch whose transaction fails
  as a whole is retried one document per transaction.

An import killed at any moment leaves a consistent database (SQLite transactions, WAL): the
documents of committed batches complete, nothing of the batch in progress.  Running the same
import again finishes the job.

``workers=1`` (or an input of only a few files) runs everything in-process, without a pool:
starting a worker costs about as much as extracting a few documents.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Sequence

from extractor.gc_tuning import batch_gc, enter_batch

# below this many files per worker, starting the pool costs more than it saves
MIN_FILES_PER_WORKER = 10
# futures in flight per worker: enough queued work to keep the workers busy while the writer commits a
# batch (50 documents take 150-200 ms to write into an archive of 100,000), few enough to bound memory
# (a result is ~20 kB)
WINDOW_PER_WORKER = 32
WARM_TEXT = ("Plan działania priorytetowego\nKomenda Powiatowa Policji w Łukowie\n"
             "Zagrożenie: spożywanie alkoholu w rejonie ul. Warszawskiej 12 w Łukowie w godzinach 18-22,\n"
             "na terenie powiatu łukowskiego.\n"
             "Podmioty współpracujące: Straż Miejska w Łukowie. Termin realizacji: do 30 czerwca 2024 r.\n"
             "Sporządził: asp. szt. Jan Kowalski\n")


@dataclass
class ImportSummary:
    inserted: int = 0
    skipped: int = 0
    replaced: int = 0
    failed: int = 0
    errors: list = field(default_factory=list)     # (path, one-line message) per failed file
    workers: int = 1                                # worker processes used (1: in-process)
    run_id: int | None = None                       # the import_runs row
    seconds: float = 0.0

    def counts(self) -> dict:
        return {"inserted": self.inserted, "skipped": self.skipped, "replaced": self.replaced,
                "failed": self.failed}


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# ------------------------------------------------------------------------------- planning

def is_database_file(path, db_path) -> bool:
    """Is ``path`` the database (or its -wal/-shm/-journal companion)?"""
    if not path or db_path is None or str(db_path) == ":memory:":
        return False
    try:
        p, d = Path(path).resolve(), Path(db_path).resolve()
    except OSError:
        return False
    return p == d or (p.parent == d.parent and p.name in {d.name + s for s in ("-wal", "-shm", "-journal")})


def _walk_dir(root: Path):
    try:
        from extractor.ingest import _walk_dir as walk  # the order load_paths uses
    except ImportError:  # pragma: no cover - same rules, kept in step with extractor.ingest
        def walk(root):
            found = []
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                rel = Path(dirpath).relative_to(root).parts
                found += [rel + (n,) for n in filenames
                          if not n.startswith(".") and n not in ("Thumbs.db", "desktop.ini")]
            return (root.joinpath(*parts) for parts in sorted(found))
    return walk(root)


def _file_sha256(path: Path, max_bytes: int) -> str | None:
    """sha256 of a file's bytes, or None when it is not worth it (an archive, too large, unreadable):
    the worker then reads it and reports what is wrong."""
    if path.name.lower().endswith(".zip"):
        return None  # an archive: its members are the documents
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
            return None  # a pipe or device would block or never end: ingest refuses it with a message
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


@dataclass(frozen=True)
class _Item:
    kind: str            # "unit" (send to a worker), "skip", "error"
    shown: str
    sha256: str | None = None
    message: str | None = None


def plan(paths: Iterable, db_path=None, stored: Callable[[str], bool] = lambda sha: False,
         force: bool = False, max_bytes: int | None = None) -> list[_Item]:
    """The files to import, in load order, with the stored (or repeated) ones marked to skip."""
    from extractor.ingest import DEFAULT_LIMITS, STDIN, IngestError

    try:  # the limit in force (argument, environment, default), as ingest will apply it
        from extractor.ingest import effective_limits

        max_bytes = effective_limits(max_bytes=max_bytes)["max_bytes"]
    except (ImportError, TypeError, ValueError):
        max_bytes = max_bytes or DEFAULT_LIMITS["max_bytes"]
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[_Item] = []
    seen: set[str] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files = _walk_dir(path)
        elif path.exists():
            files = [path]
        else:
            problem = ("standard input is read by `plany extract -`, not imported: save it to a file"
                       if str(p) == STDIN else "no such file or directory")
            out.append(_Item("error", str(p), message=str(IngestError(str(p), problem))))
            continue
        for f in files:
            if is_database_file(f, db_path):
                continue  # the database itself, found while walking a directory
            sha = _file_sha256(f, max_bytes)
            if sha is not None and (sha in seen or (not force and stored(sha))):
                out.append(_Item("skip", str(f), sha))
                continue
            if sha is not None:
                seen.add(sha)
            out.append(_Item("unit", str(f), sha))
    return out


# ------------------------------------------------------------------------------- workers

_W: dict = {}   # per-process worker state: model, force, limits, read-only database


def _watch_parent(ppid: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != ppid:
            os._exit(0)  # the importer is gone (killed): do not linger


def _init_worker(model, db_path, force, limits, ppid, timeout=None) -> None:
    """Worker initializer: NLP loaded and warmed once per process, a read-only database handle."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's business
    if ppid:
        threading.Thread(target=_watch_parent, args=(ppid,), daemon=True).start()
    _setup(model, db_path, force, limits, conn=None, timeout=timeout)
    _warm(model)
    enter_batch()   # for the life of the worker: what _warm loaded is frozen


def _warm(model) -> None:
    """Load the NLP model, rules and caches once (on a short text), and the format readers."""
    from extractor import pipeline
    from extractor.ingest import preload

    for step in (partial(pipeline.extract_text, WARM_TEXT, model=model), preload):
        try:
            step()
        except Exception:
            pass  # the real documents will report what is wrong


def _setup(model, db_path, force, limits, conn=None, timeout=None) -> None:
    _W.clear()
    _W.update(model=model, force=force, limits=dict(limits or {}), conn=conn, timeout=timeout)
    if conn is None and db_path and str(db_path) != ":memory:":
        try:
            from urllib.parse import quote

            c = sqlite3.connect(f"file:{quote(str(Path(db_path).resolve()))}?mode=ro", uri=True,
                                check_same_thread=False)
            c.execute("PRAGMA busy_timeout = 5000")
            _W["conn"] = c
        except sqlite3.Error:
            pass


def _stored(sha: str) -> bool:
    conn = _W.get("conn")
    if conn is None:
        return False
    try:
        return conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha,)).fetchone() is not None
    except sqlite3.Error:
        return False


from extractor.timelimit import ExtractionTimeout, time_limit  # noqa: E402
from extractor.timelimit import default_timeout as _default_timeout  # noqa: E402


def default_timeout() -> float:
    return _default_timeout(warn=False)


def _message(e: BaseException) -> str:
    return str(e) or type(e).__name__


def _call(task, path: str) -> list[tuple]:
    try:
        return task(path)
    except Exception as e:
        return [("error", path, f"{type(e).__name__}: {_message(e)}")]


def _load(paths):
    """Pipeline documents (ingest warnings carried over) and ingest errors, in load order."""
    from extractor.ingest import load_paths
    from extractor.record import Document, Source

    limits = dict(_W.get("limits") or {})
    for item in load_paths(paths, **limits):
        if isinstance(item, Exception):
            yield item
            continue
        src = Source(path=item.path, sha256=item.sha256, format=item.format, encoding=item.encoding, size=item.size)
        doc = Document(source=src, text=item.text)
        warnings = getattr(item, "warnings", None)
        if warnings and hasattr(doc, "warnings"):
            doc.warnings.extend(warnings)
        yield doc


def work(path: str) -> list[tuple]:
    """Ingest and extract one file (or archive): outcomes ``("doc", path, PreparedRecord)``,
    ``("skip", path, sha256)``, ``("error", path, message)``.  Never raises."""
    from extractor import pipeline
    from extractor.store.writer import prepare_record

    out: list[tuple] = []
    try:
        for item in _load([path]):
            if isinstance(item, Exception):
                out.append(("error", getattr(item, "path", None) or path, _message(item)))
                continue
            shown, sha = item.source.path, item.source.sha256
            if not _W.get("force") and _stored(sha):
                out.append(("skip", shown, sha))
                continue
            try:
                with time_limit(_W.get("timeout")):
                    record = pipeline.process(item, _W.get("model", "auto"), annotate=False).to_record()
            except ExtractionTimeout as e:
                out.append(("error", shown, str(e)))
                continue
            except Exception as e:  # an extractor bug must not end the batch
                out.append(("error", shown, f"extraction failed: {type(e).__name__}: {e}"))
                continue
            try:
                out.append(("doc", shown, prepare_record(record)))
            except Exception as e:
                out.append(("error", shown, f"not stored: {type(e).__name__}: {e}"))
    except Exception as e:  # a bug in ingest itself
        out.append(("error", path, f"cannot read: {type(e).__name__}: {e}"))
    return out


# ------------------------------------------------------------------------------- the writer

class _Writer:
    """Batches prepared documents into transactions; counts everything."""

    def __init__(self, db, summary: ImportSummary, force: bool, run_id, batch_size: int, batch_seconds: float,
                 on_error):
        self.db, self.summary, self.force, self.run_id = db, summary, force, run_id
        self.batch_size, self.batch_seconds = max(1, int(batch_size)), float(batch_seconds)
        self.on_error = on_error
        self.pending: list[tuple[str, object]] = []
        self.first_at: float | None = None
        self.written: set[str] = set()  # sha256 stored by this run

    def fail(self, shown: str, message: str) -> None:
        self.summary.failed += 1
        self.summary.errors.append((shown, message))
        if self.on_error is not None:
            self.on_error(shown, message)

    def add(self, outcomes) -> None:
        for kind, shown, payload in outcomes:
            if kind == "doc":
                if payload.sha256 in self.written or any(p.sha256 == payload.sha256 for _s, p in self.pending):
                    self.summary.skipped += 1  # the same document twice in one run
                    continue
                if not self.pending:
                    self.first_at = time.monotonic()
                self.pending.append((shown, payload))
            elif kind == "skip":
                self.summary.skipped += 1
            else:
                self.fail(shown, payload)
        if len(self.pending) >= self.batch_size or (self.pending and self.time_left() == 0):
            self.flush()

    def time_left(self) -> float | None:
        """Seconds until the pending batch is due (None: nothing pending)."""
        if not self.pending:
            return None
        return max(0.0, self.batch_seconds - (time.monotonic() - self.first_at))

    def _write(self, prepared) -> str:
        from extractor.store.writer import write_prepared

        status, _doc_id = write_prepared(self.db, prepared, force=self.force, import_run_id=self.run_id)
        return status

    def flush(self) -> None:
        from extractor.store.runs import update_run
        from extractor.store.schema import transaction

        batch, self.pending, self.first_at = self.pending, [], None
        if not batch:
            return
        conn = self.db.conn
        results: list[tuple] = []
        try:
            with transaction(self.db):
                for shown, prep in batch:
                    try:
                        results.append((shown, prep, self._write(prep), None))  # a savepoint each
                    except Exception as e:
                        if not conn.in_transaction:
                            raise  # SQLite rolled the whole batch back: retry below
                        results.append((shown, prep, None, e))
                if self.run_id is not None:
                    update_run(self.db, self.run_id, self._counts_after(results))
        except Exception:
            if conn.in_transaction:  # pragma: no cover - transaction() rolls back
                conn.rollback()
            results = []
            for shown, prep in batch:  # one document per transaction
                try:
                    results.append((shown, prep, self._write(prep), None))
                except Exception as e:
                    results.append((shown, prep, None, e))
        for shown, prep, status, err in results:
            if err is not None:
                self.fail(shown, f"not stored: {type(err).__name__}: {err}")
            else:
                setattr(self.summary, status, getattr(self.summary, status) + 1)
                self.written.add(prep.sha256)

    def _counts_after(self, results) -> dict:
        c = self.summary.counts()
        for _shown, _prep, status, err in results:
            c["failed" if err is not None else status] += 1
        return c


# ------------------------------------------------------------------------------- the import

def import_paths(db_path, paths: Sequence | str | os.PathLike, workers: int | None = None, force: bool = False,
                 model: str = "auto", batch_size: int = 50, on_progress: Callable | None = None,
                 on_error: Callable | None = None, batch_seconds: float = 1.0, limits: dict | None = None,
                 timeout: float | None = None, _task: Callable | None = None) -> ImportSummary:
    """Import files, directories and ``.zip`` archives into the database at ``db_path``.

    ``workers``: processes for ingest + extraction (default: the CPUs available; 1 runs
    in-process).  ``on_progress(done, total, path)`` after each input file;
    ``on_error(path, message)`` for each file that failed (also in ``summary.errors``).
    ``limits``: ingest options for ``load_paths`` (``max_bytes``, ``max_chars``, ``ocr``, ...; missing
    ones come from the ``PLANY_*`` environment, which workers inherit).  ``timeout``: seconds one
    document's extraction may take (None: ``PLANY_TIMEOUT`` or 600; 0: no limit); a document
    over it fails with one line, its worker goes on.
    Raises :class:`extractor.store.StoreError` when the database cannot be used.
    """
    from extractor.store import open_db
    from extractor.store.runs import finish_run, start_run
    from extractor.store.writer import document_id_for

    t0 = time.monotonic()
    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    workers = default_workers() if not workers or workers < 1 else int(workers)
    timeout = default_timeout() if timeout is None else float(timeout)
    task = _task or work
    db = open_db(db_path, create=True)
    summary = ImportSummary()
    try:
        items = plan(paths, db_path, stored=lambda sha: document_id_for(db, sha) is not None, force=force,
                     max_bytes=(limits or {}).get("max_bytes"))
        units = [it for it in items if it.kind == "unit"]
        n = min(workers, max(1, len(units) // MIN_FILES_PER_WORKER))
        summary.workers = n
        summary.run_id = start_run(db, paths, workers=n, force=force, model=model)
        writer = _Writer(db, summary, force, summary.run_id, batch_size, batch_seconds, on_error)
        total, done = len(items), [0]

        def progressed(shown: str) -> None:
            done[0] += 1
            if on_progress is not None:
                on_progress(done[0], total, shown)

        status = "interrupted"
        try:
            if n <= 1:
                _setup(model, None, force, limits, conn=db.conn, timeout=timeout)
                if units:
                    _warm(model)  # the model loads outside the first document's time limit
                with batch_gc():
                    for it in items:
                        if it.kind == "unit":
                            writer.add(_call(task, it.shown))
                        else:
                            writer.add([(it.kind, it.shown, it.message or it.sha256)])
                        progressed(it.shown)
            else:
                for it in items:  # skips and planning errors first: they need no worker
                    if it.kind != "unit":
                        writer.add([(it.kind, it.shown, it.message or it.sha256)])
                        progressed(it.shown)
                if on_progress is not None:
                    on_progress(done[0], total, f"starting {n} workers")
                with batch_gc():   # the writer's side
                    _run_pool(units, n, writer, task,
                              (model, str(db_path), force, limits or {}, os.getpid(), timeout), progressed)
            writer.flush()
            status = None
        finally:
            try:
                if status is not None:
                    writer.flush()  # Ctrl-C: keep what is complete
            finally:
                finish_run(db, summary.run_id, summary.counts(), status)
    finally:
        _W.clear()
        db.close()
    summary.seconds = time.monotonic() - t0
    return summary


def _run_pool(units, n, writer: _Writer, task, initargs, progressed) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("spawn")

    def new_pool(size):
        return ProcessPoolExecutor(max_workers=size, mp_context=ctx, initializer=_init_worker,
                                   initargs=initargs)

    pool = _pool_that_starts(new_pool, n)
    pending = deque(units)
    inflight: deque = deque()
    try:
        while pending or inflight:
            while pending and len(inflight) < n * WINDOW_PER_WORKER:
                u = pending.popleft()
                inflight.append((u, pool.submit(task, u.shown)))
            u, fut = inflight[0]
            try:
                outcomes = fut.result(timeout=writer.time_left())
            except TimeoutError:
                writer.flush()  # the batch is due; the next result is not ready
                continue
            except BrokenProcessPool:
                # a worker died.  If workers cannot even start, say so; otherwise retry what was in
                # flight one file at a time, to find the file that kills a worker
                suspects = [x for x, _f in inflight]
                inflight.clear()
                _kill(pool)
                pool = _pool_that_starts(new_pool, n)
                for s in suspects:
                    if pool is None:
                        pool = _pool_that_starts(new_pool, 1)
                    try:
                        outcomes = pool.submit(task, s.shown).result()
                    except BrokenProcessPool:
                        outcomes = [("error", s.shown, "worker process died while reading this file "
                                                       "(crash or out of memory)")]
                        _kill(pool)
                        pool = None
                    except Exception as e:
                        outcomes = [("error", s.shown, f"{type(e).__name__}: {_message(e)}")]
                    writer.add(outcomes)
                    progressed(s.shown)
                if pool is None:
                    pool = _pool_that_starts(new_pool, n)
                continue
            except Exception as e:  # the task raised (or its result could not be sent back)
                outcomes = [("error", u.shown, f"{type(e).__name__}: {_message(e)}")]
            inflight.popleft()
            writer.add(outcomes)
            progressed(u.shown)
    finally:
        if pool is not None:
            if inflight or pending:  # interrupted: do not wait for running extractions
                _kill(pool)
            else:
                pool.shutdown(wait=True)


class WorkerStartError(RuntimeError):
    """Worker processes die before doing anything (cannot import plany, no memory, ...)."""


def _ping() -> int:
    return os.getpid()


def _pool_that_starts(new_pool, size: int):
    """A new pool of ``size`` workers known to start (all started at once, one round trip);
    raises WorkerStartError."""
    from concurrent.futures.process import BrokenProcessPool

    pool = new_pool(size)
    try:
        for f in [pool.submit(_ping) for _ in range(size)]:
            f.result(timeout=600)
    except (BrokenProcessPool, TimeoutError) as e:
        _kill(pool)
        raise WorkerStartError("worker processes cannot start "
                               f"({type(e).__name__}: {e}); try --workers 1") from None
    return pool


def _kill(pool) -> None:
    """Stop a pool now: cancel queued work, terminate its processes."""
    procs = list(getattr(pool, "_processes", {}).values())
    try:
        pool.shutdown(wait=False, cancel_futures=True)
    except Exception:
        pass
    for p in procs:
        try:
            p.terminate()
        except Exception:
            pass
    for p in procs:
        try:
            p.join(5)
        except Exception:
            pass
