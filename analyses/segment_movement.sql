/*
    Which customers changed segment between two as-of dates: one row per
    customer and family whose segment differs (or who appears on one side
    only), plus the from -> to counts per family.

    customer_segments holds one as-of date, so keep a copy of an earlier build
    (the history mart comes later). With the DuckDB CLI or Python:
      1. dbt build -s +customer_segments --vars '{as_of_date: "2025-09-30"}'
      2. create table marts.customer_segments_2025_09_30 as
             select * from marts.customer_segments;
      3. dbt build -s +customer_segments          (back to the current date)
      4. dbt compile -s segment_movement
             --vars '{segment_movement_from: marts.customer_segments_2025_09_30}'
         and run target/compiled/.../analyses/segment_movement.sql.
    Vars (analysis only): segment_movement_from (required), segment_movement_to
    (default: the current customer_segments).
*/
with

segments_from as (
    select * from {{ var('segment_movement_from', ref('customer_segments')) }}
),

segments_to as (
    select * from {{ var('segment_movement_to', ref('customer_segments')) }}
),

compared as (
    select
        coalesce(segments_to.customer_id, segments_from.customer_id) as customer_id,
        coalesce(segments_to.segment_family, segments_from.segment_family) as segment_family,
        segments_from.segment_name as from_segment,
        segments_to.segment_name as to_segment,
        segments_from.assigned_as_of as from_as_of,
        segments_to.assigned_as_of as to_as_of
    from segments_from
    full outer join segments_to
        on
            segments_from.customer_id = segments_to.customer_id
            and segments_from.segment_family = segments_to.segment_family
),

moved as (
    select *
    from compared
    where from_segment is distinct from to_segment
),

final as (
    select
        segment_family,
        coalesce(from_segment, '(not a customer yet)') as from_segment,
        coalesce(to_segment, '(gone)') as to_segment,
        count(*) as n_customers,
        list(customer_id order by customer_id) as customer_ids
    from moved
    group by all
)

select * from final
order by segment_family asc, n_customers desc
