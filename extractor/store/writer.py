"""Import records into the database: one document, one transaction.

``import_record(db, record)`` is idempotent by the source's sha256: a document
already stored is skipped (cheaply, before anything is written); with
``force=True`` its rows are replaced (same document id).  Everything a record
brings — the document row, its sections, list tables, organisations it
introduces and its search index entry — is written inside one transaction, so
an error half-way leaves nothing of that document behind.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from extractor.store import orgs
from extractor.store.schema import transaction
from extractor.store.fold import fold, lemma_text


class RecordError(ValueError):
    """A record whose structure cannot be stored (a list field that is not a list, ...)."""


_ITEM_COLUMNS = {
    "threats": ("category",),
    "locations": ("name", "kind", "street", "number", "locality"),
    "persons": ("name", "rank", "role"),
}
_EVIDENCE = ("text", "start", "end")


def _val(v):
    """A value SQLite can hold: lists and objects as JSON, booleans as 0/1."""
    if v is None or isinstance(v, (str, int, float)):
        return v if not isinstance(v, bool) else int(v)
    return json.dumps(v, ensure_ascii=False)


def _json(v):
    return None if v is None else json.dumps(v, ensure_ascii=False)


@lru_cache(maxsize=256)
def _insert_sql(table: str, cols: tuple) -> str:
    return "INSERT INTO {} ({}) VALUES ({})".format(table, ", ".join(f'"{c}"' for c in cols), ", ".join("?" for _ in cols))


def _insert(conn: sqlite3.Connection, table: str, row: dict) -> int:
    cols = tuple(row)
    return conn.execute(_insert_sql(table, cols), [_val(row[c]) for c in cols]).lastrowid


def _insert_many(conn: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    """Insert rows (each with the same columns as the first) with one ``executemany``."""
    if not rows:
        return
    cols = tuple(rows[0])
    conn.executemany(_insert_sql(table, cols), [[_val(r[c]) for c in cols] for r in rows])


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


@lru_cache(maxsize=1)
def _threat_names() -> dict:
    try:
        from extractor.resources import read_tsv

        return {r["code"]: r.get("name_pl") or "" for r in read_tsv("threat_categories.tsv")}
    except Exception:
        return {}


def _items(record: dict, key: str) -> list[dict]:
    items = record.get(key)
    if items is None:
        return []
    if not isinstance(items, list):
        raise RecordError(f"record field {key!r} must be a list, not {type(items).__name__}")
    for i, it in enumerate(items):
        if not isinstance(it, dict):
            raise RecordError(f"record field {key!r} item {i} must be an object, not {type(it).__name__}")
    return items


def _names(v) -> list:
    """Names from a string, an object with ``name`` or a list of either."""
    if v is None:
        return []
    if isinstance(v, list):
        return [n for x in v for n in _names(x)]
    if isinstance(v, dict):
        return [v["name"]] if v.get("name") else []
    return [str(v)]


def _scalar_or_list(v):
    """A text column that holds one value, or a JSON list when there are several."""
    if v is None:
        return None
    if isinstance(v, list):
        v = [x for x in v if x is not None]
        if not v:
            return None
        return str(v[0]) if len(v) == 1 else json.dumps(v, ensure_ascii=False)
    return v if isinstance(v, str) else _val(v)


def _title(text: str) -> str | None:
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line[:300]
    return None


def _officer(officer) -> tuple:
    if isinstance(officer, dict):
        return officer.get("name"), officer.get("rank")
    if isinstance(officer, list):
        offs = [o for o in officer if isinstance(o, dict)]
        return _scalar_or_list([o.get("name") for o in offs]), _scalar_or_list([o.get("rank") for o in offs])
    return _scalar_or_list(officer), None


def keywords_of(record: dict, text: str) -> str:
    """The key fields the index weighs above body text, as written."""
    parts: list[str] = []
    t = _title(text)
    if t:
        parts.append(t)
    parts += _names(record.get("unit"))
    loc = record.get("locality")
    parts += [str(x) for x in (loc if isinstance(loc, list) else [loc]) if x]
    parts += _names(record.get("officer"))
    names = _threat_names()
    for key in ("threats",):
        for it in record.get(key) or []:
            if isinstance(it, dict) and it.get("category"):
                parts.append(names.get(it["category"], "") or "")
    for key in ("partners", "locations", "persons"):
        for it in record.get(key) or []:
            if isinstance(it, dict) and it.get("name"):
                parts.append(str(it["name"]))
    for s in record.get("sections") or []:
        if isinstance(s, dict) and s.get("title"):
            parts.append(str(s["title"]))
    return " | ".join(p for p in parts if p)


def document_row(record: dict, text: str, sha: str) -> dict:
    src = record.get("source") or {}
    if not isinstance(src, dict):
        raise RecordError("record field 'source' must be an object")
    period = record.get("period") or {}
    if isinstance(period, (list, tuple)) and len(period) == 2:
        period = {"start": period[0], "end": period[1]}
    if not isinstance(period, dict):
        raise RecordError("record field 'period' must be an object or null")
    unit = record.get("unit")
    if isinstance(unit, dict):
        unit_name, unit_kind = unit.get("name"), unit.get("kind")
    else:
        unit_name, unit_kind = _scalar_or_list(unit), None
    officer_name, officer_rank = _officer(record.get("officer"))
    stored = {k: v for k, v in record.items() if k != "text"}
    kw = keywords_of(record, text)
    return {
        "sha256": sha,
        "path": src.get("path"),
        "format": src.get("format"),
        "encoding": src.get("encoding"),
        "size": src.get("size"),
        "doc_type": record.get("doc_type"),
        "date": record.get("date"),
        "period_start": period.get("start"),
        "period_end": period.get("end"),
        "unit": unit_name,
        "unit_kind": unit_kind,
        "locality": _scalar_or_list(record.get("locality")),
        "district": _scalar_or_list(record.get("district")),
        "officer_name": officer_name,
        "officer_rank": officer_rank,
        "title": _title(text),
        "text": text,
        "text_folded": fold(text),
        "lemmas": lemma_text(text),
        "keywords": fold(kw) + " " + lemma_text(kw),
        "model": record.get("model"),
        "imported_at": _now(),
        "schema_version": record.get("schema_version"),
        "record": json.dumps(stored, ensure_ascii=False),
    }


def _split(item: dict, columns) -> tuple[dict, str | None]:
    row = {c: item.get(c) for c in columns}
    for c in _EVIDENCE:
        row[c] = item.get(c)
    extra = {k: v for k, v in item.items() if k not in columns and k not in _EVIDENCE}
    return row, _json(extra) if extra else None


def _write_children(db, doc_id: int, record: dict) -> None:
    conn = db.conn
    locality = record.get("locality")
    town = locality if isinstance(locality, str) else None

    _insert_many(conn, "sections", [
        {"document_id": doc_id, "idx": i, "kind": s.get("kind"), "title": s.get("title"), "start": s.get("start"),
         "end": s.get("end")} for i, s in enumerate(_items(record, "sections"))])

    for table, cols in _ITEM_COLUMNS.items():
        rows = []
        for i, it in enumerate(_items(record, table)):
            row, extra = _split(it, cols)
            rows.append({"document_id": doc_id, "idx": i, **row, "extra": extra})
        _insert_many(conn, table, rows)

    for i, it in enumerate(_items(record, "time_windows")):
        row, extra = _split(it, ("from", "to", "days", "parts_of_day"))
        days, parts = row.pop("days"), row.pop("parts_of_day")
        _insert(conn, "time_windows", {
            "document_id": doc_id, "idx": i, "time_from": row.pop("from"), "time_to": row.pop("to"),
            "days": " ".join(days) if isinstance(days, list) else days,
            "parts_of_day": " ".join(parts) if isinstance(parts, list) else parts,
            **row, "extra": extra})

    for i, it in enumerate(_items(record, "targets")):
        row, extra = _split(it, ("direction", "value", "unit", "qualifier", "metric", "baseline"))
        b = row.get("baseline")
        row["baseline"] = b if b is None or isinstance(b, str) else _json(b)
        _insert(conn, "targets", {"document_id": doc_id, "idx": i, **row, "extra": extra})

    for i, it in enumerate(_items(record, "partners")):
        row, extra = _split(it, ("name", "kind", "tasks"))
        org_id = orgs.resolve(db, row["name"], row.get("kind"), town) if row.get("name") else None
        tasks = row.pop("tasks")
        _insert(conn, "partners", {"document_id": doc_id, "idx": i, **row,
                                   "tasks": tasks if tasks is None or isinstance(tasks, str) else _json(tasks),
                                   "organisation_id": org_id, "extra": extra})

    for i, it in enumerate(_items(record, "actions")):
        row, extra = _split(it, ("deadline", "recurrence", "partners"))
        dl = row.pop("deadline") or {}
        if not isinstance(dl, dict):
            dl = {"end": dl}
        partners = row.pop("partners") or []
        names = _names(partners)
        action_id = _insert(conn, "actions", {
            "document_id": doc_id, "idx": i, "deadline_start": dl.get("start"), "deadline_end": dl.get("end"),
            "deadline_granularity": dl.get("granularity"), **row,
            "partners": _json(names) if names else None, "extra": extra})
        for name in names:
            _insert(conn, "action_partners", {"document_id": doc_id, "action_id": action_id, "name": name,
                                              "organisation_id": orgs.resolve(db, name, None, town)})

    for i, it in enumerate(_items(record, "indicators")):
        row, extra = _split(it, ("name", "source", "values"))
        values = row.pop("values") or {}
        ind_id = _insert(conn, "indicators", {"document_id": doc_id, "idx": i, **row, "extra": extra})
        if isinstance(values, dict):
            pairs = list(values.items())
        elif isinstance(values, list):
            pairs = [(v.get("year"), v.get("value")) for v in values if isinstance(v, dict)]
        else:
            raise RecordError(f"indicator {i}: 'values' must be an object year -> number")
        for year, value in pairs:
            try:
                year = int(year)
            except (TypeError, ValueError):
                pass
            _insert(conn, "indicator_values", {"document_id": doc_id, "indicator_id": ind_id,
                                               "year": year, "value": value})


def _drop_orphan_organisations(conn: sqlite3.Connection) -> None:
    conn.execute(
        "DELETE FROM organisations WHERE id NOT IN "
        "(SELECT organisation_id FROM partners WHERE organisation_id IS NOT NULL "
        " UNION SELECT organisation_id FROM action_partners WHERE organisation_id IS NOT NULL)")


def record_sha256(record: dict) -> str:
    src = record.get("source") if isinstance(record.get("source"), dict) else {}
    sha = src.get("sha256")
    if sha:
        return str(sha)
    return hashlib.sha256((record.get("text") or "").encode("utf-8")).hexdigest()


def document_id_for(db, sha256: str) -> int | None:
    """The id of the stored document with this sha256, or None."""
    row = db.conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
    return row[0] if row else None


@dataclass
class PreparedRecord:
    """A record with its document row computed (folded text, lemmas, keywords: the slow part).

    Built by :func:`prepare_record` anywhere (a worker process), written by
    :func:`write_prepared` in the process that owns the database.  Picklable.
    """
    sha256: str
    row: dict
    record: dict


def prepare_record(record: dict) -> PreparedRecord:
    """Check a record and compute its document row; raises :class:`RecordError`."""
    if not isinstance(record, dict):
        raise RecordError("a record must be a JSON object")
    text = record.get("text") or ""
    if not isinstance(text, str):
        raise RecordError("record field 'text' must be a string")
    sha = record_sha256(record)
    return PreparedRecord(sha, document_row(record, text, sha), record)


def write_prepared(db, prepared: PreparedRecord, force: bool = False,
                   import_run_id: int | None = None) -> tuple[str, int]:
    """Write a prepared record in one transaction (a savepoint inside an open one):
    ``("inserted"|"skipped"|"replaced", document_id)``.  A replaced document keeps its id."""
    sha, row = prepared.sha256, dict(prepared.row)
    if import_run_id is not None:
        row["import_run_id"] = import_run_id
    with transaction(db):
        existing = document_id_for(db, sha)  # inside the transaction
        if existing is not None:
            if not force:
                return "skipped", existing
            db.conn.execute("DELETE FROM documents WHERE id = ?", (existing,))
            row["id"] = existing
        doc_id = _insert(db.conn, "documents", row)
        _write_children(db, doc_id, prepared.record)
        if existing is not None:
            _drop_orphan_organisations(db.conn)
    return ("replaced" if existing is not None else "inserted"), doc_id


def import_record(db, record: dict, force: bool = False, import_run_id: int | None = None) -> tuple[str, int]:
    """Store one record: ``("inserted"|"skipped"|"replaced", document_id)``."""
    if not isinstance(record, dict):
        raise RecordError("a record must be a JSON object")
    existing = document_id_for(db, record_sha256(record))
    if existing is not None and not force:
        return "skipped", existing  # cheaply, before the lemmas are computed
    prepared = prepare_record(record)  # all the slow work (lemmas) before the transaction
    return write_prepared(db, prepared, force=force, import_run_id=import_run_id)


def delete_document(db, doc_id: int) -> bool:
    """Remove a document and everything it brought; True when it existed."""
    with transaction(db):
        n = db.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount
        if n:
            _drop_orphan_organisations(db.conn)
    return bool(n)


def get_document(db, doc_id: int) -> dict | None:
    """The stored record of a document (with its text), or None for an unknown id."""
    row = db.conn.execute("SELECT record, text FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    rec = json.loads(row[0]) if row[0] else {}
    rec["text"] = row[1]
    return rec
