"""The record JSON Schema: well-formed, in step with the contract, and every corpus record matches it."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import SCHEMA_VERSION
from extractor.schema import SchemaError, load_schema, validate

from spans import bad_spans  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DOCS = ROOT / "corpus" / "docs"


@pytest.fixture(scope="module")
def records():
    from extractor.pipeline import extract_path

    recs = extract_path(CORPUS_DOCS)
    assert len(recs) >= 45
    return recs


def test_schema_is_draft_2020_12_and_versioned():
    from jsonschema import Draft202012Validator

    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert f"/{SCHEMA_VERSION}/" in schema["$id"]
    assert schema["version"] == SCHEMA_VERSION
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION


def test_threat_enum_matches_the_category_table():
    from extractor.resources import read_tsv

    codes = {row["code"] for row in read_tsv("threat_categories.tsv")}
    enum = set(load_schema()["properties"]["threats"]["items"]["properties"]["category"]["enum"])
    assert enum == codes


def minimal_record() -> dict:
    rec = {"schema_version": SCHEMA_VERSION,
           "source": {"path": "a.txt", "sha256": "0" * 64, "format": "txt", "encoding": "utf-8", "size": 3},
           "doc_type": "priority_plan", "date": "2024-01-05", "period": {"start": "2024-01-01", "end": "2024-06-30"},
           "unit": {"name": "Komenda Powiatowa Policji w Kutnie", "kind": "police"}, "locality": "Kutno",
           "district": "XIV", "officer": {"name": "Anna Nowak", "rank": "st. sierż."}, "sections": [],
           "threats": [{"category": "alcohol_public", "text": "alkohol", "start": 0, "end": 7}],
           "locations": [{"name": "ul. Polna 3", "kind": "address", "street": "Polna", "number": "3",
                          "text": "ul. Polnej 3", "start": 10, "end": 22}],
           "time_windows": [{"from": "22:00", "to": "06:00", "days": ["fri", "sat"], "parts_of_day": ["night"],
                             "text": "x", "start": 0, "end": 1}],
           "targets": [{"direction": "decrease", "value": 30, "unit": "percent", "qualifier": "at_least",
                        "metric": "zgłoszenia", "text": "x", "start": 0, "end": 1}],
           "actions": [{"text": "x", "start": 0, "end": 1, "recurrence": "P2M", "partners": [],
                        "deadline": {"start": "2024-01-01", "end": "2024-03-31", "granularity": "quarter"}}],
           "partners": [{"name": "Straż Miejska w Kutnie", "kind": "municipal_police", "tasks": ["patrole"],
                         "text": "x", "start": 0, "end": 1}],
           "persons": [{"name": "Anna Nowak", "rank": "st. sierż.", "role": None, "text": "x", "start": 0, "end": 1}],
           "indicators": [{"name": "Liczba spotkań", "source": "KMP", "values": {"2009": 152, "2010": None}}],
           "extra_key": "extra keys are allowed"}
    return rec


def test_a_full_record_validates():
    assert validate(minimal_record())


@pytest.mark.parametrize("path,value,needle", [
    (("threats", 0, "category"), "alkohol", "record.threats[0].category"),
    (("doc_type",), "plan", "record.doc_type"),
    (("date",), "05.01.2024", "record.date"),
    (("time_windows", 0, "days"), ["fri", "piątek"], "record.time_windows[0].days[1]"),
    (("targets", 0, "direction"), "reduce", "record.targets[0].direction"),
    (("actions", 0, "recurrence"), "monthly", "record.actions[0].recurrence"),
    (("actions", 0, "deadline", "granularity"), "fortnight", "record.actions[0].deadline.granularity"),
    (("partners", 0, "kind"), "police_station", "record.partners[0].kind"),
    (("locations", 0, "start"), "10", "record.locations[0].start"),
])
def test_a_bad_value_is_named_in_the_error(path, value, needle):
    rec = minimal_record()
    obj = rec
    for p in path[:-1]:
        obj = obj[p]
    obj[path[-1]] = value
    with pytest.raises(SchemaError) as err:
        validate(rec)
    assert needle in str(err.value)


def test_a_missing_key_and_missing_evidence_are_errors():
    rec = minimal_record()
    del rec["threats"]
    with pytest.raises(SchemaError, match="threats"):
        validate(rec)
    rec = minimal_record()
    del rec["locations"][0]["text"]
    with pytest.raises(SchemaError, match="text"):
        validate(rec)


def test_every_corpus_record_validates(records):
    problems = []
    for rec in records:
        try:
            validate(rec)
        except SchemaError as e:
            problems.append(f"{Path(rec['source']['path']).name}: {e}")
    assert not problems, "\n".join(problems)


def test_every_item_text_is_its_source_span(records):
    bad = bad_spans(records)
    assert not bad, "\n".join(bad[:30])
