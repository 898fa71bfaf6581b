import pytest

from extractor.fields import persons

from name_tables import document, table_params  # noqa: E402


@pytest.mark.parametrize("doc_type,locality,text,expected", list(table_params("persons")))
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
