"""The raw-data contract as the loader enforces it (no dbt needed: fast)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from python_helpers import loader
from python_helpers.contract import load_contract

ORDERS_HEADER = "order_id,ordered_at,status,currency,total"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_contract_lists_every_source_with_required_columns():
    names = {t.file_name for t in load_contract()}
    assert names == {
        "shop_customers", "shop_products", "shop_orders", "shop_order_lines", "crm_contacts", "web_events",
        "app_events", "support_tickets", "survey_responses", "email_events", "social_interactions",
        "consent_events", "erasure_requests",
    }
    orders = {t.file_name: t for t in load_contract()}["shop_orders"]
    assert orders.required_columns == ["order_id", "ordered_at", "status", "currency", "total"]


def test_missing_required_column_fails_naming_file_and_column(tmp_path, capsys):
    raw = tmp_path / "raw"
    _write(raw / "shop_orders.csv", "order_id,ordered_at,status,total\nO1,2025-01-01,paid,10\n")
    code = loader.run(loader_args(raw, tmp_path / "w.duckdb"))
    err = capsys.readouterr().err
    assert code == 2
    assert "shop_orders.csv" in err and "'currency'" in err


def test_a_warehouse_file_named_like_a_schema_is_refused(tmp_path, capsys):
    raw = tmp_path / "raw"
    _write(raw / "shop_orders.csv", "order_id,ordered_at,status,total\nO1,2025-01-01,paid,10\n")
    code = loader.run(loader_args(raw, tmp_path / "raw.duckdb"))
    err = capsys.readouterr().err
    assert code == 2
    assert "raw.duckdb" in err and "choose another file name" in err
    assert not (tmp_path / "raw.duckdb").exists()


def test_absent_and_empty_files_are_empty_sources_with_a_warning(tmp_path, capsys):
    raw = tmp_path / "raw"
    _write(raw / "shop_orders.csv", f"{ORDERS_HEADER}\nO1,2025-01-01T10:00:00Z,paid,EUR,10.00\n")
    _write(raw / "web_events.csv", "")
    db = tmp_path / "w.duckdb"
    assert loader.run(loader_args(raw, db)) == 0
    err = capsys.readouterr().err
    assert "source 'app_events' has no file" in err
    assert "source 'web_events' has an empty file" in err
    assert _rows(db, "select count(*) from raw.app_events") == [(0,)]
    # an empty source still has every contract column
    cols_sql = "select column_name from information_schema.columns where table_name = 'app_events'"
    cols = [r[0] for r in _rows(db, cols_sql)]
    assert {"event_id", "device_id", "event_at", "_source_file", "_source_row"} <= set(cols)
    status = dict(_rows(db, "select source_table, status from raw._load_summary"))
    assert status["app_events"] == "absent" and status["web_events"] == "empty" and status["shop_orders"] == "loaded"


def test_extra_columns_are_tolerated_and_values_kept_as_text(tmp_path, capsys):
    raw = tmp_path / "raw"
    _write(raw / "shop_orders.csv", f"{ORDERS_HEADER},loyalty_tier\nO1,2025-01-01,paid,EUR,010.50,gold\n")
    db = tmp_path / "w.duckdb"
    assert loader.run(loader_args(raw, db)) == 0
    assert "extra columns ignored: loyalty_tier" in capsys.readouterr().err
    assert _rows(db, "select order_id, total, _source_file, _source_row from raw.shop_orders") == [
        ("O1", "010.50", "shop_orders.csv", 1)
    ]


def test_broken_quote_line_is_kept_not_lost(tmp_path):
    raw = tmp_path / "raw"
    _write(
        raw / "shop_orders.csv",
        f'{ORDERS_HEADER}\nO1,2025-01-01,paid,EUR,1\nO2,"2025-01-02,paid,EUR,2\nO3,2025-01-03,paid,EUR,3\n',
    )
    db = tmp_path / "w.duckdb"
    assert loader.run(loader_args(raw, db)) == 0
    loaded = _rows(db, "select count(*) from raw.shop_orders")[0][0]
    rejected = _rows(db, "select line_number, physical_lines, csv_line from raw._load_rejects")
    assert loaded == 1
    assert len(rejected) == 1 and rejected[0][0] == 3
    # every physical data line is accounted for: loaded + lines inside the rejected record
    assert loaded + rejected[0][1] == 3
    assert "O2" in rejected[0][2]


def test_folder_of_files_and_parquet(tmp_path):
    raw = tmp_path / "raw"
    _write(raw / "shop_orders" / "part-1.csv", f"{ORDERS_HEADER}\nO1,2025-01-01,paid,EUR,1\n")
    _write(raw / "shop_orders" / "part-2.csv", "total,currency,status,ordered_at,order_id\n2,USD,paid,2025-01-02,O2\n")
    (raw / "app_events").mkdir()
    pq.write_table(
        pa.table({"event_id": ["A1"], "device_id": ["D1"], "event_name": ["open"], "event_at": ["2025-01-01"]}),
        raw / "app_events" / "part-1.parquet",
    )
    db = tmp_path / "w.duckdb"
    assert loader.run(loader_args(raw, db)) == 0
    assert _rows(db, "select order_id, currency, _source_file from raw.shop_orders order by 1") == [
        ("O1", "EUR", "shop_orders/part-1.csv"), ("O2", "USD", "shop_orders/part-2.csv")
    ]
    assert _rows(db, "select event_id, device_id from raw.app_events") == [("A1", "D1")]


def test_as_of_date_ignores_a_few_far_future_rows(tmp_path):
    raw = tmp_path / "raw"
    lines = [f"O{i},2025-03-{1 + i % 28:02d}T10:00:00Z,paid,EUR,1" for i in range(200)]
    # far-future corruption, even many rows on one day, must not move the as-of date
    lines += [f"X{i},2099-01-01T00:00:00Z,paid,EUR,1" for i in range(50)] + ["Y1,2031-05-05,paid,EUR,1"]
    _write(raw / "shop_orders.csv", ORDERS_HEADER + "\n" + "\n".join(lines) + "\n")
    db = tmp_path / "w.duckdb"
    assert loader.run(loader_args(raw, db)) == 0
    assert _rows(db, "select value from raw._load_metadata where key = 'data_as_of_date'") == [("2025-03-28",)]


def loader_args(raw: Path, db: Path):
    import argparse

    return argparse.Namespace(raw_dir=raw, db=db, as_of_min_rows=1)


@pytest.mark.parametrize("name", ["shop_orders.csv", "shop_orders.csv.gz"])
def test_find_files_suffixes(tmp_path, name):
    raw = tmp_path
    _write(raw / name, "x")
    assert [p.name for p in loader.find_files(raw, "shop_orders")] == [name]


def test_readme_contract_matches_the_source_yaml():
    """The README's raw-data contract is the one the loader enforces."""
    from python_helpers.contract import REPO_ROOT, render_markdown

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- contract:start -->\n", 1)[1].split("<!-- contract:end -->", 1)[0]
    assert block == render_markdown()


