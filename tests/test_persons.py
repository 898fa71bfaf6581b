from pathlib import Path

import pytest

from extractor.fields import persons
from extractor.record import Document, Source

DATA = Path(__file__).parent / "data"


def rows(name: str):
    """(doc_type, locality, text, expected list, xfail reason) from tests/data/<name>.tsv.

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
                    text.replace("\\n", "\n"), exp, reason))
    return out


def document(text: str, doc_type=None, locality=None, **fields) -> Document:
    d = Document(source=Source(path="<test>", sha256="", format="txt"), text=text)
    d.fields["doc_type"] = doc_type
    d.fields["locality"] = locality
    d.fields.update(fields)
    return d


def _params():
    for n, dt, loc, text, exp, reason in rows("persons"):
        marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
        yield pytest.param(dt, loc, text, exp, id=f"line{n}", marks=marks)


@pytest.mark.parametrize("doc_type,locality,text,expected", list(_params()))
def test_persons_table(doc_type, locality, text, expected):
    doc = document(text, doc_type, locality)
    got = []
    for it in persons.extract(doc):
        got.append(it["name"] + (f" [{it['rank']}]" if it.get("rank") else ""))
    assert got == expected


def test_role_and_evidence():
    text = "W spotkaniu wziął udział Komendant Powiatowy Policji w Rypinie nadkom. Tomasz Wilk."
    (p,) = persons.extract(document(text, "news"))
    assert (p["name"], p["rank"], p["role"]) == ("Tomasz Wilk", "nadkom.", "Komendant Powiatowy Policji w Rypinie")
    assert text[p["start"]:p["end"]] == p["text"]
