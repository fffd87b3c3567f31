"""Cross-engine equality: the same small demo (300 customers, seed 42, one erasure
request; the PostgreSQL build of conftest's `pg_demo`, shared with test_postgres)
is built with erasure on DuckDB, Spark (local session) and PostgreSQL, and the
marts `customer_profiles`, `customer_record_map` and `customer_segments` must be
equal: the same keys (customer ids are deterministic hashes, so they match
exactly) and the same values column by column (floats within 1e-6 relative,
decimals as floats, timestamps normalized to naive UTC, dates as ISO text).

CLV: DuckDB normally runs the Python model (BG/NBD + Gamma-Gamma), which Spark and
PostgreSQL cannot run; here DuckDB is built with var clv_run_rate_only=true, so all
three engines use the SQL run-rate fallback int_features__clv_run_rate and the CLV
columns are compared like with like.

Name similarity is DuckDB's Jaro-Winkler on all three (macro string_similarity;
test_string_similarity checks the functions alone) and average_order_value is an
exact cent rounding (macro rounded_quotient), the two differences this test found.

Every engine uses the same pseudonym salt. Unit tests (mocked inputs) are excluded
from these builds; they run on DuckDB in test_pipeline. Skipped when PostgreSQL
server binaries or Java are missing."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import shutil
import time

import duckdb
import pytest

from python_helpers import pipeline

pytestmark = pytest.mark.slow  # ~12 min on one of the two pytest workers, Spark's build most of it

# mart -> key columns (one row per key)
MARTS = {
    "customer_profiles": ("customer_id",),
    "customer_record_map": ("source", "source_record_id"),
    "customer_segments": ("customer_id", "segment_family"),
}
REL_TOL = 1e-6


def _norm(value):
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return _norm(value.item())
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return value


def _rows(columns: list[str], records) -> list[dict]:
    return [{c: _norm(v) for c, v in zip(columns, r, strict=True)} for r in records]


@pytest.fixture(scope="module")
def duckdb_demo(pg_demo, tmp_path_factory):
    root = tmp_path_factory.mktemp("xduck")
    env = {"C360_PSEUDONYM_SALT": pg_demo["salt"]}
    pipeline.load(pg_demo["raw_dir"], root / "customer360.duckdb", env=env).check()
    warehouse = pipeline.Warehouse(root / "customer360.duckdb", root / "target", extra_env=env)
    warehouse.privacy_build("--exclude-resource-type", "unit_test", "--vars", json.dumps({"clv_run_rate_only": True})
                            ).check()
    con = duckdb.connect(str(root / "customer360.duckdb"), read_only=True)
    try:
        out = {}
        for mart in MARTS:
            cur = con.execute(f"select * from marts.{mart}")
            out[mart] = _rows([d[0] for d in cur.description], cur.fetchall())
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def spark_demo(pg_demo, tmp_path_factory):
    if shutil.which("java") is None:
        pytest.skip("no java: Spark needs Java 17")
    pytest.importorskip("pyspark")
    root = tmp_path_factory.mktemp("xspark")
    env = {"DBT_TARGET": "spark", "C360_SPARK_DIR": str(root / "spark"), "SPARK_LOCAL_IP": "127.0.0.1",
           "C360_PSEUDONYM_SALT": pg_demo["salt"]}
    started = time.perf_counter()
    pipeline.load(pg_demo["raw_dir"], root / "customer360.duckdb", env=env, spark=True).check()
    warehouse = pipeline.Warehouse(root / "customer360.duckdb", root / "target", extra_env=env)
    build = warehouse.privacy_build("--exclude-resource-type", "unit_test").check()
    print(f"\nspark demo: load + copy + privacy build {time.perf_counter() - started:.1f} s "
          f"(resolve {build.resolve.seconds:.1f} s, apply_erasure {build.erase.seconds:.1f} s, "
          f"dbt build {build.build.seconds:.1f} s), {build.records_erased} records erased")
    from python_helpers.spark_raw import spark_session

    spark = spark_session(str(root / "spark"))
    try:
        out = {}
        for mart in MARTS:
            df = spark.table(f"marts.{mart}")
            out[mart] = _rows(df.columns, [tuple(r) for r in df.collect()])
        return out
    finally:
        spark.stop()


@pytest.fixture(scope="module")
def postgres_demo(pg_demo):
    import psycopg2

    con = psycopg2.connect(host="127.0.0.1", port=pg_demo["port"], user="postgres", dbname="customer360")
    try:
        out = {}
        with con.cursor() as cur:
            for mart in MARTS:
                cur.execute(f"select * from marts.{mart}")
                out[mart] = _rows([d[0] for d in cur.description], cur.fetchall())
        return out
    finally:
        con.close()


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) \
            and not isinstance(b, bool):
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)
    return a == b


def _differences(mart: str, left: list[dict], right: list[dict]) -> list[str]:
    keys = MARTS[mart]
    by_key_l = {tuple(r[k] for k in keys): r for r in left}
    by_key_r = {tuple(r[k] for k in keys): r for r in right}
    problems = []
    if len(by_key_l) != len(left) or len(by_key_r) != len(right):
        problems.append(f"duplicate keys {keys}")
    only_l, only_r = sorted(set(by_key_l) - set(by_key_r)), sorted(set(by_key_r) - set(by_key_l))
    if only_l or only_r:
        problems.append(f"{len(only_l)} keys only left (e.g. {only_l[:3]}), {len(only_r)} only right "
                        f"(e.g. {only_r[:3]})")
    cols_l, cols_r = set(left[0]) if left else set(), set(right[0]) if right else set()
    if cols_l != cols_r:
        problems.append(f"columns differ: {sorted(cols_l ^ cols_r)}")
    for col in sorted(cols_l & cols_r):
        bad = [k for k in sorted(set(by_key_l) & set(by_key_r)) if not _same(by_key_l[k][col], by_key_r[k][col])]
        if bad:
            k = bad[0]
            problems.append(f"{col}: {len(bad)} rows differ, e.g. {k}: {by_key_l[k][col]!r} vs {by_key_r[k][col]!r}")
    return problems


@pytest.mark.parametrize("mart", sorted(MARTS))
def test_marts_equal_on_duckdb_spark_and_postgres(mart, duckdb_demo, spark_demo, postgres_demo):
    reference = duckdb_demo[mart]
    assert reference, f"{mart} is empty on DuckDB"
    report = []
    for engine, built in (("spark", spark_demo), ("postgres", postgres_demo)):
        report += [f"duckdb vs {engine}: {p}" for p in _differences(mart, reference, built[mart])]
    assert not report, f"{mart} differs between engines:\n  " + "\n  ".join(report)
