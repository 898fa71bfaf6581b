"""Sections: header variants from rules/sections.tsv in the shapes plans are written in."""
from __future__ import annotations

import pytest

from extractor.record import Document, Source
from extractor.sections import find_sections, match_header


def sections(text: str):
    doc = Document(source=Source(path="t", sha256="0", format="txt"), text=text)
    return [(s.kind, text[s.body_start:s.end].strip()[:25]) for s in find_sections(doc)]


@pytest.mark.parametrize("line,kind", [
    ("Charakterystyka zdiagnozowanego zagrożenia w rejonie służbowym.", "threat"),
    ("Charakterystyka zdiagnozowanego zagrożenia w rejonie służbowym i zakładany cel do osiągnięcia:", "threat"),
    ("Charakterystyka zdiagnozowanego zagrozenia", "threat"),            # typo, no diacritic
    ("Zakładany cel do osiagnięcia", "goal"),
    ("Proponowane działania wraz z terminami realizacji poszczególnych etapów/zadań.", "actions"),
    ("Działania:", "actions"),
    ("Podmioty współpracujące w realizacji działania priorytetowego, wraz ze wskazaniem planowanych przez nie do realizacji zadań.", "partners"),
    ("4. Podmioty / instytucje współpracujące i ich zadania", "partners"),
    ("Proponowany sposób przekazania społeczności rejonu informacji o działaniu priorytetowym.", "communication"),
    ("Adresaci", "addressees"),
    ("Mierniki dla realizacji zadania", "indicators"),
    ("Cel operacyjny 2.1. Ograniczenie przestępczości", "goal"),
    ("Współpraca:", "partners"),
    ("Diagnoza", "justification"),
    ("Opis zagrożenia:", "threat"),
    ("Opis zagrożenia: w parku przy ul. Lipowej dochodzi do spożywania alkoholu.", "threat"),
    ("Podmioty:", "partners"),
    ("Cel (mierzalny): spadek liczby wykroczeń o 20%", "goal"),
    ("Podmioty współdziałające: Straż Miejska w Opatowie", "partners"),
    ("Zadania podmiotów współpracujących", "partners"),
    ("Termin realizacji:", "actions"),
    ("Terminy realizacji", "actions"),
    ("V. MONITORING I EWALUACJA", "other"),
    ("Finansowanie", "budget"),
    ("Realizatorzy programu", "implementer"),
    ("Zaplanowano następujące działania:", "actions"),
    ("Zamierzony efekt:", "goal"),
    ("Po czym poznamy sukces:", "goal"),
    ("Wynik, który uznamy za sukces:", "goal"),
    ("2. Zamierzony skutek", "goal"),
    ("Zakładany wynik: redukcja liczby interwencji o 40%", "goal"),
    ("1. Diagnoza lokalna", "threat"),
    ("Diagnoza w punktach:", "threat"),
    ("2. Efekt docelowy —", "goal"),
    ("Stan docelowy:", "goal"),
    ("Sprzymierzeńcy:", "partners"),
    ("Wybrane zadania", "actions"),
    ("Rezultat: zero pogryzień do końca września.", "goal"),
    ("Gdzie i co: plaża miejska nad jeziorem, tam piją alkohol.", "threat"),
    ("Harmonogram", "actions"),
    ("MIERNIK SUKCESU", "goal"),
    ("Miernik powodzenia", "goal"),
    ("MIESIĄC PO MIESIĄCU", "actions"),
    ("Rozkład prac w czasie", "actions"),
    ("Na co zwracają uwagę mieszkańcy", "threat"),
    ("Sposób realizacji i terminy", "actions"),
    ("Do czego zmierzamy: zmniejszenie liczby zgłoszeń o zniszczeniach w parku.", "goal"),
    ("Założony cel", "goal"),
    ("Co zrobiono", "other"),
    ("Jak informujemy", "communication"),
    ("1. Przypomnienie problemu", "threat"),
    ("Miara powodzenia:", "goal"),
    ("KROKI DO PODJĘCIA (z terminami)", "actions"),
    ("SPOSÓB OCENY", "other"),
    ("Terminarz", "actions"),
    ("Zadania do wykonania", "actions"),          # not "zadania zrealizowane", which is close in letters
    ("3. Działania do wykonania:", "actions"),
    ("Ocena realizacji planu.", "other"),
    ("| 1. Charakterystyka zdiagnozowanego zagrożenia |", "threat"),   # a table pasted with " | "
    ("Rozpoznane zagrożenie | W piwnicach przy ul. Kurkowej dochodzi do włamań. |", "threat"),   # header cell, text cell
    # a short heading ended by a full stop, its content on the line
    ("Współpraca. Miejski Ośrodek Pomocy Społecznej w Świdnicy, Straż Miejska w Świdnicy.", "partners"),
    ("Cel. Brak przypadków zgonów z wychłodzenia na terenie rejonu.", "goal"),
    # a bracketed qualifier between the heading and its colon
    ("Oczekiwany efekt (wymierny):", "goal"),
    ("Zagrożenie (kat. KMZB): kradzieże rowerów", "threat"),
    ("Przewidziane czynności i ich terminy:", "actions"),
    ("Czynności:", "actions"),
    ("Efekt końcowy", "goal"),
    ("Informacja publiczna", "communication"),
    ("Współrealizatorzy", "implementer"),
    # a report's time after the heading
    ("Realizatorzy zadań w roku sprawozdawczym", "implementer"),
    ("Cele programu w 2025 r.", "goal"),
    ("Cele i wartości docelowe", "goal"),
    ("Cele i oczekiwane rezultaty", "goal"),
    ("Podmioty realizujące strategię w 2026 r.", "partners"),
    ("Wskaźniki monitoringu", "indicators"),
    ("Rekomendacje", "other"),
])

def test_header_variants(line, kind):
    hit = match_header(line)
    assert hit and hit[0] == kind


def test_a_colon_inside_a_time_does_not_end_a_header():
    line = "Zakładany cel do osiągnięcia – brak zdarzeń między 1:00 a 4:00 w rejonie dworca"
    kind, length, _ = match_header(line)
    assert kind == "goal" and line[:length] == "Zakładany cel do osiągnięcia"


def test_a_dash_ends_a_header_that_runs_on():
    line = ("Charakterystyka zagrożenia – przy ul. Polnej po zamknięciu pubu dochodzi do bójek; mieszkańcy "
            "skarżą się też na hałas: krzyki, trąbienie i muzykę z samochodów do późnej nocy.")
    kind, length, _ = match_header(line)
    assert kind == "threat" and line[:length] == "Charakterystyka zagrożenia"


def test_an_actions_tables_header_row_opens_the_actions():
    for row in ("Lp.\tPlanowane działanie\tTermin realizacji\tPodmiot współpracujący",
                "| 3. Działanie | Termin | Podmiot |", "DZIAŁANIA | TERMIN | PODMIOTY", "Lp.\tCo zrobimy\tTermin\tWspółpraca"):
        text = "Plan działania priorytetowego\nCharakterystyka zagrożenia\nKradzieże.\n" + row + "\n1.\tPatrole\tdo 30.06.2025 r."
        assert [k for k, _b in sections(text)] == ["title", "threat", "actions"], row
    # a row that names no action and term is no header
    assert [k for k, _b in sections("Plan działania priorytetowego\nCharakterystyka zagrożenia\nKradzieże.\n"
                                    "Rok\t2023\t2024\nKradzieże\t12\t9")] == ["title", "threat"]


def test_a_term_label_with_its_term_is_no_header():
    """"Termin realizacji" heads a block only alone on its line; with a term after it, it is an action's label."""
    assert match_header("Termin realizacji: do 30.04.2023 r.") is None
    assert match_header("Termin realizacji:")[0] == "actions"


@pytest.mark.parametrize("line", [
    "Działania będą polegały na patrolach funkcjonariuszy Policji po terenie całej gminy w godzinach wieczornych.",
    "Celem programu jest poprawa bezpieczeństwa.",
    "Mieszkańcy zgłaszają problem.",
])
def test_ordinary_lines_are_not_headers(line):
    assert match_header(line) is None


def test_numbered_plan():
    text = ("Plan działania priorytetowego dla rejonu nr 4\n1) Charakterystyka zdiagnozowanego zagrożenia.\n"
            "Kradzieże w piwnicach.\n2) Zakładany cel do osiągnięcia.\nOgraniczenie kradzieży.\n"
            "3) Proponowane działania wraz z terminami realizacji.\n· patrole do 30 czerwca;\n"
            "4) Podmioty współpracujące.\n· Straż Miejska\n")
    kinds = [k for k, _ in sections(text)]
    assert kinds == ["title", "threat", "goal", "actions", "partners"]
    assert sections(text)[1][1].startswith("Kradzieże")


def test_headings_inside_one_paragraph():
    text = ("Plan działania priorytetowego. Charakterystyka zdiagnozowanego zagrożenia: kradzieże na działkach. "
            "Zakładany cel do osiągnięcia: ograniczenie kradzieży. Proponowane działania: patrole w maju.")
    got = sections(text)
    assert [k for k, _ in got][-3:] == ["threat", "goal", "actions"]
    assert got[-2][1].startswith("ograniczenie")


def test_roman_numbered_strategy_with_line_markers():
    text = "Program\n|n|I. Główne cele.\n|n|1. Poprawa bezpieczeństwa.\n|n|II. Kierunki działań.\n|n|1. Edukacja."
    assert [k for k, _ in sections(text)] == ["goal", "actions"]


