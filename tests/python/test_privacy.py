"""Privacy on the demo warehouse: no email- or phone-shaped value in any BI-facing
column, raw PII only where it is tagged, consent-aware audiences, the subject access
export, and CSV exports safe against formula injection."""

from __future__ import annotations

import ast
import csv
import json
import re
import subprocess
import sys

import duckdb
import pytest

from python_helpers.access import STAGING
from python_helpers.csv_safe import neutralize, write_csv
from python_helpers.pipeline import BUILD_BOOKKEEPING_COLUMNS, REPO_ROOT

BI_SCHEMAS = ("marts", "quality")
EMAIL_SHAPED = r"[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}"
# a whole value that is a phone number (8-15 digits with the usual separators), or an
# E.164 number inside longer text
PHONE_SHAPED = r"^\s*(\+|00)?\(?[0-9][0-9 ()./-]{6,22}[0-9]\s*$"
E164_IN_TEXT = r"(^|[^0-9a-z])\+[1-9][0-9]{7,14}($|[^0-9])"
DATE_LIKE = r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}"


def scan_bi_columns(con: duckdb.DuckDBPyConnection, schemas=BI_SCHEMAS) -> list[str]:
    """Every text column of every table and view in the BI schemas: cells shaped like an
    email or a phone number. Returns 'schema.table.column: n cells, e.g. <value>'."""
    columns = con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        f"where table_schema in {tuple(schemas) + ('',)} and table_catalog = current_database() "
        "and data_type in ('VARCHAR', 'TEXT') order by 1, 2, 3"
    ).fetchall()
    hits = []
    for schema, table, column in columns:
        cell = f'lower("{column}")'
        digits = f"length(regexp_replace({cell}, '[^0-9]', '', 'g'))"
        rows = con.execute(
            f'select {cell}, count(*) over () from "{schema}"."{table}" '
            f"where regexp_matches({cell}, ?) or regexp_matches({cell}, ?) "
            f"or (regexp_matches({cell}, ?) and {digits} between 8 and 15 and not regexp_matches({cell}, ?)) "
            "limit 1",
            [EMAIL_SHAPED, E164_IN_TEXT, PHONE_SHAPED, DATE_LIKE],
        ).fetchall()
        if rows:
            hits.append(f"{schema}.{table}.{column}: {rows[0][1]} cells, e.g. {rows[0][0]!r}")
    return hits, len(columns)


def test_bi_scan_finds_planted_pii():
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute("create table marts.clean as select 'cus_0a1b2c' as customer_id, "
                "'3f7a0c9e1b2d4c5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f' as email_hash, "
                "'2025-12-31' as as_of_text, '1234.56' as amount_text, 'Champions' as segment")
    con.execute("create table marts.leaky_email as select 'Jane.Doe+news@Example.co.uk' as contact")
    con.execute("create table marts.leaky_phone as select '+49 30 1234567' as contact")
    con.execute("create table marts.leaky_national as select '(030) 123-4567' as contact")
    con.execute("create table marts.leaky_text as select 'call me on +4915112345678 please' as note")
    hits, n_columns = scan_bi_columns(con, ("marts",))
    assert n_columns == 9
    assert sorted(h.split(":")[0] for h in hits) == [
        "marts.leaky_email.contact", "marts.leaky_national.contact", "marts.leaky_phone.contact",
        "marts.leaky_text.note",
    ]


def test_no_email_or_phone_in_any_bi_column(demo):
    con = duckdb.connect(str(demo.warehouse.db_path), read_only=True)
    try:
        hits, n_columns = scan_bi_columns(con)
    finally:
        con.close()
    print(f"\nscanned {n_columns} text columns in schemas {BI_SCHEMAS}")
    assert n_columns > 50
    assert hits == []


def _manifest(demo) -> dict:
    return json.loads((demo.warehouse.target_path / "manifest.json").read_text())


