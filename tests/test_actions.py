"""Actions (deadline, recurrence) from tests/data/actions.tsv, item splitting, and the period field."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from extractor.fields import actions as actions_mod
from extractor.fields import period as period_mod
from extractor.pipeline import extract_text
from extractor.record import Document, Section, Source

DATA = Path(__file__).parent / "data" / "actions.tsv"


def _rows():
    lines = [ln for ln in DATA.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()


def _doc(text: str, period: str = "", doc_type=None, sections=None) -> Document:
    d = Document(source=Source(path="<t>", sha256="0", format="txt"), text=text)
    if period:
        a, b = period.split("/")
        d.fields["period"] = {"start": a, "end": b}
    else:
        d.fields["period"] = None
    d.fields["doc_type"] = doc_type
    d.sections = sections or []
    return d


def _terms(rec) -> list[tuple]:
    """(deadline's end, recurrence) of each action of a record."""
    return [((a["deadline"] or {}).get("end"), a["recurrence"]) for a in rec["actions"]]


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:40] for r in ROWS])
def test_action_table(row):
    text = "Proponowane działania wraz z terminami realizacji:\n" + row["text"] + "\n"
    acts = actions_mod.extract(_doc(text, row["period"]))
    assert len(acts) == 1, acts
    a = acts[0]
    assert a["text"] == row["text"].strip()
    assert text[a["start"]:a["end"]] == a["text"]
    if row["deadline_end"]:
        assert a["deadline"] is not None
        # (a term "przed …" has no start: its start column is empty)
        assert (a["deadline"]["start"] or "", a["deadline"]["end"], a["deadline"]["granularity"]) == (
            row["deadline_start"], row["deadline_end"], row["granularity"])
        assert a["deadline"]["text"] in a["text"]
    else:
        assert a["deadline"] is None
    assert a["recurrence"] == (row["recurrence"] or None)
    assert a["partners"] == [] or all(isinstance(p, str) for p in a["partners"])


PLAN = """Plan działania priorytetowego dla rejonu nr 3 na okres od 01.09.2025 r. do 28.02.2026 r.
1. Charakterystyka zdiagnozowanego zagrożenia
W okresie od 1 marca do 31 sierpnia 2025 roku policjanci interweniowali tam 12 razy.
2. Zakładany cel do osiągnięcia
Ograniczenie zjawiska o 20%.
3. Proponowane działania wraz z terminami realizacji:
· we wrześniu spotkanie z dyrekcją szkoły;
· kontrole rejonu placu zabaw - raz na dwa tygodnie;
· w styczniu podsumowanie działań.
Termin realizacji: do 31.01.2026 r.
a) stała współpraca z zarządcą
4. Podmioty współpracujące w realizacji działania priorytetowego
Zarząd osiedla - informowanie mieszkańców.
"""


def test_plan_fallback_header_and_items():
    d = _doc(PLAN)
    d.fields["period"] = period_mod.extract(d)
    assert d.fields["period"] == {"start": "2025-09-01", "end": "2026-02-28"}
    acts = actions_mod.extract(d)
    texts = [a["text"] for a in acts]
    assert texts[0] == "we wrześniu spotkanie z dyrekcją szkoły;"
    assert acts[0]["deadline"]["end"] == "2025-09-30"
    assert acts[1]["recurrence"] == "P2W" and acts[1]["deadline"] is None
    # the deadline-only line joins the action before it; the later one wins as "until"
    assert acts[2]["text"].startswith("w styczniu podsumowanie") and acts[2]["text"].endswith("31.01.2026 r.")
    assert acts[2]["deadline"]["end"] == "2026-01-31"
    assert acts[3]["text"] == "stała współpraca z zarządcą" and acts[3]["deadline"] is None
    assert len(acts) == 4  # the partners section is not part of the actions


def test_sections_are_used_when_present():
    text = "Działania:\nW lutym 2026 roku spotkanie. W marcu 2026 roku debata.\nInne:\nW kwietniu 2026 roku nic."
    body = text.index("W lutym")
    end = text.index("Inne:")
    d = _doc(text, sections=[Section("actions", "Działania:", 0, end, body)])
    acts = actions_mod.extract(d)
    assert [a["deadline"]["end"] for a in acts] == ["2026-02-28", "2026-03-31"]


def test_no_section_no_actions():
    d = _doc("Posterunek informuje, że w okresie od 1 lutego do 31 lipca 2025 r. teren będzie patrolowany.")
    assert actions_mod.extract(d) == []


