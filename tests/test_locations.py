import pytest

from extractor.fields import locations

from name_tables import document, table_params  # noqa: E402


@pytest.mark.parametrize("doc_type,locality,text,expected", list(table_params("locations")))
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
