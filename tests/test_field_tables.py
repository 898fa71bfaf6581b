"""Duckling-style tables: each row of tests/data/<field>.tsv is a real-looking phrase and the value the
extractor must give.  The text runs through the whole pipeline (extract_text), so the table tests the
rules in rules/ together with the NLP and section stages they rely on."""
from __future__ import annotations

import pytest

from extractor.pipeline import extract_text

from name_tables import dict_rows  # noqa: E402


def rows(name: str):
    return [(r["text"].replace("\\n", "\n"), r["expected"] or "") for r in dict_rows(name.removesuffix(".tsv"))]


def labels(expected: str) -> set[str]:
    return {x.strip() for x in expected.split(",") if x.strip()}


def tw_labels(rec) -> set[str]:
    out = set()
    for tw in rec["time_windows"]:
        if tw["from"] or tw["to"]:
            out.add(f"{tw['from'] or ''}-{tw['to'] or ''}")
        out |= set(tw["days"]) | set(tw["parts_of_day"])
    return out


def target_labels(rec) -> set[str]:
    out = set()
    for t in rec["targets"]:
        label = t["direction"]
        if t["value"] is not None:
            label += f":{t['value']}{'%' if t['unit'] == 'percent' else ''}"
        out.add(label)
    return out


@pytest.mark.parametrize("text,expected", rows("threats.tsv"))
def test_threats(text, expected):
    rec = extract_text(text, model="blank")
    assert {t["category"] for t in rec["threats"]} == labels(expected)


@pytest.mark.parametrize("text,expected", rows("targets.tsv"))
def test_targets(text, expected):
    rec = extract_text("Plan działania priorytetowego\n2. Zakładany cel do osiągnięcia:\n" + text, model="blank")
    assert target_labels(rec) == labels(expected)


def test_a_targets_measure_and_qualifier_stay_in_its_section():
    # the goal section's body starts on the target's own line: its measure is read from there, not from the
    # document's first line
    rec = extract_text("KPP w Nowym Dworze\nMiernik powodzenia\n– interwencji przy przystani ma być min. o 30% mniej "
                       "niż latem 2025 r.", model="blank")
    (t,) = rec["targets"]
    assert (t["direction"], t["value"], t["qualifier"]) == ("decrease", 30, "at_least")
    assert t["metric"].startswith("interwencji przy przystani")


def test_a_plan_without_a_goal_section_states_its_target_with_ma_byc():
    # an article on a plan: the target is the sentence that says what is to be, wherever it stands
    rec = extract_text("Dzielnicowy z Wąsosza przygotował plan działania priorytetowego. Wieczorami przy stawie "
                       "młodzież pije alkohol. – Zgłoszeń z tego miejsca ma być o połowę mniej niż rok temu – mówi "
                       "policjant. W marcu odbędą się spotkania w szkole.", model="blank")
    assert rec["doc_type"] == "priority_plan"
    assert target_labels(rec) == {"decrease:50%"}


def test_a_report_restates_its_plans_target_in_the_past():
    # a report on a finished plan, no goal heading: what was to be ("miało być", "miało nie dochodzić")
    rec = extract_text("Informacja o realizacji planu działania priorytetowego\nPlan realizowano od marca do sierpnia "
                       "2026 r. Dotyczył kradzieży paliwa na parkingu przy ul. Portowej. Kradzieży miało być dwa razy mniej, "
                       "a do dewastacji wiaty miało nie dochodzić wcale.\nWykonano: 20 kontroli parkingu.", model="blank")
    assert rec["doc_type"] == "priority_plan"
    assert target_labels(rec) == {"decrease:50%", "eliminate"}


def test_a_reports_prose_before_its_parts_tells_the_threat_and_the_restated_goal():
    # the plan's threat, times and restated goal in the prose above "W realizacji uczestniczyli:" and "Rezultat:"
    rec = extract_text("Informacja o wykonaniu planu działania priorytetowego\nDzielnicowy: st. sierż. Jan Kowal\n"
                       "Plan realizowano od marca do sierpnia 2026 r. Dotyczył zakłócania spokoju przy sklepie na "
                       "ul. Polnej w Dąbrówce. Problem nasilał się w piątki i soboty wieczorem.\n\n"
                       "Zakładano, że liczba interwencji nie przekroczy pięciu.\n\n"
                       "W realizacji uczestniczyli: Gminny Ośrodek Pomocy Społecznej w Dąbrówce.\n\n"
                       "Rezultat: w okresie planu przeprowadzono 3 interwencje. Cel zrealizowano.", model="blank")
    assert target_labels(rec) == {"decrease:5"}
    assert tw_labels(rec) >= {"fri", "sat", "evening"}
    assert [loc["name"] for loc in rec["locations"]] == ["ul. Polna"]


def test_a_programme_without_a_goal_heading_states_its_goal_in_a_sentence():
    rec = extract_text("Uchwała Nr XII/80/2025 Rady Gminy Sadki w sprawie przyjęcia Gminnego Programu Bezpieczeństwa na lata "
                       "2025–2028\nProgram zakłada m.in., że liczba kradzieży z działek spadnie o 30 procent.\n"
                       "Zadanie 1. Patrole Straży Gminnej w sezonie letnim.", model="blank")
    assert rec["doc_type"] == "strategy"
    assert target_labels(rec) == {"decrease:30%"}


@pytest.mark.parametrize("goal,value,baseline", [
    ("– spadek liczby zgłoszeń dotyczących quadów o ok. 30% w porównaniu z 2025 r. (było 23);", 30, 23),
    ("Zmniejszenie liczby interwencji o 20% (obecnie 15 interwencji).", 20, 15),
])
def test_a_targets_baseline_is_the_count_stated_beside_it(goal, value, baseline):
    rec = extract_text("Plan działania priorytetowego\n2. Zakładany cel do osiągnięcia:\n" + goal, model="blank")
    (t,) = rec["targets"]
    assert t["value"] == value and t["baseline"]["value"] == baseline


@pytest.mark.parametrize("text,expected", rows("time_windows.tsv"))
def test_time_windows(text, expected):
    rec = extract_text("Plan działania priorytetowego\n1. Charakterystyka zdiagnozowanego zagrożenia\n" + text,
                       model="blank")
    assert tw_labels(rec) == labels(expected)


