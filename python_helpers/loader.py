"""Load raw export files into the warehouse's ``raw`` schema, checking the contract.

Every source of the contract (see ``contract.py``) is looked up in the raw
directory as ``<name>.csv``, ``<name>.csv.gz``, ``<name>.parquet`` or a folder
``<name>/`` of such files. For each one the loader:

1. fails with a message naming the file and the column when a required column
   is missing (extra columns are tolerated and ignored, with a note);
2. creates ``raw.<name>`` with every contract column as text (typing and
   validation happen in staging, so no value is lost here), plus lineage columns
   ``_source_file`` and ``_source_row``;
3. keeps CSV lines the parser cannot read (a broken quote, a wrong number of
   fields) in ``raw._load_rejects`` with the file, line and error, instead of
   dropping them;
4. treats an absent or zero-byte file as an empty source (a warning).

``--append`` loads additively: the raw tables are kept and only files not loaded
yet are added (a new day file in a source folder); loading the whole folder again
without it gives the same raw tables.

It also writes ``raw._load_summary`` (rows per source), an empty
``raw._load_erasures`` (raw rows the erasure step later deletes from this load) and
``raw._load_metadata`` with the data's as-of date: the last day of the main,
gap-free run of dated days across the event sources (see
``compute_as_of_date``). Corrupt far-future timestamps therefore cannot move
the as-of date, and the same data always gives the same date (never ``now()``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from python_helpers.contract import SourceTable, load_contract
from python_helpers.sql_text import sql_identifier, sql_string

RAW_SCHEMA = "raw"

# (raw table, timestamp column) pairs that date the data for the as-of rule.
AS_OF_COLUMNS: tuple[tuple[str, str], ...] = (
    ("shop_orders", "ordered_at"),
    ("web_events", "event_at"),
    ("app_events", "event_at"),
    ("email_events", "event_at"),
    ("social_interactions", "interaction_at"),
    ("support_tickets", "created_at"),
    ("survey_responses", "submitted_at"),
    ("consent_events", "recorded_at"),
)


class ContractError(Exception):
    """A raw file breaks the contract (e.g. a required column is missing)."""


# schemas the loader and dbt create in the warehouse (dbt_project.yml). DuckDB names the
# file's catalog after the file (raw.duckdb -> catalog raw), and `raw.shop_orders` is then
# ambiguous between catalog and schema: such a file name is refused up front.
PROJECT_SCHEMAS = ("raw", "staging", "intermediate", "marts", "restricted", "quality", "reference", "history",
                   "privacy", "main")


@dataclass
class LoadResult:
    file_name: str
    status: str  # loaded | absent | empty
    files: list[str]
    rows_loaded: int
    rows_unparseable: int
    extra_columns: list[str]


def find_files(raw_dir: Path, name: str) -> list[Path]:
    """The files that hold source ``name``, sorted for a stable load order."""
    candidates: list[Path] = []
    for suffix in (".csv", ".csv.gz", ".parquet"):
        path = raw_dir / f"{name}{suffix}"
        if path.is_file():
            candidates.append(path)
    folder = raw_dir / name
    if folder.is_dir():
        for pattern in ("*.csv", "*.csv.gz", "*.parquet"):
            candidates.extend(sorted(folder.glob(pattern)))
    return [p for p in candidates if p.stat().st_size > 0]


def _csv_header(path: Path) -> list[str]:
    """The header line of a CSV file, parsed with the same dialect as the data."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), [])


def _file_columns(con: duckdb.DuckDBPyConnection, files: list[Path]) -> list[str]:
    """Header names of every file (union), as written."""
    names: list[str] = []
    for path in files:
        if path.suffix == ".parquet":
            rel = f"read_parquet({sql_string(str(path))})"
            cols = [c for (c,) in con.execute(f"select column_name from (describe select * from {rel})").fetchall()]
        else:
            cols = _csv_header(path)
        names.extend(c for c in cols if c not in names)
    return names


