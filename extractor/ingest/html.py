"""Article text out of police and municipal web pages.

1. decode: BOM, then the ``<meta charset>`` (when the bytes agree with it), else the txt detector;
2. parse with lxml, drop scripts, navigation, cookie banners, footers and link-dense blocks (menus
   of old table-layout pages);
3. trafilatura on the pruned tree; when it returns too little, a plain walk of the tree (block
   elements become line breaks, table cells tabs);
4. drop boilerplate lines (``rules/boilerplate.txt``, one regex per line, matched against a whole
   stripped line, case-insensitive);
5. put the title (``h1``, else ``<title>``) and the date line ("Data publikacji 16.11.2023",
   "2021-01-27, 07:53") on top when the body does not already hold them.
"""
from __future__ import annotations

import copy
import re

from lxml import etree
from lxml import html as lxml_html

from extractor.boilerplate import is_boilerplate
from extractor.ingest.detect import FormatError
from extractor.ingest.encoding import decode_bytes, declared_html_charset
from extractor.resources import read_tsv

BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "tbody",
         "thead", "section", "article", "header", "blockquote", "pre", "dd", "dt", "dl", "hr", "address",
         "figure", "figcaption", "main", "center", "caption", "tfoot", "fieldset", "details", "summary"}
DROP_TAGS = {"script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe", "object",
             "embed", "video", "audio", "canvas", "svg", "button", "select", "input", "textarea", "label",
             "head", "link", "meta", "map"}
_HINT = re.compile(
    r"(^|[\s_-])(cookie|cookies|rodo|gdpr|nav|navbar|navigation|menu|topmenu|mainmenu|submenu|breadcrumbs?|"
    r"okruszki|sciezka|footer|stopka|sidebar|social|share|sharing|udostepnij|skip|skiplinks|wcag|"
    r"contrast|kontrast|font-?size|search|szukaj|wyszukiwarka|banner-cookie|newsletter|pagination|"
    r"paginacja|login|header-top|top-bar|topbar)($|[\s_-])", re.I)
MIN_TRAFILATURA = 200          # characters; less than this (or < 1/3 of the walk) -> use the walk

_DATE = r"(\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+\w+\s+\d{4})"
DATE_LINE = re.compile(
    r"^\s*((data\s+(publikacji|dodania|utworzenia|wytworzenia|wprowadzenia|opublikowania)|opublikowano|"
    r"dodano|utworzono|publikacja|data)\s*:?\s*" + _DATE + r".{0,80}"
    # "Wtorek, 27 stycznia 2026 r., 13:05": a weekday before the date, "r." after it
    r"|((" + "|".join(r["forms"].split("|")[0] for r in read_tsv("temporal", "weekdays.tsv")) + r")\s*,?\s*)?" + _DATE
    + r"(\s*r\.)?(\s*,?\s*(godz\.?\s*)?\d{1,2}:\d{2})?)\s*$", re.I)


def decode_html(data: bytes) -> tuple[str, str]:
    return decode_bytes(data, declared=declared_html_charset(data))


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _parse(text: str):
    """The lxml tree of a page; None when the page nests deeper than libxml2 follows (it would drop
    the text below that depth: the caller then reads the page flat, see ``flat_text``)."""
    text = re.sub(r"^\s*<\?xml[^>]{0,500}\?>", "", text)
    text = _NOT_XML.sub(" ", text)   # lxml refuses strings with these (NUL, C0 controls, lone surrogates)
    if not text.strip():
        raise FormatError("empty HTML page")
    parser = lxml_html.HTMLParser()
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise FormatError(f"not a valid HTML page ({' '.join(str(e).split())[:120]})") from None
    if any("depth" in (err.message or "").lower() for err in parser.error_log):
        return None
    return root


_FLAT_DROP = re.compile(r"<(script|style|noscript|template|svg|iframe|object|embed|textarea|select|button|"
                        r"head|nav|footer|aside|form|canvas|video|audio|map)\b[^<>]{0,4000}>.*?(?:</\1\s*>|\Z)",
                        re.I | re.S)
