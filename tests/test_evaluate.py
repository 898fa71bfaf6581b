"""extractor.evaluate gives the figures of ../shared/eval/score.py (the specification)."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from extractor.evaluate import evaluate, format_table, match, norm, norm_district

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DOCS, CORPUS_GOLD = ROOT / "corpus" / "docs", ROOT / "corpus" / "gold"
SHARED = ROOT.parent / "shared"
SCORE_PY = SHARED / "eval" / "score.py"
DEV_DOCS, DEV_GOLD = SHARED / "corpus" / "dev", SHARED / "eval" / "gold" / "dev"
PLANY = [sys.executable, "-c", "import sys; from extractor.cli import main; sys.argv[0] = 'plany'; main()"]
needs_shared = pytest.mark.skipif(not SCORE_PY.exists() or not DEV_DOCS.is_dir(),
                                  reason="../shared (score.py and the dev set) is not beside the checkout")


# -- records made from gold, optionally damaged --------------------------------------------------------------
def record_from_gold(g: dict, damage: int = 0) -> dict:
    """A contract-shaped record whose evaluation fields equal the gold; ``damage`` > 0 spoils some of them."""
    gold = g["gold"]
    lst = lambda k: list(gold.get(k) or [])  # noqa: E731
    drop = (lambda xs: xs[::2]) if damage else (lambda xs: xs)
    rec: dict = {"source": {"path": f"/somewhere/{g['file']}"}}
    rec["doc_type"] = ("other" if damage and g["id"].endswith(("1", "5")) else gold.get("doc_type"))
    per = gold.get("period")
    rec["period"] = {"start": per[0], "end": per[1]} if per else None
    rec["date"] = gold.get("date")
    rec["unit"] = {"name": (gold["unit"] + (" Zachód" if damage else ""))} if gold.get("unit") else None
    rec["locality"] = gold.get("locality")
    d = gold.get("district")
    rec["district"] = ([{"number": x} for x in d] if isinstance(d, list) else (f"nr {d}" if d else None))
    o = gold.get("officer")
    rec["officer"] = [{"name": x} for x in o] if isinstance(o, list) else ({"name": o.upper()} if o else None)
    rec["threats"] = [{"category": c} for c in drop(lst("threats"))] + ([{"category": "other"}] if damage else [])
    rec["locations"] = [{"name": n.replace("ul. ", "ulica ")} for n in drop(lst("locations"))]
    tws = []
    for lab in lst("time_windows"):
        if "-" in lab and ":" in lab:
            a, b = lab.split("-")
            tws.append({"from": a or None, "to": b or None})
        elif lab in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
            tws.append({"days": [lab]})
        else:
            tws.append({"parts_of_day": [lab]})
    rec["time_windows"] = drop(tws)
    tgs = []
    for lab in lst("targets"):
        direction, _, val = lab.partition(":")
        t = {"direction": direction, "value": None, "unit": None}
        if val:
            t["unit"] = "percent" if val.endswith("%") else "count"
            t["value"] = float(val.rstrip("%")) + (1 if damage else 0)
        tgs.append(t)
    rec["targets"] = tgs
    rec["partners"] = [{"name": n} for n in lst("partners")] + ([{"name": "Rada Osiedla Zielone"}] if damage else [])
    rec["actions"] = ([{"deadline": {"end": x}} for x in drop(lst("deadlines"))]
                      + [{"recurrence": x} for x in lst("recurrences")])
    rec["persons"] = [{"name": n} for n in lst("persons")]
    inds: dict = defaultdict(dict)
    for lab in drop(lst("indicators")):
        y, v, name = lab.split("|", 2)
        inds[name][y] = float(v)
    rec["indicators"] = [{"name": k, "values": v} for k, v in inds.items()]
    return rec


def gold_docs(gold_dir: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]


def score_py(docs: Path, gold: Path, predictions: Path) -> dict:
    out = subprocess.run([sys.executable, str(SCORE_PY), "--docs", str(docs), "--gold", str(gold),
                          "--predictions", str(predictions), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def assert_same(ours: dict, theirs: dict) -> None:
    assert set(ours["fields"]) == set(theirs["fields"])
    for field, row in theirs["fields"].items():
        for k in ("tp", "fp", "fn"):
            assert ours["fields"][field][k] == row[k], (field, k)
        for k in ("p", "r", "f1"):
            assert ours["fields"][field][k] == pytest.approx(row[k]), (field, k)
    assert ours["macro_f1"] == pytest.approx(theirs["macro_f1"])
    assert ours["docs"] == theirs["docs"]


# -- the scorer without ../shared ---------------------------------------------------------------------------
def test_perfect_records_score_one_on_the_corpus():
    records = [record_from_gold(g) for g in gold_docs(CORPUS_GOLD)]
    res = evaluate(CORPUS_DOCS, CORPUS_GOLD, records=records)
    assert res["misses"] == []
    assert all(row["f1"] == 1.0 for row in res["fields"].values()), res["fields"]
    assert res["macro_f1"] == 1.0


def test_missing_records_score_zero_and_list_misses():
    res = evaluate(CORPUS_DOCS, CORPUS_GOLD, records=[])
    assert res["macro_f1"] == 0.0
    assert any(m["field"] == "doc_type" for m in res["misses"])


def test_normalisation_and_matching():
    assert norm("ul. Kolejowa 12") == "ulica kolejowa 12"
    assert norm("KPP w Kutnie") == "komenda powiatowa policji w kutnie"
    assert norm_district("nr XIV") == "14" and norm_district("rejon 7") == "7"
    # fuzzy, one to one: two predictions cannot both match one gold name
    tp, fp, fn, missed, extra = match("locations", ["ul. Polna"], ["ulica Polna", "ul. Polna "])
    assert (tp, fp, fn) == (1, 1, 0)
    tp, fp, fn, *_ = match("indicators", ["2016|1140|Liczba patroli"], ["2016|1 140.0|liczba patroli"])
    assert tp == 1


def test_format_table_has_a_row_per_field():
    records = [record_from_gold(g, damage=1) for g in gold_docs(CORPUS_GOLD)]
    res = evaluate(CORPUS_DOCS, CORPUS_GOLD, records=records)
    table = format_table(res, verbose=True)
    assert "macro F1" in table and "threats" in table and "missed=" in table


# -- agreement with score.py ---------------------------------------------------------------------------------
@needs_shared
@pytest.mark.parametrize("damage", [0, 1])
def test_same_figures_as_score_py_on_synthetic_predictions(tmp_path, damage):
    records = [record_from_gold(g, damage) for g in gold_docs(CORPUS_GOLD)]
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    assert_same(evaluate(CORPUS_DOCS, CORPUS_GOLD, records=records), score_py(CORPUS_DOCS, CORPUS_GOLD, pred))


@needs_shared
def test_same_figures_as_score_py_on_dev_predictions(tmp_path):
    """`plany extract` over the dev set, scored by score.py and by `plany evaluate --predictions`."""
    pred = tmp_path / "dev.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        proc = subprocess.run(PLANY + ["extract", "--no-text", str(DEV_DOCS)],
                              stdout=fh, stderr=subprocess.PIPE, text=True)
    assert pred.stat().st_size > 0, proc.stderr[-2000:]
    theirs = score_py(DEV_DOCS, DEV_GOLD, pred)
    cli = subprocess.run(PLANY + ["evaluate", "--docs", str(DEV_DOCS),
                          "--gold", str(DEV_GOLD), "--predictions", str(pred), "--json"],
                         capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    ours = json.loads(cli.stdout)
    assert_same(ours, theirs)


def test_cli_min_f1_and_table(tmp_path):
    records = [record_from_gold(g, damage=1) for g in gold_docs(CORPUS_GOLD)]
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    base = PLANY + ["evaluate", "--docs", str(CORPUS_DOCS), "--gold", str(CORPUS_GOLD),
            "--predictions", str(pred)]
    ok = subprocess.run(base + ["--min-f1", "0.1"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "macro F1" in ok.stdout and "F1" in ok.stdout.splitlines()[0]
    bad = subprocess.run(base + ["--min-f1", "0.999"], capture_output=True, text=True)
    assert bad.returncode == 1
    missing = subprocess.run(base[:-2] + ["--predictions", str(tmp_path / "nope.jsonl")], capture_output=True, text=True)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
