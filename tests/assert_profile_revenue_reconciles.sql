/*
    Reconciliation, to the cent, in var reporting_currency: lifetime revenue in
    marts.customer_profiles equals the net revenue (total - refunded_amount,
    status != cancelled, up to the as-of date) of the resolved customers'
    orders recomputed straight from staging (stg_shop__orders + customer_record_map
    + seed fx_rates), per customer and in total. Returns the mismatches.
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

customer_profiles as (
    select * from {{ ref('customer_profiles') }}
),

staging_revenue as (
    select
        customer_record_map.customer_id,
        round(sum(
            (stg_shop__orders.total - coalesce(stg_shop__orders.refunded_amount, 0))
            * cast(order_rate.eur_per_unit as decimal(18, 6))
            / cast(reporting_rate.eur_per_unit as decimal(18, 6))
        ), 2) as staging_revenue
    from stg_shop__orders
    inner join customer_record_map
        on stg_shop__orders.shop_order_id = customer_record_map.source_record_id
    inner join fx_rates as order_rate
        on
            stg_shop__orders.currency = order_rate.currency
            and cast(date_trunc('month', stg_shop__orders.ordered_at) as date) = order_rate.month_start
    inner join fx_rates as reporting_rate
        on
            reporting_rate.currency = '{{ var("reporting_currency") }}'
            and order_rate.month_start = reporting_rate.month_start
    where
        stg_shop__orders.status != 'cancelled'
        and stg_shop__orders.ordered_at < {{ dateadd_days(as_of_date(), 1) }}
    group by customer_record_map.customer_id
),

per_customer as (
    select
        coalesce(customer_profiles.customer_id, staging_revenue.customer_id) as customer_id,
        coalesce(customer_profiles.lifetime_revenue, 0) as profile_revenue,
        coalesce(staging_revenue.staging_revenue, 0) as staging_revenue
    from customer_profiles
    full outer join staging_revenue
        on customer_profiles.customer_id = staging_revenue.customer_id
),

totals as (
    select
        'TOTAL' as customer_id,
        sum(profile_revenue) as profile_revenue,
        sum(staging_revenue) as staging_revenue
    from per_customer
),

final as (
    select * from per_customer
    union all
    select * from totals
)

select * from final
where abs(profile_revenue - staging_revenue) >= 0.005