@pytest.mark.parametrize("story,expected", [
    # the threat named in one sentence, when it happens in the next
    ("Mieszkańcy skarżyli się na spożywanie alkoholu nad jeziorem. Do takich zachowań dochodzi przede wszystkim "
     "w piątkowe i sobotnie wieczory.", "fri,sat,evening"),
    ("Policjanci mówili o kradzieżach z piwnic. Problem nasila się w weekendy, w nocy.", "sat,sun,night"),
    # a sentence on something else keeps its hours to itself
    ("Policjanci mówili o kradzieżach z piwnic. Dzielnicowy przyjmuje w każdy czwartek w godz. 16:00-17:00.", ""),
    # a sentence on when a nuisance is at its worst, after a sentence on something else
    ("Mówiono o piratach drogowych przy szkole. Sołtys podziękował za dobrą współpracę. – Najgorzej jest rano, między 6.40 a 7.25, kiedy rodzice "
     "podwożą dzieci – mówiła.", "06:40-07:25,morning"),
    ("Mieszkańcy skarżyli się na spalanie śmieci. Przybyło też nowych mieszkańców. Dym jest najbardziej dokuczliwy wieczorami, między 18 a 21.",
     "18:00-21:00,evening"),
    ("Mówiono o kierowcach pędzących przez wieś. – Najwięcej sygnałów dostajemy po godzinie 15, kiedy uczniowie wracają "
     "do domów – mówi dzielnicowy.", "15:00-"),
    ("Mówiono o pożarach traw. Strażacy byli bardzo zajęci. Zdecydowana większość zgłoszeń wpływała późnym popołudniem, "
     "między 16 a 19.", "16:00-19:00,afternoon"),
    # the damage at its worst; the nuisance at its height, but not the police's stress on when they will patrol
    ("Mieszkańcy mówili o zniszczonych wiatach przystanków. Najwięcej szkód powstaje w nocy z soboty na niedzielę.",
     "sat,sun,night"),
    ("Mieszkańcy mówili o spożywaniu alkoholu przed sklepem. Grupy pijących gromadzą się zwłaszcza w czwartki i piątki "
     "wieczorem; po ustawieniu kamery i kontrolach jest lepiej.", "thu,fri,evening"),
    ("Mieszkańcy mówili o spożywaniu alkoholu przed sklepem. Komendant zapewnił, że patrole będą tam kierowane "
     "częściej, szczególnie w piątki i soboty.", ""),
    ("Mówiono o przechodzeniu przez tory. – Najwięcej takich zachowań widzimy w ciepłe wieczory.", "evening"),
    # (the lifeguards ending their duty tell when, no office hours)
    ("Mówiono o spożywaniu alkoholu na plaży. – Najwięcej kłopotów mamy wieczorem, kiedy ratownicy kończą dyżur.",
     "evening"),
])
def test_news_time_windows_of_the_sentence_after_the_threat(story, expected):
    rec = extract_text("Aktualności\nSpotkanie z mieszkańcami\nWczoraj w świetlicy odbyło się spotkanie z "
                       "mieszkańcami. " + story, model="blank")
    assert rec["doc_type"] == "news"
    assert tw_labels(rec) == labels(expected)


@pytest.mark.parametrize("text,expected", rows("locality.tsv"))
def test_locality(text, expected):
    assert (extract_text(text, model="blank")["locality"] or "") == expected


@pytest.mark.parametrize("text,expected", rows("units.tsv"))
def test_unit(text, expected):
    unit = extract_text(text, model="blank")["unit"]
    assert (unit["name"] if unit else "") == expected


@pytest.mark.parametrize("text,expected", rows("district.tsv"))
def test_district(text, expected):
    d = extract_text(text, model="blank")["district"]
    got = set(d) if isinstance(d, list) else ({d} if d else set())
    assert got == labels(expected)


@pytest.mark.parametrize("text,expected", rows("dates.tsv"))
def test_date(text, expected):
    assert (extract_text(text, model="blank")["date"] or "") == expected


def test_evidence_offsets_point_into_text():
    text = ("Plan działania priorytetowego dla rejonu nr 7 na okres od 1 lutego do 31 lipca 2024 r.\n"
            "1. Charakterystyka zdiagnozowanego zagrożenia\nW piątki po godz. 20 młodzież spożywa alkohol "
            "przy ul. Lipowej 3 w Garwolinie.\n2. Zakładany cel do osiągnięcia\nOgraniczenie o 30% zgłoszeń.")
    rec = extract_text(text, model="blank")
    for field in ("threats", "time_windows", "targets", "locations", "actions", "partners", "persons", "indicators"):
        for item in rec[field]:
            assert rec["text"][item["start"]:item["end"]] == item["text"], (field, item)


