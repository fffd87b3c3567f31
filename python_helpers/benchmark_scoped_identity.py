"""``benchmark scoped-identity``: what the identity models cost when restricted to
the scope one delivery touches, and whether the restricted queries give the rows
the full ones give for that scope (docs/incremental_budget.md, stage 1).

Run it on a warehouse after an incremental build (the stamps of the last run are
the input). Steps:

1. ``dbt compile`` of the identity models into a temporary target path (the SQL
   the build runs);
2. on a read-only attachment of the warehouse, the scope from the last run's
   stamps: C = the identity records ``int_identity__records`` wrote in its last
   incremental run (its highest ``_build_seq``), N = the identifiers they carry,
   S = every record carrying one of N (with C), P = the partners of S in accepted
   probabilistic pairs, R* = every record of a customer holding a record of S or P
   (and the record-map rows of R*: its records and the email events of its address
   records);
3. each model's compiled query twice into temporary tables: as compiled, and
   restricted by text substitution (guards over N, counting the shop accounts
   their carriers name on any row; usable identifiers and anchors over S;
   probabilistic pairs with S on either side of each blocking rule; edges and
   record customers over R*). A substitution that no longer matches the
   model's SQL stops the command and names it;
4. the restricted result against the full one cut to the same scope, both ways.
   Every model must give the same rows (printed ``same``; else ``DIFFERENT``
   and exit 1).

The scope is the one of the warehouse's present state (the nodes the changed
records carry now; an incremental identity adds those they carried before, and
deletes what is gone): the command measures the cost of the restricted queries
and checks the restriction itself. Whether such a scope holds every record whose
customer changed is what ``benchmark identity-scope`` measures on two warehouses.
The stamps are those of the last run of ``int_identity__records`` that wrote a
record; on a warehouse whose records were last written by a full build every
record would count as changed, and the command stops. Step 1 connects dbt to the
warehouse (so nothing else may hold it); the queries then only read it: the
figures leave out the delete and insert an incremental model would add.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

import duckdb

from python_helpers.pipeline import Warehouse
from python_helpers.sql_text import sql_identifier, sql_string

MODELS = ("int_identity__identifier_guards", "int_identity__usable_identifiers", "int_identity__anchors",
          "int_identity__probabilistic_pairs", "int_identity__edges", "int_identity__record_customers")


def _relation(catalog: str, model: str, schema: str = "intermediate") -> str:
    """The relation as dbt-duckdb writes it in compiled SQL (the substitutions match on it)."""
    return f"{sql_identifier(catalog)}.{sql_identifier(schema)}.{sql_identifier(model)}"


def _substitute(model: str, sql: str, replacements: list[tuple[str, str]]) -> str:
    for old, new in replacements:
        if old not in sql:
            raise SystemExit(f"benchmark scoped-identity: {model}: the compiled SQL no longer contains {old!r}; "
                             "update the restriction in python_helpers/benchmark_scoped_identity.py")
        sql = sql.replace(old, new)
    return sql


def _scope_blocks(sql: str) -> str:
    """Each blocking rule of the probabilistic tier twice: the weak record in S against
    every other record, and every weak record against the other in S."""
    def scoped(match: re.Match) -> str:
        body = match.group(2)
        other = re.search(r"inner join (\w+) as other", body)
        if "from weak_records as weak" not in body or not other:
            raise SystemExit(f"benchmark scoped-identity: blocking rule {match.group(1)} has an unexpected shape")
        weak_in_scope = body.replace(
            "from weak_records as weak",
            "from (select * from weak_records where record_key in (select record_key from scope_s)) as weak")
        other_in_scope = body.replace(
            f"inner join {other.group(1)} as other",
            f"inner join (select * from {other.group(1)} where record_key in (select record_key from scope_s)) "
            "as other")
        return f"{match.group(1)} as (\n{weak_in_scope}\n    union all\n{other_in_scope}\n),"

    scoped_sql, n = re.subn(r"^(block_\w+) as \(\n(.*?)\n\),", scoped, sql, flags=re.M | re.S)
    if n == 0:
        raise SystemExit("benchmark scoped-identity: no blocking rule (block_*) found in the probabilistic pairs")
    return scoped_sql


def restricted_queries(compiled: dict[str, str], catalog: str) -> dict[str, tuple[str, str]]:
    """model -> (restricted query, the full result's rows in that scope, as a where clause on table full_<n>)."""
    rel = {m: _relation(catalog, m) for m in ("int_identity__record_identifiers", "int_identity__records",
                                              "int_identity__usable_identifiers", "int_identity__anchors",
                                              "int_identity__probabilistic_pairs", "int_identity__overrides")}
    in_s = "record_key in (select record_key from scope_s)"
    in_r = "record_key in (select record_key from scope_r)"
    return {
        "int_identity__identifier_guards": (
            _substitute("int_identity__identifier_guards", compiled["int_identity__identifier_guards"], [
                ("where not is_over_record_limit",
                 "where not is_over_record_limit and node_key in (select node_key from scope_n)"),
                # the shop accounts a carrier names come from all its rows, not only those on N
                ("    from record_identifiers\n    where identifier_type = 'shop_customer_id'",
                 f"    from {rel['int_identity__record_identifiers']}\n"
                 "    where not is_over_record_limit and identifier_type = 'shop_customer_id'")]),
            "node_key in (select node_key from scope_n)"),
        "int_identity__usable_identifiers": (
            _substitute("int_identity__usable_identifiers", compiled["int_identity__usable_identifiers"], [
                (f"select * from {rel['int_identity__record_identifiers']}",
                 f"select * from {rel['int_identity__record_identifiers']} where {in_s}")]),
            in_s),
        "int_identity__anchors": (
            _substitute("int_identity__anchors", compiled["int_identity__anchors"], [
                (f"select * from {rel[m]}", f"select * from {rel[m]} where {in_s}")
                for m in ("int_identity__records", "int_identity__usable_identifiers",
                          "int_identity__record_identifiers")]),
            in_s),
        "int_identity__probabilistic_pairs": (
            _scope_blocks(compiled["int_identity__probabilistic_pairs"]),
            "record_key_a in (select record_key from scope_s) or record_key_b in (select record_key from scope_s)"),
        "int_identity__edges": (
            _substitute("int_identity__edges", compiled["int_identity__edges"], [
                (f"select * from {rel['int_identity__usable_identifiers']}",
                 f"select * from {rel['int_identity__usable_identifiers']} where {in_r}"),
                (f"select * from {rel['int_identity__probabilistic_pairs']}",
                 f"select * from {rel['int_identity__probabilistic_pairs']} "
                 "where record_key_a in (select record_key from scope_r)"),
                (f"select * from {rel['int_identity__overrides']}",
                 f"select * from {rel['int_identity__overrides']} "
                 "where record_key_a in (select record_key from scope_r)")]),
            "split_part(record_key, ' ~ ', 1) in (select record_key from scope_r)"),
        "int_identity__record_customers": (
            _substitute("int_identity__record_customers", compiled["int_identity__record_customers"], [
                (f"select * from {rel['int_identity__anchors']}",
                 f"select * from {rel['int_identity__anchors']} where {in_r}")]),
            "record_key in (select record_key from scope_map_rows)"),
    }


SCOPE_STEPS = (
    ("C changed records", "scope_c", """
        select record_key from {records}
        where _build_seq = (select max(_build_seq) from {records})"""),
    ("N their identifiers", "scope_n", """
        select distinct node_key from {identifiers} where record_key in (select record_key from scope_c)"""),
    ("S records carrying N", "scope_s", """
        select record_key from {identifiers} where node_key in (select node_key from scope_n)
        union
        select record_key from scope_c"""),
    ("P partners of S", "scope_p", """
        select record_key_b as record_key from {pairs}
        where is_accepted and record_key_a in (select record_key from scope_s)
        union
        select record_key_a from {pairs}
        where is_accepted and record_key_b in (select record_key from scope_s)"""),
    ("customers of S and P", "scope_customers", """
        select distinct customer_id from {record_customers}
        where record_key in (select record_key from scope_s union select record_key from scope_p)"""),
    ("R* their records", "scope_r", """
        select anchors.record_key
        from {anchors} as anchors
        inner join {record_customers} as record_customers
            on anchors.record_key = record_customers.record_key
        where record_customers.customer_id in (select customer_id from scope_customers)"""),
    ("record-map rows of R*", "scope_map_rows", """
        select record_key from scope_r
        union
        select 'email_events:' || email_events.email_event_id
        from {email_events} as email_events
        inner join {records} as records
            on email_events.email_match_key = records.email_match_key
        where records.source = 'email_events'
            and records.records_represented > 1
            and records.record_key in (select record_key from scope_r)"""),
)


def scoped_identity(db: Path, target_path: Path, restrict=restricted_queries) -> dict:
    """The scope and each model's full and restricted query (see the module docstring);
    `restrict` builds the restricted queries (tests pass a wrong one)."""
    warehouse = Warehouse(db, target_path)
    warehouse.dbt("compile", "--select", *MODELS).check()
    compiled_dir = target_path / "compiled" / "customer360" / "models" / "intermediate" / "identity"
    compiled = {m: (compiled_dir / f"{m}.sql").read_text(encoding="utf-8") for m in MODELS}
    catalog = db.stem
    con = duckdb.connect()
    try:
        con.execute("set enable_progress_bar = false")
        con.execute("set preserve_insertion_order = false")
        from python_helpers.duckdb_udfs import register_udfs

        register_udfs(con)
        con.execute(f"attach {sql_string(str(db))} as {sql_identifier(catalog)} (read_only)")
        names = {"records": "int_identity__records", "identifiers": "int_identity__record_identifiers",
                 "pairs": "int_identity__probabilistic_pairs", "record_customers": "int_identity__record_customers",
                 "anchors": "int_identity__anchors"}
        tables = {k: _relation(catalog, v) for k, v in names.items()}
        tables["email_events"] = _relation(catalog, "stg_email__events", "staging")
        scope = []
        for label, table, sql in SCOPE_STEPS:
            started = time.perf_counter()
            con.execute(f"create temp table {table} as {sql.format(**tables)}")
            seconds = time.perf_counter() - started
            rows = con.execute(f"select count(*) from {table}").fetchone()[0]
            scope.append({"step": label, "rows": rows, "seconds": round(seconds, 2)})
            if table == "scope_c":
                latest, total_records = con.execute(
                    f"select max(_build_seq), count(*) from {tables['records']}").fetchone()
                if latest is None or latest <= 1 or rows >= total_records:
                    raise SystemExit(
                        f"benchmark scoped-identity: {db}: int_identity__records was last written by a full build "
                        "(every record carries the stamp of that write), so every record counts as changed; run "
                        "the command on a warehouse after an incremental build")
        models = []
        for i, (model, (restricted, cut)) in enumerate(restrict(compiled, catalog).items()):
            started = time.perf_counter()
            con.execute(f"create temp table full_{i} as {compiled[model]}")
            full_s = time.perf_counter() - started
            started = time.perf_counter()
            con.execute(f"create temp table scoped_{i} as {restricted}")
            scoped_s = time.perf_counter() - started
            full_rows, scoped_rows, only_full, only_scoped = con.execute(f"""
                select
                    (select count(*) from full_{i}),
                    (select count(*) from scoped_{i}),
                    (select count(*) from (select * from full_{i} where {cut} except all select * from scoped_{i})),
                    (select count(*) from (select * from scoped_{i} except all select * from full_{i} where {cut}))
            """).fetchone()
            models.append({"model": model, "full_seconds": round(full_s, 2), "scoped_seconds": round(scoped_s, 2),
                           "full_rows": full_rows, "scoped_rows": scoped_rows,
                           "only_full": only_full, "only_scoped": only_scoped})
            con.execute(f"drop table full_{i}")
            con.execute(f"drop table scoped_{i}")
    finally:
        con.close()
    return {"identity_records": total_records, "scope": scope, "models": models}


def report(result: dict) -> str:
    lines = ["| scope step | rows | seconds |", "|---|---|---|"]
    for s in result["scope"]:
        lines.append(f"| {s['step']} | {s['rows']:,} | {s['seconds']:.2f} |")
    scope_s = sum(s["seconds"] for s in result["scope"])
    r_star = next(s["rows"] for s in result["scope"] if s["step"].startswith("R*"))
    lines.append(f"scope: {scope_s:.2f} s; R* = {r_star / max(result['identity_records'], 1):.1%} of "
                 f"{result['identity_records']:,} identity records")
    lines += ["", "| model | full query | restricted query | rows full / restricted | restricted = full in scope |",
              "|---|---|---|---|---|"]
    for m in result["models"]:
        same = "same" if m["only_full"] == 0 and m["only_scoped"] == 0 else \
            f"DIFFERENT ({m['only_full']:,} only full, {m['only_scoped']:,} only restricted)"
        lines.append(f"| {m['model']} | {m['full_seconds']:.2f} s | {m['scoped_seconds']:.2f} s | "
                     f"{m['full_rows']:,} / {m['scoped_rows']:,} | {same} |")
    full = sum(m["full_seconds"] for m in result["models"])
    scoped = sum(m["scoped_seconds"] for m in result["models"])
    lines.append(f"six models: full {full:.2f} s, restricted {scoped:.2f} s + scope {scope_s:.2f} s")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if not args.db.exists():
        raise SystemExit(f"benchmark scoped-identity: no warehouse at {args.db}")
    with tempfile.TemporaryDirectory(prefix="scoped-identity-") as target:
        result = scoped_identity(args.db, Path(target))
    print(report(result))
    return 0 if all(m["only_full"] == 0 and m["only_scoped"] == 0 for m in result["models"]) else 1


def register(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("scoped-identity", help="identity models restricted to one delivery's scope: cost and rows",
                         description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", type=Path, required=True, help="warehouse after an incremental build")
    p.set_defaults(func=run)
