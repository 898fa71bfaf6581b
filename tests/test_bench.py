"""``plany bench`` runs end to end on a tiny archive and reports the expected shape (no timing checks)."""
import json
from pathlib import Path

from typer.testing import CliRunner

from extractor.cli import app


def test_bench_report_shape(tmp_path):
    out = tmp_path / "bench"
    given = Path(__file__).resolve().parent.parent / "corpus" / "docs"
    res = CliRunner().invoke(app, ["bench", "--docs", "20", "--scale", "200", "--workers", "2", "--repeat", "1",
                                   "--out", str(out), "--texts", str(given)])
    assert res.exit_code == 0, res.output
    rep = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert rep["docs"] == 20 and rep["archive"]["files"] == 20
    assert rep["archive"]["documents"] == 20 and rep["extract_failures"] == 0
    assert set(rep["archive"]["formats"]) <= {"txt", "html", "docx"}
    assert rep["reference"]["docs_per_s"] > 0
    names = [r["name"] for r in rep["rows"]]
    for want in ("reference: tokenise, 1 worker", "extract, 1 worker (process() on text)",
                 "ingest + extract, 1 fresh worker (files)",
                 "ingest + extract, 2 workers (files)", "peak RSS, extraction worker", "search p50 @ 200",
                 "search p95 @ 200", "database size @ 200"):
        assert want in names, names
    assert any(n.startswith("import 20 docs") for n in names)
    # the given real documents: extracted in a fresh worker beside the tokenisation of their texts
    assert "reference: tokenise given texts, 1 worker" in names
    assert "extract given texts, 1 fresh worker (process() on text)" in names
    texts = rep["texts"]
    assert texts["paths"] == [str(given)] and texts["failed"] == 0
    assert texts["documents"] == len(list(given.iterdir())) and texts["extract_s"] > 0
    assert texts["vocabulary"]["types"] > 1000
    voc = rep["archive"]["vocabulary"]
    assert 0 < voc["types"] < voc["tokens"] and voc["last_docs"] == 20
    assert "archive vocabulary:" in res.output and "given texts vocabulary:" in res.output
    for r in rep["rows"]:
        assert set(r) == {"name", "value", "unit", "reference", "ratio", "note"}
        assert r["value"] is not None and r["value"] >= 0
    (scale,) = rep["scales"]
    assert scale["documents"] == 200 and scale["grown_by_sql_from"] == 20
    assert scale["search_p50_ms"] <= scale["search_p95_ms"]
    # the table printed on stdout has a header and one line per row
    lines = [ln for ln in res.output.splitlines() if not ln.startswith("bench:")]
    assert lines[0].split()[:3] == ["measure", "value", "unit"]
    assert "search p95 @ 200" in res.output


def test_generated_archive_is_seeded(tmp_path):
    from extractor.bench import generate

    a = generate(tmp_path / "a", 12, seed=7)
    b = generate(tmp_path / "b", 12, seed=7)
    assert [(m["template"], m["format"], m["encoding"], m["bytes"]) for m in a] == \
        [(m["template"], m["format"], m["encoding"], m["bytes"]) for m in b]
    assert {m["format"] for m in a} <= {"txt", "html", "docx"}


def test_vocabulary_counts_new_word_forms():
    from extractor.bench import vocabulary

    v = vocabulary(["Ala ma kota.", "ala MA psa", "Kot i pies"], last=2)
    assert v == {"tokens": 9, "types": 7, "new_types_per_doc_last": 2.0, "last_docs": 2}
    assert vocabulary([])["types"] == 0


def test_bench_texts_path_must_exist(tmp_path):
    res = CliRunner().invoke(app, ["bench", "--docs", "2", "--scale", "", "--texts", str(tmp_path / "nowhere")])
    assert res.exit_code == 2
    assert "no such file or directory" in res.output and "Traceback" not in res.output
