"""Erasure end to end on a small demo: an erasure request naming one identifier of a
multi-source person removes every trace of every identifier of that person from
every table and view of the warehouse (raw, staging, intermediate, marts, privacy,
quality, ...); when the person's records come back in fresh raw data, and a new
record carries one of their identifiers, they stay suppressed."""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from python_helpers import pipeline

pytestmark = pytest.mark.slow

CUSTOMERS, SEED = 400, 7
DEV_SALT = "c360-dev-salt-not-secret"
REQUEST_ID = "ER-TEST-0001"

# raw file -> (column holding the identity record id, columns carrying identifiers)
IDENTIFIER_COLUMNS = {
    "shop_customers": ("customer_id", ["customer_id", "email", "phone"]),
    "shop_orders": ("order_id", ["customer_id", "email", "phone"]),
    "crm_contacts": ("contact_id", ["email", "phone"]),
    "web_events": ("anonymous_id", ["anonymous_id", "user_id", "email"]),
    "app_events": ("device_id", ["device_id", "user_id"]),
    "support_tickets": ("ticket_id", ["requester_email", "requester_phone", "customer_id"]),
    "survey_responses": ("response_id", ["email", "customer_id"]),
    "email_events": ("event_id", ["email"]),
    "social_interactions": ("interaction_id", ["handle", "linked_email"]),
    "consent_events": ("consent_id", ["email", "phone", "customer_id"]),
}
PHONE_COLUMNS = {"phone", "requester_phone"}


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)


def _next_day(raw: Path, bucket: dict[str, set[str]], day: str) -> None:
    """The next day's delivery: one more web event (of someone else) dated `day`, so the
    as-of date moves on as it does between daily builds (the profile history versions
    by as-of date; two builds on one as-of date are not a daily refresh)."""
    header, events = _read(raw / "web_events.csv")
    other = next(e for e in events if not {e["anonymous_id"].lower(), e["user_id"].lower(), e["email"].lower()}
                 & bucket["ids"])
    events.append({**other, "event_id": f"WE-NEXT-{day}", "event_at": f"{day} 09:00:00",
                   "received_at": f"{day}T09:00:05Z"})
    _write(raw / "web_events.csv", header, events)


def _identifier_values(raw: Path, truth: Path) -> dict[str, dict[str, set[str]]]:
    """person_id -> {'ids': lowercased identifier values, 'phones': digit strings}."""
    _, truth_rows = _read(truth / "truth_records.csv")
    owner = {(r["source"], r["source_record_id"]): r["person_id"] for r in truth_rows}
    values: dict[str, dict[str, set[str]]] = {}
    for source, (id_column, columns) in IDENTIFIER_COLUMNS.items():
        for row in _read(raw / f"{source}.csv")[1]:
            person = owner.get((source, row[id_column].strip()))
            if person is None:
                continue
            bucket = values.setdefault(person, {"ids": set(), "phones": set(), "sources": set()})
            bucket["sources"].add(source)
            for column in columns:
                value = (row[column] or "").strip().lower()
                if not value:
                    continue
                if column in PHONE_COLUMNS:
                    digits = re.sub(r"\D", "", value)
                    if len(digits) >= 8:
                        bucket["phones"].add(digits)
                else:
                    bucket["ids"].add(value)
    return values


def _pick_person(raw: Path, truth: Path) -> tuple[str, dict[str, set[str]], str]:
    """A person with records in 4+ sources (shop account, CRM contact, web visits among
    them), no erasure request, no household or shared mailbox, and no identifier that
    any other person's raw rows carry; returns the person, their identifiers and the
    phone (E.164) the erasure request will name."""
    values = _identifier_values(raw, truth)
    shared = {}
    for person, bucket in values.items():
        for value in bucket["ids"] | bucket["phones"]:
            shared.setdefault(value, set()).add(person)
    _, truth_rows = _read(truth / "truth_records.csv")
    unlinkable = {r["person_id"] for r in truth_rows if r["is_linkable"] != "true"}
    for person in sorted(_read(truth / "truth_persons.csv")[1], key=lambda p: p["person_id"]):
        pid = person["person_id"]
        bucket = values.get(pid)
        if (bucket is None or person["has_erasure_request"] == "true" or person["household_id"]
                or person["uses_shared_mailbox"] == "true" or pid in unlinkable or not person["phone_e164"]
                or not {"shop_customers", "crm_contacts", "web_events"} <= bucket["sources"]
                or len(bucket["sources"]) < 4):
            continue
        if all(shared[v] == {pid} for v in bucket["ids"] | bucket["phones"]):
            bucket["phones"].add(person["phone_e164"].lstrip("+"))
            return pid, bucket, person["phone_e164"]
    raise AssertionError("no suitable multi-source person in the demo")


