"""Shared fixtures: the default demo (3000 customers, seed 42) generated and built
once per test session into a fresh temporary warehouse; a local PostgreSQL 15
server and the small demo (300 customers, one erasure request) built on it
(test_postgres, test_cross_engine)."""

from __future__ import annotations

import csv
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from python_helpers import pipeline

# pytest-xdist workers run as `python -c ...`, so their __main__ module has no
# __file__. pyspark.sql.connect (imported by great-expectations' compatibility layer
# when pyspark is installed) then takes the process for a doctest run and calls
# sys.exit(0) (test_quality failed so). A worker's __main__ gets this file's path.
if os.environ.get("PYTEST_XDIST_WORKER"):
    _main = sys.modules["__main__"]
    if getattr(_main, "__spec__", None) is None and not hasattr(_main, "__file__"):
        _main.__file__ = __file__

DEMO_CUSTOMERS = 3000
DEMO_SEED = 42

# the small demo every engine builds (test_postgres, test_cross_engine)
CUSTOMERS, SEED = 300, 42
PG_SALT = "pg-test-salt"
BI_ROLE = "c360_bi"


# Modules whose tests share the PostgreSQL server and the small demo built on it.
POSTGRES_MODULES = {"test_postgres", "test_cross_engine"}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`make test` runs pytest on two workers (pytest-xdist, options in
    pyproject.toml). Tests are sent by module, so a module-scoped warehouse is built
    once, on one worker; the modules on the PostgreSQL demo form one unit, so the
    server and its build happen once. (xdist's own `--dist loadgroup` cannot do
    this under pytest 9: it renames `item._nodeid`, which pytest 9 no longer reads.)"""
    from xdist.scheduler import LoadFileScheduling

    class ModuleScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            scope = super()._split_scope(nodeid)
            return "postgres demo" if Path(scope).stem in POSTGRES_MODULES else scope

    return ModuleScheduling(config, log)


@dataclass
class Demo:
    raw_dir: Path
    truth_dir: Path
    warehouse: pipeline.Warehouse
    build: pipeline.StepResult

    def query(self, sql: str) -> list[tuple]:
        con = duckdb.connect(str(self.warehouse.db_path), read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()


@pytest.fixture(scope="session")
def demo_raw(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("demo")
    raw, truth = root / "raw", root / "truth"
    pipeline.generate(raw, truth, DEMO_CUSTOMERS, DEMO_SEED).check()
    return raw, truth


@pytest.fixture(scope="session")
def demo(demo_raw, tmp_path_factory) -> Demo:
    """Load + `dbt build` (every model, seed, data test and unit test) on the demo."""
    raw, truth = demo_raw
    root = tmp_path_factory.mktemp("warehouse")
    warehouse = pipeline.Warehouse(root / "customer360.duckdb", root / "target")
    pipeline.load(raw, warehouse.db_path).check()
    build = warehouse.dbt("build")
    return Demo(raw, truth, warehouse, build)


# --- PostgreSQL: a local server (initdb into a temp dir) and the small demo on it ---

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


@pytest.fixture(scope="session")
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


@pytest.fixture(scope="session")
def pg_demo(postgres_server, tmp_path_factory):
    root = tmp_path_factory.mktemp("pgdemo")
    env = {"DBT_TARGET": "postgres", "C360_PG_HOST": "127.0.0.1", "C360_PG_PORT": str(postgres_server["port"]),
           "C360_PG_USER": "postgres", "C360_PG_DBNAME": "customer360", "C360_PSEUDONYM_SALT": PG_SALT,
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
    return {"port": postgres_server["port"], "build": build, "erased_account": erased_account,
            "raw_dir": root / "raw", "salt": PG_SALT}
