"""``plany compare WHAT --by DIM``: cross tables (and charts) over the database.

A thin layer over :func:`extractor.compare.compare`.  Unknown WHAT, dimension, format, threat or
region: one line on stderr, exit 2.  A missing or unusable database: one line, exit 1.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from extractor.cli.common import fail_line

DEFAULT_DB = "plany.db"
FORMATS = ("table", "csv", "json")
TERMINAL_GROUPS = 8


def _print_rich(table) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable

    console = Console(highlight=False)
    cols = table.display_columns()
    rt = RichTable(title=table.title, box=box.SIMPLE_HEAD, title_justify="left", title_style="bold",
                   show_footer=False, pad_edge=False)
    for j, (name, idxs) in enumerate(cols):
        numeric = table.kinds[idxs[0]] != "label"
        rt.add_column(name, justify="right" if numeric else "left", no_wrap=numeric,
                      overflow="fold", max_width=None if numeric else 48)
    n_data = len(table.rows) - table.footer_rows
    for i, r in enumerate(table.rows):
        rt.add_row(*[table.display_cell(r, idxs) for _n, idxs in cols], end_section=(i == n_data - 1),
                   style="dim" if i >= n_data else None)
    console.print(rt)
    for note in table.notes:
        console.print(note, style="dim")


def register(app: typer.Typer) -> None:
    @app.command()
    def compare(
        what: str = typer.Argument(..., help="threats, targets, partners or deadlines"),
        by: Optional[str] = typer.Option(None, "--by", help="locality, unit, county, voivodeship, period, doc_type "
                                         "(targets also: threat; any: all). Defaults: threats→locality, "
                                         "targets→threat, partners→unit, deadlines→all"),
        db: str = typer.Option(DEFAULT_DB, "--db", help="SQLite database file"),
        locality: Optional[str] = typer.Option(None, "--locality", help="Only documents about this town (any case form)"),
        unit: Optional[str] = typer.Option(None, "--unit", help="Only documents of this unit ('KPP Łuków')"),
        region: Optional[str] = typer.Option(None, "--region", help="A voivodeship or county: 'lubelskie', "
                                             "'województwo lubelskie', 'powiat łukowski'"),
        year: Optional[int] = typer.Option(None, "--year", help="Only documents dated in, or covering, this year"),
        threat: Optional[str] = typer.Option(None, "--threat", help="Only documents naming this threat (a code or "
                                             "words of its name: 'alkohol')"),
        doc_type: Optional[str] = typer.Option(None, "--doc-type", help="priority_plan, news, strategy, other"),
        format: str = typer.Option("table", "--format", "-f", help="table, csv or json"),
        top: Optional[int] = typer.Option(None, "--top", min=1, help="Only the N most frequent rows"),
        groups: Optional[int] = typer.Option(None, "--groups", min=0, help="At most N groups as columns, the rest "
                                             f"summed as 'pozostałe' (0: all; default {TERMINAL_GROUPS} for the "
                                             "table and chart, all for csv/json)"),
        chart: Optional[str] = typer.Option(None, "--chart", help="Also draw the table to this .png or .svg file"),
    ):
        """Compare threats, targets, partners or deadlines across localities, units, counties,
        voivodeships, half-years or document types: counts and shares."""
        import sqlite3

        from extractor.compare import CompareError
        from extractor.compare import compare as do_compare
        from extractor.compare.core import _normalise_by

        if format not in FORMATS:
            fail_line("", f"unknown format {format!r} (table, csv or json)")
            raise typer.Exit(2)
        try:
            _normalise_by(what, by)
        except CompareError as e:
            fail_line("", str(e))
            raise typer.Exit(2)
        if chart:
            from extractor.compare.chart import FORMATS as CHART_FORMATS

            p = Path(chart)
            if p.suffix.lower() not in CHART_FORMATS:
                fail_line("", f"{chart}: chart must be a .png or .svg file")
                raise typer.Exit(2)
            if not p.parent.exists():
                fail_line("", f"{chart}: directory {p.parent} does not exist")
                raise typer.Exit(1)
        from extractor.cli.common import open_read

        database = open_read(db)
        if groups is None:
            n_groups = TERMINAL_GROUPS if (format == "table" or chart) else None
        else:
            n_groups = groups or None
        try:
            table = do_compare(database, what, by, locality=locality, unit=unit, region=region, year=year,
                               threat=threat, doc_type=doc_type, top=top, groups=n_groups)
            if chart and format != "table" and groups is None:
                chart_table = do_compare(database, what, by, locality=locality, unit=unit, region=region,
                                         year=year, threat=threat, doc_type=doc_type, top=top,
                                         groups=TERMINAL_GROUPS)
            else:
                chart_table = table
        except CompareError as e:
            fail_line("", str(e))
            raise typer.Exit(2)
        except sqlite3.Error as e:
            fail_line("", f"compare failed: {e}")
            raise typer.Exit(1)
        finally:
            database.close()
        if format == "json":
            sys.stdout.write(table.to_json() + "\n")
        elif format == "csv":
            sys.stdout.write(table.to_csv())
        elif sys.stdout.isatty():
            _print_rich(table)
        else:
            sys.stdout.write(table.to_text())
        if chart:
            from extractor.compare.chart import ChartError, draw

            try:
                draw(chart_table, chart)
            except (ChartError, OSError) as e:
                fail_line("", str(e))
                raise typer.Exit(1)
            sys.stderr.write(f"plany: chart written to {chart}\n")
