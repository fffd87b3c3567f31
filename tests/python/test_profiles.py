"""customer_profiles on the demo (3000 persons, seed 42): build, reconciliation,
accuracy against the generator's truth."""

from __future__ import annotations

from decimal import Decimal

import pytest

from python_helpers.profile_scoring import FIELDS, format_profiles, score_profiles

pytestmark = pytest.mark.slow

# Measured on the demo (seed 42) with the identity resolution of this commit:
# primary profiles (the profile holding most of a person's records) match the
# truth for 0.94-0.96 of persons per field. Misses come from identity (records of
# one person split over profiles or two persons merged, e.g. households sharing
# an email), orders with an unknown currency (rejected in staging: they count in
# the truth's n_orders), and CRM-only fields on fragments. Over all profiles the
# share is much lower (about 0.43) because identity leaves many one-source
# fragments (email-event-only, web-only profiles); that floor guards regressions.
PRIMARY_THRESHOLDS = {"birth_year": 0.9, "country": 0.9, "lifetime_revenue": 0.9, "n_orders": 0.9}
ALL_PROFILES_THRESHOLD = 0.35


def test_build_succeeds(demo):
    assert demo.build.returncode == 0, demo.build.stdout[-4000:]


def test_one_profile_per_customer(demo):
    ((n_profiles, n_distinct),) = demo.query(
        "select count(*), count(distinct customer_id) from marts.customer_profiles"
    )
    ((n_customers,),) = demo.query("select count(distinct customer_id) from marts.customer_record_map")
    assert n_profiles == n_distinct == n_customers


def test_no_raw_pii_in_profiles(demo):
    columns = {
        c
        for (c,) in demo.query(
            "select column_name from information_schema.columns where table_name = 'customer_profiles'"
        )
    }
    assert not columns & {"display_name", "primary_email", "primary_phone", "email", "phone", "street", "birth_date"}


def test_lifetime_revenue_reconciles_to_the_cent(demo):
    ((profiles_total,),) = demo.query("select sum(lifetime_revenue) from marts.customer_profiles")
    ((staging_total,),) = demo.query(
        """
        with per_customer as (
            select m.customer_id,
                round(sum((o.total - coalesce(o.refunded_amount, 0))
                    * cast(r.eur_per_unit as decimal(18, 6))), 2) as revenue
            from staging.stg_shop__orders as o
            inner join marts.customer_record_map as m
                on m.source = 'shop_orders' and m.source_record_id = o.shop_order_id
            inner join reference.fx_rates as r
                on r.currency = o.currency and r.month_start = cast(date_trunc('month', o.ordered_at) as date)
            where o.status != 'cancelled'
            group by m.customer_id
        )
        select sum(revenue) from per_customer
        """
    )
    print(f"\nlifetime revenue (EUR): profiles {profiles_total}, staging {staging_total}")
    assert Decimal(profiles_total) == Decimal(staging_total)


def test_accuracy_against_truth(demo):
    scores = score_profiles(demo.warehouse.db_path, demo.truth_dir)
    print("\n" + format_profiles(scores))
    for field in FIELDS:
        assert scores[field]["primary_share"] >= PRIMARY_THRESHOLDS[field], (field, scores[field])
        assert scores[field]["share"] >= ALL_PROFILES_THRESHOLD, (field, scores[field])
