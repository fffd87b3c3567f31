/*
    One row per app event of a resolved customer (record = device_id).
    Attached through customer_record_map (source app_events); as of the as-of date.
*/
with

stg_app__events as (
    select * from {{ ref('stg_app__events') }}
),

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
    where source = 'app_events'
),

final as (
    select
        customer_record_map.customer_id,
        -- every staged column but _build_seq (which build wrote the staged row:
        -- bookkeeping of the staging tests, not a fact about the event)
        stg_app__events.app_event_id,
        stg_app__events.device_id,
        stg_app__events.shop_customer_id,
        stg_app__events.event_name,
        stg_app__events.platform,
        stg_app__events.app_version,
        stg_app__events.push_enabled,
        stg_app__events.event_at,
        stg_app__events._source_file,
        stg_app__events._source_row
    from stg_app__events
    inner join customer_record_map
        on stg_app__events.device_id = customer_record_map.source_record_id
    where stg_app__events.event_at < {{ dateadd_days(as_of_date(), 1) }}
)

select * from final
