kind: priority_plan
weight: 5
=== head
Komenda Powiatowa Policji w {town_loc}
{unit_station}

PLAN DZIAŁANIA PRIORYTETOWEGO
dzielnicowego rejonu nr {district_no}
na okres od {start_date} do {end_date}

=== threat
1. Zdiagnozowane zagrożenie w rejonie służbowym:
{threat}. Zagrożenie występuje na ul. {street} {street_no} w {town_loc}, w rejonie {place}, szczególnie w godzinach {hour1}.00-{hour2}.00, w piątki i soboty. Mieszkańcy zgłaszali dzielnicowemu grupowanie się osób spożywających alkohol oraz zakłócanie ciszy nocnej. W {prev_year} roku odnotowano {n} interwencji w tym miejscu.

=== goal
2. Cel do osiągnięcia:
Ograniczenie zjawiska o {pct}% w stosunku do {prev_year} roku oraz poprawa poczucia bezpieczeństwa mieszkańców ul. {street}.

=== actions_head
3. Proponowane działania wraz z terminem realizacji:
=== action *
- {action} – termin: do {deadline}.
=== partners
4. Podmioty współpracujące w realizacji działań:
{partner}, {partner}, {partner2}.

=== communication
5. Sposób informowania społeczności lokalnej o działaniach:
Informacje na stronie internetowej KPP w {town_loc}, spotkania z mieszkańcami, ulotki w skrzynkach pocztowych.

=== tail
Sporządził: {officer_rank} {officer}
dzielnicowy rejonu nr {district_no}
{town}, dnia {doc_date} r.
