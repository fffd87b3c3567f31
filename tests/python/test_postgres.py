"""The `postgres` target end to end: a local PostgreSQL 15 (initdb into a temp dir,
127.0.0.1, a free port) builds the small demo with erasure (resolve pass,
apply_erasure, dbt build), then the BI role proves it can read the BI marts and
nothing else: restricted (raw PII), staging, intermediate, raw, privacy, reference.

Skipped only when no PostgreSQL server binaries exist (initdb, pg_ctl). As root the
server runs as the `postgres` system user (PostgreSQL refuses root). The server and
the build are session fixtures (tests/python/conftest.py), shared with
test_cross_engine."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

BI_ROLE = "c360_bi"  # as in conftest
BI_SCHEMAS = {"marts", "quality"}
CLOSED_SCHEMAS = {"restricted", "staging", "intermediate", "raw", "privacy", "reference"}


def _connect(port: int, user: str):
    import psycopg2

    return psycopg2.connect(host="127.0.0.1", port=port, user=user, dbname="customer360")


def test_postgres_build_has_the_marts(pg_demo):
    con = _connect(pg_demo["port"], "postgres")
    try:
        with con.cursor() as cur:
            for table in ("customer_profiles", "customer_segments", "contactable_audiences", "privacy_erasure_audit"):
                cur.execute(f"select count(*) from marts.{table}")
                assert cur.fetchone()[0] > 0, table
            cur.execute("select count(*) from restricted.customer_golden_records")
            assert cur.fetchone()[0] > 0
            # the erasure request was carried out on PostgreSQL as on DuckDB
            cur.execute("select count(*) from marts.customer_record_map where source_record_id = %s",
                        [pg_demo["erased_account"]])
            assert cur.fetchone()[0] == 0
            cur.execute("select count(*) from raw.shop_customers where customer_id = %s", [pg_demo["erased_account"]])
            assert cur.fetchone()[0] == 0
            cur.execute("select sum(records_removed) from marts.privacy_erasure_audit "
                        "where erasure_request_id = 'ER-PG-0001' and source = 'shop_customers'")
            assert cur.fetchone()[0] == 1
    finally:
        con.close()


def test_bi_role_reads_marts_and_nothing_restricted(pg_demo):
    import psycopg2
    import psycopg2.errors

    owner = _connect(pg_demo["port"], "postgres")
    try:
        with owner.cursor() as cur:
            cur.execute("select table_schema, table_name from information_schema.tables "
                        "where table_schema not in ('pg_catalog', 'information_schema', 'public') order by 1, 2")
            relations = cur.fetchall()
    finally:
        owner.close()
    schemas = {s for s, _ in relations}
    assert BI_SCHEMAS | CLOSED_SCHEMAS <= schemas, schemas
    readable, refused = [], []
    bi = _connect(pg_demo["port"], BI_ROLE)
    bi.autocommit = True
    try:
        for schema, table in relations:
            with bi.cursor() as cur:
                try:
                    cur.execute(f'select * from "{schema}"."{table}" limit 1')
                    readable.append(f"{schema}.{table}")
                except psycopg2.errors.InsufficientPrivilege:
                    refused.append(f"{schema}.{table}")
    finally:
        bi.close()
    print(f"\nBI role: {len(readable)} relations readable, {len(refused)} refused")
    assert "restricted.customer_golden_records" in refused
    assert "marts.customer_profiles" in readable and "marts.contactable_audiences" in readable
    assert sorted(r for r in readable if r.split(".")[0] not in BI_SCHEMAS) == []
    assert sorted(r for r in refused if r.split(".")[0] in BI_SCHEMAS) == []
