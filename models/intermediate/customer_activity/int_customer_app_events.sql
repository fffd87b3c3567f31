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
        stg_app__events.*
    from stg_app__events
    inner join customer_record_map
        on stg_app__events.device_id = customer_record_map.source_record_id
    where stg_app__events.event_at < {{ dateadd_days(as_of_date(), 1) }}
)

select * from final
