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
    # the dash between a body and its tasks is no part of the tasks
    got = partners.extract(document("Podmioty współpracujące:\n– Powiatowy Zarząd Dróg w Ełku – poprawa oznakowania;",
                                    "priority_plan"))
    assert [(p["name"], p["tasks"]) for p in got] == [("Powiatowy Zarząd Dróg w Ełku", "poprawa oznakowania")]


def test_partner_names_in_span():
    text = ("Podmioty współpracujące:\n· Straż Miejska w Kutnie wspólne patrole.\n\n"
            "Działania: w marcu wspólne patrole ze Strażą Miejską w rejonie dworca.")
    doc = document(text, "priority_plan")
    doc.fields["partners"] = partners.extract(doc)
    s = text.index("Działania")
    assert partners.partner_names_in(doc, s, len(text)) == ["Straż Miejska w Kutnie"]


@pytest.mark.parametrize("rows", [
    # action – term – body
    "1. Analiza miejsc kolizji – do 28.02.2026 r. – Nadleśnictwo Wieluń\n"
    "2. Wniosek o znaki – I kwartał 2026 r. – Zarząd Dróg Powiatowych w Wieluniu\n"
    "3. Informacja w mediach – w całym okresie obowiązywania planu",
    # a table pasted with " | "
    "| Działanie | Termin | Podmiot |\n"
    "| Analiza miejsc kolizji | do 28.02.2026 r. | Nadleśnictwo Wieluń |\n"
    "| Wniosek o znaki | I kwartał 2026 r. | Zarząd Dróg Powiatowych w Wieluniu |\n"
    "| Kontrole rejonu | na bieżąco | Urząd gminy |",
    # and with tabs
    "Lp.\tPlanowane działanie\tTermin realizacji\tPodmiot współpracujący\n"
    "1.\tAnaliza miejsc kolizji\tdo 28.02.2026 r.\tNadleśnictwo Wieluń\n"
    "2.\tWniosek o znaki\tI kwartał 2026 r.\tZarząd Dróg Powiatowych w Wieluniu\n"
    "3.\tKontrole rejonu\tna bieżąco\t—",
])
def test_bodies_in_the_cells_of_action_rows(rows):
    """The body named in a later cell of an action's row is a partner; a mere kind ("Urząd gminy") is not."""
    from extractor.pipeline import extract_text

    rec = extract_text("Plan działania priorytetowego\nCharakterystyka zagrożenia\nNa drodze krajowej nr 43 "
                       "w Wieluniu dochodzi do kolizji ze zwierzętami.\nPlanowane działania\n" + rows)
    assert [p["name"] for p in rec["partners"]] == ["Nadleśnictwo Wieluń", "Zarząd Dróg Powiatowych w Wieluniu"]
    assert [(a["deadline"] or {}).get("end") for a in rec["actions"]][:2] == ["2026-02-28", "2026-03-31"]
    assert rec["actions"][0]["partners"] == ["Nadleśnictwo Wieluń"]
    assert not rec["actions"][0]["text"].startswith("|")


def test_bodies_a_sentence_introduces_as_taking_part():
    """"W realizacji Programu uczestniczą:" and its list: the bodies taking part, but for the unit itself."""
    from extractor.pipeline import extract_text

    rec = extract_text("Gminny program zapobiegania przestępczości na lata 2019–2023\nKoordynatorem Programu jest "
                       "Komisariat Policji w Zwoleniu.\nW realizacji Programu uczestniczą:\n1) Komisariat Policji w "
                       "Zwoleniu,\n2) Straż Miejska w Zwoleniu,\n3) Nadleśnictwo Zwoleń,\n4) placówki oświatowe.\n\n"
                       "Adresatami Programu są mieszkańcy gminy.")
    assert [p["name"] for p in rec["partners"]] == ["Straż Miejska w Zwoleniu", "Nadleśnictwo Zwoleń"]


def test_the_unit_is_not_its_own_partner():
    from extractor.pipeline import extract_text

    rec = extract_text("Program Bezpieczne Miasto na lata 2018–2020\nKoordynatorem Programu jest Straż Miejska w "
                       "Chojnicach.\nRealizatorzy:\nStraż Miejska w Chojnicach, Nadleśnictwo Chojnice, Chojnickie "
                       "Centrum Kultury.")
    assert rec["unit"]["name"] == "Straż Miejska w Chojnicach"
    assert [p["name"] for p in rec["partners"]] == ["Nadleśnictwo Chojnice", "Chojnickie Centrum Kultury"]


