"""``plany bench``: generate a synthetic archive and measure extraction, import and query speed."""
from __future__ import annotations

import sys
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def bench(
        docs: int = typer.Option(200, "--docs", help="Documents to generate and extract"),
        seed: int = typer.Option(1, "--seed", help="Random seed of the generator"),
        workers: int = typer.Option(0, "--workers", help="Worker processes for the parallel figures (0: all CPUs)"),
        scale: str = typer.Option("10000,100000", "--scale",
                                  help="Database sizes (documents, comma-separated) for the query latencies"),
        out: str = typer.Option("bench-results", "--out", help="Directory for report.json"),
        repeat: int = typer.Option(5, "--repeat", help="Rounds of the query set at each scale"),
        keep: bool = typer.Option(False, "--keep", help="Keep the generated archive and databases"),
        json_out: bool = typer.Option(False, "--json", help="Print the JSON report instead of the table"),
        import_docs: int = typer.Option(0, "--import-docs",
                                        help="Also generate this many documents, import them all end to end with "
                                             "the workers, and time the queries on that database (0: no)"),
        texts: list[str] = typer.Option([], "--texts",
                                        help="Files or directories of real documents to extract too, in a fresh "
                                             "worker, beside the tokenisation of their texts (repeatable)"),
    ):
        """Generate DOCS synthetic documents and report documents/s, MB/s, import time, peak RSS,
        database size and search/compare latency, each beside bare spaCy tokenisation of the same texts."""
        from extractor.bench import format_table, run
        from extractor.cli.common import dumps, fail_line

        try:
            scales = tuple(int(x) for x in scale.replace(" ", "").split(",") if x)
        except ValueError:
            fail_line("", f"--scale: comma-separated document counts expected, got {scale!r}")
            raise typer.Exit(2)
        missing = [t for t in texts if not Path(t).exists()]
        if missing:
            fail_line(missing[0], "--texts: no such file or directory")
            raise typer.Exit(2)
        if docs < 1:
            fail_line("", "--docs must be at least 1")
            raise typer.Exit(2)
        report = run(docs=docs, seed=seed, workers=workers or None, scales=scales, out=out, keep=keep,
                     repeat=repeat, log=lambda m: sys.stderr.write(f"bench: {m}\n"), import_docs=max(0, import_docs),
                     text_paths=tuple(texts))
        if json_out:
            sys.stdout.write(dumps(report, pretty=True) + "\n")
        else:
            sys.stdout.write(format_table(report) + "\n")
            if report.get("report_path"):
                sys.stdout.write(f"report: {report['report_path']}\n")
