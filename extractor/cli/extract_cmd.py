"""``plany extract FILE...``: print one contract record per document (JSON Lines)."""
from __future__ import annotations

import sys
from typing import List

import typer

from extractor.cli.common import dumps, fail_line


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        files: List[str] = typer.Argument(..., help="Files, directories or .zip archives"),
        format: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one record a line) or json (a list)"),
        model: str = typer.Option("auto", "--model", help="NLP pipeline: auto, blank, or an installed spaCy model name"),
        no_text: bool = typer.Option(False, "--no-text", help="Leave the document text out of the records"),
    ):
        """Extract records from documents and print them as JSON Lines, in input order."""
        from extractor.pipeline import iter_documents, process

        if format not in ("jsonl", "json"):
            fail_line("", f"unknown format {format!r} (jsonl or json)")
            raise typer.Exit(2)
        failed = 0
        records = []
        for item in iter_documents(files):
            if isinstance(item, Exception):
                failed += 1
                fail_line("", str(item))
                continue
            try:
                rec = process(item, model).to_record(include_text=not no_text)
            except Exception as e:  # an extractor bug must not end the batch
                failed += 1
                fail_line(item.source.path, f"extraction failed: {type(e).__name__}: {e}")
                continue
            if format == "jsonl":
                sys.stdout.write(dumps(rec) + "\n")
                sys.stdout.flush()
            else:
                records.append(rec)
        if format == "json":
            sys.stdout.write(dumps(records, pretty=True) + "\n")
        if failed:
            raise typer.Exit(1)
