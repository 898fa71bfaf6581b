"""Regions: where a document belongs — locality → county (powiat) → voivodeship, and its police
unit → the unit's parent (komisariat/posterunek → the county's KMP/KPP → the voivodeship's KWP).

Reference data (written from public facts, in ``rules/``):

* ``rules/gazetteer/towns.tsv``      towns with their powiat and voivodeship (shared with the NLP stage)
* ``rules/regions/counties.tsv``     the 380 counties: 314 land counties and 66 cities with powiat
  rights, each with its seat (nominative and locative), voivodeship, the KMP/KPP that serves it and
  the HQ above that (the KWP, or the Komenda Stołeczna Policji around Warsaw)
* ``rules/regions/voivodeships.tsv`` the 16 voivodeships and their KWP
* ``rules/regions/places.tsv``       a few villages (gmina seats) with their county

``region_of(locality, unit_name)`` gives a dict::

    {"locality": "Wydminy", "powiat": "giżycki", "voivodeship": "warmińsko-mazurskie",
     "unit": "Komenda Powiatowa Policji w Giżycku",
     "unit_parent": "Komenda Wojewódzka Policji w Olsztynie",
     "unit_voivodeship_hq": "Komenda Wojewódzka Policji w Olsztynie", ...}

A locality the gazetteer does not know (a village) takes its county from the town the unit names
("Komenda Powiatowa Policji w Łukowie" → powiat łukowski).  ``powiat`` is the county adjective
("łukowski") or, for a city with powiat rights, the city ("Lublin"), as ``towns.tsv`` writes it.

``annotate_regions(db)`` fills the ``regions`` table (one row per document) of a plany database;
``plany compare`` calls it (``refresh_regions``) before every comparison, so region filters work right
after an import.  In a schema-3 database only the documents queued by triggers since the last call
are recomputed, so a comparison over an unchanged database does no region work.  The same refresh
rewrites those documents' comparison summaries (schema 4, ``extractor.compare.sql.refresh_summaries``).
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from typing import NamedTuple

from extractor.resources import read_tsv, rules_path
from extractor.store.fold import fold

KGP = "Komenda Główna Policji"
KSP = "Komenda Stołeczna Policji"


class County(NamedTuple):
    powiat: str          # "łukowski" or, for a city with powiat rights, "Lublin"
    kind: str            # "powiat" | "city"
    seat: str
    seat_locative: str
    voivodeship: str
    police_hq: str       # "Komenda Powiatowa Policji w Łukowie"
    police_seat: str     # the HQ's town
    kwp: str             # the HQ above: KWP of the voivodeship, or the KSP

    @property
    def label(self) -> str:
        """"powiat łukowski", "m. Lublin"."""
        return f"m. {self.powiat}" if self.kind == "city" else f"powiat {self.powiat}"


class Voivodeship(NamedTuple):
    name: str
    capital: str
    kwp_seat: str
    kwp_seat_locative: str
    kwp: str


# ---- reference data -------------------------------------------------------------------------

def _key(s: str | None) -> str:
    s = re.sub(r"\s*-\s*", "-", (s or "").strip())
    return " ".join(fold(s).split())


@lru_cache(maxsize=1)
def counties() -> tuple[County, ...]:
    return tuple(County(*(r[c].strip() for c in County._fields)) for r in read_tsv("regions", "counties.tsv"))


@lru_cache(maxsize=1)
def voivodeships() -> tuple[Voivodeship, ...]:
    cols = ("voivodeship",) + Voivodeship._fields[1:]
    return tuple(Voivodeship(*(r[c].strip() for c in cols)) for r in read_tsv("regions", "voivodeships.tsv"))


@lru_cache(maxsize=1)
def _county_index() -> dict[tuple[str, str], County]:
    return {(c.powiat, c.voivodeship): c for c in counties()}


def county(powiat: str | None, voivodeship: str | None) -> County | None:
    """The county row for (powiat, voivodeship) as ``towns.tsv`` writes them."""
    if not powiat or not voivodeship:
        return None
    return _county_index().get((powiat, voivodeship))


def voivodeship(name: str | None) -> Voivodeship | None:
    if not name:
        return None
    k = _key(re.sub(r"^(?:województwo|woj\.)\s*", "", name.strip(), flags=re.IGNORECASE))
    for v in voivodeships():
        if _key(v.name) == k:
            return v
    return None


@lru_cache(maxsize=1)
def _town_index() -> dict[str, County]:
    """Folded town (nominative or locative) -> the county it is the seat of, or whose police HQ sits there.
    A city with powiat rights wins over the land county seated in it (Lublin -> m. Lublin)."""
    out: dict[str, County] = {}
    for c in sorted(counties(), key=lambda c: c.kind != "city"):
        for name in (c.seat, c.seat_locative, c.police_seat):
            if name:
                out.setdefault(_key(name), c)
    return out


@lru_cache(maxsize=1)
def _locatives() -> dict[str, str]:
    """Folded locative -> nominative, for every county seat and voivodeship police seat."""
    out = {}
    for c in counties():
        if c.seat_locative:
            out.setdefault(_key(c.seat_locative), c.seat)
    for v in voivodeships():
        out.setdefault(_key(v.kwp_seat_locative), v.kwp_seat)
    # towns that seat a police HQ but no county ("w Starych Babicach")
    for c in counties():
        m = re.search(r"\s(?:w|we)\s+(.+)$", c.police_hq)
        if m:
            out.setdefault(_key(m.group(1)), c.police_seat)
    return out


def data_version() -> str:
    """A hash of the reference data, stored with each regions row so that new data recomputes it; it
    covers the threat rules too (the comparison summaries assign targets to threat categories)."""
    h = hashlib.sha1()
    parts_list = [("regions", "counties.tsv"), ("regions", "voivodeships.tsv"), ("regions", "places.tsv"),
                  ("gazetteer", "towns.tsv"), ("threat_categories.tsv",)]
    try:
        parts_list += [("threats", p.name) for p in sorted(rules_path("threats").iterdir()) if p.is_file()]
    except OSError:
        pass
    for parts in parts_list:
        try:
            h.update(rules_path(*parts).read_bytes())
        except OSError:
            pass
    return h.hexdigest()[:12]


# ---- towns ----------------------------------------------------------------------------------

def _gazetteer(name: str):
    try:
        from extractor.nlp.gazetteer import town_info
    except Exception:  # pragma: no cover - the gazetteer is part of the package
        return None
    return town_info(name)


@lru_cache(maxsize=20_000)
def town_nominative(phrase: str | None) -> str | None:
    """The nominative of a town as written after "w" ("Łukowie" -> "Łuków"); known seats first,
    then the gazetteer, then Morfeusz (``place_nominative``)."""
    if not phrase or not phrase.strip():
        return None
    phrase = " ".join(phrase.split())
    k = _key(phrase)
    loc = _locatives().get(k)
    if loc:
        return loc
    g = _gazetteer(phrase)
    if g:
        return g.name
    if k in _town_index():
        c = _town_index()[k]
        return c.seat if _key(c.seat) == k else c.police_seat
    try:
        from extractor.nlp.morph import place_nominative

        nom = place_nominative(phrase)
    except Exception:
        nom = phrase
    g = _gazetteer(nom)
    return g.name if g else nom


def county_of_town(town: str | None) -> County | None:
    """The county a town (nominative) lies in: the gazetteer, then the county seats."""
    if not town:
        return None
    g = _gazetteer(town)
    if g and g.powiat and g.voivodeship:
        c = county(g.powiat, g.voivodeship)
        if c:
            return c
    c = _town_index().get(_key(town))
    if c:
        return c
    p = _places().get(_key(town))
    return county(*p) if p else None


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[str, str]]:
    """Villages and gmina seats of ``rules/regions/places.tsv``: folded name -> (powiat, voivodeship)."""
    try:
        rows = read_tsv("regions", "places.tsv")
    except OSError:
        return {}
    return {_key(r["name"]): (r["powiat"].strip(), r["voivodeship"].strip()) for r in rows}


# ---- units ----------------------------------------------------------------------------------

_CAP = r"[A-ZĄĆĘŁŃÓŚŹŻ]"
_UNIT_RE = re.compile(
    r"(?P<head>"
    r"Komend\w*\s+(?P<level>Powiatow|Miejsk|Wojewódzk|Stołeczn|Główn|Rejonow)\w*\s+Policji(?:\s+Warszawa\s+[IVX]+)?"
    r"|Komisariat\w*\s+(?:Specjalistyczn\w+\s+|Kolejow\w+\s+|Wodn\w+\s+|Autostradow\w+\s+)?Policji"
    r"(?:\s+(?:nr\s*)?(?:\d+|[IVX]+)\b)?(?:\s+(?:Warszawa|Kraków|Łódź|Wrocław|Poznań)[\w-]*)?"
    r"|Posterun\w*\s+Policji|Rewir\w*\s+Dzielnicowych|Ogniw\w*\s+Prewencji"
    r"|Stra\w+\s+Miejsk\w+|Stra\w+\s+Gminn\w+|Urz\w+\s+(?:Miasta|Miejsk\w*|Gminy)(?:\s+i\s+Gminy)?)"
    r"(?:\s+(?:z\s+siedzibą\s+)?(?:w|we)\b)?\s*(?P<town>.*)$",
    re.IGNORECASE | re.DOTALL)

_CONNECT = {"nad", "pod", "n.", "k.", "koło"}


def _town_words(rest: str) -> str | None:
    """The town at the start of what follows a unit's head ("Łukowie, ul. ..." -> "Łukowie")."""
    rest = re.split(r"[,;:()\[\]\n–—/]|\s-\s", rest, maxsplit=1)[0]
    out: list[str] = []
    ws = rest.split()
    i = 0
    while i < len(ws):
        w = ws[i].strip(".")
        if w[:1].isupper() and not w.isupper() or (w.isupper() and len(w) > 3 and not out):
            out.append(ws[i].rstrip(".,"))
        elif w.lower() in _CONNECT and out and i + 1 < len(ws) and ws[i + 1][:1].isupper():
            out.append(ws[i])
        else:
            break
        i += 1
    return " ".join(out) or None


