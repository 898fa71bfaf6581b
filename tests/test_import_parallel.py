"""Parallel import (``plany import --workers N``, ``extractor.parallel.import_paths``):
same database for any number of workers, idempotent re-import, ``--force`` keeps ids,
failures are one line each and the batch goes on, batched transactions keep documents whole."""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.parallel import ImportSummary, import_paths, plan

# ---- a corpus of short, unique Polish plans and news -----------------------------------------

TOWNS = [("Łuków", "Łukowie", "Łukowskiej"), ("Siedlce", "Siedlcach", "Siedleckiej"),
         ("Radzyń Podlaski", "Radzyniu Podlaskim", "Radzyńskiej"), ("Garwolin", "Garwolinie", "Garwolińskiej"),
         ("Biała Podlaska", "Białej Podlaskiej", "Bialskiej"), ("Ryki", "Rykach", "Ryckiej")]
STREETS = ["Warszawskiej", "Lubelskiej", "Kościuszki", "Piłsudskiego", "Ogrodowej", "Polnej", "Szkolnej",
           "Sienkiewicza", "Mickiewicza", "Żelaznej"]
THREATS = ["spożywanie alkoholu w miejscach niedozwolonych", "kradzieże rowerów", "niszczenie mienia",
           "nadmierna prędkość pojazdów", "zakłócanie ciszy nocnej", "zaśmiecanie terenu",
           "nielegalne wysypiska śmieci", "żebractwo w rejonie sklepu"]
PARTNERS = ["Straż Miejska", "Szkoła Podstawowa nr {n}", "Miejski Ośrodek Pomocy Społecznej",
            "Zarząd Dróg Powiatowych", "Spółdzielnia Mieszkaniowa „Zgoda”"]
OFFICERS = [("asp. szt.", "Jan Kowalski"), ("sierż.", "Anna Nowak"), ("mł. asp.", "Piotr Wiśniewski"),
            ("st. post.", "Katarzyna Zielińska"), ("asp.", "Tomasz Wójcik")]


def plan_text(i: int) -> str:
    town, loc, adj = TOWNS[i % len(TOWNS)]
    street = STREETS[i % len(STREETS)]
    threat = THREATS[i % len(THREATS)]
    rank, officer = OFFICERS[i % len(OFFICERS)]
    partner = PARTNERS[i % len(PARTNERS)].format(n=1 + i % 7)
    year = 2021 + i % 4
    if i % 5 == 4:  # a news item now and then
        return (f"Debata społeczna w {loc}\n"
                f"{12 + i % 15} marca {year} r. policjanci z Komendy Powiatowej Policji w {loc} spotkali się "
                f"z mieszkańcami ulicy {street}. Rozmawiano o problemie: {threat}. "
                f"W spotkaniu udział wzięli przedstawiciele: {partner}. Komunikat nr {i}.\n")
    return (f"Plan działania priorytetowego nr {i}\n"
            f"Komenda Powiatowa Policji w {loc}\n"
            f"Rejon służbowy nr {1 + i % 9}, okres realizacji: od 1 stycznia {year} r. do 30 czerwca {year} r.\n"
            f"1. Charakterystyka zagrożenia\n"
            f"W rejonie ul. {street} {1 + i % 40} w {loc} dochodzi do zdarzeń: {threat}, "
            f"szczególnie w piątki i soboty w godzinach {18 + i % 4}:00-{22 + i % 2}:00.\n"
            f"2. Cel do osiągnięcia\n"
            f"Ograniczenie liczby zdarzeń o {10 + i % 30}% w stosunku do roku {year - 1}.\n"
            f"3. Planowane działania\n"
            f"Wzmożone patrole w rejonie ul. {street} co najmniej raz w tygodniu, do 30 czerwca {year} r.\n"
            f"4. Podmioty współpracujące\n"
            f"{partner} w {loc}, mieszkańcy ulicy {street}.\n"
            f"Sporządził: {rank} {officer}, dzielnicowy\n")


