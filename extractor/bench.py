"""``plany bench``: a synthetic archive, and how fast plany extracts, imports and queries it.

    from extractor.bench import run, format_table
    report = run(docs=200, seed=1, workers=None, scales=(10_000, 100_000), out="bench-results")
    print(format_table(report))

1. **Archive.** ``docs`` documents are generated from the templates in ``benchmarks/templates``
   (plans of several shapes, news, strategies) filled from the lexicons in ``rules/`` (towns,
   ranks, threat categories, partner acronyms and kinds) and ``benchmarks/templates/words.txt``;
   seeded, 1–6 kB each, mostly ``.txt`` (UTF-8, cp1250, ISO-8859-2), some ``.html`` and ``.docx``.
2. **Reference.** Every figure is shown beside a reference measured in the same run: bare
   ``spacy.blank("pl")`` tokenisation of the same texts, one pass with a fresh pipeline (spaCy's
   tokenizer caches the strings it has seen) (for throughput and import time:
   the whole archive; for a query latency: tokenising one average document; for memory: the
   peak RSS of a process that only tokenises; for the database size: the bytes of the texts).
   ``ratio`` = figure / reference (for throughput: reference rate / plany rate, i.e. how many
   times the tokenisation time plany takes).
3. **Extraction** with 1 worker (in-process ``process()`` on ingested text; ingest + extraction from the
   files in a fresh worker) and with all workers (a pool of fresh workers over the files).
4. **Import** into a fresh SQLite database (``extractor.parallel.import_paths`` when present).
4b. **Given texts** (``text_paths``, ``--texts``): real documents the user points at, ingested and extracted
   in a fresh worker beside the tokenisation of the same texts.  The report gives the vocabulary of both
   (:func:`vocabulary`): the synthetic archive repeats a small vocabulary, so its per-word caches hit far
   more often than on real documents.
5. **Scale.** For each ``scales`` size the imported database is grown to that many documents by
   duplicating rows through SQL (each copy gets another path, sha256 and town, and its text a
   distinct marker word, so the full-text index grows too), then ``extractor.store.search`` and
   ``extractor.compare.compare`` queries are timed (p50/p95).

Nothing here asserts a timing; the report is JSON (``report.json`` in ``out``) and a table.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import re
import resource
import shutil
import sqlite3
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from extractor.gc_tuning import batch_gc, enter_batch
from extractor.resources import read_tsv

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "benchmarks" / "templates"
# what users type: words, phrases, inflected and diacritic-free town names, filters alone and together
SEARCH_QUERIES = (
    dict(query="alkohol"), dict(query="spożywanie alkoholu"), dict(query="straż miejska"),
    dict(query="Łuków"), dict(query="w Łukowie"), dict(query="lodz"), dict(query="kradziezy"),
    dict(query="szkoła podstawowa"), dict(query="młodzież"), dict(query="kradzież"),
    dict(query='"spożywanie alkoholu"'), dict(query="alkohol OR narkotyki"),
    dict(query="patrol", year=2024), dict(query="dzielnicowy", doc_type="priority_plan"),
    dict(query="alkohol", locality="Łuków"), dict(query="parking", limit=50),
    dict(query="", locality="Lublin"), dict(query="", locality="lodzi"), dict(query="", unit="KPP Łuków"),
    dict(query="", year=2024), dict(query="", locality="Lublin", year=2020),
)
# every WHAT by its dimensions, and with each filter
COMPARE_QUERIES = (
    ("threats", "locality", {}), ("threats", "unit", {}), ("threats", "county", {}), ("threats", "voivodeship", {}),
    ("threats", "period", {}), ("threats", "doc_type", {}), ("partners", "unit", {}), ("partners", "voivodeship", {}),
    ("targets", "threat", {}), ("targets", "period", {}), ("deadlines", "all", {}), ("deadlines", "period", {}),
    ("threats", "locality", {"region": "lubelskie"}), ("threats", "unit", {"year": 2024}),
    ("partners", "unit", {"locality": "Lublin"}), ("targets", "locality", {"threat": "alkohol"}),
    ("deadlines", "all", {"unit": "KPP Łuków"}), ("threats", "period", {"doc_type": "priority_plan"}),
)
_MONTHS_GEN = ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
               "września", "października", "listopada", "grudnia")


# ------------------------------------------------------------------------------------ templates

@dataclass
class Template:
    name: str
    kind: str
    weight: float
    parts: list = field(default_factory=list)   # (name, repeatable, text)


def load_templates(directory: Path = TEMPLATE_DIR) -> list[Template]:
    out = []
    for path in sorted(directory.glob("*.tpl")):
        meta: dict[str, str] = {}
        parts: list = []
        cur = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("=== "):
                name = line[4:].strip()
                rep = name.endswith("*")
                cur = [name.rstrip("* ").strip(), rep, []]
                parts.append(cur)
            elif cur is None:
                if ":" in line:
                    k, v = line.split(":", 1)
                    meta[k.strip()] = v.strip()
            else:
                cur[2].append(line)
        out.append(Template(path.stem, meta.get("kind", "other"), float(meta.get("weight", 1)),
                            [(n, r, "\n".join(t)) for n, r, t in parts]))
    if not out:
        raise FileNotFoundError(f"no *.tpl templates in {directory}")
    return out


def _words(directory: Path = TEMPLATE_DIR) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    cur = None
    for line in (directory / "words.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            cur = out.setdefault(line[1:-1], [])
        elif cur is not None:
            cur.append(line)
    return out


class Lexicon:
    """The slot values: rules/ lexicons plus the template word lists."""

    def __init__(self):
        from extractor.fields.names import locative

        towns = [r for r in read_tsv("gazetteer", "towns.tsv") if r.get("name")]
        self.towns = [(r["name"].strip(), locative(r["name"].strip())) for r in towns]
        ranks = [r for r in read_tsv("ranks.tsv")]
        self.ranks = [r["abbr"] for r in ranks if not r["abbr"].startswith("gen")] or ["asp."]
        self.threats = [r["name_pl"] for r in read_tsv("threat_categories.tsv")]
        partners = [r["expansion"] for r in read_tsv("partners", "acronyms.tsv")]
        kinds = [r["phrase"] for r in read_tsv("partners", "kinds.tsv") if r["phrase"][:1].islower()
                 and " " in r["phrase"]]
        self.partners = partners + [k[:1].upper() + k[1:] for k in kinds]
        self.words = _words()


def _date(rng: random.Random, year: int) -> str:
    return f"{rng.randint(1, 28)} {_MONTHS_GEN[rng.randrange(12)]} {year}"


class _Doc:
    """Slot values of one document: the constant ones drawn once, the others on each use."""

    def __init__(self, rng: random.Random, lex: Lexicon):
        self.rng = rng
        self.lex = lex
        w = lex.words
        town, town_loc = rng.choice(lex.towns)
        year = rng.randint(2016, 2025)
        person = lambda: f"{rng.choice(w['first_names'])} {rng.choice(w['surnames'])}"  # noqa: E731
        self.const = {
            "town": town, "town_loc": town_loc, "year": str(year), "prev_year": str(year - 1),
            "year3": str(year + 3), "district_no": str(rng.randint(1, 12)),
            "start_date": f"{rng.randint(1, 28):02d}.{rng.randint(1, 3):02d}.{year}",
            "end_date": f"{rng.randint(1, 28):02d}.{rng.randint(9, 12):02d}.{year}",
            "doc_date": _date(rng, year), "officer": person(), "officer_rank": rng.choice(lex.ranks),
            "boss": person(), "boss_rank": rng.choice(lex.ranks),
            "unit_station": rng.choice(("Wydział Prewencji", "Zespół Dzielnicowych", "Rewir Dzielnicowych")),
        }
        self.year = year

    def value(self, slot: str) -> str:
        if slot in self.const:
            return self.const[slot]
        rng, w, lex = self.rng, self.lex.words, self.lex
        if slot == "threat":
            return rng.choice(lex.threats)
        if slot == "threat_lc":
            t = rng.choice(lex.threats)
            return t[:1].lower() + t[1:]
        if slot in ("partner", "partner2"):
            return rng.choice(lex.partners)
        if slot == "street":
            return rng.choice(w["streets"])
        if slot == "street_no":
            return str(rng.randint(1, 120))
        if slot == "place":
            return rng.choice(w["places"])
        if slot == "action":
            return self.fill(rng.choice(w["actions"]))
        if slot == "deadline":
            return _date(rng, self.year)
        if slot == "hour1":
            return str(rng.randint(15, 20))
        if slot == "hour2":
            return str(rng.randint(21, 23))
        if slot == "pct":
            return str(rng.choice((10, 15, 20, 25, 30, 50)))
        if slot in ("n", "n2", "n3"):
            return str(rng.randint(2, 60))
        return "{" + slot + "}"

    def fill(self, text: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: self.value(m.group(1)), text)


def render(template: Template, rng: random.Random, lex: Lexicon, target_bytes: int) -> str:
    d = _Doc(rng, lex)
    fixed = sum(len(t.encode("utf-8")) for _n, rep, t in template.parts if not rep)
    out = []
    for _name, rep, text in template.parts:
        out.append(d.fill(text))
        if rep:
            size = fixed + sum(len(x.encode("utf-8")) for x in out)
            while size < target_bytes:
                piece = d.fill(text)
                out.append(piece)
                size += len(piece.encode("utf-8")) + 1
    return "\n".join(out).strip() + "\n"


def _html(text: str, title: str) -> str:
    import html as h

    paras = "\n".join(f"<p>{h.escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (f"<!DOCTYPE html>\n<html lang=\"pl\"><head><meta charset=\"utf-8\"><title>{h.escape(title)}</title></head>\n"
            f"<body><nav><a href=\"/\">Strona główna</a> | <a href=\"/aktualnosci\">Aktualności</a></nav>\n"
            f"<main><article><h1>{h.escape(title)}</h1>\n{paras}\n</article></main>\n"
            f"<footer>© Komenda Powiatowa Policji</footer></body></html>\n")


def _docx(text: str, path: Path) -> bool:
    try:
        import docx  # python-docx
    except ImportError:
        return False
    d = docx.Document()
    for p in text.split("\n"):
        d.add_paragraph(p)
    d.save(str(path))
    return True


def generate(out_dir: str | os.PathLike, n: int, seed: int = 1) -> list[dict]:
    """Write ``n`` documents to ``out_dir``; returns one manifest entry per file."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    lex = Lexicon()
    templates = load_templates()
    weights = [t.weight for t in templates]
    manifest = []
    for i in range(n):
        t = rng.choices(templates, weights)[0]
        text = render(t, rng, lex, rng.randint(1000, 6000))
        r = rng.random()
        fmt, enc = ("txt", "utf-8")
        if r < 0.10:
            fmt, enc = "html", "utf-8"
        elif r < 0.15:
            fmt, enc = "docx", None
        elif r < 0.40:
            enc = "cp1250"
        elif r < 0.55:
            enc = "iso-8859-2"
        path = out / f"d{i:06d}_{t.name}.{fmt}"
        if fmt == "docx" and not _docx(text, path):
            fmt, enc = "txt", "utf-8"
            path = path.with_suffix(".txt")
        if fmt == "html":
            path.write_text(_html(text, text.split("\n", 1)[0]), encoding="utf-8")
        elif fmt == "txt":
            path.write_bytes(text.encode(enc, errors="replace"))
        manifest.append({"path": str(path), "template": t.name, "kind": t.kind, "format": fmt, "encoding": enc,
                         "bytes": path.stat().st_size})
    return manifest


