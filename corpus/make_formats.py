#!/usr/bin/env python3
"""Build corpus/docs/ from the UTF-8 sources in corpus/src/ (see src/manifest.tsv).

    python corpus/make_formats.py            # all documents
    python corpus/make_formats.py p05 s02    # some

manifest.tsv columns: id, genre, format (txt html docx odt rtf pdf), encoding
(utf-8, utf-8-sig, cp1250, iso-8859-2, mojibake).  ``mojibake`` writes the UTF-8
bytes of the text as if they had been read as Windows-1250 and saved again as
UTF-8.  Lines that start with ``|`` are table rows (a real table in docx/odt/html,
cells joined by spaces elsewhere).  PDF needs fpdf2 (``pip install fpdf2``) and
the DejaVu Sans font; without them PDFs are skipped and the committed ones stay.

The generated files are committed, so tests never need this script.
"""
from __future__ import annotations

import datetime as dt
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC, OUT = HERE / "src", HERE / "docs"
FIXED_TIME = dt.datetime(2024, 1, 1, 12, 0, 0)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
ISO_SAFE = str.maketrans({"„": '"', "”": '"', "“": '"', "–": "-", "—": "-", "…": "...", "’": "'"})


def manifest() -> list[dict]:
    rows = []
    lines = (SRC / "manifest.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if line.strip():
            id_, genre, fmt, enc = line.split("\t")
            rows.append({"id": id_, "genre": genre, "format": fmt, "encoding": enc})
    return rows


def blocks(text: str):
    """('p', line) and ('table', [[cells], ...]) blocks of a source text (one line = one paragraph)."""
    out, table = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            table.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        if table:
            out.append(("table", table))
            table = []
        out.append(("p", line))
    if table:
        out.append(("table", table))
    return out


def plain(text: str) -> str:
    lines = []
    for kind, val in blocks(text):
        lines += [" ".join(r) for r in val] if kind == "table" else [val]
    return "\n".join(lines) + "\n"


def write_txt(text: str, enc: str, path: Path) -> None:
    text = plain(text)
    if enc == "mojibake":
        import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1250)
        data = text.encode("utf-8").decode("sloppy-windows-1250").encode("utf-8")
    elif enc == "iso-8859-2":
        data = text.translate(ISO_SAFE).encode("iso-8859-2")
    else:
        data = text.encode(enc)
    path.write_bytes(data)


HTML_HEAD = """<!DOCTYPE html>
<html lang="pl">
<head><meta charset="utf-8"><title>{title} - Policja</title>
<link rel="stylesheet" href="/css/main.css"><script src="/js/cookies.js"></script></head>
<body>
<div id="cookie-banner">Ta strona używa plików cookies. Korzystając ze strony, wyrażasz zgodę na ich używanie. <a href="/polityka-cookies">Polityka cookies</a> <button>Akceptuję</button></div>
<header><a href="/" class="logo">Policja</a>
<nav><ul><li><a href="/aktualnosci">Aktualności</a></li><li><a href="/dzielnicowi">Dzielnicowi</a></li><li><a href="/kontakt">Kontakt</a></li><li><a href="/bip">BIP</a></li></ul></nav>
<div class="search"><input type="text" placeholder="Szukaj w serwisie"></div></header>
<div class="breadcrumbs"><a href="/">Strona główna</a> &raquo; <a href="/informacje">Informacje</a> &raquo; <span>{title}</span></div>
<main><article>
"""
HTML_FOOT = """</article>
<p class="print"><a href="javascript:window.print()">Drukuj</a> | <a href="#top">Powrót na górę strony</a></p>
</main>
<footer><p>Copyright &copy; Policja. Wszelkie prawa zastrzeżone.</p><p><a href="/deklaracja-dostepnosci">Deklaracja dostępności</a> | <a href="/rodo">RODO</a> | <a href="/mapa-strony">Mapa strony</a></p></footer>
</body></html>
"""


