"""Scanned documents: PDF pages without a text layer, images.

The scans are made here: a PDF with Polish text (``test_ingest.make_pdf``) is rasterised with
``pdftoppm`` and the grey bitmap wrapped into an image-only PDF (no text layer), written by hand.
Without OCR such a PDF fails with "needs OCR"; with ``ocr=True`` / ``--ocr`` / ``PLANY_OCR=1``
tesseract (Polish data) reads it.  The OCR tests skip, saying why, where tesseract, its Polish data
or pdftoppm are missing (Debian: tesseract-ocr tesseract-ocr-pol poppler-utils).
"""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from extractor.ingest import IngestError, Loaded, load_paths
from extractor.ingest import formats
from extractor.schema import validate

BIN = Path(sys.executable).parent / "plany"

SCAN_LINES = [["Plan dzialania priorytetowego dla rejonu nr 7", "Komenda Powiatowa Policji w Lukowie",
               "Zagrozenie: spozywanie alkoholu w miejscach publicznych", "Zażółć gęślą jaźń, Łódź, Śląsk"]]
KEYWORDS = ("priorytetowego", "Komenda", "Powiatowa", "Policji", "alkoholu", "publicznych", "Zagrozenie")


def _pdftoppm() -> str | None:
    return shutil.which("pdftoppm")


def _ocr_skip_reason() -> str | None:
    ok, why = formats.ocr_status()
    return None if ok else f"OCR not available here: {why}"


needs_pdftoppm = pytest.mark.skipif(_pdftoppm() is None,
                                    reason="pdftoppm (Debian poppler-utils) is needed to make the scans")
needs_ocr = pytest.mark.skipif(_ocr_skip_reason() is not None, reason=str(_ocr_skip_reason()))


def _text_pdf(pages) -> bytes:
    from test_ingest import make_pdf

    return make_pdf(pages)


def _render_gray(pdf: bytes, tmp: Path, dpi: int = 200) -> tuple[int, int, bytes]:
    """(width, height, 8-bit grey pixels) of the first page, by pdftoppm."""
    src = tmp / "render_src.pdf"
    src.write_bytes(pdf)
    subprocess.run([_pdftoppm(), "-r", str(dpi), "-gray", "-f", "1", "-l", "1", "-singlefile", str(src),
                    str(tmp / "render")], check=True, capture_output=True, timeout=120)
    data = (tmp / "render.pgm").read_bytes()
    m = re.match(rb"P5\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert m and m.group(3) == b"255", data[:40]
    w, h = int(m.group(1)), int(m.group(2))
    pixels = data[m.end():m.end() + w * h]
    assert len(pixels) == w * h
    return w, h, pixels


def image_pdf(w: int, h: int, pixels: bytes, page_w: float = 612, page_h: float = 792) -> bytes:
    """An image-only PDF page: one DeviceGray image, no text layer."""
    img = zlib.compress(pixels, 6)
    content = f"q {page_w} 0 0 {page_h} 0 0 cm /Im0 Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page_w} {page_h}] "
        f"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".encode(),
        f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray "
        f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(img)} >>\nstream\n".encode() + img + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    from test_ingest import pdf_file

    return pdf_file(objects)


def scanned_pdf(tmp: Path, pages=SCAN_LINES, dpi: int = 200) -> bytes:
    w, h, pixels = _render_gray(_text_pdf(pages), tmp, dpi)
    return image_pdf(w, h, pixels)


