/*
    One row per consent change (purpose granted or withdrawn) of a resolved customer.
    Attached through customer_record_map (source consent_events); as of the as-of date.
*/
with

stg_consent__events as (
    select * from {{ ref('stg_consent__events') }}
),

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
    where source = 'consent_events'
),

final as (
    select
        customer_record_map.customer_id,
        stg_consent__events.*
    from stg_consent__events
    inner join customer_record_map
        on stg_consent__events.consent_event_id = customer_record_map.source_record_id
    where stg_consent__events.recorded_at < {{ dateadd_days(as_of_date(), 1) }}
)

select * from final
