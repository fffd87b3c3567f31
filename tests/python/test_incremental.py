"""Continuous refresh: day 1 built, day 2 applied incrementally = a full refresh over
days 1 + 2, table for table and row for row; a second run with no new data changes
nothing; raw rows that disappear (erasure) leave the incremental tables; the
history records the day-2 changes and the transitions marts read them.

One small generated period (600 customers, the last day delivered as a day file)
keeps this to a few builds of a few seconds each. Two warehouses:
- incremental: load day 1, build; add the day-2 files (loader --append), build
  (incremental models process only the new files and the rows they touch);
- full: a copy of the incremental warehouse after day 1 (same history), all
  files reloaded, `dbt build --full-refresh`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from python_helpers import pipeline
from python_helpers.benchmark_churn import churn
from python_helpers.benchmark_identity_scope import identity_scope
from python_helpers.benchmark_scoped_identity import restricted_queries, scoped_identity

pytestmark = pytest.mark.slow

CUSTOMERS = 600
SEED = 11
DAY_1, DAY_2 = "2025-12-30", "2025-12-31"
COMPARED_SCHEMAS = ("staging", "intermediate", "marts", "restricted", "quality", "history")
INCREMENTAL_MODELS = ("base_web__events", "base_app__events", "base_email__events", "base_shop__orders",
                      "base_shop__order_lines")


def _query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def fingerprints(db: Path) -> dict[str, tuple]:
    return pipeline.table_fingerprints(db, COMPARED_SCHEMAS)


def _build(warehouse: pipeline.Warehouse, *extra: str) -> pipeline.StepResult:
    return warehouse.dbt("build", "--exclude", "resource_type:test", "resource_type:unit_test", *extra).check()


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    raw, truth = root / "generated", root / "truth"
    pipeline.generate(raw, truth, CUSTOMERS, SEED, ["--increments", "1"]).check()
    delivered = root / "raw"
    pipeline.deliver_day_files(raw, delivered, [f"{DAY_1}.csv"])

    inc = pipeline.Warehouse(root / "inc" / "c360.duckdb", root / "inc" / "target")
    pipeline.load(delivered, inc.db_path).check()
    _build(inc)
    full = pipeline.Warehouse(root / "full" / "c360.duckdb", root / "full" / "target")
    full.db_path.parent.mkdir(parents=True)
    shutil.copy(inc.db_path, full.db_path)
    shutil.copy(inc.db_path, root / "day_1.duckdb")
    day_1 = fingerprints(inc.db_path)

    pipeline.deliver_day_files(raw, delivered, [f"{DAY_2}.csv"])
    pipeline.load(delivered, inc.db_path, append=True).check()
    # day 2 with every data test too: the incremental warehouse must pass them all
    inc_build = inc.dbt("build").check()
    pipeline.load(delivered, full.db_path).check()
    _build(full, "--full-refresh")
    return {"root": root, "inc": inc, "full": full, "day_1": day_1, "inc_build": inc_build}


def test_day_files_add_late_events_redeliveries_changes_and_erasures(refreshed):
    db = refreshed["inc"].db_path
    day_2 = f"web_events/{DAY_2}.csv"
    (late,), = _query(db, f"select count(*) from staging.base_web__events where _source_file = '{day_2}' "
                          f"and reject_reason is null and cast(event_at as date) < date '{DAY_2}'")
    assert late > 0
    (redelivered,), = _query(db, "select count(*) from staging.stg_rejects where reject_reason = 'duplicate_delivery' "
                                 f"and source_file like '%/{DAY_2}.csv'")
    assert redelivered > 0
    (superseded,), = _query(db, "select count(*) from staging.stg_rejects where reject_reason = 'superseded_version'")
    assert superseded > 0
    (requests,), = _query(db, "select count(*) from staging.stg_erasure__requests "
                              f"where cast(requested_at as date) = date '{DAY_2}'")
    assert requests > 0
    (as_of,), = _query(db, "select value from raw._load_metadata where key = 'data_as_of_date'")
    assert as_of == DAY_2


def test_incremental_run_only_touches_new_files(refreshed):
    """The day-2 run of each incremental model selected a batch, not the whole source."""
    results = {r["unique_id"].split(".")[-1]: r for r in refreshed["inc"].run_results()["results"]}
    for model in INCREMENTAL_MODELS:
        assert results[model]["status"] == "success", model
    log = (refreshed["inc"].target_path / "logs" / "dbt.log").read_text()
    for model in INCREMENTAL_MODELS:
        assert f'delete from "c360"."staging"."{model}" as DBT_INCREMENTAL_TARGET' in log, model
    # the incremental per-browser web models replaced rows by browser (delete+insert on
    # anonymous_id; which browsers: test_web_models_rebuild_only_the_changed_browsers)
    for model in ("int_web__sessions", "int_web__browser_categories"):
        replace = (f'delete from "c360"."intermediate"."{model}"\n'
                   '            where (\n                anonymous_id) in (')
        assert replace in log, model


def test_incremental_equals_full_refresh(refreshed):
    inc, full = fingerprints(refreshed["inc"].db_path), fingerprints(refreshed["full"].db_path)
    assert "marts.customer_profiles" in inc and "history.customer_profile_history" in inc
    assert set(inc) == set(full)
    differing = sorted(name for name in inc if inc[name] != full[name])
    assert differing == []
    # day 2 really changed the warehouse (else equality proves nothing)
    changed = sorted(name for name in inc if inc[name] != refreshed["day_1"].get(name))
    assert "marts.customer_profiles" in changed and "staging.base_web__events" in changed


def test_history_records_day_two(refreshed):
    db = refreshed["inc"].db_path
    per_day = dict(_query(db, "select cast(valid_from as date)::varchar, count(*) from "
                              "history.customer_profile_history group by 1"))
    assert set(per_day) == {DAY_1, DAY_2}
    (closed,), = _query(db, f"select count(*) from history.customer_profile_history "
                            f"where valid_to = timestamp '{DAY_2}'")
    (opened_for_known,), = _query(
        db, f"select count(*) from history.customer_profile_history as h where valid_from = timestamp '{DAY_2}' "
            "and exists (select 1 from history.customer_profile_history as e where e.customer_id = h.customer_id "
            f"and e.valid_from = timestamp '{DAY_1}')")
    assert closed == opened_for_known > 0
    (transitions,), = _query(db, "select count(*) from marts.segment_transitions")
    (flows,), = _query(db, "select sum(n_customers) from marts.segment_flows")
    assert transitions == flows > 0
    (bad,), = _query(db, "select count(*) from marts.segment_flows where share_of_from_segment not between 0 and 1")
    assert bad == 0


def test_churn_reports_what_day_two_changed(refreshed):
    """benchmark churn on real warehouses: keys found in the manifest, the day's rows
    counted, and nothing written between the incremental build and the full refresh."""
    inc, full = refreshed["inc"], refreshed["full"]
    manifest = inc.target_path / "manifest.json"
    day_two = {r["table"]: r for r in churn(refreshed["root"] / "day_1.duckdb", inc.db_path,
                                            ("intermediate", "marts"), manifest)}
    assert day_two["marts.customer_profiles"]["key"] == ["customer_id"]
    assert day_two["intermediate.int_web__sessions"]["key"] == ["web_session_id"]
    assert day_two["marts.customer_profiles"]["inserted"] > 0  # day 2 brings new customers
    sessions = day_two["intermediate.int_web__sessions"]
    assert sessions["inserted"] > 0 and 0 < sessions["written_share"] < 0.5
    # the counts add up (a duplicated key would break this)
    assert sessions["rows_after"] - sessions["rows_before"] == sessions["inserted"] - sessions["deleted"]
    # the stamp of the build that wrote a row differs between the two by design (and only it)
    stamped = {r["table"]: r for r in churn(inc.db_path, full.db_path, ("intermediate",), manifest)}
    assert set(stamped["intermediate.int_web__sessions"]["changed_columns"]) == {"_build_seq"}
    same = churn(inc.db_path, full.db_path, ("intermediate", "marts"), manifest, pipeline.BUILD_BOOKKEEPING_COLUMNS)
    assert same and [r["table"] for r in same if r["inserted"] or r["deleted"] or r["updated"]] == []


def test_identity_scope_of_day_two_holds_every_moved_record(refreshed):
    """benchmark identity-scope on the day-2 delivery: each step's scope contains the last
    one's, the changed records alone miss records whose customer changed (a merge pulls in
    unchanged records: the check can fail), and the final scope holds all of them while
    staying a minority of the records."""
    scope = identity_scope(refreshed["root"] / "day_1.duckdb", refreshed["inc"].db_path)
    steps = {s["step"]: s for s in scope["steps"]}
    sizes = [steps[name]["identity_records"] for name in ("changed", "sharing", "paired", "customers")]
    # each step is a union over the last; sharing identifiers reaches records the delivery did not change
    assert 0 < sizes[0] < sizes[1] and sizes[-1] < scope["identity_records"] / 2
    assert scope["moved"] > 0 and steps["changed"]["moved_outside"] > 0
    assert steps["customers"]["moved_outside"] == 0
    assert 0 < steps["customers"]["map_rows"] < scope["map_rows"]


def test_scoped_identity_queries_give_the_full_rows_of_their_scope(refreshed, tmp_path):
    """benchmark scoped-identity on the day-2 warehouse: the identity models' queries
    restricted to the scope of the day's changed records give the rows the full queries
    give for that scope, and the scope is a minority of the records."""
    db = tmp_path / "c360.duckdb"
    shutil.copy(refreshed["inc"].db_path, db)
    proc = subprocess.run([sys.executable, "-m", "python_helpers", "benchmark", "scoped-identity", "--db", str(db)],
                          cwd=pipeline.REPO_ROOT, capture_output=True, text=True)
    print(proc.stdout)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| int_identity__")]
    assert len(rows) == 6 and all(line.endswith("| same |") for line in rows)
    share = re.search(r"R\* = ([0-9.]+)% of ([0-9,]+) identity records", proc.stdout)
    assert share and 0 < float(share.group(1)) < 50


def test_scoped_identity_reports_a_wrong_restriction(refreshed, tmp_path):
    """The comparison can fail: anchors computed for every record instead of the scope
    give rows outside it, and the command's result says so."""
    db = tmp_path / "c360.duckdb"
    shutil.copy(refreshed["inc"].db_path, db)

    def unrestricted_anchors(compiled, catalog):
        queries = restricted_queries(compiled, catalog)
        queries["int_identity__anchors"] = (compiled["int_identity__anchors"], queries["int_identity__anchors"][1])
        return queries

    result = scoped_identity(db, tmp_path / "target", restrict=unrestricted_anchors)
    by_model = {m["model"]: m for m in result["models"]}
    assert by_model["int_identity__anchors"]["only_scoped"] > 0
    assert by_model["int_identity__usable_identifiers"]["only_scoped"] == 0


