"""The quality layer on the demo build: metrics table, source freshness, and
the great-expectations command (suites pass on clean data, Data Docs and the
JSON summary are written, a broken suite makes the command fail)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from python_helpers.quality import runner
from python_helpers.quality.suites import Suite, error


@pytest.mark.slow
def test_quality_metrics_table_is_tidy_and_clean(demo):
    assert demo.build.returncode == 0, demo.build.stdout[-4000:]
    cols = [c for (c,) in demo.query("select column_name from information_schema.columns "
                                     "where table_schema = 'quality' and table_name = 'quality_metrics' "
                                     "order by ordinal_position")]
    assert cols[:8] == ["run", "layer", "model", "column_name", "metric", "value", "threshold", "status"]
    assert demo.query("select count(*) from quality.quality_metrics where status = 'error'") == [(0,)]
    runs = demo.query("select distinct run from quality.quality_metrics")
    assert len(runs) == 1 and runs[0][0].startswith(demo.query(
        "select value from raw._load_metadata where key = 'data_as_of_date'")[0][0])
    metrics = {m for (m,) in demo.query("select distinct metric from quality.quality_metrics")}
    assert {"fill_rate", "valid_rate", "unique_rate", "duplicate_rate", "reject_rate", "freshness_days",
            "unaccounted_rows", "rows_in"} <= metrics
    # every source is accounted for: rows in = staged rows + rejects
    assert demo.query("select count(*) from quality.quality_metrics "
                      "where metric = 'unaccounted_rows' and value <> 0") == [(0,)]


@pytest.mark.slow
def test_source_freshness_passes_relative_to_as_of_date(demo):
    result = demo.warehouse.dbt("source", "freshness")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "ERROR STALE" not in result.stdout


@pytest.mark.slow
def test_quality_command_passes_and_writes_docs_and_summary(demo, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "python_helpers", "quality", "--db", str(demo.warehouse.db_path),
                           "--target-dir", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = json.loads((tmp_path / "quality" / "quality_summary.json").read_text())
    assert summary["failed_errors"] == 0 and summary["expectations"] > 40
    assert (tmp_path / "quality" / "data_docs" / "index.html").exists()
    assert {r["suite"] for r in summary["results"]} >= {"shop_orders", "customer_record_map", "row_accounting",
                                                        "record_map_vs_staging"}


@pytest.mark.slow
def test_failing_error_expectation_fails_the_run(demo, tmp_path):
    broken = (Suite("shop_orders", "staging.stg_shop__orders", (
        error("expect_column_values_to_be_in_set", column="currency", value_set=["EUR"]),)),)
    outcomes = runner.run_suites(demo.warehouse.db_path, tmp_path / "docs", broken)
    failed = [o for o in outcomes if o.success is False]
    assert len(failed) == 1 and failed[0].severity == "error"
    assert "source shop_orders, column currency" in failed[0].message