INDICATOR_TABLES = [
    # a row's name wrapped over two lines, its values on the second (a scan's table set out by spaces)
    ("Tabela 1. Wybrane dane\nWskaźnik                               2023     2024\ninterwencje domowe                      41"
     "       44\nwykroczenia z art. 43¹ ustawy o wychowaniu\nw trzeźwości (alkohol w miejscu publicznym)   19       27\n",
     {("2023", 41, "interwencje domowe"), ("2024", 44, "interwencje domowe"),
      ("2023", 19, "wykroczenia z art. 43¹ ustawy o wychowaniu w trzeźwości (alkohol w miejscu publicznym)"),
      ("2024", 27, "wykroczenia z art. 43¹ ustawy o wychowaniu w trzeźwości (alkohol w miejscu publicznym)")}),
    # the years in descending order, a trend column after them (its "–" no missing value of the last year)
    ("Mierniki:\n| Miernik | 2025 | 2024 | 2023 | trend |\n| nietrzeźwi kierujący zatrzymani | 35 | 28 | 31 | ↑ |\n"
     "| piesi ranni w wypadkach | 5 | 4 | 6 | – |\n",
     {("2025", 35, "nietrzeźwi kierujący zatrzymani"), ("2024", 28, "nietrzeźwi kierujący zatrzymani"),
      ("2023", 31, "nietrzeźwi kierujący zatrzymani"), ("2025", 5, "piesi ranni w wypadkach"),
      ("2024", 4, "piesi ranni w wypadkach"), ("2023", 6, "piesi ranni w wypadkach")}),
    # a sentence naming two years in descending order heads no table: the table's own header does
    ("W 2025 roku zgłoszeń było 38, o 13 więcej niż w 2024 roku.\n\nZestawienie kategorii:\n\nKategoria\t2024\t2025\n"
     "Dzikie wysypiska śmieci\t7\t8\nNieprawidłowe parkowanie\t3\t6\n",
     {("2024", 7, "Dzikie wysypiska śmieci"), ("2025", 8, "Dzikie wysypiska śmieci"), ("2024", 3, "Nieprawidłowe parkowanie"),
      ("2025", 6, "Nieprawidłowe parkowanie")}),
    # a change column after the years' columns
    ("Mierniki\nWskaźnik\t2023\t2024\t2025\tzmiana 2023–2025\nKontrole palenisk\t38\t52\t61\t+61%\n"
     "Psy odłowione\t14\t11\t9\t-36%\n",
     {("2023", 38, "Kontrole palenisk"), ("2024", 52, "Kontrole palenisk"), ("2025", 61, "Kontrole palenisk"),
      ("2023", 14, "Psy odłowione"), ("2024", 11, "Psy odłowione"), ("2025", 9, "Psy odłowione")}),
    # each value with its year in brackets
    ("Dane przedstawione radnym (w nawiasie rok):\n– nieprawidłowe parkowanie (KMZB): 49 (2024) / 63 (2025)\n"
     "– kradzieże sprzętu narciarskiego: 34 (2024) / 19 (2025)\n",
     {("2024", 49, "nieprawidłowe parkowanie (KMZB)"), ("2025", 63, "nieprawidłowe parkowanie (KMZB)"),
      ("2024", 34, "kradzieże sprzętu narciarskiego"), ("2025", 19, "kradzieże sprzętu narciarskiego")}),
    ("Mierniki\nWskaźnik Źródło 2021 2022 2023\nLiczba interwencji domowych KPP w Rykach 1 204 1 187 -\n"
     "Liczba patroli wspólnych KPP/SM 96 110 128\nWskaźniki rezultatu:\nBrak\n",
     {("2021", 1204, "Liczba interwencji domowych"), ("2022", 1187, "Liczba interwencji domowych"),
      ("2021", 96, "Liczba patroli wspólnych"), ("2022", 110, "Liczba patroli wspólnych"),
      ("2023", 128, "Liczba patroli wspólnych")}),
    ("Etapy realizacji\n2019 2020 2021\n1. Analiza zagrożeń 4/4% 4/4% 0/4%\n", set()),
    # columns set apart by runs of spaces, one space inside a number, a footnote mark on a year
    ("Tabela 1. Zdarzenia\nRok                      2019     2020    2021*\n"
     "Przestępstwa stwierdzone   1 131      987    1 046\nKradzieże                    241      199        -\n"
     "* dane za I-III kwartał\n",
     {("2019", 1131, "Przestępstwa stwierdzone"), ("2020", 987, "Przestępstwa stwierdzone"),
      ("2021", 1046, "Przestępstwa stwierdzone"), ("2019", 241, "Kradzieże"), ("2020", 199, "Kradzieże")}),
    # single spaces only: a 3-digit group with a leading zero ("038") is part of the number before it
    ("Mierniki\nWskaźnik Źródło 2021 2022 2023 2024\nLiczba kontroli miejsc SM 412 455 1 038 -\n",
     {("2021", 412, "Liczba kontroli miejsc"), ("2022", 455, "Liczba kontroli miejsc"),
      ("2023", 1038, "Liczba kontroli miejsc")}),
    # a table pasted with " | ", its source in a cell of its own
    ("Mierniki\n| Wskaźnik | Źródło | 2022 | 2023 |\n| Liczba kolizji z udziałem zwierząt | KPP Olesno | 1 012 | 57 |\n"
     "Liczba interwencji | SM | 14 | - \nLiczba spotkań w szkołach | KPP, PSSE | 46 | 12\n",
     {("2022", 1012, "Liczba kolizji z udziałem zwierząt"), ("2023", 57, "Liczba kolizji z udziałem zwierząt"),
      ("2022", 14, "Liczba interwencji"), ("2022", 46, "Liczba spotkań w szkołach"),
      ("2023", 12, "Liczba spotkań w szkołach")}),
    # an acronym after a preposition, or with one word before it, is no source but part of the name
    ("Efekty\nRodzaj zdarzenia | 2023 | 2024\nZgłoszenia na KMZB | 12 | 5\nZgłoszenia KMZB | 3 | 4\n",
     {("2023", 12, "Zgłoszenia na KMZB"), ("2024", 5, "Zgłoszenia na KMZB"), ("2023", 3, "Zgłoszenia KMZB"),
      ("2024", 4, "Zgłoszenia KMZB")}),
    # the years as rows, the measures as columns
    ("Zestawienie zdarzeń:\nRok | Zgłoszenia KMZB | Akty wandalizmu zgłoszone przez ZIM\n2022 | 14 | 19\n"
     "2023 | 17 | -\n2024 | 9 | 13\n\nWnioski: brak.\n",
     {("2022", 14, "Zgłoszenia KMZB"), ("2023", 17, "Zgłoszenia KMZB"), ("2024", 9, "Zgłoszenia KMZB"),
      ("2022", 19, "Akty wandalizmu zgłoszone przez ZIM"), ("2024", 13, "Akty wandalizmu zgłoszone przez ZIM")}),
    ("Rok\tInterwencje\n2022\t14\n", set()),   # one year row makes no table
    # a Markdown table (its rule under the header), a source cell with a lowercase second body
    ("Mierniki\n| Miernik | Źródło | 2021 | 2022 |\n|---|---|---|---|\n| Liczba utonięć | KPP | 3 | 2 |\n"
     "| Dzikie wysypiska | SM, nadleśnictwa | 19 | 23 |\n",
     {("2021", 3, "Liczba utonięć"), ("2022", 2, "Liczba utonięć"), ("2021", 19, "Dzikie wysypiska"),
      ("2022", 23, "Dzikie wysypiska")}),
    # an ASCII grid: its rules of "+" and "-" above and under the header
    ("Mierniki\n+----------------+------+------+\n| miernik        | 2024 | 2025 |\n+----------------+------+------+\n"
     "| pożary traw    |  12  |   7  |\n+----------------+------+------+\n",
     {("2024", 12, "pożary traw"), ("2025", 7, "pożary traw")}),
    # a table saved as CSV with semicolons
    ("Kategoria;2023;2024;2025\nKradzieże i włamania;684;641;598\nWypadki drogowe;52;47;49\n",
     {("2023", 684, "Kradzieże i włamania"), ("2024", 641, "Kradzieże i włamania"), ("2025", 598, "Kradzieże i włamania"),
      ("2023", 52, "Wypadki drogowe"), ("2024", 47, "Wypadki drogowe"), ("2025", 49, "Wypadki drogowe")}),
    # a Word table flattened to one cell per line
    ("Efekty\nZdarzenie\n2023\n2024\nInterwencje wobec osób nietrzeźwych\n58\n39\nZgłoszenia KMZB – rejon dworca\n12\n-\n\n"
     "Wnioski: plan zrealizowano.\n",
     {("2023", 58, "Interwencje wobec osób nietrzeźwych"), ("2024", 39, "Interwencje wobec osób nietrzeźwych"),
      ("2023", 12, "Zgłoszenia KMZB – rejon dworca")}),
    # … with empty lines between its cells, and each row's number in a cell of its own
    ("Tabela 1. Zdarzenia\n\nRodzaj zdarzenia\n\n2024\n\n2025\n\n1.\n\nPożary łąk i nieużytków\n\n11\n\n6\n\n2.\n\n"
     "Porzucone odpady (zgłoszenia)\n\n17\n\n–\n\nŹródło: KP PSP.\n",
     {("2024", 11, "Pożary łąk i nieużytków"), ("2025", 6, "Pożary łąk i nieużytków"),
      ("2024", 17, "Porzucone odpady (zgłoszenia)")}),
    # a table written as a list, the years in its heading and the values split by slashes
    ("Mapa zagrożeń\nZestawienie kategorii (2024 / 2025):\n• nieprawidłowe parkowanie – 45 / 52\n"
     "• dzikie wysypiska śmieci – 27 / 31\n\nPozostałe zgłoszenia z 2025 r. dotyczyły żebractwa (2).\n",
     {("2024", 45, "nieprawidłowe parkowanie"), ("2025", 52, "nieprawidłowe parkowanie"),
      ("2024", 27, "dzikie wysypiska śmieci"), ("2025", 31, "dzikie wysypiska śmieci")}),
    # a table drawn with box-drawing characters
    ("Mierniki\n┌────────────────┬──────┬──────┐\n│ Miernik        │ 2023 │ 2024 │\n├────────────────┼──────┼──────┤\n"
     "│ Włamania       │ 87   │ 79   │\n│ Uczniowie      │ 2 870│ 3 240│\n└────────────────┴──────┴──────┘\n",
     {("2023", 87, "Włamania"), ("2024", 79, "Włamania"), ("2023", 2870, "Uczniowie"), ("2024", 3240, "Uczniowie")}),
    # rows that give their own years: year–value pairs, years and values split by slashes
    ("Porównanie:\nwłamania do samochodów: 2024 – 12, 2025 – 5\nwpisy na KMZB: 2024 – 15, 2025 – 4\n",
     {("2024", 12, "włamania do samochodów"), ("2025", 5, "włamania do samochodów"), ("2024", 15, "wpisy na KMZB"),
      ("2025", 4, "wpisy na KMZB")}),
    ("Aktualności\nPolicjanci podsumowali rok. Zgłoszenia z gminy:\nZgłoszenia ogółem – 2023: 97; 2024: 118; 2025: 142\n",
     {("2023", 97, "Zgłoszenia ogółem"), ("2024", 118, "Zgłoszenia ogółem"), ("2025", 142, "Zgłoszenia ogółem")}),
    ("Dane:\n• Kradzieże rowerów: 2022 – 61, 2023 – 48, 2024 – 57\n• Liczba utonięć: 2022 – 2, 2023 – 1\n",
     {("2022", 61, "Kradzieże rowerów"), ("2023", 48, "Kradzieże rowerów"), ("2024", 57, "Kradzieże rowerów"),
      ("2022", 2, "Liczba utonięć"), ("2023", 1, "Liczba utonięć")}),
    # a line a year, naming its counts
    ("Zestawienie zgłoszeń:\nrok 2024: przekraczanie prędkości – 96; nieprawidłowe parkowanie – 71\n"
     "rok 2025: przekraczanie prędkości – 104; nieprawidłowe parkowanie – 59\n",
     {("2024", 96, "przekraczanie prędkości"), ("2025", 104, "przekraczanie prędkości"),
      ("2024", 71, "nieprawidłowe parkowanie"), ("2025", 59, "nieprawidłowe parkowanie")}),
    ("Mierniki\nInterwencje nad zalewem — 2023 / 2024 / 2025: 31 / 28 / 35\n",
     {("2023", 31, "Interwencje nad zalewem"), ("2024", 28, "Interwencje nad zalewem"), ("2025", 35, "Interwencje nad zalewem")}),
    # a table saved as CSV with commas; rows giving their years with " | " between the pairs
    ("Mierniki\nwskaźnik,2022,2023,2024\nWypadki drogowe na DK 2,7,9,6\n",
     {("2022", 7, "Wypadki drogowe na DK 2"), ("2023", 9, "Wypadki drogowe na DK 2"), ("2024", 6, "Wypadki drogowe na DK 2")}),
    ("Tabela\n▪ Potrącenia pieszych – 2023: 7 | 2024: 5 | 2025: 8\n",
     {("2023", 7, "Potrącenia pieszych"), ("2024", 5, "Potrącenia pieszych"), ("2025", 8, "Potrącenia pieszych")}),
    # a table set with spaced em dashes
    ("Mierniki\nWskaźnik — 2023 r. — 2024 r. — 2025 r.\nKradzieże na plaży i molo — 96 — 88 — 104\n",
     {("2023", 96, "Kradzieże na plaży i molo"), ("2024", 88, "Kradzieże na plaży i molo"),
      ("2025", 104, "Kradzieże na plaży i molo")}),
    # the years in brackets after the measure; a table set with spaced middle dots
    ("Jak było dotychczas\nLiczba kontroli palenisk (2022 / 2023 / 2024): 402 / 455 / 471\n",
     {("2022", 402, "Liczba kontroli palenisk"), ("2023", 455, "Liczba kontroli palenisk"), ("2024", 471, "Liczba kontroli palenisk")}),
    ("Zestawienie kategorii:\nKategoria · 2024 · 2025\nNieprawidłowe parkowanie · 412 · 389\nAkty wandalizmu · 77 · 69\n",
     {("2024", 412, "Nieprawidłowe parkowanie"), ("2025", 389, "Nieprawidłowe parkowanie"), ("2024", 77, "Akty wandalizmu"),
      ("2025", 69, "Akty wandalizmu")}),
    # years as rows, cells set apart by spaced slashes
    ("Program w liczbach\nRok / Interwencje Straży Gminnej / Utonięcia na terenie gminy\n2023 / 412 / 2\n2024 / 389 / 1\n",
     {("2023", 412, "Interwencje Straży Gminnej"), ("2024", 389, "Interwencje Straży Gminnej"),
      ("2023", 2, "Utonięcia na terenie gminy"), ("2024", 1, "Utonięcia na terenie gminy")}),
    # a table set with dot leaders
    ("Zdarzenia w gminie:\n                                          2023    2024\nUjawnione dzikie wysypiska ............ 9 "
     "....... 12\nPożary traw ........................... 41 ...... 29\n",
     {("2023", 9, "Ujawnione dzikie wysypiska"), ("2024", 12, "Ujawnione dzikie wysypiska"), ("2023", 41, "Pożary traw"),
      ("2024", 29, "Pożary traw")}),
    # each row its years and counts after dot leaders
    ("Zgłoszenia na mapie:\nprzekraczanie dozwolonej prędkości ........ 2024: 11 ...... 2025: 15\nwypalanie traw "
     "............ 2024: 5 ....... 2025: 2\n",
     {("2024", 11, "przekraczanie dozwolonej prędkości"), ("2025", 15, "przekraczanie dozwolonej prędkości"),
      ("2024", 5, "wypalanie traw"), ("2025", 2, "wypalanie traw")}),
    # a line a year after an arrow, its counts between bullets
    ("Dane z lat ubiegłych:\nrok 2024 → interwencje nad rzeką: 9 • utonięcia: 1\nrok 2025 → interwencje nad rzeką: 12 • "
     "utonięcia: 0\n",
     {("2024", 9, "interwencje nad rzeką"), ("2025", 12, "interwencje nad rzeką"), ("2024", 1, "utonięcia"),
      ("2025", 0, "utonięcia")}),
    # the measure's name on its own line (after a label), its figures under it: a year a line, or pairs on one line
    ("Wskaźniki wyjściowe:\nWskaźnik: wszczęte procedury Niebieskiej Karty\n   2023 r. – 31\n\n   2024 r. – 27\n"
     "Wskaźnik: zgłoszone oszustwa na szkodę seniorów\n   2023 r. – 7 / 2024 r. – 9 / 2025 r. – 12\n",
     {("2023", 31, "wszczęte procedury Niebieskiej Karty"), ("2024", 27, "wszczęte procedury Niebieskiej Karty"),
      ("2023", 7, "zgłoszone oszustwa na szkodę seniorów"), ("2024", 9, "zgłoszone oszustwa na szkodę seniorów"),
      ("2025", 12, "zgłoszone oszustwa na szkodę seniorów")}),
    # "rok 2024 ........ 12": the word "rok" and dot leaders; a bracketed qualifier of the year
    ("Pożary traw w gminie\n  rok 2024 ........ 12\n  rok 2025 (do końca września) ........ 7\n",
     {("2024", 12, "Pożary traw w gminie"), ("2025", 7, "Pożary traw w gminie")}),
    # values before their years in brackets, set apart by middle dots
    ("Mierniki:\nZgłoszone akty wandalizmu: 61 (2023) · 74 (2024) · 58 (2025)\n",
     {("2023", 61, "Zgłoszone akty wandalizmu"), ("2024", 74, "Zgłoszone akty wandalizmu"),
      ("2025", 58, "Zgłoszone akty wandalizmu")}),
    # the years joined by an arrow over rows of dot leaders and arrows
    ("Kategoria zagrożenia (rok 2024 → rok 2025)\nnieprawidłowe parkowanie ........... 17 → 23\ndzikie wysypiska "
     "śmieci ............ 9 → 12\n",
     {("2024", 17, "nieprawidłowe parkowanie"), ("2025", 23, "nieprawidłowe parkowanie"), ("2024", 9, "dzikie wysypiska śmieci"),
      ("2025", 12, "dzikie wysypiska śmieci")}),
    # a header naming a source column: its cell is the source, whatever it is ("Straż Gminna")
    ("Mierniki\nMiernik;Źródło danych;2024;2025\nWłamania do domów;KMP Wrocław;58;49\nInterwencje Straży Gminnej;Straż "
     "Gminna;1 904;2 117\n",
     {("2024", 58, "Włamania do domów"), ("2025", 49, "Włamania do domów"), ("2024", 1904, "Interwencje Straży Gminnej"),
      ("2025", 2117, "Interwencje Straży Gminnej")}),
    # bracketed years before their values, the name after them
    ("Dane porównawcze:\n[2024] 21 | [2025] 13 – interwencje przy dworcu\n",
     {("2024", 21, "interwencje przy dworcu"), ("2025", 13, "interwencje przy dworcu")}),
    # a block per year, the year on its own line over its counts (a single year over a list is no table)
    ("Zestawienie\n== 2024 ==\n  • pożary traw ......... 12\n  • dzikie wysypiska ..... 4\n== 2025 ==\n"
     "  • pożary traw ......... 7\n  • dzikie wysypiska ..... 5\n",
     {("2024", 12, "pożary traw"), ("2025", 7, "pożary traw"), ("2024", 4, "dzikie wysypiska"), ("2025", 5, "dzikie wysypiska")}),
    ("Plan na 2026:\n- spotkania z sołtysami – 4\n- kontrole posesji – 12\n", set()),
    # a line per year, "Rok" capitalised, the counts between middle dots
    ("Dane policji:\nRok 2024 → pożary traw: 14 · kradzieże drewna: 3\nRok 2025 → pożary traw: 9 · kradzieże drewna: 5\n",
     {("2024", 14, "pożary traw"), ("2025", 9, "pożary traw"), ("2024", 3, "kradzieże drewna"), ("2025", 5, "kradzieże drewna")}),
    # "2022 = 14; 2023 = 17": each year with an equals sign
    ("5. Dane wyjściowe (Posterunek Policji w Radoszycach)\nInterwencje domowe: 2022 = 41; 2023 = 38; 2024 = 45\n",
     {("2022", 41, "Interwencje domowe"), ("2023", 38, "Interwencje domowe"), ("2024", 45, "Interwencje domowe")}),
    # "rok 2024: 8 | rok 2025: 5" and "2023 → 40 · 2024 → 36" after the name
    ("Zgłoszenia na mapę:\nkradzieże paliwa — rok 2024: 8 | rok 2025: 5\nPożary traw: 2023 → 40 · 2024 → 36\n",
     {("2024", 8, "kradzieże paliwa"), ("2025", 5, "kradzieże paliwa"), ("2023", 40, "Pożary traw"), ("2024", 36, "Pożary traw")}),
    # the years as rows of a CSV with semicolons, of a "||" table, of a table with em dashes (a label holding a number)
    ("Dane wyjściowe\nRok;Zgłoszenia KMZB;Interwencje\n2024;27;11\n2025;19;8\n",
     {("2024", 27, "Zgłoszenia KMZB"), ("2025", 19, "Zgłoszenia KMZB"), ("2024", 11, "Interwencje"), ("2025", 8, "Interwencje")}),
    ("Jak było dotąd:\n|| rok || kolizje z sarnami ||\n|| 2024 || 6 ||\n|| 2025 || 9 ||\n",
     {("2024", 6, "kolizje z sarnami"), ("2025", 9, "kolizje z sarnami")}),
    ("Dane policji:\nRok — wypadki na DK 74 — kradzieże rowerów\n2024 — 2 — 15\n2025 — 3 — 11\n",
     {("2024", 2, "wypadki na DK 74"), ("2025", 3, "wypadki na DK 74"), ("2024", 15, "kradzieże rowerów"),
      ("2025", 11, "kradzieże rowerów")}),
    # the years closing a heading's bracket over rows whose name ends with a colon; slashed values after a colon
    ("Tabela 2. Dane (lata: 2024 | 2025)\nawantury domowe: 31 | 27\n\nWskaźniki (lata 2024/2025):\n• nietrzeźwi rowerzyści: 12/7\n",
     {("2024", 31, "awantury domowe"), ("2025", 27, "awantury domowe"), ("2024", 12, "nietrzeźwi rowerzyści"),
      ("2025", 7, "nietrzeźwi rowerzyści")}),
    # a heading's slashed years in brackets head no columns: the slashed rows' reader takes them
    ("Wskaźniki (2023 / 2024 / 2025)\nsamochody porzucone ........ 4 / 6 / 3\n",
     {("2023", 4, "samochody porzucone"), ("2024", 6, "samochody porzucone"), ("2025", 3, "samochody porzucone")}),
    # a target column ("cel 2027", "Wartość docelowa (2029)") is what a programme aims at, no measure: set aside; a
    # baseline's year in brackets heads its column
    ("Mierniki\nMiernik | Źródło | 2023 | 2024 | 2025 | cel 2027\nNietrzeźwi kierujący | KPP w Kole | 27 | 24 | 19 | 15\n",
     {("2023", 27, "Nietrzeźwi kierujący"), ("2024", 24, "Nietrzeźwi kierujący"), ("2025", 19, "Nietrzeźwi kierujący")}),
    ("6. Mierniki\nMiernik | Źródło danych | Wartość bazowa (2024) | Wartość docelowa (2029)\n"
     "Pożary traw i nieużytków | KP PSP w Kole | 14 | 6\n",
     {("2024", 14, "Pożary traw i nieużytków")}),
    # a unit column ("J.m."), the header going on in brackets, a row's name wrapped over two lines
    ("6. Mierniki\n   Wskaźnik                        J.m.     2024      2025      Cel 2029\n"
     "                                            (bazowy)\n   ------------------------------------------------------------\n"
     "   Nietrzeźwi kierujący ujawnieni  osoby      21        18         12\n   na terenie gminy\n"
     "   Oszustwa na szkodę seniorów     zdarz.      5         3          0\n",
     {("2024", 21, "Nietrzeźwi kierujący ujawnieni na terenie gminy"), ("2025", 18, "Nietrzeźwi kierujący ujawnieni na terenie gminy"),
      ("2024", 5, "Oszustwa na szkodę seniorów"), ("2025", 3, "Oszustwa na szkodę seniorów")}),
    # value cells with their unit after the number; a name wrapped to a line of blank cells
    ("III. Mierniki\n Miernik                          | 2024          | 2025\n"
     " ---------------------------------+---------------+--------------\n"
     " Interwencje – alkohol w miejscach| 31 interw.    | 24 interw.\n publicznych                      |               |\n"
     " Pożary traw i nieużytków         | 12 zdarzeń    | 9 zdarzeń\n",
     {("2024", 31, "Interwencje – alkohol w miejscach publicznych"), ("2025", 24, "Interwencje – alkohol w miejscach publicznych"),
      ("2024", 12, "Pożary traw i nieużytków"), ("2025", 9, "Pożary traw i nieużytków")}),
    # a row of shares inside a table of counts, "-" for a year without a survey; a table of money that funds the
    # programme and a task's work split over the years measure nothing
    ("Tabela 1. Mierniki\nWskaźnik\tŹródło\t2023\t2024\t2025\nKradzieże z posesji\tKPP Bełchatów\t21\t17\t15\n"
     "Mieszkańcy czujący się bezpiecznie\tUG\t-\t68,5%\t72 %\n\nRozdział 7. Finansowanie (zł)\n"
     "Źródło            2026       2027\nBudżet gminy    12 000     14 000\n\nHarmonogram\nZadanie       2026   2027   2028\n"
     "Monitoring     50%    25%    25%\n",
     {("2023", 21, "Kradzieże z posesji"), ("2024", 17, "Kradzieże z posesji"), ("2025", 15, "Kradzieże z posesji"),
      ("2024", 68.5, "Mieszkańcy czujący się bezpiecznie"), ("2025", 72, "Mieszkańcy czujący się bezpiecznie")}),
    # a source named in the name's brackets stays in the name
    ("Mierniki\nMiernik | 2024 | 2025\nPożary traw (dane KP PSP w Ostrołęce) | 14 | 9\n",
     {("2024", 14, "Pożary traw (dane KP PSP w Ostrołęce)"), ("2025", 9, "Pożary traw (dane KP PSP w Ostrołęce)")}),
    # a post's figures: each name after its pictograph, its years with arrows on the line below
    ("Zgłoszenia na mapie zagrożeń 👇\n\n🚗 przekraczanie dozwolonej prędkości\n2025 ➝ 24 | 2026 ➝ 19\n"
     "🅿️ nieprawidłowe parkowanie\n2025 ➝ 15 | 2026 ➝ 13\n",
     {("2025", 24, "przekraczanie dozwolonej prędkości"), ("2026", 19, "przekraczanie dozwolonej prędkości"),
      ("2025", 15, "nieprawidłowe parkowanie"), ("2026", 13, "nieprawidłowe parkowanie")}),
    # a line per year after a dash, its counts parted by commas, a year with its bracketed qualifier
    ("Jak to wyglądało w liczbach:\n• 2021 – kradzieże: 17, włamania: 9\n• 2022 – kradzieże: 14, włamania: 11\n"
     "• 2023 (do 30 listopada) – kradzieże: 12, włamania: 7\n",
     {("2021", 17, "kradzieże"), ("2022", 14, "kradzieże"), ("2023", 12, "kradzieże"),
      ("2021", 9, "włamania"), ("2022", 11, "włamania"), ("2023", 7, "włamania")}),
    # the name after its bullet above, a target's cell ending the row of years
    ("Mierniki\n\n▪ Liczba interwencji dotyczących spalania odpadów\n  2023 – 22 | 2024 – 27 | wartość oczekiwana: 12\n",
     {("2023", 22, "Liczba interwencji dotyczących spalania odpadów"),
      ("2024", 27, "Liczba interwencji dotyczących spalania odpadów")}),
    # years in a table's cells that skip some; the same quarter of two years over arrows
    ("3. Mierniki Programu\nMiernik | Źródło | 2018 | 2021 | 2023\nKontrole palenisk | Straż Gminna | 46 | 120 | 150\n",
     {("2018", 46, "Kontrole palenisk"), ("2021", 120, "Kontrole palenisk"), ("2023", 150, "Kontrole palenisk")}),
    ("Zgłoszenia według kategorii, I kw. 2025 → I kw. 2026:\nnielegalna wycinka drzew: 4 → 7\n",
     {("2025", 4, "nielegalna wycinka drzew"), ("2026", 7, "nielegalna wycinka drzew")}),
]