def test_append_adds_only_new_files_and_equals_a_full_reload(tmp_path):
    raw = tmp_path / "raw"
    _write(raw / "shop_orders" / "2025-01-01.csv", f"{ORDERS_HEADER}\nO1,2025-01-01,paid,EUR,1\n")
    _write(raw / "shop_orders" / "2025-01-02.csv", f"{ORDERS_HEADER}\nO2,2025-01-02,paid,EUR,2\n\"O3,broken\n")
    db = tmp_path / "w.duckdb"
    loader.load(raw, db)
    _write(raw / "shop_orders" / "2025-01-03.csv", f"{ORDERS_HEADER}\nO4,2025-01-03,paid,EUR,4\n")
    loader.load(raw, db, append=True)
    full = tmp_path / "full.duckdb"
    loader.load(raw, full)
    query = "select order_id, _source_file, _source_row from raw.shop_orders order by 2, 3"
    assert _rows(db, query) == _rows(full, query)
    assert [r[0] for r in _rows(db, query)] == ["O1", "O2", "O4"]
    summary = "select * from raw._load_summary where source_table = 'shop_orders'"
    assert _rows(db, summary) == _rows(full, summary)
    assert _rows(db, "select count(*) from raw._load_rejects") == [(1,)]
    assert _rows(db, "select value from raw._load_metadata") == [("2025-01-03",)]
