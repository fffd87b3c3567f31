"""benchmark churn: rows inserted / deleted / updated per table between two warehouses."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from python_helpers.benchmark_churn import churn, model_keys, report
from python_helpers.cli import main


def _manifest(path: Path) -> Path:
    def model(name: str) -> tuple[str, dict]:
        return f"model.p.{name}", {"resource_type": "model", "name": name}

    def test(name: str, target: str, meta: dict) -> tuple[str, dict]:
        return f"test.p.{name}", {"resource_type": "test", "name": name, "attached_node": f"model.p.{target}",
                                  "test_metadata": meta}

    nodes = dict([
        model("people"), model("versions"), model("edges"),
        test("u1", "people", {"name": "unique", "kwargs": {"column_name": "person_id"}}),
        test("nn", "people", {"name": "not_null", "kwargs": {"column_name": "city"}}),
        # a single-column unique test wins over a combination
        test("uc", "people", {"name": "unique_combination", "kwargs": {"columns": ["person_id", "city"]}}),
        model("retyped"), model("dup_keys"),
        test("u3", "retyped", {"name": "unique", "kwargs": {"column_name": "id"}}),
        test("u4", "dup_keys", {"name": "unique", "kwargs": {"column_name": "id"}}),
        test("u2", "versions", {"name": "unique_combination",
                                "kwargs": {"columns": ["person_id", "valid_from", "valid_to"]}}),
    ])
    path.write_text(json.dumps({"nodes": nodes}))
    return path


def _warehouse(path: Path, statements: list[str]) -> Path:
    con = duckdb.connect(str(path))
    con.execute("create schema intermediate")
    for sql in statements:
        con.execute(sql)
    con.close()
    return path


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path, Path]:
    before = _warehouse(tmp_path / "before.duckdb", [
        "create table intermediate.people as select * from (values (1, 'Oslo', 10), (2, 'Rome', 20), "
        "(3, 'Lima', 30), (4, 'Pune', 40)) as t(person_id, city, visits)",
        "create table intermediate.versions as select * from (values (1, date '2025-01-01', null), "
        "(2, date '2025-01-01', null)) as t(person_id, valid_from, valid_to)",
        "create table intermediate.edges as select * from (values ('a', 'b'), ('a', 'b'), ('b', 'c')) as t(src, dst)",
        "create table intermediate.only_before as select 1 as x",
        "create table intermediate.retyped as select * from (values (1, 1.5::decimal(4, 1), 'a'), "
        "(2, 2.0::decimal(4, 1), 'b')) as t(id, amount, dropped)",
        # a unique test skips nulls: two null keys are not a key
        "create table intermediate.dup_keys as select * from (values (null, 'x'), (null, 'y'), (3, 'z')) as t(id, v)",
    ])
    after = _warehouse(tmp_path / "after.duckdb", [
        # 1 unchanged, 2 city changed, 3 visits and city changed, 4 deleted, 5 and 6 new
        "create table intermediate.people as select * from (values (1, 'Oslo', 10), (2, 'Bern', 20), "
        "(3, 'Nice', 31), (5, 'Kiel', 50), (6, 'Graz', 60)) as t(person_id, city, visits)",
        # person 1's open version (null valid_to: matched null-safe) is unchanged; person 2's closed
        "create table intermediate.versions as select * from (values (1, date '2025-01-01', null), "
        "(2, date '2025-01-01', date '2025-01-02'), (2, date '2025-01-02', null)) "
        "as t(person_id, valid_from, valid_to)",
        # no key: one copy of a duplicate row gone, one row new
        "create table intermediate.edges as select * from (values ('a', 'b'), ('b', 'c'), ('c', 'd')) as t(src, dst)",
        # same values as double, one changed; a column dropped, one added
        "create table intermediate.retyped as select * from (values (1, 1.5::double, 'n'), (2, 2.5::double, 'n')) "
        "as t(id, amount, added)",
        "create table intermediate.dup_keys as select * from (values (null, 'x'), (null, 'y'), (3, 'z')) as t(id, v)",
    ])
    return before, after, _manifest(tmp_path / "manifest.json")


def test_model_keys_from_unique_tests(pair):
    _, _, manifest = pair
    assert model_keys(manifest) == {"people": ["person_id"], "versions": ["person_id", "valid_from", "valid_to"],
                                    "retyped": ["id"], "dup_keys": ["id"]}
    assert model_keys(manifest.parent / "missing.json") == {}


def test_churn_counts_every_kind_of_change(pair):
    before, after, manifest = pair
    by_table = {r["table"]: r for r in churn(before, after, ("intermediate",), manifest)}
    assert sorted(by_table) == ["intermediate.dup_keys", "intermediate.edges", "intermediate.people",
                                "intermediate.retyped", "intermediate.versions"]

    people = by_table["intermediate.people"]
    assert (people["rows_before"], people["rows_after"]) == (4, 5)
    assert (people["inserted"], people["deleted"], people["updated"]) == (2, 1, 2)
    assert people["changed_columns"] == {"city": 2, "visits": 1}
    assert people["written_share"] == pytest.approx(4 / 5)

    versions = by_table["intermediate.versions"]
    # a key column that changes (valid_to) makes a delete and an insert; the null key still matches
    assert (versions["inserted"], versions["deleted"], versions["updated"]) == (2, 1, 0)

    retyped = by_table["intermediate.retyped"]
    # a retype alone is no change of value: only id 2's amount differs
    assert (retyped["inserted"], retyped["deleted"], retyped["updated"]) == (0, 0, 1)
    assert retyped["changed_columns"] == {"amount": 1}
    assert (retyped["columns_added"], retyped["columns_removed"], retyped["columns_retyped"]) == (
        ["added"], ["dropped"], ["amount"])

    dup_keys = by_table["intermediate.dup_keys"]
    # null keys would pair up with each other: compared as rows instead, and unchanged
    assert dup_keys["key"] is None
    assert (dup_keys["inserted"], dup_keys["deleted"], dup_keys["written_share"]) == (0, 0, 0.0)

    edges = by_table["intermediate.edges"]
    assert edges["key"] is None and edges["updated"] is None
    assert (edges["inserted"], edges["deleted"]) == (1, 1)


def test_churn_command_prints_and_writes_json(pair, capsys, tmp_path):
    before, after, manifest = pair
    out = tmp_path / "churn.json"
    assert main(["benchmark", "churn", "--before", str(before), "--after", str(after), "--schemas", "intermediate",
                 "--manifest", str(manifest), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| intermediate.people | 5 | 2 | 1 | 2 | 80.0% | city 2, visits 1 |" in printed
    assert "| intermediate.edges | 3 | 1 | 1 | n/a (no key) | 33.3% |  |" in printed
    assert printed.index("intermediate.people") < printed.index("intermediate.edges")  # most written first
    assert "| intermediate.retyped | 2 | 0 | 0 | 1 | 50.0% | amount 1; added: added; removed: dropped; " \
        "retyped: amount |" in printed
    assert len(json.loads(out.read_text())) == 5
    with pytest.raises(SystemExit, match="no dbt manifest at"):
        main(["benchmark", "churn", "--before", str(before), "--after", str(after),
              "--manifest", str(tmp_path / "nowhere.json")])
    with pytest.raises(SystemExit, match="no table of schemas marts"):
        main(["benchmark", "churn", "--before", str(before), "--after", str(after), "--schemas", "marts",
              "--manifest", str(manifest)])


def test_report_orders_by_share_written():
    rows = [{"table": "a", "rows_after": 10, "inserted": 1, "deleted": 0, "updated": 0, "written_share": 0.1,
             "changed_columns": {}},
            {"table": "b", "rows_after": 10, "inserted": 0, "deleted": 0, "updated": 5, "written_share": 0.5,
             "changed_columns": {"x": 5}}]
    lines = report(rows).splitlines()
    assert lines[2].startswith("| b |") and lines[3].startswith("| a |")
