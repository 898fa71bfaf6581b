"""``plany serve``: Datasette on a local port over a database built from corpus/docs.

The server is started through the real command (a child process), polled with bounded
waits, queried through its JSON API and always stopped.
"""
from __future__ import annotations

import hashlib
import json
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("datasette")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "docs"
PLANY = [sys.executable, "-c", "from extractor.cli import main; main()"]


def build_db(path: Path) -> Path:
    from extractor.pipeline import iter_documents, process
    from extractor.store import import_record, open_db

    db = open_db(path)
    try:
        for doc in iter_documents([str(CORPUS)]):
            assert not isinstance(doc, Exception), doc
            import_record(db, process(doc).to_record())
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return path


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def get(url: str, timeout: float = 30):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read().decode("utf-8")


def get_json(url: str):
    return json.loads(get(url)[1])


class Server:
    def __init__(self, db: Path, port: int):
        self.db, self.port = db, port
        self.base = f"http://127.0.0.1:{port}/"
        # Ctrl-C as from a terminal: a run started in the background (``cmd &``) inherits SIGINT ignored
        self.proc = subprocess.Popen([*PLANY, "serve", "--db", str(db), "--port", str(port), "--host", "127.0.0.1"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        self.lines: list[str] = []
        self._reader = threading.Thread(target=lambda: self.lines.extend(self.proc.stderr), daemon=True)
        self._reader.start()

    @property
    def stderr(self) -> str:
        return "".join(self.lines)

    def wait(self, timeout: float = 90) -> None:
        """Until the server answers and ``plany serve`` has said so (bounded)."""
        from extractor.web.launcher import wait_until_up

        deadline = time.monotonic() + timeout
        up = wait_until_up(self.base, self.proc, timeout)
        while up and "serving" not in self.stderr and time.monotonic() < deadline and self.proc.poll() is None:
            time.sleep(0.1)
        if not up or "serving" not in self.stderr:
            self.stop()
            raise AssertionError(f"server did not start: {self.stderr[-2000:]}")

    def stop(self, timeout: float = 20) -> int | None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self._reader.join(10)
        return self.proc.returncode

    def url(self, path: str, **params) -> str:
        q = urllib.parse.urlencode(params, doseq=True)
        return self.base + path.lstrip("/") + (("&" if "?" in path else "?") + q if q else "")


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("serve") / "plany.db")


@pytest.fixture(scope="module")
def server(db_path):
    srv = Server(db_path, free_port())
    try:
        srv.wait()
        yield srv
    finally:
        srv.stop()


def db_rows(db: Path, sql: str, params=()):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# ---- JSON API --------------------------------------------------------------------------

def test_documents_json(server, db_path):
    rows = get_json(server.url("plany/documents.json", _shape="array", _size="max"))
    n = db_rows(db_path, "select count(*) from documents")[0][0]
    assert len(rows) == n == len(list(CORPUS.iterdir()))
    assert {"id", "doc_type", "locality", "unit", "date", "text"} <= set(rows[0])


def test_metadata_facets_and_toggle(server, db_path):
    data = get_json(server.url("plany/documents.json", _size=0))
    facets = data["facet_results"]
    assert {"doc_type", "locality", "unit", "year", "threat category"} <= set(facets)
    doc_types = {r["value"]: r["count"] for r in facets["doc_type"]["results"]}
    assert doc_types.get("priority_plan", 0) > 0 and doc_types.get("news", 0) > 0
    # the threat facet counts documents and its toggle filters them
    top = facets["threat category"]["results"][0]
    assert "—" in top["label"]  # code — Polish name
    assert "_threat=" in top["toggle_url"]
    ids = {r["id"] for r in get_json(server.url("plany/documents.json", _threat=top["value"], _shape="array",
                                                _size="max"))}
    expected = {r[0] for r in db_rows(db_path, "select distinct document_id from threats where category = ?",
                                      (top["value"],))}
    assert ids == expected and len(ids) == top["count"]
    # year facet and filter agree
    year = facets["year"]["results"][0]
    rows = get_json(server.url("plany/documents.json", _year=year["value"], _shape="array", _size="max"))
    assert len(rows) == year["count"] and all((r["date"] or r["period_start"]).startswith(year["value"]) for r in rows)


def test_column_facet_filter(server):
    rows = get_json(server.url("plany/documents.json", doc_type="strategy", _shape="array", _size="max"))
    assert rows and all(r["doc_type"] == "strategy" for r in rows)


@pytest.mark.parametrize("query", ["Łańcut", "Łańcucie", "lancucie", "ŁAŃCUTA"])
def test_table_search_is_folded_and_inflected(server, query):
    rows = get_json(server.url("plany/documents.json", _search=query, _shape="array", _col="locality"))
    assert rows, query
    assert any(r["locality"] == "Łańcut" for r in rows)


def test_canned_search_ranked_with_snippet(server):
    rows = get_json(server.url("plany/search.json", q="Krośnie", _shape="array"))
    assert rows and rows[0]["locality"] == "Krosno"
    assert "[" in rows[0]["snippet"] and rows[0]["review"] == f"/-/review/{rows[0]['id']}"
    # nothing typed: no error, no rows
    assert get_json(server.url("plany/search.json", q="", _shape="array")) == []


@pytest.mark.parametrize("name", ["threats_by_locality", "threats_by_unit", "target_percentages_by_threat",
                                  "top_partners_per_unit", "actions_due_per_month"])
def test_canned_queries(server, name):
    rows = get_json(server.url(f"plany/{name}.json", _shape="array"))
    assert rows, name
    if name == "target_percentages_by_threat":
        assert all(r["min_percent"] <= r["avg_percent"] <= r["max_percent"] for r in rows)
    if name == "top_partners_per_unit":
        assert max(r["rank"] for r in rows) <= 5


def test_canned_query_locality_in_any_form(server):
    rows = get_json(server.url("plany/threats_by_locality.json", locality="Świdniku", _shape="array"))
    assert rows and {r["locality"] for r in rows} == {"Świdnik"}
    assert all(r["threat"] for r in rows)


def test_review_page_and_links(server, db_path):
    doc_id = db_rows(db_path, "select document_id from threats limit 1")[0][0]
    status, html = get(server.url(f"-/review/{doc_id}"))
    assert status == 200 and "<mark" in html and 'class="hl f-threats"' in html
    with pytest.raises(urllib.error.HTTPError) as e:
        get(server.url("-/review/999999"))
    assert e.value.code == 404
    _status, page = get(server.url("plany/documents"))
    assert f'href="/-/review/{doc_id}"' in page


def test_read_only(server, db_path):
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(urllib.error.HTTPError):
        get(server.url("plany.json", sql="update documents set title = 'x'"))
    with pytest.raises(urllib.error.HTTPError):
        get(server.url("plany.json", sql="delete from documents"))
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_every_column_described(db_path):
    from extractor.web.metadata import TABLES, build_metadata, read_tables

    meta = build_metadata(db_path)["databases"]["plany"]
    for table, cols in read_tables(db_path).items():
        assert table in TABLES, f"table {table} has no title/description in extractor/web/metadata.py"
        for c in cols:
            assert c in TABLES[table]["columns"], f"{table}.{c} has no description"
            assert " / " in meta["tables"][table]["columns"][c]


def test_regions_facet_only_with_regions(db_path, tmp_path):
    from extractor.web.metadata import build_metadata

    meta = build_metadata(db_path)["databases"]["plany"]
    has = "regions" in meta["tables"]
    facet = {"voivodeship": "voivodeship"} in meta["tables"]["documents"]["facets"]
    assert facet == has and ("threats_by_voivodeship" in meta["queries"]) == has
    copy = tmp_path / "reg.db"
    copy.write_bytes(db_path.read_bytes())
    conn = sqlite3.connect(copy)
    conn.execute("CREATE TABLE IF NOT EXISTS regions (document_id INTEGER PRIMARY KEY, locality TEXT, powiat TEXT, "
                 "voivodeship TEXT, unit TEXT, unit_parent TEXT)")
    conn.commit()
    conn.close()
    meta = build_metadata(copy)["databases"]["reg"]
    assert {"voivodeship": "voivodeship"} in meta["tables"]["documents"]["facets"]
    assert "threats_by_voivodeship" in meta["queries"]


# ---- errors and shutdown ---------------------------------------------------------------

def test_missing_database_one_line(tmp_path):
    r = subprocess.run([*PLANY, "serve", "--db", str(tmp_path / "nope.db"), "--port", str(free_port())],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "no such database" in r.stderr and "Traceback" not in r.stderr


def test_not_a_plany_database(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("create table t (x)")
    conn.commit()
    conn.close()
    r = subprocess.run([*PLANY, "serve", "--db", str(other), "--port", str(free_port())],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "not a plany database" in r.stderr


def test_port_in_use_one_line(db_path):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    try:
        port = s.getsockname()[1]
        r = subprocess.run([*PLANY, "serve", "--db", str(db_path), "--port", str(port)],
                           capture_output=True, text=True, timeout=60)
    finally:
        s.close()
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "in use" in r.stderr


def test_ctrl_c_stops_everything(db_path):
    srv = Server(db_path, free_port())
    try:
        srv.wait()
        status, _ = get(srv.base + "-/versions.json")
        assert status == 200
    finally:
        code = srv.stop()
    assert code == 0
    assert "serving" in srv.stderr and "stopping" in srv.stderr
    # the Datasette child is gone: the port is free again
    deadline = time.monotonic() + 10
    while True:
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", srv.port))
            s.listen(1)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise AssertionError("the web server still holds the port after Ctrl-C")
            time.sleep(0.2)
        finally:
            s.close()


def test_voivodeship_facet_and_filter_in_process(db_path, tmp_path):
    """With a regions table: the voivodeship facet counts documents and its value filters them
    (Datasette in-process, the plugin registered as `plany serve` does)."""
    import asyncio

    from datasette.app import Datasette
    from datasette.plugins import pm

    from extractor.web import plugin
    from extractor.web.metadata import build_metadata

    copy = tmp_path / "plany.db"
    copy.write_bytes(db_path.read_bytes())
    conn = sqlite3.connect(copy)
    conn.execute("DROP TABLE IF EXISTS regions")
    conn.execute("CREATE TABLE regions (document_id INTEGER PRIMARY KEY, locality TEXT, powiat TEXT, "
                 "voivodeship TEXT, unit TEXT, unit_parent TEXT)")
    conn.execute("INSERT INTO regions (document_id, locality, voivodeship) SELECT id, locality, "
                 "CASE WHEN id % 2 THEN 'lubelskie' ELSE 'łódzkie' END FROM documents")
    conn.commit()
    conn.close()
    if not pm.is_registered(plugin):
        pm.register(plugin, name="plany")

    async def go():
        ds = Datasette(immutables=[str(copy)], metadata=build_metadata(copy))
        r = await ds.client.get("/plany/documents.json?_size=0")
        assert r.status_code == 200, r.text
        facet = r.json()["facet_results"]["voivodeship"]["results"]
        counts = {v["value"]: v["count"] for v in facet}
        r = await ds.client.get("/plany/documents.json?_shape=array&_size=max&_voivodeship=lubelskie")
        rows = r.json()
        r = await ds.client.get("/plany/threats_by_voivodeship.json?_shape=array")
        return counts, rows, r.json()

    counts, rows, by_voiv = asyncio.run(go())
    n = db_rows(db_path, "select count(*) from documents")[0][0]
    assert counts == {"lubelskie": (n + 1) // 2, "łódzkie": n // 2}
    assert len(rows) == counts["lubelskie"] and all(r["id"] % 2 for r in rows)
    assert {r["voivodeship"] for r in by_voiv} == {"lubelskie", "łódzkie"}