def test_news_gets_title_and_body():
    text = "Aktualności\n\nSpotkanie z seniorami\n\nData publikacji 03.04.2024\nWczoraj odbyło się spotkanie."
    got = sections(text)
    assert got[0][0] == "title" and got[1][0] == "body"
    doc = Document(source=Source(path="t", sha256="0", format="txt"), text=text)
    assert find_sections(doc)[0].title == "Spotkanie z seniorami"


WORDED = """PLAN DZIAŁANIA PRIORYTETOWEGO
Rejon służbowy nr 8
Jakie zagrożenie zdiagnozowano?
Na parkingu przy ul. Długiej w Opolu dochodzi do kradzieży z samochodów.
Cel działań
Ograniczenie liczby kradzieży o 30%.
Działania (termin)
- patrole nocne – do 30.06.2025 r.
- Współpraca ze Strażą Miejską
DZIAŁANIA | TERMIN | PODMIOTY
Zrealizowane działania
W kwietniu przeprowadzono 4 kontrole.
Sposób informowania mieszkańców
Informacja na stronie internetowej.
"""


def test_a_plans_own_wording_of_its_parts():
    """Short heading lines that name a part in the plan's own words, once the page has plan headers or a plan
    title; a bulleted item is no such part, a table's header row opens the table (an actions table here), and
    a report's "Zrealizowane działania" is "other"."""
    assert [k for k, _b in sections(WORDED)] == ["title", "threat", "goal", "actions", "actions", "other",
                                                 "communication"]


def test_worded_headings_need_a_plan():
    """A news page's short lines that happen to name a threat do not cut it into plan parts."""
    text = "Zagrożenia w sieci\nPolicjanci ostrzegają przed oszustami.\nCel oszustów\nPieniądze seniorów."
    assert [k for k, _b in sections(text)] == ["title", "body"]


def test_a_statistics_tables_header_row_is_no_worded_heading():
    text = ("Plan działania priorytetowego\nCharakterystyka zagrożenia\nKradzieże w parku.\n"
            "Kategoria zagrożenia          2021   2022\nKradzieże                        12      9\n")
    assert [k for k, _b in sections(text)] == ["title", "threat"]


@pytest.mark.parametrize("line,kind", [
    ("Miejsce zagrożenia: droga pożarowa przy ul. Szymanowskiego 11", "threat"),
    ("Kiedy występuje: popołudniami i wieczorami", "threat"),
    ("Planowane przedsięwzięcia:", "actions"),
])
def test_plan_card_labels(line, kind):
    test_header_variants(line, kind)


def test_a_plan_told_in_question_headings():
    """A town's page presenting a plan under questions of its own: two parts named so are the plan's parts."""
    text = ("Bezpieczniej na drodze. Dzielnicowy przedstawia plan\n\nZ czym jest problem?\nKierowcy przekraczają "
            "prędkość.\n\nCo chce osiągnąć dzielnicowy?\nOgraniczenie liczby kolizji do 3.\n\nJakie działania są "
            "zaplanowane?\n• kontrole prędkości – raz na tydzień.\n")
    assert [k for k, _b in sections(text)] == ["threat", "goal", "actions"]


def test_question_headings_of_what_will_be_done_and_who_helps():
    text = ("Dzielnicowy rozpoczyna walkę z dzikimi wysypiskami w gminie\n\nJakie zagrożenie wskazano?\nDzikie wysypiska.\n\nJaki jest cel?\n"
            "Uprzątnięcie wysypisk.\n\nCo zostanie zrobione?\n• kontrole – raz w miesiącu.\n\nKto pomoże?\n"
            "Urząd Gminy Charsznica – typowanie posesji.\n")
    assert [k for k, _b in sections(text)] == ["threat", "goal", "actions", "partners"]


def test_what_was_done_is_no_plan_of_actions():
    text = ("Ocena realizacji planu\n\nCel planu: zmniejszenie liczby zgłoszeń o 50%.\n\nCo zrobiono:\n"
            "• kontrole parku raz w tygodniu.\n")
    assert [k for k, _b in sections(text)] == ["other", "goal", "other"]


def test_a_plan_told_in_questions_behind_arrow_bullets():
    text = ("„Bezpieczna plaża” – plan dzielnicowego\n► Na czym polega zagrożenie?\nNa dzikim kąpielisku piją alkohol.\n"
            "► Czego chcemy?\n– niedopuszczenia do utonięć.\n► Co zrobimy?\n1. Do 12 czerwca – wniosek o tablice.\n")
    assert [k for k, _ in sections(text)] == ["threat", "goal", "actions"]


def test_question_headings_without_question_marks():
    text = ("Targowisko pod lupą dzielnicowego\nNa czym polega problem\nNa targowisku dochodzi do kradzieży.\n"
            "Co ma się zmienić\n• 40% mniej kradzieży.\nHarmonogram\nLuty 2026 – rozpoznanie.\nKto współpracuje\n"
            "– Straż Miejska w Lubartowie.\n")
    assert [k for k, _ in sections(text)] == ["threat", "goal", "actions", "partners"]
    assert [k for k, _ in sections(text.replace("Kto współpracuje", "Kto pomaga?"))][-1] == "partners"


def test_a_plan_card_with_its_own_field_names():
    text = ("Karta działania priorytetowego – rejon 4\nData rozpoczęcia: 02.03.2026\nZdiagnozowany problem\nLibacje na "
            "skwerze.\nZadania (T – termin, W – współdziałanie)\n1. Obchody – T: 13 III 2026.\nWspółdziałanie\n"
            "SM – Straż Miejska w Dzierżoniowie: nocne patrole.\n")
    assert [k for k, _ in sections(text)] == ["title", "threat", "actions", "partners"]


def test_points_numbered_pkt():
    text = ("Plan priorytetowy rejonu nr 1\nPkt 1. Na czym polega problem\nPożary traw.\nPkt 3. Co ma się zmienić\n"
            "Ani jednego pożaru.\nPkt 4. Harmonogram\n1) Ulotka – T: do 13 marca.\nPkt 5. Kto współdziała\n– OSP Głowno.\n")
    assert [k for k, _ in sections(text)] == ["threat", "goal", "actions", "partners"]


def test_headings_of_their_own_wording_after_a_paragraph_sign():
    text = ("PLAN DZIAŁANIA PRIORYTETOWEGO – REJON VI\n§ 1. Z czym mamy kłopot\nKuligi za quadami.\n§ 2. Stan, do którego "
            "dążymy\nAni jeden kulig.\n§ 3. Harmonogram\n1. Do 19 grudnia – spotkanie.\n§ 4. Partnerzy\n– Urząd Gminy.\n"
            "§ 5. Jak o tym mówimy\nStrona gminy.\n")
    assert [k for k, _ in sections(text)] == ["title", "threat", "goal", "actions", "partners", "communication"]


def test_a_heading_with_a_relative_clause_may_run_to_six_words():
    text = ("Gmina Brzeźnica – program „Spokojna Gmina”\nPartnerzy\nW programie uczestniczą: Komisariat Policji.\n\n"
            "Zagrożenia, z którymi zmaga się gmina\nKradzieże rowerów przy dworcu.\n\nCele\nMniej kradzieży.\n")
    assert [k for k, _ in sections(text)][-3:] == ["partners", "threat", "goal"]


def test_parts_lettered_a_b_c():
    text = ("Plan dzielnicowej rejonu nr 4\n\nCzęść A – co się dzieje\nPiesi na torach.\n\nCzęść B – dokąd zmierzamy\n"
            "Nikt na torach.\n\nCzęść C – działania i terminy\n1. Patrole – do 30 czerwca.\n")
    assert [k for k, _ in sections(text)][-3:] == ["threat", "goal", "actions"]


def test_a_programmes_why_heads_its_justification():
    text = ("Program „Spokojna Gmina” na lata 2026–2029\n\nDlaczego program był potrzebny?\nKradzieże rowerów przy dworcu.\n\n"
            "Problemy, na które odpowiada program\nWandalizm.\n\nCele\nMniej kradzieży.\n")
    assert [k for k, _ in sections(text)][-3:] == ["justification", "justification", "goal"]


def test_a_forms_rubrics_numbered():
    text = ("Plan działania priorytetowego\n\nRubryka 1 – Rozpoznany problem\nPicie piwa przed sklepem.\n\nRubryka 2 – Czego "
            "oczekujemy na koniec planu\n– nikt nie pije przed sklepem.\n\nRubryka 3 – Zadania, terminy\nZad. 1. Rozmowa.\n")
    assert [k for k, _ in sections(text)][-3:] == ["threat", "goal", "actions"]


def test_what_will_happen_heads_the_actions():
    text = ("Plan dzielnicowego rejonu nr 4\n\nNa czym polega problem\nPsy bez opieki.\n\nCo konkretnie się wydarzy?\n"
            "W kwietniu ulotki.\n\nCo zostanie zrobione\nKontrole posesji.\n")
    assert [k for k, _ in sections(text)][-3:] == ["threat", "actions", "actions"]


def test_why_this_heads_the_threat():
    text = ("Lato nad Bugiem bez tragedii – mój plan na wakacje\n\nDlaczego właśnie to?\nNa dzikich plażach kąpią się "
            "setki osób.\n\nCo chcę osiągnąć?\nŻadnego utonięcia.\n")
    assert [k for k, _ in sections(text)][-2:] == ["threat", "goal"]