def _loaded_files(con: duckdb.DuckDBPyConnection, target: str) -> set[str] | None:
    """Files already in a raw table (None when the table does not exist)."""
    try:
        return {f for (f,) in con.execute(f"select distinct _source_file from {target}").fetchall() if f}
    except duckdb.CatalogException:
        return None


def load_table(
    con: duckdb.DuckDBPyConnection, raw_dir: Path, table: SourceTable, schema: str = RAW_SCHEMA,
    append: bool = False,
) -> LoadResult:
    target = f"{sql_identifier(schema)}.{sql_identifier(table.file_name)}"
    files = find_files(raw_dir, table.file_name)
    prefix_len = len(str(raw_dir)) + 2
    already = _loaded_files(con, target) if append else None
    if already is not None:
        files = [f for f in files if str(f)[prefix_len - 1:] not in already]
        if not files:
            rows = con.execute(f"select count(*) from {target}").fetchone()[0]
            return LoadResult(table.file_name, "loaded" if already else "empty", [], rows, 0, [])
    lineage = "cast(null as varchar) as _source_file, cast(null as bigint) as _source_row"
    if not files:
        empty_cols = ", ".join(f"cast(null as varchar) as {sql_identifier(c)}" for c in table.column_names)
        con.execute(f"create or replace table {target} as select {empty_cols}, {lineage} limit 0")
        has_file = any((raw_dir / f"{table.file_name}{s}").exists() for s in (".csv", ".parquet"))
        status = "empty" if has_file else "absent"
        return LoadResult(table.file_name, status, [], 0, 0, [])

    header = _file_columns(con, files)
    by_lower = {h.strip().lower(): h for h in header}
    missing = [c for c in table.required_columns if c not in by_lower]
    if missing:
        shown = ", ".join(str(f) for f in files)
        raise ContractError(
            f"raw file {shown} (source '{table.file_name}') is missing required column(s): "
            + ", ".join(repr(m) for m in missing)
            + f". Found columns: {', '.join(header) or '(none)'}"
        )
    extra = [h for h in header if h.strip().lower() not in table.column_names]

    # the file name is stored relative to the raw dir so builds are path-independent
    unparseable = 0
    for index, path in enumerate(files):
        file_cols = {h.strip().lower(): h for h in _file_columns(con, [path])}
        select_cols = [
            f"cast({sql_identifier(file_cols[col])} as varchar) as {sql_identifier(col)}"
            if col in file_cols
            else f"cast(null as varchar) as {sql_identifier(col)}"
            for col in table.column_names
        ]
        if path.suffix == ".parquet":
            reader = f"read_parquet({sql_string(str(path))})"
        else:
            column_types = ", ".join(f"{sql_string(c)}: 'VARCHAR'" for c in _csv_header(path))
            reader = (
                f"read_csv({sql_string(str(path))}, header = true, auto_detect = false, "
                "delim = ',', quote = '\"', escape = '\"', strict_mode = true, "
                f"columns = {{{column_types}}}, "
                "store_rejects = true, rejects_table = 'c360_reject_errors', "
                "rejects_scan = 'c360_reject_scans')"
            )
        body = f"""
            select
                {", ".join(select_cols)},
                {sql_string(str(path)[prefix_len - 1:])} as _source_file,
                row_number() over () as _source_row
            from {reader}
        """
        try:
            if index == 0 and already is None:
                con.execute(f"create or replace table {target} as {body}")
            else:
                con.execute(f"insert into {target} {body}")
        except duckdb.Error as exc:
            first_line = str(exc).strip().splitlines()[0]
            raise ContractError(
                f"raw file {path} (source '{table.file_name}') cannot be read as CSV/Parquet: {first_line}"
            ) from exc
        if path.suffix != ".parquet":
            con.execute(
                f"""
                insert into {sql_identifier(schema)}._load_rejects
                select
                    {sql_string(table.file_name)} as source_table,
                    {sql_string(str(path)[prefix_len - 1:])} as source_file,
                    e.line as line_number,
                    e.column_name,
                    cast(e.error_type as varchar) as error_type,
                    e.error_message,
                    e.csv_line,
                    greatest(1, length(e.csv_line) - length(replace(e.csv_line, chr(10), ''))) as physical_lines
                from c360_reject_errors as e
                qualify row_number() over (partition by e.line order by e.column_idx) = 1
                """
            )
            unparseable += con.execute("select count(distinct line) from c360_reject_errors").fetchone()[0]
            con.execute("drop table if exists c360_reject_errors")
            con.execute("drop table if exists c360_reject_scans")
    rows = con.execute(f"select count(*) from {target}").fetchone()[0]
    return LoadResult(table.file_name, "loaded", [str(f.relative_to(raw_dir)) for f in files], rows, unparseable, extra)


