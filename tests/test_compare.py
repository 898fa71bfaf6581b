"""``plany compare`` and ``extractor.compare``: a hand-made dataset with hand-written expected counts,
the project's corpus (and ../shared/seeds when present) imported through the pipeline, every WHAT
and format, filters, charts and CLI errors."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.compare import ALLOWED, CompareError, Table, compare
from extractor.compare.core import threat_label
from extractor.store import import_record, open_db

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "docs"
SEEDS = ROOT.parent / "shared" / "seeds"

ALC = threat_label("alcohol_public")        # "Spożywanie alkoholu w miejscach niedozwolonych"
VAN = threat_label("vandalism")
PARK = threat_label("illegal_parking")
DRUGS = threat_label("drugs")
DISORDER = threat_label("public_disorder")


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


# ---- a hand-made dataset -------------------------------------------------------------------------

def _rec(name, *, locality, unit=None, doc_type="priority_plan", date=None, period=None, threats=(),
         targets=(), partners=(), deadlines=()):
    text = f"Dokument testowy {name}."
    return {
        "source": {"path": f"{name}.txt", "sha256": f"{name:0>64}", "format": "txt"},
        "text": text, "doc_type": doc_type, "date": date,
        "period": {"start": period[0], "end": period[1]} if period else None,
        "locality": locality, "unit": {"name": unit, "kind": "police_hq"} if unit else None,
        "threats": [{"category": c, "text": c, "start": 0, "end": 1} for c in threats],
        "targets": [{"direction": d, "value": v, "unit": "percent" if v is not None else None, "qualifier": None,
                     "metric": None, "text": t, "start": 0, "end": 1} for d, v, t in targets],
        "partners": [{"name": n, "kind": k, "text": n, "start": 0, "end": 1} for n, k in partners],
        "actions": [{"text": "działanie", "start": 0, "end": 1,
                     "deadline": {"start": None, "end": e, "granularity": "day"} if e else None}
                    for e in deadlines],
    }


HAND = [
    _rec("1", locality="Łuków", unit="Komenda Powiatowa Policji w Łukowie", period=("2024-01-01", "2024-06-30"),
         threats=["alcohol_public", "vandalism"],
         targets=[("decrease", 40, "Ograniczenie spożywania alkoholu w miejscach publicznych o 40%"),
                  ("eliminate", None, "Wyeliminowanie aktów wandalizmu")],
         partners=[("Straż Miejska w Łukowie", "municipal_police"),
                   ("Miejski Ośrodek Pomocy Społecznej w Łukowie", "social_welfare")],
         deadlines=["2024-03-31", "2024-06-30"]),
    _rec("2", locality="Łuków", unit="Komenda Powiatowa Policji w Łukowie", period=("2024-07-01", "2024-12-31"),
         threats=["alcohol_public"], targets=[("decrease", 20, "Zmniejszenie spożywania alkoholu o 20%")],
         partners=[("Straży Miejskiej w Łukowie", "municipal_police")], deadlines=["2024-09-30", None]),
    # a village the gazetteer does not know; its unit names the county town (Radzyń Podlaski)
    _rec("3", locality="Brzozowica Duża", unit="Komenda Powiatowa Policji w Radzyniu Podlaskim",
         period=("2023-07-01", "2023-12-31"), threats=["illegal_parking", "alcohol_public"],
         targets=[("decrease", 50, "Ograniczenie nieprawidłowego parkowania o 50%")],
         partners=[("Urząd Gminy Radzyń Podlaski", "local_government")], deadlines=["2023-12-31"]),
    _rec("4", locality="Lublin", unit="Komisariat Policji III w Lublinie", period=("2024-01-01", "2024-06-30"),
         threats=["drugs"], targets=[("increase", 10, "Zwiększenie liczby kontroli o 10%")],
         partners=[("Szkoła Podstawowa nr 4 w Lublinie", "school")], deadlines=["2024-02-29", "2024-02-15"]),
    _rec("5", locality="Kraków", unit="Komenda Miejska Policji w Krakowie", doc_type="news", date="2022-05-10",
         threats=["alcohol_public", "public_disorder"], partners=[("Straż Miejska w Krakowie", "municipal_police")]),
    _rec("6", locality="Gdańsk", doc_type="strategy", period=("2021-01-01", "2025-12-31"),
         targets=[("maintain", None, "Utrzymanie poziomu bezpieczeństwa")]),
]


@pytest.fixture(scope="module")
def hand_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("compare_hand") / "hand.db"
    db = open_db(path)
    for r in HAND:
        import_record(db, r)
    db.close()
    return path


@pytest.fixture
def hdb(hand_db):
    db = open_db(hand_db, create=False)
    yield db
    db.close()


def counts(table: Table, group: str) -> dict:
    """{row label: count} of one group column (without the footer)."""
    i = table.columns.index(group)
    return {r[0]: r[i] for r in table.data_rows if r[i]}


def test_threats_by_locality_hand_counts(hdb):
    t = compare(hdb, "threats", "locality")
    assert t.groups == ["Łuków", "Brzozowica Duża", "Gdańsk", "Kraków", "Lublin"]
    assert counts(t, "Łuków") == {ALC: 2, VAN: 1}
    assert counts(t, "Brzozowica Duża") == {ALC: 1, PARK: 1}
    assert counts(t, "Lublin") == {DRUGS: 1}
    assert counts(t, "Kraków") == {ALC: 1, DISORDER: 1}
    assert counts(t, "Gdańsk") == {}
    assert counts(t, "Razem") == {ALC: 4, VAN: 1, PARK: 1, DRUGS: 1, DISORDER: 1}
    assert t.data_rows[0][0] == ALC                                   # most frequent first
    assert t.cell(ALC, "Łuków %") == 100.0 and t.cell(ALC, "Razem %") == 66.7
    assert t.cell(VAN, "Łuków %") == 50.0
    assert t.rows[-1][0] == "Liczba dokumentów" and t.cell("Liczba dokumentów", "Razem") == 6
    assert t.cell("Liczba dokumentów", "Łuków") == 2


def test_threats_by_other_dimensions(hdb):
    assert counts(compare(hdb, "threats", "voivodeship"), "lubelskie") == {ALC: 3, VAN: 1, PARK: 1, DRUGS: 1}
    t = compare(hdb, "threats", "county")
    assert counts(t, "powiat łukowski") == {ALC: 2, VAN: 1}
    assert counts(t, "powiat radzyński") == {ALC: 1, PARK: 1}
    assert counts(t, "m. Lublin") == {DRUGS: 1}
    t = compare(hdb, "threats", "period")
    assert t.groups == ["2021-H1", "2022-H1", "2023-H2", "2024-H1", "2024-H2"]   # chronological
    assert counts(t, "2024-H1") == {ALC: 1, VAN: 1, DRUGS: 1}
    assert counts(t, "2022-H1") == {ALC: 1, DISORDER: 1}                        # a news item: its date
    t = compare(hdb, "threats", "doc_type")
    assert counts(t, "informacja") == {ALC: 1, DISORDER: 1}
    t = compare(hdb, "threats", "unit")
    assert counts(t, "Komenda Powiatowa Policji w Łukowie") == {ALC: 2, VAN: 1}
    assert "(brak)" in t.groups                                                  # the strategy has no unit


def test_filters(hdb):
    assert counts(compare(hdb, "threats", "all", region="lubelskie"), "Razem") == {ALC: 3, VAN: 1, PARK: 1, DRUGS: 1}
    assert counts(compare(hdb, "threats", "all", region="województwo lubelskie"), "Razem")[ALC] == 3
    # the village is found through its unit's county
    t = compare(hdb, "threats", "locality", region="powiat radzyński")
    assert t.groups == ["Brzozowica Duża"] and counts(t, "Razem") == {ALC: 1, PARK: 1}
    assert compare(hdb, "threats", "locality", region="powiatu łukowskiego").groups == ["Łuków"]
    assert compare(hdb, "threats", "locality", region="m. Lublin").groups == ["Lublin"]
    assert counts(compare(hdb, "threats", "all", year=2024), "Razem") == {ALC: 2, VAN: 1, DRUGS: 1}
    assert compare(hdb, "threats", "all", year=2024).cell("Liczba dokumentów", "Razem") == 4   # + the 2021–2025 strategy
    assert counts(compare(hdb, "threats", "all", locality="Łukowie"), "Razem") == {ALC: 2, VAN: 1}
    assert counts(compare(hdb, "threats", "all", unit="KPP Łuków"), "Razem") == {ALC: 2, VAN: 1}
    assert counts(compare(hdb, "threats", "all", doc_type="news"), "Razem") == {ALC: 1, DISORDER: 1}
    # the threat filter keeps documents naming it, and only that threat's row
    t = compare(hdb, "threats", "locality", threat="alkohol")
    assert counts(t, "Razem") == {ALC: 4}
    assert counts(compare(hdb, "threats", "all", threat="parking"), "Razem") == {PARK: 1}
    with pytest.raises(CompareError, match="unknown threat"):
        compare(hdb, "threats", "all", threat="zzzz")
    with pytest.raises(CompareError, match="unknown region"):
        compare(hdb, "threats", "all", region="Atlantyda")


def test_top_and_groups(hdb):
    t = compare(hdb, "threats", "locality", top=2, groups=2)
    assert [r[0] for r in t.data_rows] == [ALC, VAN]        # ties by name: "Akty wandalizmu" first
    assert t.groups == ["Łuków", "Brzozowica Duża", "pozostałe"]
    assert t.cell(ALC, "pozostałe") == 1 and t.cell("Liczba dokumentów", "pozostałe") == 3


def test_targets_hand(hdb):
    t = compare(hdb, "targets")
    assert t.columns[:10] == ["Zagrożenie", "Cele", "Dokumenty", "Cele procentowe", "Mediana %", "Min %", "Q1 %",
                              "Q3 %", "Max %", "IQR (p.p.)"]
    alc = dict(zip(t.columns, t.row(ALC)))
    assert (alc["Cele"], alc["Cele procentowe"], alc["Mediana %"], alc["Min %"], alc["Max %"]) == (2, 2, 30.0, 20.0, 40.0)
    assert (alc["Q1 %"], alc["Q3 %"], alc["IQR (p.p.)"], alc["Zmniejszenie"]) == (25.0, 35.0, 10.0, 2)
    assert t.cell(VAN, "Eliminacja") == 1 and t.cell(VAN, "Mediana %") is None
    assert t.cell(PARK, "Mediana %") == 50.0                     # named by its text in a two-threat document
    assert t.cell(DRUGS, "Zwiększenie") == 1                     # the document's only threat
    assert t.cell("(nieprzypisane)", "Utrzymanie") == 1          # a strategy without threats
    total = dict(zip(t.columns, t.rows[-1]))
    assert (total["Cele"], total["Cele procentowe"], total["Mediana %"], total["Min %"], total["Max %"]) == \
        (6, 4, 30.0, 10.0, 50.0)
    t = compare(hdb, "targets", "voivodeship")
    assert t.cell("lubelskie", "Cele") == 5 and t.cell("lubelskie", "Mediana %") == 30.0
    assert t.cell("pomorskie", "Utrzymanie") == 1


def test_partners_hand(hdb):
    t = compare(hdb, "partners", "unit")
    kpp = "Komenda Powiatowa Policji w Łukowie"
    assert t.cell("rodzaj: straż miejska/gminna", kpp) == 2
    assert t.cell("rodzaj: straż miejska/gminna", "Razem") == 3
    assert t.cell("rodzaj: pomoc społeczna", kpp) == 1
    # the two spellings of Łuków's municipal police are one canonical body, Kraków's is another
    body = [r for r in t.data_rows if r[0].startswith("Straż Miejska w Łukowie")]
    assert len(body) == 1 and body[0][t.columns.index(kpp)] == 2
    assert t.cell("Straż Miejska w Krakowie", "Komenda Miejska Policji w Krakowie") == 1
    assert t.cell("Szkoła Podstawowa nr 4 w Lublinie", "Rodzaj") == "szkoły i placówki oświatowe"


def test_deadlines_hand(hdb):
    t = compare(hdb, "deadlines")
    rows = {r[0]: r[t.columns.index("Razem")] for r in t.data_rows}
    assert list(rows) == ["2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07",
                          "2024-08", "2024-09"]
    assert rows == {"2023-12": 1, "2024-01": 0, "2024-02": 2, "2024-03": 1, "2024-04": 0, "2024-05": 0,
                    "2024-06": 1, "2024-07": 0, "2024-08": 0, "2024-09": 1}
    assert t.cell("Działania z terminem", "Razem") == 6
    assert any("bez terminu: 1" in n for n in t.notes)
    t = compare(hdb, "deadlines", "locality")
    assert t.cell("2024-02", "Lublin") == 2 and t.cell("2024-02", "Lublin %") == 100.0
    assert t.cell("2024-03", "Łuków") == 1 and t.cell("2024-03", "Łuków %") == pytest.approx(33.3)


def test_api_errors(hdb):
    with pytest.raises(CompareError, match="unknown comparison"):
        compare(hdb, "weather", "locality")
    with pytest.raises(CompareError, match="unknown dimension"):
        compare(hdb, "threats", "colour")
    with pytest.raises(CompareError, match="unknown dimension"):
        compare(hdb, "threats", "threat")           # threats by threat makes no sense


def test_aliases_and_path(hand_db):
    t = compare(str(hand_db), "threats", "województwo")
    assert t.by == "voivodeship" and "lubelskie" in t.groups
    assert compare(hand_db, "threats", "powiat").by == "county"


# ---- formats and the CLI on the hand-made dataset -------------------------------------------------

def test_cli_formats(hand_db):
    r = run("compare", "threats", "--by", "locality", "--db", hand_db)
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].startswith("Zagrożenia według miejscowości")
    header = lines[1]
    assert header.split()[0] == "Zagrożenie" and "Łuków" in header and "Razem" in header
    alc = next(ln for ln in lines if ln.startswith(ALC))
    assert "2 (100%)" in alc and "4 (67%)" in alc
    # aligned: every cell of a column ends at the same place
    end = header.index("Razem") + len("Razem")
    assert all(len(ln) >= end for ln in lines[1:4])

    r = run("compare", "threats", "--by", "locality", "--db", hand_db, "--format", "csv")
    assert r.exit_code == 0
    rows = list(csv.reader(io.StringIO(r.output)))
    assert rows[0][:3] == ["Zagrożenie", "Łuków", "Łuków %"]
    alc = next(x for x in rows if x[0] == ALC)
    assert alc[1:3] == ["2", "100"]

    r = run("compare", "targets", "--db", hand_db, "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data["what"] == "targets" and data["by"] == "threat"
    row = next(x for x in data["rows"] if x["Zagrożenie"] == ALC)
    assert row["Mediana %"] == 30.0

    for what in ("partners", "deadlines"):
        for fmt in ("table", "csv", "json"):
            r = run("compare", what, "--db", hand_db, "--format", fmt)
            assert r.exit_code == 0, (what, fmt, r.output)
            assert r.output.strip()


def test_cli_region_filter(hand_db):
    r = run("compare", "threats", "--by", "county", "--region", "powiat radzyński", "--db", hand_db, "-f", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["filters"] == {"region": "powiat radzyński"}
    assert [c for c in data["columns"] if not c.endswith("%")] == ["Zagrożenie", "powiat radzyński", "Razem"]


@pytest.mark.parametrize("args,code,msg", [
    (["compare", "weather"], 2, "unknown comparison 'weather'"),
    (["compare", "threats", "--by", "colour"], 2, "unknown dimension 'colour'"),
    (["compare", "threats", "--format", "xml"], 2, "unknown format"),
    (["compare", "threats", "--region", "Atlantyda"], 2, "unknown region"),
    (["compare", "threats", "--threat", "zzzz"], 2, "unknown threat"),
    (["compare", "threats", "--chart", "out.gif"], 2, "chart must be"),
])
def test_cli_errors(hand_db, args, code, msg):
    r = run(*args, "--db", hand_db)
    assert r.exit_code == code
    out = r.output.strip().splitlines()
    assert len(out) == 1 and msg in out[0] and out[0].startswith("plany: ")


def test_cli_missing_db(tmp_path):
    r = run("compare", "threats", "--db", tmp_path / "none.db")
    assert r.exit_code == 1
    out = r.output.strip().splitlines()
    assert len(out) == 1 and "no such database" in out[0]
    assert not (tmp_path / "none.db").exists()


# ---- charts ------------------------------------------------------------------------------------

def _is_png(p: Path) -> bool:
    return p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("what,by", [("threats", "locality"), ("threats", "period"), ("targets", None),
                                     ("partners", "unit"), ("deadlines", "locality"), ("deadlines", None)])
def test_chart_png(hand_db, tmp_path, what, by):
    out = tmp_path / f"{what}.png"
    args = ["compare", what, "--db", hand_db, "--chart", out] + (["--by", by] if by else [])
    r = run(*args)
    assert r.exit_code == 0, r.output
    assert out.exists() and _is_png(out)
    assert 10_000 < out.stat().st_size < 3_000_000
    from PIL import Image

    with Image.open(out) as im:
        w, h = im.size
    assert 600 <= w <= 4000 and 250 <= h <= 5000


def test_chart_svg_has_polish_text(hand_db, tmp_path):
    out = tmp_path / "threats.svg"
    r = run("compare", "threats", "--by", "voivodeship", "--db", hand_db, "--chart", out, "-f", "csv")
    assert r.exit_code == 0, r.output
    s = out.read_text(encoding="utf-8")
    assert s.lstrip().startswith("<?xml") and "<svg" in s and 5_000 < len(s) < 3_000_000
    assert "Zagrożenia według województw" in s and "Spożywanie alkoholu" in s and "Województwo" in s


def test_chart_empty_selection(hand_db, tmp_path):
    out = tmp_path / "empty.png"
    r = run("compare", "threats", "--db", hand_db, "--year", "1990", "--chart", out)
    assert r.exit_code == 0, r.output
    assert _is_png(out)


# ---- the real corpus -------------------------------------------------------------------------------

def _import_dir(db, path: Path) -> int:
    from extractor.pipeline import iter_documents, process

    n = 0
    for item in iter_documents([str(path)]):
        if isinstance(item, Exception):
            continue
        import_record(db, process(item, "auto").to_record())
        n += 1
    return n


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("compare_corpus") / "corpus.db"
    db = open_db(path)
    n = _import_dir(db, CORPUS)
    db.close()
    assert n >= 40
    return path


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the shared seed documents are not available here")
    path = tmp_path_factory.mktemp("compare_seeds") / "seeds.db"
    db = open_db(path)
    n = _import_dir(db, SEEDS)
    db.close()
    if not n:
        pytest.skip(f"{SEEDS} holds no documents")
    return path


def _hand_counts(path) -> tuple[dict, Counter]:
    """{locality: Counter(threat label)} and documents per locality, straight from the stored records."""
    from extractor.store import get_document

    db = open_db(path, create=False)
    try:
        per: dict[str, Counter] = defaultdict(Counter)
        docs = Counter()
        for (doc_id,) in db.conn.execute("SELECT id FROM documents"):
            rec = get_document(db, doc_id)
            loc = rec.get("locality")
            locs = loc if isinstance(loc, list) else [loc]
            locs = [x for x in locs if x] or ["(brak)"]
            cats = {t["category"] for t in rec.get("threats") or []}
            for lo in locs:
                docs[lo] += 1
                for c in cats:
                    per[lo][threat_label(c)] += 1
        return per, docs
    finally:
        db.close()


def _check_against_records(path):
    per, docs = _hand_counts(path)
    t = compare(path, "threats", "locality")
    # an all-caps locality is shown as a register writes it; compare case-insensitively
    got = {g.casefold(): counts(t, g) for g in t.groups}
    want = {lo.casefold(): dict(c) for lo, c in per.items()}
    for lo in docs:
        assert got.get(lo.casefold(), {}) == want.get(lo.casefold(), {}), lo
    footer = {g.casefold(): t.cell("Liczba dokumentów", g) for g in t.groups}
    assert footer == {lo.casefold(): n for lo, n in docs.items()}
    assert t.cell("Liczba dokumentów", "Razem") == sum(1 for _ in _doc_ids(path))


def _doc_ids(path):
    db = open_db(path, create=False)
    try:
        return [r[0] for r in db.conn.execute("SELECT id FROM documents")]
    finally:
        db.close()


def test_corpus_threats_by_locality_matches_records(corpus_db):
    _check_against_records(corpus_db)


def test_seeds_threats_by_locality_matches_records(seeds_db):
    _check_against_records(seeds_db)


def test_corpus_every_what_and_format(corpus_db):
    for what in ("threats", "targets", "partners", "deadlines"):
        for fmt in ("table", "csv", "json"):
            r = run("compare", what, "--db", corpus_db, "--format", fmt)
            assert r.exit_code == 0, (what, fmt, r.output)
            if fmt == "json":
                data = json.loads(r.output)
                assert data["rows"] and data["columns"]
            if fmt == "csv":
                rows = list(csv.reader(io.StringIO(r.output)))
                assert len({len(x) for x in rows}) == 1


def test_corpus_regions_for_every_document(corpus_db):
    db = open_db(corpus_db, create=False)
    try:
        from extractor.regions import annotate_regions

        regions = annotate_regions(db)
        n_docs = db.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert len(regions) == n_docs
        known = sum(1 for r in regions.values() if r["voivodeship"])
        assert known >= 0.9 * n_docs
        assert db.conn.execute("SELECT count(*) FROM regions").fetchone()[0] == n_docs
    finally:
        db.close()


def test_corpus_region_filter_finds_villages_through_their_unit(corpus_db):
    """Documents whose locality is a village (not in the gazetteer) but whose unit names the county town
    are found by a filter on that county and on its voivodeship."""
    from extractor.nlp.gazetteer import town_info
    from extractor.regions import region_of

    db = open_db(corpus_db, create=False)
    try:
        rows = db.conn.execute("SELECT id, locality, unit FROM documents").fetchall()
    finally:
        db.close()
    villages = [(i, loc, u) for i, loc, u in rows
                if loc and not loc.startswith("[") and not town_info(loc) and region_of(loc, u)["source"] == "unit"]
    if not villages:
        pytest.skip("no document in the corpus names a village with a county-town unit")
    for _id, loc, unit in villages:
        reg = region_of(loc, unit)
        for q in (f"powiat {reg['powiat']}", reg["voivodeship"]):
            t = compare(corpus_db, "threats", "locality", region=q)
            assert any(g.casefold() == reg["locality"].casefold() for g in t.groups), (loc, q, t.groups)


def test_corpus_chart(corpus_db, tmp_path):
    out = tmp_path / "corpus.png"
    r = run("compare", "threats", "--by", "voivodeship", "--db", corpus_db, "--chart", out, "--top", "10")
    assert r.exit_code == 0, r.output
    assert _is_png(out) and out.stat().st_size > 20_000


# ---- the SQL engine gives the Python path's tables ---------------------------------------------

FILTERS = [{}, {"region": "lubelskie"}, {"region": "powiat łukowski"}, {"year": 2024}, {"year": 2023},
           {"locality": "Lublin"}, {"locality": "Łuków"}, {"unit": "KPP Łuków"}, {"threat": "alkohol"},
           {"threat": "wandalizm"}, {"doc_type": "priority_plan"}, {"doc_type": "news"},
           {"region": "mazowieckie", "year": 2024}, {"locality": "Nieistniejąca Wieś"}]


def _same_tables(path, filters=FILTERS, extra=({"top": 3}, {"groups": 2}, {"top": 2, "groups": 3})):
    from extractor.compare import ALLOWED

    db = open_db(path, create=False)
    n = 0
    try:
        for what, bys in ALLOWED.items():
            for by in bys:
                for f in list(filters) + list(extra):
                    a = compare(db, what, by, engine="python", **f)
                    b = compare(db, what, by, engine="sql", **f)
                    key = (what, by, f)
                    assert a.columns == b.columns, key
                    assert a.rows == b.rows, key
                    assert (a.title, a.notes, a.groups, a.kinds, a.share_of) == \
                        (b.title, b.notes, b.groups, b.kinds, b.share_of), key
                    n += 1
    finally:
        db.close()
    return n


def test_sql_engine_matches_python_hand(hand_db):
    assert _same_tables(hand_db) > 100


def test_sql_engine_matches_python_corpus_and_grown_copy(corpus_db, tmp_path):
    import shutil

    from extractor.bench import grow_database

    assert _same_tables(corpus_db) > 100
    grown = tmp_path / "grown.db"
    shutil.copy(corpus_db, grown)
    for ext in ("-wal", "-shm"):
        if Path(str(corpus_db) + ext).exists():
            shutil.copy(str(corpus_db) + ext, str(grown) + ext)
    n0 = len(_doc_ids(grown))
    assert grow_database(grown, n0 * 4 + 7) == n0 * 4 + 7
    assert _same_tables(grown, filters=FILTERS[:6] + FILTERS[8:11], extra=({"top": 3, "groups": 4},)) > 50
    # a change after the groups were written: the queue brings them up to date
    db = open_db(grown, create=False)
    db.conn.execute("UPDATE documents SET locality = 'Ełk', doc_type = 'news' WHERE id = (SELECT min(id) FROM documents)")
    db.conn.execute("DELETE FROM documents WHERE id = (SELECT max(id) FROM documents)")
    db.conn.commit()
    db.close()
    assert _same_tables(grown, filters=[{}], extra=()) > 20


def test_sql_engine_is_the_default_and_reads_the_groups(hand_db):
    db = open_db(hand_db, create=False)
    try:
        compare(db, "threats", "locality")
        assert db.conn.execute("SELECT count(DISTINCT document_id) FROM documents_fts_groups").fetchone()[0] == \
            db.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert db.conn.execute("SELECT count(*) FROM documents_fts_queue").fetchone()[0] == 0
        with pytest.raises(CompareError):
            compare(db, "threats", engine="perl")
    finally:
        db.close()


def _objects(rows) -> dict:
    """{(what, dim, key): {label: n}} of documents_fts_agg rows."""
    out: dict = defaultdict(dict)
    for what, dim, key, label, n in rows:
        out[(what, dim, key)][label] = n
    return out


def test_incremental_summaries_equal_a_rebuild(hand_db, tmp_path):
    import shutil

    from extractor.bench import grow_database
    from extractor.compare.sql import refresh_summaries

    p = tmp_path / "h.db"
    shutil.copy(hand_db, p)
    grow_database(p, 40)
    db = open_db(p, create=False)
    try:
        compare(db, "threats")  # incremental: the copies were queued
        db.conn.execute("DELETE FROM documents WHERE id IN (SELECT id FROM documents ORDER BY id DESC LIMIT 3)")
        db.conn.execute("UPDATE documents SET period_start = '2025-09-01' WHERE id = (SELECT min(id) FROM documents)")
        db.conn.commit()
        compare(db, "threats")
        dump = lambda: sorted(db.conn.execute("SELECT what, dim, key, label, n FROM documents_fts_agg").fetchall(),
                              key=repr)
        inc = dump()
        assert inc and all(r[4] > 0 for r in inc)
        dump_json = lambda: {r[:3]: json.loads(r[3]) for r in db.conn.execute("SELECT * FROM documents_fts_aggj")}
        inc_json = dump_json()
        assert inc_json == {k: dict(v) for k, v in _objects(inc).items()}
        with db.conn:
            refresh_summaries(db.conn, None)
        assert dump() == inc
        assert dump_json() == inc_json
    finally:
        db.close()


# ---- partner bodies: sums per organisation name and kind (schema 6) ------------------------------------

def _add_org(db, name: str, kind: str | None, doc_id: int, *, action: bool = False) -> int:
    """A new organisation row (the same name as another, as an import makes one per document) named by
    a document as a partner, or as an action partner."""
    c = db.conn
    oid = c.execute("INSERT INTO organisations (name, kind, core) VALUES (?, ?, ?)", (name, kind, name.lower())).lastrowid
    if action:
        act = c.execute("SELECT id FROM actions WHERE document_id = ? ORDER BY id LIMIT 1", (doc_id,)).fetchone()[0]
        c.execute("INSERT INTO action_partners (document_id, action_id, name, organisation_id) VALUES (?, ?, ?, ?)",
                  (doc_id, act, name, oid))
    else:
        c.execute("INSERT INTO partners (document_id, idx, name, kind, organisation_id) VALUES (?, 99, ?, ?, ?)",
                  (doc_id, name, kind, oid))
    c.execute("INSERT OR IGNORE INTO documents_fts_queue (document_id) VALUES (?)", (doc_id,))
    c.commit()
    return oid


def test_partner_bodies_are_summed_per_name(hand_db, tmp_path):
    """Two organisations of one name are one body: its counts are the sum of theirs (SQL engine = Python
    engine); the stored keys are per name and kind, not per organisation."""
    import shutil

    p = tmp_path / "h.db"
    shutil.copy(hand_db, p)
    db = open_db(p, create=False)
    try:
        doc1 = db.execute("SELECT id FROM documents ORDER BY id LIMIT 1").fetchone()[0]
        _add_org(db, "Straż Miejska w Krakowie", "municipal_police", doc1)
        _add_org(db, "Straż  Miejska w Krakowie", "municipal_police", doc1, action=True)  # spaces: the same label
        for by in ("unit", "locality", "all", "period"):
            t = compare(db, "partners", by)
            assert t.rows == compare(db, "partners", by, engine="python").rows, by
        t = compare(db, "partners", "unit")
        kpp = "Komenda Powiatowa Policji w Łukowie"
        assert t.cell("Straż Miejska w Krakowie", kpp) == 2      # two organisations of doc 1
        assert t.cell("Straż Miejska w Krakowie", "Razem") == 3
        assert t.cell("Straż Miejska w Krakowie", "Rodzaj") == "straż miejska/gminna"
        whats = {w for (w,) in db.execute("SELECT DISTINCT what FROM documents_fts_keys")}
        assert "body" in whats and "org" not in whats
        for f in ({"year": 2024}, {"region": "lubelskie"}, {"locality": "Łuków"}, {"threat": "alkohol"}):
            assert compare(db, "partners", "unit", **f).rows == \
                compare(db, "partners", "unit", engine="python", **f).rows, f
    finally:
        db.close()


def test_partner_body_kind_of_differing_organisations(hand_db, tmp_path):
    """Organisations of one name with different kinds: the body's kind is that of the highest id among the
    organisations the selected documents name; a changed kind (of a partner or of an action partner)
    queues the documents naming it and moves the kind."""
    import shutil

    p = tmp_path / "h.db"
    shutil.copy(hand_db, p)
    db = open_db(p, create=False)
    try:
        doc1, doc2 = [r[0] for r in db.execute("SELECT id FROM documents ORDER BY id LIMIT 2")]
        name = "Straż Miejska w Krakowie"
        oid = _add_org(db, name, "police", doc1)
        t = compare(db, "partners", "unit")
        assert t.cell(name, "Rodzaj") == "Policja" and t.cell(name, "Razem") == 2
        # a selection without document 1: the other organisation's kind
        assert compare(db, "partners", "unit", locality="Kraków").cell(name, "Rodzaj") == "straż miejska/gminna"
        assert compare(db, "partners", "unit", year=2022).cell(name, "Rodzaj") == "straż miejska/gminna"
        db.conn.execute("UPDATE organisations SET kind = 'municipal_police' WHERE id = ?", (oid,))
        db.conn.commit()
        t = compare(db, "partners", "unit")
        assert t.cell(name, "Rodzaj") == "straż miejska/gminna"
        assert t.rows == compare(db, "partners", "unit", engine="python").rows
        # an organisation only an action names: its kind changing queues that document
        aid = _add_org(db, "Nadleśnictwo Łuków", None, doc2, action=True)
        assert compare(db, "partners", "all").cell("Nadleśnictwo Łuków", "Rodzaj") == "inne podmioty"
        db.conn.execute("UPDATE organisations SET kind = 'other_x' WHERE id = ?", (aid,))
        db.conn.commit()
        assert db.execute("SELECT count(*) FROM documents_fts_queue WHERE document_id = ?", (doc2,)).fetchone()[0] == 1
        t = compare(db, "partners", "all")
        assert t.cell("Nadleśnictwo Łuków", "Rodzaj") == "other_x"
        assert t.rows == compare(db, "partners", "all", engine="python").rows
    finally:
        db.close()


def test_threat_filter_of_several_categories(hand_db, tmp_path):
    """A threat matching several categories ("alkohol": alcohol_public, drunk_driving): the sums of the
    category most documents name plus the documents naming only the other; when those are many, the
    documents are selected as for any filter.  The tables are the Python path's either way."""
    import shutil

    from extractor.compare.core import _select_sql

    p = tmp_path / "h.db"
    shutil.copy(hand_db, p)
    db = open_db(p, create=False)
    try:
        import_record(db, _rec("7", locality="Łuków", unit="Komenda Powiatowa Policji w Łukowie",
                               period=("2024-01-01", "2024-06-30"), threats=["drunk_driving", "vandalism"],
                               targets=[("decrease", 30, "Mniej nietrzeźwych kierujących o 30%")],
                               partners=[("Straż Miejska w Łukowie", "municipal_police")], deadlines=["2024-05-31"]))
        import_record(db, _rec("8", locality="Ryki", unit="Posterunek Policji w Rykach", date="2024-02-01",
                               doc_type="news", threats=["drunk_driving", "alcohol_public"]))

        def same(f):
            for what, bys in ALLOWED.items():
                for by in bys:
                    assert compare(db, what, by, **f).rows == compare(db, what, by, engine="python", **f).rows, \
                        (f, what, by)

        compare(db, "threats")
        sel = _select_sql(db, threat="alkohol")
        assert sel[0] == "fsums" and sel[1][:2] == ("threat", ["alcohol_public"]) and len(sel[1]) == 4
        assert db.execute(f"SELECT count(*) FROM ({sel[1][2]})", sel[1][3]).fetchone()[0] == 1  # document 7
        same({"threat": "alkohol"})
        same({"threat": "drunk_driving"})
        # two more documents naming only drunk driving: too many outside the sums -> the documents are selected
        for n in ("9", "10"):
            import_record(db, _rec(n, locality="Lublin", date="2024-03-01", doc_type="news", threats=["drunk_driving"]))
        compare(db, "threats")
        assert _select_sql(db, threat="alkohol")[0] != "fsums"
        same({"threat": "alkohol"})
    finally:
        db.close()