@pytest.mark.parametrize("text,expected", INDICATOR_TABLES)
def test_indicator_tables(text, expected):
    rec = extract_text(text, model="blank")
    got = {(y, v, i["name"]) for i in rec["indicators"] for y, v in i["values"].items()}
    assert got == expected
    if "KPP Olesno" in text:
        assert [i["source"] for i in rec["indicators"]] == ["KPP Olesno", "SM", "KPP, PSSE"]


NARRATIVE_PLANS = [
    ("Komunikat\nDzielnicowy rejonu nr 2 realizuje w okresie od 1 lipca do 31 grudnia 2024 r. plan działania "
     "priorytetowego dotyczący spożywania alkoholu przy sklepie na ul. Lipowej. Dzielnicowy raz w tygodniu "
     "będzie kontrolował ten rejon, a do końca września zorganizuje spotkanie z mieszkańcami.",
     {"2024-09-30"}, {"P1W"}),
    ("Komunikat\nPosterunek Policji realizuje w okresie od 1 lutego do 31 lipca 2024 r. plan działania "
     "priorytetowego. W okresie wakacji na plaży dochodzi do libacji. W marcu 2024 r. dzielnicowy ustawił tablice.",
     set(), set()),
    ("Gmina informuje\nDzielnicowy realizuje w okresie od 1 lutego do 31 lipca 2024 r. plan działania "
     "priorytetowego. Dzielnicowy zapowiada częstsze kontrole do końca kwietnia, a urząd zadeklarował montaż "
     "kamery do 30 czerwca.", {"2024-04-30", "2024-06-30"}, set()),
    # paragraphs enumerated "Po pierwsze", "Po drugie": each one action, its term in a sentence of its own
    ("Aktualności\nDzielnicowy realizuje w okresie od 16 lutego do 15 sierpnia 2026 r. plan działania priorytetowego.\n\n"
     "Po pierwsze – zajęcia profilaktyczne dla uczniów. Zajęcia mają się odbyć przed końcem marca.\n\n"
     "Po drugie – co tydzień patrole piesze w rejonie parku. Patrole będą prowadzone do 15 sierpnia.\n",
     {"2026-03-31", "2026-08-15"}, {"P1W"}),
    # … but an enumeration of threats is no list of actions
    ("Aktualności\nDzielnicowy realizuje w okresie od 1 marca do 31 sierpnia 2026 r. plan działania priorytetowego.\n\n"
     "Po pierwsze – w pustostanie urządzane są imprezy.\n\nPo drugie – kierowcy parkują na deptaku.\n\n"
     "Dzielnicowy do końca kwietnia wystąpi do burmistrza o ustawienie słupków.\n", {"2026-04-30"}, set()),
]


