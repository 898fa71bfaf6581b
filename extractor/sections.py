"""Sections (placeholder until implemented)."""
from __future__ import annotations


def find_sections(document):
    return []
