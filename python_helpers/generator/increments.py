"""Daily deliveries: split a generated period into an initial load plus day files.

``generate --increments K`` first writes the usual one-file-per-source output into a
scratch folder, then delivers it the way a daily export would arrive:

- ``<out>/<source>/<initial date>.csv``: every row that arrived on or before the
  end date minus K days (the initial load);
- ``<out>/<source>/<day>.csv`` for each of the K following days: the rows that
  arrived that day, plus the day's extras.

A row arrives at its arrival time: ``received_at`` for web events (late events
arrive 1-10 days after ``event_at``, so a day file holds events dated days
earlier), the event time for other events, orders, surveys, consent changes and
erasure requests, the later of created/updated (or solved) for accounts,
contacts and tickets. Order lines arrive with their order, the product catalog
with the initial load. A row whose arrival time is missing, unparseable or after
the end date is delivered with the initial load (corrupt) or the last day
(collected after the period). Without the extras, the day files together hold
exactly the rows of the one-file output.

Extras of each day file (deterministic: an RNG seeded from (seed, day)):

- ``redelivery`` share of the events (web, app, email) already delivered in
  earlier files, re-delivered as identical copies (at-least-once delivery);
- ``crm_change`` share of the CRM contacts already delivered, re-exported with a
  changed occupation and education level and ``updated_at`` on that day;
- new erasure requests (0.05% of the delivered shop accounts, at least one a
  day), each naming one delivered account by its customer_id.

File names are ISO dates, so name order is delivery order (the loader and the
incremental models rely on it).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import duckdb
import numpy as np

from ..sql_text import sql_string
from .writer import CONTRACT

# source -> SQL expression of the arrival time (columns are text)
ARRIVAL: dict[str, str] = {
    "web_events": "coalesce(try_cast(received_at as timestamptz), try_cast(event_at as timestamptz))",
    "app_events": "try_cast(event_at as timestamptz)",
    "email_events": "try_cast(event_at as timestamptz)",
    "social_interactions": "try_cast(interaction_at as timestamptz)",
    "shop_orders": "try_cast(ordered_at as timestamptz)",
    "survey_responses": "try_cast(submitted_at as timestamptz)",
    "consent_events": "try_cast(recorded_at as timestamptz)",
    "erasure_requests": "try_cast(requested_at as timestamptz)",
    "shop_customers": "greatest(try_cast(created_at as timestamptz), try_cast(updated_at as timestamptz))",
    "crm_contacts": "greatest(try_cast(created_at as timestamptz), try_cast(updated_at as timestamptz))",
    "support_tickets": "greatest(try_cast(created_at as timestamptz), try_cast(solved_at as timestamptz))",
}
EVENT_SOURCES = ("web_events", "app_events", "email_events")
DEFAULT_REDELIVERY = 0.002
DEFAULT_CRM_CHANGE = 0.01
ERASURE_PER_ACCOUNT = 0.0005  # new erasure requests per delivered shop account and day (at least one)
OCCUPATIONS = ("Engineer", "Teacher", "Designer", "Consultant", "Nurse", "Manager", "Founder", "Analyst")
EDUCATION = ("secondary", "bachelor", "master", "doctorate", "vocational")


def deliver(full_dir: Path, out: Path, end: dt.date, increments: int, seed: int,
            redelivery: float = DEFAULT_REDELIVERY, crm_change: float = DEFAULT_CRM_CHANGE) -> dict[str, int]:
    """Split the one-file output in ``full_dir`` into day files under ``out``; rows per day file."""
    initial = end - dt.timedelta(days=increments)
    days = [initial + dt.timedelta(days=i) for i in range(increments + 1)]
    # a scratch database file and a memory cap: at 1M customers the web events alone
    # are 32M rows, which an in-memory database held in RAM (18 GB); row order comes
    # from _rn and explicit order by, not from where the rows live
    con = duckdb.connect(str(full_dir / "deliver.duckdb"))
    rows: dict[str, int] = {}
    try:
        con.execute("set memory_limit = '3GB'")
        con.execute("set TimeZone = 'UTC'")
        con.execute("set threads = 1")  # one reader: row order is file order
        con.execute("set preserve_insertion_order = true")
        con.execute(f"set temp_directory = {sql_string(str(full_dir / '.spill'))}")
        for name, columns in CONTRACT.items():
            path = full_dir / f"{name}.csv"
            types = ", ".join(f"{sql_string(c)}: 'VARCHAR'" for c in columns)
            con.execute(
                f"create or replace table src as select *, row_number() over () as _rn from "
                f"read_csv({sql_string(str(path))}, header = true, auto_detect = false, delim = ',', quote = '\"', "
                f"escape = '\"', strict_mode = true, columns = {{{types}}})"
            )
            if name == "shop_products":
                day_expr = f"date {sql_string(initial.isoformat())}"
            elif name == "shop_order_lines":
                day_expr = "coalesce(order_days._day, date " + sql_string(initial.isoformat()) + ")"
            else:
                day_expr = (
                    f"least(greatest(coalesce(cast({ARRIVAL[name]} as date), date {sql_string(initial.isoformat())}),"
                    f" date {sql_string(initial.isoformat())}), date {sql_string(end.isoformat())})"
                )
                # corrupt far-future values are delivered with the initial load
                day_expr = (f"case when cast({ARRIVAL[name]} as date) > date {sql_string(end.isoformat())} + 31 "
                            f"then date {sql_string(initial.isoformat())} else {day_expr} end")
            join = ""
            if name == "shop_order_lines":
                join = "left join order_days on src.order_id = order_days.order_id"
            con.execute(f"create or replace table dated as select src.*, {day_expr} as _day from src {join} ")
            if name == "shop_customers":
                con.execute("create or replace table accounts as select customer_id, _rn, _day from dated")
            if name == "shop_orders":
                con.execute("create or replace table order_days as select order_id, min(_day) as _day "
                            "from dated group by order_id")
            cols = ", ".join(f'"{c}"' for c in columns)
            folder = out / name
            folder.mkdir(parents=True, exist_ok=True)
            for index, day in enumerate(days):
                part = (f"select {cols}, _rn as _order, 0 as _extra from dated "
                        f"where _day = date {sql_string(day.isoformat())}")
                if index > 0:
                    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 77, day.toordinal()])))
                    extra = _extras(con, name, cols, day, rng, redelivery, crm_change)
                    if extra:
                        part = f"{part} union all {extra}"
                target = folder / f"{day.isoformat()}.csv"
                con.execute(f"copy (select {cols} from ({part}) order by _extra, _order) to {sql_string(str(target))} "
                            "(header true, delimiter ',', quote '\"', escape '\"')")
                rows[f"{name}/{target.name}"] = con.execute(
                    f"select count(*) from ({part})").fetchone()[0]
    finally:
        con.close()
    return rows


def _extras(con: duckdb.DuckDBPyConnection, name: str, cols: str, day: dt.date, rng: np.random.Generator,
            redelivery: float, crm_change: float) -> str | None:
    """SQL of the extra rows of one day file (or None)."""
    earlier = f"_day < date {sql_string(day.isoformat())}"
    if name in EVENT_SOURCES and redelivery > 0:
        (n,) = con.execute(f"select count(*) from dated where {earlier}").fetchone()
        picks = _pick(rng, n, redelivery)
        if not picks:
            return None
        con.execute(f"create or replace table picks_{name} as select unnest([{', '.join(map(str, picks))}]) as k")
        return (f"select {cols}, _rn as _order, 1 as _extra from (select *, row_number() over (order by _rn) as k "
                f"from dated where {earlier}) as d where k in (select k from picks_{name})")
    if name == "crm_contacts" and crm_change > 0:
        (n,) = con.execute(f"select count(*) from dated where {earlier}").fetchone()
        picks = _pick(rng, n, crm_change)
        if not picks:
            return None
        occupation = rng.integers(0, len(OCCUPATIONS), size=len(picks))
        education = rng.integers(0, len(EDUCATION), size=len(picks))
        seconds = rng.integers(0, 24 * 3600, size=len(picks))
        midnight = dt.datetime.combine(day, dt.time())
        stamps = [(midnight + dt.timedelta(seconds=int(s))).strftime("%Y-%m-%dT%H:%M:%SZ") for s in seconds]
        values = ", ".join(
            f"({k}, {sql_string(OCCUPATIONS[o])}, {sql_string(EDUCATION[e])}, {sql_string(stamp)})"
            for k, o, e, stamp in zip(picks, occupation, education, stamps, strict=True)
        )
        con.execute(f"create or replace table changes as select * from (values {values}) "
                    "as t(k, new_occupation, new_education, new_updated_at)")
        changed = cols.replace('"occupation"', 'changes.new_occupation as "occupation"') \
                      .replace('"education_level"', 'changes.new_education as "education_level"') \
                      .replace('"updated_at"', 'changes.new_updated_at as "updated_at"')
        return (f"select {changed}, _rn as _order, 1 as _extra from (select *, row_number() over (order by _rn) as k "
                f"from dated where {earlier}) as d inner join changes using (k)")
    if name == "erasure_requests":
        # at least one new request a day, naming an already delivered shop account
        (n,) = con.execute(f"select count(*) from accounts where {earlier}").fetchone()
        picks = _pick(rng, n, max(1 / max(n, 1), ERASURE_PER_ACCOUNT))
        if not picks:
            return None
        con.execute(f"create or replace table erasure_picks as select unnest([{', '.join(map(str, picks))}]) as k")
        stamp = day.strftime("%Y%m%d")
        return (f"select 'ER-D{stamp}-' || lpad(cast(row_number() over (order by k) as varchar), 4, '0') "
                "as request_id, "
                "null as email, null as phone, customer_id, 'gdpr' as regulation, "
                f"'{day.isoformat()}T12:00:00Z' as requested_at, 1000000000 + k as _order, 1 as _extra "
                f"from (select customer_id, row_number() over (order by _rn) as k from accounts where {earlier}) "
                "where k in (select k from erasure_picks)")
    return None


def _pick(rng: np.random.Generator, n: int, share: float) -> list[int]:
    """Sorted distinct 1-based row numbers, about ``share`` of ``n``."""
    count = int(round(n * share))
    if count <= 0 or n <= 0:
        return []
    return sorted(int(v) + 1 for v in rng.choice(n, size=count, replace=False))


def generate_increments(cfg, out: Path, truth_dir: Path, increments: int,
                        redelivery: float = DEFAULT_REDELIVERY, crm_change: float = DEFAULT_CRM_CHANGE):
    """Generate the period into a scratch folder, then deliver it as day files into ``out``."""
    from .core import generate

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".full-", dir=out))
    try:
        stats = generate(cfg, scratch, truth_dir)
        day_rows = deliver(scratch, out, cfg.end, increments, cfg.seed, redelivery, crm_change)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return stats, day_rows
