/*
    One row per segment family, from_segment, to_segment and changed_at (as-of
    date of the build that saw the change): how many customers moved, e.g.
    rfm Loyal Customers -> At Risk on 2025-12-31, and their share of the
    customers who were in from_segment just before (the versions valid until
    changed_at).
    1. moves: transitions counted per family, from, to, changed_at
    2. before: customers per family and segment in the versions that ended at changed_at or were still valid
*/
with

segment_transitions as {{ not_materialized() }} (
    select * from {{ ref('segment_transitions') }}
),

-- the customer's segment per family and profile-history version (the snapshot's
-- family columns unpivoted; versions never held left out)
segment_history_memberships as (
    select * from {{ ref('int_segment_history_memberships') }}
),

moves as (
    select
        segment_family,
        from_segment,
        to_segment,
        changed_at,
        count(*) as n_customers
    from segment_transitions
    group by segment_family, from_segment, to_segment, changed_at
),

change_dates as (
    select distinct changed_at from segment_transitions
),

-- customers per family and segment in the versions valid just before each change date
segment_sizes_before as (
    select
        change_dates.changed_at,
        segment_history_memberships.segment_family,
        segment_history_memberships.segment_name,
        count(*) as n_before
    from change_dates
    inner join segment_history_memberships
        on
            change_dates.changed_at > segment_history_memberships.valid_from
            and (
                change_dates.changed_at <= segment_history_memberships.valid_to
                or segment_history_memberships.valid_to is null
            )
    group by change_dates.changed_at, segment_history_memberships.segment_family, segment_history_memberships.segment_name
),

final as (
    select
        moves.segment_family,
        moves.from_segment,
        moves.to_segment,
        moves.changed_at,
        moves.n_customers,
        segment_sizes_before.n_before as n_customers_in_from_segment,
        round(cast(moves.n_customers as double) / segment_sizes_before.n_before, 4) as share_of_from_segment
    from moves
    left join segment_sizes_before
        on
            moves.changed_at = segment_sizes_before.changed_at
            and moves.segment_family = segment_sizes_before.segment_family
            and moves.from_segment = segment_sizes_before.segment_name
)

select * from final