def test_incremental_identity_records_compare_every_column(refreshed):
    """int_identity__records writes a record again when a column in its `compared` list
    differs: the list must name every stored column but the key and the stamp (a column
    missing from it would let a changed record go unwritten)."""
    sql = (pipeline.REPO_ROOT / "models/intermediate/identity/int_identity__records.sql").read_text()
    listed = re.search(r"set compared = \[(.*?)\]", sql, re.S)
    assert listed
    compared = re.findall(r"'(\w+)'", listed.group(1))
    stored = [name for (name,) in _query(
        refreshed["full"].db_path, "select column_name from information_schema.columns where table_schema = "
        "'intermediate' and table_name = 'int_identity__records' order by ordinal_position")]
    assert compared == [name for name in stored if name not in ("record_key", "_build_seq")]


def test_second_run_without_new_data_changes_nothing(refreshed):
    inc = refreshed["inc"]
    before = fingerprints(inc.db_path)
    _build(inc)
    after = fingerprints(inc.db_path)
    assert sorted(name for name in before if before[name] != after.get(name)) == []


def test_raw_deletions_reach_incremental_tables(refreshed, tmp_path):
    """The privacy step erases a person's rows from raw; the next run removes them from the incremental tables."""
    inc = refreshed["inc"]
    db = tmp_path / "c360.duckdb"
    shutil.copy(inc.db_path, db)
    erased = pipeline.Warehouse(db, tmp_path / "target")
    (anonymous_id,), = _query(db, "select anonymous_id from staging.base_web__events where anonymous_id is not null "
                                  "group by 1 order by count(*) desc, 1 limit 1")
    (had_sessions,), = _query(
        db, f"select count(*) from intermediate.int_web__sessions where anonymous_id = '{anonymous_id}'")
    assert had_sessions > 0
    con = duckdb.connect(str(db))
    con.execute("delete from raw.web_events where trim(anonymous_id) = ?", [anonymous_id])
    raw_left = con.execute("select count(*) from raw.web_events").fetchone()[0]
    con.close()
    erased.dbt("run", "--select", "base_web__events", "models/intermediate/web").check()
    (kept,), = _query(db, f"select count(*) from staging.base_web__events where anonymous_id = '{anonymous_id}'")
    (total,), = _query(db, "select count(*) from staging.base_web__events")
    assert kept == 0
    assert total == raw_left
    # the browser's web rows went with it (sessions and categories: tombstones; devices:
    # rebuilt), the other browsers' sessions are all there
    for model in ("int_web__sessions", "int_web__browser_devices", "int_web__browser_categories"):
        (rows,), = _query(db, f"select count(*) from intermediate.{model} where anonymous_id = '{anonymous_id}'")
        assert rows == 0, model
    (in_sessions, events), = _query(
        db, "select (select sum(web_events) from intermediate.int_web__sessions), (select count(*) "
            "from staging.stg_web__events, raw._load_metadata as m where m.key = 'data_as_of_date' "
            "and event_at < cast(m.value as date) + 1)")
    assert in_sessions == events > 0


