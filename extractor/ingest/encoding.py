"""Decode the bytes of a plain-text (or HTML) file into Polish text.

Candidates are decoded and scored by how Polish they look: Polish letters count for a candidate,
characters that appear only in mojibake (``Å¼``, ``Ä…``, ``¹``, ``¿``, ``³``, C1 controls, U+FFFD)
count against it.  cp1250 and ISO-8859-2 share most Polish letters but differ for ą Ą ś Ś ź Ź
(cp1250 B9 A5 9C 8C 9F 8F, ISO-8859-2 B1 A1 B6 A6 BC AC), so the wrong one of the two leaves
visible garbage (``±`` ``¶`` ``Ľ`` or C1 controls) and scores lower.

After decoding, mojibake is repaired: UTF-8 read as cp1250/cp1252/latin-1/ISO-8859-2 (with ftfy),
and single-byte Polish read in the wrong Western code page (``£odzi`` for ``Łodzi``: re-encode as
cp1252 or latin-1, decode as cp1250 or ISO-8859-2).  The returned label records what was done,
e.g. ``"utf-8 (repaired mojibake from cp1250)"``.
"""
from __future__ import annotations

import codecs
import re
from functools import lru_cache

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-* codecs)
from ftfy.badness import BADNESS_RE

from extractor.prefilter import Prefilter, branches

POLISH = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
# Characters that almost never occur in Polish text but are typical of a wrong decoding.
SUSPECT = set(
    "ÃÄÅĂĹĽÂ¹¿³œŸ¥£¦¶¼±¬ˇ˘˝¨¸˛´¤¢ş¯ªº\ufffd"
    "ŕăĺčďđňőřůűţ˙"  # letters that cp1250/ISO-8859-2 give for Western-European text bytes
) - POLISH
# the Latin letters above are legitimate in foreign names; weigh them lightly
_HEAVY = set("ÃÄÅĂĹĽ¹¿³œŸ¥£¦¶¼±¬ˇ˘˝¨¸˛´¤¢\ufffd")
# Polish letters no Western code page has: a text read in one of those cannot hold them
_NOT_WESTERN = set("ąćęłńśźżĄĆĘŁŃŚŹŻ")

