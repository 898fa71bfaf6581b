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


@pytest.mark.parametrize("signature", [
    "Sporządził: st. sierż. Marek Lis\nZatwierdził: Naczelnik Wydziału Prewencji KPP w Opatowie podkom. Ewa Rak",
    "Sporządził: st. sierż. Marek Lis\nZatwierdzam:\nKierownik Rewiru Dzielnicowych\nkom. Ewa Rak",
    "Sporządził: st. sierż. Marek Lis\nZatwierdził: kom. Ewa Rak, Kierownik Rewiru Dzielnicowych",
])
def test_the_superior_who_approves_the_plan_is_a_person_not_the_officer(signature):
    from extractor.pipeline import extract_text

    rec = extract_text("Plan działania priorytetowego\nRejon służbowy nr 4\n1. Charakterystyka zagrożenia\n"
                       "Na ul. Lipowej w Opatowie dochodzi do zakłócania spokoju.\n" + signature)
    assert rec["officer"]["name"] == "Marek Lis"
    assert {p["name"] for p in rec["persons"]} == {"Marek Lis", "Ewa Rak"}


def test_an_officer_first_named_in_a_byline_is_found_in_the_district_header():
    from extractor.pipeline import extract_text

    rec = extract_text("KOMENDA POWIATOWA POLICJI W PUŁTUSKU\nData publikacji 03.03.2025 | Autor: asp. Anna Lis\n"
                       "Dzielnicowy informuje – plan działania priorytetowego\nRejon służbowy: nr 3 – Pułtusk\n"
                       "Dzielnicowa: asp. Anna Lis\nZdiagnozowane zagrożenie: oszustwa na szkodę osób starszych.")
    assert rec["officer"]["name"] == "Anna Lis"
    assert rec["text"][rec["officer"]["start"]:rec["officer"]["end"]] == rec["officer"]["text"]


def test_an_officer_signing_in_an_indented_block_with_the_function_under_the_name():
    from extractor.pipeline import extract_text

    pad = " " * 41
    rec = extract_text("KOMENDA POWIATOWA POLICJI W KŁOBUCKU\nSprawozdanie z realizacji planu działania priorytetowego\n"
                       "1. Zagrożenie\nKradzieże paliwa z maszyn budowlanych.\n" + "Dalszy opis zagrożenia. " * 12 + "\n\n"
                       f"{pad}Sporządził:\n{pad}sierż. szt. Wojciech Ociepa\n{pad}dzielnicowy rejonu nr 2\n"
                       f"{pad}Zatwierdził:\n{pad}Komendant Komisariatu Policji w Kłomnicach\n{pad}podkom. Anna Szymczyk\n"
                       + "\n" * 3 + " " * 60 + "Strona 1 z 1\n")
    assert rec["officer"]["name"] == "Wojciech Ociepa"


