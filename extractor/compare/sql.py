"""The SQL engine of :func:`extractor.compare.compare`: GROUP BYs over ``documents_fts_groups`` (each
document's group labels per dimension, schema 4, kept by ``extractor.regions.refresh_regions``) joined to
the extracted lists, instead of walking every document in Python.  Its tables are the Python path's
(``compare(..., engine="python")``), cell for cell; the shaping of rows and columns is shared.

``sel`` is what ``core._select_sql`` returns: ``(None, [])`` every document, ``(False, [])`` none,
``("fsums", (filter, values))`` the stored sums per value of one filter (schema 5; a threat filter of
several categories adds ``sql, params`` selecting the documents those sums miss, schema 6), or
``(sql, params)`` selecting the ids of the documents that pass the filters; :func:`selection` turns
the last into a temporary table of the ids, or, when they are most of the documents, of the other ids
tagged ``"complement"`` (every figure is then the stored sum minus the other documents' part).

Groups are read as one JSON object per key (``json_group_object``), so a table of thousands of groups
costs no Python tuple per cell; partner bodies are summed per organisation name and kind (schema 6).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from contextlib import contextmanager
from json import loads

from extractor.compare import core as C

G = "documents_fts_groups"
_DATED = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"


@contextmanager
def selection(conn, sel):
    """The selected ids, written once into a temporary table (``temp.plany_compare_ids``) that the
    queries join, instead of evaluating the filters' subquery in each of them."""
    if not sel[0] or (sel[0] == "fsums" and len(sel[1]) == 2):
        yield sel
        return
    was = conn.in_transaction
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS plany_compare_ids (id INTEGER PRIMARY KEY)")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS plany_compare_rest (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.plany_compare_ids")
    if sel[0] == "fsums":  # the documents outside the sums, selected once for every query
        fdim, fvals, sql, params = sel[1]
        conn.execute(f"INSERT OR IGNORE INTO temp.plany_compare_ids (id) {sql}", params)
        try:
            yield "fsums", (fdim, fvals, "SELECT id FROM temp.plany_compare_ids", [])
        finally:
            conn.execute("DELETE FROM temp.plany_compare_ids")
            if not was and conn.in_transaction:
                conn.commit()
        return
    conn.execute(f"INSERT OR IGNORE INTO temp.plany_compare_ids (id) {sel[0]}", sel[1])
    n = conn.execute("SELECT count(*) FROM temp.plany_compare_ids").fetchone()[0]
    row = conn.execute(f"SELECT n FROM {A} WHERE what = 'docs' AND dim = 'all' AND key = ''").fetchone()
    try:
        if row and 2 * n > row[0]:
            # most documents: the stored sums minus the rest's (every figure is a sum over documents)
            conn.execute("DELETE FROM temp.plany_compare_rest")
            conn.execute("INSERT INTO temp.plany_compare_rest (id) SELECT id FROM documents "
                         "WHERE id NOT IN (SELECT id FROM temp.plany_compare_ids)")
            yield "SELECT id FROM temp.plany_compare_rest", [], "complement"
        else:
            yield "SELECT id FROM temp.plany_compare_ids", []
    finally:
        conn.execute("DELETE FROM temp.plany_compare_ids")
        conn.execute("DELETE FROM temp.plany_compare_rest")
        if not was and conn.in_transaction:
            conn.commit()


def _minus(whole: list, part: list) -> list:
    """``(…, n)`` rows of ``whole`` less those of ``part`` (same leading columns); zeros dropped."""
    c = Counter()
    for *k, n in whole:
        c[tuple(k)] += n
    for *k, n in part:
        c[tuple(k)] -= n
    return [(*k, n) for k, n in c.items() if n]


def _in(sel, col: str) -> tuple[str, list]:
    """`` AND col IN (selection)`` and its parameters."""
    sql, params = sel
    if sql is None:
        return "", []
    if sql is False:
        return " AND 0", []
    return f" AND {col} IN ({sql})", list(params)


def _temp(sel) -> str | None:
    """The temporary table of ids a selection reads (see :func:`selection`), else None.  Queries over it
    walk its ids and look each document up (``CROSS JOIN`` keeps that order) instead of scanning a
    dimension's groups of every document for the ids."""
    sql = sel[0]
    if isinstance(sql, str) and sql.startswith("SELECT id FROM temp.plany_compare_") and not sel[1]:
        return sql[len("SELECT id FROM "):]
    return None


