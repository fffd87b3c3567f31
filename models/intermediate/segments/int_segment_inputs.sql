/*
    One row per customer: the columns segment conditions (seed
    segment_definitions) are written against. Every customer_profiles column,
    plus:
    1. location: is_urban (city listed in seed urban_cities; null without a city)
    2. order recency and rates: days since first / last counted order, counted
       orders in the last 365 and 730 days
    3. engagement: push notifications opened (90 and 365 days), email
       opens/clicks and social interactions (365 days), and the share of delivered educational
       vs promotional campaigns the customer opened or clicked
       (educational = campaign name starting 'Guide:', 'Webinar:' or 'How-to:')
    4. lead source of the most recently updated CRM contact
    5. RFM quintiles over buyers (ntile 5; ties broken by the next measure,
       then customer_id): r_score by days since last order (recent = 5),
       f_score by n_orders then lifetime_revenue, m_score by lifetime_revenue;
       fm_score = round((f_score + m_score) / 2), half up
    6. value: clv_value = predicted_clv_12m, else historical_clv, else 0;
       clv_top_share = rank by clv_value (desc, then customer_id) / customers
    7. lifecycle thresholds (vars segment_*_days) as columns, so conditions
       can name them
*/
with

customer_profiles as (
    select * from {{ ref('customer_profiles') }}
),

urban_cities as (
    select * from {{ ref('urban_cities') }}
),

int_customer_orders as (
    select * from {{ ref('int_customer_orders') }}
),

int_customer_app_events as (
    select * from {{ ref('int_customer_app_events') }}
),

int_customer_email_events as (
    select * from {{ ref('int_customer_email_events') }}
),

int_customer_social_interactions as (
    select * from {{ ref('int_customer_social_interactions') }}
),

int_customer_crm_contacts as (
    select * from {{ ref('int_customer_crm_contacts') }}
),

orders_per_customer as (
    select
        customer_id,
        count(*) filter (where ordered_date > {{ dateadd_days(as_of_date(), -365) }}) as orders_365d,
        count(*) filter (where ordered_date > {{ dateadd_days(as_of_date(), -730) }}) as orders_730d
    from int_customer_orders
    where is_counted
    group by customer_id
),

push_opens as (
    select
        customer_id,
        count(*) filter (where event_at >= {{ dateadd_days(as_of_date(), -89) }}) as push_opens_90d,
        count(*) filter (where event_at >= {{ dateadd_days(as_of_date(), -364) }}) as push_opens_365d
    from int_customer_app_events
    where event_name = 'push_opened'
    group by customer_id
),

email_campaigns as (
    select
        customer_id,
        campaign_id,
        {{ regex_matches('campaign_name', "'^(Guide|Webinar|How-to):'") }} as is_educational,
        bool_or(event_type = 'delivered') as is_delivered,
        bool_or(event_type in ('open', 'click')) as is_engaged,
        count(*) filter (
            where event_type in ('open', 'click') and event_at >= {{ dateadd_days(as_of_date(), -364) }}
        ) as engagements_365d
    from int_customer_email_events
    group by customer_id, campaign_id, campaign_name
),

email_engagement as (
    select
        customer_id,
        sum(engagements_365d) as email_engagements_365d,
        count(*) filter (where is_engaged and is_educational)
        / cast(nullif(count(*) filter (where is_delivered and is_educational), 0) as double) as educational_email_engagement_rate,
        count(*) filter (where is_engaged and not is_educational)
        / cast(nullif(count(*) filter (where is_delivered and not is_educational), 0) as double) as promotional_email_engagement_rate
    from email_campaigns
    group by customer_id
),

social as (
    select
        customer_id,
        count(*) as social_interactions_365d
    from int_customer_social_interactions
    where interaction_at >= {{ dateadd_days(as_of_date(), -364) }}
    group by customer_id
),

