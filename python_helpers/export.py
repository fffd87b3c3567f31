"""Export one BI-facing table of the warehouse (schema `marts`) to a CSV file, e.g. a
consent-aware audience for an activation tool:

    python -m python_helpers export --db FILE --table contactable_audiences --out audience.csv \\
        [--where "channel = 'email'"]

Cells are neutralized against spreadsheet formula injection (python_helpers.csv_safe).
Only `marts` tables can be exported: raw PII (staging, intermediate, restricted) never
leaves through this command.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

import duckdb

from python_helpers.csv_safe import write_csv


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export a BI mart to CSV (formula-injection safe)", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", type=Path, default=Path(os.environ.get("DBT_DUCKDB_PATH", "warehouse/customer360.duckdb")))
    p.add_argument("--table", required=True, help="table in schema marts, e.g. contactable_audiences")
    p.add_argument("--where", default=None, help="optional SQL filter, e.g. \"channel = 'email'\"")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=run)


def export(db: Path, table: str, out: Path, where: str | None = None) -> int:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", table):
        raise SystemExit(f"export: invalid table name {table!r}")
    con = duckdb.connect(str(db), read_only=True)
    try:
        exists = con.execute("select count(*) from information_schema.tables where table_schema = 'marts' "
                             "and table_name = ? and table_catalog = current_database()", [table]).fetchone()[0]
        if not exists:
            raise SystemExit(f"export: no table marts.{table} (only BI marts can be exported)")
        cur = con.execute(f"select * from marts.{table}" + (f" where {where}" if where else "") + " order by all")
        header = [d[0] for d in cur.description]
        return write_csv(out, header, cur.fetchall())
    finally:
        con.close()


def run(args: argparse.Namespace) -> int:
    n = export(args.db, args.table, args.out, args.where)
    print(f"export: {n} rows of marts.{args.table} -> {args.out}")
    return 0
