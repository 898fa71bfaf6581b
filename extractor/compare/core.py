"""Cross tables over a plany database: threats, targets, partners and deadlines by a dimension.

    from extractor.compare import compare
    t = compare(db, "threats", by="locality", region="lubelskie", year=2024)
    t.columns, t.rows

Counts are of **documents** (a threat, a partner kind or body counts once per document that names
it); a share is the count's part of the documents in that group (``threats``, ``partners``) or of
the actions due in that group (``deadlines``).  ``targets`` gives, per threat category (or per
group of another dimension), the number of targets, the median and spread of the percentage
targets (min, Q1, Q3, max, IQR) and the counts by direction.

Dimensions: ``locality`` (each of a document's localities), ``unit``, ``county`` and ``voivodeship``
(from the ``regions`` table, see :mod:`extractor.regions`), ``period`` (the half-year of
``period.start``, "2024-H1"; a document without a period — a news item — falls in the half-year of
its ``date``), ``doc_type``; for targets also ``threat``; ``all`` for one column.  Documents without a
value fall in "(brak)".

Two engines give the same tables.  The SQL engine (:mod:`extractor.compare.sql`, the default in a
schema-4 database) reads per-document summaries that ``extractor.regions.refresh_regions`` keeps up
to date from the queue of changed documents: each document's groups per dimension
(``documents_fts_groups``, from :func:`groups_of`), what it adds to each comparison
(``documents_fts_keys``: distinct threat categories, partner kinds and bodies, actions per deadline
month, targets per direction, percentage and threat category) and their sums per group
(``documents_fts_agg``).  Without filters a comparison reads the sums; with filters the selected
documents' keys joined to their groups.  ``compare(..., engine="python")`` walks the documents.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.compare.table import Table
from extractor.store.fold import fold

WHATS = ("threats", "targets", "partners", "deadlines")
DIMENSIONS = ("locality", "unit", "county", "voivodeship", "period", "doc_type", "threat", "all")
ALLOWED = {
    "threats": ("locality", "unit", "county", "voivodeship", "period", "doc_type", "all"),
    "targets": ("threat", "locality", "unit", "county", "voivodeship", "period", "doc_type", "all"),
    "partners": ("unit", "locality", "county", "voivodeship", "period", "doc_type", "all"),
    "deadlines": ("all", "locality", "unit", "county", "voivodeship", "period", "doc_type"),
}
DEFAULT_BY = {"threats": "locality", "targets": "threat", "partners": "unit", "deadlines": "all"}
ALIASES = {
    "miejscowosc": "locality", "miejscowość": "locality", "town": "locality", "city": "locality",
    "jednostka": "unit", "powiat": "county", "wojewodztwo": "voivodeship", "województwo": "voivodeship",
    "region": "voivodeship", "okres": "period", "polrocze": "period", "półrocze": "period",
    "half_year": "period", "typ": "doc_type", "type": "doc_type", "doctype": "doc_type", "doc-type": "doc_type",
    "zagrozenie": "threat", "zagrożenie": "threat", "category": "threat", "none": "all", "razem": "all",
    "wszystko": "all", "total": "all",
}

DIM_LABELS = {
    "locality": "Miejscowość", "unit": "Jednostka", "county": "Powiat", "voivodeship": "Województwo",
    "period": "Półrocze", "doc_type": "Typ dokumentu", "threat": "Zagrożenie", "all": "Wszystkie",
}
DIM_TITLES = {
    "locality": "według miejscowości", "unit": "według jednostek", "county": "według powiatów",
    "voivodeship": "według województw", "period": "według półroczy", "doc_type": "według typu dokumentu",
    "threat": "według kategorii zagrożeń", "all": "",
}
DOC_TYPES = {"priority_plan": "plan priorytetowy", "news": "informacja", "strategy": "strategia/program",
             "other": "inny"}
PARTNER_KINDS = {
    "municipal_police": "straż miejska/gminna", "police": "Policja", "school": "szkoły i placówki oświatowe",
    "housing": "zarządcy nieruchomości", "social_welfare": "pomoc społeczna", "local_government": "samorząd",
    "court": "sądy i prokuratura", "ngo": "organizacje pozarządowe", "business": "przedsiębiorcy",
    "health": "ochrona zdrowia", "military": "wojsko/Żandarmeria", "railway": "kolej (SOK, PKP)",
    "other": "inne podmioty",
}
DIRECTIONS = (("decrease", "Zmniejszenie"), ("eliminate", "Eliminacja"), ("increase", "Zwiększenie"),
              ("maintain", "Utrzymanie"))
MISSING = "(brak)"
OTHERS = "pozostałe"
TOTAL = "Razem"
UNASSIGNED = "(nieprzypisane)"


class CompareError(ValueError):
    """A request that cannot be answered (unknown WHAT, dimension, threat, region); one-line message."""


# ---- reference data -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def threat_names() -> dict[str, str]:
    from extractor.resources import read_tsv

    return {r["code"]: r["name_pl"] for r in read_tsv("threat_categories.tsv")}


def threat_label(code: str | None) -> str:
    if not code:
        return UNASSIGNED
    return threat_names().get(code, code)


def resolve_threat(query: str) -> set[str]:
    """Threat codes matching what the user typed: a code, or words of the Polish name
    ("alkohol", "spożywanie alkoholu", "wandalizm"), any case, with or without diacritics."""
    q = (query or "").strip()
    names = threat_names()
    if q in names:
        return {q}
    if fold(q).replace(" ", "_") in names:
        return {fold(q).replace(" ", "_")}
    qws = re.findall(r"\w+", fold(q))
    if not qws:
        raise CompareError(f"unknown threat {query!r}")
    out = set()
    for code, name in names.items():
        nws = re.findall(r"\w+", fold(name)) + re.findall(r"[a-z]+", code)
        if all(any(n.startswith(w) or (len(w) >= 5 and n.startswith(w[:-2])) for n in nws) for w in qws):
            out.add(code)
    if not out:
        raise CompareError(f"unknown threat {query!r} (a code or name from threat_categories.tsv, "
                           f"e.g. alcohol_public or 'alkohol')")
    return out


# ---- documents ------------------------------------------------------------------------------

@dataclass
class Doc:
    id: int
    doc_type: str | None
    date: str | None
    period_start: str | None
    localities: list[str]
    unit: str | None
    region: dict = field(default_factory=dict)


def _list(v) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str) and v.startswith("["):
        try:
            return [str(x) for x in json.loads(v) if x]
        except ValueError:
            pass
    return [str(v)] if str(v).strip() else []


def _open(db):
    if isinstance(db, (str, bytes)) or hasattr(db, "__fspath__"):
        from extractor.store import open_db

        return open_db(db, create=False), True
    return db, False


def _filters(db, locality, unit, region, year, threat, doc_type):
    """(region query, WHERE conditions, params) of the filters shared with ``plany search`` plus threat;
    ``None`` when no document can match.  Region conditions are added by :func:`_region_where`."""
    from extractor.regions import parse_region
    from extractor.store.search import filter_sql

    rq = None
    if region:
        try:
            rq = parse_region(region)
        except ValueError as e:
            raise CompareError(str(e)) from None
    try:
        f = filter_sql(db.conn, locality, unit, year, doc_type)
    except ValueError:
        raise CompareError(f"bad year {year!r}") from None
    if f is None:
        return None
    where, params = f
    if threat:
        codes = resolve_threat(threat)
        where.append("d.id IN (SELECT document_id FROM threats WHERE category IN ({}))".format(
            ", ".join("?" * len(codes))))
        params += sorted(codes)
    return rq, where, params


def _region_where(rq, where: list, params: list) -> None:
    """Add the condition that the regions row ``r`` lies in the queried voivodeships or counties."""
    conds = []
    if rq.voivodeships:
        conds.append("r.voivodeship IN ({})".format(", ".join("?" * len(rq.voivodeships))))
        params += sorted(rq.voivodeships)
    for p, v in sorted(rq.counties):
        conds.append("(r.powiat = ? AND r.voivodeship = ?)")
        params += [p, v]
    where.append("(" + (" OR ".join(conds) or "0") + ")")


def load_documents(db, locality=None, unit=None, region=None, year=None, threat=None, doc_type=None) -> list[Doc]:
    """The documents that pass the filters (the same filters as ``plany search``, plus region and threat),
    each with its region (``annotate_regions`` fills the regions table first)."""
    from extractor.regions import _COLUMNS, refresh_regions

    computed = refresh_regions(db)  # incremental: only documents changed since the last call
    f = _filters(db, locality, unit, region, year, threat, doc_type)
    if f is None:
        return []
    rq, where, params = f
    if rq is not None and computed is None:
        _region_where(rq, where, params)
    rcols = ", ".join(f"r.{c}" for c in _COLUMNS)
    sql = (f"SELECT d.id, d.doc_type, d.date, d.period_start, d.locality, d.unit, {rcols} FROM documents d "
           "LEFT JOIN regions r ON r.document_id = d.id"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.id")
    out = []
    n = len(_COLUMNS)
    for row in db.conn.execute(sql, params):
        doc_id, dt, date, ps, loc, u = row[:6]
        reg = computed.get(doc_id) or {} if computed is not None else \
            ({c: v for c, v in zip(_COLUMNS, row[6:6 + n])} if row[6:6 + n] != (None,) * n else {})
        if rq is not None and computed is not None and not rq.matches(reg):
            continue
        out.append(Doc(doc_id, dt, date, ps, _list(loc), u, reg))
    return out


def _select_sql(db, locality=None, unit=None, region=None, year=None, threat=None, doc_type=None,
                need: bool = False):
    """The documents that pass the filters as SQL for the SQL engine: ``None`` (use the Python path:
    no stored groups), ``(None, [])`` (every document) or ``(sql selecting ids, params)``;
    ``(False, [])`` when no document can match."""
    from extractor.regions import _GROUPS, _has, refresh_regions

    if not (_has(db.conn, _GROUPS) and _has(db.conn, "documents_fts_agg")):
        if need:
            raise CompareError("this database has no comparison groups (schema 4); run plany migrate")
        return None
    computed = refresh_regions(db)
    if computed is not None:  # read-only and not up to date
        if need:
            raise CompareError("the comparison groups of this read-only database are not up to date")
        return None
    f = _filters(db, locality, unit, region, year, threat, doc_type)
    if f is None:
        return False, []
    rq, where, params = f
    one = _one_filter(db, locality, unit, rq, year, threat, doc_type)
    if one is not None:
        return "fsums", one
    join = ""
    if rq is not None:
        _region_where(rq, where, params)
        join = " JOIN regions r ON r.document_id = d.id"
    if not where:
        return None, []
    return f"SELECT d.id FROM documents d{join} WHERE " + " AND ".join(where), list(params)


def _one_filter(db, locality, unit, rq, year, threat, doc_type) -> tuple[str, list[str]] | None:
    """``(filter, values)`` when the only filter is one year, one doc_type or whole voivodeships and
    the database stores the sums per value of that filter (schema 5): the SQL engine reads those.  For
    a threat filter ``(filter, [one category], sql, params)``: the sums of the category most documents
    name plus the documents (selected by ``sql``) naming only the others (schema 6)."""
    from extractor.compare.sql import fsums_usable, threat_sums

    if locality or unit:
        return None
    if threat:
        if rq is not None or year not in (None, "") or doc_type not in (None, ""):
            return None
        return threat_sums(db.conn, sorted(resolve_threat(threat)))
    given = [x for x in (rq, year, doc_type) if x not in (None, "")]
    if len(given) != 1:
        return None
    if rq is not None:
        if rq.counties or not rq.voivodeships:
            return None
        one = ("voivodeship", sorted(rq.voivodeships))
    elif doc_type:
        one = ("doc_type", [str(doc_type)])
    else:
        y = int(str(year).strip())
        if not 0 <= y <= 9999:
            return None
        one = ("year", [f"{y:04d}"])
    return one if fsums_usable(db.conn, one[0], one[1]) else None


def half_year(date: str | None) -> str | None:
    """"2024-H1" from "2024-03-01"."""
    if not date or not re.match(r"^\d{4}-\d{2}", date):
        return None
    return f"{date[:4]}-H{1 if int(date[5:7]) <= 6 else 2}"


def _county_label(reg: dict) -> str | None:
    p = reg.get("powiat")
    if not p:
        return None
    return f"m. {p}" if reg.get("county_kind") == "city" or p[:1].isupper() else f"powiat {p}"


def groups_of(doc: Doc, by: str) -> list[str]:
    """The group labels a document falls in for a dimension (several for several localities)."""
    if by == "all":
        return [TOTAL]
    if by == "locality":
        vals = doc.localities or ([doc.region["locality"]] if doc.region.get("locality") else [])
        vals = [doc.region["locality"] if len(vals) == 1 and doc.region.get("locality") else v for v in vals]
    elif by == "unit":
        vals = [doc.unit] if doc.unit else []
    elif by == "county":
        lab = _county_label(doc.region)
        vals = [lab] if lab else []
    elif by == "voivodeship":
        vals = [doc.region["voivodeship"]] if doc.region.get("voivodeship") else []
    elif by == "period":
        h = half_year(doc.period_start) or half_year(doc.date)
        vals = [h] if h else []
    elif by == "doc_type":
        vals = [DOC_TYPES.get(doc.doc_type, doc.doc_type)] if doc.doc_type else []
    else:
        raise CompareError(f"unknown dimension {by!r}")
    seen, out = set(), []
    for v in vals:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out or [MISSING]


GROUP_DIMS = ("locality", "unit", "county", "voivodeship", "period", "doc_type")


def group_rows(doc_id, doc_type, date, period_start, locality, unit, region: dict | None) -> list[tuple]:
    """``(document_id, dim, label)`` for every group a document falls in (the rows of
    ``documents_fts_groups``, written by ``extractor.regions.refresh_regions``)."""
    d = Doc(doc_id, doc_type, date, period_start, _list(locality), unit, region or {})
    return [(doc_id, dim, lab) for dim in GROUP_DIMS for lab in groups_of(d, dim)]


_FOLDED: dict[str, str] = {}


def _fold_key(label: str) -> str:
    """``fold(label)``, kept: the same thousands of group labels are sorted by every comparison."""
    f = _FOLDED.get(label)
    if f is None:
        if len(_FOLDED) > 200_000:
            _FOLDED.clear()
        f = _FOLDED[label] = fold(label)
    return f


def _order_groups(by: str, counts: Counter, limit: int | None) -> tuple[list[str], dict[str, str]]:
    """Groups in column order and the mapping of each group to its column (the rest -> "pozostałe")."""
    if by == "period":
        order = sorted(counts, key=lambda g: (g == MISSING, g))
    else:
        order = sorted(counts, key=lambda g: (g == MISSING, -counts[g], _fold_key(g)))
    if limit and limit > 0 and len(order) > limit:
        keep = order[:limit]
        if by == "period":  # a timeline keeps its most recent periods
            real = [g for g in order if g != MISSING]
            keep = sorted(real[-limit:])
        mapping = {g: (g if g in keep else OTHERS) for g in order}
        return keep + [OTHERS], mapping
    return order, {g: g for g in order}


def _normalise_by(what: str, by: str | None) -> str:
    if what not in WHATS:
        raise CompareError(f"unknown comparison {what!r} (one of: {', '.join(WHATS)})")
    raw = (by or DEFAULT_BY[what]).strip().lower()
    b = ALIASES.get(raw, ALIASES.get(raw.replace("-", "_"), raw.replace("-", "_")))
    if b not in ALLOWED[what]:
        raise CompareError(f"unknown dimension {by!r} for {what} (one of: {', '.join(ALLOWED[what])})")
    return b


def _pct(n: int | float, d: int | float) -> float | None:
    return round(100.0 * n / d, 1) if d else None


# ---- the comparisons ------------------------------------------------------------------------

def compare(db, what: str, by: str | None = None, *, locality: str | None = None, unit: str | None = None,
            region: str | None = None, year: int | str | None = None, threat: str | None = None,
            doc_type: str | None = None, top: int | None = None, groups: int | None = None,
            engine: str | None = None) -> Table:
    """A cross table of ``what`` (threats, targets, partners, deadlines) by the dimension ``by``
    (locality, unit, county, voivodeship, period, doc_type; ``threat`` for targets; ``all``).

    ``db`` is an open plany database (``extractor.store.open_db``) or a path.  Filters as in
    ``plany search`` plus ``region`` (a voivodeship or county) and ``threat`` (a code or words of its
    name).  ``top`` keeps the N most frequent rows; ``groups`` the N largest groups as columns (the
    rest summed as "pozostałe"; for periods, the N most recent).  Raises :class:`CompareError`.

    ``engine``: "sql" reads the per-document groups (``documents_fts_groups``, schema 4) with SQL
    GROUP BYs; "python" walks the documents; None (default) takes SQL when the groups are stored
    (not in a read-only database that was never brought up to date).  Both give the same table.
    """
    by_n = _normalise_by(what, by)
    if engine not in (None, "sql", "python"):
        raise CompareError(f"unknown engine {engine!r}")
    database, close = _open(db)
    try:
        codes = resolve_threat(threat) if threat else None
        sel = None
        if engine != "python":
            sel = _select_sql(database, locality=locality, unit=unit, region=region, year=year, threat=threat,
                              doc_type=doc_type, need=engine == "sql")
        if sel is not None:
            from extractor.compare import sql as S

            fn = {"threats": S.threats, "targets": S.targets, "partners": S.partners, "deadlines": S.deadlines}[what]
            with S.selection(database.conn, sel) as sel:
                table = fn(database, sel, by_n, codes=codes, top=top, groups=groups)
        else:
            docs = load_documents(database, locality=locality, unit=unit, region=region, year=year, threat=threat,
                                  doc_type=doc_type)
            fn = {"threats": _threats, "targets": _targets, "partners": _partners, "deadlines": _deadlines}[what]
            table = fn(database, docs, by_n, codes=codes, top=top, groups=groups)
    finally:
        if close:
            database.close()
    table.what, table.by = what, by_n
    table.filters = {k: v for k, v in dict(locality=locality, unit=unit, region=region, year=year, threat=threat,
                                           doc_type=doc_type).items() if v not in (None, "")}
    if table.filters:
        table.notes.append("Filtry: " + ", ".join(f"{k}={v}" for k, v in table.filters.items()))
    return table


def _by_doc(conn, sql: str, ids: list[int]) -> dict[int, list[tuple]]:
    """Rows of a child table for the given documents, grouped by document id (first column).
    One query: the ids go in as one JSON array (``json_each``), not as chunks of parameters."""
    out: dict[int, list[tuple]] = defaultdict(list)
    if not ids:
        return out
    q = sql.format(ids="SELECT value FROM json_each(?)")
    arr = json.dumps(ids)
    for row in conn.execute(q, [arr] * sql.count("{ids}")):
        out[row[0]].append(row[1:])
    return out


def _doc_groups(docs, by: str) -> tuple[Counter, int]:
    """The number of documents in each group, and of documents (the Python path)."""
    doc_groups = Counter()
    for d in docs:
        for g in groups_of(d, by):
            doc_groups[g] += 1
    return doc_groups, len(docs)


def _cross(title: str, row_header: str, rows_counts: dict[str, Counter], docs, by: str,
           top: int | None, groups: int | None, denominators: Counter | None = None,
           extra_first: dict[str, str] | None = None, extra_header: str | None = None,
           footer_label: str = "Liczba dokumentów", order: list[str] | None = None) -> Table:
    """Rows × groups counts with shares of each group's documents (or of ``denominators``).
    ``docs``: the documents (Python path) or ``(documents per group, number of documents)``."""
    doc_groups, n_docs = docs if isinstance(docs, tuple) else _doc_groups(docs, by)
    denom = denominators if denominators is not None else doc_groups
    basis = denom if denominators is not None else doc_groups
    cols_g, mapping = _order_groups(by, basis, groups)
    merged: dict[str, Counter] = {}
    identity = all(k == v for k, v in mapping.items())
    for r, c in rows_counts.items():
        if identity:
            merged[r] = c
            continue
        m = Counter()
        for g, n in c.items():
            m[mapping.get(g, g)] += n
        merged[r] = m
    den = Counter()
    for g, n in denom.items():
        den[mapping.get(g, g)] += n
    total_den = sum(denom.values()) if denominators is not None else n_docs
    totals = {r: sum(rows_counts[r].values()) for r in rows_counts}
    if order is None:
        order = sorted(rows_counts, key=lambda r: (-totals[r], fold(r)))
    if top and top > 0:
        order = order[:top]
    columns = [row_header] + ([extra_header] if extra_header else [])
    kinds = ["label"] + (["label"] if extra_header else [])
    share_of = {}
    single = by == "all"
    for g in ([] if single else cols_g):
        columns += [g, f"{g} %"]
        kinds += ["count", "share"]
        share_of[len(columns) - 1] = len(columns) - 2
    columns += [TOTAL, f"{TOTAL} %"]
    kinds += ["count", "share"]
    share_of[len(columns) - 1] = len(columns) - 2
    rows = []
    gs = [] if single else list(cols_g)
    dens = [den.get(g, 0) for g in gs]
    # {group: (its count's cell, its size, {n: _pct(n, size)})}: one share table per group size, since
    # the same small counts of the same group sizes recur over thousands of groups
    tabs: dict = {}
    at = {g: (2 * k, d, tabs.setdefault(d, {})) for k, (g, d) in enumerate(zip(gs, dens))}
    # a row's cells start as zeros (share 0.0, or None where the group has no documents) and only the
    # groups the row has are filled in: tables of thousands of groups are mostly empty
    empty: list = []
    for d in dens:
        empty += [0, 0.0 if d else None]
    for r in order:
        row = [r] + ([(extra_first or {}).get(r, "")] if extra_header else [])
        cells = empty.copy()
        for g, n in merged[r].items():
            at_g = at.get(g)
            if at_g is None or not n:
                continue
            k, d, tab = at_g
            cells[k] = n
            s = tab.get(n, tab)
            if s is tab:
                s = tab[n] = round(100.0 * n / d, 1) if d else None   # _pct inlined
            cells[k + 1] = s
        row += cells
        t = totals[r]
        row += [t, _pct(t, total_den)]
        rows.append(row)
    foot = [footer_label] + ([""] if extra_header else [])
    for g in ([] if single else cols_g):
        foot += [den.get(g, 0), None]
    foot += [total_den, None]
    rows.append(foot)
    return Table(columns=columns, rows=rows, kinds=kinds, title=title, share_of=share_of,
                 groups=[] if single else list(cols_g), footer_rows=1)


def _title(base: str, by: str) -> str:
    t = DIM_TITLES.get(by, "")
    return f"{base} {t}".strip()


def _threats(db, docs, by, codes=None, top=None, groups=None) -> Table:
    ids = [d.id for d in docs]
    cats = _by_doc(db.conn, "SELECT document_id, category FROM threats WHERE document_id IN ({ids})", ids)
    counts: dict[str, Counter] = defaultdict(Counter)
    for d in docs:
        seen = {c for (c,) in cats.get(d.id, []) if c and (codes is None or c in codes)}
        if not seen:
            continue
        gs = groups_of(d, by)
        for c in seen:
            row = counts[threat_label(c)]
            for g in gs:
                row[g] += 1
    t = _cross(_title("Zagrożenia", by) + " — liczba dokumentów", "Zagrożenie", counts, docs, by, top, groups)
    t.notes.append("% — udział dokumentów grupy, w których wskazano zagrożenie")
    return t


def _partners(db, docs, by, codes=None, top=None, groups=None) -> Table:
    ids = [d.id for d in docs]
    kinds = _by_doc(db.conn, "SELECT p.document_id, coalesce(p.kind, o.kind) FROM partners p "
                             "LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.document_id IN ({ids})", ids)
    bodies = _by_doc(db.conn, "SELECT x.document_id, o.id, o.name, o.kind FROM ("
                              " SELECT document_id, organisation_id FROM partners WHERE document_id IN ({ids})"
                              " UNION SELECT document_id, organisation_id FROM action_partners WHERE document_id IN ({ids})"
                              ") x JOIN organisations o ON o.id = x.organisation_id", ids)
    kind_counts: dict[str, Counter] = defaultdict(Counter)
    body_counts: dict[str, Counter] = defaultdict(Counter)
    body_kind: dict[str, str] = {}
    names: dict[int, str] = {}
    for d in docs:
        gs = groups_of(d, by)
        for k in {k or "other" for (k,) in kinds.get(d.id, [])}:
            for g in gs:
                kind_counts[PARTNER_KINDS.get(k, k)][g] += 1
        for oid, name, k in {(o, n, k) for (o, n, k) in bodies.get(d.id, [])}:
            label = names.setdefault(oid, " ".join(str(name).split()))
            body_kind[label] = PARTNER_KINDS.get(k or "other", k or "")
            for g in gs:
                body_counts[label][g] += 1
    return _partners_table(kind_counts, body_counts, body_kind, docs, by, top, groups)


def _partners_table(kind_counts, body_counts, body_kind, docs, by, top, groups) -> Table:
    # two blocks in one table: partner kinds, then canonical bodies
    tk = sorted(kind_counts, key=lambda r: (-sum(kind_counts[r].values()), fold(r)))
    tb = sorted(body_counts, key=lambda r: (-sum(body_counts[r].values()), fold(r)))
    if top and top > 0:
        tk, tb = tk[:top], tb[:top]
    all_counts = {**{f"rodzaj: {r}": kind_counts[r] for r in tk}, **{r: body_counts[r] for r in tb}}
    kinds_col = {**{f"rodzaj: {r}": "rodzaj podmiotu" for r in tk}, **{r: body_kind.get(r, "") for r in tb}}
    t = _cross(_title("Partnerzy", by) + " — liczba dokumentów", "Partner", all_counts, docs, by, None, groups,
               extra_first=kinds_col, extra_header="Rodzaj",
               order=[f"rodzaj: {r}" for r in tk] + [r for r in tb if f"rodzaj: {r}" not in all_counts])
    t.notes.append("Wiersze 'rodzaj: …' — rodzaje podmiotów; dalej podmioty (nazwy kanoniczne z tabeli organisations)")
    t.notes.append("% — udział dokumentów grupy, w których wymieniono partnera")
    return t


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm) and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


def _deadlines(db, docs, by, codes=None, top=None, groups=None) -> Table:
    ids = [d.id for d in docs]
    acts = _by_doc(db.conn, "SELECT document_id, deadline_end FROM actions WHERE document_id IN ({ids})", ids)
    months: dict[str, Counter] = defaultdict(Counter)
    per_group = Counter()
    undated = 0
    for d in docs:
        gs = groups_of(d, by)
        for (end,) in acts.get(d.id, []):
            if not end or not re.match(r"^\d{4}-\d{2}", str(end)):
                undated += 1
                continue
            for g in gs:
                months[str(end)[:7]][g] += 1
                per_group[g] += 1
    return _deadlines_table(months, per_group, undated, docs, by, top, groups)


def _deadlines_table(months, per_group, undated, docs, by, top, groups) -> Table:
    order = _months(min(months), max(months)) if months else []
    for m in order:
        months.setdefault(m, Counter())
    if top and top > 0 and len(order) > top:
        order = order[-top:]
    t = _cross(_title("Terminy działań", by) + " — liczba działań według miesiąca terminu", "Miesiąc",
               months, docs, by, None, groups, denominators=per_group, footer_label="Działania z terminem",
               order=order)
    t.notes.append("% — udział działań grupy z terminem w danym miesiącu (miesiąc końca terminu)")
    if undated:
        t.notes.append(f"Działania bez terminu: {undated}")
    return t


def target_categories(text: str | None, metric: str | None, doc_categories: set[str]) -> set[str]:
    """The threat categories a target is about: those its own words name (preferring the document's
    threats), else the document's only threat; else none."""
    found: set[str] = set()
    s = " ".join(x for x in (text, metric) if x)
    if s:
        try:
            from extractor.fields.lemma_patterns import find, tokenize
            from extractor.fields.threats import patterns

            found = {p.label for p, _s, _e in find(patterns(), tokenize(s))}
        except Exception:
            found = set()
    if found & doc_categories:
        return found & doc_categories
    if found:
        return found
    if len(doc_categories) == 1:
        return set(doc_categories)
    return set()


