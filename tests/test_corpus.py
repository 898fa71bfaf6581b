"""The project's own corpus: well-formed gold, and extraction quality per field (regression thresholds).

The thresholds are a little below the figures measured when they were set (see the table in
``THRESHOLDS``); raise them when the extractors improve, never lower them to hide a regression.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractor.evaluate import FIELDS, evaluate, extract_records, format_table, load_gold

from spans import bad_spans  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DOCS, GOLD, SRC = ROOT / "corpus" / "docs", ROOT / "corpus" / "gold", ROOT / "corpus" / "src"

GOLD_KEYS = ["doc_type", "period", "date", "unit", "locality", "district", "officer", "threats", "locations",
             "time_windows", "targets", "partners", "deadlines", "recurrences", "persons", "indicators"]

# field -> minimum F1 on corpus/.  First set at macro 0.882 (2026-11-28, before the extractors were
# improved on this corpus); raised to a margin below the figures measured at the end of that session
# (macro 0.998: every field 1.000 but threats .995 and locations .981).
THRESHOLDS = {
    "doc_type": 0.97,
    "period": 0.97,
    "date": 0.95,
    "unit": 0.95,
    "locality": 0.95,
    "district": 0.97,
    "officer": 0.95,
    "threats": 0.95,
    "locations": 0.93,
    "time_windows": 0.95,
    "targets": 0.93,
    "partners": 0.95,
    "deadlines": 0.95,
    "recurrences": 0.95,
    "persons": 0.95,
    "indicators": 0.95,
}
MACRO_MIN = 0.97


def golds() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


# -- the corpus itself -----------------------------------------------------------------------------------------
def test_every_document_has_gold_and_every_gold_a_document():
    docs = {p.name for p in DOCS.iterdir() if p.is_file()}
    files = {g["file"] for g in golds()}
    assert len(docs) >= 45
    assert docs == files


def test_gold_files_are_complete_and_well_formed():
    from extractor.resources import read_tsv

    codes = {row["code"] for row in read_tsv("threat_categories.tsv")}
    iso = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    for g in golds():
        assert set(g) >= {"id", "file", "gold", "notes"}, g["id"]
        assert g["file"].startswith(g["id"] + "."), g["id"]
        gold = g["gold"]
        assert list(gold) == GOLD_KEYS, g["id"]
        assert gold["doc_type"] in ("priority_plan", "news", "strategy", "other"), g["id"]
        per = gold["period"]
        assert per is None or (len(per) == 2 and all(iso.match(x) for x in per) and per[0] <= per[1]), g["id"]
        assert gold["date"] is None or iso.match(gold["date"]), g["id"]
        assert set(gold["threats"]) <= codes, g["id"]
        for lab in gold["time_windows"]:
            assert re.fullmatch(r"(\d\d:\d\d)?-(\d\d:\d\d)?|mon|tue|wed|thu|fri|sat|sun|morning|afternoon|evening|night",
                                lab), (g["id"], lab)
        for lab in gold["targets"]:
            assert re.fullmatch(r"(decrease|eliminate|increase|maintain)(:\d+(\.\d+)?%?)?", lab), (g["id"], lab)
        assert all(iso.match(d) for d in gold["deadlines"]), g["id"]
        assert all(re.fullmatch(r"P\d+[DWMY]", r) for r in gold["recurrences"]), g["id"]
        for lab in gold["indicators"]:
            y, v, name = lab.split("|", 2)
            assert re.fullmatch(r"\d{4}", y) and re.fullmatch(r"-?\d+(\.\d+)?", v) and name, (g["id"], lab)
        if gold["doc_type"] == "news":
            assert gold["officer"] is None and gold["partners"] == [], g["id"]


def test_corpus_mixes_genres_formats_and_encodings():
    rows = [line.split("\t") for line in (SRC / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:] if line]
    genres = [r[1] for r in rows]
    assert genres.count("priority_plan") >= 25 and genres.count("news") >= 10 and genres.count("strategy") >= 6
    assert {r[2] for r in rows} >= {"txt", "html", "docx", "odt", "rtf", "pdf"}
    assert {r[3] for r in rows} >= {"utf-8", "utf-8-sig", "cp1250", "iso-8859-2", "mojibake"}
    for id_, _, fmt, _ in rows:
        assert (DOCS / f"{id_}.{fmt}").is_file(), id_
        assert (SRC / f"{id_}.txt").is_file(), id_


# -- extraction quality ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def result():
    return evaluate(DOCS, GOLD)


def test_no_document_fails(result):
    assert result["errors"] == []


def test_macro_f1(result):
    assert result["macro_f1"] >= MACRO_MIN, "\n" + format_table(result)


@pytest.mark.parametrize("field", list(FIELDS))
def test_field_f1(result, field):
    row = result["fields"][field]
    misses = [m for m in result["misses"] if m["field"] == field]
    detail = "\n".join(f"{m['id']}: missed={m['missed']} extra={m['extra']}" for m in misses[:25])
    assert row["f1"] >= THRESHOLDS[field], f"{field} F1 {row['f1']:.3f} < {THRESHOLDS[field]}\n{detail}"


# -- the blind held-out set (corpus/holdout): written without looking at the extractors ------------------------
# First contact gave macro F1 0.901; it has since guided general fixes (0.978 at the end of that session),
# so it is a regression check now, no longer a blind measure.
HOLDOUT = ROOT / "corpus" / "holdout"
HOLDOUT_THRESHOLDS = {"locations": 0.92, "partners": 0.94, "deadlines": 0.92, "time_windows": 0.92,
                      "locality": 0.90, "recurrences": 0.92, "threats": 0.95}
HOLDOUT_MACRO_MIN = 0.96


@pytest.fixture(scope="module")
def holdout():
    return evaluate(HOLDOUT / "docs", HOLDOUT / "gold")


def test_holdout_macro_f1(holdout):
    assert holdout["errors"] == []
    assert holdout["macro_f1"] >= HOLDOUT_MACRO_MIN, "\n" + format_table(holdout)
    for field, row in holdout["fields"].items():
        assert row["f1"] >= HOLDOUT_THRESHOLDS.get(field, 0.93), f"holdout {field} F1 {row['f1']:.3f}"


# -- the later blind held-out sets (corpus/holdout2 … holdout16) -----------------------------------------------
# First contact gave macro F1 0.814 (holdout2), 0.950 (holdout3), 0.951 (holdout4), 0.961 (holdout5), 0.845
# (holdout6), 0.859 (holdout7), 0.916 (holdout8), 0.913 (holdout9), 0.951 (holdout10), 0.943 (holdout11),
# 0.953 (holdout12), 0.857 (holdout13), 0.829 (holdout14), 0.834 (holdout15) and 0.964 (holdout16); the
# general fixes they prompted took them higher (each set's README tells): regression checks now.
HELD_OUT_SETS = {
    # (unit: r06, a town hall's news page on a police report to the council, has the police as its unit; the later
    # sets' gold gives such pages their publisher, the town hall, as the extractor now does)
    "holdout2": (0.95, {"locations": 0.82, "partners": 0.92, "locality": 0.92, "district": 0.89, "threats": 0.92,
                        "time_windows": 0.92, "deadlines": 0.93, "unit": 0.90}),
    # (sets 3, 19 and 21 write a board's or a branch's body abbreviated, "Zarząd ROD …", "Koło PZW …"; most sets write
    # it out, as the partners now are: their partners' thresholds went down by 0.01–0.02 in the twenty-third session)
    "holdout3": (0.96, {"locations": 0.80, "partners": 0.88, "locality": 0.93, "threats": 0.89}),
    "holdout4": (0.96, {"locations": 0.83, "partners": 0.88, "locality": 0.92}),
    "holdout5": (0.97, {"partners": 0.92, "threats": 0.91, "locations": 0.92}),
    "holdout6": (0.95, {"unit": 0.93, "locality": 0.86, "threats": 0.93, "locations": 0.80, "partners": 0.86}),
    "holdout7": (0.95, {"date": 0.90, "district": 0.93, "locations": 0.87, "time_windows": 0.92, "targets": 0.93,
                        "partners": 0.89}),
    "holdout8": (0.94, {"date": 0.90, "threats": 0.91, "locations": 0.82, "partners": 0.78, "deadlines": 0.91}),
    "holdout9": (0.93, {"date": 0.90, "locality": 0.86, "threats": 0.92, "locations": 0.75, "partners": 0.88,
                        "recurrences": 0.83}),
    "holdout10": (0.95, {"locality": 0.85, "locations": 0.83}),
    "holdout11": (0.95, {"locality": 0.91, "locations": 0.74}),
    "holdout12": (0.95, {"locality": 0.91, "locations": 0.82}),
    "holdout13": (0.94, {"locality": 0.91, "threats": 0.92, "locations": 0.85, "time_windows": 0.91, "partners": 0.88,
                         "deadlines": 0.91, "recurrences": 0.92}),
    "holdout14": (0.90, {"unit": 0.85, "locality": 0.91, "threats": 0.90, "locations": 0.72, "time_windows": 0.81,
                         "targets": 0.91, "partners": 0.77, "recurrences": 0.85}),
    "holdout15": (0.87, {"period": 0.72, "unit": 0.91, "locality": 0.91, "threats": 0.85, "locations": 0.82,
                         "time_windows": 0.82, "targets": 0.62, "partners": 0.78, "deadlines": 0.69, "recurrences": 0.87}),
    "holdout16": (0.95, {"locations": 0.77, "time_windows": 0.91, "recurrences": 0.92}),
    "holdout17": (0.97, {"locality": 0.85, "locations": 0.92, "partners": 0.91}),
    "holdout18": (0.96, {"locality": 0.91, "threats": 0.92, "locations": 0.81, "targets": 0.89}),   # m12: a news page's publisher
    "holdout19": (0.96, {"date": 0.91, "locations": 0.87, "targets": 0.92, "partners": 0.90}),
    "holdout20": (0.86, {"period": 0.76, "threats": 0.92, "locations": 0.73, "time_windows": 0.91, "targets": 0.74,
                         "partners": 0.89, "deadlines": 0.78, "recurrences": 0.85, "indicators": 0.34}),
    "holdout21": (0.92, {"period": 0.81, "district": 0.92, "threats": 0.89, "locations": 0.75, "time_windows": 0.85,
                         "targets": 0.88, "partners": 0.76}),
    "holdout22": (0.84, {"doc_type": 0.91, "period": 0.70, "date": 0.83, "unit": 0.91, "threats": 0.83,
                         "locations": 0.77, "time_windows": 0.70, "targets": 0.67, "partners": 0.73, "deadlines": 0.63,
                         "recurrences": 0.81}),
    # holdout23, 25, 31, 32, 33, 35, 36 and 37 are unread (their failures never looked at): they measure later changes
    "holdout23": (0.93, {"period": 0.89, "date": 0.90, "locality": 0.91, "locations": 0.76, "time_windows": 0.87,
                         "partners": 0.91, "recurrences": 0.92}),
    "holdout24": (0.96, {"date": 0.89, "locations": 0.83}),
    "holdout25": (0.92, {"unit": 0.85, "locality": 0.85, "district": 0.92, "locations": 0.71, "time_windows": 0.87,
                         "targets": 0.86, "partners": 0.92}),
    "holdout26": (0.91, {"doc_type": 0.91, "date": 0.87, "locality": 0.91, "officer": 0.83, "locations": 0.81,
                         "time_windows": 0.89, "targets": 0.89, "deadlines": 0.86, "recurrences": 0.86}),
    "holdout27": (0.94, {"locality": 0.91, "district": 0.92, "officer": 0.79, "locations": 0.82, "partners": 0.91}),
    "holdout28": (0.95, {"date": 0.90, "locality": 0.91, "locations": 0.82, "partners": 0.90}),
    "holdout29": (0.90, {"period": 0.80, "unit": 0.91, "locality": 0.91, "district": 0.86, "officer": 0.86,
                         "locations": 0.82, "time_windows": 0.87, "targets": 0.87, "partners": 0.83, "deadlines": 0.85}),
    "holdout30": (0.89, {"doc_type": 0.90, "period": 0.83, "unit": 0.90, "locality": 0.84, "officer": 0.91,
                         "threats": 0.93, "locations": 0.72, "time_windows": 0.89, "targets": 0.90, "partners": 0.81,
                         "deadlines": 0.84, "indicators": 0.74}),
    "holdout31": (0.91, {"doc_type": 0.91, "period": 0.89, "unit": 0.85, "locality": 0.91, "threats": 0.90, "locations": 0.83,
                         "time_windows": 0.91, "targets": 0.90, "partners": 0.87, "deadlines": 0.85, "recurrences": 0.83}),
    "holdout32": (0.92, {"unit": 0.84, "locality": 0.84, "threats": 0.93, "locations": 0.79, "time_windows": 0.92,
                         "targets": 0.88, "partners": 0.93, "deadlines": 0.85, "recurrences": 0.84}),
    "holdout33": (0.81, {"doc_type": 0.90, "period": 0.75, "date": 0.90, "locality": 0.84, "threats": 0.92,
                         "locations": 0.77, "time_windows": 0.69, "targets": 0.52, "partners": 0.76,
                         "deadlines": 0.59, "recurrences": 0.80, "indicators": 0.58}),
    "holdout34": (0.93, {"district": 0.91, "threats": 0.90, "locations": 0.83, "time_windows": 0.81, "targets": 0.92,
                         "partners": 0.92, "deadlines": 0.91, "recurrences": 0.89}),
    "holdout35": (0.91, {"doc_type": 0.90, "period": 0.92, "unit": 0.87, "locality": 0.90, "district": 0.91,
                         "officer": 0.81, "threats": 0.93, "locations": 0.84, "targets": 0.91, "partners": 0.78,
                         "deadlines": 0.89, "recurrences": 0.93}),
    "holdout36": (0.95, {"threats": 0.94, "locations": 0.80, "targets": 0.90, "partners": 0.94, "deadlines": 0.92}),
    "holdout37": (0.83, {"period": 0.60, "unit": 0.93, "locality": 0.78, "district": 0.91, "threats": 0.94,
                         "locations": 0.71, "time_windows": 0.87, "targets": 0.68, "partners": 0.84,
                         "deadlines": 0.52, "recurrences": 0.81, "indicators": 0.60}),
    "holdout38": (0.89, {"date": 0.93, "unit": 0.83, "locality": 0.90, "district": 0.90, "threats": 0.87,
                         "locations": 0.70, "time_windows": 0.80, "targets": 0.89, "partners": 0.85,
                         "deadlines": 0.85, "recurrences": 0.81, "indicators": 0.82}),
    "holdout39": (0.94, {"period": 0.88, "threats": 0.91, "locations": 0.79}),
    "holdout40": (0.90, {"threats": 0.90, "locations": 0.79, "time_windows": 0.82, "targets": 0.87,
                         "partners": 0.73, "deadlines": 0.83, "recurrences": 0.76}),
    "holdout41": (0.94, {"locations": 0.80}),
    "holdout42": (0.95, {"locality": 0.90, "district": 0.91, "locations": 0.91}),
    "holdout43": (0.93, {"locality": 0.90, "locations": 0.79, "partners": 0.83, "recurrences": 0.91}),
    "holdout44": (0.91, {"unit": 0.83, "district": 0.87, "threats": 0.91, "locations": 0.71, "partners": 0.75,
                         "recurrences": 0.90}),
    "holdout45": (0.92, {"locality": 0.90, "locations": 0.77, "partners": 0.88, "deadlines": 0.90,
                         "recurrences": 0.84}),
    "holdout46": (0.94, {"threats": 0.90, "locations": 0.90, "time_windows": 0.91, "partners": 0.91,
                         "recurrences": 0.91}),
    "holdout47": (0.90, {"period": 0.88, "date": 0.89, "locality": 0.90, "locations": 0.81, "targets": 0.84,
                         "partners": 0.84, "deadlines": 0.84, "recurrences": 0.84, "indicators": 0.89}),
    "holdout48": (0.94, {"locations": 0.88, "partners": 0.85, "recurrences": 0.89}),
    # (unit: vv04, a gmina page telling a plan in prose, is read as news, so its unit is the page's publisher)
    "holdout49": (0.85, {"doc_type": 0.90, "period": 0.87, "district": 0.91, "officer": 0.91, "threats": 0.83,
                         "locations": 0.84, "time_windows": 0.75, "targets": 0.86, "partners": 0.64,
                         "deadlines": 0.73, "indicators": 0.69, "unit": 0.87}),
    "holdout50": (0.93, {"unit": 0.90, "locations": 0.72, "partners": 0.91}),
    "holdout51": (0.87, {"period": 0.80, "date": 0.85, "unit": 0.90, "district": 0.91, "threats": 0.82,
                         "locations": 0.83, "time_windows": 0.88, "targets": 0.72, "partners": 0.88,
                         "deadlines": 0.72, "recurrences": 0.85}),
    "holdout52": (0.94, {"locality": 0.90, "locations": 0.87, "time_windows": 0.90, "partners": 0.89}),
    "holdout53": (0.84, {"doc_type": 0.84, "period": 0.84, "date": 0.86, "unit": 0.90, "district": 0.91,
                         "officer": 0.91, "threats": 0.89, "locations": 0.87, "time_windows": 0.87, "targets": 0.70,
                         "partners": 0.75, "deadlines": 0.77, "recurrences": 0.75, "indicators": 0.69}),
    "holdout54": (0.91, {"date": 0.90, "unit": 0.90, "locality": 0.90, "threats": 0.89, "locations": 0.77,
                         "time_windows": 0.79, "targets": 0.90, "partners": 0.85, "recurrences": 0.90}),
    "holdout55": (0.94, {"date": 0.87, "district": 0.91, "locations": 0.89}),
    "holdout56": (0.90, {"doc_type": 0.90, "period": 0.88, "date": 0.84, "unit": 0.87, "locality": 0.90,
                         "threats": 0.90, "locations": 0.70, "time_windows": 0.74, "recurrences": 0.91}),
    "holdout57": (0.94, {"date": 0.90, "unit": 0.90, "locality": 0.90, "threats": 0.91, "locations": 0.89,
                         "time_windows": 0.91}),
    "holdout58": (0.89, {"doc_type": 0.90, "period": 0.88, "date": 0.80, "locality": 0.90, "officer": 0.91,
                         "locations": 0.79, "time_windows": 0.85, "targets": 0.85, "partners": 0.85,
                         "recurrences": 0.80}),
    "holdout59": (0.93, {"date": 0.90, "unit": 0.90, "locations": 0.85, "targets": 0.87, "partners": 0.81}),
    "holdout60": (0.94, {"date": 0.83, "locations": 0.85, "partners": 0.87}),
    "holdout61": (0.93, {"locations": 0.75, "targets": 0.82, "partners": 0.89}),
    "holdout62": (0.92, {"date": 0.86, "district": 0.91, "locations": 0.75, "targets": 0.89, "partners": 0.83}),
    "holdout63": (0.91, {"period": 0.87, "unit": 0.90, "threats": 0.87, "locations": 0.78, "time_windows": 0.87, "targets": 0.84, "partners": 0.89, "deadlines": 0.90}),
    "holdout64": (0.93, {"unit": 0.90, "locality": 0.90, "locations": 0.75}),
    "holdout65": (0.92, {"officer": 0.91, "threats": 0.91, "locations": 0.74, "time_windows": 0.87, "targets": 0.79, "partners": 0.90, "deadlines": 0.91}),
    "holdout66": (0.90, {"period": 0.72, "unit": 0.90, "threats": 0.90, "locations": 0.67, "time_windows": 0.82, "targets": 0.85, "deadlines": 0.86}),
    "holdout67": (0.94, {"locality": 0.84, "locations": 0.81, "partners": 0.90}),
    "holdout68": (0.91, {"locality": 0.90, "threats": 0.88, "locations": 0.76, "time_windows": 0.87, "targets": 0.81, "partners": 0.87}),
    "holdout69": (0.94, {"locality": 0.90, "locations": 0.83, "partners": 0.88, "deadlines": 0.87}),
    "holdout70": (0.89, {"doc_type": 0.90, "date": 0.90, "unit": 0.90, "locality": 0.90, "threats": 0.88, "locations": 0.65, "time_windows": 0.83, "targets": 0.84, "partners": 0.76}),
    # (locations 0.957 at first contact, under the default's margin: floor(F1 − 0.03) as for the other fields)
    "holdout71": (0.94, {"unit": 0.90, "locations": 0.92, "targets": 0.88, "deadlines": 0.89}),
    "holdout72": (0.93, {"officer": 0.85, "locations": 0.84, "partners": 0.77}),
    "holdout76": (0.92, {"unit": 0.90, "locality": 0.84, "time_windows": 0.91, "targets": 0.78, "partners": 0.86, "recurrences": 0.88}),
    "holdout74": (0.93, {"threats": 0.89, "locations": 0.89, "time_windows": 0.91, "partners": 0.80}),
    "holdout73": (0.90, {"date": 0.89, "district": 0.91, "officer": 0.84, "threats": 0.88, "locations": 0.65, "targets": 0.83, "partners": 0.84, "deadlines": 0.90}),
    "holdout75": (0.90, {"doc_type": 0.90, "date": 0.89, "unit": 0.87, "threats": 0.85, "locations": 0.74, "time_windows": 0.87, "targets": 0.89, "partners": 0.81, "deadlines": 0.87, "recurrences": 0.85}),
    "holdout77": (0.91, {"unit": 0.90, "locality": 0.84, "threats": 0.89, "locations": 0.74, "time_windows": 0.89, "targets": 0.81, "partners": 0.82, "recurrences": 0.91}),
    "holdout78": (0.88, {"doc_type": 0.90, "period": 0.84, "date": 0.78, "unit": 0.93, "threats": 0.87, "locations": 0.76, "time_windows": 0.89, "targets": 0.81, "partners": 0.76, "deadlines": 0.83, "recurrences": 0.90, "persons": 0.93}),
    "holdout79": (0.90, {"period": 0.87, "date": 0.90, "unit": 0.84, "locality": 0.84, "threats": 0.87, "locations": 0.83, "time_windows": 0.88, "targets": 0.94, "partners": 0.66}),
    "holdout80": (0.88, {"doc_type": 0.90, "period": 0.80, "unit": 0.84, "locality": 0.90, "district": 0.92, "officer": 0.92, "threats": 0.92, "locations": 0.84, "time_windows": 0.91, "targets": 0.85, "partners": 0.63, "deadlines": 0.92, "recurrences": 0.84, "persons": 0.93}),
    "holdout81": (0.92, {"date": 0.94, "locality": 0.91, "district": 0.90, "threats": 0.93, "locations": 0.65, "targets": 0.89,
                         "partners": 0.87, "deadlines": 0.87, "recurrences": 0.89}),
    "holdout82": (0.90, {"doc_type": 0.91, "date": 0.91, "unit": 0.91, "locality": 0.91, "officer": 0.92, "threats": 0.89,
                         "locations": 0.74, "time_windows": 0.85, "targets": 0.79, "partners": 0.93, "deadlines": 0.91,
                         "recurrences": 0.79}),
    # (unit: the set's author took the KPP of the page where the officer serves in a posterunek, which set 9's gold
    # names instead; the tool follows set 9)
    "holdout83": (0.88, {"date": 0.85, "unit": 0.68, "locality": 0.91, "officer": 0.93, "threats": 0.88, "locations": 0.64,
                         "time_windows": 0.86, "targets": 0.87, "partners": 0.84, "deadlines": 0.91, "recurrences": 0.88,
                         "persons": 0.93}),
    # (unit: as set 83's, the KPP of the page where the officer serves in a posterunek)
    "holdout84": (0.88, {"date": 0.90, "unit": 0.47, "locality": 0.90, "threats": 0.88, "locations": 0.67,
                         "time_windows": 0.84, "partners": 0.91}),
    # (unit: a "Rewir Dzielnicowych" taken for the unit, where set 67 (ac07) and the tool take the Komenda beside it;
    # date: a plan's own dateline over the page's "Dodano:" also where no attached file is shown)
    "holdout85": (0.89, {"date": 0.90, "unit": 0.78, "locality": 0.78, "threats": 0.91, "locations": 0.74,
                         "time_windows": 0.86, "targets": 0.87, "partners": 0.85, "recurrences": 0.80}),
    # (indicators: the set's author counts a programme's target columns as values, set 56's does not, nor the tool)
    "holdout86": (0.90, {"date": 0.90, "unit": 0.90, "locality": 0.90, "threats": 0.85, "locations": 0.67,
                         "time_windows": 0.91, "partners": 0.91, "deadlines": 0.88, "recurrences": 0.85,
                         "indicators": 0.84}),
    # (like the development pages, never read: 0.958 at first contact with the code of fe3116e)
    "holdout87": (0.93, {"doc_type": 0.90, "unit": 0.84, "locality": 0.90, "officer": 0.91, "locations": 0.83}),
    "holdout88": (0.90, {"doc_type": 0.90, "period": 0.88, "date": 0.87, "threats": 0.88, "locations": 0.78,
                         "time_windows": 0.91, "targets": 0.85, "partners": 0.89, "deadlines": 0.88}),
    # (like the development pages, never read: 0.956 at first contact with the code of 1ce5b8f)
    "holdout89": (0.93, {"doc_type": 0.90, "locality": 0.90, "locations": 0.76, "partners": 0.90, "deadlines": 0.90}),
    # (unit: the set's author takes the page's KPP/KMP over the posterunek its officer serves in, as set 83 does; set 84
    # and the tool take the posterunek)
    "holdout90": (0.91, {"unit": 0.68, "district": 0.88, "locations": 0.70, "partners": 0.88, "deadlines": 0.85,
                         "recurrences": 0.87}),
    "holdout91": (0.90, {"date": 0.90, "unit": 0.87, "district": 0.90, "threats": 0.91, "locations": 0.72,
                         "targets": 0.87, "partners": 0.79, "deadlines": 0.88, "recurrences": 0.90, "indicators": 0.89}),
    "holdout92": (0.91, {"doc_type": 0.90, "unit": 0.87, "locality": 0.90, "district": 0.90, "officer": 0.90,
                         "locations": 0.75, "time_windows": 0.89, "partners": 0.82, "recurrences": 0.88}),
    # (like the development pages, never read: 0.957 at first contact with the code of 6925495)
    "holdout93": (0.93, {"unit": 0.91, "locality": 0.91, "district": 0.88, "locations": 0.79, "partners": 0.93,
                         "recurrences": 0.83}),
    "holdout94": (0.91, {"doc_type": 0.91, "period": 0.85, "date": 0.91, "unit": 0.84, "locality": 0.91,
                         "officer": 0.88, "threats": 0.92, "locations": 0.79, "targets": 0.87, "partners": 0.91,
                         "deadlines": 0.92, "persons": 0.91}),
    "holdout95": (0.89, {"doc_type": 0.91, "period": 0.90, "date": 0.85, "unit": 0.88, "locality": 0.91,
                         "threats": 0.89, "locations": 0.67, "time_windows": 0.88, "targets": 0.89, "partners": 0.68,
                         "recurrences": 0.94}),
    # (scanned forms turned to text by OCR: 0.902 at first contact with the code of 28aaa19)
    "holdout96": (0.94, {"locality": 0.78, "locations": 0.83, "targets": 0.91}),
    # (rural and seasonal: 0.941 at first contact with the code of 28aaa19)
    "holdout97": (0.93, {"locality": 0.84, "locations": 0.74, "targets": 0.91, "partners": 0.90, "recurrences": 0.92}),
    # (like the development pages, never read: 0.961 at first contact with the code of 28aaa19 and of 72bb69e)
    "holdout98": (0.93, {"date": 0.90, "officer": 0.91, "threats": 0.91, "locations": 0.77, "targets": 0.92,
                         "partners": 0.85}),
    # (social themes in small towns: 0.894 at first contact with the code of 28aaa19 and of 72bb69e)
    "holdout99": (0.92, {"locality": 0.90, "threats": 0.88, "locations": 0.68, "time_windows": 0.84, "targets": 0.88,
                         "partners": 0.83, "recurrences": 0.91}),
    # (traffic, transport and travel places: 0.901 at first contact with the code of 2aa3b3c)
    "holdout100": (0.93, {"date": 0.90, "locality": 0.90, "threats": 0.87, "locations": 0.79, "time_windows": 0.91,
                          "targets": 0.89, "partners": 0.91, "deadlines": 0.92, "recurrences": 0.83}),
    # (like the development pages, never read: 0.929 at first contact with the code of 2aa3b3c)
    "holdout101": (0.91, {"locality": 0.84, "officer": 0.86, "threats": 0.87, "locations": 0.64, "targets": 0.88,
                          "partners": 0.84, "recurrences": 0.90, "period": 0.93, "time_windows": 0.93}),
    # (tourist resorts and mass events: 0.889 at first contact with the code of 2aa3b3c)
    "holdout102": (0.92, {"locality": 0.53, "district": 0.92, "threats": 0.88, "locations": 0.69, "time_windows": 0.92}),
    # (like the development pages, never read: 0.970 at first contact with the code of 2aa3b3c)
    # (its unit 1.000 -> 0.938 with the thirty-third session's rule that a post in an office is the office, 7 read sets
    # up against it; the set stays unread)
    "holdout103": (0.95, {"locality": 0.91, "locations": 0.85, "partners": 0.87, "deadlines": 0.91, "recurrences": 0.92,
                          "unit": 0.93}),
    # (municipal and county programmes and strategies: 0.900 at first contact with the code of 2aa3b3c)
    "holdout104": (0.89, {"date": 0.90, "unit": 0.79, "locality": 0.90, "threats": 0.87, "locations": 0.71,
                          "time_windows": 0.91, "targets": 0.79, "partners": 0.79, "deadlines": 0.89, "indicators": 0.83}),
    # (suburbs, industrial edges, bilingual and border regions: 0.889 at first contact with the code of 2aa3b3c)
    "holdout105": (0.88, {"locality": 0.34, "threats": 0.81, "locations": 0.77, "targets": 0.82, "partners": 0.88,
                          "deadlines": 0.91, "recurrences": 0.92}),
    # (like the development pages, never read: 0.953 at first contact with the code of 2aa3b3c and of dc69970)
    "holdout106": (0.93, {"locality": 0.84, "threats": 0.84, "locations": 0.77, "time_windows": 0.84, "targets": 0.89}),
    # (the press and social media — police Facebook posts, portal and radio articles, press releases: 0.707 at first
    # contact with the code of 2aa3b3c, 0.738 with that of dc69970)
    "holdout107": (0.74, {"doc_type": 0.84, "period": 0.67, "date": 0.86, "unit": 0.90, "locality": 0.78, "district": 0.83,
                          "officer": 0.84, "threats": 0.85, "locations": 0.63, "time_windows": 0.81, "targets": 0.55,
                          "partners": 0.76, "deadlines": 0.64, "recurrences": 0.78, "indicators": 0.0}),
    # (like the development pages, never read: 0.933 at first contact with the code of 292bad8)
    "holdout108": (0.91, {"unit": 0.91, "locality": 0.79, "officer": 0.92, "threats": 0.92, "locations": 0.78,
                          "time_windows": 0.78, "partners": 0.92, "deadlines": 0.91, "recurrences": 0.83, "persons": 0.94}),
    # (the press and social media, a second set: 0.773 at first contact with the code of 292bad8)
    "holdout109": (0.82, {"doc_type": 0.91, "period": 0.67, "date": 0.91, "unit": 0.84, "locality": 0.73, "threats": 0.85,
                          "locations": 0.71, "time_windows": 0.82, "targets": 0.73, "partners": 0.69, "deadlines": 0.77,
                          "recurrences": 0.58}),
    # (tables and forms flattened to text: 0.934 at first contact with the code of 292bad8)
    "holdout110": (0.92, {"date": 0.85, "locality": 0.91, "threats": 0.94, "locations": 0.73, "time_windows": 0.87,
                          "targets": 0.93, "partners": 0.93, "deadlines": 0.92, "recurrences": 0.86}),
    # (like the development pages, never read: 0.908 at first contact with the code of 292bad8)
    "holdout111": (0.88, {"doc_type": 0.91, "locality": 0.91, "district": 0.91, "officer": 0.92, "threats": 0.89,
                          "locations": 0.58, "time_windows": 0.88, "targets": 0.72, "partners": 0.88, "deadlines": 0.81,
                          "recurrences": 0.83}),
    # (reports on finished plans and programmes: 0.868 at first contact with the code of 292bad8)
    "holdout112": (0.84, {"doc_type": 0.91, "period": 0.93, "date": 0.88, "unit": 0.77, "locality": 0.85, "officer": 0.91,
                          "threats": 0.92, "locations": 0.64, "time_windows": 0.84, "targets": 0.55, "partners": 0.73,
                          "indicators": 0.93}),
    # (like the development pages, never read: 0.885 at first contact with the code of f6e6145)
    "holdout113": (0.86, {"doc_type": 0.91, "period": 0.93, "unit": 0.94, "locality": 0.91, "officer": 0.88, "threats": 0.90,
                          "locations": 0.64, "time_windows": 0.86, "targets": 0.80, "partners": 0.67, "deadlines": 0.81,
                          "recurrences": 0.61}),
    # (written from the partners' side — gmina, straż miejska, school, MOPS, sołtys, cooperative, press, commission:
    # 0.900 at first contact with the code of f6e6145; 0.959 after reading its failures)
    "holdout114": (0.93, {"date": 0.94, "unit": 0.85, "threats": 0.94, "locations": 0.68, "time_windows": 0.94,
                          "partners": 0.87}),
    # (the archive years 2016–2020 — the older five-rubric form, scanned PDFs, reports, debates, KMZB, programmes with
    # tables; never read: 0.979 at first contact with the code of d5223a6)
    "holdout115": (0.95, {"locations": 0.86, "threats": 0.91, "locality": 0.91, "district": 0.93, "time_windows": 0.95}),
    # (big-city districts — estates, streets, stops, courtyards, boulevards; never read: 0.952 at first contact with the
    # code of 596081e; two documents' threat lines were glimpsed in a list before it was scored, no rule kept from them)
    "holdout116": (0.93, {"locality": 0.79, "locations": 0.87, "deadlines": 0.88, "partners": 0.89, "recurrences": 0.91,
                          "unit": 0.91, "time_windows": 0.92, "threats": 0.92, "targets": 0.92}),
}


@pytest.mark.parametrize("name", sorted(HELD_OUT_SETS))
def test_later_held_out_sets(name):
    macro_min, thresholds = HELD_OUT_SETS[name]
    docs, gold = ROOT / "corpus" / name / "docs", ROOT / "corpus" / name / "gold"
    records, errors = extract_records([docs / g["file"] for g in load_gold(gold)], include_text=True)
    assert errors == []
    bad = bad_spans(records)
    assert not bad, "\n".join(bad[:30])
    got = evaluate(docs, gold, records=records)
    assert got["macro_f1"] >= macro_min, "\n" + format_table(got)
    for field, row in got["fields"].items():
        assert row["f1"] >= thresholds.get(field, 0.95), f"{name} {field} F1 {row['f1']:.3f}"