def test_how_we_shall_achieve_it_heads_the_actions():
    text = ("Plan dzielnicowego\n\nNa czym polega problem\nQuady w lesie.\n\nCel\nNie więcej niż pięć zgłoszeń.\n\n"
            "Jak to osiągniemy\n1. Spotkanie z leśniczym – do 20 marca.\n")
    assert [k for k, _ in sections(text)][-3:] == ["threat", "goal", "actions"]


def test_questions_of_where_from_and_who_what_when():
    text = ("Posterunek Policji z planem na wiosnę\n\n► Skąd ten plan?\nW bramach zbierają się uczniowie.\n\n"
            "► Czego oczekujemy?\nO dwie piąte mniej zgłoszeń.\n\n► Kto, co i kiedy?\n• zajęcia – do 9 maja.\n")
    assert [k for k, _ in sections(text)][-3:] == ["threat", "goal", "actions"]


def test_headings_numbered_with_a_slash():
    text = ("Plan działania priorytetowego – rejon nr 31\n\n1/ Stan rzeczy\nKtoś podpala suche trawy.\n\n2/ Cel i jego "
            "miara\nO 60% mniej wyjazdów.\n\n3/ Harmonogram\na) ulotki – do 13 III;\n")
    assert [k for k, _ in sections(text)][-3:] == ["threat", "goal", "actions"]


def test_headings_numbered_with_a_bar():
    text = ("Posterunek Policji – plan działania\n\n1 | Co zdiagnozowano\nDroga bez chodnika.\n\n2 | Czego oczekujemy\n"
            "Żadnego potrącenia.\n\n3 | Jak to zrobimy\n• do 30 kwietnia – pismo.\n\nGDZIE SZUKAĆ INFORMACJI\nNa stronie KPP.\n")
    assert [k for k, _ in sections(text)][-4:] == ["threat", "goal", "actions", "communication"]


def test_points_numbered_ad():
    text = ("PLAN DZIAŁANIA PRIORYTETOWEGO\nAD 1. CHARAKTERYSTYKA ZAGROŻENIA\nPsy biegają luzem.\nAd. 2. Zakładany cel\n"
            "Mniej zgłoszeń.\nAd.3. Proponowane działania\n- rozmowy, termin: do 30.09.2025 r.\nAD 4. PODMIOTY WSPÓŁPRACUJĄCE\n"
            "Urząd Gminy.\n")
    assert [k for k, _ in sections(text)] == ["title", "threat", "goal", "actions", "partners"]


