"""Find the declarative data in ``rules/`` and ``models/``, from a checkout or an installed wheel."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def _dir(name: str) -> Path:
    local = _ROOT / name
    if local.is_dir():
        return local
    return Path(str(resources.files(f"extractor.{name}")))


def rules_path(*parts: str) -> Path:
    return _dir("rules").joinpath(*parts)


def models_path(*parts: str) -> Path:
    return _dir("models").joinpath(*parts)


@lru_cache(maxsize=None)
def read_tsv(*parts: str) -> tuple[dict, ...]:
    """Rows of a TSV file in rules/ as dicts; lines starting with '#' are comments."""
    path = rules_path(*parts)
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return tuple(dict(r) for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=None)
def read_lines(*parts: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a text file in rules/."""
    path = rules_path(*parts)
    out = []
    for ln in path.read_text(encoding="utf-8").splitlines():
        ln = ln.strip()
        if ln and not ln.startswith("#"):
            out.append(ln)
    return tuple(out)


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """The abbreviations of ``rules/tokenizer_exceptions.txt`` (lowercase, with their dot) -> kind ("title" or "end")."""
    out: dict[str, str] = {}
    for ln in read_lines("tokenizer_exceptions.txt"):
        parts = ln.split("\t")
        out[parts[0].strip()] = (parts[1].strip() if len(parts) > 1 else "title") or "title"
    return out
