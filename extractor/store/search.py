"""Full-text search: query building, bm25 ranking, filters and snippets.

The FTS5 index holds three columns per document: ``text_folded`` (the text,
casefolded, diacritics stripped, ł→l), ``lemmas`` (the folded lemma of every
word) and ``keywords`` (title, unit, locality, officer, threat names, partners,
locations, section titles; folded and lemmatised).  A query word ``w`` becomes

    ( "fold(w)"*  OR  "lemma1" OR "lemma2"  OR  "stem"* )

— the folded word as a prefix (finds "lodz" in "łodzi", "straz" in "straży"),
its folded lemmas (finds "miejska" via "miejski" in any case), and for a longer
word Morfeusz does not know a stem two letters shorter ("kradziezy" -> "kradzie"*) so
that diacritic-free inflected forms still match.  Words are
ANDed; ``"a quoted phrase"`` matches its words in sequence; ``OR`` between words
is passed through.  Ranking is FTS5's bm25 with keywords weighted above text.

Common words are ranked approximately: a query matching more than ``APPROX_ABOVE`` (2,000)
documents of the database gets the best matches among its 2,000 newest (highest ids) that pass
the filters, ranked by bm25 of the query with each prefix written out as the indexed words it
stands for (and a phrase by its words); a query matching fewer gets the exact bm25 ranking of all
its matches (see :func:`ranked`).

Snippets are cut from the original text: ``fold`` keeps offsets, so a match
found in the folded text is highlighted at the same place in the original.
"""
from __future__ import annotations

import itertools
import json
import os.path
import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.store.fold import WORD_RE, fold, place_match, word_lemmas, words

# bm25 weights of (text_folded, lemmas, keywords)
WEIGHTS = (1.0, 0.6, 4.0)
SNIPPET_CHARS = 220


@dataclass
class Term:
    folded: str
    lemmas: tuple = ()
    stem: str | None = None
    prefix: bool = True

    def alternatives(self) -> list[tuple[str, bool]]:
        """(token, is a prefix) of each alternative the word matches."""
        alts = [(self.folded, self.prefix)]
        alts += [(lf, False) for lf in self.lemmas if lf != self.folded]
        if self.stem:
            alts.append((self.stem, True))
        return alts

    def fts(self) -> str:
        alts = [f'"{t}"' + ("*" if p else "") for t, p in self.alternatives()]
        return alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")"

    def phrase_alternative(self) -> tuple[str, bool]:
        """The token used inside a phrase: the longest prefix the word shares with its
        lemma ("miejska"/"miejski" -> "miejsk"*), so the phrase matches in any case."""
        if not self.prefix:
            return self.folded, False
        base = self.stem or self.folded
        for lf in self.lemmas:
            cp = os.path.commonprefix([base, lf])
            if len(cp) >= 3 and len(cp) < len(base):
                base = cp
        return base, True

    def phrase_token(self) -> str:
        t, p = self.phrase_alternative()
        return f'"{t}"' + ("*" if p else "")

    def matches(self, tok_folded: str, tok: str) -> bool:
        if tok_folded == self.folded or (self.prefix and tok_folded.startswith(self.folded)):
            return True
        if self.stem and tok_folded.startswith(self.stem):
            return True
        if self.lemmas and not tok.isdigit():
            return bool(set(self.lemmas) & set(word_lemmas(tok)))
        return False


@dataclass
class Query:
    groups: list = field(default_factory=list)   # list of ("term", Term) | ("phrase", [Term]) | ("or", None)
    # word form -> index of the first term it matches (-1: none), shared by the snippets of one search
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def terms(self) -> list[Term]:
        out = []
        for kind, v in self.groups:
            if kind == "term":
                out.append(v)
            elif kind == "phrase":
                out.extend(v)
        return out

    def fts(self, render=None) -> str:
        """The FTS5 MATCH expression; ``render(kind, value)`` may write a term or phrase group
        differently (:func:`expanded_fts`)."""
        parts = []
        for kind, v in self.groups:
            if kind == "or":
                if parts and parts[-1] != "OR":
                    parts.append("OR")
            elif render is not None:
                parts.append(render(kind, v))
            elif kind == "term":
                parts.append(v.fts())
            else:
                parts.append(" + ".join(t.phrase_token() for t in v))
        while parts and parts[-1] == "OR":
            parts.pop()
        while parts and parts[0] == "OR":
            parts.pop(0)
        out = []
        for p in parts:
            if out and p != "OR" and out[-1] != "OR":
                out.append("AND")
            out.append(p)
        return " ".join(out)


