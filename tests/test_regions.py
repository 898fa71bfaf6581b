"""Regions: the reference data, region_of, region filters and the regions table."""
from __future__ import annotations

from collections import Counter

import pytest

from extractor.regions import (KGP, KSP, annotate_regions, counties, county_of_town, parse_region, parse_unit,
                               region_of, voivodeships)
from extractor.resources import read_tsv

VOIVODESHIPS = {"dolnośląskie", "kujawsko-pomorskie", "lubelskie", "lubuskie", "łódzkie", "małopolskie",
                "mazowieckie", "opolskie", "podkarpackie", "podlaskie", "pomorskie", "śląskie", "świętokrzyskie",
                "warmińsko-mazurskie", "wielkopolskie", "zachodniopomorskie"}


# ---- reference data ---------------------------------------------------------------------------

def test_sixteen_voivodeships_with_kwp():
    vs = voivodeships()
    assert {v.name for v in vs} == VOIVODESHIPS
    for v in vs:
        assert v.kwp.startswith("Komenda Wojewódzka Policji ")
    by = {v.name: v for v in vs}
    assert by["lubelskie"].kwp == "Komenda Wojewódzka Policji w Lublinie"
    assert by["dolnośląskie"].kwp == "Komenda Wojewódzka Policji we Wrocławiu"
    assert by["mazowieckie"].kwp_seat == "Radom"
    assert by["lubuskie"].kwp_seat == "Gorzów Wielkopolski"
    assert by["kujawsko-pomorskie"].kwp_seat == "Bydgoszcz"


def test_counties_380_with_66_cities():
    cs = counties()
    kinds = Counter(c.kind for c in cs)
    assert kinds == {"powiat": 314, "city": 66}
    assert {c.voivodeship for c in cs} == VOIVODESHIPS
    assert len({(c.powiat, c.voivodeship) for c in cs}) == 380
    per_v = Counter(c.voivodeship for c in cs)
    assert per_v["mazowieckie"] == 42 and per_v["śląskie"] == 36 and per_v["opolskie"] == 12
    for c in cs:
        assert c.police_hq.startswith(("Komenda Powiatowa Policji w", "Komenda Miejska Policji w", KSP)), c
        assert c.kwp.startswith("Komenda Wojewódzka Policji") or c.kwp == KSP
        if c.kind == "city":
            assert c.powiat == c.seat and c.police_hq != "" and "Powiatowa" not in c.police_hq


def test_every_gazetteer_town_has_its_county():
    index = {(c.powiat, c.voivodeship) for c in counties()}
    missing = [r["name"] for f in ("towns.tsv", "small_towns.tsv") for r in read_tsv("gazetteer", f)
               if (r["powiat"], r["voivodeship"]) not in index]
    assert missing == []


def test_ksp_serves_warsaw_and_its_counties():
    ksp = {c.powiat for c in counties() if c.kwp == KSP}
    assert ksp == {"Warszawa", "grodziski", "legionowski", "miński", "nowodworski", "otwocki", "piaseczyński",
                   "pruszkowski", "warszawski zachodni", "wołomiński"}


# ---- region_of --------------------------------------------------------------------------------