def test_rebuild_at_the_same_as_of_date_with_changed_values_adds_a_version(refreshed, tmp_path):
    """A rule changes and the same data is rebuilt (same as-of date): the lifecycle
    segment of some customers moves. Each such customer gets a new current version
    and the one it replaces closes at that date; versions that began at this date
    close with valid_from = valid_to (strategy check_values; with dbt's check strategy
    the new version took the replaced one's id and the unique test failed). The
    transitions read only versions that were held: one transition per customer,
    family and date, into the new segment."""
    db = tmp_path / "c360.duckdb"
    shutil.copy(refreshed["inc"].db_path, db)
    history = "history.customer_profile_history"
    before = dict(_query(db, f"select customer_id, lifecycle_segment from {history} where valid_to is null"))
    (as_of,), = _query(db, f"select max(valid_from) from {history}")
    warehouse, rule = pipeline.Warehouse(db, tmp_path / "target"), ["--vars", '{"segment_active_days": 30}']
    warehouse.dbt("run", "--select", "+int_profile_history_inputs", *rule).check()
    # the snapshot, the transition and flow marts, and all their tests (unique version id,
    # one transition per customer, family and date)
    warehouse.dbt("build", "--select", "customer_profile_history+", "--exclude", "resource_type:unit_test",
                  *rule).check()

    now = dict(_query(db, "select customer_id, lifecycle_segment from intermediate.int_profile_history_inputs"))
    moved = sorted(c for c in now if before.get(c) != now[c])
    assert moved, "segment_active_days 180 -> 30 moved no lifecycle segment"
    as_of_rows = _query(db, f"select customer_id, lifecycle_segment from {history} where valid_from <= "
                            f"'{as_of}' and (valid_to > '{as_of}' or valid_to is null)")
    as_of_read = dict(as_of_rows)
    assert len(as_of_rows) == len(as_of_read), "a customer has two versions valid on one date"
    # customers merged away keep their last version open (hard deletes ignored)
    assert {c: as_of_read.get(c) for c in now} == now
    (ids, total), = _query(db, f"select count(distinct history_version_id), count(*) from {history}")
    assert ids == total
    zero_length = {c for (c,) in _query(db, f"select customer_id from {history} where valid_from = valid_to")}
    assert zero_length and zero_length <= set(moved)
    transitions = _query(db, "select customer_id, to_segment from marts.segment_transitions "
                             f"where segment_family = 'lifecycle' and changed_at = '{as_of}'")
    assert len(transitions) == len(dict(transitions))
    assert all(now[c] == to for c, to in transitions)
    assert set(zero_length) & {c for c, _ in transitions}, "no re-moved customer has a transition to check"


