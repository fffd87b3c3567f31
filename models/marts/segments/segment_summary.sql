/*
    One row per segment of seed segment_definitions (empty segments included):
    size and value of its customers as of the as-of date.
    - share_of_customers: customers in the segment / all customers
    - average / median CLV: clv_value (predicted 12-month CLV, else historical)
    - revenue_share: the segment's lifetime revenue / all lifetime revenue
    - ordered_last_90d_share: last counted order within the 90 days ending
      with the as-of date
    - preferred-channel mix: share per preferred_channel (unknown = none known)
    - contactable_share: consent granted for email, SMS or push
*/
with

customer_segments as (
    select * from {{ ref('customer_segments') }}
),

int_segment_inputs as {{ not_materialized() }} (
    select * from {{ ref('int_segment_inputs') }}
),

segment_definitions as (
    select * from {{ ref('segment_definitions') }}
),

totals as (
    select
        count(*) as n_customers,
        sum(lifetime_revenue) as lifetime_revenue
    from int_segment_inputs
),

members as (
    select
        customer_segments.segment_family,
        customer_segments.segment_name,
        inputs.clv_value,
        coalesce(inputs.lifetime_revenue, 0) as lifetime_revenue,
        coalesce(inputs.days_since_last_order <= 89, false) as has_ordered_last_90d,
        coalesce(inputs.preferred_channel, 'unknown') as preferred_channel,
        coalesce(inputs.consent_email or inputs.consent_sms or inputs.consent_push, false) as is_contactable
    from customer_segments
    inner join int_segment_inputs as inputs
        on customer_segments.customer_id = inputs.customer_id
),

per_segment as (
    select
        segment_family,
        segment_name,
        count(*) as n_customers,
        -- summed as exact decimals: a sum of doubles depends on the order the rows
        -- arrive in (threads), and CLVs are whole cents, so an average can sit on a
        -- half cent, where that order decided the rounding between two builds
        avg(cast(clv_value as decimal(38, 10))) as average_clv,
        median(clv_value) as median_clv,
        sum(lifetime_revenue) as lifetime_revenue,
        avg(cast(has_ordered_last_90d as integer)) as ordered_last_90d_share,
        avg(cast(preferred_channel = 'email' as integer)) as preferred_email_share,
        avg(cast(preferred_channel = 'sms' as integer)) as preferred_sms_share,
        avg(cast(preferred_channel = 'push' as integer)) as preferred_push_share,
        avg(cast(preferred_channel = 'social' as integer)) as preferred_social_share,
        avg(cast(preferred_channel = 'none' as integer)) as preferred_none_share,
        avg(cast(preferred_channel = 'unknown' as integer)) as preferred_unknown_share,
        avg(cast(is_contactable as integer)) as contactable_share
    from members
    group by segment_family, segment_name
),

final as (
    select
        segment_definitions.segment_family,
        segment_definitions.segment_name,
        segment_definitions.priority as segment_priority,
        segment_definitions.owner as segment_owner,
        coalesce(per_segment.n_customers, 0) as n_customers,
        coalesce(per_segment.n_customers, 0) / cast(nullif(totals.n_customers, 0) as double) as share_of_customers,
        round(per_segment.average_clv, 2) as average_clv,
        round(per_segment.median_clv, 2) as median_clv,
        coalesce(per_segment.lifetime_revenue, 0) as lifetime_revenue,
        coalesce(per_segment.lifetime_revenue, 0) / cast(nullif(totals.lifetime_revenue, 0) as double) as revenue_share,
        per_segment.ordered_last_90d_share,
        per_segment.preferred_email_share,
        per_segment.preferred_sms_share,
        per_segment.preferred_push_share,
        per_segment.preferred_social_share,
        per_segment.preferred_none_share,
        per_segment.preferred_unknown_share,
        per_segment.contactable_share,
        {{ as_of_date() }} as assigned_as_of
    from segment_definitions
    cross join totals
    left join per_segment
        on
            segment_definitions.segment_family = per_segment.segment_family
            and segment_definitions.segment_name = per_segment.segment_name
)

select * from final
