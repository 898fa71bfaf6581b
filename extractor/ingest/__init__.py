"""Ingest: files, directories and ZIP archives in, decoded and normalised plain text out.

``load_paths(paths, **limits)`` yields one ``Loaded`` per document and one ``IngestError`` per file
that cannot be read; it never raises for a bad file.  Paths are expanded in a deterministic order:
a directory recursively (sorted; hidden files and directories skipped), a ``.zip`` archive member by
member in memory (reported as ``archive.zip/member.txt``; nested archives too).

Formats are recognised by magic bytes first, the extension second: txt, html, pdf, docx, odt, rtf,
doc (see ``detect.sniff``).  Limits (keyword options):

* ``max_bytes``          per file or archive member, default 50 MB;
* ``max_archive_bytes``  total uncompressed size of one archive, default 500 MB; checked against the
                         declared sizes before reading and counted while reading (zip bombs);
* ``max_pages``          pages of one PDF, default 500;
* ``max_chars``          characters of one document's text, default 1,000,000 (spaCy's ``max_length``):
                         a longer text is cut there (at a line end when one is near) and the
                         document gets a warning (``Loaded.warnings``) instead of failing.

Each limit not given (or given as ``None``) is read from the environment, then the default:
``PLANY_MAX_BYTES``, ``PLANY_MAX_ARCHIVE_BYTES``, ``PLANY_MAX_PAGES``, ``PLANY_MAX_CHARS``.  Sizes may
carry a unit: ``50MB``, ``500M``, ``2G``, ``64k`` (binary units; plain numbers are bytes).  A value that
cannot be read is reported once on stderr and the default is used.  ``effective_limits()`` returns
the limits in force.

OCR (``ocr=True``, or ``PLANY_OCR=1`` in the environment): PDF pages without a text layer are
rendered with ``pdftoppm`` (poppler-utils) and read with ``tesseract -l pol`` (tesseract-ocr,
tesseract-ocr-pol); image files (PNG, JPEG, TIFF) are read with tesseract.  Without OCR such a page
or image is reported as needing OCR.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from extractor.ingest.detect import FormatError, sniff
from extractor.ingest.normalize import Normalized, normalize_text

__all__ = ["IngestError", "Loaded", "load_paths", "load_bytes", "load_file", "normalize_text", "Normalized",
           "DEFAULT_LIMITS", "LIMIT_ENV", "effective_limits", "parse_size", "ocr_enabled", "preload"]

MB = 1024 * 1024
DEFAULT_LIMITS = {"max_bytes": 50 * MB, "max_archive_bytes": 500 * MB, "max_pages": 500, "max_chars": 1_000_000}
LIMIT_ENV = {"max_bytes": "PLANY_MAX_BYTES", "max_archive_bytes": "PLANY_MAX_ARCHIVE_BYTES",
             "max_pages": "PLANY_MAX_PAGES", "max_chars": "PLANY_MAX_CHARS"}
OCR_ENV = "PLANY_OCR"
MAX_ARCHIVE_DEPTH = 3
_CHUNK = 1 << 16


class IngestError(Exception):
    """A file that cannot be read; ``str(err)`` is a one-line message naming the file."""

    def __init__(self, path: str, problem: str | None = None):
        if problem is None:   # IngestError("one-line message")
            self.path, self.problem = None, " ".join(str(path).split())
            super().__init__(self.problem)
            return
        self.path = str(path)
        self.problem = " ".join(str(problem).split())
        super().__init__(f"{self.path}: {self.problem}")


@dataclass
class Loaded:
    path: str               # file path, or "archive.zip/member.txt"
    format: str             # txt, html, pdf, docx, odt, rtf, doc
    encoding: str | None    # detected for txt/html (e.g. "cp1250", "utf-8 (repaired mojibake from cp1250)")
    sha256: str             # of the raw bytes
    text: str               # normalised text (see extractor.ingest.normalize)
    size: int               # raw bytes
    title: str | None = None
    offsets: list[int] | None = field(default=None, repr=False)   # offsets[i]: index in raw_text of text[i]
    raw_text: str | None = field(default=None, repr=False)        # extracted text before normalisation
    info: dict = field(default_factory=dict, repr=False)          # pages, extraction method, tool, ...
    warnings: list[str] = field(default_factory=list)             # e.g. the text was cut at max_chars


_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", re.I)
_UNITS = {"": 1, "k": 1024, "m": MB, "g": 1024 * MB, "t": 1024 * 1024 * MB}


def parse_size(value) -> int:
    """``50MB`` / ``500M`` / ``2g`` / ``64KiB`` / ``1000`` -> bytes (binary units); raises ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"not a size: {value!r}")
    if isinstance(value, int):
        n = value
    else:
        m = _SIZE.fullmatch(str(value).replace("_", ""))
        if not m:
            raise ValueError(f"not a size: {value!r} (use e.g. 50MB, 500M, 2G or a number of bytes)")
        n = int(float(m.group(1)) * _UNITS[m.group(2).lower()])
    if n <= 0:
        raise ValueError(f"not a positive size: {value!r}")
    return n