lead_sources_ranked as (
    select
        customer_id,
        lead_source,
        row_number() over (
            partition by customer_id
            order by updated_at desc nulls last, crm_contact_id asc
        ) as lead_source_rank
    from int_customer_crm_contacts
    where lead_source is not null
),

lead_sources as (
    select
        customer_id,
        lead_source
    from lead_sources_ranked
    where lead_source_rank = 1
),

enriched as (
    select
        customer_profiles.*,
        -- 1. location
        case
            when customer_profiles.city is not null then urban_cities.city is not null
        end as is_urban,
        -- 2. orders
        {{ date_diff_parts('day', 'cast(customer_profiles.first_order_at as date)', as_of_date()) }} as days_since_first_order,
        {{ date_diff_parts('day', 'cast(customer_profiles.last_order_at as date)', as_of_date()) }} as days_since_last_order,
        coalesce(orders_per_customer.orders_365d, 0) as orders_365d,
        coalesce(orders_per_customer.orders_730d, 0) as orders_730d,
        -- 3. engagement
        coalesce(push_opens.push_opens_90d, 0) as push_opens_90d,
        coalesce(push_opens.push_opens_365d, 0) as push_opens_365d,
        coalesce(email_engagement.email_engagements_365d, 0) as email_engagements_365d,
        coalesce(social.social_interactions_365d, 0) as social_interactions_365d,
        email_engagement.educational_email_engagement_rate,
        email_engagement.promotional_email_engagement_rate,
        -- 4. acquisition
        lead_sources.lead_source
    from customer_profiles
    left join urban_cities
        on
            customer_profiles.country_code = urban_cities.country_code
            and lower(customer_profiles.city) = lower(urban_cities.city)
    left join orders_per_customer
        on customer_profiles.customer_id = orders_per_customer.customer_id
    left join push_opens
        on customer_profiles.customer_id = push_opens.customer_id
    left join email_engagement
        on customer_profiles.customer_id = email_engagement.customer_id
    left join social
        on customer_profiles.customer_id = social.customer_id
    left join lead_sources
        on customer_profiles.customer_id = lead_sources.customer_id
),

rfm_scores as (
    select
        customer_id,
        ntile(5) over (order by days_since_last_order desc, customer_id asc) as r_score,
        ntile(5) over (order by n_orders, lifetime_revenue, customer_id) as f_score,
        ntile(5) over (order by lifetime_revenue, n_orders, customer_id) as m_score
    from enriched
    where n_orders > 0
),

-- the customer's value and its rank from the top as a share of all customers; in
-- its own narrow CTE so the window sorts two columns, not every enriched column
-- (window 12.3 -> 0.5 CPU-s at 1M customers)
clv_ranks as (
    select
        customer_id,
        clv_value,
        cast(row_number() over (
            order by clv_value desc, customer_id asc
        ) as double) / count(*) over () as clv_top_share
    from (
        select
            customer_id,
            coalesce(predicted_clv_12m, historical_clv, 0) as clv_value
        from enriched
    ) as clv_values
),

final as (
    select
        enriched.*,
        -- 5. RFM
        rfm_scores.r_score,
        rfm_scores.f_score,
        rfm_scores.m_score,
        cast(floor((rfm_scores.f_score + rfm_scores.m_score) / 2.0 + 0.5) as integer) as fm_score,
        -- 6. value
        clv_ranks.clv_value,
        clv_ranks.clv_top_share,
        -- 7. lifecycle thresholds
        {{ var('segment_new_days') }} as segment_new_days,
        {{ var('segment_active_days') }} as segment_active_days,
        {{ var('segment_at_risk_days') }} as segment_at_risk_days,
        {{ var('segment_lapsed_days') }} as segment_lapsed_days
    from enriched
    left join rfm_scores
        on enriched.customer_id = rfm_scores.customer_id
    inner join clv_ranks
        on enriched.customer_id = clv_ranks.customer_id
)

select * from final