def test_an_officer_in_a_forms_field_prowadzacy():
    from extractor.pipeline import extract_text

    rec = extract_text("Rejon 2 – plan priorytetowy na wiosnę i lato\nMETRYKA PLANU\nJednostka: KP Bolków\n"
                       "Rej. służb.: nr 2 (Stare Miasto, ul. Zamkowa, ul. Rycerska, Rynek, ul. Sienkiewicza)\n"
                       "Prowadzący: mł. asp. Tomasz Ryczek\nCO SIĘ DZIEJE\nNa schodach przesiadują grupki nastolatków.")
    assert rec["officer"]["name"] == "Tomasz Ryczek"
    rec = extract_text("PDP – Post. Pol. Maszewo – rej. 1\nwpisano 03.02.2026\ndzieln.: st. sierż. Dawid Kmieć\n"
                       "obow.: 1.02–31.07.2026\nzagr.: zakłócanie spokoju na placu.")
    assert rec["officer"]["name"] == "Dawid Kmieć"
    rec = extract_text("FORMULARZ PLANU DZIAŁANIA PRIORYTETOWEGO\nProwadzi: Posterunek Policji w Zalewie\n"
                       "Teren: rejon służbowy nr 2 – miasto Zalewo\nKto odpowiada: sierż. szt. Przemysław Duda\n"
                       "Co nas niepokoi:\nKłusownictwo na jeziorze.")
    assert rec["officer"]["name"] == "Przemysław Duda"
    rec = extract_text("KARTA DZIAŁANIA PRIORYTETOWEGO – REJON 12\nRejon obejmuje: Kornatowo\nKartę prowadzi: st. sierż. "
                       "Bartosz Wiśniewski\nNa czym polega kłopot\nPiesi przechodzą przez tory.")
    assert rec["officer"]["name"] == "Bartosz Wiśniewski"
    # an abbreviated signature line: the author ("opr.") before the approver ("zatw.")
    rec = extract_text("Plan działania priorytetowego – rejon 27\nZagrożenie: kradzieże z placów budów.\n\nopr. mł. asp. "
                       "Sebastian Kokot, zatw. podinsp. Grzegorz Wolny – Naczelnik Wydziału Prewencji KMP w Opolu")
    assert rec["officer"]["name"] == "Sebastian Kokot"


def test_a_superior_signing_with_the_title_on_the_line_below_is_no_officer():
    from extractor.pipeline import extract_text

    rec = extract_text("Aktualności\nPrzez najbliższe półrocze nasz dzielnicowy, mł. asp. Krzysztof Wójtowicz, będzie realizował "
                       "plan działania priorytetowego poświęcony psom.\nCo zrobimy?\n– kontrole posesji.\n\n"
                       "asp. szt. Jarosław Mazur\nKierownik Posterunku Policji w Modliborzycach\n")
    assert rec["officer"]["name"] == "Krzysztof Wójtowicz"


def test_a_superior_quoted_at_the_pages_end_is_no_officer():
    from extractor.pipeline import extract_text

    rec = extract_text("Quady pod okiem dzielnicowych\nKomisariat Policji w Chęcinach realizuje plan działania "
                       "priorytetowego, który przygotował dzielnicowy rejonu nr 2 mł. asp. Łukasz Pietrzyk.\n"
                       "Na czym polega problem?\nKierujący quadami rozjeżdżają murawy.\nCo chce osiągnąć dzielnicowy?\n"
                       "Ograniczenie wjazdów o 50%.\n„Apeluję do kierowców” – mówi kom. Jarosław Wilk, Komendant "
                       "Komisariatu Policji w Chęcinach.\n", model="blank")
    assert rec["officer"]["name"] == "Łukasz Pietrzyk"


@pytest.mark.parametrize("text,officer", [
    # an approval block of four lines over the approver's name
    ("ZATWIERDZAM\nKierownik Rewiru Dzielnicowych\nKomendy Miejskiej Policji w Radomiu\nkom. Tomasz Wilczek\n\n"
     "PLAN DZIAŁANIA PRIORYTETOWEGO\ndla rejonu służbowego nr 14\nDzielnicowy: asp. szt. Marek Dudziński\n"
     "1. Charakterystyka zdiagnozowanego zagrożenia\nKradzieże.\n", "Marek Dudziński"),
    # the page's byline under a plan's title
    ("Plan działania priorytetowego dzielnicowego rejonu nr 4\n\nData publikacji 07.11.2025\nAutor: st. asp. Ewelina "
     "Kaczmarek\n\nPrzedstawiamy plan opracowany przez dzielnicowego rejonu nr 4 mł. asp. Łukasza Wawrzyniaka.\n"
     "Charakterystyka zagrożenia\nKradzieże.\n", "Łukasz Wawrzyniak"),
])
def test_the_officer_is_neither_the_approver_nor_the_pages_author(text, officer):
    from extractor.pipeline import extract_text

    assert extract_text(text, model="blank")["officer"]["name"] == officer