class UnitInfo(NamedTuple):
    name: str
    level: str           # kgp, kwp, ksp, kmp, kpp, krp, station, municipal, other
    town: str | None     # nominative


def parse_unit(unit_name: str | None) -> UnitInfo | None:
    """The level and town of a unit name ("Komisariat Policji w Wolbromiu" -> station, Wolbrom)."""
    if not unit_name or not str(unit_name).strip():
        return None
    name = " ".join(str(unit_name).split())
    try:
        from extractor.store.orgs import expand_acronyms

        expanded = expand_acronyms(name)
    except Exception:
        expanded = name
    # several units in one string: the first police unit, else the first one
    parts = [p.strip() for p in re.split(r"\s*[;,]\s*(?=[A-ZĄĆĘŁŃÓŚŹŻ])", expanded) if p.strip()]
    chosen = next((p for p in parts if re.search(r"Policji|Posterun|Komisariat|Rewir", p, re.IGNORECASE)),
                  parts[0] if parts else expanded)
    m = _UNIT_RE.search(chosen)
    if not m:
        m2 = re.search(r"\s(?:w|we)\s+(" + _CAP + r".*)$", chosen)
        town = town_nominative(_town_words(m2.group(1))) if m2 else None
        return UnitInfo(name, "other", town)
    head = m.group("head").lower()
    level_word = (m.group("level") or "").lower()
    if head.startswith("komend"):
        level = {"powiatow": "kpp", "miejsk": "kmp", "wojewódzk": "kwp", "stołeczn": "ksp", "główn": "kgp",
                 "rejonow": "krp"}[level_word]
    elif head.startswith(("komisariat", "posterun", "rewir", "ogniw")):
        level = "station"
    else:
        level = "municipal"
    town = town_nominative(_town_words(m.group("town") or ""))
    if town is None:
        if level in ("ksp", "krp"):
            town = "Warszawa"
        else:
            num = re.search(r"\b(Warszawa|Kraków|Łódź|Wrocław|Poznań)", m.group("head"))
            town = num.group(1) if num else None
    return UnitInfo(name, level, town)