@pytest.mark.parametrize("text,deadlines,recurrences", NARRATIVE_PLANS)
def test_actions_of_a_plan_told_as_prose(text, deadlines, recurrences):
    rec = extract_text(text, model="blank")
    assert {a["deadline"]["end"] for a in rec["actions"] if a["deadline"]} == deadlines
    assert {a["recurrence"] for a in rec["actions"] if a["recurrence"]} == recurrences


# plans told as prose: the goal is stated by a sentence, in the words officers use
PROSE_GOALS = [
    ("Komunikat Wójta\nDzielnicowy realizuje w okresie od 1 listopada 2025 r. do 30 kwietnia 2026 r. plan działania "
     "priorytetowego. Celem dzielnicowego jest to, aby zima minęła bez ani jednego włamania do domków.",
     ["eliminate"]),
    ("Gmina informuje\nDzielnicowy realizuje od 1 czerwca do 30 września 2026 r. plan działania priorytetowego. "
     "– Chcę, żeby ten sezon minął bez ani jednej tragedii w wodzie. Drugim celem jest zmniejszenie liczby "
     "interwencji o 30 procent – mówi dzielnicowy.", ["decrease:30%", "eliminate"]),
    ("Aktualności\nDzielnicowy realizuje od 1 marca do 31 sierpnia 2026 r. plan działania priorytetowego. Cel, "
     "jaki postawił sobie dzielnicowy, to ograniczenie liczby interwencji o połowę.", ["decrease:50%"]),
    ("Komunikat\nDzielnicowy realizuje od 1 kwietnia do 30 września 2026 r. plan działania priorytetowego. Policja "
     "zakłada, że liczba zgłoszeń spadnie do połowy zeszłorocznej, a żadna osoba niepełnoletnia nie kupi alkoholu.",
     ["decrease:50%", "eliminate"]),
    ("Aktualności\nDobiegł końca plan działania priorytetowego realizowany od grudnia 2025 do maja 2026 r. "
     "Zakładaliśmy, że tej zimy nikt w rejonie nie zamarznie, a interwencji będzie o 30 procent mniej.",
     ["decrease:30%", "eliminate"]),
    ("Aktualności\nDzielnicowy realizuje od 1 maja do 31 sierpnia 2026 r. plan działania priorytetowego. – Chciałbym, "
     "żeby do końca sierpnia na tym skrzyżowaniu nie doszło do żadnej kolizji – mówi dzielnicowy.", ["eliminate"]),
    ("Aktualności\nPlan działania priorytetowego obowiązuje od sierpnia do końca stycznia 2027 r. Cel dzielnicowy "
     "formułuje krótko: – Zero wyścigów na wale.", ["eliminate"]),
]


