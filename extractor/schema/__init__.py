"""The JSON Schema of the record (draft 2020-12), shipped in the package.

    from extractor.schema import load_schema, validate
    validate(record)          # raises SchemaError naming the first bad path

The schema describes the keys of ``CONTRACT.md``; extra keys are allowed.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from extractor import SCHEMA_VERSION

SCHEMA_FILE = "record.schema.json"


class SchemaError(ValueError):
    """A record that does not match the schema; the message names the path and the problem."""

    def __init__(self, message: str, errors: list | None = None):
        super().__init__(message)
        self.errors = errors or []


@lru_cache(maxsize=1)
def load_schema() -> dict:
    """The record schema as a dict (``$id`` carries the schema version)."""
    text = resources.files("extractor.schema").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema = json.loads(text)
    assert schema.get("version") == SCHEMA_VERSION, "schema file and SCHEMA_VERSION disagree"
    return schema


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _path(err) -> str:
    out = "record"
    for part in err.absolute_path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _deepest(err):
    """For ``oneOf``/``anyOf`` failures, the most relevant error inside (names the exact bad path)."""
    from jsonschema.exceptions import best_match

    while err.context:
        inner = best_match(err.context)
        if inner is None or len(inner.absolute_path) < len(err.absolute_path):
            break
        err = inner
    return err


def iter_errors(record: dict) -> list[str]:
    """Every schema violation of ``record`` as ``"path: message"`` lines (empty when valid)."""
    errs = sorted((_deepest(e) for e in _validator().iter_errors(record)),
                  key=lambda e: list(map(str, e.absolute_path)))
    lines = []
    for e in errs:
        msg = e.message
        if len(msg) > 200:
            msg = msg[:200] + "..."
        lines.append(f"{_path(e)}: {msg}")
    return lines


def validate(record: dict) -> dict:
    """Return ``record`` when it matches the schema; raise :class:`SchemaError` otherwise."""
    lines = iter_errors(record)
    if lines:
        more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
        raise SchemaError(f"record does not match schema {SCHEMA_VERSION}: {lines[0]}{more}", lines)
    return record


__all__ = ["load_schema", "validate", "iter_errors", "SchemaError"]
