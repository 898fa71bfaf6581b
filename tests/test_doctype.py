"""doc_type from weighted signals (rules/doctype/signals.tsv) and sections."""
from __future__ import annotations

import pytest

from extractor.pipeline import extract_text

CASES = [
    # a portal's article on a plan: who wrote it and how long it holds, the officer quoted
    ("wiadomosci.pl › Gmina Rokietnica\n\nDym nad ogródkami. Dzielnicowy bierze się za palaczy śmieci\n\n"
     "Rokietnica · pt., 6 lutego 2026, 09:15 · Autor: Jan Lis\n\nPlan przygotował sierż. Adam Kos, dzielnicowy z "
     "Komendy Powiatowej Policji. Obowiązuje od lutego i potrwa do końca lipca.\n\n– Dym idzie prosto w okna – mówi "
     "sierż. Kos. Policjanci zapowiadają kontrole.", "priority_plan"),
    ("Radio Nadwarciańskie\nPolicja rozpoczęła plan, który ma chronić seniorów przed oszustami. Plan ruszył w marcu, "
     "a skończy się we wrześniu. – Oszuści dzwonią rano – mówi dzielnicowy.\nCo ma się udać?\nNikt nie może stracić "
     "oszczędności.\nCo będzie robione:\n— w kwietniu spotkania w klubie seniora.", "priority_plan"),
    # a programme adopted by a resolution in a participle, its programming period, its programme named by its aim
    ("BIP – Urząd Gminy Wolanów\nProgram zapobiegania przestępczości dla Gminy Wolanów\n– okres programowania "
     "2026–2028 –\nprzyjęty Uchwałą Nr V/31/2025 Rady Gminy Wolanów\n\nI. Obszary problemowe\n1. Kradzieże z "
     "piwnic.\n\nII. Cele\n– spadek kradzieży o 10%.\n\nIII. Zadania\na) patrole – co tydzień.\n"
     "Data publikacji: 12.01.2026", "strategy"),
    # a gmina's news page telling a plan: the officer takes a problem on as a priority, the plan for half a year
    ("Aktualności\nDzielnicowy zajmie się priorytetowo parkowaniem przy szkole. Plan na najbliższe pół roku\n"
     "Przez pół roku dzielnicowy st. sierż. Jan Wrona zajmie się priorytetowo problemem aut na chodniku. – Chcę, by "
     "dzieci chodziły bezpiecznie – mówi st. sierż. Jan Wrona.", "priority_plan"),
    # a programme's BIP page with a plan's parts (threats, goals, tasks), adopted in the passive, no plan's own words
    ("BIULETYN INFORMACJI PUBLICZNEJ\nUrząd Gminy Lipno\n\nProgram „Bezpieczna Gmina”\n\nProgram został przyjęty "
     "Uchwałą Nr IX/55/2025 Rady Gminy Lipno z dnia 20 listopada 2025 r.\nKoordynator: Urząd Gminy Lipno\n"
     "Realizatorzy: Komenda Powiatowa Policji, dzielnicowy\n\nGłówne zagrożenia:\na) kąpiel po alkoholu.\n\n"
     "Cele:\n1) żadnego utonięcia.\n\nZadania:\n– oznakowanie kąpieliska.\n", "strategy"),
    ("Plan działania priorytetowego dla rejonu służbowego nr 3 na okres od 1 lutego do 31 lipca 2024 r.\n"
     "1. Charakterystyka zdiagnozowanego zagrożenia\nKradzieże.\n2. Zakładany cel do osiągnięcia\nOgraniczenie.",
     "priority_plan"),
    ("KOMUNIKAT\nPosterunek Policji w Serokomli realizuje plan działania priorytetowego dla miejsc, "
     "w których dochodzi do spożywania alkoholu.", "priority_plan"),
    ("Gminny Program Poprawy Bezpieczeństwa na lata 2021 - 2025\nI. Główne cele\n1. Ograniczenie przestępczości.",
     "strategy"),
    ("Uchwała nr XX/100/2020 Rady Miasta Radom z dnia 3 marca 2020 r. w sprawie programu.\n"
     "Celem programu jest poprawa bezpieczeństwa. Program składa się z trzech części.", "strategy"),
    ("Debata społeczna w Kolnie\nData publikacji 12.03.2023\nWczoraj w sali gminy odbyła się debata "
     "z udziałem mieszkańców. Wzięli w niej udział dzielnicowi.", "news"),
    ("Komunikat prasowy\nRadom, 12.05.2024\nOd czerwca policjanci rozpoczną patrole rowerowe. – To ważne – "
     "mówi insp. Jan Nowak.", "news"),
    ("Lista zakupów: mleko, chleb, masło.", "other"),
    # a gmina's news page on a programme its council adopted by a numbered resolution
    ("Gmina Wolin – oficjalny serwis\nStrona główna > Aktualności > Bezpieczeństwo\n\n„Bezpieczny Wolin” – nowy program\n\n"
     "Opublikowano 09.01.2026 r.\n\nPodczas ostatniej sesji Rada Miejska w Wolinie przyjęła uchwałą nr XXI/164/2025 z 17 "
     "grudnia 2025 r. program „Bezpieczny Wolin”. Program zaplanowano na trzy lata – od stycznia 2026 r. do grudnia "
     "2028 r.\n\n– Każde zadanie ma wykonawcę i termin – podkreśla kierownik referatu.\n\nDlaczego taki program\nDym z "
     "kotłowni.\n\nCele do końca programu\n• o 15% mniej interwencji domowych.\n", "strategy"),
    # a council commission's report on its own year: its meetings, the police's figures, residents' complaints
    ("BIP Gminy Sarnaki\nRada Gminy » Komisje stałe\n\nSPRAWOZDANIE\nz działalności Komisji Bezpieczeństwa i Porządku "
     "Publicznego Rady Gminy Sarnaki\nza okres od 1 stycznia do 31 grudnia 2019 r.\n\n1. Posiedzenie w dniu 12 lutego "
     "2019 r.\nKierownik Posterunku Policji przedstawił informację o stanie bezpieczeństwa. Komisja wnioskowała o "
     "częstsze patrole dzielnicowych w sobotnie wieczory.", "other"),
    # a plan's results told by the unit's page: the byline's date with its weekday after it
    ("Komenda Miejska Policji w Gdyni\nAktualności › Prewencja\n\nSpokojniej przy pawilonie. Dzielnicowy podsumował "
     "półroczny plan\n3 marca 2027 r., środa · aktualności KMP w Gdyni\n\nMniej awantur przed pawilonem przy ul. Morskiej "
     "– to efekt planu działania priorytetowego, który od września realizował sierż. Jan Kos, dzielnicowy z Komisariatu "
     "Policji w Gdyni. Celem było ograniczenie interwencji o połowę. Przez pół roku policjanci interweniowali tam 9 razy.\n\n"
     "– Ludzie znów mogą wieczorem spokojnie wrócić do domu – mówi sierż. Jan Kos.",
     "news"),
    # a news page on a plan that has ended, a byline dated with a short weekday
    ("KMP Leszno / Aktualności / Prewencja\n\nPół roku pracy dzielnicowej – są efekty\n\nPt, 6 lutego 2026 · Prewencja\n\n"
     "Zakończył się plan działania priorytetowego, który od sierpnia realizowała dzielnicowa z osiedla Wieniawa. "
     "Mieszkańcy skarżyli się na głośną muzykę.\n\nCelem planu było zmniejszenie liczby interwencji o jedną trzecią. "
     "Udało się więcej.\n\nDzielnicowa rozmawiała z rodzicami, a policjanci przekazali uczniom ulotki.\n\n– Ci młodzi ludzie "
     "potrzebowali miejsca – podsumowuje sierż. szt. Karolina Bartkowiak.", "news"),
    # a programme's summary on a gmina's page, its parts headed in its own words (a goal, actions), one strong signal
    # of a programme and hardly a plan's word
    ("Miasto i Gmina Tuczno\n\nProgram „Bezpieczna Gmina Tuczno” – streszczenie\n\nRada Miejska w Tucznie uchwałą z 28 "
     "sierpnia 2025 r. przyjęła gminny program profilaktyki i bezpieczeństwa.\n\nZ czym się mierzymy\nPrzemoc domowa.\n\n"
     "Co chcemy osiągnąć do końca 2028 r.\nMniej procedur.\n\nCo zrobimy\n1. Warsztaty dla rodziców – corocznie.\n",
     "strategy"),
    # a news report on a plan that has ended, its results and the officer's words
    ("KOMENDA MIEJSKA POLICJI W SIEDLCACH\nStart / Aktualności / Prewencja\n\nPół roku pracy dzielnicowego\n\n"
     "opublikowano 16 stycznia 2026, godz. 8:40 · autor: podkom. Ewelina Gąsowska\n\nDobiegł końca plan działania "
     "priorytetowego, który przez sześć miesięcy realizował dzielnicowy gminy Mokobody. Policjant zajął się placem przed "
     "remizą, gdzie w piątki zbierały się osoby pijące alkohol.\n\nCo udało się zrobić?\n• 64 kontrole miejsca,\n"
     "• spadek zgłoszeń na Krajowej Mapie Zagrożeń Bezpieczeństwa z 12 do 4.\n\n– Mieszkańcy znów mogą spokojnie przejść "
     "obok sklepu – podsumowuje mł. asp. Czarnecki. Wyniki planu omówiono na posiedzeniu komisji Rady Gminy.", "news"),
    # a report on many plans is news about them, not a plan
    ("Komenda Powiatowa Policji w Sokółce\nDzielnicowi podsumowali realizację planów działania priorytetowego\n"
     "Data: 2022-11-03\nW komendzie podsumowano plany działania priorytetowego, które dzielnicowi realizowali "
     "w minionym półroczu.", "news"),
    # a new district officer, under the site's "Aktualności", dated with the weekday
    ("Strona główna / Aktualności / Dzielnicowi\npiątek, 8 marca 2024 r.\nNowy dzielnicowy w gminie Kikół\n"
     "Od 1 marca rejon służbowy nr 9 przejął sierż. szt. Kamil Lewandowski. Zastąpił asp. Henryka Zielińskiego.",
     "news"),
    # one district's plan published under "Aktualności" stays a plan
    ("Aktualności\nPlan działania priorytetowego dla rejonu nr 4\n1. Charakterystyka zagrożenia\nKradzieże.\n"
     "2. Zakładany cel do osiągnięcia\nOgraniczenie kradzieży o 20%.", "priority_plan"),
    # a town hall's news page announcing one officer's plan, with its actions, is the plan (dev r025, r027)
    ("Start » Aktualności\nDzielnicowy przedstawił plan działania priorytetowego\nData publikacji: 12 lutego 2025 "
     "| Autor: Referat Promocji\nDzielnicowy rejonu nr 2, mł. asp. Jan Nowak, od lutego do lipca 2025 r. będzie "
     "realizował plan działania priorytetowego. W ramach planu zaplanował m.in.:\n• do 15 marca – pismo do "
     "zarządcy.\n– Chodzi o spokój mieszkańców – podkreśla mł. asp. Jan Nowak.", "priority_plan"),
    ("Aktualności\nDodano: 14 sierpnia 2024 r.\nDzielnicowy rusza z planem\nDzielnicowy rejonu nr 7 realizuje "
     "działania wobec psów bez opieki. Plan przewiduje m.in.:\n- do końca września kontrole posesji.", "priority_plan"),
    # a plan called "plan priorytetowy" (without "działania")
    ("KPP Inowrocław › Komisariat Policji w Gniewkowie › Rejony dzielnicowych\nPlan priorytetowy rejonu nr 1 "
     "(Gniewkowo – śródmieście)\nzamieszczono 02/02/2026 r.\nDzielnicowa: st. sierż. Monika Wardęga\nProblem –\n"
     "Kierowcy zostawiają samochody na chodniku.", "priority_plan"),
    # a council adopted a programme for a term of years; its page asks what it wants and how
    ("Gmina Mielno – Aktualności\n„Bezpieczne Mielno 2026–2028” przyjęte.\nNa sesji 26 lutego 2026 r. Rada Gminy Mielno "
     "przyjęła program „Bezpieczne Mielno”. Dokument obowiązuje w latach 2026–2028.\nCo chcemy osiągnąć do końca 2028 r.?\n"
     "• ani jednego utonięcia;\nJak to zrobimy?\n• Patrole piesze Straży Gminnej.", "strategy"),
    # a city's page presenting its adopted programme under question headings is the programme
    ("Aktualności › Bezpieczeństwo\nRadni przyjęli program „Bezpieczne Miasto”\nRada Miejska uchwałą nr XXIV/198/25 "
     "z dnia 30 października 2025 r. przyjęła program poprawy bezpieczeństwa.\nKto koordynuje?\nKoordynatorem "
     "programu jest Straż Miejska.\nJakie problemy wskazano?\n• Niszczenie zieleni.\nJakie cele?\n• Ograniczenie "
     "kradzieży.\nNajważniejsze zadania\n1. Kamery – do 30 listopada 2026 r.", "strategy"),
    # councillors (a masculine-personal plural) adopted a programme; its page has goals and tasks as a plan has
    ("Miasto Brzeźnica – Aktualności\nNowy program dla miasta\nRadni Rady Miejskiej uchwałą nr XII/90/2026 z 3 marca "
     "2026 r. przyjęli program „Spokojna Brzeźnica”.\nCo chcemy osiągnąć?\n– mniej kradzieży rowerów.\nWybrane zadania\n"
     "• kamery przy dworcu – do 30 września 2026 r.", "strategy"),
    ("Gmina Brzeźnica\nRadni uchwałą nr XII/90/2026 uchwalili program „Spokojna Gmina”.\nCo chcemy osiągnąć?\n– mniej "
     "kradzieży.\nWybrane zadania\n• kamery przy dworcu – do 30 września 2026 r.", "strategy"),
    # a programme's page with a plan's parts (problems, goals, tasks): a tie goes to the words of its text
    ("Gmina Brzeźnica\nRadni uchwałą nr XII/90/2026 przyjęli program „Spokojna Gmina”.\nPartnerzy\nKomisariat Policji."
     "\n\nProblemy, na które odpowiada program\n▸ Kradzieże rowerów.\nCo chcemy osiągnąć?\n– mniej kradzieży.\n"
     "Wybrane zadania\n• kamery przy dworcu – do 30 września 2026 r.\nMierniki: liczba kradzieży.", "strategy"),
    # a gmina page's appeal: its entry's date, an officer who speaks ("mówi dzielnicowy")
    ("Gmina Brzeźnica – serwis informacyjny\nDziki na drogach. Dzielnicowy apeluje do kierowców\nWpis z 12.10.2026 • "
     "kategoria: Bezpieczeństwo\nJesienią przybywa zdarzeń z udziałem zwierząt. – Proszę zwolnić – mówi dzielnicowy "
     "gminy Brzeźnica.", "news"),
    # the council's verb before its resolution's number: "przyjęła uchwałą nr XXVI/298/25 program"
    ("Gmina Brzeźnica\nAktualności\nMamy nowy program. Co się zmieni?\nRada Gminy na sesji 18 grudnia 2025 r. przyjęła "
     "uchwałą nr XXVI/298/25 program „Spokojna Gmina”.\nDlaczego program był potrzebny?\nKradzieże.\nCzego chcemy?\n– mniej "
     "kradzieży.\nCo zrobimy, kto i do kiedy?\nKamery – do końca 2026 r.", "strategy"),
    # a mayor's ordinance introducing a programme, then the programme's own goals, partners and tasks
    ("ZARZĄDZENIE NR 12/2026\nBURMISTRZA MIASTA\nw sprawie wprowadzenia Programu „Bezpieczne drogi”\n§ 1. Wprowadza się "
     "Program.\n§ 2. Koordynację Programu powierza się Referatowi.\n1. Co chcemy osiągnąć\na) zmniejszenie liczby "
     "kolizji;\n2. Podmioty współpracujące\nNadleśnictwo.\n3. Zadania\n3.1. Montaż odstraszaczy – do 30 listopada "
     "2026 r.", "strategy"),
    # a letter of a parish council to the police, asking for its help with a plan's kind of problems: no plan, no news
    ("Opublikowano na stronie parafii: 14.01.2026\nPublikujemy pismo skierowane do Policji.\n\nKłodawa, 12 stycznia "
     "2026 r.\n\nPan\nKomendant Powiatowy Policji\nw Kole\n\nDotyczy: bezpieczeństwa przy kościele\n\nSzanowny Panie "
     "Komendancie,\nzwracamy się z prośbą o patrole. Prosimy też o uwzględnienie rejonu w planie działania "
     "priorytetowego dzielnicowego.\n\nZ wyrazami szacunku\nSołtys wsi", "other"),
    # a plan told on a police page under its own short headings, in the third person
    ("Komenda Powiatowa Policji\nDzielnicowi informują\nNa stronę trafiło: 29.09.2026 r.\nDzielnicowy przygotował plan na "
     "sezon jesienno-zimowy.\n\nDlaczego taki plan?\nKradzieże oleju z ciągników.\n\nCel dzielnicowego\nMniej kradzieży."
     "\n\nPlan w punktach\n• patrole – co tydzień, do końca marca;\n\nRazem z dzielnicowym pracują\nGminny Ośrodek "
     "Pomocy Społecznej w Kłodawie.\n\nOprac. Zespół Prasowy KPP", "priority_plan"),
    # a gmina's article on a plan in prose, with quotes: the officer will take on the place, what will be done
    ("Gmina Dobrzeń – serwis informacyjny\nStart / Aktualności\n\nRondo pod okiem dzielnicowego\n\nDobrzeń, 05.03.2026\n\n"
     "Kierowcy nie ustępują pierwszeństwa. Tym miejscem zajmie się mł. asp. Jan Kowal – dzielnicowy rejonu nr 2. Jego plan "
     "działania priorytetowego ruszył z początkiem marca.\n\n– Chciałbym, żeby nie doszło do żadnej kolizji – mówi mł. "
     "asp. Kowal.\n\nCo konkretnie zostanie zrobione? Do 20 marca dzielnicowy skieruje wniosek o tablice.\n\n– Cieszymy "
     "się – dodaje wójt.\n\nTekst: Referat Promocji", "priority_plan"),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_doc_type(text, expected):
    assert extract_text(text, model="blank")["doc_type"] == expected
