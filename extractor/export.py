"""Exports of a plany database: records (JSON Lines, JSON) and tables (CSV).

    from extractor.export import select_ids, iter_records, write_csv
    ids = select_ids(db, locality="Łuków", year=2024, threat="alcohol_public")
    for rec in iter_records(db, ids): ...          # the stored records, with their text
    write_csv(db, "out/", ids)                     # one CSV file per table

* a record is what ``plany extract`` printed and ``plany import`` stored (the record's
  JSON with its ``text``), so a JSON Lines export can be imported again elsewhere;
* CSV: one UTF-8 file per table with a header row, joinable by the id columns
  (``document_id`` → ``documents.id``, ``action_id`` → ``actions.id``,
  ``indicator_id`` → ``indicators.id``, ``organisation_id`` → ``organisations.id``).
  ``documents.csv`` leaves out the search-index columns (``text_folded``, ``lemmas``,
  ``keywords``) and the record JSON; the text is kept.

Filters are those of ``plany search`` (locality and unit in any case form, year of the
date or covered by the period, document type) plus a threat category code.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable, Iterator

# tables written by write_csv, in order; (table, filter column)
CSV_TABLES: tuple[tuple[str, str | None], ...] = (
    ("documents", "id"),
    ("sections", "document_id"),
    ("threats", "document_id"),
    ("locations", "document_id"),
    ("time_windows", "document_id"),
    ("targets", "document_id"),
    ("actions", "document_id"),
    ("action_partners", "document_id"),
    ("partners", "document_id"),
    ("persons", "document_id"),
    ("indicators", "document_id"),
    ("indicator_values", "document_id"),
    ("regions", "document_id"),
    ("organisations", None),
)
# index columns that are derived from the text and only serve the search
DOCUMENT_COLUMNS_LEFT_OUT = ("text_folded", "lemmas", "keywords", "record")


class ExportError(Exception):
    """An export that cannot be written; one-line message."""


def select_ids(db, locality: str | None = None, unit: str | None = None, year=None, doc_type: str | None = None,
               threat: str | None = None) -> list[int]:
    """Ids of the documents that pass the filters, in id order."""
    from extractor.store.search import _filters

    where, params = _filters(locality, unit, year, doc_type)
    if threat:
        where.append("d.id IN (SELECT document_id FROM threats WHERE category = ?)")
        params.append(threat)
    sql = "SELECT d.id FROM documents d" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.id"
    return [r[0] for r in db.conn.execute(sql, params).fetchall()]


def iter_records(db, ids: Iterable[int]) -> Iterator[dict]:
    """The stored record of each document (with its ``text``)."""
    from extractor.store import get_document

    for i in ids:
        rec = get_document(db, i)
        if rec is not None:
            yield rec


def _columns(conn, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _table_exists(conn, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() \
        is not None


def _cell(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v)) if abs(v) < 1e15 else repr(v)
    return v


def write_csv(db, out_dir, ids: list[int]) -> dict[str, int]:
    """One CSV file per table into ``out_dir`` (created); returns rows written per table."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out_dir}: exists and is not a directory (CSV export writes one file per table)")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"{out_dir}: cannot create directory ({e.strerror or e})") from None
    conn = db.conn
    id_list = json.dumps([int(i) for i in ids])
    selected = "(SELECT value FROM json_each(:ids))"
    counts: dict[str, int] = {}
    for table, key in CSV_TABLES:
        if not _table_exists(conn, table):
            continue
        cols = _columns(conn, table)
        if table == "documents":
            cols = [c for c in cols if c not in DOCUMENT_COLUMNS_LEFT_OUT]
        if key is None:  # organisations: those the exported partners point at
            where = (f"id IN (SELECT organisation_id FROM partners WHERE document_id IN {selected} "
                     f"UNION SELECT organisation_id FROM action_partners WHERE document_id IN {selected})")
        else:
            if key not in cols and table != "documents":
                continue
            where = f'"{key}" IN {selected}'
        sql = "SELECT {} FROM \"{}\" WHERE {} ORDER BY {}".format(
            ", ".join(f'"{c}"' for c in cols), table, where, '"id"' if "id" in cols else "rowid")
        n = 0
        path = out / f"{table}.csv"
        try:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(cols)
                for row in conn.execute(sql, {"ids": id_list}):
                    w.writerow([_cell(v) for v in row])
                    n += 1
        except OSError as e:
            raise ExportError(f"{path}: cannot write ({e.strerror or e})") from None
        counts[table] = n
    return counts


def dumps(rec) -> str:
    return json.dumps(rec, ensure_ascii=False)


def write_records(records: Iterable[dict], fmt: str, fh) -> int:
    """Write records as ``jsonl`` (one a line) or ``json`` (a list) to an open text file."""
    n = 0
    if fmt == "jsonl":
        for rec in records:
            fh.write(dumps(rec) + "\n")
            n += 1
        return n
    fh.write("[")
    for rec in records:
        fh.write(("\n" if n == 0 else ",\n") + json.dumps(rec, ensure_ascii=False, indent=2))
        n += 1
    fh.write("\n]\n" if n else "]\n")
    return n


__all__ = ["select_ids", "iter_records", "write_csv", "write_records", "ExportError", "CSV_TABLES",
           "DOCUMENT_COLUMNS_LEFT_OUT"]
