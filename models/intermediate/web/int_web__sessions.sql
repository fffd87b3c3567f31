{{ config(
    materialized='incremental',
    incremental_strategy=engine_incremental_key_replace_strategy(),
    full_refresh=engine_incremental_full_refresh(),
    unique_key='anonymous_id',
    on_schema_change='fail',
    post_hook="{{ delete_incremental_tombstones('web_session_id') }}",
) }}

/*
    One row per web session of every browser (anonymous_id), as of the as-of
    date: events after it are cut first, then sessionized. Sessionization: the
    browser's events in (event_at, web_event_id) order; a session starts at the
    first event and whenever the gap to the previous event exceeds var
    web_session_gap_minutes (default 30; a gap of exactly 30 minutes stays in
    the session).
    Identity-free: a browser is one record of source web_events, attached to its
    customer by the feature models through customer_record_map. The features read
    these 5.5M sessions instead of 32M events (1M customers).
    1. events of the browsers (before the as-of cut)
    2. gap to the previous event of the browser, session starts, session number
    3. per session: start, end, event counts, eco-rated product views, cart flags,
       and events_fingerprint: the bit_xor of its events' hashes (row_hash of
       every input a session figure depends on, the product's eco flag and the
       gap var included)

    Incremental run (unique_key anonymous_id: a browser's sessions are replaced):
    1. changed browsers: those whose fold of event hashes in stg_web__events (cut
       at the as-of date) differs from the fold of their sessions' fingerprints
       here. This catches new and late events, erased or newly rejected rows, a
       moved as-of date, a product's changed eco flag and a changed gap var;
    2. all events of the changed browsers sessionized again;
    3. a changed browser with no event left gets one row with a null
       web_session_id, which the post-hook deletes after the replace (a
       tombstone: replacing by key cannot delete a key that is not in the batch).
*/
with

stg_shop__products as {{ not_materialized() }} (
    select * from {{ ref('stg_shop__products') }}
),

{% if is_incremental() %}

    -- stg_web__events is read in each place with only the columns needed (a
    -- shared CTE of it would be materialized)
    staged_fingerprints as (
        select
            stg_web__events.anonymous_id,
            bit_xor({{ web_event_hash('stg_web__events', 'stg_shop__products') }}) as events_fingerprint
        from {{ ref('stg_web__events') }} as stg_web__events
        left join stg_shop__products
            on stg_web__events.shop_product_id = stg_shop__products.shop_product_id
        where stg_web__events.event_at < {{ dateadd_days(as_of_date(), 1) }}
        group by stg_web__events.anonymous_id
    ),

    changed_browsers as (
        {{ incremental_changed_browsers('staged_fingerprints') }}
    ),

    events as (
        select
            stg_web__events.web_event_id,
            stg_web__events.anonymous_id,
            stg_web__events.event_type,
            stg_web__events.event_name,
            stg_web__events.shop_product_id,
            stg_web__events.event_at
        from {{ ref('stg_web__events') }} as stg_web__events
        inner join changed_browsers
            on stg_web__events.anonymous_id = changed_browsers.anonymous_id
        where stg_web__events.event_at < {{ dateadd_days(as_of_date(), 1) }}
    ),

{% else %}

    events as (
        select
            web_event_id,
            anonymous_id,
            event_type,
            event_name,
            shop_product_id,
            event_at
        from {{ ref('stg_web__events') }}
        where event_at < {{ dateadd_days(as_of_date(), 1) }}
    ),

{% endif %}

with_gaps as (
    select
        *,
        lag(event_at) over (
            partition by anonymous_id order by event_at, web_event_id
        ) as previous_event_at
    from events
),

session_starts as (
    select
        *,
        coalesce(
            previous_event_at is null
            or event_at > previous_event_at + to_minutes(cast({{ var('web_session_gap_minutes', 30) }} as integer)),
            true
        ) as is_session_start
    from with_gaps
),

numbered as (
    select
        *,
        sum(cast(is_session_start as integer)) over (
            partition by anonymous_id order by event_at, web_event_id
            rows between unbounded preceding and current row
        ) as session_number
    from session_starts
),

sessions as (
    select
        -- the browser and the session's number within it, in one value
        numbered.anonymous_id || '-' || cast(numbered.session_number as string) as web_session_id,
        numbered.anonymous_id,
        min(numbered.event_at) as started_at,
        max(numbered.event_at) as ended_at,
        count(*) as web_events,
        count(*) filter (where numbered.event_type = 'page') as page_views,
        count(*) filter (where numbered.event_name = 'Product Viewed') as product_views,
        count(*) filter (where numbered.event_name = 'Product Added') as add_to_cart_count,
        count(*) filter (where numbered.event_name = 'Checkout Started') as checkout_count,
        -- product views of a product with a known eco flag, and of those the eco-friendly ones
        count(*) filter (
            where numbered.event_name = 'Product Viewed' and stg_shop__products.is_eco_friendly is not null
        ) as rated_product_views,
        count(*) filter (
            where numbered.event_name = 'Product Viewed' and stg_shop__products.is_eco_friendly
        ) as eco_product_views,
        bool_or(numbered.event_name = 'Product Added') as has_add_to_cart,
        bool_or(numbered.event_name = 'Order Completed') as has_order_completed,
        bit_xor({{ web_event_hash('numbered', 'stg_shop__products') }}) as events_fingerprint
    from numbered
    left join stg_shop__products
        on numbered.shop_product_id = stg_shop__products.shop_product_id
    group by numbered.anonymous_id, numbered.session_number
),

final as (
    select
        *,
        -- which build wrote the row (data tests of incremental runs check those)
        {{ incremental_build_seq() }} as _build_seq
    from sessions

    {% if is_incremental() %}
        union all
        -- tombstones, deleted by the post-hook
        select
            cast(null as {{ dbt.type_string() }}) as web_session_id,
            anonymous_id,
            cast(null as timestamp) as started_at,
            cast(null as timestamp) as ended_at,
            0 as web_events,
            0 as page_views,
            0 as product_views,
            0 as add_to_cart_count,
            0 as checkout_count,
            0 as rated_product_views,
            0 as eco_product_views,
            false as has_add_to_cart,
            false as has_order_completed,
            null as events_fingerprint,
            {{ incremental_build_seq() }} as _build_seq
        from changed_browsers
        where is_emptied
    {% endif %}
)

select * from final
