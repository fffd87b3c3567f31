"""Continuous refresh on the `postgres` target: day 1 built, day 2 applied
incrementally (the engine's strategies: `merge` for the base models and identity
records, delete+insert by key for the per-browser and per-customer models), and
every table equal, row for row, to a full refresh over days 1 + 2 on the same
engine. test_incremental.py proves the same on DuckDB; until this test the
PostgreSQL incremental path (merge and the tombstones it writes) ran only on
empty batches.

Two databases on the session's local PostgreSQL server (conftest): `c360_inc`
(day 1, then day 2 incrementally, with every data test) and `c360_full` (day 1,
then `--full-refresh` over both days: the same history snapshot before day 2).
Day 2 is built as this target must be, with erasure carried out in the run
(`python -m python_helpers build`: resolve pass, apply_erasure, dbt build).
Unit tests are left out: they mock their inputs and run on DuckDB.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from python_helpers import pipeline
from python_helpers.pipeline import BUILD_BOOKKEEPING_COLUMNS

pytestmark = pytest.mark.slow

CUSTOMERS = 300
SEED = 11
DAY_1, DAY_2 = "2025-12-30", "2025-12-31"
COMPARED_SCHEMAS = ("staging", "intermediate", "marts", "restricted", "quality", "history")
INCREMENTAL_BASE_MODELS = ("base_web__events", "base_app__events", "base_email__events", "base_shop__orders",
                           "base_shop__order_lines")


def _connect(port: int, dbname: str):
    import psycopg2

    return psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname=dbname)


def _warehouse(root: Path, port: int, dbname: str) -> pipeline.Warehouse:
    con = _connect(port, "postgres")
    con.autocommit = True
    with con.cursor() as cur:
        cur.execute(f"create database {dbname}")
    con.close()
    env = {"DBT_TARGET": "postgres", "C360_PG_HOST": "127.0.0.1", "C360_PG_PORT": str(port),
           "C360_PG_USER": "postgres", "C360_PG_DBNAME": dbname, "C360_PSEUDONYM_SALT": "pg-incremental-salt"}
    return pipeline.Warehouse(root / dbname / "c360.duckdb", root / dbname / "target", extra_env=env)


def _load(warehouse: pipeline.Warehouse, raw: Path, append: bool = False) -> None:
    pipeline.load(raw, warehouse.db_path, postgres=True, append=append, env=warehouse.extra_env).check()


def fingerprints(port: int, dbname: str) -> dict[str, tuple]:
    """(rows, sum of a hash of each row's text) of every table in the compared schemas,
    every column but the build bookkeeping: equal values mean equal tables."""
    con = _connect(port, dbname)
    try:
        with con.cursor() as cur:
            cur.execute("select table_schema, table_name, array_agg(column_name::text order by ordinal_position) "
                        "from information_schema.columns where table_schema = any(%s) "
                        "and (table_schema, table_name) in (select table_schema, table_name from "
                        "information_schema.tables where table_type = 'BASE TABLE') group by 1, 2 order by 1, 2",
                        [list(COMPARED_SCHEMAS)])
            tables = cur.fetchall()
            out = {}
            for schema, table, columns in tables:
                kept = ", ".join(f'"{c}"' for c in columns if c not in BUILD_BOOKKEEPING_COLUMNS)
                cur.execute(f'select count(*), coalesce(sum(hashtextextended(row({kept})::text, 0)::numeric), 0) '
                            f'from "{schema}"."{table}"')
                out[f"{schema}.{table}"] = tuple(cur.fetchone())
            return out
    finally:
        con.close()


def _record_keys(port: int, dbname: str) -> set[str]:
    con = _connect(port, dbname)
    try:
        with con.cursor() as cur:
            cur.execute("select record_key from intermediate.int_identity__records")
            return {key for key, in cur.fetchall()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def pg_refreshed(postgres_server, tmp_path_factory):
    port = postgres_server["port"]
    root = tmp_path_factory.mktemp("pgincremental")
    generated = root / "generated"
    pipeline.generate(generated, root / "truth", CUSTOMERS, SEED, ["--increments", "1"]).check()
    no_tests = ("--exclude-resource-type", "unit_test", "--exclude-resource-type", "test")

    inc_raw, full_raw = root / "inc_raw", root / "full_raw"
    inc, full = _warehouse(root, port, "c360_inc"), _warehouse(root, port, "c360_full")
    for warehouse, raw in ((inc, inc_raw), (full, full_raw)):
        pipeline.deliver_day_files(generated, raw, [f"{DAY_1}.csv"])
        _load(warehouse, raw)
        warehouse.dbt("build", *no_tests).check()
    day_1 = fingerprints(port, "c360_inc")
    day_1_records = _record_keys(port, "c360_inc")

    pipeline.deliver_day_files(generated, inc_raw, [f"{DAY_2}.csv"])
    _load(inc, inc_raw, append=True)
    # day 2 as the shared deployment builds it (erasure carried out in the run: on this
    # target a pending erasure fails the build), with every data test
    inc_build = inc.privacy_build("--exclude-resource-type", "unit_test").check()
    pipeline.deliver_day_files(generated, full_raw, [f"{DAY_2}.csv"])
    _load(full, full_raw)
    full.privacy_build("--full-refresh", *no_tests).check()
    return {"port": port, "inc": inc, "inc_build": inc_build, "day_1": day_1, "day_1_records": day_1_records}


def test_postgres_day_two_runs_incrementally(pg_refreshed):
    """The day-2 run replaced rows by key with the engine's strategy (merge on
    PostgreSQL) in the base models, instead of rebuilding them."""
    log = (pg_refreshed["inc"].target_path / "logs" / "dbt.log").read_text()
    for model in INCREMENTAL_BASE_MODELS:
        assert f'merge into "c360_inc"."staging"."{model}"' in log, model
    assert 'merge into "c360_inc"."intermediate"."int_identity__records"' in log
    # records gone on day 2 (erased, or an address whose key moved to an earlier event)
    # reach the table as tombstones that the merge writes and the post-hook deletes
    gone = pg_refreshed["day_1_records"] - _record_keys(pg_refreshed["port"], "c360_inc")
    assert gone
    assert 'delete from "c360_inc"."intermediate"."int_identity__records" where source is null' in log


def test_postgres_incremental_equals_full_refresh(pg_refreshed):
    port = pg_refreshed["port"]
    inc, full = fingerprints(port, "c360_inc"), fingerprints(port, "c360_full")
    assert "marts.customer_profiles" in inc and "history.customer_profile_history" in inc
    assert set(inc) == set(full)
    differing = sorted(name for name in inc if inc[name] != full[name])
    print(f"\npostgres: {len(inc)} tables compared, incremental vs full refresh differing: {differing}")
    assert differing == []
    # day 2 really changed the database (else equality proves nothing)
    changed = sorted(name for name in inc if inc[name] != pg_refreshed["day_1"].get(name))
    assert "marts.customer_profiles" in changed and "staging.base_web__events" in changed
