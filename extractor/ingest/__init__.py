"""Ingest: files, directories and archives in, decoded plain text out (minimal version)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


class IngestError(Exception):
    """A file that cannot be read; ``str(err)`` is a one-line message naming the file."""


@dataclass
class Loaded:
    path: str
    format: str
    encoding: str | None
    sha256: str
    text: str
    size: int


def load_paths(paths, **limits) -> Iterator[Loaded | IngestError]:
    for p in paths:
        path = Path(p)
        files = sorted(x for x in path.rglob("*") if x.is_file()) if path.is_dir() else [path]
        for f in files:
            try:
                data = f.read_bytes()
            except OSError as e:
                yield IngestError(f"{f}: cannot read ({e.strerror})")
                continue
            from extractor.ingest.normalize import normalize_text
            try:
                text, enc = data.decode("utf-8-sig"), "utf-8"
            except UnicodeDecodeError:
                text, enc = data.decode("cp1250", "replace"), "cp1250"
            yield Loaded(str(f), "txt", enc, hashlib.sha256(data).hexdigest(), normalize_text(text).text, len(data))
