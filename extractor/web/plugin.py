"""The Datasette plugin of ``plany serve`` (registered in-process, see ``extractor.web.__main__``).

* SQL functions on every connection: ``plany_fts_query(q)`` (the FTS5 query
  ``plany search`` builds: folded words, lemmas, stems), ``plany_snippet(text, q)``,
  ``plany_threat_name(code)``, and the store's ``plany_locality_match`` /
  ``plany_unit_match``;
* the documents table's search box (``?_search=``) runs that same query against
  ``documents_fts``, so "Łuków" finds "w Łukowie" and "lodz" finds "Łódź";
* filters ``?_threat=CODE``, ``?_year=YYYY``, ``?_voivodeship=NAME`` on documents, and
  facets of the same names (``{"threat": "category"}``, ``{"year": "date"}``,
  ``{"voivodeship": "voivodeship"}`` in the metadata) whose values toggle them;
* review pages at ``/-/review/<id>`` (``extractor.review``), linked from each
  document's title; long index columns shown short in HTML tables (JSON untouched).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from datasette import hookimpl
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, path_with_removed_args
from markupsafe import Markup, escape

NO_MATCH = '""'  # an FTS5 query that matches nothing (an empty query is a syntax error)


# ---- SQL functions ---------------------------------------------------------------------

def fts_query(q) -> str:
    from extractor.store.search import build_fts_query

    if q is None:
        return NO_MATCH
    try:
        return build_fts_query(str(q)) or NO_MATCH
    except Exception:
        return NO_MATCH


def snippet(text, q) -> str:
    from extractor.store.search import parse_query, snippet as _snippet

    if not text:
        return ""
    try:
        return _snippet(text, parse_query(str(q or "")), ("[", "]"))
    except Exception:
        return text[:200]


@lru_cache(maxsize=1)
def threat_names() -> dict:
    try:
        from extractor.resources import read_tsv

        return {r["code"]: r.get("name_pl") or "" for r in read_tsv("threat_categories.tsv")}
    except Exception:
        return {}


def threat_name(code):
    if code is None:
        return None
    return threat_names().get(str(code)) or None


@hookimpl
def prepare_connection(conn, database, datasette):
    from extractor.store.search import register_functions

    register_functions(conn)
    conn.create_function("plany_fts_query", 1, fts_query, deterministic=True)
    conn.create_function("plany_snippet", 2, snippet, deterministic=True)
    conn.create_function("plany_threat_name", 1, threat_name, deterministic=True)


# ---- filters on documents ----------------------------------------------------------------

YEAR_SQL = "substr(coalesce({t}date, {t}period_start), 1, 4)"


async def _has_table(datasette, database, name) -> bool:
    try:
        return await datasette.get_database(database).table_exists(name)
    except Exception:
        return False


@hookimpl(trylast=True)
def filters_from_request(request, database, table, datasette):
    if table != "documents":
        return None

    async def inner():
        where, params, human = [], {}, []
        extra = {"supports_search": True}
        q = request.args.get("_search")
        if q is not None:
            extra["search"] = q
            if q.strip():
                where.append("id in (select rowid from documents_fts where documents_fts match plany_fts_query(:p_search))")
                params["p_search"] = q
                human.append(f'search matches "{q}"')
        for i, code in enumerate(request.args.getlist("_threat")):
            where.append(f"id in (select document_id from threats where category = :p_threat{i})")
            params[f"p_threat{i}"] = code
            human.append(f'threat category is "{code}"')
        for i, y in enumerate(request.args.getlist("_year")):
            where.append(f"{YEAR_SQL.format(t='')} = :p_year{i}")
            params[f"p_year{i}"] = y.strip()
            human.append(f"year is {y.strip()}")
        vs = request.args.getlist("_voivodeship")
        if vs and await _has_table(datasette, database, "regions"):
            for i, v in enumerate(vs):
                where.append(f"id in (select document_id from regions where voivodeship = :p_voiv{i})")
                params[f"p_voiv{i}"] = v
                human.append(f'voivodeship is "{v}"')
        return FilterArguments(where, params=params, human_descriptions=human, extra_context=extra)

    return inner


# ---- facets --------------------------------------------------------------------------------

class _ParamFacet(Facet):
    """A facet whose values come from a query over the table's selected rows and toggle ``?<param>=value``."""

    param = ""
    name = ""
    needs_table = None

    def facet_sql(self, limit: int) -> str:  # value, count
        raise NotImplementedError

    def label(self, value):
        return value

    async def suggest(self):
        return []

    async def facet_results(self):
        results, timed_out = [], []
        if self.table != "documents" or not self.get_configs():
            return results, timed_out
        if self.needs_table and not await _has_table(self.ds, self.database, self.needs_table):
            return results, timed_out
        size = self.get_facet_size()
        try:
            rows = (await self.ds.execute(self.database, self.facet_sql(size + 1), self.params, truncate=False,
                                          custom_time_limit=self.ds.setting("facet_time_limit_ms"))).rows
        except Exception:
            timed_out.append(self.name)
            return results, timed_out
        selected_values = set(self.request.args.getlist(self.param))
        values = []
        for row in rows[:size]:
            value = "" if row[0] is None else str(row[0])
            sel = value in selected_values
            path = (path_with_removed_args(self.request, {self.param: value}) if sel
                    else path_with_added_args(self.request, {self.param: value}))
            values.append({"value": value, "label": self.label(value), "count": row[1],
                           "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
                           "selected": sel})
        results.append({"name": self.name, "type": self.type, "hideable": False,
                        "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {})),
                        "results": values, "truncated": len(rows) > size})
        return results, timed_out


