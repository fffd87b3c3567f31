/*
    One row per support ticket of a resolved customer.
    Attached through customer_record_map (source support_tickets); as of the as-of date.
*/
with

stg_support__tickets as (
    select * from {{ ref('stg_support__tickets') }}
),

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
    where source = 'support_tickets'
),

final as (
    select
        customer_record_map.customer_id,
        stg_support__tickets.*
    from stg_support__tickets
    inner join customer_record_map
        on stg_support__tickets.support_ticket_id = customer_record_map.source_record_id
    where stg_support__tickets.created_at < {{ dateadd_days(as_of_date(), 1) }}
)

select * from final
