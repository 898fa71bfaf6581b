"""``plany serve`` (the read-only web view) and ``plany review`` (a static review page)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from extractor.cli.common import fail_line

DEFAULT_DB = "plany.db"


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: str = typer.Option(DEFAULT_DB, "--db", help="SQLite database file"),
        port: int = typer.Option(8001, "--port", help="TCP port"),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (keep 127.0.0.1 unless you "
                                                             "mean to share the data)"),
    ):
        """Browse, search and compare the database in a web browser (Datasette, read-only); Ctrl-C stops it."""
        from extractor.web import ServeError
        from extractor.web.launcher import serve as run

        try:
            code = run(db, host=host, port=port)
        except ServeError as e:
            fail_line("", str(e))
            raise typer.Exit(1)
        raise typer.Exit(code)

    @app.command()
    def review(
        doc_id: str = typer.Argument(..., help="Document id (as `plany search` shows it) or a sha256 prefix"),
        db: str = typer.Option(DEFAULT_DB, "--db", help="SQLite database file"),
        output: Optional[str] = typer.Option(None, "--output", "-o", help="HTML file to write (default: stdout)"),
    ):
        """Write a static HTML page of a document with every extracted value highlighted in its text."""
        from extractor.review import render_html
        from extractor.store import StoreError, get_document, open_db

        if not Path(db).exists():
            fail_line("", f"{db}: no such database (run `plany import` first)")
            raise typer.Exit(1)
        try:
            database = open_db(db, create=False)
        except StoreError as e:
            fail_line("", str(e))
            raise typer.Exit(1)
        try:
            key = doc_id.strip()
            rec, num = None, None
            if key.isdigit():
                num = int(key)
                rec = get_document(database, num)
            elif len(key) >= 6 and all(c in "0123456789abcdefABCDEF" for c in key):
                rows = database.conn.execute("SELECT id FROM documents WHERE sha256 LIKE ?",
                                             (key.lower() + "%",)).fetchall()
                if len(rows) > 1:
                    fail_line("", f"{key}: matches {len(rows)} documents, give more of the sha256")
                    raise typer.Exit(1)
                if rows:
                    num = rows[0][0]
                    rec = get_document(database, num)
            if rec is None:
                fail_line("", f"no document {key!r} in {db}")
                raise typer.Exit(1)
        finally:
            database.close()
        page = render_html(rec, doc_id=num)
        if output in (None, "-"):
            sys.stdout.write(page)
            return
        try:
            Path(output).write_text(page, encoding="utf-8")
        except OSError as e:
            fail_line(output, f"cannot write: {e.strerror or e}")
            raise typer.Exit(1)
        sys.stderr.write(f"plany: wrote {output}\n")
