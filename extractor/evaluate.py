"""Score extraction records against gold annotations, field by field.

This is the package's own copy of the evaluation in ``../shared/eval/score.py``
(the specification): the same mapping of a record onto evaluation fields, the
same normalisation, fuzzy thresholds and one-to-one matching, so the figures
agree.  It runs the extraction in-process instead of through a subprocess.

    from extractor.evaluate import evaluate
    res = evaluate("corpus/docs", "corpus/gold")
    res["fields"]["threats"]["f1"], res["macro_f1"], res["misses"]

Gold files are ``{"id", "file", "gold": {field: value}, "notes"}``; a field a
gold file leaves out is not scored for that document.
"""
from __future__ import annotations

import json
import re
import time
import unicodedata
from pathlib import Path
from typing import Iterable

from rapidfuzz import fuzz

# field -> (kind, fuzzy threshold)
FIELDS: dict[str, tuple[str, int | None]] = {
    "doc_type": ("exact", None),
    "period": ("exact", None),
    "date": ("exact", None),
    "unit": ("fuzzy", 90),
    "locality": ("fuzzy", 92),
    "district": ("exact", None),
    "officer": ("fuzzy", 90),
    "threats": ("exact", None),
    "locations": ("fuzzy", 85),
    "time_windows": ("exact", None),
    "targets": ("exact", None),
    "partners": ("fuzzy", 85),
    "deadlines": ("exact", None),
    "recurrences": ("exact", None),
    "persons": ("fuzzy", 90),
    "indicators": ("indicator", 85),
}

ABBREVIATIONS = [
    (r"\bul\.?(?=\s)", "ulica"),
    (r"\bal\.?(?=\s)", "aleja"),
    (r"\bos\.?(?=\s)", "osiedle"),
    (r"\bpl\.?(?=\s)", "plac"),
    (r"\bnr\.?(?=\s)", "numer"),
    (r"\bsp\b", "szkoła podstawowa"),
    (r"\bkpp\b", "komenda powiatowa policji"),
    (r"\bkmp\b", "komenda miejska policji"),
    (r"\bkwp\b", "komenda wojewódzka policji"),
]



from extractor.fields.district import roman_to_int  # noqa: E402  (the same reading of roman numerals)


def similarity(a: str, b: str) -> float:
    return fuzz.token_sort_ratio(a, b)


def norm(s: str) -> str:
    """Case-fold, expand ul./al./os./pl./nr and a few acronyms, drop punctuation."""
    s = unicodedata.normalize("NFC", str(s)).casefold()
    s = s.replace("„", " ").replace("”", " ").replace('"', " ")
    for pat, rep in ABBREVIATIONS:
        s = re.sub(pat, rep, s)
    s = re.sub(r"[^\w\s/-]", " ", s)
    s = s.replace("-", " ")
    return re.sub(r"\s+", " ", s).strip()


def norm_district(s) -> str:
    s = str(s).strip().lower()
    s = re.sub(r"^(rejon(u)?\s*(służbowy|dzielnicowego)?\s*)?(nr|numer)?\.?\s*", "", s)
    r = roman_to_int(s)
    return str(r) if r is not None else s


def as_list(v) -> list:
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def hhmm(v) -> str | None:
    if not v:
        return None
    m = re.match(r"^(\d{1,2}):(\d{2})", str(v))
    return f"{int(m.group(1)):02d}:{m.group(2)}" if m else None