# column names that hold raw PII wherever they appear (staging, restricted, ...)
PII_COLUMNS = {
    "email", "phone", "phone_e164", "first_name", "last_name", "display_name", "full_name", "street",
    "address_line_2", "birth_date", "primary_email", "primary_phone", "requester_email", "requester_phone",
    "requester_name", "linked_email", "handle", "raw_phone",
}


def test_raw_pii_lives_only_in_restricted_and_is_tagged(demo):
    """No BI-facing column is a raw PII column or tagged pii; every PII column of the
    restricted schema is documented with meta pii: true."""
    con = duckdb.connect(str(demo.warehouse.db_path), read_only=True)
    try:
        built = con.execute("select table_schema, table_name, column_name from information_schema.columns "
                            "where table_schema in ('marts', 'quality', 'restricted') "
                            "and table_catalog = current_database()").fetchall()
    finally:
        con.close()
    nodes = {(n["schema"], n["name"]): n for n in _manifest(demo)["nodes"].values() if n["resource_type"] == "model"}
    in_bi = [f"{s}.{t}.{c}" for s, t, c in built if s != "restricted" and c in PII_COLUMNS]
    tagged_in_bi = [f"{schema}.{name}.{col}" for (schema, name), node in nodes.items() if schema in BI_SCHEMAS
                    for col, spec in node["columns"].items() if (spec.get("meta") or {}).get("pii")]
    restricted_pii = [(t, c) for s, t, c in built if s == "restricted" and c in PII_COLUMNS]
    untagged = [f"{t}.{c}" for t, c in restricted_pii
                if (nodes[("restricted", t)]["columns"].get(c, {}).get("meta") or {}).get("pii") is not True]
    assert in_bi == [] and tagged_in_bi == []
    assert len(restricted_pii) >= 4, restricted_pii
    assert untagged == []


def test_contactable_audiences_honour_withdrawal_and_email_events(demo):
    (n,), = demo.query("select count(*) from marts.contactable_audiences")
    assert n > 0
    # nobody whose latest consent record of any system withdrew the purpose
    (withdrawn,), = demo.query("""
        with latest as (
            select customer_id, purpose, consent_status,
                row_number() over (partition by customer_id, purpose, coalesce(consent_source, 'unknown')
                                   order by recorded_at desc, consent_status = 'granted', consent_event_id) as rn
            from intermediate.int_customer_consent_events
        )
        select count(*) from marts.contactable_audiences as a
        inner join latest on a.customer_id = latest.customer_id and latest.rn = 1
            and latest.consent_status = 'withdrawn'
            and latest.purpose = case a.channel when 'email' then 'email_marketing'
                                                when 'sms' then 'sms_marketing' else 'push' end
    """)
    assert withdrawn == 0
    (bad_email,), = demo.query("""
        select count(*) from marts.contactable_audiences as a
        inner join marts.customer_profiles as p on a.customer_id = p.customer_id
        where a.channel = 'email' and (p.is_unsubscribed or p.is_hard_bounced or p.has_complained
                                       or not coalesce(p.consent_email, false))
    """)
    assert bad_email == 0
    # the activation key is the profile's salted email hash
    (mismatch,), = demo.query("""
        select count(*) from marts.contactable_audiences as a
        inner join marts.customer_profiles as p on a.customer_id = p.customer_id
        where a.channel = 'email' and a.activation_key != p.email_hash
    """)
    assert mismatch == 0


