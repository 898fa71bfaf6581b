"""``plany migrate``: upgrade a database to this plany's schema version.

``open_db`` (and so ``plany import``, ``search``, ``show``) upgrades an older database by
itself; ``plany migrate`` does it explicitly and says what it did: ``from -> to`` and the
migrations applied, all in one transaction.  On a current database it does nothing.
"""
from __future__ import annotations

import sys

import typer

from extractor.cli.common import fail_line


def register(app: typer.Typer) -> None:
    @app.command()
    def migrate(
        db: str = typer.Option("plany.db", "--db", help="SQLite database file"),
        dry_run: bool = typer.Option(False, "--dry-run", help="Only list the migrations that would run"),
    ):
        """Upgrade a plany database to the current schema version (one transaction).

        Other commands upgrade an older database by themselves when they open it; this one
        does it explicitly and prints the versions from -> to and the migrations applied.
        It does nothing to a current database."""
        from extractor.store.schema import DB_SCHEMA_VERSION, StoreError, migrate_database

        try:
            before, after, applied = migrate_database(db, dry_run=dry_run)
        except StoreError as e:
            fail_line("", str(e))
            raise typer.Exit(1)
        if not applied:
            sys.stdout.write(f"{db}: schema version {before} is current (plany {DB_SCHEMA_VERSION}), nothing to do\n")
            return
        verb = "would migrate" if dry_run else "migrated"
        sys.stdout.write(f"{db}: {verb} schema version {before} -> {after}\n")
        for m in applied:
            sys.stdout.write(f"  {m.version}: {m.description}\n")
