/*
    One row per web event of a resolved customer (as of the as-of date), with
    its web session: the sessionized events (int_web__sessionized_events, one
    browser at a time, incremental) attached to their customer through
    customer_record_map (source web_events, record = anonymous_id), cut at the
    as-of date, with the viewed product's category.
    Stored: only what the features read (32M rows at 1M customers, where every
    stored column is seconds of write per build).
*/
with

sessionized_events as (
    select * from {{ ref('int_web__sessionized_events') }}
),

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
    where source = 'web_events'
),

stg_shop__products as (
    select * from {{ ref('stg_shop__products') }}
),

final as (
    select
        sessionized_events.web_event_id,
        customer_record_map.customer_id,
        -- the browser and the session's number within it, in one value
        sessionized_events.anonymous_id || '-' || cast(sessionized_events.session_number as string) as web_session_id,
        sessionized_events.is_session_start,
        sessionized_events.event_type,
        sessionized_events.event_name,
        sessionized_events.device_type,
        -- category of the page (/c/<category>) or of the viewed product
        coalesce(stg_shop__products.category, sessionized_events.page_category) as category,
        stg_shop__products.is_eco_friendly,
        sessionized_events.event_at
    from sessionized_events
    inner join customer_record_map
        on sessionized_events.anonymous_id = customer_record_map.source_record_id
    left join stg_shop__products
        on sessionized_events.shop_product_id = stg_shop__products.shop_product_id
    where sessionized_events.event_at < {{ dateadd_days(as_of_date(), 1) }}
)

select * from final
