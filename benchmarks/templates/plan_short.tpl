kind: priority_plan
weight: 2
=== head
Plan działania priorytetowego na rok {year}
Posterunek Policji w {town_loc}, rejon służbowy nr {district_no}

=== threat
Zagrożenie: {threat} w rejonie {place} w miejscowości {town}.
=== goal
Cel: wyeliminowanie zjawiska do końca {year} roku.
=== actions_head
Działania:
=== action *
{n}. {action}, raz w tygodniu w godzinach {hour1}-{hour2}.
=== tail
Partnerzy: {partner}, {partner2}.
Dzielnicowy: {officer_rank} {officer}, tel. 47 {n}{n2} {n3}
