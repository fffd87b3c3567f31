"""``benchmark identity-scope``: how much of the identity graph one delivery reaches.

Compares the identity tables of two DuckDB warehouses of the same project: one
copied before a delivery (the day-1 build) and one after the build of the day
file. It measures the records an identity run limited to what the delivery
touched would have to resolve again, the precondition of an incremental
identity (issue #8: today every run resolves all records). The scope grows in
four steps, each over both warehouses (so records that came or went count):

1. changed: identity records whose row in ``int_identity__records`` or whose
   identifiers in ``int_identity__record_identifiers`` differ;
2. sharing: every record that carries an identifier of a changed record (the
   identifier's guards, which records it links and whether they are "weak" for
   the probabilistic tier may change with it);
3. paired: the partners of those records in accepted probabilistic pairs;
4. customers: every record of a customer that holds a record of step 3, or an
   email event of an address record of step 3 (an address is one identity
   record standing for its events, each a row of the record map; when the
   address is cut as shared, each event is a customer of its own).

Step 4 is the scope. Resolving only its records again, and keeping the customer
of every other record, is exact only if no other record's customer changed: the
command counts, after each step, the records whose customer changed (or that
came or went, ``int_identity__record_customers``) and lie outside the scope; the
last count must be 0. Records are counted as identity records (an email address
is one) and as rows of the record map (every email event). Nothing here asserts;
it prints figures.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import duckdb

from python_helpers.pipeline import BUILD_BOOKKEEPING_COLUMNS
from python_helpers.sql_text import sql_string

SCHEMA = "intermediate"
STEPS = ("changed", "sharing", "paired", "customers")


def identity_scope(before: Path, after: Path) -> dict:
    """The scope of each step and the moved records outside it (see the module docstring)."""
    con = duckdb.connect()
    try:
        con.execute("set enable_progress_bar = false")
        for alias, path in (("before", before), ("after", after)):
            con.execute(f"attach {sql_string(str(path))} as {alias} (read_only)")

        def both(table: str, columns: str, where: str = "true") -> str:
            """The rows of the table in either warehouse (a set)."""
            return (f"select {columns} from before.{SCHEMA}.{table} where {where} "
                    f"union select {columns} from after.{SCHEMA}.{table} where {where}")

        def either(table: str, columns: str) -> str:
            """The rows of the table present in one warehouse only."""
            one = f"select {columns} from before.{SCHEMA}.{table}"
            other = f"select {columns} from after.{SCHEMA}.{table}"
            return f"({one} except {other}) union all ({other} except {one})"

        def record_columns() -> str:
            found = [{name for (name,) in con.execute(
                "select column_name from information_schema.columns where table_catalog = ? "
                "and table_schema = ? and table_name = 'int_identity__records'", [db, SCHEMA]).fetchall()}
                for db in ("before", "after")]
            # the stamp of the build that wrote a row differs between an incremental run and a full refresh
            return ", ".join(f'"{name}"' for name in sorted(found[0] & found[1] - set(BUILD_BOOKKEEPING_COLUMNS)))

        statements = {
            "identifiers": both("int_identity__record_identifiers", "record_key, node_key"),
            "map": both("int_identity__record_customers", "record_key, customer_id"),
            "identity_records": both("int_identity__records", "record_key, source, email_match_key"),
            # the email events an address record stands for (the staged events: stg_email__events
            # is a view of the base table, which the attached warehouses cannot resolve by name)
            "email_events": """
                select 'email_events:' || email_event_id as record_key, email_match_key
                from before.staging.base_email__events
                where reject_reason is null and not is_email_junk and email_match_key is not null
                union
                select 'email_events:' || email_event_id, email_match_key
                from after.staging.base_email__events
                where reject_reason is null and not is_email_junk and email_match_key is not null""",
            "changed": f"""
                select record_key from ({either('int_identity__records', record_columns())})
                union
                select record_key from ({either('int_identity__record_identifiers',
                                                'record_key, node_key, is_over_record_limit')})""",
            "touched_identifiers": "select distinct node_key from identifiers semi join changed using (record_key)",
            "sharing": """
                select record_key from changed
                union
                select record_key from identifiers semi join touched_identifiers using (node_key)""",
            "pairs": both("int_identity__probabilistic_pairs", "record_key_a, record_key_b", "is_accepted"),
            "paired": """
                select record_key from sharing
                union
                select pairs.record_key_b from pairs semi join sharing on pairs.record_key_a = sharing.record_key
                union
                select pairs.record_key_a from pairs semi join sharing on pairs.record_key_b = sharing.record_key""",
            "paired_rows": """
                select record_key from paired
                union
                select email_events.record_key from email_events semi join (
                    select identity_records.email_match_key from identity_records semi join paired using (record_key)
                    where identity_records.source = 'email_events'
                ) as addresses using (email_match_key)""",
            "scope_customers": "select distinct customer_id from map semi join paired_rows using (record_key)",
            "customers": """
                select record_key from map semi join scope_customers using (customer_id)
                union
                select record_key from paired_rows""",
            "moved": "select distinct record_key from ("
                     + either("int_identity__record_customers", "record_key, customer_id") + ")",
        }
        for name, sql in statements.items():
            con.execute(f"create temp table {name} as {sql}")

        def count(sql: str) -> int:
            return con.execute(sql).fetchone()[0]

        out = {
            "identity_records": count("select count(distinct record_key) from identity_records"),
            "map_rows": count("select count(distinct record_key) from map"),
            "customers_total": count("select count(distinct customer_id) from map"),
            "moved": count("select count(*) from moved"),
            "scope_customers": count("select count(*) from scope_customers"),
            "touched_identifiers": count("select count(*) from touched_identifiers"),
            "steps": [],
        }
        for step in STEPS:
            out["steps"].append({
                "step": step,
                "identity_records": count(f"select count(*) from {step} semi join identity_records using (record_key)"),
                "map_rows": count(f"select count(*) from map semi join {step} using (record_key)"),
                "moved_outside": count(f"select count(*) from moved anti join {step} using (record_key)"),
            })
        out["moved_outside_sample"] = [key for (key,) in con.execute(
            f"select record_key from moved anti join {STEPS[-1]} using (record_key) order by record_key limit 10"
        ).fetchall()]
        return out
    finally:
        con.close()


def report(scope: dict) -> str:
    lines = ["| step | identity records | share | record-map rows | share | moved records outside |",
             "|---|---|---|---|---|---|"]
    for s in scope["steps"]:
        records_share = s["identity_records"] / scope["identity_records"]
        rows_share = s["map_rows"] / scope["map_rows"]
        lines.append(f"| {s['step']} | {s['identity_records']:,} | {records_share:.1%} | {s['map_rows']:,} "
                     f"| {rows_share:.1%} | {s['moved_outside']:,} |")
    lines.append("")
    lines.append(f"identity records (either warehouse): {scope['identity_records']:,}; record-map rows: "
                 f"{scope['map_rows']:,}; customers: {scope['customers_total']:,}, of which in the scope: "
                 f"{scope['scope_customers']:,}; identifiers of changed records: {scope['touched_identifiers']:,}; "
                 f"records whose customer changed (or that came or went): {scope['moved']:,}")
    outside = scope["steps"][-1]["moved_outside"]
    lines.append("scope holds every moved record" if outside == 0 else
                 f"NOT EXACT: {outside:,} moved records lie outside the scope")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    for path in (args.before, args.after):
        if not path.exists():
            raise SystemExit(f"benchmark identity-scope: no warehouse at {path}")
    scope = identity_scope(args.before, args.after)
    if not scope["identity_records"]:
        raise SystemExit("benchmark identity-scope: neither warehouse has identity records")
    print(report(scope))
    if args.json:
        args.json.write_text(json.dumps(scope, indent=2) + "\n")
    return 0


def register(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("identity-scope", help="identity records one delivery reaches (before / after it)",
                         description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--before", type=Path, required=True, help="warehouse copied before the delivery")
    p.add_argument("--after", type=Path, required=True, help="the same warehouse after the build of the delivery")
    p.add_argument("--json", type=Path, help="also write the figures here")
    p.set_defaults(func=run)
