from pathlib import Path

import pytest

from extractor.fields import locations
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
    for n, dt, loc, text, exp, reason in rows("locations"):
        marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
        yield pytest.param(dt, loc, text, exp, id=f"line{n}", marks=marks)


@pytest.mark.parametrize("doc_type,locality,text,expected", list(_params()))
def test_locations_table(doc_type, locality, text, expected):
    doc = document(text, doc_type, locality)
    if "\n" in text:  # rows with line breaks are read with their sections, as the pipeline does
        from extractor.sections import find_sections
        doc.sections = find_sections(doc)
    got = [it["name"] for it in locations.extract(doc)]
    assert got == expected


def test_items_carry_evidence():
    text = "Zagrożenie występuje przy ulicy Kwiatowej 12 w Radomiu."
    doc = document(text, "priority_plan")
    (item,) = locations.extract(doc)
    assert item["name"] == "ul. Kwiatowa 12"
    assert item["kind"] == "address" and item["number"] == "12" and item["locality"] == "Radom"
    assert text[item["start"]:item["end"]] == item["text"]