# a plan's parts under headings of its own wording and numbering; the kinds of its last sections
OWN_HEADINGS = [
    pytest.param("Plan działania priorytetowego, rejon V\nRozpoznanie\nNa plaży piją alkohol.\nZamierzony skutek\n"
                 "Spadek liczby interwencji.\nHarmonogram – miesiąc po miesiącu\nMAJ – pismo do Burmistrza.\n"
                 "Współpraca\nWOPR.\n",
                 ["title", "threat", "goal", "actions", "partners"], id="a schedule's heading with its own dash"),
    pytest.param("Problem →\nPiesi chodzą po torach.\nCel →\nZero zdarzeń.\nPlan kroków →\n– jeszcze w lutym – "
                 "zgłoszenie.\nPartnerzy →\nSOK.\n",
                 ["threat", "goal", "actions", "partners"], id="a plan of steps"),
    pytest.param("PLAN DZIAŁANIA PRIORYTETOWEGO – REJON 14\nZAGROŻENIE –\nMłodzież pali marihuanę.\nCEL –\nO czwartą "
                 "część mniej.\nPLAN –\n▪ do 15 kwietnia: wniosek;\nWSPÓŁPRACA –\nGminny Ośrodek Pomocy Społecznej.\n",
                 ["title", "threat", "goal", "actions", "partners"], id="headings ending with a dash"),
    pytest.param("Urząd Miasta i Gminy\nDział: Bezpieczeństwo • 03/04/2026\n\nPlan na lato\nMłodzież pije piwo nad "
                 "Wisłą.\nDo czego zmierzamy?\nNikt nie utonie.\nCo konkretnie zostanie zrobione?\n– patrole w lipcu;\n"
                 "Z kim?\nOchotnicza Straż Pożarna.\n",
                 ["goal", "actions", "partners"], id="a page's category is no abbreviated heading"),
    pytest.param("Rejon służbowy nr 7\n[1/5] DIAGNOZA\nKradzieże paliwa.\n[2/5] EFEKT, DO KTÓREGO DĄŻĘ\nAni jednej "
                 "kradzieży.\n[3/5] DZIAŁANIA I TERMINY\n– Wrzesień 2025: patrole.\n",
                 ["goal", "actions"], id="headings numbered [n/m]"),
    pytest.param("Bezpieczne lato\nSkąd ten wybór?\nUtonięcie w 2025 r.\nCo ma się udać\nSezon bez utonięć.\n"
                 "Zadania (w nawiasie – do kiedy)\n[do 15 V] pismo;\nWspółdziałają\nSzkoła Podstawowa.\n",
                 ["goal", "actions", "partners"], id="what is to succeed"),
    pytest.param("KARTA PLANU DZIAŁANIA PRIORYTETOWEGO\nSkąd wiemy o problemie\nQuady w lesie.\nIle ma się zmienić\n"
                 "O połowę mniej zgłoszeń.\nCo i kiedy zrobię\n1. Pismo – w marcu.\nPomagają mi\n• Nadleśnictwo.\n"
                 "Jak się dowiecie\nKarta wisi w gablocie.\n",
                 ["threat", "goal", "actions", "partners", "communication"], id="questions opened by Skąd and Ile"),
    pytest.param("ARKUSZ PLANU PRIORYTETOWEGO – REJON NR 3\nCo się dzieje i gdzie\nRajdy na placu.\nKiedy uznamy plan za "
                 "udany\nO połowę mniej zgłoszeń.\nLista zadań\n1) pismo – w marcu;\nWsparcie z zewnątrz\n– OSP Gdów.\n"
                 "Jak powiadomimy mieszkańców\nOgłoszenie w gablocie.\n",
                 ["threat", "goal", "actions", "partners", "communication"], id="a question naming the plan"),
    pytest.param("Bulwar nad Odrą pod lupą dzielnicowego\nPunkt pierwszy – co dokucza mieszkańcom\nPiją piwo na bulwarze.\n\n"
                 "Punkt drugi – do czego dążymy\nMniej interwencji.\n\nPunkt trzeci – co i kiedy zrobimy\n– do 13 marca: "
                 "pismo.\n\nPunkt czwarty – z kim\nStraż Miejska w Ścinawie.\n\nPunkt piąty – jak się o tym dowiecie\n"
                 "Na tej stronie.\n",
                 ["threat", "goal", "actions", "partners", "communication"], id="points numbered in words"),
    pytest.param("Program bezpieczeństwa\n1. Diagnoza\nPicie alkoholu.\n3. Cele do 2030 r.\n3.1. O połowę mniej "
                 "wysypisk.\n4. Zadania\na) Patrole – do 30 czerwca 2026 r.\n",
                 ["justification", "goal", "actions"], id="goals up to a year"),
    pytest.param("Program „Bezpieczna Gmina” 2026–2029\nROZDZIAŁ 1. DIAGNOZA\nKradzieże rowerów.\nROZDZIAŁ 2. CELE PROGRAMU\n"
                 "Cel 1. Spadek liczby kradzieży o 15 procent.\nROZDZIAŁ 3. ZADANIA\n3.1. Znakowanie rowerów – do 31 maja 2026 r.\n",
                 ["justification", "goal", "actions"], id="chapters numbered in capitals"),
    pytest.param("Rejon 7 – plan działania priorytetowego\nGdzie i co się dzieje\nPrzy blokach piją piwo.\nNa czym nam zależy\n"
                 "– obniżenie liczby interwencji o 40%;\nPlan pracy (kiedy – co – z kim)\n1. do 2026-03-20 – rozmowy.\n"
                 "Z kim współpracujemy\nStraż Miejska w Polkowicach.\n",
                 ["threat", "goal", "actions", "partners"], id="the plan's own words"),
    pytest.param("Dzielnicowy o planie dla parkingu\n– Na czym polega problem?\n– Kręcą bączki na parkingu.\n"
                 "– Co chce Pan osiągnąć?\n– Żeby zloty zniknęły.\n– Jakie działania Pan zaplanował?\n– Do 20 lutego kontrole.\n",
                 ["threat", "goal", "actions"], id="an interview's questions with their dashes"),
    pytest.param("Dzielnicowa z rejonu 12 ma plan działania priorytetowego\n📍 Gdzie?\nPark Wolności.\n❗ Co się dzieje?\n"
                 "Grupki nastolatków piją alkohol.\n🎯 Cel\n✔ żadnych nowych malunków.\n🛠 Działania\n✅ obchody parku (1×/2 tyg.);\n",
                 ["threat", "threat", "goal", "actions"], id="headings after pictographs"),
    pytest.param("KARTA PLANU DZIAŁANIA PRIORYTETOWEGO NR 3/2026\nPole A. Zidentyfikowany problem\nGrupa nastolatków pije.\n"
                 "Pole D. Cel mierzalny\n1. Redukcja zgłoszeń o 45 procent.\nPole E. Harmonogram\n1/ rozmowy / do 27.03.2026 / —\n",
                 ["threat", "goal", "actions"], id="a card's fields lettered 'Pole'"),
    pytest.param("Informacja o realizacji planu\nJaki problem rozwiązywano?\nNastolatki przed Domem Seniora.\nZakładany cel\n"
                 "Mniej zgłoszeń.\nPomagali nam\n– Urząd Gminy Zbrosławice.\n", ["threat", "goal", "partners"],
                 id="'Pomagali nam'"),
    pytest.param("REJON 31 – Prażmów\nZjawisko: przemoc domowa w czterech rodzinach.\nWskaźnik powodzenia\n– najwyżej 2 "
                 "zgłoszenia.\nPlan działań:\n– do 27 lutego – ustalenie rodzin.\n", ["threat", "goal", "actions"],
                 id="'Zjawisko:', 'Wskaźnik powodzenia'"),
    pytest.param("Gminny program bezpieczeństwa\nSkąd ten program?\nKradzieże w sklepach.\nDo czego gmina chce dojść do 2028 "
                 "r.?\n– zmniejszenie liczby kradzieży o 25%.\nJak to zrobimy?\n– patrole – do 30 czerwca 2026 r.\n",
                 ["justification", "goal", "actions"], id="'Do czego gmina chce dojść'"),
    pytest.param("Zimowy plan dzielnicowego – rejon 9\nSkąd ten temat?\nW pustostanie nocują osoby bezdomne.\n"
                 "Czego chcę uniknąć?\nŻadna osoba nie może zamarznąć.\nPlan działań na zimę\n1. Do 14 listopada lista "
                 "miejsc.\nKogo angażuję?\n– Gminny Ośrodek Pomocy Społecznej w Wieliszewie.\n",
                 ["threat", "goal", "actions", "partners"], id="first-person questions, 'Plan działań na zimę'"),
    pytest.param("Plan dzielnicowej na stacji\nZ czym mamy do czynienia\nKieszonkowcy na peronie.\nOczekiwany stan po pół "
                 "roku\nani jednej kradzieży.\nJak do tego dojdziemy\n1. Do 26 lutego – patrol z SOK.\nNasi sprzymierzeńcy\n"
                 "– Straż Ochrony Kolei.\nJak dotrze informacja\n– plakat przy kasie.\n",
                 ["threat", "goal", "actions", "partners", "communication"], id="'Z czym mamy do czynienia', 'Nasi sprzymierzeńcy'"),
    pytest.param("Plan dzielnicowego na sezon\nJakie zagrożenia wskazali mieszkańcy?\n• Nielegalny handel na promenadzie.\n"
                 "Co ma się zmienić?\nAni jednego stoiska.\nJak dzielnicowy chce to osiągnąć?\n1. W czerwcu – obchody.\n",
                 ["threat", "goal", "actions"], id="'Jak dzielnicowy chce to osiągnąć?'"),
    pytest.param("Port – plan dzielnicowego na sezon\nJak jest?\nZ jachtów giną silniki.\nNa co się umawiamy?\nKradzieży ma "
                 "być o 30% mniej.\nCo i kiedy?\n1. Do 16 maja – rozmowa z kierownikiem portu.\n",
                 ["threat", "goal", "actions"], id="'Jak jest?', 'Na co się umawiamy?'"),
    pytest.param("Radni przyjęli program\nCo nam zagraża?\nDym z kominów nad osiedlem.\nJakie cele?\n• o połowę mniej "
                 "skarg.\nCo konkretnie?\n1. Do końca 2026 r. – kontrole palenisk.\n",
                 ["threat", "goal", "actions"], id="'Co nam zagraża?', 'Co konkretnie?'"),
    pytest.param("Sprawozdanie z realizacji Programu za rok 2025\nI. Diagnoza\nDzikie wysypiska w lasach.\nII. Cele Programu\n"
                 "– o połowę mniej wysypisk.\nIII. Zadania\n1. Sprzątanie lasów – co roku.\nIV. Podmioty realizujące Program "
                 "w 2025 r.\n– Nadleśnictwo Antonin – sprzątanie lasów.\n",
                 ["justification", "goal", "actions", "partners"], id="a heading that ends with the year it concerns"),
    pytest.param("Gminny program profilaktyki\nRozdział 2. Diagnoza\nDorośli piją przed sklepem.\nRozdział 3. Bezpieczeństwo w "
                 "przestrzeni publicznej – cele na 2026 r.\na) nie więcej niż 10 nietrzeźwych kierujących;\nRozdział 4. Zadania\n"
                 "1. Kontrole sklepów – co kwartał.\n",
                 ["justification", "goal", "actions"], id="a chapter's title naming its part after a dash"),
    pytest.param("PLAN DZIAŁANIA PRIORYTETOWEGO\n1. Obraz zagrożenia\nKradzieże katalizatorów.\n2. Zamierzony rezultat\n"
                 "mniej kradzieży.\n3. Etapy pracy\na) Do 13 marca – patrol.\n4. Komunikacja z mieszkańcami\nPlakaty.\n",
                 ["title", "threat", "goal", "actions", "communication"], id="'Etapy pracy', 'Komunikacja z mieszkańcami'"),
    pytest.param("PLAN DZIAŁANIA PRIORYTETOWEGO\nRejon: 2\n\n[A] ZAGROŻENIE\nWłamania do altan.\n\n[B] CEL\nO połowę mniej "
                 "włamań.\n\n[C] DZIAŁANIA\nC1  nocne sprawdzenia – co tydzień\n\nD) Współpraca\n– Zarząd ROD w Zaklikowie.\n",
                 ["threat", "goal", "actions", "partners"], id="parts lettered in square brackets or with a bracket"),
    pytest.param("Dzielnicowy realizuje plan działania priorytetowego\nCzego dotyczy plan?\nPsy biegają bez opieki.\n"
                 "Co chce osiągnąć dzielnicowy?\n• ani jednego pogryzienia;\nJakie kroki zaplanowano?\n1. W sierpniu – wizyty.\n"
                 "Jak mieszkańcy dowiedzą się o planie?\nUlotki w sklepach.\n",
                 ["threat", "goal", "actions", "communication"], id="questions that name the plan"),
    pytest.param("Plan priorytetowy rejonu nr 1\nProblem –\nKierowcy parkują na chodniku.\nMiara sukcesu –\nani jednego auta "
                 "na przejściu.\nKroki –\na. kontrole – co 14 dni;\nSojusznicy –\nUrząd Miejski w Gniewkowie\n",
                 ["threat", "goal", "actions", "partners"], id="headings ending in a dash"),
    pytest.param("Dzielnicowy ma plan na cmentarz\nCo się dzieje?\nZ grobów giną znicze.\nCo chce osiągnąć dzielnicowy?\n"
                 "Mniej kradzieży.\nJak i kiedy?\n• do 17 lipca – rozmowa z zarządcą;\nNa kogo możemy liczyć?\n"
                 "Ochotnicza Straż Pożarna w Rejowcu Fabrycznym – kierowanie ruchem.\n",
                 ["threat", "goal", "actions", "partners"], id="questions 'jak i kiedy', 'na kogo'"),
    pytest.param("Zima bez trującego dymu – plan dzielnicowej\nCo się dzieje?\nDym z kominów.\nNa co się umówiliśmy?\n"
                 "– skarg ma być o 40 procent mniej;\nEtapy\nEtap I (październik 2025 r.) – ulotki.\nRazem z nami\n"
                 "Ochotnicza Straż Pożarna w Piwnicznej-Zdroju – dron.\n",
                 ["threat", "goal", "actions", "partners"], id="'umówiliśmy się', 'Etapy', 'Razem z nami'"),
    pytest.param("Bezpieczna droga do szkoły – plan dzielnicowego\nA. Opis sytuacji\nKierowcy nie zwalniają.\n"
                 "B. Czego oczekujemy\n1) Nie może dojść do żadnego potrącenia.\nC. Co konkretnie zrobimy i kiedy\n"
                 "1) Pismo – do 13 marca 2026 r.\nD. Partnerzy\nSzkoła Podstawowa nr 1 w Przysusze – zajęcia.\n"
                 "E. Informowanie mieszkańców\nKomunikat na stronie.\n",
                 ["threat", "goal", "actions", "partners", "communication"], id="headings lettered in capitals"),
    pytest.param("PDP – Post. Pol. Maszewo – rej. 1\nzagr.: zakłóc. spokoju – pl. Ratuszowy\ncel: ↓ interw. o 1/4\ndział.:\n"
                 "– kontrole – 1x/tydz. do 31.07\nwspółpr.: MGOPS Maszewo (pomoc rodzinom)\ninfo: FB Gminy Maszewo\n",
                 ["threat", "goal", "actions", "partners", "communication"], id="an officer's abbreviated labels"),
    pytest.param("„Bezpieczne Piekary” – najważniejsze informacje o programie\nZ czym się zmagamy?\n• Smog.\n"
                 "Czego chcemy do 2029 roku?\n– liczba kontroli palenisk: minimum 600 w roku;\nWybrane zadania\n"
                 "1. Kontrole palenisk – co tydzień.\n",
                 ["threat", "goal", "actions"], id="a programme's questions, one naming a year"),
    pytest.param("Zima bez trującego dymu – plan dzielnicowej\nSkąd taki wybór?\nDym z kominów.\nNa co się umówiliśmy?\n"
                 "– skarg ma być o 40 procent mniej;\nEtapy\nEtap I (październik 2025 r.) – ulotki.\nRazem z nami\n"
                 "Ochotnicza Straż Pożarna w Piwnicznej-Zdroju – dron.\n",
                 ["goal", "actions", "partners"], id="three parts named by lines of their own"),
    pytest.param("Rozmowa z dzielnicową\n– Czym zajmie się Pani w tym półroczu?\n– Ciężarówkami.\n– Jaki efekt chce Pani "
                 "osiągnąć?\n– Żeby nie nocowała ani jedna ciężarówka.\n– Co konkretnie zostanie zrobione?\n– Do 20 marca "
                 "pismo.\n", ["goal", "actions"], id="an interview's question naming its part as its fifth word"),
    pytest.param("Psy bez opieki – posterunek bierze sprawę w swoje ręce\nPsy biegają bez nadzoru.\nDo czego dążymy? Chcemy, "
                 "aby zgłoszeń było o 30 procent mniej.\nCo zrobimy?\n– do 10 marca wizyty u sołtysów;\n",
                 ["goal", "actions"], id="a question opening its paragraph, the answer on its line"),
    pytest.param("Letni plan dzielnicowego\nCO? GDZIE? KIEDY?\nW żwirowni kąpią się dorośli.\nPO CO?\n• Nikt nie może "
                 "stracić życia.\nJAK?\n1) Do 15 maja – tablice.\n", ["threat", "goal", "actions"],
                 id="terse questions in capitals"),
]


