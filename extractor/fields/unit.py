"""Field extractor: unit (placeholder until implemented)."""
from __future__ import annotations


def extract(document):
    return None
