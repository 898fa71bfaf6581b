"""Polish temporal normaliser: ``find_temporal(text, ref=None, context_year=None, period=None)``.

See :mod:`extractor.temporal.finder` for the value encoding.
"""
from __future__ import annotations

from extractor.temporal.finder import TemporalExpr, find_temporal, find_temporal_in

__all__ = ["TemporalExpr", "find_temporal", "find_temporal_in"]
