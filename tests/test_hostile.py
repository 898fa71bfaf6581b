"""Hostile and broken inputs through both commands: ``plany extract`` and ``plany import``.

Every file is built here, in a temporary directory (the 200 MB one is deleted at the end).  For each
one, through both commands (subprocesses): one clear line on stderr naming the file, or a valid
record; never a traceback; never a partial row in the database; the batch goes on (good files in the
same batch are extracted and imported) and the exit status is 1.

The batches run with ``--max-chars 20000`` (``PLANY_MAX_CHARS`` for import): a 5 MB single line is
cut there with a warning.  Other limits are the defaults (``max_bytes`` 50 MB, ``max_archive_bytes``
500 MB).
"""
from __future__ import annotations

import io
import json
import os
import random
import sqlite3
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from extractor.ingest import DEFAULT_LIMITS, IngestError, Loaded, effective_limits, load_paths, parse_size
from extractor.schema import validate

BIN = Path(sys.executable).parent / "plany"
MB = 1024 * 1024

GOOD = ("Plan działania priorytetowego dla rejonu służbowego nr {n} KPP w Łukowie.\n"
        "Zagrożenie: spożywanie alkoholu w miejscach publicznych przy ul. Lipowej {n}.\n"
        "Działania: patrole piesze w piątki i soboty w godz. 18-22.\n")

SCRIPT_MARKERS = ("SCRIPTHEAD", "STYLETEXT", "ONLOAD", "ONCLICK", "ONMOUSE", "SCRIPTBODY", "NOSCRIPTTEXT",
                  "JSHREF", "ONERROR", "SVGSCRIPT", "UNCLOSED", "alert(", "document.write")

SCRIPTS_HTML = """<!DOCTYPE html><html><head><title>Plan dzielnicowego</title>
<script>alert('SCRIPTHEAD')</script><style>.x{color:red} /* STYLETEXT */</style></head>
<body onload="alert('ONLOAD')"><h1 onclick="evil('ONCLICK')">Plan działania priorytetowego</h1>
<p onmouseover="x('ONMOUSE')">Zagrożenie: spożywanie alkoholu w miejscach publicznych przy ul. Lipowej 9.</p>
<script type="text/javascript">document.write('SCRIPTBODY')</script><noscript>NOSCRIPTTEXT</noscript>
<p><a href="javascript:alert('JSHREF')">Dzielnicowy</a> <img src=x onerror="alert('ONERROR')"></p>
<svg><script>SVGSCRIPT</script></svg><p>Działania: patrole piesze w weekendy.</p>
<script>UNCLOSED document.write('x')
"""


def _pdf():
    from test_ingest import PDF_LINES, make_pdf

    return make_pdf(PDF_LINES)


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for page in PdfReader(io.BytesIO(_pdf())).pages:
        w.add_page(page)
    w.encrypt(user_password="tajne", owner_password="wlasciciel", algorithm="RC4-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _scanned_pdf() -> bytes:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _zeros_member(zf: zipfile.ZipFile, name: str, size: int) -> None:
    """A member of ``size`` zero bytes, written in chunks (never ``size`` bytes in memory)."""
    block = bytes(4 * MB)
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zf.open(info, "w", force_zip64=True) as fh:
        left = size
        while left > 0:
            fh.write(block[: min(left, len(block))])
            left -= len(block)


def _bomb_declared(path: Path) -> None:
    """Members that together declare (and expand to) more than max_archive_bytes (500 MB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("czytaj.txt", GOOD.format(n=99))
        per = 45 * MB
        for i in range(DEFAULT_LIMITS["max_archive_bytes"] // per + 1):
            _zeros_member(zf, f"zera{i:02d}.txt", per)


def _bomb_lying() -> bytes:
    """One member that declares 10 bytes but inflates to 60 MB (more than max_bytes, 50 MB).
    Python's zipfile never inflates more than the declared size, so this fails on the CRC."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        _zeros_member(zf, "maly.txt", 60 * MB)
    data = bytearray(buf.getvalue())
    assert data[:4] == b"PK\x03\x04"
    struct.pack_into("<I", data, 22, 10)                 # local header: uncompressed size
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, cd + 24, 10)            # central directory: uncompressed size
    return bytes(data)


