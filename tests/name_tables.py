"""Shared readers of the phrase tables in tests/data (the name extractors' {locations,partners,persons}.tsv, and
tables with a header row read as dicts)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from extractor.record import Document, Source

DATA = Path(__file__).parent / "data"


def rows(name: str):
    """(line, doc_type, locality, text, expected list, xfail reason) from tests/data/<name>.tsv.

    Columns: doc_type, locality ("-" none), text (``\\n`` for line breaks), expected values
    separated by " | " ("-" none), optional xfail reason."""
    out = []
    for n, line in enumerate((DATA / f"{name}.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        doc_type, locality, text, expected = cols[:4]
        reason = cols[4] if len(cols) > 4 else ""
        exp = [] if expected.strip() == "-" else [e.strip() for e in expected.split(" | ")]
        out.append((n, None if doc_type == "-" else doc_type, None if locality == "-" else locality,
                    text.replace("\\n", "\n").replace("\\t", "\t"), exp, reason))
    return out


def dict_rows(name: str) -> list[dict]:
    """The rows of tests/data/<name>.tsv as dicts by its header row ("#" lines are comments)."""
    lines = (ln for ln in (DATA / f"{name}.tsv").read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#"))
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def document(text: str, doc_type=None, locality=None, **fields) -> Document:
    """A document of ``text`` with the given fields and, as the pipeline gives them, the NLP stage's sentences."""
    from extractor.nlp import get_nlp

    d = Document(source=Source(path="<test>", sha256="", format="txt"), text=text)
    d.doc_later(lambda: None, get_nlp("blank").tokenizer.sentence_spans(text))
    d.fields["doc_type"] = doc_type
    d.fields["locality"] = locality
    d.fields.update(fields)
    return d


def table_params(name: str):
    """pytest params (doc_type, locality, text, expected) of a table; rows with a reason are xfail."""
    for n, dt, loc, text, exp, reason in rows(name):
        marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
        yield pytest.param(dt, loc, text, exp, id=f"line{n}", marks=marks)