@pytest.mark.parametrize("text,expected", PROSE_GOALS)
def test_targets_of_a_plan_told_as_prose(text, expected):
    rec = extract_text(text, model="blank")
    got = sorted(t["direction"] + (f":{t['value']}" + ("%" if t["unit"] == "percent" else "") if t["value"] is not None
                 else "") for t in rec["targets"])
    assert got == expected


NEWS_TIMES = [
    ("Debata w Kolnie\nData publikacji 12.03.2024\nWczoraj wieczorem odbyła się debata. Mieszkańcy mówili, że "
     "kierowcy przekraczają prędkość na ul. Długiej, zwłaszcza w godzinach wieczornych. Spotkanie trwało od "
     "17:00 do 19:00.", {"evening"}),
    # one day of the week before a part of the day: the day of the patrol told; with a habit's word, the threat's
    ("Wspólny patrol nad Wisłą\nData publikacji 12.07.2025\nPolicjanci ujawnili kłusowników. W sobotę wieczorem "
     "strażnicy rybaccy zatrzymali dwóch mężczyzn, którzy wyciągali z rzeki rozstawioną sieć.", set()),
    ("Debata w Gadce\nData publikacji 12.03.2024\nMieszkańcy mówili o kierowcach przekraczających prędkość, "
     "najgorzej w niedzielę pod wieczór, kiedy wszyscy wracają.", {"sun", "evening"}),
]