def _denominators(conn, sel, by: str) -> tuple[Counter, int]:
    """Documents per group of ``by`` and the number of documents selected."""
    if sel[0] == "fsums":  # one filter: its stored sums per value
        fdim, fvals = sel[1][:2]
        if len(sel[1]) > 2:  # and the documents the sums do not cover
            c, n = _denominators(conn, ("fsums", (fdim, fvals)), by)
            c2, n2 = _denominators(conn, sel[1][2:], by)
            c.update(c2)
            return c, n + n2
        marks = ", ".join("?" * len(fvals))
        n = conn.execute(f"SELECT coalesce(sum(n), 0) FROM {FA} WHERE fdim = ? AND fval IN ({marks}) "
                         "AND what = 'docs' AND dim = 'all' AND key = ''", [fdim, *fvals]).fetchone()[0]
        if by == "all":
            return (Counter({C.TOTAL: n}) if n else Counter()), n
        rows = conn.execute(f"SELECT label, sum(n) FROM {FA} WHERE fdim = ? AND fval IN ({marks}) AND what = 'docs' "
                            "AND dim = ? AND key = '' GROUP BY label", [fdim, *fvals, by])
        return Counter(dict(rows.fetchall())), n
    if len(sel) == 3:  # the complement of the rest
        whole, n_whole = _denominators(conn, (None, []), by)
        part, n_part = _denominators(conn, sel[:2], by)
        whole.subtract(part)
        return Counter({g: n for g, n in whole.items() if n}), n_whole - n_part
    if sel[0] is None:  # every document: the stored sums
        row = conn.execute(f"SELECT n FROM {A} WHERE what = 'docs' AND dim = 'all' AND key = ''").fetchone()
        n = row[0] if row else 0
        if by == "all":
            return (Counter({C.TOTAL: n}) if n else Counter()), n
        rows = conn.execute(f"SELECT label, n FROM {A} WHERE what = 'docs' AND dim = ? AND key = ''", [by])
        return Counter(dict(rows.fetchall())), n
    cond, params = _in(sel, "id")
    n = conn.execute(f"SELECT count(*) FROM documents WHERE 1{cond}", params).fetchone()[0]
    if by == "all":
        return (Counter({C.TOTAL: n}) if n else Counter()), n
    t = _temp(sel)
    if t is not None:
        rows = conn.execute(f"SELECT g.label, count(*) FROM {t} s CROSS JOIN {G} g ON g.document_id = s.id "
                            "AND g.dim = ? GROUP BY g.label", [by])
        return Counter(dict(rows.fetchall())), n
    cond, params = _in(sel, "document_id")
    rows = conn.execute(f"SELECT label, count(*) FROM {G} WHERE dim = ?{cond} GROUP BY label", [by, *params])
    return Counter(dict(rows.fetchall())), n


def _rows(conn, sel, whats: tuple, dim: str):
    """``(what, key, group label, n)`` summed over the selected documents' keys of ``whats`` in the
    groups of ``dim``: the stored sums for every document, else the keys joined to the groups."""
    if sel[0] == "fsums":  # one filter: its stored sums per value
        fdim, fvals = sel[1][:2]
        if len(sel[1]) > 2:  # and the documents the sums do not cover
            return _rows(conn, ("fsums", (fdim, fvals)), whats, dim) + _rows(conn, sel[1][2:], whats, dim)
        return conn.execute(f"SELECT what, key, label, sum(n) FROM {FA} WHERE fdim = ? AND fval IN "
                            f"({', '.join('?' * len(fvals))}) AND what IN ({', '.join('?' * len(whats))}) AND dim = ? "
                            "GROUP BY what, key, label", [fdim, *fvals, *whats, dim]).fetchall()
    if len(sel) == 3:  # the complement of the rest
        return _minus(_rows(conn, (None, []), whats, dim), _rows(conn, sel[:2], whats, dim))
    marks = ", ".join("?" * len(whats))
    if sel[0] is None:
        return conn.execute(f"SELECT what, key, label, n FROM {A} WHERE what IN ({marks}) AND dim = ?",
                            [*whats, dim]).fetchall()
    t = _temp(sel)
    if t is not None:
        # the kinds of keys as one range of the primary key too: one seek per document, not one per kind
        span = [min(whats), max(whats)]
        if dim == "all":
            return conn.execute(f"SELECT k.what, k.key, {C.TOTAL!r}, sum(k.n) FROM {t} s CROSS JOIN {K} k "
                                f"ON k.document_id = s.id WHERE k.what IN ({marks}) AND k.what BETWEEN ? AND ? "
                                "GROUP BY k.what, k.key", [*whats, *span]).fetchall()
        return conn.execute(f"SELECT k.what, k.key, g.label, sum(k.n) FROM {t} s CROSS JOIN {K} k ON k.document_id = s.id "
                            f"CROSS JOIN {G} g ON g.document_id = s.id AND g.dim = ? WHERE k.what IN ({marks}) "
                            "AND k.what BETWEEN ? AND ? GROUP BY k.what, k.key, g.label", [dim, *whats, *span]).fetchall()
    cond, params = _in(sel, "k.document_id")
    if dim == "all":
        return conn.execute(f"SELECT k.what, k.key, {C.TOTAL!r}, sum(k.n) FROM {K} k WHERE k.what IN ({marks}){cond} "
                            f"GROUP BY k.what, k.key", [*whats, *params]).fetchall()
    return conn.execute(f"SELECT k.what, k.key, g.label, sum(k.n) FROM {K} k JOIN {G} g "
                        f"ON g.document_id = k.document_id AND g.dim = ? WHERE k.what IN ({marks}){cond} "
                        f"GROUP BY k.what, k.key, g.label", [dim, *whats, *params]).fetchall()