def test_subject_access_export_finds_every_record_of_the_person(demo, tmp_path):
    # a person's CRM email: the export must hold all records of their customer
    (email, customer_id, n_records), = demo.query("""
        select g.primary_email, g.customer_id, p.n_records
        from restricted.customer_golden_records as g
        inner join marts.customer_profiles as p on g.customer_id = p.customer_id
        where g.primary_email is not null and p.n_sources >= 4
        order by p.n_records desc, g.customer_id limit 1
    """)
    out = tmp_path / "sar.json"
    proc = subprocess.run(
        [sys.executable, "-m", "python_helpers", "access", "--db", str(demo.warehouse.db_path),
         "--identifier", email.upper(), "--out", str(out)],
        cwd=REPO_ROOT, capture_output=True, text=True, check=True,
    )
    print(proc.stdout.splitlines()[0])
    report = json.loads(out.read_text())
    assert report["customer_ids"] == [customer_id]
    assert len(report["records"]) == n_records
    assert report["identifiers_used"] and {u["identifier_type"] for u in report["identifiers_used"]} == {"email"}
    assert report["data"]["restricted.customer_golden_records"][0]["primary_email"] == email
    assert len(report["data"]["marts.customer_profiles"]) == 1
    sources = {r["source"] for r in report["records"]}
    missing = [s for s in sources if f"staging.{STAGING[s][0]}" not in report["row_counts"]]
    assert missing == []
    # build bookkeeping (the incremental tables' _build_seq) is not data about the person
    bookkeeping = sorted({f"{table}.{column}" for table, rows in report["data"].items() for row in rows
                          for column in row if column in BUILD_BOOKKEEPING_COLUMNS})
    assert bookkeeping == []
    assert "staging.stg_web__events" in report["data"] or "staging.stg_email__events" in report["data"]
    # an identifier nobody has: an empty export, not an error
    proc = subprocess.run(
        [sys.executable, "-m", "python_helpers", "access", "--db", str(demo.warehouse.db_path),
         "--identifier", "nobody@nowhere.invalid", "--out", str(tmp_path / "none.json")],
        cwd=REPO_ROOT, capture_output=True, text=True, check=True,
    )
    assert json.loads((tmp_path / "none.json").read_text())["customer_ids"] == []


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+49 30 1234567", "'+49 30 1234567"),
    ("-5.00", "'-5.00"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
    ("plain", "plain"),
    ("a=b", "a=b"),
    ("", ""),
    (None, None),
    (12, 12),
])
def test_neutralize(value, expected):
    assert neutralize(value) == expected


def test_write_csv_neutralizes_every_cell(tmp_path):
    path = tmp_path / "x.csv"
    assert write_csv(path, ["=header", "ok"], [["=1+1", None], ["-2", 3.5]]) == 2
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [["'=header", "ok"], ["'=1+1", ""], ["'-2", "3.5"]]


def test_every_csv_writer_outside_the_generator_uses_the_safe_helper():
    """No module writes CSV by itself: csv.writer / DictWriter / to_csv / COPY ... csv only
    in csv_safe.py (and the generator, whose files stand in for source-system exports)."""
    offenders = []
    for path in sorted((REPO_ROOT / "python_helpers").rglob("*.py")):
        rel = path.relative_to(REPO_ROOT).as_posix()
        if rel.startswith("python_helpers/generator/") or rel == "python_helpers/csv_safe.py":
            continue
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("writer", "DictWriter", "to_csv"):
                offenders.append(f"{rel}:{node.lineno} {node.attr}")
        if re.search(r"(?i)\bcopy\b[^;]*\bto\b[^;]*csv", text):
            offenders.append(f"{rel}: COPY ... TO csv")
    assert offenders == []


def test_export_command_writes_a_safe_csv(demo, tmp_path):
    out = tmp_path / "audience.csv"
    subprocess.run(
        [sys.executable, "-m", "python_helpers", "export", "--db", str(demo.warehouse.db_path),
         "--table", "contactable_audiences", "--where", "channel = 'email'", "--out", str(out)],
        cwd=REPO_ROOT, capture_output=True, text=True, check=True,
    )
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    (n,), = demo.query("select count(*) from marts.contactable_audiences where channel = 'email'")
    assert len(rows) == n + 1 and rows[0][:3] == ["customer_id", "channel", "activation_key"]
    refused = subprocess.run(
        [sys.executable, "-m", "python_helpers", "export", "--db", str(demo.warehouse.db_path),
         "--table", "customer_golden_records", "--out", str(tmp_path / "pii.csv")],
        cwd=REPO_ROOT, capture_output=True, text=True,
    )
    assert refused.returncode != 0 and not (tmp_path / "pii.csv").exists()
