kind: priority_plan
weight: 3
=== head
PLAN DZIAŁANIA PRIORYTETOWEGO
Jednostka: Komisariat Policji w {town_loc}
Rejon służbowy nr {district_no} – dzielnicowy {officer_rank} {officer}
Okres realizacji: {start_date} – {end_date}

=== threat
ZAGROŻENIE
{threat} na terenie {place} przy ul. {street} w {town_loc}. Zdarzenia mają miejsce głównie w godzinach wieczornych i nocnych, w weekendy.

=== goal
CEL
Zmniejszenie liczby zgłoszeń dotyczących zagrożenia o {n} w okresie realizacji planu.

=== actions_head
DZIAŁANIA | TERMIN | PODMIOTY
=== action *
{action} | {deadline} | {partner}
=== indicators
MIERNIKI
Liczba interwencji: {prev_year} – {n}; {year} – {n2}
Liczba wylegitymowanych osób: {prev_year} – {n3}

=== tail
Zatwierdził: Komendant Powiatowy Policji w {town_loc}
{boss_rank} {boss}
