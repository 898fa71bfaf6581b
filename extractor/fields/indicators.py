"""Field extractor: indicators (placeholder until implemented)."""
from __future__ import annotations


def extract(document):
    return []
