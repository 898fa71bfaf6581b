"""Helpers shared by the command modules: error lines, JSON output."""
from __future__ import annotations

import json
import sys


def fail_line(path: str, message: str) -> None:
    """One clear line on stderr for a file that failed."""
    msg = " ".join(str(message).split())
    sys.stderr.write(f"plany: {path}: {msg}\n" if path and path not in msg else f"plany: {msg}\n")


def dumps(obj, pretty: bool = False) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None)