@pytest.mark.parametrize("text,expected", [
    ("PLAN DZIAŁAŃ PRIORYTETOWYCH NA OKRES OD 1 MARCA 2025R. DO 31 SIERPNIA 2025R.\nTreść.", ("2025-03-01", "2025-08-31")),
    ("Gminny program bezpieczeństwa na lata 2016 - 2020\nCele.", ("2016-01-01", "2020-12-31")),
    ("Plan\nna okres od 01.10.2025 roku do 31.03.2026 roku\nRejon 5", ("2025-10-01", "2026-03-31")),
    ("Komunikat\nTeren będzie pod nadzorem w okresie od dnia 1 kwietnia 2025 roku do dnia 30 września 2025 roku.",
     ("2025-04-01", "2025-09-30")),
    ("Plan na okres od 1 stycznia do 30 czerwca 2026 roku.\nW okresie od 1 lipca do 30 listopada 2025 roku "
     "odnotowano 9 interwencji.", ("2026-01-01", "2026-06-30")),
    ("Etapy realizacji\n2017 2018 2019 2020\n1. Analizy 2/2 2/2 2/2 2/2", ("2017-01-01", "2020-12-31")),
    ("Plan A na okres od 01.08.2025 do 31.01.2026\n...\nPlan B na okres od 01.02.2025 do 31.07.2025",
     ("2025-08-01", "2026-01-31")),
    # a labelled term far below the page's head (a teaser pasted before the plan)
    ("Aktualności\n" + "Zapowiedź planu dzielnicowego, czytaj dalej. " * 20 + "\nPLAN DZIAŁANIA PRIORYTETOWEGO\n"
     "Okres realizacji planu: 1 marca – 31 sierpnia 2026 r.\n", ("2026-03-01", "2026-08-31")),
    # a start and a length, a run of quarters, a start and an end with a verb between them
    ("Plan przyjęto do realizacji z dniem 1 marca 2025 r. na okres sześciu miesięcy.\nOpis.", ("2025-03-01", "2025-08-31")),
    ("Program będzie realizowany przez trzy kolejne lata, począwszy od 2027 r.\nW latach 2022–2024 odnotowano "
     "wzrost.", ("2027-01-01", "2029-12-31")),
    ("Plan nr 2/2025\nOkres obowiązywania planu – III i IV kwartał 2025 r.\nW II kwartale 2025 r. odnotowano 5 zdarzeń.",
     ("2025-07-01", "2025-12-31")),
    ("Plany obowiązują od 1 września 2025 r. i potrwają do 28 lutego 2026 r.", ("2025-09-01", "2026-02-28")),
    # an interview's answer, a card's bare label, a council's term of office in a breadcrumb
    ("Dzielnicowy o planie\n– Jak długo będzie obowiązywał plan?\n– Od 1 lutego aż do 31 lipca 2026 roku.",
     ("2026-02-01", "2026-07-31")),
    ("Aktualności\n" + "Zapowiedź planu dzielnicowego, czytaj dalej. " * 20 + "\n🗓 Okres: marzec ➜ sierpień 2026\n",
     ("2026-03-01", "2026-08-31")),
    ("Rada Miejska › Uchwały › Kadencja 2024–2029\nProgram obejmuje pięć kolejnych lat: od 2026 do 2030 włącznie.",
     ("2026-01-01", "2030-12-31")),
    ("Aktualności\n" + "Zapowiedź programu gminy, czytaj dalej. " * 20 + "\n1. Okres realizacji: sześć lat (2026–2031).\n",
     ("2026-01-01", "2031-12-31")),
    # the start and the end told by their verbs ("wchodzi w życie …, a wygasa z dniem …")
    ("Plan wchodzi w życie 1 marca 2026 r., a wygasa z dniem 31 sierpnia 2026 r. Prowadzi go dzielnicowy.",
     ("2026-03-01", "2026-08-31")),
    # "w perspektywie 2026–2029"; a season every year ("co roku od 1 marca do 30 kwietnia") is no term
    ("Uchwała Rady Gminy\n" + "Na podstawie art. 18 ust. 2 pkt 15 ustawy o samorządzie gminnym. " * 12
     + "\nProgram ma charakter wieloletni, a jego realizacja przewidziana jest w perspektywie 2026–2029.\n"
     "Zadanie 1\nKiedy: co roku od 1 marca do 30 kwietnia\n", ("2026-01-01", "2029-12-31")),
    # a consultation's fortnight near the top is no term; "Okres programowania:" labels it
    ("OGŁOSZENIE BURMISTRZA\no konsultacjach projektu programu\nKonsultacje trwają od 10 do 24 lutego 2026 r.\n"
     "Najważniejsze założenia projektu:\nOkres programowania: 2026–2029.\n", ("2026-01-01", "2029-12-31")),
    # an archive's year in a breadcrumb is no term
    ("Biuletyn Informacji Publicznej\nStrona główna / Prawo lokalne / Uchwały Rady Miejskiej / Rok 2025\n"
     "Program realizowany będzie w okresie 01.01.2026 – 31.12.2028.", ("2026-01-01", "2028-12-31")),
    # the plan named by its acronym in the label, after the header zone
    ("Plan działania priorytetowego\n" + "Plan to narzędzie dzielnicowego, który skupia się na jednym problemie. " * 12
     + "\nCzas realizacji PDP: 01.04.2026 r. – 30.09.2026 r.\n", ("2026-04-01", "2026-09-30")),
    # a card's start and end fields named "Rozpoczęcie" and "Zakończenie"
    ("Plan dzielnicowego rejonu 2\nRozpoczęcie planu: 2 lutego 2026 r. | Zakończenie planu: 31 lipca 2026 r.\n"
     "W 2025 r. odnotowano 9 interwencji.", ("2026-02-02", "2026-07-31")),
    # the start by its verb, the end by "finał" or "upływa"; a start without its year takes the end's
    ("Plan działania priorytetowego\nPlan rusza 1 kwietnia 2026 r., a jego finał wyznaczono na 30 września 2026 r.\n",
     ("2026-04-01", "2026-09-30")),
    ("Plan działania priorytetowego\nPlan działa od 1 marca, a jego ważność upływa 31 sierpnia 2026 r.\n",
     ("2026-03-01", "2026-08-31")),
    # a length after the label's colon, then its start; a length of a half-year; a double arrow between the ends
    ("Program profilaktyki\n" + "Program obejmuje działania szkół i policji. " * 20
     + "\nOkres realizacji Programu: cztery lata, licząc od 1 stycznia 2027 r.\n", ("2027-01-01", "2030-12-31")),
    ("Plan działania priorytetowego\nCzas realizacji: półrocze liczone od 1 października 2025 r.\n",
     ("2025-10-01", "2026-03-31")),
    ("KARTA REJONU III\nRamy czasowe karty ....... 02.02.2026 >> 31.07.2026\n", ("2026-02-02", "2026-07-31")),
    # the programme's start told by "realizacja rozpocznie się", after the header zone; years listed with "w roku"
    ("Program bezpieczeństwa\n" + "Program obejmuje działania szkół i policji. " * 20
     + "\nProgram jest trzyletni – jego realizacja rozpocznie się 1 stycznia 2027 r. i potrwa do końca 2029 r.\n",
     ("2027-01-01", "2029-12-31")),
    ("Program bezpieczeństwa\nProgram jest dwuletni – obowiązuje w roku 2027 i w roku 2028.\n", ("2027-01-01", "2028-12-31")),
    # "w latach budżetowych"; a length as an adjective and the first year; a yearly season in a task is no term
    ("Uchwała w sprawie programu\n§ 1. Program obowiązuje w latach budżetowych 2027–2030.\n4. Patrole – w każdym sezonie "
     "zimowym, od listopada do marca.\n", ("2027-01-01", "2030-12-31")),
    ("Program bezpieczeństwa\n" + "Program obejmuje działania szkół i policji. " * 20
     + "\nProgram ma charakter czteroletni i będzie realizowany od 2027 r.\n", ("2027-01-01", "2030-12-31")),
    # the start "z pierwszym dniem" a month; the end first, then the start's verb before a day without its year
    ("Plan działania priorytetowego\nJego realizacja rozpocznie się z pierwszym dniem listopada i potrwa do 30 kwietnia "
     "2027 r.\n", ("2026-11-01", "2027-04-30")),
    ("Plan działania priorytetowego\nPlan potrwa do 28 lutego 2027 r., a jego realizacja ruszyła 1 września.\n",
     ("2026-09-01", "2027-02-28")),
    # the plan named between the start and its end: "Od 1 listopada realizuje nowy plan … – potrwa on do …"
    ("Rozmowa z dzielnicowym\nSt. asp. Jan Kowal od lat jest dzielnicowym. Od 1 listopada realizuje nowy plan działania "
     "priorytetowego – potrwa on do 30 kwietnia 2027 r.\n", ("2026-11-01", "2027-04-30")),
    # a form's cell wrapped over two rows (the end on the next, after the table's bars); a month "na" a task is no term
    ("PLAN DZIAŁANIA PRIORYTETOWEGO\n| 02 | Czas obowiązywania | od dnia zatwierdzenia planu (16.02.2026 r.)\n"
     "|    |                    | do 15.08.2026 r.\n| 06 | 5. Omówienie planu na  IV 2026\n", ("2026-02-16", "2026-08-15")),
    # the start and the end told by the verbs "otwieramy" and "zamykamy"
    ("PDP dz. rej. 4\nPlan otwieramy 2 marca 2026 r., zamykamy 31 sierpnia 2026 r.\n1. Cel\n– mniej pożarów traw.\n"
     "2. Zadania\nb) objazdy łąk (od 9.03 do 30.04, środami);\nc) rozmowy z sołtysami (na zebraniach wiejskich w marcu);\n",
     ("2026-03-02", "2026-08-31")),
    # the start told with "od" before its verb, the end in the next sentence: a post's prose
    ("Dzielnicowy informuje\nOd 1 marca w gminie Słopnice obowiązuje nowy plan działania priorytetowego. Plan ma pół roku "
     "ważności – kończy się 31 sierpnia 2026 r.\n", ("2026-03-01", "2026-08-31")),
    # the start, then the plan's length told by its adjective
    ("Wnyki w lasach. Dzielnicowy ma plan\nOd 1 lutego 2026 r. dzielnicowy realizuje nowy plan działania priorytetowego w "
     "rejonie nr 17. Plan zatwierdził Komendant Powiatowy Policji. To plan półroczny.\n", ("2026-02-01", "2026-07-31")),
    # ... or before it, after a label: "Czas obowiązywania planu: półroczny, start 1 sierpnia 2026 r."
    ("Plan działania priorytetowego – rejon nr 7\nCzas obowiązywania planu: półroczny, start 1 września 2026 r.\n",
     ("2026-09-01", "2027-02-28")),
    # a length beside a range with both its ends written restates it, it does not move the end
    ("Plan działania priorytetowego\nPlan będzie realizowany przez pół roku, dokładnie od 2 marca do 31 sierpnia 2026 r.\n",
     ("2026-03-02", "2026-08-31")),
    # the start "liczy się od" a day without its year; the end after "ostatni dzień przypada"
    ("Plany dzielnicowych\nPlan liczy się od pierwszego marca, a jego ostatni dzień przypada 31 sierpnia 2026 r.\n",
     ("2026-03-01", "2026-08-31")),
    # a month the plan starts with or from, its year the end's (or the year before)
    ("Komunikat sołtysa\nPlan ruszył z początkiem lutego, a zakończy się w ostatnim dniu lipca 2026 r.\n",
     ("2026-02-01", "2026-07-31")),
    ("Komunikat rady osiedla\nPlan biegnie od września, przez całą jesień i zimę, do 28 lutego 2027 r.\n",
     ("2026-09-01", "2027-02-28")),
    # an aside between the start's verb and its day
    ("Plan działania priorytetowego\nPlan startuje wraz z końcem żniw, 1 września 2026 r., i traci moc 28 lutego 2027 r.\n",
     ("2026-09-01", "2027-02-28")),
    # the start named by its noun, which the temporal finder reads with the day
    ("Quady w lesie\nDzielnicowa przygotowała plan na sezon 2026 – start 1 kwietnia, zamknięcie 30 września 2026 r.\n",
     ("2026-04-01", "2026-09-30")),
])
def test_period(text, expected):
    assert period_mod.extract(_doc(text)) == {"start": expected[0], "end": expected[1]}


def test_a_plan_told_in_prose_states_its_goal_in_a_sentence_that_is_no_action():
    from extractor.pipeline import extract_text

    rec = extract_text(
        "Od 1 marca aż po ostatni dzień sierpnia 2026 r. dzielnicowy rejonu nr 4 prowadzi plan działania priorytetowego, "
        "którego przedmiotem jest Park Kombatantów.\n\nDzielnicowy postawił sobie dwa cele, które da się sprawdzić na "
        "koniec planu: liczba zgłoszeń dotyczących parku ma zmaleć o jedną piątą w porównaniu z okresem wrzesień 2025 – "
        "luty 2026, natomiast niszczenie ławek ma ustać całkowicie.\n\nDo końca czerwca pracownicy Zakładu Gospodarki "
        "Komunalnej w Lubaniu usuną napisy z muru.\n\nOprac. asp. Joanna Kmiecik, Zespół Komunikacji Społecznej",
        model="blank")
    assert rec["period"] == {"start": "2026-03-01", "end": "2026-08-31"}
    assert {(t["direction"], t["value"]) for t in rec["targets"]} == {("decrease", 20), ("eliminate", None)}
    assert [a["deadline"]["end"] for a in rec["actions"]] == ["2026-06-30"]
    assert rec["officer"] is None   # the page's author signs the text, not the plan


