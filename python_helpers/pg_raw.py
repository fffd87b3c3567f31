"""Copy the loaded raw schema from a DuckDB file into PostgreSQL (the `postgres`
target). The loader enforces the contract on DuckDB; this step moves its result:

    python -m python_helpers load --raw-dir DIR --db /tmp/c360_raw.duckdb
    python -m python_helpers load --raw-dir DIR --db /tmp/c360_raw.duckdb --postgres   # same, then copy

Every table of DuckDB schema `raw` (the sources as text plus the loader's
bookkeeping `_load_*`) is recreated in PostgreSQL schema `raw` and filled with
COPY ... FROM STDIN (text format). Connection from the same env vars as the `postgres`
target of profiles.yml: C360_PG_HOST, C360_PG_PORT, C360_PG_USER, C360_PG_PASSWORD,
C360_PG_DBNAME.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import duckdb

from python_helpers.sql_text import sql_identifier

PG_TYPES = {"BIGINT": "bigint", "INTEGER": "bigint", "HUGEINT": "numeric", "DOUBLE": "double precision",
            "BOOLEAN": "boolean", "DATE": "date"}


def pg_connect_kwargs() -> dict[str, object]:
    return {
        "host": os.environ.get("C360_PG_HOST", "127.0.0.1"),
        "port": int(os.environ.get("C360_PG_PORT", "5432")),
        "user": os.environ.get("C360_PG_USER", "postgres"),
        "password": os.environ.get("C360_PG_PASSWORD", ""),
        "dbname": os.environ.get("C360_PG_DBNAME", "customer360"),
    }


def _copy_text(value: object) -> str:
    """One field of COPY's text format (not CSV): null as \\N, backslash, tab and line
    breaks escaped, so every raw value arrives exactly as the loader kept it."""
    if value is None:
        return "\\N"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_raw_to_postgres(db_path: Path, schema: str = "raw") -> dict[str, int]:
    import psycopg2  # only the postgres target needs it

    src = duckdb.connect(str(db_path), read_only=True)
    dst = psycopg2.connect(**pg_connect_kwargs())
    copied: dict[str, int] = {}
    try:
        tables = [t for (t,) in src.execute(
            "select table_name from information_schema.tables where table_schema = ? order by 1", [schema]
        ).fetchall()]
        with dst, dst.cursor() as cur:
            cur.execute(f"create schema if not exists {sql_identifier(schema)}")
            for table in tables:
                cols = src.execute(
                    "select column_name, data_type from information_schema.columns "
                    "where table_schema = ? and table_name = ? order by ordinal_position", [schema, table]
                ).fetchall()
                target = f"{sql_identifier(schema)}.{sql_identifier(table)}"
                cur.execute(f"drop table if exists {target} cascade")
                cur.execute(f"create table {target} ("
                            + ", ".join(f"{sql_identifier(c)} {PG_TYPES.get(t, 'text')}" for c, t in cols) + ")")
                rows = src.execute(f"select * from {sql_identifier(schema)}.{sql_identifier(table)}").fetchall()
                buf = io.StringIO("".join("\t".join(_copy_text(v) for v in row) + "\n" for row in rows))
                cur.copy_expert(f"copy {target} from stdin", buf)
                copied[table] = len(rows)
    finally:
        src.close()
        dst.close()
    return copied