def _term(word: str) -> Term:
    f = fold(word)
    if word.isdigit():
        return Term(f, (), None, prefix=False)
    # the first lemma, and other readings only when they look like the typed word
    # ("Łodzi" -> łodzia, łódź; but "Łuków" -> not łuk, luka)
    cands = [x for x in word_lemmas(word) if x]
    lem = tuple(x for i, x in enumerate(cands)
                if i == 0 or len(os.path.commonprefix([x, f])) >= len(f) - 1
                or (f.startswith(x) and len(x) >= max(4, len(f) - 2)))
    stem = None
    # a word Morfeusz does not know (typically typed without diacritics: "kradziezy",
    # "lukowie") gets a stem two letters shorter, so other inflected forms match too
    if len(f) >= 6 and _typed_without_diacritics(word):
        stem = f[: max(5, len(f) - 2)]
        if stem == f:
            stem = None
    return Term(f, lem, stem, prefix=len(f) >= 2)


def _typed_without_diacritics(word: str) -> bool:
    """An ASCII word Morfeusz knows only as a name or not at all ("kradziezy", "lukowie"):
    probably a Polish word typed without its diacritics."""
    if not word.isascii():
        return False
    try:
        from extractor.nlp.morph import analyse

        an = analyse(word.lower())
    except Exception:
        return True
    return all(a.pos == "ign" or (a.names and "nazwa_pospolita" not in a.names) for a in an)


def parse_query(q: str) -> Query:
    """Words, "quoted phrases" and OR."""
    out = Query()
    for m in re.finditer(r'"([^"]*)"|(\S+)', q or ""):
        if m.group(1) is not None:
            ws = words(m.group(1))
            if len(ws) == 1:
                out.groups.append(("term", _term(ws[0])))
            elif ws:
                out.groups.append(("phrase", [_term(w) for w in ws]))
            continue
        tok = m.group(2)
        if tok == "OR":
            out.groups.append(("or", None))
            continue
        for w in words(tok):
            out.groups.append(("term", _term(w)))
    return out


def build_fts_query(q: str) -> str:
    return parse_query(q).fts()


# ---- SQL functions used by the filters -------------------------------------------

def _locality_match(stored, query) -> int:
    if stored is None or query is None:
        return 0
    values = [stored]
    if isinstance(stored, str) and stored.startswith("["):
        try:
            values = [str(x) for x in json.loads(stored)]
        except ValueError:
            pass
    return int(any(place_match(v, query) for v in values))


@lru_cache(maxsize=100_000)
def _folded_words(text: str) -> tuple[str, ...]:
    return tuple(words(fold(text)))


@lru_cache(maxsize=1_000)
def _unit_query_words(query: str) -> tuple[tuple[str, str], ...]:
    """(word, folded word) of a unit query, acronyms expanded, without "w", "we", "nr"."""
    from extractor.store.orgs import expand_acronyms

    return tuple((w, fw) for w in words(expand_acronyms(query)) for fw in (fold(w),) if fw not in ("w", "we", "nr"))


def _unit_match(stored, query) -> int:
    """Every word of the query (acronyms expanded) is in the unit name, as a prefix or as a place."""
    if not stored or not query:
        return 0
    s_words = _folded_words(stored)
    for w, fw in _unit_query_words(query):
        if any(sw.startswith(fw) or (len(fw) >= 5 and sw.startswith(fw[:-2])) for sw in s_words):
            continue
        if any(place_match(sw, w) for sw in s_words if len(sw) >= 3):
            continue
        return 0
    return 1


