"""``plany import``, ``plany search``, ``plany show``: the database commands.

A thin layer over :mod:`extractor.store` and :mod:`extractor.parallel`.  ``import``
checks each file's sha256 before extracting (a stored document is skipped without
running the pipeline), extracts in ``--workers`` processes, writes documents in
batched transactions (each document whole inside one), reports a failed file in one
line on stderr and goes on; it exits 1 when any file failed.  The read
commands never create a database: a missing file is an error.
"""
from __future__ import annotations

import sys
from typing import List, Optional

import typer

from extractor.cli.common import dumps, fail_line, find_document, open_read

DEFAULT_DB = "plany.db"


def _progress(console):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), TextColumn("{task.fields[current]}", style="dim"),
                    console=console, transient=True)


def _short(path: str, n: int = 50) -> str:
    return path if len(path) <= n else "…" + path[-(n - 1):]


def run_import(paths, db_path: str, force: bool = False, model: str = "auto", quiet: bool = False,
               workers: int | None = None, batch_size: int = 50, timeout: float | None = None) -> dict:
    """Import files into ``db_path``; returns the counts. Failures go to stderr, one line each."""
    from rich.console import Console

    from extractor.parallel import WorkerStartError, import_paths
    from extractor.store import StoreError

    console = Console(stderr=True)
    progress = _progress(console)
    show = not quiet and console.is_terminal
    task = progress.add_task("importing", total=None, current="", visible=show)

    def on_progress(done, total, path):
        progress.update(task, completed=done, total=total, current=_short(path))

    def on_error(path, message):
        if show:
            progress.console.print(f"plany: {path}: {message}" if path and path not in message
                                   else f"plany: {message}", highlight=False, markup=False, soft_wrap=True)
        else:
            fail_line(path, message)

    try:
        with progress if show else _nothing():
            summary = import_paths(db_path, list(paths), workers=workers, force=force, model=model,
                                   batch_size=batch_size, on_progress=on_progress, on_error=on_error,
                                   timeout=timeout)
    except KeyboardInterrupt:
        fail_line("", "import interrupted: the documents stored so far are complete; "
                      "run the same import again to finish it")
        raise
    except (StoreError, WorkerStartError) as e:
        fail_line("", str(e))
        return {"inserted": 0, "skipped": 0, "replaced": 0, "failed": -1}
    return summary.counts()


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def register(app: typer.Typer) -> None:
    @app.command("import")
    def import_(
        paths: List[str] = typer.Argument(..., help="Files, directories or .zip archives"),
        db: str = typer.Option(DEFAULT_DB, "--db", help="SQLite database file (created if missing)"),
        force: bool = typer.Option(False, "--force", help="Re-extract documents already stored and replace them"),
        model: str = typer.Option("auto", "--model", help="NLP pipeline: auto, blank, or an installed spaCy model name"),
        workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1,
                                              help="Processes for extraction (default: the CPUs available; "
                                                   "1: in-process)"),
        batch_size: int = typer.Option(50, "--batch-size", min=1, hidden=True,
                                       help="Documents per write transaction (at most 1 s apart)"),
        timeout: Optional[float] = typer.Option(None, "--timeout", min=0, metavar="SECONDS",
                                                help="Longest extraction of one document; 0: no limit "
                                                     "(default: $PLANY_TIMEOUT or 600)"),
    ):
        """Extract documents and store them in the database (skips documents already stored).

        Extraction runs in parallel worker processes; one writer stores documents in batched
        transactions, so an interrupted import leaves a consistent database and running it
        again finishes the job."""
        counts = run_import(paths, db, force=force, model=model, workers=workers, batch_size=batch_size,
                            timeout=timeout)
        if counts["failed"] < 0:
            raise typer.Exit(1)
        sys.stdout.write("imported {inserted}, skipped {skipped}, replaced {replaced}, failed {failed}\n".format(**counts))
        if counts["failed"]:
            raise typer.Exit(1)

    @app.command()
    def search(
        query: str = typer.Argument("", help='Words to find (any case, with or without Polish letters); "a phrase"; OR'),
        db: str = typer.Option(DEFAULT_DB, "--db", help="SQLite database file"),
        locality: Optional[str] = typer.Option(None, "--locality", help="Only documents about this town (any case form)"),
        unit: Optional[str] = typer.Option(None, "--unit", help="Only documents of this unit (words of its name, e.g. 'KPP Łuków')"),
        year: Optional[int] = typer.Option(None, "--year", help="Only documents dated in, or covering, this year"),
        doc_type: Optional[str] = typer.Option(None, "--doc-type", help="priority_plan, news, strategy, other"),
        limit: int = typer.Option(20, "--limit", min=1, help="At most this many results"),
        format: str = typer.Option("table", "--format", "-f", help="table or json"),
    ):
        """Search the stored documents; best matches first, with a highlighted snippet."""
        import sqlite3

        from extractor.store import search as do_search

        if format not in ("table", "json"):
            fail_line("", f"unknown format {format!r} (table or json)")
            raise typer.Exit(2)
        database = open_read(db)
        try:
            if format == "json":
                hits = do_search(database, query, locality=locality, unit=unit, year=year, doc_type=doc_type,
                                 limit=limit)
                sys.stdout.write(dumps(hits, pretty=True) + "\n")
                return
            from rich.console import Console

            console = Console(highlight=False, soft_wrap=True)
            marks = ("\x02", "\x03") if console.is_terminal else ("[", "]")
            hits = do_search(database, query, locality=locality, unit=unit, year=year, doc_type=doc_type,
                             limit=limit, marks=marks)
            _print_table(console, hits, marks)
        except sqlite3.OperationalError as e:
            fail_line("", f"search failed: {e}")
            raise typer.Exit(1)
        finally:
            database.close()

    @app.command()
    def show(
        doc_id: str = typer.Argument(..., help="Document id (as `plany search` shows it) or a sha256 prefix"),
        db: str = typer.Option(DEFAULT_DB, "--db", help="SQLite database file"),
    ):
        """Print a stored record as JSON."""

        database = open_read(db)
        try:
            rec, _ = find_document(database, doc_id, db)
            sys.stdout.write(dumps(rec, pretty=True) + "\n")
        finally:
            database.close()


def _print_table(console, hits: list[dict], marks) -> None:
    from rich.text import Text

    if not hits:
        console.print("no documents found")
        return
    for h in hits:
        head = Text()
        head.append(f"#{h['id']}", style="bold cyan")
        if h["score"] is not None:
            head.append(f"  {h['score']:.3f}")
        when = h["date"] or ("/".join(x or "" for x in (h["period"] or {}).values()) if h.get("period") else "")
        for part in (when, h["doc_type"], h["locality"], h["unit"]):
            if part:
                head.append("  " + str(part))
        head.append("  " + (h["path"] or ""), style="dim")
        console.print(head)
        snip = Text("    ")
        s = h["snippet"] or ""
        if marks[0] == "[":
            snip.append(s)
        else:
            pos = 0
            while True:
                a = s.find(marks[0], pos)
                if a < 0:
                    snip.append(s[pos:])
                    break
                b = s.find(marks[1], a)
                if b < 0:
                    snip.append(s[pos:])
                    break
                snip.append(s[pos:a])
                snip.append(s[a + 1:b], style="bold yellow")
                pos = b + 1
        console.print(snip)