CASES = [
    # locality, unit, powiat, voivodeship, unit_parent, voivodeship HQ
    ("Łuków", "Komenda Powiatowa Policji w Łukowie", "łukowski", "lubelskie",
     "Komenda Wojewódzka Policji w Lublinie", "Komenda Wojewódzka Policji w Lublinie"),
    ("Lublin", "Komisariat Policji III w Lublinie", "Lublin", "lubelskie",
     "Komenda Miejska Policji w Lublinie", "Komenda Wojewódzka Policji w Lublinie"),
    # a village unknown to the gazetteer: the county comes from the unit's town
    ("Nowa Wieś", "Komenda Powiatowa Policji w Ełku", "ełcki", "warmińsko-mazurskie",
     "Komenda Wojewódzka Policji w Olsztynie", "Komenda Wojewódzka Policji w Olsztynie"),
    ("Goczałkowice-Zdrój", "Komenda Powiatowa Policji w Pszczynie", "pszczyński", "śląskie",
     "Komenda Wojewódzka Policji w Katowicach", "Komenda Wojewódzka Policji w Katowicach"),
    ("POŚWIĘTNE", "Komisariat Policji w Opocznie", "opoczyński", "łódzkie",
     "Komenda Powiatowa Policji w Opocznie", "Komenda Wojewódzka Policji w Łodzi"),
    # a komisariat in a town that is not the county seat
    ("Andrychów", "Komisariat Policji w Andrychowie", "wadowicki", "małopolskie",
     "Komenda Powiatowa Policji w Wadowicach", "Komenda Wojewódzka Policji w Krakowie"),
    # a land county served by the KMP of the city with powiat rights
    (None, "Komisariat Policji w Kazimierzu Dolnym", "puławski", "lubelskie",
     "Komenda Powiatowa Policji w Puławach", "Komenda Wojewódzka Policji w Lublinie"),
    ("Brzozowica Duża", None, None, None, None, None),
    ("Bełżyce", None, "lubelski", "lubelskie", None, "Komenda Wojewódzka Policji w Lublinie"),
    (None, "KPP w Łukowie", "łukowski", "lubelskie", "Komenda Wojewódzka Policji w Lublinie",
     "Komenda Wojewódzka Policji w Lublinie"),
    (None, "Komenda Miejska Policji we Wrocławiu", "Wrocław", "dolnośląskie",
     "Komenda Wojewódzka Policji we Wrocławiu", "Komenda Wojewódzka Policji we Wrocławiu"),
    (None, "Komenda Powiatowa Policji w Nowym Mieście Lubawskim", "nowomiejski", "warmińsko-mazurskie",
     "Komenda Wojewódzka Policji w Olsztynie", "Komenda Wojewódzka Policji w Olsztynie"),
    ("Piaseczno", "Komenda Powiatowa Policji w Piasecznie", "piaseczyński", "mazowieckie", KSP, KSP),
    (None, "Komenda Wojewódzka Policji w Lublinie", "Lublin", "lubelskie", KGP,
     "Komenda Wojewódzka Policji w Lublinie"),
    (None, "Komenda Stołeczna Policji", "Warszawa", "mazowieckie", KGP, KSP),
    ("Zawiercie", "Straż Miejska w Zawierciu", "zawierciański", "śląskie", None,
     "Komenda Wojewódzka Policji w Katowicach"),
    (None, None, None, None, None, None),
]


@pytest.mark.parametrize("locality,unit,powiat,voiv,parent,vhq", CASES)
def test_region_of(locality, unit, powiat, voiv, parent, vhq):
    r = region_of(locality, unit)
    assert set(r) >= {"locality", "powiat", "voivodeship", "unit", "unit_parent", "unit_voivodeship_hq"}
    assert (r["powiat"], r["voivodeship"], r["unit_parent"], r["unit_voivodeship_hq"]) == (powiat, voiv, parent, vhq)


def test_region_of_keeps_locality_and_unit():
    r = region_of("POŚWIĘTNE", "Komisariat Policji w Opocznie")
    assert r["locality"] == "Poświętne"
    assert r["unit"] == "Komisariat Policji w Opocznie"
    assert r["unit_town"] == "Opoczno" and r["unit_level"] == "station" and r["source"] == "unit"
    assert region_of("Łuków", None)["county_label"] == "powiat łukowski"
    assert region_of("Lublin", None)["county_label"] == "m. Lublin"


def test_locality_list_takes_the_first():
    assert region_of('["Łuków", "Lublin"]', None)["powiat"] == "łukowski"
    assert region_of(["Łuków", "Lublin"], None)["powiat"] == "łukowski"


