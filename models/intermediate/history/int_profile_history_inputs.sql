/*
    One row per customer: the profile attributes and segment memberships the
    history snapshot (customer_profile_history) tracks, stamped with the as-of
    date of the build (never the wall clock), so the snapshot's valid_from /
    valid_to are as-of dates and the same data always gives the same history.
    Only attributes that change when the data changes are tracked (orders,
    revenue, location, occupation, consent, channel); figures that drift with
    the as-of date alone (days since, age, predicted CLV) are left out, or every
    build would version every customer. Erasure reaches the history through the
    erasure step (macro apply_erasure deletes the erased customers' versions).
    1. segments pivoted to one column per family
    2. profile attributes joined
*/
with

customer_profiles as (
    select * from {{ ref('customer_profiles') }}
),

customer_segments as (
    select * from {{ ref('customer_segments') }}
),

segments_pivoted as (
    select
        customer_id,
        max(case when segment_family = 'rfm' then segment_name end) as rfm_segment,
        max(case when segment_family = 'lifecycle' then segment_name end) as lifecycle_segment,
        max(case when segment_family = 'value_tier' then segment_name end) as value_tier_segment,
        max(case when segment_family = 'persona' then segment_name end) as persona_segment
    from customer_segments
    group by customer_id
),

final as (
    select
        -- ids
        customer_profiles.customer_id,

        -- segments
        segments_pivoted.rfm_segment,
        segments_pivoted.lifecycle_segment,
        segments_pivoted.value_tier_segment,
        segments_pivoted.persona_segment,

        -- profile attributes
        customer_profiles.n_orders,
        customer_profiles.lifetime_revenue,
        customer_profiles.last_order_at,
        customer_profiles.country_code,
        customer_profiles.city,
        customer_profiles.occupation,
        customer_profiles.consent_email,
        customer_profiles.is_unsubscribed,
        customer_profiles.preferred_channel,
        customer_profiles.n_sources,

        -- timestamps: the build's as-of date, the snapshot's updated_at
        cast({{ as_of_date() }} as timestamp) as as_of_at
    from customer_profiles
    left join segments_pivoted
        on customer_profiles.customer_id = segments_pivoted.customer_id
)

select * from final
