"""``plany serve`` (the read-only web view) and ``plany review`` (a static review page)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from extractor.cli.common import fail_line, find_document, open_read

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

        database = open_read(db)
        try:
            rec, num = find_document(database, doc_id, db)
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