# ------------------------------------------------------------------------------------ measuring

def _rss_mb() -> float:
    """Peak resident memory of this process, MB: ``VmHWM`` of /proc/self/status (the peak of this
    address space; ``ru_maxrss`` would carry a spawned worker's parent's peak across exec), else
    ``getrusage``."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0   # Linux: kB


def _warm(kind: str) -> None:
    if kind == "extract":
        from extractor.parallel import _warm as warm_worker

        warm_worker("auto")   # as the import's workers: the pipeline on a short plan, the format readers
    else:
        _blank().make_doc("Rozgrzewka tokenizera.")


def _fresh_tokenise(texts: list[str]) -> float:
    """Seconds of one pass of a fresh ``spacy.blank("pl")`` over ``texts`` (the reference: a fresh pipeline,
    since spaCy's tokenizer caches every string it has seen)."""
    import spacy

    blank = spacy.blank("pl")
    blank.make_doc("Rozgrzewka tokenizera.")
    return _timed(lambda: [blank.make_doc(t) for t in texts])


_BLANK = None


def _blank():
    global _BLANK
    if _BLANK is None:
        import spacy

        _BLANK = spacy.blank("pl")
    return _BLANK


def _extract_file(path: str) -> tuple[int, int, float]:
    """(documents, failures, peak RSS MB of this process) for one file: ingest + extraction."""
    from extractor.pipeline import iter_documents, process

    ok = bad = 0
    for item in iter_documents([path]):
        if isinstance(item, Exception):
            bad += 1
            continue
        try:
            process(item, annotate=False).to_record()
            ok += 1
        except Exception:
            bad += 1
    return ok, bad, _rss_mb()


def _tokenise(text: str) -> tuple[int, float]:
    return len(_blank().make_doc(text)), _rss_mb()


def _pool_run(kind: str, fn, items: list, workers: int) -> tuple[float, list]:
    """Run ``fn`` over ``items`` in a warmed pool of ``workers`` processes; (seconds, results)."""
    # spawn: each worker starts cold (no tokenizer or morphology caches inherited from this process)
    ctx = mp.get_context("spawn")
    counter = ctx.Value("i", 0)
    with ctx.Pool(workers, initializer=_init_worker_safe, initargs=(kind, counter)) as pool:
        deadline = time.monotonic() + 300
        while counter.value < workers and time.monotonic() < deadline:
            time.sleep(0.02)
        t0 = time.perf_counter()
        res = pool.map(fn, items, chunksize=max(1, len(items) // (workers * 8) or 1))
        dt = time.perf_counter() - t0
    return dt, res


def _init_worker_safe(kind: str, counter) -> None:
    _warm(kind)
    if kind == "extract":
        enter_batch()   # as the import's workers
    with counter.get_lock():
        counter.value += 1


_WORD = re.compile(r"\w+")


def vocabulary(texts: list[str], last: int = 100) -> dict:
    """How varied the words of ``texts`` are: word tokens, distinct lower-cased word forms (types), and how
    many forms each of the ``last`` documents brings that no document before it had.  An archive whose
    documents repeat a small vocabulary finds most words in the per-word caches; real documents bring
    new street names, surnames and phrasing all the time."""
    seen: set[str] = set()
    tokens = 0
    fresh: list[int] = []
    for t in texts:
        words = _WORD.findall(t.lower())
        tokens += len(words)
        before = len(seen)
        seen.update(words)
        fresh.append(len(seen) - before)
    tail = fresh[-last:]
    return {"tokens": tokens, "types": len(seen), "new_types_per_doc_last": round(sum(tail) / max(1, len(tail)), 1),
            "last_docs": len(tail)}


def _measure_texts(paths: list[str]) -> dict:
    """In a fresh worker (warmed as the import's workers are): ingest ``paths``, then one pass of a fresh
    ``spacy.blank("pl")`` over the texts (the reference) and one pass of ``process()`` over them."""
    from extractor.pipeline import iter_documents, process
    from extractor.record import Document

    loaded, failed = [], 0
    for d in iter_documents(paths):
        if isinstance(d, Exception):
            failed += 1
        else:
            loaded.append(d)
    texts = [d.text for d in loaded]
    ref = min(_fresh_tokenise(texts) for _ in range(3))
    # the worker runs with the import's collector settings (_init_worker_safe)
    ext = _timed(lambda: [process(Document(source=d.source, text=d.text), annotate=False).to_record() for d in loaded])
    return {"documents": len(texts), "failed": failed, "words": sum(len(t.split()) for t in texts),
            "text_bytes": sum(len(t.encode("utf-8")) for t in texts), "reference_s": ref, "extract_s": ext,
            "vocabulary": vocabulary(texts), "rss_mb": _rss_mb()}


def _texts_rows(report: dict, paths: list[str], say) -> None:
    """Rows of the documents the user gave (``--texts``): extraction in a fresh worker beside the reference."""
    rows = report["rows"]
    say(f"extraction of the given texts ({', '.join(paths)}) in a fresh worker")
    ctx = mp.get_context("spawn")
    with ctx.Pool(1, initializer=_init_worker_safe, initargs=("extract", ctx.Value("i", 0))) as pool:
        got = pool.apply(_measure_texts, (paths,))
    report["texts"] = dict(got, paths=paths)
    n = got["documents"]
    if not n:
        rows.append(_row("extract, given texts", None, "docs/s", note=f"no document read ({got['failed']} failed)"))
        return
    v = got["vocabulary"]
    ref, ext = got["reference_s"], got["extract_s"]
    rows.append(_row("reference: tokenise given texts, 1 worker", round(n / ref, 1), "docs/s",
                     note=f"{got['words'] / ref:,.0f} words/s"))
    rows.append(_row("extract given texts, 1 fresh worker (process() on text)", round(n / ext, 1), "docs/s",
                     round(n / ref, 1), round(ext / ref, 2),
                     f"{n} documents, {got['text_bytes'] / n / 1e3:.1f} kB of text each, {got['words'] / ext:,.0f} "
                     f"words/s; {v['types']:,} word forms in {v['tokens']:,} words"))


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(q * (len(s) - 1)))))
    return s[k]