# ---- the API --------------------------------------------------------------------------------

def _first(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return next((str(x) for x in v if x), None)
    s = str(v).strip()
    if s.startswith("["):
        try:
            return _first(json.loads(s))
        except ValueError:
            pass
    return s or None


def _pretty_town(name: str) -> str:
    """"POŚWIĘTNE" -> "Poświętne" (an all-caps locality as a register writes it)."""
    if name.isupper() and len(name) > 3:
        return "-".join(" ".join(w.capitalize() for w in part.split()) for part in name.split("-"))
    return name


def region_of(locality: str | None, unit_name: str | None) -> dict:
    """The region path of a document from its locality and its unit's name.

    Keys: ``locality``, ``powiat``, ``voivodeship``, ``unit``, ``unit_parent``, ``unit_voivodeship_hq``,
    and ``county_kind`` (powiat | city), ``county_label`` ("powiat łukowski", "m. Lublin"),
    ``unit_level`` (kpp, kmp, kwp, ksp, kgp, krp, station, municipal, other), ``unit_town``,
    ``source`` (where the county came from: locality | unit | None).  Unknown values are None.
    """
    loc = _first(locality)
    loc = _pretty_town(" ".join(loc.split())) if loc else None
    u = parse_unit(_first(unit_name) if not isinstance(unit_name, str) else unit_name)
    loc_county = county_of_town(loc) if loc else None
    unit_county = county_of_town(u.town) if u and u.town else None
    c, source = (loc_county, "locality") if loc_county else ((unit_county, "unit") if unit_county else (None, None))
    g = _gazetteer(loc) if loc else None
    if g and not c:  # a gazetteer town whose county row is missing
        powiat, voiv = g.powiat or None, g.voivodeship or None
    else:
        powiat, voiv = (c.powiat, c.voivodeship) if c else (None, None)

    parent = None
    if u:
        if u.level in ("kwp", "ksp"):
            parent = KGP
        elif u.level in ("kpp", "kmp"):
            hq_county = unit_county or c
            parent = hq_county.kwp if hq_county else None
            if u.level == "kmp" and u.town and _key(u.town) == _key("Warszawa"):
                parent = KSP
        elif u.level == "krp":
            parent = KSP
        elif u.level == "station":
            sc = unit_county or c
            if sc:
                parent = sc.police_hq
                if _key(parent) == _key(u.name):
                    parent = sc.kwp
    hq_c = unit_county if (u and u.level not in ("municipal", "other") and unit_county) else c
    vhq = hq_c.kwp if hq_c else None
    if vhq is None and voiv:
        v = voivodeship(voiv)
        vhq = v.kwp if v else None
    if u and u.level == "kgp":
        vhq = None
    return {
        "locality": loc,
        "powiat": powiat,
        "voivodeship": voiv,
        "unit": u.name if u else None,
        "unit_parent": parent,
        "unit_voivodeship_hq": vhq,
        "county_kind": c.kind if c else None,
        "county_label": c.label if c else (f"powiat {powiat}" if powiat else None),
        "unit_level": u.level if u else None,
        "unit_town": u.town if u else None,
        "source": source,
    }


# ---- the store ------------------------------------------------------------------------------

REGIONS_DDL = """
CREATE TABLE IF NOT EXISTS regions (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    locality TEXT,
    powiat TEXT,
    voivodeship TEXT,
    unit TEXT,
    unit_parent TEXT,
    unit_voivodeship_hq TEXT,
    county_kind TEXT,
    unit_level TEXT,
    unit_town TEXT,
    key TEXT
)"""
REGIONS_INDEX = "CREATE INDEX IF NOT EXISTS idx_regions_voivodeship ON regions(voivodeship, powiat)"
_COLUMNS = ("locality", "powiat", "voivodeship", "unit", "unit_parent", "unit_voivodeship_hq", "county_kind",
            "unit_level", "unit_town")


def _row_key(locality, unit, version: str) -> str:
    return hashlib.sha1(json.dumps([locality, unit, version], ensure_ascii=False).encode()).hexdigest()[:16]


def annotate_regions(db) -> dict[int, dict]:
    """Fill the ``regions`` table for every document of a plany database (creating it when absent;
    rows whose document's locality/unit or the reference data changed are recomputed) and return
    ``{document_id: region}``.  A database that cannot be written (read-only file) still gets its
    regions computed and returned, just not stored."""
    conn = db.conn if hasattr(db, "conn") else db
    computed = refresh_regions(db)
    if computed is not None:
        return computed
    return {row[0]: dict(zip(_COLUMNS, row[1:]))
            for row in conn.execute(f"SELECT document_id, {', '.join(_COLUMNS)} FROM regions")}


_QUEUE = "documents_fts_queue"
_META = "documents_fts_meta"


def refresh_regions(db) -> dict[int, dict] | None:
    """Bring the ``regions`` table up to date, cheaply when little changed: in a database of
    schema 3 the documents inserted, changed or deleted since the last call are queued by triggers
    (``documents_fts_queue``) and only they are recomputed; all rows are recomputed when the
    reference data changed (its hash is kept in ``documents_fts_meta``) or the table is missing.
    Returns None when the table was brought up to date, else (a read-only database) the computed
    ``{document_id: region}`` of every document."""
    import sqlite3

    from extractor.store.schema import transaction

    conn = db.conn if hasattr(db, "conn") else db
    version = data_version()
    have_queue = _has(conn, _QUEUE) and _has(conn, _META)
    try:
        table_ok = _table_ok(conn)
        if have_queue and table_ok:
            row = conn.execute(f"SELECT value FROM {_META} WHERE key = 'regions_version'").fetchone()
            if row and row[0] == version:
                queued = [r[0] for r in conn.execute(f"SELECT document_id FROM {_QUEUE}")]
                if not queued:
                    if not _has_index(conn):
                        try:
                            with _tx(db, transaction):
                                conn.execute(REGIONS_INDEX)
                        except sqlite3.OperationalError:
                            pass  # read-only: the region filter scans the table
                    return None
                with _tx(db, transaction):
                    _recompute(conn, queued, version)
                    conn.executemany(f"DELETE FROM {_QUEUE} WHERE document_id = ?", [(i,) for i in queued])
                return None
        with _tx(db, transaction):
            if not table_ok:
                conn.execute("DROP TABLE IF EXISTS regions")
                conn.execute(REGIONS_DDL)
            conn.execute(REGIONS_INDEX)
            _full(conn, version)
            if have_queue:
                conn.execute(f"DELETE FROM {_QUEUE}")
                conn.execute(f"INSERT OR REPLACE INTO {_META} (key, value) VALUES ('regions_version', ?)",
                             (version,))
        return None
    except sqlite3.OperationalError:
        # read-only: compute without storing
        out = {}
        for doc_id, locality, unit in conn.execute("SELECT id, locality, unit FROM documents"):
            r = region_of(locality, unit)
            out[doc_id] = {c: r.get(c) for c in _COLUMNS}
        return out


def _has_index(conn) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'idx_regions_voivodeship'"
                        ).fetchone() is not None