def _parse_count(value) -> int:
    """A positive number (``1000000``, ``1_000_000``, ``2M`` = 2,000,000 decimal for counts)."""
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, int):
        n = value
    else:
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([km]?)\s*", str(value).replace("_", ""), re.I)
        if not m:
            raise ValueError(f"not a number: {value!r}")
        n = int(float(m.group(1)) * {"": 1, "k": 1000, "m": 1_000_000}[m.group(2).lower()])
    if n <= 0:
        raise ValueError(f"not a positive number: {value!r}")
    return n


_PARSERS = {"max_bytes": parse_size, "max_archive_bytes": parse_size, "max_pages": _parse_count,
            "max_chars": _parse_count}
_warned_env: set[str] = set()


def _env_limit(name: str) -> int | None:
    var = LIMIT_ENV[name]
    raw = os.environ.get(var, "").strip()
    if not raw:
        return None
    try:
        return _PARSERS[name](raw)
    except ValueError as e:
        if var not in _warned_env:
            _warned_env.add(var)
            sys.stderr.write(f"plany: ignoring {var}={raw!r} ({e}); using {name}={DEFAULT_LIMITS[name]}\n")
        return None


def effective_limits(**limits) -> dict:
    """The limits in force: each given one (not None), else its environment variable, else the default.
    Values may be numbers or size strings ("50MB"); raises TypeError for an unknown name and ValueError
    for a value that cannot be read."""
    unknown = set(limits) - set(DEFAULT_LIMITS)
    if unknown:
        raise TypeError(f"unknown ingest limit(s): {', '.join(sorted(unknown))}")
    out = {}
    for name, default in DEFAULT_LIMITS.items():
        value = limits.get(name)
        if value is not None:
            out[name] = _PARSERS[name](value)
            continue
        env = _env_limit(name)
        out[name] = env if env is not None else default
    return out


def _limits(limits: dict) -> dict:
    return effective_limits(**limits)


def ocr_enabled(ocr: bool | None = None) -> bool:
    """``ocr`` when given, else ``PLANY_OCR`` (1/true/yes/on) from the environment."""
    if ocr is not None:
        return bool(ocr)
    return os.environ.get(OCR_ENV, "").strip().lower() in ("1", "true", "yes", "on", "tak")


def _human(n: int) -> str:
    if n >= MB:
        return f"{n / MB:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


# ------------------------------------------------------------------------------- one document


# the libraries each format's reader imports on first use (read_* in formats, html_to_text, decode_bytes)
_READER_LIBRARIES = ("trafilatura", "pypdf", "pypdf.errors", "docx.oxml.parser", "docx.table",
                     "odf.opendocument", "striprtf.striprtf", "charset_normalizer")


def preload() -> list[str]:
    """Import every format reader's libraries now instead of at the first file of each format, and run
    the HTML reader once on a short page.  For long-lived workers (``plany import``, ``plany bench``):
    trafilatura alone takes 0.1-0.2 s to import.  Returns the libraries that are not installed."""
    import importlib

    missing = []
    for name in _READER_LIBRARIES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    from extractor.ingest.html import html_to_text

    html_to_text(b"<html><body><article><h1>Plan</h1><p>Rozgrzewka czytnika stron.</p></article></body></html>")
    return missing


def _cut_text_bytes(data: bytes, max_chars: int) -> bytes:
    """The start of a plain-text file long enough for ``max_chars`` characters (4 bytes a character at
    most), cut at a line end when one is near: a huge text file is never decoded whole."""
    limit = 4 * max_chars + 4
    if len(data) <= limit:
        return data
    from extractor.ingest.encoding import utf16_without_bom

    cut = data.rfind(b"\n", max(0, limit - 80_000), limit)
    cut = cut if cut > 0 else limit
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        cut -= cut % 4
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(data[:8192]):
        cut -= cut % 2
    return data[:cut]