def _row(name: str, value, unit: str, ref=None, ratio=None, note: str = "") -> dict:
    return {"name": name, "value": value, "unit": unit, "reference": ref, "ratio": ratio, "note": note}


# ------------------------------------------------------------------------------------ scaling the db

def _db_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(str(path) + "-wal")) if p.exists())


def grow_database(path: Path, target: int, seed: int = 1) -> int:
    """Duplicate document rows (and their child rows) through SQL until ``target`` documents;
    each copy gets another path, sha256 and town, and a distinct marker word in its searchable text."""
    from extractor.nlp.gazetteer import towns

    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    n0, max_id = conn.execute("SELECT count(*), coalesce(max(id), 0) FROM documents").fetchone()
    if n0 == 0 or n0 >= target:
        conn.close()
        return n0
    conn.execute("CREATE TEMP TABLE bench_towns (k INTEGER PRIMARY KEY, name TEXT)")
    tw = [t.name for t in towns()]
    random.Random(seed).shuffle(tw)
    conn.executemany("INSERT INTO bench_towns VALUES (?, ?)", list(enumerate(tw)))
    ntowns = len(tw)
    doc_cols = [r[1] for r in conn.execute("PRAGMA table_info(documents)") if r[1] != "id"]
    changed = {"sha256": "sha256 || '-' || :k", "path": "path || '#' || :k",
               "locality": f"(SELECT name FROM bench_towns WHERE k = (id + :k) % {ntowns})",
               "text_folded": "text_folded || ' kopia' || :k",
               "lemmas": "lemmas || ' kopia' || :k"}
    sel = ", ".join(changed.get(c, c) for c in doc_cols)
    # child tables whose rows point only at their document (not at other child rows)
    children = []
    for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        if t.startswith("documents_fts") or t == "regions":
            continue  # derived: the triggers queue the copies, refresh_regions rebuilds them (_time_queries)
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({t})")]
        fks = {r[3] for r in conn.execute(f"PRAGMA foreign_key_list({t})")}
        if "document_id" in cols and fks <= {"document_id", "organisation_id"}:
            children.append((t, [c for c in cols if c != "id"]))
    k = 0
    n = n0
    while n < target:
        k += 1
        take = min(n0, target - n)
        off = k * max_id
        with conn:
            conn.execute(f"INSERT INTO documents (id, {', '.join(doc_cols)}) "
                         f"SELECT id + :off, {sel} FROM documents WHERE id <= :maxid ORDER BY id LIMIT :take",
                         {"off": off, "k": k, "maxid": max_id, "take": take})
            for t, cols in children:
                sel_c = ", ".join("document_id + :off" if c == "document_id" else f'"{c}"' for c in cols)
                conn.execute(f"INSERT INTO {t} ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
                             f"SELECT {sel_c} FROM {t} WHERE document_id IN "
                             f"(SELECT id FROM documents WHERE id <= :maxid ORDER BY id LIMIT :take)",
                             {"off": off, "maxid": max_id, "take": take})
        n += take
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return n


