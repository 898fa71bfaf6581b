"""Batch garbage-collector settings: entered by the batch entry points, always restored for the caller."""
from __future__ import annotations

import gc

from typer.testing import CliRunner

from extractor import gc_tuning
from extractor.cli import app
from extractor.parallel import import_paths

PLAN = ("Plan działania priorytetowego\nKomenda Powiatowa Policji w Łukowie\n"
        "Zagrożenie: spożywanie alkoholu przy ul. Warszawskiej 12 w godzinach 18-22.\n")


def test_batch_freezes_and_restores():
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    with gc_tuning.batch_gc():
        assert gc.get_threshold() == gc_tuning.BATCH_THRESHOLDS
        assert gc.get_freeze_count() > frozen
        loaded_later = [[i] for i in range(1000)]   # e.g. a model loaded after the batch began
        count = gc.get_freeze_count()
        with gc_tuning.batch_gc():   # nested: freezes what was loaded since, restores nothing yet
            assert gc.get_freeze_count() >= count + len(loaded_later)
        assert gc.get_threshold() == gc_tuning.BATCH_THRESHOLDS
        assert gc.get_freeze_count() > frozen
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    gc_tuning.leave_batch()   # an extra leave is harmless
    assert gc.get_threshold() == before


def test_restored_after_an_error():
    before = gc.get_threshold()
    try:
        with gc_tuning.batch_gc():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_cli_extract_restores_the_settings(tmp_path):
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    before = gc.get_threshold()
    res = CliRunner().invoke(app, ["extract", str(tmp_path / "plan.txt")])
    assert res.exit_code == 0, res.output
    assert '"doc_type"' in res.output
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_in_process_import_restores_the_settings(tmp_path):
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    before = gc.get_threshold()
    summary = import_paths(tmp_path / "x.db", [tmp_path / "plan.txt"], workers=1)
    assert summary.inserted == 1
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