def _rows_and_totals(conn, sel, whats: tuple, dim: str) -> tuple[list, list]:
    """``(_rows(conn, sel, whats, dim), _rows(conn, sel, whats, "all"))``.  Over a temporary table of ids
    (:func:`_temp`) one statement reads the selected documents' keys once for both: looking each document's
    keys up is most of either query."""
    if sel[0] == "fsums" and len(sel[1]) > 2:  # the stored sums, and the documents they do not cover
        part = ("fsums", sel[1][:2])
        rows, totals = _rows_and_totals(conn, sel[1][2:], whats, dim)
        return _rows(conn, part, whats, dim) + rows, _rows(conn, part, whats, "all") + totals
    if dim == "all":   # the groups are the totals
        rows = _rows(conn, sel, whats, "all")
        return rows, list(rows)
    t = _temp(sel) if len(sel) != 3 else None   # not the complement of the rest (read as whole minus part)
    if t is None:
        return _rows(conn, sel, whats, dim), _rows(conn, sel, whats, "all")
    marks = ", ".join("?" * len(whats))
    out = conn.execute(
        f"WITH kk AS MATERIALIZED (SELECT k.document_id AS d, k.what AS what, k.key AS key, k.n AS n FROM {t} s "
        f"CROSS JOIN {K} k ON k.document_id = s.id WHERE k.what IN ({marks}) AND k.what BETWEEN ? AND ?) "
        f"SELECT 0, what, key, g.label, sum(n) FROM kk CROSS JOIN {G} g ON g.document_id = kk.d AND g.dim = ? "
        f"GROUP BY what, key, g.label "
        f"UNION ALL SELECT 1, what, key, {C.TOTAL!r}, sum(n) FROM kk GROUP BY what, key",
        [*whats, min(whats), max(whats), dim]).fetchall()
    return [r[1:] for r in out if not r[0]], [r[1:] for r in out if r[0]]


def _grouped(conn, sel, what: str, by: str, keys: list | None = None) -> dict:
    """{key: {group label: n}} of one kind of keys.  SQLite hands over one JSON object of the groups per
    key (``json_group_object``): a table of thousands of groups is read without a Python tuple per cell.
    ``keys``: only these keys (for every document only; elsewhere ignored)."""
    if len(sel) == 3:  # the complement of the rest
        out = _grouped(conn, (None, []), what, by)
        for key, part in _grouped(conn, sel[:2], what, by).items():
            whole = out.setdefault(key, {})
            for label, n in part.items():
                left = whole.get(label, 0) - n
                if left:
                    whole[label] = left
                else:
                    whole.pop(label, None)
            if not whole:
                del out[key]
        return out
    if sel[0] == "fsums":  # one filter: its stored sums per value
        fdim, fvals = sel[1][:2]
        if len(sel[1]) > 2:  # and the documents the sums do not cover
            out = _grouped(conn, ("fsums", (fdim, fvals)), what, by)
            for key, c in _grouped(conn, sel[1][2:], what, by).items():
                _add(out, key, c)
            return out
        if len(fvals) == 1:  # one value: its rows are the sums
            q = f"SELECT key, json_group_object(label, n) FROM {FA} WHERE fdim = ? AND fval = ? AND what = ? " \
                "AND dim = ? GROUP BY key"
        else:
            q = (f"SELECT key, json_group_object(label, n) FROM (SELECT key, label, sum(n) AS n FROM {FA} "
                 f"WHERE fdim = ? AND fval IN ({', '.join('?' * len(fvals))}) AND what = ? AND dim = ? "
                 "GROUP BY key, label) GROUP BY key")
        params = [fdim, *fvals, what, by]
    elif sel[0] is None:
        only = f" AND key IN ({', '.join('?' * len(keys))})" if keys is not None else ""
        if _has(conn, J):  # the objects as stored
            q = f"SELECT key, groups FROM {J} WHERE what = ? AND dim = ?{only}"
        else:
            q = f"SELECT key, json_group_object(label, n) FROM {A} WHERE what = ? AND dim = ?{only} GROUP BY key"
        params = [what, by, *(keys or [])]
    elif _temp(sel) is not None:
        t = _temp(sel)
        if by == "all":
            q = (f"SELECT k.key, json_object({C.TOTAL!r}, sum(k.n)) FROM {t} s CROSS JOIN {K} k "
                 "ON k.document_id = s.id WHERE k.what = ? GROUP BY k.key")
            params = [what]
        else:
            q = (f"SELECT key, json_group_object(label, n) FROM (SELECT k.key AS key, g.label AS label, "
                 f"sum(k.n) AS n FROM {t} s CROSS JOIN {K} k ON k.document_id = s.id CROSS JOIN {G} g "
                 "ON g.document_id = s.id AND g.dim = ? WHERE k.what = ? GROUP BY k.key, g.label) GROUP BY key")
            params = [by, what]
    else:
        cond, cparams = _in(sel, "k.document_id")
        if by == "all":
            q = (f"SELECT k.key, json_object({C.TOTAL!r}, sum(k.n)) FROM {K} k WHERE k.what = ?{cond} "
                 "GROUP BY k.key")
            params = [what, *cparams]
        else:
            q = (f"SELECT key, json_group_object(label, n) FROM (SELECT k.key AS key, g.label AS label, "
                 f"sum(k.n) AS n FROM {K} k JOIN {G} g ON g.document_id = k.document_id AND g.dim = ? "
                 f"WHERE k.what = ?{cond} GROUP BY k.key, g.label) GROUP BY key")
            params = [by, what, *cparams]
    return {key: loads(obj) for key, obj in conn.execute(q, params)}