def test_quartiles_and_median_are_the_statistics_modules():
    import random
    import statistics

    from extractor.compare.core import _median, _quartiles

    rnd = random.Random(5)
    for n in list(range(2, 30)) + [101, 1000]:
        for _ in range(20):
            vals = sorted(rnd.choice([rnd.randint(0, 100), round(rnd.uniform(0, 100), 1)]) for _ in range(n))
            q = statistics.quantiles(vals, n=4, method="inclusive")
            assert _quartiles(vals) == (q[0], q[2])
            assert _median(vals) == statistics.median(vals)
    assert _quartiles([7.5]) == (7.5, 7.5) and _median([7.5]) == 7.5


def test_rows_and_totals_in_one_statement_are_the_two_queries(corpus_db):
    """``sql._rows_and_totals`` (the keys of the selected documents read once, for the groups and the
    totals) gives what ``_rows`` gives for the dimension and for "all", over every kind of selection."""
    from extractor.compare import sql as S
    from extractor.compare.core import _select_sql

    db = open_db(corpus_db, create=False)
    whats = ("t_doc", "t_dir", "t_pct")
    seen = set()
    try:
        for f in FILTERS + [{"locality": "Lublin", "year": 2024}, {"threat": "alkohol", "doc_type": "priority_plan"}]:
            sel0 = _select_sql(db, **f, need=True)
            if sel0 is None:
                continue
            with S.selection(db.conn, sel0) as sel:
                seen.add("temp" if S._temp(sel) else ("fsums+rest" if sel[0] == "fsums" and len(sel[1]) > 2
                                                      else "fsums" if sel[0] == "fsums" else len(sel)))
                for by in ("locality", "unit", "county", "period", "all"):
                    got = S._rows_and_totals(db.conn, sel, whats, by)
                    want = S._rows(db.conn, sel, whats, by), S._rows(db.conn, sel, whats, "all")
                    assert sorted(got[0]) == sorted(want[0]) and sorted(got[1]) == sorted(want[1]), (f, by)
    finally:
        db.close()
    assert {"temp", "fsums+rest"} <= seen, seen
