/*
    One row per browser (anonymous_id) and device type: its events up to the
    as-of date. The feature models sum these per customer for the primary device.
*/
with

stg_web__events as (
    select * from {{ ref('stg_web__events') }}
),

final as (
    select
        anonymous_id,
        device_type,
        count(*) as web_events
    from stg_web__events
    where device_type is not null and event_at < {{ dateadd_days(as_of_date(), 1) }}
    group by anonymous_id, device_type
)

select * from final
