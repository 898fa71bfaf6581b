"""Datasette metadata for a plany database, generated from the tables it has.

Every table of the store gets a title and a description, every column a description
in Polish and English ("polski / English"), useful facets and a sort order; the
database gets the canned queries that compare districts (threats by locality and
by unit, target percentages by threat, top partners per unit, actions due per
month) and a ranked search that folds and lemmatises the query the way
``plany search`` does.

``build_metadata(path)`` looks at the database (read-only) so that tables added
later — ``regions`` (voivodeship facets), ``import_runs`` — are described when
present and left out when absent.  A column this module does not know still gets
a description naming its table, so the page is never silent about a column.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

# ---- tables and columns ---------------------------------------------------------------

_EVIDENCE = {
    "text": "dokładny fragment tekstu, z którego wzięto wartość / the exact source span",
    "start": "początek fragmentu (znak w tekście dokumentu) / start offset of the span in the document text",
    "end": "koniec fragmentu (znak, wyłącznie) / end offset of the span (exclusive)",
    "extra": "pozostałe klucze pozycji rekordu (JSON) / other keys of the record item (JSON)",
}
_CHILD = {
    "id": "identyfikator wiersza / row id",
    "document_id": "dokument, z którego pochodzi wiersz (documents.id) / the document this row belongs to",
    "idx": "pozycja na liście w rekordzie (od 0) / position in the record's list (from 0)",
}

TABLES: dict[str, dict] = {
    "documents": {
        "title": "Dokumenty / Documents",
        "description": "Jeden wiersz na dokument źródłowy (plan, wiadomość, strategia) z polami rekordu; "
                       "tytuł prowadzi do strony przeglądu z podświetlonymi wartościami. / "
                       "One row per source document with the record's document-level fields; the title "
                       "links to the review page with every extracted value highlighted.",
        "columns": {
            "id": "identyfikator dokumentu / document id",
            "sha256": "skrót SHA-256 pliku źródłowego (dokument jest unikalny po nim) / SHA-256 of the source file (unique key)",
            "path": "ścieżka pliku przy imporcie / path of the file when imported",
            "format": "format źródła (txt, html, pdf, docx, odt, doc, rtf…) / source format",
            "encoding": "wykryte kodowanie znaków / detected character encoding",
            "size": "rozmiar pliku w bajtach / file size in bytes",
            "doc_type": "rodzaj: priority_plan (plan dzielnicowego), news (wiadomość), strategy (strategia/program), other / "
                        "document type",
            "date": "data publikacji lub wydarzenia (RRRR-MM-DD) / publication or event date (ISO)",
            "period_start": "początek okresu objętego planem / start of the period the plan covers",
            "period_end": "koniec okresu objętego planem / end of the period the plan covers",
            "unit": "jednostka wydająca, w mianowniku (np. Komenda Powiatowa Policji w …) / issuing unit, nominative",
            "unit_kind": "rodzaj jednostki / kind of unit",
            "locality": "główna miejscowość dokumentu, w mianowniku (lista JSON, gdy kilka) / main locality, nominative "
                        "(JSON list when several)",
            "district": "numer rejonu służbowego dzielnicowego (lista JSON, gdy kilka) / officer's district number "
                        "(JSON list when several)",
            "officer_name": "dzielnicowy: imię i nazwisko / the district officer's name",
            "officer_rank": "stopień dzielnicowego / the officer's rank",
            "title": "pierwszy wiersz tekstu / first line of the text",
            "text": "pełny tekst dokumentu; przesunięcia start/end odnoszą się do niego / the full plain text; "
                    "all start/end offsets point into it",
            "text_folded": "tekst bez polskich znaków i wielkich liter (do wyszukiwania) / case- and diacritic-folded "
                           "text (search index)",
            "lemmas": "formy podstawowe słów (do wyszukiwania) / folded lemmas of the words (search index)",
            "keywords": "kluczowe pola ważone wyżej w wyszukiwaniu / key fields weighted higher in search",
            "model": "potok NLP użyty przy ekstrakcji / NLP pipeline used for extraction",
            "imported_at": "czas importu (UTC) / import time (UTC)",
            "schema_version": "wersja schematu rekordu / record schema version",
            "record": "cały rekord JSON (bez tekstu) / the whole record as JSON (without the text)",
            "import_run_id": "przebieg importu, który zapisał dokument (import_runs.id) / the import run that stored it",
        },
        "facets": ["doc_type", {"year": "date"}, {"threat": "category"}, "locality", "unit"],
        "sort_desc": "date",
        "label_column": "title",
    },
    "sections": {
        "title": "Sekcje / Sections",
        "description": "Części dokumentu rozpoznane po nagłówkach (charakterystyka zagrożenia, cel, działania, "
                       "partnerzy…). / The parts of a document found by their headings.",
        "columns": {
            **_CHILD,
            "kind": "rodzaj sekcji: threat, goal, actions, partners, communication, other… / section kind",
            "title": "nagłówek sekcji / section heading",
            "start": "początek sekcji w tekście / start offset of the section",
            "end": "koniec sekcji w tekście / end offset of the section",
        },
        "facets": ["kind"],
    },
    "threats": {
        "title": "Zagrożenia / Threats",
        "description": "Zagrożenia wskazane w dokumentach, kodowane według taksonomii opartej na KMZB. / "
                       "Threats named in the documents, coded with the KMZB-based taxonomy.",
        "columns": {**_CHILD, "category": "kod kategorii zagrożenia (rules/threat_categories.tsv) / threat category code",
                    **_EVIDENCE},
        "facets": ["category"],
    },
    "locations": {
        "title": "Miejsca / Locations",
        "description": "Miejsca zagrożeń i działań w postaci kanonicznej (ul. …, os. …, Szkoła Podstawowa nr …). / "
                       "Places of threats and actions, in canonical nominative form.",
        "columns": {
            **_CHILD,
            "name": "nazwa kanoniczna w mianowniku / canonical nominative name",
            "kind": "rodzaj: address, street, estate, building, poi, area, locality / kind of place",
            "street": "ulica / street",
            "number": "numer budynku / house number",
            "locality": "miejscowość miejsca / locality of the place",
            **_EVIDENCE,
        },
        "facets": ["kind", "locality"],
    },
    "time_windows": {
        "title": "Przedziały czasu / Time windows",
        "description": "Kiedy występuje zagrożenie: godziny, dni tygodnia, pory dnia. / When the threat occurs: "
                       "hours, days, parts of day.",
        "columns": {
            **_CHILD,
            "time_from": "od godziny (GG:MM) / from (HH:MM)",
            "time_to": "do godziny (GG:MM) / to (HH:MM)",
            "days": "dni tygodnia (mon tue wed thu fri sat sun), rozdzielone spacją / days of the week, space-separated",
            "parts_of_day": "pory dnia (morning afternoon evening night) / parts of day, space-separated",
            **_EVIDENCE,
        },
        "facets": ["days", "parts_of_day"],
    },
    "targets": {
        "title": "Cele mierzalne / Targets",
        "description": "Zakładane cele jako mierzalne wartości (np. ograniczenie o 50%). / Goals as measurable targets.",
        "columns": {
            **_CHILD,
            "direction": "kierunek: decrease, eliminate, increase, maintain / direction of change",
            "value": "wartość liczbowa celu / target value",
            "unit": "jednostka: percent, count / unit of the value",
            "qualifier": "at_least (co najmniej), at_most (najwyżej) / qualifier",
            "metric": "co jest liczone / what is counted",
            "baseline": "wartość wyjściowa, jeśli podana / baseline when given",
            **_EVIDENCE,
        },
        "facets": ["direction", "unit"],
    },
    "actions": {
        "title": "Działania / Actions",
        "description": "Planowane działania z terminami (przedziały ISO) i powtarzalnością (okresy ISO 8601). / "
                       "Planned actions with deadlines and recurrences.",
        "columns": {
            **_CHILD,
            "deadline_start": "początek terminu (RRRR-MM-DD) / deadline interval start",
            "deadline_end": "koniec terminu (RRRR-MM-DD) / deadline interval end",
            "deadline_granularity": "dokładność terminu: day, month, quarter, half_year, year, plan_period / granularity",
            "recurrence": "powtarzalność jako okres ISO 8601 (P1M co miesiąc, P1W co tydzień) / recurrence, ISO 8601 duration",
            "partners": "partnerzy działania (lista JSON nazw) / partners of the action (JSON list of names)",
            **_EVIDENCE,
        },
        "facets": ["deadline_granularity", "recurrence"],
    },
    "action_partners": {
        "title": "Partnerzy działań / Action partners",
        "description": "Partnerzy wymienieni przy działaniach, powiązani z organizacjami. / Partners of each action, "
                       "linked to organisations.",
        "columns": {
            "id": _CHILD["id"], "document_id": _CHILD["document_id"],
            "action_id": "działanie (actions.id) / the action",
            "name": "nazwa partnera / partner name",
            "organisation_id": "organizacja po ujednoliceniu (organisations.id) / de-duplicated organisation",
        },
    },
    "partners": {
        "title": "Partnerzy / Partners",
        "description": "Podmioty współpracujące (straż miejska, szkoły, OPS, spółdzielnie…). / Cooperating bodies.",
        "columns": {
            **_CHILD,
            "name": "nazwa kanoniczna w mianowniku / canonical nominative name",
            "kind": "rodzaj: municipal_police, police, school, housing, social_welfare, local_government, court, ngo, "
                    "business, health, military, railway, other / kind of body",
            "tasks": "zadania partnera / the partner's tasks",
            "organisation_id": "organizacja po ujednoliceniu (organisations.id) / de-duplicated organisation",
            **_EVIDENCE,
        },
        "facets": ["kind"],
    },
    "organisations": {
        "title": "Organizacje / Organisations",
        "description": "Partnerzy ujednoliceni między dokumentami (ta sama straż miejska w wielu planach). / "
                       "Partners de-duplicated across documents.",
        "columns": {
            "id": "identyfikator organizacji / organisation id",
            "name": "nazwa / name",
            "kind": "rodzaj / kind",
            "core": "rdzeń nazwy do porównań / folded name core used for matching",
            "numbers": "numery w nazwie (np. szkoły) / numbers in the name",
            "town": "miejscowość / town",
            "town_keys": "klucze miejscowości do porównań / folded town keys used for matching",
        },
        "facets": ["kind", "town"],
        "label_column": "name",
    },
    "persons": {
        "title": "Osoby / Persons",
        "description": "Osoby wymienione z nazwiska, ze stopniem i funkcją. / Named people with rank and role.",
        "columns": {
            **_CHILD,
            "name": "imię i nazwisko / name",
            "rank": "stopień (np. asp. szt.) / rank",
            "role": "funkcja / role",
            **_EVIDENCE,
        },
        "facets": ["rank"],
    },
    "indicators": {
        "title": "Mierniki / Indicators",
        "description": "Mierniki z tabel (nazwa, źródło); wartości w indicator_values. / Measures from tables; "
                       "their values are in indicator_values.",
        "columns": {**_CHILD, "name": "nazwa miernika / indicator name", "source": "źródło danych / data source",
                    **_EVIDENCE},
    },
    "indicator_values": {
        "title": "Wartości mierników / Indicator values",
        "description": "Wartość miernika w danym roku. / The value of an indicator in a year.",
        "columns": {
            "id": _CHILD["id"], "document_id": _CHILD["document_id"],
            "indicator_id": "miernik (indicators.id) / the indicator",
            "year": "rok / year",
            "value": "wartość / value",
        },
        "facets": ["year"],
    },
    "regions": {
        "title": "Regiony / Regions",
        "description": "Położenie administracyjne dokumentu: powiat, województwo, jednostka nadrzędna. / "
                       "Where each document belongs: county, voivodeship, parent unit.",
        "columns": {
            "id": _CHILD["id"],
            "document_id": _CHILD["document_id"],
            "locality": "miejscowość / locality",
            "powiat": "powiat / county",
            "voivodeship": "województwo / voivodeship",
            "unit": "jednostka / unit",
            "unit_parent": "jednostka nadrzędna (np. KPP nad komisariatem) / parent unit",
            "unit_voivodeship_hq": "komenda wojewódzka właściwa dla jednostki / the unit's voivodeship HQ (KWP)",
            "county_kind": "rodzaj powiatu (ziemski, miasto na prawach powiatu) / kind of county",
            "unit_level": "szczebel jednostki (KWP, KMP/KPP, komisariat, posterunek) / level of the unit",
            "unit_town": "siedziba jednostki / the unit's town",
            "key": "skrót danych wejściowych (do ponownego przeliczenia) / hash of the inputs (for recomputation)",
        },
        "facets": ["voivodeship", "powiat"],
    },
    "import_runs": {
        "title": "Przebiegi importu / Import runs",
        "description": "Dziennik poleceń plany import. / The log of plany import runs.",
        "columns": {
            "id": "identyfikator przebiegu / run id",
            "started_at": "początek (UTC) / started (UTC)",
            "finished_at": "koniec (UTC) / finished (UTC)",
            "status": "stan / status",
            "plany_version": "wersja plany / plany version",
            "schema_version": "wersja schematu bazy / database schema version",
            "model": "potok NLP / NLP pipeline",
            "workers": "liczba procesów / worker processes",
            "force": "czy nadpisywano dokumenty (1) / whether documents were replaced",
            "paths": "importowane ścieżki / imported paths",
            "inserted": "dodane dokumenty / documents inserted",
            "skipped": "pominięte (już w bazie) / skipped (already stored)",
            "replaced": "zastąpione / replaced",
            "failed": "nieudane / failed",
            "host": "komputer / host",
            "pid": "numer procesu / process id",
        },
        "facets": ["status"],
        "sort_desc": "id",
    },
    "schema_version": {
        "title": "Wersja schematu / Schema version",
        "description": "Zastosowane migracje bazy. / Database migrations applied.",
        "columns": {"version": "wersja / version", "applied_at": "kiedy zastosowano (UTC) / when applied (UTC)",
                    "description": "opis migracji / migration description"},
        "hidden": True,
    },
}


def column_description(table: str, column: str) -> str:
    """The PL/EN description of a column; a generic one for columns this module does not know."""
    desc = TABLES.get(table, {}).get("columns", {}).get(column)
    if desc:
        return desc
    if column in _EVIDENCE:
        return _EVIDENCE[column]
    return f"kolumna tabeli {table} / column of {table}"


# ---- canned queries -------------------------------------------------------------------

# the store's search weights (text_folded, lemmas, keywords)
try:
    from extractor.store.search import WEIGHTS as _W
except Exception:  # pragma: no cover - the store module is always there
    _W = (1.0, 0.6, 4.0)
_BM25 = "bm25(documents_fts, {})".format(", ".join(str(w) for w in _W))

_LOCALITY = "(:locality = '' or plany_locality_match(d.locality, :locality))"
_UNIT = "(:unit = '' or plany_unit_match(d.unit, :unit))"

QUERIES: dict[str, dict] = {
    "search": {
        "title": "Wyszukiwanie / Search",
        "description": "Wyszukiwanie pełnotekstowe jak w `plany search`: dowolna forma wyrazu, z polskimi znakami "
                       "lub bez (\"Łuków\" znajdzie \"w Łukowie\"), \"fraza\", OR. / Full-text search as in "
                       "`plany search`: any inflected form, with or without Polish letters.",
        "sql": f"""select d.id, d.title, d.doc_type, d.date, d.locality, d.unit,
  plany_snippet(d.text, :q) as snippet,
  round(-{_BM25}, 3) as score,
  '/-/review/' || d.id as review
