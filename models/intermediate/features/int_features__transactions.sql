/*
    One row per customer: transactional features as of the as-of date.
    Revenue is net of refunds, in var reporting_currency, summed unrounded and
    rounded to the cent per customer. Counted orders: every status but cancelled.
    BTYD / RFM inputs follow the `lifetimes` package at day granularity:
      frequency      = distinct purchase days - 1
      recency        = days from first to last purchase day
      t_days (T)     = days from first purchase day to the as-of date
      monetary_value = mean net revenue of the repeat purchase days (first day
                       excluded; 0 when frequency = 0)
    1. counted orders per customer; gaps between consecutive orders
    2. purchase days (revenue per day) -> BTYD inputs
    3. category and channel mix
*/
with

int_customers as (
    select * from {{ ref('int_customers') }}
),

int_customer_orders as {{ not_materialized() }} (
    select * from {{ ref('int_customer_orders') }}
),

int_customer_order_lines as (
    select * from {{ ref('int_customer_order_lines') }}
),

counted_orders as (
    select
        *,
        {{ date_diff_parts(
            'day',
            'lag(ordered_date) over (partition by customer_id order by ordered_at, shop_order_id)',
            'ordered_date'
        ) }} as days_since_previous_order
    from int_customer_orders
    where is_counted
),

orders_per_customer as (
    select
        customer_id,
        count(*) as n_orders,
        min(ordered_at) as first_order_at,
        max(ordered_at) as last_order_at,
        round(sum(net_revenue_reporting), 2) as lifetime_revenue,
        count(distinct currency) as n_currencies,
        min(currency) as any_currency,
        sum(net_revenue) as net_revenue_local,
        avg(days_since_previous_order) as mean_days_between_orders,
        median(days_since_previous_order) as median_days_between_orders,
        avg(cast(is_refunded as integer)) as refund_rate,
        sum(discount_reporting) / cast(nullif(sum(subtotal_reporting), 0) as double) as discount_share,
        avg(case when channel = 'web' then 1 else 0 end) as channel_share_web,
        avg(case when channel = 'app' then 1 else 0 end) as channel_share_app,
        avg(case when channel = 'store' then 1 else 0 end) as channel_share_store
    from counted_orders
    group by customer_id
),

cancelled_per_customer as (
    select
        customer_id,
        count(*) as n_cancelled_orders
    from int_customer_orders
    where not is_counted
    group by customer_id
),

purchase_days as (
    select
        customer_id,
        ordered_date,
        sum(net_revenue_reporting) as day_revenue,
        row_number() over (partition by customer_id order by ordered_date) as day_number
    from counted_orders
    group by customer_id, ordered_date
),

btyd as (
    select
        customer_id,
        count(*) - 1 as frequency,
        {{ date_diff_parts('day', 'min(ordered_date)', 'max(ordered_date)') }} as recency,
        {{ date_diff_parts('day', 'min(ordered_date)', as_of_date()) }} as t_days,
        coalesce(avg(day_revenue) filter (where day_number > 1), 0) as monetary_value
    from purchase_days
    group by customer_id
),

category_revenue as (
    select
        customer_id,
        category,
        sum(line_amount_reporting) as category_amount
    from int_customer_order_lines
    where is_counted and category is not null
    group by customer_id, category
),

top_categories as (
    select
        customer_id,
        {{ string_agg_ordered('category', "';'", 'category_amount desc, category asc') }} as top_categories_bought
    from (
        select
            *,
            row_number() over (partition by customer_id order by category_amount desc, category asc) as category_rank
        from category_revenue
    ) as ranked
    where category_rank <= 3
    group by customer_id
),

final as (
    select
        int_customers.customer_id,
        coalesce(orders_per_customer.n_orders, 0) as n_orders,
        coalesce(cancelled_per_customer.n_cancelled_orders, 0) as n_cancelled_orders,
        orders_per_customer.first_order_at,
        orders_per_customer.last_order_at,
        cast(coalesce(orders_per_customer.lifetime_revenue, 0) as decimal(18, 2)) as lifetime_revenue,
        case when orders_per_customer.n_currencies = 1 then orders_per_customer.any_currency end as local_currency,
        case
            when orders_per_customer.n_currencies = 1 then cast(orders_per_customer.net_revenue_local as decimal(18, 2))
        end as lifetime_revenue_local,
        {{ rounded_quotient('orders_per_customer.lifetime_revenue', 'orders_per_customer.n_orders') }} as average_order_value,
        orders_per_customer.mean_days_between_orders,
        orders_per_customer.median_days_between_orders,
        orders_per_customer.refund_rate,
        orders_per_customer.discount_share,
        top_categories.top_categories_bought,
        -- most used channel; ties go to web, then app
        case
            when orders_per_customer.n_orders is null then null
            when
                orders_per_customer.channel_share_web >= orders_per_customer.channel_share_app
                and orders_per_customer.channel_share_web >= orders_per_customer.channel_share_store
                then 'web'
            when orders_per_customer.channel_share_app >= orders_per_customer.channel_share_store then 'app'
            else 'store'
        end as primary_channel,
        orders_per_customer.channel_share_web,
        orders_per_customer.channel_share_app,
        orders_per_customer.channel_share_store,
        coalesce(btyd.frequency > 0, false) as is_repeat_buyer,
        btyd.frequency,
        btyd.recency,
        btyd.t_days,
        cast(round(btyd.monetary_value, 2) as decimal(18, 2)) as monetary_value,
        cast(coalesce(orders_per_customer.lifetime_revenue, 0) as decimal(18, 2)) as historical_clv
    from int_customers
    left join orders_per_customer
        on int_customers.customer_id = orders_per_customer.customer_id
    left join cancelled_per_customer
        on int_customers.customer_id = cancelled_per_customer.customer_id
    left join btyd
        on int_customers.customer_id = btyd.customer_id
    left join top_categories
        on int_customers.customer_id = top_categories.customer_id
)

select * from final
