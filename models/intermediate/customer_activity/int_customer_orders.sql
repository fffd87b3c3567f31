/*
    One row per shop order of a resolved customer, placed on or before the as-of
    date, with its amounts converted to var reporting_currency at the order's
    UTC month (seed fx_rates: eur_per_unit per currency and month).
    1. orders attached to customers through customer_record_map (source shop_orders)
    2. fx rate of the order currency and month, and of the reporting currency
    3. is_counted: every status but cancelled; net = total - refunded_amount
*/
with

stg_shop__orders as (
    select * from {{ ref('stg_shop__orders') }}
),

customer_record_map as (
    select * from {{ ref('customer_record_map') }}
    where source = 'shop_orders'
),

fx_rates as {{ not_materialized() }} (
    select * from {{ ref('fx_rates') }}
),

reporting_rates as (
    select
        month_start,
        cast(eur_per_unit as decimal(18, 6)) as eur_per_reporting_unit
    from fx_rates
    where currency = '{{ var("reporting_currency") }}'
),

orders_of_customers as (
    select
        customer_record_map.customer_id,
        stg_shop__orders.*,
        cast(date_trunc('month', stg_shop__orders.ordered_at) as date) as order_month
    from stg_shop__orders
    inner join customer_record_map
        on stg_shop__orders.shop_order_id = customer_record_map.source_record_id
    where stg_shop__orders.ordered_at < {{ dateadd_days(as_of_date(), 1) }}
),

converted as (
    select
        orders_of_customers.*,
        cast(
            cast(fx_rates.eur_per_unit as decimal(18, 6)) / reporting_rates.eur_per_reporting_unit
            as decimal(18, 10)
        ) as fx_rate_to_reporting
    from orders_of_customers
    left join fx_rates
        on
            orders_of_customers.currency = fx_rates.currency
            and orders_of_customers.order_month = fx_rates.month_start
    left join reporting_rates
        on orders_of_customers.order_month = reporting_rates.month_start
),

final as (
    select
        -- ids
        shop_order_id,
        customer_id,
        shop_customer_id,
        -- strings
        status,
        channel,
        currency,
        -- booleans
        status != 'cancelled' as is_counted,
        status in ('refunded', 'partially_refunded') as is_refunded,
        is_guest_checkout,
        -- contact and shipping details written on the order (PII)
        email,
        is_email_valid,
        is_email_junk,
        phone_e164,
        is_phone_valid,
        is_phone_junk,
        shipping_city,
        shipping_postal_code,
        shipping_country_code,
        -- numerics, order currency
        subtotal,
        discount,
        total,
        coalesce(refunded_amount, 0) as refunded_amount,
        total - coalesce(refunded_amount, 0) as net_revenue,
        -- numerics, reporting currency (unrounded: round after summing)
        fx_rate_to_reporting,
        subtotal * fx_rate_to_reporting as subtotal_reporting,
        discount * fx_rate_to_reporting as discount_reporting,
        (total - coalesce(refunded_amount, 0)) * fx_rate_to_reporting as net_revenue_reporting,
        -- dates
        cast(ordered_at as date) as ordered_date,
        -- timestamps
        ordered_at
    from converted
)

select * from final
