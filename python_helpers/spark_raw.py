"""Copy the loaded raw schema from a DuckDB file into local Spark (the `spark`
target). The loader enforces the contract on DuckDB; this step moves its result:

    python -m python_helpers load --raw-dir DIR --db /tmp/c360_raw.duckdb --spark

Every table of DuckDB schema `raw` (the sources as text plus the loader's
bookkeeping `_load_*`) is written as a parquet file under
``$C360_SPARK_DIR/raw_parquet/`` and recreated as the Spark table `raw.<table>`
(a parquet table under ``$C360_SPARK_DIR/raw_tables/``, same columns and types:
strings, bigints). The Spark
session uses the same settings as the `spark` target of profiles.yml (warehouse
dir and Derby metastore under env C360_SPARK_DIR, default warehouse/spark), so
dbt sees the tables.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from python_helpers.sql_text import sql_identifier, sql_string


def spark_dir() -> Path:
    return Path(os.environ.get("C360_SPARK_DIR", "warehouse/spark")).resolve()


def spark_conf(root: str | None = None) -> dict[str, str]:
    """The `spark` target's server_side_parameters (keep in sync with profiles.yml)."""
    root = root or os.environ.get("C360_SPARK_DIR", "warehouse/spark")
    return {
        "spark.master": "local[2]",
        "spark.sql.shuffle.partitions": "4",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.driver.memory": os.environ.get("C360_SPARK_DRIVER_MEMORY", "2g"),
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.warehouse.dir": f"{root}/warehouse",
        "spark.hadoop.javax.jdo.option.ConnectionURL": f"jdbc:derby:;databaseName={root}/metastore_db;create=true",
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={root}",
        "spark.sql.catalogImplementation": "hive",
    }


def spark_session(root: str | None = None):
    """A local Spark session on the `spark` target's warehouse (root: C360_SPARK_DIR)."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession  # only the spark target needs it

    builder = SparkSession.builder.appName("customer360").enableHiveSupport()
    for key, value in spark_conf(root).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def copy_raw_to_spark(db_path: Path, schema: str = "raw") -> dict[str, int]:
    src = duckdb.connect(str(db_path), read_only=True)
    out_dir = spark_dir() / "raw_parquet"
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    written: dict[str, tuple[Path, int]] = {}
    try:
        tables = [t for (t,) in src.execute(
            "select table_name from information_schema.tables where table_schema = ? order by 1", [schema]
        ).fetchall()]
        for table in tables:
            path = out_dir / f"raw__{table}.parquet"  # Spark skips files named _*
            relation = f"{sql_identifier(schema)}.{sql_identifier(table)}"
            src.execute(f"copy (select * from {relation}) to {sql_string(str(path))} (format parquet)")
            rows = src.execute(f"select count(*) from {relation}").fetchone()[0]
            written[table] = (path, rows)
    finally:
        src.close()
    spark = spark_session()
    try:
        spark.sql(f"create database if not exists {_quote(schema)}")
        for table, (path, _) in written.items():
            target = f"{_quote(schema)}.{_quote(table)}"
            spark.sql(f"drop table if exists {target}")
            # an explicit location: Spark ignores a table folder whose name starts with
            # "_" (raw._load_summary would read as empty)
            location = spark_dir() / "raw_tables" / f"t_{table}"
            shutil.rmtree(location, ignore_errors=True)
            spark.sql(f"create table {target} using parquet location '{location}' "
                      f"as select * from parquet.`{path}`")
    finally:
        spark.stop()
    return {t: rows for t, (_, rows) in written.items()}
