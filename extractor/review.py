"""A review page: a document's text with every extracted value highlighted in place.

    from extractor.review import render_html, review_page
    html = render_html(record)              # the record as `plany extract` prints it (with "text")
    html = review_page(db, doc_id)          # a stored document

The page is one self-contained HTML file (inline CSS and a few lines of inline
JavaScript, no external resources) that works offline:

* the text, HTML-escaped, with each item of the record marked at its ``start``/``end``
  offsets, coloured by field; sections are background bands labelled with their kind
  and title; an action's deadline, when its text lies inside the action, is marked
  inside it;
* overlapping spans nest; a span that crosses the end of an enclosing one is split
  into pieces (every piece carries ``data-item``; the first also the anchor ``id``),
  so the markup is always well formed and the pieces' text joins to the item's text;
* a legend (with counts; a click hides or shows a field) and a side list of the
  record — the document-level fields and every item — each entry linking to its
  highlight.  Items whose offsets are missing, out of range or do not match their
  ``text`` are listed with a warning instead of being marked.
"""
from __future__ import annotations

import heapq
import json
from dataclasses import dataclass, field
from html import escape

# field -> (label PL / EN, colour); order = legend order
FIELDS: dict[str, tuple[str, str]] = {
    "document": ("pola dokumentu / document fields", "#ffe066"),
    "sections": ("sekcje / sections", "#eef2f7"),
    "threats": ("zagrożenia / threats", "#ff8a8a"),
    "locations": ("miejsca / locations", "#8ec5ff"),
    "time_windows": ("czas / time windows", "#d0a8ff"),
    "targets": ("cele / targets", "#8fe39a"),
    "actions": ("działania / actions", "#ffd9a8"),
    "deadlines": ("terminy / deadlines", "#ff9f40"),
    "partners": ("partnerzy / partners", "#6fe0d2"),
    "persons": ("osoby / persons", "#ffa8dc"),
    "indicators": ("mierniki / indicators", "#d6b48c"),
    "other": ("inne / other", "#cccccc"),
}
DOC_FIELDS = ("doc_type", "date", "period", "unit", "locality", "district", "officer")
LIST_FIELDS = ("sections", "threats", "locations", "time_windows", "targets", "actions", "partners", "persons",
               "indicators")


@dataclass
class Span:
    key: str            # unique item key, e.g. "threats-3", "document-unit", "deadlines-2"
    field: str          # colour class (a key of FIELDS)
    label: str          # short description of the value
    start: int | None
    end: int | None
    text: str | None    # the item's own text (evidence), if it has one
    ok: bool = True     # offsets usable and matching the text
    problem: str = ""
    kind: str = ""      # section kind
    order: int = 0