def extract(data: bytes, name: str, max_pages: int = DEFAULT_LIMITS["max_pages"],
            ocr: bool = False, max_chars: int | None = None) -> tuple[str, str, str | None, dict]:
    """(format, raw text, encoding, info) of one document's bytes; raises FormatError.
    ``max_chars``: a plain-text file is decoded only as far as needed for that many characters."""
    ext = os.path.splitext(name)[1]
    if ocr:
        from extractor.ingest.detect import image_kind

        kind = image_kind(data)
        if kind:
            from extractor.ingest.formats import read_image

            text, info = read_image(data, kind)
            return "image", text, None, info
    fmt = sniff(data, ext)
    if fmt == "zip":
        raise FormatError("is a zip archive")
    if not data.strip():
        raise FormatError("empty file")
    encoding = None
    if fmt == "txt":
        from extractor.ingest.encoding import decode_bytes

        head = _cut_text_bytes(data, max_chars) if max_chars else data
        text, encoding = decode_bytes(head)
        info = {"cut_at_byte": len(head)} if len(head) < len(data) else {}
    elif fmt == "html":
        from extractor.ingest.html import html_to_text

        text, encoding, info = html_to_text(data)
    elif fmt == "pdf":
        from extractor.ingest.formats import read_pdf

        text, info = read_pdf(data, max_pages=max_pages, ocr=ocr)
    elif fmt == "docx":
        from extractor.ingest.formats import read_docx

        text, info = read_docx(data)
    elif fmt == "odt":
        from extractor.ingest.formats import read_odt

        text, info = read_odt(data)
    elif fmt == "rtf":
        from extractor.ingest.formats import read_rtf

        text, info = read_rtf(data)
    elif fmt == "doc":
        from extractor.ingest.formats import read_doc

        text, info = read_doc(data)
    else:  # pragma: no cover - sniff returns only the formats above
        raise FormatError(f"unsupported format {fmt}")
    return fmt, text, encoding, info


def _cut_point(raw: str, max_chars: int) -> int:
    """Where to cut a raw text to keep about ``max_chars`` characters: a line end, else a space, near it."""
    cut = raw.rfind("\n", max(0, max_chars - 20_000), max_chars)
    if cut <= 0:
        cut = raw.rfind(" ", max(0, max_chars - 2_000), max_chars)
    return cut if cut > 0 else max_chars


def load_bytes(data: bytes, path: str, ocr: bool | None = None, **limits) -> Loaded:
    """One document from bytes; raises IngestError."""
    lim = _limits(limits)
    if len(data) > lim["max_bytes"]:
        raise IngestError(path, f"file too large ({_human(len(data))}, limit max_bytes={lim['max_bytes']})")
    if not data:
        raise IngestError(path, "empty file")
    try:
        fmt, raw, encoding, info = extract(data, path, max_pages=lim["max_pages"], ocr=ocr_enabled(ocr),
                                           max_chars=lim["max_chars"])
    except FormatError as e:
        raise IngestError(path, str(e)) from None
    except (MemoryError, RecursionError) as e:
        raise IngestError(path, f"cannot read ({type(e).__name__})") from None
    except Exception as e:  # a reader library choking on hostile bytes: this file fails, not the batch
        from extractor.ingest.formats import _one_line

        raise IngestError(path, f"cannot read ({type(e).__name__}: {_one_line(e)})") from None
    warnings = list(info.pop("warnings", None) or [])
    max_chars = lim["max_chars"]
    full = len(raw)
    cut_at_byte = info.pop("cut_at_byte", None)
    if full > max_chars:
        # the NLP stage and the extractors take time (and spaCy refuses) beyond this: keep the start
        raw = raw[:_cut_point(raw, max_chars)]
    norm = normalize_text(raw)
    text, offsets = norm.text, norm.offsets
    if len(text) > max_chars:
        text, offsets = text[:max_chars], offsets[:max_chars] + [offsets[max_chars]]
        raw = raw[:offsets[-1]]
        offsets[-1] = len(raw)
    if cut_at_byte is not None:
        warnings.append(f"text cut to its first {len(text):,} characters (the file has {len(data):,} bytes; "
                        f"limit max_chars={max_chars}); the rest was not extracted")
    elif full > len(raw):
        warnings.append(f"text cut to its first {len(text):,} characters (of about {full:,}; "
                        f"limit max_chars={max_chars}); the rest was not extracted")
    if not text.strip():
        raise IngestError(path, f"no text in {fmt.upper()} document")
    return Loaded(path=path, format=fmt, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(),
                  text=text, size=len(data), title=info.pop("title", None), offsets=offsets,
                  raw_text=raw, info=info, warnings=warnings)


