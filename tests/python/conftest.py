"""Shared fixtures: the default demo (3000 customers, seed 42) generated and built
once per test session into a fresh temporary warehouse."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from python_helpers import pipeline

DEMO_CUSTOMERS = 3000
DEMO_SEED = 42


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