def _hash_terms(bucket: dict[str, set[str]]) -> set[str]:
    """Salted SHA-256 of the person's emails and phones as the marts would carry them."""
    emails = {v for v in bucket["ids"] if "@" in v and not v.startswith("@")}
    phones = {"+" + p for p in bucket["phones"]}
    return {hashlib.sha256((DEV_SALT + v).encode()).hexdigest() for v in emails | phones}


def scan_warehouse(db: Path, ids: set[str], phones: set[str]) -> list[str]:
    """Every table and view, every column: cells holding one of the identifiers
    (word-bounded, case-insensitive) or one of the phones' digit strings (after
    dropping separators). Returns 'schema.relation.column: n cells'."""
    id_pattern = "(^|[^0-9a-z])(" + "|".join(re.escape(v) for v in sorted(ids)) + ")($|[^0-9a-z])"
    phone_pattern = "(" + "|".join(sorted(phones)) + ")"
    con = duckdb.connect(str(db), read_only=True)
    hits = []
    try:
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_catalog = current_database() order by 1, 2"
        ).fetchall()
        assert len(relations) > 100, relations
        for schema, name in relations:
            columns = [c for (c,) in con.execute(
                "select column_name from information_schema.columns "
                "where table_catalog = current_database() and table_schema = ? and table_name = ?", [schema, name]
            ).fetchall()]
            for column in columns:
                cell = f'lower(cast("{column}" as varchar))'
                (n,), = con.execute(
                    f'select count(*) from "{schema}"."{name}" where regexp_matches({cell}, ?) '
                    f"or regexp_matches(regexp_replace({cell}, '[ ()./+-]', '', 'g'), ?)",
                    [id_pattern, phone_pattern],
                ).fetchall()
                if n:
                    hits.append(f"{schema}.{name}.{column}: {n} cells")
    finally:
        con.close()
    return hits


@pytest.fixture(scope="module")
def erased(tmp_path_factory):
    root = tmp_path_factory.mktemp("erasure")
    original, truth = root / "original", root / "truth"
    pipeline.generate(original, truth, CUSTOMERS, SEED).check()
    person, bucket, phone = _pick_person(original, truth)

    # 0. a first build without the request: the person reaches every table, the profile
    # history (snapshot) and the incremental base tables included
    raw = root / "raw"
    shutil.copytree(original, raw)
    warehouse = pipeline.Warehouse(root / "wh" / "customer360.duckdb", root / "target")
    pipeline.load(raw, warehouse.db_path).check()
    warehouse.privacy_build().check()
    before = scan_warehouse(warehouse.db_path, bucket["ids"] | _hash_terms(bucket), bucket["phones"])
    account = sorted(v for v in bucket["ids"] if re.fullmatch(r"c\d+", v))[0].upper()
    (customer_id,), = _query(warehouse.db_path, "select customer_id from marts.customer_record_map "
                                                f"where source = 'shop_customers' and source_record_id = '{account}'")

    # 1. the next day: an erasure request naming only the person's phone (written as the
    # person's CRM had it)
    _next_day(raw, bucket, "2026-01-01")
    header, requests = _read(raw / "erasure_requests.csv")
    requests.append({**{c: "" for c in header}, "request_id": REQUEST_ID, "phone": phone,
                     "regulation": "gdpr", "requested_at": "2025-11-30T10:00:00Z"})
    _write(raw / "erasure_requests.csv", header, requests)
    pipeline.load(raw, warehouse.db_path).check()
    (history_before,), = _query(warehouse.db_path, "select count(*) from history.customer_profile_history "
                                                   f"where customer_id = '{customer_id}'")
    first = warehouse.privacy_build().check()
    return {"root": root, "original": original, "person": person, "bucket": bucket, "warehouse": warehouse,
            "first": first, "before": before, "customer_id": customer_id,
            "history_before": history_before}


