"""Starting and stopping the web view (``plany serve``).

Datasette runs in a child process (``python -m extractor.web serve``, the plugin
registered in-process) with the database opened **immutable** (``-i``): SQLite opens
it read-only and nothing the web view does can change it.  The metadata is written
to a temporary file generated from the database's tables.  ``serve`` blocks until
Ctrl-C (or until the child stops) and always stops the child.

Errors are one line (:class:`extractor.web.ServeError`): a missing database, a
file that is not a plany database, a port already in use, a server that does not
start.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import deque
from pathlib import Path

from extractor.web import ServeError
from extractor.web.metadata import build_metadata, database_name

SETTINGS = {
    "truncate_cells_html": "160",
    "default_facet_size": "12",
    "facet_time_limit_ms": "1500",
    "sql_time_limit_ms": "5000",
    "max_returned_rows": "1000",
    "default_page_size": "50",
}


def check_database(db_path) -> Path:
    """A readable plany database, its pending WAL folded in (an immutable reader ignores a WAL)."""
    p = Path(db_path)
    if not p.exists():
        raise ServeError(f"{db_path}: no such database (run `plany import` first)")
    if p.is_dir():
        raise ServeError(f"{db_path}: is a directory, not a database file")
    try:
        conn = sqlite3.connect(f"file:{p.resolve().as_posix()}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise ServeError(f"{db_path}: not a usable SQLite database ({e})") from None
    if "documents" not in names or "schema_version" not in names:
        raise ServeError(f"{db_path}: not a plany database")
    wal = Path(str(p) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        try:
            conn = sqlite3.connect(str(p), timeout=5)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            pass  # read-only file system or a busy writer: serve what is in the main file
    return p


def check_port(host: str, port: int) -> None:
    if not (0 < int(port) < 65536):
        raise ServeError(f"port {port}: not a valid port number")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise ServeError(f"host {host}: cannot be resolved ({e.strerror or e})") from None
    family, _type, _proto, _cn, addr = infos[0]
    s = socket.socket(family, socket.SOCK_STREAM)
    try:
        if os.name != "nt":  # as the server does: a port in TIME_WAIT is free, a listening one is not
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(addr)
        s.listen(1)
    except OSError as e:
        why = "already in use" if e.errno in (98, 48, 10048) else (e.strerror or str(e))
        raise ServeError(f"port {port} on {host}: {why}") from None
    finally:
        s.close()


def datasette_command(db_path, host: str, port: int, metadata_path) -> list[str]:
    cmd = [sys.executable, "-m", "extractor.web", "serve", "-i", str(db_path), "--metadata", str(metadata_path),
           "--host", host, "--port", str(port)]
    for k, v in SETTINGS.items():
        cmd += ["--setting", k, v]
    return cmd


def _url(host: str, port: int) -> str:
    h = f"[{host}]" if ":" in host else host
    return f"http://{h}:{port}/"


def wait_until_up(url: str, proc: subprocess.Popen | None = None, timeout: float = 30.0) -> bool:
    """Poll ``url`` until it answers (True), the process exits or ``timeout`` passes (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url + "-/versions.json", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def _last_error(lines) -> str:
    for line in reversed(list(lines)):
        line = line.strip()
        if line and not line.startswith(("INFO:", "Traceback", "File ", "^")):
            return line
    return "the server stopped"


def stop(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop the child: SIGINT (a clean uvicorn shutdown), then SIGTERM, then SIGKILL."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, timeout / 2), (signal.SIGTERM, timeout / 2), (signal.SIGKILL, 5)):
        try:
            proc.send_signal(sig)
        except OSError:
            return
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def serve(db_path, host: str = "127.0.0.1", port: int = 8001, startup_timeout: float = 60.0,
          out=None, on_ready=None) -> int:
    """Serve ``db_path`` until Ctrl-C; returns the exit status (0 after Ctrl-C)."""
    out = out or sys.stderr
    path = check_database(db_path)
    check_port(host, port)
    with tempfile.TemporaryDirectory(prefix="plany-serve-") as tmp:
        meta_path = Path(tmp) / "metadata.json"
        meta_path.write_text(json.dumps(build_metadata(path), ensure_ascii=False, indent=1), encoding="utf-8")
        env = dict(os.environ)
        env.setdefault("PYTHONUNBUFFERED", "1")
        proc = subprocess.Popen(datasette_command(path, host, port, meta_path), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, encoding="utf-8",
                                errors="replace", env=env, start_new_session=True, preexec_fn=_die_with_parent)
        old_term = _trap_sigterm()
        tail: deque[str] = deque(maxlen=40)
        ready = threading.Event()

        def pump():
            for line in proc.stderr:
                tail.append(line)
                # after start-up, show the server's errors (not its routine INFO lines)
                if ready.is_set() and not line.startswith("INFO:"):
                    out.write(line)
                    out.flush()

        t = threading.Thread(target=pump, daemon=True)
        t.start()
        try:
            url = _url(host, port)
            if not wait_until_up(url, proc, startup_timeout):
                code = proc.poll()
                stop(proc)
                t.join(2)
                if code is None:
                    raise ServeError(f"the web server did not answer on {url} within {startup_timeout:.0f} s")
                raise ServeError(f"the web server did not start: {_last_error(tail)}")
            ready.set()
            name = database_name(path)
            out.write(f"plany: serving {path} (read-only) at {url}\n"
                      f"  documents: {url}{name}/documents   search: {url}{name}/search   review: {url}-/review/<id>\n"
                      "  press Ctrl-C to stop\n")
            out.flush()
            if on_ready is not None:
                on_ready(url)
            code = proc.wait()
            t.join(2)
            if code not in (0, -signal.SIGINT, -signal.SIGTERM):
                raise ServeError(f"the web server stopped (exit {code}): {_last_error(tail)}")
            return 0
        except KeyboardInterrupt:
            out.write("plany: stopping the web server\n")
            return 0
        finally:
            stop(proc)
            if old_term is not None:
                signal.signal(signal.SIGTERM, old_term)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the server gets SIGTERM when ``plany serve`` dies, even by SIGKILL."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def _trap_sigterm():
    """SIGTERM to ``plany serve`` stops the server like Ctrl-C (only possible in the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:
        return None