def threats(db, sel, by, codes=None, top=None, groups=None):
    conn = db.conn
    counts: dict = defaultdict(Counter)
    rows_sel = sel
    if sel[0] == "fsums" and sel[1][0] == "threat":
        # filtered by threat, the rows are the filter's categories, and every document naming one of
        # them is selected: their counts are those of every document (the sums per category do not
        # hold the 'threat' keys)
        rows_sel = (None, [])
    for code, c in _grouped(conn, rows_sel, "threat", by, sorted(codes) if rows_sel[0] is None and codes else None).items():
        if codes is None or code in codes:
            counts[C.threat_label(code)].update(c)
    t = C._cross(C._title("Zagrożenia", by) + " — liczba dokumentów", "Zagrożenie", counts,
                 _denominators(conn, sel, by), by, top, groups)
    t.notes.append("% — udział dokumentów grupy, w których wskazano zagrożenie")
    return t


def _add(into: dict, label, counts: dict) -> None:
    """Add ``counts`` ({group: n}) to the row ``label`` of ``into``."""
    cur = into.get(label)
    if cur is None:
        into[label] = counts
    else:
        for g, n in counts.items():
            cur[g] = cur.get(g, 0) + n


def partners(db, sel, by, codes=None, top=None, groups=None):
    """Partner kinds from the ``pkind`` keys; bodies from the ``body`` keys (an organisation's name and
    kind, summed over the organisations of that name and kind: a few dozen rows per group instead of
    one per organisation).  A body's kind is its organisations' kind; when organisations of one name
    differ in kind, the kind of the last of them (highest id) the selected documents name, read from
    the lists (:func:`_last_kinds`)."""
    conn = db.conn
    kind_counts: dict = {}
    for kind, c in _grouped(conn, sel, "pkind", by).items():
        _add(kind_counts, C.PARTNER_KINDS.get(kind, kind), c)
    body_counts: dict = {}
    kinds_of: dict = defaultdict(set)
    for key, c in sorted(_grouped(conn, sel, "body", by).items()):
        name, _, kind = str(key).rpartition(BODY_SEP)
        label = " ".join(name.split())
        kinds_of[label].add(C.PARTNER_KINDS.get(kind or "other", kind))
        _add(body_counts, label, c)
    body_kind = {label: next(iter(ks)) for label, ks in kinds_of.items() if len(ks) == 1}
    if len(body_kind) < len(kinds_of):
        body_kind.update(_last_kinds(conn, sel, {lab for lab in kinds_of if lab not in body_kind}))
    return C._partners_table(kind_counts, body_counts, body_kind, _denominators(conn, sel, by), by, top, groups)


def _doc_cond(sel) -> tuple[str, list]:
    """`` AND document_id IN (the selected documents)`` and its parameters, for any ``sel``."""
    if sel[0] == "fsums":
        fdim, fvals = sel[1][:2]
        cond = f"document_id IN (SELECT document_id FROM {FV} WHERE fdim = ? AND fval IN ({', '.join('?' * len(fvals))}))"
        if len(sel[1]) > 2:
            return f" AND ({cond} OR document_id IN ({sel[1][2]}))", [fdim, *fvals, *sel[1][3]]
        return f" AND {cond}", [fdim, *fvals]
    if len(sel) == 3:
        return f" AND document_id IN (SELECT id FROM documents WHERE id NOT IN ({sel[0]}))", list(sel[1])
    if sel[0] is None:
        return " AND document_id IN (SELECT id FROM documents)", []
    return _in(sel, "document_id")


def _last_kinds(conn, sel, labels: set) -> dict:
    """{body label: the kind of the organisation of that name with the highest id among those the
    selected documents name (as partners or action partners)}."""
    cond, params = _doc_cond(sel)
    out = {}
    for name, kind in conn.execute(
            f"SELECT o.name, o.kind FROM organisations o WHERE o.id IN (SELECT organisation_id FROM partners "
            f"WHERE organisation_id IS NOT NULL{cond} UNION SELECT organisation_id FROM action_partners "
            f"WHERE organisation_id IS NOT NULL{cond}) ORDER BY o.id", params * 2):
        label = " ".join(str(name).split())
        if label in labels:
            out[label] = C.PARTNER_KINDS.get(kind or "other", kind or "")
    return out


def deadlines(db, sel, by, codes=None, top=None, groups=None):
    conn = db.conn
    months: dict = defaultdict(Counter)
    per_group = Counter()
    for m, c in _grouped(conn, sel, "month", by).items():
        months[m].update(c)
        per_group.update(c)
    undated = sum(n for _w, _k, _l, n in _rows(conn, sel, ("undated",), "all"))
    return C._deadlines_table(months, per_group, undated, _denominators(conn, sel, by), by, top, groups)