def load_file(path: str | os.PathLike, **limits) -> Loaded:
    """One document file (not an archive); raises IngestError."""
    items = list(load_paths([path], **limits))
    if len(items) != 1:
        raise IngestError(str(path), f"holds {len(items)} documents, expected one")
    if isinstance(items[0], IngestError):
        raise items[0]
    return items[0]


# ------------------------------------------------------------------------------- expansion


def _walk_dir(root: Path) -> Iterator[Path]:
    """Files under ``root`` sorted by relative path (hidden files and directories skipped)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel = Path(dirpath).relative_to(root).parts
        for name in filenames:
            if not name.startswith(".") and name not in ("Thumbs.db", "desktop.ini"):
                found.append(rel + (name,))
    for parts in sorted(found):
        yield root.joinpath(*parts)


def _is_archive(data: bytes, name: str) -> bool:
    """A ZIP archive to expand (not a DOCX/ODT/XLSX, which are ZIP files too)."""
    if not data.startswith(b"PK"):
        return False
    if name.lower().endswith(".zip"):
        return True
    from extractor.ingest.detect import _zip_kind

    return _zip_kind(data) == "zip"


def _load_file(path: Path, lim: dict, ocr: bool = False) -> Iterator[Loaded | IngestError]:
    shown = str(path)
    try:
        st = path.stat()
    except OSError as e:
        yield IngestError(shown, f"cannot read ({e.strerror or e})")
        return
    if not stat.S_ISREG(st.st_mode):
        # a FIFO would block, /dev/zero never ends: only regular files are read
        kind = ("named pipe" if stat.S_ISFIFO(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode)
                else "device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "special file")
        yield IngestError(shown, f"not a regular file ({kind})")
        return
    size = st.st_size
    is_zip_name = path.name.lower().endswith(".zip")
    limit_name = "max_archive_bytes" if is_zip_name else "max_bytes"
    if size > lim[limit_name]:
        yield IngestError(shown, f"file too large ({_human(size)}, limit {limit_name}={lim[limit_name]})")
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as e:
        yield IngestError(shown, f"cannot read ({e.strerror or e})")
        return
    if is_zip_name and head.startswith(b"PK"):
        try:
            with path.open("rb") as fh:
                yield from _load_zip(fh, shown, lim, depth=1, ocr=ocr)
        except OSError as e:
            yield IngestError(shown, f"cannot read ({e.strerror or e})")
        return
    if size > lim["max_bytes"]:
        yield IngestError(shown, f"file too large ({_human(size)}, limit max_bytes={lim['max_bytes']})")
        return
    try:
        with path.open("rb") as fh:
            data = fh.read(lim["max_bytes"] + 1)   # bounded: the file may have grown since stat()
    except OSError as e:
        yield IngestError(shown, f"cannot read ({e.strerror or e})")
        return
    if len(data) > lim["max_bytes"]:
        yield IngestError(shown, f"file too large (more than {_human(lim['max_bytes'])}, limit max_bytes="
                                 f"{lim['max_bytes']}; it grew while being read)")
        return
    yield from _archive_or_one(data, shown, path.name, lim, ocr)


def _archive_or_one(data: bytes, shown: str, name: str, lim: dict, ocr: bool) -> Iterator[Loaded | IngestError]:
    """The documents of bytes read whole: a ZIP archive's members, or the one document."""
    if _is_archive(data, name):
        yield from _load_zip(io.BytesIO(data), shown, lim, depth=1, ocr=ocr)
    else:
        yield _one(data, shown, lim, ocr)


STDIN = "-"   # the path that reads one document (or a .zip archive) from standard input