def test_a_programmes_tasks_abbreviated_zad():
    from extractor.pipeline import extract_text

    rec = extract_text("Program poprawy bezpieczeństwa\nProgram przyjmuje się na trzy kolejne lata kalendarzowe: 2026, 2027 "
                       "i 2028.\n4. ZADANIA\nZad. 1. Wystąpienie do GDDKiA o znaki ostrzegawcze.\n   Wykonawca: koordynator. "
                       "Termin: do 30.09.2026.\nZad. 2. Akcje „Trzeźwy poranek”.\n   Wykonawca: Komisariat Policji. "
                       "Częstotliwość: dwukrotnie w ciągu roku, przez cały czas obowiązywania Programu.\n", model="blank")
    assert rec["period"] == {"start": "2026-01-01", "end": "2028-12-31"}
    assert [(a["deadline"] or {}).get("end") for a in rec["actions"]] == ["2026-09-30", "2028-12-31"]


def test_a_bullet_items_indented_lines_belong_to_it():
    text = ("IV. Działania\n\n▸ Ustawienie tablic ostrzegawczych na drodze wojewódzkiej nr 414\n  Odpowiada: Nadleśnictwo "
            "Prószków\n  Wspólnie z: Posterunek Policji w Prószkowie\n  Czas: do końca I półrocza 2027 r.\n\n▸ Spotkania "
            "z seniorami\n  Odpowiada: Posterunek Policji w Prószkowie\n  Czas: co sześć tygodni, przez cały czas trwania "
            "programu\n")
    from extractor.pipeline import extract_text

    acts = extract_text("Gminny Program Bezpieczeństwa na lata 2026–2028\n" + text, model="blank")["actions"]
    assert [(a["deadline"] or {}).get("end") for a in acts] == ["2027-06-30", "2028-12-31"]
    assert [a["recurrence"] for a in acts] == [None, "P6W"]


def test_a_numbered_items_lines_indented_to_its_text_belong_to_it():
    """A scan's hanging indent: the item's next lines start where its text does, after its number, even with a dash or
    a year ("4.1 … ankiet" / "    – do 30 czerwca 2026 r."); days of the week a dash before their months recur weekly."""
    text = ("PLAN DZIAŁANIA PRIORYTETOWEGO\nOkres: od 1 marca 2026 r. do 31 sierpnia 2026 r.\n\n4. Zadania\n"
            "4.1 opracowanie mapy miejsc niebezpiecznych na podstawie KMZB i ankiet\n    – do 30 czerwca 2026 r. (Referat);\n"
            "4.2 przegląd oświetlenia przejść dla pieszych w mieście – do 31 marca\n    2027 r. (Referat);\n"
            "4.3 patrole łąk z druhami OSP w weekendy – w marcu i kwietniu 2026 r.\n")
    from extractor.pipeline import extract_text

    acts = extract_text(text, model="blank")["actions"]
    assert [(a["deadline"] or {}).get("end") for a in acts] == ["2026-06-30", "2027-03-31", "2026-04-30"]
    assert [a["recurrence"] for a in acts] == [None, None, "P1W"]


def test_period_whose_start_and_end_are_told_apart():
    """The start and the end told apart in one sentence; a past range in the threat's section is no term."""
    from extractor.pipeline import extract_text

    rec = extract_text("Aktualności\nczwartek, 5 marca 2026\nOd 1 marca dzielnicowa rejonu nr 6, st. sierż. Agnieszka Pawlak, "
                       "realizuje nowy plan działania priorytetowego. Plan potrwa do końca sierpnia.\n– Czym zajmie się "
                       "Pani w tym półroczu?\n– Ciężarówkami.", model="blank")
    assert rec["period"] == {"start": "2026-03-01", "end": "2026-08-31"}
    rec = extract_text("Plan działania priorytetowego\nMój obecny plan ruszył 1 lutego i potrwa przez całe półrocze, do "
                       "końca lipca 2026 r.\nCzego dotyczy?\nOd września do grudnia 2025 r. w blokach przy ul. Przecznej "
                       "doszło do włamań.\nCo chcę osiągnąć?\nMniej włamań.", model="blank")
    assert rec["period"] == {"start": "2026-02-01", "end": "2026-07-31"}
    # the end told first, the start after it with its verb; a past year in the threat's prose is no term
    # the start after a weekday, the end in the next sentence after the plan's length and a dash
    rec = extract_text("Gmina Biała\nZamieszczono: 3 marca 2026 r.\nOd poniedziałku, 2 marca, dzielnicowy Komisariatu Policji "
                       "w Białej asp. Jan Kowal realizuje plan działania priorytetowego w rejonie służbowym nr 2. Plan będzie "
                       "obowiązywał pół roku – do ostatniego dnia sierpnia.\n", model="blank")
    assert rec["period"] == {"start": "2026-03-02", "end": "2026-08-31"}
    rec = extract_text("Aktualności\nczwartek, 5 lutego 2026\nDo 31 lipca potrwa plan działania priorytetowego, który "
                       "1 lutego 2026 r. rozpoczął dzielnicowy rejonu nr 1.\nOd wiosny ubiegłego roku skatepark stał się "
                       "miejscem spotkań nastolatków.", model="blank")
    assert rec["period"] == {"start": "2026-02-01", "end": "2026-07-31"}


def test_period_whose_start_and_end_are_cued_by_their_own_words():
    """The start by its verb before the day, the end by its own phrase before the other."""
    from extractor.pipeline import extract_text

    rec = extract_text("Plan działania priorytetowego dzielnicowego rejonu nr 4\nPlan jest półroczny: startuje 1 marca 2026 r., a ostatnim dniem jego realizacji "
                       "będzie 31 sierpnia.\nZagrożenie: kierowcy parkują na chodniku.", model="blank")
    assert rec["period"] == {"start": "2026-03-01", "end": "2026-08-31"}
    rec = extract_text("Uchwała w sprawie programu\n§ 2. Program stosuje się od 1 stycznia 2026 r.; traci on moc z dniem "
                       "31 grudnia 2029 r.\n§ 3. Wykonanie uchwały powierza się Wójtowi.", model="blank")
    assert rec["period"] == {"start": "2026-01-01", "end": "2029-12-31"}
    rec = extract_text("PLAN DZIAŁANIA PRIORYTETOWEGO\nStart planu: 01.V.2026 | koniec: 31.X.2026\nZagrożenie: "
                       "kąpiel w żwirowni.", model="blank")
    assert rec["period"] == {"start": "2026-05-01", "end": "2026-10-31"}
    rec = extract_text("KARTA PLANU DZIAŁANIA PRIORYTETOWEGO\nKarta zamieszczona 06.02.2026\nKarta ważna od 1 lutego 2026 r.; "
                       "zamknięcie karty – 31 lipca 2026 r.\nZagrożenie: quady w lesie od marca do czerwca.", model="blank")
    assert rec["period"] == {"start": "2026-02-01", "end": "2026-07-31"}


def test_period_told_end_first_or_by_its_last_day_or_length():
    from extractor.pipeline import extract_text

    cases = [
        ("Plan działania priorytetowego, rejon 3\nTermin realizacji upływa 31 sierpnia 2026 r.; plan rozpoczęto "
         "2 marca 2026 r.\nZagrożenie: kradzieże paliwa.", ("2026-03-02", "2026-08-31")),
        ("PLAN DZIAŁANIA PRIORYTETOWEGO\nOkres: sześć miesięcy – od 1 lutego 2026 r. (ostatni dzień: 31 lipca)\n"
         "Zagrożenie: hałas w nocy.", ("2026-02-01", "2026-07-31")),
        ("Plan dzielnicowego\nPlan zaczął obowiązywać 1 października 2025 r. i będzie realizowany przez kolejne sześć "
         "miesięcy.\nZagrożenie: spożywanie alkoholu.", ("2025-10-01", "2026-03-31")),
        ("Rejon nr 7\nPlan obejmuje pierwsze sześć miesięcy 2026 r.\nZagrożenie: nietrzeźwi rowerzyści.",
         ("2026-01-01", "2026-06-30")),
        ("Program bezpieczeństwa gminy\nProgram zacznie działać z początkiem 2026 r. i obejmie cztery kolejne lata "
         "kalendarzowe, do 2029 r. włącznie.\n", ("2026-01-01", "2029-12-31")),
        ("Plan dzielnicowego, rejon 31\nPlan ruszył 1 marca 2026 r.; zamykam go 31 sierpnia.\nZagrożenie: wypalanie traw.",
         ("2026-03-01", "2026-08-31")),
        ("Program bezpieczeństwa gminy\nProgram wygasa z końcem 2029 r.; pierwsze zadania ruszają w styczniu 2026 r.\n",
         ("2026-01-01", "2029-12-31")),
        ("Plan działania priorytetowego – rejon V\nTegoroczny plan jest kontynuacją działań z 2025 r.\n\nObejmuje: "
         "maj–październik 2026 (sześć miesięcy sezonu)\n\n§ 1. Opis zjawiska\nAwantury na plaży.", ("2026-05-01", "2026-10-31")),
        # a term counted from the approval's stamp: six months less a day
        ("Rejon nr 7\n\t\tZATWIERDZAM\n\t\tKomendant Powiatowy Policji\n\t\tWyszków, dn. 16.09.2016 r.\n\n"
         "PLAN DZIAŁANIA PRIORYTETOWEGO\n4. Okres obowiązywania: na okres 6 miesięcy od dnia zatwierdzenia\n"
         "6. Opis zagrożenia: włamania do domków.", ("2016-09-16", "2017-03-15")),
        # (the months in words, "licząc od daty jego zatwierdzenia", the stamp's month in Roman numerals)
        ("\t\tZatwierdzam\n\t\tKomendant Powiatowy Policji\n\t\t12.II.2018\n\nPLAN DZIAŁANIA PRIORYTETOWEGO\n"
         "Obowiązywanie planu: plan realizowany jest przez sześć miesięcy, licząc od daty jego zatwierdzenia.\n"
         "1. Charakterystyka zagrożenia\nParkowanie na chodniku.", ("2018-02-12", "2018-08-11")),
        # a range in brackets after a longer label (not the winter months of the actions)
        ("PLAN DZIAŁANIA PRIORYTETOWEGO\n     Okres: sezon jesienno-zimowy 2026/2027 (XI 2026 – IV 2027)\n"
         "1) Rozpoznanie\nKradzieże kieszonkowe.\n3) Działania\n- obchody od grudnia do lutego;\n",
         ("2026-11-01", "2027-04-30")),
        # a report's period after "za okres", not a year its figures compare with
        ("SPRAWOZDANIE\nz działalności Komisji Bezpieczeństwa Rady Gminy\nza okres od 1 stycznia do 31 grudnia 2019 r.\n\n"
         "Informacja o stanie bezpieczeństwa w 2018 r.\n", ("2019-01-01", "2019-12-31")),
        # a length in words before "na … lata" (not the year of the council's session before it)
        ("Podczas ostatniej sesji w 2025 roku rada przyjęła program. Program zaplanowano na trzy lata – od stycznia "
         "2026 r. do grudnia 2028 r.\n", ("2026-01-01", "2028-12-31")),
    ]
    for text, (start, end) in cases:
        assert extract_text(text, model="blank")["period"] == {"start": start, "end": end}, text