def _big_file(path: Path, size: int) -> None:
    block = (b"Patrol przy ul. Lipowej w godz. 18-22, spozywanie alkoholu.\n" * 18_000)[: MB]
    with path.open("wb") as fh:
        for _ in range(size // len(block)):
            fh.write(block)


def _newline_name_ok(d: Path) -> bool:
    try:
        p = d / "próba\nnazwy"
        p.write_bytes(b"x")
        p.unlink()
        return True
    except OSError:
        return False


# name -> ("error", substring of the message) or ("ok", substring of the text)
def build(d: Path) -> dict[str, tuple[str, str]]:
    cases: dict[str, tuple[str, str]] = {}

    def put(name: str, data: bytes, expect: tuple[str, str]) -> None:
        (d / name).write_bytes(data)
        cases[name] = expect

    rnd = random.Random(5)
    put("pusty.txt", b"", ("error", "empty file"))
    put("szum.txt", rnd.randbytes(64 * 1024), ("error", "binary file, not a document"))
    pdf = _pdf()
    put("obciety.pdf", pdf[: len(pdf) // 2], ("error", "truncated PDF"))
    put("zaszyfrowany.pdf", _encrypted_pdf(), ("error", "encrypted PDF (password required)"))
    put("skan.pdf", _scanned_pdf(), ("error", "no text layer (scanned PDF?) — needs OCR"))
    put("nie_zip.docx", b"To nie jest dokument Worda, tylko tekst udajacy DOCX.\n" * 20,
        ("error", "not a valid DOCX (not a zip archive)"))
    put("zdjecie.png", b"\x89PNG\r\n\x1a\n" + rnd.randbytes(2000), ("error", "PNG image; needs OCR"))
    _bomb_declared(d / "bomba.zip")
    cases["bomba.zip"] = ("error", "zip bomb")
    put("klamca.zip", _bomb_lying(), ("error", "klamca.zip/maly.txt: cannot unpack (Bad CRC-32"))
    _big_file(d / "duzy.txt", 200 * MB)
    cases["duzy.txt"] = ("error", "file too large (200.0 MB, limit max_bytes=52428800)")
    put("gleboki.html", b"<html><body>" + b"<div>" * 50_000 + GOOD.format(n=1).encode() + b"</div>" * 50_000
        + b"</body></html>", ("ok", "rejonu służbowego nr 1 "))
    put("skrypty.html", SCRIPTS_HTML.encode(), ("ok", "patrole piesze w weekendy"))
    mixed = (GOOD.format(n=2).encode("utf-8") + "Dzielnicowy: mł. asp. Łukasz Żółtowski, Łódź.\n".encode("cp1250")
             + "Termin: do 30 czerwca 2024 r., Straż Miejska w Łukowie.\n".encode("utf-8")
             + "Źródło: Gęślą jaźń ŚĆĄ.\n".encode("cp1250"))
    put("mieszany.txt", mixed, ("ok", "mł. asp. Łukasz Żółtowski, Łódź"))
    put("nule.txt", GOOD.format(n=3).replace("alkoholu", "alko\x00holu").encode() + b"\x00" * 300
        + GOOD.format(n=33).encode(), ("ok", "spożywanie alkoholu w miejscach publicznych przy ul. Lipowej 3"))
    put("utf16.txt", GOOD.format(n=4).encode("utf-16-le"), ("ok", "rejonu służbowego nr 4 "))
    line = ("Patrol przy ul. Lipowej 5 w godz. 18-22 w rejonie nr 5, spożywanie alkoholu. " * 70_000).encode()
    assert len(line) > 5 * MB and b"\n" not in line
    put("dluga_linia.txt", line, ("ok", "Patrol przy ul. Lipowej 5"))
    put('plan z spacją ł ó "cudzysłów" \'apostrof\'.txt', GOOD.format(n=6).encode(), ("ok", "nr 6 "))
    put("-zaczyna-sie-myslnikiem.txt", GOOD.format(n=7).encode(), ("ok", "nr 7 "))
    if _newline_name_ok(d):
        put("nowa\nlinia.txt", GOOD.format(n=8).encode(), ("ok", "nr 8 "))
    put("dobry.txt", GOOD.format(n=10).encode(), ("ok", "rejonu służbowego nr 10 "))
    return cases


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    env = dict(os.environ, PLANY_MAX_CHARS="20000")
    for var in ("PLANY_MAX_BYTES", "PLANY_MAX_ARCHIVE_BYTES", "PLANY_MAX_PAGES", "PLANY_OCR", "PLANY_TIMEOUT"):
        env.pop(var, None)
    try:
        t0 = time.monotonic()
        cases = build(d)
        built = time.monotonic() - t0
        names = list(cases)
        t0 = time.monotonic()
        ext = subprocess.run([str(BIN), "extract", "--max-chars", "20000", "--", *names], cwd=d,
                             capture_output=True, env=dict(env, PLANY_MAX_CHARS=""), timeout=600)
        t_ext = time.monotonic() - t0
        db = d / "out" / "hostile.db"
        db.parent.mkdir()
        t0 = time.monotonic()
        imp = subprocess.run([str(BIN), "import", "--db", str(db), "--", *names], cwd=d, capture_output=True,
                             env=env, timeout=600)
        t_imp = time.monotonic() - t0
    finally:
        for big in ("duzy.txt", "bomba.zip", "klamca.zip"):
            (d / big).unlink(missing_ok=True)
    return {"dir": d, "cases": cases, "extract": ext, "import": imp, "db": db,
            "times": {"build": built, "extract": t_ext, "import": t_imp}}


def _stderr_lines(res) -> list[str]:
    return res.stderr.decode("utf-8", "replace").splitlines()


def _records(res) -> dict[str, dict]:
    out = {}
    for line in res.stdout.decode("utf-8").splitlines():
        rec = json.loads(line)
        out[rec["source"]["path"]] = rec
    return out


def _oneline(name: str) -> str:
    return " ".join(name.split())


@pytest.mark.parametrize("command", ["extract", "import"])
def test_no_traceback_and_one_line_per_failed_file(batch, command):
    res = batch[command]
    err = res.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    assert res.returncode == 1, (res.returncode, err[-2000:])
    lines = [ln for ln in _stderr_lines(res) if ln.startswith("plany: ")]
    assert len(lines) == len(_stderr_lines(res)), err   # nothing but the per-file lines
    for name, (kind, expect) in batch["cases"].items():
        mine = [ln for ln in lines if _oneline(name) in ln]
        if kind == "error":
            assert len(mine) == 1, (name, lines)
            assert expect in mine[0], (name, mine[0])
        else:
            assert not mine, (name, mine)
    n_errors = sum(1 for k, _ in batch["cases"].values() if k == "error")
    assert len(lines) == n_errors, lines


def test_extract_records_valid_and_complete(batch):
    recs = _records(batch["extract"])
    ok = {n: e for n, (k, e) in batch["cases"].items() if k == "ok"}
    assert set(recs) == set(ok), (set(recs) ^ set(ok))
    for name, expect in ok.items():
        rec = recs[name]
        validate(rec)
        text = rec["text"]
        assert expect in text, (name, text[:300])
        assert "\x00" not in text and "\ufffd" not in text, name
        for key in ("threats", "locations", "time_windows", "targets", "actions", "partners", "persons"):
            for item in rec[key]:
                assert text[item["start"]:item["end"]] == item["text"], (name, key, item)


def test_extract_specifics(batch):
    recs = _records(batch["extract"])
    html = recs["skrypty.html"]["text"]
    for marker in SCRIPT_MARKERS:
        assert marker not in html, marker
    assert "Plan działania priorytetowego" in html
    mixed = recs["mieszany.txt"]
    assert mixed["source"]["encoding"].startswith("utf-8"), mixed["source"]
    for bad in ("Ĺ", "Ă", "Ä", "Å", "Ľ"):
        assert bad not in mixed["text"], bad
    assert "Źródło: Gęślą jaźń ŚĆĄ." in mixed["text"] and "Straż Miejska w Łukowie" in mixed["text"]
    longline = recs["dluga_linia.txt"]
    assert len(longline["text"]) <= 20_000
    assert any("max_chars=20000" in w for w in longline.get("warnings", [])), longline.get("warnings")
    assert recs["gleboki.html"]["warnings"] and "nested too deeply" in recs["gleboki.html"]["warnings"][0]
    assert recs["utf16.txt"]["source"]["encoding"] == "utf-16-le (no BOM)"


def _db_rows(db: Path) -> tuple[dict[str, dict], dict[str, dict[int, int]], list[str]]:
    """(stored records by path, child row counts per table per document id, orphan problems)."""
    con = sqlite3.connect(db)
    try:
        docs = {}
        ids = {}
        for doc_id, path, record in con.execute("SELECT id, path, record FROM documents"):
            docs[path] = json.loads(record)
            ids[path] = doc_id
        counts: dict[str, dict[int, int]] = {}
        orphans = []
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for t in tables:
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{t}")')]
            if "document_id" not in cols:
                continue
            counts[t] = dict(con.execute(f'SELECT document_id, count(*) FROM "{t}" GROUP BY document_id'))
            n = con.execute(f'SELECT count(*) FROM "{t}" WHERE document_id NOT IN (SELECT id FROM documents)').fetchone()[0]
            if n:
                orphans.append(f"{t}: {n} rows of no document")
        counts["_ids"] = ids
        return docs, counts, orphans
    finally:
        con.close()


def test_import_whole_documents_or_nothing(batch):
    res = batch["import"]
    out = res.stdout.decode("utf-8", "replace")
    ok = {n for n, (k, _) in batch["cases"].items() if k == "ok"}
    errors = {n for n, (k, _) in batch["cases"].items() if k == "error"}
    docs, counts, orphans = _db_rows(batch["db"])
    assert not orphans, orphans
    assert set(docs) == ok, set(docs) ^ ok
    assert not (set(docs) & errors)
    assert f"failed {len(errors)}" in out, out
    ext = _records(batch["extract"])
    ids = counts.pop("_ids")
    for path, stored in docs.items():
        validate(stored)
        doc_id = ids[path]
        for key in ("sections", "threats", "locations", "time_windows", "targets", "actions", "persons"):
            n = len(stored[key])
            assert n == len(ext[path][key]), (path, key)       # the same document as extract gives
            if key in counts:
                assert counts[key].get(doc_id, 0) == n, (path, key, counts[key].get(doc_id), n)
        assert stored.get("warnings") == ext[path].get("warnings"), path


def test_import_text_has_no_script_content(batch):
    con = sqlite3.connect(batch["db"])
    try:
        (text,) = con.execute("SELECT text FROM documents WHERE path = 'skrypty.html'").fetchone()
    finally:
        con.close()
    for marker in SCRIPT_MARKERS:
        assert marker not in text, marker


def test_big_file_refused_quickly(batch):
    # refused by its size before it is read: generating 200 MB and two refusals stay well under the budget
    assert batch["times"]["build"] < 30, batch["times"]
    assert not (batch["dir"] / "duzy.txt").exists()


# ------------------------------------------------------------------------------- in-process checks


def test_limits_from_environment(tmp_path, monkeypatch, capsys):
    p = tmp_path / "plan.txt"
    p.write_bytes(GOOD.format(n=1).encode() * 20)
    monkeypatch.setenv("PLANY_MAX_BYTES", "1k")
    (err,) = list(load_paths([p]))
    assert isinstance(err, IngestError) and "max_bytes=1024" in str(err)
    # an explicit limit beats the environment
    (item,) = list(load_paths([p], max_bytes=MB))
    assert isinstance(item, Loaded)
    monkeypatch.setenv("PLANY_MAX_BYTES", "dużo")
    (item,) = list(load_paths([p]))
    assert isinstance(item, Loaded)
    assert "ignoring PLANY_MAX_BYTES='dużo'" in capsys.readouterr().err
    monkeypatch.setenv("PLANY_MAX_CHARS", "100")
    (item,) = list(load_paths([p]))
    assert isinstance(item, Loaded) and len(item.text) <= 100 and "max_chars=100" in item.warnings[0]
    assert len(item.offsets) == len(item.text) + 1 and item.offsets[-1] == len(item.raw_text)
    monkeypatch.setenv("PLANY_MAX_PAGES", "3")
    monkeypatch.setenv("PLANY_MAX_ARCHIVE_BYTES", "2MB")
    lim = effective_limits()
    assert lim["max_pages"] == 3 and lim["max_archive_bytes"] == 2 * MB and lim["max_chars"] == 100


def test_parse_size():
    assert parse_size("50MB") == 50 * MB and parse_size("500M") == 500 * MB and parse_size("2g") == 2048 * MB
    assert parse_size("64KiB") == 65536 and parse_size("1000") == 1000 and parse_size(7) == 7
    for bad in ("", "-1", "0", "dużo", "5 parsecs"):
        with pytest.raises(ValueError):
            parse_size(bad)


def test_extract_bad_limit_option(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_bytes(GOOD.format(n=1).encode())
    res = subprocess.run([str(BIN), "extract", "--max-bytes", "dużo", str(p)], capture_output=True, timeout=120)
    err = res.stderr.decode()
    assert res.returncode == 2 and "Traceback" not in err and "bad limit" in err, err


def test_time_guard_ends_one_document_not_the_batch(tmp_path, monkeypatch):
    """``--timeout``: a document whose extraction runs too long fails alone, with one line."""
    from typer.testing import CliRunner

    import extractor.pipeline as pipeline
    from extractor.cli import app

    for i in (1, 2):
        (tmp_path / f"plan{i}.txt").write_bytes(GOOD.format(n=i).encode())
    real = pipeline.process

    def slow_for_first(document, model="auto", **kw):
        if document.source.path.endswith("plan1.txt"):
            while True:   # a runaway extractor
                time.sleep(0.01)
        return real(document, model, **kw)

    monkeypatch.setattr(pipeline, "process", slow_for_first)
    t0 = time.monotonic()
    res = CliRunner().invoke(app, ["extract", "--timeout", "2", str(tmp_path / "plan1.txt"),
                                   str(tmp_path / "plan2.txt")])
    assert time.monotonic() - t0 < 60
    assert res.exit_code == 1, res.output
    assert "extraction timed out after 2 s" in res.output
    assert '"path": "' + str(tmp_path / "plan2.txt") in res.output


# ------------------------------------------------------------------------------- special files


def _special_files(d: Path) -> list[str]:
    """A named pipe (reading it blocks until a writer comes) and a link to /dev/zero (never ends)."""
    names = []
    if hasattr(os, "mkfifo"):
        os.mkfifo(d / "potok.txt", 0o600)
        names.append("potok.txt")
    if Path("/dev/zero").exists():
        (d / "zera.txt").symlink_to("/dev/zero")
        names.append("zera.txt")
    if not names:
        pytest.skip("no named pipes or /dev/zero here")
    (d / "dobry.txt").write_bytes(GOOD.format(n=11).encode())
    return names


def test_special_files_extract(tmp_path):
    names = _special_files(tmp_path)
    res = subprocess.run([str(BIN), "extract", "--no-text", *names, "dobry.txt"], cwd=tmp_path, capture_output=True,
                         timeout=120)
    lines = res.stderr.decode().splitlines()
    assert res.returncode == 1 and "Traceback" not in res.stderr.decode()
    assert len(lines) == len(names) and all("not a regular file" in ln for ln in lines), lines
    assert [json.loads(x)["source"]["path"] for x in res.stdout.decode().splitlines()] == ["dobry.txt"]


def test_special_files_import(tmp_path):
    names = _special_files(tmp_path)
    res = subprocess.run([str(BIN), "import", "--db", str(tmp_path / "x.db"), *names, "dobry.txt"], cwd=tmp_path,
                         capture_output=True, timeout=20)
    lines = res.stderr.decode().splitlines()
    assert res.returncode == 1 and "Traceback" not in res.stderr.decode()
    assert len(lines) == len(names) and all("not a regular file" in ln for ln in lines), lines