@pytest.mark.parametrize("text,tail", OWN_HEADINGS)
def test_headings_of_a_plans_own_wording(text, tail):
    assert [k for k, _ in sections(text)][-len(tail):] == tail


def test_a_diagnosis_in_brief_and_own_words_make_a_plans_parts():
    text = ("Posterunek Policji przekazał plan działania priorytetowego.\n\nDiagnoza w skrócie\nLudzie kąpią się w "
            "miejscach niebezpiecznych.\n\nDo czego zmierzamy\nZero utonięć w sezonie.\n\nLista zadań\n(1) Patrole brzegu.\n")
    assert [k for k, _ in sections(text)] == ["justification", "goal", "actions"]


def test_headings_numbered_with_a_degree_sign():
    text = "Plan działania priorytetowego\n\n1° Zagrożenie\nWłamania do garaży.\n\n2° Cel\nOgraniczenie włamań.\n\n3° Działania\na) patrole;\n"
    assert [k for k, _ in sections(text)][-3:] == ["threat", "goal", "actions"]


def test_a_progress_report_in_its_own_words():
    """A plan at its halfway point: where it started, its goals (a legend naming the plan), what was done, what is ahead."""
    text = ("Plan działania priorytetowego dzielnicowego.\n\nJaki był punkt wyjścia\nMłodzież przechodzi przez tory.\n\n"
            "Co chcemy osiągnąć (cele zapisane w planie)\n• ani jednego wypadku;\n\nCo już zrobiono (luty–kwiecień)\n"
            "– patrole.\n\nCo jeszcze przed nami\n– pogadanka – do 12 czerwca;\n\nPartnerzy planu\nZespół Szkół w Czudcu.\n")
    assert [k for k, _ in sections(text)][-5:] == ["threat", "goal", "other", "actions", "partners"]


def test_labelled_headings_that_go_on_in_lower_case():
    text = ("Plan działania priorytetowego dzielnicowego.\n\nPunkt 1 – co jest problemem\nQuady w lesie.\n\n"
            "Punkt 2 – co chcemy osiągnąć\nZ 25 do 15 zgłoszeń.\n\nPunkt 3 – co zrobimy i kiedy\n3.1 Fotopułapki – do 8 maja.\n")
    assert [k for k, _ in sections(text)][-3:] == ["threat", "goal", "actions"]


def test_guillemet_bullets_and_a_legend_of_dashes_stay_in_the_heading():
    text = ("PDP rej. nr 5\n\n» ZAGROŻENIE (diagnoza)\nPicie alkoholu.\n\n» CEL\na) spadek interwencji;\n\n"
            "» PRZEDSIĘWZIĘCIA (co – do kiedy – z kim)\n\n1. Rozmowa z kierownikiem sklepu – do 20.03.2026 r.\n")
    got = sections(text)
    assert [k for k, _ in got][-3:] == ["threat", "goal", "actions"]
    assert got[-1][1].startswith("1. Rozmowa")


def test_a_headings_own_words_decide_before_its_legend():
    text = ("PDP – rej. nr 2\n\n1. Zagr.\nSpalanie odpadów.\n\n2. Cel\n– skargi: z 21 do 7;\n\n"
            "3. Przedsięwz. | termin realiz. | podm. współdz.\na) ulotki | grudzień br. | –\n\n4. Podm. współdz. (zadania)\nUM w Kietrzu – kontrole palenisk;\n")
    assert [k for k, _ in sections(text)][-4:] == ["threat", "goal", "actions", "partners"]



def test_a_bracketed_conjunction_is_part_of_the_heading():
    text = ("Plan działania priorytetowego\n\nCo zdiagnozowano:\nKradzieże paliwa.\n\nCzego oczekujemy:\n– mniej kradzieży.\n\n"
            "Co (i do kiedy):\na) kwiecień – ulotki;\n\nWspółpraca: Nadleśnictwo.\n")
    assert [k for k, _ in sections(text)][-4:] == ["threat", "goal", "actions", "partners"]


def test_an_actions_own_description_label_is_no_section():
    text = ("Plan działania priorytetowego\n\nOpis zagrożenia\nParkowanie w lesie.\n\nProponowane działania\n\nDziałanie 1\n"
            "Opis: pismo do zarządu drogi o słupki.\nRamy czasowe: do 15 maja.\n\nDziałanie 2\nOpis: ulotki dla turystów.\n"
            "Ramy czasowe: czerwiec.\n")
    kinds = [k for k, _ in sections(text)]
    assert "justification" not in kinds and kinds[-1] == "actions"


def test_the_course_in_stages_heads_the_actions_and_who_takes_part_the_partners():
    text = ("Plan dzielnicowego rejonu nr 2\n\nRozpoznanie\nKradzieże paliwa z maszyn.\n\nCel\nMniej kradzieży.\n\n"
            "Przebieg w dwóch etapach\nEtap I – marzec\nRozmowy z rolnikami.\n\nKto jeszcze weźmie udział\n"
            "Straż Gminna – wspólne patrole.\n")
    assert [k for k, _ in sections(text)][-4:] == ["threat", "goal", "actions", "partners"]


def test_a_programmes_questions_of_its_goals_and_what_was_planned():
    text = ("„Bezpieczna Gmina 2026–2029” – założenia programu\n\nJakie są cele?\n• mniej kradzieży.\n\n"
            "Co konkretnie zaplanowano?\n– monitoring – do 30 czerwca 2026 r.\n")
    assert [k for k, _ in sections(text)][-2:] == ["goal", "actions"]


@pytest.mark.parametrize("text,kinds", [
    # single nouns, verbs in the first person, capitals with glosses: the words of each part's field
    ("Plan działania priorytetowego rejonu nr 4\nI. Uciążliwości\nHałas przy pawilonie.\nII. Poprzeczka\nMniej zgłoszeń.\n"
     "III. Grafik\n– do 30 kwietnia – pismo.\nIV. Pomocnicy\nUrząd Gminy.\nV. Rozgłos\nTablica ogłoszeń.\n",
     ["title", "threat", "goal", "actions", "partners", "communication"]),
    ("Plan działania priorytetowego\nWidzimy:\nQuady w lesie.\nZamierzam:\nMniej quadów.\nPodejmę:\n– patrole w soboty.\n"
     "Proszę o pomoc:\nNadleśnictwo.\nOgłoszę:\nNa stronie gminy.\n",
     ["title", "threat", "goal", "actions", "partners", "communication"]),
    ("PLAN DZIAŁANIA PRIORYTETOWEGO\nOBRAZ SYTUACJI (gdzie i kiedy)\nPiją na plaży.\nWYNIK (co będzie sukcesem)\nZero utonięć.\n"
     "KROKI I TERMINY\n– do 15 czerwca – tablice.\nRAMIĘ W RAMIĘ\nWOPR.\n",
     ["title", "threat", "goal", "actions", "partners"]),
    # an interview's questions: what will be done and when, who helps, how residents learn of it
    ("Rozmowa z dzielnicowym\nJaki wynik uzna Pan za dobry?\n– Mniej kradzieży.\nCo dokładnie i kiedy zostanie zrobione?\n"
     "– Do 20 listopada spiszę właścicieli.\nKto Panu pomoże?\n– Gmina.\n", ["goal", "actions", "partners"]),
])
def test_parts_named_in_words_of_their_own(text, kinds):
    assert [k for k, _b in sections(text)] == kinds