def _query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_erasure_leaves_no_trace_of_the_person(erased):
    db, bucket = erased["warehouse"].db_path, erased["bucket"]
    print(f"\nperson {erased['person']}: {len(bucket['ids'])} identifiers, {len(bucket['phones'])} phone forms, "
          f"sources {sorted(bucket['sources'])}; erasure build {erased['first'].resolve.seconds:.1f} + "
          f"{erased['first'].erase.seconds:.1f} + {erased['first'].build.seconds:.1f} s")
    audit = _query(db, f"select source, records_removed from marts.privacy_erasure_audit "
                       f"where erasure_request_id = '{REQUEST_ID}' and erasure_kind = 'request' order by 1")
    print(audit)
    removed_sources = {source for source, _ in audit}
    # before the request the scan found the person in history and in the incremental tables
    before = erased["before"]
    for table in ("staging.base_web__events", "staging.base_shop__orders"):
        assert any(hit.startswith(table + ".") for hit in before), (table, before)
    # ... and the profile history held their versions: all gone
    history = f"select count(*) from history.customer_profile_history where customer_id = '{erased['customer_id']}'"
    assert erased["history_before"] > 0
    assert _query(db, history) == [(0,)]
    # the request named only a phone; the whole person went, from every source they are in
    assert bucket["sources"] | {"erasure_requests"} <= removed_sources, audit
    assert scan_warehouse(db, bucket["ids"] | _hash_terms(bucket), bucket["phones"]) == []
    # the audit trail holds no personal data and the build knows nothing is pending
    assert _query(db, "select count(*) from intermediate.int_privacy__erased_records") == [(0,)]
    (n_hashes,), = _query(db, "select count(*) from privacy.suppression_list "
                              f"where erasure_request_id = '{REQUEST_ID}'")
    assert n_hashes > 0


def test_is_erased_record_macro_matches_the_suppression_list(erased):
    """The pre-hook helper of incremental models (issue #8) knows the erased account,
    and not an untouched one, from hashes alone."""
    _, truth_rows = _read(erased["root"] / "truth" / "truth_records.csv")
    accounts = sorted(r["source_record_id"] for r in truth_rows if r["source"] == "shop_customers")
    mine = [r["source_record_id"] for r in truth_rows
            if r["source"] == "shop_customers" and r["person_id"] == erased["person"]]
    other = next(a for a in accounts if a not in mine)
    sql = (f"select {{{{ is_erased_record('shop_customers', \"'{mine[0]}'\") }}}} as mine, "
           f"{{{{ is_erased_record('shop_customers', \"'{other}'\") }}}} as other")
    shown = erased["warehouse"].dbt("show", "--inline", sql, "--output", "json").check()
    assert '"mine": true' in shown.stdout and '"other": false' in shown.stdout, shown.stdout[-800:]


def test_other_people_are_untouched(erased):
    """The scan can find identifiers: an untouched person's do show up."""
    values = _identifier_values(erased["original"], erased["root"] / "truth")
    other = sorted(p for p, b in values.items() if p != erased["person"] and "shop_customers" in b["sources"])[0]
    ids = {v for v in values[other]["ids"] if re.fullmatch(r"c\d+", v)}
    assert ids and scan_warehouse(erased["warehouse"].db_path, ids, {"000000000000000"}) != []


def test_erased_person_stays_suppressed_when_their_data_comes_back(erased):
    root, original, bucket = erased["root"], erased["original"], erased["bucket"]
    # fresh raw data: the source systems deliver the person's records again (the
    # request itself is gone), plus a new order that carries one of their emails
    raw = root / "raw_again"
    shutil.copytree(original, raw)
    header, orders = _read(raw / "shop_orders.csv")
    email = sorted(v for v in bucket["ids"] if "@" in v and not v.startswith("@"))[0]
    orders.append({**orders[0], "order_id": "O-REAPPEARED-1", "customer_id": "", "email": email.upper(),
                   "phone": "", "ordered_at": "2025-11-30T12:00:00Z"})
    _write(raw / "shop_orders.csv", header, orders)
    _next_day(raw, bucket, "2026-01-01")
    _next_day(raw, bucket, "2026-01-02")
    warehouse = erased["warehouse"]
    pipeline.load(raw, warehouse.db_path).check()
    again = warehouse.privacy_build().check()
    assert again.records_erased > 0
    db = warehouse.db_path
    assert scan_warehouse(db, bucket["ids"] | {"o-reappeared-1"} | _hash_terms(bucket), bucket["phones"]) == []
    suppressed = _query(db, f"select source, records_removed from marts.privacy_erasure_audit "
                            f"where erasure_request_id = '{REQUEST_ID}' and erasure_kind = 'suppressed' order by 1")
    print(suppressed)
    assert "shop_orders" in {s for s, _ in suppressed}