def compute_as_of_date(con: duckdb.DuckDBPyConnection, min_rows: int, schema: str = RAW_SCHEMA,
                       max_gap_days: int = 31) -> str | None:
    """The data's as-of date: the end of the main, gap-free run of dated days.

    Days with at least ``min_rows`` dated rows are sorted; starting from the
    median day, the first gap longer than ``max_gap_days`` ends the run, and the
    day before that gap is the as-of date (no gap: the latest day). Corrupt
    far-future timestamps (2031, 2099, ...) sit after such a gap, so they can
    never move the as-of date, however many rows share one of those days.
    """
    parts = [
        f"select cast(try_cast({sql_identifier(col)} as timestamptz) as date) as d "
        f"from {sql_identifier(schema)}.{sql_identifier(tbl)}"
        for tbl, col in AS_OF_COLUMNS
    ]
    query = f"""
        with dated as ({" union all ".join(parts)}),
        per_day as (
            select d, count(*) as n from dated where d is not null group by d having count(*) >= {int(min_rows)}
        ),
        ordered as (select d, lag(d) over (order by d) as previous_day from per_day),
        middle as (select quantile_disc(d, 0.5) as median_day from per_day)
        select coalesce(
            (select min(previous_day) from ordered, middle
             where previous_day >= median_day and d - previous_day > {int(max_gap_days)}),
            (select max(d) from per_day)
        )
    """
    value = con.execute(query).fetchone()[0]
    return None if value is None else value.isoformat()


def load(raw_dir: Path, db_path: Path, as_of_min_rows: int = 1, schema: str = RAW_SCHEMA,
         append: bool = False) -> list[LoadResult]:
    raw_dir = raw_dir.resolve()
    if not raw_dir.is_dir():
        raise ContractError(f"RAW_DATA_DIR {raw_dir} is not a directory")
    if db_path.stem.lower() in PROJECT_SCHEMAS:
        raise ContractError(f"warehouse file {db_path}: DuckDB would name its catalog {db_path.stem!r}, the name "
                            f"of a schema of this project ({', '.join(PROJECT_SCHEMAS)}); choose another file name")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path))
    try:
        con.execute("set TimeZone = 'UTC'")
        con.execute(f"create schema if not exists {sql_identifier(schema)}")
        con.execute(
            f"""
            create {"table if not exists" if append else "or replace table"} {sql_identifier(schema)}._load_rejects (
                source_table varchar, source_file varchar, line_number bigint,
                column_name varchar, error_type varchar, error_message varchar, csv_line varchar,
                physical_lines bigint
            )
            """
        )
        results = [load_table(con, raw_dir, table, schema, append) for table in load_contract()]
        if append:
            # the summary describes the whole raw table, not only this load's files
            for r in results:
                r.files = [f for (f,) in con.execute(
                    f"select distinct _source_file from {sql_identifier(schema)}.{sql_identifier(r.file_name)} "
                    "where _source_file is not null order by 1").fetchall()]
                r.rows_unparseable = con.execute(
                    f"select count(*) from {sql_identifier(schema)}._load_rejects where source_table = ?",
                    [r.file_name]).fetchone()[0]
        summary_rows = ", ".join(
            f"({sql_string(r.file_name)}, {sql_string(r.status)}, {len(r.files)}, {r.rows_loaded}, "
            f"{r.rows_unparseable})"
            for r in results
        )
        con.execute(
            f"""
            create or replace table {sql_identifier(schema)}._load_summary as
            select * from (values {summary_rows})
                as t(source_table, status, file_count, rows_loaded, rows_unparseable)
            """
        )
        # raw rows the erasure step (dbt run-operation apply_erasure) deletes from this
        # load: the quality accounting subtracts them (rows in = staged + rejected + erased)
        con.execute(
            f"""
            create or replace table {sql_identifier(schema)}._load_erasures (
                source_table varchar, rows_erased bigint
            )
            """
        )
        as_of = compute_as_of_date(con, as_of_min_rows, schema)
        con.execute(
            f"""
            create or replace table {sql_identifier(schema)}._load_metadata as
            select * from (values ('data_as_of_date', {sql_string(as_of) if as_of else "null"}))
                as t(key, value)
            """
        )
    finally:
        con.close()
    return results


