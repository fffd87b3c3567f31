/*
    One row per email event (sent, delivered, open, click, bounce, unsubscribe, complaint) of a resolved customer.
    Attached through customer_record_map (source email_events); as of the as-of date.
    Only the columns the features read: the address, its match key and flags,
    the link and the lineage stay in stg_email__events (18M rows at 1M
    customers: each stored string column is seconds of write per build).
*/
with

stg_email__events as (
    select * from {{ ref('stg_email__events') }}
),

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
    where source = 'email_events'
),

final as (
    select
        customer_record_map.customer_id,
        stg_email__events.email_event_id,
        stg_email__events.campaign_id,
        stg_email__events.campaign_name,
        stg_email__events.event_type,
        stg_email__events.event_at
    from stg_email__events
    inner join customer_record_map
        on stg_email__events.email_event_id = customer_record_map.source_record_id
    where stg_email__events.event_at < {{ dateadd_days(as_of_date(), 1) }}
)

select * from final
