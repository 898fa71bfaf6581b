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


@pytest.mark.parametrize("town,loc", [
    ("Lublin", "Lublinie"), ("Skarżysko-Kamienna", "Skarżysku-Kamiennej"),
    ("Tomaszów Lubelski", "Tomaszowie Lubelskim"), ("Nowy Sącz", "Nowym Sączu"), ("Nowa Ruda", "Nowej Rudzie"),
    ("Biała Podlaska", "Białej Podlaskiej"), ("Krosno Odrzańskie", "Krośnie Odrzańskim"),
    ("Środa Wielkopolska", "Środzie Wielkopolskiej"), ("Stare Babice", "Starych Babicach"),
    ("Nowe Miasto Lubawskie", "Nowym Mieście Lubawskim"), ("Zielona Góra", "Zielonej Górze"),
    # two nouns, the second in apposition; a hyphenated name's second part
    ("Góra Kalwaria", "Górze Kalwarii"), ("Lądek-Zdrój", "Lądku-Zdroju"), ("Polanica-Zdrój", "Polanicy-Zdroju"),
    # a word that is also an adjective ("Wola": "woli") or a surname ("Rudzka", "Różaniecka"); the place's noun heads
    ("Wola Rudzka", "Woli Rudzkiej"), ("Ruda Różaniecka", "Rudzie Różanieckiej"), ("Biała Piska", "Białej Piskiej"),
    # a place's adjective the dictionary does not know, inflected as a known one
    ("Wólka Łasiecka", "Wólce Łasieckiej"), ("Wola Zaradzyńska", "Woli Zaradzyńskiej"),
    ("Xyzów Qwerty", "Xyzów Qwerty"),   # unknown to Morfeusz: the name as it is
])
def test_locative_of_town_names(town, loc):
    """The "w ..." tail of a generic place: the town's locative, adjectives agreeing with its noun."""
    from extractor.fields.names import locative

    assert locative(town) == loc


@pytest.mark.parametrize("name,gen", [
    ("Rodzinny Ogród Działkowy", "Rodzinnego Ogrodu Działkowego"), ("Polski Związek Wędkarski", "Polskiego Związku Wędkarskiego"),
    ("Ochotnicza Straż Pożarna", "Ochotniczej Straży Pożarnej"), ("Wodne Ochotnicze Pogotowie Ratunkowe",
                                                                   "Wodnego Ochotniczego Pogotowia Ratunkowego"),
    # the noun's complement stays as it is
    ("Gminna Komisja Rozwiązywania Problemów Alkoholowych", "Gminnej Komisji Rozwiązywania Problemów Alkoholowych"),
    # an adjective keeps its degree ("Czerwony" has a comparative, "czerwieńszy")
    ("Polski Czerwony Krzyż", "Polskiego Czerwonego Krzyża"), ("Straż Ochrony Kolei", "Straży Ochrony Kolei"),
    ("Xyzowy Qwerty", None),   # unknown to Morfeusz: no genitive
])
def test_genitive_of_a_bodys_name(name, gen):
    from extractor.fields.names import genitive

    assert genitive(name) == gen


@pytest.mark.parametrize("name,one", [
    ("Ochotnicze Straże Pożarne", "Ochotnicza Straż Pożarna"), ("Szkoły Podstawowe", "Szkoła Podstawowa"),
    ("Polski Czerwony Krzyż", None),   # no plural
])
def test_singular_of_bodies_name(name, one):
    from extractor.fields.names import singular

    assert singular(name) == one


def test_a_place_name_stops_at_a_table_cell():
    """"Park Tysiąclecia<tab>Straż Miejska" (a table's row as text): the park's name ends with its cell."""
    from extractor.pipeline import extract_text

    rec = extract_text("Program poprawy bezpieczeństwa na lata 2018–2020\nDiagnoza\nDewastacja zieleni w parku "
                       "Tysiąclecia\tStraż Miejska\t2018\n")
    assert [l["name"] for l in rec["locations"]] == ["park Tysiąclecia"]


def test_a_plans_diagnosis_after_its_threat_line_describes_the_threat():
    """A plan card's "Zagrożenie (kat. KMZB): …" line names the categories; the "Diagnoza" below it says where."""
    from extractor.pipeline import extract_text

    rec = extract_text("Plan działania priorytetowego\nRejon: 4\nZagrożenie (kat. KMZB): spożywanie alkoholu w miejscach "
                       "zabronionych\n\nDiagnoza\nOd jesieni grupy mężczyzn piją piwo na skwerze przy ul. Lipowej.\n\n"
                       "Cel\nSpadek liczby interwencji o 20 proc.\n\nDziałania (termin)\n- patrole – do 30.06.2026 r.\n")
    assert [l["name"] for l in rec["locations"]] == ["ul. Lipowa"]


def test_a_news_pages_villages_where_its_threat_happens():
    """A village named in a sentence on a threat is a place; one named as a meeting's venue is not."""
    from extractor.pipeline import extract_text

    rec = extract_text("Aktualności\nDzielnicowi u właścicieli psów\nData publikacji: 12.03.2026\nWe wtorek spotkanie "
                       "odbyło się w Radoniowie. Sąsiedzi przekazali sygnały o psach biegających luzem w Zacharzowie i "
                       "Lipowcu.", model="blank")
    assert rec["doc_type"] == "news"
    assert [loc["name"] for loc in rec["locations"]] == ["Zacharzów", "Lipowiec"]


def test_a_news_village_named_after_its_noun():
    """"koło wsi Dąbrowa", "w miejscowości …": the village of a news page's threat, named after the noun."""
    from extractor.pipeline import extract_text

    rec = extract_text("Aktualności\nKontrole w lasach\nW miniony weekend policjanci z Komisariatu Policji w Przyrowie "
                       "sprawdzali lasy gminy Przyrów. Znaleziono wnyki zastawione na ścieżkach zwierzyny w lesie koło "
                       "wsi Dąbrowa. Wnyki zakładane są nocą.", model="blank")
    assert rec["doc_type"] == "news" and [it["name"] for it in rec["locations"]] == ["Dąbrowa"]


def test_a_news_village_near_which_its_threat_happens():
    """"w pobliżu Chalina", "w okolicach Mełchowa": the village near a news page's threat (not the unit's own town)."""
    from extractor.pipeline import extract_text

    rec = extract_text("Aktualności\nWspólnie przeciw kłusownikom\nW sobotę policjanci z Komendy Powiatowej Policji w "
                       "Międzychodzie patrolowali lasy. W zagajnikach w pobliżu Chalina znaleziono 11 wnyków zastawionych "
                       "na sarny.", model="blank")
    assert rec["doc_type"] == "news" and [it["name"] for it in rec["locations"]] == ["Chalin"]
