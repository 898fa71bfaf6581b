"""Helpers shared by the command modules: error lines, JSON output."""
from __future__ import annotations

import json
import sys


def fail_line(path: str, message: str) -> None:
    """One clear line on stderr for a file that failed."""
    msg = " ".join(str(message).split())
    sys.stderr.write(f"plany: {path}: {msg}\n" if path and path not in msg else f"plany: {msg}\n")


def dumps(obj, pretty: bool = False) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None)


def open_read(db_path: str):
    """An existing plany database for a read command: one clear line and exit 1 when it is missing or
    not a plany database (never creates a file)."""
    from pathlib import Path

    import typer

    from extractor.store import StoreError, open_db

    if not Path(db_path).exists():
        fail_line("", f"{db_path}: no such database (run `plany import` first)")
        raise typer.Exit(1)
    try:
        return open_db(db_path, create=False)
    except StoreError as e:
        fail_line("", str(e))
        raise typer.Exit(1)


def find_document(database, key: str, db_path: str) -> tuple[dict, int]:
    """(record, id) of the document named by its id or a sha256 prefix of 6+ hex digits; one clear line
    and exit 1 when none or several match."""
    import typer

    from extractor.store import get_document

    key = key.strip()
    num = None
    if key.isdigit():
        num = int(key)
    elif len(key) >= 6 and all(c in "0123456789abcdefABCDEF" for c in key):
        rows = database.conn.execute("SELECT id FROM documents WHERE sha256 LIKE ?", (key.lower() + "%",)).fetchall()
        if len(rows) > 1:
            fail_line("", f"{key}: matches {len(rows)} documents, give more of the sha256")
            raise typer.Exit(1)
        if rows:
            num = rows[0][0]
    rec = get_document(database, num) if num is not None else None
    if rec is None:
        fail_line("", f"no document {key!r} in {db_path}")
        raise typer.Exit(1)
    return rec, num
