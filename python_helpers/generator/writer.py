"""CSV output (streamed per chunk with pyarrow) and small column-formatting helpers."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .config import FX_PATH

# source -> column order (the contract); "*" columns in the brief are never empty
CONTRACT: dict[str, tuple[str, ...]] = {
    "shop_customers": ("customer_id", "email", "phone", "first_name", "last_name",
                       "accepts_marketing", "city", "postal_code", "country", "created_at",
                       "updated_at"),
    "shop_products": ("product_id", "product_name", "category", "subcategory", "is_eco_friendly",
                      "list_price", "currency"),
    "shop_orders": ("order_id", "customer_id", "email", "phone", "ordered_at", "status", "currency",
                    "subtotal", "discount", "tax", "shipping", "total", "refunded_amount", "channel",
                    "shipping_city", "shipping_postal_code", "shipping_country"),
    "shop_order_lines": ("order_line_id", "order_id", "product_id", "quantity", "unit_price"),
    "crm_contacts": ("contact_id", "email", "phone", "first_name", "last_name", "birth_date",
                     "gender", "street", "address_line_2", "city", "postal_code", "region",
                     "country", "education_level", "occupation", "company_name", "company_size",
                     "job_title", "lead_source", "created_at", "updated_at"),
    "web_events": ("event_id", "anonymous_id", "user_id", "event_type", "event_name", "page_url",
                   "product_id", "email", "utm_source", "utm_medium", "utm_campaign",
                   "device_type", "event_at", "received_at"),
    "app_events": ("event_id", "device_id", "user_id", "event_name", "platform", "app_version",
                   "push_enabled", "event_at"),
    "support_tickets": ("ticket_id", "requester_email", "requester_phone", "requester_name",
                        "customer_id", "channel", "category", "priority", "status", "created_at",
                        "solved_at", "csat_score"),
    "survey_responses": ("response_id", "email", "customer_id", "submitted_at", "nps_score",
                         "interests", "values", "preferred_channel", "lifestyle",
                         "household_size", "comment"),
    "email_events": ("event_id", "email", "campaign_id", "campaign_name", "event_type", "link_url",
                     "event_at"),
    "social_interactions": ("interaction_id", "platform", "handle", "linked_email",
                            "interaction_type", "topic", "sentiment", "interaction_at"),
    "consent_events": ("consent_id", "email", "phone", "customer_id", "purpose", "status",
                       "recorded_at", "source"),
    "erasure_requests": ("request_id", "email", "phone", "customer_id", "regulation",
                         "requested_at"),
}
TRUTH_RECORD_COLUMNS = ("source", "source_record_id", "person_id", "is_linkable",
                        "unlinkable_reason", "link_evidence")


def ids(prefix: str, start: int, n: int, width: int) -> pa.Array:
    """``prefix`` + zero-padded sequence numbers start+1 .. start+n."""
    nums = pc.cast(pa.array(np.arange(start + 1, start + n + 1, dtype=np.int64)), pa.string())
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(nums, width, "0"), "")


def hex_ids(prefix: str, counter: np.ndarray, salt: int, digits: int = 16) -> np.ndarray:
    """Uuid-ish unique hex ids: an odd-multiplier bijection of a counter (mod 2**64)."""
    mixed = (counter.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
             + np.uint64(salt & 0xFFFFFFFFFFFFFFFF))
    return np.array([f"{prefix}{int(v):016x}"[: len(prefix) + digits] for v in mixed],
                    dtype=object)


def money(cents: np.ndarray) -> pa.Array:
    """Integer cents -> '12.34' strings (non-negative amounts)."""
    cents = np.asarray(cents, dtype=np.int64)
    whole = pc.cast(pa.array(cents // 100), pa.string())
    frac = pc.utf8_lpad(pc.cast(pa.array(cents % 100), pa.string()), 2, "0")
    return pc.binary_join_element_wise(whole, frac, ".")


def strs(values: np.ndarray | list) -> pa.Array:
    """Object array (None = empty) -> pyarrow string array."""
    return pa.array(values, type=pa.string())


def bools(values: np.ndarray) -> pa.Array:
    return pa.array(np.asarray(values, dtype=bool))


class CsvSink:
    """One streaming CSV writer per file; header written once, chunks appended."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.dir.mkdir(parents=True, exist_ok=True)
        self.writers: dict[str, pacsv.CSVWriter] = {}
        self.rows: dict[str, int] = {}

    def write(self, name: str, columns: dict[str, pa.Array], order: tuple[str, ...]) -> None:
        table = pa.table({c: columns[c] for c in order})
        table = table.cast(pa.schema([pa.field(c, pa.string()) if table.schema.field(c).type
                                      == pa.null() else table.schema.field(c) for c in order]))
        w = self.writers.get(name)
        if w is None:
            opts = pacsv.WriteOptions(include_header=True, quoting_style="needed")
            w = pacsv.CSVWriter(str(self.dir / f"{name}.csv"), table.schema, write_options=opts)
            self.writers[name] = w
            self.rows[name] = 0
        w.write_table(table)
        self.rows[name] += table.num_rows

    def close(self) -> None:
        for w in self.writers.values():
            w.close()


def load_fx(path: Path = FX_PATH) -> dict[str, dict[str, float]]:
    """currency -> {'YYYY-MM': eur_per_unit}."""
    out: dict[str, dict[str, float]] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["currency"], {})[row["month_start"][:7]] = float(row["eur_per_unit"])
    return out


def fx_lookup(fx: dict[str, dict[str, float]], currency: np.ndarray,
              month: np.ndarray) -> np.ndarray:
    """Rate per row; months outside the table use the nearest month; unknown currency -> nan."""
    out = np.full(len(currency), np.nan)
    for cur, table in fx.items():
        keys = sorted(table)
        mask = currency == cur
        if not mask.any():
            continue
        ms = month[mask]
        lo, hi = keys[0], keys[-1]
        out[mask] = [table.get(m, table[lo] if m < lo else table[hi]) for m in ms]
    return out
