"""``plany bench --import-docs N``: a generated archive imported end to end by the parallel importer
(real files, real worker processes, a real SQLite database; no timing checks)."""
import sqlite3

from extractor.bench_archive import import_archive


def test_a_generated_archive_is_imported_end_to_end(tmp_path):
    got = import_archive(tmp_path, 24, seed=3, workers=2)
    assert got["files"] == 24 and got["inserted"] == 24 and got["failed"] == 0, got
    assert got["workers"] == 2
    assert got["seconds"] > 0 and got["docs_per_s"] > 0
    assert got["writer_rss_mb"] > 0 and got["worker_rss_mb"] > 0
    conn = sqlite3.connect(got["db_path"])
    try:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 24
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert got["db_bytes"] > 0


def test_bench_reports_the_archive_import_and_its_queries(tmp_path):
    import json

    from typer.testing import CliRunner

    from extractor.cli import app

    out = tmp_path / "bench"
    res = CliRunner().invoke(app, ["bench", "--docs", "12", "--scale", "", "--workers", "2", "--repeat", "1",
                                   "--import-docs", "30", "--out", str(out)])
    assert res.exit_code == 0, res.output
    rep = json.loads((out / "report.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in rep["rows"]]
    assert "import 30 docs end to end, 2 workers" in names, names
    for want in ("peak RSS, import writer", "peak RSS, import worker", "database size, 30 imported docs",
                 "search p95 @ 30 imported", "compare p95 @ 30 imported"):
        assert want in names, names
    assert rep["archive_import"]["inserted"] == 30 and rep["archive_import"]["failed"] == 0
