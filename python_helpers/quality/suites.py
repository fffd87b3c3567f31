"""The great-expectations suites, defined in the repo (one ``Suite`` per table).

To check another table, append a ``Suite``: the table (``schema.table``), the
source or mart it speaks for (shown in messages), and its expectations. A suite
whose table is not built yet (``optional=True``) is skipped, so suites of marts
that are still being developed can be listed now.

Severity is a decision (README, "Data quality"): ``error`` for keys, contracts,
reconciliation and anything that would ship a wrong profile; ``warn`` for drift.
Arguments may be callables of ``Facts`` (row counts of the raw sources, read at
run time), so volumes are bounded relative to what the sources delivered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

EMAIL_REGEX = r"^[a-z0-9!#$%&*+/=?^_`{|}~.-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$"
E164_REGEX = r"^\+[1-9][0-9]{6,14}$"
COUNTRY_REGEX = r"^[A-Z]{2}$"
ORDER_STATUSES = ["paid", "refunded", "partially_refunded", "cancelled"]


@dataclass(frozen=True)
class Facts:
    """What the run knows before validating: raw rows per source, known currencies."""

    rows_in: dict[str, int]
    currencies: list[str]
    as_of_date: str


Arg = Any | Callable[[Facts], Any]


@dataclass(frozen=True)
class Check:
    expectation: str  # great-expectations expectation type, e.g. expect_column_values_to_not_be_null
    severity: str  # error | warn
    kwargs: dict[str, Arg] = field(default_factory=dict)

    def resolve(self, facts: Facts) -> dict[str, Any]:
        return {k: (v(facts) if callable(v) else v) for k, v in self.kwargs.items()}


@dataclass(frozen=True)
class Suite:
    name: str  # the source or mart the suite speaks for (messages name it)
    table: str  # schema.table read from the warehouse
    checks: tuple[Check, ...]
    layer: str = "source"  # source | mart | reconciliation
    optional: bool = False  # skip (not fail) when the table does not exist yet
    query: str | None = None  # SQL to validate instead of the whole table


def error(expectation: str, **kwargs: Arg) -> Check:
    return Check(expectation, "error", kwargs)


def warn(expectation: str, **kwargs: Arg) -> Check:
    return Check(expectation, "warn", kwargs)


def key(*columns: str) -> list[Check]:
    """Primary key: not null and unique (single or compound)."""
    if len(columns) == 1:
        return [error("expect_column_values_to_not_be_null", column=columns[0]),
                error("expect_column_values_to_be_unique", column=columns[0])]
    return [error("expect_column_values_to_not_be_null", column=c) for c in columns] + [
        error("expect_compound_columns_to_be_unique", column_list=list(columns))]


def volume(source: str, low: float = 0.9) -> Check:
    """Staged rows between ``low`` x and 1 x the rows the source delivered."""
    return error("expect_table_row_count_to_be_between",
                 min_value=lambda f: int(f.rows_in.get(source, 0) * low),
                 max_value=lambda f: f.rows_in.get(source, 0))


def email(column: str, mostly: float = 0.9) -> Check:
    return warn("expect_column_values_to_match_regex", column=column, regex=EMAIL_REGEX, mostly=mostly)


def e164(column: str) -> Check:
    return error("expect_column_values_to_match_regex", column=column, regex=E164_REGEX)


def in_range_until_as_of(column: str, severity: str = "error") -> Check:
    """Between 2000-01-01 and the end of the day after the as-of date (staging's future cut-off)."""
    return Check("expect_column_values_to_be_between", severity, {
        "column": column, "min_value": dt.datetime(2000, 1, 1),
        "max_value": lambda f: dt.datetime.fromisoformat(f.as_of_date) + dt.timedelta(days=2)})


SUITES: tuple[Suite, ...] = (
    # ---- key staging models -------------------------------------------------
    Suite("shop_customers", "staging.stg_shop__customers", (
        *key("shop_customer_id"),
        volume("shop_customers", 0.95),
        error("expect_column_values_to_not_be_null", column="email", mostly=0.9),
        email("email"),
        e164("phone_e164"),
        warn("expect_column_values_to_match_regex", column="country_code", regex=COUNTRY_REGEX, mostly=0.99),
        warn("expect_column_proportion_of_non_null_values_to_be_between", column="phone_e164", min_value=0.5),
    )),
    Suite("shop_orders", "staging.stg_shop__orders", (
        *key("shop_order_id"),
        volume("shop_orders", 0.95),
        error("expect_column_values_to_not_be_null", column="total"),
        error("expect_column_values_to_not_be_null", column="ordered_at"),
        error("expect_column_values_to_be_in_set", column="status", value_set=ORDER_STATUSES),
        error("expect_column_values_to_be_in_set", column="currency", value_set=lambda f: f.currencies),
        in_range_until_as_of("ordered_at"),
        warn("expect_column_values_to_be_in_set", column="channel", value_set=["web", "app", "store"]),
        email("email"),
        e164("phone_e164"),
        warn("expect_column_values_to_match_regex", column="shipping_country_code", regex=COUNTRY_REGEX,
             mostly=0.99),
        warn("expect_column_proportion_of_non_null_values_to_be_between", column="shop_customer_id",
             min_value=0.5),
    )),
    Suite("shop_order_lines", "staging.stg_shop__order_lines", (
        *key("shop_order_line_id"),
        volume("shop_order_lines", 0.95),
        error("expect_column_values_to_be_between", column="quantity", min_value=1),
        error("expect_column_values_to_be_between", column="unit_price", min_value=0),
    )),
    Suite("crm_contacts", "staging.stg_crm__contacts", (
        *key("crm_contact_id"),
        volume("crm_contacts", 0.95),
        error("expect_column_values_to_not_be_null", column="email", mostly=0.8),
        email("email"),
        e164("phone_e164"),
        warn("expect_column_values_to_match_regex", column="country_code", regex=COUNTRY_REGEX, mostly=0.99),
    )),
    Suite("web_events", "staging.stg_web__events", (
        *key("web_event_id"),
        volume("web_events", 0.9),
        error("expect_column_values_to_not_be_null", column="anonymous_id"),
        in_range_until_as_of("event_at"),
    )),
    Suite("consent_events", "staging.stg_consent__events", (
        *key("consent_event_id"),
        volume("consent_events", 0.95),
        error("expect_column_values_to_not_be_null", column="consent_status"),
        e164("phone_e164"),
        in_range_until_as_of("recorded_at"),
    )),
    # ---- marts --------------------------------------------------------------
    Suite("customer_record_map", "marts.customer_record_map", (
        *key("source", "source_record_id"),
        error("expect_column_values_to_not_be_null", column="customer_id"),
        error("expect_column_values_to_match_regex", column="customer_id", regex=r"^cus_[0-9a-f]{20}$"),
        error("expect_table_row_count_to_be_between", min_value=1),
    ), layer="mart"),
    Suite("customer_profiles", "marts.customer_profiles", (
        *key("customer_id"),
        error("expect_table_row_count_to_be_between", min_value=1),
    ), layer="mart", optional=True),
    Suite("customer_segments", "marts.customer_segments", (
        error("expect_table_row_count_to_be_between", min_value=0),
    ), layer="mart", optional=True),
    # ---- cross-table accuracy -------------------------------------------------
    # every source: rows in = staged rows + rejects (nothing vanishes); rows the
    # erasure step deleted from this load (raw._load_erasures) are not "in"
    Suite("row_accounting", "quality.quality_source_metrics", (
        error("expect_column_pair_values_to_be_equal", column_A="rows_in", column_B="rows_out_plus_rejects"),
    ), layer="reconciliation", query="""
        select
            s.source_table as source,
            s.rows_loaded + s.rows_unparseable
            - coalesce((select sum(e.rows_erased) from raw._load_erasures e where e.source_table = s.source_table), 0)
                as rows_in,
            (select count(*) from staging.stg_rejects r where r.source_table = s.source_table)
            + coalesce(m.value, 0) as rows_out_plus_rejects
        from raw._load_summary as s
        left join quality.quality_source_metrics as m
            on m.model = s.source_table and m.metric = 'row_count'
    """),
    # every staged identity-bearing record resolves exactly once in the record map
    Suite("record_map_vs_staging", "marts.customer_record_map", (
        error("expect_column_pair_values_to_be_equal", column_A="staged_records", column_B="mapped_records"),
    ), layer="reconciliation", query="""
        with mapped as (
            select source, count(*) as mapped_records from marts.customer_record_map group by source
        ),
        staged as (
            select 'shop_customers' as source, count(*) as staged_records from staging.stg_shop__customers
            union all select 'crm_contacts', count(*) from staging.stg_crm__contacts
            union all select 'shop_orders', count(*) from staging.stg_shop__orders
            union all select 'support_tickets', count(*) from staging.stg_support__tickets
            union all select 'survey_responses', count(*) from staging.stg_survey__responses
            union all select 'consent_events', count(*) from staging.stg_consent__events
            union all select 'social_interactions', count(*) from staging.stg_social__interactions
            union all select 'email_events', count(*) from staging.stg_email__events
            union all select 'web_events', count(distinct anonymous_id) from staging.stg_web__events
            union all select 'app_events', count(distinct device_id) from staging.stg_app__events
        )
        select staged.source, staged.staged_records, coalesce(mapped.mapped_records, 0) as mapped_records
        from staged left join mapped on staged.source = mapped.source
    """),
    # every resolved customer has exactly one profile
    Suite("profiles_vs_record_map", "marts.customer_profiles", (
        error("expect_column_pair_values_to_be_equal", column_A="resolved_customers", column_B="profiles"),
    ), layer="reconciliation", optional=True, query="""
        select
            (select count(distinct customer_id) from marts.customer_record_map) as resolved_customers,
            (select count(*) from marts.customer_profiles) as profiles
    """),
)