def predicted_fields(rec: dict) -> dict:
    """Map one output record onto the evaluation fields (as ``score.py`` does)."""
    out: dict = {}
    out["doc_type"] = rec.get("doc_type")
    per = rec.get("period") or {}
    out["period"] = f"{per.get('start')}/{per.get('end')}" if per.get("start") or per.get("end") else None
    out["date"] = rec.get("date")
    unit = rec.get("unit")
    out["unit"] = unit.get("name") if isinstance(unit, dict) else unit
    out["locality"] = rec.get("locality")
    out["district"] = [x.get("number") if isinstance(x, dict) else x for x in as_list(rec.get("district"))]
    out["officer"] = [x.get("name") if isinstance(x, dict) else x for x in as_list(rec.get("officer"))]
    out["threats"] = [t.get("category") for t in as_list(rec.get("threats")) if t.get("category")]
    out["locations"] = [l.get("name") for l in as_list(rec.get("locations")) if l.get("name")]
    tw_labels: list[str] = []
    for tw in as_list(rec.get("time_windows")):
        a, b = hhmm(tw.get("from")), hhmm(tw.get("to"))
        if a or b:
            tw_labels.append(f"{a or ''}-{b or ''}")
        tw_labels += [str(x) for x in as_list(tw.get("days"))]
        tw_labels += [str(x) for x in as_list(tw.get("parts_of_day"))]
    out["time_windows"] = tw_labels
    targets = []
    for t in as_list(rec.get("targets")):
        label = str(t.get("direction"))
        if t.get("value") is not None:
            v = t["value"]
            v = int(v) if float(v).is_integer() else v
            label += f":{v}{'%' if t.get('unit') == 'percent' else ''}"
        targets.append(label)
    out["targets"] = targets
    out["partners"] = [p.get("name") for p in as_list(rec.get("partners")) if p.get("name")]
    deadlines, recurrences = [], []
    for a in as_list(rec.get("actions")):
        dl = a.get("deadline") or {}
        if dl.get("end"):
            deadlines.append(dl["end"])
        if a.get("recurrence"):
            recurrences.append(a["recurrence"])
    out["deadlines"] = deadlines
    out["recurrences"] = recurrences
    out["persons"] = [p.get("name") for p in as_list(rec.get("persons")) if p.get("name")]
    inds = []
    for ind in as_list(rec.get("indicators")):
        for year, value in (ind.get("values") or {}).items():
            inds.append(f"{year}|{value}|{ind.get('name', '')}")
    out["indicators"] = inds
    return out


def gold_fields(gold: dict) -> dict:
    g = dict(gold)
    if isinstance(g.get("period"), list):
        g["period"] = f"{g['period'][0]}/{g['period'][1]}"
    return g


def _num(s: str):
    try:
        return float(str(s).replace(" ", "").replace(",", "."))
    except ValueError:
        return s


def match(field: str, gold_items: list, pred_items: list) -> tuple[int, int, int, list, list]:
    """(tp, fp, fn, missed gold items, extra predicted items) for one field of one document."""
    kind, threshold = FIELDS[field]
    if field == "district":
        gold_items = [norm_district(x) for x in gold_items]
        pred_items = [norm_district(x) for x in pred_items]
    gold_items = list(dict.fromkeys(str(x) for x in gold_items))
    pred_items = list(dict.fromkeys(str(x) for x in pred_items if x is not None))
    pairs = []
    for i, g in enumerate(gold_items):
        for j, p in enumerate(pred_items):
            if kind == "exact":
                score = 100.0 if g.strip().casefold() == p.strip().casefold() else 0.0
            elif kind == "fuzzy":
                score = similarity(norm(g), norm(p))
            else:  # indicator: year and value exact, name fuzzy
                gy, gv, gn = (g.split("|", 2) + ["", ""])[:3]
                py, pv, pn = (p.split("|", 2) + ["", ""])[:3]
                same = gy.strip() == py.strip() and _num(gv) == _num(pv)
                score = similarity(norm(gn), norm(pn)) if same else 0.0
            if score >= (threshold or 100):
                pairs.append((score, i, j))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    tp = len(used_g)
    missed = [g for i, g in enumerate(gold_items) if i not in used_g]
    extra = [p for j, p in enumerate(pred_items) if j not in used_p]
    return tp, len(pred_items) - tp, len(gold_items) - tp, missed, extra


def load_gold(gold_dir: str | Path) -> list[dict]:
    golds = [json.loads(gf.read_text(encoding="utf-8")) for gf in sorted(Path(gold_dir).glob("*.json"))]
    if not golds:
        raise FileNotFoundError(f"no gold files in {gold_dir}")
    return golds