def report(results: list[LoadResult], out=None) -> None:
    out = out or sys.stderr
    for r in results:
        if r.status != "loaded":
            what = "no file" if r.status == "absent" else "an empty file"
            print(f"WARNING: source '{r.file_name}' has {what}: loaded as an empty source", file=out)
        if r.extra_columns:
            print(f"note: {r.file_name}: extra columns ignored: {', '.join(r.extra_columns)}", file=out)
        if r.rows_unparseable:
            print(
                f"WARNING: {r.file_name}: {r.rows_unparseable} unparseable CSV line(s) kept in raw._load_rejects",
                file=out,
            )


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "load",
        help="load raw export files into the warehouse's raw schema (checks the contract)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--raw-dir", type=Path, default=Path(os.environ.get("RAW_DATA_DIR", "data/raw")),
                   help="folder with one file (or folder) per source (env RAW_DATA_DIR; default data/raw)")
    p.add_argument("--db", type=Path, default=Path(os.environ.get("DBT_DUCKDB_PATH", "warehouse/customer360.duckdb")),
                   help="DuckDB warehouse file (env DBT_DUCKDB_PATH; default warehouse/customer360.duckdb)")
    p.add_argument("--append", action="store_true",
                   help="additive load: keep the raw tables and add only the files not loaded yet (matched by "
                        "path relative to --raw-dir, e.g. a new day file in a source folder); file names must sort "
                        "in delivery order")
    p.add_argument("--as-of-min-rows", type=int, default=1,
                   help="a day counts for the as-of date when it has at least this many dated rows (default 1)")
    p.add_argument("--postgres", action="store_true",
                   help="then copy schema raw into PostgreSQL (the postgres target; env C360_PG_*)")
    p.add_argument("--spark", action="store_true",
                   help="then copy schema raw into local Spark as parquet tables raw.* (the spark target; "
                        "env C360_SPARK_DIR)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        results = load(args.raw_dir, args.db, args.as_of_min_rows, append=getattr(args, "append", False))
    except ContractError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 2
    report(results)
    total = sum(r.rows_loaded for r in results)
    print(f"loaded {total} rows from {sum(len(r.files) for r in results)} file(s) into {args.db} (schema raw)")
    if getattr(args, "postgres", False):
        from python_helpers.pg_raw import copy_raw_to_postgres, pg_connect_kwargs

        copied = copy_raw_to_postgres(args.db)
        where = pg_connect_kwargs()
        print(f"copied {sum(copied.values())} rows of {len(copied)} raw tables to PostgreSQL "
              f"{where['host']}:{where['port']}/{where['dbname']} (schema raw)")
    if getattr(args, "spark", False):
        from python_helpers.spark_raw import copy_raw_to_spark, spark_dir

        copied = copy_raw_to_spark(args.db)
        print(f"copied {sum(copied.values())} rows of {len(copied)} raw tables to Spark under {spark_dir()} "
              "(schema raw, parquet)")
    return 0