_FLAT_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<![^<>]{0,4000}>|<\?[^<>]{0,4000}>", re.S)
_FLAT_CELL = re.compile(r"<t[dh](?:\s[^<>]{0,4000})?>", re.I)
_FLAT_BLOCK = re.compile(r"</?(?:%s)(?:\s[^<>]{0,4000})?/?>" % "|".join(sorted(BLOCK, key=len, reverse=True)), re.I)
_FLAT_TAG = re.compile(r"</?[A-Za-z][^<>]{0,4000}>")
_FLAT_TITLE = re.compile(r"<title\b[^<>]{0,4000}>(.{0,2000}?)</title", re.I | re.S)


def flat_text(text: str) -> tuple[str, str | None]:
    """(text, title) of a page without building a tree: scripts, styles, comments and navigation
    dropped with their content, block tags made line breaks, table cells tabs, other tags removed.
    Used for pages nested too deeply for a parser; every pattern is bounded (no quadratic scans)."""
    import html as html_lib

    m = _FLAT_TITLE.search(text)
    title = " ".join(html_lib.unescape(_FLAT_TAG.sub("", m.group(1))).split()) or None if m else None
    text = _FLAT_COMMENT.sub(" ", text)
    text = _FLAT_DROP.sub(" ", text)
    text = _FLAT_CELL.sub("\t", text)
    text = _FLAT_BLOCK.sub("\n", text)
    text = _FLAT_TAG.sub("", text)
    text = html_lib.unescape(text)
    lines = []
    for line in text.split("\n"):
        cells = [" ".join(c.split()) for c in line.split("\t")]
        lines.append("\t".join(c for c in cells if c))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), title


def _clean(el) -> str:
    return " ".join(el.text_content().split())


def _link_dense(el) -> bool:
    links = el.findall(".//a")
    if len(links) < 3:
        return False
    total = len(_clean(el))
    if total == 0:
        return True
    link_chars = sum(len(_clean(a)) for a in links)
    return link_chars / total >= 0.7


def _prune(root) -> None:
    """Remove scripts, navigation, banners, footers and link-dense lists in place."""
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        tag = el.tag.lower()
        attrs = " ".join(filter(None, (el.get("id"), el.get("class"), el.get("role"))))
        if tag in DROP_TAGS or (tag == "header" and el.find(".//h1") is None):
            _drop(el)
        elif attrs and _HINT.search(attrs) and tag not in ("body", "html", "main", "article") \
                and el.find(".//h1") is None:
            _drop(el)
        elif el.get("aria-hidden") == "true" or "display:none" in (el.get("style") or "").replace(" ", ""):
            _drop(el)
    for el in list(root.iter("ul", "ol", "table", "td", "div", "p", "menu", "dl")):
        if el.getparent() is not None and el.find(".//h1") is None and _link_dense(el):
            _drop(el)


def _drop(el) -> None:
    """Remove an element but keep its tail text."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def walk_text(root) -> str:
    """Text of a tree: block elements on their own lines, table cells tab-separated."""
    parts: list[str] = []

    def rec(el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in DROP_TAGS:
            return
        block = tag in BLOCK
        if block:
            parts.append("\n")
        if tag in ("td", "th"):
            parts.append("\t")
        if el.text and tag:
            parts.append(el.text)
        for ch in el:
            rec(ch)
            if ch.tail:
                parts.append(ch.tail)
        if block:
            parts.append("\n")

    body = root.find("body")
    rec(body if body is not None else root)
    text = "".join(parts)
    lines = []
    for line in text.split("\n"):
        cells = [" ".join(c.split()) for c in line.split("\t")]
        cells = [c for c in cells if c]
        lines.append("\t".join(cells))
    out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


# what trafilatura.extract is asked for
TRAFILATURA_OPTIONS = dict(include_comments=False, include_tables=True, include_images=False, include_links=False,
                           include_formatting=False, deduplicate=False, favor_recall=True, output_format="xml")


def _trafilatura_xml(tree) -> str | None:
    """``trafilatura.extract(tree, **TRAFILATURA_OPTIONS)`` without the record id and the fingerprint that
    ``extract`` adds to the output's ``<doc>`` element (a simhash of the whole text: a quarter of its time),
    which nothing here reads: its own two steps, ``bare_extraction`` and ``determine_returnstring``, with the
    options ``extract`` makes of those arguments.  Where this trafilatura has other internals, ``extract``."""
    try:
        from trafilatura.core import bare_extraction, determine_returnstring
        from trafilatura.settings import DEFAULT_CONFIG, Document, Extractor

        options = Extractor(config=DEFAULT_CONFIG, output_format="xml", fast=False, precision=False, recall=True,
                            comments=False, formatting=False, links=False, images=False, tables=True, dedup=False,
                            lang=None, url=None, with_metadata=False, only_with_metadata=False,
                            tei_validation=False, author_blacklist=None, url_blacklist=None, date_params=None)
    except (ImportError, TypeError):  # pragma: no cover - another trafilatura
        import trafilatura

        return trafilatura.extract(tree, **TRAFILATURA_OPTIONS)
    document = bare_extraction(tree, options=options, as_dict=False)
    if not document or not isinstance(document, Document):
        return None
    return determine_returnstring(document, options)


def _trafilatura(root) -> str:
    """Main text by trafilatura (XML output, rendered here: blank line between blocks, tab between cells);
    empty when trafilatura fails on the page (or is not installed)."""
    try:
        xml = _trafilatura_xml(copy.deepcopy(root))
    except Exception:
        return ""
    return _render_xml(xml)


def _render_xml(xml: str | None) -> str:
    """The text of trafilatura's XML output: blocks of its ``main`` separated by a blank line."""
    if not xml:
        return ""
    try:
        doc = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError:
        return ""
    main = doc.find("main")
    blocks: list[str] = []
    _render(main if main is not None else doc, blocks)
    return "\n\n".join(b for b in blocks if b.strip())