def make_corpus(root: Path, n: int, start: int = 0) -> list[Path]:
    """``n`` unique documents (txt in UTF-8 and cp1250, html), in two directories."""
    out = []
    for i in range(start, start + n):
        d = root / ("a" if i % 2 else "b")
        d.mkdir(parents=True, exist_ok=True)
        text = plan_text(i)
        if i % 7 == 3:
            p = d / f"doc{i:04d}.html"
            body = "".join(f"<p>{line}</p>" for line in text.splitlines())
            p.write_text(f"<html><head><meta charset='utf-8'><title>{text.splitlines()[0]}</title></head>"
                         f"<body><nav>Menu główne</nav>{body}</body></html>", encoding="utf-8")
        elif i % 7 == 5:
            p = d / f"doc{i:04d}.txt"
            p.write_bytes(text.encode("cp1250"))
        else:
            p = d / f"doc{i:04d}.txt"
            p.write_text(text, encoding="utf-8")
        out.append(p)
    return out


# ---- database fingerprints --------------------------------------------------------------------

VOLATILE = {"documents": {"imported_at", "import_run_id"}, "schema_version": {"applied_at"}}
LOG_TABLES = {"import_runs", "sqlite_sequence", "sqlite_stat1"}


def tables(conn) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            if r[0] not in LOG_TABLES]


CHILD_IDS = {"id", "action_id", "indicator_id"}