_UTF16_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
               (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

_FTFY_NAMES = {
    "sloppy-windows-1250": "cp1250", "windows-1250": "cp1250",
    "sloppy-windows-1252": "cp1252", "windows-1252": "cp1252",
    "latin-1": "latin-1", "iso-8859-2": "iso-8859-2", "macroman": "mac-roman",
    "cp437": "cp437",
}

# single-byte re-readings tried for "Polish code page text read as a Western one"
_REREAD = (("cp1252", "cp1250"), ("latin-1", "iso-8859-2"), ("cp1252", "iso-8859-2"), ("latin-1", "cp1250"))


def _is_c1(ch: str) -> bool:
    return "\x80" <= ch <= "\x9f"


_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def _non_ascii(text: str) -> str:
    """The non-ASCII characters of a text (the scores look at nothing else; fast on long texts)."""
    return "" if text.isascii() else _ASCII_RUN.sub("", text)


def polish_score(text: str) -> float:
    """Higher is more Polish-looking: Polish letters minus weighted garbage."""
    pl = bad = 0.0
    for ch in _non_ascii(text):
        if ch in POLISH:
            pl += 1
        elif ch in _HEAVY or _is_c1(ch):
            bad += 3
        elif ch in SUSPECT:
            bad += 1
    return pl - bad


def _garbage(text: str) -> int:
    return sum(1 for ch in _non_ascii(text) if ch in _HEAVY or _is_c1(ch))


def _polish_count(text: str) -> int:
    return sum(1 for ch in _non_ascii(text) if ch in POLISH)


@lru_cache(maxsize=1)
def _badness_prefilter() -> Prefilter:
    return Prefilter(re.compile(b) for b in branches(BADNESS_RE.pattern, verbose=bool(BADNESS_RE.flags & re.VERBOSE)))


def may_look_bad(text: str) -> bool:
    """False only when ftfy's badness regex cannot match ``text`` (then ftfy would leave it as it is):
    one Hyperscan pass over the text with the regex's alternatives (:mod:`extractor.prefilter`), instead
    of the regex itself, which takes about half a millisecond on a 3 kB page."""
    pf = _badness_prefilter()
    if len(pf.ids) != len(pf.patterns):
        return True   # an alternative Hyperscan could not take: ftfy decides
    return pf.may_match(text)


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Undo a wrong decoding; returns (text, what was repaired or None).

    The description is a code page name ("cp1250": UTF-8 bytes that were read as cp1250) or
    "cp1250 text misread as cp1252".
    """
    best, source = text, None
    # 1. UTF-8 bytes read in a single-byte code page (ftfy)
    if not text.isascii() and may_look_bad(text):
        fixed = ftfy.fix_encoding_and_explain(text)
        if fixed.explanation and fixed.text != text:
            encs = [p for a, p in fixed.explanation if a == "encode"]
            if polish_score(fixed.text) > polish_score(text) and _garbage(fixed.text) <= _garbage(text):
                best = fixed.text
                source = _FTFY_NAMES.get(encs[0], encs[0]) if encs else "unknown"
    if source is not None:
        return best, source
    # 2. Polish single-byte text read in a Western code page: "£ódŸ" -> "Łódź"
    base_pl, base_bad = _polish_count(text), _garbage(text)
    if base_bad == 0:
        return text, None
    if sum(1 for ch in _non_ascii(text) if ch in _NOT_WESTERN) > 2 * base_bad:
        return text, None   # "art. 43¹" in a text full of ą, ę, ł: Polish read right, the odd sign is its own
    for wrong, right in _REREAD:
        cand = _reread(text, wrong, right)
        if _polish_count(cand) > base_pl and _garbage(cand) < base_bad and polish_score(cand) > polish_score(best):
            best, source = cand, f"{right} text misread as {wrong}"
    return best, source


def _reread(text: str, wrong: str, right: str) -> str:
    """Map each character back to its byte in ``wrong`` and read that byte in ``right``.

    Both are single-byte code pages, so this works character by character; characters that
    ``wrong`` cannot encode (already-correct Polish letters, U+FFFD) are kept.  C1 controls stand
    for the bytes cp1252 leaves undefined (that is how Windows and browsers pass them through).
    """
    out = []
    for ch in text:
        if ch < "\x80":
            out.append(ch)
            continue
        try:
            b = ch.encode(wrong)
        except UnicodeEncodeError:
            if _is_c1(ch):
                b = bytes([ord(ch)])
            else:
                out.append(ch)
                continue
        try:
            out.append(b.decode(right))
        except UnicodeDecodeError:
            out.append(ch)
    return "".join(out)


def _cp1250_fallback(err: UnicodeDecodeError):
    return err.object[err.start:err.end].decode("cp1250", errors="replace"), err.end


codecs.register_error("plany-cp1250-fallback", _cp1250_fallback)


_ESCAPED = re.compile("[\udc80-\udcff]")   # the bytes "surrogateescape" could not decode


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few stray single-byte characters (files pasted together): (text, bad bytes).

    One decoding pass: "surrogateescape" turns each byte that is not UTF-8 into one lone surrogate,
    which valid UTF-8 never yields (re-decoding the rest after each error took time quadratic in the
    size: 39 s for a 1 MB cp1250 file)."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    good_multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    if bad and good_multibyte >= 5 * bad:
        return data.decode("utf-8", errors="plany-cp1250-fallback"), bad
    return None


def _per_line(data: bytes) -> tuple[str, str] | None:
    """Files pasted together from UTF-8 and single-byte parts: each line decoded by itself.

    A line that is valid UTF-8 stays UTF-8 unless the single-byte reading looks more Polish
    (``Ół`` in cp1250 is valid UTF-8 too); the other lines are read in the code page (cp1250 or
    ISO-8859-2) that suits them best.  None unless some lines are clearly UTF-8 and some not."""
    lines = data.split(b"\n")
    bad = [ln for ln in lines if not _valid_utf8(ln)]
    if not bad:
        return None
    sample = b"\n".join(bad)
    enc = max(("cp1250", "iso-8859-2"), key=lambda e: polish_score(sample.decode(e, errors="replace")))
    out: list[str] = []
    utf8_lines = single_lines = 0
    for ln in lines:
        single = ln.decode(enc, errors="replace")
        if not ln.isascii() and _valid_utf8(ln):
            as_utf8 = ln.decode("utf-8")
            if polish_score(as_utf8) >= polish_score(single):
                out.append(as_utf8)
                utf8_lines += polish_score(as_utf8) > polish_score(single)
                continue
        if not ln.isascii():
            single_lines += 1
        out.append(single)
    if not utf8_lines or not single_lines:
        return None
    return "\n".join(out), f"utf-8 ({single_lines} line{'s' if single_lines > 1 else ''} in {enc})"


def _valid_utf8(b: bytes) -> bool:
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` for UTF-16 text without a byte order mark (NUL in every other
    byte of mostly-Latin text), else None."""
    sample = data[:8192]
    if len(sample) < 16:
        return None
    sample = sample[: len(sample) // 2 * 2]
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    z_even, z_odd = even.count(0), odd.count(0)
    if z_odd >= 0.6 * half and z_even <= 0.05 * half:
        enc = "utf-16-le"
    elif z_even >= 0.6 * half and z_odd <= 0.05 * half:
        enc = "utf-16-be"
    else:
        return None
    try:
        data[: len(data) // 2 * 2].decode(enc)
    except UnicodeDecodeError:
        return None
    return enc


def _candidates(data: bytes):
    try:
        yield "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        mixed = _mostly_utf8(data)
        if mixed:
            yield f"utf-8 ({mixed[1]} invalid byte{'s' if mixed[1] > 1 else ''} read as cp1250)", mixed[0]
        else:
            lines = _per_line(data)
            if lines:
                yield lines[1], lines[0]
    for enc in ("cp1250", "iso-8859-2", "cp1252"):
        yield enc, data.decode(enc, errors="replace")


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode text bytes; returns (text, encoding label).

    ``declared`` is a charset named by the document itself (an HTML meta tag); it is used when the
    bytes decode with it without errors and it does not score worse than the alternatives.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            text, label = data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:   # a UTF-8 file with pasted single-byte parts
            label, text = _first_utf8(data[3:])
        return _with_repair(text, label)
    for bom, enc in _UTF16_BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    enc16 = utf16_without_bom(data)
    if enc16:
        return data[: len(data) // 2 * 2].decode(enc16, errors="replace"), f"{enc16} (no BOM)"
    # the candidates are decoded when first needed: a declared UTF-8 that decodes, or valid UTF-8, needs none
    # of the single-byte readings
    more = _candidates(data)
    first = next(more)   # there are always the three single-byte readings
    if declared:
        enc = _codec_name(declared)
        if enc:
            try:
                text = data.decode(enc)
            except (UnicodeDecodeError, LookupError):
                pass
            else:
                if enc == "utf-8":
                    return _with_repair(text, enc)
                others = [first, *more]
                if polish_score(text) >= max(polish_score(c[1]) for c in others):
                    return _with_repair(text, enc)
                more = iter(others[1:])
    # valid UTF-8 with non-ASCII content is UTF-8 (random single-byte text is almost never valid UTF-8)
    if first[0].startswith("utf-8"):
        return _with_repair(first[1], first[0])
    cands = [first, *more]
    scored = [(polish_score(t), -i, enc, t) for i, (enc, t) in enumerate(cands)]
    score, _, enc, text = max(scored)
    if score <= 0 and _polish_count(text) == 0:
        # not Polish-looking in any Polish code page: ask charset-normalizer
        try:
            from charset_normalizer import from_bytes

            guess = from_bytes(data).best()
        except Exception:  # pragma: no cover - defensive
            guess = None
        if guess is not None and guess.encoding:
            alt = str(guess)
            if polish_score(alt) > score:
                return _with_repair(alt, _codec_name(guess.encoding) or guess.encoding)
    return _with_repair(text, enc)


def _first_utf8(data: bytes) -> tuple[str, str]:
    """(label, text) of a UTF-8-with-BOM file that does not decode: mixed parts, else replacement."""
    for label, text in _candidates(data):
        if label.startswith("utf-8"):
            return label.replace("utf-8", "utf-8-sig", 1), text
        break
    return "utf-8-sig (invalid bytes replaced)", data.decode("utf-8", errors="replace")


def _with_repair(text: str, label: str) -> tuple[str, str]:
    fixed, source = repair_mojibake(text)
    if source is None:
        return text, label
    if " as " in source:
        return fixed, f"{label} (repaired {source})"
    return fixed, f"{label} (repaired mojibake from {source})"


_ALIASES = {
    "utf8": "utf-8", "utf-8": "utf-8", "windows-1250": "cp1250", "cp1250": "cp1250", "x-cp1250": "cp1250",
    "iso-8859-2": "iso-8859-2", "iso8859-2": "iso-8859-2", "latin2": "iso-8859-2", "iso_8859-2": "iso-8859-2",
    "windows-1252": "cp1252", "cp1252": "cp1252", "iso-8859-1": "latin-1", "latin1": "latin-1",
    "latin-1": "latin-1", "us-ascii": "utf-8", "ascii": "utf-8", "utf_8": "utf-8", "iso8859_2": "iso-8859-2",
}


def _codec_name(name: str) -> str | None:
    n = name.strip().strip("\"'").lower()
    if n in _ALIASES:
        return _ALIASES[n]
    try:
        info = codecs.lookup(n)
    except LookupError:
        return None
    return {"utf_8": "utf-8", "cp1250": "cp1250", "iso8859_2": "iso-8859-2"}.get(info.name, info.name)


_META_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_RE = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)


def declared_html_charset(data: bytes) -> str | None:
    """The charset named in a <meta> tag or XML declaration within the first 4 KB."""
    head = data[:4096]
    m = _META_RE.search(head) or _XML_RE.search(head)
    return m.group(1).decode("ascii", "replace") if m else None