def test_a_letters_numbered_paragraphs_opened_by_labels():
    """"4. Mój cel jest prosty: …", "6. Wspierają mnie: …": labels that open their paragraphs name the parts; "Gdzie
    mnie znaleźć:" names none; the first paragraph, before the aim, tells the threat."""
    text = ("List dzielnicowej do mieszkańców\n1. Oszuści dzwonią do seniorów.\n2. Mój cel jest prosty: mniej oszustw.\n"
            "3. Co konkretnie zrobię:\na) w kwietniu spotkam się z seniorami;\n4. Wspierają mnie: Gminny Ośrodek Pomocy "
            "Społecznej w Kowalewie.\n5. Gdzie mnie znaleźć: w każdy czwartek w urzędzie.\n")
    got = sections(text)
    assert [k for k, _b in got] == ["threat", "goal", "actions", "partners"]
    assert got[0][1] == "Oszuści dzwonią do senior"


def test_a_plan_told_in_numbered_paragraphs_that_open_with_their_parts():
    """No headings and no labels but two: "2) Celem jest …" and "5) O planie przypomną …" open their parts with the
    sentence that tells them, and the paragraph before the aim tells the threat."""
    text = ("Plan rejonu 4 w pięciu punktach\n\n1) Kradzieże rowerów spod bloków przy ul. Leśnej.\n\n"
            "2) Celem jest, by kradzieży było o połowę mniej.\n\n3) Zadania rozpisano tak: w marcu znakowanie rowerów.\n\n"
            "4) Pomogą: Spółdzielnia Mieszkaniowa „Zacisze”.\n\n5) O planie przypomną ogłoszenia na klatkach.\n\n"
            "Dyżur dzielnicowego: we wtorki w Urzędzie Gminy.\n")
    got = sections(text)
    assert [k for k, _b in got] == ["threat", "goal", "actions", "partners", "communication"]
    assert got[1][1] == "Celem jest, by kradzieży "
    doc = Document(source=Source(path="t", sha256="0", format="txt"), text=text)
    assert "Urzędzie" not in text[find_sections(doc)[3].body_start:find_sections(doc)[3].end]


@pytest.mark.parametrize("text", [
    # a news page's numbered points: one aim is no plan
    "Policjanci radzą\n1. Nie otwieraj drzwi obcym.\n2. Celem oszustów są pieniądze seniorów.\n3. Dzwoń na 112.\n",
    # a paragraph that opens with its aim but is not numbered
    "Debata w Kole\nW ubiegłym roku było 12 kradzieży.\nCelem jest ograniczenie kradzieży.\nPomogą: sołtysi.\n",
])
def test_an_aim_alone_makes_no_plan(text):
    assert "goal" not in [k for k, _b in sections(text)]


def test_labels_in_square_brackets():
    text = ("Gmina Krempna – plan dzielnicowego\n[ZAGROŻENIE] Quady na szlakach.\n[KIEDY] W soboty.\n[CEL] Najwyżej 5 "
            "zgłoszeń.\n[ZADANIA]\n1) do 31 stycznia – mapa wjazdów;\n[RAZEM Z] Nadleśnictwo Dukla.\n")
    got = sections(text)
    assert [k for k, _b in got] == ["threat", "goal", "actions", "partners"]
    assert got[0][1].startswith("Quady")


@pytest.mark.parametrize("line", ["Co zrobiliśmy", "Co zrobił dzielnicowy", "Co udało się zrobić?"])
def test_what_was_done_told_in_the_past_is_no_plan_of_actions(line):
    from extractor.sections import keyword_kind

    assert keyword_kind(line, 0) == "other"


def test_a_report_told_in_the_past():
    text = ("Podsumowanie planu działania priorytetowego\nPunkt wyjścia\nSieci na jeziorze.\nCo zakładaliśmy\nMniej sieci.\n"
            "Co zrobiliśmy\nW marcu zasadzka.\n\nWspółpracowali: Państwowa Straż Rybacka we Wrocławiu.\n")
    assert [k for k, _b in sections(text)] == ["threat", "goal", "other", "partners"]


def test_a_report_on_a_finished_plan_has_no_plan_of_actions():
    """"Sprawozdanie z realizacji planu …": its dated steps are what was done, no actions with deadlines."""
    text = ("SPRAWOZDANIE Z REALIZACJI PLANU DZIAŁANIA PRIORYTETOWEGO\nrejon służbowy nr XIV\n\nI. Opis problemu z planu\n"
            "Tiry parkują na poboczach.\n\nII. Założenia planu\nPojazdów miało być o 60 proc. mniej.\n\n"
            "III. Wykonane przedsięwzięcia\n1) marzec: ustalenie listy miejsc;\n2) maj: ustawienie znaków zakazu.\n")
    kinds = [k for k, _b in sections(text)]
    assert "goal" in kinds and "actions" not in kinds


def _told_rows():
    import csv
    from pathlib import Path

    path = Path(__file__).parent / "data" / "told_parts.tsv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return [(r["paragraph"], r["part"]) for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


@pytest.mark.parametrize("paragraph,part", _told_rows())
def test_what_a_told_paragraph_tells(paragraph, part):
    text = paragraph + " " + "Dalszy ciąg akapitu." * 5
    assert _told_cue(text) == part


def _told_cue(text: str) -> str:
    """The part ``text`` (one paragraph) tells, read with the NLP stage's sentences as the sections stage reads it."""
    from extractor.nlp import get_nlp
    from extractor.told_parts import _cue

    return _cue(text, 0, len(text), get_nlp("auto").tokenizer.sentence_spans(text)) or "-"


def test_a_told_paragraph_that_opens_a_list_tells_its_part_by_the_first_item():
    text = ("Co zostanie zrobione:\n– do końca października dzielnicowy spisze właścicieli domków;\n"
            "– w listopadzie odbędzie się spotkanie z rolnikami.")
    assert _told_cue(text) == "actions"
    assert _told_cue(text.replace("do końca października ", "").replace("spisze", "spisał")) == "-"


TOLD = ("Gmina Kowale – aktualności\n\nDzielnicowy przedstawił swój plan\n\n"
        "Mł. asp. Jan Nowak, dzielnicowy rejonu nr 5, przekazał wójtowi swój plan obowiązujący od 1 lutego do 31 lipca "
        "2026 r. Zamieszczamy go bez skrótów.\n\n"
        "Mieszkańcy od jesieni zwracają uwagę, że przy sklepie przy ul. Polnej niemal codziennie zbiera się kilku "
        "mężczyzn, którzy piją alkohol i zaczepiają przechodzących.\n\n"
        "Liczę, że do końca lipca wezwań do sklepu będzie co najmniej o połowę mniej niż w poprzednim półroczu.\n\n"
        "Najpóźniej 27 lutego porozmawiam z właścicielką sklepu o kamerze nad wejściem, a w marcu i kwietniu będę "
        "sprawdzał plac co drugą sobotę wieczorem.\n\n"
        "Urząd Gminy Kowale zobowiązał się do końca marca zamontować przy sklepie oświetlenie i tablicę z zakazem "
        "spożywania alkoholu.\n\n"
        "O tym, jak idzie realizacja planu, opowiem na zebraniach wiejskich w Kowalach i w Łąkach w czerwcu.\n\n"
        "Kowale, 16 lutego 2026 r.\n")


def test_a_plan_told_in_paragraphs_without_headings():
    """The paragraph that introduces the plan and those of what goes wrong stay outside the parts (the prose
    before the goal is the threat's); the page's short lines after the last paragraph are no part."""
    assert [k for k, _b in sections(TOLD)] == ["goal", "actions", "partners", "communication", "other"]


@pytest.mark.parametrize("cut", [
    # no aim told: no parts
    lambda t: t.replace("Liczę, że do końca lipca wezwań do sklepu będzie co najmniej o połowę mniej",
                        "Wezwań do sklepu było w poprzednim półroczu jedenaście"),
    # no word of a plan or an officer: no parts
    lambda t: t.replace("Mł. asp. Jan Nowak, dzielnicowy rejonu nr 5, przekazał wójtowi swój plan",
                        "Wójt Jan Nowak przekazał nam tekst"),
])
def test_a_text_that_does_not_tell_a_plan_has_no_told_parts(cut):
    assert [k for k, _b in sections(cut(TOLD))] == ["title", "body"]


def test_labelled_paragraphs_beside_a_template_heading():
    """A template heading ("Krok po kroku") beside paragraphs opened by labels of other parts: the labels name them
    (after a blank line); a public-information page's record names no part."""
    text = ("Psy bez opieki – plan dzielnicowej\n\nAdres problemu: przystanek przy ul. Polnej w Winnicy.\n\n"
            "Poprzeczka: żadnego pogryzienia dziecka do końca planu.\n\nKrok po kroku:\n• sierpień – obchód posesji;\n"
            "• do 15 września – pismo do wójta.\n\nRamię w ramię z: Urzędem Gminy Winnica (odłowy).\n\n"
            "Podmiot udostępniający informację: Urząd Gminy Winnica\n")
    assert [k for k, _b in sections(text)] == ["threat", "goal", "actions", "partners"]


def test_tasks_to_do_and_their_terms_head_the_actions():
    text = ("PLAN DZIAŁANIA PRIORYTETOWEGO\nI. Rozpoznane zagrożenie\nDzikie wysypiska w lesie.\nII. Oczekiwany rezultat\n"
            "Likwidacja wysypisk.\nIII. Zadania do wykonania i terminy\n1) patrole – do 27.02.2026 r.\n")
    assert [k for k, _b in sections(text)] == ["title", "threat", "goal", "actions"]


