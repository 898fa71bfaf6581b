from pathlib import Path

import pytest

from extractor.fields import locations, partners, persons
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
    for n, dt, loc, text, exp, reason in rows("partners"):
        marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
        yield pytest.param(dt, loc, text, exp, id=f"line{n}", marks=marks)


@pytest.mark.parametrize("doc_type,locality,text,expected", list(_params()))
def test_partners_table(doc_type, locality, text, expected):
    doc = document(text, doc_type, locality)
    if "\n" in text:  # rows with line breaks are read with their sections, as the pipeline does
        from extractor.sections import find_sections
        doc.sections = find_sections(doc)
    doc.fields["persons"] = persons.extract(doc)
    doc.fields["locations"] = locations.extract(doc)
    got = [it["name"] for it in partners.extract(doc)]
    assert got == expected


def test_kind_and_tasks():
    text = "Podmioty współpracujące:\n· Straż Gminna w Dębnie kontrole miejsc spożywania alkoholu;\n· GOPS w Dębnie pomoc rodzinom."
    got = partners.extract(document(text, "priority_plan"))
    assert [(p["name"], p["kind"]) for p in got] == [("Straż Gminna w Dębnie", "municipal_police"),
                                                       ("Gminny Ośrodek Pomocy Społecznej w Dębnie", "social_welfare")]
    assert got[0]["tasks"] == "kontrole miejsc spożywania alkoholu"
    for p in got:
        assert text[p["start"]:p["end"]] == p["text"]


def test_partner_names_in_span():
    text = ("Podmioty współpracujące:\n· Straż Miejska w Kutnie wspólne patrole.\n\n"
            "Działania: w marcu wspólne patrole ze Strażą Miejską w rejonie dworca.")
    doc = document(text, "priority_plan")
    doc.fields["partners"] = partners.extract(doc)
    s = text.index("Działania")
    assert partners.partner_names_in(doc, s, len(text)) == ["Straż Miejska w Kutnie"]