@pytest.mark.parametrize("name,level,town", [
    ("Komenda Powiatowa Policji w Łukowie", "kpp", "Łuków"),
    ("Komenda Miejska Policji w Piotrkowie Trybunalskim", "kmp", "Piotrków Trybunalski"),
    ("Komenda Miejska Policji w Bielsku-Białej", "kmp", "Bielsko-Biała"),
    ("Posterunek Policji w Tymbarku", "station", "Tymbark"),
    ("KMP Lublin", "kmp", "Lublin"),
    ("Komenda Powiatowa Policji w Łukowie, ul. Międzyrzecka 77", "kpp", "Łuków"),
    ("Komenda Wojewódzka Policji z siedzibą w Radomiu", "kwp", "Radom"),
    ("Komenda Powiatowa Policji w Starych Babicach", "kpp", "Stare Babice"),
])
def test_parse_unit(name, level, town):
    u = parse_unit(name)
    assert (u.level, u.town) == (level, town)


def test_town_counties():
    assert county_of_town("Łuków").powiat == "łukowski"
    assert county_of_town("Lublin").kind == "city"
    assert county_of_town("Stare Babice").powiat == "warszawski zachodni"
    assert county_of_town("Atlantyda") is None


# ---- region filters ---------------------------------------------------------------------------

@pytest.mark.parametrize("query,voivs,cnts", [
    ("lubelskie", {"lubelskie"}, set()),
    ("województwo lubelskie", {"lubelskie"}, set()),
    ("Województwa Lubelskiego", {"lubelskie"}, set()),
    ("lodzkie", {"łódzkie"}, set()),
    ("powiat łukowski", set(), {("łukowski", "lubelskie")}),
    ("powiatu łukowskiego", set(), {("łukowski", "lubelskie")}),
    ("lubelski", set(), {("lubelski", "lubelskie")}),
    ("m. Lublin", set(), {("Lublin", "lubelskie")}),
    ("Lublin", set(), {("Lublin", "lubelskie")}),
    ("powiat średzki", set(), {("średzki", "dolnośląskie"), ("średzki", "wielkopolskie")}),
    ("powiat średzki (wielkopolskie)", set(), {("średzki", "wielkopolskie")}),
])
def test_parse_region(query, voivs, cnts):
    q = parse_region(query)
    assert (set(q.voivodeships), set(q.counties)) == (voivs, cnts)


def test_parse_region_unknown():
    with pytest.raises(ValueError, match="unknown region"):
        parse_region("Atlantyda")


def test_region_query_matches_a_village_through_its_unit():
    r = region_of("Nowa Wieś", "Komenda Powiatowa Policji w Ełku")
    assert parse_region("powiat ełcki").matches(r)
    assert parse_region("warmińsko-mazurskie").matches(r)
    assert not parse_region("lubelskie").matches(r)


# ---- the regions table ------------------------------------------------------------------------

def _rec(name, locality, unit):
    return {"source": {"path": name, "sha256": name * 4, "format": "txt"}, "text": f"Dokument {name}",
            "doc_type": "priority_plan", "locality": locality, "unit": {"name": unit, "kind": "police_hq"} if unit else None}


def test_annotate_regions_fills_updates_and_follows_deletes(tmp_path):
    from extractor.store import delete_document, import_record, open_db

    db = open_db(tmp_path / "r.db")
    _, a = import_record(db, _rec("a", "Łuków", "Komenda Powiatowa Policji w Łukowie"))
    _, b = import_record(db, _rec("b", "Brzozowica Duża", "Komenda Powiatowa Policji w Radzyniu Podlaskim"))
    out = annotate_regions(db)
    assert out[a]["powiat"] == "łukowski" and out[b]["powiat"] == "radzyński"
    rows = {r[0]: r[1:] for r in db.conn.execute(
        "SELECT document_id, locality, powiat, voivodeship, unit, unit_parent FROM regions")}
    assert rows[b] == ("Brzozowica Duża", "radzyński", "lubelskie", "Komenda Powiatowa Policji w Radzyniu Podlaskim",
                       "Komenda Wojewódzka Policji w Lublinie")
    # a re-imported document with another unit is recomputed; a deleted one disappears
    import_record(db, {**_rec("b", "Brzozowica Duża", "Komenda Powiatowa Policji w Ełku")}, force=True)
    assert annotate_regions(db)[b]["powiat"] == "ełcki"
    delete_document(db, a)
    assert annotate_regions(db).keys() == {b}
    assert [r[0] for r in db.conn.execute("SELECT document_id FROM regions")] == [b]
    db.close()