@pytest.mark.parametrize("title,kind", [
    ("Informacja o wykonaniu planu działania priorytetowego", "other"),   # a finished plan: what was done
    ("Informacja o realizacji planu działania priorytetowego (stan na dzień 30 kwietnia 2025 r.)", "actions"),
])
def test_a_report_on_a_finished_plan_tells_what_was_done(title, kind):
    text = (f"{title}\nI. Problem\nKradzieże paliwa.\nII. Zakładany wynik\nNie więcej niż 5 kradzieży.\n"
            "III. Przebieg realizacji\n– w lutym rozdano kierowcom 400 ulotek;\n")
    assert [k for k, _b in sections(text)][-1] == kind


@pytest.mark.parametrize("row,line,goes_on", [
    # a converted PDF's grid: the next line's first cell is blank, and it has as many cells
    ("| 3. | Pogadanka o bezpieczeństwie | najpóźniej | Szkoła Podstawowa |",
     "|    | dla uczniów                 | 19.06.2026 r. | w Karczmiskach |", True),
    # a row that opens with its number, its wrapped lines with their bars
    (" 2   | Szkolenie kasjerów | do 20.02.2026 r. | Bank Spółdzielczy", "     | sytuacji, w których  |  | w Rypinie", True),
    ("Patrole\tco tydzień\tStraż Miejska", "\tw weekendy\tw Kole", True),
    # the next row, a line with fewer cells, prose
    ("| 3. | Pogadanka | najpóźniej | Szkoła |", "| 4. | Patrole | co tydzień | Straż Miejska |", False),
    ("| 3. | Pogadanka | najpóźniej | Szkoła |", "|    | dla uczniów |", False),
    ("| 3. | Pogadanka | najpóźniej | Szkoła |", "Uwagi: brak.", False),
])
def test_a_table_row_wrapped_over_lines(row, line, goes_on):
    from extractor.sections import continues_row

    assert continues_row(row, line) is goes_on


@pytest.mark.parametrize("lines,joined", [
    # each cell's pieces joined in order, the blank cells left out
    (["| 1. | Ustalenie tożsamości osób | do końca   | –  |",
      "|    | rozmowy ostrzegawcze      | I kwartału |    |",
      "|    |                           | 2026 r.    |    |"],
     "1. | Ustalenie tożsamości osób rozmowy ostrzegawcze | do końca I kwartału 2026 r. | –"),
    # a word hyphenated at a cell's line end is joined whole
    (["| 5. | rozdawanie ulotek | przez cały okres | Gminny Ośrodek Kul- |",
      "|    | o wypoczynku      | planu            | tury w Zaniemyślu   |"],
     "5. | rozdawanie ulotek o wypoczynku | przez cały okres planu | Gminny Ośrodek Kultury w Zaniemyślu"),
    # one line, a row that does not open with a bar, a line that is the next row: not one wrapped row
    (["| 1. | Patrole | co tydzień |"], None),
    ([" 2   | Szkolenie kasjerów | do 20.02.2026 r.", "     | sytuacji |  "], None),
    (["| 1. | Patrole | co tydzień |", "| 2. | Ulotki | w maju |"], None),
])
def test_a_table_row_wrapped_over_lines_read_as_one_line(lines, joined):
    from extractor.sections import joined_row

    assert joined_row(lines) == joined


@pytest.mark.parametrize("line,kind", [
    # a form's row of two cells, its label and what it says, set apart by a tab
    ("3.\tDziałania i terminy\ta) rozmowy ostrzegawcze – do 31.01.2017 r.;", "actions"),
    ("4.\tWspółpraca\tStraż Miejska w Sosnowcu – patrole wspólne;", "partners"),
    # a heading's legend after a dash, closed by a colon or a cell's border
    ("1.\tZagrożenie – rodzaj, miejsce,\tPicie alkoholu w bramach kamienic", "threat"),
    ("Zagrożenie – rodzaj, miejsce, czas: picie alkoholu w bramach", "threat"),
    # a table header's cells are no label; a bulleted item's words before a dash are no heading
    ("Wskaźnik\t2020\t2021", None),
    ("– ocena realizacji planu – termin: do 24 kwietnia 2026 r.", None),
])
def test_a_forms_labelled_rows(line, kind):
    from extractor.sections import _LEAD, match_header

    hit = match_header(line[_LEAD.match(line).end():])
    assert (hit[0] if hit else None) == kind


@pytest.mark.parametrize("line,kind", [
    # a part numbered as a step: "KROK 3 – DZIAŁANIA" (not "KROKI DO PODJĘCIA", a heading of its own)
    ("KROK 1 – ROZPOZNANIE", "threat"),
    ("KROK 3 – DZIAŁANIA", "actions"),
    ("KROK 5 – INFORMACJA", "communication"),
    ("KROKI DO PODJĘCIA (z terminami)", "actions"),
    # a bare heading's words of one or two letters do not count; a label's line does not end at its colon
    ("▸ Moje kroki i ich terminy", "actions"),
    ("Wspierają: Posterunek Policji w Łagowie", None),
    # a programme's bodies working with its coordinator; a report's who did the tasks, its year after them
    ("2. Realizatorzy wspólnie z Gminą", "partners"),
    ("1. Kto realizował zadania w 2025 roku", "partners"),
    ("Kto realizuje plan", None),
    # what troubles the residents; where the news of the plan comes from; why such a plan; the plan point by point;
    # who works with the officer
    ("I. Co dolega mieszkańcom rejonu", "threat"),
    ("IV. Skąd informacje o planie", "communication"),
    ("Dlaczego taki plan?", "threat"),
    ("Plan w punktach", "actions"),
    ("Razem z dzielnicowym pracują", "partners"),
    # the phenomena recognised; the result aimed at (not "Wskaźniki rezultatu", a programme's indicators)
    ("I. Rozpoznane zjawiska", "threat"),
    ("II. Rezultat docelowy", "goal"),
    ("2. Zamierzony rezultat", "goal"),
    ("Wskaźniki rezultatu:", None),
    ("2. Oczekiwany stan po realizacji planu", "goal"),
    ("5. W realizacji planu uczestniczyli", "partners"),
    ("Instytucje wspierające", "partners"),
    ("Przedmiot planu", "threat"),
])
def test_headings_in_a_plans_own_words(line, kind):
    from extractor.sections import _LEAD, keyword_kind, match_header

    off = _LEAD.match(line).end()
    hit = match_header(line[off:])
    assert (hit[0] if hit else keyword_kind(line, off)) == kind


def test_labels_in_the_same_bulleted_list_as_template_headings():
    """"* Co się dzieje: …" and "* Wsparcie: …" beside "* Cel:" and "* Zadania (termin – co):" are parts too."""
    text = ("Plan na półrocze.\n\n* Rejon: nr 3 (gmina Mściwojów)\n* Co się dzieje: giną paliwo i akumulatory z maszyn.\n"
            "* Cel:\n   - nie więcej niż 2 kradzieże,\n* Zadania (termin – co):\n   - 19.03 – spotkanie z rolnikami,\n"
            "* Wsparcie: Koło Łowieckie „Szarak” w Mściwojowie (informacje o pojazdach).\n")
    assert [k for k, _b in sections(text)] == ["threat", "goal", "actions", "partners"]


def test_headings_marked_with_one_bullet():
    """Three parts or more named by lines of one bullet ("▪ Kroki"), the items under them with another mark; one such
    line alone names no part."""
    text = ("Aktualności\n\nOd marca obowiązuje nowy plan działania priorytetowego.\n\n▪ Co niepokoi mieszkańców\n"
            "Ktoś niszczy wiaty przystankowe.\n\n▪ Do czego dąży dzielnicowa\nŻadna wiata nie ma zostać uszkodzona.\n\n"
            "▪ Kroki\n– w marcu: rozmowy z rodzicami;\n\n▪ Wsparcie zapewnią\nStraż Miejska w Lubinie.\n")
    assert [k for k, _b in sections(text)] == ["threat", "goal", "actions", "partners"]
    assert [k for k, _b in sections("Aktualności\n\nTekst.\n\n▪ Kroki\nCoś.\n")] == ["title", "body"]
    # (an em dash marks them as well as any bullet)
    text = ("Plan działania priorytetowego – rejon nr 2\n\n— Jakie zagrożenie rozpoznano\nNa plaży kąpią się ludzie.\n\n"
            "— Jaki efekt ma przynieść plan\nNikt nie może utonąć.\n\n— Co zrobi dzielnicowy\n1. Patrole w niedziele.\n\n"
            "— Kto współdziała\nOchotnicza Straż Pożarna w Brokach.\n")
    assert [k for k, _b in sections(text)] == ["title", "threat", "goal", "actions", "partners"]


@pytest.mark.parametrize("line,kind", [
    ("Kto się przyłączy?", "partners"),
    ("Razem z kim?", "partners"),
    ("Wspólnie z nami działają", "partners"),
    ("Zadania (wybrane).", "actions"),
    ("Z pomocą kogo", "partners"),
    ("W realizacji uczestniczyli", "partners"),
    # passive labels
    ("Założono:", "goal"),
    ("Rozpisano:", "actions"),
    ("Zaplanowano:", "actions"),
    ("Pkt 1 – Zjawisko", "threat"),
    ("2/ Założenia", "goal"),
    # an interview's questions: what the officer deals with names the threat; where to meet him names no part
    ("– Czym zajmie się Pan w tym półroczu?", "threat"),
    ("Gdzie można Pana spotkać?", None),
    ("Gdzie jest problem?", "threat"),
    # a label may name a year, a heading may end with a date ("r."), a question's heading may name a year without its
    # question mark; a table's header row and a sentence may not
    ("Podmioty realizujące program w 2025 r.:", "partners"),
    ("Pkt 2 – Gdzie chcemy być 30 czerwca 2026 r.", "goal"),
    ("Podmioty 2024 2025", None),
    ("Spotkanie odbyło się 3 marca 2026 r.", None),
])
def test_a_heading_line_in_a_plans_own_words(line, kind):
    from extractor.sections import _LEAD, keyword_kind

    assert keyword_kind(line, _LEAD.match(line).end()) == kind