_XML_BLOCKS = {"p", "head", "quote", "code", "list", "table"}


def _inline(el) -> str:
    parts = [el.text or ""]
    for ch in el:
        if ch.tag == "lb":
            parts.append("\n")
        elif ch.tag in ("graphic", "ref") and not (ch.text or "").strip():
            pass
        else:
            parts.append(_inline(ch))
        parts.append(ch.tail or "")
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n")).strip()


def _render(el, blocks: list[str]) -> None:
    if (el.text or "").strip():
        blocks.append(" ".join(el.text.split()))
    for ch in el:
        tag = ch.tag
        if tag in ("p", "head", "quote", "code"):
            blocks.append(_inline(ch))
        elif tag == "list":
            items = [_inline(it) for it in ch.iter("item")]
            blocks.append("\n".join(i for i in items if i))
        elif tag == "table":
            rows: list[str] = []
            for row in ch.iter("row"):
                cells = [c for c in row if c.tag == "cell"]
                if any(c.find(t) is not None for c in cells for t in _XML_BLOCKS):
                    # a layout table: cells hold whole articles
                    if rows:
                        blocks.append("\n".join(rows))
                        rows = []
                    for c in cells:
                        _render(c, blocks)
                else:
                    texts = [_inline(c).replace("\n", " ") for c in cells]
                    while texts and not texts[-1]:
                        texts.pop()
                    if any(texts):
                        rows.append("\t".join(texts))
            if rows:
                blocks.append("\n".join(rows))
        elif tag in ("comments", "graphic"):
            pass
        else:
            _render(ch, blocks)
        if (ch.tail or "").strip():
            blocks.append(" ".join(ch.tail.split()))


def _lost_structure(extracted: str, walked: str) -> bool:
    """trafilatura's baseline fallback glues a whole small page into one paragraph; the pruned walk
    then holds the same text with its line structure."""
    n_blocks = len([b for b in extracted.split("\n") if b.strip()])
    n_lines = len([b for b in walked.split("\n") if b.strip()])
    return n_lines >= 3 and n_blocks * 4 <= n_lines and len(extracted) >= 0.7 * len(walked.replace("\t", " "))


def _filter_lines(text: str) -> str:
    out = []
    for line in text.split("\n"):
        s = line.strip()
        if s and (is_boilerplate(s) or re.fullmatch(r"[|»«›>•·\-–—/\\*]+", s)):
            continue
        out.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def _title(root) -> tuple[str | None, bool]:
    """(title, whether it comes from an h1)."""
    for path in (".//h1", ".//title"):
        for el in root.iterfind(path):
            t = _clean(el)
            if t:
                if path == ".//title":
                    # "Artykuł - Komenda Powiatowa Policji w X" -> keep the article part
                    t = re.split(r"\s+[|–—-]\s+", t)[0].strip() or t
                return t, path == ".//h1"
    return None, False


