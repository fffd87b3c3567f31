{{ config(materialized='view') }}

/*
    One row per customer: behavioral features as of the as-of date. The stored
    figures of int_features__behavior_stored (incremental: only customers whose
    inputs changed are computed again) and the figure that moves with the
    as-of date every day for every customer seen, days_since_last_seen, computed
    here on read. See int_features__behavior_stored for the figures.
*/
with

behavior_stored as (
    select * from {{ ref('int_features__behavior_stored') }}
),

final as (
    select
        customer_id,
        web_sessions_30d,
        web_sessions_90d,
        web_sessions_365d,
        page_views,
        product_views,
        add_to_cart_count,
        checkout_count,
        cart_abandonment_rate,
        last_seen_at,
        {{ date_diff_parts('day', 'cast(last_seen_at as date)', as_of_date()) }} as days_since_last_seen,
        app_active_days_30d,
        app_active_days_per_week_90d,
        primary_platform,
        primary_device,
        top_viewed_categories
    from behavior_stored
)

select * from final