def test_tables_of_removed_models_are_dropped(refreshed, tmp_path):
    """A warehouse built before a model was removed keeps its table (dbt never drops
    it), with rows of people erased since: on-run-start drop_retired_relations drops it."""
    db = tmp_path / "c360.duckdb"
    shutil.copy(refreshed["inc"].db_path, db)
    con = duckdb.connect(str(db))
    con.execute("create table intermediate.int_customer_web_events as select 'cus_1' as customer_id")
    con.close()
    run = pipeline.Warehouse(db, tmp_path / "target").dbt("run", "--select", "int_customers").check()
    assert "drop_retired_relations: dropped" in run.stdout
    (left,), = _query(db, "select count(*) from information_schema.tables where table_name = 'int_customer_web_events'")
    assert left == 0


def test_web_aggregates_follow_a_changed_gap_and_product(refreshed, tmp_path):
    """The per-browser web models recompute a browser when any hashed input changes,
    also for browsers with an even number of events (in a bit_xor fold, an input
    hashed without a final mix cancels out there): the gap var and a product's
    category change, the incremental run equals a full refresh with the same inputs."""
    db = tmp_path / "c360.duckdb"
    shutil.copy(refreshed["inc"].db_path, db)
    before = fingerprints(db)
    (product,), = _query(db, "select shop_product_id from staging.stg_web__events where event_name = 'Product Viewed' "
                             "group by 1 order by count(*) desc, 1 limit 1")
    con = duckdb.connect(str(db))
    con.execute("update raw.shop_products set category = 'changed_category' where trim(product_id) = ?", [product])
    con.close()
    web, gap = "models/intermediate/web", ["--vars", '{"web_session_gap_minutes": 45}']
    inc = pipeline.Warehouse(db, tmp_path / "target")
    inc.dbt("run", "--select", "base_shop__products", web, *gap).check()
    full_db = tmp_path / "full" / "c360.duckdb"
    full_db.parent.mkdir()
    shutil.copy(db, full_db)
    full_warehouse = pipeline.Warehouse(full_db, tmp_path / "full" / "target")
    full_warehouse.dbt("run", "--select", web, "--full-refresh", *gap).check()
    incremental, full = fingerprints(db), fingerprints(full_db)
    tables = ["intermediate.int_web__sessions", "intermediate.int_web__browser_devices",
              "intermediate.int_web__browser_categories"]
    assert [incremental[t] for t in tables] == [full[t] for t in tables]
    # the inputs really changed the sessions and the categories
    assert incremental[tables[0]] != before[tables[0]] and incremental[tables[2]] != before[tables[2]]
    (changed_rows,), = _query(db, "select count(*) from intermediate.int_web__browser_categories "
                                  "where category = 'changed_category'")
    assert changed_rows > 0


