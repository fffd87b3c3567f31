/*
    Which customers changed segment between two past as-of dates, read from the
    profile history (snapshot customer_profile_history; every build adds the
    versions of its as-of date): one row per family and from -> to segment with
    the customers, including customers who appear on one side only.
    For consecutive builds the marts segment_transitions / segment_flows already
    hold this; this analysis compares any two dates, e.g. a quarter apart:
      dbt compile -s segment_movement
          --vars '{segment_movement_from: "2025-09-30", segment_movement_to: "2025-12-31"}'
    and run target/compiled/.../analyses/segment_movement.sql.
    Vars (analysis only): segment_movement_from (required), segment_movement_to
    (default: the current as-of date).
*/
{%- set movement_from = var('segment_movement_from', '1900-01-01') -%}
{%- set movement_to = var('segment_movement_to', none) %}

with

int_segment_history_memberships as (
    select * from {{ ref('int_segment_history_memberships') }}
),

-- a version is the profile as of date D when valid_from <= D < valid_to
segments_from as (
    select * from int_segment_history_memberships
    where
        valid_from <= cast('{{ movement_from }}' as timestamp)
        and (valid_to > cast('{{ movement_from }}' as timestamp) or valid_to is null)
),

segments_to as (
    select * from int_segment_history_memberships
    where
        valid_from <= {% if movement_to %}cast('{{ movement_to }}' as timestamp){% else %}cast({{ as_of_date() }} as timestamp){% endif %}
        and (
            valid_to > {% if movement_to %}cast('{{ movement_to }}' as timestamp){% else %}cast({{ as_of_date() }} as timestamp){% endif %}
            or valid_to is null
        )
),

compared as (
    select
        coalesce(segments_to.customer_id, segments_from.customer_id) as customer_id,
        coalesce(segments_to.segment_family, segments_from.segment_family) as segment_family,
        segments_from.segment_name as from_segment,
        segments_to.segment_name as to_segment
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
