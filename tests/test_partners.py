import pytest

from extractor.fields import locations, partners, persons

from name_tables import document, table_params  # noqa: E402


@pytest.mark.parametrize("doc_type,locality,text,expected", list(table_params("partners")))
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
