"""Fuzz: random and mutated texts through ``extractor.pipeline.extract_text``.

Lines of the corpus sources (``corpus/src/*.txt``) are mutated (characters deleted, inserted,
duplicated; lines swapped; control characters, random Unicode, Polish letters, digits, dates,
hours and percent signs injected).  For every text: no exception, the record validates against
the schema, and every item's ``text`` is ``record["text"][start:end]``.

Bounded for CI (derandomised, ``max_examples`` 150, no example database).  To fuzz harder:
``PLANY_FUZZ_EXAMPLES=2000 PLANY_FUZZ_RANDOM=1 pytest tests/test_fuzz.py``.

Crashes found in the field extractors are kept below as ``xfail`` tests with their minimal
reproducing input (the extractors belong to other modules; the test documents the bug until fixed).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.pipeline import extract_text
from extractor.schema import iter_errors

SRC = Path(__file__).resolve().parents[1] / "corpus" / "src"
LINES = [ln for p in sorted(SRC.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
EXAMPLES = int(os.environ.get("PLANY_FUZZ_EXAMPLES", "150"))
RANDOM = os.environ.get("PLANY_FUZZ_RANDOM", "") not in ("", "0")

FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much], print_blob=True)

POLISH = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
CONTROL = [chr(c) for c in range(0, 32)] + ["\x7f", "\x85", "\x9f", "\u00ad", "\u200b", "\u200e", "\u2028",
                                             "\u2029", "\ufeff", "\ufffd", "\u0301", "\u0328", "\u0307"]
TOKENS = ["12.05.2024", "2024-13-45", "31 lutego 2023 r.", "godz. 25:70", "18-22", "od 18:00 do 6:00", "99%",
          "o 150 %", "%", "do 30 czerwca", "I kw. 2024", "IV kwartał 2023 r.", "01.01.0000", "0", "000000000000",
          "99999999999999999999", "1e309", "-5", "½", "²", "٣", "１２", "ul.", "nr", "os.", "pl.", "al.", "ul. ",
          "r.", "w.", "i", "–", "—", "„", "”", "«", "•", "\t", "\n", "\n\n\n", "  ", ":", ";", "(", ")", "[", "/",
          "sierż.", "asp. szt.", "mł. insp.", "KPP", "KMP", "Straż Miejska", "Policji", "Plan działania",
          "Zagrożenie:", "Cel:", "Termin:", "Działania:", "co tydzień", "w każdy piątek", "codziennie",
          "2x w miesiącu", "do końca roku", "w okresie 01.03.2024 - 31.08.2024", "Łódź", "Kraków"]


@st.composite
def base_text(draw) -> str:
    start = draw(st.integers(0, len(LINES) - 1))
    n = draw(st.integers(1, 30))
    return "\n".join(LINES[start:start + n])


@st.composite
def mutated(draw) -> str:
    text = draw(base_text())
    for _ in range(draw(st.integers(0, 16))):
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "swap_lines", "control", "unicode",
                                   "polish", "token", "digits"]))
        pos = draw(st.integers(0, len(text)))
        if op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 30)):]
        elif op == "duplicate":
            end = min(len(text), pos + draw(st.integers(1, 60)))
            text = text[:end] + text[pos:end] * draw(st.integers(1, 4)) + text[end:]
        elif op == "swap_lines":
            lines = text.split("\n")
            if len(lines) > 1:
                i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:
            if op == "insert":
                piece = draw(st.text(alphabet=st.sampled_from(" .,:-/%\n\t" + POLISH + "abcdefz0123456789"),
                                     max_size=12))
            elif op == "control":
                piece = "".join(draw(st.lists(st.sampled_from(CONTROL), min_size=1, max_size=4)))
            elif op == "unicode":
                piece = draw(st.text(min_size=1, max_size=6))
            elif op == "polish":
                piece = draw(st.text(alphabet=st.sampled_from(POLISH), min_size=1, max_size=5))
            elif op == "token":
                piece = draw(st.sampled_from(TOKENS))
            else:
                piece = draw(st.from_regex(r"\d{1,4}([.:/-]\d{1,4}){0,2} ?%?", fullmatch=True))
            text = text[:pos] + piece + text[pos:]
    return text


SWALLOWED = re.compile(r"^\w+: \w*(Error|Exception|Exit|Interrupt)\b")


def _spans(obj, path="record"):
    """Every dict with text/start/end (an item with its evidence), anywhere in the record."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) and isinstance(obj.get("text"), str):
            yield path, obj
        for k, v in obj.items():
            if k != "source":
                yield from _spans(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _spans(v, f"{path}[{i}]")


# Schema errors of bugs already reported (each has a strict xfail repro in KNOWN_CRASHES below, which
# turns into a failure once the bug is fixed: then delete the pattern here and the repro there).
KNOWN_SCHEMA_BUGS: list = []


def check(text: str, known_ok: bool = True) -> dict:
    rec = extract_text(text, path="fuzz.txt", model="auto")
    errors = iter_errors(rec)
    if known_ok:
        errors = [e for e in errors if not any(p.search(e) for p in KNOWN_SCHEMA_BUGS)]
    assert not errors, errors
    body = rec["text"]
    for where, item in _spans(rec):
        if where.startswith("record.sections"):
            continue
        assert 0 <= item["start"] <= item["end"] <= len(body), (where, item)
        assert body[item["start"]:item["end"]] == item["text"], (where, item)
    for s in rec["sections"]:
        assert 0 <= s["start"] <= s["end"] <= len(body), s
    # extractors that catch their own crashes leave "field: SomeError: ..." warnings: a crash all the same
    crashes = [w for w in rec.get("warnings", []) if SWALLOWED.match(w)]
    assert not crashes, crashes
    return rec


@FUZZ
@given(mutated())
def test_mutated_corpus_text(text):
    check(text)


@settings(FUZZ, max_examples=max(10, EXAMPLES // 5))
@given(st.text(max_size=300))
def test_random_unicode(text):
    check(text)


@settings(FUZZ, max_examples=max(10, EXAMPLES // 5))
@given(st.lists(st.sampled_from(TOKENS + [" ", "\n"] + list(POLISH)), max_size=40).map("".join))
def test_token_soup(text):
    check(text)


# ------------------------------------------------------------------------------- ingest: mutated files

DOCS = Path(__file__).resolve().parents[1] / "corpus" / "docs"
FILES = {p.name: p.read_bytes() for p in sorted(DOCS.iterdir()) if p.suffix in (".html", ".docx", ".odt", ".pdf",
                                                                                  ".rtf", ".txt")}


@st.composite
def mutated_file(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(FILES)))
    data = bytearray(FILES[name])
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "truncate", "insert", "duplicate", "delete", "zero"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] ^= draw(st.integers(1, 255))
        elif op == "truncate":
            del data[pos:]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        elif op == "duplicate":
            data[pos:pos] = data[pos:pos + draw(st.integers(1, 512))]
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 64))]
        else:
            data[pos:pos + 8] = bytes(min(8, len(data) - pos))
    return name, bytes(data)