from documents_fts join documents d on d.id = documents_fts.rowid
where documents_fts match plany_fts_query(:q)
  and {_LOCALITY}
order by {_BM25}
limit 100""",
    },
    "threats_by_locality": {
        "title": "Zagrożenia wg miejscowości / Threats by locality",
        "description": "Ile dokumentów danej miejscowości wskazuje każdą kategorię zagrożenia. Pole locality "
                       "przyjmuje dowolną formę nazwy. / How many documents of each locality name each threat "
                       "category; the locality box accepts any case form.",
        "sql": f"""select d.locality, t.category, plany_threat_name(t.category) as threat,
  count(distinct d.id) as documents, count(*) as mentions
from threats t join documents d on d.id = t.document_id
where d.locality is not null and {_LOCALITY}
group by d.locality, t.category
order by d.locality, documents desc, mentions desc, t.category""",
    },
    "threats_by_unit": {
        "title": "Zagrożenia wg jednostki / Threats by unit",
        "description": "Kategorie zagrożeń w dokumentach każdej jednostki (np. unit = KPP Łuków). / Threat "
                       "categories in each unit's documents.",
        "sql": f"""select d.unit, t.category, plany_threat_name(t.category) as threat,
  count(distinct d.id) as documents, count(*) as mentions
from threats t join documents d on d.id = t.document_id
where d.unit is not null and {_UNIT}
group by d.unit, t.category
order by d.unit, documents desc, mentions desc, t.category""",
    },
    "target_percentages_by_threat": {
        "title": "Cele procentowe wg zagrożenia / Target percentages by threat",
        "description": "Cele wyrażone w procentach, przypisane do najbliższego wcześniejszego zagrożenia w tym samym "
                       "dokumencie (albo pierwszego zagrożenia dokumentu). / Percentage targets, each attributed to "
                       "the nearest threat before it in the same document (else the document's first threat).",
        "sql": """with tt as (
  select tg.document_id, tg.direction, tg.value,
    coalesce(
      (select th.category from threats th where th.document_id = tg.document_id and th.start <= tg.start
        order by th.start desc limit 1),
      (select th.category from threats th where th.document_id = tg.document_id order by th.start limit 1)
    ) as category
  from targets tg
  where tg.unit = 'percent' and tg.value is not null
)
select category, plany_threat_name(category) as threat, direction,
  count(*) as targets, count(distinct document_id) as documents,
  min(value) as min_percent, round(avg(value), 1) as avg_percent, max(value) as max_percent