def test_web_models_rebuild_only_the_changed_browsers(refreshed, tmp_path):
    """An incremental run leaves the rows of a browser whose events did not change as
    they are (a marker written into them survives) and rebuilds a browser that lost an
    event (its sessions count its remaining events)."""
    db = tmp_path / "c360.duckdb"
    shutil.copy(refreshed["inc"].db_path, db)
    (kept, changed), = _query(db, "select min(anonymous_id), max(anonymous_id) from (select anonymous_id "
                                  "from intermediate.int_web__sessions group by 1 having count(*) >= 2)")
    # the changed browser's latest good event (in its sessions) leaves raw
    (source_file, source_row), = _query(
        db, "select _source_file, _source_row from staging.stg_web__events, raw._load_metadata as m "
            f"where anonymous_id = '{changed}' and m.key = 'data_as_of_date' and event_at < cast(m.value as date) + 1 "
            "order by event_at desc, web_event_id desc limit 1")
    con = duckdb.connect(str(db))
    con.execute("update intermediate.int_web__sessions set page_views = -1 where anonymous_id in (?, ?)",
                [kept, changed])
    con.execute("delete from raw.web_events where _source_file = ? and _source_row = ?", [source_file, source_row])
    con.close()
    warehouse = pipeline.Warehouse(db, tmp_path / "target")
    warehouse.dbt("run", "--select", "base_web__events", "int_web__sessions").check()
    marked = dict(_query(db, "select anonymous_id, count(*) filter (where page_views = -1) "
                             "from intermediate.int_web__sessions "
                             f"where anonymous_id in ('{kept}', '{changed}') group by 1"))
    assert marked[kept] > 0, "an unchanged browser was rebuilt"
    assert marked[changed] == 0, "a browser that lost an event was not rebuilt"
    (in_sessions, staged), = _query(
        db, f"select (select sum(web_events) from intermediate.int_web__sessions where anonymous_id = '{changed}'), "
            f"(select count(*) from staging.stg_web__events, raw._load_metadata as m where anonymous_id = '{changed}' "
            "and m.key = 'data_as_of_date' and event_at < cast(m.value as date) + 1)")
    assert in_sessions == staged



