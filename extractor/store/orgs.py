"""One canonical organisation per real body, across documents.

A partner name is split into a *core* ("Straż Miejska"), the *numbers* that tell
bodies of one kind apart ("Szkoła Podstawowa nr 4" -> {4}) and a *town*
("w Lublinie", "Miasta Lublin" -> Lublin).  Two names are the same body when

* their town keys intersect (``fold.place_keys``: "Lublinie" and "Lublin" share
  "lublin") or neither has a town,
* their numbers are equal, and
* ``rapidfuzz.fuzz.token_sort_ratio`` of the normalised cores (acronyms expanded,
  casefolded, punctuation stripped, every word lemmatised so the case a name was
  written in does not matter) is at least :data:`MATCH_THRESHOLD`.

The threshold (90) is chosen so that spelling and inflection variants merge
("Miejski Ośrodek Pomocy Społecznej" / "Miejskiego Ośrodka Pomocy Społecznej":
100 after lemmatising; a typo in a long name stays above 90) while bodies whose
names differ in one meaningful word stay apart ("Miejski Ośrodek Pomocy
Społecznej" vs "Gminny Ośrodek Pomocy Społecznej": 85; "Ośrodek Pomocy
Społecznej" vs "Miejski Ośrodek ...": 85; "Komenda Powiatowa Policji" vs
"Komenda Miejska Policji": 62).  ``tests/test_store.py`` pins these cases.
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from extractor.store.fold import fold, place_keys, word_lemma, words

MATCH_THRESHOLD = 90.0

# acronyms as they appear in partner lists (matched case-sensitively on the original)
ACRONYMS = {
    "SM": "Straż Miejska",
    "SG": "Straż Graniczna",
    "KPP": "Komenda Powiatowa Policji",
    "KMP": "Komenda Miejska Policji",
    "KWP": "Komenda Wojewódzka Policji",
    "KSP": "Komenda Stołeczna Policji",
    "KP": "Komisariat Policji",
    "PP": "Posterunek Policji",
    "MOPS": "Miejski Ośrodek Pomocy Społecznej",
    "MOPR": "Miejski Ośrodek Pomocy Rodzinie",
    "GOPS": "Gminny Ośrodek Pomocy Społecznej",
    "MGOPS": "Miejsko-Gminny Ośrodek Pomocy Społecznej",
    "OPS": "Ośrodek Pomocy Społecznej",
    "PCPR": "Powiatowe Centrum Pomocy Rodzinie",
    "SP": "Szkoła Podstawowa",
    "ZS": "Zespół Szkół",
    "LO": "Liceum Ogólnokształcące",
    "PSP": "Państwowa Straż Pożarna",
    "OSP": "Ochotnicza Straż Pożarna",
    "UM": "Urząd Miejski",
    "UG": "Urząd Gminy",
    "UMiG": "Urząd Miasta i Gminy",
    "MZK": "Miejski Zakład Komunikacji",
    "MPK": "Miejskie Przedsiębiorstwo Komunikacyjne",
    "ZDM": "Zarząd Dróg Miejskich",
    "SOK": "Straż Ochrony Kolei",
    "PKP": "Polskie Koleje Państwowe",
    "GKRPA": "Gminna Komisja Rozwiązywania Problemów Alkoholowych",
    "MKRPA": "Miejska Komisja Rozwiązywania Problemów Alkoholowych",
    "PCK": "Polski Czerwony Krzyż",
    "ZHP": "Związek Harcerstwa Polskiego",
    "PPP": "Poradnia Psychologiczno-Pedagogiczna",
    "PSSE": "Powiatowa Stacja Sanitarno-Epidemiologiczna",
    "ZGM": "Zakład Gospodarki Mieszkaniowej",
    "MZGM": "Miejski Zakład Gospodarki Mieszkaniowej",
    "TBS": "Towarzystwo Budownictwa Społecznego",
    "ŻW": "Żandarmeria Wojskowa",
    "ITD": "Inspekcja Transportu Drogowego",
    "WORD": "Wojewódzki Ośrodek Ruchu Drogowego",
    "GDDKiA": "Generalna Dyrekcja Dróg Krajowych i Autostrad",
}

# equivalent spellings of the same core, after normalisation
_CORE_SYNONYMS = {
    "urzad miasto": "urzad miejski",
    "policja": "komenda policja",
}

_ROMAN_RE = re.compile(r"^(?=[IVXLC]+$)C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_TOWN_PREP_RE = re.compile(r"\s+(?:w|we)\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ])(.+)$")
_TOWN_ADMIN_RE = re.compile(
    r"\s+(?:Miasta\s+i\s+Gminy|Miasta|Gminy|Powiatu|m\.\s*st\.|m\.|Urzędu\s+Miasta|Urzędu\s+Miejskiego\s+w)\s+"
    r"(?=[A-ZĄĆĘŁŃÓŚŹŻ])(.+)$")
_PATRON_RE = re.compile(r"\s+im\.?\s+.+$", re.IGNORECASE)
_NUMBER_WORDS = {"nr", "numer", "no"}


@dataclass(frozen=True)
class OrgKey:
    core: str                 # normalised name without town, numbers, patron
    numbers: frozenset        # "4", "2", roman numerals as digits
    town: str | None          # the town as written
    town_keys: frozenset      # fold.place_keys(town)


def _roman(tok: str) -> int | None:
    if tok and _ROMAN_RE.match(tok):
        vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
        total = 0
        for i, ch in enumerate(tok):
            v = vals[ch]
            total += -v if i + 1 < len(tok) and vals[tok[i + 1]] > v else v
        return total
    return None


def expand_acronyms(name: str) -> str:
    out = []
    for tok in re.split(r"(\s+)", name):
        bare = tok.strip(",;:()")
        out.append(tok.replace(bare, ACRONYMS[bare]) if bare in ACRONYMS else tok)
    return "".join(out)


def split_town(name: str) -> tuple[str, str | None]:
    """("Straż Miejska", "Lublinie") from "Straż Miejska w Lublinie"; the town stays as written."""
    name = " ".join(name.split())
    for rx in (_TOWN_ADMIN_RE, _TOWN_PREP_RE):
        m = rx.search(name)
        if m:
            rest = name[: m.start()].strip(" ,")
            # keep "Urząd Miasta Lublin" whole-ish: a one-word remainder is too generic to stand alone
            if len(words(rest)) >= 2 or rx is _TOWN_PREP_RE:
                return rest, m.group(1).strip(" ,.")
            town = m.group(1).strip(" ,.")
            return name[: m.start()] + " " + m.group(0).split()[0], town
    # a bare town at the end: "Straż Miejska Lublin", "MOPS Łuków"
    ws = name.split(" ")
    if len(ws) >= 3 and _is_town_word(ws[-1]):
        return " ".join(ws[:-1]), ws[-1]
    return name, None


def _is_town_word(w: str) -> bool:
    if not w[:1].isupper() or w.isupper():
        return False
    try:
        from extractor.nlp.morph import analyse
    except Exception:
        return False
    an = analyse(w)
    return any(a.pos == "subst" and "nazwa_geograficzna" in a.names for a in an)


@lru_cache(maxsize=50_000)
def _core_lemma(w: str) -> str:
    """The folded lemma of a word of a body's name, nouns and adjectives first
    ("osiedla" -> osiedle, not the verb osiedlać)."""
    try:
        from extractor.nlp.morph import analyse

        for pos in (("subst", "adj"), ("ger", "ppas", "pact")):
            for a in analyse(w):
                if a.pos in pos:
                    return fold(a.lemma)
    except Exception:
        pass
    return word_lemma(w)


@lru_cache(maxsize=50_000)
def org_key(name: str, default_town: str | None = None) -> OrgKey:
    """Split and normalise a partner name; ``default_town`` (the document's locality)
    is used when the name gives none."""
    name = expand_acronyms(" ".join(str(name).replace("„", " ").replace("”", " ").replace('"', " ").split()))
    rest, town = split_town(name)
    rest = _PATRON_RE.sub("", rest)
    numbers = set()
    core_words = []
    for w in words(rest):
        if w.isdigit():
            numbers.add(str(int(w)))
            continue
        r = _roman(w)
        if r is not None and w.isupper():
            numbers.add(str(r))
            continue
        if w.casefold() in _NUMBER_WORDS:
            continue
        # lemmatise the lower-cased word: names of bodies are common words with capitals
        core_words.append(_core_lemma(w.lower()) if not w.isupper() or len(w) > 5 else fold(w))
    core = " ".join(core_words)
    core = _CORE_SYNONYMS.get(core, core)
    if town is None and default_town:
        town = default_town
    return OrgKey(core, frozenset(numbers), town, place_keys(town) if town else frozenset())


def same_body(a: OrgKey, b: OrgKey) -> float:
    """The similarity score of two keys, 0 when they cannot be the same body."""
    if a.numbers != b.numbers:
        return 0.0
    if (a.town_keys or b.town_keys) and not (a.town_keys & b.town_keys):
        return 0.0
    if not a.core or not b.core:
        return 0.0
    return fuzz.token_sort_ratio(a.core, b.core)


# a body's kind is set once, by the first mention that knows it.  "AND kind IS NULL", not
# "SET kind = coalesce(kind, ?)": an UPDATE that names the column fires the kind triggers, which queue
# every document that mentions the body for a refresh, even when the kind stays the same
_SET_KIND = "UPDATE organisations SET kind = ? WHERE id = ? AND kind IS NULL"


def resolve(db, name: str, kind: str | None = None, default_town: str | None = None) -> int | None:
    """The id of the organisation ``name`` is, creating it when no known one matches.
    Runs inside the caller's transaction."""
    if not name or not str(name).strip():
        return None
    key = org_key(str(name), default_town)
    if not key.core:
        return None
    conn = db.conn
    best_id, best_score = None, 0.0
    numbers_text = " ".join(sorted(key.numbers))
    town_text = "|".join(sorted(key.town_keys))
    index = _index_of(db)
    exact = (key.core, numbers_text, town_text)
    oid = index.exact.get(exact)
    if oid is not None:
        # the body this key was resolved to with the highest score (100): no body added since (a higher id)
        # can come before it; it is still the answer while it is there with this key
        if conn.execute("SELECT 1 FROM organisations WHERE id = ? AND core = ? AND numbers = ? AND town_keys = ?",
                        (oid, *exact)).fetchone():
            if kind:
                conn.execute(_SET_KIND, (kind, oid))
            return oid
        del index.exact[exact]
    rows = index.candidates(conn, numbers_text, key.town_keys)
    for oid, core, numbers, town_keys in rows:
        other = OrgKey(core, frozenset(numbers.split()) if numbers else frozenset(), None,
                       frozenset(town_keys.split("|")) if town_keys else frozenset())
        s = same_body(key, other)
        if s > best_score:
            best_id, best_score = oid, s
    if best_id is not None and best_score >= MATCH_THRESHOLD:
        if best_score >= 100:
            index.exact[exact] = best_id
        if kind:
            conn.execute(_SET_KIND, (kind, best_id))
        return best_id
    cur = conn.execute(
        "INSERT INTO organisations (name, kind, core, numbers, town, town_keys) VALUES (?, ?, ?, ?, ?, ?)",
        (" ".join(str(name).split()), kind, key.core, numbers_text, key.town, town_text))
    index.add(cur.lastrowid, numbers_text, town_text)
    index.exact[exact] = cur.lastrowid   # no body before it reached the threshold for this key
    return cur.lastrowid


class _TownIndex:
    """Organisation ids by (numbers, town key) for one database handle: the only bodies a name can be the
    same as (equal numbers, and a shared town key or no town on either side), so resolving a name reads
    those rows instead of every body with its numbers.  The rows are read from the table each time, so a
    body deleted or rolled back since it was indexed is simply not found; bodies other connections added
    are indexed from the highest id seen."""

    def __init__(self):
        self.ids: dict[tuple[str, str], set[int]] = {}
        self.seen = 0
        # (core, numbers, town keys) -> the body a key of exactly these was resolved to with score 100
        self.exact: dict[tuple[str, str, str], int] = {}

    def add(self, oid: int, numbers: str, town_keys: str) -> None:
        for k in (town_keys.split("|") if town_keys else ("",)):
            self.ids.setdefault((numbers or "", k), set()).add(oid)
        self.seen = max(self.seen, oid)

    def catch_up(self, conn) -> None:
        top = conn.execute("SELECT max(id) FROM organisations").fetchone()[0] or 0
        if top > self.seen:
            for oid, numbers, town_keys in conn.execute(
                    "SELECT id, numbers, town_keys FROM organisations WHERE id > ?", (self.seen,)):
                self.add(oid, numbers, town_keys)
            self.seen = max(self.seen, top)

    def lookup(self, numbers: str, town_keys: frozenset) -> list[int]:
        out: set[int] = set()
        for k in (town_keys or ("",)):
            out |= self.ids.get((numbers, k), set())
        return sorted(out)

    def candidates(self, conn, numbers: str, town_keys: frozenset) -> list[tuple]:
        """(id, core, numbers, town_keys) of the bodies that may be the same as a name with ``numbers``
        and ``town_keys``, in id order."""
        self.catch_up(conn)
        ids = self.lookup(numbers, town_keys)
        rows: list[tuple] = []
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            rows += conn.execute("SELECT id, core, numbers, town_keys FROM organisations WHERE id IN "
                                 f"({', '.join('?' * len(part))}) AND numbers = ? ORDER BY id",
                                 (*part, numbers)).fetchall()
        return rows


# one index per open database (a closed one's goes with it)
_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _index_of(db) -> _TownIndex:
    got = _INDEXES.get(db)
    if got is None:
        got = _INDEXES[db] = _TownIndex()
    return got
