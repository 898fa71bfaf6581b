"""Text out of binary document formats: PDF, DOCX, ODT, RTF, legacy DOC.

Each reader takes the raw bytes and returns the extracted text (not yet normalised); a problem is
raised as ``FormatError`` with a one-line message that does not name the file.
"""
from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache

from extractor.ingest.detect import FormatError

# ---------------------------------------------------------------------------------------- PDF


NEEDS_OCR = "no text layer (scanned PDF?) — needs OCR"
OCR_HINT = "run `plany extract --ocr`, or set PLANY_OCR=1"
OCR_INSTALL = "apt-get install tesseract-ocr tesseract-ocr-pol poppler-utils"


def read_pdf(data: bytes, max_pages: int = 500, ocr: bool = False) -> tuple[str, dict]:
    """Text layer of a PDF, pages separated by a blank line; returns (text, info).

    Pages without a text layer are read by OCR when ``ocr`` is true (see :func:`ocr_pdf_pages`);
    otherwise a PDF with no text at all fails as needing OCR, and one with some empty pages gets a
    warning (``info["warnings"]``)."""
    from pypdf import PdfReader

    tail = data[-2048:]
    if b"%%EOF" not in tail and b"%%EOF" not in data:
        raise FormatError("truncated PDF (no %%EOF marker)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as e:  # missing AES backend, unsupported algorithm
                raise FormatError(f"encrypted PDF, cannot decrypt ({_one_line(e)})") from None
            if not ok:
                raise FormatError("encrypted PDF (password required)")
        n = len(reader.pages)
    except FormatError:
        raise
    except RecursionError:
        raise FormatError("not a valid PDF (damaged: objects nested too deeply)") from None
    except Exception as e:  # pypdf raises many kinds on hostile bytes
        raise FormatError(f"not a valid PDF (damaged: {_one_line(e)})") from None
    if n == 0:
        raise FormatError("PDF has no pages")
    if n > max_pages:
        raise FormatError(f"PDF has {n} pages, more than max_pages={max_pages}")
    pages: list[str] = []
    failed = 0
    for page in reader.pages:
        try:
            pages.append(page.extract_text() or "")
        except Exception:  # one broken content stream should not lose the document
            failed += 1
            pages.append("")
    empty = [i + 1 for i, p in enumerate(pages) if not p.strip()]
    info: dict = {"pages": n, "empty_pages": len(empty)}
    warnings: list[str] = []
    if empty and ocr:
        found = ocr_pdf_pages(data, empty, missing_tools_error=len(empty) == n)
        if found is None:   # tools missing, some text layer present: keep what there is
            warnings.append(f"{len(empty)} of {n} pages have no text layer and were not read: OCR needs "
                            f"tesseract with Polish data and pdftoppm ({OCR_INSTALL})")
        else:
            done = 0
            for num, text in found.items():
                if text.strip():
                    pages[num - 1] = text
                    done += 1
            info.update(ocr_pages=done, ocr_tool=ocr_tool_version())
            if done:
                warnings.append(f"text of {done} of {n} pages read by OCR (tesseract, Polish); "
                                f"expect recognition errors")
            info["empty_pages"] = sum(1 for p in pages if not p.strip())
    elif empty and len(empty) < n:
        warnings.append(f"{len(empty)} of {n} pages have no text layer (scanned?) and were not read; "
                        f"to read them: {OCR_HINT}")
    if not any(p.strip() for p in pages):
        if failed == n:
            raise FormatError("not a valid PDF (no page could be read)")
        if ocr:
            raise FormatError(f"{NEEDS_OCR}, but OCR found no text")
        raise FormatError(f"{NEEDS_OCR} ({OCR_HINT})")
    title = None
    try:
        if reader.metadata and reader.metadata.title:
            title = str(reader.metadata.title).strip() or None
    except Exception:
        pass
    info["title"] = title
    if warnings:
        info["warnings"] = warnings
    return "\n\n".join(p.rstrip() for p in pages), info


# ---------------------------------------------------------------------------------------- OCR

OCR_DPI = 300
OCR_TIMEOUT = 180   # seconds per page, for each of the two tools


@lru_cache(maxsize=1)
def ocr_status() -> tuple[bool, str]:
    """(available, why not): tesseract with Polish data, and pdftoppm."""
    missing = [t for t in ("tesseract", "pdftoppm") if not shutil.which(t)]
    if missing:
        return False, f"{' and '.join(missing)} not installed ({OCR_INSTALL})"
    try:
        res = subprocess.run(["tesseract", "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        return False, f"tesseract does not run ({_one_line(e)})"
    langs = (res.stdout + res.stderr).decode("utf-8", "replace").split()
    if "pol" not in langs:
        return False, "tesseract has no Polish data (apt-get install tesseract-ocr-pol)"
    return True, ""


@lru_cache(maxsize=1)
def ocr_tool_version() -> str:
    try:
        res = subprocess.run(["tesseract", "--version"], capture_output=True, timeout=30, check=False)
        first = (res.stdout or res.stderr).decode("utf-8", "replace").strip().splitlines()
        return first[0] if first else "tesseract"
    except (OSError, subprocess.TimeoutExpired):
        return "tesseract"


def _tesseract(image_path: str) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        res = subprocess.run(["tesseract", image_path, "-", "-l", "pol"], capture_output=True,
                             timeout=OCR_TIMEOUT, check=False, env=env)
    except subprocess.TimeoutExpired:
        raise FormatError(f"OCR timed out (tesseract, more than {OCR_TIMEOUT} s)") from None
    if res.returncode != 0:
        msg = res.stderr.decode("utf-8", "replace").strip().splitlines()
        raise FormatError(f"OCR failed (tesseract: {msg[-1] if msg else res.returncode})")
    return res.stdout.decode("utf-8", "replace")


def ocr_pdf_pages(data: bytes, pages: list[int], missing_tools_error: bool = True) -> dict[int, str] | None:
    """OCR text of the given PDF pages (1-based): each rendered to a grey PNG with ``pdftoppm`` and
    read with ``tesseract -l pol``.  When the tools are missing: FormatError if
    ``missing_tools_error``, else None."""
    ok, why = ocr_status()
    if not ok:
        if missing_tools_error:
            raise FormatError(f"{NEEDS_OCR}, but OCR is not available: {why}")
        return None
    out: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="plany-ocr-") as tmp:
        pdf = os.path.join(tmp, "in.pdf")
        with open(pdf, "wb") as fh:
            fh.write(data)
        for num in pages:
            base = os.path.join(tmp, f"p{num}")
            cmd = ["pdftoppm", "-r", str(OCR_DPI), "-gray", "-png", "-f", str(num), "-l", str(num),
                   "-singlefile", pdf, base]
            try:
                res = subprocess.run(cmd, capture_output=True, timeout=OCR_TIMEOUT, check=False)
            except subprocess.TimeoutExpired:
                out[num] = ""
                continue
            if res.returncode != 0 or not os.path.exists(base + ".png"):
                out[num] = ""
                continue
            out[num] = _tesseract(base + ".png")
            os.unlink(base + ".png")
    return out


def read_image(data: bytes, kind: str) -> tuple[str, dict]:
    """Text of a scanned page saved as an image (PNG, JPEG, TIFF, GIF, BMP), by tesseract."""
    ok, why = ocr_status()
    if not ok and shutil.which("tesseract") and "pdftoppm" in why:
        ok = True   # images need tesseract only
    if not ok:
        raise FormatError(f"{kind.upper()} image needs OCR, but OCR is not available: {why}")
    with tempfile.TemporaryDirectory(prefix="plany-ocr-") as tmp:
        path = os.path.join(tmp, f"scan.{kind}")
        with open(path, "wb") as fh:
            fh.write(data)
        text = _tesseract(path)
    if not text.strip():
        raise FormatError(f"{kind.upper()} image: OCR found no text")
    return text, {"title": None, "ocr_tool": ocr_tool_version(), "image": kind,
                  "warnings": ["text read by OCR (tesseract, Polish); expect recognition errors"]}


# --------------------------------------------------------------------------------------- DOCX


def _docx_cell_text(cell) -> str:
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
# a DOCX's document part is text: far more than any plan, far less than a zip bomb expands to
MAX_DOCX_PART = 64 * 1024 * 1024


def _docx_xml(zf, name: str):
    """The parsed XML of an optional package part (relationships, core properties), or None when it is
    missing, too large or not XML."""
    from lxml import etree

    try:
        return etree.fromstring(_docx_member(zf, name), etree.XMLParser(resolve_entities=False))
    except Exception:
        return None


def _docx_targets(zf) -> dict:
    """The package's main document and core-properties parts (zip member names), from ``_rels/.rels``;
    the usual names when the relationships cannot be read."""
    out = {"main": "word/document.xml", "core": "docProps/core.xml"}
    rels = _docx_xml(zf, "_rels/.rels")
    if rels is None:
        return out
    for rel in rels.iter(f"{_RELS_NS}Relationship"):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = (rel.get("Target") or "").lstrip("/")
        if target and kind == "officeDocument":
            out["main"] = target
        elif target and kind == "core-properties":
            out["core"] = target
    return out


def _docx_member(zf, name: str) -> bytes:
    """A member's bytes, read no further than :data:`MAX_DOCX_PART` (the declared size may lie)."""
    with zf.open(name) as fh:
        data = fh.read(MAX_DOCX_PART + 1)
    if len(data) > MAX_DOCX_PART:
        raise FormatError(f"DOCX part {name} expands beyond {MAX_DOCX_PART // (1024 * 1024)} MB (zip bomb?)")
    return data


def _docx_title(zf, name: str) -> str | None:
    core = _docx_xml(zf, name)
    if core is None:
        return None
    el = core.find(_DC_TITLE)
    return ((el.text or "").strip() or None) if el is not None else None


def read_docx(data: bytes) -> tuple[str, dict]:
    """Paragraphs and table rows (cells tab-separated) in document order.

    Only the main document part (and the core properties, for the title) is parsed, with
    python-docx's element classes; styles, numbering, themes and fonts are not read."""
    import zipfile

    from docx.oxml.parser import parse_xml
    from docx.table import Table

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        parts = _docx_targets(zf)
        root = parse_xml(_docx_member(zf, parts["main"]))
    except FormatError:
        raise
    except Exception as e:
        raise FormatError(f"not a valid DOCX ({_one_line(e)})") from None
    body = root.find(f"{_W_NS}body") if root.tag == f"{_W_NS}document" else None
    if body is None:
        raise FormatError("not a valid DOCX (the document part has no body)")
    lines: list[str] = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag == "p":
            lines.append(child.text)
        elif tag == "tbl":
            lines.append("")
            for row in Table(child, None).rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:   # a merged cell repeats
                        continue
                    seen.add(id(cell._tc))
                    cells.append(_docx_cell_text(cell))
                if any(cells):
                    lines.append("\t".join(cells))
            lines.append("")
        elif tag == "sdt":   # content controls (e.g. a table of contents) hold paragraphs
            for p in child.iter(f"{_W_NS}p"):
                lines.append(p.text)
    return "\n".join(lines), {"title": _docx_title(zf, parts["core"])}


# ---------------------------------------------------------------------------------------- ODT


def read_odt(data: bytes) -> tuple[str, dict]:
    """Paragraphs, headings, list items and table rows (cells tab-separated)."""
    from odf import opendocument

    try:
        doc = opendocument.load(io.BytesIO(data))
    except Exception as e:
        raise FormatError(f"not a valid ODT ({_one_line(e)})") from None
    lines: list[str] = []

    def inline(node) -> str:
        out = []
        for ch in node.childNodes:
            if ch.nodeType == ch.TEXT_NODE:
                out.append(ch.data)
                continue
            q = getattr(ch, "qname", (None, None))[1]
            if q == "s":
                c = ch.getAttribute("c")
                out.append(" " * (int(c) if c else 1))
            elif q == "tab":
                out.append("\t")
            elif q == "line-break":
                out.append("\n")
            elif q in ("note", "annotation"):
                continue
            else:
                out.append(inline(ch))
        return "".join(out)

    def walk(node) -> None:
        for ch in node.childNodes:
            if ch.nodeType != ch.ELEMENT_NODE:
                continue
            q = ch.qname[1]
            if q in ("p", "h"):
                lines.append(inline(ch))
            elif q == "table":
                lines.append("")
                for row in _odt_rows(ch):
                    cells = []
                    for cell in row.childNodes:
                        if cell.nodeType == cell.ELEMENT_NODE and cell.qname[1] == "table-cell":
                            cells.append(" ".join(inline(p).strip() for p in cell.childNodes
                                                  if p.nodeType == p.ELEMENT_NODE and p.qname[1] in ("p", "h")
                                                  and inline(p).strip()))
                    while cells and not cells[-1]:
                        cells.pop()
                    if any(cells):
                        lines.append("\t".join(cells))
                lines.append("")
            elif q in ("tracked-changes", "sequence-decls", "variable-decls", "user-field-decls"):
                continue
            else:
                walk(ch)

    body = getattr(doc, "text", None)
    if body is None:
        raise FormatError("not a valid ODT (no text body in content.xml)")
    try:
        walk(body)
    except RecursionError:
        raise FormatError("not a valid ODT (elements nested too deeply)") from None
    except (AttributeError, ValueError, TypeError, KeyError) as e:
        raise FormatError(f"not a valid ODT (damaged content: {_one_line(e)})") from None
    return "\n".join(lines), {"title": None}


def _odt_rows(table):
    for ch in table.childNodes:
        if ch.nodeType != ch.ELEMENT_NODE:
            continue
        q = ch.qname[1]
        if q == "table-row":
            yield ch
        elif q in ("table-header-rows", "table-rows", "table-row-group"):
            yield from _odt_rows(ch)


# ---------------------------------------------------------------------------------------- RTF

_ANSICPG = re.compile(rb"\\ansicpg(\d+)")


def read_rtf(data: bytes) -> tuple[str, dict]:
    """Plain text of an RTF file; ``\\'xx`` escapes are read in the code page of ``\\ansicpg``."""
    from striprtf.striprtf import rtf_to_text

    m = _ANSICPG.search(data[:4096])
    cp = f"cp{m.group(1).decode()}" if m else "cp1250"
    try:
        "".encode(cp)
    except LookupError:
        cp = "cp1250"
    # RTF is 7-bit; raw 8-bit bytes, if any, are in the document code page
    src = data.decode(cp, errors="replace")
    try:
        text = rtf_to_text(src, encoding=cp, errors="replace")
    except Exception as e:
        raise FormatError(f"not a valid RTF ({_one_line(e)})") from None
    return text, {"title": None, "codepage": cp}


# ---------------------------------------------------------------------------------------- DOC


def doc_tools() -> list[str]:
    return [t for t in ("antiword", "catdoc") if shutil.which(t)]


def read_doc(data: bytes, timeout: float = 60) -> tuple[str, dict]:
    """Legacy Word 97-2003 through antiword, else catdoc."""
    tools = doc_tools()
    if not tools:
        raise FormatError("legacy .doc needs antiword or catdoc: apt-get install antiword")
    fd, tmp = tempfile.mkstemp(suffix=".doc")
    errors = []
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        for tool in tools:
            cmd = ["antiword", "-m", "UTF-8.txt", "-w", "0", tmp] if tool == "antiword" else \
                ["catdoc", "-d", "utf-8", "-w", tmp]
            try:
                res = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
            except subprocess.TimeoutExpired:
                errors.append(f"{tool} timed out")
                continue
            text = res.stdout.decode("utf-8", errors="replace")
            if res.returncode == 0 and text.strip():
                return text, {"title": None, "tool": tool}
            msg = res.stderr.decode("utf-8", "replace").strip().splitlines()
            errors.append(f"{tool}: {msg[-1] if msg else 'no text'}")
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    raise FormatError("cannot read Word document (" + "; ".join(errors) + ")")


def _one_line(e: BaseException) -> str:
    s = " ".join(str(e).split()) or type(e).__name__
    return s[:200]
