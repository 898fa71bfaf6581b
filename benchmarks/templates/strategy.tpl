kind: strategy
weight: 1
=== head
Program Poprawy Bezpieczeństwa Mieszkańców Gminy {town} na lata {year}-{year3}

Załącznik do uchwały nr {n}/{year} Rady Miejskiej w {town_loc}

=== intro
I. Wprowadzenie
Program określa działania samorządu gminy, Policji i instytucji współpracujących na rzecz bezpieczeństwa i porządku publicznego. Koordynatorem programu jest Burmistrz {town}.
=== diagnosis *
Diagnoza: w {prev_year} roku na terenie gminy odnotowano {n} zdarzeń w kategorii: {threat_lc}. Najwięcej zdarzeń miało miejsce w rejonie {place} oraz przy ul. {street}.
=== goals
II. Cele programu
1. Zmniejszenie liczby wykroczeń w miejscach publicznych o {pct}% do {year3} roku.
2. Wzrost poczucia bezpieczeństwa mieszkańców.
=== tasks *
Zadanie: {action}. Realizator: {partner}. Termin: {deadline}.
=== tail
III. Finansowanie
Program finansowany jest z budżetu gminy w wysokości {n}0 000 zł rocznie.