def _time_queries(db_path: Path, repeat: int) -> dict:
    """Each search and compare shape: one untimed run (page cache, look-ups, the first compare
    brings the derived tables up to date), then ``repeat`` timed runs (compare: ``repeat // 3``, at
    least 2).  Per-shape medians go to ``report.json``."""
    from extractor.store import open_db, search

    out: dict = {"search_ms": [], "compare_ms": [], "compare": None, "search_by_query": {},
                 "compare_by_query": {}}
    db = open_db(db_path)
    try:
        from extractor.regions import refresh_regions

        # the copies were queued by the triggers: bring regions and the compare summaries
        # (documents_fts_groups/_keys/_agg) up to date before anything is timed
        t0 = time.perf_counter()
        refresh_regions(db)
        out["refresh_s"] = round(time.perf_counter() - t0, 2)
        for q in SEARCH_QUERIES:
            search(db, **q)  # warm the page cache and the query's look-ups
        for _ in range(repeat):
            for q in SEARCH_QUERIES:
                t0 = time.perf_counter()
                search(db, **q)
                ms = (time.perf_counter() - t0) * 1000
                out["search_ms"].append(ms)
                out["search_by_query"].setdefault(json.dumps(q, ensure_ascii=False), []).append(ms)
        try:
            from extractor.compare import compare
        except ImportError:
            compare = None
        if compare is not None:
            out["compare"] = True
            for what, by, filters in COMPARE_QUERIES:
                try:
                    compare(db, what, by, **filters)
                except Exception:
                    continue
                key = json.dumps([what, by, filters], ensure_ascii=False)
                for _ in range(max(2, repeat // 3)):
                    t0 = time.perf_counter()
                    compare(db, what, by, **filters)
                    ms = (time.perf_counter() - t0) * 1000
                    out["compare_ms"].append(ms)
                    out["compare_by_query"].setdefault(key, []).append(ms)
    finally:
        db.close()
    for k in ("search_by_query", "compare_by_query"):
        out[k] = {q: round(statistics.median(v), 2) for q, v in out[k].items()}
    return out


# ------------------------------------------------------------------------------------ the run

def run(docs: int = 200, seed: int = 1, workers: int | None = None, scales=(10_000, 100_000),
        out: str | os.PathLike | None = "bench-results", keep: bool = False, repeat: int = 5,
        log=None, import_docs: int = 0, text_paths=()) -> dict:
    """Generate, measure, and return the report (also written to ``out/report.json``).

    ``import_docs``: also generate that many documents and import them all end to end with ``workers``
    (:mod:`extractor.bench_archive`), then time the queries on that database.  ``text_paths``: files or
    directories of real documents, also extracted (in a fresh worker) beside the tokenisation of their texts."""
    import spacy

    from extractor import __version__ as plany_version
    from extractor.nlp import get_nlp
    from extractor.pipeline import iter_documents, process
    from extractor.record import Document

    say = log or (lambda msg: None)
    workers = workers or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()) or 1
    work = Path(tempfile.mkdtemp(prefix="plany-bench-"))
    rows: list[dict] = []
    report: dict = {"plany_version": plany_version, "spacy_version": spacy.__version__, "docs": docs,
                    "seed": seed, "workers": workers, "cpus": os.cpu_count(), "rows": rows}
    try:
        say(f"generating {docs} documents in {work / 'archive'}")
        manifest = generate(work / "archive", docs, seed)
        paths = [m["path"] for m in manifest]
        src_bytes = sum(m["bytes"] for m in manifest)
        report["archive"] = {
            "files": len(manifest), "bytes": src_bytes,
            "formats": {f: sum(1 for m in manifest if m["format"] == f) for f in sorted({m["format"] for m in manifest})},
            "encodings": {e: sum(1 for m in manifest if str(m["encoding"] or "binary") == e)
                          for e in sorted({str(m["encoding"] or "binary") for m in manifest})},
            "templates": {t: sum(1 for m in manifest if m["template"] == t)
                          for t in sorted({m["template"] for m in manifest})},
        }
        loaded = [d for d in iter_documents(paths) if not isinstance(d, Exception)]
        texts = [d.text for d in loaded]
        text_bytes = sum(len(t.encode("utf-8")) for t in texts)
        words = sum(len(t.split()) for t in texts)
        report["archive"].update(documents=len(texts), text_bytes=text_bytes, words=words,
                                 vocabulary=vocabulary(texts))
        mb = src_bytes / 1e6

        # reference: bare spacy.blank("pl") tokenisation of the same texts, in this process
        # one pass with a fresh pipeline each time: spaCy's tokenizer caches every string it has
        # seen, so a second pass over the same texts would be a different (cached) measurement
        ref_1 = min(_fresh_tokenise(texts) for _ in range(3))
        ref_doc_ms = ref_1 / max(1, len(texts)) * 1000
        report["reference"] = {"what": 'spacy.blank("pl") tokenisation of the same texts', "seconds_1": ref_1,
                               "docs_per_s": len(texts) / ref_1, "words_per_s": words / ref_1,
                               "ms_per_doc": ref_doc_ms}
        rows.append(_row("reference: tokenise, 1 worker", round(len(texts) / ref_1, 1), "docs/s",
                         note=f"{words / ref_1:,.0f} words/s"))

        # extraction, 1 worker, in process: process() + to_record() on ingested text
        say("extraction, 1 worker")
        t0 = time.perf_counter()
        get_nlp("auto")
        report["model_load_s"] = time.perf_counter() - t0
        _warm("extract")   # as the import's workers warm up (a short plan, the format readers)
        with batch_gc():   # as `plany extract` and the import's workers do, once the pipeline is loaded
            t_ext = _timed(lambda: [process(Document(source=d.source, text=d.text), annotate=False).to_record()
                                    for d in loaded])
            rows.append(_row("extract, 1 worker (process() on text)", round(len(texts) / t_ext, 1), "docs/s",
                             round(len(texts) / ref_1, 1), round(t_ext / ref_1, 2),
                             f"{text_bytes / t_ext / 1e6:.2f} MB/s of text, {words / t_ext:,.0f} words/s"))
            # the same worker on as many other documents (another seed): no text it has seen, but the
            # per-word caches an archive's import runs with after its first few hundred documents
            other = [d for d in iter_documents([m["path"] for m in generate(work / "warm", docs, seed + 7919)])
                     if not isinstance(d, Exception)]
            ref_w = _fresh_tokenise([d.text for d in other])
            t_warm = _timed(lambda: [process(Document(source=d.source, text=d.text), annotate=False).to_record()
                                     for d in other])
        other_words = sum(len(d.text.split()) for d in other)
        rows.append(_row(f"extract, 1 worker, after {len(texts)} documents (process() on text)",
                         round(len(other) / t_warm, 1), "docs/s", round(len(other) / ref_w, 1),
                         round(t_warm / ref_w, 2),
                         f"{len(other)} other documents (seed {seed + 7919}), {other_words / t_warm:,.0f} words/s"))
        report["rss_main_mb"] = _rss_mb()
        if text_paths:
            _texts_rows(report, [str(p) for p in text_paths], say)

        # ingest + extraction from the files in a fresh worker (warmed as the import's are), then in all workers
        t_files, _res = _pool_run("extract", _extract_file, paths, 1)
        after = 1 + next(k for k, r in enumerate(rows) if r["name"] == "extract, 1 worker (process() on text)")
        rows.insert(after, _row("ingest + extract, 1 fresh worker (files)", round(len(paths) / t_files, 1), "docs/s",
                                round(len(texts) / ref_1, 1), round(t_files / ref_1, 2),
                                f"{mb / t_files:.2f} MB/s of files"))
        say(f"extraction, {workers} workers")
        ref_n, tok_res = _pool_run("tokenise", _tokenise, texts, workers)
        ext_n, ext_res = _pool_run("extract", _extract_file, paths, workers)
        rows.append(_row(f"reference: tokenise, {workers} workers", round(len(texts) / ref_n, 1), "docs/s"))
        rows.append(_row(f"ingest + extract, {workers} workers (files)", round(len(paths) / ext_n, 1), "docs/s",
                         round(len(texts) / ref_n, 1), round(ext_n / ref_n, 2), f"{mb / ext_n:.2f} MB/s of files"))
        worker_rss = max((r[2] for r in ext_res), default=0.0)
        ref_rss = max((r[1] for r in tok_res), default=0.0)
        failures = sum(r[1] for r in ext_res)
        report["extract_failures"] = failures
        rows.append(_row("peak RSS, extraction worker", round(worker_rss, 1), "MB", round(ref_rss, 1),
                         round(worker_rss / ref_rss, 2) if ref_rss else None, "reference: a tokenising worker"))
        rows.append(_row("peak RSS, main process", round(report["rss_main_mb"], 1), "MB", round(ref_rss, 1),
                         round(report["rss_main_mb"] / ref_rss, 2) if ref_rss else None,
                         "generation, 1-worker runs, queries"))

        # import into a fresh database
        db_path = work / "bench.db"
        say(f"import into {db_path}")
        how = _import(db_path, paths, workers)
        rows.append(_row(f"import {len(paths)} docs, {how['workers']} workers ({how['how']})", round(how["seconds"], 2),
                         "s", round(ref_n, 3), round(how["seconds"] / ref_n, 1),
                         f"{how['docs']} docs, {len(paths) / how['seconds']:.1f} docs/s"))
        size = _db_size(db_path)
        rows.append(_row(f"database size, {how['docs']} docs", round(size / 1e6, 2), "MB", round(text_bytes / 1e6, 2),
                         round(size / text_bytes, 1), "reference: UTF-8 bytes of the texts"))
        report["import"] = how

        if import_docs:
            _archive_rows(report, work, import_docs, seed, workers, repeat, len(texts) / ref_n, ref_rss,
                          ref_doc_ms, keep, say)

        # queries at each scale
        report["scales"] = []
        for scale in scales:
            sdb = work / f"scale_{scale}.db"
            shutil.copyfile(db_path, sdb)
            say(f"growing a copy to {scale} documents")
            t0 = time.perf_counter()
            n = grow_database(sdb, scale, seed)
            grow_s = time.perf_counter() - t0
            q = _time_queries(sdb, repeat)
            ssize = _db_size(sdb)
            entry = {"documents": n, "grown_by_sql_from": how["docs"], "grow_seconds": grow_s,
                     "search_median_ms_by_query": q["search_by_query"],
                     "compare_median_ms_by_query": q["compare_by_query"], "refresh_seconds": q.get("refresh_s"),
                     "db_bytes": ssize, "search_p50_ms": _pct(q["search_ms"], .5),
                     "search_p95_ms": _pct(q["search_ms"], .95), "search_queries": len(q["search_ms"])}
            note = f"{n} docs ({how['docs']} extracted, the rest duplicated through SQL)"
            rows.append(_row(f"search p50 @ {n}", round(entry["search_p50_ms"], 2), "ms", round(ref_doc_ms, 3),
                             round(entry["search_p50_ms"] / ref_doc_ms, 1), note))
            rows.append(_row(f"search p95 @ {n}", round(entry["search_p95_ms"], 2), "ms", round(ref_doc_ms, 3),
                             round(entry["search_p95_ms"] / ref_doc_ms, 1), "reference: tokenising one document"))
            if q["compare"]:
                entry.update(compare_p50_ms=_pct(q["compare_ms"], .5), compare_p95_ms=_pct(q["compare_ms"], .95),
                             compare_queries=len(q["compare_ms"]))
                rows.append(_row(f"compare p50 @ {n}", round(entry["compare_p50_ms"], 2), "ms", round(ref_doc_ms, 3),
                                 round(entry["compare_p50_ms"] / ref_doc_ms, 1)))
                rows.append(_row(f"compare p95 @ {n}", round(entry["compare_p95_ms"], 2), "ms", round(ref_doc_ms, 3),
                                 round(entry["compare_p95_ms"] / ref_doc_ms, 1)))
            rows.append(_row(f"database size @ {n}", round(ssize / 1e6, 1), "MB", round(text_bytes / 1e6 * n / max(1, how['docs']), 1),
                             round(ssize / (text_bytes * n / max(1, how['docs'])), 1),
                             "reference: UTF-8 bytes of the texts, scaled"))
            report["scales"].append(entry)
            if not keep:
                sdb.unlink(missing_ok=True)
                Path(str(sdb) + "-wal").unlink(missing_ok=True)
                Path(str(sdb) + "-shm").unlink(missing_ok=True)
        report["rss_main_mb"] = _rss_mb()
    finally:
        if keep:
            report["work_dir"] = str(work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if out:
        od = Path(out)
        od.mkdir(parents=True, exist_ok=True)
        (od / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        report["report_path"] = str(od / "report.json")
    return report


def _archive_rows(report: dict, work: Path, n: int, seed: int, workers: int, repeat: int, ref_docs_per_s: float,
                  ref_rss: float, ref_doc_ms: float, keep: bool, say) -> None:
    """Rows of a whole archive imported end to end, and of the queries on the database it made."""
    from extractor.bench_archive import import_archive

    rows = report["rows"]
    got = import_archive(work, n, seed + 1, workers, log=say)
    ref_s = got["files"] / ref_docs_per_s
    rows.append(_row(f"import {got['files']} docs end to end, {got['workers']} workers", round(got["seconds"], 1), "s",
                     round(ref_s, 2), round(got["seconds"] / ref_s, 1),
                     f"{got['docs_per_s']:.1f} docs/s, {got['inserted']} stored, {got['failed']} failed; "
                     f"reference: tokenising them with {workers} workers"))
    rows.append(_row("peak RSS, import writer", round(got["writer_rss_mb"], 1), "MB", round(ref_rss, 1),
                     round(got["writer_rss_mb"] / ref_rss, 2) if ref_rss else None, "the process that writes"))
    rows.append(_row("peak RSS, import worker", round(got["worker_rss_mb"], 1), "MB", round(ref_rss, 1),
                     round(got["worker_rss_mb"] / ref_rss, 2) if ref_rss else None, "reference: a tokenising worker"))
    rows.append(_row(f"database size, {got['inserted']} imported docs", round(got["db_bytes"] / 1e6, 1), "MB",
                     round(got["bytes"] / 1e6, 1), round(got["db_bytes"] / max(1, got["bytes"]), 1),
                     "reference: bytes of the files"))
    say(f"queries on the imported database ({got['inserted']} documents)")
    q = _time_queries(Path(got["db_path"]), repeat)
    note = f"{got['inserted']} imported docs"
    for what in ("search", "compare"):
        ms = q[f"{what}_ms"]
        if not ms:
            continue
        for label, frac in (("p50", .5), ("p95", .95)):
            v = _pct(ms, frac)
            rows.append(_row(f"{what} {label} @ {got['inserted']} imported", round(v, 2), "ms", round(ref_doc_ms, 3),
                             round(v / ref_doc_ms, 1), note))
    got.update(search_median_ms_by_query=q["search_by_query"], compare_median_ms_by_query=q["compare_by_query"],
               refresh_seconds=q.get("refresh_s"))
    report["archive_import"] = got
    if not keep:
        for p in work.glob("archive.db*"):
            p.unlink(missing_ok=True)
        shutil.rmtree(work / "archive_full", ignore_errors=True)


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _import(db_path: Path, paths: list[str], workers: int) -> dict:
    """Import the archive into a fresh database; the parallel importer when it is there."""
    t0 = time.perf_counter()
    try:
        from extractor.parallel import import_paths
    except ImportError:
        import_paths = None
    if import_paths is not None:
        s = import_paths(str(db_path), [str(Path(paths[0]).parent)], workers=workers)
        return {"how": "extractor.parallel.import_paths", "workers": getattr(s, "workers", workers),
                "seconds": time.perf_counter() - t0, "docs": s.inserted, "failed": s.failed}
    from extractor.pipeline import iter_documents, process
    from extractor.store import import_record, open_db

    db = open_db(str(db_path))
    n = 0
    try:
        for d in iter_documents(paths):
            if isinstance(d, Exception):
                continue
            import_record(db, process(d, annotate=False).to_record())
            n += 1
    finally:
        db.close()
    return {"how": "sequential import_record", "workers": 1, "seconds": time.perf_counter() - t0, "docs": n,
            "failed": len(paths) - n}


def format_table(report: dict) -> str:
    head = ("measure", "value", "unit", "reference", "ratio", "note")
    lines = [head]
    for r in report["rows"]:
        lines.append((r["name"], _fmt(r["value"]), r["unit"], _fmt(r["reference"]), _fmt(r["ratio"], "×"), r["note"]))
    widths = [max(len(str(x[i])) for x in lines) for i in range(len(head) - 1)]
    out = []
    for k, ln in enumerate(lines):
        cells = [str(ln[0]).ljust(widths[0])] + [str(ln[i]).rjust(widths[i]) for i in range(1, len(head) - 1)]
        out.append("  ".join(cells + [str(ln[-1])]).rstrip())
        if k == 0:
            out.append("  ".join("-" * w for w in widths) + "  " + "-" * 4)
    a = report.get("archive", {})
    out.append("")
    out.append(f"archive: {a.get('files')} files, {a.get('bytes', 0) / 1e6:.2f} MB, formats {a.get('formats')}, "
               f"encodings {a.get('encodings')}; {report.get('workers')} workers; seed {report.get('seed')}")
    for label, v in (("archive", a.get("vocabulary")), ("given texts", report.get("texts", {}).get("vocabulary"))):
        if v:
            out.append(f"{label} vocabulary: {v['types']:,} word forms in {v['tokens']:,} words; the last "
                       f"{v['last_docs']} documents bring {v['new_types_per_doc_last']} new forms each")
    out.append('reference: spacy.blank("pl") tokenisation of the same texts, measured in this run; '
               "ratio = plany time / reference time (throughput), or figure / reference")
    return "\n".join(out)


def _fmt(v, suffix: str = "") -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return (f"{v:,.2f}" if abs(v) < 100 else f"{v:,.1f}") + suffix
    return f"{v}{suffix}"