def _pgm_to_png(w: int, h: int, pixels: bytes) -> bytes:
    """A greyscale PNG, written with zlib (no imaging library needed)."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + pixels[y * w:(y + 1) * w] for y in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def _found(text: str) -> list[str]:
    flat = " ".join(text.split()).lower()
    return [k for k in KEYWORDS if k.lower() in flat]


def _one(path, **kw):
    items = list(load_paths([path], **kw))
    assert len(items) == 1, items
    return items[0]


# ------------------------------------------------------------------------------- without OCR


@needs_pdftoppm
def test_scanned_pdf_has_no_text_layer(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANY_OCR", raising=False)
    p = tmp_path / "skan.pdf"
    p.write_bytes(scanned_pdf(tmp_path))
    err = _one(p)
    assert isinstance(err, IngestError)
    assert "no text layer (scanned PDF?) — needs OCR" in str(err)
    assert "--ocr" in str(err) and "PLANY_OCR=1" in str(err)


def test_ocr_unavailable_is_one_clear_error(tmp_path, monkeypatch):
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    w.write(buf)
    p = tmp_path / "skan.pdf"
    p.write_bytes(buf.getvalue())
    monkeypatch.setattr(formats, "ocr_status", lambda: (False, "tesseract not installed (apt-get install ...)"))
    err = _one(p, ocr=True)
    assert isinstance(err, IngestError)
    assert "needs OCR, but OCR is not available: tesseract not installed" in str(err)
    assert "\n" not in str(err)


@needs_pdftoppm
def test_partly_scanned_pdf_warns_without_ocr(tmp_path, monkeypatch):
    from pypdf import PdfReader, PdfWriter

    monkeypatch.delenv("PLANY_OCR", raising=False)
    w = PdfWriter()
    for data in (_text_pdf([["Strona pierwsza z warstwa tekstowa, plan rejonu 3."]]), scanned_pdf(tmp_path)):
        for page in PdfReader(io.BytesIO(data)).pages:
            w.add_page(page)
    buf = io.BytesIO()
    w.write(buf)
    p = tmp_path / "czesciowo.pdf"
    p.write_bytes(buf.getvalue())
    item = _one(p)
    assert isinstance(item, Loaded), item
    assert "Strona pierwsza" in item.text and not _found(item.text)
    assert item.warnings and "1 of 2 pages have no text layer" in item.warnings[0]
    if _ocr_skip_reason() is None:
        item = _one(p, ocr=True)
        assert isinstance(item, Loaded), item
        assert "Strona pierwsza" in item.text
        assert len(_found(item.text)) >= 5, item.text
        assert item.info["ocr_pages"] == 1 and "read by OCR" in item.warnings[0]


# ------------------------------------------------------------------------------- with OCR


@needs_pdftoppm
@needs_ocr
def test_ocr_reads_scanned_pdf(tmp_path):
    p = tmp_path / "skan.pdf"
    p.write_bytes(scanned_pdf(tmp_path))
    item = _one(p, ocr=True)
    assert isinstance(item, Loaded), item
    found = _found(item.text)
    assert len(found) >= 5, (found, item.text)
    assert item.format == "pdf" and item.info["ocr_pages"] == 1
    assert any("OCR" in w for w in item.warnings)
    # Polish letters come through with the Polish data
    assert re.search(r"Łód|Śl[aą]sk|gęśl|jaźń", item.text), item.text


@needs_pdftoppm
@needs_ocr
def test_ocr_reads_png_image(tmp_path):
    w, h, pixels = _render_gray(_text_pdf(SCAN_LINES), tmp_path)
    p = tmp_path / "skan.png"
    p.write_bytes(_pgm_to_png(w, h, pixels))
    err = _one(p, ocr=False)
    assert isinstance(err, IngestError) and "PNG image; needs OCR" in str(err)
    item = _one(p, ocr=True)
    assert isinstance(item, Loaded), item
    assert item.format == "image" and len(_found(item.text)) >= 5, item.text


@needs_pdftoppm
@needs_ocr
def test_ocr_through_extract_and_import(tmp_path):
    (tmp_path / "skan.pdf").write_bytes(scanned_pdf(tmp_path))
    (tmp_path / "dobry.txt").write_bytes("Plan działania priorytetowego dla rejonu nr 2.\n".encode())
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANY_")}
    res = subprocess.run([str(BIN), "extract", "--ocr", "skan.pdf", "dobry.txt"], cwd=tmp_path,
                         capture_output=True, env=env, timeout=600)
    err = res.stderr.decode()
    assert res.returncode == 0 and "Traceback" not in err, err
    recs = [json.loads(x) for x in res.stdout.decode().splitlines()]
    assert [r["source"]["path"] for r in recs] == ["skan.pdf", "dobry.txt"]
    validate(recs[0])
    assert len(_found(recs[0]["text"])) >= 5 and any("OCR" in w for w in recs[0]["warnings"])
    # without --ocr: one line, exit 1, the good file still extracted
    res = subprocess.run([str(BIN), "extract", "skan.pdf", "dobry.txt"], cwd=tmp_path, capture_output=True,
                         env=env, timeout=600)
    lines = res.stderr.decode().splitlines()
    assert res.returncode == 1 and len(lines) == 1 and "skan.pdf: no text layer" in lines[0], lines
    assert len(res.stdout.decode().splitlines()) == 1
    # import reads PLANY_OCR
    db = tmp_path / "ocr.db"
    res = subprocess.run([str(BIN), "import", "--db", str(db), "skan.pdf", "dobry.txt"], cwd=tmp_path,
                         capture_output=True, env=dict(env, PLANY_OCR="1"), timeout=600)
    assert res.returncode == 0 and "Traceback" not in res.stderr.decode(), res.stderr.decode()
    con = sqlite3.connect(db)
    try:
        rows = dict(con.execute("SELECT path, text FROM documents"))
    finally:
        con.close()
    assert set(rows) == {"skan.pdf", "dobry.txt"} and len(_found(rows["skan.pdf"])) >= 5