def _quartiles(vals: list[float]) -> tuple[float, float]:
    """Q1 and Q3 of sorted values: ``statistics.quantiles(vals, n=4, method="inclusive")``'s arithmetic,
    without its sorting and checks (a targets table computes them for each of thousands of groups)."""
    if len(vals) == 1:
        return vals[0], vals[0]
    m = len(vals) - 1
    j, delta = divmod(m, 4)
    q1 = (vals[j] * (4 - delta) + vals[j + 1] * delta) / 4
    j, delta = divmod(3 * m, 4)
    q3 = (vals[j] * (4 - delta) + vals[j + 1] * delta) / 4
    return q1, q3


def _median(vals: list[float]) -> float:
    """``statistics.median`` of sorted values."""
    n = len(vals)
    if n % 2 == 1:
        return vals[n // 2]
    return (vals[n // 2 - 1] + vals[n // 2]) / 2


def _targets(db, docs, by, codes=None, top=None, groups=None) -> Table:
    ids = [d.id for d in docs]
    tg = _by_doc(db.conn, "SELECT document_id, direction, value, unit, metric, text FROM targets "
                          "WHERE document_id IN ({ids}) ORDER BY document_id, idx", ids)
    cats = _by_doc(db.conn, "SELECT document_id, category FROM threats WHERE document_id IN ({ids})", ids)
    glabels = {d.id: groups_of(d, by) for d in docs if d.id in tg} if by != "threat" else {}
    return _targets_table(tg, cats, glabels, by, codes, top)


def _targets_table(tg: dict, cats: dict, glabels: dict, by: str, codes, top) -> Table:
    """``tg``: {document id: [(direction, value, unit, metric, text)]} of the selected documents;
    ``cats``: {document id: [(category,)]}; ``glabels``: {document id: its groups} (not for threat)."""
    rows: dict[str, dict] = {}

    def bucket(label):
        return rows.setdefault(label, {"n": 0, "pct": [], "dir": Counter(), "docs": set()})

    for doc_id in sorted(tg):
        doc_cats = {c for (c,) in cats.get(doc_id, []) if c}
        for direction, value, unit, metric, text in tg[doc_id]:
            if by == "threat":
                cs = target_categories(text, metric, doc_cats)
                if codes is not None:
                    cs = cs & codes
                    if not cs:
                        continue
                labels = sorted(threat_label(c) for c in cs) or [UNASSIGNED]
            else:
                labels = glabels.get(doc_id) or [MISSING]
            for lab in labels:
                b = bucket(lab)
                b["n"] += 1
                b["docs"].add(doc_id)
                b["dir"][direction or "unknown"] += 1
                if unit == "percent" and value is not None:
                    b["pct"].append(float(value))
    for b in rows.values():
        b["ndocs"] = len(b.pop("docs"))
    n_all = sum(len(v) for v in tg.values())
    total = None
    if n_all:
        p = [float(val) for trows in tg.values() for (_dr, val, un, _m, _t) in trows
             if un == "percent" and val is not None]
        dirs = Counter(dr or "unknown" for trows in tg.values() for (dr, *_rest) in trows)
        total = (n_all, len([d for d in tg if tg[d]]), p, dirs)
    return _targets_build(rows, by, top, total)


def _targets_build(rows: dict, by: str, top, total) -> Table:
    """The targets table from ``{label: {"n", "pct" (values), "dir" (Counter), "ndocs"}}`` and
    ``total`` = (targets, documents with targets, percentage values, Counter of directions) or None."""
    if by == "period":
        order = sorted(rows, key=lambda r: (r == MISSING, r))
    else:
        order = sorted(rows, key=lambda r: (r in (MISSING, UNASSIGNED), -rows[r]["n"], fold(r)))
    if top and top > 0:
        order = order[:top]
    columns = [DIM_LABELS[by] if by != "all" else "Grupa", "Cele", "Dokumenty", "Cele procentowe", "Mediana %",
               "Min %", "Q1 %", "Q3 %", "Max %", "IQR (p.p.)"] + [lab for _c, lab in DIRECTIONS]
    kinds = ["label", "count", "count", "count"] + ["number"] * 6 + ["count"] * len(DIRECTIONS)
    out_rows = []
    all_pct: list[float] = []
    all_dir = Counter()
    for r in order:
        b = rows[r]
        p = sorted(b["pct"])
        all_pct += p
        all_dir.update(b["dir"])
        if p:
            q1, q3 = _quartiles(p)
            stats = [round(_median(p), 1), p[0], round(q1, 1), round(q3, 1), p[-1], round(q3 - q1, 1)]
        else:
            stats = [None] * 6
        out_rows.append([r, b["n"], b["ndocs"], len(p), *stats] + [b["dir"].get(c, 0) for c, _l in DIRECTIONS])
    if total is not None:
        n_all, n_docs, p, dirs = total
        p = sorted(p)
        if p:
            q1, q3 = _quartiles(p)
            stats = [round(_median(p), 1), p[0], round(q1, 1), round(q3, 1), p[-1], round(q3 - q1, 1)]
        else:
            stats = [None] * 6
        out_rows.append([f"{TOTAL} (wszystkie cele)", n_all, n_docs, len(p), *stats]
                        + [dirs.get(c, 0) for c, _l in DIRECTIONS])
    title = _title("Cele", by) + " — wartości procentowe i kierunki"
    t = Table(columns=columns, rows=out_rows, kinds=kinds, title=title, groups=[], footer_rows=1 if out_rows else 0)
    if by == "threat":
        t.notes.append("Cel przypisany do kategorii, którą nazywa jego treść, albo do jedynego zagrożenia dokumentu;"
                       " cel dotyczący kilku kategorii liczony w każdej")
    t.notes.append("Mediana, min, kwartyle, max i IQR — z celów wyrażonych w procentach")
    return t