def targets(db, sel, by, codes=None, top=None, groups=None):
    """From the keys ``t_*`` (per group of ``by``) or ``tt_*`` (per threat category)."""
    conn = db.conn
    rows: dict = {}

    def bucket(label):
        b = rows.get(label)
        if b is None:
            b = rows[label] = {"n": 0, "pct": [], "dir": Counter(), "ndocs": 0}
        return b

    def add(b, what, rest, n):
        if what.endswith("doc"):
            b["ndocs"] += n
        elif what.endswith("dir"):
            b["dir"][rest] += n
            b["n"] += n
        else:
            b["pct"] += [float(rest)] * n

    def add_rows(rows_, one=None):
        """``add`` inlined over ``(what, key, label, n)`` rows of the keys t_* (into ``one`` or per label)."""
        for what, key, label, n in rows_:
            b = one
            if b is None:
                b = rows.get(label)
                if b is None:
                    b = rows[label] = {"n": 0, "pct": [], "dir": Counter(), "ndocs": 0}
            if what == "t_doc":
                b["ndocs"] += n
            elif what == "t_dir":
                b["dir"][key] += n
                b["n"] += n
            else:
                b["pct"] += [float(key)] * n

    if by == "threat":
        for what, key, label, n in _rows(conn, sel, ("tt_doc", "tt_dir", "tt_pct"), "all"):
            code, _, rest = (key, "", "") if what == "tt_doc" else str(key).partition("|")
            if codes is not None and code not in codes:
                continue
            add(bucket(C.threat_label(code)), what, rest, n)
        totals = _rows(conn, sel, ("t_doc", "t_dir", "t_pct"), "all")
    else:
        per_group, totals = _rows_and_totals(conn, sel, ("t_doc", "t_dir", "t_pct"), by)
        add_rows(per_group)
    tot = {"n": 0, "pct": [], "dir": Counter(), "ndocs": 0}
    add_rows(totals, tot)
    total = (tot["n"], tot["ndocs"], tot["pct"], tot["dir"]) if tot["n"] else None
    return C._targets_build(rows, by, top, total)


# ---- the summaries: kept by extractor.regions.refresh_regions -------------------------------------

K, A = "documents_fts_keys", "documents_fts_agg"
J = "documents_fts_aggj"  # schema 6: documents_fts_agg's groups of each (what, dim, key) as one JSON object
BODY_SEP = "\x1f"  # char(31): between an organisation's name and kind in a body key
_REGION_COLS = ("locality", "powiat", "voivodeship", "unit", "unit_parent", "unit_voivodeship_hq", "county_kind",
                "unit_level", "unit_town")


def _key_sql(cond: str) -> list[str]:
    """INSERTs of the keys rows of the documents passing ``cond`` (`` AND document_id IN (...)``)."""
    k = "coalesce(p.kind, o.kind)"
    pc = cond.replace("document_id", "p.document_id")
    return [
        f"INSERT INTO {K} SELECT DISTINCT document_id, 'threat', category, 1 FROM threats "
        f"WHERE category IS NOT NULL AND category <> ''{cond}",
        f"INSERT INTO {K} SELECT DISTINCT p.document_id, 'pkind', CASE WHEN {k} IS NULL OR {k} = '' THEN 'other' "
        f"ELSE {k} END, 1 FROM partners p LEFT JOIN organisations o ON o.id = p.organisation_id WHERE 1{pc}",
        # a document's bodies: its distinct organisations (partners and action partners) counted per
        # name and kind ("name\x1fkind", '' for no kind)
        f"INSERT INTO {K} SELECT x.document_id, 'body', o.name || char(31) || coalesce(o.kind, ''), count(*) "
        f"FROM (SELECT document_id, organisation_id AS oid FROM partners WHERE organisation_id IS NOT NULL{cond} "
        f"UNION SELECT document_id, organisation_id FROM action_partners WHERE organisation_id IS NOT NULL{cond}"
        f") x JOIN organisations o ON o.id = x.oid GROUP BY x.document_id, 3",
        f"INSERT INTO {K} SELECT document_id, 'month', substr(deadline_end, 1, 7), count(*) FROM actions "
        f"WHERE deadline_end GLOB {_DATED}{cond} GROUP BY document_id, substr(deadline_end, 1, 7)",
        f"INSERT INTO {K} SELECT document_id, 'undated', '', count(*) FROM actions "
        f"WHERE NOT coalesce(deadline_end GLOB {_DATED}, 0){cond} GROUP BY document_id",
    ]


def _group_rows_of(conn, where: str, params) -> list[tuple]:
    from extractor.compare.core import group_rows

    out = []
    for row in conn.execute(f"SELECT d.id, d.doc_type, d.date, d.period_start, d.locality, d.unit, "
                            f"{', '.join('r.' + c for c in _REGION_COLS)} FROM documents d "
                            f"LEFT JOIN regions r ON r.document_id = d.id{where}", params).fetchall():
        reg = row[6:]
        region = dict(zip(_REGION_COLS, reg)) if any(v is not None for v in reg) else {}
        out += group_rows(row[0], row[1], row[2], row[3], row[4], row[5], region)
    return out


