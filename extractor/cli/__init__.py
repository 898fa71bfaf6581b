"""The ``plany`` command: a thin layer over the Python API.

Each command group lives in its own module and registers itself on ``app``.
"""
from __future__ import annotations

import importlib
import sys

import typer

app = typer.Typer(
    name="plany",
    help="Polish safety-planning documents in, structured and searchable data out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def _root() -> None:
    """plany: import, extract, search and compare Polish safety-planning documents."""


# command modules, each with ``register(app)``
COMMAND_MODULES = ("extract_cmd", "store_cmd", "when_cmd", "doctor_cmd", "evaluate_cmd", "serve_cmd", "export_cmd", "migrate_cmd", "compare_cmd", "bench_cmd")

for _name in COMMAND_MODULES:
    try:
        _mod = importlib.import_module(f"extractor.cli.{_name}")
    except ModuleNotFoundError as _e:  # a command module not written yet
        if _e.name != f"extractor.cli.{_name}":
            raise
        continue
    _mod.register(app)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("plany: interrupted\n")
        sys.exit(130)