def _has(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def _recompute(conn, ids: list[int], version: str) -> None:
    """Recompute (or delete) the regions rows of these documents."""
    rows, gone = [], []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        found = {d: (loc, u) for d, loc, u in conn.execute(
            f"SELECT id, locality, unit FROM documents WHERE id IN ({', '.join('?' * len(chunk))})", chunk)}
        for d in chunk:
            if d not in found:
                gone.append((d,))
                continue
            loc, u = found[d]
            r = region_of(loc, u)
            rows.append((d, _row_key(loc, u, version), *(r.get(c) for c in _COLUMNS)))
    _write(conn, rows)
    conn.executemany("DELETE FROM regions WHERE document_id = ?", gone)
    _groups(conn, ids)


def _write(conn, rows) -> None:
    conn.executemany(f"INSERT OR REPLACE INTO regions (document_id, key, {', '.join(_COLUMNS)}) "
                     f"VALUES ({', '.join('?' * (len(_COLUMNS) + 2))})", rows)


def _full(conn, version: str) -> None:
    """Check every row's key (locality, unit, reference data) and recompute the stale ones."""
    have = {d: k for d, k in conn.execute("SELECT document_id, key FROM regions")}
    todo, seen = [], set()
    for doc_id, locality, unit in conn.execute("SELECT id, locality, unit FROM documents").fetchall():
        seen.add(doc_id)
        k = _row_key(locality, unit, version)
        if have.get(doc_id) == k:
            continue
        r = region_of(locality, unit)
        todo.append((doc_id, k, *(r.get(c) for c in _COLUMNS)))
    _write(conn, todo)
    conn.executemany("DELETE FROM regions WHERE document_id = ?", [(d,) for d in set(have) - seen])
    _groups(conn, None)


_GROUPS = "documents_fts_groups"


def _groups(conn, ids: list[int] | None) -> None:
    """Rewrite the comparison summaries (``documents_fts_groups``/``_keys``/``_agg``, schema 4) of
    these documents (None: all) from ``documents``, ``regions`` and the lists; nothing without them."""
    if not all(_has(conn, t) for t in (_GROUPS, "documents_fts_keys", "documents_fts_agg")):
        return
    from extractor.compare.sql import refresh_summaries

    refresh_summaries(conn, ids)


def _tx(db, transaction):
    return transaction(db) if hasattr(db, "conn") else _ConnTx(db)


class _ConnTx:
    """``transaction`` for a bare sqlite3 connection."""

    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("SAVEPOINT plany_regions")

    def __exit__(self, exc_type, exc, tb):
        if exc_type:
            self.conn.execute("ROLLBACK TO SAVEPOINT plany_regions")
        self.conn.execute("RELEASE SAVEPOINT plany_regions")
        return False


def _table_ok(conn) -> bool:
    cols = {r[1] for r in conn.execute("PRAGMA table_info(regions)")}
    return bool(cols) and {"document_id", "key", *_COLUMNS} <= cols


# ---- region filters -------------------------------------------------------------------------

_ENDINGS = ("iego", "ego", "iej", "ej", "iemu", "emu", "im", "ich", "ie", "i", "y", "e", "a")


def _stem(word: str) -> str:
    w = fold(word)
    for e in _ENDINGS:
        if w.endswith(e) and len(w) - len(e) >= 4:
            return w[: -len(e)]
    return w


def _stems(phrase: str) -> str:
    return " ".join(_stem(w) for w in re.split(r"\s+", phrase.strip()) if w)


_V_PREFIX = re.compile(r"^(?:województw\w*|wojewodztw\w*|woj\.?)\s+", re.IGNORECASE)
_P_PREFIX = re.compile(r"^(?:powiat\w*|powiecie|pow\.?)\s+(?:(?:grodzk\w*|ziemsk\w*)\s+)?", re.IGNORECASE)
_C_PREFIX = re.compile(r"^(?:miasto|miasta|m\.\s*st\.|m\.)\s+", re.IGNORECASE)


class RegionQuery(NamedTuple):
    text: str
    voivodeships: frozenset          # names
    counties: frozenset              # (powiat, voivodeship)

    def matches(self, region: dict | None) -> bool:
        if not region:
            return False
        if region.get("voivodeship") in self.voivodeships:
            return True
        return (region.get("powiat"), region.get("voivodeship")) in self.counties


def parse_region(query: str) -> RegionQuery:
    """A voivodeship or county the user typed ("lubelskie", "województwo lubelskie",
    "powiat łukowski", "powiatu łukowskiego", "m. Lublin", "powiat średzki (wielkopolskie)"),
    matched folded and in any case form.  Raises ValueError for a name that is neither."""
    text = " ".join((query or "").split())
    if not text:
        raise ValueError("empty region")
    q = text
    within = None
    m = re.match(r"^(.*?)\s*(?:\(([^)]+)\)|,\s*(.+))$", q)
    if m:
        v = voivodeship(m.group(2) or m.group(3))
        if v:
            q, within = m.group(1), v.name
    level = None
    for lv, rx in (("v", _V_PREFIX), ("p", _P_PREFIX), ("c", _C_PREFIX)):
        mm = rx.match(q)
        if mm:
            level, q = lv, q[mm.end():]
            break
    fq, sq = _key(q), _stems(q)
    vs = [v for v in voivodeships() if level in (None, "v") and (within is None or v.name == within)]
    cs = [c for c in counties() if level in (None, "p", "c") and (within is None or c.voivodeship == within)
          and (level != "c" or c.kind == "city")]
    v_exact = {v.name for v in vs if _key(v.name) == fq}
    c_exact = {(c.powiat, c.voivodeship) for c in cs if _key(c.powiat) == fq}
    if not c_exact and level in (None, "p", "c"):
        # a city typed in another case ("Lublinie") or a land county named by its seat ("powiat Łuków")
        town = town_nominative(q) if q[:1].isupper() else None
        if town:
            c_exact = {(c.powiat, c.voivodeship) for c in cs if c.kind == "city" and _key(c.powiat) == _key(town)}
            if not c_exact and level == "p":
                c_exact = {(c.powiat, c.voivodeship) for c in cs if _key(c.seat) == _key(town)}
    if v_exact or c_exact:
        if v_exact and level is None:
            c_exact = set()
        return RegionQuery(text, frozenset(v_exact), frozenset(c_exact))
    v_stem = {v.name for v in vs if _stems(v.name) == sq}
    c_stem = {(c.powiat, c.voivodeship) for c in cs if c.kind == "powiat" and _stems(c.powiat) == sq}
    if v_stem and level is None:
        c_stem = set()
    if not v_stem and not c_stem:
        raise ValueError(f"unknown region {text!r} (a voivodeship such as 'lubelskie' or a county such as "
                         f"'powiat łukowski')")
    return RegionQuery(text, frozenset(v_stem), frozenset(c_stem))
