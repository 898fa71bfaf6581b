"""The web view of a plany database: Datasette, read-only, with metadata and review pages.

    from extractor.web import build_metadata, serve
    meta = build_metadata("plany.db")        # titles, PL+EN column descriptions, facets, canned queries
    serve("plany.db", port=8001)             # blocks until Ctrl-C; raises ServeError on bad input

Pieces:

* :mod:`extractor.web.metadata` — table and column descriptions (Polish / English),
  facets and canned queries, generated from the tables the database actually has;
* :mod:`extractor.web.plugin` — a Datasette plugin registered in-process: SQL functions
  (``plany_fts_query``, ``plany_snippet``, ``plany_threat_name``, the store's filters),
  search over ``documents_fts`` from the table's search box, facets by threat category,
  year and voivodeship, review pages at ``/-/review/<id>``, shorter cells;
* :mod:`extractor.web.launcher` — the ``plany serve`` process management;
* ``python -m extractor.web`` — Datasette's own command line with the plugin registered.
"""
from __future__ import annotations


class ServeError(Exception):
    """A server that cannot start (missing database, port in use, ...); one-line message."""


def build_metadata(db_path, base_url: str = "/") -> dict:
    from extractor.web.metadata import build_metadata as _build

    return _build(db_path, base_url=base_url)


def serve(db_path, host: str = "127.0.0.1", port: int = 8001, **kwargs) -> int:
    from extractor.web.launcher import serve as _serve

    return _serve(db_path, host=host, port=port, **kwargs)


__all__ = ["ServeError", "build_metadata", "serve"]