def _target_keys(conn, where: str, params) -> list[tuple]:
    """Keys rows of the targets of the documents passing ``where`` (on ``document_id``): per document
    ``t_doc``, ``t_dir`` (direction), ``t_pct`` (percentage value), and per threat category the target
    is about (``target_categories``; '' for none) ``tt_doc`` / ``tt_dir`` / ``tt_pct`` ("code|…")."""
    tg: dict = defaultdict(list)
    for row in conn.execute(f"SELECT document_id, direction, value, unit, metric, text FROM targets "
                            f"WHERE 1{where} ORDER BY document_id, idx", params):
        tg[row[0]].append(row[1:])
    if not tg:
        return []
    cats: dict = defaultdict(set)
    for d, c in conn.execute(f"SELECT document_id, category FROM threats WHERE document_id IN "
                             f"(SELECT document_id FROM targets WHERE 1{where})", params):
        if c:
            cats[d].add(c)
    out = []
    for d, trows in tg.items():
        keys = Counter()
        keys[("t_doc", "")] = 1
        for direction, value, unit, metric, text in trows:
            dr = direction or "unknown"
            pct = float(value) if unit == "percent" and value is not None else None
            keys[("t_dir", dr)] += 1
            if pct is not None:
                keys[("t_pct", pct)] += 1
            for code in sorted(C.target_categories(text, metric, cats.get(d, set()))) or [""]:
                keys[("tt_doc", code)] = 1
                keys[("tt_dir", f"{code}|{dr}")] += 1
                if pct is not None:
                    keys[("tt_pct", f"{code}|{pct!r}")] += 1
        out += [(d, w, k, n) for (w, k), n in keys.items()]
    return out


_CONTRIB = [
    # (what, dim, key, label, n) of the documents passing {cond}
    f"SELECT k.what, g.dim, k.key, g.label, sum(k.n) FROM {K} k JOIN {G} g ON g.document_id = k.document_id "
    f"WHERE 1{{kc}} GROUP BY k.what, g.dim, k.key, g.label",
    f"SELECT what, 'all', key, {C.TOTAL!r}, sum(n) FROM {K} WHERE 1{{c}} GROUP BY what, key",
    f"SELECT 'docs', dim, '', label, count(*) FROM {G} WHERE 1{{c}} GROUP BY dim, label",
    f"SELECT 'docs', 'all', '', {C.TOTAL!r}, n FROM (SELECT count(DISTINCT document_id) AS n FROM {G} "
    f"WHERE 1{{c}}) WHERE n > 0",
]


