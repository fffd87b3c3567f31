/*
    One row per customer, segment family and change of segment between two
    consecutive versions of the profile history (snapshot
    customer_profile_history): from_segment -> to_segment at changed_at, the
    as-of date of the build that first saw the new segment. A customer's first
    version is not a transition.
    1. one row per version and family (int_segment_history_memberships)
    2. the previous version's segment of the same family
    3. versions whose segment differs from the previous one
*/
with

int_segment_history_memberships as (
    select * from {{ ref('int_segment_history_memberships') }}
),

with_previous as (
    select
        customer_id,
        segment_family,
        segment_name,
        valid_from,
        lag(segment_name) over (
            partition by customer_id, segment_family order by valid_from
        ) as previous_segment_name,
        row_number() over (
            partition by customer_id, segment_family order by valid_from
        ) as version_number
    from int_segment_history_memberships
),

final as (
    select
        customer_id,
        segment_family,
        previous_segment_name as from_segment,
        segment_name as to_segment,
        valid_from as changed_at
    from with_previous
    where
        version_number > 1
        and previous_segment_name is distinct from segment_name
)

select * from final