def register_functions(conn: sqlite3.Connection) -> None:
    conn.create_function("plany_locality_match", 2, _locality_match, deterministic=True)
    conn.create_function("plany_unit_match", 2, _unit_match, deterministic=True)


# ---- snippets ------------------------------------------------------------------------

def snippet(text: str, query: Query, marks=("[", "]"), width: int = SNIPPET_CHARS) -> str:
    """The stretch of ``text`` with the most distinct query terms, matches wrapped in ``marks``."""
    if not text:
        return ""
    terms = query.terms
    hits: list[tuple[int, int, int]] = []  # start, end, term index
    if terms:
        # each distinct word form is tested once; then one regex finds every matching word
        which: dict[str, int] = {}
        memo = query.memo
        for tok in set(WORD_RE.findall(text)):
            k = memo.get(tok)
            if k is None:
                tf = fold(tok)
                k = memo[tok] = next((i for i, t in enumerate(terms) if t.matches(tf, tok)), -1)
            if k >= 0:
                which[tok] = k
        if which:
            alts = "|".join(re.escape(t) for t in sorted(which, key=len, reverse=True))
            rx = re.compile(r"(?<![^\W_])(?:" + alts + r")(?![^\W_])")
            for n, m in enumerate(rx.finditer(text)):
                if n > 200_000:
                    break
                hits.append((m.start(), m.end(), which[m.group(0)]))
    if not hits:
        start, end = 0, min(len(text), width)
    else:
        best, best_score = 0, -1
        j = 0
        for i in range(len(hits)):
            while hits[i][0] - hits[j][0] > width * 0.8:
                j += 1
            score = len({h[2] for h in hits[j:i + 1]}) * 1000 + (i - j)
            if score > best_score:
                best, best_score = j, score
        anchor = hits[best][0]
        start = max(0, anchor - width // 5)
        end = min(len(text), start + width)
        # do not cut words in half
        while start > 0 and not text[start - 1].isspace() and anchor - start < width // 3:
            start -= 1
        while end < len(text) and not text[end].isspace() and end - start < width + 30:
            end += 1
    out, pos = [], start
    for hs, he, _i in hits:
        if hs < start or he > end:
            continue
        out.append(text[pos:hs])
        out.append(marks[0] + text[hs:he] + marks[1])
        pos = he
    out.append(text[pos:end])
    s = " ".join("".join(out).split())
    return ("…" if start > 0 else "") + s + ("…" if end < len(text) else "")


# ---- search -------------------------------------------------------------------------------

def _year_bounds(year) -> tuple[str, str, str, str] | None:
    """(lo, hi) of the date-prefix range of a year ('2024' <= date < '2025') and its first/last day."""
    if year is None or not str(year).strip():
        return None
    y = int(str(year).strip())
    lo = f"{y:04d}"
    hi = lo[:-1] + chr(ord(lo[-1]) + 1)  # strings starting with lo are exactly those in [lo, hi)
    return lo, hi, f"{lo}-01-01", f"{lo}-12-31"


_YEAR_SQL = ("((d.date >= ? AND d.date < ?) OR (coalesce(d.period_end, d.period_start) >= ? "
             "AND d.period_start <= ?))")


def _filters(locality, unit, year, doc_type) -> tuple[list[str], list]:
    """SQL conditions on ``documents d`` (the place and unit tests as SQL functions, row by row)."""
    where, params = [], []
    if locality:
        where.append("plany_locality_match(d.locality, ?)")
        params.append(locality)
    if unit:
        where.append("plany_unit_match(d.unit, ?)")
        params.append(unit)
    yb = _year_bounds(year)
    if yb:
        where.append(_YEAR_SQL)
        params += [yb[0], yb[1], yb[2], yb[3]]
    if doc_type:
        where.append("d.doc_type = ?")
        params.append(doc_type)
    return where, params


def _has_table(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def matching_values(conn, kind: str, query: str) -> list[str] | None:
    """The distinct stored localities (``kind`` = "locality") or units ("unit") that match what the
    user typed, tested once per distinct value; None when the database has no value tables (then
    the filter runs row by row)."""
    table = {"locality": "documents_fts_localities", "unit": "documents_fts_units"}[kind]
    if not _has_table(conn, table):
        return None
    fn = _locality_match if kind == "locality" else _unit_match
    return [v for (v,) in conn.execute(f"SELECT value FROM {table}") if fn(v, query)]


def filter_sql(conn, locality=None, unit=None, year=None, doc_type=None) -> tuple[list[str], list] | None:
    """Like :func:`_filters`, but index-friendly: a locality or unit becomes ``IN (the matching
    stored values)``.  None when nothing can match."""
    where, params = [], []
    for kind, q in (("locality", locality), ("unit", unit)):
        if not q:
            continue
        vals = matching_values(conn, kind, q)
        if vals is None:
            w, p = _filters(q if kind == "locality" else None, q if kind == "unit" else None, None, None)
            where += w
            params += p
        elif not vals:
            return None
        else:
            where.append(f"d.{kind} IN ({', '.join('?' * len(vals))})")
            params += vals
    w, p = _filters(None, None, year, doc_type)
    return where + w, params + p


_COLS = ("d.id, d.path, d.doc_type, d.date, d.period_start, d.period_end, d.locality, d.unit, d.title, d.text")
_BM25 = "bm25(documents_fts, {})".format(", ".join(map(str, WEIGHTS)))


def ranked_ids(conn, fts: str, where: list[str], params: list, limit: int) -> list[tuple[int, float]]:
    """(document id, score) of the best ``limit`` matches of an FTS5 query among the documents that
    pass ``where``, by exact bm25 over every match.  The FTS index is read first and ranked alone (no
    join before the LIMIT); with filters the documents that pass them are collected first (by their
    indexes) into a small table the FTS scan probes, so bm25 is computed only for the documents that
    pass."""
    if not where:
        sql = (f"SELECT rowid, {_BM25} AS r FROM documents_fts WHERE documents_fts MATCH ? "
               "ORDER BY r, rowid LIMIT ?")
        return [(i, -r) for i, r in conn.execute(sql, [fts, int(limit)])]
    sql = (f"WITH c(id) AS MATERIALIZED (SELECT d.id FROM documents d WHERE {' AND '.join(where)}) "
           f"SELECT f.rowid, {_BM25} AS r FROM documents_fts f CROSS JOIN c ON c.id = f.rowid "
           "WHERE documents_fts MATCH ? ORDER BY r, f.rowid LIMIT ?")
    return [(i, -r) for i, r in conn.execute(sql, [*params, fts, int(limit)])]


# ---- common words: the best among the newest matches ----------------------------------------------
#
# FTS5 ranks by computing bm25 for every match before the LIMIT, and both the match and bm25's
# document frequencies read a prefix ("alkohol"*) by merging the doclists of every indexed word it
# stands for: a word in most of 100,000 documents costs 100-150 ms.  So a query matching more than
# APPROX_ABOVE documents of the whole database is answered among its APPROX_ABOVE newest matches
# (highest ids) that pass the filters, ranked by bm25 of the same query with each prefix written out
# as the indexed words it stands for (from an fts5vocab table; they match exactly the same documents)
# and a phrase ranked by its words; a query matching fewer keeps the exact ranking of :func:`ranked_ids`.

APPROX_ABOVE = 2000
MAX_EXPANSION = 64   # a prefix standing for more indexed words than this: the exact path
MAX_PHRASES = 32     # a phrase of prefixes standing for more word sequences than this: the exact path
_VOCAB = "temp.plany_fts_vocab"


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _vocab(conn) -> bool:
    try:
        conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {_VOCAB} USING fts5vocab(main, documents_fts, row)")
        return True
    except sqlite3.Error:
        return False


def _expand(conn, token: str, memo: dict) -> list[str] | None:
    """The indexed words starting with ``token`` (None: too many, or not a plain ASCII token whose
    prefix the tokenizer would read differently)."""
    key = (token, MAX_EXPANSION)
    if key in memo:
        return memo[key]
    out = None
    if token and token.isascii() and token.isalnum():
        hi = token[:-1] + chr(ord(token[-1]) + 1)  # the words starting with token are those in [token, hi)
        rows = conn.execute(f"SELECT term FROM {_VOCAB} WHERE term >= ? AND term < ? LIMIT ?",
                            (token, hi, MAX_EXPANSION + 1)).fetchall()
        if len(rows) <= MAX_EXPANSION:
            out = [r[0] for r in rows if str(r[0]).startswith(token)]
    memo[key] = out
    return out


# the prefix expansions of each connection's last searches, until its database changes: listing the
# indexed words of a prefix through fts5vocab reads their doclists to count them (11 ms for "alkohol"*
# in 100,000 documents), and the words only change when documents are written
_EXPANSIONS: dict[int, tuple] = {}
_MAX_CONNECTIONS = 16


def _expansions(conn) -> dict:
    """The kept expansions of ``conn`` (a fresh dict when its database changed since they were made: a
    commit by another connection changes ``PRAGMA data_version``, one by this connection its
    ``total_changes``)."""
    state = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
    kept = _EXPANSIONS.get(id(conn))
    if kept is not None and kept[0] is conn and kept[1] == state:
        return kept[2]
    # a closed connection's entry goes (it would keep the object alive), then the oldest beyond the bound
    for key in [k for k, (c, _s, _m) in _EXPANSIONS.items() if _closed(c)]:
        del _EXPANSIONS[key]
    if len(_EXPANSIONS) >= _MAX_CONNECTIONS:
        _EXPANSIONS.pop(next(iter(_EXPANSIONS)))
    memo: dict = {}
    _EXPANSIONS[id(conn)] = (conn, state, memo)   # the entry keeps ``conn``, so its id stays its own
    return memo


def _closed(conn) -> bool:
    try:
        conn.total_changes
    except sqlite3.ProgrammingError:
        return True
    return False


class _TooBroad(Exception):
    pass


def expanded_fts(conn, query: Query) -> tuple[str, str] | None:
    """(match, rank): the query with every prefix written out as the indexed words it stands for
    (``match`` finds exactly the documents ``query.fts()`` finds, without merging prefix doclists),
    and the expression the approximate path ranks by (``match`` with each phrase as its words ANDed).
    None when a prefix stands for too many words or the vocabulary table cannot be made."""
    if not _vocab(conn):
        return None
    memo = _expansions(conn)

    def words_of(pairs) -> list[str]:
        out: list[str] = []
        for tok, pre in pairs:
            if not pre:
                out.append(tok)
                continue
            ex = _expand(conn, tok, memo)
            if ex is None:
                raise _TooBroad
            out += ex
        return list(dict.fromkeys(out))

    def group(ws: list[str], fallback: str) -> str:
        if not ws:  # no indexed word: a token that is not in the index matches nothing, like the prefix
            return _quote(fallback)
        return _quote(ws[0]) if len(ws) == 1 else "(" + " OR ".join(map(_quote, ws)) + ")"

    def render_match(kind, v) -> str:
        if kind == "term":
            return group(words_of(v.alternatives()), v.folded)
        lists = [words_of([t.phrase_alternative()]) for t in v]
        if not all(lists):
            return _quote(" ".join(t.folded for t in v))
        n = 1
        for x in lists:
            n *= len(x)
        if n > MAX_PHRASES:
            raise _TooBroad
        return group([" ".join(c) for c in itertools.product(*lists)], "")

    def render_rank(kind, v) -> str:
        if kind == "term":
            return render_match(kind, v)
        return "(" + " AND ".join(group(words_of([t.phrase_alternative()]), t.folded) for t in v) + ")"

    try:
        return query.fts(render_match), query.fts(render_rank)
    except _TooBroad:
        return None


def ranked(conn, query: Query, where: list[str], params: list, limit: int,
           approx_above: int | None = None) -> list[tuple[int, float]]:
    """(document id, score) of the best ``limit`` matches of ``query`` among the documents passing
    ``where``: exact bm25 (:func:`ranked_ids`) when the query matches at most ``approx_above``
    (default :data:`APPROX_ABOVE`) documents of the whole database, else the best among its
    ``approx_above`` newest matches that pass the filters (see the comment above :data:`APPROX_ABOVE`)."""
    k = APPROX_ABOVE if approx_above is None else int(approx_above)
    fts = query.fts()
    ex = expanded_fts(conn, query)
    if ex is None:
        return ranked_ids(conn, fts, where, params, limit)
    match, rank = ex
    newest = [r[0] for r in conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? "
                                         "ORDER BY rowid DESC LIMIT ?", [match, k + 1])]
    if len(newest) <= k:  # a selective query: exact bm25 over its matches
        return ranked_ids(conn, fts, where, params, limit)
    cond, cparams = "", []
    if where:
        cond, cparams = f" AND +rowid IN (SELECT d.id FROM documents d WHERE {' AND '.join(where)})", list(params)
    if match == rank:  # no phrase: the newest matches and their scores in one pass
        rows = conn.execute(f"SELECT rowid, {_BM25} AS r FROM documents_fts WHERE documents_fts MATCH ?{cond} "
                            "ORDER BY rowid DESC LIMIT ?", [match, *cparams, k]).fetchall()
        rows.sort(key=lambda x: (x[1], x[0]))
        return [(i, -r) for i, r in rows[:int(limit)]]
    if where:
        newest = [r[0] for r in conn.execute(f"SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?{cond} "
                                             "ORDER BY rowid DESC LIMIT ?", [match, *cparams, k])]
        if not newest:
            return []
    cand = newest[:k]
    sql = (f"SELECT rowid, {_BM25} AS r FROM documents_fts WHERE documents_fts MATCH ? AND rowid >= ? "
           "AND +rowid IN (SELECT value FROM json_each(?)) ORDER BY r, rowid LIMIT ?")
    return [(i, -r) for i, r in conn.execute(sql, [rank, cand[-1], json.dumps(cand), int(limit)])]


def search(db, query: str | None = "", locality: str | None = None, unit: str | None = None,
           year: int | str | None = None, doc_type: str | None = None, limit: int = 20,
           marks=("[", "]")) -> list[dict]:
    """Ranked documents matching ``query`` (may be empty: filters only, newest first).

    Each result: id, path, doc_type, date, locality, unit, score (higher is better;
    None without a query), snippet (matches wrapped in ``marks``).
    """
    parsed = parse_query(query or "")
    fts = parsed.fts()
    conn = db.conn
    f = filter_sql(conn, locality, unit, year, doc_type)
    if f is None:
        return []
    where, params = f
    if fts:
        best = ranked(conn, parsed, where, params, limit)
        if not best:
            return []
        ids = [i for i, _s in best]
        by_id = {r[0]: r for r in conn.execute(
            f"SELECT {_COLS} FROM documents d WHERE d.id IN ({', '.join('?' * len(ids))})", ids)}
        rows = [(*by_id[i], s) for i, s in best if i in by_id]
    else:
        sql = (f"SELECT {_COLS}, NULL AS score FROM documents d" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY coalesce(d.date, d.period_start) DESC, d.id DESC LIMIT ?")
        rows = conn.execute(sql, [*params, int(limit)]).fetchall()
    out = []
    for (doc_id, path, dt, date, ps, pe, loc, unit_name, title, text, score) in rows:
        out.append({
            "id": doc_id, "path": path, "doc_type": dt, "date": date,
            "period": {"start": ps, "end": pe} if ps or pe else None,
            "locality": loc, "unit": unit_name, "title": title,
            "score": round(score, 4) if score is not None else None,
            "snippet": snippet(text or "", parsed, marks),
        })
    return out