def pair_records(files: list[Path], records: list[dict]) -> list[dict | None]:
    """Pair records with files by file name (``source.path``), else by order."""
    by_name: dict[str, dict] = {}
    for rec in records:
        src = rec.get("source") or {}
        path = src.get("path") if isinstance(src, dict) else None
        if path:
            by_name[Path(path).name] = rec
    if by_name:
        return [by_name.get(f.name) for f in files]
    return records + [None] * (len(files) - len(records)) if len(records) <= len(files) else records[: len(files)]


def extract_records(files: Iterable[Path], model: str | None = "auto",
                    include_text: bool = False) -> tuple[list[dict], list[str]]:
    """Run the pipeline in-process over ``files``; returns (records, error lines). The records carry the
    document's text only with ``include_text``."""
    from extractor.pipeline import iter_documents, process

    records, errors = [], []
    for item in iter_documents([str(f) for f in files]):
        if isinstance(item, Exception):
            errors.append(str(item))
            continue
        try:
            records.append(process(item, model, annotate=False).to_record(include_text=include_text))
        except Exception as e:  # one broken document must not stop the evaluation
            errors.append(f"{item.source.path}: extraction failed: {type(e).__name__}: {e}")
    return records, errors


def score(golds: list[dict], paired: list[dict | None]) -> dict:
    """Per-field P/R/F1, macro F1 and the misses of gold documents against their paired records."""
    totals = {f: [0, 0, 0] for f in FIELDS}
    misses = []
    for g, rec in zip(golds, paired):
        pred = predicted_fields(rec) if rec else {}
        gold = gold_fields(g["gold"])
        for field in FIELDS:
            if field not in gold:
                continue
            tp, fp, fn, missed, extra = match(field, as_list(gold[field]), as_list(pred.get(field)))
            t = totals[field]
            t[0] += tp
            t[1] += fp
            t[2] += fn
            if missed or extra:
                misses.append({"id": g["id"], "field": field, "missed": missed, "extra": extra})
    rows = {}
    for field, (tp, fp, fn) in totals.items():
        if tp + fn == 0 and fp == 0:
            continue
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows[field] = {"p": p, "r": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn}
    macro = sum(r["f1"] for r in rows.values()) / len(rows) if rows else 0.0
    return {"fields": rows, "macro_f1": macro, "docs": len(golds), "misses": misses}


def evaluate(docs_dir: str | Path, gold_dir: str | Path, records: list[dict] | None = None,
             model: str | None = "auto") -> dict:
    """Score the extraction of every document in ``docs_dir`` that has a gold file in ``gold_dir``.

    ``records`` (contract records, e.g. read from a JSON Lines file) are scored instead of
    running the pipeline when given.  Returns ``{"fields": {field: {p, r, f1, tp, fp, fn}},
    "macro_f1", "docs", "seconds", "misses": [{id, field, missed, extra}], "errors"}``.
    """
    golds = load_gold(gold_dir)
    files = [Path(docs_dir) / g["file"] for g in golds]
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise FileNotFoundError(f"missing document {missing[0]}" + (f" (+{len(missing) - 1} more)" if len(missing) > 1 else ""))
    errors: list[str] = []
    seconds = None
    if records is None:
        t0 = time.perf_counter()
        records, errors = extract_records(files, model)
        seconds = time.perf_counter() - t0
    result = score(golds, pair_records(files, records))
    result["seconds"] = seconds
    result["errors"] = errors
    return result


def format_table(result: dict, verbose: bool = False) -> str:
    """The text table of ``score.py``."""
    lines = []
    if verbose:
        for m in result["misses"]:
            lines.append(f"{m['id']:>14} {m['field']:<12} missed={m['missed']} extra={m['extra']}")
        lines.append("")
    lines.append(f"{'field':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}")
    for field, r in result["fields"].items():
        lines.append(f"{field:<14}{r['p']:>7.3f}{r['r']:>7.3f}{r['f1']:>7.3f}{r['tp'] + r['fn']:>6}{r['tp'] + r['fp']:>6}")
    secs = f" in {result['seconds']:.1f} s" if result.get("seconds") is not None else ""
    lines.append(f"macro F1 {result['macro_f1']:.3f} over {len(result['fields'])} fields, {result['docs']} documents{secs}")
    return "\n".join(lines)
