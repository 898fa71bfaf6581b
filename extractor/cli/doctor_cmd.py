"""``plany doctor``: versions of the tools plany relies on and OK/MISSING checks. Always exits 0."""
from __future__ import annotations

import platform
import shutil
import sqlite3

import typer


def _version(mod: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(mod)
    except Exception:
        return None


def _fts5() -> bool:
    try:
        con = sqlite3.connect(":memory:")
        con.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        con.close()
        return True
    except sqlite3.Error:
        return False


def doctor_lines() -> list[str]:
    lines = [f"OK       python {platform.python_version()}"]
    for dist, label in (("spacy", "spacy"), ("morfeusz2", "morfeusz2"), ("dateparser", "dateparser"),
                        ("sqlite-utils", "sqlite-utils")):
        v = _version(dist)
        lines.append(f"{'OK' if v else 'MISSING':8} {label} {v or ''}".rstrip())
    try:
        from extractor.nlp.morph import dictionary_id

        lines.append(f"OK       morfeusz2 dictionary {dictionary_id()}")
    except Exception as e:  # morfeusz2 missing or broken
        lines.append(f"MISSING  morfeusz2 dictionary ({type(e).__name__}: {e})")
    lines.append(f"OK       sqlite3 {sqlite3.sqlite_version}")
    lines.append(f"{'OK' if _fts5() else 'MISSING':8} sqlite3 FTS5")
    try:
        from extractor.nlp import auto_candidates, auto_model, installed_models

        inst = installed_models()
        for name in auto_candidates():
            lines.append(f"{'OK' if name in inst else 'MISSING':8} spaCy model {name}"
                         + ("" if name in inst else " (optional; the blank pipeline is used without it)"))
        lines.append(f"OK       --model auto picks: {auto_model()}")
    except Exception as e:
        lines.append(f"MISSING  spaCy models ({type(e).__name__}: {e})")
    v = _version("hyperscan")
    from extractor.prefilter import cache_dir

    lines.append(f"{'OK' if v else 'MISSING':8} hyperscan {v or '(optional; without it every regex runs)'}"
                 + (f", compiled prefilters kept in {cache_dir()}" if v else ""))
    from extractor.resources import models_path, rules_path

    rd = rules_path()
    lines.append(f"{'OK' if rd.is_dir() else 'MISSING':8} rules directory {rd}")
    md = models_path()
    lines.append(f"{'OK' if md.is_dir() else 'MISSING':8} models directory {md}")
    try:
        from extractor.nlp.gazetteer import towns

        lines.append(f"OK       town gazetteer: {len(towns())} towns")
    except Exception as e:
        lines.append(f"MISSING  town gazetteer ({type(e).__name__}: {e})")
    for tool, purpose in (("antiword", ".doc text"), ("catdoc", ".doc text"), ("tesseract", "OCR of scanned PDFs"),
                          ("pdftotext", "PDF text")):
        path = shutil.which(tool)
        lines.append(f"{'OK' if path else 'MISSING':8} {tool} ({purpose}){' ' + path if path else ''}")
    return lines


def register(app: typer.Typer) -> None:
    @app.command()
    def doctor():
        """Print versions of Python, spaCy, Morfeusz, dateparser, SQLite (FTS5), the spaCy model in use,
        the rules directory and optional external tools, each as an OK/MISSING line."""
        for line in doctor_lines():
            typer.echo(line)
