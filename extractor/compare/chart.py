"""Charts of comparison tables (matplotlib, Agg backend): PNG, SVG or PDF by the file's extension.

* threats, partners: horizontal bars, one per row, stacked by the groups of ``--by``; for
  ``--by period`` a line per row over the half-years
* deadlines: the number of actions due per month, a line per group (a timeline)
* targets: the percentage targets per category as boxes (min, Q1, median, Q3, max) next to the
  counts of targets by direction
"""
from __future__ import annotations

import textwrap
from pathlib import Path

FORMATS = (".png", ".svg", ".pdf")
# colour-blind friendly qualitative palette (Okabe–Ito, then tab10 for more)
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#999933", "#332288",
           "#8c564b", "#7f7f7f", "#bcbd22", "#17becf"]
OTHER_COLOUR = "#BBBBBB"


class ChartError(ValueError):
    pass


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 10, "axes.titlesize": 12,
                         "svg.fonttype": "none", "axes.spines.top": False, "axes.spines.right": False})
    return plt


def _wrap(s: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(str(s), width=width, break_long_words=False)) or str(s)


_ABBREV = (("Komenda Powiatowa Policji", "KPP"), ("Komenda Miejska Policji", "KMP"),
           ("Komenda Wojewódzka Policji", "KWP"), ("Komenda Stołeczna Policji", "KSP"),
           ("Komenda Rejonowa Policji", "KRP"), ("Komisariat Policji", "KP"), ("Posterunek Policji", "PP"))


def _short(s: str, n: int = 48) -> str:
    """A legend label: police unit names abbreviated as the police write them (KPP w Łukowie)."""
    s = str(s)
    for long_, short in _ABBREV:
        s = s.replace(long_, short)
    return s if len(s) <= n else s[: n - 1] + "…"


def draw(table, path: str | Path, title: str | None = None) -> Path:
    """Draw ``table`` (a :class:`extractor.compare.Table`) to ``path``; returns the path."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ChartError(f"{path}: chart must be .png, .svg or .pdf")
    if not path.parent.exists():
        raise ChartError(f"{path}: directory {path.parent} does not exist")
    plt = _plt()
    if table.what == "targets":
        fig = _targets(plt, table)
    elif table.what == "deadlines":
        fig = _month_bars(plt, table)
    elif table.by == "period":
        fig = _timeline(plt, table, months=False)
    else:
        fig = _bars(plt, table)
    fig.suptitle(_wrap(title or table.title, 90), fontsize=12, fontweight="bold", x=0.01, ha="left")
    notes = [n for n in table.notes if n.startswith("Filtry")]
    if notes:
        fig.text(0.01, 0.005, notes[0], fontsize=8, color="#555555", ha="left", va="bottom")
    fig.savefig(path, dpi=150, bbox_inches="tight", pad_inches=0.25)
    plt.close(fig)
    return path


def _series(table):
    """(row labels, groups, {group: [counts per row]}) of a cross table's data rows."""
    cols = table.columns
    rows = table.data_rows
    label_i = 0
    groups = table.groups or ["Razem"]
    data = {}
    for g in groups:
        i = cols.index(g)
        data[g] = [r[i] or 0 for r in rows]
    labels = [r[label_i] for r in rows]
    return labels, groups, data


def _empty(plt, msg="Brak danych dla wybranych filtrów"):
    fig, ax = plt.subplots(figsize=(8, 2.5))
    ax.axis("off")
    ax.text(0.5, 0.5, msg, ha="center", va="center", fontsize=12, color="#555555")
    return fig


def _colour(i: int, g: str) -> str:
    return OTHER_COLOUR if g in ("pozostałe", "(brak)") else PALETTE[i % len(PALETTE)]


def _bars(plt, table):
    labels, groups, data = _series(table)
    if not labels:
        return _empty(plt)
    n = len(labels)
    wrapped = [_wrap(lab.replace("rodzaj: ", "▸ "), 42) for lab in labels]
    lines = sum(w.count("\n") + 1 for w in wrapped)
    height = max(3.0, 0.26 * lines + 0.22 * n + 1.4)
    fig, ax = plt.subplots(figsize=(11, height), layout="constrained")
    y = list(range(n))[::-1]
    left = [0] * n
    for i, g in enumerate(groups):
        vals = data[g]
        ax.barh(y, vals, left=left, color=_colour(i, g), edgecolor="white", linewidth=0.6, height=0.7,
                label=_short(g))
        left = [a + b for a, b in zip(left, vals)]
    for yi, total in zip(y, left):
        ax.text(total, yi, f" {total:g}", va="center", ha="left", fontsize=9, color="#333333")
    kinds = sum(1 for lab in labels if lab.startswith("rodzaj: "))
    if 0 < kinds < n:  # partners: kinds above, canonical bodies below
        ax.axhline(y[kinds - 1] - 0.5, color="#888888", linewidth=0.8, linestyle="--")
    ax.set_yticks(y, wrapped)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("liczba dokumentów")
    ax.set_xlim(0, max(left + [1]) * 1.12)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if len(groups) > 1:
        from extractor.compare.core import DIM_LABELS

        ax.legend(title=DIM_LABELS.get(table.by, ""), loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  frameon=False, fontsize=9, title_fontsize=9)
    return fig