def _load_stdin(lim: dict, ocr: bool = False) -> Iterator[Loaded | IngestError]:
    """The document piped to standard input (read up to max_bytes), as the path "-"."""
    try:
        data = sys.stdin.buffer.read(lim["max_bytes"] + 1)
    except (OSError, ValueError, AttributeError) as e:   # closed or not a byte stream
        yield IngestError(STDIN, f"cannot read standard input ({type(e).__name__})")
        return
    if len(data) > lim["max_bytes"]:
        yield IngestError(STDIN, f"input too large (more than {_human(lim['max_bytes'])}, limit max_bytes="
                                 f"{lim['max_bytes']})")
        return
    yield from _archive_or_one(data, STDIN, STDIN, lim, ocr)


def _one(data: bytes, shown: str, lim: dict, ocr: bool = False) -> Loaded | IngestError:
    try:
        return load_bytes(data, shown, ocr=ocr, **lim)
    except IngestError as e:
        return e


def _load_zip(fileobj, shown: str, lim: dict, depth: int,
              budget: list[int] | None = None, ocr: bool = False) -> Iterator[Loaded | IngestError]:
    """Members of a ZIP archive, read in memory; ``budget`` = bytes left to expand (shared with nested archives)."""
    if budget is None:
        budget = [lim["max_archive_bytes"]]
    try:
        zf = zipfile.ZipFile(fileobj)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        yield IngestError(shown, f"not a valid ZIP archive ({' '.join(str(e).split())})")
        return
    members = [i for i in infos if not i.is_dir()]
    declared = sum(i.file_size for i in members)
    if declared > budget[0]:
        yield IngestError(shown, f"archive expands to {_human(declared)}, more than "
                                 f"max_archive_bytes={lim['max_archive_bytes']} (zip bomb?)")
        return
    for info in sorted(members, key=lambda i: i.filename):
        name = info.filename
        base = name.rsplit("/", 1)[-1]
        if name.startswith("__MACOSX/") or base.startswith(".") or base in ("Thumbs.db", "desktop.ini"):
            continue
        member_shown = f"{shown}/{name}"
        if info.flag_bits & 0x1:
            yield IngestError(member_shown, "encrypted archive member")
            continue
        if info.file_size > lim["max_bytes"]:
            yield IngestError(member_shown, f"file too large ({_human(info.file_size)}, "
                                            f"limit max_bytes={lim['max_bytes']})")
            continue
        cap = min(lim["max_bytes"], budget[0])
        buf = bytearray()
        try:
            with zf.open(info) as fh:
                # never trust the declared size: count what comes out
                while len(buf) <= cap:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    buf += chunk
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as e:
            why = " ".join(str(e).split())
            if "CRC" in why:   # zipfile reads no more than the declared size: a lie shows up as a bad CRC
                why += "; damaged, or its declared size is false"
            yield IngestError(member_shown, f"cannot unpack ({why})")
            continue
        if len(buf) > budget[0]:
            yield IngestError(member_shown, f"archive expands to more than max_archive_bytes="
                                            f"{lim['max_archive_bytes']} (zip bomb?)")
            budget[0] = 0
            return
        budget[0] -= len(buf)
        if len(buf) > lim["max_bytes"]:
            yield IngestError(member_shown, f"file too large (more than {_human(lim['max_bytes'])} "
                                            f"although {_human(info.file_size)} declared, limit max_bytes)")
            continue
        data = bytes(buf)
        del buf
        if _is_archive(data, base):
            if depth >= MAX_ARCHIVE_DEPTH:
                yield IngestError(member_shown, f"archive nested deeper than {MAX_ARCHIVE_DEPTH} levels")
                continue
            yield from _load_zip(io.BytesIO(data), member_shown, lim, depth + 1, budget, ocr)
            continue
        yield _one(data, member_shown, lim, ocr)


def load_paths(paths: Iterable[str | os.PathLike] | str | os.PathLike, ocr: bool | None = None,
               **limits) -> Iterator[Loaded | IngestError]:
    """Yield a ``Loaded`` per document and an ``IngestError`` per unreadable file, in input order.

    ``limits``: see the module docstring (None or missing: ``PLANY_*`` environment variable, else default);
    ``ocr``: None reads ``PLANY_OCR``."""
    lim = _limits(limits)
    ocr = ocr_enabled(ocr)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for p in paths:
        path = Path(p)
        if str(p) == STDIN and not path.exists():
            yield from _load_stdin(lim, ocr)
        elif path.is_dir():
            for f in _walk_dir(path):
                yield from _load_file(f, lim, ocr)
        elif path.exists():
            yield from _load_file(path, lim, ocr)
        else:
            yield IngestError(str(p), "no such file or directory")
