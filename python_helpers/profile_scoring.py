"""Score customer profiles against the generator's truth (per-field accuracy).

Each profile (``marts.customer_profiles``) is matched to the true person who owns
the majority of its records (``marts.customer_record_map`` joined to
``truth_records.csv``; ties: smallest person_id). Per field, the share of profiles
whose value equals the person's true value, counted only where the truth knows
the value (see docs/generator.md: blank truth = no source reveals it):

- birth_year: year of ``restricted.customer_golden_records.birth_date`` vs truth
  ``birth_date`` (profiles whose person has a revealed birth date)
- country: ``customer_profiles.country_code`` vs truth ``country``
- lifetime_revenue: ``customer_profiles.lifetime_revenue`` vs
  ``lifetime_revenue_eur``, to the cent (profiles whose person has n_orders > 0)
- n_orders: ``customer_profiles.n_orders`` vs ``n_orders`` (same profiles)

A person split over several profiles counts a miss on each fragment that lacks
part of the person's data, so ``share`` also reflects identity resolution.
``primary_share`` scores only each person's primary profile (the profile holding
most of the person's records; ties: smallest customer_id): the accuracy of the
profile logic itself, given the identity resolution.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

FIELDS = ("birth_year", "country", "lifetime_revenue", "n_orders")


def score_profiles(db_path: Path | str, truth_dir: Path | str) -> dict:
    """Per field: matched / scored / share over all profiles, and primary_* over primary profiles only."""
    truth_dir = Path(truth_dir)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        con.execute(
            f"""
            create temp table truth_records as
            select source, source_record_id, person_id
            from read_csv('{truth_dir / "truth_records.csv"}', all_varchar = true, header = true)
            """
        )
        con.execute(
            f"""
            create temp table truth_persons as
            select
                person_id,
                try_cast(nullif(birth_date, '') as date) as birth_date,
                nullif(country, '') as country,
                try_cast(nullif(n_orders, '') as bigint) as n_orders,
                try_cast(nullif(lifetime_revenue_eur, '') as decimal(18, 2)) as lifetime_revenue
            from read_csv('{truth_dir / "truth_persons.csv"}', all_varchar = true, header = true)
            """
        )
        con.execute(
            """
            create temp table profile_person as
            select customer_id, person_id
            from (
                select m.customer_id, t.person_id, count(*) as n_records
                from marts.customer_record_map as m
                inner join truth_records as t
                    on m.source = t.source and m.source_record_id = t.source_record_id
                group by m.customer_id, t.person_id
            )
            qualify row_number() over (partition by customer_id order by n_records desc, person_id) = 1
            """
        )
        con.execute(
            """
            create temp table primary_profiles as
            select customer_id
            from (
                select m.customer_id, pp.person_id, count(*) as n_records
                from marts.customer_record_map as m
                inner join truth_records as t
                    on m.source = t.source and m.source_record_id = t.source_record_id
                inner join profile_person as pp
                    on m.customer_id = pp.customer_id and t.person_id = pp.person_id
                group by m.customer_id, pp.person_id
            )
            qualify row_number() over (partition by person_id order by n_records desc, customer_id) = 1
            """
        )
        row = con.execute(
            """
            with joined as (
                select
                    p.customer_id,
                    year(g.birth_date) as birth_year,
                    year(t.birth_date) as true_birth_year,
                    p.country_code,
                    t.country as true_country,
                    cast(p.lifetime_revenue as decimal(18, 2)) as lifetime_revenue,
                    t.lifetime_revenue as true_lifetime_revenue,
                    p.n_orders,
                    t.n_orders as true_n_orders,
                    pr.customer_id is not null as is_primary
                from marts.customer_profiles as p
                inner join profile_person as pp on p.customer_id = pp.customer_id
                inner join truth_persons as t on pp.person_id = t.person_id
                left join restricted.customer_golden_records as g on p.customer_id = g.customer_id
                left join primary_profiles as pr on p.customer_id = pr.customer_id
            ),

            flagged as (
                select
                    *,
                    true_birth_year is not null as has_birth_year,
                    true_birth_year is not null and birth_year = true_birth_year as ok_birth_year,
                    true_country is not null as has_country,
                    true_country is not null and country_code = true_country as ok_country,
                    true_n_orders > 0 as has_lifetime_revenue,
                    true_n_orders > 0 and lifetime_revenue = true_lifetime_revenue as ok_lifetime_revenue,
                    true_n_orders > 0 as has_n_orders,
                    true_n_orders > 0 and n_orders = true_n_orders as ok_n_orders
                from joined
            )
            select
                (select count(*) from marts.customer_profiles),
                count(*),
                count(*) filter (where is_primary),
                count(*) filter (where ok_birth_year),
                count(*) filter (where has_birth_year),
                count(*) filter (where ok_birth_year and is_primary),
                count(*) filter (where has_birth_year and is_primary),
                count(*) filter (where ok_country),
                count(*) filter (where has_country),
                count(*) filter (where ok_country and is_primary),
                count(*) filter (where has_country and is_primary),
                count(*) filter (where ok_lifetime_revenue),
                count(*) filter (where has_lifetime_revenue),
                count(*) filter (where ok_lifetime_revenue and is_primary),
                count(*) filter (where has_lifetime_revenue and is_primary),
                count(*) filter (where ok_n_orders),
                count(*) filter (where has_n_orders),
                count(*) filter (where ok_n_orders and is_primary),
                count(*) filter (where has_n_orders and is_primary)
            from flagged
            """
        ).fetchone()
    finally:
        con.close()
    profiles, matched_profiles, primary_profiles, *counts = (int(v) for v in row)
    scores: dict = {"profiles": profiles, "matched_profiles": matched_profiles, "primary_profiles": primary_profiles}
    for i, field in enumerate(FIELDS):
        matched, scored, primary_matched, primary_scored = counts[4 * i : 4 * i + 4]
        scores[field] = {
            "matched": matched,
            "scored": scored,
            "share": matched / scored if scored else float("nan"),
            "primary_matched": primary_matched,
            "primary_scored": primary_scored,
            "primary_share": primary_matched / primary_scored if primary_scored else float("nan"),
        }
    return scores


def format_profiles(scores: dict) -> str:
    """A small text table of the per-field accuracy shares."""
    lines = [
        f"Profile accuracy ({scores['matched_profiles']} of {scores['profiles']} profiles matched to a true person; "
        f"{scores['primary_profiles']} primary profiles)",
        f"{'field':<18}{'matched':>9}{'scored':>9}{'share':>9}{'primary':>10}{'scored':>9}{'share':>9}",
    ]
    for field in FIELDS:
        s = scores[field]
        lines.append(
            f"{field:<18}{s['matched']:>9}{s['scored']:>9}{s['share']:>9.3f}"
            f"{s['primary_matched']:>10}{s['primary_scored']:>9}{s['primary_share']:>9.3f}"
        )
    return "\n".join(lines)
