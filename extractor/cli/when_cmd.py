"""``plany when TEXT [--ref YYYY-MM-DD] [--period START/END]``: the temporal expressions in a text.

Prints one JSON line per expression: text, start, end, kind, granularity, value.
"""
from __future__ import annotations

import sys
from datetime import date
from typing import Optional

import typer

from extractor.cli.common import dumps, fail_line


def _parse_date(s: str, what: str) -> date:
    try:
        return date.fromisoformat(s.strip())
    except ValueError:
        raise ValueError(f"{what}: not an ISO date (YYYY-MM-DD): {s!r}")


def register(app: typer.Typer) -> None:
    @app.command()
    def when(
        text: str = typer.Argument(..., help="Polish text; '-' reads standard input"),
        ref: Optional[str] = typer.Option(None, "--ref", help="Reference date for relative expressions (YYYY-MM-DD)"),
        period: Optional[str] = typer.Option(None, "--period", help="Plan period START/END (ISO dates)"),
        year: Optional[int] = typer.Option(None, "--year", help="Year for expressions that leave it out"),
    ):
        """Find and normalise the temporal expressions in TEXT (one JSON line each)."""
        from extractor.temporal import find_temporal

        try:
            ref_d = _parse_date(ref, "--ref") if ref else None
            per = None
            if period:
                if "/" not in period:
                    raise ValueError(f"--period: expected START/END, got {period!r}")
                a, b = period.split("/", 1)
                per = (_parse_date(a, "--period"), _parse_date(b, "--period"))
                if per[0] > per[1]:
                    raise ValueError("--period: START is after END")
        except ValueError as e:
            fail_line("", str(e))
            raise typer.Exit(2)
        if text == "-":
            text = sys.stdin.read()
        for e in find_temporal(text, ref=ref_d, context_year=year, period=per):
            sys.stdout.write(dumps(e.as_dict()) + "\n")
