{{ config(
    materialized='incremental',
    incremental_strategy=engine_incremental_strategy(),
    full_refresh=engine_incremental_full_refresh(),
    unique_key='customer_id',
    on_schema_change='fail',
    post_hook="{{ delete_incremental_tombstones('inputs_fingerprint') }}",
) }}

/*
    One row per customer: the stored behavioral features, every figure that does
    not move with the as-of date by itself (int_features__behavior adds
    days_since_last_seen). "Last N days" means the N calendar days ending with
    the as-of date (event date > as-of - N).
    Web figures come from the per-browser aggregates of int_web__* (sessions:
    30-minute inactivity per browser, var web_session_gap_minutes), attached
    through customer_record_map (source web_events, record = anonymous_id); a
    session counts in a window when it starts in it.
    1. web: sessions, page / product views, add-to-cart, checkout, cart abandonment
    2. app: active days, usage frequency, platform
    3. last seen over every customer-initiated interaction

    inputs_fingerprint: the bit_xor of row_hash over every input row the
    customer's figures are computed from (each with its key, so no two rows
    cancel, and with the window it falls in), and the customer itself
    (CTE input_hashes). Every column a figure below reads must be hashed
    there: an input it leaves out is an input an incremental run misses
    (test_incremental.py checks the whole table against a full refresh).

    Incremental run (unique_key customer_id; 1M customers: ~8 % of them change
    with a day file):
    1. changed customers: those whose fold of input hashes now differs from the
       stored inputs_fingerprint, or that are new or gone (macro
       incremental_keys_to_build). This catches new, late, changed and erased
       rows of every input, records that moved to another customer (merges,
       splits), and rows that left or entered a window when the as-of date moved;
    2. their figures computed again from all their rows;
    3. a gone customer gets one row with a null inputs_fingerprint, which the
       post-hook deletes after the replace (a tombstone).
*/
{#- the customers whose figures this run computes: all of them, or on an
    incremental run the changed ones (new, gone or with other inputs) -#}
{%- set in_scope = 'in (select customers.customer_id from customers)' -%}

with

int_customers as {{ not_materialized() }} (
    select * from {{ ref('int_customers') }}
),

customer_record_map as {{ not_materialized() }} (
    select * from {{ ref('customer_record_map') }}
    where source = 'web_events'
),

int_web__sessions as {{ not_materialized() }} (
    select * from {{ ref('int_web__sessions') }}
),

int_web__browser_devices as {{ not_materialized() }} (
    select * from {{ ref('int_web__browser_devices') }}
),

int_web__browser_categories as {{ not_materialized() }} (
    select * from {{ ref('int_web__browser_categories') }}
),

int_customer_app_events as {{ not_materialized() }} (
    select * from {{ ref('int_customer_app_events') }}
),

int_customer_orders as {{ not_materialized() }} (
    select * from {{ ref('int_customer_orders') }}
),

int_customer_email_events as {{ not_materialized() }} (
    select * from {{ ref('int_customer_email_events') }}
),

int_customer_support_tickets as {{ not_materialized() }} (
    select * from {{ ref('int_customer_support_tickets') }}
),

int_customer_survey_responses as {{ not_materialized() }} (
    select * from {{ ref('int_customer_survey_responses') }}
),

int_customer_social_interactions as {{ not_materialized() }} (
    select * from {{ ref('int_customer_social_interactions') }}
),

-- the per-browser aggregates attached to customers (record = anonymous_id), all
-- customers: hashed below, then read for the customers this run computes
web_sessions as {{ not_materialized() }} (
    select
        customer_record_map.customer_id,
        int_web__sessions.*
    from int_web__sessions
    inner join customer_record_map
        on int_web__sessions.anonymous_id = customer_record_map.source_record_id
),

web_devices as {{ not_materialized() }} (
    select
        customer_record_map.customer_id,
        int_web__browser_devices.anonymous_id,
        int_web__browser_devices.device_type,
        int_web__browser_devices.web_events
    from int_web__browser_devices
    inner join customer_record_map
        on int_web__browser_devices.anonymous_id = customer_record_map.source_record_id
),

web_categories as {{ not_materialized() }} (
    select
        customer_record_map.customer_id,
        int_web__browser_categories.anonymous_id,
        int_web__browser_categories.category,
        int_web__browser_categories.category_views
    from int_web__browser_categories
    inner join customer_record_map
        on int_web__browser_categories.anonymous_id = customer_record_map.source_record_id
),

-- every input row a figure reads, hashed with its key and its windows; the
-- customer's fold of these is its inputs_fingerprint
input_hashes as (
    select
        customer_id,
        {{ row_hash(["'customer'", 'customer_id']) }} as input_hash
    from int_customers
    union all
    select
        customer_id,
        {{ row_hash([
            "'web_session'", 'anonymous_id', 'web_session_id', 'started_at', 'ended_at', 'has_add_to_cart',
            'has_order_completed', 'page_views', 'product_views', 'add_to_cart_count', 'checkout_count',
            'web_events',
            'cast(started_at as date) > ' ~ dateadd_days(as_of_date(), -30),
            'cast(started_at as date) > ' ~ dateadd_days(as_of_date(), -90),
            'cast(started_at as date) > ' ~ dateadd_days(as_of_date(), -365),
        ]) }}
    from web_sessions
    union all
    select
        customer_id,
        {{ row_hash(["'web_device'", 'anonymous_id', 'device_type', 'web_events']) }}
    from web_devices
    union all
    select
        customer_id,
        {{ row_hash(["'web_category'", 'anonymous_id', 'category', 'category_views']) }}
    from web_categories
    union all
    select
        customer_id,
        {{ row_hash([
            "'app_event'", 'app_event_id', 'event_at', 'platform',
            'cast(event_at as date) > ' ~ dateadd_days(as_of_date(), -30),
            'cast(event_at as date) > ' ~ dateadd_days(as_of_date(), -90),
        ]) }}
    from int_customer_app_events
    union all
    select
        customer_id,
        {{ row_hash(["'order'", 'shop_order_id', 'ordered_at']) }}
    from int_customer_orders
    union all
    select
        customer_id,
        {{ row_hash(["'email_event'", 'email_event_id', 'event_type', 'event_at']) }}
    from int_customer_email_events
    where event_type in ('open', 'click', 'unsubscribe', 'complaint')
    union all
    select
        customer_id,
        {{ row_hash(["'support_ticket'", 'support_ticket_id', 'created_at']) }}
    from int_customer_support_tickets
    union all
    select
        customer_id,
        {{ row_hash(["'survey_response'", 'survey_response_id', 'submitted_at']) }}
    from int_customer_survey_responses
    union all
    select
        customer_id,
        {{ row_hash(["'social_interaction'", 'social_interaction_id', 'interaction_at']) }}
    from int_customer_social_interactions
),

input_fingerprints as (
    select
        customer_id,
        bit_xor(input_hash) as inputs_fingerprint
    from input_hashes
    group by customer_id
),

-- the customers this run computes: all of them, or on an incremental run those
-- whose fold changed (gone ones included: they get the tombstone)
customers as (
    {{ incremental_keys_to_build('input_fingerprints', 'customer_id', 'inputs_fingerprint', 'int_customers') }}
),

web_session_features as (
    select
        customer_id,
        count(*) filter (where cast(started_at as date) > {{ dateadd_days(as_of_date(), -30) }}) as web_sessions_30d,
        count(*) filter (where cast(started_at as date) > {{ dateadd_days(as_of_date(), -90) }}) as web_sessions_90d,
        count(*) filter (where cast(started_at as date) > {{ dateadd_days(as_of_date(), -365) }}) as web_sessions_365d,
        count(*) filter (where has_add_to_cart and not has_order_completed)
        / cast(nullif(count(*) filter (where has_add_to_cart), 0) as double) as cart_abandonment_rate,
        cast(sum(page_views) as bigint) as page_views,
        cast(sum(product_views) as bigint) as product_views,
        cast(sum(add_to_cart_count) as bigint) as add_to_cart_count,
        cast(sum(checkout_count) as bigint) as checkout_count,
        cast(sum(web_events) as bigint) as web_events,
        max(ended_at) as last_web_event_at
    from web_sessions
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
    group by customer_id
),

devices as (
    select
        customer_id,
        device_type,
        cast(sum(web_events) as bigint) as n_events
    from web_devices
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
    group by customer_id, device_type
),

devices_ranked as (
    select
        customer_id,
        device_type,
        row_number() over (partition by customer_id order by n_events desc, device_type asc) as device_rank
    from devices
),

primary_device as (
    select
        customer_id,
        device_type as primary_device
    from devices_ranked
    where device_rank = 1
),

viewed_categories as (
    select
        customer_id,
        category,
        cast(sum(category_views) as bigint) as n_views
    from web_categories
    where
        category is not null
    {% if is_incremental() %}and customer_id {{ in_scope }}{% endif %}
    group by customer_id, category
),

top_viewed as (
    select
        customer_id,
        {{ string_agg_ordered('category', "';'", 'n_views desc, category asc') }} as top_viewed_categories
    from (
        select
            *,
            row_number() over (partition by customer_id order by n_views desc, category asc) as category_rank
        from viewed_categories
    ) as ranked
    where category_rank <= 3
    group by customer_id
),

app_features as (
    select
        customer_id,
        count(*) as app_events,
        count(distinct cast(event_at as date)) filter (
            where cast(event_at as date) > {{ dateadd_days(as_of_date(), -30) }}
        ) as app_active_days_30d,
        cast(count(distinct cast(event_at as date)) filter (
            where cast(event_at as date) > {{ dateadd_days(as_of_date(), -90) }}
        ) as double) * 7 / 90 as app_active_days_per_week_90d,
        count(*) filter (where platform = 'ios') as ios_events,
        count(*) filter (where platform = 'android') as android_events
    from int_customer_app_events
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
    group by customer_id
),

interactions as (
    select
        customer_id,
        last_web_event_at as interaction_at
    from web_session_features
    union all
    select
        customer_id,
        event_at
    from int_customer_app_events
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
    union all
    select
        customer_id,
        ordered_at
    from int_customer_orders
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
    union all
    select
        customer_id,
        event_at
    from int_customer_email_events
    where
        event_type in ('open', 'click', 'unsubscribe', 'complaint')
    {% if is_incremental() %}and customer_id {{ in_scope }}{% endif %}
    union all
    select
        customer_id,
        created_at
    from int_customer_support_tickets
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
    union all
    select
        customer_id,
        submitted_at
    from int_customer_survey_responses
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
    union all
    select
        customer_id,
        interaction_at
    from int_customer_social_interactions
    {% if is_incremental() %}where customer_id {{ in_scope }}{% endif %}
),

last_seen as (
    select
        customer_id,
        max(interaction_at) as last_seen_at
    from interactions
    group by customer_id
),

-- a gone customer has no inputs_fingerprint: its row is the tombstone
final as (
    select
        customers.customer_id,
        coalesce(web_session_features.web_sessions_30d, 0) as web_sessions_30d,
        coalesce(web_session_features.web_sessions_90d, 0) as web_sessions_90d,
        coalesce(web_session_features.web_sessions_365d, 0) as web_sessions_365d,
        coalesce(web_session_features.page_views, 0) as page_views,
        coalesce(web_session_features.product_views, 0) as product_views,
        coalesce(web_session_features.add_to_cart_count, 0) as add_to_cart_count,
        coalesce(web_session_features.checkout_count, 0) as checkout_count,
        web_session_features.cart_abandonment_rate,
        last_seen.last_seen_at,
        coalesce(app_features.app_active_days_30d, 0) as app_active_days_30d,
        coalesce(app_features.app_active_days_per_week_90d, 0) as app_active_days_per_week_90d,
        -- platform with the most events: web, ios or android (ties: web, ios, android)
        case
            when coalesce(web_session_features.web_events, 0) + coalesce(app_features.app_events, 0) = 0 then null
            when
                coalesce(web_session_features.web_events, 0) >= coalesce(app_features.ios_events, 0)
                and coalesce(web_session_features.web_events, 0) >= coalesce(app_features.android_events, 0)
                then 'web'
            when app_features.ios_events >= app_features.android_events then 'ios'
            else 'android'
        end as primary_platform,
        primary_device.primary_device,
        top_viewed.top_viewed_categories,
        input_fingerprints.inputs_fingerprint,
        -- which build wrote the row (data tests of incremental runs check those)
        {{ incremental_build_seq() }} as _build_seq
    from customers
    left join web_session_features
        on customers.customer_id = web_session_features.customer_id
    left join app_features
        on customers.customer_id = app_features.customer_id
    left join primary_device
        on customers.customer_id = primary_device.customer_id
    left join top_viewed
        on customers.customer_id = top_viewed.customer_id
    left join last_seen
        on customers.customer_id = last_seen.customer_id
    left join input_fingerprints
        on customers.customer_id = input_fingerprints.customer_id
)

select * from final