@pytest.mark.parametrize("text,expected", NEWS_TIMES)
def test_news_time_windows_come_from_threat_sentences(text, expected):
    assert tw_labels(extract_text(text, model="blank")) == expected


def test_a_plans_diagnosis_describes_its_threat():
    """A plan headed "Diagnoza" (no "Charakterystyka zagrożenia"): its threats, times and places are read there."""
    rec = extract_text("Plan działania priorytetowego – rejon XVII\nDIAGNOZA\nNastolatkowie przesiadują na podwórku "
                       "przy ul. Partyzantów, piją tam piwo i krzyczą. Najwięcej sygnałów dotyczy dni czw.–niedz., "
                       "ok. 19.30–23.00.\nCEL\nObniżenie liczby interwencji o 30 proc.\nZADANIA\n1. Patrole – do "
                       "31 marca 2026 r.\nPARTNERZY\nStraż Miejska w Opocznie.", model="blank")
    assert rec["doc_type"] == "priority_plan"
    assert {t["category"] for t in rec["threats"]} >= {"youth_groups", "alcohol_public"}
    assert tw_labels(rec) == {"thu", "fri", "sat", "sun", "19:30-23:00"}
    assert [loc["name"] for loc in rec["locations"]] == ["ul. Partyzantów"]


def test_a_report_tells_its_threat_before_its_goal():
    """A report on a finished plan whose first part is its goal: the prose before it describes the threat."""
    rec = extract_text("Informacja o realizacji planu działania priorytetowego w rejonie służbowym nr 3\n\nPlan obejmował "
                       "okres od lipca do grudnia 2025 r. i dotyczył spalania odpadów w piecach przy ul. Słowackiego. "
                       "Mieszkańcy skarżyli się na dym, przede wszystkim wieczorami i w nocy.\n\nZakładany cel: "
                       "ograniczenie liczby zgłoszeń o 30%.\n\nZrealizowane działania:\n• 26 kontroli palenisk.\n",
                       model="blank")
    assert rec["doc_type"] == "priority_plan"
    assert {t["category"] for t in rec["threats"]} == {"waste_burning"}
    assert tw_labels(rec) == {"evening", "night"}
    assert [loc["name"] for loc in rec["locations"]] == ["ul. Słowackiego"]