def _check_loaded(item) -> None:
    import unicodedata

    text, offs, raw = item.text, item.offsets, item.raw_text
    assert text.strip() and len(offs) == len(text) + 1 and offs[-1] == len(raw)
    assert all(a <= b for a, b in zip(offs, offs[1:])), "offsets go back"
    assert unicodedata.is_normalized("NFC", text)
    assert not any(c < " " and c not in "\n\t" for c in text)


@settings(FUZZ, max_examples=max(20, EXAMPLES // 2))
@given(mutated_file())
def test_mutated_files_through_ingest(case):
    """Damaged documents of every format: a Loaded with a sound character map, or an IngestError."""
    from extractor.ingest import IngestError, Loaded, load_bytes

    name, data = case
    try:
        item = load_bytes(data, name)
    except IngestError as e:
        assert "\n" not in str(e) and str(e).startswith(name + ": ")
        assert "cannot read (" not in str(e) or "Error" not in str(e), f"reader crash: {e}"
        return
    assert isinstance(item, Loaded)
    _check_loaded(item)


# ------------------------------------------------------------------------------- found crashes
# Minimal inputs the fuzzer found; each xfail documents a bug in a module owned elsewhere.

KNOWN_CRASHES = [
    # fixed: kept as regression cases (they failed before the fix)
    pytest.param("Plan działania \udcff priorytetowego", id="lone-surrogate"),
    pytest.param("Plan na okres od 01.03.2019 do 31.08.2019 roku\n3. Proponowane działania wraz z terminami "
                 "realizacji.\n1) spotkanie z uczniami przed wakacjami.", id="holiday-deadline"),
]


@pytest.mark.parametrize("text", KNOWN_CRASHES)
def test_known_crash(text):
    check(text, known_ok=False)