_PUBLISHER = re.compile(r"(?i)\b(?:komend|komisariat|posterun|policj|straż|urz[ąę]d|gmin|starostw|KPP|KMP|KWP)\w*")


def _publisher(root) -> str | None:
    """The site that publishes the page, from the ``<title>`` part after its separator
    ("Debata w Szczytnie - Komenda Powiatowa Policji w Szczytnie"), when it names an institution."""
    for el in root.iterfind(".//title"):
        parts = re.split(r"\s+[|–—-]\s+", _clean(el) or "")
        if len(parts) > 1 and _PUBLISHER.search(parts[-1]) and len(parts[-1]) <= 120:
            return parts[-1].strip()
    return None


_BYLINE = re.compile(r"^(?:Tekst|Autor|Autorka|Opracowa\w*|Opr\.|Informacj\w+\s+przygotowa\w+)\s*:?\s+\S", re.I)


def _byline(root) -> str | None:
    """The article's author line ("Tekst: asp. Ewa Nowak", "Opracowała: ..."), which article
    extractors keep as metadata only; a person named there belongs to the record."""
    for el in root.iter("p", "div", "span", "em", "i", "small"):
        t = _clean(el)
        if t and len(t) <= 150 and _BYLINE.match(t):
            # its lines as the page breaks them ("Opracował: …<br>Zatwierdził: …"), not run together
            return walk_text(el).strip() or t
    return None


def _date_line(lines: list[str]) -> str | None:
    for line in lines:
        s = " ".join(line.split())
        if len(s) <= 120 and DATE_LINE.match(s):
            return s
    return None


def html_to_text(data: bytes) -> tuple[str, str, dict]:
    """(text, encoding, info) of an HTML page; info has ``title`` and ``method``."""
    decoded, encoding = decode_html(data)
    root = _parse(decoded)
    if root is None:
        body, title = flat_text(decoded)
        body = _filter_lines(body)
        if not body.strip():
            raise FormatError("HTML page without text")
        return body, encoding, {"title": title, "method": "flat (nested too deeply for a parser)",
                                "warnings": ["HTML nested too deeply for a parser: read without its structure"]}
    title, info_h1 = _title(root)
    publisher = _publisher(root)
    byline = _byline(root)
    full_lines = walk_text(root).split("\n")
    date_line = _date_line(full_lines)
    _prune(root)
    walked = walk_text(root)
    extracted = _trafilatura(root)
    method = "trafilatura"
    if len(extracted) < MIN_TRAFILATURA and len(extracted) < len(walked) / 3 or not extracted.strip():
        extracted, method = walked, "walk"
    elif _lost_structure(extracted, walked):
        extracted, method = walked, "walk (trafilatura merged the blocks)"
    body = _filter_lines(extracted)
    head = []
    blocks = body.split("\n\n") if body else []
    flat_body = " ".join(body.split())
    h1 = title if info_h1 else None
    if h1 and blocks and " ".join(blocks[0].split()) == " ".join(h1.split()):
        head.append(blocks.pop(0))     # the body starts with the title: the date goes after it
        body = "\n\n".join(blocks)
    elif h1 and " ".join(h1.split()) not in " ".join(" ".join(blocks[:3]).split()):
        head.append(h1)
    if publisher and " ".join(publisher.split()) not in flat_body[:400]:
        head.insert(0, publisher)    # who publishes the page: the police unit of a police site
    if date_line and date_line not in flat_body:
        head.append(date_line)
    if byline and " ".join(byline.split()) not in flat_body:
        body = f"{body}\n\n{byline}" if body else byline
    text = "\n\n".join(head + [body]) if body else "\n\n".join(head)
    if not text.strip():
        # a damaged page (an unclosed <title> or <textarea> swallows the rest in any parser): read it flat
        flat, flat_title = flat_text(_NOT_XML.sub(" ", decoded))
        flat = _filter_lines(flat)
        if not flat.strip():
            raise FormatError("HTML page without text")
        return flat, encoding, {"title": flat_title or title, "method": "flat (damaged page)",
                                "warnings": ["damaged HTML (the parser found no text): read without its structure"]}
    return text, encoding, {"title": title, "method": method}