class ThreatFacet(_ParamFacet):
    """Documents by the threat categories they name (``?_threat=CODE``)."""
    type = "threat"
    param = "_threat"
    name = "threat category"
    needs_table = "threats"

    def facet_sql(self, limit):
        return (f"select category, count(distinct document_id) as n from threats "
                f"where category is not null and document_id in (select id from ({self.sql})) "
                f"group by category order by n desc, category limit {int(limit)}")

    def label(self, value):
        name = threat_name(value)
        return f"{value} — {name}" if name else value


class YearFacet(_ParamFacet):
    """Documents by year (of the date, else of the period's start; ``?_year=YYYY``)."""
    type = "year"
    param = "_year"
    name = "year"

    def facet_sql(self, limit):
        y = YEAR_SQL.format(t="")
        return (f"select {y} as year, count(*) as n from documents where id in (select id from ({self.sql})) "
                f"and {y} is not null group by year order by year desc limit {int(limit)}")


class VoivodeshipFacet(_ParamFacet):
    """Documents by voivodeship, from the ``regions`` table (``?_voivodeship=NAME``)."""
    type = "voivodeship"
    param = "_voivodeship"
    name = "voivodeship"
    needs_table = "regions"

    def facet_sql(self, limit):
        return (f"select voivodeship, count(distinct document_id) as n from regions "
                f"where voivodeship is not null and document_id in (select id from ({self.sql})) "
                f"group by voivodeship order by n desc, voivodeship limit {int(limit)}")


@hookimpl
def register_facet_classes():
    return [ThreatFacet, YearFacet, VoivodeshipFacet]


# ---- review pages -----------------------------------------------------------------------

async def review_view(datasette, request):
    from datasette.utils.asgi import Response

    from extractor.review import render_html

    doc_id = int(request.url_vars["doc_id"])
    db = datasette.get_database()
    rows = (await db.execute("select record, text from documents where id = ?", [doc_id])).rows
    if not rows:
        return Response.html(f"<!DOCTYPE html><title>404</title><p>No document {doc_id}.</p>", status=404)
    rec = json.loads(rows[0][0]) if rows[0][0] else {}
    rec["text"] = rows[0][1] or ""
    links = {
        "wiersz / row": datasette.urls.row(db.name, "documents", str(doc_id)),
        "dokumenty / documents": datasette.urls.table(db.name, "documents"),
        "JSON": datasette.urls.row(db.name, "documents", str(doc_id)) + ".json",
    }
    return Response.html(render_html(rec, doc_id=doc_id, links=links))


PAGE_CSS = """
dl.column-descriptions{columns:3 22em;column-gap:2em;font-size:.8em;line-height:1.35;margin:.3em 0 1em}
dl.column-descriptions dt{break-after:avoid;font-weight:600}
dl.column-descriptions dd{margin:0 0 .45em .8em;color:#555;break-inside:avoid}
details.plany-columns{margin:.2em 0 1em}
details.plany-columns summary{cursor:pointer;color:#276890}
td.col-title a{font-weight:600}
td.col-snippet{max-width:40em;font-size:.92em}
"""

# the column descriptions (one per column, in two languages) start folded away
PAGE_JS = """
document.querySelectorAll('dl.column-descriptions').forEach(function(dl){
  var d=document.createElement('details');d.className='plany-columns';
  var s=document.createElement('summary');
  s.textContent='Opis kolumn / Column descriptions ('+dl.querySelectorAll('dt').length+')';
  d.appendChild(s);dl.parentNode.insertBefore(d,dl);d.appendChild(dl);
});
"""


async def css_view(datasette, request):
    from datasette.utils.asgi import Response

    return Response(PAGE_CSS, content_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


@hookimpl
def register_routes(datasette):
    return [(r"^/-/review/(?P<doc_id>\d+)$", review_view), (r"^/-/plany\.css$", css_view)]


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path("/-/plany.css")]


@hookimpl
def extra_body_script():
    return PAGE_JS


# ---- cells --------------------------------------------------------------------------------

_LONG = {"text_folded", "lemmas", "keywords", "record"}
_REVIEW = re.compile(r"^/-/review/(\d+)$")


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table == "documents":
        if column == "title" and "id" in row.keys():
            label = value if value else f"dokument {row['id']}"
            url = datasette.urls.path(f"/-/review/{row['id']}")
            return Markup(f'<a href="{escape(url)}" title="strona przeglądu / review page">{escape(label)}</a>')
        if column in _LONG and isinstance(value, str):
            return Markup(f'<span style="color:#888">({len(value)} znaków / chars)</span>')
        if column == "sha256" and isinstance(value, str) and len(value) > 12:
            return Markup(f'<span title="{escape(value)}">{escape(value[:12])}…</span>')
        if column == "text" and isinstance(value, str) and len(value) > 160:
            return Markup(f"{escape(' '.join(value[:160].split()))}…")
    if column == "snippet" and table is None and isinstance(value, str) and "[" in value:
        parts = re.split(r"\[([^\[\]]{1,80})\]", value)
        return Markup("".join(f"<mark>{escape(p)}</mark>" if i % 2 else str(escape(p)) for i, p in enumerate(parts)))
    if column == "review" and isinstance(value, str) and _REVIEW.match(value):
        url = datasette.urls.path(value)
        return Markup(f'<a href="{escape(url)}">przegląd / review</a>')
    if column == "category" and isinstance(value, str) and table == "threats":
        name = threat_name(value)
        if name:
            return Markup(f'{escape(value)} <span style="color:#666">— {escape(name)}</span>')
    return None
