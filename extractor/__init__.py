"""plany: Polish safety-planning documents in, structured records out.

Public API::

    from extractor import extract_path, extract_text
    rec = extract_text("Plan działania priorytetowego ...")   # -> dict (the contract record)
"""
from __future__ import annotations

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0"



def __getattr__(name):  # lazy: importing the package stays cheap
    if name in ("extract_path", "extract_text"):
        from extractor import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)

__all__ = ["extract_path", "extract_text", "__version__", "SCHEMA_VERSION"]