def test_a_programmes_term_after_a_statute_citation_and_a_length():
    from extractor.pipeline import extract_text

    rec = extract_text("UCHWAŁA NR XXII/187/2026\nNa podstawie art. 18 ust. 2 pkt 15 ustawy o samorządzie gminnym (t.j. "
                       "Dz. U. z 2025 r. poz. 1153) Rada Gminy uchwala, co następuje:\n§ 1. Przyjmuje się Program.\n\n"
                       "1. Program realizowany jest w okresie 1.01.2026 – 31.12.2029.\n", model="blank")
    assert rec["period"] == {"start": "2026-01-01", "end": "2029-12-31"}
    rec = extract_text("Program bezpieczeństwa gminy\nRamy czasowe: pięć lat, tj. 2026–2030.\nDiagnoza\nW latach "
                       "2022–2024 nie było ofiar.\n", model="blank")
    assert rec["period"] == {"start": "2026-01-01", "end": "2030-12-31"}


def test_a_reports_plan_term_in_the_past_tense():
    from extractor.pipeline import extract_text

    rec = extract_text("Komisariat Policji\nInformacja o efektach planu działania priorytetowego – rejon nr 3\n\nPlan realizowany "
                       "był od 1 września 2025 r. do 28 lutego 2026 r. Jego przedmiotem były kradzieże paliwa.\n", model="blank")
    assert rec["period"] == {"start": "2025-09-01", "end": "2026-02-28"}


def test_a_programmes_title_years_give_way_to_its_term_told_to_the_day():
    from extractor.pipeline import extract_text

    rec = extract_text("Gmina Brzeźnica\nProgram „Spokojna Gmina 2027–2031”\nRada przyjęła nowy dokument; wejdzie on w życie "
                       "i będzie stosowany od 1 marca 2027 r. do końca 2031 r.\nCele\n– mniej kradzieży.", model="blank")
    assert rec["period"] == {"start": "2027-03-01", "end": "2031-12-31"}
    # a range of other years is no closer telling of the title's term
    rec = extract_text("Gmina Brzeźnica\nProgram „Spokojna Gmina 2027–2031”\nPoprzedni program trwał od 1 marca 2022 r. "
                       "do końca 2026 r.\nCele\n– mniej kradzieży.", model="blank")
    assert rec["period"] == {"start": "2027-01-01", "end": "2031-12-31"}


def test_a_plans_term_in_the_current_year_beats_a_year_its_diagnosis_names():
    from extractor.pipeline import extract_text

    rec = extract_text("Komisariat Policji\nOdolanów, 26 lutego 2026 r.\nPlan działania priorytetowego dla rejonu "
                       "służbowego nr 6\nCzas realizacji: od marca do sierpnia b.r.\n\nI. Diagnoza\nPiesi przechodzą "
                       "przez tory. W 2025 r. maszyniści dwukrotnie zgłaszali nagłe hamowanie.\n\nII. Cel\n1) "
                       "wyeliminowanie przechodzenia przez tory;", model="blank")
    assert rec["period"] == {"start": "2026-03-01", "end": "2026-08-31"}


def test_a_range_across_the_new_year_dated_by_the_document_starts_near_its_date():
    """A bulletin's issue month near the top is no term; "od października do marca" in a plan announced in October
    runs into the next year."""
    from extractor.pipeline import extract_text

    rec = extract_text("BIULETYN INFORMACYJNY MIASTA RADYMNA\nnr 10 (187) · październik 2026\nOddano do druku: 2 października "
                       "2026 r.\nKomisariat Policji przyjął plan działania priorytetowego na sezon jesienno-zimowy 2026/2027, "
                       "czyli na miesiące od października do marca.\nCel planu\n– żadnego przypadku wychłodzenia.",
                       model="blank")
    assert rec["period"] == {"start": "2026-10-01", "end": "2027-03-31"}


def test_period_in_the_current_year_is_dated_by_the_document():
    doc = _doc("Plan działania priorytetowego\nPlan obowiązuje od 1 marca br. do 31 sierpnia br.\nOpis zagrożenia.")
    doc.fields["date"] = "2026-02-20"
    assert period_mod.extract(doc) == {"start": "2026-03-01", "end": "2026-08-31"}
    doc.fields["date"] = None
    assert period_mod.extract(doc) is None


def test_a_posts_period_after_its_question_jak_dlugo():
    # a post's question labels the range, though its line stands in the threat part ("Gdzie?" opens it)
    rec = extract_text("Dzielnicowy informuje\nNowy plan działania priorytetowego w gminie.\n📌 Gdzie? Osiedle Leśne\n"
                       "📌 Jak długo? Od pierwszego mroźnego miesiąca do ostatniego: listopad 2026 – luty 2027\n\nNa co "
                       "skarżą się mieszkańcy? Na dym z kominów.\n\n🎯 Co chcemy osiągnąć? Skarg ma być o połowę mniej.\n\n"
                       "🛠️ Plan krok po kroku:\n1. listopad – ulotki\n", model="blank")
    assert rec["period"] == {"start": "2026-11-01", "end": "2027-02-28"}


def test_period_none():
    assert period_mod.extract(_doc("Zadanie 1 „Stop pożarom traw”\nKiedy: co roku od 1 marca do 30 kwietnia 2026 r.\n")) is None
    assert period_mod.extract(_doc("W okresie od 1 lipca do 4 grudnia 2025 roku podejmowano 16 interwencji.")) is None
    assert period_mod.extract(_doc("Debata odbyła się 12 maja 2025 roku.")) is None
    news = _doc("Policja przedstawiła plan na okres od 01.02.2025 r. do 31.07.2025 r.", doc_type="news")
    assert period_mod.extract(news) is None


def test_items_run_on_in_one_paragraph_are_split_at_semicolons():
    text = ("Proponowane działania: do końca października spotkanie z sołtysem i przekazanie ulotek; "
            "w listopadzie i grudniu patrole w rejonie świetlicy, co najmniej raz w tygodniu; "
            "do 31 stycznia 2026 r. podsumowanie.\nPodmioty współpracujące: Urząd Gminy.")
    body, end = text.index("do końca"), text.index("\nPodmioty")
    acts = actions_mod.extract(_doc(text, "2025-09-01/2026-02-28",
                                    sections=[Section("actions", "Proponowane działania:", 0, end, body)]))
    assert [a["deadline"]["end"] for a in acts] == ["2025-10-31", "2025-12-31", "2026-01-31"]
    assert [a["recurrence"] for a in acts] == [None, "P1W", None]


def test_action_list_stops_at_plan_period_and_next_district():
    text = ("Rejon nr 1 – asp. Jan Nowak\nDziałania: w marcu 2026 r. kontrole; do 30 kwietnia 2026 r. debata.\n"
            "Okres realizacji: 01.02.2026 – 31.07.2026.\n\nRejon nr 2 – sierż. Anna Kowal\n"
            "Charakterystyka zagrożenia: hałas.\n")
    body = text.index("w marcu")
    d = _doc(text, "2026-02-01/2026-07-31", sections=[Section("actions", "Działania:", body - 11, len(text), body)])
    acts = actions_mod.extract(d)
    assert [a["deadline"]["end"] for a in acts] == ["2026-03-31", "2026-04-30"]


