"""The result of a comparison: a table with typed columns, and its text, CSV and JSON forms."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field


@dataclass
class Table:
    """A comparison table.

    ``columns``: headers (Polish); ``rows``: lists of values, one per column.  ``kinds`` tells
    what each column holds: ``label`` (text), ``count`` (an integer), ``share`` (a percentage,
    0–100, of the count column ``share_of[i]``), ``number`` (any other number).  ``groups`` are the
    values of the ``--by`` dimension in column order, ``series`` the row labels (what a chart plots).
    """

    columns: list[str]
    rows: list[list]
    kinds: list[str]
    title: str = ""
    what: str = ""
    by: str | None = None
    share_of: dict[int, int] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    filters: dict = field(default_factory=dict)
    footer_rows: int = 0           # trailing rows that are totals, not data (e.g. "Liczba dokumentów")

    # ---- access ---------------------------------------------------------------------------
    def column(self, name: str) -> list:
        i = self.columns.index(name)
        return [r[i] for r in self.rows]

    def row(self, label: str) -> list | None:
        """The first row whose first cell is ``label``."""
        return next((r for r in self.rows if r and r[0] == label), None)

    def cell(self, row_label: str, column: str):
        r = self.row(row_label)
        return None if r is None else r[self.columns.index(column)]

    @property
    def data_rows(self) -> list[list]:
        return self.rows[: len(self.rows) - self.footer_rows] if self.footer_rows else list(self.rows)

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, r)) for r in self.rows]

    # ---- output ---------------------------------------------------------------------------
    def to_json(self) -> str:
        return json.dumps({"title": self.title, "what": self.what, "by": self.by, "filters": self.filters,
                           "columns": self.columns, "kinds": self.kinds, "rows": self.records(),
                           "notes": self.notes}, ensure_ascii=False, indent=2)

    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(self.columns)
        for r in self.rows:
            w.writerow(["" if v is None else _num(v) for v in r])
        return buf.getvalue()

    def display_columns(self) -> list[tuple[str, list[int]]]:
        """Columns as a terminal shows them: a count and its share in one cell."""
        shares = set(self.share_of)
        counted = {c: s for s, c in self.share_of.items()}
        out = []
        for i, name in enumerate(self.columns):
            if i in shares:
                continue
            out.append((name, [i, counted[i]] if i in counted else [i]))
        return out

    def display_cell(self, row: list, idxs: list[int]) -> str:
        v = row[idxs[0]]
        s = _fmt(v, self.kinds[idxs[0]])
        if len(idxs) == 2 and row[idxs[1]] is not None and v not in (None, 0, ""):
            s += f" ({_fmt(row[idxs[1]], 'share')})"
        return s

    def to_text(self, width: int | None = None) -> str:
        """Aligned plain text (what ``--format table`` prints when rich is not at hand)."""
        cols = self.display_columns()
        cells = [[name for name, _ in cols]] + [[self.display_cell(r, ix) for _, ix in cols] for r in self.rows]
        widths = [max(len(c[j]) for c in cells) for j in range(len(cols))]
        lines = [self.title] if self.title else []
        for n, c in enumerate(cells):
            parts = []
            for j, v in enumerate(c):
                numeric = self.kinds[cols[j][1][0]] != "label"
                parts.append(v.rjust(widths[j]) if numeric and n else v.ljust(widths[j]))
            lines.append("  ".join(parts).rstrip())
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        lines += self.notes
        return "\n".join(lines) + "\n"


def _num(v):
    if isinstance(v, float):
        return f"{v:.1f}".rstrip("0").rstrip(".") if v == v else ""
    return v


def _fmt(v, kind: str) -> str:
    if v is None or v == "":
        return "–" if kind != "label" else ""
    if kind == "share":
        return f"{v:.0f}%" if abs(v - round(v)) < 0.05 or v >= 10 else f"{v:.1f}%"
    if kind == "number" and isinstance(v, float):
        return f"{v:.1f}".rstrip("0").rstrip(".")
    return str(v)
