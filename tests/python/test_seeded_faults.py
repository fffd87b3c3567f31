"""Seeded faults: copy a small generated raw dataset, inject one fault, load and
build, and check that the intended check fails with a message naming the source
and the column, that nothing else fails, and that no row vanishes
(rows in = staged rows + rejects for every source).

One small dataset (300 customers) and `dbt build --select +quality_source_checks`
without unit tests keep each fault to ~20 s. The builds share one warehouse
path and target folder, so dbt's partial parse is reused between faults.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from python_helpers import pipeline

CUSTOMERS = 300
SEED = 42
SELECT = ["build", "--select", "+quality_source_checks", "--indirect-selection", "cautious",
          "--exclude-resource-type", "unit_test"]


@pytest.fixture(scope="module")
def fault_env(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("faults")
    pipeline.generate(root / "clean", root / "truth", CUSTOMERS, SEED).check()
    return {"root": root, "clean": root / "clean"}


def _rewrite(path: Path, change: Callable[[list[str], list[list[str]]], tuple[list[str], list[list[str]]]]) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = change(rows[0], rows[1:])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(header)
        writer.writerows(body)


def _set_every_nth(column: str, value: Callable[[str], str], keep: Callable[[dict], bool] = lambda r: True,
                   share: int = 10, of: int = 100):
    """Change ``column`` in ``share`` of every ``of`` rows (deterministic by position)."""

    def change(header: list[str], body: list[list[str]]):
        i = header.index(column)
        for n, row in enumerate(body):
            if n % of < share and keep(dict(zip(header, row, strict=False))):
                row[i] = value(row[i])
        return header, body

    return change


def nulls_30pct_emails(raw: Path) -> None:
    _rewrite(raw / "shop_customers.csv", _set_every_nth("email", lambda v: "", share=30))


def duplicate_orders(raw: Path) -> None:
    _rewrite(raw / "shop_orders.csv", lambda h, b: (h, b + [list(r) for r in b[::10]]))


def negative_totals(raw: Path) -> None:
    _rewrite(raw / "shop_orders.csv", _set_every_nth(
        "total", lambda v: "-" + v.lstrip("-"), keep=lambda r: r["status"] == "paid", share=15))


def future_order_dates(raw: Path) -> None:
    _rewrite(raw / "shop_orders.csv", _set_every_nth("ordered_at", lambda v: "2031-06-01T10:00:00Z"))


def unknown_currencies(raw: Path) -> None:
    _rewrite(raw / "shop_orders.csv", _set_every_nth("currency", lambda v: "XYZ"))


def extra_column(raw: Path) -> None:
    _rewrite(raw / "shop_customers.csv", lambda h, b: (h + ["loyalty_tier"], [r + ["gold"] for r in b]))


def empty_file(raw: Path) -> None:
    (raw / "support_tickets.csv").write_bytes(b"")


def broken_quote(raw: Path) -> None:
    """A stray quote inside the first field of one survey response (a source nothing else references)."""
    path = raw / "survey_responses.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[10] = lines[10].replace('","', '"x","', 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def drop_required_column(raw: Path) -> None:
    _rewrite(raw / "shop_orders.csv", lambda h, b: (
        [c for c in h if c != "currency"], [[v for c, v in zip(h, r, strict=False) if c != "currency"] for r in b]))


@dataclass
class Built:
    load: pipeline.StepResult
    build: pipeline.StepResult | None
    db: Path
    raw: Path

    def query(self, sql: str) -> list[tuple]:
        con = duckdb.connect(str(self.db), read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def failed_tests(self) -> set[str]:
        results = self.build_results()
        return {r["unique_id"].split(".")[2] for r in results
                if r["unique_id"].startswith("test.") and r["status"] in ("fail", "error")}

    def build_results(self) -> list[dict]:
        import json

        return json.loads((self.db.parent / "target" / "run_results.json").read_text())["results"]

    def metric_errors(self) -> dict[tuple[str, str, str], str]:
        rows = self.query("select model, column_name, metric, message from quality.quality_source_checks "
                          "where status = 'error'")
        return {(m, c, k): msg for m, c, k, msg in rows}


def inject_and_build(env: dict[str, Path], fault: Callable[[Path], None], build: bool = True) -> Built:
    work = env["root"] / "work"
    raw = env["root"] / f"raw_{fault.__name__}"
    shutil.rmtree(raw, ignore_errors=True)
    shutil.copytree(env["clean"], raw)
    fault(raw)
    db = work / "customer360.duckdb"
    work.mkdir(exist_ok=True)
    for stale in work.glob("customer360.duckdb*"):
        stale.unlink()
    loaded = pipeline.load(raw, db)
    if loaded.returncode != 0 or not build:
        return Built(loaded, None, db, raw)
    warehouse = pipeline.Warehouse(db, work / "target")
    return Built(loaded, warehouse.dbt(*SELECT), db, raw)


def _data_lines(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    return max(0, len([ln for ln in text.split("\n") if ln.strip()]) - 1)


def assert_nothing_vanished(built: Built) -> None:
    """rows in = staged rows + rejects, per source (the quality metric and an independent count)."""
    unaccounted = built.query("select model, value, detail from quality.quality_source_checks "
                              "where metric = 'unaccounted_rows' and value <> 0")
    assert unaccounted == [], unaccounted
    counted = dict(built.query("select source_table, rows_loaded + rows_unparseable from raw._load_summary"))
    physical = dict(built.query("select source_table, sum(physical_lines) from raw._load_rejects group by 1"))
    loaded = dict(built.query("select source_table, rows_loaded from raw._load_summary"))
    for name in ("shop_orders", "shop_customers", "support_tickets", "survey_responses"):
        path = built.raw / f"{name}.csv"
        assert loaded[name] + physical.get(name, 0) == _data_lines(path), name
        assert counted[name] >= loaded[name]


def assert_caught(built: Built, source: str, column: str, metric: str, extra_ok: set[tuple[str, str, str]]) -> None:
    assert built.build is not None and built.build.returncode != 0, "the build must fail"
    errors = built.metric_errors()
    assert (source, column, metric) in errors, errors
    message = errors[(source, column, metric)]
    assert f"source {source}, column {column}:" in message, message
    assert set(errors) <= {(source, column, metric), *extra_ok}, f"unexpected errors: {errors}"
    # the dbt test that fails names the source; no other test fails
    assert built.failed_tests() == {f"quality_errors__{source}"}, built.failed_tests()
    assert f"quality_errors__{source}" in built.build.stdout
    # no model errored or was skipped
    bad = [r["unique_id"] for r in built.build_results()
           if r["unique_id"].startswith(("model.", "seed.")) and r["status"] != "success"]
    assert bad == []
    assert_nothing_vanished(built)


@pytest.mark.slow
def test_thirty_percent_null_emails_fail_fill_rate_and_gx(fault_env, tmp_path):
    built = inject_and_build(fault_env, nulls_30pct_emails)
    assert_caught(built, "shop_customers", "email", "fill_rate", set())
    # the great-expectations suite catches it too, and the command exits non-zero naming source and column
    proc = subprocess.run([sys.executable, "-m", "python_helpers", "quality", "--db", str(built.db),
                           "--target-dir", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert ("ERROR [great-expectations] source shop_customers, column email: "
            "expect_column_values_to_not_be_null FAILED") in proc.stdout
    assert (tmp_path / "quality" / "data_docs" / "index.html").exists()


@pytest.mark.slow
@pytest.mark.parametrize(("fault", "column", "reason"), [
    (duplicate_orders, "order_id", "duplicate_key"),
    (negative_totals, "total", "negative_amount"),
    (future_order_dates, "ordered_at", "future_timestamp"),
    (unknown_currencies, "currency", "unknown_currency"),
])
def test_order_faults_fail_reject_rate_naming_column_and_reason(fault_env, fault, column, reason):
    built = inject_and_build(fault_env, fault)
    assert_caught(built, "shop_orders", column, "reject_rate", {("shop_orders", "*", "reject_rate")})
    message = built.metric_errors()[("shop_orders", column, "reject_rate")]
    assert reason in message, message


@pytest.mark.slow
def test_empty_source_file_fails_volume(fault_env):
    built = inject_and_build(fault_env, empty_file)
    assert "source 'support_tickets' has an empty file" in built.load.stderr
    assert_caught(built, "support_tickets", "*", "rows_in", set())


@pytest.mark.slow
def test_extra_column_does_not_fail(fault_env):
    built = inject_and_build(fault_env, extra_column)
    assert "extra columns ignored: loyalty_tier" in built.load.stderr
    assert built.build is not None and built.build.returncode == 0, built.build.stdout[-3000:]
    assert built.metric_errors() == {}
    assert_nothing_vanished(built)


@pytest.mark.slow
def test_broken_quote_is_kept_as_reject_and_flagged(fault_env):
    built = inject_and_build(fault_env, broken_quote)
    assert "1 unparseable CSV line(s) kept in raw._load_rejects" in built.load.stderr
    assert built.build is not None and built.build.returncode == 0, built.build.stdout[-3000:]
    warned = built.query("select message from quality.quality_source_checks "
                         "where status = 'warn' and model = 'survey_responses' and metric = 'unparseable_lines'")
    assert len(warned) == 1 and "source survey_responses" in warned[0][0], warned
    assert "(at column response_id)" in warned[0][0], warned
    assert built.metric_errors() == {}
    assert "quality_drift__sources" in built.build.stdout
    assert_nothing_vanished(built)


def test_missing_required_column_fails_the_load(fault_env):
    built = inject_and_build(fault_env, drop_required_column, build=False)
    assert built.load.returncode == 2
    assert "shop_orders.csv (source 'shop_orders') is missing required column(s): 'currency'" in built.load.stderr