from tt
group by category, direction
order by category is null, category, direction""",
    },
    "top_partners_per_unit": {
        "title": "Najczęstsi partnerzy jednostek / Top partners per unit",
        "description": "Pięciu najczęstszych partnerów każdej jednostki (organizacje ujednolicone między "
                       "dokumentami). / The five most frequent partners of each unit (de-duplicated organisations).",
        "sql": f"""with p as (
  select d.unit, coalesce(o.name, p.name) as partner, coalesce(o.kind, p.kind) as kind,
    count(distinct d.id) as documents, count(*) as mentions
  from partners p
  join documents d on d.id = p.document_id
  left join organisations o on o.id = p.organisation_id
  where d.unit is not null and {_UNIT}
  group by d.unit, coalesce(o.id, p.name)
), r as (
  select *, row_number() over (partition by unit order by documents desc, mentions desc, partner) as rank from p
)
select unit, rank, partner, kind, documents, mentions from r where rank <= 5 order by unit, rank""",
    },
    "actions_due_per_month": {
        "title": "Terminy działań wg miesięcy / Actions due per month",
        "description": "Liczba działań z terminem końcowym w danym miesiącu (year = np. 2024, opcjonalnie). / "
                       "Actions whose deadline ends in each month (optional year).",
        "sql": f"""select substr(a.deadline_end, 1, 7) as month, count(*) as actions,
  count(distinct a.document_id) as documents, group_concat(distinct d.unit) as units