def test_a_goal_wrapped_over_lines_keeps_its_value():
    """A converted document's goal wrapped at a line end: the value on the next line is the target's."""
    rec = extract_text("Plan działania priorytetowego\nII. ZAKŁADANY CEL DO OSIĄGNIĘCIA\nZmniejszenie liczby potwierdzonych "
                       "zgłoszeń KMZB\nco najmniej o 40% w stosunku do II półrocza 2025 r.\na) ograniczenie liczby "
                       "interwencji na skwerze z 26 do\n   nie więcej niż 12;\nb) wyeliminowanie przypadków niszczenia "
                       "ławek.\n", model="blank")
    assert target_labels(rec) == {"decrease:40%", "decrease:12", "eliminate"}


def test_a_locality_is_not_read_across_a_table_cell():
    rec = extract_text("Program „Bezpieczny Połaniec”\nZadania\nLp.\tZadanie\tRealizator\tPartnerzy\tTermin\n1.\tPatrole\t"
                       "Urząd Miasta i Gminy Połaniec\tOchotnicza Straż Pożarna w Połańcu\tco tydzień\n", model="blank")
    assert rec["locality"] == "Połaniec"


def test_a_goal_wrapped_over_a_scraped_pages_line_marker():
    text = ("Plan działania priorytetowego\n|n|II. Zakładany cel do osiągnięcia\n|n|1. Zmniejszenie liczby zgłoszeń "
            "dotyczących psów\n|n|   z 9 (II półrocze 2025 r.) do nie więcej niż 3.\n")
    assert target_labels(extract_text(text, model="blank")) == {"decrease:3"}


def test_parts_of_day_join_the_nearest_window_of_their_sentence():
    rec = extract_text("Plan działania priorytetowego\nZagrożenie:\nPsy zaczepiają dzieci rano, między 6.45 a 7.20, i drugi "
                       "raz wczesnym popołudniem, między 14.30 a 15.15, kiedy wracają ze szkoły.\nCel: żadnego pogryzienia.\n",
                       model="blank")
    assert [(w["from"], w["to"], w["parts_of_day"]) for w in rec["time_windows"]] == \
        [("06:45", "07:20", ["morning"]), ("14:30", "15:15", ["afternoon"])]