def test_behavior_features_recompute_only_changed_customers(refreshed, tmp_path):
    """int_features__behavior_stored computes again only the customers whose inputs
    changed: a marker written into an unchanged customer's row survives the next
    run; a customer whose app event left raw is computed again (its row counts its
    remaining events); and most customers are not written at all."""
    db = tmp_path / "c360.duckdb"
    shutil.copy(refreshed["inc"].db_path, db)
    # two customers with a device of 2+ app events (an event can go without the record going)
    (kept, changed), = _query(
        db, "select min(customer_id), max(customer_id) from (select customer_id from "
            "intermediate.int_customer_app_events group by customer_id, device_id having count(*) >= 2)")
    (source_file, source_row, device), = _query(
        db, "select e._source_file, e._source_row, e.device_id from intermediate.int_customer_app_events as c "
            "join staging.stg_app__events as e using (app_event_id) "
            f"where c.customer_id = '{changed}' and e.device_id in (select device_id from "
            "intermediate.int_customer_app_events group by device_id having count(*) >= 2) "
            "order by e.event_at desc, e.app_event_id desc limit 1")
    con = duckdb.connect(str(db))
    con.execute("update intermediate.int_features__behavior_stored set page_views = -1 where customer_id in (?, ?)",
                [kept, changed])
    con.execute("delete from raw.app_events where _source_file = ? and _source_row = ?", [source_file, source_row])
    con.close()
    warehouse = pipeline.Warehouse(db, tmp_path / "target")
    warehouse.dbt("run", "--select", "+int_features__behavior_stored").check()
    marked = dict(_query(db, "select customer_id, page_views from intermediate.int_features__behavior_stored "
                             f"where customer_id in ('{kept}', '{changed}')"))
    assert marked[kept] == -1, "a customer whose inputs did not change was computed again"
    assert marked[changed] >= 0, "a customer that lost an app event was not computed again"
    (stored, app_events_30d_full), = _query(
        db, "select s.app_active_days_30d, (select count(distinct cast(event_at as date)) from "
            f"intermediate.int_customer_app_events where customer_id = '{changed}' and cast(event_at as date) > "
            "(select cast(value as date) - 30 from raw._load_metadata where key = 'data_as_of_date')) "
            f"from intermediate.int_features__behavior_stored as s where s.customer_id = '{changed}'")
    assert stored == app_events_30d_full
    (written, total), = _query(
        db, "select count(*) filter (where _build_seq = (select max(_build_seq) from "
            "intermediate.int_features__behavior_stored)), count(*) from intermediate.int_features__behavior_stored")
    assert 0 < written < total / 2, (written, total)

