"""Full-text search: inflection, diacritics, ł, phrases, ranking, filters, snippets."""
from __future__ import annotations

import hashlib

import pytest

from extractor.pipeline import extract_text
from extractor.store import build_fts_query, import_record, open_db, search
from extractor.store.search import parse_query, snippet

TEXTS = {
    "lukow.txt": (
        "Plan działania priorytetowego dla rejonu nr 8\n"
        "Komenda Powiatowa Policji w Łukowie\n"
        "W rejonie ul. Warszawskiej w Łukowie w godzinach wieczornych dochodzi do kradzieży rowerów.\n"
        "Działania prowadzone będą wspólnie ze Strażą Miejską.\n"
    ),
    "lodz.txt": (
        "Debata społeczna w Łodzi\n"
        "Policjanci z Łodzi spotkali się z mieszkańcami osiedla. Przedstawiciele Straży Miejskiej "
        "omówili problem spożywania alkoholu w miejscach publicznych.\n"
    ),
    "lodz2.txt": "Łódź. Spotkanie w sprawie bezpieczeństwa na osiedlu Teofilów.\n",
    "lukow2.txt": "Łuków, 12 marca 2024. Komunikat prasowy.\n",
    "lublin.txt": (
        "Strategia bezpieczeństwa miasta Lublin na lata 2009-2013\n"
        "Zakłócanie porządku publicznego i akty wandalizmu w Lublinie.\n"
    ),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    d = open_db(tmp_path_factory.mktemp("search") / "plany.db")
    ids = {}
    for path, text in TEXTS.items():
        _, ids[path] = import_record(d, extract_text(text, path=path))
    d.ids = ids
    yield d
    d.close()


def paths(hits):
    return [h["path"] for h in hits]


@pytest.mark.parametrize("query, expected", [
    ("Łuków", {"lukow.txt", "lukow2.txt"}),       # nominative finds "w Łukowie"
    ("lukow", {"lukow.txt", "lukow2.txt"}),       # without diacritics
    ("Łukowie", {"lukow.txt", "lukow2.txt"}),     # inflected finds the nominative
    ("lukowie", {"lukow.txt", "lukow2.txt"}),     # diacritic-free and inflected: stem
    ("lodz", {"lodz.txt", "lodz2.txt"}),          # ł folded: finds "Łódź" and "Łodzi"
    ("Łódź", {"lodz.txt", "lodz2.txt"}),
    ("Łodzi", {"lodz.txt", "lodz2.txt"}),         # inflected query finds the nominative via lemma
    ("straz miejska", {"lukow.txt", "lodz.txt"}),  # "Strażą Miejską", "Straży Miejskiej"
    ("Straż Miejska", {"lukow.txt", "lodz.txt"}),
    ("kradziez", {"lukow.txt"}),
    ("kradziezy rowerow", {"lukow.txt"}),         # diacritic-free inflected words
    ("kradzież rower", {"lukow.txt"}),            # lemma of "rowerów"
    ("porządek publiczny", {"lublin.txt"}),       # "porządku publicznego"
    ("wandalizm", {"lublin.txt"}),
    ("Lublin", {"lublin.txt"}),
])
def test_inflected_and_diacritic_free_queries(db, query, expected):
    assert set(paths(search(db, query))) == expected


def test_phrase_and_or(db):
    assert set(paths(search(db, '"straży miejskiej"'))) == {"lukow.txt", "lodz.txt"}
    assert paths(search(db, '"miejskiej straży"')) == []  # order matters in a phrase
    assert set(paths(search(db, "wandalizm OR kradzież"))) == {"lublin.txt", "lukow.txt"}
    assert paths(search(db, "wandalizm kradzież")) == []  # words are ANDed


def test_odd_queries_do_not_break(db):
    for q in ['"', '*', "AND", "OR", "NOT", "(", "a\"b", "x:y", "NEAR(", "-", "ł", "2009-2013", "{col}"]:
        search(db, q)  # no sqlite3.OperationalError
    assert build_fts_query("") == "" and build_fts_query("   ") == ""


def test_ranking_prefers_more_and_key_matches(db):
    hits = search(db, "Łódź")
    assert hits[0]["path"] == "lodz.txt"  # "Łodzi" twice, in the title too
    assert hits[0]["score"] >= hits[1]["score"]


def test_snippet_highlights_original_text(db):
    hit = search(db, "lodz")[0]
    assert "[Łodzi]" in hit["snippet"]
    hit = search(db, "straz miejska")
    snips = {h["path"]: h["snippet"] for h in hit}
    assert "[Strażą] [Miejską]" in snips["lukow.txt"]
    assert "[Straży] [Miejskiej]" in snips["lodz.txt"]
    s = snippet("a " * 500 + "Łódź " + "b " * 500, parse_query("lodz"), marks=("<", ">"), width=60)
    assert "<Łódź>" in s and s.startswith("…") and s.endswith("…") and len(s) < 120


def test_result_fields(db):
    hit = [h for h in search(db, "lukow") if h["path"] == "lukow.txt"][0]
    assert set(hit) >= {"id", "path", "doc_type", "date", "locality", "unit", "score", "snippet"}
    assert hit["id"] == db.ids["lukow.txt"]


# ---- filters -------------------------------------------------------------------------------

def _rec(path, text, **fields):
    rec = {"schema_version": "1.0",
           "source": {"path": path, "sha256": hashlib.sha256(text.encode()).hexdigest(), "format": "txt"},
           "doc_type": None, "date": None, "period": None, "unit": None, "locality": None, "text": text}
    rec.update(fields)
    return rec


@pytest.fixture(scope="module")
def fdb(tmp_path_factory):
    d = open_db(tmp_path_factory.mktemp("filters") / "plany.db")
    recs = [
        _rec("p1.txt", "Plan: kradzieże w rejonie dworca.", doc_type="priority_plan", date="2024-02-01",
             period={"start": "2024-01-01", "end": "2024-06-30"},
             unit={"name": "Komenda Powiatowa Policji w Łukowie", "kind": "police_hq"}, locality="Łuków"),
        _rec("p2.txt", "Plan: kradzieże na osiedlu.", doc_type="priority_plan", date="2023-03-01",
             period={"start": "2023-01-01", "end": "2023-12-31"},
             unit={"name": "Komenda Miejska Policji w Łodzi", "kind": "police_hq"}, locality="Łódź"),
        _rec("n1.txt", "Debata: kradzieże rowerów w Łodzi.", doc_type="news", date="2024-05-10", locality="Łódź"),
        _rec("s1.txt", "Strategia: kradzieże i wandalizm.", doc_type="strategy",
             period={"start": "2009-01-01", "end": "2013-12-31"},
             unit={"name": "Urząd Miasta Lublin"}, locality="Lublin"),
    ]
    for r in recs:
        import_record(d, r)
    yield d
    d.close()


def test_locality_filter_folds_and_inflects(fdb):
    for q in ("Łódź", "lodz", "Łodzi", "ŁÓDŹ"):
        assert set(paths(search(fdb, "kradzież", locality=q))) == {"p2.txt", "n1.txt"}, q
    for q in ("Łuków", "lukow", "Łukowie", "lukowie"):
        assert paths(search(fdb, "kradzież", locality=q)) == ["p1.txt"], q
    assert paths(search(fdb, "kradzież", locality="Lublinie")) == ["s1.txt"]
    assert paths(search(fdb, "kradzież", locality="Kraków")) == []
    assert paths(search(fdb, "kradzież", locality="Lubliniec")) == []


def test_unit_filter(fdb):
    assert paths(search(fdb, "kradzież", unit="KPP Łuków")) == ["p1.txt"]
    assert paths(search(fdb, "kradzież", unit="komenda powiatowa")) == ["p1.txt"]
    assert paths(search(fdb, "kradzież", unit="Komenda Miejska Policji w Łodzi")) == ["p2.txt"]
    assert set(paths(search(fdb, "kradzież", unit="komenda"))) == {"p1.txt", "p2.txt"}


def test_year_filter_uses_date_or_period(fdb):
    assert set(paths(search(fdb, "kradzież", year=2024))) == {"p1.txt", "n1.txt"}
    assert set(paths(search(fdb, "kradzież", year="2023"))) == {"p2.txt"}
    assert paths(search(fdb, "kradzież", year=2011)) == ["s1.txt"]  # inside 2009-2013
    assert paths(search(fdb, "kradzież", year=2020)) == []


def test_doc_type_limit_and_filters_without_query(fdb):
    assert paths(search(fdb, "kradzież", doc_type="news")) == ["n1.txt"]
    assert len(search(fdb, "kradzież", limit=2)) == 2
    # no query: filters only, newest first, no score
    hits = search(fdb, "", doc_type="priority_plan")
    assert paths(hits) == ["p1.txt", "p2.txt"] and hits[0]["score"] is None
    assert paths(search(fdb, None, locality="lodz", year=2024)) == ["n1.txt"]
