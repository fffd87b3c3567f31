"""The `postgres` target end to end: a local PostgreSQL 15 (initdb into a temp dir,
127.0.0.1, a free port) builds the small demo with erasure (resolve pass,
apply_erasure, dbt build), then the BI role proves it can read the BI marts and
nothing else: restricted (raw PII), staging, intermediate, raw, privacy, reference.

Skipped only when no PostgreSQL server binaries exist (initdb, pg_ctl). As root the
server runs as the `postgres` system user (PostgreSQL refuses root)."""

from __future__ import annotations

import csv
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from python_helpers import pipeline

pytestmark = pytest.mark.slow

CUSTOMERS, SEED = 300, 42
BI_ROLE = "c360_bi"
BI_SCHEMAS = {"marts", "quality"}
CLOSED_SCHEMAS = {"restricted", "staging", "intermediate", "raw", "privacy", "reference"}


def _pg_bin() -> Path | None:
    candidates = [os.environ.get("C360_PG_BIN", "")] + sorted(
        (str(p) for p in Path("/usr/lib/postgresql").glob("*/bin")), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.insert(1, str(Path(found).parent))
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args: list[str]) -> None:
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


@pytest.fixture(scope="module")
def postgres_server():
    pg_bin = _pg_bin()
    if pg_bin is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) found: set C360_PG_BIN or install postgresql")
    psycopg2 = pytest.importorskip("psycopg2")
    # a directory the postgres system user can reach (pytest's tmp root is private to root)
    root = Path(tempfile.mkdtemp(prefix="c360-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", _free_port()
    _run([*as_user, str(pg_bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
          "--no-sync", "-E", "UTF8", "--locale", "C.UTF-8"])
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
    _run([*as_user, str(pg_bin / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"])
    try:
        con = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
        con.autocommit = True
        with con.cursor() as cur:
            cur.execute("create database customer360")
            cur.execute(f"create role {BI_ROLE} login")
        con.close()
        yield {"port": port, "root": root}
    finally:
        subprocess.run([*as_user, str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def pg_demo(postgres_server, tmp_path_factory):
    root = tmp_path_factory.mktemp("pgdemo")
    env = {"DBT_TARGET": "postgres", "C360_PG_HOST": "127.0.0.1", "C360_PG_PORT": str(postgres_server["port"]),
           "C360_PG_USER": "postgres", "C360_PG_DBNAME": "customer360", "C360_PSEUDONYM_SALT": "pg-test-salt",
           "C360_BI_ROLE": BI_ROLE}
    pipeline.generate(root / "raw", root / "truth", CUSTOMERS, SEED).check()
    # one erasure request (by shop account id) so erasure runs on this engine too
    with (root / "raw" / "shop_customers.csv").open(encoding="utf-8", newline="") as f:
        erased_account = next(csv.DictReader(f))["customer_id"]
    with (root / "raw" / "erasure_requests.csv").open("a", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(["ER-PG-0001", "", "", erased_account, "ccpa", "2025-11-30T10:00:00Z"])
    started = time.perf_counter()
    pipeline.load(root / "raw", root / "customer360.duckdb", postgres=True, env=env).check()
    warehouse = pipeline.Warehouse(root / "customer360.duckdb", root / "target", extra_env=env)
    # unit tests (mocked inputs, engine-independent rules) run on DuckDB in test_pipeline
    build = warehouse.privacy_build("--exclude-resource-type", "unit_test").check()
    print(f"\npostgres demo ({CUSTOMERS} customers): load + copy + privacy build "
          f"{time.perf_counter() - started:.1f} s (resolve {build.resolve.seconds:.1f} s, "
          f"apply_erasure {build.erase.seconds:.1f} s, dbt build {build.build.seconds:.1f} s), "
          f"{build.records_erased} records erased")
    return {"port": postgres_server["port"], "build": build, "erased_account": erased_account}


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
