/*
    One row per customer: the unified, BI-facing customer profile as of the
    as-of date. Holds no raw PII (no names, email, phone, street or birth date):
    contact points appear as salted hashes (macro pseudonymize) and flags; the
    golden record with raw values is restricted.customer_golden_records.
    Each feature area is one intermediate model, joined here once on customer_id.
    completeness_score = share of 9 key fields filled: name, email, phone,
    street, city, postal code, country, age (birth date), gender.
*/
with

int_features__profile_quality as (
    select * from {{ ref('int_features__profile_quality') }}
),

int_features__golden_record as (
    select * from {{ ref('int_features__golden_record') }}
),

int_features__demographics as (
    select * from {{ ref('int_features__demographics') }}
),

int_features__behavior as (
    select * from {{ ref('int_features__behavior') }}
),

int_features__psychographics as (
    select * from {{ ref('int_features__psychographics') }}
),

int_features__transactions as (
    select * from {{ ref('int_features__transactions') }}
),

clv_predictions as (
    select * from {{ ref(clv_predictions_model()) }}
),

int_features__communication as (
    select * from {{ ref('int_features__communication') }}
),

final as (
    select
        -- id
        quality.customer_id,
        -- contact points, pseudonymous
        case when golden.primary_email is not null then {{ pseudonymize('golden.primary_email') }} end as email_hash,
        case when golden.primary_phone is not null then {{ pseudonymize('golden.primary_phone') }} end as phone_hash,
        golden.primary_email is not null as has_email,
        golden.primary_phone is not null as has_phone,
        -- 1. demographic
        demo.age,
        demo.age_band,
        demo.gender,
        demo.city,
        demo.region,
        demo.country_code,
        demo.postal_code,
        demo.city_source,
        demo.city_updated_at,
        demo.education_level,
        demo.occupation,
        demo.company_name,
        demo.company_size,
        demo.is_business_customer,
        -- 2. behavioral
        behavior.web_sessions_30d,
        behavior.web_sessions_90d,
        behavior.web_sessions_365d,
        behavior.page_views,
        behavior.product_views,
        behavior.add_to_cart_count,
        behavior.checkout_count,
        cast(behavior.cart_abandonment_rate as double) as cart_abandonment_rate,
        behavior.last_seen_at,
        behavior.days_since_last_seen,
        behavior.app_active_days_30d,
        cast(behavior.app_active_days_per_week_90d as double) as app_active_days_per_week_90d,
        behavior.primary_platform,
        behavior.primary_device,
        behavior.top_viewed_categories,
        tx.is_repeat_buyer,
        -- 3. psychographic
        psycho.stated_interests,
        psycho.inferred_interests,
        psycho.interests,
        psycho.stated_values,
        psycho.values_sustainability,
        psycho.values_price,
        psycho.values_quality,
        psycho.values_convenience,
        cast(psycho.eco_affinity_score as double) as eco_affinity_score,
        psycho.lifestyle,
        psycho.social_topics,
        psycho.average_social_sentiment,
        -- 4. transactional
        tx.n_orders,
        tx.n_cancelled_orders,
        tx.first_order_at,
        tx.last_order_at,
        tx.lifetime_revenue,
        tx.local_currency,
        tx.lifetime_revenue_local,
        tx.average_order_value,
        cast(tx.mean_days_between_orders as double) as mean_days_between_orders,
        tx.median_days_between_orders,
        cast(tx.refund_rate as double) as refund_rate,
        cast(tx.discount_share as double) as discount_share,
        tx.top_categories_bought,
        tx.primary_channel,
        cast(tx.channel_share_web as double) as channel_share_web,
        cast(tx.channel_share_app as double) as channel_share_app,
        cast(tx.channel_share_store as double) as channel_share_store,
        tx.frequency,
        tx.recency,
        tx.t_days,
        tx.monetary_value,
        tx.historical_clv,
        clv.expected_purchases_12m,
        clv.expected_order_value,
        clv.predicted_clv_12m,
        clv.clv_method,
        -- 5. communication
        comms.consent_email,
        comms.consent_sms,
        comms.consent_push,
        comms.consent_personalization,
        comms.consent_updated_at,
        comms.preferred_channel,
        comms.preferred_channel_basis,
        cast(comms.email_open_rate_90d as double) as email_open_rate_90d,
        cast(comms.email_click_rate_90d as double) as email_click_rate_90d,
        comms.best_contact_hour,
        comms.best_contact_weekday,
        comms.is_unsubscribed,
        comms.is_hard_bounced,
        comms.has_complained,
        comms.support_contacts,
        comms.open_tickets,
        cast(comms.average_csat as double) as average_csat,
        comms.latest_nps_score,
        comms.nps_category,
        -- 7. profile quality
        cast((
            cast(golden.display_name is not null as integer)
            + cast(golden.primary_email is not null as integer)
            + cast(golden.primary_phone is not null as integer)
            + cast(golden.street is not null as integer)
            + cast(demo.city is not null as integer)
            + cast(demo.postal_code is not null as integer)
            + cast(demo.country_code is not null as integer)
            + cast(demo.age is not null as integer)
            + cast(demo.gender is not null as integer)
        ) / 9.0 as double) as completeness_score,
        quality.n_sources,
        quality.n_records,
        quality.contributing_sources,
        quality.first_seen_at,
        quality.profile_updated_at
    from int_features__profile_quality as quality
    left join int_features__golden_record as golden
        on quality.customer_id = golden.customer_id
    left join int_features__demographics as demo
        on quality.customer_id = demo.customer_id
    left join int_features__behavior as behavior
        on quality.customer_id = behavior.customer_id
    left join int_features__psychographics as psycho
        on quality.customer_id = psycho.customer_id
    left join int_features__transactions as tx
        on quality.customer_id = tx.customer_id
    left join clv_predictions as clv
        on quality.customer_id = clv.customer_id
    left join int_features__communication as comms
        on quality.customer_id = comms.customer_id
)

select * from final
