/*
    One row per browser (anonymous_id) and device type: its events up to the
    as-of date. The feature models sum these per customer for the primary device.
    A table: at 1M customers the group-by takes 3.0 s, and an incremental run by
    browser (as int_web__sessions) took as long (3.1 s), its fold of event
    hashes over every event costing what the count saves.
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
