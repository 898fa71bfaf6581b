"""``plany export`` (records as JSON Lines/JSON, tables as CSV) and ``plany schema`` (the record's JSON Schema)."""
from __future__ import annotations

import sys
from typing import Optional

import typer

from extractor.cli.common import dumps, fail_line, open_read

DEFAULT_DB = "plany.db"


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        format: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one record a line), json (a list) or csv "
                                                                    "(one file per table into --out)"),
        out: Optional[str] = typer.Option(None, "--out", "-o", help="Output file (jsonl, json; default stdout) or "
                                                                     "directory (csv, required)"),
        db: str = typer.Option(DEFAULT_DB, "--db", help="SQLite database file"),
        locality: Optional[str] = typer.Option(None, "--locality", help="Only documents about this town (any case form)"),
        unit: Optional[str] = typer.Option(None, "--unit", help="Only documents of this unit (words of its name)"),
        year: Optional[int] = typer.Option(None, "--year", help="Only documents dated in, or covering, this year"),
        doc_type: Optional[str] = typer.Option(None, "--doc-type", help="priority_plan, news, strategy, other"),
        threat: Optional[str] = typer.Option(None, "--threat", help="Only documents naming this threat category code"),
    ):
        """Export stored documents: contract records (jsonl, json) or the tables (csv)."""
        from extractor.export import ExportError, iter_records, select_ids, write_csv, write_records

        fmt = format.lower()
        if fmt not in ("jsonl", "json", "csv"):
            fail_line("", f"unknown format {format!r} (jsonl, json or csv)")
            raise typer.Exit(2)
        if fmt == "csv" and not out:
            fail_line("", "--format csv writes one file per table: give a directory with --out")
            raise typer.Exit(2)
        database = open_read(db)
        try:
            ids = select_ids(database, locality=locality, unit=unit, year=year, doc_type=doc_type, threat=threat)
            if fmt == "csv":
                counts = write_csv(database, out, ids)
                sys.stderr.write(f"plany: wrote {len(counts)} CSV files to {out} ({counts.get('documents', 0)} "
                                 "documents)\n")
                return
            if out in (None, "-"):
                write_records(iter_records(database, ids), fmt, sys.stdout)
                return
            try:
                with open(out, "w", encoding="utf-8") as fh:
                    n = write_records(iter_records(database, ids), fmt, fh)
            except OSError as e:
                fail_line(out, f"cannot write: {e.strerror or e}")
                raise typer.Exit(1)
            sys.stderr.write(f"plany: wrote {n} records to {out}\n")
        except ExportError as e:
            fail_line("", str(e))
            raise typer.Exit(1)
        finally:
            database.close()

    @app.command()
    def schema():
        """Print the versioned JSON Schema of the record (draft 2020-12)."""
        from extractor.schema import load_schema

        sys.stdout.write(dumps(load_schema(), pretty=True) + "\n")