def test_data_tests_of_an_incremental_run_check_its_batch(refreshed, tmp_path):
    """The event models stamp the rows each build writes (_build_seq: 1 for all of day 1,
    2 for the day-2 batch) and their row and key tests read the latest build's rows: a
    bad value in the batch fails them, so does a batch key that repeats an older row's;
    a row no build rewrote is not read again (the day-1 build checked it)."""
    inc = refreshed["inc"]
    (day_1_stamps, day_2_stamps, total), = _query(
        inc.db_path, "select list(distinct _build_seq) filter (where _source_file <> 'web_events/" + DAY_2 + ".csv'), "
                     "list(distinct _build_seq) filter (where _source_file = 'web_events/" + DAY_2 + ".csv'), "
                     "count(*) from staging.base_web__events")
    # day 1: 1; the day-2 batch: 2 (a later run without new data re-emits only the rows
    # rejected as future_timestamp, which the moving as-of date may make valid: 3)
    assert 1 in day_1_stamps and min(day_2_stamps) >= 2
    full = dict(_query(refreshed["full"].db_path,
                       "select _build_seq, count(*) from staging.base_web__events group by 1"))
    assert full == {1: total}
    # so does every incremental model (read from the manifest: a new one without the stamp fails here)
    manifest = json.loads((inc.target_path / "manifest.json").read_text())
    incremental = sorted(f"{node['schema']}.{node['alias']}" for node in manifest["nodes"].values()
                         if node["resource_type"] == "model" and node["config"]["materialized"] == "incremental")
    assert "staging.base_shop__orders" in incremental and "intermediate.int_web__sessions" in incremental
    for model in incremental:
        (latest,), = _query(inc.db_path, f"select max(_build_seq) from {model}")
        (stamps,), = _query(refreshed["full"].db_path, f"select list(distinct _build_seq) from {model}")
        assert latest >= 2 and stamps == [1], (model, latest, stamps)
    # the day-2 build's tests read the batch only
    log = (inc.target_path / "logs" / "dbt.log").read_text()
    assert ('where web_event_id in (select written.web_event_id from "c360"."staging"."stg_web__events" as written '
            'where written._build_seq = (select max(stamped._build_seq)') in log

    tests = ["unique_stg_web__events_web_event_id", "not_null_stg_web__events_event_type"]

    def run_tests(change: str, *params: object) -> dict[str, str]:
        run = tmp_path / f"run_{len(list(tmp_path.iterdir()))}"
        run.mkdir()
        db = run / "c360.duckdb"  # the catalog name the compiled tests use
        shutil.copy(inc.db_path, db)
        con = duckdb.connect(str(db))
        con.execute(change, list(params))
        con.close()
        warehouse = pipeline.Warehouse(db, run / "target")
        warehouse.dbt("test", "--select", *tests)
        return {r["unique_id"].split(".")[2]: r["status"] for r in warehouse.run_results()["results"]
                if r["unique_id"].startswith("test.")}

    (old_id, new_id), = _query(
        inc.db_path, "select min(web_event_id) filter (where _build_seq = 1), min(web_event_id) filter "
                     "(where _build_seq = (select max(_build_seq) from staging.stg_web__events)) "
                     "from staging.stg_web__events")
    assert old_id and new_id
    assert run_tests("select 1") == dict.fromkeys(tests, "pass")
    # a batch row that takes an older row's key: caught
    assert run_tests("update staging.base_web__events set web_event_id = ? where web_event_id = ? "
                     "and reject_reason is null", old_id, new_id)[tests[0]] == "fail"
    # a batch row without event type: caught
    assert run_tests("update staging.base_web__events set event_type = null where web_event_id = ?",
                     new_id)[tests[1]] == "fail"
    # the same defect in a row of day 1 (no incremental build rewrote it): not read
    assert run_tests("update staging.base_web__events set event_type = null where web_event_id = ?",
                     old_id)[tests[1]] == "pass"