def test_numbered_task_blocks_with_labelled_lines_are_one_action_each():
    # "Zadanie nr N:" opens an item (its word is its mark); the "‣ realizacja:" / "‣ wspólnie z:" lines under it
    # are its term and partners, however long the last of them is
    text = ("Plan działania priorytetowego na okres od 1 marca do 31 sierpnia 2026 r.\nZadania\n"
            "Zadanie nr 1: spotkania z seniorami w świetlicy – jak rozpoznać oszusta\n"
            "  ‣ realizacja: marzec–kwiecień\n"
            "  ‣ wspólnie z: Miejsko-Gminnym Ośrodkiem Pomocy Społecznej w Sompolnie\n"
            "Zadanie nr 2: ulotki wyłożone w kruchcie kościoła\n"
            "  ‣ realizacja: do 15 maja\n"
            "  ‣ wspólnie z: Parafią Rzymskokatolicką pw. św. Anny w Sompolnie\n")
    acts = _extracted(text)["actions"]
    assert [a["text"][:14] for a in acts] == ["Zadanie nr 1: ", "Zadanie nr 2: "]
    assert [a["deadline"]["end"] for a in acts] == ["2026-04-30", "2026-05-15"]


def test_wrapped_bullet_line_joins_its_item():
    text = ("Proponowane działania\n"
            "- do 30 kwietnia 2026 r. – spotkanie z przedstawicielami Spółdzielni Mieszkaniowej\n"
            "Zielone Wzgórze w sprawie oświetlenia;\n"
            "- raz w miesiącu – patrol pieszy.\n")
    acts = actions_mod.extract(_doc(text, "2026-02-01/2026-07-31"))
    assert len(acts) == 2
    assert acts[0]["text"].endswith("w sprawie oświetlenia;")


def test_a_row_of_a_table_drawn_with_bars_wrapped_over_lines_is_one_action():
    from extractor.pipeline import extract_text

    rec = extract_text("Plan działania priorytetowego na okres od 1 września 2025 r. do 28 lutego 2026 r.\nDziałania\n"
                       "| Lp. | Działanie                             | Termin                 | Partner       |\n"
                       "|----|----------------------------------------|------------------------|---------------|\n"
                       "| 1  | Nocne kontrole parkingu wspólnie z     | w co drugim tygodniu,  | Straż Gminna  |\n"
                       "|    | patrolem Straży Gminnej                | aż do końca lutego     | w Nadarzynie  |\n"
                       "| 2  | Ulotki dla kierowców zawodowych        | do 19 grudnia 2025 r.  | –             |\n",
                       model="blank")
    assert _terms(rec) == [
        ("2026-02-28", "P2W"), ("2025-12-19", None)]


def test_a_term_wrapped_over_the_lines_of_its_cell_is_read_whole():
    """A grid's cell wraps a term over lines: "do końca" / "I kwartału" / "2026 r." is the end of the first quarter, not of
    the year; "w każdy weekend lipca" / "i sierpnia" ends with August."""
    from extractor.pipeline import extract_text

    rec = extract_text("Plan działania priorytetowego na I półrocze 2026 r.\nDziałania\n"
                       "+-----+--------------------------------+-------------------+\n"
                       "| 1.  | Ustalenie tożsamości osób      | do końca          |\n"
                       "|     | przesiadujących na przystanku  | I kwartału        |\n"
                       "|     |                                | 2026 r.           |\n"
                       "+-----+--------------------------------+-------------------+\n"
                       "| 2.  | Patrole nad wyrobiskiem        | w każdy weekend   |\n"
                       "|     | po południu                    | lipca i sierpnia  |\n"
                       "+-----+--------------------------------+-------------------+\n", model="blank")
    assert _terms(rec) == [
        ("2026-03-31", None), ("2026-08-31", "P1W")]


def test_the_rows_of_a_table_set_out_in_columns_by_spaces_are_the_actions():
    """Each numbered row one action, its term and partners read from their columns over the row's lines; the header
    no action."""
    from extractor.pipeline import extract_text

    rec = extract_text("Plan działania priorytetowego na okres od 1 lutego do 31 lipca 2026 r.\n\nIII. Zadania\n"
                       "Lp.  Zadanie                     Kiedy                     Z kim\n"
                       "---  --------------------------  ------------------------  -----------------\n"
                       "1.   Kontrole prędkości na       do końca I kwartału       Wydział Ruchu\n"
                       "     drodze gminnej              2026 r.                   Drogowego KPP\n"
                       "                                                           w Kole\n"
                       "2.   Wieczorny obchód drogi      luty – kwiecień 2026 r.,  Urząd Gminy\n"
                       "     Kłodawa – Bierzwienna       raz w tygodniu            Kłodawa, OSP\n"
                       "                                                           w Bierzwiennej\n"
                       "3.   Sprawdzanie przystanku      w każdą sobotę,           –\n"
                       "                                 do zakończenia planu\n", model="blank")
    assert [((a["deadline"] or {}).get("end"), a["recurrence"], a["partners"]) for a in rec["actions"]] == [
        ("2026-03-31", None, ["Wydział Ruchu Drogowego Komendy Powiatowej Policji w Kole"]),
        ("2026-04-30", "P1W", ["Urząd Gminy Kłodawa", "Ochotnicza Straż Pożarna w Bierzwiennej"]),
        ("2026-07-31", "P1W", [])]
    assert [p["name"] for p in rec["partners"]] == ["Wydział Ruchu Drogowego Komendy Powiatowej Policji w Kole",
                                                    "Urząd Gminy Kłodawa", "Ochotnicza Straż Pożarna w Bierzwiennej"]


def test_a_row_with_bars_hard_wrapped_at_a_pdfs_margin_is_one_action():
    """A row opened by its number and a bar, its next lines indented (a converted PDF's margin), a rule between pages;
    a month alone in a cell is its term."""
    from extractor.pipeline import extract_text

    rec = extract_text("Plan działania priorytetowego na okres od 1 maja do 31 października 2026 r.\n3. Harmonogram działań\n\n"
                       "Lp. | Działanie | Termin | Z kim\n"
                       "1 | Uzgodnienie z kustoszem sanktuarium parkingu zastępczego na łące\n"
                       "    przy ul. Pola i oznakowania dojazdu | do 15 maja 2026 r. | Parafia\n"
                       "    pw. Matki Bożej Saletyńskiej w Dębowcu\n"
                       "2 | Akcja „Odblaskowy pielgrzym” – rozdawanie kamizelek na drodze\n\n"
                       "--------------------------------------------------------------------------------\n\n"
                       "    nr 1862R | sierpień | Urząd Gminy Dębowiec\n", model="blank")
    assert _terms(rec) == [
        ("2026-05-15", None), ("2026-08-31", None)]


def test_two_actions_of_one_sentence_joined_by_a_each_with_its_term():
    text = ("Działania\nDo 31 marca dzielnicowy wystąpi do zarządcy drogi o oznakowanie, a od maja do sierpnia, w każdą "
            "niedzielę, będzie prowadził kontrole razem z policjantami ruchu drogowego.\n")
    acts = actions_mod.extract(_doc(text, "2026-03-01/2026-08-31", sections=[
        Section("actions", "Działania", 0, len(text), len("Działania\n"))]))
    assert [((a["deadline"] or {}).get("end"), a["recurrence"]) for a in acts] == [
        ("2026-03-31", None), ("2026-08-31", "P1W")]


def test_rows_of_a_table_in_lower_case_are_actions_of_their_own():
    from extractor.pipeline import extract_text

    rec = extract_text("Program poprawy bezpieczeństwa na lata 2026–2030\n\nCele na lata 2026–2030\n1. Mniej włamań.\n\n"
                       "Najważniejsze zadania\nZadanie                     | kto       | kiedy\n"
                       "kamery przy dworcu          | SM        | do końca III kwartału 2026 r.\n"
                       "patrole piesze SM i Policji | SM, KMP   | co drugi dzień\n"
                       "przegląd oświetlenia        | MZUiM     | do końca czerwca 2027 r.\n", model="blank")
    assert "goal" in [s["kind"] for s in rec["sections"]]
    assert [(a["deadline"] or {}).get("end") for a in rec["actions"]] == ["2026-09-30", None, "2027-06-30"]
    assert rec["actions"][1]["recurrence"] == "P2D"