def _timeline(plt, table, months: bool):
    cols = table.columns
    rows = table.data_rows
    if not rows:
        return _empty(plt)
    fig, ax = plt.subplots(figsize=(11, 5.2), layout="constrained")
    if months:
        xs = [r[0] for r in rows]
        groups = table.groups or ["Razem"]
        series = [(g, [r[cols.index(g)] or 0 for r in rows]) for g in groups]
        ylabel = "liczba działań z terminem w miesiącu"
        legend_title = None
        if table.groups:
            from extractor.compare.core import DIM_LABELS

            legend_title = DIM_LABELS.get(table.by, "")
    else:
        xs = [g for g in (table.groups or []) if g not in ("pozostałe", "(brak)")]
        series = [(r[0], [r[cols.index(g)] or 0 for g in xs]) for r in rows]
        ylabel = "liczba dokumentów"
        legend_title = "Zagrożenie" if table.what == "threats" else "Partner"
        if not xs:
            plt.close(fig)
            return _empty(plt, "Brak dokumentów z określonym okresem")
    pos = list(range(len(xs)))
    for i, (name, vals) in enumerate(series[:10]):
        ax.plot(pos, vals, marker="o", markersize=4, linewidth=2, color=PALETTE[i % len(PALETTE)],
                label=_wrap(str(name).replace("rodzaj: ", ""), 40))
    step = max(1, len(xs) // 18)
    ax.set_xticks(pos[::step], [xs[i] for i in pos[::step]], rotation=45 if len(xs) > 8 else 0,
                  ha="right" if len(xs) > 8 else "center")
    ax.set_ylabel(ylabel)
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    if len(series) > 1 or legend_title:
        ax.legend(title=legend_title, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9,
                  title_fontsize=9)
    return fig


def _targets(plt, table):
    cols = table.columns
    rows = [r for r in table.data_rows]
    if not rows:
        return _empty(plt)
    ix = {c: cols.index(c) for c in cols}
    from extractor.compare.core import DIRECTIONS

    labels = [_wrap(r[0], 40) for r in rows]
    n = len(rows)
    lines = sum(lab.count("\n") + 1 for lab in labels)
    height = max(3.2, 0.26 * lines + 0.22 * n + 1.6)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, height), sharey=True, layout="constrained",
                                   gridspec_kw={"width_ratios": [3, 2]})
    y = list(range(n))[::-1]
    stats, pos = [], []
    for yi, r in zip(y, rows):
        if r[ix["Mediana %"]] is None:
            continue
        stats.append({"med": r[ix["Mediana %"]], "q1": r[ix["Q1 %"]], "q3": r[ix["Q3 %"]],
                      "whislo": r[ix["Min %"]], "whishi": r[ix["Max %"]], "fliers": [], "label": ""})
        pos.append(yi)
    if stats:
        ax1.bxp(stats, positions=pos, orientation="horizontal", widths=0.55, patch_artist=True,
                boxprops={"facecolor": "#9ecae1", "edgecolor": "#08519c"},
                medianprops={"color": "#D55E00", "linewidth": 2}, whiskerprops={"color": "#08519c"},
                capprops={"color": "#08519c"})
        for yi, s in zip(pos, stats):
            ax1.text(s["whishi"], yi, f"  {s['med']:g}%", va="center", fontsize=8, color="#333333")
    ax1.set_yticks(y, labels)
    ax1.tick_params(axis="y", length=0)
    ax1.set_xlabel("docelowa zmiana (%) — mediana, kwartyle, min–max")
    ax1.set_xlim(0, 105)
    ax1.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax1.set_axisbelow(True)
    left = [0] * n
    for i, (code, lab) in enumerate(DIRECTIONS):
        vals = [r[ix[lab]] or 0 for r in rows]
        ax2.barh(y, vals, left=left, color=PALETTE[i], edgecolor="white", height=0.6, label=lab)
        left = [a + b for a, b in zip(left, vals)]
    ax2.set_xlabel("liczba celów według kierunku")
    ax2.xaxis.get_major_locator().set_params(integer=True)
    ax2.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax2.set_axisbelow(True)
    ax2.tick_params(axis="y", length=0)
    ax2.legend(title="Kierunek", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9,
               title_fontsize=9)
    return fig


def _month_bars(plt, table):
    """Actions due per month: bars stacked by group, every month of the span on the axis."""
    cols = table.columns
    rows = table.data_rows
    if not rows:
        return _empty(plt, "Brak działań z terminem dla wybranych filtrów")
    months = [r[0] for r in rows]
    groups = table.groups or ["Razem"]
    fig, ax = plt.subplots(figsize=(max(8.0, min(16.0, 0.16 * len(months) + 5)), 4.8), layout="constrained")
    pos = list(range(len(months)))
    bottom = [0] * len(months)
    for i, g in enumerate(groups):
        vals = [r[cols.index(g)] or 0 for r in rows]
        ax.bar(pos, vals, bottom=bottom, width=0.8, color=_colour(i, g), edgecolor="white", linewidth=0.4,
               label=_short(g))
        bottom = [a + b for a, b in zip(bottom, vals)]
    # a tick for each January (and the first month), labelled with the year; months between are minor
    major = [i for i, m in enumerate(months) if m.endswith("-01") or i == 0]
    if len(months) <= 18:
        major = pos
    ax.set_xticks(major, [months[i] if len(months) <= 18 else (months[i][:4] if months[i].endswith("-01")
                                                              else months[i]) for i in major],
                  rotation=45 if len(months) <= 18 else 0, ha="right" if len(months) <= 18 else "center")
    ax.set_xticks(pos, minor=True)
    ax.set_xlim(-0.6, len(months) - 0.4)
    ax.set_ylabel("liczba działań z terminem w miesiącu")
    ax.set_xlabel("miesiąc końca terminu")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if table.groups:
        from extractor.compare.core import DIM_LABELS

        ax.legend(title=DIM_LABELS.get(table.by, ""), loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  frameon=False, fontsize=9, title_fontsize=9)
    return fig