def test_a_programme_report_told_by_its_own_numbered_headings():
    """A programme's report whose parts are named in its own words: who did the tasks, the problems it answers
    (its diagnosis), its goals."""
    text = ("Sprawozdanie z realizacji Programu „Bezpieczna Gmina” za rok 2025\n\n"
            "1. Kto realizował zadania w 2025 roku\nKomisariat Policji w Kłodawie oraz Ochotnicza Straż Pożarna w Kłodawie.\n\n"
            "2. Problemy, na które odpowiada program\nPicie alkoholu w parku i dzikie wysypiska.\n\n"
            "3. Cele zapisane w programie\n• ograniczenie o 20% liczby interwencji;\n")
    assert [k for k, _b in sections(text)] == ["partners", "justification", "goal"]


def test_a_table_set_out_in_columns_by_spaces():
    """A converter's table: the header, a rule of dash runs (one a column), rows opened by their number, each cell's
    lines under it; a word that runs over a column's edge goes with its column."""
    from extractor.sections import aligned_cells, aligned_table

    text = ("Zadania\n"
            "Lp.  Zadanie                     Kiedy                Z kim\n"
            "---  --------------------------  -------------------  -------------\n"
            "1.   Kontrole prędkości na       do końca I kwartału  Wydział Ruchu\n"
            "     drodze gminnej              2026 r.              Drogowego KPP\n"
            "2.   Obchód przystanku           w każdą sobotę       –\n"
            "\nKontakt: tel. 47 833 21 58\n")
    head, end, cols, rows = aligned_table(text, 0, len(text))
    assert text[head:].startswith("Lp.") and text[end:].startswith("\n\nKontakt") and cols == [0, 5, 33, 54]
    assert [aligned_cells(text[a:b].split("\n"), cols) for a, b in rows] == [
        "1. | Kontrole prędkości na drodze gminnej | do końca I kwartału 2026 r. | Wydział Ruchu Drogowego KPP",
        "2. | Obchód przystanku | w każdą sobotę | –"]
    assert aligned_table("Lp. Zadanie\n--- ---\n1. Patrole\n", 0, 30) is None   # (two runs: no columns)


def test_a_table_in_columns_with_no_rule_over_a_page_break():
    """No rule under the header: the header's cells give the columns. A row goes on over the next page's running
    header (its page line, a rule and a line the document repeats from its first page), which starts no part."""
    from extractor.sections import aligned_cells, aligned_table

    text = ("KMP w Łodzi – Komisariat Policji I w Łodzi          str. 1/2\n"
            "plan działania priorytetowego – rejon służbowy nr 5\n"
            "3) Działania\n"
            " Lp  Działanie                    Termin           Współudział\n"
            " 1   Ulotki i plakaty „Uważaj     XII 2026         MPK-Łódź\n"
            "     na kieszonkowców”\n"
            " 2   Wspólne obchody hali         od grudnia do    MOPS w Łodzi\n"
            "--------------------------------------------------------------\n"
            "KMP w Łodzi – Komisariat Policji I w Łodzi          str. 2/2\n"
            "plan działania priorytetowego – rejon służbowy nr 5\n"
            "--------------------------------------------------------------\n"
            "     z pracownikami socjalnymi    lutego\n"
            "\n4) Współpracujące podmioty\nMOPS w Łodzi.\n")
    head, end, cols, rows = aligned_table(text, 0, len(text))
    assert cols == [1, 5, 34, 51]
    assert [aligned_cells([ln for ln in text[a:b].split("\n") if "str." not in ln and "plan dz" not in ln
                           and "---" not in ln], cols) for a, b in rows] == [
        "1 | Ulotki i plakaty „Uważaj na kieszonkowców” | XII 2026 | MPK-Łódź",
        "2 | Wspólne obchody hali z pracownikami socjalnymi | od grudnia do lutego | MOPS w Łodzi"]
    assert [k for k, _b in sections(text)] == ["actions", "partners"]


def test_a_forms_labels_in_a_column_of_their_own():
    """A converter's layout of a two-column form: each label in the left column, its part beside it and under it; a
    table's header with its years beside a label is no such label."""
    text = ("PLAN DZIAŁANIA PRIORYTETOWEGO\n\n"
            " Problem w rejonie            Na ławkach przed sklepem przesiadują osoby\n"
            "                              pijące piwo.\n\n"
            " Efekt końcowy                interwencji nie więcej niż 5 w półroczu\n\n"
            " Zadania (termin)             1) rozmowa z właścicielką sklepu – do 13 lutego\n"
            "                                 2026 r.\n\n"
            " Wsparcie                     – Gminny Ośrodek Pomocy Społecznej w Dzikowcu\n\n"
            "Kategoria zagrożenia          2024   2025\n"
            "Kradzieże                        4      3\n")
    assert [k for k, _b in sections(text)] == ["title", "threat", "goal", "actions", "partners"]


def test_a_posts_dated_steps_under_its_goal_are_its_actions():
    # no heading over the steps: each opens with its term and a dash; the paragraph after them is the page's
    from extractor.pipeline import extract_text

    rec = extract_text("Komenda Powiatowa Policji w Brodnicy\nPlan dzielnicowej | gmina Zbiczno, rejon nr 2\n"
                       "📆 listopad 2025 → kwiecień 2026\n\n❗ Problem: ktoś kradnie paliwo z maszyn na polach.\n\n"
                       "🎯 Cel: kradzieży ma być o połowę mniej.\n\n✔️ listopad – znakowanie narzędzi w świetlicy\n"
                       "✔️ do 20 grudnia – kontrole wiat razem z sołtysami\n✔️ marzec – spotkanie z rolnikami\n\n"
                       "ℹ️ Co to jest plan działania priorytetowego? To odpowiedź na problem mieszkańców.\n",
                       model="blank")
    assert [s["kind"] for s in rec["sections"]][-3:] == ["goal", "actions", "other"]
    assert [a["deadline"]["end"] for a in rec["actions"]] == ["2025-11-30", "2025-12-20", "2026-03-31"]


@pytest.mark.parametrize("line", ["Co w planie?", "Co zaplanowano?", "Co się zmieni?", "Co zrobi policja?"])
def test_a_press_pages_question_opens_the_plans_steps(line):
    text = ("Imprezy w starej sali. Policja: koniec z tym\n\nMieszkańcy skarżą się na hałas w soboty.\n\n" + line + "\n"
            "■ do 20 października – rozmowa z właścicielem budynku;\n■ w listopadzie – zajęcia dla uczniów.\n")
    assert "actions" in [k for k, _b in sections(text)]


def test_a_posts_emoji_headings_in_capitals():
    text = ("Gmina Lubiewo\n\nRada Gminy przyjęła program.\n\n⚠️ CO NAS MARTWI?\n🌊 kąpiele w niestrzeżonych miejscach,\n\n"
            "🎯 CO CHCEMY OSIĄGNĄĆ?\n✅ żadnego utonięcia,\n\n🗓️ KIEDY I CO?\n📌 do 31 maja 2027 r. – tablice.\n")
    assert [k for k, _b in sections(text)][-3:] == ["threat", "goal", "actions"]


def test_a_reports_numbered_parts_beside_a_programmes_headings():
    """A programme's report: its numbered parts in its own words ("Przypomnienie celów", "Wykonawcy zadań w 2025
    roku") count beside the programme's template headings (a table's "Miernik", "Koordynator Programu")."""
    text = ("SPRAWOZDANIE\nz realizacji Programu „Bezpieczna Gmina” za rok 2025\n\n"
            "1. Przypomnienie celów\n– mniej kradzieży z włamaniem.\n\n2. Wybrane wyniki\n"
            "Miernik | 2024 | 2025\nKradzieże | 12 | 9\n\n3. Wykonawcy zadań w 2025 roku\n"
            "Komenda Powiatowa Policji w Głogowie oraz Ochotnicza Straż Pożarna w Jerzmanowej.\n\n"
            "4. Wnioski na 2026 r.\nKontynuować patrole.\n\nKoordynator Programu\nJan Nowak\n")
    kinds = [k for k, _b in sections(text)]
    assert "goal" in kinds and "partners" in kinds


def test_bulleted_headings_count_with_the_template_headings_under_the_same_mark():
    text = ("KARTA PLANU – REJON 2\n\n▪ Zjawisko\nW lasach przy granicy przenoszone są papierosy.\n\n▪ Zamierzony efekt\n"
            "– ani jednej kolizji.\n\n▪ Przedsięwzięcia\n• Wspólne patrole – co dwa tygodnie.\n\n▪ Współdziałający\n"
            "Placówka Straży Granicznej w Sejnach.\n\n▪ Jak mieszkańcy się dowiedzą\nUlotki.\n")
    assert [k for k, _b in sections(text)][-2:] == ["partners", "communication"]