def test_the_implementers_of_a_programmes_tasks_are_partners():
    """"Realizator:" of each task (but for the unit, and the office the unit is part of) is a partner; a body
    met in the text stays one although these lines list only some."""
    from extractor.pipeline import extract_text

    rec = extract_text("Program poprawy bezpieczeństwa na lata 2024–2026\nKoordynatorem Programu jest Wydział "
                       "Bezpieczeństwa Urzędu Miejskiego w Zwoleniu.\nZadania\nZadanie 1. Patrole w parku "
                       "wspólnie ze Strażą Miejską w Zwoleniu.\nRealizator: Komisariat Policji w Zwoleniu\n"
                       "Termin: corocznie\n\nZadanie 2. Kampania w szkołach.\nRealizator: Urząd Miejski w Zwoleniu\n"
                       "Termin: 2025\n\nZadanie 3. Kontrole sklepów.\nRealizator: Gminna Komisja Rozwiązywania "
                       "Problemów Alkoholowych w Zwoleniu\nTermin: raz na kwartał\n")
    assert rec["unit"]["name"] == "Wydział Bezpieczeństwa Urzędu Miejskiego w Zwoleniu"
    assert sorted(p["name"] for p in rec["partners"]) == [
        "Gminna Komisja Rozwiązywania Problemów Alkoholowych w Zwoleniu", "Komisariat Policji w Zwoleniu",
        "Straż Miejska w Zwoleniu"]


def test_a_table_row_wrapped_over_lines_gives_its_partners_whole_name():
    """A converted PDF's grid: a row goes on over the next lines, whose first cell is empty."""
    from extractor.pipeline import extract_text

    rec = extract_text(
        "Plan działania priorytetowego\n3. PROPONOWANE DZIAŁANIA\n"
        "Lp. | Działanie                                   | Termin           | Współpraca\n"
        " 1  | Spotkania z seniorami w Klubie             | luty i marzec    | Miejski Ośrodek Pomocy\n"
        "    | Seniora – pogadanki                        | 2026 r.          | Społecznej w Rypinie\n"
        " 2  | Kolportaż naklejek „Zanim przekażesz       | marzec 2026 r.   | Uniwersytet Trzeciego\n"
        "    | pieniądze – zadzwoń”                       |                  | Wieku w Rypinie\n", model="blank")
    assert [p["name"] for p in rec["partners"]] == ["Miejski Ośrodek Pomocy Społecznej w Rypinie",
                                                    "Uniwersytet Trzeciego Wieku w Rypinie"]
    assert [p["text"] for p in rec["partners"]] == ["Miejski Ośrodek Pomocy", "Uniwersytet Trzeciego"]


def test_a_table_drawn_with_bars_whose_rows_wrap_gives_each_cells_whole_name():
    """Rows that open and close with a bar: the lines going on a row have their first cell (after the bar) blank;
    a list that only points at the table's column names no body of its own."""
    from extractor.pipeline import extract_text

    rec = extract_text(
        "Plan działania priorytetowego\n§ 3. Działania, terminy, współdziałający\n"
        "| Lp. | Przedsięwzięcie              | Termin            | Kto współdziała    |\n"
        "|-----|------------------------------|-------------------|--------------------|\n"
        "| 1.  | Pogadanka dla uczniów        | do 19.06.2026 r.  | Szkoła Podstawowa  |\n"
        "|     | klas IV–VIII                 |                   | w Karczmiskach     |\n"
        "| 2.  | Kontrole sklepów             | raz na kwartał    | GKRPA w Karczmiskach |\n"
        "\n§ 4. Podmioty współdziałające\nJak w kolumnie „Kto współdziała” tabeli w § 3.\n\n"
        "§ 5. Sposób poinformowania mieszkańców\nTablice przy wyrobisku.\n\n"
        "Zatwierdził: kom. Piotr Sawicki, Naczelnik Wydziału Prewencji\n", model="blank")
    assert [p["name"] for p in rec["partners"]] == [
        "Szkoła Podstawowa w Karczmiskach", "Gminna Komisja Rozwiązywania Problemów Alkoholowych w Karczmiskach"]
    assert "communication" in [s["kind"] for s in rec["sections"]]


