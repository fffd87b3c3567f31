"""Print what a build produced: rows per source, rejects, profiles, tests, warehouse path.

The last lines of `make build`. Reads the warehouse read-only and dbt's
run_results.json; tables that a project stage has not built yet are skipped.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import duckdb


def _table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchone()[0]
    )


def summarize(db_path: Path, run_results: Path | None) -> list[str]:
    lines: list[str] = []
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rejects: dict[str, int] = {}
        if _table_exists(con, "staging", "stg_rejects"):
            rejects = dict(
                con.execute(
                    "select source_table, count(*) from staging.stg_rejects "
                    "where reject_reason not in ('duplicate_delivery', 'superseded_version') group by 1"
                ).fetchall()
            )
            dup = dict(
                con.execute(
                    "select source_table, count(*) from staging.stg_rejects "
                    "where reject_reason in ('duplicate_delivery', 'superseded_version') group by 1"
                ).fetchall()
            )
        else:
            dup = {}
        rows = con.execute(
            "select source_table, status, rows_loaded + rows_unparseable from raw._load_summary order by 1"
        ).fetchall()
        erased = dict(con.execute(
            "select source_table, sum(rows_erased) from raw._load_erasures group by 1").fetchall()
        ) if _table_exists(con, "raw", "_load_erasures") else {}
        lines.append(f"{'source':<22}{'status':>8}{'raw rows':>11}{'rejected':>10}{'dup./old versions':>19}"
                     f"{'erased':>8}")
        for name, status, n in rows:
            lines.append(f"{name:<22}{status:>8}{n:>11,}{rejects.get(name, 0):>10,}{dup.get(name, 0):>19,}"
                         f"{int(erased.get(name, 0)):>8,}")
        for schema, table, label in (
            ("marts", "customer_profiles", "customer profiles built"),
            ("marts", "customer_record_map", "source records resolved"),
            ("marts", "customer_segments", "segment memberships"),
        ):
            if _table_exists(con, schema, table):
                count = con.execute(f"select count(*) from {schema}.{table}").fetchone()[0]
                lines.append(f"{label}: {count:,}")
        if _table_exists(con, "marts", "privacy_erasure_audit"):
            (requests,), = con.execute("select count(distinct erasure_request_id) from marts.privacy_erasure_audit "
                                       "where erasure_kind = 'request'").fetchall()
            lines.append(f"erasure requests carried out (privacy_erasure_audit): {requests:,}")
        as_of = con.execute("select value from raw._load_metadata where key = 'data_as_of_date'").fetchone()
        if as_of:
            lines.append(f"data as-of date: {as_of[0]}")
    finally:
        con.close()
    if run_results and run_results.exists():
        results = json.loads(run_results.read_text())["results"]
        tests = [r for r in results if r["unique_id"].startswith(("test.", "unit_test."))]
        by_status: dict[str, int] = {}
        for r in tests:
            by_status[r["status"]] = by_status.get(r["status"], 0) + 1
        lines.append("dbt tests: " + ", ".join(f"{n} {s}" for s, n in sorted(by_status.items())))
    lines.append(f"warehouse: {db_path.resolve()}")
    return lines


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("summary", help="print the summary of a built warehouse", description=__doc__)
    p.add_argument("--db", type=Path, default=Path(os.environ.get("DBT_DUCKDB_PATH", "warehouse/customer360.duckdb")))
    p.add_argument("--run-results", type=Path, default=Path("target/run_results.json"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print("\n".join(summarize(args.db, args.run_results)))
    return 0
