"""``plany evaluate``: score the extraction against gold annotations (the figures of ``score.py``)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from extractor.cli.common import dumps, fail_line


def _default(sub: str) -> str:
    """``corpus/<sub>`` of the checkout when it exists, else relative to the working directory."""
    repo = Path(__file__).resolve().parents[2] / "corpus" / sub
    return str(repo) if repo.is_dir() else str(Path("corpus") / sub)


def register(app: typer.Typer) -> None:
    @app.command()
    def evaluate(
        docs: str = typer.Option(None, "--docs", help="Directory of documents (default: the project's corpus/docs)"),
        gold: str = typer.Option(None, "--gold", help="Directory of gold JSON files (default: corpus/gold)"),
        predictions: Optional[str] = typer.Option(None, "--predictions",
                                                  help="Score the records of this JSON Lines file instead of extracting"),
        verbose: bool = typer.Option(False, "--verbose", "-v", help="List every miss, document by document"),
        as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON"),
        min_f1: Optional[float] = typer.Option(None, "--min-f1", help="Exit 1 when the macro F1 is lower"),
        model: str = typer.Option("auto", "--model", help="NLP pipeline: auto, blank, or a spaCy model name"),
    ):
        """Score extraction on a gold-annotated corpus: per-field P/R/F1 and the macro F1."""
        from extractor.evaluate import evaluate as run, format_table

        docs = docs or _default("docs")
        gold = gold or _default("gold")
        records = None
        if predictions:
            try:
                lines = Path(predictions).read_text(encoding="utf-8").splitlines()
                records = [json.loads(l) for l in lines if l.strip()]
            except (OSError, ValueError) as e:
                fail_line(predictions, f"cannot read predictions: {e}")
                raise typer.Exit(2)
        try:
            result = run(docs, gold, records=records, model=model)
        except FileNotFoundError as e:
            fail_line("", str(e))
            raise typer.Exit(2)
        for err in result.get("errors", []):
            fail_line("", err)
        if as_json:
            out = {k: result[k] for k in ("fields", "macro_f1", "docs", "seconds")}
            if verbose:
                out["misses"] = result["misses"]
            sys.stdout.write(dumps(out) + "\n")
        else:
            sys.stdout.write(format_table(result, verbose=verbose) + "\n")
        if min_f1 is not None and result["macro_f1"] < min_f1:
            raise typer.Exit(1)