def _str(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _threat_names() -> dict:
    try:
        from extractor.resources import read_tsv

        return {r["code"]: r.get("name_pl") or "" for r in read_tsv("threat_categories.tsv")}
    except Exception:
        return {}


def _label(fname: str, it: dict, names: dict) -> str:
    g = it.get
    if fname == "sections":
        return f"{g('kind') or '?'}: {g('title') or ''}".strip()
    if fname == "threats":
        name = g("name") or names.get(g("category"), "")
        return f"{g('category')} — {name}" if name else str(g("category"))
    if fname in ("locations", "partners"):
        return f"{g('name')} ({g('kind')})" if g("kind") else str(g("name"))
    if fname == "time_windows":
        parts = []
        if g("from") or g("to"):
            parts.append(f"{g('from') or '…'}–{g('to') or '…'}")
        for k in ("days", "parts_of_day"):
            v = g(k)
            if v:
                parts.append(" ".join(v) if isinstance(v, list) else str(v))
        return ", ".join(parts) or "—"
    if fname == "targets":
        v = g("value")
        val = "" if v is None else (f" {v:g}" if isinstance(v, (int, float)) else f" {v}")
        unit = {"percent": "%", "count": ""}.get(g("unit"), f" {g('unit')}" if g("unit") else "")
        q = f" ({g('qualifier')})" if g("qualifier") else ""
        m = f": {g('metric')}" if g("metric") else ""
        return f"{g('direction')}{val}{unit}{q}{m}"
    if fname == "actions":
        parts = []
        dl = g("deadline")
        if isinstance(dl, dict) and (dl.get("end") or dl.get("start")):
            parts.append(f"termin {dl.get('start') or ''}/{dl.get('end') or ''}"
                         + (f" ({dl.get('granularity')})" if dl.get("granularity") else ""))
        if g("recurrence"):
            parts.append(f"co {g('recurrence')}")
        ps = g("partners")
        if ps:
            parts.append("partnerzy: " + ", ".join(p.get("name", "") if isinstance(p, dict) else str(p) for p in ps))
        return "; ".join(parts) or "działanie / action"
    if fname == "persons":
        bits = [x for x in (g("rank"), g("name")) if x]
        s = " ".join(bits)
        return f"{s}, {g('role')}" if g("role") else s
    if fname == "indicators":
        vals = g("values")
        if isinstance(vals, dict) and vals:
            return f"{g('name')}: " + ", ".join(f"{k}: {v}" for k, v in vals.items())
        return str(g("name"))
    for k in ("name", "category", "kind", "value"):
        if g(k) is not None:
            return _str(g(k))
    return fname


def _offset(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _check(span: Span, text: str) -> Span:
    s, e = span.start, span.end
    if not isinstance(s, int) or not isinstance(e, int) or isinstance(s, bool) or isinstance(e, bool):
        span.ok, span.problem = False, "brak przesunięć / no offsets"
    elif not (0 <= s < e <= len(text)):
        span.ok, span.problem = False, f"przesunięcia poza tekstem / offsets out of range ({s}–{e})"
    elif span.text is not None and text[s:e] != span.text:
        span.ok, span.problem = False, "tekst nie zgadza się z przesunięciami / text does not match the offsets"
    return span


def collect_spans(record: dict) -> list[Span]:
    """Every item of the record that can be shown, with its offsets checked against the text."""
    text = record.get("text") or ""
    names = _threat_names()
    out: list[Span] = []
    n = 0
    # document-level fields that carry evidence
    for key in DOC_FIELDS:
        v = record.get(key)
        vals = v if isinstance(v, list) else [v]
        for j, x in enumerate(vals):
            if isinstance(x, dict) and (_offset(x.get("start")) or _offset(x.get("end")) or "text" in x):
                label = f"{key}: " + (x.get("name") or _str({k: y for k, y in x.items()
                                                              if k not in ("text", "start", "end")}))
                if key == "officer" and x.get("rank"):
                    label = f"{key}: {x.get('rank')} {x.get('name')}"
                sk = f"document-{key}" + (f"-{j}" if isinstance(v, list) else "")
                out.append(_check(Span(sk, "document", label, x.get("start"), x.get("end"), x.get("text"),
                                       order=n), text))
                n += 1
    # the lists (known ones first, then any other list of items with offsets)
    keys = list(LIST_FIELDS) + sorted(k for k, v in record.items() if k not in LIST_FIELDS and k not in DOC_FIELDS and isinstance(v, list)
                                      and v and all(isinstance(x, dict) and "start" in x for x in v))
    for fname in keys:
        items = record.get(fname)
        if not isinstance(items, list):
            continue
        colour = fname if fname in FIELDS else "other"
        for i, it in enumerate(items):
            if not isinstance(it, dict):
                continue
            if fname == "sections":
                sp = Span(f"sections-{i}", "sections", _label(fname, it, names), it.get("start"), it.get("end"), None,
                          kind=str(it.get("kind") or ""), order=n)
            else:
                sp = Span(f"{fname}-{i}", colour, _label(fname, it, names), it.get("start"), it.get("end"),
                          it.get("text") if isinstance(it.get("text"), str) else None, order=n)
            out.append(_check(sp, text))
            n += 1
            # a deadline whose text lies inside its action: mark it there
            if fname == "actions" and sp.ok and isinstance(it.get("deadline"), dict):
                dl = it["deadline"]
                dtext = dl.get("text")
                ds = de = None
                if isinstance(dtext, str) and dtext.strip():
                    pos = text.find(dtext, sp.start, sp.end)
                    if pos >= 0:
                        ds, de = pos, pos + len(dtext)
                if ds is not None:
                    out.append(Span(f"deadlines-{i}", "deadlines",
                                    f"termin / deadline: {dl.get('start') or ''}/{dl.get('end') or ''}",
                                    ds, de, dtext, order=n))
                    n += 1
    return out


# ---- nesting ------------------------------------------------------------------------

@dataclass
class _Node:
    span: Span | None
    start: int
    end: int
    first: bool = True
    children: list = field(default_factory=list)


def build_tree(spans: list[Span], length: int) -> _Node:
    """Nest the usable spans; a span crossing the end of its container is split into pieces."""
    root = _Node(None, 0, length)
    heap = []
    for sp in spans:
        if sp.ok:
            # sections outermost, then longer spans outside shorter ones
            heapq.heappush(heap, (sp.start, -sp.end, 0 if sp.field == "sections" else 1, sp.order, True, sp.start,
                                  sp.end, id(sp), sp))
    stack = [root]
    while heap:
        start, _ne, _pri, order, first, s, e, _id, sp = heapq.heappop(heap)
        while len(stack) > 1 and stack[-1].end <= s:
            stack.pop()
        parent = stack[-1]
        if e > parent.end:  # crosses the end of its container: the rest becomes a new piece
            heapq.heappush(heap, (parent.end, -e, _pri, order, False, parent.end, e, _id, sp))
            e = parent.end
        if e <= s:
            continue
        node = _Node(sp, s, e, first)
        parent.children.append(node)
        stack.append(node)
    return root


def _render_node(node: _Node, text: str, out: list[str]) -> None:
    pos = node.start
    for ch in node.children:
        out.append(escape(text[pos:ch.start], quote=False))
        sp = ch.span
        tag = "span" if sp.field == "sections" else "mark"
        cls = ["hl", f"f-{sp.field}"]
        if sp.field == "sections":
            cls = ["band", f"k-{_css(sp.kind)}"]
        if not ch.first:
            cls.append("cont")
        attrs = [f'class="{" ".join(cls)}"', f'data-item="{escape(sp.key)}"', f'title="{escape(sp.label)}"']
        if ch.first:
            attrs.insert(0, f'id="h-{escape(sp.key)}"')
            if sp.field == "sections":
                attrs.append(f'data-label="§ {escape(sp.label)}"')
        out.append(f"<{tag} {' '.join(attrs)}>")
        _render_node(ch, text, out)
        out.append(f"</{tag}>")
        pos = ch.end
    out.append(escape(text[pos:node.end], quote=False))


def _css(s: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in s) or "x"


def render_text(record: dict, spans: list[Span] | None = None) -> str:
    """The document text as HTML with the spans marked (escaped, well nested)."""
    text = record.get("text") or ""
    spans = collect_spans(record) if spans is None else spans
    out: list[str] = []
    _render_node(build_tree(spans, len(text)), text, out)
    return "".join(out)


# ---- the page -------------------------------------------------------------------------

_CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#fafafa}
header{padding:.6em 1.2em;background:#24324a;color:#fff}
header h1{font-size:1.15em;margin:0 0 .2em}
header a{color:#cfe3ff}
header .meta{font-size:.85em;opacity:.9}
.legend{display:flex;flex-wrap:wrap;gap:.35em .9em;padding:.5em 1.2em;background:#fff;border-bottom:1px solid #ddd;
 position:sticky;top:0;z-index:5;font-size:.85em}
.legend label{cursor:pointer;white-space:nowrap}
.sw{display:inline-block;width:.95em;height:.95em;border:1px solid #888;vertical-align:-2px;margin-right:.25em;border-radius:2px}
main{display:flex;gap:1em;padding:1em 1.2em;align-items:flex-start}
#doc{flex:3;min-width:0;background:#fff;border:1px solid #ddd;padding:1em 1.2em;white-space:pre-wrap;
 overflow-wrap:anywhere;font:14px/1.65 ui-monospace,"DejaVu Sans Mono",Menlo,monospace}
aside{flex:2;min-width:18em;max-height:calc(100vh - 6em);overflow:auto;position:sticky;top:2.6em;font-size:.88em}
aside h2{font-size:1em;margin:.9em 0 .3em;border-bottom:1px solid #ddd}
aside table{border-collapse:collapse;width:100%}
aside td,aside th{overflow-wrap:anywhere;text-align:left;vertical-align:top;padding:.15em .4em;border-bottom:1px solid #eee}
aside th{white-space:nowrap;color:#555;font-weight:600}
aside ol{margin:0;padding-left:1.6em}
aside li{margin:.15em 0}
aside li q{color:#555;font-size:.92em}
aside li.bad{color:#a40000}
aside a{color:#0b4fa8;text-decoration:none}
aside a:hover{text-decoration:underline}
mark.hl{color:inherit;border-radius:2px;padding:0 1px;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark.hl mark.hl{padding:1px 0;border-bottom:2px solid rgba(0,0,0,.35)}
mark.f-actions{background:transparent;border-bottom:3px solid #f0a34b}
mark.hl:target,mark.hl.flash{outline:3px solid #d40000;outline-offset:1px}
.band{background:#f1f4f9;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.band[data-label]::before{content:attr(data-label);display:block;font:600 11px/1.6 system-ui,sans-serif;color:#24324a;
 background:#dde5f1;border-left:4px solid #24324a;padding:0 .5em;margin:.4em 0 .2em;white-space:normal}
.band.k-threat{background:#fff3f3}.band.k-goal{background:#f2fbf3}.band.k-actions{background:#fff8ee}
.band.k-partners{background:#eefbf9}
.warn{color:#a40000}
"""

_JS = """
document.querySelectorAll('.legend input').forEach(function(cb){
  cb.addEventListener('change',function(){document.body.classList.toggle('hide-'+cb.dataset.field,!cb.checked);});
});
document.querySelectorAll('aside a[href^="#h-"]').forEach(function(a){
  a.addEventListener('click',function(){
    var k=a.getAttribute('href').slice(3);
    document.querySelectorAll('[data-item="'+k+'"]').forEach(function(m){
      m.classList.add('flash');setTimeout(function(){m.classList.remove('flash');},1600);});
  });
});
"""


def _hide_rules() -> str:
    rules = []
    for f, (_label_, colour) in FIELDS.items():
        if f == "sections":
            rules.append("body.hide-sections .band{background:transparent}"
                         "body.hide-sections .band::before{display:none}")
            continue
        if f != "actions":
            rules.append(f"mark.f-{f}{{background:{colour}}}")
        rules.append(f"body.hide-{f} mark.f-{f}{{background:transparent;border-bottom:0;padding:0}}")
    return "\n".join(rules)


def _doc_fields_html(record: dict, spans: list[Span]) -> str:
    by_key = {s.key: s for s in spans}
    rows = []
    src = record.get("source") if isinstance(record.get("source"), dict) else {}
    for k in ("path", "format", "encoding", "sha256"):
        if src.get(k):
            rows.append((f"source.{k}", escape(_str(src.get(k)))))
    for key in DOC_FIELDS:
        v = record.get(key)
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            parts = []
            for j, x in enumerate(v):
                label = " ".join(str(y) for y in (x.get("rank"), x.get("name")) if y) or _str(x)
                sp = by_key.get(f"document-{key}-{j}")
                parts.append(_link(sp, label))
            rows.append((key, "<br>".join(parts)))
        elif isinstance(v, dict):
            sp = by_key.get(f"document-{key}")
            if key == "period":
                label = f"{v.get('start') or '…'} – {v.get('end') or '…'}"
            else:
                label = " ".join(str(y) for y in (v.get("rank"), v.get("name")) if y) or _str(
                    {a: b for a, b in v.items() if a not in ("text", "start", "end")})
                if v.get("kind"):
                    label += f" ({v['kind']})"
            rows.append((key, _link(sp, label)))
        else:
            rows.append((key, escape(", ".join(map(str, v)) if isinstance(v, list) else _str(v))))
    for k in ("schema_version", "model"):
        if record.get(k):
            rows.append((k, escape(_str(record.get(k)))))
    return "<table>" + "".join(f"<tr><th>{escape(a)}</th><td>{b}</td></tr>" for a, b in rows) + "</table>"


def _link(sp: Span | None, label: str) -> str:
    if sp is None:
        return escape(label)
    if not sp.ok:
        return f'{escape(label)} <span class="warn" title="{escape(sp.problem)}">⚠</span>'
    return f'<a href="#h-{escape(sp.key)}">{escape(label)}</a>'


def render_html(record: dict, title: str | None = None, doc_id=None, links: dict | None = None) -> str:
    """The whole review page for one record (which must hold its ``text``)."""
    text = record.get("text") or ""
    spans = collect_spans(record)
    body = render_text(record, spans)
    counts: dict[str, int] = {}
    for s in spans:
        counts[s.field] = counts.get(s.field, 0) + 1
    legend = []
    for f, (label, colour) in FIELDS.items():
        if f not in counts:
            continue
        legend.append(f'<label><input type="checkbox" checked data-field="{f}"><span class="sw" '
                      f'style="background:{colour}"></span>{escape(label)} ({counts[f]})</label>')
    src = record.get("source") if isinstance(record.get("source"), dict) else {}
    first = next((" ".join(l.split()) for l in text.splitlines() if l.strip()), "")
    name = title or (first[:117] + "…" if len(first) > 120 else first) or src.get("path") or "dokument / document"
    head_links = " · ".join(f'<a href="{escape(u)}">{escape(t)}</a>' for t, u in (links or {}).items())
    meta = " · ".join(escape(_str(x)) for x in (record.get("doc_type"), record.get("date"),
                                                record.get("locality"), src.get("path")) if x)
    if doc_id is not None:
        meta = f"#{escape(str(doc_id))} · " + meta
    side = [f"<h2>Dokument / Document</h2>{_doc_fields_html(record, spans)}"]
    by_field: dict[str, list[Span]] = {}
    for s in spans:
        if s.field != "document":
            base = s.key.rsplit("-", 1)[0]
            by_field.setdefault(base, []).append(s)
    for base, items in by_field.items():
        label, colour = FIELDS.get(base, (base, FIELDS["other"][1]))
        lis = []
        for s in items:
            quote = "" if s.field == "sections" or s.text is None else \
                f' <q>{escape(s.text if len(s.text) <= 90 else s.text[:87] + "…")}</q>'
            if s.ok:
                lis.append(f'<li><a href="#h-{escape(s.key)}">{escape(s.label)}</a>{quote}</li>')
            else:
                lis.append(f'<li class="bad">{escape(s.label)}{quote} <span class="warn">⚠ {escape(s.problem)}</span></li>')
        side.append(f'<h2><span class="sw" style="background:{colour}"></span>{escape(label)} ({len(items)})</h2>'
                    f"<ol start=\"0\">{''.join(lis)}</ol>")
    empty = [f for f in LIST_FIELDS if isinstance(record.get(f), list) and not record.get(f)]
    if empty:
        side.append("<p><small>Puste / empty: " + escape(", ".join(empty)) + "</small></p>")
    return f"""<!DOCTYPE html>
<html lang="pl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(str(name))} — plany review</title>
<style>{_CSS}
{_hide_rules()}</style></head>
<body>
<header><h1>{escape(str(name))}</h1><div class="meta">{meta}{' · ' + head_links if head_links else ''}
 · {len(text)} znaków / characters</div></header>
<nav class="legend">{''.join(legend)}</nav>
<main><div id="doc">{body}</div>
<aside>{''.join(side)}</aside></main>
<script>{_JS}</script>
</body></html>
"""


def review_page(db, doc_id: int, links: dict | None = None) -> str | None:
    """The review page of a stored document, or None for an unknown id."""
    from extractor.store import get_document

    rec = get_document(db, int(doc_id))
    if rec is None:
        return None
    return render_html(rec, doc_id=doc_id, links=links)