def fingerprint(path, ignore_volatile: bool = False, ignore_child_ids: bool = False) -> dict:
    """Row count and a checksum of every table (the import log excepted).  With
    ``ignore_volatile``: without import times and run ids, and without the FTS5 index's
    shadow tables (their b-tree layout depends on the transaction boundaries; their content
    is checked by FTS5's integrity-check and by the rows they index)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {}
        for t in tables(conn):
            if ignore_volatile and t.startswith("documents_fts_"):
                continue
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')]
            if ignore_volatile:
                cols = [c for c in cols if c not in VOLATILE.get(t, ())]
            if ignore_child_ids and t not in ("documents", "organisations"):
                cols = [c for c in cols if c not in CHILD_IDS]  # rows of a replaced document are new rows
            sel = ", ".join(f'"{c}"' for c in cols) or "*"
            rows = sorted(repr(r) for r in conn.execute(f'SELECT {sel} FROM "{t}"'))
            out[t] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        return out
    finally:
        conn.close()


def ids_by_sha(path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT sha256, id FROM documents"))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    files = make_corpus(root, 40)
    return root, files


# ---- tests --------------------------------------------------------------------------------------

def test_generated_documents_are_unique(corpus):
    root, files = corpus
    assert len({hashlib.sha256(p.read_bytes()).hexdigest() for p in files}) == len(files)


def test_parallel_equals_sequential_and_reimport_changes_nothing(corpus, tmp_path):
    root, files = corpus
    seq, par = tmp_path / "seq.db", tmp_path / "par.db"
    s1 = import_paths(seq, [root], workers=1)
    s2 = import_paths(par, [root], workers=2, batch_size=7)
    assert isinstance(s2, ImportSummary)
    assert (s1.inserted, s1.failed, s1.errors) == (40, 0, [])
    assert (s2.inserted, s2.skipped, s2.failed) == (40, 0, 0)
    assert s2.workers == 2 and s1.workers == 1
    # the same rows, the same ids, whatever the number of workers
    assert ids_by_sha(seq) == ids_by_sha(par)
    assert fingerprint(seq, ignore_volatile=True) == fingerprint(par, ignore_volatile=True)
    # ids follow the input order (directories sorted)
    conn = sqlite3.connect(par)
    paths = [r[0] for r in conn.execute("SELECT path FROM documents ORDER BY id")]
    assert paths == [it.shown for it in plan([root])]
    children = conn.execute("SELECT count(*) FROM sections").fetchone()[0]
    assert children > 40 and conn.execute("SELECT count(*) FROM threats").fetchone()[0] > 20
    conn.close()

    # importing again: nothing changes, not even imported_at
    before = fingerprint(par)
    s3 = import_paths(par, [root], workers=2)
    assert (s3.inserted, s3.skipped, s3.replaced, s3.failed) == (0, 40, 0, 0)
    assert fingerprint(par) == before


def test_force_replaces_in_place(corpus, tmp_path):
    root, files = corpus
    db = tmp_path / "p.db"
    import_paths(db, [root], workers=1)
    ids, before = ids_by_sha(db), fingerprint(db, ignore_volatile=True, ignore_child_ids=True)
    s = import_paths(db, [root], workers=2, force=True)
    assert (s.inserted, s.replaced, s.skipped, s.failed) == (0, 40, 0, 0)
    assert ids_by_sha(db) == ids  # the same document ids
    assert fingerprint(db, ignore_volatile=True, ignore_child_ids=True) == before


def test_duplicates_and_new_files_in_one_run(corpus, tmp_path):
    root, files = corpus
    db = tmp_path / "p.db"
    import_paths(db, [root / "a"], workers=1)
    extra = tmp_path / "copies"
    extra.mkdir()
    (extra / "same_as_first.txt").write_bytes(files[1].read_bytes())  # same bytes, other name
    (extra / "zzz_new.txt").write_text(plan_text(999), encoding="utf-8")
    (extra / "zzz_new_again.txt").write_text(plan_text(999), encoding="utf-8")
    s = import_paths(db, [root, extra], workers=2)
    assert (s.inserted, s.skipped, s.failed) == (21, 22, 0)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone() == (41, 41)
    conn.close()


def test_failures_are_reported_and_the_batch_goes_on(corpus, tmp_path):
    root, files = corpus
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "broken.docx").write_bytes(b"PK\x03\x04 this is not a real docx")
    errors = []
    s = import_paths(tmp_path / "p.db", [bad, root, tmp_path / "missing.txt"], workers=2,
                     on_error=lambda p, m: errors.append((p, m)))
    assert s.inserted == 40 and s.failed == 3
    assert errors == s.errors
    assert {Path(p).name for p, _m in errors} == {"empty.txt", "broken.docx", "missing.txt"}
    assert all("\n" not in m for _p, m in errors)


def explode_on_boom(path: str):
    """A worker task that fails for some files (runs in the worker processes)."""
    from extractor.parallel import work

    name = os.path.basename(path)
    if name.startswith("boom"):
        raise ValueError(f"simulated extractor bug in {name}")
    if name.startswith("crash"):
        os._exit(3)  # a worker that dies (segfault, out of memory)
    return work(path)


def test_worker_exception_and_worker_death(corpus, tmp_path):
    root, files = corpus
    src = tmp_path / "in"
    src.mkdir()
    for i, p in enumerate(files[:20]):
        (src / f"ok{i:02d}_{p.name}").write_bytes(p.read_bytes())
    (src / "boom.txt").write_text(plan_text(500), encoding="utf-8")
    (src / "crash.txt").write_text(plan_text(501), encoding="utf-8")
    errors = []
    s = import_paths(tmp_path / "p.db", [src], workers=2, _task=explode_on_boom,
                     on_error=lambda p, m: errors.append((Path(p).name, m)))
    assert s.inserted == 20 and s.failed == 2, s
    msgs = dict(errors)
    assert "simulated extractor bug" in msgs["boom.txt"]
    assert "worker process died" in msgs["crash.txt"]
    # in-process too
    s = import_paths(tmp_path / "q.db", [src / "boom.txt", src / ("ok00_" + files[0].name)], workers=1,
                     _task=explode_on_boom)
    assert (s.inserted, s.failed) == (1, 1)


def test_a_document_that_cannot_be_stored_is_rolled_back_alone(corpus, tmp_path, monkeypatch):
    root, files = corpus
    import extractor.store.writer as writer

    real = writer._write_children
    victim = files[4].name

    def flaky(db, doc_id, record):
        real(db, doc_id, record)  # rows written, then the failure: the savepoint must undo them
        if record["source"]["path"].endswith(victim):
            raise RuntimeError("disk full (simulated)")

    monkeypatch.setattr(writer, "_write_children", flaky)
    db = tmp_path / "p.db"
    s = import_paths(db, [root], workers=2, batch_size=50)
    assert (s.inserted, s.failed) == (39, 1)
    assert "disk full" in s.errors[0][1] and s.errors[0][0].endswith(victim)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 39
    orphans = conn.execute("SELECT count(*) FROM sections WHERE document_id NOT IN (SELECT id FROM documents)")
    assert orphans.fetchone()[0] == 0
    conn.close()
    monkeypatch.setattr(writer, "_write_children", real)
    s = import_paths(db, [root], workers=1)
    assert (s.inserted, s.skipped) == (1, 39)


def test_import_runs_log(corpus, tmp_path):
    root, files = corpus
    db = tmp_path / "p.db"
    import_paths(db, [root], workers=2)
    import_paths(db, [root, tmp_path / "nothing.txt"], workers=1)
    from extractor.store import open_db
    from extractor.store.runs import list_runs

    d = open_db(db)
    runs = list_runs(d)
    assert [r["status"] for r in runs] == ["failed", "done"]
    assert (runs[1]["inserted"], runs[1]["workers"], runs[1]["finished_at"] is not None) == (40, 2, True)
    assert (runs[0]["skipped"], runs[0]["failed"]) == (40, 1)
    assert json.loads(runs[0]["paths"])[0] == str(root)
    n = d.execute("SELECT count(*) FROM documents WHERE import_run_id = ?", (runs[1]["id"],)).fetchone()[0]
    assert n == 40
    d.close()


def test_few_files_run_in_process(corpus, tmp_path):
    root, files = corpus
    s = import_paths(tmp_path / "p.db", files[:3], workers=8)
    assert s.workers == 1 and s.inserted == 3


def test_cli_workers(corpus, tmp_path):
    root, files = corpus
    db = tmp_path / "p.db"
    r = CliRunner().invoke(app, ["import", str(root), str(tmp_path / "gone.txt"), "--db", str(db), "--workers", "2"])
    assert r.exit_code == 1
    assert r.stdout.strip() == "imported 40, skipped 0, replaced 0, failed 1"
    assert r.stderr.strip().startswith("plany: ") and "gone.txt" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.output
    r = CliRunner().invoke(app, ["import", str(root), "--db", str(db), "-j", "2"])
    assert r.exit_code == 0 and r.stdout.strip() == "imported 0, skipped 40, replaced 0, failed 0"


def test_entry_point_default_workers(corpus, tmp_path):
    root, files = corpus
    db = tmp_path / "p.db"
    exe = Path(sys.executable).parent / "plany"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from extractor.cli import main; main()"]
    p = subprocess.run(cmd + ["import", str(root), "--db", str(db)], capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "imported 40, skipped 0, replaced 0, failed 0"
    assert p.stderr == ""


def test_a_slow_document_times_out_alone(corpus, tmp_path, monkeypatch):
    root, files = corpus
    import time

    import extractor.pipeline as pipeline

    real = pipeline.process

    def slow(doc, model="auto", **kw):
        if doc.source.path.endswith(files[2].name):
            time.sleep(30)
        return real(doc, model, **kw)

    monkeypatch.setattr(pipeline, "process", slow)
    t = time.monotonic()
    s = import_paths(tmp_path / "p.db", files[:4], workers=1, timeout=2)
    assert time.monotonic() - t < 20
    assert (s.inserted, s.failed) == (3, 1)
    assert "timed out after 2 s" in s.errors[0][1] and s.errors[0][0].endswith(files[2].name)
