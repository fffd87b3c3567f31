"""``python -m python_helpers quality``: run the great-expectations suites after
``dbt build`` and print every failing check.

Reads each suite's table from the warehouse (read-only) into pandas and
validates it in an ephemeral great-expectations context (pandas route, suites
from ``suites.py``). Writes under ``--target-dir``:

- ``quality/data_docs/index.html``: great-expectations Data Docs of this run;
- ``quality/quality_summary.json``: every expectation with suite, column,
  severity, success and observed value, plus the failing dbt quality metrics.

It also prints the metrics in error or warn from ``quality.quality_metrics``
(source, column, value, threshold, reason). Exit code 1 when an error-severity
expectation or metric fails, else 0 (warnings are printed, not fatal).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb

from python_helpers.quality.suites import SUITES, Facts, Suite


@dataclass
class Outcome:
    suite: str
    layer: str
    table: str
    expectation: str
    column: str | None
    severity: str
    success: bool | None  # None: suite skipped (table not built)
    observed: str
    message: str


def _exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    schema, name = table.split(".", 1)
    return bool(con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, name]
    ).fetchone()[0])


def read_facts(con: duckdb.DuckDBPyConnection) -> Facts:
    # rows in = loaded + unparseable - rows the erasure step deleted from this load
    rows_in = dict(con.execute(
        "select source_table, rows_loaded + rows_unparseable - coalesce((select sum(e.rows_erased) "
        "from raw._load_erasures e where e.source_table = s.source_table), 0) from raw._load_summary s").fetchall())
    currencies = [c for (c,) in con.execute("select distinct currency from reference.fx_rates order by 1").fetchall()]
    as_of = con.execute("select value from raw._load_metadata where key = 'data_as_of_date'").fetchone()
    return Facts(rows_in=rows_in, currencies=currencies, as_of_date=as_of[0] if as_of else "2999-12-31")


PII_HINTS = ("email", "phone", "name", "street", "postal", "birth", "handle")


def _observed(result: dict[str, Any], column: str | None = None) -> str:
    """Observed value of an expectation; sample values only for non-PII columns."""
    if "observed_value" in result:
        return str(result["observed_value"])
    if "unexpected_count" in result:
        pii = any(h in (column or "") for h in PII_HINTS)
        sample = [] if pii else (result.get("partial_unexpected_list") or [])
        shown = ", ".join(repr(v) for v in sample[:3])
        return (f"{result['unexpected_count']} unexpected ({result.get('unexpected_percent', 0):.1f}%)"
                + (f", e.g. {shown}" if shown else ""))
    return ""


def run_suites(db_path: Path, docs_dir: Path, suites: tuple[Suite, ...] = SUITES) -> list[Outcome]:
    import great_expectations as gx

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore")
    context = gx.get_context(mode="ephemeral")
    try:
        context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    except Exception:  # noqa: BLE001 - older/newer config shapes: progress bars are cosmetic
        pass
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    context.add_data_docs_site(site_name="customer360", site_config={
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir.resolve())},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })
    datasource = context.data_sources.add_pandas("warehouse")
    outcomes: list[Outcome] = []
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        facts = read_facts(con)
        for suite in suites:
            if not _exists(con, suite.table):
                status = "skipped (not built yet)" if suite.optional else "table missing"
                outcomes.append(Outcome(suite.name, suite.layer, suite.table, "table_exists", None,
                                        "warn" if suite.optional else "error",
                                        None if suite.optional else False, status,
                                        f"{suite.layer} {suite.name}: table {suite.table} {status}"))
                continue
            frame = con.execute(suite.query or f"select * from {suite.table}").df()
            asset = datasource.add_dataframe_asset(suite.name)
            batch = asset.add_batch_definition_whole_dataframe("all_rows")
            gx_suite = context.suites.add(gx.ExpectationSuite(name=suite.name))
            for check in suite.checks:
                cls_name = "".join(p.capitalize() for p in check.expectation.split("_"))
                expectation = getattr(gx.expectations, cls_name)(
                    **check.resolve(facts), meta={"severity": check.severity})
                gx_suite.add_expectation(expectation)
            validation = context.validation_definitions.add(
                gx.ValidationDefinition(name=f"{suite.name}__validation", data=batch, suite=gx_suite))
            checkpoint = context.checkpoints.add(gx.Checkpoint(
                name=f"{suite.name}__checkpoint", validation_definitions=[validation],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs")], result_format="SUMMARY"))
            result = checkpoint.run(batch_parameters={"dataframe": frame})
            for run_result in result.run_results.values():
                for res in run_result.results:
                    cfg = res.expectation_config
                    kwargs = cfg.kwargs
                    column = kwargs.get("column") or ",".join(
                        kwargs.get("column_list") or [c for c in (kwargs.get("column_A"), kwargs.get("column_B")) if c]
                    ) or None
                    severity = (cfg.meta or {}).get("severity", "error")
                    observed = _observed(res.result or {}, column)
                    if res.exception_info and res.exception_info.get("raised_exception"):
                        observed = f"exception: {res.exception_info.get('exception_message')}"
                    message = (f"{suite.layer} {suite.name}, column {column or '*'}: {cfg.type} "
                               f"{'passed' if res.success else 'FAILED'} ({severity}); observed {observed}")
                    outcomes.append(Outcome(suite.name, suite.layer, suite.table, cfg.type, column, severity,
                                            bool(res.success), observed, message))
    finally:
        con.close()
    return outcomes


def failing_metrics(db_path: Path) -> list[dict[str, Any]]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        if not _exists(con, "quality.quality_metrics"):
            return []
        frame = con.execute(
            "select run, layer, model, column_name, metric, value, threshold, status, message "
            "from quality.quality_metrics where status <> 'ok' order by status, layer, model, column_name, metric"
        ).df()
    finally:
        con.close()
    return frame.to_dict(orient="records")


def run_quality(db_path: Path, target_dir: Path) -> tuple[int, dict[str, Any]]:
    out_dir = target_dir / "quality"
    out_dir.mkdir(parents=True, exist_ok=True)
    outcomes = run_suites(db_path, out_dir / "data_docs")
    metrics = failing_metrics(db_path)
    errors = [o for o in outcomes if o.success is False and o.severity == "error"]
    warns = [o for o in outcomes if o.success is False and o.severity != "error"]
    metric_errors = [m for m in metrics if m["status"] == "error"]
    summary = {
        "status": "error" if errors or metric_errors else ("warn" if warns or metrics else "ok"),
        "expectations": len(outcomes),
        "failed_errors": len(errors),
        "failed_warnings": len(warns),
        "skipped_suites": sorted({o.suite for o in outcomes if o.success is None}),
        "data_docs": str((out_dir / "data_docs" / "index.html").resolve()),
        "results": [asdict(o) for o in outcomes],
        "failing_metrics": metrics,
    }
    (out_dir / "quality_summary.json").write_text(json.dumps(summary, indent=2, default=str))
    return (1 if summary["status"] == "error" else 0), summary


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quality", help="run the great-expectations suites on a built warehouse",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", type=Path, default=Path(os.environ.get("DBT_DUCKDB_PATH", "warehouse/customer360.duckdb")))
    p.add_argument("--target-dir", type=Path, default=Path("target"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    code, summary = run_quality(args.db, args.target_dir)
    for r in summary["results"]:
        if r["success"] is False:
            print(f"{'ERROR' if r['severity'] == 'error' else 'WARN '} [great-expectations] {r['message']}")
    for m in summary["failing_metrics"]:
        print(f"{'ERROR' if m['status'] == 'error' else 'WARN '} [quality_metrics] {m['message']}")
    for name in summary["skipped_suites"]:
        print(f"note: suite {name} skipped: its table is not built yet")
    print(f"quality: {summary['status']} - {summary['expectations']} expectations, "
          f"{summary['failed_errors']} error(s), {summary['failed_warnings']} warning(s), "
          f"{sum(m['status'] == 'error' for m in summary['failing_metrics'])} metric error(s); "
          f"Data Docs {summary['data_docs']}")
    sys.stdout.flush()
    return code