def test_a_body_on_a_wrapped_cells_later_line_has_its_evidence_there():
    """The second body of a cell wrapped over three lines: its evidence is its first line's piece, not an empty or
    shifted span; a body on the row's first line keeps the part written there."""
    from extractor.pipeline import extract_text

    text = ("Plan działania priorytetowego\n§ 3. Działania, terminy, współdziałający\n"
            "| Lp. | Przedsięwzięcie              | Termin            | Kto współdziała    |\n"
            "|-----|------------------------------|-------------------|--------------------|\n"
            "| 1.  | Pogadanka dla uczniów        | do 19.06.2026 r.  | GOPS w Baranowie,  |\n"
            "|     | klas IV–VIII                 |                   | Straż Gminna       |\n"
            "|     |                              |                   | w Baranowie        |\n"
            "| 2.  | Kontrole sklepów             | raz na kwartał    | GKRPA w Baranowie  |\n")
    rec = extract_text(text, model="blank")
    assert [(p["name"], p["text"]) for p in rec["partners"]] == [
        ("Gminny Ośrodek Pomocy Społecznej w Baranowie", "GOPS w Baranowie"),
        ("Straż Gminna w Baranowie", "Straż Gminna"),
        ("Gminna Komisja Rozwiązywania Problemów Alkoholowych w Baranowie", "GKRPA w Baranowie")]
    for p in rec["partners"]:
        assert text[p["start"]:p["end"]] == p["text"]


def test_a_list_numbered_in_levels():
    from extractor.pipeline import extract_text

    rec = extract_text("Plan działania priorytetowego\n4. PODMIOTY WSPÓŁDZIAŁAJĄCE\n4.1 Ochotnicza Straż Pożarna w "
                       "Moskorzewie – pogadanki.\n4.2 Szkoła Podstawowa w Moskorzewie – spotkania z uczniami.\n",
                       model="blank")
    assert [p["name"] for p in rec["partners"]] == ["Ochotnicza Straż Pożarna w Moskorzewie",
                                                    "Szkoła Podstawowa w Moskorzewie"]


def test_a_name_wrapped_onto_the_items_indented_next_line():
    """A long line that ends inside a name goes on indented; a short line's indented label is no part of it."""
    from extractor.pipeline import extract_text

    rec = extract_text("Plan działania priorytetowego\nDZIAŁANIA – TERMINY:\n"
                       "1) Kontrole trzeźwości kierujących przy ul. Lipnowskiej wspólnie z Wydziałem\n"
                       "   Ruchu Drogowego Komendy Powiatowej Policji w Lipnie – w każdy piątek.\n"
                       "2) Spotkania z seniorami\n   Wspólnie z: Gminny Ośrodek Pomocy Społecznej w Wielgiem\n"
                       "   Czas: co sześć tygodni\n", model="blank")
    assert sorted(p["name"] for p in rec["partners"]) == [
        "Gminny Ośrodek Pomocy Społecznej w Wielgiem", "Wydział Ruchu Drogowego Komendy Powiatowej Policji w Lipnie"]


def test_the_fuller_name_of_a_body_wins_over_a_mention_with_tasks_only_when_it_adds_the_town():
    short = {"name": "Straż Miejska", "tasks": "wspólne patrole", "start": 0, "end": 13}
    full = {"name": "Straż Miejska w Chorzowie", "tasks": None, "start": 50, "end": 75}
    got = partners._dedupe([short, full])
    assert [(p["name"], p["tasks"]) for p in got] == [("Straż Miejska w Chorzowie", "wspólne patrole")]
    # a longer name that adds anything else is a misreading: the mention with tasks stays
    other = {"name": "Straż Miejska do 15", "tasks": None, "start": 80, "end": 99}
    assert [p["name"] for p in partners._dedupe([short, other])] == ["Straż Miejska"]


def test_a_bracketed_lists_brackets_are_no_part_of_its_names():
    """The first and the last item of "(Szkoła Podstawowa nr 2, KPP w Zgorzelcu)" keep no bracket."""
    assert partners._canonical_name("KPP w Zgorzelcu)") == "Komenda Powiatowa Policji w Zgorzelcu"
    assert partners._canonical_name("(Straż Miejska w Bogatyni") == "Straż Miejska w Bogatyni"


def test_a_police_department_met_in_an_action_beside_a_list_of_partners():
    """A list of cooperating bodies decides over bodies met in actions, but for the police's own departments named with
    their Komenda: the officers' colleagues who take part."""
    from extractor.pipeline import extract_text

    rec = extract_text("Plan działania priorytetowego\nZagrożenie\nKierujący przekraczają prędkość przy szkole.\nCel\n"
                       "Mniej wykroczeń.\nDziałania:\n• kontrole prędkości prowadzone z udziałem policjantów Wydziału Ruchu "
                       "Drogowego KPP w Międzychodzie – dwa razy w miesiącu;\n• wspólne patrole z Komisariatem Wodnym "
                       "Policji w lipcu.\nPodmioty współpracujące: Szkoła Podstawowa nr 2 w Międzychodzie.\n",
                       model="blank")
    names = [p["name"] for p in rec["partners"]]
    assert "Szkoła Podstawowa nr 2 w Międzychodzie" in names
    assert any(n.startswith("Wydział Ruchu Drogowego Komendy Powiatowej Policji") for n in names)
    assert not any("Wodnym" in n or "Wodny" in n for n in names)