def test_rows_set_apart_by_triangles_or_arrows_are_actions_of_their_own():
    from extractor.pipeline import extract_text

    text = ("Plan działania priorytetowego na okres od 1 marca do 31 sierpnia 2026 r.\n\nCel\nMniej kolizji.\n\n"
            "DZIAŁANIE ▸ TERMIN ▸ Z KIM\n"
            "a. pismo do zarządu drogi o znaki ostrzegawcze na łuku drogi przy lesie ▸ 20 marca ▸ —\n"
            "b. pogadanka dla uczniów klas młodszych o bezpiecznej drodze do szkoły ▸ maj ▸ Szkoła Podstawowa\n"
            "c. przegląd zgłoszeń z mapy zagrożeń ▸ po każdym kwartale ▸ —\n")
    acts = extract_text(text, model="blank")["actions"]
    assert [(a["deadline"] or {}).get("end") for a in acts] == ["2026-03-20", "2026-05-31", None]
    assert acts[2]["recurrence"] == "P3M"
    text = ("Plan działania priorytetowego na okres od 1 marca do 31 sierpnia 2026 r.\n\nCel\nMniej kolizji.\n\n"
            "Harmonogram\nkwiecień → spotkanie z myśliwymi\nlipiec → ocena, czy odstraszacze działają\n")
    acts = extract_text(text, model="blank")["actions"]
    assert [(a["deadline"] or {}).get("end") for a in acts] == ["2026-04-30", "2026-07-31"]


def test_term_first_lines_in_lower_case_are_items_of_their_own():
    from extractor.pipeline import extract_text

    text = ("Plan działania priorytetowego na okres od 1 maja do 31 października 2026 r.\n\nCel\nŻadnego utonięcia.\n\n"
            "▪ Harmonogram (termin – zadanie – kto pomaga)\n"
            "do 15.05 – tablice przy zejściach do rzeki – Urząd Gminy\n"
            "czerwiec – pogadanka w szkole\n"
            "przez cały okres planu, w każdy poniedziałek – sprzątanie brzegu po weekendzie\n")
    acts = extract_text(text, model="blank")["actions"]
    assert [(a["deadline"] or {}).get("end") for a in acts] == ["2026-05-15", "2026-06-30", "2026-10-31"]
    assert acts[2]["recurrence"] == "P1W"


def test_period_from_half_year_in_title():
    d = _doc("Plany działań priorytetowych dzielnicowych Posterunku Policji w Rykach – II półrocze 2025\n\nRejon nr 1")
    assert period_mod.extract(d) == {"start": "2025-07-01", "end": "2025-12-31"}


def test_a_plans_own_term_beats_the_year_of_its_title():
    text = ("Plany działań priorytetowych dzielnicowych na 2024 rok\nKomisariat informuje, że od 1 marca do 31 sierpnia "
            "2024 r. dzielnicowi realizować będą plany.\nRejon nr 2")
    assert period_mod.extract(_doc(text, doc_type="priority_plan")) == {"start": "2024-03-01", "end": "2024-08-31"}
    # a strategy for one year keeps its year; so does a plan whose other ranges are short actions
    assert period_mod.extract(_doc(text, doc_type="strategy")) == {"start": "2024-01-01", "end": "2024-12-31"}
    short = "Plan działania priorytetowego na 2024 rok\nod 1 do 14 marca 2024 r. patrole."
    assert period_mod.extract(_doc(short, doc_type="priority_plan")) == {"start": "2024-01-01", "end": "2024-12-31"}


def _extracted(text: str):
    from extractor.pipeline import extract_text

    return extract_text(text)


KEYED_TERMS = """Plan działania priorytetowego
Okres obowiązywania: od 01.03.2023 r. do 31.08.2023 r.
Opis zagrożenia:
Na skwerze przy ul. Lipowej w Opatowie dochodzi do spożywania alkoholu.
Planowane działania:
1. Patrole rejonu skweru.
2. Rozmowy z zarządcą terenu.
3. Spotkanie z mieszkańcami.
Termin realizacji:
ad 1. – raz w tygodniu
ad 2. – do 30.04.2023 r.
ad 3. – czerwiec 2023 r.
"""


def test_a_term_block_keyed_ad_n_gives_each_term():
    """A "Termin realizacji" block of its own, keyed "ad 1." to the numbered actions: every term is read,
    a bare "ad 2. – do 30.04.2023 r." too (it has no word of three letters, and is still an action's term)."""
    rec = _extracted(KEYED_TERMS)
    assert [s["kind"] for s in rec["sections"]] == ["title", "threat", "actions", "actions"]
    terms = [(a["text"], (a["deadline"] or {}).get("end"), a["recurrence"]) for a in rec["actions"][3:]]
    assert terms == [("– raz w tygodniu", None, "P1W"), ("– do 30.04.2023 r.", "2023-04-30", None),
                     ("– czerwiec 2023 r.", "2023-06-30", None)]


def test_a_term_label_inside_an_action_list_stays_with_its_action():
    """"Termin realizacji: ..." with its term on the line is an action's label, not a block of its own."""
    text = KEYED_TERMS.split("Termin realizacji:")[0].replace("2. Rozmowy z zarządcą terenu.",
                                                            "2. Rozmowy z zarządcą terenu.\nTermin realizacji: do 30.04.2023 r.")
    rec = _extracted(text)
    assert [s["kind"] for s in rec["sections"]] == ["title", "threat", "actions"]
    assert rec["actions"][1]["deadline"]["end"] == "2023-04-30"
    assert rec["actions"][1]["text"].startswith("Rozmowy z zarządcą")


def _first_lines_and_terms(rec) -> list[tuple]:
    """(first line, deadline's end, recurrence) of each action."""
    return [(a["text"].split("\n")[0], (a["deadline"] or {}).get("end"), a["recurrence"]) for a in rec["actions"]]


TASK_BLOCKS = """Gminny program zapobiegania przestępczości na lata 2024–2027
Cele szczegółowe:
1. Ograniczenie liczby kradzieży.
Zadania
Zadanie 1. Wspólne patrole w parku miejskim.
Realizator: Komisariat Policji w Zwoleniu
Partnerzy: Straż Miejska w Zwoleniu
Termin: 2024–2025

Zadanie 2. Kontrole sklepów sprzedających alkohol.
Realizator: Gminna Komisja Rozwiązywania Problemów Alkoholowych w Zwoleniu
Termin: raz na kwartał

Zadanie 3. Ankieta wśród mieszkańców.
Realizator: Urząd Miejski w Zwoleniu
Partnerzy:
- szkoły podstawowe
- Miejski Ośrodek Pomocy Społecznej w Zwoleniu
Termin: do 30 czerwca 2026 r.

Burmistrz Zwolenia
Jan Nowak
"""


def test_task_blocks_of_a_strategy_are_tasks_with_their_terms():
    """A strategy's task blocks (task, "Realizator:", "Partnerzy:", "Termin:"): each task is an action up to its
    term line; the labels' lines and lists are no tasks, nor is the signature after the last block."""
    rec = _extracted(TASK_BLOCKS)
    got = _first_lines_and_terms(rec)
    assert got == [("Zadanie 1. Wspólne patrole w parku miejskim.", "2025-12-31", None),
                   ("Zadanie 2. Kontrole sklepów sprzedających alkohol.", None, "P3M"),
                   ("Zadanie 3. Ankieta wśród mieszkańców.", "2026-06-30", None)]
    assert rec["actions"][0]["text"].endswith("Termin: 2024–2025")
    assert "Straż Miejska w Zwoleniu" in rec["actions"][0]["partners"]


def test_a_term_on_a_task_blocks_label_line_is_the_tasks_term():
    text = ("Powiatowy program bezpieczeństwa na lata 2022–2025\nZadania, realizatorzy i terminy\n"
            "Zadanie 1. Grupy korekcyjno-edukacyjne.\n"
            "Realizator: Powiatowe Centrum Pomocy Rodzinie w Rykach; współpraca: Sąd Rejonowy w Rykach. "
            "Termin: do 31 grudnia 2023 r.\n"
            "Zadanie 2. Działania „Trzeźwy kierujący”.\nRealizator: KPP w Rykach. Termin: raz na kwartał.\n")
    rec = _extracted(text)
    got = _first_lines_and_terms(rec)
    assert got == [("Zadanie 1. Grupy korekcyjno-edukacyjne.", "2023-12-31", None),
                   ("Zadanie 2. Działania „Trzeźwy kierujący”.", None, "P3M")]


def test_a_list_announced_in_prose_is_the_actions_up_to_its_paragraphs_end():
    text = ("Dzielnicowy z Kolna przedstawił plan działania priorytetowego na okres od 1 lutego do 31 lipca 2025 r.\n\n"
            "Na parkingu przy ul. Łąkowej kierowcy urządzają nocne wyścigi.\n\n"
            "W ramach planu policjant zaplanował m.in.:\n"
            "• do 15 marca – pismo do zarządcy parkingu,\n• co drugi tydzień – patrole po zmroku.\n\n"
            "Dzielnicowy przyjmuje interesantów w każdy wtorek w godz. 15:00–17:00.\n")
    rec = _extracted(text)
    assert _terms(rec) == \
        [("2025-03-15", None), (None, "P2W")]


def test_a_list_announced_at_the_end_of_a_paragraph_is_the_actions():
    text = ("Od 1 marca do 31 sierpnia 2026 r. dzielnicowa z Łomianek realizuje plan działania priorytetowego.\n\n"
            "Kierowcy parkują na chodniku przy szkole. Dzielnicowa chce, by liczba zgłoszeń zmalała. "
            "W planie zapisano m.in.:\n"
            "• spotkanie z rodzicami – do końca marca;\n• kontrole prędkości – w kwietniu i maju 2026 r.\n\n"
            "Dzielnicowa pełni dyżur w każdy pierwszy poniedziałek miesiąca.\n")
    rec = _extracted(text)
    assert _terms(rec) == \
        [("2026-03-31", None), ("2026-05-31", None)]


