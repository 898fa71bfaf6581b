"""A whole synthetic archive imported end to end, for ``plany bench --import-docs N``.

Unlike the query scales of :mod:`extractor.bench` (databases grown by SQL from a few hundred extracted
documents), every one of the N documents here is generated as a file, ingested, extracted by the worker
processes and written by the one writer of :func:`extractor.parallel.import_paths`, exactly as
``plany import --workers W`` does.  The import runs in a child process of its own, so its peak memory
(the writer) and its workers' peak memory (``RUSAGE_CHILDREN`` of that process) are the import's alone.
"""
from __future__ import annotations

import multiprocessing as mp
import resource
import time
from pathlib import Path


def _import_child(db_path: str, archive: str, workers: int, conn) -> None:
    """In the child: import the archive, send back the summary figures."""
    try:
        from extractor.bench import _rss_mb
        from extractor.parallel import import_paths

        t0 = time.perf_counter()
        s = import_paths(db_path, [archive], workers=workers)
        conn.send({"seconds": time.perf_counter() - t0, "inserted": s.inserted, "failed": s.failed,
                   "skipped": s.skipped, "workers": s.workers, "errors": s.errors[:5],
                   "writer_rss_mb": _rss_mb(),
                   # the peak of the waited-for children: the import's workers (Linux: kB)
                   "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0})
    except BaseException as e:  # the parent reports it
        conn.send({"error": f"{type(e).__name__}: {e}"})
    finally:
        conn.close()


def import_archive(work: Path, n: int, seed: int, workers: int, log=None) -> dict:
    """Generate ``n`` documents under ``work`` and import them into ``work/archive.db`` with ``workers``
    worker processes; the figures of the run (seconds, documents/s, peak memory, database size)."""
    from extractor.bench import generate

    say = log or (lambda msg: None)
    archive = work / "archive_full"
    say(f"generating {n} documents in {archive}")
    t0 = time.perf_counter()
    manifest = generate(archive, n, seed)
    gen_s = time.perf_counter() - t0
    db_path = work / "archive.db"
    say(f"importing {len(manifest)} files with {workers} workers into {db_path}")
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_import_child, args=(str(db_path), str(archive), workers, child))
    proc.start()
    child.close()
    try:
        got = parent.recv()
    except EOFError:
        got = {"error": "the import process ended without a report"}
    proc.join()
    if "error" in got:
        raise RuntimeError(f"import of the synthetic archive failed: {got['error']}")
    size = sum(p.stat().st_size for p in work.glob("archive.db*"))
    src_bytes = sum(m["bytes"] for m in manifest)
    got.update(files=len(manifest), bytes=src_bytes, generate_seconds=gen_s, db_path=str(db_path), db_bytes=size,
               docs_per_s=len(manifest) / got["seconds"] if got["seconds"] else None)
    return got
