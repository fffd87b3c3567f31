"""Subject access request: given one identifier (email, phone, shop customer id, or
any source record id), export everything the warehouse holds about the resolved
person to one JSON file, and say which identifiers found which records.

1. look-up: the identifier is compared with every identifier identity resolution
   uses (int_identity__record_identifiers: email match key, E.164 phone, shop
   account id, social handle; emails case-insensitively and by their match key,
   so a Gmail address with dots or a +tag is found; phones by their digits with
   leading zeros / country code tolerated) and with every source record id
   (customer_record_map); a matched email address also finds every email event
   sent to it (identity resolution keeps those as one record per address);
2. the matching records' customers (customer_record_map) and all of their records;
3. export: every staging row of those records (stg_* views, order lines through
   their orders, rejected rows from stg_rejects) and every row of every table in
   `marts` and `restricted` with one of the customer ids. Build bookkeeping (the
   incremental tables' `_build_seq`) is not data about the person and is left out.

Usage: python -m python_helpers access --db FILE --identifier VALUE --out FILE.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import duckdb

from python_helpers.pipeline import DATA_COLUMNS
from python_helpers.sql_text import sql_identifier

# source -> (staging model, column holding customer_record_map.source_record_id)
STAGING = {
    "shop_customers": ("stg_shop__customers", "shop_customer_id"),
    "shop_orders": ("stg_shop__orders", "shop_order_id"),
    "crm_contacts": ("stg_crm__contacts", "crm_contact_id"),
    "web_events": ("stg_web__events", "anonymous_id"),
    "app_events": ("stg_app__events", "device_id"),
    "support_tickets": ("stg_support__tickets", "support_ticket_id"),
    "survey_responses": ("stg_survey__responses", "survey_response_id"),
    "email_events": ("stg_email__events", "email_event_id"),
    "social_interactions": ("stg_social__interactions", "social_interaction_id"),
    "consent_events": ("stg_consent__events", "consent_event_id"),
    "erasure_requests": ("stg_erasure__requests", "erasure_request_id"),
}
EXPORTED_SCHEMAS = ("marts", "restricted")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("access", help="subject access request: export everything held about one person to JSON",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", type=Path, default=Path(os.environ.get("DBT_DUCKDB_PATH", "warehouse/customer360.duckdb")))
    p.add_argument("--identifier", required=True, help="email, phone, shop customer id or source record id")
    p.add_argument("--out", type=Path, required=True, help="JSON file to write")
    p.set_defaults(func=run)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return str(value)


def email_match_key(value: str) -> str | None:
    """The identity layer's email match key (macro email_match_key): lowercased, no
    whitespace, '+tag' dropped, for gmail.com / googlemail.com dots dropped too."""
    email = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).lower()
    if email.count("@") != 1:
        return None
    local, domain = email.split("@")
    local = re.sub(r"[+].*$", "", local)
    if domain in ("gmail.com", "googlemail.com"):
        return local.replace(".", "") + "@gmail.com"
    return f"{local}@{domain}"


def find_identifiers(con: duckdb.DuckDBPyConnection, identifier: str) -> list[dict]:
    """Every (record, identifier) the given value matches, with how it matched."""
    value = identifier.strip()
    found = _rows(
        con,
        "select record_key, identifier_type, identifier_value, 'identifier' as matched_by "
        "from intermediate.int_identity__record_identifiers where lower(identifier_value) = lower(?)",
        [value],
    )
    key = email_match_key(value)
    if key and key != value.lower():
        found += _rows(
            con,
            "select record_key, identifier_type, identifier_value, 'email match key' as matched_by "
            "from intermediate.int_identity__record_identifiers where identifier_type = 'email' "
            "and identifier_value = ?",
            [key],
        )
    digits = re.sub(r"\D", "", value).lstrip("0")
    if len(digits) >= 7 and not re.search(r"[A-Za-z@]", value):
        found += _rows(
            con,
            "select record_key, identifier_type, identifier_value, 'phone digits' as matched_by "
            "from intermediate.int_identity__record_identifiers where identifier_type = 'phone' "
            "and regexp_replace(identifier_value, '[^0-9]', '', 'g') like '%' || ?",
            [digits],
        )
    # all email events of one address are one identity record, keyed by its first
    # event (int_identity__records): every event of a matched address is listed
    emails = sorted({(f["identifier_value"], f["matched_by"]) for f in found if f["identifier_type"] == "email"})
    for email, matched_by in emails:
        found += _rows(
            con,
            "select 'email_events:' || email_event_id as record_key, 'email' as identifier_type, "
            "email_match_key as identifier_value, ? as matched_by "
            "from staging.stg_email__events where email_match_key = ?",
            [matched_by, email],
        )
    found += _rows(
        con,
        "select source || ':' || source_record_id as record_key, source || '_record_id' as identifier_type, "
        "source_record_id as identifier_value, 'record id' as matched_by "
        "from marts.customer_record_map where source_record_id = ?",
        [value],
    )
    unique = {(f["record_key"], f["identifier_type"], f["identifier_value"]): f for f in found}
    return [unique[k] for k in sorted(unique)]


def subject_access(db: Path, identifier: str) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        used = find_identifiers(con, identifier)
        keys = sorted({u["record_key"] for u in used})
        customers = sorted({r["customer_id"] for r in _rows(
            con, "select distinct customer_id from marts.customer_record_map "
                 "where list_contains(?, source || ':' || source_record_id)", [keys])}) if keys else []
        records = _rows(con, "select * from marts.customer_record_map where list_contains(?, customer_id) "
                             "order by source, source_record_id", [customers]) if customers else []
        data: dict[str, list[dict]] = {}
        by_source: dict[str, list[str]] = {}
        for r in records:
            by_source.setdefault(r["source"], []).append(r["source_record_id"])
        for source, ids in sorted(by_source.items()):
            model, column = STAGING[source]
            data[f"staging.{model}"] = _rows(
                con, f'select {DATA_COLUMNS} from staging.{model} '
                     f'where list_contains(?, {sql_identifier(column)}) order by all', [ids])
            data[f"staging.stg_rejects[{source}]"] = _rows(
                con, "select * from staging.stg_rejects where source_table = ? and list_contains(?, source_record_id) "
                     "order by all", [source, ids])
        if by_source.get("shop_orders"):
            data["staging.stg_shop__order_lines"] = _rows(
                con, f'select {DATA_COLUMNS} from staging.stg_shop__order_lines '
                     "where list_contains(?, shop_order_id) order by all",
                [by_source["shop_orders"]])
        tables = con.execute(
            "select table_schema, table_name from information_schema.columns where column_name = 'customer_id' "
            f"and table_schema in {EXPORTED_SCHEMAS} and table_catalog = current_database() order by 1, 2"
        ).fetchall()
        for schema, table in tables:
            if customers:
                data[f"{schema}.{table}"] = _rows(
                    con, f'select {DATA_COLUMNS} from {sql_identifier(schema)}.{sql_identifier(table)} '
                         "where list_contains(?, customer_id) order by all",
                    [customers])
        as_of = con.execute("select value from raw._load_metadata where key = 'data_as_of_date'").fetchone()
    finally:
        con.close()
    data = {k: v for k, v in data.items() if v}
    return {
        "identifier_given": identifier,
        "data_as_of_date": as_of[0] if as_of else None,
        "identifiers_used": used,
        "customer_ids": customers,
        "records": records,
        "row_counts": {k: len(v) for k, v in data.items()},
        "data": data,
    }


def run(args: argparse.Namespace) -> int:
    report = subject_access(args.db, args.identifier)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, default=_json_default, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    if not report["customer_ids"]:
        print(f"access: nothing held for {args.identifier!r} (no identifier or record id matched); "
              f"wrote {args.out}", file=sys.stderr)
        return 0
    print(f"access: {len(report['customer_ids'])} customer(s), {len(report['records'])} records, "
          f"{sum(report['row_counts'].values())} rows from {len(report['row_counts'])} tables -> {args.out}")
    grouped: dict[tuple[str, str, str], dict[str, int]] = {}
    for u in report["identifiers_used"]:
        per_source = grouped.setdefault((u["matched_by"], u["identifier_type"], u["identifier_value"]), {})
        source = u["record_key"].split(":", 1)[0]
        per_source[source] = per_source.get(source, 0) + 1
    for (matched_by, kind, value), per_source in grouped.items():
        found = ", ".join(f"{s} {n}" for s, n in sorted(per_source.items()))
        print(f"  found by {matched_by}: {kind} {value} -> {found}")
    return 0