def test_terms_without_a_year_take_it_from_the_page_date_when_no_period_is_stated():
    """No plan period: the page's date gives the year, and a month behind it by half a year or more is the
    next year's ("do końca stycznia" of a plan published in November)."""
    text = ("Posterunek Policji w Koninie\nData publikacji: 24.11.2025\n\nPlan działania priorytetowego dzielnicowego "
            "rejonu nr 3 na sezon zimowy.\n\nZAGROŻENIE:\nKradzieże opału z przydomowych składów.\n\n"
            "DZIAŁANIA:\n1. Spotkanie z sołtysami – do 19 grudnia.\n2. Patrole w rejonie składów – do końca "
            "stycznia.\n3. Ulotki dla mieszkańców – do końca lutego.\n")
    rec = _extracted(text)
    assert rec["period"] is None
    assert [(a["deadline"] or {}).get("end") for a in rec["actions"]] == ["2025-12-19", "2026-01-31", "2026-02-28"]


def test_a_bulleted_list_ends_before_the_pages_prose_after_it():
    text = ("Plan działania priorytetowego na okres od 1 maja do 30 września 2026 r.\n\n"
            "Plan krok po kroku:\n• do 4 czerwca – ustawienie tablic przy zejściach do wody;\n"
            "• w każdą sobotę lipca i sierpnia – wspólne patrole brzegu z ratownikami.\n\n"
            "Wójt Gminy zachęca wypoczywających do korzystania ze strzeżonych kąpielisk do 30 września.\n\n"
            "Dzielnicowy przyjmuje interesantów w każdy wtorek od 15.00 do 16.00.\n")
    rec = _extracted(text)
    assert _terms(rec) == \
        [("2026-06-04", None), ("2026-08-31", "P1W")]   # (every Saturday of July and August: until August's end)


def test_a_bip_pages_record_after_the_actions_is_no_action():
    text = ("Program bezpieczeństwa na lata 2026–2028\n\nWybrane zadania.\n1. Oznakowanie miejsc niebezpiecznych – do "
            "31 maja 2026 r.\n2. Rozbudowa monitoringu – do końca 2027 r.\nZałączniki: uchwala.pdf (386 KB)\n"
            "Data wytworzenia:\t17.12.2025\nData publikacji:\t23.12.2025 12:40\n")
    rec = _extracted(text)
    assert [(a["deadline"] or {}).get("end") for a in rec["actions"]] == ["2026-05-31", "2027-12-31"]


def test_a_schedule_under_year_headings_dates_its_items_by_them():
    text = ("Program bezpieczeństwa na lata 2026–2029\n\nNajważniejsze problemy\nKradzieże maszyn rolniczych.\n\n"
            "Cele szczegółowe\n1. Mniej kradzieży maszyn.\n\nHarmonogram zadań\n\nRok 2026\n• I kwartał – aktualizacja "
            "mapy miejsc niebezpiecznych;\n• do końca czerwca – znakowanie maszyn.\n\nRok 2027\n• do 31 maja – montaż "
            "wyświetlaczy prędkości;\n• II półrocze – fotopułapki w lesie.\n\nLata 2028–2029\n• IV kwartał 2029 – "
            "ocena efektów programu.\n")
    rec = _extracted(text)
    assert [(a["deadline"] or {}).get("end") for a in rec["actions"]] == \
        ["2026-03-31", "2026-06-30", "2027-05-31", "2027-12-31", "2029-12-31"]


def test_task_blocks_with_goal_and_description_labels_lettered_and_with_line_markers():
    """A task's own "Cel:"/"Opis:" labels go on its block; tasks lettered a)–c) and "|n|"-marked lines are read;
    a term repeated each year gives its rhythm and no deadline."""
    text = ("Powiatowy program bezpieczeństwa na lata 2025–2027\n3. Plan działań\n"
            "a) Patrole nad rzeką.\nRealizator: KPP w Wałczu. Partnerzy: WOPR w Wałczu.\n"
            "Termin: corocznie w okresie od czerwca do sierpnia.\nCel: utrzymanie zerowej liczby utonięć.\n\n"
            "b) Montaż odstraszaczy.\nRealizator: GDDKiA Oddział w Szczecinie.\nTermin: do 30 czerwca 2026 r.\n"
            "Cel: zmniejszenie liczby kolizji o 15%.\n\n"
            "|n|Zadanie 3. Trzeźwy kierowca\n|n|Realizator: KPP w Wałczu|n|Opis: kontrole trzeźwości.|n|"
            "Termin: raz w miesiącu\n\n4. Mierniki\nBrak.\n")
    rec = _extracted(text)
    got = _first_lines_and_terms(rec)
    assert got == [("Patrole nad rzeką.", None, "P1Y"), ("Montaż odstraszaczy.", "2026-06-30", None),
                   ("Zadanie 3. Trzeźwy kierowca", None, "P1M")]


FLATTENED = """PLAN DZIAŁANIA PRIORYTETOWEGO
Okres obowiązywania: 03.2026 – 08.2026
Charakterystyka zdiagnozowanego zagrożenia w rejonie służbowym
Psy puszczane luzem w Dolinie Ślepiotki.
Proponowane działania wraz z terminami realizacji poszczególnych etapów zadań
Lp.
Działanie
Termin
Podmioty współpracujące
1.
Rozpoznanie miejsc, w których spuszczane są psy
do 20.03.2026
Rada Dzielnicy Ligota-Panewniki
2.
Wspólne patrole w Dolinie Ślepiotki
co miesiąc
Straż Miejska w Katowicach

Proponowany sposób przekazania społeczności rejonu informacji o działaniu priorytetowym
Strona internetowa KMP.
"""


def test_a_word_table_flattened_to_one_cell_a_line_gives_its_rows():
    """"Lp.", "Działanie", "Termin", … each on a line: the header's cells open no sections, each row (its number,
    then its cells) is an action, and a cell that is a body's name is a partner."""
    rec = _extracted(FLATTENED)
    assert [s["kind"] for s in rec["sections"]] == ["title", "threat", "actions", "communication"]
    got = _terms(rec)
    assert got == [("2026-03-20", None), (None, "P1M")]
    assert [p["name"] for p in rec["partners"]] == ["Rada Dzielnicy Ligota-Panewniki", "Straż Miejska w Katowicach"]


def test_task_blocks_with_a_performer_and_a_when_label():
    text = ("Powiatowy program zapobiegania przestępczości 2025–2027\nKoordynator: Komendant Powiatowy Policji w Mławie\n\n"
            "Zadanie 1. Trzeźwy kierowca\nWykonawca: Komenda Powiatowa Policji w Mławie\n"
            "Współdziałają: Wojewódzki Inspektorat Transportu Drogowego w Warszawie\n"
            "Kiedy: przez cały okres programu, nie rzadziej niż raz na miesiąc\nCel: mniej nietrzeźwych kierujących.\n\n"
            "Zadanie 2. Informator\nWykonawca: Powiatowe Centrum Pomocy Rodzinie w Mławie\n"
            "Kiedy: wydanie informatora do 30.11.2025 r.\n")
    rec = _extracted(text)
    got = _terms(rec)
    assert got == [("2027-12-31", "P1M"), ("2025-11-30", None)]
    assert "Wojewódzki Inspektorat Transportu Drogowego w Warszawie" in [p["name"] for p in rec["partners"]]


def test_a_schedule_line_that_opens_with_a_month_and_year_keeps_it():
    """"03.2026 – ulotki" is a term and its action, not an item numbered "03."."""
    rec = _extracted("Plan działania priorytetowego\nCel\nOgraniczenie kradzieży.\nTerminarz\n03.2026 – ulotki i plakaty;\n"
                   "do 10.04.2026 – spotkanie z rolnikami;\nIII–V 2026, tygodniowo – patrol nieużytków.\n")
    assert [(a["text"][:7], a["deadline"]["end"], a["recurrence"]) for a in rec["actions"]] == [
        ("03.2026", "2026-03-31", None), ("do 10.0", "2026-04-10", None), ("III–V 2", "2026-05-31", "P1W")]


def test_a_page_footer_inside_the_list_and_terms_on_labelled_lines():
    """A converted plan: the page's running footer falls inside the list of actions, and each action's term is
    on a "Termin:" line of its own, whatever else that line says."""
    rec = _extracted(
        "PLAN DZIAŁANIA PRIORYTETOWEGO\nI. CHARAKTERYSTYKA ZDIAGNOZOWANEGO ZAGROŻENIA\nParkowanie na trawnikach.\n"
        "III. PROPONOWANE DZIAŁANIA WRAZ Z TERMINAMI REALIZACJI\n"
        "1. Kontrole parkowania prowadzone wspólnie ze strażnikami Straży Miejskiej\n   w Świdniku.\n"
        "   Termin: w co drugi czwartek, od marca do sierpnia 2026 r.\n"
        "2. Próba przejazdu wozu bojowego drogą pożarową.\n\n"
        "Plan działania priorytetowego – rejon nr 3 – KPP w Świdniku                       str. 1/2\n\n"
        "   Termin: kwiecień 2026 r.\n"
        "3. Spotkanie z rodzicami uczniów.\n   Termin: do 19 czerwca 2026 r., przed zakończeniem roku szkolnego.\n"
        "IV. PODMIOTY WSPÓŁPRACUJĄCE\nStraż Miejska w Świdniku.\n")
    assert [s["kind"] for s in rec["sections"]] == ["title", "threat", "actions", "partners"]
    assert [(a["text"][:9], a["deadline"]["end"], a["recurrence"]) for a in rec["actions"]] == [
        ("Kontrole ", "2026-08-31", "P2W"), ("Próba prz", "2026-04-30", None), ("Spotkanie", "2026-06-19", None)]