def _contrib(conn, cond: str, params: list) -> Counter:
    out = Counter()
    for q in _CONTRIB:
        q = q.format(kc=cond.replace("document_id", "k.document_id"), c=cond)
        for what, dim, key, label, n in conn.execute(q, params * (q.count("?") // max(1, len(params)))):
            out[(what, dim, key, label)] += n
    return out


def _rebuild(conn) -> None:
    """Write the groups, keys and sums of every document from scratch."""
    for t in (G, K, A):
        conn.execute(f"DELETE FROM {t}")
    conn.executemany(f"INSERT OR IGNORE INTO {G} (document_id, dim, label) VALUES (?, ?, ?)",
                     _group_rows_of(conn, "", []))
    for q in _key_sql(""):
        conn.execute(q)
    conn.executemany(f"INSERT INTO {K} VALUES (?, ?, ?, ?)", _target_keys(conn, "", []))
    conn.executemany(f"INSERT INTO {A} (what, dim, key, label, n) VALUES (?, ?, ?, ?, ?)", _asums(conn))
    if _has(conn, J):
        conn.execute(f"DELETE FROM {J}")
        conn.execute(f"INSERT INTO {J} (what, dim, key, groups) SELECT what, dim, key, json_group_object(label, n) "
                     f"FROM {A} GROUP BY what, dim, key")
    if _has_fsums(conn):
        for t in (FV, FA):
            conn.execute(f"DELETE FROM {t}")
        conn.executemany(f"INSERT OR IGNORE INTO {FV} VALUES (?, ?, ?)", _fval_rows(conn, "", []))
        for rows in _fsums(conn, "", []):
            conn.executemany(f"INSERT INTO {FA} (fdim, fval, what, dim, key, label, n) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             rows)


def refresh_summaries(conn, ids: list[int] | None) -> None:
    """Rewrite the groups and keys of these documents (None or many: all, in bulk) and move the sums
    in ``documents_fts_agg`` by the difference (old contribution out, new in)."""
    total = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    if ids is None or len(ids) > max(5000, total // 4):
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute("PRAGMA cache_size = -262144")  # 256 MiB while the sums are rewritten: B-tree pages stay in memory
        try:
            _rebuild(conn)
        finally:
            conn.execute(f"PRAGMA cache_size = {int(cache)}")
        return
    delta = Counter()
    fdelta = Counter()
    fs = _has_fsums(conn)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        cond = f" AND document_id IN ({', '.join('?' * len(chunk))})"
        for k, n in _contrib(conn, cond, chunk).items():
            delta[k] -= n
        if fs:
            for rows in _fsums(conn, cond, chunk):
                for *k, n in rows:
                    fdelta[tuple(k)] -= n
            conn.execute(f"DELETE FROM {FV} WHERE 1{cond}", chunk)
            conn.executemany(f"INSERT OR IGNORE INTO {FV} VALUES (?, ?, ?)",
                             _fval_rows(conn, f" WHERE d.id IN ({', '.join('?' * len(chunk))})", chunk))
        conn.execute(f"DELETE FROM {G} WHERE 1{cond}", chunk)
        conn.execute(f"DELETE FROM {K} WHERE 1{cond}", chunk)
        conn.executemany(f"INSERT OR IGNORE INTO {G} (document_id, dim, label) VALUES (?, ?, ?)",
                         _group_rows_of(conn, f" WHERE d.id IN ({', '.join('?' * len(chunk))})", chunk))
        for q in _key_sql(cond):
            conn.execute(q, chunk * (q.count("?") // len(chunk)))
        conn.executemany(f"INSERT INTO {K} VALUES (?, ?, ?, ?)", _target_keys(conn, cond, chunk))
        for k, n in _contrib(conn, cond, chunk).items():
            delta[k] += n
        if fs:
            for rows in _fsums(conn, cond, chunk):
                for *k, n in rows:
                    fdelta[tuple(k)] += n
    rows = [(*k, n) for k, n in delta.items() if n]
    conn.executemany(f"INSERT INTO {A} (what, dim, key, label, n) VALUES (?, ?, ?, ?, ?) "
                     f"ON CONFLICT (what, dim, key, label) DO UPDATE SET n = n + excluded.n", rows)
    if rows:
        conn.execute(f"DELETE FROM {A} WHERE n = 0")
        if _has(conn, J):  # the objects of the (what, dim, key) whose sums moved, written again
            moved = sorted({r[:3] for r in rows}, key=repr)
            conn.executemany(f"DELETE FROM {J} WHERE what = ? AND dim = ? AND key = ?", moved)
            conn.executemany(f"INSERT INTO {J} (what, dim, key, groups) SELECT what, dim, key, "
                             f"json_group_object(label, n) FROM {A} WHERE what = ? AND dim = ? AND key = ? "
                             "GROUP BY what, dim, key", moved)
    rows = [(*k, n) for k, n in fdelta.items() if n]
    if rows:
        conn.executemany(f"INSERT INTO {FA} (fdim, fval, what, dim, key, label, n) VALUES (?, ?, ?, ?, ?, ?, ?) "
                         f"ON CONFLICT (fdim, fval, what, dim, key, label) DO UPDATE SET n = n + excluded.n", rows)
        conn.execute(f"DELETE FROM {FA} WHERE n = 0")


# ---- the sums per filter value (schema 5; threat categories: 6) -------------------------------------------------------

FV, FA = "documents_fts_fvals", "documents_fts_fagg"
FILTER_DIMS = ("year", "doc_type", "voivodeship", "threat")


def _has(conn, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None


def _has_fsums(conn) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)",
                        (FV, FA)).fetchone()[0] == 2


def filter_years(date, period_start, period_end) -> list[str]:
    """The years ``Y`` for which the --year filter (``extractor.store.search._YEAR_SQL``: the date in Y,
    or the period overlapping Y, compared as strings) finds a document; ``['*']`` when a date or
    period does not start with four digits (then the filter is not summed: any year could match)."""
    vals = [v for v in (date, period_start, period_end) if v is not None]
    if any(not (isinstance(v, str) and len(v) >= 4 and v[:4].isdigit()) for v in vals):
        return ["*"]
    out = set()
    if date is not None:
        out.add(date[:4])
    if period_start is not None:
        end = period_end if period_end is not None else period_start
        for y in range(int(period_start[:4]), int(end[:4]) + 1):
            if end >= f"{y:04d}-01-01" and period_start <= f"{y:04d}-12-31":
                out.add(f"{y:04d}")
    return sorted(out)


def _fval_rows(conn, where: str, params) -> list[tuple]:
    out = []
    for doc_id, doc_type, date, ps, pe, voiv in conn.execute(
            f"SELECT d.id, d.doc_type, d.date, d.period_start, d.period_end, r.voivodeship FROM documents d "
            f"LEFT JOIN regions r ON r.document_id = d.id{where}", params).fetchall():
        out += [(doc_id, "year", y) for y in filter_years(date, ps, pe)]
        if doc_type is not None:
            out.append((doc_id, "doc_type", str(doc_type)))
        if voiv is not None:
            out.append((doc_id, "voivodeship", str(voiv)))
    # the threat filter finds a document by each of its categories (the keys 'threat')
    cond = where.replace("d.id", "document_id").replace(" WHERE ", " AND ")
    out += conn.execute(f"SELECT DISTINCT document_id, 'threat', category FROM threats WHERE category IS NOT NULL "
                        f"AND category <> '' AND document_id IN (SELECT id FROM documents){cond}", params).fetchall()
    return out


_TT = ("tt_doc", "tt_dir", "tt_pct")  # the targets per threat category: summed per filter value only for 'all'


_EVERY = ("all", C.TOTAL)


def _doc_keys(conn, cond: str, params: list) -> tuple[dict, dict, dict]:
    """Per document: its keys ``((what, key), n)`` but those of targets per threat category, those, and its
    groups ``(dim, label)`` followed by ``("all", "Razem")``."""
    keys: dict = defaultdict(list)
    tkeys: dict = defaultdict(list)
    for d, what, key, n in conn.execute(f"SELECT document_id, what, key, n FROM {K} WHERE 1{cond}", params):
        (tkeys if what in _TT else keys)[d].append(((what, key), n))
    groups: dict = defaultdict(list)
    for d, dim, label in conn.execute(f"SELECT document_id, dim, label FROM {G} WHERE 1{cond}", params):
        groups[d].append((dim, label))
    for gs in groups.values():
        gs.append(_EVERY)
    return keys, tkeys, groups


def _asums(conn) -> list[tuple]:
    """The rows ``(what, dim, key, label, n)`` of ``documents_fts_agg`` from every document's keys and groups
    (what the queries of ``_CONTRIB`` give, summed in dicts as :func:`_fsums`)."""
    keys, tkeys, groups = _doc_keys(conn, "", [])
    only_all = [_EVERY]
    c: dict = {}
    for src in (keys, tkeys):
        for d, kn in src.items():
            gs = groups.get(d, only_all)
            for wk, n in kn:
                inner = c.get(wk)
                if inner is None:
                    inner = c[wk] = defaultdict(int)
                for g in gs:
                    inner[g] += n
    inner = c[("docs", "")] = defaultdict(int)
    for gs in groups.values():
        for g in gs:
            inner[g] += 1
    if not groups:
        del c[("docs", "")]
    return [(w, dim, k, label, n) for (w, k), inner in c.items() for (dim, label), n in inner.items()]


def _fsums(conn, cond: str, params: list):
    """``documents_fts_agg``'s sums per filter value of the documents passing ``cond`` (`` AND document_id
    IN (...)``, or '' for all): lists of rows ``(fdim, fval, what, dim, key, label, n)``, one list per
    filter value.  Summed here, in dicts, from each document's keys, groups and filter values: an
    SQL GROUP BY over their join sorts every (value, key, group) of every document."""
    keys, tkeys, groups = _doc_keys(conn, cond, params)
    every = _EVERY
    only_all = [every]
    docs: dict = defaultdict(list)
    for d, fdim, fval in conn.execute(f"SELECT document_id, fdim, fval FROM {FV} WHERE 1{cond}", params):
        docs[(fdim, fval)].append(d)
    doc_key = ("docs", "")
    for (fdim, fval), ids in docs.items():
        # {(what, key): {(dim, label): n}}: the (dim, label) pairs are each document's own tuples
        c: dict = {}
        skip = "threat" if fdim == "threat" else None  # see threats(): read from the sums of every document
        for d in ids:
            gs = groups.get(d, only_all)
            for wk, n in keys.get(d, ()):
                if wk[0] == skip:
                    continue
                inner = c.get(wk)
                if inner is None:
                    inner = c[wk] = defaultdict(int)
                for g in gs:
                    inner[g] += n
            for wk, n in tkeys.get(d, ()):
                inner = c.get(wk)
                if inner is None:
                    inner = c[wk] = defaultdict(int)
                inner[every] += n
            inner = c.get(doc_key)
            if inner is None:
                inner = c[doc_key] = defaultdict(int)
            for g in gs:
                inner[g] += 1
        yield [(fdim, fval, w, dim, k, label, n) for (w, k), inner in c.items() for (dim, label), n in inner.items()]


def fsums_usable(conn, fdim: str, fvals: list[str]) -> bool:
    """Whether the sums per value of ``fdim`` answer a filter on it (for years: no document has a date
    the filter could read as any year)."""
    if not _has_fsums(conn):
        return False
    if fdim == "year":
        return conn.execute(f"SELECT 1 FROM {FA} WHERE fdim = 'year' AND fval = '*' AND what = 'docs' "
                            "AND dim = 'all'").fetchone() is None
    return True


def threat_sums(conn, codes: list[str]) -> tuple | None:
    """How the SQL engine reads a threat filter (documents naming any of ``codes``) from the sums per
    category: ``("threat", [code])`` for one category; for several, the sums of the category most
    documents name plus the SQL selecting the documents that name only the others,
    ``("threat", [code], sql, params)``.  None when there are no such sums or when those other
    documents are many (then the filter selects the documents, as any other)."""
    if not codes or not _has_fsums(conn) or conn.execute(
            f"SELECT 1 FROM {FA} WHERE fdim = 'threat' LIMIT 1").fetchone() is None:
        return None
    ns = dict(conn.execute(f"SELECT fval, n FROM {FA} WHERE fdim = 'threat' AND fval IN ({', '.join('?' * len(codes))}) "
                           "AND what = 'docs' AND dim = 'all' AND key = ''", codes).fetchall())
    if not ns:  # no document names any: the stored sums of one of them are empty
        return "threat", [codes[0]]
    main = max(ns, key=lambda c: (ns[c], c))
    others = [c for c in codes if c != main and c in ns]
    if not others:
        return "threat", [main]
    # (a document is looked up in the index of its threats, not every document of the main category
    # gathered first)
    sql = (f"SELECT DISTINCT t.document_id FROM threats t WHERE t.category IN ({', '.join('?' * len(others))}) "
           f"AND NOT EXISTS (SELECT 1 FROM threats m WHERE m.document_id = t.document_id AND m.category = ?)")
    row = conn.execute(f"SELECT n FROM {A} WHERE what = 'docs' AND dim = 'all' AND key = ''").fetchone()
    if row is None:
        return None
    if 4 * sum(ns[c] for c in others) > row[0]:  # the bound is not enough: count them
        n_rest = conn.execute(f"SELECT count(*) FROM ({sql})", [*others, main]).fetchone()[0]
        if 4 * n_rest > row[0]:
            return None
    return "threat", [main], sql, [*others, main]
