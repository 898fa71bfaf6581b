"""The temporal normaliser against the Duckling-style table tests/data/temporal.tsv, plus the CLI."""
from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from extractor.temporal import TemporalExpr, find_temporal

DATA = Path(__file__).parent / "data" / "temporal.tsv"


def _rows():
    lines = [ln for ln in DATA.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()


def test_table_is_large_enough():
    assert len(ROWS) >= 80


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:40] for r in ROWS])
def test_table(row):
    ref = date.fromisoformat(row["ref"]) if row["ref"] else None
    cy = int(row["context_year"]) if row["context_year"] else None
    period = tuple(date.fromisoformat(x) for x in row["period"].split("/")) if row["period"] else None
    got = find_temporal(row["text"], ref=ref, context_year=cy, period=period)
    expected = json.loads(row["expected"])
    assert [{"text": e.text, "kind": e.kind, "granularity": e.granularity, "value": e.value} for e in got] == expected
    for e in got:  # offsets point at the text
        assert row["text"][e.start:e.end] == e.text


def test_as_dict_keys():
    (e,) = find_temporal("w lutym 2024")
    assert isinstance(e, TemporalExpr)
    assert set(e.as_dict()) == {"text", "start", "end", "kind", "granularity", "value"}


def test_missing_year_is_not_invented():
    (e,) = find_temporal("w marcu")
    assert e.value["start"] is None and e.value["end"] is None


def test_relative_without_ref():
    (e,) = find_temporal("wczoraj")
    assert e.value["start"] is None and e.value["relative"] == "-1 day"


def test_plan_period_without_period():
    (e,) = find_temporal("przez cały okres obowiązywania planu")
    assert e.granularity == "plan_period" and e.value["start"] is None


def test_year_from_period_crossing_new_year():
    (e,) = find_temporal("w styczniu", period=(date(2023, 8, 1), date(2024, 1, 31)))
    assert e.value["start"] == "2024-01-01"
    (e,) = find_temporal("w sierpniu", period=(date(2023, 8, 1), date(2024, 1, 31)))
    assert e.value["start"] == "2023-08-01"


def test_long_text_offsets():
    text = "Plan na okres od 01.02.2024 r. do 31.07.2024 r.\nW marcu spotkanie; kontrole raz w tygodniu."
    got = find_temporal(text)
    assert [e.kind for e in got] == ["interval", "interval", "recurrence"]
    assert all(text[e.start:e.end] == e.text for e in got)


def test_cli_when():
    from typer.testing import CliRunner

    from extractor.cli import app

    res = CliRunner().invoke(app, ["when", "W styczniu spotkanie, przez cały okres obowiązywania planu patrole",
                                   "--period", "2024-01-01/2024-06-30"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(ln) for ln in res.output.splitlines() if ln.strip()]
    assert [ln["granularity"] for ln in lines] == ["month", "plan_period"]
    assert lines[0]["value"] == {"start": "2024-01-01", "end": "2024-01-31"}
    assert set(lines[0]) == {"text", "start", "end", "kind", "granularity", "value"}


def test_cli_when_ref_and_bad_input():
    from typer.testing import CliRunner

    from extractor.cli import app

    res = CliRunner().invoke(app, ["when", "wczoraj", "--ref", "2023-11-16"])
    assert res.exit_code == 0
    assert json.loads(res.output.splitlines()[0])["value"]["start"] == "2023-11-15"
    res = CliRunner().invoke(app, ["when", "wczoraj", "--ref", "2023-13-40"])
    assert res.exit_code == 2


def test_time_windows_join_days_before_and_after_hours():
    from extractor.fields import time_windows
    from extractor.record import Document, Section, Source

    text = ("Charakterystyka zagrożenia – przy klubie dochodzi do bójek. Zdarzenia występują w piątki i soboty "
            "między 1:00 a 4:00. Hałas także w nocy z soboty na niedzielę.\nCel: spadek o 10%.")
    d = Document(source=Source(path="<t>", sha256="0", format="txt"), text=text)
    d.fields["doc_type"] = "priority_plan"
    # a header cut at the colon of "1:00" leaves the body start late: the window is still found
    d.sections = [Section("threat", text[:120], 0, text.index("\nCel"), text.index("00 a 4"))]
    got = [(w["from"], w["to"], w["days"], w["parts_of_day"]) for w in time_windows.extract(d)]
    assert got == [("01:00", "04:00", ["fri", "sat"], []), (None, None, ["sat", "sun"], ["night"])]
    for w in time_windows.extract(d):
        assert text[w["start"]:w["end"]] == w["text"]


def test_a_scraped_pages_line_markers_read_as_spaces():
    got = find_temporal("Psy pojawiają się wczesnym rankiem i po\n|n|zmroku.")
    assert [(e.text, e.value.get("parts")) for e in got] == [("rankiem", ["morning"]), ("po\n|n|zmroku", ["evening"])]


@pytest.mark.parametrize("text,duration", [
    ("patrole w każdą słoneczną sobotę i niedzielę", "P1W"),
    ("w każdy wakacyjny weekend – patrole brzegu", "P1W"),
    ("kontrole każdej wakacyjnej soboty i niedzieli", "P1W"),
    ("zajęcia w szkołach w każdym semestrze", "P6M"),
    ("na początku każdego semestru", "P6M"),
    ("kontrole palenisk w każdym sezonie grzewczym", "P1Y"),
    ("kampania odblaskowa każdego września", "P1Y"),
    ("patrole łąk weekendowo, od marca", "P1W"),
    ("nocne obchody alejek | 1 x tydz., VIII–I |", "P1W"),
    ("kontrola wiaty w 1. i 3. piątek miesiąca", "P2W"),
    ("w każdy drugi weekend kontrole trzeźwości", "P2W"),
    ("nocne kontrole parkingu weekend w weekend", "P1W"),
])
def test_rhythms_of_each_and_every_other(text, duration):
    got = [e.value.get("duration") for e in find_temporal(text, context_year=2026) if e.kind in ("recurrence", "set")]
    assert got == [duration]