def test_period_from_a_cards_start_and_end_fields():
    doc = _doc("Karta działania priorytetowego – rejon 4\nData rozpoczęcia: 02.03.2026\nData zakończenia: 31.08.2026\n"
               "W 2025 r. odnotowano 19 interwencji.")
    assert period_mod.extract(doc) == {"start": "2026-03-02", "end": "2026-08-31"}


def test_a_short_tail_after_a_semicolon_stays_with_its_dated_item():
    text = ("Proponowane działania wraz z terminami realizacji:\na) do 17.04.2026 – oznakowanie wejść do parku tablicami; wykona Uzdrowisko S.A.;\n"
            "b) ulotki; plakaty;\n")
    acts = actions_mod.extract(_doc(text, "2026-04-01/2026-09-30"))
    assert [a["text"] for a in acts] == [
        "do 17.04.2026 – oznakowanie wejść do parku tablicami; wykona Uzdrowisko S.A.;", "ulotki;", "plakaty;"]


def test_a_tasks_frequency_label_is_its_term():
    text = ("Program bezpieczeństwa gminy na lata 2026–2028\nIV. Zadania\n\nZadanie 2. Trzeźwy kierowca\n"
            "Realizator: Komenda Powiatowa Policji w Sulęcinie\nCzęstotliwość: raz w miesiącu, przez cały okres "
            "realizacji Programu\nOpis: kontrole trzeźwości kierujących.\n\nZadanie 4. Senior nie da się oszukać\n"
            "Realizator: Komenda Powiatowa Policji w Sulęcinie\nCzęstotliwość: co pół roku\nOpis: spotkania.\n")
    rec = _extracted(text)
    assert [(a["recurrence"], (a["deadline"] or {}).get("end")) for a in rec["actions"]] == [
        ("P1M", "2028-12-31"), ("P6M", None)]


def test_task_blocks_keep_their_implementer_labels():
    """"Realizator:"/"Wykonawca:" inside a task's block (on its line, on the next, or ending a line with the
    bodies on the next) are the task's: no sections cut the list, and the bodies are the programme's partners."""
    text = ("Gminny program bezpieczeństwa na lata 2026–2028\n\n3. Cele\n3.1. Ograniczenie liczby kolizji o 10%.\n\n"
            "4. Zadania\n\n"
            "Zad. 1. Wizyty w rodzinach. Wykonawca: Gminny Ośrodek Pomocy Społecznej w Radoszycach. Termin: raz na kwartał.\n"
            "Zadanie 2. Montaż wyświetlaczy prędkości.\n"
            "Realizator: Referat Inwestycji. Partner: Zarząd Dróg Powiatowych w Końskich. Termin: do 30 września 2026 r.\n\n"
            "Zadanie 3. Zajęcia profilaktyczne dla uczniów szkół podstawowych. Realizator:\n"
            "Gminna Komisja Rozwiązywania Problemów Alkoholowych w Radoszycach. Termin: do 31 maja 2027 r.\n\n"
            "5. Monitorowanie\nKoordynator składa sprawozdanie.\n")
    rec = _extracted(text)
    assert _terms(rec) == \
        [(None, "P3M"), ("2026-09-30", None), ("2027-05-31", None)]
    assert {"Gminny Ośrodek Pomocy Społecznej w Radoszycach", "Zarząd Dróg Powiatowych w Końskich",
            "Gminna Komisja Rozwiązywania Problemów Alkoholowych w Radoszycach"} <= {p["name"] for p in rec["partners"]}


def test_the_officers_duty_hours_after_the_list_are_no_action():
    text = ("Plan działania priorytetowego na okres od 1 marca do 31 sierpnia 2026 r.\nHarmonogram\n"
            "1. Kontrole posesji – co 4 tygodnie do końca planu.\n\n"
            "Dzielnicowy pełni dyżur w Urzędzie Miejskim w każdy pierwszy czwartek miesiąca w godz. 16–17.\n")
    assert [(a["deadline"]["end"], a["recurrence"]) for a in _extracted(text)["actions"]] == [("2026-08-31", "P4W")]


def test_a_programmes_section_of_partners_tasks_holds_its_actions():
    """No actions section: the numbered tasks under "Zadania partnerów" are the actions (and name the partners)."""
    from extractor.pipeline import extract_text

    rec = extract_text("Program „Bezpieczna Gmina” na lata 2026–2030\nI. Zagrożenia\n1. Odpady wywożone do nieczynnej "
                       "żwirowni.\nII. Zadania partnerów\n1. Do 31 marca 2026 r. – Referat i OSP w Kątach zamkną szlabanem "
                       "wjazd do żwirowni.\n2. Corocznie we wrześniu – dzielnicowi przeprowadzą spotkania w sołectwach.\n",
                       model="blank")
    assert [(a["deadline"] or {}).get("end") for a in rec["actions"]] == ["2026-03-31", None]
    assert [a["recurrence"] for a in rec["actions"]] == [None, "P1Y"]
    assert [p["name"] for p in rec["partners"]] == ["Ochotnicza Straż Pożarna w Kątach"]


def test_the_months_of_a_yearly_rhythm_give_no_deadline():
    """"dwukrotnie w ciągu roku (luty, sierpień)": the months each year; a term told with "do" stays one."""
    from extractor.pipeline import extract_text

    rec = extract_text("Program poprawy bezpieczeństwa na lata 2026–2028\nCele programu\n– mniej wypadków.\nZadania i "
                       "terminy\n1. Narada PCPR z zespołami interdyscyplinarnymi – dwukrotnie w ciągu roku (luty, sierpień)."
                       "\n2. Przegląd kąpielisk – raz na kwartał, do końca czerwca 2026 r.\n", model="blank")
    assert [(a["deadline"] or {}).get("end") for a in rec["actions"]] == [None, "2026-06-30"]
    assert [a["recurrence"] for a in rec["actions"]] == ["P6M", "P3M"]


def test_months_after_emoji_bullets_are_the_actions_deadlines():
    from extractor.pipeline import extract_text

    text = ("Plan działania priorytetowego na okres od 1 lutego do 31 lipca 2026 r.\n\nZagrożenie\nDzieci chodzą po torach.\n\n"
            "Cel\nBrak wypadków.\n\nDziałania\n▶\ufe0f LUTY – rozmowy z uczniami klas 6–8.\n▶\ufe0f MAJ – pogadanka dla rodziców.\n")
    rec = extract_text(text, model="blank")
    assert [a["deadline"]["end"] for a in rec["actions"]] == ["2026-02-28", "2026-05-31"]


def test_a_tab_table_row_a_line_its_term_first():
    """A table pasted with tabs, its columns "kiedy – co – z kim": each line is a row of its own though it opens in
    lower case, and a bare month range in its first cell takes the plan's year."""
    text = ("Plan działania priorytetowego na okres od 1 marca 2026 r. do 31 sierpnia 2026 r.\nZagrożenie\nWysypisko.\n"
            "Harmonogram (kolumny: kiedy – co – z kim)\ndo 20.03\tpismo do Wójta Gminy Bolesław\t–\n"
            "raz na 3 tygodnie (sobota), III–VIII\twspólne patrole\tNadleśnictwo Olkusz\n"
            "maj–czerwiec\tdwie fotopułapki w wyrobisku\tUrząd Gminy Bolesław\n")
    from extractor.pipeline import extract_text

    acts = extract_text(text, model="blank")["actions"]
    assert [a["deadline"]["end"] for a in acts] == ["2026-03-20", "2026-08-31", "2026-06-30"]
    assert [a["recurrence"] for a in acts] == [None, "P3W", None]


@pytest.mark.parametrize("row,end", [
    ("Spotkanie z zarządcą strefy i przewoźnikami\tkwiecień\tUCOI", "2025-04-30"),
    ("Rozmowy z właścicielami sklepów\tmaj, czerwiec\tUrząd Gminy", "2025-06-30"),
    ("Zajęcia profilaktyczne dla uczniów\tkwartał II/2025\tZespół Szkół nr 1", "2025-06-30"),
])
def test_a_term_in_a_tab_separated_cell(row, end):
    """A month, a list of months or a quarter alone in a tab-separated term column is the action's deadline."""
    text = "Proponowane działania wraz z terminami realizacji:\n" + row + "\n"
    acts = actions_mod.extract(_doc(text, "2025-03-01/2025-08-31"))
    assert [(a["deadline"] or {}).get("end") for a in acts] == [end]
