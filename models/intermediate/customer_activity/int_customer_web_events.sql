/*
    One row per web event of a resolved customer (as of the as-of date), with
    its web session. Sessionization: events of one anonymous_id (browser) in
    event time order; a new session starts at the first event and whenever the
    gap to the previous event exceeds var web_session_gap_minutes (default 30,
    a gap of exactly 30 minutes stays in the session).
    1. events attached through customer_record_map (source web_events, record = anonymous_id)
    2. gap to the previous event of the same anonymous_id
    3. running count of session starts -> web_session_id
    Stored: only what the features read (32M rows at 1M customers, where every
    stored column is seconds of write per build).
*/
with

stg_web__events as (
    select * from {{ ref('stg_web__events') }}
),

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
    where source = 'web_events'
),

stg_shop__products as (
    select * from {{ ref('stg_shop__products') }}
),

events_of_customers as (
    select
        customer_record_map.customer_id,
        stg_web__events.web_event_id,
        stg_web__events.anonymous_id,
        stg_web__events.event_type,
        stg_web__events.event_name,
        -- the page's category (/c/<category>), taken here so the session windows
        -- below sort a short value instead of the whole URL
        nullif(regexp_extract(stg_web__events.page_url, '/c/([^/?#]+)', 1), '') as page_category,
        stg_web__events.shop_product_id,
        stg_web__events.device_type,
        stg_web__events.event_at
    from stg_web__events
    inner join customer_record_map
        on stg_web__events.anonymous_id = customer_record_map.source_record_id
    where stg_web__events.event_at < {{ dateadd_days(as_of_date(), 1) }}
),

with_gaps as (
    select
        *,
        lag(event_at) over (
            partition by anonymous_id order by event_at, web_event_id
        ) as previous_event_at
    from events_of_customers
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

final as (
    select
        numbered.web_event_id,
        numbered.customer_id,
        -- the browser and the session's number within it, in one value
        numbered.anonymous_id || '-' || cast(numbered.session_number as string) as web_session_id,
        numbered.is_session_start,
        numbered.event_type,
        numbered.event_name,
        numbered.device_type,
        -- category of the page (/c/<category>) or of the viewed product
        coalesce(stg_shop__products.category, numbered.page_category) as category,
        stg_shop__products.is_eco_friendly,
        numbered.event_at
    from numbered
    left join stg_shop__products
        on numbered.shop_product_id = stg_shop__products.shop_product_id
)

select * from final