def write_html(text: str, path: Path) -> None:
    bl = blocks(text.strip("\n"))
    title = bl[0][1]
    parts = [HTML_HEAD.format(title=html.escape(title)), f"<h1>{html.escape(title)}</h1>\n"]
    in_list = False
    for kind, val in bl[1:]:
        is_item = kind == "p" and val[:2] in ("- ", "– ", "• ", "· ")
        if in_list and not is_item:
            parts.append("</ul>\n")
            in_list = False
        if kind == "table":
            parts.append("<table>\n" + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>\n"
                                               for row in val) + "</table>\n")
        elif is_item:
            if not in_list:
                parts.append("<ul>\n")
                in_list = True
            parts.append(f"<li>{html.escape(val[2:])}</li>\n")
        elif val.strip():
            parts.append(f"<p>{html.escape(val)}</p>\n")
    if in_list:
        parts.append("</ul>\n")
    parts.append(HTML_FOOT)
    path.write_text("".join(parts), encoding="utf-8")


def write_docx(text: str, path: Path) -> None:
    import docx

    d = docx.Document()
    d.core_properties.created = FIXED_TIME
    d.core_properties.modified = FIXED_TIME
    d.core_properties.author = "plany corpus"
    bl = blocks(text.strip("\n"))
    d.add_heading(bl[0][1], level=1)
    for kind, val in bl[1:]:
        if kind == "table":
            t = d.add_table(rows=len(val), cols=max(len(r) for r in val))
            for i, row in enumerate(val):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
        elif val.strip():
            d.add_paragraph(val)
    d.save(str(path))


def write_odt(text: str, path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, P

    doc = OpenDocumentText()
    bl = blocks(text.strip("\n"))
    doc.text.addElement(H(outlinelevel=1, text=bl[0][1]))
    for kind, val in bl[1:]:
        if kind == "table":
            t = Table()
            t.addElement(TableColumn(numbercolumnsrepeated=max(len(r) for r in val)))
            for row in val:
                tr = TableRow()
                for cell in row:
                    tc = TableCell()
                    tc.addElement(P(text=cell))
                    tr.addElement(tc)
                t.addElement(tr)
            doc.text.addElement(t)
        elif val.strip():
            doc.text.addElement(P(text=val))
    doc.save(str(path))


def rtf_escape(s: str) -> str:
    out = []
    for ch in s:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:
                out.append("\\'%02x" % ch.encode("cp1250")[0])
            except UnicodeEncodeError:
                out.append("\\u%d?" % ord(ch))
    return "".join(out)


def write_rtf(text: str, path: Path) -> None:
    lines = plain(text.strip("\n")).splitlines()
    body = [r"{\rtf1\ansi\ansicpg1250\deff0{\fonttbl{\f0\fswiss\fcharset238 Arial;}}",
            r"{\info{\author plany corpus}}\viewkind4\uc1\pard\f0\fs22"]
    body.append(r"{\b " + rtf_escape(lines[0]) + r"}\par")
    for line in lines[1:]:
        body.append(rtf_escape(line) + r"\par")
    body.append("}")
    path.write_bytes(("\r\n".join(body) + "\r\n").encode("ascii"))


def write_pdf(text: str, path: Path) -> bool:
    sys.path.insert(0, "/tmp/fpdflib")  # a private install is fine: pip install --target /tmp/fpdflib fpdf2
    try:
        from fpdf import FPDF
    except ImportError:
        return False
    if not FONT.exists():
        return False
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_TIME.replace(tzinfo=dt.timezone.utc))
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for line in plain(text.strip("\n")).splitlines():
        if line.strip():
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4)
    pdf.output(str(path))
    return True


def build(row: dict) -> str:
    text = (SRC / f"{row['id']}.txt").read_text(encoding="utf-8")
    fmt = row["format"]
    path = OUT / f"{row['id']}.{fmt}"
    if fmt == "txt":
        write_txt(text, row["encoding"], path)
    elif fmt == "html":
        write_html(text, path)
    elif fmt == "docx":
        write_docx(text, path)
    elif fmt == "odt":
        write_odt(text, path)
    elif fmt == "rtf":
        write_rtf(text, path)
    elif fmt == "pdf":
        if not write_pdf(text, path):
            return f"skipped {path.name} (fpdf2 or DejaVu font missing)"
    else:
        raise SystemExit(f"unknown format {fmt}")
    return f"wrote {path.name}"


def main(argv: list[str]) -> int:
    OUT.mkdir(exist_ok=True)
    rows = manifest()
    if argv:
        rows = [r for r in rows if r["id"] in argv]
    for row in rows:
        print(build(row))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
