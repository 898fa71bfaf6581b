"""``plany review``: every extracted value highlighted at its offsets, well-formed and escaped HTML."""
from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.review import collect_spans, render_html

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
VOID = {"meta", "br", "input", "img", "hr", "link"}


class Page(HTMLParser):
    """Checks nesting and collects the text of every element carrying ``data-item``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.items: dict[str, list[str]] = {}
        self.classes: dict[str, set] = {}
        self.ids: set[str] = set()
        self.errors: list[str] = []
        self.in_doc = 0
        self.doc_text: list[str] = []
        self.scripts: list[str] = []
        self.external: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k in ("src", "href"):
            v = a.get(k) or ""
            if v.startswith(("http:", "https:", "//")) and tag != "a":
                self.external.append(v)
        if tag == "link":
            self.external.append(str(a))
        if tag in VOID:
            return
        item = a.get("data-item")
        if a.get("id"):
            self.ids.add(a["id"])
        if item is not None:
            self.items.setdefault(item, []).append("")
            self.classes.setdefault(item, set()).update((a.get("class") or "").split())
        if a.get("id") == "doc":
            self.in_doc = len(self.stack) + 1
        self._script = tag == "script"
        self.stack.append((tag, item))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else None}")
            return
        self.stack.pop()
        self._script = False
        if self.in_doc and len(self.stack) < self.in_doc:
            self.in_doc = 0

    def handle_data(self, data):
        if self._script:
            self.scripts.append(data)
        if self.in_doc:
            self.doc_text.append(data)
        # the text goes to every open item (nested items contain their children's text)
        open_items = [i for _t, i in self.stack if i is not None]
        for i in set(open_items):
            self.items[i][-1] += data

    def item_text(self, key: str) -> str:
        return "".join(self.items.get(key, []))


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    assert not p.errors, p.errors[:5]
    assert not p.stack, f"unclosed: {p.stack[:5]}"
    return p


def check_all_highlighted(rec: dict, page: str) -> Page:
    p = parse(page)
    text = rec["text"]
    assert "".join(p.doc_text) == text  # the whole text, once, unchanged
    spans = collect_spans(rec)
    shown = 0
    for s in spans:
        if not s.ok:
            continue
        shown += 1
        assert f"h-{s.key}" in p.ids, s.key
        assert p.item_text(s.key) == text[s.start:s.end], s.key
        if s.field != "sections":
            assert f"f-{s.field}" in p.classes[s.key]
    return p


def _item(text, needle, n=0, **values):
    start = -1
    for _ in range(n + 1):
        start = text.index(needle, start + 1)
    return {**values, "text": needle, "start": start, "end": start + len(needle)}


TRICKY = ("Plan <b>działania</b> & co.\n<script>alert('x')</script> na ul. Długiej 5 w Łukowie "
          "pijący alkohol & hałas w nocy.\nDziałanie: patrole do 30 czerwca 2024 r. ze Strażą Miejską.")


def tricky_record() -> dict:
    t = TRICKY
    pij = _item(t, "pijący alkohol & hałas", category="alcohol_public")
    crossing = {"category": "public_disorder", "text": t[pij["start"] + 7:pij["end"] + 8],
                "start": pij["start"] + 7, "end": pij["end"] + 8}  # crosses the end of the other threat
    act = _item(t, "patrole do 30 czerwca 2024 r. ze Strażą Miejską", deadline={
        "start": "2024-06-30", "end": "2024-06-30", "granularity": "day", "text": "do 30 czerwca 2024 r."},
        recurrence=None, partners=["Straż Miejska"])
    return {
        "schema_version": "1.0", "source": {"path": "x<y>.txt", "sha256": "0" * 64, "format": "txt"},
        "doc_type": "priority_plan", "date": None, "period": None,
        "unit": None, "locality": "Łuków", "district": None, "officer": None,
        "sections": [{"kind": "title", "title": "Plan <b>", "start": 0, "end": 27},
                     {"kind": "actions", "title": "Działanie", "start": t.index("Działanie:"), "end": len(t)}],
        "threats": [pij, crossing],
        "locations": [_item(t, "ul. Długiej 5", name="ul. Długa 5", kind="address"),
                      _item(t, "<script>alert('x')</script>", name="<script>", kind="poi")],
        "time_windows": [_item(t, "w nocy", parts_of_day=["night"], days=[])],
        "targets": [], "actions": [act],
        "partners": [_item(t, "Strażą Miejską", name="Straż Miejska", kind="municipal_police")],
        "persons": [], "indicators": [],
        "text": t,
    }


def test_escaping_nesting_and_crossing():
    rec = tricky_record()
    page = render_html(rec)
    p = check_all_highlighted(rec, page)
    # no markup from the text survives: the text's tags are shown, escaped
    assert "<script>alert" not in page and "&lt;script&gt;alert(" in page
    assert "<b>działania" not in page and "&lt;b&gt;działania&lt;/b&gt;" in page
    assert "&amp; co." in page
    assert all("alert" not in s for s in p.scripts)
    assert not p.external
    # the crossing threat is split into pieces whose text joins to its own
    assert len(p.items["threats-1"]) == 2
    assert p.item_text("threats-1") == rec["threats"][1]["text"]
    # the deadline is marked inside its action
    assert p.item_text("deadlines-0") == "do 30 czerwca 2024 r."
    # the side list links to every highlight, and the values are shown escaped
    for key in ("threats-0", "threats-1", "locations-1", "actions-0", "partners-0", "time_windows-0"):
        assert f'href="#h-{key}"' in page
    assert "x&lt;y&gt;.txt" in page


def test_bad_offsets_listed_not_marked():
    rec = tricky_record()
    rec["locations"].append({"name": "Nigdzie", "kind": "area", "text": "Nigdzie", "start": 5, "end": 12})
    rec["locations"].append({"name": "Daleko", "kind": "area", "text": "x", "start": 10_000, "end": 10_001})
    rec["persons"].append({"name": "Jan Kowalski", "rank": None, "role": None})
    page = render_html(rec)
    p = check_all_highlighted(rec, page)
    assert "locations-2" not in p.items and "locations-3" not in p.items
    assert page.count('class="bad"') == 3


def test_empty_and_missing_text():
    page = render_html({"text": "", "threats": [{"category": "x", "text": "a", "start": 0, "end": 1}]})
    parse(page)
    page = render_html({"text": "a & b"})
    assert "a &amp; b" in page


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    from test_serve import build_db

    return build_db(tmp_path_factory.mktemp("review") / "plany.db")


def test_corpus_documents_all_highlighted(corpus_db):
    from extractor.review import review_page
    from extractor.store import get_document, open_db

    db = open_db(corpus_db, create=False)
    try:
        ids = [r[0] for r in db.conn.execute("select id from documents order by id")]
        marked = 0
        for i in ids:
            rec = get_document(db, i)
            page = review_page(db, i)
            check_all_highlighted(rec, page)
            marked += sum(1 for s in collect_spans(rec) if s.ok and s.field != "sections")
        assert marked > 200
    finally:
        db.close()


def test_cli_review(corpus_db, tmp_path):
    out = tmp_path / "page.html"
    r = CliRunner().invoke(app, ["review", "20", "--db", str(corpus_db), "-o", str(out)])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<mark" in page
    r = CliRunner().invoke(app, ["review", "99999", "--db", str(corpus_db), "-o", str(out)])
    assert r.exit_code == 1 and "no document" in r.output
    r = CliRunner().invoke(app, ["review", "1", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 1 and "no such database" in r.output


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seeds directory at {SEEDS}")
@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else [])
def test_seeds_highlighted(seed):
    from extractor.pipeline import extract_path

    rec = extract_path(SEEDS / seed)[0]
    page = render_html(rec)
    p = check_all_highlighted(rec, page)
    # the main values of the record are on the page, highlighted
    for key in ("threats", "locations", "partners", "targets", "time_windows", "actions"):
        for i, it in enumerate(rec.get(key) or []):
            if isinstance(it.get("start"), int) and rec["text"][it["start"]:it["end"]] == it.get("text"):
                assert p.item_text(f"{key}-{i}") == it["text"]
    assert html.escape(rec["text"][:40], quote=False).split("\n")[0][:20] in page
