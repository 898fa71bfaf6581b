"""``plany extract FILE...``: print one contract record per document (JSON Lines).

Resource limits (each also read from the environment when the option is not given, see
:mod:`extractor.ingest`): ``--max-bytes`` (``PLANY_MAX_BYTES``), ``--max-archive-bytes``
(``PLANY_MAX_ARCHIVE_BYTES``), ``--max-pages`` (``PLANY_MAX_PAGES``), ``--max-chars``
(``PLANY_MAX_CHARS``); ``--ocr`` (``PLANY_OCR=1``) reads scanned PDF pages and images with tesseract;
``--timeout`` (``PLANY_TIMEOUT``) bounds the extraction time of one document.
"""
from __future__ import annotations

import sys
from typing import List, Optional

import typer

from extractor.cli.common import dumps, fail_line
from extractor.gc_tuning import enter_batch, leave_batch

from extractor.timelimit import ExtractionTimeout, default_timeout, time_limit


def to_document(item):
    """A pipeline Document from an ingested ``Loaded`` (its warnings carried over)."""
    from extractor.record import Document, Source

    src = Source(path=item.path, sha256=item.sha256, format=item.format, encoding=item.encoding, size=item.size)
    doc = Document(source=src, text=item.text)
    doc.warnings.extend(getattr(item, "warnings", None) or [])
    return doc


def _limit_options(max_bytes, max_archive_bytes, max_pages, max_chars) -> dict:
    """Parsed limits (None = environment, else default); a bad value ends the command with status 2."""
    from extractor.ingest import effective_limits

    given = {"max_bytes": max_bytes, "max_archive_bytes": max_archive_bytes, "max_pages": max_pages,
             "max_chars": max_chars}
    try:
        return effective_limits(**given)
    except ValueError as e:
        fail_line("", f"bad limit: {e}")
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        files: List[str] = typer.Argument(..., help="Files, directories or .zip archives; - reads one from standard input"),
        format: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one record a line) or json (a list)"),
        model: str = typer.Option("auto", "--model", help="NLP pipeline: auto, blank, or an installed spaCy model name"),
        no_text: bool = typer.Option(False, "--no-text", help="Leave the document text out of the records"),
        max_bytes: Optional[str] = typer.Option(
            None, "--max-bytes", metavar="SIZE",
            help="Largest file or archive member read, e.g. 50MB (default: $PLANY_MAX_BYTES, else 50MB)"),
        max_archive_bytes: Optional[str] = typer.Option(
            None, "--max-archive-bytes", metavar="SIZE",
            help="Most bytes one .zip may expand to (zip bombs) (default: $PLANY_MAX_ARCHIVE_BYTES, else 500MB)"),
        max_pages: Optional[str] = typer.Option(
            None, "--max-pages", metavar="N", help="Most pages of one PDF (default: $PLANY_MAX_PAGES, else 500)"),
        max_chars: Optional[str] = typer.Option(
            None, "--max-chars", metavar="N",
            help="Longer texts are cut here, with a warning in the record (default: $PLANY_MAX_CHARS, else 1000000)"),
        ocr: Optional[bool] = typer.Option(
            None, "--ocr/--no-ocr",
            help="Read scanned PDF pages and images with tesseract (Polish) (default: $PLANY_OCR, else off)"),
        timeout: Optional[float] = typer.Option(
            None, "--timeout", metavar="SECONDS", min=0,
            help="Give up on one document after this long, 0 = never (default: $PLANY_TIMEOUT, else 600)"),
    ):
        """Extract records from documents and print them as JSON Lines, in input order."""
        from extractor.ingest import load_paths
        from extractor.pipeline import process

        if format not in ("jsonl", "json"):
            fail_line("", f"unknown format {format!r} (jsonl or json)")
            raise typer.Exit(2)
        limits = _limit_options(max_bytes, max_archive_bytes, max_pages, max_chars)
        seconds = default_timeout() if timeout is None else timeout
        failed = 0
        warmed = False
        records = []
        items = load_paths(files, ocr=ocr, **limits)
        while True:
            try:
                item = next(items)
            except StopIteration:
                break
            except Exception as e:  # pragma: no cover - load_paths yields its errors; never end the batch
                failed += 1
                fail_line("", f"cannot read input: {type(e).__name__}: {e}")
                break
            if isinstance(item, Exception):
                failed += 1
                fail_line("", str(item) or type(item).__name__)
                continue
            if not warmed:   # load the NLP pipeline outside the time limit of the first document
                warmed = True
                try:
                    from extractor.nlp import get_nlp

                    get_nlp(model)
                except Exception:
                    pass   # process() raises it again, reported for the document
                enter_batch()   # what is loaded is frozen (left below)
            try:
                with time_limit(seconds):
                    rec = process(to_document(item), model, annotate=False).to_record(include_text=not no_text)
            except ExtractionTimeout as e:
                failed += 1
                fail_line(item.path, str(e))
                continue
            except Exception as e:  # an extractor bug must not end the batch
                failed += 1
                fail_line(item.path, f"extraction failed: {type(e).__name__}: {e}")
                continue
            if format == "jsonl":
                sys.stdout.write(dumps(rec) + "\n")
                sys.stdout.flush()
            else:
                records.append(rec)
        if warmed:
            leave_batch()
        if format == "json":
            sys.stdout.write(dumps(records, pretty=True) + "\n")
        if failed:
            raise typer.Exit(1)
