/*
    One row per customer, profile-history version and segment family: the
    segment the customer held in that version (snapshot customer_profile_history,
    its four family columns unpivoted), valid from valid_from to valid_to (null =
    current). Read by segment_transitions, segment_flows and
    analyses/segment_movement.sql.
    Versions never held are left out: a rebuild at the same as-of date that saw
    other values closes the version it replaces at its own start (valid_from =
    valid_to, strategy check_values), and two versions starting on one date would
    make two transitions there.
*/
with

customer_profile_history as {{ not_materialized() }} (
    select * from {{ ref('customer_profile_history') }}
    where valid_to is null or valid_to > valid_from
),

final as (
    select
        customer_id,
        'rfm' as segment_family,
        rfm_segment as segment_name,
        valid_from,
        valid_to
    from customer_profile_history
    union all
    select
        customer_id,
        'lifecycle' as segment_family,
        lifecycle_segment as segment_name,
        valid_from,
        valid_to
    from customer_profile_history
    union all
    select
        customer_id,
        'value_tier' as segment_family,
        value_tier_segment as segment_name,
        valid_from,
        valid_to
    from customer_profile_history
    union all
    select
        customer_id,
        'persona' as segment_family,
        persona_segment as segment_name,
        valid_from,
        valid_to
    from customer_profile_history
)

select * from final
