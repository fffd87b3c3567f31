/*
    One row per shop account of a resolved customer.
    Attached through customer_record_map (source shop_customers); as of the as-of date.
*/
with

stg_shop__customers as (
    select * from {{ ref('stg_shop__customers') }}
),

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
    where source = 'shop_customers'
),

final as (
    select
        customer_record_map.customer_id,
        stg_shop__customers.*
    from stg_shop__customers
    inner join customer_record_map
        on stg_shop__customers.shop_customer_id = customer_record_map.source_record_id
    where coalesce(stg_shop__customers.created_at, stg_shop__customers.updated_at) < {{ dateadd_days(as_of_date(), 1) }}
)

select * from final
