"""``benchmark churn``: what one delivery changed in each table of the warehouse.

Compares two DuckDB warehouses of the same project: one copied before a delivery
(the day-1 build) and one after the incremental build of the day file. For every
table of the given schemas it prints the rows inserted, deleted and updated
(same key, other values) and the share of the table an incremental run has to
write, plus the columns that changed most often.

Why: an incremental run can only be as cheap as the rows it must rewrite. A
model whose rows change for most customers every day (a column relative to the
as-of date, a count denormalised onto every record of a customer, a model
refitted over everybody) gains little from processing only the new data; this
command says which tables and which columns those are, so the work on issue #8
goes where it can pay.

Keys come from the dbt manifest: a model's ``unique`` test on one column, else
its ``unique_combination`` test, used when no two rows of either warehouse share
it (a null counts as a value and matches a null). A table without such a key is
compared as a multiset of rows (inserted / deleted only). A row is updated when
any common column differs (``is distinct from``); "written" = inserted + updated,
deletions not counted. Columns added, removed or retyped are listed. Nothing here
asserts; it prints figures.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import duckdb

from python_helpers.sql_text import sql_identifier, sql_string

DEFAULT_SCHEMAS = ("intermediate", "marts", "restricted")


def model_keys(manifest_path: Path) -> dict[str, list[str]]:
    """Table name -> key columns, from the unique tests of the dbt manifest."""
    if not manifest_path.exists():
        return {}
    manifest = json.loads(manifest_path.read_text())
    names = {uid: node["name"] for uid, node in manifest["nodes"].items()
             if node["resource_type"] in ("model", "snapshot", "seed")}
    single: dict[str, list[str]] = {}
    combined: dict[str, list[str]] = {}
    for node in manifest["nodes"].values():
        meta = node.get("test_metadata") or {}
        target = names.get(node.get("attached_node") or "")
        if node["resource_type"] != "test" or not target:
            continue
        kwargs = meta.get("kwargs", {})
        if meta.get("name") == "unique" and kwargs.get("column_name"):
            single.setdefault(target, [kwargs["column_name"]])
        elif meta.get("name") == "unique_combination" and kwargs.get("columns"):
            combined.setdefault(target, list(kwargs["columns"]))
    return {**combined, **single}


def _unique_key(con: duckdb.DuckDBPyConnection, db: str, rel: str, key: list[str]) -> bool:
    """No two rows of this table share the key, a null counting as a value (the join
    below matches nulls; dbt's unique test skips them, and a test may fail or only
    warn: checked here, not assumed)."""
    keys = ", ".join(sql_identifier(k) for k in key)
    n, n_keys = con.execute(f"select count(*), count(distinct row({keys})) from {db}.{rel}").fetchone()
    return n == n_keys


def table_churn(con: duckdb.DuckDBPyConnection, schema: str, table: str, key: list[str] | None,
                ignore_columns: tuple[str, ...] = ()) -> dict:
    """Rows inserted / deleted / updated between before.<schema>.<table> and after.<...>,
    over every column but ignore_columns."""
    def columns(db: str) -> dict[str, str]:
        found = con.execute(
            "select column_name, data_type from information_schema.columns where table_catalog = ? "
            "and table_schema = ? and table_name = ? order by ordinal_position", [db, schema, table]).fetchall()
        return {name: kind for name, kind in found if name not in ignore_columns}

    before_cols, after_cols = columns("before"), columns("after")
    common = [c for c in after_cols if c in before_cols]
    rel = f"{sql_identifier(schema)}.{sql_identifier(table)}"
    n_before = con.execute(f"select count(*) from before.{rel}").fetchone()[0]
    n_after = con.execute(f"select count(*) from after.{rel}").fetchone()[0]
    out = {"table": f"{schema}.{table}", "rows_before": n_before, "rows_after": n_after, "key": None,
           "columns_added": [c for c in after_cols if c not in before_cols],
           "columns_removed": [c for c in before_cols if c not in after_cols],
           "columns_retyped": [c for c in common if before_cols[c] != after_cols[c]], "changed_columns": {}}
    if not common:
        raise SystemExit(f"benchmark churn: {schema}.{table} has no column in common before and after")
    cols = ", ".join(sql_identifier(c) for c in common)
    keyed = bool(key) and all(k in common for k in key) and all(_unique_key(con, db, rel, key)
                                                                 for db in ("before", "after"))
    if keyed:
        values = [c for c in common if c not in key]
        # null-safe: a key may hold a null (valid_to of a current version)
        on = " and ".join(f"b.{sql_identifier(k)} is not distinct from a.{sql_identifier(k)}" for k in key)
        both = "b._present and a._present"
        differs = [f"b.{sql_identifier(c)} is distinct from a.{sql_identifier(c)}" for c in values]
        per_column = "".join(f", count(*) filter (where {both} and {d})" for d in differs)
        row = con.execute(f"""
            select
                count(*) filter (where b._present is null),
                count(*) filter (where a._present is null),
                count(*) filter (where {both} and ({' or '.join(differs) or 'false'}))
                {per_column}
            from (select {cols}, true as _present from before.{rel}) as b
            full join (select {cols}, true as _present from after.{rel}) as a
                on {on}""").fetchone()
        out.update(key=key, inserted=row[0], deleted=row[1], updated=row[2])
        out["changed_columns"] = {c: n for c, n in sorted(zip(values, row[3:], strict=True), key=lambda x: -x[1])
                                  if n}
    else:
        out["inserted"] = con.execute(
            f"select count(*) from (select {cols} from after.{rel} except all select {cols} from before.{rel})"
        ).fetchone()[0]
        out["deleted"] = con.execute(
            f"select count(*) from (select {cols} from before.{rel} except all select {cols} from after.{rel})"
        ).fetchone()[0]
        out["updated"] = None
    # written = rows an incremental run has to insert or rewrite (deletions not counted)
    written = out["inserted"] + (out["updated"] or 0)
    out["written_share"] = written / n_after if n_after else 0.0
    return out


def churn(before: Path, after: Path, schemas: tuple[str, ...], manifest: Path,
          ignore_columns: tuple[str, ...] = ()) -> list[dict]:
    keys = model_keys(manifest)
    con = duckdb.connect()
    try:
        for alias, path in (("before", before), ("after", after)):
            con.execute(f"attach {sql_string(str(path))} as {alias} (read_only)")

        def tables(db: str) -> set[tuple[str, str]]:
            return set(con.execute(
                "select table_schema, table_name from information_schema.tables where table_catalog = ? "
                "and table_type = 'BASE TABLE' and list_contains(?, table_schema)", [db, list(schemas)]).fetchall())

        both = sorted(tables("before") & tables("after"))
        return [table_churn(con, s, t, keys.get(t), ignore_columns) for s, t in both]
    finally:
        con.close()


def report(results: list[dict], top_columns: int = 4) -> str:
    lines = ["| table | rows after | inserted | deleted | updated | written | most changed columns |",
             "|---|---|---|---|---|---|---|"]
    for r in sorted(results, key=lambda r: (-r["written_share"], r["table"])):
        updated = "n/a (no key)" if r["updated"] is None else f"{r['updated']:,}"
        cols = ", ".join(f"{c} {n:,}" for c, n in list(r["changed_columns"].items())[:top_columns])
        schema_change = "; ".join(f"{label}: {', '.join(r[kind])}" for label, kind in (
            ("added", "columns_added"), ("removed", "columns_removed"), ("retyped", "columns_retyped")) if r.get(kind))
        cols = "; ".join(part for part in (cols, schema_change) if part)
        lines.append(f"| {r['table']} | {r['rows_after']:,} | {r['inserted']:,} | {r['deleted']:,} | {updated} | "
                     f"{r['written_share']:.1%} | {cols} |")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    for path in (args.before, args.after):
        if not path.exists():
            raise SystemExit(f"benchmark churn: no warehouse at {path}")
    if not args.manifest.exists():
        raise SystemExit(f"benchmark churn: no dbt manifest at {args.manifest} (the table keys come from it; "
                         "run dbt in this project, or pass --manifest)")
    ignored = tuple(name for name in args.ignore_columns.split(",") if name)
    results = churn(args.before, args.after, tuple(args.schemas.split(",")), args.manifest, ignored)
    if not results:
        raise SystemExit(f"benchmark churn: no table of schemas {args.schemas} is in both warehouses")
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


def register(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("churn", help="rows each table changed between two warehouses (before / after a delivery)",
                         description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--before", type=Path, required=True, help="warehouse copied before the delivery")
    p.add_argument("--after", type=Path, required=True, help="the same warehouse after the incremental build")
    p.add_argument("--schemas", default=",".join(DEFAULT_SCHEMAS), help="comma-separated schemas to compare")
    p.add_argument("--manifest", type=Path, default=Path("target/manifest.json"),
                   help="dbt manifest the table keys are read from (unique tests)")
    p.add_argument("--ignore-columns", default="",
                   help="comma-separated columns left out of the comparison (e.g. _build_seq, which an "
                        "incremental run and a full refresh stamp differently by design); default: none")
    p.add_argument("--json", type=Path, help="also write the figures here")
    p.set_defaults(func=run)
