"""Gazetteer of Polish towns (``rules/gazetteer/towns.tsv``, the county seats and larger towns, and
``small_towns.tsv``, the other towns: name, powiat, voivodeship).

Used to disambiguate Morfeusz's geographic lemmas ("Łukowie" -> Łuków, not Łukowo) and by
the field extractors to tell a town from other capitalised words.

* ``is_town(name)``   True for a town in the gazetteer (nominative, case-insensitive)
* ``town_rank(name)`` 2 a county seat or larger town, 1 a smaller town, 0 unknown
* ``town_info(name)`` ``TownInfo(name, powiat, voivodeship)`` or None
* ``towns()``         all entries
* ``rivers()``        the rivers of ``rules/gazetteer/rivers.tsv`` (nominative)
* ``town_tail(word)`` whether a capitalised word after "nad" can end a town's name
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from extractor.resources import read_tsv


class TownInfo(NamedTuple):
    name: str
    powiat: str
    voivodeship: str


def _key(name: str) -> str:
    s = re.sub(r"\s*-\s*", "-", name.strip())
    s = re.sub(r"\s+", " ", s)
    return s.casefold()


@lru_cache(maxsize=1)
def _index() -> dict[str, TownInfo]:
    out: dict[str, TownInfo] = {}
    for file in _FILES:
        for row in read_tsv("gazetteer", file):
            info = TownInfo(row["name"].strip(), (row.get("powiat") or "").strip(),
                            (row.get("voivodeship") or "").strip())
            out.setdefault(_key(info.name), info)
    return out


# county seats, cities with powiat rights and larger towns first, then the smaller towns
_FILES = ("towns.tsv", "small_towns.tsv")


@lru_cache(maxsize=1)
def _larger() -> frozenset:
    return frozenset(_key(r["name"]) for r in read_tsv("gazetteer", _FILES[0]))


def town_rank(name: str) -> int:
    """2 for a county seat or larger town, 1 for a smaller town, 0 for a name the gazetteer does not know: where
    one form names two towns ("w Lipsku": Lipsko, Lipsk), the larger is meant more often."""
    if not name:
        return 0
    k = _key(name)
    return 2 if k in _larger() else 1 if k in _index() else 0


def towns() -> tuple[TownInfo, ...]:
    return tuple(_index().values())


@lru_cache(maxsize=1)
def rivers() -> frozenset:
    return frozenset(r["name"] for r in read_tsv("gazetteer", "rivers.tsv"))


@lru_cache(maxsize=1)
def _river_forms() -> dict:
    """Every inflected form of the one-word rivers, as Morfeusz generates them, -> the river ("Bobrze" -> Bóbr,
    a form its analyser reads only as another place's)."""
    from extractor.nlp import morph

    out: dict = {}
    for river in sorted(rivers()):
        if " " not in river:
            for form, _tag in morph.generate(river):
                out.setdefault(form, river)
    return out


def river_of_form(word: str) -> str | None:
    return _river_forms().get(word)


def river_forms() -> frozenset:
    return frozenset(_river_forms())


@lru_cache(maxsize=4096)
def town_tail(word: str) -> bool:
    """Whether ``word``, capitalised after "nad", can end a town's name: a river of the gazetteer ("Nowe Miasto
    nad Wartą") or a geographic name that is no common noun ("Nakło nad Notecią"), not a body of water
    named by its common noun ("w Serocku nad Jeziorem Zegrzyńskim": the town is Serock)."""
    from extractor.nlp import morph

    readings = morph.analyse(word)
    if any(a.lemma in _river_words() for a in readings):
        return True
    return any("nazwa_geograficzna" in a.names for a in readings) and \
        not any(a.pos == "subst" and "nazwa_pospolita" in a.names for a in readings)


@lru_cache(maxsize=1)
def _river_words() -> frozenset:
    """The rivers' names and their first words ("Nysa" of "Nysa Kłodzka")."""
    return frozenset(w for r in rivers() for w in (r, r.split()[0]))


def is_town(name: str) -> bool:
    return bool(name) and _key(name) in _index()


def town_info(name: str) -> TownInfo | None:
    """(name, powiat, voivodeship) of a town given in the nominative, or None."""
    if not name:
        return None
    return _index().get(_key(name))


@lru_cache(maxsize=1)
def _first_words() -> frozenset:
    return frozenset(_key(t.name).split(" ")[0] for t in _index().values())


def is_town_start(word: str) -> bool:
    """True when ``word`` (nominative) is a town or the first word of a multi-word town ("Piotrków")."""
    return bool(word) and _key(word) in _first_words()
