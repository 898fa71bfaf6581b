"""Recognise a file's format: magic bytes first, the extension second."""
from __future__ import annotations

import io
import zipfile

TEXT_EXTS = {".txt", ".text", ".md", ".csv", ".tsv", ""}
HTML_EXTS = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
EXT_FORMAT = {".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".odt": "odt", ".rtf": "rtf", ".doc": "doc",
              ".zip": "zip", **{e: "html" for e in HTML_EXTS}, **{e: "txt" for e in TEXT_EXTS}}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = ((b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
                (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"), (b"BM", None),
                (b"RIFF", "RIFF media file"), (b"\x1f\x8b", "gzip archive"), (b"7z\xbc\xaf", "7-Zip archive"),
                (b"Rar!", "RAR archive"), (b"%!PS", "PostScript file"), (b"\x7fELF", "executable"),
                (b"MZ", None))


def image_kind(data: bytes) -> str | None:
    """png, jpeg, tiff, gif, bmp for an image tesseract can read, else None."""
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if data.startswith(b"GIF8"):
        return "gif"
    if data.startswith(b"BM") and len(data) > 26 and int.from_bytes(data[2:6], "little") in (0, len(data)):
        return "bmp"
    return None


class FormatError(Exception):
    """The bytes are not a document this stage can read (message without the file name)."""


def _zip_kind(data: bytes) -> str:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "badzip"
    if "word/document.xml" in names:
        return "docx"
    if "mimetype" in names:
        try:
            mt = zf.read("mimetype")[:100]
        except Exception:
            mt = b""
        if mt.startswith(b"application/vnd.oasis.opendocument.text"):
            return "odt"
        if mt.startswith(b"application/vnd.oasis.opendocument"):
            return "other-odf"
    if "content.xml" in names and "META-INF/manifest.xml" in names:
        return "odt"
    if any(n.startswith(("xl/", "ppt/")) for n in names) and "[Content_Types].xml" in names:
        return "other-ooxml"
    return "zip"


def looks_binary(data: bytes) -> bool:
    """Text files have few C0 control characters.  NUL bytes are not counted (text padded or
    sprinkled with NULs is still text: they are dropped later), nor is UTF-16 without a BOM."""
    sample = data[:8192]
    if not sample:
        return False
    from extractor.ingest.encoding import utf16_without_bom

    if utf16_without_bom(sample):
        return False
    rest = sample
    if b"\x00" in sample:
        rest = sample.replace(b"\x00", b"")
        if len(rest) < 0.05 * len(sample) or not rest.strip():
            return True   # (almost) nothing but NULs
    ctrl = len(rest) - len(rest.translate(None, _CONTROL_BYTES))
    return ctrl / len(rest) > 0.05


# the C0 control bytes counted above (not tab, line feed, form feed, carriage return, escape)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _looks_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower() \
        or head.startswith((b"<!doctype html", b"<html"))


def sniff(data: bytes, ext: str) -> str:
    """One of txt, html, pdf, docx, odt, rtf, doc, zip; raises FormatError for anything else."""
    ext = ext.lower()
    expected = EXT_FORMAT.get(ext)
    if data.startswith(b"%PDF-") or (b"%PDF-" in data[:1024] and expected == "pdf"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        kind = _zip_kind(data)
        if kind == "badzip":
            if expected in ("docx", "odt"):
                raise FormatError(f"not a valid {expected.upper()} (damaged zip archive)")
            raise FormatError("damaged zip archive")
        if kind in ("other-odf", "other-ooxml"):
            raise FormatError(f"unsupported file type {ext or '(no extension)'} (spreadsheet or presentation)")
        if kind == "zip" and expected in ("docx", "odt"):
            raise FormatError(f"not a valid {expected.upper()} (zip archive without a document part)")
        return kind
    if data.startswith(OLE_MAGIC):
        if "WordDocument".encode("utf-16-le") in data:
            return "doc"
        raise FormatError(f"unsupported file type {ext or '(no extension)'} (OLE file that is not a Word document)")
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    for magic, what in _IMAGE_MAGIC:
        if data.startswith(magic) and what:
            hint = "; needs OCR" if "image" in what else ""
            raise FormatError(f"unsupported file type {ext or '(no extension)'} ({what}{hint})")
    # no known magic: the extension decides
    if expected == "pdf":
        raise FormatError("not a valid PDF (no %PDF header)")
    if expected in ("docx", "odt"):
        raise FormatError(f"not a valid {expected.upper()} (not a zip archive)")
    if expected == "zip":
        raise FormatError("not a valid ZIP archive")
    if expected == "doc":
        # Word 2 / Word 6 files and plain text saved as .doc: let the caller try text if it is text
        if looks_binary(data):
            raise FormatError("not a Word 97-2003 document (no OLE header)")
        return "html" if _looks_html(data) else "txt"
    if expected == "rtf":
        raise FormatError("not a valid RTF (no {\\rtf header)")
    if expected is None:
        raise FormatError(f"unsupported file type {ext}")
    if looks_binary(data):
        # UTF-16 text has NULs but starts with a BOM
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return expected
        raise FormatError("binary file, not a document")
    if expected == "txt" and b"\x00" in data[:4096] and _looks_html(data.replace(b"\x00", b"")[:4096]):
        return "html"   # UTF-16 HTML
    if expected == "txt" and _looks_html(data):
        return "html"
    return expected
