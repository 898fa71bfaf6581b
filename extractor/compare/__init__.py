"""``plany compare``: cross tables (and charts) of threats, targets, partners and deadlines by
locality, unit, county, voivodeship, half-year period or document type.

    from extractor.compare import compare
    table = compare(db, "threats", by="county", region="lubelskie")
    print(table.to_text()); table.to_csv(); table.to_json()
    from extractor.compare.chart import draw
    draw(table, "out.png")
"""
from extractor.compare.core import (ALLOWED, DEFAULT_BY, DIMENSIONS, WHATS, CompareError, compare, half_year,
                                    load_documents, resolve_threat, target_categories)
from extractor.compare.table import Table

__all__ = ["compare", "Table", "CompareError", "WHATS", "DIMENSIONS", "ALLOWED", "DEFAULT_BY", "half_year",
           "load_documents", "resolve_threat", "target_categories"]