from actions a join documents d on d.id = a.document_id
where a.deadline_end is not null and (:year = '' or substr(a.deadline_end, 1, 4) = :year) and {_UNIT}
group by month
order by month""",
    },
}

REGION_QUERIES: dict[str, dict] = {
    "threats_by_voivodeship": {
        "title": "Zagrożenia wg województwa / Threats by voivodeship",
        "description": "Kategorie zagrożeń w dokumentach każdego województwa (tabela regions). / Threat "
                       "categories per voivodeship (from the regions table).",
        "sql": """select r.voivodeship, t.category, plany_threat_name(t.category) as threat,
  count(distinct t.document_id) as documents, count(*) as mentions
from threats t join (select distinct document_id, voivodeship from regions where voivodeship is not null) r
  on r.document_id = t.document_id
group by r.voivodeship, t.category
order by r.voivodeship, documents desc, t.category""",
    },
}


# ---- assembling ---------------------------------------------------------------------

def database_name(db_path) -> str:
    """The name Datasette gives a database file (its stem)."""
    return Path(db_path).stem


def read_tables(db_path) -> dict[str, list[str]]:
    """Tables of the database and their columns, read without writing anything."""
    uri = "file:{}?mode=ro".format(Path(db_path).resolve().as_posix())
    conn = sqlite3.connect(uri, uri=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
        out = {}
        for n in names:
            if n.startswith("sqlite_") or n.startswith("documents_fts"):
                continue
            out[n] = [r[1] for r in conn.execute(f'PRAGMA table_info("{n}")')]
        return out
    finally:
        conn.close()


def build_metadata(db_path, base_url: str = "/") -> dict:
    """Datasette metadata for the plany database at ``db_path``."""
    tables = read_tables(db_path)
    has_regions = "regions" in tables and "voivodeship" in tables["regions"]
    tmeta: dict[str, dict] = {}
    for table, columns in tables.items():
        spec = TABLES.get(table, {})
        m: dict = {
            "title": spec.get("title", table),
            "description": spec.get("description", f"tabela {table} / table {table}"),
            "columns": {c: column_description(table, c) for c in columns},
        }
        facets = [f for f in spec.get("facets", [])
                  if not isinstance(f, str) or f in columns]
        if table == "documents" and has_regions:
            facets.append({"voivodeship": "voivodeship"})
        if table == "documents" and "threats" not in tables:
            facets = [f for f in facets if not (isinstance(f, dict) and "threat" in f)]
        if facets:
            m["facets"] = facets
        for key in ("sort_desc", "label_column", "hidden"):
            if key in spec and (key != "sort_desc" or spec[key] in columns) \
                    and (key != "label_column" or spec[key] in columns):
                m[key] = spec[key]
        tmeta[table] = m
    queries = {k: dict(v) for k, v in QUERIES.items()}
    if has_regions:
        queries.update({k: dict(v) for k, v in REGION_QUERIES.items()})
    for q in queries.values():
        q.setdefault("hide_sql", True)  # the form and the results first; "show" reveals the SQL
    return {
        "title": "plany — plany bezpieczeństwa / safety plans",
        "description": "Dokumenty planowania bezpieczeństwa (plany dzielnicowych, wiadomości policji, strategie gmin) "
                       "jako dane: zagrożenia, miejsca, czas, cele, działania, partnerzy. Tylko do odczytu. / "
                       "Safety-planning documents as structured data. Read-only.",
        "license": "MIT (plany)",
        "source": "plany",
        "databases": {
            database_name(db_path): {
                "title": "plany",
                "description": "Szukaj w tabeli Dokumenty (pole Search) lub zapytaniem „search”; porównania w "
                               "zapytaniach poniżej. / Search in Documents or with the “search” query; "
                               "comparisons in the queries below.",
                "tables": tmeta,
                "queries": queries,
            }
        },
    }
