kind: news
weight: 3
=== head
{town}: dzielnicowi podsumowali plan działania priorytetowego

{doc_date} r.
=== lead
Policjanci z Komendy Powiatowej Policji w {town_loc} podsumowali realizację planów działań priorytetowych. Jak poinformował {boss_rank} {boss}, oficer prasowy KPP w {town_loc}, w {prev_year} roku dzielnicowi przeprowadzili {n} kontroli miejsc zagrożonych.
=== paragraph *
Mieszkańcy ul. {street} zgłaszali problem: {threat_lc}. Dzielnicowy {officer_rank} {officer} wspólnie z funkcjonariuszami Straży Miejskiej w {town_loc} regularnie patrolował rejon {place}, szczególnie w godzinach {hour1}:00-{hour2}:00. W efekcie liczba zgłoszeń spadła o {pct}%.
=== tail
Policja przypomina, że o zagrożeniach można informować za pośrednictwem Krajowej Mapy Zagrożeń Bezpieczeństwa.
